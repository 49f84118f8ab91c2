/* What the decoders of the ioctl families in decode_ioctl_<family>.c read of a
 * request's argument (see capture.h), one table per family, the sizes taken from
 * the UAPI structs. Freestanding: the trace agent runs it inside traced programs. */
#include "capture.h"

#include <linux/ioctl.h>

#include <linux/blkpg.h>
#include <linux/blktrace_api.h>
#include <linux/blkzoned.h>
#include <linux/fs.h>
#include <linux/if.h>
#include <linux/kvm.h>
#include <linux/loop.h>
#include <linux/nsfs.h>
#include <linux/perf_event.h>
#include <linux/random.h>
#include <linux/rtc.h>
#include <linux/seccomp.h>
#include <linux/sockios.h>
#include <linux/termios.h>
#include <linux/userfaultfd.h>
#include <linux/watchdog.h>
#include <scsi/sg.h>

#define OUT SG_IOCTL_MEM_OUT
#define KEEP SG_IOCTL_MEM_FAILED_TOO
#define BEFORE SG_IOCTL_MEM_BEFORE
#define STRING SG_IOCTL_MEM_STRING

struct ioctl_mem {
	uint32_t req;
	uint32_t mem;
};

static const struct ioctl_mem nsfs[] = {
	{ NS_GET_OWNER_UID, OUT | sizeof(uid_t) },
};

static const struct ioctl_mem seccomp[] = {
	{ SECCOMP_IOCTL_NOTIF_RECV, OUT | sizeof(struct seccomp_notif) },
	{ SECCOMP_IOCTL_NOTIF_SEND, sizeof(struct seccomp_notif_resp) },
	{ SECCOMP_IOCTL_NOTIF_ID_VALID, sizeof(uint64_t) },
	{ SECCOMP_IOCTL_NOTIF_ADDFD, sizeof(struct seccomp_notif_addfd) },
};

/* The requests that fill in a struct they are given show what they were given
 * even when they fail; UFFDIO_API also what the kernel changed. */
static const struct ioctl_mem uffdio[] = {
	{ UFFDIO_API, OUT | KEEP | BEFORE | sizeof(struct uffdio_api) },
	{ UFFDIO_REGISTER, OUT | KEEP | sizeof(struct uffdio_register) },
	{ UFFDIO_UNREGISTER, sizeof(struct uffdio_range) },
	{ UFFDIO_WAKE, sizeof(struct uffdio_range) },
	{ UFFDIO_COPY, OUT | KEEP | sizeof(struct uffdio_copy) },
	{ UFFDIO_ZEROPAGE, OUT | KEEP | sizeof(struct uffdio_zeropage) },
	{ UFFDIO_WRITEPROTECT, sizeof(struct uffdio_writeprotect) },
	{ UFFDIO_CONTINUE, OUT | KEEP | sizeof(struct uffdio_continue) },
};

static const struct ioctl_mem perf[] = {
	{ PERF_EVENT_IOC_ID, OUT | sizeof(uint64_t) },
	{ PERF_EVENT_IOC_PERIOD, sizeof(uint64_t) },
	{ PERF_EVENT_IOC_SET_FILTER, STRING },
};

static const struct ioctl_mem sg[] = {
	{ SG_GET_VERSION_NUM, OUT | sizeof(int) },
	{ SG_SET_TIMEOUT, sizeof(int) },
};

static const struct ioctl_mem kvm[] = {
	{ KVM_SET_USER_MEMORY_REGION, sizeof(struct kvm_userspace_memory_region) },
};

/* The kernel's struct termios, termios2 and termio, not libc's. */
static const struct ioctl_mem term[] = {
	{ TCGETS, OUT | sizeof(struct termios) },
	{ TCSETS, sizeof(struct termios) },
	{ TCSETSW, sizeof(struct termios) },
	{ TCSETSF, sizeof(struct termios) },
	{ TIOCGLCKTRMIOS, OUT | sizeof(struct termios) },
	{ TIOCSLCKTRMIOS, sizeof(struct termios) },
	{ TCGETS2, OUT | sizeof(struct termios2) },
	{ TCSETS2, sizeof(struct termios2) },
	{ TCSETSW2, sizeof(struct termios2) },
	{ TCSETSF2, sizeof(struct termios2) },
	{ TCGETA, OUT | sizeof(struct termio) },
	{ TCSETA, sizeof(struct termio) },
	{ TCSETAW, sizeof(struct termio) },
	{ TCSETAF, sizeof(struct termio) },
	{ TIOCGWINSZ, OUT | sizeof(struct winsize) },
	{ TIOCSWINSZ, sizeof(struct winsize) },
	{ TIOCMGET, OUT | sizeof(int) },
	{ TIOCMBIS, sizeof(int) },
	{ TIOCMBIC, sizeof(int) },
	{ TIOCMSET, sizeof(int) },
	{ TIOCGPGRP, OUT | sizeof(int) },
	{ TIOCGSID, OUT | sizeof(int) },
	{ TIOCGETD, OUT | sizeof(int) },
	{ TIOCGSOFTCAR, OUT | sizeof(int) },
	{ TIOCGPTN, OUT | sizeof(int) },
	{ FIONREAD, OUT | sizeof(int) },
	{ TIOCOUTQ, OUT | sizeof(int) },
	{ TIOCGEXCL, OUT | sizeof(int) },
	{ TIOCGDEV, OUT | sizeof(int) },
	{ TIOCSPGRP, sizeof(int) },
	{ TIOCSETD, sizeof(int) },
	{ FIONBIO, sizeof(int) },
	{ FIOASYNC, sizeof(int) },
	{ TIOCPKT, sizeof(int) },
	{ TIOCSSOFTCAR, sizeof(int) },
	{ TIOCSPTLCK, sizeof(int) },
	{ TIOCSTI, 1 },
};

/* A getter shows the name or index it was given even when it failed. */
#define IFREQ_GET (OUT | KEEP | sizeof(struct ifreq))
static const struct ioctl_mem sock[] = {
	{ SIOCGIFADDR, IFREQ_GET },
	{ SIOCGIFBRDADDR, IFREQ_GET },
	{ SIOCGIFDSTADDR, IFREQ_GET },
	{ SIOCGIFFLAGS, IFREQ_GET },
	{ SIOCGIFHWADDR, IFREQ_GET },
	{ SIOCGIFINDEX, IFREQ_GET },
	{ SIOCGIFMAP, IFREQ_GET },
	{ SIOCGIFMETRIC, IFREQ_GET },
	{ SIOCGIFMTU, IFREQ_GET },
	{ SIOCGIFNAME, IFREQ_GET },
	{ SIOCGIFNETMASK, IFREQ_GET },
	{ SIOCGIFSLAVE, IFREQ_GET },
	{ SIOCGIFTXQLEN, IFREQ_GET },
	{ SIOCADDMULTI, sizeof(struct ifreq) },
	{ SIOCDELMULTI, sizeof(struct ifreq) },
	{ SIOCSIFADDR, sizeof(struct ifreq) },
	{ SIOCSIFBRDADDR, sizeof(struct ifreq) },
	{ SIOCSIFDSTADDR, sizeof(struct ifreq) },
	{ SIOCSIFFLAGS, sizeof(struct ifreq) },
	{ SIOCSIFHWADDR, sizeof(struct ifreq) },
	{ SIOCSIFHWBROADCAST, sizeof(struct ifreq) },
	{ SIOCSIFMAP, sizeof(struct ifreq) },
	{ SIOCSIFMETRIC, sizeof(struct ifreq) },
	{ SIOCSIFMTU, sizeof(struct ifreq) },
	{ SIOCSIFNAME, sizeof(struct ifreq) },
	{ SIOCSIFNETMASK, sizeof(struct ifreq) },
	{ SIOCSIFSLAVE, sizeof(struct ifreq) },
	{ SIOCSIFTXQLEN, sizeof(struct ifreq) },
	{ SIOCBRADDIF, sizeof(struct ifreq) },
	{ SIOCBRDELIF, sizeof(struct ifreq) },
	{ FIOGETOWN, OUT | sizeof(int) },
	{ SIOCATMARK, OUT | sizeof(int) },
	{ SIOCGIFENCAP, OUT | sizeof(int) },
	{ SIOCGPGRP, OUT | sizeof(int) },
	{ SIOCOUTQNSD, OUT | sizeof(int) },
	{ FIOSETOWN, sizeof(int) },
	{ SIOCSIFENCAP, sizeof(int) },
	{ SIOCSPGRP, sizeof(int) },
	{ SIOCBRADDBR, STRING },
	{ SIOCBRDELBR, STRING },
	/* ifc_len before and after; the array it fills is sg_ioctl_family_extra's */
	{ SIOCGIFCONF, OUT | KEEP | BEFORE | sizeof(struct ifconf) },
};

static const struct ioctl_mem block[] = {
	{ BLKSECTGET, OUT | sizeof(unsigned short) },
	{ BLKROTATIONAL, OUT | sizeof(unsigned short) },
	{ BLKROGET, OUT | sizeof(int) },
	{ BLKBSZGET, OUT | sizeof(int) },
	{ BLKSSZGET, OUT | sizeof(int) },
	{ BLKALIGNOFF, OUT | sizeof(int) },
	{ BLKPBSZGET, OUT | sizeof(int) },
	{ BLKIOMIN, OUT | sizeof(int) },
	{ BLKIOOPT, OUT | sizeof(int) },
	{ BLKDISCARDZEROES, OUT | sizeof(int) },
	{ BLKGETZONESZ, OUT | sizeof(int) },
	{ BLKGETNRZONES, OUT | sizeof(int) },
	{ BLKROSET, sizeof(int) },
	{ BLKBSZSET, sizeof(int) },
	{ BLKRAGET, OUT | sizeof(long) },
	{ BLKFRAGET, OUT | sizeof(long) },
	{ BLKGETSIZE, OUT | sizeof(long) },
	{ BLKGETSIZE64, OUT | sizeof(uint64_t) },
	{ BLKDISCARD, 2 * sizeof(uint64_t) },
	{ BLKSECDISCARD, 2 * sizeof(uint64_t) },
	{ BLKZEROOUT, 2 * sizeof(uint64_t) },
	/* the partition its data points at is sg_ioctl_family_extra's */
	{ BLKPG, sizeof(struct blkpg_ioctl_arg) },
	{ BLKTRACESETUP, OUT | KEEP | sizeof(struct blk_user_trace_setup) },
};

static const struct ioctl_mem loop[] = {
	{ LOOP_GET_STATUS, OUT | sizeof(struct loop_info) },
	{ LOOP_SET_STATUS, sizeof(struct loop_info) },
	{ LOOP_GET_STATUS64, OUT | sizeof(struct loop_info64) },
	{ LOOP_SET_STATUS64, sizeof(struct loop_info64) },
	{ LOOP_CONFIGURE, sizeof(struct loop_config) },
};

static const struct ioctl_mem fs[] = {
	{ FS_IOC_GETFLAGS, OUT | sizeof(int) },
	{ FS_IOC32_GETFLAGS, OUT | sizeof(int) },
	{ FS_IOC_SETFLAGS, sizeof(int) },
	{ FS_IOC32_SETFLAGS, sizeof(int) },
	{ FS_IOC_FSGETXATTR, OUT | sizeof(struct fsxattr) },
	{ FS_IOC_FSSETXATTR, sizeof(struct fsxattr) },
	{ FITRIM, sizeof(struct fstrim_range) },
	{ FICLONERANGE, sizeof(struct file_clone_range) },
	/* what it was given and, after success, what it did: its array of
	 * destinations is sg_ioctl_family_extra's */
	{ FIDEDUPERANGE, OUT | KEEP | sizeof(struct file_dedupe_range) },
	{ FS_IOC_GETFSLABEL, OUT | FSLABEL_MAX },
	{ FS_IOC_SETFSLABEL, FSLABEL_MAX },
};

static const struct ioctl_mem rnd[] = {
	{ RNDGETENTCNT, OUT | sizeof(int) },
	{ RNDADDTOENTCNT, sizeof(int) },
	/* the bytes after it are sg_ioctl_family_extra's */
	{ RNDADDENTROPY, sizeof(struct rand_pool_info) },
};

static const struct ioctl_mem rtc[] = {
	{ RTC_RD_TIME, OUT | sizeof(struct rtc_time) },
	{ RTC_ALM_READ, OUT | sizeof(struct rtc_time) },
	{ RTC_SET_TIME, sizeof(struct rtc_time) },
	{ RTC_ALM_SET, sizeof(struct rtc_time) },
	{ RTC_IRQP_READ, OUT | sizeof(unsigned long) },
	{ RTC_EPOCH_READ, OUT | sizeof(unsigned long) },
	{ RTC_WKALM_RD, OUT | sizeof(struct rtc_wkalrm) },
	{ RTC_WKALM_SET, sizeof(struct rtc_wkalrm) },
	{ RTC_PLL_GET, OUT | sizeof(struct rtc_pll_info) },
	{ RTC_PLL_SET, sizeof(struct rtc_pll_info) },
	{ RTC_VL_READ, OUT | sizeof(unsigned) },
	/* the parameter asked for, then its value */
	{ RTC_PARAM_GET, OUT | KEEP | BEFORE | sizeof(struct rtc_param) },
	{ RTC_PARAM_SET, sizeof(struct rtc_param) },
};

static const struct ioctl_mem watchdog[] = {
	{ WDIOC_GETSTATUS, OUT | sizeof(int) },
	{ WDIOC_GETBOOTSTATUS, OUT | sizeof(int) },
	{ WDIOC_GETTEMP, OUT | sizeof(int) },
	{ WDIOC_GETTIMEOUT, OUT | sizeof(int) },
	{ WDIOC_GETPRETIMEOUT, OUT | sizeof(int) },
	{ WDIOC_GETTIMELEFT, OUT | sizeof(int) },
	{ WDIOC_SETTIMEOUT, sizeof(int) },
	{ WDIOC_SETPRETIMEOUT, sizeof(int) },
};

#define FAMILY(t) { t, sizeof(t) / sizeof(t[0]) }
static const struct {
	const struct ioctl_mem *rows;
	unsigned n;
} families[] = {
	FAMILY(nsfs),
	FAMILY(seccomp),
	FAMILY(uffdio),
	FAMILY(perf),
	FAMILY(sg),
	FAMILY(kvm),
	FAMILY(term),
	FAMILY(sock),
	FAMILY(block),
	FAMILY(loop),
	FAMILY(fs),
	FAMILY(rnd),
	FAMILY(rtc),
	FAMILY(watchdog),
};

uint32_t sg_ioctl_family_mem(uint32_t req)
{
	for (unsigned f = 0; f < sizeof(families) / sizeof(families[0]); f++)
		for (unsigned i = 0; i < families[f].n; i++)
			if (families[f].rows[i].req == req)
				return families[f].rows[i].mem;
	return 0;
}

/* Elements of an array shown when abbreviated: strace's -s limit, and one more
 * for the "..." after them. */
static uint64_t shown(uint64_t n, int strsize, bool whole)
{
	uint64_t max = whole ? 4096 : (uint64_t)strsize + 1;

	return n < max ? n : max;
}

struct sg_region sg_ioctl_family_extra(uint32_t req, uint64_t arg, bool failed, int strsize,
				       bool whole, sg_copy_fn copy)
{
	struct sg_region none = { 0, 0 };

	switch (req) {
	case SIOCGIFCONF: {
		struct ifconf c;
		if (failed || copy(&c, arg, sizeof(c)) != sizeof(c) || !c.ifc_buf || c.ifc_len <= 0)
			return none;
		uint64_t n = shown((uint64_t)c.ifc_len / sizeof(struct ifreq), strsize, whole);
		return (struct sg_region){ (uint64_t)(uintptr_t)c.ifc_buf, n * sizeof(struct ifreq) };
	}
	case BLKPG: {
		struct blkpg_ioctl_arg a;
		if (copy(&a, arg, sizeof(a)) != sizeof(a))
			return none;
		return (struct sg_region){ (uint64_t)(uintptr_t)a.data,
					   sizeof(struct blkpg_partition) };
	}
	case RNDADDENTROPY: {
		struct rand_pool_info p;
		if (copy(&p, arg, sizeof(p)) != sizeof(p) || p.buf_size <= 0)
			return none;
		uint64_t n = (uint64_t)p.buf_size < (uint64_t)strsize ? (uint64_t)p.buf_size
								      : (uint64_t)strsize;
		return (struct sg_region){ arg + sizeof(p), n };
	}
	case FIDEDUPERANGE: {
		struct file_dedupe_range r;
		if (copy(&r, arg, sizeof(r)) != sizeof(r) || !r.dest_count)
			return none;
		/* abbreviated, strace shows two and "..." for the rest */
		uint64_t n = r.dest_count < (whole ? 4096u : 3u) ? r.dest_count : (whole ? 4096u : 3u);
		return (struct sg_region){ arg + sizeof(r),
					   n * sizeof(struct file_dedupe_range_info) };
	}
	default:
		return none;
	}
}
