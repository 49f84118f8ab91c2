/* Flag arguments with bits known and unknown, each call harmless (bad arguments,
 * missing paths, a NULL range): what strace names, and how it shows a bit it does
 * not name (the number, then "?_OK" in a comment). */
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

int main(void)
{
	syscall(SYS_access, "/", 0x40);
	syscall(SYS_access, "/", X_OK | 0x40);
	syscall(SYS_mprotect, 0, 0, 0x100);
	syscall(SYS_mprotect, 0, 0, PROT_READ | 0x100);
	syscall(SYS_wait4, -1, 0, 0x100, 0);
	syscall(SYS_pipe2, 0, 0x1);
	syscall(SYS_unlinkat, AT_FDCWD, "/nonexistent", 0x1);
	syscall(SYS_mlockall, 0x10);
	syscall(SYS_mlockall, MCL_CURRENT | MCL_FUTURE | 0x80);
	syscall(SYS_msync, 0, 0, 0x8);
	syscall(SYS_msync, 0x1000, 4096, MS_SYNC | MS_INVALIDATE);
	syscall(SYS_umount2, "/nonexistent", 0x20);
	syscall(SYS_umount2, "/nonexistent", MNT_DETACH | UMOUNT_NOFOLLOW);
	syscall(SYS_eventfd2, 0, 0x2);
	syscall(SYS_eventfd2, 1, EFD_CLOEXEC | EFD_NONBLOCK);
	syscall(SYS_epoll_create1, 0x2);
	syscall(SYS_epoll_create1, EPOLL_CLOEXEC);
	syscall(SYS_inotify_init1, 0x2);
	syscall(SYS_inotify_init1, IN_CLOEXEC);
	syscall(SYS_timerfd_create, CLOCK_MONOTONIC, 0x1);
	syscall(SYS_timerfd_create, CLOCK_REALTIME, TFD_CLOEXEC);
	return 0;
}
