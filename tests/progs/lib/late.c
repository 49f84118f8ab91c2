/* A library inproc_cases dlopens after start: its own syscall instruction, which
 * no scan at start-up could have seen. */
long late_getppid(void)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "0"(110L) : "rcx", "r11", "memory");
	return ret;
}
