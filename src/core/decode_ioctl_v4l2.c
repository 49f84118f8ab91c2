/* ioctls of video4linux2 devices (linux/videodev2.h), as strace 6.1 prints
 * them: a request that fills in a struct shows what it was given, then what it
 * got back (" => " for a setter the driver may have changed); pixel formats as
 * v4l2_fourcc('Y', 'U', 'Y', 'V') with their name in a comment. What the
 * printers read is in capture_ioctl.c: the struct before and after the call. */
#include "decode_ioctl_family.h"

#include <limits.h>
#include <linux/videodev2.h>
#include <stdio.h>
#include <string.h>

#include "ioctl_arg_names.h"

/* ---- fields ---- */

static void add_cstring(struct sg_dctx *d, const char *name, const char *s, size_t size)
{
	sg_str_addf(d->out, "%s=\"", name);
	sg_str_add_escaped_hex(d->out, (const unsigned char *)s, strnlen(s, size), d->o->hex);
	sg_str_addc(d->out, '"');
}

static void add_char(struct sg_str *out, unsigned char c)
{
	if (c == '\'' || c == '\\')
		sg_str_addf(out, "'\\%c'", c);
	else if (c >= ' ' && c < 0x7f)
		sg_str_addf(out, "'%c'", c);
	else
		sg_str_addf(out, "'\\x%02x'", c);
}

/* v4l2_fourcc('Y', 'U', 'Y', 'V') /+ V4L2_PIX_FMT_YUYV +/; a number under -X raw. */
static void add_fourcc(struct sg_str *out, const char *name, uint32_t v, const struct sg_flag *names)
{
	sg_str_addf(out, "%s=", name);
	if (sg_xlat_style_now() == SG_XLAT_RAW) {
		sg_str_addf(out, v ? "%#x" : "0", v);
		return;
	}
	sg_str_add(out, "v4l2_fourcc(");
	for (int i = 0; i < 4; i++) {
		if (i)
			sg_str_add(out, ", ");
		add_char(out, (unsigned char)(v >> (8 * i)));
	}
	sg_str_addc(out, ')');
	for (const struct sg_flag *f = names; f->name; f++)
		if (f->val == v) {
			sg_str_addf(out, " /* %s */", f->name);
			break;
		}
}

static void add_xval(struct sg_str *out, const char *name, const struct sg_flag *t, uint64_t v,
		     const char *unknown)
{
	sg_str_addf(out, "%s=", name);
	sg_print_xval(out, t, v, unknown);
}

static void add_flags(struct sg_str *out, const char *name, const struct sg_flag *t, uint64_t v,
		      const char *unknown)
{
	sg_str_addf(out, "%s=", name);
	sg_print_flags_as(out, t, v, "0", unknown);
}

static void add_hex(struct sg_str *out, const char *name, unsigned long long v)
{
	sg_str_addf(out, v ? "%s=%#llx" : "%s=0", name, v);
}

/* Elements of an array shown: -s many, all under -v. */
static unsigned array_max(const struct sg_dctx *d)
{
	return sg_unabbreviated(d) ? UINT_MAX : (unsigned)d->o->strsize;
}

static void add_buf_type(struct sg_str *out, uint32_t type)
{
	add_xval(out, "type", sg_v4l2_buf_types, type, "V4L2_BUF_TYPE_???");
}

static void add_rect(struct sg_str *out, const char *name, const struct v4l2_rect *r)
{
	sg_str_addf(out, "%s={left=%d, top=%d, width=%u, height=%u}", name, r->left, r->top, r->width,
		    r->height);
}

static void add_fract(struct sg_str *out, const char *name, const struct v4l2_fract *f)
{
	sg_str_addf(out, "%s=%u/%u", name, f->numerator, f->denominator);
}

/* A control's id: its name, or its class and offset (V4L2_CTRL_CLASS_CAMERA+0x950);
 * with next, the V4L2_CTRL_FLAG_NEXT_* bits a query ORs in first. */
static void add_cid(struct sg_str *out, uint32_t id, bool next)
{
	char number[16], name[64];
	uint32_t flags = 0;

	if (sg_xlat_style_now() == SG_XLAT_RAW) {
		sg_str_addf(out, id ? "%#x" : "0", id);
		return;
	}
	if (next) {
		for (const struct sg_flag *f = sg_v4l2_ctrl_next; f->name; f++)
			flags |= (uint32_t)f->val;
		flags &= id;
		if (flags) {
			sg_print_flags_as(out, sg_v4l2_ctrl_next, flags, "0", "V4L2_CTRL_FLAG_NEXT_???");
			sg_str_addc(out, '|');
			id &= ~flags;
		}
	}
	snprintf(number, sizeof(number), id ? "%#x" : "0", id);
	for (const struct sg_flag *f = sg_v4l2_cids; f->name; f++)
		if (f->val == id) {
			sg_print_named(out, number, f->name);
			return;
		}
	const struct sg_flag *cls = NULL;
	for (const struct sg_flag *f = sg_v4l2_ctrl_classes; f->name; f++)
		if (f->val <= id && (!cls || f->val > cls->val))
			cls = f;
	if (!cls || id - cls->val >= 0x10000) {
		sg_str_addf(out, "%s /* V4L2_CID_??? */", number);
		return;
	}
	snprintf(name, sizeof(name), "%s+%#llx", cls->name, (unsigned long long)(id - cls->val));
	sg_print_named(out, number, name);
}

/* The struct before the call, when capture_ioctl.c kept it; else as it is now. */
static const void *entry_view(const struct sg_dctx *d, const void *now, size_t size)
{
	const void *in = sg_ioctl_before(d, size);

	return in ? in : now;
}

static bool ok(const struct sg_dctx *d)
{
	return !d->c->is_error;
}

/* ---- struct v4l2_format ---- */

static void add_pix(struct sg_str *out, const struct v4l2_pix_format *p)
{
	sg_str_addf(out, "fmt.pix={width=%u, height=%u, ", p->width, p->height);
	add_fourcc(out, "pixelformat", p->pixelformat, sg_v4l2_pix_fmts);
	sg_str_add(out, ", ");
	add_xval(out, "field", sg_v4l2_fields, p->field, "V4L2_FIELD_???");
	sg_str_addf(out, ", bytesperline=%u, sizeimage=%u, ", p->bytesperline, p->sizeimage);
	add_xval(out, "colorspace", sg_v4l2_colorspaces, p->colorspace, "V4L2_COLORSPACE_???");
	sg_str_addc(out, '}');
}

static void add_pix_mp(struct sg_dctx *d, const struct v4l2_pix_format_mplane *p)
{
	unsigned n = p->num_planes < VIDEO_MAX_PLANES ? p->num_planes : VIDEO_MAX_PLANES;
	struct sg_str *out = d->out;

	sg_str_addf(out, "fmt.pix_mp={width=%u, height=%u, ", p->width, p->height);
	add_fourcc(out, "pixelformat", p->pixelformat, sg_v4l2_pix_fmts);
	sg_str_add(out, ", ");
	add_xval(out, "field", sg_v4l2_fields, p->field, "V4L2_FIELD_???");
	sg_str_add(out, ", ");
	add_xval(out, "colorspace", sg_v4l2_colorspaces, p->colorspace, "V4L2_COLORSPACE_???");
	sg_str_add(out, ", plane_fmt=[");
	for (unsigned i = 0; i < n; i++) {
		if (i == array_max(d)) {
			sg_str_add(out, ", ...");
			break;
		}
		sg_str_addf(out, "%s{sizeimage=%u, bytesperline=%u}", i ? ", " : "",
			    p->plane_fmt[i].sizeimage, p->plane_fmt[i].bytesperline);
	}
	sg_str_addf(out, "], num_planes=%u}", p->num_planes);
}

/* The clips an overlay window points at; -s many at most. */
static void add_clips(struct sg_dctx *d, uint64_t addr, uint32_t n)
{
	struct v4l2_clip c;

	if (!addr) {
		sg_str_add(d->out, "NULL");
		return;
	}
	if (!n) {
		sg_str_add(d->out, "[]");
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		if (i >= array_max(d)) {
			sg_str_add(d->out, ", ...");
			break;
		}
		if (sg_call_read(d->c, addr + i * sizeof(c), &c, sizeof(c)) != sizeof(c)) {
			if (!i)
				sg_print_ptr(d->out, addr);
			else
				sg_str_addf(d->out, ", ...] /* %#llx */",
					    (unsigned long long)(addr + i * sizeof(c)));
			return;
		}
		sg_str_add(d->out, i ? ", " : "[");
		add_rect(d->out, "{c", &c.c);
		sg_str_addc(d->out, '}');
	}
	sg_str_addc(d->out, ']');
}

static void add_win(struct sg_dctx *d, const struct v4l2_window *w)
{
	struct sg_str *out = d->out;

	sg_str_add(out, "fmt.win={");
	add_rect(out, "w", &w->w);
	sg_str_add(out, ", ");
	add_xval(out, "field", sg_v4l2_fields, w->field, "V4L2_FIELD_???");
	sg_str_add(out, ", ");
	add_hex(out, "chromakey", w->chromakey);
	sg_str_add(out, ", clips=");
	add_clips(d, (uint64_t)(uintptr_t)w->clips, w->clipcount);
	sg_str_addf(out, ", clipcount=%u, bitmap=", w->clipcount);
	sg_print_ptr(out, (uint64_t)(uintptr_t)w->bitmap);
	if (w->global_alpha)
		sg_str_addf(out, ", global_alpha=%#x", w->global_alpha);
	sg_str_addc(out, '}');
}

static void add_vbi(struct sg_str *out, const struct v4l2_vbi_format *v)
{
	sg_str_addf(out, "fmt.vbi={sampling_rate=%u, offset=%u, samples_per_line=%u, ",
		    v->sampling_rate, v->offset, v->samples_per_line);
	add_fourcc(out, "sample_format", v->sample_format, sg_v4l2_pix_fmts);
	sg_str_addf(out, ", start=[%d, %d], count=[%u, %u], ", v->start[0], v->start[1], v->count[0],
		    v->count[1]);
	add_flags(out, "flags", sg_v4l2_vbi_flags, v->flags, "V4L2_VBI_???");
	sg_str_addc(out, '}');
}

static void add_sliced(struct sg_str *out, const struct v4l2_sliced_vbi_format *s)
{
	sg_str_add(out, "fmt.sliced={");
	add_flags(out, "service_set", sg_v4l2_sliced_flags, s->service_set, "V4L2_SLICED_???");
	sg_str_add(out, ", service_lines=[");
	for (int i = 0; i < 2; i++) {
		sg_str_add(out, i ? ", [" : "[");
		for (int j = 0; j < 24; j++)
			sg_str_addf(out, s->service_lines[i][j] ? "%s%#x" : "%s0", j ? ", " : "",
				    s->service_lines[i][j]);
		sg_str_addc(out, ']');
	}
	sg_str_addf(out, "], io_size=%u}", s->io_size);
}

/* The member of fmt the buffer type selects; false for a type without one. */
static bool add_fmt(struct sg_dctx *d, const struct v4l2_format *f, const char *before)
{
	struct sg_str *out = d->out;

	switch (f->type) {
	case V4L2_BUF_TYPE_VIDEO_CAPTURE:
	case V4L2_BUF_TYPE_VIDEO_OUTPUT:
		sg_str_add(out, before);
		add_pix(out, &f->fmt.pix);
		return true;
	case V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE:
	case V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE:
		sg_str_add(out, before);
		add_pix_mp(d, &f->fmt.pix_mp);
		return true;
	case V4L2_BUF_TYPE_VIDEO_OVERLAY:
	case V4L2_BUF_TYPE_VIDEO_OUTPUT_OVERLAY:
		sg_str_add(out, before);
		add_win(d, &f->fmt.win);
		return true;
	case V4L2_BUF_TYPE_VBI_CAPTURE:
	case V4L2_BUF_TYPE_VBI_OUTPUT:
		sg_str_add(out, before);
		add_vbi(out, &f->fmt.vbi);
		return true;
	case V4L2_BUF_TYPE_SLICED_VBI_CAPTURE:
	case V4L2_BUF_TYPE_SLICED_VBI_OUTPUT:
		sg_str_add(out, before);
		add_sliced(out, &f->fmt.sliced);
		return true;
	case V4L2_BUF_TYPE_SDR_CAPTURE:
	case V4L2_BUF_TYPE_SDR_OUTPUT:
		sg_str_add(out, before);
		sg_str_add(out, "fmt.sdr={");
		add_fourcc(out, "pixelformat", f->fmt.sdr.pixelformat, sg_v4l2_sdr_fmts);
		if (f->fmt.sdr.buffersize)
			sg_str_addf(out, ", buffersize=%u", f->fmt.sdr.buffersize);
		sg_str_addc(out, '}');
		return true;
	case V4L2_BUF_TYPE_META_CAPTURE:
	case V4L2_BUF_TYPE_META_OUTPUT:
		sg_str_add(out, before);
		sg_str_add(out, "fmt.meta={");
		add_fourcc(out, "dataformat", f->fmt.meta.dataformat, sg_v4l2_meta_fmts);
		sg_str_addf(out, ", buffersize=%u}", f->fmt.meta.buffersize);
		return true;
	default:
		return false;
	}
}

/* G_FMT shows the format it got; S_FMT and TRY_FMT the one given " => " the one
 * the driver chose. */
static void print_format(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_format now;
	const struct v4l2_format *in;
	bool get = d->c->args[1] == VIDIOC_G_FMT;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addc(d->out, '{');
	add_buf_type(d->out, in->type);
	if (!get && !add_fmt(d, in, ", ")) {
		sg_str_addc(d->out, '}');
		return;
	}
	if (ok(d))
		add_fmt(d, &now, get ? ", " : "} => {");
	sg_str_addc(d->out, '}');
}

/* ---- the other requests ---- */

static void print_querycap(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_capability c;
	char number[16], name[48];

	if (sg_fetch(d, arg, &c, sizeof(c)) < 0)
		return;
	sg_str_addc(d->out, '{');
	add_cstring(d, "driver", (const char *)c.driver, sizeof(c.driver));
	sg_str_add(d->out, ", ");
	add_cstring(d, "card", (const char *)c.card, sizeof(c.card));
	sg_str_add(d->out, ", ");
	add_cstring(d, "bus_info", (const char *)c.bus_info, sizeof(c.bus_info));
	snprintf(number, sizeof(number), c.version ? "%#x" : "0", c.version);
	snprintf(name, sizeof(name), "KERNEL_VERSION(%u, %u, %u)", c.version >> 16,
		 (c.version >> 8) & 0xff, c.version & 0xff);
	sg_str_add(d->out, ", version=");
	sg_print_named(d->out, number, name);
	sg_str_add(d->out, ", ");
	add_flags(d->out, "capabilities", sg_v4l2_caps, c.capabilities, "V4L2_CAP_???");
	if (c.device_caps) {
		sg_str_add(d->out, ", ");
		add_flags(d->out, "device_caps", sg_v4l2_caps, c.device_caps, "V4L2_CAP_???");
	}
	sg_str_addc(d->out, '}');
}

static void print_enum_fmt(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_fmtdesc now;
	const struct v4l2_fmtdesc *in;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addf(d->out, "{index=%u, ", in->index);
	add_buf_type(d->out, in->type);
	if (ok(d)) {
		sg_str_add(d->out, ", ");
		add_flags(d->out, "flags", sg_v4l2_fmt_flags, now.flags, "V4L2_FMT_FLAG_???");
		sg_str_add(d->out, ", ");
		add_cstring(d, "description", (const char *)now.description, sizeof(now.description));
		sg_str_add(d->out, ", ");
		add_fourcc(d->out, "pixelformat", now.pixelformat, sg_v4l2_pix_fmts);
	}
	sg_str_addc(d->out, '}');
}

static void print_reqbufs(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_requestbuffers now;
	const struct v4l2_requestbuffers *in;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addc(d->out, '{');
	add_buf_type(d->out, in->type);
	sg_str_add(d->out, ", ");
	add_xval(d->out, "memory", sg_v4l2_memories, in->memory, "V4L2_MEMORY_???");
	sg_str_addf(d->out, ", count=%u", in->count);
	if (ok(d))
		sg_str_addf(d->out, " => %u", now.count);
	sg_str_addc(d->out, '}');
}

/* Bits, the timestamp type and its source: never 0, each has a name for 0. */
static void add_buf_flags(struct sg_str *out, uint32_t v)
{
	uint32_t ts = v & V4L2_BUF_FLAG_TIMESTAMP_MASK, src = v & V4L2_BUF_FLAG_TSTAMP_SRC_MASK;
	uint32_t bits = v & ~ts & ~src;

	sg_str_add(out, "flags=");
	if (sg_xlat_style_now() == SG_XLAT_RAW) {
		sg_str_addf(out, v ? "%#x" : "0", v);
		return;
	}
	if (bits) {
		sg_print_flags_as(out, sg_v4l2_buf_flags, bits, "0", "V4L2_BUF_FLAG_???");
		sg_str_addc(out, '|');
	}
	sg_print_xval(out, sg_v4l2_buf_ts_types, ts, "V4L2_BUF_FLAG_TIMESTAMP_???");
	sg_str_addc(out, '|');
	sg_print_xval(out, sg_v4l2_buf_ts_srcs, src, "V4L2_BUF_FLAG_TSTAMP_SRC_???");
}

/* QUERYBUF, QBUF: the buffer asked for; DQBUF: the one dequeued, with its time. */
static void print_buffer(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_buffer b;
	const struct v4l2_buffer *in;
	bool dq = d->c->args[1] == VIDIOC_DQBUF;
	struct sg_str *out = d->out;

	if (sg_fetch(d, arg, &b, sizeof(b)) < 0)
		return;
	in = entry_view(d, &b, sizeof(b));
	sg_str_addc(out, '{');
	add_buf_type(out, in->type);
	if (!dq)
		sg_str_addf(out, ", index=%u", in->index);
	if (!ok(d)) {
		sg_str_addc(out, '}');
		return;
	}
	if (dq)
		sg_str_addf(out, ", index=%u", b.index);
	sg_str_add(out, ", ");
	add_xval(out, "memory", sg_v4l2_memories, b.memory, "V4L2_MEMORY_???");
	if (b.memory == V4L2_MEMORY_MMAP)
		add_hex(out, ", m.offset", b.m.offset);
	else if (b.memory == V4L2_MEMORY_USERPTR) {
		sg_str_add(out, ", m.userptr=");
		sg_print_ptr(out, b.m.userptr);
	}
	sg_str_addf(out, ", length=%u, bytesused=%u, ", b.length, b.bytesused);
	add_buf_flags(out, b.flags);
	if (dq)
		sg_str_addf(out, ", timestamp={tv_sec=%lld, tv_usec=%lld}", (long long)b.timestamp.tv_sec,
			    (long long)b.timestamp.tv_usec);
	sg_str_add(out, ", ...}");
}

static void print_fbuf(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_framebuffer b;

	if (sg_fetch(d, arg, &b, sizeof(b)) < 0)
		return;
	add_hex(d->out, "{capability", b.capability);
	add_hex(d->out, ", flags", b.flags);
	sg_str_add(d->out, ", base=");
	sg_print_ptr(d->out, (uint64_t)(uintptr_t)b.base);
	sg_str_addc(d->out, '}');
}

static void print_buf_type(struct sg_dctx *d, uint64_t arg)
{
	int type;

	if (sg_fetch(d, arg, &type, sizeof(type)) < 0)
		return;
	sg_str_addc(d->out, '[');
	sg_print_xval(d->out, sg_v4l2_buf_types, (unsigned)type, "V4L2_BUF_TYPE_???");
	sg_str_addc(d->out, ']');
}

static void add_streamparm(struct sg_str *out, const struct v4l2_streamparm *s)
{
	/* struct v4l2_outputparm has the fields of v4l2_captureparm, renamed */
	const struct v4l2_captureparm *p = &s->parm.capture;
	bool capture = s->type == V4L2_BUF_TYPE_VIDEO_CAPTURE;

	sg_str_add(out, capture ? "parm.capture={" : "parm.output={");
	add_flags(out, "capability", sg_v4l2_stream_caps, p->capability, "V4L2_CAP_???");
	sg_str_add(out, ", ");
	add_flags(out, capture ? "capturemode" : "outputmode", sg_v4l2_capture_modes, p->capturemode,
		  "V4L2_MODE_???");
	sg_str_add(out, ", ");
	add_fract(out, "timeperframe", &p->timeperframe);
	sg_str_add(out, ", ");
	add_hex(out, "extendedmode", p->extendedmode);
	sg_str_addf(out, capture ? ", readbuffers=%u}" : ", writebuffers=%u}", p->readbuffers);
}

static void print_parm(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_streamparm now;
	const struct v4l2_streamparm *in;
	bool get = d->c->args[1] == VIDIOC_G_PARM;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addc(d->out, '{');
	add_buf_type(d->out, in->type);
	if (in->type != V4L2_BUF_TYPE_VIDEO_CAPTURE && in->type != V4L2_BUF_TYPE_VIDEO_OUTPUT) {
		sg_str_addc(d->out, '}');
		return;
	}
	if (!get) {
		sg_str_add(d->out, ", ");
		add_streamparm(d->out, in);
	}
	if (ok(d)) {
		sg_str_add(d->out, get ? ", " : "} => {");
		add_streamparm(d->out, &now);
	}
	sg_str_addc(d->out, '}');
}

static void print_std(struct sg_dctx *d, uint64_t arg)
{
	v4l2_std_id v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, v ? "[%#llx]" : "[0]", (unsigned long long)v);
}

static void print_enumstd(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_standard now;
	const struct v4l2_standard *in;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addf(d->out, "{index=%u", in->index);
	if (ok(d)) {
		sg_str_add(d->out, ", ");
		add_cstring(d, "name", (const char *)now.name, sizeof(now.name));
		sg_str_add(d->out, ", ");
		add_fract(d->out, "frameperiod", &now.frameperiod);
		sg_str_addf(d->out, ", framelines=%u", now.framelines);
	}
	sg_str_addc(d->out, '}');
}

static void print_enuminput(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_input now;
	const struct v4l2_input *in;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addf(d->out, "{index=%u", in->index);
	if (ok(d)) {
		sg_str_add(d->out, ", ");
		add_cstring(d, "name", (const char *)now.name, sizeof(now.name));
		sg_str_add(d->out, ", ");
		add_xval(d->out, "type", sg_v4l2_input_types, now.type, "V4L2_INPUT_TYPE_???");
	}
	sg_str_addc(d->out, '}');
}

static void print_ctrl(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_control now;
	const struct v4l2_control *in;
	bool get = d->c->args[1] == VIDIOC_G_CTRL;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_add(d->out, "{id=");
	add_cid(d->out, in->id, false);
	if (!get)
		sg_str_addf(d->out, ", value=%d", in->value);
	if (ok(d))
		sg_str_addf(d->out, get ? ", value=%d" : " => %d", now.value);
	sg_str_addc(d->out, '}');
}

static void add_tuner(struct sg_dctx *d, const struct v4l2_tuner *t)
{
	struct sg_str *out = d->out;

	add_cstring(d, "name", (const char *)t->name, sizeof(t->name));
	sg_str_add(out, ", ");
	add_xval(out, "type", sg_v4l2_tuner_types, t->type, "V4L2_TUNER_???");
	sg_str_add(out, ", ");
	add_flags(out, "capability", sg_v4l2_tuner_caps, t->capability, "V4L2_TUNER_CAP_???");
	sg_str_addf(out, ", rangelow=%u, rangehigh=%u, ", t->rangelow, t->rangehigh);
	add_flags(out, "rxsubchans", sg_v4l2_tuner_subs, t->rxsubchans, "V4L2_TUNER_SUB_???");
	sg_str_add(out, ", ");
	add_xval(out, "audmode", sg_v4l2_tuner_modes, t->audmode, "V4L2_TUNER_MODE_???");
	sg_str_addf(out, ", signal=%d, afc=%d", t->signal, t->afc);
}

static void print_tuner(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_tuner now;
	const struct v4l2_tuner *in;
	bool get = d->c->args[1] == VIDIOC_G_TUNER;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addf(d->out, "{index=%u", in->index);
	if (!get) {
		sg_str_add(d->out, ", ");
		add_tuner(d, in);
	}
	if (ok(d)) {
		sg_str_add(d->out, get ? ", " : "} => {");
		add_tuner(d, &now);
	}
	sg_str_addc(d->out, '}');
}

static void print_queryctrl(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_queryctrl q;
	const struct v4l2_queryctrl *in;
	struct sg_str *out = d->out;

	if (sg_fetch(d, arg, &q, sizeof(q)) < 0)
		return;
	in = entry_view(d, &q, sizeof(q));
	sg_str_add(out, "{id=");
	add_cid(out, in->id, true);
	if (!ok(d)) {
		sg_str_addc(out, '}');
		return;
	}
	if (q.id != in->id) {
		sg_str_add(out, " => ");
		add_cid(out, q.id, false);
	}
	sg_str_add(out, ", ");
	add_xval(out, "type", sg_v4l2_ctrl_types, q.type, "V4L2_CTRL_TYPE_???");
	sg_str_add(out, ", ");
	add_cstring(d, "name", (const char *)q.name, sizeof(q.name));
	if (!sg_unabbreviated(d)) {
		sg_str_add(out, ", ...}");
		return;
	}
	sg_str_addf(out, ", minimum=%d, maximum=%d, step=%d, default_value=%d, ", q.minimum,
		    q.maximum, q.step, q.default_value);
	add_flags(out, "flags", sg_v4l2_ctrl_flags, q.flags, "V4L2_CTRL_FLAG_???");
	if (q.reserved[0] || q.reserved[1]) {
		sg_str_add(out, ", reserved=[");
		sg_str_addf(out, q.reserved[0] ? "%#x, " : "0, ", q.reserved[0]);
		sg_str_addf(out, q.reserved[1] ? "%#x]" : "0]", q.reserved[1]);
	}
	sg_str_addc(out, '}');
}

static void print_cropcap(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_cropcap now;
	const struct v4l2_cropcap *in;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addc(d->out, '{');
	add_buf_type(d->out, in->type);
	if (ok(d)) {
		add_rect(d->out, ", bounds", &now.bounds);
		add_rect(d->out, ", defrect", &now.defrect);
		add_fract(d->out, ", pixelaspect", &now.pixelaspect);
	}
	sg_str_addc(d->out, '}');
}

/* G_CROP: the rectangle got; S_CROP: the one given. */
static void print_crop(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_crop now;
	const struct v4l2_crop *in;
	bool get = d->c->args[1] == VIDIOC_G_CROP;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addc(d->out, '{');
	add_buf_type(d->out, in->type);
	if (!get || ok(d))
		add_rect(d->out, ", c", get ? &now.c : &in->c);
	sg_str_addc(d->out, '}');
}

/* A control's string: -s bytes of its size (sg_print_tracee_buf would keep
 * them as the argument's value, replacing the struct kept from before). */
static void add_buf(struct sg_dctx *d, uint64_t addr, uint32_t len)
{
	size_t want = len < (uint32_t)d->o->strsize ? len : (size_t)d->o->strsize;
	unsigned char buf[4096];

	if (want > sizeof(buf))
		want = sizeof(buf);
	if (!addr || (want && sg_call_read(d->c, addr, buf, want) != (ssize_t)want)) {
		sg_print_ptr(d->out, addr);
		return;
	}
	sg_str_addc(d->out, '"');
	sg_str_add_escaped_hex(d->out, buf, want, d->o->hex);
	sg_str_addc(d->out, '"');
	if (len > want)
		sg_str_add(d->out, "...");
}

static void add_ext_controls(struct sg_dctx *d, const struct v4l2_ext_controls *c)
{
	uint64_t addr = (uint64_t)(uintptr_t)c->controls;
	struct v4l2_ext_control e;

	sg_str_add(d->out, "controls=");
	if (!addr) {
		sg_str_add(d->out, "NULL");
		return;
	}
	for (uint32_t i = 0; i < c->count; i++) {
		if (i >= array_max(d)) {
			sg_str_add(d->out, ", ...");
			break;
		}
		if (sg_call_read(d->c, addr + i * sizeof(e), &e, sizeof(e)) != sizeof(e)) {
			if (!i)
				sg_print_ptr(d->out, addr);
			else
				sg_str_addf(d->out, ", ...] /* %#llx */",
					    (unsigned long long)(addr + i * sizeof(e)));
			return;
		}
		sg_str_add(d->out, i ? ", " : "[");
		add_xval(d->out, "{id", sg_v4l2_cids, e.id, "V4L2_CID_???");
		sg_str_addf(d->out, ", size=%u, ", e.size);
		if (e.size) {
			sg_str_add(d->out, "string=");
			add_buf(d, (uint64_t)(uintptr_t)e.string, e.size);
		} else
			sg_str_addf(d->out, "value=%d, value64=%lld", e.value, (long long)e.value64);
		sg_str_addc(d->out, '}');
	}
	sg_str_addc(d->out, ']');
}

/* The controls given (G_EXT_CTRLS: none), then those got back; after a failure,
 * the index of the control that failed. */
static void print_ext_ctrls(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_ext_controls now;
	const struct v4l2_ext_controls *in;
	bool get = d->c->args[1] == VIDIOC_G_EXT_CTRLS;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addc(d->out, '{');
	add_xval(d->out, "ctrl_class", sg_v4l2_ctrl_classes, in->ctrl_class, "V4L2_CTRL_CLASS_???");
	sg_str_addf(d->out, ", count=%u", in->count);
	if (!in->count) {
		sg_str_addc(d->out, '}');
		return;
	}
	if (!get) {
		sg_str_add(d->out, ", ");
		add_ext_controls(d, in);
	}
	sg_str_add(d->out, get ? ", " : "} => {");
	add_ext_controls(d, &now);
	if (!ok(d))
		sg_str_addf(d->out, ", error_idx=%u", now.error_idx);
	sg_str_addc(d->out, '}');
}

static void print_framesizes(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_frmsizeenum now;
	const struct v4l2_frmsizeenum *in;
	struct sg_str *out = d->out;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addf(out, "{index=%u, ", in->index);
	add_fourcc(out, "pixel_format", in->pixel_format, sg_v4l2_pix_fmts);
	if (ok(d)) {
		sg_str_add(out, ", ");
		add_xval(out, "type", sg_v4l2_frmsize_types, now.type, "V4L2_FRMSIZE_TYPE_???");
		if (now.type == V4L2_FRMSIZE_TYPE_DISCRETE)
			sg_str_addf(out, ", discrete={width=%u, height=%u}", now.discrete.width,
				    now.discrete.height);
		else if (now.type == V4L2_FRMSIZE_TYPE_STEPWISE)
			sg_str_addf(out,
				    ", stepwise={min_width=%u, max_width=%u, step_width=%u, "
				    "min_height=%u, max_height=%u, step_height=%u}",
				    now.stepwise.min_width, now.stepwise.max_width,
				    now.stepwise.step_width, now.stepwise.min_height,
				    now.stepwise.max_height, now.stepwise.step_height);
	}
	sg_str_addc(out, '}');
}

static void print_frameintervals(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_frmivalenum now;
	const struct v4l2_frmivalenum *in;
	struct sg_str *out = d->out;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addf(out, "{index=%u, ", in->index);
	add_fourcc(out, "pixel_format", in->pixel_format, sg_v4l2_pix_fmts);
	sg_str_addf(out, ", width=%u, height=%u", in->width, in->height);
	if (ok(d)) {
		sg_str_add(out, ", ");
		add_xval(out, "type", sg_v4l2_frmival_types, now.type, "V4L2_FRMIVAL_TYPE_???");
		if (now.type == V4L2_FRMIVAL_TYPE_DISCRETE)
			add_fract(out, ", discrete", &now.discrete);
		/* strace shows a continuous range as a stepwise one */
		else if (now.type == V4L2_FRMIVAL_TYPE_STEPWISE ||
			 now.type == V4L2_FRMIVAL_TYPE_CONTINUOUS) {
			add_fract(out, ", stepwise={min", &now.stepwise.min);
			add_fract(out, ", max", &now.stepwise.max);
			add_fract(out, ", step", &now.stepwise.step);
			sg_str_addc(out, '}');
		}
	}
	sg_str_addc(out, '}');
}

/* What CREATE_BUFS was asked for; the buffers it made are in its result. */
static void print_create_bufs(struct sg_dctx *d, uint64_t arg)
{
	struct v4l2_create_buffers now;
	const struct v4l2_create_buffers *in;

	if (sg_fetch(d, arg, &now, sizeof(now)) < 0)
		return;
	in = entry_view(d, &now, sizeof(now));
	sg_str_addf(d->out, "{count=%u, ", in->count);
	add_xval(d->out, "memory", sg_v4l2_memories, in->memory, "V4L2_MEMORY_???");
	sg_str_add(d->out, ", format={");
	add_buf_type(d->out, in->format.type);
	add_fmt(d, &in->format, ", ");
	sg_str_add(d->out, "}}");
}

static bool ret_create_bufs(const struct sg_call *c, struct sg_str *out)
{
	struct v4l2_create_buffers b;

	if (sg_call_read(c, c->args[2], &b, sizeof(b)) != sizeof(b))
		return false;
	sg_str_addf(out, "%lld ({index=%u, count=%u})", (long long)c->ret, b.index, b.count);
	return true;
}

static const struct sg_ioctl_printer rows[] = {
	{ VIDIOC_QUERYCAP, print_querycap, NULL, 0 },
	{ VIDIOC_ENUM_FMT, print_enum_fmt, NULL, 0 },
	{ VIDIOC_G_FMT, print_format, NULL, 0 },
	{ VIDIOC_S_FMT, print_format, NULL, 0 },
	{ VIDIOC_TRY_FMT, print_format, NULL, 0 },
	{ VIDIOC_REQBUFS, print_reqbufs, NULL, 0 },
	{ VIDIOC_QUERYBUF, print_buffer, NULL, 0 },
	{ VIDIOC_QBUF, print_buffer, NULL, 0 },
	{ VIDIOC_DQBUF, print_buffer, NULL, 0 },
	{ VIDIOC_G_FBUF, print_fbuf, NULL, 0 },
	{ VIDIOC_S_FBUF, print_fbuf, NULL, 0 },
	{ VIDIOC_STREAMON, print_buf_type, NULL, 0 },
	{ VIDIOC_STREAMOFF, print_buf_type, NULL, 0 },
	{ VIDIOC_G_PARM, print_parm, NULL, 0 },
	{ VIDIOC_S_PARM, print_parm, NULL, 0 },
	{ VIDIOC_G_STD, print_std, NULL, 0 },
	{ VIDIOC_S_STD, print_std, NULL, 0 },
	{ VIDIOC_ENUMSTD, print_enumstd, NULL, 0 },
	{ VIDIOC_ENUMINPUT, print_enuminput, NULL, 0 },
	{ VIDIOC_G_INPUT, sg_ioctl_uint, NULL, 0 },
	{ VIDIOC_S_INPUT, sg_ioctl_uint, NULL, 0 },
	{ VIDIOC_G_CTRL, print_ctrl, NULL, 0 },
	{ VIDIOC_S_CTRL, print_ctrl, NULL, 0 },
	{ VIDIOC_G_TUNER, print_tuner, NULL, 0 },
	{ VIDIOC_S_TUNER, print_tuner, NULL, 0 },
	{ VIDIOC_QUERYCTRL, print_queryctrl, NULL, 0 },
	{ VIDIOC_CROPCAP, print_cropcap, NULL, 0 },
	{ VIDIOC_G_CROP, print_crop, NULL, 0 },
	{ VIDIOC_S_CROP, print_crop, NULL, 0 },
	{ VIDIOC_G_EXT_CTRLS, print_ext_ctrls, NULL, 0 },
	{ VIDIOC_S_EXT_CTRLS, print_ext_ctrls, NULL, 0 },
	{ VIDIOC_TRY_EXT_CTRLS, print_ext_ctrls, NULL, 0 },
	{ VIDIOC_ENUM_FRAMESIZES, print_framesizes, NULL, 0 },
	{ VIDIOC_ENUM_FRAMEINTERVALS, print_frameintervals, NULL, 0 },
	{ VIDIOC_CREATE_BUFS, print_create_bufs, ret_create_bufs, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_v4l2, rows);
