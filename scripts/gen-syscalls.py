#!/usr/bin/env python3
"""Generate src/core/syscall_table.c and src/core/names_table.c for x86_64.

Inputs are the kernel's own metadata:
  * numbers: the UAPI header asm/unistd_64.h, plus scripts/syscalls-newer.tbl for
    system calls newer than the installed headers;
  * argument names and C types: tracefs events/syscalls/sys_enter_*/format of the
    running kernel;
  * errno and signal names: the UAPI headers asm-generic/errno*.h and asm/signal.h.

This script is the one place where syscall names are typed by hand (the class lists
and the argument-kind overrides below). Run it as root with tracefs mounted:
    python3 scripts/gen-syscalls.py
and commit the result.
"""
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
INC = "/usr/include"
UNISTD = INC + "/x86_64-linux-gnu/asm/unistd_64.h"
TRACEFS = ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"]

# tracefs names some events after the kernel function, not the syscall.
TRACE_ALIAS = {"newfstat": "fstat", "newlstat": "lstat", "newstat": "stat",
               "newuname": "uname", "sendfile64": "sendfile", "umount": "umount2"}

CLASSES = {
    "FILE": """open openat openat2 creat stat lstat newfstatat statx access faccessat
        faccessat2 chdir chmod fchmodat fchmodat2 chown lchown fchownat mkdir mkdirat rmdir
        unlink unlinkat rename renameat renameat2 link linkat symlink symlinkat readlink
        readlinkat truncate execve execveat mknod mknodat utime utimes utimensat futimesat
        statfs chroot mount umount2 pivot_root swapon swapoff acct getxattr lgetxattr
        setxattr lsetxattr listxattr llistxattr removexattr lremovexattr getcwd
        inotify_add_watch fanotify_mark name_to_handle_at quotactl open_tree move_mount
        fsopen fspick mount_setattr quotactl_path uselib setxattrat getxattrat listxattrat
        removexattrat open_tree_attr file_getattr file_setattr statmount listmount""",
    # strace's %desc: the calls that take or make a file descriptor (not the
    # socket calls, which are %network only, nor close_range or execve).
    "DESC": """read write open close fstat poll lseek mmap ioctl pread64 pwrite64 readv
        writev pipe select dup dup2 sendfile fcntl flock fsync fdatasync ftruncate getdents
        fchdir creat fchmod fchown fstatfs readahead fsetxattr fgetxattr flistxattr
        fremovexattr epoll_create getdents64 fadvise64 epoll_wait epoll_ctl mq_open
        mq_timedsend mq_timedreceive mq_notify mq_getsetattr inotify_init inotify_add_watch
        inotify_rm_watch openat mkdirat mknodat fchownat futimesat newfstatat unlinkat
        renameat linkat symlinkat readlinkat fchmodat faccessat pselect6 ppoll splice tee
        sync_file_range vmsplice utimensat epoll_pwait signalfd timerfd_create eventfd
        fallocate timerfd_settime timerfd_gettime signalfd4 eventfd2 epoll_create1 dup3
        pipe2 inotify_init1 preadv pwritev perf_event_open fanotify_init fanotify_mark
        name_to_handle_at open_by_handle_at syncfs setns finit_module renameat2
        memfd_create kexec_file_load bpf execveat userfaultfd copy_file_range preadv2
        pwritev2 statx pidfd_send_signal io_uring_setup io_uring_enter io_uring_register
        open_tree move_mount fsopen fsconfig fsmount fspick pidfd_open openat2 pidfd_getfd
        faccessat2 process_madvise epoll_pwait2 mount_setattr quotactl_fd
        landlock_create_ruleset landlock_add_rule landlock_restrict_self memfd_secret
        process_mrelease cachestat fchmodat2 setxattrat getxattrat listxattrat
        removexattrat open_tree_attr file_getattr file_setattr""",
    "NETWORK": """socket connect accept sendto recvfrom sendmsg recvmsg shutdown bind listen
        getsockname getpeername socketpair setsockopt getsockopt accept4 recvmmsg sendmmsg
        sendfile getpmsg putpmsg""",
    # strace's %process: the calls that make, replace, wait for, signal or end one.
    "PROCESS": """clone fork vfork execve exit wait4 kill exit_group waitid tkill tgkill
        rt_sigqueueinfo rt_tgsigqueueinfo execveat clone3 pidfd_send_signal""",
    "MEMORY": """mmap mprotect munmap brk mremap msync mincore madvise shmat shmdt mlock
        munlock mlockall munlockall remap_file_pages mbind set_mempolicy get_mempolicy
        migrate_pages move_pages mlock2 pkey_mprotect process_madvise memfd_secret
        set_mempolicy_home_node map_shadow_stack mseal cachestat""",
    "SIGNAL": """rt_sigaction rt_sigprocmask rt_sigreturn pause kill rt_sigpending
        rt_sigtimedwait rt_sigqueueinfo rt_sigsuspend sigaltstack tkill tgkill signalfd
        signalfd4 rt_tgsigqueueinfo pidfd_send_signal""",
    "IPC": """shmget shmat shmctl shmdt semget semop semctl msgget msgsnd msgrcv msgctl
        semtimedop mq_open mq_unlink mq_timedsend mq_timedreceive mq_notify mq_getsetattr""",
    # strace's narrower classes: clocks, calls with no side effect and no
    # argument (%pure), each kind of stat and statfs, and all of them (%%stat).
    "CLOCK": """gettimeofday adjtimex settimeofday time clock_settime clock_gettime
        clock_getres clock_adjtime""",
    "PURE": "getpid getuid getgid geteuid getegid getppid getpgrp gettid",
    "STAT": "stat",
    "LSTAT": "lstat",
    "FSTAT": "fstat newfstatat statx",
    "STAT_ANY": "stat fstat lstat newfstatat statx",
    "STATFS": "statfs",
    "FSTATFS": "fstatfs",
    "STATFS_ANY": "ustat statfs fstatfs",
    "CREDS": """getuid getgid setuid setgid geteuid getegid setpgid setreuid setregid
        getgroups setgroups setresuid getresuid setresgid getresgid setfsuid setfsgid
        capget capset prctl""",
}

# Calls shown with an argument tracefs does not list. rt_sigreturn takes none: it
# finds its frame at the stack pointer, which each backend passes as its first
# argument, so that the mask it restores is shown as strace shows it.
PSEUDO_ARGS = {"rt_sigreturn": [("struct rt_sigframe *", "frame")]}

# Argument kinds chosen by name for one syscall; the rest follow the rules in kind_of().
OVERRIDES = {
    "rt_sigreturn": {"frame": "SIGFRAME"},
    "getdents": {"dirent": "DIRENTS"},
    "getgroups": {"grouplist": "GIDS_OUT"},
    "setgroups": {"grouplist": "GIDS_IN"},
    "getdents64": {"dirent": "DIRENTS"},
    "open": {"flags": "OPEN_FLAGS", "mode": "OPEN_MODE"},
    "openat": {"flags": "OPEN_FLAGS", "mode": "OPEN_MODE"},
    "creat": {"mode": "MODE"},
    "mmap": {"addr": "PTR", "prot": "PROT", "flags": "MMAP_FLAGS", "off": "HEX"},
    "mprotect": {"start": "PTR", "prot": "PROT"},
    "pkey_mprotect": {"start": "PTR", "prot": "PROT"},
    "munmap": {"addr": "PTR"},
    "mremap": {"addr": "PTR", "new_addr": "PTR", "flags": "HEX"},
    "brk": {"brk": "PTR"},
    "madvise": {"start": "PTR", "behavior": "MADVICE"},
    # strace's notation: clone(child_stack=..., flags=..., child_tidptr=...).
    "clone": {"clone_flags": "CLONE_ARGS", "newsp": "HIDDEN", "parent_tidptr": "CLONE_PTID",
              "child_tidptr": "CLONE_CTID", "tls": "CLONE_TLS"},
    "unshare": {"unshare_flags": "CLONE_FLAGS"},
    "setns": {"flags": "CLONE_FLAGS"},
    "socket": {"family": "SOCK_FAMILY", "type": "SOCK_TYPE", "protocol": "SOCK_PROTO"},
    "socketpair": {"family": "SOCK_FAMILY", "type": "SOCK_TYPE", "protocol": "SOCK_PROTO",
                   "usockvec": "PIPE_FDS"},
    "access": {"mode": "ACCESS_MODE"},
    "faccessat": {"mode": "ACCESS_MODE"},
    "faccessat2": {"mode": "ACCESS_MODE", "flags": "AT_FLAGS"},
    "newfstatat": {"flag": "AT_FLAGS"},
    "statx": {"flags": "STATX_FLAGS", "mask": "STATX_MASK"},
    "fadvise64": {"advice": "FADVICE"},
    "unlinkat": {"flag": "AT_FLAGS"},
    "fchownat": {"flag": "AT_FLAGS"},
    "linkat": {"flags": "AT_FLAGS"},
    "utimensat": {"flags": "AT_FLAGS"},
    "fchmodat2": {"flags": "AT_FLAGS"},
    "execveat": {"flags": "AT_FLAGS"},
    "mkdir": {"mode": "MODE"}, "mkdirat": {"mode": "MODE"},
    "chmod": {"mode": "MODE"}, "fchmod": {"mode": "MODE"}, "fchmodat": {"mode": "MODE"},
    "mknod": {"mode": "MODE"}, "mknodat": {"mode": "MODE"}, "umask": {"mask": "MODE"},
    "rt_sigprocmask": {"how": "SIGMASK_HOW"},
    "rt_sigaction": {"sig": "SIGNAL"},
    "kill": {"sig": "SIGNAL"}, "tkill": {"sig": "SIGNAL"}, "tgkill": {"sig": "SIGNAL"},
    "lseek": {"whence": "SEEK_WHENCE"},
    "fcntl": {"cmd": "FCNTL_CMD", "arg": "FCNTL_ARG"},
    "ioctl": {"cmd": "IOCTL_CMD", "arg": "IOCTL_ARG"},
    "getrlimit": {"resource": "RLIMIT_RESOURCE"},
    "setrlimit": {"resource": "RLIMIT_RESOURCE"},
    "prlimit64": {"resource": "RLIMIT_RESOURCE"},
    "arch_prctl": {"option": "ARCH_PRCTL", "arg2": "PTR"},
    "clock_gettime": {"which_clock": "CLOCKID"}, "clock_getres": {"which_clock": "CLOCKID"},
    "clock_nanosleep": {"which_clock": "CLOCKID", "flags": "TIMER_FLAGS"},
    "timer_settime": {"flags": "TIMER_FLAGS"}, "timerfd_settime": {"flags": "TIMER_FLAGS"}, "clock_settime": {"which_clock": "CLOCKID"},
    "wait4": {"stat_addr": "WAIT_STATUS", "options": "WAIT_OPTIONS"},
    "futex": {"op": "FUTEX_OP", "utime": "FUTEX_TIMEOUT", "uaddr2": "FUTEX_UADDR2",
              "val3": "FUTEX_VAL3"},
    "pipe": {"fildes": "PIPE_FDS"}, "pipe2": {"fildes": "PIPE_FDS", "flags": "OPEN_FLAGS"},
    "dup3": {"flags": "OPEN_FLAGS"},
    "epoll_create1": {"flags": "FLAGS"},
    "mlockall": {"flags": "FLAGS"}, "msync": {"start": "PTR", "flags": "FLAGS"},
    "umount2": {"flags": "FLAGS"}, "eventfd2": {"flags": "FLAGS"},
    "inotify_init1": {"flags": "FLAGS"},
    "timerfd_create": {"clockid": "CLOCKID", "flags": "FLAGS"},
    "getrandom": {"ubuf": "BUF_OUT", "flags": "GETRANDOM_FLAGS"},
    "accept4": {"flags": "SOCK_TYPE"},
    "rseq": {"rseq_len": "HEX", "sig": "HEX"},
    "exit": {"error_code": "INT"}, "exit_group": {"error_code": "INT"},
    "prctl": {"option": "PRCTL_OPTION", "arg2": "PRCTL_ARG", "arg3": "PRCTL_ARG",
              "arg4": "PRCTL_ARG", "arg5": "PRCTL_ARG"},
    "setsockopt": {"level": "SOCKOPT_LEVEL", "optname": "SOCKOPT_NAME",
                   "optval": "SOCKOPT_VAL_IN", "optlen": "INT"},
    "getsockopt": {"level": "SOCKOPT_LEVEL", "optname": "SOCKOPT_NAME",
                   "optval": "SOCKOPT_VAL_OUT", "optlen": "SOCKOPT_LEN_OUT"},
    "sendmsg": {"msg": "MSGHDR_IN", "flags": "MSG_FLAGS"},
    "sendmmsg": {"mmsg": "MMSGHDR_IN", "flags": "MSG_FLAGS"},
    "recvmmsg": {"mmsg": "MMSGHDR_OUT", "flags": "MSG_FLAGS"},
    "sysinfo": {"info": "SYSINFO"},
    "recvmsg": {"msg": "MSGHDR_OUT", "flags": "MSG_FLAGS"},
    "sendto": {"buff": "SOCKBUF_IN", "flags": "MSG_FLAGS"},
    "recvfrom": {"ubuf": "SOCKBUF_OUT", "flags": "MSG_FLAGS"},
    "name_to_handle_at": {"name": "PATH", "handle": "FILE_HANDLE_OUT", "mnt_id": "INT_OUT",
                          "flag": "FLAGS"},
    "open_by_handle_at": {"mountdirfd": "FD", "handle": "FILE_HANDLE", "flags": "OPEN_FLAGS"},
}

# Output kinds decoded also when the call failed.
ERR_TOO = {"SOCKOPT_LEN_OUT", "MSGHDR_OUT", "FILE_HANDLE_OUT"}

RET_ADDR = {"mmap", "mremap", "brk", "shmat"}
RET_NONE = {"exit", "exit_group"}
# Calls that return a process id (--decode-pids shows its name).
RET_PID = {"getpid", "getppid", "gettid", "fork", "vfork", "clone", "clone3", "wait4",
           "getpgid", "getpgrp", "getsid", "setsid"}
# Arguments that name a process (or a thread), per call.
PID_ARGS = {"kill": "pid", "tkill": "pid", "tgkill": ("tgid", "pid"), "wait4": "upid",
            "waitid": "upid", "setpgid": ("pid", "pgid"), "getpgid": "pid", "getsid": "pid",
            "prlimit64": "pid", "pidfd_open": "pid", "process_vm_readv": "pid",
            "process_vm_writev": "pid", "ptrace": "pid", "kcmp": ("pid1", "pid2"),
            "sched_setaffinity": "pid", "sched_getaffinity": "pid", "sched_setparam": "pid",
            "sched_getparam": "pid", "sched_setscheduler": "pid", "sched_getscheduler": "pid",
            "sched_rr_get_interval": "pid", "sched_setattr": "pid", "sched_getattr": "pid",
            "rt_sigqueueinfo": "pid", "rt_tgsigqueueinfo": ("tgid", "pid"),
            "get_robust_list": "pid", "migrate_pages": "pid", "move_pages": "pid"}
# Calls that return a new file descriptor (shown with -y like an fd argument).
RET_FD = {"open", "openat", "openat2", "creat", "socket", "accept", "accept4", "dup", "dup2",
          "dup3", "pidfd_open", "pidfd_getfd", "epoll_create", "epoll_create1", "eventfd",
          "eventfd2", "signalfd", "signalfd4", "timerfd_create", "inotify_init",
          "inotify_init1", "memfd_create", "memfd_secret", "userfaultfd", "perf_event_open",
          "fanotify_init", "open_tree", "fsopen", "fsmount", "fspick", "io_uring_setup",
          "mq_open", "open_by_handle_at", "landlock_create_ruleset"}

PATH_NAMES = {"filename", "pathname", "path", "oldname", "newname", "specialfile",
              "library", "dev_name", "dir_name", "oldpath", "newpath"}
FD_NAMES = {"fd", "ufd", "oldfd", "newfd", "epfd", "out_fd", "in_fd", "fd_in", "fd_out",
            "fildes", "fdin", "fdout"}
DIRFD_NAMES = {"dfd", "olddfd", "newdfd", "dirfd", "from_dfd", "to_dfd"}
BUF_IN = {"write", "pwrite64", "sendto", "send"}
BUF_OUT = {"read", "pread64", "recvfrom", "readlink", "readlinkat", "getcwd"}


def kind_of(sc, typ, name, following):
    """Argument kind for one argument, from its C type and name."""
    over = OVERRIDES.get(sc, {})
    if name in over:
        return over[name]
    pids = PID_ARGS.get(sc, ())
    if name in ((pids,) if isinstance(pids, str) else pids):
        return "PID"
    t = typ.replace("const ", "").strip()
    if name in DIRFD_NAMES:
        return "DIRFD"
    if name in FD_NAMES and "*" not in t:
        return "FD"
    if t == "char *" and name in PATH_NAMES:
        return "PATH"
    if t == "char **" or t == "char *const *":
        return "ENVP" if name == "envp" else "ARGV"
    if name in ("buf", "ubuf", "buff") and (sc in BUF_IN or sc in BUF_OUT):
        return "BUF_IN" if sc in BUF_IN else "BUF_OUT"
    if t == "char *" and sc in ("readlink", "readlinkat", "getcwd"):
        return "BUF_OUT"
    if t == "char *":
        return "STRING"
    if t == "struct stat *":
        return "STAT"
    if t == "struct statx *":
        return "STATX"
    if t == "struct statfs *":
        return "STATFS"
    if t in ("struct __kernel_timespec *", "struct timespec *"):
        return "TIMESPEC"
    if t == "struct sockaddr *":
        return "SOCKADDR_OUT" if following.startswith("int *") else "SOCKADDR"
    if t == "struct iovec *":
        return "IOVEC_OUT" if sc in ("readv", "preadv", "preadv2") else "IOVEC"
    if t == "struct pollfd *":
        return "POLLFD"
    if t in ("struct rlimit *", "struct rlimit64 *"):
        return "RLIMIT"
    if t == "struct sigaction *":
        return "SIGACTION"
    if t == "sigset_t *":
        return "SIGSET"
    if name == "sig":
        return "SIGNAL"
    if "*" in t or t in ("cap_user_header_t", "cap_user_data_t"):
        return "PTR"
    if t in ("int", "long", "pid_t", "off_t", "loff_t", "key_t", "mqd_t", "timer_t",
             "key_serial_t", "clockid_t", "aio_context_t", "rwf_t", "qid_t"):
        return "INT"
    return "UINT"


def is_output(kind, typ, sc, name):
    """True when the argument is written by the kernel and printed at syscall exit."""
    if kind in ("STAT", "STATX", "STATFS", "BUF_OUT", "PIPE_FDS", "SOCKADDR_OUT", "IOVEC_OUT",
                "WAIT_STATUS", "DIRENTS", "GIDS_OUT", "SOCKOPT_VAL_OUT", "SOCKOPT_LEN_OUT"):
        return True
    if kind in ("MSGHDR_OUT", "SOCKBUF_OUT", "SYSINFO", "FILE_HANDLE_OUT", "INT_OUT"):
        return True
    if kind in ("MMSGHDR_IN", "MMSGHDR_OUT"):
        return True  # each message's msg_len, filled in by the kernel
    if kind in ("TIMESPEC", "RLIMIT", "SIGSET", "SIGACTION"):
        # Old values and results the kernel fills in; the rest are inputs.
        return "const" not in typ and (
            name.startswith("o") or name in ("rmtp", "tp", "uoss", "uset")
            or sc == "getrlimit")
    return kind == "SOCKLEN"


def read_unistd():
    nums = {}
    for line in open(UNISTD):
        m = re.match(r"#define __NR_(\w+)\s+(\d+)", line)
        if m:
            nums[m.group(1)] = int(m.group(2))
    newer_nargs = {}
    for line in open(os.path.join(HERE, "syscalls-newer.tbl")):
        if line.startswith("#") or not line.strip():
            continue
        nr, _abi, name, nargs = line.split()
        nums.setdefault(name, int(nr))
        newer_nargs[name] = int(nargs)
    return nums, newer_nargs


# Headers whose syscall names belong to the other ABIs of an x86_64 kernel (i386,
# x32): names strace accepts in -e trace= (it knows those personalities), which
# match nothing in a native x86_64 trace.
FOREIGN = [INC + "/x86_64-linux-gnu/asm/unistd_32.h", INC + "/x86_64-linux-gnu/asm/unistd_x32.h"]
NOT_NAMES = {"syscalls", "arch_specific_syscall"}


def foreign_names(native):
    found = set()
    for h in FOREIGN:
        for line in open(h):
            m = re.match(r"#define __NR(?:3264)?_(\w+)\s", line)
            if m and not m.group(1).isupper():
                found.add(m.group(1))
    return sorted(found - set(native) - NOT_NAMES)


def tracefs_root():
    for d in TRACEFS:
        if os.path.isdir(d + "/events/syscalls"):
            return d
    sys.exit("gen-syscalls: tracefs is not mounted; run: mount -t tracefs nodev /sys/kernel/tracing")


def read_formats():
    sigs = {}
    for fmt in glob.glob(tracefs_root() + "/events/syscalls/sys_enter_*/format"):
        name = fmt.split("/")[-2][len("sys_enter_"):]
        args = []
        for line in open(fmt):
            m = re.match(r"\s*field:(.*);\s*offset:", line)
            if not m or "common_" in m.group(1) or "__syscall_nr" in m.group(1):
                continue
            decl = m.group(1).strip()
            am = re.match(r"(.*?)(\w+)$", decl)
            args.append((am.group(1).strip(), am.group(2)))
        sigs[TRACE_ALIAS.get(name, name)] = args
    sigs.update(PSEUDO_ARGS)
    return sigs


def class_of(name):
    flags = [c for c, names in CLASSES.items() if name in names.split()]
    return "|".join("SG_CLASS_" + c for c in flags) or "0"


def row(name, nr, args, nargs):
    kinds = []
    known = args is not None
    args = args or []
    for i, (typ, an) in enumerate(args):
        nxt = args[i + 1][0] if i + 1 < len(args) else ""
        k = kind_of(name, typ, an, nxt)
        if k == "PTR" and typ == "int *" and kinds and "SOCKADDR_OUT" in kinds[-1]:
            k = "SOCKLEN"
        out = " | SG_ARG_OUT" if is_output(k, typ, name, an) else ""
        if k in ERR_TOO:
            out += " | SG_ARG_ERR"
        kinds.append('{ "%s", SG_K_%s%s }' % (an, k, out))
    if not known:
        kinds = ['{ "arg%d", SG_K_HEX }' % i for i in range(max(nargs, 0))]
    ret = ("SG_RET_ADDR" if name in RET_ADDR else "SG_RET_NONE" if name in RET_NONE else
           "SG_RET_FD" if name in RET_FD else "SG_RET_PID" if name in RET_PID else "SG_RET_INT")
    n = len(kinds) if known or nargs >= 0 else 6
    known = "" if known or nargs >= 0 else ", .no_metadata = 1"
    body = ",\n\t\t  ".join(kinds)
    return ('\t[%d] = { "%s", %d, %s, %s%s,\n\t\t.args = { %s } },\n'
            % (nr, name, n, class_of(name), ret, known, body))


def errno_names():
    names = {}
    for h in ("asm-generic/errno-base.h", "asm-generic/errno.h"):
        for line in open(os.path.join(INC, h)):
            m = re.match(r"#define\s+(E\w+)\s+(\d+)", line)
            if m and int(m.group(2)) not in names:
                names[int(m.group(2))] = m.group(1)
    # Kernel-internal restart codes that ptrace can observe (include/linux/errno.h).
    names.update({512: "ERESTARTSYS", 513: "ERESTARTNOINTR", 514: "ERESTARTNOHAND",
                  516: "ERESTART_RESTARTBLOCK"})
    return names


def signal_names():
    names = {}
    for line in open(os.path.join(INC, "x86_64-linux-gnu/asm/signal.h")):
        m = re.match(r"#define\s+(SIG[A-Z0-9]+)\s+(\d+)\s*$", line)
        if m and 0 < int(m.group(2)) < 32 and int(m.group(2)) not in names:
            names[int(m.group(2))] = m.group(1)
    return names


def fs_magic_names():
    """Filesystem magic numbers of linux/magic.h, the first name for each value."""
    names = {}
    for line in open(os.path.join(INC, "linux/magic.h")):
        m = re.match(r"#define\s+(\w+_MAGIC\w*)\s+(0x[0-9a-fA-F]+|\d+)\s*(/\*.*)?$", line)
        if m and int(m.group(2), 0) not in names:
            names[int(m.group(2), 0)] = m.group(1)
    return names


def write_atomically(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.rename(tmp, path)


def main():
    nums, newer_nargs = read_unistd()
    sigs = read_formats()
    missing = sorted(set(sigs) - set(nums))
    if missing:
        sys.exit("gen-syscalls: tracefs has syscalls with no number: %s; add them to "
                 "scripts/syscalls-newer.tbl" % " ".join(missing))
    out = ["/* Generated by scripts/gen-syscalls.py from asm/unistd_64.h and tracefs. */\n",
           '#include "syscalls.h"\n\n',
           "const struct sg_syscall sg_syscall_table[SG_NR_SYSCALLS] = {\n"]
    for name, nr in sorted(nums.items(), key=lambda kv: kv[1]):
        out.append(row(name, nr, sigs.get(name), newer_nargs.get(name, -1)))
    out.append("};\n")
    foreign = foreign_names(nums)
    out.append("\n/* Other ABIs' names (%s), sorted. */\n" % ", ".join(os.path.basename(h) for h in FOREIGN))
    out.append("const char *const sg_foreign_syscalls[] = {\n")
    out += ['\t"%s",\n' % n for n in foreign]
    out.append("};\nconst unsigned sg_nforeign_syscalls = %d;\n" % len(foreign))
    maxnr = max(nums.values()) + 1
    out.insert(1, "/* %d system calls, numbers 0..%d. */\n" % (len(nums), maxnr - 1))
    write_atomically(os.path.join(ROOT, "src/core/syscall_table.c"), "".join(out))

    err, sig = errno_names(), signal_names()
    names = ["/* Generated by scripts/gen-syscalls.py from the UAPI errno, signal and "
             "magic headers. */\n",
             '#include "names.h"\n\n', "const char *const sg_errno_table[SG_ERRNO_MAX] = {\n"]
    names += ['\t[%d] = "%s",\n' % (n, e) for n, e in sorted(err.items())]
    names += ["};\n\nconst char *const sg_signal_table[SG_SIGNAL_MAX] = {\n"]
    names += ['\t[%d] = "%s",\n' % (n, s) for n, s in sorted(sig.items())]
    names += ["};\n"]
    magic = fs_magic_names()
    names += ["\n/* Filesystem magic numbers (statfs's f_type), sorted. */\n",
              "const struct sg_name_value sg_fs_magic_table[] = {\n"]
    names += ['\t{ %#x, "%s" },\n' % (v, n) for v, n in sorted(magic.items())]
    names += ["};\nconst unsigned sg_fs_magic_count = %d;\n" % len(magic)]
    write_atomically(os.path.join(ROOT, "src/core/names_table.c"), "".join(names))
    print("gen-syscalls: %d syscalls (max nr %d), %d errno, %d signals"
          % (len(nums), maxnr - 1, len(err), len(sig)))


if __name__ == "__main__":
    main()
