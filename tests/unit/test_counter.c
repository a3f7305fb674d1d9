/*
 * test_counter.c - the store counter's core (core/counter.c, issue 11's
 * counter mode): a scan is a code, or "N*" and a code; an unknown code, a
 * quantity beyond the stock (R2 §3.7.1) or beyond the requisition
 * (R2 §3.6.1) is refused and adds nothing; the last line can be taken
 * back; posting writes the whole document and takes its step in one
 * transaction (R2 §3.7.2 a receipt, §3.7.4 an issue).  The configuration
 * is tests/unit/data/counter.yaml.
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
	return test_fx_setup(state, "counter", "tests/unit/data/counter.yaml",
			     "clerk");
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_parse, setup,
						test_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
