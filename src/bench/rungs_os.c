/* Rungs of the "os" group: one job, reading 4 KiB at an offset of a 1 MiB file,
 * done the way three OS structures do it. A monolithic kernel: one pread. A
 * microkernel: a request to a user-space file server, which does the pread and
 * sends the data back (the server on the same CPU, as microkernels schedule it).
 * A library OS: the file's pages live in the caller's memory, a read is a memcpy.
 * The offsets cycle through the file; every way ends with the 4 KiB in the
 * caller's buffer. Crossings are the system calls both sides execute, counted. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bench_int.h"
#include "partner.h"

#define FILE_SIZE (1u << 20)
#define CHUNK 4096u
#define WAIT_MS 5000

enum { W_IDLE, W_REQ, W_REPLY, W_QUIT };

struct shm {
	_Alignas(64) uint32_t word;
	uint32_t failed;	/* the server's pread went wrong */
	uint64_t off;		/* the request */
	_Alignas(64) uint64_t server_calls; /* written by the server only */
	uint64_t server_ops;
	_Alignas(4096) unsigned char data[CHUNK]; /* the reply, futex transport */
};

struct os {
	int fd;			/* the file */
	unsigned char *buf;	/* the caller's buffer */
	const unsigned char *pages; /* library OS: the whole file in memory */
	uint64_t off;
	uint64_t calls, ops;	/* the caller's system calls, operations done */
	bool failed;
	struct shm *shm;
	int req_w, rep_r;	/* pipe transport: the client's ends */
	int req_r, rep_w;	/* the server's ends */
};

static uint64_t next_off(struct os *o)
{
	uint64_t off = o->off;

	o->off = (o->off + CHUNK) % FILE_SIZE;
	return off;
}

/* A 1 MiB file of known bytes on tmpfs if there is one; unlinked at once, so
 * nothing is left behind whatever happens. Open descriptor or -errno. */
static int make_file(void)
{
	char path[64];
	int fd = -1;

	snprintf(path, sizeof(path), "/dev/shm/sysgate-bench-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0) {
		snprintf(path, sizeof(path), "/tmp/sysgate-bench-XXXXXX");
		fd = mkstemp(path);
	}
	if (fd < 0)
		return -errno;
	unlink(path);
	unsigned char *block = malloc(CHUNK);
	if (!block) {
		close(fd);
		return -ENOMEM;
	}
	for (uint32_t off = 0; off < FILE_SIZE; off += CHUNK) {
		for (uint32_t i = 0; i < CHUNK; i++)
			block[i] = (unsigned char)((off + i) * 131u >> 3);
		if (pwrite(fd, block, CHUNK, off) != (ssize_t)CHUNK) {
			int err = errno ? -errno : -EIO;
			free(block);
			close(fd);
			return err;
		}
	}
	free(block);
	return fd;
}

/* ---- monolithic: one system call ---- */

static void batch_pread(void *arg, unsigned long n)
{
	struct os *o = arg;

	for (unsigned long i = 0; i < n; i++) {
		ssize_t got = pread(o->fd, o->buf, CHUNK, (off_t)next_off(o));
		o->calls++;
		if (got != (ssize_t)CHUNK)
			o->failed = true;
		o->ops++;
	}
}

/* ---- library OS: a memcpy from pages the process already holds ---- */

static void batch_library(void *arg, unsigned long n)
{
	struct os *o = arg;

	for (unsigned long i = 0; i < n; i++) {
		memcpy(o->buf, o->pages + next_off(o), CHUNK);
		__asm__ volatile("" ::"r"(o->buf) : "memory");
		o->ops++;
	}
}

/* ---- microkernel: a file server over futex + shared memory ---- */

static void server_futex(void *arg)
{
	struct os *o = arg;
	struct shm *s = o->shm;
	uint64_t pending = 0;

	for (;;) {
		uint32_t v;
		while ((v = __atomic_load_n(&s->word, __ATOMIC_ACQUIRE)) != W_REQ && v != W_QUIT) {
			bench_futex_wait(&s->word, v, 0);
			pending++;
		}
		if (v == W_QUIT)
			return;
		if (pread(o->fd, s->data, CHUNK, (off_t)s->off) != (ssize_t)CHUNK)
			s->failed = 1;
		__atomic_store_n(&s->word, W_REPLY, __ATOMIC_RELEASE);
		bench_futex_wake(&s->word);
		pending += 2;
		__atomic_store_n(&s->server_calls, s->server_calls + pending, __ATOMIC_RELAXED);
		__atomic_store_n(&s->server_ops, s->server_ops + 1, __ATOMIC_RELAXED);
		pending = 0;
	}
}

static void batch_server_futex(void *arg, unsigned long n)
{
	struct os *o = arg;
	struct shm *s = o->shm;

	for (unsigned long i = 0; i < n && !o->failed; i++) {
		s->off = next_off(o);
		__atomic_store_n(&s->word, W_REQ, __ATOMIC_RELEASE);
		bench_futex_wake(&s->word);
		o->calls++;
		while (__atomic_load_n(&s->word, __ATOMIC_ACQUIRE) != W_REPLY) {
			int rc = bench_futex_wait(&s->word, W_REQ, WAIT_MS);
			o->calls++;
			if (rc == -ETIMEDOUT) {
				o->failed = true;
				return;
			}
		}
		memcpy(o->buf, s->data, CHUNK);
		o->ops++;
	}
}

/* ---- microkernel: a file server over pipes, the data in the reply ---- */

static int read_full(int fd, void *p, size_t len, uint64_t *calls)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)p + got, len - got);
		(*calls)++;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

static void server_pipe(void *arg)
{
	struct os *o = arg;
	struct shm *s = o->shm;
	uint64_t pending = 0, off;

	close(o->req_w);
	close(o->rep_r);
	while (read_full(o->req_r, &off, sizeof(off), &pending) == 0) {
		if (pread(o->fd, o->buf, CHUNK, (off_t)off) != (ssize_t)CHUNK)
			s->failed = 1;
		ssize_t n = write(o->rep_w, o->buf, CHUNK);
		pending += 2;
		if (n != (ssize_t)CHUNK)
			_exit(1);
		__atomic_store_n(&s->server_calls, s->server_calls + pending, __ATOMIC_RELAXED);
		__atomic_store_n(&s->server_ops, s->server_ops + 1, __ATOMIC_RELAXED);
		pending = 0;
	}
}

static void batch_server_pipe(void *arg, unsigned long n)
{
	struct os *o = arg;

	for (unsigned long i = 0; i < n && !o->failed; i++) {
		uint64_t off = next_off(o);
		ssize_t w = write(o->req_w, &off, sizeof(off));
		o->calls++;
		if (w != (ssize_t)sizeof(off) || read_full(o->rep_r, o->buf, CHUNK, &o->calls) < 0)
			o->failed = true;
		o->ops++;
	}
}

/* ---- the rungs ---- */

enum way { WAY_PREAD, WAY_LIBRARY, WAY_FUTEX, WAY_PIPE };

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static int run_way(const struct bench_cfg *cfg, struct bench_result *r, enum way way)
{
	struct os o = { .fd = -1, .req_w = -1, .rep_r = -1, .req_r = -1, .rep_w = -1 };
	void *map = MAP_FAILED;
	pid_t pid = -1;
	int rc = 0;

	o.fd = make_file();
	if (o.fd < 0)
		return o.fd;
	o.buf = aligned_alloc(CHUNK, CHUNK);
	o.shm = bench_shared_alloc(sizeof(*o.shm));
	if (!o.buf || !o.shm) {
		rc = -ENOMEM;
		goto out;
	}
	switch (way) {
	case WAY_PREAD:
		bench_measure(cfg, batch_pread, &o, r);
		break;
	case WAY_LIBRARY:
		map = mmap(NULL, FILE_SIZE, PROT_READ, MAP_PRIVATE | MAP_POPULATE, o.fd, 0);
		if (map == MAP_FAILED) {
			rc = -errno;
			goto out;
		}
		o.pages = map;
		bench_measure(cfg, batch_library, &o, r);
		break;
	case WAY_FUTEX:
		rc = bench_partner_start(cfg->cpu, server_futex, &o, &pid);
		if (rc < 0)
			goto out;
		bench_measure(cfg, batch_server_futex, &o, r);
		__atomic_store_n(&o.shm->word, W_QUIT, __ATOMIC_RELEASE);
		bench_futex_wake(&o.shm->word);
		break;
	case WAY_PIPE: {
		int a[2], b[2];
		rc = bench_pipe_pair(a, b);
		if (rc < 0)
			goto out;
		o.req_r = a[0], o.req_w = a[1], o.rep_r = b[0], o.rep_w = b[1];
		rc = bench_partner_start(cfg->cpu, server_pipe, &o, &pid);
		if (rc < 0)
			goto out;
		close_fd(&o.req_r);
		close_fd(&o.rep_w);
		bench_measure(cfg, batch_server_pipe, &o, r);
		close_fd(&o.req_w); /* EOF: the server's stop */
		break;
	}
	}
	if (pid > 0 && bench_partner_stop(pid, 2000) < 0 && !o.failed) {
		snprintf(r->note, sizeof(r->note), "the file server did not exit cleanly");
		rc = -EIO;
	}
	if (o.failed || o.shm->failed) {
		snprintf(r->note, sizeof(r->note), "%s",
			 o.failed ? "a read failed or the server stopped answering"
				  : "the server's pread failed");
		rc = -EIO;
	}
	if (rc == 0 && pid > 0 && o.shm->server_ops != o.ops) {
		snprintf(r->note, sizeof(r->note), "requests differ: %llu sent, %llu served",
			 (unsigned long long)o.ops, (unsigned long long)o.shm->server_ops);
		rc = -EIO;
	}
	if (rc == 0 && o.ops) {
		r->crossings = (double)(o.calls + o.shm->server_calls) / (double)o.ops;
		if (pid > 0)
			snprintf(r->note, sizeof(r->note), "server on the same CPU");
	}
out:
	if (map != MAP_FAILED)
		munmap(map, FILE_SIZE);
	close_fd(&o.req_r);
	close_fd(&o.req_w);
	close_fd(&o.rep_r);
	close_fd(&o.rep_w);
	close_fd(&o.fd);
	free(o.buf);
	bench_shared_free(o.shm, sizeof(*o.shm));
	return rc;
}

static int run_pread(const struct bench_cfg *cfg, struct bench_result *r)
{
	return run_way(cfg, r, WAY_PREAD);
}

static int run_library(const struct bench_cfg *cfg, struct bench_result *r)
{
	return run_way(cfg, r, WAY_LIBRARY);
}

static int run_server_futex(const struct bench_cfg *cfg, struct bench_result *r)
{
	return run_way(cfg, r, WAY_FUTEX);
}

static int run_server_pipe(const struct bench_cfg *cfg, struct bench_result *r)
{
	return run_way(cfg, r, WAY_PIPE);
}

const struct bench_rung bench_rungs_os[] = {
	{ "os-library", "os", "library OS: 4 KiB memcpy from own pages", run_library },
	{ "os-pread", "os", "monolithic: 4 KiB pread, one syscall", run_pread },
	{ "os-server-futex", "os", "microkernel: file server, futex+shm", run_server_futex },
	{ "os-server-pipe", "os", "microkernel: file server, data over pipe", run_server_pipe },
	{ NULL, NULL, NULL, NULL },
};
