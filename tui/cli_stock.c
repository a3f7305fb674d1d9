/*
 * cli_stock.c - the spare-parts store on the command line (R2 §3.7):
 * `stock` lists the balances per account and part (or the parts below
 * their minimum stock, or with --for what an account keeps per work
 * order), `ledger CODE` a part's movements with the
 * running balance.  Text (aligned by display width), tsv, csv or json.
 * A user sees only the accounts within their units (a station clerk
 * their station, R2 §3.7.6).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { F_TEXT, F_TSV, F_CSV, F_JSON };

struct table {
	int format;
	size_t ncols;
	const char *const *keys;       /* json keys, also tsv/csv header */
	const int *widths;             /* text: column widths */
	const int *right;              /* text: right-aligned (numbers) */
	size_t rows;
	struct as_buf json;
};

static int
format_of(const char *f)
{
	if (strcmp(f, "tsv") == 0)
		return F_TSV;
	if (strcmp(f, "csv") == 0)
		return F_CSV;
	if (strcmp(f, "json") == 0)
		return F_JSON;
	if (strcmp(f, "text") == 0)
		return F_TEXT;
	return -1;
}

/* A csv cell: quoted when it must be, formulas marked, controls escaped. */
static void
csv_cell(const char *s, int last)
{
	struct as_buf b = {0};
	const char *p;

	if (as_formula_risky(s))
		buf_adds(&b, "'");
	as_esc(&b, s, strlen(s), AS_ESC_TAB | AS_ESC_LF | AS_ESC_KEEPBS);
	p = b.data != NULL ? b.data : "";
	if (strpbrk(p, ",\"\n\t\r") != NULL) {
		putchar('"');
		for (; *p != '\0'; p++) {
			if (*p == '"')
				putchar('"');
			putchar(*p);
		}
		putchar('"');
	} else
		fputs(p, stdout);
	putchar(last ? '\n' : ',');
	buf_free(&b);
}

static void
row_out(struct table *t, const char *const *cells, const char *const *heads)
{
	size_t i;
	int last;

	for (i = 0; i < t->ncols; i++) {
		last = i + 1 == t->ncols;
		switch (t->format) {
		case F_TEXT:
			if (t->right[i]) {
				const char *e = cli_esc(cells[i]);
				int w = utf8_width(e, strlen(e));

				for (; w < t->widths[i]; w++)
					putchar(' ');
				fputs(e, stdout);
				putchar(last ? '\n' : ' ');
			} else if (last) {
				fputs(cli_esc(cells[i]), stdout);
				putchar('\n');
			} else
				cli_cell(cells[i], t->widths[i]);
			break;
		case F_TSV: {
			const char *e = cli_esc(cells[i]);

			if (heads == NULL && as_formula_risky(cells[i]))
				putchar('\'');
			fputs(e, stdout);
			putchar(last ? '\n' : '\t');
			break;
		}
		case F_CSV:
			csv_cell(cells[i], last);
			break;
		case F_JSON:
			if (heads != NULL)
				break;
			buf_adds(&t->json, i == 0 ? (t->rows ? ",\n  {" :
			    "[\n  {") : ", ");
			cli_json_str(&t->json, t->keys[i]);
			buf_adds(&t->json, ": ");
			cli_json_str(&t->json, cells[i]);
			if (last)
				buf_adds(&t->json, "}");
			break;
		}
	}
	if (heads == NULL)
		t->rows++;
}

static void
table_head(struct table *t, const char *const *heads)
{
	if (t->format == F_JSON)
		return;
	row_out(t, t->format == F_TEXT ? heads : t->keys, heads);
}

static void
table_end(struct table *t)
{
	if (t->format == F_JSON) {
		fputs(t->rows ? t->json.data : "[", stdout);
		fputs(t->rows ? "\n]\n" : "]\n", stdout);
	}
	buf_free(&t->json);
}

/* A part's field value (NULL: no such field or value: ""). */
static const char *
pval(const struct store_rec *p, const struct cfg_field *f)
{
	const char *v = p != NULL && f != NULL ? store_rec_get(p, f->id) : NULL;

	return v != NULL ? v : "";
}

/* The part's name in the user's language. */
static const char *
pname(const struct cfg_stock *k, const struct store_rec *p, const char *lang)
{
	const char *en = pval(p, k->name_en);

	if (as_lang_is_en(lang) && *en != '\0')
		return en;
	return pval(p, k->name);
}

struct stock_ctx {
	struct cli *cl;
	struct core *c;
	struct table t;
	const char *part;       /* --part: its code, NULL: all */
	int below;              /* --below-min */
	size_t shown;
};

static void
stock_row(struct stock_ctx *x, const char *account, const char *code,
	  long long qty, const struct store_rec *p)
{
	const struct cfg_stock *k = core_cfg(x->c)->stock;
	char q[32], mn[32];
	const char *cells[7];
	const char *mins = pval(p, k->min);

	snprintf(q, sizeof q, "%lld", qty);
	snprintf(mn, sizeof mn, "%s", mins);
	cells[0] = x->t.format == F_TEXT ? core_account_label(x->c, account) :
	    account;
	cells[1] = code;
	cells[2] = pname(k, p, x->cl->o.lang);
	cells[3] = q;
	cells[4] = pval(p, k->unit);
	cells[5] = mn;
	cells[6] = "";
	/* the minimum is the main account's (stock: accounts:, first) */
	if (*mins != '\0' && qty < strtoll(mins, NULL, 10) &&
	    k->naccounts > 0 && strcmp(account, k->accounts[0]->id) == 0)
		cells[6] = x->t.format == F_TEXT ? AS_TR("低于最低库存",
		    "below minimum") : "below_min";
	row_out(&x->t, cells, NULL);
	x->shown++;
}

/* Balances and parts are collected first, then shown (no nesting). */
struct brow {
	char *account, *code;
	long long qty;
};

struct bcollect {
	struct stock_ctx *x;
	struct brow *v;
	size_t n, cap;
	char **parts;           /* --below-min: the parts' record numbers */
	size_t np, pcap;
};

static int
bal_visit(const char *account, const char *part, long long qty, void *vctx)
{
	struct bcollect *b = vctx;

	if (!core_account_visible(b->x->c, account))
		return 0;
	if (b->x->part != NULL && strcmp(b->x->part, part) != 0)
		return 0;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->v = xrealloc(b->v, b->cap * sizeof *b->v);
	}
	b->v[b->n].account = xstrdup(account);
	b->v[b->n].code = xstrdup(part);
	b->v[b->n++].qty = qty;
	return 0;
}

static int
part_visit(const struct store_rec *p, void *vctx)
{
	struct bcollect *b = vctx;

	if (b->np == b->pcap) {
		b->pcap = b->pcap ? b->pcap * 2 : 64;
		b->parts = xrealloc(b->parts, b->pcap * sizeof *b->parts);
	}
	b->parts[b->np++] = xstrdup(p->id);
	return 0;
}

static void
bcollect_free(struct bcollect *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->v[i].account);
		free(b->v[i].code);
	}
	for (i = 0; i < b->np; i++)
		free(b->parts[i]);
	free(b->v);
	free(b->parts);
}

/* The balances collected, each with its part. */
static void
show_balances(struct stock_ctx *x, struct bcollect *b)
{
	struct store_rec *p;
	struct as_err err;
	size_t i;

	for (i = 0; i < b->n; i++) {
		as_err_clear(&err);
		if (core_part_find(x->c, b->v[i].code, &p, &err) != 0)
			p = NULL;
		stock_row(x, b->v[i].account, b->v[i].code, b->v[i].qty, p);
		store_rec_free(&p);
	}
}

/* --below-min: every part whose balance on account is below its minimum. */
static int
show_below(struct stock_ctx *x, struct bcollect *b, const char *account,
	   struct as_err *err)
{
	const struct cfg_stock *k = core_cfg(x->c)->stock;
	struct store_rec *p;
	const char *code, *mins;
	long long qty;
	size_t i;
	int rc = 0;

	for (i = 0; i < b->np && rc == 0; i++) {
		if ((rc = core_get(x->c, b->parts[i], &p, err)) != 0)
			break;
		code = pval(p, k->code);
		mins = pval(p, k->min);
		if (*mins != '\0' && *code != '\0' && (x->part == NULL ||
		    strcmp(x->part, code) == 0) &&
		    (rc = core_stock_balance(x->c, account, code, &qty,
		    err)) == 0 && qty < strtoll(mins, NULL, 10))
			stock_row(x, account, code, qty, p);
		store_rec_free(&p);
	}
	return rc;
}

/* --for: the balances kept per reference, zero ones left out. */
struct rrow {
	char *account, *code, *ref;
	long long qty;
};

struct rcollect {
	struct stock_ctx *x;
	struct rrow *v;
	size_t n, cap;
};

static int
ref_visit(const char *account, const char *part, const char *ref,
	  long long qty, void *vctx)
{
	struct rcollect *b = vctx;

	if (qty == 0 || !core_account_visible(b->x->c, account) ||
	    (b->x->part != NULL && strcmp(b->x->part, part) != 0))
		return 0;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->v = xrealloc(b->v, b->cap * sizeof *b->v);
	}
	b->v[b->n].account = xstrdup(account);
	b->v[b->n].code = xstrdup(part);
	b->v[b->n].ref = xstrdup(ref);
	b->v[b->n++].qty = qty;
	return 0;
}

static int
show_refs(struct stock_ctx *x, const char *account, const char *ref,
	  struct as_err *err)
{
	static const char *const keys[] = { "on_account", "kept_for",
	    "part_code", "part_name", "on_hand", "uom" };
	static const int widths[] = { 10, 13, 14, 18, 8, 0 };
	static const int right[] = { 0, 0, 0, 0, 1, 0 };
	const struct cfg_stock *k = core_cfg(x->c)->stock;
	const char *heads[6], *cells[6];
	struct rcollect b;
	struct store_rec *p;
	struct as_err e2;
	char q[32];
	size_t i;
	int rc;

	x->t.ncols = 6;
	x->t.keys = keys;
	x->t.widths = widths;
	x->t.right = right;
	heads[0] = AS_TR("账户", "Account");
	heads[1] = AS_TR("所属单据", "For");
	heads[2] = AS_TR("编码", "Code");
	heads[3] = AS_TR("名称", "Name");
	heads[4] = AS_TR("结存", "On hand");
	heads[5] = AS_TR("单位", "Unit");
	table_head(&x->t, heads);
	memset(&b, 0, sizeof b);
	b.x = x;
	rc = core_stock_ref_balances(x->c, account, ref, ref_visit, &b, err);
	for (i = 0; i < b.n; i++) {
		if (rc == 0) {
			as_err_clear(&e2);
			if (core_part_find(x->c, b.v[i].code, &p, &e2) != 0)
				p = NULL;
			snprintf(q, sizeof q, "%lld", b.v[i].qty);
			cells[0] = x->t.format == F_TEXT ?
			    core_account_label(x->c, b.v[i].account) :
			    b.v[i].account;
			cells[1] = b.v[i].ref;
			cells[2] = b.v[i].code;
			cells[3] = pname(k, p, x->cl->o.lang);
			cells[4] = q;
			cells[5] = pval(p, k->unit);
			row_out(&x->t, cells, NULL);
			store_rec_free(&p);
		}
		free(b.v[i].account);
		free(b.v[i].code);
		free(b.v[i].ref);
	}
	free(b.v);
	return rc;
}

static int
account_arg(struct core *c, const char *a, const char **out,
	    struct as_err *err)
{
	const struct cfg *cfg = core_cfg(c);
	size_t i;

	*out = NULL;
	if (a == NULL)
		return 0;
	for (i = 0; i < cfg->nunits; i++)
		if (core_is_named(cfg->units[i].id, &cfg->units[i].label, a)) {
			*out = cfg->units[i].id;
			break;
		}
	if (*out == NULL)
		return as_err_set(err, AS_E_NOTFOUND, AS_TR("没有账户“%s”",
		    "no account \"%s\""), a);
	if (!core_account_visible(c, *out))
		return as_err_set(err, AS_E_PERM, AS_TR("%s 不在您的单位之内，"
		    "看不到它的库存（R2 §3.7.6）", "%s is not within your "
		    "units: its stock is not yours to see (R2 §3.7.6)"),
		    core_account_label(c, *out));
	return 0;
}

int
cmd_stock(struct cli *cl)
{
	static const char *const keys[] = { "on_account", "part_code",
	    "part_name", "on_hand", "uom", "minimum", "flag" };
	static const int widths[] = { 10, 14, 18, 8, 4, 6, 0 };
	static const int right[] = { 0, 0, 0, 1, 0, 1, 0 };
	const char *heads[7];
	struct stock_ctx x;
	struct bcollect bc;
	struct store_rec *p = NULL;
	struct core *c;
	struct as_err err;
	const char *account = NULL;
	int rc;

	memset(&x, 0, sizeof x);
	x.cl = cl;
	x.below = cl->below_min;
	if ((x.t.format = format_of(cl->format)) < 0)
		return cli_usage(AS_TR("--format 是 text、tsv、csv 或 json",
		    "--format is text, tsv, csv or json"));
	if (cl->nargs > 1)
		return cli_usage(AS_TR("stock 不带参数；用 --part 或 --account",
		    "stock takes no arguments; use --part or --account"));
	if ((rc = cli_open(cl, 0, 1, &c)) != 0)
		return rc;
	x.c = c;
	as_err_clear(&err);
	if (core_cfg(c)->stock == NULL) {
		rc = as_err_set(&err, AS_E_CONFIG, AS_TR("配置中没有 stock:",
		    "the configuration has no stock:"));
		goto out;
	}
	if ((rc = account_arg(c, cl->account, &account, &err)) != 0)
		goto out;
	if (cl->part != NULL) {
		if ((rc = core_part_find(c, cl->part, &p, &err)) != 0)
			goto out;
		x.part = core_part_code(c, p);
	}
	if (cl->ref != NULL) {
		if (x.below)
			rc = as_err_set(&err, AS_E_USAGE, AS_TR("--for 与 "
			    "--below-min 不能同用", "--for and --below-min do "
			    "not go together"));
		else if ((rc = show_refs(&x, account, strcmp(cl->ref,
		    "all") == 0 ? NULL : cl->ref, &err)) == 0)
			table_end(&x.t);
		else
			buf_free(&x.t.json);
		goto out;
	}
	x.t.ncols = 7;
	x.t.keys = keys;
	x.t.widths = widths;
	x.t.right = right;
	heads[0] = AS_TR("账户", "Account");
	heads[1] = AS_TR("编码", "Code");
	heads[2] = AS_TR("名称", "Name");
	heads[3] = AS_TR("结存", "On hand");
	heads[4] = AS_TR("单位", "Unit");
	heads[5] = AS_TR("最低", "Min");
	heads[6] = "";
	table_head(&x.t, heads);
	memset(&bc, 0, sizeof bc);
	bc.x = &x;
	if (x.below) {
		const struct cfg_stock *k = core_cfg(c)->stock;
		struct core_list q;

		if (account == NULL)
			account = k->naccounts > 0 ? k->accounts[0]->id : NULL;
		if (account == NULL || !core_account_visible(c, account)) {
			rc = as_err_set(&err, AS_E_USAGE, AS_TR("--below-min "
			    "需要 --account", "--below-min needs --account"));
			goto out;
		}
		memset(&q, 0, sizeof q);
		q.type = k->parts->id;
		q.view = CORE_VIEW_ALL;
		if ((rc = core_list(c, &q, part_visit, &bc, &err)) == 0)
			rc = show_below(&x, &bc, account, &err);
	} else if ((rc = core_stock_balances(c, account, bal_visit, &bc,
	    &err)) == 0)
		show_balances(&x, &bc);
	bcollect_free(&bc);
	if (rc == 0)
		table_end(&x.t);
	else
		buf_free(&x.t.json);
out:
	store_rec_free(&p);
	core_close(&c);
	return rc != 0 ? cli_fail(rc, &err) : 0;
}

struct ledger_ctx {
	struct core *c;
	struct table t;
	int64_t from, to;       /* 0: no bound */
};

static int
move_visit(const struct store_move *m, void *vctx)
{
	struct ledger_ctx *x = vctx;
	struct as_buf when = {0};
	char line[16], qty[32], bal[32];
	const char *cells[6];

	if (!core_account_visible(x->c, m->account))
		return 0;
	if ((x->from != 0 && m->when < x->from) ||
	    (x->to != 0 && m->when >= x->to))
		return 0;
	core_format_time(x->c, m->when, 1, &when);
	snprintf(line, sizeof line, "%u", m->line);
	snprintf(qty, sizeof qty, x->t.format == F_TEXT ? "%+lld" : "%lld",
	    m->qty);
	snprintf(bal, sizeof bal, "%lld", m->balance);
	cells[0] = when.data != NULL ? when.data : "";
	cells[1] = m->doc;
	cells[2] = line;
	cells[3] = x->t.format == F_TEXT ? core_account_label(x->c,
	    m->account) : m->account;
	cells[4] = qty;
	cells[5] = bal;
	row_out(&x->t, cells, NULL);
	buf_free(&when);
	return 0;
}

/* A --from / --to date in the configured zone into *out. */
static int
date_arg(struct core *c, const char *s, int next_day, int64_t *out,
	 struct as_err *err)
{
	struct cfg_field f;
	char *v = NULL;
	int rc;

	*out = 0;
	if (s == NULL)
		return 0;
	memset(&f, 0, sizeof f);
	f.id = "date";
	f.type = CFG_T_DATE;
	f.label.zh = "日期";
	f.label.en = "date";
	if ((rc = core_parse_value(c, &f, s, &v, err)) != 0)
		return rc;
	*out = strtoll(v, NULL, 10) + (next_day ? 86400 : 0);
	free(v);
	return 0;
}

int
cmd_ledger(struct cli *cl)
{
	static const char *const keys[] = { "time", "document", "line_no",
	    "on_account", "moved", "balance" };
	static const int widths[] = { 16, 13, 4, 10, 8, 8 };
	static const int right[] = { 0, 0, 1, 0, 1, 1 };
	const char *heads[6];
	struct ledger_ctx x;
	struct store_rec *p = NULL;
	struct core *c;
	struct as_err err;
	const char *account = NULL;
	int rc;

	memset(&x, 0, sizeof x);
	if ((x.t.format = format_of(cl->format)) < 0)
		return cli_usage(AS_TR("--format 是 text、tsv、csv 或 json",
		    "--format is text, tsv, csv or json"));
	if (cl->nargs != 2)
		return cli_usage(AS_TR("用法: ledger 备件编码 [--account 账户] "
		    "[--from 日期] [--to 日期]", "usage: ledger CODE "
		    "[--account A] [--from DATE] [--to DATE]"));
	if ((rc = cli_open(cl, 0, 1, &c)) != 0)
		return rc;
	x.c = c;
	as_err_clear(&err);
	if ((rc = account_arg(c, cl->account, &account, &err)) != 0 ||
	    (rc = date_arg(c, cl->from, 0, &x.from, &err)) != 0 ||
	    (rc = date_arg(c, cl->to, 1, &x.to, &err)) != 0 ||
	    (rc = core_part_find(c, cl->args[1], &p, &err)) != 0)
		goto out;
	x.t.ncols = 6;
	x.t.keys = keys;
	x.t.widths = widths;
	x.t.right = right;
	heads[0] = AS_TR("时间", "Time");
	heads[1] = AS_TR("单据", "Document");
	heads[2] = AS_TR("行", "Line");
	heads[3] = AS_TR("账户", "Account");
	heads[4] = AS_TR("数量", "Qty");
	heads[5] = AS_TR("结存", "Balance");
	if (x.t.format == F_TEXT) {
		const struct cfg_stock *k = core_cfg(c)->stock;

		printf("%s  %s\n", cli_esc(core_part_code(c, p)),
		    cli_esc(pname(k, p, cl->o.lang)));
	}
	table_head(&x.t, heads);
	rc = core_stock_moves(c, core_part_code(c, p), account, move_visit, &x,
	    &err);
	if (rc == 0)
		table_end(&x.t);
	else
		buf_free(&x.t.json);
out:
	store_rec_free(&p);
	core_close(&c);
	return rc != 0 ? cli_fail(rc, &err) : 0;
}
