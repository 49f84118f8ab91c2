/* Rungs of the "ipc" group. */
#include "bench_int.h"

const struct bench_rung bench_rungs_ipc[] = {
	{ NULL, NULL, NULL, NULL },
};
