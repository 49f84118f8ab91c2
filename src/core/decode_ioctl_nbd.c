/* ioctls of network block devices (linux/nbd.h), as strace 6.1 prints them:
 * the socket as an fd, sizes and the timeout by value, the flags by name; the
 * requests without an argument show none. */
#include "decode_ioctl_family.h"

#include <linux/nbd.h>

#include "ioctl_arg_names.h"

static void print_flags(struct sg_dctx *d, uint64_t arg)
{
	sg_print_flags_as(d->out, sg_nbd_flags, arg, "0", "NBD_IOC_FLAG_???");
}

static const struct sg_ioctl_printer rows[] = {
	{ NBD_DISCONNECT, sg_ioctl_none, NULL, 0 },  { NBD_CLEAR_SOCK, sg_ioctl_none, NULL, 0 },
	{ NBD_DO_IT, sg_ioctl_none, NULL, 0 },	     { NBD_CLEAR_QUE, sg_ioctl_none, NULL, 0 },
	{ NBD_PRINT_DEBUG, sg_ioctl_none, NULL, 0 }, { NBD_SET_SOCK, sg_ioctl_val_fd, NULL, 0 },
	{ NBD_SET_BLKSIZE, sg_ioctl_val_u, NULL, 0 },   { NBD_SET_SIZE, sg_ioctl_val_u, NULL, 0 },
	{ NBD_SET_SIZE_BLOCKS, sg_ioctl_val_u, NULL, 0 }, { NBD_SET_TIMEOUT, sg_ioctl_val_u, NULL, 0 },
	{ NBD_SET_FLAGS, print_flags, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_nbd, rows);
