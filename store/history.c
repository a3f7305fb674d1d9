/*
 * history.c - the append-only log of events.  "hist" maps the event's
 * sequence number (8 bytes, big-endian, so keys sort in log order and
 * appends use MDB_APPEND) to its encoding, which ends with the SHA-256 of
 * everything before it; "rhist" maps a record id to the sequence numbers
 * of its events.  Each event carries the hash of the log's previous event
 * and of its record's previous event, so both chains are found from the
 * last entries of those two databases: nothing else needs to be kept.
 */
#include <string.h>

#include "store_int.h"

/* The stored hash of event seq into out. */
static int
event_hash(struct store_txn *t, uint64_t seq, unsigned char *out,
	   struct as_err *err)
{
	unsigned char kb[8];
	MDB_val k = { 8, kb }, v;
	int rc;

	store_put_u64(kb, seq);
	rc = mdb_get(t->txn, t->s->dbi[DB_HIST], &k, &v);
	if (rc == MDB_NOTFOUND)
		return as_err_set(err, AS_E_CORRUPT, AS_TR("数据库 %s：历史事件 "
		    "%llu 已列出但不存在", "database %s: history event %llu "
		    "is listed but missing"), t->s->dir,
		    (unsigned long long)seq);
	if (rc != 0)
		return store_txn_err(t, rc, err, "reading history");
	if (v.mv_size < STORE_HASH_LEN)
		return as_err_set(err, AS_E_CORRUPT, AS_TR("数据库 %s：历史事件 "
		    "%llu 已损坏", "database %s: history event %llu is "
		    "damaged"), t->s->dir, (unsigned long long)seq);
	memcpy(out, (unsigned char *)v.mv_data + v.mv_size - STORE_HASH_LEN,
	    STORE_HASH_LEN);
	return 0;
}

/* The last sequence number of the log (0: empty) and its hash. */
static int
log_last(struct store_txn *t, uint64_t *seq, unsigned char *hash,
	 struct as_err *err)
{
	MDB_cursor *c;
	MDB_val k, v;
	int rc;

	*seq = 0;
	memset(hash, 0, STORE_HASH_LEN);
	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_HIST], &c)) != 0)
		return store_txn_err(t, rc, err, "reading history");
	rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
	if (rc == 0) {
		if (k.mv_size != 8 || v.mv_size < STORE_HASH_LEN)
			rc = as_err_set(err, AS_E_CORRUPT, AS_TR("数据库 %s："
			    "最后一个历史事件已损坏", "database %s: the last "
			    "history event is damaged"), t->s->dir);
		else {
			*seq = store_get_u64(k.mv_data);
			memcpy(hash, (unsigned char *)v.mv_data + v.mv_size -
			    STORE_HASH_LEN, STORE_HASH_LEN);
		}
	} else if (rc == MDB_NOTFOUND)
		rc = 0;
	else
		rc = store_txn_err(t, rc, err, "reading history");
	mdb_cursor_close(c);
	return rc;
}

/* The hash of record id's last event, zeros when it has none. */
static int
rec_last(struct store_txn *t, const char *id, unsigned char *hash,
	 struct as_err *err)
{
	MDB_cursor *c;
	MDB_val k = { strlen(id), (void *)id }, v;
	int rc;

	memset(hash, 0, STORE_HASH_LEN);
	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_RHIST], &c)) != 0)
		return store_txn_err(t, rc, err, "reading history");
	rc = mdb_cursor_get(c, &k, &v, MDB_SET);
	if (rc == 0)
		rc = mdb_cursor_get(c, &k, &v, MDB_LAST_DUP);
	if (rc == 0) {
		if (v.mv_size != 8)
			rc = as_err_set(err, AS_E_CORRUPT, AS_TR("数据库 %s："
			    "记录 %s 的历史已损坏", "database %s: the history "
			    "of record %s is damaged"), t->s->dir, id);
		else
			rc = event_hash(t, store_get_u64(v.mv_data), hash,
			    err);
	} else if (rc == MDB_NOTFOUND)
		rc = 0;
	else
		rc = store_txn_err(t, rc, err, "reading history");
	mdb_cursor_close(c);
	return rc;
}

int
store_hist_append(struct store_txn *t, struct store_event *e,
		  struct as_err *err)
{
	struct store *s = t->s;
	struct as_buf b = {0};
	unsigned char kb[8];
	MDB_val k, v, rk, rv;
	uint64_t last;
	size_t idlen = strlen(e->rec_id);
	int rc, listed = 0;

	if ((rc = store_txn_check(t, err)) != 0)
		return rc;
	if (!t->write)
		return as_err_set(err, AS_E_STORE,
		    "database %s: a change inside a read transaction", s->dir);
	if (idlen == 0 || idlen > STORE_MAXKEY)
		return as_err_set(err, AS_E_INVALID,
		    "a history event names no record or a too long id");
	if (t->hlast) {
		/* this transaction appended the log's last event */
		last = s->hl_seq;
		memcpy(e->prev_log, s->hl_hash, STORE_HASH_LEN);
	} else if ((rc = log_last(t, &last, e->prev_log, err)) != 0)
		return rc;
	e->seq = last + 1;
	store_put_u64(kb, e->seq);
	/*
	 * The record's list of events first, when its id is the greatest
	 * (MDB_APPEND: an import's or a demo's new records): it had no
	 * events, so there is no previous one to look up.  Anywhere else it
	 * is put after the event, its previous event found (rec_last).  A
	 * record this handle just wrote over a stored one (store_put) has
	 * events: its previous one is looked up at once, without the
	 * attempt, which reads rhist's last pages for nothing (issue 13:
	 * two of a `do`'s page faults).  Either way gives the same lists.
	 */
	rk.mv_size = idlen;
	rk.mv_data = e->rec_id;
	rv.mv_size = 8;
	rv.mv_data = kb;
	if (last != 0 && s->hl_seq == last &&
	    memcmp(s->hl_hash, e->prev_log, STORE_HASH_LEN) == 0 &&
	    strcmp(s->hl_id, e->rec_id) == 0) {
		/*
		 * The log's last event is the one this handle appended last,
		 * and of this record: its last event too (a demo's steps
		 * walk one record).  No look-up in rhist.
		 */
		memcpy(e->prev_rec, s->hl_hash, STORE_HASH_LEN);
		rc = 0;
	} else if (s->last_old && s->last_id != NULL &&
	    strcmp(s->last_id, e->rec_id) == 0) {
		if ((rc = rec_last(t, e->rec_id, e->prev_rec, err)) != 0)
			return rc;
	} else if ((rc = st_put(t, s->dbi[DB_RHIST], &rk, &rv,
	    MDB_APPEND)) == 0) {
		listed = 1;
		memset(e->prev_rec, 0, STORE_HASH_LEN);
	} else if (rc != MDB_KEYEXIST)
		return store_txn_err(t, rc, err, "appending to history");
	else if ((rc = rec_last(t, e->rec_id, e->prev_rec, err)) != 0)
		return rc;
	store_event_encode_content(e, &b);
	store_sha256(b.data, b.len, e->hash);
	buf_add(&b, e->hash, STORE_HASH_LEN);
	k.mv_size = 8;
	k.mv_data = kb;
	v.mv_size = b.len;
	v.mv_data = b.data;
	rc = st_put(t, s->dbi[DB_HIST], &k, &v, MDB_APPEND);
	buf_free(&b);
	t->hlast = 0;
	if (rc != 0)
		return store_txn_err(t, rc, err, "appending to history");
	/*
	 * The event's number is the greatest of all: appended to its
	 * record's list (MDB_APPENDDUP), so that these pages fill instead of
	 * splitting in half.
	 */
	rc = 0;
	if (!listed)
		rc = st_put(t, s->dbi[DB_RHIST], &rk, &rv, MDB_APPENDDUP);
	if (rc == MDB_KEYEXIST)
		rc = st_put(t, s->dbi[DB_RHIST], &rk, &rv, 0);
	if (rc != 0)
		return store_txn_err(t, rc, err, "appending to history");
	t->hlast = 1;
	memcpy(s->hl_id, e->rec_id, idlen + 1);
	s->hl_seq = e->seq;
	memcpy(s->hl_hash, e->hash, STORE_HASH_LEN);
	return 0;
}

int
store_hist_for(struct store_txn *t, const char *id, store_event_visit fn,
	       void *ctx, struct as_err *err)
{
	struct store *s = t->s;
	struct store_event *e;
	struct as_err de;
	MDB_cursor *c;
	MDB_val k = { strlen(id), (void *)id }, v, hk, hv;
	unsigned char kb[8];
	uint64_t seq;
	int rc, mrc;

	if ((rc = store_txn_check(t, err)) != 0 || !s->have[DB_RHIST] ||
	    !s->have[DB_HIST] || k.mv_size == 0 || k.mv_size > STORE_MAXKEY)
		return rc;
	if ((rc = mdb_cursor_open(t->txn, s->dbi[DB_RHIST], &c)) != 0)
		return store_txn_err(t, rc, err, "reading history");
	mrc = mdb_cursor_get(c, &k, &v, MDB_SET);
	while (mrc == 0) {
		if (v.mv_size != 8) {
			rc = as_err_set(err, AS_E_CORRUPT, AS_TR("数据库 %s："
			    "记录 %s 的历史已损坏", "database %s: the history "
			    "of record %s is damaged"), s->dir, id);
			break;
		}
		seq = store_get_u64(v.mv_data);
		store_put_u64(kb, seq);
		hk.mv_size = 8;
		hk.mv_data = kb;
		mrc = mdb_get(t->txn, s->dbi[DB_HIST], &hk, &hv);
		if (mrc == MDB_NOTFOUND) {
			rc = as_err_set(err, AS_E_CORRUPT, AS_TR("数据库 %s："
			    "历史事件 %llu（记录 %s）不存在", "database %s: "
			    "history event %llu of record %s is missing"),
			    s->dir, (unsigned long long)seq, id);
			mrc = 0;
			break;
		}
		if (mrc != 0)
			break;
		as_err_clear(&de);
		if ((rc = store_event_decode(hv.mv_data, hv.mv_size, &e,
		    &de)) != 0) {
			rc = as_err_set(err, rc, AS_TR("数据库 %s：历史事件 "
			    "%llu（记录 %s）无法读取：%s", "database %s: history "
			    "event %llu of record %s cannot be read: %s"),
			    s->dir, (unsigned long long)seq, id, de.msg);
			break;
		}
		rc = fn(e, ctx);
		store_event_free(&e);
		if (rc != 0) {
			if (rc > 0)
				rc = 0;
			break;
		}
		mrc = mdb_cursor_get(c, &k, &v, MDB_NEXT_DUP);
	}
	mdb_cursor_close(c);
	if (mrc != 0 && mrc != MDB_NOTFOUND)
		return store_txn_err(t, mrc, err, "reading history");
	return rc;
}
