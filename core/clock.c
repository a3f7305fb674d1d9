/*
 * clock.c - SLA clocks (deadlines) of records.  The configuration says
 * which transitions start and stop a clock and how many hours it allows
 * (a rule list over the record's fields, first match wins); this module
 * keeps each clock's state in reserved fields of the record, written in
 * the same transaction as the change that moves it, so the history shows
 * when a clock started, moved and stopped like any other field:
 *
 *   _start.ID  UTC seconds the clock started (kept after it stops)
 *   _due.ID    UTC seconds it is due; present only while it runs and a
 *              rule matches (the "du" index follows this field)
 *   _done.ID   UTC seconds it stopped (only for a clock that had a due)
 *   _late.ID   "1" once it has been overdue: set at the first write after
 *              its due time passed (or when it stops after it); only a
 *              new start clears it
 *   _pause.ID  UTC seconds it paused: present while the record is in one
 *              of the clock's pause: states (it then has no _due)
 *   _paused.ID seconds it has been paused in all, added to its due
 *
 * A clock starts on create or a start: transition, or at the time a
 * start: {field: F} datetime field holds once F has a value (correcting F
 * while it runs moves the start); it stops on a stop: transition, or at
 * the time its stop: {field: F} holds once F has one, and then that time,
 * not the time of the write, decides whether it was on time (R1 §7.2: the
 * response runs from the complaint's arrival to the first answer).
 *
 * A running clock's due is start + hours of the first rule matching the
 * record's fields now: it is computed when the clock starts and again on
 * every later write while it runs, so filling in or correcting the fault
 * class or the distance moves the deadline (R2 §3.2.2, §3.2.3).  But a
 * clock that has been overdue stays late: a write after the due time
 * (the correction itself, say) first marks it late, and moving the due
 * later does not unmark it, so the answer that follows still counts as
 * late in the timeliness figure (R2 §3.2.1; the clock measures the time
 * to the first answer, R1 §7.2).  Every move of the due is a change of
 * _due.ID in the step's history event, old and new time, like the start,
 * the stop and the late mark.
 */
#include "core_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define F_START "_start."
#define F_DUE "_due."
#define F_DONE "_done."
#define F_LATE "_late."
#define F_PAUSE "_pause."
#define F_PAUSED "_paused."

int
core_reserved_field(const char *key)
{
	return key != NULL && (key[0] == '_' || key[0] == '@');
}

/*
 * k := pre + id, cut to fit (ids are far shorter): without snprintf, which
 * cost a tenth of an import (issue 13).
 */
static void
key_of(char *k, size_t size, const char *pre, const char *id)
{
	size_t a = strlen(pre), b = strlen(id);

	if (a >= size)
		a = size - 1;
	if (b >= size - a)
		b = size - a - 1;
	memcpy(k, pre, a);
	memcpy(k + a, id, b);
	k[a + b] = '\0';
}

static const char *
get_f(const struct store_rec *r, const char *pre, const char *id)
{
	char k[320];

	key_of(k, sizeof k, pre, id);
	return store_rec_get(r, k);
}

/* A stored time (seconds) v into *out: 1; 0 when none or not a number. */
static int
stored_t(const char *v, int64_t *out)
{
	char *end;
	long long n;

	if (v == NULL || *v == '\0')
		return 0;
	n = core_strtoll(v, &end);
	if (*end != '\0')
		return 0;
	*out = n;
	return 1;
}

static int
get_t(const struct store_rec *r, const char *pre, const char *id,
      int64_t *out)
{
	return stored_t(get_f(r, pre, id), out);
}

/*
 * The reserved fields of one clock of a record, found in one pass over
 * its fields rather than a look-up by name each (a write runs some
 * forty for the clocks of a complaint; issue 13).
 */
enum { P_START, P_DUE, P_DONE, P_LATE, P_PAUSE, P_PAUSED, P_N };

static const char *const pre_of[P_N] = {
	F_START, F_DUE, F_DONE, F_LATE, F_PAUSE, F_PAUSED,
};

struct cview {
	const char *id;          /* the clock's */
	const char *v[P_N];      /* the value of each field, NULL if none */
};

/* 1 if key starts with pre (n bytes), without reading past its end. */
static int
has_pre(const char *key, const char *pre, size_t n)
{
	size_t j;

	for (j = 0; j < n && key[j] == pre[j]; j++)
		;
	return j == n;
}

/* Which of pre_of key starts with, its length in *n; -1 for none. */
static int
pre_index(const char *key, size_t *n)
{
	int p;

	if (key[0] != '_')
		return -1;
#define PRE(x) (p = P_##x, *n = sizeof F_##x - 1)
	switch (key[1]) {
	case 's': PRE(START); break;
	case 'd': key[2] == 'u' ? PRE(DUE) : PRE(DONE); break;
	case 'l': PRE(LATE); break;
	case 'p':
		has_pre(key, F_PAUSED, sizeof F_PAUSED - 1) ? PRE(PAUSED) :
		    PRE(PAUSE);
		break;
	default: return -1;
	}
#undef PRE
	return has_pre(key, pre_of[p], *n) ? p : -1;
}

/* cv := the fields of clock id of r, as get_f finds them. */
static void
cview_load(const struct store_rec *r, const char *id, struct cview *cv)
{
	size_t i, n;
	int p;

	cv->id = id;
	for (p = 0; p < P_N; p++)
		cv->v[p] = NULL;
	if (strlen(id) + sizeof F_PAUSED > 320) {
		/* a name key_of cuts: looked up as cut */
		for (p = 0; p < P_N; p++)
			cv->v[p] = get_f(r, pre_of[p], id);
		return;
	}
	for (i = 0; i < r->nfields; i++) {
		const char *k = r->fields[i].key;

		if (k[0] != '_' || (p = pre_index(k, &n)) < 0 ||
		    cv->v[p] != NULL)
			continue;       /* the first of a name, as get_f */
		if (strcmp(k + n, id) == 0)
			cv->v[p] = r->fields[i].val;
	}
}

/* The time in field p of cv into *out: 1; 0 when none or not a number. */
static int
cv_t(const struct cview *cv, int p, int64_t *out)
{
	return stored_t(cv->v[p], out);
}

/* Set (val NULL: remove) field p of cv, recording the change in e. */
static void
set_f(struct store_rec *r, struct store_event *e, struct cview *cv, int p,
      const char *val)
{
	char k[320];
	const char *old = cv->v[p];

	if ((old == NULL && val == NULL) ||
	    (old != NULL && val != NULL && strcmp(old, val) == 0))
		return;
	key_of(k, sizeof k, pre_of[p], cv->id);
	if (e != NULL)
		store_event_change(e, k, old, val);
	store_rec_set(r, k, val);
	/* the other values stay where they are: only this one moved */
	cv->v[p] = val != NULL ? store_rec_get(r, k) : NULL;
}

static void
set_t(struct store_rec *r, struct store_event *e, struct cview *cv, int p,
      int64_t t)
{
	char v[32], *q = v + sizeof v;
	uint64_t u = t < 0 ? -(uint64_t)t : (uint64_t)t;

	/* the decimal digits of t, as "%" PRId64 would write them */
	*--q = '\0';
	do
		*--q = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (t < 0)
		*--q = '-';
	set_f(r, e, cv, p, q);
}

const struct cfg_rule *
core_clock_rule(const struct cfg_clock *k, const struct store_rec *r)
{
	size_t i;

	for (i = 0; i < k->nrules; i++) {
		const struct cfg_rule *ru = &k->rules[i];

		if (core_cond_holds(ru->when, ru->nwhen, r))
			return ru;
	}
	return NULL;
}

static int
tr_in(const struct cfg_transition *tr, const struct cfg_transition *const *v,
      size_t n)
{
	size_t i;

	for (i = 0; tr != NULL && i < n; i++)
		if (v[i] == tr)
			return 1;
	return 0;
}

/* The time field f of r holds (UTC seconds); 0 when none or unset. */
static int
field_time(const struct store_rec *r, const struct cfg_field *f, int64_t *out)
{
	const char *v;
	char *end;
	long long n;

	if (f == NULL || (v = store_rec_get(r, f->id)) == NULL || *v == '\0')
		return 0;
	n = core_strtoll(v, &end);
	if (*end != '\0')
		return 0;
	*out = n;
	return 1;
}

static int
state_in(const char *state, const struct cfg_state *const *v, size_t n)
{
	size_t i;

	for (i = 0; state != NULL && i < n; i++)
		if (strcmp(v[i]->id, state) == 0)
			return 1;
	return 0;
}

/* End a pause of clock k at time t: its span joins _paused.ID. */
static void
pause_end(struct store_rec *r, struct store_event *e, struct cview *cv,
	  int64_t t)
{
	int64_t since, total = 0;

	if (!cv_t(cv, P_PAUSE, &since))
		return;
	cv_t(cv, P_PAUSED, &total);
	if (t > since)
		set_t(r, e, cv, P_PAUSED, total + (t - since));
	set_f(r, e, cv, P_PAUSE, NULL);
}

void
clock_update(const struct cfg_rectype *rt, struct store_rec *r,
	     const struct cfg_transition *tr, int created, int64_t now,
	     struct store_event *e)
{
	size_t i;

	for (i = 0; i < rt->nclocks; i++) {
		const struct cfg_clock *k = &rt->clocks[i];
		const struct cfg_rule *ru;
		int starts = created ? k->start_create
				     : tr_in(tr, k->start, k->nstart);
		int64_t start = 0, due = 0, fstart = 0, stop_t = now;
		int64_t paused = 0;
		struct cview cv;
		int began, running, has_fstart, stops, by_field = 0;

		cview_load(r, k->id, &cv);
		began = cv_t(&cv, P_START, &start);
		running = began && cv.v[P_DONE] == NULL;
		has_fstart = field_time(r, k->start_field, &fstart);

		if (starts && !running) {
			start = has_fstart ? fstart : now;
			set_t(r, e, &cv, P_START, start);
			set_f(r, e, &cv, P_DONE, NULL);
			set_f(r, e, &cv, P_LATE, NULL);
			set_f(r, e, &cv, P_PAUSE, NULL);
			set_f(r, e, &cv, P_PAUSED, NULL);
			running = 1;
		} else if (has_fstart && !began) {
			/*
			 * The time field got its value: the clock ran since;
			 * unless it has stopped already and no rule gives it
			 * a due (nothing to count: without this it would
			 * start and stop again at every write).
			 */
			int64_t st;

			if (field_time(r, k->stop_field, &st) &&
			    core_clock_rule(k, r) == NULL)
				continue;
			start = fstart;
			set_t(r, e, &cv, P_START, start);
			running = 1;
		} else if (has_fstart && running && fstart != start) {
			/* the time field corrected: the start moves with it */
			start = fstart;
			set_t(r, e, &cv, P_START, start);
		}
		if (!running)
			continue;
		stops = tr_in(tr, k->stop, k->nstop);
		if (!stops && field_time(r, k->stop_field, &stop_t))
			stops = by_field = 1;
		/*
		 * Overdue at this write: late for good, whatever moves next.
		 * Not when this write enters the time of the answer: then
		 * that time, not the write's, decides.
		 */
		if (!by_field && cv_t(&cv, P_DUE, &due) && now > due)
			set_f(r, e, &cv, P_LATE, "1");
		if (stops)
			pause_end(r, e, &cv, stop_t < now ? stop_t : now);
		else if (cv.v[P_PAUSE] != NULL &&
		    !state_in(r->state, k->pause, k->npause))
			pause_end(r, e, &cv, now);
		cv_t(&cv, P_PAUSED, &paused);
		ru = core_clock_rule(k, r);
		if (stops) {
			/*
			 * A transition stops it against the due it ran to; a
			 * time field against the due of the fields now (the
			 * start may have moved in this write); a paused clock
			 * has none stored.
			 */
			int stored = cv_t(&cv, P_DUE, &due);

			if (ru != NULL && (by_field || !stored))
				due = start + paused +
				    (int64_t)(ru->hours * 3600 + 0.5);
			else if (!stored) {
				/* no rule gave it a due: nothing to count */
				set_f(r, e, &cv, P_START, NULL);
				set_f(r, e, &cv, P_PAUSED, NULL);
				continue;
			}
			set_t(r, e, &cv, P_DONE, stop_t);
			if (stop_t > due)
				set_f(r, e, &cv, P_LATE, "1");
			set_f(r, e, &cv, P_DUE, NULL);
			continue;
		}
		if (state_in(r->state, k->pause, k->npause)) {
			/* paused: no due runs until the record leaves */
			if (cv.v[P_PAUSE] == NULL)
				set_t(r, e, &cv, P_PAUSE, now);
			set_f(r, e, &cv, P_DUE, NULL);
			continue;
		}
		if (ru != NULL)
			set_t(r, e, &cv, P_DUE, start + paused +
			      (int64_t)(ru->hours * 3600 + 0.5));
		else
			set_f(r, e, &cv, P_DUE, NULL);
	}
}

int
core_deadline(const struct core *c, const struct store_rec *r, int64_t *due,
	      const struct cfg_clock **clock)
{
	const struct cfg_rectype *rt = core_rectype(c, r);
	const char *best = NULL;
	int64_t t, bt = 0;
	size_t i, n = strlen(F_DUE);

	for (i = 0; i < r->nfields; i++) {
		const char *k = r->fields[i].key;
		char *end;

		if (strncmp(k, F_DUE, n) != 0)
			continue;
		t = core_strtoll(r->fields[i].val, &end);
		if (*end != '\0' || end == r->fields[i].val)
			continue;
		if (best == NULL || t < bt) {
			best = k + n;
			bt = t;
		}
	}
	if (best == NULL)
		return 0;
	if (due != NULL)
		*due = bt;
	if (clock != NULL)
		*clock = rt != NULL ? cfg_clock(rt, best) : NULL;
	return 1;
}

size_t
core_clocks(const struct core *c, const struct store_rec *r,
	    struct core_clock *out, size_t max)
{
	const struct cfg_rectype *rt = core_rectype(c, r);
	size_t i, n = 0;

	for (i = 0; rt != NULL && i < rt->nclocks && n < max; i++) {
		const struct cfg_clock *k = &rt->clocks[i];
		struct core_clock *o = &out[n];

		memset(o, 0, sizeof *o);
		o->clock = k;
		if (!get_t(r, F_START, k->id, &o->start))
			continue;
		o->stopped = get_t(r, F_DONE, k->id, &o->done);
		o->late = get_f(r, F_LATE, k->id) != NULL;
		o->has_due = !o->stopped && get_t(r, F_DUE, k->id, &o->due);
		o->paused = !o->stopped && get_t(r, F_PAUSE, k->id,
		    &o->paused_since);
		o->rule = o->stopped ? NULL : core_clock_rule(k, r);
		if (o->stopped || o->has_due || o->paused)
			n++;
	}
	return n;
}

/* "3 小时" / "3 h": the largest whole unit. */
void
core_format_span(int64_t secs, const char *lang, struct as_buf *b)
{
	int en = as_lang_is_en(lang);

	if (secs < 0)
		secs = -secs;
	if (secs < 3600)
		buf_addf(b, en ? "%" PRId64 " min" : "%" PRId64 " 分钟",
			 secs / 60);
	else if (secs < 2 * 86400)
		buf_addf(b, en ? "%" PRId64 " h" : "%" PRId64 " 小时",
			 secs / 3600);
	else
		buf_addf(b, en ? "%" PRId64 " d" : "%" PRId64 " 天",
			 secs / 86400);
}

void
core_clock_text(const struct core *c, const struct core_clock *k,
		const char *lang, int64_t now, struct as_buf *b)
{
	int en = as_lang_is_en(lang);

	if (k->stopped) {
		buf_adds(b, en ? "done " : "完成于 ");
		core_format_time(c, k->done, 1, b);
		buf_adds(b, k->late ? (en ? " (late)" : " (超时)")
				    : (en ? " (on time)" : " (按时)"));
		return;
	}
	if (k->paused) {
		buf_adds(b, en ? "paused since " : "暂停于 ");
		core_format_time(c, k->paused_since, 1, b);
		if (k->late)
			buf_adds(b, en ? " (was overdue: counts as late)"
				       : " (曾超时，计为超时)");
		return;
	}
	if (!k->has_due)
		return;
	core_format_time(c, k->due, 1, b);
	if (k->due < now) {
		buf_adds(b, en ? " (overdue by " : " (已超时 ");
		core_format_span(now - k->due, lang, b);
		buf_adds(b, ")");
	} else {
		buf_adds(b, en ? " (" : " (剩 ");
		core_format_span(k->due - now, lang, b);
		buf_adds(b, en ? " left)" : ")");
		if (k->late)   /* was overdue before the due moved */
			buf_adds(b, en ? " (was overdue: counts as late)"
				       : " (曾超时，计为超时)");
	}
	if (k->rule != NULL && k->rule->clause != NULL)
		buf_addf(b, " %s", k->rule->clause);
}

int
core_clock_change_text(const struct core *c, const struct cfg_rectype *rt,
		       const char *field, const char *val, const char *lang,
		       struct as_buf *label, struct as_buf *value)
{
	static const struct {
		const char *pre, *zh, *en;
	} parts[] = {
		{ F_START, "开始", "started" },
		{ F_DUE, "期限", "deadline" },
		{ F_DONE, "停止", "stopped" },
		{ F_LATE, "超时", "late" },
		{ F_PAUSE, "暂停", "paused" },
		{ F_PAUSED, "暂停累计", "paused in all" },
	};
	const struct cfg_clock *k;
	int en = as_lang_is_en(lang);
	size_t i, n;
	char *end;
	long long t;

	if (!core_reserved_field(field))
		return 0;
	if (stock_change_text(c, field, val, lang, label, value))
		return 1;
	if (core_freeze_change_text(c, rt, field, val, lang, label, value))
		return 1;
	for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		n = strlen(parts[i].pre);
		if (strncmp(field, parts[i].pre, n) != 0)
			continue;
		k = rt != NULL ? cfg_clock(rt, field + n) : NULL;
		buf_addf(label, en ? "%s, %s" : "%s %s", k != NULL ?
			 cfg_text(&k->label, lang, k->id) : field + n,
			 en ? parts[i].en : parts[i].zh);
		if (val == NULL)
			return 1;
		if (strcmp(parts[i].pre, F_LATE) == 0) {
			buf_adds(value, en ? "yes" : "是");
			return 1;
		}
		t = strtoll(val, &end, 10);
		if (*end == '\0' && end != val &&
		    strcmp(parts[i].pre, F_PAUSED) == 0)
			core_format_span(t, lang, value);
		else if (*end == '\0' && end != val)
			core_format_time(c, t, 1, value);
		else
			buf_adds(value, val);
		return 1;
	}
	buf_adds(label, field);
	if (val != NULL)
		buf_adds(value, val);
	return 1;
}

/* Timeliness ---------------------------------------------------------- */

struct tl_ctx {
	const struct cfg *cfg;
	const char *type;
	uint64_t met, total;
};

static int
tl_visit(const struct store_rec *r, void *vctx)
{
	struct tl_ctx *x = vctx;
	const struct cfg_rectype *rt = cfg_rectype(x->cfg, r->type);
	const struct cfg_clock *k;
	size_t i, n = strlen(F_DONE);

	if (x->type != NULL && strcmp(r->type, x->type) != 0)
		return 0;
	for (i = 0; i < r->nfields; i++) {
		if (strncmp(r->fields[i].key, F_DONE, n) != 0)
			continue;
		k = rt != NULL ? cfg_clock(rt, r->fields[i].key + n) : NULL;
		if (k != NULL && !k->timeliness)
			continue;   /* timeliness: false, our stage clocks */
		x->total++;
		if (get_f(r, F_LATE, r->fields[i].key + n) == NULL)
			x->met++;
	}
	return 0;
}

static int
tl_txn(struct store_txn *t, void *vctx, struct as_err *err)
{
	struct tl_ctx *x = vctx;

	x->met = x->total = 0;
	return store_scan(t, NULL, tl_visit, x, err);
}

int
core_timeliness(struct core *c, const char *type, uint64_t *met,
		uint64_t *total, struct as_err *err)
{
	struct tl_ctx x = { c->cfg, type, 0, 0 };
	int rc;

	if (type != NULL && cfg_rectype(c->cfg, type) == NULL)
		return as_err_set(err, AS_E_NOTFOUND, TR(c,
				  "没有记录类型“%s”", "no record type \"%s\""),
				  type);
	rc = store_read(c->st, tl_txn, &x, err);
	if (met != NULL)
		*met = rc == 0 ? x.met : 0;
	if (total != NULL)
		*total = rc == 0 ? x.total : 0;
	return rc;
}

/* The KPI board's view of a clock --------------------------------------- */

int
core_clock_due_state(const struct cfg_clock *k, const struct store_rec *r,
		     int64_t *due, int *done, int *late)
{
	const struct cfg_rule *ru;
	int64_t start, stop, paused = 0;

	struct cview cv;

	*done = *late = 0;
	cview_load(r, k->id, &cv);
	if (cv_t(&cv, P_DUE, due)) {
		*late = cv.v[P_LATE] != NULL;
		return 1;                       /* running, with a due */
	}
	if (!cv_t(&cv, P_DONE, &stop) || !cv_t(&cv, P_START, &start))
		return 0;                       /* paused, or never started */
	*done = 1;
	*late = cv.v[P_LATE] != NULL;
	cv_t(&cv, P_PAUSED, &paused);
	/* the due it ran to: its stored due went when it stopped */
	ru = core_clock_rule(k, r);
	*due = ru != NULL ? start + paused + (int64_t)(ru->hours * 3600 + 0.5)
			  : stop;
	return 1;
}
