/*
 * ledger.c - the stock ledger (R2 §3.7): "jrnl" maps a movement's
 * sequence number (8 bytes, big-endian: journal order, MDB_APPEND) to
 * its encoding; "bal" maps "ACCOUNT\x1fPART" to the balance (8 bytes,
 * big-endian two's complement); "jpart" maps "PART\x1fACCOUNT" to the
 * sequence numbers of its movements, for a part's movements in order.
 * A movement may name a reference (what the account keeps it per: the
 * work order the parts are out with); "bal" then also holds the balance
 * "ACCOUNT\x1fPART\x1fREF", moved with the account's.
 * All three are written with the step's record and history event, in
 * its one write transaction, so a balance is never seen without the
 * movements that made it.  A movement is also a change "@mv" of the
 * step's event (the hash chain); verify compares the two and rebuilds
 * every balance from the journal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

typedef unsigned long long ull;

/* "A\x1fB" into a buffer of STORE_MAXKEY + 1 bytes; -1 when too long. */
static int
pair_key(char *out, const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	if (na == 0 || nb == 0 || na + nb + 1 > STORE_MAXKEY)
		return -1;
	memcpy(out, a, na);
	out[na] = '\x1f';
	memcpy(out + na + 1, b, nb);
	out[na + 1 + nb] = '\0';
	return (int)(na + nb + 1);
}

/* "A\x1fB\x1fC" likewise; -1 when too long. */
static int
triple_key(char *out, const char *a, const char *b, const char *c)
{
	int n = pair_key(out, a, b);
	size_t nc = strlen(c);

	if (n < 0 || nc == 0 || (size_t)n + nc + 1 > STORE_MAXKEY)
		return -1;
	out[n] = '\x1f';
	memcpy(out + n + 1, c, nc + 1);
	return n + 1 + (int)nc;
}

/* The history change of m: "LINE ACCOUNT[@REF] QTY PART" (new). */
static char *
move_change(const struct store_move *m)
{
	if (m->ref != NULL)
		return xasprintf("%u %s@%s %lld %s", m->line, m->account,
		    m->ref, m->qty, m->part);
	return xasprintf("%u %s %lld %s", m->line, m->account, m->qty,
	    m->part);
}

/* Encoding: when, qty, balance (8 bytes each), line (4), doc, account,
   part, and the ref when there is one (each NUL-terminated). */
static void
move_encode(const struct store_move *m, struct as_buf *b)
{
	unsigned char w[8];

	store_put_u64(w, (uint64_t)m->when);
	buf_add(b, w, 8);
	store_put_u64(w, (uint64_t)m->qty);
	buf_add(b, w, 8);
	store_put_u64(w, (uint64_t)m->balance);
	buf_add(b, w, 8);
	w[0] = m->line >> 24;
	w[1] = m->line >> 16;
	w[2] = m->line >> 8;
	w[3] = m->line;
	buf_add(b, w, 4);
	buf_add(b, m->doc, strlen(m->doc) + 1);
	buf_add(b, m->account, strlen(m->account) + 1);
	buf_add(b, m->part, strlen(m->part) + 1);
	if (m->ref != NULL)
		buf_add(b, m->ref, strlen(m->ref) + 1);
}

/* Decode into m (strings point into p); -1 when malformed. */
static int
move_decode(const void *vp, size_t n, struct store_move *m)
{
	const unsigned char *p = vp;
	const char *s[4] = { NULL, NULL, NULL, NULL };
	size_t off = 28, i, l;

	if (n < off + 3)
		return -1;
	m->when = (int64_t)store_get_u64(p);
	m->qty = (long long)store_get_u64(p + 8);
	m->balance = (long long)store_get_u64(p + 16);
	m->line = (unsigned)p[24] << 24 | (unsigned)p[25] << 16 |
	    (unsigned)p[26] << 8 | p[27];
	for (i = 0; i < 4 && (i < 3 || off < n); i++) {
		const unsigned char *z = memchr(p + off, '\0', n - off);

		if (z == NULL)
			return -1;
		l = (size_t)(z - (p + off));
		s[i] = (const char *)p + off;
		off += l + 1;
	}
	if (off != n)
		return -1;
	m->doc = s[0];
	m->account = s[1];
	m->part = s[2];
	m->ref = s[3];
	return 0;
}

static int
bal_get(struct store_txn *t, const char *key, int klen, long long *qty,
	struct as_err *err)
{
	MDB_val k = { (size_t)klen, (void *)key }, v;
	int rc;

	*qty = 0;
	if (!t->s->have[DB_BAL])
		return 0;
	rc = mdb_get(t->txn, t->s->dbi[DB_BAL], &k, &v);
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc != 0)
		return store_txn_err(t, rc, err, "reading a stock balance");
	if (v.mv_size != 8)
		return as_err_set(err, AS_E_CORRUPT, AS_TR("数据库 %s：库存结存 "
		    "%s 已损坏", "database %s: the stock balance %s is "
		    "damaged"), t->s->dir, key);
	*qty = (long long)store_get_u64(v.mv_data);
	return 0;
}

int
store_ledger_balance(struct store_txn *t, const char *account,
		     const char *part, long long *qty, struct as_err *err)
{
	char key[STORE_MAXKEY + 1];
	int klen, rc;

	*qty = 0;
	if ((rc = store_txn_check(t, err)) != 0)
		return rc;
	if ((klen = pair_key(key, account, part)) < 0)
		return 0;
	return bal_get(t, key, klen, qty, err);
}

int
store_ledger_balance_ref(struct store_txn *t, const char *account,
			 const char *part, const char *ref, long long *qty,
			 struct as_err *err)
{
	char key[STORE_MAXKEY + 1];
	int klen, rc;

	*qty = 0;
	if ((rc = store_txn_check(t, err)) != 0)
		return rc;
	if ((klen = triple_key(key, account, part, ref)) < 0)
		return 0;
	return bal_get(t, key, klen, qty, err);
}

/* Write balance qty under key (klen bytes). */
static int
bal_put(struct store_txn *t, const char *key, int klen, long long qty,
	struct as_err *err)
{
	unsigned char vb[8];
	MDB_val k = { (size_t)klen, (void *)key }, v = { 8, vb };
	int rc;

	store_put_u64(vb, (uint64_t)qty);
	if ((rc = st_put(t, t->s->dbi[DB_BAL], &k, &v, 0)) != 0)
		return store_txn_err(t, rc, err, "writing a stock balance");
	return 0;
}

int
store_ledger_move(struct store_txn *t, struct store_event *e,
		  struct store_move *m, struct as_err *err)
{
	struct store *s = t->s;
	char key[STORE_MAXKEY + 1], pkey[STORE_MAXKEY + 1], *ch;
	char rkey[STORE_MAXKEY + 1];
	unsigned char kb[8];
	struct as_buf b = {0};
	MDB_cursor *c;
	MDB_val k, v;
	long long cur, rcur = 0;
	uint64_t last = 0;
	int klen, pklen, rklen = 0, rc;

	if ((rc = store_txn_check(t, err)) != 0)
		return rc;
	if (!t->write)
		return as_err_set(err, AS_E_STORE,
		    "database %s: a change inside a read transaction", s->dir);
	if ((klen = pair_key(key, m->account, m->part)) < 0 ||
	    (pklen = pair_key(pkey, m->part, m->account)) < 0 ||
	    strchr(m->account, ' ') != NULL || m->qty == 0 ||
	    m->doc == NULL || *m->doc == '\0' || (m->ref != NULL &&
	    ((rklen = triple_key(rkey, m->account, m->part, m->ref)) < 0 ||
	    strpbrk(m->ref, " \x1f") != NULL)))
		return as_err_set(err, AS_E_INVALID, AS_TR("库存变动不完整："
		    "缺少单据、账户、配件或数量", "a stock movement lacks its "
		    "document, account, part or quantity"));
	if ((rc = bal_get(t, key, klen, &cur, err)) != 0)
		return rc;
	if ((m->qty < 0 && cur < -m->qty) ||
	    (m->qty > 0 && cur > (long long)(((ull)1 << 62) - m->qty))) {
		m->balance = cur;
		return AS_E_GUARD;
	}
	if (m->ref != NULL && ((rc = bal_get(t, rkey, rklen, &rcur,
	    err)) != 0))
		return rc;
	if (m->ref != NULL && m->qty < 0 && rcur < -m->qty) {
		m->balance = rcur;
		return AS_E_GUARD;
	}
	m->balance = cur + m->qty;
	if ((rc = mdb_cursor_open(t->txn, s->dbi[DB_JRNL], &c)) != 0)
		return store_txn_err(t, rc, err, "reading the stock journal");
	rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
	if (rc == 0 && k.mv_size == 8)
		last = store_get_u64(k.mv_data);
	mdb_cursor_close(c);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return store_txn_err(t, rc, err, "reading the stock journal");
	m->seq = last + 1;
	move_encode(m, &b);
	store_put_u64(kb, m->seq);
	k.mv_size = 8;
	k.mv_data = kb;
	v.mv_size = b.len;
	v.mv_data = b.data;
	rc = st_put(t, s->dbi[DB_JRNL], &k, &v, MDB_APPEND);
	buf_free(&b);
	if (rc != 0)
		return store_txn_err(t, rc, err, "writing the stock journal");
	if ((rc = bal_put(t, key, klen, m->balance, err)) != 0 ||
	    (m->ref != NULL && (rc = bal_put(t, rkey, rklen, rcur + m->qty,
	    err)) != 0))
		return rc;
	k.mv_size = (size_t)pklen;
	k.mv_data = pkey;
	v.mv_size = 8;
	v.mv_data = kb;
	if ((rc = st_put(t, s->dbi[DB_JPART], &k, &v, 0)) != 0)
		return store_txn_err(t, rc, err, "writing the stock journal");
	if (e != NULL) {
		ch = move_change(m);
		store_event_change(e, STORE_MOVE_FIELD, NULL, ch);
		free(ch);
	}
	return 0;
}

/* Visit the journal entry seq (as stored under jpart). */
static int
visit_seq(struct store_txn *t, uint64_t seq, store_move_visit fn, void *ctx,
	  struct as_err *err)
{
	unsigned char kb[8];
	MDB_val k = { 8, kb }, v;
	struct store_move m;
	int rc;

	store_put_u64(kb, seq);
	rc = mdb_get(t->txn, t->s->dbi[DB_JRNL], &k, &v);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return store_txn_err(t, rc, err, "reading the stock journal");
	if (rc == MDB_NOTFOUND || move_decode(v.mv_data, v.mv_size, &m) != 0)
		return as_err_set(err, AS_E_CORRUPT, AS_TR("数据库 %s：库存流水 "
		    "%llu 缺失或已损坏", "database %s: stock movement %llu is "
		    "missing or damaged"), t->s->dir, (ull)seq);
	m.seq = seq;
	return fn(&m, ctx);
}

int
store_ledger_moves(struct store_txn *t, const char *part,
		   const char *account, store_move_visit fn, void *ctx,
		   struct as_err *err)
{
	struct store *s = t->s;
	char key[STORE_MAXKEY + 1];
	uint64_t *seqs = NULL;
	size_t n = 0, cap = 0, i, plen = strlen(part);
	MDB_cursor *c;
	MDB_val k, v;
	int rc, mrc, klen;

	if ((rc = store_txn_check(t, err)) != 0 || !s->have[DB_JPART] ||
	    !s->have[DB_JRNL])
		return rc;
	if (plen == 0 || plen + 2 > STORE_MAXKEY)
		return 0;
	memcpy(key, part, plen);
	key[plen] = '\x1f';
	klen = (int)plen + 1;
	if (account != NULL && (klen = pair_key(key, part, account)) < 0)
		return 0;
	if ((rc = mdb_cursor_open(t->txn, s->dbi[DB_JPART], &c)) != 0)
		return store_txn_err(t, rc, err, "reading the stock journal");
	k.mv_size = (size_t)klen;
	k.mv_data = key;
	/* collect the sequence numbers of every account, then merge */
	for (mrc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE); mrc == 0;
	    mrc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if (k.mv_size < (size_t)klen ||
		    memcmp(k.mv_data, key, (size_t)klen) != 0 ||
		    (account != NULL && k.mv_size != (size_t)klen))
			break;
		if (v.mv_size != 8)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			seqs = xrealloc(seqs, cap * sizeof *seqs);
		}
		seqs[n++] = store_get_u64(v.mv_data);
	}
	mdb_cursor_close(c);
	if (mrc != 0 && mrc != MDB_NOTFOUND) {
		free(seqs);
		return store_txn_err(t, mrc, err, "reading the stock journal");
	}
	/* insertion order per account; a simple sort merges them */
	for (i = 1; i < n; i++) {
		uint64_t x = seqs[i];
		size_t j = i;

		while (j > 0 && seqs[j - 1] > x) {
			seqs[j] = seqs[j - 1];
			j--;
		}
		seqs[j] = x;
	}
	for (i = 0; i < n && rc == 0; i++)
		rc = visit_seq(t, seqs[i], fn, ctx, err);
	free(seqs);
	return rc > 0 ? 0 : rc;
}

/*
 * Every balance whose key starts with "ACCOUNT\x1f" (account NULL: every
 * balance), in key order: each(the key split at its first two \x1f into
 * fields[0..2], the last one keeping any further \x1f, nfields, quantity,
 * ctx) returns 0 to go on, 1 to stop, or an error.
 * The key's copy is the visitor's only during the call.
 */
typedef int (*bal_each)(char **fields, int nfields, long long qty,
			void *ctx);

static int
bal_scan(struct store_txn *t, const char *account, bal_each each, void *ctx,
	 struct as_err *err)
{
	struct store *s = t->s;
	char key[STORE_MAXKEY + 1], *a, *f[3];
	size_t alen = account != NULL ? strlen(account) : 0;
	MDB_cursor *c;
	MDB_val k, v;
	int rc, mrc, nf;

	if ((rc = store_txn_check(t, err)) != 0 || !s->have[DB_BAL])
		return rc;
	if (alen + 2 > STORE_MAXKEY)
		return 0;
	if ((rc = mdb_cursor_open(t->txn, s->dbi[DB_BAL], &c)) != 0)
		return store_txn_err(t, rc, err, "reading stock balances");
	if (account != NULL) {
		memcpy(key, account, alen);
		key[alen++] = '\x1f';
		k.mv_size = alen;
		k.mv_data = key;
		mrc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
	} else
		mrc = mdb_cursor_get(c, &k, &v, MDB_FIRST);
	for (; mrc == 0; mrc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if (account != NULL && (k.mv_size < alen ||
		    memcmp(k.mv_data, key, alen) != 0))
			break;
		if (v.mv_size != 8)
			continue;
		a = xmalloc(k.mv_size + 1);
		memcpy(a, k.mv_data, k.mv_size);
		a[k.mv_size] = '\0';
		f[0] = a;
		for (nf = 1; nf < 3 && (f[nf] = strchr(f[nf - 1], '\x1f')) !=
		    NULL; nf++)
			*f[nf]++ = '\0';
		rc = each(f, nf, (long long)store_get_u64(v.mv_data), ctx);
		free(a);
		if (rc != 0)
			break;
	}
	mdb_cursor_close(c);
	if (mrc != 0 && mrc != MDB_NOTFOUND)
		return store_txn_err(t, mrc, err, "reading stock balances");
	return rc > 0 ? 0 : rc;
}

struct bal_ctx {
	store_bal_visit fn;
	store_refbal_visit rfn;
	const char *ref;
	void *ctx;
};

/* An (account, part) pair: one \x1f; one kept per reference is not. */
static int
pair_each(char **f, int nf, long long qty, void *vctx)
{
	struct bal_ctx *x = vctx;

	return nf == 2 ? x->fn(f[0], f[1], qty, x->ctx) : 0;
}

int
store_ledger_balances(struct store_txn *t, const char *account,
		      store_bal_visit fn, void *ctx, struct as_err *err)
{
	struct bal_ctx x = { fn, NULL, NULL, ctx };

	return bal_scan(t, account, pair_each, &x, err);
}

/* An (account, part, reference) triple, of ref if it is given. */
static int
ref_each(char **f, int nf, long long qty, void *vctx)
{
	struct bal_ctx *x = vctx;

	if (nf != 3 || (x->ref != NULL && strcmp(f[2], x->ref) != 0))
		return 0;
	return x->rfn(f[0], f[1], f[2], qty, x->ctx);
}

int
store_ledger_ref_balances(struct store_txn *t, const char *account,
			  const char *ref, store_refbal_visit fn, void *ctx,
			  struct as_err *err)
{
	struct bal_ctx x = { NULL, fn, ref, ctx };

	return bal_scan(t, account, ref_each, &x, err);
}

/* Verify ------------------------------------------------------------ */

/* One rebuilt balance: key "ACCOUNT\x1fPART" and the sum of the journal. */
struct vbal {
	char *key;
	long long qty;
	int seen;
};

static int
vbal_cmp(const void *a, const void *b)
{
	return strcmp(((const struct vbal *)a)->key,
	    ((const struct vbal *)b)->key);
}

/* The entry of key in the sorted v[0..n), NULL if absent. */
static struct vbal *
vbal_find(struct vbal *v, size_t n, const char *key)
{
	struct vbal k = { (char *)key, 0, 0 };

	return n == 0 ? NULL : bsearch(&k, v, n, sizeof *v, vbal_cmp);
}

/* The rebuilt balance of key in (*v)[0..*n), added when new. */
static struct vbal *
vbal_add(struct vbal **v, size_t *n, size_t *cap, const char *key)
{
	struct vbal *b;
	size_t j;

	for (j = 0; j < *n; j++)   /* the last few are hot */
		if (strcmp((*v)[*n - 1 - j].key, key) == 0)
			return &(*v)[*n - 1 - j];
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	b = &(*v)[(*n)++];
	b->key = xstrdup(key);
	b->qty = 0;
	b->seen = 0;
	return b;
}

/* "ACCOUNT\x1fPART" shown as "ACCOUNT/PART" (caller frees). */
static char *
bal_name(const char *key, size_t n)
{
	char *s = store_printable(key, n), *p;

	for (p = s; (p = strstr(p, "\\x1f")) != NULL; ) {
		*p = '/';
		memmove(p + 1, p + 4, strlen(p + 4) + 1);
	}
	return s;
}

int
store_ledger_verify(struct store_txn *t, const struct store_keys *mv,
		    void (*report)(const char *msg, void *ctx), void *ctx,
		    struct as_err *err)
{
	struct store *s = t->s;
	struct vbal *vb = NULL;
	struct store_move m;
	size_t nvb = 0, cap = 0, i, n, nmv = 0;
	MDB_cursor *c;
	MDB_val k, v;
	char key[STORE_MAXKEY + 1], *msg, *name, *want;
	uint64_t seq, last = 0;
	int rc, mrc;

	(void)err;
	if (!s->have[DB_JRNL] || !s->have[DB_BAL]) {
		if (mv->n > 0) {
			msg = xasprintf(AS_TR("历史中有 %zu 笔库存变动，但库存"
			    "流水账不存在", "the history holds %zu stock "
			    "movements but the stock journal is missing"),
			    mv->n);
			report(msg, ctx);
			free(msg);
		}
		return 0;
	}
	if ((rc = mdb_cursor_open(t->txn, s->dbi[DB_JRNL], &c)) != 0)
		return store_txn_err(t, rc, err, "verifying the stock journal");
	for (mrc = mdb_cursor_get(c, &k, &v, MDB_FIRST); mrc == 0;
	    mrc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		seq = k.mv_size == 8 ? store_get_u64(k.mv_data) : 0;
		if (seq != last + 1) {
			msg = xasprintf(AS_TR("库存流水 %llu 之后是 %llu——有流水"
			    "被删除或插入了", "stock movement %llu is followed "
			    "by %llu — movements were deleted or inserted"),
			    (ull)last, (ull)seq);
			report(msg, ctx);
			free(msg);
		}
		last = seq;
		if (move_decode(v.mv_data, v.mv_size, &m) != 0) {
			msg = xasprintf(AS_TR("库存流水 %llu 无法读取",
			    "stock movement %llu cannot be read"), (ull)seq);
			report(msg, ctx);
			free(msg);
			nmv++;
			continue;
		}
		/* the journal against the hash-chained history */
		{
			char *ch = move_change(&m);

			want = xasprintf("%s %s", m.doc, ch);
			free(ch);
		}
		if (nmv >= mv->n || strcmp(mv->v[nmv], want) != 0) {
			name = store_printable(want, strlen(want));
			msg = xasprintf(AS_TR("库存流水 %llu（%s）与历史记录不符"
			    "——流水账在程序之外被改动过", "stock movement %llu "
			    "(%s) does not match the history — the journal was "
			    "changed outside the program"), (ull)seq, name);
			report(msg, ctx);
			free(msg);
			free(name);
		}
		free(want);
		nmv++;
		if (m.ref != NULL && triple_key(key, m.account, m.part,
		    m.ref) >= 0) {
			struct vbal *rb = vbal_add(&vb, &nvb, &cap, key);

			rb->qty += m.qty;
			if (rb->qty < 0) {
				name = bal_name(key, strlen(key));
				msg = xasprintf(AS_TR("库存流水 %llu 使 %s 的结存"
				    "成为 %lld", "stock movement %llu takes the "
				    "balance of %s to %lld"), (ull)seq, name,
				    rb->qty);
				report(msg, ctx);
				free(msg);
				free(name);
			}
		}
		if (pair_key(key, m.account, m.part) < 0)
			continue;
		struct vbal *b = vbal_add(&vb, &nvb, &cap, key);

		b->qty += m.qty;
		if (b->qty != m.balance || b->qty < 0) {
			name = bal_name(key, strlen(key));
			msg = xasprintf(AS_TR("库存流水 %llu（%s）记下结存 %lld，"
			    "按流水重算应为 %lld", "stock movement %llu (%s) "
			    "records a balance of %lld, the journal gives "
			    "%lld"), (ull)seq, name, m.balance, b->qty);
			report(msg, ctx);
			free(msg);
			free(name);
		}
	}
	mdb_cursor_close(c);
	if (mrc != MDB_NOTFOUND) {
		rc = store_txn_err(t, mrc, err, "verifying the stock journal");
		goto out;
	}
	if (nmv < mv->n) {
		msg = xasprintf(AS_TR("历史中有 %zu 笔库存变动不在流水账中"
		    "——流水被删除了", "%zu stock movements of the history are "
		    "not in the journal — they were deleted"), mv->n - nmv);
		report(msg, ctx);
		free(msg);
	}
	if (nvb > 0)            /* qsort(NULL, 0) is undefined */
		qsort(vb, nvb, sizeof *vb, vbal_cmp);
	/* every stored balance against the one rebuilt */
	if ((rc = mdb_cursor_open(t->txn, s->dbi[DB_BAL], &c)) != 0)
		goto out;
	for (mrc = mdb_cursor_get(c, &k, &v, MDB_FIRST); mrc == 0;
	    mrc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		long long have = v.mv_size == 8 ?
		    (long long)store_get_u64(v.mv_data) : -1;
		struct vbal *b;

		n = k.mv_size < STORE_MAXKEY ? k.mv_size : STORE_MAXKEY;
		memcpy(key, k.mv_data, n);
		key[n] = '\0';
		b = vbal_find(vb, nvb, key);
		if (b != NULL)
			b->seen = 1;
		if (b == NULL || v.mv_size != 8 || b->qty != have) {
			name = bal_name(k.mv_data, k.mv_size);
			msg = xasprintf(AS_TR("库存结存 %s 是 %lld，但按流水账"
			    "重算是 %lld——结存在程序之外被改动过", "the stock "
			    "balance of %s is %lld but the journal gives %lld — "
			    "the balance was changed outside the program"),
			    name, have, b != NULL ? b->qty : 0);
			report(msg, ctx);
			free(msg);
			free(name);
		}
	}
	mdb_cursor_close(c);
	if (mrc != MDB_NOTFOUND) {
		rc = store_txn_err(t, mrc, err, "verifying stock balances");
		goto out;
	}
	rc = 0;
	for (i = 0; i < nvb; i++)
		if (!vb[i].seen) {
			name = bal_name(vb[i].key, strlen(vb[i].key));
			msg = xasprintf(AS_TR("库存结存 %s 不见了，按流水账应为 "
			    "%lld", "the stock balance of %s is missing; the "
			    "journal gives %lld"), name, vb[i].qty);
			report(msg, ctx);
			free(msg);
			free(name);
		}
out:
	for (i = 0; i < nvb; i++)
		free(vb[i].key);
	free(vb);
	return rc;
}

/* Tests ------------------------------------------------------------- */

struct setbal {
	const char *account, *part;
	long long qty;
};

static int
setbal_txn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct setbal *x = ctx;
	char key[STORE_MAXKEY + 1];
	unsigned char vb[8];
	MDB_val k, v = { 8, vb };
	int klen, rc;

	if ((klen = pair_key(key, x->account, x->part)) < 0)
		return as_err_set(err, AS_E_INVALID, "bad account or part");
	k.mv_size = (size_t)klen;
	k.mv_data = key;
	store_put_u64(vb, (uint64_t)x->qty);
	if ((rc = st_put(t, t->s->dbi[DB_BAL], &k, &v, 0)) != 0)
		return store_txn_err(t, rc, err, "writing a stock balance");
	return 0;
}

int
store_debug_set_balance(struct store *s, const char *account,
			const char *part, long long qty, struct as_err *err)
{
	struct setbal x = { account, part, qty };

	return store_write(s, setbal_txn, &x, err);
}
