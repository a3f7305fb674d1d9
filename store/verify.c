/*
 * verify.c - checking a database against everything that can be
 * recomputed (the hash chains of the history, the per-record history
 * lists, each record against its history replayed, the secondary
 * indexes), compacted backups, and the raw access the tamper tests need.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store_int.h"

struct verify {
	store_problem_fn problem;
	void *ctx;
	size_t count;
	struct store_keys mv;   /* the history's stock movements, log order:
				   "DOC LINE ACCOUNT QTY PART" */
};

static void report(struct verify *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
report(struct verify *v, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	v->count++;
	if (v->problem != NULL)
		v->problem(msg, v->ctx);
}

typedef unsigned long long ull;

/* Walk the log: each hash, the log chain, the log's order, rhist entries. */
static int
verify_log(struct store_txn *t, struct verify *vf, struct as_err *err)
{
	struct store *s = t->s;
	unsigned char prev[STORE_HASH_LEN], alt[STORE_HASH_LEN];
	unsigned char hash[STORE_HASH_LEN];
	MDB_cursor *c, *rc_cur;
	MDB_val k, v, rk, rv;
	struct store_event *e;
	struct as_err de;
	unsigned char kb[8];
	uint64_t seq, last = 0, done = 0;
	int rc, grc, linked = 1;

	memset(prev, 0, sizeof prev);
	memset(alt, 0, sizeof alt);
	if ((rc = mdb_cursor_open(t->txn, s->dbi[DB_HIST], &c)) != 0)
		return store_txn_err(t, rc, err, "verifying history");
	if ((rc = mdb_cursor_open(t->txn, s->dbi[DB_RHIST], &rc_cur)) != 0) {
		mdb_cursor_close(c);
		return store_txn_err(t, rc, err, "verifying history");
	}
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		store_progress(t, s->dbi[DB_HIST], AS_TR("核对历史",
		    "verify: history"), &done);
		if (k.mv_size != 8) {
			report(vf, AS_TR("历史中有一条键格式不对的条目（%zu "
			    "字节）——它是在程序之外写入的", "the history holds "
			    "an entry with a malformed key (%zu bytes) — it was "
			    "written outside the program"), k.mv_size);
			continue;
		}
		seq = store_get_u64(k.mv_data);
		if (seq == last + 2)
			report(vf, AS_TR("历史事件 %llu 不见了——它被删除了",
			    "history event %llu is missing — it was deleted"),
			    (ull)last + 1);
		else if (seq > last + 2)
			report(vf, AS_TR("历史事件 %llu 到 %llu 不见了——它们"
			    "被删除了", "history events %llu to %llu are "
			    "missing — they were deleted"), (ull)last + 1,
			    (ull)seq - 1);
		last = seq;
		if (v.mv_size < STORE_HASH_LEN) {
			report(vf, AS_TR("历史事件 %llu 已损坏：它短得放不下"
			    "哈希值", "history event %llu is damaged: it is too "
			    "short to hold a hash"), (ull)seq);
			linked = 0;
			continue;
		}
		store_sha256(v.mv_data, v.mv_size - STORE_HASH_LEN, hash);
		as_err_clear(&de);
		if (store_event_decode(v.mv_data, v.mv_size, &e, &de) != 0) {
			if (memcmp(hash, (unsigned char *)v.mv_data +
			    v.mv_size - STORE_HASH_LEN, STORE_HASH_LEN) != 0)
				report(vf, AS_TR("历史事件 %llu：哈希值不符且"
				    "无法读取——该事件被改动过", "history event "
				    "%llu: hash mismatch and it cannot be read — "
				    "the event was altered"), (ull)seq);
			else
				report(vf, AS_TR("历史事件 %llu 无法读取：%s",
				    "history event %llu cannot be read: %s"),
				    (ull)seq, de.msg);
			memcpy(prev, (unsigned char *)v.mv_data + v.mv_size -
			    STORE_HASH_LEN, STORE_HASH_LEN);
			memcpy(alt, hash, STORE_HASH_LEN);
			linked = 1;
			continue;
		}
		if (memcmp(hash, e->hash, STORE_HASH_LEN) != 0)
			report(vf, AS_TR("历史事件 %llu（记录 %s）：哈希值"
			    "不符——该事件被改动过", "history event %llu "
			    "(record %s): hash mismatch — the event was "
			    "altered"), (ull)seq, e->rec_id);
		if (e->seq != seq)
			report(vf, AS_TR("历史事件 %llu（记录 %s）自称是事件 "
			    "%llu——日志的顺序被打乱了", "history event %llu "
			    "(record %s) says it is event %llu — the log was "
			    "reordered"), (ull)seq, e->rec_id, (ull)e->seq);
		if (linked && memcmp(e->prev_log, prev, STORE_HASH_LEN) != 0 &&
		    memcmp(e->prev_log, alt, STORE_HASH_LEN) != 0)
			report(vf, AS_TR("历史事件 %llu（记录 %s）：它与日志中"
			    "前一事件的链接不符——之前的某个事件被改动或删除了",
			    "history event %llu (record %s): its link to the "
			    "previous event of the log does not match — an "
			    "earlier event was altered or deleted"), (ull)seq,
			    e->rec_id);
		rk.mv_size = strlen(e->rec_id);
		rk.mv_data = e->rec_id;
		store_put_u64(kb, seq);
		rv.mv_size = 8;
		rv.mv_data = kb;
		grc = rk.mv_size == 0 || rk.mv_size > STORE_MAXKEY ?
		    MDB_NOTFOUND : mdb_cursor_get(rc_cur, &rk, &rv,
		    MDB_GET_BOTH);
		if (grc == MDB_NOTFOUND)
			report(vf, AS_TR("历史事件 %llu（记录 %s）不在该记录的"
			    "历史列表中", "history event %llu (record %s) is "
			    "missing from the record's history list"), (ull)seq,
			    e->rec_id);
		else if (grc != 0) {   /* a damaged page: not a finding */
			store_event_free(&e);
			rc = grc;
			break;
		}
		for (size_t i = 0; i < e->nchanges; i++)
			if (strcmp(e->changes[i].field, STORE_MOVE_FIELD) == 0 &&
			    e->changes[i].new != NULL)
				store_keys_addf(&vf->mv, "%s %s", e->rec_id,
				    e->changes[i].new);
		memcpy(prev, e->hash, STORE_HASH_LEN);
		memcpy(alt, hash, STORE_HASH_LEN);
		linked = 1;
		store_event_free(&e);
	}
	mdb_cursor_close(rc_cur);
	mdb_cursor_close(c);
	if (rc != MDB_NOTFOUND)
		return store_txn_err(t, rc, err, "verifying history");
	return 0;
}

struct chain {
	char id[STORE_MAXKEY + 1];
	unsigned char prev[STORE_HASH_LEN];
	unsigned char alt[STORE_HASH_LEN];
	int linked;
	size_t nevents;
	uint64_t last_seq;
	uint64_t last_rev;
	/*
	 * The record as its history builds it: the create event's state and
	 * fields, then each event's changes.  broken: an event is missing or
	 * unreadable (reported already), so the replay proves nothing.
	 */
	struct store_rec *rec;
	int have_type;
	int broken;
};

/* A value for a message: quoted, controls as \xHH, long ones cut. */
static char *
shown(const char *v)
{
	char *p, *q;
	size_t n;

	if (v == NULL)
		return xstrdup("(unset)");
	n = strlen(v);
	p = store_printable(v, n > 120 ? 120 : n);
	q = xasprintf("\"%s%s\"", p, n > 120 ? "..." : "");
	free(p);
	return q;
}

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* One field (or state, type) of record id: history says h, stored s. */
static void
mismatch(struct verify *vf, const char *id, const char *what, const char *h,
	 const char *s)
{
	char *hv = shown(h), *sv = shown(s);

	report(vf, AS_TR("记录 %s，%s：历史给出 %s，记录中是 %s——记录在"
	    "程序之外被修改过", "record %s, %s: its history gives %s, the "
	    "record holds %s — the record was changed outside the program"),
	    id, what, hv, sv);
	free(hv);
	free(sv);
}

/* Apply event e to the replay of its record, reporting what contradicts. */
static void
replay(struct verify *vf, struct chain *ch, const struct store_event *e)
{
	struct store_rec *r = ch->rec;
	const char *cur;
	char *a, *b;
	size_t i;

	if (r == NULL) {
		r = ch->rec = store_rec_new(e->type, ch->id, NULL);
		ch->have_type = e->type != NULL;
		r->created = e->when;
		free(r->state);
		r->state = NULL;
	} else {
		if (e->from != NULL && r->state != NULL &&
		    strcmp(e->from, r->state) != 0) {
			a = shown(e->from);
			b = shown(r->state);
			report(vf, AS_TR("历史事件 %llu（记录 %s）从状态 %s "
			    "开始，但之前的事件让记录处于 %s——其间记录在程序"
			    "之外被修改过", "history event %llu (record %s) "
			    "starts from state %s, but the events before it "
			    "leave the record in %s — it was changed outside "
			    "the program in between"), (ull)e->seq, ch->id, a,
			    b);
			free(a);
			free(b);
		}
		if (e->rev != r->rev + 1)
			report(vf, AS_TR("历史事件 %llu（记录 %s）生成第 %llu "
			    "版，而它之前的事件生成第 %llu 版——其间记录在程序"
			    "之外被写入过", "history event %llu (record %s) made "
			    "revision %llu, but the event before it revision "
			    "%llu — the record was written outside the program "
			    "in between"), (ull)e->seq, ch->id, (ull)e->rev,
			    (ull)r->rev);
	}
	for (i = 0; i < e->nchanges; i++) {
		const struct store_change *c = &e->changes[i];

		if (c->field[0] == '@')   /* a stock movement, no field */
			continue;
		cur = store_rec_get(r, c->field);
		if (!same(cur, c->old)) {
			a = shown(c->old);
			b = shown(cur);
			report(vf, AS_TR("历史事件 %llu（记录 %s）把 %s 从 %s "
			    "改起，但之前的事件给出 %s——其间记录在程序之外被"
			    "修改过", "history event %llu (record %s) changes %s "
			    "from %s, but the events before it give %s — the "
			    "record was changed outside the program in "
			    "between"), (ull)e->seq, ch->id, c->field, a, b);
			free(a);
			free(b);
		}
		store_rec_set(r, c->field, c->new);
	}
	free(r->state);
	r->state = e->to != NULL ? xstrdup(e->to) : NULL;
	r->rev = e->rev;
	r->updated = e->when;
}

/* Compare the stored record with what its history builds, field by field. */
static void
compare(struct verify *vf, struct chain *ch, const struct store_rec *s)
{
	const struct store_rec *h = ch->rec;
	char a[32], b[32];
	size_t i;

	if (ch->have_type && strcmp(h->type, s->type) != 0)
		mismatch(vf, ch->id, "type", h->type, s->type);
	if (!same(h->state, s->state))
		mismatch(vf, ch->id, "state", h->state, s->state);
	if (h->rev != s->rev) {
		snprintf(a, sizeof a, "%llu", (ull)h->rev);
		snprintf(b, sizeof b, "%llu", (ull)s->rev);
		mismatch(vf, ch->id, "revision", a, b);
	}
	if (h->created != s->created) {
		snprintf(a, sizeof a, "%lld", (long long)h->created);
		snprintf(b, sizeof b, "%lld", (long long)s->created);
		mismatch(vf, ch->id, "created", a, b);
	}
	if (h->updated != s->updated) {
		snprintf(a, sizeof a, "%lld", (long long)h->updated);
		snprintf(b, sizeof b, "%lld", (long long)s->updated);
		mismatch(vf, ch->id, "updated", a, b);
	}
	for (i = 0; i < h->nfields; i++)
		if (!same(h->fields[i].val, store_rec_get(s, h->fields[i].key)))
			mismatch(vf, ch->id, h->fields[i].key, h->fields[i].val,
			    store_rec_get(s, h->fields[i].key));
	for (i = 0; i < s->nfields; i++)
		if (store_rec_get(h, s->fields[i].key) == NULL)
			mismatch(vf, ch->id, s->fields[i].key, NULL,
			    s->fields[i].val);
}

/*
 * The end of a record's chain: the record must exist, and equal what its
 * history builds.  Resets ch for the next record.
 */
static int
chain_end(struct store_txn *t, struct verify *vf, struct chain *ch,
	  struct as_err *err)
{
	MDB_val k = { strlen(ch->id), ch->id }, v;
	struct store_rec *r;
	struct as_err de;
	int rc = 0;

	if (ch->nevents == 0)
		goto out;
	rc = mdb_get(t->txn, t->s->dbi[DB_REC], &k, &v);
	if (rc == MDB_NOTFOUND) {
		report(vf, AS_TR("记录 %s 有 %zu 个历史事件，但记录本身不见了"
		    "——它在程序之外被删除了", "record %s has %zu history "
		    "events but the record is missing — it was deleted outside "
		    "the program"), ch->id, ch->nevents);
		rc = 0;
		goto out;
	}
	if (rc != 0) {
		rc = store_txn_err(t, rc, err, "verifying records");
		goto out;
	}
	as_err_clear(&de);
	if (store_rec_decode(v.mv_data, v.mv_size, &r, &de) != 0)
		goto out;   /* verify_records reports it */
	if (ch->broken || ch->rec == NULL) {
		if (r->rev != ch->last_rev)
			report(vf, AS_TR("记录 %s 是第 %llu 版，但它最后的"
			    "历史事件 %llu 说是第 %llu 版——记录在程序之外被"
			    "修改过", "record %s is at revision %llu but its "
			    "last history event %llu says revision %llu — the "
			    "record was changed outside the program"), ch->id,
			    (ull)r->rev, (ull)ch->last_seq, (ull)ch->last_rev);
	} else
		compare(vf, ch, r);
	store_rec_free(&r);
out:
	store_rec_free(&ch->rec);
	memset(ch, 0, sizeof *ch);
	return rc;
}

/*
 * Walk rhist, one record's events after the other in log order: each
 * entry's event exists, belongs to the record and links back to the one
 * before it; the events replayed build the record, which must equal the
 * stored one.  One pass over the history.
 */
static int
verify_chains(struct store_txn *t, struct verify *vf, struct as_err *err)
{
	struct store *s = t->s;
	struct chain ch;
	struct store_event *e;
	struct as_err de;
	MDB_cursor *c;
	MDB_val k, v, hk, hv;
	unsigned char kb[8];
	uint64_t seq, done = 0;
	int rc, mrc, hrc;

	memset(&ch, 0, sizeof ch);
	if ((rc = mdb_cursor_open(t->txn, s->dbi[DB_RHIST], &c)) != 0)
		return store_txn_err(t, rc, err, "verifying history");
	for (mrc = mdb_cursor_get(c, &k, &v, MDB_FIRST); mrc == 0;
	    mrc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		store_progress(t, s->dbi[DB_RHIST], AS_TR("核对历史链",
		    "verify: chains"), &done);
		if (k.mv_size > STORE_MAXKEY)
			continue;
		if (k.mv_size != strlen(ch.id) ||
		    memcmp(k.mv_data, ch.id, k.mv_size) != 0) {
			if ((rc = chain_end(t, vf, &ch, err)) != 0)
				goto out;
			memcpy(ch.id, k.mv_data, k.mv_size);
			ch.linked = 1;
		}
		if (v.mv_size != 8) {
			report(vf, AS_TR("记录 %s 的历史列表中有一条格式不对"
			    "的条目", "the history list of record %s holds a "
			    "malformed entry"), ch.id);
			ch.broken = 1;
			continue;
		}
		seq = store_get_u64(v.mv_data);
		store_put_u64(kb, seq);
		hk.mv_size = 8;
		hk.mv_data = kb;
		hrc = mdb_get(t->txn, s->dbi[DB_HIST], &hk, &hv);
		if (hrc == MDB_NOTFOUND) {
			report(vf, AS_TR("记录 %s 的历史列出了事件 %llu，但"
			    "日志中没有它——它被删除了", "the history of record "
			    "%s lists event %llu, which is not in the log — it "
			    "was deleted"), ch.id, (ull)seq);
			ch.linked = 0;
			ch.broken = 1;
			continue;
		}
		if (hrc != 0) {
			rc = store_txn_err(t, hrc, err, "verifying history");
			goto out;
		}
		as_err_clear(&de);
		if (store_event_decode(hv.mv_data, hv.mv_size, &e, &de) != 0) {
			ch.linked = 0;
			ch.broken = 1;
			continue;
		}
		if (strcmp(e->rec_id, ch.id) != 0) {
			report(vf, AS_TR("记录 %s 的历史列出了事件 %llu，但"
			    "它属于记录 %s", "the history of record %s lists "
			    "event %llu, which belongs to record %s"), ch.id,
			    (ull)seq, e->rec_id);
			ch.broken = 1;
		} else {
			if (ch.linked && memcmp(e->prev_rec, ch.prev,
			    STORE_HASH_LEN) != 0 && memcmp(e->prev_rec, ch.alt,
			    STORE_HASH_LEN) != 0)
				report(vf, AS_TR("历史事件 %llu（记录 %s）：它"
				    "与该记录前一事件的链接不符——该记录的某个"
				    "事件被改动或删除了", "history event %llu "
				    "(record %s): its link to the record's "
				    "previous event does not match — an event of "
				    "this record was altered or deleted"),
				    (ull)seq, ch.id);
			if (!ch.broken)
				replay(vf, &ch, e);
		}
		memcpy(ch.prev, e->hash, STORE_HASH_LEN);
		store_sha256(hv.mv_data, hv.mv_size - STORE_HASH_LEN, ch.alt);
		ch.linked = 1;
		ch.nevents++;
		ch.last_seq = seq;
		ch.last_rev = e->rev;
		store_event_free(&e);
	}
	if (mrc != MDB_NOTFOUND)
		rc = store_txn_err(t, mrc, err, "verifying history");
	else
		rc = chain_end(t, vf, &ch, err);
out:
	store_rec_free(&ch.rec);
	mdb_cursor_close(c);
	return rc;
}

static int
has_key(const struct store_keys *keys, const char *key)
{
	size_t lo = 0, hi = keys->n, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(keys->v[mid], key);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Index entries that no record produces. */
static int
verify_extra(struct store_txn *t, struct verify *vf, struct as_err *err)
{
	struct store *s = t->s;
	struct store_keys keys = {0};
	struct store_rec *r;
	struct as_err de;
	MDB_cursor *c;
	MDB_val k, v, rv;
	char kb[STORE_MAXKEY + 1], ib[STORE_MAXKEY + 1], *pk;
	int rc, norec = 0;

	ib[0] = '\0';
	if ((rc = mdb_cursor_open(t->txn, s->dbi[DB_IDX], &c)) != 0)
		return store_txn_err(t, rc, err, "verifying indexes");
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if (k.mv_size > STORE_MAXKEY || v.mv_size > STORE_MAXKEY)
			continue;
		memcpy(kb, k.mv_data, k.mv_size);
		kb[k.mv_size] = '\0';
		if (v.mv_size != strlen(ib) ||
		    memcmp(v.mv_data, ib, v.mv_size) != 0) {
			store_keys_free(&keys);
			memcpy(ib, v.mv_data, v.mv_size);
			ib[v.mv_size] = '\0';
			rc = mdb_get(t->txn, s->dbi[DB_REC], &v, &rv);
			if (rc != 0 && rc != MDB_NOTFOUND)
				break;
			norec = rc == MDB_NOTFOUND;
			as_err_clear(&de);
			if (rc == 0 && store_rec_decode(rv.mv_data, rv.mv_size,
			    &r, &de) == 0) {
				store_rec_keys(s, r, &keys);
				store_rec_free(&r);
			} else if (rc == 0) {
				ib[0] = '\0';
				continue;
			}
			rc = 0;
		}
		if (!has_key(&keys, kb)) {
			pk = store_printable(kb, k.mv_size);
			report(vf, AS_TR("索引条目“%s”-> %s %s——它是在程序"
			    "之外加入的", "index entry \"%s\" -> %s %s — it was "
			    "added outside the program"), pk, ib, norec ?
			    AS_TR("没有指向任何记录", "points to no record") :
			    AS_TR("不是由该记录产生的", "is not produced by "
			    "the record"));
			free(pk);
		}
	}
	store_keys_free(&keys);
	mdb_cursor_close(c);
	if (rc != MDB_NOTFOUND)
		return store_txn_err(t, rc, err, "verifying indexes");
	return 0;
}

/* Every record decodes and every key it produces is in "idx". */
static int
verify_records(struct store_txn *t, struct verify *vf, struct as_err *err)
{
	struct store *s = t->s;
	struct store_keys keys = {0};
	struct store_rec *r;
	struct as_err de;
	MDB_cursor *c, *ic;
	MDB_val k, v, ik, iv, hk, hv;
	MDB_stat st;
	int hrc, bad;
	uint64_t expected = 0, missing = 0, done = 0;
	size_t i;
	char *pk;
	int rc;

	if ((rc = mdb_cursor_open(t->txn, s->dbi[DB_REC], &c)) != 0)
		return store_txn_err(t, rc, err, "verifying records");
	if ((rc = mdb_cursor_open(t->txn, s->dbi[DB_IDX], &ic)) != 0) {
		mdb_cursor_close(c);
		return store_txn_err(t, rc, err, "verifying indexes");
	}
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		store_progress(t, s->dbi[DB_REC], AS_TR("核对记录",
		    "verify: records"), &done);
		if (s->have[DB_RHIST] && k.mv_size > 0 &&
		    k.mv_size <= STORE_MAXKEY) {
			hk = k;
			hrc = mdb_get(t->txn, s->dbi[DB_RHIST], &hk, &hv);
			if (hrc == MDB_NOTFOUND)
				report(vf, AS_TR("记录 %.*s 没有历史——它是在"
				    "程序之外加入的", "record %.*s has no history "
				    "— it was added outside the program"),
				    (int)k.mv_size, (char *)k.mv_data);
			else if (hrc != 0) {
				rc = hrc;
				break;
			}
		}
		as_err_clear(&de);
		if (store_rec_decode(v.mv_data, v.mv_size, &r, &de) != 0) {
			report(vf, AS_TR("记录 %.*s 无法读取：%s",
			    "record %.*s cannot be read: %s"), (int)k.mv_size,
			    (char *)k.mv_data, de.msg);
			continue;
		}
		if (k.mv_size != strlen(r->id) ||
		    memcmp(k.mv_data, r->id, k.mv_size) != 0)
			report(vf, AS_TR("记录 %.*s 自称是记录 %s——它在程序"
			    "之外被修改过", "record %.*s says it is record %s — "
			    "it was changed outside the program"),
			    (int)k.mv_size, (char *)k.mv_data, r->id);
		store_rec_keys(s, r, &keys);
		expected += keys.n;
		for (i = 0; i < keys.n; i++) {
			ik.mv_size = strlen(keys.v[i]);
			ik.mv_data = keys.v[i];
			iv = k;
			hrc = mdb_cursor_get(ic, &ik, &iv, MDB_GET_BOTH);
			if (hrc == 0)
				continue;
			if (hrc != MDB_NOTFOUND)
				break;
			missing++;
			pk = store_printable(keys.v[i], strlen(keys.v[i]));
			report(vf, AS_TR("索引条目“%s”-> %.*s 不见了——查找和"
			    "列表将显示不出这条记录", "index entry \"%s\" -> "
			    "%.*s is missing — searches and lists would not show "
			    "the record"), pk, (int)k.mv_size,
			    (char *)k.mv_data);
			free(pk);
		}
		bad = i < keys.n;   /* a damaged page: not a finding */
		store_keys_free(&keys);
		store_rec_free(&r);
		if (bad) {
			rc = hrc;
			break;
		}
	}
	mdb_cursor_close(ic);
	mdb_cursor_close(c);
	if (rc != MDB_NOTFOUND)
		return store_txn_err(t, rc, err, "verifying records");
	if ((rc = mdb_stat(t->txn, s->dbi[DB_IDX], &st)) != 0)
		return store_txn_err(t, rc, err, "verifying indexes");
	if (st.ms_entries != expected - missing)
		return verify_extra(t, vf, err);
	return 0;
}

static void
ledger_report(const char *msg, void *ctx)
{
	report(ctx, "%s", msg);
}

static int
verify_txn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct verify *vf = ctx;
	struct store *s = t->s;
	int rc = 0;

	store_keys_free(&vf->mv);   /* a transaction run again */
	if (s->have[DB_HIST] && s->have[DB_RHIST] &&
	    ((rc = verify_log(t, vf, err)) != 0 ||
	    (rc = verify_chains(t, vf, err)) != 0))
		return rc;
	if (s->have[DB_REC] && s->have[DB_IDX] &&
	    (rc = verify_records(t, vf, err)) != 0)
		return rc;
	return store_ledger_verify(t, &vf->mv, ledger_report, vf, err);
}

int
store_verify(struct store *s, store_problem_fn problem, void *ctx,
	     struct as_err *err)
{
	struct verify vf = { problem, ctx, 0, {0} };
	int rc;

	/*
	 * A walk cut short (a damaged page) is one more problem: the
	 * problems found before it are reported all the same.
	 */
	if ((rc = store_read(s, verify_txn, &vf, err)) != 0)
		report(&vf, "%s", err->msg[0] ? err->msg : as_strerror(rc));
	store_keys_free(&vf.mv);
	if (vf.count > 0)
		return as_err_set(err, AS_E_CORRUPT, AS_TR("数据库 %s 未通过"
		    "核对：发现 %zu 个问题%s", "database %s failed "
		    "verification: %zu problem%s found"), s->dir, vf.count,
		    AS_TR("", vf.count == 1 ? "" : "s"));
	return 0;
}

/* 1 if folder dir has any entry, 0 if empty, negative errno. */
static int
dir_used(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int used = 0;

	if ((d = opendir(dir)) == NULL)
		return -errno;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			used = 1;
			break;
		}
	}
	closedir(d);
	return used;
}

/*
 * Remove what a failed backup made: the temporary file, and the folder
 * when the backup created it.
 */
static void
backup_undo(const char *tmp, const char *dest, int made)
{
	if (tmp != NULL)
		unlink(tmp);
	if (made)
		rmdir(dest);
	store_damage_cleanup(NULL, NULL);
}

/*
 * The progress of a backup: mdb_env_copyfd2 is one call, so a thread
 * reports the size of the copy (fd) five times a second against the
 * pages the database uses (the compacted copy is at most that), at least
 * once, until done is set.
 */
struct backup_watch {
	int fd;
	uint64_t total;
	int done;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static void *
backup_watch(void *arg)
{
	struct backup_watch *w = arg;
	struct timespec ts;
	struct stat st;

	pthread_mutex_lock(&w->mu);
	for (;;) {   /* at least once, however short the copy */
		if (fstat(w->fd, &st) == 0)
			as_progress(AS_TR("备份", "backup"), AS_PROG_BYTES,
				    (uint64_t)st.st_size, w->total);
		if (w->done)
			break;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 200000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&w->cv, &w->mu, &ts);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* mdb_env_copyfd2(COMPACT) into fd, reporting its progress if wanted. */
static int
backup_copy(struct store *s, int fd)
{
	struct backup_watch w = { fd, 0, 0, PTHREAD_MUTEX_INITIALIZER,
				  PTHREAD_COND_INITIALIZER };
	MDB_envinfo info;
	MDB_stat st;
	pthread_t th;
	int rc;

	if (!as_progress_on() || mdb_env_info(s->env, &info) != 0 ||
	    mdb_env_stat(s->env, &st) != 0)
		return mdb_env_copyfd2(s->env, fd, MDB_CP_COMPACT);
	w.total = (uint64_t)(info.me_last_pgno + 1) * st.ms_psize;
	if (pthread_create(&th, NULL, backup_watch, &w) != 0)
		return mdb_env_copyfd2(s->env, fd, MDB_CP_COMPACT);
	rc = mdb_env_copyfd2(s->env, fd, MDB_CP_COMPACT);
	pthread_mutex_lock(&w.mu);
	w.done = 1;
	pthread_cond_signal(&w.cv);
	pthread_mutex_unlock(&w.mu);
	pthread_join(th, NULL);
	return rc;
}

/*
 * The copy goes to a temporary file in the destination folder, created
 * 0600 and given the group and mode of the database's data.mdb (never
 * more than 0660) before anything is written into it; it is synced and
 * only then renamed to data.mdb, and the folder synced.  A failure (a full
 * disk) removes the temporary file and a folder the backup created, so
 * nothing half-written is left and the same command can run again; a
 * damaged database that ends the process does the same (damage.c).
 */
int
store_backup(struct store *s, const char *dest, struct as_err *err)
{
	struct stat st, src;
	char *path, *tmp = NULL, *final = NULL;
	mode_t mode;
	int rc, fd = -1, dfd, made = 0;

	if (s->busy)
		return as_err_set(err, AS_E_STORE, "database %s: a backup "
		    "cannot run inside a transaction", s->dir);
	path = xasprintf("%s/data.mdb", s->dir);
	rc = stat(path, &src);
	free(path);
	if (rc != 0) {
		rc = -errno;
		return as_err_set(err, rc, AS_TR("不能读取数据库 %s：%s",
		    "cannot read database %s: %s"), s->dir, as_strerror(rc));
	}
	mode = (src.st_mode & 0660) | 0600;
	if (stat(dest, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return as_err_set(err, -ENOTDIR, AS_TR("备份目标 %s "
			    "不是目录；请指定一个新的或空的目录", "backup "
			    "destination %s is not a folder; name a new or "
			    "empty folder"), dest);
		if ((rc = dir_used(dest)) < 0)
			return as_err_set(err, rc, AS_TR("不能读取备份目录 "
			    "%s：%s", "cannot read backup folder %s: %s"),
			    dest, as_strerror(rc));
		if (rc > 0)
			return as_err_set(err, AS_E_EXISTS, AS_TR("备份目录 "
			    "%s 不是空的；请指定一个新的或空的目录，以免覆盖"
			    "任何内容", "backup folder %s is not empty; name a "
			    "new or empty folder so that nothing is "
			    "overwritten"), dest);
	} else if (mkdir(dest, 0700) != 0) {
		rc = -errno;
		return as_err_set(err, rc, AS_TR("不能创建备份目录 %s：%s",
		    "cannot create backup folder %s: %s"), dest,
		    as_strerror(rc));
	} else {
		made = 1;
		/* like the database folder: its group, setgid, 2770 */
		if (chown(dest, (uid_t)-1, src.st_gid) != 0 ||
		    chmod(dest, 02770) != 0) {
			rc = -errno;
			backup_undo(NULL, dest, made);
			return as_err_set(err, rc, "cannot give backup folder "
			    "%s the group and mode of the database: %s", dest,
			    as_strerror(rc));
		}
	}
	tmp = xasprintf("%s/.data.mdb.partial-XXXXXX", dest);
	final = xasprintf("%s/data.mdb", dest);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		rc = -errno;
		as_err_set(err, rc, "cannot create the backup in %s: %s", dest,
		    as_strerror(rc));
		free(tmp);
		tmp = NULL;
		goto fail;
	}
	store_damage_cleanup(tmp, made ? dest : NULL);
	if (fchown(fd, (uid_t)-1, src.st_gid) != 0 || fchmod(fd, mode) != 0) {
		rc = -errno;
		as_err_set(err, rc, "cannot give the backup %s the group and "
		    "mode of the database: %s", final, as_strerror(rc));
		goto fail;
	}
	rc = backup_copy(s, fd);
	if (rc == 0 && fsync(fd) != 0)
		rc = errno;
	if (close(fd) != 0 && rc == 0)
		rc = errno;
	fd = -1;
	if (rc == ENOSPC || rc == EDQUOT) {
		as_err_set(err, -ENOSPC, "disk full while writing the backup "
		    "into %s; nothing was left there; free space and try "
		    "again", dest);
		goto fail;
	}
	if (rc != 0) {
		as_err_set(err, rc > 0 ? -rc : AS_E_STORE, "backup of database "
		    "%s into %s failed: %s; nothing was left there", s->dir,
		    dest, mdb_strerror(rc));
		goto fail;
	}
	if (rename(tmp, final) != 0) {
		rc = -errno;
		as_err_set(err, rc, "cannot name the backup %s: %s", final,
		    as_strerror(rc));
		goto fail;
	}
	store_damage_cleanup(NULL, NULL);
	if ((dfd = open(dest, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(final);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	backup_undo(tmp, dest, made);
	free(tmp);
	free(final);
	return err->code != 0 ? err->code : AS_E_STORE;
}

struct poke {
	uint64_t seq;
	const void *p;
	size_t n;
	const char *key, *id;
	unsigned format;
	struct as_buf *out;
};

static int
poke_txn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct poke *pk = ctx;
	unsigned char kb[8];
	MDB_val k = { 8, kb }, v;
	int rc;

	store_put_u64(kb, pk->seq);
	if (!t->s->have[DB_HIST] ||
	    (rc = mdb_get(t->txn, t->s->dbi[DB_HIST], &k, &v)) == MDB_NOTFOUND)
		return as_err_set(err, AS_E_NOTFOUND, "history event %llu "
		    "does not exist", (ull)pk->seq);
	if (rc != 0)
		return store_txn_err(t, rc, err, "reading history");
	if (pk->out != NULL) {
		buf_add(pk->out, v.mv_data, v.mv_size);
		return 0;
	}
	if (pk->p == NULL)
		rc = st_del(t, t->s->dbi[DB_HIST], &k, NULL);
	else {
		v.mv_size = pk->n;
		v.mv_data = (void *)pk->p;
		rc = st_put(t, t->s->dbi[DB_HIST], &k, &v, 0);
	}
	if (rc != 0)
		return store_txn_err(t, rc, err, "writing history");
	return 0;
}

int
store_debug_poke_event(struct store *s, uint64_t seq, const void *p,
		       size_t n, struct as_err *err)
{
	struct poke pk = { seq, p, n, NULL, NULL, 0, NULL };

	return store_write(s, poke_txn, &pk, err);
}

int
store_debug_peek_event(struct store *s, uint64_t seq, struct as_buf *out,
		       struct as_err *err)
{
	struct poke pk = { seq, NULL, 0, NULL, NULL, 0, out };

	return store_read(s, poke_txn, &pk, err);
}

static int
del_index_txn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct poke *pk = ctx;
	MDB_val k = { strlen(pk->key), (void *)pk->key };
	MDB_val v = { strlen(pk->id), (void *)pk->id };
	int rc;

	rc = st_del(t, t->s->dbi[DB_IDX], &k, &v);
	if (rc == MDB_NOTFOUND)
		return as_err_set(err, AS_E_NOTFOUND, "no index entry %s -> "
		    "%s", pk->key, pk->id);
	return rc ? store_txn_err(t, rc, err, "removing an index entry") : 0;
}

int
store_debug_del_index(struct store *s, const char *key, const char *id,
		      struct as_err *err)
{
	struct poke pk = { 0, NULL, 0, key, id, 0, NULL };

	return store_write(s, del_index_txn, &pk, err);
}

static int
set_format_txn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct poke *pk = ctx;
	char num[32];
	MDB_val k = { 6, (void *)"format" }, v;
	int rc;

	snprintf(num, sizeof num, "%u", pk->format);
	v.mv_size = strlen(num);
	v.mv_data = num;
	rc = st_put(t, t->s->dbi[DB_META], &k, &v, 0);
	return rc ? store_txn_err(t, rc, err, "writing the format") : 0;
}

int
store_debug_set_format(struct store *s, unsigned n, struct as_err *err)
{
	struct poke pk = { 0, NULL, 0, NULL, NULL, n, NULL };

	return store_write(s, set_format_txn, &pk, err);
}

void
store_progress(struct store_txn *t, MDB_dbi dbi, const char *what,
	       uint64_t *done)
{
	MDB_stat st;

	if (++*done % 256 != 0 || !as_progress_on())
		return;
	as_progress(what, 0, *done, mdb_stat(t->txn, dbi, &st) == 0 ?
		    st.ms_entries : 0);
}
