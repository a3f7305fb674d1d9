/*
 * as_progress.c - the seam through which long work below tui/ reports
 * how far it has got: one registered function (the command line's
 * progress line), called by import, export, demo, verify, reindex and
 * backup.  See as_base.h.
 */
#include "as_base.h"

static as_progress_fn *prog_fn;
static void *prog_ctx;

void
as_progress_set(as_progress_fn *fn, void *ctx)
{
	prog_fn = fn;
	prog_ctx = ctx;
}

void
as_progress(const char *what, int flags, uint64_t done, uint64_t total)
{
	if (prog_fn != NULL)
		prog_fn(prog_ctx, what, flags, done, total);
}

int
as_progress_on(void)
{
	return prog_fn != NULL;
}
