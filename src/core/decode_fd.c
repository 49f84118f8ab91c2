/* File descriptors as -y and -yy show them: the path behind each, and with -yy a
 * socket's endpoints, a device's numbers and a pidfd's process.
 *
 * Everything is read from /proc/PID of the traced process, so a socket is looked
 * up in the process's own network namespace, not sysgate's. */
#include "decode_int.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

/* One line of /proc/PID/net/{tcp,udp}{,6}: the endpoints of socket ino. */
struct inet_row {
	char local[64], remote[64];
	unsigned lport, rport;
};

/* The kernel prints each 32-bit word of an address in host order, in hex. */
static bool parse_addr(const char *hex, bool v6, char *out, size_t size)
{
	unsigned char bytes[16];
	size_t words = v6 ? 4 : 1;

	if (strlen(hex) != words * 8)
		return false;
	for (size_t w = 0; w < words; w++) {
		char chunk[9];
		memcpy(chunk, hex + w * 8, 8);
		chunk[8] = '\0';
		uint32_t word = (uint32_t)strtoul(chunk, NULL, 16);
		memcpy(bytes + w * 4, &word, 4);
	}
	return inet_ntop(v6 ? AF_INET6 : AF_INET, bytes, out, (socklen_t)size) != NULL;
}

static bool inet_find(pid_t pid, const char *table, bool v6, unsigned long ino, struct inet_row *r)
{
	char path[64], line[512], lhex[40], rhex[40];
	unsigned long inode;
	bool found = false;

	snprintf(path, sizeof(path), "/proc/%d/net/%s", pid, table);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, " %*d: %39[0-9A-Fa-f]:%x %39[0-9A-Fa-f]:%x %*x %*s %*s %*s %*u %*d %lu",
			       lhex, &r->lport, rhex, &r->rport, &inode) == 5 &&
			inode == ino && parse_addr(lhex, v6, r->local, sizeof(r->local)) &&
			parse_addr(rhex, v6, r->remote, sizeof(r->remote));
	fclose(f);
	return found;
}

static void add_endpoint(struct sg_str *out, const char *addr, unsigned port, bool v6)
{
	sg_str_addf(out, v6 ? "[%s]:%u" : "%s:%u", addr, port);
}

static void add_inet(struct sg_str *out, const char *name, bool v6, const char *local,
		     unsigned lport, const char *remote, unsigned rport, unsigned long ino)
{
	sg_str_addf(out, "%s:[", name);
	if (!lport && !rport)
		sg_str_addf(out, "%lu", ino); /* neither bound nor connected */
	else
		add_endpoint(out, local, lport, v6);
	if (rport) {
		sg_str_add(out, "->");
		add_endpoint(out, remote, rport, v6);
	}
	sg_str_addc(out, ']');
}

/* From the kernel's tables: a socket once bound or connected. */
static bool inet_from_tables(pid_t pid, unsigned long ino, struct sg_str *out)
{
	static const struct { const char *table, *name; bool v6; } protos[] = {
		{ "tcp", "TCP", false }, { "tcp6", "TCPv6", true },
		{ "udp", "UDP", false }, { "udp6", "UDPv6", true },
	};
	struct inet_row r;

	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if (inet_find(pid, protos[i].table, protos[i].v6, ino, &r)) {
			add_inet(out, protos[i].name, protos[i].v6, r.local, r.lport, r.remote,
				 r.rport, ino);
			return true;
		}
	return false;
}

static bool sockaddr_text(const struct sockaddr_storage *ss, char *addr, size_t size,
			  unsigned *port)
{
	const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;

	if (ss->ss_family == AF_INET) {
		*port = ntohs(in->sin_port);
		return inet_ntop(AF_INET, &in->sin_addr, addr, (socklen_t)size) != NULL;
	}
	if (ss->ss_family == AF_INET6) {
		*port = ntohs(in6->sin6_port);
		return inet_ntop(AF_INET6, &in6->sin6_addr, addr, (socklen_t)size) != NULL;
	}
	return false;
}

/* The socket itself, borrowed from the process (pidfd_getfd): also a socket that
 * is bound but in no table yet, and whatever namespace the process is in. */
static bool inet_from_socket(int sock, unsigned long ino, struct sg_str *out)
{
	struct sockaddr_storage local = { 0 }, remote = { 0 };
	socklen_t llen = sizeof(local), rlen = sizeof(remote), olen = sizeof(int);
	char laddr[64] = "", raddr[64] = "";
	unsigned lport = 0, rport = 0;
	int proto = 0;

	if (getsockopt(sock, SOL_SOCKET, SO_PROTOCOL, &proto, &olen) < 0 ||
	    getsockname(sock, (struct sockaddr *)&local, &llen) < 0 ||
	    !sockaddr_text(&local, laddr, sizeof(laddr), &lport))
		return false;
	if (proto != IPPROTO_TCP && proto != IPPROTO_UDP)
		return false;
	if (getpeername(sock, (struct sockaddr *)&remote, &rlen) == 0)
		sockaddr_text(&remote, raddr, sizeof(raddr), &rport);
	bool v6 = local.ss_family == AF_INET6;
	const char *name = proto == IPPROTO_TCP ? (v6 ? "TCPv6" : "TCP") : (v6 ? "UDPv6" : "UDP");
	add_inet(out, name, v6, laddr, lport, raddr, rport, ino);
	return true;
}

/* TCP:[127.0.0.1:80->127.0.0.1:4242], TCP:[127.0.0.1:80] (not connected), or
 * TCP:[INODE] (neither bound nor connected). */
static bool inet_endpoints(pid_t pid, int fd, unsigned long ino, struct sg_str *out)
{
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	int sock = pidfd >= 0 ? (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0) : -1;
	bool done = sock >= 0 && inet_from_socket(sock, ino, out);

	if (sock >= 0)
		close(sock);
	if (pidfd >= 0)
		close(pidfd);
	return done || inet_from_tables(pid, ino, out);
}

/* The inode of the other end of a connected UNIX socket, from sock_diag (which
 * answers for sysgate's network namespace: 0 when the peer is not found there). */
static unsigned long unix_peer(unsigned long ino)
{
	struct {
		struct nlmsghdr nlh;
		struct unix_diag_req req;
	} q = {
		.nlh = { .nlmsg_len = sizeof(q), .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST },
		.req = { .sdiag_family = AF_UNIX, .udiag_states = ~0u, .udiag_ino = (__u32)ino,
			 .udiag_show = UDIAG_SHOW_PEER, .udiag_cookie = { ~0u, ~0u } },
	};
	union { struct nlmsghdr h; char buf[1024]; } a;
	unsigned long peer = 0;
	int s = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);

	if (s < 0)
		return 0;
	ssize_t n = send(s, &q, sizeof(q), 0) == (ssize_t)sizeof(q) ? recv(s, &a, sizeof(a), 0) : -1;
	close(s);
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(struct unix_diag_msg)) || !NLMSG_OK(&a.h, (size_t)n) ||
	    a.h.nlmsg_type != SOCK_DIAG_BY_FAMILY)
		return 0;
	const struct unix_diag_msg *m = NLMSG_DATA(&a.h);
	size_t left = a.h.nlmsg_len - NLMSG_LENGTH(sizeof(*m));
	const char *at = (const char *)(m + 1);
	while (left >= NLA_HDRLEN) {
		struct nlattr attr;
		memcpy(&attr, at, sizeof(attr));
		if (attr.nla_len < NLA_HDRLEN || attr.nla_len > left)
			break;
		if ((attr.nla_type & NLA_TYPE_MASK) == UNIX_DIAG_PEER && attr.nla_len >= NLA_HDRLEN + 4) {
			uint32_t p;
			memcpy(&p, at + NLA_HDRLEN, sizeof(p));
			peer = p;
		}
		size_t step = NLA_ALIGN(attr.nla_len);
		if (step >= left)
			break;
		left -= step;
		at += step;
	}
	return peer;
}

/* Peers seen, so that an end still shows its peer after the peer was closed. */
static struct { unsigned long ino, peer; } peers[64];
static unsigned next_peer;

static unsigned long known_peer(unsigned long ino)
{
	const size_t n = sizeof(peers) / sizeof(peers[0]);
	unsigned long peer = unix_peer(ino);

	for (size_t i = 0; i < n; i++)
		if (peers[i].ino == ino) {
			if (peer)
				peers[i].peer = peer;
			return peers[i].peer;
		}
	if (peer) {
		peers[next_peer % n].ino = ino;
		peers[next_peer++ % n].peer = peer;
	}
	return peer;
}

/* UNIX-STREAM:[INODE], with ->PEER when connected and ,"path" when bound. */
static bool unix_endpoints(pid_t pid, unsigned long ino, struct sg_str *out)
{
	static const char *const types[] = { [1] = "STREAM", [2] = "DGRAM", [5] = "SEQPACKET" };
	char path[64], line[4096 + 128], name[4096 + 1] = "";
	unsigned type = 0;
	unsigned long inode;
	bool found = false;

	snprintf(path, sizeof(path), "/proc/%d/net/unix", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		name[0] = '\0';
		found = sscanf(line, "%*s %*x %*x %*x %x %*x %lu %4096[^\n]", &type, &inode, name) >= 2 &&
			inode == ino;
	}
	fclose(f);
	if (!found)
		return false;
	unsigned long peer = known_peer(ino);
	sg_str_addf(out, "UNIX-%s:[%lu", type < 6 && types[type] ? types[type] : "UNKNOWN", ino);
	if (peer)
		sg_str_addf(out, "->%lu", peer);
	if (name[0]) {
		bool abstract = name[0] == '@'; /* the kernel shows the leading NUL as '@' */
		sg_str_add(out, abstract ? ",@\"" : ",\"");
		sg_str_add_escaped(out, (unsigned char *)name + abstract, strlen(name) - abstract);
		sg_str_addc(out, '"');
	}
	sg_str_addc(out, ']');
	return true;
}

/* pid:N for a pidfd, from its fdinfo. */
static bool pidfd_process(pid_t pid, int fd, struct sg_str *out)
{
	char path[64], line[128];
	int target = -1;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	while (target < 0 && fgets(line, sizeof(line), f))
		if (sscanf(line, "Pid: %d", &target) != 1)
			target = -1;
	fclose(f);
	if (target < 0)
		return false;
	sg_str_addf(out, "pid:%d", target);
	return true;
}

/* A socket in no table yet (created, not bound): the kernel still names its
 * protocol ("TCP", "UDPv6", "UNIX"), so it shows as TCP:[INODE]. */
static bool socket_protocol(pid_t pid, int fd, unsigned long ino, struct sg_str *out)
{
	char link[64], proto[32];

	snprintf(link, sizeof(link), "/proc/%d/fd/%d", pid, fd);
	ssize_t n = getxattr(link, "system.sockprotoname", proto, sizeof(proto) - 1);
	if (n <= 0)
		return false;
	proto[n] = '\0';
	if (strcmp(proto, "UNIX") == 0)
		return false; /* listed in /proc/net/unix from the start, with its type */
	sg_str_addf(out, "%s:[%lu]", proto, ino);
	return true;
}

/* What -yy adds in place of the plain path; false when it has nothing to add. */
static bool fd_details(const struct sg_dctx *d, int fd, const char *target, struct sg_str *out)
{
	unsigned want = d->o->fd_details;
	unsigned long ino;
	char link[64];
	struct stat st;

	if ((want & SG_FD_SOCKET) && sscanf(target, "socket:[%lu]", &ino) == 1)
		return inet_endpoints(d->c->pid, fd, ino, out) || unix_endpoints(d->c->pid, ino, out) ||
		       socket_protocol(d->c->pid, fd, ino, out);
	if ((want & SG_FD_PIDFD) && strcmp(target, "anon_inode:[pidfd]") == 0)
		return pidfd_process(d->c->pid, fd, out);
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", d->c->pid, fd);
	if ((want & SG_FD_DEV) && target[0] == '/' && stat(link, &st) == 0 &&
	    (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))) {
		sg_str_add_escaped(out, (const unsigned char *)target, strlen(target));
		sg_str_addf(out, "<%s %u:%u>", S_ISCHR(st.st_mode) ? "char" : "block",
			    major(st.st_rdev), minor(st.st_rdev));
		return true;
	}
	return false;
}

void sg_print_cwd(struct sg_dctx *d)
{
	char link[64], target[4096];

	snprintf(link, sizeof(link), "/proc/%d/cwd", d->c->pid);
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return;
	sg_str_addc(d->out, '<');
	sg_str_add_escaped(d->out, (unsigned char *)target, (size_t)n);
	sg_str_addc(d->out, '>');
}

void sg_print_fd(struct sg_dctx *d, int fd)
{
	char link[64], target[4096];
	struct sg_str details = { 0 };

	sg_str_add_int(d->out, fd);
	d->v->type = SG_VAL_NUM;
	d->v->num = fd;
	if (!d->o->fd_details || fd < 0)
		return;
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", d->c->pid, fd);
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return;
	target[n] = '\0';
	bool detailed = fd_details(d, fd, target, &details);
	if (!detailed && !(d->o->fd_details & SG_FD_PATH)) { /* --decode-fds=socket alone */
		sg_str_free(&details);
		return;
	}
	sg_str_addc(d->out, '<');
	if (detailed)
		sg_str_add(d->out, details.s);
	else
		sg_str_add_escaped(d->out, (unsigned char *)target, (size_t)n);
	sg_str_addc(d->out, '>');
	sg_str_free(&details);
	d->v->type = SG_VAL_TEXT;
}
