/*
 * test_units.c - organisational units, scope: unit, frozen fields and
 * batch steps through core/'s engine, on tests/unit/data/units.yaml (a
 * company > branch > east and west offices, a service report signed and
 * archived) and on the shipped configuration: a record's unit at
 * creation, the scope refusal for another unit and the inclusion of
 * sub-units (R1 §8.1, R2 §3.7.6), frozen fields refused in an edit and a
 * step (R2 §3.3.2), and a batch step that is all or none (R2 §3.7.5).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../core/core.h"
#include "testutil.h"

#define T0 1795000000LL  /* 2026-11-18 08:53:20 UTC */

static int
setup(void **state)
{
	unsetenv("AFTERSALES_NOW");
	test_fx_setup(state, "units", "tests/unit/data/units.yaml", "eastie");
	core_set_clock(((struct test_fx *)*state)->c, T0);
	return 0;
}

static int
teardown(void **state)
{
	return test_fx_teardown(state);
}

static void
as_user(struct core *c, const char *login)
{
	struct as_err err = {0};

	if (core_set_user(c, login, &err) != 0)
		fail_msg("core_set_user %s: %s", login, err.msg);
}

/* A new report by user (unit: "" for none given); its number. */
static char *
report(struct core *c, const char *user, const char *unit)
{
	struct core_kv in[] = { { "title", "月度报告" }, { "unit", unit } };
	struct as_err err = {0};
	char *id = NULL;

	as_user(c, user);
	if (core_create(c, "report", in, 2, &id, &err) != 0)
		fail_msg("create by %s in %s: %s", user, unit, err.msg);
	return id;
}

/* The value of field of record id ("" when unset). */
static char *
value(struct core *c, const char *id, const char *field)
{
	struct store_rec *r = NULL;
	struct as_err err = {0};
	char *v;

	assert_int_equal(core_get(c, id, &r, &err), 0);
	v = strdup(store_rec_get(r, field) ? store_rec_get(r, field) : "");
	store_rec_free(&r);
	return v;
}

static void
assert_value(struct core *c, const char *id, const char *field,
	     const char *want)
{
	char *v = value(c, id, field);

	assert_string_equal(v, want);
	free(v);
}

static uint64_t
rev_of(struct core *c, const char *id)
{
	struct store_rec *r = NULL;
	struct as_err err = {0};
	uint64_t rev;

	assert_int_equal(core_get(c, id, &r, &err), 0);
	rev = r->rev;
	store_rec_free(&r);
	return rev;
}

/* Take tid (NULL: an edit) as user; returns the code, err filled. */
static int
act(struct core *c, const char *user, const char *id, const char *tid,
    const char *field, const char *val, struct as_err *err)
{
	struct core_kv in[] = { { field, val } };

	as_user(c, user);
	return tid != NULL ? wf_apply(c, id, 0, tid, in, field ? 1 : 0, NULL,
				      err)
	    : core_edit(c, id, 0, in, 1, NULL, err);
}

/* 1 if tid is offered to user on id. */
static int
offered(struct core *c, const char *user, const char *id, const char *tid)
{
	const struct cfg_transition *t[16];
	struct store_rec *r = NULL;
	struct as_err err = {0};
	size_t i, n;
	int found = 0;

	as_user(c, user);
	assert_int_equal(core_get(c, id, &r, &err), 0);
	n = wf_available(c, r, t, 16);
	for (i = 0; i < n; i++)
		found |= strcmp(t[i]->id, tid) == 0;
	store_rec_free(&r);
	return found;
}

/*
 * R1 §8.1: a record belongs to the unit the input names, within the
 * creating user's units, or else to the user's first unit.
 */
static void
test_unit_at_creation(void **state)
{
	struct test_fx *f = *state;
	struct core_kv in[] = { { "title", "x" }, { "unit", "west" } };
	struct as_err err = {0};
	char *a, *b, *c, *d, *id = NULL;

	a = report(f->c, "eastie", "");
	assert_value(f->c, a, "unit", "east");
	b = report(f->c, "both", "");         /* the first of west, east */
	assert_value(f->c, b, "unit", "west");
	c = report(f->c, "both", "东区办事处");  /* by label too */
	assert_value(f->c, c, "unit", "east");
	d = report(f->c, "br", "east");       /* a sub-unit of the branch */
	assert_value(f->c, d, "unit", "east");
	as_user(f->c, "eastie");
	assert_int_equal(core_create(f->c, "report", in, 2, &id, &err),
	    AS_E_PERM);
	assert_null(id);
	assert_non_null(strstr(err.msg, "West office"));
	assert_non_null(strstr(err.msg, "East office"));
	/* a user without units registers records without one */
	free(a);
	a = report(f->c, "nobody", "");
	assert_value(f->c, a, "unit", "");
	free(a);
	free(b);
	free(c);
	free(d);
}

/*
 * R1 §8.1: a step with scope: unit on a record of another unit is not
 * offered and is refused, the sentence naming the record's unit and the
 * user's; nothing is written.
 */
static void
test_scope_refused(void **state)
{
	struct test_fx *f = *state;
	struct as_err err = {0};
	char *id = report(f->c, "eastie", "");

	assert_false(offered(f->c, "westie", id, "sign"));
	assert_int_equal(act(f->c, "westie", id, "sign", "signature", "西",
	    &err), AS_E_PERM);
	assert_non_null(strstr(err.msg, id));
	assert_non_null(strstr(err.msg, "belongs to East office"));
	assert_non_null(strstr(err.msg, "works for West office"));
	assert_non_null(strstr(err.msg, "R1 §8.1"));
	assert_int_equal(rev_of(f->c, id), 1);
	/* an edit rule with scope: unit likewise */
	assert_int_equal(act(f->c, "westie", id, NULL, "title", "改",
	    &err), AS_E_PERM);
	assert_non_null(strstr(err.msg, "belongs to East office"));
	assert_value(f->c, id, "title", "月度报告");
	/* its own unit may */
	assert_true(offered(f->c, "eastie", id, "sign"));
	assert_int_equal(act(f->c, "eastie", id, "sign", "signature", "东",
	    &err), 0);
	free(id);
}

/* R1 §8.1, R2 §3.7.6: a unit includes its sub-units, at any depth. */
static void
test_scope_subunits(void **state)
{
	struct test_fx *f = *state;
	struct as_err err = {0};
	char *a = report(f->c, "eastie", ""), *b = report(f->c, "westie", "");
	char *n = report(f->c, "nobody", "");

	assert_true(offered(f->c, "br", a, "sign"));
	assert_true(offered(f->c, "top", b, "sign"));
	assert_int_equal(act(f->c, "br", a, NULL, "title", "分部改", &err), 0);
	assert_int_equal(act(f->c, "top", b, "sign", "signature", "总",
	    &err), 0);
	/* a user of two units acts for both */
	assert_true(offered(f->c, "both", a, "sign"));
	/* a record without a unit: only a user of a top unit */
	assert_false(offered(f->c, "br", n, "sign"));
	assert_false(offered(f->c, "nobody", n, "sign"));
	assert_true(offered(f->c, "top", n, "sign"));
	/* moving a record: only into the user's own units */
	assert_int_equal(act(f->c, "eastie", a, NULL, "unit", "west", &err),
	    AS_E_PERM);
	assert_int_equal(act(f->c, "br", a, NULL, "unit", "west", &err), 0);
	assert_value(f->c, a, "unit", "west");
	free(a);
	free(b);
	free(n);
}

/* R1 §8.1: the unit view and my queue hold the user's units only. */
static int
collect(const struct store_rec *r, void *ctx)
{
	(*(size_t *)ctx)++;
	(void)r;
	return 0;
}

static void
test_unit_views(void **state)
{
	struct test_fx *f = *state;
	struct core_list q = { .type = "report", .view = CORE_VIEW_ALL };
	struct as_err err = {0};
	size_t n;
	char *a = report(f->c, "eastie", ""), *b = report(f->c, "westie", "");

	as_user(f->c, "eastie");
	n = 0;
	assert_int_equal(core_list(f->c, &q, collect, &n, &err), 0);
	assert_int_equal(n, 2);
	q.units = 1;
	n = 0;
	assert_int_equal(core_list(f->c, &q, collect, &n, &err), 0);
	assert_int_equal(n, 1);
	q.units = 0;
	q.view = CORE_VIEW_MINE;
	n = 0;
	assert_int_equal(core_list(f->c, &q, collect, &n, &err), 0);
	assert_int_equal(n, 1);
	as_user(f->c, "br");
	n = 0;
	assert_int_equal(core_list(f->c, &q, collect, &n, &err), 0);
	assert_int_equal(n, 2);
	free(a);
	free(b);
}

/*
 * R2 §3.3.2: once signed, the signature and title never change, by edit
 * or by step; once archived, no field does.  The workstation is not
 * offered them (core_can_edit).
 */
static void
test_frozen(void **state)
{
	struct test_fx *f = *state;
	struct store_rec *r = NULL;
	struct as_err err = {0};
	const struct cfg_rectype *rt;
	char *id = report(f->c, "eastie", "");
	uint64_t rev;

	/* before the signature, both may change */
	assert_int_equal(act(f->c, "eastie", id, NULL, "signature", "草",
	    &err), 0);
	assert_int_equal(act(f->c, "eastie", id, "sign", "signature", "东",
	    &err), 0);
	assert_value(f->c, id, "_frozen", "signature,title");
	rev = rev_of(f->c, id);
	assert_int_equal(act(f->c, "eastie", id, NULL, "signature", "伪",
	    &err), AS_E_PERM);
	assert_non_null(strstr(err.msg, "signature: Signature is frozen"));
	assert_non_null(strstr(err.msg, "R2 §3.3.2"));
	assert_int_equal(act(f->c, "eastie", id, NULL, "title", "改", &err),
	    AS_E_PERM);
	assert_non_null(strstr(err.msg, "title"));
	/* a step may not change it either, though it requires it */
	assert_int_equal(act(f->c, "eastie", id, "resign", "signature", "伪",
	    &err), AS_E_PERM);
	assert_non_null(strstr(err.msg, "signature: Signature is frozen"));
	assert_int_equal(rev_of(f->c, id), rev);
	assert_value(f->c, id, "signature", "东");
	/* the same value is no change; other fields still may */
	assert_int_equal(act(f->c, "eastie", id, "resign", "signature", "东",
	    &err), 0);
	assert_int_equal(act(f->c, "eastie", id, NULL, "note", "补记", &err),
	    0);
	as_user(f->c, "eastie");
	assert_int_equal(core_get(f->c, id, &r, &err), 0);
	rt = core_rectype(f->c, r);
	assert_false(core_can_edit(f->c, r, cfg_field(rt, "signature")));
	assert_true(core_can_edit(f->c, r, cfg_field(rt, "note")));
	store_rec_free(&r);
	/* archived: every field */
	assert_int_equal(act(f->c, "eastie", id, "archive", NULL, NULL, &err),
	    0);
	assert_value(f->c, id, "_frozen", "*");
	assert_int_equal(act(f->c, "eastie", id, NULL, "note", "再记", &err),
	    AS_E_PERM);
	assert_non_null(strstr(err.msg, "note: Note is frozen"));
	assert_int_equal(act(f->c, "br", id, NULL, "unit", "west", &err),
	    AS_E_PERM);
	assert_value(f->c, id, "note", "补记");
	free(id);
}

/*
 * R2 §3.7.5: one step on a chosen set of records in one transaction, all
 * or none; the refusal names the record and why.
 */
static void
test_batch(void **state)
{
	struct test_fx *f = *state;
	struct core_kv in[] = { { "signature", "东" } };
	struct as_err err = {0};
	const char *ids[4];
	char *a = report(f->c, "eastie", ""), *b = report(f->c, "eastie", "");
	char *c = report(f->c, "eastie", ""), *w = report(f->c, "westie", "");
	size_t bad;

	/* c signed already: the batch a, b, c is refused whole */
	assert_int_equal(act(f->c, "eastie", c, "sign", "signature", "东",
	    &err), 0);
	ids[0] = a;
	ids[1] = b;
	ids[2] = c;
	as_user(f->c, "eastie");
	assert_int_equal(wf_apply_batch(f->c, ids, NULL, 3, "sign", in, 1,
	    &bad, &err), AS_E_PERM);
	assert_int_equal(bad, 2);
	assert_non_null(strstr(err.msg, "refused whole"));
	assert_non_null(strstr(err.msg, c));
	assert_non_null(strstr(err.msg, "Signed"));
	assert_int_equal(rev_of(f->c, a), 1);
	assert_int_equal(rev_of(f->c, b), 1);
	assert_value(f->c, a, "signature", "");
	/* one of another unit: refused whole, naming it */
	ids[2] = w;
	assert_int_equal(wf_apply_batch(f->c, ids, NULL, 3, "sign", in, 1,
	    &bad, &err), AS_E_PERM);
	assert_int_equal(bad, 2);
	assert_non_null(strstr(err.msg, w));
	assert_non_null(strstr(err.msg, "West office"));
	assert_int_equal(rev_of(f->c, a), 1);
	/* named twice, or nothing */
	ids[2] = a;
	assert_int_equal(wf_apply_batch(f->c, ids, NULL, 3, "sign", in, 1,
	    &bad, &err), AS_E_INVALID);
	assert_int_equal(bad, 2);
	assert_int_equal(wf_apply_batch(f->c, ids, NULL, 0, "sign", in, 1,
	    NULL, &err), AS_E_INVALID);
	/* a stale revision refuses the whole batch too */
	{
		uint64_t revs[2] = { 1, 7 };

		assert_int_equal(wf_apply_batch(f->c, ids, revs, 2, "sign",
		    in, 1, &bad, &err), AS_E_CONFLICT);
		assert_int_equal(bad, 1);
		assert_int_equal(rev_of(f->c, a), 1);
	}
	/* all may: all are signed, each with its own history */
	assert_int_equal(wf_apply_batch(f->c, ids, NULL, 2, "sign", in, 1,
	    &bad, &err), 0);
	assert_value(f->c, a, "signature", "东");
	assert_value(f->c, b, "signature", "东");
	assert_int_equal(rev_of(f->c, a), 2);
	assert_int_equal(rev_of(f->c, b), 2);
	free(a);
	free(b);
	free(c);
	free(w);
}

/*
 * The shipped configuration (R1 §8.1): a complaint belongs to its
 * registrar's unit; the field-office manager names the owner of his own
 * office's cases only, the branch manager of every case of the branch.
 */
static void
test_shipped_units(void **state)
{
	struct test_fx *f = *state;
	struct core_kv reg[] = { { "customer_name", "张伟" },
		{ "phone", "13800138000" }, { "description", "车门异响" },
		{ "unit", "" } };
	struct core_kv acc[] = { { "category", "quality" },
		{ "owner", "zhangwei" } };
	struct core_kv own[] = { { "owner", "liujun" } };
	struct as_err err = {0};
	char *mine = NULL, *xian = NULL;

	test_core_teardown(&f->c, f->dir);
	f->c = test_core_setup(f->dir, f->cfgpath, "units",
	    "config/demo.yaml", "office_manager");
	core_set_clock(f->c, T0);
	assert_int_equal(core_create(f->c, "complaint", reg, 4, &mine, &err),
	    0);
	assert_value(f->c, mine, "unit", "office_zhengzhou");
	as_user(f->c, "admin");
	reg[3].val = "office_xian";
	assert_int_equal(core_create(f->c, "complaint", reg, 4, &xian, &err),
	    0);
	as_user(f->c, "branch_manager");
	assert_int_equal(wf_apply(f->c, mine, 0, "accept", acc, 2, NULL,
	    &err), 0);
	assert_int_equal(wf_apply(f->c, xian, 0, "accept", acc, 2, NULL,
	    &err), 0);
	as_user(f->c, "office_manager");
	assert_int_equal(core_edit(f->c, mine, 0, own, 1, NULL, &err), 0);
	assert_int_equal(core_edit(f->c, xian, 0, own, 1, NULL, &err),
	    AS_E_PERM);
	assert_non_null(strstr(err.msg, "Xi'an field office"));
	assert_non_null(strstr(err.msg, "Zhengzhou field office"));
	as_user(f->c, "branch_manager");
	assert_int_equal(core_edit(f->c, xian, 0, own, 1, NULL, &err), 0);
	free(mine);
	free(xian);
}

/*
 * The shipped units (R1 §8.1, R2 §3.7.6): the company over the branch,
 * its field offices and service station, and the central store; the
 * complaint's unit field; the field-office manager's scoped owner edit;
 * a closed complaint frozen whole.
 */
static void
test_shipped_config(void **state)
{
	struct test_fx *f = *state;
	const struct cfg *cfg;
	const struct cfg_rectype *rt;
	const struct cfg_unit *co, *br;
	size_t i, scoped = 0;

	test_core_teardown(&f->c, f->dir);
	f->c = test_core_setup(f->dir, f->cfgpath, "units",
	    "config/demo.yaml", "admin");
	cfg = core_cfg(f->c);
	co = cfg_unit(cfg, "company");
	br = cfg_unit(cfg, "branch");
	assert_non_null(co);
	assert_null(co->parent);
	assert_ptr_equal(br->parent, co);
	assert_ptr_equal(cfg_unit(cfg, "office_zhengzhou")->parent, br);
	assert_ptr_equal(cfg_unit(cfg, "office_xian")->parent, br);
	assert_ptr_equal(cfg_unit(cfg, "station_luoyang")->parent, br);
	assert_ptr_equal(cfg_unit(cfg, "central_store")->parent, co);
	assert_true(cfg_unit_within(cfg_unit(cfg, "office_xian"), co));
	assert_false(cfg_unit_within(cfg_unit(cfg, "central_store"), br));
	assert_string_equal(cfg_unit(cfg, "central_store")->label.zh,
	    "中心备件库");
	rt = cfg_rectype(cfg, "complaint");
	assert_non_null(rt->unit_field);
	assert_int_equal(rt->unit_field->type, CFG_T_UNIT);
	for (i = 0; i < rt->nedits; i++)
		if (rt->edits[i].scope_unit) {
			scoped++;
			assert_int_equal(rt->edits[i].nroles, 1);
			assert_string_equal(rt->edits[i].roles[0]->id,
			    "office_manager");
		}
	assert_int_equal(scoped, 1);
	assert_true(cfg_state(rt, "closed")->freeze_all);
	for (i = 0; i < cfg->nusers; i++)
		assert_true(cfg->users[i].nunits > 0);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_unit_at_creation),
		TEST(test_scope_refused),
		TEST(test_scope_subunits),
		TEST(test_unit_views),
		TEST(test_frozen),
		TEST(test_batch),
		TEST(test_shipped_units),
		TEST(test_shipped_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
