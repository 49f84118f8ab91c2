/*
 * Pid 1 of the jail's pid namespace, or without one the keeper between sysgate and
 * the command (launch.h): reap every process that ends up ours and
 * pass termination signals on to the program (not a terminal's own, which the
 * program, in the same process group, got already). The kernel does not deliver a
 * signal to pid 1 that has no handler, so the signals are taken synchronously
 * with sigwaitinfo() from a blocked set instead.
 */
#include "launch/ns.h"

#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launch/launch.h"
#include "launch_int.h"

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

/* Until child ends (its code), a wait fails (-errno), or deathsig comes (-EPIPE). */
static int pid1_loop(pid_t child, int deathsig)
{
	sigset_t set, old;
	siginfo_t info;
	int code = -1, ret = 0;

	pid1_set(&set);
	if (deathsig)
		sigaddset(&set, deathsig);
	sigprocmask(SIG_BLOCK, &set, &old);
	while (!ret && code < 0) {
		ret = reap(child, &code);
		if (ret || code >= 0)
			break;
		int sig = sigwaitinfo(&set, &info);

		if (sig < 0 && errno != EINTR)
			ret = -errno;
		else if (sig > 0 && sig == deathsig)
			ret = -EPIPE;
		else if (sig > 0 && sig != SIGCHLD && info.si_code != SI_KERNEL)
			kill(child, sig); /* a terminal's signal reached the child already */
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ret ? ret : code;
}

int launch_ns_pid1(pid_t child)
{
	return pid1_loop(child, 0);
}

/* The keeper's parent-death signal: one nobody else sends. */
static int keeper_deathsig(void)
{
	return SIGRTMIN + 3;
}

/* sysgate, the keeper's parent: when getppid() no longer says so, it is gone. */
static pid_t keeper_parent;

void launch_keeper_prepare(pid_t parent)
{
	sigset_t set;

	keeper_parent = parent;
	sigemptyset(&set);
	sigaddset(&set, keeper_deathsig());
	sigprocmask(SIG_BLOCK, &set, NULL);
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	prctl(PR_SET_PDEATHSIG, keeper_deathsig(), 0, 0, 0);
	if (getppid() != parent) /* sysgate died before the line above */
		kill(getpid(), keeper_deathsig());
}

void launch_keeper_command(pid_t keeper)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, keeper_deathsig());
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	launch_die_with_parent(keeper);
}

/* Die as the child died, so that sysgate sees the same status (a SIGSYS death is
 * reported as such). No core file: the child's was its own to write. */
static _Noreturn void end_like(int code)
{
	int sig = code > 128 ? code - 128 : 0;
	struct rlimit none = { 0, 0 };
	sigset_t set;

	if (sig > 0 && sig < 65 && sig != SIGKILL && sig != SIGSTOP) {
		setrlimit(RLIMIT_CORE, &none);
		signal(sig, SIG_DFL);
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		kill(getpid(), sig);
	}
	if (sig == SIGKILL)
		kill(getpid(), SIGKILL);
	_exit(code & 0xff);
}

_Noreturn void launch_keeper(pid_t child)
{
	int code = pid1_loop(child, keeper_deathsig());

	/* The command may end of sysgate's death too (ptrace's EXITKILL) and be reaped
	 * before the signal is seen: whatever ended the loop, a gone sysgate counts. */
	if (code == -EPIPE || getppid() != keeper_parent) {
		/* sysgate is gone: kill everything below, which is all ours (subreaper),
		 * until a pass finds nothing, then go the same way. */
		for (int pass = 0; pass < 16 && launch_kill_children_of(getpid()) > 0; pass++)
			while (waitpid(-1, NULL, WNOHANG | __WALL) > 0)
				;
		kill(getpid(), SIGKILL);
	}
	end_like(code < 0 ? 126 : code);
}
