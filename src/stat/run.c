/* Command mode: fork the command, open inherited counters on it while it waits,
 * let it exec (which enables them), and wait for it and every descendant. */
#include "stat_int.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/util.h"
#include "launch/launch.h"

#define POLL_MS 200

struct supervision {
	pid_t child;
	bool child_done;
	bool give_up; /* stop waiting for what the command left running */
	struct stat_result *r;
};

/* In the child: wait for the go byte, then exec. An exec error goes back to the
 * parent as an errno through err[1], which a successful exec closes (CLOEXEC). */
static _Noreturn void child_exec(char **argv, const int go[2], const int err[2], pid_t parent,
				 const sigset_t *mask)
{
	char go_byte;

	/* Only the parent may hold the write end, or a parent that gives up
	 * could not make the read below return. */
	close(go[1]);
	close(err[0]);
	/* If sysgate dies, the command must not run on uncounted and unwatched. */
	launch_die_with_parent(parent);
	sigprocmask(SIG_SETMASK, mask, NULL);
	if (read(go[0], &go_byte, 1) != 1)
		_exit(127); /* sysgate gave up before starting the command */
	execvp(argv[0], argv);
	int e = errno;
	if (write(err[1], &e, sizeof(e)) != (ssize_t)sizeof(e))
		_exit(127);
	_exit(e == ENOENT ? 127 : 126);
}

/* 0 when the exec went through, else the child's errno. */
static int exec_error(int err_fd)
{
	int e;
	ssize_t n;

	do
		n = read(err_fd, &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(e) ? e : 0;
}

static int status_of(int st, int *term_signal)
{
	if (WIFSIGNALED(st)) {
		*term_signal = WTERMSIG(st);
		return 128 + WTERMSIG(st);
	}
	return WEXITSTATUS(st);
}

/* Reap whatever has exited. True once no child is left: as subreaper we also
 * get the command's orphans, and waiting for them folds their inherited counts
 * into ours before we read. */
static bool reap_exited(struct supervision *sv)
{
	for (;;) {
		int st;
		pid_t p = waitpid(-1, &st, WNOHANG | __WALL);
		if (p == 0)
			return false;
		if (p < 0)
			return errno == ECHILD;
		if (p == sv->child) {
			sv->r->exit_status = status_of(st, &sv->r->term_signal);
			sv->child_done = true;
		}
	}
}

/* Ctrl-C and Ctrl-\ reach the command through the terminal's process group, so
 * sysgate only outlives them to print the counts. SIGTERM and SIGHUP sent to
 * sysgate alone are passed on. Once the command itself has ended, SIGINT or
 * SIGTERM stops the wait for what it left running (daemons). */
static void handle_signal(struct supervision *sv, int sig)
{
	if (!sv->child_done && (sig == SIGTERM || sig == SIGHUP))
		kill(sv->child, sig);
	if (sv->child_done && (sig == SIGINT || sig == SIGTERM)) {
		sg_error("stopped waiting for processes the command left running; "
			 "their counts so far are included");
		sv->give_up = true;
	}
}

static void supervise(struct supervision *sv, struct stat_signals *sigs,
		      struct stat_sampler *smp)
{
	int max = 1 + stat_sampler_npollfds(smp);
	struct pollfd *p = sg_xcalloc((size_t)max, sizeof(*p));

	while (!reap_exited(sv) && !sv->give_up) {
		p[0] = (struct pollfd){ .fd = sigs->fd, .events = POLLIN };
		int n = 1 + stat_sampler_pollfds(smp, p + 1, max - 1);
		poll(p, (nfds_t)n, POLL_MS);
		stat_sampler_drain(smp);
		for (int sig; (sig = stat_signals_next(sigs)) != 0;)
			handle_signal(sv, sig);
	}
	free(p);
}

static double timeval_s(struct timeval a, struct timeval b)
{
	return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_usec - a.tv_usec) / 1e6;
}

/* getrusage(RUSAGE_CHILDREN) covers every reaped descendant, orphans included
 * since we are their subreaper: exact CPU times and context switch kinds. It
 * counts from fork (see csw_from_exec). */
static void rusage_delta(const struct rusage *a, const struct rusage *b, struct stat_result *r)
{
	r->have_cpu_split = true;
	r->user_s = timeval_s(a->ru_utime, b->ru_utime);
	r->system_s = timeval_s(a->ru_stime, b->ru_stime);
	r->have_csw_split = true;
	r->csw_voluntary = (uint64_t)(b->ru_nvcsw - a->ru_nvcsw);
	r->csw_involuntary = (uint64_t)(b->ru_nivcsw - a->ru_nivcsw);
}

/* Context switches are counted from exec, as perf stat's enable-on-exec does:
 * the total is the perf counter's. rusage counts from fork, so sysgate's own
 * handshake with the child (its wait for the go byte) sits in the voluntary
 * switches; the split keeps rusage's involuntary count and gives the rest of
 * the total to voluntary. */
static void csw_from_exec(struct stat_result *r)
{
	if (!r->have[SC_CONTEXT_SWITCHES])
		return;
	uint64_t total = r->count[SC_CONTEXT_SWITCHES];
	if (r->csw_involuntary > total)
		r->csw_involuntary = total;
	r->csw_voluntary = total - r->csw_involuntary;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* What is counted while the command runs: the command's tasks (from its exec),
 * or every CPU's for the machine or a cgroup (-a, --cgroup: from now). */
struct counted {
	const struct stat_scope *sc;
	struct stat_task task;
	struct stat_cpus cpus;
};

static int open_counters(struct counted *k, const struct stat_events *ev,
			 struct stat_sampler *smp, pid_t child)
{
	int rc;

	if (k->sc->kind == SG_SCOPE_PROCS) {
		rc = stat_task_open(&k->task, ev, child, STAT_OPEN_ON_EXEC);
		if (rc == 0 && smp && (rc = stat_sampler_attach(smp, child, STAT_OPEN_ON_EXEC)) != 0)
			stat_task_close(&k->task);
	} else if ((rc = stat_cpus_open(&k->cpus, ev, k->sc)) == 0) {
		stat_cpus_ioctl(&k->cpus, PERF_EVENT_IOC_ENABLE);
		if (smp)
			stat_sampler_ioctl(smp, PERF_EVENT_IOC_ENABLE);
	}
	if (rc != 0)
		sg_error("cannot open perf counters: %s; %s", strerror(-rc),
			 stat_open_error_hint(rc));
	return rc;
}

static void read_counters(struct counted *k, struct stat_sampler *smp, struct stat_result *r)
{
	if (k->sc->kind == SG_SCOPE_PROCS) {
		stat_task_accumulate(&k->task, r);
		csw_from_exec(r);
	} else {
		if (smp)
			stat_sampler_ioctl(smp, PERF_EVENT_IOC_DISABLE);
		stat_cpus_ioctl(&k->cpus, PERF_EVENT_IOC_DISABLE);
		stat_cpus_accumulate(&k->cpus, r);
		/* The command's own times would pass for the machine's. */
		r->have_cpu_split = r->have_csw_split = false;
	}
	stat_sampler_result(smp, r);
}

static void close_counters(struct counted *k)
{
	if (k->sc->kind == SG_SCOPE_PROCS)
		stat_task_close(&k->task);
	else
		stat_cpus_close(&k->cpus);
}

/* Start the command (it waits for the go byte) with counters on it. */
static pid_t start_child(char **argv, int go[2], int err[2], const struct stat_signals *sigs)
{
	pid_t parent = getpid();
	pid_t child = fork();

	if (child < 0)
		sg_error("cannot fork: %s", strerror(errno));
	if (child == 0)
		child_exec(argv, go, err, parent, &sigs->old_mask);
	close_fd(&go[0]);
	close_fd(&err[1]);
	return child;
}

/* Returns 0 with r filled, or -1 after reporting; r->exit_status is then the
 * status sysgate should exit with. */
int stat_run_command(char **argv, const struct stat_events *ev, struct stat_sampler *smp,
		     const struct stat_scope *sc, struct stat_result *r)
{
	int go[2] = { -1, -1 }, err[2] = { -1, -1 };
	struct counted k = { .sc = sc };
	struct stat_signals sigs;
	struct rusage before, after;
	struct supervision sv = { .r = r };
	int rc = -1;

	r->argv = argv;
	r->exit_status = 1;
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0)
		return sg_error("cannot become a subreaper: %s", strerror(errno));
	if (pipe2(go, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
		sg_error("cannot create a pipe: %s", strerror(errno));
		goto out;
	}
	int src = stat_signals_block(&sigs, true);
	if (src != 0) {
		sg_error("cannot watch signals: %s", strerror(-src));
		goto out;
	}
	getrusage(RUSAGE_CHILDREN, &before);
	sv.child = start_child(argv, go, err, &sigs);
	if (sv.child < 0)
		goto out_signals;
	if (open_counters(&k, ev, smp, sv.child) != 0) {
		close_fd(&go[1]); /* the child sees EOF and exits without running */
		waitpid(sv.child, NULL, 0);
		goto out_signals;
	}

	unsigned long long t0 = sg_now_ns();
	if (write(go[1], "g", 1) != 1) {
		sg_error("cannot start '%s': %s", argv[0], strerror(errno));
		goto out_task;
	}
	close_fd(&go[1]);
	int e = exec_error(err[0]);
	if (e != 0) {
		waitpid(sv.child, NULL, 0);
		sg_error("cannot run '%s': %s", argv[0], strerror(e));
		r->exit_status = e == ENOENT ? 127 : 126;
		goto out_task;
	}
	supervise(&sv, &sigs, smp);
	r->wall_s = (double)(sg_now_ns() - t0) / 1e9;
	getrusage(RUSAGE_CHILDREN, &after);
	rusage_delta(&before, &after, r);
	read_counters(&k, smp, r);
	stat_release_in_background();
	rc = 0;
out_task:
	close_counters(&k);
out_signals:
	stat_signals_restore(&sigs);
out:
	close_fd(&go[0]);
	close_fd(&go[1]);
	close_fd(&err[0]);
	close_fd(&err[1]);
	return rc;
}
