/* Flag arguments that need nothing but a table of names: per call, its bits and
 * what strace calls a bit it does not name. */
#include "decode_int.h"

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>

static const struct sg_flag mlockall_flags[] = {
	SG_FLAG(MCL_CURRENT), SG_FLAG(MCL_FUTURE), SG_FLAG(MCL_ONFAULT), SG_FLAG_END,
};
static const struct sg_flag msync_flags[] = {
	SG_FLAG(MS_ASYNC), SG_FLAG(MS_SYNC), SG_FLAG(MS_INVALIDATE), SG_FLAG_END,
};
static const struct sg_flag umount_flags[] = {
	SG_FLAG(MNT_FORCE), SG_FLAG(MNT_DETACH), SG_FLAG(MNT_EXPIRE), SG_FLAG(UMOUNT_NOFOLLOW),
	SG_FLAG_END,
};
static const struct sg_flag eventfd_flags[] = {
	SG_FLAG(EFD_SEMAPHORE), SG_FLAG(EFD_CLOEXEC), SG_FLAG(EFD_NONBLOCK), SG_FLAG_END,
};
static const struct sg_flag inotify_flags[] = {
	SG_FLAG(IN_NONBLOCK), SG_FLAG(IN_CLOEXEC), SG_FLAG_END,
};
/* strace names TFD_TIMER_ABSTIME here too (the kernel refuses it). */
static const struct sg_flag timerfd_flags[] = {
	SG_FLAG(TFD_TIMER_ABSTIME), SG_FLAG(TFD_NONBLOCK), SG_FLAG(TFD_CLOEXEC), SG_FLAG_END,
};
static const struct sg_flag epoll_flags[] = {
	SG_FLAG(EPOLL_CLOEXEC), SG_FLAG_END,
};
/* strace 6.1 names these two (later versions AT_HANDLE_FID too). */
static const struct sg_flag handle_flags[] = {
	SG_FLAG(AT_SYMLINK_FOLLOW), SG_FLAG(AT_EMPTY_PATH), SG_FLAG_END,
};

/* By the syscall numbers of the headers. */
static const struct {
	long nr;
	const struct sg_flag *names;
	const char *unknown;
} calls[] = {
	{ SYS_mlockall, mlockall_flags, "MCL_???" },
	{ SYS_msync, msync_flags, "MS_???" },
	{ SYS_umount2, umount_flags, "MNT_???" },
	{ SYS_eventfd2, eventfd_flags, "EFD_???" },
	{ SYS_inotify_init1, inotify_flags, "IN_???" },
	{ SYS_timerfd_create, timerfd_flags, "TFD_???" },
	{ SYS_epoll_create1, epoll_flags, "EPOLL_???" },
	{ SYS_name_to_handle_at, handle_flags, "AT_???" },
};

void sg_kind_flags(struct sg_dctx *d)
{
	unsigned long long v = sg_arg(d, d->idx) & 0xffffffffu;

	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (calls[i].nr == d->c->nr) {
			sg_print_flags_as(d->out, calls[i].names, v, "0", calls[i].unknown);
			return;
		}
	sg_str_addf(d->out, "%#llx", v);
}
