/*
 * privilege.c - what a privileged aftersales may trust.  Installed, the
 * binary is setgid to the service group that owns the database, so its
 * caller must not pick the rules, the user or the time: such a process
 * loads only configuration that is root's alone (CFG_ROOT_ONLY), acts only
 * as the login, and takes the time from the system clock (core.c).  A
 * command that reads a file the caller names for its own sake
 * (check-config) first gives the privilege up for good; one that reads
 * such a file and then works on the database (import) opens it with the
 * caller's rights.  The database folder the caller names must be the
 * service's: a folder of the caller's own could hold a crafted file.
 */
#include "core_int.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
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
		return as_err_set(err, -errno, AS_TR("不能放弃服务组的权限：%s",
		    "cannot give up the privileges of the service group: %s"),
		    strerror(errno));
	if (core_privileged())
		return as_err_set(err, AS_E_PERM, AS_TR("不能放弃服务组的权限",
		    "cannot give up the privileges of the service group"));
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

int
core_db_trusted(const struct core *c, const char *db, char **real,
		struct as_err *err)
{
	char why[PATH_MAX + 128];
	struct stat st;
	int e, bad = 1;

	*real = realpath(db, NULL);
	if (*real == NULL || stat(*real, &st) != 0) {
		e = errno;
		free(*real);
		*real = NULL;
		return as_err_set(err, -e, TR(c,
		    "无法打开数据库目录 %s：%s",
		    "cannot open the database folder %s: %s"), db,
		    strerror(e));
	}
	if (st.st_uid != 0)
		snprintf(why, sizeof why, TR(c, "它属于 uid %ld，不属于 root",
		    "it belongs to uid %ld, not to root"), (long)st.st_uid);
	else if (getegid() != getgid() && st.st_gid != getegid())
		snprintf(why, sizeof why, TR(c, "它的组是 gid %ld，不是服务组"
		    "（gid %ld）", "its group is gid %ld, not the service group "
		    "(gid %ld)"), (long)st.st_gid, (long)getegid());
	else if ((st.st_mode & S_IWOTH) != 0)
		snprintf(why, sizeof why, TR(c, "其他人可以写它（权限 %04o）",
		    "it is writable by others (mode %04o)"),
		    (unsigned)(st.st_mode & 07777));
	else
		bad = as_root_folders(*real, why, sizeof why);
	if (!bad)
		return 0;
	free(*real);
	*real = NULL;
	return as_err_set(err, AS_E_PERM, TR(c,
	    "不接受数据库目录 %s：以特权（setuid/setgid）运行的 aftersales "
	    "只打开属于 root 和服务组、且上级目录只有 root 能修改的数据库目录"
	    "（%s）",
	    "database folder %s is refused: a privileged (setuid or setgid) "
	    "aftersales opens only a folder of root and its service group, "
	    "in folders only root can change, and %s"), db, why);
}
