/* ns per call of one syscall, for make bench:
 *   bench_syscall_loop getppid|personality [N] [floor]
 * personality(0xffffffff) only queries; filters allow it under an argument test.
 * Prints the best of 7 rounds of N calls, after a warm-up round. With "floor" it
 * first installs the cheapest filter of the same kind: allow everything (getppid
 * then takes the kernel's cached-allow path), plus one argument test on
 * personality (the filter runs for it): what seccomp costs before any rule set. */
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double round_ns(long nr, long arg, long n)
{
	double s = now_ns();

	for (long i = 0; i < n; i++)
		syscall(nr, arg);
	return (now_ns() - s) / n;
}

static int install_floor(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int rc = ctx ? 0 : -1;

	if (!rc)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1), SCMP_SYS(personality), 1,
				      SCMP_A0(SCMP_CMP_EQ, 1));
	if (!rc)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	return rc;
}

int main(int argc, char **argv)
{
	long nr = SYS_getppid, arg = 0, n = argc > 2 ? atol(argv[2]) : 200000;
	double best;

	if (argc < 2 || n <= 0)
		return fprintf(stderr, "usage: bench_syscall_loop getppid|personality [N]\n"), 2;
	if (strcmp(argv[1], "personality") == 0)
		nr = SYS_personality, arg = 0xffffffff;
	else if (strcmp(argv[1], "getppid") != 0)
		return fprintf(stderr, "bench_syscall_loop: unknown call '%s'\n", argv[1]), 2;
	if (argc > 3 && strcmp(argv[3], "floor") == 0 && install_floor() != 0)
		return fprintf(stderr, "bench_syscall_loop: cannot install the floor filter\n"), 2;
	best = round_ns(nr, arg, n);
	for (int r = 0; r < 7; r++) {
		double v = round_ns(nr, arg, n);
		best = v < best ? v : best;
	}
	printf("%.1f\n", best);
	return 0;
}
