/* The rungs measured in ring 0, each over n rounds timed by the monitor's wall
 * clock (two hypercalls around the loop), one line per rung and sample: a call,
 * a hypercall, a cpuid. The program's syscall rung is measured by the program
 * itself ("bench N S"). */
#include "kernel.h"

__attribute__((noinline)) static uint64_t nop_call(uint64_t x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 1;
}

static void result(const char *name, uint64_t t0, uint64_t n)
{
	sg_puts("bench ");
	sg_puts(name);
	sg_puts(" ");
	sg_put_dec((sg_wall_ns() - t0) * 1000 / n);
	sg_puts(" ps\n");
}

static void one_sample(uint64_t n)
{
	uint64_t t0 = sg_wall_ns(), x = 0;

	for (uint64_t i = 0; i < n; i++)
		x = nop_call(x);
	result("call", t0, n);
	t0 = sg_wall_ns();
	for (uint64_t i = 0; i < n; i++) {
		struct sg_vm_hc_time a = { 0 };
		sg_hypercall(SG_VM_HC_TIME, &a);
	}
	result("hypercall", t0, n);
	t0 = sg_wall_ns();
	for (uint64_t i = 0; i < n; i++) {
		uint32_t a = 0, b, c, d;
		__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	}
	result("cpuid", t0, n);
}

void kernel_bench(uint64_t n, uint64_t samples)
{
	for (uint64_t s = 0; s < samples; s++)
		one_sample(n);
}
