/* ioctls of the console (linux/kd.h), as strace 6.1 prints them: modes and LEDs
 * by name, tones with their frequency in a comment, keymap entries with the key
 * they hold (K(KT_LATIN, 'a') or its name), accents, key codes, the repeat
 * rate, maps and fonts as hex strings, Unicode maps, KDFONTOP's struct " => "
 * what it got.
 * strace 6.1 decodes none of the VT_* requests of linux/vt.h: they show in hex.
 * What the printers read is in capture_ioctl.c. */
#include "decode_ioctl_family.h"

#include <limits.h>
#include <linux/kd.h>
#include <linux/keyboard.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ioctl_arg_names.h"

/* The PC speaker's clock, by which KIOCSOUND and KDMKTONE count. */
#define PIT_TICK_RATE 1193182u
#define MAX_DIACR 256
/* The VGA's I/O ports, which KDADDIO names relative to the first (the kernel's
 * vt_kern.h, not a UAPI header). */
#define GPFIRST 0x3b4
#define GPLAST 0x3df

static bool raw(void)
{
	return sg_xlat_style_now() == SG_XLAT_RAW;
}

static bool ok(const struct sg_dctx *d)
{
	return !d->c->is_error;
}

/* Elements of an array shown: -s many, all under -v. */
static unsigned array_max(const struct sg_dctx *d)
{
	return sg_unabbreviated(d) ? UINT_MAX : (unsigned)d->o->strsize;
}

static const void *entry_view(const struct sg_dctx *d, const void *now, size_t size)
{
	const void *in = sg_ioctl_before(d, size);

	return in ? in : now;
}

/* 'a', '\n', '\x01' */
static void add_char(struct sg_str *out, unsigned char c)
{
	static const char ws[] = { '\t', 't', '\n', 'n', '\v', 'v', '\f', 'f', '\r', 'r' };

	for (size_t i = 0; i < sizeof(ws); i += 2)
		if (c == ws[i]) {
			sg_str_addf(out, "'\\%c'", ws[i + 1]);
			return;
		}
	if (c == '\'' || c == '\\')
		sg_str_addf(out, "'\\%c'", c);
	else if (c >= ' ' && c < 0x7f)
		sg_str_addf(out, "'%c'", c);
	else
		sg_str_addf(out, "'\\x%02x'", c);
}

/* len bytes at addr in \xNN, -s of them at most. */
static void add_hex_string(struct sg_dctx *d, uint64_t addr, uint64_t len)
{
	size_t want = len < (uint64_t)d->o->strsize ? (size_t)len : (size_t)d->o->strsize;
	unsigned char buf[1024];

	if (want > sizeof(buf))
		want = sizeof(buf);
	if (!addr) {
		sg_str_add(d->out, "NULL");
		return;
	}
	if (want && sg_call_read(d->c, addr, buf, want) != (ssize_t)want) {
		sg_print_ptr(d->out, addr);
		return;
	}
	sg_str_addc(d->out, '"');
	sg_str_add_escaped_hex(d->out, buf, want, 2);
	sg_str_addc(d->out, '"');
	if (len > want)
		sg_str_add(d->out, "...");
}

/* ---- by value ---- */

static void print_sound(struct sg_dctx *d, uint64_t arg)
{
	/* a count above the clock's rate is below 1 Hz: off */
	unsigned freq = arg ? (unsigned)(PIT_TICK_RATE / arg) : 0;

	sg_str_addf(d->out, "%llu", (unsigned long long)arg);
	if (raw())
		return;
	if (freq)
		sg_str_addf(d->out, " /* %u Hz */", freq);
	else
		sg_str_add(d->out, " /* off */");
}

/* The duration in ticks (ms) above bit 16, the PIT count below. */
static void print_tone(struct sg_dctx *d, uint64_t arg)
{
	unsigned ticks = (unsigned)arg >> 16, count = (unsigned)arg & 0xffff;

	if (ticks)
		sg_str_addf(d->out, "%u<<16|", ticks);
	sg_str_addf(d->out, "%u", count);
	if (raw())
		return;
	if (ticks && count)
		sg_str_addf(d->out, " /* %u Hz, %u ms */", PIT_TICK_RATE / count, ticks);
	else
		sg_str_add(d->out, " /* off */");
}

/* I/O ports, the VGA's relative to its first. */
static void print_port(struct sg_dctx *d, uint64_t arg)
{
	sg_str_addf(d->out, arg ? "%#llx" : "0", (unsigned long long)arg);
	if (arg >= GPFIRST && arg <= GPLAST && !raw())
		sg_str_addf(d->out, " /* GPFIRST + %llu */", (unsigned long long)(arg - GPFIRST));
}

static void print_mode(struct sg_dctx *d, uint64_t arg)
{
	sg_print_xval(d->out, sg_kd_modes, arg, "KD_???");
}

/* Keyboard modes print in decimal. */
static void add_kbd_mode(struct sg_str *out, unsigned v)
{
	char number[16];

	snprintf(number, sizeof(number), "%u", v);
	for (const struct sg_flag *f = sg_kd_kbd_modes; f->name; f++)
		if (f->val == v) {
			sg_print_named(out, number, f->name);
			return;
		}
	sg_str_add(out, number);
	if (!raw())
		sg_str_add(out, " /* K_??? */");
}

static void print_kbd_mode(struct sg_dctx *d, uint64_t arg)
{
	add_kbd_mode(d->out, (unsigned)arg);
}

static void print_leds(struct sg_dctx *d, uint64_t arg)
{
	bool dflt = d->c->args[1] == KDSKBLED;

	sg_print_flags_as(d->out, dflt ? sg_kd_default_leds : sg_kd_leds, (unsigned char)arg, "0",
			  "LED_???");
}

static void print_meta(struct sg_dctx *d, uint64_t arg)
{
	sg_print_xval(d->out, sg_kd_meta, arg, "K_???");
}

static void print_sigaccept(struct sg_dctx *d, uint64_t arg)
{
	if (arg < INT_MAX)
		sg_print_signo(d->out, (int)arg);
	else
		sg_str_addf(d->out, "%llu", (unsigned long long)arg);
}

/* ---- [value] ---- */

static void print_get_leds(struct sg_dctx *d, uint64_t arg)
{
	unsigned char v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	sg_print_flags_as(d->out, d->c->args[1] == KDGKBLED ? sg_kd_default_leds : sg_kd_leds, v,
			  "0", "LED_???");
	sg_str_addc(d->out, ']');
}

static void print_kb_type(struct sg_dctx *d, uint64_t arg)
{
	unsigned char v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	sg_print_xval(d->out, sg_kd_kbd_types, v, "KB_???");
	sg_str_addc(d->out, ']');
}

/* [unsigned], by what KDGETMODE, KDGKBMODE and KDGKBMETA return. */
static void print_get_mode(struct sg_dctx *d, uint64_t arg)
{
	unsigned req = (unsigned)d->c->args[1], v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	if (req == KDGKBMODE)
		add_kbd_mode(d->out, v);
	else if (req == KDGKBMETA)
		sg_print_xval(d->out, sg_kd_meta, v, "K_???");
	else
		sg_print_xval(d->out, sg_kd_modes, v, "KD_???");
	sg_str_addc(d->out, ']');
}

/* ---- keymaps ---- */

static void add_kb_table(struct sg_str *out, unsigned char t)
{
	sg_str_add(out, "{kb_table=");
	for (const struct sg_flag *f = sg_kd_key_tables; f->name; f++)
		if (f->val == t) {
			char number[8];

			snprintf(number, sizeof(number), t ? "%#x" : "0", t);
			sg_print_named(out, number, f->name);
			return;
		}
	sg_print_flags_as(out, sg_kd_keymap_flags, t, "0", "K_???");
}

/* What a key holds: its symbol's name, else K(type, character or value). */
static void add_key_comment(struct sg_str *out, unsigned short v)
{
	unsigned char type = KTYP(v), val = KVAL(v);
	const struct sg_flag *f;

	for (f = sg_kd_keys; f->name; f++)
		if (f->val == v) {
			sg_str_addf(out, " /* %s */", f->name);
			return;
		}
	sg_str_add(out, " /* K(");
	for (f = sg_kd_key_types; f->name && f->val != type; f++)
		;
	if (f->name)
		sg_str_add(out, f->name);
	else
		sg_str_addf(out, "%#x", type);
	sg_str_add(out, ", ");
	if (type == KT_LATIN || type == KT_META || type == KT_LETTER || type == KT_DEAD2)
		add_char(out, val);
	else
		sg_str_addf(out, val ? "%#x" : "0", val);
	sg_str_add(out, ") */");
}

static void print_kbentry(struct sg_dctx *d, uint64_t arg)
{
	struct kbentry now;
	const struct kbentry *in;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	add_kb_table(d->out, in->kb_table);
	sg_str_addf(d->out, ", kb_index=%u", in->kb_index);
	if (d->c->args[1] == KDGKBENT && !ok(d)) {
		sg_str_addc(d->out, '}');
		return;
	}
	sg_str_addf(d->out, now.kb_value ? ", kb_value=%#x" : ", kb_value=0", now.kb_value);
	if (!raw())
		add_key_comment(d->out, now.kb_value);
	sg_str_addc(d->out, '}');
}

/* A NUL-terminated string in a buffer of size bytes, as strace 6.1 prints one:
 * -s bytes of it are looked at; "..." when they hold no NUL. In hex (-xx, or
 * -x, which the NUL itself triggers) the NUL shows and so does "..." after it. */
static void add_asciz(struct sg_dctx *d, const unsigned char *s, size_t size)
{
	size_t n = size < (size_t)d->o->strsize ? size : (size_t)d->o->strsize;
	const unsigned char *nul = memchr(s, 0, n);
	size_t len = nul ? (size_t)(nul - s) : n;

	sg_str_addc(d->out, '"');
	if (d->o->hex >= 2 || (d->o->hex == 1 && nul)) {
		sg_str_add_escaped_hex(d->out, s, nul ? len + 1 : n, 2);
		sg_str_add(d->out, "\"...");
		return;
	}
	sg_str_add_escaped_hex(d->out, s, len, d->o->hex);
	sg_str_add(d->out, nul ? "\"" : "\"...");
}

static void print_kbsentry(struct sg_dctx *d, uint64_t arg)
{
	struct kbsentry s;

	if (sg_fetch(d, arg, &s, sizeof(s)) < 0)
		return;
	sg_str_add(d->out, "{kb_func=");
	sg_print_xval(d->out, sg_kd_fn_vals, s.kb_func, "KVAL(K_??" "?)");
	if (d->c->args[1] == KDGKBSENT && !ok(d)) {
		sg_str_addc(d->out, '}');
		return;
	}
	sg_str_add(d->out, ", kb_string=");
	add_asciz(d, s.kb_string, sizeof(s.kb_string));
	sg_str_addc(d->out, '}');
}

static void print_diacrs(struct sg_dctx *d, uint64_t arg)
{
	struct kbdiacrs a;
	unsigned n;

	if (sg_fetch(d, arg, &a, sizeof(a)) < 0)
		return;
	n = a.kb_cnt < MAX_DIACR ? a.kb_cnt : MAX_DIACR;
	sg_str_addf(d->out, "{kb_cnt=%u, kbdiacr=[", a.kb_cnt);
	for (unsigned i = 0; i < n; i++) {
		if (i == array_max(d)) {
			sg_str_add(d->out, ", ...");
			break;
		}
		sg_str_add(d->out, i ? ", {diacr=" : "{diacr=");
		add_char(d->out, a.kbdiacr[i].diacr);
		sg_str_add(d->out, ", base=");
		add_char(d->out, a.kbdiacr[i].base);
		sg_str_add(d->out, ", result=");
		add_char(d->out, a.kbdiacr[i].result);
		sg_str_addc(d->out, '}');
	}
	sg_str_add(d->out, a.kb_cnt > MAX_DIACR ? ", ...]}" : "]}");
}

static void print_diacrs_uc(struct sg_dctx *d, uint64_t arg)
{
	struct kbdiacrsuc a;
	unsigned n;

	if (sg_fetch(d, arg, &a, sizeof(a)) < 0)
		return;
	n = a.kb_cnt < MAX_DIACR ? a.kb_cnt : MAX_DIACR;
	sg_str_addf(d->out, "{kb_cnt=%u, kbdiacruc=[", a.kb_cnt);
	for (unsigned i = 0; i < n; i++) {
		const struct kbdiacruc *e = &a.kbdiacruc[i];

		if (i == array_max(d)) {
			sg_str_add(d->out, ", ...");
			break;
		}
		sg_str_add(d->out, i ? ", " : "");
		sg_str_addf(d->out, e->diacr ? "{diacr=%#x" : "{diacr=0", e->diacr);
		sg_str_addf(d->out, e->base ? ", base=%#x" : ", base=0", e->base);
		sg_str_addf(d->out, e->result ? ", result=%#x}" : ", result=0}", e->result);
	}
	sg_str_add(d->out, a.kb_cnt > MAX_DIACR ? ", ...]}" : "]}");
}

static void print_keycode(struct sg_dctx *d, uint64_t arg)
{
	struct kbkeycode now;
	const struct kbkeycode *in;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addf(d->out, in->scancode ? "{scancode=%#x" : "{scancode=0", in->scancode);
	sg_str_addf(d->out, in->keycode ? ", keycode=%#x" : ", keycode=0", in->keycode);
	if (d->c->args[1] == KDGETKEYCODE && ok(d))
		sg_str_addf(d->out, now.keycode ? " => %#x" : " => 0", now.keycode);
	sg_str_addc(d->out, '}');
}

static void add_repeat(struct sg_str *out, const struct kbd_repeat *r)
{
	sg_str_addf(out, "{delay=%d, period=%d}", r->delay, r->period);
}

static void print_kbdrep(struct sg_dctx *d, uint64_t arg)
{
	struct kbd_repeat now;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	add_repeat(d->out, entry_view(d, &now, sizeof(now)));
	if (ok(d)) {
		sg_str_add(d->out, " => ");
		add_repeat(d->out, &now);
	}
}

/* ---- maps and fonts: hex strings ---- */

static void print_scrnmap(struct sg_dctx *d, uint64_t arg)
{
	add_hex_string(d, arg, E_TABSZ);
}

/* Unicode values, those the font maps directly as UNI_DIRECT_BASE+0x41. */
static void print_uniscrnmap(struct sg_dctx *d, uint64_t arg)
{
	unsigned short map[E_TABSZ];
	enum sg_xlat_style style = sg_xlat_style_now();

	if (sg_fetch(d, arg, map, sizeof(map)) < 0)
		return;
	sg_str_addc(d->out, '[');
	for (int i = 0; i < E_TABSZ; i++) {
		unsigned short v = map[i];
		bool direct = (v & ~UNI_DIRECT_MASK) == UNI_DIRECT_BASE;

		if ((unsigned)i == array_max(d)) {
			sg_str_add(d->out, ", ...");
			break;
		}
		sg_str_add(d->out, i ? ", " : "");
		if (style != SG_XLAT_ABBREV || !direct)
			sg_str_addf(d->out, v ? "%#x" : "0", v);
		if (style == SG_XLAT_RAW || !direct)
			continue;
		sg_str_addf(d->out, style == SG_XLAT_VERBOSE ? " /* UNI_DIRECT_BASE+%#x */" : "UNI_DIRECT_BASE+%#x",
			    v & UNI_DIRECT_MASK);
	}
	sg_str_addc(d->out, ']');
}

static void print_cmap(struct sg_dctx *d, uint64_t arg)
{
	add_hex_string(d, arg, 3 * 16);
}

/* GIO_FONT and PIO_FONT: KDFONTOP's 8x32 font of 256 characters. */
static void print_font(struct sg_dctx *d, uint64_t arg)
{
	add_hex_string(d, arg, 8192);
}

static void print_unimapclr(struct sg_dctx *d, uint64_t arg)
{
	struct unimapinit u;

	if (sg_fetch(d, arg, &u, sizeof(u)) == 0)
		sg_str_addf(d->out, "{advised_hashsize=%u, advised_hashstep=%u, advised_hashlevel=%u}",
			    u.advised_hashsize, u.advised_hashstep, u.advised_hashlevel);
}

/* ---- fonts and Unicode maps by pointer ---- */

/* GIO_FONTX: the struct given, " => " the font got; PIO_FONTX: the font given. */
static void add_fontdesc(struct sg_dctx *d, const struct consolefontdesc *f, bool data)
{
	unsigned count = f->charcount < 512 ? f->charcount : 512;

	sg_str_addf(d->out, "{charcount=%u, charheight=%u, chardata=", f->charcount, f->charheight);
	if (data)
		add_hex_string(d, (uint64_t)(uintptr_t)f->chardata, (uint64_t)count * 32);
	else
		sg_print_ptr(d->out, (uint64_t)(uintptr_t)f->chardata);
	sg_str_addc(d->out, '}');
}

static void print_fontx(struct sg_dctx *d, uint64_t arg)
{
	struct consolefontdesc now;
	bool get = d->c->args[1] == GIO_FONTX;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	add_fontdesc(d, entry_view(d, &now, sizeof(now)), !get);
	if (get && ok(d)) {
		sg_str_add(d->out, " => ");
		add_fontdesc(d, &now, true);
	}
}

static void add_unipairs(struct sg_dctx *d, uint64_t addr, unsigned n)
{
	struct unipair p;

	if (!addr) {
		sg_str_add(d->out, "NULL");
		return;
	}
	for (unsigned i = 0; i < n; i++) {
		if (i == array_max(d)) {
			sg_str_add(d->out, ", ...");
			break;
		}
		if (sg_call_read(d->c, addr + i * sizeof(p), &p, sizeof(p)) != sizeof(p)) {
			if (!i)
				sg_print_ptr(d->out, addr);
			else
				sg_str_addf(d->out, ", ...] /* %#llx */",
					    (unsigned long long)(addr + i * sizeof(p)));
			return;
		}
		sg_str_add(d->out, i ? ", " : "[");
		sg_str_addf(d->out, p.unicode ? "{unicode=%#x" : "{unicode=0", p.unicode);
		sg_str_addf(d->out, p.fontpos ? ", fontpos=%#x}" : ", fontpos=0}", p.fontpos);
	}
	sg_str_add(d->out, n ? "]" : "[]");
}

/* GIO_UNIMAP: the room given " => " the count got, and the pairs (even after
 * ENOMEM, which says the room was too small); PIO_UNIMAP: the pairs given. */
static void print_unimap(struct sg_dctx *d, uint64_t arg)
{
	struct unimapdesc now;
	const struct unimapdesc *in;
	bool get = d->c->args[1] == GIO_UNIMAP;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addf(d->out, "{entry_ct=%u", in->entry_ct);
	if (get) {
		sg_str_addf(d->out, " => %u", now.entry_ct);
		if (!ok(d) && d->c->ret != -ENOMEM) {
			sg_str_add(d->out, ", entries=");
			sg_print_ptr(d->out, (uint64_t)(uintptr_t)now.entries);
			sg_str_addc(d->out, '}');
			return;
		}
	}
	sg_str_add(d->out, ", entries=");
	add_unipairs(d, (uint64_t)(uintptr_t)(get ? now.entries : in->entries), in->entry_ct);
	sg_str_addc(d->out, '}');
}

/* ---- KDFONTOP ---- */

static uint64_t font_len(const struct console_font_op *op)
{
	unsigned width = op->width < 32 ? op->width : 32;
	unsigned count = op->charcount < 512 ? op->charcount : 512;

	return (uint64_t)(width + 7) / 8 * 32 * count;
}

/* The struct as given (entry) or as got back: what each operation uses of it. */
static void add_font_op(struct sg_dctx *d, const struct console_font_op *op, bool entry)
{
	struct sg_str *out = d->out;
	bool set_default = op->op == KD_FONT_OP_SET_DEFAULT, copy = op->op == KD_FONT_OP_COPY;

	sg_str_addc(out, '{');
	if (entry) {
		sg_str_add(out, "op=");
		sg_print_xval(out, sg_kd_font_ops, op->op, "KD_FONT_OP_???");
		if (!set_default && !copy) {
			sg_str_add(out, ", flags=");
			sg_print_flags_as(out, sg_kd_font_flags, op->flags, "0", "KD_FONT_FLAG_???");
		}
		sg_str_add(out, ", ");
	}
	if (copy)
		sg_str_addf(out, "height=%u", op->height);
	else
		sg_str_addf(out, "width=%u, height=%u", op->width, op->height);
	if (!set_default && !copy)
		sg_str_addf(out, ", charcount=%u", op->charcount);
	if ((op->op == KD_FONT_OP_GET && !entry) || op->op == KD_FONT_OP_SET) {
		sg_str_add(out, ", data=");
		add_hex_string(d, (uint64_t)(uintptr_t)op->data, font_len(op));
	} else if (set_default && entry) {
		sg_str_add(out, ", data=");
		sg_print_tracee_str(d, (uint64_t)(uintptr_t)op->data);
	} else if (!copy && !set_default) {
		sg_str_add(out, ", data=");
		sg_print_ptr(out, (uint64_t)(uintptr_t)op->data);
	}
	sg_str_addc(out, '}');
}

static void print_fontop(struct sg_dctx *d, uint64_t arg)
{
	struct console_font_op now, given;
	const struct console_font_op *in = &given;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	/* a copy: printing SET_DEFAULT's font name replaces what entry_view points at */
	given = *(const struct console_font_op *)entry_view(d, &now, sizeof(now));
	add_font_op(d, in, true);
	/* SET and COPY get nothing back */
	if (ok(d) && in->op != KD_FONT_OP_SET && in->op != KD_FONT_OP_COPY) {
		sg_str_add(d->out, " => ");
		add_font_op(d, &now, false);
	}
}

static const struct sg_ioctl_printer rows[] = {
	{ KIOCSOUND, print_sound, NULL, 0 },
	{ KDMKTONE, print_tone, NULL, 0 },
	{ KDGETLED, print_get_leds, NULL, 0 },
	{ KDGKBLED, print_get_leds, NULL, 0 },
	{ KDSETLED, print_leds, NULL, 0 },
	{ KDSKBLED, print_leds, NULL, 0 },
	{ KDGKBTYPE, print_kb_type, NULL, 0 },
	{ KDADDIO, print_port, NULL, 0 },
	{ KDDELIO, print_port, NULL, 0 },
	{ KDSETMODE, print_mode, NULL, 0 },
	{ KDGETMODE, print_get_mode, NULL, 0 },
	{ GIO_SCRNMAP, print_scrnmap, NULL, 0 },
	{ PIO_SCRNMAP, print_scrnmap, NULL, 0 },
	{ GIO_UNISCRNMAP, print_uniscrnmap, NULL, 0 },
	{ PIO_UNISCRNMAP, print_uniscrnmap, NULL, 0 },
	{ KDGKBMODE, print_get_mode, NULL, 0 },
	{ KDSKBMODE, print_kbd_mode, NULL, 0 },
	{ KDGKBENT, print_kbentry, NULL, 0 },
	{ KDSKBENT, print_kbentry, NULL, 0 },
	{ KDGKBSENT, print_kbsentry, NULL, 0 },
	{ KDSKBSENT, print_kbsentry, NULL, 0 },
	{ KDGKBDIACR, print_diacrs, NULL, 0 },
	{ KDSKBDIACR, print_diacrs, NULL, 0 },
	{ KDGKBDIACRUC, print_diacrs_uc, NULL, 0 },
	{ KDSKBDIACRUC, print_diacrs_uc, NULL, 0 },
	{ KDGETKEYCODE, print_keycode, NULL, 0 },
	{ KDSETKEYCODE, print_keycode, NULL, 0 },
	{ KDSIGACCEPT, print_sigaccept, NULL, 0 },
	{ KDKBDREP, print_kbdrep, NULL, 0 },
	{ GIO_FONT, print_font, NULL, 0 },
	{ PIO_FONT, print_font, NULL, 0 },
	{ KDGKBMETA, print_get_mode, NULL, 0 },
	{ KDSKBMETA, print_meta, NULL, 0 },
	{ PIO_UNIMAPCLR, print_unimapclr, NULL, 0 },
	{ GIO_CMAP, print_cmap, NULL, 0 },
	{ PIO_CMAP, print_cmap, NULL, 0 },
	{ KDFONTOP, print_fontop, NULL, 0 },
	{ GIO_FONTX, print_fontx, NULL, 0 },
	{ PIO_FONTX, print_fontx, NULL, 0 },
	{ GIO_UNIMAP, print_unimap, NULL, 0 },
	{ PIO_UNIMAP, print_unimap, NULL, 0 },
	{ KDENABIO, sg_ioctl_none, NULL, 0 },
	{ KDDISABIO, sg_ioctl_none, NULL, 0 },
	{ KDMAPDISP, sg_ioctl_none, NULL, 0 },
	{ KDUNMAPDISP, sg_ioctl_none, NULL, 0 },
	{ PIO_FONTRESET, sg_ioctl_none, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_kd, rows);
