/* The emulate engine: a software CPU, Unicorn (QEMU's TCG binary translator as a
 * library). Guest code is translated block by block; `out` to a hypercall port
 * is a hook into the monitor; exceptions are not delivered through the guest's
 * IDT but come to the monitor, which reports them and stops the guest. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unicorn/unicorn.h>

#include "vm_int.h"

#define X86_CR0_PE 0x1ull
#define X86_CR0_PG 0x80000000ull
#define X86_CR4_PAE 0x20ull
#define MSR_EFER 0xc0000080u
#define EFER_LME 0x100ull
#define EFER_LMA 0x400ull

struct emu {
	uc_engine *uc;
	uc_hook hooks[5];
	char fault[160]; /* why the guest stopped, when it did not exit */
};

static struct emu *emu_of(struct vm *vm)
{
	return vm->engine;
}

static void stop_with(struct vm *vm, uc_engine *uc, const char *what, unsigned vector)
{
	uint64_t rip = 0, cr2 = 0;

	uc_reg_read(uc, UC_X86_REG_RIP, &rip);
	uc_reg_read(uc, UC_X86_REG_CR2, &cr2);
	if (vector == 14)
		snprintf(emu_of(vm)->fault, sizeof(emu_of(vm)->fault),
			 "%s at rip 0x%llx (cr2 0x%llx)", what, (unsigned long long)rip,
			 (unsigned long long)cr2);
	else
		snprintf(emu_of(vm)->fault, sizeof(emu_of(vm)->fault), "%s at rip 0x%llx", what,
			 (unsigned long long)rip);
	uc_emu_stop(uc);
}

static void on_out(uc_engine *uc, uint32_t port, int size, uint32_t value, void *user)
{
	struct vm *vm = user;

	(void)size;
	vm->stats.exits++;
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
	static const char *const names[32] = {
		[0] = "divide error (#DE)",	    [6] = "invalid opcode (#UD)",
		[8] = "double fault (#DF)",	    [13] = "general protection fault (#GP)",
		[14] = "page fault (#PF)",	    [3] = "breakpoint (#BP)",
	};
	char what[64];

	if (intno < 32 && names[intno])
		snprintf(what, sizeof(what), "%s", names[intno]);
	else
		snprintf(what, sizeof(what), "exception or interrupt %u", intno);
	stop_with(user, uc, what, intno);
}

static bool on_invalid_insn(uc_engine *uc, void *user)
{
	stop_with(user, uc, "invalid opcode (#UD)", 6);
	return false;
}

static bool on_bad_memory(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t v,
			  void *user)
{
	char what[96];

	(void)type, (void)size, (void)v;
	snprintf(what, sizeof(what), "access to 0x%llx outside guest memory",
		 (unsigned long long)addr);
	stop_with(user, uc, what, 0);
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
	return add_hooks(vm, em);
}

static int emu_run(struct vm *vm, long timeout_ms)
{
	struct emu *em = emu_of(vm);
	uint64_t rip = 0;
	size_t timed_out = 0;

	uc_reg_read(em->uc, UC_X86_REG_RIP, &rip);
	uc_err e = uc_emu_start(em->uc, rip, UINT64_MAX, (uint64_t)timeout_ms * 1000, 0);
	if (vm->exited)
		return 0;
	if (em->fault[0])
		return vm_fail(vm, -EFAULT, "the guest stopped: %s", em->fault);
	uc_query(em->uc, UC_QUERY_TIMEOUT, &timed_out);
	if (timed_out)
		return vm_fail(vm, -ETIMEDOUT, "the guest did not exit within %ld ms", timeout_ms);
	uc_reg_read(em->uc, UC_X86_REG_RIP, &rip);
	if (e != UC_ERR_OK)
		return vm_fail(vm, -EFAULT, "the guest stopped at rip 0x%llx: %s",
			       (unsigned long long)rip, uc_strerror(e));
	return vm_fail(vm, -EFAULT, "the guest halted at rip 0x%llx without an exit hypercall",
		       (unsigned long long)rip);
}

static void emu_close(struct vm *vm)
{
	struct emu *em = emu_of(vm);

	if (!em)
		return;
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
};
