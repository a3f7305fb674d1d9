/*
 * dup.c - a likely duplicate of a record about to be created: an open
 * record of the same type whose values of every warn_duplicate: field
 * (config.h) equal the new one's, compared as codes (case, spaces and
 * dashes ignored, as the serial lookups compare them).  A second open
 * complaint for the same product serial is then found before it is
 * registered (issue 9).  The record type's declared lookups find the
 * candidates where the first such field is one; otherwise its open
 * records are read.
 */
#include "core_int.h"

#include <stdlib.h>
#include <string.h>

struct dup_args {
	struct core *c;
	const struct cfg_rectype *rt;
	char **want;            /* normalised values, one per warn field */
	char *id;               /* the first match */
};

static const char *
input_of(const struct core_kv *in, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(in[i].key, key) == 0)
			return in[i].val;
	return NULL;
}

static int
dup_visit(const struct store_rec *r, void *ctx)
{
	struct dup_args *a = ctx;
	const struct cfg_state *st;
	size_t i;

	if (strcmp(r->type, a->rt->id) != 0)
		return 0;
	st = cfg_state(a->rt, r->state);
	if (st == NULL || st->terminal)
		return 0;
	for (i = 0; i < a->rt->nwarn_dup; i++) {
		const char *v = store_rec_get(r, a->rt->warn_dup[i]->id);
		char *nv;
		int same;

		if (v == NULL || *v == '\0')
			return 0;
		nv = core_norm_serial(v);
		same = strcmp(nv, a->want[i]) == 0;
		free(nv);
		if (!same)
			return 0;
	}
	a->id = xstrdup(r->id);
	return 1;
}

int
core_open_duplicate(struct core *c, const struct cfg_rectype *rt,
		    const struct core_kv *in, size_t n, char **id,
		    struct as_err *err)
{
	struct dup_args a = {0};
	struct core_list q = {0};
	size_t i, k;
	int rc = 0, looked = 0;

	*id = NULL;
	if (rt == NULL || rt->nwarn_dup == 0)
		return 0;
	a.c = c;
	a.rt = rt;
	a.want = xcalloc(rt->nwarn_dup, sizeof *a.want);
	for (i = 0; i < rt->nwarn_dup; i++) {
		const char *v = input_of(in, n, rt->warn_dup[i]->id);

		if (v == NULL || *v == '\0')
			goto out;      /* not given: nothing to compare */
		a.want[i] = core_norm_serial(v);
		if (*a.want[i] == '\0')
			goto out;
	}
	for (k = 0; k < rt->nlookups; k++)
		if (rt->lookups[k].field == rt->warn_dup[0])
			break;
	if (k < rt->nlookups) {
		looked = 1;
		rc = core_find(c, input_of(in, n, rt->warn_dup[0]->id), 0,
			       dup_visit, &a, err);
	}
	if (rc == 0 && a.id == NULL && !looked) {
		q.type = rt->id;
		q.view = CORE_VIEW_OPEN;
		rc = core_list(c, &q, dup_visit, &a, err);
	}
	if (rc > 0)
		rc = 0;
	if (rc == 0)
		*id = a.id;
	else
		free(a.id);
out:
	for (i = 0; i < rt->nwarn_dup; i++)
		free(a.want[i]);
	free(a.want);
	return rc;
}
