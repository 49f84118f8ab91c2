/* Rungs of the "ipc" group: request/reply round trips between two processes, on
 * one CPU and across two. The measuring process times n round trips per batch; a
 * forked partner echoes. Both sides count the system calls they execute, and the
 * crossings column is that sum over the round trips (the partner's calls for the
 * stop message are left out). */
#include <errno.h>
#include <immintrin.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench_int.h"
#include "core/util.h"
#include "partner.h"

enum transport { T_PIPE, T_UNIX, T_FUTEX, T_SPIN };
enum { W_IDLE, W_REQ, W_REPLY, W_QUIT }; /* the shared word of futex and spin */

#define WAIT_MS 5000 /* a round trip that takes longer means the partner is gone */

struct shm {
	_Alignas(64) uint32_t word;
	_Alignas(64) uint64_t partner_calls; /* written by the partner only */
	uint64_t partner_trips;
};

struct ipc {
	enum transport t;
	bool yield;	    /* spin on one CPU: give the CPU away instead of pausing */
	int fd_w, fd_r;	    /* the measurer's ends */
	int pfd_w, pfd_r;   /* the partner's ends */
	struct shm *shm;
	uint64_t calls;	    /* the measurer's system calls in round trips */
	uint64_t trips;
	bool failed;
};

/* ---- the partner ---- */

static void commit(struct shm *shm, uint64_t *pending)
{
	__atomic_store_n(&shm->partner_calls, shm->partner_calls + *pending, __ATOMIC_RELAXED);
	__atomic_store_n(&shm->partner_trips, shm->partner_trips + 1, __ATOMIC_RELAXED);
	*pending = 0;
}

/* Echo until EOF. Calls since the last reply are pending: those that end in EOF
 * belong to the stop, not to a round trip. */
static void partner_fd(struct ipc *c)
{
	uint64_t pending = 0;
	int m;

	close(c->fd_w);
	if (c->fd_r != c->fd_w)
		close(c->fd_r);
	for (;;) {
		ssize_t n = read(c->pfd_r, &m, sizeof(m));
		pending++;
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(m))
			break;
		n = write(c->pfd_w, &m, sizeof(m));
		pending++;
		if (n != (ssize_t)sizeof(m))
			_exit(1);
		commit(c->shm, &pending);
	}
}

static void partner_futex(struct ipc *c)
{
	uint32_t *w = &c->shm->word;
	uint64_t pending = 0;

	for (;;) {
		uint32_t v;
		while ((v = __atomic_load_n(w, __ATOMIC_ACQUIRE)) != W_REQ && v != W_QUIT) {
			bench_futex_wait(w, v, 0);
			pending++;
		}
		if (v == W_QUIT)
			return;
		__atomic_store_n(w, W_REPLY, __ATOMIC_RELEASE);
		bench_futex_wake(w);
		pending++;
		commit(c->shm, &pending);
	}
}

static void partner_spin(struct ipc *c)
{
	uint32_t *w = &c->shm->word;
	uint64_t pending = 0;

	for (;;) {
		uint32_t v;
		while ((v = __atomic_load_n(w, __ATOMIC_ACQUIRE)) != W_REQ && v != W_QUIT) {
			if (c->yield) {
				sched_yield();
				pending++;
			} else {
				_mm_pause();
			}
		}
		if (v == W_QUIT)
			return;
		__atomic_store_n(w, W_REPLY, __ATOMIC_RELEASE);
		commit(c->shm, &pending);
	}
}

static void partner_body(void *arg)
{
	struct ipc *c = arg;

	switch (c->t) {
	case T_PIPE:
	case T_UNIX: partner_fd(c); break;
	case T_FUTEX: partner_futex(c); break;
	case T_SPIN: partner_spin(c); break;
	}
}

/* ---- the measurer: one batch is n round trips ---- */

static void batch_fd(void *arg, unsigned long n)
{
	struct ipc *c = arg;
	int m = 0;

	for (unsigned long i = 0; i < n && !c->failed; i++) {
		ssize_t w, r;
		do {
			w = write(c->fd_w, &m, sizeof(m));
			c->calls++;
		} while (w < 0 && errno == EINTR);
		do {
			r = read(c->fd_r, &m, sizeof(m));
			c->calls++;
		} while (r < 0 && errno == EINTR);
		if (w != (ssize_t)sizeof(m) || r != (ssize_t)sizeof(m))
			c->failed = true;
		c->trips++;
	}
}

static void batch_futex(void *arg, unsigned long n)
{
	struct ipc *c = arg;
	uint32_t *w = &c->shm->word;

	for (unsigned long i = 0; i < n && !c->failed; i++) {
		__atomic_store_n(w, W_REQ, __ATOMIC_RELEASE);
		bench_futex_wake(w);
		c->calls++;
		while (__atomic_load_n(w, __ATOMIC_ACQUIRE) != W_REPLY) {
			int rc = bench_futex_wait(w, W_REQ, WAIT_MS);
			c->calls++;
			if (rc == -ETIMEDOUT) {
				c->failed = true;
				return;
			}
		}
		c->trips++;
	}
}

static void batch_spin(void *arg, unsigned long n)
{
	struct ipc *c = arg;
	uint32_t *w = &c->shm->word;

	for (unsigned long i = 0; i < n && !c->failed; i++) {
		__atomic_store_n(w, W_REQ, __ATOMIC_RELEASE);
		unsigned long spins = 0;
		unsigned long long t0 = 0;
		while (__atomic_load_n(w, __ATOMIC_ACQUIRE) != W_REPLY) {
			if (c->yield) {
				sched_yield();
				c->calls++;
			} else {
				_mm_pause();
			}
			if ((++spins & 0xffff) == 0) { /* bounded: the partner may be gone */
				unsigned long long now = sg_now_ns();
				if (!t0)
					t0 = now;
				else if (now - t0 > WAIT_MS * 1000000ull) {
					c->failed = true;
					return;
				}
			}
		}
		c->trips++;
	}
}

/* ---- a rung: set up the channel, start the partner, measure, stop ---- */

static int run_ipc(const struct bench_cfg *cfg, struct bench_result *r, enum transport t,
		   bool cross)
{
	struct ipc c = { .t = t, .fd_w = -1, .fd_r = -1, .pfd_w = -1, .pfd_r = -1 };
	int pcpu = cross ? cfg->other_cpu : cfg->cpu;
	int rc = 0;
	pid_t pid;

	if (cross && cfg->other_cpu < 0) {
		snprintf(r->note, sizeof(r->note), "one CPU only: no second CPU for the partner");
		return BENCH_SKIP;
	}
	c.yield = t == T_SPIN && !cross;
	c.shm = bench_shared_alloc(sizeof(*c.shm));
	if (!c.shm)
		return -ENOMEM;
	if (t == T_PIPE) {
		int a[2], b[2];
		rc = bench_pipe_pair(a, b);
		if (rc < 0)
			goto out;
		c.fd_w = a[1], c.pfd_r = a[0], c.pfd_w = b[1], c.fd_r = b[0];
	} else if (t == T_UNIX) {
		int sv[2];
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
			rc = -errno;
			goto out;
		}
		c.fd_w = c.fd_r = sv[0];
		c.pfd_w = c.pfd_r = sv[1];
	}
	rc = bench_partner_start(pcpu, partner_body, &c, &pid);
	if (rc < 0)
		goto out;
	if (c.pfd_r >= 0) { /* our copies of the partner's ends: EOF must reach both sides */
		close(c.pfd_r);
		if (c.pfd_w != c.pfd_r)
			close(c.pfd_w);
		c.pfd_r = c.pfd_w = -1;
	}

	switch (t) {
	case T_PIPE:
	case T_UNIX: bench_measure(cfg, batch_fd, &c, r); break;
	case T_FUTEX: bench_measure(cfg, batch_futex, &c, r); break;
	case T_SPIN: bench_measure(cfg, batch_spin, &c, r); break;
	}

	/* Stop: EOF for the descriptors, W_QUIT for the shared word. */
	if (c.fd_w >= 0) {
		close(c.fd_w);
		if (c.fd_r != c.fd_w)
			close(c.fd_r);
		c.fd_w = c.fd_r = -1;
	} else {
		__atomic_store_n(&c.shm->word, W_QUIT, __ATOMIC_RELEASE);
		if (t == T_FUTEX)
			bench_futex_wake(&c.shm->word);
	}
	int stop = bench_partner_stop(pid, 2000);
	if (c.failed) {
		snprintf(r->note, sizeof(r->note), "the partner stopped answering");
		rc = -EIO;
	} else if (stop < 0) {
		snprintf(r->note, sizeof(r->note), "the partner did not exit cleanly");
		rc = -EIO;
	} else if (c.trips == 0 || c.shm->partner_trips != c.trips) {
		snprintf(r->note, sizeof(r->note), "round trips differ: %llu sent, %llu answered",
			 (unsigned long long)c.trips, (unsigned long long)c.shm->partner_trips);
		rc = -EIO;
	} else {
		r->crossings = (double)(c.calls + c.shm->partner_calls) / (double)c.trips;
		if (cross)
			snprintf(r->note, sizeof(r->note), "partner on CPU %d", pcpu);
		else if (t == T_SPIN)
			snprintf(r->note, sizeof(r->note), "one CPU: sched_yield while waiting");
	}
out:
	if (c.fd_w >= 0)
		close(c.fd_w);
	if (c.fd_r >= 0 && c.fd_r != c.fd_w)
		close(c.fd_r);
	if (c.pfd_w >= 0)
		close(c.pfd_w);
	if (c.pfd_r >= 0 && c.pfd_r != c.pfd_w)
		close(c.pfd_r);
	bench_shared_free(c.shm, sizeof(*c.shm));
	return rc;
}

static int run_pipe_same(const struct bench_cfg *cfg, struct bench_result *r)
{
	return run_ipc(cfg, r, T_PIPE, false);
}

static int run_pipe_cross(const struct bench_cfg *cfg, struct bench_result *r)
{
	return run_ipc(cfg, r, T_PIPE, true);
}

static int run_unix_same(const struct bench_cfg *cfg, struct bench_result *r)
{
	return run_ipc(cfg, r, T_UNIX, false);
}

static int run_unix_cross(const struct bench_cfg *cfg, struct bench_result *r)
{
	return run_ipc(cfg, r, T_UNIX, true);
}

static int run_futex_same(const struct bench_cfg *cfg, struct bench_result *r)
{
	return run_ipc(cfg, r, T_FUTEX, false);
}

static int run_futex_cross(const struct bench_cfg *cfg, struct bench_result *r)
{
	return run_ipc(cfg, r, T_FUTEX, true);
}

static int run_spin_same(const struct bench_cfg *cfg, struct bench_result *r)
{
	return run_ipc(cfg, r, T_SPIN, false);
}

static int run_spin_cross(const struct bench_cfg *cfg, struct bench_result *r)
{
	return run_ipc(cfg, r, T_SPIN, true);
}

const struct bench_rung bench_rungs_ipc[] = {
	{ "pipe-same", "ipc", "pipe round trip (int each way), same CPU", run_pipe_same },
	{ "pipe-cross", "ipc", "pipe round trip (int each way), 2 CPUs", run_pipe_cross },
	{ "unix-same", "ipc", "AF_UNIX stream round trip, same CPU", run_unix_same },
	{ "unix-cross", "ipc", "AF_UNIX stream round trip, 2 CPUs", run_unix_cross },
	{ "futex-same", "ipc", "futex wake/wait round trip, same CPU", run_futex_same },
	{ "futex-cross", "ipc", "futex wake/wait round trip, 2 CPUs", run_futex_cross },
	{ "spin-same", "ipc", "shared-memory spin+yield round trip, 1 CPU", run_spin_same },
	{ "spin-cross", "ipc", "shared-memory spin round trip, 2 CPUs", run_spin_cross },
	{ NULL, NULL, NULL, NULL },
};
