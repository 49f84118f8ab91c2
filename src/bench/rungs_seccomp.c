/* Rungs of the "seccomp" group. */
#include "bench_int.h"

const struct bench_rung bench_rungs_seccomp[] = {
	{ NULL, NULL, NULL, NULL },
};
