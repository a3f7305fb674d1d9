/*
 * env.c - the LMDB environment of one database folder: opening it the same
 * way in every user's process, the named databases, the format check, and
 * the transaction runner that retries a whole transaction after growing
 * the map (MDB_MAP_FULL), adopting another process's growth
 * (MDB_MAP_RESIZED) or clearing stale readers (MDB_READERS_FULL).  LMDB
 * codes become as_codes here, with sentences that name the folder.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store_int.h"

#define MAX_TRIES 16
#define DEFAULT_MAXREADERS 1022
/*
 * The map is address space, not memory or disk: a generous size means a
 * large import does not fill it half-way and run its transaction again.
 */
#define DEFAULT_MAPSIZE ((size_t)16 << 30)

static const char *const db_names[DB_COUNT] = {
	"meta", "rec", "seq", "idx", "hist", "rhist", "jrnl", "bal", "jpart"
};
static const unsigned db_flags[DB_COUNT] = {
	0, 0, 0, MDB_DUPSORT, 0, MDB_DUPSORT | MDB_DUPFIXED, 0, 0,
	MDB_DUPSORT | MDB_DUPFIXED
};

int
store_mdb_err(struct store *s, int rc, struct as_err *err, const char *what)
{
	const char *dir = s->dir;

	switch (rc) {
	case 0:
		return 0;
	case MDB_NOTFOUND:
		return as_err_set(err, AS_E_NOTFOUND,
		    AS_TR("%s：在数据库 %s 中没有找到",
		    "%s: not found in database %s"), what, dir);
	case ENOENT:
		return as_err_set(err, -ENOENT, AS_TR("数据库目录 %s 不存在；"
		    "请用 `aftersales init %s` 创建，或用 --db 指定",
		    "database folder %s does not exist; create it with "
		    "`aftersales init %s` or pass --db"), dir, dir);
	case EACCES:
	case EPERM:
		return as_err_set(err, -rc,
		    AS_TR("没有使用数据库目录 %s 的权限（%s）；请申请加入"
		    "它的组，或用 --db 指定", "no permission to use database "
		    "folder %s (%s); ask for membership of its group or pass "
		    "--db"), dir, what);
	case ENOSPC:
		return as_err_set(err, -ENOSPC,
		    AS_TR("写数据库 %s 时磁盘已满；请在其文件系统上腾出空间"
		    "后重试", "disk full while writing database %s; free "
		    "space on its file system and try again"), dir);
	case EIO:
		/* LMDB reports a short write (a full disk) as EIO too */
		return as_err_set(err, -EIO,
		    AS_TR("不能写数据库 %s（%s）：磁盘已满或出错；这次修改"
		    "没有写入任何内容；请在其文件系统上腾出空间后重试",
		    "could not write database %s (%s): the disk is full or "
		    "failing; nothing of this change was written; free space "
		    "on its file system and try again"), dir, what);
	case MDB_MAP_FULL:
		return as_err_set(err, AS_E_MAPFULL,
		    AS_TR("数据库 %s：%s：映射已满且不能扩大",
		    "database %s: %s: the map is full and could not grow"),
		    dir, what);
	case MDB_MAP_RESIZED:
	case MDB_READERS_FULL:
		return as_err_set(err, AS_E_RETRY, "database %s: %s: %s",
		    dir, what, mdb_strerror(rc));
	case MDB_CORRUPTED:
	case MDB_PAGE_NOTFOUND:
		return store_damage_sentence(dir, mdb_strerror(rc), err);
	case MDB_VERSION_MISMATCH:
	case MDB_INVALID:
		return as_err_set(err, AS_E_STORE,
		    AS_TR("目录 %s 中没有本程序能读取的数据库（%s）",
		    "folder %s does not hold a database this program can "
		    "read (%s)"), dir, mdb_strerror(rc));
	default:
		return as_err_set(err, AS_E_STORE, "database %s: %s: %s",
		    dir, what, mdb_strerror(rc));
	}
}

int
store_txn_err(struct store_txn *t, int rc, struct as_err *err,
	      const char *what)
{
	switch (rc) {
	case MDB_MAP_FULL:
	case MDB_MAP_RESIZED:
	case MDB_READERS_FULL:
		t->fail = rc;
		return as_err_set(err, AS_E_RETRY,
		    "database %s: %s: %s (the transaction will run again)",
		    t->s->dir, what, mdb_strerror(rc));
	case MDB_BAD_TXN:
		if (t->fail != 0)
			return AS_E_RETRY;
		/*
		 * A read transaction only goes bad when an earlier read in
		 * it met a damaged page (MDB_CORRUPTED, MDB_PAGE_NOTFOUND).
		 */
		if (!t->write)
			return store_damage_sentence(t->s->dir, "a page read "
			    "earlier in this transaction is damaged", err);
		break;
	}
	return store_mdb_err(t->s, rc, err, what);
}

int
store_txn_check(struct store_txn *t, struct as_err *err)
{
	if (t->fail != 0)
		return as_err_set(err, AS_E_RETRY,
		    "database %s: the transaction failed and will run again",
		    t->s->dir);
	return 0;
}

/* After rc ended an attempt: 0 if running the transaction again may work. */
static int
recover(struct store *s, int rc, unsigned attempt)
{
	MDB_envinfo info;
	struct timespec ts;
	int dead = 0, r;

	if (s->rtxn != NULL && (rc == MDB_MAP_FULL || rc == MDB_MAP_RESIZED)) {
		mdb_txn_abort(s->rtxn);  /* set_mapsize needs no txn in use */
		s->rtxn = NULL;
	}
	switch (rc) {
	case MDB_MAP_FULL:
		mdb_env_info(s->env, &info);
		r = mdb_env_set_mapsize(s->env, info.me_mapsize * 2);
		if (r == 0)
			s->stats.grows++;
		store_damage_track(s);
		return r;
	case MDB_MAP_RESIZED:
		r = mdb_env_set_mapsize(s->env, 0);
		if (r == 0)
			s->stats.resizes++;
		store_damage_track(s);
		return r;
	case MDB_READERS_FULL:
		mdb_reader_check(s->env, &dead);
		s->stats.stale += (unsigned)dead;
		if (dead == 0) {
			ts.tv_sec = 0;
			ts.tv_nsec = 10000000L * (long)(attempt + 1);
			nanosleep(&ts, NULL);
		}
		return 0;
	default:
		return rc;
	}
}

/* Start a transaction; a read reuses the kept handle when there is one. */
static int
begin(struct store *s, int write, MDB_txn **txn)
{
	if (!write && s->rtxn != NULL) {
		*txn = s->rtxn;
		s->rtxn = NULL;
		if (mdb_txn_renew(*txn) == 0)
			return 0;
		mdb_txn_abort(*txn);
	}
	return mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, txn);
}

/* End a transaction without committing: a read is reset and kept. */
static void
end_txn(struct store *s, int write, MDB_txn *txn)
{
	if (write || s->rtxn != NULL || !s->ready) {
		mdb_txn_abort(txn);
		return;
	}
	mdb_txn_reset(txn);
	s->rtxn = txn;
}

/*
 * fn inside the open batch (store_batch_begin): on the batch's own write
 * transaction, nothing committed.  A function that fails after it wrote
 * (t.dirty), or a map that must grow, fails the whole batch; one refused
 * before writing leaves it whole (see store.h).
 */
static int
batch_run(struct store *s, int write, store_txn_fn fn, void *ctx,
	  struct as_err *err)
{
	struct store_txn t;
	int rc;

	if (s->bfail != 0 || s->btxn == NULL)
		return as_err_set(err, s->bfail ? s->bfail : AS_E_STORE,
		    "database %s: the batch failed and was not written; "
		    "run it again", s->dir);
	s->busy = 1;
	t.s = s;
	t.txn = s->btxn;
	t.write = write;
	t.fail = 0;
	t.dirty = 0;
	t.hlast = 0;
	as_err_clear(err);
	rc = fn(&t, ctx, err);
	s->busy = 0;
	if (t.fail != 0) {
		mdb_txn_abort(s->btxn);
		s->btxn = NULL;
		s->bfail = AS_E_RETRY;
		if ((rc = recover(s, t.fail, 0)) != 0) {
			s->bfail = store_mdb_err(s, rc, err,
			    "growing the map");
			return s->bfail;
		}
		s->stats.retries++;
		return as_err_set(err, AS_E_RETRY, "database %s: the map "
		    "has grown; the batch was not written and must run "
		    "again", s->dir);
	}
	if (rc != 0 && write && t.dirty) {
		mdb_txn_abort(s->btxn);
		s->btxn = NULL;
		s->bfail = rc == AS_E_RETRY ? AS_E_STORE : rc;
		return rc;
	}
	if (write)
		s->bsteps++;
	return rc;
}

int
store_run(struct store *s, int write, store_txn_fn fn, void *ctx,
	  struct as_err *err)
{
	struct store_txn t;
	MDB_txn *txn;
	unsigned attempt;
	int rc = 0, last = 0;

	if ((s->btxn != NULL || s->bfail != 0) && !s->busy)
		return batch_run(s, write, fn, ctx, err);
	if (s->busy)
		return as_err_set(err, AS_E_STORE,
		    "database %s: a transaction is already running in this "
		    "process (nested store_read/store_write)", s->dir);
	s->busy = 1;
	for (attempt = 0; attempt < MAX_TRIES; attempt++) {
		if (attempt > 0)
			s->stats.retries++;
		as_err_clear(err);
		rc = begin(s, write, &txn);
		if (rc != 0) {
			last = rc;
			if (recover(s, rc, attempt) == 0)
				continue;
			rc = store_mdb_err(s, rc, err,
			    "starting a transaction");
			goto out;
		}
		t.s = s;
		t.txn = txn;
		t.write = write;
		t.fail = 0;
		t.dirty = 0;
		t.hlast = 0;
		rc = fn(&t, ctx, err);
		if (t.fail != 0) {
			mdb_txn_abort(txn);
			last = t.fail;
			if ((rc = recover(s, t.fail, attempt)) == 0)
				continue;
			rc = store_mdb_err(s, rc, err, "growing the map");
			goto out;
		}
		if (rc != 0 || (!write && s->ready)) {
			end_txn(s, write, txn);
			goto out;
		}
		rc = mdb_txn_commit(txn);
		if (rc == 0)
			goto out;
		last = rc;
		if (recover(s, rc, attempt) == 0)
			continue;
		rc = store_mdb_err(s, rc, err, "committing a transaction");
		goto out;
	}
	rc = store_mdb_err(s, last, err, "giving up after running the "
	    "transaction again and again");
	if (rc == AS_E_RETRY || rc == AS_E_MAPFULL)
		rc = AS_E_STORE;
out:
	s->busy = 0;
	return rc;
}

/* A write into an index of another format (store_opts.index_format). */
static int
index_refused(const struct store *s, struct as_err *err)
{
	return as_err_set(err, AS_E_VERSION, AS_TR("数据库 %s 的索引由另一"
	    "版本的 aftersales 建立（索引格式 %lu，本程序用 %u），不能写入；"
	    "请管理员先运行 `aftersales reindex`", "the index of database %s "
	    "was built by another version of aftersales (index format %lu, "
	    "this program uses %u): nothing can be written; ask the "
	    "administrator to run `aftersales reindex` first"), s->dir,
	    s->idx_old, s->idx_want);
}

int
store_index_stale(const struct store *s, unsigned long *old)
{
	if (old != NULL)
		*old = s->idx_old;
	return s->idx_stale;
}

int
store_write(struct store *s, store_txn_fn fn, void *ctx, struct as_err *err)
{
	if (s->readonly)
		return as_err_set(err, -EROFS, AS_TR("数据库 %s 以只读方式打开",
		    "database %s is open read-only"), s->dir);
	if (s->idx_stale && !s->idx_fixing)
		return index_refused(s, err);
	return store_run(s, 1, fn, ctx, err);
}

int
store_read(struct store *s, store_txn_fn fn, void *ctx, struct as_err *err)
{
	return store_run(s, 0, fn, ctx, err);
}

/* Begin the batch's write transaction, growing the map if it must. */
static int
batch_txn_begin(struct store *s, struct as_err *err)
{
	unsigned attempt;
	int rc = 0;

	for (attempt = 0; attempt < MAX_TRIES; attempt++) {
		rc = mdb_txn_begin(s->env, NULL, 0, &s->btxn);
		if (rc == 0)
			return 0;
		s->btxn = NULL;
		if (recover(s, rc, attempt) != 0)
			break;
	}
	return store_mdb_err(s, rc, err, "starting a batch");
}

int
store_batch_begin(struct store *s, struct as_err *err)
{
	if (s->readonly)
		return as_err_set(err, -EROFS, AS_TR("数据库 %s 以只读方式打开",
		    "database %s is open read-only"), s->dir);
	if (s->btxn != NULL || s->busy)
		return as_err_set(err, AS_E_STORE, "database %s: a batch or "
		    "a transaction is already open in this process", s->dir);
	if (s->idx_stale)
		return index_refused(s, err);
	if (s->rtxn != NULL) {
		mdb_txn_abort(s->rtxn);
		s->rtxn = NULL;
	}
	s->bfail = 0;
	s->bsteps = 0;
	return batch_txn_begin(s, err);
}

/* Commit the batch's transaction (durably); 0 or the mapped error. */
static int
batch_txn_commit(struct store *s, struct as_err *err)
{
	int rc;

	if (s->bfail != 0 || s->btxn == NULL)
		return as_err_set(err, s->bfail ? s->bfail : AS_E_STORE,
		    "database %s: the batch failed and was not written",
		    s->dir);
	rc = mdb_txn_commit(s->btxn);
	s->btxn = NULL;
	if (rc == 0)
		return 0;
	s->bfail = AS_E_RETRY;
	if (rc == MDB_MAP_FULL && recover(s, rc, 0) == 0)
		return as_err_set(err, AS_E_RETRY, "database %s: the map "
		    "has grown; the batch was not written and must run "
		    "again", s->dir);
	return s->bfail = store_mdb_err(s, rc, err, "committing a batch");
}

int
store_batch_commit(struct store *s, struct as_err *err)
{
	int rc;

	if ((rc = batch_txn_commit(s, err)) != 0)
		return rc;
	return batch_txn_begin(s, err);
}

int
store_batch_end(struct store *s, int commit, struct as_err *err)
{
	int rc = 0;

	if (commit)
		rc = batch_txn_commit(s, err);
	else if (s->btxn != NULL)
		mdb_txn_abort(s->btxn);
	s->btxn = NULL;
	s->bfail = 0;
	return rc;
}

uint64_t
store_batch_steps(struct store *s)
{
	return s->bsteps;
}

int
store_reserve(struct store *s, uint64_t bytes, struct as_err *err)
{
	MDB_envinfo info;
	MDB_stat st;
	uint64_t used, want;
	int rc;

	if (s->readonly || s->btxn != NULL || s->busy)
		return 0;
	/* the transaction's changed pages: malloc'd copies until commit */
	as_heap_huge((size_t)bytes);
	if (mdb_env_info(s->env, &info) != 0 || mdb_env_stat(s->env, &st) != 0)
		return 0;
	used = (uint64_t)(info.me_last_pgno + 1) * st.ms_psize;
	want = used + bytes + bytes / 4;
	if (want <= info.me_mapsize)
		return 0;
	if (s->rtxn != NULL) {
		mdb_txn_abort(s->rtxn);
		s->rtxn = NULL;
	}
	/* round up to 1 GiB: every process adopts the size as it is */
	want = (want + ((uint64_t)1 << 30) - 1) & ~(((uint64_t)1 << 30) - 1);
	if ((rc = mdb_env_set_mapsize(s->env, (size_t)want)) != 0)
		return store_mdb_err(s, rc, err, "sizing the map");
	s->stats.grows++;
	store_damage_track(s);
	return 0;
}

/* LMDB comparator for record ids (keys of rec and rhist, values of idx). */
static int
id_cmp(const MDB_val *a, const MDB_val *b)
{
	return store_id_cmpn(a->mv_data, a->mv_size, b->mv_data, b->mv_size);
}

/* The decimal number a meta value holds: 0, or -1 if it holds none. */
static int
meta_number(const MDB_val *v, unsigned long *out)
{
	char num[32], *end;

	if (v->mv_size == 0 || v->mv_size >= sizeof num)
		return -1;
	memcpy(num, v->mv_data, v->mv_size);
	num[v->mv_size] = '\0';
	errno = 0;
	*out = strtoul(num, &end, 10);
	return *end != '\0' || errno != 0 ? -1 : 0;
}

/* Mark the database's index as made in this program's format. */
int
st_index_mark(struct store_txn *t, struct as_err *err)
{
	MDB_val k = { 5, (void *)"index" }, v;
	char num[32];
	int rc;

	snprintf(num, sizeof num, "%u", t->s->idx_want);
	v.mv_data = num;
	v.mv_size = strlen(num);
	rc = st_put(t, t->s->dbi[DB_META], &k, &v, 0);
	return rc != 0 ? store_txn_err(t, rc, err,
	    "writing the index format") : 0;
}

/*
 * The index format mark (store_opts.index_format): written into a new
 * database (fresh) and into one without records; on any other, a missing
 * or different mark makes the store stale (s->idx_old: the format it
 * names; 1 for a database from before the mark, 0 for a damaged mark).
 */
static int
index_mark(struct store_txn *t, int fresh, struct as_err *err)
{
	struct store *s = t->s;
	MDB_val k = { 5, (void *)"index" }, v;
	MDB_stat ms;
	unsigned long had = 1;
	int rc;

	s->idx_stale = 0;
	if (s->idx_want == 0)
		return 0;
	if (!fresh) {
		rc = mdb_get(t->txn, s->dbi[DB_META], &k, &v);
		if (rc != 0 && rc != MDB_NOTFOUND)
			return store_txn_err(t, rc, err,
			    "reading the index format");
		if (rc == 0 && meta_number(&v, &had) != 0)
			had = 0;   /* unreadable: some other format */
		if (had == s->idx_want)
			return 0;
		if (s->have[DB_REC] &&
		    (rc = mdb_stat(t->txn, s->dbi[DB_REC], &ms)) != 0)
			return store_txn_err(t, rc, err, "records");
		if (s->have[DB_REC] && ms.ms_entries > 0) {
			s->idx_stale = 1;
			s->idx_old = had;
			return 0;
		}
	}
	if (!t->write)
		return 0;   /* no records, read-only: the next writer marks */
	return st_index_mark(t, err);
}

static int
open_dbs(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct store *s = t->s;
	MDB_val k = { 6, (void *)"format" }, v;
	char num[32];
	unsigned long fmt;
	int i, rc;

	(void)ctx;
	for (i = 0; i < DB_COUNT; i++) {
		rc = mdb_dbi_open(t->txn, db_names[i],
		    db_flags[i] | (t->write ? MDB_CREATE : 0), &s->dbi[i]);
		if (rc == MDB_NOTFOUND && !t->write) {
			s->have[i] = 0;
			continue;
		}
		if (rc != 0)
			return store_txn_err(t, rc, err, db_names[i]);
		s->have[i] = 1;
		/* the same order in every process, set before any access */
		if (i == DB_REC || i == DB_RHIST)
			rc = mdb_set_compare(t->txn, s->dbi[i], id_cmp);
		else if (i == DB_IDX)
			rc = mdb_set_dupsort(t->txn, s->dbi[i], id_cmp);
		if (rc != 0)
			return store_txn_err(t, rc, err, db_names[i]);
	}
	if (!s->have[DB_META])
		return 0;
	rc = mdb_get(t->txn, s->dbi[DB_META], &k, &v);
	if (rc == MDB_NOTFOUND) {
		if (!t->write)
			return 0;
		snprintf(num, sizeof num, "%d", STORE_FORMAT);
		v.mv_data = num;
		v.mv_size = strlen(num);
		rc = st_put(t, s->dbi[DB_META], &k, &v, 0);
		if (rc != 0)
			return store_txn_err(t, rc, err, "writing the format");
		return index_mark(t, 1, err);
	}
	if (rc != 0)
		return store_txn_err(t, rc, err, "reading the format");
	if (meta_number(&v, &fmt) != 0)
		goto bad;
	if (fmt > STORE_FORMAT)
		return as_err_set(err, AS_E_VERSION,
		    AS_TR("数据库 %s 由更新的、不兼容的 aftersales 版本写入"
		    "（格式 %lu，本程序最多能读 %d）", "database %s was "
		    "written by a newer incompatible version of aftersales "
		    "(format %lu, this program reads up to %d)"), s->dir, fmt,
		    STORE_FORMAT);
	return index_mark(t, 0, err);
bad:
	return as_err_set(err, AS_E_CORRUPT,
	    AS_TR("数据库 %s：其格式号无法读取",
	    "database %s: its format number is unreadable"), s->dir);
}

int
store_open(const char *dir, const struct store_opts *opts, struct store **out,
	   struct as_err *err)
{
	struct store_opts def = {0};
	struct store *s;
	struct stat st;
	int rc, dead = 0;
	unsigned flags;

	*out = NULL;
	if (opts == NULL)
		opts = &def;
	if (stat(dir, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return as_err_set(err, -ENOENT, AS_TR("数据库目录 %s "
			    "不存在；请用 `aftersales init %s` 创建，或用 --db "
			    "指定", "database folder %s does not exist; create "
			    "it with `aftersales init %s` or pass --db"), dir,
			    dir);
		rc = -errno;
		return as_err_set(err, rc, AS_TR("不能使用数据库目录 %s：%s；"
		    "请检查其权限，或用 --db 指定", "cannot use database "
		    "folder %s: %s; check its permissions or pass --db"), dir,
		    as_strerror(rc));
	}
	if (!S_ISDIR(st.st_mode))
		return as_err_set(err, -ENOTDIR, AS_TR("%s 不是目录；请用 --db "
		    "指定数据库目录", "%s is not a folder; pass the database "
		    "folder with --db"), dir);
	/*
	 * Only a folder without data.mdb may get a new database (init, or
	 * demo/import into a new folder): LMDB would start one in an empty
	 * file too, restarting the numbering, and would map a short one.
	 */
	rc = store_file_check(dir, err);
	if (rc == -ENOENT && (!opts->create || opts->readonly))
		return as_err_set(err, -ENOENT, AS_TR("数据库目录 %s 中没有数据"
		    "库；请用 `aftersales init %s` 创建，或用 --db 指定",
		    "database folder %s holds no database; create one with "
		    "`aftersales init %s` or pass --db"), dir, dir);
	if (rc != 0 && rc != -ENOENT)
		return rc;

	s = xcalloc(1, sizeof *s);
	s->dir = xstrdup(dir);
	s->readonly = opts->readonly;
	s->index_fn = opts->index_fn;
	s->idx_want = opts->index_format;
	s->index_ctx = opts->index_ctx;
	if ((rc = mdb_env_create(&s->env)) != 0) {
		s->env = NULL;
		goto fail;
	}
	if ((rc = mdb_env_set_maxreaders(s->env, opts->maxreaders ?
	    opts->maxreaders : DEFAULT_MAXREADERS)) != 0 ||
	    (rc = mdb_env_set_maxdbs(s->env, DB_COUNT + 2)) != 0 ||
	    (rc = mdb_env_set_mapsize(s->env, opts->mapsize ?
	    opts->mapsize : DEFAULT_MAPSIZE)) != 0)
		goto fail;
	flags = MDB_NOTLS | (opts->readonly ? MDB_RDONLY : 0);
	if ((rc = mdb_env_open(s->env, dir, flags, 0660)) != 0)
		goto fail;
	store_damage_track(s);
	if ((rc = mdb_reader_check(s->env, &dead)) != 0)
		goto fail;
	s->stats.stale += (unsigned)dead;
	if ((rc = store_run(s, !s->readonly, open_dbs, NULL, err)) != 0) {
		store_close(&s);
		return rc;
	}
	s->ready = 1;
	*out = s;
	return 0;
fail:
	rc = store_mdb_err(s, rc, err, "opening");
	store_close(&s);
	return rc;
}

void
store_close(struct store **sp)
{
	struct store *s = *sp;

	if (s == NULL)
		return;
	if (s->rtxn != NULL)
		mdb_txn_abort(s->rtxn);
	if (s->btxn != NULL)
		mdb_txn_abort(s->btxn);
	if (s->env != NULL) {
		store_damage_untrack(s);
		/*
		 * LMDB keeps the pages a write transaction dirtied for the
		 * next one, and mdb_env_close frees them one by one: each
		 * free at the top of the heap handed its 4 KB back to the
		 * system with a brk of its own, 30,000 of them at the end of
		 * an import of 100,000 rows, a tenth of its time (issue 13).
		 * Not trimmed while they go; the default comes back after.
		 */
		as_heap_keep(1);
		mdb_env_close(s->env);
		as_heap_keep(0);
	}
	free(s->last_id);
	buf_free(&s->last_val);
	store_keys_free(&s->last_keys);
	free(s->dir);
	free(s);
	*sp = NULL;
}

/* Handles left to the exit: still reachable, so not a leak to LSan. */
static struct store *left_behind[4];

void
store_leave(struct store **sp)
{
	struct store *s = *sp;
	size_t i;

	if (s == NULL)
		return;
	if (s->rtxn != NULL)
		mdb_txn_abort(s->rtxn);
	s->rtxn = NULL;
	if (s->btxn != NULL)
		mdb_txn_abort(s->btxn);
	s->btxn = NULL;
	for (i = 0; i < sizeof left_behind / sizeof left_behind[0]; i++)
		if (left_behind[i] == NULL) {
			left_behind[i] = s;
			*sp = NULL;
			return;
		}
	store_close(sp);	/* more than a process should leave */
}

uint64_t
store_last_txnid(struct store *s)
{
	MDB_envinfo info;

	if (mdb_env_info(s->env, &info) != 0)
		return 0;
	return (uint64_t)info.me_last_txnid;
}

int
store_reader_check(struct store *s)
{
	int dead = 0, rc;

	if ((rc = mdb_reader_check(s->env, &dead)) != 0)
		return store_mdb_err(s, rc, NULL, "checking readers");
	s->stats.stale += (unsigned)dead;
	return dead;
}

void
store_stats(struct store *s, struct store_stats *out)
{
	MDB_envinfo info;

	*out = s->stats;
	if (mdb_env_info(s->env, &info) == 0)
		out->mapsize = info.me_mapsize;
}

struct meta_op {
	MDB_val k, v;
	void *copy;
};

static int
meta_get_fn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct meta_op *op = ctx;
	MDB_val v;
	int rc;

	if (!t->s->have[DB_META])
		return AS_E_NOTFOUND;
	rc = mdb_get(t->txn, t->s->dbi[DB_META], &op->k, &v);
	if (rc == MDB_NOTFOUND)
		return AS_E_NOTFOUND;
	if (rc != 0)
		return store_txn_err(t, rc, err, "reading the meta table");
	op->copy = xmalloc(v.mv_size ? v.mv_size : 1);
	memcpy(op->copy, v.mv_data, v.mv_size);
	op->v.mv_size = v.mv_size;
	return 0;
}

int
store_meta_get(struct store *s, const char *key, void **val, size_t *len,
	       struct as_err *err)
{
	struct meta_op op = { { strlen(key), (void *)key }, { 0, NULL },
	    NULL };
	int rc;

	*val = NULL;
	*len = 0;
	if (op.k.mv_size == 0 || op.k.mv_size > STORE_MAXKEY)
		return AS_E_NOTFOUND;
	if ((rc = store_run(s, 0, meta_get_fn, &op, err)) != 0) {
		free(op.copy);
		return rc;
	}
	*val = op.copy;
	*len = op.v.mv_size;
	return 0;
}

/*
 * A value of the meta table this big (the compiled configuration, 127 KB)
 * lies on overflow pages of its own: once its reader has taken what it
 * needs, this process's mapping of them is given back (the file's pages
 * stay in the page cache; a later read maps them again).  The kernel maps
 * 16 pages and more around each page touched, so they were a tenth of the
 * peak resident size of a `status` (issue 13: at most 4 MiB).
 */
#define META_DROP_MIN (64u << 10)

static void
drop_pages(struct store_txn *t, const void *p, size_t n)
{
	const uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t lo = (uintptr_t)p & ~(pg - 1);
	uintptr_t hi = ((uintptr_t)p + n + pg - 1) & ~(pg - 1);

	/*
	 * Only in a read transaction, whose values all lie in the file's
	 * map: in a write transaction (a batch's, which reads run in too) a
	 * value written in it lies in the process's own memory, which
	 * MADV_DONTNEED would clear.
	 */
	if (t->write || t->txn == t->s->btxn)
		return;
	(void)madvise((void *)lo, hi - lo, MADV_DONTNEED);
}

struct meta_view {
	MDB_val k;
	int (*fn)(const void *, size_t, void *);
	void *ctx;
};

static int
meta_view_fn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct meta_view *mv = ctx;
	MDB_val v;
	int rc;

	if (!t->s->have[DB_META])
		return AS_E_NOTFOUND;
	rc = mdb_get(t->txn, t->s->dbi[DB_META], &mv->k, &v);
	if (rc == MDB_NOTFOUND)
		return AS_E_NOTFOUND;
	if (rc != 0)
		return store_txn_err(t, rc, err, "reading the meta table");
	rc = mv->fn(v.mv_data, v.mv_size, mv->ctx);
	if (v.mv_size >= META_DROP_MIN)
		drop_pages(t, v.mv_data, v.mv_size);
	return rc;
}

int
store_meta_view(struct store *s, const char *key,
		int (*fn)(const void *val, size_t len, void *ctx), void *ctx,
		struct as_err *err)
{
	struct meta_view mv = { { strlen(key), (void *)key }, fn, ctx };

	if (mv.k.mv_size == 0 || mv.k.mv_size > STORE_MAXKEY)
		return AS_E_NOTFOUND;
	return store_run(s, 0, meta_view_fn, &mv, err);
}


static int
meta_put_fn(struct store_txn *t, void *ctx, struct as_err *err)
{
	struct meta_op *op = ctx;
	int rc;

	rc = st_put(t, t->s->dbi[DB_META], &op->k, &op->v, 0);
	return rc ? store_txn_err(t, rc, err, "writing the meta table") : 0;
}

int
store_meta_put(struct store *s, const char *key, const void *val,
	       size_t len, struct as_err *err)
{
	struct meta_op op = { { strlen(key), (void *)key },
	    { len, (void *)val }, NULL };

	if (s->readonly)
		return as_err_set(err, AS_E_PERM, "database %s is open "
		    "read-only", s->dir);
	if (op.k.mv_size == 0 || op.k.mv_size > STORE_MAXKEY)
		return as_err_set(err, AS_E_INVALID, "meta key too long");
	return store_run(s, 1, meta_put_fn, &op, err);
}
