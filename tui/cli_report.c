/*
 * cli_report.c - `aftersales report`: the KPI figures of a month (R2
 * §3.2.1: timeliness, satisfaction, the service-caused complaint rate,
 * each against its target, by unit and by engineer) and the reports of
 * records the configuration declares (reports:, such as the complaint
 * register 客户投诉登记追踪表 of R1 §5.1), in text, csv, json or xlsx
 * through the one table writer (table.c).  Costs by bearer and claims by
 * supplier come with the cost lines (issue 12): their tables are core's
 * (core/money.c), and report_hooks below is where they join.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "table.h"
#include "../core/core_money.h"

/* The month of --month, or the current one (core_now, configured zone). */
static int
month_arg(struct core *c, const char *s, int *year, int *month)
{
	struct as_buf b = {0};
	int rc;

	if (s != NULL)
		return core_kpi_parse_month(s, year, month);
	core_format_time(c, core_now(c), 0, &b);
	rc = b.data != NULL && sscanf(b.data, "%4d-%2d", year, month) == 2
	    ? 0 : -1;
	buf_free(&b);
	return rc;
}

/* The target as text: "≥ 90%", "< 3%". */
static void
target_text(const struct cfg_target *t, struct as_buf *b)
{
	if (t->has_min)
		buf_addf(b, "≥ %g%%", t->min);
	if (t->has_min && t->has_max)
		buf_adds(b, ", ");
	if (t->has_max)
		buf_addf(b, "< %g%%", t->max);
}

static void
tenths(struct as_buf *b, long long v)
{
	buf_addf(b, "%lld.%lld", v / 10, v % 10);
}

/* One figure (or part) into row r of t: value, num, den from col on. */
static void
fig_cells(struct tbl *t, size_t r, size_t col, size_t metcol, int has,
	  long long ten, uint64_t num, uint64_t den, int met)
{
	struct as_buf b = {0};

	if (has) {
		tenths(&b, ten);
		tbl_set(t, r, col, b.data);
	}
	tbl_setf(t, r, col + 1, "%llu", (unsigned long long)num);
	tbl_setf(t, r, col + 2, "%llu", (unsigned long long)den);
	if (has)
		tbl_set(t, r, metcol, met ? "1" : "0");
	buf_free(&b);
}

static const char *
unit_label(const struct cfg *cfg, const char *id, const char *lang)
{
	const struct cfg_unit *u = *id != '\0' ? cfg_unit(cfg, id) : NULL;

	if (*id == '\0')
		return AS_TRL(lang, "（无单位）", "(no unit)");
	return u != NULL ? cfg_text(&u->label, lang, id) : id;
}

static const char *
user_label(const struct cfg *cfg, const char *login)
{
	const struct cfg_user *u = cfg_user(cfg, login);

	return u != NULL && u->name != NULL ? u->name : login;
}

/* The JSON members of the figures: "timeliness": {"value": ...}, ... */
static void
kpi_head(const struct core_kpi *k, const char *unit, struct as_buf *h)
{
	size_t i;

	buf_addf(h, "\"month\": \"%04d-%02d\", \"unit\": ", k->year, k->month);
	if (unit != NULL)
		cli_json_str(h, unit);
	else
		buf_adds(h, "null");
	for (i = 0; i < k->n; i++) {
		const struct core_kpi_fig *f = &k->v[i];
		const struct cfg_target *t = f->target;

		buf_adds(h, ",\n  ");
		cli_json_str(h, t->id);
		buf_adds(h, ": {\"value\": ");
		if (f->has_value)
			tenths(h, f->tenths);
		else
			buf_adds(h, "null");
		buf_addf(h, ", \"numerator\": %llu, \"denominator\": %llu, "
		    "\"target\": %g, \"target_is\": \"%s\", \"met\": %s}",
		    (unsigned long long)f->num, (unsigned long long)f->den,
		    t->has_min ? t->min : t->max, t->has_min ? "min" : "max",
		    !f->has_value ? "null" : f->met ? "true" : "false");
	}
}

static const struct tbl_col kpi_cols_zh[] = {
	{ "figure", "指标", TBL_TEXT }, { "label", "名称", TBL_TEXT },
	{ "value", "数值", TBL_PCT }, { "numerator", "分子", TBL_INT },
	{ "denominator", "分母", TBL_INT }, { "target", "目标", TBL_TEXT },
	{ "met", "达标", TBL_BOOL },
};
static const struct tbl_col kpi_cols_en[] = {
	{ "figure", "Figure", TBL_TEXT }, { "label", "Label", TBL_TEXT },
	{ "value", "Value", TBL_PCT }, { "numerator", "Numerator", TBL_INT },
	{ "denominator", "Denominator", TBL_INT },
	{ "target", "Target", TBL_TEXT }, { "met", "Met", TBL_BOOL },
};
static const struct tbl_col part_cols_zh[] = {
	{ "figure", "指标", TBL_TEXT }, { "key", "", TBL_TEXT },
	{ "label", "名称", TBL_TEXT }, { "value", "数值", TBL_PCT },
	{ "numerator", "分子", TBL_INT }, { "denominator", "分母", TBL_INT },
	{ "met", "达标", TBL_BOOL },
};
static const struct tbl_col part_cols_en[] = {
	{ "figure", "Figure", TBL_TEXT }, { "key", "", TBL_TEXT },
	{ "label", "Name", TBL_TEXT }, { "value", "Value", TBL_PCT },
	{ "numerator", "Numerator", TBL_INT },
	{ "denominator", "Denominator", TBL_INT }, { "met", "Met", TBL_BOOL },
};

/* by unit (units != 0) or by engineer: one row per figure and part. */
static void
kpi_parts(struct tbl *t, const struct cfg *cfg, const struct core_kpi *k,
	  int units, const char *lang)
{
	size_t i, j, r, n;

	for (i = 0; i < k->n; i++) {
		const struct core_kpi_fig *f = &k->v[i];
		const struct core_kpi_part *p = units ? f->units : f->eng;

		n = units ? f->nunits : f->neng;
		for (j = 0; j < n; j++) {
			int has = p[j].den > 0;

			r = tbl_row(t, has && !p[j].met);
			tbl_set(t, r, 0, f->target->id);
			tbl_set(t, r, 1, p[j].key);
			tbl_set(t, r, 2, units ? unit_label(cfg, p[j].key,
			    lang) : user_label(cfg, p[j].key));
			fig_cells(t, r, 3, 6, has, p[j].tenths, p[j].num,
			    p[j].den, p[j].met);
		}
	}
}

static int
report_kpi(struct cli *cl, struct core *c, enum tbl_fmt fmt)
{
	const struct cfg *cfg = core_cfg(c);
	const char *lang = cl->o.lang;
	int en = as_lang_is_en(lang);
	struct as_err err = {0};
	struct core_kpi k;
	struct tbl figs, byunit, byeng;
	struct tbl *all[3];
	struct as_buf title = {0}, b = {0}, head = {0};
	struct tbl_col *ucols, *ecols;
	int year, month, rc;
	size_t i, r;

	if (month_arg(c, cl->month, &year, &month) != 0)
		return cli_usage(AS_TR("--month 是 YYYY-MM（如 2026-10），"
				 "而不是“%s”", "--month is YYYY-MM (such as "
				 "2026-10), not \"%s\""), cl->month);
	if ((rc = core_kpi_month(c, year, month, cl->unit, &k, &err)) != 0)
		return cli_fail(rc, &err);
	buf_addf(&title, AS_TR("服务指标 %04d-%02d", "Service KPIs %04d-%02d"),
	    year, month);
	if (cl->unit != NULL) {
		const struct cfg_unit *u = NULL;

		core_kpi_unit(c, cl->unit, &u, &err);
		buf_addf(&title, " %s", u != NULL ? cfg_text(&u->label, lang,
		    u->id) : cl->unit);
	}
	tbl_init(&figs, "figures", title.data, en ? kpi_cols_en : kpi_cols_zh,
	    7);
	for (i = 0; i < k.n; i++) {
		const struct core_kpi_fig *f = &k.v[i];

		r = tbl_row(&figs, f->has_value && !f->met);
		tbl_set(&figs, r, 0, f->target->id);
		tbl_set(&figs, r, 1, cfg_text(&f->target->label, lang,
		    f->target->id));
		fig_cells(&figs, r, 2, 6, f->has_value, f->tenths, f->num,
		    f->den, f->met);
		b.len = 0;
		buf_adds(&b, "");
		target_text(f->target, &b);
		tbl_set(&figs, r, 5, b.data);
	}
	/* the part tables head their key column by what it holds */
	ucols = xcalloc(7, sizeof *ucols);
	ecols = xcalloc(7, sizeof *ecols);
	memcpy(ucols, en ? part_cols_en : part_cols_zh, 7 * sizeof *ucols);
	memcpy(ecols, ucols, 7 * sizeof *ecols);
	ucols[1].key = "unit_id";
	ucols[1].label = AS_TRL(lang, "单位", "Unit");
	ecols[1].key = "login";
	ecols[1].label = AS_TRL(lang, "工程师", "Engineer");
	tbl_init(&byunit, "by_unit", AS_TRL(lang, "按单位", "By unit"), ucols,
	    7);
	tbl_init(&byeng, "by_engineer", AS_TRL(lang, "按工程师", "By engineer"),
	    ecols, 7);
	kpi_parts(&byunit, cfg, &k, 1, lang);
	kpi_parts(&byeng, cfg, &k, 0, lang);
	kpi_head(&k, cl->unit, &head);
	all[0] = &figs;
	all[1] = &byunit;
	all[2] = &byeng;
	rc = tbl_write(all, 3, fmt, head.data, &err);
	tbl_free(&figs);
	tbl_free(&byunit);
	tbl_free(&byeng);
	free(ucols);
	free(ecols);
	buf_free(&title);
	buf_free(&b);
	buf_free(&head);
	core_kpi_free(&k);
	return rc != 0 ? cli_fail(rc, &err) : 0;
}

/* A cell of a report column for record r, as the command line shows it. */
static void
report_cell(struct core *c, const struct cfg_rectype *rt,
	    const struct cfg_column *k, const struct store_rec *r,
	    const char *lang, struct as_buf *b)
{
	const struct cfg_field *f = k->field;
	const struct cfg_state *st;
	const struct cfg_user *u;
	const char *v;

	b->len = 0;
	buf_adds(b, "");
	switch (k->show) {
	case CFG_SHOW_NUMBER:
		buf_adds(b, r->id);
		return;
	case CFG_SHOW_STATE:
		st = cfg_state(rt, r->state);
		buf_adds(b, st != NULL ? cfg_text(&st->label, lang, st->id)
		    : r->state);
		return;
	case CFG_SHOW_FIELD:
		break;
	default:
		return;
	}
	v = store_rec_get(r, f->id);
	if ((v == NULL || *v == '\0') && k->alt != NULL)
		v = store_rec_get(r, (f = k->alt)->id);
	if (v == NULL || *v == '\0')
		return;
	if (f->type == CFG_T_REF && f->ref != NULL &&
	    strcmp(f->ref, "user") == 0) {
		u = cfg_user(core_cfg(c), v);
		buf_adds(b, u != NULL && u->name != NULL ? u->name : v);
	} else if (f->type == CFG_T_TEXT || f->type == CFG_T_MULTILINE)
		buf_adds(b, v);
	else
		core_format_value(c, f, v, lang, b);
}

static const char *
column_label(const struct cfg_column *k, const char *lang)
{
	if (k->label.zh != NULL || k->label.en != NULL)
		return cfg_text(&k->label, lang, "");
	if (k->show == CFG_SHOW_FIELD)
		return cfg_text(&k->field->label, lang, k->field->id);
	return k->show == CFG_SHOW_NUMBER ? AS_TRL(lang, "编号", "Number")
	    : k->show == CFG_SHOW_STATE ? AS_TRL(lang, "状态", "State") : "";
}

static const char *
column_key(const struct cfg_column *k)
{
	if (k->name != NULL)
		return k->name;
	if (k->show == CFG_SHOW_FIELD)
		return k->field->id;
	return k->show == CFG_SHOW_NUMBER ? "number" : k->show ==
	    CFG_SHOW_STATE ? "state" : "";
}

/* A report of reports: (the complaint register, R1 §5.1). */
static int
report_records(struct cli *cl, struct core *c, const struct cfg_report *p,
	       enum tbl_fmt fmt)
{
	const char *lang = cl->o.lang;
	struct as_err err = {0};
	struct tbl t;
	struct tbl *all[1];
	struct tbl_col *cols;
	struct as_buf title = {0}, b = {0}, head = {0};
	struct store_rec *r;
	char **ids = NULL;
	size_t n = 0, i, j, row;
	int year = 0, month = 0, rc;

	if (cl->month != NULL && core_kpi_parse_month(cl->month, &year,
	    &month) != 0)
		return cli_usage(AS_TR("--month 是 YYYY-MM（如 2026-10），"
				 "而不是“%s”", "--month is YYYY-MM (such as "
				 "2026-10), not \"%s\""), cl->month);
	if ((rc = core_report_ids(c, p, year, month, &ids, &n, &err)) != 0)
		return cli_fail(rc, &err);
	cols = xcalloc(p->ncolumns + 1, sizeof *cols);
	for (i = 0; i < p->ncolumns; i++) {
		cols[i].key = column_key(&p->columns[i]);
		cols[i].label = column_label(&p->columns[i], lang);
		cols[i].kind = TBL_TEXT;
	}
	buf_adds(&title, cfg_text(&p->label, lang, p->id));
	if (year > 0)
		buf_addf(&title, " %04d-%02d", year, month);
	tbl_init(&t, "records", title.data, cols, p->ncolumns);
	for (i = 0; i < n && rc == 0; i++) {
		if ((rc = core_get(c, ids[i], &r, &err)) != 0)
			break;
		row = tbl_row(&t, 0);
		for (j = 0; j < p->ncolumns; j++) {
			report_cell(c, p->type, &p->columns[j], r, lang, &b);
			tbl_set(&t, row, j, b.data);
		}
		store_rec_free(&r);
	}
	buf_adds(&head, "\"report\": ");
	cli_json_str(&head, p->id);
	buf_adds(&head, ", \"month\": ");
	if (year > 0)
		buf_addf(&head, "\"%04d-%02d\"", year, month);
	else
		buf_adds(&head, "null");
	all[0] = &t;
	if (rc == 0)
		rc = tbl_write(all, 1, fmt, head.data, &err);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	tbl_free(&t);
	free(cols);
	buf_free(&title);
	buf_free(&b);
	buf_free(&head);
	return rc != 0 ? cli_fail(rc, &err) : 0;
}

/*
 * The reports of the cost lines (core/money.c): a money_table as a report
 * table, amounts in yuan, rates in percent.
 */
static int
report_money(const struct money_table *m, const char *key, const char *title,
	     const char *head, enum tbl_fmt fmt)
{
	static const enum tbl_kind kinds[] = { [MONEY_TEXT] = TBL_TEXT,
	    [MONEY_FEN] = TBL_MONEY, [MONEY_COUNT] = TBL_INT,
	    [MONEY_PERMILLE] = TBL_PCT };
	struct as_err err = {0};
	struct tbl t, *all[1];
	struct tbl_col *cols;
	long long n;
	size_t i, j, row;
	int rc;

	cols = xcalloc(m->ncols ? m->ncols : 1, sizeof *cols);
	for (j = 0; j < m->ncols; j++) {
		cols[j].key = m->ids[j];
		cols[j].label = m->heads[j];
		cols[j].kind = kinds[m->kinds[j]];
	}
	tbl_init(&t, key, title, cols, m->ncols);
	for (i = 0; i < m->nrows; i++) {
		row = tbl_row(&t, 0);
		for (j = 0; j < m->ncols; j++) {
			n = m->num != NULL ? m->num[i * m->ncols + j] : 0;
			switch (m->kinds[j]) {
			case MONEY_TEXT:
				tbl_set(&t, row, j, m->text[i * m->ncols + j]);
				break;
			case MONEY_FEN:
				tbl_setf(&t, row, j, "%s%lld.%02lld",
				    n < 0 ? "-" : "", (n < 0 ? -n : n) / 100,
				    (n < 0 ? -n : n) % 100);
				break;
			case MONEY_COUNT:
				tbl_setf(&t, row, j, "%lld", n);
				break;
			case MONEY_PERMILLE:
				tbl_setf(&t, row, j, "%lld.%lld", n / 10,
				    n % 10);
				break;
			}
		}
	}
	all[0] = &t;
	rc = tbl_write(all, 1, fmt, head, &err);
	tbl_free(&t);
	free(cols);
	return rc != 0 ? cli_fail(rc, &err) : 0;
}

/* report costs: costs by bearer per month (R1 §6, §9). */
static int
report_costs(struct cli *cl, struct core *c, enum tbl_fmt fmt)
{
	struct money_table m;
	struct as_err err = {0};
	struct as_buf title = {0}, head = {0};
	int year, month, rc;
	char ym[16];

	if (cl->month != NULL && core_kpi_parse_month(cl->month, &year,
	    &month) != 0)
		return cli_usage(AS_TR("--month 是 YYYY-MM（如 2026-10），"
				 "而不是“%s”", "--month is YYYY-MM (such as "
				 "2026-10), not \"%s\""), cl->month);
	if (cl->month != NULL)
		snprintf(ym, sizeof ym, "%04d-%02d", year, month);
	if ((rc = money_costs_by_bearer(c, cl->month != NULL ? ym : NULL, &m,
	    &err)) != 0)
		return cli_fail(rc, &err);
	buf_adds(&title, AS_TR("费用按承担方", "Costs by bearer"));
	if (cl->month != NULL) {
		buf_addf(&title, " %s", ym);
		buf_addf(&head, "\"month\": \"%s\"", ym);
	}
	rc = report_money(&m, "by_bearer", title.data, head.data, fmt);
	money_table_free(&m);
	buf_free(&title);
	buf_free(&head);
	return rc;
}

/* report claims: supplier claims by supplier, ageing, recovery (R2 §3.8). */
static int
report_claims(struct cli *cl, struct core *c, enum tbl_fmt fmt)
{
	struct money_table m;
	struct as_err err = {0};
	int rc;

	if (cl->month != NULL)
		return cli_usage("%s", AS_TR("report claims 不带 --month："
				 "它列出所有索赔及其账龄", "report claims "
				 "takes no --month: it lists every claim with "
				 "its age"));
	if ((rc = money_claims_by_supplier(c, &m, &err)) != 0)
		return cli_fail(rc, &err);
	rc = report_money(&m, "by_supplier", AS_TR("二次索赔按配套厂家",
	    "Supplier claims by supplier"), NULL, fmt);
	money_table_free(&m);
	return rc;
}

/*
 * The reports built in besides the configured reports: (the command
 * line's words, like its options).
 */
static const struct {
	const char *name;
	int (*fn)(struct cli *, struct core *, enum tbl_fmt);
} builtin_reports[] = {
	{ "kpi", report_kpi },
	{ "costs", report_costs },
	{ "claims", report_claims },
};

int
cmd_report(struct cli *cl)
{
	const struct cfg *cfg;
	struct as_err err = {0};
	enum tbl_fmt fmt;
	struct core *c;
	size_t i;
	int rc;

	if (cl->nargs != 2)
		return cli_usage("%s", AS_TR("用法: aftersales report "
				 "kpi|costs|claims|ID [--month YYYY-MM] "
				 "[--unit 单位] [--format text|csv|json|xlsx]",
				 "usage: aftersales report kpi|costs|claims|ID "
				 "[--month YYYY-MM] [--unit U] "
				 "[--format text|csv|json|xlsx]"));
	if (cl->unit != NULL && strcmp(cl->args[1], "kpi") != 0)
		return cli_usage("%s", AS_TR("--unit 只用于 report kpi",
				 "--unit is for report kpi only"));
	if (tbl_format(cl->format, &fmt) != 0)
		return cli_usage(AS_TR("report 的 --format 是 text、csv、json "
				 "或 xlsx，而不是“%s”", "--format for report "
				 "is text, csv, json or xlsx, not \"%s\""),
				 cl->format);
	if ((rc = cli_open(cl, 0, 1, &c)) != 0)
		return rc;
	cfg = core_cfg(c);
	for (i = 0; i < sizeof builtin_reports / sizeof *builtin_reports; i++)
		if (strcmp(cl->args[1], builtin_reports[i].name) == 0)
			break;
	if (i < sizeof builtin_reports / sizeof *builtin_reports)
		rc = builtin_reports[i].fn(cl, c, fmt);
	else {
		for (i = 0; i < cfg->nreports; i++)
			if (strcmp(cfg->reports[i].id, cl->args[1]) == 0)
				break;
		if (i < cfg->nreports)
			rc = report_records(cl, c, &cfg->reports[i], fmt);
		else {
			as_err_set(&err, AS_E_NOTFOUND, AS_TR("没有报表“%s”"
			    "（有 kpi、costs、claims 和配置的 reports:）",
			    "no report \"%s\" (there are kpi, costs, claims "
			    "and the configured reports:)"), cl->args[1]);
			rc = cli_fail(AS_E_NOTFOUND, &err);
		}
	}
	core_close(&c);
	return rc;
}
