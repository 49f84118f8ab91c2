/* tiny-io: many reads or writes of a few bytes each on one fd. Each pays a
 * kernel crossing for a handful of bytes; a buffer pays one per 64 KiB. */
#include <math.h>
#include <stdlib.h>
#include <sys/syscall.h>

#include "../core/util.h"
#include "rule_kit.h"
#include "rule_list.h"

#define TINY_BYTES 64	     /* a call moving at most this many bytes is tiny */
#define MIN_CALLS 256	     /* tiny calls on one fd before it is a finding */
#define BUFFER_BYTES 65536.0 /* what the fix buffers */
#define TRACKED_GROUPS 4096  /* (pid, fd, direction) groups with evidence */

/* The tiny calls of one pid on one fd in one direction. */
struct group {
	struct adv_evidence ev; /* every tiny call is involved and removed */
	double bytes;
};

struct tiny_io {
	const struct adv_machine *m;
	uint64_t min_calls;
	struct adv_map groups; /* (pid, fd * 2 + writes) -> struct group */
};

static void *start(const struct adv_machine *m, double threshold)
{
	struct tiny_io *st = sg_xcalloc(1, sizeof(*st));

	st->m = m;
	st->min_calls = adv_scaled_min(MIN_CALLS, threshold);
	adv_map_init(&st->groups, sizeof(struct group), TRACKED_GROUPS);
	return st;
}

/* The bytes a call moved or asked for; -1 when it is no read or write. A read
 * is judged by what it asked for: one that asks for much and gets little is the
 * other side's doing. Vectored calls by what they moved. */
static int64_t io_bytes(const struct adv_call *c, bool *writes)
{
	switch (c->nr) {
	case SYS_read: case SYS_pread64: case SYS_recvfrom:
		*writes = false;
		return c->bytes;
	case SYS_write: case SYS_pwrite64: case SYS_sendto:
		*writes = true;
		return c->bytes;
	case SYS_readv: case SYS_preadv: case SYS_recvmsg:
		*writes = false;
		return c->ret;
	case SYS_writev: case SYS_pwritev: case SYS_sendmsg:
		*writes = true;
		return c->ret;
	default:
		return -1;
	}
}

static void feed(void *p, const struct adv_call *c)
{
	struct tiny_io *st = p;
	bool writes = false;
	int64_t bytes = io_bytes(c, &writes);

	if (c->failed || c->fd < 0 || bytes < 0 || bytes > TINY_BYTES)
		return;
	struct group *g = adv_map_get(&st->groups, (uint64_t)c->pid,
				      (uint64_t)c->fd * 2 + writes, NULL, true);
	if (!g)
		return;
	g->ev.count++;
	g->bytes += (double)(c->ret > 0 ? c->ret : 0);
	adv_evidence_remove(&g->ev, adv_call_cost(st->m, c));
	adv_evidence_note(&g->ev, c);
}

static void report_group(struct tiny_io *st, struct group *g, pid_t pid, uint64_t fd_dir,
			 struct adv_report *r)
{
	uint64_t calls = g->ev.count;

	/* The calls cost their count times their median duration, at least a
	 * kernel crossing each (adv_costs_total: a few calls descheduled mid-way
	 * must not count as the calls' cost). Buffered, the same bytes take one
	 * call per 64 KiB (at least one); those calls cost about what these did
	 * (the copying stays). */
	g->ev.wasted_ns = adv_evidence_waste(&g->ev, st->m->null_syscall_ns);
	double kept = fmax(1, ceil(g->bytes / BUFFER_BYTES));
	g->ev.saving_ns = g->ev.wasted_ns * fmax(0, (double)calls - kept) / (double)calls;
	char *what = adv_strf("%llu %s of %.1f bytes on average on fd %d (pid %d)",
			      (unsigned long long)calls, fd_dir % 2 ? "writes" : "reads",
			      g->bytes / (double)calls, (int)(fd_dir / 2), (int)pid);
	adv_evidence_report(&g->ev, &adv_rule_tiny_io, what, r);
}

static void finish(void *p, const struct adv_run *run, struct adv_report *r)
{
	struct tiny_io *st = p;
	const struct adv_map_entry *k;
	(void)run;

	for (size_t i = 0; i < st->groups.n; i++) {
		struct group *g = adv_map_at(&st->groups, i, &k);
		if (g && g->ev.count >= st->min_calls)
			report_group(st, g, (pid_t)k->k1, k->k2, r);
	}
}

static void drop_group(void *v)
{
	adv_evidence_free(&((struct group *)v)->ev);
}

static void stop(void *p)
{
	struct tiny_io *st = p;

	adv_map_free(&st->groups, drop_group);
	free(st);
}
const struct adv_rule adv_rule_tiny_io = {
	.id = "tiny-io",
	.fix = "Buffer: read and write in blocks of 64 KiB or more (stdio, a larger bs=, "
	       "BufWriter), so one call moves what many did.",
	.start = start,
	.feed = feed,
	.finish = finish,
	.stop = stop,
};
