/*
 * privilege.c - what a privileged aftersales may trust.  Installed, the
 * binary is setgid to the service group that owns the database, so its
 * caller must not pick the rules, the user or the time: such a process
 * loads only configuration that is root's alone (CFG_ROOT_ONLY), acts only
 * as the login, and takes the time from the system clock (core.c).  A
 * command that reads a file the caller names for its own sake
 * (check-config) first gives the privilege up for good; one that reads
 * such a file and then works on the database (import) opens it with the
 * caller's rights.
 */
#include "core_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
core_privileged(void)
{
	return getegid() != getgid() || geteuid() != getuid();
}

int
core_drop_privilege(struct as_err *err)
{
	gid_t g = getgid();
	uid_t u = getuid();

	if (setresgid(g, g, g) != 0 || setresuid(u, u, u) != 0)
		return as_err_set(err, -errno, "cannot give up the privileges "
		    "of the service group: %s", strerror(errno));
	if (core_privileged())
		return as_err_set(err, AS_E_PERM, "cannot give up the "
		    "privileges of the service group");
	return 0;
}

FILE *
core_fopen_as_caller(const char *path)
{
	gid_t eg = getegid();
	uid_t eu = geteuid();
	FILE *f;
	int e;

	if (!core_privileged())
		return fopen(path, "rb");
	if (setegid(getgid()) != 0 || seteuid(getuid()) != 0) {
		e = errno;
		if (seteuid(eu) != 0 || setegid(eg) != 0)
			abort();
		errno = e;
		return NULL;
	}
	f = fopen(path, "rb");
	e = errno;
	if (seteuid(eu) != 0 || setegid(eg) != 0)
		abort();	/* cannot be: the saved ids hold them */
	errno = e;
	return f;
}
