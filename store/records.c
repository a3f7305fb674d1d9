/*
 * records.c - records by id, their secondary indexes kept in the same
 * transaction, per-year sequences, and the cursor scans that page through
 * records and index entries without loading a table.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static int
check_write(struct store_txn *t, struct as_err *err)
{
	if (t->fail != 0)
		return store_txn_check(t, err);
	if (!t->write)
		return as_err_set(err, AS_E_STORE,
		    "database %s: a change inside a read transaction",
		    t->s->dir);
	return 0;
}

static int
check_id(const char *id, struct as_err *err)
{
	size_t n = strlen(id);

	if (n == 0)
		return as_err_set(err, AS_E_INVALID, AS_TR("记录编号是空的",
		    "a record id is empty"));
	if (n > STORE_MAXKEY)
		return as_err_set(err, AS_E_INVALID,
		    AS_TR("记录编号 %.40s... 太长（%zu 字节，最多 %d）",
		    "record id %.40s... is too long (%zu bytes, at most %d)"),
		    id, n, STORE_MAXKEY);
	return 0;
}

/* Decode the value of record id, wrapping a decoder error with the id. */
static int
decode_rec(struct store *s, const char *id, size_t idlen, const MDB_val *v,
	   struct store_rec **out, struct as_err *err)
{
	struct as_err e;
	int rc;

	as_err_clear(&e);
	if ((rc = store_rec_decode(v->mv_data, v->mv_size, out, &e)) != 0)
		return as_err_set(err, rc, AS_TR("记录 %.*s（数据库 %s）"
		    "无法读取：%s", "record %.*s in database %s cannot be "
		    "read: %s"), (int)idlen, id, s->dir, e.msg);
	return 0;
}

int
store_count(struct store_txn *t, uint64_t *n, struct as_err *err)
{
	MDB_stat st;
	int rc;

	*n = 0;
	if ((rc = store_txn_check(t, err)) != 0 || !t->s->have[DB_REC])
		return rc;
	if ((rc = mdb_stat(t->txn, t->s->dbi[DB_REC], &st)) != 0)
		return store_txn_err(t, rc, err, "counting records");
	*n = st.ms_entries;
	return 0;
}

int
store_get(struct store_txn *t, const char *id, struct store_rec **out,
	  struct as_err *err)
{
	struct store *s = t->s;
	MDB_val k, v;
	int rc;

	*out = NULL;
	if ((rc = store_txn_check(t, err)) != 0)
		return rc;
	k.mv_size = strlen(id);
	k.mv_data = (void *)id;
	if (!s->have[DB_REC] || k.mv_size == 0 || k.mv_size > STORE_MAXKEY)
		rc = MDB_NOTFOUND;
	else
		rc = mdb_get(t->txn, s->dbi[DB_REC], &k, &v);
	if (rc == MDB_NOTFOUND)
		return as_err_set(err, AS_E_NOTFOUND,
		    AS_TR("记录 %s 不存在", "record %s does not exist"), id);
	if (rc != 0)
		return store_txn_err(t, rc, err, "reading a record");
	return decode_rec(s, id, k.mv_size, &v, out, err);
}

static int
idx_add(struct store_txn *t, const char *key, const char *id,
	struct as_err *err)
{
	MDB_val k = { strlen(key), (void *)key };
	MDB_val v = { strlen(id), (void *)id };
	int rc;

	rc = st_put(t, t->s->dbi[DB_IDX], &k, &v, MDB_NODUPDATA);
	if (rc != 0 && rc != MDB_KEYEXIST)
		return store_txn_err(t, rc, err, "adding an index entry");
	return 0;
}

/*
 * idx_add for a record just numbered (store_put_new): its id is most
 * likely the greatest under every key, so the entry is appended to the
 * key's list of ids (MDB_APPENDDUP: no search in the list, and its pages
 * filled instead of split in half); anywhere else it is put as idx_add
 * does.
 */
static int
idx_append(struct store_txn *t, const char *key, const char *id,
	   struct as_err *err)
{
	MDB_val k = { strlen(key), (void *)key };
	MDB_val v = { strlen(id), (void *)id };
	int rc;

	rc = st_put(t, t->s->dbi[DB_IDX], &k, &v,
	    MDB_NODUPDATA | MDB_APPENDDUP);
	if (rc == MDB_KEYEXIST)   /* not the greatest, or there already */
		rc = st_put(t, t->s->dbi[DB_IDX], &k, &v, MDB_NODUPDATA);
	if (rc != 0 && rc != MDB_KEYEXIST)
		return store_txn_err(t, rc, err, "adding an index entry");
	return 0;
}

static int
idx_del(struct store_txn *t, const char *key, const char *id,
	struct as_err *err)
{
	MDB_val k = { strlen(key), (void *)key };
	MDB_val v = { strlen(id), (void *)id };
	int rc;

	rc = st_del(t, t->s->dbi[DB_IDX], &k, &v);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return store_txn_err(t, rc, err, "removing an index entry");
	return 0;
}

/* Move the index entries of id from the keys in old to those in new. */
static int
idx_update(struct store_txn *t, const char *id, const struct store_keys *old,
	   const struct store_keys *new, struct as_err *err)
{
	size_t i = 0, j = 0;
	int c, rc = 0;

	while (rc == 0 && (i < old->n || j < new->n)) {
		if (i < old->n && j < new->n)
			c = strcmp(old->v[i], new->v[j]);
		else
			c = i < old->n ? -1 : 1;
		if (c < 0)
			rc = idx_del(t, old->v[i++], id, err);
		else if (c > 0)
			rc = idx_add(t, new->v[j++], id, err);
		else {
			i++;
			j++;
		}
	}
	return rc;
}

/*
 * Keep the encoding val and index keys of record id, just written, as the
 * handle's last record (their contents move there; val and keys are left
 * empty).
 */
static void
last_keep(struct store *s, const char *id, struct as_buf *val,
	  struct store_keys *keys)
{
	struct as_buf ob = s->last_val;
	struct store_keys ok = s->last_keys;
	size_t n = strlen(id);

	if (s->last_id == NULL || strcmp(s->last_id, id) != 0) {
		free(s->last_id);
		s->last_id = xstrndup(id, n);
	}
	s->last_val = *val;
	s->last_keys = *keys;
	*val = ob;
	*keys = ok;
	val->len = 0;
	store_keys_free(keys);
}

/*
 * The index keys of record id stored as v, when they are the handle's
 * last record's (the same id and the same bytes): moved into keys, 1.
 * Else 0.
 */
static int
last_take(struct store *s, const char *id, const MDB_val *v,
	  struct store_keys *keys)
{
	if (s->last_id == NULL || s->last_val.len != v->mv_size ||
	    strcmp(s->last_id, id) != 0 ||
	    memcmp(s->last_val.data, v->mv_data, v->mv_size) != 0)
		return 0;
	*keys = s->last_keys;
	memset(&s->last_keys, 0, sizeof s->last_keys);
	free(s->last_id);
	s->last_id = NULL;
	return 1;
}

int
store_put(struct store_txn *t, const struct store_rec *r, struct as_err *err)
{
	struct store *s = t->s;
	struct store_keys oldk = {0}, newk = {0};
	struct store_rec *old = NULL;
	struct as_buf b = {0};
	MDB_val k, v;
	int rc, stored;

	if ((rc = check_write(t, err)) != 0 || (rc = check_id(r->id, err)) != 0)
		return rc;
	k.mv_size = strlen(r->id);
	k.mv_data = r->id;
	rc = mdb_get(t->txn, s->dbi[DB_REC], &k, &v);
	stored = rc == 0;
	if (rc == 0 && last_take(s, r->id, &v, &oldk))
		;
	else if (rc == 0) {
		if ((rc = decode_rec(s, r->id, k.mv_size, &v, &old, err)) != 0)
			return rc;
		store_rec_keys(s, old, &oldk);
		store_rec_free(&old);
	} else if (rc != MDB_NOTFOUND)
		return store_txn_err(t, rc, err, "reading a record");
	store_rec_keys(s, r, &newk);
	if ((rc = idx_update(t, r->id, &oldk, &newk, err)) != 0)
		goto out;
	store_rec_encode(r, &b);
	v.mv_size = b.len;
	v.mv_data = b.data;
	if ((rc = st_put(t, s->dbi[DB_REC], &k, &v, 0)) != 0)
		rc = store_txn_err(t, rc, err, "writing a record");
	else {
		last_keep(s, r->id, &b, &newk);
		s->last_old = stored;
	}
out:
	store_keys_free(&oldk);
	store_keys_free(&newk);
	buf_free(&b);
	return rc;
}

int
store_put_new(struct store_txn *t, const struct store_rec *r,
	      struct as_err *err)
{
	struct store *s = t->s;
	struct store_keys keys = {0};
	struct as_buf b = {0};
	MDB_val k, v;
	size_t i;
	int rc;

	if ((rc = check_write(t, err)) != 0 || (rc = check_id(r->id, err)) != 0)
		return rc;
	store_rec_encode(r, &b);
	k.mv_size = strlen(r->id);
	k.mv_data = r->id;
	v.mv_size = b.len;
	v.mv_data = b.data;
	rc = st_put(t, s->dbi[DB_REC], &k, &v, MDB_APPEND);
	if (rc == MDB_KEYEXIST)
		rc = st_put(t, s->dbi[DB_REC], &k, &v, MDB_NOOVERWRITE);
	if (rc == MDB_KEYEXIST)
		rc = as_err_set(err, AS_E_EXISTS,
		    AS_TR("记录 %s 已存在", "record %s already exists"), r->id);
	else if (rc != 0)
		rc = store_txn_err(t, rc, err, "writing a record");
	if (rc == 0) {
		store_rec_keys(s, r, &keys);
		for (i = 0; rc == 0 && i < keys.n; i++)
			rc = idx_append(t, keys.v[i], r->id, err);
	}
	if (rc == 0) {
		last_keep(s, r->id, &b, &keys);
		s->last_old = 0;
	}
	buf_free(&b);
	store_keys_free(&keys);
	return rc;
}

/* The sequence under k: its last value into *n (0: none yet). */
static int
seq_read(struct store_txn *t, MDB_val *k, uint64_t *n, struct as_err *err)
{
	MDB_val v;
	int rc;

	*n = 0;
	rc = mdb_get(t->txn, t->s->dbi[DB_SEQ], k, &v);
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc != 0)
		return store_txn_err(t, rc, err, "reading a sequence");
	if (v.mv_size != 8)
		return as_err_set(err, AS_E_CORRUPT, AS_TR("数据库 %s：序列 %.*s "
		    "已损坏", "database %s: sequence %.*s is damaged"),
		    t->s->dir, (int)k->mv_size, (const char *)k->mv_data);
	*n = store_get_u64(v.mv_data);
	return 0;
}

int
store_seq_get(struct store_txn *t, const char *name, uint64_t *out,
	      struct as_err *err)
{
	MDB_val k = { strlen(name), (void *)name };
	int rc;

	*out = 0;
	if ((rc = store_txn_check(t, err)) != 0 || !t->s->have[DB_SEQ] ||
	    k.mv_size == 0 || k.mv_size > STORE_MAXKEY)
		return rc;
	return seq_read(t, &k, out, err);
}

int
store_seq_next(struct store_txn *t, const char *name, uint64_t *out,
	       struct as_err *err)
{
	struct store *s = t->s;
	unsigned char num[8];
	MDB_val k = { strlen(name), (void *)name }, v;
	uint64_t n;
	int rc;

	*out = 0;
	if ((rc = check_write(t, err)) != 0)
		return rc;
	if (k.mv_size == 0 || k.mv_size > STORE_MAXKEY)
		return as_err_set(err, AS_E_INVALID, AS_TR("序列名“%.40s”不对",
		    "bad sequence name \"%.40s\""), name);
	if ((rc = seq_read(t, &k, &n, err)) != 0)
		return rc;
	n++;
	store_put_u64(num, n);
	v.mv_size = 8;
	v.mv_data = num;
	if ((rc = st_put(t, s->dbi[DB_SEQ], &k, &v, 0)) != 0)
		return store_txn_err(t, rc, err, "writing a sequence");
	*out = n;
	return 0;
}

static int
same(const MDB_val *k, const char *s)
{
	size_t n = strlen(s);

	return k->mv_size == n && memcmp(k->mv_data, s, n) == 0;
}

/* Run the scan loop from a positioned cursor (rc of that positioning). */
static int
visit_recs(struct store_txn *t, MDB_cursor *c, int rc, MDB_cursor_op next,
	   MDB_val *k, MDB_val *v, store_rec_visit fn, void *ctx,
	   struct as_err *err)
{
	struct store_rec *r;

	for (;;) {
		if (rc == MDB_NOTFOUND)
			return 0;
		if (rc != 0)
			return store_txn_err(t, rc, err, "scanning records");
		rc = decode_rec(t->s, k->mv_data, k->mv_size, v, &r, err);
		if (rc != 0)
			return rc;
		rc = fn(r, ctx);
		store_rec_free(&r);
		if (rc != 0)
			return rc > 0 ? 0 : rc;
		rc = mdb_cursor_get(c, k, v, next);
	}
}

int
store_scan(struct store_txn *t, const char *from, store_rec_visit fn,
	   void *ctx, struct as_err *err)
{
	MDB_cursor *c;
	MDB_val k = {0}, v;
	int rc;

	if ((rc = store_txn_check(t, err)) != 0 || !t->s->have[DB_REC])
		return rc;
	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_REC], &c)) != 0)
		return store_txn_err(t, rc, err, "scanning records");
	if (from != NULL && *from != '\0') {
		k.mv_size = strlen(from);
		k.mv_data = (void *)from;
		rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
	} else
		rc = mdb_cursor_get(c, &k, &v, MDB_FIRST);
	rc = visit_recs(t, c, rc, MDB_NEXT, &k, &v, fn, ctx, err);
	mdb_cursor_close(c);
	return rc;
}

int
store_scan_back(struct store_txn *t, const char *from, store_rec_visit fn,
		void *ctx, struct as_err *err)
{
	MDB_cursor *c;
	MDB_val k = {0}, v;
	int rc;

	if ((rc = store_txn_check(t, err)) != 0 || !t->s->have[DB_REC])
		return rc;
	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_REC], &c)) != 0)
		return store_txn_err(t, rc, err, "scanning records");
	if (from != NULL && *from != '\0') {
		k.mv_size = strlen(from);
		k.mv_data = (void *)from;
		rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
		if (rc == 0 && !same(&k, from))
			rc = mdb_cursor_get(c, &k, &v, MDB_PREV);
		else if (rc == MDB_NOTFOUND)
			rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
	} else
		rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
	rc = visit_recs(t, c, rc, MDB_PREV, &k, &v, fn, ctx, err);
	mdb_cursor_close(c);
	return rc;
}

/* 1 if index key k is within the scan of key (exact or prefix). */
static int
in_scan(const MDB_val *k, const char *key, size_t klen, int prefix)
{
	if (prefix)
		return k->mv_size >= klen && memcmp(k->mv_data, key, klen) == 0;
	return k->mv_size == klen && memcmp(k->mv_data, key, klen) == 0;
}

static int
visit_id(const MDB_val *k, const MDB_val *v, store_id_visit fn, void *ctx)
{
	char kb[STORE_MAXKEY + 1], vb[STORE_MAXKEY + 1];

	if (k->mv_size > STORE_MAXKEY || v->mv_size > STORE_MAXKEY)
		return AS_E_CORRUPT;
	memcpy(kb, k->mv_data, k->mv_size);
	kb[k->mv_size] = '\0';
	memcpy(vb, v->mv_data, v->mv_size);
	vb[v->mv_size] = '\0';
	return fn(kb, vb, ctx);
}

/* Position c at the first entry after (ak, aid); rc as mdb_cursor_get. */
/*
 * Visit index entries from the cursor's position (rc: the result of
 * placing it), moving by op, while the key stays under key (exact, or as
 * a prefix); key NULL: the move itself ends the walk (a _DUP op).
 * Returns 0 at the end or when the visitor stops, or an error.
 */
static int
walk(struct store_txn *t, MDB_cursor *c, int rc, MDB_val *k, MDB_val *v,
     MDB_cursor_op op, const char *key, size_t klen, int prefix,
     store_id_visit fn, void *ctx, struct as_err *err)
{
	for (;;) {
		if (rc == MDB_NOTFOUND || (rc == 0 && key != NULL &&
		    !in_scan(k, key, klen, prefix)))
			return 0;
		if (rc != 0)
			return store_txn_err(t, rc, err, "scanning an index");
		if (k->mv_size > STORE_MAXKEY || v->mv_size > STORE_MAXKEY)
			return store_damage_sentence(t->s->dir, "an index "
			    "entry is longer than any the program writes",
			    err);
		if ((rc = visit_id(k, v, fn, ctx)) != 0)
			return rc > 0 ? 0 : rc;
		rc = mdb_cursor_get(c, k, v, op);
	}
}

static int
seek_after(MDB_cursor *c, const char *ak, const char *aid, MDB_val *k,
	   MDB_val *v)
{
	int rc = MDB_NOTFOUND;

	k->mv_size = strlen(ak);
	k->mv_data = (void *)ak;
	if (aid != NULL && *aid != '\0' && strlen(aid) <= STORE_MAXKEY) {
		v->mv_size = strlen(aid);
		v->mv_data = (void *)aid;
		rc = mdb_cursor_get(c, k, v, MDB_GET_BOTH_RANGE);
		if (rc == 0)
			return same(v, aid) ? mdb_cursor_get(c, k, v, MDB_NEXT)
			    : 0;
		if (rc != MDB_NOTFOUND)
			return rc;
		k->mv_size = strlen(ak);
		k->mv_data = (void *)ak;
	}
	rc = mdb_cursor_get(c, k, v, MDB_SET_RANGE);
	if (rc == 0 && same(k, ak))
		rc = mdb_cursor_get(c, k, v, MDB_NEXT_NODUP);
	return rc;
}

int
store_index_scan_at(struct store_txn *t, const char *key, int prefix,
		    const char *after_key, const char *after_id,
		    store_id_visit fn, void *ctx, struct as_err *err)
{
	MDB_cursor *c;
	MDB_val k = {0}, v = {0};
	size_t klen = strlen(key);
	int rc;

	if ((rc = store_txn_check(t, err)) != 0 || !t->s->have[DB_IDX])
		return rc;
	if (klen > STORE_MAXKEY || (klen == 0 && !prefix))
		return 0;
	if (after_key != NULL) {
		int cmp = strcmp(after_key, key);

		if (prefix ? strncmp(after_key, key, klen) != 0 : cmp != 0) {
			if (cmp > 0)
				return 0;
			after_key = NULL;
		} else if (strlen(after_key) > STORE_MAXKEY)
			return 0;
	}
	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_IDX], &c)) != 0)
		return store_txn_err(t, rc, err, "scanning an index");
	if (after_key != NULL)
		rc = seek_after(c, after_key, after_id, &k, &v);
	else {
		k.mv_size = klen;
		k.mv_data = (void *)key;
		/*
		 * A prefix: the first key from it, alone.  Positioned without
		 * its data, LMDB does not read that key's first duplicate,
		 * which for a key with many (a state's or a queue's run) is
		 * a descent into the key's own tree of them, two or three
		 * pages: for nothing when the key is past the prefix, as it
		 * is for every look-up that finds nothing (issue 13: status).
		 * A key in the scan is positioned on again, with its data.
		 */
		rc = prefix ? mdb_cursor_get(c, &k, NULL, MDB_SET_RANGE) : 0;
		if (rc == 0 && prefix && !in_scan(&k, key, klen, prefix))
			rc = MDB_NOTFOUND;
		else if (rc != MDB_NOTFOUND) {
			k.mv_size = klen;
			k.mv_data = (void *)key;
			rc = mdb_cursor_get(c, &k, &v, prefix ? MDB_SET_RANGE :
			    MDB_SET_KEY);
		}
	}
	rc = walk(t, c, rc, &k, &v, MDB_NEXT, key, klen, prefix, fn, ctx, err);
	mdb_cursor_close(c);
	return rc;
}

int
store_index_scan(struct store_txn *t, const char *key, int prefix,
		 const char *after, store_id_visit fn, void *ctx,
		 struct as_err *err)
{
	return store_index_scan_at(t, key, prefix, after ? key : NULL, after,
	    fn, ctx, err);
}

/*
 * store_index_scan_recs: each id's record through the one cursor rc,
 * decoded into one scratch record.  An index run and the records are in
 * the same (id) order, so the next id's record is often the cursor's next
 * record, or a few after it: up to NEXT_STEPS steps forward are tried
 * before a search (a step costs a fraction of a search, whose records
 * hold a page or half of one each).
 */
#define NEXT_STEPS 4

struct recs_ctx {
	struct store_txn *t;
	MDB_cursor *rc;
	const struct store_fields *want;   /* the fields kept (NULL: all) */
	int placed;             /* rc is on the record of the last id */
	struct store_rec rec;   /* the scratch record */
	store_rec_visit fn;
	void *ctx;
	struct as_err *err;
};

static int
recs_visit(const char *key, const char *id, void *vctx)
{
	struct recs_ctx *x = vctx;
	MDB_val k = { strlen(id), (void *)id }, v;
	int rc = MDB_NOTFOUND, i, cmp;
	struct as_err e;

	(void)key;
	if (k.mv_size == 0)
		return 0;
	for (i = 0; x->placed && i < NEXT_STEPS; i++) {
		MDB_val nk;

		if ((rc = mdb_cursor_get(x->rc, &nk, &v, MDB_NEXT)) != 0)
			break;
		cmp = store_id_cmpn(nk.mv_data, nk.mv_size, id, k.mv_size);
		if (cmp >= 0) {
			rc = cmp == 0 ? 0 : MDB_NOTFOUND;
			break;
		}
		rc = MDB_NOTFOUND;
	}
	if (rc != 0)
		rc = mdb_cursor_get(x->rc, &k, &v, MDB_SET_KEY);
	x->placed = rc == 0;
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc != 0)
		return store_txn_err(x->t, rc, x->err, "reading a record");
	as_err_clear(&e);
	if ((rc = store_rec_decode_scratch(v.mv_data, v.mv_size, x->want,
					   &x->rec, &e)) != 0)
		return as_err_set(x->err, rc, AS_TR("记录 %s（数据库 %s）"
		    "无法读取：%s", "record %s in database %s cannot be "
		    "read: %s"), id, x->t->s->dir, e.msg);
	return x->fn(&x->rec, x->ctx);
}

int
store_index_scan_recs(struct store_txn *t, const char *key,
		      store_rec_visit fn, void *ctx, struct as_err *err)
{
	return store_index_scan_recs_some(t, key, NULL, 0, fn, ctx, err);
}

int
store_index_scan_recs_some(struct store_txn *t, const char *key,
			   const char *const *want, size_t nwant,
			   store_rec_visit fn, void *ctx, struct as_err *err)
{
	struct store_fields f;
	struct recs_ctx x;
	int rc;

	memset(&x, 0, sizeof x);
	if (want != NULL) {
		store_fields_init(&f, want, nwant);
		x.want = &f;
	}
	x.t = t;
	x.fn = fn;
	x.ctx = ctx;
	x.err = err;
	if ((rc = store_txn_check(t, err)) != 0 || !t->s->have[DB_REC])
		return rc;
	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_REC], &x.rc)) != 0)
		return store_txn_err(t, rc, err, "reading records");
	rc = store_index_scan(t, key, 0, NULL, recs_visit, &x, err);
	mdb_cursor_close(x.rc);
	store_rec_scratch_free(&x.rec);
	return rc;
}

int
store_index_scan_back(struct store_txn *t, const char *key,
		      const char *before, store_id_visit fn, void *ctx,
		      struct as_err *err)
{
	MDB_cursor *c;
	MDB_val k = {0}, v = {0};
	size_t klen = strlen(key);
	int rc, from_last = 0;

	if ((rc = store_txn_check(t, err)) != 0 || !t->s->have[DB_IDX])
		return rc;
	if (klen == 0 || klen > STORE_MAXKEY)
		return 0;
	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_IDX], &c)) != 0)
		return store_txn_err(t, rc, err, "scanning an index");
	k.mv_size = klen;
	k.mv_data = (void *)key;
	if (before != NULL && *before != '\0' &&
	    strlen(before) <= STORE_MAXKEY) {
		v.mv_size = strlen(before);
		v.mv_data = (void *)before;
		rc = mdb_cursor_get(c, &k, &v, MDB_GET_BOTH_RANGE);
		if (rc == 0)
			rc = mdb_cursor_get(c, &k, &v, MDB_PREV_DUP);
		else if (rc == MDB_NOTFOUND)
			from_last = 1;
	} else
		from_last = 1;
	if (from_last) {
		k.mv_size = klen;
		k.mv_data = (void *)key;
		rc = mdb_cursor_get(c, &k, &v, MDB_SET_KEY);
		if (rc == 0)
			rc = mdb_cursor_get(c, &k, &v, MDB_LAST_DUP);
	}
	rc = walk(t, c, rc, &k, &v, MDB_PREV_DUP, NULL, 0, 0, fn, ctx, err);
	mdb_cursor_close(c);
	return rc;
}

int
store_index_count(struct store_txn *t, const char *key, uint64_t *n,
		  struct as_err *err)
{
	MDB_cursor *c;
	MDB_val k = { strlen(key), (void *)key }, v;
	size_t cnt = 0;
	int rc;

	*n = 0;
	if ((rc = store_txn_check(t, err)) != 0 || !t->s->have[DB_IDX])
		return rc;
	if (k.mv_size == 0 || k.mv_size > STORE_MAXKEY)
		return 0;
	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_IDX], &c)) != 0)
		return store_txn_err(t, rc, err, "counting an index key");
	rc = mdb_cursor_get(c, &k, &v, MDB_SET);
	if (rc == 0)
		rc = mdb_cursor_count(c, &cnt);
	mdb_cursor_close(c);
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc != 0)
		return store_txn_err(t, rc, err, "counting an index key");
	*n = cnt;
	return 0;
}

/*
 * Position c at the last entry before (bk, bid) in (key, id) order: the
 * last id below bid under bk, else the last entry of an earlier key.
 */
static int
seek_before(MDB_cursor *c, const char *bk, const char *bid, MDB_val *k,
	    MDB_val *v)
{
	int rc;

	if (bid != NULL && *bid != '\0' && strlen(bid) <= STORE_MAXKEY) {
		k->mv_size = strlen(bk);
		k->mv_data = (void *)bk;
		v->mv_size = strlen(bid);
		v->mv_data = (void *)bid;
		rc = mdb_cursor_get(c, k, v, MDB_GET_BOTH_RANGE);
		if (rc == 0)
			return mdb_cursor_get(c, k, v, MDB_PREV);
		if (rc != MDB_NOTFOUND)
			return rc;
	}
	k->mv_size = strlen(bk);
	k->mv_data = (void *)bk;
	rc = mdb_cursor_get(c, k, v, MDB_SET_RANGE);
	if (rc == 0 && same(k, bk) && bid != NULL && *bid != '\0')
		return mdb_cursor_get(c, k, v, MDB_LAST_DUP);
	if (rc == 0)
		return mdb_cursor_get(c, k, v, MDB_PREV);
	if (rc == MDB_NOTFOUND)
		return mdb_cursor_get(c, k, v, MDB_LAST);
	return rc;
}

int
store_index_scan_prefix_back(struct store_txn *t, const char *prefix,
			     const char *before_key, const char *before_id,
			     store_id_visit fn, void *ctx, struct as_err *err)
{
	MDB_cursor *c;
	MDB_val k = {0}, v = {0};
	size_t plen = strlen(prefix), i;
	char end[STORE_MAXKEY + 2];
	int rc;

	if ((rc = store_txn_check(t, err)) != 0 || !t->s->have[DB_IDX])
		return rc;
	if (plen > STORE_MAXKEY)
		return 0;
	if (before_key != NULL && (strncmp(before_key, prefix, plen) != 0 ||
	    strlen(before_key) > STORE_MAXKEY)) {
		if (strcmp(before_key, prefix) < 0)
			return 0;
		before_key = NULL;
	}
	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_IDX], &c)) != 0)
		return store_txn_err(t, rc, err, "scanning an index");
	if (before_key != NULL)
		rc = seek_before(c, before_key, before_id, &k, &v);
	else {
		/* the first key past every key under the prefix */
		memcpy(end, prefix, plen);
		for (i = plen; i > 0 && (unsigned char)end[i - 1] == 0xff; i--)
			;
		if (i == 0)
			rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
		else {
			end[i - 1] = (char)((unsigned char)end[i - 1] + 1);
			end[i] = '\0';
			rc = seek_before(c, end, NULL, &k, &v);
		}
	}
	rc = walk(t, c, rc, &k, &v, MDB_PREV, prefix, plen, 1, fn, ctx, err);
	mdb_cursor_close(c);
	return rc;
}

static int
reindex_txn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct store *s = t->s;
	uint64_t *n = ctx;
	struct store_keys keys = {0};
	struct store_rec *r;
	MDB_cursor *c;
	MDB_val k, v;
	size_t i;
	int rc;

	*n = 0;
	if ((rc = st_drop(t, s->dbi[DB_IDX], 0)) != 0)
		return store_txn_err(t, rc, err, "emptying the index");
	if ((rc = mdb_cursor_open(t->txn, s->dbi[DB_REC], &c)) != 0)
		return store_txn_err(t, rc, err, "reading records");
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		rc = decode_rec(s, k.mv_data, k.mv_size, &v, &r, err);
		if (rc != 0)
			goto out;
		store_rec_keys(s, r, &keys);
		for (i = 0; rc == 0 && i < keys.n; i++)
			rc = idx_add(t, keys.v[i], r->id, err);
		store_keys_free(&keys);
		store_rec_free(&r);
		if (rc != 0)
			goto out;
		store_progress(t, s->dbi[DB_REC], AS_TR("重建索引",
		    "reindex"), n);
	}
	if (rc == MDB_NOTFOUND)
		rc = s->idx_want != 0 ? st_index_mark(t, err) : 0;
	else
		rc = store_txn_err(t, rc, err, "reading records");
out:
	mdb_cursor_close(c);
	return rc;
}

int
store_reindex(struct store *s, uint64_t *nrecords, struct as_err *err)
{
	uint64_t n = 0;
	int rc;

	s->idx_fixing = 1;
	rc = store_write(s, reindex_txn, &n, err);
	s->idx_fixing = 0;
	if (rc == 0)
		s->idx_stale = 0;
	if (nrecords != NULL)
		*nrecords = rc == 0 ? n : 0;
	return rc;
}
