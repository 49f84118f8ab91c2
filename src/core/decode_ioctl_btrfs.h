/* Internal to the btrfs decoders (decode_ioctl_btrfs.c, decode_ioctl_btrfs2.c):
 * the field printers both use. */
#ifndef SG_CORE_DECODE_IOCTL_BTRFS_H
#define SG_CORE_DECODE_IOCTL_BTRFS_H

#include "decode_ioctl_family.h"

/* "name=" and an unsigned number. */
void sg_btrfs_u(struct sg_str *out, const char *sep, const char *name, unsigned long long v);
/* As sg_btrfs_u, UINT64_MAX by its name. */
void sg_btrfs_u64(struct sg_str *out, const char *sep, const char *name, unsigned long long v);
/* A number named from table, in decimal under -X raw and verbose,
 * a number with no name plainly. */
void sg_btrfs_xval_u(struct sg_str *out, const struct sg_flag *table, unsigned long long v);
void sg_btrfs_objectid(struct sg_str *out, const char *sep, const char *name,
		       unsigned long long v);
void sg_btrfs_key_type(struct sg_str *out, const char *sep, const char *name, unsigned v);
/* A char array's string: up to its NUL, all but its last byte and "..." without one. */
void sg_btrfs_cstr(struct sg_dctx *d, const char *sep, const char *name, const char *s,
		   size_t size);
/* What was given before the call (a copy); false, the address shown, when it
 * could not be read. */
bool sg_btrfs_before(struct sg_dctx *d, uint64_t arg, void *copy, size_t size);
/* After a success: " => " and the struct as the kernel left it; false when
 * there is nothing more to print. */
bool sg_btrfs_after(struct sg_dctx *d, uint64_t arg, void *now, size_t size);

/* decode_ioctl_btrfs2.c: the requests with arrays and search results. */
void sg_btrfs_ino_paths(struct sg_dctx *d, uint64_t arg);
void sg_btrfs_logical_ino(struct sg_dctx *d, uint64_t arg);
void sg_btrfs_send(struct sg_dctx *d, uint64_t arg);
void sg_btrfs_space_info(struct sg_dctx *d, uint64_t arg);
void sg_btrfs_tree_search(struct sg_dctx *d, uint64_t arg);
void sg_btrfs_tree_search_v2(struct sg_dctx *d, uint64_t arg);
void sg_btrfs_get_dev_stats(struct sg_dctx *d, uint64_t arg);

#endif
