/* sysgate trace: an strace-compatible syscall tracer. */
#ifndef SG_TRACE_TRACE_H
#define SG_TRACE_TRACE_H

#include <stdbool.h>
#include <stdint.h>

/* argv[0] is "trace". Returns the exit status for sysgate. */
int sg_cmd_trace(int argc, char **argv);

/* For sysgate learn: run cmd and its children with a trace backend ("ptrace",
 * "sud", "rewrite" or "auto") and call fn at the entry of every syscall they make.
 * Returns the command's exit status (128+N when a signal N killed it). */
/* Is name a trace backend ("ptrace", "sud", "rewrite" or "auto")? */
bool sg_trace_backend_known(const char *name);
typedef void (*sg_trace_call_fn)(void *ctx, long nr, const uint64_t *args);
int sg_trace_calls(char **cmd, const char *backend, bool allow_page0, sg_trace_call_fn fn,
		   void *ctx);

/* Undo what a sysgate run killed outright (SIGKILL) left changed: its /dev/shm
 * rings, and vm.mmap_min_addr lowered for --allow-page0 when no run holds it. */
void sg_trace_recover(void);

#endif
