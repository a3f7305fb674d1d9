/*
 * units.c - organisational units and frozen fields.
 *
 * Units (R1 §8.1, R2 §3.7.6): a record type's unit_field: holds the unit
 * a record belongs to, set when it is created to the unit the input names
 * (within the creating user's units) or else the user's first unit.  A
 * transition, an edit rule or a list with scope: unit is limited to the
 * records within the user's units, a unit including its sub-units
 * (cfg_user_unit_ok).  A refusal names the record's unit and the user's.
 *
 * Frozen fields (R2 §3.3.2): a state's freeze: names fields (or all) that
 * may never change once a record has entered it.  The engine keeps them
 * in the reserved field _frozen of the record ("*" for every field, else
 * the field ids, comma-separated), written in the step that enters the
 * state, so it is in the history; apply_inputs refuses to change them.
 */
#include "core_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define F_FROZEN "_frozen"

/* Units -------------------------------------------------------------- */

/* The unit r belongs to (NULL: none, or one the configuration lacks). */
static const struct cfg_unit *
rec_unit(const struct core *c, const struct cfg_rectype *rt,
	 const struct store_rec *r)
{
	const char *v = store_rec_get(r, rt->unit_field->id);

	return v != NULL && *v != '\0' ? cfg_unit(c->cfg, v) : NULL;
}

int
core_in_units(const struct core *c, const struct store_rec *r)
{
	const struct cfg_rectype *rt = core_rectype(c, r);

	if (rt == NULL || rt->unit_field == NULL)
		return 1;
	return cfg_user_unit_ok(c->user, rec_unit(c, rt, r));
}

/* The labels of the current user's units, comma-separated, into b. */
static void
user_units_text(const struct core *c, struct as_buf *b)
{
	size_t i;

	for (i = 0; i < c->user->nunits; i++)
		buf_addf(b, "%s%s", i ? ", " : "",
			 cfg_text(&c->user->units[i]->label, c->lang,
				  c->user->units[i]->id));
	if (b->data == NULL)
		buf_adds(b, "-");
}

int
unit_refused(const struct core *c, const struct cfg_rectype *rt,
	     const struct store_rec *r, const char *what, struct as_err *err)
{
	const struct cfg_unit *u = rec_unit(c, rt, r);
	const char *v = store_rec_get(r, rt->unit_field->id);
	struct as_buf b = {0};
	int rc;

	user_units_text(c, &b);
	rc = as_err_set(err, AS_E_PERM, TR(c,
	    "%s 属于%s；%s 只负责%s（及其下属单位），不能%s（R1 §8.1）",
	    "%s belongs to %s; %s works for %s (and the units under it) "
	    "and may not %s it (R1 §8.1)"), r->id,
	    u != NULL ? cfg_text(&u->label, c->lang, u->id) :
	    v != NULL && *v != '\0' ? v : TR(c, "（无单位）", "no unit"),
	    c->user->login, b.data, what);
	buf_free(&b);
	return rc;
}

int
unit_value_ok(const struct core *c, const struct cfg_field *f,
	      const char *v, struct as_err *err)
{
	const struct cfg_unit *u = cfg_unit(c->cfg, v);
	struct as_buf b = {0};
	int rc;

	if (u != NULL && cfg_user_unit_ok(c->user, u))
		return 0;
	user_units_text(c, &b);
	rc = as_err_set(err, AS_E_PERM, TR(c,
	    "%s 不能把%s设为 %s：只能是本人单位（%s）或其下属单位"
	    "（R1 §8.1）",
	    "%s may not set %s to %s: only to their own units (%s) or "
	    "the units under them (R1 §8.1)"), c->user->login,
	    cfg_text(&f->label, c->lang, f->id),
	    u != NULL ? cfg_text(&u->label, c->lang, u->id) : v, b.data);
	buf_free(&b);
	return rc;
}

void
unit_default(const struct core *c, const struct cfg_rectype *rt,
	     struct store_rec *r, struct store_event *e)
{
	const char *v;

	if (rt->unit_field == NULL || c->user->nunits == 0)
		return;
	v = store_rec_get(r, rt->unit_field->id);
	if (v != NULL && *v != '\0')
		return;
	store_rec_set(r, rt->unit_field->id, c->user->units[0]->id);
	if (e != NULL)
		store_event_change(e, rt->unit_field->id, NULL,
				   c->user->units[0]->id);
}

/* Frozen fields ------------------------------------------------------ */

/* 1 if id is one of the comma-separated ids of list (or list is "*"). */
static int
in_list(const char *list, const char *id)
{
	size_t n = strlen(id);
	const char *p;

	if (list == NULL)
		return 0;
	if (strcmp(list, "*") == 0)
		return 1;
	for (p = list; *p != '\0'; p += strcspn(p, ","), p += *p == ',') {
		if (strncmp(p, id, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
	}
	return 0;
}

int
core_frozen(const struct core *c, const struct store_rec *r,
	    const struct cfg_field *f)
{
	(void)c;
	return in_list(store_rec_get(r, F_FROZEN), f->id);
}

int
freeze_refused(const struct core *c, const struct store_rec *r,
	       const struct cfg_field *f, struct as_err *err)
{
	return as_err_set(err, AS_E_PERM, TR(c,
	    "%s：%s 已冻结，%s 不能再修改（R2 §3.3.2）",
	    "%s: %s is frozen; %s can no longer be changed (R2 §3.3.2)"),
	    f->id, cfg_text(&f->label, c->lang, f->id), r->id);
}

void
freeze_enter(const struct cfg_state *st, struct store_rec *r,
	     struct store_event *e)
{
	const char *old = store_rec_get(r, F_FROZEN);
	struct as_buf b = {0};
	size_t i;

	if (st == NULL || (!st->freeze_all && st->nfreeze == 0) ||
	    (old != NULL && strcmp(old, "*") == 0))
		return;
	if (st->freeze_all) {
		buf_adds(&b, "*");
	} else {
		if (old != NULL && *old != '\0')
			buf_adds(&b, old);
		for (i = 0; i < st->nfreeze; i++)
			if (!in_list(b.data, st->freeze[i]->id)) {
				/* without a format: a step into a freezing
				   state of every work order comes here */
				if (b.len > 0)
					buf_add(&b, ",", 1);
				buf_adds(&b, st->freeze[i]->id);
			}
	}
	if (old == NULL || strcmp(old, b.data) != 0) {
		if (e != NULL)
			store_event_change(e, F_FROZEN, old, b.data);
		store_rec_set(r, F_FROZEN, b.data);
	}
	buf_free(&b);
}

int
core_change_new_only(const char *field)
{
	return strcmp(field, F_FROZEN) == 0;
}

int
core_freeze_change_text(const struct core *c, const struct cfg_rectype *rt,
			const char *field, const char *val, const char *lang,
			struct as_buf *label, struct as_buf *value)
{
	const struct cfg_field *f;
	const char *p;
	size_t n;
	int en = as_lang_is_en(lang);

	(void)c;
	if (strcmp(field, F_FROZEN) != 0)
		return 0;
	buf_adds(label, en ? "frozen" : "冻结");
	if (val == NULL)
		return 1;
	if (strcmp(val, "*") == 0) {
		buf_adds(value, en ? "every field" : "全部字段");
		return 1;
	}
	for (p = val; *p != '\0'; p += n, p += *p == ',') {
		char id[256];

		n = strcspn(p, ",");
		snprintf(id, sizeof id, "%.*s", (int)n, p);
		f = rt != NULL ? cfg_field(rt, id) : NULL;
		buf_addf(value, "%s%s", p == val ? "" : ", ",
			 f != NULL ? cfg_text(&f->label, lang, f->id) : id);
	}
	return 1;
}
