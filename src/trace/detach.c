/* Letting go: attached processes must keep running exactly as before. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "core/util.h"
#include "tracer.h"

/* Stop the thread (it may be running), then detach, handing back a signal that
 * was about to be delivered so that nothing is lost. */
static void detach_one(struct tracee *t)
{
	int status, sig = 0;

	if (ptrace(PTRACE_DETACH, t->tid, 0, 0) == 0)
		return; /* it was already in a stop */
	if (ptrace(PTRACE_INTERRUPT, t->tid, 0, 0) < 0)
		return;
	for (;;) {
		if (waitpid(t->tid, &status, __WALL) < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (!WIFSTOPPED(status))
			return; /* it exited meanwhile */
		int event = (unsigned)status >> 16;
		if (!event && WSTOPSIG(status) != (SIGTRAP | 0x80))
			sig = WSTOPSIG(status); /* a signal-delivery-stop: pass the signal on */
		if (ptrace(PTRACE_DETACH, t->tid, 0, sig) == 0 || errno == ESRCH)
			return;
	}
}

/* Was its attaching said on stderr (a -p process; -D's command without -o)? */
static bool announced(const struct tracer *tr, pid_t tid)
{
	if (tr->o->quiet)
		return false;
	if (tr->o->daemonize)
		return tid == tr->main_pid && !tr->o->outfile;
	for (int j = 0; j < tr->o->nattach; j++)
		if (tr->o->attach[j] == tid)
			return true;
	return false;
}

void tracer_detach_all(struct tracer *tr)
{
	for (int i = 0; i < tr->tt.n; i++) {
		struct tracee *t = tr->tt.items[i];
		if (!t->attached) {
			kill(t->tid, SIGKILL); /* ours: never leave it behind unsupervised */
			continue;
		}
		detach_one(t);
		if (t->in_syscall && t->show && !tr->o->summary) {
			/* strace ends a call left open with " <detached ...>". */
			struct sg_event ev = { .kind = SG_EV_DETACHED, .pid = t->tid };
			tracer_emit(tr, &ev);
		}
		if (announced(tr, t->tid))
			fprintf(stderr, "sysgate: process %d detached\n", t->tid);
	}
}
