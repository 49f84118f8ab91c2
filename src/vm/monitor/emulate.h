/* Internal to the emulate engine: its state, shared by the engine
 * (engine_emulate.c) and the privilege transitions it performs itself
 * (emulate_ring.c). */
#ifndef SG_VM_EMULATE_H
#define SG_VM_EMULATE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <unicorn/unicorn.h>

#include "vm_int.h"

/* What stopped the software CPU and must be done before it goes on. */
enum emu_pending { EMU_NONE, EMU_SYSCALL, EMU_TRAP };

struct emu {
	uc_engine *uc;
	uc_hook hooks[7];
	uc_context *ring0; /* saved at boot: the one way to CPL 0 on the public API */
	enum emu_pending pending;
	_Atomic bool timed_out; /* set by the --timeout timer's thread */
	unsigned vector;    /* of EMU_TRAP */
	uint64_t trap_rip;  /* the faulting instruction */
	uint64_t trap_cr2;  /* a page fault's address */
	unsigned traps_in_a_row; /* with no hypercall between: a triple fault */
	char fault[200]; /* why the guest stopped, when it did not exit */
};

/* emulate_ring.c: a SYSCALL, or the delivery of a trap through the guest's IDT;
 * 0, or -EFAULT with em->fault set (the guest cannot go on). */
int emu_syscall(struct vm *vm, struct emu *em);
int emu_deliver_trap(struct vm *vm, struct emu *em);

#endif
