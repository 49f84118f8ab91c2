/* The agent's machine-level pieces. Everything between sg_exempt_start and
 * sg_exempt_end may make system calls that Syscall User Dispatch lets through:
 * these are the agent's own, never the program's, and never traced. */
#define REGS_SIZE 128

/* A syscall's arguments from the C calling convention (nr, a..e in rdi, rsi,
 * rdx, rcx, r8, r9) to the kernel's (rax, rdi, rsi, rdx, r10, r8). */
.macro SYSCALL5_ARGS
	mov %rdi, %rax
	mov %rsi, %rdi
	mov %rdx, %rsi
	mov %rcx, %rdx
	mov %r8, %r10
	mov %r9, %r8
.endm
/* ...and the sixth argument, the first on the stack. */
.macro SYSCALL6_ARGS
	SYSCALL5_ARGS
	mov 8(%rsp), %r9
.endm

	.text
	.globl sg_exempt_start, sg_exempt_end
	.hidden sg_exempt_start, sg_exempt_end
	.p2align 4
sg_exempt_start:

/* long sg_raw_syscall6(long nr, long a, long b, long c, long d, long e, long f) */
	.globl sg_raw_syscall6
	.hidden sg_raw_syscall6
	.type sg_raw_syscall6, @function
sg_raw_syscall6:
	.cfi_startproc
	SYSCALL6_ARGS
	syscall
	ret
	.cfi_endproc
	.size sg_raw_syscall6, .-sg_raw_syscall6

/* long sg_app_syscall6(nr, a..f): as sg_raw_syscall6, for the program's calls
 * only (a site of its own: the agent's calls must not be taken for them).
 * A signal that arrives as the call returns interrupts at sg_app_syscall_done,
 * with the result in rax; one that makes the kernel restart the call, at
 * sg_app_syscall_insn. The agent records the call's end before the signal. */
	.globl sg_app_syscall6, sg_app_syscall_insn, sg_app_syscall_done
	.hidden sg_app_syscall6, sg_app_syscall_insn, sg_app_syscall_done
	.type sg_app_syscall6, @function
sg_app_syscall6:
	.cfi_startproc
	SYSCALL6_ARGS
sg_app_syscall_insn:
	syscall
sg_app_syscall_done:
	ret
	.cfi_endproc
	.size sg_app_syscall6, .-sg_app_syscall6

/* long sg_clone_stub(long nr, long a, long b, long c, long d, long e): clone or
 * clone3 for a child that starts on a new stack. The stack pointer the child gets
 * points at a struct sg_child_block: the program's registers at its clone call.
 * The child restores them and goes on where the program's own syscall would have
 * returned, with 0 in rax. */
	.globl sg_clone_stub
	.hidden sg_clone_stub
	.type sg_clone_stub, @function
sg_clone_stub:
	SYSCALL5_ARGS
	syscall
	test %rax, %rax
	jnz 1f
	call agent_child_start
	mov 96(%rsp), %rcx
	mov 104(%rsp), %r11
	mov 0(%rsp), %rbx
	mov 8(%rsp), %rbp
	mov 16(%rsp), %r12
	mov 24(%rsp), %r13
	mov 32(%rsp), %r14
	mov 40(%rsp), %r15
	mov 48(%rsp), %rdi
	mov 56(%rsp), %rsi
	mov 64(%rsp), %rdx
	mov 72(%rsp), %r8
	mov 80(%rsp), %r9
	mov 88(%rsp), %r10
	mov %r11, %rsp
	xor %eax, %eax
	jmp *%rcx
1:	ret
	.size sg_clone_stub, .-sg_clone_stub

/* Unwind information for a signal return (-k: sysgate unwinds through handlers):
 * the stack pointer points at the frame's ucontext, whose saved registers are
 * the caller's. DWARF numbers: rax 0, rdx 1, rcx 2, rbx 3, rsi 4, rdi 5, rbp 6,
 * rsp 7, r8-r15 8-15, the return address 16. A register at ucontext offset N
 * (uc_mcontext.gregs at 40, in the order r8..r15 rdi rsi rbp rbx rdx rax rcx rsp
 * rip) is DW_CFA_expression(reg, DW_OP_breg7 N). The nop before the entry point
 * keeps the return address (the entry point itself) minus one inside the range,
 * for unwinders that look a caller up by its return address minus one. */
#define UC_REG(i) (40 + 8 * (i))
#define BREG_RBX 0x73
#define BREG_RBP 0x76
#define BREG_RSP 0x77
/* DW_CFA_expression: register reg is saved at base + off (a two-byte offset). */
.macro SAVED_AT reg, base, off
	.cfi_escape 0x10, \reg, 0x03, \base, ((\off) & 0x7f) | 0x80, (\off) >> 7
.endm
/* DW_CFA_def_cfa_expression: the CFA is the word at base + off. */
.macro CFA_AT base, off
	.cfi_escape 0x0f, 0x04, \base, ((\off) & 0x7f) | 0x80, (\off) >> 7, 0x06
.endm
.macro SIGNAL_FRAME_REGS base
	CFA_AT \base, UC_REG(15)
	SAVED_AT 8, \base, UC_REG(0)
	SAVED_AT 9, \base, UC_REG(1)
	SAVED_AT 10, \base, UC_REG(2)
	SAVED_AT 11, \base, UC_REG(3)
	SAVED_AT 12, \base, UC_REG(4)
	SAVED_AT 13, \base, UC_REG(5)
	SAVED_AT 14, \base, UC_REG(6)
	SAVED_AT 15, \base, UC_REG(7)
	SAVED_AT 5, \base, UC_REG(8)
	SAVED_AT 4, \base, UC_REG(9)
	SAVED_AT 6, \base, UC_REG(10)
	SAVED_AT 3, \base, UC_REG(11)
	SAVED_AT 1, \base, UC_REG(12)
	SAVED_AT 0, \base, UC_REG(13)
	SAVED_AT 2, \base, UC_REG(14)
	SAVED_AT 16, \base, UC_REG(16)
.endm
.macro SIGNAL_FRAME_CFI
	.cfi_startproc simple
	.cfi_signal_frame
	SIGNAL_FRAME_REGS BREG_RSP
.endm

/* Signal return for the agent's own handlers. */
	SIGNAL_FRAME_CFI
	nop
	.globl sg_restorer_quiet
	.hidden sg_restorer_quiet
	.type sg_restorer_quiet, @function
sg_restorer_quiet:
	mov $15, %eax
	syscall
	ud2
	.cfi_endproc
	.size sg_restorer_quiet, .-sg_restorer_quiet

/* Signal return for the program's handlers: record it, then return. rsp points
 * at the frame's ucontext; every register is restored from it. */
	SIGNAL_FRAME_CFI
	nop
	.globl sg_restorer_app
	.hidden sg_restorer_app
	.type sg_restorer_app, @function
sg_restorer_app:
	mov %rsp, %rbp
	SIGNAL_FRAME_REGS BREG_RBP /* the frame from rbp while rsp is aligned */
	and $-16, %rsp
	mov %rbp, %rdi
	call agent_note_sigreturn
	mov %rbp, %rsp
	mov $15, %eax
	syscall
	ud2
	.cfi_endproc
	.size sg_restorer_app, .-sg_restorer_app

sg_exempt_end:
	nop

/* size_t sg_safe_copy(void *dst, uint64_t src, size_t n): bytes copied. A fault on
 * the source makes the agent's SIGSEGV handler resume at sg_copy_fault with rcx
 * holding the bytes not copied. */
	.globl sg_safe_copy, sg_copy_insn, sg_copy_fault
	.hidden sg_safe_copy, sg_copy_insn, sg_copy_fault
	.type sg_safe_copy, @function
sg_safe_copy:
	mov %rdx, %rcx
	mov %rdx, %r8
sg_copy_insn:
	rep movsb
	mov %r8, %rax
	ret
sg_copy_fault:
	mov %r8, %rax
	sub %rcx, %rax
	ret
	.size sg_safe_copy, .-sg_safe_copy

/* The rewrite trampoline (page 0) jumps here: the program's `syscall` became
 * `call *%rax`, whose return address sits just below the program's stack pointer,
 * and the trampoline stepped over the rest of the 128-byte red zone. */
	.globl sg_rw_entry
	.hidden sg_rw_entry
	.type sg_rw_entry, @function
sg_rw_entry:
	.cfi_startproc simple
	.cfi_undefined rip /* until the registers are saved: nothing to unwind to */
	pushfq
	cld /* the C code below assumes it; popfq restores the program's */
	cmp $15, %rax
	je 9f
	sub $REGS_SIZE, %rsp
	mov %rax, 0(%rsp)
	mov %rdi, 8(%rsp)
	mov %rsi, 16(%rsp)
	mov %rdx, 24(%rsp)
	mov %r10, 32(%rsp)
	mov %r8, 40(%rsp)
	mov %r9, 48(%rsp)
	mov %rbx, 56(%rsp)
	mov %rbp, 64(%rsp)
	mov %r12, 72(%rsp)
	mov %r13, 80(%rsp)
	mov %r14, 88(%rsp)
	mov %r15, 96(%rsp)
	mov REGS_SIZE+8+128(%rsp), %r11
	mov %r11, 104(%rsp)
	lea REGS_SIZE+8+128+8(%rsp), %r11
	mov %r11, 112(%rsp)
	mov %rsp, %rdi
	mov %rsp, %rbx
	/* While the call is made, the program's frame is in the block at rbx: its
	 * stack pointer at 112, where it goes on at 104, its registers below. */
	.cfi_remember_state
	CFA_AT BREG_RBX, 112
	SAVED_AT 16, BREG_RBX, 104
	SAVED_AT 0, BREG_RBX, 0
	SAVED_AT 5, BREG_RBX, 8
	SAVED_AT 4, BREG_RBX, 16
	SAVED_AT 1, BREG_RBX, 24
	SAVED_AT 10, BREG_RBX, 32
	SAVED_AT 8, BREG_RBX, 40
	SAVED_AT 9, BREG_RBX, 48
	SAVED_AT 3, BREG_RBX, 56
	SAVED_AT 6, BREG_RBX, 64
	SAVED_AT 12, BREG_RBX, 72
	SAVED_AT 13, BREG_RBX, 80
	SAVED_AT 14, BREG_RBX, 88
	SAVED_AT 15, BREG_RBX, 96
	and $-16, %rsp
	call agent_rw_syscall
	mov %rbx, %rsp
	.cfi_restore_state
	mov 8(%rsp), %rdi
	mov 16(%rsp), %rsi
	mov 24(%rsp), %rdx
	mov 32(%rsp), %r10
	mov 40(%rsp), %r8
	mov 48(%rsp), %r9
	mov 56(%rsp), %rbx
	mov 64(%rsp), %rbp
	mov 72(%rsp), %r12
	mov 80(%rsp), %r13
	mov 88(%rsp), %r14
	mov 96(%rsp), %r15
	add $REGS_SIZE, %rsp
	popfq
	lea 128(%rsp), %rsp
	ret
	/* rt_sigreturn must run at the program's stack pointer, where its frame is. */
9:	lea 8+128+8(%rsp), %rsp
	jmp sg_restorer_app
	.cfi_endproc
	.size sg_rw_entry, .-sg_rw_entry

	.section .note.GNU-stack, "", @progbits
