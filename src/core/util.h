/* Error reporting and allocation helpers shared by every subcommand. */
#ifndef SG_CORE_UTIL_H
#define SG_CORE_UTIL_H

#include <stddef.h>

/* Print "sysgate: MSG" on stderr and exit with status 1 (only for command setup). */
_Noreturn void sg_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Same, exiting with the given status. */
_Noreturn void sg_die_status(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The exit status of every usage error (a malformed command line), as in most
 * Unix tools. */
#define SG_EXIT_USAGE 2
/* A usage error of subcommand cmd: "sysgate CMD: MSG" on stderr, exit 2. */
_Noreturn void sg_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* For getopt parsers run with opterr = 0 and ':' after any '+' in optstring: the
 * usage error for what getopt returned ('?' or ':'), naming the option. */
_Noreturn void sg_getopt_error(const char *cmd, int c, char *const argv[]);
/* Print "sysgate: MSG" on stderr and return -1. */
int sg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Allocation that dies on exhaustion: a tracer that runs out of memory cannot go on. */
void *sg_xcalloc(size_t n, size_t size);
void *sg_xrealloc(void *p, size_t size);
char *sg_xstrdup(const char *s);

/* Read a whole file into a NUL-terminated buffer (freed by the caller); *len
 * excludes the NUL. 0 or -errno. */
int sg_read_file(const char *path, char **out, size_t *len);

/* Create dir and its missing parents (mkdir -p); 0 or -errno. */
int sg_mkdir_p(const char *dir, unsigned mode);

/* Nanoseconds of CLOCK_MONOTONIC, and of CLOCK_REALTIME (time of day). */
unsigned long long sg_now_ns(void);
unsigned long long sg_wall_ns(void);
/* Parse a decimal or 0x integer; returns 0 and stores it, or -1 on junk/overflow. */
int sg_parse_long(const char *s, long *out);

/* Find the program execvp would run for file (searching PATH when file has no
 * '/'); a string the caller frees, or NULL with errno set. Resolving before
 * fork turns "command not found" into a plain error instead of a failed exec. */
char *sg_find_program(const char *file);

/* A file of sysgate's (a helper program, a library, a guest): beside the running
 * binary (the build tree's release folder), in ../lib/sysgate from it (an
 * installed tree: `make install`), else at built (where the build put it),
 * whichever access(amode) allows first; a path the caller frees, or NULL. */
char *sg_beside_self(const char *name, const char *built, int amode);

/* The release, for --version and -V. */
#define SG_VERSION "0.1.0"

#define SG_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
