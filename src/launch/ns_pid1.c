/*
 * Pid 1 of the jail's pid namespace: reap every process that ends up ours and
 * pass termination signals on to the program (not a terminal's own, which the
 * program, in the same process group, got already). The kernel does not deliver a
 * signal to pid 1 that has no handler, so the signals are taken synchronously
 * with sigwaitinfo() from a blocked set instead.
 */
#include "launch/ns.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>

static const int forwarded[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGCONT };

static void pid1_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	for (size_t i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaddset(set, forwarded[i]);
}

void launch_ns_block_signals(sigset_t *old)
{
	sigset_t set;

	pid1_set(&set);
	sigprocmask(SIG_BLOCK, &set, old);
}

static int status_code(int status)
{
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Reap every child that has ended; child's code goes to *code once it has. */
static int reap(pid_t child, int *code)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		if (pid == child && (WIFEXITED(status) || WIFSIGNALED(status)))
			*code = status_code(status);
	if (pid < 0 && (errno != ECHILD || *code < 0))
		return -errno; /* ECHILD before child ended: it was never ours */
	return 0;
}

int launch_ns_pid1(pid_t child)
{
	sigset_t set, old;
	siginfo_t info;
	int code = -1, ret = 0;

	pid1_set(&set);
	sigprocmask(SIG_BLOCK, &set, &old);
	while (!ret && code < 0) {
		ret = reap(child, &code);
		if (ret || code >= 0)
			break;
		int sig = sigwaitinfo(&set, &info);

		if (sig < 0 && errno != EINTR)
			ret = -errno;
		else if (sig > 0 && sig != SIGCHLD && info.si_code != SI_KERNEL)
			kill(child, sig); /* a terminal's signal reached the child already */
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ret ? ret : code;
}
