/* Rungs of the "os" group. */
#include "bench_int.h"

const struct bench_rung bench_rungs_os[] = {
	{ NULL, NULL, NULL, NULL },
};
