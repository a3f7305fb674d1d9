/*
 * test_store.c - unit tests of store/: the record and event codecs, records
 * with their indexes, sequences, scans, the history chain and its
 * verification, map growth within one process and across processes, the
 * format check, backups and the open errors.  Each LMDB test gets its own
 * mkdtemp folder, removed afterwards.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "../../store/store.h"

#define KS "\x1f"

struct fx {
	char dir[64];
	struct store *s;
};

static void
test_index(const struct store_rec *r, struct store_keys *out, void *ctx)
{
	const char *c;

	(void)ctx;
	store_keys_addf(out, "state" KS "%s", r->state);
	store_keys_addf(out, "type" KS "%s", r->type);
	if ((c = store_rec_get(r, "customer")) != NULL)
		store_keys_addf(out, "cust" KS "%s", c);
}

/* Same but without the customer key: records now "lack" those entries. */
static void
test_index_nocust(const struct store_rec *r, struct store_keys *out,
		  void *ctx)
{
	(void)ctx;
	store_keys_addf(out, "state" KS "%s", r->state);
	store_keys_addf(out, "type" KS "%s", r->type);
}

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static void
rm_tree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int
open_at(const char *dir, size_t mapsize, int readonly, store_index_fn fn,
	struct store **s, struct as_err *err)
{
	struct store_opts o = {0};

	o.mapsize = mapsize;
	o.create = 1;
	o.readonly = readonly;
	o.index_fn = fn;
	return store_open(dir, &o, s, err);
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	strcpy(f->dir, "/tmp/as-store-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	*state = f;
	return 0;
}

static int
setup_open(void **state)
{
	struct fx *f;
	struct as_err err;

	if (setup(state) != 0)
		return -1;
	f = *state;
	if (open_at(f->dir, 0, 0, test_index, &f->s, &err) != 0) {
		fprintf(stderr, "open: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	store_close(&f->s);
	rm_tree(f->dir);
	free(f);
	return 0;
}

/* Writing records and events. */

struct put {
	struct store_rec **r;
	size_t n;
	struct store_event **e;	/* one per record or NULL */
	int fail;		/* returned after the writes */
	int bulk;
	int raw;		/* no event where e gives none (tampering) */
};

/*
 * The event the engine would write for putting r over old (NULL: a new
 * record): every field that differs, with its old and new value, so that
 * verify's replay of the history gives r.
 */
static struct store_event *
diff_event(const struct store_rec *old, const struct store_rec *r)
{
	struct store_event *e = store_event_new(r->id, "tester",
	    old ? "edit" : "create", old ? old->state : NULL, r->state);
	const char *v;
	size_t i;

	e->rev = r->rev;
	e->when = r->updated;
	if (old == NULL)
		e->type = strdup(r->type);
	for (i = 0; i < r->nfields; i++) {
		v = old ? store_rec_get(old, r->fields[i].key) : NULL;
		if (v == NULL || strcmp(v, r->fields[i].val) != 0)
			store_event_change(e, r->fields[i].key, v,
			    r->fields[i].val);
	}
	for (i = 0; old != NULL && i < old->nfields; i++)
		if (store_rec_get(r, old->fields[i].key) == NULL)
			store_event_change(e, old->fields[i].key,
			    old->fields[i].val, NULL);
	return e;
}

static int
put_fn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct put *p = ctx;
	struct store_rec *old;
	struct store_event *e;
	size_t i;
	int rc;

	for (i = 0; i < p->n; i++) {
		old = NULL;
		e = p->e != NULL ? p->e[i] : NULL;
		if (e == NULL && !p->raw && !p->bulk &&
		    (rc = store_get(t, p->r[i]->id, &old, err)) != 0 &&
		    rc != AS_E_NOTFOUND)
			return rc;
		rc = p->bulk ? store_put_new(t, p->r[i], err) :
		    store_put(t, p->r[i], err);
		if (rc == 0 && e != NULL)
			rc = store_hist_append(t, e, err);
		else if (rc == 0 && !p->raw) {
			e = diff_event(old, p->r[i]);
			rc = store_hist_append(t, e, err);
			store_event_free(&e);
		}
		store_rec_free(&old);
		if (rc != 0)
			return rc;
	}
	return p->fail;
}

static int
put1(struct store *s, struct store_rec *r, struct store_event *e,
     struct as_err *err)
{
	struct put p = { &r, 1, e ? &e : NULL, 0, 0, 0 };

	return store_write(s, put_fn, &p, err);
}

/* Write r as it is, with no event: a change behind the program's back. */
static int
put1_raw(struct store *s, struct store_rec *r, struct as_err *err)
{
	struct put p = { &r, 1, NULL, 0, 0, 1 };

	return store_write(s, put_fn, &p, err);
}

static struct store_rec *
mkrec(const char *id, const char *state, const char *customer)
{
	struct store_rec *r = store_rec_new("complaint", id, state);

	r->rev = 1;
	r->created = 1767225600;
	r->updated = 1767225600;
	if (customer != NULL)
		store_rec_set(r, "customer", customer);
	return r;
}

struct getctx {
	const char *id;
	struct store_rec *r;
	uint64_t n;
	const char *key;
};

static int
get_fn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct getctx *g = ctx;

	return store_get(t, g->id, &g->r, err);
}

static struct store_rec *
get1(struct store *s, const char *id, int *rc)
{
	struct getctx g = { id, NULL, 0, NULL };
	struct as_err err;

	*rc = store_read(s, get_fn, &g, &err);
	return g.r;
}

static int
count_fn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct getctx *g = ctx;

	return store_index_count(t, g->key, &g->n, err);
}

static uint64_t
idx_count(struct store *s, const char *key)
{
	struct getctx g = { NULL, NULL, 0, key };
	struct as_err err;

	assert_int_equal(store_read(s, count_fn, &g, &err), 0);
	return g.n;
}

static int
nrec_fn(struct store_txn *t, void *ctx, struct as_err *err)
{
	return store_count(t, ctx, err);
}

static uint64_t
nrecords(struct store *s)
{
	struct as_err err;
	uint64_t n = 0;

	assert_int_equal(store_read(s, nrec_fn, &n, &err), 0);
	return n;
}

static void
assert_rec_equal(const struct store_rec *a, const struct store_rec *b)
{
	size_t i;

	assert_string_equal(a->type, b->type);
	assert_string_equal(a->id, b->id);
	assert_string_equal(a->state, b->state);
	assert_true(a->rev == b->rev);
	assert_true(a->created == b->created);
	assert_true(a->updated == b->updated);
	assert_int_equal(a->nfields, b->nfields);
	for (i = 0; i < a->nfields; i++) {
		assert_string_equal(a->fields[i].key, b->fields[i].key);
		assert_string_equal(a->fields[i].val, b->fields[i].val);
	}
	assert_int_equal(a->extlen, b->extlen);
	if (a->extlen > 0)
		assert_memory_equal(a->ext, b->ext, a->extlen);
}

/* The codec. */

static struct store_rec *
sample_rec(void)
{
	struct store_rec *r = store_rec_new("complaint", "C2026-000123",
	    "accepted");

	r->rev = 300;
	r->created = -5;
	r->updated = INT64_MAX;
	store_rec_set(r, "customer_name", "张伟");
	store_rec_set(r, "note", "");
	store_rec_set(r, "symptom", "噪音大 🚜 \"quoted\"\n\ttab");
	store_rec_set(r, "", "empty key");
	store_rec_set(r, "phone", "13800138000");
	return r;
}

static void
test_codec_roundtrip(void **state)
{
	struct store_rec *r = sample_rec(), *d, *dd;
	struct as_buf b = {0}, b2 = {0};
	struct as_err err;

	(void)state;
	assert_string_equal(store_rec_get(r, "customer_name"), "张伟");
	assert_string_equal(store_rec_get(r, "note"), "");
	assert_null(store_rec_get(r, "nothing"));
	store_rec_encode(r, &b);
	assert_int_equal(store_rec_decode(b.data, b.len, &d, &err), 0);
	assert_rec_equal(r, d);
	store_rec_encode(d, &b2);
	assert_int_equal(b.len, b2.len);
	assert_memory_equal(b.data, b2.data, b.len);

	dd = store_rec_dup(d);
	assert_rec_equal(d, dd);
	store_rec_set(dd, "note", NULL);
	store_rec_set(dd, "phone", "1");
	assert_int_equal(dd->nfields, d->nfields - 1);
	assert_null(store_rec_get(dd, "note"));
	assert_string_equal(store_rec_get(dd, "phone"), "1");
	assert_string_equal(dd->fields[dd->nfields - 1].key, "phone");
	store_rec_set(dd, "phone", store_rec_get(dd, "phone"));
	assert_string_equal(store_rec_get(dd, "phone"), "1");

	store_rec_free(&r);
	store_rec_free(&d);
	store_rec_free(&dd);
	assert_null(d);
	buf_free(&b);
	buf_free(&b2);
}

static void
test_codec_keeps_unknown(void **state)
{
	static const unsigned char future[] = { 0x21, 0x03, 'n', 'e', 'w',
	    0x00, 0xff };
	struct store_rec *newer = sample_rec(), *old, *back;
	struct as_buf b = {0}, b2 = {0};
	struct as_err err;

	(void)state;
	/* A newer writer: a field this program does not know, a section it
	 * appends after the fields, and its own format byte. */
	store_rec_set(newer, "x_future_field", "kept as it is");
	store_rec_encode(newer, &b);
	buf_add(&b, future, sizeof future);
	b.data[0] = STORE_FORMAT + 1;

	assert_int_equal(store_rec_decode(b.data, b.len, &old, &err), 0);
	assert_int_equal(old->extlen, sizeof future);
	assert_memory_equal(old->ext, future, sizeof future);
	assert_string_equal(store_rec_get(old, "x_future_field"),
	    "kept as it is");

	/* This program changes a field it knows and writes the record. */
	store_rec_set(old, "phone", "010-12345678");
	old->rev++;
	store_rec_encode(old, &b2);
	assert_int_equal(store_rec_decode(b2.data, b2.len, &back, &err), 0);
	assert_string_equal(store_rec_get(back, "x_future_field"),
	    "kept as it is");
	assert_string_equal(store_rec_get(back, "phone"), "010-12345678");
	assert_int_equal(back->extlen, sizeof future);
	assert_memory_equal(back->ext, future, sizeof future);
	assert_memory_equal(b2.data + b2.len - sizeof future, future,
	    sizeof future);

	store_rec_free(&newer);
	store_rec_free(&old);
	store_rec_free(&back);
	buf_free(&b);
	buf_free(&b2);
}

static void
test_codec_min_reader(void **state)
{
	struct store_rec *r = sample_rec(), *d = NULL;
	struct as_buf b = {0};
	struct as_err err;

	(void)state;
	store_rec_encode(r, &b);
	b.data[0] = STORE_FORMAT + 1;
	b.data[1] = STORE_FORMAT + 1;
	assert_int_equal(store_rec_decode(b.data, b.len, &d, &err),
	    AS_E_VERSION);
	assert_null(d);
	assert_non_null(strstr(err.msg, "newer incompatible version"));
	b.data[0] = STORE_FORMAT;
	assert_int_equal(store_rec_decode(b.data, b.len, &d, &err),
	    AS_E_CORRUPT);
	b.data[1] = 0;
	assert_int_equal(store_rec_decode(b.data, b.len, &d, &err),
	    AS_E_CORRUPT);
	store_rec_free(&r);
	buf_free(&b);
}

static void
test_codec_truncated(void **state)
{
	static const unsigned char overlong[] = { 1, 1, 0x80, 0x00 };
	struct store_rec *r = sample_rec(), *d = NULL;
	struct as_buf b = {0};
	struct as_err err;
	size_t cut;

	(void)state;
	store_rec_encode(r, &b);
	for (cut = 0; cut < b.len; cut++) {
		assert_int_equal(store_rec_decode(b.data, cut, &d, &err),
		    AS_E_CORRUPT);
		assert_null(d);
	}
	assert_int_equal(store_rec_decode(overlong, sizeof overlong, &d, &err),
	    AS_E_CORRUPT);
	store_rec_free(&r);
	buf_free(&b);
}

static void
test_keys(void **state)
{
	struct store_keys k = {0};
	char long_key[1200];
	size_t i;

	(void)state;
	/* 3-byte characters: a cut at 511 must fall on a boundary. */
	strcpy(long_key, "x");
	for (i = 0; i < 300; i++)
		strcat(long_key, "张");
	store_keys_add(&k, long_key);
	store_keys_add(&k, "");
	store_keys_addf(&k, "n" KS "%d", 42);
	assert_int_equal(k.n, 2);
	assert_int_equal(strlen(k.v[0]), 511);
	assert_string_equal(k.v[1], "n" KS "42");
	store_keys_free(&k);
	assert_int_equal(k.n, 0);
}

/* Records and indexes. */

static void
test_put_get(void **state)
{
	struct fx *f = *state;
	struct store_rec *r = sample_rec(), *g;
	struct as_err err;
	int rc;

	assert_int_equal(put1(f->s, r, NULL, &err), 0);
	g = get1(f->s, r->id, &rc);
	assert_int_equal(rc, 0);
	assert_rec_equal(r, g);
	store_rec_free(&g);
	g = get1(f->s, "C2026-999999", &rc);
	assert_int_equal(rc, AS_E_NOTFOUND);
	assert_null(g);
	assert_int_equal(nrecords(f->s), 1);
	store_rec_free(&r);
}

static void
test_index_update(void **state)
{
	struct fx *f = *state;
	struct store_rec *r = mkrec("C1", "new", "张三");
	struct as_err err;

	assert_int_equal(put1(f->s, r, NULL, &err), 0);
	assert_int_equal(idx_count(f->s, "state" KS "new"), 1);
	assert_int_equal(idx_count(f->s, "cust" KS "张三"), 1);

	free(r->state);
	r->state = strdup("open");
	store_rec_set(r, "customer", NULL);
	r->rev = 2;
	assert_int_equal(put1(f->s, r, NULL, &err), 0);
	assert_int_equal(idx_count(f->s, "state" KS "new"), 0);
	assert_int_equal(idx_count(f->s, "state" KS "open"), 1);
	assert_int_equal(idx_count(f->s, "cust" KS "张三"), 0);
	assert_int_equal(idx_count(f->s, "type" KS "complaint"), 1);
	assert_int_equal(store_verify(f->s, NULL, NULL, &err), 0);
	store_rec_free(&r);
}

static void
test_abort_leaves_nothing(void **state)
{
	struct fx *f = *state;
	struct store_rec *r = mkrec("C1", "new", "李四");
	struct store_event *e = store_event_new("C1", "tester", "create",
	    NULL, "new");
	struct put p = { &r, 1, &e, AS_E_INVALID, 0, 0 };
	struct as_err err;
	int rc;

	assert_int_equal(store_write(f->s, put_fn, &p, &err), AS_E_INVALID);
	assert_null(get1(f->s, "C1", &rc));
	assert_int_equal(rc, AS_E_NOTFOUND);
	assert_int_equal(idx_count(f->s, "state" KS "new"), 0);
	assert_int_equal(idx_count(f->s, "cust" KS "李四"), 0);
	assert_int_equal(nrecords(f->s), 0);
	assert_int_equal(store_verify(f->s, NULL, NULL, &err), 0);
	store_rec_free(&r);
	store_event_free(&e);
}

struct seqctx {
	uint64_t v[4];
};

static int
seq_fn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct seqctx *q = ctx;
	int rc;

	if ((rc = store_seq_next(t, "complaint/2026", &q->v[0], err)) != 0 ||
	    (rc = store_seq_next(t, "complaint/2026", &q->v[1], err)) != 0 ||
	    (rc = store_seq_next(t, "complaint/2027", &q->v[2], err)) != 0)
		return rc;
	return store_seq_next(t, "complaint/2026", &q->v[3], err);
}

static void
test_sequences(void **state)
{
	struct fx *f = *state;
	struct seqctx q;
	struct as_err err;

	assert_int_equal(store_write(f->s, seq_fn, &q, &err), 0);
	assert_true(q.v[0] == 1 && q.v[1] == 2 && q.v[2] == 1 &&
	    q.v[3] == 3);
	assert_int_equal(store_write(f->s, seq_fn, &q, &err), 0);
	assert_true(q.v[0] == 4 && q.v[1] == 5 && q.v[2] == 2 &&
	    q.v[3] == 6);
	assert_int_equal(store_read(f->s, seq_fn, &q, &err), AS_E_STORE);
}

/* Scans. */

struct scan {
	const char *from;
	int back;
	size_t limit;
	char ids[64][32];
	char keys[64][64];
	size_t n;
	const char *key;
	int prefix;
	const char *after_key, *after;
};

static int
scan_visit(const struct store_rec *r, void *ctx)
{
	struct scan *sc = ctx;

	snprintf(sc->ids[sc->n++], sizeof sc->ids[0], "%s", r->id);
	return sc->n == sc->limit;
}

static int
scan_fn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct scan *sc = ctx;

	sc->n = 0;
	return sc->back ? store_scan_back(t, sc->from, scan_visit, sc, err) :
	    store_scan(t, sc->from, scan_visit, sc, err);
}

static size_t
scan(struct store *s, const char *from, int back, size_t limit,
     struct scan *sc)
{
	struct as_err err;

	memset(sc, 0, sizeof *sc);
	sc->from = from;
	sc->back = back;
	sc->limit = limit;
	assert_int_equal(store_read(s, scan_fn, sc, &err), 0);
	return sc->n;
}

static void
put_numbered(struct store *s, int from, int to, int bulk)
{
	struct store_rec *r[64];
	struct put p = { r, 0, NULL, 0, bulk, 0 };
	struct as_err err;
	char id[16];
	int i;

	for (i = from; i <= to; i++) {
		snprintf(id, sizeof id, "C%04d", i);
		r[p.n++] = mkrec(id, i % 2 ? "odd" : "even", NULL);
	}
	assert_int_equal(store_write(s, put_fn, &p, &err), 0);
	while (p.n > 0)
		store_rec_free(&r[--p.n]);
}

/* Ids sort naturally: the millionth number of a year follows 999999. */
static void
test_id_order(void **state)
{
	struct fx *f = *state;
	struct store_rec *r[3];
	struct put p = { r, 0, NULL, 0, 1, 0 };
	struct as_err err;
	struct scan sc;

	assert_true(store_id_cmp("C2026-999999", "C2026-1000000") < 0);
	assert_true(store_id_cmp("C2026-100001", "C2026-1000000") < 0);
	assert_true(store_id_cmp("C2025-999999", "C2026-000001") < 0);
	assert_true(store_id_cmp("C2026-000001", "C2026-000001") == 0);
	assert_true(store_id_cmp("C2026-01", "C2026-1") != 0);
	assert_true(store_id_cmp("T2026-000001", "C2026-000001") > 0);
	/* the difference past the first eight bytes, inside a digit run */
	assert_true(store_id_cmp("WO2026-0000123", "WO2026-0000124") < 0);
	assert_true(store_id_cmp("WO2026-1000000", "WO2026-999999") > 0);
	/* a digit run that goes on in one id only: that number is larger */
	assert_true(store_id_cmp("A12", "A1B") > 0);
	assert_true(store_id_cmp("A1B", "A12") < 0);
	assert_true(store_id_cmp("A1", "A12") < 0);
	assert_true(store_id_cmp("A1B", "A1C") < 0);
	assert_true(store_id_cmp("AB", "A1") > 0);
	assert_true(store_id_cmp("A", "A1") < 0);
	r[p.n++] = mkrec("C2026-1000000", "new", NULL);
	r[p.n++] = mkrec("C2026-999999", "new", NULL);
	r[p.n++] = mkrec("C2026-100001", "new", NULL);
	/* bulk puts append in id order: the last one is the largest */
	assert_int_equal(store_write(f->s, put_fn, &p, &err), 0);
	assert_int_equal(scan(f->s, NULL, 0, 10, &sc), 3);
	assert_string_equal(sc.ids[0], "C2026-100001");
	assert_string_equal(sc.ids[1], "C2026-999999");
	assert_string_equal(sc.ids[2], "C2026-1000000");
	while (p.n > 0)
		store_rec_free(&r[--p.n]);
}

static void
test_scan_paging(void **state)
{
	struct fx *f = *state;
	struct scan sc;

	put_numbered(f->s, 1, 25, 1);
	assert_int_equal(scan(f->s, NULL, 0, 10, &sc), 10);
	assert_string_equal(sc.ids[0], "C0001");
	assert_string_equal(sc.ids[9], "C0010");
	/* The next page starts after the last id shown. */
	assert_int_equal(scan(f->s, "C0010\x01", 0, 10, &sc), 10);
	assert_string_equal(sc.ids[0], "C0011");
	assert_int_equal(scan(f->s, "C0021", 0, 10, &sc), 5);
	assert_string_equal(sc.ids[4], "C0025");
	assert_int_equal(scan(f->s, "C9999", 0, 10, &sc), 0);

	assert_int_equal(scan(f->s, NULL, 1, 10, &sc), 10);
	assert_string_equal(sc.ids[0], "C0025");
	assert_string_equal(sc.ids[9], "C0016");
	assert_int_equal(scan(f->s, "C0016", 1, 3, &sc), 3);
	assert_string_equal(sc.ids[0], "C0016");
	assert_int_equal(scan(f->s, "C0015x", 1, 0, &sc), 15);
	assert_string_equal(sc.ids[0], "C0015");
	assert_string_equal(sc.ids[14], "C0001");
	assert_int_equal(scan(f->s, "Z", 1, 1, &sc), 1);
	assert_string_equal(sc.ids[0], "C0025");
	assert_int_equal(scan(f->s, "C0000", 1, 0, &sc), 0);
}

static void
test_put_new(void **state)
{
	struct fx *f = *state;
	struct store_rec *r = mkrec("C0010", "odd", NULL);
	struct put p = { &r, 1, NULL, 0, 1, 0 };
	struct as_err err;
	struct scan sc;

	put_numbered(f->s, 20, 30, 1);
	/* Sorts before the last: falls back to a normal insert. */
	put_numbered(f->s, 5, 6, 1);
	assert_int_equal(nrecords(f->s), 13);
	assert_int_equal(store_write(f->s, put_fn, &p, &err), 0);
	assert_int_equal(store_write(f->s, put_fn, &p, &err), AS_E_EXISTS);
	assert_non_null(strstr(err.msg, "C0010"));
	free(r->id);
	r->id = strdup("C0030");
	assert_int_equal(store_write(f->s, put_fn, &p, &err), AS_E_EXISTS);
	assert_int_equal(nrecords(f->s), 14);
	assert_int_equal(idx_count(f->s, "state" KS "even"), 7);
	assert_int_equal(idx_count(f->s, "state" KS "odd"), 7);
	assert_int_equal(scan(f->s, NULL, 0, 0, &sc), 14);
	assert_string_equal(sc.ids[2], "C0010");
	assert_int_equal(store_verify(f->s, NULL, NULL, &err), 0);
	store_rec_free(&r);
}

static int
id_visit(const char *key, const char *id, void *ctx)
{
	struct scan *sc = ctx;

	snprintf(sc->ids[sc->n], sizeof sc->ids[0], "%s", id);
	snprintf(sc->keys[sc->n], sizeof sc->keys[0], "%s", key);
	sc->n++;
	return sc->n == sc->limit;
}

static int
iscan_fn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct scan *sc = ctx;

	sc->n = 0;
	if (sc->back == 2)
		return store_index_scan_prefix_back(t, sc->key, sc->after_key,
		    sc->after, id_visit, sc, err);
	if (sc->back)
		return store_index_scan_back(t, sc->key, sc->after, id_visit,
		    sc, err);
	if (sc->after_key != NULL)
		return store_index_scan_at(t, sc->key, sc->prefix,
		    sc->after_key, sc->after, id_visit, sc, err);
	return store_index_scan(t, sc->key, sc->prefix, sc->after, id_visit,
	    sc, err);
}

static size_t
iscan(struct store *s, const char *key, int prefix, const char *after_key,
      const char *after, int back, size_t limit, struct scan *sc)
{
	struct as_err err;

	memset(sc, 0, sizeof *sc);
	sc->key = key;
	sc->prefix = prefix;
	sc->after_key = after_key;
	sc->after = after;
	sc->back = back;
	sc->limit = limit;
	assert_int_equal(store_read(s, iscan_fn, sc, &err), 0);
	return sc->n;
}

/*
 * A prefix scan finds its first key alone first (issue 13): a prefix
 * that lands past itself, on a key with a tree of ids of its own, finds
 * none, and one whose first key is such a key gives its ids in order.
 */
static void
test_index_scan_big_key(void **state)
{
	struct fx *f = *state;
	struct scan sc;
	int i;

	for (i = 0; i < 10; i++)
		put_numbered(f->s, 1 + 60 * i, 60 * (i + 1), 1);
	assert_int_equal(idx_count(f->s, "state" KS "even"), 300);
	assert_int_equal(iscan(f->s, "state" KS "a", 1, NULL, NULL, 0, 0,
	    &sc), 0);
	assert_int_equal(iscan(f->s, "state" KS "evem", 1, NULL, NULL, 0, 0,
	    &sc), 0);
	assert_int_equal(iscan(f->s, "zz", 1, NULL, NULL, 0, 0, &sc), 0);
	assert_int_equal(iscan(f->s, "state" KS "e", 1, NULL, NULL, 0, 3,
	    &sc), 3);
	assert_string_equal(sc.keys[0], "state" KS "even");
	assert_string_equal(sc.ids[0], "C0002");
	assert_string_equal(sc.ids[2], "C0006");
	assert_int_equal(iscan(f->s, "state" KS "o", 1, NULL, NULL, 0, 2,
	    &sc), 2);
	assert_string_equal(sc.keys[1], "state" KS "odd");
	assert_string_equal(sc.ids[1], "C0003");
	assert_int_equal(iscan(f->s, "state" KS "odd", 0, NULL, NULL, 0, 2,
	    &sc), 2);
	assert_string_equal(sc.ids[0], "C0001");
}

static void
test_index_scan(void **state)
{
	struct fx *f = *state;
	static const char *const cust[][2] = {
		{ "C1", "张三" }, { "C2", "李四" }, { "C3", "张三丰" },
		{ "C4", "张三" }, { "C5", "王五" }, { "C6", "张" },
	};
	struct store_rec *r;
	struct as_err err;
	struct scan sc;
	size_t i;

	for (i = 0; i < sizeof cust / sizeof cust[0]; i++) {
		r = mkrec(cust[i][0], "new", cust[i][1]);
		assert_int_equal(put1(f->s, r, NULL, &err), 0);
		store_rec_free(&r);
	}
	/* Exact key, paging by id. */
	assert_int_equal(iscan(f->s, "cust" KS "张三", 0, NULL, NULL, 0, 0,
	    &sc), 2);
	assert_string_equal(sc.ids[0], "C1");
	assert_string_equal(sc.ids[1], "C4");
	assert_int_equal(iscan(f->s, "cust" KS "张三", 0, NULL, "C1", 0, 0,
	    &sc), 1);
	assert_string_equal(sc.ids[0], "C4");
	assert_int_equal(iscan(f->s, "cust" KS "张三", 0, NULL, "C4", 0, 0,
	    &sc), 0);
	assert_int_equal(iscan(f->s, "cust" KS "张三", 0, NULL, "C2", 0, 0,
	    &sc), 1);
	assert_int_equal(iscan(f->s, "cust" KS "张", 0, NULL, NULL, 0, 0,
	    &sc), 1);
	assert_string_equal(sc.ids[0], "C6");

	/* Prefix: key then id order. */
	assert_int_equal(iscan(f->s, "cust" KS "张", 1, NULL, NULL, 0, 0,
	    &sc), 4);
	assert_string_equal(sc.ids[0], "C6");
	assert_string_equal(sc.ids[1], "C1");
	assert_string_equal(sc.ids[2], "C4");
	assert_string_equal(sc.ids[3], "C3");
	assert_string_equal(sc.keys[3], "cust" KS "张三丰");
	/* Pages of two. */
	assert_int_equal(iscan(f->s, "cust" KS "张", 1, NULL, NULL, 0, 2,
	    &sc), 2);
	assert_int_equal(iscan(f->s, "cust" KS "张", 1, "cust" KS "张三",
	    "C1", 0, 2, &sc), 2);
	assert_string_equal(sc.ids[0], "C4");
	assert_string_equal(sc.ids[1], "C3");
	assert_int_equal(iscan(f->s, "cust" KS "张", 1, "cust" KS "张三丰",
	    "C3", 0, 2, &sc), 0);
	/* A resume point whose entry has gone meanwhile still works. */
	assert_int_equal(iscan(f->s, "cust" KS "张", 1, "cust" KS "张三",
	    "C2", 0, 0, &sc), 2);
	assert_string_equal(sc.ids[0], "C4");
	assert_int_equal(iscan(f->s, "cust" KS "张", 1, "cust" KS "张三x",
	    "C1", 0, 0, &sc), 1);
	assert_string_equal(sc.ids[0], "C3");
	assert_int_equal(iscan(f->s, "cust" KS "张", 1, "cust" KS "Z", "C1",
	    0, 0, &sc), 4);
	assert_int_equal(iscan(f->s, "cust" KS "李", 1, NULL, NULL, 0, 0,
	    &sc), 1);
	assert_int_equal(iscan(f->s, "cust" KS "赵", 1, NULL, NULL, 0, 0,
	    &sc), 0);

	/* Backwards, newest first. */
	assert_int_equal(iscan(f->s, "state" KS "new", 0, NULL, NULL, 1, 0,
	    &sc), 6);
	assert_string_equal(sc.ids[0], "C6");
	assert_string_equal(sc.ids[5], "C1");
	assert_int_equal(iscan(f->s, "state" KS "new", 0, NULL, "C4", 1, 0,
	    &sc), 3);
	assert_string_equal(sc.ids[0], "C3");
	assert_int_equal(iscan(f->s, "state" KS "new", 0, NULL, "C3x", 1, 0,
	    &sc), 3);
	assert_int_equal(iscan(f->s, "state" KS "new", 0, NULL, "C9", 1, 0,
	    &sc), 6);
	assert_int_equal(iscan(f->s, "state" KS "new", 0, NULL, "C1", 1, 0,
	    &sc), 0);
	assert_int_equal(iscan(f->s, "state" KS "gone", 0, NULL, NULL, 1, 0,
	    &sc), 0);
	assert_int_equal(idx_count(f->s, "state" KS "new"), 6);
	assert_int_equal(idx_count(f->s, "cust" KS "张三"), 2);
	assert_int_equal(idx_count(f->s, "cust" KS "nobody"), 0);
}

/*
 * store_index_scan_recs reads each id's record through one cursor, one
 * scratch record for them all: every record of a run comes whole and in
 * id order, whether the next one is the cursor's next record, a few after
 * it (gaps of 1) or further (gaps of 7), and a record with fewer fields
 * than the one before it shows only its own, each string ended where it
 * ends, before an extension of a newer program too.
 */
static const unsigned char recs_ext[] = { 0x01, 0x00, 'f', 'u', 't' };

struct recs_seen {
	char ids[64][16];
	size_t n, stop;
};

static int
recs_seen_visit(const struct store_rec *r, void *ctx)
{
	struct recs_seen *x = ctx;
	int i = atoi(r->id + 1);
	const char *c = store_rec_get(r, "customer");
	char v[16];

	assert_true(x->n < 64);
	snprintf(x->ids[x->n++], sizeof x->ids[0], "%s", r->id);
	assert_string_equal(r->type, "complaint");
	assert_string_equal(r->state, i % 2 ? "odd" : "even");
	assert_int_equal(r->rev, (uint64_t)i);
	assert_int_equal(r->nfields, (size_t)(i % 3 == 0 ? 3 : 1) +
	    (i % 7 == 0));
	if (i % 7 == 0)
		assert_string_equal(c, "seven");
	else
		assert_null(c);
	snprintf(v, sizeof v, "n%d", i);
	assert_string_equal(store_rec_get(r, "n"), v);
	/* a newer program's extension after the fields */
	if (i % 5 == 0) {
		assert_int_equal(r->extlen, sizeof recs_ext);
		assert_memory_equal(r->ext, recs_ext, sizeof recs_ext);
	} else
		assert_int_equal(r->extlen, 0);
	if (i % 3 == 0)
		assert_string_equal(store_rec_get(r, "three"), "a longer "
		    "value, so that the arena of a record before is reused");
	else
		assert_null(store_rec_get(r, "three"));
	return x->stop != 0 && x->n >= x->stop ? 1 : 0;
}

struct recs_scan {
	const char *key;
	struct recs_seen *seen;
	int some;       /* store_index_scan_recs_some: customer and three */
};

/* A record read with only its customer and three fields. */
static int
recs_some_visit(const struct store_rec *r, void *ctx)
{
	struct recs_seen *x = ctx;
	int i = atoi(r->id + 1);

	assert_true(x->n < 64);
	snprintf(x->ids[x->n++], sizeof x->ids[0], "%s", r->id);
	assert_string_equal(r->type, "complaint");
	assert_string_equal(r->state, i % 2 ? "odd" : "even");
	assert_int_equal(r->rev, (uint64_t)i);
	assert_int_equal(r->nfields, (size_t)(i % 3 == 0) + (i % 7 == 0));
	assert_null(store_rec_get(r, "n"));
	assert_null(store_rec_get(r, "x"));
	if (i % 7 == 0)
		assert_string_equal(store_rec_get(r, "customer"), "seven");
	if (i % 3 == 0)
		assert_string_equal(store_rec_get(r, "three"), "a longer "
		    "value, so that the arena of a record before is reused");
	if (i % 5 == 0)
		assert_memory_equal(r->ext, recs_ext, sizeof recs_ext);
	return 0;
}

static int
recs_scan_fn(struct store_txn *t, void *ctx, struct as_err *err)
{
	static const char *const want[] = { "three", "customer", "nx" };
	struct recs_scan *x = ctx;

	if (x->some)
		return store_index_scan_recs_some(t, x->key, want, 3,
		    recs_some_visit, x->seen, err);
	return store_index_scan_recs(t, x->key, recs_seen_visit, x->seen,
				     err);
}

static void
test_index_scan_recs(void **state)
{
	struct fx *f = *state;
	struct store_rec *r[60];
	struct put p = { r, 0, NULL, 0, 1, 0 };
	struct recs_seen seen;
	struct recs_scan x = { NULL, &seen, 0 };
	struct as_err err;
	char id[16], v[16];
	int i;

	for (i = 1; i <= 60; i++) {
		snprintf(id, sizeof id, "C%04d", i);
		r[p.n] = mkrec(id, i % 2 ? "odd" : "even",
		    i % 7 == 0 ? "seven" : NULL);
		r[p.n]->rev = (uint64_t)i;
		snprintf(v, sizeof v, "n%d", i);
		store_rec_set(r[p.n], "n", v);
		if (i % 3 == 0) {
			store_rec_set(r[p.n], "three", "a longer value, so "
			    "that the arena of a record before is reused");
			store_rec_set(r[p.n], "x", "");
		}
		if (i % 5 == 0) {
			r[p.n]->ext = malloc(sizeof recs_ext);
			memcpy(r[p.n]->ext, recs_ext, sizeof recs_ext);
			r[p.n]->extlen = sizeof recs_ext;
		}
		p.n++;
	}
	assert_int_equal(store_write(f->s, put_fn, &p, &err), 0);
	while (p.n > 0)
		store_rec_free(&r[--p.n]);

	memset(&seen, 0, sizeof seen);
	x.key = "state" KS "odd";
	assert_int_equal(store_read(f->s, recs_scan_fn, &x, &err), 0);
	assert_int_equal(seen.n, 30);
	for (i = 0; i < 30; i++) {
		snprintf(id, sizeof id, "C%04d", 2 * i + 1);
		assert_string_equal(seen.ids[i], id);
	}
	memset(&seen, 0, sizeof seen);
	x.key = "cust" KS "seven";
	assert_int_equal(store_read(f->s, recs_scan_fn, &x, &err), 0);
	assert_int_equal(seen.n, 8);
	for (i = 0; i < 8; i++) {
		snprintf(id, sizeof id, "C%04d", 7 * (i + 1));
		assert_string_equal(seen.ids[i], id);
	}
	/* the visitor stops the scan */
	memset(&seen, 0, sizeof seen);
	seen.stop = 3;
	x.key = "state" KS "even";
	assert_int_equal(store_read(f->s, recs_scan_fn, &x, &err), 0);
	assert_int_equal(seen.n, 3);
	assert_string_equal(seen.ids[2], "C0006");
	/* only some fields: the others read as unset, the rest is whole */
	memset(&seen, 0, sizeof seen);
	x.key = "state" KS "odd";
	x.some = 1;
	assert_int_equal(store_read(f->s, recs_scan_fn, &x, &err), 0);
	assert_int_equal(seen.n, 30);
	assert_string_equal(seen.ids[29], "C0059");
	x.some = 0;
	memset(&seen, 0, sizeof seen);
	x.key = "state" KS "none";
	assert_int_equal(store_read(f->s, recs_scan_fn, &x, &err), 0);
	assert_int_equal(seen.n, 0);
}

/* Reverse prefix scans: (key, id) order backwards, paged by entry. */
static void
test_index_scan_prefix_back(void **state)
{
	struct fx *f = *state;
	static const char *const cust[][2] = {
		{ "C1", "张三" }, { "C2", "李四" }, { "C3", "张三丰" },
		{ "C4", "张三" }, { "C5", "王五" }, { "C6", "张" },
		{ "C10", "张三" },
	};
	struct store_rec *r;
	struct as_err err;
	struct scan sc;
	size_t i;

	for (i = 0; i < sizeof cust / sizeof cust[0]; i++) {
		r = mkrec(cust[i][0], "new", cust[i][1]);
		assert_int_equal(put1(f->s, r, NULL, &err), 0);
		store_rec_free(&r);
	}
	/* the whole prefix, last key and last id first */
	assert_int_equal(iscan(f->s, "cust" KS "张", 0, NULL, NULL, 2, 0,
	    &sc), 5);
	assert_string_equal(sc.ids[0], "C3");
	assert_string_equal(sc.ids[1], "C10");
	assert_string_equal(sc.ids[2], "C4");
	assert_string_equal(sc.ids[3], "C1");
	assert_string_equal(sc.ids[4], "C6");
	assert_string_equal(sc.keys[4], "cust" KS "张");
	/* pages of two, each resumed before the last entry seen */
	assert_int_equal(iscan(f->s, "cust" KS "张", 0, "cust" KS "张三",
	    "C10", 2, 2, &sc), 2);
	assert_string_equal(sc.ids[0], "C4");
	assert_string_equal(sc.ids[1], "C1");
	assert_int_equal(iscan(f->s, "cust" KS "张", 0, "cust" KS "张三",
	    "C1", 2, 2, &sc), 1);
	assert_string_equal(sc.ids[0], "C6");
	assert_int_equal(iscan(f->s, "cust" KS "张", 0, "cust" KS "张",
	    "C6", 2, 2, &sc), 0);
	/* a resume point that has gone: an id, then a key */
	assert_int_equal(iscan(f->s, "cust" KS "张", 0, "cust" KS "张三",
	    "C5", 2, 0, &sc), 3);
	assert_string_equal(sc.ids[0], "C4");
	assert_int_equal(iscan(f->s, "cust" KS "张", 0, "cust" KS "张三x",
	    "C1", 2, 0, &sc), 4);
	assert_string_equal(sc.ids[0], "C10");
	assert_int_equal(iscan(f->s, "cust" KS "张", 0, "cust" KS "张三",
	    "C99", 2, 0, &sc), 4);
	assert_string_equal(sc.ids[0], "C10");
	/* a resume key before or past the prefix */
	assert_int_equal(iscan(f->s, "cust" KS "张", 0, "cust" KS "A", "C1",
	    2, 0, &sc), 0);
	assert_int_equal(iscan(f->s, "cust" KS "张", 0, "state" KS "x", "C1",
	    2, 0, &sc), 5);
	/* the last key space of the database, and an empty one */
	assert_int_equal(iscan(f->s, "type" KS, 0, NULL, NULL, 2, 0, &sc), 7);
	assert_string_equal(sc.ids[0], "C10");
	assert_string_equal(sc.ids[6], "C1");
	assert_int_equal(iscan(f->s, "cust" KS "赵", 0, NULL, NULL, 2, 0,
	    &sc), 0);
	assert_int_equal(iscan(f->s, "a", 0, NULL, NULL, 2, 0, &sc), 0);
}

/* Reindex rebuilds missing entries and drops stale ones. */
static void
test_reindex(void **state)
{
	struct fx *f = *state;
	struct store_rec *r;
	struct as_err err;
	uint64_t n = 0;

	r = mkrec("C1", "new", "张三");
	assert_int_equal(put1(f->s, r, NULL, &err), 0);
	store_rec_free(&r);
	r = mkrec("C2", "new", NULL);
	assert_int_equal(put1(f->s, r, NULL, &err), 0);
	store_rec_free(&r);
	assert_int_equal(store_debug_del_index(f->s, "cust" KS "张三", "C1",
	    &err), 0);
	assert_int_equal(store_verify(f->s, NULL, NULL, &err), AS_E_CORRUPT);
	assert_int_equal(store_reindex(f->s, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_verify(f->s, NULL, NULL, &err), 0);
	assert_int_equal(idx_count(f->s, "cust" KS "张三"), 1);
	assert_int_equal(idx_count(f->s, "state" KS "new"), 2);
}

/* History. */

struct evs {
	struct store_event *e[16];
	size_t n;
};

static int
ev_visit(const struct store_event *e, void *ctx)
{
	struct evs *v = ctx;
	struct store_event *c = store_event_new(e->rec_id, e->who, e->action,
	    e->from, e->to);
	size_t i;

	c->seq = e->seq;
	c->when = e->when;
	c->rev = e->rev;
	c->type = e->type != NULL ? strdup(e->type) : NULL;
	for (i = 0; i < e->nchanges; i++)
		store_event_change(c, e->changes[i].field, e->changes[i].old,
		    e->changes[i].new);
	memcpy(c->prev_rec, e->prev_rec, STORE_HASH_LEN);
	memcpy(c->prev_log, e->prev_log, STORE_HASH_LEN);
	memcpy(c->hash, e->hash, STORE_HASH_LEN);
	v->e[v->n++] = c;
	return 0;
}

struct histctx {
	const char *id;
	struct evs *v;
};

static int
hist_fn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct histctx *h = ctx;

	return store_hist_for(t, h->id, ev_visit, h->v, err);
}

static void
evs_free(struct evs *v)
{
	while (v->n > 0)
		store_event_free(&v->e[--v->n]);
}

/*
 * A record written at revision rev with its event, the two agreeing as
 * the engine makes them (verify rebuilds the record from its history):
 * the create event sets customer and 备注, each later one moves step
 * from the previous revision to rev and keeps 备注.
 */
static void
act(struct store *s, const char *id, uint64_t rev, const char *from,
    const char *to, struct store_event **copy)
{
	struct store_rec *r = mkrec(id, to, "客户");
	struct store_event *e = store_event_new(id, "zhangwei",
	    from ? "accept" : "create", from, to);
	struct as_err err;
	char prev[16], now[16];

	r->rev = rev;
	e->rev = rev;
	e->when = 1767225600 + (int64_t)rev;
	r->created = 1767225601;
	r->updated = e->when;
	store_rec_set(r, "备注", "第一次");
	if (from == NULL) {
		e->type = strdup("complaint");
		store_event_change(e, "customer", NULL, "客户");
		store_event_change(e, "备注", NULL, "第一次");
	} else {
		snprintf(prev, sizeof prev, "%llu", (unsigned long long)rev - 1);
		snprintf(now, sizeof now, "%llu", (unsigned long long)rev);
		store_rec_set(r, "step", now);
		store_event_change(e, "step", rev > 2 ? prev : NULL, now);
		store_event_change(e, "备注", "第一次", "第一次");
	}
	assert_int_equal(put1(s, r, e, &err), 0);
	store_rec_free(&r);
	if (copy != NULL)
		*copy = e;
	else
		store_event_free(&e);
}

static void
test_history_chain(void **state)
{
	struct fx *f = *state;
	static const unsigned char zero[STORE_HASH_LEN];
	struct store_event *a1, *b1, *a2, *a3;
	struct evs v = {0};
	struct histctx h = { "A", &v };
	struct as_err err;

	act(f->s, "A", 1, NULL, "new", &a1);
	act(f->s, "B", 1, NULL, "new", &b1);
	act(f->s, "A", 2, "new", "open", &a2);
	act(f->s, "A", 3, "open", "closed", &a3);
	assert_true(a1->seq == 1 && b1->seq == 2 && a2->seq == 3 &&
	    a3->seq == 4);
	assert_memory_equal(a1->prev_rec, zero, STORE_HASH_LEN);
	assert_memory_equal(a1->prev_log, zero, STORE_HASH_LEN);
	assert_memory_equal(b1->prev_rec, zero, STORE_HASH_LEN);
	assert_memory_equal(b1->prev_log, a1->hash, STORE_HASH_LEN);
	assert_memory_equal(a2->prev_rec, a1->hash, STORE_HASH_LEN);
	assert_memory_equal(a2->prev_log, b1->hash, STORE_HASH_LEN);
	assert_memory_equal(a3->prev_rec, a2->hash, STORE_HASH_LEN);

	assert_int_equal(store_read(f->s, hist_fn, &h, &err), 0);
	assert_int_equal(v.n, 3);
	assert_true(v.e[0]->seq == 1 && v.e[1]->seq == 3 && v.e[2]->seq == 4);
	assert_true(v.e[2]->rev == 3 && v.e[2]->when == 1767225603);
	assert_null(v.e[0]->from);
	assert_string_equal(v.e[1]->from, "new");
	assert_string_equal(v.e[2]->to, "closed");
	assert_string_equal(v.e[2]->who, "zhangwei");
	assert_string_equal(v.e[2]->action, "accept");
	assert_int_equal(v.e[2]->nchanges, 2);
	assert_null(v.e[0]->changes[0].old);
	assert_string_equal(v.e[2]->changes[1].field, "备注");
	assert_string_equal(v.e[2]->changes[1].new, "第一次");
	assert_memory_equal(v.e[2]->hash, a3->hash, STORE_HASH_LEN);
	evs_free(&v);
	h.id = "nobody";
	assert_int_equal(store_read(f->s, hist_fn, &h, &err), 0);
	assert_int_equal(v.n, 0);

	store_event_free(&a1);
	store_event_free(&b1);
	store_event_free(&a2);
	store_event_free(&a3);
}

/*
 * A step on a stored record looks its previous event up at once, with no
 * append to rhist tried first (issue 13): the same chains and lists
 * whether its id is the greatest or not, and whether it had events or
 * not (a record written behind the program's back has none).
 */
static void
test_history_stored_record(void **state)
{
	struct fx *f = *state;
	static const unsigned char zero[STORE_HASH_LEN];
	struct store_event *a1, *b1, *a2, *b2, *c2;
	struct store_rec *r = mkrec("C", "new", "客户");
	struct evs v = {0};
	struct histctx h = { "B", &v };
	struct as_err err;

	act(f->s, "A", 1, NULL, "new", &a1);
	act(f->s, "B", 1, NULL, "new", &b1);
	act(f->s, "A", 2, "new", "open", &a2);	/* not the greatest id */
	act(f->s, "B", 2, "new", "open", &b2);	/* the greatest */
	assert_memory_equal(a2->prev_rec, a1->hash, STORE_HASH_LEN);
	assert_memory_equal(b2->prev_rec, b1->hash, STORE_HASH_LEN);
	assert_memory_equal(b2->prev_log, a2->hash, STORE_HASH_LEN);
	assert_int_equal(store_read(f->s, hist_fn, &h, &err), 0);
	assert_int_equal(v.n, 2);
	assert_true(v.e[0]->seq == b1->seq && v.e[1]->seq == b2->seq);
	evs_free(&v);

	assert_int_equal(put1_raw(f->s, r, &err), 0);	/* no events */
	act(f->s, "C", 2, "new", "open", &c2);
	assert_memory_equal(c2->prev_rec, zero, STORE_HASH_LEN);
	assert_memory_equal(c2->prev_log, b2->hash, STORE_HASH_LEN);
	h.id = "C";
	assert_int_equal(store_read(f->s, hist_fn, &h, &err), 0);
	assert_int_equal(v.n, 1);
	assert_true(v.e[0]->seq == c2->seq && v.e[0]->seq == 5);
	assert_memory_equal(v.e[0]->hash, c2->hash, STORE_HASH_LEN);
	evs_free(&v);
	h.id = "A";
	assert_int_equal(store_read(f->s, hist_fn, &h, &err), 0);
	assert_int_equal(v.n, 2);
	assert_true(v.e[0]->seq == a1->seq && v.e[1]->seq == a2->seq);
	evs_free(&v);

	store_rec_free(&r);
	store_event_free(&a1);
	store_event_free(&b1);
	store_event_free(&a2);
	store_event_free(&b2);
	store_event_free(&c2);
}

/* Verification. */

struct problems {
	size_t n;
	char first[1024];
	char all[8192];
};

static void
problem(const char *msg, void *ctx)
{
	struct problems *p = ctx;

	if (p->n++ == 0)
		snprintf(p->first, sizeof p->first, "%s", msg);
	if (strlen(p->all) + strlen(msg) + 2 < sizeof p->all) {
		strcat(p->all, msg);
		strcat(p->all, "\n");
	}
}

static int
verify(struct store *s, struct problems *p)
{
	struct as_err err;

	memset(p, 0, sizeof *p);
	return store_verify(s, problem, p, &err);
}

static void
history_db(struct store *s)
{
	act(s, "C2026-000001", 1, NULL, "new", NULL);
	act(s, "C2026-000002", 1, NULL, "new", NULL);
	act(s, "C2026-000001", 2, "new", "open", NULL);
	act(s, "C2026-000002", 2, "new", "open", NULL);
	act(s, "C2026-000001", 3, "open", "closed", NULL);
}

static void
test_verify_clean(void **state)
{
	struct fx *f = *state;
	struct problems p;

	assert_int_equal(verify(f->s, &p), 0);
	history_db(f->s);
	assert_int_equal(verify(f->s, &p), 0);
	assert_int_equal(p.n, 0);
}

static void
test_verify_tampered_event(void **state)
{
	struct fx *f = *state;
	struct as_buf orig = {0};
	struct problems p;
	struct as_err err;
	char *bad;
	size_t i;

	history_db(f->s);
	assert_int_equal(store_debug_peek_event(f->s, 3, &orig, &err), 0);
	assert_true(orig.len > STORE_HASH_LEN * 3);
	bad = malloc(orig.len);
	/* Any flipped byte of the event, content or hash, is found. */
	for (i = 0; i < orig.len; i++) {
		memcpy(bad, orig.data, orig.len);
		bad[i] ^= 0x01;
		assert_int_equal(store_debug_poke_event(f->s, 3, bad, orig.len,
		    &err), 0);
		assert_int_equal(verify(f->s, &p), AS_E_CORRUPT);
		assert_true(p.n >= 1);
	}
	memcpy(bad, orig.data, orig.len);
	bad[orig.len / 2] ^= 0x20;
	assert_int_equal(store_debug_poke_event(f->s, 3, bad, orig.len, &err),
	    0);
	assert_int_equal(verify(f->s, &p), AS_E_CORRUPT);
	assert_non_null(strstr(p.all, "history event 3 "));
	assert_non_null(strstr(p.all, "altered"));
	assert_int_equal(store_verify(f->s, NULL, NULL, &err), AS_E_CORRUPT);
	assert_non_null(strstr(err.msg, "failed verification"));

	/* Restored, all is well again. */
	assert_int_equal(store_debug_poke_event(f->s, 3, orig.data, orig.len,
	    &err), 0);
	assert_int_equal(verify(f->s, &p), 0);
	assert_int_equal(store_debug_poke_event(f->s, 99, orig.data, orig.len,
	    &err), AS_E_NOTFOUND);
	free(bad);
	buf_free(&orig);
}

/*
 * Someone who edits an event and recomputes its own hash still breaks the
 * links of the events after it.
 */
static void
test_verify_rehashed_event(void **state)
{
	struct fx *f = *state;
	struct as_buf orig = {0};
	struct problems p;
	struct as_err err;
	struct sha256_ctx sha;
	char *pos;

	history_db(f->s);
	assert_int_equal(store_debug_peek_event(f->s, 3, &orig, &err), 0);
	pos = memmem(orig.data, orig.len, "zhangwei", 8);
	assert_non_null(pos);
	pos[0] = 'Z';
	sha256_init(&sha);
	sha256_update(&sha, orig.len - STORE_HASH_LEN,
	    (unsigned char *)orig.data);
	sha256_digest(&sha, STORE_HASH_LEN, (unsigned char *)orig.data +
	    orig.len - STORE_HASH_LEN);
	assert_int_equal(store_debug_poke_event(f->s, 3, orig.data, orig.len,
	    &err), 0);
	assert_int_equal(verify(f->s, &p), AS_E_CORRUPT);
	assert_null(strstr(p.all, "hash mismatch"));
	assert_non_null(strstr(p.all, "history event 4 (record C2026-000002): "
	    "its link to the previous event of the log does not match"));
	assert_non_null(strstr(p.all, "history event 5 (record C2026-000001): "
	    "its link to the record's previous event does not match"));
	buf_free(&orig);
}

static void
test_verify_deleted_event(void **state)
{
	struct fx *f = *state;
	struct problems p;
	struct as_err err;

	history_db(f->s);
	assert_int_equal(store_debug_poke_event(f->s, 3, NULL, 0, &err), 0);
	assert_int_equal(verify(f->s, &p), AS_E_CORRUPT);
	assert_non_null(strstr(p.all, "history event 3 is missing — it was "
	    "deleted\n"));
	assert_non_null(strstr(p.all, "history event 4 (record C2026-000002): "
	    "its link to the previous event of the log does not match"));
	assert_non_null(strstr(p.all, "the history of record C2026-000001 "
	    "lists event 3, which is not in the log"));

	/* The last event of the log and of its record. */
	assert_int_equal(store_debug_poke_event(f->s, 5, NULL, 0, &err), 0);
	assert_int_equal(verify(f->s, &p), AS_E_CORRUPT);
	assert_non_null(strstr(p.all, "lists event 5, which is not in the "
	    "log"));
	assert_non_null(strstr(p.all, "record C2026-000001 is at revision 3 "
	    "but its last history event 1 says revision 1"));
	assert_int_equal(store_debug_poke_event(f->s, 5, NULL, 0, &err),
	    AS_E_NOTFOUND);
}

static void
test_verify_index(void **state)
{
	struct fx *f = *state;
	struct store *s2;
	struct problems p;
	struct as_err err;

	history_db(f->s);
	assert_int_equal(store_debug_del_index(f->s, "state" KS "open",
	    "C2026-000002", &err), 0);
	assert_int_equal(verify(f->s, &p), AS_E_CORRUPT);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.first, "index entry \"state\\x1fopen\" -> "
	    "C2026-000002 is missing — searches and lists would not show "
	    "the record");
	assert_int_equal(store_debug_del_index(f->s, "state" KS "open",
	    "C2026-000002", &err), AS_E_NOTFOUND);

	/* Read with an index function that makes fewer keys: extras. */
	store_close(&f->s);
	assert_int_equal(open_at(f->dir, 0, 1, test_index_nocust, &s2, &err),
	    0);
	assert_int_equal(verify(s2, &p), AS_E_CORRUPT);
	assert_int_equal(p.n, 3);
	assert_non_null(strstr(p.all, "index entry \"cust\\x1f客户\" -> "
	    "C2026-000001 is not produced by the record"));
	store_close(&s2);
}

static void
test_verify_revision(void **state)
{
	struct fx *f = *state;
	struct store_rec *r;
	struct problems p;
	struct as_err err;
	int rc;

	history_db(f->s);
	r = get1(f->s, "C2026-000002", &rc);
	assert_int_equal(rc, 0);
	r->rev = 7;
	assert_int_equal(put1_raw(f->s, r, &err), 0);
	assert_int_equal(verify(f->s, &p), AS_E_CORRUPT);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.first, "record C2026-000002, revision: its "
	    "history gives \"2\", the record holds \"7\" — the record was "
	    "changed outside the program");
	store_rec_free(&r);
}

/*
 * Issue 7: a record changed behind the program's back, at the same
 * revision and with its indexes rebuilt, contradicts its own history:
 * verify replays the history and names every field that differs.
 */
static void
test_verify_replay(void **state)
{
	struct fx *f = *state;
	struct store_rec *r;
	struct store_event *e;
	struct problems p;
	struct as_err err;
	uint64_t n;
	int rc;

	history_db(f->s);
	r = get1(f->s, "C2026-000001", &rc);
	assert_int_equal(rc, 0);
	free(r->state);
	r->state = strdup("new");
	free(r->type);
	r->type = strdup("call");
	store_rec_set(r, "customer", "李四");
	store_rec_set(r, "备注", NULL);
	store_rec_set(r, "owner", "x\x1b[2J");
	r->updated += 100;
	assert_int_equal(put1_raw(f->s, r, &err), 0);
	store_rec_free(&r);
	assert_int_equal(store_reindex(f->s, &n, &err), 0);
	assert_int_equal(verify(f->s, &p), AS_E_CORRUPT);
	assert_int_equal(p.n, 6);
	assert_non_null(strstr(p.all, "record C2026-000001, type: its history "
	    "gives \"complaint\", the record holds \"call\" — the record was "
	    "changed outside the program\n"));
	assert_non_null(strstr(p.all, "record C2026-000001, state: its history "
	    "gives \"closed\", the record holds \"new\""));
	assert_non_null(strstr(p.all, "record C2026-000001, updated: its "
	    "history gives \"1767225603\", the record holds \"1767225703\""));
	assert_non_null(strstr(p.all, "record C2026-000001, customer: its "
	    "history gives \"客户\", the record holds \"李四\""));
	assert_non_null(strstr(p.all, "record C2026-000001, 备注: its history "
	    "gives \"第一次\", the record holds (unset)"));
	assert_non_null(strstr(p.all, "record C2026-000001, owner: its history "
	    "gives (unset), the record holds \"x\\x1b[2J\""));

	/*
	 * Changed behind its back, then changed again by the program: the
	 * record now agrees with the last event, but that event's old value
	 * is not what the history before it gives.
	 */
	r = get1(f->s, "C2026-000002", &rc);
	assert_int_equal(rc, 0);
	store_rec_set(r, "customer", "王五");
	assert_int_equal(put1_raw(f->s, r, &err), 0);
	store_rec_set(r, "customer", "赵六");
	r->rev = 3;
	r->updated = 1767225700;
	e = store_event_new(r->id, "tester", "edit", r->state, r->state);
	e->rev = 3;
	e->when = r->updated;
	store_event_change(e, "customer", "王五", "赵六");
	assert_int_equal(put1(f->s, r, e, &err), 0);
	store_event_free(&e);
	store_rec_free(&r);
	assert_int_equal(verify(f->s, &p), AS_E_CORRUPT);
	assert_int_equal(p.n, 7);
	assert_non_null(strstr(p.all, "history event 6 (record C2026-000002) "
	    "changes customer from \"王五\", but the events before it give "
	    "\"客户\" — the record was changed outside the program in "
	    "between"));

	/* A record with no history at all. */
	r = mkrec("C2026-000003", "new", "钱七");
	assert_int_equal(put1_raw(f->s, r, &err), 0);
	store_rec_free(&r);
	assert_int_equal(verify(f->s, &p), AS_E_CORRUPT);
	assert_int_equal(p.n, 8);
	assert_non_null(strstr(p.all, "record C2026-000003 has no history — "
	    "it was added outside the program"));
}

/*
 * Events keep the record type in a section after the two links, which
 * older programs skip; an unknown section is skipped too, a section
 * longer than the event is damage.
 */
static void
test_event_type_section(void **state)
{
	struct fx *f = *state;
	struct evs v = {0};
	struct histctx h = { "C2026-000001", &v };
	struct as_buf raw = {0}, mod = {0};
	struct sha256_ctx sha;
	struct problems p;
	struct as_err err;
	size_t body;

	history_db(f->s);
	assert_int_equal(store_read(f->s, hist_fn, &h, &err), 0);
	assert_int_equal(v.n, 3);
	assert_string_equal(v.e[0]->type, "complaint");
	assert_null(v.e[1]->type);
	evs_free(&v);

	/* event 5 (the last) with an unknown section 7 added, rehashed */
	assert_int_equal(store_debug_peek_event(f->s, 5, &raw, &err), 0);
	body = raw.len - STORE_HASH_LEN;
	buf_add(&mod, raw.data, body);
	buf_add(&mod, "\x07\x02zz", 4);
	buf_add(&mod, raw.data, STORE_HASH_LEN);   /* room for the hash */
	sha256_init(&sha);
	sha256_update(&sha, body + 4, (unsigned char *)mod.data);
	sha256_digest(&sha, STORE_HASH_LEN, (unsigned char *)mod.data +
	    body + 4);
	assert_int_equal(store_debug_poke_event(f->s, 5, mod.data, mod.len,
	    &err), 0);
	assert_int_equal(store_read(f->s, hist_fn, &h, &err), 0);
	assert_int_equal(v.n, 3);
	assert_string_equal(v.e[2]->to, "closed");
	evs_free(&v);
	assert_int_equal(verify(f->s, &p), 0);

	/* a section longer than the rest of the event */
	mod.data[body + 1] = 0x09;
	sha256_init(&sha);
	sha256_update(&sha, body + 4, (unsigned char *)mod.data);
	sha256_digest(&sha, STORE_HASH_LEN, (unsigned char *)mod.data +
	    body + 4);
	assert_int_equal(store_debug_poke_event(f->s, 5, mod.data, mod.len,
	    &err), 0);
	assert_int_not_equal(store_read(f->s, hist_fn, &h, &err), 0);
	assert_non_null(strstr(err.msg, "damaged"));
	evs_free(&v);
	buf_free(&raw);
	buf_free(&mod);
}

/* Map growth in one process and across processes. */

/* nrec records of 2 kB, per_txn in each transaction; 0 or -1 (no cmocka
 * calls: a forked child uses it too). */
static int
write_mb(struct store *s, const char *prefix, int nrec, int per_txn)
{
	struct store_rec *r[64];
	struct put p = { r, 0, NULL, 0, 1, 0 };
	struct as_err err;
	char id[32], *big;
	int i, j, rc = 0;

	big = malloc(2001);
	memset(big, 'x', 2000);
	big[2000] = '\0';
	for (i = 0; rc == 0 && i < nrec; i += per_txn) {
		p.n = 0;
		for (j = i; j < i + per_txn && j < nrec; j++) {
			snprintf(id, sizeof id, "%s%06d", prefix, j);
			big[0] = (char)('a' + j % 26);
			r[p.n] = mkrec(id, "new", NULL);
			store_rec_set(r[p.n], "text", big);
			p.n++;
		}
		if ((rc = store_write(s, put_fn, &p, &err)) != 0)
			fprintf(stderr, "write: %s\n", err.msg);
		while (p.n > 0)
			store_rec_free(&r[--p.n]);
	}
	free(big);
	return rc ? -1 : 0;
}

static void
test_map_growth(void **state)
{
	struct fx *f = *state;
	struct store_stats st;
	struct problems p;
	struct as_err err;

	assert_int_equal(open_at(f->dir, 64 << 10, 0, test_index, &f->s,
	    &err), 0);
	/* 4 MB: one big transaction, then many small ones. */
	assert_int_equal(write_mb(f->s, "A", 64, 64), 0);
	assert_int_equal(write_mb(f->s, "B", 2000, 10), 0);
	store_stats(f->s, &st);
	assert_true(st.grows >= 5);
	assert_true(st.mapsize >= 4u << 20);
	assert_int_equal(nrecords(f->s), 2064);
	assert_int_equal(idx_count(f->s, "state" KS "new"), 2064);
	assert_int_equal(verify(f->s, &p), 0);
}

/*
 * Issue 13: an import sizes the map from its input first, so its one
 * transaction never runs again after growing the map.
 */
static void
test_reserve(void **state)
{
	struct fx *f = *state;
	struct store_stats st;
	struct as_err err;

	assert_int_equal(open_at(f->dir, 64 << 10, 0, test_index, &f->s,
	    &err), 0);
	assert_int_equal(store_reserve(f->s, 4u << 20, &err), 0);
	/* 128 kB in one transaction, twice the map it was opened with */
	assert_int_equal(write_mb(f->s, "A", 64, 64), 0);
	store_stats(f->s, &st);
	assert_int_equal(st.retries, 0);
	assert_true(st.mapsize >= 4u << 20);
	assert_int_equal(nrecords(f->s), 64);
}

/* A record of one field, written with its event (put1) in s. */
static int
put_named(struct store *s, const char *id, const char *customer)
{
	struct store_rec *r = mkrec(id, "new", customer);
	struct as_err err;
	int rc = put1(s, r, NULL, &err);

	store_rec_free(&r);
	return rc;
}

/*
 * Issue 13: a batch runs many writes in one transaction; each sees the
 * ones before; a commit keeps them; a step refused before it wrote
 * leaves the batch whole; a write that fails after writing discards the
 * batch since its last commit and every later call fails until the end.
 */
static void
test_batch(void **state)
{
	struct fx *f = *state;
	struct store_rec *r1 = mkrec("C2026-000009", "new", "x");
	struct put p = { &r1, 1, NULL, AS_E_INVALID, 0, 0 };
	struct put refused = { NULL, 0, NULL, AS_E_INVALID, 0, 0 };
	struct store_rec *r;
	struct problems pr;
	struct as_err err;
	int rc;

	assert_int_equal(store_batch_begin(f->s, &err), 0);
	assert_int_equal(put_named(f->s, "C2026-000001", "a"), 0);
	assert_int_equal(put_named(f->s, "C2026-000002", "b"), 0);
	/* a read inside the batch sees its writes */
	r = get1(f->s, "C2026-000001", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(store_rec_get(r, "customer"), "a");
	store_rec_free(&r);
	assert_int_equal(store_batch_steps(f->s), 2);
	assert_int_equal(store_batch_commit(f->s, &err), 0);
	assert_int_equal(put_named(f->s, "C2026-000003", "c"), 0);
	/* a step refused before it wrote anything leaves the batch whole */
	assert_int_equal(store_write(f->s, put_fn, &refused, &err),
	    AS_E_INVALID);
	r = get1(f->s, "C2026-000003", &rc);
	assert_int_equal(rc, 0);
	store_rec_free(&r);
	/* a write that fails after writing discards 3 with it... */
	assert_int_equal(store_write(f->s, put_fn, &p, &err), AS_E_INVALID);
	/* ...and the batch refuses everything after */
	assert_int_not_equal(put_named(f->s, "C2026-000004", "d"), 0);
	assert_int_not_equal(store_batch_commit(f->s, &err), 0);
	assert_int_equal(store_batch_end(f->s, 0, &err), 0);
	store_rec_free(&r1);
	/* out of the batch: what was committed is there, the rest is not */
	assert_int_equal(nrecords(f->s), 2);
	r = get1(f->s, "C2026-000003", &rc);
	assert_int_equal(rc, AS_E_NOTFOUND);
	store_rec_free(&r);
	assert_int_equal(put_named(f->s, "C2026-000005", "e"), 0);
	assert_int_equal(store_batch_begin(f->s, &err), 0);
	assert_int_equal(put_named(f->s, "C2026-000006", "f"), 0);
	assert_int_equal(store_batch_end(f->s, 1, &err), 0);
	assert_int_equal(nrecords(f->s), 4);
	assert_int_equal(verify(f->s, &pr), 0);
}

/* A batch that fills the map is not written; run again, it fits. */
static void
test_batch_map_full(void **state)
{
	struct fx *f = *state;
	struct store_stats st;
	struct as_err err;

	assert_int_equal(open_at(f->dir, 64 << 10, 0, test_index, &f->s,
	    &err), 0);
	assert_int_equal(store_batch_begin(f->s, &err), 0);
	assert_int_not_equal(write_mb(f->s, "A", 200, 10), 0);
	assert_int_equal(store_batch_end(f->s, 0, &err), 0);
	assert_int_equal(nrecords(f->s), 0);
	store_stats(f->s, &st);
	assert_true(st.grows >= 1);
	store_reserve(f->s, 1u << 20, &err);
	assert_int_equal(store_batch_begin(f->s, &err), 0);
	assert_int_equal(write_mb(f->s, "A", 200, 10), 0);
	assert_int_equal(store_batch_end(f->s, 1, &err), 0);
	assert_int_equal(nrecords(f->s), 200);
}

static void
test_other_process(void **state)
{
	struct fx *f = *state;
	struct store_stats st;
	struct store_rec *r;
	struct as_err err;
	uint64_t before;
	pid_t pid;
	int status, rc;

	assert_int_equal(open_at(f->dir, 64 << 10, 0, test_index, &f->s,
	    &err), 0);
	assert_int_equal(write_mb(f->s, "P", 1, 1), 0);
	before = store_last_txnid(f->s);
	assert_true(before > 0);

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct store *c;

		if (open_at(f->dir, 64 << 10, 0, test_index, &c, &err) != 0)
			_exit(2);
		if (write_mb(c, "C", 2000, 50) != 0)
			_exit(3);
		store_stats(c, &st);
		store_close(&c);
		_exit(st.grows > 0 ? 0 : 4);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);

	/* The child's commits show as a new last transaction id... */
	assert_true(store_last_txnid(f->s) > before + 10);
	/* ...and this process adopts the grown map to write and read. */
	assert_int_equal(write_mb(f->s, "Q", 1, 1), 0);
	store_stats(f->s, &st);
	assert_true(st.resizes >= 1);
	assert_true(st.mapsize >= 4u << 20);
	assert_int_equal(nrecords(f->s), 2002);
	r = get1(f->s, "C001999", &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(strlen(store_rec_get(r, "text")), 2000);
	store_rec_free(&r);
	assert_true(store_reader_check(f->s) >= 0);
}

static int
hold_fn(struct store_txn *t, void *ctx, struct as_err *err)
{
	int fd = *(int *)ctx;

	(void)t;
	(void)err;
	if (write(fd, "R", 1) != 1)
		_exit(4);
	for (;;)
		pause();
}

/*
 * Processes killed inside a read transaction leave their reader slots
 * taken; once the table is full the next reader clears them and retries.
 */
static void
test_stale_readers(void **state)
{
	struct fx *f = *state;
	struct store_opts o = {0};
	struct store_stats st;
	struct as_err err;
	pid_t pids[70];
	size_t i, n = sizeof pids / sizeof pids[0], held = 0;
	int fds[2], status;
	char c;

	o.create = 1;
	o.maxreaders = 2;	/* LMDB rounds the table up to a page */
	assert_int_equal(store_open(f->dir, &o, &f->s, &err), 0);
	assert_int_equal(pipe(fds), 0);
	for (i = 0; i < n; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			struct store *cs;

			close(fds[0]);
			if (store_open(f->dir, &o, &cs, &err) != 0 ||
			    store_read(cs, hold_fn, &fds[1], &err) != 0) {
				if (write(fds[1], "F", 1) != 1)
					_exit(4);
			}
			_exit(0);
		}
	}
	close(fds[1]);
	for (i = 0; i < n; i++) {
		assert_int_equal(read(fds[0], &c, 1), 1);
		held += c == 'R';
	}
	close(fds[0]);
	for (i = 0; i < n; i++) {
		kill(pids[i], SIGKILL);
		waitpid(pids[i], &status, 0);
	}
	/* Some children found the table full: it was. */
	assert_true(held > 0 && held < n);
	assert_int_equal(nrecords(f->s), 0);
	store_stats(f->s, &st);
	assert_true(st.stale >= held);
	assert_true(st.retries >= 1);
	assert_int_equal(store_reader_check(f->s), 0);
}

/* Opening. */

static void
test_newer_format(void **state)
{
	struct fx *f = *state;
	struct store *s;
	struct as_err err;
	char want[512];

	store_close(&f->s);
	assert_int_equal(open_at(f->dir, 0, 0, NULL, &s, &err), 0);
	assert_int_equal(store_debug_set_format(s, STORE_FORMAT + 1, &err), 0);
	store_close(&s);
	assert_int_equal(open_at(f->dir, 0, 0, NULL, &s, &err), AS_E_VERSION);
	assert_null(s);
	snprintf(want, sizeof want, "database %s was written by a newer "
	    "incompatible version of aftersales (format %d, this program "
	    "reads up to %d)", f->dir, STORE_FORMAT + 1, STORE_FORMAT);
	assert_string_equal(err.msg, want);
	assert_int_equal(open_at(f->dir, 0, 1, NULL, &s, &err), AS_E_VERSION);
	assert_string_equal(err.msg, want);
}

static void
test_missing_folder(void **state)
{
	struct fx *f = *state;
	struct store_opts o = {0};
	struct store *s;
	struct as_err err;
	char dir[128], want[512];

	snprintf(dir, sizeof dir, "%s/nope", f->dir);
	assert_int_equal(store_open(dir, &o, &s, &err), -ENOENT);
	assert_null(s);
	snprintf(want, sizeof want, "database folder %s does not exist; "
	    "create it with `aftersales init %s` or pass --db", dir, dir);
	assert_string_equal(err.msg, want);
	o.create = 1;
	assert_int_equal(store_open(dir, &o, &s, &err), -ENOENT);

	/* A folder without a database, not asked to create one. */
	o.create = 0;
	assert_int_equal(store_open(f->dir, &o, &s, &err), -ENOENT);
	assert_non_null(strstr(err.msg, f->dir));
	assert_non_null(strstr(err.msg, "holds no database"));
	o.readonly = 1;
	o.create = 1;
	assert_int_equal(store_open(f->dir, &o, &s, &err), -ENOENT);
}

/*
 * Issue 7: only a folder without data.mdb gets a new database.  An empty
 * or header-less data.mdb is refused even when asked to create (LMDB
 * would start a new database in it, numbering from 1), a short one is
 * refused before LMDB maps it (SIGBUS), and nothing is written.
 */
static void
test_damaged_file(void **state)
{
	struct fx *f = *state;
	struct store_opts o = {0};
	struct store *s = NULL;
	struct as_err err;
	struct stat st;
	char path[128];
	FILE *fp;

	snprintf(path, sizeof path, "%s/data.mdb", f->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fclose(fp);
	o.create = 1;
	assert_int_equal(store_open(f->dir, &o, &s, &err), AS_E_CORRUPT);
	assert_null(s);
	assert_non_null(strstr(err.msg, "holds no valid database: its "
	    "data.mdb is empty; restore it from a backup"));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 0);

	assert_int_equal(truncate(path, 8192), 0);   /* zeros: no header */
	assert_int_equal(store_open(f->dir, &o, &s, &err), AS_E_CORRUPT);
	assert_non_null(strstr(err.msg, "does not start with a database "
	    "header"));

	/* a real database, cut short by one page */
	assert_int_equal(unlink(path), 0);
	assert_int_equal(open_at(f->dir, 0, 0, test_index, &s, &err), 0);
	history_db(s);
	store_close(&s);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size - 4096), 0);
	assert_int_equal(store_open(f->dir, &o, &s, &err), AS_E_CORRUPT);
	assert_non_null(strstr(err.msg, "data.mdb is damaged or shorter than "
	    "its header says; restore it from a backup"));
	o.readonly = 1;
	assert_int_equal(store_open(f->dir, &o, &s, &err), AS_E_CORRUPT);
	assert_int_equal(truncate(path, st.st_size), 0);
	assert_int_equal(store_open(f->dir, &o, &s, &err), 0);
	store_close(&s);
}

static void
test_readonly(void **state)
{
	struct fx *f = *state;
	struct store *s;
	struct store_rec *r;
	struct problems p;
	struct as_err err;
	int rc;

	history_db(f->s);
	store_close(&f->s);
	assert_int_equal(open_at(f->dir, 0, 1, test_index, &s, &err), 0);
	r = get1(s, "C2026-000001", &rc);
	assert_int_equal(rc, 0);
	assert_true(r->rev == 3);
	assert_int_equal(put1(s, r, NULL, &err), -EROFS);
	assert_non_null(strstr(err.msg, "read-only"));
	assert_int_equal(verify(s, &p), 0);
	assert_int_equal(idx_count(s, "state" KS "closed"), 1);
	store_rec_free(&r);
	store_close(&s);
}

/* The resident kB of this process's mapping of dir's data.mdb, or -1. */
static long
map_rss_kb(const char *dir)
{
	char line[1024], want[600];
	long rss = -1;
	int in = 0;
	FILE *fp = fopen("/proc/self/smaps", "r");

	if (fp == NULL)
		return -1;
	snprintf(want, sizeof want, "%s/data.mdb", dir);
	while (fgets(line, sizeof line, fp) != NULL) {
		unsigned long lo, hi;
		size_t n, w = strlen(want);

		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) {
			/* a mapping's first line: does it name the file? */
			n = strlen(line);
			in = n >= w && strcmp(line + n - w, want) == 0;
			continue;
		}
		if (in && strncmp(line, "Rss:", 4) == 0) {
			rss = atol(line + 4);
			break;
		}
	}
	fclose(fp);
	return rss;
}

static int
sum_view(const void *val, size_t len, void *ctx)
{
	const unsigned char *p = val;
	uint64_t *sum = ctx;
	size_t i;

	for (i = 0; i < len; i++)
		*sum += p[i];
	return 0;
}

/*
 * A big meta value (the compiled configuration) read in place: its
 * pages are given back to the kernel once read (issue 13: a `status`'s
 * peak resident size), and what was read was the value.
 */
static void
test_meta_view_drops_pages(void **state)
{
	struct fx *f = *state;
	struct as_err err;
	size_t n = 512 << 10, i;
	unsigned char *v = malloc(n);
	uint64_t want = 0, got = 0;
	long rss;

	assert_non_null(v);
	for (i = 0; i < n; i++) {
		v[i] = (unsigned char)(i * 7 + 3);
		want += v[i];
	}
	assert_int_equal(store_meta_put(f->s, "big", v, n, &err), 0);
	free(v);
	store_close(&f->s);
	assert_int_equal(open_at(f->dir, 0, 0, test_index, &f->s, &err), 0);
	assert_int_equal(store_meta_view(f->s, "big", sum_view, &got, &err),
			 0);
	assert_true(got == want);
	if ((rss = map_rss_kb(f->dir)) < 0)
		skip();
	/* read whole, 512 kB were mapped; given back, what is left is the
	 * meta pages and the tree's, and the pages the kernel maps around */
	if (rss >= 256)
		fail_msg("%ld kB of data.mdb still mapped", rss);
	/*
	 * Inside a batch the read runs in the batch's write transaction: a
	 * value written there lies in the process's memory, and must be
	 * read whole a second time (nothing given back).
	 */
	v = malloc(n);
	assert_non_null(v);
	for (i = 0, want = 0; i < n; i++) {
		v[i] = (unsigned char)(i * 5 + 1);
		want += v[i];
	}
	assert_int_equal(store_batch_begin(f->s, &err), 0);
	assert_int_equal(store_meta_put(f->s, "big", v, n, &err), 0);
	free(v);
	got = 0;
	assert_int_equal(store_meta_view(f->s, "big", sum_view, &got, &err),
			 0);
	assert_true(got == want);
	got = 0;
	assert_int_equal(store_meta_view(f->s, "big", sum_view, &got, &err),
			 0);
	assert_true(got == want);
	assert_int_equal(store_batch_end(f->s, 1, &err), 0);
}

static void
test_backup(void **state)
{
	struct fx *f = *state;
	struct store *b;
	struct problems p;
	struct as_err err;
	char dest[128];

	history_db(f->s);
	put_numbered(f->s, 1, 40, 1);
	snprintf(dest, sizeof dest, "%s/backup", f->dir);
	assert_int_equal(store_backup(f->s, dest, &err), 0);
	assert_int_equal(store_backup(f->s, dest, &err), AS_E_EXISTS);
	assert_non_null(strstr(err.msg, "not empty"));
	assert_non_null(strstr(err.msg, dest));

	assert_int_equal(open_at(dest, 0, 1, test_index, &b, &err), 0);
	assert_int_equal(nrecords(b), 42);
	assert_int_equal(verify(b, &p), 0);
	assert_int_equal(idx_count(b, "state" KS "odd"), 20);
	store_close(&b);
}

static int
nested_fn(struct store_txn *t, void *ctx, struct as_err *err)
{
	uint64_t n;

	(void)t;
	return store_read(ctx, nrec_fn, &n, err);
}

static void
test_nested(void **state)
{
	struct fx *f = *state;
	struct as_err err;

	assert_int_equal(store_write(f->s, nested_fn, f->s, &err),
	    AS_E_STORE);
	assert_non_null(strstr(err.msg, "nested"));
	assert_int_equal(nrecords(f->s), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codec_roundtrip),
		cmocka_unit_test(test_codec_keeps_unknown),
		cmocka_unit_test(test_codec_min_reader),
		cmocka_unit_test(test_codec_truncated),
		cmocka_unit_test(test_keys),
		cmocka_unit_test_setup_teardown(test_put_get, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_index_update, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_abort_leaves_nothing,
		    setup_open, teardown),
		cmocka_unit_test_setup_teardown(test_sequences, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_id_order, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_scan_paging, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_put_new, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_index_scan_big_key,
		    setup_open, teardown),
		cmocka_unit_test_setup_teardown(test_index_scan, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_index_scan_recs,
		    setup_open, teardown),
		cmocka_unit_test_setup_teardown(test_history_chain, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_history_stored_record,
		    setup_open, teardown),
		cmocka_unit_test_setup_teardown(test_verify_clean, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_verify_tampered_event,
		    setup_open, teardown),
		cmocka_unit_test_setup_teardown(test_verify_rehashed_event,
		    setup_open, teardown),
		cmocka_unit_test_setup_teardown(test_verify_deleted_event,
		    setup_open, teardown),
		cmocka_unit_test_setup_teardown(test_verify_index, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_verify_replay, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_event_type_section,
		    setup_open, teardown),
		cmocka_unit_test_setup_teardown(test_verify_revision,
		    setup_open, teardown),
		cmocka_unit_test_setup_teardown(test_map_growth, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_other_process, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reserve, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_batch, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_batch_map_full, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_stale_readers, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_newer_format, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_missing_folder, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_damaged_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_readonly, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_index_scan_prefix_back,
		    setup_open, teardown),
		cmocka_unit_test_setup_teardown(test_reindex, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_meta_view_drops_pages,
		    setup_open, teardown),
		cmocka_unit_test_setup_teardown(test_backup, setup_open,
		    teardown),
		cmocka_unit_test_setup_teardown(test_nested, setup_open,
		    teardown),
	};

	as_lang_set("en");      /* the English wording is checked */
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
