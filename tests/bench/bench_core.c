/*
 * bench_core.c - in-process figures of the benchmark, linked with
 * libaftersales.a and using only the public headers of core/ and config/.
 *
 *   bench_core open CONFIG DB RUNS
 *           median microseconds of cfg_load + cfg_free of CONFIG, and of
 *           core_open + core_close (read-only): where a status process's
 *           start-up goes; prints "cfg_us open_us"
 *   bench_core get CONFIG DB KEYFILE COUNT
 *           COUNT core_get of the numbers in the first column of KEYFILE
 *           (cycling), then core_find of each kind of key (columns 1-3:
 *           number, phone, serial); prints the mean microseconds
 *           "get find_number find_phone find_serial" and the misses
 *   bench_core apply CONFIG DB NPROC PER PREFIX START
 *           NPROC processes at once, each taking transition "accept" (as
 *           user branch_manager) on its own PER records PREFIX%06u from
 *           START + i * PER on, one durable transaction each; prints
 *           "transitions seconds failures"
 *   bench_core kpi CONFIG DB YYYY-MM RUNS
 *           the KPI figures of the month (core_kpi_month, R2 §3.2.1) and
 *           of the 12 months up to it (the workstation's board), RUNS
 *           times each; prints the median microseconds "month board" and
 *           the month's clocks that fell due (timeliness denominator)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../core/core.h"

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static struct core *
open_core(const char *config, const char *db, const char *user,
	  int readonly)
{
	struct core_opts o = {0};
	struct as_err err = {0};
	struct core *c;
	int rc;

	o.db = db;
	o.config = config;
	o.user = user;
	o.readonly = readonly;
	if ((rc = core_open(&o, &c, NULL, &err)) != 0) {
		fprintf(stderr, "bench_core: core_open %s: %s\n", db,
			err.msg[0] ? err.msg : as_strerror(rc));
		exit(1);
	}
	return c;
}

static int
cmd_open(const char *config, const char *db, unsigned runs)
{
	double *cfg_t = xcalloc(runs, sizeof *cfg_t);
	double *open_t = xcalloc(runs, sizeof *open_t);
	struct as_err err = {0};
	struct cfg *cfg;
	struct core *c;
	unsigned i;
	double t0;

	for (i = 0; i < runs; i++) {
		t0 = now_us();
		if (cfg_load(config, core_guard_names(), &cfg, NULL,
			     &err) != 0) {
			fprintf(stderr, "bench_core: %s\n", err.msg);
			return 1;
		}
		cfg_free(&cfg);
		cfg_t[i] = now_us() - t0;
	}
	for (i = 0; i < runs; i++) {
		t0 = now_us();
		c = open_core(config, db, "admin", 1);
		core_close(&c);
		open_t[i] = now_us() - t0;
	}
	printf("%.1f %.1f\n", median(cfg_t, runs), median(open_t, runs));
	free(cfg_t);
	free(open_t);
	return 0;
}

/* The three words of each line of path: number, phone, serial. */
static char **
read_keys(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	char line[512], *w, *save, **v = NULL;
	size_t cap = 0;
	int k;

	*n = 0;
	if (f == NULL) {
		perror(path);
		exit(1);
	}
	while (fgets(line, sizeof line, f) != NULL) {
		if (*n + 3 > cap) {
			cap = cap ? cap * 2 : 3 * 256;
			v = xrealloc(v, cap * sizeof *v);
		}
		w = strtok_r(line, " \t\n", &save);
		for (k = 0; k < 3; k++) {
			v[*n + (size_t)k] = xstrdup(w ? w : "");
			w = w ? strtok_r(NULL, " \t\n", &save) : NULL;
		}
		*n += 3;
	}
	fclose(f);
	*n /= 3;
	if (*n == 0) {
		fprintf(stderr, "bench_core: no keys in %s\n", path);
		exit(1);
	}
	return v;
}

static int
count_visit(const struct store_rec *r, void *ctx)
{
	(void)r;
	++*(size_t *)ctx;
	return 0;
}

static int
cmd_get(const char *config, const char *db, const char *keyfile,
	unsigned long count)
{
	struct core *c = open_core(config, db, "admin", 1);
	struct store_rec *r;
	struct as_err err = {0};
	size_t nkeys, i, miss = 0, hits;
	char **keys = read_keys(keyfile, &nkeys);
	double t0, get_us, find_us[3];
	int col;

	for (i = 0; i < nkeys; i++) {   /* warm up */
		if (core_get(c, keys[3 * i], &r, &err) == 0)
			store_rec_free(&r);
	}
	t0 = now_us();
	for (i = 0; i < count; i++) {
		if (core_get(c, keys[3 * (i % nkeys)], &r, &err) != 0) {
			miss++;
			continue;
		}
		store_rec_free(&r);
	}
	get_us = (now_us() - t0) / (double)count;
	for (col = 0; col < 3; col++) {
		t0 = now_us();
		for (i = 0; i < nkeys; i++) {
			hits = 0;
			if (core_find(c, keys[3 * i + (size_t)col], 50,
				      count_visit, &hits, &err) != 0 ||
			    hits == 0)
				miss++;
		}
		find_us[col] = (now_us() - t0) / (double)nkeys;
	}
	printf("%.3f %.1f %.1f %.1f %zu\n", get_us, find_us[0], find_us[1],
	       find_us[2], miss);
	for (i = 0; i < 3 * nkeys; i++)
		free(keys[i]);
	free(keys);
	core_close(&c);
	return 0;
}

/* One child of cmd_apply: PER transitions on its own records. */
static int
applier(const char *config, const char *db, unsigned long per,
	const char *prefix, unsigned long first, int ready, int go)
{
	static const struct core_kv in[] = {
		{ "category", "quality" },
		{ "owner", "zhangwei" },
	};
	struct core *c = open_core(config, db, "branch_manager", 0);
	struct as_err err = {0};
	unsigned long i, bad = 0;
	char id[64], ch = 0;

	if (write(ready, "r", 1) != 1 || read(go, &ch, 1) < 0)
		return 1;
	for (i = 0; i < per; i++) {
		snprintf(id, sizeof id, "%s%06lu", prefix, first + i);
		if (wf_apply(c, id, 0, "accept", in, 2, NULL, &err) != 0) {
			if (bad++ == 0)
				fprintf(stderr, "bench_core: %s accept: %s\n",
					id, err.msg);
		}
	}
	core_close(&c);
	return bad > 255 ? 255 : (int)bad;
}

static int
cmd_apply(const char *config, const char *db, unsigned nproc,
	  unsigned long per, const char *prefix, unsigned long start)
{
	int ready[2], go[2], status;
	unsigned i, fails = 0;
	double t0;
	char ch;

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
			_exit(applier(config, db, per, prefix,
				      start + i * per, ready[1], go[0]));
		}
	}
	close(ready[1]);
	close(go[0]);
	for (i = 0; i < nproc; i++)
		if (read(ready[0], &ch, 1) != 1)
			fails++;
	t0 = now_us();
	close(go[1]);   /* every child's read returns: go */
	while (wait(&status) > 0)
		fails += WIFEXITED(status) ? (unsigned)WEXITSTATUS(status)
					   : (unsigned)per;
	printf("%lu %.3f %u\n", (unsigned long)nproc * per,
	       (now_us() - t0) / 1e6, fails);
	return 0;
}

static int
cmd_kpi(const char *config, const char *db, const char *month, unsigned runs)
{
	struct core *c = open_core(config, db, NULL, 1);
	struct as_err err = {0};
	struct core_kpi k;
	double *a, *b, t0;
	unsigned long long den = 0;
	int y, m, yy, mm, i;
	unsigned r;

	if (c == NULL || runs == 0 || core_kpi_parse_month(month, &y, &m) != 0)
		return 1;
	a = calloc(runs, sizeof *a);
	b = calloc(runs, sizeof *b);
	for (r = 0; r < runs; r++) {
		t0 = now_us();
		if (core_kpi_month(c, y, m, NULL, &k, &err) != 0) {
			fprintf(stderr, "kpi: %s\n", err.msg);
			return 1;
		}
		a[r] = now_us() - t0;
		if (k.n > 0)
			den = (unsigned long long)k.v[0].den;
		core_kpi_free(&k);
		t0 = now_us();
		for (i = 0, yy = y, mm = m; i < 12; i++) {
			if (core_kpi_month(c, yy, mm, NULL, &k, &err) != 0)
				return 1;
			core_kpi_free(&k);
			if (--mm == 0) {
				mm = 12;
				yy--;
			}
		}
		b[r] = now_us() - t0;
	}
	printf("%.1f %.1f %llu\n", median(a, runs), median(b, runs), den);
	free(a);
	free(b);
	core_close(&c);
	return 0;
}

static int
usage(void)
{
	fprintf(stderr, "usage: bench_core open CONFIG DB RUNS | get CONFIG "
		"DB KEYFILE COUNT | apply CONFIG DB NPROC PER PREFIX START | "
		"kpi CONFIG DB YYYY-MM RUNS\n");
	return 2;
}

int
main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "open") == 0)
		return cmd_open(argv[2], argv[3],
				(unsigned)strtoul(argv[4], NULL, 10));
	if (argc == 6 && strcmp(argv[1], "get") == 0)
		return cmd_get(argv[2], argv[3], argv[4],
			       strtoul(argv[5], NULL, 10));
	if (argc == 8 && strcmp(argv[1], "apply") == 0)
		return cmd_apply(argv[2], argv[3],
				 (unsigned)strtoul(argv[4], NULL, 10),
				 strtoul(argv[5], NULL, 10), argv[6],
				 strtoul(argv[7], NULL, 10));
	if (argc == 6 && strcmp(argv[1], "kpi") == 0)
		return cmd_kpi(argv[2], argv[3], argv[4],
			       (unsigned)strtoul(argv[5], NULL, 10));
	return usage();
}
