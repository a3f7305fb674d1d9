/*
 * cli_links.c - the links of a record on the command line: status lists
 * the open records linked to each match, show lists every link, each as
 * one line "  → Type NUMBER  State  (field)", where → is a reference this
 * record holds and ← one another record holds to it.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The label of state id of record type type, or id. */
static const char *
link_state(struct core *c, const struct core_link *k, const char *lang)
{
	const struct cfg_rectype *rt = cfg_rectype(core_cfg(c), k->type);
	const struct cfg_state *s = rt != NULL ? cfg_state(rt, k->state)
	    : NULL;

	return s != NULL ? cfg_text(&s->label, lang, s->id) : k->state;
}

/* The widest label of a record type in lang, in display columns. */
static int
type_cols(struct core *c, const char *lang)
{
	const struct cfg *cfg = core_cfg(c);
	size_t i;
	int w = 0, lw;

	for (i = 0; i < cfg->nrectypes; i++) {
		const char *l = cfg_text(&cfg->rectypes[i].label, lang,
					 cfg->rectypes[i].id);

		if ((lw = utf8_width(l, strlen(l))) > w)
			w = lw;
	}
	return w;
}

int
cli_print_links(struct core *c, const struct store_rec *r, int open_only,
		const char *lang, struct as_err *err)
{
	struct core_links l = {0};
	const struct cfg_rectype *ort;
	int tw = type_cols(c, lang);
	size_t i;
	int rc;

	if ((rc = core_links(c, r, &l, err)) != 0)
		return rc;
	for (i = 0; i < l.n; i++) {
		const struct core_link *k = &l.v[i];

		if (open_only && (!k->exists || k->terminal))
			continue;
		ort = k->exists ? cfg_rectype(core_cfg(c), k->type) : NULL;
		printf("  %s ", k->outgoing ? "→" : "←");
		cli_pad(ort != NULL ? cfg_text(&ort->label, lang, ort->id) :
			k->exists ? k->type : "?", tw);
		cli_pad(k->id, 12);
		if (k->exists)
			cli_pad(link_state(c, k, lang), 8);
		else
			cli_pad(AS_TRL(lang, "（无此记录）", "(no such record)"),
				8);
		printf("(%s)\n", cli_esc(k->field != NULL ?
		       cfg_text(&k->field->label, lang, k->field->id) : "-"));
	}
	core_links_free(&l);
	return 0;
}
