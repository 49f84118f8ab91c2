/* Internal to the netlink decoder (decode_netlink*.c): a message buffer copied
 * from the traced program, and the printers the protocol decoders share. */
#ifndef SG_CORE_DECODE_NETLINK_H
#define SG_CORE_DECODE_NETLINK_H

#include "decode_int.h"

/* The bytes of the buffer the program sent or received, as far as they could be
 * read; offsets below are from addr. */
struct sg_nl {
	struct sg_dctx *d;
	const uint8_t *buf;
	size_t have;
	uint64_t addr;
	int proto; /* NETLINK_ROUTE...; -1 when the socket's protocol is unknown */
};

/* How an attribute's data is shown. */
enum sg_nla_kind {
	SG_NLA_BYTES, /* undecoded: its bytes in hex */
	SG_NLA_U8, SG_NLA_U16, SG_NLA_U32, SG_NLA_U64, SG_NLA_S32, SG_NLA_STR, SG_NLA_IFINDEX,
	SG_NLA_ADDR, SG_NLA_HWADDR, SG_NLA_FD, SG_NLA_IFA_FLAGS, SG_NLA_IFA_CACHEINFO,
	SG_NLA_RT_TABLE,
};

/* Shows the len bytes of an attribute's data at p (inside nl->buf) and returns
 * true, or returns false having printed nothing (the bytes are shown instead). */
typedef bool (*sg_nla_decoder)(struct sg_nl *nl, const uint8_t *p, size_t len, int family);

/* The attributes of one message family: their names and how each is shown, by a
 * decoder of its own or else by its kind. */
struct sg_nla_policy {
	const struct sg_flag *names;
	const char *unknown; /* "IFLA_???"; NULL: types print as numbers */
	const uint8_t *kinds; /* enum sg_nla_kind by type */
	size_t nkinds;
	const sg_nla_decoder *decoders; /* by type; NULL where the kind says */
	size_t ndecoders;
};

/* The attributes of NETLINK_ROUTE's families (decode_netlink_rtattr.c). */
extern const struct sg_nla_policy sg_nl_ifla, sg_nl_ifa, sg_nl_rta, sg_nl_nda, sg_nl_fra,
	sg_nl_netconfa, sg_nl_ifla_stats, sg_nl_ndta;

/* Whether len bytes at off were read. */
bool sg_nl_has(const struct sg_nl *nl, size_t off, size_t len);
/* Undecoded data: its bytes in hex, -s of them at most. */
void sg_nl_print_hex(struct sg_nl *nl, size_t off, size_t len);
/* A list of attributes; family is the message's address family (addresses). */
void sg_nl_print_attrs(struct sg_nl *nl, size_t off, size_t len,
		       const struct sg_nla_policy *pol, int family);
/* The same, with print for data no kind describes (structures, arrays, nested
 * lists): given the data's type, offset (read) and length, it returns false,
 * having printed nothing, to leave the data to its kind. */
typedef bool sg_nla_print_fn(struct sg_nl *nl, unsigned type, size_t off, size_t len);
void sg_nl_print_attrs_by(struct sg_nl *nl, size_t off, size_t len,
			  const struct sg_nla_policy *pol, int family, sg_nla_print_fn *print);
/* An interface index: if_nametoindex("lo") when sysgate knows its name. */
void sg_nl_print_ifindex(struct sg_str *out, unsigned idx);
/* Flags as strace prints those with a default name: when no name matches,
 * the number with the default name as a comment (0x100, then NUD_???). */
void sg_nl_print_flags(struct sg_str *out, const struct sg_flag *table, uint64_t v,
		       const char *zero_text, const char *unknown);
/* A routing table: its name, or an unnamed one in hex without a comment. */
void sg_nl_print_rt_table(struct sg_str *out, unsigned table);
/* An address of a family: inet_addr("127.0.0.1"), inet_pton(AF_INET6, "::1")
 * (name: the field it is, as in "&idiag_src"); false for another family. */
bool sg_nl_print_inet(struct sg_str *out, int family, const uint8_t *a, size_t len,
		      const char *name);

/* An attribute's address: family AF_INET or AF_INET6, or AF_UNSPEC for a
 * hardware address (aa:bb:...); under -X raw its bytes, under -X verbose both.
 * False (nothing printed) when it is not one. */
bool sg_nl_print_addr(struct sg_nl *nl, int family, const uint8_t *p, size_t len);

/* The payload of a message of a protocol with a decoder: false when it has none
 * for this message (the bytes are shown instead). */
bool sg_nl_route(struct sg_nl *nl, uint16_t type, size_t off, size_t len);
bool sg_nl_sock_diag(struct sg_nl *nl, uint16_t type, uint16_t flags, size_t off, size_t len);
/* NETLINK_SOCK_DIAG (decode_netlink_diag.c): a reply of any family, a packet or
 * netlink socket's request; false for a family it does not know. */
bool sg_nl_diag_reply(struct sg_nl *nl, size_t off, size_t len);
bool sg_nl_diag_request(struct sg_nl *nl, size_t off, size_t len);
/* NETLINK_NETFILTER (decode_netlink_netfilter.c): a message type, the flags its
 * requests add (NULL for none), and a payload. */
void sg_nl_netfilter_type(struct sg_str *out, uint16_t type);
const struct sg_flag *sg_nl_netfilter_flags(uint16_t type);
bool sg_nl_netfilter(struct sg_nl *nl, uint16_t type, size_t off, size_t len);
/* NETLINK_CRYPTO's algorithm messages, NETLINK_SELINUX's notices
 * (decode_netlink_crypto.c). */
bool sg_nl_crypto(struct sg_nl *nl, uint16_t type, size_t off, size_t len);
bool sg_nl_selinux(struct sg_nl *nl, uint16_t type, size_t off, size_t len);
/* The socket of an inet_diag request or reply (decode_netlink_families.c). */
struct inet_diag_sockid;
void sg_nl_print_inet_diag_sockid(struct sg_str *out, const struct inet_diag_sockid *id,
				  int family);

#endif
