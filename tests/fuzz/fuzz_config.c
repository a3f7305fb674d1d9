/*
 * fuzz_config.c - libFuzzer target for the configuration loader: any
 * bytes go to cfg_load_mem (named fuzz.yaml in the current folder, so a
 * seed's include: of a neighbour file is followed), and a model that
 * loads is walked through the lookups.  Crashes, leaks and undefined
 * behaviour are the findings; diagnostics are the expected outcome.
 */
#include <locale.h>
#include <stddef.h>
#include <stdint.h>

#include "../../config/config.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const guards[] = {
	"signature_after_service", "stock_available", "requisition_approved",
	NULL
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

static void
walk(const struct cfg *c)
{
	const struct cfg_rectype *t;
	const struct cfg_transition *tr;
	size_t i, j, k;

	for (i = 0; i < c->nusers; i++) {
		cfg_user(c, c->users[i].login);
		for (j = 0; j < c->users[i].nroles; j++)
			cfg_user_has_role(&c->users[i],
			    cfg_role(c, c->users[i].roles[j]->id));
	}
	for (i = 0; i < c->nrectypes; i++) {
		t = &c->rectypes[i];
		cfg_rectype_by_prefix(c, t->prefix);
		cfg_text(&t->label, "en", t->id);
		for (j = 0; j < t->nfields; j++)
			if (t->fields[j].codes != NULL &&
			    t->fields[j].codes->ncodes > 0)
				cfg_code(t->fields[j].codes,
				    t->fields[j].codes->codes[0].id);
		for (j = 0; j < t->ntransitions; j++) {
			tr = &t->transitions[j];
			cfg_transition(t, tr->id);
			for (k = 0; k < tr->nfrom; k++)
				cfg_state(t, tr->from[k]->id);
			for (k = 0; k < tr->nwhen; k++)
				cfg_field(t, tr->when[k].field->id);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cfg_diags d = {0};
	struct cfg *c = NULL;

	if (cfg_load_mem("fuzz.yaml", (const char *)data, size, guards, &c,
	    &d, NULL) == 0)
		walk(c);
	cfg_free(&c);
	cfg_diags_free(&d);
	return 0;
}
