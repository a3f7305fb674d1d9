/*
 * core_int.h - private declarations shared by the files of core/.
 */
#ifndef AS_CORE_INT_H
#define AS_CORE_INT_H

#include "core.h"

struct core {
	struct cfg *cfg;
	struct store *st;
	const struct cfg_user *user;   /* the acting user */
	char *login;                   /* the real login */
	char *dbdir;
	int64_t clock;                 /* fixed "now", 0: the real time */
};

/* The secondary index keys of a record (store_index_fn). */
void core_index_keys(const struct store_rec *r, struct store_keys *out,
		     void *ctx);

/* Index key builders; each returns a new string. */
char *core_key_state(const char *type, const char *state);
char *core_key_phone(const char *phone);
char *core_key_serial(const char *serial);
char *core_key_name(const char *name);

/* Normalisations used by the indexes and lookups (new strings). */
char *core_norm_phone(const char *s);
char *core_norm_serial(const char *s);

/*
 * Current time, UTC seconds: the clock set by core_set_clock, else
 * $AFTERSALES_NOW (tests), else the system time.
 */
int64_t core_now(const struct core *c);

/* 1 if the field conditions of t hold on r. */
int wf_when_holds(const struct cfg_transition *t, const struct store_rec *r);
/* 1 if user u has one of the roles of t. */
int wf_role_ok(const struct cfg_user *u, const struct cfg_transition *t);
/* 1 if t may be taken from state s. */
int wf_from_ok(const struct cfg_transition *t, const char *state);

/* Look up guard name; NULL if unknown. */
typedef int (*core_guard_fn)(const struct core *c, const struct store_rec *r,
			     struct as_err *err);
core_guard_fn core_guard(const char *name);

#endif
