/* A tiny guest kernel: ring 0 sets up its CPU tables and a clock, then runs the
 * program (guest/prog) in ring 3 and services its SYSCALLs. Arguments: the
 * program's own, or "kbench N S" for the rungs measured in ring 0: S samples of
 * N rounds. */
#include "kernel.h"
#include "lib/words.h"
#include "prog/prog.h"

/* The program's arguments, in its own page (it may not read the kernel's). */
static char user_args[SG_VM_CMDLINE_MAX] __attribute__((section(".user.data")));

/* The program's start, in ring 3 (kernel.ld puts it in the user page). */
__attribute__((section(".user.text"), noreturn)) static void program_start(void)
{
	prog_exit(prog_main(user_args));
}

_Noreturn void kernel_end_program(int code)
{
	sg_puts("kernel: the program ended with status ");
	sg_put_dec((uint64_t)code);
	sg_puts("; shutting down\n");
	sg_exit(code);
}

static void copy_args(const char *cmdline)
{
	size_t n = sg_strlen(cmdline);

	for (size_t i = 0; i <= n; i++)
		user_args[i] = cmdline[i];
}

int guest_main(const struct sg_vm_boot_info *bi)
{
	cpu_setup();
	sg_clock_init();
	sg_puts("kernel: ring 0 is set up (GDT, TSS, IDT, page tables, SYSCALL)\n");
	if (word_starts(bi->cmdline, "kbench")) {
		const char *n = word_next(bi->cmdline);
		uint64_t rounds = word_number(n), samples = word_number(word_next(n));
		kernel_bench(rounds ? rounds : 100000, samples ? samples : 1);
		return 0;
	}
	copy_args(bi->cmdline);
	sg_puts("kernel: starting the program in ring 3\n");
	enter_user((uintptr_t)program_start, USER_END - 64);
}
