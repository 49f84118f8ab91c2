/* advise's seek-then-io mistake: read records at offsets with lseek + read
 * (4000 times) where pread would do; adv_seek_then_io_fixed.c does the same
 * reads with pread. Argument: the records to read (default 4000). */
#define ADV_SEEK_USE_PREAD 0
#include "lib/adv_seek.h"
