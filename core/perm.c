/*
 * perm.c - who may do what outside the workflow's steps: which roles may
 * create records of a type and which fields each may fill in then (the
 * type's create: in the configuration; for a complaint, the customer
 * opinion form of R1 §5.1), and which roles may run the maintenance
 * commands (maintenance:).  The checks sit in core where the work is done
 * (core_create_rows, core_import_csv, core_reindex, core_backup; the demo
 * generator asks core_may first), so no caller gets around them.  A type
 * without create: is created by nobody; a command maintenance: does not
 * name is run by nobody.
 */
#include "core_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 if the create: entry e names one of u's roles. */
static int
entry_has_user(const struct cfg_create *e, const struct cfg_user *u)
{
	return cfg_user_has_any(u, e->roles, e->nroles);
}

/* Add the label of role to b, after a ", " unless b is empty. */
static void
add_role(const struct core *c, struct as_buf *b, const struct cfg_role *r)
{
	buf_addf(b, "%s%s", b->len ? ", " : "",
		 cfg_text(&r->label, c->lang, r->id));
}

/* Add the labels of the n roles to b (see add_role). */
static void
add_roles(const struct core *c, struct as_buf *b,
	  const struct cfg_role *const *roles, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		add_role(c, b, roles[i]);
}

int
core_may_create(const struct core *c, const struct cfg_rectype *rt,
		struct as_err *err)
{
	struct as_buf b = {0}, u = {0};
	size_t i, j, k;
	int rc, seen;

	for (i = 0; i < rt->ncreates; i++)
		if (entry_has_user(&rt->creates[i], c->user))
			return 0;
	/* the roles that may, in the order roles: lists them */
	for (k = 0; k < c->cfg->nroles; k++) {
		seen = 0;
		for (i = 0; i < rt->ncreates && !seen; i++)
			for (j = 0; j < rt->creates[i].nroles; j++)
				if (rt->creates[i].roles[j] ==
				    &c->cfg->roles[k])
					seen = 1;
		if (seen)
			add_role(c, &b, &c->cfg->roles[k]);
	}
	add_roles(c, &u, c->user->roles, c->user->nroles);
	if (b.len == 0)
		rc = as_err_set(err, AS_E_PERM, TR(c,
		    "任何人都不能在程序中登记%s：配置没有为它指定 create:"
		    "（谁可以登记）",
		    "nobody may register a %s: the configuration names no "
		    "roles under its create:"),
		    cfg_text(&rt->label, c->lang, rt->id));
	else
		rc = as_err_set(err, AS_E_PERM, TR(c,
		    "%s（%s）不能登记%s；只有 %s 可以登记",
		    "%s (%s) may not register a %s; only %s may"),
		    c->user->login, u.data ? u.data : "-",
		    cfg_text(&rt->label, c->lang, rt->id), b.data);
	buf_free(&b);
	buf_free(&u);
	return rc;
}

int
core_create_field_ok(const struct core *c, const struct cfg_rectype *rt,
		     const struct cfg_field *f)
{
	size_t i, j;

	for (i = 0; i < rt->ncreates; i++) {
		if (!entry_has_user(&rt->creates[i], c->user))
			continue;
		for (j = 0; j < rt->creates[i].nfields; j++)
			if (rt->creates[i].fields[j] == f)
				return 1;
	}
	return 0;
}

int
perm_create_inputs(const struct core *c, const struct cfg_rectype *rt,
		   const struct core_kv *in, size_t n, struct as_err *err)
{
	struct as_buf b = {0};
	size_t i, j;
	int rc;

	for (i = 0; i < n; i++) {
		const struct cfg_field *f = cfg_field(rt, in[i].key);

		/* unknown and reserved fields are apply_inputs' to refuse;
		   an empty value sets nothing */
		if (f == NULL || in[i].val == NULL || in[i].val[0] == '\0' ||
		    core_create_field_ok(c, rt, f) || core_computed(f))
			continue;     /* computed: apply_inputs refuses it */
		for (j = 0; j < rt->nfields; j++)
			if (core_create_field_ok(c, rt, &rt->fields[j]))
				buf_addf(&b, "%s%s", b.len ? ", " : "",
					 rt->fields[j].id);
		rc = as_err_set(err, AS_E_PERM, TR(c,
		    "%s：%s 不能由 %s 在登记%s时填写，由后续步骤填写"
		    "（登记时可填：%s）",
		    "%s: %s may not be set by %s when registering a %s; a "
		    "later step sets it (at registration: %s)"),
		    f->id, cfg_text(&f->label, c->lang, f->id),
		    c->user->login, cfg_text(&rt->label, c->lang, rt->id),
		    b.data ? b.data : "-");
		buf_free(&b);
		return rc;
	}
	return 0;
}

int
core_may(const struct core *c, const char *command, struct as_err *err)
{
	const struct cfg_maint *m = cfg_maintenance(c->cfg, command);
	struct as_buf b = {0}, u = {0};
	int rc;

	if (m != NULL && cfg_user_has_any(c->user, m->roles, m->nroles))
		return 0;
	if (m != NULL)
		add_roles(c, &b, m->roles, m->nroles);
	add_roles(c, &u, c->user->roles, c->user->nroles);
	if (b.len == 0)
		rc = as_err_set(err, AS_E_PERM, TR(c,
		    "任何人都不能执行 %s：配置的 maintenance: 没有为它指定"
		    "岗位",
		    "nobody may run %s: the configuration names no roles "
		    "for it under maintenance:"), command);
	else
		rc = as_err_set(err, AS_E_PERM, TR(c,
		    "%s（%s）不能执行 %s；只有 %s 可以执行",
		    "%s (%s) may not run %s; only %s may"), c->user->login,
		    u.data ? u.data : "-", command, b.data);
	buf_free(&b);
	buf_free(&u);
	return rc;
}
