/* ioctls of namespace files (linux/nsfs.h): the namespace a request returns is a
 * new fd or a CLONE_NEW* type; the owner's uid comes back through a pointer. */
#include "decode_ioctl_family.h"

#include <linux/nsfs.h>
#include <sched.h>

static void print_owner_uid(struct sg_dctx *d, uint64_t arg)
{
	unsigned uid;

	if (sg_ioctl_out_failed(d, arg) || sg_fetch(d, arg, &uid, sizeof(uid)) < 0)
		return;
	sg_str_add(d->out, "[");
	if (uid == (unsigned)-1)
		sg_str_add(d->out, "-1");
	else
		sg_str_addf(d->out, "%u", uid);
	sg_str_add(d->out, "]");
}

/* "1073741824 (CLONE_NEWNET)": the type in decimal, then its name. */
static bool ret_nstype(const struct sg_call *c, struct sg_str *out)
{
	static const struct sg_flag types[] = {
		SG_FLAG(CLONE_NEWNS),  SG_FLAG(CLONE_NEWCGROUP), SG_FLAG(CLONE_NEWUTS),
		SG_FLAG(CLONE_NEWIPC), SG_FLAG(CLONE_NEWUSER),	 SG_FLAG(CLONE_NEWPID),
		SG_FLAG(CLONE_NEWNET), SG_FLAG(CLONE_NEWTIME),	 SG_FLAG_END,
	};

	for (const struct sg_flag *t = types; t->name; t++)
		if (t->val == (unsigned long long)c->ret) {
			sg_str_addf(out, "%lld (%s)", (long long)c->ret, t->name);
			return true;
		}
	return false;
}

static const struct sg_ioctl_printer rows[] = {
	{ NS_GET_USERNS, sg_ioctl_none, NULL, 0 },
	{ NS_GET_PARENT, sg_ioctl_none, NULL, 0 },
	{ NS_GET_NSTYPE, sg_ioctl_none, ret_nstype, 0 },
	{ NS_GET_OWNER_UID, print_owner_uid, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_nsfs, rows);
