/* -c: count calls, errors and time per syscall, printed like strace's summary. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "trace_int.h"

struct row {
	unsigned long calls, errors;
	unsigned long long ns, min_ns, max_ns;
};

struct trace_summary {
	struct row rows[SG_NR_SYSCALLS];
};

struct trace_summary *summary_new(void)
{
	return sg_xcalloc(1, sizeof(struct trace_summary));
}

/* Calls counted together (in the program, by the in-process backends): their
 * shortest and longest are not known, only their mean, which stands for both. */
void summary_add_counts(struct trace_summary *s, long nr, unsigned long calls,
			unsigned long errors, unsigned long long ns)
{
	if (nr < 0 || nr >= SG_NR_SYSCALLS || !calls)
		return;
	struct row *r = &s->rows[nr];
	unsigned long long mean = ns / calls;
	if (!r->calls || mean < r->min_ns)
		r->min_ns = mean;
	if (mean > r->max_ns)
		r->max_ns = mean;
	r->calls += calls;
	r->errors += errors;
	r->ns += ns;
}

void summary_add(struct trace_summary *s, long nr, bool failed, unsigned long long ns)
{
	summary_add_counts(s, nr, 1, failed, ns);
}

static const struct trace_summary *sort_ctx;
static enum summary_sort sort_key;

static int descending(unsigned long long a, unsigned long long b)
{
	return a == b ? 0 : a < b ? 1 : -1;
}

/* -S: by time (strace's default), calls, errors, name, number ("nothing"), or
 * shortest, longest, mean call; ties by calls, then by number. */
static int by_key(const void *a, const void *b)
{
	int na = *(const int *)a, nb = *(const int *)b;
	const struct row *ra = &sort_ctx->rows[na], *rb = &sort_ctx->rows[nb];
	int c = 0;

	switch (sort_key) {
	case SUMMARY_BY_TIME: c = descending(ra->ns, rb->ns); break;
	case SUMMARY_BY_CALLS: break;
	case SUMMARY_BY_ERRORS: c = descending(ra->errors, rb->errors); break;
	case SUMMARY_BY_NAME: c = strcmp(sg_syscall(na)->name, sg_syscall(nb)->name); break;
	case SUMMARY_BY_NUMBER: return na - nb;
	case SUMMARY_BY_MIN_TIME: c = descending(ra->min_ns, rb->min_ns); break;
	case SUMMARY_BY_MAX_TIME: c = descending(ra->max_ns, rb->max_ns); break;
	case SUMMARY_BY_AVG_TIME: c = descending(ra->ns / ra->calls, rb->ns / rb->calls); break;
	}
	if (!c)
		c = descending(ra->calls, rb->calls);
	return c ? c : na - nb;
}

/* strace's names for -S and -U, with their other spellings. */
static const struct { const char *name; int sort, column; } keys[] = {
	{ "time", SUMMARY_BY_TIME, COL_TOTAL },	     { "total-time", SUMMARY_BY_TIME, COL_TOTAL },
	{ "time-total", SUMMARY_BY_TIME, COL_TOTAL }, { "time-percent", SUMMARY_BY_TIME, COL_PERCENT },
	{ "percent", SUMMARY_BY_TIME, COL_PERCENT },  { "calls", SUMMARY_BY_CALLS, COL_CALLS },
	{ "count", SUMMARY_BY_CALLS, COL_CALLS },     { "errors", SUMMARY_BY_ERRORS, COL_ERRORS },
	{ "error", SUMMARY_BY_ERRORS, COL_ERRORS },   { "name", SUMMARY_BY_NAME, COL_NAME },
	{ "syscall", SUMMARY_BY_NAME, COL_NAME },     { "syscall-name", SUMMARY_BY_NAME, COL_NAME },
	{ "nothing", SUMMARY_BY_NUMBER, -1 },	      { "none", SUMMARY_BY_NUMBER, -1 },
	{ "min-time", SUMMARY_BY_MIN_TIME, COL_MIN }, { "shortest", SUMMARY_BY_MIN_TIME, COL_MIN },
	{ "time-min", SUMMARY_BY_MIN_TIME, COL_MIN }, { "max-time", SUMMARY_BY_MAX_TIME, COL_MAX },
	{ "longest", SUMMARY_BY_MAX_TIME, COL_MAX },  { "time-max", SUMMARY_BY_MAX_TIME, COL_MAX },
	{ "avg-time", SUMMARY_BY_AVG_TIME, COL_AVG }, { "time-avg", SUMMARY_BY_AVG_TIME, COL_AVG },
};

int summary_sort_by_name(const char *name, enum summary_sort *out)
{
	for (size_t i = 0; i < SG_ARRAY_SIZE(keys); i++)
		if (strcmp(name, keys[i].name) == 0) {
			*out = (enum summary_sort)keys[i].sort;
			return 0;
		}
	return -EINVAL;
}

int summary_columns_by_names(const char *list, struct summary_format *f)
{
	char *copy = sg_xstrdup(list), *save = NULL;
	int rc = 0;

	f->ncolumns = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
		size_t i = 0;
		while (i < SG_ARRAY_SIZE(keys) && (strcmp(tok, keys[i].name) != 0 || keys[i].column < 0))
			i++;
		if (i == SG_ARRAY_SIZE(keys) || f->ncolumns == COL_COUNT)
			rc = -EINVAL;
		else
			f->columns[f->ncolumns++] = (enum summary_column)keys[i].column;
	}
	free(copy);
	return rc;
}

/* A column: its title, its width, and how a row prints in it. */
static const struct { const char *title; int width; } columns[COL_COUNT] = {
	[COL_PERCENT] = { "% time", 6 },      [COL_TOTAL] = { "seconds", 11 },
	[COL_MIN] = { "shortest", 8 },	      [COL_MAX] = { "longest", 8 },
	[COL_AVG] = { "usecs/call", 11 },     [COL_CALLS] = { "calls", 9 },
	[COL_ERRORS] = { "errors", 9 },	      [COL_NAME] = { "syscall", 16 },
};

struct totals {
	unsigned long long ns, min_ns, max_ns;
	unsigned long calls, errors;
};

static void print_cell(FILE *fp, enum summary_column col, const struct row *r, const char *name,
		       const struct totals *all, bool last)
{
	unsigned long long avg = r->calls ? r->ns / r->calls : 0;

	switch (col) {
	case COL_PERCENT: fprintf(fp, "%6.2f", all->ns ? 100.0 * (double)r->ns / (double)all->ns : 0.0); break;
	case COL_TOTAL: fprintf(fp, "%11.6f", (double)r->ns / 1e9); break;
	case COL_MIN: fprintf(fp, "%8.6f", (double)r->min_ns / 1e9); break;
	case COL_MAX: fprintf(fp, "%8.6f", (double)r->max_ns / 1e9); break;
	case COL_AVG: fprintf(fp, "%11llu", avg / 1000ull); break;
	case COL_CALLS: fprintf(fp, "%9lu", r->calls); break;
	case COL_ERRORS:
		if (r->errors)
			fprintf(fp, "%9lu", r->errors);
		else
			fprintf(fp, "%9s", "");
		break;
	case COL_NAME: fprintf(fp, last ? "%s" : "%-16s", name); break;
	case COL_COUNT: break;
	}
}

static void print_header(FILE *fp, const struct summary_format *f)
{
	for (int i = 0; i < f->ncolumns; i++) {
		enum summary_column c = f->columns[i];
		bool last = i == f->ncolumns - 1;
		const char *sep = i ? " " : "";
		if (c == COL_NAME)
			fprintf(fp, last ? "%s%s" : "%s%-16s", sep, columns[c].title);
		else
			fprintf(fp, "%s%*s", sep, columns[c].width, columns[c].title);
	}
	fputc('\n', fp);
}

static void print_rule(FILE *fp, const struct summary_format *f)
{
	for (int i = 0; i < f->ncolumns; i++) {
		fputs(i ? " " : "", fp);
		for (int w = 0; w < columns[f->columns[i]].width; w++)
			fputc('-', fp);
	}
	fputc('\n', fp);
}

static void print_row(FILE *fp, const struct summary_format *f, const struct row *r,
		      const char *name, const struct totals *all, bool always_errors)
{
	for (int i = 0; i < f->ncolumns; i++) {
		fputs(i ? " " : "", fp);
		if (f->columns[i] == COL_ERRORS && always_errors)
			fprintf(fp, "%9lu", r->errors);
		else
			print_cell(fp, f->columns[i], r, name, all, i == f->ncolumns - 1);
	}
	fputc('\n', fp);
}

/* -O: what tracing added to each call, taken off (never below zero). */
static struct row less_overhead(const struct row *r, unsigned long long per_call)
{
	struct row out = *r;
	unsigned long long all = per_call * r->calls;

	out.ns = r->ns > all ? r->ns - all : 0;
	out.min_ns = r->min_ns > per_call ? r->min_ns - per_call : 0;
	out.max_ns = r->max_ns > per_call ? r->max_ns - per_call : 0;
	return out;
}

void summary_print(const struct trace_summary *s, const struct summary_format *fmt, FILE *fp)
{
	static const struct summary_format plain = {
		.columns = { COL_PERCENT, COL_TOTAL, COL_AVG, COL_CALLS, COL_ERRORS, COL_NAME },
		.ncolumns = 6,
	};
	struct summary_format f = fmt->ncolumns ? *fmt : plain;
	struct row rows[SG_NR_SYSCALLS];
	int order[SG_NR_SYSCALLS], n = 0;
	struct totals all = { .min_ns = ~0ull };
	struct trace_summary *adjusted = sg_xcalloc(1, sizeof(*adjusted));

	f.by = fmt->by;
	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++) {
		if (!s->rows[nr].calls)
			continue;
		rows[nr] = adjusted->rows[nr] = less_overhead(&s->rows[nr], fmt->overhead_ns);
		order[n++] = nr;
		all.ns += rows[nr].ns;
		all.calls += rows[nr].calls;
		all.errors += rows[nr].errors;
		all.min_ns = rows[nr].min_ns < all.min_ns ? rows[nr].min_ns : all.min_ns;
		all.max_ns = rows[nr].max_ns > all.max_ns ? rows[nr].max_ns : all.max_ns;
	}
	sort_ctx = adjusted;
	sort_key = f.by;
	qsort(order, (size_t)n, sizeof(order[0]), by_key);
	print_header(fp, &f);
	print_rule(fp, &f);
	for (int i = 0; i < n; i++) {
		const struct sg_syscall *sc = sg_syscall(order[i]);
		print_row(fp, &f, &rows[order[i]], sc ? sc->name : "?", &all, false);
	}
	print_rule(fp, &f);
	struct row total = { all.calls, all.errors, all.ns, n ? all.min_ns : 0, all.max_ns };
	print_row(fp, &f, &total, "total", &all, true);
	free(adjusted);
}

void summary_free(struct trace_summary *s)
{
	free(s);
}
