/* Which family decodes an ioctl request, and the helpers their printers share. */
#include "decode_ioctl_family.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const struct sg_ioctl_family *const families[] = {
	&sg_ioctl_nsfs,
	&sg_ioctl_seccomp,
	&sg_ioctl_uffdio,
	&sg_ioctl_perf,
	&sg_ioctl_sg,
	&sg_ioctl_kvm,
	&sg_ioctl_evdev,
	&sg_ioctl_dm,
	&sg_ioctl_ptp,
	&sg_ioctl_mtd,
	&sg_ioctl_nbd,
	&sg_ioctl_ubi,
	&sg_ioctl_term,
	&sg_ioctl_sock,
	&sg_ioctl_block,
	&sg_ioctl_loop,
	&sg_ioctl_fs,
	&sg_ioctl_random,
	&sg_ioctl_rtc,
	&sg_ioctl_inotify,
	&sg_ioctl_watchdog,
	&sg_ioctl_v4l2,
	&sg_ioctl_kd,
	&sg_ioctl_hdio,
	&sg_ioctl_lirc,
	&sg_ioctl_tee,
	&sg_ioctl_gpio,
	&sg_ioctl_btrfs,
};
#define NFAMILIES (sizeof(families) / sizeof(families[0]))

static bool matches(const struct sg_ioctl_printer *row, unsigned req)
{
	return (req & (row->mask ? row->mask : ~0u)) == row->req;
}

const struct sg_ioctl_printer *sg_ioctl_family_printer(unsigned req)
{
	for (size_t f = 0; f < NFAMILIES; f++)
		for (unsigned i = 0; i < families[f]->n; i++)
			if (matches(&families[f]->rows[i], req))
				return &families[f]->rows[i];
	return NULL;
}

bool sg_ioctl_family_name(struct sg_str *out, unsigned req)
{
	for (size_t f = 0; f < NFAMILIES; f++)
		if (families[f]->name && families[f]->name(out, req))
			return true;
	return false;
}

bool sg_ioctl_out_failed(struct sg_dctx *d, uint64_t arg)
{
	if (!d->c->is_error)
		return false;
	sg_print_ptr(d->out, arg);
	return true;
}

/* The call sg_ioctl_remember reads from, for sg_ioctl_family_extra's copies. */
static _Thread_local struct sg_call *remembering;

static size_t copy_remembered(void *dst, uint64_t src, size_t n)
{
	ssize_t got = sg_call_read(remembering, src, dst, n);

	return got < 0 ? 0 : (size_t)got;
}

/* The struct the argument points at, as it went in (SG_IOCTL_MEM_BEFORE_EXTRA). */
static void remember_extra(struct sg_call *c, struct sg_argval *v, uint64_t arg)
{
	struct sg_region r;

	free(v->before_extra);
	v->before_extra = NULL;
	v->before_extra_len = 0;
	remembering = c;
	r = sg_ioctl_family_extra((uint32_t)c->args[1], arg, false, 0, true, copy_remembered, 0);
	remembering = NULL;
	if (!r.addr || !r.len)
		return;
	v->before_extra = sg_xcalloc(1, r.len);
	if (sg_call_read(c, r.addr, v->before_extra, r.len) != (ssize_t)r.len) {
		free(v->before_extra);
		v->before_extra = NULL;
		return;
	}
	v->before_extra_len = r.len;
}

void sg_ioctl_remember(struct sg_call *c, int i)
{
	uint32_t mem = sg_ioctl_family_mem((uint32_t)c->args[1]);
	size_t size = mem & SG_IOCTL_MEM_SIZE;
	struct sg_argval *v = &c->vals[i];

	if (!(mem & SG_IOCTL_MEM_BEFORE) || !c->args[i])
		return;
	free(v->before);
	v->before = sg_xcalloc(1, size);
	if (sg_call_read(c, c->args[i], v->before, size) != (ssize_t)size) {
		free(v->before);
		v->before = NULL;
		return;
	}
	v->beforelen = size;
	if (mem & SG_IOCTL_MEM_BEFORE_EXTRA)
		remember_extra(c, v, c->args[i]);
}

const void *sg_ioctl_before(const struct sg_dctx *d, size_t size)
{
	return d->v->before && d->v->beforelen == size ? d->v->before : NULL;
}

const void *sg_ioctl_before_extra(const struct sg_dctx *d, size_t *len)
{
	*len = d->v->before_extra_len;
	return d->v->before_extra;
}

void sg_field(struct sg_str *out, const char *sep, const char *name)
{
	sg_str_add(out, sep);
	sg_str_add(out, name);
	sg_str_addc(out, '=');
}

void sg_ioctl_none(struct sg_dctx *d, uint64_t arg)
{
	(void)d;
	(void)arg;
}

void sg_ioctl_int(struct sg_dctx *d, uint64_t arg)
{
	int v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%d]", v);
}

void sg_ioctl_uint(struct sg_dctx *d, uint64_t arg)
{
	unsigned v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%u]", v);
}

void sg_ioctl_val_d(struct sg_dctx *d, uint64_t arg)
{
	sg_str_addf(d->out, "%d", (int)arg);
}

void sg_ioctl_val_u(struct sg_dctx *d, uint64_t arg)
{
	sg_str_addf(d->out, "%llu", (unsigned long long)arg);
}

void sg_ioctl_val_fd(struct sg_dctx *d, uint64_t arg)
{
	sg_print_fd(d, (int)arg);
}

void sg_ioctl_addr(struct sg_dctx *d, uint64_t arg)
{
	sg_print_ptr(d->out, arg);
}
