/*
 * warranty.c - computed fields (config.h, "Computed fields"): the warranty
 * check (三包, R2 §3.3.1, §3.4.2) and the weighted score of a survey
 * (顾客满意度调查表, R2 §3.4.1).  Neither is ever typed: calc_update
 * computes them inside the write transaction of the create, step or edit
 * that changes what they read, stores them in the record and records the
 * change in the history event, so show, list, export, verify's replay and
 * the history treat them as any other value.
 *
 * The warranty check looks the record's serial up in the product register
 * (warranty: register: in the configuration, through the register's exact
 * lookup index), takes the first policy whose model prefixes match the
 * product's model, and compares the months since delivery, the
 * kilometres and the running hours with the policy's limits; it names the
 * supplier of the failed component, from the product's own parts lines
 * first, then from the policy.  Its stored value is a small JSON object
 * (as jansson writes it): {"v": "in"|"out"|"unknown", "pol" (the
 * policy), "mo"|"km"|"hr": [seen, limit] (months, kilometres, running
 * hours), "comp" and "sup" (the component and its supplier), "why" (of
 * unknown)}; the keys are short so that none is a configured field id.
 * It is written as jansson writes it, directly when no string needs an
 * escape, else by jansson.
 *
 * No field id of the shipped configuration appears here: every field is
 * named by the configuration.
 */
#include "core_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* 1 if e changes field f (or f is NULL: never). */
static int
changes(const struct store_event *e, const struct cfg_field *f)
{
	size_t i;

	if (f == NULL || e == NULL)
		return 0;
	for (i = 0; i < e->nchanges; i++)
		if (strcmp(e->changes[i].field, f->id) == 0)
			return 1;
	return 0;
}

/* Set computed field f of r to v (NULL: unset), recording it in e. */
static void
set_computed(struct store_rec *r, const struct cfg_field *f, const char *v,
	     struct store_event *e)
{
	const char *old = store_rec_get(r, f->id);

	if (old != NULL && *old == '\0')
		old = NULL;
	if ((old == NULL && v == NULL) ||
	    (old != NULL && v != NULL && strcmp(old, v) == 0))
		return;
	store_event_change(e, f->id, old, v);
	store_rec_set(r, f->id, v);
}

/* The value of r's field f as a whole number into *n; 0 if it has none. */
static int
num_of(const struct store_rec *r, const struct cfg_field *f, long long *n)
{
	const char *v;
	char *end;

	if (f == NULL || (v = store_rec_get(r, f->id)) == NULL || *v == '\0')
		return 0;
	*n = strtoll(v, &end, 10);
	return *end == '\0';
}

/* Warranty ----------------------------------------------------------- */

/*
 * The product of serial in the register (w->reg, by its exact lookup on
 * w->serial), read in t into *out (NULL: none).  Store errors.
 */
static int
product_of(struct store_txn *t, const struct cfg_warranty *w,
	   const char *serial, struct store_rec **out, struct as_err *err)
{
	char *n = core_norm_serial(serial);
	int rc = 0;

	*out = NULL;
	if (*n != '\0')
		rc = core_exact_get(t, w->reg->id, w->serial->id, serial, out,
		    err);
	free(n);
	return rc == AS_E_NOTFOUND ? 0 : rc;
}

/* 1 if a and b are the same code (case, spaces and dashes aside). */
static int
same_code(const char *a, const char *b)
{
	char *na = core_norm_serial(a), *nb = core_norm_serial(b);
	int same = *na != '\0' && strcmp(na, nb) == 0;

	free(na);
	free(nb);
	return same;
}

/* The first policy whose model prefixes match model (NULL: none). */
static const struct cfg_policy *
policy_of(const struct cfg_warranty *w, const char *model)
{
	size_t i, j;
	char *m = core_norm_serial(model != NULL ? model : "");
	const struct cfg_policy *p = NULL;

	for (i = 0; i < w->npolicies && p == NULL; i++) {
		if (w->policies[i].nmodels == 0)
			p = &w->policies[i];
		for (j = 0; j < w->policies[i].nmodels && p == NULL; j++) {
			char *pre = core_norm_serial(w->policies[i].models[j]);

			if (*m != '\0' && strncmp(m, pre, strlen(pre)) == 0)
				p = &w->policies[i];
			free(pre);
		}
	}
	free(m);
	return p;
}

/*
 * Months of warranty used from delivery to when (both UTC seconds, read
 * in the configured zone): whole months, and one more for a month begun
 * (the anniversary day itself still counts as the month before).
 */
static long long
months_used(int64_t delivered, int64_t when)
{
	time_t a = (time_t)delivered, b = (time_t)when;
	struct tm ta, tb;
	long long m;

	localtime_r(&a, &ta);
	localtime_r(&b, &tb);
	m = (long long)(tb.tm_year - ta.tm_year) * 12 +
	    (tb.tm_mon - ta.tm_mon);
	if (tb.tm_mday > ta.tm_mday)
		m++;
	return m < 0 ? 0 : m;
}

/* 1 if component value v of r (field f) is the component named comp. */
static int
component_is(const struct cfg_field *f, const char *v, const char *comp)
{
	const struct cfg_code *k;

	if (same_code(v, comp))
		return 1;
	if (f->type != CFG_T_ENUM || f->codes == NULL ||
	    (k = cfg_code(f->codes, v)) == NULL)
		return 0;
	return (k->label.zh != NULL && same_code(k->label.zh, comp)) ||
	    (k->label.en != NULL && same_code(k->label.en, comp));
}

/*
 * The supplier of the failed component (value v of check field f): the
 * product's own parts lines first, then the policy's suppliers.  A new
 * string, or NULL.
 */
static char *
supplier_of(const struct cfg_warranty *w, const struct store_rec *prod,
	    const struct cfg_policy *p, const struct cfg_field *f,
	    const char *v)
{
	struct core_lines l = {0};
	size_t i, ci, si;
	char *s = NULL;

	if (w->parts != NULL && w->part_component != NULL &&
	    w->part_supplier != NULL &&
	    core_lines_decode(w->parts, store_rec_get(prod, w->parts->id),
			      &l) == 0) {
		ci = (size_t)(w->part_component - w->parts->columns);
		si = (size_t)(w->part_supplier - w->parts->columns);
		for (i = 0; i < l.n && s == NULL; i++) {
			const char *cc = l.cell[i * w->parts->ncolumns + ci];
			const char *sc = l.cell[i * w->parts->ncolumns + si];

			if (*sc != '\0' && component_is(f, v, cc))
				s = xstrdup(sc);
		}
		core_lines_free(&l);
	}
	for (i = 0; p != NULL && i < p->nsuppliers && s == NULL; i++)
		if (component_is(f, v, p->suppliers[i].component) &&
		    *p->suppliers[i].supplier != '\0')
			s = xstrdup(p->suppliers[i].supplier);
	return s;
}

/*
 * The warranty check's value before it is written: what the object holds,
 * in the order of its keys.
 */
struct wv {
	const char *v, *pol;
	int has[3];                  /* "mo", "km", "hr" */
	long long seen[3], limit[3];
	const char *comp, *sup, *why;
};

static const char *const wv_limit[3] = { "mo", "km", "hr" };

/* One limit of the policy compared (i: of wv_limit); 1 if seen is over. */
static int
compare(struct wv *x, int i, long long seen, long long limit)
{
	x->has[i] = 1;
	x->seen[i] = seen;
	x->limit[i] = limit;
	return seen > limit;
}

/* 1 if s goes into JSON as it is: valid UTF-8 that needs no escape. */
static int
wv_plain(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20)
			return 0;
	return utf8_valid(s, (size_t)(p - s));
}

static void
wv_str(struct as_buf *b, const char *key, const char *v)
{
	buf_add(b, ",\"", 2);
	buf_adds(b, key);
	buf_add(b, "\":\"", 3);
	buf_adds(b, v);
	buf_add(b, "\"", 1);
}

/*
 * x as jansson's json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER) writes
 * it, written directly when no string needs an escape (every step that
 * moves the check wrote it through jansson: issue 13), else by jansson.
 */
static char *
wv_json(const struct wv *x)
{
	struct as_buf b = {0};
	char num[2][24];
	json_t *o, *a;
	char *s;
	int i;

	if (wv_plain(x->v) && wv_plain(x->pol) &&
	    (x->comp == NULL || wv_plain(x->comp)) &&
	    (x->sup == NULL || wv_plain(x->sup)) &&
	    (x->why == NULL || wv_plain(x->why))) {
		buf_add(&b, "{\"v\":\"", 6);
		buf_adds(&b, x->v);
		buf_add(&b, "\"", 1);
		wv_str(&b, "pol", x->pol);
		for (i = 0; i < 3; i++) {
			if (!x->has[i])
				continue;
			core_fmt_i64(num[0], x->seen[i]);
			core_fmt_i64(num[1], x->limit[i]);
			buf_add(&b, ",\"", 2);
			buf_adds(&b, wv_limit[i]);
			buf_add(&b, "\":[", 3);
			buf_adds(&b, num[0]);
			buf_add(&b, ",", 1);
			buf_adds(&b, num[1]);
			buf_add(&b, "]", 1);
		}
		if (x->comp != NULL)
			wv_str(&b, "comp", x->comp);
		if (x->sup != NULL)
			wv_str(&b, "sup", x->sup);
		if (x->why != NULL)
			wv_str(&b, "why", x->why);
		buf_add(&b, "}", 1);
		return b.data;
	}
	o = json_object();
	json_object_set_new(o, "v", json_string(x->v));
	json_object_set_new(o, "pol", json_string(x->pol));
	for (i = 0; i < 3; i++) {
		if (!x->has[i])
			continue;
		a = json_array();
		json_array_append_new(a, json_integer(x->seen[i]));
		json_array_append_new(a, json_integer(x->limit[i]));
		json_object_set_new(o, wv_limit[i], a);
	}
	if (x->comp != NULL)
		json_object_set_new(o, "comp", json_string(x->comp));
	if (x->sup != NULL)
		json_object_set_new(o, "sup", json_string(x->sup));
	if (x->why != NULL)
		json_object_set_new(o, "why", json_string(x->why));
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return s;
}

/*
 * The warranty check of r for warranty field f, inside t: a new JSON
 * string in *out, or NULL when r has no serial to check.
 */
static int
warranty_value(const struct core *c, struct store_txn *t,
	       const struct cfg_field *f, const struct store_rec *r,
	       int64_t now, char **out, struct as_err *err)
{
	const struct cfg_warranty *w = c->cfg->warranty;
	const struct cfg_wcheck *k = f->check;
	const struct cfg_policy *p = NULL;
	const char *serial, *why = NULL, *comp;
	struct store_rec *prod = NULL;
	long long n, when = now, deliv;
	struct wv x;
	char *sup = NULL;
	int over = 0, rc;

	*out = NULL;
	serial = k->serial != NULL ? store_rec_get(r, k->serial->id) : NULL;
	if (serial == NULL || utf8_blank(serial, strlen(serial)))
		return 0;
	if (w == NULL || w->serial == NULL)
		why = "noreg";
	else if ((rc = product_of(t, w, serial, &prod, err)) != 0)
		return rc;
	else if (prod == NULL)
		why = "noprod";
	else if ((p = policy_of(w, w->model != NULL ?
	    store_rec_get(prod, w->model->id) : NULL)) == NULL)
		why = "nopol";
	if (why != NULL) {
		/*
		 * What jansson would write for {"v": "unknown", "why": why},
		 * without building the object: every row of an import whose
		 * products are not registered comes here (issue 13).
		 */
		{
			static const char pre[] = "{\"v\":\"unknown\","
			    "\"why\":\"";
			size_t wn = strlen(why);

			*out = xmalloc(sizeof pre - 1 + wn + 3);
			memcpy(*out, pre, sizeof pre - 1);
			memcpy(*out + sizeof pre - 1, why, wn);
			memcpy(*out + sizeof pre - 1 + wn, "\"}", 3);
		}
		store_rec_free(&prod);
		return 0;
	}
	memset(&x, 0, sizeof x);
	x.v = "unknown";
	x.pol = p->id;
	num_of(r, k->date, &when);
	if (p->months > 0) {
		if (w->delivered == NULL || !num_of(prod, w->delivered, &deliv)) {
			x.why = "nodate";
			goto done;
		}
		over |= compare(&x, 0, months_used(deliv, when), p->months);
	}
	if (p->km > 0 && num_of(r, k->km, &n))
		over |= compare(&x, 1, n, p->km);
	if (p->hours > 0 && num_of(r, k->hours, &n))
		over |= compare(&x, 2, n, p->hours);
	x.v = over ? "out" : "in";
	comp = k->component != NULL ? store_rec_get(r, k->component->id) : NULL;
	if (comp != NULL && *comp != '\0') {
		x.comp = comp;
		sup = supplier_of(w, prod, p, k->component, comp);
		x.sup = sup;
	}
done:
	*out = wv_json(&x);
	free(sup);
	store_rec_free(&prod);
	return 0;
}

/* 1 with *v set if the stored warranty value s has the verdict key v. */
static int
verdict(const char *s, char *v, size_t size)
{
	json_t *o = s != NULL && *s != '\0' ?
	    json_loads(s, 0, NULL) : NULL;
	const char *x = json_string_value(json_object_get(o, "v"));
	int ok = x != NULL;

	if (ok)
		snprintf(v, size, "%s", x);
	json_decref(o);
	return ok;
}

int
core_warranty_is(const char *stored, const char *want)
{
	char v[16];

	return verdict(stored, v, sizeof v) && strcmp(v, want) == 0;
}

char *
core_warranty_supplier(const char *stored)
{
	json_t *o, *s;
	char *v = NULL;

	if (stored == NULL || *stored == '\0' ||
	    (o = json_loads(stored, 0, NULL)) == NULL)
		return NULL;
	s = json_is_object(o) ? json_object_get(o, "sup") : NULL;
	if (json_is_string(s) && *json_string_value(s) != '\0')
		v = xstrdup(json_string_value(s));
	json_decref(o);
	return v;
}

void
core_warranty_verdict_text(const char *verdict, const char *lang,
			   struct as_buf *b)
{
	int en = lang != NULL && strcmp(lang, "en") == 0;

	if (strcmp(verdict, "in") == 0)
		buf_adds(b, en ? "in warranty" : "三包期内");
	else if (strcmp(verdict, "out") == 0)
		buf_adds(b, en ? "out of warranty" : "三包期外");
	else if (strcmp(verdict, "unknown") == 0)
		buf_adds(b, en ? "not known" : "无法判定");
	else
		buf_adds(b, verdict);
}

/* n with thousands separators ("212,000") into b. */
static void
thousands(long long n, struct as_buf *b)
{
	char d[32];
	size_t i, len;

	len = (size_t)snprintf(d, sizeof d, "%lld", n < 0 ? -n : n);
	if (n < 0)
		buf_adds(b, "-");
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_adds(b, ",");
		buf_add(b, &d[i], 1);
	}
}

void
core_warranty_text(const char *stored, const char *lang, struct as_buf *b)
{
	static const struct {
		const char *key, *zh, *en;
	} lim[] = {
		{ "mo", " 个月", " months" },
		{ "km", " 公里", " km" },
		{ "hr", " 小时", " h" },
	};
	int en = lang != NULL && strcmp(lang, "en") == 0;
	json_t *o = json_loads(stored, 0, NULL), *a;
	const char *v = json_string_value(json_object_get(o, "v"));
	const char *why, *sup, *comp;
	size_t i, n = 0;
	int out;

	if (v == NULL) {
		buf_adds(b, stored);        /* not ours: shown as stored */
		json_decref(o);
		return;
	}
	out = strcmp(v, "out") == 0;
	if (strcmp(v, "unknown") == 0) {
		why = json_string_value(json_object_get(o, "why"));
		why = why == NULL ? "" : why;
		buf_adds(b, en ? "unknown: " : "无法判定：");
		if (strcmp(why, "noprod") == 0)
			buf_adds(b, en ? "serial not in the product register"
			    : "产品档案中没有这个编号");
		else if (strcmp(why, "nopol") == 0)
			buf_adds(b, en ? "no warranty policy for the model"
			    : "该型号没有三包政策");
		else if (strcmp(why, "nodate") == 0)
			buf_adds(b, en ? "no delivery date in the product "
			    "register" : "产品档案中没有交付日期");
		else
			buf_adds(b, en ? "no product register configured"
			    : "没有配置产品档案");
		json_decref(o);
		return;
	}
	buf_adds(b, out ? (en ? "out: " : "三包期外：")
	    : (en ? "in: " : "三包期内："));
	for (i = 0; i < sizeof lim / sizeof lim[0]; i++) {
		long long seen, limit;

		a = json_object_get(o, lim[i].key);
		if (json_array_size(a) != 2)
			continue;
		seen = json_integer_value(json_array_get(a, 0));
		limit = json_integer_value(json_array_get(a, 1));
		if (out && seen <= limit)
			continue;           /* out: only why */
		if (n++ > 0)
			buf_adds(b, en ? ", " : "，");
		thousands(seen, b);
		buf_adds(b, en ? lim[i].en : lim[i].zh);
		buf_adds(b, seen > limit ? " > " : " ≤ ");
		thousands(limit, b);
	}
	if (n == 0)
		buf_adds(b, en ? "no limit applies" : "无限制");
	sup = json_string_value(json_object_get(o, "sup"));
	comp = json_string_value(json_object_get(o, "comp"));
	if (sup != NULL) {
		buf_adds(b, en ? "; supplier " : "；配套厂家 ");
		buf_adds(b, sup);
		if (comp != NULL)
			buf_addf(b, en ? " (%s)" : "（%s）", comp);
	}
	json_decref(o);
}

/* Score -------------------------------------------------------------- */

static long long
gcd(long long a, long long b)
{
	while (b != 0) {
		long long t = a % b;

		a = b;
		b = t;
	}
	return a < 0 ? -a : a;
}

/*
 * The score of r for score field f: the weighted mean of the answered
 * questions, each (answer - lo) / (hi - lo), in percent with one decimal
 * ("87.5", rounded half up), computed exactly in whole numbers; a new
 * string, or NULL when no question is answered.
 */
static char *
score_value(const struct cfg_field *f, const struct store_rec *r)
{
	long long num = 0, den = 1, wsum = 0, v, g, tenths;
	size_t i;

	for (i = 0; i < f->nweights; i++) {
		const struct cfg_weight *q = &f->weights[i];
		long long span = q->hi - q->lo;

		if (!num_of(r, q->field, &v))
			continue;
		if (v < q->lo)
			v = q->lo;
		if (v > q->hi)
			v = q->hi;
		num = num * span + q->weight * (v - q->lo) * den;
		den *= span;
		g = gcd(num, den);
		if (g > 1) {
			num /= g;
			den /= g;
		}
		wsum += q->weight;
	}
	if (wsum == 0)
		return NULL;
	tenths = (2 * num * 1000 + den * wsum) / (2 * den * wsum);
	return xasprintf("%lld.%lld", tenths / 10, tenths % 10);
}

/* Update --------------------------------------------------------------- */

/* 1 if e changes a field the computed field f reads. */
static int
inputs_changed(const struct cfg_field *f, const struct store_event *e)
{
	size_t i;

	if (f->type == CFG_T_WARRANTY)
		return f->check != NULL && (changes(e, f->check->serial) ||
		    changes(e, f->check->date) || changes(e, f->check->km) ||
		    changes(e, f->check->hours) ||
		    changes(e, f->check->component));
	for (i = 0; i < f->nweights; i++)
		if (changes(e, f->weights[i].field))
			return 1;
	return 0;
}

int
calc_update(const struct core *c, struct store_txn *t,
	    const struct cfg_rectype *rt, struct store_rec *r, int created,
	    int64_t now, struct store_event *e, struct as_err *err)
{
	size_t i;
	char *v;
	int rc;

	for (i = 0; i < rt->nfields; i++) {
		const struct cfg_field *f = &rt->fields[i];

		if (f->type != CFG_T_WARRANTY && f->type != CFG_T_SCORE)
			continue;
		if (!created && (!inputs_changed(f, e) || core_frozen(c, r, f)))
			continue;
		v = NULL;
		if (f->type == CFG_T_SCORE)
			v = score_value(f, r);
		else if (f->check != NULL &&
		    (rc = warranty_value(c, t, f, r, now, &v, err)) != 0)
			return rc;
		set_computed(r, f, v, e);
		free(v);
	}
	/* the cost lines' defaults and checks (money.c) */
	return money_update(c, t, rt, r, created, e, err);
}

int
core_computed(const struct cfg_field *f)
{
	return f->type == CFG_T_WARRANTY || f->type == CFG_T_SCORE;
}
