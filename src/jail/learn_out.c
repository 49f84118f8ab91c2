/* sysgate learn: the calls recorded and the profile written from them.
 *
 * Most calls are allowed by name. A few whose arguments decide what they do are
 * allowed only with the argument values seen: socket's family, clone's flags,
 * personality's persona, prctl's option and ioctl's request. Integer arguments are
 * compared on their low 32 bits (the upper half of the register is not the
 * program's), clone's flags on all 64. Each learned rule is compiled before it is
 * written; one the filter cannot express, or one with too many values, becomes an
 * unconditional allow with a comment saying so. */
#include <errno.h>
#include <linux/prctl.h>
#include <stdlib.h>
#include <string.h>

#include "core/syscalls.h"
#include "core/util.h"
#include "jail_int.h"

#define LOW32 0xffffffffULL
#define MAX_VALUES 16 /* more values than this: allow the call outright */

/* Always in the profile: the jail needs execve to start the program, and these
 * happen or not by timing (signals, restarts) rather than by what the program does. */
static const char *const always[] = { "execve", "exit", "exit_group", "rt_sigreturn",
				      "restart_syscall" };

static const struct {
	const char *name, *what;
	unsigned arg;
	uint64_t mask; /* 0: compare the whole register */
} checked[] = {
	{ "socket", "family", 0, LOW32 },     { "clone", "flags", 0, 0 },
	{ "personality", "persona", 0, LOW32 }, { "prctl", "option", 0, LOW32 },
	{ "ioctl", "request", 1, LOW32 },
};

/* What runc does between loading the filter and exec'ing the program, read off
 * `strace -f runc run` (runc 1.1): with noNewPrivileges (runc's default) it marks
 * and closes its fds (reading /proc/self/fd), tells its parent through a FIFO and
 * execs; without it (Docker's default) it also drops capabilities (prctl options
 * below, capget/capset), sets its ids, chdirs and looks the program up. Its Go
 * runtime may also sleep, yield, map memory or take a signal in that window.
 * prctl's argument is the option. */
static const struct {
	const char *name;
	uint64_t arg; /* the checked argument's value; 0 for the others */
} runtime_calls[] = {
	{ "close", 0 },	     { "openat", 0 },	   { "read", 0 },	 { "write", 0 },
	{ "fcntl", 0 },	     { "fstat", 0 },	   { "newfstatat", 0 },	 { "fstatfs", 0 },
	{ "getdents64", 0 }, { "epoll_ctl", 0 },   { "faccessat2", 0 },	 { "chdir", 0 },
	{ "getcwd", 0 },     { "getpid", 0 },	   { "getppid", 0 },	 { "gettid", 0 },
	{ "capget", 0 },     { "capset", 0 },	   { "setgroups", 0 },	 { "setgid", 0 },
	{ "setuid", 0 },     { "futex", 0 },	   { "nanosleep", 0 },	 { "sched_yield", 0 },
	{ "mmap", 0 },	     { "munmap", 0 },	   { "madvise", 0 },	 { "rt_sigprocmask", 0 },
	{ "sigaltstack", 0 }, { "tgkill", 0 },
	{ "prctl", PR_CAPBSET_DROP }, { "prctl", PR_SET_KEEPCAPS }, { "prctl", PR_CAP_AMBIENT },
	{ "prctl", PR_SET_PDEATHSIG },
};

static int checked_index(int nr)
{
	for (size_t i = 0; i < SG_ARRAY_SIZE(checked); i++)
		if (sg_syscall_nr(checked[i].name) == nr)
			return (int)i;
	return -1;
}

int learn_checked_arg(int nr, uint64_t *mask)
{
	int i = checked_index(nr);

	if (i < 0)
		return -1;
	*mask = checked[i].mask;
	return (int)checked[i].arg;
}

void learn_record(struct learn_set *s, int nr, const uint64_t args[6])
{
	uint64_t mask;
	int arg;

	if (nr < 0 || nr >= SG_NR_SYSCALLS || !sg_syscall(nr))
		return;
	s->used[nr] = true;
	if ((arg = learn_checked_arg(nr, &mask)) < 0)
		return;
	uint64_t v = mask ? args[arg] & mask : args[arg];
	struct learn_vals *lv = &s->vals[nr];
	for (size_t i = 0; i < lv->n; i++)
		if (lv->v[i] == v)
			return;
	if (lv->n == lv->cap) {
		lv->cap = lv->cap ? 2 * lv->cap : 4;
		lv->v = sg_xrealloc(lv->v, lv->cap * sizeof(*lv->v));
	}
	lv->v[lv->n++] = v;
}

void learn_add_runtime(struct learn_set *s)
{
	for (size_t i = 0; i < SG_ARRAY_SIZE(runtime_calls); i++) {
		int nr = sg_syscall_nr(runtime_calls[i].name);
		uint64_t args[6] = { 0 }, mask;
		int arg = learn_checked_arg(nr, &mask);

		bool was_used = s->used[nr];
		size_t before = s->vals[nr].n;

		if (arg >= 0)
			args[arg] = runtime_calls[i].arg;
		learn_record(s, nr, args);
		s->runtime_only[nr] = !was_used || s->runtime_only[nr];
		if (s->vals[nr].n > before && before < 64)
			s->vals[nr].by_runtime |= 1ULL << before;
	}
}

void learn_set_free(struct learn_set *s)
{
	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++)
		free(s->vals[nr].v);
}

/* Add nr's rules to p: one allow per value seen, or one unconditional allow. */
static void add_rules(struct policy *p, int nr, const struct learn_vals *lv, bool cond)
{
	uint64_t mask = 0;
	int arg = learn_checked_arg(nr, &mask);
	struct policy_rule r = { .nr = nr, .action = { .act = POLICY_ALLOW }, .origin = "learned" };

	if (!cond || arg < 0) {
		policy_add_rule(p, &r);
		return;
	}
	r.ncond = 1;
	for (size_t i = 0; i < lv->n; i++) {
		r.cond[0] = (struct policy_cond){ .arg = (unsigned)arg,
						  .op = mask ? POLICY_MASKED_EQ : POLICY_EQ,
						  .mask = mask,
						  .value = lv->v[i] };
		policy_add_rule(p, &r);
	}
}

/* Why nr is allowed outright although its arguments are usually checked, or NULL
 * when the learned conditions are kept. */
static const char *why_outright(int nr, const struct learn_vals *lv)
{
	struct policy p;
	int rc;

	if (checked_index(nr) < 0)
		return "";
	if (lv->n == 0)
		return "no argument values recorded";
	if (lv->n > MAX_VALUES)
		return "more than 16 argument values seen";
	policy_init(&p);
	p.def = (struct policy_action){ .act = POLICY_ERRNO, .err = EPERM };
	add_rules(&p, nr, lv, true);
	rc = policy_bpf_count(&p);
	policy_free(&p);
	return rc < 0 ? "the argument test cannot be compiled" : NULL;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(sg_syscall(*(const int *)a)->name, sg_syscall(*(const int *)b)->name);
}

/* The learned calls, grouped as they are written. */
struct learn_groups {
	int plain[SG_NR_SYSCALLS]; /* the command's, allowed by name (sorted) */
	int rt[SG_NR_SYSCALLS]; /* the container runtime's only, allowed by name (sorted) */
	int cond[SG_NR_SYSCALLS]; /* allowed with the argument values seen */
	size_t n, nrt, ncond;
};

static void split(const struct learn_set *s, struct learn_groups *g)
{
	g->n = g->nrt = g->ncond = 0;
	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++) {
		bool use = s->used[nr];
		for (size_t i = 0; i < SG_ARRAY_SIZE(always); i++)
			use = use || sg_syscall_nr(always[i]) == nr;
		if (!use)
			continue;
		const char *why = why_outright(nr, &s->vals[nr]);
		if (!why)
			g->cond[g->ncond++] = nr;
		else if (s->runtime_only[nr])
			g->rt[g->nrt++] = nr;
		else
			g->plain[g->n++] = nr;
	}
	qsort(g->plain, g->n, sizeof(int), cmp_name);
	qsort(g->rt, g->nrt, sizeof(int), cmp_name);
}

#define RUNTIME_WHY                                                                        \
	"made by the container runtime (runc) after it loads the filter, before the command " \
	"starts; sysgate learn --runtime none leaves them out"

/* The Docker comment of an entry allowing names: lead, or why argument-checked calls
 * among them are allowed outright (no comment when none is). */
static void json_comment(FILE *f, const struct learn_set *s, const int *names, size_t n,
			 const char *lead)
{
	bool open = false;

	if (lead) {
		fprintf(f, ",\n      \"comment\": \"%s\"", lead);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const char *why = why_outright(names[i], &s->vals[names[i]]);
		if (!why || !*why)
			continue;
		fprintf(f, "%s%s (%s)",
			open ? "; " : ",\n      \"comment\": \"allowed whatever the arguments: ",
			sg_syscall(names[i])->name, why);
		open = true;
	}
	if (open)
		fputc('"', f);
}

/* One entry allowing names by name, with its comment in the Docker format. */
static void json_names(FILE *f, const struct learn_set *s, const int *names, size_t n,
		       bool comments, const char *lead)
{
	fputs("    {\n      \"names\": [", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s%s\"%s\"", i ? "," : "", i % 6 ? " " : "\n        ",
			sg_syscall(names[i])->name);
	fputs("\n      ],\n      \"action\": \"SCMP_ACT_ALLOW\"", f);
	if (comments)
		json_comment(f, s, names, n, lead);
	fputs("\n    }", f);
}

/* Whether value i of lv was added for the container runtime, not seen. */
static bool runtime_value(const struct learn_vals *lv, size_t i)
{
	return i < 64 && (lv->by_runtime >> i & 1);
}

static void json_cond(FILE *f, int nr, const struct learn_vals *lv, bool comments)
{
	uint64_t mask = 0;
	int arg = learn_checked_arg(nr, &mask);
	int ci = checked_index(nr);

	for (size_t i = 0; i < lv->n; i++) {
		fprintf(f, ",\n    {\n      \"names\": [ \"%s\" ],\n      \"action\": \"SCMP_ACT_ALLOW\",\n",
			sg_syscall(nr)->name);
		if (mask)
			fprintf(f, "      \"args\": [ { \"index\": %d, \"value\": %llu, \"valueTwo\": %llu, "
				   "\"op\": \"SCMP_CMP_MASKED_EQ\" } ]",
				arg, (unsigned long long)mask, (unsigned long long)lv->v[i]);
		else
			fprintf(f, "      \"args\": [ { \"index\": %d, \"value\": %llu, "
				   "\"op\": \"SCMP_CMP_EQ\" } ]",
				arg, (unsigned long long)lv->v[i]);
		if (comments)
			fprintf(f, ",\n      \"comment\": \"%s %s 0x%llx, %s\"", checked[ci].name,
				checked[ci].what, (unsigned long long)lv->v[i],
				runtime_value(lv, i) ? "made by the container runtime" : "as seen");
		fputs("\n    }", f);
	}
}

static void text_allow(FILE *f, const int *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s%s%s", i % 8 ? " " : "allow ", sg_syscall(names[i])->name,
			i % 8 == 7 || i + 1 == n ? "\n" : "");
}

static void text_cond(FILE *f, int nr, const struct learn_vals *lv)
{
	uint64_t mask = 0;
	int arg = learn_checked_arg(nr, &mask);

	fprintf(f, "# %s: only the %s values seen\n", sg_syscall(nr)->name,
		checked[checked_index(nr)].what);
	for (size_t k = 0; k < lv->n; k++) {
		if (mask)
			fprintf(f, "allow %s if arg%d & 0x%llx == 0x%llx", sg_syscall(nr)->name, arg,
				(unsigned long long)mask, (unsigned long long)lv->v[k]);
		else
			fprintf(f, "allow %s if arg%d == 0x%llx", sg_syscall(nr)->name, arg,
				(unsigned long long)lv->v[k]);
		fputs(runtime_value(lv, k) ? "  # the container runtime's\n" : "\n", f);
	}
}

static void text_out(FILE *f, const struct learn_set *s, const struct learn_groups *g)
{
	fputs("# learned by sysgate learn: everything else fails with EPERM\ndefault errno EPERM\n", f);
	for (size_t i = 0; i < g->n; i++) {
		const char *why = why_outright(g->plain[i], &s->vals[g->plain[i]]);
		if (why && *why)
			fprintf(f, "# %s: allowed whatever the arguments: %s\n",
				sg_syscall(g->plain[i])->name, why);
	}
	text_allow(f, g->plain, g->n);
	if (g->nrt)
		fputs("# " RUNTIME_WHY "\n", f);
	text_allow(f, g->rt, g->nrt);
	for (size_t i = 0; i < g->ncond; i++)
		text_cond(f, g->cond[i], &s->vals[g->cond[i]]);
}

/* The whole learned policy must compile too (BPF size limit). */
static int check_whole(const struct learn_set *s, const struct learn_groups *g)
{
	struct policy p;
	int rc;

	policy_init(&p);
	p.def = (struct policy_action){ .act = POLICY_ERRNO, .err = EPERM };
	for (size_t i = 0; i < g->n; i++)
		add_rules(&p, g->plain[i], NULL, false);
	for (size_t i = 0; i < g->nrt; i++)
		add_rules(&p, g->rt[i], NULL, false);
	for (size_t i = 0; i < g->ncond; i++)
		add_rules(&p, g->cond[i], &s->vals[g->cond[i]], true);
	rc = policy_bpf_count(&p);
	policy_free(&p);
	return rc < 0 ? rc : 0;
}

int learn_write(FILE *f, const struct learn_set *s, enum learn_format format)
{
	bool comments = format == LEARN_DOCKER;
	struct learn_groups *g = sg_xcalloc(1, sizeof(*g));
	int rc;

	split(s, g);
	if ((rc = check_whole(s, g)) == 0 && format == LEARN_POLICY)
		text_out(f, s, g);
	if (rc == 0 && format != LEARN_POLICY) {
		fputs("{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"defaultErrnoRet\": 1,\n"
		      "  \"architectures\": [ \"SCMP_ARCH_X86_64\" ],\n  \"syscalls\": [\n",
		      f);
		json_names(f, s, g->plain, g->n, comments, NULL);
		if (g->nrt) {
			fputs(",\n", f);
			json_names(f, s, g->rt, g->nrt, comments, RUNTIME_WHY);
		}
		for (size_t i = 0; i < g->ncond; i++)
			json_cond(f, g->cond[i], &s->vals[g->cond[i]], comments);
		fputs("\n  ]\n}\n", f);
	}
	free(g);
	return rc;
}
