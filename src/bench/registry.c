/* The ladder: every rung group in order. A later subcommand that adds rungs (a VM
 * exit, an enclave call) adds its table here and nothing else. */
#include "bench_int.h"
#include "core/util.h"

static const struct bench_rung *const tables[] = {
	bench_rungs_calls,  bench_rungs_fault,	bench_rungs_seccomp, bench_rungs_intercept,
	bench_rungs_ipc,    bench_rungs_os,	bench_rungs_indirect, bench_rungs_enclave,
	bench_rungs_vm,
};

const struct bench_rung *const *bench_all_rungs(size_t *n)
{
	static const struct bench_rung *all[256];
	static size_t count;

	if (!count) {
		for (size_t t = 0; t < SG_ARRAY_SIZE(tables); t++)
			for (const struct bench_rung *r = tables[t]; r->name; r++)
				if (count < SG_ARRAY_SIZE(all))
					all[count++] = r;
	}
	*n = count;
	return all;
}
