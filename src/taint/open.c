/* Opens, performed by the monitor on the process's behalf: the path is copied out
 * once, resolved from the process's cwd or dirfd with its filesystem uid and gid,
 * and the label is read from the inode actually opened. The fd is then placed in
 * the process with SECCOMP_IOCTL_NOTIF_ADDFD, which also completes the call, so the
 * process cannot swap the path between the check and the open.
 *
 * An open that may block (a FIFO waiting for its other end) runs in a thread of its
 * own, so the monitor goes on answering everyone else meanwhile. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/syscalls.h"
#include "core/util.h"
#include "launch/launch.h"
#include "monitor.h"

struct open_req {
	int dirfd; /* AT_FDCWD or the process's fd */
	char path[4096];
	struct open_how how;
};

/* The arguments of open, openat, creat or openat2, with copies of the pointers. */
static int read_open_args(const struct seccomp_notif *req, struct open_req *o)
{
	enum taint_call kind = taint_call_kind(req->data.nr);
	unsigned long path = req->data.args[1];
	int rc;

	memset(o, 0, sizeof(*o));
	o->dirfd = (int)req->data.args[0];
	if (kind == TC_OPEN || kind == TC_CREAT) {
		o->dirfd = AT_FDCWD;
		path = req->data.args[0];
		o->how.flags = kind == TC_CREAT ? O_CREAT | O_WRONLY | O_TRUNC : req->data.args[1];
		o->how.mode = req->data.args[kind == TC_CREAT ? 1 : 2];
	} else if (kind == TC_OPENAT) {
		o->how.flags = req->data.args[2];
		o->how.mode = req->data.args[3];
	} else { /* openat2 */
		size_t size = req->data.args[3];
		if (size < sizeof(o->how))
			return -EINVAL;
		if ((rc = taint_mem_read(req->pid, req->data.args[2], &o->how, sizeof(o->how))))
			return rc;
	}
	if (!(o->how.flags & (O_CREAT | __O_TMPFILE)))
		o->how.mode = 0;
	return taint_mem_string(req->pid, path, o->path, sizeof(o->path));
}

/* Paths that name "self" mean the process, not the monitor: /dev/stdin, /dev/fd/N,
 * /proc/self/... become /proc/TID/... Whether the path was one. */
static bool rewrite_self(pid_t tid, char *path, size_t size)
{
	static const struct { const char *from, *to; } map[] = {
		{ "/dev/stdin", "fd/0" }, { "/dev/stdout", "fd/1" }, { "/dev/stderr", "fd/2" },
		{ "/dev/fd/", "fd/" },	  { "/proc/self/", "" },     { "/proc/thread-self/", "" },
	};
	char out[4096];

	for (size_t i = 0; i < SG_ARRAY_SIZE(map); i++) {
		size_t n = strlen(map[i].from);
		bool dir = map[i].from[n - 1] == '/';

		if (strncmp(path, map[i].from, n) != 0 || (!dir && path[n] != '\0'))
			continue;
		snprintf(out, sizeof(out), "/proc/%d/%s%s", tid, map[i].to, path + n);
		snprintf(path, size, "%s", out);
		return true;
	}
	return false;
}

/* With observed opens the command has a mount and a pid namespace of its own:
 * its absolute paths start from its root (/proc/TID/root), so /proc/PID means
 * its own processes, not the host's. */
static int from_its_root(pid_t tid, char *path, size_t size)
{
	char out[4200];

	snprintf(out, sizeof(out), "/proc/%d/root%s", tid, path);
	size_t n = strlen(out);
	if (n >= size)
		return -ENAMETOOLONG;
	memcpy(path, out, n + 1);
	return 0;
}

/* The path as the monitor can open it: relative paths go through the process's
 * cwd or dirfd by /proc/TID/cwd/... and /proc/TID/fd/N/... (no fd copied). With
 * openat2 RESOLVE_* flags the dirfd itself is needed: *dirfd becomes a copy. */
static int monitor_path(pid_t tid, struct open_req *o, int *dirfd, char *out, size_t size)
{
	*dirfd = AT_FDCWD;
	if (o->path[0] == '/') {
		snprintf(out, size, "%s", o->path);
		return 0;
	}
	if (o->how.resolve && o->dirfd != AT_FDCWD) {
		*dirfd = taint_fd_of(tid, o->dirfd);
		snprintf(out, size, "%s", o->path);
		return *dirfd < 0 ? *dirfd : 0;
	}
	if (o->dirfd == AT_FDCWD)
		snprintf(out, size, "/proc/%d/cwd/%s", tid, o->path);
	else
		snprintf(out, size, "/proc/%d/fd/%d/%s", tid, o->dirfd, o->path);
	return 0;
}

/* The process's filesystem uid and gid, from /proc; cached per process until it
 * calls a set*id function (those are notified: see calls.c). */
static void creds_of(struct taint_proc *p, pid_t tid)
{
	char path[64], line[256];
	unsigned r, e, s, fs;

	if (p->creds_known)
		return;
	p->fsuid = geteuid();
	p->fsgid = getegid();
	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Uid: %u %u %u %u", &r, &e, &s, &fs) == 4)
			p->fsuid = fs;
		else if (sscanf(line, "Gid: %u %u %u %u", &r, &e, &s, &fs) == 4)
			p->fsgid = fs;
	}
	fclose(f);
	p->creds_known = true;
}

/* Act with the process's filesystem uid and gid (not the monitor's); nothing to
 * do in the common case where they are ours. Whether anything changed. */
static uid_t my_uid;
static gid_t my_gid;
static bool mine_known;

static bool become(uid_t uid, gid_t gid)
{
	if (!mine_known) {
		my_uid = geteuid();
		my_gid = getegid();
		mine_known = true;
	}
	if (uid == my_uid && gid == my_gid)
		return false;
	setfsgid(gid);
	setfsuid(uid);
	return true;
}

static void restore(bool changed)
{
	if (!changed)
		return;
	setfsuid(my_uid);
	setfsgid(my_gid);
}

static int do_openat2(int dirfd, const char *path, struct open_how *how)
{
	int fd = (int)syscall(SYS_openat2, dirfd, path, how, sizeof(*how));
	return fd < 0 ? -errno : fd;
}

/* Place fd in the process as the result of its call. */
static int inject(int nfd, const struct seccomp_notif *req, int fd, bool cloexec)
{
	struct seccomp_notif_addfd add = {
		.id = req->id,
		.flags = SECCOMP_ADDFD_FLAG_SEND,
		.srcfd = (__u32)fd,
		.newfd_flags = cloexec ? O_CLOEXEC : 0,
	};
	return ioctl(nfd, SECCOMP_IOCTL_NOTIF_ADDFD, &add) < 0 ? -errno : 0;
}

static bool is_proc_mem(int fd, const struct stat *st)
{
	static dev_t proc_dev;
	struct stat ps;
	char link[64], target[256];
	ssize_t n;

	if (!proc_dev && stat("/proc/self", &ps) == 0)
		proc_dev = ps.st_dev;
	if (st->st_dev != proc_dev || S_ISDIR(st->st_mode))
		return false;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return false;
	target[n] = '\0';
	const char *base = strrchr(target, '/');
	return base && strcmp(base, "/mem") == 0;
}

/* Would a new label for p (thread tid) reach the outside: an fd p holds (an
 * inherited pipe or socket leading out, a connection to an untrusted peer), or
 * one held by a process p's pipes, FIFOs and sockets lead to? Why, into why. */
static bool escapes(struct taint_mon *m, struct taint_proc *p, pid_t tid, char *why, size_t size)
{
	char what[320];

	if (taint_holds_exit(m, tid, what, sizeof(what)))
		snprintf(why, size, "would taint a process holding %s", what);
	else if (taint_label_escapes(m, p, what, sizeof(what)))
		snprintf(why, size, "would taint %s", what);
	else
		return false;
	return true;
}

unsigned taint_obj_label(struct taint_mon *m, int fd, const struct stat *st)
{
	size_t before = m->g.nobjs;
	unsigned i = taint_obj_get(&m->g, st->st_dev, st->st_ino,
				   S_ISREG(st->st_mode) ? TAINT_OBJ_FILE : TAINT_OBJ_CHANNEL);

	if (m->g.nobjs > before && S_ISREG(st->st_mode)) {
		m->g.objs[i].label = taint_file_label(m, fd, st);
		m->g.objs[i].persisted = m->g.objs[i].label;
	}
	return i;
}

int taint_took(struct taint_mon *m, struct taint_proc *p, unsigned i, pid_t tid, bool reads,
	       bool writes, const char *call, const char *path)
{
	struct taint_obj *obj = &m->g.objs[i];
	char why[512];

	if (call && reads && !p->declassifier && (obj->label & ~p->label) &&
	    escapes(m, p, tid, why, sizeof(why))) {
		taint_violation(m, tid, obj->label, call, path, why, m->kill_on_violation);
		return -1;
	}
	taint_attach(&m->g, p, i, reads, writes);
	if (reads && !p->declassifier)
		p->label |= obj->label;
	if (writes && (p->label & ~obj->label)) {
		/* Stored now, so it outlives the run; the rest flows at the next decision. */
		obj->label |= p->label;
		taint_obj_persist(obj);
	}
	return 0;
}

/* Record the opened object; refuse what the process may not have. 0 to go on. */
static int account(struct taint_mon *m, struct taint_proc *p, const struct seccomp_notif *req,
		   int fd, const struct open_req *o, struct seccomp_notif_resp *resp)
{
	int acc = (int)(o->how.flags & O_ACCMODE);
	bool reads = acc != O_WRONLY && !(o->how.flags & O_PATH);
	bool writes = acc != O_RDONLY || (o->how.flags & O_TRUNC);
	struct stat st;

	if (fstat(fd, &st) < 0)
		return 0;
	if (is_proc_mem(fd, &st)) { /* another process's memory: a channel past the monitor */
		taint_refuse(m, req, resp, p->label, o->path, "process memory through /proc");
		return -1;
	}
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
		return 0;
	if (writes && taint_observe_unseen(&m->ob, st.st_dev)) {
		taint_refuse(m, req, resp, p->label, o->path,
			     "writing a file whose reads are not observed (sysfs, /dev, ...); "
			     "--opens seccomp allows it");
		return -1;
	}
	unsigned i = taint_obj_label(m, fd, &st);
	struct taint_obj *obj = &m->g.objs[i];

	if (writes && obj->kind == TAINT_OBJ_FILE && obj->handle < 0) {
		char link[64];
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		obj->handle = open(link, O_PATH | O_CLOEXEC);
	}
	if (taint_took(m, p, i, (pid_t)req->pid, reads, writes,
		       taint_call_name(req->data.nr), o->path) < 0) {
		taint_fail(req, resp, EACCES);
		return -1;
	}
	return 0;
}

/* A FIFO open that must wait, finished in a thread of its own:
 * - a reader got its end at once (O_NONBLOCK, held by us so a writer can open and
 *   write meanwhile); the thread waits until a writer has written or come and gone,
 *   then hands that same end over, blocking again: what a blocking open would give;
 * - a writer found no reader (ENXIO); the thread reopens the FIFO blocking, through
 *   an O_PATH fd, which returns once a reader opens. */
struct blocking_open {
	int nfd, fd; /* the reader's end, or the O_PATH fd of the FIFO */
	bool reader;
	uid_t uid;
	gid_t gid;
	struct seccomp_notif req;
	struct open_how how;
};

static void *open_in_thread(void *arg)
{
	struct blocking_open *b = arg;
	int fd = -1, e = 0;

	if (b->reader) {
		struct pollfd pf = { b->fd, POLLIN, 0 };
		while (poll(&pf, 1, -1) < 0 && errno == EINTR)
			;
		fd = b->fd;
		if (fcntl(fd, F_SETFL, (int)(b->how.flags & (O_APPEND | O_NOATIME | O_ASYNC))) < 0)
			e = errno;
	} else {
		char link[64];
		snprintf(link, sizeof(link), "/proc/self/fd/%d", b->fd);
		bool changed = become(b->uid, b->gid);
		fd = open(link, (int)(b->how.flags | O_CLOEXEC));
		e = fd < 0 ? errno : 0;
		restore(changed);
		close(b->fd);
	}
	if (!e)
		e = -inject(b->nfd, &b->req, fd, b->how.flags & O_CLOEXEC);
	if (e && e != ENOENT) { /* ENOENT: the opener is gone */
		struct seccomp_notif_resp resp = { .id = b->req.id, .error = -e };
		launch_respond(b->nfd, &b->req, &resp);
	}
	if (fd >= 0)
		close(fd);
	free(b);
	return NULL;
}

static int open_later(struct taint_mon *m, const struct seccomp_notif *req, int fd,
		      bool reader, const struct open_how *how, const struct taint_proc *p)
{
	struct blocking_open *b = sg_xcalloc(1, sizeof(*b));
	pthread_t t;
	pthread_attr_t attr;

	*b = (struct blocking_open){ m->nfd, fd, reader, p->fsuid, p->fsgid, *req, *how };
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	int rc = pthread_create(&t, &attr, open_in_thread, b);
	pthread_attr_destroy(&attr);
	if (rc) {
		close(fd);
		free(b);
		return -rc;
	}
	return 1;
}

/* Open for the process. O_NONBLOCK is added so that a FIFO cannot block the
 * monitor (a FIFO that must wait is finished by open_later); anything else gets
 * its flags back before the process sees the fd. */
static int open_for(struct taint_mon *m, struct taint_proc *p, const struct seccomp_notif *req,
		    struct open_req *o, struct seccomp_notif_resp *resp)
{
	struct open_how how = o->how;
	bool added = !(how.flags & O_NONBLOCK) && !(how.flags & O_PATH);
	char path[4200];
	int dirfd, fd;
	struct stat st;

	if ((fd = monitor_path(req->pid, o, &dirfd, path, sizeof(path))) < 0)
		return taint_fail(req, resp, -fd), 0;
	creds_of(p, req->pid);
	bool changed = become(p->fsuid, p->fsgid);
	how.flags |= O_CLOEXEC | (added ? O_NONBLOCK : 0);
	fd = do_openat2(dirfd, path, &how);
	bool probed = false;
	if (fd == -ENXIO && added) { /* a FIFO opened for writing has no reader yet */
		struct open_how probe = { O_PATH | O_CLOEXEC, 0, how.resolve };
		fd = do_openat2(dirfd, path, &probe);
		if (fd >= 0 && (fstat(fd, &st) < 0 || !S_ISFIFO(st.st_mode)))
			close(fd), fd = -ENXIO;
		probed = fd >= 0;
	}
	restore(changed);
	if (dirfd >= 0)
		close(dirfd);
	if (fd < 0)
		return taint_fail(req, resp, -fd), 0;
	if (account(m, p, req, fd, o, resp) < 0)
		return close(fd), 0;
	if (probed) /* a writer waiting for a reader */
		return open_later(m, req, fd, false, &o->how, p);
	if (added && (o->how.flags & O_ACCMODE) == O_RDONLY && fstat(fd, &st) == 0 &&
	    S_ISFIFO(st.st_mode)) /* a reader waiting for a writer */
		return open_later(m, req, fd, true, &o->how, p);
	if (added && fcntl(fd, F_SETFL, (int)(o->how.flags & (O_APPEND | O_DIRECT | O_NOATIME |
								  O_ASYNC))) < 0) {
		close(fd);
		return taint_fail(req, resp, errno), 0;
	}
	int rc = inject(m->nfd, req, fd, o->how.flags & O_CLOEXEC);
	close(fd);
	if (rc < 0)
		taint_fail(req, resp, -rc);
	return rc < 0 ? 0 : 1;
}

int taint_on_open(struct taint_mon *m, struct taint_proc *p, const struct seccomp_notif *req,
		  struct seccomp_notif_resp *resp)
{
	struct open_req o;
	int rc = read_open_args(req, &o);

	if (rc)
		return taint_fail(req, resp, -rc), 0;
	if (!rewrite_self(req->pid, o.path, sizeof(o.path)) && m->ob.fd >= 0 && o.path[0] == '/' &&
	    (rc = from_its_root(req->pid, o.path, sizeof(o.path))))
		return taint_fail(req, resp, -rc), 0;
	return open_for(m, p, req, &o, resp);
}
