/* The smallest guest: greet through the console hypercall, echo the boot
 * arguments, check the hypercalls' error paths, and exit with a code. Given an
 * argument it misbehaves on purpose, as Solo5's test guests do: "fault" touches
 * memory that is not mapped, "ud" runs an invalid instruction, "loop" never
 * exits, "halt" stops without the exit hypercall. */
#include <asm/unistd.h>

#include "lib/guest.h"

/* A hypercall whose argument is outside guest memory must fail, not crash. */
static int bad_pointer_refused(const struct sg_vm_boot_info *bi)
{
	struct sg_vm_hc_write a = { .buf = bi->mem_size - 4, .len = 64 };

	sg_hypercall(SG_VM_HC_WRITE, &a);
	return a.ret == -14; /* EFAULT */
}

/* An argument struct the monitor would read unaligned is not read at all. */
static int misaligned_refused(void)
{
	static uint64_t raw[4];
	char *p = (char *)raw + 1;

	raw[0] = raw[1] = 0;
	sg_hypercall(SG_VM_HC_TIME, p); /* a result would land in p: it stays zero */
	return raw[0] == 0 && raw[1] == 0;
}

static int unknown_refused(void)
{
	struct sg_vm_hc_write a = { .ret = 1 };

	sg_hypercall(200, &a);
	return a.ret == -38; /* ENOSYS */
}

/* forward: an allowed call runs on the host, a bad buffer is refused, and a call
 * off the allowlist never reaches the host (reboot with an invalid magic, so
 * that even a monitor bug could not harm it). */
static int forward_checked(const struct sg_vm_boot_info *bi)
{
	return sg_forward(__NR_getpid, 0, 0, 0) > 0 &&
	       sg_forward(__NR_uname, bi->mem_size - 8, 0, 0) == -14 && /* EFAULT */
	       sg_forward(__NR_reboot, 0, 0, 0) == -1;		 /* EPERM */
}

static int is(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static void misbehave(const char *how)
{
	if (is(how, "fault"))
		*(volatile uint64_t *)0x7ff00000000ull = 1; /* far beyond the mapped 1 GiB */
	else if (is(how, "ud"))
		__asm__ volatile("ud2");
	else if (is(how, "loop"))
		for (;;)
			__asm__ volatile("" ::: "memory");
	else if (is(how, "halt"))
		__asm__ volatile("cli; hlt");
}

int guest_main(const struct sg_vm_boot_info *bi)
{
	misbehave(bi->cmdline);
	sg_puts("hello from the guest, ring 0\n");
	sg_puts("args: ");
	sg_puts(bi->cmdline);
	sg_puts("\n");
	if (!bad_pointer_refused(bi) || !misaligned_refused() || !unknown_refused() ||
	    !forward_checked(bi)) {
		sg_puts("FAILURE\n");
		return 1;
	}
	sg_puts("SUCCESS\n");
	return 7;
}
