/* ioctls of Trusted Execution Environments (linux/tee.h), as strace 6.1 prints
 * them: the version, shared memory allocated and registered (with the id it
 * got), sessions cancelled and closed, and the requests whose struct is in a
 * buffer they point at (OPEN_SESSION, INVOKE, SUPPL_RECV, SUPPL_SEND): that
 * struct as it went in, with its parameters, "=>" what came back. A buffer
 * whose length does not fit its parameters shows only its length and address. */
#include "decode_ioctl_family.h"

#include <linux/tee.h>
#include <stddef.h>
#include <string.h>

#include "ioctl_arg_names.h"

/* What the struct in the buffer is for each request: its size, where its
 * num_params is. */
static size_t arg_size(unsigned req, size_t *num_at)
{
	switch (req) {
	case TEE_IOC_OPEN_SESSION:
		*num_at = offsetof(struct tee_ioctl_open_session_arg, num_params);
		return sizeof(struct tee_ioctl_open_session_arg);
	case TEE_IOC_INVOKE:
		*num_at = offsetof(struct tee_ioctl_invoke_arg, num_params);
		return sizeof(struct tee_ioctl_invoke_arg);
	case TEE_IOC_SUPPL_RECV:
		*num_at = offsetof(struct tee_iocl_supp_recv_arg, num_params);
		return sizeof(struct tee_iocl_supp_recv_arg);
	default:
		*num_at = offsetof(struct tee_iocl_supp_send_arg, num_params);
		return sizeof(struct tee_iocl_supp_send_arg);
	}
}

static void print_buf(struct sg_str *out, const struct tee_ioctl_buf_data *b)
{
	sg_str_addf(out, "{buf_len=%llu, buf_ptr=", (unsigned long long)b->buf_len);
	sg_print_ptr(out, b->buf_ptr);
	sg_str_addc(out, '}');
}

static void print_param(struct sg_str *out, const struct tee_ioctl_param *p)
{
	sg_str_add(out, "{attr=");
	sg_print_xval(out, sg_tee_param_attr_types, p->attr & ~(__u64)TEE_IOCTL_PARAM_ATTR_META,
		      "TEE_IOCTL_PARAM_ATTR_");
	if (p->attr & TEE_IOCTL_PARAM_ATTR_META)
		sg_str_add(out, "|TEE_IOCTL_PARAM_ATTR_META");
	switch (p->attr) {
	case TEE_IOCTL_PARAM_ATTR_TYPE_NONE:
		break;
	case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT:
	case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT:
	case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT:
		sg_str_addf(out, ", shm_offs=%#llx, size=%#llx, shm_id=%llu",
			    (unsigned long long)p->a, (unsigned long long)p->b,
			    (unsigned long long)p->c);
		break;
	default:
		sg_str_addf(out, ", a=%#llx, b=%#llx, c=%#llx", (unsigned long long)p->a,
			    (unsigned long long)p->b, (unsigned long long)p->c);
	}
	sg_str_addc(out, '}');
}

/* n parameters at addr: from the copy made before the call (in, len bytes from
 * addr) or, with in NULL, read now. */
static void print_params(struct sg_dctx *d, uint64_t addr, unsigned n, const unsigned char *in,
			 size_t len)
{
	struct tee_ioctl_param p;

	sg_str_add(d->out, ", params=");
	if (!n) {
		sg_str_add(d->out, "NULL");
		return;
	}
	for (unsigned i = 0; i < n; i++) {
		size_t at = (size_t)i * sizeof(p);
		bool got = in ? at + sizeof(p) <= len
			      : sg_call_read(d->c, addr + at, &p, sizeof(p)) == (ssize_t)sizeof(p);
		if (got && in)
			memcpy(&p, in + at, sizeof(p));
		if (!got && !i) {
			sg_print_ptr(d->out, addr);
			return;
		}
		sg_str_add(d->out, i ? ", " : "[");
		if (!got || (!sg_unabbreviated(d) && i >= (unsigned)d->o->strsize)) {
			sg_str_add(d->out, "...");
			break;
		}
		print_param(d->out, &p);
	}
	sg_str_addc(d->out, ']');
}

static void print_uuid(struct sg_str *out, const __u8 *u)
{
	for (int i = 0; i < TEE_IOCTL_UUID_LEN; i++)
		sg_str_addf(out, "%s%02x", i == 4 || i == 6 || i == 8 || i == 10 ? "-" : "", u[i]);
}

/* The struct in the buffer as it went in. */
static void print_in(struct sg_dctx *d, unsigned req, const unsigned char *in, size_t len,
		     uint64_t params)
{
	size_t num_at;
	size_t size = arg_size(req, &num_at);
	unsigned num;

	memcpy(&num, in + num_at, sizeof(num));
	if (req == TEE_IOC_OPEN_SESSION) {
		struct tee_ioctl_open_session_arg a;
		memcpy(&a, in, sizeof(a));
		sg_str_add(d->out, "uuid=");
		print_uuid(d->out, a.uuid);
		sg_str_add(d->out, ", clnt_login=");
		sg_print_xval(d->out, sg_tee_login_types, a.clnt_login, "TEE_IOCTL_LOGIN_???");
		switch (a.clnt_login) {
		case TEE_IOCTL_LOGIN_PUBLIC:
		case TEE_IOCTL_LOGIN_USER:
		case TEE_IOCTL_LOGIN_APPLICATION:
		case TEE_IOCTL_LOGIN_USER_APPLICATION:
			break;
		case TEE_IOCTL_LOGIN_GROUP:
		case TEE_IOCTL_LOGIN_GROUP_APPLICATION: {
			/* the group asked for, not a UUID */
			unsigned gid;
			memcpy(&gid, a.clnt_uuid, sizeof(gid));
			sg_str_addf(d->out, gid == ~0u ? ", clnt_uuid=-1" : ", clnt_uuid=%u", gid);
			break;
		}
		default:
			sg_str_add(d->out, ", clnt_uuid=[");
			for (int i = 0; i < TEE_IOCTL_UUID_LEN; i++)
				sg_str_addf(d->out, i ? ", %#x" : "%#x", a.clnt_uuid[i]);
			sg_str_addc(d->out, ']');
		}
		sg_str_addf(d->out, ", cancel_id=%u, ", a.cancel_id);
	} else if (req == TEE_IOC_INVOKE) {
		struct tee_ioctl_invoke_arg a;
		memcpy(&a, in, sizeof(a));
		sg_str_addf(d->out, "func=%u, session=%#x, cancel_id=%u, ", a.func, a.session,
			    a.cancel_id);
	} else if (req == TEE_IOC_SUPPL_RECV) {
		struct tee_iocl_supp_recv_arg a;
		memcpy(&a, in, sizeof(a));
		sg_str_addf(d->out, "func=%u, ", a.func);
	}
	sg_str_addf(d->out, "num_params=%u", num);
	print_params(d, params, num, in + size, len - size);
}

/* What came back in the buffer: read now. */
static void print_out(struct sg_dctx *d, unsigned req, const unsigned char *now, uint64_t params)
{
	size_t num_at;
	unsigned num;

	arg_size(req, &num_at);
	memcpy(&num, now + num_at, sizeof(num));
	sg_str_addc(d->out, '{');
	if (req == TEE_IOC_OPEN_SESSION || req == TEE_IOC_INVOKE) {
		unsigned session, ret, origin;
		if (req == TEE_IOC_OPEN_SESSION) {
			struct tee_ioctl_open_session_arg a;
			memcpy(&a, now, sizeof(a));
			session = a.session, ret = a.ret, origin = a.ret_origin;
			sg_str_addf(d->out, "session=%#x, ", session);
		} else {
			struct tee_ioctl_invoke_arg a;
			memcpy(&a, now, sizeof(a));
			ret = a.ret, origin = a.ret_origin;
		}
		sg_str_addf(d->out, "ret=%u, ret_origin=", ret);
		sg_print_xval(d->out, sg_tee_origins, origin, "TEEC_ORIGIN_???");
		print_params(d, params, num, NULL, 0);
	} else if (req == TEE_IOC_SUPPL_RECV) {
		sg_str_addf(d->out, "num_params=%u", num);
		print_params(d, params, num, NULL, 0);
	} else {
		struct tee_iocl_supp_send_arg a;
		memcpy(&a, now, sizeof(a));
		sg_str_addf(d->out, "ret=%u", a.ret);
		print_params(d, params, num, NULL, 0);
	}
	sg_str_addc(d->out, '}');
}

/* A buffer fit to decode: within the kernel's limit and holding the struct. */
static bool fits(const struct tee_ioctl_buf_data *b, size_t size)
{
	return b->buf_len <= TEE_MAX_ARG_SIZE && b->buf_len >= size;
}

static void print_buf_call(struct sg_dctx *d, uint64_t arg)
{
	unsigned req = (unsigned)sg_arg(d, 1);
	const struct tee_ioctl_buf_data *bd = sg_ioctl_before(d, sizeof(*bd));
	struct tee_ioctl_buf_data b, nb;
	size_t num_at, len;
	size_t size = arg_size(req, &num_at);
	const unsigned char *in;
	unsigned char now[sizeof(struct tee_ioctl_open_session_arg)];
	unsigned num;

	if (!bd) {
		sg_print_ptr(d->out, arg);
		return;
	}
	b = *bd;
	in = sg_ioctl_before_extra(d, &len);
	if (!fits(&b, size) || !in || len < size) {
		print_buf(d->out, &b);
		return;
	}
	memcpy(&num, in + num_at, sizeof(num));
	if (size + (uint64_t)num * sizeof(struct tee_ioctl_param) != b.buf_len) {
		/* the kernel would refuse it */
		print_buf(d->out, &b);
		return;
	}
	sg_str_addf(d->out, "{buf_len=%llu, buf_ptr={", (unsigned long long)b.buf_len);
	print_in(d, req, in, len, b.buf_ptr + size);
	sg_str_addc(d->out, '}');
	if (d->c->is_error) {
		sg_str_addc(d->out, '}');
		return;
	}
	sg_str_add(d->out, " => ");
	if (sg_fetch(d, arg, &nb, sizeof(nb)) < 0)
		return;
	if (!fits(&nb, size) || sg_call_read(d->c, nb.buf_ptr, now, size) != (ssize_t)size) {
		print_buf(d->out, &nb);
		return;
	}
	print_out(d, req, now, nb.buf_ptr + size);
	sg_str_addc(d->out, '}');
}

static void print_version(struct sg_dctx *d, uint64_t arg)
{
	struct tee_ioctl_version_data v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_add(d->out, "{impl_id=");
	sg_print_xval(d->out, sg_tee_impl_ids, v.impl_id, "TEE_IMPL_ID_???");
	sg_str_add(d->out, ", gen_caps=");
	sg_print_flags_as(d->out, sg_tee_gen_caps, v.gen_caps, "0", "TEE_GEN_CAP_???");
	sg_str_add(d->out, ", impl_caps=");
	if (v.impl_id == TEE_IMPL_ID_OPTEE)
		sg_print_flags_as(d->out, sg_tee_optee_caps, v.impl_caps, "0", "TEE_OPTEE_CAP_???");
	else
		sg_str_addf(d->out, "%#x", v.impl_caps);
	sg_str_addc(d->out, '}');
}

static void print_shm_flags(struct sg_str *out, unsigned flags)
{
	sg_str_add(out, ", flags=");
	sg_print_flags_as(out, sg_tee_shm_flags, flags, "0", "TEE_IOCTL_SHM_???");
}

static void print_shm_alloc(struct sg_dctx *d, uint64_t arg)
{
	const struct tee_ioctl_shm_alloc_data *in = sg_ioctl_before(d, sizeof(*in));
	struct tee_ioctl_shm_alloc_data s;

	if (!in) {
		sg_print_ptr(d->out, arg);
		return;
	}
	s = *in;
	sg_str_addf(d->out, "{size=%#llx", (unsigned long long)s.size);
	print_shm_flags(d->out, s.flags);
	sg_str_addc(d->out, '}');
	if (d->c->is_error)
		return;
	sg_str_add(d->out, " => ");
	if (sg_fetch(d, arg, &s, sizeof(s)) < 0)
		return;
	sg_str_addf(d->out, "{size=%#llx", (unsigned long long)s.size);
	print_shm_flags(d->out, s.flags);
	sg_str_addf(d->out, ", id=%d}", s.id);
}

static void print_shm_register(struct sg_dctx *d, uint64_t arg)
{
	const struct tee_ioctl_shm_register_data *in = sg_ioctl_before(d, sizeof(*in));
	struct tee_ioctl_shm_register_data s;

	if (!in) {
		sg_print_ptr(d->out, arg);
		return;
	}
	s = *in;
	sg_str_add(d->out, "{addr=");
	sg_print_ptr(d->out, s.addr);
	sg_str_addf(d->out, ", length=%#llx", (unsigned long long)s.length);
	print_shm_flags(d->out, s.flags);
	sg_str_addc(d->out, '}');
	if (d->c->is_error)
		return;
	sg_str_add(d->out, " => ");
	if (sg_fetch(d, arg, &s, sizeof(s)) < 0)
		return;
	sg_str_addf(d->out, "{length=%#llx", (unsigned long long)s.length);
	print_shm_flags(d->out, s.flags);
	sg_str_addf(d->out, ", id=%d}", s.id);
}

static void print_cancel(struct sg_dctx *d, uint64_t arg)
{
	struct tee_ioctl_cancel_arg c;

	if (sg_fetch(d, arg, &c, sizeof(c)) == 0)
		sg_str_addf(d->out, "{cancel_id=%u, session=%#x}", c.cancel_id, c.session);
}

static void print_close(struct sg_dctx *d, uint64_t arg)
{
	struct tee_ioctl_close_session_arg c;

	if (sg_fetch(d, arg, &c, sizeof(c)) == 0)
		sg_str_addf(d->out, "{session=%#x}", c.session);
}

static const struct sg_ioctl_printer rows[] = {
	{ TEE_IOC_VERSION, print_version, NULL, 0 },
	{ TEE_IOC_SHM_ALLOC, print_shm_alloc, NULL, 0 },
	{ TEE_IOC_SHM_REGISTER, print_shm_register, NULL, 0 },
	{ TEE_IOC_CANCEL, print_cancel, NULL, 0 },
	{ TEE_IOC_CLOSE_SESSION, print_close, NULL, 0 },
	{ TEE_IOC_OPEN_SESSION, print_buf_call, NULL, 0 },
	{ TEE_IOC_INVOKE, print_buf_call, NULL, 0 },
	{ TEE_IOC_SUPPL_RECV, print_buf_call, NULL, 0 },
	{ TEE_IOC_SUPPL_SEND, print_buf_call, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_tee, rows);
