/*
 * test_workflow.c - the shipped complaint workflow (config/demo.yaml, which
 * includes config/aftersales.yaml) through core/'s engine: the steps that
 * belong to a case's owner (by: owner, managers:), what the workstation is
 * offered (wf_available, core_can_edit) and what wf_apply and core_edit
 * refuse, and one field per decision.  A real LMDB database in a fresh
 * mkdtemp folder per test.
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
	test_fx_setup(state, "workflow", "config/demo.yaml", "admin");
	core_set_clock(((struct test_fx *)*state)->c, T0);
	return 0;
}

static int
teardown(void **state)
{
	return test_fx_teardown(state);
}

/* Take transition tid as user; fails the test unless it returns want. */
static void
step(struct core *c, const char *user, const char *id, const char *tid,
     const struct core_kv *in, size_t n, int want)
{
	struct as_err err = {0};
	int rc;

	assert_int_equal(core_set_user(c, user, &err), 0);
	rc = tid != NULL ? wf_apply(c, id, 0, tid, in, n, NULL, &err)
	    : core_edit(c, id, 0, in, n, NULL, &err);
	if (rc != want)
		fail_msg("%s %s by %s: %d (%s), want %d", id,
			 tid ? tid : "edit", user, rc, err.msg, want);
}

/* A quality complaint owned by zhangwei, in handling. */
static char *
in_handling(struct core *c)
{
	struct core_kv reg[] = { { "customer_name", "张伟" },
		{ "phone", "13800138000" }, { "description", "车门异响" } };
	struct core_kv acc[] = { { "category", "quality" },
		{ "owner", "zhangwei" } };
	struct core_kv ana[] = { { "cause", "装配不良" },
		{ "countermeasure", "返工" } };
	struct core_kv asg[] = { { "responsible_dept", "production" },
		{ "responsible_person", "黄勇" }, { "disposition", "repair" } };
	struct as_err err = {0};
	char *id = NULL;

	assert_int_equal(core_set_user(c, "admin", &err), 0);
	assert_int_equal(core_create(c, "complaint", reg, 3, &id, &err), 0);
	step(c, "branch_manager", id, "accept", acc, 2, 0);
	step(c, "admin", id, "investigate", NULL, 0, 0);
	step(c, "technical", id, "analyse", ana, 2, 0);
	step(c, "qc", id, "assign", asg, 3, 0);
	return id;
}

/*
 * wf_apply_rec hands back the record as the step wrote it (issue 13: do
 * prints it without reading it again): the very record a read gives
 * after the step, field by field; a refused step gives none.
 */
static void
test_apply_rec(void **state)
{
	struct test_fx *f = *state;
	struct core_kv reg[] = { { "customer_name", "张伟" },
		{ "phone", "13800138000" }, { "description", "车门异响" } };
	struct core_kv acc[] = { { "category", "quality" },
		{ "owner", "zhangwei" } };
	struct store_rec *r = NULL, *g;
	struct as_err err = {0};
	char *id = NULL;
	size_t i;

	assert_int_equal(core_create(f->c, "complaint", reg, 3, &id, &err), 0);
	assert_int_equal(core_set_user(f->c, "branch_manager", &err), 0);
	assert_int_equal(wf_apply_rec(f->c, id, 0, "accept", acc, 2, &r,
	    &err), 0);
	assert_non_null(r);
	g = test_get(f->c, id);
	assert_string_equal(r->id, g->id);
	assert_string_equal(r->type, g->type);
	assert_string_equal(r->state, "accepted");
	assert_string_equal(r->state, g->state);
	assert_true(r->rev == 2 && g->rev == 2);
	assert_true(r->created == g->created && r->updated == g->updated);
	assert_int_equal(r->nfields, g->nfields);
	for (i = 0; i < g->nfields; i++) {
		assert_string_equal(r->fields[i].key, g->fields[i].key);
		assert_string_equal(r->fields[i].val, g->fields[i].val);
	}
	assert_string_equal(store_rec_get(r, "owner"), "zhangwei");
	store_rec_free(&r);
	store_rec_free(&g);
	/* accepted already: refused, no record */
	r = (struct store_rec *)&err;
	assert_int_equal(wf_apply_rec(f->c, id, 0, "accept", acc, 2, &r,
	    &err), AS_E_PERM);
	assert_null(r);
	free(id);
}

/* 1 if user is offered transition tid on id (the workstation's keys). */
static int
offered(struct core *c, const char *user, const char *id, const char *tid)
{
	const struct cfg_transition *av[32];
	struct store_rec *r = test_get(c, id);
	struct as_err err = {0};
	size_t i, n;
	int found = 0;

	assert_int_equal(core_set_user(c, user, &err), 0);
	n = wf_available(c, r, av, 32);
	for (i = 0; i < n; i++)
		if (strcmp(av[i]->id, tid) == 0)
			found = 1;
	store_rec_free(&r);
	return found;
}

/* 1 if user may edit field on id (the workstation's edit form). */
static int
editable(struct core *c, const char *user, const char *id, const char *field)
{
	struct store_rec *r = test_get(c, id);
	const struct cfg_rectype *rt = core_rectype(c, r);
	struct as_err err = {0};
	int ok;

	assert_int_equal(core_set_user(c, user, &err), 0);
	ok = core_can_edit(c, r, cfg_field(rt, field));
	store_rec_free(&r);
	return ok;
}

/*
 * R1 §8.1: finishing the handling belongs to the case's owner; another
 * engineer is neither offered it nor allowed it (AS_E_PERM, the message
 * names the owner); a manager (branch or field-office) may take it.
 */
static void
test_finish_owner_only(void **state)
{
	struct test_fx *f = *state;
	struct core_kv fin[] = { { "resolution", "已修复" } };
	struct as_err err = {0};
	char *id = in_handling(f->c);

	assert_true(offered(f->c, "zhangwei", id, "finish"));
	assert_false(offered(f->c, "engineer", id, "finish"));
	assert_false(offered(f->c, "liujun", id, "finish"));
	assert_true(offered(f->c, "branch_manager", id, "finish"));
	assert_true(offered(f->c, "office_manager", id, "finish"));
	assert_int_equal(core_set_user(f->c, "engineer", &err), 0);
	assert_int_equal(wf_apply(f->c, id, 0, "finish", fin, 1, NULL, &err),
			 AS_E_PERM);
	assert_string_equal(err.msg, "C2026-000001: only its Owner zhangwei "
	    "(张伟) or a manager (Branch manager, Field-office manager) may "
	    "Finish handling (R1 §8.1)");
	step(f->c, "office_manager", id, "finish", fin, 1, 0);
	free(id);
	id = in_handling(f->c);
	step(f->c, "zhangwei", id, "finish", fin, 1, 0);
	free(id);
}

/*
 * R1 §8.1, §9: the owner enters the costs of the case and the handling
 * result; another engineer may not (the message names the owner), a
 * manager may.  Finance checks the costs once they are under review.
 */
static void
test_costs_owner_only(void **state)
{
	struct test_fx *f = *state;
	struct core_kv cost[] = { { "costs",
	    "[{\"type\":\"travel\",\"amount\":\"320.50\"}]" } };
	struct core_kv more[] = { { "costs",
	    "[{\"type\":\"travel\",\"amount\":\"320.50\"},"
	    "{\"type\":\"parts\",\"amount\":\"1280\"}]" } };
	struct core_kv fin[] = { { "resolution", "已修复" } };
	struct as_err err = {0};
	char *id = in_handling(f->c);

	assert_true(editable(f->c, "zhangwei", id, "costs"));
	assert_true(editable(f->c, "zhangwei", id, "resolution"));
	assert_false(editable(f->c, "engineer", id, "costs"));
	assert_false(editable(f->c, "engineer", id, "resolution"));
	assert_true(editable(f->c, "branch_manager", id, "costs"));
	/* the legacy cost fields are no one's any more */
	assert_false(editable(f->c, "zhangwei", id, "cost_travel"));
	/* facts about the product are not the owner's alone */
	assert_true(editable(f->c, "engineer", id, "distance_km"));
	assert_int_equal(core_set_user(f->c, "engineer", &err), 0);
	assert_int_equal(core_edit(f->c, id, 0, cost, 1, NULL, &err),
			 AS_E_PERM);
	assert_string_equal(err.msg, "C2026-000001: only its Owner zhangwei "
	    "(张伟) or a manager (Branch manager, Field-office manager) may "
	    "change Costs (R1 §8.1)");
	step(f->c, "zhangwei", id, NULL, cost, 1, 0);
	step(f->c, "branch_manager", id, NULL, more, 1, 0);
	step(f->c, "finance", id, NULL, more, 1, AS_E_PERM);
	step(f->c, "zhangwei", id, "finish", fin, 1, 0);
	assert_false(editable(f->c, "zhangwei", id, "costs"));
	assert_true(editable(f->c, "finance", id, "costs"));
	free(id);
}

/* R1 §8.1: without an owner, only a manager may take the owner's steps. */
static void
test_no_owner(void **state)
{
	struct test_fx *f = *state;
	struct core_kv none[] = { { "owner", "" } };
	struct core_kv fin[] = { { "resolution", "已修复" } };
	struct as_err err = {0};
	char *id = in_handling(f->c);

	step(f->c, "branch_manager", id, NULL, none, 1, 0);
	assert_false(offered(f->c, "zhangwei", id, "finish"));
	assert_int_equal(core_set_user(f->c, "zhangwei", &err), 0);
	assert_int_equal(wf_apply(f->c, id, 0, "finish", fin, 1, NULL, &err),
			 AS_E_PERM);
	assert_string_equal(err.msg, "C2026-000001: no Owner is named yet, so "
	    "only a manager (Branch manager, Field-office manager) may Finish "
	    "handling (R1 §8.1)");
	step(f->c, "branch_manager", id, "finish", fin, 1, 0);
	free(id);
}

/*
 * One field per decision: a dispute's reason and resolution do not
 * overwrite the rejection's reason (R1 §7.1, §7.3), and the dispute
 * resolution is not the handling result.
 */
static void
test_decision_fields(void **state)
{
	struct test_fx *f = *state;
	struct core_kv reg[] = { { "customer_name", "李娜" },
		{ "phone", "13900139000" }, { "description", "漏油" } };
	struct core_kv rej[] = { { "reject_reason", "已超出三包期" } };
	struct core_kv dis[] = { { "dispute_reason", "客户称仍在三包期内" } };
	struct core_kv res[] = { { "coordinator", "hejianguo" },
		{ "dispute_resolution", "按合同维持不予受理" } };
	struct as_err err = {0};
	struct store_rec *r;
	char *id = NULL;

	assert_int_equal(core_set_user(f->c, "admin", &err), 0);
	assert_int_equal(core_create(f->c, "complaint", reg, 3, &id, &err), 0);
	step(f->c, "branch_manager", id, "reject", rej, 1, 0);
	step(f->c, "business", id, "dispute_rejection", dis, 1, 0);
	step(f->c, "branch_manager", id, "resolve_reject", res, 2, 0);
	r = test_get(f->c, id);
	assert_string_equal(r->state, "rejected");
	assert_string_equal(store_rec_get(r, "reject_reason"), "已超出三包期");
	assert_string_equal(store_rec_get(r, "dispute_reason"),
			    "客户称仍在三包期内");
	assert_string_equal(store_rec_get(r, "dispute_resolution"),
			    "按合同维持不予受理");
	assert_string_equal(store_rec_get(r, "coordinator"), "hejianguo");
	assert_null(store_rec_get(r, "resolution"));
	assert_null(store_rec_get(r, "reason"));
	store_rec_free(&r);
	free(id);
}

/* The legacy shared field is still defined (old records show it) but no
 * step requires or edits it. */
static void
test_legacy_reason(void **state)
{
	struct test_fx *f = *state;
	const struct cfg_rectype *rt = cfg_rectype(core_cfg(f->c), "complaint");
	const struct cfg_field *reason = cfg_field(rt, "reason");
	size_t i, j;

	assert_non_null(reason);
	assert_false(reason->required);
	for (i = 0; i < rt->ntransitions; i++)
		for (j = 0; j < rt->transitions[i].nrequires; j++)
			assert_ptr_not_equal(rt->transitions[i].requires[j],
					     reason);
	for (i = 0; i < rt->nedits; i++)
		for (j = 0; j < rt->edits[i].nfields; j++)
			assert_ptr_not_equal(rt->edits[i].fields[j], reason);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_apply_rec),
		TEST(test_finish_owner_only),
		TEST(test_costs_owner_only),
		TEST(test_no_owner),
		TEST(test_decision_fields),
		TEST(test_legacy_reason),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
