/* The interface language of enclave bridges:
 *
 *   trusted   { int seal(in bytes msg, out bytes[256] blob); }
 *   untrusted { void log(in string s); }
 *
 *   file    := section*
 *   section := ('trusted' | 'untrusted') '{' decl* '}'     each at most once
 *   decl    := ('int' | 'void') IDENT '(' [param (',' param)*] ')' ';'
 *   param   := 'in' ('int' | 'bytes' | 'string') IDENT | 'out' 'bytes' '[' NUMBER ']' IDENT
 *
 * A lexer over the text and a recursive-descent parser. Every error is one line with
 * the position of the token at fault: "NAME:LINE:COL: expected X (got 'Y')". */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "enclave/enclave_int.h"

#define NAME_MAX_LEN 63
#define OUT_MAX 32768 /* largest out bytes[N] */
#define GOT_MAX 40    /* token text shown in a message, before "..." */

enum tok_kind { TOK_EOF, TOK_WORD, TOK_NUM, TOK_PUNCT };

struct tok {
	enum tok_kind kind;
	const char *s;
	size_t len;
	unsigned line, col;
};

struct parser {
	const char *name;
	const char *p; /* next byte to lex */
	unsigned line, col; /* position of p */
	struct tok tok; /* current token */
	char *err;
	size_t errlen;
	struct sg_idl *idl;
};

/* Keywords of C17 and C23 (generated code may be built as either; the _Capitalized
 * ones fall under the _X rule of is_reserved), and size_t, which the generated
 * prototypes use next to the parameter names. */
static const char *const reserved[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do", "double",
	"else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
	"register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
	"switch", "typedef", "union", "unsigned", "void", "volatile", "while", "alignas",
	"alignof", "bool", "constexpr", "false", "nullptr", "static_assert", "thread_local",
	"true", "typeof", "typeof_unqual", "size_t",
};

static int perr_at(struct parser *ps, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int perr_at(struct parser *ps, unsigned line, unsigned col, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ps->err && ps->errlen)
		snprintf(ps->err, ps->errlen, "%s:%u:%u: %s", ps->name, line, col, msg);
	return -EINVAL;
}

/* The token as a message shows it: quoted, long ones cut, odd bytes escaped. */
static void tok_text(const struct tok *t, char *buf, size_t size)
{
	unsigned char c = t->len ? (unsigned char)t->s[0] : 0;

	if (t->kind == TOK_EOF)
		snprintf(buf, size, "end of file");
	else if (t->kind == TOK_PUNCT && (c < 0x20 || c >= 0x7f))
		snprintf(buf, size, "'\\x%02x'", c);
	else if (t->len > GOT_MAX)
		snprintf(buf, size, "'%.*s...'", GOT_MAX, t->s);
	else
		snprintf(buf, size, "'%.*s'", (int)t->len, t->s);
}

static int expected(struct parser *ps, const char *what)
{
	char got[GOT_MAX + 8];

	tok_text(&ps->tok, got, sizeof(got));
	return perr_at(ps, ps->tok.line, ps->tok.col, "expected %s (got %s)", what, got);
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void advance(struct parser *ps)
{
	if (*ps->p == '\n') {
		ps->line++;
		ps->col = 1;
	} else {
		ps->col++;
	}
	ps->p++;
}

/* Blanks and comments before the next token. */
static int skip_space(struct parser *ps)
{
	for (;;) {
		const char *p = ps->p;

		if (*p && strchr(" \t\n\r\f\v", *p)) {
			advance(ps);
		} else if (p[0] == '/' && p[1] == '/') {
			while (*ps->p && *ps->p != '\n')
				advance(ps);
		} else if (p[0] == '/' && p[1] == '*') {
			unsigned line = ps->line, col = ps->col;

			advance(ps);
			advance(ps);
			while (*ps->p && !(ps->p[0] == '*' && ps->p[1] == '/'))
				advance(ps);
			if (!*ps->p)
				return perr_at(ps, line, col, "unterminated comment");
			advance(ps);
			advance(ps);
		} else {
			return 0;
		}
	}
}

/* Words are lexed at any length; the parser refuses names that are too long. Any
 * other byte is a token of its own, so a stray one shows up in "expected". */
static int next(struct parser *ps)
{
	struct tok *t = &ps->tok;
	int rc = skip_space(ps);

	if (rc)
		return rc;
	t->s = ps->p;
	t->line = ps->line;
	t->col = ps->col;
	if (!*ps->p) {
		t->kind = TOK_EOF;
	} else if (is_alpha(*ps->p)) {
		t->kind = TOK_WORD;
		while (is_alpha(*ps->p) || is_digit(*ps->p))
			advance(ps);
	} else if (is_digit(*ps->p)) {
		t->kind = TOK_NUM;
		while (is_digit(*ps->p))
			advance(ps);
	} else {
		t->kind = TOK_PUNCT;
		advance(ps);
	}
	t->len = (size_t)(ps->p - t->s);
	return 0;
}

static bool tok_is(const struct tok *t, const char *s)
{
	return t->kind != TOK_EOF && t->len == strlen(s) && memcmp(t->s, s, t->len) == 0;
}

/* Expect the word or punctuation s and move past it. */
static int want(struct parser *ps, const char *s, const char *what)
{
	return tok_is(&ps->tok, s) ? next(ps) : expected(ps, what);
}

/* C keywords would not compile; sg_ (in any case) is the generated code's own prefix,
 * and names starting with __ or _X are reserved to the C implementation. */
static bool is_reserved(const char *s)
{
	if (strncasecmp(s, "sg_", 3) == 0)
		return true;
	if (s[0] == '_' && (s[1] == '_' || (s[1] >= 'A' && s[1] <= 'Z')))
		return true;
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strcmp(s, reserved[i]) == 0)
			return true;
	return false;
}

/* A function or parameter name into out; the token stays current. */
static int get_name(struct parser *ps, const char *what, char out[NAME_MAX_LEN + 1])
{
	const struct tok *t = &ps->tok;

	if (t->kind != TOK_WORD)
		return expected(ps, what);
	if (t->len > NAME_MAX_LEN)
		return perr_at(ps, t->line, t->col, "name too long (at most %d characters)",
			       NAME_MAX_LEN);
	memcpy(out, t->s, t->len);
	out[t->len] = '\0';
	if (is_reserved(out))
		return perr_at(ps, t->line, t->col, "reserved name '%s'", out);
	return 0;
}

static int get_out_size(struct parser *ps, uint32_t *size)
{
	const struct tok *t = &ps->tok;
	unsigned long n = 0;

	if (t->kind != TOK_NUM)
		return expected(ps, "a number");
	for (size_t i = 0; i < t->len && n <= OUT_MAX; i++)
		n = n * 10 + (unsigned long)(t->s[i] - '0');
	if (n < 1 || n > OUT_MAX)
		return perr_at(ps, t->line, t->col, "out bytes size must be 1..%d", OUT_MAX);
	*size = (uint32_t)n;
	return next(ps);
}

static bool has_len(const struct sg_idl_param *p)
{
	return p->kind == SG_IDL_IN_BYTES || p->kind == SG_IDL_OUT_BYTES;
}

/* Parameter names must stay distinct in C too, where bytes x brings x_len along. */
static int check_param_name(struct parser *ps, const struct sg_idl_fn *fn,
			    const struct sg_idl_param *np)
{
	const struct tok *t = &ps->tok;
	char len_name[NAME_MAX_LEN + 8];

	for (unsigned i = 0; i < fn->nparams; i++) {
		const struct sg_idl_param *p = &fn->params[i];

		if (strcmp(p->name, np->name) == 0)
			return perr_at(ps, t->line, t->col, "duplicate parameter '%s'", np->name);
		snprintf(len_name, sizeof(len_name), "%s_len", p->name);
		if (has_len(p) && strcmp(len_name, np->name) == 0)
			return perr_at(ps, t->line, t->col,
				       "duplicate parameter '%s' (the length of '%s')", np->name,
				       p->name);
		snprintf(len_name, sizeof(len_name), "%s_len", np->name);
		if (has_len(np) && strcmp(len_name, p->name) == 0)
			return perr_at(ps, t->line, t->col,
				       "duplicate parameter '%s' (the length of '%s')", p->name,
				       np->name);
	}
	return 0;
}

/* The parameter kind: 'in' TYPE or 'out' 'bytes' '[' N ']'. */
static int parse_kind(struct parser *ps, struct sg_idl_param *p, bool first)
{
	static const struct {
		const char *word;
		enum sg_idl_kind kind;
	} in_kinds[] = {
		{ "int", SG_IDL_IN_INT },
		{ "bytes", SG_IDL_IN_BYTES },
		{ "string", SG_IDL_IN_STRING },
	};
	int rc;

	if (tok_is(&ps->tok, "in")) {
		if ((rc = next(ps)))
			return rc;
		for (size_t i = 0; i < sizeof(in_kinds) / sizeof(in_kinds[0]); i++)
			if (tok_is(&ps->tok, in_kinds[i].word)) {
				p->kind = in_kinds[i].kind;
				return next(ps);
			}
		return expected(ps, "'int', 'bytes' or 'string'");
	}
	if (!tok_is(&ps->tok, "out"))
		return expected(ps, first ? "'in', 'out' or ')'" : "'in' or 'out'");
	p->kind = SG_IDL_OUT_BYTES;
	if ((rc = next(ps)) || (rc = want(ps, "bytes", "'bytes'")) || (rc = want(ps, "[", "'['")) ||
	    (rc = get_out_size(ps, &p->size)))
		return rc;
	return want(ps, "]", "']'");
}

static int parse_param(struct parser *ps, struct sg_idl_fn *fn, bool first)
{
	struct sg_idl_param p = { 0 };
	int rc;

	if (fn->nparams == SG_IDL_MAX_PARAMS)
		return perr_at(ps, ps->tok.line, ps->tok.col, "too many parameters (at most %d)",
			       SG_IDL_MAX_PARAMS);
	if ((rc = parse_kind(ps, &p, first)) || (rc = get_name(ps, "a parameter name", p.name)) ||
	    (rc = check_param_name(ps, fn, &p)))
		return rc;
	fn->params[fn->nparams++] = p;
	return next(ps);
}

static int parse_params(struct parser *ps, struct sg_idl_fn *fn)
{
	int rc = want(ps, "(", "'('");

	if (rc || tok_is(&ps->tok, ")"))
		return rc ? rc : next(ps);
	for (;;) {
		if ((rc = parse_param(ps, fn, fn->nparams == 0)))
			return rc;
		if (tok_is(&ps->tok, ")"))
			return next(ps);
		if ((rc = want(ps, ",", "',' or ')'")))
			return rc;
	}
}

static const struct sg_idl_fn *find_fn(const struct sg_idl *idl, const char *name)
{
	for (size_t i = 0; i < idl->ntrusted; i++)
		if (strcmp(idl->trusted[i].name, name) == 0)
			return &idl->trusted[i];
	for (size_t i = 0; i < idl->nuntrusted; i++)
		if (strcmp(idl->untrusted[i].name, name) == 0)
			return &idl->untrusted[i];
	return NULL;
}

size_t sg_idl_response_max(const struct sg_idl_fn *fn)
{
	size_t n = 4;

	for (unsigned i = 0; i < fn->nparams; i++)
		if (fn->params[i].kind == SG_IDL_OUT_BYTES)
			n += 4 + fn->params[i].size;
	return n;
}

static int add_fn(struct parser *ps, bool trusted, const struct sg_idl_fn *fn)
{
	struct sg_idl *idl = ps->idl;
	struct sg_idl_fn **v = trusted ? &idl->trusted : &idl->untrusted;
	size_t *n = trusted ? &idl->ntrusted : &idl->nuntrusted;
	struct sg_idl_fn *nv = realloc(*v, (*n + 1) * sizeof(**v));

	if (!nv) {
		perr_at(ps, fn->line, 1, "out of memory");
		return -ENOMEM;
	}
	*v = nv;
	nv[(*n)++] = *fn;
	return 0;
}

static int parse_decl(struct parser *ps, bool trusted)
{
	struct sg_idl_fn fn = { 0 };
	struct tok name;
	int rc;

	if (!tok_is(&ps->tok, "int") && !tok_is(&ps->tok, "void"))
		return expected(ps, "'int', 'void' or '}'");
	fn.returns_int = tok_is(&ps->tok, "int");
	if ((rc = next(ps)) || (rc = get_name(ps, "a function name", fn.name)))
		return rc;
	name = ps->tok;
	fn.line = name.line;
	if (find_fn(ps->idl, fn.name))
		return perr_at(ps, name.line, name.col, "duplicate function '%s'", fn.name);
	if ((rc = next(ps)) || (rc = parse_params(ps, &fn)))
		return rc;
	if (sg_idl_response_max(&fn) > SG_ENCLAVE_MSG_MAX)
		return perr_at(ps, name.line, name.col, "the responses of '%s' may exceed %d bytes",
			       fn.name, SG_ENCLAVE_MSG_MAX);
	if ((rc = want(ps, ";", "';'")))
		return rc;
	return add_fn(ps, trusted, &fn);
}

static int parse_section(struct parser *ps, bool seen[2])
{
	const struct tok *t = &ps->tok;
	bool trusted = tok_is(t, "trusted");
	char got[GOT_MAX + 8];
	int rc;

	if (t->kind != TOK_WORD)
		return expected(ps, "'trusted' or 'untrusted'");
	if (!trusted && !tok_is(t, "untrusted")) {
		tok_text(t, got, sizeof(got));
		return perr_at(ps, t->line, t->col, "unknown section %s", got);
	}
	if (seen[trusted])
		return perr_at(ps, t->line, t->col, "duplicate section '%s'",
			       trusted ? "trusted" : "untrusted");
	seen[trusted] = true;
	if ((rc = next(ps)) || (rc = want(ps, "{", "'{'")))
		return rc;
	while (!tok_is(t, "}"))
		if ((rc = parse_decl(ps, trusted)))
			return rc;
	return next(ps);
}

void sg_idl_free(struct sg_idl *idl)
{
	if (!idl)
		return;
	free(idl->trusted);
	free(idl->untrusted);
	memset(idl, 0, sizeof(*idl));
}

int sg_idl_parse(const char *text, const char *name, struct sg_idl *out, char *err,
		 size_t errlen)
{
	struct parser ps = {
		.name = name ? name : "-", .p = text, .line = 1, .col = 1,
		.err = err, .errlen = errlen, .idl = out,
	};
	bool seen[2] = { false, false };
	int rc;

	if (err && errlen)
		err[0] = '\0';
	if (!out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	if (!text)
		return -EINVAL;
	rc = next(&ps);
	while (!rc && ps.tok.kind != TOK_EOF)
		rc = parse_section(&ps, seen);
	if (!rc && !out->ntrusted)
		rc = perr_at(&ps, 1, 1, "no trusted functions");
	if (rc)
		sg_idl_free(out);
	return rc;
}
