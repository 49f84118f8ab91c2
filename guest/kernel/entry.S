/* The ways into the guest kernel: SYSCALL from the program, the CPU's traps, and
 * the way out to ring 3 (iretq: it works on every engine, where sysretq needs
 * EFER.SCE, which the software CPU does not keep). */
#define USER_DS (0x18 | 3)
#define USER_CS (0x20 | 3)

	.text
/* SYSCALL: rcx = the program's rip, r11 = its rflags, rax = nr, rdi/rsi/rdx =
 * arguments. The program's stack is not ours: switch, build an iret frame,
 * keep what the Linux ABI keeps (all but rax, rcx and r11). */
	.globl syscall_entry
syscall_entry:
	movq %rsp, user_rsp(%rip)
	leaq kernel_stack_top(%rip), %rsp
	pushq $USER_DS
	pushq user_rsp(%rip)
	pushq %r11
	pushq $USER_CS
	pushq %rcx
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %r8
	pushq %r9
	pushq %r10
	subq $8, %rsp		/* 16-byte aligned for the call */
	movq %rdx, %rcx
	movq %rsi, %rdx
	movq %rdi, %rsi
	movq %rax, %rdi
	call kernel_syscall
	addq $8, %rsp
	popq %r10
	popq %r9
	popq %r8
	popq %rdx
	popq %rsi
	popq %rdi
	movq (%rsp), %rcx	/* as after a real SYSCALL: rip and rflags */
	movq 16(%rsp), %r11
	iretq

	.globl enter_user
enter_user:			/* rdi = rip, rsi = rsp */
	pushq $USER_DS
	pushq %rsi
	pushq $0x2		/* rflags: interrupts off, the guest has none */
	pushq $USER_CS
	pushq %rdi
	iretq

/* Traps: every vector gets the same frame (a zero error code where the CPU
 * pushes none), then the registers, then C. */
.macro TRAP n
trap\n:
	.if (\n != 8) && (\n < 10 || \n > 14) && (\n != 17) && (\n != 21) && (\n != 29) && (\n != 30)
	pushq $0
	.endif
	pushq $\n
	jmp trap_common
.endm
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	TRAP \n
	.endr

trap_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, %rdi
	andq $-16, %rsp
	cld
	call kernel_trap
1:	hlt
	jmp 1b

	.section .rodata
	.globl trap_entries
	.balign 8
trap_entries:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad trap\n
	.endr

	.bss
	.balign 16
user_rsp:
	.quad 0
	.balign 16
	.space 16384
	.globl kernel_stack_top
kernel_stack_top:
	.space 16384
	.globl trap_stack_top
trap_stack_top:
	.section .note.GNU-stack, "", @progbits
