/* NETLINK_SOCK_DIAG: the replies of every family (inet_diag_msg, unix_diag_msg,
 * packet_diag_msg, netlink_diag_msg) with their attributes, and the requests of
 * packet and netlink sockets (packet_diag_req, netlink_diag_req); the inet and
 * unix requests are decode_netlink_families.c's.
 *
 * An attribute whose data is shorter than its structure is shown in hex; a longer
 * one shows the structure and leaves the rest out, as strace does. */
#include "decode_netlink.h"

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>

#include "netlink_names.h"

/* ---- shared printers ---- */

/* "{name=AF_INET, " and whether the whole struct of size bytes is there; when it
 * is not, the struct ends with "...}" (or its address, when it was not read). */
static bool begin_msg(struct sg_nl *nl, const char *name, size_t off, size_t len, size_t size)
{
	struct sg_str *out = nl->d->out;

	sg_str_addf(out, "{%s=", name);
	sg_print_xval(out, sg_af_names, nl->buf[off], "AF_???");
	sg_str_add(out, ", ");
	if (len >= size && sg_nl_has(nl, off, size))
		return true;
	if (len >= size)
		sg_print_ptr(out, nl->addr + off);
	else
		sg_str_add(out, "...");
	sg_str_addc(out, '}');
	return false;
}

/* The end of a struct of size bytes, then the attributes after it. */
static void end_msg(struct sg_nl *nl, size_t off, size_t len, size_t size,
		    const struct sg_nla_policy *pol, sg_nla_print_fn *print, int family)
{
	sg_str_addc(nl->d->out, '}');
	if (len > NLMSG_ALIGN(size)) {
		sg_str_add(nl->d->out, ", ");
		sg_nl_print_attrs_by(nl, off + NLMSG_ALIGN(size), len - NLMSG_ALIGN(size), pol,
				     family, print);
	}
}

static void print_cookie(struct sg_str *out, const char *name, const uint32_t cookie[2])
{
	sg_str_addf(out, ", %s=[%u, %u]", name, cookie[0], cookie[1]);
}

/* Flags; a value with no bit named is the number and what is missing, as strace
 * prints it: 0x40 followed by PACKET_SHOW_??? in a comment. */
static void print_flags_named(struct sg_str *out, const struct sg_flag *table, uint64_t v,
			      const char *unknown)
{
	for (const struct sg_flag *f = table; v && f->name; f++)
		if (f->val && (v & f->val) == f->val) {
			sg_print_flags(out, table, v, "0");
			return;
		}
	if (v)
		sg_print_xval(out, table, v, unknown);
	else
		sg_str_addc(out, '0');
}

/* How a field of an attribute's structure is shown. */
enum field_style { DEC, HEX };

struct field {
	const char *name;
	uint8_t size; /* 1, 2 or 4 bytes, fields one after the other */
	uint8_t style;
};

/* {name=value, ...}: a structure of unsigned fields; false when len is too short
 * for it. */
static bool print_fields(struct sg_nl *nl, size_t off, size_t len, const struct field *f,
			 size_t n)
{
	size_t size = 0;

	for (size_t i = 0; i < n; i++)
		size += f[i].size;
	if (len < size)
		return false;
	const uint8_t *p = nl->buf + off;
	for (size_t i = 0; i < n; i++) {
		uint32_t v = 0;
		memcpy(&v, p, f[i].size); /* little-endian x86_64 */
		p += f[i].size;
		sg_str_addf(nl->d->out, f[i].style == HEX && v ? "%s%s=%#x" : "%s%s=%u",
			    i ? ", " : "{", f[i].name, v);
	}
	sg_str_addc(nl->d->out, '}');
	return true;
}

#define FIELDS(f) f, sizeof(f) / sizeof(f[0])

/* An array of elements of size bytes, -s of them at most; bytes after the last
 * whole element are left out. print_one prints the element at off. */
static bool print_array(struct sg_nl *nl, size_t off, size_t len, size_t size,
			void (*print_one)(struct sg_nl *nl, size_t off, size_t i))
{
	size_t n = len / size;

	if (!n)
		return false;
	sg_str_addc(nl->d->out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sg_str_add(nl->d->out, ", ");
		if (i == (size_t)nl->d->o->strsize && !sg_unabbreviated(nl->d)) {
			sg_str_add(nl->d->out, "...");
			break;
		}
		print_one(nl, off + i * size, i);
	}
	sg_str_addc(nl->d->out, ']');
	return true;
}

static uint32_t read_u32(const struct sg_nl *nl, size_t off)
{
	uint32_t v;

	memcpy(&v, nl->buf + off, sizeof(v));
	return v;
}

static void print_u32(struct sg_nl *nl, size_t off, size_t i)
{
	(void)i;
	sg_str_addf(nl->d->out, "%u", read_u32(nl, off));
}

/* SK_MEMINFO_*: [[SK_MEMINFO_RMEM_ALLOC]=0, ...]; an index without a name is
 * shown in decimal. */
static void print_meminfo_one(struct sg_nl *nl, size_t off, size_t i)
{
	const char *name = NULL;

	for (const struct sg_flag *f = sg_sk_meminfo_names; f->name; f++)
		if (f->val == i)
			name = f->name;
	if (name)
		sg_str_addf(nl->d->out, "[%s]=%u", name, read_u32(nl, off));
	else
		sg_str_addf(nl->d->out, "[%zu /* SK_MEMINFO_??? */]=%u", i, read_u32(nl, off));
}

static bool print_meminfo(struct sg_nl *nl, size_t off, size_t len)
{
	return print_array(nl, off, len, sizeof(uint32_t), print_meminfo_one);
}

/* ---- inet_diag_msg (AF_INET, AF_INET6) ---- */

/* INET_DIAG_SHUTDOWN: the names always come as a comment, whatever -X asks. */
static void print_inet_shutdown(struct sg_str *out, uint8_t v)
{
	struct sg_str names = { 0 };
	unsigned rest = v;

	if (!v) {
		sg_str_addc(out, '0');
		return;
	}
	for (const struct sg_flag *f = sg_shutdown_flags; f->name; f++)
		if (v & f->val) {
			sg_str_addf(&names, "%s%s", names.len ? "|" : "", f->name);
			rest &= ~(unsigned)f->val;
		}
	if (rest && names.len)
		sg_str_addf(&names, "|%#x", rest);
	sg_str_addf(out, "%#x /* %s */", v, names.len ? names.s : "???_SHUTDOWN");
	sg_str_free(&names);
}

/* INET_DIAG_SOCKOPT: the bits set, by name; the unused ones as a number. */
static bool print_inet_sockopt(struct sg_nl *nl, size_t off, size_t len)
{
	static const char *const bits[] = { "recverr", "is_icsk", "freebind", "hdrincl",
					    "mc_loop", "transparent", "mc_all", "nodefrag",
					    "bind_address_no_port", "recverr_rfc4884",
					    "defer_connect" };
	const size_t nbits = sizeof(bits) / sizeof(bits[0]);
	struct sg_str *out = nl->d->out;
	const char *sep = "";

	if (len < sizeof(struct inet_diag_sockopt))
		return false;
	unsigned v = nl->buf[off] | (unsigned)nl->buf[off + 1] << 8;
	sg_str_addc(out, '{');
	for (size_t i = 0; i < nbits; i++)
		if (v & (1u << i)) {
			sg_str_addf(out, "%s%s=1", sep, bits[i]);
			sep = ", ";
		}
	if (v >> nbits)
		sg_str_addf(out, "%sunused=%#x /* bits 3..8 */", sep, v >> nbits);
	sg_str_addc(out, '}');
	return true;
}

static const struct field inet_meminfo[] = {
	{ "idiag_rmem", 4, DEC }, { "idiag_wmem", 4, DEC },
	{ "idiag_fmem", 4, DEC }, { "idiag_tmem", 4, DEC },
};
static const struct field vegas_info[] = {
	{ "tcpv_enabled", 4, DEC }, { "tcpv_rttcnt", 4, DEC },
	{ "tcpv_rtt", 4, DEC },	    { "tcpv_minrtt", 4, DEC },
};
static const struct field dctcp_info[] = {
	{ "dctcp_enabled", 2, DEC }, { "dctcp_ce_state", 2, DEC }, { "dctcp_alpha", 4, DEC },
	{ "dctcp_ab_ecn", 4, DEC },  { "dctcp_ab_tot", 4, DEC },
};
static const struct field bbr_info[] = {
	{ "bbr_bw_lo", 4, HEX },	{ "bbr_bw_hi", 4, HEX },     { "bbr_min_rtt", 4, DEC },
	{ "bbr_pacing_gain", 4, DEC }, { "bbr_cwnd_gain", 4, DEC },
};

static const struct sg_nla_policy inet_ulp_info = {
	sg_inet_ulp_info_attrs, "INET_ULP_INFO_???",
	(const uint8_t[]){ [INET_ULP_INFO_NAME] = SG_NLA_STR }, INET_ULP_INFO_NAME + 1,
	NULL, 0,
};

static bool print_inet_attr(struct sg_nl *nl, unsigned type, size_t off, size_t len)
{
	switch (type) {
	case INET_DIAG_MEMINFO: return print_fields(nl, off, len, FIELDS(inet_meminfo));
	case INET_DIAG_VEGASINFO: return print_fields(nl, off, len, FIELDS(vegas_info));
	case INET_DIAG_DCTCPINFO: return print_fields(nl, off, len, FIELDS(dctcp_info));
	case INET_DIAG_BBRINFO: return print_fields(nl, off, len, FIELDS(bbr_info));
	case INET_DIAG_SKMEMINFO: return print_meminfo(nl, off, len);
	case INET_DIAG_SOCKOPT: return print_inet_sockopt(nl, off, len);
	case INET_DIAG_SHUTDOWN:
		if (len < 1)
			return false;
		print_inet_shutdown(nl->d->out, nl->buf[off]);
		return true;
	case INET_DIAG_PROTOCOL:
		if (len < 1)
			return false;
		sg_print_xval(nl->d->out, sg_ipproto_names, nl->buf[off], "IPPROTO_???");
		return true;
	case INET_DIAG_ULP_INFO:
		sg_nl_print_attrs(nl, off, len, &inet_ulp_info, 0);
		return true;
	default: return false;
	}
}

static const uint8_t inet_kinds[] = {
	[INET_DIAG_CONG] = SG_NLA_STR,	    [INET_DIAG_TOS] = SG_NLA_U8,
	[INET_DIAG_TCLASS] = SG_NLA_U8,	    [INET_DIAG_SKV6ONLY] = SG_NLA_U8,
	[INET_DIAG_MARK] = SG_NLA_U32,	    [INET_DIAG_CLASS_ID] = SG_NLA_U32,
	[INET_DIAG_CGROUP_ID] = SG_NLA_U64,
};

static const struct sg_nla_policy inet_attrs = {
	sg_inet_diag_exts, "INET_DIAG_???", inet_kinds, sizeof(inet_kinds),
	NULL, 0,
};

static void print_inet_diag_msg(struct sg_nl *nl, size_t off, size_t len)
{
	struct inet_diag_msg m;
	struct sg_str *out = nl->d->out;

	if (!begin_msg(nl, "idiag_family", off, len, sizeof(m)))
		return;
	memcpy(&m, nl->buf + off, sizeof(m));
	sg_str_add(out, "idiag_state=");
	sg_print_xval(out, sg_tcp_states, m.idiag_state, "TCP_???");
	sg_str_addf(out, ", idiag_timer=%u, idiag_retrans=%u, id=", m.idiag_timer,
		    m.idiag_retrans);
	sg_nl_print_inet_diag_sockid(out, &m.id, m.idiag_family);
	sg_str_addf(out, ", idiag_expires=%u, idiag_rqueue=%u, idiag_wqueue=%u, idiag_uid=%u"
		    ", idiag_inode=%u", m.idiag_expires, m.idiag_rqueue, m.idiag_wqueue,
		    m.idiag_uid, m.idiag_inode);
	end_msg(nl, off, len, sizeof(m), &inet_attrs, print_inet_attr, m.idiag_family);
}

/* ---- unix_diag_msg ---- */

/* UNIX_DIAG_VFS: the device first, as strace shows it. */
static bool print_unix_vfs(struct sg_nl *nl, size_t off, size_t len)
{
	struct unix_diag_vfs v;

	if (len < sizeof(v))
		return false;
	memcpy(&v, nl->buf + off, sizeof(v));
	sg_str_addf(nl->d->out, "{udiag_vfs_dev=makedev(%#x, %#x), udiag_vfs_ino=%u}",
		    major(v.udiag_vfs_dev), minor(v.udiag_vfs_dev), v.udiag_vfs_ino);
	return true;
}

static const struct field unix_rqlen[] = {
	{ "udiag_rqueue", 4, DEC }, { "udiag_wqueue", 4, DEC },
};

static bool print_unix_attr(struct sg_nl *nl, unsigned type, size_t off, size_t len)
{
	switch (type) {
	case UNIX_DIAG_VFS: return print_unix_vfs(nl, off, len);
	case UNIX_DIAG_ICONS: return print_array(nl, off, len, sizeof(uint32_t), print_u32);
	case UNIX_DIAG_RQLEN: return print_fields(nl, off, len, FIELDS(unix_rqlen));
	case UNIX_DIAG_MEMINFO: return print_meminfo(nl, off, len);
	default: return false;
	}
}

static const uint8_t unix_kinds[] = {
	[UNIX_DIAG_NAME] = SG_NLA_STR,	    [UNIX_DIAG_PEER] = SG_NLA_U32,
	[UNIX_DIAG_SHUTDOWN] = SG_NLA_U8, [UNIX_DIAG_UID] = SG_NLA_U32,
};

static const struct sg_nla_policy unix_attrs = {
	sg_unix_diag_attrs, "UNIX_DIAG_???", unix_kinds, sizeof(unix_kinds),
	NULL, 0,
};

static void print_unix_diag_msg(struct sg_nl *nl, size_t off, size_t len)
{
	struct unix_diag_msg m;
	struct sg_str *out = nl->d->out;

	if (!begin_msg(nl, "udiag_family", off, len, sizeof(m)))
		return;
	memcpy(&m, nl->buf + off, sizeof(m));
	sg_str_add(out, "udiag_type=");
	sg_print_xval(out, sg_sock_types, m.udiag_type, "SOCK_???");
	sg_str_add(out, ", udiag_state=");
	sg_print_xval(out, sg_tcp_states, m.udiag_state, "TCP_???");
	sg_str_addf(out, ", udiag_ino=%u", m.udiag_ino);
	print_cookie(out, "udiag_cookie", m.udiag_cookie);
	end_msg(nl, off, len, sizeof(m), &unix_attrs, print_unix_attr, AF_UNIX);
}

/* ---- packet_diag_msg ---- */

static bool print_packet_info(struct sg_nl *nl, size_t off, size_t len)
{
	struct packet_diag_info i;
	struct sg_str *out = nl->d->out;

	if (len < sizeof(i))
		return false;
	memcpy(&i, nl->buf + off, sizeof(i));
	sg_str_add(out, "{pdi_index=");
	sg_nl_print_ifindex(out, i.pdi_index);
	sg_str_add(out, ", pdi_version=");
	sg_print_xval(out, sg_tpacket_versions, i.pdi_version, "TPACKET_???");
	sg_str_addf(out, ", pdi_reserve=%u, pdi_copy_thresh=%u, pdi_tstamp=%u, pdi_flags=",
		    i.pdi_reserve, i.pdi_copy_thresh, i.pdi_tstamp);
	print_flags_named(out, sg_pdi_flags, i.pdi_flags, "PDI_???");
	sg_str_addc(out, '}');
	return true;
}

/* One packet_diag_mclist: its address in hex, as long as it says. */
static void print_packet_mclist_one(struct sg_nl *nl, size_t off, size_t i)
{
	struct packet_diag_mclist m;
	struct sg_str *out = nl->d->out;

	(void)i;
	memcpy(&m, nl->buf + off, sizeof(m));
	sg_str_add(out, "{pdmc_index=");
	sg_nl_print_ifindex(out, m.pdmc_index);
	sg_str_addf(out, ", pdmc_count=%u, pdmc_type=%u, pdmc_alen=%u, pdmc_addr=\"",
		    m.pdmc_count, m.pdmc_type, m.pdmc_alen);
	size_t alen = m.pdmc_alen < sizeof(m.pdmc_addr) ? m.pdmc_alen : sizeof(m.pdmc_addr);
	sg_str_add_escaped_hex(out, m.pdmc_addr, alen, 2);
	sg_str_add(out, "\"}");
}

static const struct field packet_ring[] = {
	{ "pdr_block_size", 4, DEC },  { "pdr_block_nr", 4, DEC },
	{ "pdr_frame_size", 4, DEC },  { "pdr_frame_nr", 4, DEC },
	{ "pdr_retire_tmo", 4, DEC },  { "pdr_sizeof_priv", 4, DEC },
	{ "pdr_features", 4, DEC },
};

static bool print_packet_attr(struct sg_nl *nl, unsigned type, size_t off, size_t len)
{
	switch (type) {
	case PACKET_DIAG_INFO: return print_packet_info(nl, off, len);
	case PACKET_DIAG_MCLIST:
		return print_array(nl, off, len, sizeof(struct packet_diag_mclist),
				   print_packet_mclist_one);
	case PACKET_DIAG_RX_RING: case PACKET_DIAG_TX_RING:
		return print_fields(nl, off, len, FIELDS(packet_ring));
	case PACKET_DIAG_MEMINFO: return print_meminfo(nl, off, len);
	case PACKET_DIAG_FILTER:
		/* strace 6.1 shows where the filter is, never its instructions */
		sg_print_ptr(nl->d->out, nl->addr + off);
		return true;
	default: return false;
	}
}

static const uint8_t packet_kinds[] = {
	[PACKET_DIAG_FANOUT] = SG_NLA_U32, [PACKET_DIAG_UID] = SG_NLA_U32,
};

static const struct sg_nla_policy packet_attrs = {
	sg_packet_diag_attrs, "PACKET_DIAG_???", packet_kinds, sizeof(packet_kinds),
	NULL, 0,
};

static void print_packet_diag_msg(struct sg_nl *nl, size_t off, size_t len)
{
	struct packet_diag_msg m;
	struct sg_str *out = nl->d->out;

	if (!begin_msg(nl, "pdiag_family", off, len, sizeof(m)))
		return;
	memcpy(&m, nl->buf + off, sizeof(m));
	sg_str_add(out, "pdiag_type=");
	sg_print_xval(out, sg_sock_types, m.pdiag_type, "SOCK_???");
	sg_str_add(out, ", pdiag_num=");
	sg_print_xval(out, sg_eth_protocols, m.pdiag_num, "ETH_P_???");
	sg_str_addf(out, ", pdiag_ino=%u", m.pdiag_ino);
	print_cookie(out, "pdiag_cookie", m.pdiag_cookie);
	end_msg(nl, off, len, sizeof(m), &packet_attrs, print_packet_attr, AF_PACKET);
}

/* ---- netlink_diag_msg ---- */

/* NETLINK_DIAG_GROUPS: the group bitmap's words, zero-padded as strace pads them. */
static void print_group_word(struct sg_nl *nl, size_t off, size_t i)
{
	uint64_t v;

	(void)i;
	memcpy(&v, nl->buf + off, sizeof(v));
	sg_str_addf(nl->d->out, "%#016llx", (unsigned long long)v);
}

static const struct field netlink_ring[] = {
	{ "ndr_block_size", 4, DEC }, { "ndr_block_nr", 4, DEC },
	{ "ndr_frame_size", 4, DEC }, { "ndr_frame_nr", 4, DEC },
};

static bool print_netlink_attr(struct sg_nl *nl, unsigned type, size_t off, size_t len)
{
	switch (type) {
	case NETLINK_DIAG_MEMINFO: return print_meminfo(nl, off, len);
	case NETLINK_DIAG_GROUPS:
		return print_array(nl, off, len, sizeof(uint64_t), print_group_word);
	case NETLINK_DIAG_RX_RING: case NETLINK_DIAG_TX_RING:
		return print_fields(nl, off, len, FIELDS(netlink_ring));
	case NETLINK_DIAG_FLAGS:
		if (len < sizeof(uint32_t))
			return false;
		print_flags_named(nl->d->out, sg_ndiag_flags, read_u32(nl, off), "NDIAG_FLAG_???");
		return true;
	default: return false;
	}
}

static const struct sg_nla_policy netlink_attrs = {
	sg_netlink_diag_attrs, "NETLINK_DIAG_???", NULL, 0,
	NULL, 0,
};

static void print_netlink_diag_msg(struct sg_nl *nl, size_t off, size_t len)
{
	struct netlink_diag_msg m;
	struct sg_str *out = nl->d->out;

	if (!begin_msg(nl, "ndiag_family", off, len, sizeof(m)))
		return;
	memcpy(&m, nl->buf + off, sizeof(m));
	sg_str_add(out, "ndiag_type=");
	sg_print_xval(out, sg_sock_types, m.ndiag_type, "SOCK_???");
	sg_str_add(out, ", ndiag_protocol=");
	sg_print_xval(out, sg_netlink_protocols, m.ndiag_protocol, "NETLINK_???");
	sg_str_add(out, ", ndiag_state=");
	sg_print_xval(out, sg_netlink_states, m.ndiag_state, "NETLINK_???");
	sg_str_addf(out, ", ndiag_portid=%u, ndiag_dst_portid=%u, ndiag_dst_group=%u, ndiag_ino=%u",
		    m.ndiag_portid, m.ndiag_dst_portid, m.ndiag_dst_group, m.ndiag_ino);
	print_cookie(out, "ndiag_cookie", m.ndiag_cookie);
	end_msg(nl, off, len, sizeof(m), &netlink_attrs, print_netlink_attr, AF_NETLINK);
}

bool sg_nl_diag_reply(struct sg_nl *nl, size_t off, size_t len)
{
	if (len < 2)
		return false;
	switch (nl->buf[off]) {
	case AF_INET: case AF_INET6: print_inet_diag_msg(nl, off, len); return true;
	case AF_UNIX: print_unix_diag_msg(nl, off, len); return true;
	case AF_PACKET: print_packet_diag_msg(nl, off, len); return true;
	case AF_NETLINK: print_netlink_diag_msg(nl, off, len); return true;
	default: return false;
	}
}

/* ---- requests ---- */

/* The bytes after a request's struct. */
static void end_request(struct sg_nl *nl, size_t off, size_t len, size_t size)
{
	sg_str_addc(nl->d->out, '}');
	if (len > NLMSG_ALIGN(size)) {
		sg_str_add(nl->d->out, ", ");
		sg_nl_print_hex(nl, off + NLMSG_ALIGN(size), len - NLMSG_ALIGN(size));
	}
}

static void print_packet_diag_req(struct sg_nl *nl, size_t off, size_t len)
{
	struct packet_diag_req r;
	struct sg_str *out = nl->d->out;

	if (!begin_msg(nl, "sdiag_family", off, len, sizeof(r)))
		return;
	memcpy(&r, nl->buf + off, sizeof(r));
	sg_str_addf(out, r.sdiag_protocol ? "sdiag_protocol=%#x" : "sdiag_protocol=%u",
		    r.sdiag_protocol);
	sg_str_addf(out, ", pdiag_ino=%u, pdiag_show=", r.pdiag_ino);
	print_flags_named(out, sg_packet_show_flags, r.pdiag_show, "PACKET_SHOW_???");
	print_cookie(out, "pdiag_cookie", r.pdiag_cookie);
	end_request(nl, off, len, sizeof(r));
}

static void print_netlink_diag_req(struct sg_nl *nl, size_t off, size_t len)
{
	struct netlink_diag_req r;
	struct sg_str *out = nl->d->out;

	if (!begin_msg(nl, "sdiag_family", off, len, sizeof(r)))
		return;
	memcpy(&r, nl->buf + off, sizeof(r));
	sg_str_add(out, "sdiag_protocol=");
	if (r.sdiag_protocol == NDIAG_PROTO_ALL)
		sg_print_xval(out, sg_ndiag_protocols, r.sdiag_protocol, "NDIAG_PROTO_???");
	else
		sg_print_xval(out, sg_netlink_protocols, r.sdiag_protocol, "NETLINK_???");
	sg_str_addf(out, ", ndiag_ino=%u, ndiag_show=", r.ndiag_ino);
	print_flags_named(out, sg_ndiag_show_flags, r.ndiag_show, "NDIAG_SHOW_???");
	print_cookie(out, "ndiag_cookie", r.ndiag_cookie);
	end_request(nl, off, len, sizeof(r));
}

bool sg_nl_diag_request(struct sg_nl *nl, size_t off, size_t len)
{
	if (len < 2)
		return false;
	switch (nl->buf[off]) {
	case AF_PACKET: print_packet_diag_req(nl, off, len); return true;
	case AF_NETLINK: print_netlink_diag_req(nl, off, len); return true;
	default: return false;
	}
}
