/* Decoders for clocks and time structures. */
#include "decode_int.h"

#include <string.h>
#include <time.h>

void sg_kind_timespec(struct sg_dctx *d)
{
	struct { long long sec, nsec; } ts;
	uint64_t addr = sg_arg(d, d->idx);

	if (sg_fetch(d, addr, &ts, sizeof(ts)) == 0)
		sg_str_addf(d->out, "{tv_sec=%lld, tv_nsec=%lld}", ts.sec, ts.nsec);
}

void sg_kind_clockid(struct sg_dctx *d)
{
	static const struct sg_flag clocks[] = {
		SG_FLAG(CLOCK_REALTIME),	   SG_FLAG(CLOCK_MONOTONIC),
		SG_FLAG(CLOCK_PROCESS_CPUTIME_ID), SG_FLAG(CLOCK_THREAD_CPUTIME_ID),
		SG_FLAG(CLOCK_MONOTONIC_RAW),	   SG_FLAG(CLOCK_REALTIME_COARSE),
		SG_FLAG(CLOCK_MONOTONIC_COARSE),   SG_FLAG(CLOCK_BOOTTIME),
		SG_FLAG(CLOCK_REALTIME_ALARM),	   SG_FLAG(CLOCK_BOOTTIME_ALARM),
		SG_FLAG(CLOCK_TAI),		   SG_FLAG_END,
	};
	sg_print_xlat(d->out, clocks, (int)sg_arg(d, d->idx));
}

/* clock_nanosleep, timer_settime, timerfd_settime: an absolute or relative time. */
void sg_kind_timer_flags(struct sg_dctx *d)
{
	static const struct sg_flag flags[] = {
		{ 1, "TIMER_ABSTIME" }, SG_FLAG_END,
	};
	static const struct sg_flag tfd_flags[] = {
		{ 1, "TFD_TIMER_ABSTIME" }, { 2, "TFD_TIMER_CANCEL_ON_SET" }, SG_FLAG_END,
	};
	bool tfd = d->c->sc && strcmp(d->c->sc->name, "timerfd_settime") == 0;

	sg_print_flags(d->out, tfd ? tfd_flags : flags, sg_arg(d, d->idx) & 0xffffffffu, "0");
}
