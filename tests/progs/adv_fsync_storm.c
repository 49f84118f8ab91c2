/* advise's fsync-storm mistake: append 100 records of 100 bytes to a log,
 * fdatasync after each; adv_fsync_storm_fixed.c syncs once per 32 records
 * (a group commit) and at the end. Arguments: [records [directory]]
 * (default 100, as a sync to disk takes milliseconds; a temporary directory
 * under $TMPDIR or /tmp). */
#define ADV_FSYNC_GROUP 1
#include "lib/adv_fsync.h"
