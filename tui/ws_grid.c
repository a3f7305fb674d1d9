/*
 * ws_grid.c - the grid a form edits a lines field in (line items): one
 * row per line, one cell per column, a header of the column labels.  Tab
 * and Shift-Tab move across the cells (past the last cell or before the
 * first they leave the grid for the form's next or previous field), Up
 * and Down between lines, Insert or Ctrl-N adds a line below the current
 * one, Ctrl-X deletes the current line.  Each cell is a line editor; the
 * grid's value is the typed JSON of its cells (core_lines_typed), checked
 * per cell by core_lines_encode, and a refusal is drawn under the cell it
 * names.  There is always at least one line to type into; lines left
 * empty are dropped when the value is taken.
 */
#include "ws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ws_grid {
	const struct cfg_field *f;
	struct ws_line *cell;      /* n * f->ncolumns */
	size_t n;
	size_t line, col;          /* the current cell */
	char *err;                 /* a refusal, under cell (eline, ecol) */
	size_t eline, ecol;
	int *cw;                   /* column widths of the last draw */
};

static void
grid_alloc(struct ws_grid *g, size_t n)
{
	g->n = n;
	g->cell = xcalloc(n * g->f->ncolumns + 1, sizeof *g->cell);
}

static void
grid_clear(struct ws_grid *g)
{
	size_t i;

	for (i = 0; i < g->n * g->f->ncolumns; i++)
		ws_line_free(&g->cell[i]);
	free(g->cell);
	g->cell = NULL;
	g->n = 0;
}

void
ws_grid_set(struct ws_grid *g, const char *typed)
{
	struct core_lines l;
	size_t i, nc = g->f->ncolumns;

	grid_clear(g);
	ws_grid_set_err(g, NULL, 0, 0);
	if (core_lines_decode(g->f, typed, &l) != 0 || l.n == 0) {
		if (l.cell != NULL)
			core_lines_free(&l);
		grid_alloc(g, 1);
	} else {
		grid_alloc(g, l.n);
		for (i = 0; i < l.n * nc; i++)
			ws_line_set(&g->cell[i], l.cell[i]);
		core_lines_free(&l);
	}
	for (i = 0; i < g->n * nc; i++)
		if (g->cell[i].s == NULL)
			ws_line_set(&g->cell[i], "");
	if (g->line >= g->n)
		g->line = g->n - 1;
}

struct ws_grid *
ws_grid_new(const struct cfg_field *f, const char *typed)
{
	struct ws_grid *g = xcalloc(1, sizeof *g);

	g->f = f;
	g->cw = xcalloc(f->ncolumns + 1, sizeof *g->cw);
	ws_grid_set(g, typed);
	return g;
}

void
ws_grid_free(struct ws_grid **gp)
{
	struct ws_grid *g = *gp;

	if (g == NULL)
		return;
	grid_clear(g);
	free(g->err);
	free(g->cw);
	free(g);
	*gp = NULL;
}

/* The cells as text, line by line (free with free_cells). */
static char **
cells_text(const struct ws_grid *g)
{
	size_t i, n = g->n * g->f->ncolumns;
	char **v = xcalloc(n + 1, sizeof *v);

	for (i = 0; i < n; i++)
		v[i] = ws_line_get(&g->cell[i]);
	return v;
}

static void
free_cells(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

char *
ws_grid_typed(const struct ws_grid *g)
{
	char **v = cells_text(g);
	char *s = core_lines_typed(g->f, (const char *const *)v, g->n);

	free_cells(v, g->n * g->f->ncolumns);
	return s;
}

void
ws_grid_set_err(struct ws_grid *g, const char *msg, size_t line, size_t col)
{
	free(g->err);
	g->err = msg != NULL ? xstrdup(msg) : NULL;
	g->eline = line;
	g->ecol = col;
}

int
ws_grid_check(struct ws *w, struct ws_grid *g, struct as_err *err)
{
	char **v = cells_text(g);
	char *out = NULL;
	size_t bl, bc;
	int rc;

	rc = core_lines_encode(w->c, g->f, (const char *const *)v, g->n, &out,
			       &bl, &bc, err);
	free_cells(v, g->n * g->f->ncolumns);
	free(out);
	if (rc != 0 && bl != (size_t)-1) {
		ws_grid_set_err(g, err->msg, bl, bc);
		g->line = bl;
		g->col = bc;
	} else
		ws_grid_set_err(g, rc != 0 ? err->msg : NULL, 0, 0);
	return rc;
}

int
ws_grid_rows(const struct ws_grid *g)
{
	return 1 + (int)g->n + (g->err != NULL ? 1 : 0);
}

void
ws_grid_enter(struct ws_grid *g, int backwards)
{
	g->line = backwards ? g->n - 1 : 0;
	g->col = backwards ? g->f->ncolumns - 1 : 0;
}

/*
 * The width of each column: its label or its widest cell, at least 4,
 * shrunk evenly when the grid is wider than width.
 */
static void
widths(struct ws *w, struct ws_grid *g, int width)
{
	size_t i, j, nc = g->f->ncolumns;
	int total = 0;

	for (j = 0; j < nc; j++) {
		int cw = ws_width(ws_label(w, &g->f->columns[j].label,
					   g->f->columns[j].id));

		for (i = 0; i < g->n; i++) {
			char *t = ws_line_get(&g->cell[i * nc + j]);

			if (ws_width(t) + 1 > cw)
				cw = ws_width(t) + 1;
			free(t);
		}
		g->cw[j] = cw < 4 ? 4 : cw > 30 ? 30 : cw;
		total += g->cw[j] + 1;
	}
	while (total > width && total > (int)nc * 5) {
		int widest = 0;

		for (j = 1; j < nc; j++)
			if (g->cw[j] > g->cw[widest])
				widest = (int)j;
		g->cw[widest]--;
		total--;
	}
}

void
ws_grid_draw(struct ws *w, struct ws_grid *g, WINDOW *win, int y, int x,
	     int width, int focus, int *cy, int *cx)
{
	size_t i, j, nc = g->f->ncolumns;
	int xx, row = y, curx = 0;

	widths(w, g, width);
	ws_blank(win, row, x, width, A_NORMAL);
	for (j = 0, xx = x; j < nc && xx < x + width; j++) {
		ws_put(win, row, xx, g->cw[j] < x + width - xx ? g->cw[j] :
		       x + width - xx, ws_label(w, &g->f->columns[j].label,
		       g->f->columns[j].id), w->attr[WSA_LABEL], 1);
		xx += g->cw[j] + 1;
	}
	row++;
	for (i = 0; i < g->n; i++, row++) {
		ws_blank(win, row, x, width, A_NORMAL);
		for (j = 0, xx = x; j < nc && xx < x + width; j++) {
			int on = focus && i == g->line && j == g->col;
			int cwid = g->cw[j] < x + width - xx ? g->cw[j] :
			    x + width - xx;

			ws_line_draw(win, row, xx, cwid, &g->cell[i * nc + j],
			    w->attr[on ? WSA_FOCUS : WSA_INPUT], &curx);
			if (on) {
				*cy = row;
				*cx = xx + curx;
			}
			xx += g->cw[j] + 1;
		}
		if (g->err != NULL && i == g->eline) {
			char *e = xasprintf("↳ %s", g->err);

			row++;
			for (j = 0, xx = x; j < g->ecol && j < nc; j++)
				xx += g->cw[j] + 1;
			if (xx > x + width / 2)
				xx = x;
			ws_blank(win, row, x, width, A_NORMAL);
			ws_put(win, row, xx, x + width - xx, e,
			       w->attr[WSA_ERR], 0);
			free(e);
		}
	}
	if (g->err != NULL && g->eline >= g->n) {
		char *e = xasprintf("↳ %s", g->err);

		ws_blank(win, row, x, width, A_NORMAL);
		ws_put(win, row, x, width, e, w->attr[WSA_ERR], 0);
		free(e);
	}
}

/* Insert an empty line at index at. */
static void
insert_line(struct ws_grid *g, size_t at)
{
	size_t nc = g->f->ncolumns, j;

	g->cell = xrealloc(g->cell, ((g->n + 1) * nc + 1) * sizeof *g->cell);
	memmove(&g->cell[(at + 1) * nc], &g->cell[at * nc],
		(g->n - at) * nc * sizeof *g->cell);
	memset(&g->cell[at * nc], 0, nc * sizeof *g->cell);
	for (j = 0; j < nc; j++)
		ws_line_set(&g->cell[at * nc + j], "");
	g->n++;
}

static void
delete_line(struct ws_grid *g, size_t at)
{
	size_t nc = g->f->ncolumns, j;

	for (j = 0; j < nc; j++)
		ws_line_free(&g->cell[at * nc + j]);
	memmove(&g->cell[at * nc], &g->cell[(at + 1) * nc],
		(g->n - at - 1) * nc * sizeof *g->cell);
	g->n--;
	if (g->n == 0)
		insert_line(g, 0);   /* always a line to type into */
	if (g->line >= g->n)
		g->line = g->n - 1;
}

int
ws_grid_key(struct ws_grid *g, int key)
{
	size_t nc = g->f->ncolumns;
	int r;

	switch (key) {
	case '\t':
	case '\r':
	case WS_FN(KEY_ENTER):
		if (g->col + 1 < nc) {
			g->col++;
			return WS_GRID_MOVED;
		}
		if (g->line + 1 < g->n) {
			g->line++;
			g->col = 0;
			return WS_GRID_MOVED;
		}
		return WS_GRID_LEAVE_NEXT;
	case WS_FN(KEY_BTAB):
		if (g->col > 0) {
			g->col--;
			return WS_GRID_MOVED;
		}
		if (g->line > 0) {
			g->line--;
			g->col = nc - 1;
			return WS_GRID_MOVED;
		}
		return WS_GRID_LEAVE_PREV;
	case WS_FN(KEY_DOWN):
		if (g->line + 1 < g->n) {
			g->line++;
			return WS_GRID_MOVED;
		}
		return WS_GRID_LEAVE_NEXT;
	case WS_FN(KEY_UP):
		if (g->line > 0) {
			g->line--;
			return WS_GRID_MOVED;
		}
		return WS_GRID_LEAVE_PREV;
	case WS_FN(KEY_IC):
	case WS_CTRL('N'):
		insert_line(g, g->line + 1);
		g->line++;
		g->col = 0;
		ws_grid_set_err(g, NULL, 0, 0);
		return WS_GRID_CHANGED;
	case WS_CTRL('X'):
		delete_line(g, g->line);
		g->col = 0;
		ws_grid_set_err(g, NULL, 0, 0);
		return WS_GRID_CHANGED;
	default:
		break;
	}
	r = ws_line_key(&g->cell[g->line * nc + g->col], key, 0);
	if (r < 0)
		return WS_GRID_NOT_MINE;
	if (r > 0 && g->err != NULL) {
		ws_grid_set_err(g, NULL, 0, 0);
		return WS_GRID_CHANGED;
	}
	return r > 0 ? WS_GRID_TYPED : WS_GRID_MOVED;
}
