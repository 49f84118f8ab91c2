/* repeated-stat: the same path or fd stat'ed again, with the same answer and
 * nothing seen between that could have changed it. The second call only tells
 * the program what it already knew. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>

#include "../core/util.h"
#include "rule_kit.h"
#include "rule_list.h"

#define MIN_REPEATS 16
#define TRACKED_TARGETS 65536 /* paths and fds known stat'ed, per pid */
#define REPEATED_TARGETS 1024 /* those with repeats, and their evidence */
#define FD_KEY (1ull << 32)   /* a target's second key: 0 for a path, FD_KEY | fd */

/* The answer a path or fd gave when last stat'ed. A target that something
 * may have changed since is forgotten: its next stat is a first one again. */
struct target {
	uint64_t answer; /* a hash of the call's text (its result) and return */
	uint64_t epoch;	 /* the run's epoch then */
};

struct repeated_stat {
	const struct adv_machine *m;
	uint64_t min_repeats;
	/* Bumped by calls that change directories (create, unlink, rename...):
	 * whatever was stat'ed before may differ now. */
	uint64_t epoch;
	struct adv_fdnames names; /* the path each fd was opened from */
	struct adv_map targets;	  /* (pid, 0, path) or (pid, FD_KEY | fd) -> struct target */
	struct adv_map repeated;  /* the same keys -> struct adv_evidence of the repeats */
};

static void *start(const struct adv_machine *m, double threshold)
{
	struct repeated_stat *st = sg_xcalloc(1, sizeof(*st));

	st->m = m;
	st->min_repeats = adv_scaled_min(MIN_REPEATS, threshold);
	adv_fdnames_init(&st->names);
	adv_map_init(&st->targets, sizeof(struct target), TRACKED_TARGETS);
	adv_map_init(&st->repeated, sizeof(struct adv_evidence), REPEATED_TARGETS);
	return st;
}

static uint64_t text_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static uint64_t fd_key(int fd)
{
	return FD_KEY | (uint32_t)fd;
}

/* The key of what a stat call asks about: the path (k2 0) or the fd; false:
 * none. */
static bool stat_key(const struct adv_call *c, uint64_t *k2, const char **path)
{
	switch (c->nr) {
	case SYS_stat: case SYS_lstat: case SYS_newfstatat: case SYS_statx:
		if (c->path && *c->path) {
			*k2 = 0;
			*path = c->path;
			return true;
		}
		if (c->nr == SYS_stat || c->nr == SYS_lstat)
			return false;
		break; /* newfstatat and statx with "" and AT_EMPTY_PATH: the fd itself */
	case SYS_fstat:
		break;
	default:
		return false;
	}
	*k2 = fd_key((int)c->args[0]);
	*path = NULL;
	return true;
}

static void path_changed(struct repeated_stat *st, pid_t pid, const char *path)
{
	adv_map_remove(&st->targets, (uint64_t)pid, 0, path);
}

/* A write, truncate or change of attributes through an fd: the fd's stat and
 * the stat of the path it was opened from. */
static void fd_changed(struct repeated_stat *st, pid_t pid, int fd)
{
	const char *path = adv_fdnames_get(&st->names, pid, fd);

	adv_map_remove(&st->targets, (uint64_t)pid, fd_key(fd), NULL);
	if (path)
		path_changed(st, pid, path);
}

static void note_open(struct repeated_stat *st, const struct adv_call *c, int64_t flags)
{
	if (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) {
		path_changed(st, c->pid, c->path);
		if (flags & (O_CREAT | O_TRUNC))
			st->epoch++;
	}
	if (!c->failed) /* a new file behind a number seen before */
		adv_map_remove(&st->targets, (uint64_t)c->pid, fd_key((int)c->ret), NULL);
}

static void watch_changes(struct repeated_stat *st, const struct adv_call *c)
{
	switch (c->nr) {
	case SYS_open: if (c->path) note_open(st, c, c->args[1]); break;
	case SYS_openat: if (c->path) note_open(st, c, c->args[2]); break;
	case SYS_creat: if (c->path) note_open(st, c, O_CREAT | O_TRUNC); break;
	case SYS_write: case SYS_pwrite64: case SYS_writev: case SYS_pwritev: case SYS_pwritev2:
	case SYS_ftruncate: case SYS_fallocate: case SYS_fchmod: case SYS_fchown:
	case SYS_close: case SYS_dup2: case SYS_dup3:
		fd_changed(st, c->pid, (int)(c->nr == SYS_dup2 || c->nr == SYS_dup3 ? c->args[1]
											: c->args[0]));
		break;
	case SYS_truncate: case SYS_chmod: case SYS_fchmodat: case SYS_chown: case SYS_lchown:
	case SYS_fchownat: case SYS_utime: case SYS_utimes: case SYS_utimensat:
		if (c->path)
			path_changed(st, c->pid, c->path);
		else
			st->epoch++;
		break;
	case SYS_unlink: case SYS_unlinkat: case SYS_rmdir: case SYS_mkdir: case SYS_mkdirat:
	case SYS_rename: case SYS_renameat: case SYS_renameat2: case SYS_link: case SYS_linkat:
	case SYS_symlink: case SYS_symlinkat: case SYS_mknod: case SYS_mknodat:
		st->epoch++;
		break;
	default:
		break;
	}
}

static void note_repeat(struct repeated_stat *st, const struct adv_call *c, uint64_t k2,
			const char *path)
{
	struct adv_evidence *ev = adv_map_get(&st->repeated, (uint64_t)c->pid, k2, path, true);

	if (!ev)
		return;
	ev->count++;
	adv_evidence_remove(ev, adv_call_cost(st->m, c));
	adv_evidence_note(ev, c);
}

/* A repeat through a descriptor counts for the file it was opened from, when
 * known: one fd number serves many files in turn (a loader's fstat of each
 * library on fd 3), and the finding names the file repeated most. */
static void note_repeat_of(struct repeated_stat *st, const struct adv_call *c, uint64_t k2,
			   const char *path)
{
	const char *name = path ? NULL : adv_fdnames_get(&st->names, c->pid, (int)c->args[0]);

	if (name)
		note_repeat(st, c, 0, name);
	else
		note_repeat(st, c, k2, path);
}

static void feed(void *p, const struct adv_call *c)
{
	struct repeated_stat *st = p;
	const char *path;
	uint64_t k2;

	if (!stat_key(c, &k2, &path)) {
		watch_changes(st, c); /* before the names: a closed fd's is still known */
		adv_fdnames_feed(&st->names, c);
		return;
	}
	uint64_t answer = text_hash(adv_call_text(c)) ^ (uint64_t)c->ret;
	struct target *t = adv_map_get(&st->targets, (uint64_t)c->pid, k2, path, false);
	if (t && t->epoch == st->epoch && t->answer == answer)
		note_repeat_of(st, c, k2, path);
	else if (!t)
		t = adv_map_get(&st->targets, (uint64_t)c->pid, k2, path, true);
	if (t)
		*t = (struct target){ .answer = answer, .epoch = st->epoch };
}

static void finish(void *p, const struct adv_run *run, struct adv_report *r)
{
	struct repeated_stat *st = p;
	struct adv_merged g = { 0 };
	const struct adv_map_entry *k;
	char fd[24];
	(void)run;

	for (size_t i = 0; i < st->repeated.n; i++) {
		struct adv_evidence *ev = adv_map_at(&st->repeated, i, &k);
		if (ev)
			adv_merged_add(&g, ev, k);
	}
	if (!g.top || g.removed.n < st->min_repeats)
		return;
	/* Kept, the answer costs nothing: every repeat goes. The finding shows
	 * the target repeated most. */
	snprintf(fd, sizeof(fd), "fd %d", (int)(uint32_t)g.top_key->k2);
	char *what = adv_strf("%llu stats of %llu files repeated with nothing changed between; "
			      "%.200s %llu times", (unsigned long long)g.removed.n,
			      (unsigned long long)g.groups, g.top_key->str ? g.top_key->str : fd,
			      (unsigned long long)g.top->count);
	adv_merged_report(&g, st->m->null_syscall_ns, &adv_rule_repeated_stat, what, r);
}

static void drop_evidence(void *v)
{
	adv_evidence_free(v);
}

static void stop(void *p)
{
	struct repeated_stat *st = p;

	adv_fdnames_free(&st->names);
	adv_map_free(&st->targets, NULL);
	adv_map_free(&st->repeated, drop_evidence);
	free(st);
}

const struct adv_rule adv_rule_repeated_stat = {
	.id = "repeated-stat",
	.fix = "Keep the result: stat once and reuse it until something you do (or an inotify "
	       "event) says the file changed; for /etc/localtime, set TZ.",
	.start = start,
	.feed = feed,
	.finish = finish,
	.stop = stop,
};
