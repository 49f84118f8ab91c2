/* -k in the agent: the registers and stack of the thread at each recorded call
 * (or an observer's sample of them), for sysgate to unwind; and what sysgate must
 * know to unwind while the code is still mapped. Nothing here runs without -k. */
#include "agent.h"

#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

#include "core/capture.h"

/* An observer's sample: this thread's calls of each syscall so far. A call not
 * sampled takes the plain record path: no copy, no wait. */
static __thread uint16_t tls_seen[SG_RING_NR] __attribute__((tls_model("initial-exec")));

bool stacks_wanted(long nr)
{
	if (!sg_agent.stack_first)
		return true;
	return nr >= 0 && nr < SG_RING_NR &&
	       sg_stack_sampled(&tls_seen[nr], sg_agent.stack_first, sg_agent.stack_every);
}

void stacks_child_start(void)
{
	memset(tls_seen, 0, sizeof(tls_seen));
}

/* Sampled: the ring position just past this process's last record with a stack,
 * which sysgate must have read before the code it names goes. */
static _Atomic uint64_t last_stack_end;

static void commit_stack(uint64_t pos)
{
	uint64_t end = atomic_load_explicit(&last_stack_end, memory_order_relaxed);

	sg_ring_commit(&sg_agent.ring, pos);
	while (end < pos + 1 &&
	       !atomic_compare_exchange_weak_explicit(&last_stack_end, &end, pos + 1,
						      memory_order_relaxed, memory_order_relaxed))
		;
}

uint64_t stacks_unread_until(void)
{
	if (!sg_agent.stack_first) /* every record has a stack */
		return atomic_load_explicit(&sg_agent.ring.ctl->head, memory_order_acquire);
	return atomic_load_explicit(&last_stack_end, memory_order_relaxed);
}

/* The end of this thread's stack, once a copy has run into it. A copy that
 * reaches it faults (the agent's SIGSEGV handler ends it), and near the top of
 * the stack, where a short program spends its life, every copy would: the
 * copies stop there instead, and take no more room in the ring than they need. */
static __thread uint64_t tls_stack_end __attribute__((tls_model("initial-exec")));

/* Bytes to copy from sp up: the window (an observer's is smaller), or less up
 * to the end known. */
static size_t stack_copy_len(uint64_t sp)
{
	uint64_t end = tls_stack_end;
	uint64_t window = sg_agent.stack_first ? SG_RING_SITE_WINDOW : SG_RING_STACK_WINDOW;

	return end > sp && end - sp < window ? end - sp : window;
}

/* The registers in the DWARF order sysgate's unwinder takes (ring.h), and the
 * stack from rsp up until its first unreadable byte: the end of its mapping. A
 * syscall leaves the return address in rcx and the flags in r11; the flags are
 * not kept (no unwinder reads them), so r11 is 0. */
static void fill_stack(struct sg_rec_stack *st, const struct sg_regs *r, uint64_t ip,
		       size_t want)
{
	const uint64_t regs[SG_RING_STACK_NREGS] = {
		r->rax, r->rdx, r->rip, r->rbx, r->rsi, r->rdi, r->rbp, r->rsp, r->r8,
		r->r9,	r->r10, 0,	r->r12, r->r13, r->r14, r->r15, r->rip,
	};

	memcpy(st->regs, regs, sizeof(regs));
	st->len = (uint32_t)sg_safe_copy(st->mem, r->rsp, want);
	if (st->len < want && st->len > 0)
		tls_stack_end = r->rsp + st->len;
	st->pad = 0;
	st->ip = ip;
}

/* The record takes room for the whole window (or up to the stack's end, once
 * known), used or not: the copy is made in place, and its length is known only
 * once made. The entry is stamped after the copy, as record() stamps one: the
 * copy is the tracing's cost, not the call's. */
void stacks_record_entry(int type, long nr, const uint64_t *args, const struct sg_regs *r,
			 uint64_t ip)
{
	struct sg_capture_plan plan;
	uint64_t pos;

	sg_capture_plan(&plan, nr, args, false, 0, &sg_agent.capture, sg_safe_copy);
	size_t at = sg_rec_stack_offset((uint32_t)sg_snap_size(&plan));
	size_t want = stack_copy_len(r->rsp);
	struct sg_rec *rec = agent_reserve(sizeof(*rec) + at + sizeof(struct sg_rec_stack) + want,
					   &pos);
	if (!rec)
		return;
	sg_ring_fill_call(rec, type, agent_rec_tid(), nr, args, 0, &plan, sg_safe_copy);
	fill_stack((struct sg_rec_stack *)(rec->snap + sg_rec_stack_offset(rec->snap_len)), r, ip,
		   want);
	rec->tsc = sg_agent.times ? sg_ring_tsc() : 0;
	commit_stack(pos);
}

void stacks_record_signal(int sig, const siginfo_t *si, const ucontext_t *uc, long restorer,
			  uint64_t ip)
{
	size_t at = sg_rec_stack_offset(sizeof(*si));
	struct sg_regs r;
	uint64_t pos;
	struct sg_rec *rec = agent_reserve(sizeof(*rec) + at + SG_REC_STACK_ROOM, &pos);

	if (!rec)
		return;
	rec->type = SG_REC_SIGNAL_STACK;
	rec->tid = agent_rec_tid();
	rec->nr = -1;
	rec->tsc = sg_ring_tsc();
	memset(rec->v, 0, sizeof(rec->v));
	rec->v[0] = (uint64_t)sig;
	rec->v[1] = (uint64_t)restorer;
	rec->v[2] = ip;
	memcpy(rec->snap, si, sizeof(*si));
	rec->snap_len = sizeof(*si);
	agent_regs_of(uc, &r);
	fill_stack((struct sg_rec_stack *)(rec->snap + at), &r, 0, stack_copy_len(r.rsp));
	commit_stack(pos);
}

struct reservation {
	size_t len;
	uint64_t *pos;
	struct sg_rec *rec;
};

static bool reserved(void *arg)
{
	struct reservation *r = arg;

	r->rec = sg_ring_reserve(&sg_agent.ring, r->len, agent_rec_tid(), r->pos);
	return r->rec != NULL;
}

struct sg_rec *stacks_reserve(size_t len, uint64_t *pos)
{
	struct reservation r = { len, pos, NULL };

	agent_wait_until(reserved, &r);
	return r.rec;
}

/* Only what changes the code: a mapping made or turned executable, or anything
 * unmapped or moved; and only when it succeeded. */
static bool changes_code(long nr, const uint64_t *a, long ret)
{
	if (ret < 0 && ret >= -4095)
		return false;
	if (nr == SYS_mmap || nr == SYS_mprotect)
		return a[2] & PROT_EXEC;
	return nr == SYS_munmap || nr == SYS_mremap;
}

void agent_note_remap(long nr, const uint64_t *a, long ret)
{
	uint64_t pos;

	if (!sg_agent.stacks || agent_quiet() || !changes_code(nr, a, ret))
		return;
	struct sg_rec *rec = agent_reserve(sizeof(*rec), &pos);
	if (!rec)
		return;
	rec->type = SG_REC_REMAP;
	rec->tid = agent_rec_tid();
	rec->nr = (int32_t)nr;
	rec->snap_len = 0;
	rec->tsc = 0;
	rec->v[0] = a[0];
	rec->v[1] = a[1];
	rec->v[2] = a[2];
	rec->v[3] = (uint64_t)ret;
	rec->v[4] = rec->v[5] = 0;
	sg_ring_commit(&sg_agent.ring, pos);
}
