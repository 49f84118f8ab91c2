/* advise's failed-retries mistake: read 200 messages from a non-blocking
 * pipe, calling read again at once while it fails with EAGAIN (thousands of
 * times); adv_failed_retries_fixed.c polls for readiness first. The
 * producer thread sleeps 50 us between messages. Argument: the messages
 * (default 200). */
#define ADV_RETRY_WAIT 0
#include "lib/adv_retry.h"
