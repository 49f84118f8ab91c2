/* -P PATH, -e trace-fds=SET: only the calls that touch PATH or those fds: a path argument naming it, or an fd
 * argument open on it (so an open of PATH and the reads and close of its fd). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "trace_int.h"

int trace_add_path(struct trace_opts *o, const char *path)
{
	char real[PATH_MAX];

	if (o->npaths == (int)SG_ARRAY_SIZE(o->paths))
		return trace_fail(o, SG_EXIT_USAGE, "too many -P paths (at most %zu)", SG_ARRAY_SIZE(o->paths));
	o->paths[o->npaths++] = sg_xstrdup(path);
	/* A symbolic link also matches as the file it names (an fd shows that). */
	if (realpath(path, real) && strcmp(real, path) != 0 &&
	    o->npaths < (int)SG_ARRAY_SIZE(o->paths))
		o->paths[o->npaths++] = sg_xstrdup(real);
	return 0;
}

static bool is_one_of(const struct trace_opts *o, const char *s)
{
	for (int i = 0; i < o->npaths; i++)
		if (strcmp(o->paths[i], s) == 0)
			return true;
	return false;
}

static bool arg_touches(const struct trace_opts *o, const struct sg_call *c, int kind,
			uint64_t v)
{
	char buf[PATH_MAX], link[64];
	bool complete = false;
	ssize_t n;

	if (kind == SG_K_PATH) {
		n = sg_call_read_str(c, v, buf, sizeof(buf) - 1, &complete);
		if (n < 0 || !complete)
			return false;
		buf[n] = '\0';
		return is_one_of(o, buf);
	}
	if ((kind == SG_K_FD || kind == SG_K_DIRFD) && (int)v >= 0 && (int)v < SG_DUMP_FDS &&
	    o->trace_fds[(int)v])
		return true; /* -e trace-fds= */
	if ((kind == SG_K_FD || kind == SG_K_DIRFD) && (int)v >= 0 && o->npaths) {
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", c->pid, (int)v);
		n = readlink(link, buf, sizeof(buf) - 1);
		if (n <= 0)
			return false;
		buf[n] = '\0';
		return is_one_of(o, buf);
	}
	return false;
}

bool trace_touches_path(const struct trace_opts *o, const struct sg_call *c)
{
	const struct sg_syscall *sc = sg_syscall(c->nr);

	for (int i = 0; sc && i < sc->nargs; i++)
		if (arg_touches(o, c, SG_ARG_KIND(sc->args[i].kind), c->args[i]))
			return true;
	return false;
}
