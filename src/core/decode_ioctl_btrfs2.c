/* ioctls of btrfs with arrays and search results, as strace 6.1 prints them:
 * the paths of an inode and the inodes at an address (their containers'
 * headers, their elements under -v), the clone sources of a send (-v), the
 * space infos (-v), tree searches (the key asked for "=>" the items' headers
 * found, -v) and a device's statistics. */
#include "decode_ioctl_btrfs.h"

#include <errno.h>
#include <limits.h>
#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>
#include <stddef.h>
#include <string.h>

#include "ioctl_arg_names.h"

/* Reads one element of an array; false when it could not. */
typedef bool (*elem_fn)(struct sg_dctx *d, uint64_t at, void *ctx);

/* n elements of size bytes from addr, as strace prints an array: its address
 * when the first cannot be read, "..." and the address in a comment at the
 * first of the others that cannot. */
static void print_array(struct sg_dctx *d, uint64_t addr, uint64_t n, size_t size, elem_fn elem,
			void *ctx)
{
	uint64_t i;

	if (!n) {
		sg_str_add(d->out, "[]");
		return;
	}
	for (i = 0; i < n; i++) {
		uint64_t at = addr + i * size;
		if (!i) {
			struct sg_str probe = { 0 };
			struct sg_str *out = d->out;
			d->out = &probe;
			bool got = elem(d, at, ctx);
			d->out = out;
			if (!got) {
				sg_str_free(&probe);
				sg_print_ptr(d->out, at);
				return;
			}
			sg_str_addc(d->out, '[');
			sg_str_add(d->out, probe.s ? probe.s : "");
			sg_str_free(&probe);
			continue;
		}
		sg_str_add(d->out, ", ");
		if (!elem(d, at, ctx)) {
			sg_str_addf(d->out, "... /* %#llx */", (unsigned long long)at);
			break;
		}
	}
	sg_str_addc(d->out, ']');
}

static bool read_u64(struct sg_dctx *d, uint64_t at, uint64_t *v)
{
	return sg_call_read(d->c, at, v, sizeof(*v)) == (ssize_t)sizeof(*v);
}

/* The header of a data container at addr, "{bytes_left=..., elem_missed=N";
 * false, its address shown, when it cannot be read. */
static bool container_head(struct sg_dctx *d, uint64_t addr, struct btrfs_data_container *c)
{
	if (!addr || sg_call_read(d->c, addr, c, sizeof(*c)) != (ssize_t)sizeof(*c)) {
		sg_print_ptr(d->out, addr);
		return false;
	}
	sg_str_addf(d->out, "{bytes_left=%u, bytes_missing=%u, elem_cnt=%u, elem_missed=%u",
		    c->bytes_left, c->bytes_missing, c->elem_cnt, c->elem_missed);
	return true;
}

/* A path at the container's values plus an offset. */
static bool path_elem(struct sg_dctx *d, uint64_t at, void *ctx)
{
	uint64_t off, vals = *(uint64_t *)ctx;
	struct sg_decode_opts whole = *d->o;
	const struct sg_decode_opts *saved = d->o;

	if (!read_u64(d, at, &off))
		return false;
	whole.strsize = PATH_MAX;
	d->o = &whole;
	sg_print_tracee_str(d, vals + off);
	d->o = saved;
	return true;
}

static void print_path_container(struct sg_dctx *d, uint64_t addr)
{
	struct btrfs_data_container c;
	uint64_t vals = addr + offsetof(struct btrfs_data_container, val);

	if (!container_head(d, addr, &c))
		return;
	if (!sg_unabbreviated(d)) {
		sg_str_add(d->out, ", ...}");
		return;
	}
	sg_str_add(d->out, ", val=");
	print_array(d, vals, c.elem_cnt, sizeof(uint64_t), path_elem, &vals);
	sg_str_addc(d->out, '}');
}

void sg_btrfs_ino_paths(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_ino_path_args a;

	if (!sg_btrfs_before(d, arg, &a, sizeof(a)))
		return;
	sg_str_addf(d->out, "{inum=%llu, size=%llu, fspath=", (unsigned long long)a.inum,
		    (unsigned long long)a.size);
	sg_print_ptr(d->out, a.fspath);
	sg_str_addc(d->out, '}');
	if (!sg_btrfs_after(d, arg, &a, sizeof(a)))
		return;
	sg_str_add(d->out, "{fspath=");
	print_path_container(d, a.fspath);
	sg_str_addc(d->out, '}');
}

/* An inode found at a logical address: three numbers. */
static bool inode_elem(struct sg_dctx *d, uint64_t at, void *ctx)
{
	uint64_t r[3];

	(void)ctx;
	if (sg_call_read(d->c, at, r, sizeof(r)) != (ssize_t)sizeof(r))
		return false;
	sg_str_addf(d->out, "{inum=%llu, offset=%llu, root=%llu}", (unsigned long long)r[0],
		    (unsigned long long)r[1], (unsigned long long)r[2]);
	return true;
}

void sg_btrfs_logical_ino(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_logical_ino_args a;
	struct btrfs_data_container c;

	if (!sg_btrfs_before(d, arg, &a, sizeof(a)))
		return;
	sg_str_addf(d->out, "{logical=%llu, size=%llu", (unsigned long long)a.logical,
		    (unsigned long long)a.size);
	if (a.reserved[0] || a.reserved[1] || a.reserved[2])
		sg_str_addf(d->out, ", reserved=[%#llx, %#llx, %#llx]", (unsigned long long)a.reserved[0],
			    (unsigned long long)a.reserved[1], (unsigned long long)a.reserved[2]);
	sg_str_add(d->out, ", flags=");
	sg_print_flags_as(d->out, sg_btrfs_logical_ino_flags, a.flags, "0", "BTRFS_LOGICAL_INO_ARGS_???");
	sg_str_add(d->out, ", inodes=");
	sg_print_ptr(d->out, a.inodes);
	sg_str_addc(d->out, '}');
	if (!sg_btrfs_after(d, arg, &a, sizeof(a)))
		return;
	sg_str_add(d->out, "{inodes=");
	if (container_head(d, a.inodes, &c)) {
		if (!sg_unabbreviated(d)) {
			sg_str_add(d->out, ", ...");
		} else {
			sg_str_add(d->out, ", val=");
			print_array(d, a.inodes + offsetof(struct btrfs_data_container, val),
				    c.elem_cnt / 3, 3 * sizeof(uint64_t), inode_elem, NULL);
		}
		sg_str_addc(d->out, '}');
	}
	sg_str_addc(d->out, '}');
}

static bool objectid_elem(struct sg_dctx *d, uint64_t at, void *ctx)
{
	uint64_t v;

	(void)ctx;
	if (!read_u64(d, at, &v))
		return false;
	sg_btrfs_xval_u(d->out, sg_btrfs_objectids, v);
	return true;
}

void sg_btrfs_send(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_send_args a;

	if (sg_fetch(d, arg, &a, sizeof(a)) < 0)
		return;
	sg_str_add(d->out, "{send_fd=");
	sg_print_fd(d, (int)a.send_fd);
	sg_str_addf(d->out, ", clone_sources_count=%llu, clone_sources=",
		    (unsigned long long)a.clone_sources_count);
	if (sg_unabbreviated(d))
		print_array(d, (uint64_t)(uintptr_t)a.clone_sources, a.clone_sources_count,
			    sizeof(uint64_t), objectid_elem, NULL);
	else
		sg_print_ptr(d->out, (uint64_t)(uintptr_t)a.clone_sources);
	sg_btrfs_objectid(d->out, ", ", "parent_root", a.parent_root);
	sg_str_add(d->out, ", flags=");
	sg_print_flags_as(d->out, sg_btrfs_send_flags, a.flags, "0", "BTRFS_SEND_FLAGS_???");
	sg_str_addc(d->out, '}');
}

static bool space_elem(struct sg_dctx *d, uint64_t at, void *ctx)
{
	struct btrfs_ioctl_space_info s;

	(void)ctx;
	if (sg_call_read(d->c, at, &s, sizeof(s)) != (ssize_t)sizeof(s))
		return false;
	sg_str_add(d->out, "{flags=");
	sg_print_flags_as(d->out, sg_btrfs_space_info_flags, s.flags, "0", "BTRFS_SPACE_INFO_???");
	sg_str_addf(d->out, ", total_bytes=%llu, used_bytes=%llu}", (unsigned long long)s.total_bytes,
		    (unsigned long long)s.used_bytes);
	return true;
}

/* With no slots given, only how many spaces there are comes back. */
void sg_btrfs_space_info(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_space_args a;

	if (!sg_btrfs_before(d, arg, &a, sizeof(a)))
		return;
	sg_str_addf(d->out, "{space_slots=%llu}", (unsigned long long)a.space_slots);
	if (!sg_btrfs_after(d, arg, &a, sizeof(a)))
		return;
	sg_str_addf(d->out, "{total_spaces=%llu", (unsigned long long)a.total_spaces);
	if (a.space_slots == 0 && a.total_spaces) {
		sg_str_addc(d->out, '}');
		return;
	}
	if (!sg_unabbreviated(d)) {
		sg_str_add(d->out, ", ...}");
		return;
	}
	sg_str_add(d->out, ", spaces=");
	print_array(d, arg + sizeof(a), a.total_spaces, sizeof(struct btrfs_ioctl_space_info), space_elem,
		    NULL);
	sg_str_addc(d->out, '}');
}

/* The key asked for; what comes back is only how many items were found. In
 * full (-v), the ids a search takes by default are shown too. */
static void print_key(struct sg_dctx *d, const struct btrfs_ioctl_search_key *k, bool in)
{
	sg_str_add(d->out, "{key=");
	if (!in) {
		sg_str_addf(d->out, "{nr_items=%u}", k->nr_items);
		return;
	}
	sg_btrfs_objectid(d->out, "{", "tree_id", k->tree_id);
	if (k->min_objectid != BTRFS_FIRST_FREE_OBJECTID || sg_unabbreviated(d))
		sg_btrfs_objectid(d->out, ", ", "min_objectid", k->min_objectid);
	if (k->max_objectid != BTRFS_LAST_FREE_OBJECTID || sg_unabbreviated(d))
		sg_btrfs_objectid(d->out, ", ", "max_objectid", k->max_objectid);
	sg_btrfs_u64(d->out, ", ", "min_offset", k->min_offset);
	sg_btrfs_u64(d->out, ", ", "max_offset", k->max_offset);
	sg_btrfs_u64(d->out, ", ", "min_transid", k->min_transid);
	sg_btrfs_u64(d->out, ", ", "max_transid", k->max_transid);
	sg_btrfs_key_type(d->out, ", ", "min_type", k->min_type);
	sg_btrfs_key_type(d->out, ", ", "max_type", k->max_type);
	sg_str_addf(d->out, ", nr_items=%u}", k->nr_items);
}

/* The headers of the items found, each followed by its data, in a buffer of
 * size bytes: -s of them at most (strace shows one more than -s says). */
static void print_items(struct sg_dctx *d, uint64_t buf, uint64_t size, unsigned n)
{
	struct btrfs_ioctl_search_header h;
	uint64_t off = 0;

	if (!sg_unabbreviated(d)) {
		sg_str_add(d->out, ", ...");
		return;
	}
	sg_str_add(d->out, ", buf=[");
	for (unsigned i = 0; i < n; i++) {
		uint64_t at = buf + off;
		if (i)
			sg_str_add(d->out, ", ");
		if (at < buf || off + sizeof(h) > size || i > (unsigned)d->o->strsize) {
			sg_str_add(d->out, "...");
			break;
		}
		if (sg_call_read(d->c, at, &h, sizeof(h)) != (ssize_t)sizeof(h)) {
			sg_str_addf(d->out, "... /* %#llx */", (unsigned long long)at);
			break;
		}
		sg_str_addf(d->out, "{transid=%llu", (unsigned long long)h.transid);
		sg_btrfs_objectid(d->out, ", ", "objectid", h.objectid);
		sg_str_addf(d->out, ", offset=%llu", (unsigned long long)h.offset);
		sg_btrfs_key_type(d->out, ", ", "type", h.type);
		sg_str_addf(d->out, ", len=%u}", h.len);
		off += sizeof(h) + h.len;
	}
	sg_str_addc(d->out, ']');
}

void sg_btrfs_tree_search(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_search_args a;

	if (!sg_btrfs_before(d, arg, &a, sizeof(a)))
		return;
	print_key(d, &a.key, true);
	sg_str_addc(d->out, '}');
	if (!sg_btrfs_after(d, arg, &a, sizeof(a)))
		return;
	print_key(d, &a.key, false);
	print_items(d, arg + offsetof(struct btrfs_ioctl_search_args, buf), sizeof(a.buf),
		    a.key.nr_items);
	sg_str_addc(d->out, '}');
}

/* A buffer too small (EOVERFLOW) comes back with the size it takes. */
void sg_btrfs_tree_search_v2(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_search_args_v2 a;

	if (!sg_btrfs_before(d, arg, &a, sizeof(a)))
		return;
	print_key(d, &a.key, true);
	sg_str_addf(d->out, ", buf_size=%llu}", (unsigned long long)a.buf_size);
	if (d->c->is_error) {
		if (d->c->ret == -EOVERFLOW) {
			sg_str_add(d->out, " => ");
			if (sg_fetch(d, arg, &a, sizeof(a)) == 0)
				sg_str_addf(d->out, "{buf_size=%llu}", (unsigned long long)a.buf_size);
		}
		return;
	}
	if (!sg_btrfs_after(d, arg, &a, sizeof(a)))
		return;
	print_key(d, &a.key, false);
	sg_str_addf(d->out, ", buf_size=%llu", (unsigned long long)a.buf_size);
	print_items(d, arg + sizeof(a), a.buf_size, a.key.nr_items);
	sg_str_addc(d->out, '}');
}

/* The statistics come back indexed by their names, as many as asked for and
 * the kernel has ("..." past them). */
void sg_btrfs_get_dev_stats(struct sg_dctx *d, uint64_t arg)
{
	struct btrfs_ioctl_get_dev_stats a;
	const size_t max = sizeof(a.values) / sizeof(a.values[0]);

	if (!sg_btrfs_before(d, arg, &a, sizeof(a)))
		return;
	sg_str_add(d->out, "{devid=");
	sg_print_makedev(d->out, a.devid);
	sg_str_addf(d->out, ", nr_items=%llu, flags=", (unsigned long long)a.nr_items);
	sg_print_flags_as(d->out, sg_btrfs_dev_stats_flags, a.flags, "0", "BTRFS_DEV_STATS_???");
	sg_str_addc(d->out, '}');
	if (!sg_btrfs_after(d, arg, &a, sizeof(a)))
		return;
	sg_str_addf(d->out, "{nr_items=%llu, flags=", (unsigned long long)a.nr_items);
	sg_print_flags_as(d->out, sg_btrfs_dev_stats_flags, a.flags, "0", "BTRFS_DEV_STATS_???");
	sg_str_add(d->out, ", [");
	for (uint64_t i = 0; i < a.nr_items; i++) {
		if (i)
			sg_str_add(d->out, ", ");
		if (i >= max) {
			sg_str_add(d->out, "...");
			break;
		}
		sg_str_addc(d->out, '[');
		sg_btrfs_xval_u(d->out, sg_btrfs_dev_stats_values, i);
		sg_str_addf(d->out, "]=%llu", (unsigned long long)a.values[i]);
	}
	sg_str_add(d->out, "]}");
}
