/*
 * config.c - the schema of the aftersales configuration.  It walks the
 * merged YAML tree that cfg_yaml.c builds, checks every key, node kind,
 * value and reference, resolves names to pointers and builds the
 * immutable model in one arena.  No problem stops the walk, so a single
 * run reports them all; the model is only handed out when there are none.
 * Also the lookups of config.h.
 */
#include "cfg_priv.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * A pattern compiled at its first use, kept by the process (not in the
 * model, whose arena holds no pointer to the heap) until its last model
 * is freed.
 */
struct cfg_re {
	const struct cfg_field *f;
	regex_t re;
	int bad;
	/*
	 * The same pattern compiled in the C locale, for values that are
	 * all ASCII: glibc matches those four times faster without the
	 * multibyte machinery of a UTF-8 locale, and on ASCII text a
	 * pattern means the same in both (its non-ASCII characters are
	 * bytes there that no ASCII value holds).  A phone number of every
	 * imported row is checked (issue 13).
	 */
	regex_t ascii;
	int have_ascii;
	struct cfg_re *next;
};
static locale_t c_locale;
static struct cfg_re *compiled;
static size_t nmodels;


struct bld {
	struct cfg_model *m;
	struct cfg_ld *ld;
	struct arena *a;
	struct cfg *c;
	struct cfg_rectype *rts;
	const char *const *guards;
	size_t nguards;
};

struct kv {
	const struct ynode *k, *v;
};

/* Things referred to by id: an array of structs that begin with the id. */
struct idset {
	const void *base;
	size_t n, size;
	const char *what, *whats;
};

/* Resolved references: indexes into a set and the nodes naming them. */
struct refs {
	size_t n;
	size_t *idx;
	const struct ynode **at;
};

enum { T_INCLUDE, T_TIMEZONE, T_OVERRIDE, T_TARGETS, T_ROLES, T_USERS,
    T_CODES, T_RECORDS, T_MAINT, T_UNITS, T_WARRANTY, T_PRINTER, T_STOCK,
    T_COUNTER, T_COSTS, T_REPORTS, T_N };
static const char *const top_keys[T_N] = { "include", "timezone",
    "allow_user_override", "targets", "roles", "users", "codes", "records",
    "maintenance", "units", "warranty", "printer", "stock", "counter",
    "costs", "reports" };

enum { SK_PARTS, SK_CODE, SK_BARCODE, SK_NAME, SK_NAME_EN, SK_UNIT, SK_MIN,
    SK_COST, SK_ACCOUNTS, SK_N };
static const char *const stock_keys[SK_N] = { "parts", "code", "barcode",
    "name", "name_en", "unit", "min", "cost", "accounts" };

enum { RP_LABEL, RP_CLAUSE, RP_TYPE, RP_AT, RP_COLUMNS, RP_N };
static const char *const report_keys[RP_N] = { "label", "clause", "type",
    "at", "columns" };

/* The commands maintenance: may name. */
static const char *const maint_cmds[] = { "reindex", "backup", "demo",
    "import", "upgrade" };

enum { L_ZH, L_EN, L_N };
static const char *const label_keys[L_N] = { "zh", "en" };

enum { G_LABEL, G_MIN, G_MAX, G_MEASURE, G_COUNT, G_OVER, G_ENGINEER,
    G_N };
static const char *const target_keys[G_N] = { "label", "min", "max",
    "measure", "count", "over", "engineer" };

enum { KS_TYPE, KS_AT, KS_WHEN, KS_ENGINEER, KS_N };
static const char *const kpi_set_keys[KS_N] = { "type", "at", "when",
    "engineer" };

enum { U_NAME, U_ROLES, U_UNITS, U_N };
static const char *const user_keys[U_N] = { "name", "roles", "units" };

enum { UN_LABEL, UN_PARENT, UN_N };
static const char *const unit_keys[UN_N] = { "label", "parent" };

enum { R_LABEL, R_PREFIX, R_FIELDS, R_STATES, R_TRANSITIONS, R_EDITS,
    R_CLOCKS, R_CREATE, R_MANAGERS, R_UNIT_FIELD, R_LOOKUPS, R_SORTS,
    R_COLUMNS, R_LIST, R_VIEW, R_WARN_DUP, R_GROUPS, R_PRINT, R_N };
static const char *const record_keys[R_N] = { "label", "prefix", "fields",
    "states", "transitions", "edits", "clocks", "create", "managers",
    "unit_field", "lookups", "sorts", "columns", "list", "view",
    "warn_duplicate", "groups", "print" };

enum { GR_LABEL, GR_CLAUSE, GR_N };
static const char *const group_keys[GR_N] = { "label", "clause" };

enum { RQ_WHEN, RQ_FIELDS, RQ_N };
static const char *const reqif_keys[RQ_N] = { "when", "fields" };

/* Declarations of a record type: lookups:, sorts:, columns:, list:. */
static const char *const lookup_kinds[] = { [CFG_LK_EXACT] = "exact",
    [CFG_LK_PREFIX] = "prefix", [CFG_LK_SUFFIX] = "suffix",
    [CFG_LK_DIGITS_TAIL] = "digits_tail", [CFG_LK_SERIAL] = "serial" };
static const char *const shows[] = { [CFG_SHOW_FIELD] = "",
    [CFG_SHOW_NUMBER] = "number", [CFG_SHOW_STATE] = "state",
    [CFG_SHOW_AGE] = "age", [CFG_SHOW_DUE] = "due",
    [CFG_SHOW_WAITS] = "waits" };
static const char *const builtin_sorts[] = { "number", "state", "due" };
static const char *const views[] = { "mine", "overdue", "open", "closed",
    "all", "role" };

enum { CL_FIELD, CL_SHOW, CL_WIDTH, CL_LABEL, CL_OR, CL_SHARE, CL_WIDE,
    CL_NAME, CL_N };
static const char *const column_keys[CL_N] = { "field", "show", "width",
    "label", "or", "share", "wide", "name" };

enum { K_LABEL, K_START, K_STOP, K_RULES, K_PAUSE, K_TIMELINESS, K_N };
static const char *const clock_keys[K_N] = { "label", "start", "stop",
    "rules", "pause", "timeliness" };

enum { KF_FIELD, KF_N };
static const char *const clock_end_keys[KF_N] = { "field" };

enum { RL_WHEN, RL_HOURS, RL_CLAUSE, RL_N };
static const char *const rule_keys[RL_N] = { "when", "hours", "clause" };

enum { O_MAX, O_MIN, O_SET, O_N };
static const char *const test_keys[O_N] = { "max", "min", "set" };

enum { F_TYPE, F_REQUIRED, F_LABEL, F_CODES, F_REF, F_MIN, F_MAX, F_MAXLEN,
    F_PATTERN, F_DEFAULT, F_COLUMNS, F_HINT, F_GROUP, F_CHECK, F_WEIGHTS,
    F_N };
static const char *const field_keys[F_N] = { "type", "required", "label",
    "codes", "ref", "min", "max", "maxlen", "pattern", "default", "columns",
    "hint", "group", "check", "weights" };

enum { P_REGEX, P_ZH, P_EN, P_N };
static const char *const pattern_keys[P_N] = { "regex", "zh", "en" };

enum { S_LABEL, S_INITIAL, S_TERMINAL, S_FREEZE, S_SEAL, S_N };
static const char *const state_keys[S_N] = { "label", "initial",
    "terminal", "freeze", "seal" };

enum { X_LABEL, X_KEY, X_FROM, X_TO, X_ROLES, X_REQUIRES, X_GUARDS, X_WHEN,
    X_BY, X_REOPENS, X_CREATES, X_SCOPE, X_EXCEPTION, X_CONTEXT, X_REQIF,
    X_STAY, X_MOVES, X_UNTIL_DONE, X_TO_WHEN, X_LOWER, X_N };
static const char *const transition_keys[X_N] = { "label", "key", "from",
    "to", "roles", "requires", "guards", "when", "by", "reopens",
    "creates", "scope", "exception", "context", "requires_when", "stay",
    "moves", "until_done", "to_when", "lower_only" };

enum { MV_LINES, MV_PART, MV_QTY, MV_FROM, MV_TO, MV_AGAINST, MV_COUNTED,
    MV_BOOK, MV_VARIANCE, MV_DRY, MV_CLEAR, MV_WHEN, MV_NEEDS, MV_N };
static const char *const move_keys[MV_N] = { "lines", "part", "quantity",
    "from", "to", "against", "counted", "book", "variance", "dry", "clear",
    "when", "needs" };

enum { AC_FIELD, AC_UNIT, AC_PER, AC_N };
static const char *const account_keys[AC_N] = { "field", "unit", "per" };

enum { AG_LINES, AG_QTY, AG_DONE, AG_N };
static const char *const against_keys[AG_N] = { "lines", "quantity",
    "done" };

enum { TW_WHEN, TW_TO, TW_N };
static const char *const to_when_keys[TW_N] = { "when", "to" };

enum { N_TYPE, N_LINK, N_BACK, N_COPY, N_PER_LINE, N_LINE_COPY, N_N };
static const char *const creates_keys[N_N] = { "type", "link", "back",
    "copy", "per_line", "line_copy" };

enum { E_STATES, E_ROLES, E_FIELDS, E_BY, E_SCOPE, E_N };
static const char *const edit_keys[E_N] = { "states", "roles", "fields",
    "by", "scope" };

enum { C_ROLES, C_FIELDS, C_N };
static const char *const create_keys[C_N] = { "roles", "fields" };

static const char *const ftypes[] = {
	[CFG_T_TEXT] = "text",
	[CFG_T_MULTILINE] = "multiline",
	[CFG_T_INT] = "int",
	[CFG_T_MONEY] = "money",
	[CFG_T_DATE] = "date",
	[CFG_T_DATETIME] = "datetime",
	[CFG_T_ENUM] = "enum",
	[CFG_T_REF] = "reference",
	[CFG_T_LINES] = "lines",
	[CFG_T_UNIT] = "unit",
	[CFG_T_WARRANTY] = "warranty",
	[CFG_T_SCORE] = "score",
};
#define NFTYPES (sizeof ftypes / sizeof ftypes[0])

/* What the rest of the walk needs to remember of one record type. */
struct rt_tmp {
	const struct ynode *key;
	struct kv kv[R_N];
	const struct ynode **state_nodes;
};

static void computed_keys(struct bld *, struct cfg_field *,
    const struct kv *);
static int whole(struct bld *, const struct ynode *, const char *,
    const char *, long long *);

static const char *
id_at(const struct idset *s, size_t i)
{
	return *(const char *const *)(const void *)
	    ((const char *)s->base + i * s->size);
}

static int
find_id(const struct idset *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		const char *x = id_at(s, i);

		/* the first byte first: most ids differ there */
		if (x[0] == id[0] && strcmp(x, id) == 0)
			return (int)i;
	}
	return -1;
}

static void
join_ids(struct as_buf *b, const struct idset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		buf_addf(b, "%s%s", i ? ", " : "", id_at(s, i));
	if (s->n == 0)
		buf_adds(b, "none are defined");
}

static const char *
fmt(char *buf, size_t size, const char *f, ...)
	__attribute__((format(printf, 3, 4)));
static const char *
fmt(char *buf, size_t size, const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	vsnprintf(buf, size, f, ap);
	va_end(ap);
	return buf;
}

/*
 * What a node is, for messages: "key of own" ("type of field phone"), or
 * just one of them.  Built only when there is something to say.
 */
#define PATHMAX 320
static const char *
path(char *buf, const char *key, const char *own)
{
	if (key != NULL && own != NULL)
		return fmt(buf, PATHMAX, "%s of %s", key, own);
	return fmt(buf, PATHMAX, "%s", key != NULL ? key : own);
}

/* "unknown role "x" for user li; valid roles: a, b" */
static void
unknown(struct bld *b, const struct ynode *at, const struct idset *s,
	const char *own)
{
	struct as_buf list = {0};

	join_ids(&list, s);
	ld_diag(b->ld, at, "unknown %s \"%s\"%s%s; valid %s: %s", s->what,
	    at->str, own ? " for " : "", own ? own : "", s->whats, list.data);
	buf_free(&list);
}

/* "field x has no type; valid field types: text, ..." */
static void
missing(struct bld *b, const struct ynode *at, const char *what,
	const struct idset *s)
{
	struct as_buf list = {0};

	join_ids(&list, s);
	ld_diag(b->ld, at, "%s; valid %s: %s", what, s->whats, list.data);
	buf_free(&list);
}

static void
kind_diag(struct bld *b, const struct ynode *n, const char *want,
	  const char *key, const char *own)
{
	char p[PATHMAX];
	size_t cut;

	path(p, key, own);
	if (n->kind != Y_SCALAR) {
		ld_diag(b->ld, n, "expected %s for %s, found %s", want, p,
		    n->kind == Y_MAP ? "a mapping" : "a sequence");
		return;
	}
	cut = utf8_cut(n->str, n->len, 40);
	ld_diag(b->ld, n, "expected %s for %s, found \"%.*s%s\"", want, p,
	    (int)cut, n->str, cut < n->len ? "..." : "");
}

static int
absent(const struct ynode *n)
{
	return n == NULL || (n->kind == Y_SCALAR && n->null);
}

/* 1 if n is a mapping; an absent or empty node is no error. */
static int
want_map(struct bld *b, const struct ynode *n, const char *key,
	 const char *own)
{
	if (absent(n))
		return 0;
	if (n->kind != Y_MAP) {
		kind_diag(b, n, "a mapping", key, own);
		return 0;
	}
	return 1;
}

static int
want_seq(struct bld *b, const struct ynode *n, const char *key,
	 const char *own)
{
	if (absent(n))
		return 0;
	if (n->kind != Y_SEQ) {
		kind_diag(b, n, "a sequence", key, own);
		return 0;
	}
	return 1;
}

/* The scalar n, or NULL when it is absent or (with a diagnostic) not one. */
static const struct ynode *
scalar(struct bld *b, const struct ynode *n, const char *key,
       const char *own)
{
	if (absent(n))
		return NULL;
	if (n->kind != Y_SCALAR) {
		kind_diag(b, n, "a scalar", key, own);
		return NULL;
	}
	return n;
}

/* scalar, and where n is absent "expected what for ..., found nothing". */
static const struct ynode *
needed_scalar(struct bld *b, const struct ynode *n, const char *key,
	      const char *own, const char *what)
{
	const struct ynode *s = scalar(b, n, key, own);
	char p[PATHMAX];

	if (s == NULL && absent(n))
		ld_diag(b->ld, n, "expected %s for %s, found nothing", what,
		    path(p, key, own));
	return s;
}

/*
 * The decimal q ([+-]digits[.decimals]) in units of 10^-ndec: with ndec 2,
 * "-0.5" is -50.  1 when *out was set; 0 for more than maxdig digits
 * before the point, more than ndec after it, or anything else.
 */
static int
fixed_point(const char *q, int maxdig, int ndec, long long *out)
{
	long long v = 0;
	int digits = 0, neg = 0, dec = 0;

	if (*q == '-' || *q == '+')
		neg = *q++ == '-';
	for (; *q >= '0' && *q <= '9'; q++, digits++)
		if (digits < maxdig)    /* more is refused below: no overflow */
			v = v * 10 + (*q - '0');
	if (ndec > 0 && digits > 0 && *q == '.')
		for (q++; dec <= ndec && *q >= '0' && *q <= '9'; q++, dec++)
			v = v * 10 + (*q - '0');
	if (digits == 0 || digits > maxdig || dec > ndec || *q != '\0')
		return 0;
	for (; dec < ndec; dec++)
		v *= 10;
	*out = neg ? -v : v;
	return 1;
}

/* A kind of fixed-point value in the configuration, for fixed_value. */
struct fixed_kind {
	const char *noun;     /* "bad NOUN ..." */
	const char *what;     /* "expected WHAT ..." */
	const char *example;  /* "... such as EXAMPLE" */
	int maxdig, ndec;     /* see fixed_point */
};
static const struct fixed_kind yuan = { "amount", "an amount in yuan",
    "0 or 99999.50", 13, 2 };
static const struct fixed_kind whole_number = { "number", "a whole number",
    "100", 15, 0 };
static const struct fixed_kind score_pct = { "score", "a percentage",
    "75 or 87.5", 3, 1 };

/* The scalar n for key of own read as k; 1 when *out was set. */
static int
fixed_value(struct bld *b, const struct ynode *n, const char *key,
	    const char *own, const struct fixed_kind *k, long long *out)
{
	const struct ynode *s = needed_scalar(b, n, key, own, k->what);
	char p[PATHMAX];

	if (s == NULL)
		return 0;
	if (!fixed_point(s->str, k->maxdig, k->ndec, out)) {
		ld_diag(b->ld, s, "bad %s \"%s\" for %s; expected %s such as "
		    "%s", k->noun, s->str, path(p, key, own), k->what,
		    k->example);
		return 0;
	}
	return 1;
}

static const char *
mstr(struct bld *b, const struct ynode *n)
{
	return arena_strndup(b->a, n->str, n->len);
}

/* Pick the known keys of map into out[] (indexed like keys). */
static void
get_keys(struct bld *b, const struct ynode *map, const char *const *keys,
	 size_t nkeys, const char *key, const char *own, struct kv *out)
{
	struct idset set = { keys, nkeys, sizeof *keys, "key", "keys" };
	struct as_buf list = {0};
	const struct ynode *k;
	char p[PATHMAX];
	size_t i;
	int j;

	for (i = 0; i < map->n; i++) {
		k = map->kids[2 * i];
		if ((j = find_id(&set, k->str)) >= 0) {
			out[j].k = k;
			out[j].v = map->kids[2 * i + 1];
			continue;
		}
		if (list.data == NULL)
			join_ids(&list, &set);
		if (key == NULL && own == NULL)
			ld_diag(b->ld, k, "unknown key \"%s\" at the top level; "
			    "valid keys: %s", k->str, list.data);
		else
			ld_diag(b->ld, k, "unknown key \"%s\" in %s; valid "
			    "keys: %s", k->str, path(p, key, own), list.data);
	}
	buf_free(&list);
}

static void
boolean(struct bld *b, const struct ynode *n, const char *key,
	const char *own, int *out)
{
	static const char *const yes[] = { "true", "True", "TRUE" };
	static const char *const no[] = { "false", "False", "FALSE" };
	const struct ynode *s = scalar(b, n, key, own);
	char p[PATHMAX];
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < 3; i++) {
		if (strcmp(s->str, yes[i]) == 0) {
			*out = 1;
			return;
		}
		if (strcmp(s->str, no[i]) == 0) {
			*out = 0;
			return;
		}
	}
	ld_diag(b->ld, s, "bad boolean \"%s\" for %s; expected true or false",
	    s->str, path(p, key, own));
}

/* A decimal like 90 or -2.5, read without the locale's decimal point. */
static void
number(struct bld *b, const struct ynode *n, const char *key,
       const char *own, double *out, int *has)
{
	const struct ynode *s = scalar(b, n, key, own);
	const char *q;
	double v = 0, scale = 1;
	char p[PATHMAX];
	int digits = 0, neg = 0;

	if (s == NULL)
		return;
	q = s->str;
	if (*q == '-' || *q == '+')
		neg = *q++ == '-';
	for (; *q >= '0' && *q <= '9'; q++, digits++)
		v = v * 10 + (*q - '0');
	if (digits > 0 && *q == '.' && q[1] >= '0' && q[1] <= '9')
		for (q++; *q >= '0' && *q <= '9'; q++)
			v += (*q - '0') * (scale /= 10);
	if (digits == 0 || digits > 15 || *q != '\0') {
		ld_diag(b->ld, s, "bad number \"%s\" for %s; expected a number "
		    "such as 90 or 2.5", s->str, path(p, key, own));
		return;
	}
	*out = neg ? -v : v;
	*has = 1;
}

static void
label(struct bld *b, const struct ynode *n, const char *own,
      struct cfg_label *l)
{
	struct kv kv[L_N] = {{0}};
	const struct ynode *s;

	if (!want_map(b, n, "label", own))
		return;
	get_keys(b, n, label_keys, L_N, "label", own, kv);
	if ((s = scalar(b, kv[L_ZH].v, "zh of label", own)) != NULL)
		l->zh = mstr(b, s);
	if ((s = scalar(b, kv[L_EN].v, "en of label", own)) != NULL)
		l->en = mstr(b, s);
}

/* Index of the scalar n in set, or -1 (with a diagnostic). */
static int
ref_one(struct bld *b, const struct ynode *n, const struct idset *set,
	const char *key, const char *own)
{
	char what[64];
	const struct ynode *s = needed_scalar(b, n, key, own,
	    fmt(what, sizeof what, "a %s", set->what));
	int i;

	if (s == NULL)
		return -1;
	if ((i = find_id(set, s->str)) < 0)
		unknown(b, s, set, own);
	return i;
}

/* Resolve the sequence n of ids of set (kept in the tree arena). */
static struct refs
ref_list(struct bld *b, const struct ynode *n, const struct idset *set,
	 const char *key, const char *own)
{
	struct refs r = { 0, NULL, NULL };
	size_t i;
	int k;

	if (!want_seq(b, n, key, own) || n->n == 0)
		return r;
	r.idx = arena_alloc(&b->ld->tree, n->n * sizeof *r.idx);
	r.at = arena_alloc(&b->ld->tree, n->n * sizeof *r.at);
	for (i = 0; i < n->n; i++) {
		if ((k = ref_one(b, n->kids[i], set, key, own)) < 0)
			continue;
		r.at[r.n] = n->kids[i];
		r.idx[r.n++] = (size_t)k;
	}
	return r;
}

static struct idset
state_set(const struct cfg_rectype *rt)
{
	struct idset s = { rt->states, rt->nstates, sizeof *rt->states,
	    "state", "states" };

	return s;
}

static struct idset
field_set(const struct cfg_rectype *rt)
{
	struct idset s = { rt->fields, rt->nfields, sizeof *rt->fields,
	    "field", "fields" };

	return s;
}

static struct idset
role_set(const struct bld *b)
{
	struct idset s = { b->c->roles, b->c->nroles, sizeof *b->c->roles,
	    "role", "roles" };

	return s;
}

/* The roles r names (resolved against role_set), kept in the model. */
static const struct cfg_role *const *
role_ptrs(struct bld *b, const struct refs *r)
{
	const struct cfg_role **v = arena_alloc(b->a, r->n * sizeof *v);
	size_t i;

	for (i = 0; i < r->n; i++)
		v[i] = &b->c->roles[r->idx[i]];
	return v;
}

static const struct cfg_role *const *
role_list(struct bld *b, const struct ynode *n, const char *key,
	  const char *own, size_t *count)
{
	struct idset set = role_set(b);
	struct refs r = ref_list(b, n, &set, key, own);

	*count = r.n;
	return role_ptrs(b, &r);
}

/* from names the transition when the states are its from: list. */
static const struct cfg_state *const *
state_list(struct bld *b, const struct cfg_rectype *rt, const struct ynode *n,
	   const char *key, const char *own, const char *from, size_t *count)
{
	struct idset set = state_set(rt);
	struct refs r = ref_list(b, n, &set, key, own);
	const struct cfg_state **v = arena_alloc(b->a, r.n * sizeof *v);
	size_t i;

	for (i = 0; i < r.n; i++) {
		v[i] = &rt->states[r.idx[i]];
		if (from != NULL && v[i]->terminal)
			ld_diag(b->ld, r.at[i], "transition %s leaves terminal "
			    "state \"%s\"; a terminal state has no outgoing "
			    "transitions except those with reopens: true", from,
			    v[i]->id);
	}
	*count = r.n;
	return v;
}

static const struct cfg_field *const *
field_list(struct bld *b, const struct cfg_rectype *rt, const struct ynode *n,
	   const char *key, const char *own, size_t *count)
{
	struct idset set = field_set(rt);
	struct refs r = ref_list(b, n, &set, key, own);
	const struct cfg_field **v = arena_alloc(b->a, r.n * sizeof *v);
	size_t i;

	for (i = 0; i < r.n; i++)
		v[i] = &rt->fields[r.idx[i]];
	*count = r.n;
	return v;
}

static void
roles(struct bld *b, const struct ynode *n)
{
	struct cfg_role *v;
	char own[PATHMAX];
	size_t i;

	if (!want_map(b, n, "roles", NULL))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		v[i].id = mstr(b, n->kids[2 * i]);
		label(b, n->kids[2 * i + 1], fmt(own, sizeof own, "role %s",
		    v[i].id), &v[i].label);
	}
	b->c->roles = v;
	b->c->nroles = n->n;
}

static void
codes(struct bld *b, const struct ynode *n)
{
	struct cfg_codelist *v;
	struct cfg_code *k;
	const struct ynode *l;
	char own[PATHMAX];
	size_t i, j;

	if (!want_map(b, n, "codes", NULL))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		v[i].id = mstr(b, n->kids[2 * i]);
		l = n->kids[2 * i + 1];
		if (!want_map(b, l, fmt(own, sizeof own, "code list %s",
		    v[i].id), NULL))
			continue;
		k = arena_alloc(b->a, l->n * sizeof *k);
		for (j = 0; j < l->n; j++) {
			k[j].id = mstr(b, l->kids[2 * j]);
			label(b, l->kids[2 * j + 1], fmt(own, sizeof own,
			    "code %s of code list %s", k[j].id, v[i].id),
			    &k[j].label);
		}
		v[i].codes = k;
		v[i].ncodes = l->n;
	}
	b->c->codelists = v;
	b->c->ncodelists = n->n;
}

static void
targets(struct bld *b, const struct ynode *n)
{
	struct kv kv[G_N];
	struct cfg_target *v;
	char own[PATHMAX];
	size_t i;

	if (!want_map(b, n, "targets", NULL))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		v[i].id = mstr(b, n->kids[2 * i]);
		fmt(own, sizeof own, "target %s", v[i].id);
		memset(kv, 0, sizeof kv);
		if (!want_map(b, n->kids[2 * i + 1], NULL, own))
			continue;
		get_keys(b, n->kids[2 * i + 1], target_keys, G_N, NULL, own,
		    kv);
		label(b, kv[G_LABEL].v, own, &v[i].label);
		number(b, kv[G_MIN].v, "min", own, &v[i].min, &v[i].has_min);
		number(b, kv[G_MAX].v, "max", own, &v[i].max, &v[i].has_max);
	}
	b->c->targets = v;
	b->c->ntargets = n->n;
}

/* Units -------------------------------------------------------------- */

static struct idset
unit_set(const struct bld *b)
{
	struct idset s = { b->c->units, b->c->nunits, sizeof *b->c->units,
	    "unit", "units" };

	return s;
}

/*
 * units: {id: {label, parent}}, a tree (R1 §8.1: company > branch > field
 * offices, service stations, central store).  A parent must be a unit and
 * no unit may be its own ancestor.
 */
static void
units(struct bld *b, const struct ynode *n)
{
	struct kv *kv;
	struct cfg_unit *v;
	const struct cfg_unit *u;
	struct idset set;
	char own[PATHMAX];
	size_t i, depth;
	int k;

	if (!want_map(b, n, "units", NULL))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	kv = arena_alloc(&b->ld->tree, n->n * UN_N * sizeof *kv);
	for (i = 0; i < n->n; i++)
		v[i].id = mstr(b, n->kids[2 * i]);
	b->c->units = v;
	b->c->nunits = n->n;
	set = unit_set(b);
	for (i = 0; i < n->n; i++) {
		fmt(own, sizeof own, "unit %s", v[i].id);
		if (!want_map(b, n->kids[2 * i + 1], NULL, own))
			continue;
		get_keys(b, n->kids[2 * i + 1], unit_keys, UN_N, NULL, own,
		    &kv[i * UN_N]);
		label(b, kv[i * UN_N + UN_LABEL].v, own, &v[i].label);
		if (absent(kv[i * UN_N + UN_PARENT].v))
			continue;
		if ((k = ref_one(b, kv[i * UN_N + UN_PARENT].v, &set, "parent",
		    own)) >= 0)
			v[i].parent = &v[k];
	}
	for (i = 0; i < n->n; i++) {
		for (u = v[i].parent, depth = 0; u != NULL && depth <= n->n;
		    u = u->parent, depth++)
			if (u == &v[i])
				break;
		if (u == &v[i]) {
			ld_diag(b->ld, kv[i * UN_N + UN_PARENT].v, "unit %s is "
			    "its own ancestor through parent:; units form a "
			    "tree", v[i].id);
			v[i].parent = NULL;
		}
	}
}

/* The units the sequence n names, kept in the model. */
static const struct cfg_unit *const *
unit_list(struct bld *b, const struct ynode *n, const char *key,
	  const char *own, size_t *count)
{
	struct idset set = unit_set(b);
	struct refs r = ref_list(b, n, &set, key, own);
	const struct cfg_unit **v = arena_alloc(b->a, r.n * sizeof *v);
	size_t i;

	for (i = 0; i < r.n; i++)
		v[i] = &b->c->units[r.idx[i]];
	*count = r.n;
	return v;
}

/* unit_field: of a record type: a field of it of type unit. */
static void
unit_field(struct bld *b, struct cfg_rectype *rt, const struct rt_tmp *tmp,
	   const char *own)
{
	struct idset set = field_set(rt);
	const struct ynode *n = tmp->kv[R_UNIT_FIELD].v;
	int k;

	if (absent(n))
		return;
	if ((k = ref_one(b, n, &set, "unit_field", own)) < 0)
		return;
	if (rt->fields[k].type != CFG_T_UNIT) {
		ld_diag(b->ld, n, "unit_field of %s names field %s, which is "
		    "not of type unit", own, rt->fields[k].id);
		return;
	}
	rt->unit_field = &rt->fields[k];
}

/* scope: unit of a transition or edit (the only scope there is). */
static void
scope(struct bld *b, const struct cfg_rectype *rt, const struct ynode *n,
      const char *own, int *out)
{
	const struct ynode *s = scalar(b, n, "scope", own);

	if (s == NULL)
		return;
	if (strcmp(s->str, "unit") != 0) {
		ld_diag(b->ld, s, "unknown scope \"%s\" for %s; valid scopes: "
		    "unit", s->str, own);
		return;
	}
	if (rt->unit_field == NULL) {
		ld_diag(b->ld, s, "scope: unit on %s, but record type %s has "
		    "no unit_field: naming its unit", own, rt->id);
		return;
	}
	*out = 1;
}

/* freeze: of a state: all, or a list of fields (R2 §3.3.2). */
static void
freeze(struct bld *b, const struct cfg_rectype *rt, const struct ynode *n,
       const char *own, struct cfg_state *st)
{
	if (absent(n))
		return;
	if (n->kind == Y_SCALAR) {
		if (strcmp(n->str, "all") == 0)
			st->freeze_all = 1;
		else
			ld_diag(b->ld, n, "bad freeze \"%s\" for %s; expected "
			    "all or a list of fields", n->str, own);
		return;
	}
	st->freeze = field_list(b, rt, n, "freeze", own, &st->nfreeze);
}

/*
 * seal: of a state: a text field that receives the code of the frozen
 * fields (R2 §3.3.2); the state must freeze a list of fields.
 */
static void
seal(struct bld *b, const struct cfg_rectype *rt, const struct ynode *n,
     const char *own, struct cfg_state *st)
{
	struct idset set = field_set(rt);
	int k;

	if (absent(n))
		return;
	if ((k = ref_one(b, n, &set, "seal", own)) < 0)
		return;
	st->seal = &rt->fields[k];
	if (st->seal->type != CFG_T_TEXT)
		ld_diag(b->ld, n, "seal field %s of %s must be a text field",
		    st->seal->id, own);
	if (st->nfreeze == 0)
		ld_diag(b->ld, n, "%s has seal: but no freeze: list of "
		    "fields for it to seal", own);
}

static void
users(struct bld *b, const struct ynode *n)
{
	struct kv kv[U_N];
	struct cfg_user *v;
	const struct ynode *s;
	char own[PATHMAX];
	size_t i;

	if (!want_map(b, n, "users", NULL))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		v[i].login = v[i].name = mstr(b, n->kids[2 * i]);
		fmt(own, sizeof own, "user %s", v[i].login);
		memset(kv, 0, sizeof kv);
		if (!want_map(b, n->kids[2 * i + 1], NULL, own))
			continue;
		get_keys(b, n->kids[2 * i + 1], user_keys, U_N, NULL, own, kv);
		if ((s = scalar(b, kv[U_NAME].v, "name", own)) != NULL)
			v[i].name = mstr(b, s);
		v[i].roles = role_list(b, kv[U_ROLES].v, "roles", own,
		    &v[i].nroles);
		v[i].units = unit_list(b, kv[U_UNITS].v, "units", own,
		    &v[i].nunits);
	}
	b->c->users = v;
	b->c->nusers = n->n;
}

static void
prefix(struct bld *b, size_t t, const struct rt_tmp *tmp, const char *own)
{
	struct cfg_rectype *rt = &b->rts[t];
	const struct ynode *s;
	const char *p;
	size_t i;

	if ((s = scalar(b, tmp->kv[R_PREFIX].v, "prefix", own)) == NULL) {
		if (absent(tmp->kv[R_PREFIX].v))
			ld_diag(b->ld, tmp->key, "record type %s has no "
			    "prefix; add one such as prefix: C", rt->id);
		return;
	}
	for (p = s->str; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z');
	    p++)
		;
	if (p == s->str || *p != '\0') {
		ld_diag(b->ld, s, "bad prefix \"%s\" for record type %s; a "
		    "prefix is one or more ASCII letters", s->str, rt->id);
		return;
	}
	for (i = 0; i < t; i++) {
		if (b->rts[i].prefix != NULL &&
		    strcasecmp(b->rts[i].prefix, s->str) == 0) {
			ld_diag(b->ld, s, "prefix \"%s\" of record type %s is "
			    "already used by record type %s", s->str, rt->id,
			    b->rts[i].id);
			return;
		}
	}
	rt->prefix = mstr(b, s);
}

/* codes: of an enum field and ref: of a reference field. */
static void
field_target(struct bld *b, struct cfg_field *f, const struct ynode *key,
	     const struct kv *kv, const char *own)
{
	struct idset lset = { b->c->codelists, b->c->ncodelists,
	    sizeof *b->c->codelists, "code list", "code lists" };
	struct idset rset = { b->rts, b->c->nrectypes, sizeof *b->rts,
	    "ref", "refs" };
	struct as_buf refs = {0};
	const struct ynode *c, *r;
	char what[PATHMAX];
	size_t i;
	int k;

	c = scalar(b, kv[F_CODES].v, "codes", own);
	r = scalar(b, kv[F_REF].v, "ref", own);
	if (f->type != CFG_T_ENUM && kv[F_CODES].k != NULL)
		ld_diag(b->ld, kv[F_CODES].k, "codes: is only for enum "
		    "fields; field %s is %s", f->id, ftypes[f->type]);
	if (f->type != CFG_T_REF && kv[F_REF].k != NULL)
		ld_diag(b->ld, kv[F_REF].k, "ref: is only for reference "
		    "fields; field %s is %s", f->id, ftypes[f->type]);
	if (f->type == CFG_T_ENUM) {
		if (c != NULL && (k = find_id(&lset, c->str)) >= 0)
			f->codes = &b->c->codelists[k];
		else if (c != NULL)
			unknown(b, c, &lset, own);
		else if (absent(kv[F_CODES].v))
			missing(b, key, fmt(what, sizeof what, "enum field %s "
			    "has no codes: naming its code list", f->id),
			    &lset);
	}
	if (f->type != CFG_T_REF || (r == NULL && !absent(kv[F_REF].v)))
		return;
	if (r != NULL && strcmp(r->str, "user") == 0) {
		f->ref = arena_strndup(b->a, "user", 4);
		return;
	}
	if (r != NULL && (k = find_id(&rset, r->str)) >= 0) {
		f->ref = b->rts[k].id;
		return;
	}
	buf_adds(&refs, "user");
	for (i = 0; i < b->c->nrectypes; i++)
		buf_addf(&refs, ", %s", b->rts[i].id);
	if (r != NULL)
		ld_diag(b->ld, r, "unknown ref \"%s\" for %s; valid refs: %s",
		    r->str, own, refs.data);
	else
		ld_diag(b->ld, key, "reference field %s has no ref: (user or "
		    "a record type); valid refs: %s", f->id, refs.data);
	buf_free(&refs);
}

/* An amount in yuan such as 100 or -0.5 into fen; 1 when *fen was set. */
static int
money_amount(struct bld *b, const struct ynode *n, const char *key,
	     const char *own, long long *fen)
{
	return fixed_value(b, n, key, own, &yuan, fen);
}

/* pattern: of a text field, alone or as {regex:, zh:, en:}. */
static void
field_pattern(struct bld *b, struct cfg_field *f, const struct kv *pk,
	      const char *own)
{
	struct kv kv[P_N] = {{0}};
	const struct ynode *n = pk->v, *s;
	char *wrapped, msg[256];
	regex_t probe;
	int rc;

	if (absent(n)) {
		ld_diag(b->ld, n, "expected a regular expression for pattern "
		    "of %s, found nothing", own);
		return;
	}
	if (n->kind == Y_MAP) {
		get_keys(b, n, pattern_keys, P_N, "pattern", own, kv);
		if ((s = scalar(b, kv[P_ZH].v, "zh of pattern", own)) != NULL)
			f->pattern_hint.zh = mstr(b, s);
		if ((s = scalar(b, kv[P_EN].v, "en of pattern", own)) != NULL)
			f->pattern_hint.en = mstr(b, s);
		if (absent(kv[P_REGEX].v)) {
			ld_diag(b->ld, kv[P_REGEX].v != NULL ? kv[P_REGEX].v : n,
			    "pattern of %s has no regex:", own);
			return;
		}
		n = kv[P_REGEX].v;
	}
	if ((s = scalar(b, n, "pattern", own)) == NULL)
		return;
	/*
	 * Checked here, compiled at its first use (cfg_pattern_ok), so that
	 * a model holds no pointer outside its arena; the source alone
	 * first, as wrapping could hide an unbalanced ).
	 */
	if ((rc = regcomp(&probe, s->str, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(rc, &probe, msg, sizeof msg);
		ld_diag(b->ld, s, "bad pattern \"%s\" for %s: %s", s->str, own,
		    msg);
		return;
	}
	regfree(&probe);
	wrapped = xasprintf("^(%s)$", s->str);
	rc = regcomp(&probe, wrapped, REG_EXTENDED | REG_NOSUB);
	free(wrapped);
	if (rc != 0) {
		regerror(rc, &probe, msg, sizeof msg);
		ld_diag(b->ld, s, "bad pattern \"%s\" for %s: %s", s->str, own,
		    msg);
		return;
	}
	regfree(&probe);
	f->pattern = mstr(b, s);
}

/* min:, max:, maxlen: and pattern: of field f, and their defaults. */
static void
field_limits(struct bld *b, struct cfg_field *f, const struct kv *kv,
	     const char *own)
{
	int num = f->type == CFG_T_INT || f->type == CFG_T_MONEY;
	int text = f->type == CFG_T_TEXT || f->type == CFG_T_MULTILINE;
	const char *dflt = "";
	long long n;
	size_t j;

	for (j = F_MIN; j <= F_MAX; j++) {
		if (kv[j].k == NULL)
			continue;
		if (!num) {
			ld_diag(b->ld, kv[j].k, "%s: is only for int and money "
			    "fields; field %s is %s", field_keys[j], f->id,
			    ftypes[f->type]);
			continue;
		}
		if (f->type == CFG_T_INT ? !whole(b, kv[j].v, field_keys[j],
		    own, &n) : !money_amount(b, kv[j].v, field_keys[j], own, &n))
			continue;
		if (j == F_MIN) {
			f->has_min = 1;
			f->min = n;
		} else {
			f->has_max = 1;
			f->max = n;
		}
	}
	if (f->type == CFG_T_MONEY && (!f->has_min || !f->has_max)) {
		if (kv[F_MIN].k != NULL || kv[F_MAX].k != NULL)
			dflt = "the default ";
		if (!f->has_min && kv[F_MIN].k == NULL)
			f->min = CFG_MONEY_MIN;
		if (!f->has_max && kv[F_MAX].k == NULL)
			f->max = CFG_MONEY_MAX;
		f->has_min = f->has_max = 1;
	}
	if (f->has_min && f->has_max && f->min > f->max) {
		if (f->type == CFG_T_MONEY)
			ld_diag(b->ld, kv[F_MIN].v != NULL ? kv[F_MIN].v :
			    kv[F_MAX].v, "min %lld.%02lld is above %smax "
			    "%lld.%02lld of field %s", f->min / 100,
			    llabs(f->min % 100), dflt, f->max / 100,
			    llabs(f->max % 100), f->id);
		else
			ld_diag(b->ld, kv[F_MIN].v, "min %lld is above max %lld "
			    "of field %s", f->min, f->max, f->id);
	}
	if (kv[F_MAXLEN].k != NULL && !text)
		ld_diag(b->ld, kv[F_MAXLEN].k, "maxlen: is only for text and "
		    "multiline fields; field %s is %s", f->id,
		    ftypes[f->type]);
	else if (kv[F_MAXLEN].k != NULL &&
	    whole(b, kv[F_MAXLEN].v, "maxlen", own, &n)) {
		if (n < 1 || n > 1000000)
			ld_diag(b->ld, kv[F_MAXLEN].v, "bad maxlen \"%s\" for "
			    "%s; expected a number of characters from 1 to "
			    "1000000", kv[F_MAXLEN].v->str, own);
		else
			f->maxlen = (size_t)n;
	}
	if (text && f->maxlen == 0)
		f->maxlen = f->type == CFG_T_TEXT ? CFG_MAXLEN_TEXT
		    : CFG_MAXLEN_MULTILINE;
	if (kv[F_PATTERN].k != NULL && f->type != CFG_T_TEXT)
		ld_diag(b->ld, kv[F_PATTERN].k, "pattern: is only for text "
		    "fields; field %s is %s", f->id, ftypes[f->type]);
	else if (kv[F_PATTERN].k != NULL)
		field_pattern(b, f, &kv[F_PATTERN], own);
}

/* default: of field f: now, for a datetime field alone. */
static void
field_default(struct bld *b, struct cfg_field *f, const struct kv *dk,
	      const char *own)
{
	const struct ynode *s;

	if (dk->k == NULL)
		return;
	if (f->type != CFG_T_DATETIME) {
		ld_diag(b->ld, dk->k, "default: is only for datetime fields; "
		    "field %s is %s", f->id, ftypes[f->type]);
		return;
	}
	if ((s = needed_scalar(b, dk->v, "default", own, "now")) == NULL)
		return;
	if (strcmp(s->str, "now") != 0) {
		ld_diag(b->ld, s, "bad default \"%s\" for %s; expected now",
		    s->str, own);
		return;
	}
	f->default_now = 1;
}

/*
 * columns: of a lines field: each column is a field of its own (type,
 * required, label, codes, ref: user, min, max, maxlen, pattern), but not
 * lines or multiline (a cell of a grid is one line) and not a reference
 * to a record.  A column id is letters, digits and _ (it is a JSON key
 * and half of a FIELD.COLUMN export header).
 */
static void
field_columns(struct bld *b, struct cfg_field *f, const struct ynode *key,
	      const struct kv *ck, const char *fown)
{
	struct idset tset = { ftypes, NFTYPES, sizeof ftypes[0],
	    "field type", "field types" };
	struct kv kv[F_N];
	struct cfg_field *v, *col;
	const struct ynode *n = ck->v, *s, *ckey;
	char own[PATHMAX], what[PATHMAX];
	const char *p;
	size_t i;
	int k;

	if (f->type != CFG_T_LINES) {
		if (ck->k != NULL)
			ld_diag(b->ld, ck->k, "columns: is only for lines "
			    "fields; field %s is %s", f->id, ftypes[f->type]);
		return;
	}
	if (absent(n) || (n->kind == Y_MAP && n->n == 0)) {
		ld_diag(b->ld, ck->k != NULL ? ck->k : key, "lines field %s "
		    "has no columns: (a map of column id to a field "
		    "definition)", f->id);
		return;
	}
	if (!want_map(b, n, "columns", fown))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		col = &v[i];
		ckey = n->kids[2 * i];
		col->id = mstr(b, ckey);
		fmt(own, sizeof own, "column %s of field %s", col->id, f->id);
		for (p = col->id; (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '_'; p++)
			;
		if (*p != '\0' || p == col->id)
			ld_diag(b->ld, ckey, "bad column id \"%s\" of field "
			    "%s; a column id is letters, digits and _",
			    col->id, f->id);
		memset(kv, 0, sizeof kv);
		if (want_map(b, n->kids[2 * i + 1], NULL, own))
			get_keys(b, n->kids[2 * i + 1], field_keys, F_N, NULL,
			    own, kv);
		else if (!absent(n->kids[2 * i + 1]))
			continue;
		boolean(b, kv[F_REQUIRED].v, "required", own, &col->required);
		label(b, kv[F_LABEL].v, own, &col->label);
		if ((s = scalar(b, kv[F_TYPE].v, "type", own)) == NULL) {
			if (absent(kv[F_TYPE].v))
				missing(b, ckey, fmt(what, sizeof what,
				    "column %s of field %s has no type",
				    col->id, f->id), &tset);
			continue;
		}
		if ((k = find_id(&tset, s->str)) < 0) {
			unknown(b, s, &tset, own);
			continue;
		}
		col->type = (enum cfg_ftype)k;
		if (col->type == CFG_T_LINES || col->type == CFG_T_MULTILINE) {
			ld_diag(b->ld, s, "a column cannot be %s: column %s "
			    "of field %s is one cell of a table", s->str,
			    col->id, f->id);
			continue;
		}
		field_target(b, col, ckey, kv, own);
		if (col->type == CFG_T_REF && col->ref != NULL &&
		    strcmp(col->ref, "user") != 0)
			ld_diag(b->ld, kv[F_REF].v, "column %s of field %s may "
			    "only reference users (ref: user)", col->id,
			    f->id);
		field_limits(b, col, kv, own);
		if (kv[F_COLUMNS].k != NULL)
			ld_diag(b->ld, kv[F_COLUMNS].k, "columns: is only for "
			    "lines fields; %s is %s", own, ftypes[col->type]);
		if (kv[F_DEFAULT].k != NULL)
			ld_diag(b->ld, kv[F_DEFAULT].k, "default: is not for "
			    "columns; %s is a cell of a table", own);
	}
	f->columns = v;
	f->ncolumns = n->n;
}

/* groups: of a record type: the sections of its form, in order. */
static void
groups(struct bld *b, struct cfg_rectype *rt, const struct ynode *n,
       const char *rtown)
{
	struct kv kv[GR_N];
	struct cfg_group *v;
	const struct ynode *s;
	char own[PATHMAX];
	size_t i;

	if (absent(n) || !want_map(b, n, "groups", rtown))
		return;
	v = arena_alloc(b->a, (n->n ? n->n : 1) * sizeof *v);
	for (i = 0; i < n->n; i++) {
		v[i].id = mstr(b, n->kids[2 * i]);
		fmt(own, sizeof own, "group %s", v[i].id);
		memset(kv, 0, sizeof kv);
		if (!want_map(b, n->kids[2 * i + 1], NULL, own))
			continue;
		get_keys(b, n->kids[2 * i + 1], group_keys, GR_N, NULL, own,
		    kv);
		label(b, kv[GR_LABEL].v, own, &v[i].label);
		if ((s = scalar(b, kv[GR_CLAUSE].v, "clause", own)) != NULL)
			v[i].clause = mstr(b, s);
	}
	rt->groups = v;
	rt->ngroups = n->n;
}

/* group: of a field: one of its record type's groups:. */
static void
field_group(struct bld *b, const struct cfg_rectype *rt, struct cfg_field *f,
	    const struct ynode *n, const char *own)
{
	struct idset set = { rt->groups, rt->ngroups, sizeof *rt->groups,
	    "group", "groups" };
	int k;

	if (absent(n))
		return;
	if ((k = ref_one(b, n, &set, "group", own)) >= 0)
		f->group = &rt->groups[k];
}

static void
fields(struct bld *b, struct cfg_rectype *rt, const struct ynode *n,
       const char *rtown)
{
	struct idset tset = { ftypes, NFTYPES, sizeof ftypes[0],
	    "field type", "field types" };
	struct kv kv[F_N];
	struct cfg_field *v, *f;
	const struct ynode *s, *key;
	char own[PATHMAX], what[PATHMAX];
	size_t i;
	int k;

	if (!want_map(b, n, "fields", rtown))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		f = &v[i];
		key = n->kids[2 * i];
		f->id = mstr(b, key);
		fmt(own, sizeof own, "field %s", f->id);
		if (f->id[0] == '_')
			ld_diag(b->ld, key, "field id \"%s\" is reserved: ids "
			    "starting with _ are kept by the program (SLA "
			    "clocks)", f->id);
		memset(kv, 0, sizeof kv);
		if (want_map(b, n->kids[2 * i + 1], NULL, own))
			get_keys(b, n->kids[2 * i + 1], field_keys, F_N, NULL,
			    own, kv);
		else if (!absent(n->kids[2 * i + 1]))
			continue;
		boolean(b, kv[F_REQUIRED].v, "required", own, &f->required);
		label(b, kv[F_LABEL].v, own, &f->label);
		if (kv[F_HINT].v != NULL)   /* hint: {zh:, en:} shown in forms */
			label(b, kv[F_HINT].v, own, &f->hint);
		if ((s = scalar(b, kv[F_TYPE].v, "type", own)) == NULL) {
			if (absent(kv[F_TYPE].v))
				missing(b, key, fmt(what, sizeof what,
				    "field %s has no type", f->id), &tset);
		} else if ((k = find_id(&tset, s->str)) < 0)
			unknown(b, s, &tset, own);
		else {
			f->type = (enum cfg_ftype)k;
			field_target(b, f, key, kv, own);
			field_limits(b, f, kv, own);
			field_default(b, f, &kv[F_DEFAULT], own);
			field_columns(b, f, key, &kv[F_COLUMNS], own);
			computed_keys(b, f, kv);
		}
		field_group(b, rt, f, kv[F_GROUP].v, own);
	}
	rt->fields = v;
	rt->nfields = n->n;
}

static void
states(struct bld *b, struct cfg_rectype *rt, struct rt_tmp *tmp,
       const char *rtown)
{
	const struct ynode *n = tmp->kv[R_STATES].v;
	struct kv kv[S_N];
	struct cfg_state *v;
	char own[PATHMAX];
	size_t i;

	if (!want_map(b, n, "states", rtown) || n->n == 0) {
		if (absent(n) || (n->kind == Y_MAP && n->n == 0))
			ld_diag(b->ld, tmp->key, "record type %s has no states",
			    rt->id);
		return;
	}
	v = arena_alloc(b->a, n->n * sizeof *v);
	tmp->state_nodes = arena_alloc(&b->ld->tree,
	    n->n * sizeof *tmp->state_nodes);
	for (i = 0; i < n->n; i++) {
		v[i].id = mstr(b, n->kids[2 * i]);
		tmp->state_nodes[i] = n->kids[2 * i];
		fmt(own, sizeof own, "state %s", v[i].id);
		memset(kv, 0, sizeof kv);
		if (!want_map(b, n->kids[2 * i + 1], NULL, own))
			continue;
		get_keys(b, n->kids[2 * i + 1], state_keys, S_N, NULL, own, kv);
		label(b, kv[S_LABEL].v, own, &v[i].label);
		boolean(b, kv[S_INITIAL].v, "initial", own, &v[i].initial);
		boolean(b, kv[S_TERMINAL].v, "terminal", own, &v[i].terminal);
		freeze(b, rt, kv[S_FREEZE].v, own, &v[i]);
		seal(b, rt, kv[S_SEAL].v, own, &v[i]);
		if (!v[i].initial)
			continue;
		if (rt->initial == NULL)
			rt->initial = &v[i];
		else
			ld_diag(b->ld, kv[S_INITIAL].v, "second initial state "
			    "\"%s\"; \"%s\" is already the initial state of "
			    "record type %s", v[i].id, rt->initial->id, rt->id);
	}
	rt->states = v;
	rt->nstates = n->n;
	if (rt->initial == NULL)
		ld_diag(b->ld, tmp->kv[R_STATES].k, "record type %s has no "
		    "initial state; mark one state with initial: true",
		    rt->id);
}

static void
guards(struct bld *b, const struct ynode *n, const char *own,
       struct cfg_transition *tr)
{
	struct idset set = { b->guards, b->nguards, sizeof *b->guards,
	    "guard", "guards" };
	const struct ynode *s;
	const char **g;
	size_t i;
	int k;

	if (!want_seq(b, n, "guards", own))
		return;
	g = arena_alloc(b->a, n->n * sizeof *g);
	for (i = 0; i < n->n; i++) {
		if (b->guards == NULL) {
			if ((s = scalar(b, n->kids[i], "guards", own)) != NULL)
				g[tr->nguards++] = mstr(b, s);
		} else if ((k = ref_one(b, n->kids[i], &set, "guards",
		    own)) >= 0)
			/* a copy in the model: the caller's string would
			   keep the model from being an image (cfg_image.c) */
			g[tr->nguards++] = arena_strndup(b->a, b->guards[k],
			    strlen(b->guards[k]));
	}
	tr->guards = g;
}

/*
 * by: of a transition or edit: a field of the record type naming a user
 * (type reference, ref: user), whose user may take the step.
 */
static const struct cfg_field *
by_field(struct bld *b, const struct cfg_rectype *rt, const struct ynode *n,
	 const char *own)
{
	struct idset set = field_set(rt);
	const struct cfg_field *f;
	int k;

	if (n == NULL)
		return NULL;
	if ((k = ref_one(b, n, &set, "by", own)) < 0)
		return NULL;
	f = &rt->fields[k];
	if (f->type != CFG_T_REF || f->ref == NULL ||
	    strcmp(f->ref, "user") != 0) {
		ld_diag(b->ld, n, "by: of %s names field %s, which does not "
		    "name a user; by: needs a field with type: reference and "
		    "ref: user", own, f->id);
		return NULL;
	}
	return f;
}

/* reopens: true belongs on a transition out of a terminal state only. */
static void
reopens_check(struct bld *b, const struct cfg_transition *tr,
	      const struct ynode *at)
{
	size_t i;

	for (i = 0; i < tr->nfrom; i++)
		if (tr->from[i]->terminal)
			return;
	ld_diag(b->ld, at, "transition %s has reopens: true but leaves no "
	    "terminal state; reopens: is only for a transition out of a "
	    "terminal state", tr->id);
}

/*
 * A field of record type rt (named by the scalar n, key of own) that is a
 * reference to records of type want; NULL with a diagnostic otherwise.
 */
static const struct cfg_field *
link_field(struct bld *b, const struct cfg_rectype *rt, const char *want,
	   const struct ynode *n, const char *key, const char *own)
{
	struct idset set = field_set(rt);
	const struct cfg_field *f;
	int k;

	if ((k = ref_one(b, n, &set, key, own)) < 0)
		return NULL;
	f = &rt->fields[k];
	if (f->type != CFG_T_REF || f->ref == NULL ||
	    strcmp(f->ref, want) != 0) {
		ld_diag(b->ld, n, "%s: of %s names field %s of %s, which is "
		    "not a reference to a %s; it needs type: reference and "
		    "ref: %s", key, own, f->id, rt->id, want, want);
		return NULL;
	}
	return f;
}

/* 1 if a value of field from may be copied into field to as it is stored. */
static int
copy_compatible(const struct cfg_field *to, const struct cfg_field *from)
{
	int text_to = to->type == CFG_T_TEXT || to->type == CFG_T_MULTILINE;
	int text_from = from->type == CFG_T_TEXT ||
	    from->type == CFG_T_MULTILINE;

	if (text_to && text_from)
		return 1;
	/* a warranty check gives the supplier it names (R2 §3.8) */
	if (text_to && from->type == CFG_T_WARRANTY)
		return 1;
	if (to->type != from->type)
		return 0;
	if (to->type == CFG_T_ENUM)
		return to->codes == from->codes;
	if (to->type == CFG_T_REF)
		return to->ref != NULL && from->ref != NULL &&
		    strcmp(to->ref, from->ref) == 0;
	return 1;
}

/* per_line: and line_copy: of a creates: (see config.h). */
static void
creates_per_line(struct bld *b, const struct cfg_rectype *rt,
		 struct cfg_creates *cr, const struct ynode *pl,
		 const struct ynode *lc, const char *own)
{
	struct idset oset = field_set(rt), nset = field_set(cr->type), cset;
	struct cfg_copy *cp;
	const struct cfg_field *lines;
	size_t i;
	int k, j;

	if ((k = ref_one(b, pl, &oset, "per_line", own)) < 0)
		return;
	lines = &rt->fields[k];
	if (lines->type != CFG_T_LINES) {
		ld_diag(b->ld, pl, "per_line: of %s names %s, which is not of "
		    "type lines", own, lines->id);
		return;
	}
	if (cr->back != NULL)
		ld_diag(b->ld, pl, "%s has per_line: and back:; one record per "
		    "line cannot be named back", own);
	cr->per_line = lines;
	if (!want_map(b, lc, "line_copy", own))
		return;
	cset.base = lines->columns;
	cset.n = lines->ncolumns;
	cset.size = sizeof *lines->columns;
	cset.what = "column";
	cset.whats = "columns";
	cp = arena_alloc(b->a, lc->n * sizeof *cp);
	for (i = 0; i < lc->n; i++) {
		if ((k = ref_one(b, lc->kids[2 * i], &nset, "line_copy",
		    own)) < 0 || (j = ref_one(b, lc->kids[2 * i + 1], &cset,
		    "line_copy", own)) < 0)
			continue;
		cp[cr->nline_copy].to = &cr->type->fields[k];
		cp[cr->nline_copy].from = &lines->columns[j];
		if (!copy_compatible(cp[cr->nline_copy].to,
		    cp[cr->nline_copy].from)) {
			ld_diag(b->ld, lc->kids[2 * i + 1], "line_copy: of %s "
			    "copies column %s into field %s; their values do "
			    "not fit each other", own, lines->columns[j].id,
			    cr->type->fields[k].id);
			continue;
		}
		cr->nline_copy++;
	}
	cr->line_copy = cp;
}

/*
 * creates: of a transition (see config.h): the record type to create,
 * its field that links back to the step's record (link:, required), the
 * step's record's field that gets the new number (back:, optional) and
 * the fields to copy (copy: {new_field: this_field}).
 */
static const struct cfg_creates *
tr_creates(struct bld *b, const struct cfg_rectype *rt, const struct ynode *n,
	   const char *trown)
{
	struct idset tset = { b->rts, b->c->nrectypes, sizeof *b->rts,
	    "record type", "record types" };
	struct idset nset, oset = field_set(rt);
	struct kv kv[N_N] = {{0}};
	struct cfg_creates *cr;
	struct cfg_copy *cp;
	const struct ynode *m;
	char own[PATHMAX];
	size_t i;
	int k, j;

	if (!want_map(b, n, "creates", trown))
		return NULL;
	fmt(own, sizeof own, "creates of %s", trown);
	get_keys(b, n, creates_keys, N_N, NULL, own, kv);
	if (absent(kv[N_TYPE].v) || absent(kv[N_LINK].v)) {
		ld_diag(b->ld, n, "creates: of %s needs type: (the record type "
		    "to create) and link: (its field that names this record)",
		    trown);
		return NULL;
	}
	if ((k = ref_one(b, kv[N_TYPE].v, &tset, "type", own)) < 0)
		return NULL;
	cr = arena_alloc(b->a, sizeof *cr);
	cr->type = &b->rts[k];
	nset = field_set(cr->type);
	cr->link = link_field(b, cr->type, rt->id, kv[N_LINK].v, "link", own);
	if (!absent(kv[N_BACK].v))
		cr->back = link_field(b, rt, cr->type->id, kv[N_BACK].v,
		    "back", own);
	if (!absent(kv[N_PER_LINE].v))
		creates_per_line(b, rt, cr, kv[N_PER_LINE].v,
		    kv[N_LINE_COPY].v, own);
	m = kv[N_COPY].v;
	if (!want_map(b, m, "copy", own))
		return cr;
	cp = arena_alloc(b->a, m->n * sizeof *cp);
	for (i = 0; i < m->n; i++) {
		if ((k = ref_one(b, m->kids[2 * i], &nset, "copy", own)) < 0 ||
		    (j = ref_one(b, m->kids[2 * i + 1], &oset, "copy",
		    own)) < 0)
			continue;
		cp[cr->ncopy].to = &cr->type->fields[k];
		cp[cr->ncopy].from = &rt->fields[j];
		if (cp[cr->ncopy].to == cr->link) {
			ld_diag(b->ld, m->kids[2 * i], "copy: of %s sets "
			    "field %s, which link: sets already", own,
			    cr->link->id);
			continue;
		}
		if (!copy_compatible(cp[cr->ncopy].to, cp[cr->ncopy].from)) {
			ld_diag(b->ld, m->kids[2 * i + 1], "copy: of %s "
			    "copies field %s (%s) into field %s of %s (%s); "
			    "their values do not fit each other", own,
			    rt->fields[j].id, ftypes[rt->fields[j].type],
			    cr->type->fields[k].id, cr->type->id,
			    ftypes[cr->type->fields[k].type]);
			continue;
		}
		cr->ncopy++;
	}
	cr->copy = cp;
	return cr;
}

static void conds(struct bld *, const struct cfg_rectype *,
    const struct ynode *, const char *, const struct cfg_cond **, size_t *);

/*
 * requires_when: of a transition: a list of {when: {...}, fields: [...]},
 * fields required when the condition holds.
 */
static void
requires_when(struct bld *b, const struct cfg_rectype *rt,
	      const struct ynode *n, const char *own,
	      struct cfg_transition *tr)
{
	struct kv kv[RQ_N];
	struct cfg_reqif *v;
	size_t i;

	if (absent(n) || !want_seq(b, n, "requires_when", own))
		return;
	v = arena_alloc(b->a, (n->n ? n->n : 1) * sizeof *v);
	for (i = 0; i < n->n; i++) {
		memset(kv, 0, sizeof kv);
		if (!want_map(b, n->kids[i], "requires_when", own))
			continue;
		get_keys(b, n->kids[i], reqif_keys, RQ_N, "requires_when",
		    own, kv);
		if (absent(kv[RQ_WHEN].v) || absent(kv[RQ_FIELDS].v))
			ld_diag(b->ld, n->kids[i], "requires_when of %s needs "
			    "both when: and fields:", own);
		conds(b, rt, kv[RQ_WHEN].v, own, &v[i].when, &v[i].nwhen);
		v[i].fields = field_list(b, rt, kv[RQ_FIELDS].v,
		    "requires_when", own, &v[i].nfields);
	}
	tr->reqif = v;
	tr->nreqif = n->n;
}

/*
 * A column of lines field lines (or, lines NULL, a field of rt) named by
 * the scalar n; type: the wanted type (-1: any).  NULL with a diag.
 */
static const struct cfg_field *
move_col(struct bld *b, const struct cfg_rectype *rt,
	 const struct cfg_field *lines, const struct ynode *n, const char *key,
	 const char *own, int type)
{
	struct idset set;
	const struct cfg_field *f;
	int k;

	if (lines != NULL) {
		set.base = lines->columns;
		set.n = lines->ncolumns;
		set.size = sizeof *lines->columns;
		set.what = "column";
		set.whats = "columns";
	} else
		set = field_set(rt);
	if ((k = ref_one(b, n, &set, key, own)) < 0)
		return NULL;
	f = lines != NULL ? &lines->columns[k] : &rt->fields[k];
	if (type >= 0 && f->type != (enum cfg_ftype)type) {
		ld_diag(b->ld, n, "%s: of %s names %s, which is not of type "
		    "%s", key, own, f->id, ftypes[type]);
		return NULL;
	}
	return f;
}

/*
 * An account: a unit id, or {field: F} with F a unit field of rt, or
 * {unit: U}; either map may add per: P, the field (or `number`, the
 * record's own) whose value the account keeps the parts per.
 */
static void
move_account(struct bld *b, const struct cfg_rectype *rt,
	     const struct ynode *n, const char *key, const char *own,
	     struct cfg_account *out)
{
	struct idset uset = unit_set(b);
	struct kv kv[AC_N];
	int k;

	if (absent(n))
		return;
	if (n->kind == Y_MAP) {
		memset(kv, 0, sizeof kv);
		get_keys(b, n, account_keys, AC_N, key, own, kv);
		if (absent(kv[AC_FIELD].v) == absent(kv[AC_UNIT].v)) {
			ld_diag(b->ld, n, "%s: of %s is an account (a unit id), "
			    "{field: F} or {unit: U}", key, own);
			return;
		}
		if (!absent(kv[AC_FIELD].v))
			out->field = move_col(b, rt, NULL, kv[AC_FIELD].v, key,
			    own, CFG_T_UNIT);
		else if ((k = ref_one(b, kv[AC_UNIT].v, &uset, key, own)) >= 0)
			out->unit = &b->c->units[k];
		if (absent(kv[AC_PER].v))
			return;
		if (kv[AC_PER].v->kind == Y_SCALAR &&
		    strcmp(kv[AC_PER].v->str, "number") == 0)
			out->per_number = 1;
		else
			out->per = move_col(b, rt, NULL, kv[AC_PER].v, "per",
			    own, -1);
		return;
	}
	if ((k = ref_one(b, n, &uset, key, own)) >= 0)
		out->unit = &b->c->units[k];
}

/* moves: of a transition (see config.h, "Stock"). */
static void
tr_moves(struct bld *b, const struct cfg_rectype *rt, const struct ynode *n,
	 const char *trown, struct cfg_transition *tr)
{
	struct kv kv[MV_N], ag[AG_N];
	struct cfg_move *v, *m;
	struct idset fset = field_set(rt);
	char own[PATHMAX];
	size_t i;
	int k;

	if (absent(n) || !want_seq(b, n, "moves", trown))
		return;
	v = arena_alloc(b->a, (n->n ? n->n : 1) * sizeof *v);
	fmt(own, sizeof own, "moves of %s", trown);
	for (i = 0; i < n->n; i++) {
		m = &v[tr->nmoves];
		memset(kv, 0, sizeof kv);
		if (!want_map(b, n->kids[i], "moves", trown))
			continue;
		get_keys(b, n->kids[i], move_keys, MV_N, "moves", trown, kv);
		if (!absent(kv[MV_LINES].v)) {
			if ((k = ref_one(b, kv[MV_LINES].v, &fset, "lines",
			    own)) < 0)
				continue;
			m->lines = &rt->fields[k];
			if (m->lines->type != CFG_T_LINES) {
				ld_diag(b->ld, kv[MV_LINES].v, "lines: of %s "
				    "names %s, which is not of type lines",
				    own, m->lines->id);
				continue;
			}
		}
		if (absent(kv[MV_PART].v) || (absent(kv[MV_QTY].v) &&
		    absent(kv[MV_COUNTED].v))) {
			ld_diag(b->ld, n->kids[i], "%s needs part: and "
			    "quantity: (or counted:)", own);
			continue;
		}
		m->part = move_col(b, rt, m->lines, kv[MV_PART].v, "part",
		    own, -1);
		if (!absent(kv[MV_QTY].v))
			m->quantity = move_col(b, rt, m->lines, kv[MV_QTY].v,
			    "quantity", own, CFG_T_INT);
		if (!absent(kv[MV_COUNTED].v)) {
			m->counted = move_col(b, rt, m->lines,
			    kv[MV_COUNTED].v, "counted", own, CFG_T_INT);
			if (!absent(kv[MV_BOOK].v))
				m->book = move_col(b, rt, m->lines,
				    kv[MV_BOOK].v, "book", own, CFG_T_INT);
			if (!absent(kv[MV_VARIANCE].v))
				m->variance = move_col(b, rt, m->lines,
				    kv[MV_VARIANCE].v, "variance", own,
				    CFG_T_INT);
		}
		move_account(b, rt, kv[MV_FROM].v, "from", own, &m->from);
		move_account(b, rt, kv[MV_TO].v, "to", own, &m->to);
		if (m->counted != NULL && m->to.unit == NULL &&
		    m->to.field == NULL)
			ld_diag(b->ld, n->kids[i], "%s: counted: needs to: "
			    "(the account counted)", own);
		if (!absent(kv[MV_AGAINST].v) &&
		    want_map(b, kv[MV_AGAINST].v, "against", own)) {
			memset(ag, 0, sizeof ag);
			get_keys(b, kv[MV_AGAINST].v, against_keys, AG_N,
			    "against", own, ag);
			if (absent(ag[AG_LINES].v) || absent(ag[AG_QTY].v) ||
			    absent(ag[AG_DONE].v) || m->lines == NULL)
				ld_diag(b->ld, kv[MV_AGAINST].v, "against: of %s "
				    "needs lines:, quantity: and done:, and the "
				    "move a lines:", own);
			else if ((k = ref_one(b, ag[AG_LINES].v, &fset,
			    "lines", own)) >= 0) {
				m->against = &rt->fields[k];
				if (m->against->type != CFG_T_LINES)
					ld_diag(b->ld, ag[AG_LINES].v, "against: "
					    "of %s names %s, which is not of type "
					    "lines", own, m->against->id);
				else {
					m->against_qty = move_col(b, rt,
					    m->against, ag[AG_QTY].v,
					    "quantity", own, CFG_T_INT);
					m->done = move_col(b, rt, m->against,
					    ag[AG_DONE].v, "done", own,
					    CFG_T_INT);
				}
			}
		}
		boolean(b, kv[MV_DRY].v, "dry", own, &m->dry);
		boolean(b, kv[MV_CLEAR].v, "clear", own, &m->clear);
		conds(b, rt, kv[MV_WHEN].v, own, &m->when, &m->nwhen);
		conds(b, rt, kv[MV_NEEDS].v, own, &m->needs, &m->nneeds);
		tr->nmoves++;
	}
	tr->moves = v;
}

/* lower_only: {lines: F, part: COL, quantity: COL} of a transition. */
static void
tr_lower(struct bld *b, const struct cfg_rectype *rt, const struct ynode *n,
	 const char *own, struct cfg_transition *tr)
{
	struct kv kv[MV_N];
	struct idset fset = field_set(rt);
	struct cfg_lower *lo;
	int k;

	if (absent(n) || !want_map(b, n, "lower_only", own))
		return;
	memset(kv, 0, sizeof kv);
	get_keys(b, n, move_keys, MV_QTY + 1, "lower_only", own, kv);
	if (absent(kv[MV_LINES].v) || absent(kv[MV_PART].v) ||
	    absent(kv[MV_QTY].v)) {
		ld_diag(b->ld, n, "lower_only of %s needs lines:, part: and "
		    "quantity:", own);
		return;
	}
	if ((k = ref_one(b, kv[MV_LINES].v, &fset, "lines", own)) < 0)
		return;
	if (rt->fields[k].type != CFG_T_LINES) {
		ld_diag(b->ld, kv[MV_LINES].v, "lines: of lower_only of %s "
		    "names %s, which is not of type lines", own,
		    rt->fields[k].id);
		return;
	}
	lo = arena_alloc(b->a, sizeof *lo);
	lo->lines = &rt->fields[k];
	lo->part = move_col(b, rt, lo->lines, kv[MV_PART].v, "part", own, -1);
	lo->quantity = move_col(b, rt, lo->lines, kv[MV_QTY].v, "quantity",
	    own, CFG_T_INT);
	if (lo->part != NULL && lo->quantity != NULL)
		tr->lower_only = lo;
}

/* to_when: of a transition: [{when: {...}, to: STATE}, ...]. */
static void
tr_to_when(struct bld *b, const struct cfg_rectype *rt,
	   const struct ynode *n, const char *own, struct cfg_transition *tr)
{
	struct idset sset = state_set(rt);
	struct kv kv[TW_N];
	struct cfg_to_when *v;
	size_t i;
	int k;

	if (absent(n) || !want_seq(b, n, "to_when", own))
		return;
	v = arena_alloc(b->a, (n->n ? n->n : 1) * sizeof *v);
	for (i = 0; i < n->n; i++) {
		memset(kv, 0, sizeof kv);
		if (!want_map(b, n->kids[i], "to_when", own))
			continue;
		get_keys(b, n->kids[i], to_when_keys, TW_N, "to_when", own,
		    kv);
		if (absent(kv[TW_WHEN].v) || absent(kv[TW_TO].v)) {
			ld_diag(b->ld, n->kids[i], "to_when of %s needs both "
			    "when: and to:", own);
			continue;
		}
		if ((k = ref_one(b, kv[TW_TO].v, &sset, "to", own)) < 0)
			continue;
		v[tr->nto_when].to = &rt->states[k];
		conds(b, rt, kv[TW_WHEN].v, own, &v[tr->nto_when].when,
		    &v[tr->nto_when].nwhen);
		tr->nto_when++;
	}
	tr->to_when = v;
}

static void
transitions(struct bld *b, struct cfg_rectype *rt, const struct rt_tmp *tmp,
	    const char *rtown)
{
	const struct ynode *n = tmp->kv[R_TRANSITIONS].v, *s, *key;
	struct idset sset = state_set(rt);
	struct kv kv[X_N];
	struct cfg_transition *v, *tr;
	char own[PATHMAX];
	size_t i;
	int k;

	if (!want_map(b, n, "transitions", rtown))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		tr = &v[i];
		key = n->kids[2 * i];
		tr->id = mstr(b, key);
		fmt(own, sizeof own, "transition %s", tr->id);
		memset(kv, 0, sizeof kv);
		if (want_map(b, n->kids[2 * i + 1], NULL, own))
			get_keys(b, n->kids[2 * i + 1], transition_keys, X_N,
			    NULL, own, kv);
		else if (!absent(n->kids[2 * i + 1]))
			continue;
		label(b, kv[X_LABEL].v, own, &tr->label);
		if ((s = scalar(b, kv[X_KEY].v, "key", own)) != NULL)
			tr->key = mstr(b, s);
		if (absent(kv[X_FROM].v))
			ld_diag(b->ld, key, "transition %s has no from: list of "
			    "states", tr->id);
		boolean(b, kv[X_REOPENS].v, "reopens", own, &tr->reopens);
		tr->from = state_list(b, rt, kv[X_FROM].v, "from", own,
		    tr->reopens ? NULL : tr->id, &tr->nfrom);
		if (tr->reopens)
			reopens_check(b, tr, kv[X_REOPENS].v);
		boolean(b, kv[X_EXCEPTION].v, "exception", own,
		    &tr->exception);
		if (tr->reopens)
			tr->exception = 1;   /* reopening is an exception too */
		tr->by = by_field(b, rt, kv[X_BY].v, own);
		/* stay: true: the record keeps its state, to is NULL */
		boolean(b, kv[X_STAY].v, "stay", own, &tr->stay);
		if (tr->stay) {
			if (!absent(kv[X_TO].v))
				ld_diag(b->ld, kv[X_TO].k, "transition %s has "
				    "stay: true and a to: state; give one of "
				    "them", tr->id);
		} else if ((s = scalar(b, kv[X_TO].v, "to", own)) == NULL) {
			if (absent(kv[X_TO].v))
				ld_diag(b->ld, key, "transition %s has no to: "
				    "state", tr->id);
		} else if ((k = find_id(&sset, s->str)) < 0)
			unknown(b, s, &sset, own);
		else
			tr->to = &rt->states[k];
		tr->roles = role_list(b, kv[X_ROLES].v, "roles", own,
		    &tr->nroles);
		tr->requires = field_list(b, rt, kv[X_REQUIRES].v, "requires",
		    own, &tr->nrequires);
		tr->context = field_list(b, rt, kv[X_CONTEXT].v, "context",
		    own, &tr->ncontext);
		guards(b, kv[X_GUARDS].v, own, tr);
		conds(b, rt, kv[X_WHEN].v, own, &tr->when, &tr->nwhen);
		tr->creates = tr_creates(b, rt, kv[X_CREATES].v, own);
		scope(b, rt, kv[X_SCOPE].v, own, &tr->scope_unit);
		requires_when(b, rt, kv[X_REQIF].v, own, tr);
		tr_moves(b, rt, kv[X_MOVES].v, own, tr);
		boolean(b, kv[X_UNTIL_DONE].v, "until_done", own,
		    &tr->until_done);
		tr_to_when(b, rt, kv[X_TO_WHEN].v, own, tr);
		tr_lower(b, rt, kv[X_LOWER].v, own, tr);
	}
	rt->transitions = v;
	rt->ntransitions = n->n;
}

static void
edits(struct bld *b, struct cfg_rectype *rt, const struct ynode *n,
      const char *rtown)
{
	struct kv kv[E_N];
	struct cfg_edit *v;
	char own[PATHMAX];
	size_t i;

	if (!want_seq(b, n, "edits", rtown))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		fmt(own, sizeof own, "edit %zu of %s", i + 1, rtown);
		memset(kv, 0, sizeof kv);
		if (!want_map(b, n->kids[i], NULL, own))
			continue;
		get_keys(b, n->kids[i], edit_keys, E_N, NULL, own, kv);
		v[i].states = state_list(b, rt, kv[E_STATES].v, "states", own,
		    NULL, &v[i].nstates);
		v[i].roles = role_list(b, kv[E_ROLES].v, "roles", own,
		    &v[i].nroles);
		v[i].fields = field_list(b, rt, kv[E_FIELDS].v, "fields", own,
		    &v[i].nfields);
		v[i].by = by_field(b, rt, kv[E_BY].v, own);
		scope(b, rt, kv[E_SCOPE].v, own, &v[i].scope_unit);
	}
	rt->edits = v;
	rt->nedits = n->n;
}

/* Create ------------------------------------------------------------- */

/*
 * 1 if role may set field f when creating a record of rt: some entry of
 * create: names both.
 */
static int
create_sets(const struct cfg_rectype *rt, const struct cfg_role *role,
	    const struct cfg_field *f)
{
	size_t i, j, k;

	for (i = 0; i < rt->ncreates; i++)
		for (j = 0; j < rt->creates[i].nroles; j++) {
			if (rt->creates[i].roles[j] != role)
				continue;
			for (k = 0; k < rt->creates[i].nfields; k++)
				if (rt->creates[i].fields[k] == f)
					return 1;
		}
	return 0;
}

/* Every required field of rt must be one that role may set (at: role). */
static void
create_required(struct bld *b, const struct cfg_rectype *rt,
		const struct cfg_role *role, const struct ynode *at)
{
	size_t k;

	for (k = 0; k < rt->nfields; k++)
		if (rt->fields[k].required &&
		    !create_sets(rt, role, &rt->fields[k]))
			ld_diag(b->ld, at, "role %s may create a %s but not "
			    "set its required field %s, so it never could; "
			    "add %s to the fields: of a create entry for %s",
			    role->id, rt->id, rt->fields[k].id,
			    rt->fields[k].id, role->id);
}

/*
 * create: a list of {roles, fields}.  Every role named must be able to set
 * every required field, or it could never create a record: reported once
 * per role and field, at the role's first mention, unless an entry naming
 * the role has a fields: already reported as wrong.
 */
static void
creates(struct bld *b, struct cfg_rectype *rt, const struct ynode *n,
	const char *rtown)
{
	struct idset rset = role_set(b);
	struct kv kv[C_N];
	struct cfg_create *v;
	struct refs *r;
	const struct ynode *fv;
	char own[PATHMAX], *skip;
	size_t i, j;

	if (!want_seq(b, n, "create", rtown))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	r = arena_alloc(&b->ld->tree, n->n * sizeof *r);
	/* roles not to check: checked already, or a fields: was wrong */
	skip = arena_alloc(&b->ld->tree, b->c->nroles + 1);
	for (i = 0; i < n->n; i++) {
		fmt(own, sizeof own, "create %zu of %s", i + 1, rtown);
		memset(kv, 0, sizeof kv);
		if (!want_map(b, n->kids[i], NULL, own)) {
			if (absent(n->kids[i]))
				ld_diag(b->ld, n->kids[i], "%s is empty; give "
				    "it roles: and fields:", own);
			continue;
		}
		get_keys(b, n->kids[i], create_keys, C_N, NULL, own, kv);
		if (absent(kv[C_ROLES].v))
			ld_diag(b->ld, kv[C_ROLES].k ? kv[C_ROLES].k :
			    n->kids[i], "%s has no roles: list; name the roles "
			    "that may create one", own);
		r[i] = ref_list(b, kv[C_ROLES].v, &rset, "roles", own);
		v[i].roles = role_ptrs(b, &r[i]);
		v[i].nroles = r[i].n;
		fv = kv[C_FIELDS].v;
		v[i].fields = field_list(b, rt, fv, "fields", own,
		    &v[i].nfields);
		if (!absent(fv) && (fv->kind != Y_SEQ || fv->n != v[i].nfields))
			for (j = 0; j < r[i].n; j++)
				skip[r[i].idx[j]] = 1;
	}
	rt->creates = v;
	rt->ncreates = n->n;
	for (i = 0; i < n->n; i++)
		for (j = 0; j < r[i].n; j++) {
			if (!skip[r[i].idx[j]])
				create_required(b, rt, v[i].roles[j],
				    r[i].at[j]);
			skip[r[i].idx[j]] = 1;
		}
}

/* maintenance: {command: [roles]} for the commands of maint_cmds. */
static void
maintenance(struct bld *b, const struct ynode *n)
{
	struct idset cset = { maint_cmds, sizeof maint_cmds /
	    sizeof maint_cmds[0], sizeof maint_cmds[0], "maintenance command",
	    "maintenance commands" };
	struct cfg_maint *v;
	char own[PATHMAX];
	size_t i;

	if (!want_map(b, n, "maintenance", NULL))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		if (find_id(&cset, n->kids[2 * i]->str) < 0) {
			unknown(b, n->kids[2 * i], &cset, NULL);
			continue;
		}
		v[b->c->nmaint].id = mstr(b, n->kids[2 * i]);
		fmt(own, sizeof own, "maintenance command %s",
		    v[b->c->nmaint].id);
		v[b->c->nmaint].roles = role_list(b, n->kids[2 * i + 1], NULL,
		    own, &v[b->c->nmaint].nroles);
		b->c->nmaint++;
	}
	b->c->maint = v;
}

/* Clocks ------------------------------------------------------------- */

static const struct cfg_transition *const *
transition_list(struct bld *b, const struct cfg_rectype *rt,
		const struct ynode *n, const char *key, const char *own,
		size_t *count)
{
	struct idset set = { rt->transitions, rt->ntransitions,
	    sizeof *rt->transitions, "transition", "transitions" };
	struct refs r = ref_list(b, n, &set, key, own);
	const struct cfg_transition **v = arena_alloc(b->a, r.n * sizeof *v);
	size_t i;

	for (i = 0; i < r.n; i++)
		v[i] = &rt->transitions[r.idx[i]];
	*count = r.n;
	return v;
}

/*
 * A clock's start: or stop: n (not create): a list of transitions and at
 * most one {field: F} with F a datetime field, or that mapping alone.
 * Returns the transitions (*count of them) and sets *field.
 */
static const struct cfg_transition *const *
clock_ends(struct bld *b, const struct cfg_rectype *rt, const struct ynode *n,
	   const char *key, const char *own, size_t *count,
	   const struct cfg_field **field)
{
	struct idset fset = field_set(rt);
	struct kv kv[KF_N];
	struct ynode seq;
	const struct ynode *item;
	char fown[PATHMAX];
	size_t i, nitems;
	int k;

	if (absent(n)) {
		*count = 0;
		return NULL;
	}
	if (n->kind != Y_MAP && n->kind != Y_SEQ)
		return transition_list(b, rt, n, key, own, count);
	seq = *n;
	nitems = n->kind == Y_MAP ? 1 : n->n;
	seq.kind = Y_SEQ;
	seq.n = 0;
	seq.kids = arena_alloc(&b->ld->tree, nitems * sizeof *seq.kids);
	fmt(fown, sizeof fown, "%s of %s", key, own);
	for (i = 0; i < nitems; i++) {
		item = n->kind == Y_MAP ? n : n->kids[i];
		if (item->kind != Y_MAP) {
			seq.kids[seq.n++] = n->kids[i];
			continue;
		}
		memset(kv, 0, sizeof kv);
		get_keys(b, item, clock_end_keys, KF_N, NULL, fown, kv);
		if (absent(kv[KF_FIELD].v)) {
			ld_diag(b->ld, item, "%s has no field:", fown);
			continue;
		}
		if ((k = ref_one(b, kv[KF_FIELD].v, &fset, "field", fown)) < 0)
			continue;
		if (rt->fields[k].type != CFG_T_DATETIME)
			ld_diag(b->ld, kv[KF_FIELD].v, "field %s of %s is %s; "
			    "a clock starts or stops on a datetime field",
			    rt->fields[k].id, fown,
			    ftypes[rt->fields[k].type]);
		else if (*field != NULL)
			ld_diag(b->ld, item, "second field for %s; give at "
			    "most one", fown);
		else
			*field = &rt->fields[k];
	}
	return transition_list(b, rt, &seq, key, own, count);
}

/* A whole number like 100 or -5; 1 when *out was set. */
static int
whole(struct bld *b, const struct ynode *n, const char *key, const char *own,
      long long *out)
{
	return fixed_value(b, n, key, own, &whole_number, out);
}

/*
 * One value of a condition on field f (the scalar n, key names it in
 * messages): checked and turned into what the record stores (see struct
 * cfg_cond).  NULL (with a diagnostic) when it is no value of f.
 */
static const char *
cond_value_of(struct bld *b, const struct cfg_field *f, const struct ynode *n,
	      const char *key, const char *fown)
{
	struct idset cset;
	const struct ynode *s;
	long long num;
	char p[PATHMAX], buf[32];
	int y, mo, d, h, mi, len = 0, len2 = 0, ok;

	if (absent(n)) {
		ld_diag(b->ld, n, "expected a value for %s in %s, found "
		    "nothing", fown, key);
		return NULL;
	}
	if ((s = scalar(b, n, key, fown)) == NULL)
		return NULL;
	switch (f->type) {
	case CFG_T_ENUM:
		if (f->codes == NULL)
			break;
		cset.base = f->codes->codes;
		cset.n = f->codes->ncodes;
		cset.size = sizeof *f->codes->codes;
		cset.what = "value";
		cset.whats = "values";
		if (find_id(&cset, s->str) < 0) {
			unknown(b, s, &cset, fown);
			return NULL;
		}
		break;
	case CFG_T_INT:
	case CFG_T_MONEY:
		if (f->type == CFG_T_INT ? !whole(b, s, key, fown, &num) :
		    !money_amount(b, s, key, fown, &num))
			return NULL;
		snprintf(buf, sizeof buf, "%lld", num);
		return arena_strndup(b->a, buf, strlen(buf));
	case CFG_T_WARRANTY:
		if (strcmp(s->str, "in") != 0 && strcmp(s->str, "out") != 0 &&
		    strcmp(s->str, "unknown") != 0) {
			ld_diag(b->ld, s, "bad warranty verdict \"%s\" for %s; "
			    "expected in, out or unknown", s->str,
			    path(p, key, fown));
			return NULL;
		}
		break;
	case CFG_T_DATE:
	case CFG_T_DATETIME:
		ok = sscanf(s->str, "%4d-%2d-%2d%n", &y, &mo, &d, &len) == 3 &&
		    mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
		if (ok && s->str[len] != '\0')
			ok = f->type == CFG_T_DATETIME && (s->str[len] == ' ' ||
			    s->str[len] == 'T') && sscanf(s->str + len + 1,
			    " %2d:%2d%n", &h, &mi, &len2) == 2 && h >= 0 &&
			    h <= 23 && mi >= 0 && mi <= 59 &&
			    s->str[len + 1 + len2] == '\0';
		if (!ok) {
			ld_diag(b->ld, s, "bad %s \"%s\" for %s; expected %s",
			    ftypes[f->type], s->str, path(p, key, fown),
			    f->type == CFG_T_DATE ? "YYYY-MM-DD such as "
			    "2026-01-31" : "YYYY-MM-DD HH:MM such as "
			    "2026-01-31 08:00");
			return NULL;
		}
		break;
	default:
		break;
	}
	return mstr(b, s);
}

/* One test of a when: on field f (value node n), appended to v[*nv]. */
static void
cond_one(struct bld *b, const struct cfg_field *f, const struct ynode *n,
	 const char *own, struct cfg_cond *v, size_t *nv)
{
	struct kv kv[O_N] = {{0}};
	char fown[PATHMAX];
	const char **vals, *x;
	long long num;
	int set, j, ordered;
	size_t i, k;

	fmt(fown, sizeof fown, "field %s", f->id);
	if (absent(n)) {
		ld_diag(b->ld, n, "expected a value for %s in when of %s, "
		    "found nothing", fown, own);
		return;
	}
	if (n->kind == Y_SCALAR) {
		if ((x = cond_value_of(b, f, n, "when", fown)) == NULL)
			return;
		vals = arena_alloc(b->a, sizeof *vals);
		vals[0] = x;
		v[*nv].field = f;
		v[*nv].op = CFG_OP_EQ;
		v[*nv].value = x;
		v[*nv].values = vals;
		v[(*nv)++].nvalues = 1;
		return;
	}
	if (n->kind == Y_SEQ) {
		if (n->n == 0) {
			ld_diag(b->ld, n, "empty list for %s in when of %s; "
			    "give at least one value", fown, own);
			return;
		}
		vals = arena_alloc(b->a, n->n * sizeof *vals);
		for (i = k = 0; i < n->n; i++)
			if ((x = cond_value_of(b, f, n->kids[i], "when",
			    fown)) != NULL)
				vals[k++] = x;
		if (k < n->n)
			return;
		v[*nv].field = f;
		v[*nv].op = CFG_OP_IN;
		v[*nv].value = vals[0];
		v[*nv].values = vals;
		v[(*nv)++].nvalues = k;
		return;
	}
	get_keys(b, n, test_keys, O_N, "when", fown, kv);
	if (n->n == 0)
		ld_diag(b->ld, n, "no test for %s in when of %s; valid keys: "
		    "max, min, set", fown, own);
	ordered = f->type == CFG_T_INT || f->type == CFG_T_MONEY ||
	    f->type == CFG_T_DATE || f->type == CFG_T_DATETIME ||
	    f->type == CFG_T_LINES || f->type == CFG_T_SCORE;
	for (j = 0; j < O_N; j++) {
		if (kv[j].k == NULL)
			continue;
		num = 0;
		x = NULL;
		if (j != O_SET && !ordered) {
			ld_diag(b->ld, kv[j].k, "%s: is only for int, money, "
			    "date, datetime, lines and score fields; field %s "
			    "is %s",
			    test_keys[j], f->id, ftypes[f->type]);
			continue;
		}
		if (j == O_SET) {
			set = -1;
			boolean(b, kv[j].v, "set", fown, &set);
			if (set < 0) {
				if (absent(kv[j].v))
					ld_diag(b->ld, kv[j].v, "expected true "
					    "or false for set of %s, found "
					    "nothing", fown);
				continue;
			}
			num = set;
		} else if (f->type == CFG_T_SCORE) {
			/* a score: percent with one decimal, in tenths */
			if (!fixed_value(b, kv[j].v, test_keys[j], fown,
			    &score_pct, &num))
				continue;
		} else if (f->type == CFG_T_LINES) {
			/* lines: the number of lines */
			if (absent(kv[j].v) || scalar(b, kv[j].v, test_keys[j],
			    fown) == NULL || !whole(b, kv[j].v, test_keys[j],
			    fown, &num))
				continue;
		} else if ((x = cond_value_of(b, f, kv[j].v, test_keys[j],
		    fown)) == NULL)
			continue;
		else if (f->type == CFG_T_INT || f->type == CFG_T_MONEY) {
			num = strtoll(x, NULL, 10);
			x = NULL;
		}
		v[*nv].field = f;
		v[*nv].op = j == O_MAX ? CFG_OP_MAX : j == O_MIN ? CFG_OP_MIN
		    : CFG_OP_SET;
		v[*nv].value = x;
		v[(*nv)++].num = num;
	}
}

/*
 * The when: n of own (a transition or a clock rule): its tests into *out
 * and *nout.  The one loader of the condition language (config.h).
 */
static void
conds(struct bld *b, const struct cfg_rectype *rt, const struct ynode *n,
      const char *own, const struct cfg_cond **out, size_t *nout)
{
	struct idset fset = field_set(rt);
	struct cfg_cond *v;
	size_t i;
	int k;

	if (!want_map(b, n, "when", own))
		return;
	v = arena_alloc(b->a, O_N * n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		if ((k = ref_one(b, n->kids[2 * i], &fset, "when", own)) < 0)
			continue;
		cond_one(b, &rt->fields[k], n->kids[2 * i + 1], own, v, nout);
	}
	*out = v;
}

static void
rules(struct bld *b, const struct cfg_rectype *rt, const struct ynode *n,
      const struct ynode *key, struct cfg_clock *k, const char *own)
{
	struct kv kv[RL_N];
	struct cfg_rule *v, *ru;
	const struct ynode *s;
	char rown[PATHMAX];
	size_t j;
	int has;

	if (!want_seq(b, n, "rules", own) || n->n == 0) {
		if (absent(n) || (n->kind == Y_SEQ && n->n == 0))
			ld_diag(b->ld, absent(n) ? key : n, "%s has no rules; "
			    "give at least one with hours:", own);
		return;
	}
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (j = 0; j < n->n; j++) {
		fmt(rown, sizeof rown, "rule %zu of %s", j + 1, own);
		memset(kv, 0, sizeof kv);
		if (!want_map(b, n->kids[j], NULL, rown)) {
			if (absent(n->kids[j]))
				ld_diag(b->ld, n->kids[j], "%s is empty; give "
				    "it hours:", rown);
			continue;
		}
		get_keys(b, n->kids[j], rule_keys, RL_N, NULL, rown, kv);
		ru = &v[k->nrules];
		has = 0;
		if (absent(kv[RL_HOURS].v))
			ld_diag(b->ld, kv[RL_HOURS].k ? kv[RL_HOURS].k :
			    n->kids[j], "%s has no hours:", rown);
		else
			number(b, kv[RL_HOURS].v, "hours", rown, &ru->hours,
			    &has);
		if (has && ru->hours <= 0) {
			ld_diag(b->ld, kv[RL_HOURS].v, "bad hours \"%s\" for "
			    "%s; expected a number of hours above 0",
			    kv[RL_HOURS].v->str, rown);
			has = 0;
		}
		if ((s = scalar(b, kv[RL_CLAUSE].v, "clause", rown)) != NULL)
			ru->clause = mstr(b, s);
		conds(b, rt, kv[RL_WHEN].v, rown, &ru->when, &ru->nwhen);
		if (has)
			k->nrules++;
	}
	k->rules = v;
}

static void
clocks(struct bld *b, struct cfg_rectype *rt, const struct ynode *n,
       const char *rtown)
{
	struct kv kv[K_N];
	struct cfg_clock *v, *k;
	const struct ynode *key, *s;
	char own[PATHMAX];
	const char *p;
	size_t i, j, l;

	if (!want_map(b, n, "clocks", rtown))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		k = &v[i];
		key = n->kids[2 * i];
		k->id = mstr(b, key);
		fmt(own, sizeof own, "clock %s", k->id);
		for (p = k->id; (*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
		    *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'; p++)
			;
		if (p == k->id || *p != '\0')
			ld_diag(b->ld, key, "bad clock id \"%s\" of %s; a clock "
			    "id is ASCII letters, digits and _", k->id, rtown);
		memset(kv, 0, sizeof kv);
		if (want_map(b, n->kids[2 * i + 1], NULL, own))
			get_keys(b, n->kids[2 * i + 1], clock_keys, K_N, NULL,
			    own, kv);
		else if (!absent(n->kids[2 * i + 1]))
			continue;
		label(b, kv[K_LABEL].v, own, &k->label);
		s = kv[K_START].v;
		if (absent(s))
			ld_diag(b->ld, key, "clock %s has no start: (create or "
			    "a list of transitions)", k->id);
		else if (s->kind == Y_SCALAR && strcmp(s->str, "create") == 0)
			k->start_create = 1;
		else if (s->kind == Y_SCALAR)
			ld_diag(b->ld, s, "bad start \"%s\" for clock %s; "
			    "expected create or a list of transitions", s->str,
			    k->id);
		else
			k->start = clock_ends(b, rt, s, "start", own,
			    &k->nstart, &k->start_field);
		if (absent(kv[K_STOP].v))
			ld_diag(b->ld, key, "clock %s has no stop: list of "
			    "transitions", k->id);
		k->stop = clock_ends(b, rt, kv[K_STOP].v, "stop", own,
		    &k->nstop, &k->stop_field);
		if (k->start_field != NULL && k->start_field == k->stop_field)
			ld_diag(b->ld, kv[K_STOP].v, "field %s both starts and "
			    "stops clock %s", k->stop_field->id, k->id);
		k->pause = state_list(b, rt, kv[K_PAUSE].v, "pause", own,
		    NULL, &k->npause);
		k->timeliness = 1;
		boolean(b, kv[K_TIMELINESS].v, "timeliness", own,
		    &k->timeliness);
		for (j = 0; j < k->nstart; j++)
			for (l = 0; l < k->nstop; l++)
				if (k->start[j] == k->stop[l])
					ld_diag(b->ld, kv[K_STOP].v, "transition "
					    "%s both starts and stops clock %s",
					    k->stop[l]->id, k->id);
		rules(b, rt, kv[K_RULES].v, key, k, own);
	}
	rt->clocks = v;
	rt->nclocks = n->n;
}

/* Every state must be reachable from the initial one. */
static void
reachable(struct bld *b, const struct cfg_rectype *rt,
	  const struct rt_tmp *tmp)
{
	const struct cfg_transition *tr;
	char *seen;
	size_t i, j;
	int more = 1;

	if (rt->initial == NULL)
		return;
	seen = arena_alloc(&b->ld->tree, rt->nstates);
	seen[rt->initial - rt->states] = 1;
	while (more) {
		more = 0;
		for (i = 0; i < rt->ntransitions; i++) {
			tr = &rt->transitions[i];
			for (j = 0; j < tr->nto_when; j++)
				for (size_t f = 0; f < tr->nfrom; f++)
					if (seen[tr->from[f] - rt->states] &&
					    !seen[tr->to_when[j].to -
					    rt->states]) {
						seen[tr->to_when[j].to -
						    rt->states] = 1;
						more = 1;
					}
			if (tr->to == NULL || seen[tr->to - rt->states])
				continue;
			for (j = 0; j < tr->nfrom; j++) {
				if (seen[tr->from[j] - rt->states]) {
					seen[tr->to - rt->states] = 1;
					more = 1;
					break;
				}
			}
		}
	}
	for (i = 0; i < rt->nstates; i++)
		if (!seen[i])
			ld_diag(b->ld, tmp->state_nodes[i], "state \"%s\" of "
			    "record type %s cannot be reached from the "
			    "initial state \"%s\"", rt->states[i].id, rt->id,
			    rt->initial->id);
}

/* The index of the scalar n in names (nn of them; "" never matches). */
static int
name_index(const char *const *names, size_t nn, const struct ynode *n)
{
	size_t i;

	for (i = 0; i < nn; i++)
		if (*names[i] != '\0' && strcmp(names[i], n->str) == 0)
			return (int)i;
	return -1;
}

static void
name_list(struct as_buf *l, const char *const *names, size_t nn)
{
	size_t i;

	for (i = 0; i < nn; i++)
		if (*names[i] != '\0')
			buf_addf(l, "%s%s", l->len ? ", " : "", names[i]);
}

/* A field named by the scalar n, or NULL (with a diagnostic). */
static const struct cfg_field *
decl_field(struct bld *b, const struct cfg_rectype *rt, const struct ynode *n,
	   const char *key, const char *own)
{
	struct idset set = field_set(rt);
	int i;

	if ((i = ref_one(b, n, &set, key, own)) < 0)
		return NULL;
	return &rt->fields[i];
}

/* lookups: {field: kind} */
static void
decl_lookups(struct bld *b, struct cfg_rectype *rt, const struct ynode *n,
	     const char *rtown)
{
	struct cfg_lookup *v;
	struct as_buf l = {0};
	const struct ynode *s;
	char own[PATHMAX], key[PATHMAX];
	size_t i;
	int k;

	if (!want_map(b, n, "lookups", rtown))
		return;
	fmt(own, sizeof own, "lookups of %s", rtown);
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		v[rt->nlookups].field = decl_field(b, rt, n->kids[2 * i],
		    NULL, own);
		fmt(key, sizeof key, "the kind of %s", n->kids[2 * i]->str);
		s = needed_scalar(b, n->kids[2 * i + 1], key, own,
		    "a lookup kind");
		if (s == NULL || v[rt->nlookups].field == NULL)
			continue;
		if ((k = name_index(lookup_kinds, sizeof lookup_kinds /
		    sizeof *lookup_kinds, s)) < 0) {
			l.len = 0;
			name_list(&l, lookup_kinds, sizeof lookup_kinds /
			    sizeof *lookup_kinds);
			ld_diag(b->ld, s, "unknown lookup kind \"%s\" for field "
			    "%s of %s; valid lookup kinds: %s", s->str,
			    v[rt->nlookups].field->id, rtown, l.data);
			continue;
		}
		v[rt->nlookups++].kind = (enum cfg_lookup_kind)k;
	}
	buf_free(&l);
	rt->lookups = v;
}

/* sorts: {id: field} */
static void
decl_sorts(struct bld *b, struct cfg_rectype *rt, const struct ynode *n,
	   const char *rtown)
{
	struct cfg_sort *v;
	const struct ynode *k;
	char own[PATHMAX];
	size_t i, j;

	if (!want_map(b, n, "sorts", rtown))
		return;

	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		k = n->kids[2 * i];
		for (j = 0; j < sizeof builtin_sorts / sizeof *builtin_sorts;
		    j++)
			if (strcmp(k->str, builtin_sorts[j]) == 0)
				break;
		if (j < sizeof builtin_sorts / sizeof *builtin_sorts) {
			ld_diag(b->ld, k, "sort \"%s\" of %s is built in "
			    "(number, state, due); give the order another id",
			    k->str, rtown);
			continue;
		}
		fmt(own, sizeof own, "sort %s of %s", k->str, rtown);
		v[rt->nsorts].field = decl_field(b, rt, n->kids[2 * i + 1],
		    NULL, own);
		if (v[rt->nsorts].field == NULL)
			continue;
		v[rt->nsorts++].id = mstr(b, k);
	}
	rt->sorts = v;
}

static int
decl_int(struct bld *b, const struct ynode *n, const char *key,
	 const char *own, long long lo, long long hi)
{
	long long x = 0;

	if (absent(n) || !whole(b, n, key, own, &x))
		return 0;
	if (x < lo || x > hi) {
		char p[PATHMAX];

		ld_diag(b->ld, n, "%s must be from %lld to %lld",
		    path(p, key, own), lo, hi);
		return 0;
	}
	return (int)x;
}

/* columns: or list: (cli) - a sequence of {field: F} or {show: B}. */
static const struct cfg_column *
decl_columns(struct bld *b, const struct cfg_rectype *rt,
	     const struct ynode *n, const char *key, int cli,
	     const char *rtown, size_t *count)
{
	static const enum cfg_show dflt[] = { CFG_SHOW_NUMBER, CFG_SHOW_STATE,
	    CFG_SHOW_AGE, CFG_SHOW_DUE };
	struct cfg_column *v;
	struct kv kv[CL_N];
	struct as_buf l = {0};
	const struct ynode *s;
	char own[PATHMAX];
	size_t i, nshow = sizeof shows / sizeof *shows;
	int k;

	*count = 0;
	if (absent(n)) {
		v = arena_alloc(b->a, 4 * sizeof *v);
		for (i = 0; i < 4; i++)
			v[i].show = dflt[i];
		*count = 4;
		return v;
	}
	if (!want_seq(b, n, key, rtown))
		return NULL;
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		struct cfg_column *c = &v[*count];

		fmt(own, sizeof own, "%s %zu of %s", key, i + 1, rtown);
		if (!want_map(b, n->kids[i], NULL, own)) {
			if (absent(n->kids[i]))
				ld_diag(b->ld, n->kids[i], "%s is empty; give "
				    "it field: or show:", own);
			continue;
		}
		memset(kv, 0, sizeof kv);
		get_keys(b, n->kids[i], column_keys, CL_N, NULL, own, kv);
		if (absent(kv[CL_FIELD].v) == absent(kv[CL_SHOW].v)) {
			ld_diag(b->ld, n->kids[i], "%s needs one of field: "
			    "and show:", own);
			continue;
		}
		if (!absent(kv[CL_FIELD].v)) {
			c->show = CFG_SHOW_FIELD;
			if ((c->field = decl_field(b, rt, kv[CL_FIELD].v,
			    "field", own)) == NULL)
				continue;
		} else if ((s = scalar(b, kv[CL_SHOW].v, "show", own)) !=
		    NULL) {
			k = name_index(shows, cli ? nshow : nshow - 1, s);
			if (k < 0) {
				l.len = 0;
				name_list(&l, shows, cli ? nshow : nshow - 1);
				ld_diag(b->ld, s, "unknown column \"%s\" in "
				    "show of %s; valid columns: %s", s->str,
				    own, l.data);
				continue;
			}
			c->show = (enum cfg_show)k;
		} else
			continue;
		if (!absent(kv[CL_OR].v))
			c->alt = decl_field(b, rt, kv[CL_OR].v, "or", own);
		label(b, kv[CL_LABEL].v, own, &c->label);
		c->width = decl_int(b, kv[CL_WIDTH].v, "width", own, 1, 200);
		if (cli && (kv[CL_SHARE].k != NULL || kv[CL_WIDE].k != NULL))
			ld_diag(b->ld, kv[CL_SHARE].k != NULL ?
			    kv[CL_SHARE].k : kv[CL_WIDE].k, "%s: share: and "
			    "wide: are for columns: (the workstation)", own);
		if (!cli && kv[CL_NAME].k != NULL)
			ld_diag(b->ld, kv[CL_NAME].k, "%s: name: is for list: "
			    "(the command line's json)", own);
		c->share = decl_int(b, kv[CL_SHARE].v, "share", own, 1, 100);
		c->wide = decl_int(b, kv[CL_WIDE].v, "wide", own, 1, 1000);
		if ((s = scalar(b, kv[CL_NAME].v, "name", own)) != NULL)
			c->name = mstr(b, s);
		(*count)++;
	}
	buf_free(&l);
	return v;
}

/* The declarations of a record type (see config.h). */
static void
decls(struct bld *b, struct cfg_rectype *rt, const struct kv *kv,
      const char *own)
{
	const struct idset set = state_set(rt);
	struct as_buf l = {0};
	const struct ynode *s;

	decl_lookups(b, rt, kv[R_LOOKUPS].v, own);
	rt->warn_dup = field_list(b, rt, kv[R_WARN_DUP].v, "warn_duplicate",
	    own, &rt->nwarn_dup);
	decl_sorts(b, rt, kv[R_SORTS].v, own);
	rt->columns = decl_columns(b, rt, kv[R_COLUMNS].v, "columns", 0, own,
	    &rt->ncolumns);
	rt->list = decl_columns(b, rt, kv[R_LIST].v, "list", 1, own,
	    &rt->nlist);
	if ((s = scalar(b, kv[R_VIEW].v, "view", own)) == NULL)
		return;
	if (name_index(views, sizeof views / sizeof *views, s) < 0 &&
	    find_id(&set, s->str) < 0) {
		name_list(&l, views, sizeof views / sizeof *views);
		ld_diag(b->ld, s, "unknown view \"%s\" of %s; valid views: %s "
		    "or a state", s->str, own, l.data);
		buf_free(&l);
		return;
	}
	rt->view = mstr(b, s);
}

/* Computed fields, print: layouts, warranty: and printer: ------------ */

enum { WC_SERIAL, WC_DATE, WC_KM, WC_HOURS, WC_COMPONENT, WC_N };
static const char *const wcheck_keys[WC_N] = { "serial", "date", "km",
    "hours", "component" };

enum { PR_TITLE, PR_SECTIONS, PR_SIGN, PR_COPIES, PR_N };
static const char *const print_keys[PR_N] = { "title", "sections", "sign",
    "copies" };

enum { PS_LABEL, PS_FIELDS, PS_N };
static const char *const psection_keys[PS_N] = { "label", "fields" };

enum { PG_LABEL, PG_BY, PG_AT, PG_COMMENT, PG_CODE, PG_N };
static const char *const sign_keys[PG_N] = { "label", "by", "at",
    "comment", "code" };

enum { W_REGISTER, W_SERIAL, W_MODEL, W_DELIVERED, W_PARTS, W_POLICIES,
    W_N };
static const char *const warranty_keys[W_N] = { "register", "serial",
    "model", "delivered", "parts", "policies" };

enum { WP_FIELD, WP_COMPONENT, WP_SUPPLIER, WP_N };
static const char *const wparts_keys[WP_N] = { "field", "component",
    "supplier" };

enum { PO_LABEL, PO_MODELS, PO_MONTHS, PO_KM, PO_HOURS, PO_SUPPLIERS,
    PO_N };
static const char *const policy_keys[PO_N] = { "label", "models", "months",
    "km", "hours", "suppliers" };

static int
computed(const struct cfg_field *f)
{
	return f->type == CFG_T_WARRANTY || f->type == CFG_T_SCORE;
}

/*
 * First pass over field f: check: only on warranty fields, weights: only
 * on score fields, and a computed field is never required (nobody types
 * it).
 */
static void
computed_keys(struct bld *b, struct cfg_field *f, const struct kv *kv)
{
	if (kv[F_CHECK].k != NULL && f->type != CFG_T_WARRANTY)
		ld_diag(b->ld, kv[F_CHECK].k, "check: is only for warranty "
		    "fields; field %s is %s", f->id, ftypes[f->type]);
	if (kv[F_WEIGHTS].k != NULL && f->type != CFG_T_SCORE)
		ld_diag(b->ld, kv[F_WEIGHTS].k, "weights: is only for score "
		    "fields; field %s is %s", f->id, ftypes[f->type]);
	if (computed(f) && f->required)
		ld_diag(b->ld, kv[F_REQUIRED].v, "field %s is computed (%s) "
		    "and cannot be required", f->id, ftypes[f->type]);
}

/* A field of rt named by n, of one of the types in want (CFG_T_* bits). */
static const struct cfg_field *
typed_field(struct bld *b, const struct cfg_rectype *rt,
	    const struct ynode *n, const char *key, const char *own,
	    unsigned want, const char *wants)
{
	const struct cfg_field *f = decl_field(b, rt, n, key, own);
	char p[PATHMAX];

	if (f != NULL && !(want & (1u << f->type))) {
		ld_diag(b->ld, n, "%s names field %s, which is %s; expected "
		    "%s", path(p, key, own), f->id, ftypes[f->type], wants);
		return NULL;
	}
	return f;
}

#define TB(t) (1u << (t))

/* check: of warranty field f of rt. */
static void
wcheck(struct bld *b, const struct cfg_rectype *rt, struct cfg_field *f,
       const struct ynode *key, const struct ynode *n, const char *own)
{
	struct kv kv[WC_N] = {{0}};
	struct cfg_wcheck *w;

	if (!want_map(b, n, "check", own)) {
		if (absent(n))
			ld_diag(b->ld, key, "warranty field %s has no check: "
			    "(at least serial: naming the field with the "
			    "product's serial)", f->id);
		return;
	}
	get_keys(b, n, wcheck_keys, WC_N, "check", own, kv);
	w = arena_alloc(b->a, sizeof *w);
	if (absent(kv[WC_SERIAL].v))
		ld_diag(b->ld, n, "check of %s has no serial: (the field with "
		    "the product's serial)", own);
	else
		w->serial = typed_field(b, rt, kv[WC_SERIAL].v, "serial",
		    own, TB(CFG_T_TEXT), "text");
	if (!absent(kv[WC_DATE].v))
		w->date = typed_field(b, rt, kv[WC_DATE].v, "date", own,
		    TB(CFG_T_DATE) | TB(CFG_T_DATETIME), "date or datetime");
	if (!absent(kv[WC_KM].v))
		w->km = typed_field(b, rt, kv[WC_KM].v, "km", own,
		    TB(CFG_T_INT), "int");
	if (!absent(kv[WC_HOURS].v))
		w->hours = typed_field(b, rt, kv[WC_HOURS].v, "hours", own,
		    TB(CFG_T_INT), "int");
	if (!absent(kv[WC_COMPONENT].v))
		w->component = typed_field(b, rt, kv[WC_COMPONENT].v,
		    "component", own, TB(CFG_T_TEXT) | TB(CFG_T_ENUM),
		    "text or enum");
	f->check = w;
}

/* The scale of question q of a score field: 1 with *lo, *hi set. */
static int
question_scale(const struct cfg_field *q, long long *lo, long long *hi)
{
	size_t i;
	long long v;
	char *end;

	if (q->type == CFG_T_INT) {
		*lo = q->min;
		*hi = q->max;
		return q->has_min && q->has_max && q->min < q->max;
	}
	if (q->type != CFG_T_ENUM || q->codes == NULL || q->codes->ncodes < 2)
		return 0;
	for (i = 0; i < q->codes->ncodes; i++) {
		v = strtoll(q->codes->codes[i].id, &end, 10);
		if (*end != '\0' || end == q->codes->codes[i].id)
			return 0;
		if (i == 0 || v < *lo)
			*lo = v;
		if (i == 0 || v > *hi)
			*hi = v;
	}
	return *lo < *hi;
}

/* weights: of score field f of rt: {question field: weight}. */
static void
weights(struct bld *b, const struct cfg_rectype *rt, struct cfg_field *f,
	const struct ynode *key, const struct ynode *n, const char *own)
{
	struct cfg_weight *v;
	const struct cfg_field *q;
	char wown[PATHMAX];
	size_t i, k = 0;
	long long w;

	if (!want_map(b, n, "weights", own) || n->n == 0) {
		if (absent(n) || (n->kind == Y_MAP && n->n == 0))
			ld_diag(b->ld, key, "score field %s has no weights: "
			    "(question field: weight)", f->id);
		return;
	}
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		if ((q = decl_field(b, rt, n->kids[2 * i], "weights",
		    own)) == NULL)
			continue;
		fmt(wown, sizeof wown, "weight of %s in %s", q->id, own);
		if (!whole(b, n->kids[2 * i + 1], "weight", wown, &w))
			continue;
		if (w <= 0) {
			ld_diag(b->ld, n->kids[2 * i + 1], "bad weight %lld "
			    "for %s; expected a whole number > 0", w, wown);
			continue;
		}
		if (!question_scale(q, &v[k].lo, &v[k].hi)) {
			ld_diag(b->ld, n->kids[2 * i], "question %s of %s "
			    "has no scale: make it an int field with min: "
			    "and max: (min < max), or an enum field whose "
			    "codes are whole numbers", q->id, own);
			continue;
		}
		v[k].field = q;
		v[k++].weight = w;
	}
	f->weights = v;
	f->nweights = k;
}

/*
 * Second pass over the fields of rt (n: its fields: node): resolve
 * check: and weights:, and refuse a computed field where someone would
 * type it (create:, edits:, a creates: copy:).
 */
static void
computed_fields(struct bld *b, struct cfg_rectype *rt, const struct kv *rkv,
		const char *rtown)
{
	const struct ynode *n = rkv[R_FIELDS].v;
	struct kv kv[F_N];
	struct cfg_field *f;
	char own[PATHMAX];
	size_t i, j, k;

	if (absent(n) || n->kind != Y_MAP || rt->fields == NULL)
		return;
	for (i = 0; i < n->n && i < rt->nfields; i++) {
		f = (struct cfg_field *)&rt->fields[i];
		if (!computed(f) || n->kids[2 * i + 1]->kind != Y_MAP)
			continue;
		fmt(own, sizeof own, "field %s of %s", f->id, rtown);
		memset(kv, 0, sizeof kv);
		get_keys(b, n->kids[2 * i + 1], field_keys, F_N, NULL, own,
		    kv);
		if (f->type == CFG_T_WARRANTY)
			wcheck(b, rt, f, n->kids[2 * i], kv[F_CHECK].v, own);
		else
			weights(b, rt, f, n->kids[2 * i], kv[F_WEIGHTS].v,
			    own);
	}
	for (i = 0; i < rt->ncreates; i++)
		for (j = 0; j < rt->creates[i].nfields; j++)
			if (computed(rt->creates[i].fields[j]))
				ld_diag(b->ld, rkv[R_CREATE].k, "field %s of %s "
				    "is computed; "
				    "create: may not name it",
				    rt->creates[i].fields[j]->id, rtown);
	for (i = 0; i < rt->nedits; i++)
		for (j = 0; j < rt->edits[i].nfields; j++)
			if (computed(rt->edits[i].fields[j]))
				ld_diag(b->ld, rkv[R_EDITS].k, "field %s of %s "
				    "is computed; "
				    "edits: may not name it",
				    rt->edits[i].fields[j]->id, rtown);
	/* requires: may name one: the step waits for the computation */
	for (i = 0; i < rt->ntransitions; i++) {
		const struct cfg_transition *t = &rt->transitions[i];

		for (k = 0; t->creates != NULL && k < t->creates->ncopy; k++)
			if (computed(t->creates->copy[k].to))
				ld_diag(b->ld, rkv[R_TRANSITIONS].k, "field %s "
				    "of %s is computed; transition %s may not "
				    "copy into it",
				    t->creates->copy[k].to->id,
				    t->creates->type->id, t->id);
	}
}

/* print: of rt (see struct cfg_print). */
static void
print_layout(struct bld *b, struct cfg_rectype *rt, const struct ynode *n,
	     const char *rtown)
{
	struct kv kv[PR_N] = {{0}}, sk[PS_N], gk[PG_N];
	struct cfg_print *p;
	struct cfg_psection *v;
	const struct ynode *sn;
	char own[PATHMAX], sown[PATHMAX];
	size_t i;

	fmt(own, sizeof own, "print of %s", rtown);
	if (!want_map(b, n, "print", rtown))
		return;
	get_keys(b, n, print_keys, PR_N, "print", rtown, kv);
	p = arena_alloc(b->a, sizeof *p);
	label(b, kv[PR_TITLE].v, own, &p->title);
	p->copies = decl_int(b, kv[PR_COPIES].v, "copies", own, 1, 9);
	if (want_seq(b, kv[PR_SECTIONS].v, "sections", own)) {
		sn = kv[PR_SECTIONS].v;
		v = arena_alloc(b->a, sn->n * sizeof *v);
		for (i = 0; i < sn->n; i++) {
			fmt(sown, sizeof sown, "section %zu of %s", i + 1, own);
			memset(sk, 0, sizeof sk);
			if (!want_map(b, sn->kids[i], NULL, sown))
				continue;
			get_keys(b, sn->kids[i], psection_keys, PS_N, NULL,
			    sown, sk);
			label(b, sk[PS_LABEL].v, sown, &v[i].label);
			v[i].fields = field_list(b, rt, sk[PS_FIELDS].v,
			    "fields", sown, &v[i].nfields);
		}
		p->sections = v;
		p->nsections = sn->n;
	}
	if (want_map(b, kv[PR_SIGN].v, "sign", own)) {
		memset(gk, 0, sizeof gk);
		get_keys(b, kv[PR_SIGN].v, sign_keys, PG_N, "sign", own, gk);
		p->has_sign = 1;
		label(b, gk[PG_LABEL].v, own, &p->sign_label);
		if (!absent(gk[PG_BY].v))
			p->sign_by = decl_field(b, rt, gk[PG_BY].v, "by", own);
		if (!absent(gk[PG_AT].v))
			p->sign_at = decl_field(b, rt, gk[PG_AT].v, "at", own);
		if (!absent(gk[PG_COMMENT].v))
			p->sign_comment = decl_field(b, rt, gk[PG_COMMENT].v,
			    "comment", own);
		if (!absent(gk[PG_CODE].v))
			p->sign_code = decl_field(b, rt, gk[PG_CODE].v,
			    "code", own);
	}
	rt->print = p;
}

/* A whole number > 0 of a policy (n: its node); 0 when absent. */
static long long
policy_limit(struct bld *b, const struct ynode *n, const char *key,
	     const char *own)
{
	long long v;

	if (absent(n) || !whole(b, n, key, own, &v))
		return 0;
	if (v <= 0) {
		ld_diag(b->ld, n, "bad %s %lld for %s; expected a whole number "
		    "> 0", key, v, own);
		return 0;
	}
	return v;
}

/* policies: of warranty: (see struct cfg_policy). */
static void
policies(struct bld *b, struct cfg_warranty *w, const struct ynode *n)
{
	struct kv kv[PO_N];
	struct cfg_policy *v, *po;
	struct cfg_wsupplier *sv;
	const char **mv;
	const struct ynode *s, *m;
	char own[PATHMAX];
	size_t i, j;

	if (!want_map(b, n, "policies", "warranty"))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		po = &v[i];
		po->id = mstr(b, n->kids[2 * i]);
		fmt(own, sizeof own, "warranty policy %s", po->id);
		memset(kv, 0, sizeof kv);
		if (!want_map(b, n->kids[2 * i + 1], NULL, own))
			continue;
		get_keys(b, n->kids[2 * i + 1], policy_keys, PO_N, NULL, own,
		    kv);
		label(b, kv[PO_LABEL].v, own, &po->label);
		if (want_seq(b, (m = kv[PO_MODELS].v), "models", own)) {
			mv = arena_alloc(b->a, m->n * sizeof *mv);
			for (j = 0; j < m->n; j++)
				if ((s = needed_scalar(b, m->kids[j], "models",
				    own, "a model prefix")) != NULL)
					mv[po->nmodels++] = mstr(b, s);
			po->models = mv;
		}
		po->months = policy_limit(b, kv[PO_MONTHS].v, "months", own);
		po->km = policy_limit(b, kv[PO_KM].v, "km", own);
		po->hours = policy_limit(b, kv[PO_HOURS].v, "hours", own);
		if (want_map(b, (m = kv[PO_SUPPLIERS].v), "suppliers", own)) {
			sv = arena_alloc(b->a, m->n * sizeof *sv);
			for (j = 0; j < m->n; j++) {
				sv[j].component = mstr(b, m->kids[2 * j]);
				if ((s = needed_scalar(b, m->kids[2 * j + 1],
				    "suppliers", own, "a supplier")) != NULL)
					sv[j].supplier = mstr(b, s);
				else
					sv[j].supplier = "";
			}
			po->suppliers = sv;
			po->nsuppliers = m->n;
		}
	}
	w->policies = v;
	w->npolicies = n->n;
}

/* A column of lines field f named by n (NULL with a diagnostic). */
static const struct cfg_field *
lines_column(struct bld *b, const struct cfg_field *f, const struct ynode *n,
	     const char *key, const char *own)
{
	struct idset set = { f->columns, f->ncolumns, sizeof *f->columns,
	    "column", "columns" };
	int i;

	if ((i = ref_one(b, n, &set, key, own)) < 0)
		return NULL;
	return &f->columns[i];
}

/* warranty: the product register and the policies (R2 §3.3.1). */
static void
warranty(struct bld *b, const struct ynode *n)
{
	struct idset rset = { b->rts, b->c->nrectypes, sizeof *b->rts,
	    "record type", "record types" };
	struct kv kv[W_N] = {{0}}, pk[WP_N] = {{0}};
	struct cfg_warranty *w;
	const struct cfg_rectype *rt;
	const char *own = "warranty";
	int i;

	if (!want_map(b, n, "warranty", NULL))
		return;
	get_keys(b, n, warranty_keys, W_N, "warranty", NULL, kv);
	w = arena_alloc(b->a, sizeof *w);
	policies(b, w, kv[W_POLICIES].v);
	if (absent(kv[W_REGISTER].v)) {
		ld_diag(b->ld, n, "warranty has no register: (the record type "
		    "of the product register)");
		return;
	}
	if ((i = ref_one(b, kv[W_REGISTER].v, &rset, "register", own)) < 0)
		return;
	rt = w->reg = &b->rts[i];
	if (absent(kv[W_SERIAL].v))
		ld_diag(b->ld, n, "warranty has no serial: (the register's "
		    "field the serial is looked up by)");
	else if ((w->serial = typed_field(b, rt, kv[W_SERIAL].v, "serial", own,
	    TB(CFG_T_TEXT), "text")) != NULL &&
	    cfg_lookup_of(rt, w->serial, CFG_LK_EXACT) == NULL)
		ld_diag(b->ld, kv[W_SERIAL].v, "serial of warranty names field "
		    "%s, which has no exact lookup; add %s: exact to the "
		    "lookups: of %s", w->serial->id, w->serial->id, rt->id);
	if (!absent(kv[W_MODEL].v))
		w->model = typed_field(b, rt, kv[W_MODEL].v, "model", own,
		    TB(CFG_T_TEXT) | TB(CFG_T_ENUM), "text or enum");
	if (!absent(kv[W_DELIVERED].v))
		w->delivered = typed_field(b, rt, kv[W_DELIVERED].v,
		    "delivered", own, TB(CFG_T_DATE) | TB(CFG_T_DATETIME),
		    "date or datetime");
	if (want_map(b, kv[W_PARTS].v, "parts", own)) {
		get_keys(b, kv[W_PARTS].v, wparts_keys, WP_N, "parts", own,
		    pk);
		w->parts = typed_field(b, rt, pk[WP_FIELD].v, "field of parts",
		    own, TB(CFG_T_LINES), "lines");
		if (w->parts != NULL) {
			w->part_component = lines_column(b, w->parts,
			    pk[WP_COMPONENT].v, "component", own);
			w->part_supplier = lines_column(b, w->parts,
			    pk[WP_SUPPLIER].v, "supplier", own);
		}
	}
	b->c->warranty = w;
}

/* printer: the command (argv) the workstation prints with; default lp. */
static void
printer(struct bld *b, const struct ynode *n)
{
	const char **v;
	const struct ynode *s;
	size_t i;

	/* in the arena, as every byte of the model (cfg_image.c) */
	v = arena_alloc(b->a, 2 * sizeof *v);
	v[0] = arena_strndup(b->a, "lp", 2);
	b->c->printer = v;
	b->c->nprinter = 1;
	if (!want_seq(b, n, "printer", NULL))
		return;
	if (n->n == 0) {
		ld_diag(b->ld, n, "printer is empty; give the command and its "
		    "arguments, such as [lp, -d, office]");
		return;
	}
	v = arena_alloc(b->a, (n->n + 1) * sizeof *v);
	for (i = 0; i < n->n; i++) {
		if ((s = needed_scalar(b, n->kids[i], "printer", NULL,
		    "a word of the command")) == NULL)
			return;
		v[i] = mstr(b, s);
	}
	b->c->printer = v;
	b->c->nprinter = n->n;
}

/* counter: the store counter (see struct cfg_counter) ---------------- */

enum { CM_LABEL, CM_TYPE, CM_STEP, CM_AGAINST, CM_ASK, CM_SET, CM_N };
static const char *const cmove_keys[CM_N] = { "label", "type", "step",
    "against", "ask", "set" };

static void
counter_move(struct bld *b, struct cfg_counter_move *m, const char *id,
	     const struct ynode *n, const char *own)
{
	struct idset rset = { b->rts, b->c->nrectypes, sizeof *b->rts,
	    "record type", "record types" };
	struct kv kv[CM_N] = {{0}};
	const struct cfg_rectype *rt;
	const struct ynode *s, *sn;
	const struct cfg_field **ask;
	struct cfg_counter_set *set;
	size_t i;
	int k;

	m->id = id;
	if (!want_map(b, n, NULL, own))
		return;
	get_keys(b, n, cmove_keys, CM_N, NULL, own, kv);
	label(b, kv[CM_LABEL].v, own, &m->label);
	boolean(b, kv[CM_AGAINST].v, "against", own, &m->against);
	if (absent(kv[CM_TYPE].v) || absent(kv[CM_STEP].v)) {
		ld_diag(b->ld, n, "%s needs type: (the document's record type) "
		    "and step: (the step that posts it)", own);
		return;
	}
	if ((k = ref_one(b, kv[CM_TYPE].v, &rset, "type", own)) < 0)
		return;
	rt = m->type = &b->rts[k];
	if ((s = scalar(b, kv[CM_STEP].v, "step", own)) == NULL)
		return;
	if ((m->step = cfg_transition(rt, s->str)) == NULL) {
		ld_diag(b->ld, s, "step of %s names \"%s\", which is no "
		    "transition of %s", own, s->str, rt->id);
		return;
	}
	for (i = 0; i < m->step->nmoves && m->mv == NULL; i++)
		if (m->step->moves[i].lines != NULL)
			m->mv = &m->step->moves[i];
	if (m->mv == NULL)
		ld_diag(b->ld, s, "step %s of %s moves no lines (moves: with "
		    "lines:), so the counter has nothing to post", m->step->id,
		    rt->id);
	if (want_seq(b, kv[CM_ASK].v, "ask", own) && kv[CM_ASK].v->n > 0) {
		ask = arena_alloc(b->a, kv[CM_ASK].v->n * sizeof *ask);
		for (i = 0; i < kv[CM_ASK].v->n; i++)
			if ((ask[m->nask] = decl_field(b, rt,
			    kv[CM_ASK].v->kids[i], "ask", own)) != NULL)
				m->nask++;
		m->ask = ask;
	}
	sn = kv[CM_SET].v;
	if (want_map(b, sn, "set", own) && sn->n > 0) {
		set = arena_alloc(b->a, sn->n * sizeof *set);
		for (i = 0; i < sn->n; i++) {
			if ((set[m->nset].field = decl_field(b, rt,
			    sn->kids[2 * i], "set", own)) == NULL ||
			    (s = needed_scalar(b, sn->kids[2 * i + 1], "set",
			    own, "a value")) == NULL)
				continue;
			set[m->nset++].value = mstr(b, s);
		}
		m->set = set;
	}
	if (m->against && (m->nask > 0 || m->nset > 0))
		ld_diag(b->ld, n, "%s is against: an existing document; it "
		    "asks for no field and sets none", own);
}

static void
counter(struct bld *b, const struct ynode *n)
{
	struct cfg_counter *k;
	struct cfg_counter_move *v;
	char own[PATHMAX];
	size_t i;

	if (!want_map(b, n, "counter", NULL))
		return;
	if (n->n == 0) {
		ld_diag(b->ld, n, "counter has no moves (receive, issue, ...)");
		return;
	}
	if (b->c->stock == NULL)
		ld_diag(b->ld, n, "counter needs stock: (the parts it scans)");
	k = arena_alloc(b->a, sizeof *k);
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		fmt(own, sizeof own, "counter move %s", n->kids[2 * i]->str);
		counter_move(b, &v[i], mstr(b, n->kids[2 * i]),
		    n->kids[2 * i + 1], own);
	}
	k->moves = v;
	k->nmoves = n->n;
	b->c->counter = k;
}

static void
records(struct bld *b, const struct ynode *n)
{
	struct rt_tmp *tmp;
	struct cfg_rectype *rt;
	char own[PATHMAX];
	size_t i;

	if (!want_map(b, n, "records", NULL))
		return;
	b->rts = arena_alloc(b->a, n->n * sizeof *b->rts);
	tmp = arena_alloc(&b->ld->tree, n->n * sizeof *tmp);
	for (i = 0; i < n->n; i++) {
		b->rts[i].id = mstr(b, n->kids[2 * i]);
		tmp[i].key = n->kids[2 * i];
		if (strcmp(b->rts[i].id, "user") == 0)
			ld_diag(b->ld, tmp[i].key, "record type id \"user\" is "
			    "reserved: ref: user means a user login");
	}
	b->c->rectypes = b->rts;
	b->c->nrectypes = n->n;
	for (i = 0; i < n->n; i++) {
		rt = &b->rts[i];
		fmt(own, sizeof own, "record type %s", rt->id);
		if (!want_map(b, n->kids[2 * i + 1], NULL, own)) {
			if (absent(n->kids[2 * i + 1]))
				ld_diag(b->ld, tmp[i].key, "record type %s "
				    "has no states", rt->id);
			continue;
		}
		get_keys(b, n->kids[2 * i + 1], record_keys, R_N, NULL, own,
		    tmp[i].kv);
		label(b, tmp[i].kv[R_LABEL].v, own, &rt->label);
		prefix(b, i, &tmp[i], own);
		groups(b, rt, tmp[i].kv[R_GROUPS].v, own);
		fields(b, rt, tmp[i].kv[R_FIELDS].v, own);
		unit_field(b, rt, &tmp[i], own);
		states(b, rt, &tmp[i], own);
		rt->managers = role_list(b, tmp[i].kv[R_MANAGERS].v,
		    "managers", own, &rt->nmanagers);
	}
	/* transitions and edits may name any field and state above */
	for (i = 0; i < n->n; i++) {
		rt = &b->rts[i];
		fmt(own, sizeof own, "record type %s", rt->id);
		transitions(b, rt, &tmp[i], own);
		edits(b, rt, tmp[i].kv[R_EDITS].v, own);
		creates(b, rt, tmp[i].kv[R_CREATE].v, own);
		clocks(b, rt, tmp[i].kv[R_CLOCKS].v, own);
		decls(b, rt, tmp[i].kv, own);
		computed_fields(b, rt, tmp[i].kv, own);
		print_layout(b, rt, tmp[i].kv[R_PRINT].v, own);
		reachable(b, rt, &tmp[i]);
	}
}

/* costs: service costs (R1 §5.2, §6, §9; R2 §3.4, §3.8) --------------- */

enum { CO_FIELD, CO_COLUMNS, CO_BEARERS, CO_CONFIRM, CO_PARTS,
    CO_CHARGEBACK, CO_ADVANCE, CO_EXPENSES, CO_LEGACY, CO_LEGACY_BEARER,
    CO_CLAIMS, CO_N };
static const char *const costs_keys[CO_N] = { "field", "columns", "bearers",
    "confirm", "parts", "chargeback", "advance", "expenses", "legacy",
    "legacy_bearer", "claims" };

enum { CC_TYPE, CC_AMOUNT, CC_BEARER, CC_STAFF, CC_CONFIRMED, CC_REASON,
    CC_PART, CC_QUANTITY, CC_N };
static const char *const ccol_keys[CC_N] = { "type", "amount", "bearer",
    "staff", "confirmed", "reason", "part", "quantity" };

enum { CR_TYPES, CR_STAFF_IN, CR_CASE, CR_BEARER, CR_CLAUSE, CR_N };
static const char *const crule_keys[CR_N] = { "types", "staff_in", "case",
    "bearer", "clause" };

enum { CP_TYPE, CP_CODE, CP_COST, CP_N };
static const char *const cparts_keys[CP_N] = { "type", "code", "cost" };

enum { CCL_TYPE, CCL_SUPPLIER, CCL_CLAIMED, CCL_CREDITED, CCL_N };
static const char *const cclaim_keys[CCL_N] = { "type", "supplier",
    "claimed", "credited" };

/* The scalar n as a string of the arena (NULL with a diagnostic). */
static const char *
costs_id(struct bld *b, const struct ynode *n, const char *key)
{
	const struct ynode *s = needed_scalar(b, n, key, "costs", "an id");

	return s != NULL ? mstr(b, s) : NULL;
}

/*
 * Field id of every record type that has the cost lines field, checked:
 * of a type in want; with lines 1, a column of that field.  n names it.
 */
static void
costs_check(struct bld *b, const struct cfg_costs *co, const char *id,
	    const struct ynode *n, int lines, unsigned want, const char *wants)
{
	const struct cfg_field *cf, *f;
	size_t i, j, seen = 0;

	for (i = 0; i < b->c->nrectypes; i++) {
		if ((cf = cfg_field(&b->c->rectypes[i], co->field)) == NULL ||
		    cf->type != CFG_T_LINES)
			continue;
		f = NULL;
		if (lines) {
			for (j = 0; j < cf->ncolumns; j++)
				if (strcmp(cf->columns[j].id, id) == 0)
					f = &cf->columns[j];
		} else
			f = cfg_field(&b->c->rectypes[i], id);
		if (f == NULL) {
			if (lines)
				ld_diag(b->ld, n, "costs: %s of %s has no "
				    "column %s", co->field,
				    b->c->rectypes[i].id, id);
			continue;
		}
		seen++;
		if (!(want & (1u << f->type)))
			ld_diag(b->ld, n, "costs: %s is %s; expected %s", id,
			    ftypes[f->type], wants);
	}
	if (!lines && seen == 0)
		ld_diag(b->ld, n, "costs: no record type with %s has a field "
		    "%s", co->field, id);
}

/* The code list of column id of the cost lines field (NULL: none). */
static const struct cfg_codelist *
costs_codes(struct bld *b, const struct cfg_costs *co, const char *id)
{
	const struct cfg_field *cf, *f;
	size_t i;

	for (i = 0; id != NULL && i < b->c->nrectypes; i++)
		if ((cf = cfg_field(&b->c->rectypes[i], co->field)) != NULL &&
		    cf->type == CFG_T_LINES)
			for (f = cf->columns; f < cf->columns + cf->ncolumns;
			    f++)
				if (strcmp(f->id, id) == 0)
					return f->codes;
	return NULL;
}

/* A code of list l named by scalar n (NULL with a diagnostic). */
static const char *
costs_code(struct bld *b, const struct cfg_codelist *l, const struct ynode *n,
	   const char *key)
{
	const char *v = costs_id(b, n, key);

	if (v != NULL && l != NULL && cfg_code(l, v) == NULL) {
		ld_diag(b->ld, n, "costs: %s \"%s\" is no code of %s", key, v,
		    l->id);
		return NULL;
	}
	return v;
}

/* A list of codes of l (types:, expenses:). */
static const char *const *
costs_codes_list(struct bld *b, const struct cfg_codelist *l,
		 const struct ynode *n, const char *key, size_t *nout)
{
	const char **v;
	size_t i;

	*nout = 0;
	if (!want_seq(b, n, key, "costs"))
		return NULL;
	v = arena_alloc(b->a, (n->n + 1) * sizeof *v);
	for (i = 0; i < n->n; i++)
		if ((v[*nout] = costs_code(b, l, n->kids[i], key)) != NULL)
			(*nout)++;
	return v;
}

/* bearers: the default bearer rules. */
static void
costs_rules(struct bld *b, struct cfg_costs *co, const struct ynode *n)
{
	struct idset uset = unit_set(b);
	const struct cfg_codelist *tl = costs_codes(b, co, co->type);
	const struct cfg_codelist *bl = costs_codes(b, co, co->bearer);
	struct cfg_crule *v;
	struct kv kv[CR_N];
	const struct ynode *m;
	const char **cv;
	size_t i, j;
	int k;

	if (!want_seq(b, n, "bearers", "costs"))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		memset(kv, 0, sizeof kv);
		if (!want_map(b, n->kids[i], NULL, "bearers of costs"))
			continue;
		get_keys(b, n->kids[i], crule_keys, CR_N, NULL, "costs", kv);
		if (!absent(kv[CR_TYPES].v))
			v[i].types = costs_codes_list(b, tl, kv[CR_TYPES].v,
			    "types", &v[i].ntypes);
		if (!absent(kv[CR_STAFF_IN].v) && (k = ref_one(b,
		    kv[CR_STAFF_IN].v, &uset, "staff_in", "costs")) >= 0)
			v[i].staff_in = &b->c->units[k];
		if (absent(kv[CR_BEARER].v))
			ld_diag(b->ld, n->kids[i], "costs: a rule of bearers "
			    "has no bearer:");
		else
			v[i].bearer = costs_code(b, bl, kv[CR_BEARER].v,
			    "bearer");
		if (!absent(kv[CR_CLAUSE].v))
			v[i].clause = costs_id(b, kv[CR_CLAUSE].v, "clause");
		m = kv[CR_CASE].v;
		if (absent(m))
			continue;
		if (!want_map(b, m, "case", "costs"))
			continue;
		if (m->n != 1) {
			ld_diag(b->ld, m, "costs: case: tests one field "
			    "({category: non_quality})");
			continue;
		}
		v[i].case_field = mstr(b, m->kids[0]);
		costs_check(b, co, v[i].case_field, m->kids[0], 0,
		    TB(CFG_T_ENUM) | TB(CFG_T_TEXT), "enum or text");
		m = m->kids[1];
		if (m->kind == Y_SEQ) {
			cv = arena_alloc(b->a, (m->n + 1) * sizeof *cv);
			for (j = 0; j < m->n; j++)
				if ((cv[v[i].ncase] = costs_id(b, m->kids[j],
				    "case")) != NULL)
					v[i].ncase++;
		} else {
			cv = arena_alloc(b->a, 2 * sizeof *cv);
			if ((cv[0] = costs_id(b, m, "case")) != NULL)
				v[i].ncase = 1;
		}
		v[i].case_values = cv;
	}
	co->rules = v;
	co->nrules = n->n;
}

static void
costs(struct bld *b, const struct ynode *n)
{
	static const unsigned ccol_types[CC_N] = {
		[CC_TYPE] = TB(CFG_T_ENUM), [CC_AMOUNT] = TB(CFG_T_MONEY),
		[CC_BEARER] = TB(CFG_T_ENUM), [CC_STAFF] = TB(CFG_T_REF),
		[CC_CONFIRMED] = TB(CFG_T_REF),
		[CC_REASON] = TB(CFG_T_TEXT),
		[CC_PART] = TB(CFG_T_TEXT), [CC_QUANTITY] = TB(CFG_T_INT),
	};
	static const char *const ccol_wants[CC_N] = { "enum", "money", "enum",
	    "a reference to a user", "a reference to a user", "text", "text",
	    "int" };
	struct idset rset = { b->rts, b->c->nrectypes, sizeof *b->rts,
	    "record type", "record types" };
	struct kv kv[CO_N] = {{0}}, ck[CC_N] = {{0}}, pk[CP_N] = {{0}},
	    mk[CCL_N] = {{0}};
	const char **cols[CC_N];
	const struct cfg_codelist *tl;
	const struct cfg_rectype *rt;
	struct cfg_legacy *lv;
	struct cfg_costs *co;
	const struct ynode *m;
	size_t i;
	int k;

	if (!want_map(b, n, "costs", NULL))
		return;
	get_keys(b, n, costs_keys, CO_N, "costs", NULL, kv);
	co = arena_alloc(b->a, sizeof *co);
	if (absent(kv[CO_FIELD].v) || absent(kv[CO_COLUMNS].v)) {
		ld_diag(b->ld, n, "costs has no field: and columns: (the lines "
		    "field of cost lines and its type, amount and bearer)");
		return;
	}
	if ((co->field = costs_id(b, kv[CO_FIELD].v, "field")) == NULL)
		return;
	costs_check(b, co, co->field, kv[CO_FIELD].v, 0, TB(CFG_T_LINES),
	    "lines");
	cols[CC_TYPE] = &co->type;
	cols[CC_AMOUNT] = &co->amount;
	cols[CC_BEARER] = &co->bearer;
	cols[CC_STAFF] = &co->staff;
	cols[CC_CONFIRMED] = &co->confirmed;
	cols[CC_REASON] = &co->reason;
	cols[CC_PART] = &co->part;
	cols[CC_QUANTITY] = &co->quantity;
	if (!want_map(b, kv[CO_COLUMNS].v, "columns", "costs"))
		return;
	get_keys(b, kv[CO_COLUMNS].v, ccol_keys, CC_N, "columns", "costs",
	    ck);
	for (i = 0; i < CC_N; i++) {
		if (absent(ck[i].v)) {
			if (i <= CC_BEARER)
				ld_diag(b->ld, kv[CO_COLUMNS].v, "costs: "
				    "columns: has no %s:", ccol_keys[i]);
			continue;
		}
		if ((*cols[i] = costs_id(b, ck[i].v, ccol_keys[i])) != NULL)
			costs_check(b, co, *cols[i], ck[i].v, 1,
			    ccol_types[i], ccol_wants[i]);
	}
	tl = costs_codes(b, co, co->type);
	costs_rules(b, co, kv[CO_BEARERS].v);
	co->confirm = role_list(b, kv[CO_CONFIRM].v, "confirm", "costs",
	    &co->nconfirm);
	if (co->nconfirm > 0 && co->confirmed == NULL)
		ld_diag(b->ld, kv[CO_CONFIRM].v, "costs: confirm: needs a "
		    "confirmed column");
	if (want_map(b, kv[CO_PARTS].v, "parts", "costs")) {
		get_keys(b, kv[CO_PARTS].v, cparts_keys, CP_N, "parts",
		    "costs", pk);
		if ((k = ref_one(b, pk[CP_TYPE].v, &rset, "type",
		    "parts of costs")) >= 0) {
			rt = &b->rts[k];
			co->parts_type = rt->id;
			co->parts_code = costs_id(b, pk[CP_CODE].v, "code");
			co->parts_cost = costs_id(b, pk[CP_COST].v, "cost");
			if (co->parts_code != NULL && (cfg_field(rt,
			    co->parts_code) == NULL || cfg_lookup_of(rt,
			    cfg_field(rt, co->parts_code), CFG_LK_EXACT) ==
			    NULL))
				ld_diag(b->ld, pk[CP_CODE].v, "costs: code of "
				    "parts must be a field of %s with an exact "
				    "lookup", rt->id);
			if (co->parts_cost != NULL && (cfg_field(rt,
			    co->parts_cost) == NULL || cfg_field(rt,
			    co->parts_cost)->type != CFG_T_MONEY))
				ld_diag(b->ld, pk[CP_COST].v, "costs: cost of "
				    "parts must be a money field of %s", rt->id);
			if (co->part == NULL || co->quantity == NULL)
				ld_diag(b->ld, kv[CO_PARTS].v, "costs: parts: "
				    "needs the part and quantity columns");
		}
	}
	if (!absent(kv[CO_CHARGEBACK].v) && (co->chargeback = costs_id(b,
	    kv[CO_CHARGEBACK].v, "chargeback")) != NULL)
		costs_check(b, co, co->chargeback, kv[CO_CHARGEBACK].v, 0,
		    TB(CFG_T_MONEY), "money");
	if (!absent(kv[CO_ADVANCE].v) && (co->advance = costs_id(b,
	    kv[CO_ADVANCE].v, "advance")) != NULL)
		costs_check(b, co, co->advance, kv[CO_ADVANCE].v, 0,
		    TB(CFG_T_MONEY), "money");
	if (!absent(kv[CO_EXPENSES].v))
		co->expenses = costs_codes_list(b, tl, kv[CO_EXPENSES].v,
		    "expenses", &co->nexpenses);
	m = kv[CO_LEGACY].v;
	if (want_map(b, m, "legacy", "costs")) {
		lv = arena_alloc(b->a, m->n * sizeof *lv);
		for (i = 0; i < m->n; i++) {
			lv[i].field = mstr(b, m->kids[2 * i]);
			costs_check(b, co, lv[i].field, m->kids[2 * i], 0,
			    TB(CFG_T_MONEY), "money");
			lv[i].type = costs_code(b, tl, m->kids[2 * i + 1],
			    "legacy");
		}
		co->legacy = lv;
		co->nlegacy = m->n;
	}
	if (!absent(kv[CO_LEGACY_BEARER].v) && (co->legacy_bearer = costs_id(b,
	    kv[CO_LEGACY_BEARER].v, "legacy_bearer")) != NULL)
		costs_check(b, co, co->legacy_bearer, kv[CO_LEGACY_BEARER].v,
		    0, TB(CFG_T_ENUM), "enum");
	if (want_map(b, kv[CO_CLAIMS].v, "claims", "costs")) {
		get_keys(b, kv[CO_CLAIMS].v, cclaim_keys, CCL_N, "claims",
		    "costs", mk);
		if ((k = ref_one(b, mk[CCL_TYPE].v, &rset, "type",
		    "claims of costs")) >= 0) {
			const char **ids[] = { &co->claim_supplier,
			    &co->claim_claimed, &co->claim_credited };
			static const enum cfg_ftype want[] = { CFG_T_TEXT,
			    CFG_T_MONEY, CFG_T_MONEY };

			rt = &b->rts[k];
			co->claim_type = rt->id;
			for (i = 0; i < 3; i++) {
				const struct cfg_field *f;

				*ids[i] = costs_id(b, mk[CCL_SUPPLIER + i].v,
				    cclaim_keys[CCL_SUPPLIER + i]);
				if (*ids[i] != NULL && ((f = cfg_field(rt,
				    *ids[i])) == NULL || f->type != want[i]))
					ld_diag(b->ld, mk[CCL_SUPPLIER + i].v,
					    "costs: claims: %s must be a %s "
					    "field of %s",
					    cclaim_keys[CCL_SUPPLIER + i],
					    ftypes[want[i]], rt->id);
			}
		}
	}
	b->c->costs = co;
}

/*
 * stock: the parts master (a record type) and its fields: code (text,
 * with an exact lookup: what lines and the ledger name a part by),
 * barcode (another exact lookup, the scanner's), name, name_en, unit
 * (text), min (int: the minimum stock), cost (money); accounts: the
 * units that are stock accounts (R2 §3.7.6).
 */
static void
stock(struct bld *b, const struct ynode *n)
{
	struct idset rset = { b->rts, b->c->nrectypes, sizeof *b->rts,
	    "record type", "record types" };
	struct kv kv[SK_N] = {{0}};
	struct cfg_stock *k;
	const struct cfg_rectype *rt;
	const char *own = "stock";
	const struct cfg_field **f[SK_N] = { NULL };
	static const int types[SK_N] = { 0, TB(CFG_T_TEXT), TB(CFG_T_TEXT),
	    TB(CFG_T_TEXT), TB(CFG_T_TEXT), TB(CFG_T_TEXT) | TB(CFG_T_ENUM),
	    TB(CFG_T_INT), TB(CFG_T_MONEY), 0 };
	int i;

	if (!want_map(b, n, "stock", NULL))
		return;
	get_keys(b, n, stock_keys, SK_N, "stock", NULL, kv);
	k = arena_alloc(b->a, sizeof *k);
	if (absent(kv[SK_PARTS].v) || absent(kv[SK_CODE].v)) {
		ld_diag(b->ld, n, "stock needs parts: (the record type of the "
		    "parts) and code: (its field with the part code)");
		return;
	}
	if ((i = ref_one(b, kv[SK_PARTS].v, &rset, "parts", own)) < 0)
		return;
	rt = k->parts = &b->rts[i];
	f[SK_CODE] = &k->code;
	f[SK_BARCODE] = &k->barcode;
	f[SK_NAME] = &k->name;
	f[SK_NAME_EN] = &k->name_en;
	f[SK_UNIT] = &k->unit;
	f[SK_MIN] = &k->min;
	f[SK_COST] = &k->cost;
	for (i = SK_CODE; i <= SK_COST; i++) {
		if (absent(kv[i].v))
			continue;
		*f[i] = typed_field(b, rt, kv[i].v, stock_keys[i], own,
		    types[i], i == SK_MIN ? "int" : i == SK_COST ? "money" :
		    "text");
		if ((i == SK_CODE || i == SK_BARCODE) && *f[i] != NULL &&
		    cfg_lookup_of(rt, *f[i], CFG_LK_EXACT) == NULL)
			ld_diag(b->ld, kv[i].v, "%s of stock names field %s, "
			    "which has no exact lookup; add %s: exact to the "
			    "lookups: of %s", stock_keys[i], (*f[i])->id,
			    (*f[i])->id, rt->id);
	}
	k->accounts = unit_list(b, kv[SK_ACCOUNTS].v, "accounts", own,
	    &k->naccounts);
	b->c->stock = k;
}

/* KPI measures (R2 §3.2.1) ------------------------------------------ */

/* The value node of key in map n, NULL when absent. */
static const struct ynode *
map_get(const struct ynode *n, const char *key)
{
	size_t i;

	for (i = 0; n != NULL && n->kind == Y_MAP && i < n->n; i++)
		if (strcmp(n->kids[2 * i]->str, key) == 0)
			return n->kids[2 * i + 1];
	return NULL;
}

/* An engineer: field of rt: a reference to a user. */
static const struct cfg_field *
kpi_engineer(struct bld *b, const struct cfg_rectype *rt,
	     const struct ynode *n, const char *own)
{
	const struct cfg_field *f = typed_field(b, rt, n, "engineer", own,
	    TB(CFG_T_REF), "reference");
	char p[PATHMAX];

	if (f != NULL && (f->ref == NULL || strcmp(f->ref, "user") != 0)) {
		ld_diag(b->ld, n, "%s names field %s, which is no ref: user "
		    "field", path(p, "engineer", own), f->id);
		return NULL;
	}
	return f;
}

/* count: or over: of a target (key names it). */
static const struct cfg_kpi_set *
kpi_set(struct bld *b, const struct ynode *n, const char *key,
	const char *town)
{
	struct idset rset = { b->rts, b->c->nrectypes, sizeof *b->rts,
	    "record type", "record types" };
	struct kv kv[KS_N] = {{0}};
	struct cfg_kpi_set *v;
	char own[PATHMAX];
	int i;

	fmt(own, sizeof own, "%s of %s", key, town);
	if (!want_map(b, n, NULL, own))
		return NULL;
	get_keys(b, n, kpi_set_keys, KS_N, NULL, own, kv);
	if (absent(kv[KS_TYPE].v) || absent(kv[KS_AT].v)) {
		ld_diag(b->ld, n, "%s needs type: and at:", own);
		return NULL;
	}
	if ((i = ref_one(b, kv[KS_TYPE].v, &rset, "type", own)) < 0)
		return NULL;
	v = arena_alloc(b->a, sizeof *v);
	v->type = &b->rts[i];
	v->at = typed_field(b, v->type, kv[KS_AT].v, "at", own,
	    TB(CFG_T_DATE) | TB(CFG_T_DATETIME), "date or datetime");
	if (!absent(kv[KS_WHEN].v))
		conds(b, v->type, kv[KS_WHEN].v, own, &v->when, &v->nwhen);
	if (!absent(kv[KS_ENGINEER].v))
		v->engineer = kpi_engineer(b, v->type, kv[KS_ENGINEER].v, own);
	return v->at != NULL ? v : NULL;
}

/*
 * measure:, count:, over: and engineer: of the targets, read once the
 * record types are known (targets() took their labels and limits).
 */
static void
target_measures(struct bld *b, const struct ynode *n)
{
	struct idset rset = { b->rts, b->c->nrectypes, sizeof *b->rts,
	    "record type", "record types" };
	struct cfg_target *t;
	struct cfg_kpi_eng *e;
	const struct ynode *m, *x, *en;
	char own[PATHMAX];
	size_t i, j;
	int k;

	if (n == NULL || n->kind != Y_MAP || b->c->targets == NULL)
		return;
	for (i = 0; i < n->n && i < b->c->ntargets; i++) {
		t = (struct cfg_target *)&b->c->targets[i];
		m = n->kids[2 * i + 1];
		fmt(own, sizeof own, "target %s", t->id);
		if (m == NULL || m->kind != Y_MAP)
			continue;
		x = map_get(m, "measure");
		en = map_get(m, "engineer");
		if (x != NULL && !absent(x)) {
			if (x->kind != Y_SCALAR ||
			    strcmp(x->str, "clocks") != 0) {
				ld_diag(b->ld, x, "bad measure of %s; expected "
				    "clocks (or count: and over:)", own);
				continue;
			}
			t->clocks = 1;
			if (map_get(m, "count") != NULL ||
			    map_get(m, "over") != NULL)
				ld_diag(b->ld, x, "%s has measure: clocks and "
				    "count:/over:; give one or the other", own);
			if (en == NULL || absent(en))
				continue;
			if (!want_map(b, en, "engineer", own))
				continue;
			e = arena_alloc(b->a, en->n * sizeof *e);
			for (j = 0; j < en->n; j++) {
				if ((k = ref_one(b, en->kids[2 * j], &rset,
				    "engineer", own)) < 0)
					continue;
				e[t->neng].type = &b->rts[k];
				e[t->neng].field = kpi_engineer(b, &b->rts[k],
				    en->kids[2 * j + 1], own);
				if (e[t->neng].field != NULL)
					t->neng++;
			}
			t->eng = e;
			continue;
		}
		if (en != NULL)
			ld_diag(b->ld, en, "engineer: of %s is for measure: "
			    "clocks; count: and over: take their own", own);
		x = map_get(m, "count");
		if (x == NULL && map_get(m, "over") == NULL)
			continue;
		if (x == NULL || map_get(m, "over") == NULL) {
			ld_diag(b->ld, m, "%s needs both count: and over:",
			    own);
			continue;
		}
		t->count = kpi_set(b, x, "count", own);
		t->over = kpi_set(b, map_get(m, "over"), "over", own);
		if (t->count == NULL || t->over == NULL)
			t->count = t->over = NULL;
	}
}

/* reports: the paper forms' tables of records (config.h). */
static void
reports(struct bld *b, const struct ynode *n)
{
	struct idset rset = { b->rts, b->c->nrectypes, sizeof *b->rts,
	    "record type", "record types" };
	struct kv kv[RP_N];
	struct cfg_report *v;
	const struct ynode *s;
	char own[PATHMAX];
	size_t i;
	int k;

	if (!want_map(b, n, "reports", NULL))
		return;
	v = arena_alloc(b->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++) {
		struct cfg_report *r = &v[b->c->nreports];

		r->id = mstr(b, n->kids[2 * i]);
		fmt(own, sizeof own, "report %s", r->id);
		memset(kv, 0, sizeof kv);
		if (!want_map(b, n->kids[2 * i + 1], NULL, own))
			continue;
		get_keys(b, n->kids[2 * i + 1], report_keys, RP_N, NULL, own,
		    kv);
		label(b, kv[RP_LABEL].v, own, &r->label);
		if ((s = scalar(b, kv[RP_CLAUSE].v, "clause", own)) != NULL)
			r->clause = mstr(b, s);
		if (absent(kv[RP_TYPE].v) || absent(kv[RP_AT].v) ||
		    absent(kv[RP_COLUMNS].v)) {
			ld_diag(b->ld, n->kids[2 * i], "%s needs type:, at: "
			    "and columns:", own);
			continue;
		}
		if ((k = ref_one(b, kv[RP_TYPE].v, &rset, "type", own)) < 0)
			continue;
		r->type = &b->rts[k];
		r->at = typed_field(b, r->type, kv[RP_AT].v, "at", own,
		    TB(CFG_T_DATE) | TB(CFG_T_DATETIME), "date or datetime");
		r->columns = decl_columns(b, r->type, kv[RP_COLUMNS].v,
		    "columns", 1, own, &r->ncolumns);
		if (r->at != NULL && r->columns != NULL)
			b->c->nreports++;
	}
	b->c->reports = v;
}

static void
build(struct bld *b, const struct ynode *root)
{
	struct kv kv[T_N] = {{0}};
	const struct ynode *s;

	get_keys(b, root, top_keys, T_N, NULL, NULL, kv);
	if ((s = scalar(b, kv[T_TIMEZONE].v, "timezone", NULL)) != NULL)
		b->c->timezone = mstr(b, s);
	boolean(b, kv[T_OVERRIDE].v, "allow_user_override", NULL,
	    &b->c->allow_user_override);
	roles(b, kv[T_ROLES].v);
	maintenance(b, kv[T_MAINT].v);
	codes(b, kv[T_CODES].v);
	targets(b, kv[T_TARGETS].v);
	units(b, kv[T_UNITS].v);
	records(b, kv[T_RECORDS].v);
	target_measures(b, kv[T_TARGETS].v);
	reports(b, kv[T_REPORTS].v);
	users(b, kv[T_USERS].v);
	warranty(b, kv[T_WARRANTY].v);
	printer(b, kv[T_PRINTER].v);
	costs(b, kv[T_COSTS].v);
	stock(b, kv[T_STOCK].v);
	counter(b, kv[T_COUNTER].v);
}

struct cfg_model *
cfg_model_new(void)
{
	struct cfg_model *m = xcalloc(1, sizeof *m);

	nmodels++;
	return m;
}

void
cfg_model_free(struct cfg_model *m)
{
	struct cfg_re *r, *next;

	cfg_files_free(&m->files);
	arena_free(&m->a);
	free(m);
	if (--nmodels > 0)
		return;
	for (r = compiled; r != NULL; r = next) {
		next = r->next;
		if (!r->bad)
			regfree(&r->re);
		if (r->have_ascii)
			regfree(&r->ascii);
		free(r);
	}
	compiled = NULL;
	if (c_locale != (locale_t)0)
		freelocale(c_locale);
	c_locale = (locale_t)0;
}

static int
load(const char *name, const char *data, size_t len,
     const char *const *known_guards, int flags, struct cfg **out,
     struct cfg_diags *diags, struct as_err *err)
{
	struct cfg_ld ld = {0};
	struct cfg_diags local = {0};
	struct as_err e;
	struct cfg_model *m;
	struct ynode *root;
	struct bld b = {0};
	int rc;

	*out = NULL;
	if (diags == NULL)
		diags = &local;
	if (err == NULL)
		err = &e;
	diags->n = 0;
	diags->v = NULL;
	as_err_clear(err);
	ld.flags = flags;
	if ((rc = ld_read(&ld, name, data, len, &root, err)) != 0) {
		diags->v = xcalloc(1, sizeof *diags->v);
		diags->v[0].file = xstrdup(name);
		diags->v[0].message = xstrdup(err->msg);
		diags->v[0].text = as_esc_str(diags->v[0].message, 0);
		diags->n = 1;
		ld_free(&ld);
		cfg_diags_free(&local);
		return rc;
	}
	m = cfg_model_new();
	if (data == NULL)
		(void)arena_region_take(&m->a);
	m->c.path = arena_strndup(&m->a, name, strlen(name));
	m->c.timezone = arena_strndup(&m->a, "Asia/Shanghai", 13);
	if (root != NULL) {
		b.m = m;
		b.ld = &ld;
		b.a = &m->a;
		b.c = &m->c;
		b.guards = known_guards;
		while (known_guards != NULL && known_guards[b.nguards] != NULL)
			b.nguards++;
		build(&b, root);
	}
	if (ld_diags_take(&ld, name, diags, err) > 0) {
		rc = AS_E_CONFIG;
		if (ld.refused) {
			*err = ld.refusal;
			rc = AS_E_PERM;
		}
		cfg_model_free(m);
	} else {
		if (m->a.rbase != NULL)
			cfg_model_files(&m->files, &ld);
		*out = &m->c;
	}
	ld_free(&ld);
	cfg_diags_free(&local);
	return rc;
}

int
cfg_load(const char *path, const char *const *known_guards,
	 struct cfg **out, struct cfg_diags *diags, struct as_err *err)
{
	return load(path, NULL, 0, known_guards, 0, out, diags, err);
}

int
cfg_load_flags(const char *path, const char *const *known_guards, int flags,
	       struct cfg **out, struct cfg_diags *diags, struct as_err *err)
{
	return load(path, NULL, 0, known_guards, flags, out, diags, err);
}

int
cfg_load_mem(const char *name, const char *data, size_t len,
	     const char *const *known_guards, struct cfg **out,
	     struct cfg_diags *diags, struct as_err *err)
{
	return load(name, data, len, known_guards, 0, out, diags, err);
}

void
cfg_free(struct cfg **cfg)
{
	struct cfg_model *m;

	if (cfg == NULL || *cfg == NULL)
		return;
	m = (struct cfg_model *)(void *)*cfg;
	cfg_model_free(m);
	*cfg = NULL;
}

void
cfg_diags_free(struct cfg_diags *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].message);
		free(d->v[i].text);
	}
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

static const void *
lookup(const void *base, size_t n, size_t size, const char *id)
{
	struct idset s = { base, n, size, NULL, NULL };
	int i;

	if (base == NULL || id == NULL || (i = find_id(&s, id)) < 0)
		return NULL;
	return (const char *)base + (size_t)i * size;
}

const struct cfg_rectype *
cfg_rectype(const struct cfg *c, const char *id)
{
	return lookup(c->rectypes, c->nrectypes, sizeof *c->rectypes, id);
}

const struct cfg_rectype *
cfg_rectype_by_prefix(const struct cfg *c, const char *number)
{
	size_t i, n = 0;

	if (number == NULL)
		return NULL;
	while ((number[n] >= 'A' && number[n] <= 'Z') ||
	    (number[n] >= 'a' && number[n] <= 'z'))
		n++;
	for (i = 0; i < c->nrectypes && n > 0; i++) {
		if (c->rectypes[i].prefix != NULL &&
		    strlen(c->rectypes[i].prefix) == n &&
		    strncasecmp(c->rectypes[i].prefix, number, n) == 0)
			return &c->rectypes[i];
	}
	return NULL;
}

const struct cfg_user *
cfg_user(const struct cfg *c, const char *login)
{
	return lookup(c->users, c->nusers, sizeof *c->users, login);
}

const struct cfg_role *
cfg_role(const struct cfg *c, const char *id)
{
	return lookup(c->roles, c->nroles, sizeof *c->roles, id);
}

const struct cfg_field *
cfg_field(const struct cfg_rectype *t, const char *id)
{
	return lookup(t->fields, t->nfields, sizeof *t->fields, id);
}

const struct cfg_sort *
cfg_sort(const struct cfg_rectype *t, const char *id)
{
	return lookup(t->sorts, t->nsorts, sizeof *t->sorts, id);
}

const struct cfg_sort *
cfg_sort_of(const struct cfg_rectype *t, const struct cfg_field *f)
{
	size_t i;

	for (i = 0; i < t->nsorts; i++)
		if (t->sorts[i].field == f)
			return &t->sorts[i];
	return NULL;
}

const struct cfg_lookup *
cfg_lookup_of(const struct cfg_rectype *t, const struct cfg_field *f,
	      enum cfg_lookup_kind kind)
{
	size_t i;

	for (i = 0; i < t->nlookups; i++)
		if (t->lookups[i].field == f && t->lookups[i].kind == kind)
			return &t->lookups[i];
	return NULL;
}

const struct cfg_state *
cfg_state(const struct cfg_rectype *t, const char *id)
{
	return lookup(t->states, t->nstates, sizeof *t->states, id);
}

const struct cfg_transition *
cfg_transition(const struct cfg_rectype *t, const char *id)
{
	return lookup(t->transitions, t->ntransitions,
	    sizeof *t->transitions, id);
}

const struct cfg_clock *
cfg_clock(const struct cfg_rectype *t, const char *id)
{
	return lookup(t->clocks, t->nclocks, sizeof *t->clocks, id);
}

const struct cfg_code *
cfg_code(const struct cfg_codelist *l, const char *id)
{
	return lookup(l->codes, l->ncodes, sizeof *l->codes, id);
}

const struct cfg_unit *
cfg_unit(const struct cfg *c, const char *id)
{
	return lookup(c->units, c->nunits, sizeof *c->units, id);
}

int
cfg_unit_within(const struct cfg_unit *u, const struct cfg_unit *top)
{
	size_t depth;

	/* the loader refuses cycles; the bound only keeps this finite */
	for (depth = 0; u != NULL && depth < 64; u = u->parent, depth++)
		if (u == top)
			return 1;
	return 0;
}

int
cfg_user_unit_ok(const struct cfg_user *user, const struct cfg_unit *u)
{
	size_t i;

	for (i = 0; i < user->nunits; i++)
		if (u == NULL ? user->units[i]->parent == NULL :
		    cfg_unit_within(u, user->units[i]))
			return 1;
	return 0;
}

const struct cfg_maint *
cfg_maintenance(const struct cfg *c, const char *command)
{
	return lookup(c->maint, c->nmaint, sizeof *c->maint, command);
}

int
cfg_pattern_ok(const struct cfg_field *f, const char *v)
{
	struct cfg_re *r;
	const unsigned char *p;
	locale_t old;
	char *wrapped;
	int ok;

	if (f->pattern == NULL)
		return 1;
	for (r = compiled; r != NULL && r->f != f; r = r->next)
		;
	if (r == NULL) {
		r = xcalloc(1, sizeof *r);
		r->f = f;
		wrapped = xasprintf("^(%s)$", f->pattern);
		r->bad = regcomp(&r->re, wrapped, REG_EXTENDED | REG_NOSUB)
		    != 0;
		if (c_locale == (locale_t)0)
			c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
		if (!r->bad && c_locale != (locale_t)0) {
			old = uselocale(c_locale);
			r->have_ascii = regcomp(&r->ascii, wrapped,
			    REG_EXTENDED | REG_NOSUB) == 0;
			uselocale(old);
		}
		free(wrapped);
		r->next = compiled;
		compiled = r;
	}
	if (r->bad)
		return 0;
	for (p = (const unsigned char *)v; *p != '\0' && *p < 0x80; p++)
		;
	if (*p != '\0' || !r->have_ascii)
		return regexec(&r->re, v, 0, NULL, 0) == 0;
	old = uselocale(c_locale);
	ok = regexec(&r->ascii, v, 0, NULL, 0) == 0;
	uselocale(old);
	return ok;
}

int
cfg_user_has_role(const struct cfg_user *u, const struct cfg_role *r)
{
	size_t i;

	for (i = 0; u != NULL && i < u->nroles; i++)
		if (u->roles[i] == r)
			return 1;
	return 0;
}

int
cfg_user_has_any(const struct cfg_user *u,
		 const struct cfg_role *const *roles, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cfg_user_has_role(u, roles[i]))
			return 1;
	return 0;
}

const char *
cfg_text(const struct cfg_label *l, const char *lang, const char *fallback)
{
	const char *first, *second;

	if (l == NULL)
		return fallback;
	if (lang != NULL && strcmp(lang, "en") == 0) {
		first = l->en;
		second = l->zh;
	} else {
		first = l->zh;
		second = l->en;
	}
	return first != NULL ? first : second != NULL ? second : fallback;
}
