/* ioctls of UBI devices and volumes (mtd/ubi-user.h), as strace 6.1 prints
 * them: volume creation (and the volume id it gets back), resizing, renaming,
 * attaching an MTD device, LEB changes and maps, volume properties; the
 * requests taking a number show it. */
#include "decode_ioctl_family.h"

#include <mtd/ubi-user.h>
#include <string.h>

#include "ioctl_arg_names.h"

/* A name of name_len bytes (at most the field's), as a quoted string. */
static void print_name(struct sg_dctx *d, const char *name, int len, size_t size)
{
	size_t n = len < 0 ? 0 : (size_t)len < size - 1 ? (size_t)len : size - 1;

	sg_str_add(d->out, ", name=\"");
	sg_str_add_escaped_hex(d->out, (const unsigned char *)name, strnlen(name, n), d->o->hex);
	sg_str_addc(d->out, '"');
}

/* The id the kernel gave the new volume or device, after a success. */
static void print_new_id(struct sg_dctx *d, uint64_t arg)
{
	int id;

	if (!d->c->is_error && sg_call_read(d->c, arg, &id, sizeof(id)) == (ssize_t)sizeof(id))
		sg_str_addf(d->out, " => [%d]", id);
}

static void print_mkvol(struct sg_dctx *d, uint64_t arg)
{
	const struct ubi_mkvol_req *r = sg_ioctl_before(d, sizeof(*r));

	if (!r) {
		sg_print_ptr(d->out, arg);
		return;
	}
	sg_str_addf(d->out, "{vol_id=%d, alignment=%d, bytes=%lld, vol_type=", r->vol_id,
		    r->alignment, (long long)r->bytes);
	sg_print_xval(d->out, sg_ubi_volume_types, (unsigned)r->vol_type, "UBI_???_VOLUME");
	sg_str_add(d->out, ", flags=");
	sg_print_flags_as(d->out, sg_ubi_volume_flags, r->flags, "0", "UBI_VOL_???");
	sg_str_addf(d->out, ", name_len=%d", r->name_len);
	print_name(d, r->name, r->name_len, sizeof(r->name));
	sg_str_addc(d->out, '}');
	print_new_id(d, arg);
}

static void print_rsvol(struct sg_dctx *d, uint64_t arg)
{
	struct ubi_rsvol_req r;

	if (sg_fetch(d, arg, &r, sizeof(r)) == 0)
		sg_str_addf(d->out, "{bytes=%lld, vol_id=%d}", (long long)r.bytes, r.vol_id);
}

static void print_rnvol(struct sg_dctx *d, uint64_t arg)
{
	struct ubi_rnvol_req r;
	unsigned n;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	n = r.count < 0 ? 0 : (unsigned)r.count;
	sg_str_addf(d->out, "{count=%d, ents=[", r.count);
	for (unsigned i = 0; i < n && i < UBI_MAX_RNVOL; i++) {
		sg_str_addf(d->out, "%s{vol_id=%d, name_len=%d", i ? ", " : "", r.ents[i].vol_id,
			    r.ents[i].name_len);
		print_name(d, r.ents[i].name, r.ents[i].name_len, sizeof(r.ents[i].name));
		sg_str_addc(d->out, '}');
	}
	if (n > UBI_MAX_RNVOL)
		sg_str_add(d->out, ", ...");
	sg_str_add(d->out, "]}");
}

static void print_leb_change(struct sg_dctx *d, uint64_t arg)
{
	struct ubi_leb_change_req r;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_addf(d->out, "{lnum=%d, bytes=%d, dtype=", r.lnum, r.bytes);
	sg_print_xval(d->out, sg_ubi_data_types, r.dtype, "UBI_???");
	sg_str_addc(d->out, '}');
}

static void print_attach(struct sg_dctx *d, uint64_t arg)
{
	const struct ubi_attach_req *r = sg_ioctl_before(d, sizeof(*r));

	if (!r) {
		sg_print_ptr(d->out, arg);
		return;
	}
	/* strace 6.1 stops before disable_fm, which later kernels added */
	sg_str_addf(d->out, "{ubi_num=%d, mtd_num=%d, vid_hdr_offset=%d, max_beb_per1024=%d}",
		    r->ubi_num, r->mtd_num, r->vid_hdr_offset, r->max_beb_per1024);
	print_new_id(d, arg);
}

static void print_map(struct sg_dctx *d, uint64_t arg)
{
	struct ubi_map_req r;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_addf(d->out, "{lnum=%d, dtype=", r.lnum);
	sg_print_xval(d->out, sg_ubi_data_types, r.dtype, "UBI_???");
	sg_str_addc(d->out, '}');
}

static void print_vol_prop(struct sg_dctx *d, uint64_t arg)
{
	struct ubi_set_vol_prop_req r;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_add(d->out, "{property=");
	sg_print_xval(d->out, sg_ubi_volume_props, r.property, "UBI_VOL_PROP_???");
	sg_str_addf(d->out, ", value=%#llx}", (unsigned long long)r.value);
}

static void print_int64(struct sg_dctx *d, uint64_t arg)
{
	long long v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%lld]", v);
}

static const struct sg_ioctl_printer rows[] = {
	{ UBI_IOCMKVOL, print_mkvol, NULL, 0 },	       { UBI_IOCRSVOL, print_rsvol, NULL, 0 },
	{ UBI_IOCRNVOL, print_rnvol, NULL, 0 },	       { UBI_IOCEBCH, print_leb_change, NULL, 0 },
	{ UBI_IOCATT, print_attach, NULL, 0 },	       { UBI_IOCEBMAP, print_map, NULL, 0 },
	{ UBI_IOCSETVOLPROP, print_vol_prop, NULL, 0 }, { UBI_IOCVOLUP, print_int64, NULL, 0 },
	{ UBI_IOCDET, sg_ioctl_int, NULL, 0 },	       { UBI_IOCEBER, sg_ioctl_int, NULL, 0 },
	{ UBI_IOCEBISMAP, sg_ioctl_int, NULL, 0 },	       { UBI_IOCEBUNMAP, sg_ioctl_int, NULL, 0 },
	{ UBI_IOCRMVOL, sg_ioctl_int, NULL, 0 },	       { UBI_IOCRPEB, sg_ioctl_int, NULL, 0 },
	{ UBI_IOCSPEB, sg_ioctl_int, NULL, 0 },	       { UBI_IOCVOLCRBLK, sg_ioctl_none, NULL, 0 },
	{ UBI_IOCVOLRMBLK, sg_ioctl_none, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_ubi, rows);
