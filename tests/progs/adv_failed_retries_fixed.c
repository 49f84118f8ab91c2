/* The clean twin of adv_failed_retries.c: poll when read says EAGAIN. */
#define ADV_RETRY_WAIT 1
#include "lib/adv_retry.h"
