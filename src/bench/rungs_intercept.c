/* Rungs of the "intercept" group. */
#include "bench_int.h"

const struct bench_rung bench_rungs_intercept[] = {
	{ NULL, NULL, NULL, NULL },
};
