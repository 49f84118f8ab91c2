/* Sensitive instructions, one after the other, and what became of each: the
 * monitor's --stats says which ones reached it. cpuid and an `out` to a port with
 * no device behind it leave the guest; rdtsc runs where the guest runs. Given
 * "rdmsr", the guest ends by reading an MSR no CPU has: real hardware faults
 * (#GP); a software CPU may just return a value. */
#include "lib/guest.h"

static void try_cpuid(void)
{
	uint32_t a = 0, b, c, d;
	char vendor[13];

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	for (int i = 0; i < 4; i++) {
		vendor[i] = (char)(b >> (8 * i));
		vendor[4 + i] = (char)(d >> (8 * i));
		vendor[8 + i] = (char)(c >> (8 * i));
	}
	vendor[12] = 0;
	sg_puts("cpuid: the CPU says it is ");
	sg_puts(vendor);
	sg_puts("\n");
}

static void try_rdtsc(void)
{
	uint32_t lo1, hi1, lo2, hi2;

	__asm__ volatile("rdtsc" : "=a"(lo1), "=d"(hi1));
	__asm__ volatile("rdtsc" : "=a"(lo2), "=d"(hi2));
	uint64_t t1 = (uint64_t)hi1 << 32 | lo1, t2 = (uint64_t)hi2 << 32 | lo2;
	sg_puts(t2 >= t1 ? "rdtsc: counts up, read without leaving the guest\n"
			 : "rdtsc: went backwards\n");
}

static void try_out(void)
{
	__asm__ volatile("outb %b0, $0x80" : : "a"(0x42));
	sg_puts("out to port 0x80 (no device): the guest went on\n");
}

static void try_rdmsr(void)
{
	uint32_t lo, hi;

	sg_puts("rdmsr of MSR ");
	sg_put_hex(0x12345678);
	sg_puts(", which no CPU has:\n");
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(0x12345678));
	sg_puts("rdmsr did not fault: it returned ");
	sg_put_hex((uint64_t)hi << 32 | lo);
	sg_puts("\n");
}

int guest_main(const struct sg_vm_boot_info *bi)
{
	try_cpuid();
	try_rdtsc();
	try_out();
	if (bi->cmdline[0] == 'r')
		try_rdmsr();
	sg_puts("SUCCESS\n");
	return 0;
}
