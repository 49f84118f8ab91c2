/* Our policy text format, one statement a line, '#' starts a comment:
 *
 *   default errno ENOSYS
 *   allow read write close
 *   errno EPERM reboot
 *   allow socket if arg0 == AF_INET || arg0 == AF_UNIX
 *   allow ioctl if arg1 & 0xff00 == 0x5400 && arg0 <= 2
 *   include other.policy
 *
 * Actions: allow, errno E, kill (= kill-process), kill-process, kill-thread, trap, log,
 * notify; 'quiet errno E' is an expected answer that jail does not report. Tokens are separated by blanks. '&&' binds tighter than '||'; each '||'
 * alternative becomes a rule of its own. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "core/names.h"
#include "core/policy_int.h"
#include "core/syscalls.h"
#include "core/util.h"

#define MAX_TOKENS 256
#define MAX_ALTS 16
#define MAX_INCLUDE_DEPTH 16

struct incl {
	const char *path; /* canonical, or the name when it has no file */
	const struct incl *up;
};

struct tparse {
	struct policy *p;
	const char *name;
	int line;
	const struct incl *stack;
	char *err;
	size_t errsz;
};

struct tok {
	char *s;
	int col;
};

static const struct {
	const char *name;
	uint64_t value;
} constants[] = {
	{ "AF_UNIX", AF_UNIX },		{ "AF_LOCAL", AF_LOCAL },	{ "AF_INET", AF_INET },
	{ "AF_INET6", AF_INET6 },	{ "AF_NETLINK", AF_NETLINK },	{ "AF_PACKET", AF_PACKET },
	{ "AF_VSOCK", AF_VSOCK },	{ "SOCK_STREAM", SOCK_STREAM }, { "SOCK_DGRAM", SOCK_DGRAM },
	{ "SOCK_RAW", SOCK_RAW },	{ "SOCK_SEQPACKET", SOCK_SEQPACKET },
	{ "O_RDONLY", O_RDONLY },	{ "O_WRONLY", O_WRONLY },	{ "O_RDWR", O_RDWR },
	{ "O_ACCMODE", O_ACCMODE },
};

static const struct {
	const char *name;
	enum policy_act act;
} actions[] = {
	{ "allow", POLICY_ALLOW },	  { "errno", POLICY_ERRNO },
	{ "kill", POLICY_KILL_PROCESS },  { "kill-process", POLICY_KILL_PROCESS },
	{ "kill-thread", POLICY_KILL_THREAD }, { "trap", POLICY_TRAP },
	{ "log", POLICY_LOG },		  { "notify", POLICY_NOTIFY },
};

static const char *const ops[] = {
	[POLICY_EQ] = "==", [POLICY_NE] = "!=", [POLICY_LT] = "<",
	[POLICY_LE] = "<=", [POLICY_GT] = ">",	[POLICY_GE] = ">=",
};

static int terr(struct tparse *t, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int terr(struct tparse *t, int col, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return policy__err(t->err, t->errsz, "%s:%d:%d: %s", t->name, t->line, col, msg);
}

/* Split a line in place into blank-separated tokens, stopping at '#'. */
static int tokenize(char *line, struct tok *tv)
{
	int n = 0;
	char *s = line;

	while (n < MAX_TOKENS) {
		s += strspn(s, " \t\r");
		if (!*s || *s == '#')
			break;
		tv[n].s = s;
		tv[n++].col = (int)(s - line) + 1;
		s += strcspn(s, " \t\r#");
		if (*s == '#')
			*s = '\0';
		else if (*s)
			*s++ = '\0';
	}
	return n;
}

static int parse_action(struct tparse *t, struct tok *tv, int n, int *i, struct policy_action *a)
{
	struct tok *w = &tv[*i];
	bool quiet = strcmp(w->s, "quiet") == 0;

	if (quiet) {
		if (++*i >= n || strcmp(tv[*i].s, "errno") != 0)
			return terr(t, w->col, "'quiet' goes before 'errno E' only (other actions are not reported or must be)");
		w = &tv[*i];
	}
	for (size_t k = 0; k < SG_ARRAY_SIZE(actions); k++) {
		if (strcmp(w->s, actions[k].name) != 0)
			continue;
		a->act = actions[k].act;
		a->err = 0;
		a->quiet = quiet;
		++*i;
		if (a->act != POLICY_ERRNO)
			return 0;
		if (*i >= n)
			return terr(t, w->col + (int)strlen(w->s), "'errno' needs an error name or number");
		a->err = sg_errno_by_name(tv[*i].s);
		if (a->err < 0 || a->err >= 4096)
			return terr(t, tv[*i].col, "unknown errno '%s'", tv[*i].s);
		++*i;
		return 0;
	}
	return terr(t, w->col, "unknown action '%s'", w->s);
}

static int parse_value(struct tparse *t, struct tok *w, uint64_t *v)
{
	long l;

	for (size_t k = 0; k < SG_ARRAY_SIZE(constants); k++) {
		if (strcmp(w->s, constants[k].name) == 0) {
			*v = constants[k].value;
			return 0;
		}
	}
	if (sg_parse_long(w->s, &l) == 0) {
		*v = (uint64_t)l;
		return 0;
	}
	return terr(t, w->col, "bad value '%s' (a number or a known constant)", w->s);
}

static int parse_op(const char *s)
{
	for (size_t k = 0; k < SG_ARRAY_SIZE(ops); k++)
		if (strcmp(s, ops[k]) == 0)
			return (int)k;
	return -1;
}

/* argN OP VALUE, or argN & MASK == VALUE. */
static int parse_cond(struct tparse *t, struct tok *tv, int n, int *i, struct policy_cond *c)
{
	struct tok *w = &tv[*i];
	int op, rc;

	if (strncmp(w->s, "arg", 3) != 0 || w->s[3] < '0' || w->s[3] > '5' || w->s[4])
		return terr(t, w->col, "bad condition: expected arg0..arg5, got '%s'", w->s);
	c->arg = (unsigned)(w->s[3] - '0');
	c->mask = 0;
	if (++*i < n && strcmp(tv[*i].s, "&") == 0) {
		if (++*i >= n)
			return terr(t, tv[*i - 1].col, "bad condition: '&' needs a mask");
		if ((rc = parse_value(t, &tv[*i], &c->mask)))
			return rc;
		if (++*i >= n || strcmp(tv[*i].s, "==") != 0)
			return terr(t, *i < n ? tv[*i].col : w->col, "bad condition: masked test needs '=='");
		op = POLICY_MASKED_EQ;
	} else if (*i >= n || (op = parse_op(tv[*i].s)) < 0) {
		return terr(t, *i < n ? tv[*i].col : w->col, "bad condition: expected an operator after '%s'",
			    w->s);
	}
	c->op = (enum policy_op)op;
	if (++*i >= n)
		return terr(t, tv[*i - 1].col, "bad condition: missing value");
	rc = parse_value(t, &tv[*i], &c->value);
	++*i;
	return rc;
}

struct alts {
	int n;
	struct policy_rule r[MAX_ALTS];
};

/* conj ('||' conj)*, conj = cond ('&&' cond)*. */
static int parse_conds(struct tparse *t, struct tok *tv, int n, int i, struct alts *a)
{
	int rc;

	a->n = 1;
	if (i >= n)
		return terr(t, tv[i - 1].col, "bad condition: 'if' needs a condition");
	for (;;) {
		struct policy_rule *r = &a->r[a->n - 1];
		if (r->ncond == POLICY_MAX_CONDS)
			return terr(t, tv[i].col, "bad condition: more than %d tests joined by '&&'",
				    POLICY_MAX_CONDS);
		if ((rc = parse_cond(t, tv, n, &i, &r->cond[r->ncond++])))
			return rc;
		if (i >= n)
			return 0;
		if (strcmp(tv[i].s, "||") == 0) {
			if (a->n == MAX_ALTS)
				return terr(t, tv[i].col, "more than %d alternatives", MAX_ALTS);
			a->r[a->n++].ncond = 0;
		} else if (strcmp(tv[i].s, "&&") != 0) {
			return terr(t, tv[i].col, "bad condition: expected '&&' or '||', got '%s'", tv[i].s);
		}
		if (++i >= n)
			return terr(t, tv[i - 1].col, "bad condition: missing test after '%s'", tv[i - 1].s);
	}
}

static int check_names(struct tparse *t, struct tok *tv, int from, int to)
{
	for (int k = from; k < to; k++) {
		if (sg_syscall_nr(tv[k].s) >= 0)
			continue;
		const char *hint = sg_syscall_suggest(tv[k].s);
		if (hint)
			return terr(t, tv[k].col, "unknown syscall '%s' (did you mean '%s'?)", tv[k].s, hint);
		return terr(t, tv[k].col, "unknown syscall '%s'", tv[k].s);
	}
	return 0;
}

static int rule_stmt(struct tparse *t, struct tok *tv, int n)
{
	struct alts a;
	struct policy_action act;
	char origin[PATH_MAX + 32];
	int i = 0, first, rc;

	memset(&a, 0, sizeof(a));
	a.n = 1;
	if ((rc = parse_action(t, tv, n, &i, &act)))
		return rc;
	first = i;
	while (i < n && strcmp(tv[i].s, "if") != 0)
		i++;
	if (first == i)
		return terr(t, i < n ? tv[i].col : tv[i - 1].col + (int)strlen(tv[i - 1].s) + 1,
			    "no syscall names after the action");
	if ((rc = check_names(t, tv, first, i)))
		return rc;
	if (i < n && (rc = parse_conds(t, tv, n, i + 1, &a)))
		return rc;
	snprintf(origin, sizeof(origin), "%s:%d", t->name, t->line);
	for (int k = first; k < (i < n ? i : n); k++) {
		for (int j = 0; j < a.n; j++) {
			a.r[j].nr = sg_syscall_nr(tv[k].s);
			a.r[j].action = act;
			a.r[j].origin = origin;
			policy_add_rule(t->p, &a.r[j]);
		}
	}
	return 0;
}

static int parse_buffer(struct policy *p, char *text, const char *name, const struct incl *stack,
			char *err, size_t errsz);

/* Resolve an include relative to the including file's directory. */
static void include_path(const char *from, const char *target, char *out, size_t size)
{
	const char *slash = strrchr(from, '/');

	if (target[0] == '/' || !slash)
		snprintf(out, size, "%s", target);
	else
		snprintf(out, size, "%.*s/%s", (int)(slash - from), from, target);
}

static int include_stmt(struct tparse *t, struct tok *tv, int n)
{
	char path[PATH_MAX], real[PATH_MAX], *text;
	struct incl here;
	size_t len;
	int depth = 0, rc;

	if (n != 2)
		return terr(t, n < 2 ? tv[0].col : tv[2].col, "'include' takes one file name");
	include_path(t->name, tv[1].s, path, sizeof(path));
	if (!realpath(path, real))
		return terr(t, tv[1].col, "cannot include '%s': %s", path, strerror(errno));
	for (const struct incl *s = t->stack; s; s = s->up, depth++)
		if (strcmp(s->path, real) == 0)
			return terr(t, tv[1].col, "include cycle: '%s' is already being read", path);
	if (depth >= MAX_INCLUDE_DEPTH)
		return terr(t, tv[1].col, "includes nested deeper than %d", MAX_INCLUDE_DEPTH);
	if ((rc = sg_read_file(path, &text, &len)))
		return terr(t, tv[1].col, "cannot include '%s': %s", path, strerror(-rc));
	here.path = real;
	here.up = t->stack;
	rc = parse_buffer(t->p, text, path, &here, t->err, t->errsz);
	free(text);
	return rc;
}

static int default_stmt(struct tparse *t, struct tok *tv, int n)
{
	struct policy_action act;
	char origin[PATH_MAX + 32];
	int i = 1, rc;

	if (n < 2)
		return terr(t, tv[0].col + 8, "'default' needs an action");
	if ((rc = parse_action(t, tv, n, &i, &act)))
		return rc;
	if (i < n)
		return terr(t, tv[i].col, "unexpected '%s' after the default action", tv[i].s);
	snprintf(origin, sizeof(origin), "%s:%d", t->name, t->line);
	policy__set_default(t->p, act, origin);
	return 0;
}

static int statement(struct tparse *t, struct tok *tv, int n)
{
	if (strcmp(tv[0].s, "default") == 0)
		return default_stmt(t, tv, n);
	if (strcmp(tv[0].s, "include") == 0)
		return include_stmt(t, tv, n);
	return rule_stmt(t, tv, n);
}

static int parse_buffer(struct policy *p, char *text, const char *name, const struct incl *stack,
			char *err, size_t errsz)
{
	struct tparse t = { .p = p, .name = name, .stack = stack, .err = err, .errsz = errsz };
	struct tok tv[MAX_TOKENS + 1];
	char *line = text, *next;
	int n, rc;

	for (t.line = 1; line; t.line++, line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		memset(tv, 0, sizeof(tv));
		n = tokenize(line, tv);
		if (n == MAX_TOKENS)
			return terr(&t, tv[n - 1].col, "too many words on one line");
		if (n > 0 && (rc = statement(&t, tv, n)))
			return rc;
	}
	return 0;
}

int policy_parse_text(struct policy *p, const char *text, const char *name, char *err, size_t errsz)
{
	char real[PATH_MAX];
	struct incl root = { .path = name };
	char *copy = sg_xstrdup(text);
	int rc;

	if (realpath(name, real))
		root.path = real;
	rc = parse_buffer(p, copy, name, &root, err, errsz);
	free(copy);
	return rc;
}

int policy_load_text(struct policy *p, const char *path, char *err, size_t errsz)
{
	char *text;
	size_t len;
	int rc = sg_read_file(path, &text, &len);

	if (rc)
		return policy__err(err, errsz, "cannot open '%s': %s", path, strerror(-rc)), rc;
	size_t had = p->nrules;
	rc = policy_parse_text(p, text, path, err, errsz);
	free(text);
	/* Nothing allowed and no default said: every call, execve first, would meet
	 * the built-in kill. Far more likely the wrong file. */
	if (rc == 0 && p->nrules == had && !p->def_origin)
		return policy__err(err, errsz,
				   "'%s' has no rule and no default; a policy needs at least "
				   "one (see docs/jail.md)",
				   path),
		       -EINVAL;
	return rc;
}
