/* -ff -o NAME: one trace file per process (per thread, as strace), NAME.PID.
 * Each file is an output of its own: written under a temporary name and moved
 * into place when its process ends, so that none appears half written. */
#include <stdio.h>
#include <stdlib.h>

#include "core/util.h"
#include "trace_int.h"

struct per_process {
	struct pp_file {
		pid_t pid;
		struct sg_output *out;
	} *files;
	int n, cap;
	const char *base;
	struct sg_output_opts opts;
	bool failed; /* a file could not be opened or written */
};

struct per_process *per_process_new(const char *base, const struct sg_output_opts *o)
{
	struct per_process *pp = sg_xcalloc(1, sizeof(*pp));

	pp->base = base;
	pp->opts = *o;
	pp->opts.pid_prefix = false; /* the file's name says whose it is */
	return pp;
}

static struct pp_file *find(struct per_process *pp, pid_t pid)
{
	for (int i = 0; i < pp->n; i++)
		if (pp->files[i].pid == pid)
			return &pp->files[i];
	return NULL;
}

struct sg_output *per_process_out(struct per_process *pp, pid_t pid)
{
	struct pp_file *f = find(pp, pid);
	char path[4096];

	if (f)
		return f->out;
	if (snprintf(path, sizeof(path), "%s.%d", pp->base, (int)pid) >= (int)sizeof(path))
		return NULL;
	struct sg_output *out = sg_output_open(path, &pp->opts);
	if (!out) {
		pp->failed = true;
		return NULL;
	}
	if (pp->n == pp->cap) {
		pp->cap = pp->cap ? pp->cap * 2 : 16;
		pp->files = sg_xrealloc(pp->files, (size_t)pp->cap * sizeof(*pp->files));
	}
	pp->files[pp->n++] = (struct pp_file){ pid, out };
	return out;
}

/* The process has ended: its file is complete. */
void per_process_end(struct per_process *pp, pid_t pid)
{
	struct pp_file *f = find(pp, pid);

	if (!f)
		return;
	if (sg_output_close(f->out) < 0)
		pp->failed = true;
	*f = pp->files[--pp->n];
}

/* 0, or -1 when any file could not be written (each reported). */
int per_process_close_all(struct per_process *pp)
{
	while (pp->n)
		per_process_end(pp, pp->files[pp->n - 1].pid);
	int rc = pp->failed ? -1 : 0;
	free(pp->files);
	free(pp);
	return rc;
}
