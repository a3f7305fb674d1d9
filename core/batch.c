/*
 * batch.c - many engine calls in one durable commit: core's face of the
 * store's batch (store_batch_begin).  Each step inside still runs the
 * whole engine (re-read, revision, role, conditions, guards, the record,
 * its index entries and one hash-chained history event); only the
 * commit, and its two syncs, is shared.  The demo writes its hundreds of
 * thousands of steps this way.
 */
#include "core_int.h"

int
core_batch_begin(struct core *c, struct as_err *err)
{
	return store_batch_begin(c->st, err);
}

int
core_batch_commit(struct core *c, struct as_err *err)
{
	return store_batch_commit(c->st, err);
}

int
core_batch_end(struct core *c, int commit, struct as_err *err)
{
	return store_batch_end(c->st, commit, err);
}

int
core_reserve(struct core *c, uint64_t bytes, struct as_err *err)
{
	return store_reserve(c->st, bytes, err);
}
