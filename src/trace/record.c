/* --record FILE: the records of a run written as they come, undecoded (record.h). */
#include "record.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "core/capture.h"
#include "core/decode.h"
#include "core/output.h"
#include "core/util.h"

#define WRITE_BUFFER ((size_t)1 << 20) /* records reach the file in large writes */

struct trace_record {
	FILE *f;
	int fd; /* f's: written by write_out in large pieces, not through stdio */
	uint8_t *out; /* frames not yet written, out_len bytes of WRITE_BUFFER */
	size_t out_len;
	char *tmp; /* sg_atomic_open's */
	const struct trace_opts *o;
	const char *backend;
	enum record_clock clock;
	unsigned long long tsc0, mono0_ns, wall0_ns;
	double ticks_per_ns;
	unsigned long long frames;
	int err; /* the first write's failure (errno), or 0 */
	/* ptrace: what the capture plan copies, as the agent is told it */
	struct sg_capture_opts cap;
	uint64_t unabbreviated[SG_CAPTURE_NR / 64];
	uint64_t dump_read[SG_CAPTURE_FDS / 64], dump_write[SG_CAPTURE_FDS / 64];
	uint8_t *buf; /* a call's snapshot, being made */
	size_t buf_len;
	uint64_t asks_fd[SG_NR_SYSCALLS / 64]; /* the calls that get a RECORD_FD first */
	struct record_coder coder;
};

static void write_out(struct trace_record *r)
{
	size_t done = 0;

	while (done < r->out_len && !r->err) {
		ssize_t k = write(r->fd, r->out + done, r->out_len - done);
		if (k < 0 && errno != EINTR)
			r->err = errno;
		else if (k > 0)
			done += (size_t)k;
	}
	r->out_len = 0;
}

static void put(struct trace_record *r, const void *p, size_t n)
{
	while (n) {
		if (r->out_len == WRITE_BUFFER)
			write_out(r);
		size_t k = WRITE_BUFFER - r->out_len < n ? WRITE_BUFFER - r->out_len : n;
		memcpy(r->out + r->out_len, p, k);
		r->out_len += k;
		p = (const uint8_t *)p + k;
		n -= k;
	}
}

/* The values a frame keeps: an entry's arguments as far as its syscall has any
 * (the registers past them are whatever the caller left there), an end's result
 * and flags; none past the last nonzero one (a call of no arguments takes the
 * frame alone). */
static int values_kept(const struct record_frame *fr, const uint64_t *v)
{
	int nv = v ? 6 : 0;
	bool entry = fr->type == SG_REC_ENTER || fr->type == SG_REC_ENTER_IP;
	const struct sg_syscall *sc = entry ? sg_syscall(fr->nr) : NULL;

	if (sc && !sc->no_metadata && sc->nargs < nv)
		nv = sc->nargs;
	while (nv > 0 && !v[nv - 1])
		nv--;
	return nv;
}

static void put_frame(struct trace_record *r, struct record_frame *fr, const uint64_t *v,
		      const void *body)
{
	uint8_t head[RECORD_FRAME_MAX];

	fr->nv = (uint8_t)values_kept(fr, v);
	put(r, head, record_encode(&r->coder, fr, v, head));
	put(r, body, fr->body_len);
	r->frames++;
}

/* The bytes of a ring record past its header that hold something: its
 * snapshot, and what its type keeps after it; never more than room. */
static uint32_t ring_body_len(const struct sg_rec *rec, size_t room)
{
	size_t at = sg_rec_stack_offset(rec->snap_len), len = rec->snap_len;
	struct sg_rec_end end;
	uint32_t stack_len;

	if (rec->type == SG_REC_ENTER_IP)
		len = at + sizeof(uint64_t);
	else if (rec->type == SG_REC_CALL && sg_rec_end(rec, &end))
		len = at + sizeof(end) + end.snap_len;
	else if (sg_rec_stack(rec, &stack_len))
		len = at + sizeof(struct sg_rec_stack) + stack_len;
	return (uint32_t)(len < room ? len : room);
}

/* The syscalls whose decoders ask what their fd is (sg_kind_asks_fd_netlink). */
static void find_fd_askers(struct trace_record *r)
{
	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++) {
		const struct sg_syscall *sc = sg_syscall(nr);
		for (int i = 0; sc && i < sc->nargs; i++)
			if (sg_kind_asks_fd_netlink(SG_ARG_KIND(sc->args[i].kind)))
				r->asks_fd[nr / 64] |= 1ull << (nr % 64);
	}
}

/* What the call's fd is, asked of the process now, for the replay to answer
 * as the live decoders would have. */
static void put_fd_facts(struct trace_record *r, pid_t tid, long nr, const uint64_t *args,
			 uint64_t tsc)
{
	if (nr < 0 || nr >= SG_NR_SYSCALLS || !(r->asks_fd[nr / 64] >> (nr % 64) & 1))
		return;
	int proto = 0;
	bool netlink = sg_fd_netlink_live(tid, (int)args[0], &proto);
	uint64_t v[6] = { netlink, (uint64_t)(int64_t)proto };
	struct record_frame fr = { .kind = RECORD_FD, .tid = tid, .nr = (int32_t)args[0],
				   .tsc = tsc };

	put_frame(r, &fr, v, NULL);
}

void record_ring(struct trace_record *r, const struct sg_rec *rec, size_t room)
{
	if (rec->type == SG_REC_ENTER || rec->type == SG_REC_ENTER_IP || rec->type == SG_REC_CALL)
		put_fd_facts(r, rec->tid, rec->nr, rec->v, rec->tsc);

	uint32_t body = ring_body_len(rec, room);
	struct record_frame fr = { .kind = RECORD_REC, .type = (uint8_t)rec->type, .tid = rec->tid,
				   .nr = rec->nr, .body_len = body, .tsc = rec->tsc,
				   .snap_len = rec->snap_len < body ? rec->snap_len : body };

	put_frame(r, &fr, rec->v, rec->snap);
}

static pid_t copy_pid; /* whose memory copy_live reads */

/* Page by page: a region that runs into an unmapped page gives what comes before. */
static size_t copy_live(void *dst, uint64_t src, size_t n)
{
	size_t got = 0;

	while (got < n) {
		size_t chunk = 4096 - ((src + got) & 4095);
		if (chunk > n - got)
			chunk = n - got;
		ssize_t k = sg_mem_read(copy_pid, src + got, (uint8_t *)dst + got, chunk);
		if (k <= 0)
			break;
		got += (size_t)k;
		if ((size_t)k < chunk)
			break;
	}
	return got;
}

static uint8_t *scratch(struct trace_record *r, size_t len)
{
	if (len > r->buf_len) {
		r->buf_len = len;
		r->buf = sg_xrealloc(r->buf, len);
	}
	return r->buf;
}

void record_call(struct trace_record *r, pid_t tid, long nr, const uint64_t *args, bool at_exit,
		 int64_t ret, unsigned flags, uint64_t ip)
{
	struct sg_capture_plan plan;
	uint64_t result[6] = { (uint64_t)ret, flags };

	copy_pid = tid;
	if (!at_exit)
		put_fd_facts(r, tid, nr, args, sg_ring_tsc());
	sg_capture_plan(&plan, nr, args, at_exit, ret, &r->cap, copy_live);
	uint8_t *body = scratch(r, sg_snap_size(&plan) + 2 * sizeof(ip));
	struct record_frame fr = { .kind = RECORD_REC, .flags = RECORD_FROM_PTRACE, .tid = tid,
				   .nr = (int32_t)nr, .tsc = sg_ring_tsc() };
	fr.type = at_exit ? SG_REC_EXIT : ip ? SG_REC_ENTER_IP : SG_REC_ENTER;
	fr.snap_len = fr.body_len = (uint32_t)sg_snap_write(&plan, body, copy_live);
	if (fr.type == SG_REC_ENTER_IP) { /* -i: the call site after the snapshot */
		size_t at = sg_rec_stack_offset(fr.snap_len);
		memset(body + fr.snap_len, 0, at - fr.snap_len);
		memcpy(body + at, &ip, sizeof(ip));
		fr.body_len = (uint32_t)(at + sizeof(ip));
	}
	put_frame(r, &fr, at_exit ? result : args, body);
}

void record_signal(struct trace_record *r, pid_t tid, int sig, const siginfo_t *si, uint64_t ip)
{
	uint64_t v[6] = { (uint64_t)sig, 0, ip };
	struct record_frame fr = { .kind = RECORD_REC, .type = SG_REC_SIGNAL,
				   .flags = RECORD_FROM_PTRACE, .tid = tid, .tsc = sg_ring_tsc(),
				   .snap_len = sizeof(*si), .body_len = sizeof(*si) };

	put_frame(r, &fr, v, si);
}

static void put_end(struct trace_record *r, int kind, pid_t pid, int status, unsigned flags)
{
	struct record_frame fr = { .kind = (uint8_t)kind, .flags = (uint8_t)flags, .tid = pid,
				   .nr = status, .tsc = sg_ring_tsc() };

	if (r->clock == RECORD_CLOCK_MONOTONIC)
		fr.tsc = sg_now_ns();
	put_frame(r, &fr, NULL, NULL);
}

void record_gone(struct trace_record *r, pid_t tid, int status, unsigned flags)
{
	put_end(r, RECORD_GONE, tid, status, flags);
}

void record_command_end(struct trace_record *r, pid_t pid, int status)
{
	put_end(r, RECORD_END, pid, status, 0);
}

static void add(json_object *o, const char *key, json_object *v)
{
	json_object_object_add(o, key, v);
}

static json_object *strings(char *const *s, int n)
{
	json_object *a = json_object_new_array();

	for (int i = 0; s && (n < 0 ? s[i] != NULL : i < n); i++)
		json_object_array_add(a, json_object_new_string(s[i]));
	return a;
}

/* What replay needs to know, and a reader to trust the file: self-describing. */
static json_object *header_json(const struct trace_record *r, bool complete,
				unsigned long long dropped)
{
	json_object *h = json_object_new_object(), *clock = json_object_new_object();
	struct utsname u;
	char hash[32];

	uname(&u);
	snprintf(hash, sizeof(hash), "%016llx", (unsigned long long)sg_syscall_table_hash());
	add(h, "format", json_object_new_string(RECORD_FORMAT));
	add(h, "version", json_object_new_int(RECORD_VERSION));
	add(h, "complete", json_object_new_boolean(complete));
	add(h, "kernel", json_object_new_string(u.release));
	add(h, "machine", json_object_new_string(u.machine));
	add(h, "syscall_table", json_object_new_string(hash));
	add(h, "backend", json_object_new_string(r->backend));
	add(clock, "source", json_object_new_string(r->clock == RECORD_CLOCK_TSC ? "tsc" : "monotonic"));
	add(clock, "ticks0", json_object_new_int64((int64_t)r->tsc0));
	add(clock, "wall0_ns", json_object_new_int64((int64_t)r->wall0_ns));
	add(clock, "ticks_per_ns", json_object_new_double(r->ticks_per_ns));
	add(h, "clock", clock);
	add(h, "strsize", json_object_new_int(r->o->dec.strsize));
	add(h, "frames", json_object_new_int64((int64_t)r->frames));
	add(h, "dropped", json_object_new_int64((int64_t)dropped));
	if (r->o->cmd)
		add(h, "command", strings(r->o->cmd, -1));
	return h;
}

/* The header's RECORD_HEADER_SIZE bytes: JSON, spaces, a newline. A command
 * line too long for it is left out. */
static void header_text(const struct trace_record *r, bool complete, unsigned long long dropped,
			char *out)
{
	json_object *h = header_json(r, complete, dropped);
	const char *s = json_object_to_json_string_ext(h, JSON_C_TO_STRING_PLAIN);

	if (strlen(s) >= RECORD_HEADER_SIZE) {
		json_object_object_del(h, "command");
		s = json_object_to_json_string_ext(h, JSON_C_TO_STRING_PLAIN);
	}
	size_t n = strlen(s);
	memcpy(out, s, n);
	memset(out + n, ' ', RECORD_HEADER_SIZE - 1 - n);
	out[RECORD_HEADER_SIZE - 1] = '\n';
	json_object_put(h);
}

static void set_bits(uint64_t *bits, const bool *set, int n)
{
	for (int i = 0; set && i < n; i++)
		if (set[i])
			bits[i / 64] |= 1ull << (i % 64);
}

/* ptrace copies what the agent would: -s, -v and -e abbrev=, -e read= and write=. */
static void capture_opts(struct trace_record *r, const struct trace_opts *o)
{
	r->cap.strsize = o->dec.strsize;
	if (o->dec.no_abbrev) {
		set_bits(r->unabbreviated, o->dec.no_abbrev,
			 SG_NR_SYSCALLS < SG_CAPTURE_NR ? SG_NR_SYSCALLS : SG_CAPTURE_NR);
		r->cap.unabbreviated = r->unabbreviated;
	}
	if (o->dec.dump_read || o->dec.dump_write) {
		set_bits(r->dump_read, o->dec.dump_read, SG_CAPTURE_FDS);
		set_bits(r->dump_write, o->dec.dump_write, SG_CAPTURE_FDS);
		r->cap.dump_read = r->dump_read;
		r->cap.dump_write = r->dump_write;
	}
}

int record_begin(struct tracer *tr, const char *backend, enum record_clock clock)
{
	struct trace_opts *o = tr->o;
	char header[RECORD_HEADER_SIZE];

	if (!o->record)
		return 0;
	struct trace_record *r = sg_xcalloc(1, sizeof(*r));
	r->f = sg_atomic_open(o->record, &r->tmp);
	if (!r->f) {
		free(r);
		return trace_fail(o, 1, "cannot write the recording '%s': %s; check that its folder "
				  "exists and is writable", o->record, strerror(errno));
	}
	r->fd = fileno(r->f);
	r->out = sg_xrealloc(NULL, WRITE_BUFFER);
	r->o = o;
	r->backend = backend;
	r->clock = clock;
	r->mono0_ns = sg_now_ns();
	r->wall0_ns = sg_wall_ns();
	r->tsc0 = clock == RECORD_CLOCK_TSC ? sg_ring_tsc() : r->mono0_ns;
	r->ticks_per_ns = 1.0;
	capture_opts(r, o);
	find_fd_askers(r);
	header_text(r, false, 0, header); /* written whole at the end */
	put(r, header, sizeof(header));
	tr->rec = r;
	return 0;
}

static void settle_clock(struct trace_record *r)
{
	unsigned long long m1 = sg_now_ns(), t1 = sg_ring_tsc();

	if (r->clock == RECORD_CLOCK_TSC && m1 > r->mono0_ns && t1 > r->tsc0)
		r->ticks_per_ns = (double)(t1 - r->tsc0) / (double)(m1 - r->mono0_ns);
}

int record_end(struct tracer *tr, bool ok, unsigned long long dropped)
{
	struct trace_record *r = tr->rec;
	char header[RECORD_HEADER_SIZE];
	int rc = 0;

	if (!r)
		return 0;
	tr->rec = NULL;
	settle_clock(r);
	header_text(r, true, dropped, header);
	if (ok)
		write_out(r);
	if (ok && !r->err && pwrite(r->fd, header, sizeof(header), 0) != sizeof(header))
		r->err = errno ? errno : EIO;
	if (!ok || r->err) {
		if (ok)
			sg_error("trace: cannot write the recording '%s': %s; nothing was kept",
				 tr->o->record, strerror(r->err));
		sg_atomic_abort(r->f, r->tmp);
		rc = ok ? -1 : 0;
	} else if (sg_atomic_commit(r->f, tr->o->record, r->tmp) < 0) {
		rc = -1;
	}
	free(r->buf);
	free(r->out);
	free(r);
	return rc;
}
