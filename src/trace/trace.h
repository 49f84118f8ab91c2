/* sysgate trace: an strace-compatible syscall tracer. */
#ifndef SG_TRACE_TRACE_H
#define SG_TRACE_TRACE_H

#include <stdbool.h>
#include <stdint.h>

/* argv[0] is "trace". Returns the exit status for sysgate. */
int sg_cmd_trace(int argc, char **argv);

/* For sysgate learn: run cmd and its children with a trace backend ("ptrace",
 * "sud", "rewrite" or "auto") and call fn at the entry of every syscall they make.
 * Returns the command's exit status (128+N when a signal N killed it). */
/* Is name a trace backend ("ptrace", "sud", "rewrite" or "auto")? */
bool sg_trace_backend_known(const char *name);
typedef void (*sg_trace_call_fn)(void *ctx, long nr, const uint64_t *args);
int sg_trace_calls(char **cmd, const char *backend, bool allow_page0, sg_trace_call_fn fn,
		   void *ctx);

/* For observers (sysgate advise): run cmd and every child it makes under a trace
 * backend and hand each event to fn as the writers would get it: a finished call
 * is an SG_EV_EXIT with its decoded struct sg_call (arguments, result, -k stack)
 * and duration; a process's end is an SG_EV_PROC_EXIT. Nothing is written. The
 * event and what it points to live only during the call to fn. Returns the
 * command's exit status (128+N when a signal N killed it); 1 or 2 with a line on
 * stderr when the run could not start. */
struct sg_event;
struct sg_trace_watch {
	const char *backend;	/* "auto", "ptrace", "sud" or "rewrite" */
	bool stacks;		/* each call's user-space stack (trace -k) */
	bool allow_page0;	/* as trace --allow-page0 */
	int strsize;		/* bytes of strings decoded (trace -s); 0: 32 */
	/* With stacks: unwind only the first stack_sample calls of each syscall
	 * in each thread, then one in stack_every (sg_stack_sampled, ring.h), as
	 * unwinding costs far more than a call; 0: all. Together below 65536. */
	unsigned stack_sample, stack_every;
	/* In-process, the buffers of read, write and their like (the data they
	 * move, only ever shown) are copied by the same rule; 0: every call's. */
	unsigned data_sample, data_every;
};
typedef void (*sg_trace_event_fn)(void *ctx, const struct sg_event *ev);
int sg_trace_observe(char **cmd, const struct sg_trace_watch *w, sg_trace_event_fn fn, void *ctx);

/* Undo what a sysgate run killed outright (SIGKILL) left changed: its /dev/shm
 * rings, and vm.mmap_min_addr lowered for --allow-page0 when no run holds it. */
void sg_trace_recover(void);

#endif
