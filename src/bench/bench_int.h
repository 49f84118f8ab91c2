/* Internal to src/bench: rungs, the measuring harness and statistics. */
#ifndef SG_BENCH_BENCH_INT_H
#define SG_BENCH_BENCH_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- statistics (stats.c) ---- */

/* Sorts v in place. p in [0,100]; linear interpolation between ranks. */
double bench_percentile(double *v, size_t n, double p);
double bench_median(double *v, size_t n);
double bench_mean(const double *v, size_t n);
/* Coefficient of variation (sample stddev / mean), 0 for n < 2. */
double bench_cov(const double *v, size_t n);

/* ---- time (tsc.c) ---- */

/* Serialised TSC reads: lfence;rdtsc at the start, rdtscp;lfence at the end. */
uint64_t bench_tsc_start(void);
uint64_t bench_tsc_stop(void);
/* Calibrate once: TSC ticks per ns against CLOCK_MONOTONIC_RAW, and the cost of
 * one start/stop pair, which measurements subtract. 0 or -1 (no invariant TSC). */
int bench_tsc_calibrate(void);
double bench_ticks_to_ns(double ticks);
double bench_timer_overhead_ticks(void);

/* ---- the harness (measure.c) ---- */

struct bench_cfg {
	bool quick;	    /* --quick: fewer samples, smaller batches */
	bool smoke;	    /* tests: a tiny iteration count, only sanity matters */
	int cpu;	    /* CPU to pin to (the first allowed one) */
	int other_cpu;	    /* a second CPU for cross-core rungs, -1 if none */
	unsigned samples;   /* samples per rung */
	double target_ms;   /* wall time budget per rung */
};

struct bench_result {
	double median_ns, p99_ns, cov; /* per operation */
	double min_ns;	  /* the fastest sample; 0 where a rung keeps none */
	unsigned samples;
	unsigned long iters_per_sample;
	double crossings; /* boundary crossings per operation, counted; <0: not counted */
	char note[96];	  /* e.g. "tracer on CPU 1" */
};

/* One timed batch: run the operation n times. */
typedef void (*bench_batch_fn)(void *arg, unsigned long n);

/* Warm up, size batches so one batch takes ~1/samples of the budget, time
 * cfg->samples batches with the TSC, subtract the timer overhead, and fill r with
 * per-operation statistics. */
void bench_measure(const struct bench_cfg *cfg, bench_batch_fn fn, void *arg,
		   struct bench_result *r);

/* ---- CPU placement (pin.c) ---- */

/* Pin the calling thread to cpu. 0 or -errno. */
int bench_pin(int cpu);
/* The first two CPUs this process may run on (second -1 if only one). */
void bench_pick_cpus(int *first, int *second);

/* ---- isolation (child.c) ---- */

/* Run a rung body in a forked child, for what cannot be undone in sysgate itself
 * (seccomp filters, odd signal handlers). The child's return code and result come
 * back through a pipe; a child that crashes or exceeds 60 s gives -EIO / -ETIMEDOUT
 * and is killed. */
int bench_in_child(const struct bench_cfg *cfg, struct bench_result *r,
		   int (*body)(const struct bench_cfg *cfg, struct bench_result *r));

/* ---- the operation most rungs measure ---- */

/* A system call through the syscall instruction itself: no libc wrapper, no errno,
 * nothing between the rung and the kernel. */
static inline long bench_raw_syscall2(long nr, long a0, long a1)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a0), "S"(a1)
			 : "rcx", "r11", "memory");
	return ret;
}

/* ---- rungs ---- */

#define BENCH_SKIP 77 /* a rung returns this when the machine lacks what it needs */

struct bench_rung {
	const char *name;  /* short id for --only: "syscall", "pipe-same" */
	const char *group; /* ladder step: "call", "syscall", "seccomp", "intercept", ... */
	const char *label; /* what a person reads in the table */
	/* Measure; 0, BENCH_SKIP (r->note says why) or -errno. */
	int (*run)(const struct bench_cfg *cfg, struct bench_result *r);
};

/* Every group file exports one NULL-terminated table; registry.c lists them, so a
 * later subcommand (vm, enclave) adds a rung group by adding one line there. */
extern const struct bench_rung bench_rungs_calls[];
extern const struct bench_rung bench_rungs_seccomp[];
extern const struct bench_rung bench_rungs_intercept[];
extern const struct bench_rung bench_rungs_fault[];
extern const struct bench_rung bench_rungs_ipc[];
extern const struct bench_rung bench_rungs_os[];
extern const struct bench_rung bench_rungs_indirect[];
extern const struct bench_rung bench_rungs_enclave[];
extern const struct bench_rung bench_rungs_vm[];

/* All rungs in ladder order; *n gets the count. */
const struct bench_rung *const *bench_all_rungs(size_t *n);

/* ---- the environment a result was measured in (env.c) ---- */

struct bench_env {
	char cpu_model[128];
	char kernel[160];
	bool hypervisor; /* CPUID leaf 1, ECX bit 31 */
	char clocksource[32];
	char mitigations[1024]; /* "name: state; ..." from /sys/devices/system/cpu/vulnerabilities */
	int cores;
	double tsc_ghz;
};

void bench_env_read(struct bench_env *e);

/* ---- one finished run (report*.c) ---- */

struct bench_row {
	const struct bench_rung *rung; /* NULL for rows read back from a JSON file */
	char name[48], group[24], label[96];
	int rc; /* 0, BENCH_SKIP or -errno */
	struct bench_result r;
};

struct bench_run {
	struct bench_env env;
	struct bench_row *rows;
	size_t n;
	bool quick;
};

/* The aligned table, sorted by cost, with the "x function call" column. */
void bench_report_table(const struct bench_run *run, FILE *fp);
/* JSON into f / read back (for --compare). 0 or -errno; load: -1 (reported). */
int bench_report_json(const struct bench_run *run, FILE *f);
int bench_load_json(const char *path, struct bench_run *run);
/* The change per rung against an older run. */
void bench_report_compare(const struct bench_run *now, const struct bench_run *old, FILE *fp);
/* A bar chart on a log scale, one bar per rung, in units of the function call. */
/* 0, -EINVAL without the function-call rung (the unit), or -EIO. */
int bench_report_svg(const struct bench_run *run, FILE *f);
/* The function-call row's median, the unit of the ladder (0 when absent). */
double bench_unit_ns(const struct bench_run *run);

#endif
