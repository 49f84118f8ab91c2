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

/* The syscalls allowed by name (sorted) into plain, the argument-checked ones into
 * cond; returns the count of plain. */
static size_t split(const struct learn_set *s, int *plain, int *cond, size_t *ncond)
{
	size_t n = 0;

	*ncond = 0;
	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++) {
		bool use = s->used[nr];
		for (size_t i = 0; i < SG_ARRAY_SIZE(always); i++)
			use = use || sg_syscall_nr(always[i]) == nr;
		if (!use)
			continue;
		const char *why = why_outright(nr, &s->vals[nr]);
		if (why)
			plain[n++] = nr;
		else
			cond[(*ncond)++] = nr;
	}
	qsort(plain, n, sizeof(*plain), cmp_name);
	return n;
}

static void json_plain(FILE *f, const struct learn_set *s, const int *plain, size_t n)
{
	fputs("    {\n      \"names\": [", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s%s\"%s\"", i ? "," : "", i % 6 ? " " : "\n        ",
			sg_syscall(plain[i])->name);
	fputs("\n      ],\n      \"action\": \"SCMP_ACT_ALLOW\"", f);
	/* Argument-checked calls allowed outright say why. */
	const char *sep = ",\n      \"comment\": \"allowed whatever the arguments: ";
	for (size_t i = 0; i < n; i++) {
		const char *why = why_outright(plain[i], &s->vals[plain[i]]);
		if (why && *why) {
			fprintf(f, "%s%s (%s)", sep, sg_syscall(plain[i])->name, why);
			sep = "; ";
		}
	}
	fputs(*sep == ';' ? "\"\n    }" : "\n    }", f);
}

static void json_cond(FILE *f, int nr, const struct learn_vals *lv)
{
	uint64_t mask = 0;
	int arg = learn_checked_arg(nr, &mask);
	int ci = checked_index(nr);

	for (size_t i = 0; i < lv->n; i++) {
		fprintf(f, ",\n    {\n      \"names\": [ \"%s\" ],\n      \"action\": \"SCMP_ACT_ALLOW\",\n",
			sg_syscall(nr)->name);
		if (mask)
			fprintf(f, "      \"args\": [ { \"index\": %d, \"value\": %llu, \"valueTwo\": %llu, "
				   "\"op\": \"SCMP_CMP_MASKED_EQ\" } ],\n",
				arg, (unsigned long long)mask, (unsigned long long)lv->v[i]);
		else
			fprintf(f, "      \"args\": [ { \"index\": %d, \"value\": %llu, "
				   "\"op\": \"SCMP_CMP_EQ\" } ],\n",
				arg, (unsigned long long)lv->v[i]);
		fprintf(f, "      \"comment\": \"%s %s 0x%llx, as seen\"\n    }", checked[ci].name,
			checked[ci].what, (unsigned long long)lv->v[i]);
	}
}

static void text_out(FILE *f, const struct learn_set *s, const int *plain, size_t n,
		     const int *cond, size_t ncond)
{
	fputs("# learned by sysgate learn: everything else fails with EPERM\ndefault errno EPERM\n", f);
	for (size_t i = 0; i < n; i++) {
		const char *why = why_outright(plain[i], &s->vals[plain[i]]);
		if (why && *why)
			fprintf(f, "# %s: allowed whatever the arguments: %s\n", sg_syscall(plain[i])->name,
				why);
	}
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s%s%s", i % 8 ? " " : "allow ", sg_syscall(plain[i])->name,
			i % 8 == 7 || i + 1 == n ? "\n" : "");
	for (size_t i = 0; i < ncond; i++) {
		uint64_t mask = 0;
		int arg = learn_checked_arg(cond[i], &mask);
		const struct learn_vals *lv = &s->vals[cond[i]];
		fprintf(f, "# %s: only the %s values seen\n", sg_syscall(cond[i])->name,
			checked[checked_index(cond[i])].what);
		for (size_t k = 0; k < lv->n; k++) {
			if (mask)
				fprintf(f, "allow %s if arg%d & 0x%llx == 0x%llx\n", sg_syscall(cond[i])->name,
					arg, (unsigned long long)mask, (unsigned long long)lv->v[k]);
			else
				fprintf(f, "allow %s if arg%d == 0x%llx\n", sg_syscall(cond[i])->name, arg,
					(unsigned long long)lv->v[k]);
		}
	}
}

/* The whole learned policy must compile too (BPF size limit). */
static int check_whole(const struct learn_set *s, const int *plain, size_t n, const int *cond,
		       size_t ncond)
{
	struct policy p;
	int rc;

	policy_init(&p);
	p.def = (struct policy_action){ .act = POLICY_ERRNO, .err = EPERM };
	for (size_t i = 0; i < n; i++)
		add_rules(&p, plain[i], NULL, false);
	for (size_t i = 0; i < ncond; i++)
		add_rules(&p, cond[i], &s->vals[cond[i]], true);
	rc = policy_bpf_count(&p);
	policy_free(&p);
	return rc < 0 ? rc : 0;
}

int learn_write(FILE *f, const struct learn_set *s, int json)
{
	int plain[SG_NR_SYSCALLS], cond[SG_NR_SYSCALLS];
	size_t ncond, n = split(s, plain, cond, &ncond);
	int rc = check_whole(s, plain, n, cond, ncond);

	if (rc)
		return rc;
	if (!json) {
		text_out(f, s, plain, n, cond, ncond);
		return 0;
	}
	fputs("{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"defaultErrnoRet\": 1,\n"
	      "  \"architectures\": [ \"SCMP_ARCH_X86_64\" ],\n  \"syscalls\": [\n",
	      f);
	json_plain(f, s, plain, n);
	for (size_t i = 0; i < ncond; i++)
		json_cond(f, cond[i], &s->vals[cond[i]]);
	fputs("\n  ]\n}\n", f);
	return 0;
}
