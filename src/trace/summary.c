/* -c: count calls, errors and time per syscall, printed like strace's summary. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "trace_int.h"

struct row {
	unsigned long calls, errors;
	unsigned long long ns;
};

struct trace_summary {
	struct row rows[SG_NR_SYSCALLS];
};

struct trace_summary *summary_new(void)
{
	return sg_xcalloc(1, sizeof(struct trace_summary));
}

void summary_add_counts(struct trace_summary *s, long nr, unsigned long calls,
			unsigned long errors, unsigned long long ns)
{
	if (nr < 0 || nr >= SG_NR_SYSCALLS)
		return;
	s->rows[nr].calls += calls;
	s->rows[nr].errors += errors;
	s->rows[nr].ns += ns;
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

/* -S: by time (strace's default), calls, errors, name, or number ("nothing");
 * ties by calls, then by number. */
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
	}
	if (!c)
		c = descending(ra->calls, rb->calls);
	return c ? c : na - nb;
}

int summary_sort_by_name(const char *name, enum summary_sort *out)
{
	static const char *const names[] = { [SUMMARY_BY_TIME] = "time",
					     [SUMMARY_BY_CALLS] = "calls",
					     [SUMMARY_BY_ERRORS] = "errors",
					     [SUMMARY_BY_NAME] = "name",
					     [SUMMARY_BY_NUMBER] = "nothing" };

	for (int i = 0; i < (int)SG_ARRAY_SIZE(names); i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum summary_sort)i;
			return 0;
		}
	return -EINVAL;
}

static const char rule[] =
	"------ ----------- ----------- --------- --------- ----------------\n";

void summary_print(const struct trace_summary *s, enum summary_sort by, FILE *fp)
{
	int order[SG_NR_SYSCALLS], n = 0;
	unsigned long long total_ns = 0;
	unsigned long calls = 0, errors = 0;

	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++) {
		if (!s->rows[nr].calls)
			continue;
		order[n++] = nr;
		total_ns += s->rows[nr].ns;
		calls += s->rows[nr].calls;
		errors += s->rows[nr].errors;
	}
	sort_ctx = s;
	sort_key = by;
	qsort(order, (size_t)n, sizeof(order[0]), by_key);
	fprintf(fp, "%% time     seconds  usecs/call     calls    errors syscall\n%s", rule);
	for (int i = 0; i < n; i++) {
		const struct row *r = &s->rows[order[i]];
		const struct sg_syscall *sc = sg_syscall(order[i]);
		fprintf(fp, "%6.2f %11.6f %11llu %9lu ", total_ns ? 100.0 * r->ns / total_ns : 0.0,
			r->ns / 1e9, r->ns / 1000ull / r->calls, r->calls);
		if (r->errors)
			fprintf(fp, "%9lu ", r->errors);
		else
			fprintf(fp, "%9s ", "");
		fprintf(fp, "%s\n", sc ? sc->name : "?");
	}
	fprintf(fp, "%s%6.2f %11.6f %11llu %9lu %9lu total\n", rule, 100.0, total_ns / 1e9,
		calls ? total_ns / 1000ull / calls : 0, calls, errors);
}

void summary_free(struct trace_summary *s)
{
	free(s);
}
