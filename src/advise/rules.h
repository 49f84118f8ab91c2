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
	 * a live run leaves it NULL: rules read it through adv_call_text(),
	 * which makes it on demand. */
	const char *text;
	const char *site;	/* "FUNCTION+0xOFF (OBJECT)" or "0xIP (OBJECT)", NULL */
	bool no_data;		/* recorded without its buffers: its text shows pointers */
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

/* Every rule, NULL-ended (rules.c lists them; one file per rule). */
extern const struct adv_rule *const adv_rules[];

#endif
