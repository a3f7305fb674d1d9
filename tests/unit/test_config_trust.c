/*
 * test_config_trust.c - cfg_load_flags(CFG_ROOT_ONLY), what a privileged
 * (setgid) aftersales loads its configuration with (issue 7, "Identity
 * and configuration in the installed deployment"): a file, or an included
 * file, that is not owned by root and writable by root alone, or that sits
 * in a folder someone else could change, is refused with AS_E_PERM and one
 * sentence naming it; nothing of its contents is shown.  Without the flag
 * the same files load, so the flag is what refuses them.
 *
 * Changing a file's owner needs root: as anyone else every test is
 * skipped.  Each test works in its own mkdtemp folder under /tmp (root's,
 * sticky), which it owns as root.
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

#include "../../config/config.h"
#include "testutil.h"

#define NOBODY 65534	/* an owner that is not root; need not exist */

#define RULE "a privileged (setuid or setgid) aftersales reads only " \
	"configuration owned by root and writable by root alone, in folders " \
	"only root can change"

struct fx {
	char dir[64];
	char path[256];
	struct cfg *cfg;
	struct cfg_diags diags;
	struct as_err err;
};

static int
setup(void **state)
{
	struct fx *fx;

	*state = NULL;
	if (geteuid() != 0)
		return 0;
	fx = calloc(1, sizeof *fx);
	assert_non_null(test_tmpdir(fx->dir, sizeof fx->dir, "trust"));
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	if (fx == NULL)
		return 0;
	cfg_free(&fx->cfg);
	cfg_diags_free(&fx->diags);
	test_rmrf(fx->dir);
	free(fx);
	return 0;
}

/* The fixture, or the test is skipped when not run as root. */
static struct fx *
need_root(void **state)
{
	if (*state == NULL) {
		print_message("skipped: changing a file's owner needs root\n");
		skip();
	}
	return *state;
}

/* Write text to dir/name, mode 0644, owner root; returns its path. */
static const char *
put(struct fx *fx, const char *name, const char *text)
{
	FILE *f;

	snprintf(fx->path, sizeof fx->path, "%s/%s", fx->dir, name);
	f = fopen(fx->path, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(fx->path, 0644), 0);
	return fx->path;
}

static int
load(struct fx *fx, const char *path, int flags)
{
	cfg_free(&fx->cfg);
	cfg_diags_free(&fx->diags);
	return cfg_load_flags(path, NULL, flags, &fx->cfg, &fx->diags,
	    &fx->err);
}

/* The refusal of file path for the reason why, as the loader words it. */
static void
assert_refused(struct fx *fx, const char *path, const char *what,
	       const char *why)
{
	char want[1024];

	assert_int_equal(load(fx, path, CFG_ROOT_ONLY), AS_E_PERM);
	assert_null(fx->cfg);
	snprintf(want, sizeof want, "%s %s is refused: " RULE ", and %s",
	    what, what[0] == 'c' ? path : fx->path, why);
	assert_string_equal(fx->err.msg, want);
	assert_int_equal(fx->err.code, AS_E_PERM);
}

/* Root's own file in root's folders loads; so does its root-owned base. */
static void
test_root_file_loads(void **state)
{
	struct fx *fx = need_root(state);
	char top[256];

	put(fx, "base.yaml", "roles: {admin: {zh: 管理员, en: Admin}}\n");
	snprintf(top, sizeof top, "%s",
	    put(fx, "site.yaml", "include: base.yaml\n"
	    "users: {li: {roles: [admin]}}\n"));
	assert_int_equal(load(fx, top, CFG_ROOT_ONLY), 0);
	assert_non_null(cfg_user(fx->cfg, "li"));
	/* group-readable is fine: only writing is root's alone */
	assert_int_equal(chmod(top, 0640), 0);
	assert_int_equal(load(fx, top, CFG_ROOT_ONLY), 0);
}

/* Issue 7: a user's own YAML is refused whatever it says. */
static void
test_other_owner(void **state)
{
	struct fx *fx = need_root(state);
	const char *p = put(fx, "mine.yaml", "allow_user_override: true\n");

	assert_int_equal(chown(p, NOBODY, NOBODY), 0);
	assert_int_equal(load(fx, p, 0), 0);
	assert_refused(fx, p, "config file",
	    "it belongs to uid 65534, not to root");
}

/* Writable by the group or by others: anyone of them could change it. */
static void
test_writable(void **state)
{
	struct fx *fx = need_root(state);
	const char *p = put(fx, "w.yaml", "timezone: UTC\n");

	assert_int_equal(chmod(p, 0664), 0);
	assert_refused(fx, p, "config file",
	    "it is writable by its group (mode 0664)");
	assert_int_equal(chmod(p, 0646), 0);
	assert_refused(fx, p, "config file",
	    "it is writable by others (mode 0646)");
	assert_int_equal(chmod(p, 0600), 0);
	assert_int_equal(load(fx, p, CFG_ROOT_ONLY), 0);
}

/*
 * Issue 7: a user's file that includes the production one is refused, and
 * so is a root-owned file including a user's: the included file is named,
 * with the include: line in the diagnostics.
 */
static void
test_included(void **state)
{
	struct fx *fx = need_root(state);
	char top[256], want[1024];
	const char *base;

	base = put(fx, "base.yaml", "allow_user_override: true\n");
	assert_int_equal(chown(base, NOBODY, NOBODY), 0);
	snprintf(top, sizeof top, "%s", put(fx, "site.yaml",
	    "timezone: UTC\ninclude: base.yaml\n"));
	snprintf(fx->path, sizeof fx->path, "%s/base.yaml", fx->dir);
	assert_refused(fx, top, "included file",
	    "it belongs to uid 65534, not to root");
	assert_string_equal(fx->err.file, top);
	assert_int_equal(fx->err.line, 2);
	assert_int_equal(fx->err.col, 10);
	assert_int_equal(fx->diags.n, 1);
	assert_int_equal(fx->diags.v[0].line, 2);
	snprintf(want, sizeof want, "included file %s/base.yaml is refused: "
	    RULE ", and it belongs to uid 65534, not to root", fx->dir);
	assert_string_equal(fx->diags.v[0].message, want);
	assert_int_equal(load(fx, top, 0), 0);
}

/* Nothing of a refused file is parsed or shown, not even a syntax error. */
static void
test_contents_hidden(void **state)
{
	struct fx *fx = need_root(state);
	const char *p = put(fx, "s.yaml", "password: hunter2\n");
	size_t i;

	assert_int_equal(chown(p, NOBODY, NOBODY), 0);
	assert_int_equal(load(fx, p, CFG_ROOT_ONLY), AS_E_PERM);
	for (i = 0; i < fx->diags.n; i++)
		assert_null(strstr(fx->diags.v[i].text, "hunter2"));
	assert_null(strstr(fx->err.msg, "hunter2"));
	assert_int_equal(load(fx, p, 0), AS_E_CONFIG);
	assert_non_null(strstr(fx->diags.v[0].text, "hunter2"));
}

/*
 * A root file in a folder others may write without the sticky bit, or in
 * a folder of another owner, can be swapped for theirs: refused.  Sticky
 * (like /tmp) protects root's entry: loads.
 */
static void
test_folder(void **state)
{
	struct fx *fx = need_root(state);
	char sub[128], want[256];
	const char *p;

	snprintf(sub, sizeof sub, "%s/etc", fx->dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	p = put(fx, "etc/a.yaml", "timezone: UTC\n");
	assert_int_equal(load(fx, p, CFG_ROOT_ONLY), 0);
	assert_int_equal(chmod(sub, 0777), 0);
	snprintf(want, sizeof want, "its folder %s is writable by others and "
	    "not sticky (mode 0777)", sub);
	assert_refused(fx, p, "config file", want);
	assert_int_equal(chmod(sub, 0775), 0);
	snprintf(want, sizeof want, "its folder %s is writable by its group "
	    "and not sticky (mode 0775)", sub);
	assert_refused(fx, p, "config file", want);
	assert_int_equal(chmod(sub, 01777), 0);
	assert_int_equal(load(fx, p, CFG_ROOT_ONLY), 0);
	assert_int_equal(chmod(sub, 0755), 0);
	assert_int_equal(chown(sub, NOBODY, NOBODY), 0);
	snprintf(want, sizeof want, "its folder %s belongs to uid 65534, not "
	    "to root", sub);
	assert_refused(fx, p, "config file", want);
	assert_int_equal(load(fx, p, 0), 0);
}

/* A link in root's folder to a file in another's folder is refused. */
static void
test_symlink(void **state)
{
	struct fx *fx = need_root(state);
	char sub[128], link[128], want[256];
	const char *p;

	snprintf(sub, sizeof sub, "%s/home", fx->dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	p = put(fx, "home/a.yaml", "timezone: UTC\n");
	assert_int_equal(chown(sub, NOBODY, NOBODY), 0);
	snprintf(link, sizeof link, "%s/link.yaml", fx->dir);
	assert_int_equal(symlink(p, link), 0);
	snprintf(want, sizeof want, "its folder %s belongs to uid 65534, not "
	    "to root", sub);
	assert_refused(fx, link, "config file", want);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_root_file_loads),
		TEST(test_other_owner),
		TEST(test_writable),
		TEST(test_included),
		TEST(test_contents_hidden),
		TEST(test_folder),
		TEST(test_symlink),
	};

	as_lang_set("en");      /* the English wording is checked */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
