/*
 * store.h - the LMDB store of aftersales: one environment folder shared by
 * every user's process; records with a versioned codec, per-year
 * sequences, secondary indexes kept in the same transaction as the record,
 * and an append-only, hash-chained history.  Only store/ includes <lmdb.h>;
 * callers see opaque handles and get copies, never pointers into the map.
 *
 * Transactions are run through store_write()/store_read(), which take a
 * function to run inside one transaction.  store_write() commits when the
 * function returns 0 and aborts otherwise; on MDB_MAP_FULL it grows the
 * map and runs the function again from the start, on MDB_MAP_RESIZED it
 * adopts the new size and runs it again, on MDB_READERS_FULL it clears
 * stale readers and runs it again.  So the function must have no side
 * effects outside the transaction (or must be safe to repeat).
 */
#ifndef AS_STORE_H
#define AS_STORE_H

#include "../config/as_base.h"

#define STORE_HASH_LEN 32 /* SHA-256 */
#define STORE_FORMAT 1    /* the record codec / database format we write */

struct store;
struct store_txn;

/* One field of a record: key and value, both NUL-terminated UTF-8. */
struct store_field {
	char *key;
	char *val;
};

/*
 * A record, always owned by the caller (store_rec_free).  Fields the
 * current program does not know are kept and written back unchanged, so an
 * older binary never drops a newer field; ext holds codec sections this
 * version cannot read, kept verbatim.
 */
struct store_rec {
	char *type;     /* record type id, a key of records: */
	char *id;       /* record number, "C2026-000123" */
	uint64_t rev;   /* 1 on create, +1 on every write */
	char *state;    /* workflow state id */
	int64_t created;/* UTC seconds */
	int64_t updated;
	size_t nfields;
	struct store_field *fields;
	size_t extlen;
	unsigned char *ext;
	char *arena;    /* private to store/: a decoded record's field strings
			   live in this one block (fewer allocations) */
	size_t arenalen;
	size_t fieldcap; /* private to store/: room in fields (0: nfields) */
};

struct store_rec *store_rec_new(const char *type, const char *id,
				const char *state);
void store_rec_free(struct store_rec **r);
struct store_rec *store_rec_dup(const struct store_rec *r);
/*
 * Record ids sort in natural order: a run of digits compares by its
 * length first, so C2026-1000000 follows C2026-999999.  Every index and
 * scan of the store uses this order; so must anything that merges ids.
 */
int store_id_cmp(const char *a, const char *b);
/* Value of field key, or NULL. */
const char *store_rec_get(const struct store_rec *r, const char *key);
/* Set (or with val NULL remove) field key; copies both. */
void store_rec_set(struct store_rec *r, const char *key, const char *val);

/*
 * The record codec.  store_rec_encode appends the encoding of r to out.
 * store_rec_decode returns 0, AS_E_VERSION when the bytes need a newer
 * program, or AS_E_CORRUPT; *out is a new record on success.
 */
void store_rec_encode(const struct store_rec *r, struct as_buf *out);
int store_rec_decode(const void *p, size_t n, struct store_rec **out,
		     struct as_err *err);

/*
 * Index keys of a record.  The store calls the index function given at
 * open for the old and the new version of a record on every put, and keeps
 * the "idx" database equal to the union of the keys of all records.  A key
 * is an arbitrary byte string (convention: "name\x1fvalue"); each maps to
 * the ids of the records that produce it, in id order.  store_keys_add
 * cuts a key longer than 511 bytes (LMDB's limit) at a character
 * boundary and ignores an empty one.  Record ids are at most 511 bytes.
 */
struct store_keys {
	size_t n, cap;
	char **v;
};
void store_keys_add(struct store_keys *k, const char *key);
/* The same with key itself (allocated), which k now owns or frees. */
void store_keys_take(struct store_keys *k, char *key);
void store_keys_addf(struct store_keys *k, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void store_keys_free(struct store_keys *k);
typedef void (*store_index_fn)(const struct store_rec *r,
			       struct store_keys *out, void *ctx);

struct store_opts {
	unsigned maxreaders;      /* default 1022 */
	size_t mapsize;           /* initial map size, default 1 GiB */
	int create;               /* create the folder's database if missing */
	int readonly;             /* open MDB_RDONLY (status, verify, backup) */
	store_index_fn index_fn;  /* may be NULL: no secondary indexes */
	void *index_ctx;
	/*
	 * The format of the keys index_fn makes (0: not checked).  A new
	 * database, or one without records, is marked with it; one whose
	 * records were indexed in another format (or before the mark) is
	 * "stale": it reads, but every write except store_reindex is
	 * refused with AS_E_VERSION until store_reindex rebuilds the index
	 * and marks it.
	 */
	unsigned index_format;
};

/*
 * Open the environment in folder dir.  Errors: -ENOENT (no folder, or no
 * database and !create), -EACCES, AS_E_VERSION (written by a newer
 * incompatible version), AS_E_STORE.  Runs the stale-reader check.
 */
int store_open(const char *dir, const struct store_opts *opts,
	       struct store **out, struct as_err *err);
void store_close(struct store **s);
/*
 * 1 if the records were indexed in another format than opts.index_format
 * (see store_opts), with *old (may be NULL) that format: 1 for a database
 * from before the mark, 0 for a damaged mark.  0 if current.
 */
int store_index_stale(const struct store *s, unsigned long *old);
/*
 * For a process that exits next: ends the transactions of *s (the read
 * transaction kept for the next read gives back its reader slot, which
 * under MDB_NOTLS is the transaction's) and leaves the rest, the map, the
 * lock file, the descriptors and the handle, to the process's exit,
 * which takes them back faster than store_close's munmap(2)s one by one
 * (issue 13: 0.6 ms of a status).  *s is NULL after it.
 */
void store_leave(struct store **s);

/*
 * A damaged data.mdb never kills the process with a signal: store_open
 * refuses a file without a valid header or shorter than its header says,
 * and a fault inside the map of an open store (SIGBUS, SIGSEGV) or an
 * LMDB assertion writes "aftersales: the database file DIR/data.mdb is
 * damaged or shorter than its header says; restore it from a backup" to
 * stderr and ends the process with exit code 1 (see store/damage.c).
 * fn (NULL: none) runs first, inside the signal handler: it may only call
 * async-signal-safe functions (write, tcsetattr), e.g. to give the
 * terminal back; never curses.
 */
void store_set_fatal_hook(void (*fn)(void));

typedef int (*store_txn_fn)(struct store_txn *t, void *ctx,
			    struct as_err *err);
/* Run fn in one write transaction (see the top of this file). */
int store_write(struct store *s, store_txn_fn fn, void *ctx,
		struct as_err *err);
/* Run fn in one read transaction. */
int store_read(struct store *s, store_txn_fn fn, void *ctx,
	       struct as_err *err);

/*
 * A batch: from store_batch_begin to store_batch_end, every store_write
 * and store_read of this handle runs its function inside ONE write
 * transaction (the functions run as always, in order, each seeing what
 * the ones before wrote), committed durably by store_batch_commit (which
 * starts the next one at once) or store_batch_end(s, 1).  For work that
 * writes many steps in a row, the demo: one durable commit for hundreds
 * of steps.  Nothing of a batch is visible to other processes before its
 * commit, and the batch holds the database's writer lock throughout.
 * A function that fails before it wrote anything (a step refused by its
 * checks) leaves the batch as it was, as it would leave the database; one
 * that fails after a write fails the whole batch: everything
 * since the last commit is discarded and every later call returns
 * AS_E_RETRY (after MDB_MAP_FULL: the map has grown, the caller may run
 * its batch again from its last commit) or the error, until
 * store_batch_end.  Errors: AS_E_STORE (a batch already open; LMDB),
 * -EROFS on a read-only handle.
 */
int store_batch_begin(struct store *s, struct as_err *err);
int store_batch_commit(struct store *s, struct as_err *err);
/* End the batch: commit it (commit != 0, if it has not failed) or not. */
int store_batch_end(struct store *s, int commit, struct as_err *err);
/* Transactions run in the current batch since store_batch_begin. */
uint64_t store_batch_steps(struct store *s);
/*
 * Make sure the map has room for about bytes more than the database
 * holds now (an import or demo sizes it from its input first, so that
 * its transaction never has to run again after growing the map).
 */
int store_reserve(struct store *s, uint64_t bytes, struct as_err *err);

/* The id of the last committed transaction: changes => someone wrote. */
uint64_t store_last_txnid(struct store *s);
/*
 * A value of the database's own table (not a record, never in the history
 * or a backup's verify): the program keeps there what it can rebuild, such
 * as its compiled configuration.  store_meta_get gives a malloc'd copy of
 * the value of key (0), or AS_E_NOTFOUND if there is none; store_meta_put
 * sets it in a durable transaction of its own (AS_E_PERM, nothing
 * written, in a read-only open).
 */
int store_meta_get(struct store *s, const char *key, void **val, size_t *len,
		   struct as_err *err);
int store_meta_put(struct store *s, const char *key, const void *val,
		   size_t len, struct as_err *err);
/*
 * The value of key in place, without a copy: fn(val, len, ctx) runs
 * inside the read transaction (val is valid only there) and its result is
 * store_meta_view's; AS_E_NOTFOUND if there is none.
 */
int store_meta_view(struct store *s, const char *key,
		    int (*fn)(const void *val, size_t len, void *ctx),
		    void *ctx, struct as_err *err);

/* Clear stale reader slots (dead processes); returns how many. */
int store_reader_check(struct store *s);
/* Figures for the status line, the bench and the tests. */
struct store_stats {
	size_t mapsize;       /* current map size of this handle, bytes */
	unsigned grows;       /* map grown by this handle on MDB_MAP_FULL */
	unsigned resizes;     /* size adopted from another process */
	unsigned stale;       /* stale reader slots cleared */
	unsigned retries;     /* transactions run again for any of those */
};
void store_stats(struct store *s, struct store_stats *out);
/* Statistics for the UI and bench: number of records. */
int store_count(struct store_txn *t, uint64_t *nrecords, struct as_err *err);

/* Records. */
/* Copy record id into *out.  AS_E_NOTFOUND if absent. */
int store_get(struct store_txn *t, const char *id, struct store_rec **out,
	      struct as_err *err);
/*
 * Write r (insert or replace by r->id) and update the indexes from the
 * old version's keys to the new one's.  The caller sets rev/updated.
 */
int store_put(struct store_txn *t, const struct store_rec *r,
	      struct as_err *err);
/*
 * Bulk insert of new records with ids greater than any existing one
 * (imports): same as store_put but faster; AS_E_EXISTS on a duplicate.
 */
int store_put_new(struct store_txn *t, const struct store_rec *r,
		  struct as_err *err);

/*
 * Next value of the named sequence (starting at 1), e.g. "complaint/2026".
 */
int store_seq_next(struct store_txn *t, const char *name, uint64_t *out,
		   struct as_err *err);
/* The last value the named sequence gave (0: none yet), read only. */
int store_seq_get(struct store_txn *t, const char *name, uint64_t *out,
		  struct as_err *err);

/*
 * Visit records in id order starting at the first id >= from (NULL: the
 * first).  The visitor gets a decoded record it must not keep (it is freed
 * after the call; dup it to keep it) and returns 0 to go on, 1 to stop, or
 * a negative error.
 */
typedef int (*store_rec_visit)(const struct store_rec *r, void *ctx);
int store_scan(struct store_txn *t, const char *from, store_rec_visit fn,
	       void *ctx, struct as_err *err);
/* Same, backwards from the last id <= from (NULL: the last). */
int store_scan_back(struct store_txn *t, const char *from,
		    store_rec_visit fn, void *ctx, struct as_err *err);

/*
 * Visit the ids under index key (exact) or under every key starting with
 * key (prefix != 0), in key then id order, starting after id `after`
 * (NULL: from the first; in a prefix scan it is taken as an id under the
 * key equal to the prefix, so page a prefix scan with store_index_scan_at).
 * The visitor returns 0 to go on, 1 to stop, or a negative error.
 */
typedef int (*store_id_visit)(const char *key, const char *id, void *ctx);
int store_index_scan(struct store_txn *t, const char *key, int prefix,
		     const char *after, store_id_visit fn, void *ctx,
		     struct as_err *err);
/*
 * Resume a scan like store_index_scan after the entry (after_key,
 * after_id) that the visitor saw last (after_key NULL: from the start).
 * The way to page through a prefix scan.
 */
int store_index_scan_at(struct store_txn *t, const char *key, int prefix,
			const char *after_key, const char *after_id,
			store_id_visit fn, void *ctx, struct as_err *err);
/*
 * Visit the records whose ids are under the exact index key, in id order
 * (an id without a record is passed over), each decoded for the length of
 * the visitor's call; it returns 0 to go on, 1 to stop, or a negative
 * error.  The records are read through one cursor, which finds a record
 * on the page of the one before without a search from the root: the way
 * to read many records of one run (issue 13: the view bar's counts).
 */
int store_index_scan_recs(struct store_txn *t, const char *key,
			  store_rec_visit fn, void *ctx, struct as_err *err);
/*
 * store_index_scan_recs, each record with only the fields whose ids are
 * in want[0..nwant-1] (in their order in the record; the type, id, state,
 * revision and times always): for a visitor that reads those fields and
 * no other, as a queue's test of many records does.  The fields left out
 * are passed over, not copied, and read as unset.
 */
int store_index_scan_recs_some(struct store_txn *t, const char *key,
			       const char *const *want, size_t nwant,
			       store_rec_visit fn, void *ctx,
			       struct as_err *err);
/*
 * Visit the ids under the exact index key in reverse id order, starting
 * before id `before` (NULL: from the last): newest-first lists.
 */
int store_index_scan_back(struct store_txn *t, const char *key,
			  const char *before, store_id_visit fn, void *ctx,
			  struct as_err *err);
/*
 * Visit the ids under every key starting with prefix in reverse (key, id)
 * order, starting before the entry (before_key, before_id) that the
 * visitor saw last (before_key NULL: from the last entry; before_id NULL:
 * before every id under before_key).  The way to page a prefix scan
 * backwards.
 */
int store_index_scan_prefix_back(struct store_txn *t, const char *prefix,
				 const char *before_key,
				 const char *before_id, store_id_visit fn,
				 void *ctx, struct as_err *err);
/*
 * Visit the distinct index keys starting with prefix, in key order, each
 * with the number of ids under it (not the ids): per-period counts.  The
 * visitor returns 0 to go on, 1 to stop, or a negative error.
 */
typedef int (*store_key_visit)(const char *key, uint64_t n, void *ctx);
int store_index_keys(struct store_txn *t, const char *prefix,
		     store_key_visit fn, void *ctx, struct as_err *err);
/* Number of ids under the exact index key. */
int store_index_count(struct store_txn *t, const char *key, uint64_t *n,
		      struct as_err *err);

/* SHA-256 of the n bytes at p into out (core's seals use it too). */
void store_sha256(const void *p, size_t n, unsigned char out[STORE_HASH_LEN]);

/* History: an append-only log of events, hash-chained. */
struct store_change {
	char *field;
	char *old;  /* NULL: was unset */
	char *new;  /* NULL: now unset */
};

struct store_event {
	uint64_t seq;               /* position in the log, set on append */
	char *rec_id;
	int64_t when;               /* UTC seconds */
	char *who;                  /* login */
	char *action;               /* transition id, "create" or "edit" */
	char *from;                 /* state before (NULL on create) */
	char *to;                   /* state after */
	uint64_t rev;               /* record revision this event produced */
	char *type;                 /* record type, set in "create" events
				       (NULL: not kept, older events) */
	size_t nchanges;
	struct store_change *changes;
	unsigned char prev_rec[STORE_HASH_LEN]; /* hash of the record's previous
						   event, zeros for the first */
	unsigned char prev_log[STORE_HASH_LEN]; /* hash of the previous event
						   of the log, zeros first */
	unsigned char hash[STORE_HASH_LEN];     /* hash of this event */
	size_t changecap;           /* private to store/: room in changes
				       (0: nchanges) */
};

struct store_event *store_event_new(const char *rec_id, const char *who,
				    const char *action, const char *from,
				    const char *to);
void store_event_change(struct store_event *e, const char *field,
			const char *old, const char *new);
void store_event_free(struct store_event **e);
/* Replace the new value of change c (NULL: none) of an event. */
void store_change_set_new(struct store_change *c, const char *new);

/*
 * Append e to the log: sets seq, prev_rec, prev_log and hash (the caller
 * fills the rest).  Must run in the same write transaction as the put.
 */
int store_hist_append(struct store_txn *t, struct store_event *e,
		      struct as_err *err);
/* Visit the events of record id, oldest first; visitor as store_scan. */
typedef int (*store_event_visit)(const struct store_event *e, void *ctx);
int store_hist_for(struct store_txn *t, const char *id, store_event_visit fn,
		   void *ctx, struct as_err *err);

/*
 * Check everything that can be recomputed: each event's hash and both
 * chains; each record against its history replayed (the create event's
 * state, type and fields, then every event's changes, whose old values
 * must match what the events before give): state, revision, type, times
 * and every field, each difference named with record, field, the value
 * from the history and the stored one; records without history; and the
 * index database against the keys of every record.  One pass over the
 * history.  Each mismatch is reported to problem() as one sentence, and
 * so is an error that cuts the walk short (a damaged page).  Returns 0
 * when all is well, AS_E_CORRUPT when anything was reported.
 */
typedef void (*store_problem_fn)(const char *msg, void *ctx);
int store_verify(struct store *s, store_problem_fn problem, void *ctx,
		 struct as_err *err);

/*
 * Rebuild the index database from every record with the index function,
 * in one write transaction (after the index function gained keys: older
 * databases lack them, and verify reports each missing entry).
 * *nrecords (may be NULL) receives the number of records indexed.
 */
int store_reindex(struct store *s, uint64_t *nrecords, struct as_err *err);

/* A consistent compacted copy of the environment into folder dest. */
int store_backup(struct store *s, const char *dest, struct as_err *err);

/*
 * For tests only: overwrite the raw value of the history event seq with
 * the given bytes, bypassing every check (simulates tampering); with p
 * NULL, delete the event.  AS_E_NOTFOUND if there is no event seq.
 */
int store_debug_poke_event(struct store *s, uint64_t seq, const void *p,
			   size_t n, struct as_err *err);
/* For tests only: the raw encoded bytes of event seq (caller frees). */
int store_debug_peek_event(struct store *s, uint64_t seq, struct as_buf *out,
			   struct as_err *err);
/* For tests only: remove one index entry, bypassing the record. */
int store_debug_del_index(struct store *s, const char *key, const char *id,
			  struct as_err *err);
/* For tests only: write format number n into the database's meta. */
int store_debug_set_format(struct store *s, unsigned n, struct as_err *err);

/*
 * The stock ledger (ledger.c, R2 §3.7): an append-only journal of
 * movements and the balance of every (account, part), both written in
 * the write transaction of the step that moves the stock.  A movement
 * names its document (record number) and line, the account (a unit id),
 * the part (its code) and a signed quantity; it is also recorded in the
 * step's history event as a change of the reserved field "@mv" (value
 * "LINE ACCOUNT QTY PART", "LINE ACCOUNT@REF QTY PART" with a
 * reference), so the journal is part of the hash chain:
 * verify compares the journal with the history and rebuilds every
 * balance from the journal.  Fields starting with "@" are not record
 * fields: verify's replay skips them.
 */
#define STORE_MOVE_FIELD "@mv"

struct store_move {
	uint64_t seq;        /* position in the journal, set on append */
	int64_t when;        /* UTC seconds */
	const char *doc;     /* record number of the document */
	unsigned line;       /* its line, from 1 */
	const char *account; /* unit id */
	const char *part;    /* part code */
	long long qty;       /* signed: + into the account, - out of it */
	long long balance;   /* the balance after it (set on append) */
	const char *ref;     /* NULL, or what the account keeps it per
	                        (a work order's number): a second balance
	                        of (account, part, ref) moves with it */
};

/* The balance of part on account into *qty (0 when never moved). */
int store_ledger_balance(struct store_txn *t, const char *account,
			 const char *part, long long *qty, struct as_err *err);
/* The balance of part on account kept for ref into *qty (0: none). */
int store_ledger_balance_ref(struct store_txn *t, const char *account,
			     const char *part, const char *ref, long long *qty,
			     struct as_err *err);
/*
 * Append movement m (seq and balance are set) in write transaction t and
 * record it in e (the step's event, not yet appended).  A balance never
 * goes below zero: then AS_E_GUARD, *m->balance left at the balance
 * before, err unset (the caller words the refusal), nothing written.
 * With m->ref, the balance of (account, part, ref) moves too and never
 * goes below zero either (then AS_E_GUARD, *m->balance is that one).
 * AS_E_INVALID for a zero quantity, an empty or too long account/part,
 * a ref with a space.
 */
int store_ledger_move(struct store_txn *t, struct store_event *e,
		      struct store_move *m, struct as_err *err);
/*
 * Visit the movements of part (on account, NULL: every account) in
 * journal order; the visitor's move is valid during the call only and
 * returns 0 to go on, 1 to stop, or a negative error.
 */
typedef int (*store_move_visit)(const struct store_move *m, void *ctx);
int store_ledger_moves(struct store_txn *t, const char *part,
		       const char *account, store_move_visit fn, void *ctx,
		       struct as_err *err);
/*
 * Visit every balance (of account, NULL: all) in (account, part) order,
 * zero ones too (a part that was moved and is now out of stock).
 */
typedef int (*store_bal_visit)(const char *account, const char *part,
			       long long qty, void *ctx);
int store_ledger_balances(struct store_txn *t, const char *account,
			  store_bal_visit fn, void *ctx, struct as_err *err);
/*
 * Visit every balance kept per reference (of account, NULL: all; of
 * ref, NULL: all) in (account, part, ref) order, zero ones too.
 */
typedef int (*store_refbal_visit)(const char *account, const char *part,
				  const char *ref, long long qty, void *ctx);
int store_ledger_ref_balances(struct store_txn *t, const char *account,
			      const char *ref, store_refbal_visit fn,
			      void *ctx, struct as_err *err);
/* For tests only: overwrite a balance, bypassing the journal. */
int store_debug_set_balance(struct store *s, const char *account,
			    const char *part, long long qty,
			    struct as_err *err);

#endif
