/* Which counters this kernel can give: tracepoint ids from tracefs. */
#include "stat_int.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdint.h>

static const struct stat_counter_spec specs[SC_COUNT] = {
	[SC_SYSCALLS] = { "raw_syscalls", "sys_enter", 0, false, true },
	/* Page faults come from software events, not from the exceptions:
	 * page_fault_user/page_fault_kernel tracepoints: the counts agree (user
	 * mode exactly; the tracepoint also sees the rare faults on kernel
	 * addresses), and every tracepoint costs ~35 ms when sysgate exits (see
	 * sampler.c), a tenth of a second for these two. The events carry the
	 * registers of the faulting context: excluding the kernel leaves the
	 * faults user code took; kernel mode is all of them minus those. Minor and
	 * major are counted where the fault is accounted (mm_account_fault). */
	[SC_FAULTS_USER] = { NULL, NULL, PERF_COUNT_SW_PAGE_FAULTS, true, false },
	[SC_FAULTS_ALL] = { NULL, NULL, PERF_COUNT_SW_PAGE_FAULTS, false, false },
	[SC_FAULTS_MINOR] = { NULL, NULL, PERF_COUNT_SW_PAGE_FAULTS_MIN, true, false },
	[SC_FAULTS_MAJOR] = { NULL, NULL, PERF_COUNT_SW_PAGE_FAULTS_MAJ, true, false },
	[SC_IRQ_TIMER] = { "irq_vectors", "local_timer_entry", 0, false, false },
	[SC_IRQ_RESCHED] = { "irq_vectors", "reschedule_entry", 0, false, false },
	[SC_IRQ_CALL] = { "irq_vectors", "call_function_entry", 0, false, false },
	[SC_IRQ_CALL_SINGLE] = { "irq_vectors", "call_function_single_entry", 0, false, false },
	[SC_IRQ_DEVICE] = { "irq", "irq_handler_entry", 0, false, false },
	[SC_SIGNALS] = { "signal", "signal_deliver", 0, false, false },
	[SC_MIGRATIONS] = { NULL, NULL, PERF_COUNT_SW_CPU_MIGRATIONS, false, false },
	[SC_CONTEXT_SWITCHES] = { NULL, NULL, PERF_COUNT_SW_CONTEXT_SWITCHES, false, false },
	[SC_TASK_CLOCK] = { NULL, NULL, PERF_COUNT_SW_TASK_CLOCK, false, false },
};

const struct stat_counter_spec *stat_counter_spec(enum stat_counter c)
{
	return &specs[c];
}

/* Returns 0, or -errno when tracefs or the syscall tracepoint is missing. */
int stat_events_resolve(struct stat_events *ev)
{
	const char *dir;
	int rc = sg_tracefs_ready(&dir);

	if (rc != 0)
		return rc;
	for (int c = 0; c < SC_COUNT; c++) {
		const struct stat_counter_spec *s = &specs[c];

		if (!s->group) {
			ev->available[c] = true; /* checked when opened */
			continue;
		}
		rc = sg_tracepoint_id(dir, s->group, s->event, &ev->tracepoint_id[c]);
		ev->available[c] = rc == 0;
		if (rc != 0 && s->required)
			return rc;
	}
	/* Syscall names come from the number in each sys_enter record. Without
	 * it the totals still work and the names show as unknown. */
	const struct stat_counter_spec *sys = &specs[SC_SYSCALLS];
	size_t size = 0;
	ev->have_syscall_id = sg_tracepoint_field(dir, sys->group, sys->event, "id",
						    &ev->syscall_id_offset, &size) == 0 &&
			      size == sizeof(int64_t);
	return 0;
}
