/* Opening, enabling and reading the perf counters of one task. */
#include "stat_int.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Returns the descriptor or -errno. cpu -1: wherever the task runs. */
int stat_perf_open(struct perf_event_attr *attr, pid_t tid, int cpu)
{
	/* glibc has no wrapper for perf_event_open. */
	long fd = syscall(SYS_perf_event_open, attr, tid, cpu, -1, PERF_FLAG_FD_CLOEXEC);

	return fd < 0 ? -errno : (int)fd;
}

/* Counting (not sampling) counters, inherited by every thread and child the task
 * creates later. They start disabled: at exec for a command we forked, so that
 * sysgate's own setup is not counted, or by an explicit enable for -p. */
void stat_init_attr(struct perf_event_attr *a, uint32_t type, uint64_t config,
		    enum stat_open_mode mode)
{
	memset(a, 0, sizeof(*a));
	a->size = sizeof(*a);
	a->type = type;
	a->config = config;
	a->disabled = 1;
	a->inherit = 1;
	a->enable_on_exec = mode == STAT_OPEN_ON_EXEC;
}

/* Errors that mean "this kernel lacks the counter", as opposed to "stat cannot work". */
static bool counter_unsupported(int err)
{
	return err == -ENOENT || err == -EINVAL || err == -EOPNOTSUPP || err == -ENODEV ||
	       err == -E2BIG;
}

/* Where a task's counters are opened: on the task wherever it runs, or on one
 * CPU for every task there (pid -1) or for those of one cgroup (pid: the fd of
 * its directory, PERF_FLAG_PID_CGROUP). */
struct counter_place {
	pid_t pid;
	int cpu;
	unsigned long flags;
};

static int perf_open_at(struct perf_event_attr *a, const struct counter_place *at)
{
	long fd = syscall(SYS_perf_event_open, a, at->pid, at->cpu, -1,
			  at->flags | PERF_FLAG_FD_CLOEXEC);

	return fd < 0 ? -errno : (int)fd;
}

static int open_fixed(struct stat_task *t, const struct stat_events *ev, enum stat_counter c,
		      enum stat_open_mode mode, const struct counter_place *at)
{
	const struct stat_counter_spec *s = stat_counter_spec(c);
	struct perf_event_attr a;

	if (!ev->available[c])
		return 0;
	if (s->group)
		stat_init_attr(&a, PERF_TYPE_TRACEPOINT, ev->tracepoint_id[c], mode);
	else
		stat_init_attr(&a, PERF_TYPE_SOFTWARE, s->sw_config, mode);
	a.exclude_kernel = s->user_only;
	if (at->cpu >= 0)
		a.inherit = 0; /* a CPU's counter sees every task there already */
	int fd = perf_open_at(&a, at);
	if (fd >= 0)
		t->fd[c] = fd;
	else if (s->required || !counter_unsupported(fd))
		return fd;
	return 0;
}

/* Open every counter on tid. Returns 0 or -errno (nothing left open): -ESRCH when
 * the task is gone, -EACCES/-EPERM without privilege, -EMFILE out of descriptors. */
static int open_all(struct stat_task *t, const struct stat_events *ev, enum stat_open_mode mode,
		    const struct counter_place *at)
{
	int rc = 0;

	for (int c = 0; c < SC_COUNT; c++)
		t->fd[c] = -1;
	for (int c = 0; c < SC_COUNT; c++)
		if ((rc = open_fixed(t, ev, (enum stat_counter)c, mode, at)) != 0)
			goto fail;
	return 0;
fail:
	stat_task_close(t);
	return rc;
}

int stat_task_open(struct stat_task *t, const struct stat_events *ev, pid_t tid,
		   enum stat_open_mode mode)
{
	struct counter_place at = { tid, -1, 0 };

	t->tid = tid;
	return open_all(t, ev, mode, &at);
}

int stat_cpu_open(struct stat_task *t, const struct stat_events *ev, int cpu, int cgroup_fd)
{
	struct counter_place at = { cgroup_fd >= 0 ? cgroup_fd : -1, cpu,
				    cgroup_fd >= 0 ? PERF_FLAG_PID_CGROUP : 0 };

	t->tid = -1;
	return open_all(t, ev, STAT_OPEN_ATTACH, &at);
}

int stat_task_ioctl(struct stat_task *t, unsigned long req)
{
	for (int c = 0; c < SC_COUNT; c++)
		if (t->fd[c] >= 0 && ioctl(t->fd[c], req, 0) != 0)
			return -errno;
	return 0;
}

/* A counter's value: its own count plus those of the inherited copies in every
 * thread and child, live or exited (the kernel sums them on read). */
static bool read_count(int fd, uint64_t *v)
{
	return fd >= 0 && read(fd, v, sizeof(*v)) == (ssize_t)sizeof(*v);
}

void stat_task_accumulate(const struct stat_task *t, struct stat_result *r)
{
	uint64_t v;

	for (int c = 0; c < SC_COUNT; c++) {
		if (read_count(t->fd[c], &v)) {
			r->count[c] += v;
			r->have[c] = true;
		}
	}
}

void stat_task_close(struct stat_task *t)
{
	for (int c = 0; c < SC_COUNT; c++) {
		if (t->fd[c] >= 0)
			close(t->fd[c]);
		t->fd[c] = -1;
	}
}

/* Each task needs a descriptor per counter (hundreds with the per-syscall ones):
 * lift the soft limit, and the hard one when we may. */
int stat_raise_fd_limit(unsigned long want)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return -errno;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur >= want)
		return 0;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want)
		rl.rlim_max = want; /* only root may; fall back below */
	rl.rlim_cur = want;
	if (setrlimit(RLIMIT_NOFILE, &rl) == 0)
		return 0;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return -errno;
	rl.rlim_cur = rl.rlim_max;
	return setrlimit(RLIMIT_NOFILE, &rl) == 0 ? 0 : -errno;
}

/* The fix to suggest after perf_event_open failed with err (negative). */
const char *stat_open_error_hint(int err)
{
	switch (-err) {
	case EACCES:
	case EPERM:
		return "run as root or set kernel.perf_event_paranoid=-1 "
		       "(sysctl kernel.perf_event_paranoid=-1)";
	case EMFILE:
	case ENFILE:
		return "raise the open file limit (ulimit -n) or count fewer threads";
	default:
		return "check that the kernel has perf events (CONFIG_PERF_EVENTS)";
	}
}

/* Releasing a tracepoint's last perf event waits for an RCU grace period (about
 * 30 ms each on this kind of machine, one after the other). A short-lived child
 * that holds copies of every descriptor takes that wait after sysgate has exited:
 * it drops them when the pipe from sysgate reports EOF, then exits. */
void stat_release_in_background(void)
{
	int p[2];

	if (pipe2(p, O_CLOEXEC) != 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		char byte;
		int null = open("/dev/null", O_RDWR);
		/* Hold no one's terminal or pipe open while we wait. */
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		close(p[1]);
		while (read(p[0], &byte, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(p[0]);
	if (pid < 0)
		close(p[1]);
	/* On success p[1] stays open until sysgate exits. */
}
