/*
 * counter.c - the store counter: a document of one counter move filled by
 * scans and posted whole (core_counter.h; the moves are the
 * configuration's counter:, config.h).  The clerk at the counter types or
 * scans a code and Enter, as fast as a scanner types: each scan is one
 * lookup of the part by its type's exact lookups, one balance read and,
 * for a document posted against an existing one (a requisition), a look at
 * what that one still allows, kept in memory since it was named.  No
 * transaction stays open between scans.  Nothing here is specific to a
 * record type: the type, its fields and the accounts come from the YAML.
 */
#include "core_int.h"
#include "core_counter.h"

#include <stdlib.h>
#include <string.h>

/* The most one scan may count ("999999*CODE"). */
#define COUNTER_QTY_MAX 999999

/* What an against: document still allows of one part. */
struct counter_allow {
	char *part;
	int64_t left;
};

/* A field of a new document: asked once (ask:) or set (set:). */
struct counter_hdr {
	const struct cfg_field *f;
	char *typed;                  /* NULL: not given yet */
	char *stored;
};

struct core_counter {
	struct core *c;
	const struct cfg_counter_move *m;
	const struct cfg_move *mv;    /* the step's moves: entry */
	struct core_counter_line *v;
	size_t n, cap;
	char *doc;                    /* against: its number */
	char *doc_from, *doc_to;      /* against: its account fields' values */
	struct counter_allow *allow;  /* against: per part */
	size_t nallow;
	struct counter_hdr *hdr;      /* ask: then set: */
	size_t nhdr;
};

/* Parsing a scan ------------------------------------------------------ */

/* s with full-width ASCII folded (０-９ ＊ Ａ-Ｚ ...), new string. */
static char *
fold_width(const char *s)
{
	struct as_buf b = {0};
	size_t n = strlen(s), k;
	uint32_t cp;

	while (n > 0) {
		k = utf8_next(s, n, &cp);
		if (k == 0)
			break;
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		else if (cp == 0x00D7)     /* × as the times sign */
			cp = '*';
		utf8_put(&b, cp);
		s += k;
		n -= k;
	}
	return b.data != NULL ? b.data : xstrdup("");
}

int
core_counter_parse(const struct core *c, const char *in, int64_t *qty,
		   char **code, struct as_err *err)
{
	char *f = fold_width(in), *p, *star, *end;
	size_t len;
	int64_t q = 1;

	*code = NULL;
	*qty = 0;
	/* spaces around (a scanner's trailing blank, U+3000) are no part */
	for (p = f; *p == ' ' || *p == '\t'; p++)
		;
	len = strlen(p);
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		p[--len] = '\0';
	if (*p == '\0') {
		free(f);
		return as_err_set(err, AS_E_INVALID, TR(c, "没有输入编码",
		    "no code was typed"));
	}
	if ((star = strchr(p, '*')) != NULL) {
		q = 0;
		for (end = p; end < star && *end == ' '; end++)
			;
		if (end == star)
			goto bad_qty;
		for (; end < star && *end >= '0' && *end <= '9'; end++) {
			q = q * 10 + (*end - '0');
			if (q > COUNTER_QTY_MAX)
				goto bad_qty;
		}
		while (end < star && *end == ' ')
			end++;
		if (end != star || q < 1)
			goto bad_qty;
		for (p = star + 1; *p == ' '; p++)
			;
		if (*p == '\0') {
			free(f);
			return as_err_set(err, AS_E_INVALID, TR(c,
			    "“*”后面没有编码：先输数量和 *，再扫描编码",
			    "no code after \"*\": type the quantity and *, "
			    "then scan the code"));
		}
	}
	*code = xstrdup(p);
	*qty = q;
	free(f);
	return 0;
bad_qty:
	free(f);
	return as_err_set(err, AS_E_INVALID, TR(c,
	    "数量应为 1 到 %d 的整数，写在“*”前面（如 5*P-100）",
	    "the quantity is a whole number from 1 to %d before \"*\" "
	    "(such as 5*P-100)"), COUNTER_QTY_MAX);
}

/* The document -------------------------------------------------------- */

int
core_counter_new(struct core *c, const struct cfg_counter_move *m,
		 struct core_counter **out, struct as_err *err)
{
	struct core_counter *k;
	size_t i;
	int rc;

	*out = NULL;
	if (c->cfg->counter == NULL || c->cfg->stock == NULL || m == NULL ||
	    m->mv == NULL)
		return as_err_set(err, AS_E_NOTFOUND, TR(c,
		    "配置中没有备件柜台（counter:）",
		    "the configuration has no store counter (counter:)"));
	k = xcalloc(1, sizeof *k);
	k->c = c;
	k->m = m;
	k->mv = m->mv;
	k->hdr = xcalloc(m->nask + m->nset + 1, sizeof *k->hdr);
	for (i = 0; i < m->nask; i++)
		k->hdr[k->nhdr++].f = m->ask[i];
	for (i = 0; i < m->nset; i++) {
		struct counter_hdr *h = &k->hdr[k->nhdr++];

		h->f = m->set[i].field;
		h->typed = xstrdup(m->set[i].value);
		rc = core_parse_value(c, h->f, h->typed, &h->stored, err);
		if (rc != 0) {
			core_counter_free(&k);
			return rc;
		}
	}
	*out = k;
	return 0;
}

static void
clear_lines(struct core_counter *k)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		free(k->v[i].part);
		free(k->v[i].name);
	}
	k->n = 0;
}

static void
clear_doc(struct core_counter *k)
{
	size_t i;

	for (i = 0; i < k->nallow; i++)
		free(k->allow[i].part);
	free(k->allow);
	k->allow = NULL;
	k->nallow = 0;
	free(k->doc);
	free(k->doc_from);
	free(k->doc_to);
	k->doc = k->doc_from = k->doc_to = NULL;
}

void
core_counter_free(struct core_counter **kp)
{
	struct core_counter *k = *kp;
	size_t i;

	if (k == NULL)
		return;
	clear_lines(k);
	free(k->v);
	clear_doc(k);
	for (i = 0; i < k->nhdr; i++) {
		free(k->hdr[i].typed);
		free(k->hdr[i].stored);
	}
	free(k->hdr);
	free(k);
	*kp = NULL;
}

const struct cfg_counter_move *
core_counter_move(const struct core_counter *k)
{
	return k->m;
}

const char *
core_counter_doc(const struct core_counter *k)
{
	return k->doc;
}

int
core_counter_set(struct core_counter *k, const struct cfg_field *f,
		 const char *typed, struct as_err *err)
{
	struct counter_hdr *h = NULL;
	char *v = NULL;
	size_t i;
	int rc;

	for (i = 0; i < k->m->nask; i++)
		if (k->hdr[i].f == f)
			h = &k->hdr[i];
	if (h == NULL)
		return as_err_set(err, AS_E_INVALID, TR(k->c,
		    "柜台不问字段 %s", "the counter does not ask for %s"),
		    f->id);
	if ((rc = core_parse_value(k->c, f, typed, &v, err)) != 0)
		return rc;
	if (*v == '\0') {
		free(v);
		return as_err_set(err, AS_E_INVALID, TR(k->c,
		    "请填写%s", "%s is needed"),
		    cfg_text(&f->label, k->c->lang, f->id));
	}
	free(h->typed);
	free(h->stored);
	h->typed = xstrdup(typed);
	h->stored = v;
	return 0;
}

const char *
core_counter_account(const struct core_counter *k, const struct cfg_account *a)
{
	size_t i;

	if (a->unit != NULL)
		return a->unit->id;
	if (a->field == NULL)
		return NULL;
	if (k->m->against)
		return a == &k->mv->from ? k->doc_from : k->doc_to;
	for (i = 0; i < k->nhdr; i++)
		if (k->hdr[i].f == a->field)
			return k->hdr[i].stored;
	return NULL;
}

/* The account whose balance a line shows: from:, else to:. */
static const struct cfg_account *
shown_account(const struct core_counter *k)
{
	const struct cfg_account *a = &k->mv->from;

	return a->unit != NULL || a->field != NULL ? a : &k->mv->to;
}

/* The against: document ---------------------------------------------- */

/*
 * What is left of part (as a code: case, spaces and dashes aside, as
 * lookups read it), or NULL when the document does not name it.
 */
static struct counter_allow *
allow_of(struct core_counter *k, const char *part)
{
	char *np = core_norm_serial(part);
	size_t i;

	for (i = 0; i < k->nallow; i++)
		if (strcmp(k->allow[i].part, np) == 0)
			break;
	free(np);
	return i < k->nallow ? &k->allow[i] : NULL;
}

static void
allow_add(struct core_counter *k, const char *part, int64_t n)
{
	struct counter_allow *a = allow_of(k, part);

	if (a != NULL) {
		a->left += n;
		return;
	}
	k->allow = xrealloc(k->allow, (k->nallow + 1) * sizeof *k->allow);
	k->allow[k->nallow].part = core_norm_serial(part);
	k->allow[k->nallow++].left = n;
}

/* Column col of line i of l as a number (0 when empty). */
static int64_t
cell_num(const struct core_lines *l, size_t i, const struct cfg_field *col)
{
	size_t j = (size_t)(col - l->f->columns);
	const char *s = l->cell[i * l->f->ncolumns + j];

	return s != NULL && *s != '\0' ? strtoll(s, NULL, 10) : 0;
}

static const char *
cell_str(const struct core_lines *l, size_t i, const struct cfg_field *col)
{
	return l->cell[i * l->f->ncolumns + (size_t)(col - l->f->columns)];
}

/*
 * The part column of the against: lines: the column of that field with
 * the id of the move's own part column (the ledger matches them by part).
 */
static const struct cfg_field *
against_part(const struct cfg_move *mv)
{
	size_t j;

	for (j = 0; j < mv->against->ncolumns; j++)
		if (strcmp(mv->against->columns[j].id, mv->part->id) == 0)
			return &mv->against->columns[j];
	return NULL;
}

int
core_counter_against(struct core_counter *k, const char *number,
		     struct as_err *err)
{
	const struct cfg_counter_move *m = k->m;
	struct store_rec *r = NULL;
	struct core_lines l;
	const struct cfg_state *st;
	const struct cfg_field *part;
	const char *v;
	size_t i;
	int rc;

	if (!m->against)
		return as_err_set(err, AS_E_INVALID, TR(k->c,
		    "这个柜台业务开新单据，不针对已有单据",
		    "this counter move makes a new document"));
	if ((rc = core_get(k->c, number, &r, err)) != 0)
		return rc;
	if (strcmp(r->type, m->type->id) != 0) {
		rc = as_err_set(err, AS_E_INVALID, TR(k->c,
		    "%s 不是%s", "%s is no %s"), r->id,
		    cfg_text(&m->type->label, k->c->lang, m->type->id));
		goto out;
	}
	if (m->step != NULL && !wf_from_ok(m->step, r->state)) {
		st = core_state(k->c, r);
		rc = as_err_set(err, AS_E_INVALID, TR(k->c,
		    "%s 是“%s”状态，不能%s",
		    "%s is %s: it cannot be taken to %s"), r->id,
		    st != NULL ? cfg_text(&st->label, k->c->lang, st->id)
		    : r->state, cfg_text(&m->step->label, k->c->lang,
		    m->step->id));
		goto out;
	}
	clear_doc(k);
	clear_lines(k);
	k->doc = xstrdup(r->id);
	if (k->mv->from.field != NULL && (v = store_rec_get(r,
	    k->mv->from.field->id)) != NULL && *v != '\0')
		k->doc_from = xstrdup(v);
	if (k->mv->to.field != NULL && (v = store_rec_get(r,
	    k->mv->to.field->id)) != NULL && *v != '\0')
		k->doc_to = xstrdup(v);
	if (k->mv->against != NULL && k->mv->against_qty != NULL &&
	    (part = against_part(k->mv)) != NULL &&
	    core_lines_decode(k->mv->against, store_rec_get(r,
	    k->mv->against->id), &l) == 0) {
		for (i = 0; i < l.n; i++)
			allow_add(k, cell_str(&l, i, part),
				  cell_num(&l, i, k->mv->against_qty) -
				  (k->mv->done != NULL ? cell_num(&l, i,
				  k->mv->done) : 0));
		core_lines_free(&l);
	}
out:
	store_rec_free(&r);
	return rc;
}

/* A scan --------------------------------------------------------------- */

/* The name of part record r in the language (stock: name:, name_en:). */
static void
part_name(const struct core *c, const struct store_rec *r, struct as_buf *b)
{
	const struct cfg_stock *st = c->cfg->stock;
	const char *v = NULL;

	if (st->name_en != NULL && strcmp(c->lang, "en") == 0)
		v = store_rec_get(r, st->name_en->id);
	if ((v == NULL || *v == '\0') && st->name != NULL)
		v = store_rec_get(r, st->name->id);
	if (v != NULL)
		buf_adds(b, v);
}

/* The quantity of part in the document's lines so far. */
static int64_t
in_doc(const struct core_counter *k, const char *part)
{
	int64_t n = 0;
	size_t i;

	for (i = 0; i < k->n; i++)
		if (strcmp(k->v[i].part, part) == 0)
			n += k->v[i].qty;
	return n;
}

int
core_counter_scan(struct core_counter *k, const char *in, struct as_err *err)
{
	const struct cfg_counter_move *m = k->m;
	const struct cfg_account *shown = shown_account(k);
	int from = shown == &k->mv->from;
	struct store_rec *rec = NULL;
	struct core_counter_line *ln;
	const char *acct, *part;
	struct as_buf name = {0};
	struct counter_allow *a;
	int64_t qty, before;
	long long bal = 0;
	char *code;
	int rc;

	if ((rc = core_counter_parse(k->c, in, &qty, &code, err)) != 0)
		return rc;
	rc = core_part_find(k->c, code, &rec, err);
	if (rc == AS_E_NOTFOUND)
		rc = as_err_set(err, AS_E_NOTFOUND, TR(k->c,
		    "没有这个编码：%s", "unknown code: %s"), code);
	if (rc != 0)
		goto out;
	part = core_part_code(k->c, rec);
	if (part == NULL || *part == '\0')
		part = code;
	before = in_doc(k, part);
	if (m->against && k->mv->against != NULL) {
		if ((a = allow_of(k, part)) == NULL) {
			rc = as_err_set(err, AS_E_INVALID, TR(k->c,
			    "%s 不在%s %s 上（R2 §3.6.1）",
			    "%s is not on %s %s (R2 §3.6.1)"), part,
			    cfg_text(&m->type->label, k->c->lang, m->type->id),
			    k->doc != NULL ? k->doc : "");
			goto out;
		}
		if (before + qty > a->left) {
			rc = as_err_set(err, AS_E_INVALID, TR(k->c,
			    "超出%s：%s 还可发 %lld，本单已有 %lld"
			    "（R2 §3.6.1）",
			    "beyond the %s: %s has %lld left, %lld on this "
			    "document (R2 §3.6.1)"),
			    cfg_text(&m->type->label, k->c->lang, m->type->id),
			    part, (long long)a->left, (long long)before);
			goto out;
		}
	}
	acct = core_counter_account(k, shown);
	if (acct != NULL &&
	    (rc = core_stock_balance(k->c, acct, part, &bal, err)) != 0)
		goto out;
	if (from) {
		bal -= before + qty;
		/* an account not set yet: the step will say so */
		if (bal < 0 && acct != NULL) {
			rc = as_err_set(err, AS_E_INVALID, TR(k->c,
			    "库存不足：%s 在%s只有 %lld，本单已有 %lld"
			    "（R2 §3.7.1）",
			    "not enough stock: %s on %s is %lld, %lld on "
			    "this document (R2 §3.7.1)"), part,
			    core_account_label(k->c, acct),
			    (long long)(bal + before + qty),
			    (long long)before);
			goto out;
		}
	} else {
		bal += before + qty;
	}
	part_name(k->c, rec, &name);
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 16;
		k->v = xrealloc(k->v, k->cap * sizeof *k->v);
	}
	ln = &k->v[k->n++];
	ln->part = xstrdup(part);
	ln->name = name.data != NULL ? name.data : xstrdup("");
	ln->qty = qty;
	ln->balance = bal;
out:
	store_rec_free(&rec);
	free(code);
	return rc;
}

size_t
core_counter_nlines(const struct core_counter *k)
{
	return k->n;
}

const struct core_counter_line *
core_counter_line(const struct core_counter *k, size_t i)
{
	return i < k->n ? &k->v[i] : NULL;
}

int
core_counter_undo(struct core_counter *k)
{
	if (k->n == 0)
		return -1;
	k->n--;
	free(k->v[k->n].part);
	free(k->v[k->n].name);
	return 0;
}

/* Posting -------------------------------------------------------------- */

/* The lines merged per part, in the order first scanned, as typed JSON. */
static char *
lines_typed(const struct core_counter *k)
{
	const struct cfg_field *f = k->mv->lines;
	size_t nc = f->ncolumns, qc, pc, i, j, n = 0;
	const char **cells;
	char **nums, *s;
	int64_t *qty;

	pc = (size_t)(k->mv->part - f->columns);
	qc = (size_t)(k->mv->quantity - f->columns);
	cells = xcalloc(k->n * nc + 1, sizeof *cells);
	qty = xcalloc(k->n + 1, sizeof *qty);
	nums = xcalloc(k->n + 1, sizeof *nums);
	for (i = 0; i < k->n; i++) {
		for (j = 0; j < n; j++)
			if (strcmp(cells[j * nc + pc], k->v[i].part) == 0)
				break;
		if (j == n)
			cells[n++ * nc + pc] = k->v[i].part;
		qty[j] += k->v[i].qty;
	}
	for (j = 0; j < n; j++) {
		nums[j] = xmalloc(24);
		snprintf(nums[j], 24, "%lld", (long long)qty[j]);
		cells[j * nc + qc] = nums[j];
	}
	s = core_lines_typed(f, cells, n);
	for (j = 0; j < n; j++)
		free(nums[j]);
	free(nums);
	free(qty);
	free(cells);
	return s;
}

int
core_counter_post(struct core_counter *k, char **id, struct as_err *err)
{
	const struct cfg_counter_move *m = k->m;
	struct core_kv *in;
	size_t n = 0, i;
	char *typed, *nid = NULL;
	int rc;

	if (id != NULL)
		*id = NULL;
	if (k->n == 0)
		return as_err_set(err, AS_E_INVALID, TR(k->c,
		    "单据还没有任何一行", "the document has no line yet"));
	if (m->against && k->doc == NULL)
		return as_err_set(err, AS_E_INVALID, TR(k->c,
		    "还没有指定单据", "no document was named"));
	typed = lines_typed(k);
	in = xcalloc(k->nhdr + 1, sizeof *in);
	if (m->against) {
		in[n].key = k->mv->lines->id;
		in[n++].val = typed;
		rc = wf_apply(k->c, k->doc, 0, m->step->id, in, n, NULL, err);
		if (rc == 0)
			nid = xstrdup(k->doc);
	} else {
		for (i = 0; i < k->nhdr; i++)
			if (k->hdr[i].typed != NULL) {
				in[n].key = k->hdr[i].f->id;
				in[n++].val = k->hdr[i].typed;
			}
		in[n].key = k->mv->lines->id;
		in[n++].val = typed;
		rc = core_create_step(k->c, m->type->id, in, n, m->step->id,
				      NULL, 0, &nid, err);
	}
	free(in);
	free(typed);
	if (rc != 0)
		return rc;
	clear_lines(k);
	if (m->against)
		clear_doc(k);
	if (id != NULL)
		*id = nid;
	else
		free(nid);
	return 0;
}
