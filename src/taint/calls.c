/* The one table of the calls the monitor decides, and the kernel filter made from
 * it: notify for these, allow everything else at full speed. Non-native ABIs are
 * killed (policy_compile). */
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <stdint.h>
#include <sys/socket.h>

#include "core/policy.h"
#include "core/syscalls.h"
#include "core/util.h"
#include "monitor.h"

static const struct {
	const char *name;
	enum taint_call kind;
} calls[] = {
	{ "open", TC_OPEN },
	{ "creat", TC_CREAT },
	{ "openat", TC_OPENAT },
	{ "openat2", TC_OPENAT2 },
	{ "execve", TC_EXEC },
	{ "execveat", TC_EXEC },
	{ "clone", TC_CLONE }, /* only with a namespace flag: see add_rules */
	{ "clone3", TC_CLONE3 },
	{ "connect", TC_CONNECT },
	{ "sendto", TC_SENDTO },
	{ "sendmsg", TC_SENDMSG },
	{ "sendmmsg", TC_SENDMMSG },
	{ "setuid", TC_SETID },
	{ "setgid", TC_SETID },
	{ "setreuid", TC_SETID },
	{ "setregid", TC_SETID },
	{ "setresuid", TC_SETID },
	{ "setresgid", TC_SETID },
	{ "setfsuid", TC_SETID },
	{ "setfsgid", TC_SETID },
	{ "vmsplice", TC_CLOSED_TAINTED },
	{ "unshare", TC_NAMESPACE },
	{ "setns", TC_NAMESPACE },
	{ "msgsnd", TC_CLOSED_TAINTED },
	{ "shmat", TC_SHMAT },
	{ "mq_timedsend", TC_CLOSED_TAINTED },
	{ "io_uring_setup", TC_CLOSED_ALWAYS },
	{ "io_uring_enter", TC_CLOSED_ALWAYS },
	{ "io_uring_register", TC_CLOSED_ALWAYS },
	{ "process_vm_readv", TC_CLOSED_ALWAYS },
	{ "process_vm_writev", TC_CLOSED_ALWAYS },
	{ "ptrace", TC_CLOSED_ALWAYS },
	{ "open_by_handle_at", TC_CLOSED_ALWAYS },
	{ "name_to_handle_at", TC_CLOSED_ALWAYS },
	{ "pidfd_getfd", TC_CLOSED_ALWAYS }, /* another process's fds: the monitor's too */
	{ "socket", TC_SOCKET },
	{ "listen", TC_LISTEN },
	{ "mount", TC_MOUNT },
	{ "umount2", TC_MOUNT },
	{ "move_mount", TC_MOUNT },
	{ "fsmount", TC_MOUNT },
	{ "open_tree", TC_MOUNT },
	{ "pivot_root", TC_MOUNT },
};

static unsigned char kind_by_nr[SG_NR_SYSCALLS];

/* The namespace flags a tainted process may not pass to clone. */
static const uint64_t ns_flags[] = { CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET, CLONE_NEWPID,
				     CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWCGROUP };

/* One notify rule per flag, ORed: the call is notified when arg has any of them. */
static int notify_any(struct policy *p, int nr, unsigned arg, const uint64_t *flags, size_t n)
{
	struct policy_rule r = { .nr = nr, .action = { .act = POLICY_NOTIFY }, .ncond = 1 };
	int rc = 0;

	for (size_t i = 0; !rc && i < n; i++) {
		r.cond[0] = (struct policy_cond){ .arg = arg, .op = POLICY_MASKED_EQ,
						  .mask = flags[i], .value = flags[i] };
		rc = policy_add_rule(p, &r);
	}
	return rc;
}

/* socket: notified for every family but AF_UNIX, AF_INET, AF_INET6 and AF_NETLINK,
 * one rule each (the kernel filter compiler takes one comparison per argument). */
static int notify_families(struct policy *p, int nr)
{
	struct policy_rule r = { .nr = nr, .action = { .act = POLICY_NOTIFY }, .ncond = 1 };
	int rc = 0;

	for (int f = 0; !rc && f <= AF_NETLINK; f++) {
		if (f == AF_UNIX || f == AF_INET || f == AF_INET6 || f == AF_NETLINK)
			continue;
		r.cond[0] = (struct policy_cond){ .arg = 0, .op = POLICY_EQ, .value = (uint64_t)f };
		rc = policy_add_rule(p, &r);
	}
	r.cond[0] = (struct policy_cond){ .arg = 0, .op = POLICY_GT, .value = AF_NETLINK };
	return rc ? rc : policy_add_rule(p, &r);
}

/* The open flags that can write, or create. */
static const uint64_t write_flags[] = { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, __O_TMPFILE };

/* Notify for the call; clone only when it asks for a namespace. A plain fork,
 * vfork or clone is not notified: a signal that arrives while a call waits for
 * the monitor, before the monitor has taken it, makes the call fail with EINTR,
 * and a shell forking a pipeline whose first process has just exited then stops
 * with "Cannot fork". The monitor learns of a child at its first notified call
 * instead (taint_proc_of). Observed opens: only those that can write. */
static int add_rules(struct policy *p, int nr, enum taint_call kind, bool observe)
{
	struct policy_rule r = { .nr = nr, .action = { .act = POLICY_NOTIFY } };

	if (kind == TC_CLONE)
		return notify_any(p, nr, 0, ns_flags, SG_ARRAY_SIZE(ns_flags));
	if (observe && (kind == TC_OPEN || kind == TC_OPENAT))
		return notify_any(p, nr, kind == TC_OPEN ? 1 : 2, write_flags,
				  SG_ARRAY_SIZE(write_flags));
	if (!observe && (kind == TC_LISTEN || kind == TC_MOUNT || kind == TC_SOCKET))
		return 0;
	if (kind == TC_SOCKET)
		return notify_families(p, nr);
	return policy_add_rule(p, &r);
}

int taint_filter(struct policy_bpf *out, bool observe)
{
	struct policy p;
	int rc = 0;

	policy_init(&p);
	p.def.act = POLICY_ALLOW;
	for (size_t i = 0; !rc && i < sizeof(calls) / sizeof(calls[0]); i++) {
		int nr = sg_syscall_nr(calls[i].name);

		if (nr < 0) {
			rc = -ENOSYS;
			break;
		}
		kind_by_nr[nr] = (unsigned char)calls[i].kind;
		rc = add_rules(&p, nr, calls[i].kind, observe);
	}
	if (!rc)
		rc = policy_bpf_build(&p, out);
	policy_free(&p);
	return rc;
}

enum taint_call taint_call_kind(long nr)
{
	return nr >= 0 && nr < SG_NR_SYSCALLS ? (enum taint_call)kind_by_nr[nr] : TC_NONE;
}

const char *taint_call_name(long nr)
{
	const struct sg_syscall *s = sg_syscall(nr);

	return s ? s->name : "?";
}
