/* ioctls of a userfaultfd (linux/userfaultfd.h). The requests that fill in a
 * struct are decoded at exit: what they were given (even when they failed) and,
 * after success, what the kernel put back (UFFDIO_API's changed features as
 * "features=A => features=B"). */
#include "decode_ioctl_family.h"

#include <linux/userfaultfd.h>

static const struct sg_flag features[] = {
	SG_FLAG(UFFD_FEATURE_PAGEFAULT_FLAG_WP),  SG_FLAG(UFFD_FEATURE_EVENT_FORK),
	SG_FLAG(UFFD_FEATURE_EVENT_REMAP),	  SG_FLAG(UFFD_FEATURE_EVENT_REMOVE),
	SG_FLAG(UFFD_FEATURE_MISSING_HUGETLBFS),  SG_FLAG(UFFD_FEATURE_MISSING_SHMEM),
	SG_FLAG(UFFD_FEATURE_EVENT_UNMAP),	  SG_FLAG(UFFD_FEATURE_SIGBUS),
	SG_FLAG(UFFD_FEATURE_THREAD_ID),	  SG_FLAG(UFFD_FEATURE_MINOR_HUGETLBFS),
	SG_FLAG(UFFD_FEATURE_MINOR_SHMEM),	  SG_FLAG(UFFD_FEATURE_EXACT_ADDRESS),
	SG_FLAG(UFFD_FEATURE_WP_HUGETLBFS_SHMEM), SG_FLAG_END,
};

/* The requests a range supports, as bits numbered by the _UFFDIO_ numbers. */
static const struct sg_flag ioctl_bits[] = {
	SG_BIT_FLAG(_UFFDIO_REGISTER), SG_BIT_FLAG(_UFFDIO_UNREGISTER),
	SG_BIT_FLAG(_UFFDIO_WAKE),     SG_BIT_FLAG(_UFFDIO_COPY),
	SG_BIT_FLAG(_UFFDIO_ZEROPAGE), SG_BIT_FLAG(_UFFDIO_WRITEPROTECT),
	SG_BIT_FLAG(_UFFDIO_CONTINUE), SG_BIT_FLAG(_UFFDIO_API),
	SG_FLAG_END,
};

static const struct sg_flag register_modes[] = {
	SG_FLAG(UFFDIO_REGISTER_MODE_MISSING), SG_FLAG(UFFDIO_REGISTER_MODE_WP),
	SG_FLAG(UFFDIO_REGISTER_MODE_MINOR), SG_FLAG_END,
};
static const struct sg_flag copy_modes[] = {
	SG_FLAG(UFFDIO_COPY_MODE_DONTWAKE), SG_FLAG(UFFDIO_COPY_MODE_WP), SG_FLAG_END,
};
static const struct sg_flag zeropage_modes[] = {
	SG_FLAG(UFFDIO_ZEROPAGE_MODE_DONTWAKE), SG_FLAG_END,
};
static const struct sg_flag writeprotect_modes[] = {
	SG_FLAG(UFFDIO_WRITEPROTECT_MODE_WP), SG_FLAG(UFFDIO_WRITEPROTECT_MODE_DONTWAKE),
	SG_FLAG_END,
};
static const struct sg_flag continue_modes[] = {
	SG_FLAG(UFFDIO_CONTINUE_MODE_DONTWAKE), SG_FLAG_END,
};

static void add_flags(struct sg_dctx *d, const char *name, const struct sg_flag *table,
		      uint64_t v)
{
	sg_field(d->out, ", ", name);
	sg_print_flags(d->out, table, v, "0");
}

static void add_range(struct sg_str *out, const struct uffdio_range *r)
{
	sg_str_addf(out, "{start=%#llx, len=%#llx}", (unsigned long long)r->start,
		    (unsigned long long)r->len);
}

/* Whether the kernel's part of a filled-in struct is to be shown. */
static bool filled(const struct sg_dctx *d)
{
	return !d->c->is_error;
}

static void print_api(struct sg_dctx *d, uint64_t arg)
{
	struct uffdio_api a;
	const struct uffdio_api *in;

	if (sg_fetch(d, arg, &a, sizeof(a)) < 0)
		return;
	in = sg_ioctl_before(d, sizeof(a));
	sg_str_addf(d->out, "{api=%#llx", (unsigned long long)(in ? in : &a)->api);
	add_flags(d, "features", features, (in ? in : &a)->features);
	if (filled(d)) {
		if (in && in->features != a.features) {
			sg_str_add(d->out, " => features=");
			sg_print_flags(d->out, features, a.features, "0");
		}
		add_flags(d, "ioctls", ioctl_bits, a.ioctls);
	}
	sg_str_addc(d->out, '}');
}

static void print_register(struct sg_dctx *d, uint64_t arg)
{
	struct uffdio_register r;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_add(d->out, "{range=");
	add_range(d->out, &r.range);
	add_flags(d, "mode", register_modes, r.mode);
	if (filled(d))
		add_flags(d, "ioctls", ioctl_bits, r.ioctls);
	sg_str_addc(d->out, '}');
}

static void print_range(struct sg_dctx *d, uint64_t arg)
{
	struct uffdio_range r;

	if (sg_fetch(d, arg, &r, sizeof(r)) == 0)
		add_range(d->out, &r);
}

static void print_copy(struct sg_dctx *d, uint64_t arg)
{
	struct uffdio_copy c;

	if (sg_fetch(d, arg, &c, sizeof(c)) < 0)
		return;
	sg_str_addf(d->out, "{dst=%#llx, src=%#llx, len=%#llx", (unsigned long long)c.dst,
		    (unsigned long long)c.src, (unsigned long long)c.len);
	add_flags(d, "mode", copy_modes, c.mode);
	if (filled(d))
		sg_str_addf(d->out, ", copy=%#llx", (unsigned long long)c.copy);
	sg_str_addc(d->out, '}');
}

static void print_zeropage(struct sg_dctx *d, uint64_t arg)
{
	struct uffdio_zeropage z;

	if (sg_fetch(d, arg, &z, sizeof(z)) < 0)
		return;
	sg_str_add(d->out, "{range=");
	add_range(d->out, &z.range);
	add_flags(d, "mode", zeropage_modes, z.mode);
	if (filled(d))
		sg_str_addf(d->out, ", zeropage=%#llx", (unsigned long long)z.zeropage);
	sg_str_addc(d->out, '}');
}

static void print_writeprotect(struct sg_dctx *d, uint64_t arg)
{
	struct uffdio_writeprotect w;

	if (sg_fetch(d, arg, &w, sizeof(w)) < 0)
		return;
	sg_str_add(d->out, "{range=");
	add_range(d->out, &w.range);
	add_flags(d, "mode", writeprotect_modes, w.mode);
	sg_str_addc(d->out, '}');
}

static void print_continue(struct sg_dctx *d, uint64_t arg)
{
	struct uffdio_continue c;

	if (sg_fetch(d, arg, &c, sizeof(c)) < 0)
		return;
	sg_str_add(d->out, "{range=");
	add_range(d->out, &c.range);
	add_flags(d, "mode", continue_modes, c.mode);
	if (filled(d))
		sg_str_addf(d->out, ", mapped=%lld", (long long)c.mapped);
	sg_str_addc(d->out, '}');
}

static const struct sg_ioctl_printer rows[] = {
	{ UFFDIO_API, print_api, NULL, 0 },
	{ UFFDIO_REGISTER, print_register, NULL, 0 },
	{ UFFDIO_UNREGISTER, print_range, NULL, 0 },
	{ UFFDIO_WAKE, print_range, NULL, 0 },
	{ UFFDIO_COPY, print_copy, NULL, 0 },
	{ UFFDIO_ZEROPAGE, print_zeropage, NULL, 0 },
	{ UFFDIO_WRITEPROTECT, print_writeprotect, NULL, 0 },
	{ UFFDIO_CONTINUE, print_continue, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_uffdio, rows);
