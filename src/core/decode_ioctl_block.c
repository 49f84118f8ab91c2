/* ioctls of block devices (linux/fs.h's BLK* requests, linux/blkpg.h): sizes
 * and settings by pointer or by value, byte ranges, partition requests and a
 * trace's setup. */
#include "decode_ioctl_family.h"

#include <linux/blkpg.h>
#include <linux/blktrace_api.h>
#include <linux/blkzoned.h>
#include <linux/fs.h>
#include <string.h>

static void print_ushort(struct sg_dctx *d, uint64_t arg)
{
	unsigned short v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%hu]", v);
}

static void print_long(struct sg_dctx *d, uint64_t arg)
{
	long v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%ld]", v);
}

static void print_u64(struct sg_dctx *d, uint64_t arg)
{
	uint64_t v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%llu]", (unsigned long long)v);
}

/* BLKDISCARD and the like: [start, length] in bytes. */
static void print_range(struct sg_dctx *d, uint64_t arg)
{
	uint64_t r[2];

	if (sg_fetch(d, arg, r, sizeof(r)) == 0)
		sg_str_addf(d->out, "[%llu, %llu]", (unsigned long long)r[0],
			    (unsigned long long)r[1]);
}

static void add_cstring(struct sg_str *out, const char *name, const char *s, size_t size)
{
	sg_field(out, ", ", name);
	sg_str_addc(out, '"');
	sg_str_add_escaped(out, (const unsigned char *)s, strnlen(s, size));
	sg_str_addc(out, '"');
}

static void print_blkpg(struct sg_dctx *d, uint64_t arg)
{
	static const struct sg_flag ops[] = {
		SG_FLAG(BLKPG_ADD_PARTITION), SG_FLAG(BLKPG_DEL_PARTITION),
		SG_FLAG(BLKPG_RESIZE_PARTITION), SG_FLAG_END,
	};
	struct blkpg_ioctl_arg a;
	struct blkpg_partition p;

	if (sg_fetch(d, arg, &a, sizeof(a)) < 0)
		return;
	sg_str_add(d->out, "{op=");
	sg_print_xval(d->out, ops, (unsigned)a.op, "BLKPG_???");
	sg_str_addf(d->out, ", flags=%d, datalen=%d, data=", a.flags, a.datalen);
	if (sg_fetch(d, (uint64_t)(uintptr_t)a.data, &p, sizeof(p)) == 0) {
		sg_str_addf(d->out, "{start=%lld, length=%lld, pno=%d", p.start, p.length, p.pno);
		add_cstring(d->out, "devname", p.devname, sizeof(p.devname));
		add_cstring(d->out, "volname", p.volname, sizeof(p.volname));
		sg_str_addc(d->out, '}');
	}
	sg_str_addc(d->out, '}');
}

/* What it was given and, after success, the name of the trace made. */
static void print_trace_setup(struct sg_dctx *d, uint64_t arg)
{
	struct blk_user_trace_setup b;

	if (sg_fetch(d, arg, &b, sizeof(b)) < 0)
		return;
	sg_str_addf(d->out, "{act_mask=%hu, buf_size=%u, buf_nr=%u, start_lba=%llu, end_lba=%llu, pid=",
		    b.act_mask, b.buf_size, b.buf_nr, (unsigned long long)b.start_lba,
		    (unsigned long long)b.end_lba);
	sg_print_pid(d, b.pid);
	if (!d->c->is_error)
		add_cstring(d->out, "name", b.name, sizeof(b.name));
	sg_str_addc(d->out, '}');
}

static const struct sg_ioctl_printer rows[] = {
	{ BLKRASET, sg_ioctl_val_u, NULL, 0 },
	{ BLKFRASET, sg_ioctl_val_u, NULL, 0 },
	{ BLKSECTGET, print_ushort, NULL, 0 },
	{ BLKROTATIONAL, print_ushort, NULL, 0 },
	{ BLKROGET, sg_ioctl_int, NULL, 0 },
	{ BLKBSZGET, sg_ioctl_int, NULL, 0 },
	{ BLKSSZGET, sg_ioctl_int, NULL, 0 },
	{ BLKALIGNOFF, sg_ioctl_int, NULL, 0 },
	{ BLKROSET, sg_ioctl_int, NULL, 0 },
	{ BLKBSZSET, sg_ioctl_int, NULL, 0 },
	{ BLKPBSZGET, sg_ioctl_uint, NULL, 0 },
	{ BLKIOMIN, sg_ioctl_uint, NULL, 0 },
	{ BLKIOOPT, sg_ioctl_uint, NULL, 0 },
	{ BLKDISCARDZEROES, sg_ioctl_uint, NULL, 0 },
	{ BLKGETZONESZ, sg_ioctl_uint, NULL, 0 },
	{ BLKGETNRZONES, sg_ioctl_uint, NULL, 0 },
	{ BLKRAGET, print_long, NULL, 0 },
	{ BLKFRAGET, print_long, NULL, 0 },
	{ BLKGETSIZE, print_u64, NULL, 0 }, /* an unsigned long */
	{ BLKGETSIZE64, print_u64, NULL, 0 },
	{ BLKDISCARD, print_range, NULL, 0 },
	{ BLKSECDISCARD, print_range, NULL, 0 },
	{ BLKZEROOUT, print_range, NULL, 0 },
	{ BLKPG, print_blkpg, NULL, 0 },
	{ BLKTRACESETUP, print_trace_setup, NULL, 0 },
	{ BLKRRPART, sg_ioctl_none, NULL, 0 },
	{ BLKFLSBUF, sg_ioctl_none, NULL, 0 },
	{ BLKTRACESTART, sg_ioctl_none, NULL, 0 },
	{ BLKTRACESTOP, sg_ioctl_none, NULL, 0 },
	{ BLKTRACETEARDOWN, sg_ioctl_none, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_block, rows);
