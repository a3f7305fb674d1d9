/*
 * cfg_yaml.c - from YAML files to one node tree for the schema walk of
 * config.c.  libyaml's event parser builds a small tree in which every
 * node keeps its file and its position; `include:` loads the base file
 * first and the including file is laid over it (mappings merge key by key,
 * anything else is replaced), so a node of the merged tree still points at
 * the file and line it came from.  Duplicate keys, aliases without an
 * anchor, alias bombs and include cycles are caught here.  The problems
 * are collected as diagnostics "file:line:col: message", the source line
 * and a caret under the column.  Also the bump arena that holds both the
 * tree and the model.
 */
#include "cfg_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#define LD_MAXDIAGS	100
#define LD_MAXWEIGHT	200000		/* nodes after expanding aliases */
#define LD_MAXFILE	(16 << 20)
#define LD_MAXINCLUDE	16
#define LD_MERGEDEPTH	32
#define ARENA_BLOCK	16384

struct arena_blk {
	struct arena_blk *next;
	size_t used, cap;
	max_align_t data[];
};

struct ld_diag {
	int seq;
	size_t order;
	struct cfg_diag d;
};

/* One file of the include chain, innermost first. */
struct ld_file {
	const char *name;
	int has_id;
	dev_t dev;
	ino_t ino;
	struct ld_file *up;
};

/* A mapping or sequence being built. */
struct frame {
	struct ynode *node;
	struct ynode **kids;
	size_t n, cap;
	struct ynode *key;      /* mapping: the key waiting for its value */
	int drop;               /* mapping: skip the next value */
	char *anchor;
};

struct anchor {
	char *name;
	struct ynode *node;
};

struct parse {
	struct cfg_ld *ld;
	const struct ysrc *src;
	struct frame *st;
	size_t nst, capst;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	struct ynode *root;
	int failed;
};

static int region_held;

int
arena_region_take(struct arena *a)
{
	void *p;

	if (region_held || a->head != NULL || a->rbase != NULL)
		return -1;
	p = mmap((void *)CFG_REGION_BASE, CFG_REGION_SIZE,
	    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
	    MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	if (p != (void *)CFG_REGION_BASE) {	/* a kernel before 4.17 */
		munmap(p, CFG_REGION_SIZE);
		return -1;
	}
	region_held = 1;
	a->rbase = p;
	a->rused = 0;
	return 0;
}

/* n bytes aligned to al (a power of two, at most max_align_t's). */
static void *
arena_take(struct arena *a, size_t n, size_t al)
{
	struct arena_blk *b = a->head;
	size_t cap, at;

	if (n == 0)
		return NULL;
	if (a->rbase != NULL) {
		at = (a->rused + al - 1) & ~(al - 1);
		if (at > CFG_REGION_SIZE || n > CFG_REGION_SIZE - at) {
			fprintf(stderr, "aftersales: the configuration is "
			    "larger than %zu MiB\n", CFG_REGION_SIZE >> 20);
			abort();
		}
		a->rused = at + n;
		return a->rbase + at;
	}
	at = b != NULL ? (b->used + al - 1) & ~(al - 1) : 0;
	if (b == NULL || at > b->cap || b->cap - at < n) {
		cap = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		b = xcalloc(1, sizeof *b + cap);
		b->cap = cap;
		if (cap == n && a->head != NULL) {
			/* a big one: keep the free room of the current block */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
		at = 0;
	}
	b->used = at + n;
	return (char *)b->data + at;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	const size_t al = alignof(max_align_t);

	return arena_take(a, (n + al - 1) / al * al, al);
}

/*
 * Strings are packed, one byte aligned: a compiled configuration is
 * mostly short names and labels, and each took 16 bytes or more (issue
 * 13: the image a `status` checks and copies is that much smaller).
 */
char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_take(a, n + 1, 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena_blk *b, *next;

	if (a->rbase != NULL) {
		munmap(a->rbase, CFG_REGION_SIZE);
		a->rbase = NULL;
		a->rused = 0;
		region_held = 0;
	}
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

/* Length of the line break at p, 0 if none (the breaks libyaml counts). */
static size_t
break_len(const char *p, const char *end)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t left = (size_t)(end - p);

	if (left == 0)
		return 0;
	if (u[0] == '\r')
		return left > 1 && u[1] == '\n' ? 2 : 1;
	if (u[0] == '\n')
		return 1;
	if (left >= 2 && u[0] == 0xc2 && u[1] == 0x85)
		return 2;
	if (left >= 3 && u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] == 0xa8 || u[2] == 0xa9))
		return 3;
	return 0;
}

/* Length of the UTF-8 character at p, or 0 if the bytes are not one. */
static size_t
char_len(const char *p, const char *end)
{
	uint32_t cp;
	size_t k = utf8_next(p, (size_t)(end - p), &cp);

	return cp == UTF8_BAD ? 0 : k;
}

static const char *
skip_bom(const struct ysrc *src)
{
	if (src->len >= 3 && memcmp(src->data, "\xef\xbb\xbf", 3) == 0)
		return src->data + 3;
	return src->data;
}

/* The start and length of line (1-based) of src; NULL if there is none. */
static const char *
find_line(const struct ysrc *src, int line, size_t *len)
{
	const char *p = skip_bom(src), *end = src->data + src->len, *s;
	size_t k;
	int l = 1;

	while (l < line) {
		if (p >= end)
			return NULL;
		k = break_len(p, end);
		if (k > 0) {
			p += k;
			l++;
		} else
			p++;
	}
	for (s = p; s < end && break_len(s, end) == 0; s++)
		;
	*len = (size_t)(s - p);
	return p;
}

/*
 * Add the line, made safe to print (tabs expanded, control characters and
 * broken UTF-8 escaped by as_esc: ESC as \x1b; the line is source text,
 * so its backslashes stay as they are), and a caret under character col
 * (1-based) placed by the display width of what is shown.
 */
static void
show_line(struct as_buf *b, const char *p, size_t len, int col)
{
	const char *end = p + len;
	int w = 0, caret = -1, c = 1;
	size_t k;

	buf_adds(b, "\n");
	while (p < end) {
		if (c == col)
			caret = w;
		k = char_len(p, end);
		if (*p == '\t') {
			do {
				buf_adds(b, " ");
				w++;
			} while (w % 8 != 0);
		} else if (k == 0 || (unsigned char)*p < 0x20 || *p == 0x7f ||
		    (k == 2 && (unsigned char)*p == 0xc2 &&
		    (unsigned char)p[1] < 0xa0)) {
			size_t at = b->len;

			as_esc(b, p, k > 0 ? k : 1, 0);
			w += (int)(b->len - at);    /* escapes are ASCII */
		} else {
			buf_add(b, p, k);
			w += utf8_width(p, k);
		}
		p += k > 0 ? k : 1;
		c++;
	}
	if (caret < 0)
		caret = w + (col > c ? col - c : 0);
	buf_adds(b, "\n");
	while (caret-- > 0)
		buf_adds(b, " ");
	buf_adds(b, "^");
}

/* Control characters of a value must not reach the terminal (as_esc). */
static char *
scrub(char *s)
{
	char *e = as_esc_str(s, 0);

	free(s);
	return e;
}

static void
vdiag(struct cfg_ld *ld, const struct ysrc *src, int line, int col,
      const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
static void
vdiag(struct cfg_ld *ld, const struct ysrc *src, int line, int col,
      const char *fmt, va_list ap)
{
	struct as_buf text = {0};
	struct ld_diag *dg;
	const char *p;
	char *msg;
	va_list aq;
	size_t i, len;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	msg = xmalloc((size_t)n + 1);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	msg = scrub(msg);
	for (i = 0; i < ld->ndiags; i++) {
		dg = &ld->diags[i];
		if (dg->seq == src->seq && dg->d.line == line &&
		    dg->d.col == col && strcmp(dg->d.message, msg) == 0) {
			free(msg);
			return;
		}
	}
	if (ld->ndiags == LD_MAXDIAGS) {
		ld->dropped++;
		free(msg);
		return;
	}
	buf_adds(&text, "");
	as_esc(&text, src->name, strlen(src->name), 0);
	buf_addf(&text, ":%d:%d: %s", line, col, msg);
	if ((p = find_line(src, line, &len)) != NULL)
		show_line(&text, p, len, col);
	if (ld->ndiags == ld->capdiags) {
		ld->capdiags = ld->capdiags ? ld->capdiags * 2 : 16;
		ld->diags = xrealloc(ld->diags,
		    ld->capdiags * sizeof *ld->diags);
	}
	dg = &ld->diags[ld->ndiags];
	dg->seq = src->seq;
	dg->order = ld->ndiags++;
	dg->d.file = xstrdup(src->name);
	dg->d.line = line;
	dg->d.col = col;
	dg->d.message = msg;
	dg->d.text = text.data;
}

void
ld_diag(struct cfg_ld *ld, const struct ynode *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(ld, at->src, at->line, at->col, fmt, ap);
	va_end(ap);
}

void
ld_diag_at(struct cfg_ld *ld, const struct ysrc *src, int line, int col,
	   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(ld, src, line, col, fmt, ap);
	va_end(ap);
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct ld_diag *x = a, *y = b;

	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	if (x->d.line != y->d.line)
		return x->d.line < y->d.line ? -1 : 1;
	if (x->d.col != y->d.col)
		return x->d.col < y->d.col ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

size_t
ld_diags_take(struct cfg_ld *ld, const char *path, struct cfg_diags *d,
	      struct as_err *err)
{
	struct cfg_diag *last;
	size_t i;

	d->n = 0;
	d->v = NULL;
	if (ld->ndiags == 0)
		return 0;
	qsort(ld->diags, ld->ndiags, sizeof *ld->diags, diag_cmp);
	d->v = xcalloc(ld->ndiags + 1, sizeof *d->v);
	for (i = 0; i < ld->ndiags; i++)
		d->v[i] = ld->diags[i].d;
	d->n = ld->ndiags;
	if (ld->dropped > 0) {
		last = &d->v[d->n++];
		last->file = xstrdup(path);
		last->message = xasprintf("%zu more problems not shown",
		    ld->dropped);
		last->text = xasprintf("%s: %s", path, last->message);
	}
	as_err_setpos(err, AS_E_CONFIG, d->v[0].file, d->v[0].line,
	    d->v[0].col, "%s", d->v[0].message);
	ld->ndiags = 0;
	return d->n;
}

void
ld_free(struct cfg_ld *ld)
{
	size_t i;

	for (i = 0; i < ld->ndiags; i++) {
		free(ld->diags[i].d.file);
		free(ld->diags[i].d.message);
		free(ld->diags[i].d.text);
	}
	free(ld->diags);
	free(ld->srcs);
	arena_free(&ld->tree);
	memset(ld, 0, sizeof *ld);
}

static void
syntax_diag(struct parse *ps, const yaml_parser_t *p)
{
	const char *s, *end = ps->src->data + ps->src->len;
	const char *problem = p->problem ? p->problem : "syntax error";
	char value[16];
	size_t off;
	int line = 1, col = 1;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		fprintf(stderr, "aftersales: out of memory parsing YAML\n");
		abort();
	case YAML_READER_ERROR:
		off = p->problem_offset < ps->src->len ? p->problem_offset :
		    ps->src->len;
		s = skip_bom(ps->src);
		while (s < ps->src->data + off) {
			size_t k = break_len(s, end);

			if (k > 0) {
				line++;
				col = 1;
				s += k;
			} else {
				col++;
				s += char_len(s, end) ? char_len(s, end) : 1;
			}
		}
		snprintf(value, sizeof value, " (0x%02x)",
		    (unsigned)p->problem_value);
		ld_diag_at(ps->ld, ps->src, line, col, "%s%s%s", problem,
		    p->problem_value >= 0 ? value : "", strstr(problem,
		    "UTF-8") ? "; a config file must be UTF-8 text" : "");
		break;
	default:
		line = (int)p->problem_mark.line + 1;
		col = (int)p->problem_mark.column + 1;
		if (p->context != NULL)
			ld_diag_at(ps->ld, ps->src, line, col,
			    "%s (%s at line %d, column %d)", problem,
			    p->context, (int)p->context_mark.line + 1,
			    (int)p->context_mark.column + 1);
		else
			ld_diag_at(ps->ld, ps->src, line, col, "%s", problem);
		break;
	}
}

static struct ynode *
new_node(struct parse *ps, enum ykind kind, const yaml_mark_t *m)
{
	struct ynode *n = arena_alloc(&ps->ld->tree, sizeof *n);

	n->kind = kind;
	n->src = ps->src;
	n->line = (int)m->line + 1;
	n->col = (int)m->column + 1;
	n->weight = 1;
	return n;
}

static void
set_anchor(struct parse *ps, const yaml_char_t *name, struct ynode *n)
{
	struct anchor *a;

	if (name == NULL)
		return;
	if (ps->nanchors == ps->capanchors) {
		ps->capanchors = ps->capanchors ? ps->capanchors * 2 : 8;
		ps->anchors = xrealloc(ps->anchors,
		    ps->capanchors * sizeof *ps->anchors);
	}
	a = &ps->anchors[ps->nanchors++];
	a->name = xstrdup((const char *)name);
	a->node = n;
}

static struct ynode *
find_anchor(struct parse *ps, const yaml_char_t *name)
{
	size_t i;

	for (i = ps->nanchors; i-- > 0;)
		if (strcmp(ps->anchors[i].name, (const char *)name) == 0)
			return ps->anchors[i].node;
	return NULL;
}

static const char *
kind_word(const struct ynode *n)
{
	return n->kind == Y_MAP ? "a mapping" : "a sequence";
}

/*
 * Put n under the open collection (or make it the document).  m is where
 * it was written when that is not n's own position (an alias).
 */
static void
add_node(struct parse *ps, struct ynode *n, const yaml_mark_t *m)
{
	struct frame *f;
	size_t i;
	int line = m ? (int)m->line + 1 : n->line;
	int col = m ? (int)m->column + 1 : n->col;

	if (ps->nst == 0) {
		ps->root = n;
		return;
	}
	f = &ps->st[ps->nst - 1];
	if (f->node->kind == Y_MAP && f->key == NULL && !f->drop) {
		if (n->kind != Y_SCALAR) {
			ld_diag_at(ps->ld, ps->src, line, col,
			    "expected a scalar key, found %s", kind_word(n));
			f->drop = 1;
			return;
		}
		for (i = 0; i < f->n; i += 2) {
			if (f->kids[i]->len == n->len &&
			    memcmp(f->kids[i]->str, n->str, n->len) == 0) {
				ld_diag_at(ps->ld, ps->src, line, col,
				    "duplicate key \"%s\" (first at line %d, "
				    "column %d)", n->str, f->kids[i]->line,
				    f->kids[i]->col);
				f->drop = 1;
				return;
			}
		}
		f->key = n;
		return;
	}
	if (f->drop) {
		f->drop = 0;
		return;
	}
	if (f->n + 2 > f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->kids = xrealloc(f->kids, f->cap * sizeof *f->kids);
	}
	if (f->key != NULL) {
		f->kids[f->n++] = f->key;
		f->node->weight += f->key->weight;
		f->key = NULL;
	}
	f->kids[f->n++] = n;
	f->node->weight += n->weight;
	if (f->node->weight > LD_MAXWEIGHT) {
		ld_diag_at(ps->ld, ps->src, line, col, "aliases expand this "
		    "file to more than %d nodes", LD_MAXWEIGHT);
		ps->failed = 1;
	}
}

static void
open_collection(struct parse *ps, enum ykind kind, const yaml_event_t *ev,
		const yaml_char_t *anchor)
{
	struct frame *f;

	if (ps->nst == ps->capst) {
		ps->capst = ps->capst ? ps->capst * 2 : 16;
		ps->st = xrealloc(ps->st, ps->capst * sizeof *ps->st);
	}
	f = &ps->st[ps->nst++];
	memset(f, 0, sizeof *f);
	f->node = new_node(ps, kind, &ev->start_mark);
	if (anchor != NULL)
		f->anchor = xstrdup((const char *)anchor);
}

static void
close_collection(struct parse *ps)
{
	struct frame *f = &ps->st[--ps->nst];
	struct ynode *n = f->node;

	if (f->n > 0) {
		n->kids = arena_alloc(&ps->ld->tree, f->n * sizeof *n->kids);
		memcpy(n->kids, f->kids, f->n * sizeof *n->kids);
	}
	n->n = n->kind == Y_MAP ? f->n / 2 : f->n;
	free(f->kids);
	if (f->anchor != NULL) {
		set_anchor(ps, (const yaml_char_t *)f->anchor, n);
		free(f->anchor);
	}
	add_node(ps, n, NULL);
}

static void
add_scalar(struct parse *ps, const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	struct ynode *n = new_node(ps, Y_SCALAR, &ev->start_mark);

	n->str = arena_strndup(&ps->ld->tree, v, len);
	n->len = len;
	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (len == 0 || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	    strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0))
		n->null = 1;
	if (memchr(v, '\0', len) != NULL)
		ld_diag(ps->ld, n, "a value may not contain a NUL character");
	set_anchor(ps, ev->data.scalar.anchor, n);
	add_node(ps, n, NULL);
}

static void
add_alias(struct parse *ps, const yaml_event_t *ev)
{
	const yaml_char_t *name = ev->data.alias.anchor;
	struct ynode *n = find_anchor(ps, name);
	yaml_mark_t m = ev->start_mark;

	if (n == NULL) {
		ld_diag_at(ps->ld, ps->src, (int)m.line + 1, (int)m.column + 1,
		    "alias *%s names no anchor &%s defined before it",
		    (const char *)name, (const char *)name);
		ps->failed = 1;
		return;
	}
	add_node(ps, n, &m);
}

/* Build the tree of src; NULL (with diagnostics) if it is not YAML. */
static struct ynode *
parse_src(struct cfg_ld *ld, const struct ysrc *src)
{
	struct parse ps = {0};
	yaml_parser_t p;
	yaml_event_t ev;
	int done = 0, docs = 0;
	size_t i;

	ps.ld = ld;
	ps.src = src;
	if (src->len >= 2 && ((unsigned char)src->data[0] == 0xfe ||
	    (unsigned char)src->data[0] == 0xff) &&
	    ((unsigned char)src->data[1] ^ (unsigned char)src->data[0]) == 1) {
		ld_diag_at(ld, src, 1, 1, "the file is UTF-16; a config file "
		    "must be UTF-8 text");
		return NULL;
	}
	if (!yaml_parser_initialize(&p)) {
		fprintf(stderr, "aftersales: out of memory parsing YAML\n");
		abort();
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)src->data,
	    src->len);
	while (!done && !ps.failed) {
		if (!yaml_parser_parse(&p, &ev)) {
			syntax_diag(&ps, &p);
			ps.failed = 1;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				ld_diag_at(ld, src, (int)ev.start_mark.line + 1,
				    (int)ev.start_mark.column + 1,
				    "a second YAML document; a config file "
				    "holds exactly one");
				ps.failed = 1;
			}
			break;
		case YAML_MAPPING_START_EVENT:
			open_collection(&ps, Y_MAP, &ev,
			    ev.data.mapping_start.anchor);
			break;
		case YAML_SEQUENCE_START_EVENT:
			open_collection(&ps, Y_SEQ, &ev,
			    ev.data.sequence_start.anchor);
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			close_collection(&ps);
			break;
		case YAML_SCALAR_EVENT:
			add_scalar(&ps, &ev);
			break;
		case YAML_ALIAS_EVENT:
			add_alias(&ps, &ev);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	for (i = 0; i < ps.nst; i++) {
		free(ps.st[i].kids);
		free(ps.st[i].anchor);
	}
	free(ps.st);
	for (i = 0; i < ps.nanchors; i++)
		free(ps.anchors[i].name);
	free(ps.anchors);
	if (ps.failed)
		return NULL;
	if (ps.root == NULL || ps.root->null) {
		yaml_mark_t m = {0, 0, 0};

		return new_node(&ps, Y_MAP, &m);
	}
	if (ps.root->kind != Y_MAP) {
		ld_diag(ld, ps.root, "expected a mapping at the top of the "
		    "file, found %s", ps.root->kind == Y_SEQ ? "a sequence" :
		    "a scalar");
		return NULL;
	}
	return ps.root;
}

/* The stamp of a file read whole, st its fstat from before the read. */
static void
stamp_take(struct cfg_stamp *sp, const struct stat *st)
{
	struct timespec now;

	memset(sp, 0, sizeof *sp);
	if (clock_gettime(CLOCK_REALTIME, &now) != 0)
		return;
	sp->dev = (uint64_t)st->st_dev;
	sp->ino = (uint64_t)st->st_ino;
	sp->size = (uint64_t)st->st_size;
	sp->mtime_s = (int64_t)st->st_mtim.tv_sec;
	sp->mtime_ns = (int64_t)st->st_mtim.tv_nsec;
	sp->ctime_s = (int64_t)st->st_ctim.tv_sec;
	sp->ctime_ns = (int64_t)st->st_ctim.tv_nsec;
	sp->read_s = (int64_t)now.tv_sec;
	sp->read_ns = (int64_t)now.tv_nsec;
	sp->valid = 1;
}

/* Read the file at name into the tree arena. */
static int
read_file(struct cfg_ld *ld, const char *name, struct ysrc *src,
	  struct stat *st, const char **why)
{
	ssize_t r;
	size_t got = 0;
	char *buf;
	int fd, e;

	*why = NULL;
	if ((fd = open(name, O_RDONLY | O_CLOEXEC)) < 0)
		return -errno;
	if (fstat(fd, st) < 0) {
		e = errno;
		close(fd);
		return -e;
	}
	if (S_ISDIR(st->st_mode)) {
		close(fd);
		return -EISDIR;
	}
	if (!S_ISREG(st->st_mode) || st->st_size > LD_MAXFILE) {
		close(fd);
		*why = S_ISREG(st->st_mode) ? "larger than 16 MiB" :
		    "not a regular file";
		return S_ISREG(st->st_mode) ? -EFBIG : -EINVAL;
	}
	buf = arena_alloc(&ld->tree, (size_t)st->st_size + 1);
	while (got < (size_t)st->st_size) {
		r = read(fd, buf + got, (size_t)st->st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			close(fd);
			return -e;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	src->data = buf;
	src->len = got;
	stamp_take(&src->stamp, st);
	return 0;
}

#define TRUST_RULE "a privileged (setuid or setgid) aftersales reads only " \
	"configuration owned by root and writable by root alone, in folders " \
	"only root can change"
#define TRUST_RULE_ZH "以特权（setuid/setgid）运行的 aftersales 只读取属于 " \
	"root、只有 root 能写、且上级目录只有 root 能修改的配置"

/*
 * Why a privileged process may not trust the file name whose open
 * descriptor gave st: written to why (size bytes) as the end of a
 * sentence; 0 when the file is root's alone and every folder on its real
 * path is owned by root and writable by root alone or sticky.  The real
 * path must still lead to the file that was read.
 */
static int
untrusted(const char *name, const struct stat *st, char *why, size_t size)
{
	struct stat ds;
	char *real;
	int bad;

	if (st->st_uid != 0) {
		snprintf(why, size, AS_TR("它属于 uid %ld，不属于 root",
		    "it belongs to uid %ld, not to root"), (long)st->st_uid);
		return 1;
	}
	if ((st->st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		snprintf(why, size, AS_TR("%s可以写它（权限 %04o）",
		    "it is writable by %s (mode %04o)"),
		    (st->st_mode & S_IWOTH) ? AS_TR("其他人", "others")
		    : AS_TR("其组", "its group"),
		    (unsigned)(st->st_mode & 07777));
		return 1;
	}
	if ((real = realpath(name, NULL)) == NULL) {
		snprintf(why, size, AS_TR("它的路径无法解析（%s）",
		    "its path cannot be resolved (%s)"), strerror(errno));
		return 1;
	}
	if (stat(real, &ds) != 0 || ds.st_dev != st->st_dev ||
	    ds.st_ino != st->st_ino) {
		snprintf(why, size, "%s", AS_TR("读取时它被替换了",
		    "it was replaced while being read"));
		free(real);
		return 1;
	}
	bad = as_root_folders(real, why, size);
	free(real);
	return bad;
}

/*
 * Under CFG_ROOT_ONLY, refuse the file name (stat st) that is not root's
 * alone: the file given to cfg_load through err and *rc, an included one
 * (inc: its include: value) as a diagnostic and ld->refusal.  Returns 1 if
 * it was refused.
 */
static int
refuse_untrusted(struct cfg_ld *ld, const char *name, const struct stat *st,
		 const struct ynode *inc, struct as_err *err, int *rc)
{
	char why[PATH_MAX + 128];

	if ((ld->flags & CFG_ROOT_ONLY) == 0 ||
	    !untrusted(name, st, why, sizeof why))
		return 0;
	if (inc == NULL)
		*rc = as_err_set(err, AS_E_PERM, AS_TR("不接受配置文件 %s："
		    TRUST_RULE_ZH "，而%s", "config file %s is refused: "
		    TRUST_RULE ", and %s"), name, why);
	else {
		ld_diag(ld, inc, AS_TR("不接受被包含的文件 %s：" TRUST_RULE_ZH
		    "，而%s", "included file %s is refused: " TRUST_RULE
		    ", and %s"), name, why);
		if (!ld->refused)
			as_err_setpos(&ld->refusal, AS_E_PERM, inc->src->name,
			    inc->line, inc->col, AS_TR("不接受被包含的文件 %s："
			    TRUST_RULE_ZH "，而%s", "included file %s is "
			    "refused: " TRUST_RULE ", and %s"), name, why);
		ld->refused = 1;
	}
	ld->broken = 1;
	return 1;
}

/* The include target path relative to the directory of the includer. */
static char *
include_path(struct cfg_ld *ld, const char *from, const char *target)
{
	const char *slash = strrchr(from, '/');
	size_t dl, tl = strlen(target);
	char *p;

	if (target[0] == '/' || slash == NULL)
		return arena_strndup(&ld->tree, target, tl);
	dl = (size_t)(slash - from) + 1;
	p = arena_alloc(&ld->tree, dl + tl + 1);
	memcpy(p, from, dl);
	memcpy(p + dl, target, tl);
	return p;
}

/* Overlay over on base: mappings merge, anything else replaces. */
static struct ynode *
merge(struct cfg_ld *ld, struct ynode *base, struct ynode *over, int depth)
{
	struct ynode *m, *k;
	size_t i, j, n;

	if (base == NULL || base->kind != Y_MAP || over->kind != Y_MAP ||
	    depth > LD_MERGEDEPTH)
		return over;
	m = arena_alloc(&ld->tree, sizeof *m);
	*m = *over;
	m->kids = arena_alloc(&ld->tree,
	    2 * (base->n + over->n) * sizeof *m->kids);
	if (base->n > 0)
		memcpy(m->kids, base->kids, 2 * base->n * sizeof *m->kids);
	n = base->n;
	for (i = 0; i < over->n; i++) {
		k = over->kids[2 * i];
		for (j = 0; j < base->n; j++)
			if (strcmp(base->kids[2 * j]->str, k->str) == 0)
				break;
		if (j == base->n)
			j = n++;
		m->kids[2 * j] = k;
		m->kids[2 * j + 1] = merge(ld, j < base->n ?
		    base->kids[2 * j + 1] : NULL, over->kids[2 * i + 1],
		    depth + 1);
	}
	m->n = n;
	return m;
}

/* Take the include: pair out of the top mapping; returns its value. */
static struct ynode *
take_include(struct ynode *root)
{
	struct ynode *v;
	size_t i;

	for (i = 0; i < root->n; i++) {
		if (strcmp(root->kids[2 * i]->str, "include") != 0)
			continue;
		v = root->kids[2 * i + 1];
		memmove(&root->kids[2 * i], &root->kids[2 * i + 2],
		    2 * (root->n - i - 1) * sizeof *root->kids);
		root->n--;
		return v;
	}
	return NULL;
}

static void
cycle_diag(struct cfg_ld *ld, const struct ynode *at, struct ld_file *top,
	   struct ld_file *again, const char *name)
{
	struct as_buf b = {0};
	const char *chain[LD_MAXINCLUDE + 1];
	struct ld_file *f;
	int n = 0;

	for (f = top; f != again->up && n <= LD_MAXINCLUDE; f = f->up)
		chain[n++] = f->name;
	while (n-- > 0)
		buf_addf(&b, "%s -> ", chain[n]);
	buf_adds(&b, name);
	ld_diag(ld, at, "include cycle: %s", b.data);
	buf_free(&b);
}

static struct ynode *load_file(struct cfg_ld *, const char *, const char *,
    size_t, const struct ynode *, int, struct as_err *, int *);

/* Load the base named by the include: value inc of the file name. */
static struct ynode *
load_base(struct cfg_ld *ld, const char *name, const struct ynode *inc,
	  int depth)
{
	int rc;

	if (inc->kind != Y_SCALAR || inc->null) {
		ld_diag(ld, inc, "expected a file name for include, found %s",
		    inc->kind == Y_SCALAR ? "nothing" : kind_word(inc));
		return NULL;
	}
	if (depth >= LD_MAXINCLUDE) {
		ld_diag(ld, inc, "includes nested more than %d deep",
		    LD_MAXINCLUDE);
		return NULL;
	}
	return load_file(ld, include_path(ld, name, inc->str), NULL, 0, inc,
	    depth + 1, NULL, &rc);
}

/*
 * Load one file and, first, its base.  inc is the include: node naming
 * it (NULL for the file given to cfg_load, whose read error goes to err
 * and *rc instead of a diagnostic).
 */
static struct ynode *
load_file(struct cfg_ld *ld, const char *name, const char *data, size_t len,
	  const struct ynode *inc, int depth, struct as_err *err, int *rc)
{
	struct ysrc *src = arena_alloc(&ld->tree, sizeof *src);
	struct ld_file me = {0}, *f;
	struct ynode *root, *base = NULL, *incv;
	struct stat st = {0};
	const char *why;

	*rc = 0;
	src->name = name;
	if (data != NULL) {
		src->data = data;
		src->len = len;
		me.has_id = stat(name, &st) == 0;
	} else if ((*rc = read_file(ld, name, src, &st, &why)) != 0) {
		if (why == NULL)
			why = strerror(-*rc);
		if (inc == NULL)
			as_err_set(err, *rc, AS_TR("不能读取配置文件 %s：%s",
			    "cannot read config file %s: %s"), name, why);
		else {
			ld_diag(ld, inc, "cannot read included file %s: %s",
			    name, why);
			*rc = 0;
		}
		ld->broken = 1;
		return NULL;
	} else if (refuse_untrusted(ld, name, &st, inc, err, rc))
		return NULL;
	else
		me.has_id = 1;
	me.name = name;
	me.dev = st.st_dev;
	me.ino = st.st_ino;
	for (f = ld->stack; f != NULL && me.has_id; f = f->up) {
		if (f->has_id && f->dev == me.dev && f->ino == me.ino) {
			cycle_diag(ld, inc, ld->stack, f, name);
			ld->broken = 1;
			return NULL;
		}
	}
	src->seq = ld->nsrc++;
	if (data != NULL)
		ld->inmem = 1;
	else {
		if (ld->nsrcs == ld->capsrcs) {
			ld->capsrcs = ld->capsrcs ? 2 * ld->capsrcs : 4;
			ld->srcs = xrealloc(ld->srcs,
			    ld->capsrcs * sizeof *ld->srcs);
		}
		ld->srcs[ld->nsrcs++] = src;
	}
	if ((root = parse_src(ld, src)) == NULL) {
		ld->broken = 1;
		return NULL;
	}
	me.up = ld->stack;
	ld->stack = &me;
	if ((incv = take_include(root)) != NULL)
		base = load_base(ld, name, incv, depth);
	ld->stack = me.up;
	if (incv != NULL && base == NULL)
		ld->broken = 1;
	return merge(ld, base, root, 0);
}

/*
 * The file is read in pieces into a buffer on the stack, not whole into
 * the heap: a compiled configuration used again touches no more memory
 * for its files than this (issue 13: the 100 KB of the shipped file were
 * a tenth of a `status`'s page faults).
 */
/*
 * A file changed in the same tick of its file system's clock as it was
 * read may keep its times: it is taken as the same by its stamp only if
 * both times are this much older than the read (git's "racily clean"
 * entries; coarse and remote file system clocks have seconds to spare).
 */
#define STAMP_SLACK_S	2

/* Whether st is what sp recorded, sp's times clearly before its read. */
static int
stamp_holds(const struct cfg_stamp *sp, const struct stat *st)
{
	int64_t lim = sp->read_s - STAMP_SLACK_S;

	return sp->valid && S_ISREG(st->st_mode) &&
	    sp->dev == (uint64_t)st->st_dev &&
	    sp->ino == (uint64_t)st->st_ino &&
	    sp->size == (uint64_t)st->st_size &&
	    sp->mtime_s == (int64_t)st->st_mtim.tv_sec &&
	    sp->mtime_ns == (int64_t)st->st_mtim.tv_nsec &&
	    sp->ctime_s == (int64_t)st->st_ctim.tv_sec &&
	    sp->ctime_ns == (int64_t)st->st_ctim.tv_nsec &&
	    (sp->mtime_s < lim || (sp->mtime_s == lim &&
	     sp->mtime_ns < sp->read_ns)) &&
	    (sp->ctime_s < lim || (sp->ctime_s == lim &&
	     sp->ctime_ns < sp->read_ns));
}

/* Files read and checked whole by ld_same_file (cfg_content_checks). */
static unsigned long content_checks;

unsigned long
cfg_content_checks(void)
{
	return content_checks;
}

int
ld_same_file(const char *name, int flags, const unsigned char sha[32],
	     const struct cfg_stamp *stamp)
{
	unsigned char buf[16384], got[CFG_CHECK];
	struct cfg_checker k;
	struct stat st;
	char why[PATH_MAX + 128];
	size_t size, done = 0, have = 0;
	ssize_t r;
	int fd, same = 0;

	if (stamp != NULL && stat(name, &st) == 0 && stamp_holds(stamp, &st))
		return (flags & CFG_ROOT_ONLY) == 0 ||
		    !untrusted(name, &st, why, sizeof why);
	content_checks++;
	if ((fd = open(name, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > LD_MAXFILE || ((flags & CFG_ROOT_ONLY) != 0 &&
	    untrusted(name, &st, why, sizeof why)))
		goto out;
	size = (size_t)st.st_size;
	cfg_check_begin(&k, size);
	for (;;) {
		r = read(fd, buf + have, sizeof buf - have);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto out;
		if (r == 0)
			break;
		have += (size_t)r;
		done += (size_t)r;
		if (done > size)
			goto out;	/* grown since: not the same text */
		if (have == sizeof buf) {
			cfg_check_blocks(&k, buf, have);
			have = 0;
		}
	}
	if (done != size)
		goto out;
	cfg_check_blocks(&k, buf, have / CFG_CHECK_BLOCK * CFG_CHECK_BLOCK);
	cfg_check_end(&k, buf + have / CFG_CHECK_BLOCK * CFG_CHECK_BLOCK,
	    have % CFG_CHECK_BLOCK, got);
	same = memcmp(got, sha, sizeof got) == 0;
out:
	close(fd);
	return same;
}

int
ld_read(struct cfg_ld *ld, const char *name, const char *data, size_t len,
	struct ynode **root, struct as_err *err)
{
	int rc;

	*root = load_file(ld, arena_strndup(&ld->tree, name, strlen(name)),
	    data, len, NULL, 0, err, &rc);
	if (ld->broken)
		*root = NULL;
	return rc;
}
