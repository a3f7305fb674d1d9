/*
 * names.c - a thing as people name it (issue 9: "labels are accepted
 * wherever codes are"): a state, a transition, a record type, a sort or a
 * user may be typed by its id, its Chinese label or its English label
 * (any case), a user by login or by name, a record type also by a part
 * of its Chinese label that no other type's holds (投诉 for 客户投诉).
 * The id always wins; a label two things share names the first (a
 * transition: the first that leaves the record's state).
 */
#include <string.h>
#include <strings.h>

#include "core_int.h"

int
core_is_named(const char *id, const struct cfg_label *l, const char *name)
{
	if (name == NULL || *name == '\0')
		return 0;
	return strcmp(name, id) == 0 ||
	    (l != NULL && l->zh != NULL && strcmp(name, l->zh) == 0) ||
	    (l != NULL && l->en != NULL && strcasecmp(name, l->en) == 0);
}

const struct cfg_state *
core_state_named(const struct cfg_rectype *rt, const char *name)
{
	const struct cfg_state *s;
	size_t i;

	if (rt == NULL || name == NULL)
		return NULL;
	if ((s = cfg_state(rt, name)) != NULL)
		return s;
	for (i = 0; i < rt->nstates; i++)
		if (core_is_named(rt->states[i].id, &rt->states[i].label,
				  name))
			return &rt->states[i];
	return NULL;
}

const struct cfg_transition *
core_transition_named(const struct cfg_rectype *rt, const char *name,
		      const char *state)
{
	const struct cfg_transition *t, *first = NULL;
	size_t i, j;

	if (rt == NULL || name == NULL)
		return NULL;
	if ((t = cfg_transition(rt, name)) != NULL)
		return t;
	for (i = 0; i < rt->ntransitions; i++) {
		t = &rt->transitions[i];
		if (!core_is_named(t->id, &t->label, name))
			continue;
		for (j = 0; state != NULL && j < t->nfrom; j++)
			if (strcmp(t->from[j]->id, state) == 0)
				return t;
		if (first == NULL)
			first = t;
	}
	return first;
}

const struct cfg_rectype *
core_rectype_named(const struct cfg *cfg, const char *name)
{
	const struct cfg_rectype *rt;
	size_t i;

	if (name == NULL)
		return NULL;
	if ((rt = cfg_rectype(cfg, name)) != NULL)
		return rt;
	for (i = 0; i < cfg->nrectypes; i++)
		if (core_is_named(cfg->rectypes[i].id,
				  &cfg->rectypes[i].label, name))
			return &cfg->rectypes[i];
	/* a part of one type's Chinese label: 投诉, 来电 */
	rt = NULL;
	for (i = 0; strlen(name) >= 2 && i < cfg->nrectypes; i++) {
		const char *zh = cfg->rectypes[i].label.zh;

		if (zh == NULL || strstr(zh, name) == NULL)
			continue;
		if (rt != NULL)
			return NULL;      /* two types: ambiguous */
		rt = &cfg->rectypes[i];
	}
	return rt;
}

const struct cfg_user *
core_user_named(const struct cfg *cfg, const char *name)
{
	const struct cfg_user *u;
	size_t i;

	if (name == NULL)
		return NULL;
	if ((u = cfg_user(cfg, name)) != NULL)
		return u;
	for (i = 0; i < cfg->nusers; i++)
		if (cfg->users[i].name != NULL &&
		    strcmp(cfg->users[i].name, name) == 0)
			return &cfg->users[i];
	return NULL;
}
