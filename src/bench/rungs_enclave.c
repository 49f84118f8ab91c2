/* Enclave calls (src/enclave): an ECALL round trip and an OCALL round trip, each
 * through futex wait/wake (both sides on one CPU) and switchless, by polling
 * shared memory (one side per CPU). The enclave is ping_enclave.so, built beside
 * sysgate from examples/ping. */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench_int.h"
#include "enclave/enclave.h"
#include "ping_host.h"

int ping_host_pong(int x)
{
	return x;
}

struct ecall_arg {
	struct sg_enclave *e;
	int failed;
};

static void ecall_batch(void *p, unsigned long n)
{
	struct ecall_arg *a = p;
	int ret;

	for (unsigned long i = 0; i < n; i++)
		if (ping_ecall_ping(a->e, &ret, (int)i) || ret != (int)i + 1)
			a->failed = 1;
}

static void ocall_batch(void *p, unsigned long n)
{
	struct ecall_arg *a = p;
	int ret;

	if (ping_ecall_ocalls(a->e, &ret, (int)n))
		a->failed = 1;
}

/* ping_enclave.so, built with sysgate (or in $SG_ENCLAVE_DIR). */
static int enclave_path(char *buf, size_t size)
{
	const char *dir = getenv("SG_ENCLAVE_DIR");

	if (snprintf(buf, size, "%s/ping_enclave.so", dir ? dir : sg_enclave_dir()) >= (int)size)
		return -1;
	return access(buf, R_OK);
}

static void pin_pid(pid_t pid, int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(pid, sizeof(set), &set);
}

static int run(const struct bench_cfg *cfg, struct bench_result *r, bool switchless, bool ocall)
{
	struct sg_enclave_opts o = { .ocall = ping_ocall_dispatch };
	struct ecall_arg a = { 0 };
	char path[PATH_MAX];
	int rc;

	if (switchless && cfg->other_cpu < 0) {
		snprintf(r->note, sizeof(r->note), "switchless needs a second CPU");
		return BENCH_SKIP;
	}
	if (enclave_path(path, sizeof(path)) < 0) {
		snprintf(r->note, sizeof(r->note), "no ping_enclave.so beside sysgate (make all)");
		return BENCH_SKIP;
	}
	o.flags = switchless ? SG_ENCLAVE_SWITCHLESS : 0;
	if ((rc = sg_enclave_create(path, &o, &a.e))) {
		snprintf(r->note, sizeof(r->note), "%.90s", sg_enclave_error(a.e));
		sg_enclave_destroy(a.e);
		return rc;
	}
	pin_pid(sg_enclave_pid(a.e), switchless ? cfg->other_cpu : cfg->cpu);
	bench_measure(cfg, ocall ? ocall_batch : ecall_batch, &a, r);
	snprintf(r->note, sizeof(r->note), "%s", switchless ? "host CPU 0, enclave CPU 1, polling"
							    : "both on one CPU, futex");
	r->crossings = 2;
	sg_enclave_destroy(a.e);
	return a.failed ? -EIO : 0;
}

static int run_ecall(const struct bench_cfg *c, struct bench_result *r)
{
	return run(c, r, false, false);
}

static int run_ocall(const struct bench_cfg *c, struct bench_result *r)
{
	return run(c, r, false, true);
}

static int run_ecall_sl(const struct bench_cfg *c, struct bench_result *r)
{
	return run(c, r, true, false);
}

static int run_ocall_sl(const struct bench_cfg *c, struct bench_result *r)
{
	return run(c, r, true, true);
}

const struct bench_rung bench_rungs_enclave[] = {
	{ "ecall", "enclave", "enclave ECALL round trip (futex, same CPU)", run_ecall },
	{ "ocall", "enclave", "enclave OCALL round trip (futex, same CPU)", run_ocall },
	{ "ecall-switchless", "enclave", "enclave ECALL round trip, switchless (2 CPUs)",
	  run_ecall_sl },
	{ "ocall-switchless", "enclave", "enclave OCALL round trip, switchless (2 CPUs)",
	  run_ocall_sl },
	{ NULL, NULL, NULL, NULL },
};
