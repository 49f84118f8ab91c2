/* The clean twin of adv_reopen.c: one open, a pread per lookup. */
#define ADV_REOPEN_KEEP 1
#include "lib/adv_reopen.h"
