/* The default profile's filter embedded at build time equals a fresh compile of
 * the profile text, and it decides like the profile: it is what `sysgate jail`
 * loads when no --profile, --policy, --allow or --deny is given. */
#include <linux/filter.h>
#include <string.h>

#include "jail/jail_int.h"
#include "tap.h"

int main(void)
{
	struct policy p;
	struct policy_bpf fresh, built;
	char err[512];

	tap_plan(4);
	tap_ok(jail_default_policy(&p, err, sizeof(err)) == 0, "the default profile parses");
	tap_ok(jail_kernel_filter(&p, &fresh) == 0, "and compiles (%u instructions)", fresh.len);
	jail_default_filter(&built);
	tap_ok(built.len == fresh.len && built.notify == fresh.notify &&
		       memcmp(built.insns, fresh.insns, built.len * sizeof(*built.insns)) == 0,
	       "the filter embedded at build time is the same program (%u vs %u instructions)",
	       built.len, fresh.len);
	tap_ok(built.len > 100 && built.len <= 4096,
	       "its size is that of an allowlist within the kernel's limit");
	policy_bpf_free(&fresh);
	policy_bpf_free(&built);
	policy_free(&p);
	return tap_done();
}
