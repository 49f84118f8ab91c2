/* advise's reopen mistake: a small settings file opened, read and closed
 * for each of 2000 lookups; adv_reopen_fixed.c keeps it open and preads it.
 * Arguments: [lookups [file]] (default 2000, a file it makes in a
 * temporary directory). */
#define ADV_REOPEN_KEEP 0
#include "lib/adv_reopen.h"
