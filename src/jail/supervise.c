/* The jail's answer to each notification: decide by the policy, report, respond.
 * The loop that receives them is the launcher's (launch/supervise.c). */
#include <errno.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>

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

int jail_supervise(pid_t pid, int pidfd, int nfd, const struct policy *p,
		   struct jail_report *r)
{
	struct jail_ctx ctx = { p, r };

	return launch_supervise(pid, pidfd, nfd, answer, &ctx);
}
