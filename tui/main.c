/*
 * main.c - the aftersales program: with a subcommand it is the command
 * line (cli.c); with none, on a terminal, it opens the workstation.
 *
 * Text is UTF-8 whatever the environment says: LANG=C, or a locale that
 * is not installed (common over SSH), would turn every Chinese character
 * into "?".  The command line loads no locale at all: its widths come from
 * glibc's table (utf8_cols), the same under any LANG (issue 13: loading
 * the character type was a tenth of a `status`).  The workstation loads
 * the environment's character type for curses before it opens the
 * screen (tui_load_ctype); when it is not UTF-8, it takes C.UTF-8's
 * (always present on Debian) and says once that the terminal itself may
 * not be set to UTF-8.
 */
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "tui.h"

int tui_env_utf8 = 1;

void
tui_load_ctype(void)
{
	const char *cs;

	if (as_ctype_loaded)
		return;
	/*
	 * The character type alone: it is all the program uses (display
	 * widths, curses), and the other categories cost a file each.
	 */
	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	if (cs == NULL || strcmp(cs, "UTF-8") != 0) {
		tui_env_utf8 = 0;
		if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
			setlocale(LC_CTYPE, "en_US.UTF-8");
	}
	cs = nl_langinfo(CODESET);
	as_ctype_loaded = cs != NULL && strcmp(cs, "UTF-8") == 0;
}

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
