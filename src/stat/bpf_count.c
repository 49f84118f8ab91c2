/* Syscalls counted by number in the kernel (count.bpf.c), sysgate's side: load
 * and attach the programs, say which processes count, read the sums. */
#include "stat_int.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "core/bpf_user.h"
#include "core/util.h"
#include "stat/count.skel.h"
#include "stat/count_abi.h"

_Static_assert(SG_COUNT_NR >= SG_NR_SYSCALLS, "every named syscall has its own slot");

struct stat_bpf_count {
	struct stat_count *skel;
};

int stat_bpf_count_new(int scope, uint64_t cgroup_id, struct stat_bpf_count **out)
{
	struct stat_count *skel;
	int rc;

	*out = NULL;
	sg_bpf_log(false);
	if (!(skel = stat_count__open()))
		return errno ? -errno : -ENOTSUP;
	/* Where task:task_newtask keeps the new task's id and clone flags. */
	if ((rc = sg_tracefs_newtask_fields(&skel->rodata->newtask_pid_at,
					    &skel->rodata->newtask_flags_at)) != 0) {
		stat_count__destroy(skel);
		return rc;
	}
	skel->rodata->scope = (__u32)scope;
	skel->rodata->cgroup_id = cgroup_id;
	skel->rodata->self_tgid = (__u32)getpid();
	if ((rc = stat_count__load(skel)) != 0 || (rc = stat_count__attach(skel)) != 0) {
		stat_count__destroy(skel);
		return rc < 0 ? rc : -rc;
	}
	struct stat_bpf_count *c = sg_xcalloc(1, sizeof(*c));
	c->skel = skel;
	*out = c;
	return 0;
}

int stat_bpf_count_add(struct stat_bpf_count *c, pid_t tgid, enum stat_open_mode mode)
{
	__u32 key = (__u32)tgid, state = mode == STAT_OPEN_ON_EXEC ? SG_PROC_AT_EXEC : SG_PROC_COUNTED;

	if (bpf_map__update_elem(c->skel->maps.procs, &key, sizeof(key), &state, sizeof(state),
				 BPF_ANY) != 0)
		return -errno;
	return 0;
}

void stat_bpf_count_enable(struct stat_bpf_count *c, bool on)
{
	__atomic_store_n(&c->skel->bss->enabled, on ? 1u : 0u, __ATOMIC_RELEASE);
}

/* The per-CPU sums of each slot, into r (named numbers, and the others). */
int stat_bpf_count_read(struct stat_bpf_count *c, struct stat_result *r)
{
	int fd = bpf_map__fd(c->skel->maps.counts);

	for (__u32 slot = 0; slot < SG_COUNT_SLOTS; slot++) {
		uint64_t sum;
		int rc = sg_bpf_percpu_sum(fd, slot, &sum);
		if (rc != 0)
			return rc;
		if (slot < SG_NR_SYSCALLS && sg_syscall((long)slot))
			r->syscall_by_nr[slot] = sum;
		else
			r->syscall_other_nr += sum;
	}
	return 0;
}

void stat_bpf_count_free(struct stat_bpf_count *c)
{
	if (!c)
		return;
	stat_count__destroy(c->skel);
	free(c);
}
