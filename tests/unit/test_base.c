/*
 * test_base.c - the text helpers of config/as_base.c that every output
 * path relies on: as_esc (control characters made visible, issue 7
 * "nothing raw reaches a terminal") and the spreadsheet formula mark
 * (as_formula_risky / as_formula_unmark).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "../../config/as_base.h"

/* Escape the n bytes at s with flags and compare with want. */
static void
check_esc_n(const char *s, size_t n, int flags, const char *want)
{
	struct as_buf b = {0};

	as_esc(&b, s, n, flags);
	assert_non_null(b.data);
	assert_string_equal(b.data, want);
	assert_int_equal(b.len, strlen(want));
	buf_free(&b);
}

static void
check_esc(const char *s, int flags, const char *want)
{
	check_esc_n(s, strlen(s), flags, want);
}

/* 1 if s holds a C0 control, DEL or a UTF-8 encoded C1 character. */
static int
has_control(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 &&
		    p[1] <= 0x9f))
			return 1;
	return 0;
}

static void
test_esc_c0(void **state)
{
	(void)state;
	check_esc("a\x01" "b\x1f" "c", 0, "a\\x01b\\x1fc");
	check_esc("\b\a\f\v", 0, "\\x08\\x07\\x0c\\x0b");
	check_esc("t\tn\nr\r", 0, "t\\tn\\nr\\r");
	/* TAB and LF may be kept where the format allows them; CR never */
	check_esc("t\tn\nr\r", AS_ESC_TAB | AS_ESC_LF, "t\tn\nr\\r");
	check_esc("t\tn\n", AS_ESC_LF, "t\\tn\n");
	check_esc_n("a\0b", 3, 0, "a\\x00b");
}

static void
test_esc_sequences(void **state)
{
	(void)state;
	/* OSC retitle, CSI clear screen, SGR colour: nothing stays live */
	check_esc("\x1b]0;pwned\x07", 0, "\\x1b]0;pwned\\x07");
	check_esc("\x1b[2J\x1b[31mred", 0, "\\x1b[2J\\x1b[31mred");
	check_esc("\x1b[2J", AS_ESC_TAB | AS_ESC_LF | AS_ESC_KEEPBS,
		  "\\x1b[2J");
}

static void
test_esc_del_c1(void **state)
{
	(void)state;
	check_esc("a\x7f" "b", 0, "a\\x7fb");
	/* C1 encoded as UTF-8: U+009B (CSI), U+0085 (NEL), U+0080, U+009F */
	check_esc("\xc2\x9b" "2J", 0, "\\u009b2J");
	check_esc("\xc2\x85\xc2\x80\xc2\x9f", 0, "\\u0085\\u0080\\u009f");
	/* U+00A0 and U+00E9 are not C1: unchanged */
	check_esc("\xc2\xa0\xc3\xa9", 0, "\xc2\xa0\xc3\xa9");
}

static void
test_esc_invalid_utf8(void **state)
{
	(void)state;
	/* a raw 8-bit C1 byte, a lone continuation, a cut sequence, an
	 * overlong ESC, a surrogate */
	check_esc("\x9b" "2J", 0, "\\x9b2J");
	check_esc("a\x80", 0, "a\\x80");
	check_esc("\xe4\xb8", 0, "\\xe4\\xb8");
	check_esc("\xc0\x9b", 0, "\\xc0\\x9b");
	check_esc("\xed\xa0\x80", 0, "\\xed\\xa0\\x80");
	check_esc("\xff", 0, "\\xff");
}

static void
test_esc_backslash(void **state)
{
	(void)state;
	/* a literal "\x1b" typed by someone differs from an ESC */
	check_esc("C:\\x1b", 0, "C:\\\\x1b");
	check_esc("C:\\x1b", AS_ESC_KEEPBS, "C:\\x1b");
}

static void
test_esc_chinese_untouched(void **state)
{
	char *s;

	(void)state;
	check_esc("王建国，空调不冷（第二行）😀", 0,
		  "王建国，空调不冷（第二行）😀");
	check_esc("", 0, "");
	s = as_esc_str(NULL, 0);
	assert_string_equal(s, "");
	free(s);
	/* the escaped text has no control left, and its width is what a
	 * terminal shows: ESC is 4 columns, each Chinese character 2 */
	s = as_esc_str("王\x1b[2J李\xc2\x9b", 0);
	assert_string_equal(s, "王\\x1b[2J李\\u009b");
	assert_false(has_control(s));
	assert_int_equal(utf8_width(s, strlen(s)), 2 + 4 + 3 + 2 + 6);
	free(s);
}

static void
test_esc_all_bytes(void **state)
{
	char in[256], *s;
	size_t i;

	(void)state;
	for (i = 0; i < 255; i++)
		in[i] = (char)(i + 1);
	in[255] = '\0';
	s = as_esc_str(in, 0);
	assert_false(has_control(s));
	assert_true(utf8_valid(s, strlen(s)));   /* no stray 8-bit byte */
	free(s);
	assert_true(has_control("a\x1b"));   /* the check itself can fail */
	assert_true(has_control("\xc2\x9b"));
}

static void
test_formula_risky(void **state)
{
	static const char *const risky[] = {
		"=SUM(A1)", "+1", "-1", "@x", "\tx", "\rx", "'=x", "''+1",
		"'\t", "=",
	};
	static const char *const plain[] = {
		"", "x", "1", "王建国", "'", "''", "'x", " =x", "a=b", "x-1",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof risky / sizeof risky[0]; i++)
		assert_true(as_formula_risky(risky[i]));
	for (i = 0; i < sizeof plain / sizeof plain[0]; i++)
		assert_false(as_formula_risky(plain[i]));
	assert_false(as_formula_risky(NULL));
}

static void
test_formula_roundtrip(void **state)
{
	static const char *const values[] = {
		"=SUM(A1)", "+1", "-1", "@x", "\tx", "\rx", "'=x", "''=x",
		"'", "''", "'x", "x", "", "王建国", "'王",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof values / sizeof values[0]; i++) {
		const char *v = values[i];
		char *cell = as_formula_risky(v) ? xasprintf("'%s", v)
						 : xstrdup(v);

		/* the exported cell is never live */
		assert_false(cell[0] == '=' || cell[0] == '+' ||
			     cell[0] == '-' || cell[0] == '@' ||
			     cell[0] == '\t' || cell[0] == '\r');
		assert_string_equal(as_formula_unmark(cell), v);
		free(cell);
	}
	/* "'=x" leaves the export as "''=x"; the import removes one */
	assert_string_equal(as_formula_unmark("''=x"), "'=x");
	assert_string_equal(as_formula_unmark("'=x"), "=x");
	assert_string_equal(as_formula_unmark("'x"), "'x");
	assert_string_equal(as_formula_unmark("'"), "'");
}

/* Whether a [heap] mapping of this process is advised MADV_HUGEPAGE. */
static int
heap_advised(void)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int heap = 0, hg = 0;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		/* a mapping's first line starts with its address, in
		   lower-case hex; the lines of its figures with a name */
		if ((line[0] >= '0' && line[0] <= '9') ||
		    (line[0] >= 'a' && line[0] <= 'f'))
			heap = strstr(line, "[heap]") != NULL;
		if (heap && strncmp(line, "VmFlags:", 8) == 0 &&
		    strstr(line, " hg") != NULL)
			hg = 1;
	}
	fclose(f);
	return hg;
}

/*
 * A large coming transaction gets its heap in huge pages where the
 * kernel has them (a kernel with transparent huge pages shows
 * /sys/kernel/mm/transparent_hugepage/enabled); a small one does not;
 * the heap works on either way.
 */
static void
test_heap_huge(void **state)
{
	int thp = access("/sys/kernel/mm/transparent_hugepage/enabled",
	    F_OK) == 0;
	char *p;

	(void)state;
	as_heap_huge((size_t)1 << 20);   /* 1 MiB: not worth it */
	assert_int_equal(heap_advised(), 0);
	as_heap_huge((size_t)64 << 20);
#if defined(__SANITIZE_ADDRESS__)
	thp = 0;   /* ASan's heap is not glibc's */
#endif
	assert_int_equal(heap_advised(), thp);
	p = xmalloc((size_t)8 << 20);
	memset(p, 1, (size_t)8 << 20);
	assert_int_equal(p[(8 << 20) - 1], 1);
	free(p);
}

#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 33) && \
    !defined(__SANITIZE_ADDRESS__)   /* test_heap_ready's check */
/* The pages of [p, p + n): how many, and (*res) how many are resident. */
static size_t
pages_of(const void *p, size_t n, size_t *res)
{
	const uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t lo = (uintptr_t)p & ~(pg - 1);
	uintptr_t hi = ((uintptr_t)p + n + pg - 1) & ~(pg - 1);
	unsigned char v[80];
	size_t i;

	assert_true((hi - lo) / pg <= sizeof v);
	assert_int_equal(mincore((void *)lo, hi - lo, v), 0);
	for (i = 0; i < (hi - lo) / pg; i++)
		*res += v[i] & 1;
	return (hi - lo) / pg;
}
#endif

/*
 * A short process readies its heap for the allocations of its one step
 * (issue 13, `do`): the top of the heap holds them, its pages present
 * already (not faulted in one by one as LMDB copies each page it
 * changes); the heap works on either way.
 */
static void
test_heap_ready(void **state)
{
	const size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	const size_t want = (size_t)256 << 10;
	char *p[48];
	size_t i;
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 33) && \
    !defined(__SANITIZE_ADDRESS__)   /* ASan's heap is not glibc's */
	struct mallinfo2 mi;
	size_t all, res = 0;
	char *top;
	int populate = 1;

	/* a kernel before 5.14 refuses MADV_POPULATE_WRITE: then the
	   top grows all the same, its pages are not made present */
	p[0] = mmap(NULL, pg, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(p[0] != MAP_FAILED);
	populate = madvise(p[0], pg, MADV_POPULATE_WRITE) == 0;
	munmap(p[0], pg);
	malloc_trim(0);   /* the free top given back: its pages are new */
	as_heap_ready(want);
	mi = mallinfo2();
	assert_true(mi.keepcost >= want);
	top = (char *)sbrk(0) - mi.keepcost;
	all = pages_of(top, want, &res);
	if (populate)
		assert_int_equal(res, all);
#else
	(void)state;
	as_heap_ready(want);
#endif
	(void)state;
	for (i = 0; i < 48; i++) {	/* LMDB's page copies */
		p[i] = xmalloc(pg);
		memset(p[i], (int)i, pg);
	}
	for (i = 0; i < 48; i++) {
		assert_int_equal(p[i][pg - 1], (char)i);
		free(p[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_esc_c0),
		cmocka_unit_test(test_esc_sequences),
		cmocka_unit_test(test_esc_del_c1),
		cmocka_unit_test(test_esc_invalid_utf8),
		cmocka_unit_test(test_esc_backslash),
		cmocka_unit_test(test_esc_chinese_untouched),
		cmocka_unit_test(test_esc_all_bytes),
		cmocka_unit_test(test_formula_risky),
		cmocka_unit_test(test_formula_roundtrip),
		cmocka_unit_test(test_heap_ready),
		cmocka_unit_test(test_heap_huge),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("base", tests, NULL, NULL);
}
