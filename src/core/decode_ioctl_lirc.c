/* ioctls of infrared remote controls (linux/lirc.h), as strace 6.1 prints
 * them: each takes a 32-bit word, read back by the getters: the features as
 * LIRC_CAN_* bits, the send and receive modes by name, the transmitter mask in
 * hex, and the other numbers (resolution, timeouts, carriers...) in decimal. */
#include "decode_ioctl_family.h"

#include <linux/lirc.h>
#include <stdint.h>

#include "ioctl_arg_names.h"

static void print_features(struct sg_dctx *d, uint64_t arg)
{
	uint32_t v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	sg_print_flags_as(d->out, sg_lirc_features, v, "0", "LIRC_CAN_???");
	sg_str_addc(d->out, ']');
}

static void print_mode(struct sg_dctx *d, uint64_t arg)
{
	uint32_t v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	sg_print_xval(d->out, sg_lirc_modes, v, "LIRC_MODE_???");
	sg_str_addc(d->out, ']');
}

static void print_hex(struct sg_dctx *d, uint64_t arg)
{
	uint32_t v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%#x]", v);
}

static const struct sg_ioctl_printer rows[] = {
	{ LIRC_GET_FEATURES, print_features, NULL, 0 },
	{ LIRC_GET_SEND_MODE, print_mode, NULL, 0 },
	{ LIRC_GET_REC_MODE, print_mode, NULL, 0 },
	{ LIRC_SET_SEND_MODE, print_mode, NULL, 0 },
	{ LIRC_SET_REC_MODE, print_mode, NULL, 0 },
	{ LIRC_SET_TRANSMITTER_MASK, print_hex, NULL, 0 },
	{ LIRC_GET_REC_RESOLUTION, sg_ioctl_uint, NULL, 0 },
	{ LIRC_GET_MIN_TIMEOUT, sg_ioctl_uint, NULL, 0 },
	{ LIRC_GET_MAX_TIMEOUT, sg_ioctl_uint, NULL, 0 },
	{ LIRC_GET_LENGTH, sg_ioctl_uint, NULL, 0 },
	{ LIRC_GET_REC_TIMEOUT, sg_ioctl_uint, NULL, 0 },
	{ LIRC_SET_SEND_CARRIER, sg_ioctl_uint, NULL, 0 },
	{ LIRC_SET_REC_CARRIER, sg_ioctl_uint, NULL, 0 },
	{ LIRC_SET_SEND_DUTY_CYCLE, sg_ioctl_uint, NULL, 0 },
	{ LIRC_SET_REC_TIMEOUT, sg_ioctl_uint, NULL, 0 },
	{ LIRC_SET_REC_TIMEOUT_REPORTS, sg_ioctl_uint, NULL, 0 },
	{ LIRC_SET_MEASURE_CARRIER_MODE, sg_ioctl_uint, NULL, 0 },
	{ LIRC_SET_REC_CARRIER_RANGE, sg_ioctl_uint, NULL, 0 },
	{ LIRC_SET_WIDEBAND_RECEIVER, sg_ioctl_uint, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_lirc, rows);
