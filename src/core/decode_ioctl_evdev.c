/* ioctls of input devices (linux/input.h), as strace 6.1 prints them: the
 * requests that carry a length or an axis in their number are named with it
 * (EVIOCGNAME(64), EVIOCGBIT(EV_KEY, 96), EVIOCGABS(ABS_X)); bitmaps show the
 * names of their set bits. */
#include "decode_ioctl_family.h"

#include <linux/input.h>

#include "ioctl_arg_names.h"

/* Request numbers with a length (the _IOC size) or an index in them match on
 * the rest; these are the bits that name them. */
#define ANY_SIZE (~(unsigned)(_IOC_SIZEMASK << _IOC_SIZESHIFT))
#define ANY_NR(bits) (~(unsigned)((bits) << _IOC_NRSHIFT))
#define EV_BIT_NR 0x20 /* EVIOCGBIT(ev, len): nr 0x20 + ev */
#define EV_GABS_NR 0x40 /* EVIOCGABS(abs): nr 0x40 + abs */
#define EV_SABS_NR 0xc0 /* EVIOCSABS(abs): nr 0xc0 + abs */

/* ---- names of requests that carry a length or an index ---- */

static const struct {
	unsigned nr;
	const char *name;
} sized[] = {
	{ 0x06, "EVIOCGNAME" }, { 0x07, "EVIOCGPHYS" }, { 0x08, "EVIOCGUNIQ" },
	{ 0x09, "EVIOCGPROP" }, { 0x0a, "EVIOCGMTSLOTS" }, { 0x18, "EVIOCGKEY" },
	{ 0x19, "EVIOCGLED" },	{ 0x1a, "EVIOCGSND" },	{ 0x1b, "EVIOCGSW" },
};

static bool name_read(struct sg_str *out, unsigned req)
{
	unsigned nr = _IOC_NR(req);

	if (nr >= EV_BIT_NR && nr <= EV_BIT_NR + EV_MAX) {
		sg_str_add(out, "EVIOCGBIT(");
		if (nr == EV_BIT_NR)
			sg_str_add(out, "0");
		else
			sg_print_xval(out, sg_evdev_ev, nr - EV_BIT_NR, "EV_???");
		sg_str_addf(out, ", %u)", _IOC_SIZE(req));
		return true;
	}
	if (nr >= EV_GABS_NR && nr <= EV_GABS_NR + ABS_MAX) {
		sg_str_add(out, "EVIOCGABS(");
		sg_print_xval(out, sg_evdev_abs, nr - EV_GABS_NR, "ABS_???");
		sg_str_addc(out, ')');
		return true;
	}
	for (size_t i = 0; i < sizeof(sized) / sizeof(sized[0]); i++)
		if (sized[i].nr == nr) {
			sg_str_addf(out, "%s(%u)", sized[i].name, _IOC_SIZE(req));
			return true;
		}
	return false;
}

static bool name_evdev(struct sg_str *out, unsigned req)
{
	unsigned nr = _IOC_NR(req);

	if (_IOC_TYPE(req) != 'E')
		return false;
	if (_IOC_DIR(req) == _IOC_WRITE && nr >= EV_SABS_NR && nr <= EV_SABS_NR + ABS_MAX) {
		sg_str_add(out, "EVIOCSABS(");
		sg_print_xval(out, sg_evdev_abs, nr - EV_SABS_NR, "ABS_???");
		sg_str_addc(out, ')');
		return true;
	}
	return _IOC_DIR(req) == _IOC_READ && name_read(out, req);
}

/* ---- arguments ---- */

/* Read-only requests print their argument once the kernel filled it in. */
static bool unfilled(struct sg_dctx *d, uint64_t arg)
{
	return sg_ioctl_out_failed(d, arg);
}

static void print_uint(struct sg_dctx *d, uint64_t arg, const char *fmt)
{
	unsigned v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	sg_str_addf(d->out, fmt, v);
	sg_str_addc(d->out, ']');
}

static void print_version(struct sg_dctx *d, uint64_t arg)
{
	if (!unfilled(d, arg))
		print_uint(d, arg, "%#x");
}

static void print_effects(struct sg_dctx *d, uint64_t arg)
{
	if (!unfilled(d, arg))
		print_uint(d, arg, "%u");
}

static void print_clockid(struct sg_dctx *d, uint64_t arg)
{
	print_uint(d, arg, "%u");
}

static void print_id(struct sg_dctx *d, uint64_t arg)
{
	struct input_id id;

	if (unfilled(d, arg) || sg_fetch(d, arg, &id, sizeof(id)) < 0)
		return;
	sg_str_addf(d->out, "{bustype=%u, vendor=%u, product=%u, version=%u}", id.bustype,
		    id.vendor, id.product, id.version);
}

static void print_repeat_in(struct sg_dctx *d, uint64_t arg)
{
	unsigned rep[2];

	if (sg_fetch(d, arg, rep, sizeof(rep)) == 0)
		sg_str_addf(d->out, "[%u, %u]", rep[0], rep[1]);
}

static void print_repeat(struct sg_dctx *d, uint64_t arg)
{
	if (!unfilled(d, arg))
		print_repeat_in(d, arg);
}

static void print_keycode_in(struct sg_dctx *d, uint64_t arg)
{
	unsigned kc[2];

	if (sg_fetch(d, arg, kc, sizeof(kc)) < 0)
		return;
	sg_str_addf(d->out, "[%u, ", kc[0]);
	sg_print_xval(d->out, sg_evdev_keys, kc[1], "KEY_???");
	sg_str_addc(d->out, ']');
}

static void print_keycode(struct sg_dctx *d, uint64_t arg)
{
	if (!unfilled(d, arg))
		print_keycode_in(d, arg);
}

static void print_keymap_entry_in(struct sg_dctx *d, uint64_t arg)
{
	struct input_keymap_entry e;

	if (sg_fetch(d, arg, &e, sizeof(e)) < 0)
		return;
	sg_str_addf(d->out, "{flags=%u, len=%u, ", e.flags, e.len);
	if (!sg_unabbreviated(d)) {
		sg_str_add(d->out, "...}");
		return;
	}
	sg_str_addf(d->out, "index=%u, keycode=", e.index);
	sg_print_xval(d->out, sg_evdev_keys, e.keycode, "KEY_???");
	sg_str_add(d->out, ", scancode=[");
	for (size_t i = 0; i < sizeof(e.scancode); i++)
		sg_str_addf(d->out, i ? ", %#x" : "%#x", e.scancode[i]);
	sg_str_add(d->out, "]}");
}

static void print_keymap_entry(struct sg_dctx *d, uint64_t arg)
{
	if (!unfilled(d, arg))
		print_keymap_entry_in(d, arg);
}

/* struct input_absinfo: value and minimum, the rest under -v (all unsigned, as
 * strace prints them). A request sized below the original struct is not one. */
static void print_abs_in(struct sg_dctx *d, uint64_t arg)
{
	unsigned req = (unsigned)sg_arg(d, 1);
	struct input_absinfo a;

	if (_IOC_SIZE(req) < sizeof(a)) {
		sg_print_ptr(d->out, arg);
		return;
	}
	if (sg_fetch(d, arg, &a, sizeof(a)) < 0)
		return;
	sg_str_addf(d->out, "{value=%u, minimum=%u, ", (unsigned)a.value, (unsigned)a.minimum);
	if (!sg_unabbreviated(d))
		sg_str_add(d->out, "...}");
	else
		sg_str_addf(d->out, "maximum=%u, fuzz=%u, flat=%u, resolution=%u}",
			    (unsigned)a.maximum, (unsigned)a.fuzz, (unsigned)a.flat,
			    (unsigned)a.resolution);
}

static void print_abs(struct sg_dctx *d, uint64_t arg)
{
	if (!unfilled(d, arg))
		print_abs_in(d, arg);
}

/* A length-limited string: as many bytes as the kernel says it wrote. */
static void print_name(struct sg_dctx *d, uint64_t arg)
{
	if (!unfilled(d, arg))
		sg_print_tracee_buf(d, arg, (uint64_t)d->c->ret);
}

static void print_mtslots(struct sg_dctx *d, uint64_t arg)
{
	size_t n = _IOC_SIZE((unsigned)sg_arg(d, 1)) / sizeof(int);
	int v[ABS_MT_SLOT + 64];

	if (unfilled(d, arg))
		return;
	if (n == 0 || n > sizeof(v) / sizeof(v[0])) {
		sg_print_ptr(d->out, arg);
		return;
	}
	if (sg_fetch(d, arg, v, n * sizeof(int)) < 0)
		return;
	sg_str_add(d->out, "{code=");
	sg_print_xval(d->out, sg_evdev_abs, (unsigned)v[0], "ABS_MT_???");
	sg_str_add(d->out, ", values=[");
	for (size_t i = 1; i < n; i++)
		sg_str_addf(d->out, i > 1 ? ", %d" : "%d", v[i]);
	sg_str_add(d->out, "]}");
}

/* ---- bitmaps: the names of the set bits, as many bits as the kernel wrote ---- */

struct bitmap_kind {
	const struct sg_flag *names;
	unsigned max;
	const char *unknown;
};

static void print_bit_names(struct sg_dctx *d, const struct bitmap_kind *k,
			    const unsigned long *bits, unsigned nbits)
{
	unsigned shown = 0;
	const unsigned word = 8 * sizeof(bits[0]);

	sg_str_addc(d->out, '[');
	for (unsigned i = 0; i < nbits; i++) {
		if (!(bits[i / word] >> (i % word) & 1))
			continue;
		if (shown && !sg_unabbreviated(d) && shown >= 4) {
			sg_str_add(d->out, " ...");
			break;
		}
		if (shown++)
			sg_str_addc(d->out, ' ');
		sg_print_xval(d->out, k->names, i, k->unknown);
	}
	sg_str_addc(d->out, ']');
}

/* -X raw: the words; -X verbose: both, the words in a comment. */
static void print_bit_words(struct sg_str *out, const unsigned long *bits, size_t nwords)
{
	sg_str_addc(out, '[');
	for (size_t i = 0; i < nwords; i++)
		sg_str_addf(out, i ? ", %#lx" : "%#lx", bits[i]);
	sg_str_addc(out, ']');
}

static void print_bitmap(struct sg_dctx *d, uint64_t arg, const struct bitmap_kind *k)
{
	uint64_t written = d->c->is_error ? 0 : (uint64_t)d->c->ret;
	unsigned nbits = written > k->max / 8 ? k->max : (unsigned)written * 8;
	const unsigned word = 8 * sizeof(unsigned long);
	size_t nwords = (nbits + word - 1) / word;
	unsigned long bits[(KEY_MAX + 64) / 64] = { 0 };
	enum sg_xlat_style style = sg_xlat_style_now();

	if (nwords == 0) {
		sg_print_ptr(d->out, arg);
		return;
	}
	if (sg_fetch(d, arg, bits, nwords * sizeof(bits[0])) < 0)
		return;
	if (style != SG_XLAT_RAW)
		print_bit_names(d, k, bits, nbits);
	if (style == SG_XLAT_VERBOSE)
		sg_str_add(d->out, " /* ");
	if (style != SG_XLAT_ABBREV)
		print_bit_words(d->out, bits, nwords);
	if (style == SG_XLAT_VERBOSE)
		sg_str_add(d->out, " */");
}

static const struct bitmap_kind kinds[] = {
	[0] = { sg_evdev_ev, EV_MAX, "EV_???" },
	[EV_KEY] = { sg_evdev_keys, KEY_MAX, "KEY_???" },
	[EV_REL] = { sg_evdev_rel, REL_MAX, "REL_???" },
	[EV_ABS] = { sg_evdev_abs, ABS_MAX, "ABS_???" },
	[EV_MSC] = { sg_evdev_msc, MSC_MAX, "MSC_???" },
	[EV_SW] = { sg_evdev_sw, SW_MAX, "SW_???" },
	[EV_LED] = { sg_evdev_led, LED_MAX, "LED_???" },
	[EV_SND] = { sg_evdev_snd, SND_MAX, "SND_???" },
	[EV_REP] = { sg_evdev_rep, REP_MAX, "REP_???" },
	[EV_FF] = { sg_evdev_ff, FF_MAX, "FF_???" },
	[EV_FF_STATUS] = { sg_evdev_ff_status, FF_STATUS_MAX, "FF_STATUS_???" },
};
static const struct bitmap_kind prop_kind = { sg_evdev_prop, INPUT_PROP_MAX, "PROP_???" };

/* EVIOCGBIT(ev, len): the bitmap of the codes of event type ev. */
static void print_ev_bits(struct sg_dctx *d, uint64_t arg)
{
	unsigned ev = _IOC_NR((unsigned)sg_arg(d, 1)) - EV_BIT_NR;

	if (unfilled(d, arg))
		return;
	if (ev == EV_PWR)
		print_uint(d, arg, "%d");
	else if (ev < sizeof(kinds) / sizeof(kinds[0]) && kinds[ev].names)
		print_bitmap(d, arg, &kinds[ev]);
	else
		sg_print_ptr(d->out, arg);
}

#define BITMAP_PRINTER(fn, kind)                          \
	static void fn(struct sg_dctx *d, uint64_t arg)   \
	{                                                 \
		if (!unfilled(d, arg))                    \
			print_bitmap(d, arg, kind);       \
	}
BITMAP_PRINTER(print_prop_bits, &prop_kind)
BITMAP_PRINTER(print_key_bits, &kinds[EV_KEY])
BITMAP_PRINTER(print_led_bits, &kinds[EV_LED])
BITMAP_PRINTER(print_snd_bits, &kinds[EV_SND])
BITMAP_PRINTER(print_sw_bits, &kinds[EV_SW])

/* Arguments passed by value. */
static const struct sg_ioctl_printer rows[] = {
	{ EVIOCGVERSION, print_version, NULL, 0 },
	{ EVIOCGID, print_id, NULL, 0 },
	{ EVIOCGREP, print_repeat, NULL, 0 },
	{ EVIOCSREP, print_repeat_in, NULL, 0 },
	{ EVIOCGKEYCODE, print_keycode, NULL, 0 },
	{ EVIOCSKEYCODE, print_keycode_in, NULL, 0 },
	{ EVIOCGKEYCODE_V2, print_keymap_entry, NULL, 0 },
	{ EVIOCSKEYCODE_V2, print_keymap_entry_in, NULL, 0 },
	{ EVIOCGEFFECTS, print_effects, NULL, 0 },
	{ EVIOCRMFF, sg_ioctl_val_d, NULL, 0 },
	{ EVIOCGRAB, sg_ioctl_val_u, NULL, 0 },
	{ EVIOCREVOKE, sg_ioctl_val_u, NULL, 0 },
	{ EVIOCSCLOCKID, print_clockid, NULL, 0 },
	{ EVIOCGNAME(0), print_name, NULL, ANY_SIZE },
	{ EVIOCGPHYS(0), print_name, NULL, ANY_SIZE },
	{ EVIOCGUNIQ(0), print_name, NULL, ANY_SIZE },
	{ EVIOCGPROP(0), print_prop_bits, NULL, ANY_SIZE },
	{ EVIOCGMTSLOTS(0), print_mtslots, NULL, ANY_SIZE },
	{ EVIOCGKEY(0), print_key_bits, NULL, ANY_SIZE },
	{ EVIOCGLED(0), print_led_bits, NULL, ANY_SIZE },
	{ EVIOCGSND(0), print_snd_bits, NULL, ANY_SIZE },
	{ EVIOCGSW(0), print_sw_bits, NULL, ANY_SIZE },
	{ EVIOCGBIT(0, 0), print_ev_bits, NULL, ANY_SIZE & ANY_NR(EV_MAX) },
	{ EVIOCGABS(0), print_abs, NULL, ANY_NR(ABS_MAX) },
	{ EVIOCSABS(0), print_abs_in, NULL, ANY_NR(ABS_MAX) },
};
SG_IOCTL_FAMILY_NAMED(sg_ioctl_evdev, rows, name_evdev);
