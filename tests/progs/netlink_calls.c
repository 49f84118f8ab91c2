/* Read-only netlink queries and a descriptor passed over a UNIX socket pair, so a
 * trace of sendto, recvfrom, sendmsg and recvmsg can be compared with strace's:
 * RTM_GETLINK and RTM_GETADDR dumps on NETLINK_ROUTE, a request that fails
 * (NLMSG_ERROR), NETLINK_ROUTE messages made here and sent to the program's own
 * socket, a SOCK_DIAG request on NETLINK_SOCK_DIAG, then SCM_RIGHTS and
 * SCM_CREDENTIALS. Nothing about the machine's network is changed.
 *
 * Replies are read into short buffers on purpose: an interface's message holds
 * counters that move between runs; its first attributes do not. */
#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/inet_diag.h>
#include <linux/neighbour.h>
#include <linux/netconf.h>
#include <linux/nexthop.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdint.h>
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

/* ---- messages made here, sent to the socket itself ----
 * A message unicast to a process's own port is queued for it without the kernel
 * reading it: the attributes the kernel sends back (counters, nested
 * attributes...) can be shown with fixed contents, and in forms the kernel never
 * sends (too short, unknown values), without touching the machine's network. */

struct msgbuf {
	uint8_t data[2048];
	size_t len;
	size_t nest[4]; /* where each open nested attribute starts */
	int depth;
};

static void *put(struct msgbuf *m, const void *p, size_t len)
{
	uint8_t *at = m->data + m->len;

	memcpy(at, p, len);
	m->len += NLMSG_ALIGN(len);
	return at;
}

static void put_attr(struct msgbuf *m, uint16_t type, const void *p, size_t len)
{
	struct nlattr a = { (uint16_t)(NLA_HDRLEN + len), type };

	memcpy(m->data + m->len, &a, sizeof(a));
	memcpy(m->data + m->len + NLA_HDRLEN, p, len);
	m->len += NLA_ALIGN(NLA_HDRLEN + len);
}

static void put_u32(struct msgbuf *m, uint16_t type, uint32_t v)
{
	put_attr(m, type, &v, sizeof(v));
}

static void put_u8(struct msgbuf *m, uint16_t type, uint8_t v)
{
	put_attr(m, type, &v, sizeof(v));
}

static void begin_nest(struct msgbuf *m, uint16_t type)
{
	m->nest[m->depth++] = m->len;
	put_attr(m, type | NLA_F_NESTED, NULL, 0);
}

static void end_nest(struct msgbuf *m)
{
	size_t at = m->nest[--m->depth];
	uint16_t len = (uint16_t)(m->len - at);

	memcpy(m->data + at, &len, sizeof(len));
}

static void begin_msg(struct msgbuf *m, uint16_t type, const void *hdr, size_t len)
{
	struct nlmsghdr h = { 0, type, NLM_F_MULTI, 7, 0 };

	m->len = 0;
	m->depth = 0;
	put(m, &h, sizeof(h));
	put(m, hdr, len);
}

/* Sends the message to the socket's own port, then reads it back. */
static void loop_back(int fd, struct msgbuf *m, const struct sockaddr_nl *self)
{
	uint8_t in[2048];

	((struct nlmsghdr *)m->data)->nlmsg_len = (uint32_t)m->len;
	sendto(fd, m->data, m->len, 0, (const struct sockaddr *)self, sizeof(*self));
	recvfrom(fd, in, sizeof(in), MSG_DONTWAIT, NULL, NULL);
}

/* Numbers 1, 2, 3... of size bytes each. */
static void put_counters(struct msgbuf *m, uint16_t type, size_t count, size_t size)
{
	uint8_t v[64 * 8] = { 0 };

	for (size_t i = 0; i < count; i++)
		v[i * size] = (uint8_t)(i + 1);
	put_attr(m, type, v, count * size);
}

/* An interface's counters of each length, its map, XDP, kind, and its address
 * families' attributes. */
static void crafted_link(int fd, const struct sockaddr_nl *self)
{
	struct msgbuf m;
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_type = 1, .ifi_index = 1 };
	struct rtnl_link_ifmap map = { 1, 2, 3, 4, 5, 6 };
	int32_t conf[3] = { 1, -1, 64 };
	uint32_t conf4[40] = { 1, 0, 1 };

	begin_msg(&m, RTM_NEWLINK, &ifi, sizeof(ifi));
	put_u32(&m, IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS | 0x10000);
	put_counters(&m, IFLA_STATS, 23, 4); /* before rx_nohandler */
	put_counters(&m, IFLA_STATS, 24, 4);
	put_counters(&m, IFLA_STATS64, 24, 8);
	put_counters(&m, IFLA_STATS64, 25, 8);
	put_counters(&m, IFLA_STATS64, 26, 8); /* a field no one knows yet */
	put_counters(&m, IFLA_STATS, 3, 4);    /* too short */
	put_attr(&m, IFLA_MAP, &map, sizeof(map));
	put_attr(&m, IFLA_MAP, &map, 8);
	begin_nest(&m, IFLA_XDP);
	put_u8(&m, IFLA_XDP_ATTACHED, XDP_ATTACHED_NONE);
	put_u8(&m, IFLA_XDP_ATTACHED, 42);
	put_u32(&m, IFLA_XDP_PROG_ID, 17);
	end_nest(&m);
	begin_nest(&m, IFLA_LINKINFO);
	put_attr(&m, IFLA_INFO_KIND, "veth", 5);
	put_attr(&m, IFLA_INFO_DATA, "\1\2\3\4", 4);
	end_nest(&m);
	begin_nest(&m, IFLA_AF_SPEC);
	begin_nest(&m, AF_INET);
	put_attr(&m, IFLA_INET_CONF, conf4, sizeof(conf4)); /* past the names it has */
	put_attr(&m, IFLA_INET_CONF, conf4, 6);		     /* not whole numbers */
	end_nest(&m);
	begin_nest(&m, AF_INET6);
	put_u32(&m, IFLA_INET6_FLAGS, 0x80000000 | 0x10 | 0x1);
	put_attr(&m, IFLA_INET6_CONF, conf, sizeof(conf));
	end_nest(&m);
	begin_nest(&m, AF_PACKET);
	put_u32(&m, 1, 2);
	end_nest(&m);
	end_nest(&m);
	loop_back(fd, &m, self);

	/* an IPv6 interface's protocol information */
	struct in6_addr token = { { { 0xfe, 0x80, [15] = 1 } } };
	ifi.ifi_family = AF_INET6;
	begin_msg(&m, RTM_NEWLINK, &ifi, sizeof(ifi));
	begin_nest(&m, IFLA_PROTINFO);
	put_u32(&m, IFLA_INET6_FLAGS, 0);
	put_attr(&m, IFLA_INET6_CACHEINFO, (uint32_t[]){ 65535, 16, 30000, 1000 }, 16);
	put_counters(&m, IFLA_INET6_STATS, 40, 8);
	put_counters(&m, IFLA_INET6_ICMP6STATS, 8, 8);
	put_attr(&m, IFLA_INET6_TOKEN, &token, sizeof(token));
	put_u8(&m, IFLA_INET6_ADDR_GEN_MODE, IN6_ADDR_GEN_MODE_STABLE_PRIVACY);
	put_u8(&m, IFLA_INET6_ADDR_GEN_MODE, 99);
	end_nest(&m);
	loop_back(fd, &m, self);
}

/* A neighbour, a rule and a route with the attributes the kernel dumps. */
static void crafted_neigh_rule_route(int fd, const struct sockaddr_nl *self)
{
	struct msgbuf m;
	struct ndmsg nd = { .ndm_family = AF_INET, .ndm_ifindex = 1,
			    .ndm_state = NUD_REACHABLE | NUD_PERMANENT | 0x100,
			    .ndm_flags = NTF_ROUTER | NTF_SELF, .ndm_type = RTN_UNICAST };
	uint8_t ip[4] = { 127, 0, 0, 2 }, mac[6] = { 2, 0, 0, 0, 0, 1 };

	begin_msg(&m, RTM_NEWNEIGH, &nd, sizeof(nd));
	put_attr(&m, NDA_DST, ip, sizeof(ip));
	put_attr(&m, NDA_LLADDR, mac, sizeof(mac));
	put_u32(&m, NDA_PROBES, 3);
	put_attr(&m, NDA_CACHEINFO, (uint32_t[]){ 10, 20, 30, 1 }, 16);
	put_attr(&m, NDA_CACHEINFO, (uint32_t[]){ 10, 20 }, 8);
	loop_back(fd, &m, self);

	struct fib_rule_hdr rule = { .family = AF_INET, .dst_len = 8, .tos = 0x10,
				     .table = RT_TABLE_MAIN, .action = FR_ACT_BLACKHOLE,
				     .flags = FIB_RULE_INVERT | 0x100 };
	begin_msg(&m, RTM_NEWRULE, &rule, sizeof(rule));
	put_u32(&m, FRA_TABLE, 1000);
	put_u32(&m, FRA_PRIORITY, 32766);
	put_u32(&m, FRA_SUPPRESS_PREFIXLEN, 0xffffffff);
	put_u8(&m, FRA_PROTOCOL, RTPROT_KERNEL);
	put_attr(&m, FRA_DST, ip, sizeof(ip));
	put_attr(&m, FRA_IIFNAME, "lo", 3);
	loop_back(fd, &m, self);

	struct rtmsg rt = { .rtm_family = AF_INET6, .rtm_dst_len = 64, .rtm_table = RT_TABLE_MAIN,
			    .rtm_protocol = RTPROT_KERNEL, .rtm_type = RTN_UNICAST };
	begin_msg(&m, RTM_NEWROUTE, &rt, sizeof(rt));
	put_attr(&m, RTA_CACHEINFO, (uint32_t[]){ 1, 2, (uint32_t)-3, 4, 5, 6, 7, 8 }, 32);
	put_attr(&m, RTA_CACHEINFO, (uint32_t[]){ 1, 2 }, 8);
	put_u8(&m, RTA_PREF, 1);
	loop_back(fd, &m, self);
}

/* An interface's configuration, a neighbour table, statistics and a nexthop
 * request. */
static void crafted_tables(int fd, const struct sockaddr_nl *self)
{
	struct msgbuf m;
	struct netconfmsg nc = { .ncm_family = AF_INET };
	struct ndtmsg ndt = { .ndtm_family = AF_INET6 };
	struct ndt_config cfg = { 16, 336, 2, 100, 200, 0xabcd, 7, 0, 0 };
	struct if_stats_msg st = { .family = AF_UNSPEC, .ifindex = 1, .filter_mask = 0x1f | 0x100 };
	struct nhmsg nh = { .nh_family = AF_INET, .nh_scope = RT_SCOPE_LINK,
			    .nh_protocol = RTPROT_STATIC, .nh_flags = RTNH_F_ONLINK };

	begin_msg(&m, RTM_NEWNETCONF, &nc, sizeof(nc));
	put_u32(&m, NETCONFA_IFINDEX, (uint32_t)NETCONFA_IFINDEX_ALL);
	put_u32(&m, NETCONFA_FORWARDING, 1);
	put_u32(&m, NETCONFA_RP_FILTER, 2);
	loop_back(fd, &m, self);

	begin_msg(&m, RTM_NEWNEIGHTBL, &ndt, sizeof(ndt));
	put_attr(&m, NDTA_NAME, "ndisc_cache", 12);
	put_attr(&m, NDTA_GC_INTERVAL, &(uint64_t){ 30000 }, 8);
	put_attr(&m, NDTA_CONFIG, &cfg, sizeof(cfg));
	put_counters(&m, NDTA_STATS, 11, 8);
	begin_nest(&m, NDTA_PARMS);
	put_u32(&m, NDTPA_IFINDEX, 1);
	put_attr(&m, NDTPA_REACHABLE_TIME, &(uint64_t){ 30000 }, 8);
	put_u32(&m, NDTPA_QUEUE_LEN, 101);
	end_nest(&m);
	loop_back(fd, &m, self);

	begin_msg(&m, RTM_NEWSTATS, &st, sizeof(st));
	put_counters(&m, IFLA_STATS_LINK_64, 25, 8);
	begin_nest(&m, IFLA_STATS_LINK_OFFLOAD_XSTATS);
	put_u32(&m, 2, 0);
	end_nest(&m);
	loop_back(fd, &m, self);

	begin_msg(&m, RTM_GETNEXTHOP, &nh, sizeof(nh));
	loop_back(fd, &m, self);
}

/* The same messages on a socket of its own, bound to a port the kernel picks. */
static void crafted(void)
{
	int fd = nl_socket(NETLINK_ROUTE);
	struct sockaddr_nl self = { .nl_family = AF_NETLINK };
	socklen_t len = sizeof(self);

	if (fd < 0 || bind(fd, (struct sockaddr *)&self, sizeof(self)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&self, &len) < 0)
		return;
	crafted_link(fd, &self);
	crafted_neigh_rule_route(fd, &self);
	crafted_tables(fd, &self);
	close(fd);
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
	crafted();
	sock_diag_empty();
	pass_fd();
	batches();
	return 0;
}
