/*
 * query.c - the secondary indexes of records and the lookups built on
 * them: "where is my complaint?" by number and by the lookups each record
 * type declares (a phone's last digits, a serial, the start of a name:
 * config.h), lists by state, open, closed or "my queue" in the built-in
 * and declared orders, paged through cursors so that memory and work
 * follow the screen, not the table, and the counts of the views.  No
 * field is named here: every key is built from the declarations.
 */
#include "core_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * Index key spaces; "\x1f" separates the parts.  Every key carries the
 * record type, so two types' indexes never mix.  The keys of the declared
 * lookups and sorts (config.h) are K_FIELD type field norm value, norm
 * one of the N_* letters below.
 */
#define K_STATE "st\x1f"
#define K_FIELD "fx\x1f"    /* fx TYPE field norm value -> id */
#define K_DUE "du\x1f"      /* du TYPE due(20 digits) -> id: running clocks */
#define DUE_FIELD "_due."

#define N_VALUE 'v'          /* the value as stored: prefix, sorts */
#define N_CODE 'c'           /* core_norm_serial: exact, sorts */
#define N_RCODE 'r'          /* the code reversed: suffix */
#define N_RDIGITS 'd'        /* the digits reversed: digits_tail */
#define DIGITS_TAIL_MIN 4    /* digits a digits_tail query needs */
#define SERIAL_TAIL_MIN 6    /* characters a serial's end needs */
#define BARE_MAX 12          /* digits of a bare sequence number */
#define FIND_CAP 1000        /* matches core_find orders at most */

char *
core_norm_phone(const char *s)
{
	struct as_buf b = {0};

	for (; *s != '\0'; s++)
		if (isdigit((unsigned char)*s))
			buf_add(&b, s, 1);
	return b.data != NULL ? b.data : xstrdup("");
}

char *
core_norm_serial(const char *s)
{
	struct as_buf b = {0};

	for (; *s != '\0'; s++) {
		char ch = *s;

		if (ch == ' ' || ch == '\t' || ch == '-')
			continue;
		ch = (char)toupper((unsigned char)ch);
		buf_add(&b, &ch, 1);
	}
	return b.data != NULL ? b.data : xstrdup("");
}

char *
core_key_join(const char *prefix, const char *const *part, size_t n)
{
	size_t i, l, len = strlen(prefix) + 1;
	char *k, *p;

	for (i = 0; i < n; i++)
		len += strlen(part[i]) + 1;
	p = k = xmalloc(len);
	l = strlen(prefix);
	memcpy(p, prefix, l);
	p += l;
	for (i = 0; i < n; i++) {
		l = strlen(part[i]);
		memcpy(p, part[i], l);
		p += l;
		if (i + 1 < n)
			*p++ = '\x1f';
	}
	*p = '\0';
	return k;
}

char *
core_key_state(const char *type, const char *state)
{
	const char *part[] = { type, state };

	return core_key_join(K_STATE, part, 2);
}

/* s[0..n) reversed byte by byte, in place. */
static void
reverse(char *s, size_t n)
{
	size_t i;
	char ch;

	for (i = 0; i < n / 2; i++) {
		ch = s[i];
		s[i] = s[n - 1 - i];
		s[n - 1 - i] = ch;
	}
}

/*
 * Append v normalised as norm to b: as it is, as a code (core_norm_serial)
 * or its digits (core_norm_phone), reversed for N_RCODE and N_RDIGITS.
 * Built in place, without a format or a copy per character: it runs for
 * every index key of every record written.
 */
static void
norm_into(struct as_buf *b, int norm, const char *v)
{
	size_t start = b->len, n = strlen(v), i;
	char *out;

	buf_add(b, v, n);           /* room for the result, at most n bytes */
	if (norm == N_VALUE)
		return;
	out = b->data + start;
	for (i = 0; i < n; i++) {
		char ch = v[i];

		if (norm == N_RDIGITS) {
			if (isdigit((unsigned char)ch))
				*out++ = ch;
			continue;
		}
		if (ch == ' ' || ch == '\t' || ch == '-')
			continue;
		*out++ = (char)toupper((unsigned char)ch);
	}
	b->len = (size_t)(out - b->data);
	b->data[b->len] = '\0';
	if (norm != N_CODE)
		reverse(b->data + start, b->len - start);
}

/* The value v normalised as norm (a new string). */
static char *
norm_value(int norm, const char *v)
{
	struct as_buf b = {0};

	norm_into(&b, norm, v);
	return b.data != NULL ? b.data : xstrdup("");
}

char *
core_key_field(const char *type, const char *field, int norm,
	       const char *value)
{
	size_t pn = sizeof K_FIELD - 1, tn = strlen(type), fn = strlen(field);
	size_t vn = strlen(value), n = pn + tn + 1 + fn + 3;
	struct as_buf b;

	/*
	 * One allocation of the size the key can take (norm_into writes
	 * at most the value's bytes), without a growing buffer: every
	 * record written makes some ten of these.
	 */
	b.cap = n + vn + 1;
	b.data = xmalloc(b.cap);
	memcpy(b.data, K_FIELD, pn);
	memcpy(b.data + pn, type, tn);
	b.data[pn + tn] = '\x1f';
	memcpy(b.data + pn + tn + 1, field, fn);
	b.data[n - 3] = '\x1f';
	b.data[n - 2] = (char)norm;
	b.data[n - 1] = '\x1f';
	b.data[n] = '\0';
	b.len = n;
	norm_into(&b, norm, value);
	return b.data;
}

static int
first_id_visit(const char *key, const char *id, void *ctx)
{
	char **first = ctx;

	(void)key;
	*first = xstrdup(id);
	return 1;                    /* one is enough */
}

int
core_exact_get(struct store_txn *t, const char *type, const char *field,
	       const char *value, struct store_rec **out, struct as_err *err)
{
	char *key = core_key_field(type, field, N_CODE, value), *id = NULL;
	int rc;

	*out = NULL;
	rc = store_index_scan(t, key, 0, NULL, first_id_visit, &id, err);
	free(key);
	if (rc > 0)
		rc = 0;                 /* stopped at the first */
	if (rc == 0 && id == NULL)
		rc = AS_E_NOTFOUND;
	if (rc == 0)
		rc = store_get(t, id, out, err);
	free(id);
	return rc;
}

/* The normalisation of a lookup's index. */
static int
lookup_norm(enum cfg_lookup_kind kind)
{
	switch (kind) {
	case CFG_LK_EXACT:
	case CFG_LK_SERIAL: return N_CODE;
	case CFG_LK_SUFFIX: return N_RCODE;
	case CFG_LK_DIGITS_TAIL: return N_RDIGITS;
	default: return N_VALUE;
	}
}

/* The normalisation of a sort's index: that of an exact lookup, if any. */
static int
sort_norm(const struct cfg_rectype *rt, const struct cfg_sort *s)
{
	return cfg_lookup_of(rt, s->field, CFG_LK_EXACT) != NULL ||
	       cfg_lookup_of(rt, s->field, CFG_LK_SERIAL) != NULL ? N_CODE
	       : N_VALUE;
}

static void
add_owned(struct store_keys *out, char *k)
{
	/* the same key twice goes in store_rec_keys' sort */
	store_keys_take(out, k);
}

void
core_index_keys(const struct store_rec *r, struct store_keys *out,
		void *ctx)
{
	const struct core *c = ctx;
	const struct cfg_rectype *rt;
	const char *v;
	size_t i;

	add_owned(out, core_key_state(r->type, r->state));
	rt = c != NULL ? cfg_rectype(c->cfg, r->type) : NULL;
	for (i = 0; rt != NULL && i < rt->nsorts; i++) {
		/* without a value: the bare key space, so the order lists it */
		v = store_rec_get(r, rt->sorts[i].field->id);
		add_owned(out, core_key_field(r->type, rt->sorts[i].field->id,
		    sort_norm(rt, &rt->sorts[i]), v != NULL ? v : ""));
	}
	for (i = 0; rt != NULL && i < rt->nlookups; i++) {
		v = store_rec_get(r, rt->lookups[i].field->id);
		if (v != NULL && *v != '\0')
			add_owned(out, core_key_field(r->type,
			    rt->lookups[i].field->id,
			    lookup_norm(rt->lookups[i].kind), v));
		/* a serial is found by its end too */
		if (v != NULL && *v != '\0' &&
		    rt->lookups[i].kind == CFG_LK_SERIAL)
			add_owned(out, core_key_field(r->type,
			    rt->lookups[i].field->id, N_RCODE, v));
	}
	core_due_keys(r, out);
	core_link_keys(ctx, r, out);
	if (c != NULL)
		core_kpi_keys(c, r, out);
	if (c != NULL)
		core_hold_keys(c, r, out);
}

/*
 * One key per running clock: K_DUE type, the due time zero-padded to 20
 * digits (so keys sort by time), mapping to the id.  From the record alone,
 * so the index does not change when the configuration does.
 */
void
core_due_keys(const struct store_rec *r, struct store_keys *out)
{
	size_t i, n = strlen(DUE_FIELD);
	long long t;
	char *end;

	for (i = 0; i < r->nfields; i++) {
		/* the first byte first: most fields are no clock's */
		if (r->fields[i].key[0] != DUE_FIELD[0] ||
		    strncmp(r->fields[i].key, DUE_FIELD, n) != 0)
			continue;
		t = core_strtoll(r->fields[i].val, &end);
		if (*end != '\0' || end == r->fields[i].val)
			continue;
		add_owned(out, core_key_due(r->type, t));
	}
}

char *
core_key_due(const char *type, int64_t due)
{
	size_t pn = sizeof K_DUE - 1, tn = strlen(type);
	char *k = xmalloc(pn + tn + 1 + 20 + 1), *p;
	uint64_t v = due < 0 ? 0 : (uint64_t)due;
	int i;

	/* K_DUE type \x1f the time in 20 digits, without a format */
	memcpy(k, K_DUE, pn);
	memcpy(k + pn, type, tn);
	p = k + pn + tn;
	*p++ = '\x1f';
	for (i = 19; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	p[20] = '\0';
	return k;
}

/* Find --------------------------------------------------------------- */

/*
 * core_find gathers the matches (each record once, at most FIND_CAP) in
 * the order found, the record number first, then the lookups in their
 * declared order, and hands them on open records first.
 */
struct find_ctx {
	struct store_txn *t;
	const struct cfg *cfg;
	struct store_keys seen;
	struct store_rec **v;
	size_t n, cap, max;
	struct as_err *err;   /* the transaction's: index visitors have none */
};

static int
seen_before(struct find_ctx *x, const char *id)
{
	size_t i;

	for (i = 0; i < x->seen.n; i++)
		if (strcmp(x->seen.v[i], id) == 0)
			return 1;
	store_keys_add(&x->seen, id);
	return 0;
}

static int
visit_id(struct find_ctx *x, const char *id, struct as_err *err)
{
	struct store_rec *r = NULL;
	int rc;

	if (x->n >= x->max)
		return 1;
	if (seen_before(x, id))
		return 0;
	rc = store_get(x->t, id, &r, err);
	if (rc == AS_E_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 16;
		x->v = xrealloc(x->v, x->cap * sizeof *x->v);
	}
	x->v[x->n++] = r;
	return x->n >= x->max ? 1 : 0;
}

static int
find_idx_visit(const char *key, const char *id, void *vctx)
{
	struct find_ctx *x = vctx;

	(void)key;
	return visit_id(x, id, x->err);
}

/*
 * Normalise a typed record number: upper-case, and the sequence part
 * zero-padded to six digits ("c2026-42" -> "C2026-000042").
 */
static char *
norm_number(const char *q)
{
	const char *dash = strchr(q, '-'), *p;
	unsigned long long num;
	char digits[12], *out;
	size_t pn, dn, i, w = 0;

	if (dash == NULL)
		return core_norm_serial(q);
	pn = (size_t)(dash - q);
	for (p = dash + 1; *p >= '0' && *p <= '9'; p++)
		;
	dn = (size_t)(p - dash - 1);
	if (*p != '\0' || dn == 0 || dn > 12)
		out = xstrdup(q);   /* no number after the dash: as typed */
	else {
		/* the number without its leading zeros, at least six digits */
		num = strtoull(dash + 1, NULL, 10);
		do {
			digits[sizeof digits - ++w] = (char)('0' + num % 10);
			num /= 10;
		} while (num != 0 || w < 6);
		out = xmalloc(pn + 1 + w + 1);
		memcpy(out, q, pn + 1);
		memcpy(out + pn + 1, digits + sizeof digits - w, w);
		out[pn + 1 + w] = '\0';
	}
	for (i = 0; i < pn; i++)
		out[i] = (char)toupper((unsigned char)out[i]);
	return out;
}

char *
core_norm_number(const char *q)
{
	char *t = core_query_compact(q), *out = norm_number(t);

	free(t);
	return out;
}

char *
core_query_compact(const char *q)
{
	struct as_buf b = {0};
	size_t n = strlen(q), k;
	uint32_t cp;
	char ch;

	while (n > 0) {
		k = utf8_next(q, n, &cp);
		if (cp != UTF8_BAD && utf8_space(cp)) {
			/* pasted: spaces of any width go */
		} else if (cp >= 0xff01 && cp <= 0xff5e) {
			ch = (char)(cp - 0xff01 + 0x21);   /* full width */
			buf_add(&b, &ch, 1);
		} else
			buf_add(&b, q, k);
		q += k;
		n -= k;
	}
	return b.data != NULL ? b.data : xstrdup("");
}

char *
core_query_trim(const char *q)
{
	size_t n = strlen(q), k, lead = 0, end = 0, at = 0;
	uint32_t cp;
	int seen = 0;

	while (at < n) {
		k = utf8_next(q + at, n - at, &cp);
		if (cp == UTF8_BAD || !utf8_space(cp)) {
			if (!seen)
				lead = at;
			seen = 1;
			end = at + k;
		}
		at += k;
	}
	return seen ? xstrndup(q + lead, end - lead) : xstrdup("");
}

char *
core_id(const struct core *c, const char *id)
{
	char *n = norm_number(id);

	if (cfg_rectype_by_prefix(c->cfg, n) != NULL && strchr(n, '-') != NULL)
		return n;
	free(n);
	return xstrdup(id);
}

/*
 * 1 if s holds a Latin letter: then it is a code (a serial, a plate), not
 * a phone, and a digits_tail lookup does not take its digits (a VIN
 * ending in 5595569 is not the phone that ends so).
 */
static int
has_latin(const char *s)
{
	for (; *s != '\0'; s++)
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
			return 1;
	return 0;
}

/*
 * Visit the records whose field matches q by the lookup lk: exact reads
 * one key, the others a key prefix; a serial its code's start, and its
 * end from SERIAL_TAIL_MIN characters.  code is q compacted
 * (core_query_compact), name q trimmed (core_query_trim): a prefix
 * lookup keeps the spaces inside a name.  A query that normalises to
 * nothing (or, for digits_tail, to fewer than DIGITS_TAIL_MIN digits, or
 * that holds a Latin letter) finds none.
 */
static int
lookup_scan(struct store_txn *t, const struct cfg_rectype *rt,
	    const struct cfg_lookup *lk, const char *code, const char *name,
	    struct find_ctx *x, struct as_err *err)
{
	int norm = lookup_norm(lk->kind), rc;
	const char *q = lk->kind == CFG_LK_PREFIX ? name : code;
	char *n = norm_value(norm, q), *key;
	size_t len = strlen(n);

	free(n);
	if (len == 0 || (lk->kind == CFG_LK_DIGITS_TAIL &&
	    (len < DIGITS_TAIL_MIN || has_latin(code))))
		return 0;
	key = core_key_field(rt->id, lk->field->id, norm, q);
	rc = store_index_scan(t, key, lk->kind != CFG_LK_EXACT, NULL,
			      find_idx_visit, x, err);
	free(key);
	if (rc >= 0 && lk->kind == CFG_LK_SERIAL && len >= SERIAL_TAIL_MIN) {
		key = core_key_field(rt->id, lk->field->id, N_RCODE, q);
		rc = store_index_scan(t, key, 1, NULL, find_idx_visit, x,
				      err);
		free(key);
	}
	return rc < 0 ? rc : 0;
}

/* 1 if s is 1 to BARE_MAX ASCII digits. */
static int
bare_number(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return i > 0 && i <= BARE_MAX;
}

struct find_args {
	const struct cfg *cfg;
	const char *code, *name;
	int year;             /* this year, for a bare number */
	struct find_ctx *x;
};

static int
find_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct find_args *a = vctx;
	struct find_ctx *x = a->x;
	const struct cfg_rectype *rt;
	unsigned long long want;
	uint64_t last;
	size_t i, j;
	char *num;
	int rc;

	x->t = t;
	x->err = err;
	store_keys_free(&x->seen);
	for (i = 0; i < x->n; i++)
		store_rec_free(&x->v[i]);
	x->n = 0;
	/*
	 * 1. a record number; one written out whole (prefix, year, dash)
	 * that names a record is that record, and the lookups below are not
	 * tried: a number is not a phone's tail nor a name (issue 13: they
	 * were fifteen more index reads of a `status NUMBER`).
	 */
	num = norm_number(a->code);
	if (cfg_rectype_by_prefix(a->cfg, num) != NULL) {
		rc = visit_id(x, num, err);
		if (rc < 0) {
			free(num);
			return rc;
		}
		if (x->n > 0 && strchr(num, '-') != NULL) {
			free(num);
			return 0;
		}
	}
	free(num);
	/*
	 * 2. a bare sequence number: this year's of every type that has
	 * given it (every number comes from the type's sequence of the
	 * year): a phone's eleven digits are no type's, and were a record
	 * read of every type (issue 13: the pages a `status PHONE` maps)
	 */
	want = bare_number(a->code) ? strtoull(a->code, NULL, 10) : 0;
	for (i = 0; want != 0 && i < a->cfg->nrectypes; i++) {
		rt = &a->cfg->rectypes[i];
		num = xasprintf("%s/%d", rt->id, a->year);
		rc = store_seq_get(t, num, &last, err);
		free(num);
		if (rc < 0)
			return rc;
		if (want > last)
			continue;
		num = xasprintf("%s%d-%06llu", rt->prefix ? rt->prefix : "",
				a->year, want);
		rc = visit_id(x, num, err);
		free(num);
		if (rc < 0)
			return rc;
	}
	/* 3. the declared lookups of every type, in their order */
	for (i = 0; i < a->cfg->nrectypes && x->n < x->max; i++) {
		rt = &a->cfg->rectypes[i];
		for (j = 0; j < rt->nlookups && x->n < x->max; j++)
			if ((rc = lookup_scan(t, rt, &rt->lookups[j], a->code,
					      a->name, x, err)) < 0)
				return rc;
	}
	return 0;
}

/* Open records first, else in the order found. */
struct found_ord {
	const struct store_rec *r;
	int closed;
	size_t at;
};

static int
cmp_found(const void *pa, const void *pb)
{
	const struct found_ord *a = pa, *b = pb;

	if (a->closed != b->closed)
		return a->closed - b->closed;
	return a->at < b->at ? -1 : a->at > b->at;
}

int
core_find(struct core *c, const char *query, size_t limit,
	  store_rec_visit fn, void *ctx, struct as_err *err)
{
	struct find_ctx x = {0};
	struct find_args a = {0};
	struct found_ord *o;
	const struct cfg_state *st;
	time_t now = (time_t)core_now(c);
	struct tm tm;
	size_t i;
	int rc;

	a.cfg = c->cfg;
	a.x = &x;
	a.code = core_query_compact(query);
	a.name = core_query_trim(query);
	localtime_r(&now, &tm);
	a.year = tm.tm_year + 1900;
	x.max = limit != 0 && limit > FIND_CAP ? limit : FIND_CAP;
	if (*a.code == '\0') {
		rc = as_err_set(err, AS_E_USAGE, TR(c, "没有要查找的内容",
						    "nothing to look for"));
		goto out;
	}
	rc = store_read(c->st, find_txn, &a, err);
	if (rc != 0)
		goto out;
	o = xcalloc(x.n + 1, sizeof *o);
	for (i = 0; i < x.n; i++) {
		st = core_state(c, x.v[i]);
		o[i].r = x.v[i];
		o[i].closed = st != NULL && st->terminal;
		o[i].at = i;
	}
	qsort(o, x.n, sizeof *o, cmp_found);
	for (i = 0; i < x.n && (limit == 0 || i < limit); i++)
		if ((rc = fn(o[i].r, ctx)) != 0) {
			rc = rc > 0 ? 0 : rc;
			break;
		}
	free(o);
out:
	for (i = 0; i < x.n; i++)
		store_rec_free(&x.v[i]);
	free(x.v);
	store_keys_free(&x.seen);
	free((char *)a.code);
	free((char *)a.name);
	return rc;
}

/* Lists -------------------------------------------------------------- */

/*
 * A list over several states is a merge of their index runs, each in id
 * order: take up to `limit` ids from every run after the cursor, merge,
 * and keep the first `limit`.
 */
struct run_ctx {
	struct store_keys ids;
	size_t limit;
	const char *skip;       /* "after" */
};

static int
run_visit(const char *key, const char *id, void *vctx)
{
	struct run_ctx *x = vctx;

	(void)key;
	store_keys_add(&x->ids, id);
	return x->limit != 0 && x->ids.n >= x->limit ? 1 : 0;
}

/* Ids merge in the store's order (natural: C2026-1000000 after -999999). */
static int
cmp_str(const void *a, const void *b)
{
	return store_id_cmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_str_rev(const void *a, const void *b)
{
	return -cmp_str(a, b);
}

struct list_args {
	struct core *c;
	const struct core_list *q;
	const struct cfg_rectype *rt;
	store_rec_visit fn;
	void *fctx;
	size_t limit;        /* ids to examine in this page */
	const char *after;   /* page cursor (exclusive) */
	size_t examined;     /* ids examined in this page */
	size_t emitted;      /* records handed to fn in this page */
	char *last;          /* last id examined: the next cursor */
	int stopped;         /* the visitor asked to stop */
	const char *after_key; /* index key of the cursor, if known */
	char *last_key;      /* index key of the last examined */
	enum core_order order; /* the order read (due for overdue) */
	size_t scanned;      /* index entries read in this list */
	size_t bound;        /* stop at this many, 0: no bound */
	int bounded;         /* stopped at the bound */
	int part;            /* my queue: the part read (CORE_QUEUE_*), 0 */
};

static int
state_wanted(const struct list_args *a, const struct cfg_state *s)
{
	switch (a->q->view) {
	case CORE_VIEW_STATE:
		return strcmp(s->id, a->q->state) == 0;
	case CORE_VIEW_OPEN:
		return !s->terminal;
	case CORE_VIEW_CLOSED:
		return s->terminal;
	case CORE_VIEW_MINE:
	case CORE_VIEW_ROLE:
		return wf_role_state(a->c, a->rt, s->id);
	default:
		return 1;
	}
}

/*
 * 1 if r passes the filters of the views that read the record: my queue
 * (in the part read, a->part, or any), my role.
 */
static int
view_holds(const struct list_args *a, const struct store_rec *r)
{
	int rank;

	switch (a->q->view) {
	case CORE_VIEW_MINE:
		rank = wf_queue_rank(a->c, r);
		return rank != 0 && (a->part == 0 || rank == a->part);
	case CORE_VIEW_ROLE:
		return wf_in_role(a->c, r);
	default:
		return 1;
	}
}

/*
 * Examine one record of the page: remember it as the cursor, filter it,
 * hand it to the caller.  Returns 1 when the page is full or the caller
 * stops, 0 to go on, or a negative error.
 */
static int
list_examine(struct list_args *a, const struct store_rec *r)
{
	int rc = 0;

	const struct cfg_state *s;

	free(a->last);
	a->last = xstrdup(r->id);
	a->examined++;
	/* the key orders read every state of the type, or every type */
	if (a->order != CORE_ORDER_NUMBER && strcmp(r->type, a->q->type) == 0 &&
	    a->q->view != CORE_VIEW_ALL && a->q->view != CORE_VIEW_OVERDUE &&
	    ((s = cfg_state(a->rt, r->state)) == NULL || !state_wanted(a, s)))
		goto skip;
	if (strcmp(r->type, a->q->type) == 0 && view_holds(a, r) &&
	    /* R1 §8.1: my queue and a unit view: the user's units only */
	    ((a->q->view != CORE_VIEW_MINE && a->q->view != CORE_VIEW_ROLE &&
	      !a->q->units) || core_in_units(a->c, r))) {
		rc = a->fn(r, a->fctx);
		a->emitted++;
		if (rc > 0)
			a->stopped = 1;
	}
skip:
	if (rc == 0 && a->examined >= a->limit)
		rc = 1;
	return rc;
}

static int
scan_visit(const struct store_rec *r, void *vctx)
{
	struct list_args *a = vctx;

	if (a->after != NULL && strcmp(r->id, a->after) == 0)
		return 0;   /* store_scan starts AT the cursor */
	return list_examine(a, r);
}

/*
 * The index run of state s that a page reads: the state's, or in a part
 * of my queue the holder run that holds every record of the part
 * (wf_queue_run); NULL when no record of s can be in the part.
 */
static char *
run_key(const struct list_args *a, const struct cfg_state *s)
{
	const char *login;

	if (a->q->view != CORE_VIEW_MINE || a->part == 0)
		return core_key_state(a->rt->id, s->id);
	if (!wf_queue_run(a->c, a->rt, s->id, a->part, &login))
		return NULL;
	return login != NULL ? core_key_hold(a->rt->id, login, s->id)
	       : core_key_state(a->rt->id, s->id);
}

/* Collect up to limit ids of one state run, after/before the cursor. */
static int
run_collect(struct store_txn *t, const struct list_args *a,
	    const struct cfg_state *s, struct store_keys *all,
	    struct as_err *err)
{
	struct run_ctx x = { .limit = a->limit };
	char *key = run_key(a, s);
	size_t i;
	int rc;

	if (key == NULL)
		return 0;

	if (a->q->backwards)
		rc = store_index_scan_back(t, key, a->after, run_visit, &x,
					   err);
	else
		rc = store_index_scan(t, key, 0, a->after, run_visit, &x, err);
	for (i = 0; rc >= 0 && i < x.ids.n; i++)
		store_keys_add(all, x.ids.v[i]);
	free(key);
	store_keys_free(&x.ids);
	return rc < 0 ? rc : 0;
}

/* Overdue ------------------------------------------------------------ */

/*
 * The overdue view reads the due index (K_DUE type due -> id) from its
 * start, in due order, and stops at the first entry not yet due: work and
 * memory follow the page, not the table.  Backwards (nearest first) scans
 * from the start to the cursor keeping only the last `limit` entries, so
 * its work follows the position in the overdue list.
 */
struct od_ctx {
	struct list_args *a;
	struct store_txn *t;
	struct as_err *err;
	int64_t now;
	size_t plen;
	const char *stop_key, *stop_id;  /* backwards: the cursor */
	char **rk, **ri;                 /* backwards: ring of entries */
	size_t rn, rhead;
};

/* Examine id if key is its earliest running due (each record once). */
static int
od_emit(struct od_ctx *x, const char *key, const char *id)
{
	struct list_args *a = x->a;
	struct store_rec *r = NULL;
	int64_t due;
	char *k = NULL;
	int rc;

	rc = store_get(x->t, id, &r, x->err);
	if (rc == AS_E_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	if (core_deadline(a->c, r, &due, NULL))
		k = core_key_due(r->type, due);
	if (k == NULL || strcmp(k, key) != 0) {
		free(k);
		store_rec_free(&r);
		return 0;
	}
	free(a->last_key);
	a->last_key = k;
	rc = list_examine(a, r);
	store_rec_free(&r);
	return rc;
}

static int
od_visit(const char *key, const char *id, void *vctx)
{
	struct od_ctx *x = vctx;
	size_t slot;

	if (strtoll(key + x->plen, NULL, 10) >= x->now)
		return 1;   /* not due yet: the end of the overdue list */
	if (!x->a->q->backwards)
		return od_emit(x, key, id);
	if (x->stop_key != NULL && strcmp(key, x->stop_key) == 0 &&
	    strcmp(id, x->stop_id) == 0)
		return 1;
	slot = (x->rhead + x->rn) % x->a->limit;
	if (x->rn == x->a->limit) {
		free(x->rk[x->rhead]);
		free(x->ri[x->rhead]);
		x->rhead = (x->rhead + 1) % x->a->limit;
		x->rn--;
	}
	x->rk[slot] = xstrdup(key);
	x->ri[slot] = xstrdup(id);
	x->rn++;
	return 0;
}

static int
overdue_txn(struct store_txn *t, struct list_args *a, struct as_err *err)
{
	struct od_ctx x = {0};
	struct store_rec *r = NULL;
	char *prefix = xasprintf(K_DUE "%s\x1f", a->rt->id);
	char *akey = NULL;
	int64_t due;
	size_t i, j;
	int rc = 0;

	x.a = a;
	x.t = t;
	x.err = err;
	x.now = core_now(a->c);
	x.plen = strlen(prefix);
	if (a->after != NULL && a->after_key != NULL)
		akey = xstrdup(a->after_key);
	else if (a->after != NULL) {
		rc = store_get(t, a->after, &r, err);
		if (rc == 0 && core_deadline(a->c, r, &due, NULL))
			akey = core_key_due(r->type, due);
		store_rec_free(&r);
		if (rc != 0 && rc != AS_E_NOTFOUND)
			goto out;
		rc = 0;
	}
	if (!a->q->backwards) {
		rc = store_index_scan_at(t, prefix, 1, akey,
					 akey != NULL ? a->after : NULL,
					 od_visit, &x, err);
		goto out;
	}
	x.stop_key = akey;
	x.stop_id = a->after;
	x.rk = xcalloc(a->limit, sizeof *x.rk);
	x.ri = xcalloc(a->limit, sizeof *x.ri);
	rc = store_index_scan(t, prefix, 1, NULL, od_visit, &x, err);
	for (i = x.rn; rc >= 0 && i > 0; i--) {
		j = (x.rhead + i - 1) % a->limit;
		if ((rc = od_emit(&x, x.rk[j], x.ri[j])) != 0)
			break;
	}
	for (i = 0; i < a->limit; i++) {
		free(x.rk[i]);
		free(x.ri[i]);
	}
	free(x.rk);
	free(x.ri);
out:
	free(akey);
	free(prefix);
	return rc < 0 ? rc : 0;
}

/* Key orders --------------------------------------------------------- */

/*
 * The declared sorts and the due order read an index key space of the
 * type in (key, id) order from the cursor (after_key, after): forward with
 * store_index_scan_at, backwards with store_index_scan_prefix_back.  The
 * state order reads the state runs in the
 * configured order of the states.  Each entry read counts against the
 * bound, so a page of a view that skips most records stops early.
 */
struct ord_ctx {
	struct list_args *a;
	struct store_txn *t;
	struct as_err *err;
	const char *state_key;  /* the key a cursor keeps for a state run */
};

static int
ord_visit(const char *key, const char *id, void *vctx)
{
	struct ord_ctx *x = vctx;
	struct list_args *a = x->a;
	struct store_rec *r = NULL;
	int64_t due;
	char *k;
	int rc;

	if (a->bound != 0 && a->scanned >= a->bound) {
		a->bounded = 1;
		return 1;
	}
	a->scanned++;
	free(a->last_key);
	a->last_key = xstrdup(x->state_key != NULL ? x->state_key : key);
	free(a->last);
	a->last = xstrdup(id);
	rc = store_get(x->t, id, &r, x->err);
	if (rc == AS_E_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	if (a->order == CORE_ORDER_DUE) {
		/* a record is listed once, at its earliest running clock */
		k = core_deadline(a->c, r, &due, NULL)
		    ? core_key_due(r->type, due) : NULL;
		rc = k == NULL || strcmp(k, key) != 0;
		free(k);
		if (rc) {
			store_rec_free(&r);
			return 0;
		}
	}
	rc = list_examine(a, r);
	store_rec_free(&r);
	return rc;
}

static char *
order_prefix(const struct list_args *a)
{
	const struct cfg_sort *so;

	if (a->order == CORE_ORDER_SORT &&
	    (so = cfg_sort(a->rt, a->q->sort)) != NULL)
		return core_key_field(a->rt->id, so->field->id,
				      sort_norm(a->rt, so), "");
	return xasprintf(K_DUE "%s\x1f", a->rt->id);
}

static int
page_done(const struct list_args *a)
{
	return a->stopped || a->bounded || a->examined >= a->limit;
}

static int
state_order(struct store_txn *t, struct list_args *a, const char *akey,
	    struct ord_ctx *x, struct as_err *err)
{
	const char *after = a->after;
	int n = (int)a->rt->nstates, i = a->q->backwards ? n - 1 : 0;
	int step = a->q->backwards ? -1 : 1, rc = 0;
	char *key, *skey;

	if (akey != NULL) {
		for (i = 0; i < n; i++) {
			key = core_key_state(a->rt->id, a->rt->states[i].id);
			rc = strcmp(key, akey);
			free(key);
			if (rc == 0)
				break;
		}
		rc = 0;
		if (i == n) {
			i = a->q->backwards ? n - 1 : 0;
			after = NULL;
		}
	} else
		after = NULL;
	for (; i >= 0 && i < n && rc >= 0 && !page_done(a); i += step) {
		if (state_wanted(a, &a->rt->states[i])) {
			/* the cursor keeps the state's key whatever run is read */
			skey = core_key_state(a->rt->id, a->rt->states[i].id);
			key = run_key(a, &a->rt->states[i]);
			x->state_key = skey;
			rc = key == NULL ? 0 : a->q->backwards
			    ? store_index_scan_back(t, key, after, ord_visit,
						    x, err)
			    : store_index_scan(t, key, 0, after, ord_visit,
					       x, err);
			x->state_key = NULL;
			free(key);
			free(skey);
		}
		after = NULL;
	}
	return rc;
}

static int
order_txn(struct store_txn *t, struct list_args *a, struct as_err *err)
{
	struct ord_ctx x = { a, t, err, NULL };
	struct store_rec *r = NULL;
	char *akey = NULL, *prefix;
	int rc = 0;

	if (a->after != NULL && a->after_key != NULL)
		akey = xstrdup(a->after_key);
	else if (a->after != NULL) {
		struct core_list q = *a->q;

		q.order = a->order;
		q.view = CORE_VIEW_ALL;   /* the key alone, no part */
		rc = store_get(t, a->after, &r, err);
		if (rc == 0)
			akey = core_list_key(a->c, &q, r);
		store_rec_free(&r);
		if (rc != 0 && rc != AS_E_NOTFOUND)
			return rc;
		rc = 0;
	}
	if (a->order == CORE_ORDER_STATE) {
		rc = state_order(t, a, akey, &x, err);
		free(akey);
		return rc < 0 ? rc : 0;
	}
	prefix = order_prefix(a);
	if (a->q->backwards)
		rc = store_index_scan_prefix_back(t, prefix, akey,
		    akey != NULL ? a->after : NULL, ord_visit, &x, err);
	else
		rc = store_index_scan_at(t, prefix, 1, akey,
		    akey != NULL ? a->after : NULL, ord_visit, &x, err);
	free(prefix);
	free(akey);
	return rc < 0 ? rc : 0;
}

/*
 * My queue is read in two parts, the records the user holds, then those
 * nobody holds (CORE_QUEUE_MINE, CORE_QUEUE_FREE), each in the list's
 * order; a cursor's key is its key in that order behind the part's digit.
 * A cursor without a key whose record is no longer in the queue goes on
 * in the second part.
 */
static int
queue_part(const struct core *c, const struct store_rec *r)
{
	int rank = wf_queue_rank(c, r);

	return rank != 0 ? rank : CORE_QUEUE_FREE;
}

/* The key of part before key (freed); a new string. */
static char *
part_key(int part, char *key)
{
	char *out = xasprintf("%d%s", part, key != NULL ? key : "");

	free(key);
	return out;
}

static void
key_add(struct store_keys *k, char *key)
{
	store_keys_add(k, key);
	free(key);
}

char *
core_list_key(const struct core *c, const struct core_list *q,
	      const struct store_rec *r)
{
	enum core_order o = q->view == CORE_VIEW_OVERDUE ? CORE_ORDER_DUE
			    : q->order;
	struct store_keys k = {0};
	const struct cfg_rectype *rt;
	const struct cfg_sort *so;
	const char *v;
	int64_t due;
	char *out;

	switch (o) {
	case CORE_ORDER_SORT:
		rt = cfg_rectype(c->cfg, r->type);
		so = rt != NULL && q->sort != NULL ? cfg_sort(rt, q->sort)
		     : NULL;
		if (so == NULL)
			break;
		v = store_rec_get(r, so->field->id);
		key_add(&k, core_key_field(r->type, so->field->id,
		    sort_norm(rt, so), v != NULL ? v : ""));
		break;
	case CORE_ORDER_STATE:
		key_add(&k, core_key_state(r->type, r->state));
		break;
	case CORE_ORDER_DUE:
		if (core_deadline(c, r, &due, NULL))
			key_add(&k, core_key_due(r->type, due));
		break;
	default:
		break;
	}
	/* as the index has it: store_keys_add cuts long keys */
	out = k.n > 0 ? xstrdup(k.v[0]) : NULL;
	store_keys_free(&k);
	if (q->view == CORE_VIEW_MINE)
		out = part_key(queue_part(c, r), out);
	return out;
}

int
core_order_parse(const struct core *c, const char *type, const char *s,
		 enum core_order *out, const char **sort)
{
	static const char *const names[] = { "number", "state", "due" };
	const struct cfg_rectype *rt = cfg_rectype(c->cfg, type);
	const struct cfg_sort *so;
	size_t i;

	static const struct cfg_label labels[] = { { "编号", "Number" },
		{ "状态", "State" }, { "期限", "Due" } };

	*sort = NULL;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (core_is_named(names[i], &labels[i], s)) {
			*out = (enum core_order)i;
			return 0;
		}
	so = rt != NULL ? cfg_sort(rt, s) : NULL;
	for (i = 0; so == NULL && rt != NULL && i < rt->nsorts; i++)
		if (core_is_named(rt->sorts[i].id, &rt->sorts[i].field->label,
				  s))
			so = &rt->sorts[i];   /* by its field's label */
	if (so == NULL)
		return -1;
	*out = CORE_ORDER_SORT;
	*sort = so->id;
	return 0;
}

/*
 * One page.  A view over several states merges their index runs: each run
 * gives at most `limit` ids past the cursor, so the first `limit` ids of
 * the merge are exactly the next `limit` of the view.
 */
static int
list_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct list_args *a = vctx;
	struct store_keys all = {0};
	size_t i;
	int rc = 0;

	a->examined = a->emitted = 0;
	a->stopped = 0;
	if (a->q->view == CORE_VIEW_OVERDUE)
		return overdue_txn(t, a, err);
	if (a->order != CORE_ORDER_NUMBER)
		return order_txn(t, a, err);
	if (a->q->view == CORE_VIEW_ALL) {
		rc = a->q->backwards
		    ? store_scan_back(t, a->after, scan_visit, a, err)
		    : store_scan(t, a->after, scan_visit, a, err);
		return rc < 0 ? rc : 0;
	}
	for (i = 0; i < a->rt->nstates; i++) {
		if (!state_wanted(a, &a->rt->states[i]))
			continue;
		rc = run_collect(t, a, &a->rt->states[i], &all, err);
		if (rc != 0)
			goto out;
	}
	if (all.n > 1)
		qsort(all.v, all.n, sizeof *all.v,
		      a->q->backwards ? cmp_str_rev : cmp_str);
	for (i = 0; i < all.n && i < a->limit; i++) {
		struct store_rec *r = NULL;

		rc = store_get(t, all.v[i], &r, err);
		if (rc == AS_E_NOTFOUND) {
			rc = 0;
			continue;
		}
		if (rc != 0)
			break;
		rc = list_examine(a, r);
		store_rec_free(&r);
		if (rc != 0) {
			rc = rc > 0 ? 0 : rc;
			break;
		}
	}
out:
	store_keys_free(&all);
	return rc;
}

/*
 * A list is read a page at a time, each page in its own short read
 * transaction, so that its first lines come out at once and no reader pins
 * old pages for the length of a big export.
 */
#define LIST_PAGE 256

int
core_list(struct core *c, const struct core_list *q, store_rec_visit fn,
	  void *ctx, struct as_err *err)
{
	return core_list_at(c, q, fn, ctx, NULL, err);
}

void
core_list_pos_free(struct core_list_pos *pos)
{
	free(pos->key);
	free(pos->id);
	pos->key = pos->id = NULL;
	pos->bounded = 0;
}

static int list_at(struct core *, const struct core_list *, store_rec_visit,
		   void *, struct core_list_pos *, int, struct as_err *);

/* Counts what a part of my queue hands on, and whether fn stopped it. */
struct part_ctx {
	store_rec_visit fn;
	void *ctx;
	size_t n;
	int stopped;
};

static int
part_visit(const struct store_rec *r, void *vctx)
{
	struct part_ctx *x = vctx;
	int rc = x->fn(r, x->ctx);

	x->n++;
	if (rc > 0)
		x->stopped = 1;
	return rc;
}

int
core_list_at(struct core *c, const struct core_list *q, store_rec_visit fn,
	     void *ctx, struct core_list_pos *pos, struct as_err *err)
{
	struct part_ctx x = { fn, ctx, 0, 0 };
	struct core_list sub = *q;
	struct core_list_pos p = { NULL, NULL, 0 };
	struct store_rec *r = NULL;
	int first = q->backwards ? CORE_QUEUE_FREE : CORE_QUEUE_MINE;
	int part = first, rc;

	if (q->view != CORE_VIEW_MINE)
		return list_at(c, q, fn, ctx, pos, 0, err);
	/* the part of the cursor: its key's digit, else its record's */
	if (q->after != NULL && q->after_key != NULL &&
	    (q->after_key[0] == '1' || q->after_key[0] == '2')) {
		part = q->after_key[0] - '0';
		sub.after_key = q->after_key[1] != '\0' ? q->after_key + 1
			       : NULL;
	} else if (q->after != NULL) {
		sub.after_key = NULL;
		if (core_get(c, q->after, &r, err) == 0)
			part = queue_part(c, r);
		store_rec_free(&r);
	}
	rc = list_at(c, &sub, part_visit, &x, &p, part, err);
	if (rc == 0 && part == first && !x.stopped && !p.bounded &&
	    (q->limit == 0 || x.n < q->limit)) {
		/* the first part is done: the second from its start */
		struct core_list_pos p1 = p;

		part = CORE_QUEUE_MINE + CORE_QUEUE_FREE - first;
		sub = *q;
		sub.after = sub.after_key = NULL;
		sub.limit = q->limit != 0 ? q->limit - x.n : 0;
		memset(&p, 0, sizeof p);
		rc = list_at(c, &sub, part_visit, &x, &p, part, err);
		if (p.id == NULL) {
			/* the second part read nothing: stay where the first
			 * stopped */
			core_list_pos_free(&p);
			p = p1;
			part = first;
		} else
			core_list_pos_free(&p1);
	}
	if (pos != NULL) {
		core_list_pos_free(pos);
		*pos = p;
		if (pos->id != NULL)
			pos->key = part_key(part, pos->key);
	} else
		core_list_pos_free(&p);
	return rc;
}

static int
list_at(struct core *c, const struct core_list *q, store_rec_visit fn,
	void *ctx, struct core_list_pos *pos, int part, struct as_err *err)
{
	struct list_args a = {0};
	char *cursor = NULL, *cursor_key = NULL;
	size_t total = 0;
	int rc;

	a.c = c;
	a.q = q;
	a.fn = fn;
	a.fctx = ctx;
	a.part = part;
	a.rt = cfg_rectype(c->cfg, q->type);
	if (a.rt == NULL)
		return as_err_set(err, AS_E_NOTFOUND, TR(c,
				  "没有记录类型“%s”", "no record type \"%s\""),
				  q->type);
	if (q->view == CORE_VIEW_STATE && cfg_state(a.rt, q->state) == NULL &&
	    core_state_named(a.rt, q->state) != NULL) {
		struct core_list byid = *q;   /* a state named by its label */

		byid.state = core_state_named(a.rt, q->state)->id;
		return core_list_at(c, &byid, fn, ctx, pos, err);
	}
	if (q->view == CORE_VIEW_STATE && cfg_state(a.rt, q->state) == NULL) {
		struct as_buf b = {0};
		size_t i;

		for (i = 0; i < a.rt->nstates; i++)
			buf_addf(&b, "%s%s", i ? ", " : "", a.rt->states[i].id);
		rc = as_err_set(err, AS_E_INVALID, TR(c,
				"%s没有状态“%s”；有效的状态：%s",
				"%s has no state \"%s\"; valid states: %s"),
				cfg_text(&a.rt->label, c->lang, a.rt->id),
				q->state, b.data);
		buf_free(&b);
		return rc;
	}
	if (q->order == CORE_ORDER_SORT && q->view != CORE_VIEW_OVERDUE &&
	    (q->sort == NULL || cfg_sort(a.rt, q->sort) == NULL))
		return as_err_set(err, AS_E_INVALID, TR(c,
				  "%s没有排序“%s”", "%s has no sort \"%s\""),
				  cfg_text(&a.rt->label, c->lang, a.rt->id),
				  q->sort != NULL ? q->sort : "");
	a.after = q->after;
	a.after_key = q->view == CORE_VIEW_OVERDUE ||
		      q->order != CORE_ORDER_NUMBER ? q->after_key : NULL;
	a.order = q->view == CORE_VIEW_OVERDUE ? CORE_ORDER_DUE : q->order;
	if (q->limit != 0 && q->view != CORE_VIEW_OVERDUE &&
	    a.order != CORE_ORDER_NUMBER)
		a.bound = q->limit * CORE_LIST_SCAN;
	for (;;) {
		a.limit = LIST_PAGE;
		if (q->limit != 0 && q->limit - total < LIST_PAGE)
			a.limit = q->limit - total;
		rc = store_read(c->st, list_txn, &a, err);
		total += a.emitted;
		if (rc != 0 || a.stopped || a.bounded ||
		    a.examined < a.limit ||
		    (q->limit != 0 && total >= q->limit))
			break;
		free(cursor);
		cursor = a.last;
		a.last = NULL;
		a.after = cursor;
		free(cursor_key);
		cursor_key = a.last_key;
		a.last_key = NULL;
		a.after_key = cursor_key;
	}
	if (pos != NULL) {
		core_list_pos_free(pos);
		pos->bounded = a.bounded;
		pos->id = a.last != NULL ? a.last : cursor;
		pos->key = a.last != NULL ? a.last_key : cursor_key;
		if (a.last != NULL) {
			a.last = a.last_key = NULL;
		} else
			cursor = cursor_key = NULL;
	}
	free(cursor);
	free(cursor_key);
	free(a.last);
	free(a.last_key);
	return rc;
}

/* Counts ------------------------------------------------------------- */

/*
 * A view over states is the sum of its states' index counts: each is one
 * cursor count of a duplicate key (LMDB keeps it in the key's subtree),
 * so a count costs one lookup per state whatever the size of the table.
 * Mine (which may hinge on the owner, by:) and overdue (one entry per
 * running clock) read their records, but never more than cap of them.
 */
struct count_args {
	struct list_args *a;
	uint64_t n;
};

static int
count_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct count_args *x = vctx;
	struct list_args *a = x->a;
	uint64_t k;
	size_t i;
	char *key;
	int rc;

	x->n = 0;
	for (i = 0; i < a->rt->nstates; i++) {
		if (!state_wanted(a, &a->rt->states[i]))
			continue;
		key = core_key_state(a->rt->id, a->rt->states[i].id);
		rc = store_index_count(t, key, &k, err);
		free(key);
		if (rc != 0)
			return rc;
		x->n += k;
	}
	return 0;
}

/*
 * My queue and my role: a state whose every record is in the view
 * (wf_view_whole_state) counts from the index; the others read their
 * records, from the runs their pages read (run_key: each part of my
 * queue in turn), up to the cap.
 */
#define COUNT_TXN_MAX 10000   /* larger caps page through core_list */

struct rcount_args {
	struct list_args *a;
	uint64_t n, cap;
};

/*
 * The records under index key for a count of my queue or my role, each
 * with only the fields their tests read (wf_queue_fields): the others
 * are not copied (issue 13: a thousand records at every start).
 */
#define QUEUE_FIELDS_MAX 32

static int
scan_queue_recs(struct store_txn *t, const struct cfg_rectype *rt,
		const char *key, store_rec_visit fn, void *ctx,
		struct as_err *err)
{
	const char *f[QUEUE_FIELDS_MAX];
	int n = wf_queue_fields(rt, f, QUEUE_FIELDS_MAX);

	if (n < 0)
		return store_index_scan_recs(t, key, fn, ctx, err);
	return store_index_scan_recs_some(t, key, f, (size_t)n, fn, ctx,
					  err);
}

/* Records come from scan_queue_recs: one cursor for a run. */
static int
rcount_visit(const struct store_rec *r, void *vctx)
{
	struct rcount_args *x = vctx;

	if (view_holds(x->a, r) && core_in_units(x->a->c, r))
		x->n++;
	return x->n > x->cap ? 1 : 0;
}

static int
rcount_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct rcount_args *x = vctx;
	struct list_args *a = x->a;
	int mine = a->q->view == CORE_VIEW_MINE, part;
	const struct cfg_state *s;
	uint64_t k;
	size_t i;
	char *key;
	int rc = 0;

	x->n = 0;
	for (i = 0; i < a->rt->nstates; i++) {
		s = &a->rt->states[i];
		if (!state_wanted(a, s) ||
		    !wf_view_whole_state(a->c, a->rt, s->id, mine))
			continue;
		key = core_key_state(a->rt->id, s->id);
		rc = store_index_count(t, key, &k, err);
		free(key);
		if (rc != 0)
			return rc;
		x->n += k;
	}
	for (part = mine ? CORE_QUEUE_MINE : 0; x->n <= x->cap &&
	    part <= (mine ? CORE_QUEUE_FREE : 0); part++) {
		a->part = part;
		for (i = 0; rc == 0 && x->n <= x->cap && i < a->rt->nstates;
		    i++) {
			s = &a->rt->states[i];
			if (!state_wanted(a, s) ||
			    wf_view_whole_state(a->c, a->rt, s->id, mine) ||
			    (key = run_key(a, s)) == NULL)
				continue;
			rc = scan_queue_recs(t, a->rt, key, rcount_visit, x,
					     err);
			free(key);
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * My queue and my role counted together (core_count_views): both read the
 * records of the states no index count answers, and where my queue's
 * records of a state are read from the state's own run (a step of my
 * role without by: leaves it), one pass over that run counts both, each
 * record read and decoded once.  The other states read as rcount_txn
 * reads them.
 */
struct rpair_args {
	struct rcount_args m, r;   /* my queue, my role */
};

static int
rpair_visit(const struct store_rec *r, void *vctx)
{
	struct rpair_args *x = vctx;

	if (core_in_units(x->m.a->c, r)) {
		if (x->m.n <= x->m.cap && view_holds(x->m.a, r))
			x->m.n++;
		if (x->r.n <= x->r.cap && view_holds(x->r.a, r))
			x->r.n++;
	}
	return x->m.n > x->m.cap && x->r.n > x->r.cap ? 1 : 0;
}

/* 1 if my queue reads the records of state s from the state's run. */
static int
mine_reads_state_run(const struct list_args *a, const struct cfg_state *s)
{
	const char *login;

	return wf_queue_run(a->c, a->rt, s->id, CORE_QUEUE_FREE, &login) &&
	       login == NULL;
}

/* Per state of rt: read in one pass for both views (rpair_txn). */
#define RPAIR_MAX 256

static int
rpair_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct rpair_args *x = vctx;
	struct list_args *am = x->m.a, *ar = x->r.a;
	const struct cfg_rectype *rt = am->rt;
	const struct cfg_state *s;
	unsigned char shared[RPAIR_MAX];
	int part, whole_m, whole_r;
	uint64_t k;
	size_t i;
	char *key;
	int rc = 0;

	x->m.n = x->r.n = 0;
	for (i = 0; i < rt->nstates; i++) {
		s = &rt->states[i];
		shared[i] = 0;
		if (!state_wanted(am, s))
			continue;   /* the same states for my role */
		whole_m = wf_view_whole_state(am->c, rt, s->id, 1);
		whole_r = wf_view_whole_state(am->c, rt, s->id, 0);
		if (whole_m || whole_r) {
			key = core_key_state(rt->id, s->id);
			rc = store_index_count(t, key, &k, err);
			free(key);
			if (rc != 0)
				return rc;
			x->m.n += whole_m ? k : 0;
			x->r.n += whole_r ? k : 0;
		}
		shared[i] = !whole_m && !whole_r &&
			    mine_reads_state_run(am, s);
	}
	/* the shared runs: every record of the state, each view's filter */
	am->part = ar->part = 0;
	for (i = 0; rc == 0 && i < rt->nstates; i++) {
		if (!shared[i] ||
		    (x->m.n > x->m.cap && x->r.n > x->r.cap))
			continue;
		key = core_key_state(rt->id, rt->states[i].id);
		rc = scan_queue_recs(t, rt, key, rpair_visit, x, err);
		free(key);
	}
	if (rc < 0)
		return rc;
	/* my role's other states */
	for (i = 0; rc == 0 && x->r.n <= x->r.cap && i < rt->nstates; i++) {
		s = &rt->states[i];
		if (shared[i] || !state_wanted(ar, s) ||
		    wf_view_whole_state(ar->c, rt, s->id, 0))
			continue;
		key = core_key_state(rt->id, s->id);
		rc = scan_queue_recs(t, rt, key, rcount_visit, &x->r, err);
		free(key);
	}
	if (rc < 0)
		return rc;
	/* my queue's other states, part by part as rcount_txn reads them */
	for (part = CORE_QUEUE_MINE; rc == 0 && x->m.n <= x->m.cap &&
	    part <= CORE_QUEUE_FREE; part++) {
		am->part = part;
		for (i = 0; rc == 0 && x->m.n <= x->m.cap &&
		    i < rt->nstates; i++) {
			s = &rt->states[i];
			if (shared[i] || !state_wanted(am, s) ||
			    wf_view_whole_state(am->c, rt, s->id, 1) ||
			    (key = run_key(am, s)) == NULL)
				continue;
			rc = scan_queue_recs(t, rt, key, rcount_visit,
						   &x->m, err);
			free(key);
		}
	}
	return rc < 0 ? rc : 0;
}

static int
count_visit(const struct store_rec *r, void *vctx)
{
	(void)r;
	(*(uint64_t *)vctx)++;
	return 0;
}

int
core_count(struct core *c, const struct core_list *q, uint64_t cap,
	   uint64_t *n, int *more, struct as_err *err)
{
	struct list_args a = {0};
	struct count_args x = { &a, 0 };
	struct core_list lq = {0};
	int rc;

	*n = 0;
	*more = 0;
	a.c = c;
	a.q = q;
	if ((a.rt = cfg_rectype(c->cfg, q->type)) == NULL)
		return as_err_set(err, AS_E_NOTFOUND, TR(c,
				  "没有记录类型“%s”", "no record type \"%s\""),
				  q->type);
	if (q->view != CORE_VIEW_MINE && q->view != CORE_VIEW_OVERDUE &&
	    q->view != CORE_VIEW_ROLE) {
		if (q->view == CORE_VIEW_STATE &&
		    cfg_state(a.rt, q->state) == NULL &&
		    core_state_named(a.rt, q->state) != NULL) {
			struct core_list byid = *q;

			byid.state = core_state_named(a.rt, q->state)->id;
			return core_count(c, &byid, cap, n, more, err);
		}
		if (q->view == CORE_VIEW_STATE &&
		    cfg_state(a.rt, q->state) == NULL)
			return 0;
		rc = store_read(c->st, count_txn, &x, err);
		*n = x.n;
		return rc;
	}
	lq.type = q->type;
	lq.view = q->view;
	lq.limit = cap + 1;
	if (q->view != CORE_VIEW_OVERDUE && cap <= COUNT_TXN_MAX) {
		/* one short read transaction: the view bar's capped counts */
		struct rcount_args rx = { &a, 0, cap };

		a.q = &lq;
		rc = store_read(c->st, rcount_txn, &rx, err);
		*n = rx.n;
	} else
		rc = core_list(c, &lq, count_visit, n, err);
	if (rc == 0 && *n > cap) {
		*n = cap;
		*more = 1;
	}
	return rc;
}

int
core_count_views(struct core *c, const struct core_list *q, size_t nq,
		 uint64_t cap, uint64_t *n, int *more, int *ok,
		 struct as_err *err)
{
	const struct cfg_rectype *rt = NULL;
	size_t i, im = nq, ir = nq;
	struct as_err e;
	int rc, first = 0;

	for (i = 0; i < nq; i++) {
		n[i] = 0;
		more[i] = ok[i] = 0;
		if (q[i].view == CORE_VIEW_MINE && im == nq)
			im = i;
		else if (q[i].view == CORE_VIEW_ROLE && ir == nq)
			ir = i;
	}
	if (im < nq && ir < nq && cap <= COUNT_TXN_MAX &&
	    strcmp(q[im].type, q[ir].type) == 0)
		rt = cfg_rectype(c->cfg, q[im].type);
	if (rt != NULL && rt->nstates <= RPAIR_MAX) {
		struct core_list qm = {0}, qr = {0};
		struct list_args am = {0}, ar = {0};
		struct rpair_args x;

		qm.type = qr.type = rt->id;
		qm.view = CORE_VIEW_MINE;
		qr.view = CORE_VIEW_ROLE;
		am.c = ar.c = c;
		am.q = &qm;
		ar.q = &qr;
		am.rt = ar.rt = rt;
		memset(&x, 0, sizeof x);
		x.m.a = &am;
		x.r.a = &ar;
		x.m.cap = x.r.cap = cap;
		rc = store_read(c->st, rpair_txn, &x, err);
		if (rc != 0)
			first = rc;
		else {
			n[im] = x.m.n > cap ? cap : x.m.n;
			more[im] = x.m.n > cap;
			n[ir] = x.r.n > cap ? cap : x.r.n;
			more[ir] = x.r.n > cap;
			ok[im] = ok[ir] = 1;
		}
	} else
		im = ir = nq;   /* each on its own below */
	for (i = 0; i < nq; i++) {
		if (i == im || i == ir)
			continue;
		as_err_clear(&e);
		rc = core_count(c, &q[i], cap, &n[i], &more[i], &e);
		if (rc == 0)
			ok[i] = 1;
		else if (first == 0) {
			first = rc;
			*err = e;
		}
	}
	return first;
}
