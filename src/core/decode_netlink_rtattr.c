/* The attributes of NETLINK_ROUTE messages: which attribute of ifinfomsg,
 * ifaddrmsg, rtmsg, ndmsg, fib_rule_hdr, netconfmsg, ndtmsg and if_stats_msg is
 * shown how, and the decoders of the structures, flag words, arrays and nested
 * attributes among them. */
#include "decode_netlink.h"

#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netconf.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink_names.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t read_le(const uint8_t *p, size_t size)
{
	uint64_t v = 0;

	memcpy(&v, p, size); /* little-endian x86_64 */
	return v;
}

/* ---- flag words and named values ---- */

static bool print_u32_flags(struct sg_nl *nl, const uint8_t *p, size_t len,
			    const struct sg_flag *table, const char *unknown)
{
	if (len < sizeof(uint32_t))
		return false;
	sg_nl_print_flags(nl->d->out, table, read_le(p, 4), "0", unknown);
	return true;
}

static bool print_u8_xval(struct sg_nl *nl, const uint8_t *p, size_t len,
			  const struct sg_flag *table, const char *unknown)
{
	if (len < 1)
		return false;
	sg_print_xval(nl->d->out, table, p[0], unknown);
	return true;
}

static bool print_ext_mask(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	(void)family;
	return print_u32_flags(nl, p, len, sg_rtext_filter_flags, "RTEXT_FILTER_???");
}

static bool print_rtprot(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	(void)family;
	return print_u8_xval(nl, p, len, sg_rtprot_names, "RTPROT_???");
}

/* ---- structures of 32-bit fields ---- */

/* {a=1, b=2}: the fields of a structure of count 32-bit numbers, those whose bit
 * is set in in_hex in hex; false when the attribute is shorter. */
static bool print_u32_struct(struct sg_nl *nl, const uint8_t *p, size_t len,
			     const char *const *names, size_t count, unsigned in_hex)
{
	struct sg_str *out = nl->d->out;

	if (len < count * sizeof(uint32_t))
		return false;
	sg_str_addc(out, '{');
	for (size_t i = 0; i < count; i++) {
		uint32_t v = (uint32_t)read_le(p + i * 4, 4);
		sg_str_addf(out, "%s%s=", i ? ", " : "", names[i]);
		if ((in_hex & (1u << i)) && v)
			sg_str_addf(out, "%#x", v);
		else
			sg_str_add_uint(out, v);
	}
	sg_str_addc(out, '}');
	return true;
}

static bool print_ifla_inet6_cacheinfo(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	static const char *const names[] = { "max_reasm_len", "tstamp", "reachable_time",
					     "retrans_time" };
	(void)family;
	return print_u32_struct(nl, p, len, names, COUNT(names), 0);
}

static bool print_rta_cacheinfo(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	static const char *const names[] = { "rta_clntref", "rta_lastuse", "rta_expires",
					     "rta_error",   "rta_used",	   "rta_id",
					     "rta_ts",	    "rta_tsage" };
	(void)family;
	return print_u32_struct(nl, p, len, names, COUNT(names), 1u << 5 /* rta_id */);
}

static bool print_nda_cacheinfo(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	static const char *const names[] = { "ndm_confirmed", "ndm_used", "ndm_updated",
					     "ndm_refcnt" };
	(void)family;
	return print_u32_struct(nl, p, len, names, COUNT(names), 0);
}

/* ---- interface counters ---- */

/* The fields of struct rtnl_link_stats and rtnl_link_stats64, in order: the first
 * with 32-bit fields, the second with 64-bit ones and one more field. */
static const char *const link_stats_names[] = {
	"rx_packets",	     "tx_packets",	   "rx_bytes",		  "tx_bytes",
	"rx_errors",	     "tx_errors",	   "rx_dropped",	  "tx_dropped",
	"multicast",	     "collisions",	   "rx_length_errors",	  "rx_over_errors",
	"rx_crc_errors",     "rx_frame_errors",	   "rx_fifo_errors",	  "rx_missed_errors",
	"tx_aborted_errors", "tx_carrier_errors",  "tx_fifo_errors",	  "tx_heartbeat_errors",
	"tx_window_errors",  "rx_compressed",	   "tx_compressed",	  "rx_nohandler",
	"rx_otherhost_dropped",
};
/* The fields up to tx_compressed were there from the start; the later ones are
 * shown when the kernel's structure holds them. */
#define LINK_STATS_FIRST 23

static bool print_link_stats(struct sg_nl *nl, const uint8_t *p, size_t len, size_t field_size,
			     size_t max_fields)
{
	struct sg_str *out = nl->d->out;
	size_t fields = len / field_size;

	if (fields < LINK_STATS_FIRST)
		return false;
	if (fields > max_fields)
		fields = max_fields;
	sg_str_addc(out, '{');
	for (size_t i = 0; i < fields; i++) {
		sg_str_addf(out, "%s%s=", i ? ", " : "", link_stats_names[i]);
		sg_str_add_uint(out, read_le(p + i * field_size, field_size));
	}
	sg_str_addc(out, '}');
	return true;
}

static bool print_ifla_stats(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	(void)family;
	return print_link_stats(nl, p, len, sizeof(uint32_t),
				sizeof(struct rtnl_link_stats) / sizeof(uint32_t));
}

static bool print_ifla_stats64(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	(void)family;
	return print_link_stats(nl, p, len, sizeof(uint64_t), COUNT(link_stats_names));
}

/* ---- arrays indexed by a named constant ---- */

/* How the numbers of an array indexed by a named constant are shown. */
struct indexed_array {
	size_t size; /* of a number */
	bool is_signed;
	const struct sg_flag *names;
	unsigned base; /* the name of index i is that of i + base, shown as "NAME-1" */
	const char *unknown;
};

/* An array index by its name; one without a name in decimal (not in hex as
 * other unnamed values are). */
static void print_index(struct sg_str *out, const struct indexed_array *a, size_t i)
{
	char number[24], name[96];

	snprintf(number, sizeof(number), "%zu", i);
	for (const struct sg_flag *f = a->names; f->name; f++)
		if (f->val == i + a->base) {
			if (a->base)
				snprintf(name, sizeof(name), "%s-%u", f->name, a->base);
			else
				snprintf(name, sizeof(name), "%s", f->name);
			sg_print_named(out, number, name);
			return;
		}
	if (sg_xlat_style_now() == SG_XLAT_RAW)
		sg_str_add(out, number);
	else
		sg_str_addf(out, "%s /* %s */", number, a->unknown);
}

/* [[NAME]=1, [NAME]=2, ...]: the whole numbers of the attribute (bytes after the
 * last are not shown), -s of them at most; false when it holds none. */
static bool print_indexed_array(struct sg_nl *nl, const uint8_t *p, size_t len,
				const struct indexed_array *a)
{
	struct sg_str *out = nl->d->out;
	size_t count = len / a->size;

	if (!count)
		return false;
	sg_str_addc(out, '[');
	for (size_t i = 0; i < count; i++) {
		if (i)
			sg_str_add(out, ", ");
		if (i == (size_t)nl->d->o->strsize && !sg_unabbreviated(nl->d)) {
			sg_str_add(out, "...");
			break;
		}
		uint64_t v = read_le(p + i * a->size, a->size);
		sg_str_addc(out, '[');
		print_index(out, a, i);
		sg_str_add(out, "]=");
		if (a->is_signed)
			sg_str_add_int(out, a->size == 4 ? (int32_t)v : (int64_t)v);
		else
			sg_str_add_uint(out, v);
	}
	sg_str_addc(out, ']');
	return true;
}

static bool print_inet6_conf(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	static const struct indexed_array a = { sizeof(int32_t), true, sg_devconf_names, 0,
						"DEVCONF_???" };
	(void)family;
	return print_indexed_array(nl, p, len, &a);
}

static bool print_inet6_stats(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	static const struct indexed_array a = { sizeof(uint64_t), false, sg_ipstats_mib_names, 0,
						"IPSTATS_MIB_???" };
	(void)family;
	return print_indexed_array(nl, p, len, &a);
}

static bool print_icmp6_stats(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	static const struct indexed_array a = { sizeof(uint64_t), false, sg_icmp6_mib_names, 0,
						"ICMP6_MIB_???" };
	(void)family;
	return print_indexed_array(nl, p, len, &a);
}

/* IPV4_DEVCONF_* count from 1, the array from 0. */
static bool print_inet_conf(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	static const struct indexed_array a = { sizeof(uint32_t), false, sg_ipv4_devconf_names, 1,
						"IPV4_DEVCONF_???" };
	(void)family;
	return print_indexed_array(nl, p, len, &a);
}

/* ---- nested attributes ---- */

static bool print_nested(struct sg_nl *nl, const uint8_t *p, size_t len,
			 const struct sg_nla_policy *pol, int family)
{
	sg_nl_print_attrs(nl, (size_t)(p - nl->buf), len, pol, family);
	return true;
}

/* ---- IFLA_PROTINFO of an IPv6 interface ---- */

static bool print_inet6_flags(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	(void)family;
	return print_u32_flags(nl, p, len, sg_inet6_if_flags, "IF_???");
}

static bool print_inet6_token(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	(void)family;
	return sg_nl_print_addr(nl, AF_INET6, p, len);
}

static bool print_addr_gen_mode(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	(void)family;
	return print_u8_xval(nl, p, len, sg_in6_addr_gen_modes, "IN6_ADDR_GEN_MODE_???");
}

static const sg_nla_decoder ifla_inet6_decoders[] = {
	[IFLA_INET6_FLAGS] = print_inet6_flags,
	[IFLA_INET6_CONF] = print_inet6_conf,
	[IFLA_INET6_STATS] = print_inet6_stats,
	[IFLA_INET6_CACHEINFO] = print_ifla_inet6_cacheinfo,
	[IFLA_INET6_ICMP6STATS] = print_icmp6_stats,
	[IFLA_INET6_TOKEN] = print_inet6_token,
	[IFLA_INET6_ADDR_GEN_MODE] = print_addr_gen_mode,
};

static const struct sg_nla_policy ifla_inet6 = {
	sg_ifla_inet6_names, "IFLA_INET6_???", NULL, 0,
	ifla_inet6_decoders, COUNT(ifla_inet6_decoders),
};

/* Protocol information of the interface's address family: decoded for IPv6. */
static bool print_ifla_protinfo(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	if (family != AF_INET6)
		return false;
	return print_nested(nl, p, len, &ifla_inet6, family);
}

/* ---- IFLA_AF_SPEC: per address family, attributes of its own ---- */

static const sg_nla_decoder ifla_inet_decoders[] = {
	[IFLA_INET_CONF] = print_inet_conf,
};

static const struct sg_nla_policy ifla_inet = {
	sg_ifla_inet_names, "IFLA_INET_???", NULL, 0,
	ifla_inet_decoders, COUNT(ifla_inet_decoders),
};

static bool print_af_inet(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	return print_nested(nl, p, len, &ifla_inet, family);
}

static bool print_af_inet6(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	return print_nested(nl, p, len, &ifla_inet6, family);
}

static const sg_nla_decoder af_spec_decoders[] = {
	[AF_INET] = print_af_inet,
	[AF_INET6] = print_af_inet6,
};

/* Its attributes are named by address family. */
static const struct sg_nla_policy ifla_af_spec = {
	sg_af_names, "AF_???", NULL, 0, af_spec_decoders, COUNT(af_spec_decoders),
};

static bool print_ifla_af_spec(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	return print_nested(nl, p, len, &ifla_af_spec, family);
}

/* ---- IFLA_XDP, IFLA_LINKINFO, IFLA_MAP ---- */

static bool print_xdp_attached(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	(void)family;
	return print_u8_xval(nl, p, len, sg_xdp_attached_names, "XDP_ATTACHED_???");
}

static const uint8_t ifla_xdp_kinds[] = {
	[IFLA_XDP_PROG_ID] = SG_NLA_U32,
	[IFLA_XDP_DRV_PROG_ID] = SG_NLA_U32,
	[IFLA_XDP_SKB_PROG_ID] = SG_NLA_U32,
	[IFLA_XDP_HW_PROG_ID] = SG_NLA_U32,
};

static const sg_nla_decoder ifla_xdp_decoders[] = {
	[IFLA_XDP_ATTACHED] = print_xdp_attached,
};

static const struct sg_nla_policy ifla_xdp = {
	sg_ifla_xdp_names, "IFLA_XDP_???", ifla_xdp_kinds, COUNT(ifla_xdp_kinds),
	ifla_xdp_decoders, COUNT(ifla_xdp_decoders),
};

static bool print_ifla_xdp(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	return print_nested(nl, p, len, &ifla_xdp, family);
}

/* The kind of link and its data (whose attributes depend on the kind: bytes). */
static const uint8_t ifla_info_kinds[] = {
	[IFLA_INFO_KIND] = SG_NLA_STR,
	[IFLA_INFO_SLAVE_KIND] = SG_NLA_STR,
};

static const struct sg_nla_policy ifla_info = {
	sg_ifla_info_names, "IFLA_INFO_???", ifla_info_kinds, COUNT(ifla_info_kinds), NULL, 0,
};

static bool print_ifla_linkinfo(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	return print_nested(nl, p, len, &ifla_info, family);
}

static bool print_ifla_map(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	struct rtnl_link_ifmap m;

	(void)family;
	if (len < sizeof(m))
		return false;
	memcpy(&m, p, sizeof(m));
	/* the addresses in hex */
	sg_str_addf(nl->d->out, m.mem_start ? "{mem_start=%#llx" : "{mem_start=0",
		    (unsigned long long)m.mem_start);
	sg_str_addf(nl->d->out, m.mem_end ? ", mem_end=%#llx" : ", mem_end=0",
		    (unsigned long long)m.mem_end);
	sg_str_addf(nl->d->out, m.base_addr ? ", base_addr=%#llx" : ", base_addr=0",
		    (unsigned long long)m.base_addr);
	sg_str_addf(nl->d->out, ", irq=%u, dma=%u, port=%u}", m.irq, m.dma, m.port);
	return true;
}

/* ---- the attributes of each message family ---- */

static const uint8_t ifla_kinds[] = {
	[IFLA_ADDRESS] = SG_NLA_HWADDR,	       [IFLA_BROADCAST] = SG_NLA_HWADDR,
	[IFLA_IFNAME] = SG_NLA_STR,	       [IFLA_MTU] = SG_NLA_U32,
	[IFLA_LINK] = SG_NLA_U32,	       [IFLA_QDISC] = SG_NLA_STR,
	[IFLA_MASTER] = SG_NLA_U32,	       [IFLA_TXQLEN] = SG_NLA_U32,
	[IFLA_WEIGHT] = SG_NLA_U32,	       [IFLA_OPERSTATE] = SG_NLA_U8,
	[IFLA_LINKMODE] = SG_NLA_U8,	       [IFLA_NET_NS_PID] = SG_NLA_U32,
	[IFLA_IFALIAS] = SG_NLA_STR,	       [IFLA_NUM_VF] = SG_NLA_U32,
	[IFLA_GROUP] = SG_NLA_U32,	       [IFLA_NET_NS_FD] = SG_NLA_FD,
	[IFLA_PROMISCUITY] = SG_NLA_U32,       [IFLA_NUM_TX_QUEUES] = SG_NLA_U32,
	[IFLA_NUM_RX_QUEUES] = SG_NLA_U32,     [IFLA_CARRIER] = SG_NLA_U8,
	[IFLA_CARRIER_CHANGES] = SG_NLA_U32,   [IFLA_LINK_NETNSID] = SG_NLA_S32,
	[IFLA_PHYS_PORT_NAME] = SG_NLA_STR,    [IFLA_PROTO_DOWN] = SG_NLA_U8,
	[IFLA_GSO_MAX_SEGS] = SG_NLA_U32,      [IFLA_GSO_MAX_SIZE] = SG_NLA_U32,
	[IFLA_NEW_NETNSID] = SG_NLA_S32,       [IFLA_TARGET_NETNSID] = SG_NLA_S32,
	[IFLA_CARRIER_UP_COUNT] = SG_NLA_U32,  [IFLA_CARRIER_DOWN_COUNT] = SG_NLA_U32,
	[IFLA_NEW_IFINDEX] = SG_NLA_IFINDEX,   [IFLA_MIN_MTU] = SG_NLA_U32,
	[IFLA_MAX_MTU] = SG_NLA_U32,	       [IFLA_ALT_IFNAME] = SG_NLA_STR,
	[IFLA_PERM_ADDRESS] = SG_NLA_HWADDR,   [IFLA_PARENT_DEV_NAME] = SG_NLA_STR,
	[IFLA_PARENT_DEV_BUS_NAME] = SG_NLA_STR, [IFLA_GRO_MAX_SIZE] = SG_NLA_U32,
	[IFLA_TSO_MAX_SIZE] = SG_NLA_U32,      [IFLA_TSO_MAX_SEGS] = SG_NLA_U32,
	[IFLA_ALLMULTI] = SG_NLA_U32,
};

static const sg_nla_decoder ifla_decoders[] = {
	[IFLA_MAP] = print_ifla_map,
	[IFLA_STATS] = print_ifla_stats,
	[IFLA_PROTINFO] = print_ifla_protinfo,
	[IFLA_LINKINFO] = print_ifla_linkinfo,
	[IFLA_STATS64] = print_ifla_stats64,
	[IFLA_AF_SPEC] = print_ifla_af_spec,
	[IFLA_EXT_MASK] = print_ext_mask,
	[IFLA_XDP] = print_ifla_xdp,
};

static const uint8_t ifa_kinds[] = {
	[IFA_ADDRESS] = SG_NLA_ADDR,	 [IFA_LOCAL] = SG_NLA_ADDR,
	[IFA_LABEL] = SG_NLA_STR,	 [IFA_BROADCAST] = SG_NLA_ADDR,
	[IFA_ANYCAST] = SG_NLA_ADDR,	 [IFA_CACHEINFO] = SG_NLA_IFA_CACHEINFO,
	[IFA_MULTICAST] = SG_NLA_ADDR,	 [IFA_FLAGS] = SG_NLA_IFA_FLAGS,
	[IFA_RT_PRIORITY] = SG_NLA_U32,	 [IFA_TARGET_NETNSID] = SG_NLA_S32,
};

static const uint8_t rta_kinds[] = {
	[RTA_DST] = SG_NLA_ADDR,     [RTA_SRC] = SG_NLA_ADDR,	  [RTA_IIF] = SG_NLA_IFINDEX,
	[RTA_OIF] = SG_NLA_IFINDEX,  [RTA_GATEWAY] = SG_NLA_ADDR, [RTA_PRIORITY] = SG_NLA_U32,
	[RTA_PREFSRC] = SG_NLA_ADDR, [RTA_TABLE] = SG_NLA_RT_TABLE, [RTA_PREF] = SG_NLA_U8,
	[RTA_UID] = SG_NLA_U32,
};

static const sg_nla_decoder rta_decoders[] = {
	[RTA_CACHEINFO] = print_rta_cacheinfo,
};

static const uint8_t nda_kinds[] = {
	[NDA_DST] = SG_NLA_ADDR,
	[NDA_LLADDR] = SG_NLA_HWADDR,
	[NDA_PROBES] = SG_NLA_U32,
};

static const sg_nla_decoder nda_decoders[] = {
	[NDA_CACHEINFO] = print_nda_cacheinfo,
};

static const uint8_t fra_kinds[] = {
	[FRA_DST] = SG_NLA_ADDR,	      [FRA_SRC] = SG_NLA_ADDR,
	[FRA_IIFNAME] = SG_NLA_STR,	      [FRA_OIFNAME] = SG_NLA_STR,
	[FRA_PRIORITY] = SG_NLA_U32,	      [FRA_TABLE] = SG_NLA_RT_TABLE,
	[FRA_SUPPRESS_PREFIXLEN] = SG_NLA_U32,
};

static const sg_nla_decoder fra_decoders[] = {
	[FRA_PROTOCOL] = print_rtprot,
};

/* An interface's IPv4/IPv6 configuration (RTM_*NETCONF); the values as the
 * kernel puts them, signed */
static const uint8_t netconfa_kinds[] = {
	[NETCONFA_IFINDEX] = SG_NLA_IFINDEX,
	[NETCONFA_FORWARDING] = SG_NLA_S32,
	[NETCONFA_RP_FILTER] = SG_NLA_S32,
	[NETCONFA_MC_FORWARDING] = SG_NLA_S32,
	[NETCONFA_PROXY_NEIGH] = SG_NLA_S32,
	[NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN] = SG_NLA_S32,
	[NETCONFA_INPUT] = SG_NLA_S32,
	[NETCONFA_BC_FORWARDING] = SG_NLA_S32,
};

/* An interface's statistics (RTM_*STATS) */
static const struct sg_nla_policy ifla_offload_xstats = {
	sg_ifla_offload_xstats_names, "IFLA_OFFLOAD_XSTATS_???", NULL, 0, NULL, 0,
};

static bool print_offload_xstats(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	return print_nested(nl, p, len, &ifla_offload_xstats, family);
}

static const sg_nla_decoder ifla_stats_decoders[] = {
	[IFLA_STATS_LINK_64] = print_ifla_stats64,
	[IFLA_STATS_LINK_OFFLOAD_XSTATS] = print_offload_xstats,
};

/* A neighbour table's parameters, configuration and counters (RTM_*NEIGHTBL) */
static const uint8_t ndtpa_kinds[] = {
	[NDTPA_IFINDEX] = SG_NLA_IFINDEX,	  [NDTPA_REFCNT] = SG_NLA_U32,
	[NDTPA_REACHABLE_TIME] = SG_NLA_U64,	  [NDTPA_BASE_REACHABLE_TIME] = SG_NLA_U64,
	[NDTPA_RETRANS_TIME] = SG_NLA_U64,	  [NDTPA_GC_STALETIME] = SG_NLA_U64,
	[NDTPA_DELAY_PROBE_TIME] = SG_NLA_U64,	  [NDTPA_QUEUE_LEN] = SG_NLA_U32,
	[NDTPA_APP_PROBES] = SG_NLA_U32,	  [NDTPA_UCAST_PROBES] = SG_NLA_U32,
	[NDTPA_MCAST_PROBES] = SG_NLA_U32,	  [NDTPA_ANYCAST_DELAY] = SG_NLA_U64,
	[NDTPA_PROXY_DELAY] = SG_NLA_U64,	  [NDTPA_PROXY_QLEN] = SG_NLA_U32,
	[NDTPA_LOCKTIME] = SG_NLA_U64,		  [NDTPA_QUEUE_LENBYTES] = SG_NLA_U32,
	[NDTPA_MCAST_REPROBES] = SG_NLA_U32,	  [NDTPA_INTERVAL_PROBE_TIME_MS] = SG_NLA_U64,
};

static const struct sg_nla_policy ndtpa = {
	sg_ndtpa_names, "NDTPA_???", ndtpa_kinds, COUNT(ndtpa_kinds), NULL, 0,
};

static bool print_ndta_parms(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	return print_nested(nl, p, len, &ndtpa, family);
}

static bool print_ndt_config(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	struct ndt_config c;

	(void)family;
	if (len < sizeof(c))
		return false;
	memcpy(&c, p, sizeof(c));
	sg_str_addf(nl->d->out,
		    "{ndtc_key_len=%u, ndtc_entry_size=%u, ndtc_entries=%u, ndtc_last_flush=%u, "
		    "ndtc_last_rand=%u, ndtc_hash_rnd=%u, ",
		    c.ndtc_key_len, c.ndtc_entry_size, c.ndtc_entries, c.ndtc_last_flush,
		    c.ndtc_last_rand, c.ndtc_hash_rnd);
	/* eight characters wide, "0x" counted: 0x000007, and 00000000 */
	sg_str_addf(nl->d->out, "ndtc_hash_mask=%#08x", c.ndtc_hash_mask);
	sg_str_addf(nl->d->out, ", ndtc_hash_chain_gc=%u, ndtc_proxy_qlen=%u}",
		    c.ndtc_hash_chain_gc, c.ndtc_proxy_qlen);
	return true;
}

static bool print_ndt_stats(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	static const char *const names[] = {
		"ndts_allocs",		 "ndts_destroys",	  "ndts_hash_grows",
		"ndts_res_failed",	 "ndts_lookups",	  "ndts_hits",
		"ndts_rcv_probes_mcast", "ndts_rcv_probes_ucast", "ndts_periodic_gc_runs",
		"ndts_forced_gc_runs",	 "ndts_table_fulls",
	};
	struct sg_str *out = nl->d->out;

	(void)family;
	if (len < sizeof(struct ndt_stats))
		return false;
	for (size_t i = 0; i < COUNT(names); i++) {
		sg_str_addf(out, "%s%s=", i ? ", " : "{", names[i]);
		sg_str_add_uint(out, read_le(p + i * 8, 8));
	}
	sg_str_addc(out, '}');
	return true;
}

static const uint8_t ndta_kinds[] = {
	[NDTA_NAME] = SG_NLA_STR,	  [NDTA_THRESH1] = SG_NLA_U32, [NDTA_THRESH2] = SG_NLA_U32,
	[NDTA_THRESH3] = SG_NLA_U32, [NDTA_GC_INTERVAL] = SG_NLA_U64,
};

static const sg_nla_decoder ndta_decoders[] = {
	[NDTA_CONFIG] = print_ndt_config,
	[NDTA_PARMS] = print_ndta_parms,
	[NDTA_STATS] = print_ndt_stats,
};

#define KINDS(k) k, COUNT(k)
const struct sg_nla_policy sg_nl_ifla = { sg_ifla_names, "IFLA_???", KINDS(ifla_kinds),
					  KINDS(ifla_decoders) };
const struct sg_nla_policy sg_nl_ifa = { sg_ifa_names, "IFA_???", KINDS(ifa_kinds), NULL, 0 };
const struct sg_nla_policy sg_nl_rta = { sg_rta_names, "RTA_???", KINDS(rta_kinds),
					 KINDS(rta_decoders) };
const struct sg_nla_policy sg_nl_nda = { sg_nda_names, "NDA_???", KINDS(nda_kinds),
					 KINDS(nda_decoders) };
const struct sg_nla_policy sg_nl_fra = { sg_fra_names, "FRA_???", KINDS(fra_kinds),
					 KINDS(fra_decoders) };
const struct sg_nla_policy sg_nl_netconfa = { sg_netconfa_names, "NETCONFA_???",
					      KINDS(netconfa_kinds), NULL, 0 };
const struct sg_nla_policy sg_nl_ifla_stats = { sg_ifla_stats_names, "IFLA_STATS_???", NULL, 0,
						KINDS(ifla_stats_decoders) };
const struct sg_nla_policy sg_nl_ndta = { sg_ndta_names, "NDTA_???", KINDS(ndta_kinds),
					  KINDS(ndta_decoders) };
