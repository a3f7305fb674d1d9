/*
 * test_text.c - the one text module of every layer (config/as_base.c,
 * issue 9 "one UTF-8 width module"): rows wrapped by display width, with
 * no row starting with closing punctuation ("a wrapped hint line starts
 * with a comma", issue 9).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_row_width),
		cmocka_unit_test(test_row_no_comma_start),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
