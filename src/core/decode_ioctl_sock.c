/* ioctls of sockets (linux/sockios.h): struct ifreq by the field each request
 * reads or fills in (a getter shows the name it was given, then after success
 * what it got), SIOCGIFCONF's list of interfaces, owners and counts by pointer,
 * bridge names. */
#include "decode_ioctl_family.h"

/* The kernel's headers (libc's net/if_arp.h lacks the newer device types). */
#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/sockios.h>
#include <stddef.h>
#include <string.h>

#include "decode_netlink.h"
#include "netlink_names.h"

/* A char array shown as strace's PRINT_FIELD_CSTRING: up to its NUL. */
static void add_cstring(struct sg_str *out, const char *name, const char *s, size_t size)
{
	sg_field(out, "", name);
	sg_str_addc(out, '"');
	sg_str_add_escaped(out, (const unsigned char *)s, strnlen(s, size));
	sg_str_addc(out, '"');
}

/* The bytes of a hardware address a device type has (strace's sizes); the
 * whole field for the types not listed. */
static size_t hwaddr_len(unsigned type, size_t max)
{
	static const struct {
		unsigned type, len;
	} lens[] = {
		{ ARPHRD_NETROM, 7 },	 { ARPHRD_ETHER, 6 },	  { ARPHRD_AX25, 7 },
		{ ARPHRD_IEEE802, 6 },	 { ARPHRD_ARCNET, 1 },	  { ARPHRD_DLCI, 2 },
		{ ARPHRD_IEEE1394, 16 }, { ARPHRD_EUI64, 8 },	  { ARPHRD_INFINIBAND, 20 },
		{ ARPHRD_SLIP, 0 },	 { ARPHRD_ROSE, 5 },	  { ARPHRD_X25, 0 },
		{ ARPHRD_CAN, 0 },	 { ARPHRD_PPP, 0 },	  { ARPHRD_RAWHDLC, 0 },
		{ ARPHRD_RAWIP, 0 },	 { ARPHRD_TUNNEL, 4 },	  { ARPHRD_TUNNEL6, 16 },
		{ ARPHRD_LOOPBACK, 6 },	 { ARPHRD_LOCALTLK, 1 },  { ARPHRD_FDDI, 6 },
		{ ARPHRD_SIT, 4 },	 { ARPHRD_IPDDP, 0 },	  { ARPHRD_IPGRE, 4 },
		{ ARPHRD_PIMREG, 0 },	 { ARPHRD_HIPPI, 6 },	  { ARPHRD_IRDA, 4 },
		{ ARPHRD_IEEE80211, 6 }, { ARPHRD_IEEE80211_PRISM, 6 },
		{ ARPHRD_IEEE80211_RADIOTAP, 6 }, { ARPHRD_IEEE802154, 8 },
		{ ARPHRD_IEEE802154_MONITOR, 8 }, { ARPHRD_PHONET, 1 },
		{ ARPHRD_PHONET_PIPE, 1 }, { ARPHRD_CAIF, 0 },	  { ARPHRD_IP6GRE, 16 },
		{ ARPHRD_NETLINK, 0 },	 { ARPHRD_6LOWPAN, 8 },	  { ARPHRD_VSOCKMON, 0 },
	};

	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++)
		if (lens[i].type == type)
			return lens[i].len < max ? lens[i].len : max;
	return max;
}

static void add_hwaddr(struct sg_str *out, const struct sockaddr *sa)
{
	size_t n = hwaddr_len(sa->sa_family, sizeof(sa->sa_data));

	sg_str_add(out, "ifr_hwaddr={sa_family=");
	sg_print_xval(out, sg_arphrd_names, sa->sa_family, "ARPHRD_???");
	sg_str_add(out, ", sa_data=");
	for (size_t i = 0; i < n; i++)
		sg_str_addf(out, "%s%02x", i ? ":" : "", (unsigned char)sa->sa_data[i]);
	sg_str_addc(out, '}');
}

static void add_map(struct sg_str *out, const struct ifmap *m)
{
	sg_str_addf(out, "ifr_map={mem_start=%#lx, mem_end=%#lx, base_addr=%#x, irq=%#x, dma=%#x, "
			 "port=%#x}",
		    m->mem_start, m->mem_end, m->base_addr, m->irq, m->dma, m->port);
}

/* A socket address inside the struct at arg, read as connect's is. */
static void add_sockaddr(struct sg_dctx *d, const char *name, uint64_t arg, size_t off)
{
	sg_field(d->out, "", name);
	sg_print_sockaddr(d, arg + off, sizeof(struct sockaddr));
}

/* The field of struct ifreq a request reads or fills in. */
static void add_ifreq_field(struct sg_dctx *d, unsigned req, uint64_t arg, const struct ifreq *r)
{
	struct sg_str *out = d->out;

	switch (req) {
	case SIOCSIFADDR: case SIOCGIFADDR:
		add_sockaddr(d, "ifr_addr", arg, offsetof(struct ifreq, ifr_addr)); break;
	case SIOCSIFDSTADDR: case SIOCGIFDSTADDR:
		add_sockaddr(d, "ifr_dstaddr", arg, offsetof(struct ifreq, ifr_dstaddr)); break;
	case SIOCSIFBRDADDR: case SIOCGIFBRDADDR:
		add_sockaddr(d, "ifr_broadaddr", arg, offsetof(struct ifreq, ifr_broadaddr)); break;
	case SIOCSIFNETMASK: case SIOCGIFNETMASK:
		add_sockaddr(d, "ifr_netmask", arg, offsetof(struct ifreq, ifr_netmask)); break;
	case SIOCADDMULTI: case SIOCDELMULTI: case SIOCGIFHWADDR: case SIOCSIFHWADDR:
	case SIOCSIFHWBROADCAST:
		add_hwaddr(out, &r->ifr_hwaddr); break;
	case SIOCSIFFLAGS: case SIOCGIFFLAGS:
		sg_str_add(out, "ifr_flags=");
		sg_print_flags_as(out, sg_iff_flags, (unsigned short)r->ifr_flags, "0", "IFF_???");
		break;
	case SIOCGIFINDEX: sg_str_addf(out, "ifr_ifindex=%d", r->ifr_ifindex); break;
	case SIOCSIFMETRIC: case SIOCGIFMETRIC:
		sg_str_addf(out, "ifr_metric=%d", r->ifr_metric); break;
	case SIOCSIFMTU: case SIOCGIFMTU: sg_str_addf(out, "ifr_mtu=%d", r->ifr_mtu); break;
	case SIOCSIFSLAVE: case SIOCGIFSLAVE:
		add_cstring(out, "ifr_slave", r->ifr_slave, sizeof(r->ifr_slave)); break;
	case SIOCSIFNAME:
		add_cstring(out, "ifr_newname", r->ifr_newname, sizeof(r->ifr_newname)); break;
	case SIOCGIFNAME: add_cstring(out, "ifr_name", r->ifr_name, sizeof(r->ifr_name)); break;
	case SIOCSIFTXQLEN: case SIOCGIFTXQLEN: sg_str_addf(out, "ifr_qlen=%d", r->ifr_qlen); break;
	case SIOCSIFMAP: case SIOCGIFMAP: add_map(out, &r->ifr_map); break;
	}
}

/* A setter: the name and the field it sets. */
static void print_ifreq_set(struct sg_dctx *d, uint64_t arg)
{
	struct ifreq r;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_addc(d->out, '{');
	add_cstring(d->out, "ifr_name", r.ifr_name, sizeof(r.ifr_name));
	sg_str_add(d->out, ", ");
	add_ifreq_field(d, (unsigned)sg_arg(d, 1), arg, &r);
	sg_str_addc(d->out, '}');
}

/* A getter, decoded at exit: what it was given (SIOCGIFNAME an index, the others
 * a name), then after success what it got. */
static void print_ifreq_get(struct sg_dctx *d, uint64_t arg)
{
	unsigned req = (unsigned)sg_arg(d, 1);
	struct ifreq r;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_addc(d->out, '{');
	if (req == SIOCGIFNAME)
		sg_str_addf(d->out, "ifr_ifindex=%d", r.ifr_ifindex);
	else
		add_cstring(d->out, "ifr_name", r.ifr_name, sizeof(r.ifr_name));
	if (!d->c->is_error) {
		sg_str_add(d->out, ", ");
		add_ifreq_field(d, req, arg, &r);
	}
	sg_str_addc(d->out, '}');
}

/* SIOCBRADDIF, SIOCBRDELIF: the interface added to or removed from a bridge. */
static void print_ifindex(struct sg_dctx *d, uint64_t arg)
{
	struct ifreq r;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_add(d->out, "{ifr_ifindex=");
	sg_nl_print_ifindex(d->out, (unsigned)r.ifr_ifindex);
	sg_str_addc(d->out, '}');
}

/* A bridge's name: a string within IFNAMSIZ bytes. */
static void print_brname(struct sg_dctx *d, uint64_t arg)
{
	char name[IFNAMSIZ + 1];
	bool complete;
	ssize_t n = arg ? sg_call_read_str(d->c, arg, name, IFNAMSIZ, &complete) : -1;

	if (n < 0) {
		sg_print_ptr(d->out, arg);
		return;
	}
	sg_str_addc(d->out, '"');
	sg_str_add_escaped(d->out, (const unsigned char *)name, (size_t)n);
	sg_str_add(d->out, complete ? "\"" : "\"...");
}

/* "80", and "2 * sizeof(struct ifreq)" in a comment: a length of whole structs. */
static void add_ifc_len(struct sg_str *out, int len)
{
	unsigned n = (unsigned)len / sizeof(struct ifreq);

	sg_str_addf(out, "%d", len);
	if (len > 0 && n * sizeof(struct ifreq) == (unsigned)len)
		sg_str_addf(out, " /* %u * sizeof(struct ifreq) */", n);
}

static void add_ifconf_array(struct sg_dctx *d, const struct ifconf *c)
{
	uint64_t buf = (uint64_t)(uintptr_t)c->ifc_buf;
	unsigned n = (unsigned)c->ifc_len / sizeof(struct ifreq);
	unsigned max = sg_unabbreviated(d) ? 4096 : (unsigned)d->o->strsize;

	sg_str_addc(d->out, '[');
	for (unsigned i = 0; i < n; i++) {
		struct ifreq r;
		uint64_t at = buf + (uint64_t)i * sizeof(r);
		if (i)
			sg_str_add(d->out, ", ");
		if (i >= max) {
			sg_str_add(d->out, "...");
			break;
		}
		if (sg_call_read(d->c, at, &r, sizeof(r)) != (ssize_t)sizeof(r)) {
			sg_str_add(d->out, "...");
			break;
		}
		sg_str_addc(d->out, '{');
		add_cstring(d->out, "ifr_name", r.ifr_name, sizeof(r.ifr_name));
		sg_str_add(d->out, ", ");
		add_sockaddr(d, "ifr_addr", at, offsetof(struct ifreq, ifr_addr));
		sg_str_addc(d->out, '}');
	}
	sg_str_addc(d->out, ']');
}

/* Asking for the size (no buffer) or for the list: the length given, the length
 * the kernel set when it changed, and the list when it was filled. */
static void print_ifconf(struct sg_dctx *d, uint64_t arg)
{
	const struct ifconf *in = sg_ioctl_before(d, sizeof(struct ifconf));
	struct ifconf c;

	if (!in) {
		sg_print_ptr(d->out, arg);
		return;
	}
	sg_str_add(d->out, "{ifc_len=");
	if (in->ifc_buf)
		add_ifc_len(d->out, in->ifc_len);
	if (sg_call_read(d->c, arg, &c, sizeof(c)) != (ssize_t)sizeof(c)) {
		if (!in->ifc_buf)
			add_ifc_len(d->out, in->ifc_len);
		sg_str_add(d->out, ", ifc_buf=");
		sg_print_ptr(d->out, (uint64_t)(uintptr_t)in->ifc_buf);
		sg_str_addc(d->out, '}');
		return;
	}
	if (in->ifc_buf && in->ifc_len != c.ifc_len)
		sg_str_add(d->out, " => ");
	if (!in->ifc_buf || in->ifc_len != c.ifc_len)
		add_ifc_len(d->out, c.ifc_len);
	sg_str_add(d->out, ", ifc_buf=");
	if (!in->ifc_buf || d->c->is_error) {
		sg_print_ptr(d->out, (uint64_t)(uintptr_t)in->ifc_buf);
		if (in->ifc_buf != c.ifc_buf) {
			sg_str_add(d->out, " => ");
			sg_print_ptr(d->out, (uint64_t)(uintptr_t)c.ifc_buf);
		}
	} else {
		add_ifconf_array(d, &c);
	}
	sg_str_addc(d->out, '}');
}

static const struct sg_ioctl_printer rows[] = {
	{ SIOCGIFCONF, print_ifconf, NULL, 0 },
	{ SIOCBRADDBR, print_brname, NULL, 0 },
	{ SIOCBRDELBR, print_brname, NULL, 0 },
	{ FIOGETOWN, sg_ioctl_int, NULL, 0 },
	{ SIOCATMARK, sg_ioctl_int, NULL, 0 },
	{ SIOCGIFENCAP, sg_ioctl_int, NULL, 0 },
	{ SIOCGPGRP, sg_ioctl_int, NULL, 0 },
	{ SIOCOUTQNSD, sg_ioctl_int, NULL, 0 },
	{ FIOSETOWN, sg_ioctl_int, NULL, 0 },
	{ SIOCSIFENCAP, sg_ioctl_int, NULL, 0 },
	{ SIOCSPGRP, sg_ioctl_int, NULL, 0 },
	{ SIOCBRADDIF, print_ifindex, NULL, 0 },
	{ SIOCBRDELIF, print_ifindex, NULL, 0 },
	{ SIOCADDMULTI, print_ifreq_set, NULL, 0 },
	{ SIOCDELMULTI, print_ifreq_set, NULL, 0 },
	{ SIOCSIFADDR, print_ifreq_set, NULL, 0 },
	{ SIOCSIFBRDADDR, print_ifreq_set, NULL, 0 },
	{ SIOCSIFDSTADDR, print_ifreq_set, NULL, 0 },
	{ SIOCSIFFLAGS, print_ifreq_set, NULL, 0 },
	{ SIOCSIFHWADDR, print_ifreq_set, NULL, 0 },
	{ SIOCSIFHWBROADCAST, print_ifreq_set, NULL, 0 },
	{ SIOCSIFMAP, print_ifreq_set, NULL, 0 },
	{ SIOCSIFMETRIC, print_ifreq_set, NULL, 0 },
	{ SIOCSIFMTU, print_ifreq_set, NULL, 0 },
	{ SIOCSIFNAME, print_ifreq_set, NULL, 0 },
	{ SIOCSIFNETMASK, print_ifreq_set, NULL, 0 },
	{ SIOCSIFSLAVE, print_ifreq_set, NULL, 0 },
	{ SIOCSIFTXQLEN, print_ifreq_set, NULL, 0 },
	{ SIOCGIFADDR, print_ifreq_get, NULL, 0 },
	{ SIOCGIFBRDADDR, print_ifreq_get, NULL, 0 },
	{ SIOCGIFDSTADDR, print_ifreq_get, NULL, 0 },
	{ SIOCGIFFLAGS, print_ifreq_get, NULL, 0 },
	{ SIOCGIFHWADDR, print_ifreq_get, NULL, 0 },
	{ SIOCGIFINDEX, print_ifreq_get, NULL, 0 },
	{ SIOCGIFMAP, print_ifreq_get, NULL, 0 },
	{ SIOCGIFMETRIC, print_ifreq_get, NULL, 0 },
	{ SIOCGIFMTU, print_ifreq_get, NULL, 0 },
	{ SIOCGIFNAME, print_ifreq_get, NULL, 0 },
	{ SIOCGIFNETMASK, print_ifreq_get, NULL, 0 },
	{ SIOCGIFSLAVE, print_ifreq_get, NULL, 0 },
	{ SIOCGIFTXQLEN, print_ifreq_get, NULL, 0 },
	/* strace shows these by address, NULL included */
	{ SIOCADDDLCI, sg_ioctl_addr, NULL, 0 },
	{ SIOCADDRT, sg_ioctl_addr, NULL, 0 },
	{ SIOCBONDCHANGEACTIVE, sg_ioctl_addr, NULL, 0 },
	{ SIOCBONDENSLAVE, sg_ioctl_addr, NULL, 0 },
	{ SIOCBONDINFOQUERY, sg_ioctl_addr, NULL, 0 },
	{ SIOCBONDRELEASE, sg_ioctl_addr, NULL, 0 },
	{ SIOCBONDSETHWADDR, sg_ioctl_addr, NULL, 0 },
	{ SIOCBONDSLAVEINFOQUERY, sg_ioctl_addr, NULL, 0 },
	{ SIOCDARP, sg_ioctl_addr, NULL, 0 },
	{ SIOCDELDLCI, sg_ioctl_addr, NULL, 0 },
	{ SIOCDELRT, sg_ioctl_addr, NULL, 0 },
	{ SIOCDIFADDR, sg_ioctl_addr, NULL, 0 },
	{ SIOCDRARP, sg_ioctl_addr, NULL, 0 },
	{ SIOCETHTOOL, sg_ioctl_addr, NULL, 0 },
	{ SIOCGARP, sg_ioctl_addr, NULL, 0 },
	{ SIOCGHWTSTAMP, sg_ioctl_addr, NULL, 0 },
	{ SIOCGIFBR, sg_ioctl_addr, NULL, 0 },
	{ SIOCGIFCOUNT, sg_ioctl_addr, NULL, 0 },
	{ SIOCGIFMEM, sg_ioctl_addr, NULL, 0 },
	{ SIOCGIFPFLAGS, sg_ioctl_addr, NULL, 0 },
	{ SIOCGIFVLAN, sg_ioctl_addr, NULL, 0 },
	{ SIOCGMIIPHY, sg_ioctl_addr, NULL, 0 },
	{ SIOCGMIIREG, sg_ioctl_addr, NULL, 0 },
	{ SIOCGRARP, sg_ioctl_addr, NULL, 0 },
	{ SIOCGSKNS, sg_ioctl_addr, NULL, 0 },
	{ SIOCGSTAMP_OLD, sg_ioctl_addr, NULL, 0 },
	{ SIOCGSTAMP_NEW, sg_ioctl_addr, NULL, 0 },
	{ SIOCGSTAMPNS_OLD, sg_ioctl_addr, NULL, 0 },
	{ SIOCGSTAMPNS_NEW, sg_ioctl_addr, NULL, 0 },
	{ SIOCRTMSG, sg_ioctl_addr, NULL, 0 },
	{ SIOCSARP, sg_ioctl_addr, NULL, 0 },
	{ SIOCSHWTSTAMP, sg_ioctl_addr, NULL, 0 },
	{ SIOCSIFBR, sg_ioctl_addr, NULL, 0 },
	{ SIOCSIFLINK, sg_ioctl_addr, NULL, 0 },
	{ SIOCSIFMEM, sg_ioctl_addr, NULL, 0 },
	{ SIOCSIFPFLAGS, sg_ioctl_addr, NULL, 0 },
	{ SIOCSIFVLAN, sg_ioctl_addr, NULL, 0 },
	{ SIOCSMIIREG, sg_ioctl_addr, NULL, 0 },
	{ SIOCSRARP, sg_ioctl_addr, NULL, 0 },
	{ SIOCWANDEV, sg_ioctl_addr, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_sock, rows);
