/*
 * ws_util.c - text and drawing helpers of the workstation: the display
 * language, drawing UTF-8 text by display width without ever cutting a
 * character (so Chinese names line up in columns), wrapping, durations.
 */
#include "ws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *
ws_tr(const struct ws *w, const char *zh, const char *en)
{
	return AS_TRL(w->lang, zh, en);
}

const char *
ws_label(const struct ws *w, const struct cfg_label *l, const char *fallback)
{
	return cfg_text(l, w->lang, fallback);
}

int
ws_scroll_key(int key, int rows, int total, int *delta)
{
	switch (key) {
	case WS_FN(KEY_DOWN):
	case WS_CTRL('N'):
		*delta = 1;
		return 1;
	case WS_FN(KEY_UP):
	case WS_CTRL('P'):
		*delta = -1;
		return 1;
	case WS_FN(KEY_NPAGE):
	case ' ':
		*delta = rows - 1;
		return 1;
	case WS_FN(KEY_PPAGE):
		*delta = -(rows - 1);
		return 1;
	case WS_FN(KEY_HOME):
		*delta = -total;
		return 1;
	case WS_FN(KEY_END):
		*delta = total;
		return 1;
	}
	return 0;
}

const char *
ws_to_label(const struct ws *w, const struct cfg_transition *t)
{
	if (t->to == NULL)
		return ws_tr(w, "状态不变", "state unchanged");
	return ws_label(w, &t->to->label, t->to->id);
}

void
ws_keys_add(struct ws_keys *k, int foot, const char *key, const char *text)
{
	struct ws_keyent *e;

	if (k->n >= sizeof k->v / sizeof k->v[0])
		return;
	e = &k->v[k->n++];
	snprintf(e->key, sizeof e->key, "%s", key);
	snprintf(e->text, sizeof e->text, "%s", text);
	e->foot = foot;
}

/* Decode one character of s; returns bytes used (>= 1), *wc and *cols. */
static size_t
decode(const char *s, size_t n, wchar_t *wc, int *cols)
{
	uint32_t cp;
	size_t k = utf8_char(s, n, &cp, cols);

	*wc = utf8_cols(cp) < 0 ? L'?' : (wchar_t)cp;
	return k;
}

int
ws_width(const char *s)
{
	return utf8_width(s, strlen(s));
}

int
ws_put(WINDOW *win, int y, int x, int width, const char *s, attr_t a,
       int pad)
{
	wchar_t buf[256];
	size_t n = s != NULL ? strlen(s) : 0, i = 0, nb = 0;
	int used = 0, cw;
	wchar_t wc;

	if (width <= 0)
		return 0;
	wattrset(win, a);
	wmove(win, y, x);
	while (i < n) {
		size_t k = decode(s + i, n - i, &wc, &cw);

		if (used + cw > width)
			break;
		if (cw == 0 && nb == 0) { /* a lone combining mark */
			i += k;
			continue;
		}
		buf[nb++] = wc;
		used += cw;
		i += k;
		if (nb == sizeof buf / sizeof buf[0] - 1) {
			waddnwstr(win, buf, (int)nb);
			nb = 0;
		}
	}
	if (nb > 0)
		waddnwstr(win, buf, (int)nb);
	if (pad) {
		for (; used < width; used++)
			waddch(win, ' ');
	}
	wattrset(win, A_NORMAL);
	return used;
}

int
ws_put_cut(WINDOW *win, int y, int x, int width, const char *s, attr_t a,
	   int pad)
{
	int used;

	if (width <= 1 || s == NULL || ws_width(s) <= width)
		return ws_put(win, y, x, width, s, a, pad);
	used = ws_put(win, y, x, width - 1, s, a, 0);
	used += ws_put(win, y, x + used, 1, "…", a, 0);
	if (pad && used < width)
		used += ws_put(win, y, x + used, width - used, "", a, 1);
	return used;
}

void
ws_blank(WINDOW *win, int y, int x, int width, attr_t a)
{
	/*
	 * A whole line in one store of its cells (whline), not a waddch a
	 * cell: a list row begins so (issue 13).  Only a whole line: whline
	 * leaves a wide character cut at either end of a part of one.
	 */
	if (x == 0 && width >= getmaxx(win)) {
		wattrset(win, a);
		mvwhline(win, y, 0, ' ', getmaxx(win));
		wattrset(win, A_NORMAL);
		return;
	}
	ws_put(win, y, x, width, "", a, 1);
}

void
ws_wrap(const char *s, int width,
	void (*fn)(const char *row, size_t n, void *ctx), void *ctx)
{
	size_t n = strlen(s), i = 0;

	if (width < 1)
		width = 1;
	if (n == 0) {
		fn(s, 0, ctx);
		return;
	}
	while (i < n) {
		size_t j = i + utf8_row(s + i, n - i, width);

		fn(s + i, j - i, ctx);
		if (j < n && s[j] == '\n')
			j++;
		i = j;
	}
}

void
ws_count(uint64_t n, int more, char *buf, size_t size)
{
	if (n < 10000)
		snprintf(buf, size, " %llu%s", (unsigned long long)n,
			 more ? "+" : "");
	else if (n < 1000000)
		snprintf(buf, size, " %lluk", (unsigned long long)(n / 1000));
	else
		snprintf(buf, size, " %llu.%lluM",
			 (unsigned long long)(n / 1000000),
			 (unsigned long long)(n / 100000 % 10));
}

void
ws_duration(int64_t secs, char *buf, size_t n)
{
	if (secs < 0)
		secs = 0;
	if (secs < 3600)
		snprintf(buf, n, "%lldm", (long long)(secs / 60));
	else if (secs < 2 * 86400)
		snprintf(buf, n, "%lldh", (long long)(secs / 3600));
	else
		snprintf(buf, n, "%lldd", (long long)(secs / 86400));
}

void
ws_box(struct ws *w, WINDOW *win)
{
	wattrset(win, w->attr[WSA_BOX]);
	box_set(win, NULL, NULL);
	wattrset(win, A_NORMAL);
}

const char *
ws_user_name(const struct ws *w, const char *login)
{
	const struct cfg_user *u = cfg_user(w->cfg, login);

	return u != NULL && u->name != NULL && *u->name != '\0' ? u->name
								 : login;
}

char *
ws_format(const struct ws *w, const struct cfg_field *f, const char *v)
{
	struct as_buf b = {0};

	core_format_value(w->c, f, v, w->lang, &b);
	return b.data != NULL ? b.data : xstrdup("");
}

void
ws_step_from(const struct ws *w, const struct cfg_transition *t,
	     struct as_buf *b)
{
	size_t i;

	for (i = 0; i < t->nfrom; i++)
		buf_addf(b, "%s%s", i ? "/" : "",
			 ws_label(w, &t->from[i]->label, t->from[i]->id));
}
