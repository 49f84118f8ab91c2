/* Every rule sysgate advise runs, in the order docs/advise.md lists them. */
#include "rules.h"

extern const struct adv_rule adv_rule_tiny_io;
extern const struct adv_rule adv_rule_enoent_storm;
extern const struct adv_rule adv_rule_repeated_stat;
extern const struct adv_rule adv_rule_clock_syscall;

const struct adv_rule *const adv_rules[] = {
	&adv_rule_tiny_io,
	&adv_rule_enoent_storm,
	&adv_rule_repeated_stat,
	&adv_rule_clock_syscall,
	NULL,
};
