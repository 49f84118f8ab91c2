/* Internal to src/jail. */
#ifndef SG_JAIL_INT_H
#define SG_JAIL_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "core/policy.h"
#include "jail/jail.h"
#include "launch/launch.h"

/* The text the built-in default profile is parsed from, and its name in origins. */
extern const char jail_default_text[];
#define JAIL_DEFAULT_NAME "builtin-default"

/* Parse the built-in default profile into p (initialised here). */
int jail_default_policy(struct policy *p, char *err, size_t errsz);
/* Its kernel filter (as jail_kernel_filter makes it), compiled at build time. */
void jail_default_filter(struct policy_bpf *out);

/* Where denials go: stderr as text, or a JSON Lines file written atomically. */
struct jail_report {
	FILE *f;
	char *path, *tmp; /* path and tmp are set for a --report file */
	unsigned count;
};

int jail_report_open(struct jail_report *r, const char *path);
/* One decided syscall: pid, call text (decoded), action and the deciding rule. */
void jail_report_call(struct jail_report *r, pid_t pid, long nr, const uint64_t args[6],
		      const struct policy *p);
/* The command was killed by a signal the filter itself raised (SIGSYS). */
void jail_report_sigsys(struct jail_report *r, pid_t pid);
int jail_report_close(struct jail_report *r);
/* Drop a report file that was never needed (nothing ran). */
void jail_report_abort(struct jail_report *r);

/* The filter the kernel gets, compiled: every rule and the default whose action
 * needs a report becomes notify; allow, trap and kill-thread stay. */
int jail_kernel_filter(const struct policy *p, struct policy_bpf *out);

/* Answer notifications until the child ends; returns its wait status. */
int jail_supervise(pid_t pid, int pidfd, int nfd, const struct policy *p,
		   struct jail_report *r);


/* `sysgate learn`: the recorded calls and the profile written from them (learn_out.c). */
struct learn_vals {
	uint64_t *v;
	size_t n, cap;
	uint64_t by_runtime; /* bit i: v[i] (i < 64) only the container runtime used */
};
struct learn_set {
	bool used[512]; /* SG_NR_SYSCALLS */
	bool runtime_only[512]; /* used only by the container runtime, not the command */
	struct learn_vals vals[512]; /* argument values seen, for the argument-checked calls */
};
/* The argument a learned rule tests for nr, or -1 when nr is allowed whatever its args. */
int learn_checked_arg(int nr, uint64_t *mask);
void learn_record(struct learn_set *s, int nr, const uint64_t args[6]);
enum learn_format {
	LEARN_DOCKER, /* Docker's seccomp profile (with comments) */
	LEARN_OCI, /* the runtime-spec's linux.seccomp object */
	LEARN_POLICY, /* sysgate's text policy */
};
/* Write the profile; 0 or -errno. */
int learn_write(FILE *f, const struct learn_set *s, enum learn_format format);
/* Add the calls a container runtime makes after loading the filter (learn_out.c). */
void learn_add_runtime(struct learn_set *s);
void learn_set_free(struct learn_set *s);
#endif
