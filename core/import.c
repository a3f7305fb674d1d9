/*
 * import.c - import of records from CSV (RFC 4180, UTF-8 with or without a
 * byte-order mark), read with libcsv's push parser.  The header maps each
 * column to a field by its id or its Chinese or English label; the columns
 * an export adds before the fields (number, state, created) are refused,
 * since an import registers new records and re-importing an export would
 * register every record twice.  Nothing the file holds can make the import
 * take memory in proportion to it: a NUL byte, a value longer than its
 * field may be (in bytes: four per character of a text field's maxlen)
 * and a row with more columns than the header stop the reading at once.
 * Parsed rows wait in a queue and
 * are handed one at a time to core_create_rows, so every row goes into ONE
 * write transaction: all or nothing (R1 §5.1).  The first problem, in the
 * CSV or in a value, is reported as NAME:ROW: column: problem.
 */
#include "core_int.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

struct import {
	const struct core *c;      /* for the language of messages */
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
	/*
	 * Line items (a type with lines fields): per column, the index of
	 * its lines field in rt and of its column there (-1: a plain
	 * column); the index of the "line" column (-1: none); the JSON
	 * texts of the record handed to core.
	 */
	int *lf, *lc;
	int line_col;
	char **ljson;
	size_t nljson;
	/* the header has a "line" or a FIELD.COLUMN column: rows may
	   continue records (import_record) */
	int has_lines;
	/* per column: 1 if it holds a computed field (found once) */
	signed char *comp;
	/* the cells of the row being parsed, each ending in NUL */
	struct as_buf rowb;
	size_t *offs;
	size_t capoffs;
};

/* The most columns a header may have: those of the fields, and spares. */
#define IMPORT_MAX_HEADER(rt) (4 * (rt)->nfields + 4 * ncolumns(rt) + 16)
/* The most bytes of a header cell or of a value that is not text. */
#define IMPORT_MAX_CELL 1024
/* The most bytes of a lines field given as one JSON cell. */
#define IMPORT_MAX_LINES 65536

/* The columns of the lines fields of rt. */
static size_t
ncolumns(const struct cfg_rectype *rt)
{
	size_t i, n = 0;

	for (i = 0; i < rt->nfields; i++)
		if (rt->fields[i].type == CFG_T_LINES)
			n += rt->fields[i].ncolumns;
	return n;
}

static void
on_cell(void *data, size_t len, void *vctx)
{
	struct import *im = vctx;

	if (im->failed)
		return;
	if (im->header_done && im->ncells >= im->ncols) {
		as_err_set(&im->perr, AS_E_INVALID, TR(im->c,
			   "%s:%zu: 这一行超过 %zu 列，表头只有 %zu 列",
			   "%s:%zu: the row has more than %zu columns, the "
			   "header has %zu"), im->path, im->row + 1, im->ncols,
			   im->ncols);
		im->failed = 1;
		return;
	}
	if (!im->header_done && im->ncells >= IMPORT_MAX_HEADER(im->rt)) {
		as_err_set(&im->perr, AS_E_INVALID, TR(im->c,
			   "%s:1: 表头超过 %zu 列，而%s只有 %zu 个字段；"
			   "这是要导入的文件吗？",
			   "%s:1: the header has more than %zu columns and %s "
			   "has only %zu fields; is this the file to import?"),
			   im->path, IMPORT_MAX_HEADER(im->rt),
			   cfg_text(&im->rt->label, im->c->lang, im->rt->id),
			   im->rt->nfields);
		im->failed = 1;
		return;
	}
	/* the row's cells go to one buffer, made one block in on_row */
	if (im->ncells == im->capoffs) {
		im->capoffs = im->capoffs ? im->capoffs * 2 : 16;
		im->offs = xrealloc(im->offs, im->capoffs * sizeof *im->offs);
	}
	im->offs[im->ncells++] = im->rowb.len;
	buf_add(&im->rowb, data ? data : "", data ? len : 0);
	im->rowb.len++;   /* keep the NUL that buf_add wrote */
}

/*
 * The cells of the row just parsed as one allocation: the array of
 * pointers, then the strings.  Freed with free() (an import allocated a
 * string per cell, issue 13).
 */
static char **
row_block(struct import *im)
{
	size_t n = im->ncells, i;
	char **v = xmalloc(n * sizeof *v + im->rowb.len + 1), *p;

	p = (char *)(v + n);
	if (im->rowb.len > 0)
		memcpy(p, im->rowb.data, im->rowb.len);
	for (i = 0; i < n; i++)
		v[i] = p + im->offs[i];
	im->rowb.len = 0;
	return v;
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
 * Header cell i as a column of line items: "line" (the line number of
 * the row: empty or 1 starts a record, 2, 3, ... continue the one above)
 * or FIELD.COLUMN of a lines field.  1 when it is one (recorded in cols,
 * lf, lc and line_col), else 0.
 */
static int
line_column(struct import *im, size_t i)
{
	const char *name = im->cells[i], *dot = strchr(name, '.');
	const struct cfg_field *f;
	size_t j, k;

	if (ncolumns(im->rt) == 0)
		return 0;
	if (strcmp(name, "line") == 0) {
		for (j = 0; j < i; j++)
			if (im->line_col == (int)j)
				return 0;   /* given twice: not a field */
		im->line_col = (int)i;
		im->cols[i] = xstrdup("line");
		return 1;
	}
	if (dot == NULL)
		return 0;
	for (j = 0; j < im->rt->nfields; j++) {
		f = &im->rt->fields[j];
		if (f->type != CFG_T_LINES || strlen(f->id) !=
		    (size_t)(dot - name) || strncmp(f->id, name,
		    (size_t)(dot - name)) != 0)
			continue;
		for (k = 0; k < f->ncolumns; k++)
			if (strcmp(f->columns[k].id, dot + 1) == 0) {
				size_t m;

				for (m = 0; m < i; m++)
					if (im->cols[m] != NULL &&
					    strcmp(im->cols[m], name) == 0)
						return 0;
				im->cols[i] = xstrdup(name);
				im->lf[i] = (int)j;
				im->lc[i] = (int)k;
				return 1;
			}
	}
	return 0;
}

/*
 * The columns an export adds before the fields.  An import registers new
 * records, whose number, state and time are assigned anew: a file with
 * these columns is an export, and importing it would duplicate records.
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
	im->lf = xcalloc(im->ncells, sizeof *im->lf);
	im->lc = xcalloc(im->ncells, sizeof *im->lc);
	im->line_col = -1;
	for (i = 0; i < im->ncells && !im->failed; i++) {
		int k = header_column(im, im->cells[i]);

		im->lf[i] = im->lc[i] = -1;
		if (k < 0 && line_column(im, i)) {
			im->has_lines = 1;
			continue;
		}

		if (k < 0 && is_meta_column(im->cells[i])) {
			as_err_set(&im->perr, AS_E_INVALID, TR(im->c,
				   "%s:1: 列“%s”：这是导出文件的列；导入会登记新"
				   "记录并给出新编号，再导入导出的记录会重复登记。"
				   "要把这些行登记为新记录，请删掉 number、state "
				   "和 created 三列",
				   "%s:1: column \"%s\": this column comes from "
				   "an export; an import registers new records "
				   "with new numbers, so importing exported "
				   "records again would register them twice. To "
				   "register these rows as new records, remove the "
				   "number, state and created columns"),
				   im->path, im->cells[i]);
			im->failed = 1;
			break;
		}
		if (k < 0) {
			for (j = 0; j < im->rt->nfields; j++)
				buf_addf(&valid, "%s%s", j ? ", " : "",
					 im->rt->fields[j].id);
			as_err_set(&im->perr, AS_E_INVALID, TR(im->c,
				   "%s:1: 列“%s”：%s没有这个字段；可用的列：%s",
				   "%s:1: column \"%s\": not a field of %s; "
				   "valid columns: %s"), im->path, im->cells[i],
				   cfg_text(&im->rt->label, im->c->lang,
					    im->rt->id),
				   valid.data ? valid.data : "");
			buf_free(&valid);
			im->failed = 1;
			break;
		}
		for (j = 0; j < i; j++)
			if (im->cols[j] != NULL &&
			    strcmp(im->cols[j], im->rt->fields[k].id) == 0) {
				as_err_set(&im->perr, AS_E_INVALID,
					   TR(im->c, "%s:1: 列“%s”：重复出现",
					      "%s:1: column \"%s\": given twice"),
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
	im->cells = row_block(im);
	im->row++;
	if (im->failed)
		goto done;
	if (!im->header_done) {
		im->header_done = 1;
		take_header(im);
		goto done;
	}
	if (im->ncells == 0 || (im->ncells == 1 && im->cells[0][0] == '\0'))
		goto done;  /* an empty line */
	if (im->ncells != im->ncols) {
		as_err_set(&im->perr, AS_E_INVALID, TR(im->c,
			   "%s:%zu: 这一行有 %zu 列%s，表头有 %zu 列",
			   "%s:%zu: the row has %zu column%s, the header has "
			   "%zu"), im->path, im->row, im->ncells,
			   im->ncells == 1 || !as_lang_is_en(im->c->lang)
			   ? "" : "s", im->ncols);
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
	im->ncells = 0;
	return;
done:
	free(im->cells);
	im->cells = NULL;
	im->ncells = 0;
}

static void
import_reset(struct import *im)
{
	size_t i;

	for (i = 0; i < im->qlen; i++)
		free(im->queue[im->qhead + i]);
	im->qhead = im->qlen = 0;
	free(im->cells);
	im->cells = NULL;
	im->ncells = 0;
	im->rowb.len = 0;
	free(im->taken);
	im->taken = NULL;
	im->ntaken = 0;
	free_cells(im->cols, im->ncols);
	im->cols = NULL;
	im->ncols = 0;
	free(im->kv);
	im->kv = NULL;
	im->nkv = 0;
	free(im->lf);
	free(im->lc);
	im->lf = im->lc = NULL;
	im->line_col = -1;
	free_cells(im->ljson, im->nljson);
	im->ljson = NULL;
	im->nljson = 0;
	free(im->comp);
	im->comp = NULL;
	im->has_lines = 0;
	im->header_done = im->eof = im->failed = im->bom_checked = 0;
	im->row = 0;
}

static int
import_rewind(void *vctx, struct as_err *err)
{
	struct import *im = vctx;

	import_reset(im);
	csv_free(&im->p);
	csv_init(&im->p, CSV_STRICT | CSV_STRICT_FINI);
	if (fseek(im->f, 0, SEEK_SET) != 0)
		return as_err_set(err, -errno, TR(im->c, "%s：不能从头再读一遍："
				  "%s", "%s: cannot read it again from the "
				  "start: %s"), im->path, strerror(errno));
	clearerr(im->f);
	return 0;
}

/*
 * 1 if column i holds a computed field (warranty, score): an export's
 * value, computed again when the record is created, so its cell is
 * skipped.
 */
static int
computed_col(struct import *im, size_t i)
{
	const struct cfg_field *f;
	size_t j;

	if (im->comp == NULL) {   /* once per import, not per cell */
		im->comp = xcalloc(im->ncols ? im->ncols : 1,
		    sizeof *im->comp);
		for (j = 0; j < im->ncols; j++) {
			f = im->cols[j] != NULL ? cfg_field(im->rt,
			    im->cols[j]) : NULL;
			im->comp[j] = f != NULL && core_computed(f);
		}
	}
	return im->comp[i];
}

/* The name of column i in messages: its field id, else "column N". */
static const char *
column_name(const struct import *im, size_t i, char *buf, size_t size)
{
	if (im->header_done && i < im->ncols && im->cols[i] != NULL)
		return im->cols[i];
	snprintf(buf, size, TR(im->c, "第 %zu 列", "column %zu"), i + 1);
	return buf;
}

/* The most bytes the value in column i may have while it is read. */
static size_t
cell_limit(const struct import *im, size_t i, const struct cfg_field **fp)
{
	const struct cfg_field *f = NULL;

	if (im->header_done && i < im->ncols && im->cols[i] != NULL)
		f = cfg_field(im->rt, im->cols[i]);
	*fp = f;
	if (f != NULL && f->maxlen > 0 &&
	    (f->type == CFG_T_TEXT || f->type == CFG_T_MULTILINE))
		return 4 * f->maxlen + 4;
	if (f != NULL && f->type == CFG_T_LINES)
		return IMPORT_MAX_LINES;   /* a whole JSON array in one cell */
	return IMPORT_MAX_CELL;
}

/* A NUL byte in the CSV, in the cell being read: refused. */
static int
nul_error(struct import *im, struct as_err *err)
{
	char col[32];

	return as_err_set(err, AS_E_INVALID, TR(im->c,
	    "%s:%zu: %s：有一个 NUL 字节（U+0000）；文字里不能有 NUL 字节，"
	    "CSV 文件是文本文件（这是要导入的文件吗？）",
	    "%s:%zu: %s: a NUL byte (U+0000); text cannot hold NUL bytes, and a "
	    "CSV file is text (is this the file to import?)"), im->path,
	    im->row + 1, column_name(im, im->ncells, col, sizeof col));
}

/* The cell being read is longer than its column may be: refused. */
static int
cell_too_long(struct import *im, struct as_err *err)
{
	const struct cfg_field *f;
	size_t max = cell_limit(im, im->ncells, &f);
	char col[32];

	if (im->p.entry_pos <= max)
		return 0;
	if (f != NULL && (f->type == CFG_T_TEXT || f->type == CFG_T_MULTILINE))
		return as_err_set(err, AS_E_INVALID, TR(im->c,
		    "%s:%zu: %s：值超过 %zu 字节，而%s最多 %zu 个字符",
		    "%s:%zu: %s: the value is longer than %zu bytes, and %s "
		    "holds at most %zu characters"), im->path, im->row + 1,
		    f->id, max, cfg_text(&f->label, im->c->lang, f->id),
		    f->maxlen);
	return as_err_set(err, AS_E_INVALID, TR(im->c,
	    "%s:%zu: %s：值超过 %zu 字节，太长了",
	    "%s:%zu: %s: the value is longer than %zu bytes, too long for "
	    "it"), im->path, im->row + 1,
	    column_name(im, im->ncells, col, sizeof col), max);
}

static int
import_fill(struct import *im, struct as_err *err)
{
	char buf[65536];
	const char *nul;
	size_t n, off = 0, len;
	int rc;

	n = fread(buf, 1, sizeof buf, im->f);
	if (n == 0) {
		if (ferror(im->f))
			return as_err_set(err, -EIO, TR(im->c, "%s：读取出错",
					  "%s: read error"), im->path);
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
	nul = memchr(buf + off, '\0', n - off);
	len = nul != NULL ? (size_t)(nul - (buf + off)) : n - off;
	if (csv_parse(&im->p, buf + off, len, on_cell, on_row, im) != len)
		goto bad;
	if (im->failed)
		return 0;
	if (nul != NULL)
		return nul_error(im, err);
	if ((rc = cell_too_long(im, err)) != 0)
		return rc;
	return 0;
bad:
	if (csv_error(&im->p) == CSV_EPARSE)
		return as_err_set(err, AS_E_INVALID, TR(im->c,
				  "%s:%zu: CSV 格式错误：未加引号的字段里有引号，"
				  "或引号字段没有结束（RFC 4180）",
				  "%s:%zu: malformed CSV: a quote inside an "
				  "unquoted field, or a quoted field that does "
				  "not end (RFC 4180)"), im->path, im->row + 1);
	return as_err_set(err, AS_E_INVALID, "%s:%zu: %s", im->path,
			  im->row + 1, csv_strerror(csv_error(&im->p)));
}

/* Wait until a parsed row is queued or the file ends. */
static int
import_peek(struct import *im, struct as_err *err)
{
	int rc;

	while (im->qlen == 0 && !im->eof && !im->failed)
		if ((rc = import_fill(im, err)) != 0)
			return rc;
	if (im->failed) {
		*err = im->perr;
		return im->perr.code;
	}
	return 0;
}

/* The line number in the "line" column of cells: 0 when empty, -1 bad. */
static long
line_number(const struct import *im, char **cells)
{
	const char *s;
	char *end;
	long v;

	if (im->line_col < 0)
		return 0;
	s = cells[im->line_col];
	if (*s == '\0')
		return 0;
	v = strtol(s, &end, 10);
	return *end != '\0' || v < 1 ? -1 : v;
}

/* 1 if every line of arr (a JSON array of objects) has no cell. */
static int
lines_empty(const json_t *arr)
{
	size_t i;

	for (i = 0; i < json_array_size(arr); i++)
		if (json_object_size(json_array_get(arr, i)) > 0)
			return 0;
	return 1;
}

/* The FIELD.COLUMN cells of one row: a line of each lines field. */
static void
add_line(struct import *im, json_t **arr, char **cells)
{
	const struct cfg_rectype *rt = im->rt;
	json_t **line = xcalloc(rt->nfields, sizeof *line);
	size_t i;

	for (i = 0; i < im->ncols; i++) {
		json_t **obj;

		if (im->lf[i] < 0)
			continue;
		obj = &line[im->lf[i]];
		if (*obj == NULL)
			*obj = json_object();
		if (cells[i][0] != '\0')
			json_object_set_new(*obj, rt->fields[im->lf[i]].
			    columns[im->lc[i]].id, json_string(
			    as_formula_unmark(cells[i])));
	}
	for (i = 0; i < rt->nfields; i++) {
		if (line[i] == NULL)
			continue;
		if (arr[i] == NULL)
			arr[i] = json_array();
		json_array_append_new(arr[i], line[i]);
		line[i] = NULL;
	}
	free(line);
}

/*
 * The next record of a type with lines fields: the first queued row and
 * the rows below it that continue it (their "line" is 2, 3, ...: one more
 * than the row above).  Every row adds its FIELD.COLUMN cells as a line
 * of that field; a continuing row's other cells are empty or repeat the
 * first row's.  Each lines field goes to core as a JSON array of the
 * typed cells (jansson), checked there as --set would be.
 */
static int
import_record(struct import *im, const struct core_kv **in, size_t *n,
	      struct as_err *err)
{
	const struct cfg_rectype *rt = im->rt;
	json_t **arr = xcalloc(rt->nfields, sizeof *arr);
	size_t i, first, row;
	long ln, prev;
	char **cells;
	int rc = 0;

	free(im->taken);
	free_cells(im->ljson, im->nljson);
	im->ljson = NULL;
	im->nljson = 0;
	cells = im->queue[im->qhead];
	im->taken = cells;
	im->ntaken = im->qn[im->qhead];
	first = im->bad_row = im->qrow[im->qhead];
	im->qhead++;
	im->qlen--;
	if ((prev = line_number(im, cells)) < 0 || prev > 1) {
		rc = as_err_set(err, AS_E_INVALID, TR(im->c,
		    "%s:%zu: line：“%s”不能开始一条记录；第一行的 line 为 1 "
		    "或空，续行依次为 2、3……",
		    "%s:%zu: line: \"%s\" cannot start a record; its first "
		    "row has line 1 or none, the rows continuing it 2, 3, ..."),
		    im->path, first, cells[im->line_col]);
		goto out;
	}
	add_line(im, arr, cells);
	for (;;) {
		if ((rc = import_peek(im, err)) != 0)
			goto out;
		if (im->qlen == 0)
			break;
		cells = im->queue[im->qhead];
		row = im->qrow[im->qhead];
		if ((ln = line_number(im, cells)) < 0) {
			rc = as_err_set(err, AS_E_INVALID, TR(im->c,
			    "%s:%zu: line：“%s”不是行号（1、2、3……）",
			    "%s:%zu: line: \"%s\" is not a line number (1, 2, "
			    "3, ...)"), im->path, row, cells[im->line_col]);
			goto out;
		}
		if (ln <= 1)
			break;   /* the next record */
		if (ln != prev + 1) {
			rc = as_err_set(err, AS_E_INVALID, TR(im->c,
			    "%s:%zu: line：%ld 不接上一行的 %ld；续行的 line "
			    "依次加 1",
			    "%s:%zu: line: %ld does not follow %ld in the row "
			    "above; the rows of a record number their lines "
			    "1, 2, 3, ..."), im->path, row, ln, prev);
			goto out;
		}
		for (i = 0; i < im->ncols; i++)
			if (im->lf[i] < 0 && (int)i != im->line_col &&
			    cells[i][0] != '\0' &&
			    strcmp(cells[i], im->taken[i]) != 0) {
				rc = as_err_set(err, AS_E_INVALID, TR(im->c,
				    "%s:%zu: %s：这一行续第 %zu 行的记录（line "
				    "%ld），但值不同；续行留空或照抄第一行",
				    "%s:%zu: %s: this row continues the record "
				    "of row %zu (line %ld) but its value "
				    "differs; leave it empty or repeat it"),
				    im->path, row, im->cols[i], first, ln);
				goto out;
			}
		prev = ln;
		add_line(im, arr, cells);
		free(im->queue[im->qhead]);
		im->qhead++;
		im->qlen--;
	}
	if (im->kv == NULL)
		im->kv = xcalloc(im->ncols + rt->nfields, sizeof *im->kv);
	im->ljson = xcalloc(rt->nfields + 1, sizeof *im->ljson);
	im->nkv = 0;
	for (i = 0; i < im->ntaken; i++) {
		if (im->taken[i][0] == '\0' || im->cols[i] == NULL ||
		    im->lf[i] >= 0 || (int)i == im->line_col ||
		    computed_col(im, i))
			continue;
		im->kv[im->nkv].key = im->cols[i];
		im->kv[im->nkv].val = as_formula_unmark(im->taken[i]);
		im->nkv++;
	}
	for (i = 0; i < rt->nfields; i++) {
		if (arr[i] == NULL || lines_empty(arr[i]))
			continue;   /* empty cells set nothing, as elsewhere */
		im->ljson[im->nljson] = json_dumps(arr[i],
		    JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (im->ljson[im->nljson] == NULL)
			abort();
		im->kv[im->nkv].key = rt->fields[i].id;
		im->kv[im->nkv].val = im->ljson[im->nljson++];
		im->nkv++;
	}
	*in = im->kv;
	*n = im->nkv;
	rc = 1;
out:
	for (i = 0; i < rt->nfields; i++)
		json_decref(arr[i]);
	free(arr);
	return rc;
}

/*
 * Report the row about to be taken to the progress line (as_progress),
 * every 256th row, with the rows the whole file likely holds: the rows
 * so far scaled by the file's size over the bytes read (0, not known,
 * for a pipe).
 */
static void
import_progress(const struct import *im, size_t row)
{
	struct stat st;
	uint64_t total = 0;
	long pos;

	if (!as_progress_on() || row % 256 != 0)
		return;
	pos = ftell(im->f);
	if (pos > 0 && fstat(fileno(im->f), &st) == 0 && S_ISREG(st.st_mode))
		total = (uint64_t)((double)row * (double)st.st_size /
				   (double)pos);
	as_progress(TR(im->c, "导入", "import"), 0, row,
		    total != 0 && total < row ? row : total);
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
	import_progress(im, im->qrow[im->qhead]);
	if (im->has_lines)
		return import_record(im, in, n, err);
	free(im->taken);
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
		if (cells[i][0] == '\0' || im->cols[i] == NULL ||
		    computed_col(im, i))
			continue;
		im->kv[im->nkv].key = im->cols[i];
		/* an export's formula mark ("'=x"), removed exactly once */
		im->kv[im->nkv].val = as_formula_unmark(cells[i]);
		im->nkv++;
	}
	*in = im->kv;
	*n = im->nkv;
	return 1;
}

/*
 * A database takes about this many bytes per byte of CSV (a 200-byte row
 * becomes a record, its index entries and a history event of about 2 KB,
 * with the B-trees' slack): the map is sized for the whole file before
 * the transaction starts, so that it never has to run again after
 * growing the map (issue 13).
 */
#define IMPORT_DB_PER_CSV_BYTE 12

static void
import_reserve(struct core *c, FILE *f)
{
	struct stat st;

	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0)
		core_reserve(c, (uint64_t)st.st_size *
		    IMPORT_DB_PER_CSV_BYTE, NULL);
}

int
core_import_csv(struct core *c, const char *type, FILE *f, const char *name,
		size_t *count, char **first, char **last, struct as_err *err)
{
	struct import im = {0};
	struct core_rows rows;
	struct as_err e = {0};
	size_t bad = (size_t)-1;
	int rc;

	if (count != NULL)
		*count = 0;
	if (first != NULL)
		*first = NULL;
	if (last != NULL)
		*last = NULL;
	im.c = c;
	im.path = name != NULL ? name : "-";
	im.f = f;
	im.rt = cfg_rectype(core_cfg(c), type);
	if (im.rt == NULL)
		return as_err_set(err, AS_E_NOTFOUND, TR(c,
				  "没有记录类型“%s”（%s）",
				  "no record type \"%s\" in %s"), type,
				  core_cfg(c)->path);
	if ((rc = core_may(c, "import", err)) != 0)
		return rc;
	import_reserve(c, f);
	csv_init(&im.p, CSV_STRICT | CSV_STRICT_FINI);
	rows.next = import_next;
	rows.rewind = import_rewind;
	rows.ctx = &im;
	rc = core_create_rows(c, im.rt->id, &rows, count, &bad, first, last,
			      &e);
	if (rc != 0 && bad != (size_t)-1) {
		struct as_err e2 = e;

		as_err_set(&e, rc, "%s:%zu: %s", im.path, im.bad_row, e2.msg);
	}
	if (rc != 0 && err != NULL)
		*err = e;
	csv_free(&im.p);
	import_reset(&im);
	buf_free(&im.rowb);
	free(im.offs);
	free(im.queue);
	free(im.qn);
	free(im.qrow);
	return rc;
}
