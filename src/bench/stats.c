/* Order statistics and spread of a set of samples. */
#include <math.h>
#include <stdlib.h>

#include "bench_int.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double bench_percentile(double *v, size_t n, double p)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	double rank = p / 100.0 * (double)(n - 1);
	size_t lo = (size_t)rank;
	if (lo + 1 >= n)
		return v[n - 1];
	return v[lo] + (rank - (double)lo) * (v[lo + 1] - v[lo]);
}

double bench_median(double *v, size_t n)
{
	return bench_percentile(v, n, 50);
}

double bench_mean(const double *v, size_t n)
{
	double sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += v[i];
	return n ? sum / (double)n : 0;
}

double bench_cov(const double *v, size_t n)
{
	if (n < 2)
		return 0;
	double mean = bench_mean(v, n), ss = 0;
	for (size_t i = 0; i < n; i++)
		ss += (v[i] - mean) * (v[i] - mean);
	return mean != 0 ? sqrt(ss / (double)(n - 1)) / fabs(mean) : 0;
}
