/* For the BPF programs of src (count.bpf.c, ebpf.bpf.c) that follow the
 * processes a traced one creates: task:task_newtask, read through the offsets
 * of its tracefs format, which the loader sets (no CO-RE: see count.bpf.c). The
 * creator is the current task there. */
#ifndef SG_CORE_BPF_NEWTASK_H
#define SG_CORE_BPF_NEWTASK_H

#include <linux/sched.h>
#include <linux/types.h>

#include <bpf/bpf_helpers.h>

/* If the current task's group is in procs with state, the new process (never a
 * thread: it is by its group) joins it with that state. */
static __always_inline void sg_bpf_follow_newtask(void *ctx, void *procs, __u32 state,
						  __u32 pid_at, __u32 flags_at)
{
	__u32 parent = bpf_get_current_pid_tgid() >> 32;
	__u64 flags = 0;
	__s32 child = 0;

	bpf_probe_read_kernel(&flags, sizeof(flags), (char *)ctx + flags_at);
	bpf_probe_read_kernel(&child, sizeof(child), (char *)ctx + pid_at);
	if ((flags & CLONE_THREAD) || child <= 0)
		return;
	__u32 *have = bpf_map_lookup_elem(procs, &parent);
	if (have && *have == state) {
		__u32 key = (__u32)child, joined = state;
		bpf_map_update_elem(procs, &key, &joined, BPF_ANY);
	}
}

#endif
