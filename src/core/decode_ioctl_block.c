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
	{ BLKRASET, sg_ioctl_val_u, NULL },
	{ BLKFRASET, sg_ioctl_val_u, NULL },
	{ BLKSECTGET, print_ushort, NULL },
	{ BLKROTATIONAL, print_ushort, NULL },
	{ BLKROGET, sg_ioctl_int, NULL },
	{ BLKBSZGET, sg_ioctl_int, NULL },
	{ BLKSSZGET, sg_ioctl_int, NULL },
	{ BLKALIGNOFF, sg_ioctl_int, NULL },
	{ BLKROSET, sg_ioctl_int, NULL },
	{ BLKBSZSET, sg_ioctl_int, NULL },
	{ BLKPBSZGET, sg_ioctl_uint, NULL },
	{ BLKIOMIN, sg_ioctl_uint, NULL },
	{ BLKIOOPT, sg_ioctl_uint, NULL },
	{ BLKDISCARDZEROES, sg_ioctl_uint, NULL },
	{ BLKGETZONESZ, sg_ioctl_uint, NULL },
	{ BLKGETNRZONES, sg_ioctl_uint, NULL },
	{ BLKRAGET, print_long, NULL },
	{ BLKFRAGET, print_long, NULL },
	{ BLKGETSIZE, print_u64, NULL }, /* an unsigned long */
	{ BLKGETSIZE64, print_u64, NULL },
	{ BLKDISCARD, print_range, NULL },
	{ BLKSECDISCARD, print_range, NULL },
	{ BLKZEROOUT, print_range, NULL },
	{ BLKPG, print_blkpg, NULL },
	{ BLKTRACESETUP, print_trace_setup, NULL },
	{ BLKRRPART, sg_ioctl_none, NULL },
	{ BLKFLSBUF, sg_ioctl_none, NULL },
	{ BLKTRACESTART, sg_ioctl_none, NULL },
	{ BLKTRACESTOP, sg_ioctl_none, NULL },
	{ BLKTRACETEARDOWN, sg_ioctl_none, NULL },
};
SG_IOCTL_FAMILY(sg_ioctl_block, rows);
