/* --timeout: a SIGALRM in the supervisor kills the command and everything it
 * started. The handler uses plain syscalls only (open, read, kill): each process
 * is stopped first so it forks no more, its children are killed from /proc, then
 * the process itself. With a pid namespace the tree holds its pid 1, whose death
 * ends every process inside. */
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "jail_int.h"

#define MAX_DEPTH 64

static volatile sig_atomic_t fired;
static pid_t target;

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

static void kill_tree(pid_t p, int depth)
{
	char path[64], buf[256];
	long child = 0;
	ssize_t n;
	int fd;

	kill(p, SIGSTOP);
	children_path(path, p);
	fd = depth < MAX_DEPTH ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	while (fd >= 0 && (n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] >= '0' && buf[i] <= '9') {
				child = child * 10 + (buf[i] - '0');
			} else if (child > 0) {
				kill_tree((pid_t)child, depth + 1);
				child = 0;
			}
		}
	if (child > 0)
		kill_tree((pid_t)child, depth + 1);
	if (fd >= 0)
		close(fd);
	kill(p, SIGKILL);
}

static void on_alarm(int sig)
{
	(void)sig;
	fired = 1;
	kill_tree(target, 0);
}

void jail_timeout_arm(pid_t pid, long sec)
{
	struct sigaction sa = { .sa_handler = on_alarm };

	if (sec <= 0)
		return;
	target = pid;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	alarm(sec > 100000000 ? 100000000 : (unsigned)sec);
}

int jail_timeout_fired(void)
{
	alarm(0);
	return fired;
}
