/* The x86_64 system call table: one row per syscall number, generated from the
 * kernel's own metadata by scripts/gen-syscalls.py. Every subcommand reads it. */
#ifndef SG_CORE_SYSCALLS_H
#define SG_CORE_SYSCALLS_H

#include <stdbool.h>
#include <stdint.h>

/* Native x86_64 numbers stay below the x32 range that starts at 512. */
#define SG_NR_SYSCALLS 512
#define SG_MAX_ARGS 6

enum sg_class {
	SG_CLASS_FILE = 1 << 0,
	SG_CLASS_DESC = 1 << 1,
	SG_CLASS_NETWORK = 1 << 2,
	SG_CLASS_PROCESS = 1 << 3,
	SG_CLASS_MEMORY = 1 << 4,
	SG_CLASS_SIGNAL = 1 << 5,
	SG_CLASS_IPC = 1 << 6,
	SG_CLASS_CREDS = 1 << 7,
	SG_CLASS_CLOCK = 1 << 8,
	SG_CLASS_PURE = 1 << 9,
	SG_CLASS_STAT = 1 << 10,
	SG_CLASS_LSTAT = 1 << 11,
	SG_CLASS_FSTAT = 1 << 12,
	SG_CLASS_STAT_ANY = 1 << 13,
	SG_CLASS_STATFS = 1 << 14,
	SG_CLASS_FSTATFS = 1 << 15,
	SG_CLASS_STATFS_ANY = 1 << 16,
};

/* How an argument is decoded. SG_ARG_OUT marks arguments the kernel fills in,
 * which are printed from the tracee's memory at syscall exit. */
enum sg_arg_kind {
	SG_K_INT, SG_K_UINT, SG_K_HEX, SG_K_PTR,
	SG_K_FD, SG_K_DIRFD, SG_K_PATH, SG_K_STRING, SG_K_BUF_IN, SG_K_BUF_OUT,
	SG_K_ARGV, SG_K_ENVP,
	SG_K_OPEN_FLAGS, SG_K_OPEN_MODE, SG_K_MODE, SG_K_ACCESS_MODE, SG_K_AT_FLAGS,
	SG_K_PROT, SG_K_MMAP_FLAGS, SG_K_MADVICE, SG_K_CLONE_FLAGS,
	SG_K_SOCK_FAMILY, SG_K_SOCK_TYPE, SG_K_SOCKADDR, SG_K_SOCKADDR_OUT,
	SG_K_STAT, SG_K_STATX, SG_K_TIMESPEC, SG_K_IOVEC, SG_K_IOVEC_OUT, SG_K_POLLFD,
	SG_K_RLIMIT, SG_K_RLIMIT_RESOURCE, SG_K_SIGACTION, SG_K_SIGSET, SG_K_SIGNAL,
	SG_K_SIGMASK_HOW, SG_K_SEEK_WHENCE, SG_K_FCNTL_CMD, SG_K_FCNTL_ARG, SG_K_IOCTL_CMD,
	SG_K_ARCH_PRCTL, SG_K_CLOCKID, SG_K_WAIT_STATUS, SG_K_WAIT_OPTIONS, SG_K_FUTEX_OP,
	SG_K_PIPE_FDS, SG_K_GETRANDOM_FLAGS, SG_K_SOCKLEN,
	SG_K_FUTEX_TIMEOUT, SG_K_FUTEX_UADDR2, SG_K_FUTEX_VAL3,
	SG_K_STATX_MASK, SG_K_STATX_FLAGS, SG_K_FADVICE,
	SG_K_HIDDEN, SG_K_CLONE_ARGS, SG_K_CLONE_PTID, SG_K_CLONE_CTID, SG_K_CLONE_TLS,
	SG_K_DIRENTS, SG_K_SOCK_PROTO, SG_K_GIDS_IN, SG_K_GIDS_OUT,
	SG_K_TIMER_FLAGS, SG_K_PID, SG_K_STATFS,
	SG_K_PRCTL_OPTION, SG_K_PRCTL_ARG,
	SG_K_IOCTL_ARG,
	SG_K_SOCKOPT_LEVEL, SG_K_SOCKOPT_NAME, SG_K_SOCKOPT_VAL_IN, SG_K_SOCKOPT_VAL_OUT,
	SG_K_SOCKOPT_LEN_OUT,
	SG_K_MSGHDR_IN, SG_K_MSGHDR_OUT, SG_K_MSG_FLAGS, SG_K_SOCKBUF_IN, SG_K_SOCKBUF_OUT,
	SG_K_MMSGHDR_IN, SG_K_MMSGHDR_OUT, SG_K_SYSINFO,
	SG_K_SIGFRAME, /* rt_sigreturn's stack pointer: the mask its frame restores */
	SG_K_FLAGS,    /* flags named by a table per call (decode_flags.c) */
	SG_K_FILE_HANDLE, SG_K_FILE_HANDLE_OUT, /* struct file_handle in, and in => out */
	SG_K_INT_OUT,  /* an int the kernel fills in: [26] */
	SG_K_COUNT
};
#define SG_ARG_OUT 0x100
#define SG_ARG_KIND(k) ((enum sg_arg_kind)((k) & 0xff))
/* An output argument decoded also when the call failed (getsockopt's optlen). */
#define SG_ARG_ERR 0x200

enum sg_ret_kind { SG_RET_INT, SG_RET_ADDR, SG_RET_NONE, SG_RET_FD, SG_RET_PID };

struct sg_arg_desc {
	const char *name;
	int kind; /* enum sg_arg_kind, possibly | SG_ARG_OUT */
};

struct sg_syscall {
	const char *name; /* NULL for an unused number */
	int nargs;
	unsigned classes; /* enum sg_class bits */
	enum sg_ret_kind ret;
	unsigned no_metadata : 1; /* the kernel publishes no argument names for it */
	struct sg_arg_desc args[SG_MAX_ARGS];
};

extern const struct sg_syscall sg_syscall_table[SG_NR_SYSCALLS];

/* The row for nr, or NULL when nr names no syscall. */
const struct sg_syscall *sg_syscall(long nr);
/* The number for name, or -1. */
int sg_syscall_nr(const char *name);
/* The class bit for a class name without '%' ("file", "network"), or 0. */
unsigned sg_class_by_name(const char *name);
/* Whether name is a syscall of another ABI only (i386's mmap2, the generic table's
 * fstatat...): strace accepts those in -e trace= and they match nothing here. */
bool sg_syscall_foreign(const char *name);
extern const char *const sg_foreign_syscalls[];
extern const unsigned sg_nforeign_syscalls;
/* A fingerprint of the table (each number's name and argument kinds, FNV-1a):
 * data recorded by one build is read by another only when these agree. */
uint64_t sg_syscall_table_hash(void);
/* The syscall name closest to a misspelt one (edit distance), for error hints. */
const char *sg_syscall_suggest(const char *name);

#endif
