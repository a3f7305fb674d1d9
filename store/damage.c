/*
 * damage.c - a damaged data.mdb ends a command with one sentence, never
 * with a signal.  LMDB maps the file and trusts it: a file shorter than
 * its header says faults with SIGBUS where a page is missing, a page of
 * garbage makes it follow wild offsets (SIGSEGV, SIGBUS) or fail one of
 * its assertions (abort).  Three defences, in the order they act:
 *
 * 1. Before mdb_env_open, store_file_check() reads the two meta pages
 *    itself (LMDB's MDB_meta: magic, page size, last page number,
 *    transaction id) and compares the file's size with what the newest
 *    valid meta says ((last_pg + 1) * psize).  An empty file, a file
 *    without a header, a damaged meta page or a short file is refused
 *    before LMDB maps it, so nothing is written and, above all, LMDB never
 *    starts a new database in an empty data.mdb (which would restart the
 *    numbering at 1).  The root pages of the free-page table and the main
 *    table must look like LMDB's pages (roots_check): a write transaction
 *    copies the root it changes, and garbage there led to wild writes on
 *    the heap, an abort no handler below can turn into the sentence.
 * 2. mdb_env_set_assert: an LMDB assertion writes the sentence and ends
 *    the process with exit code 1 instead of abort().
 * 3. Handlers for SIGBUS and SIGSEGV (installed once, at the first
 *    store_open): a fault whose address lies inside the map of an open
 *    store writes the sentence with write(2) and _exit(1)s; first it runs
 *    the hook the UI registered (store_set_fatal_hook), which must be
 *    async-signal-safe (the workstation restores the terminal's modes with
 *    tcsetattr and writes a fixed reset sequence; no curses).  A fault
 *    anywhere else is not the database's: the handler puts back the
 *    previous disposition (the default, or a sanitizer's) and returns, so
 *    the fault happens again and is reported as it would have been.
 *    A backup being written is removed first (store_damage_cleanup), so
 *    that none is left half-written.
 *
 * The files of the open stores (device and inode of data.mdb) are kept
 * in a small table of plain words that the handler only reads.  Which
 * mapping a fault's address lies in is found only when a fault happens:
 * the handler reads /proc/self/maps with open(2) and read(2), which are
 * async-signal-safe, and parses it on its stack (without /proc, faults
 * stay plain signals).  Reading it at every open was four system calls
 * and a page of parsing in each `status` (issue 13).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "store_int.h"

#define MAX_MAPS 16

/*
 * LMDB's on-disk layout (mdb.c of LMDB 0.9: MDB_page, MDB_meta, MDB_db),
 * in native byte order; pgno_t and txnid_t are size_t:
 *   page header: pgno (size_t), pad (u16), flags (u16), lower/upper (u32)
 *   meta: magic (u32), version (u32), address (void *), mapsize (size_t),
 *         two MDB_db (u32 pad = page size in the first, u16 flags,
 *         u16 depth, five size_t), last_pg (size_t), txnid (size_t)
 */
#define P_BRANCH 0x01
#define P_LEAF 0x02
#define P_META 0x08
#define MDB_MAGIC 0xBEEFC0DEu
#define PAGEHDR (sizeof(size_t) + 8)
#define M_MAGIC (PAGEHDR)
#define M_DBS (PAGEHDR + 8 + sizeof(void *) + sizeof(size_t))
#define M_PSIZE (M_DBS)
#define DB_SIZE (8 + 5 * sizeof(size_t))
#define M_LASTPG (M_DBS + 2 * DB_SIZE)
#define M_TXNID (M_LASTPG + sizeof(size_t))
#define M_END (M_TXNID + sizeof(size_t))

struct map {
	volatile unsigned long long dev_major, dev_minor, ino;
	volatile int known;          /* dev and ino set */
	struct store *volatile s;    /* NULL: free slot */
};

static struct map maps[MAX_MAPS];
static char cleanup_file[4096], cleanup_dir[4096];
static struct sigaction old_bus, old_segv;
static int installed;
static void (*volatile fatal_hook)(void);

static const char sentence_en[] = "is damaged or shorter than its header "
    "says; restore it from a backup";
static const char sentence_zh[] = "已损坏或比其文件头所说的短；请从备份恢复";

void
store_set_fatal_hook(void (*fn)(void))
{
	fatal_hook = fn;
}

void
store_damage_cleanup(const char *file, const char *dir)
{
	cleanup_file[0] = cleanup_dir[0] = '\0';
	if (file != NULL && strlen(file) < sizeof cleanup_file)
		memcpy(cleanup_file, file, strlen(file) + 1);
	if (dir != NULL && strlen(dir) < sizeof cleanup_dir)
		memcpy(cleanup_dir, dir, strlen(dir) + 1);
}

static void
put(const char *p)
{
	size_t n = strlen(p);
	ssize_t w;

	while (n > 0) {
		w = write(STDERR_FILENO, p, n);
		if (w <= 0) {
			if (w < 0 && errno == EINTR)
				continue;
			return;
		}
		p += w;
		n -= (size_t)w;
	}
}

/* Say the file of s is damaged and end the process (signal-safe). */
static void __attribute__((noreturn))
die_damaged(struct store *s)
{
	void (*hook)(void) = fatal_hook;

	if (hook != NULL)
		hook();
	if (cleanup_file[0] != '\0')
		unlink(cleanup_file);
	if (cleanup_dir[0] != '\0')
		rmdir(cleanup_dir);
	put(AS_TR("aftersales: 数据库文件 ", "aftersales: the database file "));
	if (s != NULL && s->dir != NULL) {
		put(s->dir);
		put("/");
	}
	put("data.mdb ");
	put(AS_TR(sentence_zh, sentence_en));
	put("\n");
	_exit(1);
}

/* A hexadecimal (base 16) or decimal number at *p, *p moved past it. */
static unsigned long long
get_num(const char **p, const char *end, unsigned base)
{
	unsigned long long v = 0;
	unsigned d;
	char ch;

	for (; *p < end; (*p)++) {
		ch = **p;
		if (ch >= '0' && ch <= '9')
			d = (unsigned)(ch - '0');
		else if (base == 16 && ch >= 'a' && ch <= 'f')
			d = (unsigned)(ch - 'a' + 10);
		else
			break;
		v = v * base + d;
	}
	return v;
}

/* Past the next space (or to end). */
static const char *
skip_field(const char *p, const char *end)
{
	while (p < end && *p != ' ')
		p++;
	while (p < end && *p == ' ')
		p++;
	return p;
}

/*
 * The store whose data.mdb is mapped where a lies, from one line of
 * /proc/self/maps ("lo-hi perms offset major:minor inode path"); NULL if
 * the line is not that mapping.
 */
static struct store *
line_store(const char *p, const char *end, uintptr_t a)
{
	unsigned long long lo, hi, maj, mnr, ino;
	size_t i;

	lo = get_num(&p, end, 16);
	if (p == end || *p++ != '-')
		return NULL;
	hi = get_num(&p, end, 16);
	if (a < lo || a >= hi)
		return NULL;
	p = skip_field(p, end);         /* to the permissions */
	p = skip_field(p, end);         /* to the offset */
	p = skip_field(p, end);         /* to the device */
	maj = get_num(&p, end, 16);
	if (p == end || *p++ != ':')
		return NULL;
	mnr = get_num(&p, end, 16);
	p = skip_field(p, end);
	ino = get_num(&p, end, 10);
	for (i = 0; i < MAX_MAPS; i++)
		if (maps[i].s != NULL && maps[i].known &&
		    maps[i].ino == ino && maps[i].dev_major == maj &&
		    maps[i].dev_minor == mnr)
			return maps[i].s;
	return NULL;
}

/*
 * The open store whose data.mdb mapping holds the address a, read from
 * /proc/self/maps with async-signal-safe calls only; NULL if none.
 */
static struct store *
fault_store(uintptr_t a)
{
	char buf[4096];
	size_t have = 0, used;
	const char *nl, *p;
	struct store *s = NULL;
	ssize_t r;
	int fd;

	if ((fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	for (;;) {
		r = read(fd, buf + have, sizeof buf - have);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		have += (size_t)r;
		p = buf;
		while ((nl = memchr(p, '\n', have - (size_t)(p - buf))) != NULL) {
			if ((s = line_store(p, nl, a)) != NULL)
				goto out;
			p = nl + 1;
		}
		used = (size_t)(p - buf);
		if (used == 0) {
			have = 0;       /* a line longer than buf: past it */
			continue;
		}
		memmove(buf, p, have - used);
		have -= used;
	}
	if (have > 0)
		s = line_store(buf, buf + have, a);
out:
	close(fd);
	return s;
}

static void
on_fault(int sig, siginfo_t *si, void *uc)
{
	struct sigaction *old = sig == SIGBUS ? &old_bus : &old_segv;
	int saved = errno;
	struct store *s;
	size_t i;

	for (i = 0; i < MAX_MAPS && maps[i].s == NULL; i++)
		;
	if (i < MAX_MAPS && (s = fault_store((uintptr_t)si->si_addr)) != NULL)
		die_damaged(s);
	errno = saved;
	/* not the database's: whatever handled it before does again */
	if ((old->sa_flags & SA_SIGINFO) && old->sa_sigaction != NULL) {
		old->sa_sigaction(sig, si, uc);
		return;
	}
	if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) {
		old->sa_handler(sig);
		return;
	}
	sigaction(sig, old, NULL);
	if (si->si_code <= 0)   /* sent, not a fault: send it again */
		raise(sig);
}

static void
on_assert(MDB_env *env, const char *msg)
{
	size_t i;

	(void)msg;
	for (i = 0; i < MAX_MAPS; i++)
		if (maps[i].s != NULL && maps[i].s->env == env)
			die_damaged(maps[i].s);
	die_damaged(NULL);
}

static void
install(void)
{
	struct sigaction sa;

	if (installed)
		return;
	installed = 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &old_bus);
	sigaction(SIGSEGV, &sa, &old_segv);
}

void
store_damage_track(struct store *s)
{
	struct stat st;
	size_t i, slot = MAX_MAPS;
	int fd = -1;

	install();
	mdb_env_set_assert(s->env, on_assert);
	for (i = 0; i < MAX_MAPS; i++) {
		if (maps[i].s == s) {
			slot = i;
			break;
		}
		if (slot == MAX_MAPS && maps[i].s == NULL)
			slot = i;
	}
	if (slot == MAX_MAPS)
		return;
	maps[slot].known = 0;
	maps[slot].s = s;
	/* the map of data.mdb, whose descriptor LMDB keeps open */
	if (mdb_env_get_fd(s->env, &fd) == 0 && fd >= 0 &&
	    fstat(fd, &st) == 0) {
		maps[slot].dev_major = major(st.st_dev);
		maps[slot].dev_minor = minor(st.st_dev);
		maps[slot].ino = (unsigned long long)st.st_ino;
		maps[slot].known = 1;
	}
}

void
store_damage_untrack(struct store *s)
{
	size_t i;

	for (i = 0; i < MAX_MAPS; i++)
		if (maps[i].s == s) {
			maps[i].known = 0;
			maps[i].s = NULL;
		}
}

static uint64_t
get_word(const unsigned char *p, size_t off)
{
	size_t v;

	memcpy(&v, p + off, sizeof v);
	return (uint64_t)v;
}

static unsigned
get_u16(const unsigned char *p, size_t off)
{
	uint16_t v;

	memcpy(&v, p + off, sizeof v);
	return v;
}

static uint32_t
get_u32(const unsigned char *p, size_t off)
{
	uint32_t v;

	memcpy(&v, p + off, sizeof v);
	return v;
}

/* 1 if the page at p holds a meta page of LMDB. */
static int
meta_ok(const unsigned char *p)
{
	uint16_t flags;

	memcpy(&flags, p + sizeof(size_t) + 2, sizeof flags);
	return (flags & P_META) != 0 && get_u32(p, M_MAGIC) == MDB_MAGIC;
}

int
store_damage_sentence(const char *dir, const char *detail,
		      struct as_err *err)
{
	return as_err_set(err, AS_E_CORRUPT, AS_TR("数据库文件 %s/data.mdb "
	    "%s%s%s%s", "the database file %s/data.mdb %s%s%s%s"), dir,
	    AS_TR(sentence_zh, sentence_en), detail ? AS_TR("（", " (") : "",
	    detail ? detail : "", detail ? AS_TR("）", ")") : "");
}

/*
 * The root pages of the two tables the newest meta m names (LMDB's free
 * list and main table: every command starts there) must be what LMDB
 * wrote: a page whose header names its own number, a branch or a leaf,
 * whose free space lies inside the page.  A page of garbage there would
 * send a write transaction, which copies the root before changing it,
 * into wild copies on the heap (malloc's abort), not into a fault the
 * handlers below could name, so it is refused before LMDB reads it.
 */
static int
roots_check(int fd, const char *dir, const unsigned char *m, uint64_t psize,
	    uint64_t last, struct as_err *err)
{
	static const char *const name[2][2] = {
		{ "空闲页表", "the free-page table" },
		{ "主表", "the main table" } };
	unsigned char h[PAGEHDR];
	char detail[160];
	uint64_t root;
	unsigned flags, lower, upper;
	int i;

	for (i = 0; i < 2; i++) {
		root = get_word(m, M_DBS + (size_t)i * DB_SIZE + 8 +
		    4 * sizeof(size_t));
		if (root == (uint64_t)(size_t)-1)
			continue;               /* an empty table */
		flags = lower = upper = 0;
		if (root >= 2 && root <= last && pread(fd, h, sizeof h,
		    (off_t)(root * psize)) == (ssize_t)sizeof h) {
			flags = get_u16(h, sizeof(size_t) + 2);
			lower = get_u16(h, sizeof(size_t) + 4);
			upper = get_u16(h, sizeof(size_t) + 6);
		}
		if (flags != 0 && get_word(h, 0) == root &&
		    ((flags & P_BRANCH) != 0) != ((flags & P_LEAF) != 0) &&
		    lower >= PAGEHDR && lower <= upper && upper <= psize)
			continue;
		snprintf(detail, sizeof detail, AS_TR("第 %llu 页（%s的根）"
		    "不是有效的数据库页", "its page %llu (the root of %s) is "
		    "not a valid database page"), (unsigned long long)root,
		    AS_TR(name[i][0], name[i][1]));
		return store_damage_sentence(dir, detail, err);
	}
	return 0;
}

int
store_file_check(const char *dir, struct as_err *err)
{
	unsigned char m0[M_END], m1[M_END];
	const unsigned char *m;
	char detail[160];
	struct stat st;
	uint64_t psize, last, need, txnid;
	ssize_t n;
	char *path;
	int fd, rc = 0, tries;

	path = xasprintf("%s/data.mdb", dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0)   /* no file, no permission: store_open and LMDB say it */
		return errno == ENOENT ? -ENOENT : 0;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return 0;
	}
	if (st.st_size == 0) {
		rc = as_err_set(err, AS_E_CORRUPT, AS_TR("数据库目录 %s 中没有"
		    "有效的数据库：其 data.mdb 是空的；请从备份恢复",
		    "database folder %s holds no valid database: its "
		    "data.mdb is empty; restore it from a backup"), dir);
		goto out;
	}
	n = pread(fd, m0, sizeof m0, 0);
	if (n != (ssize_t)sizeof m0 || !meta_ok(m0)) {
		rc = as_err_set(err, AS_E_CORRUPT, AS_TR("数据库目录 %s 中没有"
		    "有效的数据库：其 data.mdb 不以数据库文件头开始；请从备份"
		    "恢复", "database folder %s holds no valid database: its "
		    "data.mdb does not start with a database header; restore "
		    "it from a backup"), dir);
		goto out;
	}
	psize = get_u32(m0, M_PSIZE);
	if (psize < 256 || psize > 65536 || (psize & (psize - 1)) != 0) {
		snprintf(detail, sizeof detail, AS_TR("文件头给出的页大小是 "
		    "%llu 字节", "its header gives a page size of %llu "
		    "bytes"), (unsigned long long)psize);
		rc = store_damage_sentence(dir, detail, err);
		goto out;
	}
	n = pread(fd, m1, sizeof m1, (off_t)psize);
	if (n != (ssize_t)sizeof m1 || !meta_ok(m1)) {
		rc = store_damage_sentence(dir, AS_TR("第二个文件头页已损坏",
		    "its second header page is damaged"), err);
		goto out;
	}
	m = get_word(m1, M_TXNID) > get_word(m0, M_TXNID) ? m1 : m0;
	last = get_word(m, M_LASTPG);
	if (last < 1 || last > UINT64_MAX / psize - 1) {
		snprintf(detail, sizeof detail, AS_TR("文件头给出的最后一页是 "
		    "%llu", "its header gives %llu as the last page"),
		    (unsigned long long)last);
		rc = store_damage_sentence(dir, detail, err);
		goto out;
	}
	need = (last + 1) * psize;
	if ((uint64_t)st.st_size < need) {
		snprintf(detail, sizeof detail, AS_TR("它有 %llu 字节，文件头说"
		    "有 %llu", "it is %llu bytes, its header says %llu"),
		    (unsigned long long)st.st_size, (unsigned long long)need);
		rc = store_damage_sentence(dir, detail, err);
		goto out;
	}
	/*
	 * Another process may commit meanwhile: a root of the meta read may
	 * be freed by the next commit and written over by the one after.  A
	 * root found bad counts only if the newest meta is still the one
	 * read after it (no commit came between), else it is read again.
	 */
	for (tries = 0; (rc = roots_check(fd, dir, m, psize, last,
	    err)) != 0 && tries < 1000; tries++) {
		txnid = get_word(m, M_TXNID);
		if (pread(fd, m0, sizeof m0, 0) != (ssize_t)sizeof m0 ||
		    pread(fd, m1, sizeof m1, (off_t)psize) !=
		    (ssize_t)sizeof m1 || !meta_ok(m0) || !meta_ok(m1))
			break;
		m = get_word(m1, M_TXNID) > get_word(m0, M_TXNID) ? m1 : m0;
		if (get_word(m, M_TXNID) == txnid)
			break;          /* the same commit: the root is bad */
		last = get_word(m, M_LASTPG);
		as_err_clear(err);
	}
out:
	close(fd);
	return rc;
}
