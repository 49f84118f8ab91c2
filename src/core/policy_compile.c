/* A policy into a libseccomp filter, and a readable account of what it does. */
#include <errno.h>
#include <limits.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/policy_int.h"
#include "core/syscalls.h"
#include "core/util.h"

#define BPF_LIMIT 4096

static uint32_t scmp_action(struct policy_action a)
{
	switch (a.act) {
	case POLICY_ALLOW: return SCMP_ACT_ALLOW;
	case POLICY_ERRNO: return SCMP_ACT_ERRNO((uint32_t)a.err);
	case POLICY_KILL_PROCESS: return SCMP_ACT_KILL_PROCESS;
	case POLICY_KILL_THREAD: return SCMP_ACT_KILL_THREAD;
	case POLICY_TRAP: return SCMP_ACT_TRAP;
	case POLICY_LOG: return SCMP_ACT_LOG;
	case POLICY_NOTIFY: return SCMP_ACT_NOTIFY;
	}
	return SCMP_ACT_KILL_PROCESS;
}

static const enum scmp_compare scmp_ops[] = {
	[POLICY_EQ] = SCMP_CMP_EQ, [POLICY_NE] = SCMP_CMP_NE, [POLICY_LT] = SCMP_CMP_LT,
	[POLICY_LE] = SCMP_CMP_LE, [POLICY_GT] = SCMP_CMP_GT, [POLICY_GE] = SCMP_CMP_GE,
	[POLICY_MASKED_EQ] = SCMP_CMP_MASKED_EQ,
};

static int same_action(struct policy_action a, struct policy_action b)
{
	return a.act == b.act && (a.act != POLICY_ERRNO || (a.err == b.err && a.quiet == b.quiet));
}

/* Whether an earlier unconditional rule on the same syscall already decides it. */
static int shadowed(const struct policy *p, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (p->rules[k].nr == p->rules[i].nr && p->rules[k].ncond == 0)
			return 1;
	return 0;
}

static int add_rule(scmp_filter_ctx ctx, const struct policy_rule *r)
{
	struct scmp_arg_cmp cmp[POLICY_MAX_CONDS];

	for (unsigned k = 0; k < r->ncond; k++) {
		const struct policy_cond *c = &r->cond[k];
		cmp[k] = (struct scmp_arg_cmp){ .arg = c->arg, .op = scmp_ops[c->op] };
		cmp[k].datum_a = c->op == POLICY_MASKED_EQ ? c->mask : c->value;
		cmp[k].datum_b = c->op == POLICY_MASKED_EQ ? c->value : 0;
	}
	return seccomp_rule_add_array(ctx, scmp_action(r->action), r->nr, r->ncond, cmp);
}

/* libseccomp has no rule order: to keep first-match semantics, a rule is emitted as
 * itself AND NOT every earlier rule on the same syscall with another action, expanded
 * into one libseccomp rule per choice of a negated test from each earlier rule. */
struct expand {
	scmp_filter_ctx ctx;
	const struct policy *p;
	size_t self;
	unsigned emitted;
};

#define MAX_EXPANSION 256

/* The tests whose OR is NOT c, written into out (room for 64); gives back how many.
 * A plain test has one. A masked test (x & m) == v has one per bit b of m: x agrees
 * with v on the bits of m above b and differs at b; these are disjoint, and each is
 * a masked test libseccomp can express. A masked test that can never hold (v has
 * bits outside m) gives -1: its negation always holds. */
static int negate(const struct policy_cond *c, struct policy_cond *out)
{
	static const enum policy_op neg[] = {
		[POLICY_EQ] = POLICY_NE, [POLICY_NE] = POLICY_EQ, [POLICY_LT] = POLICY_GE,
		[POLICY_LE] = POLICY_GT, [POLICY_GT] = POLICY_LE, [POLICY_GE] = POLICY_LT,
	};
	uint64_t above = 0;
	int n = 0;

	if (c->op != POLICY_MASKED_EQ) {
		*out = *c;
		out->op = neg[c->op];
		return 1;
	}
	if (c->value & ~c->mask)
		return -1;
	for (int b = 63; b >= 0; b--) {
		uint64_t bit = 1ULL << b;
		if (!(c->mask & bit))
			continue;
		out[n] = *c;
		out[n].mask = above | bit;
		out[n++].value = (c->value & above) | (~c->value & bit);
		above |= bit;
	}
	return n;
}

/* AND c into r. Tests on one argument must fold into one (libseccomp allows a
 * single test per argument): an == test decides the others. Returns 1 when added or
 * implied, 0 when r became contradictory, -EOPNOTSUPP when the tests cannot fold. */
static int conjoin(struct policy_rule *r, const struct policy_cond *c)
{
	for (unsigned k = 0; k < r->ncond; k++) {
		struct policy_cond *o = &r->cond[k];
		if (o->arg != c->arg)
			continue;
		if (o->op == c->op && o->value == c->value && o->mask == c->mask)
			return 1;
		if (o->op == POLICY_EQ)
			return policy__cond_holds(c, o->value);
		if (c->op == POLICY_EQ) {
			if (!policy__cond_holds(o, c->value))
				return 0;
			*o = *c;
			return 1;
		}
		if (o->op == POLICY_MASKED_EQ && c->op == POLICY_MASKED_EQ) {
			if ((o->value ^ c->value) & o->mask & c->mask)
				return 0;
			o->mask |= c->mask;
			o->value |= c->value;
			return 1;
		}
		return -EOPNOTSUPP;
	}
	if (r->ncond == POLICY_MAX_CONDS)
		return -E2BIG;
	r->cond[r->ncond++] = *c;
	return 1;
}

static int expand_from(struct expand *e, struct policy_rule *r, size_t j)
{
	const struct policy_rule *self = &e->p->rules[e->self];
	struct policy_cond alt[64];

	while (j < e->self && (e->p->rules[j].nr != self->nr || same_action(e->p->rules[j].action, self->action)))
		j++;
	if (j == e->self) {
		if (++e->emitted > MAX_EXPANSION)
			return -E2BIG;
		return add_rule(e->ctx, r);
	}
	for (unsigned k = 0; k < e->p->rules[j].ncond; k++)
		if (negate(&e->p->rules[j].cond[k], alt) < 0)
			return expand_from(e, r, j + 1); /* rule j never matches */
	for (unsigned k = 0; k < e->p->rules[j].ncond; k++) {
		int nalt = negate(&e->p->rules[j].cond[k], alt);
		for (int a = 0; a < nalt; a++) {
			struct policy_rule next = *r;
			int rc = conjoin(&next, &alt[a]);
			if (rc < 0)
				return rc;
			if (rc > 0 && (rc = expand_from(e, &next, j + 1)))
				return rc;
		}
	}
	return 0;
}

static int emit(scmp_filter_ctx ctx, const struct policy *p, size_t i)
{
	struct expand e = { .ctx = ctx, .p = p, .self = i };
	struct policy_rule r = p->rules[i];
	unsigned n = r.ncond;
	int rc;

	r.ncond = 0;
	for (unsigned k = 0; k < n; k++)
		if ((rc = conjoin(&r, &p->rules[i].cond[k])) <= 0)
			return rc; /* a rule that never matches adds nothing */
	if (shadowed(p, i) || same_action(r.action, p->def))
		return 0;
	return expand_from(&e, &r, 0);
}

int policy_compile(const struct policy *p, scmp_filter_ctx *out)
{
	scmp_filter_ctx ctx = seccomp_init(scmp_action(p->def));
	int rc;

	if (!ctx)
		return -EINVAL;
	rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 1);
	if (!rc)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	for (size_t i = 0; !rc && i < p->nrules; i++)
		rc = emit(ctx, p, i);
	if (rc) {
		seccomp_release(ctx);
		return rc < 0 ? rc : -EINVAL;
	}
	*out = ctx;
	return 0;
}

/* libseccomp 2.5 exports only into a file descriptor: a memfd, read back. */
static int export_ctx(scmp_filter_ctx ctx, struct policy_bpf *out)
{
	struct stat st;
	int fd = memfd_create("sysgate-bpf", MFD_CLOEXEC), rc;

	if (fd < 0)
		return -errno;
	rc = seccomp_export_bpf(ctx, fd);
	if (!rc && fstat(fd, &st) < 0)
		rc = -errno;
	if (!rc && (st.st_size <= 0 || st.st_size / 8 > USHRT_MAX))
		rc = -E2BIG;
	if (!rc) {
		out->len = (unsigned short)(st.st_size / 8);
		out->insns = sg_xcalloc(out->len, sizeof(*out->insns));
		if (pread(fd, out->insns, (size_t)st.st_size, 0) != st.st_size)
			rc = errno ? -errno : -EIO;
	}
	close(fd);
	if (rc)
		policy_bpf_free(out);
	return rc;
}

static bool has_notify(const struct policy *p)
{
	if (p->def.act == POLICY_NOTIFY)
		return true;
	for (size_t i = 0; i < p->nrules; i++)
		if (p->rules[i].action.act == POLICY_NOTIFY)
			return true;
	return false;
}

int policy_bpf_build(const struct policy *p, struct policy_bpf *out)
{
	scmp_filter_ctx ctx;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = policy_compile(p, &ctx)))
		return rc;
	rc = export_ctx(ctx, out);
	seccomp_release(ctx);
	out->notify = has_notify(p);
	out->flags = p->filter_flags;
	return rc;
}

void policy_bpf_free(struct policy_bpf *b)
{
	free(b->insns);
	b->insns = NULL;
	b->len = 0;
}

int policy_bpf_load(const struct policy_bpf *b)
{
	struct sock_fprog prog = { .len = b->len, .filter = b->insns };
	/* Once the supervisor has a notification, a signal must not restart the call:
	 * the supervisor may already have acted on it (opened a FIFO, sent data). */
	unsigned flags = b->flags | (b->notify ? SECCOMP_FILTER_FLAG_NEW_LISTENER |
							 SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV :
						 0);
	long rc;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
	if (rc < 0 && errno == EINVAL && b->notify) /* before Linux 5.19 */
		rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			     b->flags | SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	return rc < 0 ? -errno : (int)rc;
}

int policy_bpf_count(const struct policy *p)
{
	struct policy_bpf b;
	int rc = policy_bpf_build(p, &b);

	if (rc)
		return rc;
	rc = b.len;
	policy_bpf_free(&b);
	return rc;
}

static const char *const op_text[] = {
	[POLICY_EQ] = "==", [POLICY_NE] = "!=", [POLICY_LT] = "<",  [POLICY_LE] = "<=",
	[POLICY_GT] = ">",  [POLICY_GE] = ">=", [POLICY_MASKED_EQ] = "==",
};

static void print_rule(FILE *f, const struct policy_rule *r, const char *lead)
{
	char buf[64];

	fprintf(f, "%s%s", lead, policy_action_str(r->action, buf, sizeof(buf)));
	for (unsigned k = 0; k < r->ncond; k++) {
		const struct policy_cond *c = &r->cond[k];
		fprintf(f, "%s arg%u", k ? " &&" : " if", c->arg);
		if (c->op == POLICY_MASKED_EQ)
			fprintf(f, " & %#llx", (unsigned long long)c->mask);
		fprintf(f, " %s %#llx", op_text[c->op], (unsigned long long)c->value);
	}
	fprintf(f, "  (%s)\n", r->origin ? r->origin : "?");
}

/* Print the rules for nr; give back 1 if it is allowed outright, 2 if only under
 * conditions, 0 otherwise. */
static int explain_syscall(FILE *f, const struct policy *p, int nr)
{
	int printed = 0, cond_allow = 0;
	char buf[64];

	for (size_t i = 0; i < p->nrules; i++) {
		const struct policy_rule *r = &p->rules[i];
		int allows = r->action.act == POLICY_ALLOW || r->action.act == POLICY_LOG;
		if (r->nr != nr || shadowed(p, i))
			continue;
		print_rule(f, r, printed++ ? "    " : "");
		if (r->ncond == 0)
			return allows ? (cond_allow ? 2 : 1) : cond_allow ? 2 : 0;
		cond_allow |= allows;
	}
	if (printed)
		fprintf(f, "    otherwise %s  (default)\n", policy_action_str(p->def, buf, sizeof(buf)));
	if (p->def.act == POLICY_ALLOW || p->def.act == POLICY_LOG)
		return cond_allow || printed ? 2 : 1;
	return cond_allow ? 2 : 0;
}

int policy_explain(FILE *f, const struct policy *p)
{
	unsigned outright = 0, cond = 0;
	char buf[64];
	int bpf;

	fprintf(f, "default: %s  (%s)\n", policy_action_str(p->def, buf, sizeof(buf)),
		p->def_origin ? p->def_origin : "built-in");
	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++) {
		int has = 0, v;
		if (!sg_syscall_table[nr].name)
			continue;
		for (size_t i = 0; i < p->nrules && !has; i++)
			has = p->rules[i].nr == nr;
		if (has)
			fprintf(f, "%s: ", sg_syscall_table[nr].name);
		v = has ? explain_syscall(f, p, nr) :
			  (p->def.act == POLICY_ALLOW || p->def.act == POLICY_LOG);
		outright += v == 1;
		cond += v == 2;
	}
	fprintf(f, "allowed: %u syscalls, %u more under conditions; all others: %s\n", outright,
		cond, policy_action_str(p->def, buf, sizeof(buf)));
	if (p->skipped_names || p->skipped_entries)
		fprintf(f, "skipped: %u names unknown on x86_64, %u entries not applicable\n",
			p->skipped_names, p->skipped_entries);
	bpf = policy_bpf_count(p);
	if (bpf < 0) {
		fprintf(f, "bpf: cannot compile: %s\n", strerror(-bpf));
		return bpf;
	}
	fprintf(f, "bpf: %d instructions, %s the kernel's limit of %d\n", bpf,
		bpf <= BPF_LIMIT ? "within" : "OVER", BPF_LIMIT);
	return 0;
}
