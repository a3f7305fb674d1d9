/*
 * seal.c - the seal of a state (seal: in the configuration, R2 §3.3.2):
 * when a record enters the state, a text field receives a short code
 * derived from the record's number and the values of the fields the
 * state freezes, such as the sign code of a signed service report.  The
 * code is printed on the customer's copy; verify computes it again from
 * the stored fields, so a report changed behind the program's back (a
 * forged signature or comment) no longer matches its code.
 */
#include "core_int.h"

#include <stdio.h>
#include <string.h>

void
seal_code(const struct cfg_state *st, const struct store_rec *r, char out[10])
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char h[STORE_HASH_LEN];
	struct as_buf b = {0};
	size_t i, k;

	/* number, then id NUL value NUL of each sealed field, in order */
	buf_add(&b, r->id, strlen(r->id) + 1);
	for (i = 0; i < st->nfreeze; i++) {
		const struct cfg_field *f = st->freeze[i];
		const char *v = store_rec_get(r, f->id);

		if (f == st->seal)
			continue;
		buf_add(&b, f->id, strlen(f->id) + 1);
		if (v == NULL)
			v = "";
		buf_add(&b, v, strlen(v) + 1);
	}
	store_sha256(b.data, b.len, h);
	buf_free(&b);
	for (i = k = 0; i < 4; i++) {
		if (i == 2)
			out[k++] = '-';
		out[k++] = hex[h[i] >> 4];
		out[k++] = hex[h[i] & 15];
	}
	out[k] = '\0';
}

void
seal_enter(const struct cfg_state *st, struct store_rec *r,
	   struct store_event *e)
{
	const char *old;
	char code[10];

	if (st == NULL || st->seal == NULL)
		return;
	seal_code(st, r, code);
	old = store_rec_get(r, st->seal->id);
	if (old != NULL && strcmp(old, code) == 0)
		return;
	if (e != NULL)
		store_event_change(e, st->seal->id, old, code);
	store_rec_set(r, st->seal->id, code);
}

int
seal_check(const struct cfg_rectype *rt, const struct store_rec *r,
	   const struct cfg_state **stp)
{
	char code[10];
	size_t i;

	for (i = 0; rt != NULL && i < rt->nstates; i++) {
		const struct cfg_state *st = &rt->states[i];
		const char *v;

		if (st->seal == NULL)
			continue;
		v = store_rec_get(r, st->seal->id);
		if (v == NULL || *v == '\0')
			continue;
		seal_code(st, r, code);
		if (strcmp(v, code) != 0) {
			*stp = st;
			return 1;
		}
	}
	return 0;
}
