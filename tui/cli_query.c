/*
 * cli_query.c - the read side of the command line: status ("where is my
 * complaint?"), show, list and backup, in text (aligned by display width,
 * so Chinese names line up), tsv or json.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

void
cli_pad(const char *s, int cols)
{
	const char *e = cli_esc(s);
	int used = utf8_width(e, strlen(e));  /* of what the terminal shows */

	fputs(e, stdout);
	for (; used < cols; used++)
		putchar(' ');
	putchar(' ');
}

void
cli_cell(const char *s, int cols)
{
	struct as_buf b = {0};
	int used;

	if (cols <= 0) {
		cli_pad(s, cols);
		return;
	}
	used = utf8_ellipsize(&b, cli_esc(s), cols);
	fputs(b.data != NULL ? b.data : "", stdout);
	for (; used < cols; used++)
		putchar(' ');
	putchar(' ');
	buf_free(&b);
}

void
cli_json_str(struct as_buf *b, const char *s)
{
	buf_add(b, "\"", 1);
	for (; s != NULL && *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			buf_addf(b, "\\%c", ch);
		else if (ch == '\n')
			buf_adds(b, "\\n");
		else if (ch == '\t')
			buf_adds(b, "\\t");
		else if (ch == '\r')
			buf_adds(b, "\\r");
		else if (ch < 0x20 || ch == 0x7f)
			buf_addf(b, "\\u%04x", ch);
		else if (ch == 0xc2 && (unsigned char)s[1] >= 0x80 &&
		    (unsigned char)s[1] <= 0x9f)       /* C1 as UTF-8 */
			buf_addf(b, "\\u%04x", (unsigned char)*++s);
		else
			buf_add(b, s, 1);
	}
	buf_add(b, "\"", 1);
}

/*
 * A TSV cell: every control character escaped (TAB as \t, LF as \n, ESC
 * as \x1b, the backslash as \\), so a value never breaks the columns.
 */
static void
tsv_cell(const char *s, int last)
{
	fputs(cli_esc(s), stdout);
	putchar(last ? '\n' : '\t');
}

static void
format_age(int64_t secs, struct as_buf *b)
{
	if (secs < 0)
		secs = 0;
	if (secs < 3600)
		buf_addf(b, "%" PRId64 "m", secs / 60);
	else if (secs < 86400)
		buf_addf(b, "%" PRId64 "h", secs / 3600);
	else
		buf_addf(b, "%" PRId64 "d", secs / 86400);
}

/* What r waits for: "label (role, role); label (Owner 王工)". */
static void
waits_for(struct core *c, const struct store_rec *r, const char *lang,
	  struct as_buf *b)
{
	wf_waits_text(c, r, lang, 0, b);
}

struct row_ctx {
	struct cli *cl;
	struct core *c;
	size_t n;
	int64_t now;
	int state_cols;           /* widest state label of the type */
	struct as_buf json;
};

/* Display width of the widest state label of record type `type`. */
static int
state_cols(struct core *c, const char *type, const char *lang)
{
	const struct cfg_rectype *rt = cfg_rectype(core_cfg(c), type);
	size_t i;
	int w = 0;

	for (i = 0; rt != NULL && i < rt->nstates; i++) {
		const char *l = cfg_text(&rt->states[i].label, lang,
					 rt->states[i].id);
		int lw = utf8_width(l, strlen(l));

		if (lw > w)
			w = lw;
	}
	return w;
}

static const char *
owner_name(struct core *c, const char *login)
{
	const struct cfg_user *u;

	if (login == NULL)
		return "";
	u = cfg_user(core_cfg(c), login);
	return u != NULL && u->name != NULL ? u->name : login;
}


/*
 * The next deadline of r after a text row: " · 响应时限 11-27 08:00", or
 * " · 响应时限 超时 11-27 08:00" when it has passed.
 */
static void
print_due(struct row_ctx *x, int64_t due, const struct cfg_clock *k)
{
	struct as_buf t = {0};
	const char *lang = x->cl->o.lang;

	core_format_time(x->c, due, 1, &t);
	printf(" · %s %s%s", k != NULL ? cli_esc(cfg_text(&k->label,
	       lang, k->id)) : AS_TRL(lang, "期限", "Due"), due < x->now ?
	       AS_TRL(lang, "超时 ", "OVERDUE ") : "",
	       t.len > 5 ? t.data + 5 : "");
	buf_free(&t);
}

/* What column k shows of r on the text row (a new string). */
static char *
col_text(struct row_ctx *x, const struct cfg_column *k,
	 const struct store_rec *r)
{
	const struct cfg_field *f = k->field;
	const char *v = store_rec_get(r, f->id);
	struct as_buf b = {0};

	if ((v == NULL || *v == '\0') && k->alt != NULL) {
		f = k->alt;
		v = store_rec_get(r, f->id);
	}
	if (v == NULL || *v == '\0')
		return xstrdup("");
	if (f->type == CFG_T_REF && f->ref != NULL &&
	    strcmp(f->ref, "user") == 0)
		return xstrdup(owner_name(x->c, v));
	if (f->type == CFG_T_TEXT || f->type == CFG_T_MULTILINE)
		return xstrdup(v);
	core_format_value(x->c, f, v, x->cl->o.lang, &b);
	return b.data != NULL ? b.data : xstrdup("");
}

/* The stored value column k shows of r (tsv, json), NULL: none. */
static const char *
col_value(const struct cfg_column *k, const struct store_rec *r)
{
	const char *v = store_rec_get(r, k->field->id);

	if ((v == NULL || *v == '\0') && k->alt != NULL)
		v = store_rec_get(r, k->alt->id);
	return v;
}

/*
 * One record in the type's list: columns (config.h): text pads each
 * column to its width (state: the widest state label), tsv gives the
 * stored values (state as id and label), json an object keyed by name:.
 */
static int
print_row(const struct store_rec *r, void *vctx)
{
	struct row_ctx *x = vctx;
	const char *lang = x->cl->o.lang;
	const struct cfg_rectype *rt = cfg_rectype(core_cfg(x->c), r->type);
	const struct cfg_state *s = core_state(x->c, r);
	const char *slabel = s ? cfg_text(&s->label, lang, s->id) : r->state;
	struct as_buf age = {0}, waits = {0}, d = {0};
	const struct cfg_column *k;
	const struct cfg_clock *clock;
	int64_t due = 0;
	int has_due = core_deadline(x->c, r, &due, &clock);
	int tsv = strcmp(x->cl->format, "tsv") == 0;
	int json = strcmp(x->cl->format, "json") == 0;
	struct as_buf *j = &x->json;
	size_t i, n = rt != NULL ? rt->nlist : 0;
	char *t;

	format_age(x->now - r->created, &age);
	waits_for(x->c, r, lang, &waits);
	if (tsv && has_due)
		core_format_time(x->c, due, 1, &d);
	if (json)
		buf_adds(j, x->n ? ",\n {" : "[\n {");
	for (i = 0; i < n; i++) {
		k = &rt->list[i];
		if (json && i > 0)
			buf_adds(j, ", ");
		switch (k->show) {
		case CFG_SHOW_NUMBER:
			if (tsv)
				tsv_cell(r->id, i + 1 == n);
			else if (json) {
				buf_adds(j, "\"number\": ");
				cli_json_str(j, r->id);
			} else
				cli_cell(r->id, k->width);
			break;
		case CFG_SHOW_STATE:
			if (tsv) {
				tsv_cell(r->state, 0);
				tsv_cell(slabel, i + 1 == n);
			} else if (json) {
				buf_adds(j, "\"state\": ");
				cli_json_str(j, r->state);
				buf_adds(j, ", \"state_label\": ");
				cli_json_str(j, slabel);
			} else {
				if (x->state_cols == 0)
					x->state_cols = state_cols(x->c,
					    r->type, lang);
				cli_cell(slabel, k->width ? k->width
					: x->state_cols);
			}
			break;
		case CFG_SHOW_AGE:
			if (tsv)
				tsv_cell(age.data, i + 1 == n);
			else if (json)
				buf_addf(j, "\"age_seconds\": %" PRId64,
					 x->now - r->created);
			else
				cli_cell(age.data, k->width);
			break;
		case CFG_SHOW_WAITS:
			if (tsv)
				tsv_cell(waits.data, i + 1 == n);
			else if (json) {
				buf_adds(j, "\"waits_for\": ");
				cli_json_str(j, waits.data);
			} else if (k->width)
				cli_cell(waits.data ? waits.data : "-",
					k->width);
			else
				printf("%s", waits.data ? cli_esc(waits.data)
				       : "-");
			break;
		case CFG_SHOW_DUE:
			if (tsv)
				tsv_cell(d.data, i + 1 == n);
			else if (json && has_due)
				buf_addf(j, "\"due\": %" PRId64
					 ", \"overdue\": %s", due,
					 due < x->now ? "true" : "false");
			else if (json)
				buf_adds(j, "\"due\": null, "
					 "\"overdue\": false");
			else if (has_due)
				print_due(x, due, clock);
			break;
		default:
			if (tsv)
				tsv_cell(col_value(k, r), i + 1 == n);
			else if (json) {
				cli_json_str(j, k->name != NULL ? k->name
					     : k->field->id);
				buf_adds(j, ": ");
				cli_json_str(j, col_value(k, r));
			} else {
				t = col_text(x, k, r);
				cli_cell(t, k->width);
				free(t);
			}
			break;
		}
	}
	if (json) {
		buf_adds(j, "}");
		fwrite(j->data, 1, j->len, stdout);
		j->len = 0;
	} else if (!tsv)
		putchar('\n');
	else if (n == 0)
		putchar('\n');
	buf_free(&d);
	buf_free(&age);
	buf_free(&waits);
	x->n++;
	return 0;
}

static int
check_format(const struct cli *cl)
{
	if (strcmp(cl->format, "text") != 0 && strcmp(cl->format, "tsv") != 0 &&
	    strcmp(cl->format, "json") != 0)
		return cli_usage(AS_TR("--format 是 text、tsv 或 json，而不是"
				 "“%s”", "--format is text, tsv or json, not "
				 "\"%s\""), cl->format);
	return 0;
}

static void
end_rows(struct row_ctx *x)
{
	if (strcmp(x->cl->format, "json") == 0)
		fputs(x->n ? "\n]\n" : "[]\n", stdout);
	buf_free(&x->json);
}

/*
 * The matches of status, kept to print each with its links: the first
 * `limit`, and a count of the others.
 */
struct found {
	size_t n, cap, limit, more;
	struct store_rec **v;
};

/* How far status counts the matches it does not show. */
#define STATUS_COUNT_MAX 10000

static int
keep_found(const struct store_rec *r, void *vctx)
{
	struct found *f = vctx;

	if (f->n >= f->limit) {
		f->more++;
		return 0;
	}
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 16;
		f->v = xrealloc(f->v, f->cap * sizeof *f->v);
	}
	f->v[f->n++] = store_rec_dup(r);
	return 0;
}

/* "the number, Phone, Serial and Customer": what status tries. */
static void
tried(const struct cfg *cfg, const char *lang, struct as_buf *b)
{
	const char *v[64], *l[64];
	size_t i, j, k, n = 0;

	for (i = 0; i < cfg->nrectypes; i++)
		for (j = 0; j < cfg->rectypes[i].nlookups && n < 64; j++) {
			const char *id = cfg->rectypes[i].lookups[j].field->id;

			for (k = 0; k < n && strcmp(v[k], id) != 0; k++)
				;
			if (k == n) {
				l[n] = cfg_text(&cfg->rectypes[i].lookups[j].
				    field->label, lang, id);
				v[n++] = id;
			}
		}
	buf_adds(b, AS_TR("编号", "the number"));
	for (i = 0; i < n; i++)
		buf_addf(b, "%s%s", i + 1 == n ? AS_TR("和", " and ") :
			 AS_TR("、", ", "), l[i]);
}

int
cmd_status(struct cli *cl)
{
	struct row_ctx x = { .cl = cl };
	struct as_err err = {0};
	struct found found = {0};
	struct core *c;
	size_t i;
	int rc;

	if (cl->nargs != 2)
		return cli_usage("%s", AS_TR("用法: aftersales status 查询"
				 "（编号、电话、序列号或名称的开头）",
				 "usage: aftersales status QUERY (a number, "
				 "phone, serial or name start)"));
	if ((rc = check_format(cl)) != 0)
		return rc;
	if ((rc = cli_open(cl, 0, 1, &c)) != 0)
		return rc;
	x.c = c;
	x.now = core_now(c);
	found.limit = cl->limit ? cl->limit : 50;
	rc = core_find(c, cl->args[1], found.limit + STATUS_COUNT_MAX,
		       keep_found, &found, &err);
	for (i = 0; i < found.n; i++) {
		print_row(found.v[i], &x);
		/* text: each match's open linked records and their states */
		if (rc == 0 && strcmp(cl->format, "text") == 0)
			rc = cli_print_links(c, found.v[i], 1, cl->o.lang,
					     &err);
		store_rec_free(&found.v[i]);
	}
	free(found.v);
	end_rows(&x);
	if (rc == 0 && found.more > 0)
		fprintf(stderr, AS_TR("… 另有 %zu%s 条；用 --limit N 显示更多\n",
			"… and %zu%s more; use --limit N to see them\n"),
			found.more, found.more >= STATUS_COUNT_MAX ? "+" : "");
	if (rc != 0) {
		core_close(&c);
		return cli_fail(rc, &err);
	}
	if (x.n == 0) {
		struct as_buf b = {0};

		tried(core_cfg(c), cl->o.lang, &b);
		fprintf(stderr, AS_TR("aftersales: 没有与“%s”相符的记录（查找了"
			"%s）\n", "aftersales: nothing matches \"%s\" (tried "
			"%s)\n"), cli_esc(cl->args[1]), cli_esc(b.data));
		buf_free(&b);
		core_leave(&c);
		return cli_exit_code(AS_E_NOTFOUND);
	}
	core_leave(&c);
	return 0;
}

/* "--sort is number, customer, ..., state or due, not "x"". */
static int
sort_usage(struct core *c, const char *type, const char *bad)
{
	const struct cfg_rectype *rt = cfg_rectype(core_cfg(c), type);
	struct as_buf b = {0};
	size_t i;
	int rc;

	buf_adds(&b, "number");
	for (i = 0; rt != NULL && i < rt->nsorts; i++)
		buf_addf(&b, "%s%s", AS_TR("、", ", "), rt->sorts[i].id);
	rc = cli_usage(AS_TR("--sort 是 %s、state 或 due（或它们的名称），"
		       "而不是“%s”", "--sort is %s, state or due (or their "
		       "labels), not \"%s\""), b.data, bad);
	buf_free(&b);
	return rc;
}

int
cmd_list(struct cli *cl)
{
	struct row_ctx x = { .cl = cl };
	struct core_list q = {0};
	struct as_err err = {0};
	struct core *c;
	int rc;

	if (cl->nargs > 2)
		return cli_usage("%s", AS_TR("用法: aftersales list [类型] "
				 "[--state 状态 | --open | --closed | --mine | --role] "
				 "[--sort 排序] [--reverse]", "usage: aftersales "
				 "list [TYPE] [--state S | --open | --closed | "
				 "--mine | --role] [--sort ORDER] [--reverse]"));
	if ((rc = check_format(cl)) != 0)
		return rc;
	if ((rc = cli_open(cl, 0, 1, &c)) != 0)
		return rc;
	x.c = c;
	x.now = core_now(c);
	q.type = cl->nargs == 2 ? cli_type(c, cl->args[1])
		 : core_cfg(c)->nrectypes > 0 ? core_cfg(c)->rectypes[0].id
		 : "";
	if (cl->sort != NULL && core_order_parse(c, q.type, cl->sort,
						  &q.order, &q.sort) != 0) {
		rc = sort_usage(c, q.type, cl->sort);
		core_close(&c);
		return rc;
	}
	q.view = cl->view;
	q.state = cl->state;
	q.limit = cl->limit;
	q.backwards = cl->reverse;
	q.units = cl->units;
	rc = core_list(c, &q, print_row, &x, &err);
	end_rows(&x);
	core_close(&c);
	return rc != 0 ? cli_fail(rc, &err) : 0;
}

struct show_ctx {
	struct core *c;
	const char *lang;
	const struct cfg_rectype *rt;
};

static const char *
state_label(const struct cfg_rectype *rt, const char *id, const char *lang)
{
	const struct cfg_state *s = id ? cfg_state(rt, id) : NULL;

	return s != NULL ? cfg_text(&s->label, lang, s->id) : id ? id : "";
}

/*
 * Print value v of field escaped; only a multi-line field keeps its line
 * breaks, and its further lines start indent columns in, so no value can
 * pass for a line of its own.
 */
static void
show_value(struct show_ctx *x, const char *field, const char *v, int indent)
{
	const struct cfg_field *f = cfg_field(x->rt, field);
	struct as_buf b = {0};
	const char *e;

	if (v == NULL) {
		fputs("-", stdout);
		return;
	}
	if (f != NULL)
		core_format_value(x->c, f, v, x->lang, &b);
	e = cli_escf(b.data ? b.data : v, f != NULL &&
		     f->type == CFG_T_MULTILINE ? AS_ESC_LF : 0);
	for (; *e != '\0'; e++) {
		putchar(*e);
		if (*e == '\n')
			printf("%*s", indent, "");
	}
	buf_free(&b);
}

/*
 * A lines field as a table under its label, indent columns in: a header
 * of the column labels, then one row per line numbered from 1, every
 * column as wide as its widest cell (display width, so Chinese lines up),
 * numbers (int, money) right-aligned.
 */
static void
show_lines(struct show_ctx *x, const struct cfg_field *f, const char *v,
	   int indent)
{
	struct core_lines l;
	size_t i, j, nc = f->ncolumns;
	int *w, nw;

	if (core_lines_cells(x->c, f, v, x->lang, &l) != 0) {
		show_value(x, f->id, v, indent);
		return;
	}
	if (l.n == 0)
		return;
	w = xcalloc(nc, sizeof *w);
	for (j = 0; j < nc; j++) {
		const char *h = cli_esc(cfg_text(&f->columns[j].label, x->lang,
						 f->columns[j].id));

		w[j] = utf8_width(h, strlen(h));
		for (i = 0; i < l.n; i++) {
			const char *e = cli_esc(l.cell[i * nc + j]);

			if (utf8_width(e, strlen(e)) > w[j])
				w[j] = utf8_width(e, strlen(e));
		}
	}
	nw = snprintf(NULL, 0, "%zu", l.n);
	for (i = 0; i <= l.n; i++) {
		size_t end = nc;   /* no trailing blanks: stop at the last cell */

		while (i > 0 && end > 1 && l.cell[(i - 1) * nc + end - 1][0] ==
		    '\0')
			end--;
		printf("\n%*s", indent, "");
		if (i == 0)
			printf("%*s ", nw, "#");
		else
			printf("%*zu ", nw, i);
		for (j = 0; j < nc; j++) {
			const struct cfg_field *col = &f->columns[j];
			const char *e = cli_esc(i == 0 ? cfg_text(&col->label,
			    x->lang, col->id) : l.cell[(i - 1) * nc + j]);
			int used = utf8_width(e, strlen(e)), k;
			int right = i > 0 && (col->type == CFG_T_INT ||
			    col->type == CFG_T_MONEY);

			for (k = used; right && k < w[j]; k++)
				putchar(' ');
			fputs(e, stdout);
			if (j + 1 == end)
				break;
			for (k = used; !right && k < w[j]; k++)
				putchar(' ');
			putchar(' ');
		}
	}
	free(w);
	core_lines_free(&l);
}

/* The SLA clocks of r, one line each: label, due or when it stopped. */
static void
show_clocks(struct show_ctx *x, const struct store_rec *r, int width)
{
	struct core_clock k[8];
	size_t n = core_clocks(x->c, r, k, 8), i;
	int64_t now = core_now(x->c);

	for (i = 0; i < n; i++) {
		struct as_buf b = {0};

		cli_pad(cfg_text(&k[i].clock->label, x->lang, k[i].clock->id),
			width);
		core_clock_text(x->c, &k[i], x->lang, now, &b);
		printf("%s\n", cli_esc(b.data));
		buf_free(&b);
	}
}

/* The label of a history event's action: a transition, or create/edit. */
static const char *
action_label(const struct cfg_transition *t, const char *action,
	     const char *lang)
{
	if (t != NULL)
		return cfg_text(&t->label, lang, t->id);
	if (strcmp(action, "create") == 0)
		return AS_TRL(lang, "登记", "Register");
	if (strcmp(action, "edit") == 0)
		return AS_TRL(lang, "修改", "Edit");
	if (strcmp(action, "upgrade") == 0)
		return AS_TRL(lang, "升级", "Upgrade");
	return action;
}

static int
show_event(const struct store_event *e, void *vctx)
{
	struct show_ctx *x = vctx;
	const struct cfg_transition *t = cfg_transition(x->rt, e->action);
	const struct cfg_user *u = cfg_user(core_cfg(x->c), e->who);
	struct as_buf when = {0};
	size_t i;

	core_format_time(x->c, e->when, 1, &when);
	printf("  %s  ", cli_esc(when.data));
	cli_pad(u != NULL && u->name ? u->name : e->who, 8);
	printf("%s  ", cli_esc(action_label(t, e->action, x->lang)));
	if (e->from != NULL && strcmp(e->from, e->to) != 0)
		printf("%s → ", cli_esc(state_label(x->rt, e->from, x->lang)));
	if (e->from == NULL || strcmp(e->from, e->to) != 0)
		printf("%s", cli_esc(state_label(x->rt, e->to, x->lang)));
	printf(AS_TRL(x->lang, "  （第 %" PRIu64 " 版）\n",
	       "  (rev %" PRIu64 ")\n"), e->rev);
	for (i = 0; i < e->nchanges; i++) {
		const struct cfg_field *f = cfg_field(x->rt, e->changes[i].field);
		struct as_buf l = {0}, l2 = {0}, o = {0}, v = {0};

		if (core_clock_change_text(x->c, x->rt, e->changes[i].field,
		    e->changes[i].old, x->lang, &l, &o)) {
			core_clock_change_text(x->c, x->rt, e->changes[i].field,
			    e->changes[i].new, x->lang, &l2, &v);
			if (core_change_new_only(e->changes[i].field))
				buf_free(&o);
			printf("      %s: %s%s%s\n", cli_esc(l.data),
			       cli_esc(o.data), o.data ? " → " : "",
			       v.data ? cli_esc(v.data) : "-");
			buf_free(&l);
			buf_free(&l2);
			buf_free(&o);
			buf_free(&v);
			continue;
		}

		printf("      %s: ", cli_esc(f ? cfg_text(&f->label, x->lang,
		       f->id) : e->changes[i].field));
		/* a lines field: only the cells that changed */
		if (f != NULL && core_lines_change_text(x->c, f,
		    e->changes[i].old, e->changes[i].new, x->lang, &v)) {
			printf("%s\n", cli_esc(v.data));
			buf_free(&v);
			continue;
		}
		if (e->changes[i].old != NULL) {
			show_value(x, e->changes[i].field, e->changes[i].old,
				   8);
			fputs(" → ", stdout);
		}
		show_value(x, e->changes[i].field, e->changes[i].new, 8);
		putchar('\n');
	}
	buf_free(&when);
	return 0;
}

/* show: a "Links:" section when r has any, every link one line. */
static int
show_links(struct core *c, const struct store_rec *r, const char *lang,
	   struct as_err *err)
{
	struct core_links l = {0};
	int rc;

	if ((rc = core_links(c, r, &l, err)) != 0 || l.n == 0) {
		core_links_free(&l);
		return rc;
	}
	core_links_free(&l);
	printf("\n%s\n", AS_TRL(lang, "关联记录:", "Links:"));
	return cli_print_links(c, r, 0, lang, err);
}

int
cmd_show(struct cli *cl)
{
	struct as_err err = {0};
	struct store_rec *r = NULL;
	struct show_ctx x;
	struct as_buf b = {0};
	struct core *c;
	size_t i;
	int rc, width = 0;

	if (cl->nargs != 2)
		return cli_usage("%s", AS_TR("用法: aftersales show 编号",
				 "usage: aftersales show NUMBER"));
	if ((rc = cli_open(cl, 0, 1, &c)) != 0)
		return rc;
	rc = core_get(c, cl->args[1], &r, &err);
	if (rc != 0) {
		core_close(&c);
		return cli_fail(rc, &err);
	}
	x.c = c;
	x.lang = cl->o.lang;
	x.rt = core_rectype(c, r);
	if (x.rt == NULL) {
		store_rec_free(&r);
		core_close(&c);
		return cli_fail(AS_E_CONFIG, &err);
	}
	printf(AS_TRL(x.lang, "%s  %s  %s (%s)  第 %" PRIu64 " 版\n",
	       "%s  %s  %s (%s)  rev %" PRIu64 "\n"), cli_esc(r->id),
	       cli_esc(cfg_text(&x.rt->label, x.lang, x.rt->id)),
	       cli_esc(state_label(x.rt, r->state, x.lang)),
	       cli_esc(r->state), r->rev);
	core_format_time(c, r->created, 1, &b);
	printf("  %s %s", AS_TRL(x.lang, "登记于", "registered"),
	       b.data);
	b.len = 0;
	core_format_time(c, r->updated, 1, &b);
	printf("  %s %s\n\n", AS_TRL(x.lang, "更新于", "updated"),
	       b.data);
	buf_free(&b);
	for (i = 0; i < x.rt->nfields; i++) {
		const char *l = cfg_text(&x.rt->fields[i].label, x.lang,
					 x.rt->fields[i].id);
		int w = utf8_width(l, strlen(l));

		if (w > width)
			width = w;
	}
	for (i = 0; i < x.rt->nfields; i++) {
		const struct cfg_field *f = &x.rt->fields[i];
		const char *v = store_rec_get(r, f->id);

		/* groups: a heading where a section of the form begins */
		if (f->group != NULL && (i == 0 ||
		    x.rt->fields[i - 1].group != f->group))
			printf("%s== %s%s%s%s ==\n", i ? "\n" : "", cli_esc(cfg_text(
			    &f->group->label, x.lang, f->group->id)),
			    f->group->clause ? " (" : "",
			    f->group->clause ? cli_esc(f->group->clause) : "",
			    f->group->clause ? ")" : "");
		cli_pad(cfg_text(&f->label, x.lang, f->id), width);
		if (v != NULL && f->type == CFG_T_LINES)
			show_lines(&x, f, v, 2);
		else if (v != NULL)
			show_value(&x, f->id, v, width + 1);
		putchar('\n');
	}
	for (i = 0; i < r->nfields; i++)   /* fields a newer config added */
		if (cfg_field(x.rt, r->fields[i].key) == NULL &&
		    !core_reserved_field(r->fields[i].key)) {
			cli_pad(r->fields[i].key, width);
			printf("%s\n", cli_esc(r->fields[i].val));
		}
	rc = cli_show_money(c, r, x.lang, width, &err);
	show_clocks(&x, r, width);
	if (rc == 0)
		rc = show_links(c, r, x.lang, &err);
	printf("\n%s\n", AS_TRL(x.lang, "历史记录:", "History:"));
	if (rc == 0)
		rc = core_history(c, r->id, show_event, &x, &err);
	store_rec_free(&r);
	core_close(&c);
	return rc != 0 ? cli_fail(rc, &err) : 0;
}

int
cmd_backup(struct cli *cl)
{
	struct as_err err = {0};
	struct core *c;
	int rc;

	if (cl->nargs != 2)
		return cli_usage("%s", AS_TR("用法: aftersales backup 目标目录",
				 "usage: aftersales backup DEST"));
	if ((rc = cli_open(cl, 0, 1, &c)) != 0)
		return rc;
	cli_progress_begin();
	rc = core_backup(c, cl->args[1], &err);
	cli_progress_end();
	core_close(&c);
	if (rc != 0)
		return cli_fail(rc, &err);
	printf(AS_TR("%s 的备份已写入 %s\n", "backup of %s written to %s\n"),
	       cli_esc(cl->o.db), cli_esc(cl->args[1]));
	return 0;
}
