/*
 * xlsx_dl.c - libxlsxwriter loaded when a report is written as xlsx, not
 * at every start.  Debian ships no static libxlsxwriter, and the shared
 * one brings libcrypto, libminizip and libz: loading them cost a `status`
 * or `--version` more than its database lookup (0.85 ms and 2.5 MiB of a
 * 1.5 ms, 4 MiB process, issue 13).  Where the Makefile links the shared
 * library it defines AS_XLSX_DLOPEN (and AS_XLSX_SO, its soname) instead:
 * the functions table.c calls are defined here, each finding the
 * library's own on first use with dlopen/dlsym.  When the library cannot
 * be loaded, workbook_new returns NULL, which table.c reports as an xlsx
 * it cannot write.  Linked statically, this file is empty.
 */
#ifdef AS_XLSX_DLOPEN
#include <dlfcn.h>
#include <stddef.h>

#include <xlsxwriter.h>

#ifndef AS_XLSX_SO
#define AS_XLSX_SO "libxlsxwriter.so"
#endif

/* Symbol name of the library, NULL when it cannot be had. */
static void *
xlsx_sym(const char *name)
{
	static void *lib;

	if (lib == NULL)
		lib = dlopen(AS_XLSX_SO, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL)
		lib = dlopen("libxlsxwriter.so", RTLD_NOW | RTLD_LOCAL);
	return lib != NULL ? dlsym(lib, name) : NULL;
}

/* Declare fp as the library's function name (POSIX: dlsym's idiom). */
#define XLSX_FN(ret, name, args)				\
	ret (*fp) args;						\
	*(void **)(&fp) = xlsx_sym(#name)

lxw_workbook *
workbook_new(const char *filename)
{
	XLSX_FN(lxw_workbook *, workbook_new, (const char *));
	return fp != NULL ? fp(filename) : NULL;
}

lxw_format *
workbook_add_format(lxw_workbook *wb)
{
	XLSX_FN(lxw_format *, workbook_add_format, (lxw_workbook *));
	return fp != NULL ? fp(wb) : NULL;
}

lxw_worksheet *
workbook_add_worksheet(lxw_workbook *wb, const char *name)
{
	XLSX_FN(lxw_worksheet *, workbook_add_worksheet,
	    (lxw_workbook *, const char *));
	return fp != NULL ? fp(wb, name) : NULL;
}

lxw_error
workbook_close(lxw_workbook *wb)
{
	XLSX_FN(lxw_error, workbook_close, (lxw_workbook *));
	return fp != NULL ? fp(wb) : LXW_ERROR_MEMORY_MALLOC_FAILED;
}

lxw_error
worksheet_write_string(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		       const char *s, lxw_format *f)
{
	XLSX_FN(lxw_error, worksheet_write_string, (lxw_worksheet *,
	    lxw_row_t, lxw_col_t, const char *, lxw_format *));
	return fp != NULL ? fp(ws, row, col, s, f) :
	    LXW_ERROR_MEMORY_MALLOC_FAILED;
}

lxw_error
worksheet_write_number(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		       double v, lxw_format *f)
{
	XLSX_FN(lxw_error, worksheet_write_number, (lxw_worksheet *,
	    lxw_row_t, lxw_col_t, double, lxw_format *));
	return fp != NULL ? fp(ws, row, col, v, f) :
	    LXW_ERROR_MEMORY_MALLOC_FAILED;
}

lxw_error
worksheet_write_boolean(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
			int v, lxw_format *f)
{
	XLSX_FN(lxw_error, worksheet_write_boolean, (lxw_worksheet *,
	    lxw_row_t, lxw_col_t, int, lxw_format *));
	return fp != NULL ? fp(ws, row, col, v, f) :
	    LXW_ERROR_MEMORY_MALLOC_FAILED;
}

lxw_error
worksheet_set_column(lxw_worksheet *ws, lxw_col_t first, lxw_col_t last,
		     double width, lxw_format *f)
{
	XLSX_FN(lxw_error, worksheet_set_column, (lxw_worksheet *,
	    lxw_col_t, lxw_col_t, double, lxw_format *));
	return fp != NULL ? fp(ws, first, last, width, f) :
	    LXW_ERROR_MEMORY_MALLOC_FAILED;
}

void
format_set_bold(lxw_format *f)
{
	XLSX_FN(void, format_set_bold, (lxw_format *));
	if (fp != NULL)
		fp(f);
}

void
format_set_font_color(lxw_format *f, lxw_color_t color)
{
	XLSX_FN(void, format_set_font_color, (lxw_format *, lxw_color_t));
	if (fp != NULL)
		fp(f, color);
}

void
format_set_num_format(lxw_format *f, const char *num)
{
	XLSX_FN(void, format_set_num_format, (lxw_format *, const char *));
	if (fp != NULL)
		fp(f, num);
}

char *
lxw_strerror(lxw_error e)
{
	XLSX_FN(char *, lxw_strerror, (lxw_error));
	return fp != NULL ? fp(e) : (char *)"libxlsxwriter cannot be loaded";
}
#else
/* ISO C wants something in a translation unit. */
typedef int xlsx_dl_is_empty;
#endif
