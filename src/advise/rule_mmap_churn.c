/* Rule mmap-churn: the same size mapped (anonymous memory or a file) and
 * unmapped again and again.
 *
 * Detection: every successful mmap is remembered by pid and address; a
 * munmap of exactly that address and length closes a map+unmap cycle, counted
 * per process, length and kind (anonymous, or the file's path). A finding needs at
 * least 50 cycles of one size (times the threshold factor): mapping a large
 * file once, or a few buffers over a run, is not churn. (A mapping unmapped
 * by another thread than the one that made it is not seen.)
 *
 * Fix: keep the mapping and reuse it (a buffer pool), or let malloc serve
 * blocks of that size from its heap by setting M_MMAP_THRESHOLD above it
 * (mallopt, or MALLOC_MMAP_THRESHOLD_=...): glibc's threshold is 128 KiB and
 * only adapts up to 32 MiB.
 *
 * Estimate: each map+unmap pair after the first is wasted, at the calls'
 * median measured duration, at least one kernel crossing each
 * (adv_costs_total, rule_kit.h), plus the page
 * faults of the fresh pages a reused mapping would not take: at most one per
 * page of every wasted cycle, and no more than the run's page faults (shared
 * among the findings, largest sizes first), at the machine's page_fault_ns.
 * That fault share is an upper bound: the rule cannot see which pages were
 * touched. The saving is the same: a reused mapping costs no calls and no
 * fresh-page faults. The count is the mmap and munmap calls of every cycle. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../core/util.h"
#include "rule_kit.h"
#include "rule_list.h"

#define MIN_CYCLES 50
#define TRACKED_MAPS 16384	/* live mappings remembered at once */
#define TRACKED_SIZES 1024	/* size+kind keys with evidence */

struct live_map {
	pid_t pid;
	uint64_t len;
	double cost;		/* the mmap's */
	bool file;
	char *path;		/* the file's, or NULL */
	char *text;		/* kept while the evidence wants examples */
};

struct size_evidence {
	struct adv_evidence ev;
	uint64_t cycles;
};

struct churn_state {
	const struct adv_machine *m;
	uint64_t min_cycles;
	struct adv_fdnames names;
	struct adv_map live;	/* (pid, addr) -> struct live_map */
	struct adv_map sizes;	/* (len, file, path) -> struct size_evidence */
};

static void *churn_start(const struct adv_machine *m, double threshold)
{
	struct churn_state *s = sg_xcalloc(1, sizeof(*s));

	s->m = m;
	s->min_cycles = adv_scaled_min(MIN_CYCLES, threshold);
	adv_fdnames_init(&s->names);
	adv_map_init(&s->live, sizeof(struct live_map), TRACKED_MAPS);
	adv_map_init(&s->sizes, sizeof(struct size_evidence), TRACKED_SIZES);
	return s;
}

static void live_clear(struct live_map *l)
{
	free(l->path);
	free(l->text);
	memset(l, 0, sizeof(*l));
}

static struct size_evidence *evidence_of(struct churn_state *s, const struct live_map *l,
					 bool create)
{
	/* Per process: a new process mapping what the last one did (the loader's
	 * cache, each program's arenas) is not churn a program could avoid. */
	return adv_map_get(&s->sizes, l->len, (uint64_t)l->pid << 1 | l->file, l->path, create);
}

static void on_mmap(struct churn_state *s, const struct adv_call *c)
{
	uint64_t addr = (uint64_t)c->ret;
	struct live_map *l = adv_map_get(&s->live, (uint64_t)c->pid, addr, NULL, true);

	if (!l)
		return;
	live_clear(l);	/* a MAP_FIXED over an old one */
	l->pid = c->pid;
	l->len = (uint64_t)c->args[1];
	l->cost = adv_call_cost(s->m, c);
	l->file = !(c->args[3] & MAP_ANONYMOUS) && (int)c->args[4] >= 0;
	const char *path = l->file ? adv_fdnames_get(&s->names, c->pid, (int)c->args[4]) : NULL;
	l->path = path ? sg_xstrdup(path) : NULL;
	struct size_evidence *e = evidence_of(s, l, false);
	if (!e || !e->ev.examples[2])
		l->text = sg_xstrdup(adv_call_text(c));
}

static void on_munmap(struct churn_state *s, const struct adv_call *c)
{
	uint64_t addr = (uint64_t)c->args[0];
	struct live_map *l = adv_map_get(&s->live, (uint64_t)c->pid, addr, NULL, false);

	if (!l)
		return;
	struct size_evidence *e = l->len == (uint64_t)c->args[1] ? evidence_of(s, l, true) : NULL;
	if (e) {
		e->cycles++;
		e->ev.count += 2;
		if (e->cycles > 1) {
			adv_evidence_remove(&e->ev, l->cost);
			adv_evidence_remove(&e->ev, adv_call_cost(s->m, c));
		}
		if (l->text && !e->ev.examples[2]) {
			struct adv_call map = { .text = l->text };
			adv_evidence_note(&e->ev, &map);
		}
		adv_evidence_note(&e->ev, c);
	}
	live_clear(l);
	adv_map_remove(&s->live, (uint64_t)c->pid, addr, NULL);
}

static void churn_feed(void *st, const struct adv_call *c)
{
	struct churn_state *s = st;

	adv_fdnames_feed(&s->names, c);
	if (c->failed)
		return;
	if (c->nr == SYS_mmap)
		on_mmap(s, c);
	else if (c->nr == SYS_munmap)
		on_munmap(s, c);
}

/* Fresh-page faults of the wasted cycles, out of what the run has left. */
static double fault_share(const struct size_evidence *e, uint64_t len, int64_t *budget)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t pages = (len + (uint64_t)page - 1) / (uint64_t)page;
	uint64_t want = (e->cycles - 1) * pages;

	if (*budget <= 0)
		return 0;
	uint64_t got = want < (uint64_t)*budget ? want : (uint64_t)*budget;
	*budget -= (int64_t)got;
	return (double)got;
}

static void report_size(struct churn_state *s, struct size_evidence *e,
			const struct adv_map_entry *k, int64_t *budget, struct adv_report *r)
{
	double faults = fault_share(e, k->k1, budget);
	double ns = adv_evidence_waste(&e->ev, s->m->null_syscall_ns) + faults * s->m->page_fault_ns;
	unsigned long long kib = (unsigned long long)(k->k1 / 1024);

	e->ev.wasted_ns = ns;
	e->ev.saving_ns = ns;
	char *what = k->str ? adv_strf("%llu mmap+munmap cycles of %llu KiB of %s",
				       (unsigned long long)e->cycles, kib, k->str)
		   : adv_strf("%llu mmap+munmap cycles of %llu KiB (%s)",
			      (unsigned long long)e->cycles, kib, k->k2 ? "a file" : "anonymous");
	adv_evidence_report(&e->ev, &adv_rule_mmap_churn, what, r);
}

static void churn_finish(void *st, const struct adv_run *run, struct adv_report *r)
{
	struct churn_state *s = st;
	int64_t budget = run ? run->page_faults : -1;

	/* Largest sizes first: they take the most faults per cycle. */
	for (;;) {
		struct size_evidence *best = NULL;
		const struct adv_map_entry *best_k = NULL, *k;
		for (size_t i = 0; i < s->sizes.n; i++) {
			struct size_evidence *e = adv_map_at(&s->sizes, i, &k);
			if (e && e->cycles >= s->min_cycles && (!best || k->k1 > best_k->k1)) {
				best = e;
				best_k = k;
			}
		}
		if (!best)
			break;
		report_size(s, best, best_k, &budget, r);
		best->cycles = 0;	/* reported */
	}
}

static void drop_live(void *v)
{
	live_clear(v);
}

static void drop_size(void *v)
{
	adv_evidence_free(&((struct size_evidence *)v)->ev);
}

static void churn_stop(void *st)
{
	struct churn_state *s = st;

	adv_fdnames_free(&s->names);
	adv_map_free(&s->live, drop_live);
	adv_map_free(&s->sizes, drop_size);
	free(s);
}

const struct adv_rule adv_rule_mmap_churn = {
	.id = "mmap-churn",
	.fix = "Keep the mapping and reuse it, or raise malloc's M_MMAP_THRESHOLD above this size "
	       "so such blocks come from the heap.",
	.start = churn_start,
	.feed = churn_feed,
	.finish = churn_finish,
	.stop = churn_stop,
};
