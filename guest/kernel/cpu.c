/* The guest kernel's own CPU tables: a GDT with ring-0 and ring-3 segments and a
 * TSS (its rsp0 is the stack a trap from ring 3 lands on), an IDT for the 32
 * exceptions, page tables where only the program's page has the user bit, and
 * the SYSCALL MSRs. */
#include "kernel.h"

#define MSR_EFER 0xc0000080u
#define MSR_STAR 0xc0000081u
#define MSR_LSTAR 0xc0000082u
#define MSR_FMASK 0xc0000084u
#define EFER_SCE 0x1ull
#define PTE_P 0x1ull
#define PTE_W 0x2ull
#define PTE_U 0x4ull
#define PTE_PS 0x80ull

struct __attribute__((packed)) tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3, iopb; /* iopb past the limit: no port is open to ring 3 */
};

struct __attribute__((packed)) gate {
	uint16_t off_lo, sel;
	uint8_t ist, type;
	uint16_t off_mid;
	uint32_t off_hi, zero;
};

struct __attribute__((packed)) table_reg {
	uint16_t limit;
	uint64_t base;
};

static struct tss tss;
static uint64_t gdt[7] __attribute__((aligned(16)));
static struct gate idt[32] __attribute__((aligned(16)));
static uint64_t pml4[512] __attribute__((aligned(4096)));
static uint64_t pdpt[512] __attribute__((aligned(4096)));
static uint64_t pd[512] __attribute__((aligned(4096)));

static void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (uint64_t)hi << 32 | lo;
}

static void load_gdt(void)
{
	uint64_t base = (uintptr_t)&tss, limit = sizeof(tss) - 1;

	gdt[1] = 0x00af9a000000ffffull; /* kernel code, 64-bit */
	gdt[2] = 0x00cf92000000ffffull; /* kernel data */
	gdt[3] = 0x00cff2000000ffffull; /* user data, DPL 3 */
	gdt[4] = 0x00affa000000ffffull; /* user code, 64-bit, DPL 3 */
	gdt[5] = (limit & 0xffff) | (base & 0xffffff) << 16 | 0x89ull << 40 |
		 ((base >> 24) & 0xff) << 56; /* available 64-bit TSS */
	gdt[6] = base >> 32;
	struct table_reg r = { sizeof(gdt) - 1, (uintptr_t)gdt };
	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\t"
			 "ltr %w3"
			 :
			 : "m"(r), "i"(KERNEL_CS), "i"(KERNEL_DS), "r"((uint16_t)TSS_SEL)
			 : "rax", "memory");
}

static void load_idt(void)
{
	for (int v = 0; v < 32; v++) {
		uint64_t off = trap_entries[v];
		idt[v] = (struct gate){ (uint16_t)off, KERNEL_CS, 0, 0x8e, (uint16_t)(off >> 16),
					(uint32_t)(off >> 32), 0 };
	}
	struct table_reg r = { sizeof(idt) - 1, (uintptr_t)idt };
	__asm__ volatile("lidt %0" ::"m"(r));
}

/* The first 1 GiB mapped to itself, supervisor only, but the program's page. */
static void load_page_tables(void)
{
	pml4[0] = (uintptr_t)pdpt | PTE_P | PTE_W | PTE_U;
	pdpt[0] = (uintptr_t)pd | PTE_P | PTE_W | PTE_U;
	for (uint64_t i = 0; i < 512; i++)
		pd[i] = (i << 21) | PTE_P | PTE_W | PTE_PS;
	pd[USER_BASE >> 21] |= PTE_U;
	__asm__ volatile("mov %0, %%cr3" ::"r"((uintptr_t)pml4) : "memory");
}

void cpu_setup(void)
{
	tss.rsp[0] = (uintptr_t)trap_stack_top;
	tss.iopb = sizeof(tss);
	load_gdt();
	load_idt();
	load_page_tables();
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	wrmsr(MSR_STAR, (uint64_t)0x10 << 48 | (uint64_t)KERNEL_CS << 32);
	wrmsr(MSR_LSTAR, (uintptr_t)syscall_entry);
	wrmsr(MSR_FMASK, 0x47700); /* TF, DF, IF, IOPL, NT, AC off in the kernel */
}
