/*
 * idxkeys.c - the distinct keys of the index under a prefix, each with
 * the number of ids it maps to, without visiting the ids: the per-period
 * counts of the KPI board (core/kpi.c) are read this way, so a month's
 * figures cost the number of distinct keys of the month, not of records.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

int
store_index_keys(struct store_txn *t, const char *prefix,
		 store_key_visit fn, void *ctx, struct as_err *err)
{
	MDB_cursor *c;
	MDB_val k, v;
	size_t plen = strlen(prefix), cnt;
	char buf[STORE_MAXKEY + 1];
	int rc, frc = 0;

	if ((rc = store_txn_check(t, err)) != 0 || !t->s->have[DB_IDX])
		return rc;
	if (plen == 0 || plen > STORE_MAXKEY)
		return 0;
	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_IDX], &c)) != 0)
		return store_txn_err(t, rc, err, "scanning index keys");
	k.mv_size = plen;
	k.mv_data = (void *)prefix;
	for (rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT_NODUP)) {
		if (k.mv_size < plen || memcmp(k.mv_data, prefix, plen) != 0)
			break;
		if ((rc = mdb_cursor_count(c, &cnt)) != 0)
			break;
		memcpy(buf, k.mv_data, k.mv_size);
		buf[k.mv_size] = '\0';
		if ((frc = fn(buf, (uint64_t)cnt, ctx)) != 0)
			break;
	}
	mdb_cursor_close(c);
	if (frc != 0)
		return frc < 0 ? frc : 0;
	if (rc == 0 || rc == MDB_NOTFOUND)
		return 0;
	return store_txn_err(t, rc, err, "scanning index keys");
}
