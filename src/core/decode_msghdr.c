/* sendmsg and recvmsg: struct msghdr with its name, its iovec (netlink messages
 * when the name is a netlink address), its control messages; and the MSG_* flags
 * of the send and receive calls. */
#include "decode_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "sockopt_names.h"

/* Control data read at most, as the kernel caps it (net.core.optmem_max). */
#define CONTROL_MAX 65536

static const struct sg_flag msg_flags[] = {
	SG_FLAG(MSG_OOB),	   SG_FLAG(MSG_PEEK),	   SG_FLAG(MSG_DONTROUTE),
	SG_FLAG(MSG_CTRUNC),	   { 0x10, "MSG_PROBE" },	   SG_FLAG(MSG_TRUNC),
	SG_FLAG(MSG_DONTWAIT),	   SG_FLAG(MSG_EOR),	   SG_FLAG(MSG_WAITALL),
	SG_FLAG(MSG_FIN),	   SG_FLAG(MSG_SYN),	   SG_FLAG(MSG_CONFIRM),
	SG_FLAG(MSG_RST),	   SG_FLAG(MSG_ERRQUEUE),  SG_FLAG(MSG_NOSIGNAL),
	SG_FLAG(MSG_MORE),	   SG_FLAG(MSG_WAITFORONE), SG_FLAG(MSG_BATCH),
	SG_FLAG(MSG_ZEROCOPY),	   SG_FLAG(MSG_FASTOPEN), SG_FLAG(MSG_CMSG_CLOEXEC),
	SG_FLAG_END,
};

void sg_kind_msg_flags(struct sg_dctx *d)
{
	sg_print_flags(d->out, msg_flags, (unsigned)sg_arg(d, d->idx), "0");
}

static const struct sg_flag scm_types[] = {
	SG_FLAG(SCM_RIGHTS),
	SG_FLAG(SCM_CREDENTIALS),
	{ 3, "SCM_SECURITY" },
	{ 29, "SO_TIMESTAMP_OLD" },
	{ 35, "SO_TIMESTAMPNS_OLD" },
	{ 37, "SO_TIMESTAMPING_OLD" },
	{ 63, "SO_TIMESTAMP_NEW" },
	{ 64, "SO_TIMESTAMPNS_NEW" },
	{ 65, "SO_TIMESTAMPING_NEW" },
	SG_FLAG_END,
};

static void print_cmsg_data(struct sg_dctx *d, int type, const uint8_t *data, size_t len)
{
	if (type == SCM_RIGHTS && len >= sizeof(int)) {
		sg_str_add(d->out, ", cmsg_data=[");
		for (size_t i = 0; i < len / sizeof(int); i++) {
			int fd;
			memcpy(&fd, data + i * sizeof(int), sizeof(fd));
			if (i)
				sg_str_add(d->out, ", ");
			sg_print_fd(d, fd);
		}
		sg_str_addc(d->out, ']');
	} else if (type == SCM_CREDENTIALS && len >= sizeof(struct ucred)) {
		struct ucred uc;
		memcpy(&uc, data, sizeof(uc));
		sg_str_add(d->out, ", cmsg_data={pid=");
		sg_print_pid(d, uc.pid);
		sg_str_addf(d->out, ", uid=%u, gid=%u}", uc.uid, uc.gid);
	} else if (type == 3 /* SCM_SECURITY */ && len >= 1) {
		sg_str_add(d->out, ", cmsg_data=\"");
		sg_str_add_escaped(d->out, data, len);
		sg_str_addc(d->out, '"');
	}
}

/* One control message header and its data (len bytes of the buffer left). */
static void print_cmsg(struct sg_dctx *d, const struct cmsghdr *c, size_t left)
{
	size_t len = c->cmsg_len < left ? c->cmsg_len : left;
	size_t data_len = len > sizeof(*c) ? len - sizeof(*c) : 0;

	sg_str_addf(d->out, "{cmsg_len=%zu, cmsg_level=", (size_t)c->cmsg_len);
	sg_print_xval(d->out, sg_sol_names, (unsigned)c->cmsg_level, "SOL_???");
	sg_str_add(d->out, ", cmsg_type=");
	if (c->cmsg_level == SOL_SOCKET) {
		sg_print_xval(d->out, scm_types, (unsigned)c->cmsg_type, "SCM_???");
		print_cmsg_data(d, c->cmsg_type, (const uint8_t *)(c + 1), data_len);
	} else {
		sg_str_add_hex(d->out, (unsigned)c->cmsg_type);
	}
	sg_str_addc(d->out, '}');
}

static void print_control(struct sg_dctx *d, uint64_t addr, uint64_t controllen)
{
	size_t want = controllen < CONTROL_MAX ? (size_t)controllen : CONTROL_MAX;
	uint8_t *buf = want >= sizeof(struct cmsghdr) ? malloc(want) : NULL;
	size_t left = want, off = 0;

	sg_str_add(d->out, ", msg_control=");
	if (!buf || sg_call_read(d->c, addr, buf, want) != (ssize_t)want) {
		sg_print_ptr(d->out, addr);
		free(buf);
		return;
	}
	sg_str_addc(d->out, '[');
	while (left >= sizeof(struct cmsghdr)) {
		struct cmsghdr c;
		memcpy(&c, buf + off, sizeof(c));
		if (off)
			sg_str_add(d->out, ", ");
		print_cmsg(d, (const struct cmsghdr *)(buf + off), left);
		size_t step = (c.cmsg_len + 7) & ~(size_t)7;
		if (c.cmsg_len < sizeof(c)) { /* a header that does not cover itself */
			left -= sizeof(c);
			break;
		}
		if (step >= left) {
			left = 0;
			break;
		}
		off += step;
		left -= step;
	}
	if (left)
		sg_str_addf(d->out, ", ... /* %#llx */", (unsigned long long)(addr + want - left));
	else if (want < controllen)
		sg_str_add(d->out, ", ...");
	sg_str_addc(d->out, ']');
	free(buf);
}

/* msg_iov: each element's data, as netlink messages when the name says so;
 * at most size bytes in all (what recvmsg returned). */
static void print_msg_iov(struct sg_dctx *d, const struct msghdr *m, bool netlink, uint64_t size)
{
	uint64_t addr = (uintptr_t)m->msg_iov;
	struct sg_argval scratch = { 0 }, *saved = d->v;

	if (!addr || m->msg_iovlen > 1024) {
		sg_print_ptr(d->out, addr);
		return;
	}
	sg_str_addc(d->out, '[');
	d->v = &scratch;
	for (uint64_t i = 0; i < m->msg_iovlen; i++) {
		struct iovec iov;
		if (i && i == (uint64_t)d->o->strsize && !sg_unabbreviated(d)) {
			sg_str_add(d->out, ", ...");
			break;
		}
		if (sg_call_read(d->c, addr + i * sizeof(iov), &iov, sizeof(iov)) != sizeof(iov)) {
			sg_str_addf(d->out, "%s... /* %#llx */", i ? ", " : "",
				    (unsigned long long)(addr + i * sizeof(iov)));
			break;
		}
		uint64_t len = iov.iov_len < size ? iov.iov_len : size;
		sg_str_add(d->out, i ? ", {iov_base=" : "{iov_base=");
		if (netlink)
			sg_print_netlink(d, (int)sg_arg(d, 0), (uintptr_t)iov.iov_base, len);
		else
			sg_print_tracee_buf(d, (uintptr_t)iov.iov_base, len);
		sg_str_addf(d->out, ", iov_len=%zu}", iov.iov_len);
		size -= len;
	}
	sg_str_addc(d->out, ']');
	free(scratch.raw);
	d->v = saved;
}

/* The whole structure; namelen_in is the length the program offered (recvmsg),
 * or -1. */
static void print_msghdr(struct sg_dctx *d, const struct msghdr *m, int namelen_in,
			 uint64_t size)
{
	int namelen = (int)m->msg_namelen;
	uint16_t family = 0;

	if (namelen_in >= 0 && namelen > namelen_in)
		namelen = namelen_in;
	sg_str_add(d->out, "{msg_name=");
	sg_print_sockaddr(d, (uintptr_t)m->msg_name, namelen);
	bool netlink = m->msg_name && namelen >= (int)sizeof(family) &&
		       sg_call_read(d->c, (uintptr_t)m->msg_name, &family, sizeof(family)) ==
			       sizeof(family) &&
		       family == AF_NETLINK;
	sg_str_add(d->out, ", msg_namelen=");
	if (namelen_in >= 0 && namelen_in != (int)m->msg_namelen)
		sg_str_addf(d->out, "%d => ", namelen_in);
	sg_str_addf(d->out, "%d, msg_iov=", (int)m->msg_namelen);
	print_msg_iov(d, m, netlink, size);
	sg_str_addf(d->out, ", msg_iovlen=%zu", (size_t)m->msg_iovlen);
	if (m->msg_controllen)
		print_control(d, (uintptr_t)m->msg_control, m->msg_controllen);
	sg_str_addf(d->out, ", msg_controllen=%zu, msg_flags=", (size_t)m->msg_controllen);
	sg_print_flags(d->out, msg_flags, (unsigned)m->msg_flags, "0");
	sg_str_addc(d->out, '}');
}

/* sendmsg: what the program sends. */
void sg_kind_msghdr_in(struct sg_dctx *d)
{
	struct msghdr m;

	if (sg_fetch(d, sg_arg(d, d->idx), &m, sizeof(m)) == 0)
		print_msghdr(d, &m, -1, UINT64_MAX);
}

/* recvmsg, at exit: what the kernel filled in, the name's length as offered
 * at entry; a failed call shows only that length. */
void sg_kind_msghdr_out(struct sg_dctx *d)
{
	struct msghdr m;
	uint64_t addr = sg_arg(d, d->idx);

	if (d->c->is_error) {
		if (d->v->has_in)
			sg_str_addf(d->out, "{msg_namelen=%lld}", d->v->in);
		else
			sg_print_ptr(d->out, addr);
		return;
	}
	if (sg_fetch(d, addr, &m, sizeof(m)) == 0)
		print_msghdr(d, &m, d->v->has_in ? (int)d->v->in : -1,
			     d->c->ret > 0 ? (uint64_t)d->c->ret : 0);
}

/* sendmmsg/recvmmsg, at exit: the messages the call handled, each with the
 * msg_len the kernel wrote (a received one's data as far as that length). */
static void print_mmsghdrs(struct sg_dctx *d, bool received)
{
	uint64_t addr = sg_arg(d, d->idx), vlen = sg_arg(d, d->idx + 1);
	uint64_t n = d->c->ret > 0 ? (uint64_t)d->c->ret : 0;
	struct mmsghdr mm;

	if (!n) { /* (a failed call's argument prints as an address before this) */
		sg_print_ptr(d->out, addr);
		return;
	}
	sg_str_addc(d->out, '[');
	for (uint64_t i = 0; i < n && i < vlen; i++) {
		if (i)
			sg_str_add(d->out, ", ");
		if (i == (uint64_t)d->o->strsize) {
			sg_str_add(d->out, "...");
			break;
		}
		/* Two fetches: the in-process agent copies the header and the length,
		 * not the padding after it. */
		uint64_t at = addr + i * sizeof(mm);
		if (sg_fetch(d, at, &mm.msg_hdr, sizeof(mm.msg_hdr)) < 0 ||
		    sg_fetch(d, at + sizeof(mm.msg_hdr), &mm.msg_len, sizeof(mm.msg_len)) < 0)
			break; /* it printed the address */
		sg_str_add(d->out, "{msg_hdr=");
		print_msghdr(d, &mm.msg_hdr, -1, received ? mm.msg_len : UINT64_MAX);
		sg_str_addf(d->out, ", msg_len=%u}", mm.msg_len);
	}
	sg_str_addc(d->out, ']');
}

void sg_kind_mmsghdr_in(struct sg_dctx *d)
{
	print_mmsghdrs(d, false);
}

void sg_kind_mmsghdr_out(struct sg_dctx *d)
{
	print_mmsghdrs(d, true);
}
