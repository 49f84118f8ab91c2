/* The built-in default profile's kernel filter, compiled at build time
 * (scripts/gen-default-filter.c): the common `sysgate jail -- CMD` skips libseccomp. */
#include <linux/filter.h>
#include <string.h>

#include "core/util.h"
#include "jail_int.h"

/* In build/gen/default_filter.c. */
extern const struct sock_filter jail_default_insns[];
extern const unsigned short jail_default_len;
extern const bool jail_default_notify;

void jail_default_filter(struct policy_bpf *out)
{
	out->len = jail_default_len;
	out->notify = jail_default_notify;
	out->insns = sg_xcalloc(jail_default_len, sizeof(*out->insns));
	memcpy(out->insns, jail_default_insns, jail_default_len * sizeof(*out->insns));
}
