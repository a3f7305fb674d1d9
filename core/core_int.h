/*
 * core_int.h - private declarations shared by the files of core/.
 */
#ifndef AS_CORE_INT_H
#define AS_CORE_INT_H

#include <string.h>

#include "core.h"

struct core {
	struct cfg *cfg;
	struct store *st;
	const struct cfg_user *user;   /* the acting user */
	char *login;                   /* the real login */
	char *dbdir;
	int64_t clock;                 /* fixed "now", 0: the real time */
	const char *lang;              /* "zh" or "en": messages, labels */
	int privileged;                /* core_privileged() at core_open */
	int root_init;                 /* opts->init by the real root */
};

/*
 * A message in the user's language: both texts are format literals with
 * the same arguments, so the compiler checks them both.
 */
#define TR(c, zh, en) (strcmp((c)->lang, "en") == 0 ? (en) : (zh))

/*
 * In a privileged process, the database folder db must be root's and the
 * service group's, in folders only root can change: returns 0 and *real,
 * its resolved path to open (caller frees), or AS_E_PERM / -errno.
 */
int core_db_trusted(const struct core *c, const char *db, char **real,
		    struct as_err *err);

/* The secondary index keys of a record (store_index_fn). */
void core_index_keys(const struct store_rec *r, struct store_keys *out,
		     void *ctx);

/* Index key builders; each returns a new string. */
char *core_key_state(const char *type, const char *state);
/*
 * The key of a declared lookup or sort of field of type: value normalised
 * as norm (a letter of query.c's N_*).
 */
char *core_key_field(const char *type, const char *field, int norm,
		     const char *value);
char *core_key_due(const char *type, int64_t due);
/* The keys of r's running clocks (part of core_index_keys). */
void core_due_keys(const struct store_rec *r, struct store_keys *out);

/* Normalisations used by the indexes and lookups (new strings). */
char *core_norm_phone(const char *s);
char *core_norm_serial(const char *s);

/*
 * Move the SLA clocks of r (type rt) for one write at time now: started by
 * create (created) or transition tr, stopped by tr, due recomputed from
 * the fields while running.  Each field change is recorded in e.
 */
void clock_update(const struct cfg_rectype *rt, struct store_rec *r,
		  const struct cfg_transition *tr, int created, int64_t now,
		  struct store_event *e);

/* 1 if the field conditions of t hold on r. */
int wf_when_holds(const struct cfg_transition *t, const struct store_rec *r);
/* 1 if user u has one of the roles of t. */
int wf_role_ok(const struct cfg_user *u, const struct cfg_transition *t);
/* 1 if t may be taken from state s. */
int wf_from_ok(const struct cfg_transition *t, const char *state);

/*
 * Refuse (AS_E_PERM, the message starting with the field id) the first
 * input that sets a field the current user may not fill in when creating
 * a record of rt (core_create_field_ok).  Empty values set nothing.
 */
int perm_create_inputs(const struct core *c, const struct cfg_rectype *rt,
		       const struct core_kv *in, size_t n,
		       struct as_err *err);

/* Look up guard name; NULL if unknown. */
typedef int (*core_guard_fn)(const struct core *c, const struct store_rec *r,
			     struct as_err *err);
core_guard_fn core_guard(const char *name);

#endif
