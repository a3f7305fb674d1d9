/*
 * ws_kpi.c - the KPI board of the workstation (R2 §3.2.1): each figure
 * the configuration measures (timeliness, satisfaction, the service-caused
 * complaint rate) for the last 12 months, as a bar chart and a sparkline
 * in block characters, a month that misses its target in red (reverse on
 * a monochrome terminal, TERM=vt220).  ←→ pick the month, ↑↓ the figure,
 * Enter lists the records behind it (core_kpi_records) and opens one.
 * The figures come from the per-month index keys (core/kpi.c), so the
 * board costs the same at a million complaints.
 */
#include "ws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KPI_MONTHS 12
#define KPI_BAR_ROWS 3              /* rows of a bar: 24 eighths */
#define KPI_COL 6                   /* columns per month */

static const char *const blocks[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆",
    "▇", "█" };

struct ws_kpi {
	struct ws_pane p;
	int year[KPI_MONTHS], month[KPI_MONTHS];
	struct core_kpi k[KPI_MONTHS];   /* oldest first */
	size_t nfig;
	size_t fig;                      /* the selected figure */
	int sel;                         /* the selected month */
	struct core_kpi_item *items;     /* behind the figure picked */
	size_t nitems;
};

static void
kpi_clear(struct ws_kpi *K)
{
	int i;

	for (i = 0; i < KPI_MONTHS; i++)
		core_kpi_free(&K->k[i]);
}

/* The 12 months up to the current one, and their figures. */
static void
kpi_load(struct ws *w, struct ws_kpi *K)
{
	struct as_err err = {0};
	struct as_buf b = {0};
	int y = 2026, m = 1, i, rc;

	kpi_clear(K);
	core_format_time(w->c, core_now(w->c), 0, &b);
	if (b.data != NULL)
		sscanf(b.data, "%4d-%2d", &y, &m);
	buf_free(&b);
	for (i = KPI_MONTHS - 1; i >= 0; i--) {
		K->year[i] = y;
		K->month[i] = m;
		if (--m == 0) {
			m = 12;
			y--;
		}
	}
	K->nfig = 0;
	for (i = 0; i < KPI_MONTHS; i++) {
		rc = core_kpi_month(w->c, K->year[i], K->month[i], NULL,
		    &K->k[i], &err);
		if (rc != 0) {
			ws_msg(w, 2, "%s", err.msg);
			break;
		}
		K->nfig = K->k[i].n;
	}
	if (K->fig >= K->nfig)
		K->fig = K->nfig > 0 ? K->nfig - 1 : 0;
}

static const struct core_kpi_fig *
fig_at(const struct ws_kpi *K, int month, size_t fig)
{
	return fig < K->k[month].n ? &K->k[month].v[fig] : NULL;
}

/* The top of a figure's scale, in tenths: 100 % or twice a max: target. */
static long long
scale_of(const struct ws_kpi *K, size_t fig)
{
	const struct core_kpi_fig *f = fig_at(K, KPI_MONTHS - 1, fig);
	long long top = 1000, t;
	int i;

	if (f != NULL && !f->target->has_min && f->target->has_max) {
		top = (long long)(f->target->max * 20 + 0.5);
		for (i = 0; i < KPI_MONTHS; i++)
			if ((f = fig_at(K, i, fig)) != NULL && f->has_value &&
			    (t = f->tenths) > top)
				top = t;
	}
	return top > 0 ? top : 1000;
}

static attr_t
miss_attr(struct ws *w)
{
	/* red where the terminal has colour; reverse video where not */
	return has_colors() ? w->attr[WSA_OVER] : A_REVERSE;
}

static void
value_text(const struct core_kpi_fig *f, struct as_buf *b)
{
	if (f == NULL || !f->has_value)
		buf_adds(b, "—");
	else
		buf_addf(b, "%lld.%lld%%", f->tenths / 10, f->tenths % 10);
}

static void
target_text(const struct cfg_target *t, struct as_buf *b)
{
	if (t->has_min)
		buf_addf(b, "≥ %g%%", t->min);
	if (t->has_max)
		buf_addf(b, "%s< %g%%", t->has_min ? ", " : "", t->max);
}

/* One figure: its line, the bars of 12 months and their labels. */
static void
draw_figure(struct ws *w, struct ws_kpi *K, size_t fig, int y)
{
	const struct core_kpi_fig *cur = fig_at(K, K->sel, fig);
	const struct cfg_target *t;
	struct as_buf b = {0};
	long long top = scale_of(K, fig), v;
	int i, r, x, lvl, total;
	attr_t a;

	if (cur == NULL)
		return;
	t = cur->target;
	a = fig == K->fig ? w->attr[WSA_SEL] : w->attr[WSA_LABEL];
	buf_addf(&b, "%s %s ", fig == K->fig ? "▶" : " ",
	    ws_label(w, &t->label, t->id));
	x = ws_put(w->body, y, 0, 20, b.data, a, 1);
	b.len = 0;
	buf_adds(&b, ws_tr(w, "目标 ", "target "));
	target_text(t, &b);
	x += ws_put(w->body, y, x, 14, b.data, A_NORMAL, 1);
	b.len = 0;
	buf_addf(&b, "%04d-%02d ", K->year[K->sel], K->month[K->sel]);
	value_text(cur, &b);
	if (cur->has_value)
		buf_addf(&b, " (%llu/%llu) %s", (unsigned long long)cur->num,
		    (unsigned long long)cur->den, cur->met ?
		    ws_tr(w, "达标", "met") : ws_tr(w, "未达标", "missed"));
	x += ws_put(w->body, y, x, 32, b.data, cur->has_value && !cur->met ?
	    miss_attr(w) : A_NORMAL, 1);
	/* the sparkline: 12 months in one row */
	for (i = 0; i < KPI_MONTHS && x + i < w->cols; i++) {
		const struct core_kpi_fig *f = fig_at(K, i, fig);

		if (f == NULL || !f->has_value) {
			ws_put(w->body, y, x + i, 1, "·", w->attr[WSA_DIM], 0);
			continue;
		}
		v = f->tenths > top ? top : f->tenths;
		lvl = 1 + (int)(v * 7 / top);
		ws_put(w->body, y, x + i, 1, blocks[lvl], f->met ? A_NORMAL
		    : miss_attr(w), 0);
	}
	/* the bars, KPI_BAR_ROWS rows of eighths, and the month labels */
	for (i = 0; i < KPI_MONTHS; i++) {
		const struct core_kpi_fig *f = fig_at(K, i, fig);
		int bx = 2 + i * KPI_COL;
		char lab[16];

		if (bx + KPI_COL > w->cols)
			break;
		a = f != NULL && f->has_value && !f->met ? miss_attr(w)
		    : A_NORMAL;
		total = 0;
		if (f != NULL && f->has_value) {
			v = f->tenths > top ? top : f->tenths;
			total = (int)(v * 8 * KPI_BAR_ROWS / top);
			if (total == 0 && f->tenths > 0)
				total = 1;
		}
		for (r = 0; r < KPI_BAR_ROWS; r++) {
			lvl = total - (KPI_BAR_ROWS - 1 - r) * 8;
			lvl = lvl < 0 ? 0 : lvl > 8 ? 8 : lvl;
			b.len = 0;
			buf_adds(&b, blocks[lvl]);
			buf_adds(&b, blocks[lvl]);
			buf_adds(&b, blocks[lvl]);
			if (f != NULL && !f->has_value && r == KPI_BAR_ROWS - 1)
				ws_put(w->body, y + 1 + r, bx, 3, " — ",
				    w->attr[WSA_DIM], 0);
			else
				ws_put(w->body, y + 1 + r, bx, 3, b.data,
				    lvl > 0 ? a : A_NORMAL, 0);
		}
		snprintf(lab, sizeof lab, "%02d", K->month[i]);
		b.len = 0;
		if (f != NULL && f->has_value && f->tenths >= 1000)
			buf_addf(&b, "%lld%%", (f->tenths + 5) / 10);  /* 100% */
		else
			value_text(f, &b);
		ws_put(w->body, y + 1 + KPI_BAR_ROWS, bx - 1, KPI_COL - 1,
		    i == K->sel && fig == K->fig ? b.data : lab,
		    i == K->sel ? w->attr[WSA_SEL] : w->attr[WSA_DIM], 1);
	}
	buf_free(&b);
}

static void
kpi_draw(struct ws *w, struct ws_pane *p)
{
	struct ws_kpi *K = (struct ws_kpi *)p;
	char *t;
	size_t i;

	werase(w->body);
	t = xasprintf(AS_TRL(w->lang, "服务指标看板 (R2 §3.2.1)  %04d-%02d … "
	    "%04d-%02d", "KPI board (R2 §3.2.1)  %04d-%02d … %04d-%02d"),
	    K->year[0],
	    K->month[0], K->year[KPI_MONTHS - 1], K->month[KPI_MONTHS - 1]);
	ws_put(w->body, 0, 0, w->cols, t, w->attr[WSA_TITLE], 1);
	free(t);
	if (K->nfig == 0)
		ws_put(w->body, 2, 2, w->cols - 4, ws_tr(w, "配置中没有可计算的"
		       "指标 (targets: 的 measure: 或 count:/over:)", "no "
		       "figure is measured (measure: or count:/over: of "
		       "targets:)"), A_NORMAL, 0);
	for (i = 0; i < K->nfig; i++) {
		int y = 2 + (int)i * (KPI_BAR_ROWS + 3);

		if (y + KPI_BAR_ROWS + 1 >= w->bodyh)
			break;
		draw_figure(w, K, i, y);
	}
	wnoutrefresh(w->body);
}

static const char *
part_label(struct ws *w, const struct cfg_target *t, char part)
{
	switch (part) {
	case 'm': return ws_tr(w, "按时", "met");
	case 'l': return ws_tr(w, "超时", "late");
	case 'o': return ws_tr(w, "逾期未完成", "open, overdue");
	case 'n': return t->clocks ? "" : ws_tr(w, "计入分子", "counted");
	default: return ws_tr(w, "仅计分母", "base only");
	}
}

static void
open_item(struct ws *w, size_t i, void *ctx)
{
	struct ws_kpi *K = ctx;

	if (i < K->nitems)
		ws_open_record(w, K->items[i].id);
}

/* Enter: the records behind the figure and month selected. */
static void
list_records(struct ws *w, struct ws_kpi *K)
{
	const struct core_kpi_fig *f = fig_at(K, K->sel, K->fig);
	struct as_err err = {0};
	const char **v;
	char *title;
	size_t i;

	if (f == NULL)
		return;
	core_kpi_items_free(&K->items, &K->nitems);
	if (core_kpi_records(w->c, f->target, K->year[K->sel],
	    K->month[K->sel], NULL, &K->items, &K->nitems, &err) != 0) {
		ws_msg(w, 2, "%s", err.msg);
		return;
	}
	if (K->nitems == 0) {
		ws_msg(w, 0, AS_TRL(w->lang, "%04d-%02d 没有计入%s的记录",
		       "%04d-%02d: no record counts in %s"), K->year[K->sel], K->month[K->sel],
		       ws_label(w, &f->target->label, f->target->id));
		return;
	}
	v = xcalloc(K->nitems, sizeof *v);
	for (i = 0; i < K->nitems; i++)
		v[i] = xasprintf("%-14s %s", K->items[i].id,
		    part_label(w, f->target, K->items[i].part));
	title = xasprintf(" %s %04d-%02d ", ws_label(w, &f->target->label,
	    f->target->id), K->year[K->sel], K->month[K->sel]);
	ws_pick_open(w, title, v, K->nitems, 0, open_item, K);
	for (i = 0; i < K->nitems; i++)
		free((char *)v[i]);
	free(v);
	free(title);
}

static int
kpi_key(struct ws *w, struct ws_pane *p, int key)
{
	struct ws_kpi *K = (struct ws_kpi *)p;

	switch (key) {
	case WS_FN(KEY_LEFT):
	case 'h':
		if (K->sel > 0)
			K->sel--;
		return WS_REDRAW;
	case WS_FN(KEY_RIGHT):
	case 'l':
		if (K->sel + 1 < KPI_MONTHS)
			K->sel++;
		return WS_REDRAW;
	case WS_FN(KEY_UP):
	case 'k':
		if (K->fig > 0)
			K->fig--;
		return WS_REDRAW;
	case WS_FN(KEY_DOWN):
	case 'j':
		if (K->fig + 1 < K->nfig)
			K->fig++;
		return WS_REDRAW;
	case '\r':
	case WS_FN(KEY_ENTER):
		list_records(w, K);
		return WS_HANDLED;
	case 'r':
	case WS_FN(KEY_F(5)):
		kpi_load(w, K);
		return WS_REDRAW;
	case WS_ESC:
	case 'q':
		ws_close(w, p);
		return WS_HANDLED;
	default:
		return WS_PASS;
	}
}

static void
kpi_keys(struct ws *w, struct ws_pane *p, struct ws_keys *k)
{
	(void)p;
	ws_keys_add(k, WS_K_BOTH, "←→", ws_tr(w, "月份", "Month"));
	ws_keys_add(k, WS_K_BOTH, "↑↓", ws_tr(w, "指标", "Figure"));
	ws_keys_add(k, WS_K_BOTH, "Enter", ws_tr(w, "明细记录",
		    "Records behind it"));
	ws_keys_add(k, WS_K_HELP, "r F5", ws_tr(w, "重新计算", "compute again"));
	ws_keys_add(k, WS_K_BOTH, "Esc", ws_tr(w, "返回", "Back"));
}

static void
kpi_changed(struct ws *w, struct ws_pane *p)
{
	kpi_load(w, (struct ws_kpi *)p);
	w->need |= WS_NEED_BODY;
}

static void
kpi_free(struct ws_pane *p)
{
	struct ws_kpi *K = (struct ws_kpi *)p;

	kpi_clear(K);
	core_kpi_items_free(&K->items, &K->nitems);
	free(K);
}

static const struct ws_pane_ops kpi_ops = {
	.draw = kpi_draw,
	.key = kpi_key,
	.keys = kpi_keys,
	.changed = kpi_changed,
	.free = kpi_free,
};

void
ws_kpi_open(struct ws *w)
{
	struct ws_kpi *K = xcalloc(1, sizeof *K);

	K->p.ops = &kpi_ops;
	K->sel = KPI_MONTHS - 1;
	kpi_load(w, K);
	ws_push(w, &K->p);
}
