/* clock-syscall: clock_gettime, gettimeofday or time entering the kernel for a
 * clock the vDSO reads in user space for a fraction of the price. */
#include "rules.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>

#include "core/util.h"

extern const struct adv_rule adv_rule_clock_syscall;

#define MIN_CALLS 64

struct clock_syscall {
	const struct adv_machine *m;
	uint64_t min_calls, calls;
	double ns;
	char *examples[3];
	struct adv_sites sites;
};

static void *start(const struct adv_machine *m, double threshold)
{
	struct clock_syscall *st = sg_xcalloc(1, sizeof(*st));

	st->m = m;
	st->min_calls = adv_scaled(threshold, MIN_CALLS);
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
	st->calls++;
	st->ns += adv_call_ns(c, st->m);
	adv_keep_example(st->examples, c);
	adv_sites_add(&st->sites, c->site);
}

static void finish(void *p, const struct adv_run *run, struct adv_report *r)
{
	struct clock_syscall *st = p;
	char what[160];
	(void)run;

	if (st->calls < st->min_calls)
		return;
	/* Through the vDSO each read still costs its user-space price. */
	double saving = fmax(0, st->ns - (double)st->calls * st->m->vdso_clock_ns);
	snprintf(what, sizeof(what), "%llu clock reads entered the kernel (%.0f ns each; "
		 "the vDSO: %.0f ns)", (unsigned long long)st->calls, st->ns / (double)st->calls,
		 st->m->vdso_clock_ns);
	adv_report_finding(r, &adv_rule_clock_syscall, st->calls, st->ns, saving,
			   sg_xstrdup(what), &st->sites, st->examples);
}

static void stop(void *p)
{
	struct clock_syscall *st = p;

	for (int i = 0; i < 3; i++)
		free(st->examples[i]);
	adv_sites_free(&st->sites);
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
