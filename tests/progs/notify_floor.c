/* The floor of any seccomp-notify monitor of opens, for make bench:
 *   notify_floor [--stats] [--open] CMD [ARGS]
 * runs CMD with open, openat and openat2 sent to this process as user
 * notifications, each answered at once with "continue" and nothing else. What
 * CMD then costs over native is the least any monitor that decides opens can add
 * here. With --open each open is performed here instead and its fd placed in the
 * process (SECCOMP_IOCTL_NOTIF_ADDFD with SECCOMP_ADDFD_FLAG_SEND), the least a
 * monitor costs that must not let the process resolve the path again after the
 * check: the path copied out, one openat2, the ADDFD, one close; nothing judged.
 * Prints the number of notifications on stderr, and with --stats the median
 * time from receiving one to answering it, as sysgate taint --stats does. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <poll.h>
#include <seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
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

/* Open what req asks for, as the process would, and place the fd in it; the
 * answer, or -errno when it must still be answered. Paths relative to a dirfd or
 * the cwd go through /proc/PID/fd/N or /proc/PID/cwd; an openat2 how is taken
 * as flags and mode alone. */
static int open_for(int nfd, const struct seccomp_notif *req)
{
	const struct seccomp_data *d = &req->data;
	bool plain = d->nr == SCMP_SYS(open);
	unsigned long at = plain ? d->args[0] : d->args[1];
	int dirfd = plain ? AT_FDCWD : (int)d->args[0];
	struct open_how how = { .flags = plain ? d->args[1] : d->args[2],
				.mode = plain ? d->args[2] : d->args[3] };
	char path[4096], full[4200];
	struct iovec l = { path, 256 }, r = { (void *)at, 256 };

	if (d->nr == SCMP_SYS(openat2)) {
		struct iovec hl = { &how, sizeof(how) }, hr = { (void *)d->args[2], sizeof(how) };
		if (process_vm_readv(req->pid, &hl, 1, &hr, 1, 0) != sizeof(how))
			return -EFAULT;
		how.resolve = 0;
	}
	if (!(how.flags & (O_CREAT | __O_TMPFILE)))
		how.mode = 0;
	if (process_vm_readv(req->pid, &l, 1, &r, 1, 0) <= 0 || !memchr(path, 0, 256))
		return -EFAULT; /* enough for a floor: the bench's paths are short */
	if (path[0] == '/')
		snprintf(full, sizeof(full), "%s", path);
	else if (dirfd == AT_FDCWD)
		snprintf(full, sizeof(full), "/proc/%u/cwd/%s", req->pid, path);
	else
		snprintf(full, sizeof(full), "/proc/%u/fd/%d/%s", req->pid, dirfd, path);
	bool cloexec = how.flags & O_CLOEXEC;
	how.flags |= O_CLOEXEC;
	int fd = (int)syscall(SYS_openat2, AT_FDCWD, full, &how, sizeof(how));
	if (fd < 0)
		return -errno;
	struct seccomp_notif_addfd add = { .id = req->id, .flags = SECCOMP_ADDFD_FLAG_SEND,
					   .srcfd = (__u32)fd, .newfd_flags = cloexec ? O_CLOEXEC : 0 };
	int rc = ioctl(nfd, SECCOMP_IOCTL_NOTIF_ADDFD, &add) < 0 ? -errno : 0;
	close(fd);
	return rc == -ENOENT ? 0 : rc; /* ENOENT: the process is gone */
}

static void answer(int nfd, const struct seccomp_notif *req, struct seccomp_notif_resp *resp,
		   bool open)
{
	*resp = (struct seccomp_notif_resp){ .id = req->id,
					     .flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE };
	int rc = open ? open_for(nfd, req) : 1;
	if (rc < 0)
		*resp = (struct seccomp_notif_resp){ .id = req->id, .error = rc };
	if (rc != 0)
		seccomp_notify_respond(nfd, resp);
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
	bool open = argc > 1 && strcmp(argv[1], "--open") == 0;
	argv += open;
	argc -= open;
	if (argc < 2)
		return fprintf(stderr, "usage: notify_floor [--stats] [--open] CMD [ARGS]\n"), 2;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return perror("socketpair"), 1;
	pid_t pid = fork();
	if (pid == 0)
		child(sv[1], argv + 1);
	int nfd = recv_fd(sv[0]);
	if (nfd < 0 || seccomp_notify_alloc(&req, &resp) < 0)
		return fprintf(stderr, "notify_floor: no listener\n"), 1;
	/* As sysgate's supervisor: each wakeup on the waking CPU (Linux 6.6), nice
	 * -20, and a batch task that does not preempt the process it has answered. */
	(void)setpriority(PRIO_PROCESS, 0, -20);
	if (ioctl(nfd, SECCOMP_IOW(4, __u64), 1UL) == 0)
		(void)sched_setscheduler(0, SCHED_BATCH, &(struct sched_param){ 0 });
	for (;;) {
		struct pollfd pf = { nfd, POLLIN, 0 };
		if (poll(&pf, 1, -1) < 0 && errno != EINTR)
			break;
		if (pf.revents & POLLIN) {
			memset(req, 0, sizeof(*req));
			if (seccomp_notify_receive(nfd, req) == 0) {
				unsigned long long t0 = now_ns();
				answer(nfd, req, resp, open);
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
