/*
 * as_oldrec.c - test tool: writes field values into an existing record
 * straight through store/, as one "edit" event in its history, bypassing
 * every check of core.  It stands for data stored before the input checks
 * existed (issue 7: control characters must come out escaped even then).
 * The secondary indexes are not touched: run `aftersales reindex` after.
 *
 *   as_oldrec DBDIR NUMBER WHO FIELD VALUE [FIELD VALUE ...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../store/store.h"

struct poke {
	const char *id, *who;
	char **kv;
	int n;
};

static int
poke_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct poke *p = vctx;
	struct store_rec *r = NULL;
	struct store_event *e;
	int rc, i;

	if ((rc = store_get(t, p->id, &r, err)) != 0)
		return rc;
	e = store_event_new(r->id, p->who, "edit", r->state, r->state);
	r->rev++;
	e->rev = r->rev;
	e->when = r->updated;
	for (i = 0; i + 1 < p->n; i += 2) {
		store_event_change(e, p->kv[i], store_rec_get(r, p->kv[i]),
				   p->kv[i + 1]);
		store_rec_set(r, p->kv[i], p->kv[i + 1]);
	}
	rc = store_put(t, r, err);
	if (rc == 0)
		rc = store_hist_append(t, e, err);
	store_event_free(&e);
	store_rec_free(&r);
	return rc;
}

int
main(int argc, char **argv)
{
	struct store_opts o = {0};
	struct as_err err = {0};
	struct store *s = NULL;
	struct poke p;
	int rc;

	if (argc < 6 || (argc - 4) % 2 != 0) {
		fprintf(stderr, "usage: as_oldrec DBDIR NUMBER WHO FIELD VALUE "
			"[FIELD VALUE ...]\n");
		return 2;
	}
	p.id = argv[2];
	p.who = argv[3];
	p.kv = argv + 4;
	p.n = argc - 4;
	if ((rc = store_open(argv[1], &o, &s, &err)) == 0) {
		rc = store_write(s, poke_txn, &p, &err);
		store_close(&s);
	}
	if (rc != 0) {
		fprintf(stderr, "as_oldrec: %s\n", err.msg);
		return 1;
	}
	return 0;
}
