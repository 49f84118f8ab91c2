/* The requests of the btrfs family, on fd -1 with every struct filled in as the
 * kernel would fill it, for tests/decode_ioctl_7.t: run as it is, each call
 * fails with EBADF (what a request brings in is shown); run under -e
 * inject=ioctl:retval=0, each "succeeds" without reaching the kernel, so what a
 * request gets back is printed from this data. No file system is touched. */
#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>
#include <linux/fs.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

static const unsigned char uuid[16] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
					0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10 };

static void simple_calls(void)
{
	uint64_t u = 42;

	ioctl(-1, BTRFS_IOC_TRANS_START, 0);
	ioctl(-1, BTRFS_IOC_TRANS_END, 0);
	ioctl(-1, BTRFS_IOC_SYNC, 0);
	ioctl(-1, BTRFS_IOC_SCRUB_CANCEL, 0);
	ioctl(-1, BTRFS_IOC_QUOTA_RESCAN_WAIT, 0);
	ioctl(-1, BTRFS_IOC_DEFRAG, &u);
	ioctl(-1, BTRFS_IOC_BALANCE, &u);
	ioctl(-1, BTRFS_IOC_BALANCE_CTL, BTRFS_BALANCE_CTL_PAUSE);
	ioctl(-1, BTRFS_IOC_BALANCE_CTL, BTRFS_BALANCE_CTL_CANCEL);
	ioctl(-1, BTRFS_IOC_BALANCE_CTL, 7);
	ioctl(-1, BTRFS_IOC_START_SYNC, &u);
	ioctl(-1, BTRFS_IOC_START_SYNC, NULL);
	ioctl(-1, BTRFS_IOC_DEFAULT_SUBVOL, &u);
	u = UINT64_MAX;
	ioctl(-1, BTRFS_IOC_WAIT_SYNC, &u);
	ioctl(-1, BTRFS_IOC_WAIT_SYNC, NULL);
	u = BTRFS_SUBVOL_RDONLY;
	ioctl(-1, BTRFS_IOC_SUBVOL_GETFLAGS, &u);
	u = BTRFS_SUBVOL_RDONLY | BTRFS_SUBVOL_QGROUP_INHERIT | BTRFS_SUBVOL_CREATE_ASYNC | 0x100;
	ioctl(-1, BTRFS_IOC_SUBVOL_SETFLAGS, &u);
	u = 0;
	ioctl(-1, BTRFS_IOC_SUBVOL_SETFLAGS, &u);
	ioctl(-1, BTRFS_IOC_SUBVOL_GETFLAGS, NULL);
	u = BTRFS_DEVICE_SPEC_BY_ID | BTRFS_SUBVOL_SPEC_BY_ID;
	ioctl(-1, BTRFS_IOC_SUBVOL_SETFLAGS, &u);
	/* the clone aliases */
	ioctl(-1, BTRFS_IOC_CLONE, 3);
	struct btrfs_ioctl_clone_range_args cr = { 3, 4096, 8192, 0 };
	ioctl(-1, BTRFS_IOC_CLONE_RANGE, &cr);
}

static void vol_calls(void)
{
	struct btrfs_ioctl_vol_args *v = calloc(1, sizeof(*v));
	struct btrfs_ioctl_vol_args_v2 *v2 = calloc(1, sizeof(*v2));
	struct btrfs_qgroup_inherit *qi = calloc(1, sizeof(*qi) + 3 * sizeof(uint64_t));

	v->fd = 5;
	strcpy(v->name, "subvol");
	ioctl(-1, BTRFS_IOC_SNAP_CREATE, v);
	ioctl(-1, BTRFS_IOC_SUBVOL_CREATE, v);
	ioctl(-1, BTRFS_IOC_SNAP_DESTROY, v);
	strcpy(v->name, "/dev/sdb1");
	ioctl(-1, BTRFS_IOC_ADD_DEV, v);
	ioctl(-1, BTRFS_IOC_RM_DEV, v);
	ioctl(-1, BTRFS_IOC_SCAN_DEV, v);
	ioctl(-1, BTRFS_IOC_FORGET_DEV, v);
	ioctl(-1, BTRFS_IOC_DEVICES_READY, v);
	v->fd = -1;
	strcpy(v->name, "1:+2g a name longer than thirty-two characters");
	ioctl(-1, BTRFS_IOC_RESIZE, v);
	memset(v->name, 'x', sizeof(v->name)); /* no NUL */
	ioctl(-1, BTRFS_IOC_RESIZE, v);
	ioctl(-1, BTRFS_IOC_RESIZE, NULL);

	v2->fd = 6;
	v2->transid = 77;
	v2->flags = BTRFS_SUBVOL_RDONLY;
	strcpy(v2->name, "snap");
	ioctl(-1, BTRFS_IOC_SNAP_CREATE_V2, v2);
	ioctl(-1, BTRFS_IOC_SUBVOL_CREATE_V2, v2);
	qi->flags = BTRFS_QGROUP_INHERIT_SET_LIMITS;
	qi->num_qgroups = 3;
	qi->num_ref_copies = 0;
	qi->num_excl_copies = 0;
	qi->lim.flags = BTRFS_QGROUP_LIMIT_MAX_RFER | BTRFS_QGROUP_LIMIT_EXCL_CMPR;
	qi->lim.max_rfer = 1 << 30;
	qi->lim.max_excl = 2;
	qi->lim.rsv_rfer = 3;
	qi->lim.rsv_excl = 4;
	qi->qgroups[0] = 256;
	qi->qgroups[1] = 257;
	qi->qgroups[2] = (1ULL << 48) | 5;
	v2->flags = BTRFS_SUBVOL_QGROUP_INHERIT | BTRFS_SUBVOL_RDONLY | 0x40;
	v2->size = sizeof(*qi) + 3 * sizeof(uint64_t);
	v2->qgroup_inherit = qi;
	ioctl(-1, BTRFS_IOC_SUBVOL_CREATE_V2, v2);
	v2->qgroup_inherit = NULL;
	ioctl(-1, BTRFS_IOC_SNAP_CREATE_V2, v2);
	/* not decoded by strace 6.1: the argument in hex */
	v2->flags = BTRFS_SUBVOL_SPEC_BY_ID;
	ioctl(-1, BTRFS_IOC_SNAP_DESTROY_V2, v2);
	ioctl(-1, BTRFS_IOC_RM_DEV_V2, v2);
	free(v);
	free(v2);
	free(qi);
}

static void balance_calls(void)
{
	struct btrfs_ioctl_balance_args *b = calloc(1, sizeof(*b));

	b->flags = BTRFS_BALANCE_DATA | BTRFS_BALANCE_METADATA | BTRFS_BALANCE_FORCE;
	b->state = BTRFS_BALANCE_STATE_RUNNING | BTRFS_BALANCE_STATE_CANCEL_REQ;
	b->data.profiles = BTRFS_BLOCK_GROUP_DATA | BTRFS_BLOCK_GROUP_RAID1;
	b->data.usage = 50;
	b->data.devid = 1;
	b->data.pstart = 0;
	b->data.pend = UINT64_MAX;
	b->data.vstart = 4096;
	b->data.vend = UINT64_MAX;
	b->data.target = BTRFS_BLOCK_GROUP_RAID10;
	b->data.flags = BTRFS_BALANCE_ARGS_USAGE | BTRFS_BALANCE_ARGS_CONVERT |
			BTRFS_BALANCE_ARGS_SOFT | BTRFS_BALANCE_ARGS_USAGE_RANGE;
	b->meta.profiles = BTRFS_BLOCK_GROUP_METADATA | BTRFS_BLOCK_GROUP_DUP | (1ULL << 40);
	b->meta.flags = 1ULL << 20;
	b->sys.profiles = BTRFS_BLOCK_GROUP_SYSTEM | BTRFS_BLOCK_GROUP_RAID0 | BTRFS_BLOCK_GROUP_RAID5 |
			  BTRFS_BLOCK_GROUP_RAID6 | BTRFS_BLOCK_GROUP_RAID1C3 | BTRFS_BLOCK_GROUP_RAID1C4 |
			  BTRFS_AVAIL_ALLOC_BIT_SINGLE | BTRFS_SPACE_INFO_GLOBAL_RSV | (1ULL << 11);
	b->sys.flags = BTRFS_BALANCE_ARGS_PROFILES | BTRFS_BALANCE_ARGS_DEVID | BTRFS_BALANCE_ARGS_DRANGE |
		       BTRFS_BALANCE_ARGS_VRANGE | BTRFS_BALANCE_ARGS_LIMIT | BTRFS_BALANCE_ARGS_LIMIT_RANGE |
		       BTRFS_BALANCE_ARGS_STRIPES_RANGE;
	ioctl(-1, BTRFS_IOC_BALANCE_V2, b);
	b->flags = BTRFS_BALANCE_SYSTEM | BTRFS_BALANCE_RESUME | (1ULL << 30);
	b->state = 1ULL << 10;
	ioctl(-1, BTRFS_IOC_BALANCE_PROGRESS, b);
	b->flags = 0;
	ioctl(-1, BTRFS_IOC_BALANCE_V2, b);
	ioctl(-1, BTRFS_IOC_BALANCE_V2, NULL);
	free(b);
}

static void info_calls(void)
{
	struct btrfs_ioctl_defrag_range_args dr = {
		.start = 0, .len = UINT64_MAX, .flags = BTRFS_DEFRAG_RANGE_COMPRESS | BTRFS_DEFRAG_RANGE_START_IO,
		.extent_thresh = 65536, .compress_type = 2 };
	struct btrfs_ioctl_dev_info_args *di = calloc(1, sizeof(*di));
	struct btrfs_ioctl_fs_info_args *fi = calloc(1, sizeof(*fi));
	struct btrfs_ioctl_feature_flags ff[3] = {
		{ BTRFS_FEATURE_COMPAT_RO_FREE_SPACE_TREE, 0, 0 },
		{ 1ULL << 5, BTRFS_FEATURE_COMPAT_RO_FREE_SPACE_TREE | BTRFS_FEATURE_COMPAT_RO_FREE_SPACE_TREE_VALID |
		  BTRFS_FEATURE_COMPAT_RO_VERITY | BTRFS_FEATURE_COMPAT_RO_BLOCK_GROUP_TREE | (1ULL << 9),
		  0xffffULL },
		{ 0, 0, BTRFS_FEATURE_INCOMPAT_MIXED_BACKREF | BTRFS_FEATURE_INCOMPAT_ZONED | (1ULL << 40) },
	};

	ioctl(-1, BTRFS_IOC_DEFRAG_RANGE, &dr);
	for (unsigned t = 0; t < 5; t++) {
		dr.compress_type = t;
		ioctl(-1, BTRFS_IOC_DEFRAG_RANGE, &dr);
	}
	dr.flags = 4;
	dr.compress_type = 9;
	dr.len = 1 << 20;
	ioctl(-1, BTRFS_IOC_DEFRAG_RANGE, &dr);

	di->devid = 1;
	di->bytes_used = 1 << 30;
	di->total_bytes = 1ULL << 34;
	strcpy((char *)di->path, "/dev/vdb");
	ioctl(-1, BTRFS_IOC_DEV_INFO, di);
	memcpy(di->uuid, uuid, sizeof(uuid));
	di->devid = 0x1234567;
	ioctl(-1, BTRFS_IOC_DEV_INFO, di);

	fi->max_id = 2;
	fi->num_devices = 2;
	memcpy(fi->fsid, uuid, sizeof(uuid));
	fi->nodesize = 16384;
	fi->sectorsize = 4096;
	fi->clone_alignment = 4096;
	ioctl(-1, BTRFS_IOC_FS_INFO, fi);
	fi->flags = BTRFS_FS_INFO_FLAG_CSUM_INFO | BTRFS_FS_INFO_FLAG_GENERATION |
		    BTRFS_FS_INFO_FLAG_METADATA_UUID | 0x10;
	fi->csum_type = 1;
	fi->csum_size = 32;
	fi->generation = 1234;
	memcpy(fi->metadata_uuid, uuid, sizeof(uuid));
	fi->metadata_uuid[0] = 0xaa;
	ioctl(-1, BTRFS_IOC_FS_INFO, fi);
	for (unsigned t = 2; t < 5; t++) {
		fi->csum_type = t;
		ioctl(-1, BTRFS_IOC_FS_INFO, fi);
	}
	fi->csum_type = 9;
	fi->flags = BTRFS_FS_INFO_FLAG_CSUM_INFO;
	ioctl(-1, BTRFS_IOC_FS_INFO, fi);

	ioctl(-1, BTRFS_IOC_GET_FEATURES, ff);
	ioctl(-1, BTRFS_IOC_SET_FEATURES, ff);
	ioctl(-1, BTRFS_IOC_GET_SUPPORTED_FEATURES, ff);
	ioctl(-1, BTRFS_IOC_GET_FEATURES, ff + 1);
	ioctl(-1, BTRFS_IOC_GET_FEATURES, ff + 2);
	ioctl(-1, BTRFS_IOC_GET_FEATURES, NULL);
	free(di);
	free(fi);
}

static void dev_calls(void)
{
	struct btrfs_ioctl_dev_replace_args *r = calloc(1, sizeof(*r));
	struct btrfs_ioctl_get_dev_stats ds = { .devid = 1, .nr_items = 5, .flags = BTRFS_DEV_STATS_RESET };

	r->cmd = BTRFS_IOCTL_DEV_REPLACE_CMD_START;
	r->start.srcdevid = 1;
	r->start.cont_reading_from_srcdev_mode = BTRFS_IOCTL_DEV_REPLACE_CONT_READING_FROM_SRCDEV_MODE_AVOID;
	strcpy((char *)r->start.srcdev_name, "/dev/sda");
	strcpy((char *)r->start.tgtdev_name, "/dev/sdb");
	r->result = BTRFS_IOCTL_DEV_REPLACE_RESULT_ALREADY_STARTED;
	ioctl(-1, BTRFS_IOC_DEV_REPLACE, r);
	r->cmd = BTRFS_IOCTL_DEV_REPLACE_CMD_STATUS;
	r->result = BTRFS_IOCTL_DEV_REPLACE_RESULT_NO_ERROR;
	r->status.replace_state = BTRFS_IOCTL_DEV_REPLACE_STATE_STARTED;
	r->status.progress_1000 = 317;
	r->status.time_started = 1500000000;
	r->status.time_stopped = 0;
	r->status.num_write_errors = 3;
	r->status.num_uncorrectable_read_errors = 4;
	ioctl(-1, BTRFS_IOC_DEV_REPLACE, r);
	r->status.replace_state = 9;
	r->status.progress_1000 = 1001;
	r->result = 7;
	ioctl(-1, BTRFS_IOC_DEV_REPLACE, r);
	r->cmd = BTRFS_IOCTL_DEV_REPLACE_CMD_CANCEL;
	ioctl(-1, BTRFS_IOC_DEV_REPLACE, r);
	r->cmd = 5;
	r->start.cont_reading_from_srcdev_mode = 3;
	ioctl(-1, BTRFS_IOC_DEV_REPLACE, r);

	for (int i = 0; i < 5; i++)
		ds.values[i] = (uint64_t)i * 10 + 1;
	ioctl(-1, BTRFS_IOC_GET_DEV_STATS, &ds);
	ds.nr_items = 7;
	ds.flags = 2;
	ioctl(-1, BTRFS_IOC_GET_DEV_STATS, &ds);
	ds.nr_items = 200;
	ioctl(-1, BTRFS_IOC_GET_DEV_STATS, &ds);
	free(r);
}

static void lookup_calls(void)
{
	struct btrfs_ioctl_ino_lookup_args *l = calloc(1, sizeof(*l));
	struct btrfs_ioctl_ino_path_args ip = { .inum = 257, .size = 4096 };
	struct btrfs_ioctl_logical_ino_args li = { .logical = 1 << 20, .size = 4096 };
	struct {
		struct btrfs_data_container c;
		uint64_t val[6];
		char names[64];
	} paths = { { 0, 0, 2, 0 }, { 0 }, "dir/a\0dir/b" }, inodes = { { 10, 20, 6, 1 }, { 257, 0, 5, 258, 4096, 5 }, "" };

	l->treeid = 0;
	l->objectid = BTRFS_FIRST_FREE_OBJECTID;
	strcpy(l->name, "some/dir/");
	ioctl(-1, BTRFS_IOC_INO_LOOKUP, l);
	l->treeid = BTRFS_FS_TREE_OBJECTID;
	l->objectid = 300;
	ioctl(-1, BTRFS_IOC_INO_LOOKUP, l);

	paths.val[0] = (uint64_t)(uintptr_t)paths.names - (uint64_t)(uintptr_t)paths.val;
	paths.val[1] = paths.val[0] + 6;
	ip.fspath = (uint64_t)(uintptr_t)&paths;
	ioctl(-1, BTRFS_IOC_INO_PATHS, &ip);
	ip.fspath = 0;
	ioctl(-1, BTRFS_IOC_INO_PATHS, &ip);

	li.inodes = (uint64_t)(uintptr_t)&inodes;
	li.flags = BTRFS_LOGICAL_INO_ARGS_IGNORE_OFFSET;
	ioctl(-1, BTRFS_IOC_LOGICAL_INO, &li);
	li.reserved[1] = 0xdead;
	li.flags = 6;
	ioctl(-1, BTRFS_IOC_LOGICAL_INO, &li);
	/* not decoded by strace 6.1 */
	ioctl(-1, BTRFS_IOC_LOGICAL_INO_V2, &li);
	ioctl(-1, BTRFS_IOC_INO_LOOKUP_USER, l);
	free(l);
}

static void quota_calls(void)
{
	struct btrfs_ioctl_qgroup_assign_args qa = { 1, 256, (1ULL << 48) | 1 };
	struct btrfs_ioctl_qgroup_create_args qc = { 1, 258 };
	struct btrfs_ioctl_qgroup_limit_args ql = { 257, { BTRFS_QGROUP_LIMIT_MAX_RFER | 0x80, 1 << 20, 2, 3, UINT64_MAX } };
	struct btrfs_ioctl_quota_ctl_args qctl = { BTRFS_QUOTA_CTL_ENABLE, 0 };
	struct btrfs_ioctl_quota_rescan_args rs = { .flags = 0, .progress = BTRFS_FIRST_FREE_OBJECTID };

	ioctl(-1, BTRFS_IOC_QGROUP_ASSIGN, &qa);
	ioctl(-1, BTRFS_IOC_QGROUP_CREATE, &qc);
	ioctl(-1, BTRFS_IOC_QGROUP_LIMIT, &ql);
	ioctl(-1, BTRFS_IOC_QUOTA_CTL, &qctl);
	qctl.cmd = BTRFS_QUOTA_CTL_RESCAN__NOTUSED;
	ioctl(-1, BTRFS_IOC_QUOTA_CTL, &qctl);
	qctl.cmd = 9;
	ioctl(-1, BTRFS_IOC_QUOTA_CTL, &qctl);
	ioctl(-1, BTRFS_IOC_QUOTA_RESCAN, &rs);
	ioctl(-1, BTRFS_IOC_QUOTA_RESCAN_STATUS, &rs);
	rs.flags = 1;
	rs.progress = 1000;
	ioctl(-1, BTRFS_IOC_QUOTA_RESCAN_STATUS, &rs);
	/* every tree that has a name, and the ones past the last free */
	static const uint64_t objectids[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 255, 256, 257,
					      -4ULL, -9ULL, -12ULL, -255ULL, -256ULL, -257ULL, -1ULL };
	for (size_t i = 0; i < sizeof(objectids) / sizeof(objectids[0]); i++) {
		rs.progress = objectids[i];
		ioctl(-1, BTRFS_IOC_QUOTA_RESCAN_STATUS, &rs);
	}
	ioctl(-1, BTRFS_IOC_QGROUP_LIMIT, NULL);
}

static void misc_calls(void)
{
	struct btrfs_ioctl_received_subvol_args rcv = { .stransid = 10, .rtransid = 11,
		.stime = { 1500000000, 123 }, .rtime = { 1600000000, 456789 }, .flags = 0 };
	struct btrfs_ioctl_scrub_args *s = calloc(1, sizeof(*s));
	__u64 clones[3] = { BTRFS_FS_TREE_OBJECTID, 256, BTRFS_LAST_FREE_OBJECTID };
	struct btrfs_ioctl_send_args snd = { .send_fd = 7, .clone_sources_count = 3, .clone_sources = clones,
		.parent_root = 258, .flags = BTRFS_SEND_FLAG_NO_FILE_DATA | BTRFS_SEND_FLAG_OMIT_END_CMD };
	struct {
		struct btrfs_ioctl_space_args a;
		struct btrfs_ioctl_space_info s[3];
	} sp = { { 3, 3 }, { { BTRFS_BLOCK_GROUP_DATA, 1 << 30, 1 << 20 },
			     { BTRFS_BLOCK_GROUP_METADATA | BTRFS_BLOCK_GROUP_DUP, 1 << 28, 1 << 16 },
			     { BTRFS_SPACE_INFO_GLOBAL_RSV, 1 << 24, 0 } } };

	memcpy(rcv.uuid, uuid, sizeof(uuid));
	ioctl(-1, BTRFS_IOC_SET_RECEIVED_SUBVOL, &rcv);

	s->devid = 1;
	s->start = 0;
	s->end = UINT64_MAX;
	s->flags = BTRFS_SCRUB_READONLY;
	s->progress.data_extents_scrubbed = 1;
	s->progress.tree_extents_scrubbed = 2;
	s->progress.data_bytes_scrubbed = 3;
	s->progress.tree_bytes_scrubbed = 4;
	s->progress.read_errors = 5;
	s->progress.csum_errors = 6;
	s->progress.verify_errors = 7;
	s->progress.no_csum = 8;
	s->progress.csum_discards = 9;
	s->progress.super_errors = 10;
	s->progress.malloc_errors = 11;
	s->progress.uncorrectable_errors = 12;
	s->progress.corrected_errors = 13;
	s->progress.last_physical = 14;
	s->progress.unverified_errors = 15;
	ioctl(-1, BTRFS_IOC_SCRUB, s);
	s->flags = 6;
	s->end = 1 << 20;
	ioctl(-1, BTRFS_IOC_SCRUB, s);
	ioctl(-1, BTRFS_IOC_SCRUB_PROGRESS, s);

	ioctl(-1, BTRFS_IOC_SEND, &snd);
	snd.flags = BTRFS_SEND_FLAG_OMIT_STREAM_HEADER | 0x8 | 0x10;
	ioctl(-1, BTRFS_IOC_SEND, &snd);
	snd.flags = 0x100;
	snd.clone_sources_count = 0;
	snd.parent_root = BTRFS_FIRST_FREE_OBJECTID;
	ioctl(-1, BTRFS_IOC_SEND, &snd);

	ioctl(-1, BTRFS_IOC_SPACE_INFO, &sp);
	sp.a.space_slots = 0;
	ioctl(-1, BTRFS_IOC_SPACE_INFO, &sp);
	sp.a.total_spaces = 0;
	ioctl(-1, BTRFS_IOC_SPACE_INFO, &sp);
	free(s);
}

static void search_calls(void)
{
	struct btrfs_ioctl_search_args *a = calloc(1, sizeof(*a));
	struct {
		struct btrfs_ioctl_search_args_v2 a;
		uint64_t buf[64];
	} v2;
	struct btrfs_ioctl_search_header h = { 5, BTRFS_FIRST_FREE_OBJECTID, 0, BTRFS_INODE_ITEM_KEY, 8 };

	a->key.tree_id = BTRFS_ROOT_TREE_OBJECTID;
	a->key.min_objectid = BTRFS_FIRST_FREE_OBJECTID;
	a->key.max_objectid = BTRFS_LAST_FREE_OBJECTID;
	a->key.min_offset = 0;
	a->key.max_offset = UINT64_MAX;
	a->key.min_transid = 0;
	a->key.max_transid = UINT64_MAX;
	a->key.min_type = BTRFS_INODE_ITEM_KEY;
	a->key.max_type = BTRFS_ROOT_REF_KEY;
	a->key.nr_items = 2;
	memcpy(a->buf, &h, sizeof(h));
	h.objectid = 300;
	h.type = BTRFS_DIR_ITEM_KEY;
	h.len = 0;
	memcpy(a->buf + sizeof(h) + 8, &h, sizeof(h));
	ioctl(-1, BTRFS_IOC_TREE_SEARCH, a);
	a->key.tree_id = 12345;
	a->key.min_objectid = 256;
	a->key.max_objectid = UINT64_MAX;
	a->key.min_type = 7;
	a->key.max_type = 0xffffffff;
	a->key.nr_items = 40;
	ioctl(-1, BTRFS_IOC_TREE_SEARCH, a);

	/* every key type that has a name, and some that have none */
	for (unsigned t = 0; t <= 256; t++) {
		static struct btrfs_ioctl_search_args k;
		k.key.min_type = t;
		k.key.max_type = t + 1;
		k.key.tree_id = t;
		k.key.nr_items = 0;
		if (t % 4 == 0 || t > 160)
			ioctl(-1, BTRFS_IOC_TREE_SEARCH, &k);
	}
	memset(&v2, 0, sizeof(v2));
	v2.a.key = a->key;
	v2.a.key.tree_id = BTRFS_CSUM_TREE_OBJECTID;
	v2.a.key.nr_items = 1;
	v2.a.buf_size = sizeof(v2.buf);
	h.type = BTRFS_EXTENT_CSUM_KEY;
	memcpy(v2.buf, &h, sizeof(h));
	ioctl(-1, BTRFS_IOC_TREE_SEARCH_V2, &v2);
	v2.a.key.nr_items = 3;
	v2.a.buf_size = sizeof(h) + 8;
	ioctl(-1, BTRFS_IOC_TREE_SEARCH_V2, &v2);
	free(a);
}

int main(void)
{
	simple_calls();
	vol_calls();
	balance_calls();
	info_calls();
	dev_calls();
	lookup_calls();
	quota_calls();
	misc_calls();
	search_calls();
	return 0;
}
