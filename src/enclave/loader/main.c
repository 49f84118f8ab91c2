/* sg-enclave-loader: the enclave process. Started by sg_enclave_create with the
 * call channel as fd 3 and the enclave's path as its argument, it measures the
 * file it loads, derives the sealing key, loads the trusted code, and then runs
 * under a seccomp filter that allows only what serving calls needs. Any other
 * system call traps: the handler records which one in the channel and ends the
 * process, so the host's pending call fails naming it.
 *
 * Built without sanitizers: their runtimes make system calls the filter forbids. */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <seccomp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../channel.h"
#include "../enclave_int.h"

static struct sg_channel *ch;
static uint8_t seal_key[32];
static uint8_t *req_copy, *resp_buf;

static _Noreturn void boot_failed(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (ch)
		vsnprintf(ch->error, sizeof(ch->error), fmt, ap);
	va_end(ap);
	if (ch) {
		__atomic_store_n(&ch->state, SG_CH_DEAD, __ATOMIC_RELEASE);
		syscall(SYS_futex, &ch->state, FUTEX_WAKE, 1, NULL, NULL, 0);
	}
	_exit(125);
}

static void set_state(uint32_t s)
{
	__atomic_store_n(&ch->state, s, __ATOMIC_RELEASE);
	if (!ch->switchless)
		syscall(SYS_futex, &ch->state, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static void wait_while(uint32_t s)
{
	while (__atomic_load_n(&ch->state, __ATOMIC_ACQUIRE) == s) {
		if (ch->switchless)
			__builtin_ia32_pause();
		else
			syscall(SYS_futex, &ch->state, FUTEX_WAIT, s, NULL, NULL, 0);
	}
}

/* The #UD analog: a forbidden system call. Async-signal-safe: raw syscalls only,
 * and only ones the filter allows. */
static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	ch->fault_nr = si->si_syscall;
	__atomic_store_n(&ch->state, SG_CH_DEAD, __ATOMIC_RELEASE);
	syscall(SYS_futex, &ch->state, FUTEX_WAKE, 1, NULL, NULL, 0);
	syscall(SYS_exit_group, 126);
}

/* ---- what the trusted code may call (struct sg_enclave_rt) ---- */

static int rt_ocall(unsigned fn, const void *req, size_t req_len, void *resp, size_t cap,
		    size_t *len)
{
	if (req_len > SG_ENCLAVE_MSG_MAX)
		return -EMSGSIZE;
	memcpy(ch->buf, req, req_len);
	ch->len = (uint32_t)req_len;
	ch->fn = fn;
	set_state(SG_CH_OCALL);
	wait_while(SG_CH_OCALL);
	int rc = ch->status;
	if (rc == 0 && ch->len > cap)
		rc = -EMSGSIZE;
	if (rc == 0) {
		memcpy(resp, ch->buf, ch->len);
		*len = ch->len;
	}
	/* Back inside the ECALL; the host waits for ECALL_DONE again. */
	__atomic_store_n(&ch->state, SG_CH_ECALL, __ATOMIC_RELEASE);
	return rc;
}

static int rt_seal(const void *in, size_t len, void *out, size_t cap, size_t *out_len)
{
	return sg_seal(seal_key, in, len, out, cap, out_len);
}

static int rt_unseal(const void *in, size_t len, void *out, size_t cap, size_t *out_len)
{
	return sg_unseal(seal_key, in, len, out, cap, out_len);
}

static int rt_random(void *buf, size_t len)
{
	return RAND_bytes(buf, (int)len) == 1 ? 0 : -EIO;
}

static const struct sg_enclave_rt rt = { rt_ocall, rt_seal, rt_unseal, rt_random };

/* ---- the boundary ---- */

static void allow(scmp_filter_ctx f, int nr)
{
	if (seccomp_rule_add(f, SCMP_ACT_ALLOW, nr, 0) < 0)
		boot_failed("cannot build the enclave filter");
}

/* Memory without execute permission: malloc may map, never new code. */
static void allow_no_exec(scmp_filter_ctx f, int nr, unsigned prot_arg)
{
	if (seccomp_rule_add(f, SCMP_ACT_ALLOW, nr, 1,
			     SCMP_CMP(prot_arg, SCMP_CMP_MASKED_EQ, PROT_EXEC, 0)) < 0)
		boot_failed("cannot build the enclave filter");
}

static void enter_enclave_mode(void)
{
	scmp_filter_ctx f = seccomp_init(SCMP_ACT_TRAP);
	struct sigaction sa = { .sa_sigaction = on_sigsys, .sa_flags = SA_SIGINFO };

	if (!f || sigaction(SIGSYS, &sa, NULL) < 0)
		boot_failed("cannot set up the enclave boundary");
	allow(f, SCMP_SYS(futex)); /* the call channel */
	allow(f, SCMP_SYS(exit));
	allow(f, SCMP_SYS(exit_group));
	allow(f, SCMP_SYS(rt_sigreturn));
	allow(f, SCMP_SYS(getrandom)); /* the RDRAND analog */
	allow(f, SCMP_SYS(brk));
	allow(f, SCMP_SYS(munmap));
	allow(f, SCMP_SYS(madvise));
	allow(f, SCMP_SYS(mremap));
	allow(f, SCMP_SYS(sched_yield));
	allow(f, SCMP_SYS(getpid)); /* OpenSSL's fork check before using its random state */
	allow_no_exec(f, SCMP_SYS(mmap), 2);
	allow_no_exec(f, SCMP_SYS(mprotect), 2);
	if (seccomp_load(f) < 0)
		boot_failed("cannot load the enclave filter");
	seccomp_release(f);
}

typedef void (*init_fn)(const struct sg_enclave_rt *);
typedef int (*dispatch_fn)(unsigned, const void *, size_t, void *, size_t, size_t *);

static dispatch_fn load(const char *path)
{
	char err[256], fdpath[64];
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		boot_failed("enclave '%s': %s", path, strerror(errno));
	/* Measure and load the same inode, through the fd. */
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
	if (sg_enclave_measure_file(fdpath, ch->measurement, err, sizeof(err)) < 0) {
		const char *why = strstr(err, "': "); /* name the file as the host did */
		boot_failed("enclave '%s': %s", path, why ? why + 3 : err);
	}
	if (sg_seal_key(ch->root_key, ch->measurement, seal_key) < 0)
		boot_failed("cannot derive the sealing key");
	memset(ch->root_key, 0, sizeof(ch->root_key)); /* the host keeps its own copy */
	void *h = dlopen(fdpath, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		boot_failed("enclave '%s': %s", path, dlerror());
	close(fd);
	init_fn init = (init_fn)dlsym(h, SG_ENCLAVE_INIT_SYM);
	dispatch_fn d = (dispatch_fn)dlsym(h, SG_ENCLAVE_DISPATCH_SYM);
	if (!init || !d)
		boot_failed("enclave '%s' has no %s/%s: was it built with a generated bridge?",
			    path, SG_ENCLAVE_INIT_SYM, SG_ENCLAVE_DISPATCH_SYM);
	init(&rt);
	return d;
}

static _Noreturn void serve(dispatch_fn d)
{
	for (;;) {
		wait_while(SG_CH_IDLE);
		uint32_t s = __atomic_load_n(&ch->state, __ATOMIC_ACQUIRE);
		if (s != SG_CH_ECALL)
			continue; /* ECALL_DONE until the host sets IDLE */
		size_t in = ch->len <= SG_ENCLAVE_MSG_MAX ? ch->len : 0, out = 0;
		memcpy(req_copy, ch->buf, in);
		int rc = d(ch->fn, req_copy, in, resp_buf, SG_ENCLAVE_MSG_MAX, &out);
		if (rc == 0)
			memcpy(ch->buf, resp_buf, out);
		ch->status = rc;
		ch->len = rc == 0 ? (uint32_t)out : 0;
		set_state(SG_CH_ECALL_DONE);
		wait_while(SG_CH_ECALL_DONE);
	}
}

/* sg-enclave-loader --measure FILE: what `sysgate enclave measure` prints. */
static int measure_only(const char *path)
{
	uint8_t m[SG_MEASUREMENT_LEN];
	char err[512], hex[65];

	if (sg_enclave_measure_file(path, m, err, sizeof(err)) < 0) {
		fprintf(stderr, "sysgate: enclave measure: %s\n", err);
		return 1;
	}
	sg_measurement_hex(m, hex);
	printf("%s  %s\n", hex, path);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--measure") == 0)
		return measure_only(argv[2]);
	void *p = mmap(NULL, sizeof(struct sg_channel), PROT_READ | PROT_WRITE, MAP_SHARED, 3, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr, "sg-enclave-loader: no call channel on fd 3 (run by sg_enclave_create)\n");
		return 2;
	}
	ch = p;
	if (argc != 2)
		boot_failed("usage: sg-enclave-loader ENCLAVE.so");
	/* Everything that opens files or maps code happens now, before the boundary. */
	OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
	uint8_t warm;
	if (RAND_bytes(&warm, 1) != 1)
		boot_failed("no random source");
	dispatch_fn d = load(argv[1]);
	req_copy = malloc(SG_ENCLAVE_MSG_MAX);
	resp_buf = malloc(SG_ENCLAVE_MSG_MAX);
	if (!req_copy || !resp_buf)
		boot_failed("out of memory");
	close(0);
	close(1); /* stderr stays: a crash message is the host's to see */
	enter_enclave_mode();
	set_state(SG_CH_IDLE);
	serve(d);
}
