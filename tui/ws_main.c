/*
 * ws_main.c - the full-screen workstation: terminal set-up and tear-down,
 * the one event loop (keys, KEY_RESIZE, and a 500 ms input tick that
 * polls the store's last transaction id so other users' changes appear
 * without a key press), the pane stack, and the header, tabs, key footer
 * and message line around the panes.
 *
 * Drawing is minimal by construction: every window is kept between
 * frames, a handler draws only what it changed, and one doupdate() per
 * event sends the difference.  Nothing clears the screen except a resize
 * or Ctrl-L.
 */
#include "ws.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define WS_TICK_MS 500
#define WS_IDLE_SECS 30

/* Colour pairs. */
enum { CP_HDR = 1, CP_TABON, CP_SEL, CP_KEY, CP_ERR, CP_WARN, CP_OVER,
       CP_OK, CP_TITLE, CP_INPUT, CP_FOCUS, CP_BOX, CP_DIM };

static void
init_attrs(struct ws *w)
{
	attr_t *a = w->attr;
	short bg = COLOR_BLACK;
	int i;

	for (i = 0; i < WSA__N; i++)
		a[i] = A_NORMAL;
	if (has_colors() && start_color() == OK) {
		if (use_default_colors() == OK)
			bg = -1;
		init_pair(CP_HDR, COLOR_WHITE, COLOR_BLUE);
		init_pair(CP_TABON, COLOR_BLACK, COLOR_CYAN);
		init_pair(CP_SEL, COLOR_BLACK, COLOR_CYAN);
		init_pair(CP_KEY, COLOR_BLACK, COLOR_CYAN);
		init_pair(CP_ERR, COLOR_RED, bg);
		init_pair(CP_WARN, COLOR_YELLOW, bg);
		init_pair(CP_OVER, COLOR_RED, bg);
		init_pair(CP_OK, COLOR_GREEN, bg);
		init_pair(CP_TITLE, COLOR_CYAN, bg);
		init_pair(CP_INPUT, COLOR_WHITE, COLOR_BLUE);
		init_pair(CP_FOCUS, COLOR_BLACK, COLOR_WHITE);
		init_pair(CP_BOX, COLOR_CYAN, bg);
		init_pair(CP_DIM, COLOR_BLUE, bg);
		a[WSA_HDR] = COLOR_PAIR(CP_HDR) | A_BOLD;
		a[WSA_TAB] = A_NORMAL;
		a[WSA_TABON] = COLOR_PAIR(CP_TABON) | A_BOLD;
		a[WSA_SEL] = COLOR_PAIR(CP_SEL);
		a[WSA_COLHDR] = A_BOLD | A_UNDERLINE;
		a[WSA_LABEL] = A_BOLD;
		a[WSA_KEY] = COLOR_PAIR(CP_KEY);
		a[WSA_ERR] = COLOR_PAIR(CP_ERR) | A_BOLD;
		a[WSA_WARN] = COLOR_PAIR(CP_WARN) | A_BOLD;
		a[WSA_OVER] = COLOR_PAIR(CP_OVER) | A_BOLD;
		a[WSA_DIM] = COLOR_PAIR(CP_DIM);
		a[WSA_REQ] = COLOR_PAIR(CP_ERR) | A_BOLD;
		a[WSA_INPUT] = A_UNDERLINE;
		a[WSA_FOCUS] = COLOR_PAIR(CP_FOCUS);
		a[WSA_TITLE] = COLOR_PAIR(CP_TITLE) | A_BOLD;
		a[WSA_OK] = COLOR_PAIR(CP_OK) | A_BOLD;
		a[WSA_BOX] = COLOR_PAIR(CP_BOX);
	} else {
		a[WSA_HDR] = A_REVERSE;
		a[WSA_TAB] = A_NORMAL;
		a[WSA_TABON] = A_REVERSE | A_BOLD;
		a[WSA_SEL] = A_REVERSE;
		a[WSA_COLHDR] = A_BOLD | A_UNDERLINE;
		a[WSA_LABEL] = A_BOLD;
		a[WSA_KEY] = A_REVERSE;
		a[WSA_ERR] = A_BOLD;
		a[WSA_WARN] = A_BOLD;
		a[WSA_OVER] = A_BOLD | A_UNDERLINE;
		a[WSA_DIM] = A_NORMAL;
		a[WSA_REQ] = A_BOLD;
		a[WSA_INPUT] = A_UNDERLINE;
		a[WSA_FOCUS] = A_REVERSE;
		a[WSA_TITLE] = A_BOLD;
		a[WSA_OK] = A_BOLD;
		a[WSA_BOX] = A_NORMAL;
	}
}

/* Windows ------------------------------------------------------------ */

static void
drop_windows(struct ws *w)
{
	WINDOW **v[] = { &w->hdr, &w->tabs, &w->body, &w->keys, &w->msgw };
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		if (*v[i] != NULL)
			delwin(*v[i]);
		*v[i] = NULL;
	}
}

static WINDOW *
mkwin(int h, int x, int y, int wd)
{
	WINDOW *win = newwin(h, wd, y, x);

	if (win != NULL)
		leaveok(win, TRUE);
	return win;
}

static void
layout(struct ws *w)
{
	size_t i;

	drop_windows(w);
	getmaxyx(stdscr, w->lines, w->cols);
	w->small = w->lines < 10 || w->cols < 40;
	w->bodyh = w->lines - 4;
	for (i = 0; i < w->depth; i++)
		if (w->stack[i]->ops->resize != NULL)
			w->stack[i]->ops->resize(w, w->stack[i]);
	if (w->small)
		return;
	w->hdr = mkwin(1, 0, 0, w->cols);
	w->tabs = mkwin(1, 0, 1, w->cols);
	w->body = mkwin(w->bodyh, 0, 2, w->cols);
	if (w->body != NULL)
		idlok(w->body, TRUE);   /* let curses scroll lines, not redraw */
	w->keys = mkwin(1, 0, w->lines - 2, w->cols);
	w->msgw = mkwin(1, 0, w->lines - 1, w->cols);
	w->need = WS_NEED_ALL;
}

/* The status lines --------------------------------------------------- */

/*
 * " │ 数据库 PATH" after the header's text in b, within width columns in
 * all: a path too long loses its start, not its end, and is cut only
 * where a folder name begins ("…/lib/aftersales"); when even its last
 * name does not fit, the word 数据库 goes first, then the whole path.
 */
static void
add_db_path(struct ws *w, struct as_buf *b, const char *db, int width)
{
	const char *leads[2], *p;
	int k, avail;

	leads[0] = ws_tr(w, " │ 数据库 ", " │ db ");
	leads[1] = " │ ";
	for (k = 0; k < 2; k++) {
		avail = width - ws_width(b->data ? b->data : "") -
		    ws_width(leads[k]);
		if (ws_width(db) <= avail) {
			buf_addf(b, "%s%s", leads[k], db);
			return;
		}
		for (p = strchr(db + 1, '/'); p != NULL; p = strchr(p + 1, '/'))
			if (ws_width(p) + 1 <= avail) {
				buf_addf(b, "%s…%s", leads[k], p);
				return;
			}
	}
}

static void
draw_header(struct ws *w)
{
	const struct cfg_user *u = core_user(w->c);
	struct as_buf b = {0}, t = {0};
	const char *db = w->o->db;
	int right, used;
	size_t i;

	buf_adds(&t, " ");
	core_format_time(w->c, (int64_t)time(NULL), 1, &t);
	buf_addf(&b, " aftersales │ %s (%s) ", u->name ? u->name : u->login,
		 u->login);
	for (i = 0; i < u->nroles; i++)
		buf_addf(&b, "%s%s", i ? ", " : "",
			 ws_label(w, &u->roles[i]->label, u->roles[i]->id));
	if (db == NULL)
		db = getenv("AFTERSALES_DB");
	right = ws_width(t.data) + 2;
	if (right > w->cols)
		right = 0;
	if (db != NULL)
		add_db_path(w, &b, db, w->cols - right);
	used = ws_put(w->hdr, 0, 0, w->cols - right, b.data, w->attr[WSA_HDR],
		      1);
	if (right > 0)
		ws_put(w->hdr, 0, used, right, t.data, w->attr[WSA_HDR], 1);
	buf_free(&b);
	buf_free(&t);
}

/*
 * The tab bar: one tab per record type, each with its count of records
 * (core_count: the state index's counts), shown only when there are two
 * types or more; with one the row stays blank.
 */
static void
draw_tabs(struct ws *w)
{
	int x = 0, more, span = 0;
	size_t i, first = 0;

	/*
	 * More tabs than fit (the store's types, issue 11): the bar starts
	 * late enough for the current tab to show (its label plus a count).
	 */
	for (i = 0; i <= w->tab && i < w->cfg->nrectypes; i++) {
		const char *l = ws_label(w, &w->cfg->rectypes[i].label,
		    w->cfg->rectypes[i].id);

		span += utf8_width(l, strlen(l)) + 7;
		while (span > w->cols && first < i) {
			l = ws_label(w, &w->cfg->rectypes[first].label,
			    w->cfg->rectypes[first].id);
			span -= utf8_width(l, strlen(l)) + 7;
			first++;
		}
	}
	for (i = first; i < w->cfg->nrectypes && x < w->cols &&
	     w->cfg->nrectypes > 1; i++) {
		const struct cfg_rectype *rt = &w->cfg->rectypes[i];
		struct core_list q = {0};
		struct as_err err;
		char s[160], n[32] = "";
		uint64_t cnt;

		q.type = rt->id;
		q.view = CORE_VIEW_ALL;
		as_err_clear(&err);
		if (core_count(w->c, &q, 0, &cnt, &more, &err) == 0)
			ws_count(cnt, more, n, sizeof n);
		snprintf(s, sizeof s, " %s%s ", ws_label(w, &rt->label, rt->id),
			 n);
		x += ws_put(w->tabs, 0, x, w->cols - x, s,
			    w->attr[i == w->tab ? WSA_TABON : WSA_TAB], 0);
		if (x < w->cols)
			x += ws_put(w->tabs, 0, x, 1, " ", A_NORMAL, 0);
	}
	if (w->cfg->nrectypes == 0)
		x += ws_put(w->tabs, 0, 0, w->cols,
			    ws_tr(w, " (配置中没有记录类型)",
				  " (no record types configured)"),
			    A_NORMAL, 0);
	if (x < w->cols)
		ws_blank(w->tabs, 0, x, w->cols - x, A_NORMAL);
}

static struct ws_pane *
top_pane(struct ws *w)
{
	return w->depth > 0 ? w->stack[w->depth - 1] : NULL;
}

void
ws_global_keys(struct ws *w, struct ws_keys *k)
{
	ws_keys_add(k, WS_K_HELP, "F1 ?", ws_tr(w, "帮助: 本屏幕的所有按键",
					 "help: every key of this screen"));
	ws_keys_add(k, WS_K_HELP, "F10 ^C", ws_tr(w, "退出 (表单未保存时先询问)",
					  "quit (asks if a form is unsaved)"));
	ws_keys_add(k, WS_K_HELP, "Esc q", ws_tr(w, "返回上一层; 在列表按 q 退出",
		    "back one level; q in the list quits"));
	ws_keys_add(k, WS_K_HELP, "/", ws_tr(w, "查找 (任何画面)",
				      "find (from any screen)"));
	ws_keys_add(k, WS_K_HELP, "A", ws_tr(w, "箭头光标 开/关 (慢速线路)",
				      "arrow cursor on/off (slow links)"));
	ws_keys_add(k, WS_K_HELP, "g ^G", ws_tr(w, "按编号打开记录",
					 "open a record by number"));
	ws_keys_add(k, WS_K_HELP, "L", ws_tr(w, "切换显示语言 中文/English",
				      "switch language 中文/English"));
	if (w->cfg->allow_user_override && !core_privileged())
		ws_keys_add(k, WS_K_HELP, "U", ws_tr(w, "切换用户 (试用各岗位视图)",
					      "switch user (try each role)"));
	if (w->cfg->counter != NULL)
		ws_keys_add(k, WS_K_HELP, "C", ws_tr(w, "备件柜台 (扫描收发)",
					      "store counter (scan parts)"));
	ws_keys_add(k, WS_K_HELP, "^L", ws_tr(w, "重画屏幕", "redraw the screen"));
}

static void
draw_keys(struct ws *w)
{
	struct ws_pane *p = top_pane(w);
	struct ws_keys k;
	int x = 0;
	size_t i;

	k.n = 0;
	ws_keys_add(&k, WS_K_FOOT, "F1", ws_tr(w, "帮助", "Help"));
	if (p != NULL && p->ops->keys != NULL)
		p->ops->keys(w, p, &k);
	ws_keys_add(&k, WS_K_FOOT, "F10", ws_tr(w, "退出", "Quit"));
	for (i = 0; i < k.n; i++) {
		const struct ws_keyent *e = &k.v[i];
		int need;

		if (!e->foot)
			continue;
		need = ws_width(e->key) + ws_width(e->text) + 1;
		if (x + need > w->cols)
			break;
		x += ws_put(w->keys, 0, x, need, e->key, w->attr[WSA_KEY], 0);
		x += ws_put(w->keys, 0, x, w->cols - x, e->text, A_NORMAL, 0);
		if (x < w->cols)
			x += ws_put(w->keys, 0, x, 1, " ", A_NORMAL, 0);
	}
	if (x < w->cols)
		ws_blank(w->keys, 0, x, w->cols - x, A_NORMAL);
}

static void
draw_msg(struct ws *w)
{
	static const enum ws_attr lv[] = { WSA_NORMAL, WSA_OK, WSA_ERR };

	ws_put(w->msgw, 0, 0, w->cols, w->msg, w->attr[lv[w->msg_level]], 1);
}

void
ws_msg(struct ws *w, int level, const char *fmt, ...)
{
	va_list ap;
	char *nl;

	va_start(ap, fmt);
	vsnprintf(w->msg, sizeof w->msg, fmt, ap);
	va_end(ap);
	while ((nl = strchr(w->msg, '\n')) != NULL)
		*nl = ' ';
	w->msg_level = level < 0 ? 0 : level > 2 ? 2 : level;
	w->need |= WS_NEED_MSG;
}

/* Panes -------------------------------------------------------------- */

void
ws_push(struct ws *w, struct ws_pane *p)
{
	if (p == NULL)
		return;
	if (w->depth >= WS_MAXPANES) {
		p->ops->free(p);
		ws_msg(w, 2, "%s", ws_tr(w, "打开的窗口太多, 请先按 Esc 关闭",
					 "too many open screens: Esc first"));
		return;
	}
	w->stack[w->depth++] = p;
	w->need |= WS_NEED_BODY | WS_NEED_KEYS;
}

void
ws_close(struct ws *w, struct ws_pane *p)
{
	p->dead = 1;
	w->need |= WS_NEED_BODY | WS_NEED_KEYS | WS_NEED_MSG;
}

struct ws_pane *
ws_below(struct ws *w, struct ws_pane *p)
{
	size_t i;

	for (i = 1; i < w->depth; i++)
		if (w->stack[i] == p)
			return w->stack[i - 1];
	return NULL;
}

/* The topmost pane that draws the whole body. */
static size_t
base_index(struct ws *w)
{
	size_t i = w->depth;

	while (i > 1 && w->stack[i - 1]->overlay)
		i--;
	return i > 0 ? i - 1 : 0;
}

/* Free closed panes; the pane that comes to the top re-reads its data. */
static void
sweep(struct ws *w)
{
	size_t i, j = 0;
	int removed = 0;

	for (i = 0; i < w->depth; i++) {
		struct ws_pane *p = w->stack[i];

		if (p->dead) {
			p->ops->free(p);
			removed = 1;
		} else {
			w->stack[j++] = p;
		}
	}
	w->depth = j;
	if (removed && w->depth > 0) {
		struct ws_pane *b = w->stack[base_index(w)];

		if (b->ops->changed != NULL)
			b->ops->changed(w, b);
		w->need |= WS_NEED_BODY | WS_NEED_KEYS;
	}
}

const struct cfg_rectype *
ws_rectype(const struct ws *w)
{
	return w->tab < w->cfg->nrectypes ? &w->cfg->rectypes[w->tab] : NULL;
}

void
ws_open_record(struct ws *w, const char *id)
{
	ws_push(w, ws_detail_new(w, id));
}

static void
really_quit(struct ws *w, void *ctx)
{
	(void)ctx;
	w->quit = 1;
}

void
ws_request_quit(struct ws *w)
{
	size_t i;

	for (i = 0; i < w->depth; i++) {
		struct ws_pane *p = w->stack[i];

		if (!p->dead && p->ops->dirty != NULL && p->ops->dirty(p)) {
			ws_ask(w, ws_tr(w, "表单有未保存的输入. 放弃并退出?",
					"A form has unsaved input. Discard "
					"it and quit?"), really_quit, NULL);
			return;
		}
	}
	w->quit = 1;
}

/* Go to a record by number ("where is my complaint?") ---------------- */

static void
goto_done(struct ws *w, const char *text, void *ctx)
{
	(void)ctx;
	if (*text != '\0')
		ws_lookup(w, text);   /* the input of / and status (ws_pick.c) */
}

void
ws_goto_prompt(struct ws *w)
{
	ws_prompt_open(w, ws_tr(w, "打开编号、电话、产品编号或名称: ",
				"Open number, phone, serial or name: "),
		       goto_done, NULL);
}

/*
 * The tab the workstation opens on: the first record type where the
 * user's roles take a step of work under way (a step from a state other
 * than the type's first, no exception), else the first with any such
 * step, else the first type.  So a store clerk starts on the requisitions
 * he issues, not on complaints he never acts on or on the parts master.
 */
static size_t
home_tab(struct ws *w)
{
	const struct cfg_rectype *rt;
	size_t i, j, any = w->cfg->nrectypes;

	for (i = 0; i < w->cfg->nrectypes; i++) {
		rt = &w->cfg->rectypes[i];
		for (j = 0; j < rt->nstates; j++) {
			if (!wf_role_state(w->c, rt, rt->states[j].id))
				continue;
			if (&rt->states[j] != rt->initial)
				return i;
			if (any == w->cfg->nrectypes)
				any = i;
		}
	}
	return any < w->cfg->nrectypes ? any : 0;
}

/* Switch the acting user (where the configuration allows it). */
static void
user_done(struct ws *w, size_t i, void *ctx)
{
	struct as_err err;

	(void)ctx;
	as_err_clear(&err);
	if (core_set_user(w->c, w->cfg->users[i].login, &err) != 0) {
		ws_msg(w, 2, "%s", err.msg);
		return;
	}
	ws_msg(w, 1, "%s %s (%s)", ws_tr(w, "现在的身份:", "Now acting as"),
	       ws_user_name(w, w->cfg->users[i].login),
	       w->cfg->users[i].login);
	/* everything shown depends on who is looking */
	for (i = 0; i < w->depth; i++)
		if (w->stack[i]->ops->changed != NULL && !w->stack[i]->overlay)
			w->stack[i]->ops->changed(w, w->stack[i]);
	w->need = WS_NEED_ALL;
}

static void
user_picker(struct ws *w)
{
	const struct cfg_user *me = core_user(w->c);
	const char **items;
	size_t i, sel = 0;

	if (!w->cfg->allow_user_override) {
		ws_msg(w, 2, "%s", ws_tr(w, "配置不允许切换用户 "
			"(allow_user_override: false)", "the configuration "
			"does not allow switching user (allow_user_override: "
			"false)"));
		return;
	}
	if (core_privileged()) {
		ws_msg(w, 2, "%s", ws_tr(w, "安装的（setgid）程序只以您自己的"
			"登录名工作，不能切换用户", "the installed (setgid) "
			"program works only as your own login; it cannot "
			"switch user"));
		return;
	}
	items = xcalloc(w->cfg->nusers + 1, sizeof *items);
	for (i = 0; i < w->cfg->nusers; i++) {
		const struct cfg_user *u = &w->cfg->users[i];
		struct as_buf b = {0};
		size_t j;

		buf_addf(&b, "%s (%s) ", u->name ? u->name : "", u->login);
		for (j = 0; j < u->nroles; j++)
			buf_addf(&b, "%s%s", j ? ", " : "",
				 ws_label(w, &u->roles[j]->label,
					  u->roles[j]->id));
		items[i] = b.data;
		if (u == me)
			sel = i;
	}
	ws_pick_open(w, ws_tr(w, "以哪个用户身份操作?", "Act as which user?"),
		     items, w->cfg->nusers, sel, user_done, NULL);
	for (i = 0; i < w->cfg->nusers; i++)
		free((char *)items[i]);
	free(items);
}

/*
 * "/" where the pane does not search itself: close the panes above the
 * list (unless one holds unsaved input) and search there.
 */
static void
find_from_anywhere(struct ws *w)
{
	size_t i;

	if (w->depth == 0)
		return;
	for (i = 1; i < w->depth; i++)
		if (w->stack[i]->ops->dirty != NULL &&
		    w->stack[i]->ops->dirty(w->stack[i])) {
			ws_msg(w, 2, "%s", ws_tr(w, "表单有未保存的输入; 先保存或按 Esc",
			       "a form has unsaved input: save it or Esc first"));
			return;
		}
	for (i = 1; i < w->depth; i++)
		ws_close(w, w->stack[i]);
	ws_list_find(w, w->stack[0]);
}

static int
global_key(struct ws *w, int key)
{
	switch (key) {
	case WS_FN(KEY_F(1)):
	case '?':
		ws_help_open(w);
		return WS_HANDLED;
	case WS_FN(KEY_F(10)):
	case WS_CTRL('C'):
		return WS_QUIT;
	case 'q':               /* back one level; quits from the list */
		if (w->depth > 1) {
			ws_close(w, top_pane(w));
			return WS_HANDLED;
		}
		return WS_QUIT;
	case '/':               /* find, from any pane: back to the list */
		find_from_anywhere(w);
		return WS_HANDLED;
	case 'A':
		w->arrow = !w->arrow;
		ws_msg(w, 0, "%s", w->arrow ? ws_tr(w, "箭头光标: -> 标出选中的行"
		       " (慢速线路)", "arrow cursor: -> marks the selected row "
		       "(slow links)") : ws_tr(w, "整行高亮选中的行",
		       "the selected row is highlighted whole"));
		w->need = WS_NEED_ALL;
		return WS_HANDLED;
	case WS_CTRL('L'):
		clearok(curscr, TRUE);
		w->need = WS_NEED_ALL;
		return WS_HANDLED;
	case 'L':
		w->lang = strcmp(w->lang, "en") == 0 ? "zh" : "en";
		core_set_lang(w->c, w->lang);
		w->need = WS_NEED_ALL;
		return WS_HANDLED;
	case 'U':
		user_picker(w);
		return WS_HANDLED;
	case 'C':               /* the store counter */
		ws_push(w, ws_counter_new(w, 0));
		return WS_HANDLED;
	case 'g':
	case WS_CTRL('G'):
		ws_goto_prompt(w);
		return WS_HANDLED;
	default:
		if (WS_IS_CHAR(key) || (key & 0x40000000))
			ws_msg(w, 0, "%s", ws_tr(w, "此处没有这个键; F1 或 ? 查看帮助",
			       "that key does nothing here; F1 or ? for help"));
		return WS_HANDLED;
	}
}

static void
dispatch(struct ws *w, int key)
{
	struct ws_pane *p = top_pane(w);
	int rc = WS_PASS;

	if (w->small) {
		if (key == 'q' || key == WS_FN(KEY_F(10)) ||
		    key == WS_CTRL('C'))
			ws_request_quit(w);
		return;
	}
	if (p != NULL && p->ops->key != NULL)
		rc = p->ops->key(w, p, key);
	if (rc == WS_PASS)
		rc = global_key(w, key);
	if (rc == WS_REDRAW)
		w->need |= WS_NEED_BODY;
	else if (rc == WS_QUIT)
		ws_request_quit(w);
}

/* The tick ----------------------------------------------------------- */

static void
tick(struct ws *w)
{
	time_t now = time(NULL);
	uint64_t txn;
	int minute = 0;

	if ((long)(now / 60) != w->clock_min) {
		w->clock_min = (long)(now / 60);
		w->need |= WS_NEED_HDR;
		minute = 1;   /* deadlines move on: "3h left", overdue marks */
	}
	txn = core_last_txnid(w->c);
	if (txn != w->txn || minute) {
		struct ws_pane *b;

		w->txn = txn;
		if (w->depth > 0 && !w->small) {
			b = w->stack[base_index(w)];
			if (b->ops->changed != NULL)
				b->ops->changed(w, b);
		}
	}
	if (now - w->idle_at >= WS_IDLE_SECS) {
		w->idle_at = now;
		core_idle(w->c);
	}
}

/* One frame ---------------------------------------------------------- */

static void
set_cursor(struct ws *w, int on)
{
	if (on != w->cursor) {
		curs_set(on);
		w->cursor = on;
	}
}

static void
render(struct ws *w)
{
	struct ws_pane *p = top_pane(w);
	WINDOW *cw = NULL;
	int cy = 0, cx = 0;
	size_t i, b;

	if (w->small) {
		werase(stdscr);
		mvwaddstr(stdscr, 0, 0, "aftersales: terminal too small "
			  "(40x10 at least); q quits");
		wnoutrefresh(stdscr);
		set_cursor(w, 0);
		doupdate();
		w->need = 0;
		return;
	}
	if (w->need == WS_NEED_ALL)
		wnoutrefresh(stdscr);   /* keep stdscr from repainting later */
	if (w->need & WS_NEED_HDR)
		draw_header(w);
	if (w->need & WS_NEED_TABS)
		draw_tabs(w);
	if (w->need & WS_NEED_KEYS)
		draw_keys(w);
	if (w->need & WS_NEED_MSG)
		draw_msg(w);
	b = base_index(w);
	if ((w->need & WS_NEED_BODY) && w->depth > 0 &&
	    w->stack[b]->ops->draw != NULL) {
		werase(w->body);
		w->stack[b]->ops->draw(w, w->stack[b]);
	}
	wnoutrefresh(w->hdr);
	wnoutrefresh(w->tabs);
	wnoutrefresh(w->body);
	wnoutrefresh(w->keys);
	wnoutrefresh(w->msgw);
	/*
	 * Overlays keep their own windows and draw (and wnoutrefresh) them
	 * every frame, over whatever the body changed; doupdate() sends only
	 * the difference.
	 */
	for (i = b + 1; i < w->depth; i++)
		if (w->stack[i]->ops->draw != NULL)
			w->stack[i]->ops->draw(w, w->stack[i]);
	if (p != NULL && p->ops->cursor != NULL &&
	    p->ops->cursor(w, p, &cw, &cy, &cx) && cw != NULL) {
		wmove(cw, cy, cx);
		leaveok(cw, FALSE);
		wnoutrefresh(cw);
		leaveok(cw, TRUE);
		set_cursor(w, 1);
	} else {
		set_cursor(w, 0);
	}
	doupdate();
	w->need = 0;
}

static void
run(struct ws *w)
{
	w->need = WS_NEED_ALL;
	while (!w->quit) {
		wint_t ch;
		int r, key;

		render(w);
		r = wget_wch(stdscr, &ch);
		if (r == ERR) {
			tick(w);
			continue;
		}
		key = r == KEY_CODE_YES ? WS_FN((int)ch) : (int)ch;
		/* DEC terminals (vt220) label Home and End Find and Select */
		if (key == WS_FN(KEY_FIND))
			key = WS_FN(KEY_HOME);
		else if (key == WS_FN(KEY_SELECT))
			key = WS_FN(KEY_END);
		if (key == WS_FN(KEY_RESIZE)) {
			layout(w);
			clearok(curscr, TRUE);
			continue;
		}
		if (w->msg[0] != '\0') {
			w->msg[0] = '\0';
			w->msg_level = 0;
			w->need |= WS_NEED_MSG;
		}
		dispatch(w, key);
		sweep(w);
		if (w->depth == 0)
			w->quit = 1;
	}
}

/*
 * A damaged database file ends the process from a signal handler (see
 * store/damage.c), where curses must not run: so the terminal's modes as
 * they were before curses, and the terminfo strings that undo what curses
 * set (normal screen, attributes, cursor, keypad), are kept here before
 * the screen opens, and fatal_restore only calls tcsetattr and write.
 */
static struct termios fatal_tio;
static int fatal_tio_ok;
static char fatal_reset[256];
static size_t fatal_reset_len;

static void
fatal_restore(void)
{
	ssize_t w;

	if (fatal_tio_ok)
		tcsetattr(STDIN_FILENO, TCSANOW, &fatal_tio);
	w = write(STDOUT_FILENO, fatal_reset, fatal_reset_len);
	(void)w;
}

static void
fatal_prepare(void)
{
	static const char *const caps[] = { "sgr0", "cnorm", "rmkx", "rmcup" };
	size_t i, n;
	char *v;

	fatal_reset_len = 0;
	for (i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		v = tigetstr(caps[i]);
		if (v == NULL || v == (char *)-1)
			continue;
		n = strlen(v);
		if (fatal_reset_len + n + 2 < sizeof fatal_reset) {
			memcpy(fatal_reset + fatal_reset_len, v, n);
			fatal_reset_len += n;
		}
	}
	memcpy(fatal_reset + fatal_reset_len, "\r\n", 2);
	fatal_reset_len += 2;
}

/* The heap a first screen takes: curses' screens, the list, its counts. */
#define WS_HEAP_START (512 << 10)

/*
 * ncurses 6.4 writes to the terminal after every cursor move of a
 * doupdate() until the screen has once been left with endwin() and taken
 * back (the move is flushed while the screen is in its initial state):
 * 40 to 80 write()s a frame instead of one, each a wake-up of the pty's
 * reader, on a loaded server most of a frame's time.  So the screen is
 * left and taken back once, right before the first frame: a few bytes
 * (leave and enter the alternate screen, under a millisecond apart and
 * before anything is drawn), and every frame after is one write.
 */
static void
buffer_output(void)
{
	def_prog_mode();
	endwin();
}

int
tui_workstation(struct core *c, const struct tui_opts *o)
{
	struct ws w;
	size_t i;

	memset(&w, 0, sizeof w);
	w.c = c;
	w.cfg = core_cfg(c);
	w.o = o;
	w.lang = o->lang != NULL && strcmp(o->lang, "en") == 0 ? "en" : "zh";
	w.arrow = o->arrow;
	fatal_tio_ok = tcgetattr(STDIN_FILENO, &fatal_tio) == 0;
	as_heap_ready(WS_HEAP_START);
	tui_load_ctype();
	w.scr = newterm(NULL, stdout, stdin);
	if (w.scr == NULL) {
		char *term = as_esc_str(getenv("TERM"), 0);

		fprintf(stderr, AS_TR("aftersales: 不能使用这个终端"
			"（TERM=%s）\n", "aftersales: cannot use this terminal "
			"(TERM=%s)\n"), term);
		free(term);
		return 1;
	}
	set_term(w.scr);
	fatal_prepare();
	core_on_fatal(fatal_restore);
	raw();                  /* ^S, ^Q, ^C and ^Z reach the program */
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	if (key_defined("\033[Z") == 0)   /* Shift-Tab where terminfo lacks kcbt */
		define_key("\033[Z", KEY_BTAB);
	set_escdelay(25);
	wtimeout(stdscr, WS_TICK_MS);
	curs_set(0);
	w.cursor = 0;
	init_attrs(&w);
	layout(&w);
	w.txn = core_last_txnid(c);
	w.idle_at = time(NULL);
	w.clock_min = (long)(time(NULL) / 60);
	w.tab = home_tab(&w);
	ws_push(&w, ws_list_new(&w));
	if (o->counter) {
		ws_push(&w, ws_counter_new(&w, 1));
		if (w.depth < 2)
			w.quit = 1;
	}
	if (!tui_env_utf8)
		ws_msg(&w, 1, "%s", ws_tr(&w, "区域设置不是 UTF-8：仍按 UTF-8 "
		    "显示；如有乱码，请把终端设为 UTF-8",
		    "the locale is not UTF-8 (LANG=C?): showing UTF-8 anyway; "
		    "if the text is garbled, set the terminal to UTF-8"));
	if (core_index_stale(c, NULL))
		ws_msg(&w, 1, "%s", ws_tr(&w, "索引由另一版本建立：队列可能不全，"
		    "不能保存；请管理员运行 aftersales reindex", "the index was "
		    "built by another version: queues may miss records and "
		    "nothing can be saved; ask the administrator to run "
		    "`aftersales reindex`"));
	buffer_output();
	run(&w);
	for (i = w.depth; i > 0; i--)
		w.stack[i - 1]->ops->free(w.stack[i - 1]);
	drop_windows(&w);
	endwin();
	core_on_fatal(NULL);
	delscreen(w.scr);
	return 0;
}
