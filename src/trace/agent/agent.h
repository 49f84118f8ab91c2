/* Internal to the trace agent (libsysgate-agent.so), the library sysgate trace
 * loads into traced programs for the in-process backends. It runs inside someone
 * else's program: no libc after start-up, no floating point or vector registers
 * (built with -mgeneral-regs-only), and every system call of its own goes through
 * sg_raw_syscall, whose code Syscall User Dispatch lets pass. */
#ifndef SG_TRACE_AGENT_H
#define SG_TRACE_AGENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <signal.h>
#include <ucontext.h>

#include "core/capture.h"
#include "trace/ring.h"

#define AGENT_HIDDEN __attribute__((visibility("hidden")))
#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000 /* the kernel's flag; libc keeps it to itself */
#endif

/* The registers of the program at one of its syscall sites. Layout shared with
 * entry.S. */
struct sg_regs {
	uint64_t rax, rdi, rsi, rdx, r10, r8, r9;
	uint64_t rbx, rbp, r12, r13, r14, r15;
	uint64_t rip; /* where the program goes on after the syscall */
	uint64_t rsp; /* the program's stack pointer at the syscall */
};

/* A new thread's first words on its stack, read by sg_clone_stub (entry.S). */
struct sg_child_block {
	uint64_t rbx, rbp, r12, r13, r14, r15, rdi, rsi, rdx, r8, r9, r10, rip, rsp;
	uint64_t pad[2];
};

/* entry.S */
AGENT_HIDDEN long sg_raw_syscall6(long nr, long a, long b, long c, long d, long e, long f);
AGENT_HIDDEN long sg_app_syscall6(long nr, long a, long b, long c, long d, long e, long f);
extern const char sg_app_syscall_insn[] AGENT_HIDDEN, sg_app_syscall_done[] AGENT_HIDDEN;
AGENT_HIDDEN long sg_clone_stub(long nr, long a, long b, long c, long d, long e);
AGENT_HIDDEN size_t sg_safe_copy(void *dst, uint64_t src, size_t n);
AGENT_HIDDEN void sg_restorer_app(void);   /* records rt_sigreturn, then does it */
AGENT_HIDDEN void sg_restorer_quiet(void); /* the agent's own handlers return here */
AGENT_HIDDEN void sg_rw_entry(void);	   /* the rewrite trampoline jumps here */
extern char sg_exempt_start[] AGENT_HIDDEN, sg_exempt_end[] AGENT_HIDDEN;
extern char sg_copy_insn[] AGENT_HIDDEN, sg_copy_fault[] AGENT_HIDDEN;

static inline long sg_sys(long nr, long a, long b, long c)
{
	return sg_raw_syscall6(nr, a, b, c, 0, 0, 0);
}

/* agent.c: state shared by the agent's files. */
struct agent {
	struct sg_ring ring;
	int backend;	 /* enum sg_agent_backend in use in this process */
	bool summary;	 /* -c */
	bool times;
	bool follow;
	bool stacks;	 /* -k */
	uint32_t stack_first, stack_every; /* -k sampled: sg_stack_sampled (ring.h) */
	uint32_t data_first, data_every;   /* an observer's buffers, sampled likewise */
	bool ip;	 /* -i: call records carry their call site (SG_RING_IP) */
	bool whole_calls; /* a call that returns is one record (SG_RING_WHOLE_CALLS) */
	bool decode_live; /* calls on fds and pids wait to be decoded (SG_RING_DECODE_LIVE) */
	bool decode_live_all; /* every call waits at its entry (SG_RING_DECODE_LIVE_ALL) */
	bool detach_on_exec;  /* -b execve (SG_RING_DETACH_ON_EXEC) */
	struct sg_capture_opts capture; /* -s, -v: what each call's record copies */
	uint32_t ns_tag;	  /* records' tids: the pid namespace's slot (pidns.c) */
	bool pidns_for_children;  /* unshare or setns moved where children start */
	char config[512];  /* SYSGATE_AGENT's value, re-exported across exec */
	char preload[512]; /* the agent's own path, for LD_PRELOAD */
};
extern struct agent sg_agent AGENT_HIDDEN;

AGENT_HIDDEN int agent_tid(void);
/* The thread's own agent state (TLS). A child that shares this thread's memory
 * without a TLS of its own (CLONE_VM without CLONE_SETTLS: posix_spawn) writes
 * into it; the parent puts it back after the clone. */
struct agent_tls {
	int tid;
	bool quiet;
	bool let_go;
	uint64_t app_blocked;
	struct agent_call *call;
	struct agent_call *held; /* the call whose entry the thread keeps */
};
AGENT_HIDDEN void agent_tls_save(struct agent_tls *t);
AGENT_HIDDEN void agent_tls_restore(const struct agent_tls *t);
/* Signals the agent must never have blocked for real (SIGSYS, SIGSEGV, SIGBUS),
 * and which of them the program believes it has blocked. */
#define AGENT_OWNED_SIGNALS ((1ull << (SIGSYS - 1)) | (1ull << (SIGSEGV - 1)) | \
			     (1ull << (SIGBUS - 1)))
AGENT_HIDDEN uint64_t agent_app_blocked(void);
AGENT_HIDDEN void agent_set_app_blocked(uint64_t mask);
/* sysgate sleeps when the ring is quiet: wake it (a handoff, a full ring). */
AGENT_HIDDEN void agent_wake_consumer(void);
AGENT_HIDDEN void agent_forget_tid(void);
/* Run one syscall of the program, recorded; r->rax is the number. Returns its result. */
AGENT_HIDDEN long agent_syscall(struct sg_regs *r);
/* A handler of the program is about to run for a signal that interrupted uc: if
 * at the return of the thread's call in progress, or at its restart, record that
 * call's end first (as ptrace shows it: the call ends, then the signal; a
 * restarted call is a new one). */
AGENT_HIDDEN void agent_note_return_at_signal(const ucontext_t *uc);
/* Records of calls that do not return to the agent: exec, exit, rt_sigreturn. */
AGENT_HIDDEN void agent_record_enter(long nr, const uint64_t *args);
AGENT_HIDDEN void agent_record_exit(long nr, const uint64_t *args, long ret);
/* The same, with how the call was changed (-e inject=): SG_EXIT_* flags. */
AGENT_HIDDEN void agent_record_exit_as(long nr, const uint64_t *args, long ret, unsigned flags);
AGENT_HIDDEN void agent_record_plain(int type, long v0, long v1, const char *text);
AGENT_HIDDEN void agent_record_bytes(int type, long v0, long v1, const void *bytes, size_t n);
AGENT_HIDDEN void agent_record_bytes3(int type, long v0, long v1, long v2, const void *bytes,
				      size_t n);
/* -i: where a signal found the thread (uc), in the program's terms. */
AGENT_HIDDEN uint64_t agent_signal_site(const ucontext_t *uc);
/* The entry of a call made at r: with -k, with the thread's registers and stack;
 * with -i, with its call site r->rip (agent_record_entry_at: ip). */
AGENT_HIDDEN void agent_record_entry(long nr, const uint64_t *args, const struct sg_regs *r);
AGENT_HIDDEN void agent_record_entry_at(long nr, const uint64_t *args, const struct sg_regs *r,
					uint64_t ip);
/* -k (no-op without): after a call that may have mapped code in or out, tell
 * sysgate, which unwinds with the code as mapped when it reads a record. */
AGENT_HIDDEN void agent_note_remap(long nr, const uint64_t *args, long ret);

/* sync.c: waiting for sysgate. ready(arg) is checked each time it reads; false
 * when sysgate read nothing for half a second. */
AGENT_HIDDEN bool agent_wait_until(bool (*ready)(void *), void *arg);
/* Until sysgate has read every record made so far. */
AGENT_HIDDEN void agent_wait_decoded(void);
/* -k (no-op without): the same, before code goes (exit, exec, munmap). */
AGENT_HIDDEN void agent_wait_read(void);
/* When sysgate decodes nr by what the process holds at the call (its fds, pids,
 * a netlink socket's protocol), the call waits to be decoded: at its entry
 * (AGENT_LIVE_ENTRY), at its end (AGENT_LIVE_EXIT). */
enum { AGENT_LIVE_ENTRY = 1, AGENT_LIVE_EXIT = 2 };
AGENT_HIDDEN unsigned agent_decoded_live(long nr, const uint64_t *args);
/* Which calls those are under -y/-Y, from the syscall table. */
AGENT_HIDDEN void agent_sync_init(void);
/* A record of len bytes, or NULL (counted as dropped) when the ring stays full. */
AGENT_HIDDEN struct sg_rec *agent_reserve(size_t len, uint64_t *pos);
/* This thread is not traced (a child of a command traced without -f). */
AGENT_HIDDEN bool agent_quiet(void);
/* -b execve: this thread's exec failed after sysgate let it go; no more records. */
AGENT_HIDDEN void agent_let_go_thread(void);
AGENT_HIDDEN bool agent_thread_let_go(void);

/* dispatch.c: the calls the agent must do differently from the program. */
AGENT_HIDDEN long agent_perform(struct sg_regs *r, const uint64_t *args);
/* In a new process or thread, before it runs program code. */
AGENT_HIDDEN void agent_child_start(void);

/* signals.c: the program's signal actions, kept by the agent. */
AGENT_HIDDEN int signals_init(void);
AGENT_HIDDEN long signals_sigaction(const uint64_t *args);
AGENT_HIDDEN long signals_sigprocmask(const uint64_t *args);
/* Calls that take a signal mask for their duration (sigsuspend, ppoll, pselect6,
 * epoll_pwait*): the same call with the agent's signals left unblocked. */
AGENT_HIDDEN long signals_masked_call(long nr, const uint64_t *args);
/* -i: where the program's own restorer would have made the rt_sigreturn that
 * returns from the handler of uc's signal (the agent's restorer makes it), or 0. */
AGENT_HIDDEN uint64_t signals_sigreturn_site(const ucontext_t *uc);
/* A forked child owns its copy of the program's signal actions. */
AGENT_HIDDEN void signals_adopt(void);
/* A SIGSYS that is not from dispatch (a seccomp trap of the program's own). */
AGENT_HIDDEN void signals_forward_sigsys(int sig, siginfo_t *si, void *uc);

/* sud.c */
AGENT_HIDDEN int sud_init(void);
AGENT_HIDDEN int sud_enable(void);

/* rewrite.c */
AGENT_HIDDEN int rewrite_init(void);
/* A syscall instruction that just trapped at ip - 2: make it call the trampoline. */
AGENT_HIDDEN void rewrite_site(uint64_t ip);
AGENT_HIDDEN bool rewrite_is_site(uint64_t ret_addr);
/* After mprotect, munmap, mremap or mmap(MAP_FIXED) of the program. */
AGENT_HIDDEN void rewrite_note_mapping(long nr, const uint64_t *args);

/* stacks.c: -k */
/* A record when the ring is full: waits while sysgate is reading; NULL when it
 * has read nothing for a while (stuck, or gone). */
AGENT_HIDDEN struct sg_rec *stacks_reserve(size_t len, uint64_t *pos);
/* Is this call of nr to carry its stack? Every call's with trace -k; an
 * observer's sample (sg_stack_sampled) of this thread's calls of nr. */
AGENT_HIDDEN bool stacks_wanted(long nr);
/* A new process or thread: its calls are counted from none. */
AGENT_HIDDEN void stacks_child_start(void);
/* The ring position sysgate must have read up to before this process's code
 * may go: every record made so far, or, sampled, its last with a stack. */
AGENT_HIDDEN uint64_t stacks_unread_until(void);
/* type: SG_REC_ENTER_STACK or SG_REC_EXEC_STACK; ip: the call site (-i) */
AGENT_HIDDEN void stacks_record_entry(int type, long nr, const uint64_t *args,
				      const struct sg_regs *r, uint64_t ip);
/* A signal reaching a handler, with where it found the thread. */
AGENT_HIDDEN void stacks_record_signal(int sig, const siginfo_t *si, const ucontext_t *uc,
				       long restorer, uint64_t ip);
/* The registers of an interrupted context, as a call's. */
AGENT_HIDDEN void agent_regs_of(const ucontext_t *uc, struct sg_regs *r);

/* pidns.c: the tid records carry, tagged with the pid namespace when it is not
 * sysgate's (SG_RING_NS_SHIFT); agent_tid() stays the tid the kernel knows. */
AGENT_HIDDEN int32_t agent_rec_tid(void);
/* In a new program, or a child that a namespace change put elsewhere. */
AGENT_HIDDEN void agent_pidns_start(void);
/* After unshare or setns: whether children start in another pid namespace. */
AGENT_HIDDEN void agent_pidns_note_call(long nr, const uint64_t *a, long ret);

/* inject.c: -e inject=. The rule due for this call of nr by this thread (counted),
 * or NULL. */
AGENT_HIDDEN const struct sg_inject *agent_inject_due(long nr);
/* The call as inj has it (NULL: as is): delay_enter=, then skipped with its
 * error or value, or made; *flags gets the SG_EXIT_* its record shows. */
AGENT_HIDDEN long agent_inject_perform(struct sg_regs *r, const uint64_t *args,
				       const struct sg_inject *inj, unsigned *flags);
/* delay_exit=, once the call's end is recorded; signal= is then pending (no-op
 * without). */
AGENT_HIDDEN void agent_inject_finish(const struct sg_inject *inj);
/* After agent_syscall: the pending signal=, delivered now, or (deferred: from the
 * SIGSYS handler) as the handler returns to the program. */
AGENT_HIDDEN void agent_inject_raise(bool deferred);
/* This thread's counts, kept in the ring (struct sg_ring_inject_carry) before its
 * exec; taken back after an exec that failed; taken in a new program, from the
 * thread that exec'd (exec_tid, or this one). */
AGENT_HIDDEN void agent_inject_carry_out(void);
AGENT_HIDDEN void agent_inject_carry_back(void);
AGENT_HIDDEN void agent_inject_carry_in(int32_t exec_tid);

/* exec.c */
AGENT_HIDDEN long agent_exec(const struct sg_regs *r, const uint64_t *a, bool quiet, bool shown);
/* -c: one call of nr that returned ret and took cycles. */
AGENT_HIDDEN void agent_count(long nr, long ret, uint64_t cycles);

/* mem.c: what the compiler may call on its own. */
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);

#endif
