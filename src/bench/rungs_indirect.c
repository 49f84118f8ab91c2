/* Rungs of the "indirect" step: what a syscall costs after it has returned (the
 * FlexSC effect). User code that runs next finds caches and TLBs disturbed by the
 * kernel; with PTI and no PCID every entry and exit writes CR3, which flushes all
 * non-global TLB entries. No performance counters: a fixed user-mode walk is timed
 * right after a syscall and right after a function call, and the medians compared.
 *
 * The walk is a chase of dependent loads, one per 64-byte line, in a random cyclic
 * order over the whole working set (built with Sattolo's algorithm). Dependent
 * loads expose each miss's full latency instead of overlapping them, and the
 * random order keeps the prefetchers from hiding lines or pages the syscall
 * evicted, so the extra time is the refill cost. */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "bench_int.h"
#include "core/util.h"

#define LINE 64

struct walk {
	void **start;
	size_t bytes;
};

/* noinline + an empty asm, like the "call" rung: a real call and return. */
__attribute__((noinline)) static int plain_callee(int x)
{
	__asm__ volatile("" ::: "memory");
	return x + 1;
}

static long raw_getppid(void)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"((long)SYS_getppid) : "rcx", "r11", "memory");
	return ret;
}

/* xorshift64: a fixed seed, the same order every run. */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* 4 KiB pages (no THP, so a 1 MiB set spans 256 TLB entries), every line pointing
 * to the next in one random cycle through all lines. */
static int walk_init(struct walk *w, size_t bytes)
{
	size_t lines = bytes / LINE;
	char *base = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (base == MAP_FAILED)
		return -errno;
	madvise(base, bytes, MADV_NOHUGEPAGE);
	size_t *order = sg_xcalloc(lines, sizeof(*order));
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	for (size_t i = 0; i < lines; i++)
		order[i] = i;
	for (size_t i = lines - 1; i > 0; i--) { /* Sattolo: a single cycle */
		size_t j = (size_t)(next_rand(&seed) % i);
		size_t t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	/* order[] as a permutation: line i points to line order[i]. */
	for (size_t i = 0; i < lines; i++)
		*(void **)(base + i * LINE) = base + order[i] * LINE;
	free(order);
	w->start = (void **)base;
	w->bytes = bytes;
	return 0;
}

/* One pass: every line once, each load's address from the previous load. */
static void *walk_pass(const struct walk *w)
{
	void **p = w->start;
	size_t lines = w->bytes / LINE;

	for (size_t i = 0; i < lines; i++)
		p = (void **)*p;
	return p;
}

static double walk_ns(const struct walk *w)
{
	uint64_t t0 = bench_tsc_start();
	void *end = walk_pass(w);
	uint64_t t1 = bench_tsc_stop();

	__asm__ volatile("" ::"r"(end));
	double ticks = (double)(t1 - t0) - bench_timer_overhead_ticks();
	return bench_ticks_to_ns(ticks > 0 ? ticks : 0);
}

/* Each timed walk follows the other kind's timed walk, so the set is warm before
 * the call or syscall that precedes it; only the walk is inside the TSC reads. */
static double after_call(const struct walk *w)
{
	int v = plain_callee(0);

	__asm__ volatile("" ::"r"(v));
	return walk_ns(w);
}

static double after_syscall(const struct walk *w)
{
	long v = raw_getppid();

	__asm__ volatile("" ::"r"(v));
	return walk_ns(w);
}

static int run_indirect(const struct bench_cfg *cfg, struct bench_result *r, size_t bytes)
{
	struct walk w;
	unsigned samples = cfg->smoke ? 3 : cfg->samples;
	unsigned long reps = 16; /* per kind per sample; smoke: a noisy, quick answer */
	int rc = walk_init(&w, bytes);

	if (rc < 0)
		return rc;
	bench_tsc_calibrate();
	if (!cfg->smoke) {
		/* Warm the set and size: a sample takes its share of the budget. */
		double one = 0;
		for (int i = 0; i < 8; i++)
			one = after_call(&w) + after_syscall(&w);
		double share_ns = cfg->target_ms * 1e6 / (samples ? samples : 1);
		double want = share_ns / (one + 2 * 2000.0); /* + the syscall and TSC reads */
		reps = want < 4 ? 4 : want > 100000 ? 100000 : (unsigned long)want;
	}
	size_t total = (size_t)samples * reps;
	double *call = sg_xcalloc(total, sizeof(double));
	double *sys = sg_xcalloc(total, sizeof(double));
	double *diff = sg_xcalloc(samples, sizeof(double));
	for (unsigned s = 0; s < samples; s++) {
		double *c = call + (size_t)s * reps, *y = sys + (size_t)s * reps;
		for (unsigned long i = 0; i < reps; i++) { /* interleaved: drift hits both */
			c[i] = after_call(&w);
			y[i] = after_syscall(&w);
		}
		diff[s] = bench_median(y, reps) - bench_median(c, reps);
	}
	double call_med = bench_median(call, total), sys_med = bench_median(sys, total);
	r->samples = samples;
	r->iters_per_sample = reps;
	/* The true difference, negative if it comes out that way. p99 and spread
	 * are over the per-sample differences, as other rungs' are over samples
	 * (single walks would put every preempted walk in the p99); with few
	 * samples that p99 can fall below the pooled median difference. A CoV far
	 * above 100% says the effect is lost in the noise. */
	r->median_ns = sys_med - call_med;
	r->p99_ns = bench_percentile(diff, samples, 99);
	r->cov = bench_cov(diff, samples);
	r->crossings = 1; /* the syscall before the walk; the walk itself has none */
	snprintf(r->note, sizeof(r->note), "walk %.0f ns after call, %.0f ns after syscall",
		 call_med, sys_med);
	free(call);
	free(sys);
	free(diff);
	munmap(w.start, w.bytes);
	return 0;
}

static int run_32k(const struct bench_cfg *cfg, struct bench_result *r)
{
	return run_indirect(cfg, r, 32 << 10);
}

static int run_1m(const struct bench_cfg *cfg, struct bench_result *r)
{
	return run_indirect(cfg, r, 1 << 20);
}

const struct bench_rung bench_rungs_indirect[] = {
	{ "indirect-32k", "indirect", "after a syscall: 32 KiB walk slows by", run_32k },
	{ "indirect-1m", "indirect", "after a syscall: 1 MiB walk slows by", run_1m },
	{ NULL, NULL, NULL, NULL },
};
