/* The findings of a run, kept in the order a reader wants them. */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "../core/util.h"

void adv_report_add(struct adv_report *r, struct adv_finding *f)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 8;
		r->v = sg_xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	r->v[r->n++] = *f;
	memset(f, 0, sizeof(*f));
}

void adv_report_finding(struct adv_report *r, const struct adv_rule *rule, uint64_t count,
			double wasted_ns, double saving_ns, char *what,
			const struct adv_sites *sites, char *ex[3])
{
	struct adv_finding f = { .rule = rule->id, .count = count, .wasted_ns = wasted_ns,
				 .saving_ns = saving_ns, .what = what,
				 .site = adv_sites_top(sites), .fix = rule->fix };

	memcpy(f.examples, ex, sizeof(f.examples));
	memset(ex, 0, sizeof(f.examples));
	adv_report_add(r, &f);
}

static int by_waste(const void *pa, const void *pb)
{
	const struct adv_finding *a = pa, *b = pb;

	if (a->wasted_ns != b->wasted_ns)
		return a->wasted_ns > b->wasted_ns ? -1 : 1;
	return strcmp(a->rule, b->rule);
}

void adv_report_sort(struct adv_report *r)
{
	if (r->n > 1)
		qsort(r->v, r->n, sizeof(*r->v), by_waste);
}

static void finding_free(struct adv_finding *f)
{
	free(f->what);
	free(f->site);
	for (int i = 0; i < 3; i++)
		free(f->examples[i]);
}

void adv_report_free(struct adv_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		finding_free(&r->v[i]);
	free(r->v);
	memset(r, 0, sizeof(*r));
}
