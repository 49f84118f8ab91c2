/* Internal to src/advise: the pipeline around the rules (rules.h). Calls come
 * from a live run (live.c) or a recorded JSON Lines trace (jsonl.c), go through
 * one session (session.c) to every rule, and the findings are written as text or
 * JSON Lines (write.c). Only cmd.c prints to the terminal or exits. */
#ifndef SG_ADVISE_ADVISE_INT_H
#define SG_ADVISE_ADVISE_INT_H

#include <stdbool.h>
#include <stdio.h>

#include "rules.h"

/* ---- session.c: every rule over one run's calls ---- */

struct adv_session {
	const struct adv_machine *machine;
	void **states; /* one per rule of adv_rules */
	struct adv_run run;
	uint64_t first_ns, last_ns; /* wall clock of the first and last call */
	/* ptrace-timed calls: the least duration seen, the tracer's stops and
	 * one crossing (see adv_session_feed). */
	double least_stopped_ns;
};

void adv_session_start(struct adv_session *s, const struct adv_machine *m, double threshold);
/* stopped: c->dur_ns was taken between ptrace stops (corrected here). */
void adv_session_feed(struct adv_session *s, struct adv_call *c, bool stopped);
/* page_faults, major: of the whole run, or -1. The findings go into r. */
void adv_session_finish(struct adv_session *s, int64_t page_faults, int64_t major,
			struct adv_report *r);

/* ---- site.c: where a call was made, from its stack ---- */

/* One frame, innermost first, as trace -k gives it (live or in JSON). */
struct adv_frame {
	const char *object;
	const char *function; /* NULL: no symbol */
	uint64_t function_offset;
	uint64_t offset;
};
/* "function+0xOFF (object)" or "0xOFF (object)" of the innermost frame outside
 * libc, the dynamic loader and sysgate's agent (the innermost frame when all
 * are); malloc'ed, or NULL for no frames. */
char *adv_site(const struct adv_frame *f, int n);

/* ---- calls.c: what both sources share ---- */

/* Set c->fd, c->bytes, c->path from an argument named as in the syscall table. */
void adv_call_arg(struct adv_call *c, const char *name, int64_t num, const char *str);
/* The same in two steps, the first done once per argument of the table. */
enum adv_arg_role { ADV_ARG_OTHER = 1, ADV_ARG_FD, ADV_ARG_BYTES, ADV_ARG_PATH };
enum adv_arg_role adv_arg_role(const char *name);
void adv_call_arg_as(struct adv_call *c, enum adv_arg_role role, int64_t num, const char *str);
/* Before the arguments: the fields a call without them keeps. */
void adv_call_init(struct adv_call *c);

/* ---- live.c: run a command under a trace backend ---- */

struct adv_live {
	const char *backend;
	bool stacks;
	bool allow_page0;
};
/* Every finished call of cmd and its children into s; page faults counted.
 * Returns the command's exit status (trace's, see sg_trace_observe). */
int adv_live_run(char **cmd, const struct adv_live *o, struct adv_session *s,
		 int64_t *page_faults, int64_t *major_faults);

/* ---- jsonl.c: a trace recorded with sysgate trace --json ---- */

/* Every call of the file into s. 0, or -1 with a line for the user in err. */
int adv_jsonl_read(FILE *f, const char *name, struct adv_session *s, char *err, size_t errlen);

/* ---- cost.c: what this machine charges ---- */

/* From the cache file (keyed by boot, CPU model and kernel), else measured
 * with bench's rungs and cached. 0, or -errno (no TSC: not measurable). */
int adv_machine_cost(struct adv_machine *m);

/* ---- write.c: the report ---- */

struct adv_summary {
	uint64_t calls;
	const char *source; /* "backend rewrite", "trace x.jsonl" */
	const struct adv_machine *machine;
};
void adv_write_text(FILE *f, const struct adv_report *r, const struct adv_summary *s);
void adv_write_json(FILE *f, const struct adv_report *r);

#endif
