/* The clean twin of adv_fault_heavy.c: the buffers come prefaulted. */
#define ADV_FAULT_POPULATE 1
#include "lib/adv_fault.h"
