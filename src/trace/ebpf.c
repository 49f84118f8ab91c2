/* The eBPF backend, sysgate's side: load the programs of ebpf.bpf.c, tell them
 * which processes to follow and what memory each syscall's decoders read, start
 * the command (or name the running processes of -p), and read the kernel's
 * records as the in-process agent's are read (inproc_records.c). Nothing stops
 * or enters the traced processes. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "core/bpf_user.h"
#include "core/capture.h"
#include "core/cgroup.h"
#include "core/proc_status.h"
#include "core/tracefs.h"
#include "core/util.h"
#include "launch/launch.h"
#include "inproc.h"
#include "record.h"
#include "trace/ebpf.skel.h"
#include "trace/ebpf_abi.h"

_Static_assert(sizeof(struct sg_ebpf_rec) == sizeof(struct sg_rec) &&
		       offsetof(struct sg_ebpf_rec, snap_len) == offsetof(struct sg_rec, snap_len) &&
		       offsetof(struct sg_ebpf_rec, v) == offsetof(struct sg_rec, v),
	       "the kernel's records are the agent's");
_Static_assert(SG_EBPF_REC_ENTER == SG_REC_ENTER && SG_EBPF_REC_EXIT == SG_REC_EXIT &&
		       SG_EBPF_REC_SIGNAL == SG_REC_SIGNAL,
	       "the same record types");

#define POLL_MS 4 /* records are read this often: the program wakes sysgate only when the ring fills */
/* Records read in one go before sysgate looks up (a signal, the command's
 * end): processes that write faster than it reads would keep it reading. */
#define BATCH 4096
#define BATCH_DONE (-EINTR) /* on_record's "enough for now", not an error */

struct ebpf_run {
	struct inproc ip; /* the records' reader, as for the agent's */
	struct trace_ebpf *skel;
	struct ring_buffer *rb;
	/* The record read last, held until the next one is there: a call's entry
	 * and its end printed as one line when nothing came between. */
	struct sg_rec *held;
	size_t held_cap, held_size;
	bool have_held;
	int batch; /* records read since the last look up */
	__u32 scope; /* SG_EBPF_SCOPE_* */
	uint64_t cgroup_id;
};

const char *ebpf_unsupported(const struct trace_opts *o)
{
	if (o->on_event || o->on_call)
		return "an observer (advise, learn) must see every call, and a full BPF ring "
		       "buffer drops records";
	if (o->ninjects)
		return "-e inject= changes calls, which a BPF program here cannot";
	if (o->stack_trace)
		return "-k unwinds stacks, which this backend does not copy yet";
	if (o->daemonize)
		return "-D is a ptrace arrangement";
	if (o->detach_on_exec)
		return "-b execve lets go of ptrace";
	if (o->out.show_ip)
		return "-i needs the call site, which this backend does not copy yet";
	if (o->dec.kvm_vcpu)
		return "-e kvm=vcpu reads a stopped vcpu's memory";
	if (o->dec.fd_details || o->decode_pids || o->npaths)
		return "-y, -Y and -P look at the process's fds as the call is made";
	return NULL;
}

/* Each syscall's arguments, as the table gives their kinds, in the shapes
 * the program copies (sg_capture_arg_shape: the plan's own regions). */
static int fill_shapes(struct trace_ebpf *skel, int strsize)
{
	int fd = bpf_map__fd(skel->maps.shapes);

	for (long nr = 0; nr < SG_NR_SYSCALLS && nr < SG_EBPF_NR; nr++) {
		const struct sg_syscall *sc = sg_syscall(nr);
		struct sg_ebpf_shape sh;
		memset(&sh, 0, sizeof(sh));
		for (int i = 0; sc && !sc->no_metadata && i < sc->nargs && i < 6; i++) {
			struct sg_arg_shape a;
			if (!sg_capture_arg_shape(SG_ARG_KIND(sc->args[i].kind), strsize, &a))
				continue;
			sh.arg[i] = (struct sg_ebpf_arg){ .how = a.how,
							  .at_exit = (sc->args[i].kind & SG_ARG_OUT) != 0,
							  .len = a.len, .max = a.max };
		}
		__u32 key = (__u32)nr;
		if (bpf_map_update_elem(fd, &key, &sh, BPF_ANY) != 0)
			return -errno;
	}
	return 0;
}

static int load(struct ebpf_run *r)
{
	const struct trace_opts *o = r->ip.tr.o;
	int rc;

	sg_bpf_log(o->debug);
	if (!(r->skel = trace_ebpf__open()))
		return errno ? -errno : -ENOTSUP;
	r->skel->rodata->follow = o->follow;
	r->skel->rodata->scope = r->scope;
	r->skel->rodata->cgroup_id = r->cgroup_id;
	r->skel->rodata->self_tgid = (__u32)getpid();
	/* -f: where task:task_newtask keeps the new task's id and clone flags */
	if ((rc = sg_tracefs_newtask_fields(&r->skel->rodata->newtask_pid_at,
					    &r->skel->rodata->newtask_flags_at)) != 0 ||
	    (rc = trace_ebpf__load(r->skel)) != 0 ||
	    (rc = fill_shapes(r->skel, o->dec.strsize)) != 0 || (rc = trace_ebpf__attach(r->skel)) != 0)
		return rc < 0 ? rc : -rc;
	return 0;
}

static int add_process(struct ebpf_run *r, pid_t pid, __u32 state)
{
	__u32 key = (__u32)pid;

	return bpf_map__update_elem(r->skel->maps.procs, &key, sizeof(key), &state, sizeof(state),
				    BPF_ANY) == 0 ? 0 : -errno;
}

/* --record with -o: a record is written as it is decoded, so that what the
 * recording keeps of its fds is what the decoders saw then. */
static void read_held(struct ebpf_run *r, const struct sg_rec *next)
{
	if (!r->have_held)
		return;
	if (r->ip.tr.rec)
		record_ring(r->ip.tr.rec, r->held, r->held_size - sizeof(*r->held));
	inproc_record(&r->ip, r->held, next);
	r->have_held = false;
}

/* The record read last waits for the next (read_held). */
static void hold(struct ebpf_run *r, const struct sg_rec *rec, size_t size)
{
	read_held(r, rec);
	if (size > r->held_cap) {
		r->held_cap = size;
		r->held = sg_xrealloc(r->held, size);
	}
	memcpy(r->held, rec, size);
	r->held_size = size;
	r->have_held = true;
}

static int on_record(void *ctx, void *data, size_t size)
{
	struct ebpf_run *r = ctx;
	struct sg_rec *rec = data;

	if (size < sizeof(*rec) || rec->snap_len > size - sizeof(*rec))
		return 0;
	if (r->ip.tr.record_only)
		record_ring(r->ip.tr.rec, rec, size - sizeof(*rec));
	else
		hold(r, rec, size);
	return ++r->batch >= BATCH ? BATCH_DONE : 0; /* this one is read either way */
}

/* Everything the ring holds now (BATCH at a time). */
static void consume_all(struct ebpf_run *r)
{
	int n;

	do {
		r->batch = 0;
		n = ring_buffer__consume(r->rb);
	} while (n == BATCH_DONE);
}


/* The command's end; killed, as ptrace would say it. */
static void command_ended(struct ebpf_run *r, pid_t pid, int status)
{
	struct tracer *tr = &r->ip.tr;

	tr->main_done = true;
	consume_all(r); /* its last records first */
	read_held(r, NULL);
	inproc_command_ended(&r->ip, pid, status);
}

/* The command waits on go[0] until it is in the procs map; exec errors are its
 * own line and status, as under the other backends. */
static pid_t start_command(struct ebpf_run *r)
{
	const struct trace_opts *o = r->ip.tr.o;
	int go[2];
	char byte;
	/* One execve of the program found, as ptrace starts it: not execvp's
	 * tries along PATH, which would be traced. */
	char *path = sg_find_program(o->cmd[0]);

	if (!path)
		return trace_fail(r->ip.tr.o, 127, "cannot run '%s': %s", o->cmd[0], strerror(errno));
	if (pipe2(go, O_CLOEXEC) != 0)
		return trace_fail(r->ip.tr.o, 1, "cannot create a pipe: %s", strerror(errno));
	pid_t child = fork();
	if (child < 0)
		return trace_fail(r->ip.tr.o, 1, "cannot fork: %s", strerror(errno));
	if (child == 0) {
		close(go[1]);
		launch_die_with_parent(getppid());
		if (read(go[0], &byte, 1) != 1)
			_exit(1);
		tracer_restore_child_signals();
		tracer_become_user(o); /* -u: exits 126 when it cannot */
		execv(path, o->cmd);
		fprintf(stderr, "sysgate: cannot run '%s': %s\n", o->cmd[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	free(path);
	close(go[0]);
	int rc = add_process(r, child, SG_EBPF_AT_EXEC);
	if (rc == 0 && write(go[1], "g", 1) != 1)
		rc = -errno;
	close(go[1]);
	if (rc != 0) {
		waitpid(child, NULL, 0);
		return trace_fail(r->ip.tr.o, 1, "cannot start the command: %s", strerror(-rc));
	}
	return child;
}

static bool any_alive(const pid_t *pids, int n)
{
	for (int i = 0; i < n; i++)
		if (kill(pids[i], 0) == 0 || errno == EPERM)
			return true;
	return false;
}

/* Until the command and what it left (sysgate is their subreaper) have ended,
 * or, with -p, the processes; or a signal told sysgate to stop. */
static void run_loop(struct ebpf_run *r, const sigset_t *stops)
{
	struct tracer *tr = &r->ip.tr;
	const struct trace_opts *o = tr->o;

	for (;;) {
		int status;
		pid_t pid;
		r->batch = 0;
		ring_buffer__poll(r->rb, POLL_MS);
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
			if (pid == tr->main_pid)
				command_ended(r, pid, status);
		if (o->cmd && pid < 0 && errno == ECHILD)
			break;
		if (o->nattach && !any_alive(o->attach, o->nattach))
			break;
		struct timespec now = { 0, 0 };
		if (sigtimedwait(stops, NULL, &now) > 0)
			break;
	}
	/* No record after this one: what the ring holds is read, and the end
	 * comes even when the processes write faster than sysgate reads. */
	trace_ebpf__detach(r->skel);
	consume_all(r);
	read_held(r, NULL);
}

/* A per-CPU counter of the program's (0 if it cannot be read). */
static unsigned long long percpu_sum(struct bpf_map *map)
{
	uint64_t sum;

	return sg_bpf_percpu_sum(bpf_map__fd(map), 0, &sum) == 0 ? sum : 0;
}

/* What the kernel could not give: never silent. */
static void report_losses(struct ebpf_run *r)
{
	unsigned long long dropped = percpu_sum(r->skel->maps.dropped);
	unsigned long long unreadable = percpu_sum(r->skel->maps.unreadable);

	if (dropped)
		fprintf(stderr, "sysgate: trace: %llu events dropped (the BPF ring buffer was full)\n",
			dropped);
	unsigned long long missed = r->ip.tr.record_only ? 0 : sg_decode_snap_misses();
	if (missed)
		fprintf(stderr, "sysgate: trace: %llu arguments were shown as addresses: their "
				"memory is not in the records (%llu not resident when the call was "
				"made; the others of kinds this backend does not copy yet: netlink "
				"messages, socket options, ioctl and prctl structures, file handles)\n",
			missed, unreadable);
	else if (unreadable)
		fprintf(stderr, "sysgate: trace: %llu arguments' memory was not resident when the "
				"call was made; they are shown as addresses\n",
			unreadable);
}

static int attach_pids(struct ebpf_run *r)
{
	const struct trace_opts *o = r->ip.tr.o;

	for (int i = 0; i < o->nattach; i++) {
		pid_t tgid = sg_proc_status_field(o->attach[i], "Tgid", 0);
		if (tgid <= 0)
			return trace_fail(r->ip.tr.o, 1, "no process with pid '%d'; check the pid with ps",
					  (int)o->attach[i]);
		int rc = add_process(r, tgid, SG_EBPF_TRACED);
		if (rc != 0)
			return trace_fail(r->ip.tr.o, 1, "cannot trace pid %d: %s", (int)tgid,
					  strerror(-rc));
		if (!o->quiet)
			fprintf(stderr, "sysgate: Process %d attached\n", (int)tgid);
	}
	return 0;
}

static void finish(struct ebpf_run *r)
{
	struct tracer *tr = &r->ip.tr;

	inproc_finish_calls(&r->ip);
	if (tr->sum)
		summary_print(tr->sum, &tr->o->summary_format, sg_output_stream(tr->out));
	if (record_end(tr, true, percpu_sum(r->skel->maps.dropped)) < 0 && tr->exit_status == 0)
		tr->exit_status = 1;
	report_losses(r);
	tracer_close_output(tr);
}

/* --system-wide, --cgroup: which tasks the programs see. */
static int set_scope(struct ebpf_run *r, struct trace_opts *o)
{
	char path[512];

	r->scope = o->system_wide ? SG_EBPF_SCOPE_ALL : SG_EBPF_SCOPE_PROCS;
	if (!o->cgroup)
		return 0;
	int fd = sg_cgroup2_open(o->cgroup, path, sizeof(path), &r->cgroup_id);
	if (fd == -EMEDIUMTYPE)
		return trace_fail(o, 1, "'%s' is not a cgroup v2 directory; give one under "
				  "/sys/fs/cgroup/unified (or /sys/fs/cgroup on a cgroup v2 system)",
				  path);
	if (fd < 0)
		return trace_fail(o, 1, "cannot open cgroup '%s': %s; give a path under "
				  "/sys/fs/cgroup/unified or /sys/fs/cgroup", o->cgroup, strerror(-fd));
	close(fd);
	r->scope = SG_EBPF_SCOPE_CGROUP;
	return 0;
}

static int setup(struct ebpf_run *r, struct trace_opts *o)
{
	const char *why = ebpf_unsupported(o);
	int rc;

	if (why)
		return trace_fail(o, 1, "--backend ebpf: %s; use --backend ptrace", why);
	if (set_scope(r, o) < 0)
		return -1;
	if ((rc = load(r)) != 0 && o->backend == BACKEND_AUTO) {
		o->ebpf_refused = true; /* auto: ptrace instead */
		return trace_fail(o, 1, "the kernel refused the BPF programs: %s", strerror(-rc));
	}
	if (rc != 0)
		return trace_fail(o, 1, "--backend ebpf: the kernel refused the BPF programs: %s; "
				  "run as root on a kernel with BPF raw tracepoints, or use "
				  "--backend ptrace", strerror(-rc));
	r->rb = ring_buffer__new(bpf_map__fd(r->skel->maps.events), on_record, r, NULL);
	if (!r->rb)
		return trace_fail(o, 1, "--backend ebpf: cannot read the BPF ring buffer: %s",
				  strerror(errno));
	/* The records' stamps are CLOCK_MONOTONIC nanoseconds. */
	r->ip.tsc0 = sg_now_ns();
	r->ip.wall0_ns = sg_wall_ns();
	r->ip.tsc_per_ns = r->ip.ns_per_tsc = 1.0;
	r->ip.ring.ctl = sg_xcalloc(1, sizeof(*r->ip.ring.ctl));
	inproc_ring_select(r->ip.ring.ctl, o);
	struct tracer *tr = &r->ip.tr;
	if (tracer_open_output(tr) < 0)
		return -1;
	tr->record_only = o->record_only;
	if (record_begin(tr, "ebpf", RECORD_CLOCK_MONOTONIC) < 0) {
		tracer_abort_output(tr);
		return -1;
	}
	return 0;
}

int ebpf_run(struct trace_opts *o)
{
	struct ebpf_run r = { .ip = { .tr = { .o = o } } };
	sigset_t stops;
	int status = 1;

	sigemptyset(&stops);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGHUP);
	if (setup(&r, o) == 0) {
		tracer_save_signals();
		if (o->cmd) {
			r.ip.tr.main_pid = start_command(&r);
			if (r.ip.tr.main_pid > 0)
				launch_forward_signals(r.ip.tr.main_pid);
		} else {
			/* -p, --system-wide, --cgroup: Ctrl-C ends the trace; the
			 * processes go on. */
			sigprocmask(SIG_BLOCK, &stops, NULL);
		}
		if (r.ip.tr.main_pid > 0 || (!o->cmd && attach_pids(&r) == 0)) {
			run_loop(&r, &stops);
			for (int i = 0; !o->cmd && !o->quiet && i < o->nattach; i++)
				fprintf(stderr, "sysgate: Process %d detached\n", (int)o->attach[i]);
			finish(&r);
			status = r.ip.tr.exit_status;
		} else {
			if (r.ip.tr.out)
				tracer_abort_output(&r.ip.tr);
			record_end(&r.ip.tr, false, 0);
		}
	}
	ring_buffer__free(r.rb);
	trace_ebpf__destroy(r.skel);
	free(r.ip.ring.ctl);
	free(r.held);
	free(r.ip.procs);
	return o->err.msg[0] ? o->err.status : status;
}
