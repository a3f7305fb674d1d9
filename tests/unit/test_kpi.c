/*
 * test_kpi.c - the KPI figures of core/kpi.c (R2 §3.2.1) at their edges:
 * a target's min: is met at exactly the figure (>=), a max: is not (the
 * complaint rate is to stay below 3 %); values round half up to one
 * decimal; an open clock counts as missed exactly once its due has
 * passed, in the month of its due; a month with nothing to count has no
 * value.  The hand-computed month as a whole is tests/cli/test_kpi.sh.
 * Configuration: tests/cli/data/kpi.yaml.
 */
#include <string.h>

#include "testutil.h"

struct fx {
	char dir[64], cfg[512];
	struct core *c;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	f->c = test_core_setup(f->dir, f->cfg, "kpi",
	    "tests/cli/data/kpi.yaml", "boss");
	/* 2026-11-18 11:06:40 UTC, 19:06:40 in Shanghai */
	core_set_clock(f->c, 1795000000);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	core_close(&f->c);
	test_rmrf(f->dir);
	free(f);
	return 0;
}

static void
mk(struct core *c, const char *type, const struct core_kv *in, size_t n)
{
	struct as_err err = {0};
	char *id = NULL;

	if (core_create(c, type, in, n, &id, &err) != 0)
		fail_msg("create %s: %s", type, err.msg);
	free(id);
}

static void
job(struct core *c, const char *opened, const char *done)
{
	struct core_kv in[] = { { "unit", "east" }, { "engineer", "eng1" },
	    { "opened_at", opened }, { "done_at", done } };

	mk(c, "job", in, done != NULL ? 4 : 3);
}

static void
gripe(struct core *c, const char *received, const char *dept)
{
	struct core_kv in[] = { { "unit", "east" }, { "owner", "eng1" },
	    { "received_at", received }, { "dept", dept } };

	mk(c, "gripe", in, 4);
}

/* The figure of target id in month y-m. */
static struct core_kpi_fig
fig(struct core *c, int y, int m, const char *id, struct core_kpi *k)
{
	struct as_err err = {0};
	size_t i;

	assert_int_equal(core_kpi_month(c, y, m, NULL, k, &err), 0);
	for (i = 0; i < k->n; i++)
		if (strcmp(k->v[i].target->id, id) == 0)
			return k->v[i];
	fail_msg("no figure %s", id);
	return k->v[0];
}

/* R2 §3.2.1: 9 of 10 clocks met is exactly the 90 % target: met. */
static void
min_target_met_at_the_figure(void **state)
{
	struct fx *f = *state;
	struct core_kpi k;
	struct core_kpi_fig x;
	int i;

	for (i = 0; i < 9; i++)
		job(f->c, "2026-09-01 08:00", "2026-09-01 09:00");
	job(f->c, "2026-09-02 08:00", "2026-09-04 09:00");
	x = fig(f->c, 2026, 9, "timeliness", &k);
	assert_int_equal(x.num, 9);
	assert_int_equal(x.den, 10);
	assert_int_equal(x.tenths, 900);
	assert_true(x.met);
	core_kpi_free(&k);
	/* one more late: 9 of 11 = 81.8 %, missed */
	job(f->c, "2026-09-03 08:00", "2026-09-05 09:00");
	x = fig(f->c, 2026, 9, "timeliness", &k);
	assert_int_equal(x.tenths, 818);
	assert_false(x.met);
	core_kpi_free(&k);
}

/* R2 §3.2.1 "< 3 %": 1 service-caused complaint in 33 services is
 * 3.0 %, not below it; in 34 it is 2.9 %, met. */
static void
max_target_is_strict(void **state)
{
	struct fx *f = *state;
	struct core_kpi k;
	struct core_kpi_fig x;
	int i;

	gripe(f->c, "2026-08-10 10:00", "service");
	gripe(f->c, "2026-08-11 10:00", "production");   /* not service */
	for (i = 0; i < 33; i++)
		job(f->c, "2026-08-01 08:00", "2026-08-01 09:00");
	x = fig(f->c, 2026, 8, "complaint_rate", &k);
	assert_int_equal(x.num, 1);
	assert_int_equal(x.den, 33);
	assert_int_equal(x.tenths, 30);
	assert_false(x.met);
	core_kpi_free(&k);
	job(f->c, "2026-08-02 08:00", "2026-08-02 09:00");
	x = fig(f->c, 2026, 8, "complaint_rate", &k);
	assert_int_equal(x.tenths, 29);
	assert_true(x.met);
	core_kpi_free(&k);
}

/*
 * An open clock counts (as missed) once its due has passed, in the
 * month of its due: opened 11-17 19:10 Shanghai, due 11-18 19:10, which
 * is 3 minutes after the test's clock: not yet; 5 minutes later it is.
 */
static void
open_clock_counts_once_due(void **state)
{
	struct fx *f = *state;
	struct core_kpi k;
	struct core_kpi_fig x;

	job(f->c, "2026-11-17 19:10", NULL);
	x = fig(f->c, 2026, 11, "timeliness", &k);
	assert_int_equal(x.den, 0);
	assert_false(x.has_value);
	core_kpi_free(&k);
	core_set_clock(f->c, 1795000000 + 5 * 60);
	x = fig(f->c, 2026, 11, "timeliness", &k);
	assert_int_equal(x.num, 0);
	assert_int_equal(x.den, 1);
	assert_true(x.has_value);
	assert_int_equal(x.tenths, 0);
	assert_false(x.met);
	core_kpi_free(&k);
	/* the records behind it: that job, open and overdue */
	{
		struct core_kpi_item *v = NULL;
		struct as_err err = {0};
		size_t n = 0;

		assert_int_equal(core_kpi_records(f->c, x.target, 2026, 11,
		    NULL, &v, &n, &err), 0);
		assert_int_equal(n, 1);
		assert_int_equal(v[0].part, 'o');
		core_kpi_items_free(&v, &n);
	}
}

/* 2 of 3 is 66.7 % (half up), 1 of 8 is 12.5 %. */
static void
values_round_half_up(void **state)
{
	struct fx *f = *state;
	struct core_kpi k;
	struct core_kpi_fig x;
	int i;

	job(f->c, "2026-07-01 08:00", "2026-07-01 09:00");
	job(f->c, "2026-07-02 08:00", "2026-07-02 09:00");
	job(f->c, "2026-07-03 08:00", "2026-07-05 09:00");
	x = fig(f->c, 2026, 7, "timeliness", &k);
	assert_int_equal(x.tenths, 667);
	core_kpi_free(&k);
	job(f->c, "2026-06-01 08:00", "2026-06-01 09:00");
	for (i = 0; i < 7; i++)
		job(f->c, "2026-06-02 08:00", "2026-06-04 09:00");
	x = fig(f->c, 2026, 6, "timeliness", &k);
	assert_int_equal(x.tenths, 125);
	core_kpi_free(&k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(min_target_met_at_the_figure,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(max_target_is_strict, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(open_clock_counts_once_due,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(values_round_half_up, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
