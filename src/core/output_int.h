/* Internal to the output layer. */
#ifndef SG_CORE_OUTPUT_INT_H
#define SG_CORE_OUTPUT_INT_H

#include "output.h"
#include "strbuf.h"

struct sg_output {
	struct sg_output_opts opts;
	FILE *fp;
	char *path, *tmp_path;
	bool multi;
	/* A line left open after a syscall entry, finished at its exit. */
	bool open;
	pid_t open_pid;
	size_t open_col;
	struct sg_str line; /* the text writer's line, kept between events */
	unsigned long long last_ns; /* -r: the previous line's time */
};

void sg_text_event(struct sg_output *out, const struct sg_event *ev);
void sg_json_event(struct sg_output *out, const struct sg_event *ev);

#endif
