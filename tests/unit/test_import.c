/*
 * test_import.c - core_import_csv: CSV (RFC 4180) into records in one
 * write transaction, all or nothing (R1 §5.1: nothing half-registered), on
 * a real LMDB database in a fresh mkdtemp folder per test, with the small
 * configuration tests/unit/data/engine.yaml.  Inputs are memory streams
 * (fmemopen), seekable like the files the command line opens.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../core/core.h"
#include "testutil.h"

/* The outcome of one import. */
struct res {
	int rc;
	size_t count;
	char *first, *last;
	struct as_err err;
};

static int
setup(void **state)
{
	return test_fx_setup(state, "import", "tests/unit/data/engine.yaml", "ann");
}

static int
teardown(void **state)
{
	return test_fx_teardown(state);
}

static void
import_bytes(struct core *c, const char *csv, size_t len, struct res *r)
{
	FILE *f;

	memset(r, 0, sizeof *r);
	f = fmemopen((void *)(uintptr_t)csv, len, "r");
	assert_non_null(f);
	r->rc = core_import_csv(c, "ticket", f, "in.csv", &r->count,
				&r->first, &r->last, &r->err);
	fclose(f);
}

static void
import(struct core *c, const char *csv, struct res *r)
{
	import_bytes(c, csv, strlen(csv), r);
}

static void
res_free(struct res *r)
{
	free(r->first);
	free(r->last);
	r->first = r->last = NULL;
}

/* The stored value of field key of record id ("" if unset). */
static char *
field_of(struct core *c, const char *id, const char *key)
{
	struct store_rec *r = NULL;
	struct as_err err = {0};
	const char *v;
	char *s;

	assert_int_equal(core_get(c, id, &r, &err), 0);
	v = store_rec_get(r, key);
	s = strdup(v != NULL ? v : "");
	store_rec_free(&r);
	return s;
}

static void
assert_field(struct core *c, const char *id, const char *key,
	     const char *want)
{
	char *v = field_of(c, id, key);

	assert_string_equal(v, want);
	free(v);
}

static void
assert_refused(struct res *r, const char *msg)
{
	assert_int_equal(r->rc, AS_E_INVALID);
	assert_string_equal(r->err.msg, msg);
	assert_int_equal(r->count, 0);
	assert_null(r->first);
	assert_null(r->last);
}

static void
test_good_bom_multiline(void **state)
{
	struct test_fx *f = *state;
	struct res r;
	struct store_rec *rec = NULL;
	struct as_err err = {0};

	import(f->c, "\xef\xbb\xbftitle,phone,note,cost_parts\n"
	       "门坏了,13800000001,\"说\"\"急\"\"\",12.50\n"
	       "空调,13800000002,\"不冷\n（第二行）\",\n", &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.count, 2);
	assert_non_null(r.first);
	assert_non_null(r.last);
	assert_string_not_equal(r.first, r.last);
	assert_field(f->c, r.first, "title", "门坏了");
	assert_field(f->c, r.first, "note", "说\"急\"");
	assert_field(f->c, r.first, "cost_parts", "1250");
	assert_field(f->c, r.last, "note", "不冷\n（第二行）");
	assert_field(f->c, r.last, "cost_parts", "");
	assert_int_equal(core_get(f->c, r.last, &rec, &err), 0);
	assert_string_equal(rec->state, "new");
	store_rec_free(&rec);
	assert_int_equal(test_records(f->c, "ticket"), 2);
	res_free(&r);
}

static void
test_labels_as_headers(void **state)
{
	struct test_fx *f = *state;
	struct res r;

	import(f->c, "标题,电话,类别\n甲,1,quality\n", &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.count, 1);
	assert_field(f->c, r.first, "title", "甲");
	assert_field(f->c, r.first, "phone", "1");
	assert_field(f->c, r.first, "kind", "quality");
	res_free(&r);
	/* English labels, in any case; CRLF line ends */
	import(f->c, "TITLE,Phone,note\r\nB,2,n\r\n", &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.count, 1);
	assert_field(f->c, r.first, "title", "B");
	assert_field(f->c, r.first, "phone", "2");
	assert_field(f->c, r.first, "note", "n");
	res_free(&r);
	assert_int_equal(test_records(f->c, "ticket"), 2);
}

/*
 * An export's number, state and created columns are refused with what to
 * do: re-importing an export would register every record twice.
 */
static void
test_export_meta_refused(void **state)
{
	struct test_fx *f = *state;
	struct res r;

	import(f->c, "number,state,created,title,phone\n"
	       "T2020-000099,done,2020-01-01 08:00,x,5\n", &r);
	assert_refused(&r, "in.csv:1: column \"number\": this column comes "
		       "from an export; an import registers new records with "
		       "new numbers, so importing exported records again "
		       "would register them twice. To register these rows as "
		       "new records, remove the number, state and created "
		       "columns");
	import(f->c, "title,phone,state\nx,5,done\n", &r);
	assert_int_equal(r.rc, AS_E_INVALID);
	assert_non_null(strstr(r.err.msg, "column \"state\": this column "
			       "comes from an export"));
	assert_int_equal(test_records(f->c, "ticket"), 0);
}

static void
test_unknown_column(void **state)
{
	struct test_fx *f = *state;
	struct res r;

	import(f->c, "title,nonesuch\na,b\n", &r);
	assert_refused(&r, "in.csv:1: column \"nonesuch\": not a field of "
		       "Ticket; valid columns: title, phone, kind, owner, "
		       "note, cost_parts, count, due");
	assert_int_equal(test_records(f->c, "ticket"), 0);
}

static void
test_column_twice(void **state)
{
	struct test_fx *f = *state;
	struct res r;

	import(f->c, "title,phone,标题\na,1,b\n", &r);
	assert_refused(&r, "in.csv:1: column \"标题\": given twice");
	assert_int_equal(test_records(f->c, "ticket"), 0);
}

static void
test_short_row(void **state)
{
	struct test_fx *f = *state;
	struct res r;

	import(f->c, "title,phone,note\na,1,x\nb,2\n", &r);
	assert_refused(&r, "in.csv:3: the row has 2 columns, the header "
		       "has 3");
	import(f->c, "title,phone\nb\n", &r);
	assert_refused(&r, "in.csv:2: the row has 1 column, the header "
		       "has 2");
	assert_int_equal(test_records(f->c, "ticket"), 0);
}

static void
test_bad_quote(void **state)
{
	struct test_fx *f = *state;
	struct res r;

	import(f->c, "title,phone\n\"unterminated,1\n", &r);
	assert_refused(&r, "in.csv:2: malformed CSV: a quote inside an "
		       "unquoted field, or a quoted field that does not end "
		       "(RFC 4180)");
	import(f->c, "title,phone\na,1\nb\"c,2\n", &r);
	assert_refused(&r, "in.csv:3: malformed CSV: a quote inside an "
		       "unquoted field, or a quoted field that does not end "
		       "(RFC 4180)");
	assert_int_equal(test_records(f->c, "ticket"), 0);
}

/* R1 §5.1: a bad value in row 3 leaves nothing of the file behind. */
static void
test_bad_value_nothing_written(void **state)
{
	struct test_fx *f = *state;
	struct res r, before, after;
	char *id = NULL;
	struct core_kv in[] = { { "title", "existing" } };
	struct as_err err = {0};

	import(f->c, "title\nfirst\n", &before);
	assert_int_equal(before.rc, 0);
	import(f->c, "title,count\na,1\nb,zz\nc,3\n", &r);
	assert_int_equal(r.rc, AS_E_INVALID);
	assert_true(strncmp(r.err.msg, "in.csv:3: Count: ", 17) == 0);
	assert_int_equal(r.count, 0);
	assert_null(r.first);
	import(f->c, "title,phone\na,1\n,2\n", &r);
	assert_refused(&r, "in.csv:3: Title is required");
	import(f->c, "title,cost_parts\na,12.345\n", &r);
	assert_int_equal(r.rc, AS_E_INVALID);
	assert_true(strncmp(r.err.msg, "in.csv:2: Parts: ", 17) == 0);
	assert_int_equal(test_records(f->c, "ticket"), 1);
	/* no number was used up either: the next one follows the first */
	import(f->c, "title\nsecond\n", &after);
	assert_int_equal(after.rc, 0);
	assert_int_equal(strlen(after.first), strlen(before.first));
	assert_int_equal(atoi(strrchr(after.first, '-') + 1),
			 atoi(strrchr(before.first, '-') + 1) + 1);
	assert_int_equal(core_create(f->c, "ticket", in, 1, &id, &err), 0);
	assert_int_equal(test_records(f->c, "ticket"), 3);
	free(id);
	res_free(&before);
	res_free(&after);
}

static void
test_empty_and_header_only(void **state)
{
	struct test_fx *f = *state;
	struct res r;

	import(f->c, "", &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.count, 0);
	assert_null(r.first);
	import(f->c, "\xef\xbb\xbf", &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.count, 0);
	import(f->c, "title,phone\n", &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.count, 0);
	assert_null(r.first);
	assert_null(r.last);
	import(f->c, "title,phone\n\n\n", &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.count, 0);
	assert_int_equal(test_records(f->c, "ticket"), 0);
}

static void
test_unknown_type(void **state)
{
	struct test_fx *f = *state;
	struct as_err err = {0};
	size_t n = 7;
	FILE *in = fmemopen((void *)(uintptr_t)"title\na\n", 8, "r");
	int rc;

	assert_non_null(in);
	rc = core_import_csv(f->c, "tickets", in, NULL, &n, NULL, NULL, &err);
	fclose(in);
	assert_int_equal(rc, AS_E_NOTFOUND);
	assert_int_equal(n, 0);
	assert_non_null(strstr(err.msg, "no record type \"tickets\""));
	assert_int_equal(test_records(f->c, "ticket"), 0);
}

/* More rows than one read and the first queue hold. */
static void
test_many_rows(void **state)
{
	struct test_fx *f = *state;
	struct as_buf b = {0};
	struct res r;
	size_t i;

	buf_adds(&b, "title,note\n");
	for (i = 0; i < 3000; i++)
		buf_addf(&b, "row %zu,\"a note that is long enough to make "
			 "the file span several reads\"\n", i);
	assert_true(b.len > 65536 * 2);
	import_bytes(f->c, b.data, b.len, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.count, 3000);
	assert_field(f->c, r.last, "title", "row 2999");
	assert_int_equal(test_records(f->c, "ticket"), 3000);
	res_free(&r);
	/* the same with a short row at the end: nothing */
	buf_adds(&b, "last\n");
	import_bytes(f->c, b.data, b.len, &r);
	assert_refused(&r, "in.csv:3002: the row has 1 column, the header "
		       "has 2");
	assert_int_equal(test_records(f->c, "ticket"), 3000);
	buf_free(&b);
}

/*
 * Issue 7: the spreadsheet formula mark of an export (a leading apostrophe
 * before =, +, -, @, TAB, CR or before more apostrophes and one of those)
 * is removed exactly once; any other apostrophe stays.
 */
/* Import one row whose note is the CSV cell `cell`; check the value. */
static void
assert_note_imports_as(struct core *c, const char *cell, const char *want)
{
	struct res r;
	char *csv = xasprintf("title,phone,note\nt,1,%s\n", cell);

	import(c, csv, &r);
	free(csv);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.count, 1);
	assert_field(c, r.first, "note", want);
	res_free(&r);
}

static void
test_formula_mark_removed(void **state)
{
	struct test_fx *f = *state;

	assert_note_imports_as(f->c, "'=SUM(A1)", "=SUM(A1)");
	assert_note_imports_as(f->c, "'+1", "+1");
	assert_note_imports_as(f->c, "'-1", "-1");
	assert_note_imports_as(f->c, "'@x", "@x");
	assert_note_imports_as(f->c, "''=x", "'=x");
	assert_note_imports_as(f->c, "'''+1", "''+1");
	assert_note_imports_as(f->c, "\"''\t=1\"", "'\t=1");
	assert_note_imports_as(f->c, "'x", "'x");
	assert_note_imports_as(f->c, "'", "'");
	assert_note_imports_as(f->c, "=1", "=1");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good_bom_multiline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_labels_as_headers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_meta_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_column, setup, teardown),
		cmocka_unit_test_setup_teardown(test_column_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_short_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_quote, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_value_nothing_written, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_and_header_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_formula_mark_removed, setup, teardown),
	};

	return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
