/* ioctls of a seccomp user-notification fd (linux/seccomp.h): the notification
 * received, the answer sent, an id checked, an fd given to the target. */
#include "decode_ioctl_family.h"

#include <fcntl.h>
#include <linux/audit.h>
#include <linux/seccomp.h>

#include "names.h"
#include "syscalls.h"

static void print_data(struct sg_dctx *d, const struct seccomp_data *data)
{
	static const struct sg_flag arches[] = { SG_FLAG(AUDIT_ARCH_X86_64),
						 SG_FLAG(AUDIT_ARCH_I386), SG_FLAG_END };
	const struct sg_syscall *sc = data->arch == AUDIT_ARCH_X86_64 ? sg_syscall(data->nr) : NULL;

	if (sc && sc->name)
		sg_str_addf(d->out, "{nr=__NR_%s", sc->name);
	else
		sg_str_addf(d->out, "{nr=%d", data->nr);
	sg_field(d->out, ", ", "arch");
	sg_print_xval(d->out, arches, data->arch, "AUDIT_ARCH_???");
	sg_str_addf(d->out, ", instruction_pointer=%#llx, args=[",
		    (unsigned long long)data->instruction_pointer);
	for (int i = 0; i < 6; i++)
		sg_str_addf(d->out, "%s%#llx", i ? ", " : "", (unsigned long long)data->args[i]);
	sg_str_add(d->out, "]}");
}

static void print_notif(struct sg_dctx *d, uint64_t arg)
{
	struct seccomp_notif n;

	if (sg_ioctl_out_failed(d, arg) || sg_fetch(d, arg, &n, sizeof(n)) < 0)
		return;
	sg_str_addf(d->out, "{id=%#llx, pid=", (unsigned long long)n.id);
	sg_print_pid(d, n.pid);
	sg_str_addf(d->out, ", flags=%#x, data=", n.flags);
	print_data(d, &n.data);
	sg_str_addc(d->out, '}');
}

static void print_resp(struct sg_dctx *d, uint64_t arg)
{
	static const struct sg_flag flags[] = { SG_FLAG(SECCOMP_USER_NOTIF_FLAG_CONTINUE),
						SG_FLAG_END };
	struct seccomp_notif_resp r;
	const char *err;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_addf(d->out, "{id=%#llx, val=%lld, error=", (unsigned long long)r.id,
		    (long long)r.val);
	err = r.error < 0 ? sg_errno_name(-r.error) : NULL;
	if (err)
		sg_str_addf(d->out, "-%s", err);
	else
		sg_str_addf(d->out, "%d", r.error);
	sg_field(d->out, ", ", "flags");
	sg_print_flags_as(d->out, flags, r.flags, "0", "SECCOMP_USER_NOTIF_FLAG_???");
	sg_str_addc(d->out, '}');
}

static void print_id(struct sg_dctx *d, uint64_t arg)
{
	uint64_t id;

	if (sg_fetch(d, arg, &id, sizeof(id)) == 0)
		sg_str_addf(d->out, "[%#llx]", (unsigned long long)id);
}

static void print_addfd(struct sg_dctx *d, uint64_t arg)
{
	static const struct sg_flag flags[] = { SG_FLAG(SECCOMP_ADDFD_FLAG_SETFD),
						SG_FLAG(SECCOMP_ADDFD_FLAG_SEND), SG_FLAG_END };
	/* the only flag the kernel takes for the new fd */
	static const struct sg_flag fd_flags[] = { SG_FLAG(O_CLOEXEC), SG_FLAG_END };
	struct seccomp_notif_addfd a;

	if (sg_fetch(d, arg, &a, sizeof(a)) < 0)
		return;
	sg_str_addf(d->out, "{id=%#llx, flags=", (unsigned long long)a.id);
	sg_print_flags_as(d->out, flags, a.flags, "0", "SECCOMP_ADDFD_FLAG_???");
	sg_field(d->out, ", ", "srcfd");
	sg_print_fd(d, (int)a.srcfd);
	sg_str_addf(d->out, ", newfd=%d, newfd_flags=", (int)a.newfd);
	sg_print_flags_as(d->out, fd_flags, a.newfd_flags, "0", "O_???");
	sg_str_addc(d->out, '}');
}

static const struct sg_ioctl_printer rows[] = {
	{ SECCOMP_IOCTL_NOTIF_RECV, print_notif, NULL, 0 },
	{ SECCOMP_IOCTL_NOTIF_SEND, print_resp, NULL, 0 },
	{ SECCOMP_IOCTL_NOTIF_ID_VALID, print_id, NULL, 0 },
	{ SECCOMP_IOCTL_NOTIF_ADDFD, print_addfd, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_seccomp, rows);
