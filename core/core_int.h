/*
 * core_int.h - private declarations shared by the files of core/.
 */
#ifndef AS_CORE_INT_H
#define AS_CORE_INT_H

#include <string.h>

#include "core.h"

struct core {
	struct cfg *cfg;
	struct store *st;
	const struct cfg_user *user;   /* the acting user */
	char *login;                   /* the real login (core.c's core_login:
					  NULL until looked up) */
	char *dbdir;
	int64_t clock;                 /* fixed "now", 0: the real time */
	const char *lang;              /* "zh" or "en": messages, labels */
	int privileged;                /* core_privileged() at core_open */
	int compiled;                  /* the configuration is the image's */
	int root_init;                 /* opts->init by the real root */
};

/*
 * How many times core_open has set the configured zone (TZ) in this
 * process: what a memory of local times (kpi.c) is valid for.
 */
long core_zone_gen(void);

/*
 * A message in the user's language: both texts are format literals with
 * the same arguments, so the compiler checks them both.
 */
#define TR(c, zh, en) AS_TRL((c)->lang, zh, en)

/*
 * In a privileged process, the database folder db must be root's and the
 * service group's, in folders only root can change: returns 0 and *real,
 * its resolved path to open (caller frees), or AS_E_PERM / -errno.
 */
int core_db_trusted(const struct core *c, const char *db, char **real,
		    struct as_err *err);

/*
 * "YYYY-MM-DD[ HH:MM[:SS]]" in the configured zone into UTC seconds
 * (with_time 0: the date alone); 0, or -1 when s is no such time.
 */
int core_parse_time(const char *s, int with_time, int64_t *out);

/* The secondary index keys of a record (store_index_fn). */
void core_index_keys(const struct store_rec *r, struct store_keys *out,
		     void *ctx);

/* Index key builders; each returns a new string. */
/*
 * prefix (a key space's, "xx\x1f") then the n parts joined by \x1f: the
 * shape of most index keys, built without a format (vsnprintf was a tenth
 * of an import's time, issue 13).
 */
char *core_key_join(const char *prefix, const char *const *part, size_t n);
char *core_key_state(const char *type, const char *state);
/*
 * The key of a declared lookup or sort of field of type: value normalised
 * as norm (a letter of query.c's N_*).
 */
char *core_key_field(const char *type, const char *field, int norm,
		     const char *value);
/*
 * The record of type whose exact lookup (lookups: F: exact) on field is
 * value, read in t into *out (the first if several): 0, AS_E_NOTFOUND
 * (*out NULL), or a store error.  How the part master and the product
 * register are found by code, barcode or serial.
 */
int core_exact_get(struct store_txn *t, const char *type, const char *field,
		   const char *value, struct store_rec **out,
		   struct as_err *err);
char *core_key_due(const char *type, int64_t due);
/*
 * The KPI board (kpi.c): clock k of r as the timeliness figure sees it.
 * 1 and *due when it has a due: running (*done 0) or stopped (*done 1,
 * *due the due it ran to, from its rule now; its stop time without one);
 * *late when it has been overdue (R2 §3.2.1).  0: paused or not started.
 */
int core_clock_due_state(const struct cfg_clock *k, const struct store_rec *r,
			 int64_t *due, int *done, int *late);
/* The per-month KPI index keys of r (part of core_index_keys). */
void core_kpi_keys(const struct core *c, const struct store_rec *r,
		   struct store_keys *out);
/* The keys of r's running clocks (part of core_index_keys). */
void core_due_keys(const struct store_rec *r, struct store_keys *out);
/*
 * The holder index of my queue (queue.c): one key per user a by: field of
 * r names, core_key_hold(type, login, state), and one of login "" when a
 * by: step leaving r's state names nobody (part of core_index_keys, whose
 * sort drops a key added twice).
 */
void core_hold_keys(const struct core *c, const struct store_rec *r,
		    struct store_keys *out);
char *core_key_hold(const char *type, const char *login, const char *state);
/*
 * Which index run holds every record of state that may be in part
 * (CORE_QUEUE_*) of the current user's queue: 1 and *login NULL, the
 * state's run; 1 and *login set, the holder run core_key_hold(type,
 * *login, state); 0, none can be.
 */
int wf_queue_run(const struct core *c, const struct cfg_rectype *rt,
		 const char *state, int part, const char **login);
/*
 * The ids of the only fields wf_queue_rank, wf_in_role and core_in_units
 * read of a record of rt (the fields of its steps' when:, their by:
 * fields and its unit field), each once, into out[0..max-1]: their
 * number, or -1 when there are more than max (read every field then).
 */
int wf_queue_fields(const struct cfg_rectype *rt, const char **out,
		    size_t max);
/*
 * 1 if every record of state is in the current user's queue (mine 1) or
 * role view (mine 0), whatever its fields: a main step of the user's roles
 * leaves the state without when: (and, for the queue, without by: and
 * scope: unit) and the user's units hold every record.  Their count is
 * then the state's index count.
 */
int wf_view_whole_state(const struct core *c, const struct cfg_rectype *rt,
			const char *state, int mine);

/* Normalisations used by the indexes and lookups (new strings). */
char *core_norm_phone(const char *s);
char *core_norm_serial(const char *s);

/*
 * Move the SLA clocks of r (type rt) for one write at time now: started by
 * create (created) or transition tr, stopped by tr, due recomputed from
 * the fields while running.  Each field change is recorded in e.
 */
void clock_update(const struct cfg_rectype *rt, struct store_rec *r,
		  const struct cfg_transition *tr, int created, int64_t now,
		  struct store_event *e);

/* 1 if the field conditions of t hold on r. */
int wf_when_holds(const struct cfg_transition *t, const struct store_rec *r);
/* 1 if user u has one of the roles of t. */
int wf_role_ok(const struct cfg_user *u, const struct cfg_transition *t);
/* 1 if t may be taken from state s. */
int wf_from_ok(const struct cfg_transition *t, const char *state);

/*
 * Refuse (AS_E_PERM, the message starting with the field id) the first
 * input that sets a field the current user may not fill in when creating
 * a record of rt (core_create_field_ok).  Empty values set nothing.
 */
int perm_create_inputs(const struct core *c, const struct cfg_rectype *rt,
		       const struct core_kv *in, size_t n,
		       struct as_err *err);

/*
 * Units and frozen fields (units.c).  unit_refused: AS_E_PERM naming r's
 * unit and the user's units, for what (a step's label, "change X") on a
 * record of rt (which has a unit_field).  unit_value_ok: 0 if the user
 * may set unit field f to unit id v (within their units), else AS_E_PERM.
 * unit_default: set r's unit to the user's first unit if it has none
 * (change recorded in e).  freeze_refused: AS_E_PERM naming frozen field
 * f.  freeze_enter: r enters state st: add st's freeze: to r's frozen
 * fields (change recorded in e).
 */
int unit_refused(const struct core *c, const struct cfg_rectype *rt,
		 const struct store_rec *r, const char *what,
		 struct as_err *err);
int unit_value_ok(const struct core *c, const struct cfg_field *f,
		  const char *v, struct as_err *err);
void unit_default(const struct core *c, const struct cfg_rectype *rt,
		  struct store_rec *r, struct store_event *e);
int freeze_refused(const struct core *c, const struct store_rec *r,
		   const struct cfg_field *f, struct as_err *err);
void freeze_enter(const struct cfg_state *st, struct store_rec *r,
		  struct store_event *e);
/*
 * Seals (seal.c, R2 §3.3.2).  seal_enter: r enters state st: if st has
 * seal:, set that field to seal_code of r (change recorded in e).
 * seal_code: the code of r's values of st's freeze: fields (the seal
 * field itself left out) and its number into out: 9 characters and a
 * NUL, "3F9A-1C07".  seal_check: 0 if r has no seal or its seal field
 * holds the code its fields give now, else 1 with the state whose seal
 * it is in *stp.
 */
void seal_enter(const struct cfg_state *st, struct store_rec *r,
		struct store_event *e);
void seal_code(const struct cfg_state *st, const struct store_rec *r,
	       char out[10]);
int seal_check(const struct cfg_rectype *rt, const struct store_rec *r,
	       const struct cfg_state **stp);

/*
 * The history text of the reserved field _frozen (as
 * core_clock_change_text): 1 if field is it.
 */
int core_freeze_change_text(const struct core *c,
			    const struct cfg_rectype *rt, const char *field,
			    const char *val, const char *lang,
			    struct as_buf *label, struct as_buf *value);

/*
 * A guard: 0 if r (as the step would write it) may take the step, else
 * AS_E_GUARD with a sentence.  It runs inside the step's write
 * transaction t and may read other records there (store_get,
 * links_read), e.g. the records r is linked to.
 */
typedef int (*core_guard_fn)(const struct core *c, struct store_txn *t,
			     const struct store_rec *r, struct as_err *err);
core_guard_fn core_guard(const char *name);

/* The back-link index keys of r (part of core_index_keys; c may be NULL). */
void core_link_keys(const struct core *c, const struct store_rec *r,
		    struct store_keys *out);
/*
 * Check, in write transaction t, the references e sets on a record of
 * type rt: each names an existing record of the field's ref: type, else
 * AS_E_INVALID naming the field and the number.
 */
int links_check(const struct core *c, struct store_txn *t,
		const struct cfg_rectype *rt, const struct store_event *e,
		struct as_err *err);
/* core_links inside transaction t. */
int links_read(const struct core *c, struct store_txn *t,
	       const struct store_rec *r, struct core_links *out,
	       struct as_err *err);
/* Guard links_closed (links.c): every linked record is terminal. */
int guard_links_closed(const struct core *c, struct store_txn *t,
		       const struct store_rec *r, struct as_err *err);
/* A typed record number normalised ("c2026-42" -> "C2026-000042"). */
char *core_norm_number(const char *q);
/*
 * A record number as every entry point takes it (issue 9: show, do and
 * status parse numbers alike): core_norm_number's form when that names a
 * configured type ("c2026-2001" -> "C2026-002001"), else id unchanged.
 * A new string.
 */
char *core_id(const struct core *c, const char *id);

/*
 * Computed fields (warranty.c): compute r's warranty and score fields for
 * one write at time now, inside its transaction t: every one when the
 * record is created, else those whose inputs e changes and that are not
 * frozen; each change recorded in e.  Store errors.
 */
int calc_update(const struct core *c, struct store_txn *t,
		const struct cfg_rectype *rt, struct store_rec *r, int created,
		int64_t now, struct store_event *e, struct as_err *err);
/*
 * v in decimal into buf, at least width digits (zeros in front; the sign
 * of a negative v before them): what "%0*llu" and "%lld" write, without
 * a format (per record of an import, issue 13).  buf holds at least 22
 * bytes; returns the length written before the NUL.
 */
size_t core_fmt_u64(char *buf, uint64_t v, int width);
size_t core_fmt_i64(char *buf, int64_t v);
/*
 * strtoll(s, end, 10), exactly: the form the program stores (an optional
 * '-' and at most 18 digits) read without the library call, any other
 * by strtoll.  Stored times and numbers are read some sixty times a
 * step (issue 13).
 */
long long core_strtoll(const char *s, char **end);

/*
 * The canonical stored form of n lines of lines field f (lines.c): cell
 * holds n * f->ncolumns strings, "" for an empty cell; lines with no cell
 * are left out, and no line at all is "".  A new string.
 */
char *core_lines_json(const struct cfg_field *f, char *const *cell,
		      size_t n);

/*
 * Cost lines (money.c, R1 §5.2, §6, §9): in the write transaction of a
 * create, step or edit that changes r's cost lines (costs: of the
 * configuration), price parts lines, give each line without a bearer
 * its default and check bearer reasons and finance's confirmations; the
 * lines' change in e is updated.  AS_E_INVALID, AS_E_PERM, store errors.
 * guard_costs_confirmed: the guard costs_confirmed (every line confirmed).
 */
int money_update(const struct core *c, struct store_txn *t,
		 const struct cfg_rectype *rt, struct store_rec *r,
		 int created, struct store_event *e, struct as_err *err);
int guard_costs_confirmed(const struct core *c, struct store_txn *t,
			  const struct store_rec *r, struct as_err *err);
/* 1 if the stored warranty value has the verdict want (in, out, unknown). */
int core_warranty_is(const char *stored, const char *want);
/* A verdict (in, out, unknown) as a user reads it in lang, into b. */
void core_warranty_verdict_text(const char *verdict, const char *lang,
				struct as_buf *b);
/* The supplier a stored warranty value names (new string), or NULL. */
char *core_warranty_supplier(const char *stored);
/* The stored warranty value for display in lang, appended to b. */
void core_warranty_text(const char *stored, const char *lang,
			struct as_buf *b);

/*
 * Stock (stock.c).  stock_part_in: the part record whose code or barcode
 * is q, inside t (AS_E_NOTFOUND with a sentence).  stock_moves: the
 * moves: of tr on r inside the step's transaction t, recording each
 * movement in e; *all_done: every line of an against: move is done (1
 * without one).  stock_next_state: the state the step leaves r in (its
 * to_when:, until_done:, to:); NULL: r keeps its state.
 */
int stock_part_in(const struct core *c, struct store_txn *t, const char *q,
		  struct store_rec **out, struct as_err *err);
int stock_moves(const struct core *c, struct store_txn *t,
		const struct cfg_transition *tr, struct store_rec *r,
		struct store_event *e, int *all_done, struct as_err *err);
/*
 * lower_only: of tr: r's lines (after the step's inputs) against their
 * value old before: AS_E_GUARD if a part was added or a quantity raised.
 */
int stock_lower_check(const struct core *c, const struct cfg_transition *tr,
		      const char *old, const struct store_rec *r,
		      struct as_err *err);
/*
 * A history change of field "@mv" (a stock movement) as a label and a
 * value ("总库 BRK-001 -1（第 1 行）"); 0 for any other field.
 */
int stock_change_text(const struct core *c, const char *field,
		      const char *val, const char *lang, struct as_buf *label,
		      struct as_buf *value);
const struct cfg_state *stock_next_state(const struct cfg_transition *tr,
					 const struct store_rec *r,
					 int all_done);

#endif
