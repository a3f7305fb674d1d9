/*
 * money.c - service costs and supplier claims (R1 §5.2, §6, §9; R2
 * §3.4.1, §3.4.3, §3.8), all of it driven by the configuration's costs:
 * section (config.h); no field id of the shipped configuration is named
 * here.
 *
 * In the write transaction of every create, step or edit that changes a
 * record's cost lines, money_update (called by calc_update):
 *   - prices a parts line that has a part and a quantity but no amount at
 *     the part master's unit cost (costs: parts:, the parts store's
 *     ledger cost);
 *   - gives a line without a bearer the default of the first bearers:
 *     rule that matches: a non-quality case goes to the customer (R1
 *     §5.2), travel, lodging and allowance of branch staff to the branch
 *     and of other staff to the company (R1 §9.1), repair, parts,
 *     transport and packaging to manufacturing cost (R1 §9.2);
 *   - refuses a changed line whose bearer differs from that default
 *     without a reason, and a confirmation (the confirmed column) set by
 *     anyone but a confirm: role for themselves (R1 §6: finance confirms
 *     each bearer or changes it with a reason); a confirmed line may be
 *     changed or removed by a confirm: role only.  Lines are matched to
 *     the old ones by their content, not their position (match_lines), so
 *     adding or deleting another line leaves a confirmed one as it is.
 * Every change it makes is part of the step's history event.
 *
 * The rest reads: the totals per bearer of one record, a complaint's
 * roll-up across its work orders and claims, the two report tables and
 * the upgrade that folds the legacy cost fields into lines.
 */
#include "core_int.h"
#include "core_money.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The costs: section and r's cost lines field, or NULL. */
static const struct cfg_field *
cost_field(const struct cfg *cfg, const struct cfg_rectype *rt)
{
	const struct cfg_field *f;

	if (cfg->costs == NULL || rt == NULL ||
	    (f = cfg_field(rt, cfg->costs->field)) == NULL ||
	    f->type != CFG_T_LINES)
		return NULL;
	return f;
}

/* The index of column id of f, or -1 (id NULL: -1). */
static int
col(const struct cfg_field *f, const char *id)
{
	size_t j;

	for (j = 0; id != NULL && j < f->ncolumns; j++)
		if (strcmp(f->columns[j].id, id) == 0)
			return (int)j;
	return -1;
}

/* Cell (line i, column j) of l; "" when j < 0. */
static const char *
cell(const struct core_lines *l, size_t i, int j)
{
	return j < 0 ? "" : l->cell[i * l->f->ncolumns + (size_t)j];
}

static void
set_cell(struct core_lines *l, size_t i, int j, const char *v)
{
	char **p = &l->cell[i * l->f->ncolumns + (size_t)j];

	free(*p);
	*p = xstrdup(v);
}

/* A stored money or int value as a number (0 when empty or not one). */
static long long
num(const char *v)
{
	char *end;
	long long n;

	if (v == NULL || *v == '\0')
		return 0;
	n = strtoll(v, &end, 10);
	return *end == '\0' ? n : 0;
}

static int
in_list(const char *v, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], v) == 0)
			return 1;
	return 0;
}

/* Stored cells back into canonical JSON (lines.c's form); a new string. */
static char *
encode_stored(const struct core_lines *l)
{
	return core_lines_json(l->f, l->cell, l->n);
}

/* Defaults ------------------------------------------------------------- */

/* 1 if user login belongs to unit u or a unit under it. */
static int
staff_within(const struct core *c, const char *login,
	     const struct cfg_unit *u)
{
	const struct cfg_user *user = cfg_user(c->cfg, login);
	size_t i;

	for (i = 0; user != NULL && i < user->nunits; i++)
		if (cfg_unit_within(user->units[i], u))
			return 1;
	return 0;
}

/*
 * The default bearer rule of line i of l on record r (R1 §5.2, §9), or
 * NULL when none matches.
 */
static const struct cfg_crule *
default_rule(const struct core *c, const struct cfg_rectype *rt,
	     const struct store_rec *r, const struct core_lines *l, size_t i)
{
	const struct cfg_costs *co = c->cfg->costs;
	const char *type = cell(l, i, col(l->f, co->type));
	const char *staff = cell(l, i, col(l->f, co->staff));
	const char *v;
	size_t k;

	for (k = 0; k < co->nrules; k++) {
		const struct cfg_crule *ru = &co->rules[k];

		if (ru->ntypes > 0 && !in_list(type, ru->types, ru->ntypes))
			continue;
		if (ru->staff_in != NULL && (*staff == '\0' ||
		    !staff_within(c, staff, ru->staff_in)))
			continue;
		if (ru->case_field != NULL) {
			if (cfg_field(rt, ru->case_field) == NULL)
				continue;
			v = store_rec_get(r, ru->case_field);
			if (v == NULL || !in_list(v, ru->case_values,
			    ru->ncase))
				continue;
		}
		return ru;
	}
	return NULL;
}

/* The label of bearer code v in lang (the code itself if unknown). */
static const char *
bearer_label(const struct core *c, const struct cfg_field *f, const char *v,
	     const char *lang)
{
	int j = col(f, c->cfg->costs->bearer);
	const struct cfg_code *k;

	if (j < 0 || f->columns[j].codes == NULL ||
	    (k = cfg_code(f->columns[j].codes, v)) == NULL)
		return v;
	return cfg_text(&k->label, lang, v);
}

/* Parts at ledger cost ------------------------------------------------- */

/*
 * The unit cost (fen) of part code in the part master (costs: parts:)
 * into *fen; 0 found, 1 not found, or a store error.
 */
static int
part_cost(const struct core *c, struct store_txn *t, const char *code,
	  long long *fen, struct as_err *err)
{
	const struct cfg_costs *co = c->cfg->costs;
	struct store_rec *p = NULL;
	int rc;

	rc = core_exact_get(t, co->parts_type, co->parts_code, code, &p, err);
	if (rc == AS_E_NOTFOUND)
		return 1;
	if (rc != 0)
		return rc;
	rc = store_rec_get(p, co->parts_cost) != NULL &&
	    *store_rec_get(p, co->parts_cost) != '\0' ? 0 : 1;
	*fen = num(store_rec_get(p, co->parts_cost));
	store_rec_free(&p);
	return rc;
}

/* Update --------------------------------------------------------------- */

/* The change of field in e, or NULL. */
static struct store_change *
change_of(struct store_event *e, const char *field)
{
	size_t i;

	for (i = 0; e != NULL && i < e->nchanges; i++)
		if (strcmp(e->changes[i].field, field) == 0)
			return &e->changes[i];
	return NULL;
}

/* 1 if line i of l equals line k of old in every column. */
static int
line_same(const struct core_lines *l, size_t i, const struct core_lines *old,
	  size_t k)
{
	size_t j;

	for (j = 0; j < l->f->ncolumns; j++)
		if (strcmp(cell(l, i, (int)j), cell(old, k, (int)j)) != 0)
			return 0;
	return 1;
}

/*
 * Which line of old each line of l is (R1 §6: finance's confirmations go
 * with their lines, not with their positions).  A line equal in every
 * column to an old line is that line, unchanged: the same position first,
 * then the first unmatched equal one, so a line added or removed before a
 * confirmed one leaves it confirmed.  A changed line is the old line of
 * its position if that one is matched to no other (an edit in place,
 * whose confirmation it inherits), else a new line.  match[i]: the old
 * line of line i or -1; same[i]: 1 if unchanged; used[k]: 1 if old line k
 * is some line's.
 */
static void
match_lines(const struct core_lines *l, const struct core_lines *old,
	    long *match, char *same, char *used)
{
	size_t i, k;

	for (i = 0; i < l->n; i++) {
		match[i] = -1;
		same[i] = 0;
		if (i < old->n && line_same(l, i, old, i)) {
			match[i] = (long)i;
			same[i] = used[i] = 1;
		}
	}
	for (i = 0; i < l->n; i++)
		for (k = 0; !same[i] && k < old->n; k++)
			if (!used[k] && line_same(l, i, old, k)) {
				match[i] = (long)k;
				same[i] = used[k] = 1;
			}
	for (i = 0; i < l->n; i++)
		if (!same[i] && i < old->n && !used[i]) {
			match[i] = (long)i;
			used[i] = 1;
		}
}

/* 1 if the acting user has a confirm: role. */
static int
confirmer(const struct core *c)
{
	const struct cfg_costs *co = c->cfg->costs;

	return c->user != NULL && cfg_user_has_any(c->user, co->confirm,
	    co->nconfirm);
}

/* A refusal about line i (from 0) of cost field f. */
static int
line_refused(const struct core *c, const struct cfg_field *f, size_t i,
	     int rc, struct as_err *err, const char *msg)
{
	return as_err_set(err, rc, TR(c, "%s 第 %zu 行：%s", "%s line %zu: %s"),
	    cfg_text(&f->label, c->lang, f->id), i + 1, msg);
}

/*
 * The checks and defaults of one changed line i (see the top of the
 * file); k its line in old, the lines before the write, or -1 for a new
 * line (match_lines).
 */
static int
update_line(const struct core *c, struct store_txn *t,
	    const struct cfg_rectype *rt, const struct store_rec *r,
	    struct core_lines *l, const struct core_lines *old, size_t i,
	    long k, struct as_err *err)
{
	const struct cfg_costs *co = c->cfg->costs;
	const struct cfg_field *f = l->f;
	const struct cfg_crule *ru;
	int jam = col(f, co->amount), jb = col(f, co->bearer);
	int jr = col(f, co->reason), jc = col(f, co->confirmed);
	int jp = col(f, co->part), jq = col(f, co->quantity);
	const char *oldconf = k >= 0 ? cell(old, (size_t)k, jc) : "";
	char msg[400], v[32];
	long long fen;
	int rc;

	/* R1 §6: a confirmed line is finance's */
	if (*oldconf != '\0' && !confirmer(c)) {
		snprintf(msg, sizeof msg, "%s", TR(c,
		    "已由财务确认，只有财务可以修改（R1 §6）",
		    "confirmed by finance; only finance may change it (R1 §6)"));
		return line_refused(c, f, i, AS_E_PERM, err, msg);
	}
	if (jc >= 0 && strcmp(cell(l, i, jc), oldconf) != 0 &&
	    (!confirmer(c) || (*cell(l, i, jc) != '\0' &&
	    strcmp(cell(l, i, jc), c->user->login) != 0))) {
		snprintf(msg, sizeof msg, "%s", TR(c,
		    "只有财务可以确认承担方，且只能以本人名义（R1 §6）",
		    "only finance confirms a bearer, and only in their own "
		    "name (R1 §6)"));
		return line_refused(c, f, i, AS_E_PERM, err, msg);
	}
	/* parts at the part master's cost (the parts store's ledger) */
	if (co->parts_type != NULL && jam >= 0 && *cell(l, i, jam) == '\0' &&
	    *cell(l, i, jp) != '\0' && *cell(l, i, jq) != '\0') {
		rc = part_cost(c, t, cell(l, i, jp), &fen, err);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			snprintf(v, sizeof v, "%lld", fen * num(cell(l, i,
			    jq)));
			set_cell(l, i, jam, v);
		}
	}
	if (jam >= 0 && *cell(l, i, jam) == '\0') {
		snprintf(msg, sizeof msg, TR(c, "%s必须填写",
		    "%s is required"), cfg_text(&f->columns[jam].label,
		    c->lang, f->columns[jam].id));
		return line_refused(c, f, i, AS_E_INVALID, err, msg);
	}
	ru = default_rule(c, rt, r, l, i);
	if (jb < 0 || ru == NULL)
		return 0;
	if (*cell(l, i, jb) == '\0') {
		set_cell(l, i, jb, ru->bearer);
		return 0;
	}
	/* R1 §6: a bearer other than the rule's needs a reason */
	if (strcmp(cell(l, i, jb), ru->bearer) != 0 &&
	    (jr < 0 || *cell(l, i, jr) == '\0')) {
		snprintf(msg, sizeof msg, TR(c,
		    "承担方“%s”不是默认的“%s”（%s）；请填写%s",
		    "the bearer \"%s\" is not the default \"%s\" (%s); give "
		    "the %s"), bearer_label(c, f, cell(l, i, jb), c->lang),
		    bearer_label(c, f, ru->bearer, c->lang),
		    ru->clause ? ru->clause : "R1 §9",
		    jr >= 0 ? cfg_text(&f->columns[jr].label, c->lang,
		    f->columns[jr].id) : "bearer reason");
		return line_refused(c, f, i, AS_E_INVALID, err, msg);
	}
	return 0;
}

int
money_update(const struct core *c, struct store_txn *t,
	     const struct cfg_rectype *rt, struct store_rec *r, int created,
	     struct store_event *e, struct as_err *err)
{
	const struct cfg_field *f;
	struct store_change *ch;
	struct core_lines l, old;
	const char *v;
	char *nv, *same, *used;
	long *match;
	size_t i;
	int rc = 0;

	(void)created;      /* a create sets the lines like any write */
	/* most writes change no cost line: that first, the field after */
	if (c->cfg->costs == NULL || c->cfg->costs->field == NULL ||
	    (ch = change_of(e, c->cfg->costs->field)) == NULL ||
	    (f = cost_field(c->cfg, rt)) == NULL)
		return 0;
	v = store_rec_get(r, f->id);
	if (core_lines_decode(f, v, &l) != 0)
		return 0;      /* not lines: data of an older version */
	if (core_lines_decode(f, ch->old, &old) != 0)
		core_lines_decode(f, NULL, &old);
	match = xcalloc(l.n + 1, sizeof *match);
	same = xcalloc(l.n + 1, 1);
	used = xcalloc(old.n + 1, 1);
	match_lines(&l, &old, match, same, used);
	for (i = 0; i < l.n && rc == 0; i++)
		if (!same[i])
			rc = update_line(c, t, rt, r, &l, &old, i, match[i],
			    err);
	/* a line removed that finance had confirmed */
	for (i = 0; i < old.n && rc == 0; i++)
		if (!used[i] &&
		    *cell(&old, i, col(f, c->cfg->costs->confirmed)) != '\0' &&
		    !confirmer(c)) {
			char msg[200];

			snprintf(msg, sizeof msg, "%s", TR(c,
			    "已由财务确认，只有财务可以删除（R1 §6）",
			    "confirmed by finance; only finance may remove "
			    "it (R1 §6)"));
			rc = line_refused(c, f, i, AS_E_PERM, err, msg);
		}
	if (rc == 0) {
		nv = encode_stored(&l);
		if (v == NULL || strcmp(nv, v) != 0) {
			store_rec_set(r, f->id, *nv ? nv : NULL);
			store_change_set_new(ch, *nv ? nv : NULL);
		}
		free(nv);
	}
	free(match);
	free(same);
	free(used);
	core_lines_free(&l);
	core_lines_free(&old);
	return rc;
}

/*
 * Guard costs_confirmed (R1 §6): every cost line of the record has been
 * confirmed by finance.
 */
int
guard_costs_confirmed(const struct core *c, struct store_txn *t,
		      const struct store_rec *r, struct as_err *err)
{
	struct money_totals m;

	(void)t;
	if (money_totals(c, r, &m) != 0 || m.unconfirmed == 0)
		return 0;
	return as_err_set(err, AS_E_GUARD, TR(c,
	    "%s 还有 %zu 行费用的承担方未经财务确认（R1 §6）",
	    "%s has %zu cost line%s whose bearer finance has not confirmed "
	    "(R1 §6)"), r->id, m.unconfirmed,
	    AS_TRL(c->lang, "", m.unconfirmed == 1 ? "" : "s"));
}

/* Totals -------------------------------------------------------------- */

int
money_totals(const struct core *c, const struct store_rec *r,
	     struct money_totals *out)
{
	const struct cfg_rectype *rt = core_rectype(c, r);
	const struct cfg_field *f = cost_field(c->cfg, rt);
	const struct cfg_costs *co = c->cfg->costs;
	const struct cfg_codelist *bl;
	struct core_lines l;
	size_t i, k;
	int jam, jb, jt, jc;

	memset(out, 0, sizeof *out);
	if (f == NULL)
		return 0;
	out->has_costs = 1;
	if (co->advance != NULL && cfg_field(rt, co->advance) != NULL) {
		out->has_advance = 1;
		out->advance = num(store_rec_get(r, co->advance));
	}
	if (core_lines_decode(f, store_rec_get(r, f->id), &l) != 0)
		return AS_E_INVALID;
	jam = col(f, co->amount);
	jb = col(f, co->bearer);
	jt = col(f, co->type);
	jc = col(f, co->confirmed);
	bl = jb >= 0 ? f->columns[jb].codes : NULL;
	/* the bearers in the order of their code list, then "" */
	for (k = 0; bl != NULL && k < bl->ncodes &&
	    out->n < sizeof out->v / sizeof out->v[0] - 1; k++)
		out->v[out->n++].bearer = bl->codes[k].id;
	out->v[out->n++].bearer = "";
	for (i = 0; i < l.n; i++) {
		long long a = num(cell(&l, i, jam));
		const char *b = cell(&l, i, jb);

		for (k = 0; k + 1 < out->n && strcmp(out->v[k].bearer, b);
		    k++)
			;
		out->v[k].fen += a;
		out->all += a;
		out->nlines++;
		if (jc >= 0 && *cell(&l, i, jc) == '\0')
			out->unconfirmed++;
		if (in_list(cell(&l, i, jt), co->expenses, co->nexpenses))
			out->expenses += a;
	}
	out->balance = out->expenses - out->advance;
	/* keep only the bearers with lines */
	for (i = k = 0; i < out->n; i++)
		if (out->v[i].fen != 0)
			out->v[k++] = out->v[i];
	out->n = k;
	core_lines_free(&l);
	return 0;
}

void
money_format(long long fen, struct as_buf *b)
{
	unsigned long long a = fen < 0 ? 0 - (unsigned long long)fen
	    : (unsigned long long)fen;
	char d[32];
	size_t n, i;

	n = (size_t)snprintf(d, sizeof d, "%llu", a / 100);
	if (fen < 0)
		buf_adds(b, "-");
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_adds(b, ",");
		buf_add(b, &d[i], 1);
	}
	buf_addf(b, ".%02llu", a % 100);
}

/* Roll-up ------------------------------------------------------------- */

struct rollup_ctx {
	struct core *c;
	const char *id;
	struct money_rollup *out;
	char **seen;                       /* claims counted */
	size_t nseen;
};

/* Count claim record p once. */
static void
add_claim(struct rollup_ctx *x, const struct store_rec *p)
{
	const struct cfg_costs *co = x->c->cfg->costs;
	size_t i;

	for (i = 0; i < x->nseen; i++)
		if (strcmp(x->seen[i], p->id) == 0)
			return;
	x->seen = xrealloc(x->seen, (x->nseen + 1) * sizeof *x->seen);
	x->seen[x->nseen++] = xstrdup(p->id);
	x->out->credited += num(store_rec_get(p, co->claim_credited));
	x->out->nclaims++;
}

/* 1 if p is a supplier claim. */
static int
is_claim(const struct core *c, const struct store_rec *p)
{
	const struct cfg_costs *co = c->cfg->costs;

	return co->claim_type != NULL && strcmp(p->type, co->claim_type) == 0;
}

/* The records linking to r (incoming links), each read in t: fn on each. */
static int
each_incoming(struct rollup_ctx *x, struct store_txn *t,
	      const struct store_rec *r, int depth, struct as_err *err)
{
	struct core_links ls = {0};
	struct money_totals m;
	struct store_rec *p;
	size_t i;
	int rc;

	if ((rc = links_read(x->c, t, r, &ls, err)) != 0)
		return rc;
	for (i = 0; i < ls.n && rc == 0; i++) {
		if (ls.v[i].outgoing || !ls.v[i].exists)
			continue;
		if ((rc = store_get(t, ls.v[i].id, &p, err)) != 0) {
			if (rc == AS_E_NOTFOUND)
				rc = 0;
			continue;
		}
		if (is_claim(x->c, p))
			add_claim(x, p);
		else if (depth == 0 && money_totals(x->c, p, &m) == 0 &&
		    m.has_costs) {
			x->out->linked += m.all;
			x->out->nlinked++;
			/* the claims drafted from a work order */
			rc = each_incoming(x, t, p, depth + 1, err);
		}
		store_rec_free(&p);
	}
	core_links_free(&ls);
	return rc;
}

static int
rollup_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct rollup_ctx *x = vctx;
	const struct cfg_costs *co = x->c->cfg->costs;
	struct money_totals m;
	struct store_rec *r = NULL;
	size_t i;
	int rc;

	for (i = 0; i < x->nseen; i++)
		free(x->seen[i]);
	x->nseen = 0;
	memset(x->out, 0, sizeof *x->out);
	if ((rc = store_get(t, x->id, &r, err)) != 0)
		return rc;
	if (money_totals(x->c, r, &m) == 0)
		x->out->own = m.all;
	if (co != NULL && co->chargeback != NULL)
		x->out->chargeback = num(store_rec_get(r, co->chargeback));
	if (co != NULL)
		rc = each_incoming(x, t, r, 0, err);
	x->out->net = x->out->own + x->out->linked - x->out->chargeback -
	    x->out->credited;
	store_rec_free(&r);
	return rc;
}

int
money_rollup(struct core *c, const char *id, struct money_rollup *out,
	     struct as_err *err)
{
	struct rollup_ctx x = { c, NULL, out, NULL, 0 };
	char *nid = core_id(c, id);
	size_t i;
	int rc;

	x.id = nid;
	rc = store_read(c->st, rollup_txn, &x, err);
	if (rc == AS_E_NOTFOUND)
		rc = as_err_set(err, rc, TR(c, "没有记录 %s", "no record %s"),
		    nid);
	for (i = 0; i < x.nseen; i++)
		free(x.seen[i]);
	free(x.seen);
	free(nid);
	return rc;
}

/* Tables -------------------------------------------------------------- */

void
money_table_free(struct money_table *t)
{
	size_t i;

	for (i = 0; t->heads != NULL && i < t->ncols; i++)
		free(t->heads[i]);
	for (i = 0; t->text != NULL && i < t->nrows * t->ncols; i++)
		free(t->text[i]);
	free(t->heads);
	free(t->text);
	free(t->num);
	memset(t, 0, sizeof *t);
}

void
money_cell(const struct money_table *t, size_t row, size_t c,
	   struct as_buf *b)
{
	long long n = t->num[row * t->ncols + c];

	switch (t->kinds[c]) {
	case MONEY_TEXT:
		buf_adds(b, t->text[row * t->ncols + c]);
		break;
	case MONEY_FEN:
		money_format(n, b);
		break;
	case MONEY_COUNT:
		buf_addf(b, "%lld", n);
		break;
	case MONEY_PERMILLE:
		buf_addf(b, "%lld.%lld%%", n / 10, n % 10);
		break;
	}
}

/* Start table t with ncols columns and their headings (zh, en pairs). */
static void
table_init(const struct core *c, struct money_table *t, size_t ncols,
	   const char *const *ids, const enum money_kind *kinds,
	   const char *const *heads)
{
	size_t i;

	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->ids = ids;
	t->kinds = kinds;
	t->heads = xcalloc(ncols, sizeof *t->heads);
	for (i = 0; i < ncols; i++)
		t->heads[i] = xstrdup(AS_TRL(c->lang, heads[2 * i],
		    heads[2 * i + 1]));
}

/* Add an empty row to t; its index. */
static size_t
table_row(struct money_table *t)
{
	size_t i, r = t->nrows++;

	t->text = xrealloc(t->text, t->nrows * t->ncols * sizeof *t->text);
	t->num = xrealloc(t->num, t->nrows * t->ncols * sizeof *t->num);
	for (i = 0; i < t->ncols; i++) {
		t->text[r * t->ncols + i] = xstrdup("");
		t->num[r * t->ncols + i] = 0;
	}
	return r;
}

static void
table_text(struct money_table *t, size_t r, size_t c, const char *v)
{
	free(t->text[r * t->ncols + c]);
	t->text[r * t->ncols + c] = xstrdup(v);
}

/* Costs by bearer per month. */

static const char *const cb_ids[] = { "month", "bearer_label",
    "bearer_code", "line_count", "total" };
static const enum money_kind cb_kinds[] = { MONEY_TEXT, MONEY_TEXT,
    MONEY_TEXT, MONEY_COUNT, MONEY_FEN };
static const char *const cb_heads[] = { "月份", "Month", "承担方", "Bearer",
    "代码", "Code", "行数", "Lines", "金额", "Amount" };

struct cb_ctx {
	struct core *c;
	const char *month;
	struct money_table *t;
};

/* The row of (month, bearer) in t, made if missing. */
static size_t
cb_row(struct cb_ctx *x, const char *month, const char *bearer,
       const char *label)
{
	struct money_table *t = x->t;
	size_t r;

	for (r = 0; r < t->nrows; r++)
		if (strcmp(t->text[r * t->ncols], month) == 0 &&
		    strcmp(t->text[r * t->ncols + 2], bearer) == 0)
			return r;
	r = table_row(t);
	table_text(t, r, 0, month);
	table_text(t, r, 1, label);
	table_text(t, r, 2, bearer);
	return r;
}

static int
cb_visit(const struct store_rec *r, void *vctx)
{
	struct cb_ctx *x = vctx;
	const struct cfg_rectype *rt = core_rectype(x->c, r);
	const struct cfg_field *f = cost_field(x->c->cfg, rt);
	const struct cfg_costs *co = x->c->cfg->costs;
	struct as_buf b = {0};
	struct core_lines l;
	char month[8];
	size_t i, row;

	if (f == NULL || core_lines_decode(f, store_rec_get(r, f->id), &l) != 0)
		return 0;
	core_format_time(x->c, r->created, 0, &b);
	snprintf(month, sizeof month, "%.7s", b.data ? b.data : "");
	buf_free(&b);
	if (x->month != NULL && strcmp(month, x->month) != 0) {
		core_lines_free(&l);
		return 0;
	}
	for (i = 0; i < l.n; i++) {
		const char *bearer = cell(&l, i, col(f, co->bearer));

		row = cb_row(x, month, bearer, bearer_label(x->c, f, bearer,
		    x->c->lang));
		x->t->num[row * x->t->ncols + 3]++;
		x->t->num[row * x->t->ncols + 4] += num(cell(&l, i,
		    col(f, co->amount)));
	}
	core_lines_free(&l);
	return 0;
}

static int
cb_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct cb_ctx *x = vctx;
	size_t i;

	/* a retried transaction starts again */
	for (i = 0; i < x->t->nrows * x->t->ncols; i++)
		free(x->t->text[i]);
	x->t->nrows = 0;
	return store_scan(t, NULL, cb_visit, x, err);
}

/* The position of bearer code b in the bearer list (unknown: last). */
static size_t
bearer_rank(const struct core *c, const char *b)
{
	const struct cfg_rectype *rt;
	const struct cfg_field *f;
	const struct cfg_codelist *bl = NULL;
	size_t i;
	int j;

	for (i = 0; i < c->cfg->nrectypes && bl == NULL; i++) {
		rt = &c->cfg->rectypes[i];
		if ((f = cost_field(c->cfg, rt)) != NULL &&
		    (j = col(f, c->cfg->costs->bearer)) >= 0)
			bl = f->columns[j].codes;
	}
	for (i = 0; bl != NULL && i < bl->ncodes; i++)
		if (strcmp(bl->codes[i].id, b) == 0)
			return i;
	return (size_t)-1;
}

static const struct core *sort_core;

static int
cb_cmp(const void *pa, const void *pb)
{
	const char *const *a = pa, *const *b = pb;
	int d = strcmp(a[0], b[0]);
	size_t ra, rb;

	if (d != 0)
		return d;
	ra = bearer_rank(sort_core, a[2]);
	rb = bearer_rank(sort_core, b[2]);
	return ra < rb ? -1 : ra > rb;
}

/*
 * Sort t's rows with cmp over an array of row pointers (each row: its
 * ncols text cells then a pointer to its nums), keeping text and num
 * together.
 */
static void
table_sort(struct money_table *t, int (*cmp)(const void *, const void *))
{
	size_t n = t->ncols, i, k;
	const char **rows = xcalloc(t->nrows + 1, (n + 1) * sizeof *rows);
	char **text = xcalloc(t->nrows * n + 1, sizeof *text);
	long long *nums = xcalloc(t->nrows * n + 1, sizeof *nums);

	for (i = 0; i < t->nrows; i++) {
		for (k = 0; k < n; k++)
			rows[i * (n + 1) + k] = t->text[i * n + k];
		rows[i * (n + 1) + n] = (const char *)&t->num[i * n];
	}
	qsort(rows, t->nrows, (n + 1) * sizeof *rows, cmp);
	for (i = 0; i < t->nrows; i++) {
		for (k = 0; k < n; k++)
			text[i * n + k] = (char *)rows[i * (n + 1) + k];
		memcpy(&nums[i * n], rows[i * (n + 1) + n], n * sizeof *nums);
	}
	free(t->text);
	free(t->num);
	t->text = text;
	t->num = nums;
	free(rows);
}

int
money_costs_by_bearer(struct core *c, const char *month,
		      struct money_table *out, struct as_err *err)
{
	struct cb_ctx x = { c, month, out };
	int rc;

	table_init(c, out, 5, cb_ids, cb_kinds, cb_heads);
	if (month != NULL && (strlen(month) != 7 || month[4] != '-' ||
	    strspn(month, "0123456789-") != 7))
		return as_err_set(err, AS_E_INVALID, TR(c,
		    "月份应写作 YYYY-MM：“%s”", "a month is written YYYY-MM: "
		    "\"%s\""), month);
	if (c->cfg->costs == NULL)
		return 0;
	if ((rc = store_read(c->st, cb_txn, &x, err)) != 0)
		return rc;
	sort_core = c;
	table_sort(out, cb_cmp);
	return 0;
}

/* Claims by supplier. */

static const char *const cs_ids[] = { "supplier_name", "claims", "open",
    "age_30", "age_90", "age_older", "claimed", "credited", "rate" };
static const enum money_kind cs_kinds[] = { MONEY_TEXT, MONEY_COUNT,
    MONEY_COUNT, MONEY_COUNT, MONEY_COUNT, MONEY_COUNT, MONEY_FEN,
    MONEY_FEN, MONEY_PERMILLE };
static const char *const cs_heads[] = { "配套厂家", "Supplier", "索赔数",
    "Claims", "未结", "Open", "30天内", "<=30 days", "31-90天",
    "31-90 days", "90天以上", ">90 days", "索赔金额", "Claimed",
    "到账金额", "Credited", "回收率", "Recovery" };

struct cs_ctx {
	struct core *c;
	struct money_table *t;
	int64_t now;
};

static int
cs_visit(const struct store_rec *r, void *vctx)
{
	struct cs_ctx *x = vctx;
	const struct cfg_costs *co = x->c->cfg->costs;
	const struct cfg_state *st;
	struct money_table *t = x->t;
	const char *sup;
	long long *n;
	int64_t days;
	size_t row;

	if (!is_claim(x->c, r))
		return 0;
	sup = store_rec_get(r, co->claim_supplier);
	if (sup == NULL)
		sup = "";
	for (row = 0; row < t->nrows; row++)
		if (strcmp(t->text[row * t->ncols], sup) == 0)
			break;
	if (row == t->nrows) {
		row = table_row(t);
		table_text(t, row, 0, sup);
	}
	n = &t->num[row * t->ncols];
	n[1]++;
	st = core_state(x->c, r);
	if (st == NULL || !st->terminal) {
		n[2]++;
		days = (x->now - r->created) / 86400;
		n[days <= 30 ? 3 : days <= 90 ? 4 : 5]++;
	}
	n[6] += num(store_rec_get(r, co->claim_claimed));
	n[7] += num(store_rec_get(r, co->claim_credited));
	return 0;
}

static int
cs_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct cs_ctx *x = vctx;
	size_t i;

	for (i = 0; i < x->t->nrows * x->t->ncols; i++)
		free(x->t->text[i]);
	x->t->nrows = 0;
	return store_scan(t, NULL, cs_visit, x, err);
}

static int
cs_cmp(const void *pa, const void *pb)
{
	const char *const *a = pa, *const *b = pb;
	long long ca, cb;

	/* the row's nums follow its 9 text cells */
	memcpy(&ca, (const long long *)(const void *)a[9] + 6, sizeof ca);
	memcpy(&cb, (const long long *)(const void *)b[9] + 6, sizeof cb);
	if (ca != cb)
		return ca > cb ? -1 : 1;
	return strcmp(a[0], b[0]);
}

/* The recovery rate in tenths of a percent, rounded half up. */
static long long
permille(long long part, long long whole)
{
	return whole <= 0 ? 0 : (part * 2000 + whole) / (2 * whole);
}

int
money_claims_by_supplier(struct core *c, struct money_table *out,
			 struct as_err *err)
{
	struct cs_ctx x = { c, out, core_now(c) };
	size_t r, k, tot;
	int rc;

	table_init(c, out, 9, cs_ids, cs_kinds, cs_heads);
	if (c->cfg->costs == NULL || c->cfg->costs->claim_type == NULL)
		return as_err_set(err, AS_E_CONFIG, TR(c,
		    "配置中没有二次索赔（costs: claims:）",
		    "the configuration has no supplier claims (costs: "
		    "claims:)"));
	if ((rc = store_read(c->st, cs_txn, &x, err)) != 0)
		return rc;
	table_sort(out, cs_cmp);
	tot = table_row(out);
	table_text(out, tot, 0, AS_TRL(c->lang, "合计", "Total"));
	for (r = 0; r < tot; r++) {
		for (k = 1; k < 8; k++)
			out->num[tot * out->ncols + k] +=
			    out->num[r * out->ncols + k];
		out->num[r * out->ncols + 8] = permille(
		    out->num[r * out->ncols + 7], out->num[r * out->ncols + 6]);
	}
	out->num[tot * out->ncols + 8] = permille(
	    out->num[tot * out->ncols + 7], out->num[tot * out->ncols + 6]);
	return 0;
}

/* Upgrade ------------------------------------------------------------- */

struct up_ctx {
	struct core *c;
	char **ids;
	size_t n;
	uint64_t changed;
};

/* 1 if r has a legacy cost field with a value. */
static int
has_legacy(const struct core *c, const struct store_rec *r)
{
	const struct cfg_costs *co = c->cfg->costs;
	const char *v;
	size_t i;

	if (cost_field(c->cfg, core_rectype(c, r)) == NULL)
		return 0;
	for (i = 0; i < co->nlegacy; i++)
		if ((v = store_rec_get(r, co->legacy[i].field)) != NULL &&
		    *v != '\0')
			return 1;
	return 0;
}

static int
up_visit(const struct store_rec *r, void *vctx)
{
	struct up_ctx *x = vctx;

	if (!has_legacy(x->c, r))
		return 0;
	x->ids = xrealloc(x->ids, (x->n + 1) * sizeof *x->ids);
	x->ids[x->n++] = xstrdup(r->id);
	return 0;
}

/* Fold r's legacy fields into its cost lines, recording each in e. */
static void
fold(const struct core *c, struct store_rec *r, struct store_event *e)
{
	const struct cfg_costs *co = c->cfg->costs;
	const struct cfg_field *f = cost_field(c->cfg, core_rectype(c, r));
	const char *bearer = co->legacy_bearer ?
	    store_rec_get(r, co->legacy_bearer) : NULL;
	const char *old = store_rec_get(r, f->id);
	struct core_lines l;
	char *nv, *oldcopy = old ? xstrdup(old) : NULL;
	size_t i, k, ln;

	if (core_lines_decode(f, old, &l) != 0)
		core_lines_decode(f, NULL, &l);
	for (i = 0; i < co->nlegacy; i++) {
		const char *v = store_rec_get(r, co->legacy[i].field);

		if (v == NULL || *v == '\0')
			continue;
		ln = l.n++;
		l.cell = xrealloc(l.cell, l.n * f->ncolumns *
		    sizeof *l.cell);
		for (k = 0; k < f->ncolumns; k++)
			l.cell[ln * f->ncolumns + k] = xstrdup("");
		set_cell(&l, ln, col(f, co->type), co->legacy[i].type);
		set_cell(&l, ln, col(f, co->amount), v);
		if (bearer != NULL && *bearer != '\0' &&
		    col(f, co->bearer) >= 0)
			set_cell(&l, ln, col(f, co->bearer), bearer);
		store_event_change(e, co->legacy[i].field, v, NULL);
		store_rec_set(r, co->legacy[i].field, NULL);
	}
	nv = encode_stored(&l);
	store_event_change(e, f->id, oldcopy && *oldcopy ? oldcopy : NULL,
	    *nv ? nv : NULL);
	store_rec_set(r, f->id, *nv ? nv : NULL);
	free(nv);
	free(oldcopy);
	core_lines_free(&l);
}

static int
up_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct up_ctx *x = vctx;
	struct store_rec *r;
	struct store_event *e;
	size_t i;
	int rc;

	for (i = 0; i < x->n; i++)
		free(x->ids[i]);
	x->n = 0;
	x->changed = 0;
	if ((rc = store_scan(t, NULL, up_visit, x, err)) != 0)
		return rc;
	for (i = 0; i < x->n; i++) {
		if ((rc = store_get(t, x->ids[i], &r, err)) != 0)
			return rc;
		e = store_event_new(r->id, x->c->user->login, "upgrade",
		    r->state, r->state);
		fold(x->c, r, e);
		r->rev++;
		r->updated = core_now(x->c);
		e->when = r->updated;
		e->rev = r->rev;
		rc = store_put(t, r, err);
		if (rc == 0)
			rc = store_hist_append(t, e, err);
		store_event_free(&e);
		store_rec_free(&r);
		if (rc != 0)
			return rc;
		x->changed++;
	}
	return 0;
}

int
money_upgrade(struct core *c, uint64_t *n, struct as_err *err)
{
	struct up_ctx x = { c, NULL, 0, 0 };
	size_t i;
	int rc;

	*n = 0;
	if ((rc = core_may(c, "upgrade", err)) != 0)
		return rc;
	if (c->cfg->costs == NULL || c->cfg->costs->nlegacy == 0)
		return 0;
	rc = store_write(c->st, up_txn, &x, err);
	if (rc == 0)
		*n = x.changed;
	for (i = 0; i < x.n; i++)
		free(x.ids[i]);
	free(x.ids);
	return rc;
}

/* Text ---------------------------------------------------------------- */

int
money_text(struct core *c, const struct store_rec *r, const char *lang,
	   struct as_buf *b, struct as_err *err)
{
	const struct cfg_rectype *rt = core_rectype(c, r);
	const struct cfg_field *f = cost_field(c->cfg, rt);
	const struct cfg_costs *co = c->cfg->costs;
	struct money_totals m;
	struct money_rollup u;
	size_t i;
	int rc;

	if (f == NULL || money_totals(c, r, &m) != 0)
		return 0;
	if (m.nlines == 0)
		goto advance;
	buf_addf(b, "%s\t", AS_TRL(lang, "费用合计", "Cost totals"));
	for (i = 0; i < m.n; i++) {
		buf_addf(b, "%s ", *m.v[i].bearer ? bearer_label(c, f,
		    m.v[i].bearer, lang) : AS_TRL(lang, "未定", "none"));
		money_format(m.v[i].fen, b);
		buf_adds(b, AS_TRL(lang, "；", "; "));
	}
	buf_addf(b, "%s ", AS_TRL(lang, "共", "total"));
	money_format(m.all, b);
	buf_adds(b, " (R1 §9)");
	if (m.unconfirmed > 0)
		buf_addf(b, AS_TRL(lang, "；%zu 行待财务确认 (R1 §6)",
		    "; %zu line%s for finance to confirm (R1 §6)"),
		    m.unconfirmed, AS_TRL(lang, "", m.unconfirmed == 1 ? "" :
		    "s"));
	buf_adds(b, "\n");
advance:
	if (m.has_advance && (m.advance != 0 || m.expenses != 0)) {
		buf_addf(b, "%s\t%s ", AS_TRL(lang, "借款与报销",
		    "Advance and expenses"), AS_TRL(lang, "借款", "cash advance"));
		money_format(m.advance, b);
		buf_addf(b, AS_TRL(lang, "，报销 ", ", expenses "));
		money_format(m.expenses, b);
		if (m.balance > 0)
			buf_adds(b, AS_TRL(lang, "，财务应补付 ",
			    ", finance pays the engineer "));
		else if (m.balance < 0)
			buf_adds(b, AS_TRL(lang, "，应退还财务 ",
			    ", to pay back to finance "));
		else
			buf_adds(b, AS_TRL(lang, "，两清 ", ", settled even "));
		money_format(m.balance < 0 ? -m.balance : m.balance, b);
		buf_adds(b, " (R2 §3.4.1, §3.4.3)\n");
	}
	if (co->chargeback == NULL || cfg_field(rt, co->chargeback) == NULL)
		return 0;
	if ((rc = money_rollup(c, r->id, &u, err)) != 0)
		return rc;
	if (u.own == 0 && u.linked == 0 && u.chargeback == 0 &&
	    u.credited == 0)
		return 0;     /* nothing spent nor recovered */
	buf_addf(b, "%s\t", AS_TRL(lang, "费用汇总", "Roll-up"));
	money_format(u.own, b);
	if (u.nlinked > 0) {
		buf_addf(b, AS_TRL(lang, " + 工作指令 %zu 份 ",
		    " + %zu work order%s "), u.nlinked, AS_TRL(lang, "",
		    u.nlinked == 1 ? "" : "s"));
		money_format(u.linked, b);
	}
	buf_adds(b, AS_TRL(lang, " − 客户追回 ", " − recovered "));
	money_format(u.chargeback, b);
	buf_adds(b, AS_TRL(lang, " − 厂家到账 ", " − supplier credit "));
	money_format(u.credited, b);
	buf_adds(b, " = ");
	money_format(u.net, b);
	buf_adds(b, " (R1 §5.2, R2 §3.8)\n");
	return 0;
}
