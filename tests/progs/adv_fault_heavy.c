/* advise's fault-heavy mistake: 3 rounds over a fresh 16 MiB buffer, each
 * 4 KiB page written first by the program, so each takes a page fault
 * (12288 in all, with a handful of syscalls); adv_fault_heavy_fixed.c maps
 * the same buffers with MAP_POPULATE. Huge pages are turned off for the
 * buffer (MADV_NOHUGEPAGE) so the faults are 4 KiB ones whatever the
 * system's THP setting. Argument: the rounds (default 3). */
#define ADV_FAULT_POPULATE 0
#include "lib/adv_fault.h"
