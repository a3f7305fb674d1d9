/*
 * stock.c - the spare-parts store on the engine (R2 §3.6, §3.7): the
 * parts master found by code or barcode (the configuration's stock:),
 * the moves: of a transition carried out in its write transaction
 * (lines between accounts, capped against approved lines, stock counts),
 * and the balances and movements read back for the command line, the
 * workstation and the counter.  The journal and the balances are the
 * store's (store/ledger.c); nothing here names a field of the shipped
 * configuration.
 */
#include "core_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parts ------------------------------------------------------------- */

/* The part record whose field f (an exact lookup) is q, or NOTFOUND. */
static int
part_by(struct store_txn *t, const struct cfg_rectype *rt,
	const struct cfg_field *f, const char *q, struct store_rec **out,
	struct as_err *err)
{
	if (f == NULL)
		return AS_E_NOTFOUND;
	return core_exact_get(t, rt->id, f->id, q, out, err);
}

int
stock_part_in(const struct core *c, struct store_txn *t, const char *q,
	      struct store_rec **out, struct as_err *err)
{
	const struct cfg_stock *k = c->cfg->stock;
	char *cq;
	int rc;

	*out = NULL;
	if (k == NULL)
		return as_err_set(err, AS_E_CONFIG, TR(c, "配置中没有 stock:"
		    "（备件主数据）", "the configuration has no stock: (the "
		    "parts master)"));
	cq = core_query_compact(q != NULL ? q : "");
	rc = *cq == '\0' ? AS_E_NOTFOUND :
	    part_by(t, k->parts, k->code, cq, out, err);
	if (rc == AS_E_NOTFOUND && *cq != '\0')
		rc = part_by(t, k->parts, k->barcode, cq, out, err);
	free(cq);
	if (rc == AS_E_NOTFOUND)
		return as_err_set(err, rc, TR(c, "没有编码或条码为 %s 的备件",
		    "no part has the code or barcode %s"), q != NULL ? q : "");
	return rc;
}

struct part_ctx {
	struct core *c;
	const char *q;
	struct store_rec *r;
};

static int
part_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct part_ctx *x = vctx;

	store_rec_free(&x->r);
	return stock_part_in(x->c, t, x->q, &x->r, err);
}

int
core_part_find(struct core *c, const char *code, struct store_rec **out,
	       struct as_err *err)
{
	struct part_ctx x = { c, code, NULL };
	int rc = store_read(c->st, part_txn, &x, err);

	*out = rc == 0 ? x.r : NULL;
	if (rc != 0)
		store_rec_free(&x.r);
	return rc;
}

const char *
core_part_code(const struct core *c, const struct store_rec *part)
{
	const struct cfg_stock *k = c->cfg->stock;

	return k != NULL && part != NULL ? store_rec_get(part, k->code->id) :
	    NULL;
}

/* Balances ---------------------------------------------------------- */

struct bal_ctx {
	const char *account, *part;
	long long qty;
};

static int
bal_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct bal_ctx *x = vctx;

	return store_ledger_balance(t, x->account, x->part, &x->qty, err);
}

int
core_stock_balance(struct core *c, const char *account, const char *part,
		   long long *qty, struct as_err *err)
{
	struct bal_ctx x = { account, part, 0 };
	int rc = store_read(c->st, bal_txn, &x, err);

	*qty = x.qty;
	return rc;
}

struct bals_ctx {
	const char *account;
	store_bal_visit fn;
	void *ctx;
};

static int
bals_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct bals_ctx *x = vctx;

	return store_ledger_balances(t, x->account, x->fn, x->ctx, err);
}

int
core_stock_balances(struct core *c, const char *account, store_bal_visit fn,
		    void *ctx, struct as_err *err)
{
	struct bals_ctx x = { account, fn, ctx };

	return store_read(c->st, bals_txn, &x, err);
}

struct refbals_ctx {
	const char *account, *ref;
	store_refbal_visit fn;
	void *ctx;
};

static int
refbals_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct refbals_ctx *x = vctx;

	return store_ledger_ref_balances(t, x->account, x->ref, x->fn, x->ctx,
	    err);
}

int
core_stock_ref_balances(struct core *c, const char *account, const char *ref,
			store_refbal_visit fn, void *ctx, struct as_err *err)
{
	struct refbals_ctx x = { account, ref, fn, ctx };

	return store_read(c->st, refbals_txn, &x, err);
}

struct moves_ctx {
	const char *part, *account;
	store_move_visit fn;
	void *ctx;
};

static int
moves_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct moves_ctx *x = vctx;

	return store_ledger_moves(t, x->part, x->account, x->fn, x->ctx, err);
}

int
core_stock_moves(struct core *c, const char *part, const char *account,
		 store_move_visit fn, void *ctx, struct as_err *err)
{
	struct moves_ctx x = { part, account, fn, ctx };

	return store_read(c->st, moves_txn, &x, err);
}

int
core_account_visible(const struct core *c, const char *account)
{
	const struct cfg_unit *u = cfg_unit(c->cfg, account);

	return u != NULL && cfg_user_unit_ok(c->user, u);
}

const char *
core_account_label(const struct core *c, const char *account)
{
	const struct cfg_unit *u = cfg_unit(c->cfg, account);

	return u != NULL ? cfg_text(&u->label, c->lang, u->id) : account;
}

/* Moves ------------------------------------------------------------- */

/* The account of one end of a move for record r, NULL: none. */
static const char *
account_of(const struct cfg_account *a, const struct store_rec *r)
{
	const char *v;

	if (a->unit != NULL)
		return a->unit->id;
	if (a->field != NULL && (v = store_rec_get(r, a->field->id)) != NULL &&
	    *v != '\0')
		return v;
	return NULL;
}

/* What the account of a move's end keeps the parts per for r, or NULL. */
static const char *
ref_of(const struct cfg_account *a, const struct store_rec *r)
{
	const char *v;

	if (a->per_number)
		return r->id;
	if (a->per != NULL && (v = store_rec_get(r, a->per->id)) != NULL &&
	    *v != '\0')
		return v;
	return NULL;
}

/* Stored cells of lines field f (n lines) as its stored JSON (new). */
static char *
cells_json(const struct cfg_field *f, char *const *cell, size_t n)
{
	json_t *arr = json_array(), *obj;
	size_t i, j, kept = 0;
	char *out;

	for (i = 0; i < n; i++) {
		obj = json_object();
		for (j = 0; j < f->ncolumns; j++) {
			const char *v = cell[i * f->ncolumns + j];

			if (v != NULL && *v != '\0')
				json_object_set_new(obj, f->columns[j].id,
				    json_string(v));
		}
		if (json_object_size(obj) == 0) {
			json_decref(obj);
			continue;
		}
		json_array_append_new(arr, obj);
		kept++;
	}
	out = kept == 0 ? xstrdup("") :
	    json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(arr);
	if (out == NULL)
		abort();
	return out;
}

static size_t
col_index(const struct cfg_field *lines, const struct cfg_field *col)
{
	return (size_t)(col - lines->columns);
}

/* Set field id of r to v, recording the change in e (v "": unset). */
static void
set_field(struct store_rec *r, struct store_event *e, const char *id,
	  const char *v)
{
	const char *old = store_rec_get(r, id);
	char *o = old != NULL ? xstrdup(old) : NULL;

	if (*v == '\0')
		v = NULL;
	if ((o == NULL && v == NULL) || (o != NULL && v != NULL &&
	    strcmp(o, v) == 0)) {
		free(o);
		return;
	}
	store_event_change(e, id, o, v);
	store_rec_set(r, id, v);
	free(o);
}

/* One line to move: the part as typed, its code and the quantity. */
struct mline {
	unsigned line;
	const char *typed;
	char *code;
	long long qty;
};

/* 1 if the part cell a names the part of code (or typed as typed). */
static int
same_part(const char *a, const char *code, const char *typed)
{
	char *x = core_norm_serial(a), *y = core_norm_serial(code);
	char *z = core_norm_serial(typed != NULL ? typed : "");
	int same = *x != '\0' && (strcmp(x, y) == 0 || strcmp(x, z) == 0);

	free(x);
	free(y);
	free(z);
	return same;
}

/* The column id of lines field f, NULL if none. */
static const struct cfg_field *
col_named(const struct cfg_field *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->ncolumns; i++)
		if (strcmp(f->columns[i].id, id) == 0)
			return &f->columns[i];
	return NULL;
}

/* 1 if unit id a is one of the stock accounts (all units without a list). */
static int
is_account(const struct core *c, const char *a)
{
	const struct cfg_stock *k = c->cfg->stock;
	size_t i;

	if (k == NULL || k->naccounts == 0)
		return cfg_unit(c->cfg, a) != NULL;
	for (i = 0; i < k->naccounts; i++)
		if (strcmp(k->accounts[i]->id, a) == 0)
			return 1;
	return 0;
}

/*
 * Move qty of part from account a to b (either NULL) for line ml; fref
 * and tref: what each keeps it per (NULL: nothing).
 */
static int
move_one(const struct core *c, struct store_txn *t, const struct store_rec *r,
	 struct store_event *e, const char *from, const char *to,
	 const char *fref, const char *tref, const struct mline *ml,
	 long long qty, struct as_err *err)
{
	struct store_move m;
	int rc;

	if ((from != NULL && !is_account(c, from)) ||
	    (to != NULL && !is_account(c, to)))
		return as_err_set(err, AS_E_INVALID, TR(c,
		    "%s：%s不是库存账户（配置中的 stock: accounts:）",
		    "%s: %s is not a stock account (stock: accounts: in the "
		    "configuration)"), r->id, core_account_label(c,
		    from != NULL && !is_account(c, from) ? from : to));
	memset(&m, 0, sizeof m);
	m.when = core_now(c);
	m.doc = r->id;
	m.line = ml->line;
	m.part = ml->code;
	if (qty < 0) {   /* a count below the books: out of to */
		const char *x = from;

		from = to;
		to = x;
		x = fref;
		fref = tref;
		tref = x;
		qty = -qty;
	}
	if (from != NULL) {
		m.account = from;
		m.qty = -qty;
		m.ref = fref;
		rc = store_ledger_move(t, e, &m, err);
		if (rc == AS_E_GUARD && fref != NULL) {
			char line[16];
			const char *acc = core_account_label(c, from);

			/* R2 §3.6.1: kept per work order, never another's */
			snprintf(line, sizeof line, "%u", ml->line);
			return as_err_set(err, AS_E_GUARD, TR(c,
			    "%s 第 %s 行：%s 在%s（%s）的结存只有 %lld，不能出库 "
			    "%lld（R2 §3.6.1、§3.7.4）", "%s line %s: the balance "
			    "of %s on %s for %s is %lld; %lld cannot go out "
			    "(R2 §3.6.1, §3.7.4)"), r->id, line, ml->code, acc,
			    fref, m.balance, qty);
		}
		if (rc == AS_E_GUARD) {
			char line[16];
			const char *acc = core_account_label(c, from);

			snprintf(line, sizeof line, "%u", ml->line);
			return as_err_set(err, AS_E_GUARD, TR(c,
			    "%s 第 %s 行：%s 在%s的结存只有 %lld，不能出库 %lld"
			    "（R2 §3.7.1）", "%s line %s: the balance of %s on "
			    "%s is %lld; %lld cannot go out (R2 §3.7.1)"),
			    r->id, line, ml->code, acc, m.balance, qty);
		}
		if (rc != 0)
			return rc;
	}
	if (to != NULL) {
		m.account = to;
		m.qty = qty;
		m.ref = tref;
		if ((rc = store_ledger_move(t, e, &m, err)) == AS_E_GUARD)
			return as_err_set(err, AS_E_INVALID, TR(c,
			    "%s：数量过大", "%s: quantity too large"), r->id);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* The lines of move mv on record r into *out (n of them). */
static int
move_lines(const struct core *c, struct store_txn *t,
	   const struct cfg_move *mv, const struct store_rec *r,
	   struct core_lines *cl, struct mline **out, size_t *n,
	   struct as_err *err)
{
	struct mline *v;
	struct store_rec *p;
	const char *q, *qs;
	size_t i, nl;
	int rc = 0;

	*out = NULL;
	*n = 0;
	memset(cl, 0, sizeof *cl);
	if (mv->lines != NULL) {
		if (core_lines_decode(mv->lines, store_rec_get(r,
		    mv->lines->id), cl) != 0)
			return as_err_set(err, AS_E_INVALID, TR(c,
			    "%s 的%s无法读取", "%s: %s cannot be read"), r->id,
			    cfg_text(&mv->lines->label, c->lang,
			    mv->lines->id));
		nl = cl->n;
	} else
		nl = store_rec_get(r, mv->part->id) != NULL ? 1 : 0;
	v = xcalloc(nl + 1, sizeof *v);
	for (i = 0; i < nl && rc == 0; i++) {
		size_t w = mv->lines != NULL ? mv->lines->ncolumns : 0;

		if (mv->lines != NULL) {
			q = cl->cell[i * w + col_index(mv->lines, mv->part)];
			qs = mv->quantity != NULL ? cl->cell[i * w +
			    col_index(mv->lines, mv->quantity)] : "";
		} else {
			q = store_rec_get(r, mv->part->id);
			qs = mv->quantity != NULL ? store_rec_get(r,
			    mv->quantity->id) : "";
		}
		v[i].line = (unsigned)i + 1;
		v[i].typed = q;
		v[i].qty = qs != NULL && *qs != '\0' ? strtoll(qs, NULL, 10) :
		    mv->quantity != NULL ? 1 : 0;
		if ((rc = stock_part_in(c, t, q, &p, err)) != 0) {
			char *m = xstrdup(err != NULL ? err->msg : "");

			rc = as_err_set(err, rc == AS_E_NOTFOUND ?
			    AS_E_INVALID : rc, TR(c, "%s 第 %u 行：%s",
			    "%s line %u: %s"), r->id, v[i].line, m);
			free(m);
			break;
		}
		v[i].code = xstrdup(core_part_code(c, p));
		store_rec_free(&p);
	}
	*out = v;
	*n = i;
	return rc;
}

static void
mlines_free(struct mline *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i].code);
	free(v);
}

/* The refusal of a needs: condition that does not hold. */
static int
refuse_needs(const struct core *c, const struct cfg_transition *tr,
	     const struct cfg_cond *w, const struct store_rec *r,
	     struct as_err *err)
{
	const char *v = w->value != NULL ? w->value : "";
	const struct cfg_code *code = w->field->codes != NULL ?
	    cfg_code(w->field->codes, v) : NULL;

	return as_err_set(err, AS_E_GUARD, TR(c,
	    "%s 不能%s：%s必须是“%s”（R2 §3.6.2）",
	    "%s cannot %s: %s must be \"%s\" (R2 §3.6.2)"), r->id,
	    cfg_text(&tr->label, c->lang, tr->id),
	    cfg_text(&w->field->label, c->lang, w->field->id),
	    code != NULL ? cfg_text(&code->label, c->lang, v) : v);
}

/*
 * An against: move: each part's quantity now is at most what the lines
 * against allow minus what they have done; done is raised line by line.
 * *all_done: every line against is done afterwards.
 */
static int
move_against(const struct core *c, const struct cfg_move *mv,
	     struct store_rec *r, struct store_event *e,
	     const struct mline *ml, size_t n, int *all_done,
	     struct as_err *err)
{
	struct core_lines al;
	const struct cfg_field *af = mv->against;
	size_t w = af->ncolumns, pi, qi, di, i, j;
	char num[32], *json;
	int rc = 0;

	/* the part column of against: the one named like the move's part */
	const struct cfg_field *pc = col_named(af, mv->part->id);

	if (pc == NULL || core_lines_decode(af, store_rec_get(r, af->id),
	    &al) != 0)
		return as_err_set(err, AS_E_CONFIG, TR(c, "%s：%s 没有列 %s",
		    "%s: %s has no column %s"), r->id, af->id, mv->part->id);
	pi = col_index(af, pc);
	qi = col_index(af, mv->against_qty);
	di = col_index(af, mv->done);
	for (i = 0; i < n && rc == 0; i++) {
		long long want = ml[i].qty, left = 0;

		for (j = 0; j < al.n; j++) {
			if (same_part(al.cell[j * w + pi],
			    ml[i].code, ml[i].typed))
				left += strtoll(al.cell[j * w + qi], NULL, 10) -
				    strtoll(al.cell[j * w + di], NULL, 10);
		}
		if (want > left) {
			rc = as_err_set(err, AS_E_GUARD, TR(c,
			    "%s 第 %u 行：%s 按批准还可发 %lld，不能发 %lld"
			    "（R2 §3.6.1、§3.7.4）", "%s line %u: %s has %lld "
			    "left to issue as approved; %lld cannot be issued "
			    "(R2 §3.6.1, §3.7.4)"), r->id, ml[i].line,
			    ml[i].code, left, want);
			break;
		}
		for (j = 0; j < al.n && want > 0; j++) {
			long long q, d, take;

			if (!same_part(al.cell[j * w + pi],
			    ml[i].code, ml[i].typed))
				continue;
			q = strtoll(al.cell[j * w + qi], NULL, 10);
			d = strtoll(al.cell[j * w + di], NULL, 10);
			take = q - d < want ? q - d : want;
			if (take <= 0)
				continue;
			snprintf(num, sizeof num, "%lld", d + take);
			free(al.cell[j * w + di]);
			al.cell[j * w + di] = xstrdup(num);
			want -= take;
		}
	}
	if (rc == 0) {
		*all_done = 1;
		for (j = 0; j < al.n; j++)
			if (strtoll(al.cell[j * w + di], NULL, 10) <
			    strtoll(al.cell[j * w + qi], NULL, 10))
				*all_done = 0;
		json = cells_json(af, al.cell, al.n);
		set_field(r, e, af->id, json);
		free(json);
	}
	core_lines_free(&al);
	return rc;
}

int
stock_moves(const struct core *c, struct store_txn *t,
	    const struct cfg_transition *tr, struct store_rec *r,
	    struct store_event *e, int *all_done, struct as_err *err)
{
	size_t i, j, n;
	int rc = 0, done = 1, any_against = 0;

	for (i = 0; i < tr->nmoves && rc == 0; i++) {
		const struct cfg_move *mv = &tr->moves[i];
		const char *from = account_of(&mv->from, r);
		const char *to = account_of(&mv->to, r);
		struct core_lines cl;
		struct mline *ml;
		char num[32], *json;
		size_t w;

		if (!core_cond_holds(mv->when, mv->nwhen, r))
			continue;
		rc = move_lines(c, t, mv, r, &cl, &ml, &n, err);
		if (rc == 0 && n > 0)
			for (j = 0; j < mv->nneeds; j++)
				if (!core_cond_test(&mv->needs[j], r)) {
					rc = refuse_needs(c, tr, &mv->needs[j],
					    r, err);
					break;
				}
		if (rc == 0 && mv->against != NULL) {
			any_against = 1;
			rc = move_against(c, mv, r, e, ml, n, &done, err);
		}
		w = mv->lines != NULL ? mv->lines->ncolumns : 0;
		for (j = 0; j < n && rc == 0; j++) {
			long long qty = ml[j].qty;

			if (mv->counted != NULL) {
				const char *cs = mv->lines != NULL ?
				    cl.cell[j * w + col_index(mv->lines,
				    mv->counted)] : store_rec_get(r,
				    mv->counted->id);
				long long bal, cnt = cs != NULL ?
				    strtoll(cs, NULL, 10) : 0;

				if (to == NULL)
					break;
				rc = store_ledger_balance(t, to, ml[j].code,
				    &bal, err);
				if (rc != 0)
					break;
				qty = cnt - bal;
				if (mv->lines != NULL && mv->book != NULL) {
					snprintf(num, sizeof num, "%lld", bal);
					free(cl.cell[j * w + col_index(
					    mv->lines, mv->book)]);
					cl.cell[j * w + col_index(mv->lines,
					    mv->book)] = xstrdup(num);
				}
				if (mv->lines != NULL &&
				    mv->variance != NULL) {
					snprintf(num, sizeof num, "%lld", qty);
					free(cl.cell[j * w + col_index(
					    mv->lines, mv->variance)]);
					cl.cell[j * w + col_index(mv->lines,
					    mv->variance)] = xstrdup(num);
				}
				if (mv->dry || qty == 0)
					continue;
				rc = move_one(c, t, r, e, NULL, to, NULL,
				    ref_of(&mv->to, r), &ml[j], qty, err);
				continue;
			}
			if (qty <= 0 || mv->dry)
				continue;
			rc = move_one(c, t, r, e, from, to,
			    ref_of(&mv->from, r), ref_of(&mv->to, r), &ml[j],
			    qty, err);
		}
		if (rc == 0 && mv->counted != NULL && mv->lines != NULL &&
		    n > 0) {
			json = cells_json(mv->lines, cl.cell, cl.n);
			set_field(r, e, mv->lines->id, json);
			free(json);
		}
		if (rc == 0 && mv->clear && mv->lines != NULL)
			set_field(r, e, mv->lines->id, "");
		mlines_free(ml, n);
		core_lines_free(&cl);
	}
	*all_done = any_against ? done : 1;
	return rc;
}

const struct cfg_state *
stock_next_state(const struct cfg_transition *tr, const struct store_rec *r,
		 int all_done)
{
	size_t i;

	for (i = 0; i < tr->nto_when; i++)
		if (core_cond_holds(tr->to_when[i].when, tr->to_when[i].nwhen,
		    r))
			return tr->to_when[i].to;
	if (tr->until_done && !all_done)
		return NULL;   /* keeps its state */
	return tr->to;
}

/* The sum of the quantities of part p (normalised) in cells cl. */
static long long
part_total(const struct cfg_lower *lo, const struct core_lines *cl,
	   const char *p)
{
	size_t w = lo->lines->ncolumns, j;
	long long sum = 0;
	char *x;

	for (j = 0; j < cl->n; j++) {
		x = core_norm_serial(cl->cell[j * w + col_index(lo->lines,
		    lo->part)]);
		if (strcmp(x, p) == 0)
			sum += strtoll(cl->cell[j * w + col_index(lo->lines,
			    lo->quantity)], NULL, 10);
		free(x);
	}
	return sum;
}

int
stock_lower_check(const struct core *c, const struct cfg_transition *tr,
		  const char *old, const struct store_rec *r,
		  struct as_err *err)
{
	const struct cfg_lower *lo = tr->lower_only;
	struct core_lines a, b;
	size_t w, j;
	char *p;
	int rc = 0;

	if (lo == NULL)
		return 0;
	if (core_lines_decode(lo->lines, old, &a) != 0)
		return 0;
	if (core_lines_decode(lo->lines, store_rec_get(r, lo->lines->id),
	    &b) != 0) {
		core_lines_free(&a);
		return 0;
	}
	w = lo->lines->ncolumns;
	for (j = 0; j < b.n && rc == 0; j++) {
		long long was, now;

		p = core_norm_serial(b.cell[j * w + col_index(lo->lines,
		    lo->part)]);
		was = part_total(lo, &a, p);
		now = part_total(lo, &b, p);
		if (now > was)
			rc = as_err_set(err, AS_E_GUARD, TR(c,
			    "%s：%s只能减少数量，%s 由 %lld 增加到 %lld 不行"
			    "（R2 §3.6.1）", "%s: %s may only lower quantities; "
			    "%s cannot go from %lld up to %lld (R2 §3.6.1)"),
			    r->id, cfg_text(&tr->label, c->lang, tr->id),
			    b.cell[j * w + col_index(lo->lines, lo->part)],
			    was, now);
		free(p);
	}
	core_lines_free(&a);
	core_lines_free(&b);
	return rc;
}

int
stock_change_text(const struct core *c, const char *field, const char *val,
		  const char *lang, struct as_buf *label, struct as_buf *value)
{
	unsigned line;
	long long qty;
	char acc[128], *ref;
	int n = 0;
	const struct cfg_unit *u;

	if (strcmp(field, STORE_MOVE_FIELD) != 0)
		return 0;
	buf_adds(label, AS_TRL(lang, "库存变动", "stock"));
	if (val == NULL)
		return 1;
	if (sscanf(val, "%u %127s %lld %n", &line, acc, &qty, &n) != 3 ||
	    n == 0) {
		buf_adds(value, val);
		return 1;
	}
	ref = strchr(acc, '@');
	if (ref != NULL)
		*ref++ = '\0';
	u = cfg_unit(c->cfg, acc);
	if (ref != NULL)   /* kept per a work order: "已领用（W…）" */
		buf_addf(value, AS_TRL(lang, "%s（%s） %s %+lld（第 %u 行）",
		    "%s (%s) %s %+lld (line %u)"), u != NULL ?
		    cfg_text(&u->label, lang, acc) : acc, ref, val + n, qty,
		    line);
	else
		buf_addf(value, AS_TRL(lang, "%s %s %+lld（第 %u 行）",
		    "%s %s %+lld (line %u)"), u != NULL ?
		    cfg_text(&u->label, lang, acc) : acc, val + n, qty, line);
	return 1;
}
