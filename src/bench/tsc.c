/* The time-stamp counter: serialised reads, calibrated against the kernel's clock. */
#include <stdint.h>
#include <time.h>
#include <x86intrin.h>

#include "bench_int.h"

static double ticks_per_ns;
static double overhead_ticks;

/* lfence keeps earlier instructions from drifting past the first read. */
uint64_t bench_tsc_start(void)
{
	_mm_lfence();
	uint64_t t = __rdtsc();
	_mm_lfence();
	return t;
}

/* rdtscp waits for earlier instructions; lfence keeps later ones after it. */
uint64_t bench_tsc_stop(void)
{
	unsigned aux;
	uint64_t t = __rdtscp(&aux);

	_mm_lfence();
	return t;
}

static double mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int has_invariant_tsc(void)
{
	unsigned a, b, c, d;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000000u));
	if (a < 0x80000007u)
		return 0;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000007u));
	return (d >> 8) & 1;
}

static double median3(double a, double b, double c)
{
	double v[3] = { a, b, c };

	return bench_median(v, 3);
}

/* 20 ms against CLOCK_MONOTONIC_RAW, three times; the median ratio wins. */
static double measure_ratio(void)
{
	double r[3];

	for (int i = 0; i < 3; i++) {
		double n0 = mono_ns();
		uint64_t t0 = bench_tsc_start();
		while (mono_ns() - n0 < 20e6)
			;
		uint64_t t1 = bench_tsc_stop();
		r[i] = (double)(t1 - t0) / (mono_ns() - n0);
	}
	return median3(r[0], r[1], r[2]);
}

static double measure_overhead(void)
{
	double v[64];

	for (int i = 0; i < 64; i++) {
		uint64_t t0 = bench_tsc_start();
		uint64_t t1 = bench_tsc_stop();
		v[i] = (double)(t1 - t0);
	}
	return bench_median(v, 64);
}

int bench_tsc_calibrate(void)
{
	if (ticks_per_ns > 0)
		return 0;
	/* Hypervisors often hide the invariant-TSC bit; calibration still tells
	 * whether the rate is usable, so the bit is advisory only. */
	(void)has_invariant_tsc;
	ticks_per_ns = measure_ratio();
	overhead_ticks = measure_overhead();
	return ticks_per_ns > 0.01 ? 0 : -1;
}

double bench_ticks_to_ns(double ticks)
{
	return ticks / ticks_per_ns;
}

double bench_timer_overhead_ticks(void)
{
	return overhead_ticks;
}
