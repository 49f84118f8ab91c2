/* The enclave interface language and its generator: a good file and its structure,
 * every error with its exact position, and the four generated files. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "enclave/enclave_int.h"
#include "tap.h"

static char tmpdir[] = "/tmp/sg-idl-XXXXXX";

static const char good_text[] =
	"// a vault\n"
	"trusted {\n"
	"\tint seal(in bytes msg, out bytes[256] blob); /* sealed */\n"
	"\tvoid reset();\r\n"
	"\tint mix(in int a, in string s,\n"
	"\t\tout bytes[32768] big, in bytes in_, out bytes[1] tiny);\n"
	"}\n"
	"/* the host's part\n"
	"   comes next */ untrusted{void log(in string s);int read_file(in string path,"
	"out bytes[4096]buf);}\n";

static int parse(const char *text, struct sg_idl *idl, char *err, size_t errlen)
{
	return sg_idl_parse(text, "t.idl", idl, err, errlen);
}

static int param_is(const struct sg_idl_fn *fn, unsigned i, enum sg_idl_kind kind,
		    const char *name, uint32_t size)
{
	const struct sg_idl_param *p = &fn->params[i];

	return i < fn->nparams && p->kind == kind && strcmp(p->name, name) == 0 &&
	       (kind != SG_IDL_OUT_BYTES || p->size == size);
}

static void good(void)
{
	struct sg_idl idl;
	char err[256];
	const struct sg_idl_fn *t, *u;
	int rc = parse(good_text, &idl, err, sizeof(err));

	tap_ok(rc == 0, "good: parses (%s)", err);
	if (rc)
		return;
	t = idl.trusted;
	u = idl.untrusted;
	tap_ok(idl.ntrusted == 3 && idl.nuntrusted == 2, "good: 3 trusted, 2 untrusted functions");
	tap_ok(strcmp(t[0].name, "seal") == 0 && t[0].returns_int && t[0].nparams == 2 &&
		       t[0].line == 3, "good: seal is int, 2 parameters, line 3");
	tap_ok(param_is(&t[0], 0, SG_IDL_IN_BYTES, "msg", 0) &&
		       param_is(&t[0], 1, SG_IDL_OUT_BYTES, "blob", 256),
	       "good: in bytes msg, out bytes[256] blob");
	tap_ok(strcmp(t[1].name, "reset") == 0 && !t[1].returns_int && t[1].nparams == 0 &&
		       t[1].line == 4, "good: reset is void without parameters (CRLF line)");
	tap_ok(t[2].nparams == 5 && param_is(&t[2], 0, SG_IDL_IN_INT, "a", 0) &&
		       param_is(&t[2], 1, SG_IDL_IN_STRING, "s", 0) &&
		       param_is(&t[2], 2, SG_IDL_OUT_BYTES, "big", 32768) &&
		       param_is(&t[2], 3, SG_IDL_IN_BYTES, "in_", 0) &&
		       param_is(&t[2], 4, SG_IDL_OUT_BYTES, "tiny", 1),
	       "good: mix has every kind, over two lines, sizes 32768 and 1");
	tap_ok(strcmp(u[0].name, "log") == 0 && !u[0].returns_int &&
		       param_is(&u[0], 0, SG_IDL_IN_STRING, "s", 0) && u[0].line == 9,
	       "good: untrusted log(in string s) after a block comment, line 9");
	tap_ok(strcmp(u[1].name, "read_file") == 0 && u[1].returns_int &&
		       param_is(&u[1], 1, SG_IDL_OUT_BYTES, "buf", 4096),
	       "good: read_file without blanks around out bytes[4096]buf");
	sg_idl_free(&idl);
	tap_ok(!idl.trusted && !idl.untrusted && !idl.ntrusted, "good: sg_idl_free clears");

	rc = parse("untrusted { } trusted { int f(out bytes[32762] a, out bytes[32762] b); }",
		   &idl, err, sizeof(err));
	tap_ok(rc == 0 && idl.ntrusted == 1 && idl.nuntrusted == 0,
	       "good: empty untrusted first; responses of exactly 65536 bytes (%s)", err);
	sg_idl_free(&idl);
}

/* Sixteen in int parameters a0..a15, then extra. */
static const char *many_params(const char *extra)
{
	static char buf[512];
	int n = snprintf(buf, sizeof(buf), "trusted { int f(");

	for (int i = 0; i < 16; i++)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "%sin int a%d", i ? ", " : "", i);
	snprintf(buf + n, sizeof(buf) - (size_t)n, "%s); }", extra);
	return buf;
}

static const struct {
	const char *text, *want;
} errors[] = {
	{ "", "t.idl:1:1: no trusted functions" },
	{ "// nothing\nuntrusted { void g(); }\n", "t.idl:1:1: no trusted functions" },
	{ "trusted { }", "t.idl:1:1: no trusted functions" },
	{ "trusted {\n  int f(in int x, in int x);\n}\n", "t.idl:2:26: duplicate parameter 'x'" },
	{ "trusted { int f(in bytes a, in int a_len); }",
	  "t.idl:1:36: duplicate parameter 'a_len' (the length of 'a')" },
	{ "trusted { int f(in int a_len, out bytes[3] a); }",
	  "t.idl:1:44: duplicate parameter 'a_len' (the length of 'a')" },
	{ "trusted {\n\tint f();\n\tvoid f();\n}", "t.idl:3:7: duplicate function 'f'" },
	{ "trusted { int f(); }\nuntrusted { void f(); }", "t.idl:2:18: duplicate function 'f'" },
	{ "trusted { int f(); }\ntrusted { }", "t.idl:2:1: duplicate section 'trusted'" },
	{ "  foo { }", "t.idl:1:3: unknown section 'foo'" },
	{ "{", "t.idl:1:1: expected 'trusted' or 'untrusted' (got '{')" },
	{ "trusted int f();", "t.idl:1:9: expected '{' (got 'int')" },
	{ "trusted { int f(out bytes[0] x); }", "t.idl:1:27: out bytes size must be 1..32768" },
	{ "trusted { int f(out bytes[32769] x); }", "t.idl:1:27: out bytes size must be 1..32768" },
	{ "trusted { int f(out bytes[123456789012345678901234567890] x); }",
	  "t.idl:1:27: out bytes size must be 1..32768" },
	{ "trusted {\n int big(out bytes[32768] a, out bytes[32768] b);\n}",
	  "t.idl:2:6: the responses of 'big' may exceed 65536 bytes" },
	{ "trusted { int f(out bytes[32763] a, out bytes[32762] b); }",
	  "t.idl:1:15: the responses of 'f' may exceed 65536 bytes" },
	{ "trusted { int f(in int x) }", "t.idl:1:27: expected ';' (got '}')" },
	{ "trusted { int f(in int x", "t.idl:1:25: expected ',' or ')' (got end of file)" },
	{ "trusted { int f();", "t.idl:1:19: expected 'int', 'void' or '}' (got end of file)" },
	{ "trusted { /* int f();\n }", "t.idl:1:11: unterminated comment" },
	{ "trusted { int f(); } /*/", "t.idl:1:22: unterminated comment" },
	{ "trusted { int while(); }", "t.idl:1:15: reserved name 'while'" },
	{ "trusted { int f(in int bool); }", "t.idl:1:24: reserved name 'bool'" },
	{ "trusted { int sg_f(); }", "t.idl:1:15: reserved name 'sg_f'" },
	{ "trusted { int f(in string SG_X); }", "t.idl:1:27: reserved name 'SG_X'" },
	{ "trusted { int f(in int size_t); }", "t.idl:1:24: reserved name 'size_t'" },
	{ "trusted { int f(in int __x); }", "t.idl:1:24: reserved name '__x'" },
	{ "trusted { int f(in float x); }",
	  "t.idl:1:20: expected 'int', 'bytes' or 'string' (got 'float')" },
	{ "trusted { int f(inout int x); }",
	  "t.idl:1:17: expected 'in', 'out' or ')' (got 'inout')" },
	{ "trusted { int f(in int x,); }", "t.idl:1:26: expected 'in' or 'out' (got ')')" },
	{ "trusted { int f(in int 3x); }", "t.idl:1:24: expected a parameter name (got '3')" },
	{ "trusted { int f(in int x) @ }", "t.idl:1:27: expected ';' (got '@')" },
	{ "trusted { int f()\x01 }", "t.idl:1:18: expected ';' (got '\\x01')" },
	{ "trusted { long f(); }", "t.idl:1:11: expected 'int', 'void' or '}' (got 'long')" },
	{ "trusted { int (); }", "t.idl:1:15: expected a function name (got '(')" },
	{ "trusted { int f; }", "t.idl:1:16: expected '(' (got ';')" },
	{ "trusted { int f(out int x); }", "t.idl:1:21: expected 'bytes' (got 'int')" },
	{ "trusted { int f(out bytes(4) x); }", "t.idl:1:26: expected '[' (got '(')" },
	{ "trusted { int f(out bytes[x] x); }", "t.idl:1:27: expected a number (got 'x')" },
	{ "trusted { int f(out bytes[4 x); }", "t.idl:1:29: expected ']' (got 'x')" },
	{ "trusted { int f(in string); }", "t.idl:1:26: expected a parameter name (got ')')" },
	{ "trusted {\n  int aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa(); }",
	  "t.idl:2:7: name too long (at most 63 characters)" },
	{ "trusted { int f(); } extraordinarily_long_section_name_that_goes_on_and_on { }",
	  "t.idl:1:22: unknown section 'extraordinarily_long_section_name_that_g...'" },
};

static void bad(void)
{
	struct sg_idl idl;
	char err[256];

	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		int rc = parse(errors[i].text, &idl, err, sizeof(err));

		tap_ok(rc == -EINVAL && !idl.trusted && !idl.untrusted,
		       "error %zu: -EINVAL, nothing kept", i);
		tap_is(err, errors[i].want, errors[i].want);
	}
	tap_is(parse(many_params(""), &idl, err, sizeof(err)) == 0 ? "ok" : err, "ok",
	       "16 parameters are allowed");
	sg_idl_free(&idl);
	parse(many_params(", in int a16"), &idl, err, sizeof(err));
	tap_is(err, "t.idl:1:199: too many parameters (at most 16)", "17 parameters are not");
	tap_ok(parse("trusted { int f(); }", &idl, NULL, 0) == 0, "no error buffer is fine");
	sg_idl_free(&idl);
	tap_ok(parse("trusted {", &idl, NULL, 0) == -EINVAL, "... also for an error");
	parse("trusted { int ok(); } oops", &idl, err, 12);
	tap_is(err, "t.idl:1:23:", "a short error buffer gets a cut message");
}

static char *slurp(const char *name)
{
	char path[256];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		buf[0] = '\0';
	fclose(f);
	return buf;
}

static int gen_files(const struct sg_idl *idl, const char *base)
{
	static const char *const suffix[] = { "host.h", "host.c", "enclave.h", "enclave.c" };
	FILE *f[4];
	char path[256];
	int rc;

	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s_%s", tmpdir, base, suffix[i]);
		f[i] = fopen(path, "w");
		if (!f[i])
			return -errno;
	}
	rc = sg_idl_gen(idl, base, f[0], f[1], f[2], f[3]);
	for (int i = 0; i < 4; i++)
		fclose(f[i]);
	return rc;
}

static void has(const char *text, const char *what, const char *name)
{
	tap_ok(text && strstr(text, what), "gen: %s", name);
	if (text && !strstr(text, what))
		printf("#   missing: %s\n", what);
}

static void gen(void)
{
	static const char *const files[] = {
		"vault_host.h", "vault_host.c", "vault_enclave.h", "vault_enclave.c"
	};
	struct sg_idl idl;
	char err[256];
	char *text[4];
	FILE *null = fopen("/dev/null", "w");

	if (parse(good_text, &idl, err, sizeof(err)) != 0) {
		tap_ok(0, "gen: the good file parses (%s)", err);
		return;
	}
	tap_ok(gen_files(&idl, "vault") == 0, "gen: sg_idl_gen for base vault");
	for (int i = 0; i < 4; i++) {
		text[i] = slurp(files[i]);
		tap_ok(text[i] && strlen(text[i]) > 200, "gen: %s written", files[i]);
	}
	has(text[0], "int vault_ecall_seal(struct sg_enclave *sg_e, int *sg_ret, const void *msg, "
		     "size_t msg_len,\n\tvoid *blob, size_t *blob_len);", "host.h: the ECALL stub");
	has(text[0], "int vault_ecall_reset(struct sg_enclave *sg_e);", "host.h: a void ECALL");
	has(text[0], "int vault_host_read_file(const char *path, void *buf, size_t *buf_len);",
	    "host.h: the untrusted function");
	has(text[0], "void vault_host_log(const char *s);", "host.h: a void untrusted function");
	has(text[0], "int vault_ocall_dispatch(unsigned fn, const void *req, size_t req_len, "
		     "void *resp, size_t cap,\n\tsize_t *len, void *ctx);",
	    "host.h: the dispatcher");
	has(text[1], "#include \"vault_host.h\"", "host.c includes its header");
	has(text[1], "sg_gen_ecall(&sg_c, sg_e, 2);", "host.c: mix is ECALL 2");
	has(text[2], "int vault_enclave_mix(int a, const char *s, void *big, size_t *big_len, "
		     "const void *in_,\n\tsize_t in__len, void *tiny, size_t *tiny_len);",
	    "enclave.h: the trusted function with every kind");
	has(text[2], "void vault_enclave_reset(void);", "enclave.h: a void trusted function");
	has(text[2], "int vault_ocall_read_file(int *sg_ret, const char *path, void *buf, "
		     "size_t *buf_len);", "enclave.h: the OCALL stub");
	has(text[2], "int vault_ocall_log(const char *s);", "enclave.h: a void OCALL");
	has(text[2], "const struct sg_enclave_rt *vault_rt(void);", "enclave.h: vault_rt");
	has(text[3], "#include \"vault_enclave.h\"", "enclave.c includes its header");
	has(text[3], "__attribute__((visibility(\"default\")))\nvoid sg_enclave_init(",
	    "enclave.c: sg_enclave_init is visible");
	has(text[3], "__attribute__((visibility(\"default\")))\nint sg_enclave_dispatch(",
	    "enclave.c: sg_enclave_dispatch is visible");
	has(text[3], "sg_gen_ocall(&sg_c, 1);", "enclave.c: read_file is OCALL 1");
	for (int i = 0; i < 4; i++)
		free(text[i]);

	tap_ok(sg_idl_gen(&idl, "sg_vault", null, null, null, null) == -EINVAL &&
		       sg_idl_gen(&idl, "9lives", null, null, null, null) == -EINVAL &&
		       sg_idl_gen(&idl, "a-b", null, null, null, null) == -EINVAL &&
		       sg_idl_gen(&idl, "", null, null, null, null) == -EINVAL,
	       "gen: a base that is not a C identifier, or starts with sg_, is -EINVAL");
	sg_idl_free(&idl);
	fclose(null);
}

int main(void)
{
	if (!mkdtemp(tmpdir))
		return 1;
	good();
	bad();
	gen();
	printf("1..%d\n", tap_n);
	tap_rmtree(tmpdir);
	return tap_done();
}
