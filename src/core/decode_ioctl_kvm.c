/* ioctls of /dev/kvm and its VM and vCPU fds (linux/kvm.h), as strace decodes
 * them on x86_64: the VM and vcpu created (their fds shown as -y shows fds), the
 * memory region a VM is given, the capability asked about, a vcpu's registers
 * (general, special) and CPUID entries. The others keep the number or address.
 * With -e kvm=vcpu, KVM_RUN's result is followed by the reason the vcpu exited. */
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

/* KVM_CREATE_VM's machine type, in hex as strace leaves an argument it does not
 * decode. */
static void print_vm_type(struct sg_dctx *d, uint64_t arg)
{
	sg_str_add_hex(d->out, (unsigned long long)arg);
}

/* KVM_CREATE_VCPU's vcpu id: 32 bits of the argument. */
static void print_vcpu_id(struct sg_dctx *d, uint64_t arg)
{
	sg_str_addf(d->out, "%u", (unsigned)arg);
}

/* struct kvm_regs; abbreviated, the registers strace leaves out are "...". */
static void print_regs(struct sg_dctx *d, uint64_t arg)
{
	struct kvm_regs r;
	bool all = sg_unabbreviated(d);

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_addf(d->out, "{rax=%#llx, ", (unsigned long long)r.rax);
	if (all)
		sg_str_addf(d->out, "rbx=%#llx, rcx=%#llx, rdx=%#llx, rsi=%#llx, rdi=%#llx",
			    (unsigned long long)r.rbx, (unsigned long long)r.rcx,
			    (unsigned long long)r.rdx, (unsigned long long)r.rsi,
			    (unsigned long long)r.rdi);
	else
		sg_str_add(d->out, "...");
	sg_str_addf(d->out, ", rsp=%#llx, rbp=%#llx, ", (unsigned long long)r.rsp,
		    (unsigned long long)r.rbp);
	if (all)
		sg_str_addf(d->out,
			    "r8=%#llx, r9=%#llx, r10=%#llx, r11=%#llx, r12=%#llx, r13=%#llx, "
			    "r14=%#llx, r15=%#llx",
			    (unsigned long long)r.r8, (unsigned long long)r.r9,
			    (unsigned long long)r.r10, (unsigned long long)r.r11,
			    (unsigned long long)r.r12, (unsigned long long)r.r13,
			    (unsigned long long)r.r14, (unsigned long long)r.r15);
	else
		sg_str_add(d->out, "...");
	sg_str_addf(d->out, ", rip=%#llx, rflags=%#llx}", (unsigned long long)r.rip,
		    (unsigned long long)r.rflags);
}

static void print_segment(struct sg_str *out, const char *name, const struct kvm_segment *s)
{
	sg_str_addf(out,
		    "%s={base=%#llx, limit=%u, selector=%u, type=%u, present=%u, dpl=%u, db=%u, "
		    "s=%u, l=%u, g=%u, avl=%u}",
		    name, (unsigned long long)s->base, s->limit, s->selector, s->type, s->present,
		    s->dpl, s->db, s->s, s->l, s->g, s->avl);
}

static void print_dtable(struct sg_str *out, const char *name, const struct kvm_dtable *t)
{
	sg_str_addf(out, "%s={base=%#llx, limit=%u}", name, (unsigned long long)t->base, t->limit);
}

/* struct kvm_sregs; abbreviated, cs and "...". The control registers are in
 * decimal, as strace prints them. */
static void print_sregs(struct sg_dctx *d, uint64_t arg)
{
	static const char *const names[] = { "ds", "es", "fs", "gs", "ss", "tr", "ldt" };
	struct kvm_sregs s;

	if (sg_fetch(d, arg, &s, sizeof(s)) < 0)
		return;
	sg_str_addc(d->out, '{');
	print_segment(d->out, "cs", &s.cs);
	if (!sg_unabbreviated(d)) {
		sg_str_add(d->out, ", ...}");
		return;
	}
	const struct kvm_segment *segs[] = { &s.ds, &s.es, &s.fs, &s.gs, &s.ss, &s.tr, &s.ldt };
	for (size_t i = 0; i < sizeof(segs) / sizeof(segs[0]); i++) {
		sg_str_add(d->out, ", ");
		print_segment(d->out, names[i], segs[i]);
	}
	sg_str_add(d->out, ", ");
	print_dtable(d->out, "gdt", &s.gdt);
	sg_str_add(d->out, ", ");
	print_dtable(d->out, "idt", &s.idt);
	sg_str_addf(d->out, ", cr0=%llu, cr2=%llu, cr3=%llu, cr4=%llu, cr8=%llu, efer=%llu",
		    (unsigned long long)s.cr0, (unsigned long long)s.cr2,
		    (unsigned long long)s.cr3, (unsigned long long)s.cr4,
		    (unsigned long long)s.cr8, (unsigned long long)s.efer);
	sg_str_addf(d->out, ", apic_base=%#llx, interrupt_bitmap=[", (unsigned long long)s.apic_base);
	for (size_t i = 0; i < sizeof(s.interrupt_bitmap) / sizeof(s.interrupt_bitmap[0]); i++)
		sg_str_addf(d->out, "%s%#llx", i ? ", " : "",
			    (unsigned long long)s.interrupt_bitmap[i]);
	sg_str_add(d->out, "]}");
}

static void print_cpuid_entry(struct sg_str *out, const struct kvm_cpuid_entry2 *e)
{
	static const struct sg_flag flags[] = { SG_FLAG(KVM_CPUID_FLAG_SIGNIFCANT_INDEX),
						SG_FLAG(KVM_CPUID_FLAG_STATEFUL_FUNC),
						SG_FLAG(KVM_CPUID_FLAG_STATE_READ_NEXT),
						SG_FLAG_END };

	sg_str_addf(out, "{function=%#x, index=%#x, flags=", e->function, e->index);
	sg_print_flags_as(out, flags, e->flags, "0", "KVM_CPUID_FLAG_???");
	sg_str_addf(out, ", eax=%#x, ebx=%#x, ecx=%#x, edx=%#x}", e->eax, e->ebx, e->ecx, e->edx);
}

/* struct kvm_cpuid2 and its entries after it; abbreviated, the entries are
 * "..." (or [] when there are none). Shown in full, as many as nent says until
 * one cannot be read: where it is, in a comment (the in-process backends copy
 * 4096 entries at most). */
static void print_cpuid2(struct sg_dctx *d, uint64_t arg)
{
	struct kvm_cpuid2 c;

	if (sg_fetch(d, arg, &c, sizeof(c)) < 0)
		return;
	sg_str_addf(d->out, "{nent=%u, entries=", c.nent);
	if (!sg_unabbreviated(d)) {
		sg_str_add(d->out, c.nent ? "[...]}" : "[]}");
		return;
	}
	for (uint32_t i = 0; i < c.nent; i++) {
		struct kvm_cpuid_entry2 e;
		uint64_t at = arg + sizeof(c) + (uint64_t)i * sizeof(e);
		bool ok = sg_call_read(d->c, at, &e, sizeof(e)) == (ssize_t)sizeof(e);
		if (!ok && !i) {
			sg_print_ptr(d->out, at);
			sg_str_addc(d->out, '}');
			return;
		}
		sg_str_add(d->out, i ? ", " : "[");
		if (!ok) {
			sg_str_add(d->out, "... /* ");
			sg_print_ptr(d->out, at);
			sg_str_add(d->out, " */");
			break;
		}
		print_cpuid_entry(d->out, &e);
	}
	sg_str_add(d->out, c.nent ? "]}" : "[]}");
}

static const struct sg_ioctl_printer rows[] = {
	{ KVM_CREATE_VM, print_vm_type, NULL, 0 },
	{ KVM_CREATE_VCPU, print_vcpu_id, NULL, 0 },
	{ KVM_SET_USER_MEMORY_REGION, print_memory_region, NULL, 0 },
	{ KVM_CHECK_EXTENSION, print_capability, NULL, 0 },
	{ KVM_SET_REGS, print_regs, NULL, 0 },
	{ KVM_GET_REGS, print_regs, NULL, 0 },
	{ KVM_SET_SREGS, print_sregs, NULL, 0 },
	{ KVM_GET_SREGS, print_sregs, NULL, 0 },
	{ KVM_SET_CPUID2, print_cpuid2, NULL, 0 },
	{ KVM_GET_SUPPORTED_CPUID, print_cpuid2, NULL, 0 },
	{ KVM_GET_EMULATED_CPUID, print_cpuid2, NULL, 0 },
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
