/*
 * ws_page.c - the printed page of a record in the workstation (P in the
 * detail view): the same text `aftersales print` writes (core_print_page),
 * shown in a pager, and sent to the configured printer command
 * (core_print_send: printer: in the configuration, lp by default, run
 * with the user's own rights and no shell) with p.
 */
#include "ws.h"

#include <stdlib.h>
#include <string.h>

struct ws_page {
	struct ws_pane p;
	char *id;
	char *text;             /* the page, as printed */
	char *split;            /* a copy of text, split at LF */
	char **lines;           /* into split */
	size_t n;
	int top;
};

static int
page_rows(const struct ws *w)
{
	return w->bodyh;
}

static void
page_draw(struct ws *w, struct ws_pane *p)
{
	struct ws_page *P = (struct ws_page *)p;
	int y;

	for (y = 0; y < page_rows(w) && P->top + y < (int)P->n; y++)
		ws_put(w->body, y, 0, w->cols, P->lines[P->top + y], A_NORMAL,
		       0);
	if (P->top > 0)
		ws_put(w->body, 0, w->cols - 1, 1, "▲", w->attr[WSA_TITLE], 0);
	if (P->top + page_rows(w) < (int)P->n)
		ws_put(w->body, page_rows(w) - 1, w->cols - 1, 1, "▼",
		       w->attr[WSA_TITLE], 0);
}

static int
page_scroll(struct ws *w, struct ws_page *P, int by)
{
	int old = P->top, max = (int)P->n - page_rows(w);

	P->top += by;
	if (P->top > max)
		P->top = max;
	if (P->top < 0)
		P->top = 0;
	return P->top != old ? WS_REDRAW : WS_HANDLED;
}

/* Send the page to the printer command; say how it went. */
static void
page_send(struct ws *w, struct ws_page *P)
{
	struct as_err err = {0};

	if (core_print_send(w->c, P->text, &err) != 0) {
		ws_msg(w, 2, "%s", err.msg);
		return;
	}
	if (strcmp(w->lang, "en") == 0)
		ws_msg(w, 1, "%s sent to the printer (%s)", P->id,
		       w->cfg->printer[0]);
	else
		ws_msg(w, 1, "%s 已送往打印机（%s）", P->id,
		       w->cfg->printer[0]);
}

static int
page_key(struct ws *w, struct ws_pane *p, int key)
{
	struct ws_page *P = (struct ws_page *)p;
	int delta;

	if (ws_scroll_key(key, page_rows(w), (int)P->n, &delta))
		return page_scroll(w, P, delta);
	switch (key) {
	case 'p':
	case 'P':
		page_send(w, P);
		return WS_HANDLED;
	case WS_ESC:
	case WS_FN(KEY_LEFT):
	case WS_FN(KEY_BACKSPACE):
	case 127:
		ws_close(w, p);
		return WS_HANDLED;
	default:
		return WS_PASS;
	}
}

static void
page_keys(struct ws *w, struct ws_pane *p, struct ws_keys *k)
{
	(void)p;
	ws_keys_add(k, WS_K_FOOT, "Esc", ws_tr(w, "返回", "Back"));
	ws_keys_add(k, WS_K_BOTH, "p", ws_tr(w, "送打印机", "Print"));
	ws_keys_add(k, WS_K_BOTH, "↑↓", ws_tr(w, "滚动", "Scroll"));
	ws_keys_add(k, WS_K_HELP, "PgUp PgDn Home End", ws_tr(w, "翻页", "page"));
	ws_keys_add(k, WS_K_HELP, "Esc ← Backspace", ws_tr(w, "返回记录",
						    "back to the record"));
}

static void
page_free(struct ws_pane *p)
{
	struct ws_page *P = (struct ws_page *)p;

	free(P->id);
	free(P->text);
	free(P->split);
	free(P->lines);
	free(P);
}

static const struct ws_pane_ops page_ops = {
	.draw = page_draw,
	.key = page_key,
	.keys = page_keys,
	.free = page_free,
};

int
ws_page_open(struct ws *w, const char *id)
{
	struct as_err err = {0};
	struct as_buf b = {0};
	struct ws_page *P;
	char *s;

	if (core_print_page(w->c, id, w->lang, &b, &err) != 0) {
		buf_free(&b);
		ws_msg(w, 2, "%s", err.msg);
		return -1;
	}
	P = xcalloc(1, sizeof *P);
	P->p.ops = &page_ops;
	P->id = xstrdup(id);
	P->text = b.data;
	P->split = xstrdup(b.data);
	for (s = P->split; *s != '\0'; s++)
		if (*s == '\n')
			P->n++;
	P->lines = xcalloc(P->n + 1, sizeof *P->lines);
	P->n = 0;
	for (s = P->split; *s != '\0';) {
		char *nl = strchr(s, '\n');

		P->lines[P->n++] = s;
		if (nl == NULL)
			break;
		*nl = '\0';
		s = nl + 1;
	}
	ws_push(w, &P->p);
	return 0;
}
