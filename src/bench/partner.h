/* A partner process for the two-process rungs (ipc, os): fork, pin, run a body,
 * stop it on every path; shared memory and futex wrappers. */
#ifndef SG_BENCH_PARTNER_H
#define SG_BENCH_PARTNER_H

#include <stdint.h>
#include <sys/types.h>

/* Fork a child that dies with us (PR_SET_PDEATHSIG), pins itself to cpu and runs
 * body(arg), then _exit(0). The child has fd 0-2 and whatever the caller opened.
 * 0 and *pid, or -errno. */
int bench_partner_start(int cpu, void (*body)(void *arg), void *arg, pid_t *pid);
/* Wait up to grace_ms for the partner to exit on its own (the caller asked it to),
 * then SIGKILL it; always reaps. 0 if it exited by itself with status 0, else -EIO. */
int bench_partner_stop(pid_t pid, int grace_ms);

/* Zeroed MAP_SHARED anonymous memory that a forked partner sees too; NULL on failure. */
/* Two pipes for a request/reply pair; on failure nothing stays open. 0 or -errno. */
int bench_pipe_pair(int a[2], int b[2]);

void *bench_shared_alloc(size_t size);
void bench_shared_free(void *p, size_t size);

/* Non-private futex ops (the word is shared between processes). wait returns 0 when
 * woken, -EAGAIN when *w != val on entry, -ETIMEDOUT, -EINTR; timeout_ms <= 0: none. */
int bench_futex_wait(uint32_t *w, uint32_t val, int timeout_ms);
int bench_futex_wake(uint32_t *w);

#endif
