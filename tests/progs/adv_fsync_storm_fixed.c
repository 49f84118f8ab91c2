/* The clean twin of adv_fsync_storm.c: a sync per 32 records. */
#define ADV_FSYNC_GROUP 32
#include "lib/adv_fsync.h"
