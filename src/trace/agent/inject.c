/* -e inject= in the program: the agent changes a traced call itself, by the rules
 * sysgate put in the ring (ring.h, struct sg_inject), as the tracer does at its
 * stops under ptrace (ptrace.c). Its own calls (sleeping, raising the signal) are
 * raw ones: not traced. */
#include "agent.h"

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>

/* This thread's calls so far of each syscall (as strace, a thread counts its own
 * traced calls). They are the thread tls_seen_tid's: a new thread or process, whose
 * memory may be a copy of this one, starts again from 0 at its first call. */
static __thread uint32_t tls_seen[SG_RING_NR] __attribute__((tls_model("initial-exec")));
static __thread int tls_seen_tid __attribute__((tls_model("initial-exec")));

const struct sg_inject *agent_inject_due(long nr)
{
	const struct sg_ring_ctl *ctl = sg_agent.ring.ctl;

	if (nr < 0 || nr >= SG_RING_NR || !(ctl->injected[nr / 64] >> (nr % 64) & 1))
		return NULL;
	if (tls_seen_tid != agent_tid()) {
		memset(tls_seen, 0, sizeof(tls_seen));
		tls_seen_tid = agent_tid();
	}
	const struct sg_inject *r = &ctl->inject[nr];
	return sg_inject_due(r, ++tls_seen[nr]) ? r : NULL;
}

static bool any_rule(void)
{
	for (int i = 0; i < SG_RING_NR / 64; i++)
		if (sg_agent.ring.ctl->injected[i])
			return true;
	return false;
}

/* The counts go on in the next program, as strace's do: kept in the ring across
 * the exec (and the loader's calls, which ptrace counts on). */
void agent_inject_carry_out(void)
{
	if (!any_rule())
		return;
	if (tls_seen_tid != agent_tid()) { /* none yet: the next program starts at 0 */
		sg_ring_carry_take(sg_agent.ring.ctl, agent_rec_tid(), NULL);
		return;
	}
	sg_ring_carry_put(sg_agent.ring.ctl, agent_rec_tid(), tls_seen);
}

void agent_inject_carry_back(void)
{
	if (any_rule())
		sg_ring_carry_take(sg_agent.ring.ctl, agent_rec_tid(), NULL);
}

void agent_inject_carry_in(int32_t exec_tid)
{
	if (!any_rule())
		return;
	if (sg_ring_carry_take(sg_agent.ring.ctl, exec_tid, tls_seen) ||
	    sg_ring_carry_take(sg_agent.ring.ctl, agent_rec_tid(), tls_seen))
		tls_seen_tid = agent_tid();
}

/* delay_enter=, delay_exit=: the thread sleeps (the others run on; under ptrace the
 * tracer sleeps, and every traced thread waits). Signals wait too, as they do for a
 * thread the tracer holds; the agent's own (faults, dispatch) cannot. */
static void sleep_us(uint64_t us)
{
	struct timespec ts = { (time_t)(us / 1000000), (long)(us % 1000000) * 1000 };
	uint64_t all = ~AGENT_OWNED_SIGNALS, old;

	sg_raw_syscall6(SYS_rt_sigprocmask, SIG_BLOCK, (long)&all, (long)&old, 8, 0, 0);
	while (sg_sys(SYS_nanosleep, (long)&ts, (long)&ts, 0) == -EINTR)
		;
	sg_raw_syscall6(SYS_rt_sigprocmask, SIG_SETMASK, (long)&old, 0, 8, 0, 0);
}

long agent_inject_perform(struct sg_regs *r, const uint64_t *args, const struct sg_inject *inj,
			  unsigned *flags)
{
	if (!inj)
		return agent_perform(r, args);
	if (inj->delay_enter_us || inj->delay_exit_us)
		*flags |= SG_EXIT_DELAYED;
	if (inj->delay_enter_us)
		sleep_us(inj->delay_enter_us);
	long ret;
	if (inj->err || inj->has_retval) {
		ret = inj->has_retval ? (long)inj->retval : -(long)inj->err;
		*flags |= SG_EXIT_INJECTED;
	} else {
		ret = agent_perform(r, args);
	}
	return ret;
}

/* signal= to raise once the call is back in the program. */
static __thread int tls_pending_sig __attribute__((tls_model("initial-exec")));

/* delay_exit= holds the thread after its call's end is recorded (so, as in
 * strace, the call's time leaves it out; delay_enter= is in it). */
void agent_inject_finish(const struct sg_inject *inj)
{
	if (!inj)
		return;
	if (inj->delay_exit_us)
		sleep_us(inj->delay_exit_us);
	tls_pending_sig = inj->sig;
}

/* signal=: ptrace's tracer delivers it as the call returns, sent by the kernel
 * (si_code SI_KERNEL, nothing else set): the thread sends itself the same, which
 * the kernel allows a thread for itself. Deferred, it is blocked until the SIGSYS
 * handler returns (its frame keeps the program's mask): the program's handler
 * then finds the program's registers, as under ptrace. The agent's own signals
 * are never blocked. */
void agent_inject_raise(bool deferred)
{
	int sig = tls_pending_sig;

	if (!sig)
		return;
	tls_pending_sig = 0;
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	si.si_code = SI_KERNEL;
	uint64_t bit = 1ull << (sig - 1);
	if (deferred && !(bit & AGENT_OWNED_SIGNALS))
		sg_raw_syscall6(SYS_rt_sigprocmask, SIG_BLOCK, (long)&bit, 0, 8, 0, 0);
	long pid = sg_sys(SYS_getpid, 0, 0, 0);
	if (sg_raw_syscall6(SYS_rt_tgsigqueueinfo, pid, agent_tid(), sig, (long)&si, 0, 0) < 0)
		sg_sys(SYS_tgkill, pid, agent_tid(), sig);
}
