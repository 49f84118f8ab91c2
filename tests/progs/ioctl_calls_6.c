/* The requests of the IDE disk (hdio), infrared remote (lirc), Trusted
 * Execution Environment (tee) and GPIO families, on fd -1 with every struct
 * filled in as the kernel would fill it, for tests/decode_ioctl_6.t: run as it
 * is, each call fails with EBADF (what a request brings in is shown); run under
 * -e inject=ioctl:retval=0, each "succeeds" without reaching the kernel, so
 * what a request gets back is printed from this data. No device is opened. */
#include <linux/gpio.h>
#include <linux/hdreg.h>
#include <linux/lirc.h>
#include <linux/tee.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>

static void hdio_calls(void)
{
	struct hd_geometry geo = { .heads = 16, .sectors = 63, .cylinders = 16383, .start = 2048 };
	/* the header (command, sector, feature, count), then a sector read */
	unsigned char cmd[4 + 512] = { 0xec, 0, 0, 1 };
	unsigned char ident[512];
	unsigned hwif[3] = { 0x1f0, 0x3f6, 14 };
	unsigned long val = 1;

	for (size_t i = 0; i < sizeof(ident); i++)
		ident[i] = (unsigned char)(' ' + i % 95);
	memcpy(cmd + 4, "\x40\x00\xff\x3f", 4);
	ioctl(-1, HDIO_GETGEO, &geo);
	ioctl(-1, HDIO_DRIVE_CMD, cmd);
	cmd[0] = 0x77; /* no command of that number */
	cmd[3] = 0;
	ioctl(-1, HDIO_DRIVE_CMD, cmd);
	ioctl(-1, HDIO_GET_IDENTITY, ident);
	ioctl(-1, HDIO_OBSOLETE_IDENTITY, ident);
	ioctl(-1, HDIO_DRIVE_RESET, hwif);
	ioctl(-1, HDIO_SCAN_HWIF, hwif);
	ioctl(-1, HDIO_GET_32BIT, &val);
	ioctl(-1, HDIO_GET_MULTCOUNT, &val);
	ioctl(-1, HDIO_GET_DMA, &val);
	val = 1 << IDE_NICE_DSC_OVERLAP | 1 << IDE_NICE_1;
	ioctl(-1, HDIO_GET_NICE, &val);
	val = 0x40;
	ioctl(-1, HDIO_GET_NICE, &val);
	val = BUSSTATE_TRISTATE;
	ioctl(-1, HDIO_GET_BUSSTATE, &val);
	ioctl(-1, HDIO_SET_NICE, 1 << IDE_NICE_0);
	ioctl(-1, HDIO_SET_BUSSTATE, BUSSTATE_ON);
	ioctl(-1, HDIO_SET_BUSSTATE, 9);
	ioctl(-1, HDIO_SET_32BIT, 1);
	ioctl(-1, HDIO_SET_MULTCOUNT, 16);
	ioctl(-1, HDIO_UNREGISTER_HWIF, 2);
	ioctl(-1, HDIO_SET_XFER, 0x42); /* strace leaves it in hex */
	ioctl(-1, HDIO_GETGEO, NULL);
	ioctl(-1, HDIO_DRIVE_CMD, NULL);
}

static void lirc_calls(void)
{
	unsigned v = LIRC_CAN_SEND_PULSE | LIRC_CAN_SET_TRANSMITTER_MASK | LIRC_CAN_REC_MODE2 |
		     LIRC_CAN_GET_REC_RESOLUTION | 0x1;

	ioctl(-1, LIRC_GET_FEATURES, &v);
	v = 0;
	ioctl(-1, LIRC_GET_FEATURES, &v);
	v = LIRC_MODE_PULSE;
	ioctl(-1, LIRC_GET_SEND_MODE, &v);
	v = LIRC_MODE_MODE2;
	ioctl(-1, LIRC_GET_REC_MODE, &v);
	ioctl(-1, LIRC_SET_REC_MODE, &v);
	v = 7;
	ioctl(-1, LIRC_SET_SEND_MODE, &v);
	v = 50;
	ioctl(-1, LIRC_GET_REC_RESOLUTION, &v);
	v = 125000;
	ioctl(-1, LIRC_GET_REC_TIMEOUT, &v);
	ioctl(-1, LIRC_SET_REC_TIMEOUT, &v);
	v = 38000;
	ioctl(-1, LIRC_SET_SEND_CARRIER, &v);
	v = 0x5;
	ioctl(-1, LIRC_SET_TRANSMITTER_MASK, &v);
	v = 1;
	ioctl(-1, LIRC_SET_WIDEBAND_RECEIVER, &v);
	ioctl(-1, LIRC_SET_SEND_MODE, NULL);
}

/* A TEE request's struct and its parameters, in one buffer. */
union tee_arg {
	struct tee_ioctl_open_session_arg open;
	struct tee_ioctl_invoke_arg invoke;
	struct tee_iocl_supp_recv_arg recv;
	struct tee_iocl_supp_send_arg send;
	unsigned char bytes[TEE_MAX_ARG_SIZE];
};

static struct tee_ioctl_param *tee_params(union tee_arg *a, size_t size)
{
	return (struct tee_ioctl_param *)(a->bytes + size);
}

static void tee_calls(void)
{
	union tee_arg tee_arg = { 0 };
	struct tee_ioctl_version_data ver = { TEE_IMPL_ID_OPTEE, TEE_OPTEE_CAP_TZ,
					      TEE_GEN_CAP_GP | TEE_GEN_CAP_REG_MEM };
	struct tee_ioctl_shm_alloc_data alloc = { .size = 0x1000, .flags = 0, .id = 5 };
	struct tee_ioctl_shm_register_data reg = { .addr = 0x10000, .length = 0x2000, .id = 6 };
	struct tee_ioctl_cancel_arg cancel = { .cancel_id = 3, .session = 0x1234 };
	struct tee_ioctl_close_session_arg close_session = { .session = 0x1234 };
	struct tee_ioctl_buf_data buf = { (uintptr_t)&tee_arg, 0 };
	struct tee_ioctl_param *p;

	ioctl(-1, TEE_IOC_VERSION, &ver);
	ver = (struct tee_ioctl_version_data){ 7, 0x3, TEE_GEN_CAP_PRIVILEGED | 0x100 };
	ioctl(-1, TEE_IOC_VERSION, &ver);
	ioctl(-1, TEE_IOC_SHM_ALLOC, &alloc);
	ioctl(-1, TEE_IOC_SHM_REGISTER, &reg);
	ioctl(-1, TEE_IOC_CANCEL, &cancel);
	ioctl(-1, TEE_IOC_CLOSE_SESSION, &close_session);

	/* a session with every kind of parameter: values, memory references,
	 * one with TEE_IOCTL_PARAM_ATTR_META and one of no known type */
	for (int i = 0; i < TEE_IOCTL_UUID_LEN; i++) {
		tee_arg.open.uuid[i] = (unsigned char)(i * 0x11);
		tee_arg.open.clnt_uuid[i] = (unsigned char)i;
	}
	tee_arg.open.clnt_login = TEE_IOCTL_LOGIN_GROUP;
	tee_arg.open.cancel_id = 1;
	tee_arg.open.num_params = 5;
	p = tee_params(&tee_arg, sizeof(tee_arg.open));
	p[0] = (struct tee_ioctl_param){ TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT, 1, 2, 3 };
	p[1] = (struct tee_ioctl_param){ TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT, 0x10, 0x20, 7 };
	p[2] = (struct tee_ioctl_param){
		TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT | TEE_IOCTL_PARAM_ATTR_META, 0x10, 0x20, 7
	};
	p[3] = (struct tee_ioctl_param){ 0x44, 5, 6, 7 };
	p[4] = (struct tee_ioctl_param){ TEE_IOCTL_PARAM_ATTR_TYPE_NONE, 0, 0, 0 };
	/* what the TEE says back */
	tee_arg.open.session = 0xabc;
	tee_arg.open.ret = 0;
	tee_arg.open.ret_origin = 3; /* TEEC_ORIGIN_TEE */
	buf.buf_len = sizeof(tee_arg.open) + 5 * sizeof(*p);
	ioctl(-1, TEE_IOC_OPEN_SESSION, &buf);
	tee_arg.open.clnt_login = TEE_IOCTL_LOGIN_PUBLIC;
	ioctl(-1, TEE_IOC_OPEN_SESSION, &buf);
	tee_arg.open.clnt_login = 0x80000000; /* the kernel's own */
	ioctl(-1, TEE_IOC_OPEN_SESSION, &buf);
	buf.buf_len--; /* not a whole number of parameters */
	ioctl(-1, TEE_IOC_OPEN_SESSION, &buf);
	buf.buf_len = TEE_MAX_ARG_SIZE + 1;
	ioctl(-1, TEE_IOC_OPEN_SESSION, &buf);

	memset(&tee_arg, 0, sizeof(tee_arg));
	tee_arg.invoke = (struct tee_ioctl_invoke_arg){ .func = 5, .session = 0xabc, .cancel_id = 1,
							.ret = 0xffff0006, .ret_origin = 4,
							.num_params = 2 };
	p = tee_params(&tee_arg, sizeof(tee_arg.invoke));
	p[0] = (struct tee_ioctl_param){ TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT, 1, 2, 3 };
	p[1] = (struct tee_ioctl_param){ TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT, 0, 0x100, 2 };
	buf.buf_len = sizeof(tee_arg.invoke) + 2 * sizeof(*p);
	ioctl(-1, TEE_IOC_INVOKE, &buf);
	tee_arg.invoke.num_params = 0;
	buf.buf_len = sizeof(tee_arg.invoke);
	ioctl(-1, TEE_IOC_INVOKE, &buf);

	memset(&tee_arg, 0, sizeof(tee_arg));
	tee_arg.recv = (struct tee_iocl_supp_recv_arg){ .func = 9, .num_params = 1 };
	p = tee_params(&tee_arg, sizeof(tee_arg.recv));
	p[0] = (struct tee_ioctl_param){ TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT, 1, 2, 3 };
	buf.buf_len = sizeof(tee_arg.recv) + sizeof(*p);
	ioctl(-1, TEE_IOC_SUPPL_RECV, &buf);
	tee_arg.send = (struct tee_iocl_supp_send_arg){ .ret = 0, .num_params = 1 };
	ioctl(-1, TEE_IOC_SUPPL_SEND, &buf);
	ioctl(-1, TEE_IOC_VERSION, NULL);
	buf.buf_ptr = 0;
	ioctl(-1, TEE_IOC_INVOKE, &buf);
}

static void gpio_v1_calls(void)
{
	struct gpiochip_info chip = { "gpiochip0", "pinctrl-bcm2711", 58 };
	__u32 offset = 7;
	struct gpioline_info line = { .line_offset = 4,
				      .flags = GPIOLINE_FLAG_KERNEL | GPIOLINE_FLAG_IS_OUT | 0x100,
				      .name = "GPIO4",
				      .consumer = "led" };
	struct gpiohandle_request handle = {
		.lineoffsets = { 1, 2, 3 },
		.flags = GPIOHANDLE_REQUEST_OUTPUT | GPIOHANDLE_REQUEST_ACTIVE_LOW,
		.default_values = { 1, 0, 1 },
		.consumer_label = "blinker",
		.lines = 3,
		.fd = 5,
	};
	struct gpioevent_request event = { .lineoffset = 4,
					   .handleflags = GPIOHANDLE_REQUEST_INPUT,
					   .eventflags = GPIOEVENT_REQUEST_BOTH_EDGES,
					   .consumer_label = "button",
					   .fd = 6 };
	struct gpiohandle_data data = { { 1, 0, 1, 1 } };
	struct gpiohandle_config config = { .flags = GPIOHANDLE_REQUEST_OUTPUT | 0x1000,
					    .default_values = { 1 } };

	ioctl(-1, GPIO_GET_CHIPINFO_IOCTL, &chip);
	ioctl(-1, GPIO_GET_LINEINFO_UNWATCH_IOCTL, &offset);
	ioctl(-1, GPIO_GET_LINEINFO_IOCTL, &line);
	memset(line.name, 'x', sizeof(line.name)); /* no NUL */
	line.flags = GPIOLINE_FLAG_BIAS_DISABLE;
	ioctl(-1, GPIO_GET_LINEINFO_WATCH_IOCTL, &line);
	ioctl(-1, GPIO_GET_LINEHANDLE_IOCTL, &handle);
	handle.lines = 70; /* more than the arrays hold */
	ioctl(-1, GPIO_GET_LINEHANDLE_IOCTL, &handle);
	ioctl(-1, GPIO_GET_LINEEVENT_IOCTL, &event);
	event.eventflags = 0x10;
	ioctl(-1, GPIO_GET_LINEEVENT_IOCTL, &event);
	ioctl(-1, GPIOHANDLE_GET_LINE_VALUES_IOCTL, &data);
	ioctl(-1, GPIOHANDLE_SET_LINE_VALUES_IOCTL, &data);
	ioctl(-1, GPIOHANDLE_SET_CONFIG_IOCTL, &config);
	ioctl(-1, GPIO_GET_CHIPINFO_IOCTL, NULL);
}

static void gpio_v2_calls(void)
{
	struct gpio_v2_line_info info = { .name = "GPIO4", .consumer = "c", .offset = 4,
					  .num_attrs = 3,
					  .flags = GPIO_V2_LINE_FLAG_USED | GPIO_V2_LINE_FLAG_OUTPUT };
	struct gpio_v2_line_request req = { .offsets = { 1, 2 }, .consumer = "cons", .num_lines = 2,
					    .fd = 9 };
	struct gpio_v2_line_values values = { .bits = 0x5, .mask = 0x7 };

	info.attrs[0].id = GPIO_V2_LINE_ATTR_ID_FLAGS;
	info.attrs[0].flags = GPIO_V2_LINE_FLAG_ACTIVE_LOW;
	info.attrs[1].id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
	info.attrs[1].values = 0x5;
	info.attrs[2].id = GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
	info.attrs[2].debounce_period_us = 100;
	ioctl(-1, GPIO_V2_GET_LINEINFO_IOCTL, &info);
	info.attrs[1].id = 9; /* no attribute of that id */
	info.attrs[2].padding = 1;
	info.padding[1] = 2;
	ioctl(-1, GPIO_V2_GET_LINEINFO_WATCH_IOCTL, &info);

	req.config.flags = GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_RISING;
	req.config.num_attrs = 2;
	req.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
	req.config.attrs[0].attr.debounce_period_us = 10;
	req.config.attrs[0].mask = 3;
	req.config.attrs[1].attr.id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
	req.config.attrs[1].attr.values = 1;
	req.config.attrs[1].mask = 1;
	ioctl(-1, GPIO_V2_GET_LINE_IOCTL, &req);
	req.event_buffer_size = 16;
	req.padding[0] = 1;
	req.config.padding[2] = 3;
	ioctl(-1, GPIO_V2_GET_LINE_IOCTL, &req);
	ioctl(-1, GPIO_V2_LINE_SET_CONFIG_IOCTL, &req.config);
	req.config.num_attrs = 12; /* more than it holds */
	req.config.flags = GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME | 1ULL << 40;
	ioctl(-1, GPIO_V2_LINE_SET_CONFIG_IOCTL, &req.config);
	ioctl(-1, GPIO_V2_LINE_GET_VALUES_IOCTL, &values);
	ioctl(-1, GPIO_V2_LINE_SET_VALUES_IOCTL, &values);
}

int main(void)
{
	hdio_calls();
	lirc_calls();
	tee_calls();
	gpio_v1_calls();
	gpio_v2_calls();
	return 0;
}
