/* A tiny TAP emitter for the C unit tests, run by prove. */
#ifndef SG_TESTS_TAP_H
#define SG_TESTS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

static inline void tap_plan(int n)
{
	printf("1..%d\n", n);
}

static inline int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	tap_failed += !cond;
	return cond;
}

static inline void tap_skip(const char *why)
{
	printf("ok %d # skip %s\n", ++tap_n, why);
}

/* String equality with a diagnostic showing both sides. */
static inline int tap_is(const char *got, const char *want, const char *name)
{
	int same = got && want && strcmp(got, want) == 0;

	tap_ok(same, "%s", name);
	if (!same)
		printf("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)", want ? want : "(null)");
	return same;
}

/* Remove a test's temporary directory (and say so if that fails). */
static inline void tap_rmtree(const char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
}

static inline int tap_done(void)
{
	if (tap_n == 0)
		printf("1..0 # skip nothing ran\n");
	return tap_failed ? 1 : 0;
}

#endif
