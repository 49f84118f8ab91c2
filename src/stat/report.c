/* The numbers both writers print, derived once from the raw counts. */
#include "stat_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"

double stat_rate(uint64_t count, double seconds)
{
	return seconds > 0 ? (double)count / seconds : 0;
}

double stat_share(uint64_t part, uint64_t whole)
{
	return whole ? (double)part / (double)whole : 0;
}

static struct stat_row *add_row(struct stat_report *rep, const char *key, const char *label,
				enum stat_row_kind kind, bool have, uint64_t count)
{
	struct stat_row *row = &rep->rows[rep->nrows++];

	*row = (struct stat_row){ key, label, kind, have, have ? count : 0 };
	if (have && kind == ROW_ENTRY)
		rep->entries += count;
	return row;
}

static void add_counter(struct stat_report *rep, const struct stat_result *r, const char *key,
			const char *label, enum stat_row_kind kind, enum stat_counter c)
{
	add_row(rep, key, label, kind, r->have[c], r->count[c]);
}

static void add_fault_rows(struct stat_report *rep, const struct stat_result *r)
{
	uint64_t all = r->count[SC_FAULTS_ALL], user = r->count[SC_FAULTS_USER];

	add_counter(rep, r, "page_faults_user", "page faults, user mode", ROW_ENTRY,
		    SC_FAULTS_USER);
	add_counter(rep, r, "page_faults_user_minor", "  minor", ROW_ENTRY_PART, SC_FAULTS_MINOR);
	add_counter(rep, r, "page_faults_user_major", "  major", ROW_ENTRY_PART, SC_FAULTS_MAJOR);
	add_row(rep, "page_faults_kernel", "page faults, kernel mode", ROW_ENTRY,
		r->have[SC_FAULTS_ALL] && r->have[SC_FAULTS_USER], all > user ? all - user : 0);
}

static void add_interrupt_rows(struct stat_report *rep, const struct stat_result *r)
{
	add_counter(rep, r, "irq_timer", "timer interrupts", ROW_ENTRY, SC_IRQ_TIMER);
	add_counter(rep, r, "irq_reschedule", "rescheduling IPIs", ROW_ENTRY, SC_IRQ_RESCHED);
	add_row(rep, "irq_function_call", "function-call IPIs", ROW_ENTRY,
		r->have[SC_IRQ_CALL] || r->have[SC_IRQ_CALL_SINGLE],
		r->count[SC_IRQ_CALL] + r->count[SC_IRQ_CALL_SINGLE]);
	/* irq_handler_entry fires per handler: a shared line may count twice. */
	add_counter(rep, r, "irq_device", "device interrupt handlers", ROW_ENTRY, SC_IRQ_DEVICE);
}

static void add_other_rows(struct stat_report *rep, const struct stat_result *r)
{
	/* The exact split (getrusage, command mode) also gives the total, so the
	 * rows add up; -p takes the total from perf and samples the split. */
	if (r->have_csw_split && !r->csw_split_approx)
		add_row(rep, "context_switches", "context switches", ROW_OTHER, true,
			r->csw_voluntary + r->csw_involuntary);
	else
		add_counter(rep, r, "context_switches", "context switches", ROW_OTHER,
			    SC_CONTEXT_SWITCHES);
	add_row(rep, "context_switches_voluntary", "  voluntary", ROW_OTHER, r->have_csw_split,
		r->csw_voluntary);
	add_row(rep, "context_switches_involuntary", "  involuntary", ROW_OTHER,
		r->have_csw_split, r->csw_involuntary);
	add_counter(rep, r, "cpu_migrations", "cpu migrations", ROW_OTHER, SC_MIGRATIONS);
	add_counter(rep, r, "signals_delivered", "signals delivered", ROW_OTHER, SC_SIGNALS);
}

static int by_count_desc(const void *a, const void *b)
{
	const struct stat_top *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* The busiest syscalls by number; the rest of the total (lost samples, numbers
 * the table does not name, or no sampling at all) is reported as unnamed. */
static void build_top(struct stat_report *rep, const struct stat_result *r)
{
	struct stat_top all[SG_NR_SYSCALLS];
	uint64_t named = 0;
	int n = 0;

	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++) {
		named += r->syscall_by_nr[nr];
		if (r->syscall_by_nr[nr])
			all[n++] = (struct stat_top){ sg_syscall(nr)->name, r->syscall_by_nr[nr] };
	}
	qsort(all, (size_t)n, sizeof(*all), by_count_desc);
	rep->ntop = n < (int)SG_ARRAY_SIZE(rep->top) ? n : (int)SG_ARRAY_SIZE(rep->top);
	memcpy(rep->top, all, (size_t)rep->ntop * sizeof(*all));
	rep->syscalls_unnamed = rep->syscalls > named ? rep->syscalls - named : 0;
}

void stat_report_build(const struct stat_result *r, struct stat_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	rep->syscalls = r->count[SC_SYSCALLS];
	add_counter(rep, r, "syscalls", "syscalls", ROW_ENTRY, SC_SYSCALLS);
	add_fault_rows(rep, r);
	add_interrupt_rows(rep, r);
	add_row(rep, "kernel_entries", "all kernel entries", ROW_TOTAL, true, rep->entries);
	add_other_rows(rep, r);
	build_top(rep, r);
}
