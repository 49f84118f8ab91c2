/* CPU placement: rungs pin themselves so that numbers do not wander between cores. */
#include <errno.h>
#include <sched.h>

#include "bench_int.h"

int bench_pin(int cpu)
{
	cpu_set_t set;

	if (cpu < 0)
		return -EINVAL;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) == 0 ? 0 : -errno;
}

void bench_pick_cpus(int *first, int *second)
{
	cpu_set_t set;

	*first = *second = -1;
	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return;
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &set))
			continue;
		if (*first < 0)
			*first = cpu;
		else if (*second < 0)
			*second = cpu;
	}
}
