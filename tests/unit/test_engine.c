/*
 * test_engine.c - the workflow engine and identity of core/, on a real
 * LMDB database in a fresh mkdtemp folder per test, with the small
 * configuration tests/unit/data/engine.yaml.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../core/core.h"
#include "testutil.h"

static int
setup(void **state)
{
	return test_fx_setup(state, "engine", "tests/unit/data/engine.yaml", "ann");
}

static int
teardown(void **state)
{
	return test_fx_teardown(state);
}

static char *
new_ticket(struct core *c, const char *title, const char *phone)
{
	struct core_kv in[] = { { "title", title }, { "phone", phone } };
	struct as_err err = {0};
	char *id = NULL;

	assert_int_equal(core_create(c, "ticket", in, 2, &id, &err), 0);
	return id;
}

static int
count_event(const struct store_event *e, void *ctx)
{
	(void)e;
	(*(size_t *)ctx)++;
	return 0;
}

static size_t
events_of(struct core *c, const char *id)
{
	struct as_err err = {0};
	size_t n = 0;

	assert_int_equal(core_history(c, id, count_event, &n, &err), 0);
	return n;
}

static void
accept_ticket(struct core *c, const char *id, const char *kind)
{
	struct core_kv in[] = { { "kind", kind }, { "owner", "bob" } };
	struct as_err err = {0};
	int rc = wf_apply(c, id, 0, "accept", in, 2, NULL, &err);

	if (rc != 0)
		fprintf(stderr, "accept: %s\n", err.msg);
	assert_int_equal(rc, 0);
}

/* R1 §5.1: a complaint gets a number from a per-year sequence. */
static void
test_create_numbers(void **state)
{
	struct test_fx *f = *state;
	char *a = new_ticket(f->c, "门坏了", "138 0013 8000");
	char *b = new_ticket(f->c, "空调不冷", "13900000000");

	assert_int_equal(strncmp(a, "T20", 3), 0);
	assert_int_equal(strlen(a), strlen("T2026-000001"));
	assert_string_equal(a + 6, "000001");
	assert_string_equal(b + 6, "000002");
	assert_int_equal(test_rev_of(f->c, a), 1);
	assert_int_equal(events_of(f->c, a), 1);
	free(a);
	free(b);
}

/* R1 §5.1: registration needs the required fields. */
static void
test_create_required(void **state)
{
	struct test_fx *f = *state;
	struct core_kv in[] = { { "phone", "123" } };
	struct as_err err = {0};
	char *id = NULL;

	assert_int_equal(core_create(f->c, "ticket", in, 1, &id, &err),
			 AS_E_INVALID);
	assert_string_equal(err.msg, "Title is required");
	assert_null(id);
}

static void
test_values(void **state)
{
	struct test_fx *f = *state;
	const struct cfg_rectype *rt = cfg_rectype(core_cfg(f->c), "ticket");
	struct as_err err = {0};
	struct as_buf b = {0};
	char *v = NULL;

	assert_int_equal(core_parse_value(f->c, cfg_field(rt, "cost_parts"),
					  "1,234.5", &v, &err), 0);
	assert_string_equal(v, "123450");
	core_format_value(f->c, cfg_field(rt, "cost_parts"), v, "zh", &b);
	assert_string_equal(b.data, "1234.50");
	free(v);
	assert_int_equal(core_parse_value(f->c, cfg_field(rt, "cost_parts"),
					  "12.345", &v, &err), AS_E_INVALID);
	assert_int_equal(core_parse_value(f->c, cfg_field(rt, "count"),
					  "12x", &v, &err), AS_E_INVALID);
	assert_int_equal(core_parse_value(f->c, cfg_field(rt, "kind"),
					  "质量问题", &v, &err), 0);
	assert_string_equal(v, "quality");
	free(v);
	assert_int_equal(core_parse_value(f->c, cfg_field(rt, "kind"),
					  "qualty", &v, &err), AS_E_INVALID);
	assert_non_null(strstr(err.msg, "quality (质量问题), non_quality"));
	assert_int_equal(core_parse_value(f->c, cfg_field(rt, "owner"),
					  "nobody", &v, &err), AS_E_INVALID);
	assert_int_equal(core_parse_value(f->c, cfg_field(rt, "due"),
					  "2026-02-30", &v, &err), AS_E_INVALID);
	assert_int_equal(core_parse_value(f->c, cfg_field(rt, "due"),
					  "2026-11-26", &v, &err), 0);
	b.len = 0;
	core_format_value(f->c, cfg_field(rt, "due"), v, "zh", &b);
	assert_string_equal(b.data, "2026-11-26");
	free(v);
	buf_free(&b);
}

/* R1 §7.1: only the branch manager (here: boss) decides acceptance. */
static void
test_permission_refused(void **state)
{
	struct test_fx *f = *state;
	char *id = new_ticket(f->c, "t", "1");
	struct core_kv in[] = { { "kind", "quality" }, { "owner", "bob" } };
	const struct cfg_transition *av[8];
	struct store_rec *r = NULL;
	struct as_err err = {0};

	assert_int_equal(core_set_user(f->c, "bob", &err), 0);
	assert_int_equal(core_get(f->c, id, &r, &err), 0);
	assert_int_equal(wf_available(f->c, r, av, 8), 0);
	assert_int_equal(wf_apply(f->c, id, 0, "accept", in, 2, NULL, &err),
			 AS_E_PERM);
	assert_non_null(strstr(err.msg, "only Boss may Accept"));
	/* the same refusal in the user's language, with the labels */
	core_set_lang(f->c, "zh");
	assert_int_equal(wf_apply(f->c, id, 0, "accept", in, 2, NULL, &err),
			 AS_E_PERM);
	assert_non_null(strstr(err.msg, "只有 经理 可以受理"));
	assert_non_null(strstr(err.msg, "bob 的岗位是 文员"));
	core_set_lang(f->c, "en");
	assert_int_equal(test_rev_of(f->c, id), 1);
	assert_int_equal(core_set_user(f->c, "ann", &err), 0);
	assert_int_equal(wf_available(f->c, r, av, 8), 1);
	assert_string_equal(av[0]->id, "accept");
	store_rec_free(&r);
	free(id);
}

static void
test_required_missing(void **state)
{
	struct test_fx *f = *state;
	char *id = new_ticket(f->c, "t", "1");
	struct core_kv in[] = { { "kind", "quality" } };
	struct as_err err = {0};

	assert_int_equal(wf_apply(f->c, id, 0, "accept", in, 1, NULL, &err),
			 AS_E_INVALID);
	assert_string_equal(err.msg, "Accept requires Owner");
	assert_int_equal(test_rev_of(f->c, id), 1);
	assert_int_equal(events_of(f->c, id), 1);
	free(id);
}

static void
test_stale_revision(void **state)
{
	struct test_fx *f = *state;
	char *id = new_ticket(f->c, "t", "1");
	struct core_kv in[] = { { "kind", "quality" }, { "owner", "bob" } };
	struct as_err err = {0};
	uint64_t rev = 0;

	assert_int_equal(wf_apply(f->c, id, 1, "accept", in, 2, &rev, &err), 0);
	assert_int_equal(rev, 2);
	/* someone who still saw revision 1 */
	assert_int_equal(wf_apply(f->c, id, 1, "pause", NULL, 0, NULL, &err),
			 AS_E_CONFLICT);
	assert_non_null(strstr(err.msg, "changed by someone else"));
	assert_int_equal(test_rev_of(f->c, id), 2);
	assert_int_equal(events_of(f->c, id), 2);
	free(id);
}

/* R1 §5.2: costs are recovered, so a chargeback needs costs recorded. */
static void
test_guard_refusal(void **state)
{
	struct test_fx *f = *state;
	char *id = new_ticket(f->c, "t", "1");
	struct core_kv cost[] = { { "cost_parts", "86.5" } };
	struct as_err err = {0};

	accept_ticket(f->c, id, "non_quality");
	assert_int_equal(core_set_user(f->c, "cat", &err), 0);
	assert_int_equal(wf_apply(f->c, id, 0, "bill", NULL, 0, NULL, &err),
			 AS_E_GUARD);
	assert_non_null(strstr(err.msg, "no costs recorded"));
	assert_int_equal(core_edit(f->c, id, 0, cost, 1, NULL, &err), 0);
	assert_int_equal(wf_apply(f->c, id, 0, "bill", NULL, 0, NULL, &err), 0);
	free(id);
}

static void
test_field_condition(void **state)
{
	struct test_fx *f = *state;
	char *id = new_ticket(f->c, "t", "1");
	struct core_kv cost[] = { { "cost_parts", "10" } };
	const struct cfg_transition *av[8];
	struct store_rec *r = NULL;
	struct as_err err = {0};
	size_t n, i;

	accept_ticket(f->c, id, "quality");
	assert_int_equal(core_set_user(f->c, "cat", &err), 0);
	assert_int_equal(core_edit(f->c, id, 0, cost, 1, NULL, &err), 0);
	assert_int_equal(core_get(f->c, id, &r, &err), 0);
	n = wf_available(f->c, r, av, 8);
	for (i = 0; i < n; i++)
		assert_string_not_equal(av[i]->id, "bill");
	assert_int_equal(wf_apply(f->c, id, 0, "bill", NULL, 0, NULL, &err),
			 AS_E_PERM);
	assert_string_equal(err.msg, "Bill applies only when Kind is "
			    "Non-quality");
	store_rec_free(&r);
	free(id);
}

static void
test_edits(void **state)
{
	struct test_fx *f = *state;
	char *id = new_ticket(f->c, "t", "1");
	struct core_kv ok[] = { { "note", "第一行\n第二行" } };
	struct core_kv bad[] = { { "title", "x" } };
	struct core_kv fin[] = { { "note", "完成" } };
	struct as_err err = {0};

	assert_int_equal(core_set_user(f->c, "bob", &err), 0);
	assert_int_equal(core_edit(f->c, id, 1, ok, 1, NULL, &err), 0);
	assert_int_equal(core_edit(f->c, id, 0, bad, 1, NULL, &err), AS_E_PERM);
	assert_int_equal(core_edit(f->c, id, 0, ok, 1, NULL, &err),
			 AS_E_INVALID); /* nothing changed */
	assert_int_equal(core_set_user(f->c, "ann", &err), 0);
	accept_ticket(f->c, id, "quality");
	assert_int_equal(wf_apply(f->c, id, 0, "finish", fin, 1, NULL, &err), 0);
	/* a finished record is frozen: no edits in a terminal state */
	assert_int_equal(core_edit(f->c, id, 0, ok, 1, NULL, &err), AS_E_PERM);
	assert_int_equal(events_of(f->c, id), 4);
	free(id);
}

struct hist_ctx {
	size_t n;
	int saw_change;
};

static int
check_event(const struct store_event *e, void *ctx)
{
	struct hist_ctx *h = ctx;
	size_t i;

	h->n++;
	if (strcmp(e->action, "accept") == 0) {
		assert_string_equal(e->who, "ann");
		assert_string_equal(e->from, "new");
		assert_string_equal(e->to, "open");
		for (i = 0; i < e->nchanges; i++)
			if (strcmp(e->changes[i].field, "owner") == 0) {
				assert_null(e->changes[i].old);
				assert_string_equal(e->changes[i].new, "bob");
				h->saw_change = 1;
			}
	}
	return 0;
}

static void
problem_count(const char *msg, void *ctx)
{
	(void)msg;
	(*(size_t *)ctx)++;
}

/* The history is hash-chained: verify accepts it, and rejects an edit. */
static void
test_history_verify(void **state)
{
	struct test_fx *f = *state;
	char *id = new_ticket(f->c, "t", "1");
	struct hist_ctx h = {0};
	struct as_err err = {0};
	struct as_buf raw = {0};
	size_t problems = 0;
	struct store *st = NULL;
	struct store_opts so = {0};
	char *p;

	accept_ticket(f->c, id, "quality");
	assert_int_equal(core_history(f->c, id, check_event, &h, &err), 0);
	assert_int_equal(h.n, 2);
	assert_true(h.saw_change);
	assert_int_equal(core_verify(f->c, problem_count, &problems, &err), 0);
	assert_int_equal(problems, 0);
	core_close(&f->c);

	/* a raw LMDB write that changes who accepted */
	assert_int_equal(store_open(f->dir, &so, &st, &err), 0);
	assert_int_equal(store_debug_peek_event(st, 2, &raw, &err), 0);
	p = memmem(raw.data, raw.len, "ann", 3);
	assert_non_null(p);
	memcpy(p, "bob", 3);
	assert_int_equal(store_debug_poke_event(st, 2, raw.data, raw.len,
						&err), 0);
	buf_free(&raw);
	store_close(&st);

	f->c = test_core_open(f->dir, f->cfgpath, "ann");
	assert_int_equal(core_verify(f->c, problem_count, &problems, &err),
			 AS_E_CORRUPT);
	assert_true(problems > 0);
	free(id);
}

static int
collect(const struct store_rec *r, void *ctx)
{
	struct store_keys *k = ctx;

	store_keys_add(k, r->id);
	return 0;
}

static void
test_find(void **state)
{
	struct test_fx *f = *state;
	char *a = new_ticket(f->c, "t1", "138-0013-8000");
	char *b = new_ticket(f->c, "t2", "13900000000");
	struct store_keys k = {0};
	struct as_err err = {0};
	char shortnum[32];

	assert_int_equal(core_find(f->c, "13800138000", 0, collect, &k, &err), 0);
	assert_int_equal(k.n, 1);
	assert_string_equal(k.v[0], a);
	store_keys_free(&k);
	snprintf(shortnum, sizeof shortnum, "t%.4s-2", b + 1);
	assert_int_equal(core_find(f->c, shortnum, 0, collect, &k, &err), 0);
	assert_int_equal(k.n, 1);
	assert_string_equal(k.v[0], b);
	store_keys_free(&k);
	assert_int_equal(core_find(f->c, "nothing", 0, collect, &k, &err), 0);
	assert_int_equal(k.n, 0);
	/* digits_tail: the last four digits or more, whatever the dashes */
	assert_int_equal(core_find(f->c, "8000", 0, collect, &k, &err), 0);
	assert_int_equal(k.n, 1);
	assert_string_equal(k.v[0], a);
	store_keys_free(&k);
	assert_int_equal(core_find(f->c, "0013-8000", 0, collect, &k, &err),
			 0);
	assert_int_equal(k.n, 1);
	store_keys_free(&k);
	/* three digits are too few: not even the one phone ending so */
	assert_int_equal(core_find(f->c, "000", 0, collect, &k, &err), 0);
	assert_int_equal(k.n, 0);
	/* suffix: the end of the title, as a code (case and dashes aside) */
	assert_int_equal(core_find(f->c, "T2", 0, collect, &k, &err), 0);
	assert_int_equal(k.n, 1);
	assert_string_equal(k.v[0], b);
	store_keys_free(&k);
	assert_int_equal(core_find(f->c, "2", 0, collect, &k, &err), 0);
	assert_int_equal(k.n, 1);
	assert_string_equal(k.v[0], b);
	store_keys_free(&k);
	free(a);
	free(b);
}

static void
test_lists(void **state)
{
	struct test_fx *f = *state;
	struct core_list q = { "ticket", CORE_VIEW_OPEN, NULL, NULL, 0, 2,
			       CORE_ORDER_NUMBER, NULL, 0, NULL };
	struct store_keys k = {0};
	struct as_err err = {0};
	char *ids[5];
	int i;

	for (i = 0; i < 5; i++)
		ids[i] = new_ticket(f->c, "t", "1");
	accept_ticket(f->c, ids[1], "quality");
	accept_ticket(f->c, ids[3], "quality");
	assert_int_equal(core_list(f->c, &q, collect, &k, &err), 0);
	assert_int_equal(k.n, 2);
	assert_string_equal(k.v[0], ids[0]);
	assert_string_equal(k.v[1], ids[1]);
	q.after = ids[1];
	store_keys_free(&k);
	assert_int_equal(core_list(f->c, &q, collect, &k, &err), 0);
	assert_string_equal(k.v[0], ids[2]);
	assert_string_equal(k.v[1], ids[3]);
	store_keys_free(&k);
	q.view = CORE_VIEW_STATE;
	q.state = "open";
	q.after = NULL;
	q.limit = 0;
	assert_int_equal(core_list(f->c, &q, collect, &k, &err), 0);
	assert_int_equal(k.n, 2);
	store_keys_free(&k);
	q.backwards = 1;
	q.view = CORE_VIEW_OPEN;
	q.limit = 3;
	assert_int_equal(core_list(f->c, &q, collect, &k, &err), 0);
	assert_int_equal(k.n, 3);
	assert_string_equal(k.v[0], ids[4]);
	assert_string_equal(k.v[2], ids[2]);
	store_keys_free(&k);
	/* "my queue": bob (clerk) may pause the accepted ones */
	assert_int_equal(core_set_user(f->c, "bob", &err), 0);
	q.view = CORE_VIEW_MINE;
	q.backwards = 0;
	q.limit = 0;
	assert_int_equal(core_list(f->c, &q, collect, &k, &err), 0);
	assert_int_equal(k.n, 2);
	assert_string_equal(k.v[0], ids[1]);
	store_keys_free(&k);
	q.view = CORE_VIEW_STATE;
	q.state = "nonesuch";
	assert_int_equal(core_list(f->c, &q, collect, &k, &err), AS_E_INVALID);
	for (i = 0; i < 5; i++)
		free(ids[i]);
}

static void
test_identity(void **state)
{
	struct test_fx *f = *state;
	struct core_opts o = { .db = f->dir, .config = f->cfgpath,
	    .user = "nobody", .create = 0, .lang = "en" };
	struct as_err err = {0};
	struct core *c = NULL;
	char prod[600], cmd[1400];

	assert_int_equal(core_open(&o, &c, NULL, &err), AS_E_IDENTITY);
	assert_non_null(strstr(err.msg, "\"nobody\" is not configured"));
	/* the same file without allow_user_override refuses --user */
	snprintf(prod, sizeof prod, "%s/prod.yaml", f->dir);
	snprintf(cmd, sizeof cmd, "sed 's/allow_user_override: true/"
		 "allow_user_override: false/' '%s' > '%s'", f->cfgpath, prod);
	assert_int_equal(system(cmd), 0);
	o.config = prod;
	o.user = "ann";
	assert_int_equal(core_open(&o, &c, NULL, &err), AS_E_IDENTITY);
	assert_non_null(strstr(err.msg, "does not set allow_user_override"));
	setenv("AFTERSALES_USER", "ann", 1);
	o.user = NULL;
	assert_int_equal(core_open(&o, &c, NULL, &err), AS_E_IDENTITY);
	unsetenv("AFTERSALES_USER");
}

/*
 * 8 processes apply 500 transitions each to 4 shared records at once;
 * afterwards every event is in the history, the revisions of each record
 * run 1, 2, 3 ... without a gap, and verify passes.
 */
#define NPROC 8
#define NOPS 500
#define NRECS 4

static int
rev_check(const struct store_event *e, void *ctx)
{
	uint64_t *expect = ctx;

	if (e->rev != *expect)
		return -1;
	(*expect)++;
	return 0;
}

static void
child(struct test_fx *f, char **ids, int n)
{
	struct core_opts o = { .db = f->dir, .config = f->cfgpath,
	    .user = "bob", .create = 0, .lang = "en" };
	struct as_err err = {0};
	struct core *c = NULL;
	int i, done = 0, rc;

	if (core_open(&o, &c, NULL, &err) != 0)
		_exit(10);
	srand((unsigned)n * 7919u);
	for (i = 0; done < NOPS && i < NOPS * 50; i++) {
		struct store_rec *r = NULL;
		const char *id = ids[rand() % NRECS];
		const char *t;

		if (core_get(c, id, &r, &err) != 0)
			_exit(11);
		t = strcmp(r->state, "open") == 0 ? "pause" : "resume";
		rc = wf_apply(c, id, r->rev, t, NULL, 0, NULL, &err);
		store_rec_free(&r);
		if (rc == 0)
			done++;
		else if (rc != AS_E_CONFLICT)
			_exit(12);
	}
	core_close(&c);
	_exit(done == NOPS ? 0 : 13);
}

static void
test_multiprocess(void **state)
{
	struct test_fx *f = *state;
	char *ids[NRECS];
	pid_t pids[NPROC];
	struct as_err err = {0};
	size_t total = 0, problems = 0;
	int i, st;

	for (i = 0; i < NRECS; i++) {
		ids[i] = new_ticket(f->c, "并发", "1");
		accept_ticket(f->c, ids[i], "quality");
	}
	for (i = 0; i < NPROC; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0)
			child(f, ids, i);
	}
	for (i = 0; i < NPROC; i++) {
		assert_int_equal(waitpid(pids[i], &st, 0), pids[i]);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 0);
	}
	for (i = 0; i < NRECS; i++) {
		uint64_t expect = 1;
		size_t n = events_of(f->c, ids[i]);

		assert_int_equal(core_history(f->c, ids[i], rev_check, &expect,
					      &err), 0);
		assert_int_equal(expect - 1, n);
		assert_int_equal(test_rev_of(f->c, ids[i]), n);
		total += n;
		free(ids[i]);
	}
	/* 4 creates, 4 accepts and every transition of every process */
	assert_int_equal(total, NRECS * 2 + NPROC * NOPS);
	assert_int_equal(core_verify(f->c, problem_count, &problems, &err), 0);
}

/* The record is changed with store-level calls, past the engine. */
static int
tamper_txn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct store_rec *r = NULL;
	int rc;

	if ((rc = store_get(t, ctx, &r, err)) != 0)
		return rc;
	store_rec_set(r, "title", "Window broken");
	store_rec_set(r, "owner", "ann");
	free(r->state);
	r->state = strdup("done");
	rc = store_put(t, r, err);
	store_rec_free(&r);
	return rc;
}

struct problems {
	size_t n;
	char all[4096];
};

static void
collect_problem(const char *msg, void *ctx)
{
	struct problems *p = ctx;

	p->n++;
	if (strlen(p->all) + strlen(msg) + 2 < sizeof p->all) {
		strcat(p->all, msg);
		strcat(p->all, "\n");
	}
}

/*
 * Issue 7: a record changed behind the program's back, with its indexes
 * rebuilt by reindex, contradicts its own hash-chained history; verify
 * replays the history and names each field: record, field, the value
 * the history gives and the one stored.
 */
static void
test_verify_replays_history(void **state)
{
	struct test_fx *f = *state;
	struct store_opts so = {0};
	struct problems p = {0};
	struct as_err err = {0};
	struct store *s = NULL;
	uint64_t n = 0;
	char *id = new_ticket(f->c, "Door broken", "13800000001");

	accept_ticket(f->c, id, "quality");
	assert_int_equal(core_verify(f->c, collect_problem, &p, &err), 0);
	core_close(&f->c);
	assert_int_equal(store_open(f->dir, &so, &s, &err), 0);
	assert_int_equal(store_write(s, tamper_txn, id, &err), 0);
	store_close(&s);
	f->c = test_core_open(f->dir, f->cfgpath, "ann");
	assert_int_equal(core_reindex(f->c, &n, &err), 0);
	assert_int_equal(core_verify(f->c, collect_problem, &p, &err), AS_E_CORRUPT);
	assert_int_equal(p.n, 3);
	assert_non_null(strstr(p.all, "record T2026-000001, state: its history "
	    "gives \"open\", the record holds \"done\" — the record was "
	    "changed outside the program\n"));
	assert_non_null(strstr(p.all, "record T2026-000001, title: its history "
	    "gives \"Door broken\", the record holds \"Window broken\""));
	assert_non_null(strstr(p.all, "record T2026-000001, owner: its history "
	    "gives \"bob\", the record holds \"ann\""));
	free(id);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_required, setup, teardown),
		cmocka_unit_test_setup_teardown(test_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_permission_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_required_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_revision, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guard_refusal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_field_condition, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_verify, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_identity, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multiprocess, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_replays_history,
						setup, teardown),
	};

	return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
