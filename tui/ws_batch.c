/*
 * ws_batch.c - a batch step from the list (R2 §3.7.5: the monthly
 * disposal of old parts is one step on many records).  The list marks
 * records with t; B offers the steps open to this user on every marked
 * record, asks for what the chosen step requires once (ws_form_batch) or
 * for a yes when it requires nothing, and applies it to all of them in
 * one transaction: all or none, a refusal naming the record and why.
 *
 * One batch is chosen at a time, so its state is kept here until the next.
 */
#include "ws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXSTEPS 32

static struct {
	char **ids;
	size_t n;
	struct store_rec *first;      /* the first marked record */
	const struct cfg_transition *t[MAXSTEPS];
	size_t nt;
	const struct cfg_transition *chosen;
	void (*done)(struct ws *w, void *ctx);
	void *ctx;
} B;

static void
batch_reset(void)
{
	size_t i;

	for (i = 0; i < B.n; i++)
		free(B.ids[i]);
	free(B.ids);
	store_rec_free(&B.first);
	memset(&B, 0, sizeof B);
}

/* Keep in B.t only the steps also in v[0..n). */
static void
intersect(const struct cfg_transition *const *v, size_t n)
{
	size_t i, j, k = 0;

	for (i = 0; i < B.nt; i++) {
		for (j = 0; j < n && v[j] != B.t[i]; j++)
			;
		if (j < n)
			B.t[k++] = B.t[i];
	}
	B.nt = k;
}

static void
apply_now(struct ws *w, void *ctx)
{
	struct as_err err = {0};
	struct as_buf b = {0};
	int rc;

	(void)ctx;
	rc = wf_apply_batch(w->c, (const char *const *)B.ids, NULL, B.n,
			    B.chosen->id, NULL, 0, NULL, &err);
	if (rc != 0) {
		ws_msg(w, 2, "%s", err.msg);
		return;
	}
	ws_step_from(w, B.chosen, &b);
	ws_msg(w, 1, "%zu %s: %s  %s → %s", B.n, ws_tr(w, "条记录", "records"),
	       ws_label(w, &B.chosen->label, B.chosen->id), b.data,
	       ws_to_label(w, B.chosen));
	buf_free(&b);
	if (B.done != NULL)
		B.done(w, B.ctx);
}

static void
picked(struct ws *w, size_t i, void *ctx)
{
	char q[512];

	(void)ctx;
	if (i >= B.nt)
		return;
	B.chosen = B.t[i];
	if (B.chosen->nrequires > 0) {
		ws_push(w, ws_form_batch(w, B.first, B.chosen, B.ids, B.n,
					 B.done, B.ctx));
		return;
	}
	snprintf(q, sizeof q, "%s %zu %s: %s? (y/n)",
		 ws_tr(w, "对", "Apply to"), B.n,
		 ws_tr(w, "条已标记记录执行", "marked records"),
		 ws_label(w, &B.chosen->label, B.chosen->id));
	ws_ask(w, q, apply_now, NULL);
}

void
ws_batch_open(struct ws *w, char *const *ids, size_t n,
	      void (*done)(struct ws *w, void *ctx), void *ctx)
{
	const struct cfg_transition *av[MAXSTEPS];
	const char *items[MAXSTEPS];
	struct store_rec *r = NULL;
	struct as_err err = {0};
	size_t i, nav;

	batch_reset();
	if (n == 0) {
		ws_msg(w, 2, "%s", ws_tr(w, "请先用 t 标记记录",
		       "mark records with t first"));
		return;
	}
	B.ids = xcalloc(n, sizeof *B.ids);
	for (i = 0; i < n; i++)
		B.ids[i] = xstrdup(ids[i]);
	B.n = n;
	B.done = done;
	B.ctx = ctx;
	for (i = 0; i < n; i++) {
		if (core_get(w->c, ids[i], &r, &err) != 0) {
			ws_msg(w, 2, "%s", err.msg);
			return;
		}
		nav = wf_available(w->c, r, av, MAXSTEPS);
		if (i == 0) {
			memcpy(B.t, av, nav * sizeof *av);
			B.nt = nav;
			B.first = r;
			r = NULL;
		} else {
			intersect(av, nav);
			store_rec_free(&r);
		}
	}
	if (B.nt == 0) {
		ws_msg(w, 2, "%s (%zu)", ws_tr(w,
		       "没有能对全部已标记记录执行的操作",
		       "no step is open to you on every marked record"), n);
		return;
	}
	for (i = 0; i < B.nt; i++)
		items[i] = ws_label(w, &B.t[i]->label, B.t[i]->id);
	ws_pick_open(w, ws_tr(w, "对已标记记录执行", "Step on the marked records"),
		     items, B.nt, 0, picked, NULL);
}
