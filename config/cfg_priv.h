/*
 * cfg_priv.h - what the files of config/ share and nobody else sees: the
 * bump arena that holds the model, the YAML node tree (every node knows its
 * file and position, so an overlay keeps pointing at the right place) and
 * the collector of diagnostics.
 */
#ifndef AS_CFG_PRIV_H
#define AS_CFG_PRIV_H

#include "config.h"

#include <stdint.h>

struct arena_blk;
struct arena {
	struct arena_blk *head;
	char *rbase;           /* in the region (below): its start, else NULL */
	size_t rused;
};
/* Zeroed, aligned memory that lives until arena_free. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);
/*
 * The region: one reservation of CFG_REGION_SIZE bytes at the fixed address
 * CFG_REGION_BASE, which at most one model of the process holds.  A model
 * built in it has every pointer at the same address in every process of
 * the same build, so its bytes can be kept and copied back whole
 * (cfg_image.c).  arena_region_take maps it for the empty arena a and
 * returns 0, or -1 if it is held or cannot be mapped there (a then
 * allocates from the heap as usual); arena_free gives it back.
 */
#define CFG_REGION_BASE	((uintptr_t)0x3a5e00000000ULL)
#define CFG_REGION_SIZE	((size_t)64 << 20)
int arena_region_take(struct arena *a);

/*
 * What fstat said of a file as it was read, and the time (CLOCK_REALTIME)
 * once it was read: a compiled configuration takes the file as the same
 * while these still hold (ld_same_file).
 */
struct cfg_stamp {
	uint64_t dev, ino, size;
	int64_t mtime_s, mtime_ns, ctime_s, ctime_ns, read_s, read_ns;
	int valid;
};

/* The files a model was read from, each with the check of its text. */
struct cfg_files {
	struct cfg_file {
		char *name;
		unsigned char sha[32];
		struct cfg_stamp stamp;
	} *v;
	size_t n;
};

/* The model and the arena that holds every byte of it. */
struct cfg_model {
	struct cfg c;          /* first: a struct cfg * is its model */
	struct arena a;
	struct cfg_files files;   /* none for text from memory */
};
struct cfg_model *cfg_model_new(void);
void cfg_model_free(struct cfg_model *m);

/* One YAML file (or the in-memory text standing for it). */
struct ysrc {
	const char *name;      /* as shown in messages */
	const char *data;
	size_t len;
	int seq;               /* 0 for the file given to cfg_load, then 1, 2 */
	struct cfg_stamp stamp;   /* of a file read from disk */
};

enum ykind {
	Y_SCALAR,
	Y_SEQ,
	Y_MAP,
};

struct ynode {
	enum ykind kind;
	int null;              /* a plain empty, ~ or null scalar */
	const struct ysrc *src;
	int line, col;         /* 1-based, from the libyaml start mark */
	const char *str;       /* Y_SCALAR: NUL-terminated value */
	size_t len;
	size_t n;              /* Y_SEQ: items; Y_MAP: key/value pairs */
	struct ynode **kids;   /* Y_SEQ: n items; Y_MAP: key0, value0, ... */
	size_t weight;         /* its nodes, counting aliases expanded */
};

struct ld_diag;
struct ld_file;

/* The state of one cfg_load. */
struct cfg_ld {
	struct arena tree;     /* sources and nodes, freed after the load */
	struct ld_diag *diags;
	size_t ndiags, capdiags;
	size_t dropped;        /* diagnostics beyond the limit */
	struct ld_file *stack; /* the include chain being read */
	int nsrc;
	int broken;            /* a file could not be read or parsed */
	int flags;             /* CFG_ROOT_ONLY */
	int refused;           /* an included file failed CFG_ROOT_ONLY */
	struct as_err refusal; /* the first such refusal */
	/* every file read, in the order read (for the image: cfg_image.c) */
	const struct ysrc **srcs;
	size_t nsrcs, capsrcs;
	int inmem;             /* some text came from memory, not a file */
};

/* Record a problem at node (or at a raw position of src). */
void ld_diag(struct cfg_ld *ld, const struct ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ld_diag_at(struct cfg_ld *ld, const struct ysrc *src, int line, int col,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/*
 * Sort the problems by file and position into d (which is reset first)
 * and fill err from the first one.  Returns their number.
 */
size_t ld_diags_take(struct cfg_ld *ld, const char *path,
		     struct cfg_diags *d, struct as_err *err);
void ld_free(struct cfg_ld *ld);
/*
 * Whether the file name still holds the text whose cfg_check is sha, read as
 * cfg_load reads it (flags: CFG_ROOT_ONLY refuses a file that is not root's
 * alone).  1 if it does, 0 if not or it cannot be read.  A file whose stat
 * still says what stamp recorded (device, inode, size, modification and
 * change times), changed last clearly before it was read, is not read
 * again (issue 13; git's index and make trust the same); any other is
 * read and checked whole.
 */
int ld_same_file(const char *name, int flags, const unsigned char sha[32],
		 const struct cfg_stamp *stamp);
/* The 32-byte check of the n bytes at p (cfg_image.c): files and images. */
#define CFG_CHECK 32
void cfg_check(const void *p, size_t n, unsigned char out[CFG_CHECK]);
/* The same check taken in pieces: begin with the whole length n, then
 * blocks of a multiple of CFG_CHECK_BLOCK bytes, then the last less. */
#define CFG_CHECK_BLOCK 32
struct cfg_checker {
	uint64_t h[4];
};
void cfg_check_begin(struct cfg_checker *k, size_t n);
void cfg_check_blocks(struct cfg_checker *k, const void *p, size_t len);
void cfg_check_end(struct cfg_checker *k, const void *tail, size_t len,
		   unsigned char out[CFG_CHECK]);
/* The files ld read and their hashes into fl (none if any was in memory). */
void cfg_model_files(struct cfg_files *fl, const struct cfg_ld *ld);
void cfg_files_free(struct cfg_files *fl);


/*
 * Parse name (from data/len, or from the file itself when data is NULL),
 * follow its include: chain and overlay the files.  *root is the merged
 * document (a mapping, or NULL when a file could not be parsed).  Returns
 * 0, or -errno when name itself cannot be read (err says so); every other
 * problem is a diagnostic.
 */
int ld_read(struct cfg_ld *ld, const char *name, const char *data,
	    size_t len, struct ynode **root, struct as_err *err);

#endif
