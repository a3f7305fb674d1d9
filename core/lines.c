/*
 * lines.c - line items: the value of a field of type lines (config.h).
 *
 * A lines value is stored as canonical JSON text in the record's field:
 * an array with one object per line, the keys in the order of the field's
 * columns:, every value a string in its column's stored form, empty cells
 * left out, and "" for no line at all.  So the record codec, the history
 * (old -> new) and verify's replay treat it as any other value.  JSON is
 * read and written with jansson only, never by hand.
 *
 * Typed values (the command line's --set, a CSV import, the form's grid)
 * go through core_parse_value of each column, so a cell obeys exactly the
 * checks of a field of its type; a refusal names the line (from 1) and
 * the column: "parts_taken line 2, quantity: ...".
 */
#include "core_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The index of column id in f, or -1. */
static int
column_index(const struct cfg_field *f, const char *id)
{
	size_t j;

	for (j = 0; j < f->ncolumns; j++)
		if (strcmp(f->columns[j].id, id) == 0)
			return (int)j;
	return -1;
}

static void
column_list(const struct cfg_field *f, struct as_buf *b)
{
	size_t j;

	for (j = 0; j < f->ncolumns; j++)
		buf_addf(b, "%s%s", j ? ", " : "", f->columns[j].id);
}

/* Prefix err's message with the field and the line (from 1). */
static int
at_line(const struct core *c, const struct cfg_field *f, size_t line,
	int rc, struct as_err *err)
{
	char msg[sizeof err->msg];

	if (err == NULL)
		return rc;
	snprintf(msg, sizeof msg, "%s", err->msg);
	return as_err_set(err, rc, TR(c, "%s 第 %zu 行，%s", "%s line %zu, %s"),
			  cfg_text(&f->label, c->lang, f->id), line, msg);
}

/* 1 if s goes into JSON as it is: valid UTF-8 that needs no escape. */
static int
json_plain(const char *s, size_t *len)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20)
			return 0;
	*len = (size_t)(p - s);
	return utf8_valid(s, *len);
}

/* The same with jansson, for cells that need escapes. */
static char *
lines_json_jansson(const struct cfg_field *f, char *const *cell, size_t n)
{
	json_t *arr = json_array(), *obj;
	size_t i, j;
	char *out;

	for (i = 0; i < n; i++) {
		obj = json_object();
		for (j = 0; j < f->ncolumns; j++)
			if (*cell[i * f->ncolumns + j] != '\0')
				json_object_set_new(obj, f->columns[j].id,
				    json_string(cell[i * f->ncolumns + j]));
		if (json_object_size(obj) == 0)
			json_decref(obj);
		else
			json_array_append_new(arr, obj);
	}
	out = json_array_size(arr) == 0 ? xstrdup("") :
	    json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(arr);
	if (out == NULL)
		abort();   /* jansson fails here only out of memory */
	return out;
}

char *
core_lines_json(const struct cfg_field *f, char *const *cell, size_t n)
{
	size_t i, j, len, kl, need = 3, nc = f->ncolumns;
	char *out, *p;
	int open, any = 0;

	/*
	 * Written directly when nothing needs an escape: what jansson's
	 * json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER) writes for these
	 * objects, byte for byte, at a fifth of the cost (issue 13).  Its
	 * size first (the columns' ids checked once), then its bytes.
	 */
	for (j = 0; j < nc; j++)
		if (!json_plain(f->columns[j].id, &kl))
			return lines_json_jansson(f, cell, n);
	for (i = 0; i < n; i++)
		for (j = 0; j < nc; j++) {
			const char *v = cell[i * nc + j];

			if (*v == '\0')
				continue;
			if (!json_plain(v, &len))
				return lines_json_jansson(f, cell, n);
			/* at most ,{"id":"v"} */
			need += 3 + strlen(f->columns[j].id) + 3 + len + 2;
			any = 1;
		}
	if (!any)
		return xstrdup("");
	p = out = xmalloc(need);
	*p++ = '[';
	for (i = 0; i < n; i++) {
		open = 0;
		for (j = 0; j < nc; j++) {
			const char *v = cell[i * nc + j], *id = f->columns[j].id;

			if (*v == '\0')
				continue;
			if (open)
				*p++ = ',';
			else {
				if (p > out + 1)
					*p++ = ',';   /* after a line */
				*p++ = '{';
			}
			*p++ = '"';
			kl = strlen(id);
			memcpy(p, id, kl);
			p += kl;
			memcpy(p, "\":\"", 3);
			p += 3;
			len = strlen(v);
			memcpy(p, v, len);
			p += len;
			*p++ = '"';
			open = 1;
		}
		if (open)
			*p++ = '}';
	}
	*p++ = ']';
	*p = '\0';
	return out;
}

/*
 * The typed cells of n lines (n * ncolumns, NULL or "" for empty) ->
 * canonical JSON in *out.  *bad_line and *bad_col (may be NULL) receive
 * the 0-based cell refused ((size_t)-1 for none or for the whole field).
 */
static int
encode(const struct core *c, const struct cfg_field *f,
       const char *const *typed, size_t n, char **out, size_t *bad_line,
       size_t *bad_col, struct as_err *err)
{
	size_t i, j = 0, k, nc = f->ncolumns, kept = 0;
	char **v = xcalloc(n * nc + 1, sizeof *v);
	int rc = 0;

	for (i = 0; i < n; i++) {
		char **line = v + kept * nc;
		int any = 0;

		for (j = 0; j < nc; j++) {
			const struct cfg_field *col = &f->columns[j];
			const char *t = typed[i * nc + j];

			if ((rc = core_parse_value(c, col, t ? t : "",
			    &line[j], err)) != 0) {
				rc = at_line(c, f, i + 1, rc, err);
				break;
			}
			any |= *line[j] != '\0';
		}
		if (rc == 0 && !any) {
			for (j = 0; j < nc; j++) {
				free(line[j]);   /* a line with no cell: */
				line[j] = NULL;  /* dropped */
			}
			continue;
		}
		for (k = 0; rc == 0 && k < nc; k++)
			if (f->columns[k].required && *line[k] == '\0') {
				as_err_set(err, AS_E_INVALID, TR(c,
				    "%s必须填写", "%s is required"),
				    cfg_text(&f->columns[k].label, c->lang,
				    f->columns[k].id));
				rc = at_line(c, f, i + 1, AS_E_INVALID, err);
				j = k;
			}
		if (rc != 0)
			break;
		kept++;
	}
	if (rc != 0) {
		if (bad_line != NULL)
			*bad_line = i;
		if (bad_col != NULL)
			*bad_col = j;
	} else
		*out = core_lines_json(f, v, kept);
	for (i = 0; i < (kept + 1) * nc && i < n * nc; i++)
		free(v[i]);
	free(v);
	return rc;
}

int
core_lines_encode(const struct core *c, const struct cfg_field *f,
		  const char *const *typed, size_t n, char **out,
		  size_t *bad_line, size_t *bad_col, struct as_err *err)
{
	if (bad_line != NULL)
		*bad_line = (size_t)-1;
	if (bad_col != NULL)
		*bad_col = (size_t)-1;
	*out = NULL;
	return encode(c, f, typed, n, out, bad_line, bad_col, err);
}

/* A JSON scalar of a typed line as text (new string), or NULL. */
static char *
scalar_text(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		return xstrndup(json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		return xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
	case JSON_REAL:
		return xasprintf("%.15g", json_real_value(v));
	case JSON_NULL:
		return xstrdup("");
	default:
		return NULL;
	}
}

static int plain_string(const char **, const char **, size_t *);

/* JSON's white space at *p skipped. */
static const char *
json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/*
 * A cell of typed_plain at *p: a string with no escape, an integer as
 * jansson prints it back (no sign of zero, no leading zero, at most 18
 * digits, no fraction or exponent), or null ("").  A new string, *p
 * moved past it; NULL when it is none of those.
 */
static char *
typed_cell(const char **p)
{
	const char *q = *p, *s;
	size_t n;

	if (*q == '"') {
		if (plain_string(p, &s, &n) != 0)
			return NULL;
		return xstrndup(s, n);
	}
	if (strncmp(q, "null", 4) == 0) {
		*p = q + 4;
		return xstrdup("");
	}
	s = q;
	if (*q == '-')
		q++;
	if (*q == '0' && q[-1] != '-' && !(q[1] >= '0' && q[1] <= '9'))
		n = 1;
	else if (*q >= '1' && *q <= '9')
		for (n = 1; q[n] >= '0' && q[n] <= '9'; n++)
			;
	else
		return NULL;
	if (n > 18 || q[n] == '.' || q[n] == 'e' || q[n] == 'E')
		return NULL;
	*p = q + n;
	return xstrndup(s, (size_t)(q + n - s));
}

/*
 * The typed JSON of core_lines_parse read without jansson when it is
 * plain: valid UTF-8, an array of objects whose keys are columns of f,
 * each at most once, and whose values typed_cell reads; white space
 * where JSON allows it.  The cells (NULL for none) as jansson's reading
 * gives them, into *cells and *n: 0.  -1, nothing kept, for anything
 * else, which jansson reads (or refuses, with its message) as before.
 * jansson took half of a lines value's parse in the demo (issue 13).
 */
static int
typed_plain(const struct cfg_field *f, const char *typed, char ***cells,
	    size_t *n)
{
	const char *p = json_ws(typed), *ks;
	size_t kl, j, cap = 0, nc = f->ncolumns, lines = 0;
	char **cell = NULL, **line;

	if (*p++ != '[' || !utf8_valid(typed, strlen(typed)))
		return -1;
	p = json_ws(p);
	if (*p == ']')
		goto end;
	for (;;) {
		if (*p++ != '{')
			goto bad;
		if ((lines + 1) * nc + 1 > cap) {
			cap = 2 * ((lines + 1) * nc + 1);
			cell = xrealloc(cell, cap * sizeof *cell);
		}
		line = cell + lines * nc;
		for (j = 0; j < nc; j++)
			line[j] = NULL;
		lines++;
		p = json_ws(p);
		while (*p != '}') {
			if (plain_string(&p, &ks, &kl) != 0)
				goto bad;
			for (j = 0; j < nc; j++)
				if (strncmp(f->columns[j].id, ks, kl) == 0 &&
				    f->columns[j].id[kl] == '\0')
					break;
			if (j == nc || line[j] != NULL)
				goto bad;   /* no such column, or twice */
			p = json_ws(p);
			if (*p++ != ':')
				goto bad;
			p = json_ws(p);
			if ((line[j] = typed_cell(&p)) == NULL)
				goto bad;
			p = json_ws(p);
			if (*p == ',') {
				p = json_ws(p + 1);
				if (*p != '"')
					goto bad;
			} else if (*p != '}')
				goto bad;
		}
		p = json_ws(p + 1);
		if (*p == ']')
			break;
		if (*p++ != ',')
			goto bad;
		p = json_ws(p);
	}
end:
	if (*json_ws(p + 1) != '\0')
		goto bad;
	if (cell == NULL)
		cell = xcalloc(1, sizeof *cell);
	cell[lines * nc] = NULL;
	*cells = cell;
	*n = lines;
	return 0;
bad:
	for (j = 0; j < lines * nc; j++)
		free(cell[j]);
	free(cell);
	return -1;
}

int
core_lines_parse(const struct core *c, const struct cfg_field *f,
		 const char *typed, char **out, struct as_err *err)
{
	json_error_t je;
	json_t *arr, *obj, *val;
	const char *key;
	char **cells;
	size_t n, i, j;
	struct as_buf cols = {0};
	int rc = 0, k;

	*out = NULL;
	if (utf8_blank(typed, strlen(typed))) {
		*out = xstrdup("");
		return 0;
	}
	if (typed_plain(f, typed, &cells, &n) == 0) {
		rc = encode(c, f, (const char *const *)cells, n, out, NULL,
			    NULL, err);
		for (j = 0; j < n * f->ncolumns; j++)
			free(cells[j]);
		free(cells);
		return rc;
	}
	arr = json_loads(typed, JSON_REJECT_DUPLICATES, &je);
	if (arr == NULL || !json_is_array(arr)) {
		if (arr == NULL)
			as_err_set(err, AS_E_INVALID, TR(c,
			    "%s：不是有效的 JSON（位置 %d：%s）；应为对象"
			    "数组，如 [{\"%s\": ...}]",
			    "%s: not valid JSON (at %d: %s); expected "
			    "an array of objects such as [{\"%s\": ...}]"),
			    cfg_text(&f->label, c->lang, f->id), je.position, je.text,
			    f->ncolumns ? f->columns[0].id : "");
		else
			as_err_set(err, AS_E_INVALID, TR(c,
			    "%s：应为 JSON 对象数组，如 [{\"%s\": ...}]",
			    "%s: expected a JSON array of objects such as "
			    "[{\"%s\": ...}]"), cfg_text(&f->label, c->lang, f->id),
			    f->ncolumns ? f->columns[0].id : "");
		json_decref(arr);
		return AS_E_INVALID;
	}
	n = json_array_size(arr);
	cells = xcalloc(n * f->ncolumns + 1, sizeof *cells);
	for (i = 0; i < n && rc == 0; i++) {
		obj = json_array_get(arr, i);
		if (!json_is_object(obj)) {
			rc = as_err_set(err, AS_E_INVALID, TR(c,
			    "%s 第 %zu 行：应为 JSON 对象 {\"列\": 值, ...}",
			    "%s line %zu: expected a JSON object {\"column\": "
			    "value, ...}"), cfg_text(&f->label, c->lang, f->id), i + 1);
			break;
		}
		json_object_foreach(obj, key, val) {
			if ((k = column_index(f, key)) < 0) {
				column_list(f, &cols);
				rc = as_err_set(err, AS_E_INVALID, TR(c,
				    "%s 第 %zu 行：没有列“%s”；可用的列：%s",
				    "%s line %zu: no column \"%s\"; the columns "
				    "are %s"), cfg_text(&f->label, c->lang, f->id), i + 1, key,
				    cols.data);
				break;
			}
			if ((cells[i * f->ncolumns + (size_t)k] =
			    scalar_text(val)) == NULL) {
				rc = as_err_set(err, AS_E_INVALID, TR(c,
				    "%s 第 %zu 行，%s：应为字符串或数字",
				    "%s line %zu, %s: expected a string or a "
				    "number"), cfg_text(&f->label, c->lang, f->id), i + 1, key);
				break;
			}
		}
	}
	if (rc == 0)
		rc = encode(c, f, (const char *const *)cells, n, out, NULL,
			    NULL, err);
	for (j = 0; j < n * f->ncolumns; j++)
		free(cells[j]);
	free(cells);
	buf_free(&cols);
	json_decref(arr);
	return rc;
}

/*
 * A string of decode_plain at *p: '"', bytes that need no escape, '"'.
 * Its start and length; *p moved past it.  0, or -1 when it is not one.
 */
static int
plain_string(const char **p, const char **start, size_t *len)
{
	const char *q = *p;

	if (*q++ != '"')
		return -1;
	*start = q;
	while (*q != '"') {
		if (*q == '\\' || (unsigned char)*q < 0x20)
			return -1;   /* an escape, a control, the end */
		q++;
	}
	*len = (size_t)(q - *start);
	*p = q + 1;
	return 0;
}

/*
 * The lines as encode stores them (compact JSON: an array of objects of
 * strings) read without jansson, which took a tenth of a demo's steps
 * (issue 13).  0 with out filled when stored is valid UTF-8 in that form
 * with no escape in any string and no column given twice; -1, out left
 * empty, for anything else, which jansson reads (or refuses) as before.
 */
static int
decode_plain(const struct cfg_field *f, const char *stored,
	     struct core_lines *out)
{
	const char *p = stored, *ks, *vs;
	size_t kl, vl, j, cap = 0, nc = f->ncolumns;
	char **cell = NULL, **line;

	if (*p++ != '[' || !utf8_valid(stored, strlen(stored)))
		return -1;
	if (*p == ']')
		goto end;
	for (;;) {
		if (*p++ != '{')
			goto bad;
		if ((out->n + 1) * nc + 1 > cap) {
			cap = 2 * ((out->n + 1) * nc + 1);
			cell = xrealloc(cell, cap * sizeof *cell);
		}
		line = cell + out->n * nc;
		for (j = 0; j < nc; j++)
			line[j] = NULL;
		out->n++;
		while (*p != '}') {
			if (plain_string(&p, &ks, &kl) != 0 || *p++ != ':' ||
			    plain_string(&p, &vs, &vl) != 0)
				goto bad;
			for (j = 0; j < nc; j++)
				if (strncmp(f->columns[j].id, ks, kl) == 0 &&
				    f->columns[j].id[kl] == '\0')
					break;
			if (j < nc && line[j] != NULL)
				goto bad;    /* twice: jansson keeps the last */
			if (j < nc)
				line[j] = xstrndup(vs, vl);
			if (*p == ',' && p[1] != '}')
				p++;
			else if (*p != '}')
				goto bad;
		}
		p++;
		for (j = 0; j < nc; j++)
			if (line[j] == NULL)
				line[j] = xstrdup("");
		if (*p == ']')
			break;
		if (*p++ != ',')
			goto bad;
	}
end:
	if (*++p != '\0')
		goto bad;
	if (cell == NULL)
		cell = xcalloc(1, sizeof *cell);
	cell[out->n * nc] = NULL;
	out->cell = cell;
	return 0;
bad:
	for (j = 0; j < out->n * nc; j++)
		free(cell[j]);
	free(cell);
	out->n = 0;
	return -1;
}

int
core_lines_decode(const struct cfg_field *f, const char *stored,
		  struct core_lines *out)
{
	json_t *arr, *obj, *v;
	size_t i, j;

	memset(out, 0, sizeof *out);
	out->f = f;
	if (stored == NULL || *stored == '\0')
		return 0;
	if (decode_plain(f, stored, out) == 0)
		return 0;
	arr = json_loads(stored, 0, NULL);
	if (arr == NULL || !json_is_array(arr)) {
		json_decref(arr);
		return AS_E_INVALID;
	}
	out->n = json_array_size(arr);
	out->cell = xcalloc(out->n * f->ncolumns + 1, sizeof *out->cell);
	for (i = 0; i < out->n; i++) {
		obj = json_array_get(arr, i);
		for (j = 0; j < f->ncolumns; j++) {
			v = json_is_object(obj) ? json_object_get(obj,
			    f->columns[j].id) : NULL;
			out->cell[i * f->ncolumns + j] = v != NULL &&
			    json_is_string(v) ? xstrdup(json_string_value(v))
			    : xstrdup("");
		}
	}
	json_decref(arr);
	return 0;
}

void
core_lines_free(struct core_lines *l)
{
	size_t i;

	if (l->cell != NULL)
		for (i = 0; i < l->n * l->f->ncolumns; i++)
			free(l->cell[i]);
	free(l->cell);
	l->cell = NULL;
	l->n = 0;
}

static char *lines_export(const struct core *, const struct cfg_field *,
    const char *);

/* A cell as an export gives it: money yuan.fen, times formatted. */
static void
export_cell(const struct core *c, const struct cfg_field *col, const char *v,
	    struct as_buf *b)
{
	if (col->type == CFG_T_MONEY || col->type == CFG_T_DATE ||
	    col->type == CFG_T_DATETIME)
		core_format_value(c, col, v, "en", b);
	else
		buf_adds(b, v);
}

char *
core_lines_export(const struct core *c, const struct cfg_field *f,
		  const char *stored)
{
	if (stored == NULL || *stored == '\0')
		return xstrdup("[]");
	return lines_export(c, f, stored);
}

static char *
lines_export(const struct core *c, const struct cfg_field *f,
	     const char *stored)
{
	struct core_lines l;
	json_t *arr = json_array(), *obj;
	struct as_buf b = {0};
	size_t i, j;
	char *s;

	if (core_lines_decode(f, stored, &l) != 0) {
		json_array_append_new(arr, json_string(stored));
		l.n = 0;
	}
	for (i = 0; i < l.n; i++) {
		obj = json_object();
		for (j = 0; j < f->ncolumns; j++) {
			const char *v = l.cell[i * f->ncolumns + j];

			if (*v == '\0')
				continue;
			b.len = 0;
			if (b.data != NULL)
				b.data[0] = '\0';
			export_cell(c, &f->columns[j], v, &b);
			json_object_set_new(obj, f->columns[j].id,
					    json_string(b.data ? b.data : ""));
		}
		json_array_append_new(arr, obj);
	}
	core_lines_free(&l);
	buf_free(&b);
	s = json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(arr);
	if (s == NULL)
		abort();
	return s;
}

void
core_lines_export_cell(const struct core *c, const struct cfg_field *col,
		       const char *v, struct as_buf *b)
{
	if (v != NULL && *v != '\0')
		export_cell(c, col, v, b);
}

void
core_lines_summary(const struct core *c, const struct cfg_field *f,
		   const char *stored, const char *lang, struct as_buf *b)
{
	struct core_lines l;
	size_t i, j;
	int any;

	if (core_lines_decode(f, stored, &l) != 0) {
		buf_adds(b, stored);
		return;
	}
	for (i = 0; i < l.n; i++) {
		if (i > 0)
			buf_adds(b, "; ");
		any = 0;
		for (j = 0; j < f->ncolumns; j++) {
			const char *v = l.cell[i * f->ncolumns + j];

			if (*v == '\0')
				continue;
			if (any++)
				buf_adds(b, ", ");
			core_format_value(c, &f->columns[j], v, lang, b);
		}
	}
	core_lines_free(&l);
}

int
core_lines_cells(const struct core *c, const struct cfg_field *f,
		 const char *stored, const char *lang, struct core_lines *out)
{
	struct as_buf b = {0};
	size_t i, j;

	if (core_lines_decode(f, stored, out) != 0)
		return AS_E_INVALID;
	for (i = 0; i < out->n; i++)
		for (j = 0; j < f->ncolumns; j++) {
			char **cell = &out->cell[i * f->ncolumns + j];

			b.len = 0;
			if (b.data != NULL)
				b.data[0] = '\0';
			core_format_value(c, &f->columns[j], *cell, lang, &b);
			free(*cell);
			*cell = xstrdup(b.data != NULL ? b.data : "");
		}
	buf_free(&b);
	return 0;
}

int
core_lines_change_text(const struct core *c, const struct cfg_field *f,
		       const char *old, const char *new, const char *lang,
		       struct as_buf *b)
{
	struct core_lines lo, ln;
	size_t i, j, nc = f->ncolumns, changed = 0, per_line = 0, n;
	int en = as_lang_is_en(lang), rc = 0, first = 1;

	if (f->type != CFG_T_LINES || old == NULL || new == NULL)
		return 0;
	if (core_lines_cells(c, f, old, lang, &lo) != 0)
		return 0;
	if (core_lines_cells(c, f, new, lang, &ln) != 0) {
		core_lines_free(&lo);
		return 0;
	}
	if (lo.n == ln.n && lo.n > 0) {
		for (i = 0; i < ln.n; i++) {
			n = 0;
			for (j = 0; j < nc; j++)
				n += strcmp(lo.cell[i * nc + j],
				    ln.cell[i * nc + j]) != 0;
			changed += n;
			if (n > per_line)
				per_line = n;
		}
		/* a few cells of some lines, not lines rewritten whole */
		rc = changed > 0 && per_line * 2 <= nc;
	}
	for (i = 0; rc && i < ln.n; i++) {
		int named = 0;

		for (j = 0; j < nc; j++) {
			const char *a = lo.cell[i * nc + j];
			const char *z = ln.cell[i * nc + j];

			if (strcmp(a, z) == 0)
				continue;
			/* the line once, named by its first cell (the part,
			   the cost type) where that is not what changed */
			if (!named) {
				buf_addf(b, en ? "%sline %zu" : "%s第 %zu 行",
				    first ? "" : "; ", i + 1);
				if (j > 0 && *ln.cell[i * nc] != '\0')
					buf_addf(b, " %s", ln.cell[i * nc]);
				first = 0;
			}
			buf_addf(b, "%s%s: %s → %s", named ? ", " : " ",
			    cfg_text(&f->columns[j].label, lang,
			    f->columns[j].id), *a ? a : "-", *z ? z : "-");
			named = 1;
		}
	}
	core_lines_free(&lo);
	core_lines_free(&ln);
	return rc;
}

char *
core_lines_typed(const struct cfg_field *f, const char *const *cells,
		 size_t n)
{
	json_t *arr = json_array(), *obj;
	size_t i, j;
	char *s;

	for (i = 0; i < n; i++) {
		obj = json_object();
		for (j = 0; j < f->ncolumns; j++) {
			const char *v = cells[i * f->ncolumns + j];

			if (v != NULL && !utf8_blank(v, strlen(v)))
				json_object_set_new(obj, f->columns[j].id,
				    json_string(v));
		}
		if (json_object_size(obj) > 0)
			json_array_append_new(arr, obj);
		else
			json_decref(obj);
	}
	if (json_array_size(arr) == 0)
		s = xstrdup("");
	else if ((s = json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER)) ==
	    NULL)
		abort();
	json_decref(arr);
	return s;
}
