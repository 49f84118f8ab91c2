/* The output layer: one sink, two writers (strace-style text and JSON Lines), both
 * fed the same events. Files are written to a temporary name and renamed on close. */
#ifndef SG_CORE_OUTPUT_H
#define SG_CORE_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "event.h"

/* -t, -tt, -ttt (seconds since the epoch), -r (since the previous line). */
enum sg_time_mode { SG_TIME_NONE, SG_TIME_SEC, SG_TIME_USEC, SG_TIME_EPOCH, SG_TIME_RELATIVE };

struct sg_output_opts {
	bool json;
	enum sg_time_mode time; /* -t / -tt / -ttt / -r */
	bool show_duration;	/* -T */
	/* Digits after the seconds' point: of the time prefix (-t: 0, -tt/-ttt/-r: 6;
	 * --absolute-timestamps=precision:, --relative-timestamps=) and of -T
	 * (--syscall-times=). 0 for -T means microseconds, strace's default. */
	int time_digits;
	int duration_digits;
	bool pid_prefix;	/* -f: "[pid N] " once more than one process is traced */
	bool syscall_number;	/* -n: "[ NR] " before the name */
	bool show_ip;		/* -i: "[ADDRESS] " of the call */
	bool quiet_exit;	/* -qq: no "+++ exited with N +++" lines */
	int column;		/* -a: results aligned here; 0 means strace's 40 */
	bool append;		/* -A: a file's old contents come first */
};

struct sg_output;

/* Open path ("-" or NULL: stderr, like strace). Returns NULL and reports on error. */
struct sg_output *sg_output_open(const char *path, const struct sg_output_opts *o);
/* Write one event. */
void sg_output_event(struct sg_output *out, const struct sg_event *ev);
/* Tell the writer how many processes are traced now (for pid prefixes). */
void sg_output_set_multi(struct sg_output *out, bool multi);
/* A free-form line (summaries, notes); JSON writers skip it. */
FILE *sg_output_stream(struct sg_output *out);
/* Flush, close and move the file into place. Returns 0 or -1 (reported). */
int sg_output_close(struct sg_output *out);
/* Close without publishing: a file that was being written never appears. */
void sg_output_abort(struct sg_output *out);

/* Helpers for any subcommand that writes a file atomically. */
FILE *sg_atomic_open(const char *path, char **tmp_path);
int sg_atomic_commit(FILE *f, const char *path, char *tmp_path);
void sg_atomic_abort(FILE *f, char *tmp_path);

#endif
