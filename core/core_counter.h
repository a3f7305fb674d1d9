/*
 * core_counter.h - the store counter (counter.c): one document of a
 * counter move (the configuration's counter:, see config.h) filled by
 * scans, then posted whole.  R2 §3.6.1 (issue against an approved
 * requisition, never more than it approved), §3.7.2 (receipts entered
 * with their note), §3.7.1 (no balance below zero).  Pure core: the
 * workstation's counter screen (tui/ws_counter.c) shows what it returns.
 *
 * A scan is one line of input: a code (the part's code or anything its
 * type's exact lookups find, such as a barcode) or "N*CODE" for N of it.
 * It is checked at once against the part master, the stock of the move's
 * from: account and, for a document of against: true, what the document
 * still allows; a refusal adds nothing.  Posting writes the document
 * (its lines merged per part) and takes the move's step in one write
 * transaction; the engine checks everything again there.
 */
#ifndef AS_CORE_COUNTER_H
#define AS_CORE_COUNTER_H

#include "core.h"

struct core_counter;

/* One line of the document. */
struct core_counter_line {
	char *part;          /* the part's code (the counter's code: field) */
	char *name;          /* its name as shown in the language, or "" */
	int64_t qty;
	int64_t balance;     /* the balance after this line: from:'s, or
				into:'s when the move has no from: */
};

/*
 * Split a scan into its quantity and code: "P-100" is 1 of P-100,
 * "5*P-100" 5 of it (full-width digits and ＊ too; spaces around are
 * ignored).  *code is a new string.  AS_E_INVALID, with a sentence:
 * nothing but spaces, no code after "*", a quantity that is not a whole
 * number from 1 to 999999.
 */
int core_counter_parse(const struct core *c, const char *in, int64_t *qty,
		       char **code, struct as_err *err);

/*
 * A new, empty document of move m (one of core_cfg(c)->counter's) into
 * *out; free it with core_counter_free.  AS_E_NOTFOUND when the
 * configuration has no counter.
 */
int core_counter_new(struct core *c, const struct cfg_counter_move *m,
		     struct core_counter **out, struct as_err *err);
void core_counter_free(struct core_counter **k);
const struct cfg_counter_move *core_counter_move(
	const struct core_counter *k);

/*
 * The document of an against: move: record number (as people type it),
 * which must exist, be of the move's type and be in a state its step
 * leaves.  Reads what its lines allow per part (limit: less done:).
 * AS_E_NOTFOUND, AS_E_INVALID; the document is unchanged on error.
 */
int core_counter_against(struct core_counter *k, const char *number,
			 struct as_err *err);
/* The number set by core_counter_against, or NULL. */
const char *core_counter_doc(const struct core_counter *k);
/*
 * A field asked for a new document (one of the move's ask:), typed as a
 * user types it: checked (core_parse_value) and kept; blank is refused.
 * AS_E_INVALID.
 */
int core_counter_set(struct core_counter *k, const struct cfg_field *f,
		     const char *typed, struct as_err *err);
/*
 * The account a, the from: or to: of the move's step (k's
 * core_counter_move(k)->mv), names for this document (a unit id, owned by
 * k or the configuration), or NULL when its field is not set yet.
 */
const char *core_counter_account(const struct core_counter *k,
				 const struct cfg_account *a);

/*
 * Handle one scan (see core_counter_parse): 0 and the line appended, or
 * an error with the sentence to show, and nothing added:
 * AS_E_NOTFOUND an unknown code; AS_E_INVALID a bad input, a quantity
 * beyond the stock of the from: account (this document's earlier lines
 * counted) or beyond what the document allows for the part (R2 §3.6.1);
 * store errors.
 */
int core_counter_scan(struct core_counter *k, const char *in,
		      struct as_err *err);
size_t core_counter_nlines(const struct core_counter *k);
const struct core_counter_line *core_counter_line(
	const struct core_counter *k, size_t i);
/* Remove the last line: 0, or -1 when there is none. */
int core_counter_undo(struct core_counter *k);

/*
 * Post the document in ONE write transaction: a new one is created with
 * the asked fields and its lines and the move's step is taken on it
 * (core_create_step); an against: document takes the step with the lines
 * (wf_apply).  Lines of the same part are merged.  *id (may be NULL)
 * receives the document's number.  On success the lines are cleared
 * (the asked fields stay, for the next document; an against: document
 * is forgotten).  AS_E_INVALID when there is no line; errors as
 * core_create_step and wf_apply (nothing written, the lines stay).
 */
int core_counter_post(struct core_counter *k, char **id, struct as_err *err);

#endif
