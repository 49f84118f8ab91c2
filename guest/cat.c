/* Print the disk the monitor was given (--disk FILE, read only) to the console,
 * block by block, through the disk hypercall. Given "bad", first hand the
 * monitor a buffer outside guest memory, which it must refuse. */
#include "lib/guest.h"

static char block[512];

static int64_t disk_read(uint64_t buf, uint64_t len, uint64_t offset)
{
	struct sg_vm_hc_disk_read a = { .buf = buf, .len = len, .offset = offset };

	sg_hypercall(SG_VM_HC_DISK_READ, &a);
	return a.ret;
}

int guest_main(const struct sg_vm_boot_info *bi)
{
	uint64_t off = 0;
	int64_t n;

	if (bi->cmdline[0] == 'b') {
		n = disk_read(bi->mem_size - 8, sizeof(block), 0);
		sg_puts(n == -14 ? "disk: a buffer outside memory is refused (EFAULT)\n"
				 : "disk: a bad buffer was accepted\n");
	}
	while ((n = disk_read((uintptr_t)block, sizeof(block), off)) > 0) {
		sg_write(block, (size_t)n);
		off += (uint64_t)n;
	}
	if (n < 0) {
		sg_puts(n == -19 ? "disk: there is no disk (give one with --disk FILE)\n"
				 : "disk: read failed\n");
		return 1;
	}
	return 0;
}
