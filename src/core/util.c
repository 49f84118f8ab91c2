#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

void sg_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "sysgate %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(SG_EXIT_USAGE);
}

void sg_getopt_error(const char *cmd, int c, char *const argv[])
{
	extern int optind, optopt;
	const char *arg = argv[optind - 1];
	char shortopt[3] = { '-', (char)optopt, '\0' };

	/* A long option is named as typed; a short one by its letter (it may sit in
	 * a group such as "-fx", or be glued to its value). */
	if (strncmp(arg, "--", 2) != 0 && optopt)
		arg = shortopt;
	if (c == ':')
		sg_usage_error(cmd, "option '%s' needs an argument; see 'sysgate help %s'", arg,
			       cmd);
	sg_usage_error(cmd, "unknown option '%s'; see 'sysgate help %s'", arg, cmd);
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
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return -EISDIR;
	}
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

/* mkdir -p: dir and every missing parent. */
int sg_mkdir_p(const char *dir, unsigned mode)
{
	char *path = sg_xstrdup(dir);
	int rc = 0;

	for (char *p = path + 1; rc == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(path, mode) < 0 && errno != EEXIST)
			rc = -errno;
		*p = c;
		if (c == '\0')
			break;
	}
	struct stat st;
	if (rc == 0 && (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)))
		rc = -ENOTDIR;
	free(path);
	return rc;
}
