/* ioctls of PTP hardware clocks (linux/ptp_clock.h), as strace 6.1 prints them:
 * capabilities, external timestamp and periodic output requests, pin functions
 * and the samples of the system-offset requests. The "2" requests print as the
 * originals, with their reserved words when set. */
#include "decode_ioctl_family.h"

#include <linux/ptp_clock.h>
#include <string.h>

#include "ioctl_arg_names.h"

/* {sec=..., nsec=...}, with the moment in a comment for a wall-clock time. */
static void print_clock_time(struct sg_str *out, const struct ptp_clock_time *t, bool wall)
{
	sg_str_addf(out, "{sec=%lld, nsec=%u", (long long)t->sec, t->nsec);
	if (t->reserved)
		sg_str_addf(out, ", reserved=%#x", t->reserved);
	sg_str_addc(out, '}');
	if (wall)
		sg_print_time_comment(out, (long long)t->sec, (long)t->nsec);
}

/* Reserved words, shown only when one is set. */
static void print_reserved(struct sg_str *out, const unsigned *rsv, size_t n)
{
	size_t i;

	for (i = 0; i < n && !rsv[i]; i++)
		;
	if (i == n)
		return;
	sg_str_add(out, ", rsv=[");
	for (i = 0; i < n; i++)
		sg_str_addf(out, i ? ", %#x" : "%#x", rsv[i]);
	sg_str_addc(out, ']');
}
#define PRINT_RSV(out, s) \
	print_reserved(out, (const unsigned *)(s).rsv, sizeof((s).rsv) / sizeof((s).rsv[0]))

static bool is_v2(const struct sg_dctx *d)
{
	return _IOC_NR((unsigned)sg_arg(d, 1)) >= 10; /* the "2" requests come after */
}

static void print_caps(struct sg_dctx *d, uint64_t arg)
{
	struct ptp_clock_caps c;

	if (sg_ioctl_out_failed(d, arg) || sg_fetch(d, arg, &c, sizeof(c)) < 0)
		return;
	sg_str_addf(d->out,
		    "{max_adj=%d, n_alarm=%d, n_ext_ts=%d, n_per_out=%d, pps=%d, n_pins=%d, "
		    "cross_timestamping=%d, adjust_phase=%d",
		    c.max_adj, c.n_alarm, c.n_ext_ts, c.n_per_out, c.pps, c.n_pins,
		    c.cross_timestamping, c.adjust_phase);
	PRINT_RSV(d->out, c);
	sg_str_addc(d->out, '}');
}

static void print_extts(struct sg_dctx *d, uint64_t arg)
{
	struct ptp_extts_request r;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	sg_str_addf(d->out, "{index=%u, flags=", r.index);
	sg_print_flags_as(d->out, sg_ptp_extts_flags, r.flags, "0", "PTP_???");
	if (is_v2(d))
		PRINT_RSV(d->out, r);
	sg_str_addc(d->out, '}');
}

static void print_perout(struct sg_dctx *d, uint64_t arg)
{
	struct ptp_perout_request r;
	bool phase;

	if (sg_fetch(d, arg, &r, sizeof(r)) < 0)
		return;
	phase = r.flags & PTP_PEROUT_PHASE;
	sg_str_add(d->out, phase ? "{phase=" : "{start=");
	print_clock_time(d->out, phase ? &r.phase : &r.start, !phase);
	sg_str_add(d->out, ", period=");
	print_clock_time(d->out, &r.period, false);
	sg_str_addf(d->out, ", index=%u, flags=", r.index);
	sg_print_flags_as(d->out, sg_ptp_perout_flags, r.flags, "0", "PTP_PEROUT_???");
	if (r.flags & PTP_PEROUT_DUTY_CYCLE) {
		sg_str_add(d->out, ", on=");
		print_clock_time(d->out, &r.on, false);
	} else if (is_v2(d)) {
		PRINT_RSV(d->out, r);
	}
	sg_str_addc(d->out, '}');
}

static void print_hex_value(struct sg_dctx *d, uint64_t arg)
{
	sg_str_addf(d->out, "%#llx", (unsigned long long)arg);
}

/* n_samples as given; after a success, the 2n+1 times read (system, clock, ...). */
static void print_sys_offset(struct sg_dctx *d, uint64_t arg)
{
	struct ptp_sys_offset now;
	const struct ptp_sys_offset *in = sg_ioctl_before(d, sizeof(now));
	bool readable = sg_call_read(d->c, arg, &now, sizeof(now)) == (ssize_t)sizeof(now);

	if (!in && !readable) {
		sg_print_ptr(d->out, arg);
		return;
	}
	sg_str_addf(d->out, "{n_samples=%u", (in ? in : &now)->n_samples);
	PRINT_RSV(d->out, *(in ? in : &now));
	if (!d->c->is_error) {
		unsigned n = now.n_samples < PTP_MAX_SAMPLES ? now.n_samples : PTP_MAX_SAMPLES;
		sg_str_add(d->out, readable ? ", ts=[" : ", ???");
		for (unsigned i = 0; readable && i < 2 * n + 1; i++) {
			if (i)
				sg_str_add(d->out, ", ");
			print_clock_time(d->out, &now.ts[i], true);
		}
		if (readable)
			sg_str_addc(d->out, ']');
	}
	sg_str_addc(d->out, '}');
}

static void print_pin_tail(struct sg_dctx *d, const struct ptp_pin_desc *p, bool getter)
{
	unsigned req = (unsigned)sg_arg(d, 1);

	if (getter) {
		sg_str_add(d->out, ", name=\"");
		sg_str_add_escaped(d->out, (const unsigned char *)p->name,
				   strnlen(p->name, sizeof(p->name)));
		sg_str_addc(d->out, '"');
	}
	sg_str_add(d->out, ", func=");
	sg_print_xval(d->out, sg_ptp_pin_funcs, p->func, "PTP_PF_???");
	sg_str_addf(d->out, ", chan=%u", p->chan);
	if (req == PTP_PIN_SETFUNC2)
		PRINT_RSV(d->out, *p);
}

/* The getters name the pin they ask about, then (after a success) what it does. */
static void print_pin(struct sg_dctx *d, uint64_t arg)
{
	unsigned req = (unsigned)sg_arg(d, 1);
	bool getter = req == PTP_PIN_GETFUNC || req == PTP_PIN_GETFUNC2;
	const struct ptp_pin_desc *in = sg_ioctl_before(d, sizeof(*in));
	struct ptp_pin_desc now;
	bool readable = sg_call_read(d->c, arg, &now, sizeof(now)) == (ssize_t)sizeof(now);

	if (!getter) {
		if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
			return;
		sg_str_addf(d->out, "{index=%u", now.index);
		print_pin_tail(d, &now, false);
	} else {
		if (!in) {
			sg_print_ptr(d->out, arg);
			return;
		}
		sg_str_addf(d->out, "{index=%u", in->index);
		if (req == PTP_PIN_GETFUNC2)
			PRINT_RSV(d->out, *in);
		if (!d->c->is_error && !readable)
			sg_str_add(d->out, ", ???");
		else if (!d->c->is_error)
			print_pin_tail(d, &now, true);
	}
	sg_str_addc(d->out, '}');
}

static void print_sys_offset_precise(struct sg_dctx *d, uint64_t arg)
{
	struct ptp_sys_offset_precise p;

	if (sg_ioctl_out_failed(d, arg) || sg_fetch(d, arg, &p, sizeof(p)) < 0)
		return;
	sg_str_add(d->out, "{device=");
	print_clock_time(d->out, &p.device, true);
	sg_str_add(d->out, ", sys_realtime=");
	print_clock_time(d->out, &p.sys_realtime, true);
	sg_str_add(d->out, ", sys_monoraw=");
	print_clock_time(d->out, &p.sys_monoraw, false);
	PRINT_RSV(d->out, p);
	sg_str_addc(d->out, '}');
}

static const struct sg_ioctl_printer rows[] = {
	{ PTP_CLOCK_GETCAPS, print_caps, NULL, 0 },
	{ PTP_CLOCK_GETCAPS2, print_caps, NULL, 0 },
	{ PTP_EXTTS_REQUEST, print_extts, NULL, 0 },
	{ PTP_EXTTS_REQUEST2, print_extts, NULL, 0 },
	{ PTP_PEROUT_REQUEST, print_perout, NULL, 0 },
	{ PTP_PEROUT_REQUEST2, print_perout, NULL, 0 },
	{ PTP_ENABLE_PPS, print_hex_value, NULL, 0 },
	{ PTP_ENABLE_PPS2, print_hex_value, NULL, 0 },
	{ PTP_SYS_OFFSET, print_sys_offset, NULL, 0 },
	{ PTP_SYS_OFFSET2, print_sys_offset, NULL, 0 },
	{ PTP_PIN_GETFUNC, print_pin, NULL, 0 },
	{ PTP_PIN_GETFUNC2, print_pin, NULL, 0 },
	{ PTP_PIN_SETFUNC, print_pin, NULL, 0 },
	{ PTP_PIN_SETFUNC2, print_pin, NULL, 0 },
	{ PTP_SYS_OFFSET_PRECISE, print_sys_offset_precise, NULL, 0 },
	{ PTP_SYS_OFFSET_PRECISE2, print_sys_offset_precise, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_ptp, rows);
