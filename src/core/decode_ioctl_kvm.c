/* ioctls of /dev/kvm and its VM and vCPU fds (linux/kvm.h), as far as decoded:
 * the memory region a VM is given and the capability asked about. The others
 * keep the number or address. */
#include "decode_ioctl_family.h"

#include <linux/kvm.h>

#include "ioctl_arg_names.h"

static void print_memory_region(struct sg_dctx *d, uint64_t arg)
{
	static const struct sg_flag flags[] = { SG_FLAG(KVM_MEM_LOG_DIRTY_PAGES),
						SG_FLAG(KVM_MEM_READONLY), SG_FLAG_END };
	struct kvm_userspace_memory_region r;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_addf(d->out, "{slot=%u, flags=", r.slot);
	sg_print_flags(d->out, flags, r.flags, "0");
	sg_str_addf(d->out, ", guest_phys_addr=%#llx, memory_size=%llu, userspace_addr=%#llx}",
		    (unsigned long long)r.guest_phys_addr, (unsigned long long)r.memory_size,
		    (unsigned long long)r.userspace_addr);
}

static void print_capability(struct sg_dctx *d, uint64_t arg)
{
	sg_print_xval(d->out, sg_kvm_caps, arg, "KVM_CAP_???");
}

static const struct sg_ioctl_printer rows[] = {
	{ KVM_SET_USER_MEMORY_REGION, print_memory_region, NULL, 0 },
	{ KVM_CHECK_EXTENSION, print_capability, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_kvm, rows);
