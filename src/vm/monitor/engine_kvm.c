/* The kvm engine: hardware-assisted virtualization through /dev/kvm. The guest
 * runs on the real CPU; sensitive instructions trap to KVM in the host kernel,
 * which handles most of them itself (cpuid, MSRs: see kvm_exits.c) and hands
 * the rest to us: port I/O (the hypercalls), hlt, a triple fault (shutdown). */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#include "vm/vm.h"
#include "vm_int.h"

#define X86_CR0_PE 0x1ull
#define X86_CR0_ET 0x10ull
#define X86_CR0_PG 0x80000000ull
#define X86_CR4_PAE 0x20ull
#define EFER_LME 0x100ull
#define EFER_LMA 0x400ull

struct kvm {
	int sys, vm, vcpu;
	struct kvm_run *run;
	size_t run_size;
	struct vm_kvm_exits *exits; /* the exits KVM handled itself, or NULL */
};

static struct kvm_run *volatile alarm_run; /* for the timeout's signal handler */
static volatile sig_atomic_t alarm_rang;

static struct kvm *kvm_of(struct vm *vm)
{
	return vm->engine;
}

static int sys_fail(struct vm *vm, const char *what)
{
	return vm_fail(vm, -errno, "kvm: %s: %s", what, strerror(errno));
}

/* Every CPUID leaf KVM can offer: without them the guest has no SYSCALL (and
 * KVM refuses EFER.LME without LM). The count is the host's: grow on E2BIG. */
static int set_cpuid(struct vm *vm, struct kvm *k)
{
	for (int n = 64; n <= 4096; n *= 2) {
		struct kvm_cpuid2 *c = calloc(1, sizeof(*c) + (size_t)n * sizeof(c->entries[0]));
		if (!c)
			return vm_fail(vm, -ENOMEM, "out of memory");
		c->nent = (uint32_t)n;
		if (ioctl(k->sys, KVM_GET_SUPPORTED_CPUID, c) < 0) {
			int e = errno;
			free(c);
			if (e == E2BIG)
				continue;
			errno = e;
			return sys_fail(vm, "supported CPUID");
		}
		int rc = ioctl(k->vcpu, KVM_SET_CPUID2, c) < 0 ? sys_fail(vm, "set CPUID") : 0;
		free(c);
		return rc;
	}
	errno = E2BIG;
	return sys_fail(vm, "supported CPUID");
}

static void segment(struct kvm_segment *s, uint16_t sel, uint8_t type, bool code)
{
	*s = (struct kvm_segment){ .base = 0, .limit = 0xffffffff, .selector = sel, .type = type,
				   .present = 1, .dpl = 0, .db = !code, .s = 1, .l = code, .g = 1 };
}

/* Long mode on the tables boot.c wrote, as the emulate engine starts too. */
static int enter_long_mode(struct vm *vm, struct kvm *k, uint64_t rip, uint64_t rsp)
{
	struct kvm_sregs s;
	struct kvm_regs r = { .rip = rip, .rsp = rsp, .rdi = SG_VM_BOOT_INFO, .rflags = 2 };

	if (ioctl(k->vcpu, KVM_GET_SREGS, &s) < 0)
		return sys_fail(vm, "get special registers");
	s.cr3 = VM_PML4;
	s.cr4 = X86_CR4_PAE;
	s.cr0 = X86_CR0_PE | X86_CR0_ET | X86_CR0_PG;
	s.efer = EFER_LME | EFER_LMA;
	s.gdt.base = VM_GDT;
	s.gdt.limit = 3 * 8 - 1;
	segment(&s.cs, VM_CS, 11, true);
	segment(&s.ds, VM_DS, 3, false);
	s.es = s.fs = s.gs = s.ss = s.ds;
	/* Explicit, not the reset values: a busy 64-bit TSS (VM entry checks it on
	 * Intel), and no IDT, so a fault before the guest loads its own is a clean
	 * triple fault. */
	s.tr = (struct kvm_segment){ .limit = 0xffff, .type = 11, .present = 1 };
	s.idt = (struct kvm_dtable){ .base = 0, .limit = 0 };
	if (ioctl(k->vcpu, KVM_SET_SREGS, &s) < 0)
		return sys_fail(vm, "set special registers");
	return ioctl(k->vcpu, KVM_SET_REGS, &r) < 0 ? sys_fail(vm, "set registers") : 0;
}

static int open_vcpu(struct vm *vm, struct kvm *k)
{
	struct kvm_userspace_memory_region mem = { .slot = 0,
						   .guest_phys_addr = 0,
						   .memory_size = vm->mem_size,
						   .userspace_addr = (uintptr_t)vm->mem };
	int size;

	if (ioctl(k->sys, KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
		return vm_fail(vm, -ENOTSUP, "kvm: the kernel's KVM API is not version %d",
			       KVM_API_VERSION);
	if ((k->vm = ioctl(k->sys, KVM_CREATE_VM, 0)) < 0)
		return sys_fail(vm, "create a VM");
	/* Three pages Intel needs for real-mode emulation, out of the guest's way
	 * (the address QEMU and Firecracker use); AMD ignores it. */
	ioctl(k->vm, KVM_SET_TSS_ADDR, 0xfffbd000ul);
	if (ioctl(k->vm, KVM_SET_USER_MEMORY_REGION, &mem) < 0)
		return sys_fail(vm, "give the guest its memory");
	if ((k->vcpu = ioctl(k->vm, KVM_CREATE_VCPU, 0)) < 0)
		return sys_fail(vm, "create a vCPU");
	if ((size = ioctl(k->sys, KVM_GET_VCPU_MMAP_SIZE, 0)) <= 0)
		return sys_fail(vm, "size of the vCPU's run area");
	k->run_size = (size_t)size;
	k->run = mmap(NULL, k->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, k->vcpu, 0);
	if (k->run == MAP_FAILED) {
		k->run = NULL;
		return sys_fail(vm, "map the vCPU's run area");
	}
	return set_cpuid(vm, k);
}

static int kvm_open_engine(struct vm *vm, uint64_t rip, uint64_t rsp)
{
	struct kvm *k = calloc(1, sizeof(*k));

	if (!k)
		return vm_fail(vm, -ENOMEM, "out of memory");
	k->vm = k->vcpu = -1;
	vm->engine = k;
	k->sys = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (k->sys < 0)
		return vm_fail(vm, -errno,
			       "--engine kvm: cannot open /dev/kvm: %s (no KVM on this machine: "
			       "use --engine emulate or auto)", strerror(errno));
	const char *no = sg_vm_kvm_unusable();
	if (no)
		return vm_fail(vm, -ENODEV, "--engine kvm: %s; use --engine emulate or auto", no);
	int rc = open_vcpu(vm, k);
	if (rc == 0)
		rc = enter_long_mode(vm, k, rip, rsp);
	if (rc == 0)
		k->exits = vm_kvm_exits_open(); /* best effort: needs tracefs and perf */
	return rc;
}

static void on_alarm(int sig)
{
	(void)sig;
	alarm_rang = 1;
	if (alarm_run)
		alarm_run->immediate_exit = 1;
}

/* --timeout: SIGALRM takes the vCPU out of KVM_RUN. */
static void arm_timeout(struct kvm *k, long timeout_ms)
{
	struct sigaction sa = { .sa_handler = on_alarm }; /* no SA_RESTART: KVM_RUN returns */
	struct itimerval it = { .it_value = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 } };

	if (!timeout_ms)
		return;
	alarm_run = k->run;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
}

static int port_io(struct vm *vm, struct kvm *k)
{
	struct kvm_run *r = k->run;
	uint8_t *data = (uint8_t *)r + r->io.data_offset;

	vm->stats.exits++;
	if (r->io.direction == KVM_EXIT_IO_IN) {
		memset(data, 0xff, (size_t)r->io.size * r->io.count); /* nothing there */
		vm->stats.io_unassigned++;
		return 0;
	}
	uint32_t value = 0;
	memcpy(&value, data, r->io.size < 4 ? r->io.size : 4);
	if (r->io.size != 4 || r->io.count != 1 || !vm_hypercall(vm, r->io.port, value))
		vm->stats.io_unassigned++;
	return 0;
}

static uint64_t rip_of(struct kvm *k)
{
	struct kvm_regs r = { 0 };

	ioctl(k->vcpu, KVM_GET_REGS, &r);
	return r.rip;
}

/* One exit to us: 0 to go on, or the run's end. */
static int handle_exit(struct vm *vm, struct kvm *k)
{
	switch (k->run->exit_reason) {
	case KVM_EXIT_IO:
		return port_io(vm, k);
	case KVM_EXIT_HLT:
		return vm_fail(vm, -EFAULT, "the guest halted at rip 0x%llx without an exit hypercall",
			       (unsigned long long)rip_of(k) - 1);
	case KVM_EXIT_SHUTDOWN:
		return vm_fail(vm, -EFAULT, "the guest stopped: triple fault at rip 0x%llx",
			       (unsigned long long)rip_of(k));
	case KVM_EXIT_FAIL_ENTRY:
		return vm_fail(vm, -EFAULT, "kvm: cannot enter the guest (hardware reason 0x%llx)",
			       (unsigned long long)k->run->fail_entry.hardware_entry_failure_reason);
	case KVM_EXIT_INTERNAL_ERROR:
		return vm_fail(vm, -EFAULT, "kvm: internal error %u at rip 0x%llx",
			       k->run->internal.suberror, (unsigned long long)rip_of(k));
	case KVM_EXIT_MMIO:
		return vm_fail(vm, -EFAULT, "the guest touched 0x%llx, outside its memory, at rip 0x%llx",
			       (unsigned long long)k->run->mmio.phys_addr,
			       (unsigned long long)rip_of(k));
	default:
		return vm_fail(vm, -EFAULT, "kvm: unexpected exit %u", k->run->exit_reason);
	}
}

static int kvm_run_engine(struct vm *vm, long timeout_ms)
{
	struct kvm *k = kvm_of(vm);
	int rc = 0;

	alarm_rang = 0; /* --demo runs several guests in one process */
	k->run->immediate_exit = 0;
	arm_timeout(k, timeout_ms);
	vm_kvm_exits_start(k->exits);
	while (!vm->exited && rc == 0) {
		if (alarm_rang) {
			rc = vm_fail(vm, -ETIMEDOUT, "the guest did not exit within %ld ms", timeout_ms);
			break;
		}
		if (ioctl(k->vcpu, KVM_RUN, 0) < 0) {
			if (errno != EINTR && errno != EAGAIN)
				rc = sys_fail(vm, "run the vCPU");
			continue;
		}
		rc = handle_exit(vm, k);
	}
	vm_kvm_exits_stop(k->exits, &vm->stats);
	setitimer(ITIMER_REAL, &(struct itimerval){ 0 }, NULL);
	return vm->exited ? 0 : rc;
}

static void kvm_regs(struct vm *vm, struct vm_regs *out)
{
	struct kvm *k = kvm_of(vm);
	struct kvm_regs r = { 0 };
	struct kvm_sregs s = { 0 };

	ioctl(k->vcpu, KVM_GET_REGS, &r);
	ioctl(k->vcpu, KVM_GET_SREGS, &s);
	const uint64_t gpr[16] = { r.rax, r.rbx, r.rcx, r.rdx, r.rsi, r.rdi, r.rbp, r.rsp,
				   r.r8,  r.r9,	 r.r10, r.r11, r.r12, r.r13, r.r14, r.r15 };
	memcpy(out->gpr, gpr, sizeof(gpr));
	out->rip = r.rip;
	out->rflags = r.rflags;
	out->cr0 = s.cr0, out->cr2 = s.cr2, out->cr3 = s.cr3, out->cr4 = s.cr4, out->efer = s.efer;
	out->cs = s.cs.selector, out->ss = s.ss.selector;
}

static void kvm_close_engine(struct vm *vm)
{
	struct kvm *k = kvm_of(vm);

	if (!k)
		return;
	vm_kvm_exits_close(k->exits);
	alarm_run = NULL; /* before the unmap: a late SIGALRM writes nowhere */
	if (k->run)
		munmap(k->run, k->run_size);
	if (k->vcpu >= 0)
		close(k->vcpu);
	if (k->vm >= 0)
		close(k->vm);
	if (k->sys >= 0)
		close(k->sys);
	free(k);
	vm->engine = NULL;
}

const struct vm_engine_ops vm_engine_kvm = {
	.name = "kvm",
	.open = kvm_open_engine,
	.run = kvm_run_engine,
	.close = kvm_close_engine,
	.regs = kvm_regs,
};
