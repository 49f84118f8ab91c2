/* The requests of the IDE disk (hdio) and infrared remote (lirc) families, on
 * fd -1 with every struct filled in as the kernel would fill it, for
 * tests/decode_ioctl_6.t: run as it is, each call fails with EBADF (what a
 * request brings in is shown); run under -e inject=ioctl:retval=0, each
 * "succeeds" without reaching the kernel, so what a request gets back is
 * printed from this data. No device is opened. */
#include <linux/hdreg.h>
#include <linux/lirc.h>
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

int main(void)
{
	hdio_calls();
	lirc_calls();
	return 0;
}
