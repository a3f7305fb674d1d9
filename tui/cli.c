/*
 * cli.c - the command line of aftersales: global options, the commands
 * (check-config, new, status, show, do, edit, list, import, export, demo,
 * backup, verify, users), their output formats and exit codes.  With no
 * command on a terminal it opens the workstation.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define AS_VERSION "0.1.0"

/* Exit codes, one per kind of failure (see README). */
enum {
	EX_OK = 0,
	EX_FAIL = 1,      /* anything else: database, config, verify */
	EX_USAGE = 2,
	EX_NOTFOUND = 3,
	EX_PERM = 4,
	EX_CONFLICT = 5,
	EX_INVALID = 6,
};

int
cli_exit_code(int rc)
{
	switch (rc) {
	case 0: return EX_OK;
	case AS_E_USAGE: return EX_USAGE;
	case AS_E_NOTFOUND: return EX_NOTFOUND;
	case AS_E_PERM: case AS_E_IDENTITY: return EX_PERM;
	case AS_E_CONFLICT: return EX_CONFLICT;
	case AS_E_INVALID: case AS_E_GUARD: return EX_INVALID;
	default: return EX_FAIL;
	}
}

const char *
cli_escf(const char *s, int flags)
{
	static struct as_buf ring[8];
	static size_t next;
	struct as_buf *b = &ring[next++ % 8];

	b->len = 0;
	if (s == NULL)
		s = "";
	as_esc(b, s, strlen(s), flags);
	return b->data;
}

const char *
cli_esc(const char *s)
{
	return cli_escf(s, 0);
}

int
cli_fail(int rc, const struct as_err *err)
{
	fprintf(stderr, "aftersales: %s\n",
		cli_esc(err->msg[0] ? err->msg : as_strerror(rc)));
	return cli_exit_code(rc);
}

int
cli_usage(const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fprintf(stderr, AS_TR("aftersales: %s\n运行 aftersales --help 查看用法。\n",
		"aftersales: %s\nTry 'aftersales --help'.\n"), cli_esc(msg));
	free(msg);
	return EX_USAGE;
}

static const char usage_zh[] =
"用法: aftersales [选项] [命令 [参数]]\n"
"\n"
"不带命令、在终端上运行时打开工作台。\n"
"\n"
"命令:\n"
"  init [目录]                       新建一个空数据库\n"
"  new 类型 --set 字段=值 ... [--force]\n"
"                                    登记一条记录，输出其编号（--force: 已有\n"
"                                    warn_duplicate: 字段相同的未结记录时\n"
"                                    仍然登记）\n"
"  status 查询                       办到哪一步了？查询: 编号、电话、\n"
"                                    序列号或名称的开头\n"
"  show 编号                         全部字段和完整的历史记录\n"
"  print 编号                        打印用的表格（80 列）\n"
"  do 编号 操作 [--set 字段=值 ...] [--rev N]\n"
"  do 编号1,编号2,... 操作 [--set 字段=值 ...]\n"
"  do --batch 文件|- 操作 [--set 字段=值 ...]\n"
"                                    对多条记录（文件中的编号）执行同一\n"
"                                    操作，要么全部成功，要么全不执行\n"
"  edit 编号 --set 字段=值 ... [--rev N]\n"
"  list [类型] [--state 状态 | --open | --closed | --mine | --overdue]\n"
"       [--limit N] [--units]        只列本人单位的记录\n"
"       [--role]                     本人岗位可办的，不论由谁负责\n"
"                                    （--mine: 我的待办，本人负责的在前）\n"
"       [--sort number|customer|serial|owner|state|due] [--reverse]\n"
"  import 类型 文件.csv              全部导入或全不导入\n"
"  export 类型 [--state 状态]        输出到标准输出\n"
"  report kpi|register|costs|claims [--month YYYY-MM] [--unit 单位]\n"
"       [--format text|csv|json|xlsx]  服务指标（R2 §3.2.1）、投诉登记表、\n"
"                                    费用（R1 §9）和二次索赔（R2 §3.8）\n"
"  demo [--records N]                用演示数据填充数据库\n"
"  counter                           备件柜台：扫描收货、发料、调拨\n"
"  backup 目标目录                   一致的压缩副本\n"
"  verify                            检查历史链和索引\n"
"  reindex                           从记录重建索引\n"
"  stock [--account 账户] [--part 编码] [--below-min]\n"
"        [--for 单号|all] [--format text|tsv|csv|json]\n"
"                                    各账户的备件结存\n"
"  ledger 编码 [--account 账户] [--from 日期] [--to 日期]\n"
"                                    备件的收发流水和结存\n"
"  check-config [文件]               检查配置文件\n"
"  fields [文件]                     每种记录类型的字段标识\n"
"  users                             已配置的用户和岗位\n"
"\n"
"类型、状态、操作和排序可以写标识，也可以写中文或英文名称；\n"
"用户可以写登录名，也可以写姓名。\n"
"\n"
"选项:\n"
"  --db 目录         数据库目录 ($AFTERSALES_DB)\n"
"  --config 文件     配置文件 ($AFTERSALES_CONFIG)\n"
"  --user 登录名     以该用户身份操作（配置允许时）\n"
"                    ($AFTERSALES_USER)\n"
"  --format 格式     text（默认）、tsv、json；export: csv、tsv、json\n"
"  --lang 语言       zh（默认）或 en\n"
"  --arrow-cursor    工作台: 用 -> 标出选中行，不整行反显\n"
"                    （慢速线路上字节更少；按键 A）\n"
"  --help, --version\n"
"\n"
"退出码: 0 成功，1 失败，2 用法错误，3 未找到，4 无权限，\n"
"5 冲突（已被他人修改），6 输入无效。\n";

static const char usage_en[] =
"usage: aftersales [OPTIONS] [COMMAND [ARGS]]\n"
"\n"
"With no COMMAND on a terminal, opens the workstation.\n"
"\n"
"Commands:\n"
"  init [DIR]                        create a new, empty database\n"
"  new TYPE --set FIELD=VALUE ... [--force]\n"
"                                    register a record, print its number\n"
"                                    (--force: even with an open one of the\n"
"                                    same warn_duplicate: fields)\n"
"  status QUERY                      where is it? QUERY: number, phone,\n"
"                                    serial or the start of a name\n"
"  show NUMBER                       every field and the whole history\n"
"  print NUMBER                      the printed form (80 columns)\n"
"  do NUMBER TRANSITION [--set F=V ...] [--rev N]\n"
"  do N1,N2,... TRANSITION [--set F=V ...]\n"
"  do --batch FILE|- TRANSITION [--set F=V ...]\n"
"                                    one step on several records (numbers\n"
"                                    in FILE), all or none\n"
"  edit NUMBER --set F=V ... [--rev N]\n"
"  list [TYPE] [--state S | --open | --closed | --mine | --overdue]\n"
"       [--limit N] [--units]        only records of my units\n"
"       [--role]                     what my roles may do, whoever holds\n"
"                                    it (--mine: my queue, mine first)\n"
"       [--sort number|customer|serial|owner|state|due] [--reverse]\n"
"  import TYPE FILE.csv              all rows or none\n"
"  export TYPE [--state S]           to standard output\n"
"  report kpi|register|costs|claims [--month YYYY-MM] [--unit U]\n"
"       [--format text|csv|json|xlsx]  the KPIs (R2 §3.2.1), the register,\n"
"                                    costs (R1 §9), supplier claims (R2 §3.8)\n"
"  demo [--records N]                fill the database with demo data\n"
"  counter                           the store counter: scan parts in\n"
"                                    and out\n"
"  backup DEST                       consistent compacted copy\n"
"  verify                            check history chains and indexes\n"
"  reindex                           rebuild the indexes from the records\n"
"  stock [--account A] [--part CODE] [--below-min]\n"
"        [--for W|all] [--format text|tsv|csv|json]\n"
"                                    parts on hand per account\n"
"  ledger CODE [--account A] [--from DATE] [--to DATE]\n"
"                                    a part's movements, running balance\n"
"  check-config [FILE]               check a configuration file\n"
"  fields [FILE]                     the field ids of every record type\n"
"  users                             the configured users and roles\n"
"\n"
"Types, states, steps and sort orders may be given by id or by their\n"
"Chinese or English label; users by login or by name.\n"
"\n"
"Options:\n"
"  --db DIR          database folder ($AFTERSALES_DB)\n"
"  --config FILE     configuration ($AFTERSALES_CONFIG)\n"
"  --user LOGIN      act as LOGIN, where the configuration allows it\n"
"                    ($AFTERSALES_USER)\n"
"  --format F        text (default), tsv, json; export: csv, tsv, json\n"
"  --lang L          zh (default) or en\n"
"  --arrow-cursor    workstation: mark the selected row with -> instead of\n"
"                    a whole-row bar (fewer bytes on slow links; key A)\n"
"  --help, --version\n"
"\n"
"Exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 not permitted,\n"
"5 conflict (changed by someone else), 6 invalid input.\n";

static void
add_set(struct cli *cl, const char *arg)
{
	cl->sets = xrealloc(cl->sets, (cl->nsets + 1) * sizeof *cl->sets);
	cl->sets[cl->nsets++] = arg;
}

/* Split the --set FIELD=VALUE options into inputs (kv points into argv). */
int
cli_inputs(const struct cli *cl, struct core_kv **out, size_t *n)
{
	size_t i;

	*out = xcalloc(cl->nsets, sizeof **out);
	*n = cl->nsets;
	for (i = 0; i < cl->nsets; i++) {
		const char *eq = strchr(cl->sets[i], '=');

		if (eq == NULL || eq == cl->sets[i]) {
			free(*out);
			*out = NULL;
			return cli_usage(AS_TR("--set 需要 字段=值，而不是“%s”",
					 "--set needs FIELD=VALUE, not \"%s\""),
					 cl->sets[i]);
		}
		(*out)[i].key = xstrndup(cl->sets[i],
					 (size_t)(eq - cl->sets[i]));
		(*out)[i].val = eq + 1;
	}
	return 0;
}

void
cli_inputs_free(struct core_kv *in, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free((char *)in[i].key);
	free(in);
}

const char *
cli_type(struct core *c, const char *name)
{
	const struct cfg_rectype *rt = core_rectype_named(core_cfg(c), name);
	size_t n = strlen(name);
	char *one;

	if (rt == NULL && n > 1 && name[n - 1] == 's') {
		one = xstrndup(name, n - 1);
		rt = cfg_rectype(core_cfg(c), one);
		free(one);
	}
	return rt != NULL ? rt->id : name;
}

/* Where make install puts them (SYSCONFDIR, LOCALSTATEDIR). */
#ifndef AS_SYSCONFDIR
#define AS_SYSCONFDIR "/etc/aftersales"
#endif
#ifndef AS_DBDIR
#define AS_DBDIR "/var/lib/aftersales"
#endif

static const char *
default_config(void)
{
	return AS_SYSCONFDIR "/aftersales.yaml";
}

int
cli_open(struct cli *cl, int create, int readonly, struct core **c)
{
	static const char *const maint[] = { "reindex", "backup", "demo",
					     "import", "upgrade" };
	struct core_opts o = {0};
	struct cfg_diags d = {0};
	struct as_err err = {0};
	unsigned long old;
	size_t i;
	int rc;

	/* refused before the database is opened (import, demo: created) */
	for (i = 0; cl->nargs > 0 && i < sizeof maint / sizeof maint[0]; i++)
		if (strcmp(cl->args[0], maint[i]) == 0)
			o.command = maint[i];

	o.db = cl->o.db;
	o.config = cl->o.config;
	o.user = cl->o.user;
	o.create = create;
	o.readonly = readonly;
	o.lang = cl->o.lang;
	rc = core_open(&o, c, &d, &err);
	if (rc == AS_E_CONFIG && d.n > 0) {
		for (i = 0; i < d.n; i++)
			fprintf(stderr, "%s\n", d.v[i].text);
		fprintf(stderr, AS_TR("aftersales: 配置中有 %zu 处错误%s；"
			"请修正 %s 后重试\n", "aftersales: %zu error%s in the "
			"configuration; fix %s and try again\n"), d.n,
			AS_TR("", d.n == 1 ? "" : "s"), cli_esc(cl->o.config));
		cfg_diags_free(&d);
		return EX_FAIL;
	}
	cfg_diags_free(&d);
	if (rc != 0)
		return cli_fail(rc, &err);
	if (readonly && core_index_stale(*c, &old))
		fprintf(stderr, AS_TR("aftersales: 注意：数据库 %s 的索引由另一"
		    "版本的 aftersales 建立（索引格式 %lu，本程序用 %d），查找"
		    "和队列可能不全；请管理员运行 `aftersales reindex`\n",
		    "aftersales: note: the index of database %s was built by "
		    "another version of aftersales (index format %lu, this "
		    "program uses %d): look-ups and queues may miss records; "
		    "ask the administrator to run `aftersales reindex`\n"),
		    cli_esc(cl->o.db), old, CORE_INDEX_FORMAT);
	return 0;
}

/*
 * check-config [FILE]: load the file as core_open would and say what is
 * wrong, or what it holds.  It reads with the caller's own rights only
 * (the privilege of an installed setgid binary is given up first), so it
 * shows nothing the caller could not read anyway.
 */
static int
cmd_check_config(struct cli *cl)
{
	const char *path = cl->nargs > 1 ? cl->args[1] : cl->o.config;
	struct cfg_diags d = {0};
	struct as_err err = {0};
	struct cfg *cfg = NULL;
	size_t i, nst = 0, ntr = 0;
	int rc;

	if ((rc = core_drop_privilege(&err)) != 0)
		return cli_fail(rc, &err);
	rc = cfg_load(path, core_guard_names(), &cfg, &d, &err);
	if (rc != 0) {
		for (i = 0; i < d.n; i++)
			fprintf(stderr, "%s\n", d.v[i].text);
		if (d.n == 0)
			fprintf(stderr, "aftersales: %s\n", cli_esc(err.msg));
		else
			fprintf(stderr, AS_TR("%zu 处错误%s\n",
				"%zu error%s\n"), d.n,
				AS_TR("", d.n == 1 ? "" : "s"));
		cfg_diags_free(&d);
		return EX_FAIL;
	}
	for (i = 0; i < cfg->nrectypes; i++) {
		nst += cfg->rectypes[i].nstates;
		ntr += cfg->rectypes[i].ntransitions;
	}
	printf(AS_TR("%s: 正确: %zu 种记录类型%s，%zu 个状态，%zu 个操作，"
	       "%zu 个岗位，%zu 个用户\n", "%s: ok: %zu record type%s, "
	       "%zu states, %zu transitions, %zu roles, %zu users\n"),
	       cli_esc(path), cfg->nrectypes, AS_TR("",
	       cfg->nrectypes == 1 ? "" : "s"), nst, ntr, cfg->nroles,
	       cfg->nusers);
	for (i = 0; i < cfg->nrectypes; i++)
		printf(AS_TR("  %s (%s): %zu 个字段，%zu 个状态，%zu 个操作，"
		       "%zu 个时限%s\n", "  %s (%s): %zu fields, %zu states, "
		       "%zu transitions, %zu clock%s\n"),
		       cli_esc(cfg->rectypes[i].id),
		       cli_esc(cfg_text(&cfg->rectypes[i].label, cl->o.lang,
				cfg->rectypes[i].id)),
		       cfg->rectypes[i].nfields, cfg->rectypes[i].nstates,
		       cfg->rectypes[i].ntransitions, cfg->rectypes[i].nclocks,
		       AS_TR("", cfg->rectypes[i].nclocks == 1 ? "" : "s"));
	cfg_free(&cfg);
	return EX_OK;
}

/*
 * fields [FILE]: the field ids of every record type, one "TYPE FIELD
 * FIELDTYPE" line each (tab-separated), for scripts: the test that no
 * shipped field id appears in the C code reads them from here.
 */
static int
cmd_fields(struct cli *cl)
{
	static const char *const ftypes[] = { "text", "multiline", "int",
		"money", "date", "datetime", "enum", "reference" };
	const char *path = cl->nargs > 1 ? cl->args[1] : cl->o.config;
	struct as_err err = {0};
	struct cfg *cfg = NULL;
	const struct cfg_field *f;
	size_t i, j;
	int rc;

	if ((rc = core_drop_privilege(&err)) != 0)
		return cli_fail(rc, &err);
	if (cfg_load(path, core_guard_names(), &cfg, NULL, &err) != 0) {
		fprintf(stderr, AS_TR("aftersales: %s（请运行 check-config）\n",
			"aftersales: %s (run check-config)\n"),
			cli_esc(err.msg));
		return EX_FAIL;
	}
	for (i = 0; i < cfg->nrectypes; i++)
		for (j = 0; j < cfg->rectypes[i].nfields; j++) {
			f = &cfg->rectypes[i].fields[j];
			printf("%s\t%s\t%s\n", cli_esc(cfg->rectypes[i].id),
			       cli_esc(f->id), (size_t)f->type <
			       sizeof ftypes / sizeof *ftypes ?
			       ftypes[f->type] : "other");
		}
	cfg_free(&cfg);
	return EX_OK;
}

static void
print_problem(const char *msg, void *ctx)
{
	(*(size_t *)ctx)++;
	cli_progress_clear();
	printf("%s\n", cli_esc(msg));
}

static int
cmd_verify(struct cli *cl)
{
	struct as_err err = {0};
	struct core *c;
	size_t n = 0;
	int rc;

	if ((rc = cli_open(cl, 0, 1, &c)) != 0)
		return rc;
	/* each problem is out before a damaged page may end the process */
	setvbuf(stdout, NULL, _IOLBF, 0);
	cli_progress_begin();
	rc = core_verify(c, print_problem, &n, &err);
	cli_progress_end();
	core_close(&c);
	if (rc == AS_E_CORRUPT) {
		fprintf(stderr, AS_TR("aftersales: %s: 发现 %zu 个问题%s\n",
			"aftersales: %s: %zu problem%s found\n"),
			cli_esc(cl->o.db), n, AS_TR("", n == 1 ? "" : "s"));
		return EX_FAIL;
	}
	if (rc != 0)
		return cli_fail(rc, &err);
	printf(AS_TR("%s: 正确: 历史链和索引已核对\n",
	       "%s: ok: history chains and indexes verified\n"),
	       cli_esc(cl->o.db));
	return EX_OK;
}

static int
cmd_reindex(struct cli *cl)
{
	struct as_err err = {0};
	struct core *c;
	uint64_t n = 0;
	int rc;

	if (cl->nargs != 1)
		return cli_usage("%s", AS_TR("用法: aftersales reindex",
				 "usage: aftersales reindex"));
	if ((rc = cli_open(cl, 0, 0, &c)) != 0)
		return rc;
	cli_progress_begin();
	rc = core_reindex(c, &n, &err);
	cli_progress_end();
	core_close(&c);
	if (rc != 0)
		return cli_fail(rc, &err);
	printf(AS_TR("%s: 已从 %llu 条记录%s重建索引\n",
	       "%s: indexes rebuilt from %llu record%s\n"), cli_esc(cl->o.db),
	       (unsigned long long)n, AS_TR("", n == 1 ? "" : "s"));
	return EX_OK;
}

/*
 * init [DIR]: create a new, empty database in DIR (default --db).  The
 * folder is made 2770 (setgid, so every file in it keeps the folder's
 * group) and the files 0660, whatever the caller's umask: every member of
 * the service group works on it through the program, nobody else can read
 * it.  A folder that already holds a database is refused.  Through the
 * installed setgid binary only the real root may run it (as make install
 * does): it needs no configured login, the folder is given to the service
 * group (the effective group) and root owns the files.
 */
static int
cmd_init(struct cli *cl)
{
	static const char *const files[] = { "data.mdb", "lock.mdb" };
	struct core *c;
	struct stat st;
	const char *dir;
	char *path;
	size_t i;
	int rc;

	if (cl->nargs > 2)
		return cli_usage("%s", AS_TR("用法: aftersales init [目录]",
				 "usage: aftersales init [DIR]"));
	dir = cl->nargs == 2 ? cl->args[1] : cl->o.db;
	cl->o.db = dir;
	if (core_privileged() && getuid() != 0) {
		/* it would be the caller's folder, which core_open refuses */
		fprintf(stderr, "aftersales: %s\n", AS_TR(
			"通过安装的（setgid）aftersales 只有 root 能创建数据库；"
			"请管理员运行 aftersales init（make install 会运行）",
			"through the installed (setgid) aftersales only root "
			"makes a database; ask the administrator to run "
			"aftersales init (make install does)"));
		return cli_exit_code(AS_E_PERM);
	}
	umask(007);
	if (stat(dir, &st) != 0) {
		if (errno != ENOENT || mkdir(dir, 02770) != 0) {
			fprintf(stderr, AS_TR("aftersales: 不能创建数据库目录 "
				"%s：%s\n", "aftersales: cannot create database "
				"folder %s: %s\n"), cli_esc(dir),
				strerror(errno));
			return EX_FAIL;
		}
	} else if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, AS_TR("aftersales: %s 不是目录；请为数据库指定"
			"一个新的或空的目录\n", "aftersales: %s is not a folder; "
			"name a new or empty folder for the database\n"),
			cli_esc(dir));
		return EX_FAIL;
	}
	path = xasprintf("%s/data.mdb", dir);
	rc = stat(path, &st);
	free(path);
	if (rc == 0) {
		fprintf(stderr, AS_TR("aftersales: %s 中已有数据库；没有做任何"
			"修改\n", "aftersales: %s already holds a database; "
			"nothing was changed\n"), cli_esc(dir));
		return EX_FAIL;
	}
	if (core_privileged() && stat(dir, &st) == 0 &&
	    st.st_gid != getegid() && chown(dir, (uid_t)-1, getegid()) != 0) {
		fprintf(stderr, AS_TR("aftersales: 不能把 %s 交给服务组：%s\n",
			"aftersales: cannot give %s to the service group: %s\n"),
			cli_esc(dir), strerror(errno));
		return EX_FAIL;
	}
	if (chmod(dir, 02770) != 0) {
		fprintf(stderr, AS_TR("aftersales: 不能设置 %s 的权限：%s\n",
			"aftersales: cannot set the mode of %s: %s\n"),
			cli_esc(dir), strerror(errno));
		return EX_FAIL;
	}
	if ((rc = cli_open(cl, CORE_CREATE_INIT, 0, &c)) != 0)
		return rc;
	core_close(&c);
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		path = xasprintf("%s/%s", dir, files[i]);
		rc = chmod(path, 0660);
		free(path);
		if (rc != 0) {
			fprintf(stderr, AS_TR("aftersales: 不能设置 %s/%s 的"
				"权限：%s\n", "aftersales: cannot set the mode of "
				"%s/%s: %s\n"), cli_esc(dir), files[i],
				strerror(errno));
			return EX_FAIL;
		}
	}
	printf(AS_TR("%s: 新数据库\n", "%s: new database\n"), cli_esc(dir));
	return EX_OK;
}

/*
 * new refuses a likely duplicate (the type's warn_duplicate: fields equal
 * an open record's) unless --force: it names the open record on stderr.
 */
static int
new_duplicate(struct cli *cl, struct core *c, const struct core_kv *in,
	      size_t n)
{
	const struct cfg_rectype *rt = cfg_rectype(core_cfg(c),
	    cli_type(c, cl->args[1]));
	struct as_err err = {0};
	char *id = NULL;
	int rc;

	if ((rc = core_open_duplicate(c, rt, in, n, &id, &err)) != 0)
		return cli_fail(rc, &err);
	if (id == NULL)
		return 0;
	if (strcmp(cl->o.lang, "en") == 0)
		fprintf(stderr, "aftersales: %s is open with the same %s; "
			"open it (aftersales show %s) or register anyway with "
			"--force\n", cli_esc(id), rt->warn_dup[0]->label.en ?
			rt->warn_dup[0]->label.en : rt->warn_dup[0]->id,
			cli_esc(id));
	else
		fprintf(stderr, "aftersales: %s 仍未结案，%s相同；请打开它 "
			"(aftersales show %s)，或加 --force 仍然登记\n",
			cli_esc(id), rt->warn_dup[0]->label.zh ?
			rt->warn_dup[0]->label.zh : rt->warn_dup[0]->id,
			cli_esc(id));
	free(id);
	return EX_CONFLICT;
}

static int
cmd_new(struct cli *cl)
{
	struct as_err err = {0};
	struct core_kv *in;
	struct core *c;
	char *id = NULL;
	size_t n;
	int rc;

	if (cl->nargs != 2)
		return cli_usage("%s", AS_TR("用法: aftersales new 类型 --set "
				 "字段=值 ...", "usage: aftersales new TYPE --set "
				 "FIELD=VALUE ..."));
	if ((rc = cli_inputs(cl, &in, &n)) != 0)
		return rc;
	as_heap_ready(256 << 10);
	if ((rc = cli_open(cl, 0, 0, &c)) != 0) {
		cli_inputs_free(in, n);
		return rc;
	}
	if (!cl->force && (rc = new_duplicate(cl, c, in, n)) != 0) {
		cli_inputs_free(in, n);
		core_close(&c);
		return rc;
	}
	rc = core_create(c, cli_type(c, cl->args[1]), in, n, &id, &err);
	cli_inputs_free(in, n);
	core_close(&c);
	if (rc != 0)
		return cli_fail(rc, &err);
	printf("%s\n", cli_esc(id));
	free(id);
	return EX_OK;
}

/* Add the numbers in s (separated by commas or white space) to *ids. */
static void
batch_ids(const char *s, char ***ids, size_t *n)
{
	const char *sep = ", \t\r\n";
	size_t k;

	for (s += strspn(s, sep); *s != '\0'; s += strspn(s, sep)) {
		k = strcspn(s, sep);
		*ids = xrealloc(*ids, (*n + 1) * sizeof **ids);
		(*ids)[(*n)++] = xstrndup(s, k);
		s += k;
	}
}

/* The line of a record a step or an edit left: number, state, revision. */
static void
print_stepped(const struct cli *cl, const struct core *c,
	      const struct store_rec *r)
{
	const struct cfg_state *s = core_state(c, r);

	printf(AS_TR("%s %s (%s) 第 %" PRIu64 " 版\n",
	       "%s %s (%s) rev %" PRIu64 "\n"), cli_esc(r->id),
	       cli_esc(r->state), cli_esc(s ? cfg_text(&s->label,
	       cl->o.lang, s->id) : ""), r->rev);
}

/*
 * do N1,N2,... TRANSITION or do --batch FILE TRANSITION: one step on
 * every record named, in one transaction, all or none (R2 §3.7.5).  FILE
 * ("-": standard input) holds the numbers, separated by commas, spaces or
 * lines; it is read with the caller's own rights.
 */
static int
cmd_do_batch(struct cli *cl)
{
	struct as_err err = {0};
	struct core_kv *in;
	struct core *c;
	char **ids = NULL, line[4096];
	const char *tid;
	size_t i, n = 0, nin;
	FILE *f;
	int rc;

	if (cl->rev != 0)
		return cli_usage("%s", AS_TR("--rev 指一条记录的版本；批量操作"
		    "不接受它", "--rev names the revision of one record; a "
		    "batch step takes none"));
	if (cl->nargs != (cl->batch != NULL ? 2 : 3))
		return cli_usage("%s", AS_TR("用法: aftersales do 编号1,编号2,... "
		    "操作 [--set 字段=值 ...] 或 aftersales do --batch 文件|- "
		    "操作 [--set 字段=值 ...]", "usage: aftersales do "
		    "N1,N2,... TRANSITION [--set FIELD=VALUE ...] or "
		    "aftersales do --batch FILE|- TRANSITION [--set "
		    "FIELD=VALUE ...]"));
	tid = cl->args[cl->nargs - 1];
	if (cl->batch == NULL) {
		batch_ids(cl->args[1], &ids, &n);
	} else {
		f = strcmp(cl->batch, "-") == 0 ? stdin :
		    core_fopen_as_caller(cl->batch);
		if (f == NULL) {
			fprintf(stderr, AS_TR("aftersales: 不能读取 %s：%s\n",
				"aftersales: cannot read %s: %s\n"),
				cli_esc(cl->batch), strerror(errno));
			return EX_FAIL;
		}
		while (fgets(line, sizeof line, f) != NULL)
			batch_ids(line, &ids, &n);
		if (f != stdin)
			fclose(f);
	}
	if ((rc = cli_inputs(cl, &in, &nin)) != 0)
		goto out;
	if ((rc = cli_open(cl, 0, 0, &c)) != 0) {
		cli_inputs_free(in, nin);
		goto out;
	}
	rc = wf_apply_batch(c, (const char *const *)ids, NULL, n, tid, in,
			    nin, NULL, &err);
	cli_inputs_free(in, nin);
	for (i = 0; rc == 0 && i < n; i++) {
		struct store_rec *r = NULL;

		if (core_get(c, ids[i], &r, &err) == 0)
			print_stepped(cl, c, r);
		store_rec_free(&r);
	}
	core_close(&c);
	rc = rc != 0 ? cli_fail(rc, &err) : EX_OK;
out:
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return rc;
}

static int
cmd_do(struct cli *cl, int edit)
{
	struct as_err err = {0};
	struct store_rec *r = NULL;
	struct core_kv *in;
	struct core *c;
	size_t n;
	int rc;

	if (!edit && (cl->batch != NULL ||
	    (cl->nargs > 1 && strchr(cl->args[1], ',') != NULL)))
		return cmd_do_batch(cl);
	if (cl->nargs != (edit ? 2 : 3))
		return cli_usage("%s", edit
		    ? AS_TR("用法: aftersales edit 编号 --set 字段=值 ... "
		      "[--rev N]", "usage: aftersales edit NUMBER --set "
		      "FIELD=VALUE ... [--rev N]")
		    : AS_TR("用法: aftersales do 编号 操作 [--set 字段=值 ...] "
		      "[--rev N]", "usage: aftersales do NUMBER TRANSITION "
		      "[--set FIELD=VALUE ...] [--rev N]"));
	if ((rc = cli_inputs(cl, &in, &n)) != 0)
		return rc;
	as_heap_ready(256 << 10);
	if ((rc = cli_open(cl, 0, 0, &c)) != 0) {
		cli_inputs_free(in, n);
		return rc;
	}
	/* the record as the step wrote it: no second read */
	rc = wf_apply_rec(c, cl->args[1], cl->rev, edit ? NULL : cl->args[2],
			  in, n, &r, &err);
	cli_inputs_free(in, n);
	if (rc == 0)
		print_stepped(cl, c, r);
	store_rec_free(&r);
	/* the step is committed (or refused): the rest is the exit's */
	core_leave(&c);
	return rc != 0 ? cli_fail(rc, &err) : EX_OK;
}

static int
cmd_users(struct cli *cl)
{
	struct cfg_diags d = {0};
	struct as_err err = {0};
	struct cfg *cfg;
	size_t i, j;
	int rc;

	if (cl->nargs != 1)
		return cli_usage("%s", AS_TR("用法: aftersales users",
				 "usage: aftersales users"));
	rc = cfg_load_flags(cl->o.config, core_guard_names(),
			    core_privileged() ? CFG_ROOT_ONLY : 0, &cfg, &d,
			    &err);
	cfg_diags_free(&d);
	if (rc != 0)
		return cli_fail(rc, &err);
	for (i = 0; i < cfg->nusers; i++) {
		const struct cfg_user *u = &cfg->users[i];
		struct as_buf b = {0};

		for (j = 0; j < u->nroles; j++)
			buf_addf(&b, "%s%s", j ? "," : "", u->roles[j]->id);
		cli_pad(u->login, 15);
		cli_pad(u->name ? u->name : "", 10);
		printf("%s\n", cli_esc(b.data));
		buf_free(&b);
	}
	cfg_free(&cfg);
	return EX_OK;
}

/*
 * print NUMBER: the record's printed page (print: of its type), the
 * customer opinion form of a complaint, the service report of a work
 * order: 80 columns, aligned for Chinese; `| lp` prints it.
 */
static int
cmd_print(struct cli *cl)
{
	struct as_err err = {0};
	struct as_buf page = {0};
	struct core *c;
	int rc;

	if (cl->nargs != 2)
		return cli_usage("%s", "print needs a record number");
	if ((rc = cli_open(cl, 0, 1, &c)) != 0)
		return rc;
	rc = core_print_page(c, cl->args[1], cl->o.lang, &page, &err);
	if (rc == 0)
		fputs(page.data, stdout);
	buf_free(&page);
	core_close(&c);
	return rc != 0 ? cli_fail(rc, &err) : EX_OK;
}

static int cmd_counter(struct cli *cl);
static int run_workstation(struct cli *cl);

static int
cmd_step(struct cli *cl)
{
	return cmd_do(cl, 0);
}

static int
cmd_edit(struct cli *cl)
{
	return cmd_do(cl, 1);
}

/*
 * The commands and the options each takes, as tmux's cmd_entry: the long
 * names of its options, separated by spaces ("": none).  The global
 * options (CLI_GLOBAL_OPTS) go with every command; any other option is
 * refused with a sentence naming the command and what it takes (exit 2).
 * A new command is one line here; a new option is also one line in
 * cli_main's longopts.
 */
#define CLI_GLOBAL_OPTS "db config user lang help version"
#define CLI_WORKSTATION_OPTS "arrow-cursor"   /* no command */
static const struct cli_cmd {
	const char *name;
	int (*fn)(struct cli *);
	const char *opts;
} commands[] = {
	{ "check-config", cmd_check_config, "" },
	{ "fields", cmd_fields, "" },
	{ "init", cmd_init, "" },
	{ "verify", cmd_verify, "" },
	{ "reindex", cmd_reindex, "" },
	{ "upgrade", cmd_upgrade, "" },
	{ "new", cmd_new, "set force" },
	{ "status", cmd_status, "format limit" },
	{ "show", cmd_show, "" },
	{ "print", cmd_print, "" },
	{ "do", cmd_step, "set rev batch" },
	{ "edit", cmd_edit, "set rev" },
	{ "list", cmd_list, "state open closed mine role overdue units limit "
	  "sort reverse format" },
	{ "import", cmd_import, "" },
	{ "export", cmd_export, "state open closed mine role overdue limit "
	  "format" },
	{ "report", cmd_report, "month unit format" },
	{ "demo", cmd_demo, "records" },
	{ "backup", cmd_backup, "" },
	{ "users", cmd_users, "" },
	{ "stock", cmd_stock, "account part below-min for format" },
	{ "ledger", cmd_ledger, "account from to format" },
	{ "counter", cmd_counter, "arrow-cursor" },
};

/* Whether the space-separated list names the option name. */
static int
opt_listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; (p = strstr(p, name)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/*
 * Refuse the first option given (given: n longopts indexes, in the order
 * of the command line) that the command (NULL: the workstation) does not
 * take.  Returns 0 or the usage exit code.
 */
static int
cli_check_opts(const struct cli_cmd *cmd, const struct option *longopts,
	       const unsigned char *given, size_t n)
{
	const char *opts = cmd != NULL ? cmd->opts : CLI_WORKSTATION_OPTS;
	const char *name, *p, *e;
	struct as_buf b = {0};
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		name = longopts[given[i]].name;
		if (opt_listed(CLI_GLOBAL_OPTS, name) ||
		    opt_listed(opts, name))
			continue;
		for (p = opts; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
			e = strchrnul(p, ' ');
			buf_addf(&b, " --%.*s", (int)(e - p), p);
		}
		if (cmd == NULL)
			rc = cli_usage(AS_TR("不带命令（工作台）时不接受选项 "
			    "--%s；可用:%s", "the workstation (no command) "
			    "does not take --%s; it takes:%s"),
			    name, b.data);
		else if (b.len == 0)
			rc = cli_usage(AS_TR("%s 不接受选项 --%s；它只接受全局"
			    "选项", "%s does not take --%s; it takes only the "
			    "global options"), cmd->name, name);
		else
			rc = cli_usage(AS_TR("%s 不接受选项 --%s；它接受:%s",
			    "%s does not take --%s; it takes:%s"), cmd->name,
			    name, b.data);
		buf_free(&b);
		return rc;
	}
	return 0;
}

/* counter: the workstation opened at the store counter (ws_counter.c). */
static int
cmd_counter(struct cli *cl)
{
	if (cl->nargs != 1)
		return cli_usage("%s", AS_TR("counter 不带参数",
				 "counter takes no arguments"));
	cl->o.counter = 1;
	return run_workstation(cl);
}

static int
run_workstation(struct cli *cl)
{
	struct core *c;
	int rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_usage("%s", AS_TR("工作台需要终端；在脚本中使用 "
				 "aftersales 请给出命令", "the workstation needs "
				 "a terminal; give a command to use aftersales "
				 "from a script"));
	if ((rc = cli_open(cl, 0, 0, &c)) != 0)
		return rc;
	if (cl->o.counter && core_cfg(c)->counter == NULL) {
		fprintf(stderr, "aftersales: %s\n", AS_TR(
		    "配置中没有备件柜台（counter:）",
		    "the configuration has no store counter (counter:)"));
		core_close(&c);
		return EX_FAIL;
	}
	rc = tui_workstation(c, &cl->o);
	core_close(&c);
	return rc;
}

/*
 * The --lang of argv, looked for before the options are parsed, so that
 * a message about an option before it is in the chosen language too.
 */
static void
early_lang(int argc, char **argv)
{
	const char *l;
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			l = argv[++i];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			l = argv[i] + 7;
		else
			continue;
		if (strcmp(l, "zh") == 0 || strcmp(l, "en") == 0)
			as_lang_set(l);   /* a bad one is refused below */
	}
}

int
cli_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "user", required_argument, NULL, 'u' },
		{ "set", required_argument, NULL, 's' },
		{ "rev", required_argument, NULL, 'r' },
		{ "state", required_argument, NULL, 'S' },
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'L' },
		{ "limit", required_argument, NULL, 'n' },
		{ "records", required_argument, NULL, 'N' },
		{ "mine", no_argument, NULL, 'm' },
		{ "role", no_argument, NULL, 'Q' },
		{ "open", no_argument, NULL, 'o' },
		{ "closed", no_argument, NULL, 'C' },
		{ "overdue", no_argument, NULL, 'O' },
		{ "sort", required_argument, NULL, 'k' },
		{ "reverse", no_argument, NULL, 'R' },
		{ "units", no_argument, NULL, 'U' },
		{ "month", required_argument, NULL, 'M' },
		{ "unit", required_argument, NULL, 'T' },
		{ "batch", required_argument, NULL, 'B' },
		{ "force", no_argument, NULL, 'F' },
		{ "arrow-cursor", no_argument, NULL, 'A' },
		{ "account", required_argument, NULL, 'a' },
		{ "part", required_argument, NULL, 'p' },
		{ "below-min", no_argument, NULL, 'b' },
		{ "for", required_argument, NULL, 'W' },
		{ "from", required_argument, NULL, 'G' },
		{ "to", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli cl = {0};
	uint64_t seen = 0;          /* a bit per longopts index given */
	unsigned char given[64];    /* those indexes, in the order given */
	size_t ngiven = 0;
	char *end;
	size_t i;
	int ch, rc, idx;

	_Static_assert(sizeof longopts / sizeof longopts[0] <= 65,
		       "seen has a bit for at most 64 options");

	cl.o.db = getenv("AFTERSALES_DB");
	cl.o.config = getenv("AFTERSALES_CONFIG");
	cl.o.lang = "zh";
	early_lang(argc, argv);
	cl.format = "text";
	cl.view = CORE_VIEW_ALL;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":h", longopts,
	    (idx = -1, &idx))) != -1) {
		if (idx >= 0 && !(seen & (UINT64_C(1) << idx))) {
			seen |= UINT64_C(1) << idx;
			given[ngiven++] = (unsigned char)idx;
		}
		switch (ch) {
		case 'd': cl.o.db = optarg; break;
		case 'c': cl.o.config = optarg; break;
		case 'u': cl.o.user = optarg; break;
		case 's': add_set(&cl, optarg); break;
		case 'f': cl.format = optarg; break;
		case 'L': cl.o.lang = optarg; break;
		case 'S': cl.state = optarg; cl.view = CORE_VIEW_STATE; break;
		case 'm': cl.view = CORE_VIEW_MINE; break;
		case 'Q': cl.view = CORE_VIEW_ROLE; break;
		case 'o': cl.view = CORE_VIEW_OPEN; break;
		case 'C': cl.view = CORE_VIEW_CLOSED; break;
		case 'O': cl.view = CORE_VIEW_OVERDUE; break;
		case 'R': cl.reverse = 1; break;
		case 'U': cl.units = 1; break;
		case 'M': cl.month = optarg; break;
		case 'T': cl.unit = optarg; break;
		case 'B': cl.batch = optarg; break;
		case 'F': cl.force = 1; break;
		case 'A': cl.o.arrow = 1; break;
		case 'a': cl.account = optarg; break;
		case 'p': cl.part = optarg; break;
		case 'b': cl.below_min = 1; break;
		case 'W': cl.ref = optarg; break;
		case 'G': cl.from = optarg; break;
		case 'H': cl.to = optarg; break;
		case 'k':
			cl.sort = optarg;   /* read by list: per type */
			break;
		case 'r': case 'n': case 'N':
			errno = 0;
			{
				unsigned long long v = strtoull(optarg, &end, 10);

				if (errno != 0 || *end != '\0' || *optarg == '-')
					return cli_usage(AS_TR(
					    "“%s”不是数字",
					    "\"%s\" is not a number"), optarg);
				if (ch == 'r')
					cl.rev = v;
				else if (ch == 'n')
					cl.limit = (size_t)v;
				else
					cl.records = (size_t)v;
			}
			break;
		case 'h':
			fputs(AS_TR(usage_zh, usage_en), stdout);
			free(cl.sets);
			return EX_OK;
		case 'V':
			printf(AS_TR("aftersales %s（记录格式 %d）\n",
			       "aftersales %s (record format %d)\n"), AS_VERSION,
			       STORE_FORMAT);
			free(cl.sets);
			return EX_OK;
		case ':':
			free(cl.sets);
			return cli_usage(AS_TR("选项 %s 需要一个值",
					 "option %s needs a value"),
					 argv[optind - 1]);
		default:
			free(cl.sets);
			return cli_usage(AS_TR("未知选项 %s", "unknown option %s"),
					 argv[optind - 1]);
		}
	}
	if (strcmp(cl.o.lang, "zh") != 0 && strcmp(cl.o.lang, "en") != 0) {
		free(cl.sets);
		return cli_usage(AS_TR("--lang 是 zh 或 en，而不是“%s”",
				 "--lang is zh or en, not \"%s\""), cl.o.lang);
	}
	if (cl.o.config == NULL)
		cl.o.config = default_config();
	if (cl.o.db == NULL)
		cl.o.db = AS_DBDIR;
	cl.args = (const char **)argv + optind;
	cl.nargs = (size_t)(argc - optind);
	if (cl.nargs == 0) {
		if ((rc = cli_check_opts(NULL, longopts, given, ngiven)) == 0)
			rc = run_workstation(&cl);
		free(cl.sets);
		return rc;
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(commands[i].name, cl.args[0]) == 0) {
			if ((rc = cli_check_opts(&commands[i], longopts,
			    given, ngiven)) == 0)
				rc = commands[i].fn(&cl);
			free(cl.sets);
			return rc;
		}
	}
	free(cl.sets);
	return cli_usage(AS_TR("未知命令“%s”", "unknown command \"%s\""),
			 cl.args[0]);
}
