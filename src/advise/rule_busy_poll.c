/* Rule busy-poll: poll, ppoll, select, pselect6, epoll_wait, epoll_pwait or
 * epoll_pwait2 with a zero timeout returning nothing, in a loop.
 *
 * Detection: per pid, a run of empty zero-timeout polls, each returning
 * within 100 us of the previous one (a loop that does real work between its
 * polls, a game's frame loop, is not busy); a poll that finds something or
 * waits (non-zero timeout) ends the run. Zero timeouts are read from the
 * registers (poll, epoll_wait, epoll_pwait) or from the timespec/timeval the
 * call's text shows (ppoll, select, pselect6, epoll_pwait2). A finding, per
 * pid, needs at least 100 wasted polls (times the threshold factor).
 *
 * Fix: block in the poll with a timeout (or -1) and let the kernel wake the
 * process when there is something to do.
 *
 * Estimate: every empty poll of a run beyond its first is wasted, at the
 * polls' median measured duration, at least one kernel crossing each
 * (adv_costs_total, rule_kit.h); blocking saves
 * them all (CPU time: the wall time of a wait stays what the event makes it).
 * The count is the empty polls of the runs. */
#include <stdio.h>
#include <stdlib.h>

#include "../core/util.h"
#include "rule_kit.h"
#include "rule_list.h"

#define MIN_WASTED 100
#define BUSY_GAP_NS 100000ull	/* polls closer than this are one loop */
#define TRACKED_PIDS 4096

struct pid_state {
	struct adv_evidence ev;
	uint64_t run;		/* empty polls in the current run */
	uint64_t last_ns;	/* when the last one returned */
	uint64_t wasted;	/* polls beyond the first of their run */
	uint64_t runs;		/* runs of 2 or more */
	char name[24];		/* the poll call's name */
};

struct busy_state {
	const struct adv_machine *m;
	uint64_t min_wasted;
	struct adv_map pids;	/* pid -> struct pid_state */
};

static void *busy_start(const struct adv_machine *m, double threshold)
{
	struct busy_state *s = sg_xcalloc(1, sizeof(*s));

	s->m = m;
	s->min_wasted = adv_scaled_min(MIN_WASTED, threshold);
	adv_map_init(&s->pids, sizeof(struct pid_state), TRACKED_PIDS);
	return s;
}

/* An empty zero-timeout poll: it continues the pid's run or starts one. */
static void on_empty_poll(struct busy_state *s, struct pid_state *p, const struct adv_call *c)
{
	bool close_by = !c->time_ns || !p->last_ns || c->time_ns - p->last_ns <= BUSY_GAP_NS;

	if (p->run == 0 || !close_by) {
		p->run = 1;	/* the first poll of a run is needed */
	} else {
		if (++p->run == 2) {
			p->runs++;
			p->ev.count++;	/* the run's first poll is involved too */
		}
		p->wasted++;
		p->ev.count++;
		adv_evidence_remove(&p->ev, adv_call_cost(s->m, c));
		adv_evidence_note(&p->ev, c);
		if (!p->name[0] && c->name)
			snprintf(p->name, sizeof(p->name), "%s", c->name);
	}
	p->last_ns = c->time_ns;
}

static void busy_feed(void *st, const struct adv_call *c)
{
	struct busy_state *s = st;
	bool is_poll;
	bool zero = adv_poll_zero_timeout(c, &is_poll);

	if (!is_poll)
		return;
	bool empty = zero && !c->failed && c->ret == 0;
	struct pid_state *p = adv_map_get(&s->pids, (uint64_t)c->pid, 0, NULL, empty);

	if (!p)
		return;
	if (empty)
		on_empty_poll(s, p, c);
	else
		p->run = 0;
}

static void busy_finish(void *st, const struct adv_run *run, struct adv_report *r)
{
	struct busy_state *s = st;
	const struct adv_map_entry *k;

	(void)run;
	for (size_t i = 0; i < s->pids.n; i++) {
		struct pid_state *p = adv_map_at(&s->pids, i, &k);
		if (!p || p->wasted < s->min_wasted)
			continue;
		p->ev.wasted_ns = adv_evidence_waste(&p->ev, s->m->null_syscall_ns);
		p->ev.saving_ns = p->ev.wasted_ns;
		char *what = adv_strf("%llu empty zero-timeout %s calls in %llu busy loop%s (pid %llu)",
				      (unsigned long long)p->ev.count, p->name[0] ? p->name : "poll",
				      (unsigned long long)p->runs, p->runs == 1 ? "" : "s",
				      (unsigned long long)k->k1);
		adv_evidence_report(&p->ev, &adv_rule_busy_poll, what, r);
	}
}

static void drop_pid(void *v)
{
	adv_evidence_free(&((struct pid_state *)v)->ev);
}

static void busy_stop(void *st)
{
	struct busy_state *s = st;

	adv_map_free(&s->pids, drop_pid);
	free(s);
}

const struct adv_rule adv_rule_busy_poll = {
	.id = "busy-poll",
	.fix = "Block in poll/epoll_wait with a timeout (or -1) instead of polling with a zero "
	       "timeout in a loop.",
	.start = busy_start,
	.feed = busy_feed,
	.finish = busy_finish,
	.stop = busy_stop,
};
