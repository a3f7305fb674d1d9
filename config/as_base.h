/*
 * as_base.h - the base every layer of aftersales uses: error codes, the
 * caller-supplied error record, abort-on-OOM allocation and small text
 * helpers.  It depends on nothing but libc, so config/, store/, core/ and
 * tui/ may all include it without breaking the layering of DESIGN.md.
 */
#ifndef AS_BASE_H
#define AS_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

/*
 * Error codes.  Functions return 0 on success or a negative code: either a
 * negated errno value (-ENOENT, -EACCES, -ENOSPC ...) or one of these.
 */
enum as_code {
	AS_OK = 0,
	AS_E_BASE = -10000,
	AS_E_NOTFOUND = -10001,  /* no such record / user / thing */
	AS_E_CONFLICT = -10002,  /* the record changed since it was read */
	AS_E_PERM = -10003,      /* this user may not do that */
	AS_E_INVALID = -10004,   /* bad input value */
	AS_E_USAGE = -10005,     /* bad command line */
	AS_E_CONFIG = -10006,    /* configuration is wrong */
	AS_E_VERSION = -10007,   /* written by a newer incompatible version */
	AS_E_CORRUPT = -10008,   /* data fails a consistency check */
	AS_E_STORE = -10009,     /* other database failure */
	AS_E_GUARD = -10010,     /* a workflow guard refused */
	AS_E_EXISTS = -10011,    /* already exists */
	AS_E_MAPFULL = -10012,   /* internal: map full, retry after growth */
	AS_E_RETRY = -10013,     /* internal: transient, retry whole txn */
	AS_E_IDENTITY = -10014,  /* login not configured / override refused */
};

/*
 * The one translation mechanism of every layer (issue 9): a message is
 * written in both languages where it is made, and the language picks one.
 *   AS_TRL(lang, zh, en)   for lang ("zh" or "en"; anything else is zh)
 *   AS_TR(zh, en)          for the process's language, as_lang()
 * Both texts are format literals with the same arguments, so the compiler
 * checks both.  as_lang_set is called by the command line (--lang) and by
 * core when its language is set (core_open, the workstation's switch);
 * before that the language is zh, the program's default.  store/ and
 * config/, which hold no language of their own, use AS_TR.
 */
#define AS_TRL(lang, zh, en) (as_lang_is_en(lang) ? (en) : (zh))
#define AS_TR(zh, en) AS_TRL(as_lang(), zh, en)
void as_lang_set(const char *lang);
const char *as_lang(void);
int as_lang_is_en(const char *lang);

/*
 * Error details filled in by the function that failed.  No allocation on
 * the error path: the message is a fixed buffer.  file/line/col locate the
 * fault in an input file when there is one (line and col are 1-based, 0
 * when unknown).
 */
struct as_err {
	int code;
	int line;
	int col;
	char file[256];
	char msg[768];
};

/* Set err (may be NULL) to code and a printf-style message; returns code. */
int as_err_set(struct as_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Same with a file position. */
int as_err_setpos(struct as_err *err, int code, const char *file, int line,
		  int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Clear err to AS_OK with an empty message. */
void as_err_clear(struct as_err *err);
/* A short English name for a code ("not found", "conflict", strerror). */
const char *as_strerror(int code);

/* Allocation that aborts with a message on out-of-memory. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/*
 * Ready the heap for about `bytes` of allocations to come at once (a
 * large write transaction): where the C library and the kernel allow it,
 * that much of the heap is taken in one step and backed by huge pages.
 * Only a hint: nothing changes where they do not.
 */
void as_heap_huge(size_t bytes);
/*
 * Ready the heap for about `bytes` of small allocations to come, in a
 * short process or at a start: where the C library and the kernel allow
 * it, the top of the heap is grown to hold them and its pages are made
 * present at once, not faulted in one by one.  Only a hint: nothing
 * changes elsewhere.
 */
void as_heap_ready(size_t bytes);
/*
 * keep 1: free memory at the top of the heap stays for reuse, not given
 * back to the system a page at a time as it is freed; keep 0: the C
 * library's default again.
 */
void as_heap_keep(int keep);
/* printf into a new string (caller frees). */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

/*
 * A growable byte buffer.  buf_free releases the data and zeroes the
 * struct; the data is always NUL-terminated past len.
 */
struct as_buf {
	char *data;
	size_t len;
	size_t cap;
};
void buf_add(struct as_buf *b, const void *p, size_t n);
void buf_adds(struct as_buf *b, const char *s);
void buf_addf(struct as_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_free(struct as_buf *b);

/*
 * The one UTF-8 module of every layer (issue 9: "one width module"): the
 * only decoder (utf8_next / utf8_char), the only width (utf8_cols, from
 * wcwidth() or glibc's table of it), the only encoder (utf8_put);
 * config, store, core, the command line and the workstation all go through these.
 *
 * Display width in terminal columns of the UTF-8 string s (first n bytes),
 * using utf8_cols; invalid bytes count as one column.
 */
int utf8_width(const char *s, size_t n);
/*
 * Number of bytes of s that fit in at most cols columns without cutting a
 * character; *used receives the width of that prefix (may be NULL).
 */
size_t utf8_fit(const char *s, int cols, int *used);
/*
 * The length in bytes of the first row of the n bytes at s when wrapped
 * to width columns: it ends before a LF (not taken), after a space when
 * that keeps more than half of the row, never leaves closing punctuation
 * ("，", "。", ",", ")" ...) to start the next row, and takes at least one
 * character.
 */
size_t utf8_row(const char *s, size_t n, int width);
/*
 * Append s to b cut to at most cols display columns: when s is wider, its
 * longest prefix of cols - 1 columns and "…" (never half a character).
 * Returns the width appended.
 */
int utf8_ellipsize(struct as_buf *b, const char *s, int cols);
/*
 * The columns code point cp takes on a terminal: 0 (a combining mark), 1
 * or 2 (Chinese); -1 for what shows nothing printable (a control
 * character, UTF8_BAD).  From wcwidth() once the UI has loaded a UTF-8
 * character type (as_ctype_loaded, the workstation: curses needs it),
 * else from glibc's own table of widths (as_width.h: utf8_table_cols),
 * which gives the same columns without loading a locale (issue 13); it
 * says 1, not -1, for a code point no Unicode version has assigned.
 */
int utf8_cols(uint32_t cp);
int utf8_table_cols(uint32_t cp);
extern int as_ctype_loaded;
/*
 * utf8_next and the width: the character at s (n > 0 bytes left) into
 * *cp, its columns (utf8_cols, but 1 for what is not printable) into
 * *cols; returns its length in bytes (>= 1).
 */
size_t utf8_char(const char *s, size_t n, uint32_t *cp, int *cols);
/*
 * The length of the longest prefix of the n bytes at s, at most max bytes,
 * that cuts no character.
 */
size_t utf8_cut(const char *s, size_t n, size_t max);
/* Append code point cp to b as UTF-8 (UTF8_BAD and surrogates as U+FFFD). */
void utf8_put(struct as_buf *b, uint32_t cp);
/* 1 if the n bytes at s are valid UTF-8. */
int utf8_valid(const char *s, size_t n);
/*
 * Decode the character at s (n > 0 bytes left) into *cp and return its
 * length in bytes; a byte that starts no valid character gives 1 with
 * *cp = UTF8_BAD.
 */
#define UTF8_BAD 0xffffffffu
size_t utf8_next(const char *s, size_t n, uint32_t *cp);
/* The number of characters in the n bytes at s (an invalid byte counts 1). */
size_t utf8_count(const char *s, size_t n);
/*
 * 1 if cp is white space in Unicode's sense (White_Space: TAB..CR, space,
 * U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F,
 * U+3000) or an invisible character that shows nothing on its own
 * (U+180E, U+200B..U+200D, U+2060, U+FEFF).
 */
int utf8_space(uint32_t cp);
/*
 * 1 if the n bytes at s are blank: empty, or nothing but utf8_space
 * characters.  Invalid UTF-8 is not blank.
 */
int utf8_blank(const char *s, size_t n);
/*
 * The characters of the NUL-terminated s into *count and its length into
 * *len, when it is plain text: valid UTF-8 without a control character
 * (C0, DEL, C1) and not starting with white space (utf8_space).  *ascii
 * is 1 when every byte is ASCII.  Returns 0 (outputs unset) otherwise.
 * One pass, three-byte characters decoded inline: an import checks ten
 * values a row this way (issue 13).
 */
int utf8_plain(const char *s, size_t *len, size_t *count, int *ascii);

/*
 * Escaping of text that reaches a terminal, a TSV file or a spreadsheet.
 * One convention everywhere: C-style escapes that are plain ASCII.
 *   TAB, LF, CR                  \t \n \r
 *   other C0 bytes, DEL          \xNN (ESC is \x1b)
 *   C1 characters (U+0080..U+009F, UTF-8 encoded)   \u0080 .. \u009f
 *   a byte that is not part of valid UTF-8          \xNN
 *   the backslash                \\ (so every escape is unambiguous)
 * Everything else, Chinese included, is copied unchanged.  The escaped text
 * holds no control character, so utf8_width() of it is its true display
 * width (an escaped ESC is 4 columns): measure after escaping.
 */
enum {
	AS_ESC_TAB = 0x1,        /* keep TAB as it is */
	AS_ESC_LF = 0x2,         /* keep LF as it is */
	AS_ESC_KEEPBS = 0x4,     /* keep the backslash as it is */
};
/* Append the n bytes at s to b, escaped as above (flags: AS_ESC_*). */
void as_esc(struct as_buf *b, const char *s, size_t n, int flags);
/* s (NULL: "") escaped into a new string (caller frees). */
char *as_esc_str(const char *s, int flags);

/*
 * Spreadsheet formulas.  A cell a spreadsheet would take as a formula
 * starts with '=', '+', '-', '@', TAB or CR; an export marks it with a
 * leading apostrophe, the usual way.  So that an import can remove exactly
 * that mark, a value that is already one or more apostrophes followed by
 * such a character is marked too ("'=x" is exported as "''=x").
 * as_formula_risky: 1 if s needs the mark.
 * as_formula_unmark: s without the mark when s carries one, else s.
 * Export then import gives back every value unchanged.
 */
int as_formula_risky(const char *s);
const char *as_formula_unmark(const char *s);

/*
 * 0 if every folder above real (an absolute path without symbolic links,
 * as realpath gives) is owned by root and writable by root alone or
 * sticky, so that nobody else can swap what real names; else 1 and why
 * (size bytes) is "its folder F belongs to uid N, not to root" or the
 * like.  For a privileged process checking what its caller names.
 */
int as_root_folders(const char *real, char *why, size_t size);

/*
 * Progress of long work (import, export, demo, verify, reindex, backup).
 * The layers below tui/ never print: they call as_progress as they go,
 * with what they are doing (a phrase in the process's language), the
 * units done and the total expected (0: not known; an estimate may grow),
 * and AS_PROG_BYTES when the units are bytes rather than records.  The
 * one function registered with as_progress_set (the command line's
 * progress line, tui/progress.c) shows it; with none registered,
 * as_progress does nothing.  as_progress_on: 1 if one is registered, so
 * that a caller can skip work only the display needs.  Not thread-safe:
 * call both from one thread at a time.
 */
enum { AS_PROG_BYTES = 0x1 };
typedef void as_progress_fn(void *ctx, const char *what, int flags,
			    uint64_t done, uint64_t total);
void as_progress_set(as_progress_fn *fn, void *ctx);
void as_progress(const char *what, int flags, uint64_t done, uint64_t total);
int as_progress_on(void);

#endif
