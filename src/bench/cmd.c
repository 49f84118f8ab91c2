/* sysgate bench: options, running the ladder, reporting it. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "bench_int.h"
#include "core/output.h"
#include "core/util.h"

static const char usage[] =
	"usage: sysgate bench [--quick] [--only NAME,...] [--json FILE] [--svg FILE]\n"
	"                     [--compare OLD.json] [--list]\n"
	"\n"
	"Measure the price of each protection boundary on this machine, one ladder in one\n"
	"run: function call, vDSO, syscall, seccomp, interception, page fault, signal,\n"
	"IPC, OS structures. Each rung is timed with the TSC, pinned to a CPU; the table\n"
	"shows median, p99, coefficient of variation and the cost in function calls.\n"
	"\n"
	"  --quick           a shorter run (about 10 s instead of about 60 s)\n"
	"  --only NAMES      run only these rungs (see --list)\n"
	"  --json FILE       also write the results as JSON ('-' for stdout)\n"
	"  --svg FILE        also draw the ladder as an SVG bar chart\n"
	"  --compare FILE    print the change per rung against an earlier --json file\n"
	"  --list            list the rungs\n";

struct bench_opts {
	struct bench_cfg cfg;
	const char *only, *json, *svg, *compare;
	bool list;
};

static void parse(int argc, char **argv, struct bench_opts *o)
{
	static const struct option longopts[] = {
		{ "quick", no_argument, NULL, 'q' },	  { "only", required_argument, NULL, 'O' },
		{ "json", required_argument, NULL, 'j' }, { "svg", required_argument, NULL, 's' },
		{ "compare", required_argument, NULL, 'c' }, { "list", no_argument, NULL, 'l' },
		{ "smoke", no_argument, NULL, 'S' },	  { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'q': o->cfg.quick = true; break;
		case 'O': o->only = optarg; break;
		case 'j': o->json = optarg; break;
		case 's': o->svg = optarg; break;
		case 'c': o->compare = optarg; break;
		case 'l': o->list = true; break;
		case 'S': o->cfg.smoke = true; break; /* tests: tiny counts, sanity only */
		case 'h': fputs(usage, stdout); exit(0);
		default: sg_getopt_error("bench", c, argv);
		}
	}
	if (optind < argc)
		sg_usage_error("bench", "unexpected argument '%s'; see 'sysgate help bench'",
			       argv[optind]);
}

static bool selected(const char *only, const char *name)
{
	if (!only)
		return true;
	size_t len = strlen(name);
	for (const char *p = only; *p;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == len && strncmp(p, name, n) == 0)
			return true;
		p += n + (comma ? 1 : 0);
	}
	return false;
}

/* Every name in --only must exist: a typo should not silently measure nothing. */
static void check_only(const char *only, const struct bench_rung *const *all, size_t n)
{
	char *copy = sg_xstrdup(only), *save = NULL;

	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		bool found = false;
		for (size_t i = 0; i < n && !found; i++)
			found = strcmp(all[i]->name, tok) == 0;
		if (!found)
			sg_usage_error("bench", "unknown rung '%s'; 'sysgate bench --list' shows them",
				       tok);
	}
	free(copy);
}

/* How far the run is, on stderr: on a terminal one line rewritten ("rung 3/35,
 * ~40 s left: LABEL"), else a line per rung done, for a log. */
static void progress(size_t done, size_t total, unsigned long long start_ns, const char *label)
{
	double spent = (double)(sg_now_ns() - start_ns) / 1e9;
	double left = done ? spent / (double)done * (double)(total - done) : 0;

	if (isatty(2))
		fprintf(stderr, "\rrung %zu/%zu, ~%.0f s left: %-40.40s", done + 1 <= total ? done + 1 : total,
			total, left, label);
	else
		fprintf(stderr, "sysgate bench: rung %zu/%zu done (%s), %.1f s so far, ~%.0f s left\n",
			done, total, label, spent, left);
}

static void run_rungs(struct bench_opts *o, struct bench_run *run)
{
	size_t n, total = 0, done = 0;
	const struct bench_rung *const *all = bench_all_rungs(&n);
	unsigned long long start = sg_now_ns();

	for (size_t i = 0; i < n; i++)
		total += selected(o->only, all[i]->name);
	run->rows = sg_xcalloc(n ? n : 1, sizeof(*run->rows));
	for (size_t i = 0; i < n; i++) {
		const struct bench_rung *rung = all[i];
		if (!selected(o->only, rung->name))
			continue;
		struct bench_row *row = &run->rows[run->n++];
		row->rung = rung;
		snprintf(row->name, sizeof(row->name), "%s", rung->name);
		snprintf(row->group, sizeof(row->group), "%s", rung->group);
		snprintf(row->label, sizeof(row->label), "%s", rung->label);
		row->r.crossings = -1;
		if (isatty(2))
			progress(done, total, start, row->label);
		bench_pin(o->cfg.cpu);
		row->rc = rung->run(&o->cfg, &row->r);
		if (row->rc != 0 && row->rc != BENCH_SKIP && !row->r.note[0])
			snprintf(row->r.note, sizeof(row->r.note), "failed: %s", strerror(-row->rc));
		if (!isatty(2))
			progress(++done, total, start, row->label);
		else
			done++;
	}
	if (isatty(2))
		fprintf(stderr, "\r%-80s\r", "");
}

static void list_rungs(void)
{
	size_t n;
	const struct bench_rung *const *all = bench_all_rungs(&n);

	for (size_t i = 0; i < n; i++)
		printf("%-20s %-10s %s\n", all[i]->name, all[i]->group, all[i]->label);
}

/* An output file, opened before anything is measured: a path that cannot be
 * written fails at once, not after a minute of measuring. */
struct bench_out {
	const char *path;
	FILE *f;
	char *tmp;
};

static void out_open(struct bench_out *out, const char *path)
{
	*out = (struct bench_out){ .path = path };
	if (!path)
		return;
	out->f = strcmp(path, "-") == 0 ? stdout : sg_atomic_open(path, &out->tmp);
	if (!out->f)
		sg_die("bench: cannot write '%s': %s", path, strerror(errno));
}

/* Commit the file when the report went into it whole; else drop it. */
static int out_close(struct bench_out *out, int report_rc)
{
	if (!out->f || out->f == stdout)
		return report_rc;
	if (report_rc < 0) {
		sg_atomic_abort(out->f, out->tmp);
		if (report_rc == -EINVAL)
			return sg_error("bench: '%s' not written: the function-call rung, the "
					"chart's unit, did not run", out->path);
		return sg_error("bench: cannot write '%s': %s", out->path, strerror(-report_rc));
	}
	return sg_atomic_commit(out->f, out->path, out->tmp);
}

int sg_cmd_bench(int argc, char **argv)
{
	struct bench_out json, svg;
	struct bench_opts o;
	struct bench_run run = { 0 }, old = { 0 };
	size_t n;
	int rc = 0;

	parse(argc, argv, &o);
	if (o.list) {
		list_rungs();
		return 0;
	}
	const struct bench_rung *const *all = bench_all_rungs(&n);
	if (o.only)
		check_only(o.only, all, n);
	if (o.svg && !selected(o.only, "call"))
		sg_usage_error("bench", "--svg needs the function-call rung, the chart's unit; "
				       "add 'call' to --only");
	if (o.compare && bench_load_json(o.compare, &old) < 0)
		return 1;
	out_open(&json, o.json);
	out_open(&svg, o.svg);
	if (bench_tsc_calibrate() < 0)
		sg_die("cannot calibrate the TSC against CLOCK_MONOTONIC_RAW");
	bench_pick_cpus(&o.cfg.cpu, &o.cfg.other_cpu);
	o.cfg.samples = o.cfg.quick ? 15 : 31;
	o.cfg.target_ms = o.cfg.quick ? 150 : 1000;
	bench_env_read(&run.env);
	run.quick = o.cfg.quick;
	run_rungs(&o, &run);
	/* With the JSON on stdout, the table goes to stderr: stdout stays JSON. */
	FILE *table = json.f == stdout ? stderr : stdout;
	bench_report_table(&run, table);
	if (o.compare)
		bench_report_compare(&run, &old, table);
	if (json.f && out_close(&json, bench_report_json(&run, json.f)) < 0)
		rc = 1;
	if (svg.f && out_close(&svg, bench_report_svg(&run, svg.f)) < 0)
		rc = 1;
	free(run.rows);
	free(old.rows);
	return rc;
}
