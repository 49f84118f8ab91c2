/* Small helpers the rules share (rules.h). */
#include "rules.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

#define EXAMPLE_MAX 160

const char *adv_call_text(const struct adv_call *c)
{
	const char *t = c->text;

	if (!t && c->make_text)
		t = c->make_text(c);
	return t ? t : c->name;
}

void adv_keep_example(char *ex[3], const struct adv_call *c)
{
	for (int i = 0; i < 3; i++) {
		if (ex[i])
			continue;
		const char *t = adv_call_text(c);
		size_t n = strlen(t);
		if (n <= EXAMPLE_MAX) {
			ex[i] = sg_xstrdup(t);
		} else {
			ex[i] = sg_xcalloc(1, EXAMPLE_MAX + 4);
			memcpy(ex[i], t, EXAMPLE_MAX);
			memcpy(ex[i] + EXAMPLE_MAX, "...", 3);
		}
		return;
	}
}

double adv_call_ns(const struct adv_call *c, const struct adv_machine *m)
{
	return c->dur_ns ? (double)c->dur_ns : m->null_syscall_ns;
}

uint64_t adv_scaled(double threshold, double minimum)
{
	double v = ceil(threshold * minimum);

	return v < 1 ? 1 : (uint64_t)v;
}

void adv_sites_add(struct adv_sites *s, const char *site)
{
	if (!site)
		return;
	for (int i = 0; i < s->used; i++)
		if (strcmp(s->site[i], site) == 0) {
			s->n[i]++;
			return;
		}
	if (s->used < 16) {
		s->site[s->used] = sg_xstrdup(site);
		s->n[s->used++] = 1;
	}
}

char *adv_sites_top(const struct adv_sites *s)
{
	int best = -1;

	for (int i = 0; i < s->used; i++)
		if (best < 0 || s->n[i] > s->n[best])
			best = i;
	return best < 0 ? NULL : sg_xstrdup(s->site[best]);
}

void adv_sites_free(struct adv_sites *s)
{
	for (int i = 0; i < s->used; i++)
		free(s->site[i]);
	memset(s, 0, sizeof(*s));
}
