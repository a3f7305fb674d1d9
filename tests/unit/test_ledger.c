/*
 * test_ledger.c - unit tests of the stock ledger of store/ (R2 §3.7):
 * movements journalled with their document and line and the balances
 * kept with them in one transaction (R2 §3.7.1: the books match the
 * shelves); a balance never below zero, nothing written then; verify
 * rebuilding every balance from the journal and finding a tampered
 * balance, a tampered journal entry and a movement missing from the
 * history's hash chain; the balances kept per reference (the parts out
 * with the engineers per work order, R2 §3.6.1).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../store/store.h"

struct fx {
	char dir[64];
	struct store *s;
};

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct store_opts o = {0};
	struct as_err err;

	strcpy(f->dir, "/tmp/as-ledger-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	o.create = 1;
	if (store_open(f->dir, &o, &f->s, &err) != 0) {
		fprintf(stderr, "open: %s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	store_close(&f->s);
	nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* One step: record doc (revision rev) with its moves, in one transaction. */
struct step {
	const char *doc;
	uint64_t rev;
	size_t n;
	struct store_move *m;
	int refused;            /* out: the index of the refused move + 1 */
	long long balance;      /* out: the balance the refusal names */
};

static int
step_txn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct step *x = ctx;
	struct store_rec *r = store_rec_new("doc", x->doc, "posted");
	struct store_event *e = store_event_new(x->doc, "clerk",
	    x->rev == 1 ? "create" : "post", x->rev == 1 ? NULL : "posted",
	    "posted");
	size_t i;
	int rc = 0;

	r->rev = e->rev = x->rev;
	e->when = r->created = r->updated = 1796083705;
	if (x->rev == 1)
		e->type = strdup("doc");
	for (i = 0; i < x->n && rc == 0; i++) {
		rc = store_ledger_move(t, e, &x->m[i], err);
		if (rc == AS_E_GUARD) {
			x->refused = (int)i + 1;
			x->balance = x->m[i].balance;
		}
	}
	if (rc == 0)
		rc = store_put(t, r, err);
	if (rc == 0)
		rc = store_hist_append(t, e, err);
	store_rec_free(&r);
	store_event_free(&e);
	return rc;
}

static int
step(struct fx *f, struct step *x)
{
	struct as_err err;

	x->refused = 0;
	return store_write(f->s, step_txn, x, &err);
}

struct bal {
	const char *account, *part;
	long long qty;
};

static int
bal_txn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct bal *b = ctx;

	return store_ledger_balance(t, b->account, b->part, &b->qty, err);
}

static long long
balance(struct fx *f, const char *account, const char *part)
{
	struct bal b = { account, part, -1 };
	struct as_err err;

	assert_int_equal(store_read(f->s, bal_txn, &b, &err), 0);
	return b.qty;
}

struct problems {
	size_t n;
	char text[4096];
};

static void
problem(const char *msg, void *ctx)
{
	struct problems *p = ctx;
	size_t len = strlen(p->text);

	p->n++;
	snprintf(p->text + len, sizeof p->text - len, "%s\n", msg);
}

static int
verify(struct fx *f, struct problems *p)
{
	struct as_err err;

	int rc;

	memset(p, 0, sizeof *p);
	rc = store_verify(f->s, problem, p, &err);
	if (getenv("LEDGER_DEBUG") != NULL)
		fprintf(stderr, "%s", p->text);
	return rc;
}

/* A receipt of 5 and an issue of 2: the balances, each movement kept. */
static void
stock_in_and_out(struct fx *f)
{
	struct store_move in[] = {
		{ .doc = "R1", .line = 1, .account = "central",
		  .part = "BRK-001", .qty = 5 },
		{ .doc = "R1", .line = 2, .account = "central",
		  .part = "FLT-200", .qty = 3 },
	};
	struct store_move out[] = {
		{ .doc = "Q1", .line = 1, .account = "central",
		  .part = "BRK-001", .qty = -2 },
		{ .doc = "Q1", .line = 1, .account = "issued",
		  .part = "BRK-001", .qty = 2 },
	};
	struct step a = { "R1", 1, 2, in, 0, 0 };
	struct step b = { "Q1", 1, 2, out, 0, 0 };

	assert_int_equal(step(f, &a), 0);
	assert_int_equal(step(f, &b), 0);
}

/* R2 §3.7.1: every balance is the sum of its movements. */
static void
test_balances(void **state)
{
	struct fx *f = *state;

	stock_in_and_out(f);
	assert_int_equal(balance(f, "central", "BRK-001"), 3);
	assert_int_equal(balance(f, "issued", "BRK-001"), 2);
	assert_int_equal(balance(f, "central", "FLT-200"), 3);
	assert_int_equal(balance(f, "central", "NEVER"), 0);
	assert_int_equal(balance(f, "station_luoyang", "BRK-001"), 0);
}

struct seen {
	size_t n;
	char text[1024];
};

static int
move_visit(const struct store_move *m, void *ctx)
{
	struct seen *s = ctx;
	size_t len = strlen(s->text);

	s->n++;
	snprintf(s->text + len, sizeof s->text - len, "%s/%u %s %+lld =%lld\n",
	    m->doc, m->line, m->account, m->qty, m->balance);
	return 0;
}

struct moves_q {
	const char *part, *account;
	struct seen *s;
};

static int
moves_txn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct moves_q *q = ctx;

	return store_ledger_moves(t, q->part, q->account, move_visit, q->s,
	    err);
}

/* Each movement names its document and line, with the balance after. */
static void
test_journal(void **state)
{
	struct fx *f = *state;
	struct seen s = { 0, "" };
	struct moves_q q = { "BRK-001", NULL, &s };
	struct as_err err;

	stock_in_and_out(f);
	assert_int_equal(store_read(f->s, moves_txn, &q, &err), 0);
	assert_string_equal(s.text, "R1/1 central +5 =5\n"
	    "Q1/1 central -2 =3\n"
	    "Q1/1 issued +2 =2\n");
	memset(&s, 0, sizeof s);
	q.account = "issued";
	assert_int_equal(store_read(f->s, moves_txn, &q, &err), 0);
	assert_string_equal(s.text, "Q1/1 issued +2 =2\n");
}

/*
 * R2 §3.7.1: a balance never goes below zero; the refusal gives the
 * balance, and nothing of the step is written (its other lines neither).
 */
static void
test_negative_refused(void **state)
{
	struct fx *f = *state;
	struct store_move out[] = {
		{ .doc = "Q2", .line = 1, .account = "central",
		  .part = "FLT-200", .qty = -1 },
		{ .doc = "Q2", .line = 2, .account = "central",
		  .part = "BRK-001", .qty = -4 },
	};
	struct step b = { "Q2", 1, 2, out, 0, 0 };
	struct problems p;

	stock_in_and_out(f);
	assert_int_equal(step(f, &b), AS_E_GUARD);
	assert_int_equal(b.refused, 2);
	assert_int_equal(b.balance, 3);
	assert_int_equal(balance(f, "central", "FLT-200"), 3);
	assert_int_equal(balance(f, "central", "BRK-001"), 3);
	/* exactly the balance may go */
	out[1].qty = -3;
	assert_int_equal(step(f, &b), 0);
	assert_int_equal(balance(f, "central", "BRK-001"), 0);
	assert_int_equal(verify(f, &p), 0);
}

/* verify rebuilds every balance from the journal and finds a changed one. */
static void
test_verify_tampered_balance(void **state)
{
	struct fx *f = *state;
	struct problems p;
	struct as_err err;

	stock_in_and_out(f);
	assert_int_equal(verify(f, &p), 0);
	assert_int_equal(p.n, 0);
	assert_int_equal(store_debug_set_balance(f->s, "central", "BRK-001",
	    30, &err), 0);
	assert_int_equal(verify(f, &p), AS_E_CORRUPT);
	assert_int_equal(p.n, 1);
	assert_non_null(strstr(p.text, "central/BRK-001"));
	assert_non_null(strstr(p.text, "30"));
	/* a balance the journal never made */
	assert_int_equal(store_debug_set_balance(f->s, "central", "BRK-001",
	    3, &err), 0);
	assert_int_equal(verify(f, &p), 0);
	assert_int_equal(store_debug_set_balance(f->s, "scrap", "BRK-001",
	    1, &err), 0);
	assert_int_equal(verify(f, &p), AS_E_CORRUPT);
	assert_non_null(strstr(p.text, "scrap/BRK-001"));
}

/*
 * The journal is part of the hash chain: a history event that loses its
 * movement (rewritten, hash and all, by someone who knows the format)
 * no longer matches the journal, and the history's own chain breaks.
 */
static void
test_verify_journal_history(void **state)
{
	struct fx *f = *state;
	struct problems p;
	struct as_buf orig = {0};
	struct as_err err;
	char *at;

	stock_in_and_out(f);
	/* event 2 is Q1's: change its movement's quantity in place */
	assert_int_equal(store_debug_peek_event(f->s, 2, &orig, &err), 0);
	at = memmem(orig.data, orig.len, "1 central -2 BRK-001", 20);
	assert_non_null(at);
	at[10] = '1';
	assert_int_equal(store_debug_poke_event(f->s, 2, orig.data, orig.len,
	    &err), 0);
	assert_int_equal(verify(f, &p), AS_E_CORRUPT);
	assert_non_null(strstr(p.text, "hash mismatch"));
	assert_non_null(strstr(p.text, "Q1 1 central -2 BRK-001"));
	buf_free(&orig);
}

/* A zero quantity, a missing account or part: refused, nothing written. */
static void
test_invalid(void **state)
{
	struct fx *f = *state;
	struct store_move m[] = {
		{ .doc = "R9", .line = 1, .account = "central",
		  .part = "BRK-001", .qty = 0 },
	};
	struct step a = { "R9", 1, 1, m, 0, 0 };

	assert_int_equal(step(f, &a), AS_E_INVALID);
	m[0].qty = 1;
	m[0].part = "";
	assert_int_equal(step(f, &a), AS_E_INVALID);
	m[0].part = "BRK-001";
	m[0].account = "";
	assert_int_equal(step(f, &a), AS_E_INVALID);
	assert_int_equal(balance(f, "central", "BRK-001"), 0);
}

struct refs {
	char text[512];
};

static int
ref_visit(const char *account, const char *part, const char *ref,
	  long long qty, void *ctx)
{
	struct refs *r = ctx;
	size_t len = strlen(r->text);

	snprintf(r->text + len, sizeof r->text - len, "%s/%s/%s=%lld\n",
	    account, part, ref, qty);
	return 0;
}

static int
refs_txn(struct store_txn *t, void *ctx, struct as_err *err)
{
	return store_ledger_ref_balances(t, "issued", NULL, ref_visit, ctx,
	    err);
}

struct rbal {
	const char *ref;
	long long qty;
};

static int
rbal_txn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct rbal *b = ctx;

	return store_ledger_balance_ref(t, "issued", "BRK-001", b->ref, &b->qty,
	    err);
}

/*
 * R2 §3.6.1, §3.7.4: the account issued keeps the parts per work order:
 * a write-off beyond what was issued to its work order is refused even
 * when the account holds the part for another; verify rebuilds the
 * balances per reference too and finds a tampered one.
 */
static void
test_per_reference(void **state)
{
	struct fx *f = *state;
	struct store_move out[] = {
		{ .doc = "Q3", .line = 1, .account = "central",
		  .part = "BRK-001", .qty = -3 },
		{ .doc = "Q3", .line = 1, .account = "issued",
		  .part = "BRK-001", .qty = 2, .ref = "W1" },
		{ .doc = "Q3", .line = 2, .account = "issued",
		  .part = "BRK-001", .qty = 1, .ref = "W2" },
	};
	struct store_move off[] = {
		{ .doc = "W1", .line = 1, .account = "issued",
		  .part = "BRK-001", .qty = -3, .ref = "W1" },
	};
	struct step a = { "Q3", 1, 3, out, 0, 0 };
	struct step b = { "W1", 1, 1, off, 0, 0 };
	struct rbal rb = { "W1", -1 };
	struct refs r;
	struct problems p;
	struct as_err err;

	stock_in_and_out(f);    /* issued holds 2 BRK-001 for no one */
	assert_int_equal(step(f, &a), 0);
	assert_int_equal(balance(f, "issued", "BRK-001"), 5);
	memset(&r, 0, sizeof r);
	assert_int_equal(store_read(f->s, refs_txn, &r, &err), 0);
	assert_string_equal(r.text, "issued/BRK-001/W1=2\n"
	    "issued/BRK-001/W2=1\n");
	/* 3 of the 5 on issued, but only 2 are W1's */
	assert_int_equal(step(f, &b), AS_E_GUARD);
	assert_int_equal(b.balance, 2);
	assert_int_equal(balance(f, "issued", "BRK-001"), 5);
	off[0].qty = -2;
	assert_int_equal(step(f, &b), 0);
	assert_int_equal(store_read(f->s, rbal_txn, &rb, &err), 0);
	assert_int_equal(rb.qty, 0);
	assert_int_equal(balance(f, "issued", "BRK-001"), 3);
	assert_int_equal(verify(f, &p), 0);
	/* the reference is in the hash chain's record of the movement */
	assert_int_equal(store_debug_set_balance(f->s, "issued",
	    "BRK-001\x1fW2", 7, &err), 0);
	assert_int_equal(verify(f, &p), AS_E_CORRUPT);
	assert_non_null(strstr(p.text, "issued/BRK-001/W2"));
	/* a reference with a space is refused */
	off[0].ref = "W 1";
	assert_int_equal(step(f, &b), AS_E_INVALID);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_balances, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_negative_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_verify_tampered_balance,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_journal_history,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_per_reference, setup,
		    teardown),
	};

	as_lang_set("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
