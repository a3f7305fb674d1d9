/*
 * fuzz_lines.c - libFuzzer target for line items (core/lines.c): any
 * bytes are typed into a lines field (core_parse_value, the JSON read by
 * jansson), and into the grid's path (core_lines_encode, one cell per
 * NUL-separated piece).  Crashes, leaks and undefined behaviour are
 * findings, and so is a broken promise: an accepted value is "" or a
 * canonical JSON array that decodes, whose typed form (core_lines_export,
 * what the workstation's grid starts from) is accepted again and gives
 * exactly the same stored value back; a refusal has a message.  The core
 * runs on a database in a temporary folder with a configuration written
 * there, removed at exit.
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

static const char yaml[] =
	"timezone: Asia/Shanghai\n"
	"allow_user_override: true\n"
	"roles:\n"
	"  boss: {zh: 经理, en: Boss}\n"
	"users:\n"
	"  ann: {name: 安娜, roles: [boss]}\n"
	"codes:\n"
	"  reason:\n"
	"    worn: {zh: 磨损, en: Worn}\n"
	"records:\n"
	"  job:\n"
	"    prefix: J\n"
	"    fields:\n"
	"      parts:\n"
	"        type: lines\n"
	"        columns:\n"
	"          part: {type: text, required: true, maxlen: 20, "
	"pattern: '[A-Z]-[0-9]+'}\n"
	"          qty: {type: int, min: 1, max: 99}\n"
	"          cost: {type: money}\n"
	"          reason: {type: enum, codes: reason}\n"
	"          who: {type: reference, ref: user}\n"
	"          on: {type: date}\n"
	"          at: {type: datetime}\n"
	"          note: {type: text}\n"
	"    states:\n"
	"      open: {initial: true}\n";

static char dir[4096];
static char dbdir[4200];
static char cfgpath[4200];
static struct core *core;
static const struct cfg_field *field;

static void
cleanup(void)
{
	char cmd[8500];

	core_close(&core);
	if (dir[0] == '\0')
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz_lines: cannot remove %s\n", dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	struct core_opts o = {0};
	struct as_err err = {0};
	FILE *f;

	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("AFTERSALES_USER");
	snprintf(dir, sizeof dir, "%s/fuzz-lines-XXXXXX",
		 tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("fuzz_lines: mkdtemp");
		abort();
	}
	atexit(cleanup);
	snprintf(dbdir, sizeof dbdir, "%s/db", dir);
	snprintf(cfgpath, sizeof cfgpath, "%s/fuzz.yaml", dir);
	f = fopen(cfgpath, "w");
	if (f == NULL || fwrite(yaml, 1, sizeof yaml - 1, f) != sizeof yaml - 1 ||
	    fclose(f) != 0 || mkdir(dbdir, 0700) != 0) {
		perror("fuzz_lines: setting up");
		abort();
	}
	o.db = dbdir;
	o.config = cfgpath;
	o.user = "ann";
	o.create = 1;
	o.lang = "en";
	if (core_open(&o, &core, NULL, &err) != 0) {
		fprintf(stderr, "fuzz_lines: core_open: %s\n", err.msg);
		abort();
	}
	field = cfg_field(cfg_rectype(core_cfg(core), "job"), "parts");
	if (field == NULL || field->type != CFG_T_LINES)
		abort();
	return 0;
}

/* An accepted stored value: canonical, and its typed form gives it back. */
static void
check_stored(const char *in, const char *v)
{
	struct core_lines l;
	struct as_err err = {0};
	char *typed, *again = NULL;

	if (*v == '\0')
		return;
	if (core_lines_decode(field, v, &l) != 0 || l.n == 0) {
		fprintf(stderr, "fuzz_lines: \"%s\" stored as \"%s\", which "
			"does not decode to lines\n", in, v);
		abort();
	}
	core_lines_free(&l);
	typed = core_lines_export(core, field, v);
	if (core_parse_value(core, field, typed, &again, &err) != 0 ||
	    strcmp(again, v) != 0) {
		fprintf(stderr, "fuzz_lines: \"%s\" stored as \"%s\", typed "
			"as \"%s\", gives \"%s\" (%s)\n", in, v, typed,
			again ? again : "(refused)", err.msg);
		abort();
	}
	free(typed);
	free(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *v = NULL;
	const char **cells;
	struct as_err err = {0};
	size_t i, n, k, nc = field->ncolumns, bl, bc;
	int rc;

	memcpy(s, data, size);
	s[size] = '\0';
	/* typed as JSON (up to the first NUL) */
	rc = core_parse_value(core, field, s, &v, &err);
	if (rc != 0 && err.msg[0] == '\0')
		abort();
	if (rc == 0)
		check_stored(s, v);
	free(v);
	v = NULL;
	/* the grid: NUL-separated cells, row by row */
	for (n = 1, i = 0; i < size; i++)
		n += data[i] == '\0';
	k = (n + nc - 1) / nc;
	cells = calloc(k * nc + 1, sizeof *cells);
	cells[0] = s;
	for (n = 1, i = 0; i < size; i++)
		if (s[i] == '\0')
			cells[n++] = s + i + 1;
	memset(&err, 0, sizeof err);
	rc = core_lines_encode(core, field, cells, k, &v, &bl, &bc, &err);
	if (rc != 0 && (err.msg[0] == '\0' || v != NULL ||
	    (bl != (size_t)-1 && (bl >= k || bc >= nc))))
		abort();
	if (rc == 0)
		check_stored("(grid)", v);
	free(v);
	free(cells);
	free(s);
	return 0;
}
