/*
 * test_order.c - the orders of core_list: by customer, serial, owner,
 * state and deadline, forward and backward, paged through small pages
 * with core_list_at's cursor and with a bare record id; filtered views in
 * a key order and the scan bound.  A real LMDB database in a fresh
 * mkdtemp folder per test, with tests/unit/data/order.yaml.
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

#define T0 1795000000LL

struct fx {
	char dir[64];
	char cfgpath[512];
	struct core *c;
	char *id[7];            /* T1..T6 at id[1..6] */
};

static char *
create(struct core *c, const char *type, const char *name,
       const char *serial, const char *kind, const char *owner)
{
	struct core_kv in[4];
	struct as_err err = {0};
	size_t n = 0;
	char *id = NULL;

	if (name != NULL)
		in[n++] = (struct core_kv){ "customer_name", name };
	if (serial != NULL)
		in[n++] = (struct core_kv){ "serial", serial };
	if (kind != NULL)
		in[n++] = (struct core_kv){ "kind", kind };
	if (owner != NULL)
		in[n++] = (struct core_kv){ "owner", owner };
	if (core_create(c, type, in, n, &id, &err) != 0)
		fail_msg("create: %s", err.msg);
	return id;
}

static void
apply(struct core *c, const char *id, const char *tid)
{
	struct as_err err = {0};

	if (wf_apply(c, id, 0, tid, NULL, 0, NULL, &err) != 0)
		fail_msg("%s %s: %s", tid, id, err.msg);
}

static int
setup(void **state)
{
	static const char *const t[][4] = {
		{ NULL, NULL, NULL, NULL },
		{ "张三", "B-2", "quality", "bob" },
		{ "李四", "A1", NULL, NULL },
		{ "王五", NULL, "non_quality", "ann" },
		{ "张三", "C3", NULL, "bob" },
		{ NULL, "a1", "quality", "cat" },
		{ "赵六", "D", "non_quality", NULL },
	};
	struct fx *f = calloc(1, sizeof *f);
	char *l;
	int i;

	unsetenv("AFTERSALES_NOW");
	f->c = test_core_setup(f->dir, f->cfgpath, "order",
	    "tests/unit/data/order.yaml", "ann");
	for (i = 1; i <= 6; i++) {
		core_set_clock(f->c, T0 + i * 60);
		f->id[i] = create(f->c, "ticket", t[i][0], t[i][1], t[i][2],
				  t[i][3]);
	}
	/* a letter: a field of the same id, in its own key space */
	l = create(f->c, "letter", "张三", NULL, NULL, NULL);
	free(l);
	apply(f->c, f->id[2], "start");
	apply(f->c, f->id[4], "start");
	apply(f->c, f->id[4], "finish");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	int i;

	test_core_teardown(&f->c, f->dir);
	for (i = 0; i < 7; i++)
		free(f->id[i]);
	free(f);
	return 0;
}

static int
collect(const struct store_rec *r, void *ctx)
{
	store_keys_add(ctx, r->id);
	return 0;
}

/* The whole list in one call, as "T1 T2 ..." by ticket index. */
static void
expect_list(struct fx *f, struct core_list *q, const int *want, size_t n)
{
	struct store_keys k = {0};
	struct as_err err = {0};
	size_t i;

	if (core_list(f->c, q, collect, &k, &err) != 0)
		fail_msg("core_list: %s", err.msg);
	for (i = 0; i < n && i < k.n; i++)
		if (strcmp(k.v[i], f->id[want[i]]) != 0)
			fail_msg("order %d view %d back %d: row %zu is %s, "
				 "not %s", q->order, q->view, q->backwards,
				 i, k.v[i], f->id[want[i]]);
	assert_int_equal(k.n, n);
	store_keys_free(&k);
}

/*
 * Page through with pages of `page`: by core_list_at's cursor, or (bare)
 * by the last id shown alone; every record once, in order.
 */
static void
expect_pages(struct fx *f, struct core_list *q, const int *want, size_t n,
	     size_t page, int bare)
{
	struct core_list_pos pos = {0};
	struct store_keys k = {0};
	struct as_err err = {0};
	char *after = NULL, *key = NULL;
	size_t i, before, calls = 0;

	q->limit = page;
	for (;;) {
		q->after = after;
		q->after_key = bare ? NULL : key;
		before = k.n;
		if (core_list_at(f->c, q, collect, &k, &pos, &err) != 0)
			fail_msg("core_list_at: %s", err.msg);
		assert_true(k.n - before <= page);
		calls++;
		if (k.n == before && !pos.bounded)
			break;
		free(after);
		free(key);
		after = xstrdup(bare ? k.v[k.n - 1] : pos.id);
		key = pos.key != NULL ? xstrdup(pos.key) : NULL;
		core_list_pos_free(&pos);
		assert_true(calls < 100);
	}
	core_list_pos_free(&pos);
	assert_int_equal(k.n, n);
	for (i = 0; i < n; i++)
		assert_string_equal(k.v[i], f->id[want[i]]);
	free(after);
	free(key);
	store_keys_free(&k);
	q->limit = 0;
	q->after = q->after_key = NULL;
}

/* Forward and backward, whole and in pages of two. */
static void
check_order(struct fx *f, enum core_view v, enum core_order o,
	    const char *sort, const int *want, size_t n)
{
	struct core_list q = {0};
	int rev[8];
	size_t i;

	for (i = 0; i < n; i++)
		rev[i] = want[n - 1 - i];
	q.type = "ticket";
	q.view = v;
	q.order = o;
	q.sort = sort;
	expect_list(f, &q, want, n);
	expect_pages(f, &q, want, n, 2, 0);
	expect_pages(f, &q, want, n, 2, 1);
	expect_pages(f, &q, want, n, 1, 0);
	q.backwards = 1;
	expect_list(f, &q, rev, n);
	expect_pages(f, &q, rev, n, 2, 0);
	expect_pages(f, &q, rev, n, 2, 1);
	expect_pages(f, &q, rev, n, 1, 0);
}

static void
test_customer(void **state)
{
	/* no name first; then UTF-8 byte order: 张 < 李 < 王 < 赵 */
	static const int all[] = { 5, 1, 4, 2, 3, 6 };
	static const int open[] = { 5, 1, 2, 3, 6 };

	check_order(*state, CORE_VIEW_ALL, CORE_ORDER_SORT, "customer", all, 6);
	check_order(*state, CORE_VIEW_OPEN, CORE_ORDER_SORT, "customer", open, 5);
}

static void
test_serial(void **state)
{
	/* normalised: "" < A1 (T2, T5 by number) < B2 < C3 < D */
	static const int all[] = { 3, 2, 5, 1, 4, 6 };

	check_order(*state, CORE_VIEW_ALL, CORE_ORDER_SORT, "serial", all, 6);
}

static void
test_owner(void **state)
{
	/* without an owner first (T2, T6), then ann, bob, cat */
	static const int all[] = { 2, 6, 3, 1, 4, 5 };
	static const int closed[] = { 4 };

	check_order(*state, CORE_VIEW_ALL, CORE_ORDER_SORT, "owner", all, 6);
	check_order(*state, CORE_VIEW_CLOSED, CORE_ORDER_SORT, "owner", closed, 1);
}

static void
test_state(void **state)
{
	/* states in configured order new, open, done; then by number */
	static const int all[] = { 1, 3, 5, 6, 2, 4 };
	static const int open[] = { 1, 3, 5, 6, 2 };
	static const int st[] = { 2 };

	check_order(*state, CORE_VIEW_ALL, CORE_ORDER_STATE, NULL, all, 6);
	check_order(*state, CORE_VIEW_OPEN, CORE_ORDER_STATE, NULL, open, 5);
	check_order(*state, CORE_VIEW_MINE, CORE_ORDER_STATE, NULL, open, 5);
	{
		struct fx *f = *state;
		struct core_list q = {0};

		q.type = "ticket";
		q.view = CORE_VIEW_STATE;
		q.state = "open";
		q.order = CORE_ORDER_STATE;
		expect_list(f, &q, st, 1);
		expect_pages(f, &q, st, 1, 1, 0);
	}
}

static void
test_due(void **state)
{
	/* only running clocks: quality 4 h (T1, T5), then 48 h (T3, T6) */
	static const int all[] = { 1, 5, 3, 6 };

	check_order(*state, CORE_VIEW_ALL, CORE_ORDER_DUE, NULL, all, 4);
	check_order(*state, CORE_VIEW_OPEN, CORE_ORDER_DUE, NULL, all, 4);
}

static void
test_filtered_customer(void **state)
{
	struct fx *f = *state;
	static const int st[] = { 5, 1, 3, 6 };
	struct core_list q = {0};

	q.type = "ticket";
	q.view = CORE_VIEW_STATE;
	q.state = "new";
	q.order = CORE_ORDER_SORT;
	q.sort = "customer";
	expect_list(f, &q, st, 4);
	expect_pages(f, &q, st, 4, 1, 0);
	q.backwards = 1;
	{
		static const int rev[] = { 6, 3, 1, 5 };

		expect_list(f, &q, rev, 4);
		expect_pages(f, &q, rev, 4, 3, 0);
	}
}

/*
 * Key spaces are per type: many letters, whose customer_name has the
 * same field id, are never read by the tickets' customer order.
 */
static void
test_key_space_per_type(void **state)
{
	struct fx *f = *state;
	static const int all[] = { 5, 1, 4, 2, 3, 6 };
	struct core_list q = {0};
	struct core_list_pos pos = {0};
	struct store_keys k = {0};
	struct as_err err = {0};
	char name[32], *l;
	int i;

	for (i = 0; i < CORE_LIST_SCAN + 10; i++) {
		snprintf(name, sizeof name, "A%03d", i);
		l = create(f->c, "letter", name, NULL, NULL, NULL);
		free(l);
	}
	q.type = "ticket";
	q.order = CORE_ORDER_SORT;
	q.sort = "customer";
	q.limit = 1;
	assert_int_equal(core_list_at(f->c, &q, collect, &k, &pos, &err), 0);
	assert_int_equal(k.n, 1);
	assert_false(pos.bounded);
	q.after = k.v[0];
	q.after_key = pos.key;
	{
		struct core_list_pos p2 = {0};

		/* the letters' names are another key space: none is read */
		assert_int_equal(core_list_at(f->c, &q, collect, &k, &p2,
					      &err), 0);
		assert_int_equal(k.n, 2);
		assert_false(p2.bounded);
		assert_string_equal(k.v[1], f->id[all[1]]);
		core_list_pos_free(&p2);
	}
	core_list_pos_free(&pos);
	store_keys_free(&k);
	q.after = q.after_key = NULL;
	expect_pages(f, &q, all, 6, 1, 0);
	q.limit = 0;
	expect_list(f, &q, all, 6);
}

/* The ids core_find gives for q, as "T1 T4 L" (ticket indexes, L). */
static void
expect_find(struct fx *f, const char *q, const char *want)
{
	struct store_keys k = {0};
	struct as_buf b = {0};
	struct as_err err = {0};
	size_t i;
	int j;

	if (core_find(f->c, q, 0, collect, &k, &err) != 0)
		fail_msg("core_find %s: %s", q, err.msg);
	for (i = 0; i < k.n; i++) {
		for (j = 1; j <= 6; j++)
			if (strcmp(k.v[i], f->id[j]) == 0)
				break;
		if (j <= 6)
			buf_addf(&b, "%sT%d", i ? " " : "", j);
		else
			buf_addf(&b, "%sL", i ? " " : "");
	}
	assert_string_equal(b.data != NULL ? b.data : "", want);
	buf_free(&b);
	store_keys_free(&k);
}

/*
 * The declared lookups: serial exact (as a code: "b 2" is B-2, "a1" both
 * A1 and a1), customer_name a prefix; the letter's customer_name is its
 * own lookup in its own key space, tried after the ticket's.
 */
static void
test_find_kinds(void **state)
{
	struct fx *f = *state;

	expect_find(f, "b 2", "T1");
	expect_find(f, "a1", "T2 T5");
	expect_find(f, "A", "");          /* exact: not the start of A1 */
	/* open records first (issue 9): T4 is finished */
	expect_find(f, "张", "T1 L T4");
	expect_find(f, "张三", "T1 L T4");
	expect_find(f, "三", "");         /* prefix: not the middle */
	expect_find(f, "quality", "");    /* kind: no lookup declared */
}

/* core_count q.view (state) of type: n, and whether it was capped. */
static void
expect_count(struct fx *f, const char *type, enum core_view v,
	     const char *st, uint64_t cap, uint64_t want, int want_more)
{
	struct core_list q = {0};
	struct as_err err = {0};
	uint64_t n = 99;
	int more = -1;

	q.type = type;
	q.view = v;
	q.state = st;
	if (core_count(f->c, &q, cap, &n, &more, &err) != 0)
		fail_msg("core_count: %s", err.msg);
	assert_int_equal(n, want);
	assert_int_equal(more, want_more);
}

/*
 * The counts of the views and tabs: the state views from the state
 * index's counts (of this type only: the letter is not a ticket), mine
 * and overdue by reading, capped.
 */
static void
test_counts(void **state)
{
	struct fx *f = *state;

	expect_count(f, "ticket", CORE_VIEW_ALL, NULL, 0, 6, 0);
	expect_count(f, "ticket", CORE_VIEW_OPEN, NULL, 0, 5, 0);
	expect_count(f, "ticket", CORE_VIEW_CLOSED, NULL, 0, 1, 0);
	expect_count(f, "ticket", CORE_VIEW_STATE, "new", 0, 4, 0);
	expect_count(f, "ticket", CORE_VIEW_STATE, "nosuch", 0, 0, 0);
	expect_count(f, "letter", CORE_VIEW_ALL, NULL, 0, 1, 0);
	expect_count(f, "ticket", CORE_VIEW_MINE, NULL, 10, 5, 0);
	expect_count(f, "ticket", CORE_VIEW_MINE, NULL, 2, 2, 1);
	core_set_clock(f->c, T0 + 400 * 86400LL);   /* all clocks overdue */
	expect_count(f, "ticket", CORE_VIEW_OVERDUE, NULL, 10, 4, 0);
	expect_count(f, "ticket", CORE_VIEW_OVERDUE, NULL, 1, 1, 1);
}

static void
test_keys_and_parse(void **state)
{
	struct fx *f = *state;
	struct core_list q = {0};
	struct store_rec *r = NULL;
	struct as_err err = {0};
	enum core_order o;
	const char *sort;
	struct store_keys k2 = {0};
	char *k;

	assert_int_equal(core_order_parse(f->c, "ticket", "owner", &o, &sort),
			 0);
	assert_int_equal(o, CORE_ORDER_SORT);
	assert_string_equal(sort, "owner");
	assert_int_equal(core_order_parse(f->c, "ticket", "number", &o, &sort),
			 0);
	assert_int_equal(o, CORE_ORDER_NUMBER);
	assert_null(sort);
	assert_int_equal(core_order_parse(f->c, "ticket", "size", &o, &sort),
			 -1);
	/* a sort the type does not declare is refused, not read */
	q.type = "letter";
	q.order = CORE_ORDER_SORT;
	q.sort = "serial";
	assert_int_equal(core_list(f->c, &q, collect, &k2, &err),
			 AS_E_INVALID);
	assert_int_equal(k2.n, 0);
	memset(&q, 0, sizeof q);
	/* a letter declares no serial order */
	assert_int_equal(core_order_parse(f->c, "letter", "serial", &o, &sort),
			 -1);
	assert_int_equal(core_get(f->c, f->id[2], &r, &err), 0);
	q.type = "ticket";
	assert_null(core_list_key(f->c, &q, r));
	q.order = CORE_ORDER_DUE;
	assert_null(core_list_key(f->c, &q, r));  /* no running clock */
	q.order = CORE_ORDER_SORT;
	q.sort = "owner";
	k = core_list_key(f->c, &q, r);
	assert_string_equal(k, "fx\x1fticket\x1fowner\x1fv\x1f");
	free(k);
	store_rec_free(&r);
	assert_int_equal(core_verify(f->c, NULL, NULL, &err), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_customer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_serial, setup, teardown),
		cmocka_unit_test_setup_teardown(test_owner, setup, teardown),
		cmocka_unit_test_setup_teardown(test_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filtered_customer, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_key_space_per_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keys_and_parse, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_find_kinds, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_counts, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
