/*
 * tui.h - the front end of aftersales: the command line (cli.c) and the
 * full-screen ncurses workstation (ws_*.c).  Only tui/ includes curses.
 */
#ifndef AS_TUI_H
#define AS_TUI_H

#include "../core/core.h"

/* Options common to every command, from the command line and environment. */
struct tui_opts {
	const char *db;
	const char *config;
	const char *user;
	const char *lang;     /* "zh" (default) or "en" */
	int arrow;            /* --arrow-cursor: "->" marks the selected row */
	int counter;          /* open the store counter (aftersales counter) */
};

/*
 * Open the full-screen workstation on core c (already open, read-write)
 * and run until the user quits.  Returns the process exit status.
 */
int tui_workstation(struct core *c, const struct tui_opts *o);

/*
 * 0 when the environment's locale was not UTF-8 (LANG=C, or a locale not
 * installed) and tui_load_ctype() took C.UTF-8's character type instead.
 */
extern int tui_env_utf8;
/* Load the environment's character type (or C.UTF-8's) for curses. */
void tui_load_ctype(void);

/* Run the command line; returns the process exit status. */
int cli_main(int argc, char **argv);

#endif
