/* Records from the agent, turned into the events every writer takes: the same
 * decoders as under ptrace, run here on the memory the agent copied at the call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "core/util.h"
#include "launch/launch.h"
#include "inproc.h"
#include "record.h"
#include "stack.h"

_Static_assert(STACK_NREGS == SG_RING_STACK_NREGS && STACK_WINDOW == SG_RING_STACK_WINDOW,
	       "the agent copies what the unwinder takes");

static unsigned long long tsc_ns(const struct inproc *ip, uint64_t tsc)
{
	return (unsigned long long)((double)(tsc - ip->tsc0) * ip->ns_per_tsc);
}

/* The event happened at the record's TSC stamp, not when it is read. */
static void emit(struct inproc *ip, struct sg_event *ev, uint64_t tsc)
{
	ev->wall_ns = ip->wall0_ns + tsc_ns(ip, tsc);
	tracer_emit(&ip->tr, ev);
}

static void proc_note(struct inproc *ip, pid_t pid, int backend, const char *note)
{
	for (int i = 0; i < ip->nprocs; i++)
		if (ip->procs[i].pid == pid) {
			ip->procs[i].backend = backend;
			snprintf(ip->procs[i].note, sizeof(ip->procs[i].note), "%s", note);
			return;
		}
	if (ip->nprocs == ip->cap_procs) {
		ip->cap_procs = ip->cap_procs ? 2 * ip->cap_procs : 16;
		ip->procs = sg_xrealloc(ip->procs, sizeof(*ip->procs) * (size_t)ip->cap_procs);
	}
	struct inproc_proc *p = &ip->procs[ip->nprocs++];
	p->pid = pid;
	p->backend = backend;
	snprintf(p->note, sizeof(p->note), "%s", note);
}

static bool is_exec(long nr)
{
	return nr == SYS_execve || nr == SYS_execveat;
}

/* flags: SG_EXIT_* of the exit record (-e inject=). */
static void call_ends(struct inproc *ip, struct tracee *t, int64_t ret, uint64_t tsc,
		      const struct sg_snap *snap, unsigned flags)
{
	struct tracer *tr = &ip->tr;
	bool failed = ret < 0 && ret >= -4095;
	unsigned long long ns = tsc > t->enter_ns ? tsc_ns(ip, tsc) - tsc_ns(ip, t->enter_ns) : 0;

	t->call.injected = flags & SG_EXIT_INJECTED;
	t->call.delayed = flags & SG_EXIT_DELAYED;
	t->call.no_data = flags & SG_EXIT_NO_DATA;
	if (tr->sum) /* -C: whatever -e status= shows, as under ptrace */
		summary_add(tr->sum, t->call.nr, failed, ns);
	if (tr->o->status & (failed ? STATUS_FAILED : STATUS_SUCCESSFUL)) {
		/* snap stays set while the event is handled: an observer's texts
		 * are made from it. */
		t->call.snap = snap;
		tracer_decode_exit(tr, &t->call, ret);
		struct sg_event ev = { .kind = SG_EV_EXIT, .pid = t->tid, .call = &t->call,
				       .duration_ns = ns };
		emit(ip, &ev, tsc);
		t->call.snap = NULL;
	}
	sg_call_clear(&t->call);
	t->in_syscall = false;
	if (t->nouter) { /* back in the call the signal handler interrupted */
		t->nouter--;
		t->call = t->outer[t->nouter];
		t->enter_ns = t->outer_enter[t->nouter];
		memset(&t->outer[t->nouter], 0, sizeof(t->call));
		t->in_syscall = true;
	}
}

/* A thread or process ended in exit or exit_group: its call shows "= ?". */
static void task_exits(struct inproc *ip, struct tracee *t, int code, uint64_t tsc, bool shown)
{
	struct sg_event ev = { .kind = SG_EV_PROC_EXIT, .pid = t->tid, .exit_code = code & 0xff };

	if (shown && (ip->tr.o->status & STATUS_UNFINISHED)) {
		sg_decode_noreturn(&t->call);
		ev.call = &t->call;
	}
	emit(ip, &ev, tsc);
	if (ip->tr.stacks)
		stacks_forget(ip->tr.stacks, t->tid);
	inproc_tid_forget(ip, t->tid);
	tracee_remove(&ip->tr.tt, t->tid);
}

/* -k: the frames of the call rec records, from the registers and stack the agent
 * copied at the call (NULL: it copied none). The process's code is read as it is
 * mapped now: the agent waits for these records to be read before any goes. */
static struct sg_stack *record_frames(struct inproc *ip, const struct sg_rec *rec)
{
	uint32_t len;
	const struct sg_rec_stack *st = ip->tr.stacks ? sg_rec_stack(rec, &len) : NULL;

	if (!st)
		return NULL;
	const struct tracee *t = tracee_find(&ip->tr.tt, rec->tid);
	struct stack_view v = { .tid = rec->tid, .mem = st->mem, .len = len, .live = false,
				.app_restorer = t ? t->app_restorer : 0 };
	memcpy(v.regs, st->regs, sizeof(v.regs));
	return stacks_unwind(ip->tr.stacks, &v);
}

/* -P, -e trace-fds=: whether the call names one of the paths or fds. An fd is
 * looked up while the call waits at its entry (SG_RING_DECODE_LIVE). */
static bool touches_path(struct inproc *ip, const struct sg_rec *rec, const struct sg_snap *snap)
{
	const struct trace_opts *o = ip->tr.o;

	if (!o->npaths && !o->any_trace_fds)
		return true;
	struct sg_call c = { .pid = rec->tid, .nr = rec->nr, .snap = snap };
	memcpy(c.args, rec->v, sizeof(c.args));
	return trace_touches_path(o, &c);
}

/* A call's entry: snap its snapshot, tsc its stamp; ends_next: its end is
 * already there (the line is printed whole at the end); whole: its end is in
 * the same record, and snap lasts until it is handled. */
static void call_enters(struct inproc *ip, const struct sg_rec *rec, const struct sg_snap *snap,
			uint64_t tsc, bool ends_next, bool whole)
{
	struct tracer *tr = &ip->tr;
	struct tracee *t = tracee_find(&tr->tt, rec->tid);

	if (!t)
		t = tracee_add(&tr->tt, rec->tid);
	if (!sg_ring_selected(ip->ring.ctl, rec->nr) || !touches_path(ip, rec, snap)) {
		/* An exit or exit_group -e trace= or -P left out: only the task's end;
		 * any other call is not shown, nor its end (not in_syscall). */
		if ((rec->nr == SYS_exit_group || rec->nr == SYS_exit) && !ip->ends_told)
			task_exits(ip, t, (int)rec->v[0], tsc, false);
		return;
	}
	if (t->in_syscall && t->nouter < 2) {
		/* A signal handler runs in the middle of this call. */
		t->outer[t->nouter] = t->call;
		t->outer_enter[t->nouter++] = t->enter_ns;
		memset(&t->call, 0, sizeof(t->call));
	} else if (t->in_syscall) {
		call_ends(ip, t, -4095, tsc, NULL, 0); /* nested too deep to follow */
	}
	t->in_syscall = true;
	if (tr->o->on_call)
		tr->o->on_call(tr->o->on_call_ctx, rec->nr, rec->v);
	t->call.pid = rec->tid;
	t->call.nr = rec->nr;
	t->call.ip = sg_rec_ip(rec); /* -i */
	memcpy(t->call.args, rec->v, sizeof(t->call.args));
	t->call.snap = snap;
	if (whole && tr->o->on_event) { /* an observer's texts, on demand */
		sg_decode_enter_values(&t->call, &tr->o->dec);
		t->call.snap_in = snap;
	} else {
		sg_decode_enter(&t->call, &tr->o->dec);
	}
	t->call.snap = NULL;
	/* The agent copied the stacks of the calls to unwind (every one, or an
	 * observer's sample: sg_stack_sampled). */
	t->call.stack = record_frames(ip, rec);
	t->enter_ns = tsc;
	if (tr->o->status == STATUS_ALL && !ends_next) {
		struct sg_event ev = { .kind = SG_EV_ENTER, .pid = rec->tid, .call = &t->call };
		emit(ip, &ev, tsc);
	}
	if ((rec->nr == SYS_exit_group || rec->nr == SYS_exit) && !ip->ends_told)
		task_exits(ip, t, (int)rec->v[0], tsc, true);
}

static void on_enter(struct inproc *ip, const struct sg_rec *rec, const struct sg_rec *next)
{
	struct sg_snap snap = { rec->snap, rec->snap_len };
	bool ends_next = next && next->type == SG_REC_EXIT && next->tid == rec->tid &&
			 next->nr == rec->nr;

	call_enters(ip, rec, &snap, rec->tsc, ends_next, false);
}

static void on_exit_rec(struct inproc *ip, const struct sg_rec *rec)
{
	struct tracee *t = tracee_find(&ip->tr.tt, rec->tid);
	struct sg_snap snap = { rec->snap, rec->snap_len };

	if (t && t->in_syscall && t->call.nr == rec->nr)
		call_ends(ip, t, (int64_t)rec->v[0], rec->tsc, &snap, (unsigned)rec->v[1]);
}

/* SG_RING_WHOLE_CALLS: a call that returned, entry and end in one record. */
static void on_call(struct inproc *ip, const struct sg_rec *rec)
{
	struct sg_rec_end end;
	const uint8_t *out = sg_rec_end(rec, &end);

	if (!out)
		return;
	struct sg_snap in = { rec->snap, rec->snap_len }, snap = { out, end.snap_len };
	call_enters(ip, rec, &in, end.enter_tsc, true, true);
	struct tracee *t = tracee_find(&ip->tr.tt, rec->tid);
	if (t && t->in_syscall && t->call.nr == rec->nr)
		call_ends(ip, t, end.ret, rec->tsc, &snap, end.flags);
}

/* The agent is up in a (new) program. After an exec it finishes that execve,
 * which a thread other than the leader may have made. */
static void on_start(struct inproc *ip, const struct sg_rec *rec)
{
	struct tracer *tr = &ip->tr;
	pid_t old = (pid_t)rec->v[1];
	const char *why = (const char *)rec->snap;
	char note[192] = "";

	if (why[0])
		snprintf(note, sizeof(note), "page 0 could not be mapped");
	proc_note(ip, rec->tid, (int)rec->v[0], note);
	if (ip->tr.stacks) /* a new program: the code kept for the old one is gone */
		stacks_after_call(ip->tr.stacks, rec->tid, SYS_execve, rec->v, 0);
	struct tracee *t = old ? tracee_find(&tr->tt, old) : NULL;
	if (!t || !t->in_syscall || !is_exec(t->call.nr))
		return;
	if (old != rec->tid) {
		struct tracee *n = tracee_find(&tr->tt, rec->tid);
		if (!n)
			n = tracee_add(&tr->tt, rec->tid);
		sg_call_clear(&n->call);
		n->call = t->call;
		n->call.pid = rec->tid;
		memset(&t->call, 0, sizeof(t->call));
		n->in_syscall = true;
		n->enter_ns = t->enter_ns;
		tracee_remove(&tr->tt, old);
		t = n;
	}
	struct sg_snap none = { NULL, 0 };
	call_ends(ip, t, 0, rec->tsc, &none, 0);
}

static void on_signal(struct inproc *ip, const struct sg_rec *rec)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	memcpy(&si, rec->snap, rec->snap_len < sizeof(si) ? rec->snap_len : sizeof(si));
	struct tracee *t = tracee_find(&ip->tr.tt, rec->tid);

	if (!t)
		t = tracee_add(&ip->tr.tt, rec->tid);
	if (rec->v[1])
		t->app_restorer = rec->v[1];
	struct sg_event ev = { .kind = SG_EV_SIGNAL, .pid = rec->tid, .si = &si,
			       .sig = (int)rec->v[0], .ip = rec->v[2] };
	if (!trace_signal_shown(ip->tr.o, ev.sig))
		return; /* -e signal= */
	struct sg_stack *frames = record_frames(ip, rec); /* SG_REC_SIGNAL_STACK */
	ev.stack = frames;
	emit(ip, &ev, rec->tsc);
	sg_stack_free(frames);
}

/* -k: an execve that ptrace is about to show, held: its frames wait for its
 * line (ptrace.c). */
static void on_exec_stack(struct inproc *ip, const struct sg_rec *rec)
{
	struct tracee *t = tracee_find(&ip->tr.tt, rec->tid);

	if (!t)
		t = tracee_add(&ip->tr.tt, rec->tid);
	sg_stack_free(t->exec_stack);
	t->exec_stack = record_frames(ip, rec);
	t->exec_ip = sg_rec_ip(rec);
}

/* -i: the call site of an execve that ptrace is about to show (ptrace.c). */
static void on_exec_ip(struct inproc *ip, const struct sg_rec *rec)
{
	struct tracee *t = tracee_find(&ip->tr.tt, rec->tid);

	if (!t)
		t = tracee_add(&ip->tr.tt, rec->tid);
	t->exec_ip = rec->v[0];
}

/* -k: code was mapped in or out; the process's modules are read again. */
static void on_remap(struct inproc *ip, const struct sg_rec *rec)
{
	if (ip->tr.stacks)
		stacks_after_call(ip->tr.stacks, rec->tid, rec->nr, rec->v, (int64_t)rec->v[3]);
}

static void on_untraced(struct inproc *ip, const struct sg_rec *rec)
{
	char note[192];
	struct tracee *t = tracee_find(&ip->tr.tt, rec->tid);
	bool held = t && t->until_agent;

	snprintf(note, sizeof(note), "%s %.100s%s",
		 rec->v[0] == SG_UNTRACED_SETID ? "set-user-ID" : "statically linked",
		 (const char *)rec->snap, held ? "" : ": not traced");
	proc_note(ip, rec->tid, held ? 3 : 0, note);
}

/* -b execve: the thread let go at its execve, as ptrace does (ptrace.c). */
static void on_detach(struct inproc *ip, const struct sg_rec *rec)
{
	struct tracer *tr = &ip->tr;
	struct tracee *t = tracee_find(&tr->tt, rec->tid);

	if (t && t->in_syscall && !tr->o->summary && tr->o->status == STATUS_ALL) {
		struct sg_event ev = { .kind = SG_EV_DETACHED, .pid = rec->tid };
		emit(ip, &ev, rec->tsc);
	}
	if (!tr->o->quiet)
		fprintf(stderr, "sysgate: process %d detached\n", (int)rec->tid);
	if (ip->tr.stacks)
		stacks_forget(ip->tr.stacks, rec->tid);
	inproc_tid_forget(ip, rec->tid);
	if (t)
		tracee_remove(&tr->tt, rec->tid);
}

void inproc_record(struct inproc *ip, const struct sg_rec *rec, const struct sg_rec *next)
{
	switch (rec->type) {
	case SG_REC_ENTER:
	case SG_REC_ENTER_IP:
	case SG_REC_ENTER_STACK: on_enter(ip, rec, next); break;
	case SG_REC_REMAP: on_remap(ip, rec); break;
	case SG_REC_EXEC_STACK: on_exec_stack(ip, rec); break;
	case SG_REC_EXEC_IP: on_exec_ip(ip, rec); break;
	case SG_REC_EXIT: on_exit_rec(ip, rec); break;
	case SG_REC_CALL: on_call(ip, rec); break;
	case SG_REC_START: on_start(ip, rec); break;
	case SG_REC_UNTRACED: on_untraced(ip, rec); break;
	case SG_REC_DETACH: on_detach(ip, rec); break;
	case SG_REC_SIGNAL:
	case SG_REC_SIGNAL_STACK: on_signal(ip, rec); break;
	default: break;
	}
}

void inproc_command_ended(struct inproc *ip, pid_t pid, int status)
{
	struct tracer *tr = &ip->tr;

	if (tr->rec)
		record_command_end(tr->rec, pid, status);
	launch_forward_stop(); /* reaped: its pid may be reused */
	tr->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	struct tracee *t = tracee_find(&tr->tt, pid);
	if (!WIFSIGNALED(status))
		return;
	/* Killed: no record says so; say it as ptrace would, even when no call of
	 * its was read yet (killed just as ptrace let go of it to the agent). */
	struct sg_event ev = { .kind = SG_EV_PROC_EXIT, .pid = pid, .killed = true,
			       .sig = WTERMSIG(status), .core_dumped = WCOREDUMP(status) };
	if (t && t->in_syscall && !tr->o->summary && (tr->o->status & STATUS_UNFINISHED)) {
		sg_decode_noreturn(&t->call);
		ev.call = &t->call;
	}
	if (!tr->o->summary)
		tracer_emit(tr, &ev); /* -ff: into its file, which is then complete */
	if (t)
		tracee_remove(&tr->tt, pid);
}

/* Calls still open when everything ended (the process was killed in them). */
void inproc_finish_calls(struct inproc *ip)
{
	struct tracer *tr = &ip->tr;

	while (tr->tt.n > 0) {
		struct tracee *t = tr->tt.items[0];
		if (t->in_syscall && !tr->o->summary && (tr->o->status & STATUS_UNFINISHED)) {
			sg_decode_noreturn(&t->call);
			struct sg_event ev = { .kind = SG_EV_EXIT, .pid = t->tid, .call = &t->call };
			tracer_emit(tr, &ev);
		}
		tracee_remove(&tr->tt, t->tid);
	}
}

/* One line on stderr: which backend covered which process, and what was lost.
 * An observer (sysgate advise) names its backend itself: it hears only of
 * losses. */
void inproc_report(struct inproc *ip, bool losses_only)
{
	static const char *const names[] = { "none", "sud", "rewrite", "ptrace" };
	unsigned long long dropped = atomic_load(&ip->ring.ctl->dropped);
	char line[1024];
	int n = snprintf(line, sizeof(line), "sysgate: trace:");

	if (ip->nprocs == 0 && !dropped)
		return; /* no agent started: nothing to say of it */
	if (losses_only && !dropped)
		return;

	for (int i = 0; i < ip->nprocs && i < 8 && n < (int)sizeof(line); i++) {
		const struct inproc_proc *p = &ip->procs[i];
		n += snprintf(line + n, sizeof(line) - (size_t)n, "%s pid %d %s%s%s%s",
			      i ? "," : "", (int)p->pid, names[p->backend % 4],
			      p->note[0] ? " (" : "", p->note, p->note[0] ? ")" : "");
	}
	if (ip->nprocs > 8 && n < (int)sizeof(line))
		n += snprintf(line + n, sizeof(line) - (size_t)n, ", and %d more processes",
			      ip->nprocs - 8);
	if (dropped && n < (int)sizeof(line))
		snprintf(line + n, sizeof(line) - (size_t)n,
			 "; %llu events dropped (the ring was full)", dropped);
	fprintf(stderr, "%s\n", line);
}
