/* What the decoders of the ioctl families in decode_ioctl_<family>.c read of a
 * request's argument (see capture.h), one table per family, the sizes taken from
 * the UAPI structs. Freestanding: the trace agent runs it inside traced programs. */
#include "capture_ioctl_rows.h"

#include <linux/ioctl.h>

#include <linux/dm-ioctl.h>
#include <linux/blkpg.h>
#include <linux/blktrace_api.h>
#include <linux/blkzoned.h>
#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>
#include <linux/fs.h>
#include <linux/gpio.h>
#include <linux/hdreg.h>
#include <linux/kd.h>
#include <linux/if.h>
#include <linux/kvm.h>
#include <linux/lirc.h>
#include <linux/loop.h>
#include <linux/ptp_clock.h>
#include <mtd/mtd-abi.h>
#include <mtd/ubi-user.h>
#include <linux/nsfs.h>
#include <linux/perf_event.h>
#include <linux/random.h>
#include <linux/rtc.h>
#include <linux/seccomp.h>
#include <linux/sockios.h>
#include <linux/tee.h>
#include <linux/termios.h>
#include <linux/userfaultfd.h>
#include <linux/videodev2.h>
#include <linux/watchdog.h>
#include <linux/bsg.h>
#include <scsi/sg.h>


static const struct ioctl_mem nsfs[] = {
	{ NS_GET_USERNS, RET_FD, 0 },
	{ NS_GET_PARENT, RET_FD, 0 },
	{ NS_GET_OWNER_UID, OUT | sizeof(uid_t), 0 },
};

static const struct ioctl_mem seccomp[] = {
	{ SECCOMP_IOCTL_NOTIF_RECV, OUT | sizeof(struct seccomp_notif), 0 },
	{ SECCOMP_IOCTL_NOTIF_SEND, sizeof(struct seccomp_notif_resp), 0 },
	{ SECCOMP_IOCTL_NOTIF_ID_VALID, sizeof(uint64_t), 0 },
	{ SECCOMP_IOCTL_NOTIF_ADDFD, sizeof(struct seccomp_notif_addfd), 0 },
};

/* The requests that fill in a struct they are given show what they were given
 * even when they fail; UFFDIO_API also what the kernel changed. */
static const struct ioctl_mem uffdio[] = {
	{ UFFDIO_API, OUT | KEEP | BEFORE | sizeof(struct uffdio_api), 0 },
	{ UFFDIO_REGISTER, OUT | KEEP | sizeof(struct uffdio_register), 0 },
	{ UFFDIO_UNREGISTER, sizeof(struct uffdio_range), 0 },
	{ UFFDIO_WAKE, sizeof(struct uffdio_range), 0 },
	{ UFFDIO_COPY, OUT | KEEP | sizeof(struct uffdio_copy), 0 },
	{ UFFDIO_ZEROPAGE, OUT | KEEP | sizeof(struct uffdio_zeropage), 0 },
	{ UFFDIO_WRITEPROTECT, sizeof(struct uffdio_writeprotect), 0 },
	{ UFFDIO_CONTINUE, OUT | KEEP | sizeof(struct uffdio_continue), 0 },
};

static const struct ioctl_mem perf[] = {
	{ PERF_EVENT_IOC_ID, OUT | sizeof(uint64_t), 0 },
	{ PERF_EVENT_IOC_PERIOD, sizeof(uint64_t), 0 },
	{ PERF_EVENT_IOC_SET_FILTER, STRING, 0 },
};

/* SG_IO: the header at entry (the request), and again at exit, failed or not
 * (the response). */
static const struct ioctl_mem sg[] = {
	/* either version of the header: as many bytes as the larger takes */
	{ SG_IO, OUT | KEEP | BEFORE | sizeof(struct sg_io_v4), 0 },
	{ SG_GET_SCSI_ID, OUT | sizeof(struct sg_scsi_id), 0 },
	{ SG_SCSI_RESET, sizeof(int), 0 },
	{ SG_NEXT_CMD_LEN, sizeof(int), 0 },
	{ SG_SET_COMMAND_Q, sizeof(int), 0 },
	{ SG_SET_DEBUG, sizeof(int), 0 },
	{ SG_SET_FORCE_LOW_DMA, sizeof(int), 0 },
	{ SG_SET_FORCE_PACK_ID, sizeof(int), 0 },
	{ SG_SET_KEEP_ORPHAN, sizeof(int), 0 },
	{ SG_SET_RESERVED_SIZE, sizeof(int), 0 },
	{ SG_SET_TIMEOUT, sizeof(int), 0 },
	{ SG_EMULATED_HOST, OUT | sizeof(int), 0 },
	{ SG_GET_COMMAND_Q, OUT | sizeof(int), 0 },
	{ SG_GET_KEEP_ORPHAN, OUT | sizeof(int), 0 },
	{ SG_GET_LOW_DMA, OUT | sizeof(int), 0 },
	{ SG_GET_NUM_WAITING, OUT | sizeof(int), 0 },
	{ SG_GET_PACK_ID, OUT | sizeof(int), 0 },
	{ SG_GET_RESERVED_SIZE, OUT | sizeof(int), 0 },
	{ SG_GET_SG_TABLESIZE, OUT | sizeof(int), 0 },
	{ SG_GET_TRANSFORM, OUT | sizeof(int), 0 },
	{ SG_GET_VERSION_NUM, OUT | sizeof(int), 0 },
};

/* The CPUID requests: struct kvm_cpuid2's header, and its entries after it
 * (sg_ioctl_family_extra). */
static const struct ioctl_mem kvm[] = {
	{ KVM_CREATE_VM, RET_FD, 0 },
	{ KVM_CREATE_VCPU, RET_FD, 0 },
	{ KVM_SET_USER_MEMORY_REGION, sizeof(struct kvm_userspace_memory_region), 0 },
	{ KVM_SET_REGS, sizeof(struct kvm_regs), 0 },
	{ KVM_GET_REGS, OUT | sizeof(struct kvm_regs), 0 },
	{ KVM_SET_SREGS, sizeof(struct kvm_sregs), 0 },
	{ KVM_GET_SREGS, OUT | sizeof(struct kvm_sregs), 0 },
	{ KVM_SET_CPUID2, sizeof(struct kvm_cpuid2), 0 },
	{ KVM_GET_SUPPORTED_CPUID, OUT | sizeof(struct kvm_cpuid2), 0 },
	{ KVM_GET_EMULATED_CPUID, OUT | sizeof(struct kvm_cpuid2), 0 },
};

/* struct dm_ioctl as it went in and as it came back, failed or not (a failure
 * that changed it shows the change); every request of the device mapper (nr 0
 * is DM_VERSION) takes one. */
static const struct ioctl_mem dm[] = {
	{ DM_VERSION, OUT | KEEP | BEFORE | ALWAYS | sizeof(struct dm_ioctl), ANY_NR(0xff) },
};

/* The kernel's struct termios, termios2 and termio, not libc's. */
static const struct ioctl_mem term[] = {
	{ TCGETS, OUT | sizeof(struct termios), 0 },
	{ TCSETS, sizeof(struct termios), 0 },
	{ TCSETSW, sizeof(struct termios), 0 },
	{ TCSETSF, sizeof(struct termios), 0 },
	{ TIOCGLCKTRMIOS, OUT | sizeof(struct termios), 0 },
	{ TIOCSLCKTRMIOS, sizeof(struct termios), 0 },
	{ TCGETS2, OUT | sizeof(struct termios2), 0 },
	{ TCSETS2, sizeof(struct termios2), 0 },
	{ TCSETSW2, sizeof(struct termios2), 0 },
	{ TCSETSF2, sizeof(struct termios2), 0 },
	{ TCGETA, OUT | sizeof(struct termio), 0 },
	{ TCSETA, sizeof(struct termio), 0 },
	{ TCSETAW, sizeof(struct termio), 0 },
	{ TCSETAF, sizeof(struct termio), 0 },
	{ TIOCGWINSZ, OUT | sizeof(struct winsize), 0 },
	{ TIOCSWINSZ, sizeof(struct winsize), 0 },
	{ TIOCMGET, OUT | sizeof(int), 0 },
	{ TIOCMBIS, sizeof(int), 0 },
	{ TIOCMBIC, sizeof(int), 0 },
	{ TIOCMSET, sizeof(int), 0 },
	{ TIOCGPGRP, OUT | sizeof(int), 0 },
	{ TIOCGSID, OUT | sizeof(int), 0 },
	{ TIOCGETD, OUT | sizeof(int), 0 },
	{ TIOCGSOFTCAR, OUT | sizeof(int), 0 },
	{ TIOCGPTN, OUT | sizeof(int), 0 },
	{ FIONREAD, OUT | sizeof(int), 0 },
	{ TIOCOUTQ, OUT | sizeof(int), 0 },
	{ TIOCGEXCL, OUT | sizeof(int), 0 },
	{ TIOCGDEV, OUT | sizeof(int), 0 },
	{ TIOCSPGRP, sizeof(int), 0 },
	{ TIOCSETD, sizeof(int), 0 },
	{ FIONBIO, sizeof(int), 0 },
	{ FIOASYNC, sizeof(int), 0 },
	{ TIOCPKT, sizeof(int), 0 },
	{ TIOCSSOFTCAR, sizeof(int), 0 },
	{ TIOCSPTLCK, sizeof(int), 0 },
	{ TIOCSTI, ALWAYS | 1, 0 },
};

/* A getter shows the name or index it was given even when it failed. */
#define IFREQ_GET (OUT | KEEP | sizeof(struct ifreq))
static const struct ioctl_mem sock[] = {
	{ SIOCGIFADDR, IFREQ_GET, 0 },
	{ SIOCGIFBRDADDR, IFREQ_GET, 0 },
	{ SIOCGIFDSTADDR, IFREQ_GET, 0 },
	{ SIOCGIFFLAGS, IFREQ_GET, 0 },
	{ SIOCGIFHWADDR, IFREQ_GET, 0 },
	{ SIOCGIFINDEX, IFREQ_GET, 0 },
	{ SIOCGIFMAP, IFREQ_GET, 0 },
	{ SIOCGIFMETRIC, IFREQ_GET, 0 },
	{ SIOCGIFMTU, IFREQ_GET, 0 },
	{ SIOCGIFNAME, IFREQ_GET, 0 },
	{ SIOCGIFNETMASK, IFREQ_GET, 0 },
	{ SIOCGIFSLAVE, IFREQ_GET, 0 },
	{ SIOCGIFTXQLEN, IFREQ_GET, 0 },
	{ SIOCADDMULTI, sizeof(struct ifreq), 0 },
	{ SIOCDELMULTI, sizeof(struct ifreq), 0 },
	{ SIOCSIFADDR, sizeof(struct ifreq), 0 },
	{ SIOCSIFBRDADDR, sizeof(struct ifreq), 0 },
	{ SIOCSIFDSTADDR, sizeof(struct ifreq), 0 },
	{ SIOCSIFFLAGS, sizeof(struct ifreq), 0 },
	{ SIOCSIFHWADDR, sizeof(struct ifreq), 0 },
	{ SIOCSIFHWBROADCAST, sizeof(struct ifreq), 0 },
	{ SIOCSIFMAP, sizeof(struct ifreq), 0 },
	{ SIOCSIFMETRIC, sizeof(struct ifreq), 0 },
	{ SIOCSIFMTU, sizeof(struct ifreq), 0 },
	{ SIOCSIFNAME, sizeof(struct ifreq), 0 },
	{ SIOCSIFNETMASK, sizeof(struct ifreq), 0 },
	{ SIOCSIFSLAVE, sizeof(struct ifreq), 0 },
	{ SIOCSIFTXQLEN, sizeof(struct ifreq), 0 },
	{ SIOCBRADDIF, sizeof(struct ifreq), 0 },
	{ SIOCBRDELIF, sizeof(struct ifreq), 0 },
	{ FIOGETOWN, OUT | sizeof(int), 0 },
	{ SIOCATMARK, OUT | sizeof(int), 0 },
	{ SIOCGIFENCAP, OUT | sizeof(int), 0 },
	{ SIOCGPGRP, OUT | sizeof(int), 0 },
	{ SIOCOUTQNSD, OUT | sizeof(int), 0 },
	{ FIOSETOWN, sizeof(int), 0 },
	{ SIOCSIFENCAP, sizeof(int), 0 },
	{ SIOCSPGRP, sizeof(int), 0 },
	{ SIOCBRADDBR, STRING, 0 },
	{ SIOCBRDELBR, STRING, 0 },
	/* ifc_len before and after; the array it fills is sg_ioctl_family_extra's */
	{ SIOCGIFCONF, OUT | KEEP | BEFORE | ALWAYS | sizeof(struct ifconf), 0 },
};

static const struct ioctl_mem block[] = {
	{ BLKSECTGET, OUT | sizeof(unsigned short), 0 },
	{ BLKROTATIONAL, OUT | sizeof(unsigned short), 0 },
	{ BLKROGET, OUT | sizeof(int), 0 },
	{ BLKBSZGET, OUT | sizeof(int), 0 },
	{ BLKSSZGET, OUT | sizeof(int), 0 },
	{ BLKALIGNOFF, OUT | sizeof(int), 0 },
	{ BLKPBSZGET, OUT | sizeof(int), 0 },
	{ BLKIOMIN, OUT | sizeof(int), 0 },
	{ BLKIOOPT, OUT | sizeof(int), 0 },
	{ BLKDISCARDZEROES, OUT | sizeof(int), 0 },
	{ BLKGETZONESZ, OUT | sizeof(int), 0 },
	{ BLKGETNRZONES, OUT | sizeof(int), 0 },
	{ BLKROSET, sizeof(int), 0 },
	{ BLKBSZSET, sizeof(int), 0 },
	{ BLKRAGET, OUT | sizeof(long), 0 },
	{ BLKFRAGET, OUT | sizeof(long), 0 },
	{ BLKGETSIZE, OUT | sizeof(long), 0 },
	{ BLKGETSIZE64, OUT | sizeof(uint64_t), 0 },
	{ BLKDISCARD, 2 * sizeof(uint64_t), 0 },
	{ BLKSECDISCARD, 2 * sizeof(uint64_t), 0 },
	{ BLKZEROOUT, 2 * sizeof(uint64_t), 0 },
	/* the partition its data points at is sg_ioctl_family_extra's */
	{ BLKPG, sizeof(struct blkpg_ioctl_arg), 0 },
	{ BLKTRACESETUP, OUT | KEEP | sizeof(struct blk_user_trace_setup), 0 },
};

static const struct ioctl_mem loop[] = {
	{ LOOP_GET_STATUS, OUT | sizeof(struct loop_info), 0 },
	{ LOOP_SET_STATUS, sizeof(struct loop_info), 0 },
	{ LOOP_GET_STATUS64, OUT | sizeof(struct loop_info64), 0 },
	{ LOOP_SET_STATUS64, sizeof(struct loop_info64), 0 },
	{ LOOP_CONFIGURE, sizeof(struct loop_config), 0 },
};

static const struct ioctl_mem fs[] = {
	{ FS_IOC_GETFLAGS, OUT | sizeof(int), 0 },
	{ FS_IOC32_GETFLAGS, OUT | sizeof(int), 0 },
	{ FS_IOC_SETFLAGS, sizeof(int), 0 },
	{ FS_IOC32_SETFLAGS, sizeof(int), 0 },
	{ FS_IOC_FSGETXATTR, OUT | sizeof(struct fsxattr), 0 },
	{ FS_IOC_FSSETXATTR, sizeof(struct fsxattr), 0 },
	{ FITRIM, sizeof(struct fstrim_range), 0 },
	{ FICLONERANGE, sizeof(struct file_clone_range), 0 },
	/* what it was given and, after success, what it did: its array of
	 * destinations is sg_ioctl_family_extra's */
	{ FIDEDUPERANGE, OUT | KEEP | sizeof(struct file_dedupe_range), 0 },
	{ FS_IOC_GETFSLABEL, OUT | FSLABEL_MAX, 0 },
	{ FS_IOC_SETFSLABEL, FSLABEL_MAX, 0 },
};

static const struct ioctl_mem rnd[] = {
	{ RNDGETENTCNT, OUT | sizeof(int), 0 },
	{ RNDADDTOENTCNT, sizeof(int), 0 },
	/* the bytes after it are sg_ioctl_family_extra's */
	{ RNDADDENTROPY, sizeof(struct rand_pool_info), 0 },
};

static const struct ioctl_mem rtc[] = {
	{ RTC_RD_TIME, OUT | sizeof(struct rtc_time), 0 },
	{ RTC_ALM_READ, OUT | sizeof(struct rtc_time), 0 },
	{ RTC_SET_TIME, sizeof(struct rtc_time), 0 },
	{ RTC_ALM_SET, sizeof(struct rtc_time), 0 },
	{ RTC_IRQP_READ, OUT | sizeof(unsigned long), 0 },
	{ RTC_EPOCH_READ, OUT | sizeof(unsigned long), 0 },
	{ RTC_WKALM_RD, OUT | sizeof(struct rtc_wkalrm), 0 },
	{ RTC_WKALM_SET, sizeof(struct rtc_wkalrm), 0 },
	{ RTC_PLL_GET, OUT | sizeof(struct rtc_pll_info), 0 },
	{ RTC_PLL_SET, sizeof(struct rtc_pll_info), 0 },
	{ RTC_VL_READ, OUT | sizeof(unsigned), 0 },
	/* the parameter asked for, then its value */
	{ RTC_PARAM_GET, OUT | KEEP | BEFORE | sizeof(struct rtc_param), 0 },
	{ RTC_PARAM_SET, sizeof(struct rtc_param), 0 },
};

static const struct ioctl_mem watchdog[] = {
	{ WDIOC_GETSTATUS, OUT | sizeof(int), 0 },
	{ WDIOC_GETBOOTSTATUS, OUT | sizeof(int), 0 },
	{ WDIOC_GETTEMP, OUT | sizeof(int), 0 },
	{ WDIOC_GETTIMEOUT, OUT | sizeof(int), 0 },
	{ WDIOC_GETPRETIMEOUT, OUT | sizeof(int), 0 },
	{ WDIOC_GETTIMELEFT, OUT | sizeof(int), 0 },
	{ WDIOC_SETTIMEOUT, sizeof(int), 0 },
	{ WDIOC_SETPRETIMEOUT, sizeof(int), 0 },
};

/* The getters of PTP samples and pins show what they asked for too. */
static const struct ioctl_mem ptp[] = {
	{ PTP_CLOCK_GETCAPS, OUT | sizeof(struct ptp_clock_caps), 0 },
	{ PTP_CLOCK_GETCAPS2, OUT | sizeof(struct ptp_clock_caps), 0 },
	{ PTP_EXTTS_REQUEST, sizeof(struct ptp_extts_request), 0 },
	{ PTP_EXTTS_REQUEST2, sizeof(struct ptp_extts_request), 0 },
	{ PTP_PEROUT_REQUEST, sizeof(struct ptp_perout_request), 0 },
	{ PTP_PEROUT_REQUEST2, sizeof(struct ptp_perout_request), 0 },
	{ PTP_SYS_OFFSET, OUT | KEEP | BEFORE | sizeof(struct ptp_sys_offset), 0 },
	{ PTP_SYS_OFFSET2, OUT | KEEP | BEFORE | sizeof(struct ptp_sys_offset), 0 },
	{ PTP_PIN_GETFUNC, OUT | KEEP | BEFORE | sizeof(struct ptp_pin_desc), 0 },
	{ PTP_PIN_GETFUNC2, OUT | KEEP | BEFORE | sizeof(struct ptp_pin_desc), 0 },
	{ PTP_PIN_SETFUNC, sizeof(struct ptp_pin_desc), 0 },
	{ PTP_PIN_SETFUNC2, sizeof(struct ptp_pin_desc), 0 },
	{ PTP_SYS_OFFSET_PRECISE, OUT | sizeof(struct ptp_sys_offset_precise), 0 },
	{ PTP_SYS_OFFSET_PRECISE2, OUT | sizeof(struct ptp_sys_offset_precise), 0 },
};

static const struct ioctl_mem mtd[] = {
	{ MEMERASE, sizeof(struct erase_info_user), 0 },
	{ MEMLOCK, sizeof(struct erase_info_user), 0 },
	{ MEMUNLOCK, sizeof(struct erase_info_user), 0 },
	{ MEMISLOCKED, sizeof(struct erase_info_user), 0 },
	{ MEMERASE64, sizeof(struct erase_info_user64), 0 },
	{ MEMWRITEOOB, sizeof(struct mtd_oob_buf), 0 },
	{ MEMREADOOB, sizeof(struct mtd_oob_buf), 0 },
	{ MEMWRITEOOB64, sizeof(struct mtd_oob_buf64), 0 },
	{ MEMREADOOB64, sizeof(struct mtd_oob_buf64), 0 },
	{ MEMWRITE, sizeof(struct mtd_write_req), 0 },
	{ OTPGETREGIONINFO, OUT | sizeof(struct otp_info), 0 },
	{ OTPLOCK, sizeof(struct otp_info), 0 },
	{ OTPSELECT, sizeof(int), 0 },
	{ MEMGETBADBLOCK, sizeof(long long), 0 },
	{ MEMSETBADBLOCK, sizeof(long long), 0 },
	{ MEMGETINFO, OUT | sizeof(struct mtd_info_user), 0 },
	{ MEMGETOOBSEL, OUT | sizeof(struct nand_oobinfo), 0 },
	{ ECCGETLAYOUT, OUT | sizeof(struct nand_ecclayout_user), 0 },
	{ ECCGETSTATS, OUT | sizeof(struct mtd_ecc_stats), 0 },
	{ OTPGETREGIONCOUNT, OUT | sizeof(int), 0 },
	{ MEMGETREGIONCOUNT, OUT | sizeof(int), 0 },
	{ MEMGETREGIONINFO, OUT | KEEP | BEFORE | sizeof(struct region_info_user), 0 },
};

/* The requests that make a volume or attach a device get its number back. */
static const struct ioctl_mem ubi[] = {
	{ UBI_IOCMKVOL, OUT | KEEP | BEFORE | sizeof(struct ubi_mkvol_req), 0 },
	{ UBI_IOCRSVOL, sizeof(struct ubi_rsvol_req), 0 },
	{ UBI_IOCRNVOL, sizeof(struct ubi_rnvol_req), 0 },
	{ UBI_IOCEBCH, sizeof(struct ubi_leb_change_req), 0 },
	{ UBI_IOCATT, OUT | KEEP | BEFORE | sizeof(struct ubi_attach_req), 0 },
	{ UBI_IOCEBMAP, sizeof(struct ubi_map_req), 0 },
	{ UBI_IOCSETVOLPROP, sizeof(struct ubi_set_vol_prop_req), 0 },
	{ UBI_IOCVOLUP, sizeof(long long), 0 },
	{ UBI_IOCDET, sizeof(int), 0 },
	{ UBI_IOCEBER, sizeof(int), 0 },
	{ UBI_IOCEBISMAP, sizeof(int), 0 },
	{ UBI_IOCEBUNMAP, sizeof(int), 0 },
	{ UBI_IOCRMVOL, sizeof(int), 0 },
	{ UBI_IOCRPEB, sizeof(int), 0 },
	{ UBI_IOCSPEB, sizeof(int), 0 },
};

/* video4linux2: a request that fills in a struct shows what it was given even
 * when it failed, and what it was given beside what it got. */
#define V4L2_RW(type) (OUT | KEEP | BEFORE | sizeof(type))
static const struct ioctl_mem v4l2[] = {
	{ VIDIOC_QUERYCAP, OUT | sizeof(struct v4l2_capability), 0 },
	{ VIDIOC_ENUM_FMT, V4L2_RW(struct v4l2_fmtdesc), 0 },
	/* an overlay's clips are sg_ioctl_family_extra's */
	{ VIDIOC_G_FMT, V4L2_RW(struct v4l2_format), 0 },
	{ VIDIOC_S_FMT, V4L2_RW(struct v4l2_format), 0 },
	{ VIDIOC_TRY_FMT, V4L2_RW(struct v4l2_format), 0 },
	{ VIDIOC_REQBUFS, V4L2_RW(struct v4l2_requestbuffers), 0 },
	{ VIDIOC_QUERYBUF, V4L2_RW(struct v4l2_buffer), 0 },
	{ VIDIOC_QBUF, V4L2_RW(struct v4l2_buffer), 0 },
	{ VIDIOC_DQBUF, V4L2_RW(struct v4l2_buffer), 0 },
	{ VIDIOC_G_FBUF, OUT | sizeof(struct v4l2_framebuffer), 0 },
	{ VIDIOC_S_FBUF, sizeof(struct v4l2_framebuffer), 0 },
	{ VIDIOC_STREAMON, sizeof(int), 0 },
	{ VIDIOC_STREAMOFF, sizeof(int), 0 },
	{ VIDIOC_G_PARM, V4L2_RW(struct v4l2_streamparm), 0 },
	{ VIDIOC_S_PARM, V4L2_RW(struct v4l2_streamparm), 0 },
	{ VIDIOC_G_STD, OUT | sizeof(v4l2_std_id), 0 },
	{ VIDIOC_S_STD, sizeof(v4l2_std_id), 0 },
	{ VIDIOC_ENUMSTD, V4L2_RW(struct v4l2_standard), 0 },
	{ VIDIOC_ENUMINPUT, V4L2_RW(struct v4l2_input), 0 },
	{ VIDIOC_G_INPUT, OUT | sizeof(int), 0 },
	{ VIDIOC_S_INPUT, sizeof(int), 0 },
	{ VIDIOC_G_CTRL, V4L2_RW(struct v4l2_control), 0 },
	{ VIDIOC_S_CTRL, V4L2_RW(struct v4l2_control), 0 },
	{ VIDIOC_G_TUNER, V4L2_RW(struct v4l2_tuner), 0 },
	{ VIDIOC_S_TUNER, V4L2_RW(struct v4l2_tuner), 0 },
	{ VIDIOC_QUERYCTRL, V4L2_RW(struct v4l2_queryctrl), 0 },
	{ VIDIOC_CROPCAP, V4L2_RW(struct v4l2_cropcap), 0 },
	{ VIDIOC_G_CROP, V4L2_RW(struct v4l2_crop), 0 },
	{ VIDIOC_S_CROP, sizeof(struct v4l2_crop), 0 },
	/* the controls are sg_ioctl_family_extra's */
	{ VIDIOC_G_EXT_CTRLS, V4L2_RW(struct v4l2_ext_controls), 0 },
	{ VIDIOC_S_EXT_CTRLS, V4L2_RW(struct v4l2_ext_controls), 0 },
	{ VIDIOC_TRY_EXT_CTRLS, V4L2_RW(struct v4l2_ext_controls), 0 },
	{ VIDIOC_ENUM_FRAMESIZES, V4L2_RW(struct v4l2_frmsizeenum), 0 },
	{ VIDIOC_ENUM_FRAMEINTERVALS, V4L2_RW(struct v4l2_frmivalenum), 0 },
	{ VIDIOC_CREATE_BUFS, V4L2_RW(struct v4l2_create_buffers), 0 },
};

/* The console: its requests predate _IOC and their numbers carry no size. */
static const struct ioctl_mem kd[] = {
	{ KDGETLED, OUT | sizeof(char), 0 },
	{ KDGKBLED, OUT | sizeof(char), 0 },
	{ KDGKBTYPE, OUT | sizeof(char), 0 },
	{ KDGETMODE, OUT | sizeof(unsigned), 0 },
	{ KDGKBMODE, OUT | sizeof(unsigned), 0 },
	{ KDGKBMETA, OUT | sizeof(unsigned), 0 },
	{ GIO_SCRNMAP, OUT | E_TABSZ, 0 },
	{ PIO_SCRNMAP, E_TABSZ, 0 },
	{ GIO_UNISCRNMAP, OUT | E_TABSZ * sizeof(unsigned short), 0 },
	{ PIO_UNISCRNMAP, E_TABSZ * sizeof(unsigned short), 0 },
	/* the table and index asked for, then the value */
	{ KDGKBENT, OUT | KEEP | BEFORE | sizeof(struct kbentry), 0 },
	{ KDSKBENT, sizeof(struct kbentry), 0 },
	{ KDGKBSENT, OUT | KEEP | sizeof(struct kbsentry), 0 },
	{ KDSKBSENT, sizeof(struct kbsentry), 0 },
	{ KDGKBDIACR, OUT | sizeof(struct kbdiacrs), 0 },
	{ KDSKBDIACR, sizeof(struct kbdiacrs), 0 },
	{ KDGKBDIACRUC, OUT | sizeof(struct kbdiacrsuc), 0 },
	{ KDSKBDIACRUC, sizeof(struct kbdiacrsuc), 0 },
	{ KDGETKEYCODE, OUT | KEEP | BEFORE | sizeof(struct kbkeycode), 0 },
	{ KDSETKEYCODE, sizeof(struct kbkeycode), 0 },
	{ KDKBDREP, OUT | KEEP | BEFORE | sizeof(struct kbd_repeat), 0 },
	{ PIO_UNIMAPCLR, sizeof(struct unimapinit), 0 },
	{ GIO_CMAP, OUT | 3 * 16, 0 },
	{ PIO_CMAP, 3 * 16, 0 },
	/* the font is sg_ioctl_family_extra's, -s bytes of it */
	{ GIO_FONT, OUT, 0 },
	{ PIO_FONT, 0, 0 },
	{ KDFONTOP, OUT | KEEP | BEFORE | sizeof(struct console_font_op), 0 },
	/* the font and the pairs are sg_ioctl_family_extra's */
	{ GIO_FONTX, OUT | KEEP | BEFORE | sizeof(struct consolefontdesc), 0 },
	{ PIO_FONTX, sizeof(struct consolefontdesc), 0 },
	{ GIO_UNIMAP, OUT | KEEP | BEFORE | sizeof(struct unimapdesc), 0 },
	{ PIO_UNIMAP, sizeof(struct unimapdesc), 0 },
};

/* IDE disks: HDIO_DRIVE_CMD's header as given, and as the drive left it even
 * after an I/O error; the sectors after it are sg_ioctl_family_extra's. */
static const struct ioctl_mem hdio[] = {
	{ HDIO_GETGEO, OUT | sizeof(struct hd_geometry), 0 },
	{ HDIO_DRIVE_CMD, OUT | KEEP | BEFORE | 4, 0 },
	{ HDIO_GET_IDENTITY, OUT | ALWAYS | 512, 0 },
	{ HDIO_OBSOLETE_IDENTITY, OUT | ALWAYS | 142, 0 },
	{ HDIO_DRIVE_RESET, 3 * sizeof(int), 0 },
	{ HDIO_SCAN_HWIF, 3 * sizeof(int), 0 },
	{ HDIO_GET_32BIT, OUT | sizeof(long), 0 },
	{ HDIO_GET_ACOUSTIC, OUT | sizeof(long), 0 },
	{ HDIO_GET_ADDRESS, OUT | sizeof(long), 0 },
	{ HDIO_GET_DMA, OUT | sizeof(long), 0 },
	{ HDIO_GET_KEEPSETTINGS, OUT | sizeof(long), 0 },
	{ HDIO_GET_MULTCOUNT, OUT | sizeof(long), 0 },
	{ HDIO_GET_NOWERR, OUT | sizeof(long), 0 },
	{ HDIO_GET_UNMASKINTR, OUT | sizeof(long), 0 },
	{ HDIO_GET_WCACHE, OUT | sizeof(long), 0 },
	{ HDIO_GET_NICE, OUT | sizeof(long), 0 },
	{ HDIO_GET_BUSSTATE, OUT | sizeof(long), 0 },
};

static const struct ioctl_mem lirc[] = {
	{ LIRC_GET_FEATURES, OUT | 4, 0 },
	{ LIRC_GET_SEND_MODE, OUT | 4, 0 },
	{ LIRC_GET_REC_MODE, OUT | 4, 0 },
	{ LIRC_GET_REC_RESOLUTION, OUT | 4, 0 },
	{ LIRC_GET_MIN_TIMEOUT, OUT | 4, 0 },
	{ LIRC_GET_MAX_TIMEOUT, OUT | 4, 0 },
	{ LIRC_GET_LENGTH, OUT | 4, 0 },
	{ LIRC_GET_REC_TIMEOUT, OUT | 4, 0 },
	{ LIRC_SET_SEND_MODE, 4, 0 },
	{ LIRC_SET_REC_MODE, 4, 0 },
	{ LIRC_SET_SEND_CARRIER, 4, 0 },
	{ LIRC_SET_REC_CARRIER, 4, 0 },
	{ LIRC_SET_SEND_DUTY_CYCLE, 4, 0 },
	{ LIRC_SET_TRANSMITTER_MASK, 4, 0 },
	{ LIRC_SET_REC_TIMEOUT, 4, 0 },
	{ LIRC_SET_REC_TIMEOUT_REPORTS, 4, 0 },
	{ LIRC_SET_MEASURE_CARRIER_MODE, 4, 0 },
	{ LIRC_SET_REC_CARRIER_RANGE, 4, 0 },
	{ LIRC_SET_WIDEBAND_RECEIVER, 4, 0 },
};

/* TEE: the requests whose struct is in a buffer they point at keep it as it
 * went in (sg_ioctl_family_extra's), and read it again after. */
#define TEE_BUF (OUT | KEEP | BEFORE | BEFORE_EXTRA | sizeof(struct tee_ioctl_buf_data))
static const struct ioctl_mem tee[] = {
	{ TEE_IOC_VERSION, OUT | sizeof(struct tee_ioctl_version_data), 0 },
	{ TEE_IOC_SHM_ALLOC, OUT | KEEP | BEFORE | sizeof(struct tee_ioctl_shm_alloc_data), 0 },
	{ TEE_IOC_SHM_REGISTER, OUT | KEEP | BEFORE | sizeof(struct tee_ioctl_shm_register_data), 0 },
	{ TEE_IOC_CANCEL, sizeof(struct tee_ioctl_cancel_arg), 0 },
	{ TEE_IOC_CLOSE_SESSION, sizeof(struct tee_ioctl_close_session_arg), 0 },
	{ TEE_IOC_OPEN_SESSION, TEE_BUF, 0 },
	{ TEE_IOC_INVOKE, TEE_BUF, 0 },
	{ TEE_IOC_SUPPL_RECV, TEE_BUF, 0 },
	{ TEE_IOC_SUPPL_SEND, TEE_BUF, 0 },
};

/* GPIO: the requests that fill in a struct show what they were given even when
 * they failed. */
#define GPIO_RW(type) (OUT | KEEP | BEFORE | sizeof(type))
static const struct ioctl_mem gpio[] = {
	{ GPIO_GET_CHIPINFO_IOCTL, OUT | sizeof(struct gpiochip_info), 0 },
	{ GPIO_GET_LINEINFO_UNWATCH_IOCTL, sizeof(__u32), 0 },
	{ GPIO_GET_LINEINFO_IOCTL, GPIO_RW(struct gpioline_info), 0 },
	{ GPIO_GET_LINEINFO_WATCH_IOCTL, GPIO_RW(struct gpioline_info), 0 },
	{ GPIO_GET_LINEHANDLE_IOCTL, GPIO_RW(struct gpiohandle_request), 0 },
	{ GPIO_GET_LINEEVENT_IOCTL, GPIO_RW(struct gpioevent_request), 0 },
	{ GPIOHANDLE_GET_LINE_VALUES_IOCTL, OUT | sizeof(struct gpiohandle_data), 0 },
	{ GPIOHANDLE_SET_LINE_VALUES_IOCTL, sizeof(struct gpiohandle_data), 0 },
	{ GPIOHANDLE_SET_CONFIG_IOCTL, sizeof(struct gpiohandle_config), 0 },
	{ GPIO_V2_GET_LINEINFO_IOCTL, GPIO_RW(struct gpio_v2_line_info), 0 },
	{ GPIO_V2_GET_LINEINFO_WATCH_IOCTL, GPIO_RW(struct gpio_v2_line_info), 0 },
	{ GPIO_V2_GET_LINE_IOCTL, GPIO_RW(struct gpio_v2_line_request), 0 },
	{ GPIO_V2_LINE_SET_CONFIG_IOCTL, sizeof(struct gpio_v2_line_config), 0 },
	{ GPIO_V2_LINE_GET_VALUES_IOCTL, GPIO_RW(struct gpio_v2_line_values), 0 },
	{ GPIO_V2_LINE_SET_VALUES_IOCTL, sizeof(struct gpio_v2_line_values), 0 },
};

/* btrfs: the requests that fill in a struct show what they were given even when
 * they failed (the tree search v2's EOVERFLOW, the size it takes, too). */
#define BTRFS_RW(type) (OUT | KEEP | BEFORE | sizeof(type))
static const struct ioctl_mem btrfs[] = {
	{ BTRFS_IOC_START_SYNC, OUT | sizeof(__u64), 0 },
	{ BTRFS_IOC_DEFAULT_SUBVOL, sizeof(__u64), 0 },
	{ BTRFS_IOC_WAIT_SYNC, sizeof(__u64), 0 },
	{ BTRFS_IOC_SUBVOL_GETFLAGS, OUT | sizeof(__u64), 0 },
	{ BTRFS_IOC_SUBVOL_SETFLAGS, sizeof(__u64), 0 },
	{ BTRFS_IOC_SNAP_CREATE, sizeof(struct btrfs_ioctl_vol_args), 0 },
	{ BTRFS_IOC_RESIZE, sizeof(struct btrfs_ioctl_vol_args), 0 },
	{ BTRFS_IOC_SCAN_DEV, sizeof(struct btrfs_ioctl_vol_args), 0 },
	{ BTRFS_IOC_FORGET_DEV, sizeof(struct btrfs_ioctl_vol_args), 0 },
	{ BTRFS_IOC_ADD_DEV, sizeof(struct btrfs_ioctl_vol_args), 0 },
	{ BTRFS_IOC_RM_DEV, sizeof(struct btrfs_ioctl_vol_args), 0 },
	{ BTRFS_IOC_SUBVOL_CREATE, sizeof(struct btrfs_ioctl_vol_args), 0 },
	{ BTRFS_IOC_SNAP_DESTROY, sizeof(struct btrfs_ioctl_vol_args), 0 },
	{ BTRFS_IOC_DEVICES_READY, sizeof(struct btrfs_ioctl_vol_args), 0 },
	/* the qgroups to inherit are sg_ioctl_family_extra's */
	{ BTRFS_IOC_SNAP_CREATE_V2, BTRFS_RW(struct btrfs_ioctl_vol_args_v2), 0 },
	{ BTRFS_IOC_SUBVOL_CREATE_V2, BTRFS_RW(struct btrfs_ioctl_vol_args_v2), 0 },
	/* strace reads it even under -e verbose=none (its "0x... => 0x..." is
	 * decode_ioctl_btrfs.c's) */
	{ BTRFS_IOC_BALANCE_V2, BTRFS_RW(struct btrfs_ioctl_balance_args) | ALWAYS, 0 },
	{ BTRFS_IOC_BALANCE_PROGRESS, OUT | sizeof(struct btrfs_ioctl_balance_args), 0 },
	{ BTRFS_IOC_DEFRAG_RANGE, sizeof(struct btrfs_ioctl_defrag_range_args), 0 },
	{ BTRFS_IOC_DEV_INFO, BTRFS_RW(struct btrfs_ioctl_dev_info_args), 0 },
	{ BTRFS_IOC_DEV_REPLACE, BTRFS_RW(struct btrfs_ioctl_dev_replace_args), 0 },
	{ BTRFS_IOC_GET_FEATURES, OUT | sizeof(struct btrfs_ioctl_feature_flags), 0 },
	{ BTRFS_IOC_SET_FEATURES, 2 * sizeof(struct btrfs_ioctl_feature_flags), 0 },
	{ BTRFS_IOC_GET_SUPPORTED_FEATURES, OUT | 3 * sizeof(struct btrfs_ioctl_feature_flags), 0 },
	{ BTRFS_IOC_FS_INFO, OUT | sizeof(struct btrfs_ioctl_fs_info_args), 0 },
	{ BTRFS_IOC_GET_DEV_STATS, BTRFS_RW(struct btrfs_ioctl_get_dev_stats), 0 },
	{ BTRFS_IOC_INO_LOOKUP, BTRFS_RW(struct btrfs_ioctl_ino_lookup_args), 0 },
	/* the containers they point at are sg_ioctl_family_extra's */
	{ BTRFS_IOC_INO_PATHS, BTRFS_RW(struct btrfs_ioctl_ino_path_args), 0 },
	{ BTRFS_IOC_LOGICAL_INO, BTRFS_RW(struct btrfs_ioctl_logical_ino_args), 0 },
	{ BTRFS_IOC_QGROUP_ASSIGN, sizeof(struct btrfs_ioctl_qgroup_assign_args), 0 },
	{ BTRFS_IOC_QGROUP_CREATE, sizeof(struct btrfs_ioctl_qgroup_create_args), 0 },
	{ BTRFS_IOC_QGROUP_LIMIT, OUT | sizeof(struct btrfs_ioctl_qgroup_limit_args), 0 },
	{ BTRFS_IOC_QUOTA_CTL, sizeof(struct btrfs_ioctl_quota_ctl_args), 0 },
	{ BTRFS_IOC_QUOTA_RESCAN, sizeof(struct btrfs_ioctl_quota_rescan_args), 0 },
	{ BTRFS_IOC_QUOTA_RESCAN_STATUS, OUT | sizeof(struct btrfs_ioctl_quota_rescan_args), 0 },
	{ BTRFS_IOC_SET_RECEIVED_SUBVOL, BTRFS_RW(struct btrfs_ioctl_received_subvol_args), 0 },
	{ BTRFS_IOC_SCRUB, BTRFS_RW(struct btrfs_ioctl_scrub_args), 0 },
	{ BTRFS_IOC_SCRUB_PROGRESS, BTRFS_RW(struct btrfs_ioctl_scrub_args), 0 },
	{ BTRFS_IOC_TREE_SEARCH, BTRFS_RW(struct btrfs_ioctl_search_args), 0 },
	/* the headers of the items found are sg_ioctl_family_extra's */
	{ BTRFS_IOC_TREE_SEARCH_V2, BTRFS_RW(struct btrfs_ioctl_search_args_v2), 0 },
	/* the clone sources are sg_ioctl_family_extra's, as are the spaces */
	{ BTRFS_IOC_SEND, sizeof(struct btrfs_ioctl_send_args), 0 },
	{ BTRFS_IOC_SPACE_INFO, BTRFS_RW(struct btrfs_ioctl_space_args), 0 },
};

/* The buffer of a TEE request, when the kernel would take it: within its limit
 * and holding the request's struct. */
static struct sg_region tee_buf(uint64_t arg, sg_copy_fn copy, uint64_t size)
{
	struct sg_region none = { 0, 0 };
	struct tee_ioctl_buf_data b;

	if (copy(&b, arg, sizeof(b)) != sizeof(b) || !b.buf_ptr || b.buf_len > TEE_MAX_ARG_SIZE ||
	    b.buf_len < size)
		return none;
	return (struct sg_region){ b.buf_ptr, b.buf_len };
}

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
	{ sg_capture_evdev, SG_CAPTURE_EVDEV_ROWS },
	FAMILY(dm),
	FAMILY(ptp),
	FAMILY(mtd),
	FAMILY(ubi),
	FAMILY(term),
	FAMILY(sock),
	FAMILY(block),
	FAMILY(loop),
	FAMILY(fs),
	FAMILY(rnd),
	FAMILY(rtc),
	FAMILY(watchdog),
	FAMILY(v4l2),
	FAMILY(kd),
	FAMILY(hdio),
	FAMILY(lirc),
	FAMILY(tee),
	FAMILY(gpio),
	FAMILY(btrfs),
};

static uint32_t row_mem(const struct ioctl_mem *row, uint32_t req)
{
	if (!(row->mem & REQ_SIZE))
		return row->mem;
	return (row->mem & ~(uint32_t)(SG_IOCTL_MEM_SIZE | REQ_SIZE)) | _IOC_SIZE(req);
}

uint32_t sg_ioctl_family_mem(uint32_t req)
{
	for (unsigned f = 0; f < sizeof(families) / sizeof(families[0]); f++)
		for (unsigned i = 0; i < families[f].n; i++) {
			const struct ioctl_mem *row = &families[f].rows[i];
			if ((req & (row->mask ? row->mask : ~0u)) == row->req)
				return row_mem(row, req);
		}
	return 0;
}

/* Elements of an array shown when abbreviated: strace's -s limit, and one more
 * for the "..." after them. */
static uint64_t shown(uint64_t n, int strsize, bool whole)
{
	uint64_t max = whole ? 4096 : (uint64_t)strsize + 1;

	return n < max ? n : max;
}

/* KDFONTOP's font (GET, SET: -s bytes of it) or font name (SET_DEFAULT). */
static struct sg_region font_op_data(uint64_t arg, int strsize, sg_copy_fn copy)
{
	struct sg_region none = { 0, 0 };
	struct console_font_op op;
	uint64_t width, count;

	if (copy(&op, arg, sizeof(op)) != sizeof(op) || !op.data)
		return none;
	if (op.op == KD_FONT_OP_SET_DEFAULT)
		return (struct sg_region){ (uint64_t)(uintptr_t)op.data, shown(32, strsize, false) };
	if (op.op != KD_FONT_OP_GET && op.op != KD_FONT_OP_SET)
		return none;
	width = op.width < 32 ? op.width : 32;
	count = op.charcount < 512 ? op.charcount : 512;
	return (struct sg_region){ (uint64_t)(uintptr_t)op.data,
				   shown((width + 7) / 8 * 32 * count, strsize, false) };
}

/* The string the k-th extended control points at, when it has one. */
static struct sg_region ext_ctrl_string(uint64_t arg, int strsize, bool whole, sg_copy_fn copy,
					unsigned k)
{
	struct sg_region none = { 0, 0 };
	struct v4l2_ext_controls c;
	struct v4l2_ext_control e;
	uint64_t at;

	if (copy(&c, arg, sizeof(c)) != sizeof(c) || !c.controls || k >= shown(c.count, strsize, whole))
		return none;
	at = (uint64_t)(uintptr_t)c.controls + k * sizeof(e);
	if (copy(&e, at, sizeof(e)) != sizeof(e) || !e.size || !e.string)
		return (struct sg_region){ at, 0 };
	return (struct sg_region){ (uint64_t)(uintptr_t)e.string,
				   e.size < (uint32_t)strsize ? e.size : (uint64_t)strsize };
}

/* btrfs's data containers: the header, with (-v) the values after it (an inode
 * path's offset, or three numbers of an inode at an address); then (-v) each
 * path the offsets lead to. */
static struct sg_region btrfs_container(uint32_t req, uint64_t arg, bool whole, sg_copy_fn copy,
					unsigned k)
{
	struct sg_region none = { 0, 0 };
	struct btrfs_ioctl_ino_path_args p;
	struct btrfs_ioctl_logical_ino_args l;
	struct btrfs_data_container c;
	uint64_t at, off;

	if (req == BTRFS_IOC_INO_PATHS) {
		if (copy(&p, arg, sizeof(p)) != sizeof(p))
			return none;
		at = p.fspath;
	} else {
		if (copy(&l, arg, sizeof(l)) != sizeof(l))
			return none;
		at = l.inodes;
	}
	if (!at || (k && !whole))
		return none;
	if (copy(&c, at, sizeof(c)) != sizeof(c))
		return k ? none : (struct sg_region){ at, sizeof(c) };
	uint64_t n = req == BTRFS_IOC_INO_PATHS ? c.elem_cnt : (uint64_t)c.elem_cnt / 3 * 3;
	n = shown(n, 0, true);
	if (!k)
		return (struct sg_region){ at, sizeof(c) + (whole ? n * sizeof(uint64_t) : 0) };
	if (req != BTRFS_IOC_INO_PATHS || k > n ||
	    copy(&off, at + sizeof(c) + (k - 1) * sizeof(off), sizeof(off)) != sizeof(off))
		return none;
	return (struct sg_region){ at + sizeof(c) + off, PATH_MAX + 1 };
}

/* The k-th item header a tree search v2 found (-v): as many as strace shows,
 * each after the data of the one before. */
static struct sg_region btrfs_search_item(uint64_t arg, int strsize, sg_copy_fn copy, unsigned k)
{
	struct sg_region none = { 0, 0 };
	struct btrfs_ioctl_search_args_v2 a;
	struct btrfs_ioctl_search_header h;
	uint64_t buf = arg + sizeof(a), off = 0;

	if (copy(&a, arg, sizeof(a)) != sizeof(a) || k >= a.key.nr_items || k > (unsigned)strsize)
		return none;
	for (unsigned i = 0; i <= k; i++) {
		if (off + sizeof(h) > a.buf_size || buf + off < buf)
			return none;
		if (i == k)
			return (struct sg_region){ buf + off, sizeof(h) };
		if (copy(&h, buf + off, sizeof(h)) != sizeof(h))
			return none;
		off += sizeof(h) + h.len;
	}
	return none;
}

static struct sg_region btrfs_extra(uint32_t req, uint64_t arg, bool failed, int strsize,
				    bool whole, sg_copy_fn copy, unsigned k)
{
	struct sg_region none = { 0, 0 };

	switch (req) {
	case BTRFS_IOC_SNAP_CREATE_V2:
	case BTRFS_IOC_SUBVOL_CREATE_V2: {
		struct btrfs_ioctl_vol_args_v2 v;
		struct btrfs_qgroup_inherit q;
		if (k || copy(&v, arg, sizeof(v)) != sizeof(v) ||
		    !(v.flags & BTRFS_SUBVOL_QGROUP_INHERIT) || !v.qgroup_inherit)
			return none;
		uint64_t at = (uint64_t)(uintptr_t)v.qgroup_inherit;
		if (!whole || copy(&q, at, sizeof(q)) != sizeof(q))
			return (struct sg_region){ at, sizeof(q) };
		return (struct sg_region){ at, sizeof(q) + shown(q.num_qgroups, 0, true) * sizeof(__u64) };
	}
	case BTRFS_IOC_INO_PATHS:
	case BTRFS_IOC_LOGICAL_INO:
		return failed ? none : btrfs_container(req, arg, whole, copy, k);
	case BTRFS_IOC_TREE_SEARCH_V2:
		return failed || !whole ? none : btrfs_search_item(arg, strsize, copy, k);
	case BTRFS_IOC_SEND: {
		struct btrfs_ioctl_send_args s;
		if (k || !whole || copy(&s, arg, sizeof(s)) != sizeof(s) || !s.clone_sources)
			return none;
		return (struct sg_region){ (uint64_t)(uintptr_t)s.clone_sources,
					   shown(s.clone_sources_count, 0, true) * sizeof(__u64) };
	}
	case BTRFS_IOC_SPACE_INFO: {
		struct btrfs_ioctl_space_args s;
		if (k || failed || !whole || copy(&s, arg, sizeof(s)) != sizeof(s))
			return none;
		return (struct sg_region){ arg + sizeof(s), shown(s.total_spaces, 0, true) *
							   sizeof(struct btrfs_ioctl_space_info) };
	}
	default:
		return none;
	}
}

struct sg_region sg_ioctl_family_extra(uint32_t req, uint64_t arg, bool failed, int strsize,
				       bool whole, sg_copy_fn copy, unsigned k)
{
	struct sg_region none = { 0, 0 };

	/* FIDEDUPERANGE is btrfs's number too, and the fs family's below */
	if (_IOC_TYPE(req) == BTRFS_IOCTL_MAGIC && req != FIDEDUPERANGE)
		return btrfs_extra(req, arg, failed, strsize, whole, copy, k);

	if (k && (req == VIDIOC_G_EXT_CTRLS || req == VIDIOC_S_EXT_CTRLS ||
		  req == VIDIOC_TRY_EXT_CTRLS))
		return ext_ctrl_string(arg, strsize, whole, copy, k - 1);
	if (k)
		return none;
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
	case VIDIOC_G_FMT:
	case VIDIOC_S_FMT:
	case VIDIOC_TRY_FMT: {
		struct v4l2_format f;
		if (copy(&f, arg, sizeof(f)) != sizeof(f) || !f.fmt.win.clips || !f.fmt.win.clipcount ||
		    (f.type != V4L2_BUF_TYPE_VIDEO_OVERLAY &&
		     f.type != V4L2_BUF_TYPE_VIDEO_OUTPUT_OVERLAY))
			return none;
		uint64_t n = shown(f.fmt.win.clipcount, strsize, whole);
		return (struct sg_region){ (uint64_t)(uintptr_t)f.fmt.win.clips,
					   n * sizeof(struct v4l2_clip) };
	}
	case VIDIOC_G_EXT_CTRLS:
	case VIDIOC_S_EXT_CTRLS:
	case VIDIOC_TRY_EXT_CTRLS: {
		struct v4l2_ext_controls c;
		if (copy(&c, arg, sizeof(c)) != sizeof(c) || !c.controls || !c.count)
			return none;
		uint64_t n = shown(c.count, strsize, whole);
		return (struct sg_region){ (uint64_t)(uintptr_t)c.controls,
					   n * sizeof(struct v4l2_ext_control) };
	}
	case TEE_IOC_OPEN_SESSION:
		return tee_buf(arg, copy, sizeof(struct tee_ioctl_open_session_arg));
	case TEE_IOC_INVOKE:
		return tee_buf(arg, copy, sizeof(struct tee_ioctl_invoke_arg));
	case TEE_IOC_SUPPL_RECV:
		return tee_buf(arg, copy, sizeof(struct tee_iocl_supp_recv_arg));
	case TEE_IOC_SUPPL_SEND:
		return tee_buf(arg, copy, sizeof(struct tee_iocl_supp_send_arg));
	case KVM_SET_CPUID2:
	case KVM_GET_SUPPORTED_CPUID:
	case KVM_GET_EMULATED_CPUID: {
		/* the entries are shown only in full, all of them */
		struct kvm_cpuid2 c;
		if (!whole || copy(&c, arg, sizeof(c)) != sizeof(c) || !c.nent)
			return none;
		uint64_t n = c.nent < 4096u ? c.nent : 4096u;
		return (struct sg_region){ arg + sizeof(c), n * sizeof(struct kvm_cpuid_entry2) };
	}
	case HDIO_DRIVE_CMD: {
		unsigned char h[4];
		if (copy(h, arg, sizeof(h)) != sizeof(h) || !h[3])
			return none;
		uint64_t n = (uint64_t)h[3] * 512;
		return (struct sg_region){ arg + 4, n < (uint64_t)strsize ? n : (uint64_t)strsize };
	}
	case GIO_FONT:
	case PIO_FONT:
		if (failed)
			return none;
		return (struct sg_region){ arg, shown(8192, strsize, false) };
	case KDFONTOP:
		return font_op_data(arg, strsize, copy);
	case GIO_FONTX:
	case PIO_FONTX: {
		struct consolefontdesc f;
		if (failed || copy(&f, arg, sizeof(f)) != sizeof(f) || !f.chardata)
			return none;
		uint64_t count = f.charcount < 512 ? f.charcount : 512;
		return (struct sg_region){ (uint64_t)(uintptr_t)f.chardata,
					   shown(count * 32, strsize, false) };
	}
	case GIO_UNIMAP:
	case PIO_UNIMAP: {
		struct unimapdesc u;
		if (copy(&u, arg, sizeof(u)) != sizeof(u) || !u.entries || !u.entry_ct)
			return none;
		return (struct sg_region){ (uint64_t)(uintptr_t)u.entries,
					   shown(u.entry_ct, strsize, whole) * sizeof(struct unipair) };
	}
	default:
		return none;
	}
}
