/* The program's signal actions, as the agent keeps them.
 *
 * The agent must own three things the program could otherwise take from it:
 *  - SIGSYS, which Syscall User Dispatch raises: the program's own SIGSYS action is
 *    kept here and used for SIGSYS that does not come from dispatch;
 *  - SIGSEGV and SIGBUS, so that a bad pointer the agent copies from ends the copy
 *    instead of the program; other faults go to the program's action;
 *  - the restorer of every handler: rt_sigreturn must come from the agent's exempt
 *    code, or it would trap in the middle of returning.
 * SIGSYS is never blocked for real: with it blocked, the next syscall would kill
 * the program. What the program asked for is remembered and shown back to it. */
#include "agent.h"

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <ucontext.h>

struct kact {
	uint64_t handler, flags, restorer, mask;
};

#define BIT(sig) (1ull << ((sig) - 1))
#define HANDLER_DFL 0
#define HANDLER_IGN 1

static struct kact app[65];	/* the program's actions, where the agent differs */
static bool app_known[65];
static long app_owner;		/* the process app[] belongs to */

static long ksigaction(int sig, const struct kact *a, struct kact *old)
{
	return sg_raw_syscall6(SYS_rt_sigaction, sig, (long)a, (long)old, 8, 0, 0);
}

static bool owned(int sig)
{
	return sig == SIGSYS || sig == SIGSEGV || sig == SIGBUS;
}

static void on_fault(int sig, siginfo_t *si, void *ucv);

/* The kernel's action for a fault signal: always on_fault, with the program's flags
 * and mask so that its handler runs as it asked. */
static long install_fault(int sig)
{
	const struct kact *a = &app[sig];
	bool has_handler = a->handler != HANDLER_DFL && a->handler != HANDLER_IGN;
	/* SA_NODEFER: the agent's own copy may fault inside the program's handler. */
	struct kact k = {
		(uint64_t)on_fault,
		(a->flags & SA_ONSTACK) | SA_NODEFER | SA_SIGINFO | SA_RESTORER,
		(uint64_t)(has_handler ? sg_restorer_app : sg_restorer_quiet),
		a->mask & ~AGENT_OWNED_SIGNALS,
	};
	return ksigaction(sig, &k, NULL);
}

static void die_of(int sig)
{
	struct kact dfl = { HANDLER_DFL, 0, 0, 0 };
	long pid = sg_sys(SYS_getpid, 0, 0, 0);

	ksigaction(sig, &dfl, NULL);
	sg_sys(SYS_tgkill, pid, agent_tid(), sig);
}

static void call_app_handler(const struct kact *a, int sig, siginfo_t *si, void *uc)
{
	if (a->flags & SA_SIGINFO)
		((void (*)(int, siginfo_t *, void *))a->handler)(sig, si, uc);
	else
		((void (*)(int))a->handler)(sig);
}

/* The signal, before the program's handler a runs. With -k, where it found the
 * thread, and the restorer the program gave (which the agent's stands in for). */
static void note_signal(int sig, const siginfo_t *si, const ucontext_t *uc, const struct kact *a)
{
	long restorer = a->flags & SA_RESTORER ? (long)a->restorer : 0;

	if (agent_quiet() || sg_agent.summary)
		return;
	uint64_t ip = sg_agent.ip ? agent_signal_site(uc) : 0; /* -i */
	if (sg_agent.stacks)
		stacks_record_signal(sig, si, uc, restorer, ip);
	else
		agent_record_bytes3(SG_REC_SIGNAL, sig, 0, (long)ip, si, sizeof(*si));
}

/* Every handler of the program is reached through here: the trace shows the
 * signal, as under ptrace, before the handler runs. */
static void on_app_signal(int sig, siginfo_t *si, void *uc)
{
	struct kact a = app[sig];

	agent_note_return_at_signal(uc);
	note_signal(sig, si, uc, &a);
	if (a.flags & SA_RESETHAND)
		app[sig] = (struct kact){ HANDLER_DFL, 0, 0, 0 };
	if (a.handler != HANDLER_DFL && a.handler != HANDLER_IGN)
		call_app_handler(&a, sig, si, uc);
}

static void on_fault(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	struct kact a = app[sig];

	if (uc->uc_mcontext.gregs[REG_RIP] == (greg_t)sg_copy_insn) {
		uc->uc_mcontext.gregs[REG_RIP] = (greg_t)sg_copy_fault;
		return;
	}
	if (a.handler == HANDLER_IGN && si->si_code <= 0)
		return; /* sent by someone, and ignored */
	if (a.handler == HANDLER_DFL || a.handler == HANDLER_IGN) {
		/* A real fault re-faults on return, a sent signal is pending: either way
		 * the default action (and its core dump) happens as without the agent. */
		die_of(sig);
		return;
	}
	note_signal(sig, si, uc, &a);
	if (a.flags & SA_RESETHAND) {
		app[sig] = (struct kact){ HANDLER_DFL, 0, 0, 0 };
		install_fault(sig);
	}
	call_app_handler(&a, sig, si, ucv);
}

void signals_forward_sigsys(int sig, siginfo_t *si, void *uc)
{
	struct kact a = app[SIGSYS];

	if (a.handler == HANDLER_DFL || a.handler == HANDLER_IGN) {
		die_of(sig);
		return;
	}
	call_app_handler(&a, sig, si, uc);
}

/* The frame the kernel built for a handler (its rt_sigframe): the restorer's
 * address, the kernel's struct ucontext, then the siginfo. The restorer finds
 * the ucontext at its stack pointer; the siginfo follows it. */
#define KERNEL_UCONTEXT_SIZE 304 /* flags, link, stack (24), sigcontext (256), mask */
_Static_assert(offsetof(ucontext_t, uc_sigmask) + 8 == KERNEL_UCONTEXT_SIZE,
	       "the kernel's ucontext ends with its 8-byte signal mask");

uint64_t signals_sigreturn_site(const ucontext_t *uc)
{
	siginfo_t si;
	uint8_t code[16];

	if (sg_safe_copy(&si, (uint64_t)uc + KERNEL_UCONTEXT_SIZE, sizeof(si)) != sizeof(si) ||
	    si.si_signo < 1 || si.si_signo > 64 || !(app[si.si_signo].flags & SA_RESTORER))
		return 0;
	/* glibc's __restore_rt is "mov $15, %rax; syscall": the site is after the
	 * first syscall instruction of the restorer. */
	uint64_t restorer = app[si.si_signo].restorer;
	size_t n = sg_safe_copy(code, restorer, sizeof(code));
	for (size_t i = 0; i + 1 < n; i++)
		if (code[i] == 0x0f && code[i + 1] == 0x05)
			return restorer + i + 2;
	return 0;
}

void signals_adopt(void)
{
	app_owner = sg_sys(SYS_getpid, 0, 0, 0);
}

int signals_init(void)
{
	signals_adopt();
	for (int sig = 1; sig <= 64; sig++) {
		if (!owned(sig))
			continue;
		if (ksigaction(sig, NULL, &app[sig]) < 0)
			return -1;
		app_known[sig] = true;
		if (sig != SIGSYS && install_fault(sig) < 0)
			return -1;
	}
	return 0;
}

static long read_act(uint64_t addr, struct kact *a)
{
	return sg_safe_copy(a, addr, sizeof(*a)) == sizeof(*a) ? 0 : -EFAULT;
}

static long write_act(uint64_t addr, const struct kact *a)
{
	volatile struct kact *dst = (struct kact *)addr;

	/* The kernel already wrote here, so the address is good. */
	dst->handler = a->handler;
	dst->flags = a->flags;
	dst->restorer = a->restorer;
	dst->mask = a->mask;
	return 0;
}

long signals_sigaction(const uint64_t *args)
{
	int sig = (int)args[0];
	struct kact act, old;

	if (args[3] != 8 || sig < 1 || sig > 64)
		return sg_raw_syscall6(SYS_rt_sigaction, (long)args[0], (long)args[1],
				       (long)args[2], (long)args[3], 0, 0);
	if (args[1] && read_act(args[1], &act) < 0)
		return -EFAULT;
	if (sg_sys(SYS_getpid, 0, 0, 0) != app_owner) {
		/* A child sharing the program's memory (posix_spawn's, before its exec):
		 * app[] is the parent's, so the child's changes go to the kernel as
		 * they are, and the agent's own signals stay the agent's. */
		if (owned(sig))
			return 0;
		struct kact k = act;
		k.mask &= ~AGENT_OWNED_SIGNALS;
		return sg_raw_syscall6(SYS_rt_sigaction, sig, args[1] ? (long)&k : 0,
				       (long)args[2], 8, 0, 0);
	}
	if (owned(sig)) {
		old = app[sig];
		/* The kernel's answer tells whether oldact is writable; then it is
		 * overwritten with the program's own action. */
		if (args[2] && sg_raw_syscall6(SYS_rt_sigaction, sig, 0, (long)args[2], 8, 0, 0) < 0)
			return -EFAULT;
		if (args[1]) {
			app[sig] = act;
			if (sig != SIGSYS)
				install_fault(sig);
		}
		if (args[2])
			write_act(args[2], &old);
		return 0;
	}
	struct kact k = act;
	if (args[1] && act.handler != HANDLER_DFL && act.handler != HANDLER_IGN) {
		k.handler = (uint64_t)on_app_signal;
		k.flags |= SA_RESTORER | SA_SIGINFO;
		k.restorer = (uint64_t)sg_restorer_app;
	}
	k.mask &= ~AGENT_OWNED_SIGNALS;
	long ret = sg_raw_syscall6(SYS_rt_sigaction, sig, args[1] ? (long)&k : 0, (long)args[2],
				   8, 0, 0);
	if (ret < 0)
		return ret;
	if (args[2] && app_known[sig]) {
		old = app[sig];
		write_act(args[2], &old);
	}
	if (args[1]) {
		app[sig] = act;
		app_known[sig] = true;
	}
	return ret;
}

long signals_sigprocmask(const uint64_t *args)
{
	int how = (int)args[0];
	uint64_t set, *setp = NULL;

	if (args[1] && args[3] == 8) {
		if (sg_safe_copy(&set, args[1], 8) != 8)
			return -EFAULT;
		setp = &set;
	}
	uint64_t was = agent_app_blocked(), now = was;
	if (setp) {
		uint64_t mine = set & AGENT_OWNED_SIGNALS;
		if (how == SIG_BLOCK)
			now = was | mine;
		else if (how == SIG_UNBLOCK)
			now = was & ~mine;
		else if (how == SIG_SETMASK)
			now = mine;
		set &= ~AGENT_OWNED_SIGNALS;
	}
	long ret = sg_raw_syscall6(SYS_rt_sigprocmask, how, setp ? (long)setp : (long)args[1],
				   (long)args[2], (long)args[3], 0, 0);
	if (ret < 0)
		return ret;
	agent_set_app_blocked(now);
	if (args[2] && args[3] == 8 && was)
		*(volatile uint64_t *)args[2] |= was;
	return ret;
}

/* The call's mask with the signals the agent owns taken out; the program's view
 * of those (blocked or not) into *owned. NULL if it has none. */
static uint64_t *own_mask(uint64_t addr, uint64_t *mask, uint64_t *owned, long *err)
{
	if (sg_safe_copy(mask, addr, 8) != 8) {
		*err = -EFAULT;
		return NULL;
	}
	*owned = *mask & AGENT_OWNED_SIGNALS;
	*mask &= ~AGENT_OWNED_SIGNALS;
	return mask;
}

/* Where each call keeps its mask: the argument index of the pointer, or for
 * pselect6 the pointer to a {mask, size} pair. While the call waits, the program
 * believes the owned signals of its mask blocked (a handler's rt_sigreturn shows
 * them so). */
long signals_masked_call(long nr, const uint64_t *args)
{
	uint64_t a[6], mask, pair[2], was = agent_app_blocked(), owned = was;
	int idx = nr == SYS_rt_sigsuspend ? 0 : nr == SYS_ppoll ? 3 : nr == SYS_pselect6 ? 5 : 4;
	long err = 0;

	for (int i = 0; i < 6; i++)
		a[i] = args[i];
	if (nr == SYS_pselect6 && a[5]) {
		if (sg_safe_copy(pair, a[5], sizeof(pair)) != sizeof(pair))
			return -EFAULT;
		if (pair[0] && pair[1] == 8) {
			if (!own_mask(pair[0], &mask, &owned, &err))
				return err;
			pair[0] = (uint64_t)&mask;
			a[5] = (uint64_t)pair;
		}
	} else if (nr != SYS_pselect6 && a[idx]) {
		if (!own_mask(a[idx], &mask, &owned, &err))
			return err;
		a[idx] = (uint64_t)&mask;
	}
	agent_set_app_blocked(owned);
	long ret = sg_app_syscall6(nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4],
				   (long)a[5]);
	agent_set_app_blocked(was);
	return ret;
}
