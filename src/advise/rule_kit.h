/* Pieces the advise rules share, all of them: what a call cost, a bounded
 * table keyed by pid+fd or by a string, the names of open descriptors, and the
 * evidence a finding is built from (counts, costs, the commonest site, a few
 * examples). Internal to src/advise. */
#ifndef SG_ADVISE_RULE_KIT_H
#define SG_ADVISE_RULE_KIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules.h"

/* What a call cost: its measured duration, or one kernel crossing when it was
 * not measured. */
double adv_call_cost(const struct adv_machine *m, const struct adv_call *c);

/* The typical cost of a group of calls. Summing measured durations lets a few
 * calls that were descheduled mid-way (a loaded machine, a tracer's stop)
 * dominate: under the sud backend on a loaded 2-CPU machine, lseek's median
 * was 1 us and its mean 21-31 us, while a native run showed pread saving
 * 3.2 us per lseek (the null syscall: 3.0 us). So the total of a group is its
 * count times its median duration, and never less than a kernel crossing per
 * call (which a duration taken inside the kernel or a handler leaves out).
 * Durations go into a log histogram (2 buckets an octave) that remembers
 * each bucket's sum, so equal durations give their exact value. */
#define ADV_COST_BUCKETS 96
struct adv_costs {
	uint64_t n;
	uint32_t count[ADV_COST_BUCKETS];
	double sum[ADV_COST_BUCKETS];
};

/* One call of the group: ns is its cost (adv_call_cost, or a part of it). */
void adv_costs_add(struct adv_costs *k, double ns);
/* The group's median cost of a call (0 when empty). */
double adv_costs_median(const struct adv_costs *k);
/* n calls at the group's typical cost: n x max(median, floor_ns). */
double adv_costs_total(const struct adv_costs *k, uint64_t n, double floor_ns);

/* The threshold factor a rule was started with: anything not positive is 1. */
double adv_factor(double threshold);
/* base minimum scaled by the factor, never below 1. */
uint64_t adv_scaled_min(uint64_t base, double threshold);

/* A hash table of fixed-size values keyed by two integers and an optional
 * string (copied). It holds at most max entries: past that, new keys are not
 * added, so a rule's memory stays bounded however long the run. */
struct adv_map_entry {
	uint64_t k1, k2;
	char *str;
	uint32_t hash;
	int32_t next;		/* next entry of the bucket, or of the free list */
	bool used;
};

struct adv_map {
	struct adv_map_entry *e;
	unsigned char *values;
	size_t value_size;	/* rounded up for alignment */
	size_t n, cap, max;	/* entries ever made, allocated, allowed */
	int32_t *buckets;
	size_t nbuckets;	/* a power of two, grown with the entries */
	int32_t free_head;
	size_t live;
	/* The last two keys found: a program's calls come back to the same one
	 * or two descriptors (its input, its output), each looked up by rule
	 * after rule. -1: none. */
	int32_t recent[2];
	/* ...and the last two integer keys found absent, until a key is added:
	 * most lookups of a read's fd in a table of written fds miss. */
	uint64_t missed[2][2];
	int nmissed;
};

void adv_map_init(struct adv_map *m, size_t value_size, size_t max_entries);
/* The value of the key; with create, made (zeroed) when absent. NULL when
 * absent, or when the table is full. */
void *adv_map_get(struct adv_map *m, uint64_t k1, uint64_t k2, const char *str, bool create);
/* Forget the key (its value is dropped without a destructor: clean it first). */
void adv_map_remove(struct adv_map *m, uint64_t k1, uint64_t k2, const char *str);
/* Walk the live entries: i from 0 to m->n; NULL for a slot not in use. */
void *adv_map_at(const struct adv_map *m, size_t i, const struct adv_map_entry **key);
/* Free the table; drop (if not NULL) is called on every live value first. */
void adv_map_free(struct adv_map *m, void (*drop)(void *value));

/* The path each descriptor was opened with, per pid: open, openat, openat2
 * and creat add, dup2/dup3/dup/fcntl(F_DUPFD) copy, close forgets. */
struct adv_fdnames {
	struct adv_map map;	/* (pid, fd) -> char * */
};

void adv_fdnames_init(struct adv_fdnames *f);
void adv_fdnames_feed(struct adv_fdnames *f, const struct adv_call *c);
/* The path, or NULL (not seen opened: a pipe, a socket, inherited). */
const char *adv_fdnames_get(struct adv_fdnames *f, pid_t pid, int fd);
void adv_fdnames_free(struct adv_fdnames *f);

/* The sites a finding's calls came from, with how many each; the most
 * frequent names the finding. Sites past the first 16 different ones are not
 * told apart. */
struct adv_sites {
	char *site[16];
	uint64_t n[16];
	int used;
};

/* Everything a finding says, gathered while the calls go by. */
struct adv_evidence {
	uint64_t count;		/* calls involved */
	double wasted_ns, saving_ns;	/* set by the rule at its finish */
	struct adv_costs removed;	/* the calls a fix would remove */
	struct adv_sites sites;
	char *examples[3];	/* copies of c->text */
	bool example_no_data[3]; /* ...of a call recorded without its buffers */
};

/* One call (or session) a fix would remove, costing ns. */
void adv_evidence_remove(struct adv_evidence *ev, double ns);
/* What the removed calls cost: their count at their typical cost, at least
 * floor_ns each (adv_costs_total). */
double adv_evidence_waste(const struct adv_evidence *ev, double floor_ns);

/* Count the call's site and keep its text (its name when it has none) as an
 * example while fewer than 3, cut at 160 characters. A call with its buffers
 * takes the place of one without (c->no_data), whose text shows pointers. */
void adv_evidence_note(struct adv_evidence *ev, const struct adv_call *c);
/* Add a finding made of ev to r (ev's examples and its commonest site move
 * into it, what, malloc'ed, is taken over); ev is left empty. */
void adv_evidence_report(struct adv_evidence *ev, const struct adv_rule *rule, char *what,
			 struct adv_report *r);
void adv_evidence_free(struct adv_evidence *ev);

/* A finding made of several groups' evidence (enoent-storm's names,
 * repeated-stat's files): their removed calls together, and the group with
 * the most calls, whose commonest site and examples the finding shows. */
struct adv_merged {
	struct adv_costs removed;
	uint64_t groups;
	struct adv_evidence *top;
	const struct adv_map_entry *top_key;
};

void adv_merged_add(struct adv_merged *g, struct adv_evidence *ev,
		    const struct adv_map_entry *key);
/* Add the finding to r: the groups' removed calls, wasted and saved at their
 * count times their median cost, at least floor_ns each (adv_costs_total);
 * the top group's site and examples. */
void adv_merged_report(struct adv_merged *g, double floor_ns, const struct adv_rule *rule,
		       char *what, struct adv_report *r);

/* A malloc'ed printf. */
char *adv_strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* True for the zero-timeout forms of the poll family, read from the registers
 * (poll, epoll_wait, epoll_pwait) or from the call's text (ppoll, select,
 * pselect6, epoll_pwait2 pass their timeout by pointer). is_poll tells
 * whether the call is of the family at all. */
bool adv_poll_zero_timeout(const struct adv_call *c, bool *is_poll);

#endif
