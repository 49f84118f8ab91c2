/* ioctls of files and file systems (linux/fs.h): the inode flags, struct
 * fsxattr, freezing and trimming, cloning and deduplicating ranges, the file
 * system's label. */
#include "decode_ioctl_family.h"

#include <linux/fs.h>
#include <string.h>

static void print_flags(struct sg_dctx *d, uint64_t arg)
{
	static const struct sg_flag flags[] = {
		SG_FLAG(FS_SECRM_FL),	  SG_FLAG(FS_UNRM_FL),	       SG_FLAG(FS_COMPR_FL),
		SG_FLAG(FS_SYNC_FL),	  SG_FLAG(FS_IMMUTABLE_FL),    SG_FLAG(FS_APPEND_FL),
		SG_FLAG(FS_NODUMP_FL),	  SG_FLAG(FS_NOATIME_FL),      SG_FLAG(FS_DIRTY_FL),
		SG_FLAG(FS_COMPRBLK_FL),  SG_FLAG(FS_NOCOMP_FL),       SG_FLAG(FS_ENCRYPT_FL),
		SG_FLAG(FS_BTREE_FL),	  SG_FLAG(FS_IMAGIC_FL),       SG_FLAG(FS_JOURNAL_DATA_FL),
		SG_FLAG(FS_NOTAIL_FL),	  SG_FLAG(FS_DIRSYNC_FL),      SG_FLAG(FS_TOPDIR_FL),
		SG_FLAG(FS_HUGE_FILE_FL), SG_FLAG(FS_EXTENT_FL),       SG_FLAG(FS_VERITY_FL),
		SG_FLAG(FS_EA_INODE_FL),  SG_FLAG(FS_EOFBLOCKS_FL),    SG_FLAG(FS_NOCOW_FL),
		SG_FLAG(FS_DAX_FL),	  SG_FLAG(FS_INLINE_DATA_FL),  SG_FLAG(FS_PROJINHERIT_FL),
		SG_FLAG(FS_CASEFOLD_FL),  SG_FLAG_END,
	};
	unsigned v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	sg_print_flags_as(d->out, flags, v, "0", "FS_???_FL");
	sg_str_addc(d->out, ']');
}

/* FS_IOC_FSGETXATTR shows fsx_nextents too, which a setter ignores. */
static void print_fsxattr(struct sg_dctx *d, uint64_t arg)
{
	static const struct sg_flag xflags[] = {
		SG_FLAG(FS_XFLAG_REALTIME),    SG_FLAG(FS_XFLAG_PREALLOC),
		SG_FLAG(FS_XFLAG_IMMUTABLE),   SG_FLAG(FS_XFLAG_APPEND),
		SG_FLAG(FS_XFLAG_SYNC),	       SG_FLAG(FS_XFLAG_NOATIME),
		SG_FLAG(FS_XFLAG_NODUMP),      SG_FLAG(FS_XFLAG_RTINHERIT),
		SG_FLAG(FS_XFLAG_PROJINHERIT), SG_FLAG(FS_XFLAG_NOSYMLINKS),
		SG_FLAG(FS_XFLAG_EXTSIZE),     SG_FLAG(FS_XFLAG_EXTSZINHERIT),
		SG_FLAG(FS_XFLAG_NODEFRAG),    SG_FLAG(FS_XFLAG_FILESTREAM),
		SG_FLAG(FS_XFLAG_DAX),	       SG_FLAG(FS_XFLAG_COWEXTSIZE),
		SG_FLAG(FS_XFLAG_HASATTR),     SG_FLAG_END,
	};
	struct fsxattr x;

	if (sg_fetch(d, arg, &x, sizeof(x)) < 0)
		return;
	sg_str_add(d->out, "{fsx_xflags=");
	sg_print_flags_as(d->out, xflags, x.fsx_xflags, "0", "FS_XFLAG_???");
	sg_str_addf(d->out, ", fsx_extsize=%u", x.fsx_extsize);
	if ((unsigned)sg_arg(d, 1) == FS_IOC_FSGETXATTR)
		sg_str_addf(d->out, ", fsx_nextents=%u", x.fsx_nextents);
	sg_str_addf(d->out, x.fsx_projid ? ", fsx_projid=%#x" : ", fsx_projid=0", x.fsx_projid);
	sg_str_addf(d->out, ", fsx_cowextsize=%u}", x.fsx_cowextsize);
}

static void print_trim(struct sg_dctx *d, uint64_t arg)
{
	struct fstrim_range r;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_addf(d->out, r.start ? "{start=%#llx" : "{start=0", (unsigned long long)r.start);
	sg_str_addf(d->out, ", len=%llu, minlen=%llu}", (unsigned long long)r.len,
		    (unsigned long long)r.minlen);
}

static void print_clone_range(struct sg_dctx *d, uint64_t arg)
{
	struct file_clone_range r;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_add(d->out, "{src_fd=");
	sg_print_fd(d, (int)r.src_fd);
	sg_str_addf(d->out, ", src_offset=%llu, src_length=%llu, dest_offset=%llu}",
		    (unsigned long long)r.src_offset, (unsigned long long)r.src_length,
		    (unsigned long long)r.dest_offset);
}

/* The destinations' array: what each was given, or after success what was done
 * to each; abbreviated, two and "...". */
static void add_dedupe_infos(struct sg_dctx *d, uint64_t arg, unsigned count, bool done)
{
	unsigned max = sg_unabbreviated(d) ? count : 2;

	sg_str_add(d->out, "info=[");
	for (unsigned i = 0; i < count; i++) {
		struct file_dedupe_range_info info;
		uint64_t at = arg + sizeof(struct file_dedupe_range) + (uint64_t)i * sizeof(info);
		if (i)
			sg_str_add(d->out, ", ");
		if (sg_call_read(d->c, at, &info, sizeof(info)) != (ssize_t)sizeof(info)) {
			sg_print_ptr(d->out, at);
			break;
		}
		if (i >= max) {
			sg_str_add(d->out, "...");
			break;
		}
		if (done) {
			sg_str_addf(d->out, "{bytes_deduped=%llu, status=%d}",
				    (unsigned long long)info.bytes_deduped, info.status);
			continue;
		}
		sg_str_add(d->out, "{dest_fd=");
		sg_print_fd(d, (int)info.dest_fd);
		sg_str_addf(d->out, ", dest_offset=%llu}", (unsigned long long)info.dest_offset);
	}
	sg_str_addc(d->out, ']');
}

/* Decoded at exit: the request's fields (which the kernel leaves), then after
 * success " => " and what it did. */
static void print_dedupe(struct sg_dctx *d, uint64_t arg)
{
	struct file_dedupe_range r;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_addf(d->out, "{src_offset=%llu, src_length=%llu, dest_count=%u, ",
		    (unsigned long long)r.src_offset, (unsigned long long)r.src_length,
		    r.dest_count);
	add_dedupe_infos(d, arg, r.dest_count, false);
	sg_str_addc(d->out, '}');
	if (d->c->is_error)
		return;
	sg_str_add(d->out, " => {");
	add_dedupe_infos(d, arg, r.dest_count, true);
	sg_str_addc(d->out, '}');
}

static void print_label(struct sg_dctx *d, uint64_t arg)
{
	char label[FSLABEL_MAX];

	if (sg_fetch(d, arg, label, sizeof(label)) < 0)
		return;
	sg_str_addc(d->out, '"');
	sg_str_add_escaped(d->out, (const unsigned char *)label, strnlen(label, sizeof(label)));
	sg_str_addc(d->out, '"');
}

static const struct sg_ioctl_printer rows[] = {
	{ FS_IOC_GETFLAGS, print_flags, NULL, 0 },
	{ FS_IOC32_GETFLAGS, print_flags, NULL, 0 },
	{ FS_IOC_SETFLAGS, print_flags, NULL, 0 },
	{ FS_IOC32_SETFLAGS, print_flags, NULL, 0 },
	{ FS_IOC_FSGETXATTR, print_fsxattr, NULL, 0 },
	{ FS_IOC_FSSETXATTR, print_fsxattr, NULL, 0 },
	{ FITRIM, print_trim, NULL, 0 },
	{ FIFREEZE, sg_ioctl_none, NULL, 0 },
	{ FITHAW, sg_ioctl_none, NULL, 0 },
	{ FICLONE, sg_ioctl_val_d, NULL, 0 },
	{ FICLONERANGE, print_clone_range, NULL, 0 },
	{ FIDEDUPERANGE, print_dedupe, NULL, 0 },
	{ FS_IOC_GETFSLABEL, print_label, NULL, 0 },
	{ FS_IOC_SETFSLABEL, print_label, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_fs, rows);
