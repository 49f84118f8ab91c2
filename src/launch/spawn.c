/* Starting the jailed command, in two steps so that the parent compiles the filter
 * while the child sets up its namespaces (on another CPU if there is one): start
 * forks and the child waits, in shared memory, for the compiled filter; finish
 * hands it over.
 *
 * The child loads the filter right before exec; from then on any syscall it makes
 * may wait for a supervisor, so handing the notify fd over with sendmsg could
 * deadlock under a policy that denies sendmsg. Instead the child publishes the fd's
 * number in shared memory (no syscall), spins until the parent has copied it with
 * pidfd_getfd, and only then calls execve. */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/policy.h"
#include "core/util.h"
#include "launch/launch.h"
#include "launch/ns.h"

enum { HAND_WAIT, HAND_READY, HAND_FAILED };

struct launch_handoff {
	int filter_ready; /* futex word: set by the parent once len, notify and insns hold it */
	unsigned short len;
	bool notify;
	struct sock_filter insns[BPF_MAXINSNS];
	int state; /* HAND_*, written by the child */
	int fd;	   /* the child's notify fd, or -1 */
	int taken; /* set by the parent once it holds its own copy */
	int depth; /* 0: our child loaded the filter; 1: its child (under pid 1) */
};

/* In the child, which has no caller to return to: its one line, then exit 126. */
static _Noreturn void setup_failed(struct launch_handoff *h, const char *what, const char *err)
{
	fprintf(stderr, "sysgate: %s: %s\n", what, err);
	__atomic_store_n(&h->state, HAND_FAILED, __ATOMIC_RELEASE);
	_exit(126);
}

/* In A, the first process in the namespaces if any (see ns.h): set up (at least:
 * drop capabilities), then stay, while a child goes on to exec the program, as
 * the pid namespace's pid 1 or else as the keeper that ends every process below
 * it if sysgate dies (launch.h). */
static void setup_namespaces(const struct launch_ns_opts *ns, const sigset_t *old,
			     struct launch_handoff *h, pid_t parent)
{
	bool pid1 = launch_ns_need_pid1(ns);
	char err[512];

	if (launch_ns_setup(ns, err, sizeof(err)) < 0)
		setup_failed(h, "setup", err);
	if (!pid1)
		launch_keeper_prepare(parent);
	pid_t a = getpid(), c = fork();
	if (c < 0)
		setup_failed(h, "fork", strerror(errno));
	if (c > 0 && pid1)
		_exit(launch_ns_pid1(c));
	if (c > 0)
		launch_keeper(c);
	if (!pid1)
		launch_keeper_command(a);
	h->depth = 1;
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* Until the parent has written the filter; it kills us if it never will. */
static void wait_for_filter(struct launch_handoff *h)
{
	while (!__atomic_load_n(&h->filter_ready, __ATOMIC_ACQUIRE))
		syscall(SYS_futex, &h->filter_ready, FUTEX_WAIT, 0, NULL, NULL, 0);
}

static _Noreturn void child_main(const struct launch_ns_opts *ns, const sigset_t *old,
				 const char *path, char *const cmd[], struct launch_handoff *h,
				 pid_t parent)
{
	struct policy_bpf filter = { .insns = h->insns, .len = h->len, .notify = h->notify };
	int rc;

	launch_die_with_parent(parent);
	/* Always: with no option at all this still drops every capability. */
	setup_namespaces(ns, old, h, parent);
	wait_for_filter(h);
	filter.len = h->len;
	filter.notify = h->notify;
	rc = policy_bpf_load(&filter);
	if (rc < 0)
		setup_failed(h, "cannot load the seccomp filter", strerror(-rc));
	/* From here on: no syscall until the parent holds the fd. */
	h->fd = filter.notify ? rc : -1;
	__atomic_store_n(&h->state, HAND_READY, __ATOMIC_RELEASE);
	while (h->fd >= 0 && !__atomic_load_n(&h->taken, __ATOMIC_ACQUIRE))
		__builtin_ia32_pause();
	execv(path, cmd);
	fprintf(stderr, "sysgate: cannot run '%s': %s\n", path, strerror(errno));
	_exit(127);
}

/* The first child of p, from /proc (the pid 1 we start has exactly one). */
static pid_t first_child(pid_t p)
{
	char path[64];
	long c = -1;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", p, p);
	FILE *f = fopen(path, "re");
	if (f) {
		if (fscanf(f, "%ld", &c) != 1)
			c = -1;
		fclose(f);
	}
	return (pid_t)c;
}

/* A pidfd for the process that loaded the filter: our child, or its child. */
static int loader_pidfd(pid_t pid, int pidfd, const struct launch_handoff *h)
{
	if (h->depth == 0)
		return dup(pidfd);
	pid_t c = first_child(pid);
	return c > 0 ? (int)syscall(SYS_pidfd_open, c, 0) : -1;
}

/* Wait for the child's handoff; its fd copied into ours, or -1 (no listener). */
static int take_fd(pid_t pid, int pidfd, struct launch_handoff *h, int *nfd, char *err,
		   size_t errlen)
{
	const struct timespec pause = { 0, 100000 };
	int status;

	while (__atomic_load_n(&h->state, __ATOMIC_ACQUIRE) == HAND_WAIT) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return -ESRCH; /* reaped already; it said why on stderr */
		nanosleep(&pause, NULL);
	}
	if (h->state == HAND_FAILED)
		return -ECHILD; /* the child said why on stderr */
	*nfd = -1;
	if (h->fd >= 0) {
		int lfd = loader_pidfd(pid, pidfd, h);
		*nfd = lfd < 0 ? -1 : (int)syscall(SYS_pidfd_getfd, lfd, h->fd, 0);
		if (lfd >= 0)
			close(lfd);
		if (*nfd < 0)
			return launch_ns_err(err, errlen, -errno,
					     "cannot take the notify fd: pidfd_getfd: %s",
					     strerror(errno));
	}
	__atomic_store_n(&h->taken, 1, __ATOMIC_RELEASE);
	return 0;
}

int launch_start(struct launch *l, const struct launch_ns_opts *ns, char *const cmd[],
		 char *err, size_t errlen)
{
	char *path = sg_find_program(cmd[0]);
	pid_t parent = getpid();
	sigset_t old;
	int e;

	if (!path)
		return launch_ns_err(err, errlen, -errno, "cannot run '%s': %s", cmd[0],
				     strerror(errno));
	l->h = mmap(NULL, sizeof(*l->h), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (l->h == MAP_FAILED) {
		e = errno;
		free(path);
		return launch_ns_err(err, errlen, -e, "cannot map shared memory: %s", strerror(e));
	}
	fflush(NULL);
	/* Blocked from before the fork so no signal meant for a pid-1 loop is lost. */
	launch_ns_block_signals(&old);
	l->pid = ns->unshare ? launch_ns_clone(ns, err, errlen) : fork();
	e = errno;
	if (l->pid == 0)
		child_main(ns, &old, path, cmd, l->h, parent);
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(path);
	if (l->pid < 0) {
		munmap(l->h, sizeof(*l->h));
		if (ns->unshare)
			return l->pid; /* err says why */
		return launch_ns_err(err, errlen, -e, "cannot fork: %s", strerror(e));
	}
	return 0;
}

void launch_abort(struct launch *l)
{
	kill(l->pid, SIGKILL);
	while (waitpid(l->pid, NULL, 0) < 0 && errno == EINTR)
		;
	munmap(l->h, sizeof(*l->h));
}

static void give_filter(struct launch_handoff *h, const struct policy_bpf *filter)
{
	memcpy(h->insns, filter->insns, filter->len * sizeof(filter->insns[0]));
	h->len = filter->len;
	h->notify = filter->notify;
	__atomic_store_n(&h->filter_ready, 1, __ATOMIC_RELEASE);
	syscall(SYS_futex, &h->filter_ready, FUTEX_WAKE, 1, NULL, NULL, 0);
}

pid_t launch_finish(struct launch *l, const struct policy_bpf *filter, int *nfd, int *pidfd,
		    char *err, size_t errlen)
{
	int rc;

	if (filter->len > BPF_MAXINSNS) {
		launch_abort(l);
		return launch_ns_err(err, errlen, -E2BIG,
				     "the filter has %u BPF instructions, over the kernel's limit "
				     "of %d; allow fewer syscalls one by one or with fewer "
				     "argument tests",
				     filter->len, BPF_MAXINSNS);
	}
	give_filter(l->h, filter);
	*pidfd = (int)syscall(SYS_pidfd_open, l->pid, 0);
	if (*pidfd < 0)
		rc = launch_ns_err(err, errlen, -errno, "pidfd_open: %s", strerror(errno));
	else
		rc = take_fd(l->pid, *pidfd, l->h, nfd, err, errlen);
	if (rc < 0) {
		if (*pidfd >= 0)
			close(*pidfd);
		if (rc == -ESRCH) { /* no pid left to kill: it may be someone else's now */
			munmap(l->h, sizeof(*l->h));
			return -ECHILD;
		}
		launch_abort(l);
		return rc;
	}
	munmap(l->h, sizeof(*l->h));
	return l->pid;
}

pid_t launch_spawn(const struct policy_bpf *filter, char *const cmd[], int *nfd, int *pidfd,
		   char *err, size_t errlen)
{
	struct launch_ns_opts ns;
	struct launch l;
	pid_t pid;

	launch_ns_opts_init(&ns);
	ns.caps_untouched = true;
	pid = launch_start(&l, &ns, cmd, err, errlen);
	if (pid == 0)
		pid = launch_finish(&l, filter, nfd, pidfd, err, errlen);
	launch_ns_opts_free(&ns);
	return pid;
}
