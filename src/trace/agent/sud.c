/* Syscall User Dispatch: every syscall outside the agent's exempt code traps with
 * SIGSYS; the handler runs it for the program, recorded. */
#include "agent.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <ucontext.h>

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_ON 1
#endif
#ifndef SYS_USER_DISPATCH
#define SYS_USER_DISPATCH 2
#endif

struct kact {
	uint64_t handler, flags, restorer, mask;
};

static void on_sigsys(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	greg_t *g = uc->uc_mcontext.gregs;

	if (si->si_code != SYS_USER_DISPATCH) {
		signals_forward_sigsys(sig, si, ucv); /* a seccomp trap of the program's own */
		return;
	}
	if (g[REG_RAX] == SYS_rt_sigreturn) {
		/* A restorer the agent did not install: return through the agent's. */
		g[REG_RIP] = (greg_t)sg_restorer_app;
		return;
	}
	if (sg_agent.backend == SG_BACKEND_REWRITE)
		rewrite_site((uint64_t)g[REG_RIP]);
	struct sg_regs r;

	agent_regs_of(uc, &r);
	long ret = agent_syscall(&r);
	g[REG_RAX] = (greg_t)ret;
	/* Returning from this handler restores the signal mask and alternate stack
	 * the program had when it trapped: a change it just made must be put into the
	 * frame, or it would be undone. */
	if (ret == 0 && r.rax == SYS_rt_sigprocmask)
		sg_raw_syscall6(SYS_rt_sigprocmask, SIG_SETMASK, 0, (long)&uc->uc_sigmask, 8, 0, 0);
	if (ret == 0 && r.rax == SYS_sigaltstack)
		sg_raw_syscall6(SYS_sigaltstack, 0, (long)&uc->uc_stack, 0, 0, 0, 0);
	agent_inject_raise(true);
}

int sud_init(void)
{
	/* SA_NODEFER: a handler of the program that runs while the agent performs a
	 * call (a signal during a blocking read) makes syscalls of its own. */
	struct kact a = { (uint64_t)on_sigsys, SA_SIGINFO | SA_NODEFER | SA_RESTORER,
			  (uint64_t)sg_restorer_quiet, 0 };

	return sg_raw_syscall6(SYS_rt_sigaction, SIGSYS, (long)&a, 0, 8, 0, 0) < 0 ? -1 : 0;
}

int sud_enable(void)
{
	return (int)sg_raw_syscall6(SYS_prctl, PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON,
				    (long)sg_exempt_start, sg_exempt_end - sg_exempt_start, 0,
				    0);
}
