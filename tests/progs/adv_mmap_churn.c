/* advise's mmap-churn mistake: a 256 KiB scratch buffer mapped, filled and
 * unmapped for every one of 2000 jobs (which use 8 KiB of it); adv_mmap_churn_fixed.c maps it once
 * and reuses it. Argument: the jobs (default 2000). */
#define ADV_MMAP_REUSE 0
#include "lib/adv_mmap.h"
