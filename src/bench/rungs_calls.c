/* Rungs of the "call" and "syscall" steps: staying in user mode vs entering the
 * kernel. Each batch function runs the operation n times. */
#include <json-c/json.h>
#include <sys/syscall.h>
#include <time.h>

#include "bench_int.h"

/* noinline + an empty asm: the compiler can neither inline nor drop the call. */
__attribute__((noinline)) static int direct_callee(int x)
{
	__asm__ volatile("" ::: "memory");
	return x + 1;
}

static void batch_call(void *arg, unsigned long n)
{
	int v = 0;

	(void)arg;
	for (unsigned long i = 0; i < n; i++)
		v = direct_callee(v);
	__asm__ volatile("" ::"r"(v));
}

/* json_c_version_num() is a one-line function in libjson-c.so: calling it goes
 * through our PLT and the GOT, the price of a shared library. */
static void batch_plt(void *arg, unsigned long n)
{
	int v = 0;

	(void)arg;
	for (unsigned long i = 0; i < n; i++)
		v += json_c_version_num();
	__asm__ volatile("" ::"r"(v));
}

static void batch_vdso(void *arg, unsigned long n)
{
	struct timespec ts;

	(void)arg;
	for (unsigned long i = 0; i < n; i++)
		clock_gettime(CLOCK_MONOTONIC, &ts);
}

static void batch_clock_syscall(void *arg, unsigned long n)
{
	struct timespec ts;

	(void)arg;
	for (unsigned long i = 0; i < n; i++)
		bench_raw_syscall2(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&ts);
}

static void batch_getppid(void *arg, unsigned long n)
{
	(void)arg;
	for (unsigned long i = 0; i < n; i++)
		bench_raw_syscall2(SYS_getppid, 0, 0);
}

static int measure(const struct bench_cfg *cfg, struct bench_result *r, bench_batch_fn fn,
		   double crossings)
{
	bench_measure(cfg, fn, NULL, r);
	r->crossings = crossings;
	return 0;
}

static int run_call(const struct bench_cfg *cfg, struct bench_result *r)
{
	return measure(cfg, r, batch_call, 0);
}

static int run_plt(const struct bench_cfg *cfg, struct bench_result *r)
{
	return measure(cfg, r, batch_plt, 0);
}

static int run_vdso(const struct bench_cfg *cfg, struct bench_result *r)
{
	return measure(cfg, r, batch_vdso, 0);
}

static int run_clock_syscall(const struct bench_cfg *cfg, struct bench_result *r)
{
	return measure(cfg, r, batch_clock_syscall, 1);
}

static int run_syscall(const struct bench_cfg *cfg, struct bench_result *r)
{
	return measure(cfg, r, batch_getppid, 1);
}

const struct bench_rung bench_rungs_calls[] = {
	{ "call", "call", "direct function call (static, the unit)", run_call },
	{ "plt-call", "call", "call through the PLT into a shared library", run_plt },
	{ "vdso", "vdso", "clock_gettime via the vDSO", run_vdso },
	{ "clock-syscall", "syscall", "clock_gettime forced through syscall", run_clock_syscall },
	{ "syscall", "syscall", "null syscall (getppid via syscall)", run_syscall },
	{ NULL, NULL, NULL, NULL },
};
