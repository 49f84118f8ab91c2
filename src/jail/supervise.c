/* The supervisor: answers the filter's notifications until the command ends.
 * Children of the command inherit the filter; their notifications come through the
 * same fd. */
#include <errno.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>

#include "core/util.h"
#include "jail_int.h"

/* Decide, report and fill the response for one notification. */
struct jail_ctx {
	const struct policy *p;
	struct jail_report *r;
};

static int answer(const struct seccomp_notif *req, struct seccomp_notif_resp *resp, int nfd,
		  void *ctx)
{
	const struct policy *p = ((struct jail_ctx *)ctx)->p;
	struct jail_report *r = ((struct jail_ctx *)ctx)->r;
	uint64_t args[6];

	for (int i = 0; i < 6; i++)
		args[i] = req->data.args[i]; /* __u64 is unsigned long long */
	struct policy_action a = policy_decide(p, req->data.nr, args);

	/* The report reads the process's memory: only trust it while the request is live. */
	if (seccomp_notify_id_valid(nfd, req->id) == 0)
		jail_report_call(r, req->pid, req->data.nr, args, p);
	resp->id = req->id;
	resp->val = 0;
	resp->error = 0;
	resp->flags = 0;
	switch (a.act) {
	case POLICY_ERRNO:
		resp->error = -a.err;
		break;
	case POLICY_ALLOW: /* a kernel filter racing the policy; never happens */
	case POLICY_LOG:
		/* Safe: the decision rests on registers only, not on pointed-to memory. */
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		break;
	case POLICY_KILL_PROCESS:
	case POLICY_KILL_THREAD:
	case POLICY_TRAP:
		kill((pid_t)req->pid, SIGKILL);
		resp->error = -EPERM;
		break;
	case POLICY_NOTIFY:
		resp->error = -EPERM; /* no one else to ask: fail closed */
		break;
	}
	return 0;
}

static void serve_one(int nfd, jail_notif_fn fn, void *ctx, struct seccomp_notif *req,
		      struct seccomp_notif_resp *resp)
{
	/* The kernel refuses a request buffer that is not zeroed; at least this size
	 * (seccomp_notify_alloc sizes it by the kernel's, never smaller). */
	memset(req, 0, sizeof(*req));
	/* -ENOENT: the process died while we were woken; nothing to answer. */
	if (seccomp_notify_receive(nfd, req) == 0) {
		if (fn(req, resp, nfd, ctx) == 0)
			seccomp_notify_respond(nfd, resp);
	}
}

int jail_supervise_with(pid_t pid, int pidfd, int nfd, jail_notif_fn fn, void *ctx)
{
	struct pollfd pf[2] = { { .fd = pidfd, .events = POLLIN }, { .fd = nfd, .events = POLLIN } };
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	int status;

	/* Once for the whole run, not per notification: this loop is the hot path. */
	if (seccomp_notify_alloc(&req, &resp) < 0)
		sg_die("cannot allocate a notification");

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
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			sg_die("cannot wait for the command: %s", strerror(errno));
	seccomp_notify_free(req, resp);
	return status;
}

int jail_supervise(pid_t pid, int pidfd, int nfd, const struct policy *p,
		   struct jail_report *r)
{
	struct jail_ctx ctx = { p, r };

	return jail_supervise_with(pid, pidfd, nfd, answer, &ctx);
}
