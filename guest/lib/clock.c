/* A clock kept in the guest, with no exit per reading: the TSC, calibrated
 * against the monitor's wall clock over about a millisecond at boot. */
#include "guest.h"

static uint64_t tsc0, wall0, mult; /* ns per tick, 32.32 fixed point */

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

uint64_t sg_wall_ns(void)
{
	struct sg_vm_hc_time a = { 0 };

	sg_hypercall(SG_VM_HC_TIME, &a);
	return a.ns;
}

void sg_clock_init(void)
{
	uint64_t w;

	wall0 = sg_wall_ns();
	tsc0 = rdtsc();
	while ((w = sg_wall_ns()) < wall0 + 1000000)
		;
	uint64_t ticks = rdtsc() - tsc0;
	mult = ticks ? ((w - wall0) << 32) / ticks : 1ull << 32;
}

uint64_t sg_clock_ns(void)
{
	return (uint64_t)(((unsigned __int128)(rdtsc() - tsc0) * mult) >> 32);
}

uint64_t sg_clock_wall_ns(void)
{
	return wall0 + sg_clock_ns();
}
