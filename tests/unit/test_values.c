/*
 * test_values.c - the checks every typed value goes through
 * (core_parse_value) and what they protect: money and numbers
 * overflow-checked and within their configured bounds, full-width input,
 * control characters, text length, the phone pattern, required fields that
 * stay non-blank for the life of a record, and the CSV import's reading
 * limits.  Two databases per test: one with the shipped configuration
 * (config/demo.yaml) and one with tests/unit/data/values.yaml.
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
#include "../../core/core_int.h"
#include "testutil.h"

struct fx {
	char dir[64], dir2[64];
	struct core *c;        /* config/demo.yaml: complaint */
	struct core *v;        /* tests/unit/data/values.yaml: item */
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char cfg[512];

	f->c = test_core_setup(f->dir, cfg, "values", "config/demo.yaml",
	    "admin");
	f->v = test_core_setup(f->dir2, cfg, "values2",
	    "tests/unit/data/values.yaml", "ann");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	test_core_teardown(&f->c, f->dir);
	test_core_teardown(&f->v, f->dir2);
	free(f);
	return 0;
}

static const struct cfg_field *
field(struct core *c, const char *id)
{
	const struct cfg *cfg = core_cfg(c);
	const struct cfg_field *f = cfg_field(&cfg->rectypes[0], id);

	assert_non_null(f);
	return f;
}

/* typed is accepted and stored as want. */
#define ok(c, id, typed, want) ok_(c, id, typed, want, __LINE__)
static void
ok_(struct core *c, const char *id, const char *typed, const char *want,
    int line)
{
	struct as_err err = {0};
	char *v = NULL;
	int rc = core_parse_value(c, field(c, id), typed, &v, &err);

	if (rc != 0 || strcmp(v, want) != 0)
		fprintf(stderr, "line %d: %s=\"%s\": rc %d \"%s\" %s\n", line,
			id, typed, rc, v ? v : "(null)", err.msg);
	assert_int_equal(rc, 0);
	assert_string_equal(v, want);
	free(v);
}

/* 1 if s is msg, where one * in msg stands for any text. */
static int
like(const char *s, const char *msg)
{
	const char *star = strchr(msg, '*');
	size_t pre, post, n = strlen(s);

	if (star == NULL)
		return strcmp(s, msg) == 0;
	pre = (size_t)(star - msg);
	post = strlen(star + 1);
	return n >= pre + post && strncmp(s, msg, pre) == 0 &&
	    strcmp(s + n - post, star + 1) == 0;
}

/* typed is refused with msg (see like). */
#define bad(c, id, typed, msg) bad_(c, id, typed, msg, __LINE__)
static void
bad_(struct core *c, const char *id, const char *typed, const char *msg,
     int line)
{
	struct as_err err = {0};
	char *v = NULL;
	int rc = core_parse_value(c, field(c, id), typed, &v, &err);
	int same = like(err.msg, msg);

	if (rc != AS_E_INVALID || !same)
		fprintf(stderr, "line %d: %s=\"%s\": rc %d \"%s\"\n  want "
			"\"%s\"\n", line, id, typed, rc, err.msg, msg);
	assert_int_equal(rc, AS_E_INVALID);
	assert_null(v);
	assert_true(same);
}

/* UTF-8 blank: every kind of Unicode white space, nothing else. */
static void
test_utf8_blank(void **state)
{
	(void)state;
	assert_true(utf8_blank("", 0));
	assert_true(utf8_blank(" \t", 2));
	assert_true(utf8_blank("\xe3\x80\x80", 3));            /* U+3000 */
	assert_true(utf8_blank("\xc2\xa0", 2));                /* U+00A0 */
	assert_true(utf8_blank("\xe2\x80\x80\xe2\x80\x8a", 6)); /* U+2000, 200A */
	assert_true(utf8_blank("\xe2\x80\x8b\xef\xbb\xbf", 6)); /* U+200B, FEFF */
	assert_true(utf8_blank("\xe2\x80\xaf\xe2\x81\x9f", 6)); /* U+202F, 205F */
	assert_false(utf8_blank("\xe3\x80\x80x", 4));
	assert_false(utf8_blank("\xe5\xbc\xa0", 3));           /* 张 */
	assert_false(utf8_blank("\xff", 1));                   /* invalid */
	assert_false(utf8_blank("\xe3\x80", 2));               /* cut */
	assert_int_equal(utf8_count("张三a", strlen("张三a")), 3);
}

/* The limits the loader read, and the defaults it filled in. */
static void
test_model_limits(void **state)
{
	struct fx *f = *state;
	const struct cfg_field *d = field(f->c, "distance_km");
	const struct cfg_field *m = field(f->c, "cost_parts");

	assert_true(d->has_min && d->has_max);
	assert_int_equal(d->min, 0);
	assert_int_equal(d->max, 5000);
	assert_true(m->has_min && m->has_max);
	assert_int_equal(m->min, 0);
	assert_int_equal(m->max, 10000000000LL);
	assert_int_equal(field(f->c, "customer_name")->maxlen, 200);
	assert_int_equal(field(f->c, "description")->maxlen, 2000);
	assert_int_equal(field(f->v, "name")->maxlen, 10);
	assert_int_equal(field(f->v, "note")->maxlen, 5000);
	assert_false(field(f->v, "big")->has_min || field(f->v, "big")->has_max);
	assert_true(field(f->v, "age")->has_min && !field(f->v, "age")->has_max);
	assert_null(field(f->v, "code")->pattern_hint.zh);
	assert_string_equal(field(f->v, "code")->pattern, "[A-Z]{2}[0-9]+");
	assert_null(field(f->c, "customer_name")->pattern);
}

/*
 * Money is parsed with overflow checks: -92233720368547758.09 fen would
 * wrap to a huge positive amount.  Shipped cost fields (R1 §9) take the
 * default 0 to 100,000,000.00 yuan.
 */
static void
test_money_overflow(void **state)
{
	struct fx *f = *state;
	struct as_buf b = {0};
	const char *range = "Parts (legacy) must be between 0.00 and "
	    "100000000.00 yuan; *";

	bad(f->c, "cost_parts", "-92233720368547758.09", "Parts (legacy) "
	    "must be between 0.00 and 100000000.00 yuan; "
	    "\"-92233720368547758.09\" is not");
	bad(f->c, "cost_parts", "92233720368547758.08", "Parts (legacy) "
	    "must be between 0.00 and 100000000.00 yuan; "
	    "\"92233720368547758.08\" is not");
	bad(f->c, "cost_parts", "-92233720368547758.08", range);
	bad(f->c, "cost_parts", "99999999999999999999999999", range);
	bad(f->c, "cost_parts", "184467440737095516.16", range);
	bad(f->c, "cost_parts", "-0.01", "Parts (legacy) must be between "
	    "0.00 and 100000000.00 yuan; \"-0.01\" is not");
	bad(f->c, "cost_parts", "100000000.01", range);
	(void)range;
	ok(f->c, "cost_parts", "100000000", "10000000000");
	ok(f->c, "cost_parts", "100,000,000.00", "10000000000");
	ok(f->c, "cost_parts", "0", "0");
	ok(f->c, "cost_parts", "¥1,234.5", "123450");
	ok(f->c, "cost_parts", "￥86.50", "8650");
	ok(f->c, "cost_parts", "86.5元", "8650");
	ok(f->c, "cost_parts", ".5", "50");
	bad(f->c, "cost_parts", "12.345", "Parts (legacy): \"12.345\" is not "
	    "valid; expected an amount in yuan such as 120 or 86.50");
	bad(f->c, "cost_parts", "1,23", "Parts (legacy): \"1,23\" is not "
	    "valid*");
	bad(f->c, "cost_parts", "1234,567", "Parts (legacy): \"1234,567\"*");
	bad(f->c, "cost_parts", ",123", "Parts (legacy): \",123\"*");
	bad(f->c, "cost_parts", "1 234", "Parts (legacy): \"1 234\"*");
	bad(f->c, "cost_parts", "--5", "Parts (legacy): \"--5\"*");
	ok(f->c, "cost_parts", "5.", "500");
	bad(f->c, "cost_parts", ".", "Parts (legacy): \".\"*");
	/* an amount stored before the checks still shows without overflow */
	core_format_value(f->c, field(f->c, "cost_parts"),
			  "-9223372036854775808", "en", &b);
	assert_string_equal(b.data, "-92233720368547758.08");
	buf_free(&b);
}

/* Bounds per money field from min:/max: in yuan. */
static void
test_money_configured(void **state)
{
	struct fx *f = *state;

	assert_int_equal(field(f->v, "fee")->min, -10000);
	assert_int_equal(field(f->v, "fee")->max, 50050);
	ok(f->v, "fee", "-100", "-10000");
	ok(f->v, "fee", "500.50", "50050");
	ok(f->v, "fee", "-¥0.5", "-50");
	bad(f->v, "fee", "500.51", "Fee must be between -100.00 and "
	    "500.50 yuan; \"500.51\" is not");
	bad(f->v, "fee", "-100.01", "Fee must be between -100.00 and "
	    "500.50 yuan; \"-100.01\" is not");
	/* max: alone keeps the default min 0 */
	ok(f->v, "cap", "20", "2000");
	bad(f->v, "cap", "-1", "Cap must be between 0.00 and 20.00 "
	    "yuan; \"-1\" is not");
	core_set_lang(f->v, "zh");
	bad(f->v, "cap", "21", "上限应在 0.00 到 20.00 元之间；“21”超出范围");
	core_set_lang(f->v, "en");
}

/*
 * Numbers: distance -5 was accepted and then met the "within 100 km" rule
 * of R2 §3.2.2.  The shipped distance is 0 to 5000 km; every int is
 * overflow-checked.
 */
static void
test_int_bounds(void **state)
{
	struct fx *f = *state;

	bad(f->c, "distance_km", "-5", "Distance (km) must be "
	    "between 0 and 5000; \"-5\" is not");
	bad(f->c, "distance_km", "5001", "Distance (km) must be "
	    "between 0 and 5000; \"5001\" is not");
	bad(f->c, "distance_km", "99999999999999999999", 
	    "Distance (km) must be between 0 and 5000; *");
	ok(f->c, "distance_km", "0", "0");
	ok(f->c, "distance_km", "5000", "5000");
	ok(f->c, "distance_km", "+80", "80");
	bad(f->c, "distance_km", "5.5", "Distance (km): \"5.5\" is not valid; "
	    "expected a whole number");
	bad(f->c, "distance_km", "12x", "Distance (km): \"12x\"*");
	/* no bounds: the 64-bit range, and no more */
	ok(f->v, "big", "9223372036854775807", "9223372036854775807");
	ok(f->v, "big", "-9223372036854775808", "-9223372036854775808");
	ok(f->v, "big", "1,000,000", "1000000");
	bad(f->v, "big", "9223372036854775808", "Big must be between "
	    "-9223372036854775808 and 9223372036854775807; "
	    "\"9223372036854775808\" is not");
	bad(f->v, "big", "-9223372036854775809", "Big must be between*");
	bad(f->v, "big", "18446744073709551616", "Big must be between*");
	/* one bound only */
	bad(f->v, "age", "17", "Age must be at least 18; \"17\" is not");
	bad(f->v, "low", "0", "Low must be at most -1; \"0\" is not");
	ok(f->v, "low", "-1", "-1");
}

/* The distance rule: -5 km never reaches the record, so no 24 h clock. */
static void
test_negative_distance_not_stored(void **state)
{
	struct fx *f = *state;
	struct core_kv in[] = {
		{ "customer_name", "张三" }, { "phone", "13800138000" },
		{ "description", "车门坏了" }, { "fault_class", "body" },
		{ "distance_km", "-5" },
	};
	struct as_err err = {0};
	char *id = NULL;

	assert_int_equal(core_create(f->c, "complaint", in, 5, &id, &err),
			 AS_E_INVALID);
	assert_null(id);
	assert_non_null(strstr(err.msg, "Distance (km) must be "
			       "between 0 and 5000"));
	assert_int_equal(test_records(f->c, "complaint"), 0);
}

/* What an input method types in full-width mode is a number too. */
static void
test_fullwidth(void **state)
{
	struct fx *f = *state;

	ok(f->c, "distance_km", "１２０", "120");
	ok(f->c, "distance_km", "\xe3\x80\x80１２０\xe3\x80\x80", "120");
	ok(f->c, "distance_km", " 4,500 ", "4500");
	ok(f->c, "cost_parts", "１，２３４．５", "123450");
	ok(f->c, "cost_parts", "￥１２．３４", "1234");
	ok(f->v, "fee", "－１０", "-1000");
	bad(f->c, "distance_km", "１２　３", "Distance (km): \"１２　３\" is not "
	    "valid; expected a whole number");
	bad(f->c, "distance_km", "－５", "Distance (km) must be "
	    "between 0 and 5000; \"－５\" is not");
}

/* Text: at most maxlen characters (not bytes). */
static void
test_text_length(void **state)
{
	struct fx *f = *state;
	char s[8200], *p;
	int i;

	for (p = s, i = 0; i < 200; i++, p += 3)
		memcpy(p, "字", 3);
	*p = '\0';
	ok(f->c, "customer_org", s, s);
	strcpy(p, "x");
	bad(f->c, "customer_org", s, "Organisation is 201 "
	    "characters long; at most 200 are allowed");
	memset(s, 'a', 2000);
	s[2000] = '\0';
	ok(f->c, "description", s, s);
	strcpy(s + 2000, "b");
	bad(f->c, "description", s, "Description is 2001 "
	    "characters long; at most 2000 are allowed");
	/* maxlen: in the YAML */
	ok(f->v, "note", s, s);
	bad(f->v, "name", "张三李四王五赵六钱七孙", "Name is 11 characters "
	    "long; at most 10 are allowed");
	ok(f->v, "name", "张三李四王五赵六钱七", "张三李四王五赵六钱七");
}

/* Control characters are refused at input, the field named. */
static void
test_controls(void **state)
{
	struct fx *f = *state;

	bad(f->c, "customer_name", "a\x1b]0;owned\x07",
	    "Customer cannot hold control characters; character 2 is U+001B");
	bad(f->c, "customer_name", "张\x01", "Customer cannot "
	    "hold control characters; character 2 is U+0001");
	bad(f->c, "customer_name", "a\bb", "Customer *U+0008");
	bad(f->c, "customer_name", "ab\rcd", "Customer *U+000D");
	bad(f->c, "customer_name", "a\x7f", "Customer *U+007F");
	bad(f->c, "customer_name", "a\xc2\x9b" "2J", "Customer *U+009B");
	bad(f->c, "customer_name", "a\xc2\x85", "Customer *U+0085");
	bad(f->c, "customer_name", "a\nb", "Customer must be "
	    "one line");
	bad(f->c, "customer_name", "a\xff", "Customer: the text is not "
	    "valid UTF-8");
	bad(f->c, "customer_name", "a\xe5\xbc", "Customer: the text is "
	    "not valid UTF-8");
	ok(f->c, "customer_name", "a\tb", "a\tb");
	/* multiline: LF allowed, CR LF stored as LF, a lone CR refused */
	ok(f->c, "description", "一\n二", "一\n二");
	ok(f->c, "description", "一\r\n二\r\n三", "一\n二\n三");
	bad(f->c, "description", "一\r二", "Description cannot "
	    "hold control characters; character 2 is U+000D");
	bad(f->c, "description", "x\x1b[2J", "Description *U+001B");
	/* every type: an enum with an escape is refused as such */
	bad(f->c, "channel", "\x1b[31mphone", "Channel *U+001B");
	core_set_lang(f->c, "zh");
	bad(f->c, "customer_name", "a\x1b", "客户名称不能包含控制"
	    "字符；第 2 个字符是 U+001B");
	core_set_lang(f->c, "en");
}

/* The shipped phone pattern: what Chinese phone numbers look like. */
static void
test_phone_pattern(void **state)
{
	struct fx *f = *state;
	static const char *const good[] = {
		"13800138000", "138 0013 8000", "138-0013-8000",
		"+86 138 0013 8000", "+8613800138000", "0371-65512345",
		"(0371) 65512345", "037165512345", "010-12345678",
		"0371-65512345-801", "0371-65512345 转 801",
		"0371-65512345 ext. 801", "65512345", "400-123-4567",
		"95588", "12345", NULL
	};
	static const char *const badv[] = {
		"hello", "1", "12", "1380013800", "138001380001",
		"13800138000abc", "abc13800138000", "0371-655",
		"23800138000", NULL
	};
	size_t i;

	for (i = 0; good[i] != NULL; i++)
		ok(f->c, "phone", good[i], good[i]);
	for (i = 0; badv[i] != NULL; i++)
		bad(f->c, "phone", badv[i], "Phone: *");
	bad(f->c, "phone", "hello", "Phone: \"hello\" is not valid; "
	    "expected a mobile (such as 13800138000) or landline number (such "
	    "as 0371-65512345; an extension may follow)");
	assert_non_null(field(f->c, "phone")->pattern);
	/* a time is kept to the minute, as it is shown and exported, so
	   typing an export again gives the same value (found by fuzz_lines) */
	ok(f->c, "received_at", "2026-11-26 08:3:1", "1795651380");
	ok(f->c, "received_at", "2026-11-26 08:03", "1795651380");
	/* the form the program writes is read without sscanf (issue 13);
	   every other form as before */
	ok(f->c, "received_at", "2026-11-26 08:03:59", "1795651380");
	ok(f->c, "received_at", "2026-11-26T08:03", "1795651380");
	ok(f->c, "received_at", "2026-11-26 8:03", "1795651380");
	ok(f->c, "received_at", "2026-11-26 08:03:5", "1795651380");
	ok(f->c, "received_at", "2026-11-26", "1795622400");
	bad(f->c, "received_at", "2026-11-26 08:03x", "Received*");
	ok(f->c, "received_at", "2026-11-26 08:0", "1795651200");
	bad(f->c, "received_at", "2026-11-26 24:00", "Received*");
	bad(f->c, "received_at", "2026-02-30 08:00", "Received*");
	bad(f->c, "received_at", "2026-11-26 08:03:007", "Received*");
	bad(f->c, "received_at", "2026-1126", "Received*");
	/* typed in full width, as an input method's full-width mode does */
	ok(f->c, "phone", "１３８\xe3\x80\x80００１３８０００", "138 00138000");
	ok(f->c, "phone", "０３７１－６５５１２３４５", "0371-65512345");
	/* a pattern without a description names itself */
	ok(f->v, "code", "AB12", "AB12");
	bad(f->v, "code", "ab12", "Code: \"ab12\" is not valid; "
	    "expected text matching [A-Z]{2}[0-9]+");
	bad(f->v, "code", "XAB12", "Code: *");
}

static const char *const blanks[] = {
	"", " ", "\xe3\x80\x80", "\xc2\xa0", "\xe2\x80\x83",
	"\xe2\x80\x8b", "\xe3\x80\x80\xe3\x80\x80 \t", NULL
};

/*
 * R1 §5.1: a required field stays non-blank for the life of the record:
 * at creation, in an edit and in a transition; blank is any Unicode white
 * space.
 */
static void
test_required_blank(void **state)
{
	struct fx *f = *state;
	struct core_kv in[] = {
		{ "customer_name", NULL }, { "phone", "13800138000" },
		{ "description", "车门坏了" },
	};
	struct core_kv kv[1];
	struct as_err err = {0};
	char *id = NULL;
	size_t i;

	for (i = 0; blanks[i] != NULL; i++) {
		in[0].val = blanks[i];
		assert_int_equal(core_create(f->c, "complaint", in, 3, &id,
					     &err), AS_E_INVALID);
		assert_string_equal(err.msg, "Customer is "
				    "required");
		assert_null(id);
	}
	assert_int_equal(test_records(f->c, "complaint"), 0);
	in[0].val = "张三";
	assert_int_equal(core_create(f->c, "complaint", in, 3, &id, &err), 0);
	for (i = 0; blanks[i] != NULL; i++) {
		kv[0].key = "customer_name";
		kv[0].val = blanks[i];
		assert_int_equal(core_edit(f->c, id, 0, kv, 1, NULL, &err),
				 AS_E_INVALID);
		assert_string_equal(err.msg, "Customer is "
				    "required and cannot be emptied (white "
				    "space alone counts as empty)");
	}
	assert_int_equal(test_rev_of(f->c, id), 1);
	/* an optional field may be emptied */
	kv[0].key = "customer_org";
	kv[0].val = "宇通";
	assert_int_equal(core_edit(f->c, id, 0, kv, 1, NULL, &err), 0);
	kv[0].val = "\xe3\x80\x80";
	assert_int_equal(core_edit(f->c, id, 0, kv, 1, NULL, &err), 0);
	assert_int_equal(test_rev_of(f->c, id), 3);
	free(id);
}

/* The same in a transition (wf_apply) that names the field. */
static void
test_required_blank_transition(void **state)
{
	struct fx *f = *state;
	struct core_kv in[] = { { "name", "灯" } };
	struct core_kv kv[] = { { "name", "\xe3\x80\x80" } };
	struct as_err err = {0};
	char *id = NULL;

	assert_int_equal(core_create(f->v, "item", in, 1, &id, &err), 0);
	assert_int_equal(wf_apply(f->v, id, 0, "finish", kv, 1, NULL, &err),
			 AS_E_INVALID);
	assert_string_equal(err.msg, "Name is required and cannot be "
			    "emptied (white space alone counts as empty)");
	kv[0].val = "";
	assert_int_equal(wf_apply(f->v, id, 0, "finish", kv, 1, NULL, &err),
			 AS_E_INVALID);
	assert_int_equal(test_rev_of(f->v, id), 1);
	kv[0].val = "新灯";
	assert_int_equal(wf_apply(f->v, id, 0, "finish", kv, 1, NULL, &err),
			 0);
	assert_int_equal(test_rev_of(f->v, id), 2);
	free(id);
}

/* Import ------------------------------------------------------------- */

struct endless {
	size_t given;      /* bytes handed out so far */
	size_t cap;        /* then EOF, so that a failing test still ends */
	const char *head;  /* bytes before the filler */
	char fill;
};

static ssize_t
endless_read(void *vc, char *buf, size_t n)
{
	struct endless *e = vc;
	size_t i, hl = strlen(e->head);

	if (e->given >= e->cap)
		return 0;
	if (n > e->cap - e->given)
		n = e->cap - e->given;
	for (i = 0; i < n; i++, e->given++)
		buf[i] = e->given < hl ? e->head[e->given] : e->fill;
	return (ssize_t)n;
}

static int
endless_seek(void *vc, off64_t *off, int whence)
{
	struct endless *e = vc;

	if (whence != SEEK_SET || *off != 0)
		return -1;
	e->given = 0;
	return 0;
}

/*
 * Import from an endless source: refused after reading a bounded amount,
 * nothing written.
 */
static void
import_endless(struct fx *f, const char *head, char fill, const char *msg)
{
	cookie_io_functions_t io = { endless_read, NULL, endless_seek, NULL };
	struct endless e = { 0, 64u << 20, head, fill };
	struct as_err err = {0};
	size_t count = 0;
	FILE *fp = fopencookie(&e, "r", io);
	int rc;

	assert_non_null(fp);
	rc = core_import_csv(f->c, "complaint", fp, "in.csv", &count, NULL,
			     NULL, &err);
	fclose(fp);
	if (rc != AS_E_INVALID || strcmp(err.msg, msg) != 0)
		fprintf(stderr, "rc %d: %s\n", rc, err.msg);
	assert_int_equal(rc, AS_E_INVALID);
	assert_string_equal(err.msg, msg);
	assert_true(e.given <= 256 * 1024);
	assert_int_equal(count, 0);
	assert_int_equal(test_records(f->c, "complaint"), 0);
}

/* import complaints /dev/zero grew without limit. */
static void
test_import_endless(void **state)
{
	struct fx *f = *state;
	struct as_err err = {0};
	FILE *fp;

	import_endless(f, "", '\0', "in.csv:1: column 1: a NUL byte (U+0000); "
		       "text cannot hold NUL bytes, and a CSV file is text "
		       "(is this the file to import?)");
	import_endless(f, "customer_name,phone,description\n张三,13800138000,",
		       'x', "in.csv:2: description: the value is longer than "
		       "8004 bytes, and Description holds at most 2000 "
		       "characters");
	import_endless(f, "customer_name,phone,description\n\"", 'x',
		       "in.csv:2: customer_name: the value is longer than 804 "
		       "bytes, and Customer holds at most 200 characters");
	import_endless(f, "customer_name,phone,description\n张三,", '1',
		       "in.csv:2: phone: the value is longer than 804 bytes, "
		       "and Phone holds at most 200 characters");
	import_endless(f, "customer_name,phone,description\na,b,c", ',',
		       "in.csv:2: the row has more than 3 columns, the header "
		       "has 3");
	{
		/* the header's cap follows the shipped field count */
		const struct cfg_rectype *rt = cfg_rectype(core_cfg(f->c),
		    "complaint");
		size_t nf = rt->nfields, ncol = nf, k;
		char want[160];

		/* a lines field's columns count too */
		for (k = 0; k < nf; k++)
			ncol += rt->fields[k].ncolumns;
		snprintf(want, sizeof want, "in.csv:1: the header has more "
			 "than %zu columns and Complaint has only %zu fields; "
			 "is this the file to import?", 4 * ncol + 16, nf);
		import_endless(f, "customer_name", ',', want);
	}
	import_endless(f, "", 'x', "in.csv:1: column 1: the value is longer "
		       "than 1024 bytes, too long for it");
	import_endless(f, "customer_name,phone,description,distance_km\n"
		       "a,b,c,", '7', "in.csv:2: distance_km: the value is "
		       "longer than 1024 bytes, too long for it");
	/* the real /dev/zero */
	fp = fopen("/dev/zero", "r");
	assert_non_null(fp);
	assert_int_equal(core_import_csv(f->c, "complaint", fp, "/dev/zero",
					 NULL, NULL, NULL, &err), AS_E_INVALID);
	fclose(fp);
	assert_string_equal(err.msg, "/dev/zero:1: column 1: a NUL byte "
			    "(U+0000); text cannot hold NUL bytes, and a CSV file "
			    "is text (is this the file to import?)");
}

/* A NUL inside a CSV value silently cut the value. */
static void
test_import_nul(void **state)
{
	struct fx *f = *state;
	static const char csv[] = "customer_name,phone,description\n"
	    "张三,13800138000,ok\n李\0四,13800138001,门坏了\n";
	struct as_err err = {0};
	FILE *fp = fmemopen((void *)(uintptr_t)csv, sizeof csv - 1, "r");

	assert_non_null(fp);
	assert_int_equal(core_import_csv(f->c, "complaint", fp, "in.csv",
					 NULL, NULL, NULL, &err), AS_E_INVALID);
	fclose(fp);
	assert_string_equal(err.msg, "in.csv:3: customer_name: a NUL byte "
			    "(U+0000); text cannot hold NUL bytes, and a CSV file "
			    "is text (is this the file to import?)");
	assert_int_equal(test_records(f->c, "complaint"), 0);
}

/* Values in an import go through the same checks, the row named. */
static void
test_import_values(void **state)
{
	struct fx *f = *state;
	static const char csv[] = "customer_name,phone,description\n"
	    "张三,13800138000,ok\n\"a\x1b[2Jb\",13800138001,门坏了\n";
	struct as_err err = {0};
	FILE *fp = fmemopen((void *)(uintptr_t)csv, sizeof csv - 1, "r");

	assert_int_equal(core_import_csv(f->c, "complaint", fp, "in.csv",
					 NULL, NULL, NULL, &err), AS_E_INVALID);
	fclose(fp);
	assert_string_equal(err.msg, "in.csv:3: Customer "
			    "cannot hold control characters; character 2 is "
			    "U+001B");
	assert_int_equal(test_records(f->c, "complaint"), 0);
}

#define TEST(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

/*
 * core_strtoll is strtoll(s, end, 10): the value and the end, for the
 * form it reads itself and for every form it leaves to strtoll.
 */
static void
test_strtoll(void **state)
{
	static const char *const v[] = {
		"0", "-0", "7", "-7", "1795000000", "007", "-007",
		"123456789012345678", "-123456789012345678",
		"1234567890123456789", "9223372036854775807",
		"9223372036854775808", "-9223372036854775809",
		"99999999999999999999", "", "-", "+5", " 5", "5x", "12.5",
		"1e3", "--1", "-x", "\t-3", "0x10", NULL
	};
	char *e1, *e2;
	size_t i;

	(void)state;
	for (i = 0; v[i] != NULL; i++) {
		long long a = core_strtoll(v[i], &e1), b = strtoll(v[i], &e2,
		    10);

		if (a != b || e1 != e2)
			fprintf(stderr, "\"%s\": %lld/%td, strtoll %lld/%td\n",
			    v[i], a, e1 - v[i], b, e2 - v[i]);
		assert_true(a == b);
		assert_ptr_equal(e1, e2);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_blank),
		cmocka_unit_test(test_strtoll),
		TEST(test_model_limits),
		TEST(test_money_overflow),
		TEST(test_money_configured),
		TEST(test_int_bounds),
		TEST(test_negative_distance_not_stored),
		TEST(test_fullwidth),
		TEST(test_text_length),
		TEST(test_controls),
		TEST(test_phone_pattern),
		TEST(test_required_blank),
		TEST(test_required_blank_transition),
		TEST(test_import_endless),
		TEST(test_import_nul),
		TEST(test_import_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
