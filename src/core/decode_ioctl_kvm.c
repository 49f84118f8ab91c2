/* ioctls of /dev/kvm and its VM and vCPU fds (linux/kvm.h), as far as decoded:
 * the memory region a VM is given and the capability asked about. The others
 * keep the number or address. With -e kvm=vcpu, KVM_RUN's result is followed by
 * the reason the vcpu exited. */
#include "decode_ioctl_family.h"

#include <errno.h>
#include <limits.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ioctl_arg_names.h"
#include "proc_maps.h"

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

/* What a vcpu fd links to in /proc/PID/fd: the anonymous inode KVM names after
 * the vcpu's id, which is also the name of its struct kvm_run's mapping. */
#define VCPU_PREFIX "anon_inode:kvm-vcpu:"

/* The name of the vcpu behind fd in the process, into name; -ENOENT when fd is
 * not a vcpu's (or the id after the prefix is not a number, as strace wants). */
static int vcpu_name(pid_t pid, int fd, char *name, size_t size)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)pid, fd);
	n = readlink(link, name, size - 1);
	if (n <= 0)
		return -ENOENT;
	name[n] = '\0';
	if (strncmp(name, VCPU_PREFIX, strlen(VCPU_PREFIX)) != 0)
		return -ENOENT;
	const char *id = name + strlen(VCPU_PREFIX);
	char *end;
	errno = 0;
	unsigned long v = strtoul(id, &end, 10);
	if (!*id || *id < '0' || *id > '9' || *end || errno || v > INT_MAX)
		return -ENOENT;
	return 0;
}

/* The exit reason in the struct kvm_run the process mapped for the vcpu behind
 * fd: 0 and *reason, or -errno. The whole struct must be mapped and readable,
 * as strace reads it whole. */
static int vcpu_exit_reason(const struct sg_call *c, int fd, uint32_t *reason)
{
	char name[256];
	struct sg_map m;
	struct kvm_run run;
	int rc = vcpu_name(c->pid, fd, name, sizeof(name));

	if (rc == 0)
		rc = sg_proc_maps_find(c->pid, name, &m);
	if (rc < 0)
		return rc;
	if (m.end - m.start < sizeof(run) ||
	    sg_call_read(c, m.start, &run, sizeof(run)) != (ssize_t)sizeof(run))
		return -EFAULT;
	*reason = run.exit_reason;
	return 0;
}

bool sg_ret_kvm_run(const struct sg_call *c, struct sg_str *out)
{
	const char *name = "KVM_EXIT_???";
	uint32_t reason;

	if (c->nr != SYS_ioctl || c->is_error || (unsigned)c->args[1] != KVM_RUN ||
	    vcpu_exit_reason(c, (int)c->args[0], &reason) < 0)
		return false;
	for (const struct sg_flag *f = sg_kvm_exit_reasons; f->name; f++)
		if (f->val == reason)
			name = f->name;
	sg_str_addf(out, "%lld (%s)", (long long)c->ret, name);
	return true;
}
