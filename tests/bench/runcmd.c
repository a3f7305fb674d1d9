/*
 * runcmd.c - time whole processes for the benchmark: fork and exec a
 * command RUNS times, wall time from before fork() to the return of
 * wait4() on CLOCK_MONOTONIC, peak resident set size from wait4()'s
 * ru_maxrss.  Prints one line of NAME=VALUE pairs for the shell:
 *
 *   runs=200 fail=0 med_ms=1.234 p90_ms=1.500 min_ms=1.100 max_ms=2.000
 *   rss_med_kib=1800 rss_max_kib=1900
 *
 * usage: runcmd [-n RUNS] [-w WARMUP] [-k KEYFILE] [-c COLUMN] [-l]
 *               [-e ERRFILE] [-o OUTFILE] -- COMMAND ARG...
 *
 *   -k, -c   each run takes the next line of KEYFILE (cycling) and
 *            replaces "{}" in every ARG with its COLUMN-th word (1-based,
 *            default 1)
 *   -l       time to the first line: the command's standard output is a
 *            pipe; the time taken is until its first newline is read,
 *            then the pipe is closed as `| head -1` would (the command
 *            then dies of SIGPIPE, which is not a failure)
 *   -e       standard error of the runs goes to ERRFILE (default
 *            /dev/null); -o the same for standard output
 *
 * A run fails when the command exits non-zero (or, with -l, prints no
 * line).  Failed runs are counted and timed all the same.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct opts {
	unsigned runs, warmup;
	const char *keyfile;
	unsigned column;
	int first_line;
	const char *errfile, *outfile;
	char **argv;
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL) {
		perror("runcmd: realloc");
		exit(1);
	}
	return p;
}

/* Words of column col of each line of path. */
static char **
read_keys(const char *path, unsigned col, size_t *n)
{
	FILE *f = fopen(path, "r");
	char line[1024], **v = NULL, *w, *save;
	size_t cap = 0;
	unsigned i;

	*n = 0;
	if (f == NULL) {
		perror(path);
		exit(1);
	}
	while (fgets(line, sizeof line, f) != NULL) {
		w = strtok_r(line, " \t\n", &save);
		for (i = 1; w != NULL && i < col; i++)
			w = strtok_r(NULL, " \t\n", &save);
		if (w == NULL)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[(*n)++] = strdup(w);
	}
	fclose(f);
	if (*n == 0) {
		fprintf(stderr, "runcmd: no column %u in %s\n", col, path);
		exit(1);
	}
	return v;
}

/* arg with every "{}" replaced by key (a new string). */
static char *
subst(const char *arg, const char *key)
{
	size_t klen = strlen(key), n = 0;
	const char *p;
	char *out, *o;

	for (p = arg; (p = strstr(p, "{}")) != NULL; p += 2)
		n++;
	out = o = xrealloc(NULL, strlen(arg) + n * klen + 1);
	while ((p = strstr(arg, "{}")) != NULL) {
		memcpy(o, arg, (size_t)(p - arg));
		o += p - arg;
		memcpy(o, key, klen);
		o += klen;
		arg = p + 2;
	}
	strcpy(o, arg);
	return out;
}

static void
redirect(int fd, const char *path)
{
	int f = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);

	if (f < 0 || dup2(f, fd) < 0)
		_exit(126);
	close(f);
}

/*
 * One run of argv; *ms receives the time, *rss_kib the peak RSS.
 * Returns 0 if the run succeeded.
 */
static int
run_once(const struct opts *o, char **argv, double *ms, long *rss_kib)
{
	struct rusage ru;
	int pfd[2] = { -1, -1 }, status, got_line = 0;
	double t0, t_line = 0;
	pid_t pid;
	char buf[4096];
	ssize_t r;

	if (o->first_line && pipe(pfd) != 0) {
		perror("runcmd: pipe");
		exit(1);
	}
	t0 = now_ms();
	pid = fork();
	if (pid < 0) {
		perror("runcmd: fork");
		exit(1);
	}
	if (pid == 0) {
		if (o->first_line) {
			close(pfd[0]);
			if (dup2(pfd[1], 1) < 0)
				_exit(126);
			close(pfd[1]);
		} else {
			redirect(1, o->outfile ? o->outfile : "/dev/null");
		}
		redirect(2, o->errfile ? o->errfile : "/dev/null");
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (o->first_line) {
		close(pfd[1]);
		while (!got_line && (r = read(pfd[0], buf, sizeof buf)) != 0) {
			if (r < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			if (memchr(buf, '\n', (size_t)r) != NULL) {
				t_line = now_ms();
				got_line = 1;
			}
		}
		close(pfd[0]);
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("runcmd: wait4");
			exit(1);
		}
	*ms = (o->first_line && got_line ? t_line : now_ms()) - t0;
	*rss_kib = ru.ru_maxrss;
	if (o->first_line)
		return got_line ? 0 : 1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

static int
usage(void)
{
	fprintf(stderr, "usage: runcmd [-n RUNS] [-w WARMUP] [-k KEYFILE] "
		"[-c COLUMN] [-l] [-e ERRFILE] [-o OUTFILE] -- COMMAND "
		"ARG...\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct opts o = { .runs = 1, .column = 1 };
	char **keys = NULL, **av;
	size_t nkeys = 0, i, j, nargs;
	double *ms;
	long *rss;
	unsigned fails = 0, total, k;
	int ch;

	while ((ch = getopt(argc, argv, "n:w:k:c:le:o:")) != -1) {
		switch (ch) {
		case 'n': o.runs = (unsigned)strtoul(optarg, NULL, 10); break;
		case 'w': o.warmup = (unsigned)strtoul(optarg, NULL, 10); break;
		case 'k': o.keyfile = optarg; break;
		case 'c': o.column = (unsigned)strtoul(optarg, NULL, 10); break;
		case 'l': o.first_line = 1; break;
		case 'e': o.errfile = optarg; break;
		case 'o': o.outfile = optarg; break;
		default: return usage();
		}
	}
	if (optind >= argc || o.runs == 0 || o.column == 0)
		return usage();
	signal(SIGPIPE, SIG_IGN);
	o.argv = argv + optind;
	nargs = (size_t)(argc - optind);
	if (o.keyfile != NULL)
		keys = read_keys(o.keyfile, o.column, &nkeys);
	ms = xrealloc(NULL, o.runs * sizeof *ms);
	rss = xrealloc(NULL, o.runs * sizeof *rss);
	av = xrealloc(NULL, (nargs + 1) * sizeof *av);
	total = o.warmup + o.runs;
	for (k = 0; k < total; k++) {
		double t;
		long r;
		int bad;

		for (j = 0; j < nargs; j++)
			av[j] = keys ? subst(o.argv[j], keys[k % nkeys])
				     : o.argv[j];
		av[nargs] = NULL;
		bad = run_once(&o, av, &t, &r);
		if (keys)
			for (j = 0; j < nargs; j++)
				free(av[j]);
		if (k < o.warmup)
			continue;
		ms[k - o.warmup] = t;
		rss[k - o.warmup] = r;
		fails += (unsigned)bad;
	}
	qsort(ms, o.runs, sizeof *ms, cmp_double);
	qsort(rss, o.runs, sizeof *rss, cmp_long);
	i = (o.runs * 9 + 9) / 10 - 1;  /* nearest-rank 90th percentile */
	printf("runs=%u fail=%u med_ms=%.3f p90_ms=%.3f min_ms=%.3f "
	       "max_ms=%.3f rss_med_kib=%ld rss_max_kib=%ld\n", o.runs, fails,
	       o.runs % 2 ? ms[o.runs / 2]
			  : (ms[o.runs / 2 - 1] + ms[o.runs / 2]) / 2,
	       ms[i], ms[0], ms[o.runs - 1], rss[o.runs / 2],
	       rss[o.runs - 1]);
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	free(ms);
	free(rss);
	free(av);
	return 0;
}
