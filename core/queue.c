/*
 * queue.c - whose work a record is: "my queue" (the records whose next
 * step belongs to me, then those nobody holds that my role may take),
 * "my role" (every record a step of one of my roles leaves), and the
 * sentence of what a record waits for, main steps first, each naming the
 * user who holds it.  Everything comes from the declarations: a step's
 * roles:, its by: field (who holds it) and exception: (config.h); no
 * field or type is named here.
 *
 * The holder index makes my queue a look-up (wf_queue_run): K_HOLD type
 * login state -> id, one key per user that a by: field of the record
 * names, and K_HOLD type "" state when a step that leaves the state has a
 * by: field that names nobody.  A record is only "mine" when one of those
 * fields names me (wf_queue_rank), and only free for me through a step of
 * my role without by: (every record of the state is read then) or, for a
 * manager, a by: step that names nobody; so each part reads a superset of
 * its records, filtered as the scan of the whole state was.
 */
#include "core_int.h"

#include <stdlib.h>
#include <string.h>

#define K_HOLD "qh\x1f"   /* qh TYPE login state -> id: who holds a record */

char *
core_key_hold(const char *type, const char *login, const char *state)
{
	const char *part[] = { type, login, state };

	return core_key_join(K_HOLD, part, 3);
}

/* 1 if t may be a main step from state (its when: aside). */
static int
main_from(const struct cfg_transition *t, const char *state)
{
	return !t->exception && !t->reopens && !t->stay &&
	    wf_from_ok(t, state);
}

/*
 * Add k (taken) to out; a key there already goes again when store_put
 * sorts the record's keys (store_keys_sort drops duplicates), so it is
 * not looked for here.
 */
static void
hold_add(struct store_keys *out, char *k)
{
	store_keys_take(out, k);
}

void
core_hold_keys(const struct core *c, const struct store_rec *r,
	       struct store_keys *out)
{
	const struct cfg_rectype *rt = core_rectype(c, r);
	const struct cfg_transition *t;
	const char *v;
	size_t i, j;

	for (i = 0; rt != NULL && i < rt->ntransitions; i++) {
		t = &rt->transitions[i];
		if (t->by == NULL)
			continue;
		v = store_rec_get(r, t->by->id);
		if (v == NULL || *v == '\0') {
			/* a step of this state that names nobody */
			if (main_from(t, r->state))
				hold_add(out, core_key_hold(r->type, "",
							    r->state));
			continue;
		}
		for (j = 0; j < i && rt->transitions[j].by != t->by; j++)
			;
		if (j == i)   /* each field once */
			hold_add(out, core_key_hold(r->type, v, r->state));
	}
}

int
wf_queue_run(const struct core *c, const struct cfg_rectype *rt,
	     const char *state, int part, const char **login)
{
	const struct cfg_transition *t;
	size_t i;
	int by = 0;

	*login = NULL;
	if (c->user == NULL)
		return 1;   /* nobody's queue: the scan finds nothing */
	if (part == CORE_QUEUE_MINE) {
		*login = c->user->login;
		return 1;
	}
	for (i = 0; i < rt->ntransitions; i++) {
		t = &rt->transitions[i];
		if (!main_from(t, state) || !wf_role_ok(c->user, t))
			continue;
		if (t->by == NULL)
			return 1;   /* a step of my role: any record */
		by = 1;
	}
	if (!by || !cfg_user_has_any(c->user, rt->managers, rt->nmanagers))
		return 0;   /* no step nobody holds is open to me here */
	*login = "";
	return 1;
}

/* 1 if the unit check of my queue and my role passes every record of rt. */
static int
units_pass_all(const struct core *c, const struct cfg_rectype *rt)
{
	size_t i;

	if (rt->unit_field == NULL)
		return 1;
	if (!cfg_user_unit_ok(c->user, NULL))
		return 0;   /* a record without a unit */
	for (i = 0; i < c->cfg->nunits; i++)
		if (!cfg_user_unit_ok(c->user, &c->cfg->units[i]))
			return 0;
	return 1;
}

int
wf_view_whole_state(const struct core *c, const struct cfg_rectype *rt,
		    const char *state, int mine)
{
	const struct cfg_transition *t;
	size_t i;

	if (c->user == NULL || !units_pass_all(c, rt))
		return 0;
	for (i = 0; i < rt->ntransitions; i++) {
		t = &rt->transitions[i];
		if (!main_from(t, state) || !wf_role_ok(c->user, t) ||
		    t->nwhen != 0)
			continue;
		/* my role: any such step; my queue: one nobody holds */
		if (!mine || (t->by == NULL && !t->scope_unit))
			return 1;
	}
	return 0;
}

/*
 * 1 if a field that says who holds r (a by: field of a transition of rt)
 * names the user: each such field once.
 */
static int
held_by_me(const struct core *c, const struct cfg_rectype *rt,
	   const struct store_rec *r)
{
	const struct cfg_field *f;
	const char *v;
	size_t i, j;

	for (i = 0; i < rt->ntransitions; i++) {
		if ((f = rt->transitions[i].by) == NULL)
			continue;
		for (j = 0; j < i && rt->transitions[j].by != f; j++)
			;
		if (j < i)
			continue;   /* seen with an earlier transition */
		v = store_rec_get(r, f->id);
		if (v != NULL && strcmp(v, c->user->login) == 0)
			return 1;
	}
	return 0;
}

/* 1 if t leaves state s (of the record's type) at all. */
static int
from_state(const struct cfg_transition *t, const struct cfg_state *s)
{
	size_t i;

	for (i = 0; i < t->nfrom; i++)
		if (t->from[i] == s)
			return 1;
	return 0;
}

/*
 * 1 if t may be a main step from state s (its when: aside): work, not an
 * exception.  The state is looked up once per record, not once per
 * transition (issue 13: the view bar's counts test a thousand records
 * against every transition of their type); a step's when: is tested
 * last, after the user's roles.
 */
static int
main_from_state(const struct cfg_transition *t, const struct cfg_state *s)
{
	return !t->exception && !t->reopens && !t->stay && from_state(t, s);
}

int
wf_queue_rank(const struct core *c, const struct store_rec *r)
{
	const struct cfg_rectype *rt = core_rectype(c, r);
	const struct cfg_transition *t;
	const struct cfg_state *s;
	const char *v;
	size_t i;
	int rank = 0, manager;

	if (rt == NULL || c->user == NULL ||
	    (s = cfg_state(rt, r->state)) == NULL)
		return 0;
	manager = cfg_user_has_any(c->user, rt->managers, rt->nmanagers);
	for (i = 0; i < rt->ntransitions; i++) {
		t = &rt->transitions[i];
		if (!main_from_state(t, s) || !wf_role_ok(c->user, t) ||
		    !wf_when_holds(t, r) ||
		    (t->scope_unit && !core_in_units(c, r)))
			continue;
		if (t->by != NULL) {
			v = store_rec_get(r, t->by->id);
			if (v != NULL && *v != '\0') {
				if (strcmp(v, c->user->login) == 0)
					return CORE_QUEUE_MINE;
				continue;   /* someone else's, manager or not */
			}
			if (!manager)
				continue;   /* nobody named: managers only */
		}
		rank = CORE_QUEUE_FREE;
	}
	if (rank != 0 && held_by_me(c, rt, r))
		rank = CORE_QUEUE_MINE;
	return rank;
}

int
wf_in_role(const struct core *c, const struct store_rec *r)
{
	const struct cfg_rectype *rt = core_rectype(c, r);
	const struct cfg_state *s;
	size_t i;

	if (rt == NULL || c->user == NULL ||
	    (s = cfg_state(rt, r->state)) == NULL)
		return 0;
	for (i = 0; i < rt->ntransitions; i++)
		if (main_from_state(&rt->transitions[i], s) &&
		    wf_role_ok(c->user, &rt->transitions[i]) &&
		    wf_when_holds(&rt->transitions[i], r))
			return 1;
	return 0;
}

/* Add id to out[0..*n-1] unless it is there; 0 when out is full. */
static int
field_add(const char **out, size_t *n, size_t max, const char *id)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(out[i], id) == 0)
			return 1;
	if (*n == max)
		return 0;
	out[(*n)++] = id;
	return 1;
}

int
wf_queue_fields(const struct cfg_rectype *rt, const char **out, size_t max)
{
	const struct cfg_transition *t;
	size_t i, j, n = 0;

	if (rt->unit_field != NULL &&
	    !field_add(out, &n, max, rt->unit_field->id))
		return -1;
	for (i = 0; i < rt->ntransitions; i++) {
		t = &rt->transitions[i];
		if (t->by != NULL && !field_add(out, &n, max, t->by->id))
			return -1;
		for (j = 0; j < t->nwhen; j++)
			if (!field_add(out, &n, max, t->when[j].field->id))
				return -1;
	}
	return (int)n;
}

int
wf_role_state(const struct core *c, const struct cfg_rectype *rt,
	      const char *state)
{
	const struct cfg_transition *t;
	size_t i;

	for (i = 0; c->user != NULL && i < rt->ntransitions; i++) {
		t = &rt->transitions[i];
		if (wf_from_ok(t, state) && !t->exception && !t->reopens &&
		    !t->stay && wf_role_ok(c->user, t))
			return 1;
	}
	return 0;
}

/* Who takes t on r: the user its by: field names, else its roles. */
static void
who_takes(const struct core *c, const struct cfg_transition *t,
	  const struct store_rec *r, const char *lang, struct as_buf *b)
{
	const char *v = t->by != NULL ? store_rec_get(r, t->by->id) : NULL;
	const struct cfg_user *u;
	size_t j;

	if (v != NULL && *v != '\0') {
		u = cfg_user(c->cfg, v);
		buf_addf(b, "%s %s", cfg_text(&t->by->label, lang, t->by->id),
			 u != NULL && u->name != NULL ? u->name : v);
		return;
	}
	for (j = 0; j < t->nroles; j++)
		buf_addf(b, "%s%s", j ? ", " : "",
			 cfg_text(&t->roles[j]->label, lang,
				  t->roles[j]->id));
}

void
wf_waits_text(const struct core *c, const struct store_rec *r,
	      const char *lang, int skip_mine, struct as_buf *b)
{
	const struct cfg_transition *pend[64], *mine[64];
	size_t np = wf_pending(c, r, pend, 64), nm = 0, i, j;
	size_t start = b->len;

	if (skip_mine)
		nm = wf_available(c, r, mine, 64);
	for (i = 0; i < np; i++) {
		for (j = 0; j < nm && mine[j] != pend[i]; j++)
			;
		if (j < nm)
			continue;
		buf_addf(b, "%s%s (", b->len > start ? "; " : "",
			 cfg_text(&pend[i]->label, lang, pend[i]->id));
		who_takes(c, pend[i], r, lang, b);
		buf_adds(b, ")");
	}
}
