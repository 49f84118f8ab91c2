/* Signals sent to sysgate reach the command: SIGTERM, SIGINT, SIGHUP and SIGQUIT
 * are passed on to it, and sysgate goes on supervising until the command ends,
 * then exits with its status (as bubblewrap and timeout(1) do). A terminal sends
 * its SIGINT, SIGQUIT and SIGHUP to the whole foreground process group, the
 * command included; such a signal (from the kernel, SI_KERNEL) is not sent a
 * second time. */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <unistd.h>

#include "launch/launch.h"

static const int passed_on[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT };
static volatile sig_atomic_t target, last, owner;

static void on_signal(int sig, siginfo_t *si, void *uctx)
{
	(void)uctx;
	/* A child between fork and exec still has this handler: there the signal
	 * means what it means to the command, so take it the default way. */
	if (owner && getpid() != owner) {
		signal(sig, SIG_DFL);
		kill(getpid(), sig); /* delivered once the handler returns */
		return;
	}
	last = sig;
	if (target > 0 && si->si_code != SI_KERNEL)
		kill((pid_t)target, sig);
}

int launch_forward_signals(pid_t pid)
{
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO | SA_RESTART };

	owner = getpid();
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(passed_on) / sizeof(passed_on[0]); i++)
		if (sigaction(passed_on[i], &sa, NULL) < 0)
			return -errno;
	/* Called with 0 before the command exists, then with its pid: a signal that
	 * came in between is passed on now. */
	if (target <= 0 && pid > 0 && last)
		kill(pid, last);
	target = pid;
	return 0;
}

int launch_forwarded_signal(void)
{
	return last;
}
