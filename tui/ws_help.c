/*
 * ws_help.c - the small modal panes of the workstation: the help screen
 * (every key of the screen it was opened from, then the keys that work
 * everywhere), a picker (states, users), a one-line prompt and a yes/no
 * question on the message line.  Each keeps its own window over the body
 * and is drawn again every frame, so what changes below never shows
 * through.
 */
#include "ws.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Help --------------------------------------------------------------- */

struct ws_help {
	struct ws_pane p;
	WINDOW *win;
	struct ws_pane *of;
	int top;
};

static void
overlay_resize(WINDOW **win)
{
	if (*win != NULL)
		delwin(*win);
	*win = NULL;
}

/* The keys of the screen below, then the global ones; not footer-only. */
static void
help_collect(struct ws *w, struct ws_help *H, struct ws_keys *k)
{
	struct ws_keys all;
	size_t i;

	all.n = 0;
	if (H->of != NULL && H->of->ops->keys != NULL)
		H->of->ops->keys(w, H->of, &all);
	ws_keys_add(&all, WS_K_HELP, "", "");
	ws_global_keys(w, &all);
	k->n = 0;
	for (i = 0; i < all.n; i++)
		if (all.v[i].foot != WS_K_FOOT)
			k->v[k->n++] = all.v[i];
}

static void
help_draw(struct ws *w, struct ws_pane *p)
{
	struct ws_help *H = (struct ws_help *)p;
	struct ws_keys k;
	int wd, h, i, rows, kw = 0;
	size_t j;

	help_collect(w, H, &k);
	for (j = 0; j < k.n; j++)
		if (ws_width(k.v[j].key) > kw)
			kw = ws_width(k.v[j].key);
	kw = kw > 20 ? 20 : kw;
	wd = w->cols - 4 > 78 ? 78 : w->cols - 4;
	h = (int)k.n + 4 > w->bodyh ? w->bodyh : (int)k.n + 4;
	if (H->win == NULL)
		H->win = newwin(h, wd, 2, (w->cols - wd) / 2);
	if (H->win == NULL)
		return;
	leaveok(H->win, TRUE);
	werase(H->win);
	ws_box(w, H->win);
	ws_put(H->win, 0, 2, wd - 4, ws_tr(w, " 按键帮助 (任意键关闭, ↑↓ 滚动) ",
	       " Keys (any key closes, ↑↓ scroll) "), w->attr[WSA_TITLE], 0);
	rows = h - 3;
	if (H->top > (int)k.n - rows)
		H->top = (int)k.n - rows;
	if (H->top < 0)
		H->top = 0;
	for (i = 0; i < rows && H->top + i < (int)k.n; i++) {
		const struct ws_keyent *e = &k.v[H->top + i];

		if (e->key[0] == '\0' && e->text[0] == '\0') {
			ws_put(H->win, 2 + i, 2, wd - 4, ws_tr(w,
			       "── 所有屏幕 ──", "── everywhere ──"),
			       w->attr[WSA_DIM], 0);
			continue;
		}
		ws_put(H->win, 2 + i, 2, kw, e->key, w->attr[WSA_LABEL], 1);
		ws_put(H->win, 2 + i, 3 + kw, wd - kw - 5, e->text, A_NORMAL, 0);
	}
	wnoutrefresh(H->win);
}

static int
help_key(struct ws *w, struct ws_pane *p, int key)
{
	struct ws_help *H = (struct ws_help *)p;

	switch (key) {
	case WS_FN(KEY_DOWN):
		H->top++;
		return WS_HANDLED;
	case WS_FN(KEY_UP):
		H->top--;
		return WS_HANDLED;
	case WS_FN(KEY_NPAGE):
		H->top += w->bodyh / 2;
		return WS_HANDLED;
	case WS_FN(KEY_PPAGE):
		H->top -= w->bodyh / 2;
		return WS_HANDLED;
	default:
		ws_close(w, p);
		return WS_HANDLED;
	}
}

static void
help_keys(struct ws *w, struct ws_pane *p, struct ws_keys *k)
{
	(void)p;
	ws_keys_add(k, WS_K_BOTH, "↑↓", ws_tr(w, "滚动", "Scroll"));
	ws_keys_add(k, WS_K_BOTH, ws_tr(w, "任意键", "any key"),
		    ws_tr(w, "关闭", "Close"));
}

static void
help_resize(struct ws *w, struct ws_pane *p)
{
	(void)w;
	overlay_resize(&((struct ws_help *)p)->win);
}

static void
help_free(struct ws_pane *p)
{
	overlay_resize(&((struct ws_help *)p)->win);
	free(p);
}

static const struct ws_pane_ops help_ops = {
	.draw = help_draw,
	.key = help_key,
	.keys = help_keys,
	.resize = help_resize,
	.free = help_free,
};

void
ws_help_open(struct ws *w)
{
	struct ws_help *H = xcalloc(1, sizeof *H);

	H->p.ops = &help_ops;
	H->p.overlay = 1;
	H->of = w->depth > 0 ? w->stack[w->depth - 1] : NULL;
	ws_push(w, &H->p);
}

/* Picker ------------------------------------------------------------- */

struct ws_pick {
	struct ws_pane p;
	WINDOW *win;
	char *title;
	char **items;
	size_t n, sel;
	int top;
	struct ws_line find;    /* type-ahead */
	void (*done)(struct ws *w, size_t i, void *ctx);
	void *ctx;
};

static void
pick_draw(struct ws *w, struct ws_pane *p)
{
	struct ws_pick *P = (struct ws_pick *)p;
	int wd = ws_width(P->title) + 6, h, rows, i;
	size_t j;

	for (j = 0; j < P->n; j++)
		if (ws_width(P->items[j]) + 6 > wd)
			wd = ws_width(P->items[j]) + 6;
	if (wd > w->cols - 4)
		wd = w->cols - 4;
	h = (int)P->n + 2 > w->bodyh ? w->bodyh : (int)P->n + 2;
	if (P->win == NULL)
		P->win = newwin(h, wd, 2, (w->cols - wd) / 2);
	if (P->win == NULL)
		return;
	leaveok(P->win, TRUE);
	rows = h - 2;
	if ((int)P->sel < P->top)
		P->top = (int)P->sel;
	if ((int)P->sel >= P->top + rows)
		P->top = (int)P->sel - rows + 1;
	werase(P->win);
	ws_box(w, P->win);
	ws_put(P->win, 0, 2, wd - 4, P->title, w->attr[WSA_TITLE], 0);
	if (P->find.len > 0) {
		char *f = ws_line_get(&P->find), *t = xasprintf(" %s ", f);

		ws_put(P->win, h - 1, 2, wd - 4, t, w->attr[WSA_INPUT], 0);
		free(t);
		free(f);
	}
	for (i = 0; i < rows && P->top + i < (int)P->n; i++) {
		size_t k = (size_t)(P->top + i);

		ws_put(P->win, 1 + i, 1, wd - 2, "", k == P->sel ?
		       w->attr[WSA_SEL] : A_NORMAL, 1);
		ws_put(P->win, 1 + i, 2, wd - 4, P->items[k], k == P->sel ?
		       w->attr[WSA_SEL] : A_NORMAL, 0);
	}
	wnoutrefresh(P->win);
}

/* Select the first item containing the typed text. */
static void
pick_find(struct ws_pick *P)
{
	char *f = ws_line_get(&P->find);
	size_t i;

	for (i = 0; *f != '\0' && i < P->n; i++)
		if (strcasestr(P->items[i], f) != NULL) {
			P->sel = i;
			break;
		}
	free(f);
}

static int
pick_key(struct ws *w, struct ws_pane *p, int key)
{
	struct ws_pick *P = (struct ws_pick *)p;

	switch (key) {
	case WS_FN(KEY_DOWN):
	case WS_CTRL('N'):
		if (P->sel + 1 < P->n)
			P->sel++;
		return WS_HANDLED;
	case WS_FN(KEY_UP):
	case WS_CTRL('P'):
		if (P->sel > 0)
			P->sel--;
		return WS_HANDLED;
	case WS_FN(KEY_NPAGE):
		P->sel = P->sel + 10 < P->n ? P->sel + 10 : P->n - 1;
		return WS_HANDLED;
	case WS_FN(KEY_PPAGE):
		P->sel = P->sel > 10 ? P->sel - 10 : 0;
		return WS_HANDLED;
	case WS_FN(KEY_HOME):
		P->sel = 0;
		return WS_HANDLED;
	case WS_FN(KEY_END):
		P->sel = P->n - 1;
		return WS_HANDLED;
	case '\r':
	case WS_FN(KEY_ENTER):
		ws_close(w, p);
		P->done(w, P->sel, P->ctx);
		return WS_HANDLED;
	case WS_ESC:
		ws_close(w, p);
		return WS_HANDLED;
	case WS_FN(KEY_F(1)):
	case WS_FN(KEY_F(10)):
	case WS_CTRL('C'):
	case WS_CTRL('L'):
		return WS_PASS;
	default:
		if (ws_line_key(&P->find, key, 0) > 0)
			pick_find(P);
		return WS_HANDLED;
	}
}

static void
pick_keys(struct ws *w, struct ws_pane *p, struct ws_keys *k)
{
	(void)p;
	ws_keys_add(k, WS_K_BOTH, "↑↓", ws_tr(w, "选择", "Select"));
	ws_keys_add(k, WS_K_BOTH, "Enter", ws_tr(w, "确定", "OK"));
	ws_keys_add(k, WS_K_BOTH, "Esc", ws_tr(w, "取消", "Cancel"));
	ws_keys_add(k, WS_K_BOTH, ws_tr(w, "输入", "type"), ws_tr(w, "查找", "Find"));
}

static void
pick_resize(struct ws *w, struct ws_pane *p)
{
	(void)w;
	overlay_resize(&((struct ws_pick *)p)->win);
}

static void
pick_free(struct ws_pane *p)
{
	struct ws_pick *P = (struct ws_pick *)p;
	size_t i;

	overlay_resize(&P->win);
	ws_line_free(&P->find);
	for (i = 0; i < P->n; i++)
		free(P->items[i]);
	free(P->items);
	free(P->title);
	free(P);
}

static const struct ws_pane_ops pick_ops = {
	.draw = pick_draw,
	.key = pick_key,
	.keys = pick_keys,
	.resize = pick_resize,
	.free = pick_free,
};

void
ws_pick_open(struct ws *w, const char *title, const char *const *items,
	     size_t n, size_t sel,
	     void (*done)(struct ws *w, size_t i, void *ctx), void *ctx)
{
	struct ws_pick *P;
	size_t i;

	if (n == 0)
		return;
	P = xcalloc(1, sizeof *P);
	P->p.ops = &pick_ops;
	P->p.overlay = 1;
	P->title = xasprintf(" %s ", title);
	P->items = xcalloc(n, sizeof *P->items);
	for (i = 0; i < n; i++)
		P->items[i] = xstrdup(items[i]);
	P->n = n;
	P->sel = sel < n ? sel : 0;
	P->done = done;
	P->ctx = ctx;
	ws_push(w, &P->p);
}

/* Prompt and question on the message line ---------------------------- */

struct ws_prompt {
	struct ws_pane p;
	char *label;
	struct ws_line line;
	int ask;
	void (*done)(struct ws *w, const char *text, void *ctx);
	void (*yes)(struct ws *w, void *ctx);
	void *ctx;
};

static int
prompt_put(struct ws *w, struct ws_prompt *P, int *cx)
{
	int x;

	x = ws_put(w->msgw, 0, 0, w->cols, P->label,
		   w->attr[P->ask ? WSA_WARN : WSA_LABEL], 0);
	if (P->ask) {
		x += ws_put(w->msgw, 0, x, w->cols - x, " (y/n) ",
			    w->attr[WSA_WARN], 0);
		if (x < w->cols)
			ws_blank(w->msgw, 0, x, w->cols - x, A_NORMAL);
		*cx = x < w->cols ? x : w->cols - 1;
		return 1;
	}
	if (x < w->cols - 1)
		ws_line_draw(w->msgw, 0, x, w->cols - x - 1, &P->line,
			     w->attr[WSA_INPUT], cx);
	*cx += x;
	return 1;
}

static void
prompt_draw(struct ws *w, struct ws_pane *p)
{
	int cx = 0;

	prompt_put(w, (struct ws_prompt *)p, &cx);
	wnoutrefresh(w->msgw);
}

static int
prompt_cursor(struct ws *w, struct ws_pane *p, WINDOW **win, int *y, int *x)
{
	int cx = 0;

	prompt_put(w, (struct ws_prompt *)p, &cx);
	*win = w->msgw;
	*y = 0;
	*x = cx;
	return 1;
}

static int
prompt_key(struct ws *w, struct ws_pane *p, int key)
{
	struct ws_prompt *P = (struct ws_prompt *)p;
	char *t;

	if (P->ask) {
		ws_close(w, p);
		if (key == 'y' || key == 'Y')
			P->yes(w, P->ctx);
		return WS_HANDLED;
	}
	switch (key) {
	case '\r':
	case '\n':
	case WS_FN(KEY_ENTER):
		ws_close(w, p);
		t = ws_line_get(&P->line);
		P->done(w, t, P->ctx);
		free(t);
		return WS_HANDLED;
	case WS_ESC:
	case WS_CTRL('G'):
	case WS_CTRL('C'):
		ws_close(w, p);
		return WS_HANDLED;
	default:
		ws_line_key(&P->line, key, 0);
		return WS_HANDLED;
	}
}

static void
prompt_keys(struct ws *w, struct ws_pane *p, struct ws_keys *k)
{
	struct ws_prompt *P = (struct ws_prompt *)p;

	if (P->ask) {
		ws_keys_add(k, WS_K_BOTH, "y", ws_tr(w, "是", "Yes"));
		ws_keys_add(k, WS_K_BOTH, ws_tr(w, "其他键", "other"),
			    ws_tr(w, "否", "No"));
		return;
	}
	ws_keys_add(k, WS_K_BOTH, "Enter", ws_tr(w, "确定", "OK"));
	ws_keys_add(k, WS_K_BOTH, "Esc", ws_tr(w, "取消", "Cancel"));
}

static void
prompt_free(struct ws_pane *p)
{
	struct ws_prompt *P = (struct ws_prompt *)p;

	ws_line_free(&P->line);
	free(P->label);
	free(P);
}

static const struct ws_pane_ops prompt_ops = {
	.draw = prompt_draw,
	.key = prompt_key,
	.cursor = prompt_cursor,
	.keys = prompt_keys,
	.free = prompt_free,
};

static struct ws_prompt *
prompt_new(struct ws *w, const char *label, void *ctx)
{
	struct ws_prompt *P = xcalloc(1, sizeof *P);

	(void)w;
	P->p.ops = &prompt_ops;
	P->p.overlay = 1;
	P->label = xstrdup(label);
	P->ctx = ctx;
	ws_line_set(&P->line, "");
	return P;
}

void
ws_prompt_open(struct ws *w, const char *label,
	       void (*done)(struct ws *w, const char *text, void *ctx),
	       void *ctx)
{
	struct ws_prompt *P = prompt_new(w, label, ctx);

	P->done = done;
	ws_push(w, &P->p);
}

void
ws_ask(struct ws *w, const char *question,
       void (*yes)(struct ws *w, void *ctx), void *ctx)
{
	struct ws_prompt *P = prompt_new(w, question, ctx);

	P->ask = 1;
	P->yes = yes;
	ws_push(w, &P->p);
}
