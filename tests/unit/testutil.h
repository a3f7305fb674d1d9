/*
 * testutil.h - what the cmocka tests of core/ and config/ share: a fresh
 * mkdtemp folder per test, files of the repository found through $AS_TOP
 * (set by tests/run.sh; "." when a test is run by hand from the top), and
 * removing the folder afterwards.
 */
#ifndef AS_TESTUTIL_H
#define AS_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>

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

#endif
