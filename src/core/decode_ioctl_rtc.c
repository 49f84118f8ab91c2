/* ioctls of real-time clocks (linux/rtc.h): struct rtc_time (abbreviated unless
 * -v), wake alarms, PLL corrections, voltage flags, rates and epochs, and the
 * parameters asked for or set (RTC_PARAM_GET: "{param...} => {value}"). */
#include "decode_ioctl_family.h"

#include <linux/rtc.h>

static void add_time(struct sg_dctx *d, const struct rtc_time *t)
{
	sg_str_addf(d->out, "{tm_sec=%d, tm_min=%d, tm_hour=%d, tm_mday=%d, tm_mon=%d, tm_year=%d",
		    t->tm_sec, t->tm_min, t->tm_hour, t->tm_mday, t->tm_mon, t->tm_year);
	if (sg_unabbreviated(d))
		sg_str_addf(d->out, ", tm_wday=%d, tm_yday=%d, tm_isdst=%d}", t->tm_wday,
			    t->tm_yday, t->tm_isdst);
	else
		sg_str_add(d->out, ", ...}");
}

static void print_time(struct sg_dctx *d, uint64_t arg)
{
	struct rtc_time t;

	if (sg_fetch(d, arg, &t, sizeof(t)) == 0)
		add_time(d, &t);
}

static void print_wkalrm(struct sg_dctx *d, uint64_t arg)
{
	struct rtc_wkalrm w;

	if (sg_fetch(d, arg, &w, sizeof(w)) < 0)
		return;
	sg_str_addf(d->out, "{enabled=%u, pending=%u, time=", w.enabled, w.pending);
	add_time(d, &w.time);
	sg_str_addc(d->out, '}');
}

static void print_pll(struct sg_dctx *d, uint64_t arg)
{
	struct rtc_pll_info p;

	if (sg_fetch(d, arg, &p, sizeof(p)) < 0)
		return;
	sg_str_addf(d->out,
		    "{pll_ctrl=%d, pll_value=%d, pll_max=%d, pll_min=%d, pll_posmult=%d, "
		    "pll_negmult=%d, pll_clock=%ld}",
		    p.pll_ctrl, p.pll_value, p.pll_max, p.pll_min, p.pll_posmult, p.pll_negmult,
		    p.pll_clock);
}

static void print_ulong(struct sg_dctx *d, uint64_t arg)
{
	unsigned long v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%lu]", v);
}

static void print_vl(struct sg_dctx *d, uint64_t arg)
{
	static const struct sg_flag flags[] = {
		SG_FLAG(RTC_VL_DATA_INVALID), SG_FLAG(RTC_VL_BACKUP_LOW),
		SG_FLAG(RTC_VL_BACKUP_EMPTY), SG_FLAG(RTC_VL_ACCURACY_LOW),
		SG_FLAG(RTC_VL_BACKUP_SWITCH), SG_FLAG_END,
	};
	unsigned v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	sg_print_flags_as(d->out, flags, v, "0", "RTC_VL_???");
	sg_str_addc(d->out, ']');
}

/* The value of a parameter, by what the parameter is. */
static void add_param_value(struct sg_str *out, const struct rtc_param *p)
{
	static const struct sg_flag features[] = {
		SG_BIT_FLAG(RTC_FEATURE_ALARM),		  SG_BIT_FLAG(RTC_FEATURE_ALARM_RES_MINUTE),
		SG_BIT_FLAG(RTC_FEATURE_NEED_WEEK_DAY),	  SG_BIT_FLAG(RTC_FEATURE_ALARM_RES_2S),
		SG_BIT_FLAG(RTC_FEATURE_UPDATE_INTERRUPT), SG_BIT_FLAG(RTC_FEATURE_CORRECTION),
		SG_BIT_FLAG(RTC_FEATURE_BACKUP_SWITCH_MODE),
		SG_BIT_FLAG(RTC_FEATURE_ALARM_WAKEUP_ONLY), SG_FLAG_END,
	};
	static const struct sg_flag modes[] = {
		SG_FLAG(RTC_BSM_DISABLED), SG_FLAG(RTC_BSM_DIRECT), SG_FLAG(RTC_BSM_LEVEL),
		SG_FLAG(RTC_BSM_STANDBY), SG_FLAG_END,
	};

	switch (p->param) {
	case RTC_PARAM_FEATURES:
		sg_str_add(out, "uvalue=");
		sg_print_flags_as(out, features, p->uvalue, "0", "1<<RTC_FEATURE_???");
		break;
	case RTC_PARAM_CORRECTION:
		sg_str_addf(out, "svalue=%lld", (long long)p->svalue);
		break;
	case RTC_PARAM_BACKUP_SWITCH_MODE:
		sg_str_add(out, "uvalue=");
		sg_print_xval(out, modes, p->uvalue, "RTC_BSM_???");
		break;
	default:
		sg_str_addf(out, p->uvalue ? "uvalue=%#llx" : "uvalue=0",
			    (unsigned long long)p->uvalue);
	}
}

static void add_pad(struct sg_str *out, const struct rtc_param *p)
{
	if (p->__pad)
		sg_str_addf(out, ", __pad=%#x", p->__pad);
}

static void add_param_name(struct sg_str *out, const struct rtc_param *p)
{
	static const struct sg_flag params[] = {
		SG_FLAG(RTC_PARAM_FEATURES), SG_FLAG(RTC_PARAM_CORRECTION),
		SG_FLAG(RTC_PARAM_BACKUP_SWITCH_MODE), SG_FLAG_END,
	};

	sg_str_add(out, "{param=");
	sg_print_xval(out, params, p->param, "RTC_PARAM_???");
}

static void print_param_set(struct sg_dctx *d, uint64_t arg)
{
	struct rtc_param p;

	if (sg_fetch(d, arg, &p, sizeof(p)) < 0)
		return;
	add_param_name(d->out, &p);
	sg_str_add(d->out, ", ");
	add_param_value(d->out, &p);
	sg_str_addf(d->out, ", index=%u", p.index);
	add_pad(d->out, &p);
	sg_str_addc(d->out, '}');
}

/* Decoded at exit: the parameter asked for (as it was before the call), then
 * the value got, or the address when the call failed. */
static void print_param_get(struct sg_dctx *d, uint64_t arg)
{
	const struct rtc_param *in = sg_ioctl_before(d, sizeof(struct rtc_param));
	struct rtc_param p;

	if (!in) {
		sg_print_ptr(d->out, arg);
		return;
	}
	add_param_name(d->out, in);
	sg_str_addf(d->out, ", index=%u", in->index);
	add_pad(d->out, in);
	sg_str_add(d->out, "} => ");
	if (d->c->is_error) {
		sg_print_ptr(d->out, arg);
		return;
	}
	if (sg_fetch(d, arg, &p, sizeof(p)) < 0)
		return;
	sg_str_addc(d->out, '{');
	add_param_value(d->out, &p);
	add_pad(d->out, &p);
	sg_str_addc(d->out, '}');
}

static const struct sg_ioctl_printer rows[] = {
	{ RTC_RD_TIME, print_time, NULL, 0 },
	{ RTC_ALM_READ, print_time, NULL, 0 },
	{ RTC_SET_TIME, print_time, NULL, 0 },
	{ RTC_ALM_SET, print_time, NULL, 0 },
	{ RTC_IRQP_SET, sg_ioctl_val_u, NULL, 0 },
	{ RTC_EPOCH_SET, sg_ioctl_val_u, NULL, 0 },
	{ RTC_IRQP_READ, print_ulong, NULL, 0 },
	{ RTC_EPOCH_READ, print_ulong, NULL, 0 },
	{ RTC_WKALM_RD, print_wkalrm, NULL, 0 },
	{ RTC_WKALM_SET, print_wkalrm, NULL, 0 },
	{ RTC_PLL_GET, print_pll, NULL, 0 },
	{ RTC_PLL_SET, print_pll, NULL, 0 },
	{ RTC_VL_READ, print_vl, NULL, 0 },
	{ RTC_PARAM_GET, print_param_get, NULL, 0 },
	{ RTC_PARAM_SET, print_param_set, NULL, 0 },
	{ RTC_AIE_ON, sg_ioctl_none, NULL, 0 },
	{ RTC_AIE_OFF, sg_ioctl_none, NULL, 0 },
	{ RTC_UIE_ON, sg_ioctl_none, NULL, 0 },
	{ RTC_UIE_OFF, sg_ioctl_none, NULL, 0 },
	{ RTC_PIE_ON, sg_ioctl_none, NULL, 0 },
	{ RTC_PIE_OFF, sg_ioctl_none, NULL, 0 },
	{ RTC_WIE_ON, sg_ioctl_none, NULL, 0 },
	{ RTC_WIE_OFF, sg_ioctl_none, NULL, 0 },
	{ RTC_VL_CLR, sg_ioctl_none, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_rtc, rows);
