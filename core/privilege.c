/*
 * privilege.c - what a privileged aftersales may trust.  Installed, the
 * binary is setgid to the service group that owns the database, so its
 * caller must not pick the rules, the user or the time: such a process
 * loads only configuration that is root's alone (CFG_ROOT_ONLY), acts only
 * as the login, and takes the time from the system clock (core.c).  A
 * command that reads a file the caller names for its own sake
 * (check-config) first gives the privilege up for good.
 */
#include "core_int.h"

#include <errno.h>
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
