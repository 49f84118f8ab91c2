/* Calls whose memory is an array of buffers or a message header, for the
 * backends' line-for-line comparisons: writev and readv on a pipe, sendmsg and
 * recvmsg (name, iovecs, control message) on a socket pair, poll, connect to a
 * socket address given with its length. Deterministic: no pids, no times. */
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

static void vectors(void)
{
	char a[] = "hello ", b[] = "world\n", x[4], y[16];
	struct iovec out[2] = { { a, 6 }, { b, 6 } }, in[2] = { { x, 4 }, { y, 16 } };
	int p[2];

	if (pipe(p) != 0)
		return;
	writev(p[1], out, 2);
	readv(p[0], in, 2);
	close(p[0]);
	close(p[1]);
}

static void messages(void)
{
	char a[] = "ping ", b[] = "pong", x[3], y[16];
	struct iovec out[2] = { { a, 5 }, { b, 4 } }, in[2] = { { x, 3 }, { y, 16 } };
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} control;
	struct msghdr m = { .msg_iov = out, .msg_iovlen = 2, .msg_control = control.buf,
			    .msg_controllen = sizeof(control.buf) };
	struct msghdr r = { .msg_iov = in, .msg_iovlen = 2 };
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
		return;
	memset(&control, 0, sizeof(control));
	control.h.cmsg_level = SOL_SOCKET;
	control.h.cmsg_type = SCM_RIGHTS;
	control.h.cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(&control.h), &sv[0], sizeof(int));
	sendmsg(sv[0], &m, 0);
	recvmsg(sv[1], &r, 0);
	struct pollfd fds[2] = { { sv[0], POLLOUT, 0 }, { sv[1], POLLIN, 0 } };
	poll(fds, 2, 0);
	close(sv[0]);
	close(sv[1]);
}

static void address(void)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX, .sun_path = "/nonexistent/iov_calls" };
	int s = socket(AF_UNIX, SOCK_STREAM, 0);

	connect(s, (struct sockaddr *)&un, sizeof(un));
	close(s);
}

int main(void)
{
	write(-1, "BEGIN", 5);
	vectors();
	messages();
	address();
	return 0;
}
