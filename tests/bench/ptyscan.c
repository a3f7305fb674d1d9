/*
 * ptyscan.c - time a full-screen program through a pseudo-terminal, as a
 * user (or a barcode scanner) at a terminal sees it: the store counter's
 * "scan to its line on the screen" figure of `make bench` (issue 13).
 *
 * usage: ptyscan [-c COLS] [-r ROWS] SCRIPT -- COMMAND ARG...
 *
 * COMMAND runs on the slave side of a new pty of COLS x ROWS (80 x 24),
 * TERM=xterm unless set.  SCRIPT has one step a line, three fields
 * separated by TABs:
 *
 *   s<TAB>SEND<TAB>EXPECT     send SEND, wait until the output since the
 *                             send holds EXPECT; not timed (set-up)
 *   t<TAB>SEND<TAB>EXPECT     the same, timed: from the write of SEND to
 *                             the read that completes EXPECT
 *
 * SEND may hold \r, \n, \t and \\ (and be empty: only wait).  EXPECT is
 * bytes as the program writes them (UTF-8: a Chinese name is a good
 * marker: it appears only when its row is drawn).  Each wait gives up
 * after 10 s: the step fails and the run ends.  Prints one line of
 * NAME=VALUE pairs for the shell:
 *
 *   steps=1000 fail=0 med_ms=0.812 p90_ms=1.020 max_ms=3.100 mean_ms=0.9
 *
 * The program is then sent SIGTERM.  Output is read as it comes (a scanner
 * does not wait for the screen either); each step waits for its own
 * marker only.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "pty.h"

#define WAIT_MS 10000

/* \r \n \t \\ in s, in place. */
static size_t
unescape(char *s)
{
	char *r = s, *w = s;

	while (*r != '\0') {
		if (*r == '\\' && r[1] != '\0') {
			r++;
			*w++ = *r == 'r' ? '\r' : *r == 'n' ? '\n' :
			       *r == 't' ? '\t' : *r;
			r++;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* The window of output since the last send: only its tail matters
 * (at least four reads' worth). */
static char win[1 << 15];
static size_t nwin;

/* Read what is there (waiting at most ms); 0 ok, -1 end of output. */
static int
pump(int fd, int ms)
{
	struct pollfd p = { fd, POLLIN, 0 };
	char buf[8192];
	ssize_t n;

	if (poll(&p, 1, ms) <= 0)
		return 0;
	n = read(fd, buf, sizeof buf);
	if (n <= 0)
		return n < 0 && errno == EINTR ? 0 : -1;
	if (nwin + (size_t)n > sizeof win) {
		size_t keep = sizeof win - (size_t)n;

		memmove(win, win + nwin - keep, keep);
		nwin = keep;
	}
	memcpy(win + nwin, buf, (size_t)n);
	nwin += (size_t)n;
	return 0;
}

/* Wait until the output since the send holds expect; the ms it took. */
static double
await(int fd, const char *expect, size_t elen, double t0)
{
	double t;

	for (;;) {
		if (elen == 0 || (nwin >= elen && memmem(win, nwin, expect,
		    elen) != NULL))
			return now_ms() - t0;
		t = now_ms();
		if (t - t0 > WAIT_MS)
			return -1;
		if (pump(fd, (int)(WAIT_MS - (t - t0)) + 1) < 0)
			return -1;
	}
}

int
main(int argc, char **argv)
{
	struct winsize ws = { 24, 80, 0, 0 };
	char line[4096], *send, *expect, *tab;
	double *times = NULL, t0, ms, sum = 0;
	size_t ntimes = 0, cap = 0, slen, elen;
	int ch, mfd, fail = 0, status;
	FILE *script;
	pid_t pid;

	while ((ch = getopt(argc, argv, "+c:r:")) != -1) {
		switch (ch) {
		case 'c': ws.ws_col = (unsigned short)atoi(optarg); break;
		case 'r': ws.ws_row = (unsigned short)atoi(optarg); break;
		default: goto usage;
		}
	}
	if (argc - optind < 3 || strcmp(argv[optind + 1], "--") != 0)
		goto usage;
	if ((script = fopen(argv[optind], "r")) == NULL) {
		perror(argv[optind]);
		return 1;
	}
	setenv("TERM", getenv("TERM") != NULL && *getenv("TERM") ?
	       getenv("TERM") : "xterm", 1);
	if ((pid = pty_spawn(argv + optind + 2, &ws, &mfd, NULL)) < 0)
		return 1;
	while (fgets(line, sizeof line, script) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if ((line[0] != 's' && line[0] != 't') || line[1] != '\t')
			continue;
		send = line + 2;
		if ((tab = strchr(send, '\t')) == NULL)
			continue;
		*tab = '\0';
		expect = tab + 1;
		slen = unescape(send);
		elen = unescape(expect);
		for (;;) {      /* drop what came before the send */
			struct pollfd p = { mfd, POLLIN, 0 };

			if (poll(&p, 1, 0) <= 0 || pump(mfd, 0) < 0)
				break;
		}
		nwin = 0;
		t0 = now_ms();
		if (slen > 0 && write(mfd, send, slen) != (ssize_t)slen) {
			fail++;
			break;
		}
		ms = await(mfd, expect, elen, t0);
		if (ms < 0) {
			fprintf(stderr, "ptyscan: no \"%s\" within %d s\n",
				expect, WAIT_MS / 1000);
			fail++;
			break;
		}
		if (line[0] == 't') {
			if (ntimes == cap) {
				cap = cap ? 2 * cap : 1024;
				times = realloc(times, cap * sizeof *times);
				if (times == NULL)
					return 1;
			}
			times[ntimes++] = ms;
			sum += ms;
		}
	}
	fclose(script);
	kill(pid, SIGTERM);
	close(mfd);
	waitpid(pid, &status, 0);
	if (ntimes > 0)
		qsort(times, ntimes, sizeof *times, cmp_double);
	printf("steps=%zu fail=%d med_ms=%.3f p90_ms=%.3f max_ms=%.3f "
	       "mean_ms=%.3f\n", ntimes, fail,
	       ntimes ? times[(ntimes - 1) / 2] : 0,
	       ntimes ? times[(ntimes * 9) / 10 < ntimes ? (ntimes * 9) / 10
			      : ntimes - 1] : 0,
	       ntimes ? times[ntimes - 1] : 0, ntimes ? sum / ntimes : 0);
	free(times);
	return fail ? 1 : 0;
usage:
	fprintf(stderr, "usage: ptyscan [-c COLS] [-r ROWS] SCRIPT -- "
		"COMMAND ARG...\n");
	return 2;
}
