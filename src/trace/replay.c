/* --replay FILE: a recording (record.h) printed with the options given now, its
 * records read as the in-process agent's are (inproc_records.c). */
#include "record.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "core/util.h"
#include "inproc.h"

#define READ_BUFFER ((size_t)1 << 16)

struct replay {
	FILE *f;
	const char *path;
	uint8_t buf[READ_BUFFER]; /* the file, read in large pieces */
	size_t pos, len;
	struct record_coder coder;
	struct inproc ip;
	/* The record read last, held until the next is read: a call's entry and
	 * its end are one line when nothing came between, as when read live. */
	struct sg_rec *held, *next;
	size_t held_cap, next_cap;
	bool have_held, held_from_ptrace;
	unsigned long long frame_no, frames; /* read, and as many as the header says */
	struct fd_fact *facts; /* RECORD_FD: what each thread's fds were */
	int nfacts, cap_facts;
};

struct fd_fact {
	pid_t tid;
	int fd;
	bool netlink;
	int proto;
};

static void learn_fd(struct replay *rp, const struct record_frame *fr, const uint64_t *v)
{
	struct fd_fact *f = NULL;

	for (int i = 0; i < rp->nfacts && !f; i++)
		if (rp->facts[i].tid == fr->tid && rp->facts[i].fd == fr->nr)
			f = &rp->facts[i];
	if (!f) {
		if (rp->nfacts == rp->cap_facts) {
			rp->cap_facts = rp->cap_facts ? 2 * rp->cap_facts : 16;
			rp->facts = sg_xrealloc(rp->facts, sizeof(*rp->facts) * (size_t)rp->cap_facts);
		}
		f = &rp->facts[rp->nfacts++];
	}
	*f = (struct fd_fact){ .tid = fr->tid, .fd = fr->nr, .netlink = v[0] != 0,
			       .proto = (int)v[1] };
}

/* The decoders' question, answered as the recording saw the fd (never from the
 * /proc of a process that is gone, or of another that took its pid). */
static bool recorded_fd_netlink(void *ctx, pid_t pid, int fd, int *proto)
{
	const struct replay *rp = ctx;

	for (int i = 0; i < rp->nfacts; i++)
		if (rp->facts[i].tid == pid && rp->facts[i].fd == fd) {
			if (rp->facts[i].netlink) /* else *proto is left, as the live answer leaves it */
				*proto = rp->facts[i].proto;
			return rp->facts[i].netlink;
		}
	return false;
}

static int bad_file(struct trace_opts *o, const char *path, const char *why)
{
	return trace_fail(o, 1, "cannot replay '%s': %s", path, why);
}

static const char *header_string(json_object *h, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(h, key, &v) ? json_object_get_string(v) : "";
}

static json_object *header_field(json_object *h, const char *key)
{
	json_object *v = NULL;

	json_object_object_get_ex(h, key, &v);
	return v;
}

/* Whether this sysgate can read the recording, and the clock its stamps count. */
static const char *check_header(struct replay *rp, json_object *h)
{
	char hash[32];
	struct utsname u;
	json_object *clock = header_field(h, "clock");

	if (strcmp(header_string(h, "format"), RECORD_FORMAT) != 0)
		return "it is not a sysgate recording (made with sysgate trace --record FILE)";
	if (json_object_get_int(header_field(h, "version")) != RECORD_VERSION)
		return "it was made by another version of sysgate's recording format; replay it "
		       "with the sysgate that made it";
	if (!json_object_get_boolean(header_field(h, "complete")))
		return "the recording was never finished";
	snprintf(hash, sizeof(hash), "%016llx", (unsigned long long)sg_syscall_table_hash());
	if (strcmp(header_string(h, "syscall_table"), hash) != 0)
		return "it was made by a sysgate built with another syscall table; replay it with "
		       "the sysgate that made it";
	uname(&u);
	if (strcmp(header_string(h, "machine"), u.machine) != 0)
		return "it was made on another kind of machine";
	if (!clock)
		return "its header has no clock";
	rp->ip.tsc0 = (unsigned long long)json_object_get_int64(header_field(clock, "ticks0"));
	rp->ip.wall0_ns = (unsigned long long)json_object_get_int64(header_field(clock, "wall0_ns"));
	rp->ip.tsc_per_ns = json_object_get_double(header_field(clock, "ticks_per_ns"));
	if (!(rp->ip.tsc_per_ns > 0))
		return "its header's clock has no rate";
	rp->ip.ns_per_tsc = 1.0 / rp->ip.tsc_per_ns;
	return NULL;
}

static int read_header(struct replay *rp, struct trace_opts *o)
{
	char text[RECORD_HEADER_SIZE + 1];

	if (fread(text, 1, RECORD_HEADER_SIZE, rp->f) != RECORD_HEADER_SIZE)
		return bad_file(o, rp->path, "it is too short to be a sysgate recording");
	text[RECORD_HEADER_SIZE] = '\0';
	json_object *h = json_tokener_parse(text);
	if (!h)
		return bad_file(o, rp->path, "it is not a sysgate recording (no JSON header)");
	const char *why = check_header(rp, h);
	if (!why && !o->strsize_given) /* the strings are as long as recorded */
		o->dec.strsize = json_object_get_int(header_field(h, "strsize"));
	rp->frames = (unsigned long long)json_object_get_int64(header_field(h, "frames"));
	json_object *dropped = header_field(h, "dropped");
	if (!why && dropped)
		atomic_store(&rp->ip.ring.ctl->dropped,
			     (unsigned long long)json_object_get_int64(dropped));
	json_object_put(h);
	return why ? bad_file(o, rp->path, why) : 0;
}

static void deliver_held(struct replay *rp, const struct sg_rec *next)
{
	if (!rp->have_held)
		return;
	rp->ip.ends_told = rp->held_from_ptrace;
	inproc_record(&rp->ip, rp->held, next);
	rp->have_held = false;
}

static int next_byte(void *ctx)
{
	struct replay *rp = ctx;

	if (rp->pos == rp->len) {
		rp->len = fread(rp->buf, 1, sizeof(rp->buf), rp->f);
		rp->pos = 0;
		if (rp->len == 0)
			return -1;
	}
	return rp->buf[rp->pos++];
}

static int read_bytes(struct replay *rp, uint8_t *dst, size_t n)
{
	while (n) {
		if (rp->pos == rp->len && next_byte(rp) >= 0)
			rp->pos--; /* refilled: the byte stays to be copied */
		if (rp->pos == rp->len)
			return -1;
		size_t k = rp->len - rp->pos < n ? rp->len - rp->pos : n;
		memcpy(dst, rp->buf + rp->pos, k);
		rp->pos += k;
		dst += k;
		n -= k;
	}
	return 0;
}

/* A frame's record, rebuilt as the ring held it (whole slots, zeros after). */
static int read_record(struct replay *rp, const struct record_frame *fr, const uint64_t *v)
{
	size_t len = sizeof(struct sg_rec) + fr->body_len;
	size_t slots = (len + SG_RING_SLOT - 1) / SG_RING_SLOT;

	if (slots * SG_RING_SLOT > rp->next_cap) {
		rp->next_cap = slots * SG_RING_SLOT;
		rp->next = sg_xrealloc(rp->next, rp->next_cap);
	}
	struct sg_rec *rec = rp->next;
	memset(rec, 0, slots * SG_RING_SLOT);
	rec->type = fr->type;
	rec->nslots = (uint16_t)slots;
	rec->tid = fr->tid;
	rec->nr = fr->nr;
	rec->snap_len = fr->snap_len;
	rec->tsc = fr->tsc;
	memcpy(rec->v, v, sizeof(rec->v));
	if (read_bytes(rp, rec->snap, fr->body_len) < 0)
		return -1;
	deliver_held(rp, rec);
	/* The one just read is held in its turn. */
	struct sg_rec *t = rp->held;
	size_t c = rp->held_cap;
	rp->held = rp->next, rp->held_cap = rp->next_cap;
	rp->next = t, rp->next_cap = c;
	rp->have_held = true;
	rp->held_from_ptrace = fr->flags & RECORD_FROM_PTRACE;
	return 0;
}

/* ptrace saw a task end: its line, as ptrace.c's on_gone prints it. */
static void task_gone(struct replay *rp, const struct record_frame *fr)
{
	struct tracer *tr = &rp->ip.tr;
	int status = fr->nr;
	struct tracee *t = tracee_find(&tr->tt, fr->tid);

	if (fr->flags & RECORD_GONE_MAIN) {
		tr->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		tr->main_done = true;
	}
	if (fr->flags & RECORD_GONE_SHOWN) {
		struct sg_event ev = { .kind = SG_EV_PROC_EXIT, .pid = fr->tid,
				       .killed = WIFSIGNALED(status),
				       .exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 0 };
		ev.sig = ev.killed ? WTERMSIG(status) : 0;
		ev.core_dumped = ev.killed && WCOREDUMP(status);
		if (t && t->in_syscall && !tr->o->summary && (tr->o->status & STATUS_UNFINISHED)) {
			sg_decode_noreturn(&t->call);
			ev.call = &t->call;
		}
		ev.wall_ns = rp->ip.wall0_ns +
			     (unsigned long long)((double)(fr->tsc - rp->ip.tsc0) * rp->ip.ns_per_tsc);
		tracer_emit(tr, &ev);
	}
	if (t)
		tracee_remove(&tr->tt, fr->tid);
}

static bool frame_sane(const struct record_frame *fr)
{
	return fr->kind >= RECORD_REC && fr->kind <= RECORD_FD && fr->body_len <= RECORD_BODY_MAX &&
	       fr->snap_len <= fr->body_len && (fr->kind == RECORD_REC || fr->body_len == 0);
}

static int read_frames(struct replay *rp, struct trace_opts *o)
{
	struct record_frame fr;
	uint64_t v[6];
	int got;

	while ((got = record_decode(&rp->coder, next_byte, rp, &fr, v)) > 0) {
		rp->frame_no++;
		if (!frame_sane(&fr))
			break;
		if (fr.kind == RECORD_REC) {
			if (read_record(rp, &fr, v) < 0)
				break;
			continue;
		}
		if (fr.kind == RECORD_FD) { /* a fact, not an event: the held record waits on */
			learn_fd(rp, &fr, v);
			continue;
		}
		deliver_held(rp, NULL);
		if (fr.kind == RECORD_GONE)
			task_gone(rp, &fr);
		else
			inproc_command_ended(&rp->ip, fr.tid, fr.nr);
	}
	deliver_held(rp, NULL);
	char why[128];
	bool clean_end = got == 0 && !ferror(rp->f);
	if (clean_end && rp->frame_no == rp->frames)
		return 0;
	if (clean_end)
		snprintf(why, sizeof(why), "it ends after %llu of its %llu frames; the lines before "
			 "were printed", rp->frame_no, rp->frames);
	else
		snprintf(why, sizeof(why), "frame %llu is damaged; the lines before it were printed",
			 rp->frame_no + (got < 0));
	return bad_file(o, rp->path, why);
}

static int finish(struct replay *rp, int rc)
{
	struct tracer *tr = &rp->ip.tr;

	inproc_finish_calls(&rp->ip);
	if (tr->sum && rc == 0)
		summary_print(tr->sum, &tr->o->summary_format, sg_output_stream(tr->out));
	if (rc == 0)
		inproc_report(&rp->ip, false);
	tracer_close_output(tr);
	return tr->exit_status;
}

static int replay(struct replay *rp, struct trace_opts *o)
{
	int status = 1;

	rp->f = fopen(o->replay, "re");
	if (!rp->f)
		return trace_fail(o, 1, "cannot open the recording '%s': %s; make one with "
				  "sysgate trace --record FILE -- CMD", o->replay, strerror(errno));
	rp->ip.ring.ctl = sg_xcalloc(1, sizeof(*rp->ip.ring.ctl));
	inproc_ring_select(rp->ip.ring.ctl, o); /* -e trace= now */
	rp->ip.tr.ring = rp->ip.ring.ctl;
	o->dec.fd_netlink = recorded_fd_netlink;
	o->dec.fd_netlink_ctx = rp;
	if (read_header(rp, o) == 0 && tracer_open_output(&rp->ip.tr) == 0)
		status = finish(rp, read_frames(rp, o));
	fclose(rp->f);
	free(rp->ip.ring.ctl);
	free(rp->held);
	free(rp->next);
	free(rp->facts);
	free(rp->ip.procs);
	free(rp->ip.nstids);
	return status;
}

int replay_run(struct trace_opts *o)
{
	struct replay *rp = sg_xcalloc(1, sizeof(*rp)); /* its read buffer is large */

	rp->path = o->replay;
	rp->ip.tr.o = o;
	int status = replay(rp, o);
	free(rp);
	return o->err.msg[0] ? o->err.status : status;
}
