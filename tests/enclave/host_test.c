/* The host of tests/enclave_gen.t: the untrusted functions of vault.idl, a fake
 * runtime that runs the enclave in-process (sg_enclave_ecall calls the enclave's
 * sg_enclave_dispatch, found with dlsym as the runtime does; rt->ocall calls
 * vault_ocall_dispatch), and checks printed as "ok - ..." or "not ok - ...".
 * usage: host_test ENCLAVE.so */
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vault_host.h"

struct sg_enclave {
	int unused;
};

typedef int (*dispatch_fn)(unsigned fn, const void *req, size_t req_len, void *resp,
			   size_t cap, size_t *len);

/* How the fake runtime spoils a response, to check the bridges refuse it. */
enum spoil { SPOIL_NONE, SPOIL_TRUNCATE, SPOIL_TRAILING, SPOIL_OVER_CAP, SPOIL_REPLACE,
	     SPOIL_FAIL };

static dispatch_fn enclave_dispatch;
static enum spoil ecall_spoil, ocall_spoil;
static unsigned char replacement[64];
static size_t replacement_len;
static unsigned ecalls, ticks;
static size_t last_req_len;
static char last_note[80];
static int failed;

static void check(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok - ", cond ? "" : "not ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failed += !cond;
}

static void spoil(enum spoil how, void *resp, size_t cap, size_t *len, int *rc)
{
	switch (how) {
	case SPOIL_NONE:
		break;
	case SPOIL_TRUNCATE:
		*len -= 1;
		break;
	case SPOIL_TRAILING:
		if (*len < cap)
			((unsigned char *)resp)[(*len)++] = 0;
		break;
	case SPOIL_OVER_CAP:
		*len = cap + 1;
		break;
	case SPOIL_REPLACE:
		memcpy(resp, replacement, replacement_len);
		*len = replacement_len;
		break;
	case SPOIL_FAIL:
		*rc = -EPIPE;
		break;
	}
}

int sg_enclave_ecall(struct sg_enclave *e, unsigned fn, const void *req, size_t req_len,
		     void *resp, size_t cap, size_t *len)
{
	int rc;

	(void)e;
	ecalls++;
	last_req_len = req_len;
	rc = enclave_dispatch(fn, req, req_len, resp, cap, len);
	if (!rc)
		spoil(ecall_spoil, resp, cap, len, &rc);
	return rc;
}

static int fake_ocall(unsigned fn, const void *req, size_t req_len, void *resp, size_t cap,
		      size_t *len)
{
	int rc = vault_ocall_dispatch(fn, req, req_len, resp, cap, len, NULL);

	if (!rc)
		spoil(ocall_spoil, resp, cap, len, &rc);
	return rc;
}

static const struct sg_enclave_rt fake_rt = { .ocall = fake_ocall };

/* ---- the untrusted functions ---- */

void vault_host_note(const char *msg)
{
	snprintf(last_note, sizeof(last_note), "%s", msg);
}

/* value = "v:" + key, cut at its 64 bytes; key "over" claims one byte more. */
int vault_host_lookup(const char *key, void *value, size_t *value_len)
{
	char v[80];
	size_t n = (size_t)snprintf(v, sizeof(v), "v:%s", key);

	if (n > *value_len)
		n = *value_len;
	memcpy(value, v, n);
	*value_len = strcmp(key, "over") == 0 ? 65 : n;
	return (int)strlen(key);
}

int vault_host_add(int a, int b)
{
	return a + b;
}

void vault_host_tick(void)
{
	ticks++;
}

/* ---- checks ---- */

static void round_trips(struct sg_enclave *e)
{
	/* -123456 and 0, little endian */
	const unsigned char want2[8] = { 0xc0, 0x1d, 0xfe, 0xff, 0, 0, 0, 0 };
	unsigned char o1[16], o2[8];
	size_t o1_len = 99, o2_len = 99;
	int ret = 0, rc;

	rc = vault_ecall_mix(e, &ret, -123456, "h\xc3\xa9llo", NULL, 0, o1, &o1_len, o2, &o2_len);
	check(rc == 0 && ret == -123456 + 6,
	      "mix: negative int, UTF-8 string, empty bytes (%d, %d)", rc, ret);
	check(o1_len == 6 && memcmp(o1, "h\xc3\xa9llo", 6) == 0, "mix: out o1 is the string");
	check(o2_len == 8 && memcmp(o2, want2, 8) == 0, "mix: out o2 has a and b_len");
	rc = vault_ecall_mix(e, &ret, 7, "", "abc", 3, o1, &o1_len, o2, &o2_len);
	check(rc == 0 && ret == 10 && o1_len == 0 && o2[4] == 3, "mix: empty string, 3 bytes");
	rc = vault_ecall_mix(e, NULL, 7, "", "abc", 3, o1, &o1_len, o2, &o2_len);
	check(rc == 0, "mix: a NULL ret is allowed");
	check(vault_ecall_mix(e, &ret, 7, NULL, "abc", 3, o1, &o1_len, o2, &o2_len) == -EINVAL &&
		      vault_ecall_mix(e, &ret, 7, "", NULL, 3, o1, &o1_len, o2, &o2_len) == -EINVAL,
	      "mix: NULL string or NULL bytes with a length: -EINVAL");
	rc = vault_ecall_nasty(e, &ret, 1, 2, "\x09", 1, "four", o1, &o1_len, 5, 6, 7, 8);
	check(rc == 0 && ret == 1 + 2 + 1 + 4 + 5 + 6 + 7 + 8 && o1_len == 4 &&
		      memcmp(o1, "\x01\x02\x09" "f", 4) == 0,
	      "nasty: parameters named ret, e, len, req, resp, free, memcpy, fn, cap (%d, %d)", rc,
	      ret);
	rc = vault_ecall_ping(e);
	check(rc == 0 && ticks == 1, "ping: void ECALL making a void OCALL without parameters");
}

static void limits(struct sg_enclave *e)
{
	size_t big = 65536, copy_len;
	unsigned char *in = malloc(big), *copy = malloc(32768);
	char *s = malloc(big);
	unsigned before;
	int ret = 0, rc;

	for (size_t i = 0; i < big; i++)
		in[i] = (unsigned char)(i * 7 + 1);
	copy_len = 0;
	rc = vault_ecall_echo(e, &ret, in, 32768, copy, &copy_len);
	check(rc == 0 && ret == 32768 && copy_len == 32768 && memcmp(copy, in, 32768) == 0,
	      "echo: out bytes at exactly its N (32768) (%d)", rc);
	copy_len = 12345;
	rc = vault_ecall_echo(e, &ret, in, 32769, copy, &copy_len);
	check(rc == -EMSGSIZE && copy_len == 12345,
	      "echo: the enclave claiming N+1 bytes is -EMSGSIZE, out untouched (%d)", rc);
	rc = vault_ecall_echo(e, &ret, NULL, 0, copy, &copy_len);
	check(rc == 0 && ret == 0 && copy_len == 0, "echo: empty bytes both ways");

	memset(in, 1, big);
	rc = vault_ecall_sum(e, &ret, in, 65532);
	check(rc == 0 && ret == 65532 && last_req_len == 65536,
	      "sum: in bytes filling a 65536-byte request (%d)", rc);
	before = ecalls;
	rc = vault_ecall_sum(e, &ret, in, 65533);
	check(rc == -EMSGSIZE && ecalls == before, "sum: one byte more is -EMSGSIZE, nothing sent");
	rc = vault_ecall_sum(e, &ret, in, (size_t)-1);
	check(rc == -EMSGSIZE && ecalls == before,
	      "sum: SIZE_MAX bytes is -EMSGSIZE (no overflow)");

	memset(s, 'x', big);
	s[65532] = '\0';
	copy_len = 64;
	rc = vault_ecall_greet(e, &ret, s, copy, &copy_len);
	check(rc == 0 && ret == 65532 + 5 && copy_len == 64 && memcmp(copy, "hi v:xxx", 8) == 0,
	      "greet: a 65532-byte string in the ECALL and in two OCALLs (%d, %d)", rc, ret);
	s[65532] = 'x';
	s[65533] = '\0';
	rc = vault_ecall_greet(e, &ret, s, copy, &copy_len);
	check(rc == -EMSGSIZE, "greet: a 65533-byte string is -EMSGSIZE");
	free(in);
	free(copy);
	free(s);
}

static void ocalls(struct sg_enclave *e)
{
	unsigned char reply[64];
	size_t reply_len = 0;
	int ret = 0, rc;

	rc = vault_ecall_greet(e, &ret, "world", reply, &reply_len);
	check(rc == 0 && ret == 10 && reply_len == 10 && memcmp(reply, "hi v:world", 10) == 0,
	      "greet: OCALLs note, lookup, add (%d, %d)", rc, ret);
	check(strcmp(last_note, "world") == 0, "greet: the host got the note");
	rc = vault_ecall_greet(e, &ret, "over", reply, &reply_len);
	check(rc == 0 && ret == -EMSGSIZE, "greet: the host claiming N+1 bytes fails the OCALL");
	ocall_spoil = SPOIL_TRUNCATE;
	rc = vault_ecall_greet(e, &ret, "world", reply, &reply_len);
	check(rc == 0 && ret == -EMSGSIZE, "greet: a truncated OCALL response is -EMSGSIZE");
	ocall_spoil = SPOIL_TRAILING;
	rc = vault_ecall_greet(e, &ret, "world", reply, &reply_len);
	check(rc == 0 && ret == -EMSGSIZE,
	      "greet: an OCALL response with a byte more is -EMSGSIZE");
	ocall_spoil = SPOIL_FAIL;
	rc = vault_ecall_greet(e, &ret, "world", reply, &reply_len);
	check(rc == 0 && ret == -EPIPE, "greet: an OCALL's error reaches the enclave");
	ocall_spoil = SPOIL_NONE;
}

/* Responses the host must refuse; the caller's buffers stay as they were. */
static void bad_responses(struct sg_enclave *e)
{
	static const struct {
		enum spoil how;
		const char *what;
	} spoils[] = {
		{ SPOIL_TRUNCATE, "a truncated response" },
		{ SPOIL_TRAILING, "a response with a byte more" },
		{ SPOIL_OVER_CAP, "a response longer than its buffer" },
	};
	unsigned char o1[16], o2[8];
	size_t o1_len, o2_len;
	int ret, rc;

	for (size_t i = 0; i < sizeof(spoils) / sizeof(spoils[0]); i++) {
		ecall_spoil = spoils[i].how;
		ret = 4242, o1_len = o2_len = 99;
		rc = vault_ecall_mix(e, &ret, 1, "s", "b", 1, o1, &o1_len, o2, &o2_len);
		check(rc == -EMSGSIZE && ret == 4242 && o1_len == 99 && o2_len == 99,
		      "mix: %s is -EMSGSIZE, outputs untouched (%d)", spoils[i].what, rc);
	}
	/* result 0, o1 claiming 17 bytes (N is 16) and having them, o2 empty */
	ecall_spoil = SPOIL_REPLACE;
	memset(replacement, 0, sizeof(replacement));
	replacement[4] = 17;
	replacement_len = 4 + 4 + 17 + 4;
	rc = vault_ecall_mix(e, &ret, 1, "s", "b", 1, o1, &o1_len, o2, &o2_len);
	check(rc == -EMSGSIZE, "mix: an out length above its N is -EMSGSIZE");
	/* o1's length says 10 but the response ends after 3 */
	replacement[4] = 10;
	replacement_len = 4 + 4 + 3;
	rc = vault_ecall_mix(e, &ret, 1, "s", "b", 1, o1, &o1_len, o2, &o2_len);
	check(rc == -EMSGSIZE, "mix: an out length past the end of the response is -EMSGSIZE");
	replacement[0] = 1;
	replacement_len = 4;
	check(vault_ecall_ping(e) == -EMSGSIZE, "ping: a void result that is not 0 is -EMSGSIZE");
	ecall_spoil = SPOIL_FAIL;
	check(vault_ecall_ping(e) == -EPIPE, "ping: the runtime's error is returned");
	ecall_spoil = SPOIL_NONE;
}

/* Requests the enclave's dispatcher must refuse, sent to it directly. */
static void bad_requests(void)
{
	static const struct {
		unsigned fn;
		const char *req;
		size_t len;
		const char *what;
	} reqs[] = {
		{ 3, "\x0a\0\0\0abcde", 9, "sum: bytes shorter than their length" },
		{ 3, "\x01\0\0", 3, "sum: a truncated length" },
		{ 4, "\x03\0\0\0a\0b", 7, "greet: a NUL inside a string" },
		{ 4, "\x03\0\0\0abc!", 8, "greet: a byte after the last parameter" },
		{ 2, "\0", 1, "ping: a byte where there are no parameters" },
		{ 1, "\x01\0", 2, "mix: a truncated int" },
		{ 4, "\xff\xff\xff\xff" "abc", 7, "greet: a length of 2^32-1" },
	};
	unsigned char resp[128];
	size_t len = 777;
	int rc;

	for (size_t i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
		rc = enclave_dispatch(reqs[i].fn, reqs[i].req, reqs[i].len, resp, sizeof(resp),
				      &len);
		check(rc == -EMSGSIZE && len == 777, "dispatch: %s is -EMSGSIZE", reqs[i].what);
	}
	check(enclave_dispatch(2, "", 0, resp, 3, &len) == -EMSGSIZE,
	      "dispatch: a response buffer too small is -EMSGSIZE");
	check(enclave_dispatch(2, "", 0, resp, 4, &len) == 0 && len == 4,
	      "dispatch: ping's response is 4 bytes");
	check(enclave_dispatch(6, "", 0, resp, sizeof(resp), &len) == -ENOSYS,
	      "dispatch: an unknown ECALL is -ENOSYS");
	check(vault_ocall_dispatch(4, "", 0, resp, sizeof(resp), &len, NULL) == -ENOSYS,
	      "ocall dispatch: an unknown OCALL is -ENOSYS");
	check(vault_ocall_dispatch(3, "", 0, resp, sizeof(resp), &len, NULL) == 0 && len == 4 &&
		      memcmp(resp, "\0\0\0\0", 4) == 0,
	      "ocall dispatch: tick answers a zero result");
}

int main(int argc, char **argv)
{
	struct sg_enclave enclave = { 0 };
	void (*init)(const struct sg_enclave_rt *rt);
	void *so;

	if (argc != 2) {
		fprintf(stderr, "usage: host_test ENCLAVE.so\n");
		return 2;
	}
	so = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	if (!so) {
		fprintf(stderr, "host_test: %s\n", dlerror());
		return 1;
	}
	*(void **)&init = dlsym(so, SG_ENCLAVE_INIT_SYM);
	*(void **)&enclave_dispatch = dlsym(so, SG_ENCLAVE_DISPATCH_SYM);
	check(init && enclave_dispatch, "the enclave exports %s and %s", SG_ENCLAVE_INIT_SYM,
	      SG_ENCLAVE_DISPATCH_SYM);
	if (!init || !enclave_dispatch)
		return 1;
	init(&fake_rt);
	round_trips(&enclave);
	limits(&enclave);
	ocalls(&enclave);
	bad_responses(&enclave);
	bad_requests();
	dlclose(so);
	return failed ? 1 : 0;
}
