/* The requests of the video4linux2 and console (kd) ioctl families, for
 * tests/decode_ioctl_4.t: each is made on fd -1, so it fails with EBADF without
 * reaching a device, and what it brings in is shown; the structs are filled in
 * as a device would fill them, so that run under `-e inject=ioctl:retval=0` the
 * printers of what a request gets back are compared too. No device is opened. */
#include <linux/kd.h>
#include <linux/keyboard.h>
#include <linux/videodev2.h>
#include <linux/vt.h>
#include <string.h>
#include <sys/ioctl.h>

#define FOURCC(a, b, c, d) v4l2_fourcc(a, b, c, d)

static void v4l2_caps(void)
{
	struct v4l2_capability cap = {
		.driver = "uvcvideo", .card = "Integrated Camera", .bus_info = "usb-0000:00:14.0-8",
		.version = 0x60100, .capabilities = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING |
			V4L2_CAP_DEVICE_CAPS | V4L2_CAP_META_CAPTURE,
		.device_caps = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING,
	};
	struct v4l2_fmtdesc desc = {
		.index = 1, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .flags = V4L2_FMT_FLAG_COMPRESSED,
		.description = "Motion-JPEG", .pixelformat = V4L2_PIX_FMT_MJPEG,
	};

	ioctl(-1, VIDIOC_QUERYCAP, &cap);
	cap.device_caps = 0;
	cap.capabilities = 0x80000000u | 0x40;
	ioctl(-1, VIDIOC_QUERYCAP, &cap);
	ioctl(-1, VIDIOC_ENUM_FMT, &desc);
	desc.type = 0x77;
	desc.flags = 0x8000;
	desc.pixelformat = FOURCC('a', '\n', '\'', 0xfe);
	ioctl(-1, VIDIOC_ENUM_FMT, &desc);
	ioctl(-1, VIDIOC_QUERYCAP, NULL);
}

static void v4l2_formats(void)
{
	struct v4l2_format f;
	static const unsigned types[] = {
		V4L2_BUF_TYPE_VIDEO_CAPTURE, V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE,
		V4L2_BUF_TYPE_VIDEO_OVERLAY, V4L2_BUF_TYPE_VBI_CAPTURE,
		V4L2_BUF_TYPE_SLICED_VBI_OUTPUT, V4L2_BUF_TYPE_SDR_CAPTURE,
		V4L2_BUF_TYPE_META_CAPTURE, 0x66,
	};
	struct v4l2_clip clips[2] = { { { 1, -2, 3, 4 }, NULL }, { { 5, 6, 7, 8 }, NULL } };

	for (unsigned i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		memset(&f, 0, sizeof(f));
		f.type = types[i];
		switch (types[i]) {
		case V4L2_BUF_TYPE_VIDEO_CAPTURE:
			f.fmt.pix = (struct v4l2_pix_format){ 640, 480, V4L2_PIX_FMT_YUYV,
				V4L2_FIELD_NONE, 1280, 614400, V4L2_COLORSPACE_SRGB, 0, 0, { 0 }, 0, 0 };
			break;
		case V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE:
			f.fmt.pix_mp.width = 1920;
			f.fmt.pix_mp.height = 1080;
			f.fmt.pix_mp.pixelformat = V4L2_PIX_FMT_NV12M;
			f.fmt.pix_mp.field = V4L2_FIELD_INTERLACED;
			f.fmt.pix_mp.colorspace = V4L2_COLORSPACE_REC709;
			f.fmt.pix_mp.num_planes = 2;
			f.fmt.pix_mp.plane_fmt[0].sizeimage = 2073600;
			f.fmt.pix_mp.plane_fmt[0].bytesperline = 1920;
			f.fmt.pix_mp.plane_fmt[1].sizeimage = 1036800;
			f.fmt.pix_mp.plane_fmt[1].bytesperline = 1920;
			break;
		case V4L2_BUF_TYPE_VIDEO_OVERLAY:
			f.fmt.win.w = (struct v4l2_rect){ -1, 2, 320, 240 };
			f.fmt.win.field = V4L2_FIELD_ANY;
			f.fmt.win.chromakey = 0xff00;
			f.fmt.win.clips = clips;
			f.fmt.win.clipcount = 2;
			f.fmt.win.global_alpha = 0x80;
			break;
		case V4L2_BUF_TYPE_VBI_CAPTURE:
			f.fmt.vbi = (struct v4l2_vbi_format){ 27000000, 244, 1440, V4L2_PIX_FMT_GREY,
				{ 10, -273 }, { 16, 16 }, V4L2_VBI_INTERLACED, { 0 } };
			break;
		case V4L2_BUF_TYPE_SLICED_VBI_OUTPUT:
			f.fmt.sliced.service_set = V4L2_SLICED_VPS | V4L2_SLICED_WSS_625;
			f.fmt.sliced.service_lines[0][16] = V4L2_SLICED_VPS;
			f.fmt.sliced.service_lines[1][23] = V4L2_SLICED_WSS_625;
			f.fmt.sliced.io_size = 64;
			break;
		case V4L2_BUF_TYPE_SDR_CAPTURE:
			f.fmt.sdr.pixelformat = V4L2_SDR_FMT_CU8;
			f.fmt.sdr.buffersize = 65536;
			break;
		case V4L2_BUF_TYPE_META_CAPTURE:
			f.fmt.meta.dataformat = V4L2_META_FMT_UVC;
			f.fmt.meta.buffersize = 1024;
			break;
		}
		ioctl(-1, VIDIOC_G_FMT, &f);
		ioctl(-1, VIDIOC_S_FMT, &f);
		ioctl(-1, VIDIOC_TRY_FMT, &f);
	}
	ioctl(-1, VIDIOC_S_FMT, NULL);
}

static void v4l2_buffers(void)
{
	struct v4l2_requestbuffers req = { .count = 4, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
					   .memory = V4L2_MEMORY_MMAP };
	struct v4l2_buffer b = {
		.index = 2, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .bytesused = 614400,
		.flags = V4L2_BUF_FLAG_MAPPED | V4L2_BUF_FLAG_DONE | V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC |
			 V4L2_BUF_FLAG_TSTAMP_SRC_SOE,
		.timestamp = { 1700000000, 123456 }, .memory = V4L2_MEMORY_MMAP, .m.offset = 0x1000,
		.length = 614400,
	};
	struct v4l2_exportbuffer exp = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .index = 1,
					 .plane = 0, .flags = 02000002, .fd = 5 };
	struct v4l2_create_buffers cb = { .index = 4, .count = 2, .memory = V4L2_MEMORY_USERPTR };
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	struct v4l2_framebuffer fb = { .capability = V4L2_FBUF_CAP_EXTERNOVERLAY,
				       .flags = V4L2_FBUF_FLAG_PRIMARY, .base = (void *)0x1000 };

	ioctl(-1, VIDIOC_REQBUFS, &req);
	ioctl(-1, VIDIOC_QUERYBUF, &b);
	ioctl(-1, VIDIOC_QBUF, &b);
	ioctl(-1, VIDIOC_DQBUF, &b);
	b.memory = V4L2_MEMORY_USERPTR;
	b.m.userptr = 0x12345000;
	b.flags = 0x80000000u;
	ioctl(-1, VIDIOC_DQBUF, &b);
	b.memory = V4L2_MEMORY_DMABUF;
	b.flags = 0;
	ioctl(-1, VIDIOC_QBUF, &b);
	ioctl(-1, VIDIOC_EXPBUF, &exp);
	cb.format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	cb.format.fmt.pix.width = 160;
	cb.format.fmt.pix.height = 120;
	cb.format.fmt.pix.pixelformat = V4L2_PIX_FMT_RGB24;
	ioctl(-1, VIDIOC_CREATE_BUFS, &cb);
	ioctl(-1, VIDIOC_G_FBUF, &fb);
	ioctl(-1, VIDIOC_S_FBUF, &fb);
	ioctl(-1, VIDIOC_STREAMON, &type);
	type = 0x55;
	ioctl(-1, VIDIOC_STREAMOFF, &type);
}

static void v4l2_params(void)
{
	struct v4l2_streamparm p = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	v4l2_std_id std = V4L2_STD_PAL_B | V4L2_STD_NTSC_M;
	struct v4l2_standard s = { .index = 3, .id = V4L2_STD_PAL, .name = "PAL",
				   .frameperiod = { 1, 25 }, .framelines = 625 };
	struct v4l2_input in = { .index = 0, .name = "Camera 1", .type = V4L2_INPUT_TYPE_CAMERA,
				 .audioset = 3, .tuner = 1, .std = V4L2_STD_PAL_B,
				 .status = V4L2_IN_ST_NO_POWER, .capabilities = V4L2_IN_CAP_STD };
	int input = 2;

	p.parm.capture.capability = V4L2_CAP_TIMEPERFRAME;
	p.parm.capture.capturemode = V4L2_MODE_HIGHQUALITY;
	p.parm.capture.timeperframe = (struct v4l2_fract){ 1, 30 };
	p.parm.capture.readbuffers = 2;
	ioctl(-1, VIDIOC_G_PARM, &p);
	ioctl(-1, VIDIOC_S_PARM, &p);
	p.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	p.parm.output.extendedmode = 7;
	ioctl(-1, VIDIOC_S_PARM, &p);
	p.type = V4L2_BUF_TYPE_VBI_CAPTURE;
	ioctl(-1, VIDIOC_G_PARM, &p);
	ioctl(-1, VIDIOC_G_STD, &std);
	ioctl(-1, VIDIOC_S_STD, &std);
	ioctl(-1, VIDIOC_ENUMSTD, &s);
	ioctl(-1, VIDIOC_ENUMINPUT, &in);
	ioctl(-1, VIDIOC_G_INPUT, &input);
	ioctl(-1, VIDIOC_S_INPUT, &input);
}

static void v4l2_controls(void)
{
	struct v4l2_control c = { V4L2_CID_BRIGHTNESS, -5 };
	struct v4l2_queryctrl q = { .id = V4L2_CID_CONTRAST | V4L2_CTRL_FLAG_NEXT_CTRL,
				    .type = V4L2_CTRL_TYPE_INTEGER, .name = "Contrast",
				    .minimum = 0, .maximum = 255, .step = 1, .default_value = 32,
				    .flags = V4L2_CTRL_FLAG_SLIDER };
	struct v4l2_querymenu m = { .id = V4L2_CID_POWER_LINE_FREQUENCY, .index = 1,
				    .name = "50 Hz" };
	struct v4l2_ext_control ec[2] = { { .id = V4L2_CID_EXPOSURE_ABSOLUTE, .value = 250 },
					  { .id = V4L2_CID_FOCUS_AUTO, .value = 1 } };
	struct v4l2_ext_controls ecs = { .ctrl_class = V4L2_CTRL_CLASS_CAMERA, .count = 2,
					 .error_idx = 1, .controls = ec };
	struct v4l2_cropcap cc = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .bounds = { 0, 0, 640, 480 },
				   .defrect = { 8, 8, 624, 464 }, .pixelaspect = { 54, 59 } };
	struct v4l2_crop cr = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .c = { 10, -20, 300, 200 } };
	struct v4l2_frmsizeenum fs = { .index = 0, .pixel_format = V4L2_PIX_FMT_YUYV,
				       .type = V4L2_FRMSIZE_TYPE_DISCRETE,
				       .discrete = { 640, 480 } };
	struct v4l2_frmivalenum fi = { .index = 1, .pixel_format = V4L2_PIX_FMT_MJPEG,
				       .width = 640, .height = 480,
				       .type = V4L2_FRMIVAL_TYPE_DISCRETE, .discrete = { 1, 30 } };
	struct v4l2_tuner t = { .index = 0, .name = "Television", .type = V4L2_TUNER_ANALOG_TV,
				.capability = V4L2_TUNER_CAP_NORM | V4L2_TUNER_CAP_STEREO,
				.rangelow = 100, .rangehigh = 2000,
				.rxsubchans = V4L2_TUNER_SUB_STEREO, .audmode = V4L2_TUNER_MODE_STEREO,
				.signal = 65535, .afc = -1 };

	ioctl(-1, VIDIOC_G_CTRL, &c);
	ioctl(-1, VIDIOC_S_CTRL, &c);
	c.id = V4L2_CID_CAMERA_CLASS_BASE + 0x50;
	ioctl(-1, VIDIOC_S_CTRL, &c);
	c.id = 0x7f000001;
	ioctl(-1, VIDIOC_G_CTRL, &c);
	ioctl(-1, VIDIOC_QUERYCTRL, &q);
	ioctl(-1, VIDIOC_QUERYMENU, &m);
	ioctl(-1, VIDIOC_G_EXT_CTRLS, &ecs);
	ioctl(-1, VIDIOC_S_EXT_CTRLS, &ecs);
	ioctl(-1, VIDIOC_TRY_EXT_CTRLS, &ecs);
	ec[1].size = 6;
	ec[1].string = (char *)"hello";
	ioctl(-1, VIDIOC_S_EXT_CTRLS, &ecs);
	ecs.count = 0;
	ioctl(-1, VIDIOC_S_EXT_CTRLS, &ecs);
	ioctl(-1, VIDIOC_CROPCAP, &cc);
	ioctl(-1, VIDIOC_G_CROP, &cr);
	ioctl(-1, VIDIOC_S_CROP, &cr);
	ioctl(-1, VIDIOC_ENUM_FRAMESIZES, &fs);
	fs.type = V4L2_FRMSIZE_TYPE_STEPWISE;
	fs.stepwise = (struct v4l2_frmsize_stepwise){ 16, 1920, 16, 16, 1080, 8 };
	ioctl(-1, VIDIOC_ENUM_FRAMESIZES, &fs);
	ioctl(-1, VIDIOC_ENUM_FRAMEINTERVALS, &fi);
	fi.type = V4L2_FRMIVAL_TYPE_STEPWISE;
	fi.stepwise.min = (struct v4l2_fract){ 1, 60 };
	fi.stepwise.max = (struct v4l2_fract){ 1, 1 };
	fi.stepwise.step = (struct v4l2_fract){ 1, 2 };
	ioctl(-1, VIDIOC_ENUM_FRAMEINTERVALS, &fi);
	ioctl(-1, VIDIOC_G_TUNER, &t);
	ioctl(-1, VIDIOC_S_TUNER, &t);
}

static void kd_calls(void)
{
	int mode = KD_GRAPHICS;
	unsigned char led = LED_CAP | LED_NUM, kbtype = KB_101;
	struct kbentry ent = { K_SHIFTTAB, 30, 0x0b61 };
	struct kbsentry sent = { .kb_func = 1, .kb_string = "\033[[B" };
	struct kbkeycode kc = { 0x1e, 30 };
	struct kbd_repeat rep = { 250, 33 };
	static unsigned char fontdata[8192] = { 0x18, 0x3c };
	static unsigned char scrnmap[E_TABSZ] = { 'a', 'b', 0xff };
	static unsigned short uniscrnmap[E_TABSZ] = { 0x41, 0xf042, 0x2500 };
	static struct kbdiacrs diacrs = { 2, { { '`', 'a', 0xe0 }, { '\'', '\n', 1 } } };
	static struct kbdiacrsuc diacrsuc = { 1, { { 0x300, 0x61, 0xe0 } } };
	struct unimapinit umi = { 1, 2, 3 };
	unsigned char cmap[48] = { 0, 0, 0, 0xaa };
	struct console_font_op op = { KD_FONT_OP_GET, 0, 8, 16, 256, fontdata };
	struct vt_stat vs = { 1, 0, 0x3 };
	struct consolefontdesc cfd = { 2, 16, (char *)fontdata };
	struct unipair pairs[3] = { { 0x41, 1 }, { 0x42, 2 }, { 0x2500, 0 } };
	struct unimapdesc umap = { 3, pairs };

	ioctl(-1, KDSETMODE, KD_GRAPHICS);
	ioctl(-1, KDSETMODE, 7);
	ioctl(-1, KDGETMODE, &mode);
	ioctl(-1, KDSKBMODE, K_UNICODE);
	mode = K_MEDIUMRAW;
	ioctl(-1, KDGKBMODE, &mode);
	ioctl(-1, KDSETLED, LED_SCR | LED_NUM);
	ioctl(-1, KDGETLED, &led);
	ioctl(-1, KDSKBLED, 0x12);
	ioctl(-1, KDGKBLED, &led);
	ioctl(-1, KDGKBTYPE, &kbtype);
	ioctl(-1, KDSKBMETA, K_ESCPREFIX);
	mode = K_METABIT;
	ioctl(-1, KDGKBMETA, &mode);
	ioctl(-1, KIOCSOUND, 1193);
	ioctl(-1, KIOCSOUND, 0);
	ioctl(-1, KIOCSOUND, 0x100000000UL);
	ioctl(-1, KDMKTONE, (100 << 16) | 1193);
	ioctl(-1, KDADDIO, 0x3b5);
	ioctl(-1, KDDELIO, 0x60);
	ioctl(-1, KDENABIO);
	ioctl(-1, KDGKBENT, &ent);
	ioctl(-1, KDSKBENT, &ent);
	ent.kb_table = (1 << KG_SHIFT) | (1 << KG_CTRL);
	ent.kb_value = K_F1;
	ioctl(-1, KDSKBENT, &ent);
	ent.kb_table = K_NORMTAB;
	ent.kb_value = 0x0041;
	ioctl(-1, KDSKBENT, &ent);
	ioctl(-1, KDGKBSENT, &sent);
	ioctl(-1, KDSKBSENT, &sent);
	ioctl(-1, KDGETKEYCODE, &kc);
	ioctl(-1, KDSETKEYCODE, &kc);
	ioctl(-1, KDSIGACCEPT, 10);
	ioctl(-1, KDSIGACCEPT, 0x80000000UL);
	ioctl(-1, KDKBDREP, &rep);
	ioctl(-1, KDFONTOP, &op);
	ioctl(-1, GIO_SCRNMAP, scrnmap);
	ioctl(-1, PIO_SCRNMAP, scrnmap);
	ioctl(-1, GIO_UNISCRNMAP, uniscrnmap);
	ioctl(-1, PIO_UNISCRNMAP, uniscrnmap);
	ioctl(-1, KDGKBDIACR, &diacrs);
	ioctl(-1, KDSKBDIACR, &diacrs);
	ioctl(-1, KDGKBDIACRUC, &diacrsuc);
	ioctl(-1, KDSKBDIACRUC, &diacrsuc);
	ioctl(-1, PIO_UNIMAPCLR, &umi);
	ioctl(-1, GIO_CMAP, cmap);
	ioctl(-1, PIO_CMAP, cmap);
	ioctl(-1, GIO_FONT, fontdata);
	ioctl(-1, PIO_FONT, fontdata);
	ioctl(-1, KDDISABIO);
	ioctl(-1, KDMAPDISP);
	ioctl(-1, PIO_FONTRESET);
	ioctl(-1, GIO_FONTX, &cfd);
	ioctl(-1, PIO_FONTX, &cfd);
	ioctl(-1, GIO_UNIMAP, &umap);
	ioctl(-1, PIO_UNIMAP, &umap);
	op.op = KD_FONT_OP_SET;
	op.charcount = 2;
	ioctl(-1, KDFONTOP, &op);
	op.op = KD_FONT_OP_SET_DEFAULT;
	op.data = (unsigned char *)"default8x16";
	ioctl(-1, KDFONTOP, &op);
	op.op = KD_FONT_OP_COPY;
	ioctl(-1, KDFONTOP, &op);
	ioctl(-1, VT_GETSTATE, &vs);
	ioctl(-1, VT_ACTIVATE, 3);
	ioctl(-1, VT_WAITACTIVE, 3);
	ioctl(-1, VT_OPENQRY, &mode);
}

int main(void)
{
	v4l2_caps();
	v4l2_formats();
	v4l2_buffers();
	v4l2_params();
	v4l2_controls();
	kd_calls();
	return 0;
}
