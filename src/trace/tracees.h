/* Internal to src/trace: the threads being traced, by tid. */
#ifndef SG_TRACE_TRACEES_H
#define SG_TRACE_TRACEES_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/decode.h"

struct tracee {
	pid_t tid;
	bool in_syscall;	/* between entry and exit */
	bool before_exec;	/* our own child, still running sysgate's code */
	bool attached;		/* -p: detach (not kill) when we stop */
	bool injecting;		/* the current call was skipped; exit sets the error */
	/* In-process runs: ptrace holds this thread only until the agent starts in
	 * its program (the dynamic loader's calls), or for good (a static program). */
	bool until_agent;
	bool exec_pending;	/* handed over for an exec: let go again if it fails */
	bool hidden;		/* the current call is the loader loading the agent */
	int agent_fd;		/* the agent library's fd while the loader has it, + 1 */
	uint64_t agent_lo, agent_hi; /* where the loader mapped it */
	/* -k: the program's frames at an exec the agent hands over to ptrace, which
	 * sees the call made by the agent: they go with the execve's line. */
	struct sg_stack *exec_stack;
	uint64_t exec_ip; /* -i: the same execve's call site in the program, or 0 */
	uint64_t app_restorer; /* in-process -k: the program's restorer of its last signal */

	/* -e inject=: this thread's calls so far of each rule's syscall (as strace, a
	 * thread counts its own), by the rule's index; NULL until its first. */
	uint64_t *inject_seen;
	/* Observers' sampled stacks (trace_opts.stack_sample): this thread's calls
	 * so far, by syscall number (sg_stack_sampled); NULL until its first. */
	uint16_t *unwound;
	long long inject_ret;	/* what a skipped call returns (-errno or retval=) */
	int inject_sig;		/* signal=: delivered as the call returns */
	unsigned long long inject_delay_exit_us;
	bool delayed;		/* delay_enter= or delay_exit=: "(DELAYED)" */
	bool show;		/* the current call is printed */
	unsigned long long enter_ns;
	struct sg_call call;
	/* In-process backends: calls a signal handler interrupted, innermost last
	 * (the handler's own calls come in between). */
	struct sg_call outer[2];
	unsigned long long outer_enter[2];
	int nouter;
};

struct tracee_table {
	struct tracee **items;
	int n, cap;
	int ever; /* how many tracees there have been */
};

struct tracee *tracee_find(struct tracee_table *t, pid_t tid);
struct tracee *tracee_add(struct tracee_table *t, pid_t tid);
void tracee_remove(struct tracee_table *t, pid_t tid);
void tracee_free_all(struct tracee_table *t);

/* Is this call of nr to be unwound? All are without a sample size; with one
 * (an observer's), the first `first` calls of each syscall in each thread, then
 * one in `every`: repeated calls mostly come from one site, and unwinding every
 * one costs far more than the call. The agent samples by the same rule
 * (sg_stack_sampled, ring.h). */
bool tracee_stack_wanted(struct tracee *t, long nr, unsigned first, unsigned every);

#endif
