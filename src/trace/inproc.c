/* The in-process backends, sysgate's side: start the command with the agent, read
 * the ring while it runs (polling: no wakeup per event), reap, report. */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/util.h"
#include "launch/launch.h"
#include "inproc.h"
#include "record.h"
#include "stack.h"

#define IDLE_NS 1000000	     /* poll the ring every millisecond */
#define IDLE_MAX_NS 4000000  /* ... or up to every 4 ms after a while */
#define WAKE_EVERY 64	     /* records read between wakes of waiting threads */
#define DEAD_WRITER_NS 10000000 /* a slot unpublished this long: is its writer alive? */
/* ... and this long whatever its writer: it will not come (a handler that
 * interrupted the writer and never returned to it, by longjmp). */
#define STUCK_NS 2000000000ull

static void install_signal_handlers(void)
{
	tracer_save_signals(); /* the command starts with these (start.c) */
	signal(SIGPIPE, SIG_IGN);
	/* SIGTERM, SIGINT, SIGHUP and SIGQUIT go on to the command; we follow it to
	 * its end. */
	launch_forward_signals(0);
}

/* Threads of the program waiting until a record is read (agent/sync.c). */
static void wake_waiters(struct inproc *ip)
{
	if (atomic_load(&ip->ring.ctl->waiters))
		syscall(SYS_futex, &ip->ring.ctl->tail, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

/* Read what is published. A slot whose writer died before publishing it (killed
 * in the middle of a record) is skipped; with final set, every writer is gone. */
static int drain(struct inproc *ip, bool final)
{
	static unsigned long long stuck_since;
	int n = 0;

	inproc_clock_settle(ip); /* before any record's stamp is read */

	for (;;) {
		int32_t writer;
		const struct sg_rec *rec = sg_ring_peek(&ip->ring, &writer);
		/* -k: a record takes an unwind to read; the agent must not take the
		 * slower pace for sysgate's absence (16 unwinds are far from the
		 * SG_RING_HEARTBEAT_STALE it allows). */
		if ((n & (ip->tr.stacks ? 15 : 255)) == 0)
			atomic_store_explicit(&ip->ring.ctl->heartbeat, sg_ring_tsc(),
					      memory_order_relaxed);
		if (rec) {
			/* An entry is shown whole when its end comes right after. */
			const struct sg_rec *next = rec->type == SG_REC_CALL || ip->tr.record_only
							    ? NULL : sg_ring_peek_after(&ip->ring, rec);
			inproc_untag_record(ip, rec);
			if (next)
				inproc_untag_record(ip, next);
			if (ip->tr.rec)
				record_ring(ip->tr.rec, rec,
					    (size_t)rec->nslots * SG_RING_SLOT - sizeof(*rec));
			if (!ip->tr.record_only)
				inproc_record(ip, rec, next);
			sg_ring_release(&ip->ring, rec);
			/* A waiting thread wants room, or one record read: told every
			 * so often, not at each record (a wake is a syscall, and on a
			 * shared CPU a switch). */
			if (++n % WAKE_EVERY == 0)
				wake_waiters(ip);
			stuck_since = 0;
			continue;
		}
		wake_waiters(ip);
		if (sg_ring_empty(&ip->ring))
			return n;
		unsigned long long now = sg_now_ns();
		if (!stuck_since)
			stuck_since = now;
		bool dead = final || now - stuck_since > STUCK_NS ||
			    (now - stuck_since > DEAD_WRITER_NS && writer > 0 &&
			     kill(inproc_tid(ip, writer), 0) < 0 && errno == ESRCH);
		if (!dead)
			return n;
		sg_ring_skip(&ip->ring);
		atomic_fetch_add(&ip->ring.ctl->dropped, 1);
	}
}

static void reap(struct inproc *ip, pid_t pid, int status)
{
	struct tracer *tr = &ip->tr;

	/* Once ptrace has let go, the command's end reaches us as its keeper's. */
	if (pid == tr->keeper_pid && tr->main_pid > 0 && !tr->main_done)
		pid = tr->main_pid;
	else if (pid != tr->main_pid || tr->main_done)
		return;
	tr->main_done = true;
	/* Its last records are in the ring by now: read them first, or a call it
	 * was killed in would be seen after its end (and its end lost). */
	drain(ip, false);
	inproc_command_ended(ip, pid, status);
}

/* Records read in one go past which sysgate reads on rather than sleeping: the
 * program writes them faster than it wakes. At most half the ring (an
 * observer's is small). */
static int read_on_after(const struct inproc *ip)
{
	uint32_t half = ip->ring.ctl->nslots / 2;

	return half < 2048 ? (int)half : 2048;
}

/* Until every process of the command has ended: sysgate is their subreaper, so
 * orphans come back to it and "no child left" means the whole tree is done. */
static void run_loop(struct inproc *ip)
{
	long idle = IDLE_NS;
	bool ended_rest = false;
	sigset_t chld;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigaddset(&chld, SG_RING_WAKE_SIGNAL);
	for (;;) {
		int status;
		pid_t pid;
		atomic_store_explicit(&ip->ring.ctl->heartbeat, sg_ring_tsc(), memory_order_relaxed);
		while ((pid = waitpid(-1, &status, WNOHANG | __WALL)) > 0) {
			/* A thread ptrace holds (the loader's calls, a static program). */
			struct tracee *t = tracee_find(&ip->tr.tt, pid);
			if (WIFSTOPPED(status) || (t && t->until_agent))
				tracer_on_status(&ip->tr, pid, status);
			else
				reap(ip, pid, status);
		}
		if (pid < 0 && errno == ECHILD)
			break;
		if (ip->tr.main_done && !ended_rest && trace_ends_with_command(ip->tr.o)) {
			launch_kill_leftovers(); /* reaped, and reported, by this loop */
			ended_rest = true;
		}
		inproc_serve_handoffs(ip);
		/* Falling behind: read on. A steady stream that leaves the ring mostly
		 * empty is read every few milliseconds, in batches: on a CPU shared
		 * with the program each wakeup costs both a switch and their caches. */
		if (drain(ip, false) > read_on_after(ip)) {
			idle = IDLE_NS;
			continue;
		}
		/* Sleep, but wake at once when a process of the command ends or an
		 * agent asks (a thread to hold before its exec, a full ring). */
		struct timespec nap = { 0, idle };
		sigtimedwait(&chld, NULL, &nap);
		if (idle < IDLE_MAX_NS)
			idle *= 2;
	}
	drain(ip, true);
}

static void summary_from_counts(struct inproc *ip)
{
	for (int nr = 0; nr < SG_RING_NR; nr++) {
		struct sg_ring_count *c = &ip->ring.ctl->count[nr];
		unsigned long calls = atomic_load(&c->calls);
		if (calls)
			summary_add_counts(ip->tr.sum, nr, calls, atomic_load(&c->errors),
					   (unsigned long long)((double)atomic_load(&c->cycles) /
								ip->tsc_per_ns));
	}
}

static int setup(struct inproc *ip)
{
	/* With --allow-page0 a run joins the others even when the setting is 0 now:
	 * it must stay 0 until this run ends too. */
	if (ip->backend == BACKEND_REWRITE && ip->tr.o->allow_page0) {
		if (inproc_page0_lower(ip) < 0)
			return -1;
	} else if (ip->backend == BACKEND_REWRITE && !inproc_page0_usable()) {
		if (ip->tr.o->backend == BACKEND_REWRITE)
			fprintf(stderr, "sysgate: trace: the rewrite backend needs page 0, which "
					"vm.mmap_min_addr forbids; using sud (--allow-page0 lowers it "
					"for the run)\n");
		ip->backend = BACKEND_SUD;
	}
	if (inproc_ring_create(ip) < 0)
		return -1;
	if (record_begin(&ip->tr, trace_backend_name(ip->backend), RECORD_CLOCK_TSC) < 0) {
		inproc_ring_destroy(ip);
		return -1; /* o->err says why */
	}
	/* -C times each call from its records as it ends, as -T does. */
	inproc_clock_start(ip, ip->tr.o->out.time || ip->tr.o->out.show_duration ||
				       ip->tr.o->out.json || ip->tr.o->summary_too);
	return 0;
}

int inproc_run(struct trace_opts *o, enum trace_backend b)
{
	struct inproc ip = { .tr = { .o = o, .record_only = o->record_only }, .backend = b,
			     .page0_lock = -1 };
	struct tracer *tr = &ip.tr;

	/* Before anything is set up that a failure would have to undo. */
	char *path = sg_find_program(o->cmd[0]);
	if (!path)
		return trace_fail(o, 127, "cannot run '%s': %s", o->cmd[0], strerror(errno)),
		       o->err.status;
	free(path);
	/* -ff -o NAME: a file per process (per_process.c, as under ptrace); the
	 * shared output is then only for what belongs to no process. */
	tr->out = sg_output_open(o->per_process ? NULL : o->outfile, &o->out);
	if (!tr->out)
		return 1;
	if (o->per_process)
		tr->pp = per_process_new(o->outfile, &o->out);
	if (o->stack_trace && !o->summary)
		tr->stacks = stacks_new(o->on_event != NULL);
	if (setup(&ip) < 0) {
		stacks_free(tr->stacks);
		inproc_page0_restore(&ip);
		if (tr->pp)
			per_process_close_all(tr->pp);
		sg_output_close(tr->out);
		return 1;
	}
	if (o->summary || o->summary_too)
		tr->sum = summary_new();
	tr->ring = ip.ring.ctl;
	install_signal_handlers();
	o->prefilter = false; /* selection is the agent's; a filter would outlive ptrace */
	tr->main_pid = inproc_start_held(&ip);
	if (tr->main_pid < 0) {
		inproc_page0_restore(&ip);
		summary_free(tr->sum);
		stacks_free(tr->stacks);
		inproc_ring_destroy(&ip);
		tracee_free_all(&tr->tt);
		if (tr->pp)
			per_process_close_all(tr->pp);
		sg_output_abort(tr->out);
		record_end(tr, false, 0);
		return o->err.status;
	}
	launch_forward_signals(tr->main_pid);
	trace_apply_interruptible(tr->o);
	inproc_ring_populate(&ip);
	/* Blocked only now: the command must not start with it blocked. */
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigaddset(&chld, SG_RING_WAKE_SIGNAL);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	run_loop(&ip);
	inproc_page0_restore(&ip);
	inproc_finish_calls(&ip);
	if (tr->sum) {
		/* -c: counted in the program; -C: from the records, as they were read. */
		if (o->summary) {
			inproc_clock_end(&ip);
			summary_from_counts(&ip);
		}
		summary_print(tr->sum, &tr->o->summary_format, sg_output_stream(tr->out));
	}
	if (record_end(tr, true, atomic_load(&ip.ring.ctl->dropped)) < 0 && tr->exit_status == 0)
		tr->exit_status = 1;
	inproc_report(&ip, o->on_event != NULL);
	summary_free(tr->sum);
	stacks_free(tr->stacks);
	inproc_ring_destroy(&ip);
	tracee_free_all(&tr->tt);
	free(ip.procs);
	free(ip.nstids);
	/* -ff: the files of processes whose end no record told (killed outright). */
	if (tr->pp && per_process_close_all(tr->pp) < 0 && tr->exit_status == 0)
		tr->exit_status = 1;
	if (sg_output_close(tr->out) < 0 && tr->exit_status == 0)
		tr->exit_status = 1;
	return tr->exit_status;
}
