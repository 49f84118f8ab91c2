/* The filter the kernel runs, derived from the policy the user wrote.
 *
 * Design: every action that must be reported (errno, log, notify, kill-process)
 * becomes SECCOMP_RET_USER_NOTIF in the kernel's filter. The supervisor receives
 * each notification, decides again with policy_decide on the same registers, reports
 * and answers: errno -> the error, log -> continue, notify -> EPERM (no one else to
 * ask), kill-process -> SIGKILL. Continuing is safe here because our rules only test
 * registers, which the process cannot change while it waits; a rule that read
 * memory behind a pointer could be raced (TOCTOU) and would never be continued.
 * Trap and kill-thread stay in the kernel's filter: their signal must come from the
 * kernel, so they are reported only when the command dies of SIGSYS. A quiet errno
 * (an expected answer such as clone3's ENOSYS) also stays in the kernel: nothing to
 * report, and no round trip through the supervisor for each new thread. */
#include <string.h>

#include "core/syscalls.h"
#include "core/util.h"
#include "jail_int.h"

/* Ending is always allowed, whatever the profile says: a process whose exit fails
 * has nothing left to do but try again (glibc's _exit loops), and would spin with
 * its signals still blocked when the command could not be started. */
static const char *const always_allowed[] = { "exit", "exit_group" };

static int allow_ending(struct policy *k)
{
	for (size_t i = 0; i < SG_ARRAY_SIZE(always_allowed); i++) {
		struct policy_rule r = { .nr = sg_syscall_nr(always_allowed[i]),
					 .action = { .act = POLICY_ALLOW },
					 .origin = "jail: ending is always allowed" };
		int rc = policy_add_rule(k, &r);
		if (rc)
			return rc;
	}
	return 0;
}

static struct policy_action kernel_action(struct policy_action a)
{
	switch (a.act) {
	case POLICY_ALLOW:
	case POLICY_TRAP:
	case POLICY_KILL_THREAD:
		return a;
	case POLICY_ERRNO:
		return a.quiet ? a : (struct policy_action){ .act = POLICY_NOTIFY };
	default:
		return (struct policy_action){ .act = POLICY_NOTIFY };
	}
}

int jail_kernel_filter(const struct policy *p, struct policy_bpf *out)
{
	struct policy k;
	int rc = 0;

	policy_init(&k);
	k.def = kernel_action(p->def);
	k.filter_flags = p->filter_flags;
	rc = allow_ending(&k);
	for (size_t i = 0; !rc && i < p->nrules; i++) {
		struct policy_rule r = p->rules[i];
		r.action = kernel_action(r.action);
		rc = policy_add_rule(&k, &r);
	}
	if (!rc)
		rc = policy_bpf_build(&k, out);
	policy_free(&k);
	return rc;
}
