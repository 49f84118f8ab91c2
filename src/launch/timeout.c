/* --timeout: a SIGALRM in the supervisor kills the command and everything it
 * started (tree.c). With a pid namespace the tree holds its pid 1, whose death
 * ends every process inside. */
#include <signal.h>
#include <unistd.h>

#include "launch/launch.h"
#include "launch_int.h"

static volatile sig_atomic_t fired;
static pid_t target;

static void on_alarm(int sig)
{
	(void)sig;
	fired = 1;
	launch_kill_tree(target);
}

void launch_timeout_arm(pid_t pid, long sec)
{
	struct sigaction sa = { .sa_handler = on_alarm };

	if (sec <= 0)
		return;
	target = pid;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	alarm(sec > 100000000 ? 100000000 : (unsigned)sec);
}

int launch_timeout_fired(void)
{
	alarm(0);
	return fired;
}
