/* ioctls of memory technology devices (mtd/mtd-abi.h), as strace 6.1 prints
 * them: erase ranges, OOB buffers, write requests, device and region info, OTP
 * and ECC layouts. Type 'M' is shared with the sound mixer, whose requests carry
 * their channel in the number: they are named first (MIXER_READ(1)), then by
 * the table ("MIXER_READ(1) or MEMGETINFO"). */
#include "decode_ioctl_family.h"

#include <mtd/mtd-abi.h>

#include "ioctl_arg_names.h"

static bool name_mixer(struct sg_str *out, unsigned req)
{
	if (_IOC_TYPE(req) != 'M')
		return false;
	if (_IOC_DIR(req) == _IOC_WRITE)
		sg_str_addf(out, "MIXER_WRITE(%u)", _IOC_NR(req));
	else if (_IOC_DIR(req) == _IOC_READ)
		sg_str_addf(out, "MIXER_READ(%u)", _IOC_NR(req));
	else
		return false;
	return true;
}

static void print_erase(struct sg_dctx *d, uint64_t arg)
{
	struct erase_info_user e;

	if (sg_fetch(d, arg, &e, sizeof(e)) == 0)
		sg_str_addf(d->out, "{start=%#x, length=%#x}", e.start, e.length);
}

static void print_erase64(struct sg_dctx *d, uint64_t arg)
{
	struct erase_info_user64 e;

	if (sg_fetch(d, arg, &e, sizeof(e)) == 0)
		sg_str_addf(d->out, "{start=%#llx, length=%#llx}", (unsigned long long)e.start,
			    (unsigned long long)e.length);
}

static void print_oob(struct sg_dctx *d, uint64_t arg)
{
	struct mtd_oob_buf b;

	if (sg_fetch(d, arg, &b, sizeof(b)) < 0)
		return;
	sg_str_addf(d->out, "{start=%#x, length=%#x, ptr=", b.start, b.length);
	sg_print_ptr(d->out, (uintptr_t)b.ptr);
	sg_str_addc(d->out, '}');
}

static void print_oob64(struct sg_dctx *d, uint64_t arg)
{
	struct mtd_oob_buf64 b;

	if (sg_fetch(d, arg, &b, sizeof(b)) < 0)
		return;
	sg_str_addf(d->out, "{start=%#llx, length=%#x, usr_ptr=", (unsigned long long)b.start,
		    b.length);
	sg_print_ptr(d->out, b.usr_ptr);
	sg_str_addc(d->out, '}');
}

static void print_write_req(struct sg_dctx *d, uint64_t arg)
{
	struct mtd_write_req r;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_addf(d->out, "{start=%#llx, len=%#llx, ooblen=%#llx, usr_data=",
		    (unsigned long long)r.start, (unsigned long long)r.len,
		    (unsigned long long)r.ooblen);
	sg_print_ptr(d->out, r.usr_data);
	sg_str_add(d->out, ", usr_oob=");
	sg_print_ptr(d->out, r.usr_oob);
	sg_str_add(d->out, ", mode=");
	sg_print_xval(d->out, sg_mtd_ops, r.mode, "MTD_OPS_???");
	sg_str_addc(d->out, '}');
}

static void print_otp_info(struct sg_dctx *d, uint64_t arg)
{
	struct otp_info o;

	if (sg_fetch(d, arg, &o, sizeof(o)) == 0)
		sg_str_addf(d->out, "{start=%#x, length=%#x, locked=%u}", o.start, o.length,
			    o.locked);
}

static void print_otp_info_out(struct sg_dctx *d, uint64_t arg)
{
	if (!sg_ioctl_out_failed(d, arg))
		print_otp_info(d, arg);
}

static void print_otp_select(struct sg_dctx *d, uint64_t arg)
{
	unsigned v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	sg_print_xval(d->out, sg_mtd_otp, v, "MTD_OTP_???");
	sg_str_addc(d->out, ']');
}

static void print_file_mode(struct sg_dctx *d, uint64_t arg)
{
	sg_print_xval(d->out, sg_mtd_file_modes, arg, "MTD_FILE_MODE_???");
}

static void print_offset(struct sg_dctx *d, uint64_t arg)
{
	unsigned long long v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%llu]", v);
}

static void print_info(struct sg_dctx *d, uint64_t arg)
{
	struct mtd_info_user m;

	if (sg_ioctl_out_failed(d, arg) || sg_fetch(d, arg, &m, sizeof(m)) < 0)
		return;
	sg_str_add(d->out, "{type=");
	sg_print_xval(d->out, sg_mtd_types, m.type, "MTD_???");
	sg_str_add(d->out, ", flags=");
	sg_print_flags_as(d->out, sg_mtd_flags, m.flags, "0", "MTD_???");
	sg_str_addf(d->out, ", size=%#x, erasesize=%#x, writesize=%#x, oobsize=%#x, padding=%#llx}",
		    m.size, m.erasesize, m.writesize, m.oobsize, (unsigned long long)m.padding);
}

static void print_u32_array(struct sg_str *out, const uint32_t *a, size_t n)
{
	sg_str_addc(out, '[');
	for (size_t i = 0; i < n; i++)
		sg_str_addf(out, i ? ", %#x" : "%#x", a[i]);
	sg_str_addc(out, ']');
}

static void print_oobsel(struct sg_dctx *d, uint64_t arg)
{
	struct nand_oobinfo o;

	if (sg_ioctl_out_failed(d, arg) || sg_fetch(d, arg, &o, sizeof(o)) < 0)
		return;
	sg_str_add(d->out, "{useecc=");
	sg_print_xval(d->out, sg_mtd_nandecc, o.useecc, "MTD_NANDECC_???");
	sg_str_addf(d->out, ", eccbytes=%#x, oobfree=[", o.eccbytes);
	for (size_t i = 0; i < sizeof(o.oobfree) / sizeof(o.oobfree[0]); i++) {
		if (i)
			sg_str_add(d->out, ", ");
		print_u32_array(d->out, o.oobfree[i], 2);
	}
	sg_str_add(d->out, "], eccpos=");
	print_u32_array(d->out, o.eccpos, sizeof(o.eccpos) / sizeof(o.eccpos[0]));
	sg_str_addc(d->out, '}');
}

static void print_ecclayout(struct sg_dctx *d, uint64_t arg)
{
	struct nand_ecclayout_user l;

	if (sg_ioctl_out_failed(d, arg) || sg_fetch(d, arg, &l, sizeof(l)) < 0)
		return;
	sg_str_addf(d->out, "{eccbytes=%#x, eccpos=", l.eccbytes);
	print_u32_array(d->out, l.eccpos, sizeof(l.eccpos) / sizeof(l.eccpos[0]));
	sg_str_addf(d->out, ", oobavail=%#x, oobfree=[", l.oobavail);
	for (size_t i = 0; i < sizeof(l.oobfree) / sizeof(l.oobfree[0]); i++)
		sg_str_addf(d->out, "%s{offset=%#x, length=%#x}", i ? ", " : "", l.oobfree[i].offset,
			    l.oobfree[i].length);
	sg_str_add(d->out, "]}");
}

static void print_ecc_stats(struct sg_dctx *d, uint64_t arg)
{
	struct mtd_ecc_stats s;

	if (sg_ioctl_out_failed(d, arg) || sg_fetch(d, arg, &s, sizeof(s)) < 0)
		return;
	sg_str_addf(d->out, "{corrected=%#x, failed=%#x, badblocks=%#x, bbtblocks=%#x}", s.corrected,
		    s.failed, s.badblocks, s.bbtblocks);
}

static void print_count(struct sg_dctx *d, uint64_t arg, const char *fmt)
{
	int v;

	if (sg_ioctl_out_failed(d, arg) || sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	sg_str_addf(d->out, fmt, v);
	sg_str_addc(d->out, ']');
}

static void print_otp_count(struct sg_dctx *d, uint64_t arg)
{
	print_count(d, arg, "%u");
}

static void print_region_count(struct sg_dctx *d, uint64_t arg)
{
	print_count(d, arg, "%d");
}

/* The region asked about; after a success, where it is. */
static void print_region_info(struct sg_dctx *d, uint64_t arg)
{
	const struct region_info_user *in = sg_ioctl_before(d, sizeof(*in));
	struct region_info_user now;

	if (!in) {
		sg_print_ptr(d->out, arg);
		return;
	}
	sg_str_addf(d->out, "{regionindex=%#x", in->regionindex);
	if (!d->c->is_error && sg_call_read(d->c, arg, &now, sizeof(now)) == (ssize_t)sizeof(now))
		sg_str_addf(d->out, ", offset=%#x, erasesize=%#x, numblocks=%#x", now.offset,
			    now.erasesize, now.numblocks);
	sg_str_addc(d->out, '}');
}

static const struct sg_ioctl_printer rows[] = {
	{ MEMERASE, print_erase, NULL, 0 },
	{ MEMLOCK, print_erase, NULL, 0 },
	{ MEMUNLOCK, print_erase, NULL, 0 },
	{ MEMISLOCKED, print_erase, NULL, 0 },
	{ MEMERASE64, print_erase64, NULL, 0 },
	{ MEMWRITEOOB, print_oob, NULL, 0 },
	{ MEMREADOOB, print_oob, NULL, 0 },
	{ MEMWRITEOOB64, print_oob64, NULL, 0 },
	{ MEMREADOOB64, print_oob64, NULL, 0 },
	{ MEMWRITE, print_write_req, NULL, 0 },
	{ OTPGETREGIONINFO, print_otp_info_out, NULL, 0 },
	{ OTPLOCK, print_otp_info, NULL, 0 },
	{ OTPSELECT, print_otp_select, NULL, 0 },
	{ MTDFILEMODE, print_file_mode, NULL, 0 },
	{ MEMGETBADBLOCK, print_offset, NULL, 0 },
	{ MEMSETBADBLOCK, print_offset, NULL, 0 },
	{ MEMGETINFO, print_info, NULL, 0 },
	{ MEMGETOOBSEL, print_oobsel, NULL, 0 },
	{ ECCGETLAYOUT, print_ecclayout, NULL, 0 },
	{ ECCGETSTATS, print_ecc_stats, NULL, 0 },
	{ OTPGETREGIONCOUNT, print_otp_count, NULL, 0 },
	{ MEMGETREGIONCOUNT, print_region_count, NULL, 0 },
	{ MEMGETREGIONINFO, print_region_info, NULL, 0 },
};
SG_IOCTL_FAMILY_NAMED(sg_ioctl_mtd, rows, name_mixer);
