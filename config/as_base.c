/*
 * as_base.c - errors, abort-on-OOM allocation, growable buffers and UTF-8
 * display widths shared by every layer.
 */
#include "as_base.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <wchar.h>

static int err_vset(struct as_err *err, int code, const char *file, int line,
		    int col, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));

static int
err_vset(struct as_err *err, int code, const char *file, int line, int col,
	 const char *fmt, va_list ap)
{
	if (err == NULL)
		return code;
	err->code = code;
	err->line = line;
	err->col = col;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	return code;
}

int
as_err_set(struct as_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(err, code, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int
as_err_setpos(struct as_err *err, int code, const char *file, int line,
	      int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(err, code, file, line, col, fmt, ap);
	va_end(ap);
	return code;
}

void
as_err_clear(struct as_err *err)
{
	if (err == NULL)
		return;
	err->code = err->line = err->col = 0;
	err->file[0] = err->msg[0] = '\0';
}

static const char *as_process_lang = "zh";

void
as_lang_set(const char *lang)
{
	as_process_lang = as_lang_is_en(lang) ? "en" : "zh";
}

const char *
as_lang(void)
{
	return as_process_lang;
}

int
as_lang_is_en(const char *lang)
{
	return lang != NULL && strcmp(lang, "en") == 0;
}

const char *
as_strerror(int code)
{
	switch (code) {
	case AS_OK: return AS_TR("成功", "success");
	case AS_E_NOTFOUND: return AS_TR("未找到", "not found");
	case AS_E_CONFLICT: return AS_TR("已被他人修改",
					 "changed by someone else");
	case AS_E_PERM: return AS_TR("无权限", "not permitted");
	case AS_E_INVALID: return AS_TR("输入无效", "invalid input");
	case AS_E_USAGE: return AS_TR("用法错误", "usage error");
	case AS_E_CONFIG: return AS_TR("配置错误", "configuration error");
	case AS_E_VERSION: return AS_TR("由更新的版本写入",
					"written by a newer version");
	case AS_E_CORRUPT: return AS_TR("数据损坏", "data corrupted");
	case AS_E_STORE: return AS_TR("数据库错误", "database error");
	case AS_E_GUARD: return AS_TR("被流程规则拒绝",
				      "refused by a workflow rule");
	case AS_E_EXISTS: return AS_TR("已存在", "already exists");
	case AS_E_MAPFULL: return AS_TR("数据库映射已满",
					"database map full");
	case AS_E_RETRY: return AS_TR("暂时性错误", "transient error");
	case AS_E_IDENTITY: return AS_TR("未知用户", "unknown user");
	default:
		if (code < 0 && code > AS_E_BASE)
			return strerror(-code);
		return AS_TR("未知错误", "unknown error");
	}
}

static void
oom(size_t n)
{
	fprintf(stderr, "aftersales: out of memory (%zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

/*
 * A write transaction of LMDB keeps every page it changes in a malloc'd
 * copy until its commit, so an import fills hundreds of megabytes of
 * heap page by page, and each first touch of a page is a page fault:
 * 9-90 us each in the virtual machines here, a third of an import's
 * time.  A huge page (2 MiB) is one fault where 512 small pages are 512.
 * Debian's kernels give them where a program asks (transparent_hugepage
 * "madvise"), and glibc asks only under GLIBC_TUNABLES, read at exec.  So
 * the heap is grown here by the coming amount at once (M_TOP_PAD; the
 * allocation that makes it grow is larger than all the heap has free,
 * and comes from the heap, not from mmap, below M_MMAP_THRESHOLD), is
 * kept (as_heap_keep, until store_close: given back and taken again, it
 * would lose the advice), and the grown part is advised
 * MADV_HUGEPAGE.  At most 1 GiB (mallopt takes an int); the heap grows
 * on past it in small pages as before.
 */
void
as_heap_huge(size_t bytes)
{
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 33) && defined(MADV_HUGEPAGE)
	const uintptr_t huge = (uintptr_t)2 << 20;
	struct mallinfo2 mi = mallinfo2();
	uintptr_t lo, hi;
	char *p;

	if (bytes < 4 * huge)
		return;   /* not worth a huge page */
	if (bytes > (size_t)1 << 30)
		bytes = (size_t)1 << 30;
	if (mi.keepcost > ((size_t)16 << 20))
		return;   /* room at the top already: grown before */
	as_heap_keep(1);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TOP_PAD, (int)bytes);
	if ((p = malloc(mi.fordblks + 1)) == NULL)
		return;
	lo = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	hi = (uintptr_t)sbrk(0) & ~(huge - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
	free(p);
#else
	(void)bytes;
#endif
}

/*
 * A process that takes one step (`do`) touches a few hundred KiB of heap
 * for the first time, most of it LMDB's copies of the pages the step
 * changes (a page and its header each), and each first touch of a page
 * is a fault of its own: in the virtual machines here 48 of them took
 * 490-680 us.  So the top of the heap is grown here by bytes at once
 * (one allocation of that size from the heap, given back; kept by
 * as_heap_keep) and its pages made present with one
 * madvise(MADV_POPULATE_WRITE) (Linux 5.14): 64 pages in 40-100 us, and
 * the first touches that follow about 5 us a page (the hypervisor still
 * maps each on its first touch), so about half the cost.  A `do`: page
 * faults 133 -> 86 (perf stat, median of 15).  The workstation readies
 * its start's heap the same way (curses' screens, the list and its
 * counts): 231 -> 151 page faults to the first screen.
 */
void
as_heap_ready(size_t bytes)
{
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 33) && defined(MADV_POPULATE_WRITE)
	const uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
	struct mallinfo2 mi;
	uintptr_t lo, hi;
	void *p;

	if (bytes > (size_t)64 << 20)
		bytes = (size_t)64 << 20;
	as_heap_keep(1);
	mi = mallinfo2();
	if (mi.keepcost < bytes) {
		/*
		 * one allocation of bytes from the heap (not from mmap, for
		 * the moment), given back: the top holds at least bytes
		 */
		mallopt(M_MMAP_THRESHOLD, (int)bytes + (1 << 20));
		if ((p = malloc(bytes)) != NULL)
			free(p);
		mallopt(M_MMAP_THRESHOLD, 128 << 10);	/* glibc's default */
		mi = mallinfo2();
	}
	hi = (uintptr_t)sbrk(0);
	lo = (hi - mi.keepcost + pg - 1) & ~(pg - 1);
	if (hi > lo + bytes)
		hi = lo + bytes;
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
#else
	(void)bytes;
#endif
}

void
as_heap_keep(int keep)
{
#ifdef __GLIBC__
	mallopt(M_TRIM_THRESHOLD, keep ? INT_MAX : 128 * 1024);
#else
	(void)keep;
#endif
}

void *
xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);

	if (p == NULL)
		oom(n * m);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list again;
	char *p;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0)
		oom(0);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, again);
	va_end(again);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

static void
buf_grow(struct as_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < need)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
}

void
buf_add(struct as_buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct as_buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addf(struct as_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_free(struct as_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* Decode one character at s (n bytes left); returns its length (>= 1). */
static size_t
next_char(const char *s, size_t n, int *width)
{
	uint32_t cp;

	return utf8_char(s, n, &cp, width);
}

#include "as_width.h"

int as_ctype_loaded;

int
utf8_table_cols(uint32_t cp)
{
	size_t lo = 0, hi = sizeof as_width_ranges / sizeof as_width_ranges[0];
	size_t mid;

	if (cp == UTF8_BAD || cp > 0x10ffff)
		return -1;
	if (cp == 0)
		return 0;
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp < as_width_ranges[mid].lo)
			hi = mid;
		else if (cp > as_width_ranges[mid].hi)
			lo = mid + 1;
		else
			return as_width_ranges[mid].cols;
	}
	return 1;
}

int
utf8_cols(uint32_t cp)
{
	if (cp == UTF8_BAD || cp > 0x10ffff)
		return -1;
	if (!as_ctype_loaded)
		return utf8_table_cols(cp);
	return wcwidth((wchar_t)cp);
}

size_t
utf8_char(const char *s, size_t n, uint32_t *cp, int *cols)
{
	size_t k = utf8_next(s, n, cp);
	int w = utf8_cols(*cp);

	*cols = w < 0 ? 1 : w;
	return k;
}

size_t
utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

void
utf8_put(struct as_buf *b, uint32_t cp)
{
	unsigned char u[4];
	size_t k;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		k = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		k = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		k = 3;
	} else {
		u[0] = (unsigned char)(0xf0 | cp >> 18);
		u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		u[3] = (unsigned char)(0x80 | (cp & 0x3f));
		k = 4;
	}
	buf_add(b, u, k);
}

int
utf8_width(const char *s, size_t n)
{
	int total = 0, w;
	size_t i = 0;

	while (i < n) {
		i += next_char(s + i, n - i, &w);
		total += w;
	}
	return total;
}

size_t
utf8_fit(const char *s, int cols, int *used)
{
	size_t i = 0, n = strlen(s), k;
	int total = 0, w;

	while (i < n) {
		k = next_char(s + i, n - i, &w);
		if (total + w > cols)
			break;
		total += w;
		i += k;
	}
	if (used != NULL)
		*used = total;
	return i;
}

int
utf8_ellipsize(struct as_buf *b, const char *s, int cols)
{
	int w = utf8_width(s, strlen(s)), used;
	size_t k;

	if (w <= cols) {
		buf_adds(b, s);
		return w;
	}
	if (cols <= 0)
		return 0;
	k = utf8_fit(s, cols - 1, &used);
	buf_add(b, s, k);
	buf_adds(b, "…");
	return used + 1;
}

/* 1 if the character at s may not start a row: closing punctuation. */
static int
no_row_start(const char *s, size_t n)
{
	static const char *const marks[] = { "，", "。", "、", "；", "：",
		"？", "！", "）", "」", "』", "”", "’", "》", ",", ".", ";",
		":", "?", "!", ")" };
	size_t i, k;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		k = strlen(marks[i]);
		if (k <= n && memcmp(s, marks[i], k) == 0)
			return 1;
	}
	return 0;
}

size_t
utf8_row(const char *s, size_t n, int width)
{
	size_t j = 0, brk = 0, last = 0, k;
	int used = 0, w;

	while (j < n && s[j] != '\n') {
		k = next_char(s + j, n - j, &w);
		if (used + w > width)
			break;
		used += w;
		last = j;
		j += k;
		if (s[last] == ' ')
			brk = j;
	}
	if (j < n && s[j] != '\n' && brk > 0 && brk > j / 2)
		j = brk;        /* break after a space, not in a word */
	else if (j < n && s[j] != '\n' && last > 0 &&
	    no_row_start(s + j, n - j))
		j = last;       /* "，" ends a row, never starts one */
	if (j == 0 && n > 0 && s[0] != '\n')
		j = next_char(s, n, &w);   /* wider than the row */
	return j;
}

/*
 * Length of the valid UTF-8 sequence at p (n bytes left), its code point in
 * *cp; 0 when the bytes at p are not valid UTF-8 (overlong forms,
 * surrogates and code points past U+10FFFF included).
 */
static size_t
utf8_seq(const unsigned char *p, size_t n, unsigned *cp)
{
	unsigned c = p[0], min;
	size_t k, j;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		k = 1; min = 0x80; c &= 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		k = 2; min = 0x800; c &= 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		k = 3; min = 0x10000; c &= 0x07;
	} else {
		return 0;
	}
	if (k >= n)
		return 0;
	for (j = 1; j <= k; j++) {
		if ((p[j] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[j] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return k + 1;
}

int
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	unsigned cp;

	while (i < n) {
		if (p[i] < 0x80) {	/* ASCII without a call */
			i++;
			continue;
		}
		if ((k = utf8_seq(p + i, n - i, &cp)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

void
as_esc(struct as_buf *b, const char *s, size_t n, int flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, k;
	unsigned cp;

	buf_add(b, "", 0);      /* b->data is a string even when s is empty */
	while (i < n) {
		k = utf8_seq(p + i, n - i, &cp);
		if (k > 0 && cp >= 0x20 && cp != 0x7f && cp != '\\' &&
		    (cp < 0x80 || cp > 0x9f)) {
			run += k;       /* printable: copied in runs */
			i += k;
			continue;
		}
		if (run > 0)
			buf_add(b, s + i - run, run);
		run = 0;
		if (k == 0) {
			buf_addf(b, "\\x%02x", p[i]);
			i++;
			continue;
		}
		i += k;
		if ((cp == '\t' && (flags & AS_ESC_TAB)) ||
		    (cp == '\n' && (flags & AS_ESC_LF)) ||
		    (cp == '\\' && (flags & AS_ESC_KEEPBS)))
			buf_add(b, s + i - k, k);
		else if (cp == '\t')
			buf_adds(b, "\\t");
		else if (cp == '\n')
			buf_adds(b, "\\n");
		else if (cp == '\r')
			buf_adds(b, "\\r");
		else if (cp == '\\')
			buf_adds(b, "\\\\");
		else if (cp < 0x80)
			buf_addf(b, "\\x%02x", cp);
		else
			buf_addf(b, "\\u%04x", cp);
	}
	if (run > 0)
		buf_add(b, s + i - run, run);
}

char *
as_esc_str(const char *s, int flags)
{
	struct as_buf b = {0};

	if (s == NULL)
		s = "";
	as_esc(&b, s, strlen(s), flags);
	return b.data;
}

static int
formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	    c == '\r';
}

int
as_formula_risky(const char *s)
{
	if (s == NULL)
		return 0;
	while (*s == '\'')
		s++;
	return formula_start(*s);
}

const char *
as_formula_unmark(const char *s)
{
	if (s != NULL && s[0] == '\'' && as_formula_risky(s + 1))
		return s + 1;
	return s;
}

size_t
utf8_next(const char *s, size_t n, uint32_t *cp)
{
	unsigned c;
	size_t k = utf8_seq((const unsigned char *)s, n, &c);

	*cp = k > 0 ? (uint32_t)c : UTF8_BAD;
	return k > 0 ? k : 1;
}

size_t
utf8_count(const char *s, size_t n)
{
	size_t i = 0, count = 0;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80)
			i++;
		else
			i += utf8_next(s + i, n - i, &cp);
		count++;
	}
	return count;
}

int
utf8_space(uint32_t cp)
{
	return (cp >= 0x09 && cp <= 0x0d) || cp == 0x20 || cp == 0x85 ||
	    cp == 0xa0 || cp == 0x1680 || cp == 0x180e ||
	    (cp >= 0x2000 && cp <= 0x200d) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x202f || cp == 0x205f || cp == 0x2060 || cp == 0x3000 ||
	    cp == 0xfeff;
}

int
utf8_plain(const char *s, size_t *len, size_t *count, int *ascii)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n, k, cnt = 0;
	int all = 1;
	uint32_t cp;

	while (p[i] != '\0') {
		if (p[i] < 0x80) {
			if (p[i] < 0x20 || p[i] == 0x7f)
				return 0;
			if (cnt == 0 && utf8_space(p[i]))
				return 0;
			i++;
		} else if ((p[i] & 0xf0) == 0xe0 &&
		    (p[i + 1] & 0xc0) == 0x80 && (p[i + 2] & 0xc0) == 0x80 &&
		    (cp = (uint32_t)(p[i] & 0x0f) << 12 |
		     (uint32_t)(p[i + 1] & 0x3f) << 6 |
		     (uint32_t)(p[i + 2] & 0x3f)) >= 0x800 &&
		    (cp < 0xd800 || cp > 0xdfff)) {
			/* three bytes: as utf8_seq decodes them */
			if (cnt == 0 && utf8_space(cp))
				return 0;
			all = 0;
			i += 3;
		} else {
			for (n = 1; n < 4 && p[i + n] != '\0'; n++)
				;
			k = utf8_next(s + i, n, &cp);
			if (cp == UTF8_BAD || (cp >= 0x80 && cp <= 0x9f) ||
			    (cnt == 0 && utf8_space(cp)))
				return 0;
			all = 0;
			i += k;
		}
		cnt++;
	}
	*len = i;
	*count = cnt;
	*ascii = all;
	return 1;
}

int
utf8_blank(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		i += utf8_next(s + i, n - i, &cp);
		if (cp == UTF8_BAD || !utf8_space(cp))
			return 0;
	}
	return 1;
}

int
as_root_folders(const char *real, char *why, size_t size)
{
	struct stat ds;
	char *dir = xstrdup(real), *slash;
	int bad = 0;

	while (!bad && (slash = strrchr(dir, '/')) != NULL) {
		slash[slash == dir] = '\0';	/* keep "/" itself */
		if (stat(dir, &ds) != 0) {
			snprintf(why, size, AS_TR("它所在的目录 %s 无法检查"
			    "（%s）", "its folder %s cannot be examined (%s)"),
			    dir, strerror(errno));
			bad = 1;
		} else if (ds.st_uid != 0) {
			snprintf(why, size, AS_TR("它所在的目录 %s 属于 uid "
			    "%ld，不属于 root", "its folder %s belongs to uid "
			    "%ld, not to root"), dir, (long)ds.st_uid);
			bad = 1;
		} else if ((ds.st_mode & (S_IWGRP | S_IWOTH)) != 0 &&
		    (ds.st_mode & S_ISVTX) == 0) {
			snprintf(why, size, AS_TR("它所在的目录 %s %s可写且"
			    "没有粘滞位（权限 %04o）", "its folder %s is "
			    "writable by %s and not sticky (mode %04o)"), dir,
			    (ds.st_mode & S_IWOTH) ? AS_TR("其他人", "others")
			    : AS_TR("其组", "its group"),
			    (unsigned)(ds.st_mode & 07777));
			bad = 1;
		}
		if (slash == dir)
			break;
	}
	free(dir);
	return bad;
}
