/* sysgate advise's rules: each watches the calls of a run go by and reports
 * the waste it found. Internal to src/advise. */
#ifndef SG_ADVISE_RULES_H
#define SG_ADVISE_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* One finished call as the rules see it, whether it came from a live run or
 * from a recorded JSON Lines trace. Strings live until the call is handed on:
 * a rule copies what it keeps. */
struct adv_call {
	pid_t pid;
	long nr;		/* syscall number on x86_64 */
	const char *name;	/* its name ("read") */
	int64_t ret;		/* the result; -errno when failed */
	bool failed;
	uint64_t time_ns;	/* wall clock when it returned */
	uint64_t dur_ns;	/* entry to exit as measured, 0: unknown */
	int nargs;
	int64_t args[6];	/* the registers, in the table's order */
	/* The arguments rules ask about, by their names in the syscall table
	 * ("fd", "count", "pathname", "len", "timeout"...); -1 / NULL if absent. */
	int fd;
	int64_t bytes;		/* count, len, size, vlen's bytes: what was asked for */
	const char *path;	/* pathname, filename, path (the string) */
	/* The call as `sysgate trace` prints it, for examples. Formatting it
	 * costs more than a rule's look at the call, and few calls are kept, so
	 * a live run makes it only for the calls whose text a rule keeps past
	 * the call (lseek, the opens, mmap, the stat family: see live.c); for
	 * the others it is NULL and adv_call_text() makes it on demand. */
	const char *text;
	const char *site;	/* "FUNCTION+0xOFF (OBJECT)" or "0xIP (OBJECT)", NULL */
	/* How adv_call_text() makes the text while the call is fed (NULL: the
	 * call has none but its name). */
	const char *(*make_text)(const struct adv_call *c);
	void *text_ctx;
};

/* c->text, made now if it was not (valid until the call is handed on), or the
 * call's name when it has no text. */
const char *adv_call_text(const struct adv_call *c);

/* What the machine charges (measured, see cost.c). */
struct adv_machine {
	double null_syscall_ns;	/* one kernel crossing: the null-syscall rung */
	double page_fault_ns;	/* one minor fault: the fault rung */
	double vdso_clock_ns;	/* clock_gettime through the vDSO: the vdso rung */
};

/* The whole run, known at its end. */
struct adv_run {
	uint64_t calls;		/* syscalls seen */
	int64_t page_faults;	/* minor + major, -1: not counted */
	int64_t major_faults;	/* -1: not counted */
	double wall_ns;		/* the run's duration */
};

struct adv_finding {
	const char *rule;	/* the rule's id */
	uint64_t count;		/* calls involved */
	double wasted_ns;	/* time those calls cost that a fix would not */
	double saving_ns;	/* what the fix would save */
	char *what;		/* one line: "4096 reads of 1 byte on fd 3 (/etc/passwd)" */
	char *site;		/* where the calls come from, or NULL */
	char *examples[3];	/* up to 3 calls as trace prints them; unused: NULL */
	const char *fix;	/* the rule's fix, one sentence */
};

/* Where findings go (report.c). adv_report_add takes ownership of f's
 * strings (what, site, examples: malloc'ed, or NULL). */
struct adv_report {
	struct adv_finding *v;
	size_t n, cap;
};
void adv_report_add(struct adv_report *r, struct adv_finding *f);
/* Most wasted time first; ties by rule id, so a report reads the same twice. */
void adv_report_sort(struct adv_report *r);
void adv_report_free(struct adv_report *r);

/* A rule: start() for a run, feed() every call in the order they returned,
 * finish() adds its findings (those above the threshold) to the report. */
struct adv_rule {
	const char *id;		/* "tiny-io": stable, documented in docs/advise.md */
	const char *fix;
	void *(*start)(const struct adv_machine *m, double threshold);
	void (*feed)(void *st, const struct adv_call *c);
	void (*finish)(void *st, const struct adv_run *run, struct adv_report *r);
	void (*stop)(void *st);
};

/* ---- helpers rules share (util.c, table.c) ---- */

/* Keep c as an example in the first free slot of ex (its text cut to 160
 * characters); nothing when all three are taken. */
void adv_keep_example(char *ex[3], const struct adv_call *c);
/* A call's time as measured, or one crossing when it was not. */
double adv_call_ns(const struct adv_call *c, const struct adv_machine *m);
/* A rule's minimum count scaled by --threshold (at least 1). */
uint64_t adv_scaled(double threshold, double minimum);

/* The sites a rule's calls came from, with how many each; the most frequent
 * names a finding. Sites past the first 16 different ones are not told apart. */
struct adv_sites {
	char *site[16];
	uint64_t n[16];
	int used;
};
void adv_sites_add(struct adv_sites *s, const char *site);
/* The most frequent, copied (NULL: none known). */
char *adv_sites_top(const struct adv_sites *s);
void adv_sites_free(struct adv_sites *s);

/* A rule's finding into r: its site the commonest of sites, its examples
 * taken out of ex (left NULL), what taken (malloc'ed). */
void adv_report_finding(struct adv_report *r, const struct adv_rule *rule, uint64_t count,
			double wasted_ns, double saving_ns, char *what,
			const struct adv_sites *sites, char *ex[3]);

/* A table from strings to blocks of a rule's own data, zeroed when new. */
struct adv_table {
	struct adv_slot { char *key; void *data; } *slots;
	size_t n, cap;
};
void *adv_table_get(struct adv_table *t, const char *key, size_t size);
void *adv_table_find(const struct adv_table *t, const char *key);
/* f for every entry, in no particular order. */
void adv_table_each(struct adv_table *t, void (*f)(void *ctx, const char *key, void *data),
		    void *ctx);
/* Frees the keys and blocks (not what the blocks point to: each them first). */
void adv_table_free(struct adv_table *t);

/* Every rule, NULL-ended (rules.c lists them; one file per rule). */
extern const struct adv_rule *const adv_rules[];

#endif
