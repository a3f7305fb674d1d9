/*
 * ws_edit.c - the line editor of the workstation's forms and prompts.
 * Text is kept as wide characters so that the cursor moves, Backspace and
 * Delete work on whole characters (a Chinese character is one step, two
 * columns); positions on the screen are computed by display width.
 */
#include "ws.h"

#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <wctype.h>

static int
cwidth(wchar_t c)
{
	int n = utf8_cols((uint32_t)c);

	return n < 0 ? 1 : n;
}

static void
grow(struct ws_line *l, size_t need)
{
	if (need + 1 <= l->cap)
		return;
	l->cap = (need + 1) * 2;
	l->s = xrealloc(l->s, l->cap * sizeof *l->s);
}

void
ws_line_set(struct ws_line *l, const char *utf8)
{
	size_t n = strlen(utf8), i = 0;

	l->len = l->cur = l->off = 0;
	l->voff = 0;
	grow(l, n);
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_next(utf8 + i, n - i, &cp);

		l->s[l->len++] = cp == UTF8_BAD ? L'?' : (wchar_t)cp;
		i += k;
	}
	l->s[l->len] = 0;
	l->cur = l->len;
}

char *
ws_line_get(const struct ws_line *l)
{
	struct as_buf b = {0};
	size_t i;

	for (i = 0; i < l->len; i++)
		utf8_put(&b, (uint32_t)l->s[i]);
	return b.data != NULL ? b.data : xstrdup("");
}

void
ws_line_free(struct ws_line *l)
{
	free(l->s);
	memset(l, 0, sizeof *l);
}

static void
insert(struct ws_line *l, wchar_t c)
{
	grow(l, l->len + 1);
	memmove(l->s + l->cur + 1, l->s + l->cur,
		(l->len - l->cur) * sizeof *l->s);
	l->s[l->cur++] = c;
	l->s[++l->len] = 0;
}

static void
cut(struct ws_line *l, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(l->s + from, l->s + to, (l->len - to) * sizeof *l->s);
	l->len -= to - from;
	l->s[l->len] = 0;
	if (l->cur > to)
		l->cur -= to - from;
	else if (l->cur > from)
		l->cur = from;
}

/* Start and end of the logical line (between newlines) around cur. */
static size_t
bol(const struct ws_line *l)
{
	size_t i = l->cur;

	while (i > 0 && l->s[i - 1] != L'\n')
		i--;
	return i;
}

static size_t
eol(const struct ws_line *l)
{
	size_t i = l->cur;

	while (i < l->len && l->s[i] != L'\n')
		i++;
	return i;
}

int
ws_line_key(struct ws_line *l, int key, int multi)
{
	size_t i;

	if (l->s == NULL)
		ws_line_set(l, "");
	switch (key) {
	case WS_FN(KEY_BACKSPACE):
	case 127:
	case 8:
		if (l->cur == 0)
			return 0;
		cut(l, l->cur - 1, l->cur);
		return 1;
	case WS_FN(KEY_DC):
	case WS_CTRL('D'):
		if (l->cur >= l->len)
			return 0;
		cut(l, l->cur, l->cur + 1);
		return 1;
	case WS_FN(KEY_LEFT):
	case WS_CTRL('B'):
		if (l->cur > 0)
			l->cur--;
		return 0;
	case WS_FN(KEY_RIGHT):
	case WS_CTRL('F'):
		if (l->cur < l->len)
			l->cur++;
		return 0;
	case WS_FN(KEY_HOME):
	case WS_CTRL('A'):
		l->cur = multi ? bol(l) : 0;
		return 0;
	case WS_FN(KEY_END):
	case WS_CTRL('E'):
		l->cur = multi ? eol(l) : l->len;
		return 0;
	case WS_CTRL('K'):
		i = multi ? eol(l) : l->len;
		if (i == l->cur)
			return 0;
		cut(l, l->cur, i);
		return 1;
	case WS_CTRL('U'):
		i = multi ? bol(l) : 0;
		if (i == l->cur)
			return 0;
		cut(l, i, l->cur);
		return 1;
	case WS_CTRL('W'):
		i = l->cur;
		while (i > 0 && iswspace((wint_t)l->s[i - 1]))
			i--;
		while (i > 0 && !iswspace((wint_t)l->s[i - 1]))
			i--;
		if (i == l->cur)
			return 0;
		cut(l, i, l->cur);
		return 1;
	case '\n':
		if (!multi)
			return -1;
		insert(l, L'\n');
		return 1;
	default:
		break;
	}
	if (WS_IS_CHAR(key) && iswprint((wint_t)key)) {
		insert(l, (wchar_t)key);
		return 1;
	}
	return -1;
}

/* Columns of s[from..to). */
static int
span(const struct ws_line *l, size_t from, size_t to)
{
	int n = 0;

	for (; from < to; from++)
		n += cwidth(l->s[from]);
	return n;
}

void
ws_line_draw(WINDOW *win, int y, int x, int width, struct ws_line *l,
	     attr_t a, int *curx)
{
	int used = 0;
	size_t i;

	if (l->s == NULL)
		ws_line_set(l, "");
	if (width < 1)
		return;
	if (l->off > l->cur)
		l->off = l->cur;
	/* keep the cursor cell on the row; show some context to its left */
	while (l->off < l->cur && span(l, l->off, l->cur) + 1 > width)
		l->off++;
	if (l->off > 0 && span(l, 0, l->len) <= width - 1)
		l->off = 0;
	wattrset(win, a);
	wmove(win, y, x);
	for (i = l->off; i < l->len; i++) {
		wchar_t c = l->s[i];
		int cw = cwidth(c);

		if (used + cw > width)
			break;
		if (c == L'\n' || !iswprint((wint_t)c))
			c = L'?';
		waddnwstr(win, &c, 1);
		used += cw;
	}
	for (; used < width; used++)
		waddch(win, ' ');
	wattrset(win, A_NORMAL);
	*curx = span(l, l->off, l->cur);
}

void
ws_line_draw_multi(WINDOW *win, int y, int x, int width, int height,
		   struct ws_line *l, attr_t a, int *cury, int *curx)
{
	int row = 0, col = 0, crow = 0, ccol = 0, r;
	size_t i;

	if (l->s == NULL)
		ws_line_set(l, "");
	if (width < 1 || height < 1)
		return;
	/* where the cursor falls */
	for (i = 0; i <= l->len; i++) {
		int cw = i < l->len ? cwidth(l->s[i]) : 1;

		if (i < l->len && l->s[i] == L'\n')
			cw = 0;
		if (col + cw > width) {
			row++;
			col = 0;
		}
		if (i == l->cur) {
			crow = row;
			ccol = col;
		}
		if (i == l->len)
			break;
		if (l->s[i] == L'\n') {
			row++;
			col = 0;
		} else {
			col += cw;
		}
	}
	if (crow < l->voff)
		l->voff = crow;
	if (crow >= l->voff + height)
		l->voff = crow - height + 1;
	for (r = 0; r < height; r++)
		ws_blank(win, y + r, x, width, a);
	wattrset(win, a);
	row = col = 0;
	for (i = 0; i < l->len; i++) {
		wchar_t c = l->s[i];
		int cw = cwidth(c);

		if (c == L'\n') {
			row++;
			col = 0;
			continue;
		}
		if (col + cw > width) {
			row++;
			col = 0;
		}
		if (row >= l->voff + height)
			break;
		if (row >= l->voff) {
			if (!iswprint((wint_t)c))
				c = L'?';
			mvwaddnwstr(win, y + row - l->voff, x + col, &c, 1);
		}
		col += cw;
	}
	wattrset(win, A_NORMAL);
	*cury = crow - l->voff;
	*curx = ccol;
}
