/* repeated-stat: the same path or fd stat'ed again, with the same answer and
 * nothing seen between that could have changed it. The second call only tells
 * the program what it already knew. */
#include "rules.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "core/util.h"

extern const struct adv_rule adv_rule_repeated_stat;

#define MIN_REPEATS 16

struct target {
	char shown[200];   /* the path, or "fd N" */
	uint64_t answer;   /* a hash of the last call's text (its result) */
	uint64_t epoch;    /* the run's epoch at the last call */
	bool seen, dirty;
	uint64_t repeats;
	double ns;
	char *examples[3];
	struct adv_sites sites;
};

struct opened {
	char path[256];
};

struct repeated_stat {
	const struct adv_machine *m;
	uint64_t min_repeats;
	/* Bumped by calls that change directories (create, unlink, rename...):
	 * whatever was stat'ed before may differ now. */
	uint64_t epoch;
	struct adv_table targets; /* "P pid path", "F pid fd" */
	struct adv_table opened;  /* "pid fd": the path an fd was opened from */
};

static void *start(const struct adv_machine *m, double threshold)
{
	struct repeated_stat *st = sg_xcalloc(1, sizeof(*st));

	st->m = m;
	st->min_repeats = adv_scaled(threshold, MIN_REPEATS);
	return st;
}

static uint64_t text_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The key of what a stat call asks about, and how to show it; false: none. */
static bool stat_key(const struct adv_call *c, char *key, size_t len, char *shown, size_t slen)
{
	switch (c->nr) {
	case SYS_stat: case SYS_lstat: case SYS_newfstatat: case SYS_statx:
		if (c->path && *c->path) {
			snprintf(key, len, "P %d %s", (int)c->pid, c->path);
			snprintf(shown, slen, "%s", c->path);
			return true;
		}
		if (c->nr == SYS_stat || c->nr == SYS_lstat)
			return false;
		/* newfstatat and statx with "" and AT_EMPTY_PATH: the fd itself */
		snprintf(key, len, "F %d %d", (int)c->pid, (int)c->args[0]);
		snprintf(shown, slen, "fd %d", (int)c->args[0]);
		return true;
	case SYS_fstat:
		snprintf(key, len, "F %d %d", (int)c->pid, (int)c->args[0]);
		snprintf(shown, slen, "fd %d", (int)c->args[0]);
		return true;
	default:
		return false;
	}
}

static void mark_dirty(struct repeated_stat *st, const char *key)
{
	struct target *t = adv_table_find(&st->targets, key);

	if (t)
		t->dirty = true;
}

static void path_changed(struct repeated_stat *st, pid_t pid, const char *path)
{
	char key[320];

	snprintf(key, sizeof(key), "P %d %s", (int)pid, path);
	mark_dirty(st, key);
}

/* A write, truncate or change of attributes through an fd: the fd's stat and
 * the stat of the path it was opened from. */
static void fd_changed(struct repeated_stat *st, const struct adv_call *c, int fd)
{
	char key[64];

	snprintf(key, sizeof(key), "F %d %d", (int)c->pid, fd);
	mark_dirty(st, key);
	snprintf(key, sizeof(key), "%d %d", (int)c->pid, fd);
	struct opened *o = adv_table_find(&st->opened, key);
	if (o && o->path[0])
		path_changed(st, c->pid, o->path);
}

static void note_open(struct repeated_stat *st, const struct adv_call *c, int64_t flags)
{
	char key[64];

	if (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) {
		path_changed(st, c->pid, c->path);
		if (flags & (O_CREAT | O_TRUNC))
			st->epoch++;
	}
	if (c->failed)
		return;
	snprintf(key, sizeof(key), "%d %d", (int)c->pid, (int)c->ret);
	struct opened *o = adv_table_get(&st->opened, key, sizeof(*o));
	snprintf(o->path, sizeof(o->path), "%s", c->path);
	snprintf(key, sizeof(key), "F %d %d", (int)c->pid, (int)c->ret);
	mark_dirty(st, key); /* a new file behind a number seen before */
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
		fd_changed(st, c, (int)(c->nr == SYS_dup2 || c->nr == SYS_dup3 ? c->args[1]
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

static void feed(void *p, const struct adv_call *c)
{
	struct repeated_stat *st = p;
	char key[320], shown[200];

	if (!stat_key(c, key, sizeof(key), shown, sizeof(shown))) {
		watch_changes(st, c);
		return;
	}
	struct target *t = adv_table_get(&st->targets, key, sizeof(*t));
	uint64_t answer = text_hash(c->text) ^ (uint64_t)c->ret;
	if (t->seen && !t->dirty && t->epoch == st->epoch && t->answer == answer) {
		t->repeats++;
		t->ns += adv_call_ns(c, st->m);
		adv_keep_example(t->examples, c);
		adv_sites_add(&t->sites, c->site);
	}
	snprintf(t->shown, sizeof(t->shown), "%s", shown);
	t->seen = true;
	t->dirty = false;
	t->epoch = st->epoch;
	t->answer = answer;
}

struct tally {
	uint64_t repeats, targets;
	double ns;
	struct target *top;
};

static void tally_target(void *p, const char *key, void *data)
{
	struct tally *t = p;
	struct target *s = data;
	(void)key;

	if (!s->repeats)
		return;
	t->repeats += s->repeats;
	t->ns += s->ns;
	t->targets++;
	if (!t->top || s->ns > t->top->ns)
		t->top = s;
}

static void free_target(void *p, const char *key, void *data)
{
	struct target *s = data;
	(void)p, (void)key;

	for (int i = 0; i < 3; i++)
		free(s->examples[i]);
	adv_sites_free(&s->sites);
}

static void finish(void *p, const struct adv_run *run, struct adv_report *r)
{
	struct repeated_stat *st = p;
	struct tally t = { 0 };
	char what[360];
	(void)run;

	adv_table_each(&st->targets, tally_target, &t);
	if (!t.top || t.repeats < st->min_repeats)
		return;
	/* Kept, the answer costs nothing: every repeat goes. */
	snprintf(what, sizeof(what), "%llu stats of %llu files repeated with nothing changed "
		 "between; %.200s %llu times", (unsigned long long)t.repeats,
		 (unsigned long long)t.targets, t.top->shown, (unsigned long long)t.top->repeats);
	adv_report_finding(r, &adv_rule_repeated_stat, t.repeats, t.ns, t.ns, sg_xstrdup(what),
			   &t.top->sites, t.top->examples);
}

static void stop(void *p)
{
	struct repeated_stat *st = p;

	adv_table_each(&st->targets, free_target, NULL);
	adv_table_free(&st->targets);
	adv_table_free(&st->opened);
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
