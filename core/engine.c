/*
 * engine.c - the workflow engine: creating records, the transitions a user
 * may take, applying a transition or a field edit in one write transaction
 * (re-read, revision check, role, condition, required fields, guards, then
 * record + indexes + one history event), and the named guards the
 * configuration may refer to.
 */
#include "core_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Guards ------------------------------------------------------------- */

/*
 * R1 §5.2: a chargeback recovers costs, so some cost must be recorded:
 * some money field of the record's type (from the configuration), or a
 * money column of one of its lines fields (the cost lines), holds an
 * amount above zero.
 */
/* 1 if a money column of stored lines v of f holds more than zero. */
static int
lines_money(const struct cfg_field *f, const char *v)
{
	struct core_lines l;
	size_t i, j;
	int yes = 0;

	if (core_lines_decode(f, v, &l) != 0)
		return 0;
	for (i = 0; i < l.n; i++)
		for (j = 0; j < f->ncolumns; j++)
			if (f->columns[j].type == CFG_T_MONEY &&
			    strtoll(l.cell[i * f->ncolumns + j], NULL, 10) > 0)
				yes = 1;
	core_lines_free(&l);
	return yes;
}

static int
guard_costs_entered(const struct core *c, struct store_txn *t,
		    const struct store_rec *r, struct as_err *err)
{
	const struct cfg_rectype *rt = cfg_rectype(c->cfg, r->type);
	size_t i;

	(void)t;
	for (i = 0; rt != NULL && i < rt->nfields; i++) {
		const char *v = store_rec_get(r, rt->fields[i].id);

		if (rt->fields[i].type == CFG_T_MONEY && v != NULL &&
		    strtoll(v, NULL, 10) > 0)
			return 0;
		if (rt->fields[i].type == CFG_T_LINES && v != NULL &&
		    lines_money(&rt->fields[i], v))
			return 0;
	}
	return as_err_set(err, AS_E_GUARD, TR(c,
			  "%s 还没有登记费用：请先录入要向客户追讨的费用"
			  "（R1 §5.2）",
			  "%s has no costs recorded: enter the costs to "
			  "recover first (R1 §5.2)"), r->id);
}

static const struct {
	const char *name;
	core_guard_fn fn;
} guards[] = {
	{ "costs_entered", guard_costs_entered },
	{ "links_closed", guard_links_closed },
	{ "costs_confirmed", guard_costs_confirmed },
};

static const char *const guard_names[] = {
	"costs_entered", "links_closed", "costs_confirmed", NULL
};

const char *const *
core_guard_names(void)
{
	return guard_names;
}

core_guard_fn
core_guard(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof guards / sizeof guards[0]; i++)
		if (strcmp(guards[i].name, name) == 0)
			return guards[i].fn;
	return NULL;
}

/* Checks ------------------------------------------------------------- */

int
wf_when_holds(const struct cfg_transition *t, const struct store_rec *r)
{
	return core_cond_holds(t->when, t->nwhen, r);
}

int
wf_role_ok(const struct cfg_user *u, const struct cfg_transition *t)
{
	return cfg_user_has_any(u, t->roles, t->nroles);
}

int
wf_from_ok(const struct cfg_transition *t, const char *state)
{
	size_t i;

	for (i = 0; i < t->nfrom; i++)
		if (strcmp(t->from[i]->id, state) == 0)
			return 1;
	return 0;
}

/*
 * 1 if the user may take a step whose by: is field by on r (R1 §8.1: the
 * handler's own steps): no by:, a manager of the record type, or the user
 * the field names.
 */
static int
by_ok(const struct core *c, const struct cfg_rectype *rt,
      const struct cfg_field *by, const struct store_rec *r)
{
	const char *v;

	if (by == NULL)
		return 1;
	if (cfg_user_has_any(c->user, rt->managers, rt->nmanagers))
		return 1;
	v = store_rec_get(r, by->id);
	return v != NULL && strcmp(v, c->user->login) == 0;
}

/*
 * AS_E_PERM with a sentence naming the user field by names on r and the
 * managers: only they may do what (R1 §8.1).
 */
static int
by_refused(const struct core *c, const struct cfg_rectype *rt,
	   const struct cfg_field *by, const struct store_rec *r,
	   const char *what, struct as_err *err)
{
	const char *v = store_rec_get(r, by->id);
	const char *fl = cfg_text(&by->label, c->lang, by->id);
	const struct cfg_user *u = v != NULL ? cfg_user(c->cfg, v) : NULL;
	struct as_buf m = {0};
	size_t i;
	int rc;

	for (i = 0; i < rt->nmanagers; i++)
		buf_addf(&m, "%s%s", i ? ", " : "",
			 cfg_text(&rt->managers[i]->label, c->lang,
				  rt->managers[i]->id));
	if (m.data == NULL)
		buf_adds(&m, "-");
	if (v != NULL)
		rc = as_err_set(err, AS_E_PERM, TR(c,
		    "%s：只有其%s %s（%s）或经理（%s）可以%s（R1 §8.1）",
		    "%s: only its %s %s (%s) or a manager (%s) may %s "
		    "(R1 §8.1)"), r->id, fl, v,
		    u != NULL && u->name != NULL ? u->name : v, m.data, what);
	else
		rc = as_err_set(err, AS_E_PERM, TR(c,
		    "%s：还没有指定%s，只有经理（%s）可以%s（R1 §8.1）",
		    "%s: no %s is named yet, so only a manager (%s) may %s "
		    "(R1 §8.1)"), r->id, fl, m.data, what);
	buf_free(&m);
	return rc;
}

int
wf_by_ok(const struct core *c, const struct store_rec *r,
	 const struct cfg_transition *t, struct as_err *err)
{
	const struct cfg_rectype *rt = core_rectype(c, r);

	if (rt == NULL || by_ok(c, rt, t->by, r))
		return 0;
	return by_refused(c, rt, t->by, r, cfg_text(&t->label, c->lang, t->id),
			  err);
}

size_t
wf_pending(const struct core *c, const struct store_rec *r,
	   const struct cfg_transition **out, size_t max)
{
	const struct cfg_rectype *rt = core_rectype(c, r);
	size_t i, n = 0;
	int pass;

	/* the main steps in their order, then the exceptions (a dispute) */
	for (pass = 0; pass < 2; pass++)
	for (i = 0; rt != NULL && i < rt->ntransitions; i++) {
		const struct cfg_transition *t = &rt->transitions[i];

		/* a closed case waits for nothing: reopening it is an
		   exception the customer asks for (R1 §7.3) */
		/* ... nor for a stay: step, an option taken when needed
		   (dispatching a service trip), not work waiting */
		if (wf_from_ok(t, r->state) && wf_when_holds(t, r) &&
		    !t->reopens && !t->stay && t->exception == pass && n < max)
			out[n++] = t;
	}
	return n;
}

int
wf_in_queue(const struct core *c, const struct store_rec *r)
{
	return wf_queue_rank(c, r) != 0;
}

size_t
wf_available(const struct core *c, const struct store_rec *r,
	     const struct cfg_transition **out, size_t max)
{
	const struct cfg_rectype *rt = core_rectype(c, r);
	size_t i, n = 0;

	for (i = 0; rt != NULL && i < rt->ntransitions; i++) {
		const struct cfg_transition *t = &rt->transitions[i];

		if (wf_from_ok(t, r->state) && wf_when_holds(t, r) &&
		    wf_role_ok(c->user, t) && by_ok(c, rt, t->by, r) &&
		    (!t->scope_unit || core_in_units(c, r)) && n < max)
			out[n++] = t;
	}
	return n;
}

/* What edit_allowed found. */
enum {
	EDIT_NO,       /* no edit rule allows it */
	EDIT_YES,
	EDIT_BY,       /* allowed to the user a by: field names (*by) */
	EDIT_UNIT,     /* allowed for records of other units (scope: unit) */
};

/*
 * May the current user set field f of r while r is in state (r's own
 * state, or the from-state of a transition)?  *by (may be NULL) receives
 * the by: field of a rule that would allow it to another user.
 */
static int
edit_allowed(const struct core *c, const struct cfg_rectype *rt,
	     const struct store_rec *r, const char *state,
	     const struct cfg_field *f, const struct cfg_field **by)
{
	size_t i, j, l;
	int res = EDIT_NO;

	for (i = 0; i < rt->nedits; i++) {
		const struct cfg_edit *e = &rt->edits[i];
		int s_ok = 0;

		for (j = 0; j < e->nstates; j++)
			if (strcmp(e->states[j]->id, state) == 0)
				s_ok = 1;
		if (!s_ok || !cfg_user_has_any(c->user, e->roles, e->nroles))
			continue;
		for (l = 0; l < e->nfields; l++) {
			if (e->fields[l] != f)
				continue;
			if (e->scope_unit && !core_in_units(c, r)) {
				if (res == EDIT_NO)
					res = EDIT_UNIT;
				continue;
			}
			if (by_ok(c, rt, e->by, r))
				return EDIT_YES;
			res = EDIT_BY;
			if (by != NULL)
				*by = e->by;
		}
	}
	return res;
}

int
core_can_edit(const struct core *c, const struct store_rec *r,
	      const struct cfg_field *f)
{
	const struct cfg_rectype *rt = core_rectype(c, r);

	return rt != NULL && !core_frozen(c, r, f) &&
	    edit_allowed(c, rt, r, r->state, f, NULL) == EDIT_YES;
}

static void
roles_text(const struct cfg_transition *t, const char *lang,
	   struct as_buf *b)
{
	size_t i;

	for (i = 0; i < t->nroles; i++)
		buf_addf(b, "%s%s", i ? ", " : "",
			 cfg_text(&t->roles[i]->label, lang, t->roles[i]->id));
}

static void
user_roles_text(const struct cfg_user *u, const char *lang,
		struct as_buf *b)
{
	size_t i;

	for (i = 0; i < u->nroles; i++)
		buf_addf(b, "%s%s", i ? ", " : "",
			 cfg_text(&u->roles[i]->label, lang, u->roles[i]->id));
}

/*
 * Parse inputs into r, recording each change in e (may be NULL).  allowed
 * (may be NULL: all fields) says which fields may be set: EDIT_YES, or
 * EDIT_BY with the by: field in its last argument.
 */
static int
apply_inputs(const struct core *c, const struct cfg_rectype *rt,
	     struct store_rec *r, const struct core_kv *in, size_t n,
	     int (*allowed)(const struct core *, const struct cfg_rectype *,
			    const struct store_rec *, const struct cfg_field *,
			    const void *, const struct cfg_field **),
	     const void *actx, struct store_event *e, struct as_err *err)
{
	const struct cfg_field *by = NULL;
	struct as_buf what = {0};
	size_t i;
	int rc, ok;

	for (i = 0; i < n; i++) {
		const struct cfg_field *f = cfg_field(rt, in[i].key);
		const char *old;
		char *v;

		if (core_reserved_field(in[i].key))
			return as_err_set(err, AS_E_PERM, TR(c,
			    "%s：以 _ 开头的字段由程序维护（时限），不能设置",
			    "%s: fields starting with _ are kept by the "
			    "program (SLA clocks) and cannot be set"),
			    in[i].key);
		if (f == NULL)
			return as_err_set(err, AS_E_INVALID, TR(c,
			    "%s：%s没有这个字段", "%s: no such field for %s"),
			    in[i].key, cfg_text(&rt->label, c->lang, rt->id));
		if (core_computed(f) && !utf8_blank(in[i].val,
		    strlen(in[i].val)))
			return as_err_set(err, AS_E_PERM, TR(c,
			    "%s：%s由程序计算，不能设置",
			    "%s: %s is computed by the program and cannot be "
			    "set"), f->id, cfg_text(&f->label, c->lang, f->id));
		if (core_computed(f))
			continue;
		ok = allowed != NULL ? allowed(c, rt, r, f, actx, &by) :
		    EDIT_YES;
		if (ok == EDIT_BY && by != NULL) {
			buf_addf(&what, TR(c, "修改%s", "change %s"),
				 cfg_text(&f->label, c->lang, f->id));
			rc = by_refused(c, rt, by, r, what.data, err);
			buf_free(&what);
			return rc;
		}
		if (ok == EDIT_UNIT) {
			/* "... may not change Owner of it" */
			buf_addf(&what, TR(c, "修改%s", "change %s of"),
				 cfg_text(&f->label, c->lang, f->id));
			rc = unit_refused(c, rt, r, what.data, err);
			buf_free(&what);
			return rc;
		}
		/* R2 §3.3.2: a frozen field is refused as frozen, whoever */
		if (ok != EDIT_YES && core_frozen(c, r, f))
			return freeze_refused(c, r, f, err);
		if (ok != EDIT_YES)
			return as_err_set(err, AS_E_PERM, TR(c,
			    "%s在这里不能由 %s 修改",
			    "%s cannot be changed here by %s"),
			    cfg_text(&f->label, c->lang, f->id),
			    c->user->login);
		rc = core_parse_value(c, f, in[i].val, &v, err);
		if (rc != 0)
			return rc;
		old = store_rec_get(r, f->id);
		if (f->required && *v == '\0' && old != NULL &&
		    *old != '\0') {
			free(v);
			return as_err_set(err, AS_E_INVALID, TR(c,
			    "%s为必填项，不能清空（只填空白也算空）",
			    "%s is required and cannot be emptied (white "
			    "space alone counts as empty)"),
			    cfg_text(&f->label, c->lang, f->id));
		}
		if ((old == NULL && *v == '\0') ||
		    (old != NULL && strcmp(old, v) == 0)) {
			free(v);
			continue;
		}
		/* R2 §3.3.2: a frozen field never changes again; R1 §8.1:
		   a record moves only within the user's own units */
		if (core_frozen(c, r, f))
			rc = freeze_refused(c, r, f, err);
		else if (f == rt->unit_field && *v != '\0')
			rc = unit_value_ok(c, f, v, err);
		if (rc != 0) {
			free(v);
			return rc;
		}
		if (e != NULL)
			store_event_change(e, f->id, old, *v ? v : NULL);
		store_rec_set(r, f->id, *v ? v : NULL);
		free(v);
	}
	return 0;
}

/* Create ------------------------------------------------------------- */

static int
check_required_create(const struct core *c, const struct cfg_rectype *rt,
		      const struct store_rec *r, struct as_err *err)
{
	size_t i;

	for (i = 0; i < rt->nfields; i++) {
		const struct cfg_field *f = &rt->fields[i];
		const char *v;

		if (!f->required)
			continue;
		v = store_rec_get(r, f->id);
		if (v == NULL || *v == '\0')
			return as_err_set(err, AS_E_INVALID, TR(c,
			    "%s为必填项", "%s is required"),
			    cfg_text(&f->label, c->lang, f->id));
	}
	return 0;
}

struct create_ctx {
	struct core *c;
	const struct cfg_rectype *rt;
	const struct core_rows *rows;
	int64_t now;
	size_t count, bad_row;
	int bulk;
	char *first, *last;
	/* the year of now and its sequence's name, once per call */
	int year;
	char seq[64];
};

/* The next number of type rt in year (its sequence named seq). */
static int
number_in(struct store_txn *t, const struct cfg_rectype *rt, int year,
	  const char *seq, char **id, struct as_err *err)
{
	const char *pre = rt->prefix ? rt->prefix : "";
	size_t pn = strlen(pre), k;
	uint64_t n;
	char *p;
	int rc;

	rc = store_seq_next(t, seq, &n, err);
	if (rc != 0)
		return rc;
	/* PREFIX YEAR - the number in at least 6 digits ("%s%d-%06llu") */
	p = *id = xmalloc(pn + 2 * 24);
	memcpy(p, pre, pn);
	k = pn + core_fmt_i64(p + pn, year);
	p[k++] = '-';
	core_fmt_u64(p + k, n, 6);
	return 0;
}

static int
number_of(struct store_txn *t, const struct cfg_rectype *rt, int64_t when,
	  char **id, struct as_err *err)
{
	time_t tt = (time_t)when;
	struct tm tm;
	char seq[64];

	localtime_r(&tt, &tm);
	snprintf(seq, sizeof seq, "%s/%d", rt->id, tm.tm_year + 1900);
	return number_in(t, rt, tm.tm_year + 1900, seq, id, err);
}

/* The datetime fields with default: now that r lacks get now (in e). */
static void
fill_default_now(const struct cfg_rectype *rt, struct store_rec *r,
		 int64_t now, struct store_event *e)
{
	char v[32];
	size_t i;

	core_fmt_i64(v, now);
	for (i = 0; i < rt->nfields; i++) {
		const struct cfg_field *f = &rt->fields[i];
		const char *old;

		if (!f->default_now)
			continue;
		old = store_rec_get(r, f->id);
		if (old != NULL && *old != '\0')
			continue;
		store_event_change(e, f->id, old, v);
		store_rec_set(r, f->id, v);
	}
}

/* Build, number and write one new record with its "create" event. */
static int
create_one(struct store_txn *t, struct create_ctx *x,
	   const struct core_kv *in, size_t n, struct as_err *err)
{
	struct store_rec *r;
	struct store_event *e;
	char *id = NULL;
	int rc;

	r = store_rec_new(x->rt->id, "", x->rt->initial->id);
	e = store_event_new("", x->c->user->login, "create", NULL,
			    x->rt->initial->id);
	e->type = xstrdup(x->rt->id);
	r->rev = e->rev = 1;
	r->created = r->updated = e->when = x->now;
	rc = perm_create_inputs(x->c, x->rt, in, n, err);
	if (rc == 0)
		rc = apply_inputs(x->c, x->rt, r, in, n, NULL, NULL, e, err);
	if (rc == 0)
		fill_default_now(x->rt, r, x->now, e);
	if (rc == 0)
		rc = check_required_create(x->c, x->rt, r, err);
	if (rc == 0)
		rc = links_check(x->c, t, x->rt, e, err);
	if (rc == 0)
		rc = calc_update(x->c, t, x->rt, r, 1, x->now, e, err);
	if (rc != 0) {
		x->bad_row = x->count;
		goto out;
	}
	unit_default(x->c, x->rt, r, e);
	freeze_enter(x->rt->initial, r, e);
	clock_update(x->rt, r, NULL, 1, x->now, e);
	/* every record of the call is created now: its year found once */
	if (x->year == 0) {
		time_t tt = (time_t)x->now;
		struct tm tm;

		localtime_r(&tt, &tm);
		x->year = tm.tm_year + 1900;
		snprintf(x->seq, sizeof x->seq, "%s/%d", x->rt->id, x->year);
	}
	rc = number_in(t, x->rt, x->year, x->seq, &id, err);
	if (rc != 0)
		goto out;
	free(r->id);
	r->id = id;
	free(e->rec_id);
	e->rec_id = xstrdup(id);
	rc = x->bulk ? store_put_new(t, r, err) : store_put(t, r, err);
	if (rc == 0)
		rc = store_hist_append(t, e, err);
	if (rc == 0) {
		if (x->first == NULL)
			x->first = xstrdup(id);
		free(x->last);
		x->last = xstrdup(id);
		x->count++;
	}
out:
	store_rec_free(&r);
	store_event_free(&e);
	return rc;
}

static int
create_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct create_ctx *x = vctx;
	const struct core_kv *in;
	size_t n;
	int rc;

	free(x->first);
	free(x->last);
	x->first = x->last = NULL;
	x->count = 0;
	if (x->rows->rewind != NULL &&
	    (rc = x->rows->rewind(x->rows->ctx, err)) != 0)
		return rc;
	while ((rc = x->rows->next(x->rows->ctx, &in, &n, err)) == 1) {
		rc = create_one(t, x, in, n, err);
		if (rc != 0)
			return rc;
	}
	return rc;
}

int
core_create_rows(struct core *c, const char *type,
		 const struct core_rows *rows, size_t *count,
		 size_t *bad_row, char **first, char **last,
		 struct as_err *err)
{
	struct create_ctx x = {0};
	int rc;

	x.c = c;
	x.rows = rows;
	x.now = core_now(c);
	x.bulk = 1;
	x.bad_row = (size_t)-1;
	x.rt = cfg_rectype(c->cfg, type);
	if (x.rt == NULL)
		return as_err_set(err, AS_E_NOTFOUND, TR(c,
		    "没有记录类型“%s”（%s）",
		    "no record type \"%s\" in %s"), type, c->cfg->path);
	if ((rc = core_may_create(c, x.rt, err)) != 0)
		return rc;
	rc = store_write(c->st, create_txn, &x, err);
	if (bad_row != NULL)
		*bad_row = x.bad_row;
	if (count != NULL)
		*count = rc == 0 ? x.count : 0;
	if (rc == 0 && first != NULL) {
		*first = x.first;
		x.first = NULL;
	}
	if (rc == 0 && last != NULL) {
		*last = x.last;
		x.last = NULL;
	}
	free(x.first);
	free(x.last);
	return rc;
}

struct one_row {
	const struct core_kv *in;
	size_t n;
	int done;
};

static int
one_row_next(void *vctx, const struct core_kv **in, size_t *n,
	     struct as_err *err)
{
	struct one_row *o = vctx;

	(void)err;
	if (o->done)
		return 0;
	o->done = 1;
	*in = o->in;
	*n = o->n;
	return 1;
}

static int
one_row_rewind(void *vctx, struct as_err *err)
{
	(void)err;
	((struct one_row *)vctx)->done = 0;
	return 0;
}

int
core_create(struct core *c, const char *type, const struct core_kv *in,
	    size_t n, char **id, struct as_err *err)
{
	struct one_row o = { in, n, 0 };
	struct core_rows rows = { one_row_next, one_row_rewind, &o };

	return core_create_rows(c, type, &rows, NULL, NULL, id, NULL, err);
}

/* Reading ------------------------------------------------------------ */

struct get_ctx {
	const char *id;
	struct store_rec *rec;
	store_event_visit fn;
	void *fctx;
};

static int
get_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct get_ctx *x = vctx;

	store_rec_free(&x->rec);
	return store_get(t, x->id, &x->rec, err);
}

int
core_get(struct core *c, const char *id, struct store_rec **out,
	 struct as_err *err)
{
	struct get_ctx x = { .id = NULL };
	char *nid = core_id(c, id);
	int rc;

	*out = NULL;
	x.id = nid;
	rc = store_read(c->st, get_txn, &x, err);
	if (rc == AS_E_NOTFOUND)
		as_err_set(err, rc, TR(c, "没有记录 %s", "no record %s"), id);
	if (rc == 0)
		*out = x.rec;
	else
		store_rec_free(&x.rec);
	free(nid);
	return rc;
}

static int
hist_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct get_ctx *x = vctx;

	return store_hist_for(t, x->id, x->fn, x->fctx, err);
}

int
core_history(struct core *c, const char *id, store_event_visit fn,
	     void *ctx, struct as_err *err)
{
	struct get_ctx x = { .id = NULL, .fn = fn, .fctx = ctx };
	char *nid = core_id(c, id);
	int rc;

	x.id = nid;
	rc = store_read(c->st, hist_txn, &x, err);
	free(nid);
	return rc;
}

/* Apply -------------------------------------------------------------- */

struct apply_ctx {
	struct core *c;
	const char *id;
	uint64_t rev;
	const char *tid;          /* NULL: a field edit */
	const struct core_kv *in;
	size_t n;
	uint64_t newrev;
	int keep;                 /* keep the record written in done */
	struct store_rec *done;
};

struct allow_tr {
	const struct cfg_transition *t;
	const char *state;
};

int
wf_input(const struct cfg_transition *t, const struct cfg_field *f)
{
	size_t i, j;

	for (i = 0; i < t->nrequires; i++)
		if (t->requires[i] == f)
			return 1;
	for (i = 0; i < t->nreqif; i++)
		for (j = 0; j < t->reqif[i].nfields; j++)
			if (t->reqif[i].fields[j] == f)
				return 2;
	return 0;
}

/* A transition may set its required fields and what the user may edit. */
static int
allowed_in_transition(const struct core *c, const struct cfg_rectype *rt,
		      const struct store_rec *r, const struct cfg_field *f,
		      const void *vctx, const struct cfg_field **by)
{
	const struct allow_tr *a = vctx;

	if (wf_input(a->t, f))
		return EDIT_YES;
	return edit_allowed(c, rt, r, a->state, f, by);
}

static int
allowed_edit(const struct core *c, const struct cfg_rectype *rt,
	     const struct store_rec *r, const struct cfg_field *f,
	     const void *vctx, const struct cfg_field **by)
{
	(void)vctx;
	return edit_allowed(c, rt, r, r->state, f, by);
}

/* One value of a condition as a user reads it into b. */
static void
cond_one_value(const struct core *c, const struct cfg_field *f,
	       const char *v, long long num, struct as_buf *b)
{
	char n[32];

	if (v == NULL) {
		snprintf(n, sizeof n, "%lld", num);
		v = n;
	}
	if (f->type == CFG_T_DATE || f->type == CFG_T_DATETIME)
		buf_adds(b, v);          /* as written in the configuration */
	else if (f->type == CFG_T_LINES)
		buf_addf(b, TR(c, "%s 行", "%s lines"), v);
	else if (f->type == CFG_T_WARRANTY)
		core_warranty_verdict_text(v, c->lang, b);
	else
		core_format_value(c, f, v, c->lang, b);
}

/* What a field condition wants ("“质量问题”", "at most 100") into b. */
static void
cond_value(const struct core *c, const struct cfg_cond *w, struct as_buf *b)
{
	size_t i;

	switch (w->op) {
	case CFG_OP_EQ:
	case CFG_OP_IN:
		for (i = 0; i < w->nvalues; i++) {
			if (i > 0)
				buf_adds(b, TR(c, "或", " or "));
			buf_adds(b, TR(c, "“", ""));
			cond_one_value(c, w->field, w->values[i], 0, b);
			buf_adds(b, TR(c, "”", ""));
		}
		break;
	case CFG_OP_MAX:
	case CFG_OP_MIN:
		buf_adds(b, w->op == CFG_OP_MAX ? TR(c, "不超过 ", "at most ")
		    : TR(c, "不少于 ", "at least "));
		cond_one_value(c, w->field, w->value, w->num, b);
		break;
	case CFG_OP_SET:
		buf_adds(b, w->num ? TR(c, "已填写", "set")
		    : TR(c, "未填写", "empty"));
		break;
	}
}

static int
check_transition(const struct core *c, const struct cfg_rectype *rt,
		 const struct cfg_transition *tr, const struct store_rec *r,
		 struct as_err *err)
{
	const struct cfg_state *st = cfg_state(rt, r->state);
	const char *stl = st ? cfg_text(&st->label, c->lang, st->id) : r->state;
	struct as_buf b = {0}, u = {0};
	int rc;

	if (!wf_role_ok(c->user, tr)) {
		roles_text(tr, c->lang, &b);
		user_roles_text(c->user, c->lang, &u);
		rc = as_err_set(err, AS_E_PERM, TR(c,
		    "只有 %s 可以%s（R1 §7.1 及配置的岗位）；%s 的岗位是 %s",
		    "only %s may %s (R1 §7.1 and the configured roles); "
		    "%s has %s"), b.data ? b.data : "-",
		    cfg_text(&tr->label, c->lang, tr->id), c->user->login,
		    u.data ? u.data : "-");
		buf_free(&b);
		buf_free(&u);
		return rc;
	}
	if (!wf_from_ok(tr, r->state))
		return as_err_set(err, AS_E_PERM, TR(c,
				  "不能%s：%s 现在是“%s”（%s）状态",
				  "%s is not possible on %s in state %s (%s)"),
				  cfg_text(&tr->label, c->lang, tr->id), r->id,
				  stl, r->state);
	if (!by_ok(c, rt, tr->by, r))
		return by_refused(c, rt, tr->by, r,
				  cfg_text(&tr->label, c->lang, tr->id), err);
	if (tr->scope_unit && !core_in_units(c, r))
		return unit_refused(c, rt, r,
				    cfg_text(&tr->label, c->lang, tr->id), err);
	return 0;
}

/*
 * requires_when: of tr on r (with the step's inputs): the fields of each
 * entry whose when: holds must have a value (R2 §3.4.1: a lead when the
 * team has two or more; R2 §3.3.4: a fee approved before departure).
 */
static int
check_reqif(const struct core *c, const struct cfg_transition *tr,
	    const struct store_rec *r, struct as_err *err)
{
	const struct cfg_reqif *q;
	size_t i, j, k;
	int rc;

	for (i = 0; i < tr->nreqif; i++) {
		q = &tr->reqif[i];
		if (!core_cond_holds(q->when, q->nwhen, r))
			continue;
		for (j = 0; j < q->nfields; j++) {
			const struct cfg_field *f = q->fields[j];
			const char *v = store_rec_get(r, f->id);
			struct as_buf why = {0}, want = {0};

			if (v != NULL && *v != '\0')
				continue;
			for (k = 0; k < q->nwhen; k++) {
				want.len = 0;
				cond_value(c, &q->when[k], &want);
				buf_addf(&why, "%s%s%s%s", k ? TR(c, "，", ", ")
				    : "", cfg_text(&q->when[k].field->label,
				    c->lang, q->when[k].field->id),
				    TR(c, "", " "), want.data ? want.data : "");
			}
			rc = as_err_set(err, AS_E_INVALID, TR(c,
			    "%s需要填写 %s（%s），因为%s",
			    "%s requires %s (%s) when %s"),
			    cfg_text(&tr->label, c->lang, tr->id), f->id,
			    cfg_text(&f->label, c->lang, f->id),
			    why.data ? why.data : "");
			buf_free(&why);
			buf_free(&want);
			return rc;
		}
	}
	return 0;
}

static int
check_after(const struct core *c, struct store_txn *t,
	    const struct cfg_transition *tr, const struct store_rec *r,
	    struct as_err *err)
{
	size_t i;
	int rc;

	for (i = 0; i < tr->nwhen; i++) {
		const struct cfg_cond *w = &tr->when[i];

		if (!core_cond_test(w, r)) {
			struct as_buf want = {0};

			cond_value(c, w, &want);
			rc = as_err_set(err, AS_E_PERM, TR(c,
					"%s 只适用于%s为%s的情况",
					"%s applies only when %s is %s"),
					cfg_text(&tr->label, c->lang, tr->id),
					cfg_text(&w->field->label, c->lang,
						 w->field->id),
					want.data ? want.data : "");
			buf_free(&want);
			return rc;
		}
	}
	for (i = 0; i < tr->nrequires; i++) {
		const struct cfg_field *f = tr->requires[i];
		const char *v = store_rec_get(r, f->id);

		if (v == NULL || *v == '\0')
			return as_err_set(err, AS_E_INVALID, TR(c,
			    "%s需要填写%s", "%s requires %s"),
			    cfg_text(&tr->label, c->lang, tr->id),
			    cfg_text(&f->label, c->lang, f->id));
	}
	if ((rc = check_reqif(c, tr, r, err)) != 0)
		return rc;
	for (i = 0; i < tr->nguards; i++) {
		core_guard_fn g = core_guard(tr->guards[i]);

		if (g != NULL && (rc = g(c, t, r, err)) != 0)
			return rc;
	}
	return 0;
}

/*
 * The stored value v of field f is a valid value of it: as typed (text,
 * enum, reference: parsing it gives it back), or for numbers and times
 * the stored decimal within f's bounds.
 */
static int
check_stored(const struct core *c, const struct cfg_field *f, const char *v,
	     struct as_err *err)
{
	char *p = NULL, *end;
	long long n;
	int rc;

	switch (f->type) {
	case CFG_T_INT:
	case CFG_T_MONEY:
	case CFG_T_DATE:
	case CFG_T_DATETIME:
		n = strtoll(v, &end, 10);
		if (*end == '\0' && (!f->has_min || n >= f->min) &&
		    (!f->has_max || n <= f->max))
			return 0;
		return as_err_set(err, AS_E_INVALID, TR(c,
		    "%s：“%s”无效", "%s: \"%s\" is not valid"),
		    cfg_text(&f->label, c->lang, f->id), v);
	default:
		rc = core_parse_value(c, f, v, &p, err);
		free(p);
		return rc;
	}
}

/*
 * A transition's creates: (see config.h), inside its write transaction:
 * a record of the other type, numbered, with its link: field naming r,
 * the copy: fields, its clocks started and its "create" event; then r's
 * back: field (recorded in e) names it.  Any refusal leaves the caller to
 * abort the whole transaction: both records or neither.
 */
static int create_one_linked(struct store_txn *, struct core *,
    const struct cfg_transition *, struct store_rec *, struct store_event *,
    const struct core_lines *, size_t, struct as_err *);

static int
create_linked(struct store_txn *t, struct core *c,
	      const struct cfg_transition *tr, struct store_rec *r,
	      struct store_event *e, struct as_err *err)
{
	const struct cfg_creates *cr = tr->creates;
	struct core_lines cl;
	size_t i;
	int rc = 0;

	if (cr->per_line == NULL)
		return create_one_linked(t, c, tr, r, e, NULL, 0, err);
	/* one record per line (an old part per part replaced) */
	if (core_lines_decode(cr->per_line, store_rec_get(r,
	    cr->per_line->id), &cl) != 0)
		return 0;
	for (i = 0; i < cl.n && rc == 0; i++)
		rc = create_one_linked(t, c, tr, r, e, &cl, i, err);
	core_lines_free(&cl);
	return rc;
}

/* The record of a creates:, from line i of cl when cl is not NULL. */
static int
create_one_linked(struct store_txn *t, struct core *c,
		  const struct cfg_transition *tr, struct store_rec *r,
		  struct store_event *e, const struct core_lines *cl,
		  size_t line, struct as_err *err)
{
	const struct cfg_creates *cr = tr->creates;
	const struct cfg_rectype *nrt = cr->type;
	struct store_rec *n;
	struct store_event *ne;
	const char *old;
	char *id = NULL;
	size_t i;
	int rc = 0;

	n = store_rec_new(nrt->id, "", nrt->initial->id);
	ne = store_event_new("", c->user->login, "create", NULL,
			     nrt->initial->id);
	ne->type = xstrdup(nrt->id);
	n->rev = ne->rev = 1;
	n->created = n->updated = ne->when = core_now(c);
	for (i = 0; i < cr->ncopy && rc == 0; i++) {
		const char *v = store_rec_get(r, cr->copy[i].from->id);
		char *sup = NULL;

		/* a warranty check gives the supplier it names (R2 §3.8) */
		if (cr->copy[i].from->type == CFG_T_WARRANTY)
			v = sup = core_warranty_supplier(v);
		if (v == NULL || *v == '\0') {
			free(sup);
			continue;
		}
		rc = check_stored(c, cr->copy[i].to, v, err);
		if (rc == 0) {
			store_rec_set(n, cr->copy[i].to->id, v);
			store_event_change(ne, cr->copy[i].to->id, NULL, v);
		}
		free(sup);
	}
	for (i = 0; cl != NULL && i < cr->nline_copy && rc == 0; i++) {
		const char *v = cl->cell[line * cr->per_line->ncolumns +
		    (size_t)(cr->line_copy[i].from - cr->per_line->columns)];

		if (v == NULL || *v == '\0')
			continue;
		rc = check_stored(c, cr->line_copy[i].to, v, err);
		if (rc == 0) {
			store_rec_set(n, cr->line_copy[i].to->id, v);
			store_event_change(ne, cr->line_copy[i].to->id, NULL,
			    v);
		}
	}
	if (rc == 0) {
		store_rec_set(n, cr->link->id, r->id);
		store_event_change(ne, cr->link->id, NULL, r->id);
		rc = check_required_create(c, nrt, n, err);
	}
	if (rc == 0)
		rc = links_check(c, t, nrt, ne, err);
	if (rc == 0)
		rc = calc_update(c, t, nrt, n, 1, n->created, ne, err);
	if (rc != 0) {
		/* say which step's new record was refused */
		char *m = xstrdup(err != NULL ? err->msg : "");

		rc = as_err_set(err, rc, TR(c, "%s不能建立%s：%s",
		    "%s cannot create the %s: %s"),
		    cfg_text(&tr->label, c->lang, tr->id),
		    cfg_text(&nrt->label, c->lang, nrt->id), m);
		free(m);
		goto out;
	}
	clock_update(nrt, n, NULL, 1, n->created, ne);
	if ((rc = number_of(t, nrt, n->created, &id, err)) != 0)
		goto out;
	free(n->id);
	n->id = id;
	free(ne->rec_id);
	ne->rec_id = xstrdup(id);
	if ((rc = store_put(t, n, err)) != 0 ||
	    (rc = store_hist_append(t, ne, err)) != 0)
		goto out;
	if (cr->back != NULL) {
		old = store_rec_get(r, cr->back->id);
		store_event_change(e, cr->back->id, old, id);
		store_rec_set(r, cr->back->id, id);
	}
out:
	store_rec_free(&n);
	store_event_free(&ne);
	return rc;
}

/*
 * The stock a step moves (its moves:, R2 §3.6, §3.7) and the state it
 * leaves the record in (*next; NULL: it keeps its state), with the
 * event's target state made to match.
 */
static int
apply_moves(struct core *c, struct store_txn *t,
	    const struct cfg_transition *tr, struct store_rec *r,
	    struct store_event *e, const struct cfg_state **next,
	    struct as_err *err)
{
	int all_done = 1, rc;

	*next = tr->to;
	if (tr->nmoves == 0 && tr->nto_when == 0)
		return 0;
	if ((rc = stock_moves(c, t, tr, r, e, &all_done, err)) != 0)
		return rc;
	*next = stock_next_state(tr, r, all_done);
	free(e->to);
	e->to = xstrdup(*next != NULL ? (*next)->id : r->state);
	return 0;
}

/* Take x's transition (or edit) on x->id within transaction t. */
static int
apply_rec(struct store_txn *t, struct apply_ctx *x, struct as_err *err)
{
	struct core *c = x->c;
	const struct cfg_rectype *rt;
	const struct cfg_transition *tr = NULL;
	struct store_rec *r = NULL;
	struct store_event *e = NULL;
	struct allow_tr a;
	const struct cfg_state *next = NULL;
	int rc;

	rc = store_get(t, x->id, &r, err);
	if (rc == AS_E_NOTFOUND)
		return as_err_set(err, rc, TR(c, "没有记录 %s", "no record %s"),
				  x->id);
	if (rc != 0)
		return rc;
	rt = core_rectype(c, r);
	if (rt == NULL) {
		rc = as_err_set(err, AS_E_CONFIG, TR(c, "记录 %s 的类型是 %s，"
				"而 %s 没有定义它", "record %s has type %s, "
				"which %s does not define"), r->id, r->type,
				c->cfg->path);
		goto out;
	}
	if (x->tid != NULL) {
		tr = core_transition_named(rt, x->tid, r->state);
		if (tr == NULL) {
			rc = as_err_set(err, AS_E_NOTFOUND, TR(c,
					"%s没有操作“%s”",
					"%s has no transition \"%s\""),
					cfg_text(&rt->label, c->lang, rt->id),
					x->tid);
			goto out;
		}
	}
	if (x->rev != 0 && r->rev != x->rev) {
		rc = as_err_set(err, AS_E_CONFLICT, TR(c,
				"%s 已被他人修改（现在是第 %llu 版，您看到的是"
				"第 %llu 版）；请重新载入后再试",
				"%s was changed by someone else (now revision "
				"%llu, you saw %llu); reload it and try again"),
				r->id,
				(unsigned long long)r->rev,
				(unsigned long long)x->rev);
		goto out;
	}
	if (tr != NULL && (rc = check_transition(c, rt, tr, r, err)) != 0)
		goto out;
	e = store_event_new(r->id, c->user->login, tr ? tr->id : "edit",
			    r->state, tr && tr->to ? tr->to->id : r->state);
	if (tr != NULL) {
		char *was = tr->lower_only != NULL ? xstrdup(store_rec_get(r,
		    tr->lower_only->lines->id) ? store_rec_get(r,
		    tr->lower_only->lines->id) : "") : NULL;

		a.t = tr;
		a.state = r->state;
		rc = apply_inputs(c, rt, r, x->in, x->n, allowed_in_transition,
				  &a, e, err);
		if (rc == 0 && was != NULL)
			rc = stock_lower_check(c, tr, was, r, err);
		free(was);
	} else {
		rc = apply_inputs(c, rt, r, x->in, x->n, allowed_edit, NULL,
				  e, err);
		if (rc == 0 && e->nchanges == 0)
			rc = as_err_set(err, AS_E_INVALID,
					TR(c, "没有任何修改", "nothing changed"));
	}
	if (rc != 0)
		goto out;
	if ((rc = links_check(c, t, rt, e, err)) != 0)
		goto out;
	if ((rc = calc_update(c, t, rt, r, 0, core_now(c), e, err)) != 0)
		goto out;
	if (tr != NULL && (rc = check_after(c, t, tr, r, err)) != 0)
		goto out;
	if (tr != NULL && tr->creates != NULL &&
	    (rc = create_linked(t, c, tr, r, e, err)) != 0)
		goto out;
	if (tr != NULL && (rc = apply_moves(c, t, tr, r, e, &next, err)) != 0)
		goto out;
	if (tr != NULL && next != NULL) {
		free(r->state);
		r->state = xstrdup(next->id);
		freeze_enter(next, r, e);
		seal_enter(next, r, e);
	}
	r->rev++;
	r->updated = core_now(c);
	clock_update(rt, r, tr, 0, r->updated, e);
	e->when = r->updated;
	e->rev = r->rev;
	rc = store_put(t, r, err);
	if (rc == 0)
		rc = store_hist_append(t, e, err);
	if (rc == 0)
		x->newrev = r->rev;
	if (rc == 0 && x->keep) {
		store_rec_free(&x->done);	/* of a run the store repeated */
		x->done = r;
		r = NULL;
	}
out:
	store_event_free(&e);
	store_rec_free(&r);
	return rc;
}

static int
apply_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	return apply_rec(t, vctx, err);
}

/* Batch -------------------------------------------------------------- */

struct batch_ctx {
	struct core *c;
	const char *const *ids;
	const uint64_t *revs;
	size_t n;
	const char *tid;
	const struct core_kv *in;
	size_t nin;
	size_t bad;
};

/*
 * Every record of the batch in one transaction: the first refusal ends it
 * (and so aborts it: all or none, R2 §3.7.5), its message naming the
 * record.
 */
static int
batch_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct batch_ctx *x = vctx;
	struct apply_ctx a;
	char msg[sizeof err->msg];
	size_t i, len;
	int rc;

	for (i = 0; i < x->n; i++) {
		memset(&a, 0, sizeof a);
		a.c = x->c;
		a.id = x->ids[i];
		a.rev = x->revs != NULL ? x->revs[i] : 0;
		a.tid = x->tid;
		a.in = x->in;
		a.n = x->nin;
		if ((rc = apply_rec(t, &a, err)) == 0)
			continue;
		x->bad = i;
		if (err == NULL)
			return rc;
		memcpy(msg, err->msg, sizeof msg);
		len = strlen(x->ids[i]);
		if (strncmp(msg, x->ids[i], len) == 0)
			as_err_set(err, rc, TR(x->c,
			    "批量操作整体取消，没有任何修改：%.700s",
			    "the batch was refused whole, nothing changed: "
			    "%.700s"), msg);
		else
			as_err_set(err, rc, TR(x->c,
			    "批量操作整体取消，没有任何修改：%s：%.600s",
			    "the batch was refused whole, nothing changed: "
			    "%s: %.600s"), x->ids[i], msg);
		return rc;
	}
	return 0;
}

static int batch_apply(struct core *c, struct batch_ctx *xp, size_t *bad,
		       struct as_err *err);

int
wf_apply_batch(struct core *c, const char *const *ids, const uint64_t *revs,
	       size_t n, const char *tid, const struct core_kv *in,
	       size_t nin, size_t *bad, struct as_err *err)
{
	struct batch_ctx x = { c, NULL, revs, n, tid, in, nin, (size_t)-1 };
	char **nids;
	size_t i;
	int rc;

	nids = xcalloc(n + 1, sizeof *nids);
	for (i = 0; i < n; i++)
		nids[i] = core_id(c, ids[i]);
	x.ids = (const char *const *)nids;
	rc = batch_apply(c, &x, bad, err);
	for (i = 0; i < n; i++)
		free(nids[i]);
	free(nids);
	return rc;
}

/* wf_apply_batch on numbers already normalised (x->ids). */
static int
batch_apply(struct core *c, struct batch_ctx *xp, size_t *bad,
	    struct as_err *err)
{
	struct batch_ctx x = *xp;
	const char *const *ids = x.ids;
	size_t i, j, n = x.n;
	int rc;

	if (bad != NULL)
		*bad = (size_t)-1;
	if (n == 0)
		return as_err_set(err, AS_E_INVALID, TR(c,
		    "批量操作没有选中任何记录", "a batch step names no records"));
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(ids[i], ids[j]) == 0) {
				if (bad != NULL)
					*bad = i;
				return as_err_set(err, AS_E_INVALID, TR(c,
				    "%s 在批量操作中出现了两次",
				    "%s is named twice in the batch"), ids[i]);
			}
	rc = store_write(c->st, batch_txn, &x, err);
	if (rc != 0 && bad != NULL)
		*bad = x.bad;
	return rc;
}

/* wf_apply, and the record written into *out when out is not NULL. */
static int
apply_one(struct core *c, const char *id, uint64_t rev, const char *tid,
	  const struct core_kv *in, size_t n, uint64_t *newrev,
	  struct store_rec **out, struct as_err *err)
{
	struct apply_ctx x = { c, NULL, rev, tid, in, n, 0, out != NULL,
			       NULL };
	char *nid = core_id(c, id);
	int rc;

	x.id = nid;
	rc = store_write(c->st, apply_txn, &x, err);
	if (rc == 0 && newrev != NULL)
		*newrev = x.newrev;
	if (rc == 0 && out != NULL) {
		*out = x.done;
		x.done = NULL;
	}
	store_rec_free(&x.done);
	free(nid);
	return rc;
}

int
wf_apply(struct core *c, const char *id, uint64_t rev, const char *tid,
	 const struct core_kv *in, size_t n, uint64_t *newrev,
	 struct as_err *err)
{
	return apply_one(c, id, rev, tid, in, n, newrev, NULL, err);
}

int
wf_apply_rec(struct core *c, const char *id, uint64_t rev, const char *tid,
	     const struct core_kv *in, size_t n, struct store_rec **out,
	     struct as_err *err)
{
	*out = NULL;
	return apply_one(c, id, rev, tid, in, n, NULL, out, err);
}

/* Create and step ---------------------------------------------------- */

struct create_step_ctx {
	struct create_ctx cr;
	const struct core_kv *in;
	size_t n;
	const char *tid;
	const struct core_kv *tin;
	size_t ntin;
};

static int
create_step_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct create_step_ctx *x = vctx;
	struct apply_ctx a;
	int rc;

	free(x->cr.first);
	free(x->cr.last);
	x->cr.first = x->cr.last = NULL;
	x->cr.count = 0;
	if ((rc = create_one(t, &x->cr, x->in, x->n, err)) != 0)
		return rc;
	memset(&a, 0, sizeof a);
	a.c = x->cr.c;
	a.id = x->cr.first;
	a.tid = x->tid;
	a.in = x->tin;
	a.n = x->ntin;
	return apply_rec(t, &a, err);
}

int
core_create_step(struct core *c, const char *type, const struct core_kv *in,
		 size_t n, const char *tid, const struct core_kv *tin,
		 size_t ntin, char **id, struct as_err *err)
{
	struct create_step_ctx x;
	int rc;

	memset(&x, 0, sizeof x);
	x.cr.c = c;
	x.cr.now = core_now(c);
	x.cr.bad_row = (size_t)-1;
	x.cr.rt = cfg_rectype(c->cfg, type);
	x.in = in;
	x.n = n;
	x.tid = tid;
	x.tin = tin;
	x.ntin = ntin;
	if (x.cr.rt == NULL)
		return as_err_set(err, AS_E_NOTFOUND, TR(c,
		    "没有记录类型“%s”（%s）",
		    "no record type \"%s\" in %s"), type, c->cfg->path);
	if ((rc = core_may_create(c, x.cr.rt, err)) != 0)
		return rc;
	rc = store_write(c->st, create_step_txn, &x, err);
	if (rc == 0 && id != NULL) {
		*id = x.cr.first;
		x.cr.first = NULL;
	}
	free(x.cr.first);
	free(x.cr.last);
	return rc;
}

int
core_edit(struct core *c, const char *id, uint64_t rev,
	  const struct core_kv *in, size_t n, uint64_t *newrev,
	  struct as_err *err)
{
	return wf_apply(c, id, rev, NULL, in, n, newrev, err);
}

/* Verify's seals: every sealed record still matches its code. */
struct seal_ctx {
	struct core *c;
	store_problem_fn fn;
	void *fctx;
	size_t bad;
};

static int
seal_visit(const struct store_rec *r, void *vctx)
{
	struct seal_ctx *x = vctx;
	const struct cfg_state *st = NULL;
	const struct cfg_rectype *rt = core_rectype(x->c, r);
	char code[10], *m;

	if (!seal_check(rt, r, &st))
		return 0;
	seal_code(st, r, code);
	/* R2 §3.3.2: a signature or comment altered after signing */
	m = xasprintf(TR(x->c, "%s：%s 是 %s，但记录现在的内容得出 %s："
	    "签字后的内容被程序以外的方式改动过（R2 §3.3.2）",
	    "%s: %s is %s but the record's content now gives %s: it was "
	    "changed after sealing, not through the program (R2 §3.3.2)"),
	    r->id, st->seal->id, store_rec_get(r, st->seal->id), code);
	x->fn(m, x->fctx);
	free(m);
	x->bad++;
	return 0;
}

static int
seal_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	return store_scan(t, NULL, seal_visit, vctx, err);
}

int
core_verify(struct core *c, store_problem_fn fn, void *ctx,
	    struct as_err *err)
{
	struct seal_ctx x = { c, fn, ctx, 0 };
	size_t i, j;
	int rc, rc2, seals = 0;

	rc = store_verify(c->st, fn, ctx, err);
	if (rc != 0 && rc != AS_E_CORRUPT)
		return rc;
	for (i = 0; i < c->cfg->nrectypes; i++)
		for (j = 0; j < c->cfg->rectypes[i].nstates; j++)
			seals |= c->cfg->rectypes[i].states[j].seal != NULL;
	if (!seals)
		return rc;
	rc2 = store_read(c->st, seal_txn, &x, err);
	if (rc2 != 0)   /* a damaged page: what store_verify said stands */
		return rc != 0 ? rc : rc2;
	if (x.bad)
		return as_err_set(err, AS_E_CORRUPT, TR(c,
				  "%zu 份记录与其签字码不符",
				  "%zu records do not match their seal"),
				  x.bad);
	return rc;
}

int
core_backup(struct core *c, const char *dest, struct as_err *err)
{
	int rc;

	if ((rc = core_may(c, "backup", err)) != 0)
		return rc;
	return store_backup(c->st, dest, err);
}

int
core_reindex(struct core *c, uint64_t *nrecords, struct as_err *err)
{
	int rc;

	if ((rc = core_may(c, "reindex", err)) != 0)
		return rc;
	return store_reindex(c->st, nrecords, err);
}
