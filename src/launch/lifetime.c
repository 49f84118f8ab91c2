/* Nothing sysgate starts outlives it. sysgate is the subreaper of everything
 * below it, so a process whose parent ended comes back to sysgate instead of to
 * init; once the command has ended, whatever is still running is killed and
 * reaped. A killed sysgate cannot do this: its direct child dies with it
 * (PR_SET_PDEATHSIG), and a pid namespace (jail --unshare pid) or else the keeper
 * (ns_pid1.c) takes the rest. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "launch/launch.h"
#include "launch_int.h"

int launch_subreaper(void)
{
	return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0 ? -errno : 0;
}

void launch_die_with_parent(pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	/* The parent may have died before the line above: we were reparented. (In a
	 * new pid namespace the parent is outside it and getppid() says 0.) */
	pid_t now = getppid();
	if (now != parent && now != 0)
		_exit(127);
}

/* Every child of every thread of sysgate (an orphan is reparented to one of our
 * threads, any of them): each with its own tree killed. */
static int kill_children(void)
{
	DIR *d = opendir("/proc/self/task");
	int killed = 0;

	if (!d)
		return 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		char *end;
		long tid = strtol(e->d_name, &end, 10);
		if (e->d_name[0] == '.' || *end || tid <= 0)
			continue;
		killed += launch_kill_children_of((pid_t)tid);
	}
	closedir(d);
	return killed;
}

void launch_kill_leftovers(void)
{
	for (int pass = 0; pass < 8 && kill_children() > 0; pass++)
		;
}

void launch_end_leftovers(void)
{
	const struct timespec nap = { 0, 1000000 };
	int status;

	/* A killed process may have been forking: repeat until a pass finds none. */
	for (int pass = 0; pass < 8 && kill_children() > 0; pass++)
		while (waitpid(-1, &status, WNOHANG | __WALL) > 0)
			;
	/* Reap what dies; bounded, so that a process stuck in the kernel (an
	 * uninterruptible wait) cannot hang sysgate: 2 s at most. */
	for (int ms = 0; ms < 2000; ms++) {
		pid_t p = waitpid(-1, &status, WNOHANG | __WALL);
		if (p < 0 && errno == ECHILD)
			break;
		if (p <= 0)
			nanosleep(&nap, NULL);
	}
}
