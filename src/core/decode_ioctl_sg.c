/* ioctls of SCSI generic devices (scsi/sg.h), as strace 6.1 prints them: the
 * driver's settings by value or through a pointer, the device's id, resets,
 * and SG_IO's header in either version (the request as it went in, then the
 * response, which strace shows even for a failed call). */
#include "decode_ioctl_family.h"

#include <linux/bsg.h>
#include <scsi/sg.h>
#include <string.h>

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

/* Version 3, interface_id 'S'. in: the header as it went in. */
static void print_sg_io_v3(struct sg_dctx *d, uint64_t arg, const struct sg_io_hdr *in)
{
	struct sg_io_hdr out;
	bool readable = sg_call_read(d->c, arg, &out, sizeof(out)) == (ssize_t)sizeof(out);

	print_request(d, in);
	if (!readable)
		print_unreadable_response(d, in);
	else if (out.interface_id != 'S')
		sg_str_addf(d->out, " => interface_id=%d", out.interface_id);
	else
		print_response(d, &out);
}

/* ---- version 4 (linux/bsg.h), guard 'Q' ---- */

static void print_v4_buf(struct sg_dctx *d, const char *prefix, uint64_t addr, unsigned len,
			 unsigned iovecs)
{
	if (iovecs) {
		sg_str_add(d->out, prefix);
		sg_print_ptr(d->out, addr);
	} else {
		print_hex_buf(d, prefix, (const void *)(uintptr_t)addr, len);
	}
}

static void print_v4_request(struct sg_dctx *d, const struct sg_io_v4 *h)
{
	sg_str_add(d->out, "{guard='Q', protocol=");
	sg_print_xval(d->out, sg_bsg_protocols, h->protocol, "BSG_PROTOCOL_???");
	sg_str_add(d->out, ", subprotocol=");
	sg_print_xval(d->out, sg_bsg_subprotocols, h->subprotocol, "BSG_SUB_PROTOCOL_???");
	sg_str_addf(d->out, ", request_len=%u", h->request_len);
	print_v4_buf(d, ", request=", h->request, h->request_len, 0);
	sg_str_addf(d->out,
		    ", request_tag=%#llx, request_attr=%u, request_priority=%u, request_extra=%u, "
		    "max_response_len=%u, dout_iovec_count=%u, dout_xfer_len=%u, "
		    "din_iovec_count=%u, din_xfer_len=%u",
		    (unsigned long long)h->request_tag, h->request_attr, h->request_priority,
		    h->request_extra, h->max_response_len, h->dout_iovec_count, h->dout_xfer_len,
		    h->din_iovec_count, h->din_xfer_len);
	print_v4_buf(d, ", dout_xferp=", h->dout_xferp, h->dout_xfer_len, h->dout_iovec_count);
	sg_str_addf(d->out, ", timeout=%u, flags=", h->timeout);
	sg_print_flags_as(d->out, sg_bsg_flags, h->flags, "0", "BSG_FLAG_???");
	sg_str_addf(d->out, ", usr_ptr=%#llx", (unsigned long long)h->usr_ptr);
}

static void print_v4_response(struct sg_dctx *d, const struct sg_io_v4 *h)
{
	unsigned din = h->din_xfer_len;

	if (h->din_resid > 0 && (unsigned)h->din_resid <= din)
		din -= (unsigned)h->din_resid;
	sg_str_addf(d->out, ", response_len=%u", h->response_len);
	print_v4_buf(d, ", response=", h->response, h->response_len, 0);
	print_v4_buf(d, ", din_xferp=", h->din_xferp, din, h->din_iovec_count);
	sg_str_addf(d->out, ", driver_status=%#x, transport_status=%#x, device_status=%#x, "
			    "retry_delay=%u, info=",
		    h->driver_status, h->transport_status, h->device_status, h->retry_delay);
	sg_print_flags_as(d->out, sg_sg_info, h->info, "0", "SG_INFO_???");
	sg_str_addf(d->out, ", duration=%u, response_len=%u, din_resid=%d, dout_resid=%d, "
			    "generated_tag=%#llx",
		    h->duration, h->response_len, h->din_resid, h->dout_resid,
		    (unsigned long long)h->generated_tag);
}

static void print_sg_io_v4(struct sg_dctx *d, uint64_t arg, const struct sg_io_v4 *in)
{
	struct sg_io_v4 out;

	print_v4_request(d, in);
	if (sg_call_read(d->c, arg, &out, sizeof(out)) != (ssize_t)sizeof(out))
		sg_str_addf(d->out, ", response=%#llx, din_xferp=%#llx",
			    (unsigned long long)in->response, (unsigned long long)in->din_xferp);
	else if (out.guard != 'Q')
		sg_str_addf(d->out, " => guard=%u", (unsigned)out.guard);
	else
		print_v4_response(d, &out);
}

/* The header as it went in, by the version its first word names: another word
 * shows alone, as strace shows it. */
static void print_sg_io(struct sg_dctx *d, uint64_t arg)
{
	union {
		struct sg_io_hdr v3;
		struct sg_io_v4 v4;
		int32_t guard;
	} in = { 0 };
	const void *before = sg_ioctl_before(d, sizeof(in.v4));

	/* a copy: printing buffers may replace the argument's bytes */
	if (before)
		memcpy(&in, before, sizeof(in.v4));
	else if (!arg || sg_call_read(d->c, arg, &in, sizeof(in.v3)) != (ssize_t)sizeof(in.v3)) {
		sg_print_ptr(d->out, arg);
		return;
	}
	if (in.guard == 'S')
		print_sg_io_v3(d, arg, &in.v3);
	else if (in.guard == 'Q' && (before || sg_call_read(d->c, arg, &in, sizeof(in.v4)) ==
						       (ssize_t)sizeof(in.v4)))
		print_sg_io_v4(d, arg, &in.v4);
	else {
		sg_str_addf(d->out, "[%u]", (unsigned)in.guard);
		return;
	}
	sg_str_addc(d->out, '}');
}

/* SG_SCSI_RESET: the reset asked for, NO_ESCALATE beside it. */
static void print_reset(struct sg_dctx *d, uint64_t arg)
{
	const unsigned no_escalate = (unsigned)sg_sg_reset_flags[0].val;
	unsigned v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	if (v & no_escalate) {
		sg_print_xval(d->out, sg_sg_reset_flags, no_escalate, NULL);
		sg_str_addc(d->out, '|');
	}
	sg_print_xval(d->out, sg_sg_resets, v & ~no_escalate, "SG_SCSI_RESET_???");
	sg_str_addc(d->out, ']');
}

static void print_scsi_id(struct sg_dctx *d, uint64_t arg)
{
	struct sg_scsi_id id;

	if (sg_ioctl_out_failed(d, arg) || sg_fetch(d, arg, &id, sizeof(id)) < 0)
		return;
	sg_str_addf(d->out,
		    "{host_no=%d, channel=%d, scsi_id=%#x, lun=%d, scsi_type=%#x, h_cmd_per_lun=%d, "
		    "d_queue_depth=%d}",
		    id.host_no, id.channel, id.scsi_id, id.lun, id.scsi_type, id.h_cmd_per_lun,
		    id.d_queue_depth);
}

static void print_hex_value(struct sg_dctx *d, uint64_t arg)
{
	sg_str_addf(d->out, "%#x", (unsigned)arg);
}

static const struct sg_ioctl_printer rows[] = {
	{ SG_IO, print_sg_io, NULL, 0 },
	{ SG_GET_SCSI_ID, print_scsi_id, NULL, 0 },
	{ SG_SCSI_RESET, print_reset, NULL, 0 },
	{ SG_NEXT_CMD_LEN, sg_ioctl_int, NULL, 0 },
	{ SG_SET_COMMAND_Q, sg_ioctl_int, NULL, 0 },
	{ SG_SET_DEBUG, sg_ioctl_int, NULL, 0 },
	{ SG_SET_FORCE_LOW_DMA, sg_ioctl_int, NULL, 0 },
	{ SG_SET_FORCE_PACK_ID, sg_ioctl_int, NULL, 0 },
	{ SG_SET_KEEP_ORPHAN, sg_ioctl_int, NULL, 0 },
	{ SG_SET_RESERVED_SIZE, sg_ioctl_int, NULL, 0 },
	{ SG_SET_TIMEOUT, sg_ioctl_int, NULL, 0 },
	{ SG_EMULATED_HOST, print_int_out, NULL, 0 },
	{ SG_GET_COMMAND_Q, print_int_out, NULL, 0 },
	{ SG_GET_KEEP_ORPHAN, print_int_out, NULL, 0 },
	{ SG_GET_LOW_DMA, print_int_out, NULL, 0 },
	{ SG_GET_NUM_WAITING, print_int_out, NULL, 0 },
	{ SG_GET_PACK_ID, print_int_out, NULL, 0 },
	{ SG_GET_RESERVED_SIZE, print_int_out, NULL, 0 },
	{ SG_GET_SG_TABLESIZE, print_int_out, NULL, 0 },
	{ SG_GET_TRANSFORM, print_int_out, NULL, 0 },
	{ SG_GET_VERSION_NUM, print_int_out, NULL, 0 },
	{ SG_SET_TRANSFORM, print_hex_value, NULL, 0 },
	{ SG_GET_TIMEOUT, sg_ioctl_none, NULL, 0 }, /* the timeout is the result */
};
SG_IOCTL_FAMILY(sg_ioctl_sg, rows);
