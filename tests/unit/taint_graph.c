/* Taint flow graph: how it learns that a process has exited. Every entry's pidfd
 * is in one epoll set (the graph's exits fd), which the supervisor watches; a
 * lookup trusts what taint_graph_reap last took from it instead of asking the
 * kernel at every notification. */
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "taint/monitor.h"
#include "tap.h"

static bool readable(int fd)
{
	struct pollfd pf = { fd, POLLIN, 0 };

	return poll(&pf, 1, 0) == 1 && (pf.revents & POLLIN);
}

static pid_t sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	return pid;
}

static void exits_seen_once_reaped(void)
{
	struct taint_graph g;
	pid_t a = sleeper(), b = sleeper();

	taint_graph_init(&g);
	tap_ok(g.exits >= 0, "the graph has an exits set");
	struct taint_proc *pa = taint_proc_of(&g, a);
	struct taint_proc *pb = taint_proc_of(&g, b);
	tap_ok(pa && pb && pa->watched && pb->watched && pa->pidfd >= 0,
	       "a process met is watched through its pidfd");
	tap_ok(!readable(g.exits), "the set is quiet while both live");

	kill(a, SIGKILL);
	waitpid(a, NULL, 0);
	tap_ok(readable(g.exits), "the set is readable once one has exited");
	size_t before = g.nprocs;
	tap_ok(taint_proc_of(&g, a) == taint_proc_find(&g, a) && g.nprocs == before,
	       "until reaped, a lookup still finds the entry (the supervisor reaps first)");

	taint_graph_reap(&g);
	pa = taint_proc_find(&g, a);
	pb = taint_proc_find(&g, b);
	tap_ok(pa && pa->pidfd == -1, "reaped: the exited process's entry knows it");
	tap_ok(pb && pb->pidfd >= 0, "the live one is untouched");
	tap_ok(!readable(g.exits), "the set is quiet again (the pidfd left it)");
	struct taint_proc *again = taint_proc_of(&g, a);
	tap_ok(again && again != pa && g.nprocs == before + 1,
	       "a call from that pid now is a new process (the pid may be reused)");

	kill(b, SIGKILL);
	waitpid(b, NULL, 0);
	taint_graph_free(&g);
	tap_ok(g.exits == -1, "freed: the set is closed");
}

int main(void)
{
	exits_seen_once_reaped();
	printf("1..%d\n", tap_n);
	return tap_done();
}
