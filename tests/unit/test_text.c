/*
 * test_text.c - the one text module of every layer (config/as_base.c,
 * issue 9 "one UTF-8 width module"): rows wrapped by display width, with
 * no row starting with closing punctuation ("a wrapped hint line starts
 * with a comma", issue 9); one decoder, width, cut and encoder; a cell
 * cut with "…" by display width.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <wchar.h>
#include <cmocka.h>

#include "../../config/as_base.h"

/* The rows of s wrapped to width, joined by "|". */
static char *
rows(const char *s, int width)
{
	struct as_buf b = {0};
	size_t n = strlen(s), i = 0, k;

	while (i < n) {
		k = utf8_row(s + i, n - i, width);
		buf_addf(&b, "%s%.*s", b.len ? "|" : "", (int)k, s + i);
		i += k;
		if (i < n && s[i] == '\n')
			i++;
	}
	return b.data;
}

static void
test_row_width(void **state)
{
	char *r;

	(void)state;
	r = rows("售后服务工作站", 6);          /* 2 columns each */
	assert_string_equal(r, "售后服|务工作|站");
	free(r);
	r = rows("one two three", 8);
	assert_string_equal(r, "one two |three");
	free(r);
	r = rows("a\nb", 8);
	assert_string_equal(r, "a|b");
	free(r);
	r = rows("售", 1);                      /* wider than the row */
	assert_string_equal(r, "售");
	free(r);
}

/* A row never starts with "，" or "。": the character before goes along. */
static void
test_row_no_comma_start(void **state)
{
	char *r;

	(void)state;
	r = rows("请填写负责人，然后保存", 12);
	assert_string_equal(r, "请填写负责|人，然后保存");
	free(r);
	r = rows("住宿费。下一行", 6);
	assert_string_equal(r, "住宿|费。下|一行");
	free(r);
	r = rows("abcdef, gh", 6);
	assert_string_equal(r, "abcde|f, gh");
	free(r);
}

/* Widths: ASCII 1, Chinese 2, a combining mark 0, controls unprintable. */
static void
test_char_width(void **state)
{
	uint32_t cp;
	int cols;

	(void)state;
	assert_int_equal(utf8_char("a", 1, &cp, &cols), 1);
	assert_int_equal(cols, 1);
	assert_int_equal(utf8_char("张", 3, &cp, &cols), 3);
	assert_int_equal(cp, 0x5f20);
	assert_int_equal(cols, 2);
	assert_int_equal(utf8_char("\xcc\x81", 2, &cp, &cols), 2);
	assert_int_equal(cols, 0);
	assert_int_equal(utf8_char("\xff", 1, &cp, &cols), 1);
	assert_int_equal(cp, UTF8_BAD);
	assert_int_equal(cols, 1);
	assert_int_equal(utf8_cols(0x1b), -1);
	assert_int_equal(utf8_cols(UTF8_BAD), -1);
	assert_int_equal(utf8_cols(0x3000), 2);
	assert_int_equal(utf8_width("售后 ok", strlen("售后 ok")), 7);
}

/* A cut never splits a character; an encoded code point decodes back. */
static void
test_cut_and_put(void **state)
{
	struct as_buf b = {0};
	const uint32_t cps[] = { 0x41, 0xe9, 0x5f20, 0x1f600 };
	uint32_t cp;
	size_t i, at = 0;

	(void)state;
	assert_int_equal(utf8_cut("张三", 6, 4), 3);
	assert_int_equal(utf8_cut("张三", 6, 2), 0);
	assert_int_equal(utf8_cut("张三", 6, 6), 6);
	assert_int_equal(utf8_cut("ab", 2, 9), 2);
	for (i = 0; i < 4; i++)
		utf8_put(&b, cps[i]);
	utf8_put(&b, 0xd800);                   /* a surrogate: U+FFFD */
	for (i = 0; i < 5; i++) {
		at += utf8_next(b.data + at, b.len - at, &cp);
		assert_int_equal(cp, i < 4 ? cps[i] : 0xfffd);
	}
	assert_int_equal(at, b.len);
	buf_free(&b);
}

/* A cell cut to its columns ends in "…", Chinese by display width. */
static void
test_ellipsize(void **state)
{
	struct as_buf b = {0};

	(void)state;
	assert_int_equal(utf8_ellipsize(&b, "河南省郑州市长途客运", 12), 11);
	assert_string_equal(b.data, "河南省郑州…");
	b.len = 0;
	assert_int_equal(utf8_ellipsize(&b, "Zhengzhou Long", 12), 12);
	assert_string_equal(b.data, "Zhengzhou L…");
	b.len = 0;
	assert_int_equal(utf8_ellipsize(&b, "王五", 12), 4);
	assert_string_equal(b.data, "王五");
	buf_free(&b);
}

/*
 * The command line's widths, from glibc's table without a locale, are
 * wcwidth()'s under C.UTF-8 for every code point it calls printable, and
 * -1 or 1 (one column either way in utf8_char) for the others.
 */
static void
test_table_is_wcwidth(void **state)
{
	uint32_t cp;
	int w, t;
	unsigned bad = 0;

	(void)state;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		skip();
	for (cp = 0; cp <= 0x10ffff; cp++) {
		w = wcwidth((wchar_t)cp);
		t = utf8_table_cols(cp);
		if (w >= 0 ? t != w : t != -1 && t != 1) {
			if (bad++ < 10)
				fprintf(stderr, "U+%04X: wcwidth %d, table %d\n",
				    (unsigned)cp, w, t);
		}
	}
	assert_int_equal(bad, 0);
	assert_int_equal(utf8_table_cols(0x1b), -1);
	assert_int_equal(utf8_table_cols(0x5f20), 2);
	assert_int_equal(utf8_table_cols(0x301), 0);
	assert_int_equal(utf8_table_cols('a'), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_row_width),
		cmocka_unit_test(test_row_no_comma_start),
		cmocka_unit_test(test_char_width),
		cmocka_unit_test(test_cut_and_put),
		cmocka_unit_test(test_ellipsize),
		cmocka_unit_test(test_table_is_wcwidth),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
