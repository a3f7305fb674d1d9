/*
 * test_counter.c - the store counter's core (core/counter.c, issue 11's
 * counter mode): a scan is a code, or "N*" and a code; an unknown code, a
 * quantity beyond the stock (R2 §3.7.1) or beyond the requisition
 * (R2 §3.6.1) is refused and adds nothing; the last line can be taken
 * back; posting writes the whole document and takes its step in one
 * transaction (R2 §3.7.2 a receipt, §3.7.4 an issue).  The shipped
 * configuration (config/demo.yaml: its counter: moves and stock:), as the
 * clerk store_clerk.
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
#include "../../core/core_counter.h"
#include "testutil.h"

static int
setup(void **state)
{
	struct test_fx *f;
	struct as_err err = {0};
	static const char *const parts[][3] = {
		{ "P-100", "6901234567890", "机油滤清器" },
		{ "P-200", "", "空气滤清器" },
	};
	size_t i;

	test_fx_setup(state, "counter", "config/demo.yaml", "store_clerk");
	f = *state;
	for (i = 0; i < 2; i++) {
		struct core_kv in[3] = { { "code", parts[i][0] },
		    { "barcode", parts[i][1] }, { "name", parts[i][2] } };
		char *id = NULL;

		if (core_create(f->c, "part", in, 3, &id, &err) != 0)
			fail_msg("part %s: %s", parts[i][0], err.msg);
		free(id);
	}
	return 0;
}

/* The shipped counter move id. */
static const struct cfg_counter_move *
move(struct core *c, const char *id)
{
	const struct cfg_counter *k = core_cfg(c)->counter;
	size_t i;

	assert_non_null(k);
	for (i = 0; i < k->nmoves; i++)
		if (strcmp(k->moves[i].id, id) == 0)
			return &k->moves[i];
	fail_msg("no counter move %s", id);
	return NULL;
}

/* A new document of move id, with field f set to v (f NULL: none). */
static struct core_counter *
doc(struct core *c, const char *id, const char *f, const char *v)
{
	const struct cfg_counter_move *m = move(c, id);
	struct core_counter *k = NULL;
	struct as_err err = {0};

	if (core_counter_new(c, m, &k, &err) != 0)
		fail_msg("counter %s: %s", id, err.msg);
	if (f != NULL && core_counter_set(k, cfg_field(m->type, f), v,
	    &err) != 0)
		fail_msg("%s=%s: %s", f, v, err.msg);
	return k;
}

static void
scan_ok(struct core_counter *k, const char *in)
{
	struct as_err err = {0};

	if (core_counter_scan(k, in, &err) != 0)
		fail_msg("scan %s refused: %s", in, err.msg);
}

/* A scan refused with rc and nothing added; err's message holds want. */
static void
scan_refused(struct core_counter *k, const char *in, int rc,
	     const char *want)
{
	struct as_err err = {0};
	size_t n = core_counter_nlines(k);
	int got = core_counter_scan(k, in, &err);

	if (got != rc)
		fail_msg("scan %s: %d, not %d (%s)", in, got, rc, err.msg);
	if (strstr(err.msg, want) == NULL)
		fail_msg("scan %s: \"%s\" does not say \"%s\"", in,
			 err.msg, want);
	assert_int_equal(core_counter_nlines(k), n);
}

static void
line_is(struct core_counter *k, size_t i, const char *part,
	const char *name, long long qty, long long bal)
{
	const struct core_counter_line *l = core_counter_line(k, i);

	assert_non_null(l);
	assert_string_equal(l->part, part);
	assert_string_equal(l->name, name);
	assert_int_equal(l->qty, qty);
	assert_int_equal(l->balance, bal);
}

static long long
balance(struct core *c, const char *account, const char *part)
{
	struct as_err err = {0};
	long long q = -1;

	assert_int_equal(core_stock_balance(c, account, part, &q, &err), 0);
	return q;
}

/* parse IN: expect quantity q and code (NULL: refused). */
static void
parse_is(struct core *c, const char *in, int64_t q, const char *code)
{
	struct as_err err = {0};
	int64_t qty = -1;
	char *got = NULL;
	int rc = core_counter_parse(c, in, &qty, &got, &err);

	if (code == NULL) {
		if (rc != AS_E_INVALID)
			fail_msg("\"%s\" was not refused (got %lld of %s)", in,
				 (long long)qty, got ? got : "(null)");
		assert_null(got);
		assert_true(err.msg[0] != '\0');
		return;
	}
	if (rc != 0)
		fail_msg("\"%s\" refused: %s", in, err.msg);
	assert_int_equal(qty, q);
	assert_string_equal(got, code);
	free(got);
}

/* A scan: a code is one of it, "N*" before the code N of it. */
static void
test_parse(void **state)
{
	struct core *c = ((struct test_fx *)*state)->c;

	parse_is(c, "P-100", 1, "P-100");
	parse_is(c, "5*P-100", 5, "P-100");
	parse_is(c, " 3 * P-100 ", 3, "P-100");   /* spaces around */
	parse_is(c, "５＊P-100", 5, "P-100");      /* full width, an IME */
	parse_is(c, "12×６９０１２３４", 12, "6901234");
	parse_is(c, "999999*X", 999999, "X");
	parse_is(c, "", 0, NULL);
	parse_is(c, "   ", 0, NULL);
	parse_is(c, "5*", 0, NULL);             /* no code after the * */
	parse_is(c, "*P-100", 0, NULL);
	parse_is(c, "0*P-100", 0, NULL);
	parse_is(c, "1000000*P-100", 0, NULL);
	parse_is(c, "-2*P-100", 0, NULL);
	parse_is(c, "a*P-100", 0, NULL);
	parse_is(c, "2.5*P-100", 0, NULL);
}

/* An unknown code is refused and adds nothing. */
static void
test_unknown_code(void **state)
{
	struct core *c = ((struct test_fx *)*state)->c;
	struct core_counter *k = doc(c, "receive", "account", "central");

	scan_refused(k, "X-999", AS_E_NOTFOUND, "X-999");
	scan_refused(k, "5*", AS_E_INVALID, "*");
	assert_int_equal(core_counter_nlines(k), 0);
	core_counter_free(&k);
}

/*
 * R2 §3.7.2: a receipt scanned in (a code, the barcode, 3*), the last line
 * taken back, posted whole: created and posted in one step; the balances
 * moved, the lines cleared, the account kept for the next.
 */
static void
test_receive(void **state)
{
	struct core *c = ((struct test_fx *)*state)->c;
	struct core_counter *k = doc(c, "receive", "account", "central");
	struct as_err err = {0};
	struct store_rec *r;
	char *id = NULL;

	scan_ok(k, "P-100");
	scan_ok(k, "3*6901234567890");     /* the barcode: named by code */
	scan_ok(k, "P-200");
	assert_int_equal(core_counter_nlines(k), 3);
	line_is(k, 0, "P-100", "机油滤清器", 1, 1);
	line_is(k, 1, "P-100", "机油滤清器", 3, 4);
	line_is(k, 2, "P-200", "空气滤清器", 1, 1);
	assert_int_equal(core_counter_undo(k), 0);
	assert_int_equal(core_counter_nlines(k), 2);
	assert_int_equal(balance(c, "central", "P-100"), 0);  /* not yet */
	if (core_counter_post(k, &id, &err) != 0)
		fail_msg("post: %s", err.msg);
	r = test_get(c, id);
	assert_string_equal(r->type, "receipt");
	assert_string_equal(r->state, "posted");
	assert_string_equal(store_rec_get(r, "lines"),
	    "[{\"part\":\"P-100\",\"quantity\":\"4\"}]");   /* merged */
	store_rec_free(&r);
	free(id);
	assert_int_equal(balance(c, "central", "P-100"), 4);
	assert_int_equal(balance(c, "central", "P-200"), 0);
	assert_int_equal(core_counter_nlines(k), 0);
	/* the next document: the same account, balances go on */
	scan_ok(k, "P-100");
	line_is(k, 0, "P-100", "机油滤清器", 1, 5);
	assert_int_equal(core_counter_undo(k), 0);
	assert_int_equal(core_counter_undo(k), -1);       /* none left */
	assert_int_equal(core_counter_post(k, NULL, &err), AS_E_INVALID);
	core_counter_free(&k);
}

/* Receive n of part into account, posted. */
static void
receive(struct core *c, const char *account, const char *in)
{
	struct core_counter *k = doc(c, "receive", "account", account);
	struct as_err err = {0};

	scan_ok(k, in);
	if (core_counter_post(k, NULL, &err) != 0)
		fail_msg("post: %s", err.msg);
	core_counter_free(&k);
}

/*
 * R2 §3.7.1: no more out than there is: the stock of the account the
 * parts leave, this document's earlier lines counted; the balance after
 * is shown.  A post that the stock no longer allows (another clerk took
 * it meanwhile) writes nothing and keeps the lines.
 */
static void
test_beyond_stock(void **state)
{
	struct core *c = ((struct test_fx *)*state)->c;
	struct core_counter *k, *k2;
	struct as_err err = {0};

	receive(c, "central", "2*P-100");
	k = doc(c, "transfer", "from_account", "central");
	assert_int_equal(core_counter_set(k, cfg_field(move(c,
	    "transfer")->type, "to_account"), "station_luoyang", &err), 0);
	scan_refused(k, "3*P-100", AS_E_INVALID, "R2 §3.7.1");
	scan_ok(k, "P-100");
	line_is(k, 0, "P-100", "机油滤清器", 1, 1);
	scan_ok(k, "P-100");
	line_is(k, 1, "P-100", "机油滤清器", 1, 0);
	scan_refused(k, "P-100", AS_E_INVALID, "R2 §3.7.1");
	/* the other clerk takes one meanwhile */
	k2 = doc(c, "transfer", "from_account", "central");
	assert_int_equal(core_counter_set(k2, cfg_field(move(c,
	    "transfer")->type, "to_account"), "station_luoyang", &err), 0);
	scan_ok(k2, "P-100");
	assert_int_equal(core_counter_post(k2, NULL, &err), 0);
	assert_int_equal(test_records(c, "transfer"), 1);
	assert_true(core_counter_post(k, NULL, &err) != 0);
	assert_int_equal(core_counter_nlines(k), 2);      /* kept */
	assert_int_equal(test_records(c, "transfer"), 1); /* nothing written */
	assert_int_equal(balance(c, "central", "P-100"), 1);
	assert_int_equal(balance(c, "station_luoyang", "P-100"), 1);
	core_counter_free(&k);
	core_counter_free(&k2);
}

/*
 * R2 §3.6.1, §3.7.4: an issue goes against an approved requisition only,
 * never beyond what it approved (less what was issued), a part not on it
 * refused; posted, the parts go from central to issued.
 */
static void
test_issue_against(void **state)
{
	struct core *c = ((struct test_fx *)*state)->c;
	const struct cfg_counter_move *m = move(c, "issue");
	struct core_kv rq[1] = { { "lines",
	    "[{\"part\":\"P-100\",\"quantity\":2}]" } };
	struct core_kv ap[1] = { { "approved_by", "branch_manager" } };
	struct core_counter *k = NULL;
	struct as_err err = {0};
	char *q = NULL, *id = NULL;

	receive(c, "central", "5*P-100");
	receive(c, "central", "5*P-200");
	assert_int_equal(core_set_user(c, "engineer", &err), 0);
	if (core_create(c, "requisition", rq, 1, &q, &err) != 0)
		fail_msg("requisition: %s", err.msg);
	assert_int_equal(core_set_user(c, "store_clerk", &err), 0);
	assert_int_equal(core_counter_new(c, m, &k, &err), 0);
	/* proposed, not approved: refused */
	assert_int_equal(core_counter_against(k, q, &err), AS_E_INVALID);
	assert_null(core_counter_doc(k));
	assert_int_equal(core_set_user(c, "branch_manager", &err), 0);
	if (wf_apply(c, q, 0, "approve", ap, 1, NULL, &err) != 0)
		fail_msg("approve: %s", err.msg);
	assert_int_equal(core_set_user(c, "store_clerk", &err), 0);
	if (core_counter_against(k, q, &err) != 0)
		fail_msg("against %s: %s", q, err.msg);
	scan_refused(k, "3*P-100", AS_E_INVALID, "R2 §3.6.1");
	scan_refused(k, "P-200", AS_E_INVALID, "R2 §3.6.1");   /* not on it */
	scan_ok(k, "P-100");
	line_is(k, 0, "P-100", "机油滤清器", 1, 4);   /* central after */
	scan_refused(k, "2*P-100", AS_E_INVALID, "R2 §3.6.1");
	if (core_counter_post(k, &id, &err) != 0)
		fail_msg("post: %s", err.msg);
	assert_string_equal(id, q);
	free(id);
	assert_int_equal(balance(c, "central", "P-100"), 4);
	assert_int_equal(balance(c, "issued", "P-100"), 1);
	assert_null(core_counter_doc(k));      /* the next requisition */
	/* what is left to issue: one */
	assert_int_equal(core_counter_against(k, q, &err), 0);
	scan_refused(k, "2*P-100", AS_E_INVALID, "R2 §3.6.1");
	scan_ok(k, "P-100");
	assert_int_equal(core_counter_post(k, NULL, &err), 0);
	assert_int_equal(balance(c, "issued", "P-100"), 2);
	core_counter_free(&k);
	free(q);
}

/* return: set: fields, never asked (old parts on their own account). */
static void
test_return_set(void **state)
{
	struct core *c = ((struct test_fx *)*state)->c;
	struct core_counter *k = doc(c, "return", NULL, NULL);
	struct as_err err = {0};

	assert_string_equal(core_counter_account(k, &move(c, "return")->mv->to),
			    "old_parts");
	scan_ok(k, "2*P-200");
	assert_int_equal(core_counter_post(k, NULL, &err), 0);
	assert_int_equal(balance(c, "old_parts", "P-200"), 2);
	core_counter_free(&k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_parse, setup,
						test_fx_teardown),
		cmocka_unit_test_setup_teardown(test_unknown_code, setup,
						test_fx_teardown),
		cmocka_unit_test_setup_teardown(test_receive, setup,
						test_fx_teardown),
		cmocka_unit_test_setup_teardown(test_beyond_stock, setup,
						test_fx_teardown),
		cmocka_unit_test_setup_teardown(test_issue_against, setup,
						test_fx_teardown),
		cmocka_unit_test_setup_teardown(test_return_set, setup,
						test_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
