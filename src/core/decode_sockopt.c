/* Decoders for getsockopt and setsockopt: the level, the option's name in that
 * level, and its value, printed as strace prints them. getsockopt's value and
 * length are printed at exit; the length it had at entry is kept with the option
 * name (decoded at entry) so the exit can show "[8 => 4]". */
#include "decode_int.h"

#include <arpa/inet.h>
#include <limits.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "names.h"
#include "sockopt_names.h"

/* linux/icmp.h's, whose header clashes with net/if.h's */
#define ICMP_FILTER 1

/* The entry length could not be read: both pointers are printed as addresses. */
#define NO_LEN LLONG_MIN

static bool is_get(const struct sg_dctx *d)
{
	return d->c->nr == SYS_getsockopt;
}

static const struct sg_sockopt_level *level_of(unsigned level)
{
	for (const struct sg_sockopt_level *l = sg_sockopt_levels; l->level >= 0; l++)
		if (l->level == level)
			return l;
	return NULL;
}

void sg_kind_sockopt_level(struct sg_dctx *d)
{
	unsigned level = (unsigned)sg_arg(d, d->idx);

	for (const struct sg_flag *f = sg_sol_names; f->name; f++) {
		if (f->val == level) {
			sg_str_add(d->out, f->name);
			return;
		}
	}
	sg_str_addf(d->out, "%#x /* SOL_?? */", level);
}

/* The option's name; for getsockopt also the entry value of *optlen, kept in
 * this argument's number for the exit (NO_LEN when it cannot be read). */
void sg_kind_sockopt_name(struct sg_dctx *d)
{
	const struct sg_sockopt_level *l = level_of((unsigned)sg_arg(d, 1));
	unsigned name = (unsigned)sg_arg(d, d->idx);
	const struct sg_flag *f = l ? (is_get(d) ? l->get_names : l->set_names) : NULL;
	int len;

	for (; f && f->name; f++) {
		if (f->val == name) {
			sg_str_add(d->out, f->name);
			break;
		}
	}
	if (l && !(f && f->name))
		sg_str_addf(d->out, "%#x /* %s */", name, l->unknown);
	else if (!l)
		sg_str_add_uint(d->out, name);
	d->v->type = SG_VAL_TEXT;
	d->v->num = NO_LEN;
	if (is_get(d) && sg_arg(d, 4) &&
	    sg_call_read(d->c, sg_arg(d, 4), &len, sizeof(len)) == sizeof(len))
		d->v->num = len;
}

/* ---- values ---- */

/* SOL_SOCKET options whose value is an int: shorter values are not read. */
static bool sol_socket_int(unsigned name)
{
	switch (name) {
	case SO_DEBUG: case SO_REUSEADDR: case SO_DONTROUTE: case SO_BROADCAST:
	case SO_SNDBUF: case SO_RCVBUF: case SO_KEEPALIVE: case SO_OOBINLINE:
	case SO_NO_CHECK: case SO_PRIORITY: case SO_BSDCOMPAT: case SO_REUSEPORT:
	case SO_PASSCRED: case SO_RCVLOWAT: case SO_SNDLOWAT: case SO_DETACH_FILTER:
	case SO_TIMESTAMP_OLD: case SO_ACCEPTCONN: case SO_SNDBUFFORCE: case SO_RCVBUFFORCE:
	case SO_PASSSEC: case SO_TIMESTAMPNS_OLD: case SO_MARK: case SO_TIMESTAMPING_OLD:
	case SO_RXQ_OVFL: case SO_WIFI_STATUS: case SO_PEEK_OFF: case SO_NOFCS:
	case SO_LOCK_FILTER: case SO_SELECT_ERR_QUEUE: case SO_BUSY_POLL:
	case SO_INCOMING_CPU: case SO_CNX_ADVICE: case SO_INCOMING_NAPI_ID:
	case SO_ZEROCOPY: case SO_TIMESTAMP_NEW: case SO_TIMESTAMPNS_NEW:
	case SO_TIMESTAMPING_NEW: case SO_DETACH_REUSEPORT_BPF: case SO_PREFER_BUSY_POLL:
	case SO_BUSY_POLL_BUDGET: case SO_RESERVE_MEM: case SO_TXREHASH: case SO_RCVMARK:
		return true;
	}
	return false;
}

/* Bytes of a value that ends inside a field: "\x01\x61" (strace's partial field). */
static void print_hex_bytes(struct sg_str *out, const void *p, size_t n)
{
	sg_str_addc(out, '"');
	sg_str_add_escaped_hex(out, p, n, 2);
	sg_str_addc(out, '"');
}

/* [int] from the tracee; the address when it cannot be read. */
static void print_int_at(struct sg_dctx *d, uint64_t addr, unsigned name_xlat)
{
	static const struct sg_flag txrehash[] = {
		{ 255, "SOCK_TXREHASH_DEFAULT" }, { 0, "SOCK_TXREHASH_DISABLED" },
		{ 1, "SOCK_TXREHASH_ENABLED" }, SG_FLAG_END,
	};
	int v;

	if (sg_fetch(d, addr, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	if (name_xlat == SO_TXREHASH) {
		const struct sg_flag *f = txrehash;
		while (f->name && (int)f->val != v)
			f++;
		if (f->name)
			sg_str_add(d->out, f->name);
		else
			sg_str_addf(d->out, "%d /* SOCK_TXREHASH_??? */", v);
	} else {
		sg_str_add_int(d->out, v);
	}
	sg_str_addc(d->out, ']');
}

/* An int value of len bytes: the partial bytes when shorter than an int. */
static void print_int_len(struct sg_dctx *d, uint64_t addr, int len, unsigned name)
{
	unsigned char b[4];

	if (len >= 4) {
		print_int_at(d, addr, name);
	} else if (sg_fetch(d, addr, b, (size_t)len) == 0) {
		print_hex_bytes(d->out, b, (size_t)len);
	}
}

/* A struct of 32-bit fields, as far as len covers it. */
static void print_fields(struct sg_dctx *d, uint64_t addr, int len, const char *const *names,
			 const char *fmt)
{
	uint32_t f[4] = { 0 };
	int n = 0;

	while (names[n])
		n++;
	if (len > n * 4)
		len = n * 4;
	if (sg_fetch(d, addr, f, (size_t)len) < 0)
		return;
	sg_str_addc(d->out, '{');
	for (int i = 0; i < n && i * 4 < len; i++) {
		sg_str_addf(d->out, "%s%s=", i ? ", " : "", names[i]);
		if ((i + 1) * 4 <= len)
			sg_str_addf(d->out, fmt, f[i]);
		else
			print_hex_bytes(d->out, &f[i], (size_t)(len - i * 4));
	}
	sg_str_addc(d->out, '}');
}

static void print_icmp_filter(struct sg_dctx *d, uint64_t addr, int len)
{
	static const char *const types[] = {
		[ICMP_ECHOREPLY] = "ICMP_ECHOREPLY", [ICMP_DEST_UNREACH] = "ICMP_DEST_UNREACH",
		[ICMP_SOURCE_QUENCH] = "ICMP_SOURCE_QUENCH", [ICMP_REDIRECT] = "ICMP_REDIRECT",
		[ICMP_ECHO] = "ICMP_ECHO", [ICMP_TIME_EXCEEDED] = "ICMP_TIME_EXCEEDED",
		[ICMP_PARAMETERPROB] = "ICMP_PARAMETERPROB", [ICMP_TIMESTAMP] = "ICMP_TIMESTAMP",
		[ICMP_TIMESTAMPREPLY] = "ICMP_TIMESTAMPREPLY", [ICMP_INFO_REQUEST] = "ICMP_INFO_REQUEST",
		[ICMP_INFO_REPLY] = "ICMP_INFO_REPLY", [ICMP_ADDRESS] = "ICMP_ADDRESS",
		[ICMP_ADDRESSREPLY] = "ICMP_ADDRESSREPLY",
	};
	uint32_t data = ~0u; /* bytes past a short value count as set */
	const char *sep = "";

	if (len > 4)
		len = 4;
	if (len <= 0) {
		sg_print_ptr(d->out, sg_arg(d, 3));
		return;
	}
	if (sg_fetch(d, addr, &data, (size_t)len) < 0)
		return;
	sg_str_addc(d->out, '[');
	for (unsigned bit = 0; bit < 32; bit++) {
		if (!(data & (1u << bit)))
			continue;
		if (bit < sizeof(types) / sizeof(*types) && types[bit])
			sg_str_addf(d->out, "%s%s", sep, types[bit]);
		else
			sg_str_addf(d->out, "%s%#x /* ICMP_??? */", sep, bit);
		sep = " ";
	}
	sg_str_addc(d->out, ']');
}

/* The default: an int when it is exactly one, else the bytes as a string. */
static void print_default(struct sg_dctx *d, uint64_t addr, int len)
{
	if (len == (int)sizeof(int))
		print_int_at(d, addr, 0);
	else if (!addr)
		sg_str_add(d->out, "NULL");
	else
		sg_print_tracee_buf(d, addr, len < 0 ? 0 : (uint64_t)len);
}

/* ---- setsockopt ---- */

static void print_ip_mreq(struct sg_dctx *d, uint64_t addr, int len)
{
	struct ip_mreq m;
	char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];

	if (len < (int)sizeof(m)) {
		sg_print_ptr(d->out, addr);
		return;
	}
	if (sg_fetch(d, addr, &m, sizeof(m)) < 0)
		return;
	inet_ntop(AF_INET, &m.imr_multiaddr, a, sizeof(a));
	inet_ntop(AF_INET, &m.imr_interface, b, sizeof(b));
	sg_str_addf(d->out, "{imr_multiaddr=inet_addr(\"%s\"), imr_interface=inet_addr(\"%s\")}",
		    a, b);
}

static void print_ipv6_mreq(struct sg_dctx *d, uint64_t addr, int len)
{
	struct ipv6_mreq m;
	char a[INET6_ADDRSTRLEN], ifname[IF_NAMESIZE];

	if (len < (int)sizeof(m)) {
		sg_print_ptr(d->out, addr);
		return;
	}
	if (sg_fetch(d, addr, &m, sizeof(m)) < 0)
		return;
	inet_ntop(AF_INET6, &m.ipv6mr_multiaddr, a, sizeof(a));
	sg_str_addf(d->out, "{ipv6mr_multiaddr=inet_pton(AF_INET6, \"%s\"), ipv6mr_interface=", a);
	if (m.ipv6mr_interface && if_indextoname(m.ipv6mr_interface, ifname))
		sg_str_addf(d->out, "if_nametoindex(\"%s\")}", ifname);
	else
		sg_str_addf(d->out, "%u}", m.ipv6mr_interface);
}

static void print_tpacket_req(struct sg_dctx *d, uint64_t addr, int len)
{
	static const char *const names[] = { "tp_block_size", "tp_block_nr", "tp_frame_size",
					     "tp_frame_nr", NULL };

	if (len != (int)sizeof(struct tpacket_req))
		sg_print_ptr(d->out, addr);
	else
		print_fields(d, addr, len, names, "%u");
}

static void print_sock_fprog(struct sg_dctx *d, uint64_t addr, int len)
{
	struct sock_fprog p;

	if (len != (int)sizeof(p)) {
		sg_print_ptr(d->out, addr);
		return;
	}
	if (sg_fetch(d, addr, &p, sizeof(p)) < 0)
		return;
	sg_str_addf(d->out, "{len=%u, filter=", p.len);
	sg_print_ptr(d->out, (uint64_t)(uintptr_t)p.filter);
	sg_str_addc(d->out, '}');
}

/* Options with their own shape in a setsockopt; false for the default. */
static bool set_special(struct sg_dctx *d, unsigned level, unsigned name, uint64_t addr,
			int len)
{
	static const char *const linger[] = { "l_onoff", "l_linger", NULL };

	if (level == SOL_SOCKET && name == SO_LINGER) {
		if (len < 8)
			sg_print_ptr(d->out, addr);
		else
			print_fields(d, addr, 8, linger, "%d");
	} else if (level == SOL_SOCKET &&
		   (name == SO_ATTACH_FILTER || name == SO_ATTACH_REUSEPORT_CBPF)) {
		print_sock_fprog(d, addr, len);
	} else if (level == SOL_SOCKET && sol_socket_int(name)) {
		if (len < 4)
			sg_print_ptr(d->out, addr);
		else
			print_int_at(d, addr, name);
	} else if (level == SOL_IP && (name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP)) {
		print_ip_mreq(d, addr, len);
	} else if ((level == SOL_IP || level == SOL_IPV6) &&
		   (name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP)) {
		/* struct group_req is not decoded: its address */
		sg_print_ptr(d->out, addr);
	} else if (level == SOL_IPV6 &&
		   (name == IPV6_ADD_MEMBERSHIP || name == IPV6_DROP_MEMBERSHIP ||
		    name == IPV6_JOIN_ANYCAST || name == IPV6_LEAVE_ANYCAST)) {
		print_ipv6_mreq(d, addr, len);
	} else if (level == SOL_PACKET && (name == PACKET_RX_RING || name == PACKET_TX_RING)) {
		print_tpacket_req(d, addr, len);
	} else if (level == SOL_PACKET &&
		   (name == PACKET_ADD_MEMBERSHIP || name == PACKET_DROP_MEMBERSHIP)) {
		sg_print_ptr(d->out, addr); /* struct packet_mreq is not decoded */
	} else if (level == SOL_RAW && name == ICMP_FILTER) {
		print_icmp_filter(d, addr, len);
	} else if (level == SOL_NETLINK) {
		if (len < 4)
			sg_print_ptr(d->out, addr);
		else
			print_int_at(d, addr, 0);
	} else {
		return false;
	}
	return true;
}

void sg_kind_sockopt_val_in(struct sg_dctx *d)
{
	unsigned level = (unsigned)sg_arg(d, 1), name = (unsigned)sg_arg(d, 2);
	uint64_t addr = sg_arg(d, d->idx);
	int len = (int)sg_arg(d, 4);

	if (!addr) {
		sg_str_add(d->out, "NULL");
		return;
	}
	if (!set_special(d, level, name, addr, len))
		print_default(d, addr, len);
}

/* ---- getsockopt ---- */

static void print_so_error(struct sg_dctx *d, uint64_t addr, int len)
{
	int err;
	const char *name;

	if (len < 4) {
		print_int_len(d, addr, len, 0);
		return;
	}
	if (sg_fetch(d, addr, &err, sizeof(err)) < 0)
		return;
	name = err > 0 ? sg_errno_name(err) : NULL;
	if (name)
		sg_str_addf(d->out, "[%s]", name);
	else
		sg_str_addf(d->out, "[%u]", (unsigned)err);
}

/* NETLINK_LIST_MEMBERSHIPS: the group bitmap words, -s of them at most. */
static void print_u32_array(struct sg_dctx *d, uint64_t addr, int n)
{
	uint32_t w;

	sg_str_addc(d->out, '[');
	for (int i = 0; i < n; i++) {
		if (i == d->o->strsize) {
			sg_str_add(d->out, ", ...");
			break;
		}
		if (sg_call_read(d->c, addr + 4u * (unsigned)i, &w, 4) != 4) {
			sg_str_add(d->out, i ? ", ..." : "...");
			break;
		}
		sg_str_addf(d->out, "%s%u", i ? ", " : "", w);
	}
	sg_str_addc(d->out, ']');
}

static bool get_special(struct sg_dctx *d, unsigned level, unsigned name, uint64_t addr,
			int ulen, int rlen)
{
	static const char *const linger[] = { "l_onoff", "l_linger", NULL };
	static const char *const ucred[] = { "pid", "uid", "gid", NULL };
	static const char *const stats[] = { "tp_packets", "tp_drops", "tp_freeze_q_cnt", NULL };

	if (level == SOL_SOCKET && name == SO_LINGER)
		print_fields(d, addr, rlen, linger, "%d");
	else if (level == SOL_SOCKET && name == SO_PEERCRED)
		print_fields(d, addr, rlen, ucred, "%u");
	else if (level == SOL_SOCKET && name == SO_GET_FILTER)
		sg_print_ptr(d->out, addr); /* the filter program is not decoded */
	else if (level == SOL_SOCKET && name == SO_ERROR)
		print_so_error(d, addr, rlen);
	else if (level == SOL_SOCKET && sol_socket_int(name))
		print_int_len(d, addr, rlen, name);
	else if (level == SOL_PACKET && name == PACKET_STATISTICS)
		print_fields(d, addr, rlen, stats, "%u");
	else if (level == SOL_RAW && name == ICMP_FILTER)
		print_icmp_filter(d, addr, rlen);
	else if (level == SOL_NETLINK && name == NETLINK_LIST_MEMBERSHIPS)
		print_u32_array(d, addr, (ulen < rlen ? ulen : rlen) / 4);
	else if (level == SOL_NETLINK)
		print_int_at(d, addr, 0); /* an int, whatever the length */
	else
		return false;
	return true;
}

static long long entry_len(const struct sg_dctx *d)
{
	return d->c->vals[2].num;
}

/* getsockopt's optval, at exit of a successful call. */
void sg_kind_sockopt_val_out(struct sg_dctx *d)
{
	unsigned level = (unsigned)sg_arg(d, 1), name = (unsigned)sg_arg(d, 2);
	uint64_t addr = sg_arg(d, d->idx);
	long long ulen = entry_len(d);
	int rlen;

	if (ulen == NO_LEN ||
	    sg_call_read(d->c, sg_arg(d, 4), &rlen, sizeof(rlen)) != sizeof(rlen) ||
	    ulen <= 0 || rlen <= 0) {
		sg_print_ptr(d->out, addr);
		return;
	}
	if (!addr || !get_special(d, level, name, addr, (int)ulen, rlen))
		print_default(d, addr, rlen);
}

/* getsockopt's optlen: [in] or [in => out]; [in] alone when the call failed. */
void sg_kind_sockopt_len_out(struct sg_dctx *d)
{
	uint64_t addr = sg_arg(d, d->idx);
	long long ulen = entry_len(d);
	int rlen;

	if (ulen == NO_LEN) {
		sg_print_ptr(d->out, addr);
		return;
	}
	if (d->c->is_error || sg_call_read(d->c, addr, &rlen, sizeof(rlen)) != sizeof(rlen) ||
	    rlen == ulen)
		sg_str_addf(d->out, "[%lld]", ulen);
	else
		sg_str_addf(d->out, "[%lld => %d]", ulen, rlen);
}
