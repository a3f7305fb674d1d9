/*
 * test_dup.c - likely duplicates of a record about to be created
 * (core_open_duplicate, issue 9): an open record of the type equal in all
 * its warn_duplicate: fields, as codes; found through a declared lookup
 * or by reading the open records; closed records and blank inputs never
 * count.  And the keys the workstation's forms read: hint:, context:.
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

static int
setup(void **state)
{
	return test_fx_setup(state, "dup", "tests/unit/data/dup.yaml", "ann");
}

static int
teardown(void **state)
{
	return test_fx_teardown(state);
}

static char *
create(struct core *c, const char *type, const struct core_kv *in, size_t n)
{
	struct as_err err = {0};
	char *id = NULL;

	assert_int_equal(core_create(c, type, in, n, &id, &err), 0);
	return id;
}

/* The number core_open_duplicate finds for in (NULL: none). */
static char *
dup_of(struct core *c, const char *type, const struct core_kv *in, size_t n)
{
	const struct cfg_rectype *rt = cfg_rectype(core_cfg(c), type);
	struct as_err err = {0};
	char *id = (char *)"unset";

	assert_int_equal(core_open_duplicate(c, rt, in, n, &id, &err), 0);
	return id;
}

static void
test_through_lookup(void **state)
{
	struct test_fx *f = *state;
	struct core_kv a[] = { { "serial", "ZL50G-2301234" } };
	struct core_kv same[] = { { "note", "x" },
				  { "serial", "zl50g 2301234" } };
	struct core_kv other[] = { { "serial", "ZL50G-2301235" } };
	struct core_kv blank[] = { { "serial", " - " } };
	char *id, *d;

	assert_null(dup_of(f->c, "unit", a, 1));      /* nothing yet */
	id = create(f->c, "unit", a, 1);
	d = dup_of(f->c, "unit", same, 2);            /* case, space, dash */
	assert_non_null(d);
	assert_string_equal(d, id);
	free(d);
	assert_null(dup_of(f->c, "unit", other, 1));
	assert_null(dup_of(f->c, "unit", blank, 1));  /* blank: no check */
	assert_null(dup_of(f->c, "unit", same, 1));   /* serial not given */
	/* a type that declares no warn_duplicate: never warns */
	assert_null(dup_of(f->c, "plain", a, 1));
	free(id);
}

static void
test_closed_is_no_duplicate(void **state)
{
	struct test_fx *f = *state;
	struct core_kv a[] = { { "serial", "SN-1" } };
	struct as_err err = {0};
	char *id = create(f->c, "unit", a, 1), *d;

	d = dup_of(f->c, "unit", a, 1);
	assert_non_null(d);
	free(d);
	assert_int_equal(wf_apply(f->c, id, 0, "finish", NULL, 0, NULL, &err),
			 0);
	assert_null(dup_of(f->c, "unit", a, 1));
	free(id);
}

static void
test_all_fields_by_scan(void **state)
{
	struct test_fx *f = *state;
	struct core_kv ab[] = { { "a", "x1" }, { "b", "y1" } };
	struct core_kv a_only[] = { { "a", "x1" }, { "b", "y2" } };
	char *id, *d;

	id = create(f->c, "pair", ab, 2);
	d = dup_of(f->c, "pair", ab, 2);
	assert_non_null(d);
	assert_string_equal(d, id);
	free(d);
	assert_null(dup_of(f->c, "pair", a_only, 2)); /* every field counts */
	assert_null(dup_of(f->c, "pair", ab, 1));     /* b not given */
	free(id);
}

static void
test_form_keys(void **state)
{
	struct test_fx *f = *state;
	const struct cfg_rectype *rt = cfg_rectype(core_cfg(f->c), "unit");
	const struct cfg_transition *t = cfg_transition(rt, "finish");

	assert_string_equal(cfg_field(rt, "serial")->hint.en,
			    "from the nameplate");
	assert_null(cfg_field(rt, "note")->hint.zh);
	assert_int_equal(t->ncontext, 2);
	assert_string_equal(t->context[0]->id, "note");
	assert_string_equal(t->context[1]->id, "cost_a");
	assert_int_equal(rt->nwarn_dup, 1);
	assert_string_equal(rt->warn_dup[0]->id, "serial");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_through_lookup, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_closed_is_no_duplicate,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_fields_by_scan, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_form_keys, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
