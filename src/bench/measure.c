/* The harness every rung uses: warm up, size batches, time them, summarise. */
#include <stdlib.h>

#include "bench_int.h"
#include "core/util.h"

static double time_batch(bench_batch_fn fn, void *arg, unsigned long n)
{
	uint64_t t0 = bench_tsc_start();
	fn(arg, n);
	uint64_t t1 = bench_tsc_stop();
	double ticks = (double)(t1 - t0) - bench_timer_overhead_ticks();
	return bench_ticks_to_ns(ticks > 0 ? ticks : 0);
}

/* Double the batch until one batch takes the per-sample share of the budget. */
static unsigned long size_batch(const struct bench_cfg *cfg, bench_batch_fn fn, void *arg)
{
	double share_ns = cfg->target_ms * 1e6 / (cfg->samples ? cfg->samples : 1);
	unsigned long n = 1;

	/* Enough that even a 1 ns operation outweighs the timer's own jitter. */
	if (cfg->smoke)
		return 256;
	while (n < (1ul << 30)) {
		double ns = time_batch(fn, arg, n);
		if (ns >= share_ns)
			break;
		n *= 2;
	}
	return n;
}

void bench_measure(const struct bench_cfg *cfg, bench_batch_fn fn, void *arg,
		   struct bench_result *r)
{
	unsigned samples = cfg->smoke ? 3 : cfg->samples;
	double *v = sg_xcalloc(samples, sizeof(double));

	bench_tsc_calibrate();
	unsigned long n = size_batch(cfg, fn, arg); /* doubles as warm-up */
	fn(arg, n);
	for (unsigned i = 0; i < samples; i++)
		v[i] = time_batch(fn, arg, n) / (double)n;
	r->samples = samples;
	r->iters_per_sample = n;
	r->cov = bench_cov(v, samples);
	r->p99_ns = bench_percentile(v, samples, 99);
	r->min_ns = bench_percentile(v, samples, 0);
	r->median_ns = bench_median(v, samples);
	free(v);
}
