/* Setting up an in-process trace: the ring file, page 0 for the rewrite
 * backend, the TSC scale, and the command with the agent preloaded. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core/capture.h"
#include "core/decode.h"
#include "core/util.h"
#include "inproc.h"
#include "launch/launch.h"

#define RING_SLOTS 16384u /* 2 MiB of records */
/* -k: a call's record holds 16 KiB of its stack: room for ~500 of them. */
#define RING_SLOTS_STACKS 65536u
/* An observer's (sysgate advise): its records are read every few ms, and the
 * fewer slots the program writes over, the more of them are still in its CPU's
 * caches when written again (a record costs the program ~45 ns less here than
 * in a 2 MiB ring). A sampled stack takes 4 KiB at most. */
#define RING_SLOTS_OBSERVER 4096u

/* Rings of sysgate runs that were killed outright (SIGKILL leaves no time to
 * remove them): the pid in the name no longer exists. */
void inproc_remove_stale_rings(void)
{
	DIR *d = opendir("/dev/shm");

	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		int pid, n;
		if (sscanf(e->d_name, "sysgate-trace-%d-%d", &pid, &n) == 2 && pid > 0 &&
		    kill(pid, 0) < 0 && errno == ESRCH)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

static void set_bit(uint64_t *bits, int i)
{
	bits[i / 64] |= 1ull << (i % 64);
}

_Static_assert(SG_RING_DUMP_FDS == SG_DUMP_FDS && SG_RING_DUMP_FDS == SG_CAPTURE_FDS &&
		       SG_RING_NR == SG_CAPTURE_NR,
	       "the ring's bitmaps are what the options and the capture name");

static void set_bits(uint64_t *bits, const bool *set, int n)
{
	for (int i = 0; set && i < n; i++)
		if (set[i])
			set_bit(bits, i);
}

/* What the agent copies beyond -s: the calls shown in full (-v, -e abbrev=), the
 * data of the fds dumped (-e read=, -e write=). */
static void ring_set_capture(struct sg_ring_ctl *ctl, const struct trace_opts *o)
{
	if (o->dec.no_abbrev) {
		ctl->flags |= SG_RING_UNABBREVIATED;
		set_bits(ctl->unabbreviated, o->dec.no_abbrev,
			 SG_NR_SYSCALLS < SG_RING_NR ? SG_NR_SYSCALLS : SG_RING_NR);
	}
	if (o->dec.dump_read || o->dec.dump_write) {
		ctl->flags |= SG_RING_DUMP;
		set_bits(ctl->dump_read, o->dec.dump_read, SG_RING_DUMP_FDS);
		set_bits(ctl->dump_write, o->dec.dump_write, SG_RING_DUMP_FDS);
	}
}

static uint64_t own_pidns(void)
{
	struct stat st;

	return stat("/proc/self/ns/pid", &st) == 0 ? st.st_ino : 0;
}

void inproc_ring_select(struct sg_ring_ctl *ctl, const struct trace_opts *o)
{
	for (int nr = 0; nr < SG_RING_NR; nr++)
		if (o->select_all || (nr < SG_NR_SYSCALLS && o->selected[nr]))
			set_bit(ctl->selected, nr);
}

int inproc_ring_create(struct inproc *ip)
{
	/* -e read=, -e write=: a call's record holds up to SG_CAPTURE_DUMP_MAX. An
	 * observer's sampled stacks are few: its ring stays small (each process
	 * maps it whole, and its pages are the program's faults). */
	bool all_stacks = ip->tr.stacks && !ip->tr.o->stack_sample;
	bool big = all_stacks || ip->tr.o->dec.dump_read || ip->tr.o->dec.dump_write;
	uint32_t nslots = big ? RING_SLOTS_STACKS
			      : ip->tr.o->on_event ? RING_SLOTS_OBSERVER : RING_SLOTS;
	size_t len = sg_ring_map_size(nslots);
	int fd = -1;

	for (int i = 0; i < 100 && fd < 0; i++) {
		snprintf(ip->ring_path, sizeof(ip->ring_path), "/dev/shm/sysgate-trace-%d-%d",
			 (int)getpid(), i);
		fd = open(ip->ring_path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	}
	if (fd < 0)
		return sg_error("cannot create the trace ring in /dev/shm: %s", strerror(errno));
	void *m = MAP_FAILED;
	/* -u USER: the command's agent opens the ring as USER; only it and root may. */
	bool owned = !ip->tr.o->user || fchown(fd, ip->tr.o->uid, ip->tr.o->gid) == 0;
	if (owned && ftruncate(fd, (off_t)len) == 0)
		m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED) {
		unlink(ip->ring_path);
		return sg_error("cannot %s the trace ring (%zu bytes in /dev/shm): %s",
				owned ? "map" : "give USER", len, strerror(errno));
	}
	struct sg_ring_ctl *ctl = m;
	ctl->nslots = nslots;
	ctl->strsize = (uint32_t)ip->tr.o->dec.strsize;
	ctl->flags = (ip->tr.o->summary ? SG_RING_SUMMARY : 0) |
		     (ip->tr.o->out.time || ip->tr.o->out.show_duration || ip->tr.o->out.json ||
				      ip->tr.o->summary_too || ip->tr.o->record
			      ? SG_RING_TIMES : 0) |
		     (ip->tr.o->follow ? SG_RING_FOLLOW : 0) |
		     (ip->backend == BACKEND_REWRITE ? SG_RING_REWRITE : 0) |
		     (ip->tr.o->no_loader ? 0 : SG_RING_HYBRID) |
		     (ip->tr.stacks ? SG_RING_STACKS : 0) |
		     (ip->tr.o->dec.fd_details || ip->tr.o->decode_pids || ip->tr.o->npaths
			      ? SG_RING_DECODE_LIVE : 0) |
		     (ip->tr.o->decode_pids ? SG_RING_DECODE_LIVE_ALL : 0) |
		     (ip->tr.o->detach_on_exec ? SG_RING_DETACH_ON_EXEC : 0) |
		     (ip->tr.o->out.show_ip ? SG_RING_IP : 0) |
		     (ip->tr.o->on_event ? SG_RING_WHOLE_CALLS : 0);
	inproc_ring_select(ctl, ip->tr.o);
	ring_set_capture(ctl, ip->tr.o);
	ctl->stack_first = ip->tr.o->stack_sample;
	ctl->stack_every = ip->tr.o->stack_every;
	ctl->data_first = ip->tr.o->data_sample;
	ctl->data_every = ip->tr.o->data_every;
	for (int i = 0; i < ip->tr.o->ninjects; i++) {
		const struct inject_rule *r = &ip->tr.o->injects[i];
		if (r->nr < SG_RING_NR) {
			set_bit(ctl->injected, r->nr);
			ctl->inject[r->nr] = r->how;
		}
	}
	ctl->own_pidns = own_pidns();
	ctl->consumer_pid = (int32_t)getpid();
	atomic_store(&ctl->heartbeat, sg_ring_tsc());
	ctl->magic = SG_RING_MAGIC;
	sg_ring_attach(&ip->ring, m, len);
	return 0;
}

/* Fault the ring's pages in now, while the command is starting (on the other CPU,
 * if there is one), rather than one by one under its first records. */
void inproc_ring_populate(struct inproc *ip)
{
#ifdef MADV_POPULATE_WRITE
	madvise(ip->ring.ctl, ip->ring.map_len, MADV_POPULATE_WRITE);
#endif
}

/* The mapping goes with sysgate's exit; only the file needs removing. */
void inproc_ring_destroy(struct inproc *ip)
{
	if (ip->ring_path[0])
		unlink(ip->ring_path);
	ip->ring.ctl = NULL;
	ip->ring_path[0] = '\0';
}

/* The agent stamps records with the TSC. Its rate comes from the monotonic clock:
 * live, when times are printed as the trace goes (-t, -T, JSON), over at least
 * CLOCK_SPAN_NS from the start, found when the first records are read (the
 * command has been starting meanwhile: a wait is seldom left); else over the
 * whole run, at its end (-c). */
#define CLOCK_SPAN_NS 5000000ull

void inproc_clock_start(struct inproc *ip, bool live)
{
	ip->mono0_ns = sg_now_ns();
	ip->tsc0 = sg_ring_tsc();
	ip->wall0_ns = sg_wall_ns();
	ip->tsc_per_ns = ip->ns_per_tsc = 1.0;
	ip->clock_due = live;
}

void inproc_clock_settle(struct inproc *ip)
{
	if (!ip->clock_due)
		return;
	unsigned long long spent = sg_now_ns() - ip->mono0_ns;
	if (spent < CLOCK_SPAN_NS) {
		struct timespec nap = { 0, (long)(CLOCK_SPAN_NS - spent) };
		while (nanosleep(&nap, &nap) < 0 && errno == EINTR)
			;
	}
	inproc_clock_end(ip);
	ip->clock_due = false;
}

void inproc_clock_end(struct inproc *ip)
{
	unsigned long long m1 = sg_now_ns(), t1 = sg_ring_tsc();

	if (m1 > ip->mono0_ns && t1 > ip->tsc0) {
		ip->tsc_per_ns = (double)(t1 - ip->tsc0) / (double)(m1 - ip->mono0_ns);
		ip->ns_per_tsc = 1.0 / ip->tsc_per_ns;
	}
}

static size_t copy_own(void *dst, uint64_t src, size_t n)
{
	ssize_t got = sg_mem_read(getpid(), src, dst, n);

	return got > 0 ? (size_t)got : 0;
}

/* -i: where this process's execv makes its execve, as ptrace sees it: after
 * the syscall instruction of libc's execve ("mov $59, %eax; syscall"); 0 when
 * none is found near its start (another libc, a sanitizer's wrapper). */
static uint64_t execve_site(void)
{
	const uint8_t *code = (const uint8_t *)(uintptr_t)execve;

	for (int i = 0; i < 32; i++)
		if (code[i] == 0x0f && code[i + 1] == 0x05)
			return (uint64_t)(uintptr_t)(code + i + 2);
	return 0;
}

/* The command's execve, recorded by the child itself (the agent starts only in
 * the new program, which then reports the call's end). */
static void record_first_exec(struct inproc *ip, const char *path, char **argv, char **envp)
{
	uint64_t args[6] = { (uintptr_t)path, (uintptr_t)argv, (uintptr_t)envp };
	const struct sg_ring_ctl *ctl = ip->ring.ctl;
	struct sg_capture_opts how = {
		.strsize = (int)ctl->strsize,
		.unabbreviated = ctl->flags & SG_RING_UNABBREVIATED ? ctl->unabbreviated : NULL,
	}; /* no dumps: an execve moves no data */
	struct sg_capture_plan plan;
	uint64_t pos;

	if (ip->tr.o->summary || !sg_ring_selected(ctl, SYS_execve))
		return;
	sg_capture_plan(&plan, SYS_execve, args, false, 0, &how, copy_own);
	bool with_ip = ctl->flags & SG_RING_IP; /* -i: the call site after the snapshot */
	size_t len = sizeof(struct sg_rec) + sg_snap_size(&plan);
	if (with_ip)
		len = sizeof(struct sg_rec) + sg_rec_stack_offset((uint32_t)sg_snap_size(&plan)) + 8;
	struct sg_rec *rec = sg_ring_reserve(&ip->ring, len, (int32_t)getpid(), &pos);
	if (!rec)
		return;
	sg_ring_fill_call(rec, with_ip ? SG_REC_ENTER_IP : SG_REC_ENTER, (int32_t)getpid(),
			  SYS_execve, args, sg_ring_tsc(), &plan, copy_own);
	if (with_ip) {
		uint64_t site = execve_site();
		memcpy(rec->snap + sg_rec_stack_offset(rec->snap_len), &site, sizeof(site));
	}
	sg_ring_commit(&ip->ring, pos);
}

static void set_agent_env(struct inproc *ip, pid_t exec_tid)
{
	const char *agent = trace_agent_path(), *old = getenv("LD_PRELOAD");
	char cfg[256];

	if (old && *old) {
		size_t n = strlen(agent) + strlen(old) + 2;
		char *both = sg_xcalloc(1, n);
		snprintf(both, n, "%s:%s", agent, old);
		setenv("LD_PRELOAD", both, 1);
		free(both);
	} else {
		setenv("LD_PRELOAD", agent, 1);
	}
	/* Without -f only the command is traced: the process of this pid, or (when
	 * sysgate sets this before forking the command) the child of sysgate. */
	int only = exec_tid ? (int)exec_tid : -(int)getpid();
	snprintf(cfg, sizeof(cfg), "%s:%d:%d", ip->ring_path, (int)exec_tid,
		 ip->tr.o->follow ? 0 : only);
	setenv("SYSGATE_AGENT", cfg, 1);
}

/* In the command's process, before its exec: "only the child of sysgate" becomes
 * "only this pid" (a keeper stands between sysgate and the command). */
void inproc_agent_env_self(void)
{
	const char *v = getenv("SYSGATE_AGENT");
	const char *last = v ? strrchr(v, ':') : NULL;
	char cfg[256];

	if (!last || last[1] != '-' || (size_t)(last - v) >= sizeof(cfg) - 16)
		return;
	snprintf(cfg, sizeof(cfg), "%.*s:%d", (int)(last - v), v, (int)getpid());
	setenv("SYSGATE_AGENT", cfg, 1);
}

/* The command starts under ptrace, which shows its execve and the dynamic
 * loader's calls, and lets go when the agent starts (its marker call). */
pid_t inproc_start_held(struct inproc *ip)
{
	if (ip->tr.o->no_loader)
		return inproc_start_command(ip);
	set_agent_env(ip, 0);
	pid_t pid = tracer_start_command(&ip->tr);
	struct tracee *t = pid > 0 ? tracee_find(&ip->tr.tt, pid) : NULL;
	if (t)
		t->until_agent = true;
	return pid;
}

/* Hold a thread that asked to be, before its exec (see SG_RING_HANDOFFS). */
static int hold(struct inproc *ip, pid_t tid)
{
	int status, sig = 0;

	/* EXITKILL, as for the command itself: held, it is ours, and dies with sysgate. */
	if (ptrace(PTRACE_SEIZE, tid, 0, tracer_seize_options(ip->tr.o, true)) < 0)
		return -1;
	if (ptrace(PTRACE_INTERRUPT, tid, 0, 0) < 0 || waitpid(tid, &status, __WALL) != tid) {
		ptrace(PTRACE_DETACH, tid, 0, 0);
		return -1;
	}
	if (!WIFSTOPPED(status)) { /* it ended meanwhile: that is news for the loop */
		if (tid == ip->tr.main_pid) {
			ip->tr.exit_status = WIFEXITED(status) ? WEXITSTATUS(status)
							       : 128 + WTERMSIG(status);
			ip->tr.main_done = true;
			launch_forward_stop();
		}
		return -1;
	}
	if ((unsigned)status >> 16 != PTRACE_EVENT_STOP)
		sig = WSTOPSIG(status); /* a signal that came first: deliver it */
	struct tracee *t = tracee_find(&ip->tr.tt, tid);
	if (!t)
		t = tracee_add(&ip->tr.tt, tid);
	t->until_agent = t->exec_pending = t->before_exec = true;
	ptrace(PTRACE_SYSCALL, tid, 0, sig);
	return 0;
}

void inproc_serve_handoffs(struct inproc *ip)
{
	for (int i = 0; i < SG_RING_HANDOFFS; i++) {
		struct sg_ring_handoff *h = &ip->ring.ctl->handoff[i];
		if (atomic_load(&h->state) != SG_HANDOFF_ASKED)
			continue;
		pid_t tid = inproc_tid(ip, atomic_load(&h->tid));
		if (tid > 0 && hold(ip, tid) == 0) {
			atomic_store(&h->state, SG_HANDOFF_HELD);
		} else { /* the asker is gone, or cannot be held: free the slot */
			atomic_store(&h->state, SG_HANDOFF_FREE);
			atomic_store(&h->tid, 0);
		}
		syscall(SYS_futex, &h->state, FUTEX_WAKE, 1, NULL, NULL, 0);
	}
}

pid_t inproc_start_command(struct inproc *ip)
{
	struct trace_opts *o = ip->tr.o;
	char *path = sg_find_program(o->cmd[0]);

	if (!path)
		return trace_fail(o, 127, "cannot run '%s': %s", o->cmd[0], strerror(errno));
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		free(path);
		return trace_fail(o, 1, "cannot fork: %s", strerror(errno));
	}
	if (pid == 0) {
		/* If sysgate dies, so does the command: it is never left unsupervised. */
		launch_die_with_parent(parent);
		tracer_restore_child_signals();
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL); /* sysgate waits for SIGCHLD blocked */
		set_agent_env(ip, getpid());
		extern char **environ;
		record_first_exec(ip, path, o->cmd, environ);
		tracer_become_user(o);
		execv(path, o->cmd);
		fprintf(stderr, "sysgate: cannot run '%s': %s\n", path, strerror(errno));
		_exit(127);
	}
	free(path);
	return pid;
}
