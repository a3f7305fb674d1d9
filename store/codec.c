/*
 * codec.c - the byte formats of records and history events, and the
 * in-memory records, events and index key sets they decode to.
 *
 * A record is
 *
 *	format (u8)  min-reader (u8)  rev  created  updated
 *	type  id  state  nfields  (key value)*  ext...
 *
 * with unsigned LEB128 varints (canonical: no overlong forms), zigzag for
 * the signed times, and strings as a varint length then the bytes (no NUL
 * inside).  Whatever follows the fields is kept in rec->ext and written
 * back unchanged: a newer program appends its sections there (each
 * self-delimiting, found by tag, since an older program rewrites the
 * record with its own format byte), and bumps min-reader only when an
 * older program could no longer read the record correctly.
 *
 * An event is its content then the SHA-256 of that content:
 *
 *	format (u8)  min-reader (u8)  seq  rec_id  when  who  action
 *	from? to?  rev  nchanges  (field old? new?)*  prev_rec[32]
 *	prev_log[32]  [newer sections]  hash[32]
 *
 * where x? is a byte 0 (absent) or 1 followed by the string.  Events are
 * never rewritten, so the decoder skips what it does not know; the hash
 * still covers it.  The newer sections are each a tag (varint), a length
 * (varint) and that many bytes:
 *
 *	1  the record's type, in the event that created it (so that verify
 *	   can rebuild the whole record from its history; events written
 *	   before it lack it, and verify then does not compare the type)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nettle/sha2.h>

#include "store_int.h"

#define REC_MINREAD 1	/* oldest reader of the records we write */
#define EV_FORMAT 1
#define EV_MINREAD 1
#define EV_SEC_TYPE 1	/* event section: the record type */

struct rd {
	const unsigned char *p;
	size_t n;
	size_t off;
};

static int
rd_u8(struct rd *r, unsigned *v)
{
	if (r->off >= r->n)
		return -1;
	*v = r->p[r->off++];
	return 0;
}

static int
rd_varint_long(struct rd *r, uint64_t *v)
{
	uint64_t x = 0;
	unsigned i, b;

	for (i = 0; i < 10; i++) {
		if (rd_u8(r, &b) != 0)
			return -1;
		if (i == 9 && b > 1)
			return -1;
		x |= (uint64_t)(b & 0x7f) << (7 * i);
		if ((b & 0x80) == 0) {
			if (b == 0 && i > 0)
				return -1;
			*v = x;
			return 0;
		}
	}
	return -1;
}

/* A varint: one byte inline (every field name's length, most values'). */
static inline int
rd_varint(struct rd *r, uint64_t *v)
{
	if (r->off < r->n && r->p[r->off] < 0x80) {
		*v = r->p[r->off++];
		return 0;
	}
	return rd_varint_long(r, v);
}

static int
rd_svarint(struct rd *r, int64_t *v)
{
	uint64_t u;

	if (rd_varint(r, &u) != 0)
		return -1;
	if (u & 1)
		*v = -(int64_t)(u >> 1) - 1;
	else
		*v = (int64_t)(u >> 1);
	return 0;
}

static int
rd_str(struct rd *r, char **s)
{
	uint64_t n;

	if (rd_varint(r, &n) != 0 || n > r->n - r->off)
		return -1;
	if (memchr(r->p + r->off, '\0', (size_t)n) != NULL)
		return -1;
	*s = xstrndup((const char *)r->p + r->off, (size_t)n);
	r->off += (size_t)n;
	return 0;
}

/* Read a string into the arena at *pos (room was reserved by the caller). */
static int
rd_str_at(struct rd *r, char *arena, size_t *pos, char **s)
{
	uint64_t n;

	if (rd_varint(r, &n) != 0 || n > r->n - r->off)
		return -1;
	*s = arena + *pos;
	/* refuse a NUL inside the string (glibc's memccpy is two calls) */
	if (memchr(r->p + r->off, '\0', (size_t)n) != NULL)
		return -1;
	memcpy(*s, r->p + r->off, (size_t)n);
	(*s)[n] = '\0';
	*pos += (size_t)n + 1;
	r->off += (size_t)n;
	return 0;
}

static int
rd_optstr(struct rd *r, char **s)
{
	unsigned flag;

	*s = NULL;
	if (rd_u8(r, &flag) != 0 || flag > 1)
		return -1;
	return flag ? rd_str(r, s) : 0;
}

static int
rd_bytes(struct rd *r, void *dst, size_t n)
{
	if (n > r->n - r->off)
		return -1;
	memcpy(dst, r->p + r->off, n);
	r->off += n;
	return 0;
}

/* "record" or "event" in the message language. */
static const char *
what_text(const char *what)
{
	if (strcmp(what, "record") == 0)
		return AS_TR("记录", "record");
	return AS_TR("事件", "event");
}

/* Read and check the two version bytes; what names the thing for errors. */
static int
rd_versions(struct rd *r, const char *what, struct as_err *err)
{
	unsigned format, minread;

	if (rd_u8(r, &format) != 0 || rd_u8(r, &minread) != 0 ||
	    format == 0 || minread == 0 || minread > format)
		return as_err_set(err, AS_E_CORRUPT, AS_TR("%s数据已损坏：版本头"
		    "不对", "%s data is damaged: bad version header"),
		    what_text(what));
	if (minread > STORE_FORMAT)
		return as_err_set(err, AS_E_VERSION, AS_TR("%s由更新的、不兼容"
		    "的 aftersales 版本写入（需要格式 %u，本程序最多能读 %d）",
		    "%s was written by a newer incompatible version of "
		    "aftersales (it needs format %u, this program reads up "
		    "to %d)"), what_text(what), minread, STORE_FORMAT);
	return 0;
}

static int
corrupt(struct rd *r, const char *what, struct as_err *err)
{
	return as_err_set(err, AS_E_CORRUPT, AS_TR("%s数据已损坏：在第 %zu "
	    "字节（共 %zu）处被截断或无效", "%s data is damaged: truncated "
	    "or invalid at byte %zu of %zu"), what_text(what), r->off, r->n);
}

struct store_rec *
store_rec_new(const char *type, const char *id, const char *state)
{
	struct store_rec *r = xcalloc(1, sizeof *r);

	r->type = xstrdup(type != NULL ? type : "");
	r->id = xstrdup(id != NULL ? id : "");
	r->state = xstrdup(state != NULL ? state : "");
	return r;
}

/* Free a field string unless it lives in the record's decode arena. */
static void
rec_free_str(const struct store_rec *r, char *p)
{
	if (p != NULL && r->arena != NULL && p >= r->arena &&
	    p < r->arena + r->arenalen)
		return;
	free(p);
}

/*
 * store_rec_set allocates a new field's key and value in one block, the
 * value right after the key's NUL: such a value is freed with its key.
 */
static int
val_in_key(const struct store_field *f)
{
	return f->val == f->key + strlen(f->key) + 1;
}

/* Free field i's strings. */
static void
rec_free_field(const struct store_rec *r, size_t i)
{
	if (!val_in_key(&r->fields[i]))
		rec_free_str(r, r->fields[i].val);
	rec_free_str(r, r->fields[i].key);
}

void
store_rec_free(struct store_rec **rp)
{
	struct store_rec *r = *rp;
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nfields; i++)
		rec_free_field(r, i);
	free(r->arena);
	free(r->fields);
	free(r->type);
	free(r->id);
	free(r->state);
	free(r->ext);
	free(r);
	*rp = NULL;
}

struct store_rec *
store_rec_dup(const struct store_rec *r)
{
	struct store_rec *d = store_rec_new(r->type, r->id, r->state);
	size_t i;

	d->rev = r->rev;
	d->created = r->created;
	d->updated = r->updated;
	d->nfields = r->nfields;
	d->fields = xcalloc(r->nfields ? r->nfields : 1, sizeof *d->fields);
	for (i = 0; i < r->nfields; i++) {
		d->fields[i].key = xstrdup(r->fields[i].key);
		d->fields[i].val = xstrdup(r->fields[i].val);
	}
	if (r->extlen > 0) {
		d->ext = xmalloc(r->extlen);
		memcpy(d->ext, r->ext, r->extlen);
		d->extlen = r->extlen;
	}
	return d;
}

const char *
store_rec_get(const struct store_rec *r, const char *key)
{
	size_t i;

	/*
	 * The first two bytes first: most keys differ there, the clocks'
	 * "_due.", "_start.", ... at the second (issue 13).
	 */
	for (i = 0; i < r->nfields; i++) {
		const char *k = r->fields[i].key;

		if (k[0] == key[0] && (k[0] == '\0' || k[1] == key[1]) &&
		    strcmp(k, key) == 0)
			return r->fields[i].val;
	}
	return NULL;
}

void
store_rec_set(struct store_rec *r, const char *key, const char *val)
{
	char *copy;
	size_t i;

	for (i = 0; i < r->nfields; i++) {
		const char *k = r->fields[i].key;

		if (k[0] == key[0] && (k[0] == '\0' || k[1] == key[1]) &&
		    strcmp(k, key) == 0)
			break;
	}
	if (val == NULL) {
		if (i == r->nfields)
			return;
		rec_free_field(r, i);
		memmove(&r->fields[i], &r->fields[i + 1],
		    (r->nfields - i - 1) * sizeof *r->fields);
		r->nfields--;
		return;
	}
	if (i < r->nfields) {
		copy = xstrdup(val);
		if (!val_in_key(&r->fields[i]))
			rec_free_str(r, r->fields[i].val);
		r->fields[i].val = copy;
		return;
	}
	/* room for more fields at once: an import sets twenty (issue 13) */
	if (r->nfields >= r->fieldcap) {
		r->fieldcap = r->nfields < 8 ? 16 : 2 * r->nfields;
		r->fields = xrealloc(r->fields,
		    r->fieldcap * sizeof *r->fields);
	}
	{
		size_t kn = strlen(key) + 1, vn = strlen(val) + 1;

		copy = xmalloc(kn + vn);
		memcpy(copy, key, kn);
		memcpy(copy + kn, val, vn);
		r->fields[r->nfields].key = copy;
		r->fields[r->nfields].val = copy + kn;
	}
	r->nfields++;
}

/*
 * The encoders size their output first and then write it in place: one
 * allocation, no call per byte (an import encodes a record and an event
 * per row, issue 13).  Varints are unsigned LEB128; a string is its
 * length then its bytes; an optional string a byte 0, or 1 and the string.
 */
static size_t
varint_len(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

static size_t
svarint_len(int64_t v)
{
	uint64_t u = (uint64_t)v << 1;

	return varint_len(v < 0 ? ~u : u);
}

static size_t
str_len(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return varint_len(n) + n;
}

static size_t
optstr_len(const char *s)
{
	return 1 + (s != NULL ? str_len(s) : 0);
}

static unsigned char *
w_varint(unsigned char *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*p++ = (unsigned char)v;
	return p;
}

static unsigned char *
w_svarint(unsigned char *p, int64_t v)
{
	uint64_t u = (uint64_t)v << 1;

	return w_varint(p, v < 0 ? ~u : u);
}

static unsigned char *
w_str(unsigned char *p, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	p = w_varint(p, n);
	if (n > 0)
		memcpy(p, s, n);
	return p + n;
}

static unsigned char *
w_optstr(unsigned char *p, const char *s)
{
	*p++ = s != NULL;
	return s != NULL ? w_str(p, s) : p;
}

static unsigned char *
w_bytes(unsigned char *p, const void *s, size_t n)
{
	if (n > 0)
		memcpy(p, s, n);
	return p + n;
}

/* Room for n more bytes in b; where they go. */
static unsigned char *
w_begin(struct as_buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = b->len + n + 1 > 256 ? b->len + n + 1 : 256;
		b->data = xrealloc(b->data, b->cap);
	}
	return (unsigned char *)b->data + b->len;
}

/* The bytes written up to p are b's; NUL after them, as buf_add keeps. */
static void
w_end(struct as_buf *b, unsigned char *p)
{
	b->len = (size_t)(p - (unsigned char *)b->data);
	b->data[b->len] = '\0';
}

/* The length of s and its encoded length (varint and bytes) into *len. */
static size_t
str_len_of(const char *s, size_t *len)
{
	*len = s != NULL ? strlen(s) : 0;
	return varint_len(*len) + *len;
}

/* s of length n, as w_str writes it. */
static unsigned char *
w_strn(unsigned char *p, const char *s, size_t n)
{
	p = w_varint(p, n);
	if (n > 0)
		memcpy(p, s, n);
	return p + n;
}

/* Fields whose lengths the record encoder keeps from sizing to writing. */
#define ENC_LENS 64

void
store_rec_encode(const struct store_rec *r, struct as_buf *out)
{
	size_t lens[2 * ENC_LENS];
	unsigned char *p;
	size_t i, n, kl, vl;

	n = 2 + varint_len(r->rev) + svarint_len(r->created) +
	    svarint_len(r->updated) + str_len(r->type) + str_len(r->id) +
	    str_len(r->state) + varint_len(r->nfields) + r->extlen;
	for (i = 0; i < r->nfields; i++) {
		n += str_len_of(r->fields[i].key, &kl) +
		    str_len_of(r->fields[i].val, &vl);
		if (i < ENC_LENS) {
			lens[2 * i] = kl;
			lens[2 * i + 1] = vl;
		}
	}
	p = w_begin(out, n);
	*p++ = STORE_FORMAT;
	*p++ = REC_MINREAD;
	p = w_varint(p, r->rev);
	p = w_svarint(p, r->created);
	p = w_svarint(p, r->updated);
	p = w_str(p, r->type);
	p = w_str(p, r->id);
	p = w_str(p, r->state);
	p = w_varint(p, r->nfields);
	for (i = 0; i < r->nfields; i++) {
		if (i < ENC_LENS) {
			p = w_strn(p, r->fields[i].key, lens[2 * i]);
			p = w_strn(p, r->fields[i].val, lens[2 * i + 1]);
		} else {
			p = w_str(p, r->fields[i].key);
			p = w_str(p, r->fields[i].val);
		}
	}
	p = w_bytes(p, r->ext, r->extlen);
	w_end(out, p);
}

int
store_rec_decode(const void *p, size_t n, struct store_rec **out,
		 struct as_err *err)
{
	struct rd r = { p, n, 0 };
	struct store_rec *rec;
	uint64_t nf, i;
	size_t pos = 0;
	int rc;

	*out = NULL;
	if ((rc = rd_versions(&r, "record", err)) != 0)
		return rc;
	rec = xcalloc(1, sizeof *rec);
	if (rd_varint(&r, &rec->rev) != 0 ||
	    rd_svarint(&r, &rec->created) != 0 ||
	    rd_svarint(&r, &rec->updated) != 0 ||
	    rd_str(&r, &rec->type) != 0 || rd_str(&r, &rec->id) != 0 ||
	    rd_str(&r, &rec->state) != 0 || rd_varint(&r, &nf) != 0 ||
	    nf > (r.n - r.off) / 2)
		goto bad;
	rec->fields = xcalloc(nf ? (size_t)nf : 1, sizeof *rec->fields);
	/* the strings left fit in what is left of the input, plus NULs */
	rec->arenalen = (r.n - r.off) + 2 * (size_t)nf + 1;
	rec->arena = xmalloc(rec->arenalen);
	for (i = 0; i < nf; i++) {
		struct store_field *f = &rec->fields[i];

		if (rd_str_at(&r, rec->arena, &pos, &f->key) != 0)
			goto bad;
		rec->nfields++;
		if (rd_str_at(&r, rec->arena, &pos, &f->val) != 0)
			goto bad;
	}
	if (r.off < r.n) {
		rec->extlen = r.n - r.off;
		rec->ext = xmalloc(rec->extlen);
		memcpy(rec->ext, r.p + r.off, rec->extlen);
	}
	*out = rec;
	return 0;
bad:
	rc = corrupt(&r, "record", err);
	store_rec_free(&rec);
	return rc;
}

void
store_fields_init(struct store_fields *f, const char *const *id, size_t n)
{
	size_t i;
	unsigned char b;

	f->id = id;
	f->n = n;
	memset(f->first, 0, sizeof f->first);
	for (i = 0; i < n; i++) {
		b = (unsigned char)id[i][0];
		f->first[b >> 3] |= (unsigned char)(1u << (b & 7));
	}
}

/* 1 if the key of length n (> 0) at k is one of want's. */
static int
wanted(const unsigned char *k, size_t n, const struct store_fields *want)
{
	size_t i;

	if ((want->first[k[0] >> 3] & (1u << (k[0] & 7))) == 0)
		return 0;
	for (i = 0; i < want->n; i++)
		if (want->id[i][0] == (char)k[0] && strncmp(want->id[i],
		    (const char *)k, n) == 0 && want->id[i][n] == '\0')
			return 1;
	return 0;
}

int
store_rec_decode_scratch(const void *p, size_t n,
			 const struct store_fields *want,
			 struct store_rec *rec, struct as_err *err)
{
	struct rd r = { p, n, 0 };
	uint64_t nf, i, extlen;
	size_t pos = 0;
	int rc;

	rec->nfields = 0;
	rec->extlen = 0;
	rec->ext = NULL;
	if ((rc = rd_versions(&r, "record", err)) != 0)
		return rc;
	/*
	 * Every string takes at least its length byte in the input, so its
	 * text and its NUL fit in twice the input; the extension is copied
	 * there too.
	 */
	if (rec->arenalen < 2 * n + 1) {
		free(rec->arena);
		rec->arenalen = 2 * n + 1;
		rec->arena = xmalloc(rec->arenalen);
	}
	if (rd_varint(&r, &rec->rev) != 0 ||
	    rd_svarint(&r, &rec->created) != 0 ||
	    rd_svarint(&r, &rec->updated) != 0 ||
	    rd_str_at(&r, rec->arena, &pos, &rec->type) != 0 ||
	    rd_str_at(&r, rec->arena, &pos, &rec->id) != 0 ||
	    rd_str_at(&r, rec->arena, &pos, &rec->state) != 0 ||
	    rd_varint(&r, &nf) != 0 || nf > (r.n - r.off) / 2)
		return corrupt(&r, "record", err);
	if (nf > rec->fieldcap) {
		free(rec->fields);
		rec->fieldcap = (size_t)nf;
		rec->fields = xcalloc(rec->fieldcap, sizeof *rec->fields);
	}
	for (i = 0; i < nf; i++) {
		struct store_field *f = &rec->fields[rec->nfields];
		uint64_t kl, vl;
		size_t at = r.off;

		if (want != NULL) {
			/* a field not wanted: both strings passed over */
			if (rd_varint(&r, &kl) != 0 || kl > r.n - r.off)
				return corrupt(&r, "record", err);
			if (kl == 0 ||
			    !wanted(r.p + r.off, (size_t)kl, want)) {
				r.off += (size_t)kl;
				if (rd_varint(&r, &vl) != 0 ||
				    vl > r.n - r.off)
					return corrupt(&r, "record", err);
				r.off += (size_t)vl;
				continue;
			}
			r.off = at;
		}
		if (rd_str_at(&r, rec->arena, &pos, &f->key) != 0 ||
		    rd_str_at(&r, rec->arena, &pos, &f->val) != 0)
			return corrupt(&r, "record", err);
		rec->nfields++;
	}
	if (r.off < r.n) {
		extlen = r.n - r.off;
		rec->ext = (unsigned char *)rec->arena + pos;
		memcpy(rec->ext, r.p + r.off, (size_t)extlen);
		rec->extlen = (size_t)extlen;
	}
	return 0;
}

void
store_rec_scratch_free(struct store_rec *rec)
{
	free(rec->arena);
	free(rec->fields);
	memset(rec, 0, sizeof *rec);
}

struct store_event *
store_event_new(const char *rec_id, const char *who, const char *action,
		const char *from, const char *to)
{
	struct store_event *e = xcalloc(1, sizeof *e);

	e->rec_id = xstrdup(rec_id != NULL ? rec_id : "");
	e->who = xstrdup(who != NULL ? who : "");
	e->action = xstrdup(action != NULL ? action : "");
	e->from = from != NULL ? xstrdup(from) : NULL;
	e->to = to != NULL ? xstrdup(to) : NULL;
	e->when = (int64_t)time(NULL);
	return e;
}

void
store_event_change(struct store_event *e, const char *field, const char *old,
		   const char *new)
{
	struct store_change *c;

	if (e->nchanges >= e->changecap) {
		e->changecap = e->nchanges < 8 ? 16 : 2 * e->nchanges;
		e->changes = xrealloc(e->changes,
		    e->changecap * sizeof *e->changes);
	}
	c = &e->changes[e->nchanges++];
	/* field, old and new in one block (change_free knows) */
	{
		size_t fn = strlen(field) + 1;
		size_t on = old != NULL ? strlen(old) + 1 : 0;
		size_t nn = new != NULL ? strlen(new) + 1 : 0;
		char *p = xmalloc(fn + on + nn);

		c->field = memcpy(p, field, fn);
		c->old = old != NULL ? memcpy(p + fn, old, on) : NULL;
		c->new = new != NULL ? memcpy(p + fn + on, new, nn) : NULL;
	}
}

/* 1 if s is in c's block: right after the field or its old value. */
static int
in_change_block(const struct store_change *c, const char *s)
{
	const char *end;

	if (s == NULL || c->field == NULL)   /* a change half decoded */
		return 0;
	end = c->field + strlen(c->field) + 1;
	if (s == end)
		return 1;
	return c->old != NULL && c->old == end &&
	    s == c->old + strlen(c->old) + 1;
}

static void
change_free(struct store_change *c)
{
	if (!in_change_block(c, c->new))
		free(c->new);
	if (!in_change_block(c, c->old))
		free(c->old);
	free(c->field);
}

void
store_change_set_new(struct store_change *c, const char *new)
{
	if (!in_change_block(c, c->new))
		free(c->new);
	c->new = new != NULL ? xstrdup(new) : NULL;
}

void
store_event_free(struct store_event **ep)
{
	struct store_event *e = *ep;
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->nchanges; i++)
		change_free(&e->changes[i]);
	free(e->changes);
	free(e->rec_id);
	free(e->who);
	free(e->action);
	free(e->from);
	free(e->to);
	free(e->type);
	free(e);
	*ep = NULL;
}

void
store_event_encode_content(const struct store_event *e, struct as_buf *out)
{
	unsigned char *p;
	size_t i, n, tn = e->type != NULL ? str_len(e->type) : 0;

	n = 2 + varint_len(e->seq) + str_len(e->rec_id) +
	    svarint_len(e->when) + str_len(e->who) + str_len(e->action) +
	    optstr_len(e->from) + optstr_len(e->to) + varint_len(e->rev) +
	    varint_len(e->nchanges) + 2 * STORE_HASH_LEN;
	for (i = 0; i < e->nchanges; i++)
		n += str_len(e->changes[i].field) +
		    optstr_len(e->changes[i].old) +
		    optstr_len(e->changes[i].new);
	if (e->type != NULL)
		n += varint_len(EV_SEC_TYPE) + varint_len(tn) + tn;
	/* and room for the hash that store_hist_append adds */
	p = w_begin(out, n + STORE_HASH_LEN);
	*p++ = EV_FORMAT;
	*p++ = EV_MINREAD;
	p = w_varint(p, e->seq);
	p = w_str(p, e->rec_id);
	p = w_svarint(p, e->when);
	p = w_str(p, e->who);
	p = w_str(p, e->action);
	p = w_optstr(p, e->from);
	p = w_optstr(p, e->to);
	p = w_varint(p, e->rev);
	p = w_varint(p, e->nchanges);
	for (i = 0; i < e->nchanges; i++) {
		p = w_str(p, e->changes[i].field);
		p = w_optstr(p, e->changes[i].old);
		p = w_optstr(p, e->changes[i].new);
	}
	p = w_bytes(p, e->prev_rec, STORE_HASH_LEN);
	p = w_bytes(p, e->prev_log, STORE_HASH_LEN);
	if (e->type != NULL) {
		p = w_varint(p, EV_SEC_TYPE);
		p = w_varint(p, tn);
		p = w_str(p, e->type);
	}
	w_end(out, p);
}

int
store_event_decode(const void *p, size_t n, struct store_event **out,
		   struct as_err *err)
{
	struct rd r = { p, n, 0 };
	struct store_event *e;
	uint64_t nc, i;
	int rc;

	*out = NULL;
	if (n < STORE_HASH_LEN)
		return as_err_set(err, AS_E_CORRUPT, AS_TR("事件数据已损坏："
		    "只有 %zu 字节", "event data is damaged: only %zu bytes"),
		    n);
	r.n = n - STORE_HASH_LEN;
	if ((rc = rd_versions(&r, "event", err)) != 0)
		return rc;
	e = xcalloc(1, sizeof *e);
	if (rd_varint(&r, &e->seq) != 0 || rd_str(&r, &e->rec_id) != 0 ||
	    rd_svarint(&r, &e->when) != 0 || rd_str(&r, &e->who) != 0 ||
	    rd_str(&r, &e->action) != 0 || rd_optstr(&r, &e->from) != 0 ||
	    rd_optstr(&r, &e->to) != 0 || rd_varint(&r, &e->rev) != 0 ||
	    rd_varint(&r, &nc) != 0 || nc > (r.n - r.off) / 3)
		goto bad;
	e->changes = xcalloc(nc ? (size_t)nc : 1, sizeof *e->changes);
	for (i = 0; i < nc; i++) {
		struct store_change *c = &e->changes[i];

		e->nchanges++;
		if (rd_str(&r, &c->field) != 0 || rd_optstr(&r, &c->old) != 0 ||
		    rd_optstr(&r, &c->new) != 0)
			goto bad;
	}
	if (rd_bytes(&r, e->prev_rec, STORE_HASH_LEN) != 0 ||
	    rd_bytes(&r, e->prev_log, STORE_HASH_LEN) != 0)
		goto bad;
	while (r.off < r.n) {   /* newer sections: known ones, skip others */
		uint64_t tag, len;
		size_t end;

		if (rd_varint(&r, &tag) != 0 || rd_varint(&r, &len) != 0 ||
		    len > r.n - r.off)
			goto bad;
		end = r.off + (size_t)len;
		if (tag == EV_SEC_TYPE && e->type == NULL) {
			struct rd sr = { r.p, end, r.off };

			if (rd_str(&sr, &e->type) != 0 || sr.off != end)
				goto bad;
		}
		r.off = end;
	}
	memcpy(e->hash, (const unsigned char *)p + n - STORE_HASH_LEN,
	    STORE_HASH_LEN);
	*out = e;
	return 0;
bad:
	rc = corrupt(&r, "event", err);
	store_event_free(&e);
	return rc;
}

void
store_sha256(const void *p, size_t n, unsigned char out[STORE_HASH_LEN])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, n, p);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

void
store_put_u64(unsigned char b[8], uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		b[i] = (unsigned char)v;
		v >>= 8;
	}
}

uint64_t
store_get_u64(const void *p)
{
	unsigned char b[8];
	uint64_t v = 0;
	int i;

	memcpy(b, p, 8);
	for (i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}

void
store_keys_add(struct store_keys *k, const char *key)
{
	size_t n = strlen(key);

	n = utf8_cut(key, n, STORE_MAXKEY);
	if (n == 0)
		return;
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 8;
		k->v = xrealloc(k->v, k->cap * sizeof *k->v);
	}
	k->v[k->n++] = xstrndup(key, n);
}

void
store_keys_take(struct store_keys *k, char *key)
{
	size_t n = strlen(key);

	n = utf8_cut(key, n, STORE_MAXKEY);
	if (n == 0) {
		free(key);
		return;
	}
	key[n] = '\0';
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 8;
		k->v = xrealloc(k->v, k->cap * sizeof *k->v);
	}
	k->v[k->n++] = key;
}

void
store_keys_addf(struct store_keys *k, const char *fmt, ...)
{
	va_list ap;
	char *key;

	va_start(ap, fmt);
	key = xvasprintf(fmt, ap);
	va_end(ap);
	store_keys_add(k, key);
	free(key);
}

void
store_keys_free(struct store_keys *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		free(k->v[i]);
	free(k->v);
	k->v = NULL;
	k->n = k->cap = 0;
}

/*
 * strcmp's order, the first byte compared here: a record's keys are of
 * a few kinds ("st", "fx", "du", ...) that differ there, and a call for
 * each of some forty comparisons a record written showed (issue 13).
 */
static int
key_cmp(const char *a, const char *b)
{
	if (a[0] != b[0])
		return (unsigned char)a[0] < (unsigned char)b[0] ? -1 : 1;
	return a[0] == '\0' ? 0 : strcmp(a + 1, b + 1);
}

static int
cmp_key(const void *a, const void *b)
{
	return key_cmp(*(char *const *)a, *(char *const *)b);
}

void
store_keys_sort(struct store_keys *k)
{
	size_t i, j;

	if (k->n < 2)
		return;
	if (k->n <= 16) {
		/* a record's ten keys: insertion sort, no qsort set-up */
		for (i = 1; i < k->n; i++) {
			char *x = k->v[i];

			for (j = i; j > 0 && key_cmp(k->v[j - 1], x) > 0; j--)
				k->v[j] = k->v[j - 1];
			k->v[j] = x;
		}
	} else
		qsort(k->v, k->n, sizeof *k->v, cmp_key);
	for (i = 1, j = 0; i < k->n; i++) {
		if (key_cmp(k->v[i], k->v[j]) == 0)
			free(k->v[i]);
		else
			k->v[++j] = k->v[i];
	}
	k->n = j + 1;
}

void
store_rec_keys(struct store *s, const struct store_rec *r,
	       struct store_keys *out)
{
	if (s->index_fn != NULL)
		s->index_fn(r, out, s->index_ctx);
	store_keys_sort(out);
}

char *
store_printable(const char *p, size_t n)
{
	struct as_buf b = {0};
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c < 0x20 || c == 0x7f)
			buf_addf(&b, "\\x%02x", c);
		else
			buf_add(&b, &c, 1);
	}
	if (b.data == NULL)
		buf_add(&b, "", 0);
	return b.data;
}

int
store_id_cmp(const char *a, const char *b)
{
	return store_id_cmpn(a, strlen(a), b, strlen(b));
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* How many bytes a and b share at their start, up to n. */
static size_t
same_prefix(const char *a, const char *b, size_t n)
{
	size_t i = 0;
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x, y;

	/* eight bytes at a time: the first differing byte is the lowest */
	for (; i + 8 <= n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return i + (size_t)__builtin_ctzll(x ^ y) / 8;
	}
#endif
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/*
 * Ids share long prefixes ("C2026-"), so find the first difference with a
 * word-wide scan and apply the natural rule only where it differs: inside
 * a digit run of both, the longer run is the greater number, and runs of
 * one length compare by their first differing digit; where a digit run
 * goes on in one id only, that id's number is the longer; anything else
 * compares byte by byte, as a shorter id before a longer one it begins.
 */
int
store_id_cmpn(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i = same_prefix(a, b, na < nb ? na : nb), ea, eb;
	int da = i < na && is_digit(a[i]), db = i < nb && is_digit(b[i]);

	if (da && db) {
		for (ea = i + 1; ea < na && is_digit(a[ea]); ea++)
			;
		for (eb = i + 1; eb < nb && is_digit(b[eb]); eb++)
			;
		if (ea != eb)
			return ea < eb ? -1 : 1;
		return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
	}
	if (da != db && i > 0 && is_digit(a[i - 1]))
		return da ? 1 : -1;
	if (i == na && i == nb)
		return 0;
	if (i == na)
		return -1;
	if (i == nb)
		return 1;
	return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
}
