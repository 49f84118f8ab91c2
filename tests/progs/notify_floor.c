/* The floor of any seccomp-notify monitor of opens, for make bench:
 *   notify_floor [--stats] CMD [ARGS]
 * runs CMD with open, openat and openat2 sent to this process as user
 * notifications, each answered at once with "continue" and nothing else. What
 * CMD then costs over native is the least any monitor that decides opens can add
 * here. Prints the number of notifications on stderr, and with --stats the median
 * time from receiving one to answering it, as sysgate taint --stats does. */
#include <errno.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

static int cmp_ull(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;

	return (x > y) - (x < y);
}

static int send_fd(int sock, int fd)
{
	char c = 0, ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			    .msg_controllen = sizeof(ctl) };
	struct cmsghdr *h = CMSG_FIRSTHDR(&m);

	h->cmsg_level = SOL_SOCKET;
	h->cmsg_type = SCM_RIGHTS;
	h->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(h), &fd, sizeof(int));
	return sendmsg(sock, &m, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	char c, ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			    .msg_controllen = sizeof(ctl) };
	int fd = -1;

	if (recvmsg(sock, &m, 0) != 1 || !CMSG_FIRSTHDR(&m))
		return -1;
	memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof(int));
	return fd;
}

static void child(int sock, char **argv)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	const int calls[] = { SCMP_SYS(open), SCMP_SYS(openat), SCMP_SYS(openat2) };

	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, calls[i], 0);
	if (seccomp_load(ctx) < 0 || send_fd(sock, seccomp_notify_fd(ctx)) < 0)
		_exit(126);
	execvp(argv[0], argv);
	_exit(127);
}

int main(int argc, char **argv)
{
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	int sv[2], status, stats = argc > 1 && strcmp(argv[1], "--stats") == 0;
	unsigned long n = 0, cap = 0;
	unsigned long long *took = NULL;

	argv += stats;
	argc -= stats;
	if (argc < 2)
		return fprintf(stderr, "usage: notify_floor [--stats] CMD [ARGS]\n"), 2;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return perror("socketpair"), 1;
	pid_t pid = fork();
	if (pid == 0)
		child(sv[1], argv + 1);
	int nfd = recv_fd(sv[0]);
	if (nfd < 0 || seccomp_notify_alloc(&req, &resp) < 0)
		return fprintf(stderr, "notify_floor: no listener\n"), 1;
	/* As sysgate's supervisor: each wakeup on the waking CPU (Linux 6.6). */
	(void)ioctl(nfd, SECCOMP_IOW(4, __u64), 1UL);
	for (;;) {
		struct pollfd pf = { nfd, POLLIN, 0 };
		if (poll(&pf, 1, -1) < 0 && errno != EINTR)
			break;
		if (pf.revents & POLLIN) {
			memset(req, 0, sizeof(*req));
			if (seccomp_notify_receive(nfd, req) == 0) {
				unsigned long long t0 = now_ns();
				*resp = (struct seccomp_notif_resp){ .id = req->id,
								     .flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE };
				seccomp_notify_respond(nfd, resp);
				if (stats && n == cap && !(took = realloc(took, (cap = 2 * cap + 1024) * sizeof(*took))))
					return 1;
				if (stats)
					took[n] = now_ns() - t0;
				n++;
			}
		} else if (pf.revents & (POLLHUP | POLLERR)) {
			break; /* every filtered process is gone */
		}
	}
	waitpid(pid, &status, 0);
	fprintf(stderr, "notify_floor: %lu notifications\n", n);
	if (stats && n) {
		qsort(took, n, sizeof(*took), cmp_ull);
		fprintf(stderr, "notify_floor: median %llu ns each\n", took[n / 2]);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
