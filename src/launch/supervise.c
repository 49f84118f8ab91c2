/* The supervisor loop: answers a filter's notifications until the command ends.
 * Children of the command inherit the filter; their notifications come through
 * the same fd. */
#include <errno.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "launch/launch.h"

static void serve_one(int nfd, launch_notif_fn fn, void *ctx, struct seccomp_notif *req,
		      struct seccomp_notif_resp *resp)
{
	/* The kernel refuses a request buffer that is not zeroed; at least this size
	 * (seccomp_notify_alloc sizes it by the kernel's, never smaller). */
	memset(req, 0, sizeof(*req));
	/* -ENOENT: the process died while we were woken; nothing to answer. */
	if (seccomp_notify_receive(nfd, req) != 0)
		return;
	if (fn(req, resp, nfd, ctx) != 0)
		return;
	/* -ENOENT: the process died meanwhile (or a signal ended its wait), nothing
	 * to do. Any other failure would leave it waiting for an answer that never
	 * comes: it is killed rather than left hanging. */
	int rc = seccomp_notify_respond(nfd, resp);
	if (rc < 0 && rc != -ENOENT)
		kill((pid_t)req->pid, SIGKILL);
}

int launch_supervise(pid_t pid, int pidfd, int nfd, launch_notif_fn fn, void *ctx)
{
	struct pollfd pf[2] = { { .fd = pidfd, .events = POLLIN }, { .fd = nfd, .events = POLLIN } };
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	int status, rc;

	/* Once for the whole run, not per notification: this loop is the hot path. */
	rc = seccomp_notify_alloc(&req, &resp);
	if (rc < 0)
		return rc;
	for (;;) {
		int n = poll(pf, nfd >= 0 ? 2 : 1, -1);
		if (n < 0 && errno != EINTR)
			break;
		if (n > 0 && nfd >= 0 && (pf[1].revents & POLLIN))
			serve_one(nfd, fn, ctx, req, resp);
		else if (n > 0 && (pf[1].revents & (POLLHUP | POLLERR)))
			pf[1].fd = -1; /* every filtered process is gone */
		if (n > 0 && (pf[0].revents & POLLIN))
			break;
	}
	seccomp_notify_free(req, resp);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return status;
}
