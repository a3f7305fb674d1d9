/*
 * test_queue.c - queues per person and lookups as the phone desk asks
 * (issue 9): my queue (the records whose step is mine, then those nobody
 * holds that my role may take), my role, what a record waits for (main
 * steps first, the holder named), and core_find's forms: a phone's last
 * digits, a serial's start and end, a bare sequence number, spaces of any
 * width, open records first.  A real LMDB database in a fresh mkdtemp
 * folder per test, with tests/unit/data/queue.yaml.
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

#define T0 1795000000LL   /* 2026-11-17 */
#define NJOBS 7

struct fx {
	char dir[64];
	char cfgpath[512];
	struct core *c;
	char *job[NJOBS + 1];   /* J1..J7 at job[1..7] */
	char *note;             /* N1 */
};

static void
as_user(struct core *c, const char *login)
{
	struct as_err err = {0};

	if (core_set_user(c, login, &err) != 0)
		fail_msg("user %s: %s", login, err.msg);
}

static void
step(struct core *c, const char *user, const char *id, const char *tid)
{
	struct as_err err = {0};

	as_user(c, user);
	if (wf_apply(c, id, 0, tid, NULL, 0, NULL, &err) != 0)
		fail_msg("%s %s as %s: %s", tid, id, user, err.msg);
}

static char *
create(struct core *c, const char *type, const char *name,
       const char *phone, const char *serial, const char *owner)
{
	struct core_kv in[4];
	struct as_err err = {0};
	size_t n = 0;
	char *id = NULL;

	as_user(c, "mia");
	in[n++] = (struct core_kv){ "name", name };
	if (phone != NULL)
		in[n++] = (struct core_kv){ "phone", phone };
	if (serial != NULL)
		in[n++] = (struct core_kv){ "serial", serial };
	if (owner != NULL)
		in[n++] = (struct core_kv){ "owner", owner };
	if (core_create(c, type, in, n, &id, &err) != 0)
		fail_msg("create: %s", err.msg);
	return id;
}

/*
 * J1 ann's, open; J2 nobody's, open; J3 mia's, open; J4 new; J5 ann's,
 * worked (finance reviews it); J6 bob's, disputed; J7 ann's, done.
 */
static int
setup(void **state)
{
	static const char *const j[NJOBS + 1][4] = {
		{ NULL, NULL, NULL, NULL },
		{ "张三", "138-0013-8000", "LGW-5A0012345", "ann" },
		{ "李四", "0371 6551 2345", "LGW5B0099887", NULL },
		{ "王五", "139 0000 8000", NULL, "mia" },
		{ "Zhang San", NULL, NULL, NULL },
		{ "赵六", NULL, NULL, "ann" },
		{ "钱七", NULL, NULL, "bob" },
		{ "张三丰", "186 1234 8000", NULL, "ann" },
	};
	struct fx *f = calloc(1, sizeof *f);
	int i;

	unsetenv("AFTERSALES_NOW");
	f->c = test_core_setup(f->dir, f->cfgpath, "queue",
	    "tests/unit/data/queue.yaml", "mia");
	core_set_clock(f->c, T0);
	for (i = 1; i <= NJOBS; i++)
		f->job[i] = create(f->c, "job", j[i][0], j[i][1], j[i][2],
				   j[i][3]);
	f->note = create(f->c, "note", "张三", NULL, NULL, NULL);
	for (i = 1; i <= NJOBS; i++)
		if (i != 4)
			step(f->c, "mia", f->job[i], "take");
	step(f->c, "ann", f->job[5], "work");
	step(f->c, "bob", f->job[6], "dispute");
	step(f->c, "ann", f->job[7], "work");
	step(f->c, "fay", f->job[7], "review");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	int i;

	test_core_teardown(&f->c, f->dir);
	for (i = 0; i <= NJOBS; i++)
		free(f->job[i]);
	free(f->note);
	free(f);
	return 0;
}

static int
collect(const struct store_rec *r, void *ctx)
{
	store_keys_add(ctx, r->id);
	return 0;
}

/* ids as "J1 J3 N1" (job indexes, N the note, ? anything else). */
static void
names(const struct fx *f, const struct store_keys *k, struct as_buf *b)
{
	size_t i;
	int j;

	for (i = 0; i < k->n; i++) {
		for (j = 1; j <= NJOBS; j++)
			if (strcmp(k->v[i], f->job[j]) == 0)
				break;
		if (j <= NJOBS)
			buf_addf(b, "%sJ%d", i ? " " : "", j);
		else
			buf_addf(b, "%s%s", i ? " " : "",
				 strcmp(k->v[i], f->note) == 0 ? "N1" : "?");
	}
}

/* The list view for user, whole, as names(); backwards if back. */
static void
expect_view(struct fx *f, const char *user, enum core_view v, int back,
	    const char *want)
{
	struct core_list q = {0};
	struct store_keys k = {0};
	struct as_buf b = {0};
	struct as_err err = {0};

	as_user(f->c, user);
	q.type = "job";
	q.view = v;
	q.backwards = back;
	if (core_list(f->c, &q, collect, &k, &err) != 0)
		fail_msg("core_list: %s", err.msg);
	names(f, &k, &b);
	if (strcmp(b.data != NULL ? b.data : "", want) != 0)
		fail_msg("%s view %d back %d: \"%s\", not \"%s\"", user, v,
			 back, b.data != NULL ? b.data : "", want);
	buf_free(&b);
	store_keys_free(&k);
}

/*
 * The view paged one record at a time through core_list_at's cursor, in
 * each order: the same records as whole, across the two parts of a queue.
 */
static void
expect_paged(struct fx *f, const char *user, enum core_view v,
	     enum core_order o, int back, const char *want)
{
	struct core_list q = {0};
	struct core_list_pos pos = {0};
	struct store_keys k = {0};
	struct as_buf b = {0};
	struct as_err err = {0};
	size_t before;
	int guard = 0;

	as_user(f->c, user);
	q.type = "job";
	q.view = v;
	q.order = o;
	q.backwards = back;
	q.limit = 1;
	do {
		before = k.n;
		if (core_list_at(f->c, &q, collect, &k, &pos, &err) != 0)
			fail_msg("core_list_at: %s", err.msg);
		q.after = pos.id;
		q.after_key = pos.key;
		if (++guard > 20)
			fail_msg("paging does not end");
	} while (k.n > before || pos.bounded);
	core_list_pos_free(&pos);
	names(f, &k, &b);
	if (strcmp(b.data != NULL ? b.data : "", want) != 0)
		fail_msg("%s paged order %d back %d: \"%s\", not \"%s\"", user,
			 o, back, b.data != NULL ? b.data : "", want);
	buf_free(&b);
	store_keys_free(&k);
}

/*
 * My queue: the records whose step is mine first (J3: mia owns it), then
 * the ones nobody holds that my role may take (J2 unowned, J4 new, J6
 * disputed); ann's J1 is not in the manager's queue though she may act
 * for ann (R1 §8.1).  A clerk's queue is what she owns and may act on:
 * J1, not J5 (finance's turn) nor J7 (done).  A dispute is an exception:
 * it puts J1 in no clerk's queue but ann's own.
 */
static void
test_queue_mine(void **state)
{
	struct fx *f = *state;

	expect_view(f, "mia", CORE_VIEW_MINE, 0, "J3 J2 J4 J6");
	expect_view(f, "mia", CORE_VIEW_MINE, 1, "J6 J4 J2 J3");
	expect_view(f, "ann", CORE_VIEW_MINE, 0, "J1");
	expect_view(f, "bob", CORE_VIEW_MINE, 0, "");
	expect_view(f, "fay", CORE_VIEW_MINE, 0, "J5");
	as_user(f->c, "mia");
	{
		struct store_rec *r = NULL;
		struct as_err err = {0};

		assert_int_equal(core_get(f->c, f->job[1], &r, &err), 0);
		assert_int_equal(wf_queue_rank(f->c, r), 0);
		as_user(f->c, "ann");
		assert_int_equal(wf_queue_rank(f->c, r), CORE_QUEUE_MINE);
		store_rec_free(&r);
		assert_int_equal(core_get(f->c, f->job[2], &r, &err), 0);
		assert_int_equal(wf_queue_rank(f->c, r), 0);
		as_user(f->c, "mia");
		assert_int_equal(wf_queue_rank(f->c, r), CORE_QUEUE_FREE);
		store_rec_free(&r);
	}
}

/*
 * The view paged one record at a time from the last record shown and its
 * key (core_list_key), as the workstation's list anchors its pages: the
 * key carries the part of the queue.
 */
static void
expect_paged_by_key(struct fx *f, const char *user, enum core_order o,
		    int back, const char *want)
{
	struct core_list q = {0};
	struct store_keys k = {0};
	struct store_rec *r = NULL;
	struct as_buf b = {0};
	struct as_err err = {0};
	char *key = NULL, *id = NULL;
	size_t before;

	as_user(f->c, user);
	q.type = "job";
	q.view = CORE_VIEW_MINE;
	q.order = o;
	q.backwards = back;
	q.limit = 1;
	do {
		before = k.n;
		if (core_list(f->c, &q, collect, &k, &err) != 0)
			fail_msg("core_list: %s", err.msg);
		if (k.n == before)
			break;
		assert_int_equal(core_get(f->c, k.v[k.n - 1], &r, &err), 0);
		free(key);
		free(id);
		key = core_list_key(f->c, &q, r);
		assert_non_null(key);
		assert_true(key[0] == '1' || key[0] == '2');
		id = xstrdup(r->id);
		store_rec_free(&r);
		q.after = id;
		q.after_key = key;
	} while (k.n < 20);
	free(key);
	free(id);
	names(f, &k, &b);
	if (strcmp(b.data != NULL ? b.data : "", want) != 0)
		fail_msg("%s keyed order %d back %d: \"%s\", not \"%s\"",
			 user, o, back, b.data != NULL ? b.data : "", want);
	buf_free(&b);
	store_keys_free(&k);
}

/* The two parts page through the cursor in every order, both ways. */
static void
test_queue_paged(void **state)
{
	struct fx *f = *state;

	expect_paged(f, "mia", CORE_VIEW_MINE, CORE_ORDER_NUMBER, 0,
		     "J3 J2 J4 J6");
	expect_paged(f, "mia", CORE_VIEW_MINE, CORE_ORDER_NUMBER, 1,
		     "J6 J4 J2 J3");
	/* states in their order: new, open, ..., disputed */
	expect_paged(f, "mia", CORE_VIEW_MINE, CORE_ORDER_STATE, 0,
		     "J3 J4 J2 J6");
	expect_paged(f, "mia", CORE_VIEW_MINE, CORE_ORDER_STATE, 1,
		     "J6 J2 J4 J3");
	expect_paged_by_key(f, "mia", CORE_ORDER_NUMBER, 0, "J3 J2 J4 J6");
	expect_paged_by_key(f, "mia", CORE_ORDER_NUMBER, 1, "J6 J4 J2 J3");
	expect_paged_by_key(f, "mia", CORE_ORDER_STATE, 0, "J3 J4 J2 J6");
	expect_paged_by_key(f, "mia", CORE_ORDER_STATE, 1, "J6 J2 J4 J3");
}

/*
 * My queue as the scan of every record finds it: the records of rank
 * CORE_QUEUE_MINE, then CORE_QUEUE_FREE (wf_queue_rank), each part in
 * number or state order, reversed whole when back.
 */
static void
scan_queue(struct fx *f, enum core_order o, int back, struct store_keys *out)
{
	const struct cfg_rectype *rt = cfg_rectype(core_cfg(f->c), "job");
	struct core_list q = {0};
	struct store_keys all = {0};
	struct store_rec *r;
	struct as_err err = {0};
	size_t i, s, n;
	int part, p0 = back ? CORE_QUEUE_FREE : CORE_QUEUE_MINE;

	q.type = "job";
	q.view = CORE_VIEW_ALL;
	q.backwards = back;
	if (core_list(f->c, &q, collect, &all, &err) != 0)
		fail_msg("core_list: %s", err.msg);
	for (part = p0; part == p0 || part == CORE_QUEUE_MINE +
	    CORE_QUEUE_FREE - p0; part = part == p0 ? CORE_QUEUE_MINE +
	    CORE_QUEUE_FREE - p0 : 0)
		for (n = 0; n < (o == CORE_ORDER_STATE ? rt->nstates : 1);
		    n++) {
			s = back ? rt->nstates - 1 - n : n;
			for (i = 0; i < all.n; i++) {
				assert_int_equal(core_get(f->c, all.v[i], &r,
				    &err), 0);
				if (wf_queue_rank(f->c, r) == part &&
				    (o != CORE_ORDER_STATE ||
				    strcmp(r->state, rt->states[s].id) == 0))
					store_keys_add(out, r->id);
				store_rec_free(&r);
			}
		}
	store_keys_free(&all);
}

/* The queue of every user in both orders both ways, as the scan has it. */
static void
expect_as_scan(struct fx *f)
{
	static const char *const users[] = { "ann", "bob", "mia", "fay" };
	static const enum core_order orders[] = { CORE_ORDER_NUMBER,
	    CORE_ORDER_STATE };
	struct store_keys got = {0}, want = {0};
	struct as_buf g = {0}, w = {0};
	struct as_err err = {0};
	struct core_list q = {0};
	size_t u, o;
	int back;

	for (u = 0; u < 4; u++)
		for (o = 0; o < 2; o++)
			for (back = 0; back < 2; back++) {
				as_user(f->c, users[u]);
				q.type = "job";
				q.view = CORE_VIEW_MINE;
				q.order = orders[o];
				q.backwards = back;
				if (core_list(f->c, &q, collect, &got,
				    &err) != 0)
					fail_msg("core_list: %s", err.msg);
				scan_queue(f, orders[o], back, &want);
				names(f, &got, &g);
				names(f, &want, &w);
				if (strcmp(g.data != NULL ? g.data : "",
				    w.data != NULL ? w.data : "") != 0)
					fail_msg("%s order %d back %d: index "
					    "\"%s\", scan \"%s\"", users[u],
					    orders[o], back, g.data, w.data);
				buf_free(&g);
				buf_free(&w);
				store_keys_free(&got);
				store_keys_free(&want);
			}
}

static void
count_problem(const char *msg, void *ctx)
{
	(void)msg;
	(*(int *)ctx)++;
}

/*
 * My queue reads the holder index (K_HOLD type login state, and login ""
 * for a by: step that names nobody): the same records in the same order
 * as the scan of every record, for every user, also after the holder
 * changes (mia hands J2 to bob, J1 goes from ann to nobody).
 */
static void
test_queue_index_as_scan(void **state)
{
	struct fx *f = *state;
	struct core_kv to_bob = { "owner", "bob" }, to_none = { "owner", "" };
	struct as_err err = {0};
	int problems = 0;

	expect_as_scan(f);
	as_user(f->c, "mia");
	if (core_edit(f->c, f->job[2], 0, &to_bob, 1, NULL, &err) != 0 ||
	    core_edit(f->c, f->job[1], 0, &to_none, 1, NULL, &err) != 0)
		fail_msg("edit: %s", err.msg);
	expect_as_scan(f);
	expect_view(f, "bob", CORE_VIEW_MINE, 0, "J2");
	expect_view(f, "mia", CORE_VIEW_MINE, 0, "J3 J1 J4 J6");
	assert_int_equal(core_verify(f->c, count_problem, &problems, &err), 0);
	assert_int_equal(problems, 0);
}

struct raw {
	const char *id, *owner;
};

static int
raw_txn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct raw *x = ctx;
	struct store_rec *r = NULL;
	struct store_event *e;
	int rc;

	if ((rc = store_get(t, x->id, &r, err)) != 0)
		return rc;
	e = store_event_new(r->id, "mia", "edit", r->state, r->state);
	e->rev = ++r->rev;
	e->when = r->updated;
	store_event_change(e, "owner", store_rec_get(r, "owner"), x->owner);
	store_rec_set(r, "owner", x->owner);
	rc = store_put(t, r, err);   /* no index_fn: the index stays */
	if (rc == 0)
		rc = store_hist_append(t, e, err);
	store_event_free(&e);
	store_rec_free(&r);
	return rc;
}

/*
 * Set the owner of id, with its history event, past core and its index
 * (as tests/tools/as_oldrec writes data of an older version).
 */
static void
raw_owner(struct fx *f, const char *id, const char *owner)
{
	struct store_opts so = {0};
	struct store *s = NULL;
	struct raw x = { id, owner };
	struct as_err err = {0};

	core_close(&f->c);
	assert_int_equal(store_open(f->dir, &so, &s, &err), 0);
	if (store_write(s, raw_txn, &x, &err) != 0)
		fail_msg("raw write: %s", err.msg);
	store_close(&s);
	f->c = test_core_open(f->dir, f->cfgpath, "mia");
}

/*
 * A database whose holder keys are missing or stale (written before the
 * index, or past it): verify names the missing entry and the stale one,
 * the queue follows the index until reindex rebuilds it, then the scan.
 */
static void
test_queue_index_verify(void **state)
{
	struct fx *f = *state;
	struct as_err err = {0};
	int problems = 0;

	raw_owner(f, f->job[1], "bob");
	/* the stale key of ann leads nowhere: the record is checked */
	expect_view(f, "ann", CORE_VIEW_MINE, 0, "");
	/* bob's key is missing: the index does not find J1 for him */
	expect_view(f, "bob", CORE_VIEW_MINE, 0, "");
	assert_int_equal(core_verify(f->c, count_problem, &problems, &err),
	    AS_E_CORRUPT);
	assert_int_equal(problems, 2);   /* bob's entry missing, ann's stale */
	as_user(f->c, "mia");
	if (core_reindex(f->c, NULL, &err) != 0)
		fail_msg("reindex: %s", err.msg);
	problems = 0;
	assert_int_equal(core_verify(f->c, count_problem, &problems, &err), 0);
	assert_int_equal(problems, 0);
	expect_view(f, "bob", CORE_VIEW_MINE, 0, "J1");
	expect_as_scan(f);
}

/*
 * The counts of my queue and my role on the view bar: what the list
 * holds, up to the cap ("999+"), whether a state counts from the index
 * (every record of it is in the view) or by reading its records.
 */
static void
test_queue_counts(void **state)
{
	static const char *const users[] = { "ann", "bob", "mia", "fay" };
	static const enum core_view views[] = { CORE_VIEW_MINE,
	    CORE_VIEW_ROLE };
	struct fx *f = *state;
	struct core_list q = {0};
	struct store_keys k = {0};
	struct as_err err = {0};
	uint64_t n, cap;
	size_t u, v;
	int more;

	for (u = 0; u < 4; u++)
		for (v = 0; v < 2; v++)
			for (cap = 1; cap <= 5; cap++) {
				as_user(f->c, users[u]);
				q.type = "job";
				q.view = views[v];
				assert_int_equal(core_list(f->c, &q, collect,
				    &k, &err), 0);
				assert_int_equal(core_count(f->c, &q, cap, &n,
				    &more, &err), 0);
				if (n != (k.n > cap ? cap : k.n) ||
				    more != (k.n > cap))
					fail_msg("%s view %d cap %u: %u%s, "
					    "listed %u", users[u], views[v],
					    (unsigned)cap, (unsigned)n,
					    more ? "+" : "", (unsigned)k.n);
				store_keys_free(&k);
			}
	/* mia's J4 (new, take) and J6 (disputed, settle): whole states */
	as_user(f->c, "mia");
	q.view = CORE_VIEW_MINE;
	assert_int_equal(core_count(f->c, &q, 999, &n, &more, &err), 0);
	assert_int_equal(n, 4);
}

/* The counts of five views of user, together and each alone: the same. */
static void
expect_counts_together(struct fx *f, const char *user, uint64_t cap)
{
	static const enum core_view views[] = { CORE_VIEW_MINE,
	    CORE_VIEW_OPEN, CORE_VIEW_ROLE, CORE_VIEW_ALL, CORE_VIEW_OVERDUE };
	struct core_list q[5];
	struct as_err err = {0};
	uint64_t n[5], one;
	int more[5], ok[5], m;
	size_t i;

	as_user(f->c, user);
	memset(q, 0, sizeof q);
	for (i = 0; i < 5; i++) {
		q[i].type = "job";
		q[i].view = views[i];
	}
	assert_int_equal(core_count_views(f->c, q, 5, cap, n, more, ok,
	    &err), 0);
	for (i = 0; i < 5; i++) {
		assert_int_equal(core_count(f->c, &q[i], cap, &one, &m, &err),
		    0);
		if (!ok[i] || n[i] != one || more[i] != m)
			fail_msg("%s view %d cap %u: together %u%s, alone %u%s",
			    user, views[i], (unsigned)cap, (unsigned)n[i],
			    more[i] ? "+" : "", (unsigned)one, m ? "+" : "");
	}
}

/*
 * The view bar's counts read together (core_count_views: my queue and my
 * role in one pass where both read a state's records): the same as each
 * alone, capped or not.  Finance's waive (when: kind urgent) makes both
 * of fay's views read the records of new, in one pass.
 */
static void
test_queue_counts_together(void **state)
{
	static const char *const users[] = { "ann", "bob", "mia", "fay" };
	struct fx *f = *state;
	struct core_kv in[2] = { { "name", "急件" }, { "kind", "urgent" } };
	struct core_list q = { .type = "job", .view = CORE_VIEW_ROLE };
	struct as_err err = {0};
	uint64_t cap, n;
	size_t u;
	int i, more;
	char *id;

	for (i = 0; i < 3; i++) {
		as_user(f->c, "mia");
		if (core_create(f->c, "job", in, i < 2 ? 2 : 1, &id, &err))
			fail_msg("create: %s", err.msg);
		free(id);
	}
	/* fay: J5 (worked, review) and the two urgent new jobs */
	expect_view(f, "fay", CORE_VIEW_ROLE, 0, "J5 ? ?");
	for (u = 0; u < 4; u++)
		for (cap = 1; cap <= 6; cap++)
			expect_counts_together(f, users[u], cap);
	expect_counts_together(f, "fay", 999);
	as_user(f->c, "fay");
	assert_int_equal(core_count(f->c, &q, 999, &n, &more, &err), 0);
	assert_int_equal(n, 3);
}

/*
 * My role: every record a main step of my role leaves, whoever holds it
 * (J1 is ann's; mia may act for her), never for an exception alone.
 */
static void
test_role_view(void **state)
{
	struct fx *f = *state;
	struct core_list q = { .type = "job", .view = CORE_VIEW_ROLE };
	struct as_err err = {0};
	uint64_t n = 0;
	int more = 0;

	expect_view(f, "mia", CORE_VIEW_ROLE, 0, "J1 J2 J3 J4 J6");
	expect_view(f, "ann", CORE_VIEW_ROLE, 0, "J1 J2 J3");
	expect_view(f, "bob", CORE_VIEW_ROLE, 0, "J1 J2 J3");
	as_user(f->c, "mia");
	assert_int_equal(core_count(f->c, &q, 100, &n, &more, &err), 0);
	assert_int_equal(n, 5);
	q.view = CORE_VIEW_MINE;
	assert_int_equal(core_count(f->c, &q, 100, &n, &more, &err), 0);
	assert_int_equal(n, 4);
}

static void
expect_waits(struct fx *f, const char *user, int idx, int skip,
	     const char *want)
{
	struct store_rec *r = NULL;
	struct as_buf b = {0};
	struct as_err err = {0};

	as_user(f->c, user);
	assert_int_equal(core_get(f->c, f->job[idx], &r, &err), 0);
	wf_waits_text(f->c, r, "en", skip, &b);
	assert_string_equal(b.data != NULL ? b.data : "", want);
	buf_free(&b);
	store_rec_free(&r);
}

/*
 * What a record waits for: the main step first though the dispute is
 * declared before it (exception: true), the owner named where by: holds
 * the step; with skip, what the user may do now is left out.
 */
static void
test_waits(void **state)
{
	struct fx *f = *state;

	expect_waits(f, "fay", 1, 0, "Work (Owner 安娜); Dispute (Clerk, "
		     "Manager)");
	expect_waits(f, "fay", 2, 0, "Work (Clerk, Manager); Dispute (Clerk, "
		     "Manager)");
	expect_waits(f, "fay", 5, 0, "Review (Finance); Dispute (Clerk, "
		     "Manager)");
	expect_waits(f, "ann", 1, 1, "");
	expect_waits(f, "bob", 1, 1, "Work (Owner 安娜)");
	expect_waits(f, "fay", 7, 0, "");
}

/* core_find's matches as names(). */
static void
expect_find(struct fx *f, const char *q, const char *want)
{
	struct store_keys k = {0};
	struct as_buf b = {0};
	struct as_err err = {0};

	if (core_find(f->c, q, 0, collect, &k, &err) != 0)
		fail_msg("core_find %s: %s", q, err.msg);
	names(f, &k, &b);
	if (strcmp(b.data != NULL ? b.data : "", want) != 0)
		fail_msg("find \"%s\": \"%s\", not \"%s\"", q,
			 b.data != NULL ? b.data : "", want);
	buf_free(&b);
	store_keys_free(&k);
}

/* A phone by its last 4 digits or more, however it is written or pasted. */
static void
test_find_phone(void **state)
{
	struct fx *f = *state;

	/* J7 is done: open records first */
	expect_find(f, "8000", "J3 J1 J7");
	expect_find(f, "0013 8000", "J1");
	expect_find(f, "138 0013 8000", "J1");
	expect_find(f, "13800138000", "J1");
	/* full-width digits and spaces, as an input method pastes them */
	expect_find(f, "１３８\xe3\x80\x80００１３\xe3\x80\x80８０００", "J1");
	expect_find(f, "2345", "J2");
	expect_find(f, "800", "");   /* three digits are too few */
}

/* A serial by its start (as a code) or its last 6 characters or more. */
static void
test_find_serial(void **state)
{
	struct fx *f = *state;

	expect_find(f, "lgw", "J1 J2");
	expect_find(f, "LGW-5A", "J1");
	expect_find(f, "lgw 5b", "J2");
	expect_find(f, "LGW-5A0012345", "J1");
	expect_find(f, "012345", "J1");
	expect_find(f, "A0012345", "J1");
	expect_find(f, "099887", "J2");
	expect_find(f, "99887", "");   /* five: too few for an end */
	expect_find(f, "5A0012", "");  /* the middle is neither */
}

/*
 * A bare sequence number is this year's of every type (2026: the clock
 * of the fixture); a full number with spaces pasted in is the number.
 */
static void
test_find_number(void **state)
{
	struct fx *f = *state;

	expect_find(f, "1", "J1 N1");
	expect_find(f, "0001", "J1 N1");
	expect_find(f, "2", "J2");
	expect_find(f, "j2026-2", "J2");
	expect_find(f, " J 2026 - 000002 ", "J2");
	expect_find(f, "J2025-2", "");   /* another year: nothing */
	expect_find(f, "99", "");
}

/*
 * A name's start: the spaces around the query go, those inside it stay
 * (a prefix compares the name as written); open records first.
 */
static void
test_find_name(void **state)
{
	struct fx *f = *state;

	expect_find(f, "  张三 ", "J1 N1 J7");
	expect_find(f, "张三丰", "J7");
	expect_find(f, "Zhang San", "J4");
	expect_find(f, "\xe3\x80\x80Zhang San\xe3\x80\x80", "J4");
	expect_find(f, "Zhang  San", "");
	{
		struct store_keys k = {0};
		struct as_err err = {0};

		assert_int_equal(core_find(f->c, " \xe3\x80\x80 ", 0, collect,
					   &k, &err), AS_E_USAGE);
		assert_int_equal(k.n, 0);
	}
}

/*
 * The shipped configuration marks the dispute (R1 §7.3) and the rework
 * after feedback (R1 §7.2) exception: true; a reopens: step is one too;
 * the main steps are not.
 */
static void
test_shipped_exceptions(void **state)
{
	struct cfg *cfg = NULL;
	struct as_err err = {0};
	const struct cfg_rectype *rt;
	char path[512];

	(void)state;
	test_path(path, sizeof path, "config/aftersales.yaml");
	if (cfg_load(path, NULL, &cfg, NULL, &err) != 0)
		fail_msg("load: %s", err.msg);
	rt = cfg_rectype(cfg, "complaint");
	assert_true(cfg_transition(rt, "dispute")->exception);
	assert_true(cfg_transition(rt, "reopen")->exception);
	assert_true(cfg_transition(rt, "dispute_rejection")->exception);
	assert_false(cfg_transition(rt, "accept")->exception);
	assert_false(cfg_transition(rt, "finish")->exception);
	assert_false(cfg_transition(rt, "resolve_dispute")->exception);
	assert_int_equal(cfg_lookup_of(rt, cfg_field(rt, "serial"),
				       CFG_LK_SERIAL) != NULL, 1);
	cfg_free(&cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_queue_mine, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_queue_paged, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_queue_index_as_scan, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_queue_index_verify, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_queue_counts, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_queue_counts_together,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_role_view, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_waits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_phone, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_find_serial, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_find_number, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_find_name, setup,
						teardown),
		cmocka_unit_test(test_shipped_exceptions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
