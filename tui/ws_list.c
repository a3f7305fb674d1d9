/*
 * ws_list.c - the list pane at the bottom of the workstation's stack:
 * the records of the current tab's type in a view (my queue, overdue, all
 * open, closed, by state, all), paged through the store one screen at a
 * time with core_list's after/limit, never loading the whole table, each
 * view with its count; and "/" search as you type (the number and the
 * lookups the types declare).  The columns are the type's columns: in
 * its YAML (config.h).
 *
 * The page is the records strictly after `anchor` in the list order (the
 * anchor is the record just above the screen, NULL at the top, with its
 * sort key in the orders other than the number), so a million records
 * scroll with memory and work proportional to the screen, in every order:
 * each sortable column (number, state, due and the type's declared
 * sorts) is an index of the store.  Moving the selection redraws exactly two rows.
 */
#include "ws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum lview { LV_MINE, LV_OVERDUE, LV_OPEN, LV_CLOSED, LV_STATE, LV_ALL,
	     LV_ROLE, LV__N };

/* The most columns a type may declare that the pane shows. */
#define MAXCOLS 32

/* A column shown: its declaration (the type's columns:) and place. */
struct lcol {
	const struct cfg_column *def;
	int x, wd;
};

struct ws_list {
	struct ws_pane p;
	enum lview view;
	const struct cfg_state *state;  /* LV_STATE */
	int desc;                       /* the order reversed */
	int sortcol;                    /* columns: index picked with < > */
	enum core_order order;          /* the order shown */
	const char *sort;               /* CORE_ORDER_SORT: the sort id */
	char *anchor;                   /* the record above the page */
	char *anchor_key;               /* its sort key (NULL: number) */
	char *cont, *cont_key;          /* a short page stopped at the scan
					   bound here: PgDn goes on from it */
	struct store_rec **rows;
	size_t nrows, cap;
	int more;                       /* records after the page */
	size_t sel;
	int search;                     /* "/" mode */
	struct ws_line q;
	char *err;                      /* why the page is empty */
	uint64_t count[LV__N];          /* records in each view */
	int count_more[LV__N];          /* more than the count (capped) */
	int counted[LV__N];             /* count[] holds a figure */
	uint64_t due_n;                 /* due order: records it shows */
	int due_more, due_counted;      /*   (capped; a figure) */
	struct count_key {              /* what the counts were read for */
		uint64_t txn;           /* the last commit then */
		const void *rt, *state, *user;
		int view, order, valid;
	} counted_for;
	int64_t counted_minute;         /* overdue moves with the clock, the
					   others only with a commit */
	/* column layout, for cols/lang */
	struct lcol cols[MAXCOLS];
	int ncols, lay_cols;
	const char *lay_lang;
	char **marks;                   /* records marked with t (numbers) */
	size_t nmarks;
	const struct cfg_rectype *lay_rt;
	int lay_arrow;                  /* laid out for the arrow cursor */
};

static void default_view(struct ws *, struct ws_list *);

#define ROW0 2  /* body rows: 0 view bar, 1 column header, then records */

static size_t
page_size(const struct ws *w)
{
	return w->bodyh > ROW0 + 1 ? (size_t)(w->bodyh - ROW0) : 1;
}

static const char *
view_name(const struct ws *w, enum lview v)
{
	static const char *const zh[] = { "我的待办", "超期", "全部未结",
					   "已结", "按状态", "全部", "我的岗位" };
	static const char *const en[] = { "My queue", "Overdue", "All open",
					   "Closed", "By state", "All", "My role" };

	return ws_tr(w, zh[v], en[v]);
}

/* SLA deadlines ------------------------------------------------------ */

/*
 * The next deadline of r: the earliest running clock.  Returns 1 with
 * *due and *start (UTC seconds) when r has one; the window start..due
 * decides the highlight (less than a quarter left).
 */
static int
next_deadline(const struct ws *w, const struct store_rec *r, int64_t *due,
	      int64_t *start)
{
	struct core_clock k[8];
	size_t n = core_clocks(w->c, r, k, 8), i;
	int found = 0;

	for (i = 0; i < n; i++) {
		if (k[i].stopped || !k[i].has_due)
			continue;
		if (!found || k[i].due < *due) {
			*due = k[i].due;
			*start = k[i].start;
			found = 1;
		}
	}
	return found;
}

/* Layout ------------------------------------------------------------- */

static const char *
col_title(const struct ws *w, const struct cfg_column *k)
{
	if (k->label.zh != NULL || k->label.en != NULL)
		return ws_label(w, &k->label, "");
	switch (k->show) {
	case CFG_SHOW_FIELD:
		return ws_label(w, &k->field->label, k->field->id);
	case CFG_SHOW_NUMBER: return ws_tr(w, "编号", "Number");
	case CFG_SHOW_STATE: return ws_tr(w, "状态", "State");
	case CFG_SHOW_AGE: return ws_tr(w, "已过", "Age");
	default: return ws_tr(w, "期限", "Due");
	}
}

static int
maxi(int a, int b)
{
	return a > b ? a : b;
}

static int auto_width1(const struct ws *, const struct cfg_rectype *,
    const struct cfg_column *);

/*
 * The width of a column that has neither width: nor share:, the wider of
 * its widths in Chinese and in English, so that the columns stay where
 * they are when L switches the language and the share: columns (a
 * serial) get as much in English as in Chinese.
 */
static int
auto_width(const struct ws *w, const struct cfg_rectype *rt,
	   const struct cfg_column *k)
{
	struct ws o = *w;
	int a, b;

	o.lang = "zh";
	a = auto_width1(&o, rt, k);
	o.lang = "en";
	b = auto_width1(&o, rt, k);
	return maxi(a, b);
}

/*
 * The width of such a column in the display language: its longest
 * value (state or code labels at most 14, user names at most 10), at
 * least its title.
 */
static int
auto_width1(const struct ws *w, const struct cfg_rectype *rt,
	    const struct cfg_column *k)
{
	const struct cfg_field *f = k->field;
	int n = 0, cap = 14;
	size_t i;

	switch (k->show) {
	case CFG_SHOW_NUMBER:
		n = rt->prefix ? (int)strlen(rt->prefix) + 11 : 12;
		return maxi(n, ws_width(col_title(w, k)) + 1);
	case CFG_SHOW_STATE:
		for (i = 0; i < rt->nstates; i++)
			n = maxi(n, ws_width(ws_label(w, &rt->states[i].label,
						      rt->states[i].id)));
		break;
	case CFG_SHOW_AGE:
		n = 4;
		break;
	case CFG_SHOW_DUE:
		n = 5;
		break;
	default:
		if (f->type == CFG_T_REF && f->ref != NULL &&
		    strcmp(f->ref, "user") == 0) {
			for (i = 0; i < w->cfg->nusers; i++)
				n = maxi(n, ws_width(ws_user_name(w,
				    w->cfg->users[i].login)));
			cap = 10;
		} else if (f->type == CFG_T_ENUM && f->codes != NULL) {
			for (i = 0; i < f->codes->ncodes; i++)
				n = maxi(n, ws_width(ws_label(w,
				    &f->codes->codes[i].label,
				    f->codes->codes[i].id)));
		} else
			n = 10;
		break;
	}
	if (k->show == CFG_SHOW_AGE || k->show == CFG_SHOW_DUE)
		return maxi(n, ws_width(col_title(w, k)));
	return maxi(n > cap ? cap : n, ws_width(col_title(w, k)));
}

static void
add_col(struct ws_list *L, const struct cfg_column *k, int wd)
{
	if (L->ncols == MAXCOLS)
		return;
	L->cols[L->ncols].def = k;
	L->cols[L->ncols].wd = wd;
	L->ncols++;
}

/*
 * Lay the type's columns: out: the fixed ones (width: or their longest
 * value) first, then a wide: column only when that much is left for the
 * share: columns, which divide what remains (the last takes the rest).
 */
static void
layout(struct ws *w, struct ws_list *L)
{
	const struct cfg_rectype *rt = ws_rectype(w);
	int wd[MAXCOLS], show[MAXCOLS], rest, nshown = 0, x, i, n, used;
	int lastshare = -1;

	if (L->lay_cols == w->cols && L->lay_lang == w->lang &&
	    L->lay_rt == rt && L->lay_arrow == w->arrow)
		return;
	L->lay_arrow = w->arrow;
	L->lay_cols = w->cols;
	L->lay_lang = w->lang;
	L->lay_rt = rt;
	L->ncols = 0;
	if (rt == NULL)
		return;
	n = rt->ncolumns < MAXCOLS ? (int)rt->ncolumns : MAXCOLS;
	rest = w->cols - 1 - (w->arrow != 0);   /* the marker's columns */
	for (i = 0; i < n; i++) {
		const struct cfg_column *k = &rt->columns[i];

		wd[i] = k->width ? k->width : auto_width(w, rt, k);
		show[i] = k->wide == 0;
		if (k->share) {
			wd[i] = 0;
			lastshare = i;
		}
		if (show[i]) {
			rest -= wd[i];
			nshown++;
		}
	}
	rest -= nshown - 1;   /* one column between columns */
	for (i = 0; i < n; i++)
		if (rt->columns[i].wide && rest >= wd[i] + 1 +
		    rt->columns[i].wide) {
			show[i] = 1;
			rest -= wd[i] + 1;
		}
	for (i = 0, used = 0; i < n; i++) {
		if (!rt->columns[i].share)
			continue;
		wd[i] = i == lastshare ? rest - used
			: rest * rt->columns[i].share / 100;
		used += wd[i];
		if (wd[i] < 4)
			wd[i] = 4;
	}
	for (i = 0; i < n; i++)
		if (show[i])
			add_col(L, &rt->columns[i], wd[i]);
	x = w->arrow ? 2 : 1;
	for (i = 0; i < L->ncols; i++) {
		L->cols[i].x = x;
		if (x + L->cols[i].wd > w->cols)
			L->cols[i].wd = maxi(0, w->cols - x);
		x += L->cols[i].wd + 1;
	}
}

/*
 * The order column k sorts by (and *sort for a declared one), or -1 when
 * no index backs it.  The age sorts by number: numbers follow
 * registration.
 */
static int
col_order(const struct ws *w, const struct cfg_column *k, const char **sort)
{
	const struct cfg_rectype *rt = ws_rectype(w);
	const struct cfg_sort *so;

	*sort = NULL;
	switch (k->show) {
	case CFG_SHOW_NUMBER: return CORE_ORDER_NUMBER;
	case CFG_SHOW_AGE: return CORE_ORDER_NUMBER;
	case CFG_SHOW_STATE: return CORE_ORDER_STATE;
	case CFG_SHOW_DUE: return CORE_ORDER_DUE;
	case CFG_SHOW_FIELD:
		if (rt == NULL || (so = cfg_sort_of(rt, k->field)) == NULL)
			return -1;
		*sort = so->id;
		return CORE_ORDER_SORT;
	default:
		return -1;
	}
}

/* The column that shows the marker of the order. */
static int
marked_col(const struct ws *w, const struct ws_list *L,
	   const struct cfg_column *k)
{
	const struct cfg_rectype *rt = ws_rectype(w);
	const char *sort;
	int o;

	if (L->search)
		return 0;
	if (L->view == LV_OVERDUE)
		return k->show == CFG_SHOW_DUE;
	if (rt != NULL && L->sortcol >= 0 &&
	    (size_t)L->sortcol < rt->ncolumns &&
	    rt->columns[L->sortcol].show == CFG_SHOW_AGE &&
	    L->order == CORE_ORDER_NUMBER)
		return k->show == CFG_SHOW_AGE;
	o = col_order(w, k, &sort);
	return o == (int)L->order && k->show != CFG_SHOW_AGE &&
	       (o != CORE_ORDER_SORT || (L->sort != NULL &&
					 strcmp(sort, L->sort) == 0));
}

/* Fetching ----------------------------------------------------------- */

struct fetch {
	const char *skip;
	struct store_rec **out;
	size_t n, max;
	struct core_list_pos pos;       /* where the read stopped */
};

static int
fetch_visit(const struct store_rec *r, void *ctx)
{
	struct fetch *x = ctx;

	if (x->skip != NULL && strcmp(r->id, x->skip) == 0)
		return 0;   /* after may be inclusive in some views */
	x->out[x->n++] = store_rec_dup(r);
	return x->n >= x->max ? 1 : 0;
}

static void
free_recs(struct store_rec **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_rec_free(&v[i]);
}

/* The list's query (type, view, order) without a cursor. */
static void
list_query(const struct ws *w, const struct ws_list *L, struct core_list *q)
{
	const struct cfg_rectype *rt = ws_rectype(w);

	memset(q, 0, sizeof *q);
	q->type = rt != NULL ? rt->id : "";
	q->order = L->order;
	q->sort = L->sort;
	q->view = L->view == LV_OVERDUE ? CORE_VIEW_OVERDUE : CORE_VIEW_ALL;
	if (L->view == LV_MINE)
		q->view = CORE_VIEW_MINE;   /* its keys carry the part */
}

/* The sort key of r in the list's order (new string or NULL). */
static char *
row_key(const struct ws *w, const struct ws_list *L,
	const struct store_rec *r)
{
	struct core_list q;

	list_query(w, L, &q);
	return core_list_key(w->c, &q, r);
}

/*
 * Up to max records strictly after (after, key) in the list order
 * (reverse: against it) into out.  Returns the count or a negative
 * error; *pos (may be NULL) receives where the read stopped.
 */
static int
fetch(struct ws *w, struct ws_list *L, const char *after, const char *key,
      int reverse, size_t max, struct store_rec **out,
      struct core_list_pos *pos, struct as_err *err)
{
	const struct cfg_rectype *rt = ws_rectype(w);
	struct fetch x = { after, out, 0, max, { NULL, NULL, 0 } };
	struct core_list q;
	int rc;

	if (rt == NULL || max == 0)
		return 0;
	memset(&q, 0, sizeof q);
	q.type = rt->id;
	q.order = L->order;
	q.sort = L->sort;
	switch (L->view) {
	case LV_MINE: q.view = CORE_VIEW_MINE; break;
	case LV_OPEN: q.view = CORE_VIEW_OPEN; break;
	case LV_CLOSED: q.view = CORE_VIEW_CLOSED; break;
	case LV_OVERDUE: q.view = CORE_VIEW_OVERDUE; break;
	case LV_ROLE: q.view = CORE_VIEW_ROLE; break;
	case LV_STATE:
		q.view = CORE_VIEW_STATE;
		q.state = L->state != NULL ? L->state->id : "";
		break;
	default: q.view = CORE_VIEW_ALL; break;
	}
	q.after = after;
	q.after_key = after != NULL ? key : NULL;
	/* overdue is in due order, most overdue first, whatever the sort */
	q.backwards = L->view == LV_OVERDUE ? reverse : L->desc ^ reverse;
	q.limit = max + 1;
	rc = core_list_at(w->c, &q, fetch_visit, &x, &x.pos, err);
	if (rc < 0) {
		free_recs(out, x.n);
		core_list_pos_free(&x.pos);
		return rc;
	}
	if (pos != NULL)
		*pos = x.pos;
	else
		core_list_pos_free(&x.pos);
	return (int)x.n;
}

static void
set_anchor_at(struct ws_list *L, const char *id, const char *key)
{
	char *a = id != NULL ? xstrdup(id) : NULL;
	char *k = id != NULL && key != NULL ? xstrdup(key) : NULL;

	free(L->anchor);
	free(L->anchor_key);
	L->anchor = a;
	L->anchor_key = k;
}

/* Anchor at record r (NULL: the top). */
static void
set_anchor(struct ws *w, struct ws_list *L, const struct store_rec *r)
{
	char *k = r != NULL ? row_key(w, L, r) : NULL;

	set_anchor_at(L, r != NULL ? r->id : NULL, k);
	free(k);
}

static void
set_cont(struct ws_list *L, const struct core_list_pos *pos)
{
	free(L->cont);
	free(L->cont_key);
	L->cont = pos != NULL && pos->bounded && pos->id != NULL
		  ? xstrdup(pos->id) : NULL;
	L->cont_key = L->cont != NULL && pos->key != NULL
		      ? xstrdup(pos->key) : NULL;
}

static void
ensure_cap(struct ws_list *L, size_t n)
{
	if (n <= L->cap)
		return;
	L->rows = xrealloc(L->rows, n * sizeof *L->rows);
	L->cap = n;
}

/* Counts ------------------------------------------------------------- */

/* Mine and overdue read records to count them: at most this many. */
#define COUNT_CAP 999

static const enum core_view core_views[LV__N] = {
	[LV_MINE] = CORE_VIEW_MINE, [LV_OVERDUE] = CORE_VIEW_OVERDUE,
	[LV_OPEN] = CORE_VIEW_OPEN, [LV_CLOSED] = CORE_VIEW_CLOSED,
	[LV_STATE] = CORE_VIEW_STATE, [LV_ALL] = CORE_VIEW_ALL,
	[LV_ROLE] = CORE_VIEW_ROLE,
};

/*
 * The count of every view of the bar (core_count_views: index counts,
 * cheap at any size; mine, my role and overdue capped, mine and my role
 * read together), or of view `only` alone (LV__N: every view).
 */
static void
count_views(struct ws *w, struct ws_list *L, int only)
{
	const struct cfg_rectype *rt = ws_rectype(w);
	struct core_list q[LV__N];
	uint64_t n[LV__N];
	int more[LV__N], ok[LV__N], at[LV__N];
	struct as_err err;
	size_t nq = 0, j;
	int i;

	memset(q, 0, sizeof q);
	for (i = 0; i < LV__N; i++) {
		if (only != LV__N && i != only)
			continue;
		L->counted[i] = 0;
		if (rt == NULL || (i == LV_STATE && L->state == NULL))
			continue;
		q[nq].type = rt->id;
		q[nq].view = core_views[i];
		q[nq].state = i == LV_STATE ? L->state->id : NULL;
		at[nq++] = i;
	}
	as_err_clear(&err);
	(void)core_count_views(w->c, q, nq, COUNT_CAP, n, more, ok, &err);
	for (j = 0; j < nq; j++) {
		i = at[j];
		L->counted[i] = ok[j];
		L->count[i] = ok[j] ? n[j] : 0;
		L->count_more[i] = ok[j] && more[j];
	}
}

/* 1 if the due order is on in a view it may hide records of. */
static int
due_note_on(const struct ws_list *L)
{
	return L->order == CORE_ORDER_DUE && L->view != LV_OVERDUE &&
	       !L->search;
}

static int
count_rec(const struct store_rec *r, void *ctx)
{
	(void)r;
	(*(uint64_t *)ctx)++;
	return 0;
}

/*
 * In the due order only records with a running clock are listed: count
 * them (capped as the views are), so the bar can say how many the order
 * hides for as long as it is on.
 */
static void
count_due(struct ws *w, struct ws_list *L)
{
	struct core_list q;
	struct as_err err;

	L->due_counted = 0;
	if (!due_note_on(L) || ws_rectype(w) == NULL)
		return;
	list_query(w, L, &q);
	q.view = core_views[L->view];
	q.state = L->view == LV_STATE && L->state != NULL ? L->state->id
		  : NULL;
	q.limit = COUNT_CAP + 1;
	L->due_n = 0;
	as_err_clear(&err);
	if (core_list(w->c, &q, count_rec, &L->due_n, &err) != 0)
		return;
	L->due_more = L->due_n > COUNT_CAP;
	if (L->due_more)
		L->due_n = COUNT_CAP;
	L->due_counted = 1;
}

/*
 * The note of the due order on the view bar from x: how many records of
 * the view it hides (those without a running clock), or that it is on.
 */
static int
draw_due_note(struct ws *w, struct ws_list *L, int x)
{
	char s[256], n[32];
	uint64_t all = L->count[L->view];
	int hides = L->due_counted && L->counted[L->view] &&
		    !L->count_more[L->view] && all > L->due_n;

	if (hides) {
		ws_count(all - L->due_n, 0, n, sizeof n);
		snprintf(s, sizeof s, " %s%s%s ", ws_tr(w,
		    "按期限排序: 隐藏了", "By deadline: hides"), n, ws_tr(w,
		    " 条无进行中时限的记录 (< > 换排序)",
		    " with no running deadline; < > order"));
	} else
		snprintf(s, sizeof s, " %s ", ws_tr(w,
		    "按期限排序: 只列有进行中时限的记录 (< > 换排序)",
		    "By deadline: only those with a deadline; < > order"));
	return ws_put(w->body, 0, x, w->cols - 3 - x > 0 ? w->cols - 3 - x
		      : 0, s, w->attr[WSA_WARN], 0);
}

struct find_fill {
	struct ws_list *L;
	size_t max;
};

static int
find_visit(const struct store_rec *r, void *ctx)
{
	struct find_fill *x = ctx;

	if (x->L->nrows >= x->max) {
		x->L->more = 1;   /* more than a screen matches */
		return 1;
	}
	x->L->rows[x->L->nrows++] = store_rec_dup(r);
	return 0;
}

/*
 * Read the page from the anchor (or run the search again).  With keep,
 * the selection stays on the same record when it is still on the page
 * (a refresh); otherwise it stays at the same row (paging, scrolling).
 */
static void
reload(struct ws *w, struct ws_list *L, int keep_id)
{
	size_t ps = page_size(w), i;
	char *keep = keep_id && L->sel < L->nrows ?
		     xstrdup(L->rows[L->sel]->id) : NULL;
	struct as_err err;
	int n;

	as_err_clear(&err);
	free_recs(L->rows, L->nrows);
	L->nrows = 0;
	L->more = 0;
	free(L->err);
	L->err = NULL;
	ensure_cap(L, ps + 1);
	if (L->search) {
		char *q = ws_line_get(&L->q);
		struct find_fill x = { L, ps };

		if (*q != '\0' && core_find(w->c, q, ps + 1, find_visit, &x,
					    &err) < 0)
			L->err = xstrdup(err.msg);
		free(q);
	} else {
		struct core_list_pos pos = { NULL, NULL, 0 };
		struct count_key k;
		int64_t minute = core_now(w->c) / 60;

		/*
		 * The counts of the bar only when something they depend on
		 * moved (a commit, the tab, the user, the view or the order),
		 * not at every page: a capped count reads records.  A new
		 * minute moves only the overdue count: no condition of a step
		 * reads the clock, so my queue and my role stay (a thousand
		 * records read again once a minute, at whatever key came
		 * then).
		 */
		memset(&k, 0, sizeof k);
		k.txn = core_last_txnid(w->c);
		k.rt = ws_rectype(w);
		k.state = L->state;
		k.user = core_user(w->c);
		k.view = L->view;
		k.order = L->order;
		k.valid = 1;
		if (memcmp(&k, &L->counted_for, sizeof k) != 0) {
			count_views(w, L, LV__N);
			count_due(w, L);
			L->counted_for = k;
		} else if (minute != L->counted_minute)
			count_views(w, L, LV_OVERDUE);
		L->counted_minute = minute;
		n = fetch(w, L, L->anchor, L->anchor_key, 0, ps + 1, L->rows,
			  &pos, &err);
		if (n < 0) {
			L->err = xstrdup(err.msg);
			n = 0;
		}
		if (n == 0 && L->anchor != NULL && !pos.bounded) {
			/* the rows under the anchor are gone: show the end */
			struct store_rec **v = xcalloc(ps + 1, sizeof *v);
			int m = fetch(w, L, NULL, NULL, 1, ps + 1, v, NULL,
				      &err);

			set_anchor(w, L, m > (int)ps ? v[ps] : NULL);
			if (m > 0)
				free_recs(v, (size_t)m);
			free(v);
			n = fetch(w, L, L->anchor, L->anchor_key, 0, ps + 1,
				  L->rows, NULL, &err);
			if (n < 0)
				n = 0;
		}
		L->nrows = (size_t)n;
		set_cont(L, L->nrows <= ps ? &pos : NULL);
		core_list_pos_free(&pos);
		if (L->cont != NULL)
			L->more = 1;
		if (L->nrows > ps) {
			L->more = 1;
			free_recs(L->rows + ps, L->nrows - ps);
			L->nrows = ps;
		}
	}
	if (keep != NULL) {
		for (i = 0; i < L->nrows; i++)
			if (strcmp(L->rows[i]->id, keep) == 0)
				L->sel = i;
		free(keep);
	}
	if (L->sel >= L->nrows)
		L->sel = L->nrows > 0 ? L->nrows - 1 : 0;
}

/* Drawing ------------------------------------------------------------ */

static void
cell_text(struct ws *w, const struct store_rec *r, const struct cfg_column *k,
	  struct as_buf *b, attr_t *a)
{
	const struct cfg_field *f = k->field;
	const struct cfg_state *st;
	const char *v;
	char d[32];
	int64_t due, start;

	switch (k->show) {
	case CFG_SHOW_NUMBER:
		buf_adds(b, r->id);
		break;
	case CFG_SHOW_FIELD:
		v = store_rec_get(r, f->id);
		if ((v == NULL || *v == '\0') && k->alt != NULL) {
			f = k->alt;
			v = store_rec_get(r, f->id);
		}
		if (v == NULL || *v == '\0')
			break;
		if (f->type == CFG_T_REF && f->ref != NULL &&
		    strcmp(f->ref, "user") == 0)
			buf_adds(b, ws_user_name(w, v));
		else if (f->type == CFG_T_TEXT || f->type == CFG_T_MULTILINE)
			buf_adds(b, v);
		else
			core_format_value(w->c, f, v, w->lang, b);
		break;
	case CFG_SHOW_STATE:
		st = core_state(w->c, r);
		buf_adds(b, st ? ws_label(w, &st->label, st->id) : r->state);
		break;
	case CFG_SHOW_AGE:
		ws_duration((int64_t)time(NULL) - r->created, d, sizeof d);
		buf_adds(b, d);
		break;
	case CFG_SHOW_DUE:
		if (!next_deadline(w, r, &due, &start)) {
			buf_adds(b, "-");
			break;
		}
		start = due - start;        /* the whole window */
		due -= core_now(w->c);      /* what is left of it */
		ws_duration(due < 0 ? -due : due, d, sizeof d);
		if (due < 0) {
			buf_addf(b, "!%s", d);    /* overdue: marked */
			*a = w->attr[WSA_OVER] | A_REVERSE;
		} else {
			buf_adds(b, d);
			if (due * 4 < start)      /* < a quarter left */
				*a = w->attr[WSA_WARN];
		}
		break;
	default:
		break;
	}
}

/* Marks (t) for a batch step (B) ------------------------------------ */

/* The index of id among the marks, or nmarks. */
static size_t
mark_index(const struct ws_list *L, const char *id)
{
	size_t i;

	for (i = 0; i < L->nmarks && strcmp(L->marks[i], id) != 0; i++)
		;
	return i;
}

static void
marks_clear(struct ws *w, void *ctx)
{
	struct ws_list *L = ctx;
	size_t i;

	for (i = 0; i < L->nmarks; i++)
		free(L->marks[i]);
	free(L->marks);
	L->marks = NULL;
	L->nmarks = 0;
	w->need |= WS_NEED_BODY;
}

/*
 * A record row.  The selection is a bar over the whole row (A_REVERSE,
 * colour or not); with the arrow cursor (ws->arrow, for slow links, as
 * mutt's arrow_cursor) it is "->" in the first two columns and the row
 * is otherwise as the others, so a move sends only those two cells of
 * two rows.  A cell cut off ends in "…".
 */
static void
draw_row(struct ws *w, struct ws_list *L, size_t i)
{
	int y = ROW0 + (int)i, c, sel = i == L->sel, bar;
	attr_t base;

	if (y >= w->bodyh)
		return;
	if (i >= L->nrows) {
		wmove(w->body, y, 0);
		wclrtoeol(w->body);
		return;
	}
	layout(w, L);
	bar = sel && !w->arrow;
	/* plain reverse, not the colour pair: fewer bytes per move */
	base = bar ? A_REVERSE : w->attr[WSA_NORMAL];
	ws_blank(w->body, y, 0, w->cols, base);
	if (sel && w->arrow)
		ws_put(w->body, y, 0, 2, "->", w->attr[WSA_NORMAL], 0);
	if (mark_index(L, L->rows[i]->id) < L->nmarks)
		ws_put(w->body, y, 0, 1, "*", bar ? base : w->attr[WSA_WARN],
		       0);
	for (c = 0; c < L->ncols; c++) {
		struct as_buf b = {0};
		attr_t a = base;

		cell_text(w, L->rows[i], L->cols[c].def, &b, &a);
		if (bar)
			a = base;
		ws_put_cut(w->body, y, L->cols[c].x, L->cols[c].wd,
			   b.data ? b.data : "", a, 0);
		buf_free(&b);
	}
}

static void
draw_rows(struct ws *w, struct ws_list *L)
{
	size_t i, ps = page_size(w);

	for (i = 0; i < ps; i++)
		draw_row(w, L, i);
}

static const char *
search_label(const struct ws *w)
{
	return ws_tr(w, " 查找: ", " Find: ");
}

static int
search_width(const struct ws *w, int x)
{
	return w->cols - x - 4 > 1 ? w->cols - x - 4 : 1;
}

/*
 * The view bar's item i into s: " 3 全部未结 12 ", the count with counts
 * (all: every view's; else the current view's only); by state names its
 * state when it is the view.
 */
static const char *
bar_item(struct ws *w, const struct ws_list *L, int i, int all, char *s,
	 size_t size)
{
	int st = i == LV_STATE && L->view == LV_STATE && L->state != NULL;
	char n[32] = "";

	if (L->counted[i] && (i != LV_STATE || st) &&
	    (all || (int)L->view == i))
		ws_count(L->count[i], L->count_more[i], n, sizeof n);
	snprintf(s, size, " %d %s%s%s%s ", i + 1,
		 view_name(w, (enum lview)i), st ? ":" : "",
		 st ? ws_label(w, &L->state->label, L->state->id) : "", n);
	return s;
}

static void
draw_bar(struct ws *w, struct ws_list *L)
{
	int x = 0, i, all;
	char s[128];

	if (L->search) {
		int cx;

		x = ws_put(w->body, 0, 0, w->cols, search_label(w),
			   w->attr[WSA_LABEL], 0);
		ws_line_draw(w->body, 0, x, search_width(w, x), &L->q,
			     w->attr[WSA_INPUT], &cx);
		ws_put(w->body, 0, w->cols - 3, 3, L->more ? "▼" : "",
		       w->attr[WSA_TITLE], 1);
		return;
	}
	/* the due order: the current view and what the order hides */
	if (due_note_on(L)) {
		x = ws_put(w->body, 0, 0, w->cols, bar_item(w, L,
			   (int)L->view, 0, s, sizeof s),
			   w->attr[WSA_TABON], 0);
		x += draw_due_note(w, L, x);
		goto rest;
	}
	/*
	 * Every view's count where they fit, else the current one's only;
	 * by state only with its state picked.
	 */
	for (all = 1; all >= 0; all--) {
		for (x = 0, i = 0; i < LV__N; i++)
			x += ws_width(bar_item(w, L, i, all, s, sizeof s));
		if (x <= w->cols - 3)
			break;
	}
	if (all < 0)
		all = 0;
	x = 0;
	for (i = 0; i < LV__N && x < w->cols; i++) {
		bar_item(w, L, i, all, s, sizeof s);
		x += ws_put(w->body, 0, x, w->cols - x, s,
			    w->attr[(int)L->view == i ? WSA_TABON : WSA_NORMAL],
			    0);
	}
rest:
	if (x < w->cols - 3)
		ws_blank(w->body, 0, x, w->cols - 3 - x, w->attr[WSA_NORMAL]);
	if (L->nmarks > 0 && x < w->cols - 3) {
		snprintf(s, sizeof s, " *%zu ", L->nmarks);
		x += ws_put(w->body, 0, x, w->cols - 3 - x, s,
			    w->attr[WSA_WARN], 0);
	}
	snprintf(s, sizeof s, "%s%s", L->anchor != NULL ? "▲" : " ",
		 L->more ? "▼" : " ");
	if (x + 3 <= w->cols)
		ws_put(w->body, 0, w->cols - 3, 3, s, w->attr[WSA_TITLE], 1);
}


static void
draw_colhdr(struct ws *w, struct ws_list *L)
{
	int c;

	layout(w, L);
	ws_blank(w->body, 1, 0, w->cols, w->attr[WSA_COLHDR]);
	for (c = 0; c < L->ncols; c++) {
		char s[128];

		snprintf(s, sizeof s, "%s%s", col_title(w, L->cols[c].def),
			 marked_col(w, L, L->cols[c].def)
			 ? (L->desc ? "↓" : "↑") : "");
		ws_put(w->body, 1, L->cols[c].x, L->cols[c].wd, s,
		       w->attr[WSA_COLHDR], 0);
	}
}

struct wrap_row {
	struct ws *w;
	int y;
	attr_t a;
};

static void
note_row(const char *s, size_t n, void *ctx)
{
	struct wrap_row *x = ctx;
	char *t = xstrndup(s, n);

	if (x->y < x->w->bodyh)
		ws_put(x->w->body, x->y++, 2, x->w->cols - 3, t, x->a, 0);
	free(t);
}

static void
draw_empty(struct ws *w, struct ws_list *L)
{
	struct wrap_row x = { w, ROW0 + 1, w->attr[WSA_DIM] };
	const char *s;

	if (L->err != NULL) {
		x.a = w->attr[WSA_ERR];
		s = L->err;
	} else if (L->search) {
		s = ws_tr(w, "输入编号、电话、产品编号或客户名称开头; Enter 打开, "
			  "Esc 返回列表",
			  "Type a number, phone, serial or the start of a "
			  "customer name; Enter opens, Esc goes back");
		if (L->q.len > 0)
			s = ws_tr(w, "没有匹配的记录", "Nothing matches");
	} else if (L->view == LV_OVERDUE) {
		s = ws_tr(w, "没有超期的记录: 每条记录都在期限之内。",
			  "Nothing is overdue: every record is within its "
			  "deadline.");
	} else if (L->view == LV_MINE && ws_may_create(w, ws_rectype(w))) {
		s = ws_tr(w, "没有等你处理的记录。按 3 查看全部未结, n 新建。",
			  "Nothing waits for you. 3 shows all open records, "
			  "n registers a new one.");
	} else if (L->view == LV_MINE) {
		s = ws_tr(w, "没有等你处理的记录。按 3 查看全部未结。",
			  "Nothing waits for you. 3 shows all open records.");
	} else {
		s = ws_tr(w, "(没有记录)", "(no records)");
	}
	ws_wrap(s, w->cols - 4, note_row, &x);
}

static void
list_draw(struct ws *w, struct ws_pane *p)
{
	struct ws_list *L = (struct ws_list *)p;

	if (ws_rectype(w) == NULL)
		return;
	draw_bar(w, L);
	draw_colhdr(w, L);
	draw_rows(w, L);
	if (L->nrows == 0)
		draw_empty(w, L);
}

/* Moving ------------------------------------------------------------- */

/* Move the selection within the page: two rows change, nothing else. */
static void
move_sel(struct ws *w, struct ws_list *L, size_t to)
{
	size_t old = L->sel;

	if (to >= L->nrows || to == old)
		return;
	L->sel = to;
	draw_row(w, L, old);
	draw_row(w, L, to);
}

static int
scroll_to_anchor(struct ws *w, struct ws_list *L, const struct store_rec *r)
{
	set_anchor(w, L, r);
	reload(w, L, 0);
	draw_rows(w, L);
	draw_bar(w, L);
	if (L->nrows == 0)
		return WS_REDRAW;
	return WS_HANDLED;
}

/*
 * The anchor that puts `back` records before rows[0] at the top (or, when
 * the read stopped at the scan bound, as many as it found).
 */
static int
step_back(struct ws *w, struct ws_list *L, size_t back)
{
	struct store_rec **v = xcalloc(back + 1, sizeof *v);
	struct core_list_pos pos = { NULL, NULL, 0 };
	char *key = L->nrows > 0 ? row_key(w, L, L->rows[0]) : NULL;
	struct as_err err;
	int n, rc;

	as_err_clear(&err);
	n = fetch(w, L, L->nrows > 0 ? L->rows[0]->id : L->anchor,
		  L->nrows > 0 ? key : L->anchor_key, 1, back + 1, v, &pos,
		  &err);
	free(key);
	if (n < 0) {
		ws_msg(w, 2, "%s", err.msg);
		free(v);
		return WS_HANDLED;
	}
	if (n <= (int)back && pos.bounded) {
		set_anchor_at(L, pos.id, pos.key);
		reload(w, L, 0);
		rc = WS_REDRAW;
	} else
		rc = scroll_to_anchor(w, L, n > (int)back ? v[back] : NULL);
	core_list_pos_free(&pos);
	free_recs(v, (size_t)n);
	free(v);
	return rc;
}

static int
go_down(struct ws *w, struct ws_list *L)
{
	if (L->sel + 1 < L->nrows) {
		move_sel(w, L, L->sel + 1);
		return WS_HANDLED;
	}
	if (!L->more || L->search || L->nrows == 0)
		return WS_HANDLED;
	return scroll_to_anchor(w, L, L->rows[0]);
}

static int
go_up(struct ws *w, struct ws_list *L)
{
	if (L->sel > 0) {
		move_sel(w, L, L->sel - 1);
		return WS_HANDLED;
	}
	if (L->anchor == NULL || L->search)
		return WS_HANDLED;
	L->sel = 0;
	return step_back(w, L, 1);
}

static int
page_down(struct ws *w, struct ws_list *L)
{
	if (!L->more || L->search) {
		move_sel(w, L, L->nrows > 0 ? L->nrows - 1 : 0);
		return WS_HANDLED;
	}
	L->sel = 0;
	if (L->cont != NULL) {
		/* the page stopped at the scan bound: go on from there */
		set_anchor_at(L, L->cont, L->cont_key);
		reload(w, L, 0);
		return WS_REDRAW;
	}
	return scroll_to_anchor(w, L, L->rows[L->nrows - 1]);
}

static int
page_up(struct ws *w, struct ws_list *L)
{
	if (L->anchor == NULL || L->search) {
		move_sel(w, L, 0);
		return WS_HANDLED;
	}
	return step_back(w, L, page_size(w));
}

static int
go_end(struct ws *w, struct ws_list *L)
{
	size_t ps = page_size(w);
	struct core_list_pos pos = { NULL, NULL, 0 };
	struct store_rec **v;
	struct as_err err;
	int n;

	if (L->search || !L->more) {
		move_sel(w, L, L->nrows > 0 ? L->nrows - 1 : 0);
		return WS_HANDLED;
	}
	v = xcalloc(ps + 1, sizeof *v);
	as_err_clear(&err);
	n = fetch(w, L, NULL, NULL, 1, ps + 1, v, &pos, &err);
	if (n < 0) {
		ws_msg(w, 2, "%s", err.msg);
		n = 0;
	}
	if (n <= (int)ps && pos.bounded)
		set_anchor_at(L, pos.id, pos.key);
	else
		set_anchor(w, L, n > (int)ps ? v[ps] : NULL);
	core_list_pos_free(&pos);
	free_recs(v, (size_t)n);
	free(v);
	reload(w, L, 0);
	L->sel = L->nrows > 0 ? L->nrows - 1 : 0;
	return WS_REDRAW;
}

static void
set_view(struct ws *w, struct ws_list *L, enum lview v)
{
	L->view = v;
	L->sel = 0;
	set_anchor(w, L, NULL);
	reload(w, L, 0);
}

static void
state_done(struct ws *w, size_t i, void *ctx)
{
	struct ws_list *L = ctx;
	const struct cfg_rectype *rt = ws_rectype(w);

	if (rt == NULL || i >= rt->nstates)
		return;
	L->state = &rt->states[i];
	set_view(w, L, LV_STATE);
	w->need |= WS_NEED_BODY;
}

static void
state_picker(struct ws *w, struct ws_list *L)
{
	const struct cfg_rectype *rt = ws_rectype(w);
	const char **items;
	size_t i, sel = 0;

	if (rt == NULL || rt->nstates == 0)
		return;
	items = xcalloc(rt->nstates, sizeof *items);
	for (i = 0; i < rt->nstates; i++) {
		items[i] = ws_label(w, &rt->states[i].label, rt->states[i].id);
		if (&rt->states[i] == L->state)
			sel = i;
	}
	ws_pick_open(w, ws_tr(w, "按状态查看", "Records in state"), items,
		     rt->nstates, sel, state_done, L);
	free(items);
}

/*
 * < and >: the next column (either way) that an index backs; the list
 * reads again from its top in that order.
 */
static void
sort_column(struct ws *w, struct ws_list *L, int dir)
{
	const struct cfg_rectype *rt = ws_rectype(w);
	const char *sort = NULL;
	int i, c, o = -1;

	layout(w, L);
	if (L->ncols == 0 || rt == NULL)
		return;
	for (c = 0; c < L->ncols; c++)
		if (L->cols[c].def - rt->columns == L->sortcol)
			break;
	if (c == L->ncols)
		c = 0;
	for (i = 0; i < L->ncols; i++) {
		c = (c + dir + L->ncols) % L->ncols;
		if ((o = col_order(w, L->cols[c].def, &sort)) >= 0)
			break;
	}
	if (o < 0)
		return;
	L->sortcol = (int)(L->cols[c].def - rt->columns);
	L->order = (enum core_order)o;
	L->sort = sort;
	L->sel = 0;
	set_anchor(w, L, NULL);
	reload(w, L, 0);
	w->need |= WS_NEED_BODY;
	if (L->view == LV_OVERDUE)
		ws_msg(w, 0, "%s", ws_tr(w, "超期视图总是按期限排序",
			"The overdue view is always in deadline order"));
	else if (L->order == CORE_ORDER_DUE)
		ws_msg(w, 0, "%s", ws_tr(w, "按期限排序: 只列出有进行中时限的记录; s 切换",
			"By deadline: only records with a running clock; s "
			"reverses"));
	else
		ws_msg(w, 0, "%s: %s", col_title(w, L->cols[c].def),
		       ws_tr(w, "排序; s 切换升序/降序",
			     "sorted; s toggles ascending/descending"));
}

static void
open_selected(struct ws *w, struct ws_list *L)
{
	if (L->sel < L->nrows)
		ws_open_record(w, L->rows[L->sel]->id);
}

static int
search_key(struct ws *w, struct ws_list *L, int key)
{
	int r;

	switch (key) {
	case WS_ESC:
		L->search = 0;
		L->sel = 0;
		reload(w, L, 0);
		return WS_REDRAW;
	case '\r':
	case WS_FN(KEY_ENTER):
		open_selected(w, L);
		return WS_HANDLED;
	case WS_FN(KEY_DOWN):
	case WS_CTRL('N'):
		return go_down(w, L);
	case WS_FN(KEY_UP):
	case WS_CTRL('P'):
		return go_up(w, L);
	case WS_FN(KEY_NPAGE):
		return page_down(w, L);
	case WS_FN(KEY_PPAGE):
		return page_up(w, L);
	default:
		break;
	}
	r = ws_line_key(&L->q, key, 0);
	if (r < 0)
		return (key & 0x40000000) || key < 32 ? WS_PASS : WS_HANDLED;
	if (r > 0) {
		L->sel = 0;
		reload(w, L, 0);
		return WS_REDRAW;
	}
	draw_bar(w, L);
	return WS_HANDLED;
}

static int
list_key(struct ws *w, struct ws_pane *p, int key)
{
	struct ws_list *L = (struct ws_list *)p;
	const struct cfg_rectype *rt = ws_rectype(w);
	size_t i;

	if (rt == NULL)
		return WS_PASS;
	if (L->search)
		return search_key(w, L, key);
	switch (key) {
	case WS_FN(KEY_DOWN):
	case 'j':
	case WS_CTRL('N'):
		return go_down(w, L);
	case WS_FN(KEY_UP):
	case 'k':
	case WS_CTRL('P'):
		return go_up(w, L);
	case WS_FN(KEY_NPAGE):
	case ' ':
		return page_down(w, L);
	case WS_FN(KEY_PPAGE):
	case 'b':
		return page_up(w, L);
	case WS_FN(KEY_HOME):
		L->sel = 0;
		set_anchor(w, L, NULL);
		reload(w, L, 0);
		return WS_REDRAW;
	case WS_FN(KEY_END):
		return go_end(w, L);
	case '\r':
	case WS_FN(KEY_ENTER):
		open_selected(w, L);
		return WS_HANDLED;
	case '1': case '2': case '3': case '4': case '6': case '7':
		set_view(w, L, (enum lview)(key - '1'));
		return WS_REDRAW;
	case '5':
		state_picker(w, L);
		return WS_HANDLED;
	case 's':
		L->desc = !L->desc;
		L->sel = 0;
		set_anchor(w, L, NULL);
		reload(w, L, 0);
		return WS_REDRAW;
	case '<':
		sort_column(w, L, -1);
		return WS_HANDLED;
	case '>':
		sort_column(w, L, 1);
		return WS_HANDLED;
	case '/':
		L->search = 1;
		ws_line_set(&L->q, "");
		L->sel = 0;
		reload(w, L, 0);
		w->need |= WS_NEED_KEYS;
		return WS_REDRAW;
	case 'n':
	case WS_FN(KEY_F(3)):
		ws_push(w, ws_form_new_record(w, rt));
		return WS_HANDLED;
	case 'r':
	case WS_FN(KEY_F(5)):
		reload(w, L, 1);
		return WS_REDRAW;
	case 'M':               /* the KPI board (R2 §3.2.1) */
		ws_kpi_open(w);
		return WS_HANDLED;
	case 'S':               /* the store's views (R2 §3.7) */
		ws_stock_open(w);
		return WS_HANDLED;
	case 't':               /* mark or unmark, then the next row */
		if (L->sel >= L->nrows)
			return WS_HANDLED;
		if ((i = mark_index(L, L->rows[L->sel]->id)) < L->nmarks) {
			free(L->marks[i]);
			L->marks[i] = L->marks[--L->nmarks];
		} else {
			L->marks = xrealloc(L->marks, (L->nmarks + 1) *
					    sizeof *L->marks);
			L->marks[L->nmarks++] = xstrdup(L->rows[L->sel]->id);
		}
		draw_row(w, L, L->sel);
		draw_bar(w, L);
		w->need |= WS_NEED_KEYS;
		return go_down(w, L);
	case 'T':
		marks_clear(w, L);
		w->need |= WS_NEED_KEYS;
		return WS_REDRAW;
	case 'B':
		ws_batch_open(w, L->marks, L->nmarks, marks_clear, L);
		return WS_HANDLED;
	case '\t':
	case WS_FN(KEY_BTAB):
		if (w->cfg->nrectypes < 2)
			return WS_HANDLED;
		w->tab = (w->tab + (key == '\t' ? 1 : w->cfg->nrectypes - 1)) %
			 w->cfg->nrectypes;
		L->state = NULL;
		marks_clear(w, L);      /* marks are of one record type */
		default_view(w, L);     /* the new type's own */
		L->lay_cols = 0;
		L->sortcol = 0;      /* the new type's sorts: from number */
		L->order = CORE_ORDER_NUMBER;
		L->sort = NULL;
		set_view(w, L, L->view);
		w->need = WS_NEED_ALL;
		return WS_HANDLED;
	case WS_ESC:
		return WS_HANDLED;
	default:
		return WS_PASS;
	}
}

/* Someone wrote: read the page again and draw the rows that differ. */
static void
list_changed(struct ws *w, struct ws_pane *p)
{
	struct ws_list *L = (struct ws_list *)p;
	size_t n = L->nrows, i, sel = L->sel;
	char **ids = xcalloc(n + 1, sizeof *ids);
	uint64_t *revs = xcalloc(n + 1, sizeof *revs);
	int more = L->more;
	uint64_t counts[LV__N];

	if (ws_rectype(w) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		ids[i] = xstrdup(L->rows[i]->id);
		revs[i] = L->rows[i]->rev;
	}
	memcpy(counts, L->count, sizeof counts);
	reload(w, L, 1);
	/* the tabs' counts (curses sends only what changed) */
	if (w->cfg->nrectypes > 1)
		w->need |= WS_NEED_TABS;
	if (memcmp(counts, L->count, sizeof counts) != 0)
		more = !L->more;    /* the bar's counts: draw it again */
	if (L->nrows == 0 || n == 0) {
		w->need |= WS_NEED_BODY;
		goto out;
	}
	for (i = 0; i < page_size(w); i++) {
		int same = i < n && i < L->nrows &&
			   strcmp(ids[i], L->rows[i]->id) == 0 &&
			   revs[i] == L->rows[i]->rev;

		if (i >= n && i >= L->nrows)
			continue;
		if (!same || i == sel || i == L->sel)
			draw_row(w, L, i);
		/* someone else's change to a record shown: say who made it */
		if (!same && i < n && i < L->nrows && w->msg[0] == '\0' &&
		    strcmp(ids[i], L->rows[i]->id) == 0) {
			char *t = ws_change_note(w, ids[i]);

			ws_msg(w, 0, "%s", t);
			free(t);
		}
	}
	if (more != L->more)
		draw_bar(w, L);
out:
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	free(revs);
}

static int
list_cursor(struct ws *w, struct ws_pane *p, WINDOW **win, int *y, int *x)
{
	struct ws_list *L = (struct ws_list *)p;
	int lx = ws_width(search_label(w)), cx;

	if (!L->search)
		return 0;
	ws_line_draw(w->body, 0, lx, search_width(w, lx), &L->q,
		     w->attr[WSA_INPUT], &cx);
	*win = w->body;
	*y = 0;
	*x = lx + cx;
	return 1;
}

static void
list_keys(struct ws *w, struct ws_pane *p, struct ws_keys *k)
{
	struct ws_list *L = (struct ws_list *)p;

	if (L->search) {
		ws_keys_add(k, WS_K_BOTH, "↑↓", ws_tr(w, "选择", "Select"));
		ws_keys_add(k, WS_K_BOTH, "Enter", ws_tr(w, "打开", "Open"));
		ws_keys_add(k, WS_K_BOTH, "Esc", ws_tr(w, "返回列表", "Back"));
		ws_keys_add(k, WS_K_HELP, "←→ ^A ^E ^U", ws_tr(w, "编辑查找内容",
							"edit the query"));
		return;
	}
	ws_keys_add(k, WS_K_FOOT, "Enter", ws_tr(w, "打开", "Open"));
	ws_keys_add(k, WS_K_HELP, "Enter", ws_tr(w, "打开选中的记录", "open the selected "
				       "record"));
	ws_keys_add(k, WS_K_HELP, "/", ws_tr(w, "查找: 编号、电话、产品编号或客户名称开头",
		    "find: number, phone, serial or start of a name"));
	ws_keys_add(k, WS_K_FOOT, "/", ws_tr(w, "查找", "Find"));
	ws_keys_add(k, WS_K_FOOT, "g", ws_tr(w, "编号", "Number"));
	if (ws_may_create(w, ws_rectype(w)))
		ws_keys_add(k, WS_K_FOOT, "n", ws_tr(w, "新建", "New"));
	ws_keys_add(k, WS_K_FOOT, "1-7", ws_tr(w, "视图", "Views"));
	ws_keys_add(k, WS_K_FOOT, "s", ws_tr(w, "排序", "Sort"));
	ws_keys_add(k, WS_K_FOOT, "L", "中/En");
	if (w->cfg->allow_user_override && !core_privileged())
		ws_keys_add(k, WS_K_FOOT, "U", ws_tr(w, "用户", "User"));
	ws_keys_add(k, WS_K_HELP, "↑↓ j k", ws_tr(w, "移动选择", "move the selection"));
	ws_keys_add(k, WS_K_HELP, "PgUp PgDn b Space", ws_tr(w, "翻页", "page"));
	ws_keys_add(k, WS_K_HELP, "Home End", ws_tr(w, "第一页 / 最后一页",
					     "first / last page"));
	ws_keys_add(k, WS_K_HELP, "1", view_name(w, LV_MINE));
	ws_keys_add(k, WS_K_HELP, "2", view_name(w, LV_OVERDUE));
	ws_keys_add(k, WS_K_HELP, "3", view_name(w, LV_OPEN));
	ws_keys_add(k, WS_K_HELP, "4", view_name(w, LV_CLOSED));
	ws_keys_add(k, WS_K_HELP, "5", ws_tr(w, "按状态 (选择状态)",
				      "by state (pick one)"));
	ws_keys_add(k, WS_K_HELP, "6", view_name(w, LV_ALL));
	ws_keys_add(k, WS_K_HELP, "7", view_name(w, LV_ROLE));
	ws_keys_add(k, WS_K_HELP, "s", ws_tr(w, "升序/降序", "ascending / "
				      "descending"));
	ws_keys_add(k, WS_K_HELP, "< >", ws_tr(w, "选择排序列 (编号、客户、产品编号、"
				       "状态、负责人、期限)",
				       "sort column (number, customer, serial, "
				       "state, owner, due)"));
	if (ws_may_create(w, ws_rectype(w)))
		ws_keys_add(k, WS_K_HELP, "n F3", ws_tr(w,
			    "新建记录 (客户意见处理表)",
			    "new record (customer opinion form)"));
	ws_keys_add(k, WS_K_HELP, "r F5", ws_tr(w, "重新读取", "read again"));
	ws_keys_add(k, WS_K_HELP, "M", ws_tr(w, "服务指标看板 (R2 §3.2.1)",
		    "KPI board (R2 §3.2.1)"));
	if (w->cfg->stock != NULL)
		ws_keys_add(k, WS_K_HELP, "S", ws_tr(w, "备件库存、流水、低于最低"
			    "库存 (R2 §3.7)", "parts on hand, movements, below "
			    "minimum (R2 §3.7)"));
	ws_keys_add(k, WS_K_HELP, "t", ws_tr(w, "标记 / 取消标记 (批量操作)",
		    "mark / unmark (for a batch step)"));
	ws_keys_add(k, WS_K_HELP, "T", ws_tr(w, "取消全部标记", "unmark all"));
	ws_keys_add(k, WS_K_HELP, "B", ws_tr(w,
		    "对已标记记录执行同一操作 (全部或都不)",
		    "one step on the marked records (all or none)"));
	if (L->nmarks > 0)
		ws_keys_add(k, WS_K_FOOT, "B", ws_tr(w, "批量", "Batch"));
	if (w->cfg->nrectypes > 1)
		ws_keys_add(k, WS_K_HELP, "Tab S-Tab", ws_tr(w, "切换类别", "switch tab"));
}

static void
list_free(struct ws_pane *p)
{
	struct ws_list *L = (struct ws_list *)p;
	size_t i;

	for (i = 0; i < L->nmarks; i++)
		free(L->marks[i]);
	free(L->marks);
	free_recs(L->rows, L->nrows);
	free(L->rows);
	free(L->anchor);
	free(L->anchor_key);
	free(L->cont);
	free(L->cont_key);
	free(L->err);
	ws_line_free(&L->q);
	free(L);
}

static void
list_resize(struct ws *w, struct ws_pane *p)
{
	struct ws_list *L = (struct ws_list *)p;

	L->lay_cols = 0;
	if (w->small)
		return;
	reload(w, L, 1);
}

static const struct ws_pane_ops list_ops = {
	.draw = list_draw,
	.key = list_key,
	.changed = list_changed,
	.cursor = list_cursor,
	.keys = list_keys,
	.resize = list_resize,
	.free = list_free,
};

/* The view the type declares (view:, config.h); my queue without one. */
static void
default_view(struct ws *w, struct ws_list *L)
{
	static const char *const names[] = { [LV_MINE] = "mine",
		[LV_OVERDUE] = "overdue", [LV_OPEN] = "open",
		[LV_CLOSED] = "closed", [LV_ALL] = "all", [LV_ROLE] = "role" };
	const struct cfg_rectype *rt = ws_rectype(w);
	int i;

	L->view = LV_MINE;
	L->state = NULL;
	if (rt == NULL || rt->view == NULL)
		return;
	for (i = 0; i < LV__N; i++)
		if (names[i] != NULL && strcmp(names[i], rt->view) == 0) {
			L->view = (enum lview)i;
			return;
		}
	if ((L->state = cfg_state(rt, rt->view)) != NULL)
		L->view = LV_STATE;
}

struct ws_pane *
ws_list_new(struct ws *w)
{
	struct ws_list *L = xcalloc(1, sizeof *L);

	L->p.ops = &list_ops;
	default_view(w, L);
	if (!w->small && w->bodyh > 0)
		reload(w, L, 0);
	return &L->p;
}

void
ws_list_find(struct ws *w, struct ws_pane *p)
{
	struct ws_list *L = (struct ws_list *)p;

	if (ws_rectype(w) == NULL)
		return;
	L->search = 1;
	ws_line_set(&L->q, "");
	L->sel = 0;
	reload(w, L, 0);
	w->need |= WS_NEED_KEYS | WS_NEED_BODY;
}

const char *
ws_list_step(struct ws *w, struct ws_pane *p, int dir)
{
	struct ws_list *L = (struct ws_list *)p;
	char *was;
	int moved;

	if (ws_rectype(w) == NULL || L->sel >= L->nrows)
		return NULL;
	if (dir == 0)
		return L->rows[L->sel]->id;
	was = xstrdup(L->rows[L->sel]->id);
	if (dir > 0)
		go_down(w, L);
	else
		go_up(w, L);
	moved = L->sel < L->nrows && strcmp(L->rows[L->sel]->id, was) != 0;
	free(was);
	return moved ? L->rows[L->sel]->id : NULL;
}
