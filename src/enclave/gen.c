/* Bridge code from an interface: for base "vault", four C files.
 *
 *   vault_host.h/.c     vault_ecall_F() for each trusted F (marshal, sg_enclave_ecall,
 *                       unmarshal), vault_ocall_dispatch() running OCALLs on the host's
 *                       vault_host_G(), written by the host's developer
 *   vault_enclave.h/.c  sg_enclave_init(), vault_rt(), sg_enclave_dispatch() running
 *                       ECALLs on vault_enclave_F(), written by the enclave's developer,
 *                       and vault_ocall_G() for each untrusted G
 *
 * Wire format in enclave.h. The generated functions name their own variables sg_*,
 * which the interface language refuses for parameters, so no user name shadows them;
 * inside a function that has user parameters in scope, only sg_* helpers are called
 * (a parameter named "free" must not hide free()). */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "enclave/enclave_int.h"

#define COLS 100 /* generated lines are wrapped before this column */
#define PART_MAX 160 /* one C parameter, argument or test: up to two 63-character names */

/* The marshalling helpers, once per generated .c file. static inline: an interface
 * that needs no strings (say) leaves helpers unused, without a warning. */
static const char helpers[] =
	"/* Marshalling (the wire format is in enclave.h). Readers and writers keep their first\n"
	" * error, so a run of calls is checked once at its end. */\n"
	"struct sg_gen_wr {\n"
	"\tunsigned char *p;\n"
	"\tsize_t len, cap;\n"
	"\tint err;\n"
	"};\n"
	"\n"
	"struct sg_gen_rd {\n"
	"\tconst unsigned char *p;\n"
	"\tsize_t left;\n"
	"\tint err;\n"
	"};\n"
	"\n"
	"/* A call being made: the request, then room for the largest response. */\n"
	"struct sg_gen_call {\n"
	"\tstruct sg_gen_wr w;\n"
	"\tunsigned char *resp;\n"
	"\tsize_t cap, len;\n"
	"\tstruct sg_gen_rd r;\n"
	"};\n"
	"\n"
	"static inline void sg_gen_fail(int *err, int e)\n"
	"{\n"
	"\tif (!*err)\n"
	"\t\t*err = e;\n"
	"}\n"
	"\n"
	"static inline void sg_gen_put(struct sg_gen_wr *w, const void *src, size_t n)\n"
	"{\n"
	"\tif (w->err || n > w->cap - w->len) {\n"
	"\t\tsg_gen_fail(&w->err, -EMSGSIZE);\n"
	"\t\treturn;\n"
	"\t}\n"
	"\tif (n)\n"
	"\t\tmemcpy(w->p + w->len, src, n);\n"
	"\tw->len += n;\n"
	"}\n"
	"\n"
	"static inline void sg_gen_put_u32(struct sg_gen_wr *w, size_t v)\n"
	"{\n"
	"\tunsigned char b[4];\n"
	"\n"
	"\tif (v > 0xffffffffu)\n"
	"\t\tsg_gen_fail(&w->err, -EMSGSIZE);\n"
	"\tfor (int i = 0; i < 4; i++)\n"
	"\t\tb[i] = (unsigned char)(v >> 8 * i);\n"
	"\tsg_gen_put(w, b, sizeof(b));\n"
	"}\n"
	"\n"
	"static inline void sg_gen_put_int(struct sg_gen_wr *w, int v)\n"
	"{\n"
	"\tsg_gen_put_u32(w, (unsigned)v);\n"
	"}\n"
	"\n"
	"static inline void sg_gen_put_bytes(struct sg_gen_wr *w, const void *p, size_t n)\n"
	"{\n"
	"\tsg_gen_put_u32(w, n);\n"
	"\tsg_gen_put(w, p, n);\n"
	"}\n"
	"\n"
	"/* An out parameter the function filled: more than its max is a malformed response. */\n"
	"static inline void sg_gen_put_out(struct sg_gen_wr *w, const void *p, size_t n,\n"
	"\t\t\t\t  size_t max)\n"
	"{\n"
	"\tif (n > max)\n"
	"\t\tsg_gen_fail(&w->err, -EMSGSIZE);\n"
	"\tsg_gen_put_bytes(w, p, n);\n"
	"}\n"
	"\n"
	"static inline int sg_gen_done(const struct sg_gen_wr *w, size_t *len)\n"
	"{\n"
	"\tif (!w->err)\n"
	"\t\t*len = w->len;\n"
	"\treturn w->err;\n"
	"}\n"
	"\n"
	"static inline const unsigned char *sg_gen_take(struct sg_gen_rd *r, size_t n)\n"
	"{\n"
	"\tconst unsigned char *p = r->p;\n"
	"\n"
	"\tif (r->err || n > r->left) {\n"
	"\t\tsg_gen_fail(&r->err, -EMSGSIZE);\n"
	"\t\treturn NULL;\n"
	"\t}\n"
	"\tr->p += n;\n"
	"\tr->left -= n;\n"
	"\treturn p;\n"
	"}\n"
	"\n"
	"static inline size_t sg_gen_get_u32(struct sg_gen_rd *r)\n"
	"{\n"
	"\tconst unsigned char *b = sg_gen_take(r, 4);\n"
	"\n"
	"\tif (!b)\n"
	"\t\treturn 0;\n"
	"\treturn (size_t)b[0] | (size_t)b[1] << 8 | (size_t)b[2] << 16 | (size_t)b[3] << 24;\n"
	"}\n"
	"\n"
	"static inline int sg_gen_get_int(struct sg_gen_rd *r)\n"
	"{\n"
	"\tsize_t v = sg_gen_get_u32(r);\n"
	"\n"
	"\t/* Two's complement, without an implementation-defined conversion. */\n"
	"\treturn v < 0x80000000u ? (int)v : (int)(v - 0x80000000u) - 0x7fffffff - 1;\n"
	"}\n"
	"\n"
	"/* A void function's result, which is always 0. */\n"
	"static inline void sg_gen_get_void(struct sg_gen_rd *r)\n"
	"{\n"
	"\tif (sg_gen_get_u32(r))\n"
	"\t\tsg_gen_fail(&r->err, -EMSGSIZE);\n"
	"}\n"
	"\n"
	"/* A length of at most max, then that many bytes, left in the message. */\n"
	"static inline const void *sg_gen_get_bytes(struct sg_gen_rd *r, size_t max, size_t *n)\n"
	"{\n"
	"\tsize_t len = sg_gen_get_u32(r);\n"
	"\tconst unsigned char *p;\n"
	"\n"
	"\tif (len > max)\n"
	"\t\tsg_gen_fail(&r->err, -EMSGSIZE);\n"
	"\tp = sg_gen_take(r, len);\n"
	"\t*n = p ? len : 0;\n"
	"\treturn p;\n"
	"}\n"
	"\n"
	"/* A string: a length, then that many bytes with no NUL among them. The callee gets a\n"
	" * NUL-terminated copy, freed after the call. */\n"
	"static inline char *sg_gen_get_str(struct sg_gen_rd *r)\n"
	"{\n"
	"\tsize_t len;\n"
	"\tconst unsigned char *p = sg_gen_get_bytes(r, SG_ENCLAVE_MSG_MAX, &len);\n"
	"\tchar *s;\n"
	"\n"
	"\tif (p && memchr(p, 0, len))\n"
	"\t\tsg_gen_fail(&r->err, -EMSGSIZE);\n"
	"\tif (r->err)\n"
	"\t\treturn NULL;\n"
	"\ts = malloc(len + 1);\n"
	"\tif (!s) {\n"
	"\t\tsg_gen_fail(&r->err, -ENOMEM);\n"
	"\t\treturn NULL;\n"
	"\t}\n"
	"\tmemcpy(s, p, len);\n"
	"\ts[len] = '\\0';\n"
	"\treturn s;\n"
	"}\n"
	"\n"
	"/* The buffer of an out parameter, zeroed: bytes the callee counts in its length but\n"
	" * did not write must not carry stale heap memory across the boundary. */\n"
	"static inline unsigned char *sg_gen_out(struct sg_gen_rd *r, size_t n)\n"
	"{\n"
	"\tunsigned char *p;\n"
	"\n"
	"\tif (r->err)\n"
	"\t\treturn NULL;\n"
	"\tp = calloc(1, n);\n"
	"\tif (!p)\n"
	"\t\tsg_gen_fail(&r->err, -ENOMEM);\n"
	"\treturn p;\n"
	"}\n"
	"\n"
	"/* The end of a message: bytes left over make it malformed. */\n"
	"static inline int sg_gen_end(struct sg_gen_rd *r)\n"
	"{\n"
	"\tif (r->left)\n"
	"\t\tsg_gen_fail(&r->err, -EMSGSIZE);\n"
	"\treturn r->err;\n"
	"}\n"
	"\n"
	"static inline size_t sg_gen_strlen(const char *s)\n"
	"{\n"
	"\treturn strlen(s);\n"
	"}\n"
	"\n"
	"/* Count an input of n bytes and its length into a request size, stopping just above\n"
	" * SG_ENCLAVE_MSG_MAX so that no sum overflows. */\n"
	"static inline void sg_gen_size(size_t *total, size_t n)\n"
	"{\n"
	"\tconst size_t max = SG_ENCLAVE_MSG_MAX;\n"
	"\n"
	"\tif (*total > max || n > max - *total || 4 > max - *total - n)\n"
	"\t\t*total = max + 1;\n"
	"\telse\n"
	"\t\t*total += 4 + n;\n"
	"}\n"
	"\n"
	"static inline int sg_gen_begin(struct sg_gen_call *c, size_t req, size_t cap)\n"
	"{\n"
	"\tmemset(c, 0, sizeof(*c));\n"
	"\tif (req > SG_ENCLAVE_MSG_MAX)\n"
	"\t\treturn -EMSGSIZE;\n"
	"\t/* zeroed: gcc sees an empty request as uninitialized memory passed on */\n"
	"\tc->w.p = calloc(1, req + cap);\n"
	"\tif (!c->w.p)\n"
	"\t\treturn -ENOMEM;\n"
	"\tc->w.cap = req;\n"
	"\tc->resp = c->w.p + req;\n"
	"\tc->cap = cap;\n"
	"\treturn 0;\n"
	"}\n"
	"\n"
	"/* After the call: read its response, or carry its error to sg_gen_end(). */\n"
	"static inline void sg_gen_sent(struct sg_gen_call *c, int rc)\n"
	"{\n"
	"\tif (!rc && c->len > c->cap)\n"
	"\t\trc = -EMSGSIZE;\n"
	"\tc->r.p = c->resp;\n"
	"\tc->r.left = rc ? 0 : c->len;\n"
	"\tc->r.err = rc;\n"
	"}\n"
	"\n"
	"static inline void sg_gen_copy(void *dst, size_t *dst_len, const void *src, size_t n)\n"
	"{\n"
	"\tif (n)\n"
	"\t\tmemcpy(dst, src, n);\n"
	"\t*dst_len = n;\n"
	"}\n"
	"\n"
	"static inline void sg_gen_call_free(struct sg_gen_call *c)\n"
	"{\n"
	"\tfree(c->w.p);\n"
	"}\n";

static const char host_helpers[] =
	"\n"
	"static inline void sg_gen_ecall(struct sg_gen_call *c, struct sg_enclave *e,\n"
	"\t\t\t\tunsigned fn)\n"
	"{\n"
	"\tint rc = c->w.err;\n"
	"\n"
	"\tif (!rc)\n"
	"\t\trc = sg_enclave_ecall(e, fn, c->w.p, c->w.len, c->resp, c->cap, &c->len);\n"
	"\tsg_gen_sent(c, rc);\n"
	"}\n";

static const char enclave_helpers[] =
	"\n"
	"static const struct sg_enclave_rt *sg_gen_rt;\n"
	"\n"
	"static inline void sg_gen_ocall(struct sg_gen_call *c, unsigned fn)\n"
	"{\n"
	"\tint rc = c->w.err;\n"
	"\n"
	"\tif (!rc && (!sg_gen_rt || !sg_gen_rt->ocall))\n"
	"\t\trc = -ENOSYS;\n"
	"\tif (!rc)\n"
	"\t\trc = sg_gen_rt->ocall(fn, c->w.p, c->w.len, c->resp, c->cap, &c->len);\n"
	"\tsg_gen_sent(c, rc);\n"
	"}\n";

static const char visible[] = "__attribute__((visibility(\"default\")))\n";

/* A list of C parameters, arguments or conditions, one per part. */
struct parts {
	char s[2 + 2 * SG_IDL_MAX_PARAMS][PART_MAX];
	size_t n;
};

static void part(struct parts *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void part(struct parts *ps, const char *fmt, ...)
{
	va_list ap;

	if (ps->n == sizeof(ps->s) / sizeof(ps->s[0]))
		return; /* cannot happen: two parts a parameter and two more at most */
	va_start(ap, fmt);
	vsnprintf(ps->s[ps->n++], PART_MAX, fmt, ap);
	va_end(ap);
}

/* The C parameters of an interface function. */
static void user_params(struct parts *ps, const struct sg_idl_fn *fn)
{
	for (unsigned i = 0; i < fn->nparams; i++) {
		const struct sg_idl_param *p = &fn->params[i];

		switch (p->kind) {
		case SG_IDL_IN_INT:
			part(ps, "int %s", p->name);
			break;
		case SG_IDL_IN_BYTES:
			part(ps, "const void *%s", p->name);
			part(ps, "size_t %s_len", p->name);
			break;
		case SG_IDL_IN_STRING:
			part(ps, "const char *%s", p->name);
			break;
		case SG_IDL_OUT_BYTES:
			part(ps, "void *%s", p->name);
			part(ps, "size_t *%s_len", p->name);
			break;
		}
	}
}

/* Columns of s when it starts at col, tabs every 8. */
static size_t cols_after(size_t col, const char *s)
{
	for (; *s; s++)
		col = *s == '\t' ? (col / 8 + 1) * 8 : *s == '\n' ? 0 : col + 1;
	return col;
}

static size_t trailing_blanks(const char *s)
{
	size_t n = strlen(s), k = 0;

	while (k < n && s[n - 1 - k] == ' ')
		k++;
	return k;
}

/* head, the parts joined by sep, tail; a part that would pass COLS goes on a new line
 * starting with cont. An empty list reads "void" (a prototype without parameters). */
static void emit_list(FILE *f, const char *head, const struct parts *ps, const char *sep,
		      const char *cont, const char *tail)
{
	size_t col = cols_after(0, head);

	fputs(head, f);
	if (!ps->n) {
		fputs("void", f);
		col += 4;
	}
	for (size_t i = 0; i < ps->n; i++) {
		size_t len = strlen(ps->s[i]);

		if (i && col + strlen(sep) + len + 2 > COLS) {
			/* the separator ends the line, without its trailing blanks */
			int keep = (int)(strlen(sep) - trailing_blanks(sep));

			fprintf(f, "%.*s\n%s", keep, sep, cont);
			col = cols_after(0, cont);
		} else if (i) {
			fputs(sep, f);
			col += strlen(sep);
		}
		fputs(ps->s[i], f);
		col += len;
	}
	fputs(tail, f);
}

/* Prototypes. ecall: the host's stub; the rest are named by the caller. */
static void proto_stub(FILE *f, const char *base, const struct sg_idl_fn *fn, bool ecall,
		       const char *tail)
{
	struct parts ps = { .n = 0 };
	char head[256];

	if (ecall)
		part(&ps, "struct sg_enclave *sg_e");
	if (fn->returns_int)
		part(&ps, "int *sg_ret");
	user_params(&ps, fn);
	snprintf(head, sizeof(head), "int %s_%s_%s(", base, ecall ? "ecall" : "ocall", fn->name);
	emit_list(f, head, &ps, ", ", "\t", tail);
}

static void proto_impl(FILE *f, const char *base, const struct sg_idl_fn *fn, const char *side)
{
	struct parts ps = { .n = 0 };
	char head[256];

	user_params(&ps, fn);
	snprintf(head, sizeof(head), "%s %s_%s_%s(", fn->returns_int ? "int" : "void", base, side,
		 fn->name);
	emit_list(f, head, &ps, ", ", "\t", ");\n");
}

/* The sg_ocall_fn shape: the host's OCALL dispatcher and the enclave's ECALL one. */
static void proto_dispatch(FILE *f, const char *name, bool ctx, const char *tail)
{
	static const char *const params[] = {
		"unsigned fn", "const void *req", "size_t req_len", "void *resp",
		"size_t cap", "size_t *len", "void *ctx",
	};
	struct parts ps = { .n = 0 };
	char head[128];

	for (size_t i = 0; i < sizeof(params) / sizeof(params[0]) - !ctx; i++)
		part(&ps, "%s", params[i]);
	snprintf(head, sizeof(head), "int %s(", name);
	emit_list(f, head, &ps, ", ", "\t", tail);
}

/* ---- the caller's side: marshal, call, unmarshal ---- */

static void stub_locals(FILE *f, const struct sg_idl_fn *fn)
{
	unsigned ints = 0;

	for (unsigned i = 0; i < fn->nparams; i++)
		ints += fn->params[i].kind == SG_IDL_IN_INT;
	fprintf(f, "\tstruct sg_gen_call sg_c;\n\tsize_t sg_n = %u;\n", 4 * ints);
	for (unsigned i = 0; i < fn->nparams; i++) {
		if (fn->params[i].kind == SG_IDL_IN_STRING)
			fprintf(f, "\tsize_t sg_l%u;\n", i);
		if (fn->params[i].kind == SG_IDL_OUT_BYTES)
			fprintf(f, "\tconst void *sg_o%u;\n\tsize_t sg_o%u_len;\n", i, i);
	}
	fprintf(f, "\tint sg_rc%s;\n\n", fn->returns_int ? ", sg_res" : "");
}

/* NULL where the call needs memory is the caller's bug: -EINVAL, nothing sent. */
static void stub_null_check(FILE *f, const struct sg_idl_fn *fn)
{
	struct parts ps = { .n = 0 };
	unsigned ptrs = 0;

	for (unsigned i = 0; i < fn->nparams; i++)
		ptrs += fn->params[i].kind != SG_IDL_IN_INT;
	for (unsigned i = 0; i < fn->nparams; i++) {
		const char *x = fn->params[i].name;

		if (fn->params[i].kind == SG_IDL_IN_BYTES)
			part(&ps, ptrs > 1 ? "(!%s && %s_len)" : "!%s && %s_len", x, x);
		else if (fn->params[i].kind == SG_IDL_IN_STRING)
			part(&ps, "!%s", x);
		else if (fn->params[i].kind == SG_IDL_OUT_BYTES)
			part(&ps, "!%s || !%s_len", x, x);
	}
	if (ps.n)
		emit_list(f, "\tif (", &ps, " || ", "\t    ", ")\n\t\treturn -EINVAL;\n");
}

static void stub_request(FILE *f, const struct sg_idl_fn *fn, size_t resp_max)
{
	for (unsigned i = 0; i < fn->nparams; i++) {
		const char *x = fn->params[i].name;

		if (fn->params[i].kind == SG_IDL_IN_STRING)
			fprintf(f, "\tsg_l%u = sg_gen_strlen(%s);\n"
				"\tsg_gen_size(&sg_n, sg_l%u);\n", i, x, i);
		else if (fn->params[i].kind == SG_IDL_IN_BYTES)
			fprintf(f, "\tsg_gen_size(&sg_n, %s_len);\n", x);
	}
	fprintf(f, "\tsg_rc = sg_gen_begin(&sg_c, sg_n, %zu);\n\tif (sg_rc)\n\t\treturn sg_rc;\n",
		resp_max);
	for (unsigned i = 0; i < fn->nparams; i++) {
		const char *x = fn->params[i].name;

		if (fn->params[i].kind == SG_IDL_IN_INT)
			fprintf(f, "\tsg_gen_put_int(&sg_c.w, %s);\n", x);
		else if (fn->params[i].kind == SG_IDL_IN_STRING)
			fprintf(f, "\tsg_gen_put_bytes(&sg_c.w, %s, sg_l%u);\n", x, i);
		else if (fn->params[i].kind == SG_IDL_IN_BYTES)
			fprintf(f, "\tsg_gen_put_bytes(&sg_c.w, %s, %s_len);\n", x, x);
	}
}

/* Parse the whole response first: the caller's buffers change only when it is good. */
static void stub_response(FILE *f, const struct sg_idl_fn *fn)
{
	bool outs = false;

	fputs(fn->returns_int ? "\tsg_res = sg_gen_get_int(&sg_c.r);\n"
			      : "\tsg_gen_get_void(&sg_c.r);\n", f);
	for (unsigned i = 0; i < fn->nparams; i++) {
		if (fn->params[i].kind != SG_IDL_OUT_BYTES)
			continue;
		fprintf(f, "\tsg_o%u = sg_gen_get_bytes(&sg_c.r, %u, &sg_o%u_len);\n", i,
			(unsigned)fn->params[i].size, i);
		outs = true;
	}
	fputs("\tsg_rc = sg_gen_end(&sg_c.r);\n", f);
	if (outs || fn->returns_int)
		fputs("\tif (!sg_rc) {\n", f);
	for (unsigned i = 0; i < fn->nparams; i++) {
		const char *x = fn->params[i].name;

		if (fn->params[i].kind == SG_IDL_OUT_BYTES)
			fprintf(f, "\t\tsg_gen_copy(%s, %s_len, sg_o%u, sg_o%u_len);\n", x, x, i,
				i);
	}
	if (fn->returns_int)
		fputs("\t\tif (sg_ret)\n\t\t\t*sg_ret = sg_res;\n", f);
	if (outs || fn->returns_int)
		fputs("\t}\n", f);
	fputs("\tsg_gen_call_free(&sg_c);\n\treturn sg_rc;\n}\n", f);
}


/* vault_ecall_F on the host (ecall), vault_ocall_G in the enclave. */
static void emit_stub(FILE *f, const char *base, const struct sg_idl_fn *fn, size_t idx,
		      bool ecall)
{
	fputc('\n', f);
	proto_stub(f, base, fn, ecall, ")\n{\n");
	stub_locals(f, fn);
	stub_null_check(f, fn);
	stub_request(f, fn, sg_idl_response_max(fn));
	if (ecall)
		fprintf(f, "\tsg_gen_ecall(&sg_c, sg_e, %zu);\n", idx);
	else
		fprintf(f, "\tsg_gen_ocall(&sg_c, %zu);\n", idx);
	stub_response(f, fn);
}

/* ---- the callee's side: unmarshal, call the developer's function, marshal ---- */

static void server_args(FILE *f, const struct sg_idl_fn *fn)
{
	for (unsigned i = 0; i < fn->nparams; i++) {
		unsigned size = (unsigned)fn->params[i].size;

		switch (fn->params[i].kind) {
		case SG_IDL_IN_INT:
			fprintf(f, "\tint sg_p%u = sg_gen_get_int(&sg_r);\n", i);
			break;
		case SG_IDL_IN_BYTES:
			fprintf(f, "\tsize_t sg_p%u_len;\n", i);
			fprintf(f, "\tconst void *sg_p%u = sg_gen_get_bytes(&sg_r, "
				"SG_ENCLAVE_MSG_MAX, &sg_p%u_len);\n", i, i);
			break;
		case SG_IDL_IN_STRING:
			fprintf(f, "\tchar *sg_p%u = sg_gen_get_str(&sg_r);\n", i);
			break;
		case SG_IDL_OUT_BYTES:
			fprintf(f, "\tsize_t sg_p%u_len = %u;\n", i, size);
			fprintf(f, "\tunsigned char *sg_p%u = sg_gen_out(&sg_r, %u);\n", i, size);
			break;
		}
	}
}

static void server_call(FILE *f, const char *base, const struct sg_idl_fn *fn, const char *side)
{
	struct parts ps = { .n = 0 };
	const char *tail;
	char head[256];

	for (unsigned i = 0; i < fn->nparams; i++) {
		part(&ps, "sg_p%u", i);
		if (fn->params[i].kind == SG_IDL_IN_BYTES)
			part(&ps, "sg_p%u_len", i);
		else if (fn->params[i].kind == SG_IDL_OUT_BYTES)
			part(&ps, "&sg_p%u_len", i);
	}
	snprintf(head, sizeof(head), "\t\t%s%s_%s_%s(", fn->returns_int ? "int sg_res = " : "",
		 base, side, fn->name);
	/* a declaration is followed by a blank line */
	tail = fn->returns_int ? ");\n\n" : ");\n";
	if (!ps.n) /* a call, not a prototype: no "void" */
		fprintf(f, "%s%s", head, tail);
	else
		emit_list(f, head, &ps, ", ", "\t\t\t", tail);
}

/* static int sg_gen_tN (trusted, in the enclave) or sg_gen_uN (untrusted, on the host). */
static void emit_server(FILE *f, const char *base, const struct sg_idl_fn *fn, size_t idx,
			bool trusted)
{
	const char *side = trusted ? "enclave" : "host";
	char head[64];

	snprintf(head, sizeof(head), "static int sg_gen_%c%zu(", trusted ? 't' : 'u', idx);
	fprintf(f, "\n/* %zu: %s */\n", idx, fn->name);
	fprintf(f, "%sconst void *sg_req, size_t sg_req_len, void *sg_resp, size_t sg_cap,\n"
		"\tsize_t *sg_len)\n{\n", head);
	fputs("\tstruct sg_gen_rd sg_r = { sg_req, sg_req_len, 0 };\n"
	      "\tstruct sg_gen_wr sg_w = { sg_resp, 0, sg_cap, 0 };\n", f);
	server_args(f, fn);
	fputs("\tint sg_rc = sg_gen_end(&sg_r);\n\n\tif (!sg_rc) {\n", f);
	server_call(f, base, fn, side);
	fprintf(f, "\t\tsg_gen_put_int(&sg_w, %s);\n", fn->returns_int ? "sg_res" : "0");
	for (unsigned i = 0; i < fn->nparams; i++)
		if (fn->params[i].kind == SG_IDL_OUT_BYTES)
			fprintf(f, "\t\tsg_gen_put_out(&sg_w, sg_p%u, sg_p%u_len, %u);\n", i, i,
				(unsigned)fn->params[i].size);
	fputs("\t\tsg_rc = sg_gen_done(&sg_w, sg_len);\n\t}\n", f);
	for (unsigned i = 0; i < fn->nparams; i++)
		if (fn->params[i].kind == SG_IDL_IN_STRING ||
		    fn->params[i].kind == SG_IDL_OUT_BYTES)
			fprintf(f, "\tfree(sg_p%u);\n", i);
	fputs("\treturn sg_rc;\n}\n", f);
}

/* The switch over function numbers; unknown ones are -ENOSYS. */
static void emit_dispatch(FILE *f, const char *name, const struct sg_idl_fn *fns, size_t n,
			  bool trusted)
{
	fputc('\n', f);
	if (trusted)
		fputs(visible, f);
	proto_dispatch(f, name, !trusted, ")\n{\n");
	if (!trusted)
		fputs("\t(void)ctx; /* one dispatcher serves every enclave of the interface */\n",
		      f);
	if (!n) {
		fputs("\t(void)fn;\n\t(void)req;\n\t(void)req_len;\n\t(void)resp;\n\t(void)cap;\n"
		      "\t(void)len;\n\treturn -ENOSYS;\n}\n", f);
		return;
	}
	fputs("\tswitch (fn) {\n", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "\tcase %zu: /* %s */\n"
			"\t\treturn sg_gen_%c%zu(req, req_len, resp, cap, len);\n",
			i, fns[i].name, trusted ? 't' : 'u', i);
	fputs("\t}\n\treturn -ENOSYS;\n}\n", f);
}

/* ---- the four files ---- */

static void emit_banner(FILE *f, const char *base, const char *what)
{
	fprintf(f, "/* Generated by sysgate from an enclave interface: do not edit.\n"
		" * %s of the enclave bridge '%s'. */\n", what, base);
}

static void guard(char *out, size_t size, const char *base, const char *side)
{
	size_t n = (size_t)snprintf(out, size, "SG_GEN_%s_%s_H", base, side);

	for (size_t i = 0; i < n && i < size; i++)
		if (out[i] >= 'a' && out[i] <= 'z')
			out[i] = (char)(out[i] - 'a' + 'A');
}

static void emit_header_top(FILE *f, const char *base, const char *side, const char *what)
{
	char g[160];

	guard(g, sizeof(g), base, side);
	emit_banner(f, base, what);
	fprintf(f, "#ifndef %s\n#define %s\n\n", g, g);
	fputs("#include <stddef.h>\n\n#include \"enclave.h\"\n", f);
}

static void emit_host_h(FILE *f, const struct sg_idl *idl, const char *base)
{
	char name[128];

	emit_header_top(f, base, "host", "Host side");
	fputs("\n/* ECALLs into the enclave sg_e. Each returns 0 with the trusted function's\n"
	      " * result in *sg_ret (when sg_ret is not NULL), or a negative errno: -EMSGSIZE\n"
	      " * for inputs too large for a request or a malformed response, -EINVAL for a\n"
	      " * NULL buffer, or what sg_enclave_ecall() returned. An out bytes[N] x points\n"
	      " * to N bytes; it gets *x_len <= N, and neither changes when the call fails. */\n",
	      f);
	for (size_t i = 0; i < idl->ntrusted; i++)
		proto_stub(f, base, &idl->trusted[i], true, ");\n");
	if (idl->nuntrusted)
		fputs("\n/* The untrusted functions, which the host's developer writes; the\n"
		      " * enclave calls them through OCALLs. An out bytes[N] x points to N\n"
		      " * bytes and *x_len starts at N: set it to the length written. */\n", f);
	for (size_t i = 0; i < idl->nuntrusted; i++)
		proto_impl(f, base, &idl->untrusted[i], "host");
	fputs("\n/* Runs the enclave's OCALLs: pass it as sg_enclave_opts.ocall. */\n", f);
	snprintf(name, sizeof(name), "%s_ocall_dispatch", base);
	proto_dispatch(f, name, true, ");\n");
	fputs("\n#endif\n", f);
}

static void emit_enclave_h(FILE *f, const struct sg_idl *idl, const char *base)
{
	emit_header_top(f, base, "enclave", "Enclave side");
	fputs("\n/* The trusted functions, which the enclave's developer writes; the host calls\n"
	      " * them through ECALLs. An out bytes[N] x points to N zeroed bytes and *x_len\n"
	      " * starts at N: set it to the length written. */\n", f);
	for (size_t i = 0; i < idl->ntrusted; i++)
		proto_impl(f, base, &idl->trusted[i], "enclave");
	if (idl->nuntrusted)
		fputs("\n/* OCALLs to the host's untrusted functions, with the conventions of\n"
		      " * the host's ECALLs: 0 with the result in *sg_ret (when not NULL), or a\n"
		      " * negative errno. */\n", f);
	for (size_t i = 0; i < idl->nuntrusted; i++)
		proto_stub(f, base, &idl->untrusted[i], false, ");\n");
	fprintf(f, "\n/* What the runtime gives the trusted code (seal, unseal, random); NULL\n"
		" * before sg_enclave_init(). */\n");
	fprintf(f, "const struct sg_enclave_rt *%s_rt(void);\n", base);
	fprintf(f, "\n/* The entry points the runtime finds with dlsym(). */\n%s"
		"void sg_enclave_init(const struct sg_enclave_rt *rt);\n%s", visible, visible);
	proto_dispatch(f, "sg_enclave_dispatch", false, ");\n");
	fputs("\n#endif\n", f);
}

static void emit_c_top(FILE *f, const char *base, const char *side, const char *what)
{
	emit_banner(f, base, what);
	fprintf(f, "#include <errno.h>\n#include <stdlib.h>\n#include <string.h>\n\n"
		"#include \"%s_%s.h\"\n\n", base, side);
	fputs(helpers, f);
}

static void emit_host_c(FILE *f, const struct sg_idl *idl, const char *base)
{
	char name[128];

	emit_c_top(f, base, "host", "Host side");
	fputs(host_helpers, f);
	for (size_t i = 0; i < idl->ntrusted; i++)
		emit_stub(f, base, &idl->trusted[i], i, true);
	for (size_t i = 0; i < idl->nuntrusted; i++)
		emit_server(f, base, &idl->untrusted[i], i, false);
	snprintf(name, sizeof(name), "%s_ocall_dispatch", base);
	emit_dispatch(f, name, idl->untrusted, idl->nuntrusted, false);
}

static void emit_enclave_c(FILE *f, const struct sg_idl *idl, const char *base)
{
	emit_c_top(f, base, "enclave", "Enclave side");
	fputs(enclave_helpers, f);
	fprintf(f, "\n%svoid sg_enclave_init(const struct sg_enclave_rt *rt)\n{\n"
		"\tsg_gen_rt = rt;\n}\n", visible);
	fprintf(f, "\nconst struct sg_enclave_rt *%s_rt(void)\n{\n\treturn sg_gen_rt;\n}\n", base);
	for (size_t i = 0; i < idl->ntrusted; i++)
		emit_server(f, base, &idl->trusted[i], i, true);
	emit_dispatch(f, "sg_enclave_dispatch", idl->trusted, idl->ntrusted, true);
	for (size_t i = 0; i < idl->nuntrusted; i++)
		emit_stub(f, base, &idl->untrusted[i], i, false);
}

/* base prefixes every public name: a C identifier, and not sg_ (the helpers' prefix). */
static bool base_ok(const char *base)
{
	size_t n = base ? strlen(base) : 0;

	if (n == 0 || n > 63 || strncasecmp(base, "sg_", 3) == 0)
		return false;
	if (base[0] >= '0' && base[0] <= '9')
		return false;
	return strspn(base, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == n;
}

int sg_idl_gen(const struct sg_idl *idl, const char *base, FILE *host_h, FILE *host_c,
	       FILE *encl_h, FILE *encl_c)
{
	if (!idl || !base_ok(base) || !host_h || !host_c || !encl_h || !encl_c)
		return -EINVAL;
	emit_host_h(host_h, idl, base);
	emit_host_c(host_c, idl, base);
	emit_enclave_h(encl_h, idl, base);
	emit_enclave_c(encl_c, idl, base);
	if (ferror(host_h) || ferror(host_c) || ferror(encl_h) || ferror(encl_c))
		return -EIO;
	return 0;
}
