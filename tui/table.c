/*
 * table.c - the one writer of report tables (table.h): text aligned by
 * display width, csv (libcsv, formulas marked), json and xlsx
 * (libxlsxwriter).  Every cell passes the escapes of any output: control
 * characters made visible (as_esc), a spreadsheet formula marked with an
 * apostrophe in csv; xlsx cells are written as strings or numbers, never
 * as formulas.
 */
#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "cli.h"
#include "table.h"

void
tbl_init(struct tbl *t, const char *key, const char *title,
	 const struct tbl_col *cols, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->key = key;
	t->title = xstrdup(title);
	t->cols = cols;
	t->ncols = ncols;
}

size_t
tbl_row(struct tbl *t, int bad)
{
	size_t i;

	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->cells = xrealloc(t->cells, t->cap * t->ncols *
		    sizeof *t->cells);
		t->bad = xrealloc(t->bad, t->cap * sizeof *t->bad);
	}
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = xstrdup("");
	t->bad[t->nrows] = bad;
	return t->nrows++;
}

void
tbl_set(struct tbl *t, size_t row, size_t col, const char *s)
{
	char **c = &t->cells[row * t->ncols + col];

	free(*c);
	*c = xstrdup(s != NULL ? s : "");
}

void
tbl_setf(struct tbl *t, size_t row, size_t col, const char *fmt, ...)
{
	struct as_buf b = {0};
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	buf_adds(&b, s != NULL ? s : "");
	free(s);
	free(t->cells[row * t->ncols + col]);
	t->cells[row * t->ncols + col] = b.data != NULL ? b.data : xstrdup("");
}

void
tbl_free(struct tbl *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->bad);
	free(t->title);
	memset(t, 0, sizeof *t);
}

int
tbl_format(const char *s, enum tbl_fmt *out)
{
	static const char *const names[] = { "text", "csv", "json", "xlsx" };
	size_t i;

	for (i = 0; i < 4; i++)
		if (s != NULL && strcmp(s, names[i]) == 0) {
			*out = (enum tbl_fmt)i;
			return 0;
		}
	return -1;
}

static const char *
cell(const struct tbl *t, size_t r, size_t c)
{
	return t->cells[r * t->ncols + c];
}

/* A cell as text shows it: a yes/no for a flag, "93.3%" for a percent. */
static void
shown(const struct tbl *t, size_t r, size_t c, struct as_buf *b)
{
	const char *s = cell(t, r, c);

	b->len = 0;
	buf_adds(b, "");
	if (t->cols[c].kind == TBL_BOOL && *s != '\0')
		buf_adds(b, strcmp(s, "1") == 0 ? AS_TR("是", "yes")
		    : AS_TR("否", "no"));
	else if (t->cols[c].kind == TBL_PCT && *s != '\0')
		buf_addf(b, "%s%%", s);
	else
		as_esc(b, s, strlen(s), 0);
}

static int
numeric(enum tbl_kind k)
{
	return k == TBL_INT || k == TBL_PCT || k == TBL_MONEY;
}

/* Text ---------------------------------------------------------------- */

static void
pad(const char *s, int w, int right, int last)
{
	int used = utf8_width(s, strlen(s)), i;

	if (right)
		for (i = used; i < w; i++)
			putchar(' ');
	fputs(s, stdout);
	if (!right && !last)
		for (i = used; i < w; i++)
			putchar(' ');
	if (!last)
		fputs("  ", stdout);
}

static void
write_text(const struct tbl *t)
{
	struct as_buf b = {0};
	int *w = xcalloc(t->ncols + 1, sizeof *w);
	size_t r, c;
	int x;

	printf("%s\n", cli_esc(t->title));
	for (c = 0; c < t->ncols; c++)
		w[c] = utf8_width(t->cols[c].label, strlen(t->cols[c].label));
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			shown(t, r, c, &b);
			if ((x = utf8_width(b.data, b.len)) > w[c])
				w[c] = x;
		}
	fputs("  ", stdout);
	for (c = 0; c < t->ncols; c++)
		pad(cli_esc(t->cols[c].label), w[c], numeric(t->cols[c].kind),
		    c + 1 == t->ncols);
	putchar('\n');
	for (r = 0; r < t->nrows; r++) {
		/* a missed target: marked, as a colour would on a screen */
		fputs(t->bad[r] ? "! " : "  ", stdout);
		for (c = 0; c < t->ncols; c++) {
			shown(t, r, c, &b);
			pad(b.data, w[c], numeric(t->cols[c].kind),
			    c + 1 == t->ncols);
		}
		putchar('\n');
	}
	if (t->nrows == 0)
		printf("  %s\n", AS_TR("（无）", "(none)"));
	free(w);
	buf_free(&b);
}

/* CSV ----------------------------------------------------------------- */

static void
csv_cell(FILE *f, const char *s, int last)
{
	struct as_buf b = {0};

	buf_adds(&b, "");
	if (as_formula_risky(s))
		buf_adds(&b, "'");
	as_esc(&b, s, strlen(s), AS_ESC_TAB | AS_ESC_LF | AS_ESC_KEEPBS);
	csv_fwrite(f, b.data, b.len);
	putc(last ? '\n' : ',', f);
	buf_free(&b);
}

static void
write_csv(FILE *f, const struct tbl *t)
{
	size_t r, c;

	for (c = 0; c < t->ncols; c++)
		csv_cell(f, t->cols[c].label, c + 1 == t->ncols);
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++)
			csv_cell(f, cell(t, r, c), c + 1 == t->ncols);
}

int
tbl_write_csv(const struct tbl *t, FILE *f)
{
	write_csv(f, t);
	return ferror(f) ? -1 : 0;
}

/* JSON ---------------------------------------------------------------- */

static void
json_table(const struct tbl *t, struct as_buf *b)
{
	size_t r, c;
	const char *s;

	cli_json_str(b, t->key);
	buf_adds(b, ": [");
	for (r = 0; r < t->nrows; r++) {
		buf_adds(b, r ? ",\n    {" : "\n    {");
		for (c = 0; c < t->ncols; c++) {
			s = cell(t, r, c);
			if (c)
				buf_adds(b, ", ");
			cli_json_str(b, t->cols[c].key);
			buf_adds(b, ": ");
			if (t->cols[c].kind == TBL_BOOL)
				buf_adds(b, *s == '\0' ? "null" :
				    strcmp(s, "1") == 0 ? "true" : "false");
			else if (t->cols[c].kind == TBL_INT ||
			    t->cols[c].kind == TBL_PCT)
				buf_adds(b, *s != '\0' ? s : "null");
			else
				cli_json_str(b, s);
		}
		buf_adds(b, "}");
	}
	buf_adds(b, t->nrows ? "\n  ]" : "]");
}

static void
write_json(struct tbl *const *v, size_t n, const char *head)
{
	struct as_buf b = {0};
	size_t i;

	buf_adds(&b, "{");
	if (head != NULL && *head != '\0') {
		buf_adds(&b, "\n  ");
		buf_adds(&b, head);
	}
	for (i = 0; i < n; i++) {
		buf_adds(&b, (head != NULL && *head != '\0') || i ? ",\n  "
		    : "\n  ");
		json_table(v[i], &b);
	}
	buf_adds(&b, "\n}\n");
	fputs(b.data, stdout);
	buf_free(&b);
}

/* xlsx ---------------------------------------------------------------- */

/* A sheet name Excel takes: at most 31 characters, none of []:*?/\. */
static char *
sheet_name(const char *title, size_t i)
{
	struct as_buf b = {0};
	const char *p = title != NULL ? title : "";
	size_t len = strlen(p), k, nch = 0;
	uint32_t cp;
	int cols;

	while (len > 0 && nch < 31) {
		k = utf8_char(p, len, &cp, &cols);
		if (k == 1 && (strchr("[]:*?/\\", *p) != NULL || cp < 0x20))
			buf_add(&b, "_", 1);
		else
			buf_add(&b, p, k);
		p += k;
		len -= k;
		nch++;
	}
	if (b.data == NULL)
		buf_addf(&b, "Sheet%zu", i + 1);
	return b.data;
}

static int
write_sheet(lxw_workbook *wb, const struct tbl *t, size_t i,
	    lxw_format *head, lxw_format *red, lxw_format *pct)
{
	struct as_buf b = {0};
	lxw_worksheet *ws;
	char *name = sheet_name(t->title, i);
	size_t r, c;
	const char *s;

	ws = workbook_add_worksheet(wb, name);
	free(name);
	if (ws == NULL)
		return -1;
	for (c = 0; c < t->ncols; c++) {
		b.len = 0;
		buf_adds(&b, "");
		as_esc(&b, t->cols[c].label, strlen(t->cols[c].label), 0);
		worksheet_write_string(ws, 0, (lxw_col_t)c, b.data, head);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, 14, NULL);
	}
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			lxw_row_t row = (lxw_row_t)(r + 1);
			lxw_format *f = t->bad[r] ? red : NULL;

			s = cell(t, r, c);
			if (*s == '\0')
				continue;
			if (numeric(t->cols[c].kind)) {
				worksheet_write_number(ws, row, (lxw_col_t)c,
				    strtod(s, NULL), t->cols[c].kind ==
				    TBL_PCT && f == NULL ? pct : f);
				continue;
			}
			if (t->cols[c].kind == TBL_BOOL) {
				worksheet_write_boolean(ws, row, (lxw_col_t)c,
				    strcmp(s, "1") == 0, f);
				continue;
			}
			b.len = 0;
			buf_adds(&b, "");
			as_esc(&b, s, strlen(s), AS_ESC_TAB | AS_ESC_LF |
			    AS_ESC_KEEPBS);
			worksheet_write_string(ws, row, (lxw_col_t)c, b.data, f);
		}
	buf_free(&b);
	return 0;
}

static int
write_xlsx(struct tbl *const *v, size_t n, struct as_err *err)
{
	char path[] = "/tmp/aftersales-xlsx-XXXXXX";
	lxw_workbook *wb;
	lxw_format *head, *red, *pct;
	lxw_error e;
	char buf[65536];
	size_t i, got;
	FILE *f;
	int fd, rc = 0;

	if (isatty(STDOUT_FILENO))
		return as_err_set(err, AS_E_USAGE, AS_TR("xlsx 是二进制文件："
		    "请重定向到文件（> 报表.xlsx）", "xlsx is a binary file: "
		    "redirect it to a file (> report.xlsx)"));
	if ((fd = mkstemp(path)) < 0)
		return as_err_set(err, AS_E_STORE, "%s: %s", path,
		    strerror(errno));
	close(fd);
	if ((wb = workbook_new(path)) == NULL) {
		unlink(path);
		return as_err_set(err, AS_E_STORE, AS_TR("不能生成 xlsx",
		    "cannot write the xlsx"));
	}
	head = workbook_add_format(wb);
	format_set_bold(head);
	red = workbook_add_format(wb);
	format_set_font_color(red, LXW_COLOR_RED);
	pct = workbook_add_format(wb);
	format_set_num_format(pct, "0.0");
	for (i = 0; i < n; i++)
		if (write_sheet(wb, v[i], i, head, red, pct) != 0)
			rc = -1;
	e = workbook_close(wb);
	if (rc != 0 || e != LXW_NO_ERROR) {
		unlink(path);
		return as_err_set(err, AS_E_STORE, AS_TR("不能生成 xlsx：%s",
		    "cannot write the xlsx: %s"), lxw_strerror(e));
	}
	if ((f = fopen(path, "rb")) == NULL) {
		unlink(path);
		return as_err_set(err, AS_E_STORE, "%s: %s", path,
		    strerror(errno));
	}
	unlink(path);
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		if (fwrite(buf, 1, got, stdout) != got)
			rc = -1;
	fclose(f);
	if (fflush(stdout) != 0 || rc != 0)
		return as_err_set(err, AS_E_STORE, "%s", strerror(errno));
	return 0;
}

int
tbl_write(struct tbl *const *v, size_t n, enum tbl_fmt fmt, const char *head,
	  struct as_err *err)
{
	size_t i;

	switch (fmt) {
	case TBL_FMT_TEXT:
		for (i = 0; i < n; i++) {
			if (i)
				putchar('\n');
			write_text(v[i]);
		}
		return 0;
	case TBL_FMT_CSV:
		for (i = 0; i < n; i++) {
			if (i)
				putchar('\n');
			write_csv(stdout, v[i]);
		}
		return 0;
	case TBL_FMT_JSON:
		write_json(v, n, head);
		return 0;
	case TBL_FMT_XLSX:
		return write_xlsx(v, n, err);
	}
	return 0;
}
