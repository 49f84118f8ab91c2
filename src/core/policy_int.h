/* Internals shared by the policy parsers and the compiler. */
#ifndef SG_CORE_POLICY_INT_H
#define SG_CORE_POLICY_INT_H

#include "core/policy.h"

/* Format into err (if any) and return -EINVAL. */
int policy__err(char *err, size_t errsz, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Set the default action and remember where it came from. */
void policy__set_default(struct policy *p, struct policy_action a, const char *origin);
/* Append an architecture name to the recorded list. */
void policy__add_arch(struct policy *p, const char *arch);
/* Read a whole file into a NUL-terminated buffer; 0 or -errno. */
/* Whether v passes the test c. */
int policy__cond_holds(const struct policy_cond *c, uint64_t v);

#endif
