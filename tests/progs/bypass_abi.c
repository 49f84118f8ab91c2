/* Probes of the other system call ABIs a 64-bit process can reach: i386 through
 * int $0x80 (getpid, socketcall with a NULL argument block) and x32 numbers
 * (getpid | 0x40000000). Every call is harmless even if it got through. The jail
 * must kill the process (SIGSYS); surviving prints what the call returned. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static long int80(long nr, long a, long b)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b)
			 : "r8", "r9", "r10", "r11", "memory"); /* the kernel clears r8-r11 */
	return ret;
}

static long x32_call(long nr)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr | 0x40000000L) : "rcx", "r11", "memory");
	return ret;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	long r;

	if (strcmp(what, "int80-getpid") == 0)
		r = int80(20, 0, 0); /* i386 getpid */
	else if (strcmp(what, "int80-socketcall") == 0)
		r = int80(102, 1, 0); /* i386 socketcall(SYS_SOCKET, NULL) */
	else if (strcmp(what, "x32-getpid") == 0)
		r = x32_call(39);
	else {
		fprintf(stderr, "usage: bypass_abi int80-getpid|int80-socketcall|x32-getpid\n");
		return 2;
	}
	printf("%s: survived, returned %ld%s%s\n", what, r, r < 0 ? " " : "",
	       r < 0 ? strerror((int)-r) : "");
	return 1;
}
