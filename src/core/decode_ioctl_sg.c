/* ioctls of SCSI generic devices (scsi/sg.h), as far as decoded: the driver's
 * version and the timeout. The others keep the address. */
#include "decode_ioctl_family.h"

#include <scsi/sg.h>

static void print_none(struct sg_dctx *d, uint64_t arg)
{
	(void)d;
	(void)arg;
}

static void print_int(struct sg_dctx *d, uint64_t arg)
{
	int v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%d]", v);
}

static void print_int_out(struct sg_dctx *d, uint64_t arg)
{
	if (!sg_ioctl_out_failed(d, arg))
		print_int(d, arg);
}

static const struct sg_ioctl_printer rows[] = {
	{ SG_GET_VERSION_NUM, print_int_out, NULL },
	{ SG_GET_TIMEOUT, print_none, NULL }, /* the timeout is the result */
	{ SG_SET_TIMEOUT, print_int, NULL },
};
SG_IOCTL_FAMILY(sg_ioctl_sg, rows);
