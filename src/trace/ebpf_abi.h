/* What ebpf.bpf.c (in the kernel) and ebpf.c (in sysgate) agree on. Plain C:
 * both the BPF compiler and gcc read it. */
#ifndef SG_TRACE_EBPF_ABI_H
#define SG_TRACE_EBPF_ABI_H

#include <linux/types.h>

#define SG_EBPF_NR 512		   /* syscall numbers traced */
#define SG_EBPF_MAX_PROCS 65536
#define SG_EBPF_RING_BYTES (16u << 20)
#define SG_EBPF_DATA 16384	   /* a record's snapshot, at most */
#define SG_EBPF_REGION_MAX 4096	   /* one region of it, at most */
#define SG_EBPF_STRINGS_MAX 16	   /* argv: the strings copied */
#define SG_EBPF_POINTERS_MAX 512   /* envp: the pointers copied, to count them */
#define SG_EBPF_IOV_MAX 255	   /* iovecs copied (their array fits one region) */

/* Which processes are traced. */
#define SG_EBPF_SCOPE_PROCS 0  /* those in the procs map (and with -f what they fork) */
#define SG_EBPF_SCOPE_CGROUP 1 /* every task of one cgroup v2 (--cgroup) */
#define SG_EBPF_SCOPE_ALL 2    /* every task but sysgate's (--system-wide) */

/* A process's state in the procs map. */
#define SG_EBPF_AT_EXEC 1 /* traced from its execve on (a command sysgate starts) */
#define SG_EBPF_TRACED 2

/* How each argument of a syscall is copied (sg_capture_arg_shape, chosen by
 * sysgate from the syscall table): at entry, or at a successful exit. */
struct sg_ebpf_arg {
	__u8 how;     /* enum sg_shape_how */
	__u8 at_exit; /* the kernel writes it */
	__u16 pad;
	__u32 len;
	__u32 max;
};
struct sg_ebpf_shape {
	struct sg_ebpf_arg arg[6];
};

/* The records, as the in-process agent writes them (struct sg_rec in ring.h,
 * which ebpf.c checks this against), and a snapshot region's header. */
struct sg_ebpf_rec {
	__u16 type;
	__u16 nslots;
	__s32 tid;
	__s32 nr;
	__u32 snap_len;
	__u64 tsc; /* here: CLOCK_MONOTONIC, in ns */
	__u64 v[6];
};
struct sg_ebpf_region {
	__u64 addr;
	__u32 len;
	__u32 pad;
};
#define SG_EBPF_REC_ENTER 2 /* SG_REC_ENTER */
#define SG_EBPF_REC_EXIT 3  /* SG_REC_EXIT */
#define SG_EBPF_REC_SIGNAL 6 /* SG_REC_SIGNAL: v[0] the signal, the snapshot its siginfo */
/* The kernel's struct kernel_siginfo: siginfo_t without its padding. */
#define SG_EBPF_SIGINFO_BYTES 48

#endif
