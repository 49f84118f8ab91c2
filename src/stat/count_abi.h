/* What count.bpf.c (in the kernel) and bpf_count.c (in sysgate) agree on. Plain
 * constants: both the BPF compiler and gcc read this file. */
#ifndef SG_STAT_COUNT_ABI_H
#define SG_STAT_COUNT_ABI_H

#define SG_COUNT_NR 512			 /* syscall numbers counted by name */
#define SG_COUNT_OTHER SG_COUNT_NR	 /* the slot of every other number */
#define SG_COUNT_SLOTS (SG_COUNT_NR + 1)
#define SG_COUNT_MAX_PROCS 65536

/* Which processes are counted. */
#define SG_SCOPE_PROCS 0  /* those in the procs map and what they fork */
#define SG_SCOPE_CGROUP 1 /* every process of one cgroup v2 */
#define SG_SCOPE_ALL 2	  /* every process but sysgate */

/* A process's state in the procs map. */
#define SG_PROC_AT_EXEC 1 /* counted once it execs (a command sysgate starts) */
#define SG_PROC_COUNTED 2

#endif
