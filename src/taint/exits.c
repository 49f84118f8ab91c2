/* The command's inherited fds that lead outside the monitored tree.
 *
 * Whoever started sysgate may hand the command a pipe, FIFO or socket whose other
 * end is outside the monitor (`sysgate taint -- cat S | sender`). Such an fd is a
 * destination like any other, untrusted unless named with --trust-fd (--trust-stdout,
 * --trust-stderr). A terminal or /dev/null is a device and never one: a person reads
 * a terminal. Files behind inherited fds are not destinations: they take the label.
 * Writes are not notified, so the process must never become tainted while it holds
 * one: the open that would taint it, or a process its channels reach, is refused. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "core/proc_status.h"
#include "core/util.h"
#include "monitor.h"

static bool live_escape(struct taint_mon *m, pid_t tid, char *what, size_t size);

/* What an inherited fd of ours is, if it leads outside: NULL for files, devices,
 * read-only pipes and inet sockets (those are judged by their peer's address). */
static const char *outside_kind(int fd, const struct stat *st)
{
	int domain = 0;
	socklen_t dl = sizeof(domain);
	char link[64], target[64];
	ssize_t n;

	if (S_ISSOCK(st->st_mode)) {
		if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &dl) == 0 &&
		    (domain == AF_INET || domain == AF_INET6))
			return NULL;
		return "a socket";
	}
	if (!S_ISFIFO(st->st_mode) || (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY)
		return NULL;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	return n > 5 && strncmp(target, "pipe:", 5) == 0 ? "a pipe" : "a FIFO";
}

static void add_exit(struct taint_mon *m, int fd, const struct stat *st, const char *what)
{
	m->exits = sg_xrealloc(m->exits, (m->nexits + 1) * sizeof(*m->exits));
	m->exits[m->nexits++] = (struct taint_exit){ st->st_dev, st->st_ino, fd, what };
}

/* Trusted at one fd number, trusted at all: the same pipe on fd 1 and fd 2. */
static bool trusted_object(struct taint_mon *m, const struct stat *st, int maxfd)
{
	struct stat other;

	for (int fd = 0; fd <= maxfd && fd < 64; fd++)
		if ((m->trusted_fds >> fd & 1) && fstat(fd, &other) == 0 &&
		    other.st_dev == st->st_dev && other.st_ino == st->st_ino)
			return true;
	return false;
}

int taint_exits_find(struct taint_mon *m)
{
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *d;
	int maxfd = 0;

	if (!dir)
		return -errno;
	while ((d = readdir(dir))) {
		int fd = atoi(d->d_name);
		/* As nsjail: the command gets 0, 1, 2 and what --pass-fd names, nothing
		 * else the caller happened to leave open (a make jobserver pipe, say). */
		if (d->d_name[0] != '.' && fd > 2 && fd != dirfd(dir) &&
		    (fd > 63 || !(m->passed_fds >> fd & 1)))
			fcntl(fd, F_SETFD, FD_CLOEXEC);
		maxfd = d->d_name[0] != '.' && fd > maxfd ? fd : maxfd;
	}
	rewinddir(dir);
	while ((d = readdir(dir))) {
		int fd = atoi(d->d_name), fdflags = fcntl(fd, F_GETFD);
		struct stat st;
		const char *what;

		if (d->d_name[0] == '.' || fd == dirfd(dir) || fdflags < 0 || (fdflags & FD_CLOEXEC) ||
		    fstat(fd, &st) < 0)
			continue; /* not passed on to the command */
		if ((what = outside_kind(fd, &st)) && !trusted_object(m, &st, maxfd))
			add_exit(m, fd, &st, what);
	}
	closedir(dir);
	return 0;
}

static const struct taint_exit *exit_of(struct taint_mon *m, const struct stat *st)
{
	for (size_t i = 0; i < m->nexits; i++)
		if (m->exits[i].dev == st->st_dev && m->exits[i].ino == st->st_ino)
			return &m->exits[i];
	return NULL;
}

/* An fd of the process that leads out: one of m->exits held for writing. */
static bool outside_fd(struct taint_mon *m, pid_t tid, const char *name, const struct stat *st,
		       char *what, size_t size)
{
	const struct taint_exit *e = exit_of(m, st);

	if (!e || (S_ISFIFO(st->st_mode) && taint_fd_accmode(tid, name) == O_RDONLY))
		return false;
	snprintf(what, size, "fd %s, %s leading outside the monitor (sysgate's fd %d%s)", name,
		 e->what, e->fd,
		 e->fd == 1 ? "; --trust-stdout allows it" :
		 e->fd == 2 ? "; --trust-stderr allows it" : "; --trust-fd allows it");
	return true;
}

/* One pass over the process's fds. An fd leading out is named before a connection
 * to an untrusted peer, whichever comes first. */
bool taint_holds_exit(struct taint_mon *m, pid_t tid, char *what, size_t size)
{
	char path[64], fdpath[384], conn[160];
	struct dirent *d;
	bool out = false, untrusted = false;

	snprintf(path, sizeof(path), "/proc/%d/fd", tid);
	DIR *dir = opendir(path);
	if (!dir)
		return false;
	while (!out && (d = readdir(dir))) {
		struct stat st;

		snprintf(fdpath, sizeof(fdpath), "%s/%s", path, d->d_name);
		if (d->d_name[0] == '.' || stat(fdpath, &st) < 0)
			continue;
		out = outside_fd(m, tid, d->d_name, &st, what, size);
		if (!out && !untrusted && S_ISSOCK(st.st_mode))
			untrusted = taint_socket_untrusted(m, tid, atoi(d->d_name), conn, sizeof(conn));
	}
	closedir(dir);
	if (!out && untrusted)
		snprintf(what, size, "a connection to %s", conn);
	return out || untrusted;
}

/* Readers of object o, the AF_UNIX peer's readers included, queued once each. */
static void queue_readers(struct taint_graph *g, unsigned o, bool *seen, size_t *queue,
			  size_t *tail)
{
	struct taint_obj *obj = &g->objs[o];
	bool peer_found = false;
	unsigned peer = obj->kind == TAINT_OBJ_SOCKET && obj->peer ?
				taint_obj_find_ino(g, TAINT_OBJ_SOCKET, obj->peer, &peer_found) :
				0;

	for (size_t i = 0; i < g->nprocs; i++) {
		struct taint_proc *r = &g->procs[i];

		for (size_t k = 0; !seen[i] && !r->declassifier && k < r->nedges; k++) {
			unsigned e = r->edges[k].obj;
			if (r->edges[k].reads && (e == o || (peer_found && e == peer))) {
				seen[i] = true;
				queue[(*tail)++] = i;
			}
		}
	}
}

bool taint_label_escapes(struct taint_mon *m, struct taint_proc *p, char *what, size_t size)
{
	struct taint_graph *g = &m->g;
	bool *seen = sg_xcalloc(g->nprocs, sizeof(*seen));
	bool *done = sg_xcalloc(g->nobjs ? g->nobjs : 1, sizeof(*done));
	size_t *queue = sg_xcalloc(g->nprocs, sizeof(*queue));
	size_t head = 0, tail = 0, start = (size_t)(p - g->procs);
	char held[256];
	bool found = false;

	seen[start] = true;
	queue[tail++] = start;
	while (!found && head < tail) {
		struct taint_proc *q = &g->procs[queue[head]];

		if (queue[head++] != start && taint_holds_exit(m, q->tgid, held, sizeof(held))) {
			snprintf(what, size, "pid %d, which reads what it writes, holding %.200s", q->tgid, held);
			found = true;
		}
		for (size_t k = 0; !found && k < q->nedges; k++)
			if (q->edges[k].writes && !done[q->edges[k].obj]) {
				done[q->edges[k].obj] = true;
				queue_readers(g, q->edges[k].obj, seen, queue, &tail);
			}
	}
	free(seen);
	free(done);
	free(queue);
	return found || live_escape(m, p->tgid, what, size);
}

/* One fd of a process in the monitored tree, as the live walk sees it. */
struct held {
	pid_t pid;
	dev_t dev;
	ino_t ino;
	bool reads, writes, sock;
};

struct tree {
	struct held *h;
	size_t n, cap;
	pid_t *pids;
	size_t npids, pcap;
};

static void tree_add(struct tree *t, struct held h)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->h = sg_xrealloc(t->h, t->cap * sizeof(*t->h));
	}
	t->h[t->n++] = h;
}

/* Shared mappings are channels too, with no fd: SysV segments (/SYSV...), POSIX
 * shared memory, memfds and files mapped MAP_SHARED ('s' in the permissions). */
static void tree_maps_of(struct tree *t, pid_t pid)
{
	char path[64], line[512], perms[8];
	unsigned maj, min;
	unsigned long ino;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	FILE *f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*x-%*x %7s %*x %x:%x %lu", perms, &maj, &min, &ino) == 4 &&
		    perms[3] == 's' && ino != 0)
			tree_add(t, (struct held){ pid, makedev(maj, min), (ino_t)ino, true,
						   perms[1] == 'w', false });
	if (f)
		fclose(f);
}

static void tree_fds_of(struct tree *t, pid_t pid)
{
	char path[64], fdpath[384];
	struct dirent *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	DIR *dir = opendir(path);
	while (dir && (d = readdir(dir))) {
		struct stat st;
		snprintf(fdpath, sizeof(fdpath), "%s/%s", path, d->d_name);
		if (d->d_name[0] == '.' || stat(fdpath, &st) < 0 ||
		    !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
			continue;
		int acc = S_ISSOCK(st.st_mode) ? O_RDWR : taint_fd_accmode(pid, d->d_name);
		tree_add(t, (struct held){ pid, st.st_dev, st.st_ino, acc != O_WRONLY, acc != O_RDONLY,
					   S_ISSOCK(st.st_mode) });
	}
	if (dir)
		closedir(dir);
	tree_maps_of(t, pid);
}

/* Every process below pid (sysgate is the subreaper: the whole monitored tree),
 * through /proc/PID/task/TID/children. */
static void tree_walk(struct tree *t, pid_t pid, unsigned depth)
{
	char path[320];
	struct dirent *d;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	DIR *tasks = depth < 256 ? opendir(path) : NULL;
	while (tasks && (d = readdir(tasks))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/children", pid, d->d_name);
		FILE *f = fopen(path, "re");
		int child;
		while (f && fscanf(f, "%d", &child) == 1 && t->npids < 4096) {
			if (t->npids == t->pcap) {
				t->pcap = t->pcap ? 2 * t->pcap : 64;
				t->pids = sg_xrealloc(t->pids, t->pcap * sizeof(*t->pids));
			}
			t->pids[t->npids++] = child;
			tree_fds_of(t, child);
			tree_walk(t, child, depth + 1);
		}
		if (f)
			fclose(f);
	}
	if (tasks)
		closedir(tasks);
}

/* Is the object (or, for a socket, its peer) held for reading by another process
 * of the tree? Each such process is queued once. */
static void live_readers(struct tree *t, const struct held *w, bool *queued, pid_t *queue,
			 size_t *tail)
{
	ino_t peer = w->sock ? taint_unix_peer(w->ino) : 0;

	for (size_t i = 0; i < t->n; i++) {
		const struct held *r = &t->h[i];
		bool same = r->dev == w->dev && (r->ino == w->ino || (peer && r->ino == peer));
		if (!same || !r->reads || r->pid == w->pid)
			continue;
		for (size_t k = 0; k < t->npids; k++)
			if (t->pids[k] == r->pid && !queued[k]) {
				queued[k] = true;
				queue[(*tail)++] = r->pid;
			}
	}
}

/* The live walk: from what tid writes (pipes, FIFOs, sockets), to every process of
 * the tree that reads it, and on from what they write; even processes the monitor
 * has not met yet (a forked subshell makes no notified call). */
static bool live_escape(struct taint_mon *m, pid_t tid, char *what, size_t size)
{
	struct tree t = { 0 };
	char held[256];
	bool found = false;

	tree_walk(&t, getpid(), 0);
	bool *queued = sg_xcalloc(t.npids + 1, sizeof(*queued));
	pid_t *queue = sg_xcalloc(t.npids + 2, sizeof(*queue));
	size_t head = 0, tail = 0;

	queue[tail++] = sg_proc_status_field(tid, "Tgid", tid);
	while (!found && head < tail) {
		pid_t q = queue[head];
		if (head++ > 0 && taint_holds_exit(m, q, held, sizeof(held))) {
			snprintf(what, size, "pid %d, which reads what it writes, holding %.200s", q, held);
			found = true;
		}
		for (size_t i = 0; !found && i < t.n; i++)
			if (t.h[i].pid == q && t.h[i].writes)
				live_readers(&t, &t.h[i], queued, queue, &tail);
	}
	free(queued);
	free(queue);
	free(t.h);
	free(t.pids);
	return found;
}

bool taint_tree_holds_exit(struct taint_mon *m)
{
	struct tree t = { 0 };
	char what[320];
	bool found = false;

	tree_walk(&t, getpid(), 0);
	for (size_t i = 0; !found && i < t.npids; i++)
		found = taint_holds_exit(m, t.pids[i], what, sizeof(what));
	free(t.h);
	free(t.pids);
	return found;
}
