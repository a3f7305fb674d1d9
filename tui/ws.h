/*
 * ws.h - private declarations of the full-screen workstation (tui/ws_*.c):
 * the workstation context, the pane interface, the line editor and the
 * drawing helpers.  Nothing outside tui/ws_*.c includes this file.
 *
 * Screen layout (rows):  0 header, 1 tabs, 2 .. LINES-3 the body where the
 * panes draw, LINES-2 the keys of the current screen, LINES-1 messages.
 */
#ifndef AS_WS_H
#define AS_WS_H

#include <curses.h>
#include <stdint.h>
#include <time.h>
#include <wchar.h>

#include "tui.h"

/* Keys: characters are themselves; curses key codes are tagged. */
#define WS_FN(k) (0x40000000 | (k))
#define WS_CTRL(c) ((c) & 0x1f)
#define WS_ESC 27
#define WS_IS_CHAR(k) ((k) >= 32 && (k) != 127 && !((k) & 0x40000000))

/* What a pane handler tells the event loop. */
enum ws_ret {
	WS_HANDLED = 0, /* done; anything changed was drawn by the pane */
	WS_REDRAW,      /* draw the pane again */
	WS_QUIT,        /* leave the program (asks first if a form is dirty) */
	WS_PASS,        /* not mine: try the global keys */
};

/* Attributes, colour where the terminal has it, A_REVERSE/A_BOLD if not. */
enum ws_attr {
	WSA_NORMAL, WSA_HDR, WSA_TAB, WSA_TABON, WSA_SEL, WSA_COLHDR, WSA_LABEL,
	WSA_KEY, WSA_ERR, WSA_WARN, WSA_OVER, WSA_DIM, WSA_REQ, WSA_INPUT, WSA_FOCUS,
	WSA_TITLE, WSA_OK, WSA_BOX,
	WSA__N
};

/* Things the event loop must draw before the next doupdate(). */
enum {
	WS_NEED_HDR = 1, WS_NEED_TABS = 2, WS_NEED_BODY = 4,
	WS_NEED_KEYS = 8, WS_NEED_MSG = 16,
	WS_NEED_ALL = 31,
};

#define WS_MAXPANES 12

struct ws_pane;
struct ws_keys;

struct ws {
	struct core *c;
	const struct cfg *cfg;
	const struct tui_opts *o;
	const char *lang;        /* "zh" or "en" */
	SCREEN *scr;
	WINDOW *hdr, *tabs, *body, *keys, *msgw;
	int lines, cols, bodyh;
	int small;               /* the terminal is too small to use */
	int cursor;              /* current curs_set() state */
	attr_t attr[WSA__N];
	size_t tab;              /* index of the record type in cfg */
	struct ws_pane *stack[WS_MAXPANES];
	size_t depth;
	unsigned need;
	uint64_t txn;            /* last transaction id seen */
	time_t idle_at;          /* last core_idle() */
	long clock_min;          /* minute shown in the header */
	char msg[768];
	int msg_level;           /* 0 info, 1 ok, 2 error */
	int quit;
	int arrow;               /* arrow cursor: "->" marks the selected
				    list row instead of a whole-row bar
				    (--arrow-cursor, key A; slow links) */
};

/*
 * A pane: the list, a detail view, a form, a picker.  Each kind embeds
 * struct ws_pane first and supplies its operations; any may be NULL.
 */
struct ws_pane_ops {
	/* Draw everything of the pane (into ws->body, or its own window). */
	void (*draw)(struct ws *w, struct ws_pane *p);
	/* Handle a key (see WS_FN); returns enum ws_ret. */
	int (*key)(struct ws *w, struct ws_pane *p, int key);
	/* Someone wrote to the store: re-read what is shown; draw what changed. */
	void (*changed)(struct ws *w, struct ws_pane *p);
	/* 1 and the position if the pane wants the text cursor shown. */
	int (*cursor)(struct ws *w, struct ws_pane *p, WINDOW **win, int *y,
		      int *x);
	/* The keys of this pane, for the footer and the help screen. */
	void (*keys)(struct ws *w, struct ws_pane *p, struct ws_keys *k);
	/* 1 if closing would lose typed input. */
	int (*dirty)(struct ws_pane *p);
	/* The terminal was resized: drop windows of the old size. */
	void (*resize)(struct ws *w, struct ws_pane *p);
	void (*free)(struct ws_pane *p);
};

struct ws_pane {
	const struct ws_pane_ops *ops;
	int overlay;    /* drawn over the pane below it */
	int dead;       /* closed: freed by the event loop */
};

/* Where a key description shows: the footer, the help screen, or both. */
enum { WS_K_HELP = 0, WS_K_FOOT = 1, WS_K_BOTH = 2 };
struct ws_keyent {
	char key[32];
	char text[96];
	int foot;       /* WS_K_* */
};
struct ws_keys {
	size_t n;
	struct ws_keyent v[80];
};
void ws_keys_add(struct ws_keys *k, int foot, const char *key,
		 const char *text);

/* ws_main.c: the pane stack and the status lines. */
void ws_push(struct ws *w, struct ws_pane *p);
/* Mark p closed; the loop frees it and redraws what is below. */
void ws_close(struct ws *w, struct ws_pane *p);
/* The pane below p on the stack (NULL at the bottom). */
struct ws_pane *ws_below(struct ws *w, struct ws_pane *p);
/* Set the message line (level 0 info, 1 ok, 2 error). */
void ws_msg(struct ws *w, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Leave the program, asking first when a form has unsaved input. */
void ws_request_quit(struct ws *w);
/* The record type of the current tab (NULL if the config has none). */
const struct cfg_rectype *ws_rectype(const struct ws *w);
/* Open record id in a detail view on top of the stack. */
void ws_open_record(struct ws *w, const char *id);
/* The keys that work on every screen (for the help). */
void ws_global_keys(struct ws *w, struct ws_keys *k);
/* Ask for a record number and open it (g, Ctrl-G). */
void ws_goto_prompt(struct ws *w);

/* ws_util.c: text and drawing helpers. */
/* zh or en text by the display language. */
const char *ws_tr(const struct ws *w, const char *zh, const char *en);
/* A configured label in the display language. */
const char *ws_label(const struct ws *w, const struct cfg_label *l,
		     const char *fallback);
/*
 * The scrolling keys of a pager-like pane (arrows, Ctrl-N/P, PgDn/space,
 * PgUp, Home, End) over rows lines shown of total: 1 and the lines to move
 * in *delta, or 0 if key is none of them.
 */
int ws_scroll_key(int key, int rows, int total, int *delta);

/* The state transition t leads to, or "unchanged" for a stay: step. */
const char *ws_to_label(const struct ws *w, const struct cfg_transition *t);
/*
 * Draw UTF-8 text s at (y, x) of win in at most width columns with
 * attribute a, never cutting a character; pad == 1 fills the rest of
 * width with blanks.  Control characters show as '?'.  Returns the columns
 * written (padding included).
 */
int ws_put(WINDOW *win, int y, int x, int width, const char *s, attr_t a,
	   int pad);
/*
 * ws_put with a mark: text wider than width shows its first width - 1
 * columns and "…", so a cut-off cell says so.
 */
int ws_put_cut(WINDOW *win, int y, int x, int width, const char *s,
	       attr_t a, int pad);
/* Fill width columns at (y, x) with blanks. */
void ws_blank(WINDOW *win, int y, int x, int width, attr_t a);
/*
 * Break s into rows of at most width columns (at spaces where possible,
 * never inside a character; '\n' breaks).  Calls fn for each row.
 */
void ws_wrap(const char *s, int width,
	     void (*fn)(const char *row, size_t n, void *ctx), void *ctx);
/* "12m", "5h", "3d": a compact duration. */
void ws_duration(int64_t secs, char *buf, size_t n);
/*
 * A count after a view or tab name, with its leading space: " 12",
 * " 999+" (more: at least that many), " 12k", " 1.2M" (at most 5 columns).
 */
void ws_count(uint64_t n, int more, char *buf, size_t size);
/* Display width of UTF-8 s. */
int ws_width(const char *s);
/* Draw a box border of window win. */
void ws_box(struct ws *w, WINDOW *win);
/* Display name of a login ("王芳"), or the login itself. */
/*
 * Append to b the labels of the states step t leaves, joined by "/" (a
 * batch names no one record's state): "已登记/已受理".
 */
void ws_step_from(const struct ws *w, const struct cfg_transition *t,
		  struct as_buf *b);
const char *ws_user_name(const struct ws *w, const char *login);
/* The stored value v of field f as shown in the display language (new). */
char *ws_format(const struct ws *w, const struct cfg_field *f,
		const char *v);

/* ws_edit.c: a line editor over wide characters. */
struct ws_line {
	wchar_t *s;
	size_t len, cap;
	size_t cur;     /* cursor, in characters */
	size_t off;     /* first character shown (one-line) */
	int voff;       /* first row shown (multi-line) */
};
void ws_line_set(struct ws_line *l, const char *utf8);
/* The text as UTF-8 (new string). */
char *ws_line_get(const struct ws_line *l);
void ws_line_free(struct ws_line *l);
/*
 * Apply an editing key: characters, Backspace, Delete, Left/Right,
 * Home/End (Ctrl-A/Ctrl-E), Ctrl-K, Ctrl-U; with multi also Ctrl-J
 * (new line).  Returns 1 if the text changed, 0 if only the cursor moved,
 * -1 if the key is not an editing key.
 */
int ws_line_key(struct ws_line *l, int key, int multi);
/*
 * Draw l on one row of width columns, scrolled so the cursor shows;
 * *curx receives the cursor column (relative to x).
 */
void ws_line_draw(WINDOW *win, int y, int x, int width, struct ws_line *l,
		  attr_t a, int *curx);
/* Draw l wrapped in a box of height rows; cursor to *cury, *curx. */
void ws_line_draw_multi(WINDOW *win, int y, int x, int width, int height,
			struct ws_line *l, attr_t a, int *cury, int *curx);

/* ws_list.c: the list pane (the bottom of the stack). */
struct ws_pane *ws_list_new(struct ws *w);
/* Start "/" search in list pane p (from any pane: the caller closed them). */
void ws_list_find(struct ws *w, struct ws_pane *p);
/*
 * Move the selection of list pane p one record down (dir 1) or up (-1),
 * paging as needed, and return the number of the record now selected
 * (valid until the list changes), or NULL at the end of the list; dir 0
 * only returns the selected one.  The
 * detail view's next and previous record (J, K).
 */
const char *ws_list_step(struct ws *w, struct ws_pane *p, int dir);

/*
 * ws_page.c: the printed page of record id (its type's print:) in a
 * pager, p sends it to the printer command.  0, or -1 with the reason on
 * the message line.
 */
int ws_page_open(struct ws *w, const char *id);

/* ws_detail.c: a record with its history and the actions it offers. */
struct ws_pane *ws_detail_new(struct ws *w, const char *id);
/*
 * Who last changed record id and when: "C2026-000012 已由 李四 于
 * 2026-11-30 14:02 修改" / "... changed by 李四 at ..." (new string).
 */
char *ws_change_note(struct ws *w, const char *id);

/* ws_form.c: forms generated from the configured fields. */
/* 1 if this user may register a record of rt (rt may be NULL: 0). */
int ws_may_create(struct ws *w, const struct cfg_rectype *rt);
/*
 * The new-record form: only the fields this user may fill in at
 * registration.  NULL, with the reason on the message line, when the user
 * may not register one.
 */
struct ws_pane *ws_form_new_record(struct ws *w,
				   const struct cfg_rectype *rt);
struct ws_pane *ws_form_edit(struct ws *w, const struct store_rec *r);
struct ws_pane *ws_form_transition(struct ws *w, const struct store_rec *r,
				   const struct cfg_transition *t);
/*
 * The form of a batch step (R2 §3.7.5): transition t on the n records
 * ids (copied; r is the first of them), asking for t's required fields
 * once; saving applies it to all of them in one transaction, all or
 * none (wf_apply_batch), and on success calls done(w, ctx).
 */
struct ws_pane *ws_form_batch(struct ws *w, const struct store_rec *r,
			      const struct cfg_transition *t,
			      char *const *ids, size_t n,
			      void (*done)(struct ws *w, void *ctx),
			      void *ctx);
/*
 * ws_batch.c: a batch step on the marked records ids of the list: pick
 * one of the steps open to the user on every one of them, fill in what
 * it requires (or confirm), apply it to all or none; done(w, ctx) after
 * it succeeded.
 */
void ws_batch_open(struct ws *w, char *const *ids, size_t n,
		   void (*done)(struct ws *w, void *ctx), void *ctx);

/*
 * ws_grid.c: the grid a form edits a lines field in.  ws_grid_new takes
 * the field's typed value (core_lines_export of the stored one, or "");
 * ws_grid_typed gives it back as typed JSON ("" for no line);
 * ws_grid_check checks every cell (core_lines_encode) and keeps a refusal
 * to draw under its cell, the current cell moved there (0 or
 * AS_E_INVALID with err set).  ws_grid_rows: rows the grid takes drawn
 * (header, lines, error).  ws_grid_key returns what a key did.
 */
struct ws_grid;
enum {
	WS_GRID_NOT_MINE,      /* not a grid key: the form's */
	WS_GRID_MOVED,         /* the current cell moved: redraw */
	WS_GRID_TYPED,         /* a cell's text changed */
	WS_GRID_CHANGED,       /* lines added or deleted, error cleared */
	WS_GRID_LEAVE_NEXT,    /* past the last cell: the next field */
	WS_GRID_LEAVE_PREV,    /* before the first: the previous field */
};
struct ws_grid *ws_grid_new(const struct cfg_field *f, const char *typed);
void ws_grid_free(struct ws_grid **g);
void ws_grid_set(struct ws_grid *g, const char *typed);
char *ws_grid_typed(const struct ws_grid *g);
void ws_grid_set_err(struct ws_grid *g, const char *msg, size_t line,
		     size_t col);
int ws_grid_check(struct ws *w, struct ws_grid *g, struct as_err *err);
int ws_grid_rows(const struct ws_grid *g);
/* Focus on the first cell, or with backwards on the last. */
void ws_grid_enter(struct ws_grid *g, int backwards);
void ws_grid_draw(struct ws *w, struct ws_grid *g, WINDOW *win, int y,
		  int x, int width, int focus, int *cy, int *cx);
int ws_grid_key(struct ws_grid *g, int key);

/*
 * ws_pick.c: look text up as the g prompt does (core_find): one match
 * opens, several open a picker of them, open records first.
 */
void ws_lookup(struct ws *w, const char *text);

/*
 * ws_counter.c: the store counter screen (the configuration's counter:);
 * with alone (aftersales counter) leaving it quits.  NULL, with the
 * reason on the message line, when the configuration has no counter.
 */
struct ws_pane *ws_counter_new(struct ws *w, int alone);

/* ws_kpi.c: the KPI board, 12 months of each figure (R2 §3.2.1). */
void ws_kpi_open(struct ws *w);
/*
 * ws_stock.c: the store's views (R2 §3.7): on hand, a part's movements,
 * below minimum, issued per work order; a message without stock:.
 */
void ws_stock_open(struct ws *w);

/* ws_help.c: the key help, pickers, prompts and questions. */
void ws_help_open(struct ws *w);
/*
 * A picker of n items (copied) titled title; on Enter done(w, index, ctx)
 * is called, on Esc nothing.
 */
void ws_pick_open(struct ws *w, const char *title, const char *const *items,
		  size_t n, size_t sel,
		  void (*done)(struct ws *w, size_t i, void *ctx), void *ctx);
/* A one-line prompt on the message line; done gets the text on Enter. */
void ws_prompt_open(struct ws *w, const char *label,
		    void (*done)(struct ws *w, const char *text, void *ctx),
		    void *ctx);
/* A yes/no question; yes(w, ctx) is called on y. */
void ws_ask(struct ws *w, const char *question,
	    void (*yes)(struct ws *w, void *ctx), void *ctx);

#endif
