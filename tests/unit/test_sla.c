/*
 * test_sla.c - SLA clocks (deadlines) of core/: the response clock of the
 * shipped complaint workflow (config/demo.yaml, which includes
 * config/aftersales.yaml) started at registration, its hours chosen by the
 * fault class, distance and supplier, recomputed on edits, stopped by the
 * first answer; the Overdue list in due order and the timeliness figures.
 * A real LMDB database in a fresh mkdtemp folder per test; core's clock is
 * set with core_set_clock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../core/core.h"
#include "testutil.h"

#define T0 1794999960LL  /* 2026-11-18 11:06 UTC, a whole minute */
#define H 3600LL

static int
setup(void **state)
{
	unsetenv("AFTERSALES_NOW");
	test_fx_setup(state, "sla", "config/demo.yaml", "admin");
	core_set_clock(((struct test_fx *)*state)->c, T0);
	return 0;
}

static int
teardown(void **state)
{
	return test_fx_teardown(state);
}

/* Register a complaint as admin; fault/km/supplier may be NULL. */
static char *
new_complaint(struct core *c, const char *fault, const char *km,
	      const char *supplier)
{
	struct core_kv in[6] = { { "customer_name", "张伟" },
		{ "phone", "13800138000" }, { "description", "车门异响" } };
	struct as_err err = {0};
	size_t n = 3;
	char *id = NULL;

	if (fault != NULL)
		in[n++] = (struct core_kv){ "fault_class", fault };
	if (km != NULL)
		in[n++] = (struct core_kv){ "distance_km", km };
	if (supplier != NULL)
		in[n++] = (struct core_kv){ "supplier", supplier };
	assert_int_equal(core_set_user(c, "admin", &err), 0);
	if (core_create(c, "complaint", in, n, &id, &err) != 0)
		fail_msg("create: %s", err.msg);
	return id;
}

/* The due time of id's running clock, or -1 when none runs. */
static int64_t
due_of(struct core *c, const char *id)
{
	struct store_rec *r = test_get(c, id);
	const struct cfg_clock *k = NULL;
	int64_t due = -1;

	if (core_deadline(c, r, &due, &k)) {
		assert_non_null(k);
		assert_string_equal(k->id, "response");
	} else
		due = -1;
	store_rec_free(&r);
	return due;
}

static const char *
clause_of(struct core *c, const char *id)
{
	const struct cfg_rectype *rt = cfg_rectype(core_cfg(c), "complaint");
	const struct cfg_clock *k = cfg_clock(rt, "response");
	struct store_rec *r = test_get(c, id);
	const struct cfg_rule *ru = core_clock_rule(k, r);

	store_rec_free(&r);
	return ru != NULL ? ru->clause : "(none)";
}

/* Record now (core's clock) as the first answer to the customer. */
static void
first_answer(struct core *c, const char *id)
{
	char t[32];
	time_t now = (time_t)core_now(c);
	struct tm tm;
	struct core_kv in[] = { { "answered_at", t } };
	struct as_err err = {0};

	localtime_r(&now, &tm);
	strftime(t, sizeof t, "%Y-%m-%d %H:%M:%S", &tm);
	if (core_edit(c, id, 0, in, 1, NULL, &err) != 0)
		fail_msg("answered_at: %s", err.msg);
}

/*
 * The branch manager accepts (and then the first answer to the customer
 * is recorded, R1 §7.2: that, not the acceptance, stops the response
 * clock) or rejects (which answers the customer).
 */
static void
answer(struct core *c, const char *id, const char *tid)
{
	struct core_kv acc[] = { { "category", "quality" },
				 { "owner", "zhangwei" } };
	struct core_kv rej[] = { { "reject_reason", "不属于三包范围" } };
	struct as_err err = {0};
	int rc;

	assert_int_equal(core_set_user(c, "branch_manager", &err), 0);
	if (strcmp(tid, "accept") == 0)
		rc = wf_apply(c, id, 0, tid, acc, 2, NULL, &err);
	else
		rc = wf_apply(c, id, 0, tid, rej, 1, NULL, &err);
	if (rc != 0)
		fail_msg("%s: %s", tid, err.msg);
	if (strcmp(tid, "accept") == 0)
		first_answer(c, id);
	assert_int_equal(core_set_user(c, "admin", &err), 0);
}

/* R2 §3.2.2: a body fault within 100 km: on site within 24 hours. */
static void
test_r2_3_2_2_body_within_100km_24h(void **state)
{
	struct test_fx *f = *state;
	char *id = new_complaint(f->c, "body", "100", NULL);

	assert_int_equal(due_of(f->c, id), T0 + 24 * H);
	assert_string_equal(clause_of(f->c, id), "R2 §3.2.2");
	free(id);
}

/* R2 §3.2.2: beyond 100 km: answer the user within 12 hours. */
static void
test_r2_3_2_2_body_beyond_100km_12h(void **state)
{
	struct test_fx *f = *state;
	char *id = new_complaint(f->c, "body", "101", NULL);

	assert_int_equal(due_of(f->c, id), T0 + 12 * H);
	assert_string_equal(clause_of(f->c, id), "R2 §3.2.2");
	free(id);
}

/* R2 §3.2.2: the component supplier must be involved: 12 hours. */
static void
test_r2_3_2_2_body_supplier_12h(void **state)
{
	struct test_fx *f = *state;
	char *id = new_complaint(f->c, "body", "30", "宇通配套厂");

	assert_int_equal(due_of(f->c, id), T0 + 12 * H);
	free(id);
}

/* R2 §3.2.3: chassis / engine fault: written contact within 12 hours. */
static void
test_r2_3_2_3_chassis_engine_12h(void **state)
{
	struct test_fx *f = *state;
	char *id = new_complaint(f->c, "chassis_engine", "30", NULL);

	assert_int_equal(due_of(f->c, id), T0 + 12 * H);
	assert_string_equal(clause_of(f->c, id), "R2 §3.2.3");
	free(id);
}

/* R1 §7.2: other or unknown fault class: our default of 24 hours. */
static void
test_r1_7_2_unknown_fault_default_24h(void **state)
{
	struct test_fx *f = *state;
	char *a = new_complaint(f->c, NULL, NULL, NULL);
	char *b = new_complaint(f->c, "other", "500", NULL);

	assert_int_equal(due_of(f->c, a), T0 + 24 * H);
	assert_int_equal(due_of(f->c, b), T0 + 24 * H);
	assert_string_equal(clause_of(f->c, a), "R1 §7.2");
	free(a);
	free(b);
}

struct hist {
	int due_changes;
	int started;
};

static int
hist_visit(const struct store_event *e, void *ctx)
{
	struct hist *h = ctx;
	size_t i;

	for (i = 0; i < e->nchanges; i++) {
		if (strcmp(e->changes[i].field, "_due.response") == 0)
			h->due_changes++;
		if (strcmp(e->changes[i].field, "_start.response") == 0)
			h->started++;
	}
	return 0;
}

/*
 * R2 §3.2.2: the distance is often known only later; editing it while the
 * clock runs moves the deadline, from the same start, and the history
 * shows it.
 */
static void
test_r2_3_2_2_recomputed_on_edit(void **state)
{
	struct test_fx *f = *state;
	char *id = new_complaint(f->c, "body", "50", NULL);
	struct core_kv in[] = { { "distance_km", "150" } };
	struct as_err err = {0};
	struct hist h = {0};

	assert_int_equal(due_of(f->c, id), T0 + 24 * H);
	core_set_clock(f->c, T0 + 2 * H);
	assert_int_equal(core_edit(f->c, id, 0, in, 1, NULL, &err), 0);
	assert_int_equal(due_of(f->c, id), T0 + 12 * H);
	in[0].val = "80";
	assert_int_equal(core_edit(f->c, id, 0, in, 1, NULL, &err), 0);
	assert_int_equal(due_of(f->c, id), T0 + 24 * H);
	assert_int_equal(core_history(f->c, id, hist_visit, &h, &err), 0);
	assert_int_equal(h.started, 1);
	assert_int_equal(h.due_changes, 3);
	free(id);
}

/* The program's fields cannot be set by users. */
static void
test_reserved_fields_refused(void **state)
{
	struct test_fx *f = *state;
	char *id = new_complaint(f->c, "body", "50", NULL);
	struct core_kv in[] = { { "_due.response", "1" } };
	struct core_kv cr[] = { { "customer_name", "x" }, { "phone", "1" },
				{ "description", "x" },
				{ "_late.response", "1" } };
	struct as_err err = {0};
	char *id2 = NULL;

	assert_int_equal(core_edit(f->c, id, 0, in, 1, NULL, &err),
			 AS_E_PERM);
	assert_non_null(strstr(err.msg, "kept by the program"));
	assert_int_not_equal(core_create(f->c, "complaint", cr, 4, &id2,
					 &err), 0);
	assert_null(id2);
	assert_int_equal(due_of(f->c, id), T0 + 24 * H);
	free(id);
}

/*
 * R1 §7.2: the internal acceptance does not stop the response clock; the
 * first answer to the customer in time does, on time.
 */
static void
test_r1_7_2_accept_on_time(void **state)
{
	struct test_fx *f = *state;
	char *id = new_complaint(f->c, "chassis_engine", NULL, NULL);
	struct core_kv acc[] = { { "category", "quality" },
				 { "owner", "zhangwei" } };
	struct as_err err = {0};
	struct store_rec *r;

	core_set_clock(f->c, T0 + 1 * H);
	assert_int_equal(core_set_user(f->c, "branch_manager", &err), 0);
	assert_int_equal(wf_apply(f->c, id, 0, "accept", acc, 2, NULL, &err),
			 0);
	assert_int_equal(due_of(f->c, id), T0 + 12 * H);   /* still runs */
	core_set_clock(f->c, T0 + 11 * H);
	first_answer(f->c, id);
	r = test_get(f->c, id);
	assert_null(store_rec_get(r, "_due.response"));
	assert_null(store_rec_get(r, "_late.response"));
	assert_non_null(store_rec_get(r, "_done.response"));
	assert_int_equal(strtoll(store_rec_get(r, "_done.response"), NULL, 10),
			 T0 + 11 * H);
	assert_int_equal(core_deadline(f->c, r, NULL, NULL), 0);
	store_rec_free(&r);
	free(id);
}

/* R2 §3.2.3, R1 §7.2: a rejection after the 12 hours is late. */
static void
test_r2_3_2_3_reject_late(void **state)
{
	struct test_fx *f = *state;
	char *id = new_complaint(f->c, "chassis_engine", NULL, NULL);
	struct store_rec *r;

	setenv("AFTERSALES_NOW", "1795050000", 1);  /* T0 + 13.9 h */
	core_set_clock(f->c, 0);                    /* use AFTERSALES_NOW */
	answer(f->c, id, "reject");
	unsetenv("AFTERSALES_NOW");
	r = test_get(f->c, id);
	assert_string_equal(r->state, "rejected");
	assert_null(store_rec_get(r, "_due.response"));
	assert_string_equal(store_rec_get(r, "_late.response"), "1");
	assert_string_equal(store_rec_get(r, "_done.response"), "1795050000");
	store_rec_free(&r);
	free(id);
}

struct ids {
	char *v[16];
	size_t n;
};

static int
collect(const struct store_rec *r, void *ctx)
{
	struct ids *x = ctx;

	assert_true(x->n < 16);
	x->v[x->n++] = strdup(r->id);
	return 0;
}

static void
ids_free(struct ids *x)
{
	while (x->n > 0)
		free(x->v[--x->n]);
}

static void
list_overdue(struct core *c, const char *after, int back, size_t limit,
	     struct ids *out)
{
	struct core_list q = { "complaint", CORE_VIEW_OVERDUE, NULL, after,
			       back, limit, CORE_ORDER_NUMBER, NULL, 0, NULL };
	struct as_err err = {0};

	ids_free(out);
	if (core_list(c, &q, collect, out, &err) != 0)
		fail_msg("list: %s", err.msg);
}

/*
 * The Overdue list: running clocks due before now, most overdue first,
 * paged by the last id seen; stopped and not-yet-due clocks are not in it.
 */
static void
test_overdue_list_in_due_order(void **state)
{
	struct test_fx *f = *state;
	char *a, *b, *c, *d, *e;
	struct ids x = {0};

	a = new_complaint(f->c, "body", "50", NULL);          /* T0 + 24 h */
	core_set_clock(f->c, T0 + 1 * H);
	b = new_complaint(f->c, "chassis_engine", NULL, NULL);/* T0 + 13 h */
	c = new_complaint(f->c, "body", "300", NULL);         /* T0 + 13 h */
	d = new_complaint(f->c, "chassis_engine", NULL, NULL);/* answered */
	core_set_clock(f->c, T0 + 20 * H);
	e = new_complaint(f->c, "other", NULL, NULL);         /* T0 + 44 h */
	answer(f->c, d, "accept");
	core_set_clock(f->c, T0 + 30 * H);
	list_overdue(f->c, NULL, 0, 0, &x);
	assert_int_equal(x.n, 3);
	assert_string_equal(x.v[0], b);  /* same due: id order */
	assert_string_equal(x.v[1], c);
	assert_string_equal(x.v[2], a);
	/* paged two at a time */
	list_overdue(f->c, NULL, 0, 2, &x);
	assert_int_equal(x.n, 2);
	assert_string_equal(x.v[1], c);
	list_overdue(f->c, c, 0, 2, &x);
	assert_int_equal(x.n, 1);
	assert_string_equal(x.v[0], a);
	/* backwards: nearest first, and before a cursor */
	list_overdue(f->c, NULL, 1, 2, &x);
	assert_int_equal(x.n, 2);
	assert_string_equal(x.v[0], a);
	assert_string_equal(x.v[1], c);
	list_overdue(f->c, c, 1, 0, &x);
	assert_int_equal(x.n, 1);
	assert_string_equal(x.v[0], b);
	/* an edit that moves a deadline moves it in the list */
	{
		struct core_kv in[] = { { "distance_km", "500" } };
		struct as_err err = {0};

		assert_int_equal(core_edit(f->c, a, 0, in, 1, NULL, &err), 0);
	}
	list_overdue(f->c, NULL, 0, 0, &x);
	assert_int_equal(x.n, 3);
	assert_string_equal(x.v[0], a);  /* T0 + 12 h now */
	/* before anything is due, nothing is overdue */
	core_set_clock(f->c, T0 + 1 * H);
	list_overdue(f->c, NULL, 0, 0, &x);
	assert_int_equal(x.n, 0);
	ids_free(&x);
	free(a); free(b); free(c); free(d); free(e);
}

static void
problem(const char *msg, void *ctx)
{
	(void)ctx;
	fprintf(stderr, "verify: %s\n", msg);
}

/* R2 §3.2.1: timeliness counts stopped clocks on time against all. */
static void
test_r2_3_2_1_timeliness(void **state)
{
	struct test_fx *f = *state;
	char *a = new_complaint(f->c, "body", "50", NULL);
	char *b = new_complaint(f->c, "chassis_engine", NULL, NULL);
	char *c = new_complaint(f->c, "body", "500", NULL);
	char *d = new_complaint(f->c, NULL, NULL, NULL);
	struct as_err err = {0};
	uint64_t met = 99, total = 99;

	assert_int_equal(core_timeliness(f->c, "complaint", &met, &total,
					 &err), 0);
	assert_int_equal(total, 0);
	core_set_clock(f->c, T0 + 10 * H);
	answer(f->c, a, "accept");   /* 24 h: on time */
	answer(f->c, b, "reject");   /* 12 h: on time */
	core_set_clock(f->c, T0 + 15 * H);
	answer(f->c, c, "accept");   /* 12 h: late */
	assert_int_equal(core_timeliness(f->c, "complaint", &met, &total,
					 &err), 0);
	assert_int_equal(met, 2);
	assert_int_equal(total, 3);   /* d still runs: not counted */
	assert_int_equal(core_timeliness(f->c, "widget", &met, &total, &err),
			 AS_E_NOTFOUND);
	/* the due index stays consistent through all of it */
	assert_int_equal(core_verify(f->c, problem, NULL, &err), 0);
	free(a); free(b); free(c); free(d);
}

/* Display: the running clock and the stopped one, in both languages. */
static void
test_clock_text(void **state)
{
	struct test_fx *f = *state;
	char *id = new_complaint(f->c, "body", "50", NULL);
	struct store_rec *r;
	struct core_clock k[2];
	struct as_buf b = {0};

	r = test_get(f->c, id);
	assert_int_equal(core_clocks(f->c, r, k, 2), 1);
	core_clock_text(f->c, &k[0], "zh", T0 + 21 * H, &b);
	assert_non_null(strstr(b.data, "(剩 3 小时) R2 §3.2.2"));
	b.len = 0;
	core_clock_text(f->c, &k[0], "en", T0 + 29 * H, &b);
	assert_non_null(strstr(b.data, "(overdue by 5 h)"));
	buf_free(&b);
	store_rec_free(&r);
	core_set_clock(f->c, T0 + 30 * H);
	answer(f->c, id, "accept");
	r = test_get(f->c, id);
	assert_int_equal(core_clocks(f->c, r, k, 2), 1);
	assert_true(k[0].stopped && k[0].late);
	core_clock_text(f->c, &k[0], "zh", T0 + 31 * H, &b);
	assert_non_null(strstr(b.data, "(超时)"));
	buf_free(&b);
	store_rec_free(&r);
	free(id);
}

struct moves {
	char old[8][32], new[8][32];
	size_t n;
};

static int
due_moves(const struct store_event *e, void *ctx)
{
	struct moves *m = ctx;
	size_t i;

	for (i = 0; i < e->nchanges && m->n < 8; i++) {
		if (strcmp(e->changes[i].field, "_due.response") != 0)
			continue;
		snprintf(m->old[m->n], sizeof m->old[0], "%s",
			 e->changes[i].old ? e->changes[i].old : "-");
		snprintf(m->new[m->n], sizeof m->new[0], "%s",
			 e->changes[i].new ? e->changes[i].new : "-");
		m->n++;
	}
	return 0;
}

/*
 * Issue 7, R2 §3.2.1 (timeliness), R1 §7.2, R2 §3.2.2: a correction may
 * still move a running deadline, but a clock that has been overdue stays
 * late.  Registered as a body fault at 150 km (12 h), the distance is
 * corrected to 50 km (24 h) after the 12 h passed: the deadline moves,
 * the answer before the new deadline still counts as late, and the
 * history holds each move with its old and new time.  The same
 * correction before the 12 h passed keeps the answer on time.
 */
static void
test_r2_3_2_1_overdue_stays_late(void **state)
{
	struct test_fx *f = *state;
	char *late = new_complaint(f->c, "body", "150", NULL);
	char *ok = new_complaint(f->c, "body", "150", NULL);
	struct core_kv in[] = { { "distance_km", "50" } };
	struct core_clock k[2];
	struct store_rec *r;
	struct as_err err = {0};
	struct moves m = {0};
	uint64_t met = 99, total = 99;
	char t[32];

	assert_int_equal(due_of(f->c, late), T0 + 12 * H);
	core_set_clock(f->c, T0 + 2 * H);
	assert_int_equal(core_edit(f->c, ok, 0, in, 1, NULL, &err), 0);
	core_set_clock(f->c, T0 + 13 * H);
	assert_int_equal(core_edit(f->c, late, 0, in, 1, NULL, &err), 0);
	assert_int_equal(due_of(f->c, late), T0 + 24 * H);   /* it moved */
	r = test_get(f->c, late);
	assert_string_equal(store_rec_get(r, "_late.response"), "1");
	assert_int_equal(core_clocks(f->c, r, k, 2), 1);
	assert_true(k[0].late && k[0].has_due && !k[0].stopped);
	store_rec_free(&r);

	core_set_clock(f->c, T0 + 14 * H);   /* before the new deadline */
	answer(f->c, late, "accept");
	answer(f->c, ok, "accept");
	r = test_get(f->c, late);
	assert_string_equal(store_rec_get(r, "_late.response"), "1");
	store_rec_free(&r);
	r = test_get(f->c, ok);
	assert_null(store_rec_get(r, "_late.response"));
	store_rec_free(&r);
	assert_int_equal(core_timeliness(f->c, "complaint", &met, &total,
					 &err), 0);
	assert_int_equal(total, 2);
	assert_int_equal(met, 1);

	assert_int_equal(core_history(f->c, late, due_moves, &m, &err), 0);
	assert_int_equal(m.n, 3);   /* set, moved, cleared at the stop */
	snprintf(t, sizeof t, "%lld", T0 + 12 * H);
	assert_string_equal(m.old[0], "-");
	assert_string_equal(m.new[0], t);
	assert_string_equal(m.old[1], t);
	snprintf(t, sizeof t, "%lld", T0 + 24 * H);
	assert_string_equal(m.new[1], t);
	assert_string_equal(m.old[2], t);
	assert_string_equal(m.new[2], "-");
	assert_int_equal(core_verify(f->c, problem, NULL, &err), 0);
	free(late);
	free(ok);
}

/* Take transition tid on id as user, with the inputs in (n of them). */
static void
step(struct core *c, const char *user, const char *id, const char *tid,
     const struct core_kv *in, size_t n)
{
	struct as_err err = {0};

	assert_int_equal(core_set_user(c, user, &err), 0);
	if (wf_apply(c, id, 0, tid, in, n, NULL, &err) != 0)
		fail_msg("%s: %s", tid, err.msg);
	assert_int_equal(core_set_user(c, "admin", &err), 0);
}

/* "YYYY-MM-DD HH:MM:SS" of t in the configured zone. */
static const char *
at(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

static int64_t
num_field(struct core *c, const char *id, const char *field)
{
	struct store_rec *r = test_get(c, id);
	const char *v = store_rec_get(r, field);
	int64_t n = v != NULL ? strtoll(v, NULL, 10) : -1;

	store_rec_free(&r);
	return n;
}

/*
 * R1 §7.2: the response runs from when the complaint arrived
 * (received_at: now by default, or the earlier time the registrar enters)
 * to the first answer; correcting received_at moves the start and the due,
 * and the history holds both moves with their old and new times.
 */
static void
test_r1_7_2_received_at_starts(void **state)
{
	struct test_fx *f = *state;
	struct core_kv in[4] = { { "customer_name", "张伟" },
		{ "phone", "13800138000" }, { "description", "发动机异响" },
		{ "received_at", NULL } };
	struct core_kv fix[] = { { "received_at", NULL } };
	struct core_kv chassis[] = { { "fault_class", "chassis_engine" } };
	struct as_err err = {0};
	struct moves m = {0};
	char t1[32], t2[32], *id = NULL, *dflt;

	/* no received_at given: the time of registration */
	dflt = new_complaint(f->c, "chassis_engine", NULL, NULL);
	assert_int_equal(num_field(f->c, dflt, "received_at"), T0);
	assert_int_equal(num_field(f->c, dflt, "_start.response"), T0);
	assert_int_equal(due_of(f->c, dflt), T0 + 12 * H);   /* R2 §3.2.3 */

	/* arrived five hours before it was registered */
	in[3].val = at(T0 - 5 * H, t1, sizeof t1);
	if (core_create(f->c, "complaint", in, 4, &id, &err) != 0)
		fail_msg("create: %s", err.msg);
	assert_int_equal(num_field(f->c, id, "_start.response"), T0 - 5 * H);
	assert_int_equal(due_of(f->c, id), T0 - 5 * H + 24 * H); /* R1 §7.2 */
	core_set_clock(f->c, T0 + 1 * H);
	assert_int_equal(core_edit(f->c, id, 0, chassis, 1, NULL, &err), 0);
	assert_int_equal(due_of(f->c, id), T0 + 7 * H);
	/* corrected: it arrived three hours before registration */
	fix[0].val = at(T0 - 3 * H, t2, sizeof t2);
	assert_int_equal(core_edit(f->c, id, 0, fix, 1, NULL, &err), 0);
	assert_int_equal(num_field(f->c, id, "_start.response"), T0 - 3 * H);
	assert_int_equal(due_of(f->c, id), T0 + 9 * H);
	assert_int_equal(core_history(f->c, id, due_moves, &m, &err), 0);
	assert_int_equal(m.n, 3);
	assert_int_equal(strtoll(m.old[2], NULL, 10), T0 + 7 * H);
	assert_int_equal(strtoll(m.new[2], NULL, 10), T0 + 9 * H);
	free(id);
	free(dflt);
}

/*
 * R1 §7.2, R2 §3.2.3: the first answer stops the clock at the time
 * entered, not at the write: an answer given at 11 h and recorded at
 * 13 h is on time; one given at 12.5 h is late.  Timeliness counts them.
 */
static void
test_r2_3_2_3_answered_at_stops(void **state)
{
	struct test_fx *f = *state;
	char *ok = new_complaint(f->c, "chassis_engine", NULL, NULL);
	char *late = new_complaint(f->c, "chassis_engine", NULL, NULL);
	struct core_kv a1[] = { { "answered_at", NULL } };
	struct as_err err = {0};
	uint64_t met = 99, total = 99;
	char t[32];

	core_set_clock(f->c, T0 + 13 * H);
	a1[0].val = at(T0 + 11 * H, t, sizeof t);
	assert_int_equal(core_edit(f->c, ok, 0, a1, 1, NULL, &err), 0);
	a1[0].val = at(T0 + 12 * H + 1800, t, sizeof t);
	assert_int_equal(core_edit(f->c, late, 0, a1, 1, NULL, &err), 0);
	assert_int_equal(num_field(f->c, ok, "_done.response"), T0 + 11 * H);
	assert_int_equal(num_field(f->c, ok, "_late.response"), -1);
	assert_int_equal(due_of(f->c, ok), -1);
	assert_int_equal(num_field(f->c, late, "_done.response"),
			 T0 + 12 * H + 1800);
	assert_int_equal(num_field(f->c, late, "_late.response"), 1);
	assert_int_equal(core_timeliness(f->c, "complaint", &met, &total,
					 &err), 0);
	assert_int_equal(met, 1);
	assert_int_equal(total, 2);
	free(ok);
	free(late);
}

/*
 * R1 §7.3: time spent disputed does not count: the clock pauses (no due,
 * not overdue) and its due moves later by the paused span.
 */
static void
test_r1_7_3_paused_clock(void **state)
{
	struct test_fx *f = *state;
	char *id = new_complaint(f->c, "chassis_engine", NULL, NULL);
	struct core_kv acc[] = { { "category", "quality" },
				 { "owner", "zhangwei" } };
	struct core_kv dis[] = { { "dispute_reason", "客户不认可" } };
	struct core_kv res[] = { { "coordinator", "hejianguo" },
				 { "dispute_resolution", "协调一致" } };
	struct core_clock k[8];
	struct store_rec *r;
	struct ids x = {0};
	struct as_buf b = {0};

	core_set_clock(f->c, T0 + 1 * H);
	step(f->c, "branch_manager", id, "accept", acc, 2);
	core_set_clock(f->c, T0 + 2 * H);
	step(f->c, "admin", id, "dispute", dis, 1);
	assert_int_equal(due_of(f->c, id), -1);
	assert_int_equal(num_field(f->c, id, "_pause.response"), T0 + 2 * H);
	r = test_get(f->c, id);
	assert_int_equal(core_clocks(f->c, r, k, 8), 1);
	assert_true(k[0].paused && !k[0].has_due);
	core_clock_text(f->c, &k[0], "en", T0 + 3 * H, &b);
	assert_non_null(strstr(b.data, "paused since"));
	buf_free(&b);
	store_rec_free(&r);
	core_set_clock(f->c, T0 + 20 * H);   /* 12 h passed: not overdue */
	list_overdue(f->c, NULL, 0, 0, &x);
	assert_int_equal(x.n, 0);
	core_set_clock(f->c, T0 + 22 * H);   /* 20 h disputed */
	step(f->c, "branch_manager", id, "resolve_dispute", res, 2);
	assert_int_equal(num_field(f->c, id, "_paused.response"), 20 * H);
	assert_int_equal(num_field(f->c, id, "_pause.response"), -1);
	assert_int_equal(due_of(f->c, id), T0 + 32 * H);
	core_set_clock(f->c, T0 + 31 * H);
	list_overdue(f->c, NULL, 0, 0, &x);
	assert_int_equal(x.n, 0);
	core_set_clock(f->c, T0 + 33 * H);
	list_overdue(f->c, NULL, 0, 0, &x);
	assert_int_equal(x.n, 1);
	ids_free(&x);
	free(id);
}

/*
 * Several clocks at once: the response clock (R1 §7.2) and the stage
 * clocks (our defaults, no clause).  The record is in the Overdue list
 * once, at its earliest running due; core_clocks lists every clock; a
 * stage clock's stop does not count in timeliness (R2 §3.2.1).
 */
static void
test_stage_clocks_several_running(void **state)
{
	struct test_fx *f = *state;
	char *id = new_complaint(f->c, "chassis_engine", NULL, NULL);
	char *other = new_complaint(f->c, "other", NULL, NULL);
	struct core_kv acc[] = { { "category", "quality" },
				 { "owner", "zhangwei" } };
	struct core_kv ana[] = { { "cause", "焊点开裂" },
				 { "countermeasure", "补焊" } };
	struct core_clock k[8];
	struct store_rec *r;
	struct ids x = {0};
	struct as_err err = {0};
	const struct cfg_clock *kk = NULL;
	uint64_t met = 99, total = 99;
	int64_t due = 0;

	core_set_clock(f->c, T0 + 1 * H);
	step(f->c, "branch_manager", id, "accept", acc, 2);
	step(f->c, "admin", id, "investigate", NULL, 0);
	r = test_get(f->c, id);
	assert_int_equal(core_clocks(f->c, r, k, 8), 2);
	assert_string_equal(k[0].clock->id, "response");
	assert_string_equal(k[1].clock->id, "investigation");
	assert_true(k[0].has_due && k[1].has_due);
	assert_int_equal(k[1].due, T0 + 1 * H + 120 * H);
	assert_null(k[1].rule->clause);                /* ours, no clause */
	assert_int_equal(core_deadline(f->c, r, &due, &kk), 1);
	assert_int_equal(due, T0 + 12 * H);
	assert_string_equal(kk->id, "response");
	store_rec_free(&r);
	/* both overdue: listed once, at the earlier due */
	core_set_clock(f->c, T0 + 200 * H);
	list_overdue(f->c, NULL, 0, 0, &x);
	assert_int_equal(x.n, 2);
	assert_string_equal(x.v[0], id);
	assert_string_equal(x.v[1], other);
	/* answered: the investigation clock alone keeps it overdue */
	first_answer(f->c, id);
	list_overdue(f->c, NULL, 0, 0, &x);
	assert_int_equal(x.n, 2);
	r = test_get(f->c, id);
	assert_int_equal(core_deadline(f->c, r, &due, &kk), 1);
	assert_string_equal(kk->id, "investigation");
	store_rec_free(&r);
	step(f->c, "production", id, "analyse", ana, 2);
	r = test_get(f->c, id);
	assert_int_equal(core_clocks(f->c, r, k, 8), 3);
	assert_true(k[1].stopped && k[1].late);        /* investigation */
	assert_string_equal(k[2].clock->id, "responsibility");
	assert_int_equal(k[2].due, T0 + 248 * H);
	store_rec_free(&r);
	/* timeliness: the late response alone, not the stage clock */
	assert_int_equal(core_timeliness(f->c, "complaint", &met, &total,
					 &err), 0);
	assert_int_equal(met, 0);
	assert_int_equal(total, 1);
	assert_int_equal(core_verify(f->c, problem, NULL, &err), 0);
	ids_free(&x);
	free(id);
	free(other);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_r2_3_2_2_body_within_100km_24h),
		TEST(test_r2_3_2_2_body_beyond_100km_12h),
		TEST(test_r2_3_2_2_body_supplier_12h),
		TEST(test_r2_3_2_3_chassis_engine_12h),
		TEST(test_r1_7_2_unknown_fault_default_24h),
		TEST(test_r2_3_2_2_recomputed_on_edit),
		TEST(test_reserved_fields_refused),
		TEST(test_r1_7_2_accept_on_time),
		TEST(test_r2_3_2_3_reject_late),
		TEST(test_overdue_list_in_due_order),
		TEST(test_r2_3_2_1_timeliness),
		TEST(test_clock_text),
		TEST(test_r2_3_2_1_overdue_stays_late),
		TEST(test_r1_7_2_received_at_starts),
		TEST(test_r2_3_2_3_answered_at_stops),
		TEST(test_r1_7_3_paused_clock),
		TEST(test_stage_clocks_several_running),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
