/* Issues the ioctls of the terminal, socket, block, loop, file system, random,
 * RTC, inotify and watchdog families with harmless arguments, for
 * tests/decode_ioctl_3.t: on fd -1 (every argument is shown as the request would
 * bring it in, nothing is done), and where it is safe on a pseudo-terminal, a
 * loopback AF_INET socket, a regular file in a temporary directory, /dev/urandom
 * (read only) and an inotify fd. No block, loop, RTC or watchdog device is
 * opened (opening a watchdog starts its timer). Failures are expected and
 * ignored. */
#include <fcntl.h>
#include <linux/blkpg.h>
#include <linux/fs.h>
#include <linux/loop.h>
#include <linux/random.h>
#include <linux/rtc.h>
#include <linux/sockios.h>
#include <linux/termios.h>
#include <linux/watchdog.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <unistd.h>

/* <sys/ioctl.h> would bring libc's struct termio, which <linux/termios.h>
 * defines too: the kernel's layouts are the ones wanted here. */
int ioctl(int fd, unsigned long req, ...);

/* linux/inotify.h's, which cannot be included beside <fcntl.h> */
#ifndef INOTIFY_IOC_SETNEXTWD
#define INOTIFY_IOC_SETNEXTWD _IOW('I', 0, int)
#endif

static void term_calls(void)
{
	int pty = posix_openpt(O_RDWR | O_NOCTTY);
	struct termios2 t2;
	struct termio tio;
	struct termios tios;
	struct winsize ws = { .ws_row = 25, .ws_col = 81, .ws_xpixel = 1, .ws_ypixel = 2 };
	int n = 0, modem = TIOCM_DTR | TIOCM_RTS, odd = 0x10000000 | TIOCM_CAR;
	char c = 'x';

	memset(&t2, 0, sizeof(t2));
	memset(&tio, 0, sizeof(tio));
	ioctl(pty, TCGETS2, &t2);
	ioctl(pty, TCSETS2, &t2);
	ioctl(pty, TCSETSW2, &t2);
	ioctl(pty, TCSETSF2, &t2);
	ioctl(-1, TCGETS2, &t2);
	ioctl(pty, TCGETA, &tio);
	ioctl(pty, TCSETA, &tio);
	ioctl(pty, TCSETAW, &tio);
	ioctl(pty, TCSETAF, &tio);
	ioctl(-1, TCGETA, &tio);
	ioctl(pty, TIOCGLCKTRMIOS, &tios);
	ioctl(-1, TIOCSLCKTRMIOS, &tios);
	ioctl(-1, TIOCSWINSZ, &ws);
	ioctl(-1, TIOCGWINSZ, &ws);
	ioctl(-1, TCXONC, TCOOFF);
	ioctl(-1, TCXONC, 7);
	ioctl(-1, TCFLSH, TCIOFLUSH);
	ioctl(-1, TCFLSH, 9);
	ioctl(-1, TCSBRK, 0);
	ioctl(-1, TCSBRKP, 3);
	ioctl(pty, TIOCMGET, &n);
	ioctl(-1, TIOCMGET, &n);
	ioctl(-1, TIOCMSET, &modem);
	ioctl(-1, TIOCMBIS, &odd);
	ioctl(-1, TIOCMBIC, &n);
	ioctl(-1, TIOCGPGRP, &n);
	ioctl(-1, TIOCSPGRP, &n);
	ioctl(-1, TIOCGSID, &n);
	ioctl(pty, TIOCGETD, &n);
	ioctl(-1, TIOCSETD, &n);
	ioctl(pty, TIOCOUTQ, &n);
	ioctl(pty, FIONREAD, &n);
	ioctl(pty, TIOCGEXCL, &n);
	ioctl(-1, TIOCGDEV, &n);
	ioctl(-1, TIOCPKT, &n);
	ioctl(-1, TIOCSTI, &c);
	ioctl(-1, TIOCSBRK);
	ioctl(-1, TIOCCBRK);
	ioctl(-1, TIOCSCTTY, 1);
	ioctl(-1, TIOCVHANGUP);
	ioctl(-1, TIOCCONS);
	close(pty);
}

static void ifreq_name(struct ifreq *r, const char *name)
{
	memset(r, 0, sizeof(*r));
	strncpy(r->ifr_name, name, IFNAMSIZ - 1);
}

static void sock_get_calls(int s)
{
	static const unsigned long gets[] = {
		SIOCGIFFLAGS, SIOCGIFMTU,    SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR,
		SIOCGIFDSTADDR, SIOCGIFHWADDR, SIOCGIFMETRIC, SIOCGIFTXQLEN, SIOCGIFMAP,
	};
	struct ifreq r;

	memset(&r, 0, sizeof(r));
	r.ifr_ifindex = 1;
	ioctl(s, SIOCGIFNAME, &r);
	ioctl(-1, SIOCGIFNAME, &r);
	ifreq_name(&r, "lo");
	ioctl(s, SIOCGIFINDEX, &r);
	for (size_t i = 0; i < sizeof(gets) / sizeof(gets[0]); i++) {
		ifreq_name(&r, "lo");
		ioctl(s, gets[i], &r);
		ioctl(-1, gets[i], &r);
	}
	ifreq_name(&r, "no-such-if");
	ioctl(s, SIOCGIFMTU, &r);
}

static void sock_set_calls(void)
{
	struct ifreq r;
	int n = 42;

	ifreq_name(&r, "lo");
	r.ifr_flags = IFF_UP | IFF_LOOPBACK | 0x8000;
	ioctl(-1, SIOCSIFFLAGS, &r);
	r.ifr_mtu = 1280;
	ioctl(-1, SIOCSIFMTU, &r);
	ifreq_name(&r, "lo");
	r.ifr_addr.sa_family = AF_INET;
	ioctl(-1, SIOCSIFADDR, &r);
	ioctl(-1, SIOCSIFNETMASK, &r);
	strcpy(r.ifr_newname, "lo2");
	ioctl(-1, SIOCSIFNAME, &r);
	ioctl(-1, FIOSETOWN, &n);
	ioctl(-1, SIOCSPGRP, &n);
	ioctl(-1, FIOGETOWN, &n);
	ioctl(-1, SIOCGPGRP, &n);
	ioctl(-1, SIOCATMARK, &n);
	ioctl(-1, SIOCGSTAMP, &n);
	ioctl(-1, SIOCGSTAMPNS, &n);
	ioctl(-1, SIOCBRADDBR, "br-test");
}

static void sock_conf_calls(int s)
{
	struct ifreq reqs[8];
	struct ifconf conf = { .ifc_len = sizeof(reqs), .ifc_req = reqs };
	struct ifconf size = { .ifc_len = 0, .ifc_buf = NULL };

	memset(reqs, 0, sizeof(reqs));
	ioctl(s, SIOCGIFCONF, &size);
	ioctl(s, SIOCGIFCONF, &conf);
	conf.ifc_len = sizeof(reqs);
	ioctl(-1, SIOCGIFCONF, &conf);
}

static void sock_calls(void)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	int t = socket(AF_INET, SOCK_STREAM, 0);
	int n = 0;

	sock_get_calls(s);
	sock_set_calls();
	sock_conf_calls(s);
	ioctl(t, SIOCATMARK, &n);
	ioctl(s, SIOCGSTAMP, &n);
	ioctl(s, FIOGETOWN, &n);
	close(s);
	close(t);
}

/* All on fd -1: a real block device is never touched. */
static void block_calls(void)
{
	unsigned long size = 0;
	uint64_t size64 = 0, range[2] = { 4096, 1 << 20 };
	int n = 0;
	struct blkpg_partition part = { .start = 1 << 20, .length = 1 << 21, .pno = 3 };
	struct blkpg_ioctl_arg pg = { .op = BLKPG_ADD_PARTITION, .datalen = sizeof(part),
				      .data = &part };

	strcpy(part.devname, "sdz3");
	strcpy(part.volname, "vol");
	ioctl(-1, BLKGETSIZE, &size);
	ioctl(-1, BLKGETSIZE64, &size64);
	ioctl(-1, BLKSSZGET, &n);
	ioctl(-1, BLKBSZGET, &n);
	ioctl(-1, BLKBSZSET, &n);
	ioctl(-1, BLKPBSZGET, &n);
	ioctl(-1, BLKIOMIN, &n);
	ioctl(-1, BLKIOOPT, &n);
	ioctl(-1, BLKALIGNOFF, &n);
	ioctl(-1, BLKROGET, &n);
	ioctl(-1, BLKROSET, &n);
	ioctl(-1, BLKRAGET, &size);
	ioctl(-1, BLKRASET, 256);
	ioctl(-1, BLKFRAGET, &size);
	ioctl(-1, BLKFRASET, 128);
	ioctl(-1, BLKSECTGET, &n);
	ioctl(-1, BLKDISCARDZEROES, &n);
	ioctl(-1, BLKROTATIONAL, &n);
	ioctl(-1, BLKDISCARD, range);
	ioctl(-1, BLKSECDISCARD, range);
	ioctl(-1, BLKZEROOUT, range);
	ioctl(-1, BLKFLSBUF);
	ioctl(-1, BLKRRPART);
	ioctl(-1, BLKPG, &pg);
	pg.op = BLKPG_DEL_PARTITION;
	ioctl(-1, BLKPG, &pg);
	ioctl(-1, BLKTRACESTOP);
}

/* All on fd -1: no loop device is opened or made. */
static void loop_calls(void)
{
	struct loop_info64 info;
	struct loop_config config;

	memset(&info, 0, sizeof(info));
	info.lo_offset = 512;
	info.lo_sizelimit = 1 << 20;
	info.lo_number = 7;
	info.lo_flags = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR;
	strcpy((char *)info.lo_file_name, "/tmp/image");
	memset(&config, 0, sizeof(config));
	config.fd = 3;
	config.block_size = 4096;
	config.info = info;
	ioctl(-1, LOOP_SET_STATUS64, &info);
	ioctl(-1, LOOP_GET_STATUS64, &info);
	ioctl(-1, LOOP_CONFIGURE, &config);
	ioctl(-1, LOOP_SET_FD, 3);
	ioctl(-1, LOOP_CLR_FD);
	ioctl(-1, LOOP_CHANGE_FD, 4);
	ioctl(-1, LOOP_SET_CAPACITY);
	ioctl(-1, LOOP_SET_DIRECT_IO, 1);
	ioctl(-1, LOOP_SET_BLOCK_SIZE, 4096);
	ioctl(-1, LOOP_CTL_GET_FREE);
	ioctl(-1, LOOP_CTL_ADD, 5);
	ioctl(-1, LOOP_CTL_REMOVE, 5);
}

/* A regular file of this program's own for the getters; every setter on fd -1. */
static void fs_calls(int file)
{
	int flags = 0, set = FS_NOATIME_FL | FS_NODUMP_FL | 0x40000000;
	struct fsxattr xa;
	struct fstrim_range trim = { .start = 0, .len = UINT64_MAX, .minlen = 4096 };
	struct file_clone_range clone = { .src_fd = 3, .src_offset = 0, .src_length = 4096,
					  .dest_offset = 8192 };
	char label[FSLABEL_MAX];
	struct {
		struct file_dedupe_range r;
		struct file_dedupe_range_info info[2];
	} dedupe = { .r = { .src_offset = 0, .src_length = 4096, .dest_count = 2 },
		     .info = { { .dest_fd = 4, .dest_offset = 0 }, { .dest_fd = 5, .dest_offset = 4096 } } };

	memset(&xa, 0, sizeof(xa));
	memset(label, 0, sizeof(label));
	ioctl(file, FS_IOC_GETFLAGS, &flags);
	ioctl(-1, FS_IOC_SETFLAGS, &set);
	ioctl(-1, FS_IOC_GETFLAGS, &flags);
	ioctl(file, FS_IOC_FSGETXATTR, &xa);
	xa.fsx_xflags = FS_XFLAG_NOATIME | FS_XFLAG_PROJINHERIT;
	xa.fsx_projid = 7;
	ioctl(-1, FS_IOC_FSSETXATTR, &xa);
	ioctl(-1, FS_IOC_FSGETXATTR, &xa);
	ioctl(file, FS_IOC_GETVERSION, &flags);
	ioctl(-1, FIFREEZE, 0);
	ioctl(-1, FITHAW, 0);
	ioctl(-1, FITRIM, &trim);
	ioctl(-1, FICLONE, 3);
	ioctl(-1, FICLONERANGE, &clone);
	ioctl(-1, FIDEDUPERANGE, &dedupe);
	ioctl(file, FS_IOC_GETFSLABEL, label);
	ioctl(-1, FS_IOC_GETFSLABEL, label);
	ioctl(-1, FS_IOC_SETFSLABEL, "new-label");
	ioctl(file, FIGETBSZ, &flags);
}

static void random_calls(void)
{
	int urandom = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	int n = 0, pool[2] = { 8, 4 };
	struct {
		struct rand_pool_info info;
		uint32_t buf[2];
	} add = { .info = { .entropy_count = 8, .buf_size = 8 }, .buf = { 0x01020304, 0x05060708 } };

	ioctl(urandom, RNDGETENTCNT, &n);
	ioctl(-1, RNDGETENTCNT, &n);
	ioctl(-1, RNDADDTOENTCNT, &n);
	ioctl(-1, RNDGETPOOL, pool);
	ioctl(-1, RNDADDENTROPY, &add);
	ioctl(-1, RNDZAPENTCNT);
	ioctl(-1, RNDCLEARPOOL);
	ioctl(-1, RNDRESEEDCRNG);
	close(urandom);
}

/* All on fd -1: the RTC is never opened. */
static void rtc_calls(void)
{
	struct rtc_time tm = { .tm_sec = 5, .tm_min = 4, .tm_hour = 3, .tm_mday = 2,
			       .tm_mon = 1, .tm_year = 123, .tm_wday = 4, .tm_yday = 32 };
	struct rtc_wkalrm alarm = { .enabled = 1, .pending = 0, .time = tm };
	unsigned long rate = 64;
	struct rtc_param param = { .param = RTC_PARAM_FEATURES, .uvalue = 3, .index = 0 };

	ioctl(-1, RTC_RD_TIME, &tm);
	ioctl(-1, RTC_SET_TIME, &tm);
	ioctl(-1, RTC_ALM_READ, &tm);
	ioctl(-1, RTC_ALM_SET, &tm);
	ioctl(-1, RTC_WKALM_RD, &alarm);
	ioctl(-1, RTC_WKALM_SET, &alarm);
	ioctl(-1, RTC_IRQP_READ, &rate);
	ioctl(-1, RTC_IRQP_SET, 64);
	ioctl(-1, RTC_EPOCH_READ, &rate);
	ioctl(-1, RTC_EPOCH_SET, 1900);
	ioctl(-1, RTC_AIE_ON);
	ioctl(-1, RTC_UIE_OFF);
	ioctl(-1, RTC_VL_READ, &rate);
	ioctl(-1, RTC_VL_CLR);
	ioctl(-1, RTC_PARAM_GET, &param);
	ioctl(-1, RTC_PARAM_SET, &param);
}

static void inotify_calls(void)
{
	int fd = inotify_init1(IN_CLOEXEC);

	ioctl(fd, INOTIFY_IOC_SETNEXTWD, 5);
	ioctl(-1, INOTIFY_IOC_SETNEXTWD, 6);
	ioctl(fd, FIONREAD, &fd);
	close(fd);
}

/* All on fd -1: opening /dev/watchdog would start the hardware timer. */
static void watchdog_calls(void)
{
	struct watchdog_info info = { .options = WDIOF_SETTIMEOUT | WDIOF_KEEPALIVEPING,
				      .firmware_version = 2, .identity = "test dog" };
	int n = 30, opts = WDIOS_DISABLECARD;

	ioctl(-1, WDIOC_GETSUPPORT, &info);
	ioctl(-1, WDIOC_GETSTATUS, &n);
	ioctl(-1, WDIOC_GETBOOTSTATUS, &n);
	ioctl(-1, WDIOC_GETTEMP, &n);
	ioctl(-1, WDIOC_SETOPTIONS, &opts);
	ioctl(-1, WDIOC_KEEPALIVE, 0);
	ioctl(-1, WDIOC_SETTIMEOUT, &n);
	ioctl(-1, WDIOC_GETTIMEOUT, &n);
	ioctl(-1, WDIOC_SETPRETIMEOUT, &n);
	ioctl(-1, WDIOC_GETPRETIMEOUT, &n);
	ioctl(-1, WDIOC_GETTIMELEFT, &n);
}

int main(void)
{
	char dir[] = "/tmp/ioctl_calls_3.XXXXXX";
	char path[sizeof(dir) + 8];
	int file = -1;

	if (mkdtemp(dir)) {
		snprintf(path, sizeof(path), "%s/file", dir);
		file = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		unlink(path);
		rmdir(dir);
	}
	term_calls();
	sock_calls();
	block_calls();
	loop_calls();
	fs_calls(file);
	random_calls();
	rtc_calls();
	inotify_calls();
	watchdog_calls();
	return 0;
}
