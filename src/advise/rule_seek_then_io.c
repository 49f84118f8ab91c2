/* Rule seek-then-io: lseek followed by read or write on the same descriptor,
 * again and again.
 *
 * Detection: per pid and descriptor, a successful lseek (SEEK_SET, SEEK_CUR
 * or SEEK_END) whose next call on that descriptor in that pid is read,
 * write, readv or writev makes one pair; any other call on the descriptor in
 * between breaks it. Pairs are summed per descriptor number and path (the
 * processes of a run doing the same add up). A finding needs at least 100
 * pairs (times the threshold factor): one lseek to the start then a long
 * read is not the mistake.
 *
 * Fix: pread/pwrite (preadv/pwritev) take the offset with the transfer, so
 * the lseek goes away.
 *
 * Estimate: every paired lseek is wasted and saved (pread costs what read
 * costs), at the lseeks' median measured duration, at least one kernel
 * crossing each (adv_costs_total, rule_kit.h). The
 * count is the calls involved, lseeks and their transfers (2 per pair); the
 * site is the transfer's (where pread goes), the examples the first pairs. */
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "../core/util.h"
#include "rule_kit.h"
#include "rule_list.h"

#define MIN_PAIRS 100
#define TRACKED_FDS 16384	/* (pid, fd) states at once */
#define TRACKED_FILES 1024	/* descriptors with evidence */

enum { IO_READ = 1, IO_WRITE = 2 };

/* Where a (pid, fd) stands: right after an lseek or not. */
struct fd_state {
	bool after_seek;
	double seek_cost;
	char *seek_text;	/* kept only while the evidence wants examples */
};

/* The pairs seen on one descriptor number and path. */
struct fd_evidence {
	struct adv_evidence ev;
	uint64_t pairs;
	int fd;
	int io;			/* IO_READ | IO_WRITE seen */
};

struct seek_state {
	const struct adv_machine *m;
	uint64_t min_pairs;
	struct adv_fdnames names;
	struct adv_map fds;	/* (pid, fd) -> struct fd_state */
	struct adv_map files;	/* (fd, pid when no path, path) -> struct fd_evidence */
};

static void *seek_start(const struct adv_machine *m, double threshold)
{
	struct seek_state *s = sg_xcalloc(1, sizeof(*s));

	s->m = m;
	s->min_pairs = adv_scaled_min(MIN_PAIRS, threshold);
	adv_fdnames_init(&s->names);
	adv_map_init(&s->fds, sizeof(struct fd_state), TRACKED_FDS);
	adv_map_init(&s->files, sizeof(struct fd_evidence), TRACKED_FILES);
	return s;
}

static struct fd_evidence *evidence_of(struct seek_state *s, pid_t pid, int fd, bool create)
{
	const char *path = adv_fdnames_get(&s->names, pid, fd);
	struct fd_evidence *e = adv_map_get(&s->files, (uint64_t)fd,
					    path ? 0 : (uint64_t)pid + 1, path, create);

	if (e)
		e->fd = fd;
	return e;
}

static void state_clear(struct fd_state *st)
{
	free(st->seek_text);
	memset(st, 0, sizeof(*st));
}

static void on_seek(struct seek_state *s, const struct adv_call *c, struct fd_state *st)
{
	state_clear(st);
	if (c->failed || c->args[2] > 2)	/* SEEK_DATA, SEEK_HOLE: not positioning */
		return;
	st->after_seek = true;
	st->seek_cost = adv_call_cost(s->m, c);
	struct fd_evidence *e = evidence_of(s, c->pid, c->fd, false);
	if (!e || !e->ev.examples[2])
		st->seek_text = sg_xstrdup(adv_call_text(c));
}

static void on_transfer(struct seek_state *s, const struct adv_call *c, struct fd_state *st)
{
	struct fd_evidence *e = evidence_of(s, c->pid, c->fd, true);

	if (e) {
		e->pairs++;
		e->io |= (c->nr == SYS_read || c->nr == SYS_readv) ? IO_READ : IO_WRITE;
		e->ev.count += 2;
		adv_evidence_remove(&e->ev, st->seek_cost);
		if (st->seek_text && !e->ev.examples[2]) {
			struct adv_call seek = { .text = st->seek_text };
			adv_evidence_note(&e->ev, &seek);
		}
		adv_evidence_note(&e->ev, c);
	}
	state_clear(st);
}

static bool is_transfer(long nr)
{
	return nr == SYS_read || nr == SYS_write || nr == SYS_readv || nr == SYS_writev;
}

static void seek_feed(void *p, const struct adv_call *c)
{
	struct seek_state *s = p;

	adv_fdnames_feed(&s->names, c);
	if (c->fd < 0)
		return;
	bool seek = c->nr == SYS_lseek;
	struct fd_state *st = adv_map_get(&s->fds, (uint64_t)c->pid, (uint64_t)c->fd, NULL, seek);

	if (!st)
		return;
	if (seek)
		on_seek(s, c, st);
	else if (st->after_seek && is_transfer(c->nr))
		on_transfer(s, c, st);
	else
		state_clear(st);
	if (!st->after_seek)
		adv_map_remove(&s->fds, (uint64_t)c->pid, (uint64_t)c->fd, NULL);
}

static const char *io_name(int io)
{
	return io == IO_READ ? "read" : io == IO_WRITE ? "write" : "read/write";
}

static void seek_finish(void *p, const struct adv_run *run, struct adv_report *r)
{
	struct seek_state *s = p;
	const struct adv_map_entry *k;

	(void)run;
	for (size_t i = 0; i < s->files.n; i++) {
		struct fd_evidence *e = adv_map_at(&s->files, i, &k);
		if (!e || e->pairs < s->min_pairs)
			continue;
		e->ev.wasted_ns = adv_evidence_waste(&e->ev, s->m->null_syscall_ns);
		e->ev.saving_ns = e->ev.wasted_ns;
		char *what = k->str ? adv_strf("%llu lseek+%s pairs on fd %d (%s)",
					       (unsigned long long)e->pairs, io_name(e->io), e->fd, k->str)
				    : adv_strf("%llu lseek+%s pairs on fd %d",
					       (unsigned long long)e->pairs, io_name(e->io), e->fd);
		adv_evidence_report(&e->ev, &adv_rule_seek_then_io, what, r);
	}
}

static void drop_state(void *v)
{
	state_clear(v);
}

static void drop_evidence(void *v)
{
	adv_evidence_free(&((struct fd_evidence *)v)->ev);
}

static void seek_stop(void *p)
{
	struct seek_state *s = p;

	adv_fdnames_free(&s->names);
	adv_map_free(&s->fds, drop_state);
	adv_map_free(&s->files, drop_evidence);
	free(s);
}

const struct adv_rule adv_rule_seek_then_io = {
	.id = "seek-then-io",
	.fix = "Read and write at an offset with pread/pwrite (preadv/pwritev) instead of "
	       "lseek followed by read/write.",
	.start = seek_start,
	.feed = seek_feed,
	.finish = seek_finish,
	.stop = seek_stop,
};
