/* Measuring inside a throw-away child process. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_int.h"
#include "launch/launch.h"

struct child_reply {
	int rc;
	struct bench_result r;
};

static int read_reply(int fd, struct child_reply *reply)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t got = 0;

	while (got < sizeof(*reply)) {
		int pr = poll(&p, 1, 60000);
		if (pr == 0)
			return -ETIMEDOUT;
		if (pr < 0 && errno == EINTR)
			continue;
		ssize_t n = pr < 0 ? -1 : read(fd, (char *)reply + got, sizeof(*reply) - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -EIO;
		got += (size_t)n;
	}
	return 0;
}

int bench_in_child(const struct bench_cfg *cfg, struct bench_result *r,
		   int (*body)(const struct bench_cfg *cfg, struct bench_result *r))
{
	int fds[2];
	struct child_reply reply;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -errno;
	}
	if (pid == 0) {
		close(fds[0]);
		launch_die_with_parent(parent);
		memset(&reply, 0, sizeof(reply));
		reply.r = *r;
		reply.rc = body(cfg, &reply.r);
		ssize_t n = write(fds[1], &reply, sizeof(reply));
		_exit(n == (ssize_t)sizeof(reply) ? 0 : 1);
	}
	close(fds[1]);
	int rc = read_reply(fds[0], &reply);
	close(fds[0]);
	if (rc < 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	if (rc < 0)
		return rc;
	*r = reply.r;
	return reply.rc;
}
