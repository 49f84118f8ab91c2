/* -p mode: counters on every thread of running processes, from now until the
 * processes exit or sysgate gets SIGINT/SIGTERM. The processes keep running. */
#include "stat_int.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "core/util.h"

#define SAMPLE_INTERVAL_MS 250
#define MAX_ATTACH_ROUNDS 100

struct attached {
	struct stat_task *tasks;
	int n, cap;
};

static bool is_attached(const struct attached *a, pid_t tid)
{
	for (int i = 0; i < a->n; i++)
		if (a->tasks[i].tid == tid)
			return true;
	return false;
}

/* Counters and syscall sampling on one thread. -ESRCH when it is gone.
 * A child forked between the two opens inherits only the first set: the
 * syscall sampler and the syscall counter (opened first by stat_task_open)
 * are opened back to back to keep that window to one perf_event_open. */
static int attach_thread(struct attached *a, pid_t tid, const struct stat_events *ev,
			 struct stat_sampler *smp)
{
	int mark = stat_sampler_mark(smp);

	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		a->tasks = sg_xrealloc(a->tasks, (size_t)a->cap * sizeof(*a->tasks));
	}
	int rc = smp ? stat_sampler_attach(smp, tid, STAT_OPEN_ATTACH) : 0;
	if (rc != 0)
		return rc;
	rc = stat_task_open(&a->tasks[a->n], ev, tid, STAT_OPEN_ATTACH);
	if (rc != 0) {
		stat_sampler_rollback(smp, mark);
		return rc;
	}
	a->n++;
	return 0;
}

/* Attach to the threads of pid not seen yet; one that exits meanwhile is
 * skipped. Returns 0 or -errno. */
static int attach_new_threads(struct attached *a, pid_t pid, const struct stat_events *ev,
			      struct stat_sampler *smp, int *added)
{
	char path[64];
	struct dirent *de;
	int rc = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	DIR *d = opendir(path);
	if (!d)
		return errno == ENOENT ? 0 : -errno; /* exited while we attached */
	while ((de = readdir(d))) {
		pid_t tid = (pid_t)atoi(de->d_name);
		if (tid <= 0 || is_attached(a, tid))
			continue;
		rc = attach_thread(a, tid, ev, smp);
		if (rc == -ESRCH) {
			rc = 0;
			continue;
		}
		if (rc != 0)
			break;
		(*added)++;
	}
	closedir(d);
	return rc;
}

static int count_threads(pid_t pid)
{
	char path[64];
	struct dirent *de;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	DIR *d = opendir(path);
	if (!d)
		return 0;
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

/* Threads started while we attach may be found twice: once inherited from an
 * attached thread and once by the next scan. Counters start disabled and are
 * enabled together afterwards, so only that short window is exposed (perf stat
 * -p has the same race). Rescan until a pass finds no new thread. */
static int attach_all(struct attached *a, const pid_t *pids, int npids,
		      const struct stat_events *ev, struct stat_sampler *smp)
{
	unsigned long threads = 0;
	unsigned long per_thread = SC_COUNT + (unsigned long)stat_sampler_npollfds(smp);

	for (int i = 0; i < npids; i++)
		threads += (unsigned long)count_threads(pids[i]);
	/* Room for twice the threads seen now, so a growing process still fits. */
	stat_raise_fd_limit((threads * 2 + 4) * per_thread + 64);

	for (int round = 0; round < MAX_ATTACH_ROUNDS; round++) {
		int added = 0;
		for (int i = 0; i < npids; i++) {
			int rc = attach_new_threads(a, pids[i], ev, smp, &added);
			if (rc != 0)
				return rc;
		}
		if (added == 0)
			break;
	}
	return 0;
}

static void detach_all(struct attached *a)
{
	for (int i = 0; i < a->n; i++)
		stat_task_close(&a->tasks[i]);
	free(a->tasks);
	a->tasks = NULL;
	a->n = a->cap = 0;
}

/* The sampler goes first, right before each thread's syscall counter. */
static int set_enabled(struct attached *a, struct stat_sampler *smp, unsigned long req)
{
	int rc = smp ? stat_sampler_ioctl(smp, req) : 0;

	for (int i = 0; i < a->n && rc == 0; i++) {
		rc = stat_task_ioctl(&a->tasks[i], req);
		if (rc == -ESRCH)
			rc = 0;
	}
	return rc;
}

/* pidfds tell us when a process exits, without being its parent. */
static int open_pidfds(const pid_t *pids, int npids, int *fds)
{
	for (int i = 0; i < npids; i++)
		fds[i] = -1;
	for (int i = 0; i < npids; i++) {
		if (pids[i] == getpid())
			return sg_error("cannot count sysgate itself (pid '%d'); give another pid",
					(int)pids[i]);
		fds[i] = pidfd_open(pids[i], 0);
		if (fds[i] >= 0)
			continue;
		if (errno == ESRCH)
			return sg_error("no process with pid '%d'; check the pid with ps",
					(int)pids[i]);
		/* pidfd_open refuses a thread that leads no process (EINVAL, or
		 * ENOENT on newer kernels). */
		if (errno == EINVAL || (errno == ENOENT && kill(pids[i], 0) == 0))
			return sg_error("pid '%d' is a thread, not a process; give its process "
					"id (Tgid in /proc/%d/status)",
					(int)pids[i], (int)pids[i]);
		return sg_error("cannot watch pid '%d': %s", (int)pids[i], strerror(errno));
	}
	return 0;
}

static void close_fds(int *fds, int n)
{
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

/* Wait until every process exited or a stop signal came in, reading the syscall
 * samples and /proc meanwhile. Poll slots: pidfds, the signalfd, the rings. */
static void wait_for_end(const int *pidfds, int npids, struct stat_signals *sigs,
			 struct stat_sampler *smp, struct stat_proc_sample *ps,
			 struct stat_result *r)
{
	int max = npids + 1 + stat_sampler_npollfds(smp);
	struct pollfd *p = sg_xcalloc((size_t)max, sizeof(*p));
	int running = npids;

	for (int i = 0; i < npids; i++)
		p[i] = (struct pollfd){ .fd = pidfds[i], .events = POLLIN };
	p[npids] = (struct pollfd){ .fd = sigs->fd, .events = POLLIN };
	int n = npids + 1 + stat_sampler_pollfds(smp, p + npids + 1, max - npids - 1);
	unsigned long long next_sample = sg_now_ns();

	while (running > 0 && !r->interrupted) {
		poll(p, (nfds_t)n, SAMPLE_INTERVAL_MS);
		stat_sampler_drain(smp);
		for (int sig; (sig = stat_signals_next(sigs)) != 0;)
			r->interrupted |= sig == SIGINT || sig == SIGTERM || sig == SIGHUP;
		for (int i = 0; i < npids; i++) {
			if (p[i].fd >= 0 && (p[i].revents & (POLLIN | POLLHUP))) {
				p[i].fd = -1; /* poll skips negative descriptors */
				running--;
			}
		}
		if (sg_now_ns() >= next_sample) {
			stat_proc_update(ps);
			next_sample = sg_now_ns() + SAMPLE_INTERVAL_MS * 1000000ull;
		}
	}
	free(p);
}

/* Returns 0 with r filled, or -1 after reporting. */
int stat_attach(const pid_t *pids, int npids, const struct stat_events *ev,
		struct stat_sampler *smp, struct stat_result *r)
{
	int *pidfds = sg_xcalloc((size_t)npids, sizeof(int));
	struct attached a = { 0 };
	struct stat_signals sigs;
	int rc = -1;

	r->pids = pids;
	r->npids = npids;
	if (open_pidfds(pids, npids, pidfds) != 0)
		goto out;
	int src = stat_signals_block(&sigs, false);
	if (src != 0) {
		sg_error("cannot watch signals: %s", strerror(-src));
		goto out;
	}
	int orc = attach_all(&a, pids, npids, ev, smp);
	if (orc == 0)
		orc = set_enabled(&a, smp, PERF_EVENT_IOC_ENABLE);
	if (orc != 0) {
		sg_error("cannot open perf counters: %s; %s", strerror(-orc),
			 stat_open_error_hint(orc));
		goto out_detach;
	}
	unsigned long long t0 = sg_now_ns();
	struct stat_proc_sample *ps = stat_proc_new(pids, npids);
	wait_for_end(pidfds, npids, &sigs, smp, ps, r);
	set_enabled(&a, smp, PERF_EVENT_IOC_DISABLE); /* freeze, children included */
	r->wall_s = (double)(sg_now_ns() - t0) / 1e9;
	for (int i = 0; i < a.n; i++)
		stat_task_accumulate(&a.tasks[i], r);
	stat_sampler_result(smp, r);
	stat_proc_finish(ps, r);
	stat_proc_free(ps);
	r->exit_status = 0;
	stat_release_in_background();
	rc = 0;
out_detach:
	detach_all(&a);
	stat_signals_restore(&sigs);
out:
	close_fds(pidfds, npids);
	free(pidfds);
	return rc;
}
