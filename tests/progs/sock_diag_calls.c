/* NETLINK_SOCK_DIAG dumps of sockets of every family the decoder knows, so a trace
 * of their sendmsg/recvmsg can be compared with strace's: TCP (IPv4 and IPv6, a
 * listener, a connection with data queued and half shut down), UDP, raw, UNIX (a
 * named listener with a connection it has not accepted, a pair with data queued,
 * an abstract datagram socket), packet (a multicast membership, a ring, a fanout
 * group and a filter) and netlink sockets, each dump asking for every extension.
 * Then messages built by hand, sent as replies (no NLM_F_REQUEST: the kernel
 * ignores them), for what real replies do not hold: values without a name, short
 * structures, attributes of odd lengths.
 *
 * Run it in a network namespace of its own (unshare -n, with the tracer: strace
 * asks its own namespace about a socket's protocol), so the dumps hold these
 * sockets alone and fixed ports are free. It binds a UNIX socket in the current
 * directory. */
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#define PORT 4000

static int diag_fd;

/* A fresh network namespace starts with lo down: brought up, it carries the TCP
 * and UDP sockets. (Where lo is up already, nothing is changed.) */
static int loopback_up(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	int r = fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr) != 0 ? -1 : 0;

	if (!r && !(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		r = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
	return r;
}

static struct sockaddr_in inet4(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static void inet_sockets(void)
{
	int one = 1, tos = 0x10, tclass = 0x20;
	struct sockaddr_in l = inet4(PORT), c = inet4(PORT + 1), u = inet4(PORT + 3);
	struct sockaddr_in6 l6 = { .sin6_family = AF_INET6, .sin6_port = htons(PORT + 2),
				   .sin6_addr = IN6ADDR_LOOPBACK_INIT };

	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(lfd, SOL_IP, IP_TOS, &tos, sizeof(tos));
	setsockopt(lfd, SOL_IP, IP_FREEBIND, &one, sizeof(one));
	bind(lfd, (struct sockaddr *)&l, sizeof(l));
	listen(lfd, 4);
	int cfd = socket(AF_INET, SOCK_STREAM, 0);
	bind(cfd, (struct sockaddr *)&c, sizeof(c));
	connect(cfd, (struct sockaddr *)&l, sizeof(l));
	accept(lfd, NULL, NULL);
	write(cfd, "queued", 6);
	shutdown(cfd, SHUT_RD); /* a shutdown that changes no state */

	int l6fd = socket(AF_INET6, SOCK_STREAM, 0);
	setsockopt(l6fd, SOL_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	setsockopt(l6fd, SOL_IPV6, IPV6_TCLASS, &tclass, sizeof(tclass));
	bind(l6fd, (struct sockaddr *)&l6, sizeof(l6));
	listen(l6fd, 4);

	int ufd = socket(AF_INET, SOCK_DGRAM, 0);
	bind(ufd, (struct sockaddr *)&u, sizeof(u));
	connect(ufd, (struct sockaddr *)&l, sizeof(l));
	socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
}

static int unix_fds[4];

static void unix_sockets(void)
{
	struct sockaddr_un named = { AF_UNIX, "sock_diag.sock" };
	struct sockaddr_un abstract = { AF_UNIX, "\0sysgate-diag" };
	int sv[2];

	unlink(named.sun_path);
	int lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(lfd, (struct sockaddr *)&named, sizeof(named));
	listen(lfd, 4);
	int cfd = socket(AF_UNIX, SOCK_STREAM, 0);
	connect(cfd, (struct sockaddr *)&named, sizeof(named)); /* never accepted */
	socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
	write(sv[0], "queued", 6);
	int dfd = socket(AF_UNIX, SOCK_DGRAM, 0);
	bind(dfd, (struct sockaddr *)&abstract, sizeof(abstract.sun_family) + 14);
	unix_fds[0] = lfd;
	unix_fds[1] = cfd;
	unix_fds[2] = sv[0];
	unix_fds[3] = dfd;
}

static void packet_sockets(void)
{
	struct sockaddr_ll lo = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL),
				  .sll_ifindex = (int)if_nametoindex("lo") };
	struct packet_mreq mr = { .mr_ifindex = lo.sll_ifindex, .mr_type = PACKET_MR_MULTICAST,
				  .mr_alen = 6, .mr_address = { 0x01, 0x00, 0x5e, 0, 0, 1 } };
	struct tpacket_req ring = { 4096, 1, 2048, 2 };
	struct sock_filter code[] = { BPF_STMT(BPF_RET | BPF_K, 0xffff) };
	struct sock_fprog prog = { 1, code };
	int fanout = 7 | PACKET_FANOUT_CPU << 16;

	int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	bind(fd, (struct sockaddr *)&lo, sizeof(lo));
	setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr));
	setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &ring, sizeof(ring));
	setsockopt(fd, SOL_PACKET, PACKET_FANOUT, &fanout, sizeof(fanout));
	setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
	socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));
}

static void netlink_sockets(void)
{
	struct sockaddr_nl groups = { .nl_family = AF_NETLINK, .nl_groups = 5 };
	int one = 1;

	/* a protocol with no socket of the kernel's: the dump holds this one alone */
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_USERSOCK);
	setsockopt(fd, SOL_NETLINK, NETLINK_PKTINFO, &one, sizeof(one));
	bind(fd, (struct sockaddr *)&groups, sizeof(groups));
}

/* Sends one request and reads its replies, whole, until the dump ends (or the
 * one reply of a request that is not a dump). */
static void dump(const void *req, size_t len)
{
	static char buf[65536];
	/* strace decodes a msghdr's data as netlink when it names a netlink address */
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK }, from;
	struct iovec out = { (void *)req, len };
	struct msghdr m = { &kernel, sizeof(kernel), &out, 1, NULL, 0, 0 };

	if (sendmsg(diag_fd, &m, 0) < 0)
		return;
	for (int i = 0; i < 64; i++) {
		struct iovec in = { buf, sizeof(buf) };
		struct msghdr r = { &from, sizeof(from), &in, 1, NULL, 0, 0 };
		ssize_t n = recvmsg(diag_fd, &r, 0);
		const struct nlmsghdr *h = (const struct nlmsghdr *)buf;
		if (n < (ssize_t)sizeof(*h))
			break;
		if (!(h->nlmsg_flags & NLM_F_MULTI))
			return;
		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n))
			if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR)
				return;
	}
}

#define HDR(r) { sizeof(r), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, 1, 0 }

static void inet_dump(int family, int protocol)
{
	struct {
		struct nlmsghdr h;
		struct inet_diag_req_v2 r;
	} req = { HDR(req), { .sdiag_family = family, .sdiag_protocol = protocol,
			      .idiag_ext = 0xff, .idiag_states = ~0u } };

	dump(&req, sizeof(req));
}

/* One IPv4 socket of 127.0.0.1, by its ports: the order of a dump of several
 * follows a hash that differs from one namespace to the next. */
static void inet_lookup(int protocol, int sport, int dport)
{
	struct {
		struct nlmsghdr h;
		struct inet_diag_req_v2 r;
	} req = { { sizeof(req), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, 1, 0 },
		  { .sdiag_family = AF_INET, .sdiag_protocol = protocol, .idiag_ext = 0xff,
		    .idiag_states = ~0u,
		    .id = { htons(sport), htons(dport), { htonl(INADDR_LOOPBACK) },
			    { dport ? htonl(INADDR_LOOPBACK) : 0 }, 0,
			    { INET_DIAG_NOCOOKIE, INET_DIAG_NOCOOKIE } } } };

	dump(&req, sizeof(req));
}

static void dumps(void)
{
	struct {
		struct nlmsghdr h;
		struct unix_diag_req r;
	} ureq = { HDR(ureq), { .sdiag_family = AF_UNIX, .udiag_states = ~0u,
				.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_VFS | UDIAG_SHOW_PEER |
					      UDIAG_SHOW_ICONS | UDIAG_SHOW_RQLEN |
					      UDIAG_SHOW_MEMINFO | UDIAG_SHOW_UID } };
	struct {
		struct nlmsghdr h;
		struct packet_diag_req r;
	} preq = { HDR(preq), { .sdiag_family = AF_PACKET, .pdiag_show = 0x3f } };
	struct {
		struct nlmsghdr h;
		struct netlink_diag_req r;
	} nreq = { HDR(nreq), { .sdiag_family = AF_NETLINK, .sdiag_protocol = NETLINK_USERSOCK,
				.ndiag_show = 0xf } };

	inet_lookup(IPPROTO_TCP, PORT, 0);
	inet_lookup(IPPROTO_TCP, PORT + 1, PORT);
	inet_lookup(IPPROTO_TCP, PORT, PORT + 1);
	inet_lookup(IPPROTO_UDP, PORT, PORT + 3); /* UDP: the peer is the source */
	inet_dump(AF_INET6, IPPROTO_TCP);
	inet_dump(AF_INET, IPPROTO_RAW);
	/* UNIX sockets one by one, by inode: a dump's order follows their inodes */
	ureq.h.nlmsg_flags = NLM_F_REQUEST;
	ureq.r.udiag_cookie[0] = ureq.r.udiag_cookie[1] = ~0u;
	for (int i = 0; i < 4; i++) {
		struct stat st;
		if (fstat(unix_fds[i], &st) == 0) {
			ureq.r.udiag_ino = (unsigned)st.st_ino;
			dump(&ureq, sizeof(ureq));
		}
	}
	dump(&preq, sizeof(preq));
	dump(&nreq, sizeof(nreq));
}

/* ---- replies built by hand ---- */

static char msg[1024];
static size_t used;

static void begin(const void *body, size_t len)
{
	struct nlmsghdr h = { 0, SOCK_DIAG_BY_FAMILY, NLM_F_MULTI, 2, 0 };

	memcpy(msg, &h, sizeof(h));
	memcpy(msg + sizeof(h), body, len);
	used = NLMSG_ALIGN(sizeof(h) + len);
}

static void attr(unsigned type, const void *data, size_t len)
{
	struct nlattr a = { (uint16_t)(NLA_HDRLEN + len), (uint16_t)type };

	memcpy(msg + used, &a, sizeof(a));
	memcpy(msg + used + NLA_HDRLEN, data, len);
	used += NLA_ALIGN(NLA_HDRLEN + len);
}

static void send_reply(void)
{
	((struct nlmsghdr *)msg)->nlmsg_len = (uint32_t)used;
	send(diag_fd, msg, used, 0);
}

static void crafted_inet(void)
{
	struct inet_diag_msg m = { AF_INET, 0x63, 3, 4, .idiag_uid = 1000, .idiag_inode = 99 };
	uint32_t four[5] = { 1, 2, 3, 4, 5 }, skmem[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	uint8_t all_opts[2] = { 0xff, 0xff }, shut = 7, other = 4, proto = 0xfe;

	m.id.idiag_sport = htons(1234);
	m.id.idiag_src[0] = htonl(0x01020304);
	begin(&m, sizeof(m));
	attr(INET_DIAG_MEMINFO, four, 12); /* short: hex */
	attr(INET_DIAG_VEGASINFO, four, 16);
	attr(INET_DIAG_DCTCPINFO, four, 20);
	attr(INET_DIAG_BBRINFO, four, 20);
	attr(INET_DIAG_SKMEMINFO, skmem, sizeof(skmem)); /* an index without a name */
	attr(INET_DIAG_SKMEMINFO, skmem, 6);
	attr(INET_DIAG_SHUTDOWN, &shut, 1);
	attr(INET_DIAG_SHUTDOWN, &other, 1);
	attr(INET_DIAG_SOCKOPT, all_opts, 2);
	attr(INET_DIAG_SOCKOPT, four, 2);
	attr(INET_DIAG_PROTOCOL, &proto, 1);
	attr(INET_DIAG_CONG, "cubic", 5); /* no NUL */
	attr(INET_DIAG_MARK, four, 2);
	attr(INET_DIAG_ULP_INFO, "\x08\x00\x01\x00tls", 8);
	attr(INET_DIAG_PAD, NULL, 0);
	attr(0x17, "xx", 2);
	send_reply();
	begin(&m, 10); /* a struct cut short */
	send_reply();
	begin(&m, 1);
	send_reply();
}

static void crafted_others(void)
{
	struct unix_diag_msg u = { AF_UNIX, 0x4d, 0, 0, 77, { 5, 6 } };
	struct unix_diag_vfs vfs = { 123, 0x12345678 };
	uint32_t icons[3] = { 1, 2, 3 }, flags = 0x41, pdi[6] = { 1, 7, 3, 4, 5, 0x20 };
	struct packet_diag_msg p = { AF_PACKET, SOCK_DGRAM, 0xabcd, 88, { 1, 2 } };
	struct netlink_diag_msg n = { AF_NETLINK, SOCK_RAW, 99, 2, 1, 2, 3, 4, { 5, 6 } };
	uint64_t words[2] = { 0, 0x8000000100000001ull };

	begin(&u, sizeof(u));
	attr(UNIX_DIAG_VFS, &vfs, sizeof(vfs));
	attr(UNIX_DIAG_VFS, &vfs, 3);
	attr(UNIX_DIAG_ICONS, icons, sizeof(icons));
	attr(UNIX_DIAG_ICONS, icons, 6);
	attr(UNIX_DIAG_NAME, "\0abs", 4);
	attr(8, "zz", 2);
	send_reply();
	begin(&p, sizeof(p));
	attr(PACKET_DIAG_INFO, pdi, sizeof(pdi));
	attr(PACKET_DIAG_MCLIST, pdi, 10);
	attr(PACKET_DIAG_RX_RING, pdi, 12);
	send_reply();
	begin(&n, sizeof(n));
	attr(NETLINK_DIAG_GROUPS, words, sizeof(words));
	attr(NETLINK_DIAG_FLAGS, &flags, sizeof(flags));
	attr(NETLINK_DIAG_FLAGS, &pdi[5], sizeof(pdi[5]));
	send_reply();
	begin("\x2c\x01\x02\x03", 4); /* a family sock_diag does not decode */
	send_reply();
}

int main(void)
{
	if (loopback_up() != 0) {
		perror("sock_diag_calls: lo");
		return 1;
	}
	inet_sockets();
	unix_sockets();
	packet_sockets();
	netlink_sockets();
	diag_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	dumps();
	crafted_inet();
	crafted_others();
	return 0;
}
