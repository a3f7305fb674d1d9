/*
 * ws_stock.c - the spare-parts store in the workstation (R2 §3.7, issue
 * 11's views), opened by S from the list: 1 the stock on hand per account
 * and part, 2 a part's movements with the balance after each, 3 the parts
 * below their minimum stock, 4 the parts out with the engineers per work
 * order (R2 §3.6.1).  Only the accounts within the user's units show (a
 * station clerk sees their station, R2 §3.7.6).  Enter on a balance shows
 * its part's movements on that account, Enter on a movement or a work
 * order opens the record; x writes the view as csv (tui/table.c, the
 * writer of the command line's reports) to the user's home folder.  The
 * rows are read when the view opens and again when the store changes.
 */
#include "ws.h"
#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum sview { SV_ONHAND, SV_MOVES, SV_BELOW, SV_ISSUED, SV_N };

/* A view's columns: json/csv key, heading, kind, width (0: the rest). */
struct scol {
	const char *key, *zh, *en;
	enum tbl_kind kind;
	int width;
};

static const struct scol onhand_cols[] = {
	{ "on_account", "账户", "Account", TBL_TEXT, 11 },
	{ "part_code", "编码", "Code", TBL_TEXT, 15 },
	{ "part_name", "名称", "Name", TBL_TEXT, 19 },
	{ "on_hand", "结存", "On hand", TBL_INT, 9 },
	{ "uom", "单位", "Unit", TBL_TEXT, 5 },
	{ "minimum", "最低", "Min", TBL_INT, 7 },
	{ "flag", "", "", TBL_TEXT, 0 },
};
static const struct scol moves_cols[] = {
	{ "at", "时间", "Time", TBL_TEXT, 17 },
	{ "document", "单据", "Document", TBL_TEXT, 13 },
	{ "line", "行", "Ln", TBL_INT, 3 },
	{ "on_account", "账户", "Account", TBL_TEXT, 10 },
	{ "kept_for", "所属单据", "For", TBL_TEXT, 13 },
	{ "moved", "数量", "Qty", TBL_INT, 6 },
	{ "balance", "结存", "Balance", TBL_INT, 0 },
};
static const struct scol issued_cols[] = {
	{ "on_account", "账户", "Account", TBL_TEXT, 11 },
	{ "kept_for", "所属单据", "For", TBL_TEXT, 14 },
	{ "part_code", "编码", "Code", TBL_TEXT, 15 },
	{ "part_name", "名称", "Name", TBL_TEXT, 19 },
	{ "on_hand", "结存", "On hand", TBL_INT, 9 },
	{ "uom", "单位", "Unit", TBL_TEXT, 0 },
};

struct ws_stock {
	struct ws_pane p;
	enum sview view, back;   /* back: the view Esc returns to from 2 */
	struct tbl t;
	struct tbl_col tcols[8];
	const struct scol *cols;
	size_t ncols;
	char **acc;              /* per row: its account (Enter) */
	char **code;             /* per row: its part code */
	char **open;             /* per row: the record Enter opens, or NULL */
	char *part, *part_acc;   /* view 2: the part and account (NULL: all) */
	const char *below_acc;   /* view 3: the account */
	int sel, top;
};

static const char *
view_name(struct ws *w, enum sview v)
{
	switch (v) {
	case SV_ONHAND: return ws_tr(w, "结存", "On hand");
	case SV_MOVES: return ws_tr(w, "流水", "Movements");
	case SV_BELOW: return ws_tr(w, "低于最低库存", "Below minimum");
	default: return ws_tr(w, "按工作指令领用", "Issued per work order");
	}
}

static void
rows_free(struct ws_stock *S)
{
	size_t i;

	for (i = 0; i < S->t.nrows; i++) {
		free(S->acc[i]);
		free(S->code[i]);
		free(S->open[i]);
	}
	free(S->acc);
	free(S->code);
	free(S->open);
	S->acc = S->code = S->open = NULL;
	tbl_free(&S->t);
}

/* Start the table of the view with its columns in the display language. */
static void
rows_begin(struct ws *w, struct ws_stock *S, const struct scol *cols,
	   size_t n)
{
	size_t i;

	rows_free(S);
	S->cols = cols;
	S->ncols = n;
	for (i = 0; i < n; i++) {
		S->tcols[i].key = cols[i].key;
		S->tcols[i].label = ws_tr(w, cols[i].zh, cols[i].en);
		S->tcols[i].kind = cols[i].kind;
	}
	tbl_init(&S->t, "stock", "", S->tcols, n);
}

/* A new row; acc, code and open (each may be NULL) are kept per row. */
static size_t
row_add(struct ws_stock *S, const char *acc, const char *code,
	const char *open)
{
	size_t r = tbl_row(&S->t, 0);

	S->acc = xrealloc(S->acc, (r + 1) * sizeof *S->acc);
	S->code = xrealloc(S->code, (r + 1) * sizeof *S->code);
	S->open = xrealloc(S->open, (r + 1) * sizeof *S->open);
	S->acc[r] = acc != NULL ? xstrdup(acc) : NULL;
	S->code[r] = code != NULL ? xstrdup(code) : NULL;
	S->open[r] = open != NULL ? xstrdup(open) : NULL;
	return r;
}

/* A part's field value ("" when none). */
static const char *
pval(const struct store_rec *p, const struct cfg_field *f)
{
	const char *v = p != NULL && f != NULL ? store_rec_get(p, f->id) : NULL;

	return v != NULL ? v : "";
}

static const char *
pname(struct ws *w, const struct store_rec *p)
{
	const struct cfg_stock *k = w->cfg->stock;
	const char *en = pval(p, k->name_en);

	return strcmp(w->lang, "en") == 0 && *en != '\0' ? en :
	    pval(p, k->name);
}

/* Balances (and per-reference ones) collected, then shown. */
struct bal {
	char *account, *code, *ref;
	long long qty;
};
struct bals {
	struct ws *w;
	struct bal *v;
	size_t n, cap;
};

static void
bals_add(struct bals *b, const char *account, const char *part,
	 const char *ref, long long qty)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->v = xrealloc(b->v, b->cap * sizeof *b->v);
	}
	b->v[b->n].account = xstrdup(account);
	b->v[b->n].code = xstrdup(part);
	b->v[b->n].ref = ref != NULL ? xstrdup(ref) : NULL;
	b->v[b->n++].qty = qty;
}

static void
bals_free(struct bals *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->v[i].account);
		free(b->v[i].code);
		free(b->v[i].ref);
	}
	free(b->v);
}

static int
bal_visit(const char *account, const char *part, long long qty, void *ctx)
{
	struct bals *b = ctx;

	if (core_account_visible(b->w->c, account))
		bals_add(b, account, part, NULL, qty);
	return 0;
}

static int
ref_visit(const char *account, const char *part, const char *ref,
	  long long qty, void *ctx)
{
	struct bals *b = ctx;

	if (qty != 0 && core_account_visible(b->w->c, account))
		bals_add(b, account, part, ref, qty);
	return 0;
}

/* 1 if qty is below the part's minimum on the main account. */
static int
below_min(struct ws *w, const char *account, const struct store_rec *p,
	  long long qty)
{
	const struct cfg_stock *k = w->cfg->stock;
	const char *mins = pval(p, k->min);

	return *mins != '\0' && qty < strtoll(mins, NULL, 10) &&
	    k->naccounts > 0 && strcmp(account, k->accounts[0]->id) == 0;
}

/* One balance row of views 1 and 3. */
static void
onhand_row(struct ws *w, struct ws_stock *S, const char *account,
	   const char *code, long long qty, const struct store_rec *p)
{
	const struct cfg_stock *k = w->cfg->stock;
	size_t r = row_add(S, account, code, NULL);

	tbl_set(&S->t, r, 0, core_account_label(w->c, account));
	tbl_set(&S->t, r, 1, code);
	tbl_set(&S->t, r, 2, pname(w, p));
	tbl_setf(&S->t, r, 3, "%lld", qty);
	tbl_set(&S->t, r, 4, pval(p, k->unit));
	tbl_set(&S->t, r, 5, pval(p, k->min));
	if (below_min(w, account, p, qty))
		tbl_set(&S->t, r, 6, ws_tr(w, "低于最低库存", "below minimum"));
}

static int
load_onhand(struct ws *w, struct ws_stock *S, struct as_err *err)
{
	struct bals b = { w, NULL, 0, 0 };
	struct store_rec *p;
	struct as_err e2;
	size_t i;
	int rc;

	rows_begin(w, S, onhand_cols, sizeof onhand_cols / sizeof *onhand_cols);
	rc = core_stock_balances(w->c, NULL, bal_visit, &b, err);
	for (i = 0; rc == 0 && i < b.n; i++) {
		if (core_part_find(w->c, b.v[i].code, &p, &e2) != 0)
			p = NULL;
		onhand_row(w, S, b.v[i].account, b.v[i].code, b.v[i].qty, p);
		store_rec_free(&p);
	}
	bals_free(&b);
	return rc;
}

static int
load_issued(struct ws *w, struct ws_stock *S, struct as_err *err)
{
	const struct cfg_stock *k = w->cfg->stock;
	struct bals b = { w, NULL, 0, 0 };
	struct store_rec *p;
	struct as_err e2;
	size_t i, r;
	int rc;

	rows_begin(w, S, issued_cols, sizeof issued_cols / sizeof *issued_cols);
	rc = core_stock_ref_balances(w->c, NULL, NULL, ref_visit, &b, err);
	for (i = 0; rc == 0 && i < b.n; i++) {
		if (core_part_find(w->c, b.v[i].code, &p, &e2) != 0)
			p = NULL;
		r = row_add(S, b.v[i].account, b.v[i].code, b.v[i].ref);
		tbl_set(&S->t, r, 0, core_account_label(w->c, b.v[i].account));
		tbl_set(&S->t, r, 1, b.v[i].ref);
		tbl_set(&S->t, r, 2, b.v[i].code);
		tbl_set(&S->t, r, 3, pname(w, p));
		tbl_setf(&S->t, r, 4, "%lld", b.v[i].qty);
		tbl_set(&S->t, r, 5, pval(p, k->unit));
		store_rec_free(&p);
	}
	bals_free(&b);
	return rc;
}

/* The parts with a minimum: code, collected from the parts master. */
struct parts {
	const struct cfg_stock *k;
	char **code;
	size_t n, cap;
};

static int
part_visit(const struct store_rec *p, void *ctx)
{
	struct parts *x = ctx;
	const char *code = pval(p, x->k->code);

	if (*pval(p, x->k->min) == '\0' || *code == '\0')
		return 0;
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->code = xrealloc(x->code, x->cap * sizeof *x->code);
	}
	x->code[x->n++] = xstrdup(code);
	return 0;
}

/* The first of stock: accounts: this user sees (R2 §3.7.6). */
static const char *
main_account(struct ws *w)
{
	const struct cfg_stock *k = w->cfg->stock;
	size_t i;

	for (i = 0; i < k->naccounts; i++)
		if (core_account_visible(w->c, k->accounts[i]->id))
			return k->accounts[i]->id;
	return NULL;
}

static int
load_below(struct ws *w, struct ws_stock *S, struct as_err *err)
{
	const struct cfg_stock *k = w->cfg->stock;
	struct parts x = { k, NULL, 0, 0 };
	struct core_list q;
	struct store_rec *p;
	struct as_err e2;
	long long qty;
	const char *mins;
	size_t i;
	int rc;

	rows_begin(w, S, onhand_cols, sizeof onhand_cols / sizeof *onhand_cols);
	if ((S->below_acc = main_account(w)) == NULL)
		return 0;
	memset(&q, 0, sizeof q);
	q.type = k->parts->id;
	q.view = CORE_VIEW_ALL;
	rc = core_list(w->c, &q, part_visit, &x, err);
	for (i = 0; rc == 0 && i < x.n; i++) {
		if ((rc = core_stock_balance(w->c, S->below_acc, x.code[i],
		    &qty, err)) != 0)
			break;
		if (core_part_find(w->c, x.code[i], &p, &e2) != 0)
			continue;
		mins = pval(p, k->min);
		if (qty < strtoll(mins, NULL, 10)) {
			onhand_row(w, S, S->below_acc, x.code[i], qty, p);
			/* below the minimum whichever account it is */
			if (!below_min(w, S->below_acc, p, qty))
				tbl_set(&S->t, S->t.nrows - 1, 6, ws_tr(w,
				    "低于最低库存", "below minimum"));
		}
		store_rec_free(&p);
	}
	for (i = 0; i < x.n; i++)
		free(x.code[i]);
	free(x.code);
	return rc;
}

struct mv_ctx {
	struct ws *w;
	struct ws_stock *S;
};

static int
mv_visit(const struct store_move *m, void *ctx)
{
	struct mv_ctx *x = ctx;
	struct as_buf b = {0};
	size_t r;

	if (!core_account_visible(x->w->c, m->account))
		return 0;
	r = row_add(x->S, m->account, m->part, m->doc);
	core_format_time(x->w->c, m->when, 1, &b);
	tbl_set(&x->S->t, r, 0, b.data);
	buf_free(&b);
	tbl_set(&x->S->t, r, 1, m->doc);
	tbl_setf(&x->S->t, r, 2, "%u", m->line);
	tbl_set(&x->S->t, r, 3, core_account_label(x->w->c, m->account));
	tbl_set(&x->S->t, r, 4, m->ref);
	tbl_setf(&x->S->t, r, 5, "%+lld", m->qty);
	tbl_setf(&x->S->t, r, 6, "%lld", m->balance);
	return 0;
}

static int
load_moves(struct ws *w, struct ws_stock *S, struct as_err *err)
{
	struct mv_ctx x = { w, S };

	rows_begin(w, S, moves_cols, sizeof moves_cols / sizeof *moves_cols);
	if (S->part == NULL)
		return 0;
	return core_stock_moves(w->c, S->part, S->part_acc, mv_visit, &x, err);
}

static void
stock_load(struct ws *w, struct ws_stock *S)
{
	struct as_err err = {0};
	int rc;

	switch (S->view) {
	case SV_ONHAND: rc = load_onhand(w, S, &err); break;
	case SV_MOVES: rc = load_moves(w, S, &err); break;
	case SV_BELOW: rc = load_below(w, S, &err); break;
	default: rc = load_issued(w, S, &err); break;
	}
	if (rc != 0)
		ws_msg(w, 2, "%s", err.msg);
	if (S->sel >= (int)S->t.nrows)
		S->sel = S->t.nrows > 0 ? (int)S->t.nrows - 1 : 0;
	if (S->view == SV_MOVES && S->t.nrows > 0 && S->sel == 0)
		S->sel = (int)S->t.nrows - 1;   /* the latest first in sight */
}

/* One row (or the heading, r < 0) at body row y. */
static void
draw_row(struct ws *w, struct ws_stock *S, int y, int r)
{
	attr_t a = r < 0 ? w->attr[WSA_COLHDR] : r == S->sel ?
	    w->attr[WSA_SEL] : A_NORMAL;
	const char *s;
	size_t c;
	int x = 0, cw, pad;

	for (c = 0; c < S->ncols && x < w->cols; c++) {
		cw = S->cols[c].width > 0 ? S->cols[c].width : w->cols - x;
		if (x + cw > w->cols)
			cw = w->cols - x;
		s = r < 0 ? S->tcols[c].label : S->t.cells[(size_t)r *
		    S->ncols + c];
		if (r >= 0 && c == S->ncols - 1 && S->cols[c].kind ==
		    TBL_TEXT && *s != '\0' && S->view != SV_MOVES)
			a = r == S->sel ? a : w->attr[WSA_OVER];
		/* a column's text in cw - 1 columns, then one blank */
		if (S->cols[c].kind == TBL_INT && S->cols[c].width > 0) {
			pad = cw - 1 - ws_width(s);
			if (pad < 0)
				pad = 0;
			ws_blank(w->body, y, x, pad, a);
			ws_put_cut(w->body, y, x + pad, cw - 1 - pad, s, a, 1);
		} else
			ws_put_cut(w->body, y, x, cw > 1 ? cw - 1 : cw, s, a,
			    1);
		if (cw > 1)
			ws_blank(w->body, y, x + cw - 1, 1, a);
		x += cw;
	}
	if (x < w->cols)
		ws_blank(w->body, y, x, w->cols - x, a);
}

static int
rows_shown(struct ws *w)
{
	return w->bodyh - 2 > 1 ? w->bodyh - 2 : 1;
}

static void
stock_draw(struct ws *w, struct ws_pane *p)
{
	struct ws_stock *S = (struct ws_stock *)p;
	struct as_buf b = {0};
	int i, n = rows_shown(w), x = 0;
	enum sview v;

	werase(w->body);
	/* the views as tabs: "1 结存  2 流水  3 低于最低库存  4 ..." */
	for (v = 0; v < SV_N && x < w->cols; v++) {
		b.len = 0;
		buf_addf(&b, " %d %s ", (int)v + 1, view_name(w, v));
		x += ws_put(w->body, 0, x, w->cols - x, b.data, v == S->view ?
		    w->attr[WSA_TABON] : w->attr[WSA_TAB], 0);
	}
	b.len = 0;
	if (S->view == SV_MOVES && S->part != NULL)
		buf_addf(&b, " %s %s", S->part, S->part_acc != NULL ?
		    core_account_label(w->c, S->part_acc) : "");
	else if (S->view == SV_BELOW && S->below_acc != NULL)
		buf_addf(&b, " %s", core_account_label(w->c, S->below_acc));
	if (b.len > 0 && x < w->cols)
		ws_put(w->body, 0, x, w->cols - x, b.data, w->attr[WSA_TITLE],
		    1);
	buf_free(&b);
	draw_row(w, S, 1, -1);
	if (S->sel < S->top)
		S->top = S->sel;
	if (S->sel >= S->top + n)
		S->top = S->sel - n + 1;
	for (i = 0; i < n && S->top + i < (int)S->t.nrows; i++)
		draw_row(w, S, 2 + i, S->top + i);
	if (S->t.nrows == 0)
		ws_put(w->body, 2, 2, w->cols - 4, S->view == SV_MOVES &&
		    S->part == NULL ? ws_tr(w, "在结存中选一个备件按 Enter 看它的"
		    "流水", "pick a part in On hand and press Enter for its "
		    "movements") : ws_tr(w, "（无）", "(none)"),
		    w->attr[WSA_DIM], 0);
	wnoutrefresh(w->body);
}

static void
set_view(struct ws *w, struct ws_stock *S, enum sview v)
{
	if (v != SV_MOVES)
		S->back = v;
	S->view = v;
	S->sel = S->top = 0;
	stock_load(w, S);
	w->need |= WS_NEED_KEYS;
}

/* Enter: a balance shows its part's movements; the rest open a record. */
static void
stock_enter(struct ws *w, struct ws_stock *S)
{
	size_t r = (size_t)S->sel;

	if (r >= S->t.nrows)
		return;
	if (S->view == SV_ONHAND || S->view == SV_BELOW) {
		free(S->part);
		free(S->part_acc);
		S->part = xstrdup(S->code[r]);
		S->part_acc = xstrdup(S->acc[r]);
		set_view(w, S, SV_MOVES);
		return;
	}
	if (S->open[r] != NULL)
		ws_open_record(w, S->open[r]);
}

/* x: the view as csv in the home folder (or the current one). */
static void
stock_export(struct ws *w, struct ws_stock *S)
{
	static const char *const names[SV_N] = { "onhand", "movements",
	    "below-min", "issued" };
	const char *home = getenv("HOME");
	struct as_buf b = {0}, stamp = {0};
	char *path;
	FILE *f;
	size_t i;
	int bad;

	/* "2026-12-01 03:20" as "2026-12-01-0320" */
	core_format_time(w->c, core_now(w->c), 1, &b);
	for (i = 0; i < b.len; i++)
		if (b.data[i] != ':')
			buf_add(&stamp, b.data[i] == ' ' ? "-" : &b.data[i], 1);
	buf_adds(&stamp, "");
	path = xasprintf("%s/aftersales-stock-%s-%s.csv", home != NULL &&
	    *home != '\0' ? home : ".", names[S->view], stamp.data);
	buf_free(&b);
	buf_free(&stamp);
	if ((f = fopen(path, "wx")) == NULL) {
		ws_msg(w, 2, AS_TRL(w->lang, "不能写入 %s", "cannot write %s"),
		    path);
		free(path);
		return;
	}
	bad = tbl_write_csv(&S->t, f);
	if (fclose(f) != 0 || bad != 0)
		ws_msg(w, 2, AS_TRL(w->lang, "不能写入 %s", "cannot write %s"),
		    path);
	else
		ws_msg(w, 1, AS_TRL(w->lang, "已导出 %zu 行：%s",
		    "exported %zu rows: %s"), S->t.nrows, path);
	free(path);
}

static int
stock_key(struct ws *w, struct ws_pane *p, int key)
{
	struct ws_stock *S = (struct ws_stock *)p;
	int delta;

	if (ws_scroll_key(key, rows_shown(w), (int)S->t.nrows, &delta)) {
		S->sel += delta;
		if (S->sel >= (int)S->t.nrows)
			S->sel = (int)S->t.nrows - 1;
		if (S->sel < 0)
			S->sel = 0;
		return WS_REDRAW;
	}
	switch (key) {
	case '1': case '2': case '3': case '4':
		set_view(w, S, (enum sview)(key - '1'));
		return WS_REDRAW;
	case '\r':
	case WS_FN(KEY_ENTER):
		stock_enter(w, S);
		return WS_REDRAW;
	case 'x':
		stock_export(w, S);
		return WS_HANDLED;
	case 'r':
	case WS_FN(KEY_F(5)):
		stock_load(w, S);
		return WS_REDRAW;
	case WS_ESC:
	case 'q':
		if (S->view == SV_MOVES && S->back != SV_MOVES) {
			set_view(w, S, S->back);
			return WS_REDRAW;
		}
		ws_close(w, p);
		return WS_HANDLED;
	default:
		return WS_PASS;
	}
}

static void
stock_keys(struct ws *w, struct ws_pane *p, struct ws_keys *k)
{
	struct ws_stock *S = (struct ws_stock *)p;

	ws_keys_add(k, WS_K_BOTH, "1-4", ws_tr(w, "视图", "View"));
	ws_keys_add(k, WS_K_BOTH, "Enter", S->view == SV_ONHAND ||
	    S->view == SV_BELOW ? ws_tr(w, "流水", "Movements") :
	    ws_tr(w, "打开单据", "Open"));
	ws_keys_add(k, WS_K_BOTH, "x", ws_tr(w, "导出 csv", "Export csv"));
	ws_keys_add(k, WS_K_HELP, "r F5", ws_tr(w, "重新读取", "read again"));
	ws_keys_add(k, WS_K_BOTH, "Esc", ws_tr(w, "返回", "Back"));
}

static void
stock_changed(struct ws *w, struct ws_pane *p)
{
	stock_load(w, (struct ws_stock *)p);
	w->need |= WS_NEED_BODY;
}

static void
stock_free(struct ws_pane *p)
{
	struct ws_stock *S = (struct ws_stock *)p;

	rows_free(S);
	free(S->part);
	free(S->part_acc);
	free(S);
}

static const struct ws_pane_ops stock_ops = {
	.draw = stock_draw,
	.key = stock_key,
	.keys = stock_keys,
	.changed = stock_changed,
	.free = stock_free,
};

void
ws_stock_open(struct ws *w)
{
	struct ws_stock *S;

	if (w->cfg->stock == NULL) {
		ws_msg(w, 2, "%s", ws_tr(w, "配置中没有 stock:（备件库）",
		    "the configuration has no stock: (the parts store)"));
		return;
	}
	S = xcalloc(1, sizeof *S);
	S->p.ops = &stock_ops;
	S->view = S->back = SV_ONHAND;
	stock_load(w, S);
	ws_push(w, &S->p);
}
