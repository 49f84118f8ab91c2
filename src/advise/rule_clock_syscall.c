/* clock-syscall: clock_gettime, gettimeofday or time entering the kernel for a
 * clock the vDSO reads in user space for a fraction of the price. */
#include <math.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>

#include "../core/util.h"
#include "rule_kit.h"
#include "rule_list.h"

#define MIN_CALLS 64

struct clock_syscall {
	const struct adv_machine *m;
	uint64_t min_calls;
	struct adv_evidence ev; /* every clock read that entered the kernel */
};

static void *start(const struct adv_machine *m, double threshold)
{
	struct clock_syscall *st = sg_xcalloc(1, sizeof(*st));

	st->m = m;
	st->min_calls = adv_scaled_min(MIN_CALLS, threshold);
	return st;
}

/* The clocks the x86_64 vDSO serves; the CPU-time clocks need the kernel. */
static bool vdso_clock(int64_t id)
{
	switch (id) {
	case CLOCK_REALTIME: case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE: case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME:
	case CLOCK_TAI:
		return true;
	default:
		return false;
	}
}

static void feed(void *p, const struct adv_call *c)
{
	struct clock_syscall *st = p;

	if (c->failed)
		return;
	if (c->nr == SYS_clock_gettime ? !vdso_clock(c->args[0])
				       : c->nr != SYS_gettimeofday && c->nr != SYS_time)
		return;
	st->ev.count++;
	adv_evidence_remove(&st->ev, adv_call_cost(st->m, c));
	adv_evidence_note(&st->ev, c);
}

static void finish(void *p, const struct adv_run *run, struct adv_report *r)
{
	struct clock_syscall *st = p;
	uint64_t calls = st->ev.count;
	(void)run;

	if (calls < st->min_calls)
		return;
	/* The calls cost their count times their median duration, at least a
	 * kernel crossing each (adv_costs_total); through the vDSO each read
	 * still costs its user-space price. */
	st->ev.wasted_ns = adv_evidence_waste(&st->ev, st->m->null_syscall_ns);
	st->ev.saving_ns = fmax(0, st->ev.wasted_ns - (double)calls * st->m->vdso_clock_ns);
	char *what = adv_strf("%llu clock reads entered the kernel (%.0f ns each; the vDSO: "
			      "%.0f ns)", (unsigned long long)calls,
			      st->ev.wasted_ns / (double)calls, st->m->vdso_clock_ns);
	adv_evidence_report(&st->ev, &adv_rule_clock_syscall, what, r);
}

static void stop(void *p)
{
	struct clock_syscall *st = p;

	adv_evidence_free(&st->ev);
	free(st);
}

const struct adv_rule adv_rule_clock_syscall = {
	.id = "clock-syscall",
	.fix = "Read the clock through the vDSO: call libc's clock_gettime (not "
	       "syscall(SYS_clock_gettime)), and if libc already does, make the clocksource "
	       "one the vDSO can read (tsc).",
	.start = start,
	.feed = feed,
	.finish = finish,
	.stop = stop,
};
