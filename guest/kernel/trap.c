/* A trap: from the program, the kernel reports it and kills the program, and the
 * kernel goes on; in the kernel itself, it is a panic. */
#include "kernel.h"

static const char *const names[32] = {
	[0] = "divide error",	     [3] = "breakpoint",       [6] = "invalid opcode",
	[8] = "double fault",	     [13] = "general protection fault",
	[14] = "page fault",
};

static void report(const struct trap_frame *f, const char *who)
{
	uint64_t cr2;

	sg_puts(who);
	sg_puts(names[f->vector & 31] ? names[f->vector & 31] : "exception");
	sg_puts(" (vector ");
	sg_put_dec(f->vector);
	sg_puts(") at rip ");
	sg_put_hex(f->rip);
	if (f->vector == 14) {
		__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
		sg_puts(", address ");
		sg_put_hex(cr2);
	}
	sg_puts("\n");
}

_Noreturn void kernel_trap(struct trap_frame *f)
{
	if ((f->cs & 3) == 3) {
		report(f, "kernel: the program caused a ");
		sg_puts("kernel: killed the program; the kernel goes on\n");
		kernel_end_program(128 + (f->vector == 14 ? 11 : 4)); /* SIGSEGV, SIGILL */
	}
	report(f, "kernel panic: ");
	sg_exit(255);
}
