/* Sets and reads socket options on loopback TCP, UDP, IPv6, UNIX and netlink
 * sockets, so a trace of getsockopt and setsockopt can be compared with strace's.
 * Every call's result is ignored: the trace is what matters. */
#include <linux/filter.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static void set_int(int fd, int level, int name, int v)
{
	setsockopt(fd, level, name, &v, sizeof(v));
}

static void get_len(int fd, int level, int name, socklen_t len)
{
	char buf[512];
	socklen_t l = len;

	memset(buf, 0, sizeof(buf));
	getsockopt(fd, level, name, buf, &l);
}

static void get(int fd, int level, int name)
{
	get_len(fd, level, name, sizeof(int));
}

static void socket_level(int fd)
{
	struct linger lg = { 1, 5 };
	struct timeval tv = { 1, 500 };

	set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1);
	get(fd, SOL_SOCKET, SO_REUSEADDR);
	set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
	set_int(fd, SOL_SOCKET, SO_RCVBUF, 65536);
	get(fd, SOL_SOCKET, SO_RCVBUF);
	get(fd, SOL_SOCKET, SO_TYPE);
	get(fd, SOL_SOCKET, SO_DOMAIN);
	get(fd, SOL_SOCKET, SO_PROTOCOL);
	get(fd, SOL_SOCKET, SO_ERROR);
	get(fd, SOL_SOCKET, SO_ACCEPTCONN);
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	get_len(fd, SOL_SOCKET, SO_LINGER, sizeof(lg));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	get_len(fd, SOL_SOCKET, SO_RCVTIMEO, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	get_len(fd, SOL_SOCKET, SO_SNDTIMEO, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
	get_len(fd, SOL_SOCKET, SO_BINDTODEVICE, 16);
	/* a longer buffer than the value: the kernel shortens the length */
	get_len(fd, SOL_SOCKET, SO_SNDBUF, 8);
	/* an unknown option fails: the value's address is shown */
	get(fd, SOL_SOCKET, 4242);
	set_int(fd, SOL_SOCKET, 4242, 7);
	/* a short value */
	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, "\1", 1);
	get_len(fd, SOL_SOCKET, SO_KEEPALIVE, 2);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, NULL, 0);
	getsockopt(fd, SOL_SOCKET, SO_TYPE, NULL, NULL);
}

static void tcp_level(int fd)
{
	set_int(fd, IPPROTO_TCP, TCP_NODELAY, 1);
	get(fd, IPPROTO_TCP, TCP_NODELAY);
	get(fd, IPPROTO_TCP, TCP_MAXSEG);
	set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, 30);
	get_len(fd, IPPROTO_TCP, TCP_INFO, sizeof(struct tcp_info));
	setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "reno", 4);
	get_len(fd, IPPROTO_TCP, TCP_CONGESTION, 16);
	set_int(fd, IPPROTO_IP, IP_TOS, 0x10);
	get(fd, IPPROTO_IP, IP_TOS);
	set_int(fd, IPPROTO_IP, IP_TTL, 33);
	get(fd, IPPROTO_IP, IP_TTL);
}

static void filter(int fd)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_fprog prog = { 4, code };

	setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
	setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, NULL, 0);
}

static void other_levels(void)
{
	int udp = socket(AF_INET, SOCK_DGRAM, 0);
	int v6 = socket(AF_INET6, SOCK_STREAM, 0);
	int un[2];
	int nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);

	set_int(udp, SOL_SOCKET, SO_BROADCAST, 1);
	get(udp, SOL_SOCKET, SO_TYPE);
	set_int(udp, IPPROTO_UDP, UDP_CORK, 1);
	get(udp, IPPROTO_UDP, UDP_CORK);
	filter(udp);
	set_int(v6, IPPROTO_IPV6, IPV6_V6ONLY, 1);
	get(v6, IPPROTO_IPV6, IPV6_V6ONLY);
	get(v6, SOL_SOCKET, SO_DOMAIN);
	set_int(v6, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 9);
	socketpair(AF_UNIX, SOCK_STREAM, 0, un);
	set_int(un[0], SOL_SOCKET, SO_PASSCRED, 1);
	get_len(un[0], SOL_SOCKET, SO_PEERCRED, sizeof(struct ucred));
	get(un[0], SOL_SOCKET, SO_DOMAIN);
	get(un[0], SOL_SOCKET, SO_PROTOCOL);
	set_int(nl, SOL_NETLINK, NETLINK_PKTINFO, 1);
	get(nl, SOL_NETLINK, NETLINK_PKTINFO);
	set_int(nl, SOL_NETLINK, NETLINK_EXT_ACK, 1);
	get(nl, SOL_SOCKET, SO_PROTOCOL);
	set_int(nl, 999, 1, 1);
}

/* Every option number 0..300 of the levels with named options, by name only. */
static void names(void)
{
	static const int levels[] = { SOL_IP, SOL_SOCKET, SOL_TCP, SOL_UDP, 40, SOL_IPV6,
				      SOL_RAW, SOL_PACKET, SOL_NETLINK, SOL_TLS, SOL_XDP,
				      SOL_ALG, 58, 999 };

	for (size_t i = 0; i < sizeof(levels) / sizeof(*levels); i++) {
		for (int o = 0; o <= 300; o++) {
			setsockopt(-1, levels[i], o, NULL, 0);
			getsockopt(-1, levels[i], o, NULL, NULL);
		}
	}
}

int main(int argc, char **argv)
{
	int tcp;

	if (argc > 1 && strcmp(argv[1], "names") == 0) {
		names();
		return 0;
	}
	tcp = socket(AF_INET, SOCK_STREAM, 0);
	socket_level(tcp);
	tcp_level(tcp);
	other_levels();
	return 0;
}
