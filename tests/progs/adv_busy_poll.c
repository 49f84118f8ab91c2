/* advise's busy-poll mistake: wait for 200 messages from a thread on a pipe
 * with poll(..., 0) in a loop (thousands of empty polls);
 * adv_busy_poll_fixed.c waits with a timeout of -1. The producer sleeps
 * 50 us between messages. Argument: the messages (default 200). */
#define ADV_POLL_TIMEOUT 0
#include "lib/adv_poll.h"
