/* Rule fault-heavy: page faults dominate the program's kernel entries.
 *
 * Detection: at the end of the run, from its totals: at least 10000 page
 * faults (times the threshold factor), and at least 2 for every syscall (two
 * thirds of the kernel entries or more). A program's start takes a few
 * hundred faults; a loop that keeps touching fresh memory takes one per 4 KiB
 * page. Runs whose faults were not counted are skipped.
 *
 * Fix: prefault memory that will be used (MAP_POPULATE, madvise
 * MADV_POPULATE_WRITE or MADV_WILLNEED), use bigger pages (transparent huge
 * pages with MADV_HUGEPAGE, hugetlbfs), and reuse memory rather than map
 * fresh pages.
 *
 * Estimate: every fault costs the machine's page_fault_ns (the fault rung: a
 * write fault on a fresh, zeroed 4 KiB page), so wasted = faults x
 * page_fault_ns. A fix still has to allocate and zero the pages; what goes is
 * the exception entry and exit and the per-fault work of the fault handler.
 * On the (loaded, 2-CPU) machine this was written on, adv_fault_heavy (12288
 * write faults on fresh pages) against adv_fault_heavy_fixed (same pages,
 * MAP_POPULATE) took 38 to 55% less wall time (medians of 5 runs: 697 ms
 * against 432 ms), so the saving is counted as FIX_SHARE = 0.4 of the
 * waste. The count is the page faults; there is no call site. */
#include <stdlib.h>

#include "../core/util.h"
#include "rule_kit.h"
#include "rule_list.h"

#define MIN_FAULTS 10000
#define FAULTS_PER_CALL 2
#define FIX_SHARE 0.4

struct fault_state {
	const struct adv_machine *m;
	uint64_t min_faults;
};

static void *fault_start(const struct adv_machine *m, double threshold)
{
	struct fault_state *s = sg_xcalloc(1, sizeof(*s));

	s->m = m;
	s->min_faults = adv_scaled_min(MIN_FAULTS, threshold);
	return s;
}

static void fault_feed(void *st, const struct adv_call *c)
{
	(void)st;
	(void)c;	/* the totals at the end are all this rule needs */
}

static void fault_finish(void *st, const struct adv_run *run, struct adv_report *r)
{
	struct fault_state *s = st;

	if (!run || run->page_faults < 0 || (uint64_t)run->page_faults < s->min_faults ||
	    (uint64_t)run->page_faults < FAULTS_PER_CALL * run->calls)
		return;
	struct adv_evidence ev = { .count = (uint64_t)run->page_faults };
	ev.wasted_ns = (double)run->page_faults * s->m->page_fault_ns;
	ev.saving_ns = ev.wasted_ns * FIX_SHARE;
	char *what = run->major_faults > 0
		? adv_strf("%lld page faults (%lld major) against %llu syscalls",
			   (long long)run->page_faults, (long long)run->major_faults,
			   (unsigned long long)run->calls)
		: adv_strf("%lld page faults against %llu syscalls", (long long)run->page_faults,
			   (unsigned long long)run->calls);
	adv_evidence_report(&ev, &adv_rule_fault_heavy, what, r);
}

static void fault_stop(void *st)
{
	free(st);
}

const struct adv_rule adv_rule_fault_heavy = {
	.id = "fault-heavy",
	.fix = "Prefault the memory you will use (MAP_POPULATE, madvise MADV_POPULATE_WRITE) or use "
	       "bigger pages (transparent huge pages, hugetlbfs), and reuse memory instead of fresh "
	       "pages.",
	.start = fault_start,
	.feed = fault_feed,
	.finish = fault_finish,
	.stop = fault_stop,
};
