/* The policy model: rules in order, first match decides. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/names.h"
#include "core/policy_int.h"
#include "core/syscalls.h"
#include "core/util.h"

void policy_init(struct policy *p)
{
	memset(p, 0, sizeof(*p));
	p->def.act = POLICY_KILL_PROCESS;
}

void policy_free(struct policy *p)
{
	for (size_t i = 0; i < p->nrules; i++)
		free(p->rules[i].origin);
	for (size_t i = 0; i < p->narches; i++)
		free(p->arches[i]);
	free(p->rules);
	free(p->arches);
	free(p->def_origin);
	memset(p, 0, sizeof(*p));
}

static int cond_valid(const struct policy_cond *c)
{
	return c->arg < SG_MAX_ARGS && c->op >= POLICY_EQ && c->op <= POLICY_MASKED_EQ;
}

int policy_add_rule(struct policy *p, const struct policy_rule *rule)
{
	if (!sg_syscall(rule->nr) || rule->ncond > POLICY_MAX_CONDS)
		return -EINVAL;
	for (unsigned i = 0; i < rule->ncond; i++)
		if (!cond_valid(&rule->cond[i]))
			return -EINVAL;
	if (p->nrules == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->rules = sg_xrealloc(p->rules, p->cap * sizeof(*p->rules));
	}
	p->rules[p->nrules] = *rule;
	p->rules[p->nrules].origin = rule->origin ? sg_xstrdup(rule->origin) : NULL;
	p->nrules++;
	return 0;
}

void policy__set_default(struct policy *p, struct policy_action a, const char *origin)
{
	p->def = a;
	free(p->def_origin);
	p->def_origin = origin ? sg_xstrdup(origin) : NULL;
}

void policy__add_arch(struct policy *p, const char *arch)
{
	p->arches = sg_xrealloc(p->arches, (p->narches + 1) * sizeof(*p->arches));
	p->arches[p->narches++] = sg_xstrdup(arch);
}

int policy__err(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;

	if (err && errsz) {
		va_start(ap, fmt);
		vsnprintf(err, errsz, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

int policy__cond_holds(const struct policy_cond *c, uint64_t v)
{
	switch (c->op) {
	case POLICY_EQ: return v == c->value;
	case POLICY_NE: return v != c->value;
	case POLICY_LT: return v < c->value;
	case POLICY_LE: return v <= c->value;
	case POLICY_GT: return v > c->value;
	case POLICY_GE: return v >= c->value;
	case POLICY_MASKED_EQ: return (v & c->mask) == c->value;
	}
	return 0;
}

const struct policy_rule *policy_match(const struct policy *p, int nr, const uint64_t args[6])
{
	for (size_t i = 0; i < p->nrules; i++) {
		const struct policy_rule *r = &p->rules[i];
		unsigned k = 0;

		if (r->nr != nr)
			continue;
		while (k < r->ncond && policy__cond_holds(&r->cond[k], args[r->cond[k].arg]))
			k++;
		if (k == r->ncond)
			return r;
	}
	return NULL;
}

struct policy_action policy_decide(const struct policy *p, int nr, const uint64_t args[6])
{
	const struct policy_rule *r = policy_match(p, nr, args);

	return r ? r->action : p->def;
}

const char *policy_action_str(struct policy_action a, char *buf, size_t size)
{
	static const char *const names[] = {
		[POLICY_ALLOW] = "allow", [POLICY_ERRNO] = "errno",
		[POLICY_KILL_PROCESS] = "kill-process", [POLICY_KILL_THREAD] = "kill-thread",
		[POLICY_TRAP] = "trap", [POLICY_LOG] = "log", [POLICY_NOTIFY] = "notify",
	};
	const char *en;

	if (a.act != POLICY_ERRNO) {
		snprintf(buf, size, "%s", names[a.act]);
		return buf;
	}
	en = sg_errno_name(a.err);
	if (en)
		snprintf(buf, size, "%serrno %s", a.quiet ? "quiet " : "", en);
	else
		snprintf(buf, size, "%serrno %d", a.quiet ? "quiet " : "", a.err);
	return buf;
}

