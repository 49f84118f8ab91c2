/* The shared-memory ring between traced programs (the in-process agent writes) and
 * sysgate trace (reads). One file in /dev/shm, mapped by every traced process and
 * by sysgate: many producers (threads, forked children), one consumer.
 *
 * Slots of SG_RING_SLOT bytes; a record takes one or more consecutive slots and is
 * published by its first slot's tag (slot position + 1). A producer first tags its
 * slots with its tid, so the consumer can tell a slow writer from a dead one. The
 * ring never blocks a program for long: when full, a producer waits a bounded time,
 * then drops the record and counts it. Freestanding (the agent has no libc). */
#ifndef SG_TRACE_RING_H
#define SG_TRACE_RING_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SG_RING_MAGIC 0x53477231u /* "SGr1" */
#define SG_RING_SLOT 128u
#define SG_RING_NR 512 /* syscall numbers the agent knows */
#define SG_RING_DUMP_FDS 1024 /* fds -e read= and -e write= can name */
#define SG_RING_RESERVED (1ull << 63)

enum sg_rec_type {
	SG_REC_PAD = 1,	  /* filler up to the end of the ring */
	SG_REC_ENTER,	  /* v[0..5]: arguments; snapshot of the input memory */
	SG_REC_EXIT,	  /* v[0]: return value; snapshot of the output memory */
	SG_REC_START,	  /* the agent is up in a process: v[0] backend, v[1] exec'ing tid */
	SG_REC_UNTRACED,  /* v[0]: why a process is not covered; snapshot: its path */
	SG_REC_SIGNAL,	  /* v[0]: a signal reaching a handler, v[2] (-i) where it found the
			   * thread; snapshot: its siginfo */
	/* -k: as SG_REC_ENTER, and after the snapshot (from its end rounded up to 8
	 * bytes) a struct sg_rec_stack: where the calling thread was. */
	SG_REC_ENTER_STACK,
	/* -k: a call that may have mapped code in or out returned: v[0..2] its
	 * first arguments, v[3] its result. */
	SG_REC_REMAP,
	/* -k: as SG_REC_ENTER_STACK, for an execve that ptrace is to show (see
	 * SG_RING_HYBRID): the program's stack, which ptrace sees only as the
	 * agent's. */
	SG_REC_EXEC_STACK,
	/* -k: as SG_REC_SIGNAL, and after the siginfo (rounded up to 8 bytes) a
	 * struct sg_rec_stack: where the signal found the thread; v[1] the
	 * program's restorer for its handler, or 0. */
	SG_REC_SIGNAL_STACK,
	/* -b execve: the thread is let go at the execve it just entered. */
	SG_REC_DETACH,
	/* -i (without -k): as SG_REC_ENTER, and after the snapshot (from its end
	 * rounded up to 8 bytes) the call site: where the program goes on after its
	 * syscall instruction. */
	SG_REC_ENTER_IP,
	/* -i without -k: v[0] the call site of an execve that ptrace is to show,
	 * which ptrace sees made by the agent (as SG_REC_EXEC_STACK's ip with -k). */
	SG_REC_EXEC_IP,
	/* SG_RING_WHOLE_CALLS: a call that returned, in one record. As SG_REC_ENTER
	 * (tsc: its end's stamp), and after the snapshot (from its end rounded up to
	 * 8 bytes) a struct sg_rec_end: the exit's stamp, result and snapshot. */
	SG_REC_CALL,
};

enum sg_ring_flags {
	SG_RING_SUMMARY = 1 << 0, /* -c: count per syscall, no records */
	SG_RING_TIMES = 1 << 1,	  /* records carry TSC stamps */
	SG_RING_FOLLOW = 1 << 2,  /* -f: children and threads are traced too */
	SG_RING_REWRITE = 1 << 3, /* rewrite syscall sites (else SUD only) */
	/* Each exec is handed to ptrace, which sees the dynamic loader's calls and
	 * lets go when the agent starts (its marker call). */
	SG_RING_HYBRID = 1 << 4,
	SG_RING_STACKS = 1 << 5, /* -k: call records carry the thread's stack */
	/* -y, -Y: sysgate looks at the process's fds and pids as it decodes, so each
	 * recorded call waits at its entry and its end until decoded. */
	SG_RING_DECODE_LIVE = 1 << 6,
	/* -Y: every line names its process (the "[pid N<comm>]" prefix, the end of
	 * a process): every recorded call waits at its entry. */
	SG_RING_DECODE_LIVE_ALL = 1 << 7,
	/* -v, -e abbrev=: the calls in unabbreviated are copied for showing in full. */
	SG_RING_UNABBREVIATED = 1 << 8,
	/* -b execve: a process is let go at its execve, which runs without the agent. */
	SG_RING_DETACH_ON_EXEC = 1 << 9,
	/* -e read=, -e write=: the data of those fds' reads and writes is copied
	 * whole (dump_read, dump_write), and the program waits for room rather
	 * than lose a record. */
	SG_RING_DUMP = 1 << 10,
	/* -i: call records carry their call site (SG_REC_ENTER_IP, or in the stack
	 * of SG_REC_ENTER_STACK). Without it a record is none the larger. */
	SG_RING_IP = 1 << 11,
	/* The consumer shows no call unfinished (an observer, sysgate advise): a
	 * call that returns is one SG_REC_CALL at its end, its entry kept by the
	 * agent until then. Calls that do not return (exit, exec), those a signal
	 * handler makes inside another, and entries too large to keep are an
	 * entry and an exit record as without it. */
	SG_RING_WHOLE_CALLS = 1 << 12,
};

/* The agent's first call in a new program: not a syscall (ENOSYS). Under ptrace it
 * marks where the agent takes over from the tracer (see SG_RING_HYBRID). */
#define SG_AGENT_MARKER_NR 0x5347

/* A thread about to exec asks sysgate to hold it with ptrace first. */
#define SG_RING_HANDOFFS 16
#define SG_RING_WAKE_SIGNAL 12 /* SIGUSR2 */
enum sg_handoff_state { SG_HANDOFF_FREE, SG_HANDOFF_ASKED, SG_HANDOFF_HELD };
struct sg_ring_handoff {
	_Atomic int32_t tid;
	_Atomic uint32_t state;
};

enum sg_agent_backend { SG_BACKEND_SUD = 1, SG_BACKEND_REWRITE = 2 };
enum sg_untraced_why { SG_UNTRACED_STATIC = 1, SG_UNTRACED_SETID = 2, SG_UNTRACED_PAGE0 = 3 };

/* Tids in records: a process in a pid namespace other than sysgate's tags its
 * own (as its namespace numbers them; pids are below 2^22) with its namespace's
 * slot in pidns[] from 1, in the bits from SG_RING_NS_SHIFT up. sysgate finds
 * the tid in its own namespace. */
#define SG_RING_NS_SHIFT 22
#define SG_RING_PIDNS 8
static inline int32_t sg_ring_tid_untagged(int32_t tid)
{
	return tid & ((1 << SG_RING_NS_SHIFT) - 1);
}

struct sg_rec {
	uint16_t type;
	uint16_t nslots;
	int32_t tid;
	int32_t nr;
	uint32_t snap_len;
	uint64_t tsc;
	uint64_t v[6];
	uint8_t snap[];
};

/* -k: the registers and stack of a thread at its call. */
#define SG_RING_STACK_NREGS 17
#define SG_RING_STACK_WINDOW (16 * 1024)
struct sg_rec_stack {
	/* In the x86_64 DWARF numbering: rax, rdx, rcx, rbx, rsi, rdi, rbp, rsp,
	 * r8..r15, then the return address (rip). */
	uint64_t regs[SG_RING_STACK_NREGS];
	uint32_t len; /* bytes of mem: the stack from rsp up, to its first unreadable byte */
	uint32_t pad;
	/* -i: the call site, which is the rip above except for rt_sigreturn (whose
	 * frames start where the handler returns to); 0 for a signal. */
	uint64_t ip;
	uint8_t mem[];
};

/* What an SG_REC_CALL has after its entry's snapshot: its end. */
struct sg_rec_end {
	uint64_t enter_tsc; /* the entry's stamp (the record's own is the exit's) */
	int64_t ret;
	uint32_t flags; /* SG_EXIT_* */
	uint32_t snap_len;
	uint8_t snap[];
};

/* Where a SG_REC_ENTER_STACK record keeps its stack, and the room it needs. */
static inline size_t sg_rec_stack_offset(uint32_t snap_len)
{
	return (snap_len + 7u) & ~(size_t)7;
}
#define SG_REC_STACK_ROOM (sizeof(struct sg_rec_stack) + SG_RING_STACK_WINDOW)
/* An observer unwinds a sample only to its site, the first frame past libc and
 * the loader: a few hundred bytes up the stack as a rule, and 4 KiB leaves room
 * for libc's deeper paths (stdio's) without copying 16 KiB at every sample. */
#define SG_RING_SITE_WINDOW (4 * 1024)

/* Observers' sampled stacks (sysgate advise), the same rule in the agent and
 * under ptrace: is a thread's next call of a syscall to be unwound? *seen counts
 * the thread's calls of it so far (from 0). The first `first` are; then one in
 * `every` (none with 0), so calls that start late in a run, from a new site,
 * are unwound too, at a bounded share of the calls. first 0: every call. */
static inline bool sg_stack_sampled(uint16_t *seen, uint32_t first, uint32_t every)
{
	if (!first)
		return true;
	if (*seen < first) {
		++*seen;
		return true;
	}
	if (!every || ++*seen < first + every)
		return false;
	*seen = (uint16_t)first;
	return true;
}

/* -e inject=: what is done to the calls of one syscall, by the tracer under ptrace
 * (ptrace.c) and by the agent in the program in-process (agent/inject.c). */
struct sg_inject {
	int32_t err;	 /* error=: the call is skipped and fails with it; 0: not */
	int32_t sig;	 /* signal=: raised in the thread as the call returns; 0: none */
	uint8_t has_retval; /* retval=: the call is skipped and returns retval */
	int64_t retval;
	uint64_t delay_enter_us, delay_exit_us; /* delay_enter=, delay_exit= */
	/* when=FIRST[..LAST][+[STEP]]: calls FIRST, FIRST+STEP, ... up to LAST (0:
	 * no end); STEP 0 is FIRST alone. Without when=, every call (1+1). */
	uint32_t first, last, step;
};

/* Is the n-th call (from 1) of the syscall due? As strace, each thread counts its
 * own calls, of the calls it traces (neither -e trace= nor -P leaves them out). */
static inline bool sg_inject_due(const struct sg_inject *r, uint64_t n)
{
	if (n < r->first || (r->last && n > r->last))
		return false;
	return r->step ? (n - r->first) % r->step == 0 : n == r->first;
}

/* -e inject=: a thread's counts of its calls of each syscall (sg_inject_due's n),
 * kept while its program is replaced, for whichever counts on after: put by the
 * agent before an exec, and by sysgate when ptrace lets go after the loader's
 * calls; taken by ptrace at the loader's first call changed, and by the new
 * program's agent. By tid as the agent records it (agent_rec_tid). */
#define SG_RING_INJECT_CARRY 16
struct sg_ring_inject_carry {
	_Atomic int32_t tid; /* 0: free; -1: being written */
	uint32_t seen[SG_RING_NR];
};

/* How an SG_REC_EXIT record's call was changed (its v[1]): "(INJECTED)", "(DELAYED)";
 * and SG_EXIT_NO_DATA: the agent copied none of its buffers (data_first). */
enum sg_rec_exit_flags { SG_EXIT_INJECTED = 1, SG_EXIT_DELAYED = 2, SG_EXIT_NO_DATA = 4 };

struct sg_ring_count {
	_Atomic uint64_t calls, errors, cycles;
};

struct sg_ring_ctl {
	uint32_t magic;
	uint32_t nslots; /* a power of two */
	uint32_t strsize;
	uint32_t flags;
	uint64_t selected[SG_RING_NR / 64]; /* recorded syscalls */
	uint64_t unabbreviated[SG_RING_NR / 64]; /* shown in full (SG_RING_UNABBREVIATED) */
	uint64_t dump_read[SG_RING_DUMP_FDS / 64]; /* by fd (SG_RING_DUMP) */
	uint64_t dump_write[SG_RING_DUMP_FDS / 64];
	uint64_t injected[SG_RING_NR / 64]; /* the syscalls inject[] changes */
	struct sg_inject inject[SG_RING_NR];
	struct sg_ring_inject_carry inject_carry[SG_RING_INJECT_CARRY];
	_Alignas(64) _Atomic uint64_t head;  /* next slot to reserve */
	_Alignas(64) _Atomic uint64_t tail;  /* next slot to read */
	_Alignas(64) _Atomic uint64_t dropped;
	_Atomic uint32_t overflowing; /* drop at once until the consumer catches up */
	/* Threads sleeping on the tail's futex until sysgate has read (agent/sync.c). */
	_Atomic uint32_t waiters;
	struct sg_ring_handoff handoff[SG_RING_HANDOFFS];
	int32_t consumer_pid; /* sysgate: a SIGUSR2 wakes it when it sleeps */
	uint64_t own_pidns;		     /* sysgate's pid namespace (its inode) */
	_Atomic uint64_t pidns[SG_RING_PIDNS]; /* the others seen, by slot - 1 */
	/* sysgate's TSC at its last pass: an agent that sees it old takes sysgate for
	 * gone (killed, or stuck) and neither signals it nor waits for it. */
	_Atomic uint64_t heartbeat;
	struct sg_ring_count count[SG_RING_NR];
	/* SG_RING_STACKS: which calls' stacks the agent copies, by
	 * sg_stack_sampled; stack_first 0: every call's (trace -k). */
	uint32_t stack_first, stack_every;
	/* An observer's calls whose memory is only data buffers (read's,
	 * write's: sg_capture_data_only) have their buffers copied by the same
	 * rule; the others, SG_EXIT_NO_DATA. data_first 0: every call's. */
	uint32_t data_first, data_every;
};

struct sg_ring {
	struct sg_ring_ctl *ctl;
	_Atomic uint64_t *tags;
	uint8_t *data;
	size_t map_len;
	uint64_t tail_seen; /* producer: the consumer's tail when last read */
};

/* Bytes to map for nslots slots, and the views into such a mapping. */
size_t sg_ring_map_size(uint32_t nslots);
void sg_ring_attach(struct sg_ring *r, void *map, size_t len);

/* Producer: a record of len bytes (header included), or NULL when there is no room
 * now. Fill it, then publish it with sg_ring_commit. */
struct sg_rec *sg_ring_reserve(struct sg_ring *r, size_t len, int32_t tid, uint64_t *pos);
void sg_ring_commit(struct sg_ring *r, uint64_t pos);
/* Fill a reserved record of a call: header, the values v (arguments, or the
 * return value first) and the snapshot of plan's regions. */
struct sg_capture_plan;
void sg_ring_fill_call(struct sg_rec *rec, int type, int32_t tid, long nr, const uint64_t *v,
		       uint64_t tsc, const struct sg_capture_plan *plan,
		       size_t (*copy)(void *dst, uint64_t src, size_t n));

/* Consumer: the next record, NULL when none is published yet. *writer gets the tid
 * that reserved a slot not yet published (0 if unknown). */
const struct sg_rec *sg_ring_peek(struct sg_ring *r, int32_t *writer);
void sg_ring_release(struct sg_ring *r, const struct sg_rec *rec);
/* The record published right after rec (from sg_ring_peek), or NULL. */
const struct sg_rec *sg_ring_peek_after(struct sg_ring *r, const struct sg_rec *rec);
/* The stack of a SG_REC_ENTER_STACK or SG_REC_EXEC_STACK record from sg_ring_peek, and in *len its
 * length, read once; NULL for another record, or one whose stack would not fit
 * in its slots. */
const struct sg_rec_stack *sg_rec_stack(const struct sg_rec *rec, uint32_t *len);
/* The end of a SG_REC_CALL record from sg_ring_peek, copied into *end (its
 * snapshot stays in the ring: the pointer returned); NULL for another record, or
 * one whose end would not fit in its slots. */
const uint8_t *sg_rec_end(const struct sg_rec *rec, struct sg_rec_end *end);
/* -i: the call site a record of a call's entry carries (SG_RING_IP), or 0. */
uint64_t sg_rec_ip(const struct sg_rec *rec);
/* Give up on an unpublished slot (its writer died): skip it. */
void sg_ring_skip(struct sg_ring *r);
bool sg_ring_empty(struct sg_ring *r);

/* -e inject=: put tid's counts into a free carry slot, replacing any it had there
 * (false: no slot free, the counts are lost); take them out (false: none there). */
bool sg_ring_carry_put(struct sg_ring_ctl *c, int32_t tid, const uint32_t *seen);
bool sg_ring_carry_take(struct sg_ring_ctl *c, int32_t tid, uint32_t *seen);

/* Records are stamped with the TSC, on both sides of the ring. */
static inline uint64_t sg_ring_tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* Older than this many TSC ticks (0.1-0.5 s at 1-4 GHz): sysgate is not there. */
#define SG_RING_HEARTBEAT_STALE 500000000ull

static inline bool sg_ring_consumer_alive(struct sg_ring_ctl *c)
{
	return sg_ring_tsc() - atomic_load_explicit(&c->heartbeat, memory_order_relaxed) <
	       SG_RING_HEARTBEAT_STALE;
}

static inline bool sg_ring_selected(const struct sg_ring_ctl *c, long nr)
{
	return nr >= 0 && nr < SG_RING_NR && (c->selected[nr / 64] >> (nr % 64) & 1);
}

#endif
