/*
 * test_lines.c - line items (issue 8): a field of type lines typed as a
 * JSON array of objects, each cell checked as a field of its column's type
 * (min/max, maxlen, pattern, control characters, full-width digits, a
 * required column), refusals naming the line and the column, the
 * canonical stored form, the grid of the workstation's form, and a lines
 * value through create, edit, history (old -> new) and verify.  The
 * configuration is tests/unit/data/lines.yaml (record type job).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <cmocka.h>

#include "../../core/core.h"
#include "testutil.h"

struct fx {
	char dir[64];
	struct core *c;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char cfg[512];

	f->c = test_core_setup(f->dir, cfg, "lines",
	    "tests/unit/data/lines.yaml", "admin");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	test_core_teardown(&f->c, f->dir);
	free(f);
	return 0;
}

static const struct cfg_field *
parts(struct core *c)
{
	const struct cfg_field *f = cfg_field(cfg_rectype(core_cfg(c), "job"),
	    "parts_taken");

	assert_non_null(f);
	assert_int_equal(f->type, CFG_T_LINES);
	return f;
}

/* typed is accepted and stored as want. */
#define ok(c, typed, want) ok_(c, typed, want, __LINE__)
static void
ok_(struct core *c, const char *typed, const char *want, int line)
{
	struct as_err err = {0};
	char *v = NULL;
	int rc = core_parse_value(c, parts(c), typed, &v, &err);

	if (rc != 0 || strcmp(v, want) != 0)
		fprintf(stderr, "line %d: %s: rc %d \"%s\" %s\n", line, typed,
			rc, v ? v : "(null)", err.msg);
	assert_int_equal(rc, 0);
	assert_string_equal(v, want);
	free(v);
}

/* typed is refused with exactly the message want. */
#define bad(c, typed, want) bad_(c, typed, want, __LINE__)
static void
bad_(struct core *c, const char *typed, const char *want, int line)
{
	struct as_err err = {0};
	char *v = NULL;
	int rc = core_parse_value(c, parts(c), typed, &v, &err);

	if (rc != AS_E_INVALID || strcmp(err.msg, want) != 0)
		fprintf(stderr, "line %d: %s: rc %d \"%s\"\n", line, typed,
			rc, err.msg);
	assert_int_equal(rc, AS_E_INVALID);
	assert_null(v);
	assert_string_equal(err.msg, want);
}

/* The loader reads columns: as fields of their own. */
static void
test_columns_loaded(void **state)
{
	struct fx *fx = *state;
	const struct cfg_field *f = parts(fx->c);

	assert_int_equal(f->ncolumns, 5);
	assert_string_equal(f->columns[0].id, "part");
	assert_true(f->columns[0].required);
	assert_int_equal(f->columns[0].maxlen, 20);
	assert_non_null(f->columns[0].pattern);
	assert_int_equal(f->columns[1].type, CFG_T_INT);
	assert_true(f->columns[1].has_min && f->columns[1].min == 1);
	assert_true(f->columns[1].has_max && f->columns[1].max == 99);
	assert_int_equal(f->columns[2].type, CFG_T_MONEY);
	assert_int_equal(f->columns[2].min, CFG_MONEY_MIN);  /* default */
	assert_int_equal(f->columns[3].type, CFG_T_ENUM);
	assert_non_null(f->columns[3].codes);
}

/*
 * The stored form is canonical: keys in column order, values in their
 * stored forms as strings, empty cells and empty lines left out.
 */
static void
test_canonical(void **state)
{
	struct fx *fx = *state;

	ok(fx->c, "[{\"part\":\"P-100\",\"quantity\":2}]",
	   "[{\"part\":\"P-100\",\"quantity\":\"2\"}]");
	ok(fx->c, " [ {\"quantity\": \"3\", \"part\": \"P-1\",\n"
	   "  \"unit_cost\": 12.5, \"reason\": \"磨损\", \"note\": null} ] ",
	   "[{\"part\":\"P-1\",\"quantity\":\"3\",\"unit_cost\":\"1250\","
	   "\"reason\":\"worn\"}]");
	/* money as a string is exact; "¥" and grouping as in a field */
	ok(fx->c, "[{\"part\":\"P-1\",\"unit_cost\":\"¥1,234.56\"}]",
	   "[{\"part\":\"P-1\",\"unit_cost\":\"123456\"}]");
	/* full-width digits of an input method, in a number and a pattern */
	ok(fx->c, "[{\"part\":\"Ｐ-１００\",\"quantity\":\"１２\"}]",
	   "[{\"part\":\"P-100\",\"quantity\":\"12\"}]");
	/* an empty line and blank cells are dropped */
	ok(fx->c, "[{}, {\"part\":\"P-2\",\"note\":\"  \"}, {\"note\":\"\"}]",
	   "[{\"part\":\"P-2\"}]");
	ok(fx->c, "[]", "");
	ok(fx->c, "   ", "");
	/* Chinese text stays as it is (not \u escapes) */
	ok(fx->c, "[{\"part\":\"P-3\",\"note\":\"左侧 滤芯\"}]",
	   "[{\"part\":\"P-3\",\"note\":\"左侧 滤芯\"}]");
	/* quotes and backslashes escaped as jansson does, "/" not */
	ok(fx->c, "[{\"part\":\"P-4\",\"note\":\"a \\\"b\\\" c\\\\d/e\"}]",
	   "[{\"part\":\"P-4\",\"note\":\"a \\\"b\\\" c\\\\d/e\"}]");
	ok(fx->c, "[{\"part\":\"P-5\"},{\"part\":\"P-6\",\"note\":\"x\\\"y\"}]",
	   "[{\"part\":\"P-5\"},{\"part\":\"P-6\",\"note\":\"x\\\"y\"}]");
	ok(fx->c, "[{\"part\":\"P-5\"},{\"part\":\"P-6\"}]",
	   "[{\"part\":\"P-5\"},{\"part\":\"P-6\"}]");
	/* the stored form typed again gives itself back (edits, verify) */
	ok(fx->c, "[{\"part\":\"P-1\",\"quantity\":\"3\"}]",
	   "[{\"part\":\"P-1\",\"quantity\":\"3\"}]");
}

/* A refusal names the line (from 1) and the column. */
static void
test_errors_name_line_and_column(void **state)
{
	struct fx *fx = *state;

	bad(fx->c, "[{\"part\":\"P-1\"},{\"part\":\"P-2\",\"quantity\":\"x\"}]",
	    "Parts taken line 2, Qty: \"x\" is not valid; "
	    "expected a whole number");
	bad(fx->c, "[{\"part\":\"P-1\"},{\"quantity\":3}]",
	    "Parts taken line 2, Part is required");
	bad(fx->c, "[{\"part\":\"p100\"}]",
	    "Parts taken line 1, Part: \"p100\" is not valid; "
	    "expected text matching [A-Z]-[0-9]+");
	bad(fx->c, "[{\"part\":\"P-1\",\"qty\":2}]",
	    "Parts taken line 1: no column \"qty\"; the columns are part, "
	    "quantity, unit_cost, reason, note");
	bad(fx->c, "[{\"part\":\"P-1\",\"quantity\":true}]",
	    "Parts taken line 1, quantity: expected a string or a number");
	bad(fx->c, "[{\"part\":\"P-1\"}, \"P-2\"]",
	    "Parts taken line 2: expected a JSON object {\"column\": value, "
	    "...}");
	bad(fx->c, "{\"part\":\"P-1\"}",
	    "Parts taken: expected a JSON array of objects such as "
	    "[{\"part\": ...}]");
	bad(fx->c, "[{\"part\":\"P-1\"",
	    "Parts taken: not valid JSON (at 14: '}' expected near end of "
	    "file); expected an array of objects such as [{\"part\": ...}]");
	bad(fx->c, "[{\"part\":\"P-1\",\"part\":\"P-2\"}]",
	    "Parts taken: not valid JSON (at 21: duplicate object key near "
	    "'\"part\"'); expected an array of objects such as "
	    "[{\"part\": ...}]");
	bad(fx->c, "[{\"part\":\"P-1\",\"reason\":\"lost\"}]",
	    "Parts taken line 1, Reason: \"lost\" is not valid; "
	    "expected one of: worn (磨损), broken (损坏)");
}

/*
 * Typed JSON that needs nothing of jansson is read without it (issue 13);
 * the result is jansson's, byte for byte, for every form: white space
 * anywhere JSON allows it, integers, null, and the forms jansson reads
 * or refuses itself (reals, escapes, a zero with a sign or a leading
 * zero, a key given twice, an unknown column, what follows the array).
 */
static void
test_typed_forms(void **state)
{
	struct fx *fx = *state;

	ok(fx->c, "\t[\r\n{ \"part\" :\t\"P-1\" ,\n\"quantity\" : 12 } ,"
	   "{\"part\":\"P-2\",\"note\":null,\"reason\":\"worn\"}\n]\n",
	   "[{\"part\":\"P-1\",\"quantity\":\"12\"},"
	   "{\"part\":\"P-2\",\"reason\":\"worn\"}]");
	ok(fx->c, "[ ]", "");
	ok(fx->c, "[{ }]", "");
	ok(fx->c, "[{\"part\":\"P-1\",\"quantity\":1e1}]",
	   "[{\"part\":\"P-1\",\"quantity\":\"10\"}]");
	ok(fx->c, "[{\"part\":\"P-1\",\"quantity\":7.0}]",
	   "[{\"part\":\"P-1\",\"quantity\":\"7\"}]");
	ok(fx->c, "[{\"p\\u0061rt\":\"P-1\"}]", "[{\"part\":\"P-1\"}]");
	ok(fx->c, "[{\"part\":\"P-1\",\"unit_cost\":-0}]",
	   "[{\"part\":\"P-1\",\"unit_cost\":\"0\"}]");
	ok(fx->c, "[{\"part\":\"P-1\",\"unit_cost\":0}]",
	   "[{\"part\":\"P-1\",\"unit_cost\":\"0\"}]");
	bad(fx->c, "[{\"part\":\"P-1\",\"quantity\":123456789012345678}]",
	    "Parts taken line 1, Qty must be between 1 and 99; "
	    "\"123456789012345678\" is not");
	bad(fx->c, "[{\"part\":\"P-1\",\"quantity\":-1234567890123456789}]",
	    "Parts taken line 1, Qty must be between 1 and 99; "
	    "\"-1234567890123456789\" is not");
	bad(fx->c, "[{\"part\":\"P-1\",\"quantity\":-3}]",
	    "Parts taken line 1, Qty must be between 1 and 99; "
	    "\"-3\" is not");
	bad(fx->c, "[{\"part\":\"P-1\",\"quantity\":01}]",
	    "Parts taken: not valid JSON (at 27: invalid token near '0'); "
	    "expected an array of objects such as [{\"part\": ...}]");
	bad(fx->c, "[{\"part\":\"P-1\",\"part\" : \"P-1\"}]",
	    "Parts taken: not valid JSON (at 21: duplicate object key near "
	    "'\"part\"'); expected an array of objects such as "
	    "[{\"part\": ...}]");
	bad(fx->c, "[{\"part\":\"P-1\"}] x",
	    "Parts taken: not valid JSON (at 18: end of file expected near "
	    "'x'); expected an array of objects such as [{\"part\": ...}]");
	bad(fx->c, "[{\"part\":\"P-1\"},]",
	    "Parts taken: not valid JSON (at 17: unexpected token near ']'); "
	    "expected an array of objects such as [{\"part\": ...}]");
	bad(fx->c, "[{\"part\":\"P-1\",}]",
	    "Parts taken: not valid JSON (at 16: string or '}' expected near "
	    "'}'); expected an array of objects such as [{\"part\": ...}]");
	bad(fx->c, "[{\"part\":\"P-1\",\"qty\":\"2\"}]",
	    "Parts taken line 1: no column \"qty\"; the columns are part, "
	    "quantity, unit_cost, reason, note");
	bad(fx->c, "[{\"part\":\"P-\xff\"}]",
	    "Parts taken: the text is not valid UTF-8");
}

/* Control characters are refused in a cell as in any field. */
static void
test_controls(void **state)
{
	struct fx *fx = *state;

	bad(fx->c, "[{\"part\":\"P-1\",\"note\":\"a\\u001b[2Jb\"}]",
	    "Parts taken line 1, Note cannot hold control characters; "
	    "character 2 is U+001B");
	bad(fx->c, "[{\"part\":\"P-1\",\"note\":\"a\\nb\"}]",
	    "Parts taken line 1, Note must be one line");
	bad(fx->c, "[{\"part\":\"P-1\",\"note\":\"\\u0085\"}]",
	    "Parts taken line 1, Note cannot hold control characters; "
	    "character 1 is U+0085");
}

/* min/max/maxlen per column, and the money default bounds. */
static void
test_limits_per_column(void **state)
{
	struct fx *fx = *state;

	ok(fx->c, "[{\"part\":\"P-1\",\"quantity\":1},"
	   "{\"part\":\"P-2\",\"quantity\":99}]",
	   "[{\"part\":\"P-1\",\"quantity\":\"1\"},"
	   "{\"part\":\"P-2\",\"quantity\":\"99\"}]");
	bad(fx->c, "[{\"part\":\"P-1\",\"quantity\":0}]",
	    "Parts taken line 1, Qty must be between 1 and 99; "
	    "\"0\" is not");
	bad(fx->c, "[{\"part\":\"P-1\"},{\"part\":\"P-1\"},"
	    "{\"part\":\"P-1\",\"quantity\":100}]",
	    "Parts taken line 3, Qty must be between 1 and 99; "
	    "\"100\" is not");
	bad(fx->c, "[{\"part\":\"P-1\",\"unit_cost\":-1}]",
	    "Parts taken line 1, Unit cost must be between 0.00 "
	    "and 100000000.00 yuan; \"-1\" is not");
	bad(fx->c, "[{\"part\":\"P-123456789012345678901\"}]",
	    "Parts taken line 1, Part is 23 characters long; at most 20 "
	    "are allowed");
	/* beyond 64 bits: jansson refuses it; as a string, the bound */
	bad(fx->c, "[{\"part\":\"P-1\",\"quantity\":99999999999999999999}]",
	    "Parts taken: not valid JSON (at 46: too big integer near "
	    "'99999999999999999999'); expected an array of objects such as "
	    "[{\"part\": ...}]");
	bad(fx->c, "[{\"part\":\"P-1\",\"quantity\":\"99999999999999999999\"}]",
	    "Parts taken line 1, Qty must be between 1 and 99; "
	    "\"99999999999999999999\" is not");
}

/* The grid of a form: typed cells in, the cell refused out. */
static void
test_encode_grid(void **state)
{
	struct fx *fx = *state;
	const char *grid[] = {
		"P-1", "2", "", "", "",
		"", "", "", "", "",          /* an empty line: dropped */
		"P-2", "0", "", "", "",
	};
	struct as_err err = {0};
	size_t bl, bc;
	char *out = NULL;

	assert_int_equal(core_lines_encode(fx->c, parts(fx->c), grid, 3,
	    &out, &bl, &bc, &err), AS_E_INVALID);
	assert_int_equal(bl, 2);
	assert_int_equal(bc, 1);
	assert_null(out);
	assert_string_equal(err.msg, "Parts taken line 3, Qty must "
	    "be between 1 and 99; \"0\" is not");
	grid[11] = "1";
	assert_int_equal(core_lines_encode(fx->c, parts(fx->c), grid, 3,
	    &out, &bl, &bc, &err), 0);
	assert_int_equal(bl, (size_t)-1);
	assert_string_equal(out, "[{\"part\":\"P-1\",\"quantity\":\"2\"},"
	    "{\"part\":\"P-2\",\"quantity\":\"1\"}]");
	free(out);
}

/* Decoding a stored value into cells, for display and for the grid. */
static void
test_decode_and_cells(void **state)
{
	struct fx *fx = *state;
	const char *v = "[{\"part\":\"P-1\",\"quantity\":\"2\","
	    "\"unit_cost\":\"1250\"},{\"part\":\"Q-7\",\"reason\":\"worn\"}]";
	struct core_lines l;
	struct as_buf b = {0};

	assert_int_equal(core_lines_decode(parts(fx->c), v, &l), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.cell[2], "1250");
	assert_string_equal(l.cell[5 + 3], "worn");
	assert_string_equal(l.cell[5 + 1], "");
	core_lines_free(&l);
	assert_int_equal(core_lines_cells(fx->c, parts(fx->c), v, "zh", &l),
	    0);
	assert_string_equal(l.cell[2], "12.50");
	assert_string_equal(l.cell[5 + 3], "磨损");
	core_lines_free(&l);
	core_lines_summary(fx->c, parts(fx->c), v, "en", &b);
	assert_string_equal(b.data, "P-1, 2, 12.50; Q-7, Worn");
	buf_free(&b);
	assert_int_equal(core_lines_decode(parts(fx->c), "not json", &l),
	    AS_E_INVALID);
	assert_int_equal(core_lines_decode(parts(fx->c), "", &l), 0);
	assert_int_equal(l.n, 0);
}

/* stored decodes to n lines, cell k of them being want. */
static void
decodes(struct core *c, const char *stored, size_t n, size_t k,
	const char *want)
{
	struct core_lines l;

	assert_int_equal(core_lines_decode(parts(c), stored, &l), 0);
	assert_int_equal(l.n, n);
	if (want != NULL)
		assert_string_equal(l.cell[k], want);
	assert_null(l.cell[n * 5]);
	core_lines_free(&l);
}

/*
 * The stored form encode writes is read without jansson (issue 13);
 * every other form is read by jansson as before: escapes, white space,
 * numbers, a column given twice (the last wins), and what it refuses.
 */
static void
test_decode_forms(void **state)
{
	struct fx *fx = *state;
	struct core_lines l;

	decodes(fx->c, "[]", 0, 0, NULL);
	decodes(fx->c, "[{}]", 1, 3, "");
	decodes(fx->c, "[{\"part\":\"泵\"},{\"reason\":\"r\"}]", 2,
	    5 + 3, "r");
	decodes(fx->c, "[{\"zz\":\"1\",\"part\":\"A\"}]", 1, 0, "A");
	decodes(fx->c, "[{\"part\":\"P\\\"1\\n\"}]", 1, 0, "P\"1\n");
	decodes(fx->c, "[ {\"part\" : \"A\"} ]", 1, 0, "A");
	decodes(fx->c, "[{\"part\":\"A\",\"quantity\":2}]", 1, 1, "");
	decodes(fx->c, "[{\"part\":\"A\",\"part\":\"B\"}]", 1, 0, "B");
	assert_int_equal(core_lines_decode(parts(fx->c),
	    "[{\"part\":\"A\"}]x", &l), AS_E_INVALID);
	assert_int_equal(core_lines_decode(parts(fx->c),
	    "[{\"part\":\"A\"},]", &l), AS_E_INVALID);
	assert_int_equal(core_lines_decode(parts(fx->c),
	    "[{\"part\":\"A\",}]", &l), AS_E_INVALID);
	assert_int_equal(core_lines_decode(parts(fx->c),
	    "[{\"part\":\"\xff\"}]", &l), AS_E_INVALID);
	assert_int_equal(core_lines_decode(parts(fx->c),
	    "[{\"part\":\"A\"}", &l), AS_E_INVALID);
}

static void
no_problem(const char *msg, void *ctx)
{
	(void)ctx;
	fail_msg("verify: %s", msg);
}

/*
 * A lines value through create, an edit and the history: the event holds
 * the old and the new canonical JSON, and verify replays it unchanged.
 */
static void
test_history_and_verify(void **state)
{
	struct fx *fx = *state;
	struct core_kv in[] = {
		{ "title", "泵" },
		{ "parts_taken", "[{\"part\":\"P-1\",\"quantity\":2}]" },
	};
	struct core_kv ed[] = {
		{ "parts_taken", "[{\"part\":\"P-1\",\"quantity\":2},"
		  "{\"part\":\"P-2\",\"unit_cost\":\"3\"}]" },
	};
	struct as_err err = {0};
	struct store_rec *r = NULL;
	uint64_t rev;
	char *id = NULL;

	assert_int_equal(core_create(fx->c, "job", in, 2, &id, &err), 0);
	assert_int_equal(core_edit(fx->c, id, 1, ed, 1, &rev, &err), 0);
	assert_int_equal(core_get(fx->c, id, &r, &err), 0);
	assert_string_equal(store_rec_get(r, "parts_taken"),
	    "[{\"part\":\"P-1\",\"quantity\":\"2\"},"
	    "{\"part\":\"P-2\",\"unit_cost\":\"300\"}]");
	store_rec_free(&r);
	/* a bad line refuses the whole edit */
	ed[0].val = "[{\"part\":\"P-1\",\"quantity\":-2}]";
	assert_int_equal(core_edit(fx->c, id, rev, ed, 1, &rev, &err),
	    AS_E_INVALID);
	assert_string_equal(err.msg, "Parts taken line 1, Qty must "
	    "be between 1 and 99; \"-2\" is not");
	assert_int_equal(core_verify(fx->c, no_problem, NULL, &err), 0);
	free(id);
}

#define TEST(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_columns_loaded),
		TEST(test_canonical),
		TEST(test_errors_name_line_and_column),
		TEST(test_typed_forms),
		TEST(test_controls),
		TEST(test_limits_per_column),
		TEST(test_encode_grid),
		TEST(test_decode_and_cells),
		TEST(test_decode_forms),
		TEST(test_history_and_verify),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
