/* ioctls of /dev/random and /dev/urandom (linux/random.h): the entropy count by
 * pointer, entropy added with its bytes. */
#include "decode_ioctl_family.h"

#include <linux/random.h>

static void print_entropy(struct sg_dctx *d, uint64_t arg)
{
	struct rand_pool_info p;

	if (sg_fetch(d, arg, &p, sizeof(p)) < 0)
		return;
	sg_str_addf(d->out, "{entropy_count=%d, buf_size=%d, buf=", p.entropy_count, p.buf_size);
	sg_print_tracee_buf(d, arg + sizeof(p), (uint64_t)(unsigned)p.buf_size);
	sg_str_addc(d->out, '}');
}

static const struct sg_ioctl_printer rows[] = {
	{ RNDGETENTCNT, sg_ioctl_int, NULL, 0 },
	{ RNDADDTOENTCNT, sg_ioctl_int, NULL, 0 },
	{ RNDADDENTROPY, print_entropy, NULL, 0 },
	{ RNDZAPENTCNT, sg_ioctl_none, NULL, 0 },
	{ RNDCLEARPOOL, sg_ioctl_none, NULL, 0 },
	{ RNDRESEEDCRNG, sg_ioctl_none, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_random, rows);
