/*
 * ws_counter.c - the store counter (aftersales counter, C in the
 * workstation): one screen for the clerk with a keyboard and a barcode
 * scanner, which types a code and Enter as fast as a keyboard.
 *
 * The clerk picks the move (a digit: receive, issue against a
 * requisition, transfer, return old parts: the configuration's counter:
 * moves) and the document once (the requisition's number, or the fields
 * the move asks for, such as the account), then scans: each code + Enter
 * is one line with the part's name, the quantity and the balance after;
 * "5*" before the code counts 5.  A refusal (unknown code, beyond the
 * stock, beyond the requisition) beeps, shows why where the next line
 * would be, and adds nothing.  Backspace on an empty input removes the
 * last line; Enter on an empty input posts the whole document in one
 * transaction (core_counter_post) and starts the next.  No mouse, no
 * menu, nothing to wait for: a scan is one lookup, and the frame sends
 * only the rows that changed.  The work is core's (core/counter.c).
 *
 * Body rows: 0 the move and document, 1 the column heads, 2 .. h-3 the
 * lines (the last ones when they do not fit) and the refusal after them,
 * h-2 blank, h-1 the input.
 */
#include "ws.h"
#include "../core/core_counter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CS_MOVE, CS_DOC, CS_SCAN };

struct ws_counter {
	struct ws_pane p;
	int stage;                  /* CS_* */
	int alone;                  /* aftersales counter: leaving quits */
	const struct cfg_counter_move *m;
	struct core_counter *k;
	size_t ask;                 /* CS_DOC: the field asked (nask: the
				       document number of against:) */
	struct ws_line in;
	char refused[800];          /* the last refusal, shown as a row */
	char refused_in[128];       /* what was typed for it */
	char done[160];             /* the last document posted */
};

/* Column widths of the lines (80 columns: name takes what is left). */
#define CW_NO 4
#define CW_CODE 16
#define CW_QTY 7
#define CW_BAL 9

static const struct cfg_counter *
counter_cfg(const struct ws *w)
{
	return w->cfg->counter;
}

/* The title row: move, document, accounts. */
static void
draw_title(struct ws *w, struct ws_counter *C)
{
	struct as_buf b = {0};
	const char *from, *into;

	buf_addf(&b, " %s", ws_label(w, &C->m->label, C->m->id));
	if (C->k != NULL && core_counter_doc(C->k) != NULL)
		buf_addf(&b, "  %s", core_counter_doc(C->k));
	else
		buf_addf(&b, "  %s", ws_label(w, &C->m->type->label,
					       C->m->type->id));
	from = C->k != NULL ? core_counter_account(C->k, &C->m->mv->from)
	       : NULL;
	into = C->k != NULL ? core_counter_account(C->k, &C->m->mv->to)
	       : NULL;
	if (from != NULL || into != NULL) {
		const struct cfg_unit *u;

		buf_adds(&b, "  ");
		if (from != NULL) {
			u = cfg_unit(w->cfg, from);
			buf_adds(&b, u ? ws_label(w, &u->label, from) : from);
		}
		buf_adds(&b, " → ");
		if (into != NULL) {
			u = cfg_unit(w->cfg, into);
			buf_adds(&b, u ? ws_label(w, &u->label, into) : into);
		}
	}
	ws_put(w->body, 0, 0, w->cols, b.data, w->attr[WSA_TITLE], 1);
	buf_free(&b);
}

/* s right-aligned in width columns at (y, x), by display width. */
static int
put_right(struct ws *w, int y, int x, int width, const char *s, attr_t a)
{
	int pad = width - ws_width(s);

	if (pad > 0)
		ws_blank(w->body, y, x, pad, a);
	else
		pad = 0;
	return pad + ws_put(w->body, y, x + pad, width - pad, s, a, 1);
}

/* One row of the line table at y: cells already formatted. */
static void
draw_row(struct ws *w, int y, const char *no, const char *code,
	 const char *name, const char *qty, const char *bal, attr_t a)
{
	int x = 0, nw = w->cols - CW_NO - CW_CODE - CW_QTY - CW_BAL - 4;
	char cell[32];

	if (nw < 4)
		nw = 4;
	snprintf(cell, sizeof cell, "%*s ", CW_NO - 1, no);
	x += ws_put(w->body, y, x, CW_NO, cell, a, 1);
	x += ws_put_cut(w->body, y, x, CW_CODE, code, a, 1);
	x += ws_put(w->body, y, x, 1, " ", a, 1);
	x += ws_put_cut(w->body, y, x, nw, name, a, 1);
	x += ws_put(w->body, y, x, 1, " ", a, 1);
	x += put_right(w, y, x, CW_QTY, qty, a);
	x += ws_put(w->body, y, x, 1, " ", a, 1);
	x += put_right(w, y, x, CW_BAL, bal, a);
	if (x < w->cols)
		ws_blank(w->body, y, x, w->cols - x, a);
}

static void
draw_lines(struct ws *w, struct ws_counter *C)
{
	size_t n = core_counter_nlines(C->k), first = 0, i;
	int rows = w->bodyh - 4, y = 2, need;
	char no[24], q[24], b[24];

	draw_row(w, 1, "#", ws_tr(w, "编码", "Code"), ws_tr(w, "名称", "Name"),
		 ws_tr(w, "数量", "Qty"), ws_tr(w, "结存", "Balance"),
		 w->attr[WSA_COLHDR]);
	need = (int)n + (C->refused[0] != '\0');
	if (rows < 1)
		return;
	if (need > rows)
		first = (size_t)(need - rows);
	for (i = first; i < n; i++, y++) {
		const struct core_counter_line *l = core_counter_line(C->k, i);

		snprintf(no, sizeof no, "%zu", i + 1);
		snprintf(q, sizeof q, "%lld", (long long)l->qty);
		snprintf(b, sizeof b, "%lld", (long long)l->balance);
		draw_row(w, y, no, l->part, l->name, q, b, A_NORMAL);
	}
	if (C->refused[0] != '\0') {
		int x = 0;

		const char *code = strrchr(C->refused_in, '*');

		/* the typed code, unless the reason names it already */
		code = code != NULL ? code + 1 : C->refused_in;
		x += ws_put(w->body, y, x, CW_NO, "  ✗ ", w->attr[WSA_ERR], 1);
		if (*code == '\0' || strstr(C->refused, code) == NULL) {
			x += ws_put_cut(w->body, y, x, CW_CODE,
					C->refused_in, w->attr[WSA_ERR], 1);
			x += ws_put(w->body, y, x, 1, " ", A_NORMAL, 1);
		}
		ws_put_cut(w->body, y, x, w->cols - x, C->refused,
			   w->attr[WSA_ERR], 1);
	}
}

static const char *
input_label(struct ws *w, struct ws_counter *C)
{
	static char buf[160];

	switch (C->stage) {
	case CS_DOC:
		if (C->ask < C->m->nask) {
			const struct cfg_field *f = C->m->ask[C->ask];

			snprintf(buf, sizeof buf, "%s: ",
				 ws_label(w, &f->label, f->id));
			return buf;
		}
		snprintf(buf, sizeof buf, AS_TRL(w->lang, "%s编号: ",
			 "%s number: "), ws_label(w, &C->m->type->label,
			 C->m->type->id));
		return buf;
	case CS_SCAN:
		return ws_tr(w, "扫描> ", "Scan> ");
	default:
		return ws_tr(w, "业务: ", "Move: ");
	}
}

static void
draw_input(struct ws *w, struct ws_counter *C, int *curx)
{
	const char *lab = input_label(w, C);
	int y = w->bodyh - 1, x;

	x = ws_put(w->body, y, 0, w->cols, lab, w->attr[WSA_LABEL], 0);
	if (x >= w->cols - 1)
		x = 0;
	ws_line_draw(w->body, y, x, w->cols - x, &C->in, A_NORMAL, curx);
	*curx += x;
}

static void
counter_draw(struct ws *w, struct ws_pane *p)
{
	struct ws_counter *C = (struct ws_counter *)p;
	const struct cfg_counter *cc = counter_cfg(w);
	size_t i;
	int cx;

	if (C->stage == CS_MOVE) {
		ws_put(w->body, 0, 0, w->cols, ws_tr(w, " 备件柜台：选择业务 "
		       "(按数字)", " Store counter: choose the move (a "
		       "digit)"), w->attr[WSA_TITLE], 1);
		for (i = 0; i < cc->nmoves && (int)i + 2 < w->bodyh - 2; i++) {
			char s[200];

			snprintf(s, sizeof s, "  %zu  %s", i + 1,
				 ws_label(w, &cc->moves[i].label,
					  cc->moves[i].id));
			ws_put(w->body, (int)i + 2, 0, w->cols, s, A_NORMAL, 1);
		}
		if (C->done[0] != '\0')
			ws_put(w->body, w->bodyh - 3, 0, w->cols, C->done,
			       w->attr[WSA_OK], 1);
		if (C->refused[0] != '\0')
			ws_put_cut(w->body, w->bodyh - 2, 0, w->cols,
				   C->refused, w->attr[WSA_ERR], 1);
		return;
	}
	draw_title(w, C);
	if (C->stage == CS_SCAN) {
		draw_lines(w, C);
		if (C->done[0] != '\0' && core_counter_nlines(C->k) == 0 &&
		    C->refused[0] == '\0')
			ws_put(w->body, 2, 0, w->cols, C->done,
			       w->attr[WSA_OK], 1);
	} else if (C->refused[0] != '\0') {
		ws_put_cut(w->body, w->bodyh - 3, 0, w->cols, C->refused,
			   w->attr[WSA_ERR], 1);
	}
	draw_input(w, C, &cx);
}

static int
counter_cursor(struct ws *w, struct ws_pane *p, WINDOW **win, int *y, int *x)
{
	struct ws_counter *C = (struct ws_counter *)p;
	int cx = 0;

	if (C->stage == CS_MOVE)
		return 0;
	draw_input(w, C, &cx);
	*win = w->body;
	*y = w->bodyh - 1;
	*x = cx;
	return 1;
}

/* A refusal: the bell, and why, where the next line would be. */
static void
refuse(struct ws_counter *C, const char *typed, const char *why)
{
	beep();
	snprintf(C->refused_in, sizeof C->refused_in, "%s", typed);
	snprintf(C->refused, sizeof C->refused, "%s", why);
}

static void
start_move(struct ws *w, struct ws_counter *C, size_t i)
{
	struct as_err err;

	as_err_clear(&err);
	core_counter_free(&C->k);
	C->m = &counter_cfg(w)->moves[i];
	if (core_counter_new(w->c, C->m, &C->k, &err) != 0) {
		refuse(C, "", err.msg);
		return;
	}
	C->ask = 0;
	C->stage = C->m->nask > 0 || C->m->against ? CS_DOC : CS_SCAN;
	C->done[0] = C->refused[0] = '\0';
	ws_line_set(&C->in, "");
}

/* Enter in CS_DOC: the field asked, or the document's number. */
static void
doc_enter(struct ws *w, struct ws_counter *C, const char *text)
{
	struct as_err err;
	int rc;

	as_err_clear(&err);
	if (C->ask < C->m->nask)
		rc = core_counter_set(C->k, C->m->ask[C->ask], text, &err);
	else
		rc = core_counter_against(C->k, text, &err);
	if (rc == 0 && C->ask < C->m->nask && *text == '\0')
		rc = as_err_set(&err, AS_E_INVALID, "%s", ws_tr(w, "请填写",
				"please fill it in"));
	if (rc != 0) {
		refuse(C, text, err.msg);
		return;
	}
	C->refused[0] = '\0';
	ws_line_set(&C->in, "");
	C->ask++;
	if (C->ask > C->m->nask || (C->ask == C->m->nask && !C->m->against))
		C->stage = CS_SCAN;
}

static void
post(struct ws *w, struct ws_counter *C)
{
	struct as_err err;
	char *id = NULL;
	size_t n = core_counter_nlines(C->k);

	as_err_clear(&err);
	if (core_counter_post(C->k, &id, &err) != 0) {
		refuse(C, "", err.msg);
		return;
	}
	snprintf(C->done, sizeof C->done, AS_TRL(w->lang, " 已过账 %s：%zu "
		 "行。下一单。", " Posted %s: %zu lines. Next document."), id,
		 n);
	ws_msg(w, 1, "%s", C->done + 1);
	w->need |= WS_NEED_TABS;        /* the tabs count the documents */
	free(id);
	C->refused[0] = '\0';
	if (C->m->against) {           /* the next requisition */
		C->stage = CS_DOC;
		C->ask = C->m->nask;
	}
}

static void
scan(struct ws *w, struct ws_counter *C, const char *text)
{
	struct as_err err;

	(void)w;
	as_err_clear(&err);
	C->done[0] = '\0';
	if (core_counter_scan(C->k, text, &err) != 0) {
		refuse(C, text, err.msg);
		return;
	}
	C->refused[0] = '\0';
}

static void
discard_yes(struct ws *w, void *ctx)
{
	struct ws_counter *C = ctx;

	(void)w;
	core_counter_free(&C->k);
	C->stage = CS_MOVE;
	C->refused[0] = '\0';
	w->need |= WS_NEED_BODY | WS_NEED_KEYS;
}

/* Esc: one level back; from the choice of move, out (quits alone). */
static int
back(struct ws *w, struct ws_counter *C)
{
	if (C->stage == CS_MOVE) {
		if (C->alone)
			return WS_QUIT;
		ws_close(w, &C->p);
		return WS_HANDLED;
	}
	if (C->k != NULL && core_counter_nlines(C->k) > 0) {
		ws_ask(w, ws_tr(w, "本单还没有过账。放弃这些行?",
				"The document is not posted. Discard its "
				"lines?"), discard_yes, C);
		return WS_HANDLED;
	}
	core_counter_free(&C->k);
	C->stage = CS_MOVE;
	C->refused[0] = '\0';
	ws_line_set(&C->in, "");
	return WS_REDRAW;
}

static int
counter_key(struct ws *w, struct ws_pane *p, int key)
{
	struct ws_counter *C = (struct ws_counter *)p;
	char *t;
	int empty;

	if (key == WS_ESC)
		return back(w, C);
	if (key == WS_FN(KEY_F(1)) || key == WS_FN(KEY_F(10)) ||
	    key == WS_CTRL('C') || key == WS_CTRL('L'))
		return WS_PASS;
	if (C->stage == CS_MOVE) {
		if (key >= '1' && key <= '9' &&
		    (size_t)(key - '1') < counter_cfg(w)->nmoves) {
			start_move(w, C, (size_t)(key - '1'));
			w->need |= WS_NEED_KEYS;
			return WS_REDRAW;
		}
		if (key == 'q')
			return back(w, C);
		return WS_PASS;
	}
	empty = C->in.len == 0;
	switch (key) {
	case '\r':
	case '\n':
	case WS_FN(KEY_ENTER):
		t = ws_line_get(&C->in);
		if (C->stage == CS_DOC) {
			doc_enter(w, C, t);
			w->need |= WS_NEED_KEYS;
		} else if (empty) {
			if (core_counter_nlines(C->k) > 0)
				post(w, C);
			w->need |= WS_NEED_KEYS;
		} else {
			ws_line_set(&C->in, "");
			scan(w, C, t);
		}
		free(t);
		return WS_REDRAW;
	case WS_FN(KEY_BACKSPACE):
	case 127:
	case 8:
		if (empty && C->stage == CS_SCAN) {
			C->refused[0] = '\0';
			C->done[0] = '\0';
			if (core_counter_undo(C->k) != 0)
				beep();
			return WS_REDRAW;
		}
		break;
	default:
		break;
	}
	/* every other key edits the input: letters are codes here */
	if (ws_line_key(&C->in, key, 0) < 0 && !(key & 0x40000000))
		return WS_HANDLED;
	return WS_REDRAW;
}

static void
counter_keys(struct ws *w, struct ws_pane *p, struct ws_keys *k)
{
	struct ws_counter *C = (struct ws_counter *)p;

	if (C->stage == CS_MOVE) {
		ws_keys_add(k, WS_K_BOTH, "1-9", ws_tr(w, "选择业务",
			    "choose the move"));
		ws_keys_add(k, WS_K_BOTH, "Esc", ws_tr(w, "返回", "Back"));
		return;
	}
	if (C->stage == CS_DOC) {
		ws_keys_add(k, WS_K_BOTH, "Enter", ws_tr(w, "确定", "OK"));
		ws_keys_add(k, WS_K_BOTH, "Esc", ws_tr(w, "返回", "Back"));
		return;
	}
	ws_keys_add(k, WS_K_FOOT, ws_tr(w, "编码+Enter", "Code+Enter"),
		    ws_tr(w, "一行", "Line"));
	ws_keys_add(k, WS_K_HELP, ws_tr(w, "编码 Enter", "code Enter"),
		    ws_tr(w, "扫描或输入编码: 加一行, 数量 1",
			  "scan or type a code: one line of 1"));
	ws_keys_add(k, WS_K_FOOT, "5*", ws_tr(w, "数量", "Qty"));
	ws_keys_add(k, WS_K_HELP, ws_tr(w, "5*编码 Enter", "5*code Enter"),
		    ws_tr(w, "数量 5", "a quantity of 5"));
	ws_keys_add(k, WS_K_FOOT, ws_tr(w, "空Enter", "Enter"),
		    ws_tr(w, "过账", "Post"));
	ws_keys_add(k, WS_K_HELP, ws_tr(w, "Enter (空输入)",
		    "Enter (empty input)"), ws_tr(w, "整单过账 (一个事务), "
		    "开始下一单", "post the whole document (one transaction), "
		    "start the next"));
	ws_keys_add(k, WS_K_FOOT, "BS", ws_tr(w, "删末行", "Undo"));
	ws_keys_add(k, WS_K_HELP, ws_tr(w, "Backspace (空输入)",
		    "Backspace (empty input)"), ws_tr(w, "删除最后一行",
		    "remove the last line"));
	ws_keys_add(k, WS_K_BOTH, "Esc", ws_tr(w, "返回", "Back"));
}

static int
counter_dirty(struct ws_pane *p)
{
	struct ws_counter *C = (struct ws_counter *)p;

	return C->k != NULL && core_counter_nlines(C->k) > 0;
}

static void
counter_free(struct ws_pane *p)
{
	struct ws_counter *C = (struct ws_counter *)p;

	core_counter_free(&C->k);
	ws_line_free(&C->in);
	free(C);
}

static const struct ws_pane_ops counter_ops = {
	.draw = counter_draw,
	.key = counter_key,
	.cursor = counter_cursor,
	.keys = counter_keys,
	.dirty = counter_dirty,
	.free = counter_free,
};

struct ws_pane *
ws_counter_new(struct ws *w, int alone)
{
	struct ws_counter *C;

	if (counter_cfg(w) == NULL || counter_cfg(w)->nmoves == 0) {
		ws_msg(w, 2, "%s", ws_tr(w, "配置中没有备件柜台（counter:）",
		       "the configuration has no store counter (counter:)"));
		return NULL;
	}
	C = xcalloc(1, sizeof *C);
	C->p.ops = &counter_ops;
	C->alone = alone;
	C->stage = CS_MOVE;
	ws_line_set(&C->in, "");
	return &C->p;
}
