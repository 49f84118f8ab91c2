/* The privilege transitions the software CPU does not perform: it hands the
 * monitor a `syscall` instead of executing it, and an exception's vector
 * instead of delivering it through the guest's IDT. Writing CS through the
 * public API changes the selector, not the CPL, so the one public way into
 * ring 0 is a context saved while the guest ran there (at boot): restore it,
 * then put back everything the guest has changed since (its tables, control
 * registers, MSRs) and the registers the transition sets. iretq and sysretq
 * back to ring 3 the software CPU runs itself. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "emulate.h"

#define MSR_EFER 0xc0000080u
#define MSR_STAR 0xc0000081u
#define MSR_LSTAR 0xc0000082u
#define MSR_FMASK 0xc0000084u
#define MSR_KERNEL_GS 0xc0000102u
#define RFLAGS_TF 0x100ull
#define RFLAGS_IF 0x200ull
#define RFLAGS_NT 0x4000ull
#define RFLAGS_RF 0x10000ull

static const int gprs[] = {
	UC_X86_REG_RAX, UC_X86_REG_RBX, UC_X86_REG_RCX, UC_X86_REG_RDX, UC_X86_REG_RSI,
	UC_X86_REG_RDI, UC_X86_REG_RBP, UC_X86_REG_RSP, UC_X86_REG_R8,	UC_X86_REG_R9,
	UC_X86_REG_R10, UC_X86_REG_R11, UC_X86_REG_R12, UC_X86_REG_R13, UC_X86_REG_R14,
	UC_X86_REG_R15, UC_X86_REG_RIP, UC_X86_REG_RFLAGS, UC_X86_REG_CR0, UC_X86_REG_CR3,
	UC_X86_REG_CR2, UC_X86_REG_CR4, UC_X86_REG_FS_BASE, UC_X86_REG_GS_BASE,
};
#define NGPRS (sizeof(gprs) / sizeof(gprs[0]))
enum { R_RCX = 2, R_RSP = 7, R_R11 = 11, R_RIP = 16, R_RFLAGS = 17, R_CR2 = 20 };
static const uint32_t msrs[] = { MSR_EFER, MSR_STAR, MSR_LSTAR, MSR_FMASK, MSR_KERNEL_GS };
enum { M_STAR = 1, M_LSTAR = 2, M_FMASK = 3 };
#define NMSRS (sizeof(msrs) / sizeof(msrs[0]))
static const int tables[] = { UC_X86_REG_GDTR, UC_X86_REG_IDTR, UC_X86_REG_LDTR, UC_X86_REG_TR };
enum { T_IDTR = 1, T_TR = 3 };
#define NTABLES (sizeof(tables) / sizeof(tables[0]))

/* Everything of the CPU a restore of the boot context would take back. */
struct cpu_state {
	uint64_t gpr[NGPRS];
	uc_x86_msr msr[NMSRS];
	uc_x86_mmr table[NTABLES];
	uint64_t cs, ss;
};

static void save_state(uc_engine *uc, struct cpu_state *s)
{
	void *ptrs[NGPRS];

	for (size_t i = 0; i < NGPRS; i++)
		ptrs[i] = &s->gpr[i];
	uc_reg_read_batch(uc, (int *)gprs, ptrs, (int)NGPRS);
	for (size_t i = 0; i < NMSRS; i++) {
		s->msr[i].rid = msrs[i];
		uc_reg_read(uc, UC_X86_REG_MSR, &s->msr[i]);
	}
	for (size_t i = 0; i < NTABLES; i++)
		uc_reg_read(uc, tables[i], &s->table[i]);
	uc_reg_read(uc, UC_X86_REG_CS, &s->cs);
	uc_reg_read(uc, UC_X86_REG_SS, &s->ss);
}

/* CPL 0, then the guest's own state back, with the transition's registers. */
static int enter_ring0(struct vm *vm, struct emu *em, const struct cpu_state *s, uint16_t cs)
{
	void *ptrs[NGPRS];
	uint64_t sel = cs, ss = cs + 8u;

	if (uc_context_restore(em->uc, em->ring0) != UC_ERR_OK)
		return -EFAULT;
	for (size_t i = 0; i < NTABLES; i++)
		uc_reg_write(em->uc, tables[i], &s->table[i]);
	for (size_t i = 0; i < NMSRS; i++)
		uc_reg_write(em->uc, UC_X86_REG_MSR, &s->msr[i]);
	for (size_t i = 0; i < NGPRS; i++)
		ptrs[i] = (void *)&s->gpr[i];
	uc_reg_write_batch(em->uc, (int *)gprs, ptrs, (int)NGPRS);
	uc_reg_write(em->uc, UC_X86_REG_CS, &sel);
	uc_reg_write(em->uc, UC_X86_REG_SS, &ss);
	vm->stats.transitions++;
	return 0;
}

static const char *trap_name(unsigned v)
{
	static const char *const names[32] = {
		[0] = "divide error (#DE)",	    [3] = "breakpoint (#BP)",
		[6] = "invalid opcode (#UD)",	    [8] = "double fault (#DF)",
		[13] = "general protection fault (#GP)", [14] = "page fault (#PF)",
	};
	return v < 32 && names[v] ? names[v] : "exception";
}

/* A trap the guest cannot take: on hardware, a triple fault (the VM resets). */
static int triple_fault(struct emu *em, const char *why)
{
	int n = snprintf(em->fault, sizeof(em->fault), "triple fault: %s (vector %u) at rip 0x%llx",
			 trap_name(em->vector), em->vector, (unsigned long long)em->trap_rip);

	if (em->vector == 14 && n > 0 && (size_t)n < sizeof(em->fault))
		n += snprintf(em->fault + n, sizeof(em->fault) - (size_t)n, " (address 0x%llx)",
			      (unsigned long long)em->trap_cr2);
	if (n > 0 && (size_t)n < sizeof(em->fault))
		snprintf(em->fault + n, sizeof(em->fault) - (size_t)n, ", %s", why);
	return -EFAULT;
}

/* SYSCALL: rcx = the next rip, r11 = rflags, rflags masked by FMASK, CS and SS
 * from STAR, rip from LSTAR. The software CPU has already moved rip past it. */
int emu_syscall(struct vm *vm, struct emu *em)
{
	struct cpu_state s;

	save_state(em->uc, &s);
	if (s.msr[M_LSTAR].value == 0) { /* no kernel has set SYSCALL up: #UD */
		em->vector = 6;
		em->trap_rip = s.gpr[R_RIP] - 2;
		return emu_deliver_trap(vm, em);
	}
	s.gpr[R_RCX] = s.gpr[R_RIP];
	s.gpr[R_R11] = s.gpr[R_RFLAGS];
	s.gpr[R_RFLAGS] &= ~(s.msr[M_FMASK].value | RFLAGS_RF);
	s.gpr[R_RIP] = s.msr[M_LSTAR].value;
	return enter_ring0(vm, em, &s, (uint16_t)((s.msr[M_STAR].value >> 32) & 0xfffc));
}

static bool has_error_code(unsigned v)
{
	return v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21 || v == 29 || v == 30;
}

/* The gate of vector v: its handler and stack switch, or false when the IDT
 * does not cover it or it is not present. */
static bool read_gate(struct vm *vm, const uc_x86_mmr *idtr, unsigned v, uint64_t *handler,
		      uint16_t *sel, unsigned *ist, bool *trap_gate)
{
	const uint8_t *g = (uint64_t)v * 16 + 15 <= idtr->limit ?
				   vm_gpa(vm, idtr->base + (uint64_t)v * 16, 16) :
				   NULL;
	uint16_t lo, mid;
	uint32_t hi;

	if (!g || !(g[5] & 0x80) || (g[5] & 0x0e) != 0x0e)
		return false;
	memcpy(&lo, g, 2), memcpy(sel, g + 2, 2), memcpy(&mid, g + 6, 2), memcpy(&hi, g + 8, 4);
	*ist = g[4] & 7;
	*trap_gate = g[5] & 1; /* a trap gate leaves IF as it was */
	*handler = (uint64_t)hi << 32 | (uint64_t)mid << 16 | lo;
	return true;
}

/* The stack the handler runs on: the TSS's rsp0 (or an IST entry) when the
 * trap changes privilege or asks for one, else the current one. */
static bool trap_stack(struct vm *vm, const struct cpu_state *s, unsigned ist, uint64_t *rsp)
{
	const uc_x86_mmr *tr = &s->table[T_TR];
	uint64_t off = ist ? 0x24 + 8 * (uint64_t)(ist - 1) : 4;
	const void *p;

	if (!ist && (s->cs & 3) == 0) {
		*rsp = s->gpr[R_RSP];
		return true;
	}
	if (tr->limit < off + 7 || !(p = vm_gpa(vm, tr->base + off, 8)))
		return false;
	memcpy(rsp, p, 8);
	return true;
}

/* The trap through the guest's IDT, as the CPU would: the frame (ss, rsp,
 * rflags, cs, rip, the error code where the vector has one) on the handler's
 * stack, in ring 0. The software CPU does not expose the error code: a page
 * fault's carries only the user bit. */
int emu_deliver_trap(struct vm *vm, struct emu *em)
{
	struct cpu_state s;
	uint64_t handler, rsp;
	uint16_t sel;
	unsigned ist, v = em->vector;
	bool trap_gate;

	save_state(em->uc, &s);
	if (++em->traps_in_a_row > 3)
		return triple_fault(em, "the third trap in a row with no hypercall between");
	if (!read_gate(vm, &s.table[T_IDTR], v, &handler, &sel, &ist, &trap_gate) ||
	    !trap_stack(vm, &s, ist, &rsp))
		return triple_fault(em, "and no IDT gate or stack to deliver it");
	uint64_t frame[5] = { em->trap_rip, s.cs, s.gpr[R_RFLAGS], s.gpr[R_RSP], s.ss };
	uint64_t err = v == 14 && (s.cs & 3) ? 4 : 0;
	size_t n = has_error_code(v) ? 6 : 5;
	rsp = (rsp & ~15ull) - n * 8;
	uint64_t *top = vm_gpa(vm, rsp, n * 8);
	if (!top)
		return triple_fault(em, "and the handler's stack is outside memory");
	if (n == 6)
		top[0] = err;
	memcpy(top + (n - 5), frame, 5 * 8);
	s.gpr[R_RSP] = rsp;
	s.gpr[R_RIP] = handler;
	if (v == 14)
		s.gpr[R_CR2] = em->trap_cr2;
	s.gpr[R_RFLAGS] &= ~(RFLAGS_TF | RFLAGS_NT | RFLAGS_RF | (trap_gate ? 0 : RFLAGS_IF));
	return enter_ring0(vm, em, &s, sel);
}
