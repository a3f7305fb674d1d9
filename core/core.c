/*
 * core.c - opening the workstation's context (configuration, store,
 * identity), field values in their stored and displayed forms, and time.
 */
#include "core_int.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

size_t
core_fmt_u64(char *buf, uint64_t v, int width)
{
	char tmp[24];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while ((int)n < width && n < sizeof tmp - 1)
		tmp[n++] = '0';
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

size_t
core_fmt_i64(char *buf, int64_t v)
{
	if (v >= 0)
		return core_fmt_u64(buf, (uint64_t)v, 0);
	buf[0] = '-';
	return 1 + core_fmt_u64(buf + 1, (uint64_t)0 - (uint64_t)v, 0);
}

long long
core_strtoll(const char *s, char **end)
{
	const char *p = s + (*s == '-');
	long long v = 0;
	int n;

	/* at most 18 digits here: 19 may not fit; more go to strtoll */
	for (n = 0; n < 18 && p[n] >= '0' && p[n] <= '9'; n++)
		v = v * 10 + (p[n] - '0');
	if (n == 0 || (p[n] >= '0' && p[n] <= '9'))
		return strtoll(s, end, 10);
	*end = (char *)(uintptr_t)(p + n);
	return *s == '-' ? -v : v;
}

int64_t
core_now(const struct core *c)
{
	const char *s;

	if (c != NULL && c->clock != 0)
		return c->clock;
	s = getenv("AFTERSALES_NOW");

	if (s != NULL && *s != '\0' && c != NULL && c->cfg != NULL &&
	    c->cfg->allow_user_override && !c->privileged)
		return strtoll(s, NULL, 10);
	return (int64_t)time(NULL);
}

/* The last second $AFTERSALES_NOW may name: 9999-12-31 23:59:59 UTC. */
#define NOW_MAX 253402300799LL

/*
 * A clock of the caller's own ($AFTERSALES_NOW) only under a configuration
 * that allows user override (demo, tests), never in a privileged process:
 * set anywhere else, it is refused rather than silently ignored.
 */
static int
check_own_clock(const struct core *c, struct as_err *err)
{
	const char *s = getenv("AFTERSALES_NOW");
	long long t;
	char *end;

	if (s == NULL || *s == '\0')
		return 0;
	if (c->privileged)
		return as_err_set(err, AS_E_PERM, TR(c,
		    "不接受 AFTERSALES_NOW：以特权（setuid/setgid）运行的 "
		    "aftersales 只使用系统时钟；请取消 AFTERSALES_NOW 后再运行",
		    "AFTERSALES_NOW is refused: a privileged (setuid or "
		    "setgid) aftersales takes the time from the system clock "
		    "only; unset AFTERSALES_NOW"));
	if (!c->cfg->allow_user_override)
		return as_err_set(err, AS_E_PERM, TR(c,
		    "不接受 AFTERSALES_NOW：%s 没有设置 allow_user_override，"
		    "时间只取自系统时钟；请取消 AFTERSALES_NOW 后再运行",
		    "AFTERSALES_NOW is refused: %s does not set "
		    "allow_user_override, so the time comes from the system "
		    "clock only; unset AFTERSALES_NOW"), c->cfg->path);
	/* seconds since 1970, as `date +%s` prints them, nothing else */
	errno = 0;
	t = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || t < 0 ||
	    t > NOW_MAX)
		return as_err_set(err, AS_E_USAGE, TR(c,
		    "AFTERSALES_NOW 应是自 1970 年起的秒数（如 date +%%s "
		    "所示），而不是“%s”", "AFTERSALES_NOW must be the "
		    "seconds since 1970 (as date +%%s prints them), not "
		    "\"%s\""), s);
	return 0;
}

/*
 * The caller's login (getpwuid), looked up on first use: a process that
 * acts as the user it is told to, where that is allowed, never needs it
 * (issue 13: the look-up reads /etc/nsswitch.conf and /etc/passwd and
 * tries nscd's socket twice).
 */
static const char *
core_login(struct core *c)
{
	struct passwd *pw;

	if (c->login == NULL) {
		pw = getpwuid(getuid());
		c->login = xstrdup(pw != NULL ? pw->pw_name : "");
	}
	return c->login;
}

static int
resolve_user(struct core *c, const char *override, struct as_err *err)
{
	const struct cfg_user *u;
	const char *want;

	if (override == NULL || *override == '\0')
		override = getenv("AFTERSALES_USER");
	if (override != NULL && *override != '\0' && !c->privileged &&
	    c->cfg->allow_user_override && !c->root_init) {
		/* the override is taken, whatever the login: it is not read */
		want = override;
		goto found;
	}
	want = core_login(c);
	if (override != NULL && *override != '\0' &&
	    strcmp(override, c->login) != 0) {
		if (c->privileged)
			return as_err_set(err, AS_E_IDENTITY, TR(c,
			    "不允许以用户“%s”的身份操作（--user 或 "
			    "AFTERSALES_USER）：以特权（setuid/setgid）运行的 "
			    "aftersales 只以您自己的登录名“%s”操作",
			    "acting as user \"%s\" (--user or AFTERSALES_USER) "
			    "is refused: a privileged (setuid or setgid) "
			    "aftersales acts only as your own login \"%s\""),
			    override, c->login);
		if (!c->cfg->allow_user_override)
			return as_err_set(err, AS_E_IDENTITY, TR(c,
			    "不允许以用户“%s”的身份操作（--user 或 "
			    "AFTERSALES_USER）：%s 没有设置 "
			    "allow_user_override；请用您自己的登录名“%s”运行 "
			    "aftersales",
			    "acting as user \"%s\" (--user or AFTERSALES_USER) "
			    "is refused: %s does not set allow_user_override; "
			    "run aftersales under your own login \"%s\""),
			    override, c->cfg->path, c->login);
		want = override;
	}
found:
	u = cfg_user(c->cfg, want);
	if (u == NULL && c->root_init && want == c->login)
		return 0;	/* root creating the database */
	if (u == NULL)
		return as_err_set(err, AS_E_IDENTITY, TR(c,
		    "用户“%s”没有在 %s 中配置；请管理员在 users: 下添加",
		    "user \"%s\" is not configured in %s; ask the "
		    "administrator to add it under users:"), want,
		    c->cfg->path);
	c->user = u;
	return 0;
}

/* Open the store of opts (with the checks of a privileged process). */
static int
open_store(struct core *c, const struct core_opts *opts, struct as_err *err)
{
	struct store_opts so = {0};
	char *real;
	int rc;

	so.create = opts->create;
	so.readonly = opts->readonly;
	so.index_fn = core_index_keys;
	so.index_ctx = c;
	so.index_format = CORE_INDEX_FORMAT;
	if (!c->privileged)
		return store_open(opts->db, &so, &c->st, err);
	if ((rc = core_db_trusted(c, opts->db, &real, err)) != 0)
		return rc;
	rc = store_open(real, &so, &c->st, err);
	free(real);
	return rc;
}

/* The key of the compiled configuration of path in the meta table. */
static char *
image_key(const char *path)
{
	return xasprintf("cfg:%s", path);
}

/*
 * The compiled configuration kept in the database (cfg_image.c), when the
 * database opens and holds one for these very files: c->cfg and c->st set
 * and 0.  Else -1, with c->st left open if it opened (the caller parses
 * the files and uses it, or opens it the long way, which gives each error
 * in its usual order).
 */
struct image_ctx {
	struct core *c;
	const struct core_opts *opts;
};

/* The image read in place, copied once: into the model's region. */
static int
image_view(const void *blob, size_t len, void *vctx)
{
	struct image_ctx *x = vctx;

	return cfg_from_image(blob, len, x->opts->config,
	    x->c->privileged ? CFG_ROOT_ONLY : 0, &x->c->cfg) != 0 ? -1 : 0;
}

static int
open_with_image(struct core *c, const struct core_opts *opts)
{
	struct image_ctx x = { c, opts };
	struct as_err e;
	char *key;
	int rc;

	if (opts->create != 0 || opts->command != NULL ||
	    open_store(c, opts, &e) != 0)
		return -1;
	key = image_key(opts->config);
	rc = store_meta_view(c->st, key, image_view, &x, &e);
	free(key);
	c->compiled = rc == 0;
	return rc != 0 ? -1 : 0;
}

/* Keep the configuration just loaded from its files for the next start. */
static void
save_image(struct core *c, const struct core_opts *opts)
{
	struct as_err e;
	void *blob;
	size_t len;
	char *key;

	if (opts->readonly || c->st == NULL ||
	    cfg_image(c->cfg, &blob, &len) != 0)
		return;
	key = image_key(opts->config);
	(void)store_meta_put(c->st, key, blob, len, &e);
	free(key);
	free(blob);
}

/* Bumped whenever core_open sets the zone: see core_zone_gen. */
static long zone_gen;

long
core_zone_gen(void)
{
	return zone_gen;
}

int
core_open(const struct core_opts *opts, struct core **out,
	  struct cfg_diags *diags, struct as_err *err)
{
	struct cfg_diags local = {0};
	struct core *c;
	int rc, parsed = 0;

	*out = NULL;
	c = xcalloc(1, sizeof *c);
	core_set_lang(c, opts->lang);
	c->privileged = core_privileged();
	c->root_init = opts->create == CORE_CREATE_INIT && getuid() == 0;
	if (open_with_image(c, opts) != 0) {
		rc = cfg_load_flags(opts->config, core_guard_names(),
				    c->privileged ? CFG_ROOT_ONLY : 0, &c->cfg,
				    diags != NULL ? diags : &local, err);
		cfg_diags_free(&local);
		if (rc != 0)
			goto fail;
		parsed = 1;
	}
	if (c->cfg->timezone != NULL && *c->cfg->timezone != '\0') {
		setenv("TZ", c->cfg->timezone, 1);
		tzset();
		zone_gen++;
	}
	rc = resolve_user(c, opts->user, err);
	if (rc == 0)
		rc = check_own_clock(c, err);
	if (rc != 0)
		goto fail;
	if (opts->command != NULL &&
	    (rc = core_may(c, opts->command, err)) != 0)
		goto fail;
	if (c->st == NULL && (rc = open_store(c, opts, err)) != 0)
		goto fail;
	if (parsed)
		save_image(c, opts);
	c->dbdir = xstrdup(opts->db);
	*out = c;
	return 0;
fail:
	core_close(&c);
	return rc;
}

int
core_index_stale(const struct core *c, unsigned long *old)
{
	return store_index_stale(c->st, old);
}

void
core_close(struct core **cp)
{
	struct core *c = *cp;

	if (c == NULL)
		return;
	store_close(&c->st);
	cfg_free(&c->cfg);
	free(c->login);
	free(c->dbdir);
	free(c);
	*cp = NULL;
}

/* The core left to the exit: still reachable, so not a leak to LSan. */
static struct core *left_behind;

void
core_leave(struct core **cp)
{
	struct core *c = *cp;

	if (c == NULL)
		return;
	if (left_behind != NULL) {
		core_close(cp);
		return;
	}
	store_leave(&c->st);
	left_behind = c;
	*cp = NULL;
}

void
core_on_fatal(void (*fn)(void))
{
	store_set_fatal_hook(fn);
}

void
core_set_lang(struct core *c, const char *lang)
{
	c->lang = lang != NULL && strcmp(lang, "zh") == 0 ? "zh" : "en";
	as_lang_set(c->lang);     /* store's messages follow */
}

const struct cfg *
core_cfg(const struct core *c)
{
	return c->cfg;
}

int
core_cfg_compiled(const struct core *c)
{
	return c->compiled;
}

const struct cfg_user *
core_user(const struct core *c)
{
	return c->user;
}

int
core_set_user(struct core *c, const char *login, struct as_err *err)
{
	const struct cfg_user *u;

	if (c->privileged && strcmp(login, core_login(c)) != 0)
		return as_err_set(err, AS_E_IDENTITY, TR(c,
		    "不允许切换用户：以特权（setuid/setgid）运行的 aftersales "
		    "只以您自己的登录名“%s”操作",
		    "switching user is refused: a privileged (setuid or "
		    "setgid) aftersales acts only as your own login \"%s\""),
		    c->login);
	if (!c->cfg->allow_user_override &&
	    strcmp(login, core_login(c)) != 0)
		return as_err_set(err, AS_E_IDENTITY, TR(c,
		    "不允许切换用户：%s 没有设置 allow_user_override",
		    "switching user is refused: %s does not set "
		    "allow_user_override"), c->cfg->path);
	u = cfg_user(c->cfg, login);
	if (u == NULL)
		return as_err_set(err, AS_E_IDENTITY, TR(c,
		    "用户“%s”没有在 %s 中配置",
		    "user \"%s\" is not configured in %s"), login,
		    c->cfg->path);
	c->user = u;
	return 0;
}

void
core_set_clock(struct core *c, int64_t now)
{
	c->clock = now;
}

uint64_t
core_last_txnid(struct core *c)
{
	return store_last_txnid(c->st);
}

void
core_idle(struct core *c)
{
	store_reader_check(c->st);
}

/* Values ------------------------------------------------------------ */

static char *
trim(const char *s)
{
	const char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
			 e[-1] == '\n'))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

static int
parse_int(const char *s, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno == 0 && end != s && *end == '\0';
}

/*
 * A code typed in full width (an input method's full-width mode gives
 * "１３８ ００１３" for a phone): the full-width forms U+FF01..U+FF5E
 * become their ASCII letters, digits and signs and U+3000 a space.  Only
 * for fields with a pattern: a name keeps what was typed.  A new string.
 */
static char *
fold_fullwidth(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	struct as_buf b = {0};
	uint32_t cp;
	char ch;

	buf_add(&b, "", 0);
	while (i < n) {
		k = utf8_next(s + i, n - i, &cp);
		if (cp >= 0xff01 && cp <= 0xff5e) {
			ch = (char)(0x21 + (cp - 0xff01));
			buf_add(&b, &ch, 1);
		} else if (cp == 0x3000)
			buf_add(&b, " ", 1);
		else
			buf_add(&b, s + i, k);
		i += k;
	}
	return b.data;
}

/*
 * A typed number as ASCII: what a Chinese input method types in
 * full-width mode (０-９, ．, ，, －, ＋) becomes 0-9 . , - +, and white
 * space at either end (U+3000 included) goes.  A new string.
 */
static char *
number_ascii(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	struct as_buf b = {0};
	uint32_t cp;
	char ch;

	while (i < n) {
		k = utf8_next(s + i, n - i, &cp);
		if (cp >= 0xff10 && cp <= 0xff19)
			ch = (char)('0' + (cp - 0xff10));
		else if (cp == 0xff0e)
			ch = '.';
		else if (cp == 0xff0c)
			ch = ',';
		else if (cp == 0xff0d)
			ch = '-';
		else if (cp == 0xff0b)
			ch = '+';
		else
			ch = 0;
		if (ch != 0)
			buf_add(&b, &ch, 1);
		else if (!(cp != UTF8_BAD && utf8_space(cp) &&
			   (b.len == 0 || utf8_blank(s + i, n - i))))
			buf_add(&b, s + i, k);
		i += k;
	}
	if (b.data == NULL)
		return xstrdup("");
	return b.data;
}

/*
 * The whole part of a number at *sp: digits, optionally grouped by ","
 * in threes ("1,234,567").  Returns the number of digits (-1: a comma out
 * of place) and moves *sp past them; *v is the value, *over set when it
 * does not fit.
 */
static int
whole_digits(const char **sp, unsigned long long *v, int *over)
{
	const char *s = *sp;
	int digits = 0, group = -1;   /* digits since the last comma */

	*v = 0;
	*over = 0;
	for (;; s++) {
		if (*s >= '0' && *s <= '9') {
			if (*v > (ULLONG_MAX - 9) / 10)
				*over = 1;
			else
				*v = *v * 10 + (unsigned)(*s - '0');
			digits++;
			if (group >= 0 && ++group > 3)
				return -1;
		} else if (*s == ',') {
			if (digits == 0 || (group < 0 && digits > 3) ||
			    (group >= 0 && group != 3))
				return -1;
			group = 0;
		} else
			break;
	}
	if (group >= 0 && group != 3)
		return -1;
	*sp = s;
	return digits;
}

/* A whole number: 0, -1 (not one), -2 (beyond 64 bits). */
static int
parse_whole(const char *s, long long *out)
{
	unsigned long long v;
	int neg = 0, over, d;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if ((d = whole_digits(&s, &v, &over)) <= 0 || *s != '\0')
		return -1;
	if (over || v > (unsigned long long)LLONG_MAX + (unsigned)neg)
		return -2;
	*out = neg ? (long long)(0 - v) : (long long)v;
	return 0;
}

/*
 * "123", "123.4", "-5", "¥1,234.50", "86.5元" -> fen: 0, -1 (not an
 * amount), -2 (beyond 64 bits of fen).
 */
static int
parse_money(const char *s, long long *fen)
{
	unsigned long long yuan = 0, frac = 0;
	size_t n;
	int neg = 0, over = 0, d, nfrac = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (strncmp(s, "\xc2\xa5", 2) == 0)
		s += 2;
	else if (strncmp(s, "\xef\xbf\xa5", 3) == 0)
		s += 3;
	if (!neg && (*s == '-' || *s == '+'))
		neg = *s++ == '-';
	if ((d = whole_digits(&s, &yuan, &over)) < 0)
		return -1;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, nfrac++)
			if (nfrac < 2)
				frac = frac * 10 + (unsigned)(*s - '0');
		if (nfrac > 2 || (nfrac == 0 && d == 0))
			return -1;
	} else if (d == 0)
		return -1;
	n = strlen(s);
	if (n != 0 && strcmp(s, "\xe5\x85\x83") != 0)   /* 元 */
		return -1;
	if (nfrac == 1)
		frac *= 10;
	if (over || yuan > ((unsigned long long)LLONG_MAX - frac) / 100)
		return -2;
	*fen = (long long)(yuan * 100 + frac);
	if (neg)
		*fen = -*fen;
	return 0;
}

/*
 * "YYYY-MM-DD[ HH:MM[:SS]]" in the configured zone -> UTC seconds, of the
 * minute: seconds typed are checked and dropped.
 */
/* The w digits at s into *v: 1; 0 when they are not all digits. */
static int
fixed_digits(const char *s, int w, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < w; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

/*
 * The fields of a time as the program writes it, "YYYY-MM-DD", then
 * " HH:MM" and ":SS" if there, with every digit: what sscanf reads of
 * them, without its cost (a step types a few times; issue 13).  The
 * end of what was read into *end: 1; 0 for any other form.
 */
static int
time_fixed(const char *s, int *y, int *mo, int *d, int *h, int *mi,
	   int *sec, const char **end)
{
	if (!fixed_digits(s, 4, y) || s[4] != '-' ||
	    !fixed_digits(s + 5, 2, mo) || s[7] != '-' ||
	    !fixed_digits(s + 8, 2, d))
		return 0;
	s += 10;
	if (*s == ' ' || *s == 'T') {
		if (!fixed_digits(s + 1, 2, h) || s[3] != ':' ||
		    !fixed_digits(s + 4, 2, mi))
			return 0;
		s += 6;
		if (*s == ':') {
			if (!fixed_digits(s + 1, 2, sec))
				return 0;
			s += 3;
		}
	}
	*end = s;
	return 1;
}

static int
parse_time(const char *s, int with_time, int64_t *out)
{
	struct tm tm;
	int n = 0, y, mo, d, h = 0, mi = 0, sec = 0, k;
	const char *end;

	memset(&tm, 0, sizeof tm);
	if (time_fixed(s, &y, &mo, &d, &h, &mi, &sec, &end)) {
		if (end - s > 10 && !with_time)
			return -1;
		s = end;
		goto read;
	}
	h = mi = sec = 0;
	k = sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n);
	if (k != 3)
		return -1;
	s += n;
	if (*s == ' ' || *s == 'T') {
		if (!with_time)
			return -1;
		n = 0;
		k = sscanf(s + 1, "%2d:%2d%n", &h, &mi, &n);
		if (k != 2)
			return -1;
		s += 1 + n;
		if (*s == ':') {
			n = 0;
			if (sscanf(s + 1, "%2d%n", &sec, &n) != 1)
				return -1;
			s += 1 + n;
		}
	}
read:
	if (*s != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = 0;  /* typed seconds are read but dropped: times are shown,
			   exported and so typed again to the minute */
	tm.tm_isdst = -1;
	*out = (int64_t)mktime(&tm);
	if (tm.tm_mday != d)
		return -1; /* 2026-02-30 */
	return 0;
}

int
core_parse_time(const char *s, int with_time, int64_t *out)
{
	return parse_time(s, with_time, out);
}

static void
list_codes(const struct cfg_codelist *l, struct as_buf *b)
{
	size_t i;

	for (i = 0; i < l->ncodes; i++)
		buf_addf(b, "%s%s (%s)", i ? ", " : "", l->codes[i].id,
			 cfg_text(&l->codes[i].label, "zh", l->codes[i].id));
}

/*
 * Refuse control characters in v: C0 but TAB (and LF in a multiline
 * field), DEL and C1.  An LF in a one-line field says so in words.
 */
static int
check_controls(const struct core *c, const struct cfg_field *f,
	       const char *v, struct as_err *err)
{
	const char *lbl = cfg_text(&f->label, c->lang, f->id);
	size_t n = strlen(v), i = 0, at = 0;
	uint32_t cp;

	while (i < n) {
		i += utf8_next(v + i, n - i, &cp);
		at++;
		if (cp == '\n' && f->type != CFG_T_MULTILINE)
			return as_err_set(err, AS_E_INVALID, TR(c,
			    "%s只能填一行", "%s must be one line"), lbl);
		if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7f ||
		    (cp >= 0x80 && cp <= 0x9f))
			return as_err_set(err, AS_E_INVALID, TR(c,
			    "%s不能包含控制字符；第 %zu 个字符是 U+%04X",
			    "%s cannot hold control characters; character "
			    "%zu is U+%04X"), lbl, at, (unsigned)cp);
	}
	return 0;
}

/* multiline: CR LF -> LF (a lone CR stays, to be refused). */
static void
crlf_to_lf(char *v)
{
	char *w = v;

	for (; *v != '\0'; v++)
		if (!(v[0] == '\r' && v[1] == '\n'))
			*w++ = *v;
	*w = '\0';
}

static void
format_fen(long long n, struct as_buf *b)
{
	unsigned long long a = n < 0 ? 0 - (unsigned long long)n
	    : (unsigned long long)n;

	buf_addf(b, "%s%llu.%02llu", n < 0 ? "-" : "", a / 100, a % 100);
}

static int
out_of_range(const struct core *c, const struct cfg_field *f, const char *v,
	     struct as_err *err)
{
	const char *lbl = cfg_text(&f->label, c->lang, f->id);
	struct as_buf lo = {0}, hi = {0};
	int money = f->type == CFG_T_MONEY;
	long long min = f->has_min ? f->min : LLONG_MIN;
	long long max = f->has_max ? f->max : LLONG_MAX;

	if (money) {
		format_fen(min, &lo);
		format_fen(max, &hi);
	} else {
		buf_addf(&lo, "%lld", min);
		buf_addf(&hi, "%lld", max);
	}
	if (money || (f->has_min && f->has_max) ||
	    (!f->has_min && !f->has_max))
		as_err_set(err, AS_E_INVALID, TR(c,
		    "%s应在 %s 到 %s %s之间；“%s”超出范围",
		    "%s must be between %s and %s%s; \"%s\" is not"),
		    lbl, lo.data, hi.data,
		    money ? TR(c, "元", " yuan") : "", v);
	else if (f->has_min)
		as_err_set(err, AS_E_INVALID, TR(c,
		    "%s不能小于 %s；“%s”超出范围",
		    "%s must be at least %s; \"%s\" is not"),
		    lbl, lo.data, v);
	else
		as_err_set(err, AS_E_INVALID, TR(c,
		    "%s不能大于 %s；“%s”超出范围",
		    "%s must be at most %s; \"%s\" is not"),
		    lbl, hi.data, v);
	buf_free(&lo);
	buf_free(&hi);
	return AS_E_INVALID;
}

/* Whole numbers and money: parsed, overflow-checked, within bounds. */
static int
parse_number(const struct core *c, const struct cfg_field *f, char **vp,
	     struct as_err *err)
{
	char *a = number_ascii(*vp);
	long long n = 0;
	int rc;

	rc = f->type == CFG_T_MONEY ? parse_money(a, &n) : parse_whole(a, &n);
	free(a);
	if (rc == -1)
		return -1;
	if (rc == -2 || (f->has_min && n < f->min) ||
	    (f->has_max && n > f->max))
		return out_of_range(c, f, *vp, err);
	free(*vp);
	*vp = xmalloc(24);
	core_fmt_i64(*vp, (int64_t)n);
	return 0;
}

/*
 * The common case of a text value, in one pass: valid UTF-8 without
 * control characters, nothing to trim, not blank, within maxlen, and for
 * a field with a pattern plain ASCII that matches it.  Then the value is
 * the text as typed, which is what the general path below makes of it;
 * anything else (and every error) is left to that path.  An import parses
 * ten values a row (issue 13).  1 when *out is set.
 */
static int
text_plain(const struct cfg_field *f, const char *typed, char **out)
{
	size_t len, count;
	int ascii;

	if ((f->type != CFG_T_TEXT && f->type != CFG_T_MULTILINE) ||
	    !utf8_plain(typed, &len, &count, &ascii) || len == 0 ||
	    typed[len - 1] == ' ' || (f->maxlen > 0 && count > f->maxlen) ||
	    (f->pattern != NULL && (!ascii || !cfg_pattern_ok(f, typed))))
		return 0;
	*out = xstrndup(typed, len);
	return 1;
}

int
core_parse_value(const struct core *c, const struct cfg_field *f,
		 const char *typed, char **out, struct as_err *err)
{
	const char *lbl;
	char *v;
	int64_t t;
	size_t i, len;
	int rc;

	*out = NULL;
	if (text_plain(f, typed, out))
		return 0;
	lbl = cfg_text(&f->label, c->lang, f->id);
	if (!utf8_valid(typed, strlen(typed)))
		return as_err_set(err, AS_E_INVALID, TR(c,
		    "%s：文字不是有效的 UTF-8 编码",
		    "%s: the text is not valid UTF-8"),
		    cfg_text(&f->label, c->lang, f->id));
	if (f->type == CFG_T_LINES)
		return core_lines_parse(c, f, typed, out, err);
	v = trim(typed);
	if (f->type == CFG_T_MULTILINE)
		crlf_to_lf(v);
	if ((rc = check_controls(c, f, v, err)) != 0) {
		free(v);
		return rc;
	}
	if (utf8_blank(v, strlen(v))) {
		/* nothing but white space, U+3000 included: no value */
		free(v);
		*out = xstrdup("");
		return 0;
	}
	switch (f->type) {
	case CFG_T_TEXT:
	case CFG_T_MULTILINE:
		len = utf8_count(v, strlen(v));
		if (f->maxlen > 0 && len > f->maxlen) {
			as_err_set(err, AS_E_INVALID, TR(c,
			    "%s有 %zu 个字符，最多允许 %zu 个",
			    "%s is %zu characters long; at most %zu are "
			    "allowed"), lbl, len, f->maxlen);
			free(v);
			return AS_E_INVALID;
		}
		if (f->pattern != NULL) {
			char *w = fold_fullwidth(v);

			free(v);
			v = w;
		}
		if (!cfg_pattern_ok(f, v))
			goto bad;
		*out = v;
		return 0;
	case CFG_T_INT:
	case CFG_T_MONEY:
		if ((rc = parse_number(c, f, &v, err)) == -1)
			goto bad;
		if (rc != 0) {
			free(v);
			return rc;
		}
		*out = v;
		return 0;
	case CFG_T_DATE:
	case CFG_T_DATETIME:
		if (parse_time(v, f->type == CFG_T_DATETIME, &t) != 0)
			goto bad;
		free(v);
		*out = xmalloc(24);
		core_fmt_i64(*out, t);
		return 0;
	case CFG_T_ENUM:
		for (i = 0; f->codes != NULL && i < f->codes->ncodes; i++) {
			const struct cfg_code *k = &f->codes->codes[i];

			if (strcmp(v, k->id) == 0 ||
			    (k->label.zh && strcmp(v, k->label.zh) == 0) ||
			    (k->label.en && strcasecmp(v, k->label.en) == 0)) {
				free(v);
				*out = xstrdup(k->id);
				return 0;
			}
		}
		goto bad;
	case CFG_T_REF:
		if (f->ref != NULL && strcmp(f->ref, "user") == 0 &&
		    cfg_user(c->cfg, v) == NULL &&
		    core_user_named(c->cfg, v) != NULL) {
			*out = xstrdup(core_user_named(c->cfg, v)->login);
			free(v);          /* a user by name: stored by login */
			return 0;
		}
		if (f->ref != NULL && strcmp(f->ref, "user") == 0 &&
		    cfg_user(c->cfg, v) == NULL) {
			as_err_set(err, AS_E_INVALID, TR(c,
			    "%s：“%s”不是已配置的用户",
			    "%s: \"%s\" is not a configured user"), lbl, v);
			free(v);
			return AS_E_INVALID;
		}
		if (core_field_links(f)) {
			/* a number as typed: checked in the write txn */
			*out = core_norm_number(v);
			free(v);
			return 0;
		}
		*out = v;
		return 0;
	case CFG_T_UNIT:        /* a unit by id or label (R1 §8.1) */
		for (i = 0; i < c->cfg->nunits; i++) {
			const struct cfg_unit *u = &c->cfg->units[i];

			if (strcmp(v, u->id) == 0 ||
			    (u->label.zh && strcmp(v, u->label.zh) == 0) ||
			    (u->label.en && strcasecmp(v, u->label.en) == 0)) {
				free(v);
				*out = xstrdup(u->id);
				return 0;
			}
		}
		goto bad;
	default:
		*out = v;
		return 0;
	}
bad:
	{
		struct as_buf b = {0};

		switch (f->type) {
		case CFG_T_TEXT:
			if (f->pattern_hint.zh != NULL ||
			    f->pattern_hint.en != NULL)
				buf_adds(&b, cfg_text(&f->pattern_hint,
						      c->lang, ""));
			else
				buf_addf(&b, TR(c, "符合 %s 的文字",
						"text matching %s"),
					 f->pattern);
			break;
		case CFG_T_INT:
			buf_adds(&b, TR(c, "整数", "a whole number"));
			break;
		case CFG_T_MONEY:
			buf_adds(&b, TR(c, "以元为单位的金额，如 120 或 86.50",
					"an amount in yuan such as 120 or 86.50"));
			break;
		case CFG_T_DATE:
			buf_adds(&b, TR(c, "日期 YYYY-MM-DD", "a date YYYY-MM-DD"));
			break;
		case CFG_T_DATETIME:
			buf_adds(&b, TR(c, "时间 YYYY-MM-DD HH:MM",
					"a time YYYY-MM-DD HH:MM"));
			break;
		case CFG_T_ENUM:
			buf_adds(&b, TR(c, "以下之一：", "one of: "));
			if (f->codes != NULL)
				list_codes(f->codes, &b);
			break;
		case CFG_T_UNIT:
			buf_adds(&b, TR(c, "以下单位之一：", "one of the units: "));
			for (i = 0; i < c->cfg->nunits; i++)
				buf_addf(&b, "%s%s", i ? ", " : "",
					 c->cfg->units[i].id);
			break;
		default:
			buf_adds(&b, TR(c, "有效的值", "a valid value"));
			break;
		}
		as_err_set(err, AS_E_INVALID, TR(c,
			   "%s：“%s”无效；应为%s",
			   "%s: \"%s\" is not valid; expected %s"),
			   lbl, v, b.data);
		buf_free(&b);
		free(v);
		return AS_E_INVALID;
	}
}

void
core_format_time(const struct core *c, int64_t t, int with_time,
		 struct as_buf *buf)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[32];

	(void)c;
	localtime_r(&tt, &tm);
	strftime(s, sizeof s, with_time ? "%Y-%m-%d %H:%M" : "%Y-%m-%d", &tm);
	buf_adds(buf, s);
}

void
core_format_value(const struct core *c, const struct cfg_field *f,
		  const char *v, const char *lang, struct as_buf *buf)
{
	const struct cfg_code *k;
	const struct cfg_user *u;
	long long n;

	if (v == NULL || *v == '\0')
		return;
	switch (f->type) {
	case CFG_T_MONEY:
		if (!parse_int(v, &n))
			break;
		format_fen(n, buf);   /* no llabs: LLONG_MIN from old data */
		return;
	case CFG_T_DATE:
	case CFG_T_DATETIME:
		if (!parse_int(v, &n))
			break;
		core_format_time(c, n, f->type == CFG_T_DATETIME, buf);
		return;
	case CFG_T_ENUM:
		k = f->codes != NULL ? cfg_code(f->codes, v) : NULL;
		if (k == NULL)
			break;
		buf_adds(buf, cfg_text(&k->label, lang, k->id));
		return;
	case CFG_T_REF:
		if (f->ref == NULL || strcmp(f->ref, "user") != 0)
			break;
		u = cfg_user(c->cfg, v);
		if (u == NULL || u->name == NULL)
			break;
		buf_adds(buf, u->name);
		return;
	case CFG_T_LINES:
		core_lines_summary(c, f, v, lang, buf);
		return;
	case CFG_T_UNIT:
		if (cfg_unit(c->cfg, v) == NULL)
			break;
		buf_adds(buf, cfg_text(&cfg_unit(c->cfg, v)->label, lang, v));
		return;
	case CFG_T_WARRANTY:
		core_warranty_text(v, lang, buf);
		return;
	case CFG_T_SCORE:
		buf_addf(buf, "%s%%", v);
		return;
	default:
		break;
	}
	buf_adds(buf, v);
}

const struct cfg_rectype *
core_rectype(const struct core *c, const struct store_rec *r)
{
	return cfg_rectype(c->cfg, r->type);
}

const struct cfg_state *
core_state(const struct core *c, const struct store_rec *r)
{
	const struct cfg_rectype *t = core_rectype(c, r);

	return t != NULL ? cfg_state(t, r->state) : NULL;
}
