/* The requests of the PTP clock, memory technology device (and the sound
 * mixer's names for type 'M'), UBI and network block device families, on fd -1 with
 * every struct filled in as the kernel would fill it, for tests/decode_ioctl_5.t:
 * run as it is, each call fails with EBADF (what a request brings in is shown);
 * run under -e inject=ioctl:retval=0, each "succeeds" without reaching the
 * kernel, so what a request gets back is printed from this data. No device is
 * opened. */
#include <linux/nbd.h>
#include <linux/ptp_clock.h>
#include <mtd/mtd-abi.h>
#include <mtd/ubi-user.h>
#include <string.h>
#include <sys/ioctl.h>

static void ptp_calls(void)
{
	struct ptp_clock_caps caps = { .max_adj = 1000, .n_ext_ts = 2, .pps = 1, .n_pins = 4 };
	struct ptp_extts_request extts = { .index = 1, .flags = PTP_ENABLE_FEATURE | PTP_RISING_EDGE };
	struct ptp_perout_request perout = { .start = { 1700000000, 5, 0 }, .period = { 1, 0, 0 },
					     .index = 2, .flags = PTP_PEROUT_ONE_SHOT };
	struct ptp_sys_offset off = { .n_samples = 2 };
	struct ptp_pin_desc pin = { .name = "SMA1", .index = 1, .func = PTP_PF_EXTTS, .chan = 3 };

	for (int i = 0; i < 5; i++)
		off.ts[i] = (struct ptp_clock_time){ 1700000000 + i, (unsigned)i * 100, 0 };
	ioctl(-1, PTP_CLOCK_GETCAPS, &caps);
	ioctl(-1, PTP_EXTTS_REQUEST, &extts);
	ioctl(-1, PTP_PEROUT_REQUEST, &perout);
	perout.flags = PTP_PEROUT_PHASE | PTP_PEROUT_DUTY_CYCLE;
	perout.on = (struct ptp_clock_time){ 0, 500, 0 };
	ioctl(-1, PTP_PEROUT_REQUEST2, &perout);
	ioctl(-1, PTP_ENABLE_PPS, 1);
	ioctl(-1, PTP_SYS_OFFSET, &off);
	ioctl(-1, PTP_PIN_GETFUNC, &pin);
	ioctl(-1, PTP_PIN_SETFUNC, &pin);
}

static void mtd_calls(void)
{
	struct erase_info_user erase = { 0x1000, 0x2000 };
	struct erase_info_user64 erase64 = { 0x100000000ULL, 0x2000 };
	struct mtd_oob_buf oob = { 0x200, 0x40, NULL };
	struct mtd_info_user info = { MTD_NANDFLASH, MTD_WRITEABLE, 0x100000, 0x20000, 0x800, 0x40, 0 };
	struct mtd_write_req wr = { .start = 0x800, .len = 0x800, .mode = MTD_OPS_RAW };
	struct mtd_ecc_stats stats = { 1, 2, 3, 4 };
	struct region_info_user region = { .regionindex = 1, .offset = 0x4000, .erasesize = 0x1000,
					   .numblocks = 8 };
	unsigned otp = MTD_OTP_USER;
	int count = 3;
	long long block = 0x20000;

	ioctl(-1, MEMERASE, &erase);
	ioctl(-1, MEMERASE64, &erase64);
	ioctl(-1, MEMREADOOB, &oob);
	ioctl(-1, MEMGETINFO, &info);
	ioctl(-1, MEMWRITE, &wr);
	ioctl(-1, ECCGETSTATS, &stats);
	ioctl(-1, MEMGETREGIONINFO, &region);
	ioctl(-1, MEMGETREGIONCOUNT, &count);
	ioctl(-1, OTPSELECT, &otp);
	ioctl(-1, MTDFILEMODE, MTD_FILE_MODE_RAW);
	ioctl(-1, MEMGETBADBLOCK, &block);
}

static void nbd_calls(void)
{
	ioctl(-1, NBD_SET_SOCK, 0);
	ioctl(-1, NBD_SET_BLKSIZE, 4096);
	ioctl(-1, NBD_SET_SIZE_BLOCKS, 1024);
	ioctl(-1, NBD_SET_FLAGS, NBD_FLAG_READ_ONLY | NBD_FLAG_SEND_FLUSH);
	ioctl(-1, NBD_DO_IT);
	ioctl(-1, NBD_DISCONNECT);
}

static void ubi_calls(void)
{
	struct ubi_mkvol_req mk = { .vol_id = 1, .alignment = 1, .bytes = 1000,
				    .vol_type = UBI_DYNAMIC_VOLUME, .name_len = 3, .name = "vol" };
	struct ubi_rsvol_req rs = { .bytes = 2000, .vol_id = 1 };
	struct ubi_rnvol_req rn = { .count = 1, .ents = { { .vol_id = 1, .name_len = 4,
							   .name = "root" } } };
	struct ubi_attach_req att = { .ubi_num = -1, .mtd_num = 2, .max_beb_per1024 = 20 };
	struct ubi_leb_change_req leb = { .lnum = 3, .bytes = 4096, .dtype = 1 };
	struct ubi_set_vol_prop_req prop = { .property = UBI_VOL_PROP_DIRECT_WRITE, .value = 1 };
	long long bytes = 8192;
	int num = 1;

	ioctl(-1, UBI_IOCMKVOL, &mk);
	ioctl(-1, UBI_IOCRSVOL, &rs);
	ioctl(-1, UBI_IOCRNVOL, &rn);
	ioctl(-1, UBI_IOCATT, &att);
	ioctl(-1, UBI_IOCEBCH, &leb);
	ioctl(-1, UBI_IOCSETVOLPROP, &prop);
	ioctl(-1, UBI_IOCVOLUP, &bytes);
	ioctl(-1, UBI_IOCRMVOL, &num);
	ioctl(-1, UBI_IOCVOLCRBLK);
}

int main(void)
{
	ptp_calls();
	mtd_calls();
	nbd_calls();
	ubi_calls();
	return 0;
}
