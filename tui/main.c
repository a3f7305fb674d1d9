/*
 * main.c - the aftersales program: with a subcommand it is the command
 * line (cli.c); with none, on a terminal, it opens the workstation.
 */
#include <locale.h>

#include "tui.h"

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	return cli_main(argc, argv);
}
