#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void vreport(const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs("sysgate: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void sg_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	exit(1);
}

void sg_die_status(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	exit(status);
}

int sg_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	return -1;
}

void *sg_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		sg_die("out of memory");
	return p;
}

void *sg_xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		sg_die("out of memory");
	return p;
}

char *sg_xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		sg_die("out of memory");
	return d;
}

static unsigned long long clock_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

unsigned long long sg_now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

unsigned long long sg_wall_ns(void)
{
	return clock_ns(CLOCK_REALTIME);
}

int sg_parse_long(const char *s, long *out)
{
	char *end;

	if (!s || !*s)
		return -1;
	errno = 0;
	long v = strtol(s, &end, 0);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

/* Read a whole file into a NUL-terminated buffer. */
int sg_read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n, cap = 0;
	char *s = NULL;

	if (!f)
		return -errno;
	*len = 0;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (*len + n + 1 > cap) {
			cap = 2 * (*len + n + 1);
			s = sg_xrealloc(s, cap);
		}
		memcpy(s + *len, buf, n);
		*len += n;
	}
	fclose(f);
	if (!s)
		s = sg_xcalloc(1, 1);
	s[*len] = '\0';
	*out = s;
	return 0;
}
