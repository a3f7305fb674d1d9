/*
 * cli_money.c - the command line's money: the totals, advance and
 * roll-up rows of `show` (core_money.h, R1 §5.2, §9, R2 §3.4.3, §3.8) and
 * `upgrade`, which folds the legacy cost fields into cost lines.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../core/core_money.h"

int
cli_show_money(struct core *c, const struct store_rec *r, const char *lang,
	       int width, struct as_err *err)
{
	struct as_buf b = {0};
	char *p, *nl, *tab;
	int rc;

	rc = money_text(c, r, lang, &b, err);
	for (p = b.data; rc == 0 && p != NULL && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
		if ((tab = strchr(p, '\t')) != NULL)
			*tab = '\0';
		cli_pad(p, width);
		printf("%s\n", tab != NULL ? cli_esc(tab + 1) : "");
	}
	buf_free(&b);
	return rc;
}

/* upgrade: the legacy cost fields into cost lines (R1 §9). */
int
cmd_upgrade(struct cli *cl)
{
	struct as_err err = {0};
	struct core *c;
	uint64_t n = 0;
	int rc;

	if (cl->nargs != 1)
		return cli_usage("%s", AS_TR("用法: aftersales upgrade",
				 "usage: aftersales upgrade"));
	if ((rc = cli_open(cl, 0, 0, &c)) != 0)
		return rc;
	rc = money_upgrade(c, &n, &err);
	core_close(&c);
	if (rc != 0)
		return cli_fail(rc, &err);
	printf(AS_TR("%s: 已将 %" PRIu64 " 条记录的旧费用字段转为费用明细\n",
	       "%s: the old cost fields of %" PRIu64 " record%s made cost "
	       "lines\n"), cli_esc(cl->o.db), n, AS_TR("", n == 1 ? "" : "s"));
	return 0;             /* EX_OK */
}
