/*
 * core.h - the domain of aftersales: identity, records, the workflow
 * engine, lookups and lists.  Pure C over config/ and store/: no curses, no
 * LMDB types, never prints.  Every function reports failure through its
 * return code and a caller-supplied struct as_err; the UI decides how to
 * show it.
 *
 * Records are struct store_rec (a plain data struct from store/store.h);
 * field values are stored as text in a canonical form per field type:
 *   text, multiline, enum (code id), reference (login or number): as typed
 *   int: decimal; money: integer fen in decimal ("12345" = 123.45 yuan)
 *   date, datetime: UTC seconds in decimal
 */
#ifndef AS_CORE_H
#define AS_CORE_H

#include <stdio.h>

#include "../config/config.h"
#include "../store/store.h"

struct core;

#define CORE_CREATE_INIT 2

struct core_opts {
	const char *db;      /* database folder (required) */
	const char *config;  /* YAML file (required) */
	const char *user;    /* acting-user override, NULL: none */
	int create;          /* create the database if missing;
				CORE_CREATE_INIT: for aftersales init, where
				the real root needs no configured login */
	int readonly;        /* read-only use (status, show, list) */
	const char *lang;    /* "zh" or "en": the language of messages and
				the labels in them; NULL: "en" */
	const char *command; /* a maintenance command about to run, NULL:
				none; refused (core_may) before the database
				is opened or created */
};

/*
 * Load the configuration, open the store and establish who the user is:
 * the login of getuid(), or opts->user / $AFTERSALES_USER when the
 * configuration sets allow_user_override and the process is not
 * privileged (core_privileged).  A privileged process loads the
 * configuration with CFG_ROOT_ONLY.  $AFTERSALES_NOW set where core_now
 * does not honour it is refused.  When opts->create is CORE_CREATE_INIT,
 * the real root (uid 0) needs no configured login (aftersales init;
 * core_user is then NULL).
 * A privileged process opens only a database folder of root and its
 * service group, in folders only root can change.
 * Errors: AS_E_CONFIG (diags has the messages, may be NULL), AS_E_PERM (a
 * configuration file refused by CFG_ROOT_ONLY, $AFTERSALES_NOW refused,
 * the database folder refused; opts->command not allowed), AS_E_IDENTITY
 * (unknown login, override refused), store errors.  diags is filled
 * only on AS_E_CONFIG.
 */
int core_open(const struct core_opts *opts, struct core **out,
	      struct cfg_diags *diags, struct as_err *err);
void core_close(struct core **c);
/*
 * core_close for a process that exits next, its work with core done:
 * ends the store's transactions (store_leave) and leaves the map, the
 * model and the memory to the exit.  *c is NULL after it.
 */
void core_leave(struct core **c);

/*
 * The format of the index keys core_index_keys makes.  Bumped whenever
 * they change: 2, the holder index of my queue (issue 13).  A database
 * whose records were indexed in another format reads, but writes nothing
 * until `aftersales reindex` (store_opts.index_format).
 */
#define CORE_INDEX_FORMAT 2

/*
 * 1 if c's database was indexed in another format than this program's,
 * with *old (may be NULL) that format (1: from before the mark, 0: a
 * damaged mark); its look-ups and queues may miss records.  0 if not.
 */
int core_index_stale(const struct core *c, unsigned long *old);

const struct cfg *core_cfg(const struct core *c);
/*
 * Whether core_open took the configuration from the compiled image kept in
 * the database (1) or parsed its YAML files (0).  The image of the files
 * (config/cfg_image.c) is kept by an open that parsed them and may write;
 * it is used by any later open, read-only ones too, of the same build on
 * the same files, and never when a file has changed.
 */
int core_cfg_compiled(const struct core *c);
const struct cfg_user *core_user(const struct core *c);
/* Messages from now on in lang ("zh" or "en"). */
void core_set_lang(struct core *c, const char *lang);
/*
 * Act as another configured user (only where allow_user_override, and
 * never in a privileged process: AS_E_IDENTITY).
 */
int core_set_user(struct core *c, const char *login, struct as_err *err);
/*
 * Fix the time core stamps on new events (UTC seconds; 0: the real time).
 * Used by the demo generator to lay out a realistic past.
 */
void core_set_clock(struct core *c, int64_t now);
/*
 * Current time, UTC seconds: the clock set by core_set_clock, else
 * $AFTERSALES_NOW (tests) where c's configuration sets
 * allow_user_override and the process is not privileged, else the system
 * time (always when c is NULL).  Deadlines are judged against it.
 */
int64_t core_now(const struct core *c);
/*
 * 1 if this process runs with privileges its caller does not have: the
 * effective group (or user) differs from the real one, as in the
 * installed setgid binary.
 */
int core_privileged(void);
/*
 * Give up those privileges for good (real, effective and saved ids all
 * set to the real ones), before reading a file the caller names for its
 * own sake.  Returns 0 or -errno / AS_E_PERM.
 */
int core_drop_privilege(struct as_err *err);
/*
 * fopen(path, "rb") with the caller's own rights: in a privileged process
 * the effective ids are the real ones for the open only, so the caller
 * cannot name a file only the service group may read.  NULL and errno on
 * failure.
 */
FILE *core_fopen_as_caller(const char *path);
/* Transaction id of the last commit by anyone: poll it to refresh. */
uint64_t core_last_txnid(struct core *c);
/* Clear reader slots of dead processes (idle tick). */
void core_idle(struct core *c);
/*
 * A batch (core/batch.c): from core_batch_begin to core_batch_end every
 * step, edit, create and read of c runs in ONE write transaction, each
 * through the same engine (every check, every guard, one hash-chained
 * history event per change, as ever), and core_batch_commit writes the
 * steps so far durably and goes on in a new one.  Any failed write
 * discards the batch since its last commit: every later call fails
 * until core_batch_end; AS_E_RETRY means the map grew and the same batch
 * may be run again.  For the demo; not for work that waits for a user.
 * core_batch_end commits (commit != 0) or discards what is left.
 * core_reserve sizes the map for about bytes more (see store_reserve).
 */
int core_batch_begin(struct core *c, struct as_err *err);
int core_batch_commit(struct core *c, struct as_err *err);
int core_batch_end(struct core *c, int commit, struct as_err *err);
int core_reserve(struct core *c, uint64_t bytes, struct as_err *err);
/*
 * fn (NULL: none) runs when a damaged database file ends the process
 * (store_set_fatal_hook): inside a signal handler, so async-signal-safe
 * calls only (tcsetattr, write); the UI gives the terminal back there.
 */
void core_on_fatal(void (*fn)(void));
/* The NULL-terminated list of guard names the engine implements. */
const char *const *core_guard_names(void);

/* An input: field id and the value as the user typed it. */
struct core_kv {
	const char *key;
	const char *val;
};

/*
 * Check and convert a typed value of field f to its stored form (new
 * string in *out).  "" means unset, and so does a value of nothing but
 * white space (utf8_blank: U+3000 and the like too).  Refused, always with
 * the field named: invalid UTF-8; control characters (C0 but TAB and, in
 * a multiline field, LF; DEL; C1), where a multiline field's CR LF becomes
 * LF first; text longer than the field's maxlen characters or not matching
 * its pattern; int and money values that are not numbers, overflow, or lie
 * outside the field's min/max (money: in fen, default 0 to 100,000,000.00
 * yuan).  Numbers may be typed full-width (０-９, ．, ，) and with ","
 * between groups of three digits; they are stored as plain decimals.
 * Errors: AS_E_INVALID with a sentence that says what is expected (for an
 * enum: the valid codes; for a pattern: its description; for a bound: the
 * allowed range).
 * A lines field (config.h) is typed as a JSON array of objects, one per
 * line, whose keys are column ids and whose values are strings or numbers
 * (null: empty), e.g. [{"item":"P-100","qty":2}]; each cell is
 * checked as a field of its column's type, a required column must be in
 * every line, and a refusal names the line and column ("parts_taken line
 * 2, quantity: ...").  The stored form is canonical JSON (config.h).
 */
int core_parse_value(const struct core *c, const struct cfg_field *f,
		     const char *typed, char **out, struct as_err *err);
/*
 * Line items (lines.c).  core_lines_parse is core_parse_value of a lines
 * field.  core_lines_decode splits a stored lines value into its cells:
 * out->cell holds out->n * f->ncolumns stored values ("" when empty), line
 * by line; "" or NULL gives no line; AS_E_INVALID if stored is not a JSON
 * array (data from before the field was lines).  Free with
 * core_lines_free.  core_lines_encode turns typed cells (n lines of
 * f->ncolumns, NULL or "" for empty; the workstation's grid) into the
 * stored form as core_lines_parse does, with *bad_line and *bad_col (may
 * be NULL) the 0-based cell refused ((size_t)-1: none).
 * core_lines_export gives the JSON array an export writes (values as in a
 * CSV export: money in yuan, times formatted; new string);
 * core_lines_export_cell one cell of it into b; core_lines_summary a
 * one-line text of the lines ("P-100, 2; P-200, 1"); core_lines_cells
 * is core_lines_decode with every cell formatted for display in lang
 * (core_format_value of its column: a table's cells).
 */
struct core_lines {
	const struct cfg_field *f;
	size_t n;
	char **cell;
};
int core_lines_parse(const struct core *c, const struct cfg_field *f,
		     const char *typed, char **out, struct as_err *err);
int core_lines_decode(const struct cfg_field *f, const char *stored,
		      struct core_lines *out);
void core_lines_free(struct core_lines *l);
int core_lines_encode(const struct core *c, const struct cfg_field *f,
		      const char *const *typed, size_t n, char **out,
		      size_t *bad_line, size_t *bad_col, struct as_err *err);
char *core_lines_export(const struct core *c, const struct cfg_field *f,
			const char *stored);
void core_lines_export_cell(const struct core *c, const struct cfg_field *col,
			    const char *v, struct as_buf *b);
/*
 * Typed cells (n lines of f->ncolumns, NULL or blank for empty) as the
 * JSON a lines field is typed in (new string): blank cells and lines left
 * out, "" when no line has a cell.  core_lines_export of a stored value
 * is the same for the cells it holds, so it is the typed form of a
 * stored value too (the workstation's grid).
 */
char *core_lines_typed(const struct cfg_field *f, const char *const *cells,
		       size_t n);
int core_lines_cells(const struct core *c, const struct cfg_field *f,
		     const char *stored, const char *lang,
		     struct core_lines *out);
/*
 * A history change of lines field f from old to new, as the cells that
 * changed, appended to b in lang and returning 1: "第 2 行 差旅费 财务确认:
 * - → 孙红; 第 3 行 …" ("line 2 Travel Confirmed: - → 孙红; …"), each line
 * named by its first cell, when both hold the same number of lines and no
 * line changed in more than half its columns; 0 (b untouched) otherwise,
 * and the caller shows both values whole.
 */
int core_lines_change_text(const struct core *c, const struct cfg_field *f,
			   const char *old, const char *new, const char *lang,
			   struct as_buf *b);
void core_lines_summary(const struct core *c, const struct cfg_field *f,
			const char *stored, const char *lang,
			struct as_buf *b);

/*
 * 1 if field f is computed by the engine (type warranty or score, see
 * config.h): never typed, not offered in forms.
 */
int core_computed(const struct cfg_field *f);

/*
 * The printed page of record id (print.c): its type's print: layout
 * (config.h) as 80 columns of UTF-8 text aligned by display width, in
 * lang (NULL: the messages' language), appended to out: the title, the
 * number, state and time of printing, each section's fields and the place
 * for the signature (blanks until signed, then the signature fields and
 * the sign code).  Errors: AS_E_NOTFOUND (no record, or its type has no
 * print:), store errors.
 */
int core_print_page(struct core *c, const char *id, const char *lang,
		    struct as_buf *out, struct as_err *err);
/*
 * Send page to the configured printer command (printer:, default lp):
 * run with the caller's own rights (privileges dropped in the child), no
 * shell, the page on its standard input, its output discarded; waits for
 * it.  0, or an error naming the command when it cannot run or fails.
 */
int core_print_send(const struct core *c, const char *page,
		    struct as_err *err);

/* Format stored value v of field f for display in lang into buf. */
void core_format_value(const struct core *c, const struct cfg_field *f,
		       const char *v, const char *lang, struct as_buf *buf);
/* Format UTC seconds in the configured time zone ("2026-11-26 17:08"). */
void core_format_time(const struct core *c, int64_t t, int with_time,
		      struct as_buf *buf);

/*
 * Who may create records of a type (its create: in the configuration):
 * 0 if the current user may, else AS_E_PERM with a sentence naming the
 * roles that may (err may be NULL).
 */
int core_may_create(const struct core *c, const struct cfg_rectype *rt,
		    struct as_err *err);
/* 1 if the current user may fill in field f when creating a record of rt. */
int core_create_field_ok(const struct core *c, const struct cfg_rectype *rt,
			 const struct cfg_field *f);
/*
 * May the current user run maintenance command ("reindex", "backup",
 * "demo", "import")?  0, or AS_E_PERM with a sentence naming the roles
 * that may (the configuration's maintenance:; a command it does not name
 * is run by nobody).  core_reindex, core_backup and core_import_csv ask it
 * themselves; the demo generator asks it for "demo" before it starts.
 */
int core_may(const struct core *c, const char *command, struct as_err *err);

/*
 * Create a record of type from inputs: every required field must be there.
 * Assigns the next number of the year (PREFIX2026-000123) into *id (new
 * string) and writes the record, its indexes and a "create" event in one
 * transaction.  Errors: AS_E_NOTFOUND (type), AS_E_INVALID (field),
 * AS_E_PERM (the user may not create one, or may not fill in a field given
 * with a value: see core_may_create, core_create_field_ok; nothing is
 * written).
 */
int core_create(struct core *c, const char *type, const struct core_kv *in,
		size_t n, char **id, struct as_err *err);

/*
 * A source of rows for core_create_rows: next() fills the inputs of the
 * next row (valid until the following call) and returns 1, or 0 at the
 * end, or a negative error; rewind() starts again from the first row (the
 * store may run the whole transaction again after growing the map).
 */
struct core_rows {
	int (*next)(void *ctx, const struct core_kv **in, size_t *n,
		    struct as_err *err);
	int (*rewind)(void *ctx, struct as_err *err);
	void *ctx;
};

/*
 * Create one record per row in ONE transaction (imports): all or nothing.
 * Permissions as core_create.  On an invalid row returns AS_E_INVALID, or
 * AS_E_PERM for a field the user may not fill in (the message starts with
 * the field id), with *bad_row its 0-based index, and nothing is written.
 * *count, *first and *last (each may be NULL) receive how many were
 * created and the first and last numbers assigned.
 */
int core_create_rows(struct core *c, const char *type,
		     const struct core_rows *rows, size_t *count,
		     size_t *bad_row, char **first, char **last,
		     struct as_err *err);

/*
 * Import records of type (a record type id, not a plural) from CSV: RFC
 * 4180, UTF-8 with or without a byte-order mark, read from the start of f,
 * which must be seekable (the store may run the transaction again after
 * growing the map, and the file is read again).  The header maps each
 * column to a field by id, Chinese label or English label (any case).  The
 * columns number, state and created of an export are refused (importing
 * an export again would register its records twice; the message says to
 * remove them).  A cell that carries an export's spreadsheet formula mark
 * (a leading apostrophe before '=', '+', '-', '@', TAB, CR or a further
 * run of apostrophes before one: as_formula_unmark) loses exactly that one
 * apostrophe, so export then import gives every value back unchanged
 * ("''=x" -> "'=x").  For a type with lines fields, a column
 * FIELD.COLUMN holds that column of a line and a column "line" numbers the
 * rows of one record: a row with line empty or 1 starts a record, a row
 * with line one more than the row above continues it (its other cells
 * empty or equal to the record's first row) and adds a line; without a
 * line column every row is a record; a lines field may also be one column
 * holding its JSON array (up to 64 KiB).  Errors of a record name its
 * first row.
 * Every row is created as by core_create_rows, in ONE write
 * transaction: all or nothing.  Only the roles maintenance: names for
 * "import" may import, and each row obeys create: as core_create does.
 * Memory does not grow with the file: a NUL
 * byte, a value longer than its field may be (four bytes per character of
 * a text field's maxlen, else 1024 bytes), a row with more columns than
 * the header or a header with far more columns than the type has fields
 * stop the reading at once (so /dev/zero is refused at its first byte).
 * name (NULL: "-") names f in messages.  *count, *first and *last (each
 * may be NULL; the strings are new, the caller frees them) receive how
 * many were created and the first and last numbers; an empty file or a
 * header alone creates nothing and is not an error.  Errors, with nothing
 * written: AS_E_INVALID, the message "NAME:ROW: column \"X\": problem"
 * (the header), "NAME:ROW: field: problem" (a value, "column N" where no
 * field is known yet; ROW counts CSV records, the header is 1),
 * "NAME:ROW: the row has N columns, ..." or "NAME:ROW: malformed CSV:
 * ..."; AS_E_NOTFOUND (type); AS_E_PERM (not allowed to
 * import or to create, or "NAME:ROW: field: ..." for a column the user
 * may not fill in at registration); -EIO (reading f); store errors.
 */
int core_import_csv(struct core *c, const char *type, FILE *f,
		    const char *name, size_t *count, char **first,
		    char **last, struct as_err *err);

/* Copy record id into *out.  AS_E_NOTFOUND. */
int core_get(struct core *c, const char *id, struct store_rec **out,
	     struct as_err *err);
/* Visit the history of record id, oldest first. */
int core_history(struct core *c, const char *id, store_event_visit fn,
		 void *ctx, struct as_err *err);

/* The record type of r (NULL if the config does not know it). */
const struct cfg_rectype *core_rectype(const struct core *c,
				       const struct store_rec *r);
/* The state of r in its type (NULL if unknown). */
const struct cfg_state *core_state(const struct core *c,
				   const struct store_rec *r);

/*
 * The transitions the current user may take on r now (from-state, role
 * and field condition hold; guards and required fields are checked by
 * wf_apply).  Fills out[0..max) and returns the count.
 */
size_t wf_available(const struct core *c, const struct store_rec *r,
		    const struct cfg_transition **out, size_t max);
/*
 * 0 if the current user may take t on r as far as t's by: goes (R1 §8.1:
 * no by:, a manager, or the user the by: field names); else AS_E_PERM with
 * the sentence wf_apply gives, naming that user and the managers.
 */
int wf_by_ok(const struct core *c, const struct store_rec *r,
	     const struct cfg_transition *t, struct as_err *err);
/*
 * 1 if field f is one of t's requires:, 2 if it is one of its
 * requires_when: fields (required only when that condition holds), 0 if
 * neither: the fields a step's form asks for besides the editable ones.
 */
int wf_input(const struct cfg_transition *t, const struct cfg_field *f);
/*
 * Every transition out of r's state whose field condition holds, whoever
 * may take it, but reopens: true: "what it waits for", in the order of
 * the file with the exceptions (exception: true, config.h) last.
 * Returns the count.
 */
size_t wf_pending(const struct core *c, const struct store_rec *r,
		  const struct cfg_transition **out, size_t max);
/*
 * 1 if r belongs in the current user's queue ("my queue", list --mine):
 * wf_queue_rank(c, r) != 0; a stay: step (an option such as dispatching
 * a service trip) is no work waiting, as an exception is not.
 */
int wf_in_queue(const struct core *c, const struct store_rec *r);
/*
 * Where r stands in the current user's queue (queue.c; config.h says how
 * a queue is made): CORE_QUEUE_MINE, a step open to them that is no
 * exception (exception: or reopens:) and either its by: field names them
 * or another field that a by: of the type uses does; CORE_QUEUE_FREE, a
 * step their role may take that nobody holds (no by:, or by: empty and
 * they are a manager); 0: not in their queue (among others: every step
 * open to them belongs to another user a by: field names).
 */
enum { CORE_QUEUE_MINE = 1, CORE_QUEUE_FREE = 2 };
int wf_queue_rank(const struct core *c, const struct store_rec *r);
/*
 * 1 if r is in the current user's "my role" view: a transition that is no
 * exception leaves its state, its field condition holds and one of its
 * roles is the user's (whoever its by: names).  wf_role_state: 1 if such
 * a transition may leave state at all (a filter before reading records).
 */
int wf_in_role(const struct core *c, const struct store_rec *r);
int wf_role_state(const struct core *c, const struct cfg_rectype *rt,
		  const char *state);
/*
 * What r waits for, as one line appended to b in lang: "Label (who);
 * Label (who)", the steps of wf_pending (main steps first, exceptions
 * last), who being the user a step's by: field names ("Owner 王工")
 * or else its roles.  With skip_mine, the steps the current user may
 * take now (wf_available) are left out.
 */
void wf_waits_text(const struct core *c, const struct store_rec *r,
		   const char *lang, int skip_mine, struct as_buf *b);

/*
 * Take transition tid on record id as the current user, in ONE write
 * transaction: re-read the record; if rev != 0 and the record's revision is
 * not rev, AS_E_CONFLICT (nothing written); role check (AS_E_PERM); from
 * state (AS_E_PERM "not possible in state X"); field condition; inputs
 * parsed and stored; references checked (AS_E_INVALID); required fields
 * (AS_E_INVALID); guards (AS_E_GUARD); then record, indexes and one
 * history event.  A transition with creates: also creates its record in
 * the same transaction (see config.h): both records or neither.  *newrev (may be NULL)
 * receives the new revision.
 */
int wf_apply(struct core *c, const char *id, uint64_t rev, const char *tid,
	     const struct core_kv *in, size_t n, uint64_t *newrev,
	     struct as_err *err);
/*
 * wf_apply (tid NULL: a field edit, as core_edit), and on success *out is
 * the record as the step wrote it, its new revision in (*out)->rev
 * (caller frees with store_rec_free; NULL on an error): for a caller that
 * shows it next, without reading it again (issue 13: `do`).
 */
int wf_apply_rec(struct core *c, const char *id, uint64_t rev,
		 const char *tid, const struct core_kv *in, size_t n,
		 struct store_rec **out, struct as_err *err);

/*
 * Create a record of type from inputs in (as core_create) and take its
 * transition tid with the inputs tin (as wf_apply), in ONE write
 * transaction: both or neither (the store counter posts a new receipt
 * so).  *id (may be NULL) receives the new number.  Errors as
 * core_create and wf_apply.
 */
int core_create_step(struct core *c, const char *type,
		     const struct core_kv *in, size_t n, const char *tid,
		     const struct core_kv *tin, size_t ntin, char **id,
		     struct as_err *err);

/*
 * Links between records.  A field of type reference with ref: a record
 * type holds the number of such a record; core_parse_value normalises a
 * typed number as status does (c2026-12 -> C2026-000012) and the create,
 * step or edit that sets it checks, in its write transaction, that the
 * record exists and has that type (AS_E_INVALID naming the field and the
 * number).  Every such reference is indexed back, so a record's links
 * are known both ways.
 */
struct core_link {
	char *id;                     /* the other record's number */
	int outgoing;                 /* 1: this record's field names id;
					 0: id's field names this record */
	const struct cfg_field *field;/* that field (NULL if unknown) */
	const struct cfg_rectype *field_type; /* the type field belongs to */
	int exists;                   /* 0: id is not in the database */
	char *type;                   /* the other record's type and state */
	char *state;                  /*   (NULL when !exists) */
	int terminal;                 /* its state is terminal */
};
struct core_links {
	size_t n, cap;
	struct core_link *v;          /* outgoing in field order, then
					 incoming in (field, id) order */
};
/*
 * The links of record r (read in one read transaction) into *out (reset
 * first; free with core_links_free).  Store errors.
 */
int core_links(struct core *c, const struct store_rec *r,
	       struct core_links *out, struct as_err *err);
void core_links_free(struct core_links *l);
/* 1 if field f references records (ref: a record type, not user). */
int core_field_links(const struct cfg_field *f);
/*
 * Take transition tid on each of the n records ids with the same inputs,
 * in ONE write transaction, all or none (R2 §3.7.5: the monthly disposal
 * of old parts): each record is checked as wf_apply checks it (revs[i]:
 * its revision, 0 or revs NULL: no check), and the first refusal aborts
 * the whole batch, nothing written: err's message says so and names
 * that record and why ("the batch was refused whole, nothing changed:
 * C2026-000003: ..."), *bad (may be NULL) is its index in ids.  A record
 * named twice, or none at all, is AS_E_INVALID.  Errors as wf_apply.
 */
int wf_apply_batch(struct core *c, const char *const *ids,
		   const uint64_t *revs, size_t n, const char *tid,
		   const struct core_kv *in, size_t nin, size_t *bad,
		   struct as_err *err);

/* 1 if the current user may edit field f of r in its current state. */
int core_can_edit(const struct core *c, const struct store_rec *r,
		  const struct cfg_field *f);
/*
 * 1 if field f of r is frozen: r has entered a state whose freeze: names
 * it, or freezes every field (R2 §3.3.2).  No edit or step changes it.
 */
int core_frozen(const struct core *c, const struct store_rec *r,
		const struct cfg_field *f);
/*
 * 1 if r is within the current user's units (R1 §8.1): its type has no
 * unit_field:, or its unit is one of the user's or under one of them
 * (cfg_user_unit_ok).
 */
int core_in_units(const struct core *c, const struct store_rec *r);

/*
 * Edit fields of record id outside a transition (a history event "edit"),
 * each field allowed by the config's edits for this state and role.
 * Errors as wf_apply.
 */
int core_edit(struct core *c, const char *id, uint64_t rev,
	      const struct core_kv *in, size_t n, uint64_t *newrev,
	      struct as_err *err);

/*
 * A likely duplicate of a record of type rt about to be created with the
 * inputs in: the number of an open record of rt whose values of all of
 * rt's warn_duplicate: fields equal the inputs' (as codes: case, spaces
 * and dashes ignored), in *id (new string, the caller frees it), or NULL
 * when there is none, the type declares no such fields or an input leaves
 * one blank.  Returns 0, or an error of the read.
 */
int core_open_duplicate(struct core *c, const struct cfg_rectype *rt,
			const struct core_kv *in, size_t n, char **id,
			struct as_err *err);

/*
 * Find records for "where is my complaint?", as the phone desk asks:
 * query is
 *   - a record number, in any case, without the leading zeros
 *     (c2026-42 for C2026-000042);
 *   - a bare sequence number, up to 12 digits: this year's record of
 *     that number of every type (2001: C2026-002001, L2026-002001);
 *   - anything a type's lookups: declare (config.h): the last 4 digits or
 *     more of a phone (digits_tail), a serial's start or its last 6
 *     characters or more (serial), the start of a name (prefix), ...
 * Spaces are ignored wherever they are, full-width ones (U+3000) too, and
 * full-width letters and digits count as ASCII ones, except in a prefix
 * lookup, which drops the spaces around the query only (a name keeps its
 * inner spaces).  Visits each match once (decoded copy, freed after the
 * call), open records first, else in the order above (the number, then
 * each type's lookups in their order), at most limit (0: no limit) of the
 * first 1000 matches found (or of limit, if more).  fn returning non-zero
 * stops.  Errors: AS_E_USAGE (nothing but spaces), store errors.
 */
int core_find(struct core *c, const char *query, size_t limit,
	      store_rec_visit fn, void *ctx, struct as_err *err);
/*
 * The query q as core_find reads it (new strings): compact, without any
 * space (utf8_space) and with full-width ASCII (U+FF01..U+FF5E) folded;
 * trim, without the spaces at either end only.
 */
char *core_query_compact(const char *q);
char *core_query_trim(const char *q);

/*
 * SLA clocks.  The configuration's clocks: of a record type say which
 * transitions start and stop them and their hours (rules over the fields);
 * the engine keeps their state in reserved fields of the record whose ids
 * start with "_" (_start.ID, _due.ID while running, _done.ID and _late.ID
 * once stopped), written in the same transaction as the create,
 * transition or edit that moves them, so they are in the history.  Users
 * never set such fields (they are not configured fields).  A running
 * clock's due is its start plus the hours of the first rule matching the
 * fields at the time of each write: editing the fault class or distance
 * moves it.  A record matching no rule has no due.  A clock that has been
 * overdue at a write stays late (_late.ID set while it runs), however its
 * due moves afterwards (R2 §3.2.1).
 */

/*
 * The condition language (config.h): 1 if the test w holds for r's
 * fields; core_cond_holds: 1 if all n tests of w do (n 0: always).  The
 * one evaluator of every when:.
 */
int core_cond_test(const struct cfg_cond *w, const struct store_rec *r);
int core_cond_holds(const struct cfg_cond *w, size_t n,
		    const struct store_rec *r);

/* 1 if key is a reserved field kept by the program (starts with "_"). */
int core_reserved_field(const char *key);
/*
 * The earliest due time among r's running clocks: returns 1 with *due
 * (UTC seconds) and *clock (NULL if the configuration no longer defines
 * it), 0 if none runs.  due and clock may be NULL.
 */
int core_deadline(const struct core *c, const struct store_rec *r,
		  int64_t *due, const struct cfg_clock **clock);
/* The first rule of clock k that r's fields match, or NULL. */
const struct cfg_rule *core_clock_rule(const struct cfg_clock *k,
				       const struct store_rec *r);

/* One clock of a record that has started (running or stopped). */
struct core_clock {
	const struct cfg_clock *clock;
	int64_t start;
	int has_due;                 /* running with a due time */
	int64_t due;
	int stopped;
	int64_t done;                /* when it stopped */
	int late;                    /* stopped after its due time, or has
					 been overdue at a write while running */
	const struct cfg_rule *rule; /* running: the rule that gives due */
	int paused;                  /* in a pause: state since paused_since */
	int64_t paused_since;
};
/*
 * The clocks of r that run with a due, are paused or have stopped, in
 * the order the configuration lists them; returns the count.
 */
size_t core_clocks(const struct core *c, const struct store_rec *r,
		   struct core_clock *out, size_t max);
/*
 * A clock for display in lang: "2026-11-27 08:00 (剩 3 小时) R2 §3.2.2",
 * "… (已超时 5 小时)", "完成于 2026-11-26 10:00 (按时)" (English: "3 h
 * left", "overdue by 5 h", "done … (on time)"), appended to b.
 */
void core_clock_text(const struct core *c, const struct core_clock *k,
		     const char *lang, int64_t now, struct as_buf *b);
/* A span as its largest whole unit: "45 分钟", "3 小时", "2 天" / "3 h". */
void core_format_span(int64_t secs, const char *lang, struct as_buf *b);
/*
 * For history: if field is reserved, append its label ("响应时限 期限",
 * "Response due, deadline") to label and val (may be NULL) formatted to
 * value, and return 1; otherwise 0.
 */
int core_clock_change_text(const struct core *c,
			   const struct cfg_rectype *rt, const char *field,
			   const char *val, const char *lang,
			   struct as_buf *label, struct as_buf *value);
/*
 * 1 if a history change of field shows only its new value: the frozen
 * fields (a state's freeze:) only ever grow, so the old list says nothing
 * the new one does not ("冻结: 全部字段", not the 37 labels before it).
 */
int core_change_new_only(const char *field);
/*
 * Timeliness (R2 §3.2.1): of all stopped clocks of records of type (NULL:
 * every type), *total, and *met that stopped by their due time.  Scans
 * the table (a report).  Errors: AS_E_NOTFOUND (type), store errors.
 */
int core_timeliness(struct core *c, const char *type, uint64_t *met,
		    uint64_t *total, struct as_err *err);

/*
 * The KPI board (R2 §3.2.1; kpi.c).  A figure of a month: the target it
 * measures (config.h, "KPI figures"), num over den (timeliness: clocks
 * met over clocks that fell due, the open overdue ones included), its
 * value in tenths of a percent (rounded half up) when den > 0, and met:
 * the target's min: is reached (>=), its max: is not (R2: "< 3 %").
 * units and eng break it down by unit id ("" none) and engineer login.
 */
struct core_kpi_part {
	char *key;
	uint64_t num, den;
	long long tenths;
	int met;
};
struct core_kpi_fig {
	const struct cfg_target *target;
	uint64_t num, den;
	int has_value;
	long long tenths;
	int met;
	size_t nunits, neng;
	struct core_kpi_part *units, *eng;   /* by key */
};
struct core_kpi {
	int year, month;
	size_t n;
	struct core_kpi_fig *v;       /* the measured targets, in order */
};
/* 1 if target t has a figure (measure: clocks, or count: and over:). */
int core_kpi_measured(const struct cfg_target *t);
/* "YYYY-MM" into *year, *month: 0, or -1 when it is none. */
int core_kpi_parse_month(const char *s, int *year, int *month);
/*
 * The figures of month year-month, within unit (an id or label, with
 * its sub-units; NULL: all) into *out (core_kpi_free).  Read from the
 * per-month index keys: its cost follows the distinct keys of the month,
 * not the records.  Errors: AS_E_NOTFOUND (unit), store errors.
 */
int core_kpi_month(struct core *c, int year, int month, const char *unit,
		   struct core_kpi *out, struct as_err *err);
void core_kpi_free(struct core_kpi *k);
/* The unit named (id or label) into *out (NULL for name NULL or ""). */
int core_kpi_unit(struct core *c, const char *name,
		  const struct cfg_unit **out, struct as_err *err);
/*
 * The records behind a figure: part 'm' a clock met, 'l' stopped late,
 * 'o' running past its due (due), 'n' counted (count:), 'd' only in the
 * base (over:); the missed and counted first, then by number; at most
 * CORE_KPI_ITEMS_MAX.  Free with core_kpi_items_free.
 */
#define CORE_KPI_ITEMS_MAX 100000
struct core_kpi_item {
	char *id;
	char part;
	int64_t due;
};
int core_kpi_records(struct core *c, const struct cfg_target *t, int year,
		     int month, const char *unit, struct core_kpi_item **out,
		     size_t *nout, struct as_err *err);
void core_kpi_items_free(struct core_kpi_item **v, size_t *n);
/*
 * The records of report p (reports:) whose at: falls in year-month (year
 * 0: all), in number order, from its per-month index; *out is an array
 * of *nout new strings (free each and it).  At most CORE_KPI_ITEMS_MAX.
 */
int core_report_ids(struct core *c, const struct cfg_report *p, int year,
		    int month, char ***out, size_t *nout, struct as_err *err);

/* Which records a list shows. */
enum core_view {
	CORE_VIEW_ALL,    /* every record of the type */
	CORE_VIEW_STATE,  /* in state (struct core_list.state) */
	CORE_VIEW_OPEN,   /* not in a terminal state */
	CORE_VIEW_CLOSED, /* in a terminal state */
	CORE_VIEW_MINE,   /* the current user's queue (wf_queue_rank): the
			     records they hold, then those nobody holds,
			     each part in the list's order; its sort keys
			     (core_list_key) start with the part, 1 or 2 */
	CORE_VIEW_OVERDUE,/* a running clock is due before core_now(): in due
			     order, most overdue first (backwards: nearest
			     first); after is still a record id */
	CORE_VIEW_ROLE,   /* "my role": a step of the user's roles that is no
			     exception leaves it (wf_in_role), whoever holds
			     it; within the user's units */
};

/*
 * The order of a list.  Each is read from an index in (key, number)
 * order, so a page costs work in proportion to the page; ties go by
 * number.  Besides the built-in orders, a record type declares its own
 * (sorts: in config.h), each over one field: values sort by their UTF-8
 * bytes (Unicode code points, not pinyin), records without a value come
 * first (last backwards).  A view that filters (open, closed, a state,
 * mine) skips the records that fail it while paging in the declared,
 * state and due orders: see core_list_at.
 */
enum core_order {
	CORE_ORDER_NUMBER,   /* record number: registration order */
	CORE_ORDER_STATE,    /* states in their configured order */
	CORE_ORDER_DUE,      /* next deadline, earliest first; only records
				with a running clock appear */
	CORE_ORDER_SORT,     /* the declared sort struct core_list.sort */
};

struct core_list {
	const char *type;    /* record type id */
	enum core_view view;
	const char *state;   /* CORE_VIEW_STATE */
	const char *after;   /* start after this id (paging), NULL: first */
	int backwards;       /* reverse the order */
	size_t limit;        /* 0: no limit */
	enum core_order order; /* ignored by CORE_VIEW_OVERDUE (due order) */
	const char *after_key; /* the sort key of after (core_list_key);
				  NULL: read it from the record after */
	int units;           /* only records within the user's units
				(core_in_units; CORE_VIEW_MINE always) */
	const char *sort;    /* CORE_ORDER_SORT: a sort id of the type */
};

/* Visit the records of a list in its order (or reverse), paging by after. */
int core_list(struct core *c, const struct core_list *q, store_rec_visit fn,
	      void *ctx, struct as_err *err);

/* Where a list stopped: pass key and id back as after_key and after. */
struct core_list_pos {
	char *key;           /* sort key of the last entry examined */
	char *id;            /* its id; NULL: nothing was examined */
	int bounded;         /* stopped at the scan bound: more may follow */
};

/*
 * core_list, and where it stopped in *pos (may be NULL; free with
 * core_list_pos_free).  With a limit, in the customer, serial, owner,
 * state and due orders, at most CORE_LIST_SCAN times limit index entries
 * are examined: a view that skips many records (mine, a rare state in
 * customer order) then returns fewer than limit records with
 * pos->bounded set, and the next call from pos goes on.
 */
#define CORE_LIST_SCAN 50
int core_list_at(struct core *c, const struct core_list *q,
		 store_rec_visit fn, void *ctx, struct core_list_pos *pos,
		 struct as_err *err);
void core_list_pos_free(struct core_list_pos *pos);
/*
 * The sort key of r in the order of q (a new string), to pass back as
 * after_key with after = r->id; NULL in number order and, in due order,
 * for a record without a running clock.
 */
char *core_list_key(const struct core *c, const struct core_list *q,
		    const struct store_rec *r);
/*
 * The order named s of record type type: "number", "state", "due" or one
 * of the type's sorts (then *out is CORE_ORDER_SORT and *sort its id,
 * owned by the configuration; else *sort is NULL).  0, or -1 if none.
 */
int core_order_parse(const struct core *c, const char *type, const char *s,
		     enum core_order *out, const char **sort);

/*
 * The number of records in the view of q (its type, view and state; the
 * rest of q is ignored) into *n.  The views over states (all, open,
 * closed, a state) are read from the state index's counts, cheap at any
 * size; mine, my role and overdue examine their records and stop after
 * cap: *n is then cap and *more 1 (mine and my role read only the states
 * not every record of which is in the view, and of my queue only the
 * holder index's runs).  AS_E_NOTFOUND for an unknown type; an unknown
 * state counts 0.
 */
int core_count(struct core *c, const struct core_list *q, uint64_t cap,
	       uint64_t *n, int *more, struct as_err *err);

/*
 * core_count of each of the nq queries q[i] into n[i] and more[i], ok[i]
 * 1 where it was read: the counts of a view bar.  My queue and my role of
 * one type, when both are asked, read their records together: each
 * record of a state both read from its run is read once.  Returns 0, or
 * the first error (err), its view's ok[i] 0; the other views are counted
 * still.
 */
int core_count_views(struct core *c, const struct core_list *q, size_t nq,
		     uint64_t cap, uint64_t *n, int *more, int *ok,
		     struct as_err *err);

/*
 * Rebuild every index entry from the records, in one write transaction:
 * a database written before a version that added index keys (the owner
 * order) needs it once.  *nrecords (may be NULL): records indexed.
 * AS_E_PERM unless core_may(c, "reindex").
 */
int core_reindex(struct core *c, uint64_t *nrecords, struct as_err *err);

/* Recompute hash chains and indexes; problems reported to fn. */
int core_verify(struct core *c, store_problem_fn fn, void *ctx,
		struct as_err *err);
/*
 * Consistent compacted copy of the database into folder dest.  AS_E_PERM
 * unless core_may(c, "backup").
 */
int core_backup(struct core *c, const char *dest, struct as_err *err);

/*
 * Things as people name them (names.c; issue 9, labels are accepted
 * wherever codes are): by id, by the Chinese label, or by the English one
 * in any case; a user by login or by name.  NULL: nothing is so named.
 * core_transition_named prefers the transition that leaves state (may be
 * NULL) when several share a label.
 */
int core_is_named(const char *id, const struct cfg_label *l,
		  const char *name);
const struct cfg_state *core_state_named(const struct cfg_rectype *rt,
					 const char *name);
const struct cfg_transition *core_transition_named(
	const struct cfg_rectype *rt, const char *name, const char *state);
const struct cfg_rectype *core_rectype_named(const struct cfg *cfg,
					     const char *name);
const struct cfg_user *core_user_named(const struct cfg *cfg,
				       const char *name);

/*
 * The spare-parts store (stock.c, R2 §3.6, §3.7).  Accounts are unit ids
 * (the configuration's stock: accounts:), parts are named by the code of
 * the parts master (stock: code:).
 *
 * core_stock_balance: the balance of part (its code) on account into
 * *qty, 0 when it never moved.  core_part_find: the part record whose
 * code or barcode is code (as typed: case, spaces and dashes aside);
 * AS_E_NOTFOUND with a sentence, AS_E_CONFIG without stock:; the caller
 * frees *out.  core_part_code: the code of a part record (points into
 * it).  core_stock_balances: visit every balance (of account, NULL:
 * all) in (account, part) order.  core_stock_moves: visit the movements
 * of part (on account, NULL: all) in journal order, each with its
 * balance after on its account.  core_account_visible: 1 if the user's
 * units include account (a station clerk sees only their station,
 * R2 §3.7.6).  core_account_label: the account's label in the user's
 * language (its id if it is no unit).
 */
int core_stock_balance(struct core *c, const char *account, const char *part,
		       long long *qty, struct as_err *err);
int core_part_find(struct core *c, const char *code, struct store_rec **out,
		   struct as_err *err);
const char *core_part_code(const struct core *c,
			   const struct store_rec *part);
int core_stock_balances(struct core *c, const char *account,
			store_bal_visit fn, void *ctx, struct as_err *err);
int core_stock_moves(struct core *c, const char *part, const char *account,
		     store_move_visit fn, void *ctx, struct as_err *err);
int core_account_visible(const struct core *c, const char *account);
const char *core_account_label(const struct core *c, const char *account);
/*
 * core_stock_ref_balances: visit every balance an account keeps per
 * reference (a moves: end with per:, R2 §3.6.1: the parts out with the
 * engineers per work order), of account and ref (NULL: all), in
 * (account, part, ref) order, zero ones too.
 */
int core_stock_ref_balances(struct core *c, const char *account,
			    const char *ref, store_refbal_visit fn, void *ctx,
			    struct as_err *err);

#endif
