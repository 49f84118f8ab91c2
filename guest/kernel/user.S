/* The program's side of the SYSCALL ABI (Linux's numbers and registers), in the
 * program's page. */
#include <asm/unistd.h>

	.section .user.text, "ax"
.macro CALL name, nr
	.globl \name
\name:
	movq $\nr, %rax
	syscall
	ret
.endm
	CALL prog_write, __NR_write
	CALL prog_getpid, __NR_getpid
	CALL prog_clock_gettime, __NR_clock_gettime
	CALL prog_exit, __NR_exit
	CALL prog_uname, __NR_uname
	.section .note.GNU-stack, "", @progbits
