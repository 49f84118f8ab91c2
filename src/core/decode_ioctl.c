/* Decoders for ioctl: the request's name from the generated table (or its _IOC
 * fields), and its argument as the family that knows the request prints it
 * (decode_ioctl_<family>.c). Which requests fill in their argument, and so are
 * printed at exit, is in capture_ioctl.c with the bytes read. */
#include "decode_int.h"

#include <sys/syscall.h>

#include "decode_ioctl_family.h"
#include "ioctl_table.h"

/* The first row for code, or NULL. */
static const struct sg_ioctl_name *ioctl_lookup(unsigned code)
{
	unsigned lo = 0, hi = sg_nioctl_names;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		if (sg_ioctl_names[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sg_nioctl_names && sg_ioctl_names[lo].code == code ? &sg_ioctl_names[lo] : NULL;
}

/* _IOC(_IOC_READ|_IOC_WRITE, 0x12, 0x34, 0x8): a request no header names. */
static void print_ioc(struct sg_str *out, unsigned code)
{
	static const char *const dirs[] = { "_IOC_NONE", "_IOC_WRITE", "_IOC_READ",
					    "_IOC_READ|_IOC_WRITE" };
	unsigned size = _IOC_SIZE(code);

	sg_str_addf(out, "_IOC(%s, %#x, %#x, ", dirs[_IOC_DIR(code)], _IOC_TYPE(code), _IOC_NR(code));
	sg_str_addf(out, size ? "%#x)" : "0)", size);
}

/* Names several headers give one number are all shown: "A or B"; a family's
 * name for a number with a length or an index in it comes first. */
void sg_kind_ioctl_cmd(struct sg_dctx *d)
{
	unsigned code = (unsigned)sg_arg(d, d->idx);
	const struct sg_ioctl_name *n = ioctl_lookup(code);
	bool named = sg_ioctl_family_name(d->out, code);

	if (!n) {
		if (!named)
			print_ioc(d->out, code);
		return;
	}
	sg_str_addf(d->out, named ? " or %s" : "%s", n->name);
	while (++n < sg_ioctl_names + sg_nioctl_names && n->code == code)
		sg_str_addf(d->out, " or %s", n->name);
}

/* The families' printers (decode_ioctl_<family>.c); a request none knows shows
 * its argument in hex. */
static bool not_verbose(const struct sg_dctx *d)
{
	return d->o->no_deref && d->c->nr >= 0 && d->c->nr < SG_NR_SYSCALLS && d->o->no_deref[d->c->nr];
}

void sg_kind_ioctl_arg(struct sg_dctx *d)
{
	unsigned req = (unsigned)sg_arg(d, 1);
	uint64_t v = sg_arg(d, d->idx);
	const struct sg_ioctl_printer *family = sg_ioctl_family_printer(req);
	uint32_t mem = sg_ioctl_family_mem(req);

	if (!family) {
		sg_str_addf(d->out, "%#llx", (unsigned long long)v);
		return;
	}
	/* A failed request filled in nothing: where it would have. Under -e
	 * verbose= without ioctl, what an argument points to is not read. */
	if ((d->c->is_error && (mem & SG_IOCTL_MEM_OUT) && !(mem & SG_IOCTL_MEM_FAILED_TOO)) ||
	    (not_verbose(d) && (mem & SG_IOCTL_MEM_SIZE) && !(mem & SG_IOCTL_MEM_ALWAYS))) {
		sg_print_ptr(d->out, v);
		return;
	}
	family->arg(d, v);
}

bool sg_ret_ioctl(const struct sg_call *c, struct sg_str *out)
{
	const struct sg_ioctl_printer *family;

	if (c->nr != SYS_ioctl || c->is_error)
		return false;
	family = sg_ioctl_family_printer((unsigned)c->args[1]);
	return family && family->ret && family->ret(c, out);
}

bool sg_ioctl_ret_is_fd(const struct sg_call *c)
{
	return c->nr == SYS_ioctl && !c->is_error &&
	       (sg_ioctl_family_mem((uint32_t)c->args[1]) & SG_IOCTL_MEM_RET_FD);
}
