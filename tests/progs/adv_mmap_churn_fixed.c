/* The clean twin of adv_mmap_churn.c: one buffer for every job. */
#define ADV_MMAP_REUSE 1
#include "lib/adv_mmap.h"
