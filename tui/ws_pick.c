/*
 * ws_pick.c - "where is my complaint?" from the g prompt: the input of
 * "/" and of the command line's status (core_find: a number, a bare
 * sequence number, a phone's last digits, a serial's start or end, the
 * start of a name, pasted spaces ignored).  One match opens; several open
 * a picker, open records first, each row the number, the state and the
 * values the record's type is looked up by (its lookups:, so the phone
 * is there), in columns.
 */
#include "ws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The most matches the picker lists; more are counted as "100+". */
#define PICK_MAX 100
/* The widest a value column of the picker grows. */
#define PICK_COLW 16
/* The most lookups of one type the picker shows. */
#define PICK_NCOL 4

/* The matches of the last lookup, kept for the picker's answer. */
static struct {
	struct store_rec **v;
	size_t n;
} found;

static void
found_clear(void)
{
	size_t i;

	for (i = 0; i < found.n; i++)
		store_rec_free(&found.v[i]);
	free(found.v);
	found.v = NULL;
	found.n = 0;
}

static int
found_visit(const struct store_rec *r, void *ctx)
{
	(void)ctx;
	found.v = xrealloc(found.v, (found.n + 1) * sizeof *found.v);
	found.v[found.n++] = store_rec_dup(r);
	return 0;
}

static void
picked(struct ws *w, size_t i, void *ctx)
{
	(void)ctx;
	if (i < found.n)
		ws_open_record(w, found.v[i]->id);
}

/* Append s padded (or cut, never inside a character) to cols columns. */
static void
add_cell(struct as_buf *b, const char *s, int cols)
{
	int used = 0;
	size_t n = utf8_fit(s, cols, &used);

	buf_add(b, s, n);
	for (; used < cols; used++)
		buf_adds(b, " ");
}

/* Cell c of row r: 0 the number, 1 the state, then the lookup values. */
static char *
cell(struct ws *w, const struct store_rec *r, int c)
{
	const struct cfg_rectype *rt = cfg_rectype(w->cfg, r->type);
	const struct cfg_state *st;
	const char *v;

	if (c == 0)
		return xstrdup(r->id);
	if (c == 1) {
		st = rt != NULL ? cfg_state(rt, r->state) : NULL;
		return xstrdup(st != NULL ? ws_label(w, &st->label, st->id)
			       : r->state);
	}
	if (rt == NULL || (size_t)(c - 2) >= rt->nlookups)
		return xstrdup("");
	v = store_rec_get(r, rt->lookups[c - 2].field->id);
	return v != NULL ? ws_format(w, rt->lookups[c - 2].field, v)
	       : xstrdup("");
}

/* The picker of the matches of text, in columns. */
static void
open_picker(struct ws *w, const char *text, int more)
{
	int wd[2 + PICK_NCOL] = {0}, c, cw;
	const char **items = xcalloc(found.n, sizeof *items);
	char *title, *s;
	size_t i;

	for (i = 0; i < found.n; i++)
		for (c = 0; c < 2 + PICK_NCOL; c++) {
			s = cell(w, found.v[i], c);
			cw = ws_width(s);
			if (cw > PICK_COLW)
				cw = PICK_COLW;
			if (cw > wd[c])
				wd[c] = cw;
			free(s);
		}
	for (i = 0; i < found.n; i++) {
		struct as_buf b = {0};

		for (c = 0; c < 2 + PICK_NCOL; c++) {
			if (wd[c] == 0)
				continue;
			s = cell(w, found.v[i], c);
			if (b.len > 0)
				buf_adds(&b, "  ");
			add_cell(&b, s, wd[c]);
			free(s);
		}
		items[i] = b.data;
	}
	if (strcmp(w->lang, "en") == 0)
		title = xasprintf("\"%s\": %zu%s matches, open first", text,
				  found.n, more ? "+" : "");
	else
		title = xasprintf("“%s”: %zu%s 条匹配, 未结的在前", text,
				  found.n, more ? "+" : "");
	ws_pick_open(w, title, items, found.n, 0, picked, NULL);
	free(title);
	for (i = 0; i < found.n; i++)
		free((char *)items[i]);
	free(items);
}

void
ws_lookup(struct ws *w, const char *text)
{
	struct as_err err;
	int rc, more = 0;

	found_clear();
	as_err_clear(&err);
	rc = core_find(w->c, text, PICK_MAX + 1, found_visit, NULL, &err);
	if (rc != 0) {
		ws_msg(w, 2, "%s", err.msg);
		return;
	}
	if (found.n == 0) {
		ws_msg(w, 2, "%s %s", ws_tr(w, "找不到", "nothing found for"),
		       text);
		return;
	}
	if (found.n == 1) {
		ws_open_record(w, found.v[0]->id);
		return;
	}
	if (found.n > PICK_MAX) {
		store_rec_free(&found.v[PICK_MAX]);
		found.n = PICK_MAX;
		more = 1;
	}
	open_picker(w, text, more);
}
