/* The seccomp-BPF prefilter: selected syscalls return SECCOMP_RET_TRACE and stop
 * the tracee; every other syscall runs at full speed without a ptrace stop. */
#include <errno.h>
#include <seccomp.h>
#include <sys/prctl.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "launch/ns.h"
#include "stack.h"
#include "trace_int.h"

static bool wants_stop(const struct trace_opts *o, int nr)
{
	if (o->selected[nr])
		return true;
	/* -k keeps each process's list of code mappings: what changes it must stop. */
	if (o->stack_trace && stacks_call_may_remap(nr))
		return true;
	/* -e inject= changes only traced calls (as strace): none of its own. */
	return false;
}

int prefilter_load(const struct trace_opts *o)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int rc = 0;

	if (!ctx)
		return -ENOMEM;
	for (int nr = 0; nr < SG_NR_SYSCALLS && rc == 0; nr++)
		if (sg_syscall_table[nr].name && wants_stop(o, nr))
			rc = seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), nr, 0);
	/* Without CAP_SYS_ADMIN the kernel accepts a filter only under no_new_privs. */
	if (rc == 0)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, launch_ns_have_cap(CAP_SYS_ADMIN) ? 0 : 1);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	return rc;
}
