/* ioctls of perf_event_open's fds (linux/perf_event.h): flags, counts and fds by
 * value, the period and the event id through a pointer, a filter string. */
#include "decode_ioctl_family.h"

#include <linux/perf_event.h>

static void print_ioc_flags(struct sg_dctx *d, uint64_t arg)
{
	static const struct sg_flag flags[] = { SG_FLAG(PERF_IOC_FLAG_GROUP), SG_FLAG_END };

	sg_print_flags_as(d->out, flags, (unsigned)arg, "0", "PERF_IOC_FLAG_???");
}

static void print_fd(struct sg_dctx *d, uint64_t arg)
{
	sg_print_fd(d, (int)arg);
}

static void print_u64(struct sg_dctx *d, uint64_t arg)
{
	uint64_t v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%llu]", (unsigned long long)v);
}

static void print_id(struct sg_dctx *d, uint64_t arg)
{
	if (!sg_ioctl_out_failed(d, arg))
		print_u64(d, arg);
}

static void print_filter(struct sg_dctx *d, uint64_t arg)
{
	sg_print_tracee_str(d, arg);
}

static const struct sg_ioctl_printer rows[] = {
	{ PERF_EVENT_IOC_ENABLE, print_ioc_flags, NULL, 0 },
	{ PERF_EVENT_IOC_DISABLE, print_ioc_flags, NULL, 0 },
	{ PERF_EVENT_IOC_RESET, print_ioc_flags, NULL, 0 },
	{ PERF_EVENT_IOC_REFRESH, sg_ioctl_val_d, NULL, 0 },
	{ PERF_EVENT_IOC_PERIOD, print_u64, NULL, 0 },
	{ PERF_EVENT_IOC_SET_OUTPUT, print_fd, NULL, 0 },
	{ PERF_EVENT_IOC_SET_BPF, print_fd, NULL, 0 },
	{ PERF_EVENT_IOC_PAUSE_OUTPUT, sg_ioctl_val_u, NULL, 0 },
	{ PERF_EVENT_IOC_SET_FILTER, print_filter, NULL, 0 },
	{ PERF_EVENT_IOC_ID, print_id, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_perf, rows);
