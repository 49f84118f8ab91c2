/* sysgate advise: options, the run, the report. The only file of src/advise
 * that prints to the terminal or exits. */
#include "advise.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "advise_int.h"
#include "core/output.h"
#include "core/util.h"
#include "trace/trace.h"

struct advise_opts {
	const char *backend;
	bool json;
	const char *out;
	double threshold;
	const char *from;
	bool stacks;
	bool allow_page0;
	char **cmd;
};

static const char usage_text[] =
	"usage: sysgate advise [options] [--] CMD [ARGS]\n"
	"       sysgate advise [options] --from TRACE.jsonl\n"
	"\n"
	"Run CMD and its children (or read a trace recorded with sysgate trace --json) and\n"
	"report the syscall anti-patterns found, the costliest first: rule, count, the time\n"
	"they cost here and what the fix saves, the code site, examples and the fix.\n"
	"  --backend B      auto (default: the fastest that can trace CMD, ptrace as the\n"
	"                   fallback), rewrite, sud or ptrace\n"
	"  --json           JSON Lines: one finding an object (rule, count, est_wasted_ns,\n"
	"                   est_saving_ns, site, what, examples, fix)\n"
	"  -o FILE          write the report to FILE (whole, or not at all)\n"
	"  --threshold X    multiply every rule's minimum counts by X (default 1; 0.5 finds\n"
	"                   more, 4 only the worst)\n"
	"  --from FILE      read the calls from a trace (sysgate trace --json -k -f -o FILE\n"
	"                   -- CMD), '-' for stdin, instead of running CMD\n"
	"  -k, --stack      code sites from the calls' stacks (the default): the first 32\n"
	"                   calls of each syscall in each thread are unwound, then one in\n"
	"                   256\n"
	"  --no-stack       no stacks, no sites: the cheapest run\n"
	"  --allow-page0    with rewrite: lower vm.mmap_min_addr for the run (restored)\n"
	"Rules: tiny-io, enoent-storm, repeated-stat, clock-syscall (docs/advise.md).\n"
	"Exit status: CMD's (0 with --from); 1 or 2 when advise itself failed.\n";

static double parse_threshold(const char *v)
{
	char *end;
	errno = 0;
	double x = strtod(v, &end);

	if (errno || end == v || *end || !(x > 0) || x > 1e6)
		sg_usage_error("advise", "invalid --threshold '%s' (a factor above 0: 0.5, 1, 4)", v);
	return x;
}

/* An option with a value: true when a was it (the value taken). */
static bool valued(const char *a, const char *name, int argc, char **argv, int *i,
		   const char **v)
{
	if (strcmp(a, name) != 0)
		return false;
	if (*i + 1 >= argc)
		sg_usage_error("advise", "option '%s' needs an argument", a);
	*v = argv[++*i];
	return true;
}

static bool parse_one(struct advise_opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *v;

	if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
		fputs(usage_text, stdout);
		exit(0);
	}
	if (strcmp(a, "--json") == 0)
		o->json = true;
	else if (strcmp(a, "-k") == 0 || strcmp(a, "--stack") == 0)
		o->stacks = true;
	else if (strcmp(a, "--no-stack") == 0)
		o->stacks = false;
	else if (strcmp(a, "--allow-page0") == 0)
		o->allow_page0 = true;
	else if (valued(a, "-o", argc, argv, i, &v))
		o->out = v;
	else if (valued(a, "--from", argc, argv, i, &v))
		o->from = v;
	else if (valued(a, "--threshold", argc, argv, i, &v))
		o->threshold = parse_threshold(v);
	else if (valued(a, "--backend", argc, argv, i, &v)) {
		if (!sg_trace_backend_known(v))
			sg_usage_error("advise", "unknown backend '%s' (auto, rewrite, sud or ptrace)", v);
		o->backend = v;
	} else
		return false;
	return true;
}

static void parse_opts(struct advise_opts *o, int argc, char **argv)
{
	int i = 1;

	*o = (struct advise_opts){ .backend = "auto", .threshold = 1, .stacks = true };
	for (; i < argc && argv[i][0] == '-' && strcmp(argv[i], "--") != 0; i++)
		if (!parse_one(o, argc, argv, &i))
			sg_usage_error("advise", "unknown option '%s'; see 'sysgate help advise'", argv[i]);
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	o->cmd = argv + i;
	if (o->from && o->cmd[0])
		sg_usage_error("advise", "--from reads a recorded trace: no command with it ('%s')",
			       o->cmd[0]);
	if (!o->from && !o->cmd[0])
		sg_usage_error("advise", "no command to run (sysgate advise [options] -- CMD, or "
			       "--from FILE)");
}

static int from_file(const struct advise_opts *o, struct adv_session *s)
{
	char err[512];
	FILE *f = strcmp(o->from, "-") == 0 ? stdin : fopen(o->from, "re");

	if (!f)
		sg_die("advise: cannot read '%s': %s", o->from, strerror(errno));
	int rc = adv_jsonl_read(f, o->from, s, err, sizeof(err));
	if (f != stdin)
		fclose(f);
	if (rc < 0)
		sg_die("advise: %s", err);
	return 0;
}

static void report(const struct advise_opts *o, FILE *f, const struct adv_report *r,
		   const struct adv_summary *sum)
{
	if (o->json)
		adv_write_json(f, r);
	else
		adv_write_text(f, r, sum);
}

int sg_cmd_advise(int argc, char **argv)
{
	struct advise_opts o;
	struct adv_machine m;
	struct adv_session s;
	struct adv_report r = { 0 };
	int64_t faults = -1, major = -1;
	char *tmp = NULL, source[256];
	FILE *out = stdout;
	int status = 0;

	parse_opts(&o, argc, argv);
	/* Opened first: a bad path fails before the run, and a run killed
	 * half-way leaves no file (output.h). */
	if (o.out && !(out = sg_atomic_open(o.out, &tmp)))
		sg_die("advise: cannot write '%s': %s", o.out, strerror(errno));
	int rc = adv_machine_cost(&m);
	if (rc < 0)
		sg_die("advise: cannot measure this machine's syscall cost: %s", strerror(-rc));
	adv_session_start(&s, &m, o.threshold);
	if (o.from) {
		status = from_file(&o, &s);
		snprintf(source, sizeof(source), "from %s", o.from);
	} else {
		struct adv_live live = { o.backend, o.stacks, o.allow_page0 };
		if (isatty(2)) /* for a person watching: what the run waits for */
			fprintf(stderr, "sysgate advise: running '%s' (backend %s); the report "
					"comes when it ends (Ctrl-C ends it)\n",
				o.cmd[0], o.backend);
		status = adv_live_run(o.cmd, &live, &s, &faults, &major);
		snprintf(source, sizeof(source), "%s, backend %s", o.cmd[0], o.backend);
	}
	uint64_t calls = s.run.calls;
	adv_session_finish(&s, faults, major, &r);
	struct adv_summary sum = { calls, source, &m };
	report(&o, out, &r, &sum);
	adv_report_free(&r);
	if (o.out && sg_atomic_commit(out, o.out, tmp) < 0)
		return 1;
	return status;
}
