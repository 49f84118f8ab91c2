/* The ladder as a table: sorted by cost, in ns and in function calls. */
#include <stdlib.h>
#include <string.h>

#include "bench_int.h"
#include "core/util.h"

double bench_unit_ns(const struct bench_run *run)
{
	for (size_t i = 0; i < run->n; i++)
		if (strcmp(run->rows[i].name, "call") == 0 && run->rows[i].rc == 0)
			return run->rows[i].r.median_ns;
	return 0;
}

static int by_cost(const void *a, const void *b)
{
	const struct bench_row *x = a, *y = b;

	if ((x->rc == 0) != (y->rc == 0))
		return x->rc == 0 ? -1 : 1; /* skipped rows last */
	if (x->r.median_ns != y->r.median_ns)
		return x->r.median_ns < y->r.median_ns ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Only what costs something: the "Not affected" entries stay in the JSON. */
static void print_mitigations(const char *all, FILE *fp)
{
	char *copy = sg_xstrdup(all), *save = NULL;
	const char *sep = "";

	fputs("mitigations: ", fp);
	for (char *e = strtok_r(copy, ";", &save); e; e = strtok_r(NULL, ";", &save)) {
		while (*e == ' ')
			e++;
		if (strstr(e, "Not affected"))
			continue;
		fprintf(fp, "%s%s", sep, e);
		sep = "; ";
	}
	fputs(*sep ? "\n\n" : "none reported\n\n", fp);
	free(copy);
}

static void env_lines(const struct bench_env *e, FILE *fp)
{
	fprintf(fp, "cpu: %s (%d cores, TSC %.3f GHz%s)\n", e->cpu_model, e->cores, e->tsc_ghz,
		e->hypervisor ? ", under a hypervisor" : "");
	fprintf(fp, "kernel: %s, clocksource %s\n", e->kernel, e->clocksource);
	print_mitigations(e->mitigations, fp);
}

static void row_line(const struct bench_row *row, double unit, FILE *fp)
{
	if (row->rc != 0) {
		fprintf(fp, "%-46s %-20s %s\n", row->label, row->name,
			row->rc == BENCH_SKIP ? row->r.note : "failed");
		return;
	}
	char crossings[16] = "-", times[16] = "-"; /* "-": not counted, no unit measured */
	if (row->r.crossings >= 0)
		snprintf(crossings, sizeof(crossings), "%.1f", row->r.crossings);
	if (unit > 0)
		snprintf(times, sizeof(times), "%.1f", row->r.median_ns / unit);
	fprintf(fp, "%-46s %-20s %11.1f %11.1f %6.1f%% %11s %9s  %s\n", row->label, row->name,
		row->r.median_ns, row->r.p99_ns, row->r.cov * 100, times, crossings, row->r.note);
}

void bench_report_table(const struct bench_run *run, FILE *fp)
{
	struct bench_row *rows = sg_xcalloc(run->n, sizeof(*rows));
	double unit = bench_unit_ns(run);

	memcpy(rows, run->rows, run->n * sizeof(*rows));
	qsort(rows, run->n, sizeof(*rows), by_cost);
	env_lines(&run->env, fp);
	fprintf(fp, "%-46s %-20s %11s %11s %7s %11s %9s  %s\n", "rung", "name", "median ns",
		"p99 ns", "CoV", "x fn call", "crossings", "note");
	for (size_t i = 0; i < run->n; i++)
		row_line(&rows[i], unit, fp);
	free(rows);
}

void bench_report_compare(const struct bench_run *now, const struct bench_run *old, FILE *fp)
{
	fprintf(fp, "\n%-20s %11s %11s %8s\n", "name", "old ns", "new ns", "change");
	for (size_t i = 0; i < now->n; i++) {
		const struct bench_row *n = &now->rows[i];
		for (size_t j = 0; j < old->n; j++) {
			const struct bench_row *o = &old->rows[j];
			if (strcmp(o->name, n->name) != 0 || n->rc || o->rc || o->r.median_ns <= 0)
				continue;
			fprintf(fp, "%-20s %11.1f %11.1f %+7.1f%%\n", n->name, o->r.median_ns,
				n->r.median_ns, 100.0 * (n->r.median_ns / o->r.median_ns - 1));
		}
	}
}
