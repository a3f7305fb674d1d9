/*
 * test_money.c - core/money.c: parts lines priced at the part master's
 * cost (the parts store's ledger cost), the default bearers of R1 §5.2 and
 * §9, the totals per bearer, and the report tables costs by bearer per
 * month (R1 §6, §9) and claims by supplier with their ageing and
 * recovery rate (R2 §3.8).
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
#include "../../core/core_money.h"
#include "testutil.h"

/* 2026-11-18 08:53:20 UTC, 16:53 in Shanghai */
#define NOW 1795000000LL
#define DAY 86400LL

static int
setup(void **state)
{
	return test_fx_setup(state, "money", "tests/unit/data/money.yaml",
	    "admin");
}

static int
teardown(void **state)
{
	return test_fx_teardown(state);
}

/* A complaint of category cat with cost lines costs, made at t. */
static char *
complaint(struct core *c, int64_t t, const char *cat, const char *costs)
{
	struct core_kv in[] = { { "customer_name", "张三" },
	    { "phone", "13800138000" }, { "description", "异响" },
	    { "category", cat }, { "costs", costs } };
	struct as_err err = {0};
	char *id = NULL;

	core_set_clock(c, t);
	assert_int_equal(core_set_user(c, "admin", &err), 0);
	if (core_create(c, "complaint", in, 5, &id, &err) != 0)
		fail_msg("create: %s", err.msg);
	return id;
}

/* The total of bearer b in r's totals (0 when it has none). */
static long long
total_of(const struct money_totals *m, const char *b)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].bearer, b) == 0)
			return m->v[i].fen;
	return 0;
}

static void
totals(struct core *c, const char *id, struct money_totals *m)
{
	struct store_rec *r = NULL;
	struct as_err err = {0};

	assert_int_equal(core_get(c, id, &r, &err), 0);
	assert_int_equal(money_totals(c, r, m), 0);
	store_rec_free(&r);
}

/*
 * R1 §9.2, the parts store: a parts line with a part and a quantity but
 * no amount is priced at the part master's unit cost; one whose part is
 * not in the master needs an amount.
 */
static void
test_parts_at_ledger_cost(void **state)
{
	struct test_fx *f = *state;
	struct core_kv part[] = { { "code", "P-100" }, { "name", "门泵总成" },
	    { "unit_cost", "412.50" } };
	struct core_kv bad[] = { { "customer_name", "李四" },
	    { "phone", "13800138000" }, { "description", "x" },
	    { "costs", "[{\"type\":\"parts\",\"part\":\"P-999\","
	    "\"quantity\":2}]" } };
	struct money_totals m;
	struct as_err err = {0};
	char *id = NULL, *p = NULL;

	core_set_clock(f->c, NOW);
	assert_int_equal(core_create(f->c, "part", part, 3, &p, &err), 0);
	id = complaint(f->c, NOW, "quality", "[{\"type\":\"parts\","
	    "\"part\":\"p-100\",\"quantity\":3},{\"type\":\"repair\","
	    "\"amount\":\"100\"}]");
	totals(f->c, id, &m);
	assert_int_equal(m.nlines, 2);
	assert_int_equal(total_of(&m, "manufacturing"), 3 * 41250 + 10000);
	assert_int_equal(m.all, 3 * 41250 + 10000);
	assert_int_equal(core_create(f->c, "complaint", bad, 4, &id, &err),
	    AS_E_INVALID);
	assert_string_equal(err.msg, "Costs line 1: Amount is required");
	free(id);
	free(p);
}

/*
 * R1 §9.1: travel of branch staff to the branch, of other staff to the
 * company; R1 §9.2: the rest to manufacturing; R1 §5.2: all of a
 * non-quality case to the customer; R2 §3.4.3: the expense claim types.
 */
static void
test_default_bearers(void **state)
{
	struct test_fx *f = *state;
	struct money_totals m;
	char *q, *n;

	q = complaint(f->c, NOW, "quality", "[{\"type\":\"travel\","
	    "\"amount\":\"100\",\"staff\":\"zhangwei\"},{\"type\":\"lodging\","
	    "\"amount\":\"50\",\"staff\":\"technical\"},{\"type\":"
	    "\"allowance\",\"amount\":\"20\"},{\"type\":\"transport\","
	    "\"amount\":\"7\"},{\"type\":\"postage\",\"amount\":\"3\"}]");
	totals(f->c, q, &m);
	assert_int_equal(total_of(&m, "branch"), 10000);
	/* no staff named: not a branch unit's, so the company's */
	assert_int_equal(total_of(&m, "company"), 5000 + 2000);
	assert_int_equal(total_of(&m, "manufacturing"), 700 + 300);
	assert_int_equal(m.expenses, 17000);
	assert_int_equal(m.unconfirmed, 5);
	/* in the order of the code list */
	assert_int_equal(m.n, 3);
	assert_string_equal(m.v[0].bearer, "branch");
	assert_string_equal(m.v[1].bearer, "company");
	assert_string_equal(m.v[2].bearer, "manufacturing");
	n = complaint(f->c, NOW, "non_quality", "[{\"type\":\"travel\","
	    "\"amount\":\"100\",\"staff\":\"zhangwei\"},{\"type\":\"parts\","
	    "\"amount\":\"50\"}]");
	totals(f->c, n, &m);
	assert_int_equal(m.n, 1);
	assert_int_equal(total_of(&m, "customer"), 15000);
	free(q);
	free(n);
}

/* The text of cell (row, col) of t. */
static const char *
cell(const struct money_table *t, size_t row, size_t col)
{
	static struct as_buf b;

	buf_free(&b);
	money_cell(t, row, col, &b);
	return b.data != NULL ? b.data : "";
}

/* R1 §6, §9: costs by bearer per month, the month of registration. */
static void
test_costs_by_bearer(void **state)
{
	struct test_fx *f = *state;
	struct money_table t;
	struct as_err err = {0};
	char *a, *b, *c3;

	a = complaint(f->c, NOW, "quality", "[{\"type\":\"travel\","
	    "\"amount\":\"100\",\"staff\":\"zhangwei\"},{\"type\":\"parts\","
	    "\"amount\":\"1280.50\"}]");
	b = complaint(f->c, NOW + DAY, "quality", "[{\"type\":\"repair\","
	    "\"amount\":\"1000\"}]");
	/* October (Shanghai time) */
	c3 = complaint(f->c, NOW - 30 * DAY, "non_quality",
	    "[{\"type\":\"repair\",\"amount\":\"450\"}]");
	assert_int_equal(money_costs_by_bearer(f->c, NULL, &t, &err), 0);
	assert_int_equal(t.ncols, 5);
	assert_string_equal(t.ids[0], "month");
	assert_string_equal(t.heads[4], "Amount");
	assert_int_equal(t.nrows, 3);
	assert_string_equal(cell(&t, 0, 0), "2026-10");
	assert_string_equal(cell(&t, 0, 1), "Customer");
	assert_string_equal(cell(&t, 0, 4), "450.00");
	assert_string_equal(cell(&t, 1, 0), "2026-11");
	assert_string_equal(cell(&t, 1, 2), "branch");
	assert_string_equal(cell(&t, 1, 4), "100.00");
	assert_string_equal(cell(&t, 2, 1), "Manufacturing cost");
	assert_string_equal(cell(&t, 2, 3), "2");
	assert_string_equal(cell(&t, 2, 4), "2,280.50");
	money_table_free(&t);
	assert_int_equal(money_costs_by_bearer(f->c, "2026-10", &t, &err), 0);
	assert_int_equal(t.nrows, 1);
	money_table_free(&t);
	assert_int_equal(money_costs_by_bearer(f->c, "2026-1", &t, &err),
	    AS_E_INVALID);
	money_table_free(&t);
	free(a);
	free(b);
	free(c3);
}

/* A claim against supplier for yuan, registered at t. */
static char *
claim(struct core *c, int64_t t, const char *supplier, const char *yuan)
{
	struct core_kv in[] = { { "supplier", supplier },
	    { "amount_claimed", yuan } };
	struct as_err err = {0};
	char *id = NULL;

	core_set_clock(c, t);
	assert_int_equal(core_set_user(c, "admin", &err), 0);
	if (core_create(c, "claim", in, 2, &id, &err) != 0)
		fail_msg("claim: %s", err.msg);
	return id;
}

static void
step(struct core *c, const char *user, const char *id, const char *tid,
     const struct core_kv *in, size_t n)
{
	struct as_err err = {0};

	assert_int_equal(core_set_user(c, user, &err), 0);
	if (wf_apply(c, id, 0, tid, in, n, NULL, &err) != 0)
		fail_msg("%s %s: %s", id, tid, err.msg);
}

/*
 * R2 §3.8: claims by supplier, largest claimed first, the open ones aged
 * by their registration, the recovery rate credited against claimed, and
 * a total row.
 */
static void
test_claims_by_supplier(void **state)
{
	struct test_fx *f = *state;
	struct core_kv sub[] = { { "submitted_at", "2026-11-01 09:00" } };
	struct core_kv part[] = { { "amount_accepted", "700" },
	    { "decision_note", "七成" } };
	struct core_kv cred[] = { { "amount_credited", "700" },
	    { "credit_note", "ZR-1" } };
	struct money_table t;
	struct as_err err = {0};
	char *a, *b, *c3, *d;

	a = claim(f->c, NOW - 100 * DAY, "玉柴机器", "1000");
	b = claim(f->c, NOW - 40 * DAY, "玉柴机器", "500");
	c3 = claim(f->c, NOW - 5 * DAY, "松芝", "3000");
	d = claim(f->c, NOW - 5 * DAY, "法士特", "200");
	core_set_clock(f->c, NOW - 90 * DAY);
	step(f->c, "admin", a, "submit", sub, 1);
	step(f->c, "admin", a, "partly_accept", part, 2);
	step(f->c, "finance", a, "credit", cred, 2);
	step(f->c, "admin", a, "close", NULL, 0);
	core_set_clock(f->c, NOW);
	assert_int_equal(money_claims_by_supplier(f->c, &t, &err), 0);
	assert_int_equal(t.ncols, 9);
	assert_int_equal(t.nrows, 4);
	/* 松芝 3000 first, then 玉柴机器 1500, 法士特 200, the total */
	assert_string_equal(cell(&t, 0, 0), "松芝");
	assert_string_equal(cell(&t, 1, 0), "玉柴机器");
	assert_string_equal(cell(&t, 2, 0), "法士特");
	assert_string_equal(cell(&t, 3, 0), "Total");
	/* 玉柴机器: two claims, one open of 40 days, 700 of 1500: 46.7% */
	assert_string_equal(cell(&t, 1, 1), "2");
	assert_string_equal(cell(&t, 1, 2), "1");
	assert_string_equal(cell(&t, 1, 3), "0");
	assert_string_equal(cell(&t, 1, 4), "1");
	assert_string_equal(cell(&t, 1, 5), "0");
	assert_string_equal(cell(&t, 1, 6), "1,500.00");
	assert_string_equal(cell(&t, 1, 7), "700.00");
	assert_string_equal(cell(&t, 1, 8), "46.7%");
	assert_string_equal(cell(&t, 0, 3), "1");
	assert_string_equal(cell(&t, 0, 8), "0.0%");
	/* the total: 4 claims, 3 open, 700 of 4700 = 14.9% */
	assert_string_equal(cell(&t, 3, 1), "4");
	assert_string_equal(cell(&t, 3, 2), "3");
	assert_string_equal(cell(&t, 3, 6), "4,700.00");
	assert_string_equal(cell(&t, 3, 8), "14.9%");
	money_table_free(&t);
	free(a);
	free(b);
	free(c3);
	free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_parts_at_ledger_cost,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_default_bearers, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_costs_by_bearer, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_claims_by_supplier,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
