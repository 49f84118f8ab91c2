/* The program's system calls, answered in the guest where they can be: getpid
 * and the clock never leave it; write is checked, then forwarded to the monitor's
 * console by hypercall, and uname to the host (the forward hypercall). Numbers
 * are Linux's. */
#include <asm/unistd.h>
#include <errno.h>

#include "kernel.h"
#include "prog/prog.h"

/* Only the program's page is the program's to name. */
static int user_range(uint64_t p, uint64_t len)
{
	return p >= USER_BASE && len <= USER_END - USER_BASE && p <= USER_END - len;
}

static long sys_write(long fd, uint64_t buf, uint64_t len)
{
	if (fd != 1 && fd != 2)
		return -EBADF;
	if (!user_range(buf, len))
		return -EFAULT;
	return sg_write((const void *)buf, len);
}

static long sys_clock_gettime(long clock, uint64_t ts)
{
	uint64_t ns = clock == 0 ? sg_clock_wall_ns() : sg_clock_ns();

	if (!user_range(ts, 16))
		return -EFAULT;
	((int64_t *)ts)[0] = (int64_t)(ns / 1000000000u);
	((int64_t *)ts)[1] = (int64_t)(ns % 1000000000u);
	return 0;
}

/* The host's own answer: forwarded to the monitor, the buffer checked here. */
static long sys_uname(uint64_t buf)
{
	return user_range(buf, PROG_UTS_LEN) ? sg_forward(__NR_uname, buf, 0, 0) : -EFAULT;
}

long kernel_syscall(long nr, long a1, long a2, long a3)
{
	switch (nr) {
	case __NR_write:
		return sys_write(a1, (uint64_t)a2, (uint64_t)a3);
	case __NR_uname:
		return sys_uname((uint64_t)a1);
	case __NR_getpid:
		return 1;
	case __NR_clock_gettime:
		return sys_clock_gettime(a1, (uint64_t)a2);
	case __NR_exit:
	case __NR_exit_group:
		kernel_end_program((int)a1);
	}
	return -ENOSYS;
}
