/* ioctls of GPIO chips and lines (linux/gpio.h), as strace 6.1 prints them:
 * chip info; line info v1 and v2 (the line asked about "=>" what it is); line
 * handle, event and v2 line requests ("=>" the fd they got); the values of a
 * handle or v2 request, got and set; line configurations with their
 * attributes. Arrays show as many elements as are in use, -s of them. */
#include "decode_ioctl_family.h"

#include <linux/gpio.h>
#include <string.h>

#include "ioctl_arg_names.h"

/* A name in a fixed-size field: up to its NUL, "..." when it has none. */
static void print_cstr(struct sg_dctx *d, const char *field, const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	sg_str_add(d->out, field);
	sg_str_addc(d->out, '"');
	sg_str_add_escaped_hex(d->out, (const unsigned char *)s, n < size ? n : size - 1,
			       d->o->hex);
	sg_str_addc(d->out, '"');
	if (n == size)
		sg_str_add(d->out, "...");
}

/* "[" and "..." past -s elements, as strace shows an array: true while the
 * i-th element is to be shown. */
static bool array_next(struct sg_dctx *d, unsigned i)
{
	sg_str_add(d->out, i ? ", " : "[");
	if (!sg_unabbreviated(d) && i >= (unsigned)d->o->strsize) {
		sg_str_add(d->out, "...");
		return false;
	}
	return true;
}

/* n of them, in decimal. */
static void print_u32s(struct sg_dctx *d, const __u32 *v, unsigned n)
{
	unsigned i;

	for (i = 0; i < n && array_next(d, i); i++)
		sg_str_addf(d->out, "%u", v[i]);
	sg_str_add(d->out, n ? "]" : "[]");
}

/* Padding that is not all zero: every word in hex (not limited by -s). */
static void print_padding(struct sg_dctx *d, const __u32 *v, size_t n)
{
	size_t i;

	for (i = 0; i < n && !v[i]; i++)
		;
	if (i == n)
		return;
	sg_str_add(d->out, ", padding=[");
	for (i = 0; i < n; i++)
		sg_str_addf(d->out, i ? ", %#x" : "%#x", v[i]);
	sg_str_addc(d->out, ']');
}

static void print_u8s(struct sg_dctx *d, const __u8 *v, unsigned n)
{
	unsigned i;

	for (i = 0; i < n && array_next(d, i); i++)
		sg_str_addf(d->out, "%u", v[i]);
	sg_str_add(d->out, n ? "]" : "[]");
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define UPTO(n, a) ((n) < COUNT(a) ? (unsigned)(n) : (unsigned)COUNT(a))

static void print_chip_info(struct sg_dctx *d, uint64_t arg)
{
	struct gpiochip_info c;

	if (sg_fetch(d, arg, &c, sizeof(c)) < 0)
		return;
	print_cstr(d, "{name=", c.name, sizeof(c.name));
	print_cstr(d, ", label=", c.label, sizeof(c.label));
	sg_str_addf(d->out, ", lines=%u}", c.lines);
}

static void print_unwatch(struct sg_dctx *d, uint64_t arg)
{
	__u32 offset;

	if (sg_fetch(d, arg, &offset, sizeof(offset)) == 0)
		sg_str_addf(d->out, "{offset=%u}", offset);
}

/* What was given before the call (a copy); false, the address shown, when it
 * could not be read. */
static bool before(struct sg_dctx *d, uint64_t arg, void *copy, size_t size)
{
	const void *in = sg_ioctl_before(d, size);

	if (!in) {
		sg_print_ptr(d->out, arg);
		return false;
	}
	memcpy(copy, in, size);
	return true;
}

/* After a success: " => " and the struct as the kernel left it. */
static bool after(struct sg_dctx *d, uint64_t arg, void *now, size_t size)
{
	if (d->c->is_error)
		return false;
	sg_str_add(d->out, " => ");
	return sg_fetch(d, arg, now, size) == 0;
}

static void print_line_info(struct sg_dctx *d, uint64_t arg)
{
	struct gpioline_info l;

	if (!before(d, arg, &l, sizeof(l)))
		return;
	sg_str_addf(d->out, "{line_offset=%u}", l.line_offset);
	if (!after(d, arg, &l, sizeof(l)))
		return;
	sg_str_add(d->out, "{flags=");
	sg_print_flags_as(d->out, sg_gpio_line_flags, l.flags, "0", "GPIOLINE_FLAG_???");
	print_cstr(d, ", name=", l.name, sizeof(l.name));
	print_cstr(d, ", consumer=", l.consumer, sizeof(l.consumer));
	sg_str_addc(d->out, '}');
}

static void print_fd_back(struct sg_dctx *d, int fd)
{
	sg_str_add(d->out, "{fd=");
	sg_print_fd(d, fd);
	sg_str_addc(d->out, '}');
}

static void print_handle_request(struct sg_dctx *d, uint64_t arg)
{
	struct gpiohandle_request h;

	if (!before(d, arg, &h, sizeof(h)))
		return;
	sg_str_addf(d->out, "{lines=%u, lineoffsets=", h.lines);
	print_u32s(d, h.lineoffsets, UPTO(h.lines, h.lineoffsets));
	sg_str_add(d->out, ", flags=");
	sg_print_flags_as(d->out, sg_gpio_handle_flags, h.flags, "0", "GPIOHANDLE_REQUEST_???");
	sg_str_add(d->out, ", default_values=");
	print_u8s(d, h.default_values, UPTO(h.lines, h.default_values));
	print_cstr(d, ", consumer_label=", h.consumer_label, sizeof(h.consumer_label));
	sg_str_addc(d->out, '}');
	if (after(d, arg, &h, sizeof(h)))
		print_fd_back(d, h.fd);
}

static void print_event_request(struct sg_dctx *d, uint64_t arg)
{
	struct gpioevent_request e;

	if (!before(d, arg, &e, sizeof(e)))
		return;
	sg_str_addf(d->out, "{lineoffset=%u, handleflags=", e.lineoffset);
	sg_print_flags_as(d->out, sg_gpio_handle_flags, e.handleflags, "0", "GPIOHANDLE_REQUEST_???");
	sg_str_add(d->out, ", eventflags=");
	sg_print_flags_as(d->out, sg_gpio_event_flags, e.eventflags, "0", "GPIOEVENT_REQUEST_???");
	print_cstr(d, ", consumer_label=", e.consumer_label, sizeof(e.consumer_label));
	sg_str_addc(d->out, '}');
	if (after(d, arg, &e, sizeof(e)))
		print_fd_back(d, e.fd);
}

static void print_handle_data(struct sg_dctx *d, uint64_t arg)
{
	struct gpiohandle_data v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_add(d->out, "{values=");
	print_u8s(d, v.values, COUNT(v.values));
	sg_str_addc(d->out, '}');
}

static void print_handle_config(struct sg_dctx *d, uint64_t arg)
{
	struct gpiohandle_config c;

	if (sg_fetch(d, arg, &c, sizeof(c)) < 0)
		return;
	sg_str_add(d->out, "{flags=");
	sg_print_flags_as(d->out, sg_gpio_handle_flags, c.flags, "0", "GPIOHANDLE_REQUEST_???");
	sg_str_add(d->out, ", default_values=");
	print_u8s(d, c.default_values, COUNT(c.default_values));
	sg_str_addc(d->out, '}');
}

/* An attribute by what its id says it holds; id and data as they are when the
 * id is unknown or its padding is used ("attr={...}" inside a configuration). */
static void print_attr(struct sg_str *out, const struct gpio_v2_line_attribute *a, bool as_field)
{
	if (!a->padding) {
		switch (a->id) {
		case GPIO_V2_LINE_ATTR_ID_FLAGS:
			sg_str_add(out, "flags=");
			sg_print_flags_as(out, sg_gpio_v2_line_flags, a->flags, "0",
					  "GPIO_V2_LINE_FLAG_???");
			return;
		case GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES:
			sg_str_addf(out, "values=%#llx", (unsigned long long)a->values);
			return;
		case GPIO_V2_LINE_ATTR_ID_DEBOUNCE:
			sg_str_addf(out, "debounce_period_us=%u", a->debounce_period_us);
			return;
		}
	}
	sg_str_addf(out, "%sid=%u", as_field ? "attr={" : "", a->id);
	if (a->padding)
		sg_str_addf(out, ", padding=%#x", a->padding);
	sg_str_addf(out, ", data=%#llx", (unsigned long long)a->values);
	if (as_field)
		sg_str_addc(out, '}');
}

static void print_config(struct sg_dctx *d, const struct gpio_v2_line_config *c)
{
	unsigned n = UPTO(c->num_attrs, c->attrs), i;

	sg_str_add(d->out, "{flags=");
	sg_print_flags_as(d->out, sg_gpio_v2_line_flags, c->flags, "0", "GPIO_V2_LINE_FLAG_???");
	sg_str_addf(d->out, ", num_attrs=%u", c->num_attrs);
	print_padding(d, c->padding, COUNT(c->padding));
	if (c->num_attrs) {
		sg_str_add(d->out, ", attrs=");
		for (i = 0; i < n && array_next(d, i); i++) {
			sg_str_addc(d->out, '{');
			print_attr(d->out, &c->attrs[i].attr, true);
			sg_str_addf(d->out, ", mask=%#llx}", (unsigned long long)c->attrs[i].mask);
		}
		sg_str_addc(d->out, ']');
	}
	sg_str_addc(d->out, '}');
}

static void print_v2_line_info(struct sg_dctx *d, uint64_t arg)
{
	struct gpio_v2_line_info l;
	unsigned n, i;

	if (!before(d, arg, &l, sizeof(l)))
		return;
	sg_str_addf(d->out, "{offset=%u}", l.offset);
	if (!after(d, arg, &l, sizeof(l)))
		return;
	print_cstr(d, "{name=", l.name, sizeof(l.name));
	print_cstr(d, ", consumer=", l.consumer, sizeof(l.consumer));
	sg_str_add(d->out, ", flags=");
	sg_print_flags_as(d->out, sg_gpio_v2_line_flags, l.flags, "0", "GPIO_V2_LINE_FLAG_???");
	sg_str_addf(d->out, ", num_attrs=%u", l.num_attrs);
	if (l.num_attrs) {
		n = UPTO(l.num_attrs, l.attrs);
		sg_str_add(d->out, ", attrs=");
		for (i = 0; i < n && array_next(d, i); i++) {
			sg_str_addc(d->out, '{');
			print_attr(d->out, &l.attrs[i], false);
			sg_str_addc(d->out, '}');
		}
		sg_str_addc(d->out, ']');
	}
	print_padding(d, l.padding, COUNT(l.padding));
	sg_str_addc(d->out, '}');
}

static void print_v2_line_request(struct sg_dctx *d, uint64_t arg)
{
	struct gpio_v2_line_request r;

	if (!before(d, arg, &r, sizeof(r)))
		return;
	sg_str_addf(d->out, "{num_lines=%u, offsets=", r.num_lines);
	print_u32s(d, r.offsets, UPTO(r.num_lines, r.offsets));
	print_cstr(d, ", consumer=", r.consumer, sizeof(r.consumer));
	sg_str_add(d->out, ", config=");
	print_config(d, &r.config);
	if (r.event_buffer_size)
		sg_str_addf(d->out, ", event_buffer_size=%u", r.event_buffer_size);
	print_padding(d, r.padding, COUNT(r.padding));
	sg_str_addc(d->out, '}');
	if (after(d, arg, &r, sizeof(r)))
		print_fd_back(d, r.fd);
}

static void print_v2_set_config(struct sg_dctx *d, uint64_t arg)
{
	struct gpio_v2_line_config c;

	if (sg_fetch(d, arg, &c, sizeof(c)) == 0)
		print_config(d, &c);
}

static void print_v2_get_values(struct sg_dctx *d, uint64_t arg)
{
	struct gpio_v2_line_values v;

	if (!before(d, arg, &v, sizeof(v)))
		return;
	sg_str_addf(d->out, "{mask=%#llx}", (unsigned long long)v.mask);
	if (after(d, arg, &v, sizeof(v)))
		sg_str_addf(d->out, "{bits=%#llx}", (unsigned long long)v.bits);
}

static void print_v2_set_values(struct sg_dctx *d, uint64_t arg)
{
	struct gpio_v2_line_values v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "{bits=%#llx, mask=%#llx}", (unsigned long long)v.bits,
			    (unsigned long long)v.mask);
}

static const struct sg_ioctl_printer rows[] = {
	{ GPIO_GET_CHIPINFO_IOCTL, print_chip_info, NULL, 0 },
	{ GPIO_GET_LINEINFO_UNWATCH_IOCTL, print_unwatch, NULL, 0 },
	{ GPIO_GET_LINEINFO_IOCTL, print_line_info, NULL, 0 },
	{ GPIO_GET_LINEINFO_WATCH_IOCTL, print_line_info, NULL, 0 },
	{ GPIO_GET_LINEHANDLE_IOCTL, print_handle_request, NULL, 0 },
	{ GPIO_GET_LINEEVENT_IOCTL, print_event_request, NULL, 0 },
	{ GPIOHANDLE_GET_LINE_VALUES_IOCTL, print_handle_data, NULL, 0 },
	{ GPIOHANDLE_SET_LINE_VALUES_IOCTL, print_handle_data, NULL, 0 },
	{ GPIOHANDLE_SET_CONFIG_IOCTL, print_handle_config, NULL, 0 },
	{ GPIO_V2_GET_LINEINFO_IOCTL, print_v2_line_info, NULL, 0 },
	{ GPIO_V2_GET_LINEINFO_WATCH_IOCTL, print_v2_line_info, NULL, 0 },
	{ GPIO_V2_GET_LINE_IOCTL, print_v2_line_request, NULL, 0 },
	{ GPIO_V2_LINE_SET_CONFIG_IOCTL, print_v2_set_config, NULL, 0 },
	{ GPIO_V2_LINE_GET_VALUES_IOCTL, print_v2_get_values, NULL, 0 },
	{ GPIO_V2_LINE_SET_VALUES_IOCTL, print_v2_set_values, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_gpio, rows);
