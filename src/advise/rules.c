/* Every rule sysgate advise runs, in the order docs/advise.md lists them. */
#include "rule_list.h"
#include "rules.h"


const struct adv_rule *const adv_rules[] = {
	&adv_rule_tiny_io,
	&adv_rule_enoent_storm,
	&adv_rule_repeated_stat,
	&adv_rule_clock_syscall,
	&adv_rule_seek_then_io,
	&adv_rule_busy_poll,
	&adv_rule_mmap_churn,
	&adv_rule_fsync_storm,
	&adv_rule_reopen,
	&adv_rule_failed_retries,
	&adv_rule_fault_heavy,
	NULL,
};
