/* Read-only netlink queries and a descriptor passed over a UNIX socket pair, so a
 * trace of sendto, recvfrom, sendmsg and recvmsg can be compared with strace's:
 * RTM_GETLINK and RTM_GETADDR dumps on NETLINK_ROUTE, a request that fails
 * (NLMSG_ERROR), a SOCK_DIAG request on NETLINK_SOCK_DIAG, then SCM_RIGHTS and
 * SCM_CREDENTIALS. Nothing about the machine's network is changed.
 *
 * Replies are read into short buffers on purpose: an interface's message holds
 * counters that move between runs; its first attributes do not. */
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#define SHORT_REPLY 200

static int nl_socket(int proto)
{
	return socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);
}

/* Reads replies until the dump's end, each into a buffer of len bytes. */
static void read_dump(int fd, size_t len)
{
	char buf[32768];

	for (int i = 0; i < 64; i++) {
		ssize_t n = recvfrom(fd, buf, len, MSG_DONTWAIT, NULL, NULL);
		if (n <= 0)
			break;
		struct nlmsghdr *h = (struct nlmsghdr *)buf;
		if ((size_t)n >= sizeof(*h) && (h->nlmsg_type == NLMSG_DONE ||
						  h->nlmsg_type == NLMSG_ERROR))
			break;
	}
}

static void getlink_dump(int fd)
{
	struct {
		struct nlmsghdr h;
		struct ifinfomsg ifi;
	} req = {
		.h = { sizeof(req), RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 1, 0 },
		.ifi = { .ifi_family = AF_UNSPEC },
	};
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&kernel, sizeof(kernel));
	read_dump(fd, SHORT_REPLY);
}

/* RTM_GETADDR for IPv4 through sendmsg; the replies through recvmsg. */
static void getaddr_dump(int fd)
{
	struct {
		struct nlmsghdr h;
		struct ifaddrmsg ifa;
	} req = {
		.h = { sizeof(req), RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, 2, 0 },
		.ifa = { .ifa_family = AF_INET },
	};
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK }, from;
	struct iovec iov = { &req, sizeof(req) };
	struct msghdr m = { &kernel, sizeof(kernel), &iov, 1, NULL, 0, 0 };
	char buf[SHORT_REPLY];

	sendmsg(fd, &m, 0);
	for (int i = 0; i < 16; i++) {
		struct iovec in = { buf, sizeof(buf) };
		struct msghdr r = { &from, sizeof(from), &in, 1, NULL, 0, 0 };
		ssize_t n = recvmsg(fd, &r, MSG_DONTWAIT);
		if (n < (ssize_t)sizeof(struct nlmsghdr) ||
		    ((struct nlmsghdr *)buf)->nlmsg_type == NLMSG_DONE)
			break;
	}
}

/* A request for an interface that does not exist: the kernel answers with
 * NLMSG_ERROR and a copy of the request. */
static void getlink_missing(int fd)
{
	struct {
		struct nlmsghdr h;
		struct ifinfomsg ifi;
	} req = {
		.h = { sizeof(req), RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, 3, 0 },
		.ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 0x7ffffff0 },
	};
	char buf[512];

	send(fd, &req, sizeof(req), 0);
	recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
}

/* TCP sockets in no state at all: a dump that holds only its end. */
static void sock_diag_empty(void)
{
	int fd = nl_socket(NETLINK_SOCK_DIAG);
	struct {
		struct nlmsghdr h;
		struct inet_diag_req_v2 r;
	} req = {
		.h = { sizeof(req), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, 4, 0 },
		.r = { .sdiag_family = AF_INET, .sdiag_protocol = IPPROTO_TCP, .idiag_states = 0 },
	};
	struct {
		struct nlmsghdr h;
		struct unix_diag_req r;
	} ureq = {
		.h = { sizeof(ureq), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, 5, 0 },
		.r = { .sdiag_family = AF_UNIX, .udiag_ino = 1, .udiag_show = UDIAG_SHOW_NAME,
		       .udiag_cookie = { -1u, -1u } },
	};
	char buf[512];

	/* the first send binds the socket: before it, its protocol is not listed */
	sendto(fd, &ureq, sizeof(ureq), 0, NULL, 0);
	recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL);
	sendto(fd, &req, sizeof(req), 0, NULL, 0);
	recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL);
	close(fd);
}

/* A descriptor and the sender's credentials over a UNIX socket pair. */
static void pass_fd(void)
{
	int sv[2], one = 1;
	char data[] = "fd", got[8];
	union {
		struct cmsghdr c;
		char space[CMSG_SPACE(sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))];
	} ctl;
	struct iovec iov = { data, sizeof(data) - 1 };
	struct msghdr m = { NULL, 0, &iov, 1, ctl.space, CMSG_SPACE(sizeof(int)), 0 };

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0)
		return;
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));
	memset(&ctl, 0, sizeof(ctl));
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &sv[0], sizeof(int));
	sendmsg(sv[0], &m, MSG_DONTWAIT | MSG_NOSIGNAL);

	struct iovec in = { got, sizeof(got) };
	struct msghdr r = { NULL, 0, &in, 1, ctl.space, sizeof(ctl.space), 0 };
	memset(&ctl, 0, sizeof(ctl));
	if (recvmsg(sv[1], &r, MSG_CMSG_CLOEXEC) > 0)
		for (c = CMSG_FIRSTHDR(&r); c; c = CMSG_NXTHDR(&r, c))
			if (c->cmsg_type == SCM_RIGHTS)
				close(*(int *)CMSG_DATA(c));
	/* a buffer too short for the data: MSG_TRUNC comes back */
	sendmsg(sv[0], &(struct msghdr){ NULL, 0, &iov, 1, NULL, 0, 0 }, 0);
	in.iov_len = 1;
	r.msg_control = NULL;
	r.msg_controllen = 0;
	recvmsg(sv[1], &r, 0);
	close(sv[0]);
	close(sv[1]);
}

/* Two datagrams in one sendmmsg, read back by one recvmmsg offered three. */
static void batches(void)
{
	int sv[2];
	char one[] = "one", two[] = "two2", in[2][8];
	struct iovec out_iov[2] = { { one, 3 }, { two, 4 } };
	struct iovec in_iov[3] = { { in[0], 8 }, { in[1], 8 }, { in[1], 8 } };
	struct mmsghdr out[2] = { { .msg_hdr = { .msg_iov = &out_iov[0], .msg_iovlen = 1 } },
				  { .msg_hdr = { .msg_iov = &out_iov[1], .msg_iovlen = 1 } } };
	struct mmsghdr got[3];

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0)
		return;
	memset(got, 0, sizeof(got));
	for (int i = 0; i < 3; i++) {
		got[i].msg_hdr.msg_iov = &in_iov[i];
		got[i].msg_hdr.msg_iovlen = 1;
	}
	sendmmsg(sv[0], out, 2, 0);
	recvmmsg(sv[1], got, 3, MSG_DONTWAIT, NULL);
	recvmmsg(sv[1], got, 3, MSG_DONTWAIT, NULL); /* nothing left: EAGAIN */
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	int fd = nl_socket(NETLINK_ROUTE);
	struct sockaddr_nl self = { .nl_family = AF_NETLINK };

	if (fd >= 0 && bind(fd, (struct sockaddr *)&self, sizeof(self)) == 0) {
		getlink_dump(fd);
		getaddr_dump(fd);
		getlink_missing(fd);
		close(fd);
	}
	sock_diag_empty();
	pass_fd();
	batches();
	return 0;
}
