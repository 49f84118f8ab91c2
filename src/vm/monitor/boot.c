/* What the guest finds at boot: a GDT with one 64-bit code and one data segment,
 * page tables mapping the first 1 GiB to itself with 2 MiB pages (supervisor
 * only: a guest kernel that wants a ring-3 program builds its own), and the
 * boot info. Both engines start the vCPU on these. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vm_int.h"

#define PDPT (VM_PML4 + 0x1000)
#define PD (VM_PML4 + 0x2000)
#define PTE_P 0x1ull
#define PTE_W 0x2ull
#define PTE_PS 0x80ull

static void put64(struct vm *vm, uint64_t gpa, uint64_t v)
{
	memcpy(vm_gpa(vm, gpa, 8), &v, 8);
}

static void gdt(struct vm *vm)
{
	put64(vm, VM_GDT, 0);
	put64(vm, VM_GDT + VM_CS, 0x00af9a000000ffffull); /* code: present, ring 0, long */
	put64(vm, VM_GDT + VM_DS, 0x00cf92000000ffffull); /* data: present, ring 0, writable */
}

static void page_tables(struct vm *vm)
{
	put64(vm, VM_PML4, PDPT | PTE_P | PTE_W);
	put64(vm, PDPT, PD | PTE_P | PTE_W);
	for (uint64_t i = 0; i < 512; i++)
		put64(vm, PD + i * 8, (i << 21) | PTE_P | PTE_W | PTE_PS);
}

int vm_boot_tables(struct vm *vm, uint64_t kernel_end, const char *cmdline)
{
	struct sg_vm_boot_info *bi = vm_gpa(vm, SG_VM_BOOT_INFO, sizeof(*bi));

	if (vm->mem_size < 2 * VM_LOW_END || vm->mem_size > (1ull << 30))
		return vm_fail(vm, -EINVAL, "guest memory must be 2 MiB to 1 GiB");
	gdt(vm);
	page_tables(vm);
	memset(bi, 0, sizeof(*bi));
	bi->mem_size = vm->mem_size;
	bi->kernel_end = kernel_end;
	if (strlen(cmdline) >= sizeof(bi->cmdline))
		return vm_fail(vm, -E2BIG, "the guest's arguments are longer than %d bytes",
			       SG_VM_CMDLINE_MAX - 1);
	snprintf(bi->cmdline, sizeof(bi->cmdline), "%s", cmdline);
	return 0;
}
