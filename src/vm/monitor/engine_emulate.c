/* The emulate engine: a software CPU, Unicorn (QEMU's TCG binary translator as a
 * library). Guest code is translated block by block; `out` to a hypercall port
 * is a hook into the monitor. A `syscall` and an exception stop the CPU and the
 * monitor performs the transition itself (emulate_ring.c), then goes on. */
#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/util.h"
#include "emulate.h"

#define X86_CR0_PE 0x1ull
#define X86_CR0_PG 0x80000000ull
#define X86_CR4_PAE 0x20ull
#define MSR_EFER 0xc0000080u
#define EFER_LME 0x100ull
#define EFER_LMA 0x400ull

static struct emu *emu_of(struct vm *vm)
{
	return vm->engine;
}

/* A trap: stop the CPU here; emu_run delivers it through the guest's IDT. */
static void pend_trap(struct vm *vm, uc_engine *uc, unsigned vector)
{
	struct emu *em = emu_of(vm);

	em->pending = EMU_TRAP;
	em->vector = vector;
	uc_reg_read(uc, UC_X86_REG_RIP, &em->trap_rip);
	/* Read here: once the CPU has stopped, CR2 no longer holds the address. */
	uc_reg_read(uc, UC_X86_REG_CR2, &em->trap_cr2);
	uc_emu_stop(uc);
}

static void on_out(uc_engine *uc, uint32_t port, int size, uint32_t value, void *user)
{
	struct vm *vm = user;

	(void)size;
	vm->stats.exits++;
	emu_of(vm)->traps_in_a_row = 0;
	if (!vm_hypercall(vm, (uint16_t)port, value))
		vm->stats.io_unassigned++; /* no device there: the write goes nowhere */
	else if (vm->exited)
		uc_emu_stop(uc);
}

/* cpuid comes to the monitor (counted), then the software CPU answers it. */
static int on_cpuid(uc_engine *uc, void *user)
{
	struct vm *vm = user;

	(void)uc;
	vm->stats.exits++;
	vm->stats.cpuid++;
	return 0;
}

static void on_interrupt(uc_engine *uc, uint32_t intno, void *user)
{
	pend_trap(user, uc, intno);
}

static bool on_invalid_insn(uc_engine *uc, void *user)
{
	pend_trap(user, uc, 6); /* #UD */
	return true;
}

/* SYSCALL: stop here; emu_run enters the guest kernel at LSTAR. */
static void on_syscall(uc_engine *uc, void *user)
{
	emu_of(user)->pending = EMU_SYSCALL;
	uc_emu_stop(uc);
}

/* A block of guest code translated (not each time it runs). */
static void on_translate(uc_engine *uc, uc_tb *cur, uc_tb *prev, void *user)
{
	(void)uc, (void)cur, (void)prev;
	((struct vm *)user)->stats.blocks++;
}

static bool on_bad_memory(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t v,
			  void *user)
{
	struct emu *em = emu_of(user);
	uint64_t rip = 0;

	(void)type, (void)size, (void)v;
	uc_reg_read(uc, UC_X86_REG_RIP, &rip);
	snprintf(em->fault, sizeof(em->fault), "access to 0x%llx outside guest memory at rip 0x%llx",
		 (unsigned long long)addr, (unsigned long long)rip);
	return false;
}

/* Long mode on the tables boot.c wrote: CR3, PAE, EFER.LME/LMA, paging; then
 * the segments, the entry, the stack and the boot info's address. */
static int enter_long_mode(uc_engine *uc, uint64_t rip, uint64_t rsp)
{
	uc_x86_mmr gdtr = { .base = VM_GDT, .limit = 3 * 8 - 1 };
	uc_x86_msr efer = { .rid = MSR_EFER, .value = EFER_LME | EFER_LMA };
	uint64_t cr0 = X86_CR0_PE | X86_CR0_PG, cr3 = VM_PML4, cr4 = X86_CR4_PAE;
	uint64_t info = SG_VM_BOOT_INFO, cs = VM_CS, ds = VM_DS;
	const struct {
		int reg;
		const void *value;
	} regs[] = {
		{ UC_X86_REG_GDTR, &gdtr }, { UC_X86_REG_CR3, &cr3 }, { UC_X86_REG_CR4, &cr4 },
		{ UC_X86_REG_MSR, &efer },  { UC_X86_REG_CR0, &cr0 }, { UC_X86_REG_CS, &cs },
		{ UC_X86_REG_SS, &ds },	    { UC_X86_REG_DS, &ds },   { UC_X86_REG_ES, &ds },
		{ UC_X86_REG_RIP, &rip },   { UC_X86_REG_RSP, &rsp }, { UC_X86_REG_RDI, &info },
	};

	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		if (uc_reg_write(uc, regs[i].reg, regs[i].value) != UC_ERR_OK)
			return -EINVAL;
	return 0;
}

static int add_hooks(struct vm *vm, struct emu *em)
{
	uc_err e = uc_hook_add(em->uc, &em->hooks[0], UC_HOOK_INSN, (void *)on_out, vm, 1, 0,
			       UC_X86_INS_OUT);
	e = e ? e : uc_hook_add(em->uc, &em->hooks[1], UC_HOOK_INTR, (void *)on_interrupt, vm, 1, 0);
	e = e ? e : uc_hook_add(em->uc, &em->hooks[2], UC_HOOK_INSN_INVALID, (void *)on_invalid_insn,
				vm, 1, 0);
	e = e ? e : uc_hook_add(em->uc, &em->hooks[3], UC_HOOK_MEM_INVALID, (void *)on_bad_memory,
				vm, 1, 0);
	e = e ? e : uc_hook_add(em->uc, &em->hooks[4], UC_HOOK_INSN, (void *)on_cpuid, vm, 1, 0,
				UC_X86_INS_CPUID);
	e = e ? e : uc_hook_add(em->uc, &em->hooks[5], UC_HOOK_INSN, (void *)on_syscall, vm, 1, 0,
				UC_X86_INS_SYSCALL);
	e = e ? e : uc_hook_add(em->uc, &em->hooks[6], UC_HOOK_EDGE_GENERATED, (void *)on_translate,
				vm, 1, 0);
	return e == UC_ERR_OK ? 0 : vm_fail(vm, -EINVAL, "emulate: cannot hook: %s", uc_strerror(e));
}

static int emu_open(struct vm *vm, uint64_t rip, uint64_t rsp)
{
	struct emu *em = calloc(1, sizeof(*em));
	uc_err e;

	if (!em)
		return vm_fail(vm, -ENOMEM, "out of memory");
	vm->engine = em;
	e = uc_open(UC_ARCH_X86, UC_MODE_64, &em->uc);
	if (e != UC_ERR_OK)
		return vm_fail(vm, -EINVAL, "emulate: cannot open a CPU: %s", uc_strerror(e));
	e = uc_mem_map_ptr(em->uc, 0, vm->mem_size, UC_PROT_ALL, vm->mem);
	if (e != UC_ERR_OK)
		return vm_fail(vm, -EINVAL, "emulate: cannot map guest memory: %s", uc_strerror(e));
	if (enter_long_mode(em->uc, rip, rsp) < 0)
		return vm_fail(vm, -EINVAL, "emulate: cannot set up long mode");
	if (uc_context_alloc(em->uc, &em->ring0) != UC_ERR_OK ||
	    uc_context_save(em->uc, em->ring0) != UC_ERR_OK)
		return vm_fail(vm, -ENOMEM, "emulate: cannot save the ring-0 context");
	return add_hooks(vm, em);
}

/* The transition a stop asked for: 1 to go on, 0 when there was none, or
 * -EFAULT when the guest cannot go on. */
static int do_pending(struct vm *vm, struct emu *em)
{
	enum emu_pending p = em->pending;

	em->pending = EMU_NONE;
	if (p == EMU_NONE)
		return 0;
	int rc = p == EMU_SYSCALL ? emu_syscall(vm, em) : emu_deliver_trap(vm, em);
	return rc < 0 ? rc : 1;
}

/* Why the CPU stopped for good, as the run's result. */
static int stopped(struct vm *vm, struct emu *em, uc_err e, long timeout_ms, bool timed_out)
{
	uint64_t rip = 0;

	if (vm->exited)
		return 0;
	if (em->fault[0])
		return vm_fail(vm, -EFAULT, "the guest stopped: %s", em->fault);
	if (timed_out)
		return vm_fail(vm, -ETIMEDOUT, "the guest did not exit within %ld ms", timeout_ms);
	uc_reg_read(em->uc, UC_X86_REG_RIP, &rip);
	if (e != UC_ERR_OK)
		return vm_fail(vm, -EFAULT, "the guest stopped at rip 0x%llx: %s",
			       (unsigned long long)rip, uc_strerror(e));
	return vm_fail(vm, -EFAULT, "the guest halted at rip 0x%llx without an exit hypercall",
		       (unsigned long long)rip);
}

/* --timeout: a timer thread stops the CPU. Unicorn's own timeout starts a
 * thread on every uc_emu_start, which a guest making SYSCALLs restarts each
 * time (about 100 us each); this one is armed once, and fires again every 50 ms
 * in case a stop came while the CPU was between two runs. */
static void on_timeout(union sigval v)
{
	struct vm *vm = v.sival_ptr;

	emu_of(vm)->timed_out = true;
	uc_emu_stop(emu_of(vm)->uc);
}

static int arm_timeout(struct vm *vm, long timeout_ms, timer_t *t)
{
	struct sigevent ev = { .sigev_notify = SIGEV_THREAD,
			       .sigev_notify_function = on_timeout,
			       .sigev_value.sival_ptr = vm };
	struct itimerspec when = { .it_value = { timeout_ms / 1000, (timeout_ms % 1000) * 1000000 },
				   .it_interval = { 0, 50000000 } };

	if (timer_create(CLOCK_MONOTONIC, &ev, t) < 0)
		return vm_fail(vm, -errno, "emulate: cannot arm the timeout: %s", strerror(errno));
	timer_settime(*t, 0, &when, NULL);
	return 0;
}

/* Run until the guest exits or fails; each SYSCALL or trap stops the CPU, the
 * monitor does the transition, and the CPU goes on from the new rip. */
static int emu_run(struct vm *vm, long timeout_ms)
{
	struct emu *em = emu_of(vm);
	uint64_t rip = 0;
	timer_t timer;
	uc_err e;
	int rc = 0;

	if (timeout_ms && (rc = arm_timeout(vm, timeout_ms, &timer)) < 0)
		return rc;
	do {
		uc_reg_read(em->uc, UC_X86_REG_RIP, &rip);
		e = uc_emu_start(em->uc, rip, UINT64_MAX, 0, 0);
	} while (!vm->exited && !em->timed_out && (rc = do_pending(vm, em)) > 0);
	if (timeout_ms)
		timer_delete(timer);
	if (!vm->exited && !em->timed_out && rc < 0)
		return vm_fail(vm, rc, "the guest stopped: %s", em->fault);
	return stopped(vm, em, e, timeout_ms, em->timed_out);
}

static void emu_regs(struct vm *vm, struct vm_regs *r)
{
	static const int ids[16] = { UC_X86_REG_RAX, UC_X86_REG_RBX, UC_X86_REG_RCX,
				     UC_X86_REG_RDX, UC_X86_REG_RSI, UC_X86_REG_RDI,
				     UC_X86_REG_RBP, UC_X86_REG_RSP, UC_X86_REG_R8,
				     UC_X86_REG_R9,  UC_X86_REG_R10, UC_X86_REG_R11,
				     UC_X86_REG_R12, UC_X86_REG_R13, UC_X86_REG_R14,
				     UC_X86_REG_R15 };
	struct emu *em = emu_of(vm);
	uc_x86_msr efer = { .rid = MSR_EFER };
	uint64_t cs = 0, ss = 0;

	for (int i = 0; i < 16; i++)
		uc_reg_read(em->uc, ids[i], &r->gpr[i]);
	uc_reg_read(em->uc, UC_X86_REG_RIP, &r->rip);
	uc_reg_read(em->uc, UC_X86_REG_RFLAGS, &r->rflags);
	uc_reg_read(em->uc, UC_X86_REG_CR0, &r->cr0);
	uc_reg_read(em->uc, UC_X86_REG_CR3, &r->cr3);
	uc_reg_read(em->uc, UC_X86_REG_CR4, &r->cr4);
	uc_reg_read(em->uc, UC_X86_REG_MSR, &efer);
	uc_reg_read(em->uc, UC_X86_REG_CS, &cs);
	uc_reg_read(em->uc, UC_X86_REG_SS, &ss);
	r->cr2 = em->trap_cr2; /* the CPU's own is gone once it stopped */
	r->efer = efer.value;
	r->cs = (uint16_t)cs;
	r->ss = (uint16_t)ss;
}

static void emu_close(struct vm *vm)
{
	struct emu *em = emu_of(vm);

	if (!em)
		return;
	if (em->ring0)
		uc_context_free(em->ring0);
	if (em->uc)
		uc_close(em->uc);
	free(em);
	vm->engine = NULL;
}

const struct vm_engine_ops vm_engine_emulate = {
	.name = "emulate",
	.open = emu_open,
	.run = emu_run,
	.close = emu_close,
	.regs = emu_regs,
};
