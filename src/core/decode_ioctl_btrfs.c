/* ioctls of btrfs (linux/btrfs.h, linux/btrfs_tree.h), as strace 6.1 prints
 * them: the requests with no argument; the volume, subvolume and device
 * requests with their names; balance, defragment, scrub, device replace and
 * quota requests; file system and device info; features; inode lookups. The
 * requests that fill in a struct show what they were given "=>" what came
 * back. The requests strace 6.1 leaves undecoded (the _V2 removal requests,
 * LOGICAL_INO_V2, INO_LOOKUP_USER, GET_SUBVOL_INFO...) show their argument in
 * hex. Arrays and search results are in decode_ioctl_btrfs2.c. */
#include "decode_ioctl_btrfs.h"

#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ioctl_arg_names.h"

void sg_btrfs_u(struct sg_str *out, const char *sep, const char *name, unsigned long long v)
{
	sg_field(out, sep, name);
	sg_str_addf(out, "%llu", v);
}

void sg_btrfs_u64(struct sg_str *out, const char *sep, const char *name, unsigned long long v)
{
	sg_field(out, sep, name);
	if (v == UINT64_MAX)
		sg_print_named(out, "18446744073709551615", "UINT64_MAX");
	else
		sg_str_addf(out, "%llu", v);
}

void sg_btrfs_xval_u(struct sg_str *out, const struct sg_flag *table, unsigned long long v)
{
	char number[24];

	snprintf(number, sizeof(number), "%llu", v);
	for (const struct sg_flag *f = table; f->name; f++)
		if (f->val == v) {
			sg_print_named(out, number, f->name);
			return;
		}
	sg_str_add(out, number);
}

void sg_btrfs_objectid(struct sg_str *out, const char *sep, const char *name, unsigned long long v)
{
	sg_field(out, sep, name);
	sg_btrfs_xval_u(out, sg_btrfs_objectids, v);
}

void sg_btrfs_key_type(struct sg_str *out, const char *sep, const char *name, unsigned v)
{
	sg_field(out, sep, name);
	sg_btrfs_xval_u(out, sg_btrfs_key_types, v);
}

void sg_btrfs_cstr(struct sg_dctx *d, const char *sep, const char *name, const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	sg_field(d->out, sep, name);
	sg_str_addc(d->out, '"');
	sg_str_add_escaped_hex(d->out, (const unsigned char *)s, n < size ? n : size - 1, d->o->hex);
	sg_str_addc(d->out, '"');
	if (n == size)
		sg_str_add(d->out, "...");
}

bool sg_btrfs_before(struct sg_dctx *d, uint64_t arg, void *copy, size_t size)
{
	const void *in = sg_ioctl_before(d, size);

	if (!in) {
		sg_print_ptr(d->out, arg);
		return false;
	}
	memcpy(copy, in, size);
	return true;
}

bool sg_btrfs_after(struct sg_dctx *d, uint64_t arg, void *now, size_t size)
{
	if (d->c->is_error)
		return false;
	sg_str_add(d->out, " => ");
	return sg_fetch(d, arg, now, size) == 0;
}

static void flags(struct sg_str *out, const char *sep, const char *name, const struct sg_flag *table,
		  unsigned long long v, const char *unknown)
{
	sg_field(out, sep, name);
	sg_print_flags_as(out, table, v, "0", unknown);
}

static void xval(struct sg_str *out, const char *sep, const char *name, const struct sg_flag *table,
		 unsigned long long v, const char *unknown)
{
	sg_field(out, sep, name);
	sg_print_xval(out, table, v, unknown);
}

/* strace prints a device id as a dev_t (a quirk: it is btrfs's own number). */
static void devid(struct sg_str *out, const char *sep, unsigned long long v)
{
	sg_field(out, sep, "devid");
	sg_print_makedev(out, v);
}

static void uuid(struct sg_str *out, const char *sep, const char *name, const __u8 *u)
{
	sg_field(out, sep, name);
	for (int i = 0; i < 16; i++)
		sg_str_addf(out, "%s%02x", i == 4 || i == 6 || i == 8 || i == 10 ? "-" : "", u[i]);
}

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

/* The moment a time is, in a comment, under every -X style (strace prints
 * these comments itself, not as the name of a number); none for 0. */
static void when(struct sg_str *out, long long sec, long nsec, bool with_nsec)
{
	char at[64], zone[8];
	time_t t = (time_t)sec;
	struct tm tm;

	if ((!sec && !nsec) || !localtime_r(&t, &tm) ||
	    !strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%S", &tm) || !strftime(zone, sizeof(zone), "%z", &tm))
		return;
	sg_str_addf(out, " /* %s", at);
	if (with_nsec)
		sg_str_addf(out, ".%09ld", nsec);
	sg_str_addf(out, "%s */", zone);
}

static void print_u64_ptr(struct sg_dctx *d, uint64_t arg)
{
	uint64_t v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%llu]", (unsigned long long)v);
}

static void print_subvol_flags(struct sg_dctx *d, uint64_t arg)
{
	uint64_t v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_print_flags_as(d->out, sg_btrfs_snap_flags, v, "0", "BTRFS_SUBVOL_???");
}

static void print_balance_ctl(struct sg_dctx *d, uint64_t arg)
{
	sg_print_xval(d->out, sg_btrfs_balance_ctl_cmds, (unsigned)arg, "BTRFS_BALANCE_CTL_???");
}

static void print_vol_args(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_vol_args v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_add(d->out, "{fd=");
	sg_print_fd(d, (int)v.fd);
	sg_btrfs_cstr(d, ", ", "name", v.name, sizeof(v.name));
	sg_str_addc(d->out, '}');
}

static void print_qgroup_limit(struct sg_str *out, const struct btrfs_qgroup_limit *l)
{
	flags(out, "{", "flags", sg_btrfs_qgroup_limit_flags, l->flags, "BTRFS_QGROUP_LIMIT_???");
	sg_btrfs_u(out, ", ", "max_rfer", l->max_rfer);
	sg_btrfs_u(out, ", ", "max_excl", l->max_excl);
	sg_btrfs_u(out, ", ", "rsv_rfer", l->rsv_rfer);
	sg_btrfs_u(out, ", ", "rsv_excl", l->rsv_excl);
	sg_str_addc(out, '}');
}

/* The struct a snapshot's qgroup_inherit points at, read now (it is not
 * changed by the call). */
static void print_qgroup_inherit(struct sg_dctx *d, uint64_t addr)
{
	struct btrfs_qgroup_inherit q;
	uint64_t id;

	if (!addr || sg_call_read(d->c, addr, &q, sizeof(q)) != (ssize_t)sizeof(q)) {
		sg_print_ptr(d->out, addr);
		return;
	}
	flags(d->out, "{", "flags", sg_btrfs_qgroup_inherit_flags, q.flags, "BTRFS_QGROUP_INHERIT_???");
	sg_btrfs_u(d->out, ", ", "num_qgroups", q.num_qgroups);
	sg_btrfs_u(d->out, ", ", "num_ref_copies", q.num_ref_copies);
	sg_btrfs_u(d->out, ", ", "num_excl_copies", q.num_excl_copies);
	sg_str_add(d->out, ", lim=");
	print_qgroup_limit(d->out, &q.lim);
	if (!sg_unabbreviated(d)) {
		sg_str_add(d->out, ", ...}");
		return;
	}
	sg_str_add(d->out, ", qgroups=");
	for (uint64_t i = 0; i < q.num_qgroups; i++) {
		uint64_t at = addr + sizeof(q) + i * sizeof(id);
		if (sg_call_read(d->c, at, &id, sizeof(id)) != (ssize_t)sizeof(id)) {
			if (!i)
				sg_print_ptr(d->out, at);
			else
				sg_str_addf(d->out, ", ... /* %#llx */", (unsigned long long)at);
			if (i)
				sg_str_addc(d->out, ']');
			sg_str_addc(d->out, '}');
			return;
		}
		sg_str_addf(d->out, i ? ", %llu" : "[%llu", (unsigned long long)id);
	}
	sg_str_add(d->out, q.num_qgroups ? "]}" : "[]}");
}

static void print_vol_args_v2(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_vol_args_v2 v;

	if (!sg_btrfs_before(d, arg, &v, sizeof(v)))
		return;
	sg_str_add(d->out, "{fd=");
	sg_print_fd(d, (int)v.fd);
	flags(d->out, ", ", "flags", sg_btrfs_snap_flags, v.flags, "BTRFS_SUBVOL_???");
	if (v.flags & BTRFS_SUBVOL_QGROUP_INHERIT) {
		sg_btrfs_u(d->out, ", ", "size", v.size);
		sg_str_add(d->out, ", qgroup_inherit=");
		print_qgroup_inherit(d, (uint64_t)(uintptr_t)v.qgroup_inherit);
	}
	sg_btrfs_cstr(d, ", ", "name", v.name, sizeof(v.name));
	sg_str_addc(d->out, '}');
	if (sg_btrfs_after(d, arg, &v, sizeof(v)))
		sg_str_addf(d->out, "{transid=%llu}", (unsigned long long)v.transid);
}

static void print_balance_args(struct sg_str *out, const char *sep, const char *name,
			       const struct btrfs_balance_args *a)
{
	sg_field(out, sep, name);
	flags(out, "{", "profiles", sg_btrfs_space_info_flags, a->profiles, "BTRFS_BLOCK_GROUP_???");
	sg_btrfs_u64(out, ", ", "usage", a->usage);
	sg_str_add(out, ", ");
	devid(out, "", a->devid);
	sg_btrfs_u64(out, ", ", "pstart", a->pstart);
	sg_btrfs_u64(out, ", ", "pend", a->pend);
	sg_btrfs_u64(out, ", ", "vstart", a->vstart);
	sg_btrfs_u64(out, ", ", "vend", a->vend);
	sg_btrfs_u64(out, ", ", "target", a->target);
	flags(out, ", ", "flags", sg_btrfs_balance_args, a->flags, "BTRFS_BALANCE_ARGS_???");
	sg_str_addc(out, '}');
}

static void print_balance(struct sg_str *out, const struct btrfs_ioctl_balance_args *b, bool with_state)
{
	flags(out, "{", "flags", sg_btrfs_balance_flags, b->flags, "BTRFS_BALANCE_???");
	if (with_state)
		flags(out, ", ", "state", sg_btrfs_balance_state, b->state, "BTRFS_BALANCE_STATE_???");
	if (b->flags & BTRFS_BALANCE_DATA)
		print_balance_args(out, ", ", "data", &b->data);
	if (b->flags & BTRFS_BALANCE_METADATA)
		print_balance_args(out, ", ", "meta", &b->meta);
	if (b->flags & BTRFS_BALANCE_SYSTEM)
		print_balance_args(out, ", ", "sys", &b->sys);
	sg_str_addc(out, '}');
}

/* strace goes on to the result even when it could not read the argument (a
 * quirk: "NULL => NULL"), and so also under -e verbose=none ("0x... => 0x..."). */
static void print_balance_v2(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_balance_args b;
	bool shallow = d->o->no_deref && d->c->nr >= 0 && d->c->nr < SG_NR_SYSCALLS &&
		       d->o->no_deref[d->c->nr];
	const void *in = shallow ? NULL : sg_ioctl_before(d, sizeof(b));

	if (in) {
		memcpy(&b, in, sizeof(b));
		print_balance(d->out, &b, false);
	} else {
		sg_print_ptr(d->out, arg);
	}
	if (d->c->is_error)
		return;
	sg_str_add(d->out, " => ");
	if (shallow)
		sg_print_ptr(d->out, arg);
	else if (sg_fetch(d, arg, &b, sizeof(b)) == 0)
		print_balance(d->out, &b, true);
}

static void print_balance_progress(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_balance_args b;

	if (sg_fetch(d, arg, &b, sizeof(b)) == 0)
		print_balance(d->out, &b, true);
}

static void print_defrag_range(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_defrag_range_args a;

	if (sg_fetch(d, arg, &a, sizeof(a)) < 0)
		return;
	sg_btrfs_u(d->out, "{", "start", a.start);
	sg_btrfs_u64(d->out, ", ", "len", a.len);
	flags(d->out, ", ", "flags", sg_btrfs_defrag_flags, a.flags, "BTRFS_DEFRAG_RANGE_???");
	sg_btrfs_u(d->out, ", ", "extent_thresh", a.extent_thresh);
	xval(d->out, ", ", "compress_type", sg_btrfs_compress_types, a.compress_type,
	     "BTRFS_COMPRESS_???");
	sg_str_addc(d->out, '}');
}

static void print_dev_info(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_dev_info_args a;

	if (!sg_btrfs_before(d, arg, &a, sizeof(a)))
		return;
	devid(d->out, "{", a.devid);
	if (!all_zero(a.uuid, sizeof(a.uuid)))
		uuid(d->out, ", ", "uuid", a.uuid);
	sg_str_addc(d->out, '}');
	if (!sg_btrfs_after(d, arg, &a, sizeof(a)))
		return;
	sg_str_addc(d->out, '{');
	if (!all_zero(a.uuid, sizeof(a.uuid))) {
		uuid(d->out, "", "uuid", a.uuid);
		sg_str_add(d->out, ", ");
	}
	sg_btrfs_u(d->out, "", "bytes_used", a.bytes_used);
	sg_btrfs_u(d->out, ", ", "total_bytes", a.total_bytes);
	sg_btrfs_cstr(d, ", ", "path", (const char *)a.path, sizeof(a.path));
	sg_str_addc(d->out, '}');
}

static void print_replace_start(struct sg_dctx *d, const struct btrfs_ioctl_dev_replace_start_params *p)
{
	sg_str_add(d->out, ", start={src");
	devid(d->out, "", p->srcdevid);
	xval(d->out, ", ", "cont_reading_from_srcdev_mode", sg_btrfs_dev_replace_modes,
	     p->cont_reading_from_srcdev_mode,
	     "BTRFS_IOCTL_DEV_REPLACE_CONT_READING_FROM_SRCDEV_MODE_???");
	sg_btrfs_cstr(d, ", ", "srcdev_name", (const char *)p->srcdev_name, sizeof(p->srcdev_name));
	sg_btrfs_cstr(d, ", ", "tgtdev_name", (const char *)p->tgtdev_name, sizeof(p->tgtdev_name));
	sg_str_addc(d->out, '}');
}

static void print_replace_status(struct sg_str *out, const struct btrfs_ioctl_dev_replace_status_params *p)
{
	xval(out, ", status={", "replace_state", sg_btrfs_dev_replace_states, p->replace_state,
	     "BTRFS_IOCTL_DEV_REPLACE_STATE_???");
	sg_btrfs_u(out, ", ", "progress_1000", p->progress_1000);
	if (p->progress_1000 <= 1000)
		sg_str_addf(out, " /* %u.%u%% */", (unsigned)p->progress_1000 / 10,
			    (unsigned)p->progress_1000 % 10);
	sg_btrfs_u(out, ", ", "time_started", p->time_started);
	when(out, (long long)p->time_started, 0, false);
	sg_btrfs_u(out, ", ", "time_stopped", p->time_stopped);
	when(out, (long long)p->time_stopped, 0, false);
	sg_btrfs_u(out, ", ", "num_write_errors", p->num_write_errors);
	sg_btrfs_u(out, ", ", "num_uncorrectable_read_errors", p->num_uncorrectable_read_errors);
	sg_str_addc(out, '}');
}

static void print_dev_replace(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_dev_replace_args a;

	if (!sg_btrfs_before(d, arg, &a, sizeof(a)))
		return;
	xval(d->out, "{", "cmd", sg_btrfs_dev_replace_cmds, a.cmd, "BTRFS_IOCTL_DEV_REPLACE_CMD_???");
	if (a.cmd == BTRFS_IOCTL_DEV_REPLACE_CMD_START)
		print_replace_start(d, &a.start);
	sg_str_addc(d->out, '}');
	if (!sg_btrfs_after(d, arg, &a, sizeof(a)))
		return;
	xval(d->out, "{", "result", sg_btrfs_dev_replace_results, a.result,
	     "BTRFS_IOCTL_DEV_REPLACE_RESULT_???");
	if (a.cmd == BTRFS_IOCTL_DEV_REPLACE_CMD_STATUS)
		print_replace_status(d->out, &a.status);
	sg_str_addc(d->out, '}');
}

static void print_features(struct sg_str *out, const struct btrfs_ioctl_feature_flags *f)
{
	/* strace 6.1 names no compat flag */
	static const struct sg_flag none[] = { SG_FLAG_END };

	flags(out, "{", "compat_flags", none, f->compat_flags, "BTRFS_FEATURE_COMPAT_???");
	flags(out, ", ", "compat_ro_flags", sg_btrfs_features_compat_ro, f->compat_ro_flags,
	      "BTRFS_FEATURE_COMPAT_RO_???");
	flags(out, ", ", "incompat_flags", sg_btrfs_features_incompat, f->incompat_flags,
	      "BTRFS_FEATURE_INCOMPAT_???");
	sg_str_addc(out, '}');
}

static void print_get_features(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_feature_flags f;

	if (sg_fetch(d, arg, &f, sizeof(f)) == 0)
		print_features(d->out, &f);
}

static void print_set_features(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_feature_flags f[2];

	if (sg_fetch(d, arg, f, sizeof(f)) < 0)
		return;
	sg_str_addc(d->out, '[');
	print_features(d->out, &f[0]);
	sg_str_add(d->out, ", ");
	print_features(d->out, &f[1]);
	sg_str_addc(d->out, ']');
}

static void print_supported_features(struct sg_dctx *d, uint64_t arg)
{
	static const char *const what[] = { "supported", "safe to set", "safe to clear" };
	struct btrfs_ioctl_feature_flags f[3];

	if (sg_fetch(d, arg, f, sizeof(f)) < 0)
		return;
	for (int i = 0; i < 3; i++) {
		sg_str_add(d->out, i ? ", " : "[");
		print_features(d->out, &f[i]);
		sg_str_addf(d->out, " /* %s */", what[i]);
	}
	sg_str_addc(d->out, ']');
}

static void print_fs_info(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_fs_info_args a;

	if (sg_fetch(d, arg, &a, sizeof(a)) < 0)
		return;
	sg_btrfs_u(d->out, "{", "max_id", a.max_id);
	sg_btrfs_u(d->out, ", ", "num_devices", a.num_devices);
	uuid(d->out, ", ", "fsid", a.fsid);
	sg_btrfs_u(d->out, ", ", "nodesize", a.nodesize);
	sg_btrfs_u(d->out, ", ", "sectorsize", a.sectorsize);
	sg_btrfs_u(d->out, ", ", "clone_alignment", a.clone_alignment);
	if (a.flags & BTRFS_FS_INFO_FLAG_CSUM_INFO) {
		xval(d->out, ", ", "csum_type", sg_btrfs_csum_types, a.csum_type, "BTRFS_CSUM_TYPE_???");
		sg_btrfs_u(d->out, ", ", "csum_size", a.csum_size);
	}
	flags(d->out, ", ", "flags", sg_btrfs_fs_info_flags, a.flags, "BTRFS_FS_INFO_FLAG_???");
	if (a.flags & BTRFS_FS_INFO_FLAG_GENERATION)
		sg_btrfs_u(d->out, ", ", "generation", a.generation);
	if (a.flags & BTRFS_FS_INFO_FLAG_METADATA_UUID)
		uuid(d->out, ", ", "metadata_uuid", a.metadata_uuid);
	sg_str_addc(d->out, '}');
}

/* With no tree given (0: the file's own), the tree it was found in comes back. */
static void print_ino_lookup(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_ino_lookup_args a;
	bool own;

	if (!sg_btrfs_before(d, arg, &a, sizeof(a)))
		return;
	own = a.treeid == 0;
	sg_btrfs_objectid(d->out, "{", "treeid", a.treeid);
	sg_btrfs_objectid(d->out, ", ", "objectid", a.objectid);
	sg_str_addc(d->out, '}');
	if (!sg_btrfs_after(d, arg, &a, sizeof(a)))
		return;
	sg_str_addc(d->out, '{');
	if (own) {
		sg_btrfs_objectid(d->out, "", "treeid", a.treeid);
		sg_str_add(d->out, ", ");
	}
	sg_btrfs_cstr(d, "", "name", a.name, sizeof(a.name));
	sg_str_addc(d->out, '}');
}

static void print_qgroup_assign(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_qgroup_assign_args a;

	if (sg_fetch(d, arg, &a, sizeof(a)) == 0)
		sg_str_addf(d->out, "{assign=%llu, src=%llu, dst=%llu}", (unsigned long long)a.assign,
			    (unsigned long long)a.src, (unsigned long long)a.dst);
}

static void print_qgroup_create(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_qgroup_create_args a;

	if (sg_fetch(d, arg, &a, sizeof(a)) == 0)
		sg_str_addf(d->out, "{create=%llu, qgroupid=%llu}", (unsigned long long)a.create,
			    (unsigned long long)a.qgroupid);
}

static void print_qgroup_limit_args(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_qgroup_limit_args a;

	if (sg_fetch(d, arg, &a, sizeof(a)) < 0)
		return;
	sg_str_addf(d->out, "{qgroupid=%llu, lim=", (unsigned long long)a.qgroupid);
	print_qgroup_limit(d->out, &a.lim);
	sg_str_addc(d->out, '}');
}

static void print_quota_ctl(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_quota_ctl_args a;

	if (sg_fetch(d, arg, &a, sizeof(a)) < 0)
		return;
	xval(d->out, "{", "cmd", sg_btrfs_qgroup_ctl_cmds, a.cmd, "BTRFS_QUOTA_CTL_???");
	sg_str_addc(d->out, '}');
}

static void print_quota_rescan(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_quota_rescan_args a;

	if (sg_fetch(d, arg, &a, sizeof(a)) == 0)
		sg_str_addf(d->out, "{flags=%llu}", (unsigned long long)a.flags);
}

static void print_quota_rescan_status(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_quota_rescan_args a;

	if (sg_fetch(d, arg, &a, sizeof(a)) < 0)
		return;
	sg_btrfs_u(d->out, "{", "flags", a.flags);
	sg_btrfs_objectid(d->out, ", ", "progress", a.progress);
	sg_str_addc(d->out, '}');
}

static void print_timespec(struct sg_str *out, const char *name, const struct btrfs_ioctl_timespec *t)
{
	sg_str_addf(out, ", %s={sec=%llu, nsec=%u}", name, (unsigned long long)t->sec, t->nsec);
	when(out, (long long)t->sec, (long)t->nsec, true);
}

static void print_received_subvol(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_received_subvol_args a;

	if (!sg_btrfs_before(d, arg, &a, sizeof(a)))
		return;
	uuid(d->out, "{", "uuid", (const __u8 *)a.uuid);
	sg_btrfs_u(d->out, ", ", "stransid", a.stransid);
	print_timespec(d->out, "stime", &a.stime);
	sg_btrfs_u(d->out, ", ", "flags", a.flags);
	sg_str_addc(d->out, '}');
	if (!sg_btrfs_after(d, arg, &a, sizeof(a)))
		return;
	sg_btrfs_u(d->out, "{", "rtransid", a.rtransid);
	print_timespec(d->out, "rtime", &a.rtime);
	sg_str_addc(d->out, '}');
}

static void print_scrub(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_scrub_args a;
	const struct btrfs_scrub_progress *p = &a.progress;

	if (!sg_btrfs_before(d, arg, &a, sizeof(a)))
		return;
	devid(d->out, "{", a.devid);
	if ((unsigned)sg_arg(d, 1) == BTRFS_IOC_SCRUB) {
		sg_btrfs_u(d->out, ", ", "start", a.start);
		sg_btrfs_u64(d->out, ", ", "end", a.end);
		flags(d->out, ", ", "flags", sg_btrfs_scrub_flags, a.flags, "BTRFS_SCRUB_???");
	}
	sg_str_addc(d->out, '}');
	if (!sg_btrfs_after(d, arg, &a, sizeof(a)))
		return;
	sg_str_addf(d->out,
		    "{progress={data_extents_scrubbed=%llu, tree_extents_scrubbed=%llu, "
		    "data_bytes_scrubbed=%llu, tree_bytes_scrubbed=%llu, read_errors=%llu, "
		    "csum_errors=%llu, verify_errors=%llu, no_csum=%llu, csum_discards=%llu, "
		    "super_errors=%llu, malloc_errors=%llu, uncorrectable_errors=%llu, "
		    "corrected_errors=%llu, last_physical=%llu, unverified_errors=%llu}}",
		    (unsigned long long)p->data_extents_scrubbed, (unsigned long long)p->tree_extents_scrubbed,
		    (unsigned long long)p->data_bytes_scrubbed, (unsigned long long)p->tree_bytes_scrubbed,
		    (unsigned long long)p->read_errors, (unsigned long long)p->csum_errors,
		    (unsigned long long)p->verify_errors, (unsigned long long)p->no_csum,
		    (unsigned long long)p->csum_discards, (unsigned long long)p->super_errors,
		    (unsigned long long)p->malloc_errors, (unsigned long long)p->uncorrectable_errors,
		    (unsigned long long)p->corrected_errors, (unsigned long long)p->last_physical,
		    (unsigned long long)p->unverified_errors);
}

static const struct sg_ioctl_printer rows[] = {
	/* no argument, or one the kernel ignores */
	{ BTRFS_IOC_TRANS_START, sg_ioctl_none, NULL, 0 },
	{ BTRFS_IOC_TRANS_END, sg_ioctl_none, NULL, 0 },
	{ BTRFS_IOC_SYNC, sg_ioctl_none, NULL, 0 },
	{ BTRFS_IOC_SCRUB_CANCEL, sg_ioctl_none, NULL, 0 },
	{ BTRFS_IOC_QUOTA_RESCAN_WAIT, sg_ioctl_none, NULL, 0 },
	{ BTRFS_IOC_DEFRAG, sg_ioctl_none, NULL, 0 },
	{ BTRFS_IOC_BALANCE, sg_ioctl_none, NULL, 0 },
	{ BTRFS_IOC_BALANCE_CTL, print_balance_ctl, NULL, 0 },
	{ BTRFS_IOC_START_SYNC, print_u64_ptr, NULL, 0 },
	{ BTRFS_IOC_DEFAULT_SUBVOL, print_u64_ptr, NULL, 0 },
	{ BTRFS_IOC_WAIT_SYNC, print_u64_ptr, NULL, 0 },
	{ BTRFS_IOC_SUBVOL_GETFLAGS, print_subvol_flags, NULL, 0 },
	{ BTRFS_IOC_SUBVOL_SETFLAGS, print_subvol_flags, NULL, 0 },
	{ BTRFS_IOC_SNAP_CREATE, print_vol_args, NULL, 0 },
	{ BTRFS_IOC_RESIZE, print_vol_args, NULL, 0 },
	{ BTRFS_IOC_SCAN_DEV, print_vol_args, NULL, 0 },
	{ BTRFS_IOC_FORGET_DEV, print_vol_args, NULL, 0 },
	{ BTRFS_IOC_ADD_DEV, print_vol_args, NULL, 0 },
	{ BTRFS_IOC_RM_DEV, print_vol_args, NULL, 0 },
	{ BTRFS_IOC_SUBVOL_CREATE, print_vol_args, NULL, 0 },
	{ BTRFS_IOC_SNAP_DESTROY, print_vol_args, NULL, 0 },
	{ BTRFS_IOC_DEVICES_READY, print_vol_args, NULL, 0 },
	{ BTRFS_IOC_SNAP_CREATE_V2, print_vol_args_v2, NULL, 0 },
	{ BTRFS_IOC_SUBVOL_CREATE_V2, print_vol_args_v2, NULL, 0 },
	{ BTRFS_IOC_BALANCE_V2, print_balance_v2, NULL, 0 },
	{ BTRFS_IOC_BALANCE_PROGRESS, print_balance_progress, NULL, 0 },
	{ BTRFS_IOC_DEFRAG_RANGE, print_defrag_range, NULL, 0 },
	{ BTRFS_IOC_DEV_INFO, print_dev_info, NULL, 0 },
	{ BTRFS_IOC_DEV_REPLACE, print_dev_replace, NULL, 0 },
	{ BTRFS_IOC_GET_FEATURES, print_get_features, NULL, 0 },
	{ BTRFS_IOC_SET_FEATURES, print_set_features, NULL, 0 },
	{ BTRFS_IOC_GET_SUPPORTED_FEATURES, print_supported_features, NULL, 0 },
	{ BTRFS_IOC_FS_INFO, print_fs_info, NULL, 0 },
	{ BTRFS_IOC_GET_DEV_STATS, sg_btrfs_get_dev_stats, NULL, 0 },
	{ BTRFS_IOC_INO_LOOKUP, print_ino_lookup, NULL, 0 },
	{ BTRFS_IOC_INO_PATHS, sg_btrfs_ino_paths, NULL, 0 },
	{ BTRFS_IOC_LOGICAL_INO, sg_btrfs_logical_ino, NULL, 0 },
	{ BTRFS_IOC_QGROUP_ASSIGN, print_qgroup_assign, NULL, 0 },
	{ BTRFS_IOC_QGROUP_CREATE, print_qgroup_create, NULL, 0 },
	{ BTRFS_IOC_QGROUP_LIMIT, print_qgroup_limit_args, NULL, 0 },
	{ BTRFS_IOC_QUOTA_CTL, print_quota_ctl, NULL, 0 },
	{ BTRFS_IOC_QUOTA_RESCAN, print_quota_rescan, NULL, 0 },
	{ BTRFS_IOC_QUOTA_RESCAN_STATUS, print_quota_rescan_status, NULL, 0 },
	{ BTRFS_IOC_SET_RECEIVED_SUBVOL, print_received_subvol, NULL, 0 },
	{ BTRFS_IOC_SCRUB, print_scrub, NULL, 0 },
	{ BTRFS_IOC_SCRUB_PROGRESS, print_scrub, NULL, 0 },
	{ BTRFS_IOC_TREE_SEARCH, sg_btrfs_tree_search, NULL, 0 },
	{ BTRFS_IOC_TREE_SEARCH_V2, sg_btrfs_tree_search_v2, NULL, 0 },
	{ BTRFS_IOC_SEND, sg_btrfs_send, NULL, 0 },
	{ BTRFS_IOC_SPACE_INFO, sg_btrfs_space_info, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_btrfs, rows);
