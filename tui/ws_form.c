/*
 * ws_form.c - forms generated from the configured record fields: a new
 * record (for a complaint, the customer opinion form of R1 §5.1: the
 * fields this user may fill in at registration, from the type's create:,
 * with the required ones marked), an edit (only the fields core_can_edit
 * allows), and a transition (the fields it requires, plus the fields this
 * user may edit in the state).
 *
 * Each field edits by its type: text, multi-line text, numbers, money,
 * dates; an enum completes from its code list and a user reference from
 * the configured users (type-ahead on id or label, Left/Right cycles,
 * F4 lists them all).  A field's hint: shows in its empty input; a
 * step's context: fields show read-only above the inputs, their money
 * totalled.  Saving checks every field with core_parse_value and puts
 * each error next to its field, the cursor on the first.  A new record
 * equal to an open one in the type's warn_duplicate: fields is warned
 * about once, with an offer to open that one.  An existing record is
 * saved with the revision the form was opened from, so a change by
 * someone else meanwhile is never overwritten silently: the form keeps
 * what was typed, lists what changed, asks about each field both
 * changed (theirs or yours), and applies again on the new revision;
 * unless the step is no longer open, which it says, offering no save.
 */
#include "ws.h"
#include "../core/core_money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum fkind { FK_NEW, FK_EDIT, FK_TRANS };

struct ffield {
	const struct cfg_field *f;
	int req;             /* marked required */
	struct ws_line ed;   /* the text; for a choice, the type-ahead */
	int sel;             /* a choice: index, -1 none */
	char *init;          /* the value when the form opened (typed form) */
	char *err;
	int y, h;            /* rows from the top of the field area */
	int clash;           /* someone else changed it too (conflict) */
	struct ws_grid *grid;  /* a lines field: its grid (ws_grid.c) */
};

struct ws_form {
	struct ws_pane p;
	struct ws *w;
	enum fkind kind;
	const struct cfg_rectype *rt;
	const struct cfg_transition *t;
	char *id;
	uint64_t rev;            /* the revision the form works on */
	struct store_rec *seen;  /* the record as the form last read it */
	struct ffield *v;
	size_t n, cur;
	int top;                 /* first field-area row shown */
	int total;               /* field-area rows */
	char *notice;            /* what someone else changed, and so on */
	enum ws_attr notice_attr;
	int lay_cols;
	const char *lay_lang;
	int labelw;
	/* a batch step (ws_form_batch): the records, and what to call after */
	char **bids;
	size_t nbids;
	void (*bdone)(struct ws *w, void *ctx);
	void *bctx;
	/* context: of the step, read-only rows above the inputs (lay) */
	char **ctx_label, **ctx_text;
	size_t nctx;
	int gone;                /* the step is no longer open to this user */
	int dup_asked;           /* a new record's likely duplicate was shown */
	char *dup_id;            /* that open record */
};

/* Choices ------------------------------------------------------------ */

static int
is_user_ref(const struct cfg_field *f)
{
	return f->type == CFG_T_REF && f->ref != NULL &&
	       strcmp(f->ref, "user") == 0;
}

static int
is_choice(const struct cfg_field *f)
{
	return (f->type == CFG_T_ENUM && f->codes != NULL) || is_user_ref(f) ||
	       f->type == CFG_T_UNIT;
}

static size_t
nchoices(struct ws *w, const struct cfg_field *f)
{
	if (f->type == CFG_T_UNIT)
		return w->cfg->nunits;
	return is_user_ref(f) ? w->cfg->nusers : f->codes->ncodes;
}

static const char *
choice_id(struct ws *w, const struct cfg_field *f, size_t i)
{
	if (f->type == CFG_T_UNIT)
		return w->cfg->units[i].id;
	return is_user_ref(f) ? w->cfg->users[i].login : f->codes->codes[i].id;
}

/* "质量问题 (quality)", "刘强 (branch_manager)", "郑州驻外办事处 (..)". */
static char *
choice_text(struct ws *w, const struct cfg_field *f, size_t i)
{
	if (f->type == CFG_T_UNIT)
		return xasprintf("%s (%s)", ws_label(w, &w->cfg->units[i].label,
			w->cfg->units[i].id), w->cfg->units[i].id);
	if (is_user_ref(f))
		return xasprintf("%s (%s)", ws_user_name(w,
			w->cfg->users[i].login), w->cfg->users[i].login);
	return xasprintf("%s (%s)", ws_label(w, &f->codes->codes[i].label,
					     f->codes->codes[i].id),
			 f->codes->codes[i].id);
}

static int
prefix_of(const char *s, const char *q)
{
	return s != NULL && strncasecmp(s, q, strlen(q)) == 0;
}

static int
choice_matches(struct ws *w, const struct cfg_field *f, size_t i,
	       const char *q, int sub)
{
	const char *a, *b, *c;

	if (f->type == CFG_T_UNIT) {
		a = w->cfg->units[i].id;
		b = w->cfg->units[i].label.zh;
		c = w->cfg->units[i].label.en;
	} else if (is_user_ref(f)) {
		a = w->cfg->users[i].login;
		b = w->cfg->users[i].name;
		c = NULL;
	} else {
		a = f->codes->codes[i].id;
		b = f->codes->codes[i].label.zh;
		c = f->codes->codes[i].label.en;
	}
	if (!sub)
		return prefix_of(a, q) || prefix_of(b, q) || prefix_of(c, q);
	return (a && strcasestr(a, q)) || (b && strcasestr(b, q)) ||
	       (c && strcasestr(c, q));
}

/* The first choice matching the type-ahead: prefix first, then inside. */
static int
choice_find(struct ws *w, const struct cfg_field *f, const char *q)
{
	size_t i, n = nchoices(w, f);
	int sub;

	if (*q == '\0')
		return -1;
	for (sub = 0; sub < 2; sub++)
		for (i = 0; i < n; i++)
			if (choice_matches(w, f, i, q, sub))
				return (int)i;
	return -1;
}

static int
choice_index(struct ws *w, const struct cfg_field *f, const char *id)
{
	size_t i, n = nchoices(w, f);

	for (i = 0; id != NULL && i < n; i++)
		if (strcmp(choice_id(w, f, i), id) == 0)
			return (int)i;
	return -1;
}

/* Values ------------------------------------------------------------- */

/* The field's value as typed (what core_parse_value takes). */
static char *
typed(struct ws *w, const struct ffield *x)
{
	if (x->grid != NULL)
		return ws_grid_typed(x->grid);
	if (is_choice(x->f)) {
		if (x->sel >= 0)
			return xstrdup(choice_id(w, x->f, (size_t)x->sel));
		return ws_line_get(&x->ed);  /* unmatched type-ahead */
	}
	return ws_line_get(&x->ed);
}

/* The typed form of a stored value: money as yuan, dates as dates. */
static char *
typed_of_stored(struct ws *w, const struct cfg_field *f, const char *v)
{
	struct as_buf b = {0};

	if (v == NULL)
		return xstrdup("");
	switch (f->type) {
	case CFG_T_MONEY:
	case CFG_T_DATE:
	case CFG_T_DATETIME:
		core_format_value(w->c, f, v, "zh", &b);
		return b.data != NULL ? b.data : xstrdup("");
	case CFG_T_LINES:   /* the JSON a grid gives back for it */
		return *v != '\0' ? core_lines_export(w->c, f, v) : xstrdup("");
	default:
		return xstrdup(v);
	}
}

static void
set_value(struct ws *w, struct ffield *x, const char *tv)
{
	if (x->f->type == CFG_T_LINES) {
		if (x->grid == NULL)
			x->grid = ws_grid_new(x->f, tv);
		else
			ws_grid_set(x->grid, tv);
	} else if (is_choice(x->f)) {
		x->sel = choice_index(w, x->f, tv);
		ws_line_set(&x->ed, x->sel < 0 ? tv : "");
	} else {
		ws_line_set(&x->ed, tv);
	}
}

static int
field_dirty(struct ws *w, const struct ffield *x)
{
	char *v = typed(w, x);
	int d = strcmp(v, x->init) != 0;

	free(v);
	return d;
}

static int
form_dirty_w(struct ws *w, const struct ws_form *F)
{
	size_t i;

	for (i = 0; i < F->n; i++)
		if (field_dirty(w, &F->v[i]))
			return 1;
	return 0;
}

/* Building ----------------------------------------------------------- */

static struct ffield *
add_field(struct ws *w, struct ws_form *F, const struct cfg_field *f,
	  int req, const struct store_rec *r)
{
	struct ffield *x;

	F->v = xrealloc(F->v, (F->n + 1) * sizeof *F->v);
	x = &F->v[F->n++];
	memset(x, 0, sizeof *x);
	x->f = f;
	x->req = req;
	x->sel = -1;
	x->init = typed_of_stored(w, f, r ? store_rec_get(r, f->id) : NULL);
	set_value(w, x, x->init);
	return x;
}

static struct ws_form *
form_alloc(struct ws *w, enum fkind kind, const struct cfg_rectype *rt,
	   const struct store_rec *r);

int
ws_may_create(struct ws *w, const struct cfg_rectype *rt)
{
	return rt != NULL && core_may_create(w->c, rt, NULL) == 0;
}

struct ws_pane *
ws_form_new_record(struct ws *w, const struct cfg_rectype *rt)
{
	struct ws_form *F;
	struct as_err err = {0};
	size_t i;

	if (rt == NULL)
		return NULL;
	if (core_may_create(w->c, rt, &err) != 0) {
		ws_msg(w, 2, "%s", err.msg);
		return NULL;
	}
	F = form_alloc(w, FK_NEW, rt, NULL);
	for (i = 0; i < rt->nfields; i++)
		if (core_create_field_ok(w->c, rt, &rt->fields[i]))
			add_field(w, F, &rt->fields[i],
				  rt->fields[i].required, NULL);
	return &F->p;
}

struct ws_pane *
ws_form_edit(struct ws *w, const struct store_rec *r)
{
	const struct cfg_rectype *rt = core_rectype(w->c, r);
	struct ws_form *F;
	size_t i;

	if (rt == NULL)
		return NULL;
	F = form_alloc(w, FK_EDIT, rt, r);
	for (i = 0; i < rt->nfields; i++)
		if (core_can_edit(w->c, r, &rt->fields[i]))
			add_field(w, F, &rt->fields[i], 0, r);
	return &F->p;
}

struct ws_pane *
ws_form_transition(struct ws *w, const struct store_rec *r,
		   const struct cfg_transition *t)
{
	const struct cfg_rectype *rt = core_rectype(w->c, r);
	struct ws_form *F;
	size_t i, j;

	if (rt == NULL)
		return NULL;
	F = form_alloc(w, FK_TRANS, rt, r);
	F->t = t;
	/* the required fields first, then what may be edited, in order */
	for (i = 0; i < rt->nfields; i++)
		for (j = 0; j < t->nrequires; j++)
			if (t->requires[j] == &rt->fields[i] &&
			    !core_computed(&rt->fields[i]))   /* never typed */
				add_field(w, F, &rt->fields[i], 1, r);
	for (i = 0; i < rt->nfields; i++) {
		for (j = 0; j < t->nrequires; j++)
			if (t->requires[j] == &rt->fields[i])
				break;
		if (j == t->nrequires &&
		    (core_can_edit(w->c, r, &rt->fields[i]) ||
		     wf_input(t, &rt->fields[i]) == 2))
			add_field(w, F, &rt->fields[i], 0, r);
	}
	return &F->p;
}

struct ws_pane *
ws_form_batch(struct ws *w, const struct store_rec *r,
	      const struct cfg_transition *t, char *const *ids, size_t n,
	      void (*done)(struct ws *w, void *ctx), void *ctx)
{
	const struct cfg_rectype *rt = core_rectype(w->c, r);
	struct ws_form *F;
	size_t i, j;

	if (rt == NULL)
		return NULL;
	F = form_alloc(w, FK_TRANS, rt, r);
	F->t = t;
	F->rev = 0;
	F->bids = xcalloc(n, sizeof *F->bids);
	for (i = 0; i < n; i++)
		F->bids[i] = xstrdup(ids[i]);
	F->nbids = n;
	F->bdone = done;
	F->bctx = ctx;
	/* only what the step requires, empty: each record gets the same */
	for (i = 0; i < rt->nfields; i++)
		for (j = 0; j < t->nrequires; j++)
			if (t->requires[j] == &rt->fields[i] &&
			    !core_computed(&rt->fields[i]))   /* never typed */
				add_field(w, F, &rt->fields[i], 1, NULL);
	return &F->p;
}

/* Layout ------------------------------------------------------------- */

static int
multi_rows(const struct ws *w)
{
	return w->bodyh >= 30 ? 5 : 3;
}

static int
input_x(const struct ws_form *F)
{
	return F->labelw + 3;
}

static int
input_w(const struct ws *w, const struct ws_form *F)
{
	int n = w->cols - input_x(F) - 1;

	return n < 4 ? 4 : n;
}

struct count {
	int n;
};

static void
count_row(const char *s, size_t n, void *ctx)
{
	(void)s;
	(void)n;
	((struct count *)ctx)->n++;
}

static int
text_rows(const char *s, int width)
{
	struct count c = { 0 };

	if (s == NULL || *s == '\0')
		return 0;
	ws_wrap(s, width, count_row, &c);
	return c.n;
}

static int
err_rows(const struct ws *w, const struct ws_form *F, const struct ffield *x)
{
	int n = text_rows(x->err, input_w(w, F) - 2);

	return n > 3 ? 3 : n;
}

/* The rows of the step's context: shown, at most half the body. */
static int
ctx_rows(const struct ws *w, const struct ws_form *F)
{
	int n = (int)F->nctx;

	return n > w->bodyh / 2 ? w->bodyh / 2 : n;
}

/* The rows above the field area: title, context and notice. */
static int
head_rows(const struct ws *w, const struct ws_form *F)
{
	int n = text_rows(F->notice, w->cols - 2);

	if (n > w->bodyh / 3)
		n = w->bodyh / 3;
	return 1 + ctx_rows(w, F) + n + 1;
}

static void
ctx_free(struct ws_form *F)
{
	size_t i;

	for (i = 0; i < F->nctx; i++) {
		free(F->ctx_label[i]);
		free(F->ctx_text[i]);
	}
	free(F->ctx_label);
	free(F->ctx_text);
	F->ctx_label = F->ctx_text = NULL;
	F->nctx = 0;
}

static void
ctx_add(struct ws_form *F, const char *label, const char *text)
{
	F->ctx_label = xrealloc(F->ctx_label, (F->nctx + 1) *
				sizeof *F->ctx_label);
	F->ctx_text = xrealloc(F->ctx_text, (F->nctx + 1) *
			       sizeof *F->ctx_text);
	F->ctx_label[F->nctx] = label != NULL ? xstrdup(label) : NULL;
	F->ctx_text[F->nctx] = xstrdup(text);
	F->nctx++;
}

struct ctxwrap {
	struct ws_form *F;
	const char *label;
};

static void
ctx_wrap_row(const char *s, size_t n, void *ctx)
{
	struct ctxwrap *x = ctx;
	char *t = xstrndup(s, n);

	ctx_add(x->F, x->label, t);
	x->label = NULL;
	free(t);
}

/*
 * The totals of the cost lines among the context (core_money.h: per
 * bearer, R1 §9), as rows of the context: what finance reviews (R1 §6).
 */
static void
ctx_money(struct ws *w, struct ws_form *F)
{
	struct as_buf b = {0};
	struct as_err err;
	char *p, *nl, *tab;

	as_err_clear(&err);
	if (money_text(w->c, F->seen, w->lang, &b, &err) == 0)
		for (p = b.data; p != NULL &&
		    (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
			*nl = '\0';
			if ((tab = strchr(p, '\t')) == NULL)
				continue;
			*tab = '\0';
			ctx_add(F, p, tab + 1);
		}
	buf_free(&b);
}

/*
 * The step's context: (config.h): each field with its value as the record
 * has it, wrapped under a label column, so QC decides on the description
 * and the cause in front of it; the money fields among them are added
 * up in a last row (a cost form shows the totals).
 */
static void
build_context(struct ws *w, struct ws_form *F)
{
	const struct cfg_field *money = NULL;
	long long sum = 0;
	int nmoney = 0, nlines = 0, width;
	size_t i;

	ctx_free(F);
	if (F->kind != FK_TRANS || F->t == NULL || F->seen == NULL)
		return;
	width = w->cols - F->labelw - 5;
	if (width < 8)
		width = 8;
	for (i = 0; i < F->t->ncontext; i++) {
		const struct cfg_field *f = F->t->context[i];
		const char *v = store_rec_get(F->seen, f->id);
		char *t = ws_format(w, f, v);
		struct ctxwrap x = { F, ws_label(w, &f->label, f->id) };

		ws_wrap(*t ? t : "-", width, ctx_wrap_row, &x);
		free(t);
		nlines += f->type == CFG_T_LINES;
		if (f->type == CFG_T_MONEY) {
			money = f;
			nmoney++;
			if (v != NULL && *v != '\0')
				sum += strtoll(v, NULL, 10);
		}
	}
	if (nmoney > 1) {
		char n[32], *t;

		snprintf(n, sizeof n, "%lld", sum);
		t = ws_format(w, money, n);
		ctx_add(F, ws_tr(w, "合计", "Total"), t);
		free(t);
	}
	if (nlines > 0)
		ctx_money(w, F);
}

static void
lay(struct ws *w, struct ws_form *F)
{
	size_t i;
	int y = 0;

	F->labelw = 4;
	for (i = 0; i < F->n; i++) {
		int lw = ws_width(ws_label(w, &F->v[i].f->label,
					   F->v[i].f->id));

		if (lw > F->labelw)
			F->labelw = lw;
	}
	if (F->labelw > w->cols / 3)
		F->labelw = w->cols / 3;
	for (i = 0; i < F->n; i++) {
		struct ffield *x = &F->v[i];

		x->y = y;
		x->h = x->f->type == CFG_T_MULTILINE ? multi_rows(w) : 1;
		x->h += err_rows(w, F, x);
		if (x->grid != NULL)   /* its error is under its cell */
			x->h = ws_grid_rows(x->grid);
		y += x->h;
	}
	F->total = y;
	if (F->lay_cols != w->cols || F->lay_lang != w->lang)
		build_context(w, F);
	F->lay_cols = w->cols;
	F->lay_lang = w->lang;
}

static int
area_rows(const struct ws *w, const struct ws_form *F)
{
	int n = w->bodyh - head_rows(w, F);

	return n < 1 ? 1 : n;
}

/* Scroll so the current field shows whole; 1 if the top moved. */
static int
ensure_visible(struct ws *w, struct ws_form *F)
{
	const struct ffield *x;
	int old = F->top, rows = area_rows(w, F);

	lay(w, F);
	if (F->n == 0)
		return 0;
	x = &F->v[F->cur];
	if (x->y < F->top)
		F->top = x->y;
	if (x->y + x->h > F->top + rows)
		F->top = x->y + x->h - rows;
	if (F->top < 0)
		F->top = 0;
	return F->top != old;
}

/* Drawing ------------------------------------------------------------ */

struct wrapdraw {
	struct ws *w;
	int y, x, wd, max;
	attr_t a;
};

static void
draw_wrapped_row(const char *s, size_t n, void *ctx)
{
	struct wrapdraw *d = ctx;
	char *t;

	if (d->max <= 0)
		return;
	t = xstrndup(s, n);
	ws_put(d->w->body, d->y++, d->x, d->wd, t, d->a, 1);
	d->max--;
	free(t);
}

static void
draw_title(struct ws *w, struct ws_form *F)
{
	struct as_buf b = {0};
	const struct cfg_state *st = F->seen ? core_state(w->c, F->seen) : NULL;
	struct wrapdraw d;
	size_t i;

	switch (F->kind) {
	case FK_NEW:
		buf_addf(&b, "%s %s · ", ws_tr(w, "新建", "New"),
			 ws_label(w, &F->rt->label, F->rt->id));
		buf_adds(&b, ws_tr(w, "* 为必填项", "* marks required fields"));
		break;
	case FK_EDIT:
		buf_addf(&b, "%s %s [%s]", ws_tr(w, "编辑", "Edit"), F->id,
			 st ? ws_label(w, &st->label, st->id) : "");
		break;
	case FK_TRANS:
		if (F->nbids > 0) {
			buf_addf(&b, "%s %zu %s: %s  ", ws_tr(w, "批量",
				 "Batch of"), F->nbids, ws_tr(w, "条记录",
				 "records"), ws_label(w, &F->t->label, F->t->id));
			ws_step_from(w, F->t, &b);
			buf_addf(&b, " → %s",
				 ws_to_label(w, F->t));
			break;
		}
		buf_addf(&b, "%s: %s  %s → %s", F->id,
			 ws_label(w, &F->t->label, F->t->id),
			 st ? ws_label(w, &st->label, st->id) : "",
			 ws_to_label(w, F->t));
		break;
	}
	ws_put(w->body, 0, 1, w->cols - 2, b.data, w->attr[WSA_TITLE], 1);
	buf_free(&b);
	for (i = 0; i < (size_t)ctx_rows(w, F); i++) {
		ws_blank(w->body, 1 + (int)i, 0, w->cols, A_NORMAL);
		if (F->ctx_label[i] != NULL)
			ws_put(w->body, 1 + (int)i, 1, F->labelw,
			       F->ctx_label[i], w->attr[WSA_LABEL], 0);
		ws_put_cut(w->body, 1 + (int)i, F->labelw + 3,
			   w->cols - F->labelw - 4, F->ctx_text[i],
			   w->attr[WSA_DIM] | A_BOLD, 0);
	}
	if (F->notice != NULL) {
		d.w = w;
		d.y = 1 + ctx_rows(w, F);
		d.x = 1;
		d.wd = w->cols - 2;
		d.max = head_rows(w, F) - 2;
		d.a = w->attr[F->notice_attr];
		ws_wrap(F->notice, w->cols - 2, draw_wrapped_row, &d);
	}
}

/* What an empty typed field expects, shown dim in it. */
static const char *
placeholder(struct ws *w, const struct cfg_field *f)
{
	switch (f->type) {
	case CFG_T_INT: return ws_tr(w, "整数", "whole number");
	case CFG_T_MONEY: return ws_tr(w, "元, 如 120 或 86.50",
				       "yuan, e.g. 120 or 86.50");
	case CFG_T_DATE: return "YYYY-MM-DD";
	case CFG_T_DATETIME: return "YYYY-MM-DD HH:MM";
	default: return NULL;
	}
}

/* Draw field i if it shows; the cursor position when it is current. */
static void
draw_field(struct ws *w, struct ws_form *F, size_t i, int *cy, int *cx)
{
	struct ffield *x = &F->v[i];
	int base = head_rows(w, F), y = base + x->y - F->top, ix = input_x(F);
	int iw = input_w(w, F), focus = i == F->cur, inh, r, curx = 0;
	attr_t ia = w->attr[focus ? WSA_FOCUS : WSA_INPUT];
	char lbl[160];

	if (x->y < F->top || x->y + x->h > F->top + area_rows(w, F))
		return;
	inh = x->f->type == CFG_T_MULTILINE ? multi_rows(w) : 1;
	for (r = 0; r < x->h; r++)
		ws_blank(w->body, y + r, 0, w->cols, A_NORMAL);
	snprintf(lbl, sizeof lbl, "%s", ws_label(w, &x->f->label, x->f->id));
	ws_put(w->body, y, 1, F->labelw, lbl,
	       w->attr[focus ? WSA_TITLE : WSA_LABEL], 0);
	if (x->req)
		ws_put(w->body, y, 1 + F->labelw, 1, "*", w->attr[WSA_REQ], 0);
	if (x->grid != NULL) {
		ws_grid_draw(w, x->grid, w->body, y, ix, iw, focus, cy, cx);
		return;
	} else if (is_choice(x->f)) {
		char *q = ws_line_get(&x->ed);
		char *t = x->sel >= 0 ? choice_text(w, x->f, (size_t)x->sel)
				      : NULL;
		int used = 0;

		if (*q != '\0') {
			ws_line_draw(w->body, y, ix, iw / 2, &x->ed, ia, &curx);
			used = iw / 2;
			ws_put(w->body, y, ix + used, iw - used, t ? t :
			       ws_tr(w, " (无匹配)", " (no match)"),
			       w->attr[t ? WSA_OK : WSA_ERR], 1);
		} else {
			ws_put(w->body, y, ix, iw, t ? t : "", ia, 1);
			if (focus && t == NULL)
				ws_put(w->body, y, ix, iw, ws_tr(w,
				       "← → 选择, 或输入开头", "← → choose, or "
				       "type the start"), w->attr[WSA_DIM], 0);
			curx = 0;
		}
		free(q);
		free(t);
		if (focus) {
			*cy = y;
			*cx = ix + curx;
		}
	} else if (x->f->type == CFG_T_MULTILINE) {
		int yy = 0;

		ws_line_draw_multi(w->body, y, ix, iw, inh, &x->ed, ia, &yy,
				   &curx);
		if (focus) {
			*cy = y + yy;
			*cx = ix + curx;
		}
	} else {
		const char *hint = x->f->hint.zh != NULL ||
		    x->f->hint.en != NULL ? ws_label(w, &x->f->hint, NULL)
		    : placeholder(w, x->f);

		ws_line_draw(w->body, y, ix, iw, &x->ed, ia, &curx);
		if (x->ed.len == 0 && hint != NULL)
			ws_put(w->body, y, ix + 1, iw - 1, hint,
			       w->attr[WSA_DIM] | (ia & A_COLOR), 0);
		if (focus) {
			*cy = y;
			*cx = ix + curx;
		}
	}
	if (x->err != NULL) {
		struct wrapdraw d = { w, y + inh, ix, iw, x->h - inh,
				      w->attr[WSA_ERR] };
		char *e = xasprintf("↳ %s", x->err);

		ws_wrap(e, iw, draw_wrapped_row, &d);
		free(e);
	}
}

static void
form_draw(struct ws *w, struct ws_pane *p)
{
	struct ws_form *F = (struct ws_form *)p;
	int cy, cx, base;
	size_t i;

	lay(w, F);
	ensure_visible(w, F);
	draw_title(w, F);
	base = head_rows(w, F);
	if (F->n == 0)
		ws_put(w->body, base, 1, w->cols - 2, ws_tr(w,
		       "此操作不需要填写内容。F2 或 Ctrl-S 执行, Esc 取消。",
		       "Nothing to fill in. F2 or Ctrl-S applies, Esc "
		       "cancels."), A_NORMAL, 0);
	for (i = 0; i < F->n; i++)
		draw_field(w, F, i, &cy, &cx);
	if (F->top > 0)
		ws_put(w->body, base, w->cols - 1, 1, "▲", w->attr[WSA_TITLE], 0);
	if (F->top + area_rows(w, F) < F->total)
		ws_put(w->body, w->bodyh - 1, w->cols - 1, 1, "▼",
		       w->attr[WSA_TITLE], 0);
}

static int
form_cursor(struct ws *w, struct ws_pane *p, WINDOW **win, int *y, int *x)
{
	struct ws_form *F = (struct ws_form *)p;
	int cy = -1, cx = 0;

	if (F->n == 0)
		return 0;
	lay(w, F);
	ensure_visible(w, F);
	draw_field(w, F, F->cur, &cy, &cx);
	if (cy < 0)
		return 0;
	*win = w->body;
	*y = cy;
	*x = cx;
	return 1;
}

/* Saving ------------------------------------------------------------- */

static void
set_err(struct ffield *x, const char *msg)
{
	free(x->err);
	x->err = msg != NULL ? xstrdup(msg) : NULL;
}

static void
clear_errs(struct ws_form *F)
{
	size_t i;

	for (i = 0; i < F->n; i++)
		set_err(&F->v[i], NULL);
}

static int
word_at(const char *msg, const char *p, size_t n)
{
	int before = p == msg || !(p[-1] == '_' || (p[-1] >= 'a' &&
			p[-1] <= 'z') || (p[-1] >= '0' && p[-1] <= '9'));
	char c = p[n];
	int after = !(c == '_' || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9'));

	return before && after;
}

/* The form field an error message names first, or -1. */
static int
field_in_msg(const struct ws_form *F, const char *msg)
{
	const char *best = NULL;
	int bi = -1;
	size_t i;

	for (i = 0; i < F->n; i++) {
		const char *id = F->v[i].f->id, *p = msg;
		size_t n = strlen(id);

		while ((p = strstr(p, id)) != NULL) {
			if (word_at(msg, p, n)) {
				if (best == NULL || p < best) {
					best = p;
					bi = (int)i;
				}
				break;
			}
			p += n;
		}
	}
	return bi;
}

/* Check every field; errors go next to them.  Returns the first bad one. */
static int
validate(struct ws *w, struct ws_form *F)
{
	int first = -1;
	size_t i;

	clear_errs(F);
	for (i = 0; i < F->n; i++) {
		struct ffield *x = &F->v[i];
		char *v = typed(w, x), *out = NULL;
		struct as_err err;

		as_err_clear(&err);
		if (x->grid != NULL) {
			if (ws_grid_check(w, x->grid, &err) != 0)
				set_err(x, err.msg);
			else if (*v == '\0' && x->req)
				set_err(x, ws_tr(w, "必填", "required"));
			if (x->err != NULL && *v == '\0' && x->req)
				ws_grid_set_err(x->grid, x->err, 0, 0);
		} else if (is_choice(x->f) && x->sel < 0 && *v != '\0') {
			char *q = xasprintf("%s: %s", ws_tr(w, "没有匹配的选项",
					    "no choice matches"), v);

			set_err(x, q);
			free(q);
		} else if (*v != '\0' &&
			   core_parse_value(w->c, x->f, v, &out, &err) != 0) {
			set_err(x, err.msg);
		} else if (*v == '\0' && x->req) {
			set_err(x, ws_tr(w, "必填", "required"));
		}
		free(out);
		free(v);
		if (x->err != NULL && first < 0)
			first = (int)i;
	}
	return first;
}

/* The inputs to send: all filled for a new record, else what changed. */
static struct core_kv *
inputs(struct ws *w, struct ws_form *F, size_t *n, char ***vals)
{
	struct core_kv *kv = xcalloc(F->n + 1, sizeof *kv);
	char **v = xcalloc(F->n + 1, sizeof *v);
	size_t i, k = 0;

	for (i = 0; i < F->n; i++) {
		char *t = typed(w, &F->v[i]);

		if ((F->kind == FK_NEW && *t == '\0') ||
		    (F->kind != FK_NEW && strcmp(t, F->v[i].init) == 0)) {
			free(t);
			continue;
		}
		v[k] = t;
		kv[k].key = F->v[i].f->id;
		kv[k].val = t;
		k++;
	}
	*n = k;
	*vals = v;
	return kv;
}

static void
free_inputs(struct core_kv *kv, char **vals, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(vals[i]);
	free(vals);
	free(kv);
}

/*
 * Someone else changed the record: read it again, say what differs from
 * what the form was opened with, take their values into the fields this
 * user has not touched, and work on the new revision from now on.
 */
static void
conflict(struct ws *w, struct ws_form *F)
{
	struct store_rec *now = NULL;
	struct as_buf b = {0};
	struct as_err err;
	const struct cfg_transition *av[32];
	size_t i, k, nav;
	int nchg = 0;

	as_err_clear(&err);
	if (core_get(w->c, F->id, &now, &err) != 0) {
		free(F->notice);
		F->notice = xstrdup(err.msg);
		F->notice_attr = WSA_ERR;
		return;
	}
	buf_addf(&b, "%s (%s %llu → %llu): ", ws_tr(w, "其他人刚修改了这条记录",
		 "Someone else changed this record"), ws_tr(w, "版本",
		 "revision"), (unsigned long long)F->rev,
		 (unsigned long long)now->rev);
	if (strcmp(F->seen->state, now->state) != 0) {
		const struct cfg_state *a = core_state(w->c, F->seen);
		const struct cfg_state *c = core_state(w->c, now);

		buf_addf(&b, "%s %s → %s; ", ws_tr(w, "状态", "state"),
			 a ? ws_label(w, &a->label, a->id) : F->seen->state,
			 c ? ws_label(w, &c->label, c->id) : now->state);
		nchg++;
	}
	for (i = 0; i < F->rt->nfields; i++) {
		const struct cfg_field *f = &F->rt->fields[i];
		const char *o = store_rec_get(F->seen, f->id);
		const char *n = store_rec_get(now, f->id);
		char *fo, *fn;

		if ((o ? o : "")[0] == '\0' && (n ? n : "")[0] == '\0')
			continue;
		if (o != NULL && n != NULL && strcmp(o, n) == 0)
			continue;
		fo = ws_format(w, f, o);
		fn = ws_format(w, f, n);
		buf_addf(&b, "%s %s → %s; ", ws_label(w, &f->label, f->id),
			 *fo ? fo : "-", *fn ? fn : "-");
		free(fo);
		free(fn);
		nchg++;
	}
	if (nchg == 0)
		buf_addf(&b, "%s; ", ws_tr(w, "字段没有变化", "no field changed"));
	/*
	 * A field both changed: its error line shows their value and this
	 * user's, and saving asks which stays (save, take_theirs).
	 */
	for (i = 0; i < F->n; i++) {
		struct ffield *x = &F->v[i];
		const char *o = store_rec_get(F->seen, x->f->id);
		const char *nv = store_rec_get(now, x->f->id);
		char *theirs, *mine, *m;

		if (!field_dirty(w, x) || strcmp(o ? o : "", nv ? nv : "") == 0)
			continue;
		theirs = ws_format(w, x->f, nv);
		mine = typed(w, x);
		m = xasprintf("%s: %s  ·  %s: %s", ws_tr(w, "对方改为",
			      "they set"), *theirs ? theirs : "-",
			      ws_tr(w, "你的", "yours"), *mine ? mine : "-");
		set_err(x, m);
		x->clash = 1;
		free(m);
		free(x->init);      /* theirs, kept for take_theirs */
		x->init = typed_of_stored(w, x->f, nv);
		free(theirs);
		free(mine);
	}
	/* fields this user did not touch take the new values */
	for (i = 0; i < F->n; i++) {
		struct ffield *x = &F->v[i];

		if (field_dirty(w, x))
			continue;
		free(x->init);
		x->init = typed_of_stored(w, x->f, store_rec_get(now,
							       x->f->id));
		set_value(w, x, x->init);
	}
	if (F->kind == FK_TRANS) {
		nav = wf_available(w->c, now, av, 32);
		for (k = 0; k < nav && av[k] != F->t; k++)
			;
		if (k == nav)
			F->gone = 1;
	}
	if (F->gone)
		buf_addf(&b, "%s \"%s\"%s", ws_tr(w, "此步骤已不能执行:",
			 "this step is no longer open to you:"),
			 ws_label(w, &F->t->label, F->t->id), ws_tr(w,
			 "。不能再保存; Esc 关闭。", ". It cannot be saved; Esc "
			 "closes the form."));
	else
		buf_adds(&b, ws_tr(w, "你的输入已保留。F2 在新版本上再次提交, "
				   "Esc 取消。", "Your input is kept. F2 "
				   "applies it to the new revision, Esc "
				   "cancels."));
	store_rec_free(&F->seen);
	F->seen = now;
	F->rev = now->rev;
	free(F->notice);
	F->notice = b.data;
	F->notice_attr = F->gone ? WSA_ERR : WSA_WARN;
	F->lay_cols = 0;
	w->need |= WS_NEED_KEYS;
}

/* The fields both changed take the other user's values (the y answer). */
static void
take_theirs(struct ws *w, void *ctx)
{
	struct ws_form *F = ctx;
	size_t i;

	for (i = 0; i < F->n; i++) {
		struct ffield *x = &F->v[i];

		if (!x->clash)
			continue;
		set_value(w, x, x->init);
		set_err(x, NULL);
		x->clash = 0;
	}
	F->lay_cols = 0;
	w->need |= WS_NEED_BODY;
	ws_msg(w, 0, "%s", ws_tr(w, "已采用对方的值; F2 保存其余的修改",
	       "their values are taken; F2 saves the rest of your changes"));
}

/* How many fields both this user and someone else changed. */
static size_t
clashes(const struct ws_form *F)
{
	size_t i, n = 0;

	for (i = 0; i < F->n; i++)
		n += F->v[i].clash != 0;
	return n;
}

static void
focus(struct ws *w, struct ws_form *F, size_t i)
{
	F->cur = i;
	ensure_visible(w, F);
	w->need |= WS_NEED_KEYS;
}

static void
open_duplicate(struct ws *w, void *ctx)
{
	struct ws_form *F = ctx;
	char *id = xstrdup(F->dup_id);

	ws_close(w, &F->p);
	ws_open_record(w, id);
	free(id);
}

/*
 * A new record whose warn_duplicate: fields equal an open record's: say
 * so above the form and offer to open that one (y); otherwise the next
 * F2 registers it all the same.  1 when the question was asked.
 */
static int
duplicate(struct ws *w, struct ws_form *F, const struct core_kv *kv,
	  size_t n)
{
	struct as_err err = {0};
	struct as_buf b = {0};
	char *id = NULL, *q;
	size_t i;

	if (core_open_duplicate(w->c, F->rt, kv, n, &id, &err) != 0 ||
	    id == NULL)
		return 0;
	F->dup_asked = 1;
	free(F->dup_id);
	F->dup_id = id;
	for (i = 0; i < F->rt->nwarn_dup; i++)
		buf_addf(&b, "%s%s", i ? ws_tr(w, "、", ", ") : "",
			 ws_label(w, &F->rt->warn_dup[i]->label,
				  F->rt->warn_dup[i]->id));
	free(F->notice);
	if (strcmp(w->lang, "en") == 0)
		F->notice = xasprintf("%s is open with the same %s: probably "
		    "the same case. F2 registers this one anyway, Esc "
		    "cancels.", id, b.data);
	else
		F->notice = xasprintf("%s 仍未结案, %s相同: 可能是同一件事。"
		    "F2 仍然登记, Esc 取消。", id, b.data);
	F->notice_attr = WSA_WARN;
	F->lay_cols = 0;
	buf_free(&b);
	q = xasprintf("%s %s? (y/n)", ws_tr(w, "打开已有的", "Open the open "
		      "record"), id);
	ws_ask(w, q, open_duplicate, F);
	free(q);
	return 1;
}

static int
save(struct ws *w, struct ws_form *F)
{
	struct core_kv *kv;
	struct as_err err;
	char **vals, *newid = NULL;
	size_t n;
	int bad, rc;

	if (F->gone) {
		ws_msg(w, 2, "%s", ws_tr(w, "此步骤已不能执行 (记录已被他人改变); "
		       "Esc 关闭表单", "this step is no longer open (someone "
		       "else moved the record): Esc closes the form"));
		return WS_HANDLED;
	}
	bad = validate(w, F);
	F->lay_cols = 0;
	if (bad >= 0) {
		focus(w, F, (size_t)bad);
		ws_msg(w, 2, "%s", ws_tr(w, "请修正标出的字段",
			"please correct the marked fields"));
		return WS_REDRAW;
	}
	kv = inputs(w, F, &n, &vals);
	if (F->kind == FK_EDIT && n == 0) {
		free_inputs(kv, vals, n);
		ws_msg(w, 0, "%s", ws_tr(w, "没有修改任何内容", "nothing changed"));
		return WS_REDRAW;
	}
	as_err_clear(&err);
	if (F->kind == FK_NEW && !F->dup_asked && duplicate(w, F, kv, n)) {
		free_inputs(kv, vals, n);
		return WS_REDRAW;
	}
	switch (F->kind) {
	case FK_NEW:
		rc = core_create(w->c, F->rt->id, kv, n, &newid, &err);
		break;
	case FK_EDIT:
		rc = core_edit(w->c, F->id, F->rev, kv, n, NULL, &err);
		break;
	default:
		if (F->nbids > 0)       /* all or none (R2 §3.7.5) */
			rc = wf_apply_batch(w->c, (const char *const *)F->bids,
					    NULL, F->nbids, F->t->id, kv, n,
					    NULL, &err);
		else
			rc = wf_apply(w->c, F->id, F->rev, F->t->id, kv, n,
				      NULL, &err);
		break;
	}
	free_inputs(kv, vals, n);
	if (rc == 0 && F->nbids > 0) {
		struct as_buf from = {0};

		ws_step_from(w, F->t, &from);
		ws_close(w, &F->p);
		ws_msg(w, 1, "%zu %s: %s  %s → %s", F->nbids,
		       ws_tr(w, "条记录", "records"),
		       ws_label(w, &F->t->label, F->t->id), from.data,
		       ws_to_label(w, F->t));
		buf_free(&from);
		if (F->bdone != NULL)
			F->bdone(w, F->bctx);
		return WS_HANDLED;
	}
	if (rc == 0) {
		ws_close(w, &F->p);
		switch (F->kind) {
		case FK_NEW:
			ws_msg(w, 1, "%s %s", newid, ws_tr(w, "已登记",
							   "registered"));
			ws_open_record(w, newid);
			break;
		case FK_EDIT:
			ws_msg(w, 1, "%s %s", F->id, ws_tr(w, "已保存", "saved"));
			break;
		default:
			ws_msg(w, 1, "%s: %s → %s", F->id,
			       ws_label(w, &F->t->label, F->t->id),
			       ws_to_label(w, F->t));
			break;
		}
		free(newid);
		return WS_HANDLED;
	}
	if (rc == AS_E_CONFLICT && F->kind != FK_NEW) {
		size_t nc;

		conflict(w, F);
		ws_msg(w, 2, "%s", ws_tr(w, "记录已被他人修改; 见表单上方",
			"the record was changed meanwhile: see the top of the "
			"form"));
		if (!F->gone && (nc = clashes(F)) > 0) {
			char *q = xasprintf("%zu %s", nc, ws_tr(w,
			    "个字段对方也改了 (见标注)。采用对方的值? "
			    "(y 采用对方的, n 保留你的)", "field(s) were "
			    "changed by them too (marked). Take their "
			    "values? (y theirs, n keep yours)"));

			ws_ask(w, q, take_theirs, F);
			free(q);
		}
		return WS_REDRAW;
	}
	bad = rc == AS_E_INVALID ? field_in_msg(F, err.msg) : -1;
	if (bad >= 0) {
		set_err(&F->v[bad], err.msg);
		if (F->v[bad].grid != NULL)
			ws_grid_set_err(F->v[bad].grid, err.msg,
					(size_t)-1, 0);
		focus(w, F, (size_t)bad);
		F->lay_cols = 0;
	}
	ws_msg(w, 2, "%s", err.msg);
	return WS_REDRAW;
}

/* Keys --------------------------------------------------------------- */

static void
discard(struct ws *w, void *ctx)
{
	ws_close(w, ctx);
}

static int
cancel(struct ws *w, struct ws_form *F)
{
	if (form_dirty_w(w, F))
		ws_ask(w, ws_tr(w, "放弃已输入的内容?", "Discard what you typed?"),
		       discard, &F->p);
	else
		ws_close(w, &F->p);
	return WS_HANDLED;
}

static void
leave_field(struct ws *w, struct ws_form *F)
{
	struct ffield *x = F->n ? &F->v[F->cur] : NULL;

	if (x != NULL && is_choice(x->f) && x->sel >= 0)
		ws_line_set(&x->ed, "");
	(void)w;
}

static int
move_by(struct ws *w, struct ws_form *F, int by)
{
	long to = (long)F->cur + by;

	if (F->n == 0)
		return WS_HANDLED;
	if (to < 0)
		to = 0;
	if (to >= (long)F->n) {
		to = (long)F->n - 1;
		if (by > 0 && F->cur == F->n - 1)
			ws_msg(w, 0, "%s", ws_tr(w, "最后一项; F2 或 Ctrl-S 保存",
				"last field; F2 or Ctrl-S saves"));
	}
	leave_field(w, F);
	F->cur = (size_t)to;
	if (F->v[F->cur].grid != NULL)
		ws_grid_enter(F->v[F->cur].grid, by < 0);
	ensure_visible(w, F);
	w->need |= WS_NEED_KEYS;    /* ←→ shows for choice fields only */
	return WS_REDRAW;
}

static void
choice_picked(struct ws *w, size_t i, void *ctx)
{
	struct ws_form *F = ctx;
	struct ffield *x = &F->v[F->cur];

	x->sel = (int)i;
	ws_line_set(&x->ed, "");
	set_err(x, NULL);
	F->lay_cols = 0;
	w->need |= WS_NEED_BODY;
}

/* F4: the list of a choice field's choices, as on a 5250 screen. */
static void
choice_list(struct ws *w, struct ws_form *F, struct ffield *x)
{
	size_t i, n = nchoices(w, x->f);
	char **items = xcalloc(n + 1, sizeof *items);

	for (i = 0; i < n; i++)
		items[i] = choice_text(w, x->f, i);
	ws_pick_open(w, ws_label(w, &x->f->label, x->f->id),
		     (const char *const *)items, n, x->sel >= 0 ?
		     (size_t)x->sel : 0, choice_picked, F);
	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

static int
choice_key(struct ws *w, struct ws_form *F, struct ffield *x, int key)
{
	int n = (int)nchoices(w, x->f), r;
	char *q;

	switch (key) {
	case WS_FN(KEY_F(4)):
		if (n > 0)
			choice_list(w, F, x);
		return 0;
	case WS_FN(KEY_RIGHT):
	case WS_CTRL('F'):
		x->sel = x->sel + 1 >= n ? -1 : x->sel + 1;
		ws_line_set(&x->ed, "");
		return 1;
	case WS_FN(KEY_LEFT):
	case WS_CTRL('B'):
		x->sel = x->sel < 0 ? n - 1 : x->sel - 1;
		ws_line_set(&x->ed, "");
		return 1;
	case WS_FN(KEY_DC):
		x->sel = -1;
		ws_line_set(&x->ed, "");
		return 1;
	default:
		break;
	}
	r = ws_line_key(&x->ed, key, 0);
	if (r < 0)
		return -1;
	q = ws_line_get(&x->ed);
	if (*q != '\0')
		x->sel = choice_find(w, x->f, q);
	else if (r > 0)
		x->sel = -1;
	free(q);
	(void)F;
	return 1;
}

/*
 * A key in a lines field's grid: Tab, arrows and the line keys move and
 * edit inside it, and leave it at its ends.  -1 when the key is the
 * form's (save, cancel, global keys).
 */
static int
grid_key(struct ws *w, struct ws_form *F, struct ffield *x, int key)
{
	switch (key) {
	case WS_FN(KEY_F(2)):
	case WS_CTRL('S'):
	case WS_ESC:
	case WS_FN(KEY_NPAGE):
	case WS_FN(KEY_PPAGE):
	case WS_FN(KEY_F(1)):
	case WS_FN(KEY_F(10)):
	case WS_CTRL('C'):
	case WS_CTRL('L'):
	case WS_CTRL('G'):
		return -1;
	default:
		break;
	}
	switch (ws_grid_key(x->grid, key)) {
	case WS_GRID_LEAVE_NEXT:
		if (F->cur + 1 < F->n)
			return move_by(w, F, 1);
		ws_msg(w, 0, "%s", ws_tr(w, "最后一项; F2 或 Ctrl-S 保存",
			"last field; F2 or Ctrl-S saves"));
		return WS_REDRAW;
	case WS_GRID_LEAVE_PREV:
		return F->cur > 0 ? move_by(w, F, -1) : WS_HANDLED;
	case WS_GRID_NOT_MINE:
		return WS_HANDLED;   /* typing goes to the form, not to q, L */
	case WS_GRID_CHANGED:
		set_err(x, NULL);
		F->lay_cols = 0;
		return WS_REDRAW;
	default:
		if (x->err != NULL)
			set_err(x, NULL);
		F->lay_cols = 0;
		return WS_REDRAW;
	}
}

static int
form_key(struct ws *w, struct ws_pane *p, int key)
{
	struct ws_form *F = (struct ws_form *)p;
	struct ffield *x = F->n ? &F->v[F->cur] : NULL;
	int r, h;

	if (x != NULL && x->grid != NULL && (r = grid_key(w, F, x, key)) >= 0)
		return r;
	switch (key) {
	case WS_FN(KEY_F(2)):
	case WS_CTRL('S'):
		return save(w, F);
	case WS_ESC:
		return cancel(w, F);
	case '\t':
	case '\r':
	case WS_FN(KEY_ENTER):
	case WS_FN(KEY_DOWN):
		return move_by(w, F, 1);
	case WS_FN(KEY_BTAB):
	case WS_FN(KEY_UP):
		return move_by(w, F, -1);
	case WS_FN(KEY_NPAGE):
		return move_by(w, F, 5);
	case WS_FN(KEY_PPAGE):
		return move_by(w, F, -5);
	case WS_FN(KEY_F(1)):
	case WS_FN(KEY_F(10)):
	case WS_CTRL('C'):
	case WS_CTRL('L'):
	case WS_CTRL('G'):
		return WS_PASS;
	default:
		break;
	}
	if (x == NULL)
		return WS_HANDLED;
	h = err_rows(w, F, x);
	if (is_choice(x->f))
		r = choice_key(w, F, x, key);
	else
		r = ws_line_key(&x->ed, key, x->f->type == CFG_T_MULTILINE);
	if (r < 0)
		return WS_HANDLED;   /* typing goes to the form, not to q, L */
	if (r > 0 && x->err != NULL)
		set_err(x, NULL);
	if (err_rows(w, F, x) != h) {
		F->lay_cols = 0;
		return WS_REDRAW;
	}
	/* only this field changed: draw it alone */
	{
		int cy, cx;

		draw_field(w, F, F->cur, &cy, &cx);
	}
	return WS_HANDLED;
}

static void
form_changed(struct ws *w, struct ws_pane *p)
{
	struct ws_form *F = (struct ws_form *)p;
	struct store_rec *r = NULL;
	struct as_err err;

	if (F->kind == FK_NEW || F->notice != NULL)
		return;
	as_err_clear(&err);
	if (core_get(w->c, F->id, &r, &err) != 0)
		return;
	if (r->rev != F->rev) {
		char *who = ws_change_note(w, F->id);
		const struct cfg_transition *av[32];
		size_t k = 0, nav = 0;

		if (F->kind == FK_TRANS && F->nbids == 0) {
			nav = wf_available(w->c, r, av, 32);
			for (k = 0; k < nav && av[k] != F->t; k++)
				;
		}
		if (F->kind == FK_TRANS && F->nbids == 0 && k == nav) {
			/* the step is gone: never offer to save it again */
			F->gone = 1;
			F->notice = xasprintf("%s (%s %llu). %s \"%s\"%s", who,
			    ws_tr(w, "版本", "revision"),
			    (unsigned long long)r->rev, ws_tr(w,
			    "此步骤已不能执行:", "this step is no longer open "
			    "to you:"), ws_label(w, &F->t->label, F->t->id),
			    ws_tr(w, "。不能再保存; Esc 关闭。", ". It cannot be "
			    "saved; Esc closes the form."));
			F->notice_attr = WSA_ERR;
			w->need |= WS_NEED_KEYS;
		} else {
			F->notice = xasprintf("%s (%s %llu). %s", who,
			    ws_tr(w, "版本", "revision"),
			    (unsigned long long)r->rev, ws_tr(w,
			    "保存时会列出改了什么, 你的输入不会丢失。",
			    "Saving will list what changed; your input is not "
			    "lost."));
			F->notice_attr = WSA_WARN;
		}
		free(who);
		F->lay_cols = 0;
		w->need |= WS_NEED_BODY;
	}
	store_rec_free(&r);
}

static void
form_keys(struct ws *w, struct ws_pane *p, struct ws_keys *k)
{
	struct ws_form *F = (struct ws_form *)p;
	const struct ffield *x = F->n ? &F->v[F->cur] : NULL;

	if (!F->gone)
		ws_keys_add(k, WS_K_FOOT, "F2", ws_tr(w, "保存", "Save"));
	ws_keys_add(k, WS_K_FOOT, "Esc", ws_tr(w, F->gone ? "关闭" : "取消",
					       F->gone ? "Close" : "Cancel"));
	ws_keys_add(k, WS_K_FOOT, "Tab", ws_tr(w, "下一项", "Next"));
	ws_keys_add(k, WS_K_FOOT, "S-Tab", ws_tr(w, "上一项", "Prev"));
	if (x != NULL && is_choice(x->f)) {
		ws_keys_add(k, WS_K_FOOT, "←→", ws_tr(w, "选择", "Choose"));
		ws_keys_add(k, WS_K_FOOT, "F4", ws_tr(w, "列表", "List"));
	}
	if (x != NULL && x->grid != NULL) {
		ws_keys_add(k, WS_K_FOOT, "^N", ws_tr(w, "加一行", "Add line"));
		ws_keys_add(k, WS_K_FOOT, "^X", ws_tr(w, "删一行",
						      "Delete line"));
	}
	ws_keys_add(k, WS_K_HELP, "F2 ^S", ws_tr(w, "保存 / 执行", "save / apply"));
	ws_keys_add(k, WS_K_HELP, "Esc", ws_tr(w, "取消 (有输入时先询问)",
				       "cancel (asks if anything changed)"));
	ws_keys_add(k, WS_K_HELP, "Tab Enter ↓", ws_tr(w, "下一项", "next field"));
	ws_keys_add(k, WS_K_HELP, "S-Tab ↑", ws_tr(w, "上一项", "previous field"));
	ws_keys_add(k, WS_K_HELP, "PgUp PgDn", ws_tr(w, "跳过 5 项", "move 5 fields"));
	ws_keys_add(k, WS_K_HELP, "← → Home End ^A ^E", ws_tr(w, "在文字中移动",
		    "move in the text"));
	ws_keys_add(k, WS_K_HELP, "Backspace Del", ws_tr(w, "删除一个字符",
		    "delete one character"));
	ws_keys_add(k, WS_K_HELP, "^K ^U ^W", ws_tr(w, "删到行尾 / 行首 / 删一个词",
		    "delete to end / to start / a word"));
	ws_keys_add(k, WS_K_HELP, "^J", ws_tr(w, "多行文字中换行",
				      "new line in multi-line text"));
	ws_keys_add(k, WS_K_HELP, "← →", ws_tr(w, "选项字段: 循环选择; 输入开头筛选",
		    "choice fields: cycle; type the start to pick"));
	ws_keys_add(k, WS_K_HELP, "Del", ws_tr(w, "选项字段: 清空", "choice fields: clear"));
	ws_keys_add(k, WS_K_HELP, "F4", ws_tr(w, "选项字段: 列出全部选项",
		    "choice fields: list every choice"));
	ws_keys_add(k, WS_K_HELP, "Tab S-Tab ↑ ↓", ws_tr(w,
		    "表格字段: 在格子和行之间移动",
		    "table fields: move across cells and lines"));
	ws_keys_add(k, WS_K_HELP, "Ins ^N", ws_tr(w, "表格字段: 在下面加一行",
		    "table fields: add a line below"));
	ws_keys_add(k, WS_K_HELP, "^X", ws_tr(w, "表格字段: 删除当前行",
		    "table fields: delete the current line"));
}

static int
form_dirty(struct ws_pane *p)
{
	struct ws_form *F = (struct ws_form *)p;

	return form_dirty_w(F->w, F);
}

static void
form_resize(struct ws *w, struct ws_pane *p)
{
	(void)w;
	((struct ws_form *)p)->lay_cols = 0;
}

static void
form_free(struct ws_pane *p)
{
	struct ws_form *F = (struct ws_form *)p;
	size_t i;

	for (i = 0; i < F->n; i++) {
		ws_line_free(&F->v[i].ed);
		free(F->v[i].init);
		free(F->v[i].err);
		ws_grid_free(&F->v[i].grid);
	}
	free(F->v);
	for (i = 0; i < F->nbids; i++)
		free(F->bids[i]);
	free(F->bids);
	free(F->id);
	free(F->notice);
	ctx_free(F);
	free(F->dup_id);
	store_rec_free(&F->seen);
	free(F);
}

static const struct ws_pane_ops form_ops = {
	.draw = form_draw,
	.key = form_key,
	.changed = form_changed,
	.cursor = form_cursor,
	.keys = form_keys,
	.dirty = form_dirty,
	.resize = form_resize,
	.free = form_free,
};

static struct ws_form *
form_alloc(struct ws *w, enum fkind kind, const struct cfg_rectype *rt,
	   const struct store_rec *r)
{
	struct ws_form *F = xcalloc(1, sizeof *F);

	F->w = w;
	F->p.ops = &form_ops;
	F->kind = kind;
	F->rt = rt;
	if (r != NULL) {
		F->id = xstrdup(r->id);
		F->rev = r->rev;
		F->seen = store_rec_dup(r);
	}
	return F;
}
