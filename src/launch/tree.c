/* Killing a process tree with plain syscalls only (open, read, kill), so that a
 * signal handler may do it (--timeout): children are found in /proc. */
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "launch_int.h"

#define MAX_DEPTH 64

/* "/proc/P/task/P/children" into buf (at least 64 bytes). */
static void children_path(char *buf, pid_t p)
{
	char num[16];
	int n = 0;

	do
		num[n++] = (char)('0' + p % 10);
	while ((p /= 10) > 0);
	char *o = buf;
	for (const char *s = "/proc/"; *s;)
		*o++ = *s++;
	for (int k = n; k > 0;)
		*o++ = num[--k];
	for (const char *s = "/task/"; *s;)
		*o++ = *s++;
	for (int k = n; k > 0;)
		*o++ = num[--k];
	for (const char *s = "/children"; (*o++ = *s++);)
		;
}

static void kill_tree(pid_t p, int depth);

/* Kill the tree of every child of p (not p); how many children there were. */
static int kill_children(pid_t p, int depth)
{
	char path[64], buf[256];
	long child = 0;
	int fd, count = 0;
	ssize_t n;

	children_path(path, p);
	fd = depth < MAX_DEPTH ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	while (fd >= 0 && (n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] >= '0' && buf[i] <= '9') {
				child = child * 10 + (buf[i] - '0');
			} else if (child > 0) {
				kill_tree((pid_t)child, depth + 1);
				count++;
				child = 0;
			}
		}
	if (child > 0) {
		kill_tree((pid_t)child, depth + 1);
		count++;
	}
	if (fd >= 0)
		close(fd);
	return count;
}

/* Stopped first so that it forks no more, then its children, then itself. */
static void kill_tree(pid_t p, int depth)
{
	kill(p, SIGSTOP);
	kill_children(p, depth);
	kill(p, SIGKILL);
}

void launch_kill_tree(pid_t p)
{
	kill_tree(p, 0);
}

int launch_kill_children_of(pid_t p)
{
	return kill_children(p, 0);
}

