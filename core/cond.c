/*
 * cond.c - the one evaluator of the condition language (config.h): the
 * when: of transitions and of clock rules alike.  A condition is read
 * against a record's stored values: enum codes, texts and user logins
 * compare as strings; int and money (fen) values, and date and datetime
 * values (UTC seconds), compare as numbers, the configuration's dates
 * being read in the configured zone (core_open sets TZ).  min: and max:
 * on a lines field count its lines; on a score field they compare its
 * percent in tenths (min: 75 holds for "75.0").
 */
#include "core_int.h"

#include <stdlib.h>
#include <string.h>

/* The stored value v as a number into *n; 0 when it is none. */
static int
stored_num(const char *v, long long *n)
{
	char *end;

	if (v == NULL || *v == '\0')
		return 0;
	*n = core_strtoll(v, &end);
	return *end == '\0';
}

/* A stored score ("87.5", "100.0", "75") in tenths of a percent. */
static int
score_tenths(const char *v, long long *n)
{
	long long x = 0;
	int digits = 0, dec = 0;

	if (v == NULL || *v == '\0')
		return 0;
	for (; *v >= '0' && *v <= '9' && digits < 6; v++, digits++)
		x = x * 10 + (*v - '0');
	if (*v == '.')
		for (v++; *v >= '0' && *v <= '9' && dec < 1; v++, dec++)
			x = x * 10 + (*v - '0');
	if (digits == 0 || *v != '\0')
		return 0;
	*n = dec == 0 ? x * 10 : x;
	return 1;
}

/* A value of w as written in the configuration, as a number of f's type. */
static int
conf_num(const struct cfg_field *f, const char *s, long long *n)
{
	int64_t t;

	if (f->type == CFG_T_DATE || f->type == CFG_T_DATETIME) {
		if (core_parse_time(s, f->type == CFG_T_DATETIME, &t) != 0)
			return 0;
		*n = t;
		return 1;
	}
	return stored_num(s, n);
}

static int
numeric(const struct cfg_field *f)
{
	return f->type == CFG_T_INT || f->type == CFG_T_MONEY ||
	    f->type == CFG_T_DATE || f->type == CFG_T_DATETIME;
}

/* 1 if the stored value v (NULL: unset) equals the condition value s. */
static int
equals(const struct cfg_field *f, const char *v, const char *s)
{
	long long a, b;

	if (f->type == CFG_T_WARRANTY)        /* its verdict: in, out */
		return core_warranty_is(v, s);
	if (!numeric(f))
		return strcmp(v, s) == 0;
	return stored_num(v, &a) && conf_num(f, s, &b) && a == b;
}

int
core_cond_test(const struct cfg_cond *w, const struct store_rec *r)
{
	const char *v = store_rec_get(r, w->field->id);
	long long a, b;
	size_t i;

	if (v != NULL && utf8_blank(v, strlen(v)))
		v = NULL;
	switch (w->op) {
	case CFG_OP_SET:
		return (v != NULL) == (w->num != 0);
	case CFG_OP_EQ:
	case CFG_OP_IN:
		for (i = 0; v != NULL && i < w->nvalues; i++)
			if (equals(w->field, v, w->values[i]))
				return 1;
		return 0;
	case CFG_OP_MAX:
	case CFG_OP_MIN:
		if (w->field->type == CFG_T_LINES) {
			/* the number of lines, an unset field none */
			a = 0;
			if (v != NULL) {
				struct core_lines l;

				if (core_lines_decode(w->field, v, &l) != 0)
					return 0;
				a = (long long)l.n;
				core_lines_free(&l);
			}
		} else if (w->field->type == CFG_T_SCORE) {
			/* "87.5": percent with one decimal, in tenths */
			if (!score_tenths(v, &a))
				return 0;
		} else if (!stored_num(v, &a))
			return 0;
		b = w->num;
		if (w->value != NULL && !conf_num(w->field, w->value, &b))
			return 0;
		return w->op == CFG_OP_MAX ? a <= b : a >= b;
	}
	return 0;
}

int
core_cond_holds(const struct cfg_cond *w, size_t n, const struct store_rec *r)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!core_cond_test(&w[i], r))
			return 0;
	return 1;
}
