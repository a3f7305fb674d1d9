/*
 * test_config.c - the configuration loader of config/: a good file
 * resolves into the model, include: lays one file over another, and every
 * class of mistake is reported with its exact message, file, line, column
 * and caret, all of them in one run.
 *
 * The mistakes are fixtures: tests/unit/config_bad/NAME.yaml is loaded and
 * what the loader reports (each diagnostic's text and a newline) must equal
 * NAME.expected byte for byte.  The tests run in the top folder ($AS_TOP)
 * so the file names in those messages are the ones in the repository.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../config/config.h"
#include "testutil.h"

static const char *const guards[] = {
	"signature_after_service", "stock_available", "requisition_approved",
	"costs_confirmed", NULL
};

/* A small but complete configuration: every kind of node is in it. */
static const char good_yaml[] =
"timezone: Asia/Shanghai\n"
"allow_user_override: false\n"
"targets:\n"
"  timeliness: {label: {zh: 服务及时率, en: Timeliness}, min: 90}\n"
"  satisfaction: {label: {zh: 用户满意程度, en: Satisfaction}, min: 85}\n"
"  complaint_rate: {label: {zh: 用户抱怨率, en: Complaint rate}, max: 3}\n"
"roles:\n"
"  branch_manager: {zh: 销售分公司经理, en: Branch manager}\n"
"  admin: {zh: 售后服务管理员, en: After-sales administrator}\n"
"  engineer: {zh: 售后服务工程师}\n"
"users:\n"
"  hejianguo: {name: 何建国, roles: [branch_manager]}\n"
"  zhouxiaoyan: {name: 周晓燕, roles: [admin, engineer]}\n"
"  guest:\n"
"codes:\n"
"  category:\n"
"    quality: {zh: 质量问题, en: Quality}\n"
"    non_quality: {zh: 非质量问题, en: Non-quality}\n"
"records:\n"
"  complaint:\n"
"    label: {zh: 客户投诉, en: Complaint}\n"
"    prefix: C\n"
"    fields:\n"
"      customer_name: {type: text, required: true,\n"
"                      label: {zh: 客户名称, en: Customer}}\n"
"      description: {type: multiline, required: true}\n"
"      distance_km: {type: int}\n"
"      cost_travel: {type: money}\n"
"      due: {type: date}\n"
"      received_at: {type: datetime}\n"
"      category: {type: enum, codes: category}\n"
"      owner: {type: reference, ref: user}\n"
"      order: {type: reference, ref: workorder}\n"
"    states:\n"
"      registered: {label: {zh: 已登记, en: Registered}, initial: true}\n"
"      accepted: {label: {zh: 已受理, en: Accepted}}\n"
"      rejected: {label: {zh: 不予受理, en: Rejected}, terminal: true}\n"
"      investigating: {label: {zh: 原因调查}}\n"
"      closed: {label: {en: Closed}, terminal: true}\n"
"    transitions:\n"
"      accept:\n"
"        label: {zh: 受理, en: Accept}\n"
"        key: a\n"
"        from: [registered]\n"
"        to: accepted\n"
"        roles: [branch_manager]\n"
"        requires: [category, owner]\n"
"      reject: {from: [registered], to: rejected, roles: [branch_manager]}\n"
"      investigate:\n"
"        from: [accepted]\n"
"        to: investigating\n"
"        roles: [admin]\n"
"        when: {category: quality}\n"
"        guards: [signature_after_service]\n"
"      close: {from: [accepted, investigating], to: closed,\n"
"              roles: [admin]}\n"
"    edits:\n"
"      - states: [registered, accepted]\n"
"        roles: [admin]\n"
"        fields: [customer_name, description]\n"
"  workorder:\n"
"    prefix: W\n"
"    states:\n"
"      open: {initial: true}\n"
"      done: {terminal: true}\n"
"    transitions:\n"
"      finish: {from: [open], to: done, roles: [engineer]}\n";

struct fx {
	char dir[64];
	struct cfg *cfg;
	struct cfg_diags diags;
	struct as_err err;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);

	assert_non_null(fx);
	strcpy(fx->dir, "/tmp/as_test_config.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	cfg_free(&fx->cfg);
	cfg_diags_free(&fx->diags);
	test_rmrf(fx->dir);
	free(fx);
	return 0;
}

/* Write text to dir/name; returns the path (static buffer). */
static const char *
put(struct fx *fx, const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", fx->dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return path;
}

static int
load(struct fx *fx, const char *path)
{
	cfg_free(&fx->cfg);
	cfg_diags_free(&fx->diags);
	return cfg_load(path, guards, &fx->cfg, &fx->diags, &fx->err);
}

/* Every diagnostic's text, each followed by a newline (caller frees). */
static char *
all_text(const struct cfg_diags *d)
{
	size_t i, n = 1;
	char *s;

	for (i = 0; i < d->n; i++)
		n += strlen(d->v[i].text) + 1;
	s = calloc(1, n);
	assert_non_null(s);
	for (i = 0; i < d->n; i++) {
		strcat(s, d->v[i].text);
		strcat(s, "\n");
	}
	return s;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (f == NULL)
		fail_msg("cannot read %s: %s", path, strerror(errno));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	s = calloc(1, (size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return s;
}

static void
test_good_config(void **state)
{
	struct fx *fx = *state;
	const struct cfg *c;
	const struct cfg_rectype *rt;
	const struct cfg_transition *tr;
	const struct cfg_field *f;
	const struct cfg_user *u;
	const struct cfg_role *bm;

	assert_int_equal(load(fx, put(fx, "good.yaml", good_yaml)), 0);
	assert_int_equal(fx->diags.n, 0);
	c = fx->cfg;
	assert_non_null(c);
	assert_string_equal(c->timezone, "Asia/Shanghai");
	assert_int_equal(c->allow_user_override, 0);
	assert_int_equal(c->nroles, 3);
	assert_int_equal(c->nusers, 3);
	assert_int_equal(c->ncodelists, 1);
	assert_int_equal(c->nrectypes, 2);

	/* R2 §3.2.1: timeliness >= 90 %, complaint rate < 3 % */
	assert_int_equal(c->ntargets, 3);
	assert_string_equal(c->targets[0].id, "timeliness");
	assert_true(c->targets[0].has_min && !c->targets[0].has_max);
	assert_true(c->targets[0].min == 90.0);
	assert_string_equal(c->targets[2].id, "complaint_rate");
	assert_true(c->targets[2].has_max && !c->targets[2].has_min);
	assert_true(c->targets[2].max == 3.0);
	assert_string_equal(c->targets[1].label.zh, "用户满意程度");

	bm = cfg_role(c, "branch_manager");
	assert_non_null(bm);
	assert_string_equal(bm->label.en, "Branch manager");
	assert_null(cfg_role(c, "engineer")->label.en);
	u = cfg_user(c, "zhouxiaoyan");
	assert_non_null(u);
	assert_string_equal(u->name, "周晓燕");
	assert_int_equal(u->nroles, 2);
	assert_ptr_equal(u->roles[0], cfg_role(c, "admin"));
	assert_ptr_equal(u->roles[1], cfg_role(c, "engineer"));
	u = cfg_user(c, "guest");
	assert_non_null(u);
	assert_string_equal(u->name, "guest");
	assert_int_equal(u->nroles, 0);
	assert_null(cfg_user(c, "nobody"));

	rt = cfg_rectype(c, "complaint");
	assert_non_null(rt);
	assert_string_equal(rt->prefix, "C");
	assert_string_equal(rt->label.zh, "客户投诉");
	assert_ptr_equal(cfg_rectype_by_prefix(c, "C2026-000123"), rt);
	assert_ptr_equal(cfg_rectype_by_prefix(c, "c2026-000123"), rt);
	assert_ptr_equal(cfg_rectype_by_prefix(c, "W2026-000001"),
	    cfg_rectype(c, "workorder"));
	assert_null(cfg_rectype_by_prefix(c, "CW2026-000001"));
	assert_null(cfg_rectype_by_prefix(c, "2026"));

	assert_int_equal(rt->nfields, 9);
	f = cfg_field(rt, "customer_name");
	assert_int_equal(f->type, CFG_T_TEXT);
	assert_true(f->required);
	assert_string_equal(f->label.en, "Customer");
	assert_int_equal(cfg_field(rt, "description")->type, CFG_T_MULTILINE);
	assert_int_equal(cfg_field(rt, "distance_km")->type, CFG_T_INT);
	assert_false(cfg_field(rt, "distance_km")->required);
	assert_int_equal(cfg_field(rt, "cost_travel")->type, CFG_T_MONEY);
	assert_int_equal(cfg_field(rt, "due")->type, CFG_T_DATE);
	assert_int_equal(cfg_field(rt, "received_at")->type, CFG_T_DATETIME);
	f = cfg_field(rt, "category");
	assert_int_equal(f->type, CFG_T_ENUM);
	assert_ptr_equal(f->codes, &c->codelists[0]);
	assert_string_equal(cfg_code(f->codes, "non_quality")->label.zh,
	    "非质量问题");
	assert_null(cfg_code(f->codes, "other"));
	assert_int_equal(cfg_field(rt, "owner")->type, CFG_T_REF);
	assert_string_equal(cfg_field(rt, "owner")->ref, "user");
	assert_string_equal(cfg_field(rt, "order")->ref, "workorder");

	assert_int_equal(rt->nstates, 5);
	assert_ptr_equal(rt->initial, cfg_state(rt, "registered"));
	assert_true(cfg_state(rt, "closed")->terminal);
	assert_true(cfg_state(rt, "rejected")->terminal);
	assert_false(cfg_state(rt, "accepted")->terminal);

	/* R1 §7.1: only the branch manager decides acceptance */
	tr = cfg_transition(rt, "accept");
	assert_non_null(tr);
	assert_string_equal(tr->label.zh, "受理");
	assert_string_equal(tr->key, "a");
	assert_int_equal(tr->nfrom, 1);
	assert_ptr_equal(tr->from[0], cfg_state(rt, "registered"));
	assert_ptr_equal(tr->to, cfg_state(rt, "accepted"));
	assert_int_equal(tr->nroles, 1);
	assert_ptr_equal(tr->roles[0], bm);
	assert_true(cfg_user_has_role(cfg_user(c, "hejianguo"), tr->roles[0]));
	assert_false(cfg_user_has_role(cfg_user(c, "zhouxiaoyan"),
	    tr->roles[0]));
	assert_int_equal(tr->nrequires, 2);
	assert_ptr_equal(tr->requires[0], cfg_field(rt, "category"));
	assert_ptr_equal(tr->requires[1], cfg_field(rt, "owner"));
	assert_int_equal(tr->nguards, 0);
	assert_int_equal(tr->nwhen, 0);
	assert_null(cfg_transition(rt, "reject")->key);

	/* R1 §5.1: a quality complaint goes to investigation */
	tr = cfg_transition(rt, "investigate");
	assert_int_equal(tr->nwhen, 1);
	assert_ptr_equal(tr->when[0].field, cfg_field(rt, "category"));
	assert_string_equal(tr->when[0].value, "quality");
	/* R2 §3.3.2: a named guard the program implements */
	assert_int_equal(tr->nguards, 1);
	assert_string_equal(tr->guards[0], "signature_after_service");
	assert_int_equal(cfg_transition(rt, "close")->nfrom, 2);

	assert_int_equal(rt->nedits, 1);
	assert_int_equal(rt->edits[0].nstates, 2);
	assert_ptr_equal(rt->edits[0].states[1], cfg_state(rt, "accepted"));
	assert_ptr_equal(rt->edits[0].roles[0], cfg_role(c, "admin"));
	assert_int_equal(rt->edits[0].nfields, 2);
	assert_ptr_equal(rt->edits[0].fields[1], cfg_field(rt, "description"));
	assert_null(cfg_rectype(c, "widget"));
}

/* Missing labels are allowed; cfg_text falls back to the other, then id. */
static void
test_label_fallback(void **state)
{
	struct fx *fx = *state;
	const struct cfg_rectype *rt;
	const struct cfg_state *s;

	assert_int_equal(load(fx, put(fx, "good.yaml", good_yaml)), 0);
	rt = cfg_rectype(fx->cfg, "complaint");
	s = cfg_state(rt, "investigating");
	assert_string_equal(cfg_text(&s->label, "zh", s->id), "原因调查");
	assert_string_equal(cfg_text(&s->label, "en", s->id), "原因调查");
	s = cfg_state(rt, "closed");
	assert_string_equal(cfg_text(&s->label, "zh", s->id), "Closed");
	rt = cfg_rectype(fx->cfg, "workorder");
	assert_null(rt->label.zh);
	assert_null(rt->label.en);
	assert_string_equal(cfg_text(&rt->label, "en", rt->id), "workorder");
	assert_string_equal(cfg_text(NULL, "zh", "x"), "x");
}

static const char overlay_yaml[] =
"# the demo: the base plus users, and a user override\n"
"include: base.yaml\n"
"allow_user_override: true\n"
"users:\n"
"  admin: {name: 管理员, roles: [admin, branch_manager]}\n"
"  zhouxiaoyan: {name: 周小燕}\n"
"records:\n"
"  complaint:\n"
"    states:\n"
"      accepted: {label: {zh: 受理完毕}}\n"
"    transitions:\n"
"      close: {roles: [branch_manager]}\n";

/*
 * include: loads the base first; maps merge key by key (the overlay wins
 * on a scalar and adds keys), sequences are replaced.
 */
static void
test_include_overlay(void **state)
{
	struct fx *fx = *state;
	const struct cfg_rectype *rt;
	const struct cfg_transition *tr;
	const struct cfg_user *u;
	const struct cfg_state *s;

	put(fx, "base.yaml", good_yaml);
	assert_int_equal(load(fx, put(fx, "demo.yaml", overlay_yaml)), 0);
	assert_int_equal(fx->diags.n, 0);
	assert_int_equal(fx->cfg->allow_user_override, 1);
	assert_int_equal(fx->cfg->nusers, 4);
	u = cfg_user(fx->cfg, "admin");
	assert_non_null(u);
	assert_int_equal(u->nroles, 2);
	assert_ptr_equal(u->roles[1], cfg_role(fx->cfg, "branch_manager"));
	/* zhouxiaoyan's name changes, her roles stay */
	u = cfg_user(fx->cfg, "zhouxiaoyan");
	assert_string_equal(u->name, "周小燕");
	assert_int_equal(u->nroles, 2);
	assert_non_null(cfg_user(fx->cfg, "hejianguo"));
	assert_string_equal(fx->cfg->timezone, "Asia/Shanghai");

	rt = cfg_rectype(fx->cfg, "complaint");
	s = cfg_state(rt, "accepted");
	assert_string_equal(s->label.zh, "受理完毕");
	assert_string_equal(s->label.en, "Accepted");
	assert_ptr_equal(rt->initial, cfg_state(rt, "registered"));
	tr = cfg_transition(rt, "close");
	assert_int_equal(tr->nroles, 1);
	assert_ptr_equal(tr->roles[0], cfg_role(fx->cfg, "branch_manager"));
	assert_int_equal(tr->nfrom, 2);
	assert_int_equal(rt->ntransitions, 4);
	assert_string_equal(fx->cfg->path + strlen(fx->dir), "/demo.yaml");
}

/* A problem is reported in the file and at the line where its node is. */
static void
test_include_positions(void **state)
{
	struct fx *fx = *state;
	char base[256];

	put(fx, "base.yaml", "roles:\n"
	    "  admin: {zh: 管理员}\n"
	    "users:\n"
	    "  li: {name: 李, roles: [admin], mail: li@example.com}\n");
	snprintf(base, sizeof base, "%s", put(fx, "demo.yaml",
	    "include: base.yaml\n"
	    "users:\n"
	    "  wang: {roles: [boss]}\n"));
	assert_int_equal(load(fx, base), AS_E_CONFIG);
	assert_null(fx->cfg);
	assert_int_equal(fx->diags.n, 2);
	/* the including file first, then the base */
	assert_string_equal(fx->diags.v[0].file, base);
	assert_int_equal(fx->diags.v[0].line, 3);
	assert_int_equal(fx->diags.v[0].col, 18);
	assert_string_equal(fx->diags.v[0].message, "unknown role \"boss\" for "
	    "user wang; valid roles: admin");
	assert_int_equal(strlen(fx->diags.v[1].file), strlen(base));
	assert_non_null(strstr(fx->diags.v[1].file, "/base.yaml"));
	assert_int_equal(fx->diags.v[1].line, 4);
	assert_int_equal(fx->diags.v[1].col, 33);
	assert_string_equal(fx->diags.v[1].message, "unknown key \"mail\" in "
	    "user li; valid keys: name, roles, units");
	/* err carries the first */
	assert_int_equal(fx->err.code, AS_E_CONFIG);
	assert_string_equal(fx->err.file, base);
	assert_int_equal(fx->err.line, 3);
	assert_int_equal(fx->err.col, 18);
	assert_string_equal(fx->err.msg, fx->diags.v[0].message);
}

static void
test_missing_file(void **state)
{
	struct fx *fx = *state;
	char path[256], want[512];

	snprintf(path, sizeof path, "%s/none.yaml", fx->dir);
	snprintf(want, sizeof want, "cannot read config file %s: No such file "
	    "or directory", path);
	assert_int_equal(load(fx, path), -ENOENT);
	assert_null(fx->cfg);
	assert_int_equal(fx->err.code, -ENOENT);
	assert_string_equal(fx->err.msg, want);
	assert_int_equal(fx->diags.n, 1);
	assert_string_equal(fx->diags.v[0].text, fx->err.msg);
	assert_int_equal(fx->diags.v[0].line, 0);

	assert_int_equal(load(fx, fx->dir), -EISDIR);
	assert_non_null(strstr(fx->err.msg, ": Is a directory"));
}

/* The text need not end in NUL; includes are relative to the name. */
static void
test_load_mem(void **state)
{
	struct fx *fx = *state;
	char name[256], text[] = "include: base.yaml\nallow_user_override: "
	    "true\ntimezone: Europe/Berlin";
	struct cfg *c = NULL;
	struct cfg_diags d = {0};
	struct as_err err;

	put(fx, "base.yaml", good_yaml);
	snprintf(name, sizeof name, "%s/mem.yaml", fx->dir);
	assert_int_equal(cfg_load_mem(name, text, sizeof text - 1 - 3, guards,
	    &c, &d, &err), 0);
	assert_non_null(c);
	assert_int_equal(c->allow_user_override, 1);
	assert_string_equal(c->timezone, "Europe/Ber");
	assert_int_equal(c->nrectypes, 2);
	cfg_free(&c);
	assert_null(c);
	cfg_free(&c);

	assert_int_equal(cfg_load_mem("x/mem.yaml", "users: [", 8, guards,
	    &c, &d, NULL), AS_E_CONFIG);
	assert_null(c);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, "x/mem.yaml");
	cfg_diags_free(&d);
	assert_int_equal(d.n, 0);
}

/* Anchors and aliases are YAML; an empty file is an empty model. */
static void
test_aliases_and_empty(void **state)
{
	struct fx *fx = *state;
	const struct cfg_user *u;

	assert_int_equal(load(fx, put(fx, "a.yaml",
	    "roles:\n"
	    "  admin: &label {zh: 管理员}\n"
	    "  engineer: *label\n"
	    "users:\n"
	    "  wang: {roles: &both [admin, engineer]}\n"
	    "  li: {roles: *both}\n")), 0);
	u = cfg_user(fx->cfg, "li");
	assert_int_equal(u->nroles, 2);
	assert_ptr_equal(u->roles[1], cfg_role(fx->cfg, "engineer"));
	assert_string_equal(cfg_role(fx->cfg, "engineer")->label.zh, "管理员");

	assert_int_equal(load(fx, put(fx, "empty.yaml", "# nothing yet\n")), 0);
	assert_int_equal(fx->cfg->nrectypes, 0);
	assert_string_equal(fx->cfg->timezone, "Asia/Shanghai");
}

/* A transition may name any guard when the caller gives no list. */
static void
test_no_guard_list(void **state)
{
	struct fx *fx = *state;
	struct cfg *c = NULL;
	struct cfg_diags d = {0};
	const char *path;

	path = put(fx, "g.yaml", "records:\n"
	    "  complaint:\n"
	    "    prefix: C\n"
	    "    states: {a: {initial: true}, b: {}}\n"
	    "    transitions: {go: {from: [a], to: b, guards: [anything]}}\n");
	assert_int_equal(cfg_load(path, NULL, &c, &d, NULL), 0);
	assert_string_equal(c->rectypes[0].transitions[0].guards[0],
	    "anything");
	cfg_free(&c);
	assert_int_equal(load(fx, path), AS_E_CONFIG);
	assert_int_equal(fx->diags.n, 1);
	assert_int_equal(fx->diags.v[0].line, 5);
	assert_int_equal(fx->diags.v[0].col, 51);
	assert_string_equal(fx->diags.v[0].message, "unknown guard \"anything\" "
	    "for transition go; valid guards: signature_after_service, "
	    "stock_available, requisition_approved, costs_confirmed");
}

/* A hopeless file is cut short after 100 problems, saying how many more. */
static void
test_too_many(void **state)
{
	struct fx *fx = *state;
	char *text = calloc(150, 16);
	int i;

	assert_non_null(text);
	for (i = 0; i < 150; i++)
		sprintf(text + strlen(text), "bogus%d: 1\n", i);
	assert_int_equal(load(fx, put(fx, "many.yaml", text)), AS_E_CONFIG);
	free(text);
	assert_int_equal(fx->diags.n, 101);
	assert_int_equal(fx->diags.v[99].line, 100);
	assert_string_equal(fx->diags.v[100].message,
	    "50 more problems not shown");
	assert_int_equal(fx->diags.v[100].line, 0);
}

/* The shipped files load, and demo.yaml is aftersales.yaml plus users. */
static void
test_shipped_configs(void **state)
{
	struct fx *fx = *state;
	size_t nusers;

	if (load(fx, "config/aftersales.yaml") != 0)
		fail_msg("%s", fx->diags.n ? fx->diags.v[0].text : fx->err.msg);
	assert_int_equal(fx->cfg->allow_user_override, 0);
	nusers = fx->cfg->nusers;
	if (load(fx, "config/demo.yaml") != 0)
		fail_msg("%s", fx->diags.n ? fx->diags.v[0].text : fx->err.msg);
	assert_int_equal(fx->cfg->allow_user_override, 1);
	assert_true(fx->cfg->nusers > nusers);
}

/*
 * The shipped complaint declares what the program did before issue 8:
 * found by phone (its last digits), serial and the start of the name;
 * sorted by customer, serial and owner; the list pane's and the command
 * line's columns; the workstation opens on my queue.  A type without
 * declarations is found by number only and lists number, state, age, due.
 */
static void
test_shipped_declarations(void **state)
{
	struct fx *fx = *state;
	const struct cfg_rectype *rt;

	if (load(fx, "config/aftersales.yaml") != 0)
		fail_msg("%s", fx->diags.n ? fx->diags.v[0].text : fx->err.msg);
	rt = cfg_rectype(fx->cfg, "complaint");
	assert_int_equal(rt->nlookups, 3);
	assert_string_equal(rt->lookups[0].field->id, "phone");
	assert_int_equal(rt->lookups[0].kind, CFG_LK_DIGITS_TAIL);
	assert_string_equal(rt->lookups[1].field->id, "serial");
	assert_int_equal(rt->lookups[1].kind, CFG_LK_SERIAL);
	assert_string_equal(rt->lookups[2].field->id, "customer_name");
	assert_int_equal(rt->lookups[2].kind, CFG_LK_PREFIX);
	assert_int_equal(rt->nsorts, 3);
	assert_string_equal(cfg_sort(rt, "owner")->field->id, "owner");
	assert_ptr_equal(cfg_sort_of(rt, cfg_field(rt, "serial")),
			 cfg_sort(rt, "serial"));
	assert_int_equal(rt->ncolumns, 9);
	assert_int_equal(rt->columns[0].show, CFG_SHOW_NUMBER);
	assert_string_equal(rt->columns[1].alt->id, "customer_org");
	assert_int_equal(rt->columns[1].share, 45);
	assert_int_equal(rt->columns[2].wide, 40);
	assert_int_equal(rt->nlist, 8);
	assert_string_equal(rt->list[2].name, "customer");
	assert_int_equal(rt->list[6].show, CFG_SHOW_WAITS);
	assert_string_equal(rt->view, "mine");
	if (load(fx, "tests/unit/data/order.yaml") != 0)
		fail_msg("%s", fx->diags.n ? fx->diags.v[0].text : fx->err.msg);
	rt = cfg_rectype(fx->cfg, "letter");
	assert_int_equal(rt->ncolumns, 4);
	assert_int_equal(rt->columns[0].show, CFG_SHOW_NUMBER);
	assert_int_equal(rt->columns[3].show, CFG_SHOW_DUE);
	assert_int_equal(rt->nlist, 4);
	assert_null(rt->view);
	assert_null(cfg_sort(rt, "serial"));
}

/*
 * The shipped workflow's model: finance reviews every case's costs (R1
 * §6: review_costs and chargeback are finance's alone); a rejection may be
 * disputed (R1 §7.3: reopens: out of the terminal state rejected, which
 * stays terminal); finishing belongs to the owner or a manager (R1 §8.1).
 */
static void
test_shipped_workflow(void **state)
{
	struct fx *fx = *state;
	const struct cfg_rectype *rt;
	const struct cfg_transition *t;

	if (load(fx, "config/aftersales.yaml") != 0)
		fail_msg("%s", fx->diags.n ? fx->diags.v[0].text : fx->err.msg);
	rt = cfg_rectype(fx->cfg, "complaint");
	assert_non_null(rt);
	t = cfg_transition(rt, "chargeback");
	assert_int_equal(t->nroles, 1);
	assert_string_equal(t->roles[0]->id, "finance");
	t = cfg_transition(rt, "review_costs");
	assert_int_equal(t->nroles, 1);
	assert_string_equal(t->roles[0]->id, "finance");
	assert_true(cfg_state(rt, "rejected")->terminal);
	t = cfg_transition(rt, "dispute_rejection");
	assert_true(t->reopens);
	assert_int_equal(t->nfrom, 1);
	assert_string_equal(t->from[0]->id, "rejected");
	assert_false(cfg_transition(rt, "dispute")->reopens);
	t = cfg_transition(rt, "finish");
	assert_ptr_equal(t->by, cfg_field(rt, "owner"));
	assert_null(cfg_transition(rt, "accept")->by);
	assert_int_equal(rt->nmanagers, 2);
	assert_string_equal(rt->managers[0]->id, "branch_manager");
	assert_string_equal(rt->managers[1]->id, "office_manager");
}

/*
 * The shipped response clock resolves into the model: started at create,
 * stopped by accept and reject (R1 §7.2), rules of R2 §3.2.2 and §3.2.3.
 */
static void
test_shipped_clock(void **state)
{
	struct fx *fx = *state;
	const struct cfg_rectype *rt;
	const struct cfg_clock *k;
	const struct cfg_rule *ru;

	if (load(fx, "config/aftersales.yaml") != 0)
		fail_msg("%s", fx->diags.n ? fx->diags.v[0].text : fx->err.msg);
	rt = cfg_rectype(fx->cfg, "complaint");
	assert_non_null(rt);
	assert_int_equal(rt->nclocks, 5);
	k = cfg_clock(rt, "response");
	assert_non_null(k);
	assert_string_equal(k->label.zh, "响应时限");
	/* R1 §7.2: from the complaint's arrival to the first answer */
	assert_int_equal(k->start_create, 0);
	assert_int_equal(k->nstart, 0);
	assert_ptr_equal(k->start_field, cfg_field(rt, "received_at"));
	assert_true(cfg_field(rt, "received_at")->default_now);
	assert_ptr_equal(k->stop_field, cfg_field(rt, "answered_at"));
	assert_int_equal(k->nstop, 2);
	assert_ptr_equal(k->stop[0], cfg_transition(rt, "reject"));
	assert_ptr_equal(k->stop[1], cfg_transition(rt, "close"));
	assert_null(cfg_transition(rt, "accept") == k->stop[0] ? "accept"
	    : NULL);
	assert_int_equal(k->npause, 1);
	assert_ptr_equal(k->pause[0], cfg_state(rt, "disputed"));
	assert_true(k->timeliness);
	assert_int_equal(k->nrules, 4);
	ru = &k->rules[0];
	assert_true(ru->hours == 24);
	assert_string_equal(ru->clause, "R2 §3.2.2");
	assert_int_equal(ru->nwhen, 3);
	assert_int_equal(ru->when[0].op, CFG_OP_EQ);
	assert_string_equal(ru->when[0].value, "body");
	assert_int_equal(ru->when[1].op, CFG_OP_MAX);
	assert_ptr_equal(ru->when[1].field, cfg_field(rt, "distance_km"));
	assert_int_equal(ru->when[1].num, 100);
	assert_int_equal(ru->when[2].op, CFG_OP_SET);
	assert_int_equal(ru->when[2].num, 0);
	assert_true(k->rules[1].hours == 12);
	assert_string_equal(k->rules[2].clause, "R2 §3.2.3");
	assert_int_equal(k->rules[3].nwhen, 0);
	assert_string_equal(k->rules[3].clause, "R1 §7.2");
	/* the stage clocks: our hours, no clause, not in timeliness */
	{
		static const char *const stage[] = { "investigation",
		    "responsibility", "cost_review", "feedback" };
		size_t i;

		for (i = 0; i < 4; i++) {
			k = cfg_clock(rt, stage[i]);
			assert_non_null(k);
			assert_false(k->timeliness);
			assert_int_equal(k->nrules, 1);
			assert_null(k->rules[0].clause);
			assert_true(k->nstart > 0 && k->nstop > 0);
			assert_ptr_equal(k->pause[0], cfg_state(rt,
			    "disputed"));
		}
	}
}

/* tests/unit/config_bad/NAME.yaml must report exactly NAME.expected. */
static void
test_fixture(void **state)
{
	const char *name = *state;
	char yaml[256], exp[256], *got, *want;
	struct cfg_diags d = {0};
	struct cfg *c = NULL;
	struct as_err err;
	int rc;

	snprintf(yaml, sizeof yaml, "tests/unit/config_bad/%s.yaml", name);
	snprintf(exp, sizeof exp, "tests/unit/config_bad/%s.expected", name);
	rc = cfg_load(yaml, guards, &c, &d, &err);
	got = all_text(&d);
	want = slurp(exp);
	assert_string_equal(got, want);
	assert_int_equal(rc, AS_E_CONFIG);
	assert_null(c);
	assert_true(d.n > 0);
	assert_int_equal(err.line, d.v[0].line);
	free(got);
	free(want);
	cfg_diags_free(&d);
}

#define FIXTURE(n) { .name = "config_bad/" n, .test_func = test_fixture, \
	.initial_state = (void *)(n) }
#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_good_config),
		TEST(test_label_fallback),
		TEST(test_include_overlay),
		TEST(test_include_positions),
		TEST(test_missing_file),
		TEST(test_load_mem),
		TEST(test_aliases_and_empty),
		TEST(test_no_guard_list),
		TEST(test_too_many),
		TEST(test_shipped_configs),
		TEST(test_shipped_clock),
		TEST(test_shipped_workflow),
		TEST(test_shipped_declarations),
		/* libyaml's own message at its mark */
		FIXTURE("syntax"),
		FIXTURE("not_utf8"),
		FIXTURE("two_documents"),
		FIXTURE("top_level"),
		FIXTURE("alias"),
		FIXTURE("alias_bomb"),
		/* expected a mapping / sequence / scalar */
		FIXTURE("wrong_kind"),
		/* the message lists the keys valid there */
		FIXTURE("unknown_key"),
		/* issue 8: lookups, sorts, columns, list, view */
		FIXTURE("decls"),
		FIXTURE("duplicate_key"),
		/* roles, states, fields, guards, code lists, record types */
		FIXTURE("unknown_refs"),
		FIXTURE("user_role"),
		/* no initial state, two initial states */
		FIXTURE("initial_states"),
		FIXTURE("unreachable"),
		FIXTURE("terminal_out"),
		/* issue 8: creates: of a transition */
		FIXTURE("creates"),
		FIXTURE("moves"),
		/* issue 11: counter: moves, their steps and fields */
		FIXTURE("counter"),
		FIXTURE("workorder_keys"),
		/* R1 §7.3: reopens: true out of a terminal state, and only so */
		FIXTURE("reopens"),
		/* R2 §3.2.1: how the KPI figures are measured; reports: */
		FIXTURE("kpi"),
		/* R1 §8.1: by: names a user field; managers: names roles */
		FIXTURE("by_owner"),
		/* R1 §8.1, R2 §3.7.6: units; R2 §3.3.2: freeze: */
		FIXTURE("units"),
		FIXTURE("transition_to"),
		/* bad type, no type, enum without codes:, reference without ref: */
		FIXTURE("field_types"),
		FIXTURE("lines"),
		/* issue 10: computed fields, warranty:, print:, printer: */
		FIXTURE("computed"),
		/* R1 §5.1, §5.2: the quality / non-quality condition */
		FIXTURE("when_value"),
		/* R2 §3.2.2, §3.2.3, R1 §7.2: SLA clocks and their rules */
		FIXTURE("clocks"),
		/* issue 8: one condition language, R2 §3.2.2, §3.2.3 */
		FIXTURE("conditions"),
		/* clocks on time fields, paused in states; R1 §7.2 */
		FIXTURE("clock_ends"),
		FIXTURE("bad_values"),
		FIXTURE("prefix"),
		/* R1 §5.1: who registers, and what they fill in then */
		FIXTURE("create"),
		/* who may run reindex, backup, demo, import */
		FIXTURE("maintenance"),
		/* every problem in one run */
		FIXTURE("many_errors"),
		/* the caret by display width: Chinese and tabs */
		FIXTURE("wide_chars"),
		/* issue 7: control characters shown escaped, caret still right */
		FIXTURE("control_escaped"),
		FIXTURE("control_raw"),
		FIXTURE("include_overlay"),
		FIXTURE("include_cycle_a"),
		FIXTURE("include_missing"),
		FIXTURE("value_limits"),
	};
	const char *top = getenv("AS_TOP");

	setlocale(LC_ALL, "C.UTF-8");
	as_lang_set("en");      /* the English wording is checked */
	if (top != NULL && chdir(top) != 0) {
		fprintf(stderr, "cannot enter %s: %s\n", top, strerror(errno));
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
