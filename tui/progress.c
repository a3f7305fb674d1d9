/*
 * progress.c - the progress line of long commands (import, export, demo,
 * verify, reindex, backup), on standard error and only when it is a
 * terminal: one line rewritten in place,
 *   导入 12,345 / 100,000 条  8,120 条/秒  还需 11 秒
 *   import 12,345 / 100,000 records  8,120 records/s  11 s left
 * drawn at the first report of each phase, then at most five times a
 * second and at its last unit, and erased when the work ends
 * (cli_progress_end) or something else is printed (cli_progress_clear),
 * so the command's own output stands alone.  core/ and store/ never print:
 * they report through as_progress (config/as_base.h), which calls
 * progress_show here.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static struct {
	const char *what;        /* the phase shown */
	double start;            /* when it began */
	double last;             /* when the line was last drawn */
	int drawn;               /* the line is on the terminal */
} pr;

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* v with thousands separators, into buf. */
static const char *
grouped(uint64_t v, char *buf, size_t size)
{
	char raw[24];
	size_t n, i, o = 0;

	n = (size_t)snprintf(raw, sizeof raw, "%llu", (unsigned long long)v);
	for (i = 0; i < n && o + 2 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = raw[i];
	}
	buf[o] = '\0';
	return buf;
}

static void
progress_show(void *ctx, const char *what, int flags, uint64_t done,
	      uint64_t total)
{
	double t = now_s(), el, rate;
	char line[256], a[32], b[32], r[32];
	int bytes = flags & AS_PROG_BYTES;
	size_t n;

	(void)ctx;
	if (pr.what == NULL || strcmp(pr.what, what) != 0) {
		pr.what = what;
		pr.start = t;
	} else if (t - pr.last < 0.2 && !(total != 0 && done >= total))
		return;
	pr.last = t;
	el = t - pr.start;
	rate = el >= 0.2 ? (double)done / el : 0;
	if (bytes)
		n = (size_t)snprintf(line, sizeof line, "%s %.1f", what,
		    (double)done / 1048576.0);
	else
		n = (size_t)snprintf(line, sizeof line, "%s %s", what,
		    grouped(done, a, sizeof a));
	if (total != 0 && n < sizeof line) {
		if (bytes)
			n += (size_t)snprintf(line + n, sizeof line - n,
			    " / %.1f MiB", (double)total / 1048576.0);
		else
			n += (size_t)snprintf(line + n, sizeof line - n,
			    " / %s %s", grouped(total, b, sizeof b),
			    AS_TR("条", "records"));
	} else if (n < sizeof line)
		n += (size_t)snprintf(line + n, sizeof line - n, " %s",
		    bytes ? "MiB" : AS_TR("条", "records"));
	if (rate > 0 && n < sizeof line) {
		if (bytes)
			n += (size_t)snprintf(line + n, sizeof line - n,
			    "  %.1f MiB/s", rate / 1048576.0);
		else
			n += (size_t)snprintf(line + n, sizeof line - n,
			    AS_TR("  %s 条/秒", "  %s records/s"),
			    grouped((uint64_t)rate, r, sizeof r));
	}
	if (rate > 0 && total > done && n < sizeof line) {
		uint64_t left = (uint64_t)((double)(total - done) / rate + 0.5);

		if (left < 60)
			n += (size_t)snprintf(line + n, sizeof line - n,
			    AS_TR("  还需 %llu 秒", "  %llu s left"),
			    (unsigned long long)left);
		else
			n += (size_t)snprintf(line + n, sizeof line - n,
			    AS_TR("  还需 %llu 分 %02llu 秒",
			    "  %llu min %02llu s left"),
			    (unsigned long long)(left / 60),
			    (unsigned long long)(left % 60));
	}
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	pr.drawn = 1;
}

void
cli_progress_begin(void)
{
	memset(&pr, 0, sizeof pr);
	if (isatty(STDERR_FILENO))
		as_progress_set(progress_show, NULL);
}

void
cli_progress_clear(void)
{
	if (pr.drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		pr.drawn = 0;
	}
}

void
cli_progress_end(void)
{
	cli_progress_clear();
	as_progress_set(NULL, NULL);
	memset(&pr, 0, sizeof pr);
}
