/* Internal to src/trace: the state of one tracing session. */
#ifndef SG_TRACE_TRACER_H
#define SG_TRACE_TRACER_H

#include "trace_int.h"
#include "tracees.h"

struct tracer {
	struct trace_opts *o;
	struct tracee_table tt;
	struct sg_output *out;
	struct per_process *pp; /* -ff -o NAME, else NULL */
	struct trace_summary *sum;
	struct trace_stacks *stacks; /* -k, else NULL */
	pid_t main_pid;	 /* the command we started, or 0 */
	bool main_detached; /* -b execve let go of the command */
	pid_t keeper_pid; /* its parent, our child, which ends as it ended (launch.h) */
	bool main_done;	 /* it has ended */
	int exit_status; /* what sysgate exits with */
	/* In-process runs: the ring, where -e inject='s counts pass between ptrace
	 * and the agent (struct sg_ring_inject_carry); NULL under ptrace alone. */
	struct sg_ring_ctl *ring;
	/* --record FILE: the records are written there (record.h), else NULL; and
	 * record_only: nothing is decoded (no -o was given beside it). */
	struct trace_record *rec;
	bool record_only;
};

/* tracer_out.c: the run's writers (-o, -ff, -c/-C) opened: 0, or -1 (said);
 * dropped, the output unwritten (a run that could not start); closed at the
 * run's end (exit_status 1 when one could not be written). */
int tracer_open_output(struct tracer *tr);
void tracer_abort_output(struct tracer *tr);
void tracer_close_output(struct tracer *tr);
/* The command, started under ptrace: its pid, or -1 (tr->o->err says why; no
 * child left). */
pid_t tracer_start_command(struct tracer *tr);
/* -D: the command keeps sysgate's process and the tracer is its grandchild (in a
 * process group or session of its own for -DD, -DDD). Returns, in the tracer, the
 * command's pid, held under ptrace and about to exec; or -1 (tr->o->err says why),
 * in the tracer, or before the fork in sysgate's only process. The command's
 * process never returns once forked: it execs the command, or exits 126/127
 * saying why, or exits 1 when the tracer failed (the tracer says why). */
pid_t tracer_start_daemonized(struct tracer *tr);
/* In the command's process, held by its tracer: the -u user, the prefilter, then
 * exec (126 or 127 with a line on stderr when one cannot be done). */
_Noreturn void tracer_exec_command(const struct trace_opts *o, const char *path);
/* In the command's process: -u USER's groups, gid and uid (exits 126 if refused). */
void tracer_become_user(const struct trace_opts *o);
/* Hold a seized process once so that syscall stops can be switched on (without a
 * prefilter the execve entry is seen through them). 0 or -1 with errno. */
int tracer_hold_for_syscall_stops(pid_t pid);
/* Once the command has ended, is the run over (what it left running is killed)?
 * Without -f, yes; with -f its traced children are followed to their end, as in
 * strace, unless sysgate was told to stop (a signal passed on to the command). */
bool trace_ends_with_command(const struct trace_opts *o);
/* Write one event (not under -c), stamped with the time of day when shown; an
 * event that already carries its time keeps it. */
void tracer_emit(struct tracer *tr, struct sg_event *ev);
/* A call's end as the run wants it: in full for the writers; by value for an
 * observer, which has the texts made, if at all, while it has the call and its
 * memory is still there (sg_decode_exit_values). */
void tracer_decode_exit(const struct tracer *tr, struct sg_call *c, int64_t ret);
/* PTRACE_SEIZE options for this run (started: the command is sysgate's own). */
long tracer_seize_options(const struct trace_opts *o, bool started);
/* hide_agent.c: the dynamic loader's calls that load the agent library. */
bool hide_agent_call(const struct tracee *t, long nr, const uint64_t *args);
void hide_agent_result(struct tracee *t, long nr, const uint64_t *args, int64_t ret);

/* One status from waitpid for a traced thread: a stop, or its end. */
void tracer_on_status(struct tracer *tr, pid_t tid, int status);
/* -p: 0, or -1 (tr->o->err; whatever was attached is let go again). */
int tracer_attach_all(struct tracer *tr);
void tracer_detach_all(struct tracer *tr);
/* Keep the signal dispositions sysgate started with (before changing them), and
 * in the child before exec, put them back. */
void tracer_save_signals(void);
void tracer_restore_child_signals(void);

#endif
