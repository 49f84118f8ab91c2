/* ioctls of SCSI generic devices (scsi/sg.h), as far as decoded: the driver's
 * version, the timeout, and SG_IO's header (the request as it went in, then
 * the response, which strace shows even for a failed call). The others keep
 * the address. */
#include "decode_ioctl_family.h"

#include <scsi/sg.h>

#include "ioctl_arg_names.h"

static void print_int_out(struct sg_dctx *d, uint64_t arg)
{
	if (!sg_ioctl_out_failed(d, arg))
		sg_ioctl_int(d, arg);
}

/* A buffer of the request after prefix (", cmdp="), its bytes in hex whatever
 * -x says. */
static void print_hex_buf(struct sg_dctx *d, const char *prefix, const void *addr, unsigned len)
{
	struct sg_decode_opts hex = *d->o;
	struct sg_dctx h = *d;

	hex.hex = 2;
	hex.text_only = true; /* keep the argument's copy of the header */
	h.o = &hex;
	sg_str_add(d->out, prefix);
	if (!addr)
		sg_str_add(d->out, "NULL");
	else
		sg_print_tracee_buf(&h, (uintptr_t)addr, len);
}

/* A data buffer: by address when it is a list of iovecs. */
static void print_data(struct sg_dctx *d, const struct sg_io_hdr *h, const char *prefix, unsigned len)
{
	if (h->iovec_count) {
		sg_str_add(d->out, prefix);
		sg_print_ptr(d->out, (uintptr_t)h->dxferp);
	} else {
		print_hex_buf(d, prefix, h->dxferp, len);
	}
}

static void print_request(struct sg_dctx *d, const struct sg_io_hdr *h)
{
	sg_str_add(d->out, "{interface_id='S', dxfer_direction=");
	sg_print_xval(d->out, sg_sg_dxfer, (unsigned)h->dxfer_direction, "SG_DXFER_???");
	sg_str_addf(d->out, ", cmd_len=%u", h->cmd_len);
	print_hex_buf(d, ", cmdp=", h->cmdp, h->cmd_len);
	sg_str_addf(d->out, ", mx_sb_len=%u, iovec_count=%u, dxfer_len=%u, timeout=%u, flags=",
		    h->mx_sb_len, h->iovec_count, h->dxfer_len, h->timeout);
	sg_print_flags_as(d->out, sg_sg_io_flags, h->flags, "0", "SG_FLAG_???");
	if (h->dxfer_direction == SG_DXFER_TO_DEV || h->dxfer_direction == SG_DXFER_TO_FROM_DEV)
		print_data(d, h, ", dxferp=", h->dxfer_len);
}

/* The data that came in: dxfer_len less what was left over. */
static void print_data_in(struct sg_dctx *d, const struct sg_io_hdr *h)
{
	unsigned len = h->dxfer_len;

	if (h->resid > 0 && (unsigned)h->resid <= len)
		len -= (unsigned)h->resid;
	if (h->dxfer_direction == SG_DXFER_FROM_DEV)
		print_data(d, h, ", dxferp=", len);
	else if (h->dxfer_direction == SG_DXFER_TO_FROM_DEV && len)
		print_data(d, h, " => dxferp=", len);
}

static void print_response(struct sg_dctx *d, const struct sg_io_hdr *h)
{
	print_data_in(d, h);
	sg_str_addf(d->out, ", status=%#x, masked_status=%#x, msg_status=%#x, sb_len_wr=%u",
		    h->status, h->masked_status, h->msg_status, h->sb_len_wr);
	print_hex_buf(d, ", sbp=", h->sbp, h->sb_len_wr);
	sg_str_addf(d->out, ", host_status=%#x, driver_status=%#x, resid=%d, duration=%u, info=",
		    h->host_status, h->driver_status, h->resid, h->duration);
	sg_print_flags_as(d->out, sg_sg_info, h->info, "0", "SG_INFO_???");
}

/* A header that cannot be read at exit shows where the kernel would have put
 * the data and the sense bytes. */
static void print_unreadable_response(struct sg_dctx *d, const struct sg_io_hdr *in)
{
	if (in->dxfer_direction == SG_DXFER_FROM_DEV) {
		sg_str_add(d->out, ", dxferp=");
		sg_print_ptr(d->out, (uintptr_t)in->dxferp);
	}
	sg_str_add(d->out, ", sbp=");
	sg_print_ptr(d->out, (uintptr_t)in->sbp);
}

static void print_sg_io(struct sg_dctx *d, uint64_t arg)
{
	struct sg_io_hdr in, out;
	const struct sg_io_hdr *before = sg_ioctl_before(d, sizeof(in));
	bool readable = arg && sg_call_read(d->c, arg, &out, sizeof(out)) == (ssize_t)sizeof(out);

	if (!before && !readable) {
		sg_print_ptr(d->out, arg);
		return;
	}
	in = before ? *before : out; /* a copy: printing buffers may replace the argument's */
	print_request(d, &in);
	if (!readable)
		print_unreadable_response(d, &in);
	else if (out.interface_id != 'S')
		sg_str_addf(d->out, " => interface_id=%d", out.interface_id);
	else
		print_response(d, &out);
	sg_str_addc(d->out, '}');
}

static const struct sg_ioctl_printer rows[] = {
	{ SG_GET_VERSION_NUM, print_int_out, NULL, 0 },
	{ SG_GET_TIMEOUT, sg_ioctl_none, NULL, 0 }, /* the timeout is the result */
	{ SG_SET_TIMEOUT, sg_ioctl_int, NULL, 0 },
	{ SG_IO, print_sg_io, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_sg, rows);
