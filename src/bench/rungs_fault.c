/* Rungs of the "fault" group. */
#include "bench_int.h"

const struct bench_rung bench_rungs_fault[] = {
	{ NULL, NULL, NULL, NULL },
};
