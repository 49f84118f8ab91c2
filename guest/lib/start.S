/* Guest entry: the monitor starts us in 64-bit ring 0 with a stack at the top
 * of memory and the boot info's address in rdi. */
	.section .text.start, "ax"
	.globl _start
_start:
	andq $-16, %rsp
	call guest_main
	movq %rax, %rdi
	call sg_exit
1:	hlt
	jmp 1b
	.section .note.GNU-stack, "", @progbits
