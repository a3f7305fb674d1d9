/*
 * cli.h - private to the command line: the parsed command line and the
 * commands, shared by cli.c, cli_query.c, cli_io.c and demo.c.
 */
#ifndef AS_CLI_H
#define AS_CLI_H

#include "tui.h"

struct cli {
	struct tui_opts o;
	const char **args;        /* the command and its arguments */
	size_t nargs;
	const char **sets;        /* --set FIELD=VALUE */
	size_t nsets;
	uint64_t rev;             /* --rev, 0: none */
	const char *format;       /* --format */
	enum core_view view;      /* --state / --open / --closed / --mine */
	const char *state;
	size_t limit;             /* --limit, 0: none */
	const char *sort;         /* --sort, NULL: number */
	int reverse;              /* --reverse */
	size_t records;           /* --records */
	int units;                /* --units */
	const char *batch;        /* --batch FILE ("-": standard input) */
	int force;                /* --force: new despite a likely duplicate */
	const char *account;      /* stock, ledger: --account */
	const char *part;         /* stock: --part */
	int below_min;            /* stock: --below-min */
	const char *ref;          /* stock: --for REF|all (per work order) */
	const char *from, *to;    /* ledger: --from, --to (dates) */
	const char *month;        /* --month YYYY-MM (report) */
	const char *unit;         /* --unit U (report kpi) */
};

/* Open core for this command line; prints the error, returns exit code. */
int cli_open(struct cli *cl, int create, int readonly, struct core **c);
/*
 * s (NULL: "") with its control characters made visible (as_esc: ESC as
 * \x1b, the backslash as \\ ...), for every value the command line prints.
 * The result lives in one of eight static buffers used in turn, so it
 * stays valid for the arguments of one printf.  cli_escf takes AS_ESC_*.
 */
const char *cli_esc(const char *s);
const char *cli_escf(const char *s, int flags);
/* Print err (one sentence, escaped) to stderr; returns the exit code. */
int cli_fail(int rc, const struct as_err *err);
int cli_exit_code(int rc);
/* Print a usage error (escaped) and return the usage exit code. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The --set options as inputs (keys allocated; free with cli_inputs_free). */
int cli_inputs(const struct cli *cl, struct core_kv **out, size_t *n);
void cli_inputs_free(struct core_kv *in, size_t n);
/*
 * The record type id a command line names: the id itself or its plural
 * ("complaints"); name unchanged when neither is configured.
 */
const char *cli_type(struct core *c, const char *name);
/*
 * Print s escaped (cli_esc), padded with spaces to cols display columns of
 * the escaped text, then one space.
 */
void cli_pad(const char *s, int cols);
/*
 * A cell of a list row: like cli_pad, but text wider than cols (> 0) is
 * cut to cols columns and ends in "…", so the columns stay in line.
 */
void cli_cell(const char *s, int cols);
/* Append s to b as a JSON string literal. */
void cli_json_str(struct as_buf *b, const char *s);

/*
 * Print the links of r, one line each (cli_links.c): every one, or with
 * open_only those to records that exist and are not in a terminal state.
 */
int cli_print_links(struct core *c, const struct store_rec *r, int open_only,
		    const char *lang, struct as_err *err);

/*
 * The progress line of long work (progress.c): cli_progress_begin shows
 * what core reports through as_progress on standard error, when it is a
 * terminal; cli_progress_clear erases the line before other output to
 * the terminal; cli_progress_end erases it and stops showing.
 */
void cli_progress_begin(void);
void cli_progress_clear(void);
void cli_progress_end(void);

int cmd_status(struct cli *cl);
int cmd_show(struct cli *cl);
int cmd_list(struct cli *cl);
int cmd_import(struct cli *cl);
int cmd_export(struct cli *cl);
int cmd_demo(struct cli *cl);
int cmd_backup(struct cli *cl);
/*
 * cli_money.c: show's rows of r's money (totals per bearer, advance,
 * roll-up; core_money.h), labels padded to width; store errors.
 * cmd_upgrade: `upgrade`.
 */
int cli_show_money(struct core *c, const struct store_rec *r,
		   const char *lang, int width, struct as_err *err);
int cmd_upgrade(struct cli *cl);
int cmd_stock(struct cli *cl);
int cmd_ledger(struct cli *cl);
int cmd_report(struct cli *cl);

#endif
