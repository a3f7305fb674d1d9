/*
 * pty.h - what the pty timers of `make bench` share (ptyscan.c,
 * ptystart.c): the clock, the order of times, and a program started on
 * the slave side of a new pseudo-terminal as a login shell starts it.
 * Each timer is one file built on its own, so these are static.
 */
#ifndef AS_BENCH_PTY_H
#define AS_BENCH_PTY_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * argv on a new pty of ws, its own session with the pty as its terminal;
 * the master side in *mfd.  The pid, or -1 (said on stderr).  *t0, when
 * not NULL, is the time just before the fork.
 */
static pid_t
pty_spawn(char **argv, const struct winsize *ws, int *mfd, double *t0)
{
	char *slave;
	pid_t pid;
	int sfd;

	if ((*mfd = posix_openpt(O_RDWR | O_NOCTTY)) < 0 ||
	    grantpt(*mfd) != 0 || unlockpt(*mfd) != 0 ||
	    (slave = ptsname(*mfd)) == NULL) {
		perror("pty");
		return -1;
	}
	if (t0 != NULL)
		*t0 = now_ms();
	if ((pid = fork()) < 0) {
		perror("fork");
		close(*mfd);
		return -1;
	}
	if (pid == 0) {
		setsid();
		if ((sfd = open(slave, O_RDWR)) < 0)
			_exit(127);
		ioctl(sfd, TIOCSCTTY, 0);
		ioctl(sfd, TIOCSWINSZ, ws);
		dup2(sfd, 0);
		dup2(sfd, 1);
		dup2(sfd, 2);
		if (sfd > 2)
			close(sfd);
		close(*mfd);
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

#endif
