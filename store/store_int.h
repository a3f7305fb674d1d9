/*
 * store_int.h - private to store/: the handles behind the opaque types of
 * store.h, the LMDB error mapping and the event codec shared by the .c
 * files of this folder.  Nothing outside store/ includes it.
 */
#ifndef AS_STORE_INT_H
#define AS_STORE_INT_H

#include <lmdb.h>

#include "store.h"

enum {
	DB_META,
	DB_REC,
	DB_SEQ,
	DB_IDX,
	DB_HIST,
	DB_RHIST,
	DB_JRNL,	/* the stock ledger's journal (ledger.c) */
	DB_BAL,		/* its balances per account and part */
	DB_JPART,	/* its movements per part and account */
	DB_COUNT
};

/* Longest key (and DUPSORT value) LMDB accepts with its default build. */
#define STORE_MAXKEY 511

struct store {
	MDB_env *env;
	char *dir;
	MDB_dbi dbi[DB_COUNT];
	int have[DB_COUNT];	/* 0: absent in a read-only open (= empty) */
	int readonly;
	int busy;		/* a transaction of this handle is running */
	int ready;		/* named databases open: reads may be reset
				   and kept (a read that opens them must
				   commit, or LMDB closes the handles) */
	MDB_txn *rtxn;		/* a reset read txn kept for the next read:
				   renewing it skips the reader-table lock */
	store_index_fn index_fn;
	void *index_ctx;
	struct store_stats stats;
	MDB_txn *btxn;		/* the open write transaction of a batch
				   (store_batch_begin), or NULL */
	int bfail;		/* the batch failed: only store_batch_end */
	uint64_t bsteps;	/* transactions run inside the batch */
	unsigned idx_want;	/* the index format of index_fn, 0: unchecked */
	int idx_stale;		/* the records were indexed in another
				   format: every write is refused but
				   reindex's (store_index_stale) */
	unsigned long idx_old;	/* that format (0: its mark is damaged) */
	int idx_fixing;		/* reindex is running: it may write */
	/*
	 * The record this handle wrote last (store_put, store_put_new): its
	 * id, its encoding and its index keys.  A store_put of that id that
	 * finds these very bytes stored knows their keys without decoding
	 * the record (the demo walks one record through its steps); any
	 * other bytes, written since or rolled back, are decoded (records.c).
	 */
	char *last_id;
	struct as_buf last_val;
	struct store_keys last_keys;
	int last_old;		/* that write replaced a stored record (it
				   has events: history.c looks its last up
				   first, no append to rhist is tried) */
	/*
	 * The event this handle appended last: its record, number and hash
	 * (history.c; trusted only while the log still ends with it).
	 */
	char hl_id[STORE_MAXKEY + 1];	/* "": none */
	uint64_t hl_seq;
	unsigned char hl_hash[STORE_HASH_LEN];
};

/* env.c: mark the index as made in the format of index_fn. */
int st_index_mark(struct store_txn *t, struct as_err *err);

struct store_txn {
	struct store *s;
	MDB_txn *txn;
	int write;
	/*
	 * MDB_MAP_FULL, MDB_MAP_RESIZED or MDB_READERS_FULL seen inside the
	 * transaction: whatever fn returns, the runner aborts and retries.
	 */
	int fail;
	/*
	 * Set by the first write (st_put, st_del, st_drop): a step of a batch
	 * refused before it wrote anything leaves the batch whole.
	 */
	int dirty;
	/*
	 * This transaction appended the log's last event, the handle's
	 * hl_seq and hl_hash: the next append needs no look-up
	 * (store_hist_append).
	 */
	int hlast;
};

/* The writes of a transaction, each marking it dirty. */
static inline int
st_put(struct store_txn *t, MDB_dbi dbi, MDB_val *k, MDB_val *v,
       unsigned flags)
{
	t->dirty = 1;
	return mdb_put(t->txn, dbi, k, v, flags);
}

static inline int
st_del(struct store_txn *t, MDB_dbi dbi, MDB_val *k, MDB_val *v)
{
	t->dirty = 1;
	return mdb_del(t->txn, dbi, k, v);
}

static inline int
st_drop(struct store_txn *t, MDB_dbi dbi, int del)
{
	t->dirty = 1;
	return mdb_drop(t->txn, dbi, del);
}

/*
 * Map LMDB (or errno) code rc of operation what to an as_code with a
 * sentence naming the folder; returns the code.
 */
int store_mdb_err(struct store *s, int rc, struct as_err *err,
		  const char *what);
/* Same inside a transaction: also remembers the codes that need a retry. */
int store_txn_err(struct store_txn *t, int rc, struct as_err *err,
		  const char *what);
/* 0, or the code to return at once because the transaction failed. */
int store_txn_check(struct store_txn *t, struct as_err *err);
/*
 * One more entry of table dbi walked by long work (verify, reindex): *done
 * counts it, and every 256th is reported to the progress line
 * (as_progress) as what, against the table's entries.
 */
void store_progress(struct store_txn *t, MDB_dbi dbi, const char *what,
		    uint64_t *done);
/* Run fn in a write transaction even on a read-only handle's open path. */
int store_run(struct store *s, int write, store_txn_fn fn, void *ctx,
	      struct as_err *err);

/* Events: content (everything but the hash) and its decoder. */
void store_event_encode_content(const struct store_event *e,
				struct as_buf *out);
/* Decode a whole stored value (content then hash). */
int store_event_decode(const void *p, size_t n, struct store_event **out,
		       struct as_err *err);
void store_sha256(const void *p, size_t n, unsigned char out[STORE_HASH_LEN]);

/*
 * The fields a scan keeps: their ids, and which first bytes they have
 * (most fields of a record are passed over on their first byte).
 */
struct store_fields {
	const char *const *id;
	size_t n;
	unsigned char first[32];   /* bit b: an id begins with byte b */
};
void store_fields_init(struct store_fields *f, const char *const *id,
		       size_t n);
/*
 * store_rec_decode into rec, a scratch record of a scan (start it zeroed),
 * reusing its fields array and arena from one record to the next: its
 * type, id, state and extension live in the arena too, so it is freed
 * only with store_rec_scratch_free, never store_rec_free.  The decoded
 * record is valid until the next decode into rec.  want (NULL: every
 * field): the only fields to keep; the others' strings are passed over,
 * not copied (their NULs not checked).
 */
int store_rec_decode_scratch(const void *p, size_t n,
			     const struct store_fields *want,
			     struct store_rec *rec, struct as_err *err);
void store_rec_scratch_free(struct store_rec *rec);

void store_put_u64(unsigned char b[8], uint64_t v);
uint64_t store_get_u64(const void *p);

/* Sort and remove duplicates. */
void store_keys_sort(struct store_keys *k);
/* store_id_cmp on counted strings (the LMDB comparator of ids). */
int store_id_cmpn(const char *a, size_t na, const char *b, size_t nb);
/* The sorted, unique index keys of r (empty without an index function). */
void store_rec_keys(struct store *s, const struct store_rec *r,
		    struct store_keys *out);

/*
 * Damage (damage.c).  store_file_check reads the meta pages of
 * dir/data.mdb before LMDB maps it: 0 when they are sound and the file is
 * as long as they say, -ENOENT when there is no data.mdb, AS_E_CORRUPT
 * with a sentence otherwise.  store_damage_track registers the map of s
 * with the fault handlers (installed on the first call) and the assertion
 * hook; call it again after every remap; store_damage_untrack before
 * mdb_env_close.  store_damage_sentence sets err to the damaged-file
 * sentence (detail may be NULL) and returns AS_E_CORRUPT.
 */
int store_file_check(const char *dir, struct as_err *err);
void store_damage_track(struct store *s);
void store_damage_untrack(struct store *s);
int store_damage_sentence(const char *dir, const char *detail,
			  struct as_err *err);
/*
 * While a backup writes: the temporary file (and the folder it made, may
 * be NULL) that a damaged database ending the process must remove.  NULL
 * clears.
 */
void store_damage_cleanup(const char *file, const char *dir);

/*
 * The ledger's part of verify (ledger.c): mv is the "@mv" changes of the
 * history in log order, each as "DOC LINE ACCOUNT QTY PART"; every
 * balance is rebuilt from the journal and compared, the journal compared
 * with mv.  Each problem goes to report(msg, ctx); returns 0 or an error
 * that cut the walk short.
 */
int store_ledger_verify(struct store_txn *t, const struct store_keys *mv,
			void (*report)(const char *msg, void *ctx), void *ctx,
			struct as_err *err);

/* key as text for a message: control bytes as \xHH (caller frees). */
char *store_printable(const char *p, size_t n);

#endif
