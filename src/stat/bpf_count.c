/* Syscalls counted by number in the kernel (count.bpf.c), sysgate's side: load
 * and attach the programs, say which processes count, read the sums. */
#include "stat_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "core/util.h"
#include "stat/count.skel.h"
#include "stat/count_abi.h"

_Static_assert(SG_COUNT_NR >= SG_NR_SYSCALLS, "every named syscall has its own slot");

struct stat_bpf_count {
	struct stat_count *skel;
};

/* libbpf's own messages (the verifier's log) would reach the user's terminal;
 * a refusal is told once, by the caller, from the error code. */
static int no_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

/* Where task:task_newtask keeps the new task's id and clone flags. */
static int newtask_fields(struct stat_count *skel)
{
	const char *dir;
	size_t pid_at, pid_size, flags_at, flags_size;
	int rc = stat_tracefs_ready(&dir);

	if (rc == 0)
		rc = stat_tracepoint_field(dir, "task", "task_newtask", "pid", &pid_at, &pid_size);
	if (rc == 0)
		rc = stat_tracepoint_field(dir, "task", "task_newtask", "clone_flags", &flags_at,
					   &flags_size);
	if (rc != 0)
		return rc;
	if (pid_size != 4 || flags_size != 8)
		return -ENOTSUP;
	skel->rodata->newtask_pid_at = (__u32)pid_at;
	skel->rodata->newtask_flags_at = (__u32)flags_at;
	return 0;
}

int stat_bpf_count_new(int scope, uint64_t cgroup_id, struct stat_bpf_count **out)
{
	struct stat_count *skel;
	int rc;

	*out = NULL;
	libbpf_set_print(no_print);
	if (!(skel = stat_count__open()))
		return errno ? -errno : -ENOTSUP;
	if ((rc = newtask_fields(skel)) != 0) {
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
	int ncpus = libbpf_num_possible_cpus();

	if (ncpus <= 0)
		return ncpus < 0 ? ncpus : -EINVAL;
	uint64_t *v = sg_xcalloc((size_t)ncpus, sizeof(*v));
	int fd = bpf_map__fd(c->skel->maps.counts), rc = 0;
	for (__u32 slot = 0; slot < SG_COUNT_SLOTS && rc == 0; slot++) {
		if (bpf_map_lookup_elem(fd, &slot, v) != 0) {
			rc = -errno;
			break;
		}
		uint64_t sum = 0;
		for (int i = 0; i < ncpus; i++)
			sum += v[i];
		if (slot < SG_NR_SYSCALLS && sg_syscall((long)slot))
			r->syscall_by_nr[slot] = sum;
		else
			r->syscall_other_nr += sum;
	}
	free(v);
	return rc;
}

void stat_bpf_count_free(struct stat_bpf_count *c)
{
	if (!c)
		return;
	stat_count__destroy(c->skel);
	free(c);
}
