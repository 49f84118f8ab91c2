/* One rung measured on its own, for other subcommands (bench.h). */
#include <errno.h>
#include <string.h>

#include "bench.h"
#include "bench_int.h"

static const struct bench_rung *rung_by_name(const char *name)
{
	size_t n;
	const struct bench_rung *const *all = bench_all_rungs(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i]->name, name) == 0)
			return all[i];
	return NULL;
}

int sg_bench_rung_ns(const char *name, double budget_ms, double *ns)
{
	const struct bench_rung *rung = rung_by_name(name);
	struct bench_result r = { 0 };
	/* A price, not a ladder: many short batches and the fastest of them, so
	 * other work on a busy machine (which stretches every batch it shares a
	 * CPU with) does not set the price for as long as it is kept. */
	struct bench_cfg cfg = { .quick = true, .samples = 21, .target_ms = budget_ms };

	if (!rung)
		return -ENOENT;
	if (bench_tsc_calibrate() < 0)
		return -ENOTSUP;
	bench_pick_cpus(&cfg.cpu, &cfg.other_cpu);
	int rc = rung->run(&cfg, &r);
	if (rc == BENCH_SKIP)
		return -ENOTSUP;
	if (rc < 0)
		return rc;
	*ns = r.min_ns > 0 ? r.min_ns : r.median_ns;
	return 0;
}
