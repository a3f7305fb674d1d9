/*
 * print.c - the printed page of a record (print: of its type in the
 * configuration): the complaint's customer opinion form (客户意见处理表,
 * R1 §5.1), the work order's service report (服务报告, R2 §3.3.2) and
 * whatever else a type declares.  The page is 80 columns of UTF-8 text,
 * aligned by display width (a Chinese character is two columns), every
 * value escaped as on any other output (as_esc), with a place for the
 * signature: blanks to fill in by hand until the signature fields are
 * set, then the signer, the time, the comment and the sign code.
 *
 * core_print_page builds the page as text (core never prints);
 * core_print_send hands it to the configured printer command, run with
 * the caller's own rights and no shell.
 */
#include "core_int.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#define PAGE_COLS 80
#define INDENT 2

/* n copies of the character ch into b. */
static void
repeat(struct as_buf *b, char ch, int n)
{
	for (; n > 0; n--)
		buf_add(b, &ch, 1);
}

/* The display width of s. */
static int
width(const char *s)
{
	return utf8_width(s, strlen(s));
}

/* s then spaces up to cols columns. */
static void
padded(struct as_buf *b, const char *s, int cols)
{
	buf_adds(b, s);
	repeat(b, ' ', cols - width(s));
}

/*
 * One line of text s (no LF), wrapped at cols columns: the first piece
 * goes where the caller is, every further one on a new line after
 * indent spaces.  A break falls after the last space that fits, or
 * anywhere (Chinese has no spaces), never inside a character.
 */
static void
wrap(struct as_buf *b, const char *s, int cols, int indent)
{
	size_t len = strlen(s), n, k;
	int first = 1;

	if (cols < 8)
		cols = 8;
	do {
		if (!first) {
			buf_adds(b, "\n");
			repeat(b, ' ', indent);
		}
		first = 0;
		n = utf8_fit(s, cols, NULL);
		if (n == 0 && len > 0)
			n = utf8_next(s, len, &(uint32_t){0});
		if (n < len && s[n] != ' ') {
			for (k = n; k > 0 && s[k - 1] != ' '; k--)
				;
			if (k > 0)
				n = k;
		}
		buf_add(b, s, n);
		while (b->len > 0 && b->data[b->len - 1] == ' ') {
			b->len--;
			b->data[b->len] = '\0';
		}
		s += n;
		len -= n;
		while (*s == ' ') {
			s++;
			len--;
		}
	} while (len > 0);
	buf_adds(b, "\n");
}

/* Stored value v of f as shown in lang, escaped, into a new string. */
static char *
shown(const struct core *c, const struct cfg_field *f, const char *v,
      const char *lang)
{
	struct as_buf t = {0};
	char *e;

	core_format_value(c, f, v, lang, &t);
	e = as_esc_str(t.data != NULL ? t.data : "",
		       f->type == CFG_T_MULTILINE ? AS_ESC_LF : 0);
	buf_free(&t);
	return e;
}

/* A lines value as a table under its label, indented. */
static void
table(const struct core *c, const struct cfg_field *f, const char *v,
      const char *lang, int indent, struct as_buf *b)
{
	struct core_lines l = {0};
	size_t i, j, nc = f->ncolumns;
	int *w, cols;
	char **cell;

	if (core_lines_cells(c, f, v, lang, &l) != 0 || l.n == 0) {
		core_lines_free(&l);
		return;
	}
	w = xcalloc(nc, sizeof *w);
	cell = xcalloc((l.n + 1) * nc, sizeof *cell);
	for (j = 0; j < nc; j++) {
		cell[j] = as_esc_str(cfg_text(&f->columns[j].label, lang,
					      f->columns[j].id), 0);
		w[j] = width(cell[j]);
	}
	for (i = 0; i < l.n; i++)
		for (j = 0; j < nc; j++) {
			char *e = as_esc_str(l.cell[i * nc + j], 0);

			cell[(i + 1) * nc + j] = e;
			if (width(e) > w[j])
				w[j] = width(e);
		}
	for (i = 0; i <= l.n; i++) {
		struct as_buf row = {0};

		for (j = 0; j < nc; j++) {
			const char *s = cell[i * nc + j];
			int right = i > 0 && (f->columns[j].type == CFG_T_INT ||
			    f->columns[j].type == CFG_T_MONEY);

			if (j > 0)
				buf_adds(&row, "  ");
			if (right)
				repeat(&row, ' ', w[j] - width(s));
			if (right || j + 1 == nc)
				buf_adds(&row, s);
			else
				padded(&row, s, w[j]);
		}
		repeat(b, ' ', indent);
		cols = PAGE_COLS - indent;
		wrap(b, row.data != NULL ? row.data : "", cols, indent);
		buf_free(&row);
	}
	for (i = 0; i < (l.n + 1) * nc; i++)
		free(cell[i]);
	free(cell);
	free(w);
	core_lines_free(&l);
}

/* One "label  value" row, the value wrapped under itself. */
static void
row(struct as_buf *b, const char *label, int labelw, const char *value)
{
	int at = INDENT + labelw + 2;
	const char *p = value, *nl;

	repeat(b, ' ', INDENT);
	padded(b, label, labelw + 2);
	if (*p == '\0') {
		while (b->len > 0 && b->data[b->len - 1] == ' ')
			b->data[--b->len] = '\0';
		buf_adds(b, "\n");
		return;
	}
	for (;;) {
		char *line;

		nl = strchr(p, '\n');
		line = nl != NULL ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		wrap(b, line, PAGE_COLS - at, at);
		free(line);
		if (nl == NULL)
			break;
		p = nl + 1;
		repeat(b, ' ', at);
	}
}

/* A section heading: "── 客户 ───…" to the full width. */
static void
heading(struct as_buf *b, const char *label)
{
	char *e = as_esc_str(label, 0);

	buf_adds(b, "\n-- ");
	buf_adds(b, e);
	buf_adds(b, " ");
	repeat(b, '-', PAGE_COLS - 4 - width(e));
	buf_adds(b, "\n");
	free(e);
}

static const char *
flabel(const struct cfg_field *f, const char *lang)
{
	return cfg_text(&f->label, lang, f->id);
}

/* The fields of one section, labels aligned. */
static void
section(const struct core *c, const struct store_rec *r,
	const struct cfg_psection *s, const char *lang, struct as_buf *b)
{
	size_t i;
	int lw = 0;

	heading(b, cfg_text(&s->label, lang, ""));
	for (i = 0; i < s->nfields; i++)
		if (width(flabel(s->fields[i], lang)) > lw)
			lw = width(flabel(s->fields[i], lang));
	for (i = 0; i < s->nfields; i++) {
		const struct cfg_field *f = s->fields[i];
		const char *v = store_rec_get(r, f->id);
		char *e;

		if (f->type == CFG_T_LINES) {
			row(b, flabel(f, lang), lw, "");
			if (v != NULL && *v != '\0')
				table(c, f, v, lang, INDENT + 2, b);
			continue;
		}
		e = shown(c, f, v, lang);
		row(b, flabel(f, lang), lw, e);
		free(e);
	}
}

/*
 * The place for the signature: blanks to fill in by hand until the
 * signer (sign: by) is set, then the signature fields as they are.
 */
static void
sign_block(const struct core *c, const struct store_rec *r,
	   const struct cfg_print *p, const char *lang, struct as_buf *b)
{
	const struct cfg_field *fs[4] = { p->sign_by, p->sign_at,
	    p->sign_comment, p->sign_code };
	const char *by = p->sign_by != NULL ?
	    store_rec_get(r, p->sign_by->id) : NULL;
	int en = strcmp(lang, "en") == 0, lw = 0, n;
	const char *l1, *l2;
	size_t i;

	heading(b, cfg_text(&p->sign_label, lang, en ? "Signature" : "签字"));
	if (by == NULL || *by == '\0') {
		l1 = p->sign_by ? flabel(p->sign_by, lang) :
		    (en ? "Signature" : "签字");
		l2 = p->sign_at ? flabel(p->sign_at, lang) :
		    (en ? "Date" : "日期");
		buf_adds(b, "\n");
		repeat(b, ' ', INDENT);
		buf_adds(b, l1);
		buf_adds(b, en ? ": " : "：");
		n = INDENT + width(l1) + 2;
		repeat(b, '_', 44 - n);
		buf_adds(b, "    ");
		buf_adds(b, l2);
		buf_adds(b, en ? ": " : "：");
		repeat(b, '_', PAGE_COLS - 48 - width(l2) - 2);
		buf_adds(b, "\n");
		if (p->sign_comment != NULL) {
			l1 = flabel(p->sign_comment, lang);
			buf_adds(b, "\n");
			repeat(b, ' ', INDENT);
			buf_adds(b, l1);
			buf_adds(b, en ? ": " : "：");
			repeat(b, '_', PAGE_COLS - INDENT - width(l1) - 2);
			buf_adds(b, "\n");
		}
		return;
	}
	for (i = 0; i < 4; i++)
		if (fs[i] != NULL && width(flabel(fs[i], lang)) > lw)
			lw = width(flabel(fs[i], lang));
	for (i = 0; i < 4; i++) {
		char *e;

		if (fs[i] == NULL || (fs[i] == p->sign_code &&
		    (store_rec_get(r, fs[i]->id) == NULL ||
		     *store_rec_get(r, fs[i]->id) == '\0')))
			continue;       /* the code only once there is one */
		e = shown(c, fs[i], store_rec_get(r, fs[i]->id), lang);
		row(b, flabel(fs[i], lang), lw, e);
		free(e);
	}
}

int
core_print_page(struct core *c, const char *id, const char *lang,
		struct as_buf *out, struct as_err *err)
{
	const struct cfg_rectype *rt;
	const struct cfg_print *p;
	const struct cfg_state *st;
	struct store_rec *r = NULL;
	struct as_buf left = {0}, right = {0};
	char *title, *e;
	size_t i;
	int rc, tw, copy;

	if (lang == NULL)
		lang = c->lang;
	if ((rc = core_get(c, id, &r, err)) != 0)
		return rc;
	rt = core_rectype(c, r);
	if (rt == NULL || rt->print == NULL) {
		rc = as_err_set(err, AS_E_NOTFOUND, TR(c,
		    "%s：%s没有打印格式（配置中的 print:）",
		    "%s: a %s has no print layout (print: in the "
		    "configuration)"), r->id,
		    rt != NULL ? cfg_text(&rt->label, c->lang, rt->id) : r->type);
		store_rec_free(&r);
		return rc;
	}
	p = rt->print;
	st = core_state(c, r);
	for (copy = 1; copy <= (p->copies > 1 ? p->copies : 1); copy++) {
	if (copy > 1)
		buf_adds(out, "\n");
	repeat(out, '=', PAGE_COLS);
	buf_adds(out, "\n");
	title = as_esc_str(cfg_text(&p->title, lang,
				    cfg_text(&rt->label, lang, rt->id)), 0);
	tw = width(title);
	repeat(out, ' ', tw < PAGE_COLS ? (PAGE_COLS - tw) / 2 : 0);
	buf_adds(out, title);
	buf_adds(out, "\n");
	free(title);
	e = as_esc_str(r->id, 0);
	buf_addf(&left, "%s %s   %s %s", strcmp(lang, "en") == 0 ? "No." :
		 "编号", e, strcmp(lang, "en") == 0 ? "State" : "状态",
		 st != NULL ? cfg_text(&st->label, lang, st->id) : r->state);
	free(e);
	if (p->copies > 1)   /* R2 §3.7.2: a receiving note in duplicate */
		buf_addf(&left, strcmp(lang, "en") == 0 ? "   Copy %d of %d" :
		    "   第 %d 联，共 %d 联", copy, p->copies);
	buf_adds(&right, strcmp(lang, "en") == 0 ? "Printed " : "打印 ");
	core_format_time(c, core_now(c), 1, &right);
	buf_adds(out, left.data);
	repeat(out, ' ', PAGE_COLS - width(left.data) - width(right.data));
	buf_adds(out, right.data);
	buf_adds(out, "\n");
	repeat(out, '=', PAGE_COLS);
	buf_adds(out, "\n");
	buf_free(&left);
	buf_free(&right);
	for (i = 0; i < p->nsections; i++)
		section(c, r, &p->sections[i], lang, out);
	if (p->has_sign)
		sign_block(c, r, p, lang, out);
	buf_adds(out, "\n");
	repeat(out, '=', PAGE_COLS);
	buf_adds(out, "\n");
	}
	store_rec_free(&r);
	return 0;
}

int
core_print_send(const struct core *c, const char *page, struct as_err *err)
{
	const struct cfg *cfg = c->cfg;
	struct sigaction ign, old;
	size_t len = strlen(page), off = 0;
	int fd[2], status, dn;
	ssize_t w;
	pid_t pid;

	if (cfg->nprinter == 0)
		return as_err_set(err, AS_E_CONFIG, TR(c,
		    "没有配置打印命令（printer:）",
		    "no printer command is configured (printer:)"));
	if (pipe(fd) != 0)
		return as_err_set(err, -errno, "pipe: %s", strerror(errno));
	if ((pid = fork()) < 0) {
		close(fd[0]);
		close(fd[1]);
		return as_err_set(err, -errno, "fork: %s", strerror(errno));
	}
	if (pid == 0) {
		/* the child: the caller's own rights, the page on stdin,
		   nothing on the terminal the workstation owns */
		char **argv = xcalloc(cfg->nprinter + 1, sizeof *argv);
		size_t i;

		if (core_drop_privilege(NULL) != 0)
			_exit(126);
		dup2(fd[0], STDIN_FILENO);
		close(fd[0]);
		close(fd[1]);
		if ((dn = open("/dev/null", O_WRONLY)) >= 0) {
			dup2(dn, STDOUT_FILENO);
			dup2(dn, STDERR_FILENO);
			if (dn > STDERR_FILENO)
				close(dn);
		}
		for (i = 0; i < cfg->nprinter; i++)
			argv[i] = (char *)cfg->printer[i];
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fd[0]);
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	while (off < len) {
		w = write(fd[1], page + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	close(fd[1]);
	sigaction(SIGPIPE, &old, NULL);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return as_err_set(err, -errno, "waitpid: %s",
					  strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && off == len)
		return 0;
	return as_err_set(err, AS_E_INVALID, TR(c,
	    "打印命令 %s 失败（%s %d）", "the printer command %s failed (%s %d)"),
	    cfg->printer[0], WIFEXITED(status) ? TR(c, "退出码", "exit") :
	    TR(c, "信号", "signal"), WIFEXITED(status) ? WEXITSTATUS(status) :
	    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}
