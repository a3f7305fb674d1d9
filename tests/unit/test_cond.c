/*
 * test_cond.c - the one condition language of every when: (issue 8):
 * equals, in a list, min/max and set/empty, on each field type, read by
 * one loader (config/) and judged by one evaluator (core_cond_test), the
 * same for a transition's when: and a clock rule's when: (R2 §3.2.2,
 * R2 §3.2.3 choose the response hours by such conditions).  Records are
 * built in memory; no database.
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

static const char yaml[] =
    "codes:\n"
    "  fault_class:\n"
    "    body: {zh: 车身故障, en: Body}\n"
    "    chassis_engine: {zh: 底盘发动机故障, en: Chassis}\n"
    "    other: {zh: 其他, en: Other}\n"
    "users:\n"
    "  li: {name: 李, roles: [r]}\n"
    "roles:\n"
    "  r: {zh: 岗, en: Role}\n"
    "records:\n"
    "  t:\n"
    "    prefix: T\n"
    "    fields:\n"
    "      f: {type: enum, codes: fault_class}\n"
    "      km: {type: int}\n"
    "      cost: {type: money}\n"
    "      at: {type: datetime}\n"
    "      day: {type: date}\n"
    "      s: {type: text}\n"
    "      who: {type: reference, ref: user}\n"
    "      team: {type: lines, columns: {user: {type: reference, ref: user}}}\n"
    "    states:\n"
    "      a: {initial: true}\n"
    "      b: {}\n"
    "    transitions:\n"
    "      go:\n"
    "        from: [a]\n"
    "        to: b\n"
    "        roles: [r]\n"
    "        when: {f: [body, chassis_engine], km: {min: 10, max: 100},\n"
    "               cost: {max: 99.50}, s: {set: true}}\n"
    "    clocks:\n"
    "      k:\n"
    "        start: create\n"
    "        stop: [go]\n"
    "        rules:\n"
    "          - when: {f: body, km: {max: 100}, s: {set: false}}\n"
    "            hours: 24\n"
    "            clause: R2 §3.2.2\n"
    "          - when: {f: [chassis_engine]}\n"
    "            hours: 12\n"
    "            clause: R2 §3.2.3\n"
    "          - when: {at: {min: '2026-11-18 08:00', max: '2026-11-18 18:00'},\n"
    "                   day: '2026-11-18', who: li, km: 7, cost: 1.5}\n"
    "            hours: 6\n"
    "          - when: {day: {min: '2026-11-19'}, cost: [0, 2]}\n"
    "            hours: 5\n"
    "          - when: {team: {min: 2, max: 3}}\n"
    "            hours: 4\n";

struct fx {
	struct cfg *cfg;
	const struct cfg_rectype *rt;
	struct store_rec *r;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct cfg_diags d = {0};
	struct as_err err;

	setenv("TZ", "Asia/Shanghai", 1);
	if (cfg_load_mem("cond.yaml", yaml, sizeof yaml - 1, NULL, &f->cfg,
	    &d, &err) != 0)
		fail_msg("%s", d.n > 0 ? d.v[0].text : err.msg);
	f->rt = cfg_rectype(f->cfg, "t");
	f->r = store_rec_new("t", "T1", "a");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	store_rec_free(&f->r);
	cfg_free(&f->cfg);
	free(f);
	return 0;
}

/* The one test of rule i (of clock k) or of go's when: on field. */
static const struct cfg_cond *
cond_of(const struct cfg_cond *w, size_t n, const char *field, int op)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(w[i].field->id, field) == 0 && (op < 0 ||
		    (int)w[i].op == op))
			return &w[i];
	fail_msg("no test on %s", field);
	return NULL;
}

static const struct cfg_cond *
rule_cond(struct fx *f, size_t i, const char *field, int op)
{
	const struct cfg_rule *ru = &f->rt->clocks[0].rules[i];

	return cond_of(ru->when, ru->nwhen, field, op);
}

static const struct cfg_cond *
go_cond(struct fx *f, const char *field, int op)
{
	const struct cfg_transition *tr = cfg_transition(f->rt, "go");

	return cond_of(tr->when, tr->nwhen, field, op);
}

/* Equals on an enum, int, money, date, datetime, text and user field. */
static void
test_equals_each_type(void **state)
{
	struct fx *f = *state;
	const struct cfg_cond *w;

	w = rule_cond(f, 0, "f", CFG_OP_EQ);
	assert_false(core_cond_test(w, f->r));          /* unset */
	store_rec_set(f->r, "f", "other");
	assert_false(core_cond_test(w, f->r));
	store_rec_set(f->r, "f", "body");
	assert_true(core_cond_test(w, f->r));

	w = rule_cond(f, 2, "km", CFG_OP_EQ);           /* int */
	store_rec_set(f->r, "km", "8");
	assert_false(core_cond_test(w, f->r));
	store_rec_set(f->r, "km", "7");
	assert_true(core_cond_test(w, f->r));

	w = rule_cond(f, 2, "cost", CFG_OP_EQ);         /* 1.5 yuan = 150 fen */
	assert_string_equal(w->value, "150");
	store_rec_set(f->r, "cost", "15");
	assert_false(core_cond_test(w, f->r));
	store_rec_set(f->r, "cost", "150");
	assert_true(core_cond_test(w, f->r));

	w = rule_cond(f, 2, "day", CFG_OP_EQ);          /* 2026-11-18 CST */
	store_rec_set(f->r, "day", "1794931200");       /* 2026-11-18 00:00 */
	assert_true(core_cond_test(w, f->r));
	store_rec_set(f->r, "day", "1795017600");       /* the next day */
	assert_false(core_cond_test(w, f->r));

	w = rule_cond(f, 2, "who", CFG_OP_EQ);          /* a user */
	store_rec_set(f->r, "who", "wang");
	assert_false(core_cond_test(w, f->r));
	store_rec_set(f->r, "who", "li");
	assert_true(core_cond_test(w, f->r));
}

/*
 * min: and max: on a lines field count its lines (R2 §3.4.1: with two or
 * more people one is named the lead); unset is no line.
 */
static void
test_lines_count(void **state)
{
	struct fx *f = *state;
	const struct cfg_cond *lo = rule_cond(f, 4, "team", CFG_OP_MIN);
	const struct cfg_cond *hi = rule_cond(f, 4, "team", CFG_OP_MAX);

	assert_int_equal(lo->num, 2);
	assert_int_equal(hi->num, 3);
	assert_false(core_cond_test(lo, f->r));
	assert_true(core_cond_test(hi, f->r));          /* 0 lines <= 3 */
	store_rec_set(f->r, "team", "[{\"user\":\"li\"}]");
	assert_false(core_cond_test(lo, f->r));
	store_rec_set(f->r, "team", "[{\"user\":\"li\"},{\"user\":\"wang\"}]");
	assert_true(core_cond_test(lo, f->r));
	assert_true(core_cond_test(hi, f->r));
	store_rec_set(f->r, "team", "[{\"user\":\"a\"},{\"user\":\"b\"},"
	    "{\"user\":\"c\"},{\"user\":\"d\"}]");
	assert_false(core_cond_test(hi, f->r));
	assert_ptr_equal(core_clock_rule(&f->rt->clocks[0], f->r), NULL);
	store_rec_set(f->r, "team", "[{\"user\":\"a\"},{\"user\":\"b\"}]");
	assert_true(core_clock_rule(&f->rt->clocks[0], f->r)->hours == 4);
}

/* In a list: enum (transition and rule alike) and money. */
static void
test_in_list(void **state)
{
	struct fx *f = *state;
	const struct cfg_cond *w = go_cond(f, "f", CFG_OP_IN);
	const struct cfg_cond *one = rule_cond(f, 1, "f", CFG_OP_IN);

	assert_int_equal(w->nvalues, 2);
	assert_false(core_cond_test(w, f->r));
	store_rec_set(f->r, "f", "other");
	assert_false(core_cond_test(w, f->r));
	assert_false(core_cond_test(one, f->r));
	store_rec_set(f->r, "f", "chassis_engine");
	assert_true(core_cond_test(w, f->r));
	assert_true(core_cond_test(one, f->r));   /* R2 §3.2.3 */
	store_rec_set(f->r, "f", "body");
	assert_true(core_cond_test(w, f->r));
	assert_false(core_cond_test(one, f->r));

	w = rule_cond(f, 3, "cost", CFG_OP_IN);   /* [0, 2] yuan */
	store_rec_set(f->r, "cost", "200");
	assert_true(core_cond_test(w, f->r));
	store_rec_set(f->r, "cost", "0");
	assert_true(core_cond_test(w, f->r));
	store_rec_set(f->r, "cost", "2");
	assert_false(core_cond_test(w, f->r));
}

/* min and max on int, money, date and datetime; unset matches neither. */
static void
test_min_max(void **state)
{
	struct fx *f = *state;
	const struct cfg_cond *lo = go_cond(f, "km", CFG_OP_MIN);
	const struct cfg_cond *hi = go_cond(f, "km", CFG_OP_MAX);
	const struct cfg_cond *w;

	assert_false(core_cond_test(lo, f->r));
	assert_false(core_cond_test(hi, f->r));
	store_rec_set(f->r, "km", "10");
	assert_true(core_cond_test(lo, f->r) && core_cond_test(hi, f->r));
	store_rec_set(f->r, "km", "9");
	assert_false(core_cond_test(lo, f->r));
	store_rec_set(f->r, "km", "100");
	assert_true(core_cond_test(hi, f->r));
	store_rec_set(f->r, "km", "101");       /* R2 §3.2.2: beyond 100 km */
	assert_false(core_cond_test(hi, f->r));

	w = go_cond(f, "cost", CFG_OP_MAX);     /* 99.50 yuan */
	assert_int_equal(w->num, 9950);
	store_rec_set(f->r, "cost", "9950");
	assert_true(core_cond_test(w, f->r));
	store_rec_set(f->r, "cost", "9951");
	assert_false(core_cond_test(w, f->r));

	lo = rule_cond(f, 2, "at", CFG_OP_MIN); /* 2026-11-18 08:00 CST */
	hi = rule_cond(f, 2, "at", CFG_OP_MAX); /* 2026-11-18 18:00 CST */
	store_rec_set(f->r, "at", "1794960000");        /* 08:00 */
	assert_true(core_cond_test(lo, f->r) && core_cond_test(hi, f->r));
	store_rec_set(f->r, "at", "1794959999");        /* 07:59:59 */
	assert_false(core_cond_test(lo, f->r));
	store_rec_set(f->r, "at", "1794996001");        /* 18:00:01 */
	assert_true(core_cond_test(lo, f->r));
	assert_false(core_cond_test(hi, f->r));

	w = rule_cond(f, 3, "day", CFG_OP_MIN); /* 2026-11-19 */
	store_rec_set(f->r, "day", "1794931200");       /* 11-18 */
	assert_false(core_cond_test(w, f->r));
	store_rec_set(f->r, "day", "1795017600");       /* 11-19 */
	assert_true(core_cond_test(w, f->r));
}

/* set: true / false on a text field; blank counts as empty. */
static void
test_set_empty(void **state)
{
	struct fx *f = *state;
	const struct cfg_cond *set = go_cond(f, "s", CFG_OP_SET);
	const struct cfg_cond *empty = rule_cond(f, 0, "s", CFG_OP_SET);

	assert_false(core_cond_test(set, f->r));
	assert_true(core_cond_test(empty, f->r));
	store_rec_set(f->r, "s", "  ");
	assert_false(core_cond_test(set, f->r));
	assert_true(core_cond_test(empty, f->r));
	store_rec_set(f->r, "s", "某配套厂");
	assert_true(core_cond_test(set, f->r));
	assert_false(core_cond_test(empty, f->r));
}

/* The whole when: and the clock's first matching rule (R2 §3.2.2). */
static void
test_whole_when(void **state)
{
	struct fx *f = *state;
	const struct cfg_transition *tr = cfg_transition(f->rt, "go");
	const struct cfg_clock *k = cfg_clock(f->rt, "k");

	assert_null(core_clock_rule(k, f->r));
	store_rec_set(f->r, "f", "body");
	store_rec_set(f->r, "km", "50");
	assert_string_equal(core_clock_rule(k, f->r)->clause, "R2 §3.2.2");
	assert_false(core_cond_holds(tr->when, tr->nwhen, f->r));
	store_rec_set(f->r, "cost", "100");
	store_rec_set(f->r, "s", "x");
	assert_true(core_cond_holds(tr->when, tr->nwhen, f->r));
	assert_null(core_clock_rule(k, f->r));   /* s set: rule 1 fails */
	store_rec_set(f->r, "f", "chassis_engine");
	assert_string_equal(core_clock_rule(k, f->r)->clause, "R2 §3.2.3");
	assert_true(core_cond_holds(NULL, 0, f->r));
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_equals_each_type),
		TEST(test_in_list),
		TEST(test_lines_count),
		TEST(test_min_max),
		TEST(test_set_empty),
		TEST(test_whole_when),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
