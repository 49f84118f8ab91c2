/* A seccomp policy: a default action and an ordered list of rules, parsed from
 * Docker/OCI JSON profiles or from our one-statement-a-line text format, compiled
 * into a libseccomp filter. Shared by jail, learn and taint.
 *
 * Every function returns 0 or a negative errno. Parsers write a one-line message
 * (with the position) into err when they fail. */
#ifndef SG_CORE_POLICY_H
#define SG_CORE_POLICY_H

#include <seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum policy_act {
	POLICY_ALLOW,
	POLICY_ERRNO, /* fail with policy_action.err */
	POLICY_KILL_PROCESS,
	POLICY_KILL_THREAD,
	POLICY_TRAP, /* SIGSYS */
	POLICY_LOG, /* allow and log */
	POLICY_NOTIFY, /* ask a supervisor through the user notification fd */
};

struct policy_action {
	enum policy_act act;
	int err; /* POLICY_ERRNO only */
	/* POLICY_ERRNO only: an expected answer, not a denial (clone3 -> ENOSYS makes libc
	 * fall back to clone): the kernel gives it and nobody reports it. */
	bool quiet;
};

enum policy_op { POLICY_EQ, POLICY_NE, POLICY_LT, POLICY_LE, POLICY_GT, POLICY_GE, POLICY_MASKED_EQ };

/* args[arg] OP value; for POLICY_MASKED_EQ: (args[arg] & mask) == value. */
struct policy_cond {
	unsigned arg; /* 0..5 */
	enum policy_op op;
	uint64_t mask;
	uint64_t value;
};

#define POLICY_MAX_CONDS 6

/* One rule: the conditions are ANDed; a rule without conditions always matches. */
struct policy_rule {
	int nr; /* from sg_syscall_table */
	struct policy_action action;
	unsigned ncond;
	struct policy_cond cond[POLICY_MAX_CONDS];
	char *origin; /* "file:line" or "profile: syscalls[3]"; owned */
};

struct policy {
	struct policy_action def;
	char *def_origin; /* where the default was set, or NULL for the built-in one */
	struct policy_rule *rules;
	size_t nrules, cap;
	unsigned skipped_names; /* names unknown here (other arches, newer kernels) */
	unsigned skipped_entries; /* JSON entries left out by includes/excludes */
	char **arches; /* architectures a profile listed, recorded only */
	size_t narches;
	/* SECCOMP_FILTER_FLAG_LOG / _SPEC_ALLOW from an OCI profile's "flags", applied
	 * when the filter is loaded. */
	unsigned filter_flags;
};

/* What an OCI profile's includes/excludes are evaluated against. */
struct policy_oci_env {
	uint64_t caps; /* bit n set: capability n is held */
	int kernel_major, kernel_minor; /* 0,0: read the running kernel from uname */
};

/* An empty policy whose default action is kill-process. */
void policy_init(struct policy *p);
/* Release everything a policy owns; it may be reused after policy_init. */
void policy_free(struct policy *p);
/* Append a copy of rule (origin is duplicated). -EINVAL on a bad number or condition. */
int policy_add_rule(struct policy *p, const struct policy_rule *rule);

/* Parse an OCI/Docker seccomp profile held in text (len bytes); name labels errors.
 * The text is Docker's profile, the runtime-spec's linux.seccomp object, or a whole
 * runtime config.json (its linux.seccomp is read).
 * SCMP_ACT_KILL means kill-thread (as in libseccomp); SCMP_ACT_TRACE becomes errno
 * ENOSYS, which is what the kernel returns when no tracer is attached. Names the
 * table does not know are skipped and counted in skipped_names, as Docker does.
 * Several args on the same index become one rule per arg (ORed), as runc does. */
int policy_parse_oci(struct policy *p, const char *text, size_t len, const char *name,
		     const struct policy_oci_env *env, char *err, size_t errsz);
/* policy_parse_oci on the contents of a file. */
int policy_load_oci(struct policy *p, const char *path, const struct policy_oci_env *env,
		    char *err, size_t errsz);

/* Parse our text format; name labels errors and anchors relative includes (a name
 * without a slash includes from the current directory). Errors read
 * "NAME:LINE:COL: message". */
int policy_parse_text(struct policy *p, const char *text, const char *name, char *err,
		      size_t errsz);
/* policy_parse_text on the contents of a file. */
int policy_load_text(struct policy *p, const char *path, char *err, size_t errsz);

/* The rule that decides nr(args) under first-match order, or NULL for the default. */
const struct policy_rule *policy_match(const struct policy *p, int nr, const uint64_t args[6]);
/* The action for nr(args): the deciding rule's, or the default. */
struct policy_action policy_decide(const struct policy *p, int nr, const uint64_t args[6]);

/* Build a native x86_64 libseccomp filter (binary-tree optimised, no_new_privs set)
 * that decides exactly as policy_decide: first match wins. libseccomp has no rule
 * order, so each rule is ANDed with the negation of earlier rules on the same syscall
 * that have another action. libseccomp allows one test per argument in a rule; when
 * that negation cannot fold into one (two != tests on one argument, a range and a
 * masked test) the result is -EOPNOTSUPP. A negated masked test becomes one masked
 * test per mask bit, and masked tests on one argument fold into one. Only the native
 * ABI passes: i386 (int $0x80) and x32 calls kill the process. The caller releases *out with seccomp_release. */
int policy_compile(const struct policy *p, scmp_filter_ctx *out);
/* Number of BPF instructions the compiled filter has, or a negative errno. */
int policy_bpf_count(const struct policy *p);

/* A compiled filter as the kernel takes it: compile once, load in another process
 * (after fork) with no libseccomp work left there. */
struct sock_filter;
struct policy_bpf {
	struct sock_filter *insns;
	unsigned short len;
	bool notify; /* has a notify action: load with a listener */
	unsigned flags; /* the policy's filter_flags */
};
/* Compile p into out (released with policy_bpf_free); 0 or -errno. */
int policy_bpf_build(const struct policy *p, struct policy_bpf *out);
void policy_bpf_free(struct policy_bpf *b);
/* Set no_new_privs and install b in the calling thread: the notify fd (>= 0) when
 * b.notify, else 0; -errno on failure. Async-signal-safe: fine right after fork. */
int policy_bpf_load(const struct policy_bpf *b);
/* Print what the filter does per syscall, the allowed count and the BPF size. */
int policy_explain(FILE *f, const struct policy *p);

/* "allow", "errno EPERM", "kill-process", ...; writes into buf. */
const char *policy_action_str(struct policy_action a, char *buf, size_t size);

#endif
