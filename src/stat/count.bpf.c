/* `sysgate stat`'s syscall counts, kept in the kernel: one increment of a per-CPU
 * array, indexed by the syscall number, at every raw_syscalls:sys_enter of the
 * processes measured. Nothing is written out per call (the perf path writes a
 * sample per call, sampler.c); sysgate reads the array once, at the end.
 *
 * Which processes: those sysgate names (by thread-group id, in `procs`) and the
 * processes they fork, or every process of one cgroup (v2), or the whole machine
 * but sysgate. Built by clang for the BPF target; loaded by bpf_count.c. */
/* No CO-RE here: a relocation makes libbpf read and search the kernel's whole
 * BTF at every load, 60 ms of CPU on this kind of machine, longer than many
 * commands stat measures. What is read of the kernel's records comes from their
 * tracefs formats (offsets set by bpf_count.c) or from helpers. */
#include <linux/bpf.h>
#include <linux/sched.h>
#include <linux/types.h>

#include <bpf/bpf_helpers.h>

#include "core/bpf_newtask.h"

#include "stat/count_abi.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, SG_COUNT_SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

/* thread-group id -> SG_PROC_*. Allocated as entries come: a preallocated
 * table of SG_COUNT_MAX_PROCS took longer to make than a short command runs. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, SG_COUNT_MAX_PROCS);
	__type(key, __u32);
	__type(value, __u32);
} procs SEC(".maps");

/* Set before loading. */
const volatile __u32 scope = SG_SCOPE_PROCS;
const volatile __u64 cgroup_id = 0;
const volatile __u32 self_tgid = 0;
/* task:task_newtask's fields, from its tracefs format */
const volatile __u32 newtask_pid_at = 8, newtask_flags_at = 32;
/* Written while loaded (the skeleton maps .bss): stat's enable and disable. */
__u32 enabled = 0;

/* A raw tracepoint's arguments: sys_enter's are (regs, id). */
struct raw_args {
	__u64 args[2];
};

static __always_inline int counted(__u32 tgid)
{
	if (scope == SG_SCOPE_ALL)
		return tgid != self_tgid;
	if (scope == SG_SCOPE_CGROUP)
		return bpf_get_current_cgroup_id() == cgroup_id;
	__u32 *state = bpf_map_lookup_elem(&procs, &tgid);
	return state && *state == SG_PROC_COUNTED;
}

SEC("raw_tp/sys_enter")
int count_enter(struct raw_args *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;

	if (!enabled || !counted(tgid))
		return 0;
	long id = (long)ctx->args[1];
	__u32 slot = id >= 0 && id < SG_COUNT_NR ? (__u32)id : SG_COUNT_OTHER;
	__u64 *n = bpf_map_lookup_elem(&counts, &slot);
	if (n)
		*n += 1;
	return 0;
}

/* A process created by a counted one is counted (a thread is by its group). The
 * creator is the current task here. */
SEC("tracepoint/task/task_newtask")
int follow_fork(void *ctx)
{
	if (scope == SG_SCOPE_PROCS)
		sg_bpf_follow_newtask(ctx, &procs, SG_PROC_COUNTED, newtask_pid_at, newtask_flags_at);
	return 0;
}

/* A command is counted from its exec on, as perf's enable_on_exec counts it:
 * not the calls sysgate's child makes to start it. */
SEC("raw_tp/sched_process_exec")
int start_at_exec(void *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u32 *state = bpf_map_lookup_elem(&procs, &tgid);

	(void)ctx;
	if (state && *state == SG_PROC_AT_EXEC)
		*state = SG_PROC_COUNTED;
	return 0;
}
