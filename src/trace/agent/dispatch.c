/* The program's calls the agent cannot simply pass on: signal actions and masks
 * (signals.c), new threads and processes, and exec (exec.c). */
#include "agent.h"

#include <errno.h>
#include <linux/sched.h>
#include <signal.h>
#include <sys/syscall.h>

static long pass(long nr, const uint64_t *a)
{
	return sg_app_syscall6(nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4],
			       (long)a[5]);
}

/* Where a child on a new stack finds the program's registers: just below the
 * stack pointer it will have, which sg_clone_stub gives it instead. */
static struct sg_child_block *child_block(uint64_t stack_top, const struct sg_regs *r)
{
	struct sg_child_block *b =
		(struct sg_child_block *)((stack_top - sizeof(struct sg_child_block)) & ~15ull);

	*b = (struct sg_child_block){
		.rbx = r->rbx, .rbp = r->rbp, .r12 = r->r12, .r13 = r->r13, .r14 = r->r14,
		.r15 = r->r15, .rdi = r->rdi, .rsi = r->rsi, .rdx = r->rdx, .r8 = r->r8,
		.r9 = r->r9, .r10 = r->r10, .rip = r->rip, .rsp = stack_top,
	};
	return b;
}

/* A child without a stack of its own that would share memory (vfork) would run
 * on the stack frames the agent is still using in the parent: it gets a copy of
 * the memory instead, and the parent still waits for its exec or exit. */
static uint64_t unshared_vm(uint64_t flags)
{
	return flags & ~(uint64_t)CLONE_VM;
}

/* new_pidns: the child starts in another pid namespace than this process. */
static long after_fork(long ret, bool new_pidns)
{
	if (ret == 0) {
		signals_adopt();
		if (new_pidns || sg_agent.pidns_for_children)
			agent_pidns_start();
		agent_child_start();
	}
	return ret;
}

/* A child on a new stack: with its own TLS it starts clean (agent_child_start);
 * without, it writes into this thread's, which is put back here. */
static long clone_on_stack(long nr, long a0, long a1, long a2, long a3, long a4, bool own_tls)
{
	struct agent_tls saved;

	agent_tls_save(&saved);
	long ret = sg_clone_stub(nr, a0, a1, a2, a3, a4);
	if (!own_tls)
		agent_tls_restore(&saved);
	return ret;
}

static long do_clone(const struct sg_regs *r, const uint64_t *a)
{
	uint64_t flags = a[0], stack = a[1];

	if ((flags & CLONE_VM) && stack) {
		struct sg_child_block *b = child_block(stack, r);
		return clone_on_stack(SYS_clone, (long)flags, (long)b, (long)a[2], (long)a[3],
				      (long)a[4], flags & CLONE_SETTLS);
	}
	return after_fork(sg_raw_syscall6(SYS_clone, (long)unshared_vm(flags), (long)stack,
					  (long)a[2], (long)a[3], (long)a[4], 0),
			  flags & CLONE_NEWPID);
}

static long do_clone3(const struct sg_regs *r, const uint64_t *a)
{
	struct clone_args ca = { 0 };
	size_t size = a[1];

	if (size < CLONE_ARGS_SIZE_VER0 || size > sizeof(ca))
		return pass(SYS_clone3, a); /* the kernel says what is wrong */
	if (sg_safe_copy(&ca, a[0], size) != size)
		return -EFAULT;
	if ((ca.flags & CLONE_VM) && ca.stack) {
		uint64_t top = ca.stack + ca.stack_size;
		struct sg_child_block *b = child_block(top, r);
		ca.stack_size = (uint64_t)b - ca.stack;
		return clone_on_stack(SYS_clone3, (long)&ca, (long)size, 0, 0, 0,
				      ca.flags & CLONE_SETTLS);
	}
	ca.flags = unshared_vm(ca.flags);
	return after_fork(sg_raw_syscall6(SYS_clone3, (long)&ca, (long)size, 0, 0, 0, 0),
			  ca.flags & CLONE_NEWPID);
}

long agent_perform(struct sg_regs *r, const uint64_t *a)
{
	switch (r->rax) {
	case SYS_rt_sigaction:
		return signals_sigaction(a);
	case SYS_rt_sigprocmask:
		return signals_sigprocmask(a);
	case SYS_rt_sigsuspend:
	case SYS_ppoll:
	case SYS_pselect6:
	case SYS_epoll_pwait:
	case SYS_epoll_pwait2:
		return signals_masked_call((long)r->rax, a);
	case SYS_clone:
		return do_clone(r, a);
	case SYS_clone3:
		return do_clone3(r, a);
	case SYS_fork:
		return after_fork(sg_sys(SYS_fork, 0, 0, 0), false);
	case SYS_vfork:
		return after_fork(sg_sys(SYS_clone, CLONE_VFORK | SIGCHLD, 0, 0), false);
	case SYS_unshare:
	case SYS_setns: {
		long ret = pass((long)r->rax, a);
		agent_pidns_note_call((long)r->rax, a, ret);
		return ret;
	}
	case SYS_mprotect:
	case SYS_pkey_mprotect:
	case SYS_munmap:
	case SYS_mremap:
	case SYS_mmap: {
		if (r->rax == SYS_munmap || r->rax == SYS_mremap)
			agent_wait_read(); /* -k: calls recorded so far may be in that code */
		long ret = pass((long)r->rax, a);
		rewrite_note_mapping((long)r->rax, a);
		agent_note_remap((long)r->rax, a, ret);
		return ret;
	}
	default:
		return pass((long)r->rax, a);
	}
}
