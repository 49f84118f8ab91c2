/* The ptrace backend: one wait loop, one handler per kind of stop. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <linux/ptrace.h>

#include "core/util.h"
#include "launch/launch.h"
#include "ring.h"
#include "stack.h"
#include "record.h"
#include "tracer.h"

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	interrupted = sig;
}

static void resume(struct tracer *tr, struct tracee *t, int sig)
{
	/* With the prefilter, a tracee outside a syscall runs until the next
	 * SECCOMP_RET_TRACE; inside one, we want its exit stop. */
	int req = tr->o->prefilter && !t->in_syscall ? PTRACE_CONT : PTRACE_SYSCALL;

	ptrace(req, t->tid, 0, sig); /* ESRCH: it died; waitpid tells us */
}

void tracer_decode_exit(const struct tracer *tr, struct sg_call *c, int64_t ret)
{
	if (tr->o->on_event)
		sg_decode_exit_values(c, &tr->o->dec, ret);
	else
		sg_decode_exit(c, &tr->o->dec, ret);
}

void tracer_emit(struct tracer *tr, struct sg_event *ev)
{
	if (tr->o->on_event) { /* an observer: no writer formats anything */
		if (!ev->wall_ns)
			ev->wall_ns = sg_wall_ns();
		tr->o->on_event(tr->o->on_event_ctx, ev);
		return;
	}
	if (tr->o->summary)
		return;
	sg_output_set_multi(tr->out, tr->tt.ever > 1 || tr->o->outfile);
	if (!tr->o->out.time && !tr->o->out.json)
		ev->wall_ns = 0;
	else if (!ev->wall_ns)
		ev->wall_ns = sg_wall_ns(); /* seen now (an in-process event brings its own) */
	if (!tr->pp) {
		sg_output_event(tr->out, ev);
		return;
	}
	struct sg_output *out = per_process_out(tr->pp, ev->pid);
	if (out)
		sg_output_event(out, ev);
	if (ev->kind == SG_EV_PROC_EXIT)
		per_process_end(tr->pp, ev->pid);
}

static bool shown(const struct tracer *tr, long nr)
{
	if (tr->o->select_all)
		return true;
	return nr >= 0 && nr < SG_NR_SYSCALLS && tr->o->selected[nr];
}

static void sleep_us(unsigned long long us)
{
	struct timespec ts = { (time_t)(us / 1000000), (long)(us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* -e inject=: the thread's counts, from 0; or in-process, those its program's
 * agent left in the ring before the exec whose loader ptrace now sees. */
static uint64_t *inject_counts(struct tracer *tr, struct tracee *t)
{
	uint32_t carried[SG_RING_NR];

	if (t->inject_seen)
		return t->inject_seen;
	t->inject_seen = sg_xcalloc((size_t)tr->o->ninjects, sizeof(*t->inject_seen));
	if (tr->ring && sg_ring_carry_take(tr->ring, t->tid, carried))
		for (int i = 0; i < tr->o->ninjects; i++)
			if (tr->o->injects[i].nr < SG_RING_NR)
				t->inject_seen[i] = carried[tr->o->injects[i].nr];
	return t->inject_seen;
}

/* In-process: the agent counts on from where the loader's calls left off. */
static void inject_counts_to_agent(struct tracer *tr, const struct tracee *t)
{
	uint32_t seen[SG_RING_NR] = { 0 };

	if (!tr->ring || !t->inject_seen)
		return; /* none counted here: what the agent left, if anything, stays */
	for (int i = 0; i < tr->o->ninjects; i++)
		if (tr->o->injects[i].nr < SG_RING_NR)
			seen[tr->o->injects[i].nr] = (uint32_t)t->inject_seen[i];
	sg_ring_carry_put(tr->ring, t->tid, seen);
}

/* -e inject=: at a call's entry, skip it (error=, retval=), hold it back
 * (delay_enter=) and note what its exit must do (delay_exit=, signal=). */
static void maybe_inject(struct tracer *tr, struct tracee *t, long nr)
{
	int i = trace_inject_index(tr->o, nr);

	if (i < 0)
		return;
	const struct sg_inject *r = &tr->o->injects[i].how;
	if (!sg_inject_due(r, ++inject_counts(tr, t)[i]))
		return;
	/* orig_rax = -1 makes the kernel skip the call. If the poke fails (the thread
	 * died under us) the call was not skipped: say nothing was injected rather
	 * than report a result it did not get. */
	if ((r->err || r->has_retval) &&
	    ptrace(PTRACE_POKEUSER, t->tid, offsetof(struct user_regs_struct, orig_rax), -1L) == 0) {
		t->injecting = true;
		t->inject_ret = r->has_retval ? r->retval : -r->err;
	}
	if (r->delay_enter_us)
		sleep_us(r->delay_enter_us); /* every traced thread waits too */
	t->inject_sig = r->sig;
	t->inject_delay_exit_us = r->delay_exit_us;
	t->delayed = r->delay_enter_us || r->delay_exit_us;
}

/* The agent has started in this thread's program: it observes from here on. */
static void hand_back(struct tracer *tr, struct tracee *t)
{
	inject_counts_to_agent(tr, t);
	ptrace(PTRACE_DETACH, t->tid, 0, 0);
	tracee_remove(&tr->tt, t->tid);
}

/* -b execve: let go of a process as it replaces its program (its call stays
 * "<detached ...>"); it runs on untraced. The command's first exec is traced. */
static void detach_at_exec(struct tracer *tr, struct tracee *t)
{
	pid_t tid = t->tid;

	if (t->show && !tr->o->summary && tr->o->status == STATUS_ALL) {
		struct sg_event ev = { .kind = SG_EV_DETACHED, .pid = tid };
		tracer_emit(tr, &ev);
	}
	ptrace(PTRACE_DETACH, tid, 0, 0);
	if (!tr->o->quiet)
		fprintf(stderr, "sysgate: process %d detached\n", tid);
	if (tid == tr->main_pid)
		tr->main_detached = true; /* its end comes as its keeper's, or as our child's */
	tracee_remove(&tr->tt, tid);
}

/* In-process, an observer's call made by the dynamic loader before the agent
 * starts: the loader is nobody's site, and its frames cost a reading of the
 * process's modules at each object it maps. A static program, held all along,
 * and what other objects' constructors call before the agent's are unwound. */
static bool loader_for_observer(struct tracer *tr, struct tracee *t, uint64_t ip)
{
	return tr->o->on_event && t->until_agent && stacks_in_loader(tr->stacks, t->tid, ip);
}

static void decode_entry(struct tracer *tr, struct tracee *t, long nr)
{
	/* An observer's texts are made when a rule asks, at the call's end (the
	 * thread is stopped there): at entry only what must be read then (write's
	 * data, say, need not be). */
	if (tr->o->on_event && sg_decode_entry_keeps(nr))
		sg_decode_enter_values(&t->call, &tr->o->dec);
	else
		sg_decode_enter(&t->call, &tr->o->dec);
	/* With a status filter the line is only known to be wanted at exit. */
	if (tr->o->status == STATUS_ALL) {
		struct sg_event ev = { .kind = SG_EV_ENTER, .pid = t->tid, .call = &t->call };
		tracer_emit(tr, &ev);
	}
}

/* Returns true when the tracee was let go (and t is gone). */
static bool on_entry(struct tracer *tr, struct tracee *t, long nr, const uint64_t *args,
		     uint64_t ip)
{
	if (t->in_syscall)
		return false; /* the seccomp stop that follows a syscall-entry stop */
	if (nr == SG_AGENT_MARKER_NR && t->until_agent) {
		hand_back(tr, t);
		return true;
	}
	t->in_syscall = true;
	t->hidden = hide_agent_call(t, nr, args);
	t->show = shown(tr, nr) && !(t->before_exec && nr != SYS_execve && nr != SYS_execveat) &&
		  !t->hidden;
	t->call.pid = t->tid;
	t->call.nr = nr;
	t->call.ip = ip;
	memcpy(t->call.args, args, sizeof(t->call.args));
	if (t->show && (tr->o->npaths || tr->o->any_trace_fds) && !trace_touches_path(tr->o, &t->call))
		t->show = false; /* -P */
	if (t->show && tr->o->on_call)
		tr->o->on_call(tr->o->on_call_ctx, nr, args);
	if (t->show && !tr->o->summary) {
		/* -k: unwound now, while the stack is the caller's (an exec replaces
		 * it); printed with the call's line. The command's own exec is still
		 * sysgate's code: its stack is the new program's, at its exit. One the
		 * agent handed over is made by the agent: its frames came from it. */
		if (tr->stacks && !t->before_exec && !loader_for_observer(tr, t, ip) &&
		    tracee_stack_wanted(t, nr, tr->o->stack_sample, tr->o->stack_every)) {
			t->call.stack = stacks_unwind_stopped(tr->stacks, t->tid);
		} else if (t->exec_stack && (nr == SYS_execve || nr == SYS_execveat)) {
			t->call.stack = t->exec_stack;
			t->exec_stack = NULL;
		}
		/* -i: likewise its call site in the program, not the agent's. */
		if (t->exec_ip && (nr == SYS_execve || nr == SYS_execveat))
			t->call.ip = t->exec_ip;
		t->exec_ip = 0;
		if (tr->rec)
			record_call(tr->rec, t->tid, nr, t->call.args, false, 0, 0,
				    tr->o->out.show_ip ? t->call.ip : 0);
		if (!tr->record_only)
			decode_entry(tr, t, nr);
	}
	if (tr->o->detach_on_exec && !t->before_exec && (nr == SYS_execve || nr == SYS_execveat)) {
		detach_at_exec(tr, t);
		return true;
	}
	/* As strace, delay_enter= is in the call's time (-T, -c). */
	t->enter_ns = sg_now_ns();
	/* As strace, only a call traced (and not left out by -P) is changed. */
	if (!t->before_exec && t->show)
		maybe_inject(tr, t, nr);
	return false;
}

static bool status_wanted(const struct tracer *tr, bool failed)
{
	return (tr->o->status & (failed ? STATUS_FAILED : STATUS_SUCCESSFUL)) != 0;
}

static bool on_exit_stop(struct tracer *tr, struct tracee *t, int64_t ret, bool is_error)
{
	if (!t->in_syscall)
		return false; /* attached in the middle of a call */
	unsigned long long ns = sg_now_ns() - t->enter_ns;
	if (t->injecting) {
		ret = t->inject_ret;
		is_error = ret < 0 && ret >= -4095;
		/* Fails only for a thread that died at this stop; nothing returns then. */
		if (ptrace(PTRACE_POKEUSER, t->tid, offsetof(struct user_regs_struct, rax), ret) < 0)
			ret = -ENOSYS, is_error = true; /* what the skipped call really returned */
		t->injecting = false;
		t->call.injected = true;
	}
	t->call.delayed = t->delayed;
	t->delayed = false;
	if (t->inject_delay_exit_us)
		sleep_us(t->inject_delay_exit_us);
	t->inject_delay_exit_us = 0;
	if (t->show && tr->sum)
		summary_add(tr->sum, t->call.nr, is_error, ns);
	if (tr->stacks) {
		stacks_after_call(tr->stacks, t->tid, t->call.nr, t->call.args, ret);
		/* An observer's sample leaves out a new program's start: its entry
		 * point is no call's site. */
		if (t->show && !t->call.stack && !tr->o->stack_sample)
			t->call.stack = stacks_unwind_stopped(tr->stacks, t->tid);
	}
	if (t->show && tr->rec)
		record_call(tr->rec, t->tid, t->call.nr, t->call.args, true, ret,
			    (t->call.injected ? SG_EXIT_INJECTED : 0) |
				    (t->call.delayed ? SG_EXIT_DELAYED : 0), 0);
	if (t->show && !tr->o->summary && !tr->record_only && status_wanted(tr, is_error)) {
		/* An observer's texts are made while the thread is stopped here. */
		tracer_decode_exit(tr, &t->call, ret);
		struct sg_event ev = { .kind = SG_EV_EXIT, .pid = t->tid, .call = &t->call,
				       .duration_ns = ns, .timed_by_stops = true };
		tracer_emit(tr, &ev);
	}
	if (t->hidden)
		hide_agent_result(t, t->call.nr, t->call.args, ret);
	bool failed_exec = t->exec_pending && is_error &&
			   (t->call.nr == SYS_execve || t->call.nr == SYS_execveat);
	sg_call_clear(&t->call);
	t->in_syscall = false;
	if (failed_exec) { /* the agent is still there: it goes on observing */
		hand_back(tr, t);
		return true;
	}
	return false;
}

/* Returns true when the tracee was let go. */
static bool on_syscall_stop(struct tracer *tr, struct tracee *t)
{
	struct ptrace_syscall_info info;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) <= 0)
		return false;
	switch (info.op) {
	case PTRACE_SYSCALL_INFO_ENTRY:
		if (info.entry.nr == SYS_rt_sigreturn)
			info.entry.args[0] = info.stack_pointer; /* its frame: syscall_table.c */
		return on_entry(tr, t, (long)info.entry.nr, (const uint64_t *)info.entry.args,
				info.instruction_pointer);
	case PTRACE_SYSCALL_INFO_SECCOMP: /* the prefilter's stop: the same */
		if (info.seccomp.nr == SYS_rt_sigreturn)
			info.seccomp.args[0] = info.stack_pointer;
		return on_entry(tr, t, (long)info.seccomp.nr, (const uint64_t *)info.seccomp.args,
				info.instruction_pointer);
	case PTRACE_SYSCALL_INFO_EXIT:
		return on_exit_stop(tr, t, info.exit.rval, info.exit.is_error);
	default:
		return false;
	}
}

static void on_exec(struct tracer *tr, struct tracee *t)
{
	unsigned long old = 0;

	/* A non-leader thread that calls execve takes over the leader's tid. */
	if (ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &old) == 0 && (pid_t)old != t->tid) {
		struct tracee *o = tracee_find(&tr->tt, (pid_t)old);
		if (o) {
			sg_call_clear(&t->call);
			t->call = o->call;
			t->call.pid = t->tid;
			memset(&o->call, 0, sizeof(o->call));
			t->in_syscall = o->in_syscall;
			t->show = o->show;
			t->enter_ns = o->enter_ns;
			t->until_agent = o->until_agent;
			t->hidden = o->hidden;
			tracee_remove(&tr->tt, (pid_t)old);
		}
	}
	t->before_exec = false;
	t->exec_pending = false;
	t->agent_fd = 0; /* a new program: the loader has not opened the agent yet */
	t->agent_lo = t->agent_hi = 0;
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* Returns true when the tracee must not be resumed the usual way. */
static bool on_event(struct tracer *tr, struct tracee *t, int event, int sig)
{
	unsigned long msg = 0;

	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		if (ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &msg) == 0) {
			struct tracee *c = tracee_find(&tr->tt, (pid_t)msg);
			if (!c)
				c = tracee_add(&tr->tt, (pid_t)msg);
			if (tr->o->debug)
				fprintf(stderr, "sysgate trace: %d: new %s %lu\n", t->tid,
					event == PTRACE_EVENT_CLONE ? "thread" : "process", msg);
			c->until_agent = t->until_agent;
			/* A child of an attached process is not ours to kill either. */
			c->attached = t->attached;
		}
		return false;
	case PTRACE_EVENT_EXEC:
		on_exec(tr, t);
		return false;
	case PTRACE_EVENT_STOP:
		if (is_stop_signal(sig)) {
			/* A group-stop: stay stopped until SIGCONT, as without a tracer. */
			ptrace(PTRACE_LISTEN, t->tid, 0, 0);
			return true;
		}
		return false;
	default:
		return false;
	}
}

static void on_signal(struct tracer *tr, struct tracee *t, int sig)
{
	siginfo_t si;

	if (ptrace(PTRACE_GETSIGINFO, t->tid, 0, &si) < 0)
		memset(&si, 0, sizeof(si));
	if (!t->before_exec && trace_signal_shown(tr->o, sig)) {
		struct sg_event ev = { .kind = SG_EV_SIGNAL, .pid = t->tid, .si = &si, .sig = sig };
		if (tr->o->out.show_ip) /* -i: where the signal finds the thread */
			ev.ip = (uint64_t)ptrace(PTRACE_PEEKUSER, t->tid,
						 offsetof(struct user_regs_struct, rip), 0);
		if (tr->rec)
			record_signal(tr->rec, t->tid, sig, &si, ev.ip);
		if (tr->record_only) {
			resume(tr, t, sig);
			return;
		}
		/* -k: where the signal finds the thread. */
		struct sg_stack *stack = tr->stacks ? stacks_unwind_stopped(tr->stacks, t->tid) : NULL;
		ev.stack = stack;
		tracer_emit(tr, &ev);
		sg_stack_free(stack);
	}
	resume(tr, t, sig);
}

static void on_stop(struct tracer *tr, pid_t tid, int status)
{
	int sig = WSTOPSIG(status), event = (unsigned)status >> 16;
	struct tracee *t = tracee_find(&tr->tt, tid);

	if (!t) { /* a new child that stopped before its parent's fork event */
		t = tracee_add(&tr->tt, tid);
		/* Under -p, and -D, no tracee is ours to kill: each is let go. */
		t->attached = tr->main_pid == 0 || tr->o->daemonize;
	}
	if (sig == (SIGTRAP | 0x80) || event == PTRACE_EVENT_SECCOMP) {
		if (on_syscall_stop(tr, t))
			return;
		if (!t->in_syscall && t->inject_sig) {
			/* signal=: resuming a syscall-exit stop with a signal delivers it
			 * as the call returns (si_code SI_KERNEL, as strace shows it). */
			int inject = t->inject_sig;
			t->inject_sig = 0;
			resume(tr, t, inject);
			return;
		}
	} else if (event) {
		if (on_event(tr, t, event, sig))
			return;
	} else {
		on_signal(tr, t, sig);
		return;
	}
	resume(tr, t, 0);
}

static void on_gone(struct tracer *tr, pid_t tid, int status)
{
	struct tracee *t = tracee_find(&tr->tt, tid);
	struct sg_event ev = { .kind = SG_EV_PROC_EXIT, .pid = tid };

	if (tid == tr->keeper_pid && tr->main_detached && !tr->main_done)
		tid = tr->main_pid; /* -b let go of the command: its keeper ends as it did */
	if (tid == tr->main_pid) {
		tr->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		tr->main_done = true;
		launch_forward_stop(); /* reaped: its pid may be reused */
	}
	if (!t) {
		if (tr->rec && tid == tr->main_pid)
			record_gone(tr->rec, tid, status, RECORD_GONE_MAIN);
		return;
	}
	if (tr->o->debug)
		fprintf(stderr, "sysgate trace: %d: gone (%s %d)\n", tid,
			WIFEXITED(status) ? "exit" : "signal",
			WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	/* A call that never returned (exit_group) is not in the summary: strace 6
	 * counts a call at its return. */
	/* A call that never returned is neither failed nor successful. */
	if (t->in_syscall && t->show && !tr->o->summary && (tr->o->status & STATUS_UNFINISHED)) {
		sg_decode_noreturn(&t->call);
		ev.call = &t->call;
	}
	ev.killed = WIFSIGNALED(status);
	ev.sig = ev.killed ? WTERMSIG(status) : 0;
	ev.core_dumped = ev.killed && WCOREDUMP(status);
	ev.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
	/* Before its exec the process is still sysgate's code, with one exception
	 * worth a line: the command killed before it could start. */
	bool line = !t->before_exec || (ev.killed && tid == tr->main_pid);
	if (tr->rec)
		record_gone(tr->rec, tid, status, (line ? RECORD_GONE_SHOWN : 0) |
						  (tid == tr->main_pid ? RECORD_GONE_MAIN : 0));
	if (line && !tr->record_only)
		tracer_emit(tr, &ev);
	tracee_remove(&tr->tt, tid);
	if (tr->stacks)
		stacks_forget(tr->stacks, tid);
}

void tracer_on_status(struct tracer *tr, pid_t tid, int status)
{
	if (WIFSTOPPED(status))
		on_stop(tr, tid, status);
	else if (WIFEXITED(status) || WIFSIGNALED(status))
		on_gone(tr, tid, status);
}

bool trace_ends_with_command(const struct trace_opts *o)
{
	return !o->follow || launch_forwarded_signal() != 0;
}

static void wait_loop(struct tracer *tr)
{
	bool ended_rest = false;

	while (tr->tt.n > 0 || (tr->main_detached && !tr->main_done)) {
		if (tr->main_done && !ended_rest && trace_ends_with_command(tr->o)) {
			launch_kill_leftovers(); /* reaped, and reported, below */
			ended_rest = true;
		}
		int status;
		/* The signal may have come while we were handling a stop, not waiting. */
		if (interrupted) {
			tracer_detach_all(tr);
			if (tr->main_pid)
				tr->exit_status = 128 + interrupted;
			return;
		}
		pid_t tid = waitpid(-1, &status, __WALL);
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			break; /* ECHILD: nothing left */
		}
		if (WIFSTOPPED(status))
			on_stop(tr, tid, status);
		else if (WIFEXITED(status) || WIFSIGNALED(status))
			on_gone(tr, tid, status);
	}
}

static struct sigaction saved_int, saved_quit, saved_pipe;

void tracer_save_signals(void)
{
	sigaction(SIGINT, NULL, &saved_int);
	sigaction(SIGQUIT, NULL, &saved_quit);
	sigaction(SIGPIPE, NULL, &saved_pipe);
}

void tracer_restore_child_signals(void)
{
	sigaction(SIGINT, &saved_int, NULL);
	sigaction(SIGQUIT, &saved_quit, NULL);
	sigaction(SIGPIPE, &saved_pipe, NULL);
}

static void install_signal_handlers(const struct trace_opts *o)
{
	struct sigaction sa = { .sa_handler = on_interrupt };

	tracer_save_signals();
	signal(SIGPIPE, SIG_IGN);
	if (!o->nattach && !o->daemonize) {
		/* The command gets SIGTERM, SIGINT, SIGHUP and SIGQUIT sent to sysgate,
		 * and we follow it to its end. If sysgate is killed, PTRACE_O_EXITKILL
		 * takes the command with it. */
		launch_forward_interrupts(); /* the wait loop must see them */
		launch_forward_signals(0);
		return;
	}
	/* -p, -D -I 1|2: Ctrl-C, SIGTERM or a hang-up detaches and leaves the processes
	 * running. No SA_RESTART, so waitpid returns EINTR and the loop can act. */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
}

int trace_run(struct trace_opts *o)
{
	struct tracer tr = { .o = o };

	/* -ff: the files are NAME.PID; NAME itself is not written (as strace). */
	tr.out = sg_output_open(o->per_process ? NULL : o->outfile, &o->out);
	if (!tr.out)
		return 1;
	if (o->per_process)
		tr.pp = per_process_new(o->outfile, &o->out);
	if (o->summary || o->summary_too)
		tr.sum = summary_new();
	if (o->stack_trace && !o->summary)
		tr.stacks = stacks_new(o->on_event != NULL);
	tr.record_only = o->record_only;
	if (record_begin(&tr, "ptrace", RECORD_CLOCK_TSC) < 0) {
		summary_free(tr.sum);
		if (tr.pp)
			per_process_close_all(tr.pp);
		sg_output_abort(tr.out);
		return o->err.status;
	}
	/* -D forks before any handler is set: the command's process keeps its own. */
	if (o->daemonize)
		tr.main_pid = tracer_start_daemonized(&tr);
	install_signal_handlers(o);
	if (o->cmd && !o->daemonize) {
		tr.main_pid = tracer_start_command(&tr);
		launch_forward_signals(tr.main_pid > 0 ? tr.main_pid : 0);
	}
	trace_apply_interruptible(o);
	if ((o->cmd && tr.main_pid < 0) || (!o->cmd && tracer_attach_all(&tr) < 0)) {
		summary_free(tr.sum);
		stacks_free(tr.stacks);
		tracee_free_all(&tr.tt);
		if (tr.pp)
			per_process_close_all(tr.pp);
		sg_output_abort(tr.out);
		record_end(&tr, false, 0);
		return o->err.status;
	}
	wait_loop(&tr);
	if (record_end(&tr, true, 0) < 0 && tr.exit_status == 0)
		tr.exit_status = 1;
	if (o->cmd)
		launch_end_leftovers();
	if (tr.sum)
		summary_print(tr.sum, &o->summary_format, sg_output_stream(tr.out));
	summary_free(tr.sum);
	stacks_free(tr.stacks);
	tracee_free_all(&tr.tt);
	if (tr.pp && per_process_close_all(tr.pp) < 0 && tr.exit_status == 0)
		tr.exit_status = 1;
	if (sg_output_close(tr.out) < 0 && tr.exit_status == 0)
		tr.exit_status = 1;
	return tr.exit_status;
}
