/*
 * testutil.h - what the cmocka tests of core/ and config/ share: a fresh
 * mkdtemp folder per test, files of the repository found through $AS_TOP
 * (set by tests/run.sh; "." when a test is run by hand from the top),
 * removing the folder afterwards, and for the tests of core/ a core
 * opened on that folder and the few look-ups their assertions use.
 */
#ifndef AS_TESTUTIL_H
#define AS_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "../../core/core.h"

/* Make dir (room for 64 bytes) a new empty folder /tmp/as-TAG-XXXXXX. */
static inline char *
test_tmpdir(char *dir, size_t size, const char *tag)
{
	snprintf(dir, size, "/tmp/as-%s-XXXXXX", tag);
	return mkdtemp(dir);
}

/* path := $AS_TOP/rel, the repository file rel. */
static inline void
test_path(char *path, size_t size, const char *rel)
{
	const char *top = getenv("AS_TOP");

	snprintf(path, size, "%s/%s", top != NULL ? top : ".", rel);
}

/* Remove folder dir and everything in it. */
static inline void
test_rmrf(const char *dir)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

/*
 * A core on the database in folder dir (created if need be) with the
 * configuration file cfgpath, as user, with messages in English; fails
 * the test when it cannot be opened.
 */
static inline struct core *
test_core_open(const char *dir, const char *cfgpath, const char *user)
{
	struct core_opts o = { .db = dir, .config = cfgpath, .user = user,
	    .create = 1, .lang = "en" };
	struct as_err err = {0};
	struct core *c = NULL;

	if (core_open(&o, &c, NULL, &err) != 0)
		fail_msg("core_open %s: %s", cfgpath, err.msg);
	return c;
}

/*
 * The usual fixture: dir := a new folder named for tag, cfgpath := the
 * repository file rel, no $AFTERSALES_USER, and a core on them as user.
 */
static inline struct core *
test_core_setup(char dir[static 64], char cfgpath[static 512],
		const char *tag, const char *rel, const char *user)
{
	assert_non_null(test_tmpdir(dir, 64, tag));
	test_path(cfgpath, 512, rel);
	unsetenv("AFTERSALES_USER");
	return test_core_open(dir, cfgpath, user);
}

/* Undo test_core_setup: close *c, remove dir. */
static inline void
test_core_teardown(struct core **c, const char *dir)
{
	core_close(c);
	test_rmrf(dir);
}

/* The fixture most tests of core/ share: a folder, a configuration, a core. */
struct test_fx {
	char dir[64];
	char cfgpath[512];
	struct core *c;
};

/* A cmocka setup: *state := a test_fx made by test_core_setup. */
static inline int
test_fx_setup(void **state, const char *tag, const char *rel,
	      const char *user)
{
	struct test_fx *f = calloc(1, sizeof *f);

	f->c = test_core_setup(f->dir, f->cfgpath, tag, rel, user);
	*state = f;
	return 0;
}

/* The cmocka teardown of test_fx_setup. */
static inline int
test_fx_teardown(void **state)
{
	struct test_fx *f = *state;

	test_core_teardown(&f->c, f->dir);
	free(f);
	return 0;
}

static inline int
test_count_rec(const struct store_rec *r, void *ctx)
{
	(void)r;
	(*(size_t *)ctx)++;
	return 0;
}

/* How many records of type there are (every view). */
static inline size_t
test_records(struct core *c, const char *type)
{
	struct core_list q = {0};
	struct as_err err = {0};
	size_t n = 0;

	q.type = type;
	q.view = CORE_VIEW_ALL;
	assert_int_equal(core_list(c, &q, test_count_rec, &n, &err), 0);
	return n;
}

/* Record id, which must exist; the caller frees it. */
static inline struct store_rec *
test_get(struct core *c, const char *id)
{
	struct store_rec *r = NULL;
	struct as_err err = {0};

	assert_int_equal(core_get(c, id, &r, &err), 0);
	return r;
}

/* The revision of record id. */
static inline uint64_t
test_rev_of(struct core *c, const char *id)
{
	struct store_rec *r = test_get(c, id);
	uint64_t rev = r->rev;

	store_rec_free(&r);
	return rev;
}

#endif
