/* Rule failed-retries: the same call failing with EAGAIN (EWOULDBLOCK) or
 * EINTR in a tight loop.
 *
 * Detection: per pid, call and descriptor, a run of failures with EAGAIN or
 * EINTR, each within 100 us of the previous one; a success of that call on
 * that descriptor, or a wait of the pid in between (the poll family,
 * nanosleep, clock_nanosleep), ends the run: one EAGAIN then a readiness
 * wait is the right way. Retries, the failures of a run after its first, are
 * summed per call, descriptor number and path; a finding needs at least 100
 * (times the threshold factor).
 *
 * Fix: wait for readiness (poll, epoll) or use blocking I/O, instead of
 * calling again at once.
 *
 * Estimate: every failed retry is wasted, at the retries' median measured
 * duration, at least one kernel crossing each (adv_costs_total,
 * rule_kit.h); the fix adds one wait per run, so the
 * saving is the waste less one kernel crossing per run. The count is the
 * failed calls of the runs, first ones included. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "../core/util.h"
#include "rule_kit.h"
#include "rule_list.h"

#define MIN_RETRIES 100
#define TIGHT_GAP_NS 100000ull
#define TRACKED_KEYS 16384	/* (pid, call, fd) runs followed at once */
#define TRACKED_PIDS 4096
#define TRACKED_CALLS 1024	/* (call, fd, path) with evidence */

enum { SEEN_EAGAIN = 1, SEEN_EINTR = 2 };

struct run_state {
	uint64_t len, last_ns, epoch;
};

struct call_evidence {
	struct adv_evidence ev;
	uint64_t retries, runs;
	int fd, errs;
	char name[24];
};

struct retry_state {
	const struct adv_machine *m;
	uint64_t min_retries;
	struct adv_fdnames names;
	struct adv_map runs;	/* (pid, nr << 32 | fd) -> struct run_state */
	struct adv_map epochs;	/* pid -> uint64_t, its waits so far */
	struct adv_map calls;	/* (nr << 32 | fd, pid when no path, path) -> struct call_evidence */
};

static void *retry_start(const struct adv_machine *m, double threshold)
{
	struct retry_state *s = sg_xcalloc(1, sizeof(*s));

	s->m = m;
	s->min_retries = adv_scaled_min(MIN_RETRIES, threshold);
	adv_fdnames_init(&s->names);
	adv_map_init(&s->runs, sizeof(struct run_state), TRACKED_KEYS);
	adv_map_init(&s->epochs, sizeof(uint64_t), TRACKED_PIDS);
	adv_map_init(&s->calls, sizeof(struct call_evidence), TRACKED_CALLS);
	return s;
}

static bool is_wait(long nr)
{
	return nr == SYS_poll || nr == SYS_ppoll || nr == SYS_select || nr == SYS_pselect6 ||
	       nr == SYS_epoll_wait || nr == SYS_epoll_pwait || nr == SYS_epoll_pwait2 ||
	       nr == SYS_nanosleep || nr == SYS_clock_nanosleep;
}

static uint64_t key_of(const struct adv_call *c)
{
	return (uint64_t)c->nr << 32 | (uint32_t)c->fd;
}

static uint64_t epoch_of(struct retry_state *s, pid_t pid)
{
	uint64_t *e = adv_map_get(&s->epochs, (uint64_t)pid, 0, NULL, false);

	return e ? *e : 0;
}

static struct run_state *run_of(struct retry_state *s, const struct adv_call *c, bool create)
{
	struct run_state *r = adv_map_get(&s->runs, (uint64_t)c->pid, key_of(c), NULL, create);

	if (!r && create) {	/* full of runs of exited processes: start afresh */
		adv_map_free(&s->runs, NULL);
		adv_map_init(&s->runs, sizeof(struct run_state), TRACKED_KEYS);
		r = adv_map_get(&s->runs, (uint64_t)c->pid, key_of(c), NULL, true);
	}
	return r;
}

static void on_retry(struct retry_state *s, const struct adv_call *c, bool first_retry)
{
	const char *path = c->fd >= 0 ? adv_fdnames_get(&s->names, c->pid, c->fd) : NULL;
	struct call_evidence *e = adv_map_get(&s->calls, key_of(c), path ? 0 : (uint64_t)c->pid + 1,
					      path, true);

	if (!e)
		return;
	e->fd = c->fd;
	if (!e->name[0] && c->name)
		snprintf(e->name, sizeof(e->name), "%s", c->name);
	e->errs |= c->ret == -EINTR ? SEEN_EINTR : SEEN_EAGAIN;
	e->retries++;
	e->ev.count += first_retry ? 2 : 1;
	if (first_retry)
		e->runs++;
	adv_evidence_remove(&e->ev, adv_call_cost(s->m, c));
	adv_evidence_note(&e->ev, c);
}

static void on_failure(struct retry_state *s, const struct adv_call *c)
{
	struct run_state *r = run_of(s, c, true);
	uint64_t epoch = epoch_of(s, c->pid);
	bool tight = !c->time_ns || !r->last_ns || c->time_ns - r->last_ns <= TIGHT_GAP_NS;

	if (r->len && tight && r->epoch == epoch) {
		r->len++;
		on_retry(s, c, r->len == 2);
	} else {
		r->len = 1;
	}
	r->last_ns = c->time_ns;
	r->epoch = epoch;
}

static void retry_feed(void *p, const struct adv_call *c)
{
	struct retry_state *s = p;

	adv_fdnames_feed(&s->names, c);
	if (is_wait(c->nr)) {
		uint64_t *e = adv_map_get(&s->epochs, (uint64_t)c->pid, 0, NULL, true);
		if (e)
			++*e;
		return;
	}
	if (c->failed && (c->ret == -EAGAIN || c->ret == -EINTR)) {
		on_failure(s, c);
		return;
	}
	struct run_state *r = run_of(s, c, false);
	if (r)
		adv_map_remove(&s->runs, (uint64_t)c->pid, key_of(c), NULL);
}

static const char *errs_name(int errs)
{
	return errs == SEEN_EINTR ? "EINTR" : errs == SEEN_EAGAIN ? "EAGAIN" : "EAGAIN/EINTR";
}

static void retry_finish(void *p, const struct adv_run *run, struct adv_report *r)
{
	struct retry_state *s = p;
	const struct adv_map_entry *k;

	(void)run;
	for (size_t i = 0; i < s->calls.n; i++) {
		struct call_evidence *e = adv_map_at(&s->calls, i, &k);
		if (!e || e->retries < s->min_retries)
			continue;
		e->ev.wasted_ns = adv_evidence_waste(&e->ev, s->m->null_syscall_ns);
		/* the fix adds a wait per run */
		e->ev.saving_ns = e->ev.wasted_ns - (double)e->runs * s->m->null_syscall_ns;
		if (e->ev.saving_ns < 0)
			e->ev.saving_ns = 0;
		char on[64] = "";
		if (e->fd >= 0)
			snprintf(on, sizeof(on), " on fd %d", e->fd);
		char *what = adv_strf("%llu %s calls failing with %s%s%s%s%s in %llu tight loop%s",
				      (unsigned long long)e->ev.count, e->name[0] ? e->name : "?",
				      errs_name(e->errs), on, k->str ? " (" : "", k->str ? k->str : "",
				      k->str ? ")" : "", (unsigned long long)e->runs,
				      e->runs == 1 ? "" : "s");
		adv_evidence_report(&e->ev, &adv_rule_failed_retries, what, r);
	}
}

static void drop_call(void *v)
{
	adv_evidence_free(&((struct call_evidence *)v)->ev);
}

static void retry_stop(void *p)
{
	struct retry_state *s = p;

	adv_fdnames_free(&s->names);
	adv_map_free(&s->runs, NULL);
	adv_map_free(&s->epochs, NULL);
	adv_map_free(&s->calls, drop_call);
	free(s);
}

const struct adv_rule adv_rule_failed_retries = {
	.id = "failed-retries",
	.fix = "Wait for readiness with poll/epoll (or use blocking I/O) instead of retrying the "
	       "call at once while it fails with EAGAIN or EINTR.",
	.start = retry_start,
	.feed = retry_feed,
	.finish = retry_finish,
	.stop = retry_stop,
};
