/* Internal to src/trace: -k, the user-space stack of each shown call, unwound
 * with elfutils' libdw from the calling thread's registers and stack memory.
 *
 * The code mapped in each process (its modules) is read from /proc/PID/maps once
 * and kept until a call changes it (exec, or mapping code in or out); each
 * object's ELF file is read once for the run, whichever processes map it. The stack
 * memory comes from a copy taken at the call (a window from the stack pointer
 * up); what lies outside it is read from the process: anything under ptrace,
 * where the thread is stopped at the call, and only the objects' own mappings
 * when the copy was taken earlier by the in-process agent. */
#ifndef SG_TRACE_STACK_H
#define SG_TRACE_STACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/frames.h"

/* The registers an unwind starts from, in the x86_64 DWARF numbering: rax, rdx,
 * rcx, rbx, rsi, rdi, rbp, rsp, r8..r15, and the return address (rip). */
#define STACK_NREGS 17
#define STACK_REG_SP 7
#define STACK_REG_IP 16
/* Bytes of stack copied at a call, from the stack pointer up. */
#define STACK_WINDOW (16 * 1024)
#define SITE_WINDOW (4 * 1024) /* an observer's, to the site (SG_RING_SITE_WINDOW) */
/* Frames printed at most, as strace. */
#define STACK_MAX_FRAMES 256

/* One thread at one call, to unwind. */
struct stack_view {
	pid_t pid; /* the process (thread group) */
	pid_t tid;
	uint64_t regs[STACK_NREGS];
	const uint8_t *mem; /* a copy of the stack from regs[STACK_REG_SP] on */
	size_t len;
	bool live;	    /* the thread is stopped here: all its memory may be read */
	/* In-process: the program's own signal restorer, shown where the agent's
	 * returned a handler (0: none known). */
	uint64_t app_restorer;
};

struct trace_stacks;

/* sites: for observers, who look for a call's site rather than print its
 * stack: each object's own unwind tables and symbols are read, never a separate
 * debug file (one is decompressed whole for .debug_frame, in each process), and
 * a stack ends at its first frame outside the plumbing (sg_frame_is_plumbing). */
struct trace_stacks *stacks_new(bool sites);
void stacks_free(struct trace_stacks *s);

/* The frames of the call v describes (never NULL: an unwind that fails at once
 * is one error line). */
struct sg_stack *stacks_unwind(struct trace_stacks *s, const struct stack_view *v);
/* ptrace: the frames of the stopped thread tid, at its current call. */
struct sg_stack *stacks_unwind_stopped(struct trace_stacks *s, pid_t tid);

/* Is ip in the dynamic loader of thread tid's program? Read once per program. */
bool stacks_in_loader(struct trace_stacks *s, pid_t tid, uint64_t ip);
/* Can call nr change the code mapped in a process (exec, mmap, munmap, ...)? */
bool stacks_call_may_remap(long nr);
/* A call that may remap returned ret in thread tid: drop what is kept of its
 * process's modules if it did. */
void stacks_after_call(struct trace_stacks *s, pid_t tid, long nr, const uint64_t *args,
		       int64_t ret);
/* Thread tid is gone (and its process, if it led it). */
void stacks_forget(struct trace_stacks *s, pid_t tid);

#endif
