/* The agent's start in each traced process, its per-thread identity, and the
 * records it writes into the ring. */
#include "agent.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <ucontext.h>

#include "core/capture.h"

struct agent sg_agent AGENT_HIDDEN;

static __thread int tls_tid __attribute__((tls_model("initial-exec")));
static __thread bool tls_quiet __attribute__((tls_model("initial-exec")));
/* -b execve: sysgate let this thread go at an exec that failed. */
static __thread bool tls_let_go __attribute__((tls_model("initial-exec")));
static __thread uint64_t tls_app_blocked __attribute__((tls_model("initial-exec")));

/* The thread's recorded call in progress (on agent_syscall's stack; a handler's
 * calls nest). A signal can interrupt it as it returns, or to restart it. */
enum call_state {
	CALL_RUNNING,
	CALL_ENDED,	/* its end is recorded (agent_note_return_at_signal) */
	CALL_RESTARTED, /* recorded as ended with ERESTART*; the kernel runs it again */
};
struct agent_call {
	long nr;
	const uint64_t *args;
	const struct sg_regs *regs;
	unsigned live; /* AGENT_LIVE_* */
	enum call_state state;
	struct agent_call *outer;
	unsigned flags; /* SG_EXIT_*: how -e inject= changed it */
	bool held;	/* its entry is the one the thread keeps (tls_held) */
	bool no_data;	/* held, without its buffers (data_skipped) */
};
static __thread struct agent_call *tls_call __attribute__((tls_model("initial-exec")));

/* SG_RING_WHOLE_CALLS: the entry of one call of the thread, kept until its end
 * is recorded with it, and which call it is (NULL: none). The calls a signal
 * handler makes while it is kept are recorded as without (entry, exit). */
#define HELD_MAX 2048
struct held_entry {
	uint32_t len;
	uint64_t tsc;
	uint8_t snap[HELD_MAX];
};
static __thread struct held_entry tls_entry __attribute__((tls_model("initial-exec")));
static __thread struct agent_call *tls_held __attribute__((tls_model("initial-exec")));

void agent_tls_save(struct agent_tls *t)
{
	*t = (struct agent_tls){ tls_tid, tls_quiet, tls_let_go, tls_app_blocked, tls_call,
				 tls_held };
}

void agent_tls_restore(const struct agent_tls *t)
{
	tls_tid = t->tid;
	tls_quiet = t->quiet;
	tls_let_go = t->let_go;
	tls_app_blocked = t->app_blocked;
	tls_call = t->call;
	tls_held = t->held;
}

uint64_t agent_app_blocked(void)
{
	return tls_app_blocked;
}

void agent_set_app_blocked(uint64_t mask)
{
	tls_app_blocked = mask;
}

int agent_tid(void)
{
	if (!tls_tid)
		tls_tid = (int)sg_sys(SYS_gettid, 0, 0, 0);
	return tls_tid;
}

void agent_forget_tid(void)
{
	tls_tid = 0;
}

void agent_wake_consumer(void)
{
	/* Only a live sysgate: its pid could belong to someone else by now. */
	if (sg_ring_consumer_alive(sg_agent.ring.ctl))
		sg_sys(SYS_kill, sg_agent.ring.ctl->consumer_pid, SG_RING_WAKE_SIGNAL, 0);
}

struct sg_rec *agent_reserve(size_t len, uint64_t *pos)
{
	struct sg_ring *r = &sg_agent.ring;
	struct sg_rec *rec = sg_ring_reserve(r, len, agent_rec_tid(), pos);

	if (rec)
		return rec;
	/* -k: sysgate unwinds each record, slower than a program makes calls; the
	 * program waits for it rather than lose them. So with -e read=, -e write=,
	 * whose records are large and whose bytes are all wanted. */
	if (sg_agent.stacks || sg_agent.capture.dump_read) {
		rec = stacks_reserve(len, pos);
		if (rec)
			return rec;
	} else if (!atomic_load_explicit(&r->ctl->overflowing, memory_order_relaxed) &&
		   sg_ring_consumer_alive(r->ctl)) {
		/* Wait up to ~20 ms for the consumer; after that, drop at once until it
		 * has caught up, so a stalled sysgate never holds the program back for
		 * long. */
		struct timespec pause = { 0, 100000 };
		agent_wake_consumer();
		for (int i = 0; i < 200 && !rec; i++) {
			sg_sys(SYS_nanosleep, (long)&pause, 0, 0);
			rec = sg_ring_reserve(r, len, agent_rec_tid(), pos);
		}
		if (rec)
			return rec;
		atomic_store_explicit(&r->ctl->overflowing, 1, memory_order_relaxed);
	}
	atomic_fetch_add_explicit(&r->ctl->dropped, 1, memory_order_relaxed);
	return NULL;
}

/* flags: an exit's SG_EXIT_* (its v[1]). A call's duration is its exit's stamp
 * less its entry's, so the stamps hug the call: an entry is stamped when its
 * record is written, an exit before the agent copies what the call returned and
 * waits for room in the ring. What the agent spends recording is the tracing's
 * cost, not the call's. */
static void record(int type, long nr, const uint64_t *args, bool at_exit, long ret,
		   unsigned flags)
{
	struct sg_capture_plan plan;
	uint64_t pos, tsc = at_exit && sg_agent.times ? sg_ring_tsc() : 0;

	sg_capture_plan(&plan, nr, args, at_exit, ret, &sg_agent.capture, sg_safe_copy);
	struct sg_rec *rec = agent_reserve(sizeof(*rec) + sg_snap_size(&plan), &pos);
	if (!rec)
		return;
	uint64_t result[6] = { (uint64_t)ret, flags };
	sg_ring_fill_call(rec, type, agent_rec_tid(), nr, at_exit ? result : args, tsc, &plan,
			  sg_safe_copy);
	if (!at_exit && sg_agent.times)
		rec->tsc = sg_ring_tsc();
	sg_ring_commit(&sg_agent.ring, pos);
}

void agent_record_enter(long nr, const uint64_t *args)
{
	record(SG_REC_ENTER, nr, args, false, 0, 0);
}

/* -i: a call's entry and, after its snapshot, its call site. */
static void record_entry_ip(long nr, const uint64_t *args, uint64_t ip)
{
	struct sg_capture_plan plan;
	uint64_t pos;

	sg_capture_plan(&plan, nr, args, false, 0, &sg_agent.capture, sg_safe_copy);
	size_t at = sg_rec_stack_offset((uint32_t)sg_snap_size(&plan));
	struct sg_rec *rec = agent_reserve(sizeof(*rec) + at + sizeof(ip), &pos);
	if (!rec)
		return;
	sg_ring_fill_call(rec, SG_REC_ENTER_IP, agent_rec_tid(), nr, args, 0, &plan, sg_safe_copy);
	memcpy(rec->snap + sg_rec_stack_offset(rec->snap_len), &ip, sizeof(ip));
	rec->tsc = sg_agent.times ? sg_ring_tsc() : 0; /* as record() stamps an entry */
	sg_ring_commit(&sg_agent.ring, pos);
}

/* An observer's sample of buffers (data_first): the calls whose memory is only
 * data buffers, and this thread's calls of each so far. */
static uint64_t data_only_bits[SG_RING_NR / 64];
static __thread uint16_t tls_data_seen[SG_RING_NR] __attribute__((tls_model("initial-exec")));

static void data_only_init(void)
{
	for (long nr = 0; sg_agent.data_first && nr < SG_RING_NR; nr++)
		if (sg_capture_data_only(nr))
			data_only_bits[nr / 64] |= 1ull << (nr % 64);
}

/* A call none of whose buffers is copied: past the sample, read's and write's
 * records say what an observer's rules need without them. */
static bool data_skipped(long nr)
{
	return sg_agent.data_first && nr >= 0 && nr < SG_RING_NR &&
	       (data_only_bits[nr / 64] >> (nr % 64) & 1) &&
	       !sg_stack_sampled(&tls_data_seen[nr], sg_agent.data_first, sg_agent.data_every);
}

/* SG_RING_WHOLE_CALLS: keep call's entry for its end (false: it is not kept,
 * the thread keeps another's, or it is too large). Stamped as record() stamps
 * an entry, once copied. */
static bool hold_entry(struct agent_call *c)
{
	struct sg_capture_plan plan;

	if (tls_held)
		return false;
	c->no_data = data_skipped(c->nr);
	plan.n = 0;
	if (!c->no_data)
		sg_capture_plan(&plan, c->nr, c->args, false, 0, &sg_agent.capture, sg_safe_copy);
	if (sg_snap_size(&plan) > HELD_MAX)
		return false;
	/* Taken before it is written: a handler's call in between finds it taken. */
	tls_held = c;
	c->held = true;
	atomic_signal_fence(memory_order_seq_cst);
	tls_entry.len = (uint32_t)sg_snap_write(&plan, tls_entry.snap, sg_safe_copy);
	tls_entry.tsc = sg_agent.times ? sg_ring_tsc() : 0;
	return true;
}

/* held: the call (NULL for none) whose entry may be kept for its end. */
static void record_entry(long nr, const uint64_t *args, const struct sg_regs *r, uint64_t ip,
			 struct agent_call *held)
{
	if (sg_agent.stacks && stacks_wanted(nr))
		stacks_record_entry(SG_REC_ENTER_STACK, nr, args, r, ip);
	else if (sg_agent.ip)
		record_entry_ip(nr, args, ip);
	else if (!held || !hold_entry(held))
		record(SG_REC_ENTER, nr, args, false, 0, 0);
}

void agent_record_entry_at(long nr, const uint64_t *args, const struct sg_regs *r, uint64_t ip)
{
	record_entry(nr, args, r, ip, NULL);
}

void agent_record_entry(long nr, const uint64_t *args, const struct sg_regs *r)
{
	record_entry(nr, args, r, r->rip, NULL);
}

/* A call's entry, kept for its end where it may be (SG_RING_WHOLE_CALLS): not
 * one that waits for sysgate at its entry (it must be read there). */
static void call_enters(struct agent_call *c)
{
	bool keep = sg_agent.whole_calls && !(c->live & AGENT_LIVE_ENTRY);

	record_entry(c->nr, c->args, c->regs, c->regs->rip, keep ? c : NULL);
}

/* The end of a call whose entry is kept: both in one record, stamped as
 * record() stamps an exit. */
static void record_whole(struct agent_call *c, long ret)
{
	struct sg_capture_plan plan;
	uint64_t pos, tsc = sg_agent.times ? sg_ring_tsc() : 0;

	plan.n = 0;
	if (!c->no_data)
		sg_capture_plan(&plan, c->nr, c->args, true, ret, &sg_agent.capture, sg_safe_copy);
	size_t at = sg_rec_stack_offset(tls_entry.len);
	struct sg_rec *rec = agent_reserve(sizeof(*rec) + at + sizeof(struct sg_rec_end) +
						   sg_snap_size(&plan),
					   &pos);
	if (rec) {
		rec->type = SG_REC_CALL;
		rec->tid = agent_rec_tid();
		rec->nr = (int32_t)c->nr;
		rec->tsc = tsc;
		memcpy(rec->v, c->args, sizeof(rec->v));
		rec->snap_len = tls_entry.len;
		memcpy(rec->snap, tls_entry.snap, tls_entry.len);
		struct sg_rec_end *end = (struct sg_rec_end *)(rec->snap + at);
		end->enter_tsc = tls_entry.tsc;
		end->ret = ret;
		end->flags = c->flags | (c->no_data ? SG_EXIT_NO_DATA : 0);
		end->snap_len = (uint32_t)sg_snap_write(&plan, end->snap, sg_safe_copy);
		sg_ring_commit(&sg_agent.ring, pos);
	}
	atomic_signal_fence(memory_order_seq_cst);
	c->held = false;
	tls_held = NULL;
}

void agent_record_exit(long nr, const uint64_t *args, long ret)
{
	record(SG_REC_EXIT, nr, args, true, ret, 0);
}

void agent_record_exit_as(long nr, const uint64_t *args, long ret, unsigned flags)
{
	record(SG_REC_EXIT, nr, args, true, ret, flags);
}

void agent_record_plain(int type, long v0, long v1, const char *text)
{
	size_t n = 0;

	while (text && text[n] && n < 4095)
		n++;
	agent_record_bytes(type, v0, v1, text ? text : "", n + 1);
}

void agent_record_bytes(int type, long v0, long v1, const void *bytes, size_t n)
{
	agent_record_bytes3(type, v0, v1, 0, bytes, n);
}

void agent_record_bytes3(int type, long v0, long v1, long v2, const void *bytes, size_t n)
{
	uint64_t pos;
	struct sg_rec *rec = agent_reserve(sizeof(*rec) + n, &pos);
	if (!rec)
		return;
	rec->type = (uint16_t)type;
	rec->tid = agent_rec_tid();
	rec->nr = -1;
	rec->tsc = sg_ring_tsc();
	memset(rec->v, 0, sizeof(rec->v));
	rec->v[0] = (uint64_t)v0;
	rec->v[1] = (uint64_t)v1;
	rec->v[2] = (uint64_t)v2;
	memcpy(rec->snap, bytes, n);
	rec->snap_len = (uint32_t)n;
	sg_ring_commit(&sg_agent.ring, pos);
}

void agent_let_go_thread(void)
{
	tls_quiet = tls_let_go = true;
}

bool agent_thread_let_go(void)
{
	return tls_let_go;
}

bool agent_quiet(void)
{
	return tls_quiet;
}

static bool is_new_task_call(long nr)
{
	return nr == SYS_clone || nr == SYS_clone3 || nr == SYS_fork || nr == SYS_vfork;
}

static bool never_returns(long nr)
{
	return nr == SYS_exit || nr == SYS_exit_group;
}

void agent_count(long nr, long ret, uint64_t cycles)
{
	struct sg_ring_count *c = &sg_agent.ring.ctl->count[nr];

	atomic_fetch_add_explicit(&c->calls, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->cycles, cycles, memory_order_relaxed);
	if (ret < 0 && ret >= -4095)
		atomic_fetch_add_explicit(&c->errors, 1, memory_order_relaxed);
}

static void call_ends(struct agent_call *c, long ret)
{
	/* The kernel runs a restarted call again without the agent: ptrace sees it
	 * as a new call, so it is recorded as one (its entry as it ends or is
	 * interrupted). */
	if (c->state == CALL_RESTARTED)
		call_enters(c);
	/* The child's side of a fork is not a call of its own (as under ptrace). */
	if (ret == 0 && is_new_task_call(c->nr)) {
		if (c->held) {
			c->held = false;
			tls_held = NULL;
		}
		return;
	}
	if (c->held)
		record_whole(c, ret);
	else
		agent_record_exit_as(c->nr, c->args, ret, c->flags);
	if (c->live & AGENT_LIVE_EXIT)
		agent_wait_decoded();
}

#define ERESTARTSYS 512
#define ERESTART_RESTARTBLOCK 516

void agent_note_return_at_signal(const ucontext_t *uc)
{
	struct agent_call *c = tls_call;
	greg_t rip = uc->uc_mcontext.gregs[REG_RIP];
	long rax = (long)uc->uc_mcontext.gregs[REG_RAX];

	if (!c || c->state == CALL_ENDED)
		return;
	if (rip == (greg_t)sg_app_syscall_done) {
		/* It returned, with its result in rax; the signal comes after. */
		call_ends(c, rax);
		c->state = CALL_ENDED;
	} else if (rip == (greg_t)sg_app_syscall_insn) {
		/* Back at its syscall instruction, to run again after the handler:
		 * ptrace shows it ended with ERESTART* (rax says which). */
		call_ends(c, rax == SYS_restart_syscall ? -ERESTART_RESTARTBLOCK : -ERESTARTSYS);
		c->state = CALL_RESTARTED;
	}
}

/* -c: the call counted, not recorded. */
static long counted_call(struct sg_regs *r, const uint64_t *args, const struct sg_inject *inj)
{
	long nr = (long)r->rax;
	unsigned flags = 0;

	if (never_returns(nr) && !inj) /* strace 6 counts a call at its return */
		return agent_perform(r, args);
	uint64_t t0 = sg_ring_tsc();
	long ret = agent_inject_perform(r, args, inj, &flags);
	if (!(ret == 0 && is_new_task_call(nr))) /* a fork's child side is no call */
		agent_count(nr, ret, sg_ring_tsc() - t0);
	agent_inject_finish(inj);
	return ret;
}

long agent_syscall(struct sg_regs *r)
{
	long nr = (long)r->rax;
	uint64_t args[6] = { r->rdi, r->rsi, r->rdx, r->r10, r->r8, r->r9 };
	struct sg_ring_ctl *ctl = sg_agent.ring.ctl;
	/* -e inject= changes only the calls traced, as strace. */
	const struct sg_inject *inj = !tls_quiet && sg_ring_selected(ctl, nr) ?
					      agent_inject_due(nr) : NULL;
	/* An exec or an exit that is skipped returns: it is an ordinary call. */
	bool skipped = inj && (inj->err || inj->has_retval);

	if ((nr == SYS_execve || nr == SYS_execveat) && !skipped)
		return agent_exec(r, args, tls_quiet, sg_ring_selected(ctl, nr));
	if (tls_quiet)
		return agent_perform(r, args);
	if (!sg_ring_selected(ctl, nr)) {
		/* A task's end is shown ("+++ exited") whether its call is or not. */
		if (never_returns(nr) && !sg_agent.summary) {
			agent_record_enter(nr, args);
			if (sg_agent.decode_live_all) /* -Y: "+++ exited" names the process */
				agent_wait_decoded();
			else
				agent_wait_read();
		}
		return agent_perform(r, args);
	}
	if (sg_agent.summary)
		return counted_call(r, args, inj);
	struct agent_call call = { nr, args, r, agent_decoded_live(nr, args), CALL_RUNNING,
				   tls_call, 0, false, false };
	if (never_returns(nr)) { /* no end to keep its entry for */
		agent_record_entry(nr, args, r);
		if (call.live & AGENT_LIVE_ENTRY)
			agent_wait_decoded();
		if (!skipped) {
			agent_wait_read();
			return agent_inject_perform(r, args, inj, &call.flags);
		}
	} else {
		call_enters(&call);
		if (call.live & AGENT_LIVE_ENTRY)
			agent_wait_decoded();
	}
	tls_call = &call;
	long ret = agent_inject_perform(r, args, inj, &call.flags);
	tls_call = call.outer;
	if (call.state != CALL_ENDED)
		call_ends(&call, ret);
	agent_inject_finish(inj);
	return ret;
}

uint64_t agent_signal_site(const ucontext_t *uc)
{
	greg_t rip = uc->uc_mcontext.gregs[REG_RIP];
	const struct agent_call *c = tls_call;

	/* In (or just back from) a call the agent makes for the program: where the
	 * program made it, as ptrace would see the thread. */
	if (c && (rip == (greg_t)sg_app_syscall_insn || rip == (greg_t)sg_app_syscall_done))
		return c->regs->rip;
	return (uint64_t)rip;
}

void agent_regs_of(const ucontext_t *uc, struct sg_regs *r)
{
	const greg_t *g = uc->uc_mcontext.gregs;

	*r = (struct sg_regs){
		.rax = (uint64_t)g[REG_RAX], .rdi = (uint64_t)g[REG_RDI], .rsi = (uint64_t)g[REG_RSI],
		.rdx = (uint64_t)g[REG_RDX], .r10 = (uint64_t)g[REG_R10], .r8 = (uint64_t)g[REG_R8],
		.r9 = (uint64_t)g[REG_R9], .rbx = (uint64_t)g[REG_RBX], .rbp = (uint64_t)g[REG_RBP],
		.r12 = (uint64_t)g[REG_R12], .r13 = (uint64_t)g[REG_R13], .r14 = (uint64_t)g[REG_R14],
		.r15 = (uint64_t)g[REG_R15], .rip = (uint64_t)g[REG_RIP], .rsp = (uint64_t)g[REG_RSP],
	};
}

/* Called by sg_restorer_app as a handler of the program returns. */
AGENT_HIDDEN void agent_note_sigreturn(ucontext_t *uc);
void agent_note_sigreturn(ucontext_t *uc)
{
	uint64_t args[6] = { (uint64_t)uc }; /* the stack pointer rt_sigreturn gets */
	long ret = (long)uc->uc_mcontext.gregs[REG_RAX];

	if (tls_quiet || !sg_ring_selected(sg_agent.ring.ctl, SYS_rt_sigreturn) ||
	    uc->uc_mcontext.gregs[REG_RIP] == (greg_t)sg_copy_fault)
		return;
	if (sg_agent.summary) {
		atomic_fetch_add_explicit(&sg_agent.ring.ctl->count[SYS_rt_sigreturn].calls, 1,
					  memory_order_relaxed);
		return;
	}
	/* The mask it restores as the program set it: with the signals the agent
	 * keeps unblocked for real that the program believes blocked. The frame is
	 * this thread's, shown so only while recorded. */
	uint64_t *mask = (uint64_t *)&uc->uc_sigmask, real = *mask;
	*mask = real | agent_app_blocked();
	struct sg_regs r; /* -k: the frames of where the handler returns to */
	agent_regs_of(uc, &r);
	agent_record_entry_at(SYS_rt_sigreturn, args, &r,
			      sg_agent.ip ? signals_sigreturn_site(uc) : 0);
	*mask = real;
	agent_record_exit(SYS_rt_sigreturn, args, ret);
}

void agent_child_start(void)
{
	agent_forget_tid();
	memset(tls_data_seen, 0, sizeof(tls_data_seen));
	if (sg_agent.stacks)
		stacks_child_start();
	if (!sg_agent.follow) {
		tls_quiet = true; /* without -f only the first thread is traced */
		return;
	}
	sud_enable();
}

/* SYSGATE_AGENT=RING:EXEC_TID:ONLY (ONLY: 0 with -f; else the one process traced,
 * by pid, or as -PID of its parent). */
static int parse_config(const char *v, char *ring, size_t cap, long *exec_tid, long *only)
{
	const char *c1 = strchr(v, ':');
	const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

	if (!c2 || (size_t)(c1 - v) >= cap)
		return -1;
	memcpy(ring, v, (size_t)(c1 - v));
	ring[c1 - v] = 0;
	*exec_tid = strtol(c1 + 1, NULL, 10);
	*only = strtol(c2 + 1, NULL, 10);
	return 0;
}

static int map_ring(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || st.st_size < (off_t)sizeof(struct sg_ring_ctl)) {
		close(fd);
		return -1;
	}
	void *m = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		       fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return -1;
	struct sg_ring_ctl *ctl = m;
	if (ctl->magic != SG_RING_MAGIC ||
	    sg_ring_map_size(ctl->nslots) != (size_t)st.st_size) {
		munmap(m, (size_t)st.st_size);
		return -1;
	}
	sg_ring_attach(&sg_agent.ring, m, (size_t)st.st_size);
	return 0;
}

__attribute__((constructor)) static void agent_start(void)
{
	const char *v = getenv("SYSGATE_AGENT"), *pre = getenv("LD_PRELOAD");
	char ring[256];
	long exec_tid, only;

	if (!v || !pre || strlen(v) >= sizeof(sg_agent.config) ||
	    strlen(pre) >= sizeof(sg_agent.preload))
		return;
	/* Before any call of the agent's own: a tracer holding this program since its
	 * exec (the loader's calls) lets go here. */
	sg_sys(SG_AGENT_MARKER_NR, 0, 0, 0);
	if (parse_config(v, ring, sizeof(ring), &exec_tid, &only) < 0)
		return;
	if (only > 0 ? only != getpid() : only < 0 && -only != getppid())
		return; /* a child of a command traced without -f */
	if (map_ring(ring) < 0)
		return;
	strcpy(sg_agent.config, ring);
	strcpy(sg_agent.preload, pre);
	uint32_t flags = sg_agent.ring.ctl->flags;
	sg_agent.summary = flags & SG_RING_SUMMARY;
	sg_agent.times = flags & (SG_RING_TIMES | SG_RING_SUMMARY);
	sg_agent.follow = flags & SG_RING_FOLLOW;
	sg_agent.stacks = (flags & SG_RING_STACKS) && !sg_agent.summary;
	sg_agent.stack_first = sg_agent.ring.ctl->stack_first;
	sg_agent.stack_every = sg_agent.ring.ctl->stack_every;
	sg_agent.data_first = sg_agent.ring.ctl->data_first;
	sg_agent.data_every = sg_agent.ring.ctl->data_every;
	data_only_init();
	sg_agent.ip = (flags & SG_RING_IP) && !sg_agent.summary;
	sg_agent.whole_calls = (flags & SG_RING_WHOLE_CALLS) && !sg_agent.summary;
	sg_agent.decode_live = (flags & SG_RING_DECODE_LIVE) && !sg_agent.summary;
	sg_agent.decode_live_all = (flags & SG_RING_DECODE_LIVE_ALL) && !sg_agent.summary;
	sg_agent.detach_on_exec = flags & SG_RING_DETACH_ON_EXEC;
	if (sg_agent.decode_live)
		agent_sync_init();
	sg_agent.capture.strsize = (int)sg_agent.ring.ctl->strsize;
	if (flags & SG_RING_UNABBREVIATED)
		sg_agent.capture.unabbreviated = sg_agent.ring.ctl->unabbreviated;
	if (flags & SG_RING_DUMP) {
		sg_agent.capture.dump_read = sg_agent.ring.ctl->dump_read;
		sg_agent.capture.dump_write = sg_agent.ring.ctl->dump_write;
	}
	agent_pidns_start();
	agent_inject_carry_in((int32_t)exec_tid);
	sg_agent.backend = SG_BACKEND_SUD;
	long why = 0;
	if (flags & SG_RING_REWRITE) {
		if (rewrite_init() == 0)
			sg_agent.backend = SG_BACKEND_REWRITE;
		else
			why = SG_UNTRACED_PAGE0;
	}
	if (signals_init() < 0 || sud_init() < 0)
		return;
	agent_record_plain(SG_REC_START, sg_agent.backend, exec_tid, why ? "page0" : "");
	sud_enable();
}
