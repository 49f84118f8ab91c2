/* The clean twin of adv_seek_then_io.c: the same reads, with pread. */
#define ADV_SEEK_USE_PREAD 1
#include "lib/adv_seek.h"
