/* Rungs of the "indirect" group. */
#include "bench_int.h"

const struct bench_rung bench_rungs_indirect[] = {
	{ NULL, NULL, NULL, NULL },
};
