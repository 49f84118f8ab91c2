/* The ladder as an SVG bar chart: log scale, the function call as the unit. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench_int.h"
#include "core/output.h"
#include "core/util.h"

#define BAR_H 22
#define LABEL_W 360
#define PLOT_W 520
#define TOP 60

static int by_cost(const void *a, const void *b)
{
	const struct bench_row *const *x = a, *const *y = b;

	return (*x)->r.median_ns < (*y)->r.median_ns ? -1 : (*x)->r.median_ns > (*y)->r.median_ns;
}

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else
			fputc(*s, f);
	}
}

static void axis(FILE *f, double decades, int height)
{
	for (int d = 0; d <= (int)ceil(decades); d++) {
		double x = LABEL_W + PLOT_W * d / ceil(decades);
		fprintf(f, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#ddd'/>\n", x, TOP - 5,
			x, height - 30);
		fprintf(f, "<text x='%.1f' y='%d' text-anchor='middle' font-size='11'>%gx</text>\n",
			x, height - 14, pow(10, d));
	}
}

int bench_report_svg(const struct bench_run *run, FILE *f)
{
	double unit = bench_unit_ns(run);
	size_t n = 0;
	double max = 1;

	if (unit <= 0)
		return -EINVAL; /* no function-call rung: the chart has no unit */
	const struct bench_row **rows = sg_xcalloc(run->n, sizeof(*rows));
	for (size_t i = 0; i < run->n; i++)
		if (run->rows[i].rc == 0 && run->rows[i].r.median_ns > 0)
			rows[n++] = &run->rows[i];
	qsort(rows, n, sizeof(*rows), by_cost);
	for (size_t i = 0; i < n; i++)
		if (rows[i]->r.median_ns / unit > max)
			max = rows[i]->r.median_ns / unit;
	double decades = log10(max) < 1 ? 1 : log10(max);
	int height = TOP + (int)n * (BAR_H + 6) + 50;
	fprintf(f, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
		   "font-family='sans-serif'>\n<rect width='100%%' height='100%%' fill='white'/>\n",
		LABEL_W + PLOT_W + 140, height);
	fprintf(f, "<text x='10' y='25' font-size='16'>The price of privilege on this machine "
		   "(log scale, 1x = one function call, %.2f ns)</text>\n", unit);
	axis(f, ceil(decades), height);
	for (size_t i = 0; i < n; i++) {
		double ratio = rows[i]->r.median_ns / unit;
		double w = PLOT_W * (ratio > 1 ? log10(ratio) : 0) / ceil(decades);
		int y = TOP + (int)i * (BAR_H + 6);
		fprintf(f, "<text x='%d' y='%d' text-anchor='end' font-size='12'>", LABEL_W - 8,
			y + 15);
		xml_text(f, rows[i]->label);
		fprintf(f, "</text>\n<rect x='%d' y='%d' width='%.1f' height='%d' fill='#4a7ab5'/>\n",
			LABEL_W, y, w < 2 ? 2 : w, BAR_H);
		fprintf(f, "<text x='%.1f' y='%d' font-size='11'>%.1f ns (%.0fx)</text>\n",
			LABEL_W + (w < 2 ? 2 : w) + 6, y + 15, rows[i]->r.median_ns, ratio);
	}
	fputs("</svg>\n", f);
	free(rows);
	return ferror(f) ? -EIO : 0;
}
