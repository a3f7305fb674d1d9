/*
 * table.h - private to tui/: the one writer of report tables (table.c).
 * A report is one or more tables of typed columns; the same tables are
 * written as text (aligned by display width), csv, json or xlsx
 * (libxlsxwriter: one sheet per table), so every report of the command
 * line - the KPI board, the complaint register, costs by bearer, claims by
 * supplier - has the four formats, and the escapes of every output.
 */
#ifndef AS_TABLE_H
#define AS_TABLE_H

#include <stdio.h>

#include "../config/as_base.h"

enum tbl_kind {
	TBL_TEXT,
	TBL_INT,       /* a whole number */
	TBL_PCT,       /* a percentage, "93.3" */
	TBL_MONEY,     /* yuan, "1234.50" */
	TBL_BOOL,      /* "1" or "0": json true/false, text yes/no */
};

struct tbl_col {
	const char *key;     /* json key */
	const char *label;   /* heading in the process language */
	enum tbl_kind kind;
};

/*
 * A table: key (its json member), title (heading, sheet name), columns
 * and rows of cells (each a new string, "" for none).  A row marked bad
 * (a missed target) is shown in red in xlsx and marked in text.
 */
struct tbl {
	const char *key;
	char *title;
	size_t ncols;
	const struct tbl_col *cols;
	size_t nrows, cap;
	char **cells;          /* nrows * ncols */
	int *bad;
};

enum tbl_fmt { TBL_FMT_TEXT, TBL_FMT_CSV, TBL_FMT_JSON, TBL_FMT_XLSX };

/* The table's title and columns (kept, not copied: static or longer). */
void tbl_init(struct tbl *t, const char *key, const char *title,
	      const struct tbl_col *cols, size_t ncols);
/* Add a row of empty cells; returns its index. */
size_t tbl_row(struct tbl *t, int bad);
/* Set cell (row, col) to a copy of s (NULL: ""), or printf-style. */
void tbl_set(struct tbl *t, size_t row, size_t col, const char *s);
void tbl_setf(struct tbl *t, size_t row, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void tbl_free(struct tbl *t);
/* "text", "csv", "json" or "xlsx" into *out: 0, else -1. */
int tbl_format(const char *s, enum tbl_fmt *out);
/*
 * Write the n tables to standard output in fmt.  json: one object whose
 * members are head (may be NULL: pre-rendered members without braces,
 * such as "\"month\": \"2026-10\"") and then each table's key with an
 * array of row objects; csv: the tables one after another, a blank line
 * between; xlsx: a workbook with a sheet per table (written to a
 * temporary file first, then copied; refused on a terminal).  Returns 0,
 * or an AS_E_* code with err set.
 */
int tbl_write(struct tbl *const *v, size_t n, enum tbl_fmt fmt,
	      const char *head, struct as_err *err);
/* Table t as csv (as tbl_write's) to f: 0, or -1 on a write error. */
int tbl_write_csv(const struct tbl *t, FILE *f);

#endif
