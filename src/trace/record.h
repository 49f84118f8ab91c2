/* Internal to src/trace: record now, decode later (--record FILE, --replay FILE).
 *
 * A recording is the stream of records the in-process agent writes (struct
 * sg_rec), whichever backend saw the calls: the agent's and the eBPF programs'
 * records are written as they are read, and what ptrace sees is turned into the
 * same records (the memory each call's decoders read copied by the capture
 * plan of src/core/capture.c at the stop). Replay reads them as the agent's are
 * read (inproc_records.c), so the lines are the same ones.
 *
 * The file: a header of RECORD_HEADER_SIZE bytes, JSON padded with spaces and a
 * newline (written again, complete, when the run ends), then frames. docs/trace.md
 * describes the format. */
#ifndef SG_TRACE_RECORD_H
#define SG_TRACE_RECORD_H

#include <signal.h>
#include <stdint.h>

#include "ring.h"
#include "tracer.h"

#define RECORD_FORMAT "sysgate-record"
#define RECORD_VERSION 1
#define RECORD_HEADER_SIZE 4096
#define RECORD_BODY_MAX (64u << 20) /* bytes one record may carry: more is a corrupt file */

enum record_frame_kind {
	RECORD_REC = 1, /* an sg_rec */
	RECORD_GONE,	/* ptrace saw a thread end: tid, and in nr its wait status */
	RECORD_END,	/* the command was reaped: its pid, and in nr its wait status */
	/* Before the entry of a call whose decoders ask what its fd is (a netlink
	 * socket's messages are decoded by its protocol): tid, the fd in nr, v[0]
	 * 1 when it is a netlink socket, v[1] its protocol, as seen then. */
	RECORD_FD,
};

enum record_frame_flags {
	/* RECORD_REC: made from ptrace's stops, where a task's end is its own frame
	 * (RECORD_GONE) rather than told by its exit_group record. */
	RECORD_FROM_PTRACE = 1,
	RECORD_GONE_SHOWN = 2, /* RECORD_GONE: its "+++" line is shown */
	RECORD_GONE_MAIN = 4,  /* RECORD_GONE: it is the command: sysgate's exit status */
};

/* A frame, as read and written (record_encode.c writes it in few bytes: the
 * file's layout is in docs/trace.md). After it come nv values (v[0..nv), the
 * rest 0), then body_len bytes: the record's snapshot (snap_len bytes) and what
 * its type keeps after it (ring.h). */
struct record_frame {
	uint8_t kind;  /* enum record_frame_kind */
	uint8_t flags; /* enum record_frame_flags */
	uint8_t type;  /* RECORD_REC: the sg_rec type */
	uint8_t nv;
	int32_t tid;
	int32_t nr;
	uint32_t snap_len;
	uint32_t body_len;
	uint64_t tsc;
};

/* A frame's encoding: at most RECORD_FRAME_MAX bytes, the values included. Tids
 * and stamps are written as the change from the frame before (state: the last
 * tid and stamp, 0 at the start). */
#define RECORD_FRAME_MAX 128
struct record_coder {
	int32_t tid;
	uint64_t tsc;
};
size_t record_encode(struct record_coder *c, const struct record_frame *fr, const uint64_t *v,
		     uint8_t *out);
/* Decode a frame from next_byte's bytes: 1, 0 at a clean end (no byte at all),
 * -1 when the bytes are no frame. */
int record_decode(struct record_coder *c, int (*next_byte)(void *ctx), void *ctx,
		  struct record_frame *fr, uint64_t *v);

enum record_clock { RECORD_CLOCK_TSC, RECORD_CLOCK_MONOTONIC };

/* --record: open the file (it appears whole at the end, or never) and give the
 * tracer its recorder; 0, or -1 with o->err set. */
int record_begin(struct tracer *tr, const char *backend, enum record_clock clock);
/* The header completed and the file put in place (ok), or dropped (!ok). 0, or -1
 * with the reason said on stderr. */
int record_end(struct tracer *tr, bool ok, unsigned long long dropped);

/* A record of the ring or the BPF ring buffer, as read (its tids untagged); room:
 * the bytes it may take past its header. */
void record_ring(struct trace_record *r, const struct sg_rec *rec, size_t room);
/* ptrace: a call's entry (values: its arguments) or end (ret, and flags: SG_EXIT_*),
 * the memory its decoders read copied from tid now; ip (-i) its call site, or 0. */
void record_call(struct trace_record *r, pid_t tid, long nr, const uint64_t *args, bool at_exit,
		 int64_t ret, unsigned flags, uint64_t ip);
void record_signal(struct trace_record *r, pid_t tid, int sig, const siginfo_t *si, uint64_t ip);
void record_gone(struct trace_record *r, pid_t tid, int status, unsigned flags);
void record_command_end(struct trace_record *r, pid_t pid, int status);

/* --replay FILE: print a recording as the run would have; sysgate's exit status. */
int replay_run(struct trace_opts *o);

#endif
