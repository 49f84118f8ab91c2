/* Opens observed with fanotify instead of notified (root only).
 *
 * A notified open costs a round trip to the monitor and a path walk on the
 * process's behalf; a read-only open needs no decision as long as no process of
 * the tree holds a way out (an inherited pipe or socket, a connection): the label
 * it brings in is only needed at the next decision. So the command runs in a
 * mount namespace of its own, whose mounts carry a fanotify mark for FAN_OPEN:
 * the kernel queues one event per open of the tree (the event's fd is the object
 * opened, so nothing can be swapped under us), and the monitor reads the queue
 * before every decision and every 20 ms. The filter still notifies opens that can
 * write.
 *
 * The first call that can make a way out (connect, listen) upgrades the marks to
 * FAN_OPEN_PERM: from then on every open waits until the monitor has judged it,
 * so the open that would taint a process holding a way out is refused, as a
 * notified one would be. The monitor's own opens through the tree's mounts
 * (relative paths, /proc/TID/fd/N) raise such events too; a thread answers those
 * at once, since the monitor's main loop is the one waiting on them. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/fanotify.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/proc_status.h"
#include "core/syscalls.h"
#include "core/util.h"
#include "monitor.h"

/* Linux 6.13: an event whose fd could not be opened says why in its fd field,
 * instead of failing the whole read. */
#ifndef FAN_REPORT_FD_ERROR
#define FAN_REPORT_FD_ERROR 0x00002000
#endif

/* Filesystems whose files must not be opened once more for an event's fd
 * (devices, kernel attributes and interfaces, where an open can act). Writing
 * a regular file on them is refused instead (taint_observe_unseen), so no label
 * can reach a file whose reads would go unseen. proc is marked, without
 * FAN_OPEN_PERM (the kernel refuses it), to see /proc/PID/mem. */
static bool unmarked_type(const char *type)
{
	static const char *const skip[] = { "sysfs",	"devtmpfs", "devpts",  "cgroup",
					    "cgroup2",	"securityfs", "debugfs", "tracefs",
					    "bpf",	"pstore",   "mqueue",  "configfs",
					    "fusectl",  "binfmt_misc", "autofs", "efivarfs",
					    "nsfs",	"rpc_pipefs" };

	for (size_t i = 0; i < SG_ARRAY_SIZE(skip); i++)
		if (strcmp(type, skip[i]) == 0)
			return true;
	return false;
}

/* mountinfo escapes blanks and backslashes as \ooo. */
static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '7' && s[2] && s[3]) {
			*o++ = (char)(((s[1] - '0') << 6) | ((s[2] - '0') << 3) | (s[3] - '0'));
			s += 3;
		} else
			*o++ = *s;
	}
	*o = '\0';
}

/* One line of a mountinfo file: the mount's id, its mount point (unescaped) and
 * its filesystem type. */
struct mount_line {
	int id;
	char mp[4096], type[64];
};

/* The next line that parses; false at the end. */
static bool next_mount(FILE *f, struct mount_line *ml)
{
	char line[8192];

	while (fgets(line, sizeof(line), f)) {
		const char *dash = strstr(line, " - ");
		if (dash && sscanf(line, "%d %*d %*s %*s %4095s", &ml->id, ml->mp) == 2 &&
		    sscanf(dash + 3, "%63s", ml->type) == 1) {
			unescape(ml->mp);
			return true;
		}
	}
	return false;
}

/* Mark the mount whose root fd (O_PATH, which fanotify_mark's dirfd refuses)
 * holds, through its /proc/self/fd link. */
static int mark(const struct taint_observe *ob, int fd, uint64_t mask)
{
	char link[64];

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	return fanotify_mark(ob->fd, FAN_MARK_ADD | FAN_MARK_MOUNT, mask, AT_FDCWD, link) < 0 ? -errno : 0;
}

static void add_mount(struct taint_observe *ob, int fd, int id, bool proc)
{
	struct stat st;

	if (proc && fstat(fd, &st) == 0 && ob->nproc_devs < SG_ARRAY_SIZE(ob->proc_devs))
		ob->proc_devs[ob->nproc_devs++] = st.st_dev;
	ob->mounts = sg_xrealloc(ob->mounts, (ob->nmounts + 1) * sizeof(*ob->mounts));
	ob->mounts[ob->nmounts++] = (struct taint_mount){ fd, id, proc };
}

static bool marked(const struct taint_observe *ob, int id)
{
	for (size_t i = 0; i < ob->nmounts; i++)
		if (ob->mounts[i].id == id)
			return true;
	return false;
}

/* Mark every mount of process pid's namespace (seen through /proc/PID/root) not
 * marked yet. */
static int mark_mounts(struct taint_observe *ob, pid_t pid)
{
	char path[64], where[4200];
	struct mount_line ml;
	int rc = 0;

	snprintf(path, sizeof(path), "/proc/%d/mountinfo", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	while (!rc && next_mount(f, &ml)) {
		if (unmarked_type(ml.type) || marked(ob, ml.id))
			continue;
		snprintf(where, sizeof(where), "/proc/%d/root%s", pid, ml.mp);
		int fd = open(where, O_PATH | O_CLOEXEC);
		if (fd < 0)
			continue; /* hidden by a mount above it: nothing to open there */
		bool proc = strcmp(ml.type, "proc") == 0;
		if ((rc = mark(ob, fd, FAN_OPEN | FAN_OPEN_EXEC |
					       (ob->perm && !proc ? FAN_OPEN_PERM : 0))) < 0)
			close(fd);
		else
			add_mount(ob, fd, ml.id, proc);
	}
	fclose(f);
	return rc;
}

bool taint_observe_automounts(void)
{
	struct mount_line ml;
	bool found = false;
	FILE *f = fopen("/proc/self/mountinfo", "re");

	while (f && !found && next_mount(f, &ml))
		found = strcmp(ml.type, "autofs") == 0;
	if (f)
		fclose(f);
	return found;
}

/* The devices of the mounts here that will carry no mark (the command's are a
 * copy of them). */
static void find_unmarked(struct taint_observe *ob)
{
	struct mount_line ml;
	struct stat st;
	FILE *f = fopen("/proc/self/mountinfo", "re");

	while (f && next_mount(f, &ml))
		if (unmarked_type(ml.type) && stat(ml.mp, &st) == 0 &&
		    ob->nunmarked < SG_ARRAY_SIZE(ob->unmarked))
			ob->unmarked[ob->nunmarked++] = st.st_dev;
	if (f)
		fclose(f);
}

bool taint_observe_unseen(const struct taint_observe *ob, dev_t dev)
{
	for (size_t i = 0; ob->observed && i < ob->nunmarked; i++)
		if (ob->unmarked[i] == dev)
			return true;
	return false;
}

int taint_observe_init(struct taint_observe *ob)
{
	ob->woken = ob->stop = -1;
	unsigned flags = FAN_CLASS_CONTENT | FAN_CLOEXEC | FAN_NONBLOCK | FAN_UNLIMITED_QUEUE;
	unsigned fflags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_LARGEFILE;

	ob->fd = fanotify_init(flags | FAN_REPORT_FD_ERROR, fflags);
	if (ob->fd < 0 && errno == EINVAL)
		ob->fd = fanotify_init(flags, fflags);
	if (ob->fd < 0)
		return -errno;
	find_unmarked(ob);
	ob->self = getpid();
	ob->observed = true;
	pthread_mutex_init(&ob->mu, NULL);
	return 0;
}

int taint_observe_start(struct taint_observe *ob, pid_t pid)
{
	return mark_mounts(ob, pid);
}

static void fd_path(int fd, char *path, size_t size)
{
	char link[64];

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, size - 1);
	path[n > 0 ? n : 0] = '\0';
}

static bool on_proc(const struct taint_observe *ob, dev_t dev)
{
	for (size_t i = 0; i < ob->nproc_devs; i++)
		if (ob->proc_devs[i] == dev)
			return true;
	return false;
}

/* The opener's pid as its own /proc shows it (the last NSpid: the command runs in
 * a pid namespace of its own). */
static pid_t inner_pid(pid_t pid)
{
	char path[64], line[256];
	pid_t inner = pid;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	FILE *f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, "NSpid:", 6) == 0) {
			const char *last = strrchr(line, '\t');
			inner = last ? (pid_t)atoi(last + 1) : pid;
			break;
		}
	if (f)
		fclose(f);
	return inner;
}

/* Is the event's fd /proc/X/mem (or /proc/X/task/T/mem) of another process than
 * the opener? The path is as the command's /proc names it. */
static bool other_mem(int fd, pid_t opener)
{
	char target[256];
	int x = 0;

	fd_path(fd, target, sizeof(target));
	const char *base = strrchr(target, '/');
	if (!base || strcmp(base, "/mem") != 0 || sscanf(target, "/proc/%d/", &x) != 1)
		return false;
	return x != inner_pid(opener);
}

/* A process that opened what it may not, seen only after the open: killed. */
static void kill_late(struct taint_mon *m, pid_t pid, taint_label l, const char *why)
{
	taint_violation(m, pid, l, "open", NULL, why, true);
}

/* Whose open it was: the graph's entry for the pid (alive or gone), a process met
 * now, or NULL for a process gone before the monitor ever met it. */
static struct taint_proc *opener(struct taint_mon *m, pid_t pid)
{
	struct taint_proc *p = taint_proc_find(&m->g, pid);
	char path[32];

	if (p)
		return p;
	snprintf(path, sizeof(path), "/proc/%d", pid);
	return access(path, F_OK) == 0 ? taint_proc_seen(m, pid) : NULL;
}

/* A label read by a process gone before the monitor met it: its edges are not
 * known, so every process may have it (declassifiers excepted). */
static void spread(struct taint_mon *m, taint_label l)
{
	for (size_t i = 0; i < m->g.nprocs; i++)
		if (!m->g.procs[i].declassifier)
			m->g.procs[i].label |= l;
}

/* One open by process pid of the object behind fd: recorded, and judged when the
 * open waits for it (perm). Whether to let it happen. */
static bool judge(struct taint_mon *m, pid_t pid, int fd, bool perm)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return true;
	/* Upgraded, each open raises both events, both judged: an open made while
	 * the marks were being changed may have raised only the first kind. */
	if (on_proc(&m->ob, st.st_dev)) {
		if (other_mem(fd, pid)) {
			struct taint_proc *p = taint_proc_find(&m->g, pid);
			kill_late(m, pid, p ? p->label : 0, "process memory through /proc");
		}
		return true;
	}
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
		return true;
	unsigned i = taint_obj_label(m, fd, &st);
	taint_label l = m->g.objs[i].label;
	size_t known = m->g.nprocs;
	struct taint_proc *p = opener(m, pid);

	/* Gone, or met only now after the open was over: what it did between the
	 * open and now (a pipe it wrote and closed) is not known, so every process
	 * may have its label. (An open that waits is met as a notified one is.) */
	bool unknown_past = !p || (!perm && m->g.nprocs > known);
	if (!p) {
		spread(m, l);
		return true;
	}
	char path[4096] = "";
	if (perm && (l & ~p->label)) /* for the audit, should it be refused */
		fd_path(fd, path, sizeof(path));
	if (taint_took(m, p, i, pid, true, false, perm ? "open" : NULL, path) < 0)
		return false;
	if (unknown_past)
		spread(m, l);
	return true;
}

static void respond(int fan, int fd, bool allow)
{
	struct fanotify_response r = { .fd = fd, .response = allow ? FAN_ALLOW : FAN_DENY };

	(void)!write(fan, &r, sizeof(r));
}

/* An open by a process whose exec was notified: once /proc/PID/exe has changed,
 * the exec is done, which a declassifier's label waits for. (The exec's own open
 * of the program comes before: exe is still the old program then.) */
static void exec_done(struct taint_mon *m, const struct fanotify_event_metadata *e)
{
	struct taint_proc *p = taint_proc_find(&m->g, e->pid);

	if (p && p->exec_pending && taint_exe_changed(p))
		taint_after_exec(m, p);
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Close a batch's event fds, a run of consecutive numbers at a time: on these
 * machines a system call costs about a microsecond, as much as the close itself.
 * Only the batch's fds are in a run: every fd opened while it was judged got a
 * number the batch did not hold. */
static void close_batch(int *fds, size_t n)
{
	qsort(fds, n, sizeof(*fds), cmp_int);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && fds[j + 1] == fds[j] + 1)
			j++;
		if (j == i || syscall(SYS_close_range, fds[i], fds[j], 0) < 0)
			for (size_t k = i; k <= j; k++)
				close(fds[k]);
		i = j + 1;
	}
}

/* Every label of the run, as far as the monitor knows them. */
static taint_label all_labels(const struct taint_mon *m)
{
	taint_label all = 0;

	for (size_t i = 0; i < m->nsecrets; i++)
		all |= m->secrets[i].label;
	for (size_t i = 0; i < m->g.nobjs; i++)
		all |= m->g.objs[i].label;
	return all;
}

/* An open whose object the kernel could not give us (no fd left, say): the
 * opener may have read anything labelled. */
static void unknown_object(struct taint_mon *m, pid_t pid)
{
	struct taint_proc *p = opener(m, pid);

	if (!p)
		spread(m, all_labels(m));
	else if (!p->declassifier)
		p->label |= all_labels(m);
}

/* One event read from the group; its fd is left for close_batch. */
static void on_event(struct taint_mon *m, const struct fanotify_event_metadata *e)
{
	bool perm = e->mask & FAN_OPEN_PERM;
	bool allow = true;

	m->ob.events++;
	if (e->pid != m->ob.self)
		exec_done(m, e);
	if (e->fd >= 0 && e->pid != m->ob.self)
		allow = judge(m, e->pid, e->fd, perm);
	else if (e->mask & FAN_Q_OVERFLOW)
		atomic_store(&m->ob.lost, 1);
	else if (e->pid != m->ob.self)
		unknown_object(m, e->pid); /* its fd could not be made: -errno */
	if (perm)
		respond(m->ob.fd, e->fd, allow);
}

/* Each event of a batch, then their fds closed. */
static void on_events(struct taint_mon *m, const struct fanotify_event_metadata *e, size_t n)
{
	int *fds = sg_xcalloc(n ? n : 1, sizeof(*fds));
	size_t nfds = 0;

	for (size_t i = 0; i < n; i++) {
		on_event(m, &e[i]);
		if (e[i].fd >= 0)
			fds[nfds++] = e[i].fd;
	}
	close_batch(fds, nfds);
	free(fds);
}

/* Events read straight from the group (before the upgrade, no thread reads). */
static void read_direct(struct taint_mon *m)
{
	char buf[8192] __attribute__((aligned(8)));
	struct fanotify_event_metadata batch[8192 / FAN_EVENT_METADATA_LEN];
	ssize_t n;

	while ((n = read(m->ob.fd, buf, sizeof(buf))) > 0) {
		const struct fanotify_event_metadata *e = (const void *)buf;
		size_t k = 0;
		for (; FAN_EVENT_OK(e, n) && k < SG_ARRAY_SIZE(batch); e = FAN_EVENT_NEXT(e, n))
			batch[k++] = *e;
		on_events(m, batch, k);
	}
	if (n < 0 && errno != EAGAIN && errno != EINTR)
		atomic_store(&m->ob.lost, 1);
}

/* After the upgrade: what the thread queued for us. Whether there was any. */
static bool take_queued(struct taint_mon *m)
{
	struct fanotify_event_metadata *q;
	size_t n;

	pthread_mutex_lock(&m->ob.mu);
	q = m->ob.queue;
	n = m->ob.nqueue;
	m->ob.queue = NULL;
	m->ob.nqueue = m->ob.qcap = 0;
	pthread_mutex_unlock(&m->ob.mu);
	on_events(m, q, n);
	free(q);
	return n > 0;
}

/* Nothing left anywhere: not in the kernel's queue, not in the thread's hands,
 * not in ours. Checked in that order (see the thread). */
static bool all_taken(struct taint_mon *m)
{
	int queued = 0;

	if (ioctl(m->ob.fd, FIONREAD, &queued) < 0 || queued > 0)
		return false;
	if (atomic_load(&m->ob.reading))
		return false;
	pthread_mutex_lock(&m->ob.mu);
	bool empty = m->ob.nqueue == 0;
	pthread_mutex_unlock(&m->ob.mu);
	return empty;
}

/* Events the kernel could not give us (a read failed, e.g. no fd left for an
 * event's file): whose opens they were is unknown, so every process may have
 * read anything labelled this run. */
static void after_loss(struct taint_mon *m)
{
	if (atomic_exchange(&m->ob.lost, 0))
		spread(m, all_labels(m));
}

void taint_observe_drain(struct taint_mon *m)
{
	if (m->ob.fd < 0)
		return;
	if (!m->ob.perm)
		read_direct(m);
	while (m->ob.perm) {
		take_queued(m);
		if (all_taken(m))
			break;
		sched_yield();
	}
	after_loss(m);
}

/* Is thread tid still in the call it made (/proc/TID/syscall starts with its
 * number while it is in it)? Gone counts as out. */
static bool in_call(pid_t tid, long nr)
{
	char path[64];
	long now = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/syscall", tid);
	if (!(f = fopen(path, "re")))
		return false;
	if (fscanf(f, "%ld", &now) != 1)
		now = -1;
	fclose(f);
	return now == nr;
}

/* The AF_UNIX connect that upgraded is over: back to observing, unless a way out
 * exists now. */
static void maybe_downgrade(struct taint_mon *m)
{
	if (!m->ob.pending || m->ob.sticky || in_call(m->ob.pending, sg_syscall_nr("connect")))
		return;
	m->ob.pending = 0;
	if (!taint_tree_holds_exit(m))
		taint_observe_downgrade(m);
}

static void tick(void *ctx)
{
	struct taint_mon *m = ctx;
	uint64_t v;

	if (m->ob.perm)
		(void)!read(m->ob.woken, &v, sizeof(v));
	taint_observe_drain(m);
	maybe_downgrade(m);
}

static void push(struct taint_observe *ob, const struct fanotify_event_metadata *e)
{
	pthread_mutex_lock(&ob->mu);
	if (ob->nqueue == ob->qcap) {
		ob->qcap = ob->qcap ? ob->qcap * 2 : 64;
		ob->queue = sg_xrealloc(ob->queue, ob->qcap * sizeof(*ob->queue));
	}
	ob->queue[ob->nqueue++] = *e;
	pthread_mutex_unlock(&ob->mu);
}

/* Read one batch: the monitor's own events answered here, the tree's queued for
 * the main loop. reading is set before the read and cleared after the push, so
 * an event is always in the kernel's queue, in our hands, or in the queue. */
static void read_batch(struct taint_observe *ob)
{
	char buf[8192] __attribute__((aligned(8)));
	bool pushed = false;
	uint64_t one = 1;

	atomic_store(&ob->reading, 1);
	ssize_t n = read(ob->fd, buf, sizeof(buf));
	if (n < 0 && errno != EAGAIN && errno != EINTR)
		atomic_store(&ob->lost, 1);
	const struct fanotify_event_metadata *e = (const void *)buf;
	for (; n > 0 && FAN_EVENT_OK(e, n); e = FAN_EVENT_NEXT(e, n)) {
		if (e->pid != ob->self) {
			push(ob, e);
			pushed = true;
			continue;
		}
		if (e->mask & FAN_OPEN_PERM)
			respond(ob->fd, e->fd, true);
		if (e->fd >= 0)
			close(e->fd);
	}
	atomic_store(&ob->reading, 0);
	if (pushed)
		(void)!write(ob->woken, &one, sizeof(one));
}

static void *reader(void *arg)
{
	struct taint_observe *ob = arg;
	struct pollfd pf[2] = { { ob->fd, POLLIN, 0 }, { ob->stop, POLLIN, 0 } };

	for (;;) {
		if (poll(pf, 2, -1) < 0 && errno != EINTR)
			break;
		if (pf[1].revents)
			break;
		if (pf[0].revents & POLLIN)
			read_batch(ob);
	}
	return NULL;
}

/* The thread starts before the marks that make the monitor's own opens wait. */
static int start_reader(struct taint_observe *ob)
{
	sigset_t all, old;

	ob->woken = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	ob->stop = eventfd(0, EFD_CLOEXEC);
	if (ob->woken < 0 || ob->stop < 0)
		return -errno;
	sigfillset(&all); /* sysgate's signals are for the main loop */
	pthread_sigmask(SIG_BLOCK, &all, &old);
	int rc = pthread_create(&ob->thread, NULL, reader, ob);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc)
		return -rc;
	ob->threaded = true;
	return 0;
}

int taint_observe_upgrade(struct taint_mon *m)
{
	struct taint_observe *ob = &m->ob;
	int rc;

	if (ob->fd < 0 || ob->perm)
		return 0;
	read_direct(m);
	if ((rc = start_reader(ob)))
		return rc;
	ob->perm = true;
	ob->side.fd = ob->woken;
	for (size_t i = 0; i < ob->nmounts; i++)
		if (!ob->mounts[i].proc && (rc = mark(ob, ob->mounts[i].fd, FAN_OPEN_PERM)) < 0)
			return rc;
	return 0;
}

/* The thread stops after the marks: until then the monitor's own opens may wait. */
static void stop_reader(struct taint_mon *m)
{
	struct taint_observe *ob = &m->ob;
	uint64_t one = 1;

	(void)!write(ob->stop, &one, sizeof(one));
	pthread_join(ob->thread, NULL);
	take_queued(m);
	read_direct(m); /* answers what came after the thread stopped reading */
	close(ob->woken);
	close(ob->stop);
	ob->woken = ob->stop = -1;
	ob->threaded = false;
}

void taint_observe_downgrade(struct taint_mon *m)
{
	struct taint_observe *ob = &m->ob;
	char link[64];

	ob->pending = 0;
	if (ob->fd < 0 || !ob->perm || ob->sticky)
		return;
	for (size_t i = 0; i < ob->nmounts; i++) {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", ob->mounts[i].fd);
		if (!ob->mounts[i].proc)
			fanotify_mark(ob->fd, FAN_MARK_REMOVE | FAN_MARK_MOUNT, FAN_OPEN_PERM,
				      AT_FDCWD, link);
	}
	ob->perm = false; /* what the thread leaves is judged as observed opens */
	stop_reader(m);
	ob->side.fd = -1;
}

struct launch_side *taint_observe_side(struct taint_mon *m)
{
	if (m->ob.fd < 0)
		return NULL;
	m->ob.side = (struct launch_side){ .fd = -1, .timeout_ms = 20, .tick = tick };
	return &m->ob.side;
}

void taint_observe_stop(struct taint_mon *m)
{
	struct taint_observe *ob = &m->ob;

	if (ob->fd < 0)
		return;
	taint_observe_drain(m);
	if (ob->threaded)
		stop_reader(m);
	for (size_t i = 0; i < ob->nmounts; i++)
		close(ob->mounts[i].fd);
	free(ob->mounts);
	free(ob->queue);
	close(ob->fd); /* answers any open still waiting: allowed */
	pthread_mutex_destroy(&ob->mu);
	ob->fd = -1;
}
