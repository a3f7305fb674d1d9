/*
 * links.c - references between records: the back-link index (one key per
 * reference to a record, "ln" TARGET FIELD -> the referring id, kept with
 * the record's other index keys, so verify and reindex cover it), the
 * check that a reference names an existing record of the right type
 * (inside the write transaction that sets it), the links of a record both
 * ways for the views, and the guard that reads linked records.
 */
#include "core_int.h"

#include <stdlib.h>
#include <string.h>

#define K_LINK "ln\x1f"   /* ln TARGET \x1f FIELD -> the referring id */

/* 1 if f references records (ref: a record type, not user). */
int
core_field_links(const struct cfg_field *f)
{
	return f->type == CFG_T_REF && f->ref != NULL &&
	    strcmp(f->ref, "user") != 0;
}

static char *
link_key(const char *target, const char *field)
{
	const char *part[] = { target, field != NULL ? field : "" };

	return core_key_join(K_LINK, part, 2);
}

void
core_link_keys(const struct core *c, const struct store_rec *r,
	       struct store_keys *out)
{
	const struct cfg_rectype *rt;
	size_t i;

	if (c == NULL || c->cfg == NULL ||
	    (rt = cfg_rectype(c->cfg, r->type)) == NULL)
		return;
	for (i = 0; i < rt->nfields; i++) {
		const struct cfg_field *f = &rt->fields[i];
		const char *v;
		char *k;

		/* cheap test first: this runs on every put */
		if (!core_field_links(f) ||
		    (v = store_rec_get(r, f->id)) == NULL || *v == '\0')
			continue;
		k = link_key(v, f->id);
		store_keys_take(out, k);
	}
}

/* The value e sets field id to (NULL: e does not set it, or unsets it). */
static const char *
event_sets(const struct store_event *e, const char *id)
{
	size_t i;

	for (i = 0; i < e->nchanges; i++)
		if (strcmp(e->changes[i].field, id) == 0)
			return e->changes[i].new;
	return NULL;
}

int
links_check(const struct core *c, struct store_txn *t,
	    const struct cfg_rectype *rt, const struct store_event *e,
	    struct as_err *err)
{
	const struct cfg_rectype *want, *got;
	struct store_rec *o = NULL;
	size_t i;
	int rc;

	/* over the type's reference fields (few), not the changes: an
	   import of a type without any costs nothing */
	for (i = 0; i < rt->nfields; i++) {
		const struct cfg_field *f = &rt->fields[i];
		const char *v;

		if (!core_field_links(f) || (v = event_sets(e, f->id)) == NULL)
			continue;
		want = cfg_rectype(c->cfg, f->ref);
		rc = store_get(t, v, &o, err);
		if (rc == AS_E_NOTFOUND)
			return as_err_set(err, AS_E_INVALID, TR(c,
			    "%s：没有记录 %s（应为一条%s的编号）",
			    "%s: there is no record %s (it must be the number "
			    "of a %s)"), cfg_text(&f->label, c->lang, f->id), v,
			    want ? cfg_text(&want->label, c->lang, want->id)
			    : f->ref);
		if (rc != 0)
			return rc;
		got = core_rectype(c, o);
		if (strcmp(o->type, f->ref) != 0) {
			rc = as_err_set(err, AS_E_INVALID, TR(c,
			    "%s：%s 是%s，不是%s",
			    "%s: %s is a %s, not a %s"),
			    cfg_text(&f->label, c->lang, f->id), v,
			    got ? cfg_text(&got->label, c->lang, got->id)
			    : o->type,
			    want ? cfg_text(&want->label, c->lang, want->id)
			    : f->ref);
			store_rec_free(&o);
			return rc;
		}
		store_rec_free(&o);
	}
	return 0;
}

static void
link_add(struct core_links *l, const struct core *c, const char *id,
	 const struct cfg_field *f, const struct cfg_rectype *frt, int out,
	 const struct store_rec *o)
{
	struct core_link *k;
	const struct cfg_state *st;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	k = &l->v[l->n++];
	memset(k, 0, sizeof *k);
	k->id = xstrdup(id);
	k->field = f;
	k->field_type = frt;
	k->outgoing = out;
	if (o != NULL) {
		k->exists = 1;
		k->type = xstrdup(o->type);
		k->state = xstrdup(o->state);
		st = core_state(c, o);
		k->terminal = st != NULL && st->terminal;
	}
}

struct links_ctx {
	const struct core *c;
	const struct store_rec *r;
	struct core_links *l;
	struct store_txn *t;
	struct as_err *err;
	size_t plen;
};

static int
back_visit(const char *key, const char *id, void *vctx)
{
	struct links_ctx *x = vctx;
	struct store_rec *o = NULL;
	const struct cfg_rectype *ort;
	const char *field = key + x->plen;
	int rc;

	rc = store_get(x->t, id, &o, x->err);
	if (rc == AS_E_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	ort = core_rectype(x->c, o);
	link_add(x->l, x->c, id, ort ? cfg_field(ort, field) : NULL, ort, 0,
		 o);
	store_rec_free(&o);
	return 0;
}

int
links_read(const struct core *c, struct store_txn *t,
	   const struct store_rec *r, struct core_links *out,
	   struct as_err *err)
{
	const struct cfg_rectype *rt = core_rectype(c, r);
	struct links_ctx x = { c, r, out, t, err, 0 };
	struct store_rec *o;
	char *prefix;
	size_t i;
	int rc;

	core_links_free(out);
	for (i = 0; rt != NULL && i < rt->nfields; i++) {
		const struct cfg_field *f = &rt->fields[i];
		const char *v = store_rec_get(r, f->id);

		if (!core_field_links(f) || v == NULL || *v == '\0')
			continue;
		o = NULL;
		rc = store_get(t, v, &o, err);
		if (rc != 0 && rc != AS_E_NOTFOUND)
			return rc;
		link_add(out, c, v, f, rt, 1, o);
		store_rec_free(&o);
	}
	prefix = link_key(r->id, NULL);
	x.plen = strlen(prefix);
	rc = store_index_scan(t, prefix, 1, NULL, back_visit, &x, err);
	free(prefix);
	return rc < 0 ? rc : 0;
}

struct read_ctx {
	const struct core *c;
	const char *id;
	struct store_rec *r;   /* NULL: read id */
	struct core_links *out;
};

static int
read_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct read_ctx *x = vctx;
	struct store_rec *r = NULL;
	int rc;

	if (x->r != NULL)
		return links_read(x->c, t, x->r, x->out, err);
	if ((rc = store_get(t, x->id, &r, err)) != 0)
		return rc;
	rc = links_read(x->c, t, r, x->out, err);
	store_rec_free(&r);
	return rc;
}

int
core_links(struct core *c, const struct store_rec *r, struct core_links *out,
	   struct as_err *err)
{
	struct read_ctx x = { c, r->id, (struct store_rec *)r, out };
	int rc;

	memset(out, 0, sizeof *out);
	rc = store_read(c->st, read_txn, &x, err);
	if (rc != 0)
		core_links_free(out);
	return rc;
}

void
core_links_free(struct core_links *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].id);
		free(l->v[i].type);
		free(l->v[i].state);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/*
 * Guard links_closed: every record linked to r, either way, is in a
 * terminal state (a case closes only when the work it dispatched is
 * done).  A reference to a record that no longer exists is no obstacle.
 */
int
guard_links_closed(const struct core *c, struct store_txn *t,
		   const struct store_rec *r, struct as_err *err)
{
	struct core_links l = {0};
	const struct cfg_rectype *ort;
	const struct cfg_state *st;
	size_t i;
	int rc;

	if ((rc = links_read(c, t, r, &l, err)) != 0) {
		core_links_free(&l);
		return rc;
	}
	for (i = 0; i < l.n; i++) {
		if (!l.v[i].exists || l.v[i].terminal)
			continue;
		ort = cfg_rectype(c->cfg, l.v[i].type);
		st = ort != NULL ? cfg_state(ort, l.v[i].state) : NULL;
		rc = as_err_set(err, AS_E_GUARD, TR(c,
		    "%s：关联的%s %s 还是“%s”状态，须先办结",
		    "%s: the linked %s %s is still %s; it must be closed "
		    "first"), r->id,
		    ort ? cfg_text(&ort->label, c->lang, ort->id) : l.v[i].type,
		    l.v[i].id,
		    st ? cfg_text(&st->label, c->lang, st->id) : l.v[i].state);
		break;
	}
	core_links_free(&l);
	return rc;
}
