/* Rungs of the "seccomp" group: the null syscall (getppid via the syscall
 * instruction, as in the "syscall" rung) under a loaded seccomp filter. A filter
 * cannot be removed, so every rung runs in a throw-away child (bench_in_child).
 *
 * The kernel (5.11+) keeps a per-filter bitmap of syscalls whose action is a
 * constant ALLOW, found by emulating the filter for each number without arguments;
 * for those it skips running the BPF program. A rule that looks at an argument
 * defeats the cache, so the rungs below say which path getppid takes:
 *   seccomp-1               1 rule with an argument check: the BPF program runs
 *   seccomp-docker          ~300 unconditional allows: getppid is in the bitmap
 *   seccomp-argcheck-*      ~300 allows + getppid's argument check: BPF runs,
 *                           linearly (getppid last) or as a binary tree.
 * Crossings: 1 (the syscall); the filter runs inside that one kernel entry. */
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include "bench_int.h"
#include "core/syscalls.h"

static void batch_getppid(void *arg, unsigned long n)
{
	(void)arg;
	for (unsigned long i = 0; i < n; i++)
		bench_raw_syscall2(SYS_getppid, 0, 0);
}

/* Not in Docker's default allowlist (moby profiles/seccomp/default.json), by name;
 * everything else in the project's syscall table is allowed. */
static const char *const docker_denied[] = {
	"acct", "add_key", "bpf", "clock_adjtime", "clock_settime", "create_module",
	"delete_module", "finit_module", "get_kernel_syms", "get_mempolicy", "init_module",
	"ioperm", "iopl", "kcmp", "kexec_file_load", "kexec_load", "keyctl",
	"lookup_dcookie", "mbind", "mount", "move_mount", "move_pages", "name_to_handle_at",
	"nfsservctl", "open_by_handle_at", "open_tree", "perf_event_open", "personality",
	"pivot_root", "process_vm_readv", "process_vm_writev", "ptrace", "query_module",
	"quotactl", "reboot", "request_key", "set_mempolicy", "setns", "settimeofday",
	"swapoff", "swapon", "sysfs", "_sysctl", "umount2", "unshare", "uselib",
	"userfaultfd", "ustat", "vm86", "vm86old", "fsopen", "fsconfig", "fsmount",
	"fspick", "mount_setattr", "quotactl_fd",
};

static bool denied(const char *name)
{
	for (size_t i = 0; i < sizeof(docker_denied) / sizeof(docker_denied[0]); i++)
		if (strcmp(name, docker_denied[i]) == 0)
			return true;
	return false;
}

enum shape {
	SHAPE_ONE,	    /* default allow, 1 argument-checked rule on getppid */
	SHAPE_DOCKER,	    /* allowlist, getppid unconditional, default EPERM */
	SHAPE_ARG_LINEAR,   /* allowlist, getppid argument-checked and last */
	SHAPE_ARG_TREE,	    /* the same rules as a binary tree */
};

/* Build and load the filter; *rules gets the number of rules. 0, BENCH_SKIP
 * (r->note set) or -errno. */
static int load_filter(enum shape shape, struct bench_result *r, int *rules)
{
	const int nr_getppid = SYS_getppid;
	bool allowlist = shape != SHAPE_ONE;
	scmp_filter_ctx ctx = seccomp_init(allowlist ? SCMP_ACT_ERRNO(EPERM) : SCMP_ACT_ALLOW);
	int rc = 0;

	*rules = 0;
	if (!ctx)
		return -ENOMEM;
	if ((rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 1)) < 0)
		goto out;
	if (shape == SHAPE_ARG_TREE && seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2) < 0) {
		snprintf(r->note, sizeof(r->note),
			 "libseccomp %u.%u.%u: no SCMP_FLTATR_CTL_OPTIMIZE=2 (binary tree)",
			 seccomp_version()->major, seccomp_version()->minor,
			 seccomp_version()->micro);
		rc = BENCH_SKIP;
		goto out;
	}
	if (shape == SHAPE_ONE) {
		/* getppid is allowed when arg0 == 0 (always, here); anything else gets
		 * EPERM. libseccomp refuses a rule equal to the default action, so the
		 * one rule is written as its complement. */
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr_getppid, 1,
				      SCMP_A0(SCMP_CMP_NE, 0));
		*rules = rc < 0 ? 0 : 1;
		goto load;
	}
	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++) {
		const char *name = sg_syscall_table[nr].name;
		if (!name || denied(name))
			continue;
		if (nr == nr_getppid && shape != SHAPE_DOCKER)
			continue; /* added below, with its argument check */
		if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0)) < 0)
			goto out;
		/* libseccomp places higher priorities first in a linear filter. */
		if ((rc = seccomp_syscall_priority(ctx, nr, 255)) < 0)
			goto out;
		(*rules)++;
	}
	if (shape != SHAPE_DOCKER) {
		if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr_getppid, 1,
					   SCMP_A0(SCMP_CMP_EQ, 0))) < 0)
			goto out;
		if ((rc = seccomp_syscall_priority(ctx, nr_getppid, 0)) < 0)
			goto out;
		(*rules)++;
	}
load:
	if (rc >= 0)
		rc = seccomp_load(ctx);
out:
	seccomp_release(ctx);
	return rc < 0 ? rc : (rc == BENCH_SKIP ? BENCH_SKIP : 0);
}

static int body(enum shape shape, const struct bench_cfg *cfg, struct bench_result *r)
{
	static const char *const how[] = {
		[SHAPE_ONE] = "BPF runs (arg check), default allow",
		[SHAPE_DOCKER] = "getppid in the kernel's allow bitmap, BPF not run",
		[SHAPE_ARG_LINEAR] = "linear, getppid's arg check last; BPF runs",
		[SHAPE_ARG_TREE] = "binary tree (optimize=2); BPF runs",
	};
	int rules;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	int rc = load_filter(shape, r, &rules);
	if (rc != 0)
		return rc;
	/* The filter must let getppid through with its real result. */
	if (bench_raw_syscall2(SYS_getppid, 0, 0) < 0) {
		snprintf(r->note, sizeof(r->note), "getppid denied by the filter");
		return -EPERM;
	}
	bench_measure(cfg, batch_getppid, NULL, r);
	r->crossings = 1;
	snprintf(r->note, sizeof(r->note), "%d rule%s; %s", rules, rules == 1 ? "" : "s",
		 how[shape]);
	return 0;
}

static int body_one(const struct bench_cfg *cfg, struct bench_result *r)
{
	return body(SHAPE_ONE, cfg, r);
}

static int body_docker(const struct bench_cfg *cfg, struct bench_result *r)
{
	return body(SHAPE_DOCKER, cfg, r);
}

static int body_linear(const struct bench_cfg *cfg, struct bench_result *r)
{
	return body(SHAPE_ARG_LINEAR, cfg, r);
}

static int body_tree(const struct bench_cfg *cfg, struct bench_result *r)
{
	return body(SHAPE_ARG_TREE, cfg, r);
}

static int run_one(const struct bench_cfg *cfg, struct bench_result *r)
{
	return bench_in_child(cfg, r, body_one);
}

static int run_docker(const struct bench_cfg *cfg, struct bench_result *r)
{
	return bench_in_child(cfg, r, body_docker);
}

static int run_linear(const struct bench_cfg *cfg, struct bench_result *r)
{
	return bench_in_child(cfg, r, body_linear);
}

static int run_tree(const struct bench_cfg *cfg, struct bench_result *r)
{
	return bench_in_child(cfg, r, body_tree);
}

const struct bench_rung bench_rungs_seccomp[] = {
	{ "seccomp-1", "seccomp", "null syscall, 1-rule seccomp filter", run_one },
	{ "seccomp-docker", "seccomp", "null syscall, Docker-size allowlist", run_docker },
	{ "seccomp-argcheck-linear", "seccomp", "null syscall, arg check last of ~300, linear",
	  run_linear },
	{ "seccomp-argcheck-tree", "seccomp", "null syscall, arg check in ~300, binary tree",
	  run_tree },
	{ NULL, NULL, NULL, NULL },
};
