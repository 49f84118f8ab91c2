/* The family headers of NETLINK_ROUTE (ifinfomsg, ifaddrmsg, rtmsg, ndmsg,
 * fib_rule_hdr, netconfmsg, ndtmsg, if_stats_msg, nhmsg; their attributes in
 * decode_netlink_rtattr.c) and of
 * NETLINK_SOCK_DIAG requests (inet_diag_req_v2, unix_diag_req), with the
 * attributes that follow them. A header shorter than its struct shows its family
 * and "..."; a message type without a decoder shows its family and its bytes. */
#include "decode_netlink.h"

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
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink_names.h"

/* "{name=AF_INET, " and whether the whole struct of size bytes is there; when it
 * is not, the struct ends with "...}". */
static bool begin_struct(struct sg_nl *nl, const char *name, size_t off, size_t len,
			 size_t size)
{
	sg_str_addf(nl->d->out, "{%s=", name);
	sg_print_xval(nl->d->out, sg_af_names, nl->buf[off], "AF_???");
	sg_str_add(nl->d->out, ", ");
	if (len >= size && sg_nl_has(nl, off, size))
		return true;
	if (len >= size)
		sg_print_ptr(nl->d->out, nl->addr + off);
	else
		sg_str_add(nl->d->out, "...");
	sg_str_addc(nl->d->out, '}');
	return false;
}

/* The attributes after a family header of size bytes. */
static void end_struct(struct sg_nl *nl, size_t off, size_t len, size_t size,
		       const struct sg_nla_policy *pol, int family)
{
	sg_str_addc(nl->d->out, '}');
	if (len > NLMSG_ALIGN(size)) {
		sg_str_add(nl->d->out, ", ");
		sg_nl_print_attrs(nl, off + NLMSG_ALIGN(size), len - NLMSG_ALIGN(size), pol,
				  family);
	}
}

static void print_ifinfomsg(struct sg_nl *nl, size_t off, size_t len)
{
	struct ifinfomsg m;
	struct sg_str *out = nl->d->out;

	if (!begin_struct(nl, "ifi_family", off, len, sizeof(m)))
		return;
	memcpy(&m, nl->buf + off, sizeof(m));
	sg_str_add(out, "ifi_type=");
	sg_print_xval(out, sg_arphrd_names, m.ifi_type, "ARPHRD_???");
	sg_str_add(out, ", ifi_index=");
	sg_nl_print_ifindex(out, (unsigned)m.ifi_index);
	sg_str_add(out, ", ifi_flags=");
	sg_print_flags(out, sg_iff_flags, m.ifi_flags, "0");
	sg_str_addf(out, m.ifi_change ? ", ifi_change=%#x" : ", ifi_change=0", m.ifi_change);
	end_struct(nl, off, len, sizeof(m), &sg_nl_ifla, m.ifi_family);
}

static void print_ifaddrmsg(struct sg_nl *nl, size_t off, size_t len)
{
	struct ifaddrmsg m;
	struct sg_str *out = nl->d->out;

	if (!begin_struct(nl, "ifa_family", off, len, sizeof(m)))
		return;
	memcpy(&m, nl->buf + off, sizeof(m));
	sg_str_addf(out, "ifa_prefixlen=%u, ifa_flags=", m.ifa_prefixlen);
	sg_print_flags(out, sg_ifa_flags, m.ifa_flags, "0");
	sg_str_add(out, ", ifa_scope=");
	sg_print_xval(out, sg_rt_scopes, m.ifa_scope, "RT_SCOPE_???");
	sg_str_add(out, ", ifa_index=");
	sg_nl_print_ifindex(out, m.ifa_index);
	end_struct(nl, off, len, sizeof(m), &sg_nl_ifa, m.ifa_family);
}

static void print_rtmsg(struct sg_nl *nl, size_t off, size_t len)
{
	struct rtmsg m;
	struct sg_str *out = nl->d->out;

	if (!begin_struct(nl, "rtm_family", off, len, sizeof(m)))
		return;
	memcpy(&m, nl->buf + off, sizeof(m));
	sg_str_addf(out, "rtm_dst_len=%u, rtm_src_len=%u, rtm_tos=", m.rtm_dst_len,
		    m.rtm_src_len);
	sg_nl_print_flags(out, sg_iptos_flags, m.rtm_tos, "0", "IPTOS_TOS_???");
	sg_str_add(out, ", rtm_table=");
	sg_nl_print_rt_table(out, m.rtm_table);
	sg_str_add(out, ", rtm_protocol=");
	sg_print_xval(out, sg_rtprot_names, m.rtm_protocol, "RTPROT_???");
	sg_str_add(out, ", rtm_scope=");
	sg_print_xval(out, sg_rt_scopes, m.rtm_scope, "RT_SCOPE_???");
	sg_str_add(out, ", rtm_type=");
	sg_print_xval(out, sg_rtn_types, m.rtm_type, "RTN_???");
	sg_str_add(out, ", rtm_flags=");
	sg_print_flags(out, sg_rtm_f_flags, m.rtm_flags, "0");
	end_struct(nl, off, len, sizeof(m), &sg_nl_rta, m.rtm_family);
}

static void print_ndmsg(struct sg_nl *nl, size_t off, size_t len)
{
	struct ndmsg m;
	struct sg_str *out = nl->d->out;

	if (!begin_struct(nl, "ndm_family", off, len, sizeof(m)))
		return;
	memcpy(&m, nl->buf + off, sizeof(m));
	sg_str_add(out, "ndm_ifindex=");
	sg_nl_print_ifindex(out, (unsigned)m.ndm_ifindex);
	sg_str_add(out, ", ndm_state=");
	sg_nl_print_flags(out, sg_nud_flags, m.ndm_state, "NUD_NONE", "NUD_???");
	sg_str_add(out, ", ndm_flags=");
	sg_print_flags(out, sg_ntf_flags, m.ndm_flags, "0");
	sg_str_add(out, ", ndm_type=");
	sg_print_xval(out, sg_rtn_types, m.ndm_type, "RTN_???");
	end_struct(nl, off, len, sizeof(m), &sg_nl_nda, m.ndm_family);
}

static void print_fib_rule_hdr(struct sg_nl *nl, size_t off, size_t len)
{
	struct fib_rule_hdr m;
	struct sg_str *out = nl->d->out;

	if (!begin_struct(nl, "family", off, len, sizeof(m)))
		return;
	memcpy(&m, nl->buf + off, sizeof(m));
	sg_str_addf(out, "dst_len=%u, src_len=%u, tos=", m.dst_len, m.src_len);
	sg_nl_print_flags(out, sg_iptos_flags, m.tos, "0", "IPTOS_TOS_???");
	/* unlike rtm_table, an unnamed table here has its comment */
	sg_str_add(out, ", table=");
	sg_print_xval(out, sg_rt_tables, m.table, "RT_TABLE_???");
	sg_str_add(out, ", action=");
	sg_print_xval(out, sg_fr_act_names, m.action, "FR_ACT_???");
	sg_str_add(out, ", flags=");
	sg_nl_print_flags(out, sg_fib_rule_flags, m.flags, "0", "FIB_RULE_???");
	end_struct(nl, off, len, sizeof(m), &sg_nl_fra, m.family);
}

/* The attributes after a header of size bytes that is shown whole. */
static void print_attrs_after(struct sg_nl *nl, size_t off, size_t len, size_t size,
			      const struct sg_nla_policy *pol, int family)
{
	if (len > NLMSG_ALIGN(size)) {
		sg_str_add(nl->d->out, ", ");
		sg_nl_print_attrs(nl, off + NLMSG_ALIGN(size), len - NLMSG_ALIGN(size), pol,
				  family);
	}
}

/* struct netconfmsg: a family alone */
static void print_netconfmsg(struct sg_nl *nl, size_t off, size_t len)
{
	uint8_t family = nl->buf[off];

	sg_str_add(nl->d->out, "{ncm_family=");
	sg_print_xval(nl->d->out, sg_af_names, family, "AF_???");
	sg_str_addc(nl->d->out, '}');
	print_attrs_after(nl, off, len, sizeof(struct netconfmsg), &sg_nl_netconfa, family);
}

/* struct ndtmsg: a family and padding */
static void print_ndtmsg(struct sg_nl *nl, size_t off, size_t len)
{
	uint8_t family = nl->buf[off];

	sg_str_add(nl->d->out, "{ndtm_family=");
	sg_print_xval(nl->d->out, sg_af_names, family, "AF_???");
	sg_str_addc(nl->d->out, '}');
	print_attrs_after(nl, off, len, sizeof(struct ndtmsg), &sg_nl_ndta, family);
}

static void print_nhmsg(struct sg_nl *nl, size_t off, size_t len)
{
	struct nhmsg m;
	struct sg_str *out = nl->d->out;

	if (!begin_struct(nl, "nh_family", off, len, sizeof(m)))
		return;
	memcpy(&m, nl->buf + off, sizeof(m));
	sg_str_add(out, "nh_scope=");
	sg_print_xval(out, sg_rt_scopes, m.nh_scope, "RT_SCOPE_???");
	sg_str_add(out, ", nh_protocol=");
	sg_print_xval(out, sg_rtprot_names, m.nh_protocol, "RTPROT_???");
	sg_str_add(out, ", nh_flags=");
	sg_print_flags(out, sg_rtnh_flags, m.nh_flags, "0");
	/* the nexthop attributes (NHA_*) are not decoded */
	sg_str_addc(out, '}');
	if (len > NLMSG_ALIGN(sizeof(m))) {
		sg_str_add(out, ", ");
		sg_nl_print_hex(nl, off + NLMSG_ALIGN(sizeof(m)), len - NLMSG_ALIGN(sizeof(m)));
	}
}

/* 1<<IFLA_STATS_LINK_64|...: strace names bit i by the attribute numbered i (not
 * i + 1, as IFLA_STATS_FILTER_BIT would) */
static void print_stats_filter_mask(struct sg_str *out, uint32_t mask)
{
	struct sg_str names = { 0 };
	const char *sep = "";
	uint32_t rest = mask;
	char number[16];

	if (!mask) {
		sg_str_addc(out, '0');
		return;
	}
	for (const struct sg_flag *f = sg_ifla_stats_names; f->name; f++)
		if (f->val < 32 && (rest & (1u << f->val))) {
			sg_str_addf(&names, "%s1<<%s", sep, f->name);
			sep = "|";
			rest &= ~(1u << f->val);
		}
	if (rest)
		sg_str_addf(&names, "%s%#x", sep, rest);
	snprintf(number, sizeof(number), "%#x", mask);
	sg_print_named(out, number, names.s);
	sg_str_free(&names);
}

static void print_if_stats_msg(struct sg_nl *nl, size_t off, size_t len)
{
	struct if_stats_msg m;
	struct sg_str *out = nl->d->out;

	if (!begin_struct(nl, "family", off, len, sizeof(m)))
		return;
	memcpy(&m, nl->buf + off, sizeof(m));
	sg_str_add(out, "ifindex=");
	sg_nl_print_ifindex(out, m.ifindex);
	sg_str_add(out, ", filter_mask=");
	print_stats_filter_mask(out, m.filter_mask);
	sg_str_addc(out, '}');
	print_attrs_after(nl, off, len, sizeof(m), &sg_nl_ifla_stats, m.family);
}

/* A message with no decoder here: its family, then its bytes. */
static void print_family_data(struct sg_nl *nl, const char *data_name, size_t off, size_t len)
{
	sg_str_add(nl->d->out, "{family=");
	sg_print_xval(nl->d->out, sg_af_names, nl->buf[off], "AF_???");
	if (len > 1) {
		sg_str_addf(nl->d->out, ", %s", data_name);
		sg_nl_print_hex(nl, off + 1, len - 1);
	}
	sg_str_addc(nl->d->out, '}');
}

bool sg_nl_route(struct sg_nl *nl, uint16_t type, size_t off, size_t len)
{
	if (type == NLMSG_DONE)
		return false;
	if (!sg_nl_has(nl, off, 1)) {
		sg_print_ptr(nl->d->out, nl->addr + off);
		return true;
	}
	switch (type) {
	case RTM_NEWLINK: case RTM_DELLINK: case RTM_GETLINK: case RTM_SETLINK:
		print_ifinfomsg(nl, off, len);
		break;
	case RTM_NEWADDR: case RTM_DELADDR: case RTM_GETADDR:
		print_ifaddrmsg(nl, off, len);
		break;
	case RTM_NEWROUTE: case RTM_DELROUTE: case RTM_GETROUTE:
		print_rtmsg(nl, off, len);
		break;
	case RTM_NEWNEIGH: case RTM_DELNEIGH: case RTM_GETNEIGH:
		print_ndmsg(nl, off, len);
		break;
	case RTM_NEWRULE: case RTM_DELRULE: case RTM_GETRULE:
		print_fib_rule_hdr(nl, off, len);
		break;
	case RTM_NEWNEIGHTBL: case RTM_GETNEIGHTBL: case RTM_SETNEIGHTBL:
		print_ndtmsg(nl, off, len);
		break;
	case RTM_NEWNETCONF: case RTM_DELNETCONF: case RTM_GETNETCONF:
		print_netconfmsg(nl, off, len);
		break;
	case RTM_NEWNEXTHOP: case RTM_DELNEXTHOP: case RTM_GETNEXTHOP:
		print_nhmsg(nl, off, len);
		break;
	case RTM_NEWSTATS: case RTM_GETSTATS: case RTM_SETSTATS:
		print_if_stats_msg(nl, off, len);
		break;
	default:
		print_family_data(nl, "data=", off, len);
	}
	return true;
}

/* 1<<NAME for each bit set whose number table names (shifted by base: the
 * extensions are counted from 1). */
static void print_bit_names(struct sg_str *out, const struct sg_flag *table, unsigned v,
			    int base, const char *fmt)
{
	const char *sep = "";

	if (!v) {
		sg_str_addc(out, '0');
		return;
	}
	for (const struct sg_flag *f = table; f->name; f++) {
		int bit = (int)f->val - base;
		if (bit >= 0 && bit < 32 && (v & (1u << bit))) {
			sg_str_add(out, sep);
			sg_str_addf(out, fmt, f->name);
			sep = "|";
			v &= ~(1u << bit);
		}
	}
	if (v)
		sg_str_addf(out, "%s%#x", sep, v);
}

static void print_unix_diag_req(struct sg_nl *nl, size_t off, size_t len)
{
	struct unix_diag_req r;
	struct sg_str *out = nl->d->out;

	if (!begin_struct(nl, "sdiag_family", off, len, sizeof(r)))
		return;
	memcpy(&r, nl->buf + off, sizeof(r));
	sg_str_addf(out, "sdiag_protocol=%u, udiag_states=", r.sdiag_protocol);
	print_bit_names(out, sg_tcp_states, r.udiag_states, 0, "1<<%s");
	sg_str_addf(out, ", udiag_ino=%u, udiag_show=", r.udiag_ino);
	sg_print_flags(out, sg_udiag_show_flags, r.udiag_show, "0");
	sg_str_addf(out, ", udiag_cookie=[%u, %u]}", r.udiag_cookie[0], r.udiag_cookie[1]);
}

void sg_nl_print_inet_diag_sockid(struct sg_str *out, const struct inet_diag_sockid *id,
				  int family)
{
	sg_str_addf(out, "{idiag_sport=htons(%u), idiag_dport=htons(%u), ",
		    (unsigned)__builtin_bswap16(id->idiag_sport),
		    (unsigned)__builtin_bswap16(id->idiag_dport));
	if (!sg_nl_print_inet(out, family, (const uint8_t *)id->idiag_src, 16, "idiag_src"))
		sg_str_add(out, "idiag_src=...");
	sg_str_add(out, ", ");
	if (!sg_nl_print_inet(out, family, (const uint8_t *)id->idiag_dst, 16, "idiag_dst"))
		sg_str_add(out, "idiag_dst=...");
	sg_str_add(out, ", idiag_if=");
	sg_nl_print_ifindex(out, id->idiag_if);
	sg_str_addf(out, ", idiag_cookie=[%u, %u]}", id->idiag_cookie[0], id->idiag_cookie[1]);
}

static void print_inet_diag_req(struct sg_nl *nl, size_t off, size_t len)
{
	struct inet_diag_req_v2 r;
	struct sg_str *out = nl->d->out;

	if (!begin_struct(nl, "sdiag_family", off, len, sizeof(r)))
		return;
	memcpy(&r, nl->buf + off, sizeof(r));
	sg_str_add(out, "sdiag_protocol=");
	sg_print_xval(out, sg_ipproto_names, r.sdiag_protocol, "IPPROTO_???");
	sg_str_add(out, ", idiag_ext=");
	print_bit_names(out, sg_inet_diag_exts, r.idiag_ext, 1, "1<<(%s-1)");
	sg_str_add(out, ", idiag_states=");
	print_bit_names(out, sg_tcp_states, r.idiag_states, 0, "1<<%s");
	sg_str_add(out, ", id=");
	sg_nl_print_inet_diag_sockid(out, &r.id, r.sdiag_family);
	sg_str_addc(out, '}');
	if (len > NLMSG_ALIGN(sizeof(r))) {
		sg_str_add(out, ", ");
		sg_nl_print_hex(nl, off + sizeof(r), len - sizeof(r));
	}
}

bool sg_nl_sock_diag(struct sg_nl *nl, uint16_t type, uint16_t flags, size_t off, size_t len)
{
	if (type == NLMSG_DONE)
		return false;
	if (!sg_nl_has(nl, off, 1)) {
		sg_print_ptr(nl->d->out, nl->addr + off);
		return true;
	}
	uint8_t family = nl->buf[off];
	if (!(flags & NLM_F_REQUEST) && sg_nl_diag_reply(nl, off, len))
		return true;
	if ((flags & NLM_F_REQUEST) && sg_nl_diag_request(nl, off, len))
		return true;
	if ((flags & NLM_F_REQUEST) && len > 1 && family == AF_UNIX)
		print_unix_diag_req(nl, off, len);
	else if ((flags & NLM_F_REQUEST) && len > 1 && len != sizeof(struct inet_diag_req) &&
		 (family == AF_INET || family == AF_INET6))
		print_inet_diag_req(nl, off, len);
	else
		print_family_data(nl, "data=", off, len);
	return true;
}
