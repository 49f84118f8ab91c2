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
}

const void *sg_ioctl_before(const struct sg_dctx *d, size_t size)
{
	return d->v->before && d->v->beforelen == size ? d->v->before : NULL;
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
