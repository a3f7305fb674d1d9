/*
 * test_perms.c - who may write what outside the workflow's steps: who
 * may register a record and which fields each role fills in then (a type's
 * create:), and who may run the maintenance commands (maintenance:), on a
 * real LMDB database in a fresh mkdtemp folder per test, with the small
 * configuration tests/unit/data/perms.yaml and the shipped
 * config/demo.yaml (R1 §5.1: the posts that receive complaints register
 * them with the customer opinion form).  Every refusal writes nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../core/core.h"
#include "testutil.h"

/* Open the test database with configuration rel as user. */
static void
open_as(struct test_fx *f, const char *rel, const char *user)
{
	core_close(&f->c);
	test_path(f->cfgpath, sizeof f->cfgpath, rel);
	f->c = test_core_open(f->dir, f->cfgpath, user);
}

static int
setup(void **state)
{
	return test_fx_setup(state, "perms", "tests/unit/data/perms.yaml", "ann");
}

static int
teardown(void **state)
{
	return test_fx_teardown(state);
}

static void
as_user(struct test_fx *f, const char *login)
{
	struct as_err err = {0};

	assert_int_equal(core_set_user(f->c, login, &err), 0);
}

/* Create a ticket from in; returns the code, frees the number. */
static int
create(struct test_fx *f, const struct core_kv *in, size_t n, struct as_err *err)
{
	char *id = NULL;
	int rc;

	memset(err, 0, sizeof *err);
	rc = core_create(f->c, "ticket", in, n, &id, err);
	if (rc != 0)
		assert_null(id);
	free(id);
	return rc;
}

/* A role no create: entry names may not register, and is told who may. */
static void
test_create_role_refused(void **state)
{
	struct test_fx *f = *state;
	struct core_kv in[] = { { "title", "门坏了" } };
	struct as_err err;

	as_user(f, "gus");
	assert_int_equal(core_may_create(f->c, cfg_rectype(core_cfg(f->c),
	    "ticket"), NULL), AS_E_PERM);
	assert_int_equal(create(f, in, 1, &err), AS_E_PERM);
	assert_string_equal(err.msg, "gus (Guest) may not register a Ticket; "
			    "only Boss, Clerk, Finance may");
	assert_int_equal(test_records(f->c, "ticket"), 0);
	as_user(f, "bob");
	assert_int_equal(create(f, in, 1, &err), 0);
	assert_int_equal(test_records(f->c, "ticket"), 1);
}

/*
 * A field the user's roles may not fill in at registration is refused,
 * named with its label, and nothing is written; the same call without it
 * succeeds.
 */
static void
test_create_field_refused(void **state)
{
	struct test_fx *f = *state;
	struct core_kv owner[] = { { "title", "t" }, { "phone", "1" },
				   { "owner", "ann" } };
	struct core_kv cost[] = { { "title", "t" }, { "cost", "12.50" } };
	struct as_err err;

	as_user(f, "bob");
	assert_int_equal(create(f, owner, 3, &err), AS_E_PERM);
	assert_string_equal(err.msg, "owner: Owner may not be set by bob when "
			    "registering a Ticket; a later step sets it (at "
			    "registration: title, phone)");
	assert_int_equal(create(f, cost, 2, &err), AS_E_PERM);
	assert_true(strncmp(err.msg, "cost: Cost may not be set by bob", 32)
		    == 0);
	assert_int_equal(test_records(f->c, "ticket"), 0);
	assert_int_equal(create(f, owner, 2, &err), 0);
	/* the boss fills in the owner, not the cost */
	as_user(f, "ann");
	assert_int_equal(create(f, owner, 3, &err), 0);
	assert_int_equal(create(f, cost, 2, &err), AS_E_PERM);
	assert_int_equal(test_records(f->c, "ticket"), 2);
}

/* An empty value sets nothing, so it is no reason to refuse. */
static void
test_create_empty_value(void **state)
{
	struct test_fx *f = *state;
	struct core_kv in[] = { { "title", "t" }, { "owner", "" },
				{ "cost", "" } };
	struct as_err err;

	as_user(f, "bob");
	assert_int_equal(create(f, in, 3, &err), 0);
	assert_int_equal(test_records(f->c, "ticket"), 1);
}

/* A user with several roles fills in the fields of each. */
static void
test_create_union_of_roles(void **state)
{
	struct test_fx *f = *state;
	const struct cfg_rectype *rt = cfg_rectype(core_cfg(f->c), "ticket");
	struct core_kv in[] = { { "title", "t" }, { "phone", "1" },
				{ "cost", "3" } };
	struct as_err err;

	as_user(f, "cat");
	assert_true(core_create_field_ok(f->c, rt, cfg_field(rt, "phone")));
	assert_true(core_create_field_ok(f->c, rt, cfg_field(rt, "cost")));
	assert_false(core_create_field_ok(f->c, rt, cfg_field(rt, "owner")));
	assert_false(core_create_field_ok(f->c, rt, cfg_field(rt, "note")));
	assert_int_equal(create(f, in, 3, &err), 0);
}

/* A type without create: is registered by nobody, admin or not. */
static void
test_no_create_means_nobody(void **state)
{
	struct test_fx *f = *state;
	struct core_kv in[] = { { "text", "x" } };
	struct as_err err = {0};
	char *id = NULL;

	assert_int_equal(core_create(f->c, "memo", in, 1, &id, &err),
			 AS_E_PERM);
	assert_null(id);
	assert_string_equal(err.msg, "nobody may register a Memo: the "
			    "configuration names no roles under its create:");
	assert_int_equal(test_records(f->c, "memo"), 0);
}

struct rows {
	const struct core_kv *const *rows;
	const size_t *n;
	size_t i, count;
};

static int
rows_next(void *vctx, const struct core_kv **in, size_t *n,
	  struct as_err *err)
{
	struct rows *r = vctx;

	(void)err;
	if (r->i == r->count)
		return 0;
	*in = r->rows[r->i];
	*n = r->n[r->i++];
	return 1;
}

static int
rows_rewind(void *vctx, struct as_err *err)
{
	(void)err;
	((struct rows *)vctx)->i = 0;
	return 0;
}

/* Bulk creation: the row with a forbidden field is named, none written. */
static void
test_create_rows_bad_row(void **state)
{
	struct test_fx *f = *state;
	struct core_kv ok[] = { { "title", "a" } };
	struct core_kv bad[] = { { "title", "b" }, { "owner", "ann" } };
	const struct core_kv *v[] = { ok, bad, ok };
	const size_t n[] = { 1, 2, 1 };
	struct rows r = { v, n, 0, 3 };
	struct core_rows src = { rows_next, rows_rewind, &r };
	struct as_err err = {0};
	size_t count = 9, bad_row = 9;

	as_user(f, "bob");
	assert_int_equal(core_create_rows(f->c, "ticket", &src, &count,
					  &bad_row, NULL, NULL, &err),
			 AS_E_PERM);
	assert_int_equal(bad_row, 1);
	assert_int_equal(count, 0);
	assert_true(strncmp(err.msg, "owner: ", 7) == 0);
	assert_int_equal(test_records(f->c, "ticket"), 0);
}

static int
import(struct test_fx *f, const char *csv, struct as_err *err)
{
	FILE *in = fmemopen((void *)(uintptr_t)csv, strlen(csv), "r");
	size_t count = 0;
	int rc;

	assert_non_null(in);
	memset(err, 0, sizeof *err);
	rc = core_import_csv(f->c, "ticket", in, "in.csv", &count, NULL,
			     NULL, err);
	fclose(in);
	return rc;
}

/*
 * import obeys create: row by row: an empty cell in a forbidden column
 * sets nothing, a value there refuses the file at FILE:ROW, naming the
 * column, and nothing is written.
 */
static void
test_import_forbidden_column(void **state)
{
	struct test_fx *f = *state;
	struct as_err err;

	as_user(f, "bob");
	assert_int_equal(import(f, "title,owner,phone\n甲,,1\n乙,ann,2\n丙,,3\n",
				&err), AS_E_PERM);
	assert_string_equal(err.msg, "in.csv:3: owner: Owner may not be set "
			    "by bob when registering a Ticket; a later step "
			    "sets it (at registration: title, phone)");
	assert_int_equal(test_records(f->c, "ticket"), 0);
	assert_int_equal(import(f, "title,owner,phone\n甲,,1\n丙,,3\n", &err),
			 0);
	assert_int_equal(test_records(f->c, "ticket"), 2);
}

/* Only the roles maintenance: names for import may import. */
static void
test_import_maintenance_role(void **state)
{
	struct test_fx *f = *state;
	struct as_err err;

	as_user(f, "ann");
	assert_int_equal(import(f, "title\n甲\n", &err), AS_E_PERM);
	assert_string_equal(err.msg, "ann (Boss) may not run import; only "
			    "Clerk may");
	assert_int_equal(test_records(f->c, "ticket"), 0);
}

/* reindex and backup check maintenance: themselves; demo asks core_may. */
static void
test_maintenance_roles(void **state)
{
	struct test_fx *f = *state;
	struct as_err err = {0};
	struct stat st;
	char dest[128];
	uint64_t n = 0;

	snprintf(dest, sizeof dest, "%s/copy", f->dir);
	as_user(f, "bob");
	assert_int_equal(core_reindex(f->c, &n, &err), AS_E_PERM);
	assert_string_equal(err.msg, "bob (Clerk) may not run reindex; only "
			    "Boss may");
	assert_int_equal(core_backup(f->c, dest, &err), AS_E_PERM);
	assert_string_equal(err.msg, "bob (Clerk) may not run backup; only "
			    "Boss, Finance may");
	assert_int_not_equal(stat(dest, &st), 0);
	assert_int_equal(core_may(f->c, "demo", &err), AS_E_PERM);
	assert_string_equal(err.msg, "nobody may run demo: the configuration "
			    "names no roles for it under maintenance:");
	as_user(f, "cat");
	assert_int_equal(core_reindex(f->c, &n, &err), AS_E_PERM);
	assert_int_equal(core_may(f->c, "backup", NULL), 0);
	as_user(f, "ann");
	assert_int_equal(core_reindex(f->c, &n, &err), 0);
	assert_int_equal(core_backup(f->c, dest, &err), 0);
	assert_int_equal(stat(dest, &st), 0);
	assert_int_equal(core_may(f->c, "demo", NULL), AS_E_PERM);
}

/*
 * A maintenance command named to core_open is refused before the database
 * is opened, so a refused import or demo into an empty folder creates no
 * database there.
 */
static void
test_open_refuses_command(void **state)
{
	struct test_fx *f = *state;
	struct core_opts o = {0};
	struct as_err err = {0};
	struct core *c = NULL;
	struct stat st;
	char db[128], mdb[160];

	snprintf(db, sizeof db, "%s/empty", f->dir);
	snprintf(mdb, sizeof mdb, "%s/data.mdb", db);
	assert_int_equal(mkdir(db, 0700), 0);
	o.db = db;
	o.config = f->cfgpath;
	o.user = "ann";
	o.create = 1;
	o.lang = "en";
	o.command = "import";
	assert_int_equal(core_open(&o, &c, NULL, &err), AS_E_PERM);
	assert_null(c);
	assert_string_equal(err.msg, "ann (Boss) may not run import; only "
			    "Clerk may");
	assert_int_not_equal(stat(mdb, &st), 0);
	o.user = "bob";
	assert_int_equal(core_open(&o, &c, NULL, &err), 0);
	core_close(&c);
	assert_int_equal(stat(mdb, &st), 0);
}

/*
 * Shipped (config/demo.yaml over config/aftersales.yaml), R1 §5.1, §7.2:
 * the posts that receive complaints register them, filling in the customer
 * opinion fields only; the store clerk and the departments do not.  The
 * administrator alone runs the maintenance commands.
 */
static void
test_shipped_rules(void **state)
{
	static const char *const may[] = { "admin", "office_manager",
	    "engineer", "business", "branch_manager", NULL };
	static const char *const may_not[] = { "store_clerk", "finance",
	    "qc", "production", "technical", "tech_dev", NULL };
	static const char *const opinion[] = { "customer_name",
	    "customer_org", "phone", "address", "model", "serial", "component",
	    "channel", "received_at", "answered_at", "description",
	    "fault_class", "distance_km", "supplier", NULL };
	static const char *const maint[] = { "reindex", "backup", "demo",
	    "import", NULL };
	struct test_fx *f = *state;
	const struct cfg_rectype *rt;
	size_t i, j, nset;

	open_as(f, "config/demo.yaml", "admin");
	rt = cfg_rectype(core_cfg(f->c), "complaint");
	assert_non_null(rt);
	for (i = 0; may[i] != NULL; i++) {
		as_user(f, may[i]);
		assert_int_equal(core_may_create(f->c, rt, NULL), 0);
		nset = 0;
		for (j = 0; j < rt->nfields; j++)
			nset += (size_t)core_create_field_ok(f->c, rt,
							     &rt->fields[j]);
		/* the opinion fields, and the unit it belongs to (R1 §8.1) */
		assert_int_equal(nset, 15);
		for (j = 0; opinion[j] != NULL; j++)
			assert_true(core_create_field_ok(f->c, rt,
			    cfg_field(rt, opinion[j])));
		assert_true(core_create_field_ok(f->c, rt, rt->unit_field));
		for (j = 0; maint[j] != NULL; j++)
			assert_int_equal(core_may(f->c, maint[j], NULL),
			    strcmp(may[i], "admin") == 0 ? 0 : AS_E_PERM);
	}
	for (i = 0; may_not[i] != NULL; i++) {
		as_user(f, may_not[i]);
		assert_int_equal(core_may_create(f->c, rt, NULL), AS_E_PERM);
		for (j = 0; maint[j] != NULL; j++)
			assert_int_equal(core_may(f->c, maint[j], NULL),
			    AS_E_PERM);
	}
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_create_role_refused),
		TEST(test_create_field_refused),
		TEST(test_create_empty_value),
		TEST(test_create_union_of_roles),
		TEST(test_no_create_means_nobody),
		TEST(test_create_rows_bad_row),
		TEST(test_import_forbidden_column),
		TEST(test_import_maintenance_role),
		TEST(test_maintenance_roles),
		TEST(test_open_refuses_command),
		TEST(test_shipped_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
