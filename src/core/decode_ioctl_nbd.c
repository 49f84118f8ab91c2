/* ioctls of network block devices (linux/nbd.h), as strace 6.1 prints them:
 * the socket as an fd, sizes and the timeout by value, the flags by name; the
 * requests without an argument show none. */
#include "decode_ioctl_family.h"

#include <linux/nbd.h>

#include "ioctl_arg_names.h"

static void print_nothing(struct sg_dctx *d, uint64_t arg)
{
	(void)d;
	(void)arg;
}

static void print_socket(struct sg_dctx *d, uint64_t arg)
{
	sg_print_fd(d, (int)arg);
}

static void print_value(struct sg_dctx *d, uint64_t arg)
{
	sg_str_addf(d->out, "%llu", (unsigned long long)arg);
}

static void print_flags(struct sg_dctx *d, uint64_t arg)
{
	sg_print_flags_as(d->out, sg_nbd_flags, arg, "0", "NBD_IOC_FLAG_???");
}

static const struct sg_ioctl_printer rows[] = {
	{ NBD_DISCONNECT, print_nothing, NULL, 0 },  { NBD_CLEAR_SOCK, print_nothing, NULL, 0 },
	{ NBD_DO_IT, print_nothing, NULL, 0 },	     { NBD_CLEAR_QUE, print_nothing, NULL, 0 },
	{ NBD_PRINT_DEBUG, print_nothing, NULL, 0 }, { NBD_SET_SOCK, print_socket, NULL, 0 },
	{ NBD_SET_BLKSIZE, print_value, NULL, 0 },   { NBD_SET_SIZE, print_value, NULL, 0 },
	{ NBD_SET_SIZE_BLOCKS, print_value, NULL, 0 }, { NBD_SET_TIMEOUT, print_value, NULL, 0 },
	{ NBD_SET_FLAGS, print_flags, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_nbd, rows);
