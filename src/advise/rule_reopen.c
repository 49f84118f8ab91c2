/* Rule reopen: the same file opened, read and closed again and again, by one
 * process or across the processes of a run (a shell loop of `cat FILE`).
 *
 * Detection: a successful open, openat, openat2 or creat starts a session of
 * its pid and descriptor; the session counts if the file is read (read,
 * pread64, readv, preadv, preadv2) before close ends it. Sessions are summed
 * per path as the program gave it. The dynamic loader's files (*.so*,
 * /etc/ld.so.cache) are left out: every process opens those, and the fix
 * there is fewer processes, not keeping a file open. A finding needs at least
 * 50 reopens, sessions after the first (times the threshold factor): opening
 * a file twice is normal.
 *
 * Fix: open the file once and keep the descriptor (pread from offset 0 to
 * read it again), or keep its contents.
 *
 * Estimate: the open and close of every session after the first are wasted,
 * with the fstat, statx or newfstatat on the descriptor, lseek and fadvise64
 * calls that came with them: the reopens times the median cost of one's
 * calls, at least a kernel crossing per call (adv_costs_total, rule_kit.h);
 * the reads stay (they are what the program
 * needs). The saving is the same. The count is the opens, closes and those
 * side calls of every session. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "../core/util.h"
#include "rule_kit.h"
#include "rule_list.h"

#define MIN_REOPENS 50
#define TRACKED_SESSIONS 16384	/* open descriptors followed at once */
#define TRACKED_PATHS 4096

struct session {
	double cost;		/* open, close and side calls */
	uint64_t calls;
	bool read;
	char *path;
	char *site;		/* the open's */
	char *text;		/* the open's, while the evidence wants examples */
};

struct path_evidence {
	struct adv_evidence ev;
	uint64_t sessions, removed;	/* sessions; calls the reopens cost */
	uint64_t procs;			/* changes of pid from one session to the next */
	pid_t last_pid;
};

struct reopen_state {
	const struct adv_machine *m;
	uint64_t min_reopens;
	struct adv_map sessions;	/* (pid, fd) -> struct session */
	struct adv_map paths;		/* path -> struct path_evidence */
};

static void *reopen_start(const struct adv_machine *m, double threshold)
{
	struct reopen_state *s = sg_xcalloc(1, sizeof(*s));

	s->m = m;
	s->min_reopens = adv_scaled_min(MIN_REOPENS, threshold);
	adv_map_init(&s->sessions, sizeof(struct session), TRACKED_SESSIONS);
	adv_map_init(&s->paths, sizeof(struct path_evidence), TRACKED_PATHS);
	return s;
}

/* The dynamic loader's files: libraries and its cache. */
static bool loader_file(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *so;

	base = base ? base + 1 : path;
	if (strcmp(path, "/etc/ld.so.cache") == 0 || strcmp(path, "/etc/ld.so.preload") == 0)
		return true;
	for (so = strstr(base, ".so"); so; so = strstr(so + 1, ".so"))
		if (so[3] == '\0' || so[3] == '.')
			return true;
	return false;
}

static void session_clear(struct session *ss)
{
	free(ss->path);
	free(ss->site);
	free(ss->text);
	memset(ss, 0, sizeof(*ss));
}

static void drop_session(void *v)
{
	session_clear(v);
}

/* A new session; when the table is full of descriptors never closed (their
 * processes exited), it is emptied rather than let the rule go blind. */
static struct session *session_new(struct reopen_state *s, pid_t pid, int fd)
{
	struct session *ss = adv_map_get(&s->sessions, (uint64_t)pid, (uint64_t)fd, NULL, true);

	if (!ss) {
		adv_map_free(&s->sessions, drop_session);
		adv_map_init(&s->sessions, sizeof(struct session), TRACKED_SESSIONS);
		ss = adv_map_get(&s->sessions, (uint64_t)pid, (uint64_t)fd, NULL, true);
	}
	session_clear(ss);
	return ss;
}

static void on_open(struct reopen_state *s, const struct adv_call *c)
{
	if (!c->path || !*c->path || loader_file(c->path)) {
		struct session *old = adv_map_get(&s->sessions, (uint64_t)c->pid,
						  (uint64_t)c->ret, NULL, false);
		if (old) {
			session_clear(old);
			adv_map_remove(&s->sessions, (uint64_t)c->pid, (uint64_t)c->ret, NULL);
		}
		return;
	}
	struct session *ss = session_new(s, c->pid, (int)c->ret);
	struct path_evidence *e = adv_map_get(&s->paths, 0, 0, c->path, false);

	ss->cost = adv_call_cost(s->m, c);
	ss->calls = 1;
	ss->path = sg_xstrdup(c->path);
	ss->site = c->site ? sg_xstrdup(c->site) : NULL;
	if (!e || !e->ev.examples[2])
		ss->text = sg_xstrdup(adv_call_text(c));
}

/* Paths seen once make room for new ones when the table is full. */
static void forget_single_sessions(struct reopen_state *s)
{
	const struct adv_map_entry *k;

	for (size_t i = 0; i < s->paths.n; i++) {
		struct path_evidence *e = adv_map_at(&s->paths, i, &k);
		if (e && e->sessions <= 1) {
			adv_evidence_free(&e->ev);
			adv_map_remove(&s->paths, 0, 0, k->str);
		}
	}
}

static struct path_evidence *path_evidence(struct reopen_state *s, const char *path)
{
	struct path_evidence *e = adv_map_get(&s->paths, 0, 0, path, true);

	if (!e) {
		forget_single_sessions(s);
		e = adv_map_get(&s->paths, 0, 0, path, true);
	}
	return e;
}

/* A session ends: it counts if the file was read. */
static void on_close(struct reopen_state *s, const struct adv_call *c, struct session *ss)
{
	struct path_evidence *e = ss->read ? path_evidence(s, ss->path) : NULL;

	if (e) {
		uint64_t calls = ss->calls + 1;
		double cost = ss->cost + adv_call_cost(s->m, c);
		if (++e->sessions > 1) {
			e->removed += calls;
			adv_evidence_remove(&e->ev, cost);	/* one sample a session */
		}
		e->ev.count += calls;
		if (e->sessions == 1 || e->last_pid != c->pid)
			e->procs++;
		e->last_pid = c->pid;
		struct adv_call open = { .text = ss->text, .site = ss->site };
		adv_evidence_note(&e->ev, &open);
	}
	session_clear(ss);
	adv_map_remove(&s->sessions, (uint64_t)c->pid, (uint64_t)c->args[0], NULL);
}

static bool is_read(long nr)
{
	return nr == SYS_read || nr == SYS_pread64 || nr == SYS_readv || nr == SYS_preadv ||
	       nr == SYS_preadv2;
}

/* Calls on the descriptor that come with opening it and go with it. */
static bool is_side_call(const struct adv_call *c)
{
	switch (c->nr) {
	case SYS_fstat:
	case SYS_lseek:
	case SYS_fadvise64:
		return true;
	case SYS_newfstatat:
	case SYS_statx:
		return c->path && !*c->path;	/* on the descriptor: AT_EMPTY_PATH */
	default:
		return false;
	}
}

static void reopen_feed(void *p, const struct adv_call *c)
{
	struct reopen_state *s = p;
	bool opens = c->nr == SYS_open || c->nr == SYS_openat || c->nr == SYS_openat2 ||
		     c->nr == SYS_creat;

	if (c->failed || c->ret < 0)
		return;
	if (opens) {
		on_open(s, c);
		return;
	}
	if (c->nargs < 1)
		return;
	struct session *ss = adv_map_get(&s->sessions, (uint64_t)c->pid, (uint64_t)(int)c->args[0],
					 NULL, false);
	if (!ss)
		return;
	if (c->nr == SYS_close) {
		on_close(s, c, ss);
	} else if (is_read(c->nr)) {
		ss->read = true;
	} else if (is_side_call(c)) {
		ss->cost += adv_call_cost(s->m, c);
		ss->calls++;
	}
}

static void reopen_finish(void *p, const struct adv_run *run, struct adv_report *r)
{
	struct reopen_state *s = p;
	const struct adv_map_entry *k;

	(void)run;
	for (size_t i = 0; i < s->paths.n; i++) {
		struct path_evidence *e = adv_map_at(&s->paths, i, &k);
		if (!e || e->sessions < 1 + s->min_reopens)
			continue;
		uint64_t reopens = e->sessions - 1;
		double floor = s->m->null_syscall_ns * (double)e->removed / (double)reopens;
		e->ev.wasted_ns = adv_evidence_waste(&e->ev, floor);
		e->ev.saving_ns = e->ev.wasted_ns;
		char *what = e->procs > 1
			? adv_strf("%s opened, read and closed %llu times (in %llu processes)", k->str,
				   (unsigned long long)e->sessions, (unsigned long long)e->procs)
			: adv_strf("%s opened, read and closed %llu times", k->str,
				   (unsigned long long)e->sessions);
		adv_evidence_report(&e->ev, &adv_rule_reopen, what, r);
	}
}

static void drop_path(void *v)
{
	adv_evidence_free(&((struct path_evidence *)v)->ev);
}

static void reopen_stop(void *p)
{
	struct reopen_state *s = p;

	adv_map_free(&s->sessions, drop_session);
	adv_map_free(&s->paths, drop_path);
	free(s);
}

const struct adv_rule adv_rule_reopen = {
	.id = "reopen",
	.fix = "Open the file once and keep the descriptor (pread from offset 0 to read it again), "
	       "or keep its contents.",
	.start = reopen_start,
	.feed = reopen_feed,
	.finish = reopen_finish,
	.stop = reopen_stop,
};
