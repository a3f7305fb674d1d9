/*
 * as_meta.c - test tool: sets a key of a database's meta table straight
 * through store/, bypassing core.  It stands for a database left by
 * another version, e.g. one whose records were indexed in an older index
 * format (`as_meta DB index 1`), or a damaged mark.
 *
 *   as_meta DBDIR KEY VALUE
 */
#include <stdio.h>
#include <string.h>

#include "../../store/store.h"

int
main(int argc, char **argv)
{
	struct store_opts o = {0};
	struct as_err err = {0};
	struct store *s = NULL;
	int rc;

	if (argc != 4) {
		fprintf(stderr, "usage: as_meta DBDIR KEY VALUE\n");
		return 2;
	}
	if ((rc = store_open(argv[1], &o, &s, &err)) == 0) {
		rc = store_meta_put(s, argv[2], argv[3], strlen(argv[3]),
				    &err);
		store_close(&s);
	}
	if (rc != 0) {
		fprintf(stderr, "as_meta: %s\n", err.msg);
		return 1;
	}
	return 0;
}
