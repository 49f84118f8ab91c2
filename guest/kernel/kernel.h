/* The guest kernel's parts: the CPU tables (cpu.c), the SYSCALL and trap entries
 * (entry.S), the system calls (syscall.c) and the traps (trap.c). */
#ifndef SG_GUEST_KERNEL_H
#define SG_GUEST_KERNEL_H

#include "lib/guest.h"

/* Selectors of the kernel's GDT, in the order SYSCALL and SYSRET need them:
 * STAR[47:32] = kernel code (kernel data follows), STAR[63:48] = 0x10, so the
 * user data is at 0x18 and the user code at 0x20. */
#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_DS (0x18 | 3)
#define USER_CS (0x20 | 3)
#define TSS_SEL 0x28

/* The program's 2 MiB page, the only one with the user bit (kernel.ld). */
#define USER_BASE 0x400000ull
#define USER_END 0x600000ull

/* What the trap entry pushed: the registers, the vector, the error code, then
 * the frame the CPU pushed. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

void cpu_setup(void);			   /* GDT, TSS, IDT, page tables, SYSCALL MSRs */
_Noreturn void enter_user(uint64_t rip, uint64_t rsp); /* entry.S: iretq to ring 3 */
long kernel_syscall(long nr, long a1, long a2, long a3);
_Noreturn void kernel_trap(struct trap_frame *f);
_Noreturn void kernel_end_program(int code); /* the program is gone: shut down */
void kernel_bench(uint64_t n, uint64_t samples); /* the rungs measured in ring 0 */

extern const uint64_t trap_entries[32]; /* entry.S */
void syscall_entry(void);		 /* entry.S */
extern char kernel_stack_top[], trap_stack_top[];

#endif
