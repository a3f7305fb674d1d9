/*
 * ws_detail.c - one record on the workstation: every field with its
 * label, the actions the current user may take now (each with its
 * configured key; transitions this user may not take are not offered,
 * only named as what the record waits for), and the history as a
 * timeline: who, when, which action, from which state to which, and the
 * fields it changed.  Below the fields, its links both ways (the records
 * it references and those that reference it, each with its state); Tab
 * and Shift-Tab pick one and Enter opens it in a detail view of its own
 * (Esc comes back).  J and K show the next and previous record of the
 * list below (as mutt's pager).  It re-reads itself when the store
 * changes and says who changed the record.
 */
#include "ws.h"
#include "../core/core_money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXTR 32

struct hchange {
	char *field, *old, *new;
};

struct hevent {
	char *who, *action, *from, *to;
	int64_t when;
	size_t n;
	struct hchange *ch;
};

/* One screen row: an optional label column and a text. */
struct drow {
	char *label;
	char *text;
	enum ws_attr attr;
	int indent;
};

struct ws_detail {
	struct ws_pane p;
	char *id;
	struct store_rec *rec;
	struct hevent *hist;
	size_t nhist;
	char *err;
	const struct cfg_user *user;    /* who the actions were computed for */
	const struct cfg_transition *avail[MAXTR];
	size_t navail;
	/* rows, built for lay_cols/lay_lang */
	struct drow *rows;
	size_t nrows, caprows;
	int lay_cols, labelw;
	const char *lay_lang;
	int top;
	/* links both ways; lsel the one Enter opens, lrow its rows */
	struct core_links links;
	size_t lsel;
	size_t *lrow;
};

static void
free_hist(struct ws_detail *D)
{
	size_t i, j;

	for (i = 0; i < D->nhist; i++) {
		struct hevent *e = &D->hist[i];

		for (j = 0; j < e->n; j++) {
			free(e->ch[j].field);
			free(e->ch[j].old);
			free(e->ch[j].new);
		}
		free(e->ch);
		free(e->who);
		free(e->action);
		free(e->from);
		free(e->to);
	}
	free(D->hist);
	D->hist = NULL;
	D->nhist = 0;
}

static void
free_rows(struct ws_detail *D)
{
	size_t i;

	for (i = 0; i < D->nrows; i++) {
		free(D->rows[i].label);
		free(D->rows[i].text);
	}
	D->nrows = 0;
	D->lay_cols = 0;
}

static char *
dupn(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int
hist_visit(const struct store_event *e, void *ctx)
{
	struct ws_detail *D = ctx;
	struct hevent *h;
	size_t i;

	D->hist = xrealloc(D->hist, (D->nhist + 1) * sizeof *D->hist);
	h = &D->hist[D->nhist++];
	h->who = dupn(e->who);
	h->action = dupn(e->action);
	h->from = dupn(e->from);
	h->to = dupn(e->to);
	h->when = e->when;
	h->n = e->nchanges;
	h->ch = xcalloc(e->nchanges + 1, sizeof *h->ch);
	for (i = 0; i < e->nchanges; i++) {
		h->ch[i].field = dupn(e->changes[i].field);
		h->ch[i].old = dupn(e->changes[i].old);
		h->ch[i].new = dupn(e->changes[i].new);
	}
	return 0;
}

/*
 * Read the links of the record again: 1 if they changed (a linked record
 * moved on without this one changing).
 */
static int
load_links(struct ws *w, struct ws_detail *D)
{
	struct core_links l = {0};
	struct as_err err = {0};
	size_t i;
	int same;

	if (D->rec == NULL || core_links(w->c, D->rec, &l, &err) != 0) {
		same = D->links.n == 0;
		core_links_free(&D->links);
		return !same;
	}
	same = l.n == D->links.n;
	for (i = 0; same && i < l.n; i++)
		same = strcmp(l.v[i].id, D->links.v[i].id) == 0 &&
		    (l.v[i].state == NULL) == (D->links.v[i].state == NULL) &&
		    (l.v[i].state == NULL ||
		     strcmp(l.v[i].state, D->links.v[i].state) == 0);
	core_links_free(&D->links);
	D->links = l;
	D->lrow = xrealloc(D->lrow, (l.n + 1) * sizeof *D->lrow);
	if (D->lsel >= l.n)
		D->lsel = 0;
	return !same;
}

/* Read the record and its history; 1 if what is shown changed. */
static int
load(struct ws *w, struct ws_detail *D)
{
	struct store_rec *r = NULL;
	struct as_err err;
	int rc;

	as_err_clear(&err);
	rc = core_get(w->c, D->id, &r, &err);
	if (rc != 0) {
		int had = D->rec != NULL || D->err == NULL;

		store_rec_free(&D->rec);
		free(D->err);
		D->err = xstrdup(err.msg);
		free_rows(D);
		return had;
	}
	if (D->rec != NULL && D->rec->rev == r->rev &&
	    D->user == core_user(w->c)) {
		store_rec_free(&r);
		if (!load_links(w, D))
			return 0;
		free_rows(D);
		return 1;
	}
	store_rec_free(&D->rec);
	D->rec = r;
	free(D->err);
	D->err = NULL;
	D->user = core_user(w->c);
	D->navail = wf_available(w->c, r, D->avail, MAXTR);
	free_hist(D);
	if (core_history(w->c, D->id, hist_visit, D, &err) != 0)
		D->err = xstrdup(err.msg);
	load_links(w, D);
	free_rows(D);
	return 1;
}

/* Rows --------------------------------------------------------------- */

static void
add_row(struct ws_detail *D, const char *label, const char *text,
	enum ws_attr a, int indent)
{
	struct drow *r;

	if (D->nrows == D->caprows) {
		D->caprows = D->caprows ? D->caprows * 2 : 64;
		D->rows = xrealloc(D->rows, D->caprows * sizeof *D->rows);
	}
	r = &D->rows[D->nrows++];
	r->label = dupn(label);
	r->text = xstrdup(text != NULL ? text : "");
	r->attr = a;
	r->indent = indent;
}

struct wrapctx {
	struct ws_detail *D;
	const char *label;
	enum ws_attr a;
	int indent;
};

static void
wrap_row(const char *s, size_t n, void *ctx)
{
	struct wrapctx *x = ctx;
	char *t = xstrndup(s, n);

	add_row(x->D, x->label, t, x->a, x->indent);
	x->label = x->label != NULL ? "" : NULL;   /* label on the first row */
	free(t);
}

/* Add text wrapped to the width left after indent (and the label). */
static void
add_text(struct ws *w, struct ws_detail *D, const char *label,
	 const char *text, enum ws_attr a, int indent)
{
	struct wrapctx x = { D, label, a, indent };
	int width = w->cols - 2 - indent - (label ? D->labelw + 2 : 0);

	ws_wrap(text, width < 8 ? 8 : width, wrap_row, &x);
}

static const char *
state_label(struct ws *w, const struct cfg_rectype *rt, const char *id)
{
	const struct cfg_state *s = rt && id ? cfg_state(rt, id) : NULL;

	return s != NULL ? ws_label(w, &s->label, s->id) : id ? id : "";
}

static const char *
action_label(struct ws *w, const struct cfg_rectype *rt, const char *id)
{
	const struct cfg_transition *t = rt ? cfg_transition(rt, id) : NULL;

	if (t != NULL)
		return ws_label(w, &t->label, t->id);
	if (strcmp(id, "create") == 0)
		return ws_tr(w, "登记", "Registered");
	if (strcmp(id, "edit") == 0)
		return ws_tr(w, "修改", "Edited");
	if (strcmp(id, "upgrade") == 0)
		return ws_tr(w, "升级", "Upgraded");
	return id;
}

static void
roles_of(struct ws *w, const struct cfg_transition *t, struct as_buf *b)
{
	size_t i;

	for (i = 0; i < t->nroles; i++)
		buf_addf(b, "%s%s", i ? "、" : "",
			 ws_label(w, &t->roles[i]->label, t->roles[i]->id));
}

static int
any_editable(struct ws *w, const struct ws_detail *D)
{
	const struct cfg_rectype *rt = core_rectype(w->c, D->rec);
	size_t i;

	for (i = 0; rt != NULL && i < rt->nfields; i++)
		if (core_can_edit(w->c, D->rec, &rt->fields[i]))
			return 1;
	return 0;
}

static void
build_actions(struct ws *w, struct ws_detail *D)
{
	struct as_buf b = {0};
	size_t i;

	struct as_buf it = {0};
	const char *lbl = ws_tr(w, "可执行", "You can");
	int width = w->cols - 2 - D->labelw - 2;

	/*
	 * One item per action, "[a] 受理 → 已受理"; rows break between
	 * items only, so a key never wraps away from its label.
	 */
	for (i = 0; i <= D->navail; i++) {
		const struct cfg_transition *t = i < D->navail ? D->avail[i]
							      : NULL;

		it.len = 0;
		if (t != NULL)
			buf_addf(&it, "[%s] %s → %s", t->key ? t->key : "-",
				 ws_label(w, &t->label, t->id),
				 ws_to_label(w, t));
		else if (any_editable(w, D))
			buf_addf(&it, "[E] %s", ws_tr(w, "编辑", "Edit"));
		else
			break;
		if (b.len > 0 && ws_width(b.data) + 3 + ws_width(it.data) >
		    width) {
			add_row(D, lbl, b.data, WSA_OK, 0);
			lbl = "";
			b.len = 0;
			b.data[0] = '\0';
		}
		buf_addf(&b, "%s%s", b.len ? "   " : "", it.data);
	}
	buf_free(&it);
	if (b.len > 0 || *lbl == '\0')
		add_text(w, D, lbl, b.len ? b.data : "", WSA_OK, 0);
	else
		add_text(w, D, lbl, ws_tr(w, "(在此状态下你没有可执行的操作)",
					  "(nothing for you in this state)"),
			 WSA_DIM, 0);
	buf_free(&b);
	/* main steps first, each with who holds it (wf_waits_text) */
	wf_waits_text(w->c, D->rec, w->lang, 1, &b);
	if (b.len > 0)
		add_text(w, D, ws_tr(w, "等待", "Waiting"), b.data, WSA_NORMAL,
			 0);
	buf_free(&b);
}

/* A history line of an SLA clock field: "响应时限 期限: … → …". */
static void
clock_change(struct ws *w, struct ws_detail *D,
	     const struct cfg_rectype *rt, const struct hchange *c)
{
	struct as_buf l = {0}, l2 = {0}, o = {0}, n = {0}, b = {0};

	core_clock_change_text(w->c, rt, c->field, c->old, w->lang, &l, &o);
	core_clock_change_text(w->c, rt, c->field, c->new, w->lang, &l2, &n);
	if (core_change_new_only(c->field))
		buf_addf(&b, "%s: %s", l.data ? l.data : c->field,
			 n.data ? n.data : "-");
	else
		buf_addf(&b, "%s: %s → %s", l.data ? l.data : c->field,
			 o.data ? o.data : "-", n.data ? n.data : "-");
	add_text(w, D, NULL, b.data, WSA_DIM, 5);
	buf_free(&l);
	buf_free(&l2);
	buf_free(&o);
	buf_free(&n);
	buf_free(&b);
}

/*
 * The record's money (core_money.h): totals per bearer (R1 §9), advance
 * against expenses (R2 §3.4.3) and the roll-up (R1 §5.2, R2 §3.8), each
 * a labelled row below the fields (the cost lines).
 */
static void
build_money(struct ws *w, struct ws_detail *D)
{
	struct as_buf b = {0};
	struct as_err err;
	char *p, *nl, *tab;

	as_err_clear(&err);
	if (money_text(w->c, D->rec, w->lang, &b, &err) != 0) {
		add_text(w, D, NULL, err.msg, WSA_ERR, 0);
		buf_free(&b);
		return;
	}
	for (p = b.data; p != NULL && (nl = strchr(p, '\n')) != NULL;
	    p = nl + 1) {
		*nl = '\0';
		if ((tab = strchr(p, '\t')) == NULL)
			continue;
		*tab = '\0';
		add_text(w, D, p, tab + 1, WSA_NORMAL, 0);
	}
	buf_free(&b);
}

/* The SLA clocks of the record, each a labelled row above the fields. */
static void
build_clocks(struct ws *w, struct ws_detail *D)
{
	struct core_clock k[8];
	size_t n = core_clocks(w->c, D->rec, k, 8), i;
	int64_t now = core_now(w->c);

	for (i = 0; i < n; i++) {
		struct as_buf b = {0};
		int over = !k[i].stopped && k[i].due < now;

		core_clock_text(w->c, &k[i], w->lang, now, &b);
		add_text(w, D, ws_label(w, &k[i].clock->label,
					k[i].clock->id), b.data ? b.data : "",
			 over || (k[i].stopped && k[i].late) ? WSA_OVER
			 : WSA_NORMAL, 0);
		buf_free(&b);
	}
}

/*
 * The links, one row each: "→ 投诉 C2026-000001  处理中  (投诉)", → for a
 * record this one names in its field, ← for one that names this one; the
 * selected one highlighted.
 */
static void
build_links(struct ws *w, struct ws_detail *D)
{
	size_t i;

	if (D->links.n == 0)
		return;
	add_row(D, NULL, "", WSA_NORMAL, 0);
	add_row(D, NULL, ws_tr(w, "关联记录", "Links"), WSA_TITLE, 0);
	for (i = 0; i < D->links.n; i++) {
		const struct core_link *k = &D->links.v[i];
		const struct cfg_rectype *ort = k->exists ?
		    cfg_rectype(w->cfg, k->type) : NULL;
		struct as_buf b = {0};

		buf_addf(&b, "%s %s %s  %s", k->outgoing ? "→" : "←",
			 ort ? ws_label(w, &ort->label, ort->id) :
			 k->exists ? k->type : "?", k->id,
			 !k->exists ? ws_tr(w, "（无此记录）", "(no such record)")
			 : state_label(w, ort, k->state));
		if (k->field != NULL)
			buf_addf(&b, "  (%s)", ws_label(w, &k->field->label,
							k->field->id));
		D->lrow[i] = D->nrows;
		add_row(D, NULL, b.data, i == D->lsel ? WSA_SEL :
			k->exists && !k->terminal ? WSA_NORMAL : WSA_DIM, 1);
		buf_free(&b);
	}
}

static void
build_history(struct ws *w, struct ws_detail *D,
	      const struct cfg_rectype *rt)
{
	size_t i, j;

	add_row(D, NULL, "", WSA_NORMAL, 0);
	add_row(D, NULL, ws_tr(w, "历史记录", "History"), WSA_TITLE, 0);
	for (i = 0; i < D->nhist; i++) {
		const struct hevent *e = &D->hist[i];
		struct as_buf b = {0};

		core_format_time(w->c, e->when, 1, &b);
		buf_addf(&b, "  %s  %s", ws_user_name(w, e->who ? e->who : ""),
			 action_label(w, rt, e->action ? e->action : ""));
		if (e->from != NULL && e->to != NULL &&
		    strcmp(e->from, e->to) != 0)
			buf_addf(&b, "  %s → %s", state_label(w, rt, e->from),
				 state_label(w, rt, e->to));
		else if (e->from == NULL && e->to != NULL)
			buf_addf(&b, "  → %s", state_label(w, rt, e->to));
		add_text(w, D, NULL, b.data, WSA_LABEL, 1);
		buf_free(&b);
		for (j = 0; j < e->n; j++) {
			const struct hchange *c = &e->ch[j];
			const struct cfg_field *f = rt ? cfg_field(rt, c->field)
						       : NULL;
			char *o, *n;

			if (core_reserved_field(c->field)) {
				clock_change(w, D, rt, c);
				continue;
			}
			buf_addf(&b, "%s: ",
				 f ? ws_label(w, &f->label, f->id) : c->field);
			/* a lines field: only the cells that changed */
			if (f != NULL && core_lines_change_text(w->c, f,
			    c->old, c->new, w->lang, &b)) {
				add_text(w, D, NULL, b.data, WSA_NORMAL, 5);
				buf_free(&b);
				continue;
			}
			o = f ? ws_format(w, f, c->old) : dupn(c->old);
			n = f ? ws_format(w, f, c->new) : dupn(c->new);
			buf_addf(&b, "%s → %s", o && *o ? o : "-",
				 n && *n ? n : "-");
			add_text(w, D, NULL, b.data, WSA_NORMAL, 5);
			buf_free(&b);
			free(o);
			free(n);
		}
	}
}

/*
 * A lines field: its label, then a table under it, one row per line with
 * a header of the column labels; each column as wide as its widest cell
 * by display width (Chinese lines up), numbers right-aligned.
 */
static void
build_lines(struct ws *w, struct ws_detail *D, const struct cfg_field *f,
	    const char *v)
{
	struct core_lines l;
	struct as_buf b = {0};
	size_t i, j, nc = f->ncolumns;
	int *cw, nw, k;

	if (core_lines_cells(w->c, f, v, w->lang, &l) != 0 || l.n == 0) {
		char *t = ws_format(w, f, v);

		add_text(w, D, ws_label(w, &f->label, f->id), *t ? t : "-",
			 *t ? WSA_NORMAL : WSA_DIM, 0);
		free(t);
		if (l.cell != NULL)
			core_lines_free(&l);
		return;
	}
	add_row(D, ws_label(w, &f->label, f->id), "", WSA_NORMAL, 0);
	cw = xcalloc(nc, sizeof *cw);
	for (j = 0; j < nc; j++) {
		cw[j] = ws_width(ws_label(w, &f->columns[j].label,
					  f->columns[j].id));
		for (i = 0; i < l.n; i++)
			if (ws_width(l.cell[i * nc + j]) > cw[j])
				cw[j] = ws_width(l.cell[i * nc + j]);
	}
	nw = snprintf(NULL, 0, "%zu", l.n);
	for (i = 0; i <= l.n; i++) {
		b.len = 0;
		buf_addf(&b, "%*s", nw, "");
		if (i > 0) {
			b.len = 0;
			buf_addf(&b, "%*zu", nw, i);
		}
		for (j = 0; j < nc; j++) {
			const struct cfg_field *col = &f->columns[j];
			const char *t = i == 0 ? ws_label(w, &col->label,
			    col->id) : l.cell[(i - 1) * nc + j];
			int right = i > 0 && (col->type == CFG_T_INT ||
			    col->type == CFG_T_MONEY);

			buf_adds(&b, "  ");
			for (k = ws_width(t); right && k < cw[j]; k++)
				buf_adds(&b, " ");
			buf_adds(&b, t);
			for (k = ws_width(t); !right && k < cw[j]; k++)
				buf_adds(&b, " ");
		}
		add_row(D, NULL, b.data, i == 0 ? WSA_LABEL : WSA_NORMAL, 2);
	}
	buf_free(&b);
	free(cw);
	core_lines_free(&l);
}

static void
build(struct ws *w, struct ws_detail *D)
{
	const struct cfg_rectype *rt;
	struct as_buf b = {0};
	size_t i;

	if (D->lay_cols == w->cols && D->lay_lang == w->lang)
		return;
	free_rows(D);
	D->lay_cols = w->cols;
	D->lay_lang = w->lang;
	if (D->rec == NULL) {
		add_row(D, NULL, D->id, WSA_TITLE, 0);
		add_text(w, D, NULL, D->err ? D->err : "", WSA_ERR, 0);
		return;
	}
	rt = core_rectype(w->c, D->rec);
	D->labelw = ws_width(ws_tr(w, "可执行", "You can"));
	for (i = 0; rt != NULL && i < rt->nfields; i++) {
		int lw = ws_width(ws_label(w, &rt->fields[i].label,
					   rt->fields[i].id));

		if (lw > D->labelw)
			D->labelw = lw;
	}
	if (D->labelw > w->cols / 3)
		D->labelw = w->cols / 3;
	buf_addf(&b, "%s  %s  [%s]", D->rec->id,
		 rt ? ws_label(w, &rt->label, rt->id) : D->rec->type,
		 state_label(w, rt, D->rec->state));
	add_text(w, D, NULL, b.data, WSA_TITLE, 0);
	buf_free(&b);
	buf_adds(&b, ws_tr(w, "登记 ", "created "));
	core_format_time(w->c, D->rec->created, 1, &b);
	buf_adds(&b, ws_tr(w, " · 更新 ", " · updated "));
	core_format_time(w->c, D->rec->updated, 1, &b);
	buf_addf(&b, " · %s %llu", ws_tr(w, "版本", "revision"),
		 (unsigned long long)D->rec->rev);
	add_text(w, D, NULL, b.data, WSA_DIM, 0);
	buf_free(&b);
	build_actions(w, D);
	build_clocks(w, D);
	add_row(D, NULL, "", WSA_NORMAL, 0);
	for (i = 0; rt != NULL && i < rt->nfields; i++) {
		const struct cfg_field *f = &rt->fields[i];
		const char *v = store_rec_get(D->rec, f->id);
		char *t;

		/* groups: the sections of the paper form, headed */
		if (f->group != NULL && (i == 0 ||
		    rt->fields[i - 1].group != f->group)) {
			buf_free(&b);
			buf_addf(&b, "── %s%s%s%s ──", ws_label(w,
			    &f->group->label, f->group->id),
			    f->group->clause ? " (" : "",
			    f->group->clause ? f->group->clause : "",
			    f->group->clause ? ")" : "");
			if (i > 0)
				add_row(D, NULL, "", WSA_NORMAL, 0);
			add_text(w, D, NULL, b.data, WSA_TITLE, 0);
			buf_free(&b);
		}
		if (f->type == CFG_T_LINES) {
			build_lines(w, D, f, v);
			continue;
		}
		t = ws_format(w, f, v);
		if (f->type == CFG_T_REF && v != NULL && *v != '\0' &&
		    strcmp(t, v) != 0) {
			char *u = xasprintf("%s (%s)", t, v);

			free(t);
			t = u;
		}
		if (*t && core_frozen(w->c, D->rec, f)) {   /* R2 §3.3.2 */
			char *u = xasprintf("%s %s", t, ws_tr(w, "（已冻结）",
							     "(frozen)"));

			free(t);
			t = u;
		}
		add_text(w, D, ws_label(w, &f->label, f->id), *t ? t : "-",
			 *t ? WSA_NORMAL : WSA_DIM, 0);
		free(t);
	}
	build_money(w, D);
	build_links(w, D);
	build_history(w, D, rt);
	if (D->err != NULL)
		add_text(w, D, NULL, D->err, WSA_ERR, 0);
}

/* Pane --------------------------------------------------------------- */

static int
view_rows(const struct ws *w)
{
	return w->bodyh;
}

static void
clamp_top(struct ws *w, struct ws_detail *D)
{
	int max = (int)D->nrows - view_rows(w);

	if (D->top > max)
		D->top = max;
	if (D->top < 0)
		D->top = 0;
}

static void
detail_draw(struct ws *w, struct ws_pane *p)
{
	struct ws_detail *D = (struct ws_detail *)p;
	int y;

	build(w, D);
	clamp_top(w, D);
	for (y = 0; y < view_rows(w); y++) {
		size_t i = (size_t)(D->top + y);
		const struct drow *r;
		int x = 1;

		if (i >= D->nrows)
			break;
		r = &D->rows[i];
		x += r->indent;
		if (r->label != NULL) {
			ws_put(w->body, y, x, D->labelw, r->label,
			       w->attr[WSA_LABEL], 1);
			x += D->labelw + 2;
		}
		ws_put(w->body, y, x, w->cols - x - 1, r->text, w->attr[r->attr],
		       0);
	}
	if (D->top > 0)
		ws_put(w->body, 0, w->cols - 1, 1, "▲", w->attr[WSA_TITLE], 0);
	if (D->top + view_rows(w) < (int)D->nrows)
		ws_put(w->body, view_rows(w) - 1, w->cols - 1, 1, "▼",
		       w->attr[WSA_TITLE], 0);
}

static int
scroll_by(struct ws *w, struct ws_detail *D, int by)
{
	int old = D->top;

	D->top += by;
	clamp_top(w, D);
	return D->top != old ? WS_REDRAW : WS_HANDLED;
}

/* Select link i (Tab): highlight it and scroll it into view. */
static int
select_link(struct ws *w, struct ws_detail *D, size_t i)
{
	int row;

	D->lsel = i;
	D->lay_cols = 0;
	build(w, D);
	row = (int)D->lrow[i];
	if (row < D->top)
		D->top = row;
	else if (row >= D->top + view_rows(w))
		D->top = row - view_rows(w) + 1;
	clamp_top(w, D);
	return WS_REDRAW;
}

/* Enter: open the selected link in a detail view of its own. */
static int
open_link(struct ws *w, struct ws_detail *D)
{
	const struct core_link *k;

	if (D->links.n == 0) {
		ws_msg(w, 0, "%s", ws_tr(w, "这条记录没有关联记录",
					 "this record has no links"));
		return WS_HANDLED;
	}
	k = &D->links.v[D->lsel];
	if (!k->exists) {
		ws_msg(w, 2, "%s %s", ws_tr(w, "没有记录", "no record"), k->id);
		return WS_HANDLED;
	}
	ws_open_record(w, k->id);
	return WS_HANDLED;
}

static void
explain_refused(struct ws *w, struct ws_detail *D, int key)
{
	const struct cfg_transition *pend[MAXTR];
	size_t i, n = wf_pending(w->c, D->rec, pend, MAXTR);

	for (i = 0; i < n; i++) {
		struct as_buf b = {0};
		struct as_err err = {0};
		size_t j;

		if (pend[i]->key == NULL || pend[i]->key[0] != key ||
		    pend[i]->key[1] != '\0')
			continue;
		/* the role is right, the case is someone else's (R1 §8.1) */
		for (j = 0; j < pend[i]->nroles; j++)
			if (cfg_user_has_role(core_user(w->c),
					      pend[i]->roles[j]) &&
			    wf_by_ok(w->c, D->rec, pend[i], &err) != 0) {
				ws_msg(w, 2, "%s", err.msg);
				return;
			}
		roles_of(w, pend[i], &b);
		ws_msg(w, 2, "%s: %s %s", ws_label(w, &pend[i]->label,
						   pend[i]->id),
		       ws_tr(w, "只有以下岗位可以执行:", "only these roles may:"),
		       b.data ? b.data : "-");
		buf_free(&b);
		return;
	}
	ws_msg(w, 0, "%s", ws_tr(w, "此处没有这个键; F1 或 ? 查看帮助",
			 "that key does nothing here; F1 or ? for help"));
}

/* 1 if D is right above the list and shows the list's selected record. */
static int
from_list(struct ws *w, struct ws_detail *D)
{
	struct ws_pane *below = ws_below(w, &D->p);
	const char *id;

	return below != NULL && below == w->stack[0] &&
	    (id = ws_list_step(w, below, 0)) != NULL &&
	    strcmp(id, D->id) == 0;
}

/*
 * J, K: the next or previous record of the list below, as mutt's pager
 * opens the next message: the list's selection moves (paging as it
 * must) and this view shows the record it lands on.  Only for a record
 * opened from the list.
 */
static int
step_record(struct ws *w, struct ws_detail *D, int dir)
{
	struct ws_pane *below = ws_below(w, &D->p);
	const char *id;

	if (!from_list(w, D)) {
		ws_msg(w, 2, "%s", ws_tr(w, "下一条/上一条只用于从列表打开的记录",
		       "next / previous work for a record opened from the "
		       "list"));
		return WS_HANDLED;
	}
	if ((id = ws_list_step(w, below, dir)) == NULL) {
		ws_msg(w, 0, "%s", dir > 0 ? ws_tr(w, "已是列表的最后一条",
		       "this is the last record of the list") : ws_tr(w,
		       "已是列表的第一条", "this is the first record of the "
		       "list"));
		return WS_REDRAW;   /* the list drew into the body */
	}
	free(D->id);
	D->id = xstrdup(id);
	store_rec_free(&D->rec);
	D->top = 0;
	D->lsel = 0;
	load(w, D);
	D->lay_cols = 0;
	w->need |= WS_NEED_KEYS;
	return WS_REDRAW;
}

static int
detail_key(struct ws *w, struct ws_pane *p, int key)
{
	struct ws_detail *D = (struct ws_detail *)p;
	size_t i;
	int delta;

	if (D->rec != NULL && WS_IS_CHAR(key) && key < 128) {
		for (i = 0; i < D->navail; i++) {
			const char *k = D->avail[i]->key;

			if (k != NULL && k[0] == key && k[1] == '\0') {
				ws_push(w, ws_form_transition(w, D->rec,
							      D->avail[i]));
				return WS_HANDLED;
			}
		}
	}
	if (ws_scroll_key(key, view_rows(w), (int)D->nrows, &delta))
		return scroll_by(w, D, delta);
	switch (key) {
	case WS_ESC:
	case WS_FN(KEY_LEFT):
	case WS_FN(KEY_BACKSPACE):
	case 127:
		ws_close(w, p);
		return WS_HANDLED;
	case 'E':
	case WS_FN(KEY_F(4)):
		if (D->rec == NULL)
			return WS_HANDLED;
		if (!any_editable(w, D)) {
			ws_msg(w, 2, "%s", ws_tr(w, "在此状态下你不能修改任何字段",
				"you may not edit any field in this state"));
			return WS_HANDLED;
		}
		ws_push(w, ws_form_edit(w, D->rec));
		return WS_HANDLED;
	case 'P':                       /* the printed page */
		if (D->rec != NULL)
			ws_page_open(w, D->rec->id);
		return WS_HANDLED;
	case 'n':
	case WS_FN(KEY_F(3)):
		ws_push(w, ws_form_new_record(w, ws_rectype(w)));
		return WS_HANDLED;
	case 'J':
	case 'K':
		return step_record(w, D, key == 'J' ? 1 : -1);
	case WS_FN(KEY_F(5)):
		load(w, D);
		D->lay_cols = 0;
		return WS_REDRAW;
	case '\t':
		if (D->links.n == 0)
			return WS_HANDLED;
		return select_link(w, D, (D->lsel + 1) % D->links.n);
	case WS_FN(KEY_BTAB):
		if (D->links.n == 0)
			return WS_HANDLED;
		return select_link(w, D, (D->lsel + D->links.n - 1) %
				   D->links.n);
	case '\r':
	case '\n':
	case WS_FN(KEY_ENTER):
		return open_link(w, D);
	default:
		break;
	}
	if (D->rec != NULL && WS_IS_CHAR(key) && key >= 'a' && key <= 'z' &&
	    key != 'q' && key != 'g') {
		explain_refused(w, D, key);
		return WS_HANDLED;
	}
	return WS_PASS;
}

/* "C2026-000012 已由 李四 于 2026-11-30 14:02 修改" (new string). */
static char *
change_note(struct ws *w, const char *id, const struct hevent *e)
{
	struct as_buf t = {0};
	char *s;

	core_format_time(w->c, e->when, 1, &t);
	if (strcmp(w->lang, "en") == 0)
		s = xasprintf("%s changed by %s at %s", id,
			      ws_user_name(w, e->who ? e->who : ""), t.data);
	else
		s = xasprintf("%s 已由 %s 于 %s 修改", id,
			      ws_user_name(w, e->who ? e->who : ""), t.data);
	buf_free(&t);
	return s;
}

static int
last_visit(const struct store_event *e, void *ctx)
{
	struct hevent *h = ctx;

	free(h->who);
	h->who = dupn(e->who);
	h->when = e->when;
	return 0;
}

char *
ws_change_note(struct ws *w, const char *id)
{
	struct hevent h = {0};
	struct as_err err = {0};
	char *s;

	if (core_history(w->c, id, last_visit, &h, &err) != 0 || h.who == NULL) {
		free(h.who);
		return xasprintf("%s %s", id, ws_tr(w, "已更新", "was updated"));
	}
	s = change_note(w, id, &h);
	free(h.who);
	return s;
}

static void
detail_changed(struct ws *w, struct ws_pane *p)
{
	struct ws_detail *D = (struct ws_detail *)p;

	uint64_t rev = D->rec != NULL ? D->rec->rev : 0;

	if (load(w, D)) {
		w->need |= WS_NEED_BODY | WS_NEED_KEYS;
		if (w->msg[0] == '\0' && D->rec != NULL && D->rec->rev != rev &&
		    D->nhist > 0) {
			char *t = change_note(w, D->id,
					      &D->hist[D->nhist - 1]);

			ws_msg(w, 0, "%s", t);
			free(t);
		} else if (w->msg[0] == '\0')
			ws_msg(w, 0, "%s %s", D->id,
			       ws_tr(w, "已更新", "was updated"));
	}
}

static void
detail_keys(struct ws *w, struct ws_pane *p, struct ws_keys *k)
{
	struct ws_detail *D = (struct ws_detail *)p;
	size_t i;

	ws_keys_add(k, WS_K_FOOT, "Esc", ws_tr(w, "返回", "Back"));
	for (i = 0; D->rec != NULL && i < D->navail; i++)
		if (D->avail[i]->key != NULL)
			ws_keys_add(k, WS_K_BOTH, D->avail[i]->key,
				    ws_label(w, &D->avail[i]->label,
					     D->avail[i]->id));
	if (D->rec != NULL && any_editable(w, D))
		ws_keys_add(k, WS_K_FOOT, "E", ws_tr(w, "编辑", "Edit"));
	if (D->rec != NULL && core_rectype(w->c, D->rec) != NULL &&
	    core_rectype(w->c, D->rec)->print != NULL)
		ws_keys_add(k, WS_K_BOTH, "P", ws_tr(w, "打印", "Print"));
	if (D->links.n > 0) {
		ws_keys_add(k, WS_K_BOTH, "Tab", ws_tr(w, "选关联", "Link"));
		ws_keys_add(k, WS_K_BOTH, "Enter", ws_tr(w, "打开关联记录",
							 "Open link"));
	}
	ws_keys_add(k, WS_K_BOTH, "↑↓", ws_tr(w, "滚动", "Scroll"));
	if (from_list(w, D))
		ws_keys_add(k, WS_K_BOTH, "J/K", ws_tr(w, "下条/上条",
							"Next/Prev"));
	ws_keys_add(k, WS_K_HELP, "PgUp PgDn Home End", ws_tr(w, "翻页", "page"));
	ws_keys_add(k, WS_K_HELP, "E F4", ws_tr(w, "修改允许你修改的字段",
					 "edit the fields you may change"));
	if (ws_may_create(w, ws_rectype(w)))
		ws_keys_add(k, WS_K_HELP, "n F3", ws_tr(w, "新建记录",
							 "new record"));
	ws_keys_add(k, WS_K_HELP, "F5", ws_tr(w, "重新读取 (他人的修改也会自动显示)",
		    "read again (others' changes also show by themselves)"));
	ws_keys_add(k, WS_K_HELP, "Esc ← Backspace", ws_tr(w, "返回列表",
						    "back to the list"));
}

static void
detail_resize(struct ws *w, struct ws_pane *p)
{
	(void)w;
	((struct ws_detail *)p)->lay_cols = 0;
}

static void
detail_free(struct ws_pane *p)
{
	struct ws_detail *D = (struct ws_detail *)p;

	free_rows(D);
	free(D->rows);
	free_hist(D);
	core_links_free(&D->links);
	free(D->lrow);
	store_rec_free(&D->rec);
	free(D->err);
	free(D->id);
	free(D);
}

static const struct ws_pane_ops detail_ops = {
	.draw = detail_draw,
	.key = detail_key,
	.changed = detail_changed,
	.keys = detail_keys,
	.resize = detail_resize,
	.free = detail_free,
};

struct ws_pane *
ws_detail_new(struct ws *w, const char *id)
{
	struct ws_detail *D = xcalloc(1, sizeof *D);

	D->p.ops = &detail_ops;
	D->id = xstrdup(id);
	load(w, D);
	return &D->p;
}
