/*
 * fuzz_import.c - libFuzzer target for the CSV importer (core_import_csv):
 * any bytes are imported into a real database in a temporary folder, with
 * a small configuration this target writes there itself (so it depends on
 * no working folder).  Crashes, leaks and undefined behaviour are
 * findings, and so is a broken promise of the import: a refused file
 * leaves no record behind (R1 §5.1), and an accepted one adds exactly
 * *count records, from *first to *last.  The database is made anew now
 * and then to keep it small; the folder is removed at exit.
 */
#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../core/core.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Start a fresh database after this many records. */
#define MAX_RECORDS 20000

static const char yaml[] =
	"timezone: Asia/Shanghai\n"
	"allow_user_override: true\n"
	"roles:\n"
	"  boss: {zh: 经理, en: Boss}\n"
	"users:\n"
	"  ann: {name: 安娜, roles: [boss]}\n"
	"codes:\n"
	"  kind:\n"
	"    quality: {zh: 质量问题, en: Quality}\n"
	"    other: {zh: 其他, en: Other}\n"
	"records:\n"
	"  ticket:\n"
	"    label: {zh: 工单, en: Ticket}\n"
	"    prefix: T\n"
	"    fields:\n"
	"      title: {type: text, required: true, "
	"label: {zh: 标题, en: Title}}\n"
	"      phone: {type: text, label: {zh: 电话, en: Phone}}\n"
	"      kind: {type: enum, codes: kind, label: {zh: 类别, en: Kind}}\n"
	"      owner: {type: reference, ref: user, "
	"label: {zh: 负责人, en: Owner}}\n"
	"      note: {type: multiline, label: {zh: 备注, en: Note}}\n"
	"      cost: {type: money, label: {zh: 费用, en: Cost}}\n"
	"      n: {type: int, label: {zh: 次数, en: Count}}\n"
	"      due: {type: date, label: {zh: 期限, en: Due}}\n"
	"      at: {type: datetime, label: {zh: 时间, en: At}}\n"
	"    states:\n"
	"      new: {label: {zh: 新建, en: New}, initial: true}\n"
	"      done: {label: {zh: 完成, en: Done}, terminal: true}\n"
	"    transitions:\n"
	"      finish:\n"
	"        label: {zh: 完成, en: Finish}\n"
	"        key: f\n"
	"        from: [new]\n"
	"        to: done\n"
	"        roles: [boss]\n"
	"    create:\n"
	"      - roles: [boss]\n"
	"        fields: [title, phone, kind, owner, note, cost, n, due, at]\n"
	"maintenance:\n"
	"  import: [boss]\n";

static char dir[4096];
static char dbdir[4200];
static char cfgpath[4200];
static struct core *core;
static size_t nrecords;     /* records in the database now */
static char last_id[64];    /* the newest record, "" if none */

static void
rmrf(const char *path)
{
	char cmd[8500];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz_import: cannot remove %s\n", path);
}

static void
open_db(void)
{
	struct core_opts o = {0};
	struct as_err err = {0};

	core_close(&core);
	rmrf(dbdir);
	if (mkdir(dbdir, 0700) != 0) {
		perror("fuzz_import: mkdir");
		abort();
	}
	o.db = dbdir;
	o.config = cfgpath;
	o.user = "ann";
	o.create = 1;
	if (core_open(&o, &core, NULL, &err) != 0) {
		fprintf(stderr, "fuzz_import: core_open: %s\n", err.msg);
		abort();
	}
	nrecords = 0;
	last_id[0] = '\0';
}

static void
cleanup(void)
{
	core_close(&core);
	if (dir[0] != '\0')
		rmrf(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	FILE *f;

	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("AFTERSALES_USER");
	snprintf(dir, sizeof dir, "%s/fuzz-import-XXXXXX",
		 tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("fuzz_import: mkdtemp");
		abort();
	}
	atexit(cleanup);
	snprintf(dbdir, sizeof dbdir, "%s/db", dir);
	snprintf(cfgpath, sizeof cfgpath, "%s/fuzz.yaml", dir);
	f = fopen(cfgpath, "w");
	if (f == NULL || fwrite(yaml, 1, sizeof yaml - 1, f) != sizeof yaml - 1 ||
	    fclose(f) != 0) {
		perror("fuzz_import: writing the configuration");
		abort();
	}
	open_db();
	return 0;
}

struct seen {
	size_t n;
	char first[64], last[64];
};

static int
visit(const struct store_rec *r, void *ctx)
{
	struct seen *s = ctx;

	if (strlen(r->id) >= sizeof s->last)
		abort();
	if (s->n++ == 0)
		strcpy(s->first, r->id);
	strcpy(s->last, r->id);
	return 0;
}

/* The records after the newest one known before the import. */
static void
new_records(struct seen *s)
{
	struct core_list q = {0};
	struct as_err err = {0};

	memset(s, 0, sizeof *s);
	q.type = "ticket";
	q.view = CORE_VIEW_ALL;
	q.after = last_id[0] != '\0' ? last_id : NULL;
	if (core_list(core, &q, visit, s, &err) != 0) {
		fprintf(stderr, "fuzz_import: core_list: %s\n", err.msg);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct as_err err = {0};
	struct seen s;
	char *first = NULL, *last = NULL;
	size_t count = 12345;
	FILE *f;
	int rc;

	if (nrecords > MAX_RECORDS)
		open_db();
	f = fmemopen((void *)(uintptr_t)data, size, "r");
	if (f == NULL)
		return 0;
	rc = core_import_csv(core, "ticket", f, "fuzz.csv", &count, &first,
			     &last, &err);
	fclose(f);
	new_records(&s);
	if (rc != 0) {
		/* refused: a message, and nothing written */
		if (err.msg[0] == '\0' || count != 0 || first != NULL ||
		    last != NULL || s.n != 0) {
			fprintf(stderr, "fuzz_import: refused (%d: %s) but "
				"count %zu, %zu new records\n", rc, err.msg,
				count, s.n);
			abort();
		}
		return 0;
	}
	if (s.n != count || (count == 0) != (first == NULL) ||
	    (count == 0) != (last == NULL) ||
	    (count > 0 && (strcmp(first, s.first) != 0 ||
			   strcmp(last, s.last) != 0))) {
		fprintf(stderr, "fuzz_import: imported %zu (%s .. %s) but "
			"%zu new records (%s .. %s)\n", count,
			first ? first : "-", last ? last : "-", s.n, s.first,
			s.last);
		abort();
	}
	if (count > 0)
		memcpy(last_id, s.last, sizeof last_id);
	nrecords += count;
	free(first);
	free(last);
	return 0;
}
