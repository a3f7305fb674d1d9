/*
 * cfg_image.c - a compiled configuration, kept and used again instead of
 * parsing the YAML at every start (issue 13; Knot DNS keeps its own in
 * LMDB the same way).  A model loaded from files is built in the region,
 * a reservation at one fixed address (cfg_priv.h), so its bytes hold the
 * same pointers in every process of the same build.  The image is those
 * bytes, the struct cfg that points into them, the build id of the program
 * and the check (cfg_check) of every file read, with its stat as it was
 * read (struct cfg_stamp).  It is used again only by the same build, for
 * the same path, when every file still has the same contents (and, under
 * CFG_ROOT_ONLY, is still root's alone), so the model is the one cfg_load
 * would build: a file whose stat is still the one recorded, changed
 * clearly before it was read, is taken as the same, any other is read
 * and checked (ld_same_file).  And only whole: the image ends with a
 * check of what precedes it (cfg_check), so a damaged page is never taken
 * for a pointer.  Where it is kept is the caller's business.
 */
#include "cfg_priv.h"

#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>


#define IMG_MAGIC	"ASCFGIM1"
#define IMG_BUILDMAX	64

struct img_hdr {
	char magic[8];
	unsigned char build[IMG_BUILDMAX];
	uint32_t buildlen;
	uint32_t nfiles;
	uint64_t base, used;
	struct cfg c;
};

struct build_id {
	unsigned char id[IMG_BUILDMAX];
	size_t len;
};

/* The GNU build id of the program itself (dl_iterate_phdr's first). */
static int
find_build_id(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct build_id *b = arg;
	const char *p, *end;
	int i;

	(void)size;
	for (i = 0; i < info->dlpi_phnum; i++) {
		if (info->dlpi_phdr[i].p_type != PT_NOTE)
			continue;
		p = (const char *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
		end = p + info->dlpi_phdr[i].p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *nh = (const void *)p;
			size_t nsz = (nh->n_namesz + 3) & ~(size_t)3;
			size_t dsz = (nh->n_descsz + 3) & ~(size_t)3;
			const char *desc = p + sizeof *nh + nsz;

			if (desc + dsz > end)
				break;
			if (nh->n_type == NT_GNU_BUILD_ID &&
			    nh->n_namesz == 4 &&
			    memcmp(p + sizeof *nh, "GNU", 4) == 0 &&
			    nh->n_descsz > 0 && nh->n_descsz <= IMG_BUILDMAX) {
				memcpy(b->id, desc, nh->n_descsz);
				b->len = nh->n_descsz;
				return 1;
			}
			p = desc + dsz;
		}
	}
	return 1;	/* the program comes first: look no further */
}

static const struct build_id *
build_id(void)
{
	static struct build_id b;
	static int done;

	if (!done) {
		dl_iterate_phdr(find_build_id, &b);
		done = 1;
	}
	return &b;
}

struct span {
	uintptr_t lo, hi;
};

/*
 * The mappings a model must not point into, from /proc/self/maps: the
 * program's and the libraries' files (a string or table of the program)
 * and the heap.  Anonymous mappings are left out: a sanitizer's shadow
 * memory covers small numbers, so text of the model would seem to point
 * into it; the heap of a sanitizer's own allocator goes unchecked there,
 * and is checked by the plain build.
 */
static struct span *
mappings(size_t *n)
{
	FILE *fp = fopen("/proc/self/maps", "re");
	struct span *v = NULL;
	size_t cap = 0;
	unsigned long lo, hi;
	char line[512], path[400];

	*n = 0;
	if (fp == NULL)
		return NULL;
	while (fgets(line, sizeof line, fp) != NULL) {
		path[0] = '\0';
		if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %399s", &lo, &hi,
		    path) < 2 || lo == CFG_REGION_BASE ||
		    (path[0] != '/' && strcmp(path, "[heap]") != 0))
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[*n].lo = lo;
		v[(*n)++].hi = hi;
	}
	fclose(fp);
	return v;
}

/*
 * Whether the words of p..p+len all stay out of the process's mappings
 * other than the region: a pointer to the heap, a library or a string of
 * the program would not hold in another process.
 */
static int
self_contained(const void *p, size_t len, const struct span *m, size_t nm)
{
	const unsigned char *b = p;
	uintptr_t w;
	size_t i, k;

	for (i = 0; i + sizeof w <= len; i += sizeof w) {
		memcpy(&w, b + i, sizeof w);
		if (w < 4096 || (w >= CFG_REGION_BASE &&
		    w < CFG_REGION_BASE + CFG_REGION_SIZE))
			continue;
		for (k = 0; k < nm; k++)
			if (w >= m[k].lo && w < m[k].hi)
				return 0;
	}
	return 1;
}

/*
 * The check of p..p+n into out (CFG_CHECK bytes): four chains of 64-bit
 * words, each step (xor, multiply by an odd number, xor-shift) one-to-one,
 * so that a change of any one word always changes the result, and a
 * missing byte changes n.  It tells an image whole from a damaged one and
 * a file the same as when the image was made from one edited since; it is
 * no defence against someone who may write the database or the files, who
 * needs none (SHA-256 of the image and the files was a fifth of a
 * `status`, issue 13).
 */
static uint64_t
chain(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0xff51afd7ed558ccdULL;
	return h ^ (h >> 32);
}

void
cfg_check_begin(struct cfg_checker *k, size_t n)
{
	k->h[0] = 0x9e3779b97f4a7c15ULL ^ n;
	k->h[1] = 0xc2b2ae3d27d4eb4fULL;
	k->h[2] = 0x165667b19e3779f9ULL;
	k->h[3] = 0x27d4eb2f165667c5ULL;
}

void
cfg_check_blocks(struct cfg_checker *k, const void *p, size_t len)
{
	const unsigned char *b = p;
	uint64_t w;
	size_t i, j;

	for (i = 0; i + CFG_CHECK_BLOCK <= len; i += CFG_CHECK_BLOCK)
		for (j = 0; j < 4; j++) {
			memcpy(&w, b + i + 8 * j, 8);
			k->h[j] = chain(k->h[j], w);
		}
}

void
cfg_check_end(struct cfg_checker *k, const void *tail, size_t len,
	      unsigned char out[CFG_CHECK])
{
	const unsigned char *b = tail;
	uint64_t w;
	size_t i;

	for (i = 0; i < len; i++)
		k->h[0] = chain(k->h[0], b[i]);
	memset(out, 0, CFG_CHECK);
	for (i = 0; i < 4; i++) {
		w = chain(k->h[i], i);
		memcpy(out + 8 * i, &w, 8);
	}
}

void
cfg_check(const void *p, size_t n, unsigned char out[CFG_CHECK])
{
	struct cfg_checker k;
	size_t whole = n / CFG_CHECK_BLOCK * CFG_CHECK_BLOCK;

	cfg_check_begin(&k, n);
	cfg_check_blocks(&k, p, whole);
	cfg_check_end(&k, (const unsigned char *)p + whole, n - whole, out);
}

void
cfg_model_files(struct cfg_files *fl, const struct cfg_ld *ld)
{
	size_t i;

	fl->n = 0;
	fl->v = NULL;
	if (ld->inmem || ld->nsrcs == 0)
		return;
	fl->v = xcalloc(ld->nsrcs, sizeof *fl->v);
	for (i = 0; i < ld->nsrcs; i++) {
		fl->v[i].name = xstrdup(ld->srcs[i]->name);
		cfg_check(ld->srcs[i]->data, ld->srcs[i]->len, fl->v[i].sha);
		fl->v[i].stamp = ld->srcs[i]->stamp;
	}
	fl->n = ld->nsrcs;
}

void
cfg_files_free(struct cfg_files *fl)
{
	size_t i;

	for (i = 0; i < fl->n; i++)
		free(fl->v[i].name);
	free(fl->v);
	fl->v = NULL;
	fl->n = 0;
}

int
cfg_image(const struct cfg *c, void **blob, size_t *len)
{
	const struct cfg_model *m = (const void *)c;
	const struct build_id *bid = build_id();
	struct img_hdr h;
	struct span *maps;
	size_t nm, i, n, off;
	unsigned char *p;
	uint32_t l;
	int ok;

	*blob = NULL;
	*len = 0;
	if (m->a.rbase == NULL || m->files.n == 0 || bid->len == 0)
		return -1;
	maps = mappings(&nm);
	ok = maps != NULL && self_contained(c, sizeof *c, maps, nm) &&
	    self_contained(m->a.rbase, m->a.rused, maps, nm);
	free(maps);
	if (!ok)
		return -1;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, IMG_MAGIC, sizeof h.magic);
	memcpy(h.build, bid->id, bid->len);
	h.buildlen = (uint32_t)bid->len;
	h.nfiles = (uint32_t)m->files.n;
	h.base = (uint64_t)(uintptr_t)m->a.rbase;
	h.used = m->a.rused;
	h.c = *c;
	n = sizeof h;
	for (i = 0; i < m->files.n; i++)
		n += sizeof l + strlen(m->files.v[i].name) + 32 +
		    sizeof(struct cfg_stamp);
	off = (n + 15) & ~(size_t)15;
	p = xcalloc(1, off + m->a.rused + CFG_CHECK);
	memcpy(p, &h, sizeof h);
	n = sizeof h;
	for (i = 0; i < m->files.n; i++) {
		l = (uint32_t)strlen(m->files.v[i].name);
		memcpy(p + n, &l, sizeof l);
		memcpy(p + n + sizeof l, m->files.v[i].name, l);
		memcpy(p + n + sizeof l + l, m->files.v[i].sha, 32);
		memcpy(p + n + sizeof l + l + 32, &m->files.v[i].stamp,
		    sizeof(struct cfg_stamp));
		n += sizeof l + l + 32 + sizeof(struct cfg_stamp);
	}
	memcpy(p + off, m->a.rbase, m->a.rused);
	n = off + m->a.rused;
	cfg_check(p, n, p + n);
	*blob = p;
	*len = n + CFG_CHECK;
	return 0;
}

int
cfg_from_image(const void *blob, size_t len, const char *path, int flags,
	       struct cfg **out)
{
	const struct build_id *bid = build_id();
	const unsigned char *p = blob;
	struct cfg_model *m;
	struct img_hdr h;
	struct cfg_files fl = {0};
	unsigned char got[CFG_CHECK];
	size_t n, off, i;
	uint32_t l;

	*out = NULL;
	if (len < sizeof h + CFG_CHECK || bid->len == 0)
		return -1;
	/* a page of the database lost or damaged must not become a pointer */
	len -= CFG_CHECK;
	cfg_check(p, len, got);
	if (memcmp(got, p + len, sizeof got) != 0)
		return -1;
	memcpy(&h, p, sizeof h);
	if (memcmp(h.magic, IMG_MAGIC, sizeof h.magic) != 0 ||
	    h.buildlen != bid->len || memcmp(h.build, bid->id, bid->len) ||
	    h.base != CFG_REGION_BASE || h.used > CFG_REGION_SIZE ||
	    h.nfiles == 0 || h.nfiles > 64)
		return -1;
	fl.v = xcalloc(h.nfiles, sizeof *fl.v);
	n = sizeof h;
	for (i = 0; i < h.nfiles; i++) {
		if (len - n < sizeof l)
			goto no;
		memcpy(&l, p + n, sizeof l);
		n += sizeof l;
		if (len - n < (size_t)l + 32 + sizeof(struct cfg_stamp))
			goto no;
		fl.v[i].name = xstrndup((const char *)p + n, l);
		fl.n++;
		memcpy(fl.v[i].sha, p + n + l, 32);
		memcpy(&fl.v[i].stamp, p + n + l + 32, sizeof(struct cfg_stamp));
		n += (size_t)l + 32 + sizeof(struct cfg_stamp);
	}
	off = (n + 15) & ~(size_t)15;
	if (off > len || len - off != h.used ||
	    strcmp(fl.v[0].name, path) != 0)
		goto no;
	for (i = 0; i < fl.n; i++)
		if (!ld_same_file(fl.v[i].name, flags, fl.v[i].sha,
		    &fl.v[i].stamp))
			goto no;
	m = cfg_model_new();
	if (arena_region_take(&m->a) != 0) {
		cfg_model_free(m);
		goto no;
	}
	/* the pages it fills, in one call rather than a fault each */
	(void)madvise(m->a.rbase, h.used, MADV_POPULATE_WRITE);
	memcpy(m->a.rbase, p + off, h.used);
	m->a.rused = h.used;
	m->c = h.c;
	m->files = fl;
	*out = &m->c;
	return 0;
no:
	cfg_files_free(&fl);
	return -1;
}
