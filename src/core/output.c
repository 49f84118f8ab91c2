/* The sink: opens the destination and routes each event to the text or JSON writer. */
#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "output_int.h"
#include "util.h"

/* -A: the file is still replaced whole, so it starts as a copy of the old one. */
static int copy_old(const char *path, FILE *to)
{
	char buf[1 << 16];
	size_t n;
	FILE *from = fopen(path, "re");

	if (!from)
		return errno == ENOENT ? 0 : -1;
	while ((n = fread(buf, 1, sizeof(buf), from)) > 0)
		if (fwrite(buf, 1, n, to) != n)
			break;
	int rc = ferror(from) || ferror(to) ? -1 : 0;
	fclose(from);
	return rc;
}

struct sg_output *sg_output_open(const char *path, const struct sg_output_opts *o)
{
	struct sg_output *out = sg_xcalloc(1, sizeof(*out));

	out->opts = *o;
	if (!path || strcmp(path, "-") == 0) {
		out->fp = stderr;
	} else {
		out->path = sg_xstrdup(path);
		out->fp = sg_atomic_open(path, &out->tmp_path);
		if (out->fp && o->append && copy_old(path, out->fp) < 0) {
			sg_atomic_abort(out->fp, out->tmp_path);
			out->fp = NULL;
		}
		if (!out->fp) {
			sg_error("cannot open output file '%s': %s", path, strerror(errno));
			free(out->path);
			free(out);
			return NULL;
		}
	}
	/* Whole lines at a time; a -o file is block-buffered for speed. */
	if (out->fp != stderr)
		setvbuf(out->fp, NULL, _IOFBF, 1 << 16);
	return out;
}

void sg_output_set_multi(struct sg_output *out, bool multi)
{
	out->multi = multi;
}

void sg_output_event(struct sg_output *out, const struct sg_event *ev)
{
	if (out->opts.json)
		sg_json_event(out, ev);
	else
		sg_text_event(out, ev);
}

FILE *sg_output_stream(struct sg_output *out)
{
	return out->fp;
}

void sg_output_abort(struct sg_output *out)
{
	if (!out)
		return;
	if (out->fp == stderr)
		fflush(stderr);
	else
		sg_atomic_abort(out->fp, out->tmp_path);
	sg_str_free(&out->line);
	free(out->path);
	free(out);
}

int sg_output_close(struct sg_output *out)
{
	int rc = 0;

	if (!out)
		return 0;
	if (out->fp == stderr)
		fflush(stderr);
	else
		rc = sg_atomic_commit(out->fp, out->path, out->tmp_path);
	sg_str_free(&out->line);
	free(out->path);
	free(out);
	return rc;
}
