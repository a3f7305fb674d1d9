/*
 * fuzz_codec.c - libFuzzer target for the record codec: arbitrary bytes
 * must decode or be refused (AS_E_CORRUPT, AS_E_VERSION), never crash;
 * a record that decodes must survive encode -> decode unchanged, and its
 * encoding must be a fixed point.  The same bytes are also fed to the
 * history event decoder, which reads whatever a tampered log holds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../store/store_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
same_str(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static void
check_equal(const struct store_rec *a, const struct store_rec *b)
{
	size_t i;

	if (!same_str(a->type, b->type) || !same_str(a->id, b->id) ||
	    !same_str(a->state, b->state) || a->rev != b->rev ||
	    a->created != b->created || a->updated != b->updated ||
	    a->nfields != b->nfields || a->extlen != b->extlen ||
	    (a->extlen > 0 && memcmp(a->ext, b->ext, a->extlen) != 0))
		abort();
	for (i = 0; i < a->nfields; i++) {
		if (!same_str(a->fields[i].key, b->fields[i].key) ||
		    !same_str(a->fields[i].val, b->fields[i].val))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store_rec *r = NULL, *r2 = NULL;
	struct store_event *e = NULL;
	struct as_buf b = {0}, b2 = {0};
	struct as_err err;
	int rc;

	rc = store_rec_decode(data, size, &r, &err);
	if (rc != 0) {
		if ((rc != AS_E_CORRUPT && rc != AS_E_VERSION) || r != NULL)
			abort();
	} else {
		store_rec_encode(r, &b);
		if (store_rec_decode(b.data, b.len, &r2, &err) != 0)
			abort();
		check_equal(r, r2);
		store_rec_encode(r2, &b2);
		if (b.len != b2.len || memcmp(b.data, b2.data, b.len) != 0)
			abort();
		store_rec_free(&r);
		store_rec_free(&r2);
		buf_free(&b);
		buf_free(&b2);
	}

	rc = store_event_decode(data, size, &e, &err);
	if (rc == 0) {
		store_event_encode_content(e, &b);
		if (b.len > size - STORE_HASH_LEN)
			abort();
		buf_free(&b);
		store_event_free(&e);
	} else if ((rc != AS_E_CORRUPT && rc != AS_E_VERSION) || e != NULL)
		abort();
	return 0;
}
