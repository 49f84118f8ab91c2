/* The supervisor loop: answers a filter's notifications until the command ends.
 * Children of the command inherit the filter; their notifications come through
 * the same fd. */
#include <errno.h>
#include <sched.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "launch/launch.h"
#include "launch_int.h"

/* Linux 6.6; Debian 12's headers predate it. */
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

/* The answer, sent with the ioctl itself: libseccomp turns every failure into
 * -ECANCELED, and only the errno tells a process that died, or whose wait a
 * signal ended (ENOENT: the kernel restarts its call), from a failure that would
 * leave the process waiting for an answer that never comes; that one is killed. */
void launch_respond(int nfd, const struct seccomp_notif *req, struct seccomp_notif_resp *resp)
{
	if (ioctl(nfd, SECCOMP_IOCTL_NOTIF_SEND, resp) == 0 || errno == ENOENT)
		return;
	if (req->pid > 0 && seccomp_notify_id_valid(nfd, req->id) == 0)
		kill((pid_t)req->pid, SIGKILL);
}

static void serve_one(int nfd, launch_notif_fn fn, void *ctx, struct seccomp_notif *req,
		      struct seccomp_notif_resp *resp)
{
	/* The kernel refuses a request buffer that is not zeroed; at least this size
	 * (seccomp_notify_alloc sizes it by the kernel's, never smaller). */
	memset(req, 0, sizeof(*req));
	/* -ENOENT: the process died while we were woken; nothing to answer. */
	if (seccomp_notify_receive(nfd, req) != 0)
		return;
	if (fn(req, resp, nfd, ctx) == 0)
		launch_respond(nfd, req, resp);
}

/* ppoll's timeout from side's, NULL for none. */
static struct timespec *side_timeout(const struct launch_side *side, struct timespec *ts)
{
	if (!side || side->timeout_ms < 0)
		return NULL;
	ts->tv_sec = side->timeout_ms / 1000;
	ts->tv_nsec = (long)(side->timeout_ms % 1000) * 1000000L;
	return ts;
}

/* The loop of serve(): signals are let in only while ppoll waits (mask waiting). */
static int serve_until_end(struct pollfd pf[3], int nfd, launch_notif_fn fn, void *ctx,
			   struct seccomp_notif *req, struct seccomp_notif_resp *resp,
			   const sigset_t *waiting, struct launch_side *side)
{
	struct timespec ts;

	for (;;) {
		pf[2].fd = side ? side->fd : -1;
		int n = ppoll(pf, 3, side_timeout(side, &ts), waiting);
		if (n < 0 && errno != EINTR)
			return -errno;
		if (side && side->tick && (n == 0 || (n > 0 && (pf[2].revents & POLLIN))))
			side->tick(ctx);
		if (n > 0 && nfd >= 0 && (pf[1].revents & POLLIN))
			serve_one(nfd, fn, ctx, req, resp);
		else if (n > 0 && (pf[1].revents & (POLLHUP | POLLERR)))
			pf[1].fd = -1; /* every filtered process is gone */
		if (n > 0 && (pf[0].revents & POLLIN))
			return 0;
	}
}

/* Until the command ends; 0, or -errno when poll itself fails.
 *
 * sysgate's own signals (passed on to the command, --timeout's) are taken only
 * while it waits in ppoll, never while it answers: a handler run in the middle of
 * an answer cuts its ioctl short. SECCOMP_IOCTL_NOTIF_SEND then fails with EINTR
 * (and the process is killed as unanswerable), and an ADDFD with
 * SECCOMP_ADDFD_FLAG_SEND interrupted after the kernel took it as the reply
 * completes the process's call with 0 and no fd placed: an open "returns" fd 0,
 * and a dynamic loader reading its libc there exits 127. Threads started while
 * answering (taint's blocking opens) inherit the mask, so none is cut short. */
static int serve(int pidfd, int nfd, launch_notif_fn fn, void *ctx, struct seccomp_notif *req,
		 struct seccomp_notif_resp *resp, struct launch_side *side)
{
	struct pollfd pf[3] = { { .fd = pidfd, .events = POLLIN },
				{ .fd = nfd, .events = POLLIN },
				{ .fd = -1, .events = POLLIN } };
	sigset_t handled, waiting;

	launch_handled_signals(&handled);
	sigprocmask(SIG_BLOCK, &handled, &waiting);
	int rc = serve_until_end(pf, nfd, fn, ctx, req, resp, &waiting, side);
	sigprocmask(SIG_SETMASK, &waiting, NULL);
	return rc;
}

int launch_supervise(pid_t pid, int pidfd, int nfd, launch_notif_fn fn, void *ctx)
{
	return launch_supervise_side(pid, pidfd, nfd, fn, ctx, NULL);
}

int launch_supervise_side(pid_t pid, int pidfd, int nfd, launch_notif_fn fn, void *ctx,
			  struct launch_side *side)
{
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	int status, rc;

	/* A call waiting for us can still be cut short by a signal until we have
	 * received it (the kernel then fails it with EINTR where the program's handler
	 * lacks SA_RESTART: a shell's fork says "Cannot fork"). A supervisor that
	 * preempts the busy work around it shrinks that window to a wakeup. Best
	 * effort: without the privilege the priority stays. */
	bool raised = setpriority(PRIO_PROCESS, 0, -20) == 0;
	/* The process waits for each answer, so the kernel may run us on its CPU and
	 * it on ours when we answer, instead of a wakeup across CPUs each way (tens of
	 * microseconds on these machines). Best effort: older kernels refuse it. */
	bool local = ioctl(nfd, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
			   SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP) == 0;
	/* An answer that places an fd waits until the process has installed it:
	 * woken then, we would preempt the process for the little left to do, two
	 * context switches per answer (-9% time on a copy of 9,000 opens, pinned). A
	 * batch task waits for the next switch instead, usually the process's next
	 * notification. Only with nice -20's weight, which puts us first at that
	 * switch, and with wakeups on the notifying CPU, where that switch is the
	 * process going to sleep: otherwise a busy CPU could hold a notification for
	 * a time slice, and a signal in that window cuts the call short. */
	if (raised && local && side && side->places_fds)
		(void)sched_setscheduler(0, SCHED_BATCH, &(struct sched_param){ 0 });
	/* Once for the whole run, not per notification: this loop is the hot path. */
	rc = seccomp_notify_alloc(&req, &resp);
	if (rc == 0) {
		rc = serve(pidfd, nfd, fn, ctx, req, resp, side);
		seccomp_notify_free(req, resp);
	}
	/* Without a supervisor the command could wait forever: end it, then reap. */
	if (rc < 0)
		launch_kill_tree(pid);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return rc < 0 ? rc : status;
}
