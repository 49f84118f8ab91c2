/* Rungs of the "intercept" group: the null syscall (getppid via the syscall
 * instruction, as in the "syscall" rung) stopped by another party that lets it
 * go on: a ptrace tracer, a seccomp user-notification supervisor, or a SIGSYS
 * handler in the process itself. The time is always taken in the process that
 * makes the call, with the TSC, so it includes the whole round trip.
 *
 * Crossings count kernel entries per call, summed over every party involved,
 * from counters kept while the rung runs (the interceptor counts the stops or
 * notifications it saw, the caller counts its calls):
 *   ptrace   1 (the call) + 2 per syscall stop (the tracer's wait4 returning
 *            and its ptrace(PTRACE_SYSCALL)); PTRACE_SYSCALL gives 2 stops per
 *            call, entry and exit, so 5. Each stop is also 2 context switches.
 *   notify   1 + 2 per notification (the supervisor's RECV ioctl returning and
 *            its SEND ioctl): 3, and 2 context switches on one CPU.
 *   sigsys   1 + 1 per trap (rt_sigreturn after the handler): 2.
 * Every rung runs in a throw-away child (bench_in_child): filters cannot be
 * removed, and a tracer should not be sysgate itself. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "bench_int.h"
#include "launch/launch.h"

/* arg is an unsigned long that counts the calls made. */
static void batch_getppid(void *arg, unsigned long n)
{
	unsigned long *calls = arg;

	for (unsigned long i = 0; i < n; i++)
		bench_raw_syscall2(SYS_getppid, 0, 0);
	*calls += n;
}

static int need_other_cpu(const struct bench_cfg *cfg, struct bench_result *r)
{
	if (cfg->other_cpu >= 0)
		return 0;
	snprintf(r->note, sizeof(r->note), "needs a second CPU");
	return BENCH_SKIP;
}

/* ---- ptrace ---- */

/* What the tracee sends its tracer when it is done. */
struct tracee_reply {
	int rc;
	unsigned long calls;
	struct bench_result r;
};

static void kill_and_reap(pid_t pid)
{
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, __WALL) < 0 && errno == EINTR)
		;
}

/* The tracee: stop so the tracer can set options, then measure and report. */
static __attribute__((noreturn)) void tracee(const struct bench_cfg *cfg, pid_t tracer, int wfd)
{
	struct tracee_reply reply;

	launch_die_with_parent(tracer);
	memset(&reply, 0, sizeof(reply));
	reply.rc = bench_pin(cfg->cpu);
	if (reply.rc == 0 && ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
		reply.rc = -errno;
	if (reply.rc == 0) {
		raise(SIGSTOP);
		bench_measure(cfg, batch_getppid, &reply.calls, &reply.r);
	}
	ssize_t n = write(wfd, &reply, sizeof(reply));
	_exit(n == (ssize_t)sizeof(reply) ? 0 : 1);
}

/* The tracer: resume the tracee at every syscall stop and count the stops. */
static int trace_loop(pid_t pid, unsigned long *stops)
{
	int st;

	*stops = 0;
	if (waitpid(pid, &st, __WALL) < 0)
		return -errno;
	if (!WIFSTOPPED(st)) /* TRACEME failed: the tracee reports why */
		return WIFEXITED(st) ? 0 : -EIO;
	if (ptrace(PTRACE_SETOPTIONS, pid, NULL,
		   (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)) < 0)
		return -errno;
	if (ptrace(PTRACE_SYSCALL, pid, NULL, NULL) < 0)
		return -errno;
	for (;;) {
		if (waitpid(pid, &st, __WALL) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (WIFEXITED(st))
			return WEXITSTATUS(st) == 0 ? 0 : -EIO;
		if (WIFSIGNALED(st))
			return -EIO;
		if (!WIFSTOPPED(st))
			continue;
		long sig = 0;
		if (WSTOPSIG(st) == (SIGTRAP | 0x80))
			(*stops)++;
		else
			sig = WSTOPSIG(st); /* a signal for the tracee: deliver it */
		if (ptrace(PTRACE_SYSCALL, pid, NULL, (void *)sig) < 0)
			return -errno;
	}
}

static int ptrace_body(const struct bench_cfg *cfg, struct bench_result *r, int tracer_cpu)
{
	int fds[2], rc;
	struct tracee_reply reply;
	unsigned long stops;

	if ((rc = bench_pin(tracer_cpu)) < 0)
		return rc;
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	pid_t me = getpid(), pid = fork();
	if (pid < 0) {
		rc = -errno;
		close(fds[0]);
		close(fds[1]);
		return rc;
	}
	if (pid == 0) {
		close(fds[0]);
		tracee(cfg, me, fds[1]);
	}
	close(fds[1]);
	rc = trace_loop(pid, &stops);
	if (rc < 0) {
		kill_and_reap(pid); /* EXITKILL and PDEATHSIG back this up */
		close(fds[0]);
		return rc;
	}
	/* The tracee has exited (trace_loop reaped it): its reply is in the pipe. */
	ssize_t n = read(fds[0], &reply, sizeof(reply));
	close(fds[0]);
	if (n != (ssize_t)sizeof(reply))
		return -EIO;
	if (reply.rc != 0) {
		snprintf(r->note, sizeof(r->note), "tracee: %s", strerror(-reply.rc));
		return reply.rc;
	}
	*r = reply.r;
	double per_call = reply.calls ? (double)stops / (double)reply.calls : 0;
	r->crossings = 1 + 2 * per_call;
	snprintf(r->note, sizeof(r->note), "PTRACE_SYSCALL: %.2f stops/call; tracer on CPU %d",
		 per_call, tracer_cpu);
	return 0;
}

static int ptrace_same_body(const struct bench_cfg *cfg, struct bench_result *r)
{
	return ptrace_body(cfg, r, cfg->cpu);
}

static int ptrace_cross_body(const struct bench_cfg *cfg, struct bench_result *r)
{
	return ptrace_body(cfg, r, cfg->other_cpu);
}

static int run_ptrace_same(const struct bench_cfg *cfg, struct bench_result *r)
{
	return bench_in_child(cfg, r, ptrace_same_body);
}

static int run_ptrace_cross(const struct bench_cfg *cfg, struct bench_result *r)
{
	int rc = need_other_cpu(cfg, r);

	return rc ? rc : bench_in_child(cfg, r, ptrace_cross_body);
}

/* ---- seccomp user notification ----
 *
 * The filter "getppid -> SECCOMP_RET_USER_NOTIF, anything else allowed" must be
 * loaded by the measured thread, and the supervisor must not be under it (its
 * own calls would be notified to itself). Two designs, both used:
 *
 * Process (notify-same, notify-cross; what container supervisors do): the
 * measured process forks the supervisor BEFORE loading the filter, so the
 * supervisor is unfiltered, then sends it the listener fd with SCM_RIGHTS over
 * a socketpair and closes its own copy. Every notification is then a switch
 * between two address spaces, as with ptrace.
 *
 * Thread (notify-thread-same): the supervisor thread is started first and the
 * measuring thread then loads the filter without SECCOMP_FILTER_FLAG_TSYNC; a
 * filter belongs to the thread that loads it (and what it forks later), so the
 * supervisor thread stays unfiltered. The switch stays in one address space.
 *
 * The measuring thread stops the supervisor with one last getppid whose arg0 is
 * STOP_ARG; the supervisor answers it, closes the listener (an unanswered call
 * would then fail with ENOSYS rather than hang) and reports its count. Any
 * failure in the supervisor also closes the listener, so the caller never
 * waits forever; the process supervisor dies with its parent (PDEATHSIG). */

#define STOP_ARG 0x5359534741544521L /* arbitrary, only this getppid stops the loop */

/* Answer CONTINUE to every notification on fd until the stop call; count the
 * others. Closes fd. 0 or -errno. */
static int supervise_loop(int fd, unsigned long *notifs)
{
	struct seccomp_notif *req = NULL;
	struct seccomp_notif_resp *resp = NULL;
	int err = 0;

	*notifs = 0;
	if (seccomp_notify_alloc(&req, &resp) < 0)
		err = -ENOMEM;
	while (err == 0) {
		/* The kernel insists on a zeroed request buffer. */
		memset(req, 0, sizeof(*req));
		int rc = seccomp_notify_receive(fd, req);
		if (rc == -EINTR)
			continue;
		if (rc < 0) {
			err = rc;
			break;
		}
		memset(resp, 0, sizeof(*resp));
		resp->id = req->id;
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		rc = seccomp_notify_respond(fd, resp);
		if (rc < 0 && rc != -ENOENT) { /* ENOENT: the caller went away */
			err = rc;
			break;
		}
		if ((long)req->data.args[0] == STOP_ARG)
			break;
		(*notifs)++;
	}
	if (req)
		seccomp_notify_free(req, resp);
	close(fd);
	return err;
}

struct sup_report {
	int err; /* 0 or -errno */
	unsigned long notifs;
};

/* Load the filter in the calling thread. The listener fd, or -errno. */
static int load_notify_filter(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int rc;

	if (!ctx)
		return -ENOMEM;
	if ((rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 1)) == 0 &&
	    (rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 0)) == 0 &&
	    (rc = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, SYS_getppid, 0)) == 0 &&
	    (rc = seccomp_load(ctx)) == 0)
		rc = seccomp_notify_fd(ctx);
	seccomp_release(ctx);
	return rc;
}

/* -- the thread supervisor -- */

struct sup_thread {
	int cpu;
	int pipe_rd; /* the listener fd arrives here; -1 means "give up" */
	struct sup_report rep;
};

static void *sup_thread_main(void *arg)
{
	struct sup_thread *s = arg;
	int fd = -1;

	if (read(s->pipe_rd, &fd, sizeof(fd)) != (ssize_t)sizeof(fd) || fd < 0)
		return NULL;
	s->rep.err = bench_pin(s->cpu);
	if (s->rep.err == 0)
		s->rep.err = supervise_loop(fd, &s->rep.notifs);
	else
		close(fd);
	return NULL;
}

/* Start the supervisor thread, load the filter, measure. *fd_out gets the
 * listener fd or -errno from the load (untouched if it was not tried). */
static int notify_with_thread(const struct bench_cfg *cfg, struct bench_result *r, int sup_cpu,
			      unsigned long *calls, struct sup_report *rep, int *fd_out)
{
	struct sup_thread s = { .cpu = sup_cpu, .pipe_rd = -1 };
	int fds[2], rc;
	pthread_t thr;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	s.pipe_rd = fds[0];
	if ((rc = pthread_create(&thr, NULL, sup_thread_main, &s)) != 0) {
		close(fds[0]);
		close(fds[1]);
		return -rc;
	}
	int fd = load_notify_filter(); /* from here on this thread is filtered */
	ssize_t n = write(fds[1], &fd, sizeof(fd));
	if (fd >= 0 && n == (ssize_t)sizeof(fd)) {
		bench_measure(cfg, batch_getppid, calls, r);
		bench_raw_syscall2(SYS_getppid, STOP_ARG, 0);
	}
	pthread_join(thr, NULL);
	close(fds[0]);
	close(fds[1]);
	*fd_out = fd;
	*rep = s.rep;
	if (fd >= 0 && n != (ssize_t)sizeof(fd))
		return -EIO;
	return 0;
}

/* -- the process supervisor -- */

static int send_fd(int sock, int fd)
{
	char byte = fd >= 0 ? 'F' : '-', cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

	memset(cbuf, 0, sizeof(cbuf));
	if (fd >= 0) {
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	return sendmsg(sock, &msg, MSG_NOSIGNAL) == 1 ? 0 : -EIO;
}

/* The fd sent by send_fd, or -1. */
static int recv_fd(int sock)
{
	char byte, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	int fd = -1;

	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) != 1 || byte != 'F')
		return -1;
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

static __attribute__((noreturn)) void sup_process_main(int sock, pid_t parent, int cpu)
{
	struct sup_report rep = { 0 };

	launch_die_with_parent(parent);
	int fd = recv_fd(sock);
	if (fd < 0)
		_exit(0); /* the filter did not load: nothing to supervise */
	rep.err = bench_pin(cpu);
	if (rep.err == 0)
		rep.err = supervise_loop(fd, &rep.notifs);
	else
		close(fd);
	ssize_t n = write(sock, &rep, sizeof(rep));
	_exit(n == (ssize_t)sizeof(rep) ? 0 : 1);
}

/* Fork the supervisor, load the filter, send it the listener, measure, collect
 * its report. *fd_out gets the listener fd or -errno from the load. */
static int notify_with_process(const struct bench_cfg *cfg, struct bench_result *r,
			       int sup_cpu, unsigned long *calls, struct sup_report *rep,
			       int *fd_out)
{
	int sv[2], rc = 0;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	pid_t me = getpid(), pid = fork();
	if (pid < 0) {
		rc = -errno;
		close(sv[0]);
		close(sv[1]);
		return rc;
	}
	if (pid == 0) {
		close(sv[0]);
		sup_process_main(sv[1], me, sup_cpu);
	}
	close(sv[1]);
	int fd = load_notify_filter(); /* the supervisor, forked before, is unfiltered */
	*fd_out = fd;
	rc = send_fd(sv[0], fd);
	if (fd >= 0)
		close(fd); /* the supervisor holds the listener now */
	if (fd >= 0 && rc == 0) {
		bench_measure(cfg, batch_getppid, calls, r);
		bench_raw_syscall2(SYS_getppid, STOP_ARG, 0);
		struct pollfd p = { .fd = sv[0], .events = POLLIN };
		if (poll(&p, 1, 10000) != 1 || read(sv[0], rep, sizeof(*rep)) != sizeof(*rep))
			rc = -EIO;
	}
	close(sv[0]);
	if (rc < 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return rc;
}

static int notify_body(const struct bench_cfg *cfg, struct bench_result *r, int sup_cpu,
		       bool thread)
{
	struct sup_report rep = { 0 };
	unsigned long calls = 0;
	int rc, fd = 0; /* the helpers set it once they tried to load the filter */

	if ((rc = bench_pin(cfg->cpu)) < 0)
		return rc;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	rc = thread ? notify_with_thread(cfg, r, sup_cpu, &calls, &rep, &fd)
		    : notify_with_process(cfg, r, sup_cpu, &calls, &rep, &fd);
	if (fd < 0) {
		snprintf(r->note, sizeof(r->note), "no seccomp user notification: %s",
			 strerror(-fd));
		return fd == -ENOSYS || fd == -EINVAL || fd == -EBUSY || fd == -EOPNOTSUPP
			       ? BENCH_SKIP
			       : fd;
	}
	if (rc < 0)
		return rc;
	if (rep.err < 0) {
		snprintf(r->note, sizeof(r->note), "supervisor: %s", strerror(-rep.err));
		return rep.err;
	}
	double per_call = calls ? (double)rep.notifs / (double)calls : 0;
	r->crossings = 1 + 2 * per_call;
	snprintf(r->note, sizeof(r->note), "supervisor %s on CPU %d; CONTINUE; %.2f notifs/call",
		 thread ? "thread" : "process", sup_cpu, per_call);
	return 0;
}

static int notify_same_body(const struct bench_cfg *cfg, struct bench_result *r)
{
	return notify_body(cfg, r, cfg->cpu, false);
}

static int notify_cross_body(const struct bench_cfg *cfg, struct bench_result *r)
{
	return notify_body(cfg, r, cfg->other_cpu, false);
}

static int notify_thread_same_body(const struct bench_cfg *cfg, struct bench_result *r)
{
	return notify_body(cfg, r, cfg->cpu, true);
}

static int run_notify_same(const struct bench_cfg *cfg, struct bench_result *r)
{
	return bench_in_child(cfg, r, notify_same_body);
}

static int run_notify_cross(const struct bench_cfg *cfg, struct bench_result *r)
{
	int rc = need_other_cpu(cfg, r);

	return rc ? rc : bench_in_child(cfg, r, notify_cross_body);
}

static int run_notify_thread_same(const struct bench_cfg *cfg, struct bench_result *r)
{
	return bench_in_child(cfg, r, notify_thread_same_body);
}

/* ---- SIGSYS: SECCOMP_RET_TRAP and a handler that emulates the call ---- */

static long cached_ppid;
static volatile unsigned long traps;

static void on_sigsys(int sig, siginfo_t *si, void *uc_arg)
{
	ucontext_t *uc = uc_arg;

	(void)sig;
	if (si->si_syscall != SYS_getppid)
		return;
	/* The syscall's result register: the call returns what the kernel would. */
	uc->uc_mcontext.gregs[REG_RAX] = cached_ppid;
	traps = traps + 1;
}

static int sigsys_body(const struct bench_cfg *cfg, struct bench_result *r)
{
	struct sigaction sa;
	unsigned long calls = 0;
	int rc;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) < 0)
		return -errno;
	cached_ppid = getppid();
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx)
		return -ENOMEM;
	if ((rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 1)) == 0 &&
	    (rc = seccomp_rule_add(ctx, SCMP_ACT_TRAP, SYS_getppid, 0)) == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc < 0)
		return rc;
	/* The emulated call must give the real answer, through the handler. */
	if (bench_raw_syscall2(SYS_getppid, 0, 0) != cached_ppid || traps != 1) {
		snprintf(r->note, sizeof(r->note), "SIGSYS handler did not emulate getppid");
		return -EIO;
	}
	traps = 0;
	bench_measure(cfg, batch_getppid, &calls, r);
	double per_call = calls ? (double)traps / (double)calls : 0;
	r->crossings = 1 + per_call;
	snprintf(r->note, sizeof(r->note), "RET_TRAP, handler sets RAX; %.2f traps/call",
		 per_call);
	return 0;
}

static int run_sigsys(const struct bench_cfg *cfg, struct bench_result *r)
{
	return bench_in_child(cfg, r, sigsys_body);
}

const struct bench_rung bench_rungs_intercept[] = {
	{ "ptrace-same", "intercept", "null syscall under ptrace, same CPU", run_ptrace_same },
	{ "ptrace-cross", "intercept", "null syscall under ptrace, tracer other CPU",
	  run_ptrace_cross },
	{ "notify-same", "intercept", "null syscall, seccomp notify, same CPU", run_notify_same },
	{ "notify-cross", "intercept", "null syscall, seccomp notify, other CPU",
	  run_notify_cross },
	{ "notify-thread-same", "intercept", "null syscall, notify to a thread, same CPU",
	  run_notify_thread_same },
	{ "sigsys-trap", "intercept", "null syscall emulated in a SIGSYS handler", run_sigsys },
	{ NULL, NULL, NULL, NULL },
};
