/* The event model every observer produces and every writer consumes. */
#ifndef SG_CORE_EVENT_H
#define SG_CORE_EVENT_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

#include "decode.h"

enum sg_event_kind {
	SG_EV_ENTER,	 /* a thread entered a syscall (call has its input arguments) */
	SG_EV_EXIT,	 /* the syscall returned (call is complete) */
	SG_EV_SIGNAL,	 /* a signal is being delivered */
	SG_EV_PROC_EXIT, /* a thread or process ended: exited or killed */
	SG_EV_DETACHED,	 /* the tracer let go of a thread that goes on running */
};

struct sg_event {
	enum sg_event_kind kind;
	pid_t pid;
	unsigned long long wall_ns; /* CLOCK_REALTIME when the event was seen */
	struct sg_call *call; /* ENTER, EXIT; for PROC_EXIT, an unfinished call */
	unsigned long long duration_ns; /* EXIT: from entry to exit */
	/* EXIT: duration_ns was taken by a tracer between the call's stops (ptrace),
	 * so it holds the stops' cost too; else the TSC around the call itself. */
	bool timed_by_stops;
	const siginfo_t *si;		/* SIGNAL */
	const struct sg_stack *stack;	/* SIGNAL, with -k: the thread's stack */
	uint64_t ip;			/* SIGNAL, with -i: where it found the thread */
	int sig;			/* SIGNAL, or PROC_EXIT when killed */
	int exit_code;			/* PROC_EXIT when exited */
	bool killed, core_dumped;	/* PROC_EXIT */
};

/* "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=12, ...}" like strace. */
void sg_format_siginfo(const siginfo_t *si, struct sg_str *out);

#endif
