/* The clean twin of adv_busy_poll.c: the same messages, poll blocks. */
#define ADV_POLL_TIMEOUT (-1)
#include "lib/adv_poll.h"
