/* Signals sent to sysgate reach the command: SIGTERM, SIGINT, SIGHUP and SIGQUIT
 * are passed on to it, and sysgate goes on supervising until the command ends,
 * then exits with its status (as bubblewrap and timeout(1) do). A terminal sends
 * its SIGINT, SIGQUIT and SIGHUP to the whole foreground process group, the
 * command included; such a signal (from the kernel, SI_KERNEL) is not sent a
 * second time. A signal sysgate was started with ignored (nohup, a script's
 * background job) stays ignored, for sysgate and for the command. */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <unistd.h>

#include "launch/launch.h"
#include "launch_int.h"

static const int passed_on[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT };
/* target: 0 before the command exists (a signal is then held), -1 once it is gone. */
static volatile sig_atomic_t target, last, held, owner;
static bool restart = true;
static sigset_t ignored; /* found ignored at the first call, left so */

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
	if (si->si_code == SI_KERNEL)
		return; /* the terminal's: the command has it already */
	if (target > 0)
		kill((pid_t)target, sig);
	else if (target == 0)
		held = sig;
}

static void note_ignored(void)
{
	static bool done;
	struct sigaction old;

	if (done)
		return;
	done = true;
	sigemptyset(&ignored);
	for (size_t i = 0; i < sizeof(passed_on) / sizeof(passed_on[0]); i++)
		if (sigaction(passed_on[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			sigaddset(&ignored, passed_on[i]);
}

void launch_forward_interrupts(void)
{
	restart = false;
}

int launch_forward_signals(pid_t pid)
{
	struct sigaction sa = { .sa_sigaction = on_signal,
				.sa_flags = SA_SIGINFO | (restart ? SA_RESTART : 0) };
	sigset_t all, old;

	note_ignored();
	owner = getpid();
	sigemptyset(&sa.sa_mask);
	sigemptyset(&all);
	for (size_t i = 0; i < sizeof(passed_on) / sizeof(passed_on[0]); i++)
		sigaddset(&all, passed_on[i]);
	/* No signal between the handlers, the target and a held signal's delivery. */
	sigprocmask(SIG_BLOCK, &all, &old);
	int rc = 0;
	for (size_t i = 0; i < sizeof(passed_on) / sizeof(passed_on[0]) && !rc; i++)
		if (!sigismember(&ignored, passed_on[i]) && sigaction(passed_on[i], &sa, NULL) < 0)
			rc = -errno;
	target = pid;
	if (pid > 0 && held) {
		kill(pid, held); /* came while there was no command yet */
		held = 0;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

void launch_forward_stop(void)
{
	target = -1;
}

int launch_forwarded_signal(void)
{
	return last;
}

void launch_handled_signals(sigset_t *set)
{
	sigemptyset(set);
	for (size_t i = 0; i < sizeof(passed_on) / sizeof(passed_on[0]); i++)
		sigaddset(set, passed_on[i]);
	sigaddset(set, SIGALRM); /* --timeout's (timeout.c) */
}
