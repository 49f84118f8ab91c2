/* Statistics of sysgate bench on data whose answers are known by hand. */
#include <math.h>

#include "bench/bench_int.h"
#include "tap.h"

static int near(double got, double want, const char *name)
{
	int ok = fabs(got - want) <= 1e-9 * (fabs(want) > 1 ? fabs(want) : 1);

	tap_ok(ok, "%s", name);
	if (!ok)
		printf("#   got:  %.12g\n#   want: %.12g\n", got, want);
	return ok;
}

int main(void)
{
	tap_plan(27);

	/* median: odd count is the middle value, even count the mean of the two. */
	double odd[] = { 9, 1, 5, 3, 7 };
	near(bench_median(odd, 5), 5, "median of 5 unsorted values is the middle one");
	tap_ok(odd[0] == 1 && odd[4] == 9, "percentile sorts its input in place");
	double even[] = { 4, 1, 3, 2 };
	near(bench_median(even, 4), 2.5, "median of 4 values averages the middle two");
	double dup[] = { 2, 2, 2, 8 };
	near(bench_median(dup, 4), 2, "median with repeated values");
	double neg[] = { -3, -1, -2 };
	near(bench_median(neg, 3), -2, "median of negative values");

	/* percentile: rank p/100*(n-1), linear between neighbours. */
	double ten[] = { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 };
	near(bench_percentile(ten, 10, 0), 10, "p0 is the minimum");
	near(bench_percentile(ten, 10, 100), 100, "p100 is the maximum");
	near(bench_percentile(ten, 10, 50), 55, "p50 of 10..100 interpolates to 55");
	near(bench_percentile(ten, 10, 25), 32.5, "p25: rank 2.25 gives 32.5");
	near(bench_percentile(ten, 10, 90), 91, "p90: rank 8.1 gives 91");
	near(bench_percentile(ten, 10, 99), 99.1, "p99: rank 8.91 gives 99.1");
	double two[] = { 1, 3 };
	near(bench_percentile(two, 2, 99), 2.98, "p99 of two values: 1 + 0.99 * 2");
	double fifteen[15];
	for (int i = 0; i < 15; i++)
		fifteen[i] = 15 - i; /* 15..1 */
	near(bench_percentile(fifteen, 15, 99), 14.86, "p99 of 15 samples (the --quick count)");

	/* mean */
	double m[] = { 1, 2, 3, 4 };
	near(bench_mean(m, 4), 2.5, "mean of 1..4");
	near(bench_mean(neg, 3), -2, "mean of negative values");

	/* CoV: sample standard deviation (n - 1) over the mean. {2,4,4,4,5,5,7,9}:
	 * mean 5, squares sum 32, variance 32/7. */
	double set[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	near(bench_cov(set, 8), sqrt(32.0 / 7) / 5, "CoV of a known set uses n - 1");
	double same[] = { 3, 3, 3 };
	near(bench_cov(same, 3), 0, "CoV of equal values is 0");
	double pm[] = { -2, -4 };
	near(bench_cov(pm, 2), sqrt(2.0) / 3, "CoV of negative values divides by |mean|");
	double zero_mean[] = { -1, 1 };
	near(bench_cov(zero_mean, 2), 0, "CoV with mean 0 is 0, not a division by zero");

	/* n = 0 and n = 1 */
	double one[] = { 42 };
	near(bench_median(one, 1), 42, "median of one value");
	near(bench_percentile(one, 1, 0), 42, "p0 of one value");
	near(bench_percentile(one, 1, 99), 42, "p99 of one value");
	near(bench_mean(one, 1), 42, "mean of one value");
	near(bench_cov(one, 1), 0, "CoV of one value is 0");
	near(bench_median(NULL, 0), 0, "median of nothing is 0");
	near(bench_mean(NULL, 0), 0, "mean of nothing is 0");
	near(bench_cov(NULL, 0), 0, "CoV of nothing is 0");
	return tap_done();
}
