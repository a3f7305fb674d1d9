/*
 * kpi.c - the KPI figures of R2 §3.2.1, per calendar month: timeliness
 * (服务及时率), satisfaction (用户满意程度) and the service-caused
 * complaint rate (用户抱怨率), each against its target.  What a figure
 * counts is declared on its target in the YAML (config.h, "KPI figures"):
 * no field is named here.
 *
 * Every record writes, with its other index entries and in the same
 * transaction, one key per thing it counts for, in the month it counts:
 *
 *   kp TARGET YYYY-MM n UNIT ENGINEER        count: (the numerator)
 *   kp TARGET YYYY-MM d UNIT ENGINEER        over: (the denominator)
 *   kp TARGET YYYY-MM m UNIT ENGINEER CLOCK  a clock met, month of its due
 *   kp TARGET YYYY-MM l UNIT ENGINEER CLOCK  a clock stopped late
 *   kp TARGET YYYY-MM o UNIT ENGINEER DUE CLOCK  a clock still running
 *
 * and, for each report of reports: (the complaint register), kr REPORT
 * YYYY-MM of its at: field.  So a month's figures are the counts of the month's distinct keys
 * (store_index_keys), however many records there are.  A running clock
 * counts as missed once its due (in the key) has passed: "open overdue
 * ones included"; before that it has not fallen due yet.  Keys depend on
 * the configuration: after changing a target, reindex (verify names the
 * missing keys).
 */
#include "core_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define K_KPI "kp\x1f"
#define K_REPORT "kr\x1f"  /* kr REPORT YYYY-MM -> id: reports: by month */

/* "YYYY-MM" of UTC seconds t in the configured zone into m. */
static void
month_calc(int64_t t, char m[8])
{
	time_t tt = (time_t)t;
	struct tm tm;
	int y;

	if (localtime_r(&tt, &tm) == NULL ||
	    tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999) {
		strcpy(m, "0000-00");
		return;
	}
	/* YYYY-MM without a format: twice for every record written */
	y = tm.tm_year + 1900;
	m[0] = (char)('0' + y / 1000);
	m[1] = (char)('0' + y / 100 % 10);
	m[2] = (char)('0' + y / 10 % 10);
	m[3] = (char)('0' + y % 10);
	m[4] = '-';
	m[5] = (char)('0' + (tm.tm_mon + 1) / 10);
	m[6] = (char)('0' + (tm.tm_mon + 1) % 10);
	m[7] = '\0';
}

/*
 * month_calc, with the last two times asked kept with their months (per
 * thread: verify rebuilds index keys in threads) while the zone stays
 * the same: an import asks for the same two, its time and the due a day
 * later, at every record, and localtime_r was most of the cost (issue 13).
 */
static void
month_of(int64_t t, char m[24])
{
	static _Thread_local struct {
		int64_t t;
		long zone;
		char m[8];
		int ok;
	} memo[2];
	static _Thread_local unsigned next;
	long zone = core_zone_gen();
	int i;

	for (i = 0; i < 2; i++)
		if (memo[i].ok && memo[i].t == t && memo[i].zone == zone) {
			memcpy(m, memo[i].m, sizeof memo[i].m);
			return;
		}
	month_calc(t, memo[next].m);
	memo[next].t = t;
	memo[next].zone = zone;
	memo[next].ok = 1;
	memcpy(m, memo[next].m, sizeof memo[next].m);
	next ^= 1;
}

static const char *
val_or_empty(const struct store_rec *r, const struct cfg_field *f)
{
	const char *v = f != NULL ? store_rec_get(r, f->id) : NULL;

	return v != NULL ? v : "";
}

/* The time a date or datetime field of r holds; 0 when unset. */
static int
time_of(const struct store_rec *r, const struct cfg_field *f, int64_t *t)
{
	const char *v = store_rec_get(r, f->id);
	char *end;

	if (v == NULL || *v == '\0')
		return 0;
	*t = core_strtoll(v, &end);
	return *end == '\0';
}

static void
add_key(struct store_keys *out, char *k)
{
	/* the same key twice goes in store_rec_keys' sort */
	store_keys_take(out, k);
}

/* K_KPI then the n parts joined by \x1f. */
static char *
kpi_key(const char *const *part, size_t n)
{
	return core_key_join(K_KPI, part, n);
}

static void
set_keys(const struct cfg_target *t, const struct cfg_kpi_set *s, char part,
	 const struct cfg_rectype *rt, const struct store_rec *r,
	 struct store_keys *out)
{
	char m[24];
	int64_t at;

	if (s == NULL || s->type != rt || !time_of(r, s->at, &at) ||
	    !core_cond_holds(s->when, s->nwhen, r))
		return;
	month_of(at, m);
	{
		const char p[2] = { part, '\0' };
		const char *v[5] = { t->id, m, p,
		    val_or_empty(r, rt->unit_field),
		    val_or_empty(r, s->engineer) };

		add_key(out, kpi_key(v, 5));
	}
}

static void
clock_keys(const struct cfg_target *t, const struct cfg_rectype *rt,
	   const struct store_rec *r, struct store_keys *out)
{
	const struct cfg_field *eng = NULL;
	const char *unit = val_or_empty(r, rt->unit_field);
	int64_t due;
	int done, late;
	char m[24], at[24], buf[128], *clk;
	size_t i, n;

	for (i = 0; i < t->neng; i++)
		if (t->eng[i].type == rt)
			eng = t->eng[i].field;
	for (i = 0; i < rt->nclocks; i++) {
		const struct cfg_clock *k = &rt->clocks[i];

		if (!k->timeliness || !core_clock_due_state(k, r, &due, &done,
		    &late))
			continue;
		month_of(due, m);
		n = strlen(rt->id) + 1 + strlen(k->id) + 1;
		clk = n <= sizeof buf ? buf : xmalloc(n);
		memcpy(clk, rt->id, strlen(rt->id));
		clk[strlen(rt->id)] = '.';
		strcpy(clk + strlen(rt->id) + 1, k->id);
		if (done) {
			const char *v[6] = { t->id, m, late ? "l" : "m", unit,
			    val_or_empty(r, eng), clk };

			add_key(out, kpi_key(v, 6));
		} else {
			const char *v[7] = { t->id, m, "o", unit,
			    val_or_empty(r, eng), at, clk };

			uint64_t d = due < 0 ? 0 : (uint64_t)due;
			int j;

			for (j = 19; j >= 0; j--, d /= 10)   /* %020 */
				at[j] = (char)('0' + d % 10);
			at[20] = '\0';
			add_key(out, kpi_key(v, 7));
		}
		if (clk != buf)
			free(clk);
	}
}

void
core_kpi_keys(const struct core *c, const struct store_rec *r,
	      struct store_keys *out)
{
	const struct cfg_rectype *rt = cfg_rectype(c->cfg, r->type);
	size_t i;

	if (rt == NULL)
		return;
	for (i = 0; i < c->cfg->ntargets; i++) {
		const struct cfg_target *t = &c->cfg->targets[i];

		if (t->clocks)
			clock_keys(t, rt, r, out);
		set_keys(t, t->count, 'n', rt, r, out);
		set_keys(t, t->over, 'd', rt, r, out);
	}
	for (i = 0; i < c->cfg->nreports; i++) {
		const struct cfg_report *p = &c->cfg->reports[i];
		char m[24];
		const char *part[] = { p->id, m };   /* K_REPORT id YYYY-MM */
		int64_t at;

		if (p->type != rt || !time_of(r, p->at, &at))
			continue;
		month_of(at, m);
		add_key(out, core_key_join(K_REPORT, part, 2));
	}
}

/* The records of report p of a month (all: year 0), in number order. */
struct rep_ctx {
	char **v;
	size_t n, cap;
};

static int
rep_visit(const char *key, const char *id, void *vctx)
{
	struct rep_ctx *x = vctx;

	(void)key;
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 64;
		x->v = xrealloc(x->v, x->cap * sizeof *x->v);
	}
	x->v[x->n++] = xstrdup(id);
	return x->n >= CORE_KPI_ITEMS_MAX;
}

struct rep_txn {
	struct rep_ctx *x;
	const char *pre;
};

static int
rep_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct rep_txn *y = vctx;

	while (y->x->n > 0)
		free(y->x->v[--y->x->n]);
	return store_index_scan(t, y->pre, 1, NULL, rep_visit, y->x, err);
}

static int
str_id_cmp(const void *a, const void *b)
{
	return store_id_cmp(*(char *const *)a, *(char *const *)b);
}

int
core_report_ids(struct core *c, const struct cfg_report *p, int year,
		int month, char ***out, size_t *nout, struct as_err *err)
{
	struct rep_ctx x = {0};
	struct rep_txn y;
	char *pre;
	int rc;

	if (year > 0)
		pre = xasprintf(K_REPORT "%s\x1f%04d-%02d", p->id, year, month);
	else
		pre = xasprintf(K_REPORT "%s\x1f", p->id);
	y.x = &x;
	y.pre = pre;
	rc = store_read(c->st, rep_txn, &y, err);
	free(pre);
	if (rc == 0 && x.n > 1)
		qsort(x.v, x.n, sizeof *x.v, str_id_cmp);
	else {
		while (x.n > 0)
			free(x.v[--x.n]);
		free(x.v);
		x.v = NULL;
	}
	*out = x.v;
	*nout = x.n;
	return rc;
}

/* Reading the figures --------------------------------------------------- */

int
core_kpi_measured(const struct cfg_target *t)
{
	return t->clocks || (t->count != NULL && t->over != NULL);
}

int
core_kpi_parse_month(const char *s, int *year, int *month)
{
	int y, m, n = 0;

	if (s == NULL || sscanf(s, "%4d-%2d%n", &y, &m, &n) != 2 ||
	    s[n] != '\0' || n != 7 || y < 1970 || m < 1 || m > 12)
		return -1;
	*year = y;
	*month = m;
	return 0;
}

/* The key parts after the prefix: kind, unit, engineer, rest. */
struct kparts {
	char kind;
	char unit[128], eng[128];
	int64_t due;                    /* kind 'o' */
};

static int
split_key(const char *k, struct kparts *p)
{
	const char *u, *e, *x;
	size_t n;

	memset(p, 0, sizeof *p);
	if (k[0] == '\0' || k[1] != '\x1f')
		return -1;
	p->kind = k[0];
	u = k + 2;
	if ((e = strchr(u, '\x1f')) == NULL)
		return -1;
	n = (size_t)(e - u);
	if (n >= sizeof p->unit)
		n = sizeof p->unit - 1;
	memcpy(p->unit, u, n);
	e++;
	x = strchr(e, '\x1f');
	n = x != NULL ? (size_t)(x - e) : strlen(e);
	if (n >= sizeof p->eng)
		n = sizeof p->eng - 1;
	memcpy(p->eng, e, n);
	if (p->kind == 'o' && x != NULL)
		p->due = strtoll(x + 1, NULL, 10);
	return 0;
}

/* Whether a key of unit id u is within the unit filter (NULL: all). */
static int
unit_ok(const struct cfg *cfg, const char *u, const struct cfg_unit *want)
{
	const struct cfg_unit *ku;

	if (want == NULL)
		return 1;
	ku = *u != '\0' ? cfg_unit(cfg, u) : NULL;
	return ku != NULL && cfg_unit_within(ku, want);
}

/* In a figure, how a key of kind counts: *num and *den (0 or 1). */
static int
kind_counts(const struct cfg_target *t, const struct kparts *p, int64_t now,
	    int *num, int *den)
{
	*num = *den = 0;
	if (t->clocks) {
		switch (p->kind) {
		case 'm': *num = *den = 1; return 1;
		case 'l': *den = 1; return 1;
		case 'o': *den = p->due < now; return *den;
		}
		return 0;
	}
	if (p->kind == 'n')
		*num = 1;
	else if (p->kind == 'd')
		*den = 1;
	return *num || *den;
}

static struct core_kpi_part *
part_of(struct core_kpi_part **v, size_t *n, const char *key)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].key, key) == 0)
			return &(*v)[i];
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	memset(&(*v)[*n], 0, sizeof **v);
	(*v)[*n].key = xstrdup(key);
	return &(*v)[(*n)++];
}

struct month_ctx {
	const struct cfg *cfg;
	const struct cfg_target *t;
	const struct cfg_unit *unit;
	int64_t now;
	struct core_kpi_fig *f;
	size_t plen;
};

static int
month_visit(const char *key, uint64_t cnt, void *vctx)
{
	struct month_ctx *x = vctx;
	struct core_kpi_part *p;
	struct kparts kp;
	int num, den;

	if (split_key(key + x->plen, &kp) != 0 ||
	    !unit_ok(x->cfg, kp.unit, x->unit) ||
	    !kind_counts(x->t, &kp, x->now, &num, &den))
		return 0;
	x->f->num += num ? cnt : 0;
	x->f->den += den ? cnt : 0;
	if (kp.eng[0] != '\0') {
		p = part_of(&x->f->eng, &x->f->neng, kp.eng);
		p->num += num ? cnt : 0;
		p->den += den ? cnt : 0;
	}
	p = part_of(&x->f->units, &x->f->nunits, kp.unit);
	p->num += num ? cnt : 0;
	p->den += den ? cnt : 0;
	return 0;
}

static int
part_cmp(const void *a, const void *b)
{
	return strcmp(((const struct core_kpi_part *)a)->key,
		      ((const struct core_kpi_part *)b)->key);
}

static void
judge(const struct cfg_target *t, uint64_t num, uint64_t den,
      long long *tenths, int *met)
{
	double pct;

	*tenths = 0;
	*met = 0;
	if (den == 0)
		return;
	*tenths = (long long)((num * 2000 + den) / (2 * den));
	pct = (double)num * 100.0;
	*met = 1;
	if (t->has_min && pct < t->min * (double)den)
		*met = 0;
	/* R2 §3.2.1: the complaint rate is to stay below its figure */
	if (t->has_max && pct >= t->max * (double)den)
		*met = 0;
}

struct kpi_txn {
	struct core *c;
	char month[24];
	const struct cfg_unit *unit;
	struct core_kpi *out;
};

static int
kpi_txn(struct store_txn *tx, void *vctx, struct as_err *err)
{
	struct kpi_txn *x = vctx;
	struct core_kpi *k = x->out;
	size_t i, j;
	int rc;

	for (i = 0; i < k->n; i++) {
		struct core_kpi_fig *f = &k->v[i];
		struct month_ctx m;
		char *pre;

		for (j = 0; j < f->neng; j++)
			free(f->eng[j].key);
		for (j = 0; j < f->nunits; j++)
			free(f->units[j].key);
		free(f->eng);
		free(f->units);
		f->eng = f->units = NULL;
		f->neng = f->nunits = 0;
		f->num = f->den = 0;
		pre = xasprintf(K_KPI "%s\x1f%s\x1f", f->target->id, x->month);
		m.cfg = x->c->cfg;
		m.t = f->target;
		m.unit = x->unit;
		m.now = core_now(x->c);
		m.f = f;
		m.plen = strlen(pre);
		rc = store_index_keys(tx, pre, month_visit, &m, err);
		free(pre);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static const struct cfg_unit *
unit_named(const struct cfg *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->nunits; i++) {
		const struct cfg_unit *u = &cfg->units[i];

		if (strcmp(u->id, name) == 0 ||
		    (u->label.zh != NULL && strcmp(u->label.zh, name) == 0) ||
		    (u->label.en != NULL && strcmp(u->label.en, name) == 0))
			return u;
	}
	return NULL;
}

int
core_kpi_unit(struct core *c, const char *name, const struct cfg_unit **out,
	      struct as_err *err)
{
	*out = NULL;
	if (name == NULL || *name == '\0')
		return 0;
	if ((*out = unit_named(c->cfg, name)) == NULL)
		return as_err_set(err, AS_E_NOTFOUND, TR(c,
		    "没有单位“%s”", "no unit \"%s\""), name);
	return 0;
}

int
core_kpi_month(struct core *c, int year, int month, const char *unit,
	       struct core_kpi *out, struct as_err *err)
{
	struct kpi_txn x;
	size_t i, j;
	int rc;

	memset(out, 0, sizeof *out);
	out->year = year;
	out->month = month;
	if ((rc = core_kpi_unit(c, unit, &x.unit, err)) != 0)
		return rc;
	out->v = xcalloc(c->cfg->ntargets + 1, sizeof *out->v);
	for (i = 0; i < c->cfg->ntargets; i++)
		if (core_kpi_measured(&c->cfg->targets[i]))
			out->v[out->n++].target = &c->cfg->targets[i];
	x.c = c;
	snprintf(x.month, sizeof x.month, "%04d-%02d", year, month);
	x.out = out;
	if ((rc = store_read(c->st, kpi_txn, &x, err)) != 0) {
		core_kpi_free(out);
		return rc;
	}
	for (i = 0; i < out->n; i++) {
		struct core_kpi_fig *f = &out->v[i];

		judge(f->target, f->num, f->den, &f->tenths, &f->met);
		f->has_value = f->den > 0;
		if (f->neng > 1)    /* qsort takes no NULL, even of 0 */
			qsort(f->eng, f->neng, sizeof *f->eng, part_cmp);
		if (f->nunits > 1)
			qsort(f->units, f->nunits, sizeof *f->units,
			    part_cmp);
		for (j = 0; j < f->neng; j++)
			judge(f->target, f->eng[j].num, f->eng[j].den,
			    &f->eng[j].tenths, &f->eng[j].met);
		for (j = 0; j < f->nunits; j++)
			judge(f->target, f->units[j].num, f->units[j].den,
			    &f->units[j].tenths, &f->units[j].met);
	}
	return 0;
}

void
core_kpi_free(struct core_kpi *k)
{
	size_t i, j;

	for (i = 0; k->v != NULL && i < k->n; i++) {
		for (j = 0; j < k->v[i].neng; j++)
			free(k->v[i].eng[j].key);
		for (j = 0; j < k->v[i].nunits; j++)
			free(k->v[i].units[j].key);
		free(k->v[i].eng);
		free(k->v[i].units);
	}
	free(k->v);
	memset(k, 0, sizeof *k);
}

/* The records behind a figure ------------------------------------------ */

struct items_ctx {
	struct core *c;
	const struct cfg_target *t;
	const struct cfg_unit *unit;
	int64_t now;
	size_t plen;
	struct core_kpi_item *v;
	size_t n, cap;
};

static int
items_visit(const char *key, const char *id, void *vctx)
{
	struct items_ctx *x = vctx;
	struct kparts kp;
	int num, den;

	if (split_key(key + x->plen, &kp) != 0 ||
	    !unit_ok(x->c->cfg, kp.unit, x->unit) ||
	    !kind_counts(x->t, &kp, x->now, &num, &den))
		return 0;
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 64;
		x->v = xrealloc(x->v, x->cap * sizeof *x->v);
	}
	x->v[x->n].id = xstrdup(id);
	x->v[x->n].part = kp.kind;
	x->v[x->n].due = kp.due;
	x->n++;
	return x->n >= CORE_KPI_ITEMS_MAX;
}

struct items_txn {
	struct items_ctx *x;
	char *pre;
};

static int
items_txn(struct store_txn *tx, void *vctx, struct as_err *err)
{
	struct items_txn *y = vctx;
	size_t i;

	for (i = 0; i < y->x->n; i++)
		free(y->x->v[i].id);
	y->x->n = 0;
	return store_index_scan(tx, y->pre, 1, NULL, items_visit, y->x, err);
}

/* Missed first (late, overdue), then the rest; by number within each. */
static int
item_rank(char part)
{
	switch (part) {
	case 'l': case 'o': case 'n': return 0;
	default: return 1;
	}
}

static int
item_cmp(const void *a, const void *b)
{
	const struct core_kpi_item *x = a, *y = b;
	int d = item_rank(x->part) - item_rank(y->part);

	return d != 0 ? d : store_id_cmp(x->id, y->id);
}

static int
id_cmp(const void *a, const void *b)
{
	const struct core_kpi_item *x = a, *y = b;
	int d = store_id_cmp(x->id, y->id);

	return d != 0 ? d : (x->part == 'n') - (y->part == 'n');
}

/* A record both counted and in the base (a satisfied survey) once, 'n'. */
static void
dedupe(struct items_ctx *x)
{
	size_t i, k = 0;

	if (x->n > 1)
		qsort(x->v, x->n, sizeof *x->v, id_cmp);
	for (i = 0; i < x->n; i++) {
		if (x->v[i].part == 'd' && i + 1 < x->n &&
		    x->v[i + 1].part == 'n' &&
		    strcmp(x->v[i].id, x->v[i + 1].id) == 0) {
			free(x->v[i].id);
			continue;
		}
		x->v[k++] = x->v[i];
	}
	x->n = k;
}

int
core_kpi_records(struct core *c, const struct cfg_target *t, int year,
		 int month, const char *unit, struct core_kpi_item **out,
		 size_t *nout, struct as_err *err)
{
	struct items_ctx x;
	struct items_txn y;
	int rc;

	*out = NULL;
	*nout = 0;
	memset(&x, 0, sizeof x);
	x.c = c;
	x.t = t;
	x.now = core_now(c);
	if ((rc = core_kpi_unit(c, unit, &x.unit, err)) != 0)
		return rc;
	y.x = &x;
	y.pre = xasprintf(K_KPI "%s\x1f%04d-%02d\x1f", t->id, year, month);
	x.plen = strlen(y.pre);
	rc = store_read(c->st, items_txn, &y, err);
	free(y.pre);
	if (rc != 0) {
		core_kpi_items_free(&x.v, &x.n);
		return rc;
	}
	dedupe(&x);
	if (x.n > 1)
		qsort(x.v, x.n, sizeof *x.v, item_cmp);
	*out = x.v;
	*nout = x.n;
	return 0;
}

void
core_kpi_items_free(struct core_kpi_item **v, size_t *n)
{
	size_t i;

	for (i = 0; *v != NULL && i < *n; i++)
		free((*v)[i].id);
	free(*v);
	*v = NULL;
	*n = 0;
}
