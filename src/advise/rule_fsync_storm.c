/* Rule fsync-storm: a sync after each small write.
 *
 * Detection: per pid and descriptor, the writes (write, pwrite64, writev,
 * pwritev, pwritev2) since the last sync are counted; an fsync, fdatasync or
 * sync_file_range on the descriptor after at least one write and at most
 * 64 KiB written is a small sync. A write on a descriptor opened with O_SYNC
 * or O_DSYNC (open, openat) of at most 64 KiB is a write and a small sync in
 * one. Small syncs are summed per descriptor number and path; a finding needs
 * at least 50 (times the threshold factor): one fsync at the end, or one per
 * large batch, is what durability costs.
 *
 * Fix: group commits: sync once per batch of writes (or per few
 * milliseconds), not after each record.
 *
 * Estimate: a group commit of 32 writes (ADV_GROUP) needs ceil(writes / 32)
 * syncs where the program made one per batch; the syncs it would not make are
 * wasted and saved, at the median measured duration of the program's syncs,
 * at least one kernel crossing (adv_costs_total, rule_kit.h; for an O_SYNC
 * write, its duration less one crossing, as the write itself stays). The count is the syncs and
 * the writes they followed. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>

#include "../core/util.h"
#include "rule_kit.h"
#include "rule_list.h"

#define MIN_SYNCS 50
#define SMALL_BYTES (64 * 1024)
#define ADV_GROUP 32		/* writes per group commit in the model */
#define TRACKED_FDS 16384
#define TRACKED_FILES 1024

struct fd_state {
	uint64_t writes, bytes;	/* since the last sync */
	bool sync_open;		/* opened O_SYNC or O_DSYNC */
};

struct fd_evidence {
	struct adv_evidence ev;
	uint64_t syncs, writes;	/* small syncs, and the writes before them */
	int fd;
	bool by_flag;		/* O_SYNC writes seen */
};

struct storm_state {
	const struct adv_machine *m;
	uint64_t min_syncs;
	struct adv_fdnames names;
	struct adv_map fds;	/* (pid, fd) -> struct fd_state */
	struct adv_map files;	/* (fd, pid when no path, path) -> struct fd_evidence */
};

static void *storm_start(const struct adv_machine *m, double threshold)
{
	struct storm_state *s = sg_xcalloc(1, sizeof(*s));

	s->m = m;
	s->min_syncs = adv_scaled_min(MIN_SYNCS, threshold);
	adv_fdnames_init(&s->names);
	adv_map_init(&s->fds, sizeof(struct fd_state), TRACKED_FDS);
	adv_map_init(&s->files, sizeof(struct fd_evidence), TRACKED_FILES);
	return s;
}

static struct fd_evidence *evidence_of(struct storm_state *s, pid_t pid, int fd)
{
	const char *path = adv_fdnames_get(&s->names, pid, fd);
	struct fd_evidence *e = adv_map_get(&s->files, (uint64_t)fd,
					    path ? 0 : (uint64_t)pid + 1, path, true);

	if (e)
		e->fd = fd;
	return e;
}

static bool is_write(long nr)
{
	return nr == SYS_write || nr == SYS_pwrite64 || nr == SYS_writev || nr == SYS_pwritev ||
	       nr == SYS_pwritev2;
}

static bool is_sync(long nr)
{
	return nr == SYS_fsync || nr == SYS_fdatasync || nr == SYS_sync_file_range;
}

static void on_open(struct storm_state *s, const struct adv_call *c)
{
	int64_t flags = c->nr == SYS_open ? c->args[1] : c->args[2];
	uint64_t pid = (uint64_t)c->pid, fd = (uint64_t)c->ret;

	adv_map_remove(&s->fds, pid, fd, NULL);
	if (!(flags & O_DSYNC))	/* O_SYNC includes the O_DSYNC bit */
		return;
	struct fd_state *st = adv_map_get(&s->fds, pid, fd, NULL, true);
	if (st)
		st->sync_open = true;
}

/* One small sync of a batch of writes, costing sync_ns. */
static void small_sync(struct storm_state *s, const struct adv_call *c, uint64_t writes,
		       uint64_t calls, double sync_ns)
{
	struct fd_evidence *e = evidence_of(s, c->pid, c->fd);

	if (!e)
		return;
	e->syncs++;
	e->writes += writes;
	adv_evidence_remove(&e->ev, sync_ns);
	e->ev.count += calls;
	adv_evidence_note(&e->ev, c);
}

static void on_write(struct storm_state *s, const struct adv_call *c, struct fd_state *st)
{
	int64_t bytes = c->ret > 0 ? c->ret : 0;

	if (st && st->sync_open) {
		if (bytes <= SMALL_BYTES) {
			double cost = adv_call_cost(s->m, c) - s->m->null_syscall_ns;
			small_sync(s, c, 1, 1, cost > 0 ? cost : 0);
			struct fd_evidence *e = evidence_of(s, c->pid, c->fd);
			if (e)
				e->by_flag = true;
		}
		return;
	}
	if (!st)
		st = adv_map_get(&s->fds, (uint64_t)c->pid, (uint64_t)c->fd, NULL, true);
	if (st) {
		st->writes++;
		st->bytes += (uint64_t)bytes;
	}
}

static void on_sync(struct storm_state *s, const struct adv_call *c, struct fd_state *st)
{
	if (!st)
		return;
	if (st->writes && st->bytes <= SMALL_BYTES)
		small_sync(s, c, st->writes, st->writes + 1, adv_call_cost(s->m, c));
	st->writes = st->bytes = 0;
}

static void storm_feed(void *p, const struct adv_call *c)
{
	struct storm_state *s = p;

	adv_fdnames_feed(&s->names, c);
	if (c->failed)
		return;
	if (c->nr == SYS_open || c->nr == SYS_openat) {
		on_open(s, c);
		return;
	}
	if (c->fd < 0)
		return;
	struct fd_state *st = adv_map_get(&s->fds, (uint64_t)c->pid, (uint64_t)c->fd, NULL, false);
	if (is_write(c->nr))
		on_write(s, c, st);
	else if (is_sync(c->nr))
		on_sync(s, c, st);
	else if (c->nr == SYS_close && st)
		adv_map_remove(&s->fds, (uint64_t)c->pid, (uint64_t)c->fd, NULL);
}

static void report_file(struct storm_state *s, struct fd_evidence *e, const char *path,
			struct adv_report *r)
{
	uint64_t kept = (e->writes + ADV_GROUP - 1) / ADV_GROUP;
	uint64_t saved = e->syncs > kept ? e->syncs - kept : 0;
	double floor = e->by_flag ? 0 : s->m->null_syscall_ns;	/* O_SYNC: net of the write */
	char on[64];

	e->ev.wasted_ns = adv_costs_total(&e->ev.removed, saved, floor);
	e->ev.saving_ns = e->ev.wasted_ns;
	snprintf(on, sizeof(on), "on fd %d", e->fd);
	char *what = e->by_flag
		? adv_strf("%llu small O_SYNC writes %s%s%s%s", (unsigned long long)e->syncs, on,
			   path ? " (" : "", path ? path : "", path ? ")" : "")
		: adv_strf("%llu syncs after %llu small writes %s%s%s%s",
			   (unsigned long long)e->syncs, (unsigned long long)e->writes, on,
			   path ? " (" : "", path ? path : "", path ? ")" : "");
	adv_evidence_report(&e->ev, &adv_rule_fsync_storm, what, r);
}

static void storm_finish(void *p, const struct adv_run *run, struct adv_report *r)
{
	struct storm_state *s = p;
	const struct adv_map_entry *k;

	(void)run;
	for (size_t i = 0; i < s->files.n; i++) {
		struct fd_evidence *e = adv_map_at(&s->files, i, &k);
		if (e && e->syncs >= s->min_syncs)
			report_file(s, e, k->str, r);
	}
}

static void drop_evidence(void *v)
{
	adv_evidence_free(&((struct fd_evidence *)v)->ev);
}

static void storm_stop(void *p)
{
	struct storm_state *s = p;

	adv_fdnames_free(&s->names);
	adv_map_free(&s->fds, NULL);
	adv_map_free(&s->files, drop_evidence);
	free(s);
}

const struct adv_rule adv_rule_fsync_storm = {
	.id = "fsync-storm",
	.fix = "Group commits: sync once per batch of writes (or per few milliseconds) instead of "
	       "after each small write.",
	.start = storm_start,
	.feed = storm_feed,
	.finish = storm_finish,
	.stop = storm_stop,
};
