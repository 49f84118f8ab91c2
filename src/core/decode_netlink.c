/* Netlink messages in the buffers of sendto, recvfrom, sendmsg and recvmsg: each
 * message's header, its payload by the socket's protocol (decode_netlink_*.c) and
 * attributes.
 *
 * A socket's protocol comes from /proc/PID/net/netlink of the traced process,
 * which lists a netlink socket once it is bound (explicitly, or by its first
 * send); before that only "NETLINK" is known and messages are decoded by their
 * generic header alone. */
#include "decode_netlink.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/cryptouser.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "names.h"
#include "netlink_names.h"

/* Bytes of a buffer decoded at most (the in-process backends copy as much). */
#define NL_MAX 65536

/* ---- which sockets are netlink, and their protocol ---- */

static unsigned long socket_inode(pid_t pid, int fd, char *link, size_t size)
{
	char target[64];
	unsigned long ino = 0;

	snprintf(link, size, "/proc/%d/fd/%d", pid, fd);
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return 0;
	target[n] = '\0';
	return sscanf(target, "socket:[%lu]", &ino) == 1 ? ino : 0;
}

/* The protocol of bound netlink socket ino in the process's network namespace. */
static int listed_protocol(pid_t pid, unsigned long ino)
{
	char path[64], line[256];
	int proto = -1;

	snprintf(path, sizeof(path), "/proc/%d/net/netlink", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	while (proto < 0 && fgets(line, sizeof(line), f)) {
		int eth;
		unsigned long inode;
		if (sscanf(line, "%*s %d %*s %*s %*s %*s %*s %*s %*s %lu", &eth, &inode) == 2 &&
		    inode == ino)
			proto = eth;
	}
	fclose(f);
	return proto;
}

bool sg_fd_netlink_live(pid_t pid, int fd, int *proto)
{
	char link[64], name[16];
	unsigned long ino = socket_inode(pid, fd, link, sizeof(link));

	if (!ino)
		return false;
	ssize_t n = getxattr(link, "system.sockprotoname", name, sizeof(name) - 1);
	if (n <= 0)
		return false;
	name[n] = '\0';
	if (strcmp(name, "NETLINK") != 0)
		return false;
	*proto = listed_protocol(pid, ino);
	return true;
}

bool sg_fd_netlink(const struct sg_dctx *d, int fd, int *proto)
{
	if (d->o->fd_netlink)
		return d->o->fd_netlink(d->o->fd_netlink_ctx, d->c->pid, fd, proto);
	return sg_fd_netlink_live(d->c->pid, fd, proto);
}

bool sg_kind_asks_fd_netlink(enum sg_arg_kind k)
{
	return k == SG_K_SOCKBUF_IN || k == SG_K_SOCKBUF_OUT || k == SG_K_MSGHDR_IN ||
	       k == SG_K_MSGHDR_OUT || k == SG_K_MMSGHDR_IN || k == SG_K_MMSGHDR_OUT;
}

/* ---- shared printers ---- */

bool sg_nl_has(const struct sg_nl *nl, size_t off, size_t len)
{
	return off <= nl->have && len <= nl->have - off;
}

void sg_nl_print_hex(struct sg_nl *nl, size_t off, size_t len)
{
	size_t limit = (size_t)nl->d->o->strsize;
	size_t shown = len < limit ? len : limit;

	if (!sg_nl_has(nl, off, shown)) {
		sg_print_ptr(nl->d->out, nl->addr + off);
		return;
	}
	sg_str_addc(nl->d->out, '"');
	sg_str_add_escaped_hex(nl->d->out, nl->buf + off, shown, 2);
	sg_str_addc(nl->d->out, '"');
	if (len > shown)
		sg_str_add(nl->d->out, "...");
}

void sg_nl_print_flags(struct sg_str *out, const struct sg_flag *table, uint64_t v,
		       const char *zero_text, const char *unknown)
{
	bool named = false;
	char number[24];

	for (const struct sg_flag *f = table; f->name && !named; f++)
		named = f->val && (v & f->val) == f->val;
	if (!v || named) {
		sg_print_flags(out, table, v, zero_text);
		return;
	}
	snprintf(number, sizeof(number), "%#llx", (unsigned long long)v);
	if (sg_xlat_style_now() == SG_XLAT_RAW)
		sg_str_add(out, number);
	else
		sg_str_addf(out, "%s /* %s */", number, unknown);
}

void sg_nl_print_rt_table(struct sg_str *out, unsigned table)
{
	for (const struct sg_flag *f = sg_rt_tables; f->name; f++)
		if (f->val == table) {
			sg_print_xval(out, sg_rt_tables, table, "RT_TABLE_???");
			return;
		}
	sg_str_addf(out, table ? "%#x" : "0", table);
}

/* -X raw shows the number alone, -X verbose both */
void sg_nl_print_ifindex(struct sg_str *out, unsigned idx)
{
	char name[IF_NAMESIZE], number[16], call[IF_NAMESIZE + 24];

	snprintf(number, sizeof(number), "%u", idx);
	if (idx && if_indextoname(idx, name)) {
		snprintf(call, sizeof(call), "if_nametoindex(\"%s\")", name);
		sg_print_named(out, number, call);
	} else {
		sg_str_add(out, number);
	}
}

bool sg_nl_print_inet(struct sg_str *out, int family, const uint8_t *a, size_t len,
		      const char *name)
{
	char text[INET6_ADDRSTRLEN];

	if (family == AF_INET && len >= 4) {
		inet_ntop(AF_INET, a, text, sizeof(text));
		sg_str_addf(out, "%s%sinet_addr(\"%s\")", name ? name : "", name ? "=" : "", text);
	} else if (family == AF_INET6 && len >= 16) {
		inet_ntop(AF_INET6, a, text, sizeof(text));
		sg_str_addf(out, "inet_pton(AF_INET6, \"%s\"%s%s)", text, name ? ", &" : "",
			    name ? name : "");
	} else {
		return false;
	}
	return true;
}

/* ---- attributes ---- */

static uint64_t read_uint(const uint8_t *p, size_t size)
{
	uint64_t v = 0;

	memcpy(&v, p, size); /* little-endian x86_64 */
	return v;
}

/* A string attribute: its trailing NUL is not shown; without one, it is cut. */
static void print_nla_str(struct sg_nl *nl, const uint8_t *p, size_t len)
{
	size_t limit = (size_t)nl->d->o->strsize;
	bool terminated = len && p[len - 1] == '\0';
	size_t n = terminated ? len - 1 : len;
	size_t shown = n < limit ? n : limit;

	sg_str_addc(nl->d->out, '"');
	sg_str_add_escaped_hex(nl->d->out, p, shown, nl->d->o->hex);
	sg_str_addc(nl->d->out, '"');
	/* a string that reaches the -s limit counts as cut, even when it ends there */
	if (n >= limit || !terminated)
		sg_str_add(nl->d->out, "...");
}

static void print_hwaddr(struct sg_str *out, const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		sg_str_addf(out, "%s%02x", i ? ":" : "", p[i]);
}

/* An address decoded: under -X raw its bytes instead, under -X verbose both. */
static bool print_addr_bytes(struct sg_nl *nl, int family, const uint8_t *p, size_t len)
{
	struct sg_str decoded = { 0 }, bytes = { 0 };

	if (family == AF_UNSPEC) {
		if (len > 32)
			return false;
		print_hwaddr(&decoded, p, len);
	} else if (!sg_nl_print_inet(&decoded, family, p, len, NULL)) {
		return false;
	}
	sg_str_addc(&bytes, '"');
	sg_str_add_escaped_hex(&bytes, p, len, 2);
	sg_str_addc(&bytes, '"');
	sg_print_named(nl->d->out, bytes.s, decoded.s);
	sg_str_free(&decoded);
	sg_str_free(&bytes);
	return true;
}

bool sg_nl_print_addr(struct sg_nl *nl, int family, const uint8_t *p, size_t len)
{
	return print_addr_bytes(nl, family, p, len);
}

/* The data of one attribute by its kind; false when it is not decoded. */
static bool print_nla_data(struct sg_nl *nl, int kind, const uint8_t *p, size_t len, int family)
{
	static const size_t int_size[] = { [SG_NLA_U8] = 1, [SG_NLA_U16] = 2, [SG_NLA_U32] = 4,
					   [SG_NLA_U64] = 8, [SG_NLA_S32] = 4,
					   [SG_NLA_IFINDEX] = 4, [SG_NLA_FD] = 4,
					   [SG_NLA_IFA_FLAGS] = 4, [SG_NLA_RT_TABLE] = 4 };
	struct sg_str *out = nl->d->out;
	size_t need = kind < (int)(sizeof(int_size) / sizeof(int_size[0])) ? int_size[kind] : 0;
	uint64_t v = need && len >= need ? read_uint(p, need) : 0;

	if (need && len < need)
		return false;
	switch (kind) {
	case SG_NLA_U8: case SG_NLA_U16: case SG_NLA_U32: case SG_NLA_U64:
		sg_str_add_uint(out, v);
		return true;
	case SG_NLA_S32: sg_str_add_int(out, (int32_t)v); return true;
	case SG_NLA_STR: print_nla_str(nl, p, len); return true;
	case SG_NLA_IFINDEX: sg_nl_print_ifindex(out, (unsigned)v); return true;
	case SG_NLA_FD: sg_print_fd(nl->d, (int)v); return true;
	case SG_NLA_ADDR:
		return family != AF_UNSPEC && print_addr_bytes(nl, family, p, len);
	case SG_NLA_HWADDR: return print_addr_bytes(nl, AF_UNSPEC, p, len);
	case SG_NLA_IFA_FLAGS: sg_print_flags(out, sg_ifa_flags, v, "0"); return true;
	case SG_NLA_RT_TABLE: sg_nl_print_rt_table(out, (unsigned)v); return true;
	case SG_NLA_IFA_CACHEINFO: {
		uint32_t c[4];
		if (len < sizeof(c))
			return false;
		memcpy(c, p, sizeof(c));
		sg_str_addf(out, "{ifa_prefered=%u, ifa_valid=%u, cstamp=%u, tstamp=%u}", c[0],
			    c[1], c[2], c[3]);
		return true;
	}
	default: return false;
	}
}

static void print_nla_header(struct sg_nl *nl, const struct nlattr *a,
			     const struct sg_nla_policy *pol)
{
	struct sg_str *out = nl->d->out;

	unsigned flags = a->nla_type & (NLA_F_NESTED | NLA_F_NET_BYTEORDER);

	sg_str_addf(out, "{nla_len=%u, nla_type=", a->nla_len);
	if (flags) {
		char number[16];
		snprintf(number, sizeof(number), "%#x", flags);
		sg_print_named(out, number,
			       flags == NLA_F_NESTED	     ? "NLA_F_NESTED"
			       : flags == NLA_F_NET_BYTEORDER ? "NLA_F_NET_BYTEORDER"
							      : "NLA_F_NESTED|NLA_F_NET_BYTEORDER");
		sg_str_addc(out, '|');
	}
	if (pol->unknown)
		sg_print_xval(out, pol->names, a->nla_type & NLA_TYPE_MASK, pol->unknown);
	else
		sg_str_addf(out, "%#x", a->nla_type & NLA_TYPE_MASK); /* names unknown */
	sg_str_addc(out, '}');
}

/* One attribute: [{header}, data], or the header alone when it has no data. */
static void print_attr(struct sg_nl *nl, const struct nlattr *a, size_t off, size_t len,
		       const struct sg_nla_policy *pol, int family, sg_nla_print_fn *print)
{
	size_t alen = a->nla_len < len ? a->nla_len : len;
	unsigned type = a->nla_type & NLA_TYPE_MASK;

	if (alen > NLA_HDRLEN)
		sg_str_addc(nl->d->out, '[');
	print_nla_header(nl, a, pol);
	if (alen <= NLA_HDRLEN)
		return;
	sg_str_add(nl->d->out, ", ");
	size_t dlen = alen - NLA_HDRLEN;
	int kind = type < pol->nkinds ? pol->kinds[type] : SG_NLA_BYTES;
	sg_nla_decoder decode = type < pol->ndecoders ? pol->decoders[type] : NULL;
	const uint8_t *data = nl->buf + off + NLA_HDRLEN;
	/* The caller's printer first (sock_diag replies), then the policy's. */
	bool shown = sg_nl_has(nl, off + NLA_HDRLEN, dlen) &&
		     ((print && print(nl, type, off + NLA_HDRLEN, dlen)) ||
		      (decode ? decode(nl, data, dlen, family)
			      : print_nla_data(nl, kind, data, dlen, family)));
	if (!shown)
		sg_nl_print_hex(nl, off + NLA_HDRLEN, dlen);
	sg_str_addc(nl->d->out, ']');
}

/* A list of netlink elements, each a header that starts with its own length and is
 * padded to 4 bytes (attributes and messages alike): one element alone, several as
 * an array of -s elements at most, bytes too few for a header in hex, and where
 * memory ends, the address. print_one(nl, off, len, ctx) prints the element at off
 * with len bytes left. */
struct nl_list {
	size_t hdr_len;	    /* the smallest header */
	size_t length_size; /* bytes of the length at the header's start (2 or 4) */
	void (*print_one)(struct sg_nl *nl, size_t off, size_t len, const void *ctx);
	const void *ctx;
};

static void print_list(struct sg_nl *nl, size_t off, size_t len, const struct nl_list *l)
{
	bool in_array = false;

	for (int elt = 0;; elt++) {
		if (len < l->hdr_len) {
			sg_nl_print_hex(nl, off, len);
			break;
		}
		if (!sg_nl_has(nl, off, l->hdr_len)) {
			if (in_array)
				sg_str_addf(nl->d->out, "... /* %#llx */",
					    (unsigned long long)(nl->addr + off));
			else
				sg_print_ptr(nl->d->out, nl->addr + off);
			break;
		}
		if (elt == nl->d->o->strsize && !sg_unabbreviated(nl->d)) {
			sg_str_add(nl->d->out, "...");
			break;
		}
		uint32_t elt_len = 0;
		memcpy(&elt_len, nl->buf + off, l->length_size); /* little-endian x86_64 */
		size_t step = NLMSG_ALIGN(elt_len), next = 0;
		if (elt_len >= l->hdr_len)
			next = len >= step ? len - step : 0;
		if (!in_array && next) {
			sg_str_addc(nl->d->out, '[');
			in_array = true;
		}
		l->print_one(nl, off, len, l->ctx);
		if (!next)
			break;
		sg_str_add(nl->d->out, ", ");
		off += step;
		len = next;
	}
	if (in_array)
		sg_str_addc(nl->d->out, ']');
}

struct attrs_ctx {
	const struct sg_nla_policy *pol;
	int family;
	sg_nla_print_fn *print;
};

static void print_one_attr(struct sg_nl *nl, size_t off, size_t len, const void *ctx)
{
	const struct attrs_ctx *c = ctx;
	struct nlattr a;

	memcpy(&a, nl->buf + off, sizeof(a));
	print_attr(nl, &a, off, len, c->pol, c->family, c->print);
}

void sg_nl_print_attrs(struct sg_nl *nl, size_t off, size_t len,
		       const struct sg_nla_policy *pol, int family)
{
	sg_nl_print_attrs_by(nl, off, len, pol, family, NULL);
}

void sg_nl_print_attrs_by(struct sg_nl *nl, size_t off, size_t len,
			  const struct sg_nla_policy *pol, int family, sg_nla_print_fn *print)
{
	struct attrs_ctx c = { pol, family, print };
	struct nl_list l = { NLA_HDRLEN, sizeof(uint16_t), print_one_attr, &c };

	print_list(nl, off, len, &l);
}

/* ---- message headers ---- */

static const struct sg_flag *protocol_types(int proto, const char **unknown)
{
	switch (proto) {
	case NETLINK_ROUTE: *unknown = "RTM_???"; return sg_nl_route_types;
	case NETLINK_SOCK_DIAG: *unknown = "SOCK_DIAG_???"; return sg_nl_sock_diag_types;
	case NETLINK_AUDIT: *unknown = "AUDIT_???"; return sg_nl_audit_types;
	case NETLINK_SELINUX: *unknown = "SELNL_MSG_???"; return sg_nl_selinux_types;
	case NETLINK_XFRM: *unknown = "XFRM_MSG_???"; return sg_nl_xfrm_types;
	case NETLINK_CRYPTO: *unknown = "CRYPTO_MSG_???"; return sg_nl_crypto_types;
	default: return NULL;
	}
}

static void print_type(struct sg_nl *nl, uint16_t type)
{
	const char *unknown = "NLMSG_???";
	const struct sg_flag *table = type >= NLMSG_MIN_TYPE ? protocol_types(nl->proto, &unknown)
							     : NULL;

	if (type >= NLMSG_MIN_TYPE && nl->proto == NETLINK_NETFILTER)
		sg_nl_netfilter_type(nl->d->out, type);
	else
		sg_print_xval(nl->d->out, table ? table : sg_nl_types, type, unknown);
}

/* The request flags of NETLINK_XFRM's and NETLINK_CRYPTO's messages that have
 * any (as strace knows them). */
static const struct sg_flag *xfrm_flags(uint16_t type)
{
	switch (type) {
	case XFRM_MSG_NEWSA: case XFRM_MSG_NEWPOLICY: case XFRM_MSG_NEWAE:
	case XFRM_MSG_NEWSADINFO: case XFRM_MSG_NEWSPDINFO:
		return sg_nl_new_flags;
	case XFRM_MSG_DELSA: case XFRM_MSG_DELPOLICY:
		return sg_nl_delete_flags;
	case XFRM_MSG_GETSA: case XFRM_MSG_GETPOLICY: case XFRM_MSG_GETAE:
	case XFRM_MSG_GETSADINFO: case XFRM_MSG_GETSPDINFO:
		return sg_nl_get_flags;
	default:
		return NULL;
	}
}

static const struct sg_flag *crypto_flags(uint16_t type)
{
	switch (type) {
	case CRYPTO_MSG_NEWALG: return sg_nl_new_flags;
	case CRYPTO_MSG_DELALG: case CRYPTO_MSG_DELRNG: return sg_nl_delete_flags;
	case CRYPTO_MSG_GETALG: return sg_nl_get_flags;
	default: return NULL;
	}
}

/* The flags a message type adds to the common ones: a request's GET, NEW or
 * DELETE flags, an acknowledgement's. */
static const struct sg_flag *type_flags(const struct sg_nl *nl, uint16_t type)
{
	if (type < NLMSG_MIN_TYPE)
		return type == NLMSG_ERROR ? sg_nl_ack_flags : NULL;
	if (nl->proto == NETLINK_SOCK_DIAG)
		return sg_nl_get_flags;
	if (nl->proto == NETLINK_NETFILTER)
		return sg_nl_netfilter_flags(type);
	if (nl->proto == NETLINK_XFRM)
		return xfrm_flags(type);
	if (nl->proto == NETLINK_CRYPTO)
		return crypto_flags(type);
	if (nl->proto != NETLINK_ROUTE)
		return NULL;
	if (type == 50 /* RTM_DELACTION: its flags are a GET's */)
		return sg_nl_get_flags;
	static const struct sg_flag *const by_kind[] = { sg_nl_new_flags, sg_nl_delete_flags,
							 sg_nl_get_flags, NULL };
	return by_kind[type & 3];
}

static void add_flag_names(struct sg_str *out, const struct sg_flag *t, unsigned *v,
			   const char **sep)
{
	for (; t && t->name; t++)
		if (t->val && (*v & t->val) == t->val) {
			sg_str_addf(out, "%s%s", *sep, t->name);
			*sep = "|";
			*v &= ~(unsigned)t->val;
		}
}

static void print_flags(struct sg_nl *nl, uint16_t flags, uint16_t type)
{
	struct sg_str names = { 0 };
	unsigned rest = flags;
	const char *sep = "";
	char number[16];

	add_flag_names(&names, sg_nl_flags, &rest, &sep);
	add_flag_names(&names, type_flags(nl, type), &rest, &sep);
	if (rest || !flags)
		sg_str_addf(&names, rest ? "%s%#x" : "%s0", sep, rest);
	snprintf(number, sizeof(number), flags ? "%#x" : "0", flags);
	sg_print_named(nl->d->out, number, names.s);
	sg_str_free(&names);
}

static void print_header(struct sg_nl *nl, const struct nlmsghdr *h)
{
	sg_str_addf(nl->d->out, "{nlmsg_len=%u, nlmsg_type=", h->nlmsg_len);
	print_type(nl, h->nlmsg_type);
	sg_str_add(nl->d->out, ", nlmsg_flags=");
	print_flags(nl, h->nlmsg_flags, h->nlmsg_type);
	sg_str_addf(nl->d->out, ", nlmsg_seq=%u, nlmsg_pid=", h->nlmsg_seq);
	sg_print_pid(nl->d, (int)h->nlmsg_pid);
	sg_str_addc(nl->d->out, '}');
}

/* ---- messages ---- */

static void print_message(struct sg_nl *nl, const struct nlmsghdr *h, size_t off, size_t len);

static const struct sg_nla_policy nlmsgerr_policy = {
	sg_nlmsgerr_attrs, "NLMSGERR_ATTR_???",
	(const uint8_t[]){ [NLMSGERR_ATTR_MSG] = SG_NLA_STR, [NLMSGERR_ATTR_OFFS] = SG_NLA_U32 },
	NLMSGERR_ATTR_OFFS + 1, NULL, 0,
};

/* NLMSG_ERROR: the error, the request it answers (whole, or its header when
 * capped), then extended acknowledgement attributes. */
static void print_error(struct sg_nl *nl, bool capped, size_t off, size_t len)
{
	struct sg_str *out = nl->d->out;
	struct nlmsghdr h;
	int32_t err;

	if (len < sizeof(err) || !sg_nl_has(nl, off, sizeof(err))) {
		sg_nl_print_hex(nl, off, len);
		return;
	}
	memcpy(&err, nl->buf + off, sizeof(err));
	const char *name = err < 0 ? sg_errno_name(-err) : NULL;
	char number[16], negated[40];
	snprintf(number, sizeof(number), "%d", err);
	sg_str_add(out, "{error=");
	if (name) {
		snprintf(negated, sizeof(negated), "-%s", name);
		sg_print_named(out, number, negated);
	} else {
		sg_str_add(out, number);
	}
	off += sizeof(err);
	len -= sizeof(err);
	if (len) {
		sg_str_add(out, ", msg=");
		if (len < sizeof(h)) {
			sg_nl_print_hex(nl, off, len);
		} else if (!sg_nl_has(nl, off, sizeof(h))) {
			sg_print_ptr(out, nl->addr + off);
		} else {
			memcpy(&h, nl->buf + off, sizeof(h));
			size_t payload = capped ? sizeof(h) : h.nlmsg_len;
			if (payload > len)
				payload = len;
			print_message(nl, &h, off, payload);
			if (len > payload) {
				sg_str_add(out, ", ");
				sg_nl_print_attrs(nl, off + payload, len - payload, &nlmsgerr_policy,
						  0);
			}
		}
	}
	sg_str_addc(out, '}');
}

static void print_payload(struct sg_nl *nl, const struct nlmsghdr *h, size_t off, size_t len)
{
	uint16_t type = h->nlmsg_type;

	if (type == NLMSG_ERROR) {
		print_error(nl, h->nlmsg_flags & NLM_F_CAPPED, off, len);
		return;
	}
	if (type >= NLMSG_MIN_TYPE || type == NLMSG_DONE) {
		if (nl->proto == NETLINK_ROUTE && sg_nl_route(nl, type, off, len))
			return;
		if (nl->proto == NETLINK_SOCK_DIAG &&
		    sg_nl_sock_diag(nl, type, h->nlmsg_flags, off, len))
			return;
		if (nl->proto == NETLINK_NETFILTER && sg_nl_netfilter(nl, type, off, len))
			return;
		if (nl->proto == NETLINK_CRYPTO && sg_nl_crypto(nl, type, off, len))
			return;
		if (nl->proto == NETLINK_SELINUX && sg_nl_selinux(nl, type, off, len))
			return;
	}
	if (type == NLMSG_DONE && len == sizeof(int) && sg_nl_has(nl, off, sizeof(int))) {
		sg_str_add_int(nl->d->out, (int32_t)read_uint(nl->buf + off, 4));
		return;
	}
	sg_nl_print_hex(nl, off, len);
}

/* [{header}, payload], or the header alone when the message has no payload. */
static void print_message(struct sg_nl *nl, const struct nlmsghdr *h, size_t off, size_t len)
{
	size_t mlen = h->nlmsg_len < len ? h->nlmsg_len : len;

	if (mlen > NLMSG_HDRLEN)
		sg_str_addc(nl->d->out, '[');
	print_header(nl, h);
	if (mlen <= NLMSG_HDRLEN)
		return;
	sg_str_add(nl->d->out, ", ");
	print_payload(nl, h, off + NLMSG_HDRLEN, mlen - NLMSG_HDRLEN);
	sg_str_addc(nl->d->out, ']');
}

static void print_one_message(struct sg_nl *nl, size_t off, size_t len, const void *ctx)
{
	struct nlmsghdr h;

	(void)ctx;
	memcpy(&h, nl->buf + off, sizeof(h));
	print_message(nl, &h, off, len);
}

/* The messages of a buffer; several make an array, -s of them at most. */
static void print_messages(struct sg_nl *nl, size_t off, size_t len)
{
	struct nl_list l = { sizeof(struct nlmsghdr), sizeof(uint32_t), print_one_message, NULL };

	print_list(nl, off, len, &l);
}

void sg_print_netlink_proto(struct sg_dctx *d, int proto, uint64_t addr, uint64_t len)
{
	size_t want = len < NL_MAX ? (size_t)len : NL_MAX;
	uint8_t *buf = malloc(want ? want : 1);
	ssize_t got = want ? sg_call_read(d->c, addr, buf, want) : 0;
	struct sg_nl nl = { d, buf, got > 0 ? (size_t)got : 0, addr, proto };

	if (got < 0 || !addr)
		sg_print_ptr(d->out, addr);
	else
		print_messages(&nl, 0, (size_t)len);
	free(buf);
}

void sg_print_netlink(struct sg_dctx *d, int fd, uint64_t addr, uint64_t len)
{
	int proto = -1;

	sg_fd_netlink(d, fd, &proto);
	sg_print_netlink_proto(d, proto, addr, len);
}

/* sendto/recvfrom: netlink messages on a netlink socket, else the bytes. */
void sg_kind_sockbuf_in(struct sg_dctx *d)
{
	int proto;

	if (sg_fd_netlink(d, (int)sg_arg(d, 0), &proto))
		sg_print_netlink_proto(d, proto, sg_arg(d, d->idx), sg_arg(d, d->idx + 1));
	else
		sg_kind_buf_in(d);
}

void sg_kind_sockbuf_out(struct sg_dctx *d)
{
	int proto;

	if (sg_fd_netlink(d, (int)sg_arg(d, 0), &proto))
		sg_print_netlink_proto(d, proto, sg_arg(d, d->idx),
				       d->c->ret > 0 ? (uint64_t)d->c->ret : 0);
	else
		sg_kind_buf_out(d);
}
