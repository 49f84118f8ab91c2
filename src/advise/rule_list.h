/* Every rule, one file each (rule_*.c); rules.c lists
 * them in adv_rules. */
#ifndef SG_ADVISE_RULE_LIST_H
#define SG_ADVISE_RULE_LIST_H

#include "rules.h"

extern const struct adv_rule adv_rule_tiny_io;
extern const struct adv_rule adv_rule_enoent_storm;
extern const struct adv_rule adv_rule_repeated_stat;
extern const struct adv_rule adv_rule_clock_syscall;
extern const struct adv_rule adv_rule_seek_then_io;
extern const struct adv_rule adv_rule_busy_poll;
extern const struct adv_rule adv_rule_mmap_churn;
extern const struct adv_rule adv_rule_fsync_storm;
extern const struct adv_rule adv_rule_reopen;
extern const struct adv_rule adv_rule_failed_retries;
extern const struct adv_rule adv_rule_fault_heavy;

#endif
