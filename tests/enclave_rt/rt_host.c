/* The host side of tests/enclave_runtime.t, against the real runtime and loader:
 *   rt_host ENCLAVE.so OTHER.so DIR    (OTHER: the same code built as another
 * variant, so another measurement). Prints TAP. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_host.h"

static int n_test, failed;

static void ok(int cond, const char *fmt, const char *detail)
{
	printf("%sok %d - ", cond ? "" : "not ", ++n_test);
	printf(fmt, detail ? detail : "");
	printf("\n");
	fflush(stdout);
	failed |= !cond;
}

int rt_host_add(int x)
{
	return x * 2;
}

int rt_host_big(void *data, size_t *data_len)
{
	memset(data, 7, *data_len);
	return 0;
}

static struct sg_enclave *start(const char *so, unsigned flags, unsigned timeout_ms)
{
	static const unsigned char root[32] = "runtime test root key..........";
	struct sg_enclave_opts o = { .flags = flags, .ocall = rt_ocall_dispatch, .root_key = root,
				     .timeout_ms = timeout_ms };
	struct sg_enclave *e;

	if (sg_enclave_create(so, &o, &e)) {
		printf("# create: %s\n", sg_enclave_error(e));
		sg_enclave_destroy(e);
		return NULL;
	}
	return e;
}

/* Round trips at the size limits, OCALLs, in one mode. */
static void round_trips(const char *so, unsigned flags, const char *mode)
{
	static unsigned char in[65532], out[32768];
	struct sg_enclave *e = start(so, flags, 0);
	size_t len = sizeof(out);
	int ret = -1;

	ok(e != NULL, "%s: the enclave starts", mode);
	if (!e)
		return;
	if (!flags) { /* for the shell test: the loader's measurement */
		char hex[65];
		for (int i = 0; i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", sg_enclave_measurement(e)[i]);
		printf("# measurement %s\n", hex);
	}
	memset(in, 0x5a, sizeof(in));
	ok(!rt_ecall_echo(e, &ret, in, 0, out, &len) && ret == 0 && len == 0, "%s: echo of 0 bytes",
	   mode);
	len = sizeof(out);
	ok(!rt_ecall_echo(e, &ret, in, 32768, out, &len) && ret == 32768 && len == 32768 &&
		   !memcmp(in, out, len), "%s: echo at the declared limit (out bytes[32768])", mode);
	len = sizeof(out);
	ok(rt_ecall_echo(e, &ret, in, 65533, out, &len) == -EMSGSIZE,
	   "%s: a request one byte over the 64 KiB channel: -EMSGSIZE", mode);
	len = sizeof(out);
	ok(rt_ecall_echo(e, &ret, in, 32769, out, &len) == 0 && ret == -EMSGSIZE,
	   "%s: the enclave itself refuses more than it can return", mode);
	ok(!rt_ecall_call_host(e, &ret, 100) && ret == 9900,
	   "%s: 100 OCALLs and a 32768-byte OCALL response inside one ECALL", mode);
	len = sizeof(out);
	ok(!rt_ecall_echo(e, &ret, "ok", 2, out, &len) && len == 2, "%s: still fine afterwards",
	   mode);
	ok(!rt_ecall_attempt(e, &ret, "malloc") && ret == 0,
	   "%s: memory without PROT_EXEC is allowed", mode);
	sg_enclave_destroy(e);
}

/* A forbidden call ends the enclave; the error names it. */
static void fault(const char *so, const char *what, const char *want)
{
	struct sg_enclave *e = start(so, 0, 0);
	int ret = 0;

	if (!e)
		return ok(0, "%s: the enclave starts", what);
	int rc = rt_ecall_attempt(e, &ret, what);
	ok(rc < 0 && strcmp(sg_enclave_error(e), want) == 0, "%s", want);
	if (rc >= 0 || strcmp(sg_enclave_error(e), want))
		printf("#   got: rc %d, '%s'\n", rc, sg_enclave_error(e));
	ok(rt_ecall_attempt(e, &ret, "malloc") == -EPIPE, "%s: later calls fail with -EPIPE", what);
	sg_enclave_destroy(e);
}

static void sealing(const char *so, const char *other, const char *dir)
{
	unsigned char blob[1024], data[1024];
	size_t blen = sizeof(blob), dlen = sizeof(data);
	int ret = -1, tag = 0;
	struct sg_enclave *e = start(so, 0, 0);
	char path[4096];

	(void)dir;
	(void)path;
	ok(e && !rt_ecall_seal_it(e, &ret, "the secret", 10, blob, &blen) && ret == 0 &&
		   blen == 10 + SG_SEAL_OVERHEAD,
	   "seal: 10 bytes become 10 + 28%s", NULL);
	sg_enclave_destroy(e);
	e = start(so, 0, 0); /* a restart: same code, same measurement, same key */
	ok(e && !rt_ecall_unseal_it(e, &ret, blob, blen, data, &dlen) && ret == 0 && dlen == 10 &&
		   !memcmp(data, "the secret", 10),
	   "unseal after a restart of the same enclave%s", NULL);
	blob[blen / 2] ^= 1;
	dlen = sizeof(data);
	ok(e && !rt_ecall_unseal_it(e, &ret, blob, blen, data, &dlen) && ret == -EBADMSG,
	   "a changed byte: -EBADMSG%s", NULL);
	blob[blen / 2] ^= 1;
	sg_enclave_destroy(e);
	e = start(other, 0, 0);
	dlen = sizeof(data);
	ok(e && !rt_ecall_measure_tag(e, &tag) && tag == 2 &&
		   !rt_ecall_unseal_it(e, &ret, blob, blen, data, &dlen) && ret == -EBADMSG,
	   "another enclave (other code, other measurement) cannot unseal it%s", NULL);
	sg_enclave_destroy(e);
}

static void survive(const char *so)
{
	struct sg_enclave *e = start(so, 0, 500);
	int ret = 0;

	ok(e && rt_ecall_attempt(e, &ret, "hang") == -ETIMEDOUT &&
		   strstr(sg_enclave_error(e), "timed out"),
	   "a hang: the call times out and the enclave is killed%s", NULL);
	sg_enclave_destroy(e);
	ok(rt_ecall_attempt(e, &ret, "malloc") == -EBADF && strstr(sg_enclave_error(e), "destroyed"),
	   "a call after destroy: -EBADF, nothing touched%s", NULL);
	sg_enclave_destroy(e); /* twice: nothing happens */
	struct sg_enclave_opts o = { 0 };
	ok(sg_enclave_create("/nonexistent.so", &o, &e) < 0 &&
		   strstr(sg_enclave_error(e), "No such file"),
	   "a missing enclave file: a clear error%s", NULL);
	sg_enclave_destroy(e);
	int bad = sg_enclave_create("/etc/hostname", &o, &e) < 0 && strstr(sg_enclave_error(e), "ELF");
	printf("# %s\n", sg_enclave_error(e));
	sg_enclave_destroy(e);
	ok(bad, "a file that is not a shared object: a clear error%s", NULL);
}

int main(int argc, char **argv)
{
	if (argc != 4)
		return fprintf(stderr, "usage: rt_host ENCLAVE.so OTHER.so DIR\n"), 2;
	printf("1..36\n");
	round_trips(argv[1], 0, "futex");
	round_trips(argv[1], SG_ENCLAVE_SWITCHLESS, "switchless");
	fault(argv[1], "open", "enclave attempted syscall openat");
	fault(argv[1], "socket", "enclave attempted syscall socket");
	fault(argv[1], "execve", "enclave attempted syscall execve");
	fault(argv[1], "mmap-exec", "enclave attempted syscall mmap");
	fault(argv[1], "write", "enclave attempted syscall write");
	fault(argv[1], "crash", "enclave crashed: Segmentation fault");
	sealing(argv[1], argv[2], argv[3]);
	survive(argv[1]);
	return failed;
}
