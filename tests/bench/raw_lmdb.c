/*
 * raw_lmdb.c - the reference figures of the benchmark: what LMDB itself
 * does on this machine, with the environment opened the way store/ opens
 * it (MDB_NOTLS, 1022 readers, no NOSYNC, no WRITEMAP), so that each
 * aftersales figure can be printed next to its floor.
 *
 *   raw_lmdb version
 *   raw_lmdb load DIR FILE
 *           every line of FILE but the first (the CSV header) becomes a
 *           record of database "rec" under key C2026-%06u, put in
 *           transactions of 10,000 records; prints "records seconds"
 *   raw_lmdb loadsame DIR FILE TXN
 *           the same records with the writes aftersales makes for each
 *           (see store/): the record with its field names in "rec", four
 *           DUPSORT index entries (state, phone, serial, name) in "idx", a
 *           sequence update in "seq", a history event of the same fields
 *           plus 100 bytes in "hist" and its id in "rhist" (DUPSORT), in
 *           transactions of TXN records (0: one transaction for all);
 *           prints "records seconds".  How much of the import's time LMDB
 *           itself needs for what the data model writes.
 *   raw_lmdb loadsame DIR FILE TXN NIDX HBYTES
 *           the same with NIDX index entries a record (the state, then
 *           the columns in turn, each under its own key prefix) and
 *           history events of HBYTES bytes: the writes of the data model
 *           as `shape` measures them in a database aftersales wrote
 *   raw_lmdb bytes DIR
 *           of a database aftersales wrote: the bytes a record of the
 *           pages of "rec", "hist", "rhist", "idx" and the rest in use
 *   raw_lmdb shape DIR
 *           of a database aftersales wrote: the index entries a record
 *           and the mean bytes of a history event, "NIDX HBYTES"
 *   raw_lmdb oneget DIR KEY
 *           open the environment read-only, one mdb_get in "rec", print
 *           the value and exit (3 if absent): the floor of a status process
 *   raw_lmdb oneput DIR KEY
 *           open the environment, put one 300-byte value under KEY in
 *           "rec" in one durable write transaction, exit: the floor of a
 *           process that takes one step (`aftersales do`)
 *   raw_lmdb gets DIR KEYFILE COUNT
 *           COUNT random gets in "rec" of the keys in the first column of
 *           KEYFILE; prints the mean nanoseconds of a get in one long read
 *           transaction and of begin + get + copy + abort per key
 *   raw_lmdb commits DIR NPROC PER
 *           NPROC processes at once each commit PER durable transactions of
 *           one 300-byte put; prints "commits seconds"
 *
 * The tests/ tree may include <lmdb.h>: the layering rule is for the
 * program's own folders.
 */
#include <errno.h>
#include <inttypes.h>
#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TXN_RECORDS 10000

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die(const char *what, int rc)
{
	fprintf(stderr, "raw_lmdb: %s: %s\n", what, mdb_strerror(rc));
	exit(1);
}

static MDB_env *
env_open(const char *dir, int readonly, size_t mapsize)
{
	MDB_env *env;
	int rc;

	if ((rc = mdb_env_create(&env)) != 0)
		die("mdb_env_create", rc);
	if ((rc = mdb_env_set_maxreaders(env, 1022)) != 0 ||
	    (rc = mdb_env_set_maxdbs(env, 8)) != 0)
		die("setting up the environment", rc);
	if (mapsize != 0 && (rc = mdb_env_set_mapsize(env, mapsize)) != 0)
		die("mdb_env_set_mapsize", rc);
	rc = mdb_env_open(env, dir, MDB_NOTLS | (readonly ? MDB_RDONLY : 0),
			  0660);
	if (rc != 0)
		die(dir, rc);
	return env;
}

static MDB_dbi
dbi_open(MDB_env *env, int create)
{
	MDB_txn *txn;
	MDB_dbi dbi;
	int rc;

	if ((rc = mdb_txn_begin(env, NULL, create ? 0 : MDB_RDONLY, &txn)))
		die("mdb_txn_begin", rc);
	if ((rc = mdb_dbi_open(txn, "rec", create ? MDB_CREATE : 0, &dbi)))
		die("opening database rec", rc);
	if ((rc = mdb_txn_commit(txn)) != 0)
		die("mdb_txn_commit", rc);
	return dbi;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t cap = 0, n = 0, r;

	if (f == NULL) {
		perror(path);
		exit(1);
	}
	for (;;) {
		if (cap - n < 1 << 20) {
			cap = cap ? cap * 2 : 1 << 24;
			if ((p = realloc(p, cap + 1)) == NULL) {
				perror("realloc");
				exit(1);
			}
		}
		r = fread(p + n, 1, cap - n, f);
		if (r == 0)
			break;
		n += r;
	}
	fclose(f);
	p[n] = '\0';
	*len = n;
	return p;
}

static int
cmd_load(const char *dir, const char *path)
{
	/* room for the whole load: this measures puts, not map growth */
	MDB_env *env = env_open(dir, 0, (size_t)16 << 30);
	MDB_dbi dbi = dbi_open(env, 1);
	MDB_txn *txn = NULL;
	MDB_val k, v;
	size_t len;
	char *data = slurp(path, &len), *p, *nl, key[32];
	unsigned long n = 0;
	double t0 = now_s();
	int rc;

	p = strchr(data, '\n');
	p = p ? p + 1 : data + len;
	for (; p < data + len; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = data + len;
		if (txn == NULL && (rc = mdb_txn_begin(env, NULL, 0, &txn)))
			die("mdb_txn_begin", rc);
		k.mv_size = (size_t)snprintf(key, sizeof key, "C2026-%06lu",
					     ++n);
		k.mv_data = key;
		v.mv_size = (size_t)(nl - p);
		v.mv_data = p;
		if ((rc = mdb_put(txn, dbi, &k, &v, 0)) != 0)
			die("mdb_put", rc);
		if (n % TXN_RECORDS == 0) {
			if ((rc = mdb_txn_commit(txn)) != 0)
				die("mdb_txn_commit", rc);
			txn = NULL;
		}
	}
	if (txn != NULL && (rc = mdb_txn_commit(txn)) != 0)
		die("mdb_txn_commit", rc);
	printf("%lu %.3f\n", n, now_s() - t0);
	mdb_env_close(env);
	free(data);
	return 0;
}

static const char *const csv_cols[] = {
	"customer_name", "customer_org", "phone", "address", "model", "serial",
	"channel", "description", "fault_class", "distance_km",
};
#define NCOLS (sizeof csv_cols / sizeof csv_cols[0])

static void
put_or_die(MDB_txn *txn, MDB_dbi dbi, const void *kp, size_t kn,
	   const void *vp, size_t vn, unsigned flags)
{
	MDB_val k = { kn, (void *)kp }, v = { vn, (void *)vp };
	int rc = mdb_put(txn, dbi, &k, &v, flags);

	if (rc != 0 && rc != MDB_KEYEXIST)
		die("mdb_put", rc);
}

static int
cmd_loadsame(const char *dir, const char *path, unsigned long per_txn,
	     unsigned nidx, size_t hbytes)
{
	static const unsigned flags[5] = {
		0, MDB_DUPSORT, 0, 0, MDB_DUPSORT | MDB_DUPFIXED
	};
	static const char *const names[5] = {
		"rec", "idx", "seq", "hist", "rhist"
	};
	MDB_env *env = env_open(dir, 0, (size_t)16 << 30);
	MDB_dbi dbi[5];
	MDB_txn *txn = NULL;
	size_t len, vn, cl[NCOLS], i;
	char *data = slurp(path, &len), *p, *nl, *q, *col[NCOLS];
	char key[32], ik[600], val[4096];
	unsigned char seq[8];
	unsigned long n = 0;
	double t0;
	int rc, j;

	if ((rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0)
		die("mdb_txn_begin", rc);
	for (i = 0; i < 5; i++)
		if ((rc = mdb_dbi_open(txn, names[i], flags[i] | MDB_CREATE,
				       &dbi[i])) != 0)
			die("mdb_dbi_open", rc);
	if ((rc = mdb_txn_commit(txn)) != 0)
		die("mdb_txn_commit", rc);
	txn = NULL;
	t0 = now_s();
	p = strchr(data, '\n');
	p = p ? p + 1 : data + len;
	for (; p < data + len; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = data + len;
		/* the columns (the generated CSV needs no unquoting) */
		for (q = p, i = 0; i < NCOLS; i++) {
			col[i] = q;
			while (q < nl && *q != ',')
				q++;
			cl[i] = (size_t)(q - col[i]);
			if (q < nl)
				q++;
		}
		if (txn == NULL && (rc = mdb_txn_begin(env, NULL, 0, &txn)))
			die("mdb_txn_begin", rc);
		n++;
		/* the record: header, then field name and value pairs */
		vn = (size_t)snprintf(val, 64, "complaint%cC2026-%06lu%c"
				      "registered%c", 0, n, 0, 0) + 24;
		for (i = 0; i < NCOLS && vn + 256 + cl[i] < sizeof val; i++) {
			vn += (size_t)sprintf(val + vn, "%s", csv_cols[i]) + 1;
			memcpy(val + vn, col[i], cl[i]);
			vn += cl[i];
			val[vn++] = '\0';
		}
		snprintf(key, sizeof key, "C2026-%06lu", n);
		put_or_die(txn, dbi[0], key, strlen(key), val, vn,
			   MDB_APPEND);
		if (nidx != 0) {
			/* the state, then the columns under their prefixes */
			for (j = 0; j < (int)nidx; j++) {
				size_t kn;
				int c = (j - 1) % NCOLS;

				if (j == 0)
					kn = (size_t)snprintf(ik, 64, "st\x1f"
					    "complaint\x1f" "registered");
				else {
					kn = (size_t)snprintf(ik, 64, "fx\x1f"
					    "complaint\x1f" "f%d\x1f", j);
					memcpy(ik + kn, col[c], cl[c] < 400 ?
					    cl[c] : 400);
					kn += cl[c] < 400 ? cl[c] : 400;
				}
				put_or_die(txn, dbi[1], ik, kn, key,
				    strlen(key), MDB_NODUPDATA);
			}
		}
		/* four index entries */
		for (j = 0; nidx == 0 && j < 4; j++) {
			static const char *const pre[4] = {
				"st\x1f" "complaint\x1f" "registered", "ph\x1f",
				"sn\x1f", "nm\x1f"
			};
			static const int c[4] = { -1, 2, 5, 0 };
			size_t kn = strlen(pre[j]);

			memcpy(ik, pre[j], kn);
			if (c[j] >= 0) {
				memcpy(ik + kn, col[c[j]], cl[c[j]]);
				kn += cl[c[j]];
			}
			put_or_die(txn, dbi[1], ik, kn, key, strlen(key),
				   MDB_NODUPDATA);
		}
		/* the sequence, the event (fields, who, when, three hashes) */
		for (j = 7, i = n; j >= 0; j--, i >>= 8)
			seq[j] = (unsigned char)i;
		put_or_die(txn, dbi[2], "complaint/2026", 14, seq, 8, 0);
		if (hbytes == 0) {
			memset(val + vn, 'h', 100);
			put_or_die(txn, dbi[3], seq, 8, val, vn + 100,
			    MDB_APPEND);
		} else {
			size_t hn = hbytes < sizeof val ? hbytes : sizeof val;

			if (hn > vn)
				memset(val + vn, 'h', hn - vn);
			put_or_die(txn, dbi[3], seq, 8, val, hn, MDB_APPEND);
		}
		put_or_die(txn, dbi[4], key, strlen(key), seq, 8, 0);
		if (per_txn != 0 && n % per_txn == 0) {
			if ((rc = mdb_txn_commit(txn)) != 0)
				die("mdb_txn_commit", rc);
			txn = NULL;
		}
	}
	if (txn != NULL && (rc = mdb_txn_commit(txn)) != 0)
		die("mdb_txn_commit", rc);
	printf("%lu %.3f\n", n, now_s() - t0);
	mdb_env_close(env);
	free(data);
	return 0;
}

/*
 * Entries and mean value size (mean may be NULL) of database name of env,
 * and its whole MDB_stat when stp is not NULL.
 */
static void
db_shape(MDB_env *env, const char *name, size_t *entries, double *mean,
	 MDB_stat *stp)
{
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_stat st;
	MDB_cursor *cur;
	MDB_val k, v;
	double sum = 0;
	int rc;

	if ((rc = mdb_txn_begin(env, NULL, MDB_RDONLY, &txn)) != 0)
		die("mdb_txn_begin", rc);
	if ((rc = mdb_dbi_open(txn, name, 0, &dbi)) != 0)
		die(name, rc);
	if ((rc = mdb_stat(txn, dbi, &st)) != 0)
		die("mdb_stat", rc);
	*entries = st.ms_entries;
	if (stp != NULL)
		*stp = st;
	if (mean != NULL)
		*mean = 0;
	if (mean != NULL && (rc = mdb_cursor_open(txn, dbi, &cur)) == 0) {
		while (mdb_cursor_get(cur, &k, &v, MDB_NEXT) == 0)
			sum += (double)v.mv_size;
		mdb_cursor_close(cur);
		*mean = st.ms_entries ? sum / (double)st.ms_entries : 0;
	}
	mdb_txn_abort(txn);
}

static int
cmd_shape(const char *dir)
{
	MDB_env *env = env_open(dir, 1, 0);
	size_t nrec, nidx, nhist;
	double mrec, midx, mhist;

	db_shape(env, "rec", &nrec, &mrec, NULL);
	db_shape(env, "idx", &nidx, &midx, NULL);
	db_shape(env, "hist", &nhist, &mhist, NULL);
	printf("%.0f %.0f\n", nrec ? (double)nidx / (double)nrec : 0, mhist);
	if (getenv("SHAPE_ALL"))
		printf("rec %zu x %.0f, idx %zu x %.0f, hist %zu x %.0f\n", nrec, mrec, nidx, midx, nhist, mhist);
	mdb_env_close(env);
	return 0;
}

/* Pages of database name of env, in bytes (its tree and overflow pages). */
static double
db_bytes(MDB_env *env, const char *name)
{
	MDB_stat st;
	size_t n;

	db_shape(env, name, &n, NULL, &st);
	return (double)(st.ms_branch_pages + st.ms_leaf_pages +
	    st.ms_overflow_pages) * st.ms_psize;
}

/*
 * Where a database aftersales wrote keeps its bytes, a record each:
 * "REC HIST RHIST IDX REST", the pages of the records, the history
 * events, the record -> events lists, the index and everything else in
 * use (the other databases, free pages, the meta pages).
 */
static int
cmd_bytes(const char *dir)
{
	MDB_env *env = env_open(dir, 1, 0);
	const char *names[] = { "rec", "hist", "rhist", "idx" };
	double b[4], all, sum = 0, n;
	MDB_envinfo info;
	MDB_stat st;
	size_t nrec;
	int i;

	db_shape(env, "rec", &nrec, NULL, NULL);
	n = nrec ? (double)nrec : 1;
	for (i = 0; i < 4; i++)
		sum += b[i] = db_bytes(env, names[i]);
	mdb_env_info(env, &info);
	mdb_env_stat(env, &st);
	all = (double)(info.me_last_pgno + 1) * st.ms_psize;
	printf("%.0f %.0f %.0f %.0f %.0f\n", b[0] / n, b[1] / n, b[2] / n,
	    b[3] / n, (all - sum) / n);
	mdb_env_close(env);
	return 0;
}

static int
cmd_oneput(const char *dir, const char *key)
{
	MDB_env *env = env_open(dir, 0, 0);
	MDB_txn *txn;
	MDB_dbi dbi;
	char val[300];
	MDB_val k = { strlen(key), (void *)key }, v = { sizeof val, val };
	int rc;

	memset(val, 'v', sizeof val);
	if ((rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0)
		die("mdb_txn_begin", rc);
	if ((rc = mdb_dbi_open(txn, "rec", 0, &dbi)) != 0)
		die("opening database rec", rc);
	if ((rc = mdb_put(txn, dbi, &k, &v, 0)) != 0)
		die("mdb_put", rc);
	if ((rc = mdb_txn_commit(txn)) != 0)
		die("mdb_txn_commit", rc);
	mdb_env_close(env);
	return 0;
}

static int
cmd_oneget(const char *dir, const char *key)
{
	MDB_env *env = env_open(dir, 1, 0);
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_val k = { strlen(key), (void *)key }, v;
	int rc;

	if ((rc = mdb_txn_begin(env, NULL, MDB_RDONLY, &txn)) != 0)
		die("mdb_txn_begin", rc);
	if ((rc = mdb_dbi_open(txn, "rec", 0, &dbi)) != 0)
		die("opening database rec", rc);
	rc = mdb_get(txn, dbi, &k, &v);
	if (rc == 0) {
		fwrite(v.mv_data, 1, v.mv_size, stdout);
		putchar('\n');
	}
	mdb_txn_abort(txn);
	mdb_env_close(env);
	return rc == 0 ? 0 : 3;
}

static char **
read_keys(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	char line[512], **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (f == NULL) {
		perror(path);
		exit(1);
	}
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, " \t\n")] = '\0';
		if (line[0] == '\0')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			if ((v = realloc(v, cap * sizeof *v)) == NULL) {
				perror("realloc");
				exit(1);
			}
		}
		if ((v[(*n)++] = strdup(line)) == NULL) {
			perror("strdup");
			exit(1);
		}
	}
	fclose(f);
	if (*n == 0) {
		fprintf(stderr, "raw_lmdb: no keys in %s\n", path);
		exit(1);
	}
	return v;
}

static int
cmd_gets(const char *dir, const char *keyfile, unsigned long count)
{
	MDB_env *env = env_open(dir, 1, 0);
	MDB_dbi dbi = dbi_open(env, 0);
	MDB_txn *txn;
	MDB_val k, v;
	size_t nkeys, i, found = 0;
	char **keys = read_keys(keyfile, &nkeys), copy[4096];
	double t0, one, each;
	int rc;

	/* one long read transaction: the bare cost of a random get */
	if ((rc = mdb_txn_begin(env, NULL, MDB_RDONLY, &txn)) != 0)
		die("mdb_txn_begin", rc);
	for (i = 0; i < nkeys; i++) {   /* warm up */
		k.mv_size = strlen(keys[i]);
		k.mv_data = keys[i];
		found += mdb_get(txn, dbi, &k, &v) == 0;
	}
	t0 = now_s();
	for (i = 0; i < count; i++) {
		k.mv_size = strlen(keys[i % nkeys]);
		k.mv_data = keys[i % nkeys];
		found += mdb_get(txn, dbi, &k, &v) == 0;
	}
	one = (now_s() - t0) / (double)count;
	mdb_txn_abort(txn);
	/* what a lookup function must do at least: its own read txn */
	t0 = now_s();
	for (i = 0; i < count; i++) {
		if ((rc = mdb_txn_begin(env, NULL, MDB_RDONLY, &txn)) != 0)
			die("mdb_txn_begin", rc);
		k.mv_size = strlen(keys[i % nkeys]);
		k.mv_data = keys[i % nkeys];
		if (mdb_get(txn, dbi, &k, &v) == 0) {
			memcpy(copy, v.mv_data, v.mv_size < sizeof copy ?
			       v.mv_size : sizeof copy);
			found++;
		}
		mdb_txn_abort(txn);
	}
	each = (now_s() - t0) / (double)count;
	/* the third figure is the number of keys not found */
	printf("%.0f %.0f %zu\n", one * 1e9, each * 1e9,
	       nkeys + 2 * (size_t)count - found);
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	mdb_env_close(env);
	return 0;
}

/* One child of cmd_commits: PER durable single-put commits. */
static int
committer(const char *dir, unsigned id, unsigned long per, int ready,
	  int go)
{
	MDB_env *env = env_open(dir, 0, 0);
	MDB_dbi dbi = dbi_open(env, 1);
	MDB_txn *txn;
	MDB_val k, v;
	char key[64], val[300], c = 0;
	unsigned long i;
	int rc;

	memset(val, 'x', sizeof val);
	if (write(ready, "r", 1) != 1 || read(go, &c, 1) < 0)
		return 1;
	for (i = 0; i < per; i++) {
		if ((rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0)
			die("mdb_txn_begin", rc);
		k.mv_size = (size_t)snprintf(key, sizeof key, "P%u-%d-%06lu",
					     id, (int)getpid(), i);
		k.mv_data = key;
		v.mv_size = sizeof val;
		v.mv_data = val;
		if ((rc = mdb_put(txn, dbi, &k, &v, 0)) != 0)
			die("mdb_put", rc);
		if ((rc = mdb_txn_commit(txn)) != 0)
			die("mdb_txn_commit", rc);
	}
	mdb_env_close(env);
	return 0;
}

static int
cmd_commits(const char *dir, unsigned nproc, unsigned long per)
{
	int ready[2], go[2], status, bad = 0;
	unsigned i;
	char c;
	double t0;

	if (pipe(ready) != 0 || pipe(go) != 0) {
		perror("pipe");
		return 1;
	}
	for (i = 0; i < nproc; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			close(ready[0]);
			close(go[1]);
			_exit(committer(dir, i, per, ready[1], go[0]));
		}
	}
	close(ready[1]);
	close(go[0]);
	for (i = 0; i < nproc; i++)
		if (read(ready[0], &c, 1) != 1)
			bad = 1;
	t0 = now_s();
	close(go[1]);   /* every child's read returns: go */
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			bad = 1;
	printf("%lu %.3f\n", (unsigned long)nproc * per, now_s() - t0);
	return bad;
}

static int
usage(void)
{
	fprintf(stderr, "usage: raw_lmdb version | load DIR FILE | "
		"loadsame DIR FILE TXN [NIDX HBYTES] | shape DIR | bytes DIR | "
		"oneget DIR KEY | oneput DIR KEY | gets DIR KEYFILE COUNT | "
		"commits DIR NPROC PER\n");
	return 2;
}

int
main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "version") == 0) {
		int maj, min, pat;

		mdb_version(&maj, &min, &pat);
		printf("%d.%d.%d\n", maj, min, pat);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "load") == 0)
		return cmd_load(argv[2], argv[3]);
	if (argc == 5 && strcmp(argv[1], "loadsame") == 0)
		return cmd_loadsame(argv[2], argv[3],
				    strtoul(argv[4], NULL, 10), 0, 0);
	if (argc == 7 && strcmp(argv[1], "loadsame") == 0)
		return cmd_loadsame(argv[2], argv[3],
				    strtoul(argv[4], NULL, 10),
				    (unsigned)strtoul(argv[5], NULL, 10),
				    strtoul(argv[6], NULL, 10));
	if (argc == 3 && strcmp(argv[1], "shape") == 0)
		return cmd_shape(argv[2]);
	if (argc == 3 && strcmp(argv[1], "bytes") == 0)
		return cmd_bytes(argv[2]);
	if (argc == 4 && strcmp(argv[1], "oneput") == 0)
		return cmd_oneput(argv[2], argv[3]);
	if (argc == 4 && strcmp(argv[1], "oneget") == 0)
		return cmd_oneget(argv[2], argv[3]);
	if (argc == 5 && strcmp(argv[1], "gets") == 0)
		return cmd_gets(argv[2], argv[3], strtoul(argv[4], NULL, 10));
	if (argc == 5 && strcmp(argv[1], "commits") == 0)
		return cmd_commits(argv[2], (unsigned)strtoul(argv[3], NULL,
			10), strtoul(argv[4], NULL, 10));
	return usage();
}
