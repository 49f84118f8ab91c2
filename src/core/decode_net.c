/* Decoders for sockets: families, types and socket addresses. */
#include "decode_int.h"

#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "netlink_names.h"

static const struct sg_flag families[] = {
	SG_FLAG(AF_UNSPEC), SG_FLAG(AF_UNIX),	 SG_FLAG(AF_INET),   SG_FLAG(AF_INET6),
	SG_FLAG(AF_NETLINK), SG_FLAG(AF_PACKET), SG_FLAG(AF_BLUETOOTH), SG_FLAG(AF_ALG),
	SG_FLAG(AF_VSOCK),  SG_FLAG(AF_XDP),	 SG_FLAG_END,
};

void sg_kind_sock_family(struct sg_dctx *d)
{
	sg_print_xlat(d->out, families, (int)sg_arg(d, d->idx));
}

void sg_kind_sock_type(struct sg_dctx *d)
{
	static const struct sg_flag types[] = {
		SG_FLAG(SOCK_STREAM), SG_FLAG(SOCK_DGRAM),     SG_FLAG(SOCK_RAW),
		SG_FLAG(SOCK_RDM),    SG_FLAG(SOCK_SEQPACKET), SG_FLAG(SOCK_PACKET),
		SG_FLAG_END,
	};
	static const struct sg_flag flags[] = {
		SG_FLAG(SOCK_CLOEXEC), SG_FLAG(SOCK_NONBLOCK), SG_FLAG_END,
	};
	unsigned v = (unsigned)sg_arg(d, d->idx);
	unsigned type = v & 0xf, rest = v & ~0xfu;

	if (type) {
		sg_print_xlat(d->out, types, type);
		if (rest)
			sg_str_addc(d->out, '|');
	}
	if (rest || !type)
		sg_print_flags(d->out, flags, rest, "0");
}

/* A socket's protocol: named for the IP families, as strace (IPPROTO_TCP, and
 * IPPROTO_IP for 0), a number for the others. */
void sg_kind_sock_proto(struct sg_dctx *d)
{
	static const struct sg_flag ip[] = {
		SG_FLAG(IPPROTO_IP),	 SG_FLAG(IPPROTO_ICMP),	  SG_FLAG(IPPROTO_TCP),
		SG_FLAG(IPPROTO_UDP),	 SG_FLAG(IPPROTO_IPV6),	  SG_FLAG(IPPROTO_ICMPV6),
		SG_FLAG(IPPROTO_SCTP),	 SG_FLAG(IPPROTO_UDPLITE), SG_FLAG(IPPROTO_RAW),
		SG_FLAG(IPPROTO_MPTCP), SG_FLAG_END,
	};
	uint64_t family = sg_arg(d, 0);
	int v = (int)sg_arg(d, d->idx);

	if (family == AF_INET || family == AF_INET6)
		sg_print_xlat(d->out, ip, v);
	else if (family == AF_NETLINK)
		sg_print_xval(d->out, sg_netlink_protocols, (unsigned)v, "NETLINK_???");
	else
		sg_str_add_int(d->out, v);
}

static void print_inet(struct sg_str *out, const struct sockaddr_in *in)
{
	char ip[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &in->sin_addr, ip, sizeof(ip));
	sg_str_addf(out, "sin_port=htons(%u), sin_addr=inet_addr(\"%s\")", ntohs(in->sin_port),
		    ip);
}

static void print_inet6(struct sg_str *out, const struct sockaddr_in6 *in6)
{
	char ip[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof(ip));
	sg_str_addf(out,
		    "sin6_port=htons(%u), sin6_flowinfo=htonl(%u), inet_pton(AF_INET6, \"%s\", "
		    "&sin6_addr), sin6_scope_id=%u",
		    ntohs(in6->sin6_port), ntohl(in6->sin6_flowinfo), ip, in6->sin6_scope_id);
}

static void print_unix(struct sg_str *out, const struct sockaddr_un *un, size_t len)
{
	size_t off = offsetof(struct sockaddr_un, sun_path);
	size_t n = len > off ? len - off : 0;

	if (n > sizeof(un->sun_path))
		n = sizeof(un->sun_path);
	if (n == 0)
		return;
	sg_str_add(out, "sun_path=");
	if (un->sun_path[0] == '\0') {
		/* Abstract socket names start with a NUL byte. */
		sg_str_add(out, "@\"");
		sg_str_add_escaped(out, (const unsigned char *)un->sun_path + 1, n - 1);
	} else {
		sg_str_addc(out, '"');
		sg_str_add_escaped(out, (const unsigned char *)un->sun_path,
				   strnlen(un->sun_path, n));
	}
	sg_str_addc(out, '"');
}

static void print_sockaddr(struct sg_dctx *d, uint64_t addr, int64_t len)
{
	struct sockaddr_storage ss;

	if (!addr) {
		sg_str_add(d->out, "NULL");
		return;
	}
	if (len <= 0 || len > (int64_t)sizeof(ss)) {
		sg_print_ptr(d->out, addr);
		return;
	}
	memset(&ss, 0, sizeof(ss));
	if (sg_fetch(d, addr, &ss, (size_t)len) < 0)
		return;
	sg_str_add(d->out, "{sa_family=");
	sg_print_xlat(d->out, families, ss.ss_family);
	sg_str_add(d->out, ", ");
	switch (ss.ss_family) {
	case AF_INET:
		print_inet(d->out, (struct sockaddr_in *)&ss);
		break;
	case AF_INET6:
		print_inet6(d->out, (struct sockaddr_in6 *)&ss);
		break;
	case AF_UNIX:
		print_unix(d->out, (struct sockaddr_un *)&ss, (size_t)len);
		break;
	case AF_NETLINK: {
		struct sockaddr_nl *nl = (struct sockaddr_nl *)&ss;
		if (nl->nl_pad) /* padding a program left unset: strace shows it */
			sg_str_addf(d->out, "nl_pad=%#x, ", nl->nl_pad);
		sg_str_addf(d->out, "nl_pid=%u, nl_groups=%08x", nl->nl_pid, nl->nl_groups);
		break;
	}
	default:
		sg_str_add(d->out, "sa_data=...");
	}
	if (d->out->len >= 2 && d->out->s[d->out->len - 2] == ',')
		d->out->len -= 2;
	sg_str_addc(d->out, '}');
}

/* connect/bind/sendto: the length is the next argument, by value. */
void sg_kind_sockaddr(struct sg_dctx *d)
{
	int64_t len = d->idx + 1 < d->c->nargs ? (int)sg_arg(d, d->idx + 1) : 0;

	print_sockaddr(d, sg_arg(d, d->idx), len);
}

/* accept/getsockname/recvfrom: the length is an in/out int the kernel filled in. */
void sg_kind_sockaddr_out(struct sg_dctx *d)
{
	int len = 0;
	uint64_t lenp = d->idx + 1 < d->c->nargs ? sg_arg(d, d->idx + 1) : 0;

	if (lenp && sg_call_read(d->c, lenp, &len, sizeof(len)) != sizeof(len))
		len = 0;
	print_sockaddr(d, sg_arg(d, d->idx), len);
}

void sg_kind_socklen(struct sg_dctx *d)
{
	int len;
	uint64_t addr = sg_arg(d, d->idx);

	if (!addr) {
		sg_str_add(d->out, "NULL");
		return;
	}
	if (sg_fetch(d, addr, &len, sizeof(len)) < 0)
		return;
	if (d->v->has_in && d->v->in != len) /* the kernel changed it: both, as strace */
		sg_str_addf(d->out, "[%lld => %d]", d->v->in, len);
	else
		sg_str_addf(d->out, "[%d]", len);
}

void sg_print_sockaddr(struct sg_dctx *d, uint64_t addr, int64_t len)
{
	print_sockaddr(d, addr, len);
}
