/* The unikernel: the same program (guest/prog) linked with a library OS in
 * ring 0. Its system calls are function calls: getpid and the clock answered
 * here, write and exit by hypercall. No ring 3, no SYSCALL, no trap. */
#include <asm/unistd.h>
#include <errno.h>

#include "lib/guest.h"
#include "prog/prog.h"

long prog_write(int fd, const void *buf, size_t len)
{
	return fd == 1 || fd == 2 ? sg_write(buf, len) : -EBADF;
}

long prog_getpid(void)
{
	return 1;
}

long prog_clock_gettime(int clock, struct prog_time *t)
{
	uint64_t ns = clock == 0 ? sg_clock_wall_ns() : sg_clock_ns();

	t->sec = (int64_t)(ns / 1000000000u);
	t->nsec = (int64_t)(ns % 1000000000u);
	return 0;
}

/* The host's answer, through the monitor's forward hypercall. */
long prog_uname(char *uts)
{
	return sg_forward(__NR_uname, (uintptr_t)uts, 0, 0);
}

_Noreturn void prog_exit(int code)
{
	sg_exit(code);
}

int guest_main(const struct sg_vm_boot_info *bi)
{
	sg_clock_init();
	sg_puts("unikernel: the program runs in ring 0, its system calls are calls\n");
	return prog_main(bi->cmdline);
}
