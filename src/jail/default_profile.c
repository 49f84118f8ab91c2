/* The built-in default profile, in our policy text format (see core/policy_text.c).
 *
 * An allowlist of what ordinary programs (shells, coreutils, python, tar) need;
 * everything else fails with EPERM, like Docker's default. The denials below the
 * allowlist are written out so a report names the rule and its reason; they match
 * the default action, so they cost nothing in the filter. Values that are flag
 * bits are written in hex with their names beside them. */
#include <stddef.h>

#include "core/policy.h"
#include "jail_int.h"

const char jail_default_text[] =
	"# sysgate built-in default profile\n"
	"default errno EPERM\n"
	"# files and descriptors\n"
	"allow read write open close stat fstat lstat newfstatat statx poll ppoll select pselect6\n"
	"allow lseek pread64 pwrite64 readv writev preadv pwritev preadv2 pwritev2\n"
	"allow access faccessat faccessat2 pipe pipe2 dup dup2 dup3 fcntl flock fsync fdatasync\n"
	"allow truncate ftruncate getdents64 getcwd chdir fchdir rename renameat renameat2\n"
	"allow mkdir mkdirat rmdir creat link linkat unlink unlinkat symlink symlinkat\n"
	"allow readlink readlinkat chmod fchmod fchmodat chown fchown lchown fchownat umask\n"
	"allow openat sendfile splice tee vmsplice copy_file_range syncfs sync_file_range\n"
	"allow fadvise64 fallocate readahead statfs fstatfs utime utimes utimensat close_range\n"
	"allow setxattr lsetxattr fsetxattr getxattr lgetxattr fgetxattr\n"
	"allow listxattr llistxattr flistxattr removexattr lremovexattr fremovexattr\n"
	"allow epoll_create epoll_create1 epoll_ctl epoll_wait epoll_pwait epoll_pwait2\n"
	"allow eventfd eventfd2 signalfd signalfd4 timerfd_create timerfd_settime timerfd_gettime\n"
	"allow inotify_init inotify_init1 inotify_add_watch inotify_rm_watch memfd_create\n"
	"# ioctl: everything but TIOCSTI (0x5412, types into a terminal) and TIOCLINUX\n"
	"# (0x541c). The kernel reads the request as 32 bits: mask off the upper ones\n"
	"errno EPERM ioctl if arg1 & 0xffffffff == 0x5412 # TIOCSTI\n"
	"errno EPERM ioctl if arg1 & 0xffffffff == 0x541c # TIOCLINUX\n"
	"allow ioctl\n"
	"# memory\n"
	"allow brk mmap munmap mprotect mremap msync mincore madvise mlock mlock2 munlock\n"
	"# NUMA placement of the caller's own memory: ps and top (libnuma) ask and set it\n"
	"allow membarrier get_mempolicy set_mempolicy\n"
	"# processes, threads, signals\n"
	"allow fork vfork execve execveat exit exit_group wait4 waitid kill tkill tgkill\n"
	"allow getpid getppid gettid getpgrp getpgid setpgid getsid setsid set_tid_address\n"
	"allow set_robust_list get_robust_list futex rseq arch_prctl prctl restart_syscall\n"
	"allow rt_sigaction rt_sigprocmask rt_sigreturn rt_sigpending rt_sigtimedwait\n"
	"allow rt_sigqueueinfo rt_tgsigqueueinfo rt_sigsuspend sigaltstack pause\n"
	"allow pidfd_open pidfd_send_signal seccomp\n"
	"allow sched_yield sched_getaffinity sched_setaffinity sched_getparam\n"
	"allow sched_getscheduler sched_get_priority_max sched_get_priority_min\n"
	"allow sched_rr_get_interval sched_getattr getpriority setpriority getcpu\n"
	"allow getrlimit setrlimit prlimit64 getrusage sysinfo times uname\n"
	"# clone without namespaces: CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET\n"
	"allow clone if arg0 & 0x7e020000 == 0\n"
	"errno EPERM clone # new namespaces are the jail's business, not the command's\n"
	"quiet errno ENOSYS clone3 # its flags live in memory a filter cannot read; libc falls back to clone\n"
	"# personality: PER_LINUX, PER_LINUX32, UNAME26 variants and the 0xffffffff query\n"
	"allow personality if arg0 == 0 || arg0 == 0x8 || arg0 == 0x20000 || arg0 == 0x20008 || arg0 == 0xffffffff\n"
	"errno EPERM personality\n"
	"# credentials\n"
	"allow getuid geteuid getgid getegid getgroups getresuid getresgid setuid setgid\n"
	"allow setreuid setregid setresuid setresgid setgroups capget capset\n"
	"# time\n"
	"allow nanosleep clock_nanosleep clock_gettime clock_getres gettimeofday time\n"
	"allow alarm getitimer setitimer timer_create timer_settime timer_gettime\n"
	"allow timer_getoverrun timer_delete\n"
	"# network and IPC\n"
	"allow socket socketpair connect accept accept4 bind listen shutdown getsockname\n"
	"allow getpeername setsockopt getsockopt sendto recvfrom sendmsg recvmsg sendmmsg recvmmsg\n"
	"allow shmget shmat shmdt shmctl semget semop semtimedop semctl\n"
	"allow msgget msgsnd msgrcv msgctl getrandom\n"
	"# denied, with the reason\n"
	"errno EPERM io_uring_setup io_uring_enter io_uring_register # a large kernel attack surface\n"
	"errno EPERM bpf perf_event_open userfaultfd # kernel attack surface, side channels\n"
	"errno EPERM add_key request_key keyctl # the kernel keyring is not namespaced\n"
	"errno EPERM kexec_load kexec_file_load reboot swapon swapoff # the machine, not the process\n"
	"errno EPERM init_module finit_module delete_module # kernel modules\n"
	"errno EPERM mount umount2 pivot_root fsopen fsmount fsconfig move_mount open_tree fspick mount_setattr\n"
	"errno EPERM unshare setns # namespaces\n"
	"errno EPERM ptrace process_vm_readv process_vm_writev # other processes' memory\n"
	"quiet errno ENOSYS openat2 # its flags live in memory; libc falls back to openat\n";

int jail_default_policy(struct policy *p, char *err, size_t errsz)
{
	policy_init(p);
	return policy_parse_text(p, jail_default_text, JAIL_DEFAULT_NAME, err, errsz);
}
