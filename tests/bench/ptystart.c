/*
 * ptystart.c - the workstation's "start to the first full screen" figure
 * of `make bench` (issue 13), taken as a shell starts a program: a small
 * process forks, the child makes a new pty of 80x24 its terminal and
 * execs the program.  The time runs from just before the fork to the last
 * byte of output before the program has been quiet for QUIET ms (the quiet
 * wait itself is not counted), as tests/bench/pty_ws.py takes it; that
 * script forks a Python interpreter first, whose own copy-on-write faults
 * of its 10 MB, before the exec, were most of what it measured of a bare
 * curses program on a machine with slow page faults.
 *
 * usage: ptystart RUNS QUIET_MS -- COMMAND ARG... [-- FLOOR ARG...]
 *
 * With FLOOR, each run of COMMAND is followed by one of FLOOR
 * (tests/bench/curses_floor: a bare curses screen), so that both see the
 * same load.  A run whose first screen is under MIN_BYTES bytes (a
 * failed start) is not counted.  Each program is then sent F10 and q, and
 * SIGTERM if it is still there.  TERM=xterm-256color, LC_ALL=C.UTF-8,
 * as pty_ws.py sets them.  Prints NAME=VALUE lines (medians, ms):
 *
 *   start_c_ms=7.123 start_c_p90=8.001 start_c_n=20
 *   floor_c_ms=5.012 floor_c_p90=5.500 floor_c_n=20
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "pty.h"

#define MIN_BYTES 500
#define FIRST_MS 10000          /* the most the first byte may take */

/* Read everything the program writes until it is quiet for ms. */
static size_t
drain(int fd, int quiet_ms, int first_ms, double *last)
{
	struct pollfd p = { fd, POLLIN, 0 };
	char buf[65536];
	size_t got = 0;
	ssize_t n;
	int r;

	*last = 0;
	for (;;) {
		r = poll(&p, 1, got > 0 ? quiet_ms : first_ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;          /* EIO: the program is gone */
		got += (size_t)n;
		*last = now_ms();
	}
	return got;
}

/* One start of argv: the ms to its first screen's last byte, or -1. */
static double
one(char **argv, int quiet_ms)
{
	struct winsize ws = { 24, 80, 0, 0 };
	double t0, last, after;
	int mfd, status, i;
	size_t got;
	pid_t pid;

	if ((pid = pty_spawn(argv, &ws, &mfd, &t0)) < 0)
		exit(1);
	got = drain(mfd, quiet_ms, FIRST_MS, &last);
	/* F10 ends the workstation, q the floor */
	if (write(mfd, "\033[21~", 5) == 5 && write(mfd, "q", 1) == 1)
		(void)drain(mfd, 300, 300, &after);
	for (i = 0; i < 100 && waitpid(pid, &status, WNOHANG) == 0; i++) {
		if (i == 50)
			kill(pid, SIGTERM);
		(void)drain(mfd, 10, 10, &after);
	}
	if (i == 100) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	close(mfd);
	return got >= MIN_BYTES && last > 0 ? last - t0 : -1;
}

static void
report(const char *name, double *t, size_t n)
{
	qsort(t, n, sizeof *t, cmp_double);
	printf("%s_ms=%.3f\n%s_p90=%.3f\n%s_n=%zu\n", name,
	       n ? t[(n - 1) / 2] : -1.0, name,
	       n ? t[(n * 9) / 10 < n ? (n * 9) / 10 : n - 1] : -1.0,
	       name, n);
}

int
main(int argc, char **argv)
{
	char **prog, **floor = NULL;
	double *ts, *tf, ms;
	size_t ns = 0, nf = 0;
	int runs, quiet, i;

	if (argc < 5 || strcmp(argv[3], "--") != 0 ||
	    (runs = atoi(argv[1])) <= 0 || (quiet = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: ptystart RUNS QUIET_MS -- COMMAND "
			"ARG... [-- FLOOR ARG...]\n");
		return 2;
	}
	prog = argv + 4;
	for (i = 4; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			argv[i] = NULL;
			floor = argv + i + 1;
			break;
		}
	if (floor != NULL && floor[0] == NULL)
		floor = NULL;
	setenv("TERM", "xterm-256color", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("AFTERSALES_USER");
	unsetenv("AFTERSALES_NOW");
	signal(SIGPIPE, SIG_IGN);
	ts = calloc((size_t)runs, sizeof *ts);
	tf = calloc((size_t)runs, sizeof *tf);
	if (ts == NULL || tf == NULL)
		return 1;
	for (i = 0; i < runs; i++) {
		if ((ms = one(prog, quiet)) >= 0)
			ts[ns++] = ms;
		if (floor != NULL && (ms = one(floor, quiet)) >= 0)
			tf[nf++] = ms;
	}
	report("start_c", ts, ns);
	if (floor != NULL)
		report("floor_c", tf, nf);
	free(ts);
	free(tf);
	return ns == 0 ? 1 : 0;
}
