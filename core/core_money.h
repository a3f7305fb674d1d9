/*
 * core_money.h - service costs and supplier claims (money.c): the totals
 * of a record's cost lines per bearer (R1 §9), the roll-up of a complaint
 * (everything spent on it, minus the customer's chargeback, R1 §5.2, and
 * the supplier's credit, R2 §3.8), the cash advance against the expense
 * claim of a work order (R2 §3.4.1, §3.4.3), and two tables for reports:
 * costs by bearer per month and claims by supplier.
 *
 * Everything is read from the configuration's costs: section (config.h);
 * no field id appears here.  Amounts are integer fen.
 */
#ifndef AS_CORE_MONEY_H
#define AS_CORE_MONEY_H

#include "core.h"

/* The total of one bearer: its code ("" for lines without one). */
struct money_total {
	const char *bearer;
	long long fen;
};

/*
 * The cost lines of one record, summed (money_totals).  A record type
 * without cost lines gives has_costs 0 and nothing else.
 */
struct money_totals {
	int has_costs;
	size_t n;                          /* bearers with lines, in the */
	struct money_total v[16];          /* order of their code list */
	long long all;                     /* every line */
	size_t nlines;
	size_t unconfirmed;                /* lines finance has not confirmed */
	/*
	 * R2 §3.4.1, §3.4.3: the advance taken (has_advance: the type has the
	 * field), the expense claim (lines of costs: expenses: types) and the
	 * difference: > 0 owed to the engineer, < 0 to be paid back.
	 */
	int has_advance;
	long long advance, expenses, balance;
};

/*
 * Sum r's cost lines by bearer (R1 §9).  Reads nothing but r.  Returns 0;
 * AS_E_INVALID when the stored lines are not a JSON array.
 */
int money_totals(const struct core *c, const struct store_rec *r,
		 struct money_totals *out);

/* The roll-up of a complaint (or any record with cost lines). */
struct money_rollup {
	long long own;                     /* its own cost lines */
	long long linked;                  /* lines of records linked to it */
	size_t nlinked;                    /* (its work orders) */
	long long chargeback;              /* recovered from the customer */
	long long credited;                /* credited by suppliers */
	size_t nclaims;                    /* claims behind the credit */
	long long net;                     /* own + linked - chargeback -
					      credited */
};

/*
 * The roll-up of record id in one read transaction: its own cost lines,
 * those of every record that links to it, the chargeback field of the
 * record, and the credited amount of every claim linked to it or to one
 * of the records linked to it (each claim once).  Errors: AS_E_NOTFOUND,
 * store errors.
 */
int money_rollup(struct core *c, const char *id, struct money_rollup *out,
		 struct as_err *err);

/*
 * What show and the workstation's detail view say about r's money, in
 * lang: rows "LABEL\tTEXT\n" appended to b, none for a type without cost
 * lines: the totals per bearer (R1 §9) with the lines finance has not
 * confirmed (R1 §6), when it has lines; for a type with the advance, the
 * advance against the expense claim and who owes the difference (R2
 * §3.4.1, §3.4.3), when either is not zero; for a type with the
 * chargeback field, the roll-up (money_rollup), when anything was spent
 * or recovered.  Store errors.
 */
int money_text(struct core *c, const struct store_rec *r, const char *lang,
	       struct as_buf *b, struct as_err *err);

/* What a table's column holds. */
enum money_kind {
	MONEY_TEXT,                        /* text[] */
	MONEY_FEN,                         /* num[]: an amount in fen */
	MONEY_COUNT,                       /* num[]: a count */
	MONEY_PERMILLE,                    /* num[]: a rate in tenths of % */
};

/*
 * A report table: ncols columns, each with an id (a JSON key, fixed
 * English), a heading in the user's language and a kind; nrows rows whose
 * cell (row, col) is text[row * ncols + col] (MONEY_TEXT, never NULL) or
 * num[row * ncols + col] (the others).  Free with money_table_free.
 */
struct money_table {
	size_t ncols;
	const char *const *ids;
	const enum money_kind *kinds;
	char **heads;
	size_t nrows;
	char **text;
	long long *num;
};
void money_table_free(struct money_table *t);
/* Cell (row, col) as shown ("1,234.50", "12", "37.5%") appended to b. */
void money_cell(const struct money_table *t, size_t row, size_t col,
		struct as_buf *b);
/* An amount in fen as yuan with thousands separators ("-1,234.50"). */
void money_format(long long fen, struct as_buf *b);

/*
 * Costs by bearer per month (R1 §6, §9): one row per month (YYYY-MM, the
 * month the record was registered, in the configured zone) and bearer,
 * months in order, bearers in the order of their code list: columns
 * month, bearer_label, bearer_code, line_count, total (fen).  month "YYYY-MM" keeps
 * that month only (NULL: every month).  Reads every record with cost
 * lines.  Errors: AS_E_INVALID (a bad month), store errors.
 */
int money_costs_by_bearer(struct core *c, const char *month,
			  struct money_table *out, struct as_err *err);

/*
 * Claims by supplier (R2 §3.8): one row per supplier, by the amount
 * claimed, largest first: columns supplier_name, claims, open (not in a
 * terminal state), age_30, age_90, age_older (open claims up to 30 days
 * old, 31 to 90, older; by registration), claimed, credited, rate
 * (credited against claimed, MONEY_PERMILLE; 0 when nothing is claimed).
 * The last row is the total, its supplier 合计 / Total (core's language).
 * Errors: AS_E_CONFIG (no claims: in the configuration), store errors.
 */
int money_claims_by_supplier(struct core *c, struct money_table *out,
			     struct as_err *err);

/*
 * Fold the legacy money fields of costs: legacy: into cost lines, with
 * the legacy bearer (legacy_bearer:) as each line's bearer, on every
 * record that has any (R1 §9): one write transaction, one history event
 * per record changed (action "upgrade", old and new values), so verify's
 * replay accepts it.  Only the roles of maintenance: upgrade.  *n is the
 * number of records changed.  Errors: AS_E_PERM, store errors.
 */
int money_upgrade(struct core *c, uint64_t *n, struct as_err *err);

#endif
