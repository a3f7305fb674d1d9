/*
 * cli_io.c - import and export of records as CSV (RFC 4180, UTF-8 with or
 * without a byte-order mark), TSV and JSON.  CSV is read and written with
 * libcsv.  An import is all or nothing: every row goes into one write
 * transaction, and the first bad row is reported as FILE:ROW: column:
 * problem with nothing written.
 */
#include <csv.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Import ------------------------------------------------------------- */

struct import {
	const char *path;
	FILE *f;
	struct csv_parser p;
	const struct cfg_rectype *rt;
	char **cols;               /* field id per column (header) */
	size_t ncols;
	int header_done;
	int eof;
	size_t row;                /* CSV record number, header = 1 */
	/* the row being parsed */
	char **cells;
	size_t ncells, capcells;
	/* complete rows waiting to be taken: cells, counts, record numbers */
	char ***queue;
	size_t *qn, *qrow;
	size_t qhead, qlen, qcap;
	/* the row handed to core */
	struct core_kv *kv;
	size_t nkv;
	char **taken;
	size_t ntaken;
	size_t bad_row;            /* record number of the row core refused */
	struct as_err perr;        /* a problem found while parsing */
	int failed;
	int bom_checked;
};

static void
on_cell(void *data, size_t len, void *vctx)
{
	struct import *im = vctx;

	if (im->ncells == im->capcells) {
		im->capcells = im->capcells ? im->capcells * 2 : 16;
		im->cells = xrealloc(im->cells, im->capcells * sizeof *im->cells);
	}
	im->cells[im->ncells++] = xstrndup(data ? data : "", data ? len : 0);
}

static void
free_cells(char **cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

static int
header_column(struct import *im, const char *name)
{
	size_t i;

	for (i = 0; i < im->rt->nfields; i++) {
		const struct cfg_field *f = &im->rt->fields[i];

		if (strcmp(name, f->id) == 0 ||
		    (f->label.zh && strcmp(name, f->label.zh) == 0) ||
		    (f->label.en && strcasecmp(name, f->label.en) == 0))
			return (int)i;
	}
	return -1;
}

/*
 * The columns an export adds before the fields.  An import registers new
 * records, so their number, state and time are assigned anew.
 */
static int
is_meta_column(const char *name)
{
	return strcmp(name, "number") == 0 || strcmp(name, "state") == 0 ||
	       strcmp(name, "created") == 0;
}

static void
take_header(struct import *im)
{
	struct as_buf valid = {0};
	size_t i, j;

	im->cols = xcalloc(im->ncells, sizeof *im->cols);
	im->ncols = im->ncells;
	for (i = 0; i < im->ncells && !im->failed; i++) {
		int k = header_column(im, im->cells[i]);

		if (k < 0 && is_meta_column(im->cells[i])) {
			im->cols[i] = NULL;
			continue;
		}
		if (k < 0) {
			for (j = 0; j < im->rt->nfields; j++)
				buf_addf(&valid, "%s%s", j ? ", " : "",
					 im->rt->fields[j].id);
			as_err_set(&im->perr, AS_E_INVALID, "%s:1: column "
				   "\"%s\": not a field of %s; valid columns: "
				   "%s", im->path, im->cells[i], im->rt->id,
				   valid.data);
			buf_free(&valid);
			im->failed = 1;
			break;
		}
		for (j = 0; j < i; j++)
			if (im->cols[j] != NULL &&
			    strcmp(im->cols[j], im->rt->fields[k].id) == 0) {
				as_err_set(&im->perr, AS_E_INVALID, "%s:1: "
					   "column \"%s\": given twice",
					   im->path, im->cells[i]);
				im->failed = 1;
			}
		im->cols[i] = xstrdup(im->rt->fields[k].id);
	}
}

static void
on_row(int term, void *vctx)
{
	struct import *im = vctx;

	(void)term;
	im->row++;
	if (im->failed)
		goto done;
	if (!im->header_done) {
		im->header_done = 1;
		take_header(im);
		goto done;
	}
	if (im->ncells == 1 && im->cells[0][0] == '\0')
		goto done;  /* an empty line */
	if (im->ncells != im->ncols) {
		as_err_set(&im->perr, AS_E_INVALID, "%s:%zu: the row has %zu "
			   "column%s, the header has %zu", im->path, im->row,
			   im->ncells, im->ncells == 1 ? "" : "s", im->ncols);
		im->failed = 1;
		goto done;
	}
	if (im->qhead + im->qlen == im->qcap) {
		if (im->qhead > 0) {
			memmove(im->queue, im->queue + im->qhead,
				im->qlen * sizeof *im->queue);
			memmove(im->qn, im->qn + im->qhead,
				im->qlen * sizeof *im->qn);
			memmove(im->qrow, im->qrow + im->qhead,
				im->qlen * sizeof *im->qrow);
			im->qhead = 0;
		} else {
			im->qcap = im->qcap ? im->qcap * 2 : 256;
			im->queue = xrealloc(im->queue,
					     im->qcap * sizeof *im->queue);
			im->qn = xrealloc(im->qn, im->qcap * sizeof *im->qn);
			im->qrow = xrealloc(im->qrow,
					    im->qcap * sizeof *im->qrow);
		}
	}
	im->queue[im->qhead + im->qlen] = im->cells;
	im->qn[im->qhead + im->qlen] = im->ncells;
	im->qrow[im->qhead + im->qlen] = im->row;
	im->qlen++;
	im->cells = NULL;
	im->ncells = im->capcells = 0;
	return;
done:
	free_cells(im->cells, im->ncells);
	im->cells = NULL;
	im->ncells = im->capcells = 0;
}

static void
import_reset(struct import *im)
{
	size_t i;

	for (i = 0; i < im->qlen; i++)
		free_cells(im->queue[im->qhead + i], im->qn[im->qhead + i]);
	im->qhead = im->qlen = 0;
	free_cells(im->cells, im->ncells);
	im->cells = NULL;
	im->ncells = im->capcells = 0;
	free_cells(im->taken, im->ntaken);
	im->taken = NULL;
	im->ntaken = 0;
	free_cells(im->cols, im->ncols);
	im->cols = NULL;
	im->ncols = 0;
	im->header_done = im->eof = im->failed = im->bom_checked = 0;
	im->row = 0;
}

static int
import_rewind(void *vctx, struct as_err *err)
{
	struct import *im = vctx;

	(void)err;
	import_reset(im);
	csv_free(&im->p);
	csv_init(&im->p, CSV_STRICT | CSV_STRICT_FINI);
	rewind(im->f);
	return 0;
}

static int
import_fill(struct import *im, struct as_err *err)
{
	char buf[65536];
	size_t n, off = 0;

	n = fread(buf, 1, sizeof buf, im->f);
	if (n == 0) {
		if (ferror(im->f))
			return as_err_set(err, -EIO, "%s: read error", im->path);
		im->eof = 1;
		if (csv_fini(&im->p, on_cell, on_row, im) != 0)
			goto bad;
		return 0;
	}
	if (!im->bom_checked) {
		im->bom_checked = 1;
		if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
			off = 3;
	}
	if (csv_parse(&im->p, buf + off, n - off, on_cell, on_row, im) !=
	    n - off)
		goto bad;
	return 0;
bad:
	if (csv_error(&im->p) == CSV_EPARSE)
		return as_err_set(err, AS_E_INVALID, "%s:%zu: malformed CSV: "
				  "a quote inside an unquoted field, or a "
				  "quoted field that does not end (RFC 4180)",
				  im->path, im->row + 1);
	return as_err_set(err, AS_E_INVALID, "%s:%zu: %s", im->path,
			  im->row + 1, csv_strerror(csv_error(&im->p)));
}

static int
import_next(void *vctx, const struct core_kv **in, size_t *n,
	    struct as_err *err)
{
	struct import *im = vctx;
	size_t i;
	char **cells;
	int rc;

	while (im->qlen == 0 && !im->eof && !im->failed)
		if ((rc = import_fill(im, err)) != 0)
			return rc;
	if (im->failed) {
		*err = im->perr;
		return im->perr.code;
	}
	if (im->qlen == 0)
		return 0;
	free_cells(im->taken, im->ntaken);
	cells = im->queue[im->qhead];
	im->taken = cells;
	im->ntaken = im->qn[im->qhead];
	im->bad_row = im->qrow[im->qhead];
	im->qhead++;
	im->qlen--;
	if (im->kv == NULL)
		im->kv = xcalloc(im->ncols, sizeof *im->kv);
	im->nkv = 0;
	for (i = 0; i < im->ntaken; i++) {
		if (cells[i][0] == '\0' || im->cols[i] == NULL)
			continue;
		im->kv[im->nkv].key = im->cols[i];
		im->kv[im->nkv].val = cells[i];
		im->nkv++;
	}
	*in = im->kv;
	*n = im->nkv;
	return 1;
}

int
cmd_import(struct cli *cl)
{
	struct import im = {0};
	struct as_err err = {0};
	struct core_rows rows;
	struct core *c;
	char *first = NULL, *last = NULL;
	size_t count = 0, bad = 0;
	int rc;

	if (cl->nargs != 3)
		return cli_usage("%s", "usage: aftersales import TYPE FILE.csv");
	im.path = cl->args[2];
	im.f = fopen(im.path, "rb");
	if (im.f == NULL) {
		fprintf(stderr, "aftersales: cannot read %s: %s\n", im.path,
			strerror(errno));
		return cli_exit_code(AS_E_NOTFOUND);
	}
	if ((rc = cli_open(cl, 1, 0, &c)) != 0) {
		fclose(im.f);
		return rc;
	}
	im.rt = cfg_rectype(core_cfg(c), cli_type(c, cl->args[1]));
	if (im.rt == NULL) {
		as_err_set(&err, AS_E_NOTFOUND, "no record type \"%s\" in %s",
			   cl->args[1], cl->o.config);
		rc = AS_E_NOTFOUND;
		goto out;
	}
	csv_init(&im.p, CSV_STRICT | CSV_STRICT_FINI);
	rows.next = import_next;
	rows.rewind = import_rewind;
	rows.ctx = &im;
	rc = core_create_rows(c, im.rt->id, &rows, &count, &bad, &first,
			      &last, &err);
	if (rc != 0 && bad != (size_t)-1) {
		struct as_err e2 = err;

		as_err_set(&err, rc, "%s:%zu: %s", im.path, im.bad_row,
			   e2.msg);
	}
	csv_free(&im.p);
out:
	import_reset(&im);
	free(im.queue);
	free(im.qn);
	free(im.qrow);
	free(im.kv);
	fclose(im.f);
	core_close(&c);
	if (rc != 0) {
		fprintf(stderr, "aftersales: %s\n", err.msg);
		fprintf(stderr, "aftersales: nothing was imported from %s\n",
			im.path);
		return cli_exit_code(rc);
	}
	if (count == 0)
		printf("%s: no rows to import\n", im.path);
	else
		printf("imported %zu record%s: %s .. %s\n", count,
		       count == 1 ? "" : "s", first, last);
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
};

/* A value in a form import reads back: codes and logins as they are,
 * money as yuan.fen, times as YYYY-MM-DD[ HH:MM]. */
static void
export_value(struct export *x, const struct cfg_field *f, const char *v,
	     struct as_buf *out)
{
	if (v == NULL)
		return;
	if (f->type == CFG_T_MONEY || f->type == CFG_T_DATE ||
	    f->type == CFG_T_DATETIME)
		core_format_value(x->c, f, v, "en", out);
	else
		buf_adds(out, v);
}

static void
put_cell(struct export *x, const char *s, int last)
{
	if (s == NULL)
		s = "";
	if (x->fmt == FMT_CSV) {
		csv_fwrite(stdout, s, strlen(s));
		putchar(last ? '\n' : ',');
	} else {
		for (; *s != '\0'; s++)
			putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' '
								       : *s);
		putchar(last ? '\n' : '\t');
	}
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
	} else {
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
		return cli_usage("%s", "usage: aftersales export TYPE "
				 "[--state S] [--format csv|tsv|json]");
	if (strcmp(cl->format, "text") == 0 || strcmp(cl->format, "csv") == 0)
		x.fmt = FMT_CSV;
	else if (strcmp(cl->format, "tsv") == 0)
		x.fmt = FMT_TSV;
	else if (strcmp(cl->format, "json") == 0)
		x.fmt = FMT_JSON;
	else
		return cli_usage("--format for export is csv, tsv or json, "
				 "not \"%s\"", cl->format);
	if ((rc = cli_open(cl, 0, 1, &x.c)) != 0)
		return rc;
	x.rt = cfg_rectype(core_cfg(x.c), cli_type(x.c, cl->args[1]));
	if (x.rt == NULL) {
		as_err_set(&err, AS_E_NOTFOUND, "no record type \"%s\" in %s",
			   cl->args[1], cl->o.config);
		core_close(&x.c);
		return cli_fail(AS_E_NOTFOUND, &err);
	}
	if (x.fmt != FMT_JSON) {
		put_cell(&x, "number", 0);
		put_cell(&x, "state", 0);
		put_cell(&x, "created", 0);
		for (i = 0; i < x.rt->nfields; i++)
			put_cell(&x, x.rt->fields[i].id,
				 i + 1 == x.rt->nfields);
	}
	q.type = x.rt->id;
	q.view = cl->view;
	q.state = cl->state;
	q.limit = cl->limit;
	rc = core_list(x.c, &q, export_row, &x, &err);
	if (x.fmt == FMT_JSON)
		fputs(x.n ? "\n]\n" : "[]\n", stdout);
	buf_free(&x.b);
	core_close(&x.c);
	return rc != 0 ? cli_fail(rc, &err) : 0;
}
