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
