/*
 * cli_io.c - import and export of records as CSV (RFC 4180, UTF-8 with or
 * without a byte-order mark), TSV and JSON.  The import itself is core's
 * (core_import_csv: all or nothing, the first bad row reported as
 * FILE:ROW: column: problem); this file opens the file and prints the
 * outcome.  CSV is written with libcsv.
 */
#include <csv.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Import ------------------------------------------------------------- */

int
cmd_import(struct cli *cl)
{
	struct as_err err = {0};
	struct core *c;
	const char *path, *type;
	char *first = NULL, *last = NULL;
	size_t count = 0;
	FILE *f;
	int rc;

	if (cl->nargs != 3)
		return cli_usage("%s", AS_TR("用法: aftersales import 类型 "
				 "文件.csv", "usage: aftersales import TYPE "
				 "FILE.csv"));
	path = cl->args[2];
	f = core_fopen_as_caller(path);
	if (f == NULL) {
		fprintf(stderr, AS_TR("aftersales: 不能读取 %s：%s\n",
			"aftersales: cannot read %s: %s\n"), cli_esc(path),
			strerror(errno));
		return cli_exit_code(AS_E_NOTFOUND);
	}
	if ((rc = cli_open(cl, 1, 0, &c)) != 0) {
		fclose(f);
		return rc;
	}
	type = cli_type(c, cl->args[1]);
	if (cfg_rectype(core_cfg(c), type) == NULL) {
		as_err_set(&err, AS_E_NOTFOUND, AS_TR("没有记录类型“%s”（%s）",
			   "no record type \"%s\" in %s"), cl->args[1],
			   cl->o.config);
		rc = AS_E_NOTFOUND;
	} else {
		cli_progress_begin();
		rc = core_import_csv(c, type, f, path, &count, &first, &last,
				     &err);
		cli_progress_end();
	}
	fclose(f);
	core_close(&c);
	if (rc != 0) {
		fprintf(stderr, "aftersales: %s\n", cli_esc(err.msg));
		fprintf(stderr, AS_TR("aftersales: 没有从 %s 导入任何记录\n",
			"aftersales: nothing was imported from %s\n"),
			cli_esc(path));
		return cli_exit_code(rc);
	}
	if (count == 0)
		printf(AS_TR("%s: 没有要导入的行\n", "%s: no rows to import\n"),
		       cli_esc(path));
	else
		printf(AS_TR("已导入 %zu 条记录%s: %s .. %s\n",
		       "imported %zu record%s: %s .. %s\n"), count,
		       AS_TR("", count == 1 ? "" : "s"), cli_esc(first),
		       cli_esc(last));
	free(first);
	free(last);
	return 0;
}

/* Export ------------------------------------------------------------- */

enum { FMT_CSV, FMT_TSV, FMT_JSON };

struct export {
	struct core *c;
	const struct cfg_rectype *rt;
	int fmt;
	size_t n;
	struct as_buf b;
	size_t nlines;             /* lines fields of rt */
	uint64_t total;            /* records expected, for the progress */
};

/* A value in a form import reads back: codes and logins as they are,
 * money as yuan.fen, times as YYYY-MM-DD[ HH:MM]; a warranty check as
 * its English text (import skips it: it is computed again). */
static void
export_value(struct export *x, const struct cfg_field *f, const char *v,
	     struct as_buf *out)
{
	if (v == NULL)
		return;
	if (f->type == CFG_T_MONEY || f->type == CFG_T_DATE ||
	    f->type == CFG_T_DATETIME || f->type == CFG_T_WARRANTY)
		core_format_value(x->c, f, v, "en", out);
	else
		buf_adds(out, v);
}

/*
 * One cell of a csv or tsv export.  A value a spreadsheet would take as a
 * formula gets a leading apostrophe (as_formula_risky; import removes it
 * again).  Control characters are escaped as everywhere (as_esc): in CSV,
 * whose quoting carries them, TAB, LF and the backslash stay as they are,
 * so every value the input accepts round-trips through import; in TSV
 * everything is escaped (TAB as \t, LF as \n, the backslash as \\), so
 * no value breaks the columns.
 */
static void
put_cell(struct export *x, const char *s, int last)
{
	struct as_buf b = {0};

	if (s == NULL)
		s = "";
	if (as_formula_risky(s))
		buf_adds(&b, "'");
	as_esc(&b, s, strlen(s), x->fmt == FMT_CSV ?
	       AS_ESC_TAB | AS_ESC_LF | AS_ESC_KEEPBS : 0);
	if (x->fmt == FMT_CSV) {
		csv_fwrite(stdout, b.data, b.len);
		putchar(last ? '\n' : ',');
	} else {
		fputs(b.data, stdout);
		putchar(last ? '\n' : '\t');
	}
	buf_free(&b);
}

/* A lines field in a JSON export: its array itself, not a string. */
static void
export_lines_json(struct export *x, const struct cfg_field *f,
		  const char *raw)
{
	char *j = core_lines_export(x->c, f, raw);

	buf_adds(&x->b, ", ");
	cli_json_str(&x->b, f->id);
	buf_adds(&x->b, ": ");
	buf_adds(&x->b, j);
	free(j);
}

/*
 * A record of a type with lines fields in CSV or TSV: one row per line
 * (as many rows as its longest lines field has lines, at least one), the
 * record's other cells repeated on every row, the column "line" after
 * "created" numbering them from 1 (empty when the record has no line),
 * and each lines field as its FIELD.COLUMN columns, holding line i of
 * that field on row i.  Import reads this form back (core_import_csv).
 */
static void
export_line_rows(struct export *x, const struct store_rec *r)
{
	const struct cfg_rectype *rt = x->rt;
	struct core_lines *l = xcalloc(rt->nfields, sizeof *l);
	struct as_buf v = {0}, created = {0};
	size_t i, j, k, rows = 0, nrows;
	char num[32];

	for (i = 0; i < rt->nfields; i++)
		if (rt->fields[i].type == CFG_T_LINES) {
			if (core_lines_decode(&rt->fields[i], store_rec_get(r,
			    rt->fields[i].id), &l[i]) != 0)
				l[i].f = &rt->fields[i];
			if (l[i].n > rows)
				rows = l[i].n;
		}
	nrows = rows > 0 ? rows : 1;
	core_format_time(x->c, r->created, 1, &created);
	for (k = 0; k < nrows; k++) {
		put_cell(x, r->id, 0);
		put_cell(x, r->state, 0);
		put_cell(x, created.data, 0);
		snprintf(num, sizeof num, "%zu", k + 1);
		put_cell(x, rows > 0 ? num : "", 0);
		for (i = 0; i < rt->nfields; i++) {
			const struct cfg_field *f = &rt->fields[i];
			int last = i + 1 == rt->nfields;

			if (f->type != CFG_T_LINES) {
				v.len = 0;
				if (v.data)
					v.data[0] = '\0';
				export_value(x, f, store_rec_get(r, f->id), &v);
				put_cell(x, v.data, last);
				continue;
			}
			for (j = 0; j < f->ncolumns; j++) {
				v.len = 0;
				if (v.data)
					v.data[0] = '\0';
				if (k < l[i].n)
					core_lines_export_cell(x->c,
					    &f->columns[j],
					    l[i].cell[k * f->ncolumns + j], &v);
				put_cell(x, v.data, last &&
				    j + 1 == f->ncolumns);
			}
		}
	}
	for (i = 0; i < rt->nfields; i++)
		if (l[i].f != NULL)
			core_lines_free(&l[i]);
	free(l);
	buf_free(&v);
	buf_free(&created);
}

/* The header of a CSV or TSV export. */
static void
export_header(struct export *x)
{
	struct as_buf h = {0};
	size_t i, j;

	put_cell(x, "number", 0);
	put_cell(x, "state", 0);
	put_cell(x, "created", 0);
	if (x->nlines > 0)
		put_cell(x, "line", 0);
	for (i = 0; i < x->rt->nfields; i++) {
		const struct cfg_field *f = &x->rt->fields[i];
		int last = i + 1 == x->rt->nfields;

		if (f->type != CFG_T_LINES) {
			put_cell(x, f->id, last);
			continue;
		}
		for (j = 0; j < f->ncolumns; j++) {
			h.len = 0;
			buf_addf(&h, "%s.%s", f->id, f->columns[j].id);
			put_cell(x, h.data, last && j + 1 == f->ncolumns);
		}
	}
	buf_free(&h);
}

static int
export_row(const struct store_rec *r, void *vctx)
{
	struct export *x = vctx;
	struct as_buf v = {0};
	size_t i;

	if (x->fmt == FMT_JSON) {
		buf_adds(&x->b, x->n ? ",\n {" : "[\n {");
		buf_adds(&x->b, "\"number\": ");
		cli_json_str(&x->b, r->id);
		buf_adds(&x->b, ", \"state\": ");
		cli_json_str(&x->b, r->state);
		buf_addf(&x->b, ", \"rev\": %" PRIu64 ", \"created\": %" PRId64
			 ", \"updated\": %" PRId64, r->rev, r->created,
			 r->updated);
		for (i = 0; i < x->rt->nfields; i++) {
			const char *raw = store_rec_get(r, x->rt->fields[i].id);

			if (raw == NULL)
				continue;
			if (x->rt->fields[i].type == CFG_T_LINES) {
				export_lines_json(x, &x->rt->fields[i], raw);
				continue;
			}
			v.len = 0;
			export_value(x, &x->rt->fields[i], raw, &v);
			buf_adds(&x->b, ", ");
			cli_json_str(&x->b, x->rt->fields[i].id);
			buf_adds(&x->b, ": ");
			cli_json_str(&x->b, v.data);
		}
		buf_adds(&x->b, "}");
		fwrite(x->b.data, 1, x->b.len, stdout);
		x->b.len = 0;
	} else if (x->nlines > 0)
		export_line_rows(x, r);
	else {
		put_cell(x, r->id, 0);
		put_cell(x, r->state, 0);
		v.len = 0;
		core_format_time(x->c, r->created, 1, &v);
		put_cell(x, v.data, 0);
		for (i = 0; i < x->rt->nfields; i++) {
			v.len = 0;
			if (v.data)
				v.data[0] = '\0';
			export_value(x, &x->rt->fields[i],
				     store_rec_get(r, x->rt->fields[i].id), &v);
			put_cell(x, v.data, i + 1 == x->rt->nfields);
		}
	}
	buf_free(&v);
	x->n++;
	as_progress(AS_TR("导出", "export"), 0, x->n, x->total);
	return 0;
}

int
cmd_export(struct cli *cl)
{
	struct export x = {0};
	struct core_list q = {0};
	struct as_err err = {0};
	size_t i;
	int rc;

	if (cl->nargs != 2)
		return cli_usage("%s", AS_TR("用法: aftersales export 类型 "
				 "[--state 状态] [--format csv|tsv|json]",
				 "usage: aftersales export TYPE [--state S] "
				 "[--format csv|tsv|json]"));
	if (strcmp(cl->format, "text") == 0 || strcmp(cl->format, "csv") == 0)
		x.fmt = FMT_CSV;
	else if (strcmp(cl->format, "tsv") == 0)
		x.fmt = FMT_TSV;
	else if (strcmp(cl->format, "json") == 0)
		x.fmt = FMT_JSON;
	else
		return cli_usage(AS_TR("export 的 --format 是 csv、tsv 或 json，"
				 "而不是“%s”", "--format for export is csv, tsv "
				 "or json, not \"%s\""), cl->format);
	if ((rc = cli_open(cl, 0, 1, &x.c)) != 0)
		return rc;
	x.rt = cfg_rectype(core_cfg(x.c), cli_type(x.c, cl->args[1]));
	if (x.rt == NULL) {
		as_err_set(&err, AS_E_NOTFOUND, AS_TR("没有记录类型“%s”（%s）",
			   "no record type \"%s\" in %s"), cl->args[1],
			   cl->o.config);
		core_close(&x.c);
		return cli_fail(AS_E_NOTFOUND, &err);
	}
	for (i = 0; i < x.rt->nfields; i++)
		if (x.rt->fields[i].type == CFG_T_LINES)
			x.nlines++;
	if (x.fmt != FMT_JSON)
		export_header(&x);
	q.type = x.rt->id;
	q.view = cl->view;
	q.state = cl->state;
	q.limit = cl->limit;
	/* a progress line only when the rows do not go to the terminal */
	if (!isatty(STDOUT_FILENO)) {
		int more = 0;

		cli_progress_begin();
		if (as_progress_on() &&
		    (core_count(x.c, &q, 1000000, &x.total, &more, NULL) != 0 ||
		    more))
			x.total = 0;   /* not known */
		else if (q.limit != 0 && x.total > q.limit)
			x.total = q.limit;
	}
	rc = core_list(x.c, &q, export_row, &x, &err);
	cli_progress_end();
	if (x.fmt == FMT_JSON)
		fputs(x.n ? "\n]\n" : "[]\n", stdout);
	buf_free(&x.b);
	core_close(&x.c);
	return rc != 0 ? cli_fail(rc, &err) : 0;
}
