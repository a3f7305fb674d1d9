/*
 * test_links.c - references between records (issue 8): a reference is
 * checked in the write transaction that sets it (exists, right type), a
 * typed number is normalised, back-links are indexed (and verify and
 * reindex cover them), a step that creates a linked record writes both
 * records or neither, and the links_closed guard reads linked records.
 * Configuration: tests/unit/data/links.yaml (a call and a complaint, the
 * shape of R2 §3.5: a call that turns out to be a complaint is passed on
 * to one, linked both ways).
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
#include "testutil.h"

static int
setup(void **state)
{
	setenv("AFTERSALES_NOW", "1795000000", 1);  /* 2026-11-18 */
	return test_fx_setup(state, "links", "tests/unit/data/links.yaml", "ann");
}

static int
teardown(void **state)
{
	unsetenv("AFTERSALES_NOW");
	return test_fx_teardown(state);
}

static char *
new_call(struct core *c, const char *caller, const char *content)
{
	struct core_kv in[] = { { "caller", caller }, { "phone", "13800138000" },
	    { "content", content } };
	struct as_err err = {0};
	char *id = NULL;

	assert_int_equal(core_create(c, "call", in, content ? 3 : 2, &id,
	    &err), 0);
	return id;
}

static char *
new_complaint(struct core *c, const char *name)
{
	struct core_kv in[] = { { "customer_name", name },
	    { "description", "noise" } };
	struct as_err err = {0};
	char *id = NULL;

	assert_int_equal(core_create(c, "complaint", in, 2, &id, &err), 0);
	return id;
}

/* A reference to a number nobody has is refused, naming field and number. */
static void
test_missing_reference(void **state)
{
	struct test_fx *f = *state;
	struct core_kv in[] = { { "caller", "王" },
	    { "complaint", "C2026-000099" } };
	struct as_err err = {0};
	char *id = NULL;

	assert_int_equal(core_create(f->c, "call", in, 2, &id, &err),
	    AS_E_INVALID);
	assert_null(id);
	assert_non_null(strstr(err.msg, "Complaint"));
	assert_non_null(strstr(err.msg, "C2026-000099"));
	assert_non_null(strstr(err.msg, "there is no record"));
	assert_int_equal(test_records(f->c, "call"), 0);
}

/* A reference to a record of another type is refused, on create and edit. */
static void
test_wrong_type(void **state)
{
	struct test_fx *f = *state;
	char *k = new_complaint(f->c, "李");
	char *l = new_call(f->c, "王", "x");
	struct core_kv in[] = { { "caller", "张" }, { "related", k } };
	struct core_kv ed[] = { { "complaint", l } };
	struct as_err err = {0};
	struct store_rec *r;
	char *id = NULL;

	assert_int_equal(core_create(f->c, "call", in, 2, &id, &err),
	    AS_E_INVALID);
	assert_non_null(strstr(err.msg, "Related call"));
	assert_non_null(strstr(err.msg, k));
	assert_non_null(strstr(err.msg, "is a Complaint, not a Call"));
	assert_int_equal(core_edit(f->c, l, 0, ed, 1, NULL, &err),
	    AS_E_INVALID);
	assert_non_null(strstr(err.msg, "is a Call, not a Complaint"));
	r = test_get(f->c, l);
	assert_int_equal(r->rev, 1);
	assert_null(store_rec_get(r, "complaint"));
	store_rec_free(&r);
	free(k);
	free(l);
}

/* A number typed as people type it is stored whole: c2026-1. */
static void
test_number_normalised(void **state)
{
	struct test_fx *f = *state;
	char *k = new_complaint(f->c, "李");
	struct core_kv in[] = { { "caller", "王" }, { "complaint", "c2026-1" } };
	struct as_err err = {0};
	struct store_rec *r;
	char *id = NULL;

	assert_string_equal(k, "C2026-000001");
	assert_int_equal(core_create(f->c, "call", in, 2, &id, &err), 0);
	r = test_get(f->c, id);
	assert_string_equal(store_rec_get(r, "complaint"), "C2026-000001");
	store_rec_free(&r);
	free(id);
	free(k);
}

static int
find_link(const struct core_links *l, const char *id, int out,
	  const char *field)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].id, id) == 0 && l->v[i].outgoing == out &&
		    l->v[i].field != NULL &&
		    strcmp(l->v[i].field->id, field) == 0)
			return (int)i;
	return -1;
}

/* Links are known both ways, with the other record's state. */
static void
test_backlinks(void **state)
{
	struct test_fx *f = *state;
	char *k = new_complaint(f->c, "李");
	struct core_kv in[] = { { "caller", "王" }, { "complaint", k } };
	struct core_links l = {0};
	struct as_err err = {0};
	struct store_rec *r;
	char *id = NULL;
	int i;

	assert_int_equal(core_create(f->c, "call", in, 2, &id, &err), 0);
	r = test_get(f->c, k);
	assert_int_equal(core_links(f->c, r, &l, &err), 0);
	assert_int_equal(l.n, 1);
	i = find_link(&l, id, 0, "complaint");
	assert_true(i >= 0);
	assert_string_equal(l.v[i].state, "logged");
	assert_string_equal(l.v[i].type, "call");
	assert_false(l.v[i].terminal);
	core_links_free(&l);
	store_rec_free(&r);
	r = test_get(f->c, id);
	assert_int_equal(core_links(f->c, r, &l, &err), 0);
	assert_int_equal(l.n, 1);
	i = find_link(&l, k, 1, "complaint");
	assert_true(i >= 0);
	assert_string_equal(l.v[i].state, "open");
	core_links_free(&l);
	store_rec_free(&r);
	free(id);
	free(k);
}

static void
count_problem(const char *msg, void *ctx)
{
	(void)msg;
	(*(int *)ctx)++;
}

/*
 * The back-link index is an index like the others: verify finds an entry
 * missing and reindex puts it back.
 */
static void
test_backlink_verify_reindex(void **state)
{
	struct test_fx *f = *state;
	char *k = new_complaint(f->c, "李");
	struct core_kv in[] = { { "caller", "王" }, { "complaint", k } };
	struct store_opts so = {0};
	struct store *s = NULL;
	struct core_links l = {0};
	struct as_err err = {0};
	struct store_rec *r;
	char key[64], *id = NULL;
	int problems = 0;

	assert_int_equal(core_create(f->c, "call", in, 2, &id, &err), 0);
	assert_int_equal(core_verify(f->c, count_problem, &problems, &err), 0);
	assert_int_equal(problems, 0);
	core_close(&f->c);
	assert_int_equal(store_open(f->dir, &so, &s, &err), 0);
	snprintf(key, sizeof key, "ln\x1f%s\x1f" "complaint", k);
	assert_int_equal(store_debug_del_index(s, key, id, &err), 0);
	store_close(&s);
	f->c = test_core_open(f->dir, f->cfgpath, "ann");
	r = test_get(f->c, k);
	assert_int_equal(core_links(f->c, r, &l, &err), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(core_verify(f->c, count_problem, &problems, &err),
	    AS_E_CORRUPT);
	assert_int_equal(problems, 1);
	assert_int_equal(core_reindex(f->c, NULL, &err), 0);
	problems = 0;
	assert_int_equal(core_verify(f->c, count_problem, &problems, &err), 0);
	assert_int_equal(core_links(f->c, r, &l, &err), 0);
	assert_int_equal(l.n, 1);
	core_links_free(&l);
	store_rec_free(&r);
	free(id);
	free(k);
}

/*
 * to_complaint creates the complaint in the same step: numbered, the
 * fields copied, linked both ways, its create event and its clock; bob
 * may not create complaints himself but the step's roles govern.
 */
static void
test_creating_step(void **state)
{
	struct test_fx *f = *state;
	char *l = new_call(f->c, "王五", "engine noise");
	struct as_err err = {0};
	struct store_rec *r, *k;
	struct core_links ls = {0};
	const char *kid;
	int problems = 0;

	assert_int_equal(core_set_user(f->c, "bob", &err), 0);
	assert_int_equal(core_create(f->c, "complaint", NULL, 0, NULL, &err),
	    AS_E_PERM);
	assert_int_equal(wf_apply(f->c, l, 1, "to_complaint", NULL, 0, NULL,
	    &err), 0);
	r = test_get(f->c, l);
	assert_string_equal(r->state, "escalated");
	kid = store_rec_get(r, "complaint");
	assert_non_null(kid);
	assert_string_equal(kid, "C2026-000001");
	k = test_get(f->c, kid);
	assert_string_equal(k->type, "complaint");
	assert_string_equal(k->state, "open");
	assert_string_equal(store_rec_get(k, "call"), l);
	assert_string_equal(store_rec_get(k, "customer_name"), "王五");
	assert_string_equal(store_rec_get(k, "phone"), "13800138000");
	assert_string_equal(store_rec_get(k, "description"), "engine noise");
	assert_non_null(store_rec_get(k, "_due.response"));
	assert_int_equal(core_links(f->c, k, &ls, &err), 0);
	assert_int_equal(ls.n, 2);   /* its call: field, and the call's */
	core_links_free(&ls);
	/* the history replays: verify finds both records sound */
	assert_int_equal(core_verify(f->c, count_problem, &problems, &err), 0);
	assert_int_equal(problems, 0);
	store_rec_free(&k);
	store_rec_free(&r);
	free(l);
}

/*
 * Both or neither: the new complaint needs a description, the call has
 * no content to copy, so the step is refused and nothing is written (no
 * complaint, the call unchanged, no number used).
 */
static void
test_creating_step_all_or_none(void **state)
{
	struct test_fx *f = *state;
	char *l = new_call(f->c, "王五", NULL), *k;
	struct as_err err = {0};
	struct store_rec *r;
	struct core_kv ed[] = { { "content", "later" } };

	assert_int_equal(wf_apply(f->c, l, 1, "to_complaint", NULL, 0, NULL,
	    &err), AS_E_INVALID);
	assert_non_null(strstr(err.msg, "Description"));
	assert_non_null(strstr(err.msg, "To complaint cannot create the "
	    "Complaint"));
	assert_int_equal(test_records(f->c, "complaint"), 0);
	r = test_get(f->c, l);
	assert_string_equal(r->state, "logged");
	assert_int_equal(r->rev, 1);
	assert_null(store_rec_get(r, "complaint"));
	store_rec_free(&r);
	assert_int_equal(core_edit(f->c, l, 0, ed, 1, NULL, &err), 0);
	assert_int_equal(wf_apply(f->c, l, 0, "to_complaint", NULL, 0, NULL,
	    &err), 0);
	k = new_complaint(f->c, "next");
	assert_string_equal(k, "C2026-000002");   /* 1 went to the step */
	free(k);
	free(l);
}

/*
 * links_closed reads the linked records inside the step: the call may
 * be archived only once its complaint is closed.
 */
static void
test_guard_reads_link(void **state)
{
	struct test_fx *f = *state;
	char *l = new_call(f->c, "王五", "noise");
	struct as_err err = {0};
	struct store_rec *r;
	char *k;

	assert_int_equal(wf_apply(f->c, l, 0, "to_complaint", NULL, 0, NULL,
	    &err), 0);
	r = test_get(f->c, l);
	k = xstrdup(store_rec_get(r, "complaint"));
	store_rec_free(&r);
	assert_int_equal(wf_apply(f->c, l, 0, "archive", NULL, 0, NULL,
	    &err), AS_E_GUARD);
	assert_non_null(strstr(err.msg, k));
	assert_non_null(strstr(err.msg, "is still Open"));
	assert_int_equal(wf_apply(f->c, k, 0, "close", NULL, 0, NULL, &err),
	    0);
	assert_int_equal(wf_apply(f->c, l, 0, "archive", NULL, 0, NULL,
	    &err), 0);
	r = test_get(f->c, l);
	assert_string_equal(r->state, "archived");
	store_rec_free(&r);
	free(k);
	free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_missing_reference, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_wrong_type, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_number_normalised, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_backlinks, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_backlink_verify_reindex,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_creating_step, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_creating_step_all_or_none,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_guard_reads_link, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
