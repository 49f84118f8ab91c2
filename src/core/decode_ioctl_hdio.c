/* ioctls of IDE/ATA disks (linux/hdreg.h), as strace 6.1 prints them: the
 * geometry, HDIO_DRIVE_CMD's command header and what the drive answered (with
 * the sectors read, in hex), the identity as a string, the settings read back
 * (unsigned longs; the "nice" bits and the bus state by name) and the settings
 * made by value. The requests strace leaves alone show their argument in hex. */
#include "decode_ioctl_family.h"

#include <errno.h>
#include <linux/hdreg.h>

#include "ioctl_arg_names.h"

static void print_geometry(struct sg_dctx *d, uint64_t arg)
{
	struct hd_geometry g;

	if (sg_fetch(d, arg, &g, sizeof(g)) == 0)
		sg_str_addf(d->out, "{heads=%u, sectors=%u, cylinders=%u, start=%lu}", g.heads,
			    g.sectors, g.cylinders, g.start);
}

/* The sectors read after the answer, -s bytes of them in hex. */
static void print_sectors(struct sg_dctx *d, uint64_t addr, uint64_t len)
{
	size_t want = len < (uint64_t)d->o->strsize ? (size_t)len : (size_t)d->o->strsize;
	unsigned char buf[1024];

	if (want > sizeof(buf))
		want = sizeof(buf);
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

/* The command as given; after a success (or an I/O error, when the drive said
 * why) the status, error and sector count it left there, and the sectors. */
static void print_drive_cmd(struct sg_dctx *d, uint64_t arg)
{
	const unsigned char *in = sg_ioctl_before(d, 4);
	unsigned char now[4];

	if (!in) {
		sg_print_ptr(d->out, arg);
		return;
	}
	sg_str_add(d->out, "{command=");
	sg_print_xval(d->out, sg_hdio_drive_cmds, in[0], "ATA_CMD_???");
	sg_str_addf(d->out, ", sector_number=%u, feature=%u, sector_count=%u}", in[1], in[2],
		    in[3]);
	if ((d->c->is_error && d->c->ret != -EIO) ||
	    sg_call_read(d->c, arg, now, sizeof(now)) != (ssize_t)sizeof(now))
		return;
	sg_str_addf(d->out, " => {status=%#x, error=%u, nsector=%u", now[0], now[1], now[2]);
	if (now[3]) {
		sg_str_add(d->out, ", buf=");
		print_sectors(d, arg + 4, (uint64_t)now[3] * 512);
	}
	sg_str_addc(d->out, '}');
}

static void print_identity(struct sg_dctx *d, uint64_t arg)
{
	sg_print_tracee_buf(d, arg, (unsigned)sg_arg(d, 1) == HDIO_GET_IDENTITY ? 512 : 142);
}

/* Three words in hex: the ports and irq of an interface (-s of them, as
 * strace shows an array). */
static void print_hwif(struct sg_dctx *d, uint64_t arg)
{
	unsigned w[3];

	if (sg_fetch(d, arg, w, sizeof(w)) < 0)
		return;
	for (unsigned i = 0; i < 3; i++) {
		sg_str_add(d->out, i ? ", " : "[");
		if (!sg_unabbreviated(d) && i >= (unsigned)d->o->strsize) {
			sg_str_add(d->out, "...");
			break;
		}
		sg_str_addf(d->out, "%#x", w[i]);
	}
	sg_str_addc(d->out, ']');
}

static void print_ulong(struct sg_dctx *d, uint64_t arg)
{
	unsigned long v;

	if (sg_fetch(d, arg, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%lu]", v);
}

static void print_nice(struct sg_dctx *d, uint64_t arg)
{
	unsigned long v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	sg_print_flags_as(d->out, sg_hdio_ide_nice, v, "0", "IDE_NICE_???");
	sg_str_addc(d->out, ']');
}

static void print_busstate(struct sg_dctx *d, uint64_t arg)
{
	unsigned long v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	sg_print_xval(d->out, sg_hdio_busstates, v, "BUSSTATE_???");
	sg_str_addc(d->out, ']');
}

static void print_set_nice(struct sg_dctx *d, uint64_t arg)
{
	sg_print_flags_as(d->out, sg_hdio_ide_nice, arg, "0", "IDE_NICE_???");
}

static void print_set_busstate(struct sg_dctx *d, uint64_t arg)
{
	sg_print_xval(d->out, sg_hdio_busstates, arg, "BUSSTATE_???");
}

static const struct sg_ioctl_printer rows[] = {
	{ HDIO_GETGEO, print_geometry, NULL, 0 },
	{ HDIO_DRIVE_CMD, print_drive_cmd, NULL, 0 },
	{ HDIO_GET_IDENTITY, print_identity, NULL, 0 },
	{ HDIO_OBSOLETE_IDENTITY, print_identity, NULL, 0 },
	{ HDIO_DRIVE_RESET, print_hwif, NULL, 0 },
	{ HDIO_SCAN_HWIF, print_hwif, NULL, 0 },
	{ HDIO_GET_32BIT, print_ulong, NULL, 0 },
	{ HDIO_GET_ACOUSTIC, print_ulong, NULL, 0 },
	{ HDIO_GET_ADDRESS, print_ulong, NULL, 0 },
	{ HDIO_GET_DMA, print_ulong, NULL, 0 },
	{ HDIO_GET_KEEPSETTINGS, print_ulong, NULL, 0 },
	{ HDIO_GET_MULTCOUNT, print_ulong, NULL, 0 },
	{ HDIO_GET_NOWERR, print_ulong, NULL, 0 },
	{ HDIO_GET_UNMASKINTR, print_ulong, NULL, 0 },
	{ HDIO_GET_WCACHE, print_ulong, NULL, 0 },
	{ HDIO_GET_NICE, print_nice, NULL, 0 },
	{ HDIO_GET_BUSSTATE, print_busstate, NULL, 0 },
	{ HDIO_SET_NICE, print_set_nice, NULL, 0 },
	{ HDIO_SET_BUSSTATE, print_set_busstate, NULL, 0 },
	{ HDIO_SET_32BIT, sg_ioctl_val_u, NULL, 0 },
	{ HDIO_SET_ACOUSTIC, sg_ioctl_val_u, NULL, 0 },
	{ HDIO_SET_ADDRESS, sg_ioctl_val_u, NULL, 0 },
	{ HDIO_SET_DMA, sg_ioctl_val_u, NULL, 0 },
	{ HDIO_SET_KEEPSETTINGS, sg_ioctl_val_u, NULL, 0 },
	{ HDIO_SET_MULTCOUNT, sg_ioctl_val_u, NULL, 0 },
	{ HDIO_SET_NOWERR, sg_ioctl_val_u, NULL, 0 },
	{ HDIO_SET_PIO_MODE, sg_ioctl_val_u, NULL, 0 },
	{ HDIO_SET_UNMASKINTR, sg_ioctl_val_u, NULL, 0 },
	{ HDIO_SET_WCACHE, sg_ioctl_val_u, NULL, 0 },
	{ HDIO_UNREGISTER_HWIF, sg_ioctl_val_u, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_hdio, rows);
