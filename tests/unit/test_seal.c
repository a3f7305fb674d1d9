/*
 * test_seal.c - the engine pieces of issue 10's service report: a state's
 * seal: (R2 §3.3.2: the sign code of the frozen report, computed when the
 * record enters the state, checked again by verify), a stay: step (the
 * record keeps its state, and the step is no work waiting) and
 * requires_when: (R2 §3.4.1: a lead when the team has two or more).
 * Configuration: tests/unit/data/seal.yaml.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/core.h"
#include "../../store/store.h"
#include "testutil.h"

static int
setup(void **state)
{
	setenv("AFTERSALES_NOW", "1795000000", 1);  /* 2026-11-18 */
	return test_fx_setup(state, "seal", "tests/unit/data/seal.yaml", "ann");
}

static int
teardown(void **state)
{
	unsetenv("AFTERSALES_NOW");
	return test_fx_teardown(state);
}

static void
step(struct core *c, const char *id, const char *tid, const char *k,
     const char *v, int want)
{
	struct core_kv in[] = { { k, v } };
	struct as_err err = {0};

	assert_int_equal(wf_apply(c, id, 0, tid, in, k != NULL, NULL, &err),
	    want);
}

static char *
new_report(struct core *c, const char *team)
{
	struct core_kv in[] = { { "title", "门泵" }, { "team", team } };
	struct as_err err = {0};
	char *id = NULL;

	assert_int_equal(core_create(c, "report", in, team ? 2 : 1, &id,
	    &err), 0);
	return id;
}

static void
problem_count(const char *msg, void *ctx)
{
	(void)msg;
	(*(size_t *)ctx)++;
}

/*
 * R2 §3.3.2: signing sets the code of the frozen fields; the same record
 * gives the same code, another signer another; verify accepts it.
 */
static void
test_seal_code(void **state)
{
	struct test_fx *f = *state;
	char *id = new_report(f->c, NULL);
	struct store_rec *r;
	struct as_err err = {0};
	size_t problems = 0;
	const char *code;

	step(f->c, id, "resolve", "work", "换门泵", 0);
	step(f->c, id, "sign", "signer", "王建国", 0);
	r = test_get(f->c, id);
	code = store_rec_get(r, "code");
	assert_non_null(code);
	assert_int_equal(strlen(code), 9);
	assert_int_equal(code[4], '-');
	assert_true(strspn(code, "0123456789ABCDEF-") == 9);
	store_rec_free(&r);
	assert_int_equal(core_verify(f->c, problem_count, &problems, &err), 0);
	assert_int_equal(problems, 0);
	free(id);
}

/* Write signer := 李四 into record id as a valid "edit" event. */
static int
forge_txn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct store_rec *r = NULL;
	struct store_event *e;
	int rc;

	if ((rc = store_get(t, ctx, &r, err)) != 0)
		return rc;
	e = store_event_new(r->id, "ann", "edit", r->state, r->state);
	r->rev++;
	e->rev = r->rev;
	e->when = r->updated;
	store_event_change(e, "signer", store_rec_get(r, "signer"), "李四");
	store_rec_set(r, "signer", "李四");
	rc = store_put(t, r, err);
	if (rc == 0)
		rc = store_hist_append(t, e, err);
	store_event_free(&e);
	store_rec_free(&r);
	return rc;
}

/*
 * R2 §3.3.2: a signature changed behind the program's back, as a valid
 * history event (the chain and the replay agree), is found by verify
 * through the code.
 */
static void
test_seal_forged(void **state)
{
	struct test_fx *f = *state;
	char *id = new_report(f->c, NULL);
	struct store_opts so = {0};
	struct store *st = NULL;
	struct as_err err = {0};
	size_t problems = 0;

	step(f->c, id, "resolve", "work", "换门泵", 0);
	step(f->c, id, "sign", "signer", "王建国", 0);
	core_close(&f->c);
	assert_int_equal(store_open(f->dir, &so, &st, &err), 0);
	assert_int_equal(store_write(st, forge_txn, id, &err), 0);
	store_close(&st);

	f->c = test_core_open(f->dir, f->cfgpath, "ann");
	assert_int_equal(core_verify(f->c, problem_count, &problems, &err),
	    AS_E_CORRUPT);
	assert_int_equal(problems, 1);
	free(id);
}

/* R2 §3.3.2: after signing the sealed fields are refused as frozen. */
static void
test_seal_frozen(void **state)
{
	struct test_fx *f = *state;
	char *id = new_report(f->c, NULL);
	struct core_kv in[] = { { "work", "改" } };
	struct core_kv note[] = { { "note", "备注" } };
	struct as_err err = {0};

	step(f->c, id, "resolve", "work", "换门泵", 0);
	step(f->c, id, "sign", "signer", "王建国", 0);
	assert_int_equal(core_edit(f->c, id, 0, in, 1, NULL, &err),
	    AS_E_PERM);
	assert_non_null(strstr(err.msg, "frozen"));
	assert_int_equal(core_edit(f->c, id, 0, note, 1, NULL, &err), 0);
	free(id);
}

/* stay: the record keeps its state; it is no work waiting. */
static void
test_stay(void **state)
{
	struct test_fx *f = *state;
	char *id = new_report(f->c, NULL);
	const struct cfg_transition *t[8];
	struct store_rec *r;
	size_t n;

	step(f->c, id, "remark", "note", "已电话联系", 0);
	r = test_get(f->c, id);
	assert_string_equal(r->state, "open");
	assert_int_equal(r->rev, 2);
	n = wf_pending(f->c, r, t, 8);
	assert_int_equal(n, 1);
	assert_string_equal(t[0]->id, "resolve");
	store_rec_free(&r);
	free(id);
}

/* R2 §3.4.1: two or more people: the lead is required, one is not. */
static void
test_requires_when(void **state)
{
	struct test_fx *f = *state;
	char *one = new_report(f->c, "[{\"user\":\"ann\"}]");
	char *two = new_report(f->c, "[{\"user\":\"ann\"},{\"user\":\"bob\"}]");
	struct core_kv in[] = { { "work", "换门泵" }, { "lead", "ann" } };
	struct as_err err = {0};

	step(f->c, one, "resolve", "work", "换门泵", 0);
	step(f->c, two, "resolve", "work", "换门泵", AS_E_INVALID);
	assert_int_equal(wf_apply(f->c, two, 0, "resolve", in, 1, NULL, &err),
	    AS_E_INVALID);
	assert_non_null(strstr(err.msg, "requires lead"));
	assert_non_null(strstr(err.msg, "at least 2 lines"));
	assert_int_equal(wf_apply(f->c, two, 0, "resolve", in, 2, NULL, &err),
	    0);
	free(one);
	free(two);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_seal_code),
		TEST(test_seal_forged),
		TEST(test_seal_frozen),
		TEST(test_stay),
		TEST(test_requires_when),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
