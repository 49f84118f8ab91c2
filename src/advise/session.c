/* One run's calls through every rule. */
#include "advise_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

void adv_session_start(struct adv_session *s, const struct adv_machine *m, double threshold)
{
	size_t n = 0;

	while (adv_rules[n])
		n++;
	memset(s, 0, sizeof(*s));
	s->machine = m;
	s->states = sg_xcalloc(n + 1, sizeof(*s->states));
	for (size_t i = 0; i < n; i++)
		s->states[i] = adv_rules[i]->start(m, threshold);
	s->least_stopped_ns = INFINITY;
}

/* Under ptrace a call's duration runs from the tracer's look at its entry stop
 * to its exit stop: it holds two stops and their wake-ups, which the program
 * does not pay without a tracer. The cheapest call seen so far is taken for
 * one crossing and that overhead alone, so the overhead is its duration less
 * one crossing, and every call is charged what is left, never less than one
 * crossing (docs/advise.md, "The cost model"). */
static uint64_t without_stops(struct adv_session *s, uint64_t dur_ns)
{
	double crossing = s->machine->null_syscall_ns;

	if (dur_ns < s->least_stopped_ns)
		s->least_stopped_ns = (double)dur_ns;
	double overhead = s->least_stopped_ns - crossing;
	double own = (double)dur_ns - (overhead > 0 ? overhead : 0);
	return (uint64_t)(own > crossing ? own : crossing);
}

void adv_session_feed(struct adv_session *s, struct adv_call *c, bool stopped)
{
	if (stopped && c->dur_ns)
		c->dur_ns = without_stops(s, c->dur_ns);
	if (!s->run.calls++)
		s->first_ns = c->time_ns;
	if (c->time_ns > s->last_ns)
		s->last_ns = c->time_ns;
	for (size_t i = 0; adv_rules[i]; i++)
		adv_rules[i]->feed(s->states[i], c);
}

void adv_session_finish(struct adv_session *s, int64_t page_faults, int64_t major,
			struct adv_report *r)
{
	s->run.page_faults = page_faults;
	s->run.major_faults = major;
	s->run.wall_ns = s->last_ns > s->first_ns ? (double)(s->last_ns - s->first_ns) : 0;
	for (size_t i = 0; adv_rules[i]; i++) {
		adv_rules[i]->finish(s->states[i], &s->run, r);
		adv_rules[i]->stop(s->states[i]);
	}
	adv_report_sort(r);
	free(s->states);
	s->states = NULL;
}
