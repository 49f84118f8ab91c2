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
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "core/syscalls.h"
#include "core/util.h"
#include "monitor.h"

#define PROC_MAGIC 0x9fa0

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
 * /proc/self/... become /proc/TID/... */
static void rewrite_self(pid_t tid, char *path, size_t size)
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
		return;
	}
}

/* A dirfd valid in the monitor for the process's dirfd (AT_FDCWD: its cwd). */
static int monitor_dirfd(pid_t tid, int dirfd, const char *path)
{
	char cwd[64];

	if (path[0] == '/')
		return AT_FDCWD;
	if (dirfd != AT_FDCWD)
		return taint_fd_of(tid, dirfd);
	snprintf(cwd, sizeof(cwd), "/proc/%d/cwd", tid);
	int fd = open(cwd, O_PATH | O_DIRECTORY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* Act with the process's filesystem uid and gid (not the monitor's). */
static void become(pid_t tid, uid_t *uid, gid_t *gid)
{
	char path[64], line[256];
	unsigned r, e, s, fs;

	*uid = (uid_t)-1;
	*gid = (gid_t)-1;
	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Uid: %u %u %u %u", &r, &e, &s, &fs) == 4)
			*uid = fs;
		else if (sscanf(line, "Gid: %u %u %u %u", &r, &e, &s, &fs) == 4)
			*gid = fs;
	}
	fclose(f);
	if (*gid != (gid_t)-1)
		setfsgid(*gid);
	if (*uid != (uid_t)-1)
		setfsuid(*uid);
}

static void restore(void)
{
	setfsuid(geteuid());
	setfsgid(getegid());
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

static bool is_proc_mem(int fd)
{
	struct statfs sf;
	char link[64], target[256];
	ssize_t n;

	if (fstatfs(fd, &sf) < 0 || sf.f_type != PROC_MAGIC)
		return false;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return false;
	target[n] = '\0';
	const char *base = strrchr(target, '/');
	return base && strcmp(base, "/mem") == 0;
}

/* Record the opened object; refuse what the process may not have. 0 to go on. */
static int account(struct taint_mon *m, const struct seccomp_notif *req, int fd,
		   const struct open_req *o, struct seccomp_notif_resp *resp)
{
	struct taint_proc *p = taint_proc_of(&m->g, req->pid);
	int acc = (int)(o->how.flags & O_ACCMODE);
	bool reads = acc != O_WRONLY && !(o->how.flags & O_PATH);
	bool writes = acc != O_RDONLY || (o->how.flags & O_TRUNC);
	struct stat st;
	char what[160];

	if (fstat(fd, &st) < 0)
		return 0;
	if (is_proc_mem(fd)) { /* another process's memory: a channel past the monitor */
		taint_refuse(m, req, resp, p->label, o->path, "process memory through /proc");
		return -1;
	}
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
		return 0;
	size_t before = m->g.nobjs;
	unsigned i = taint_obj_get(&m->g, st.st_dev, st.st_ino,
				   S_ISREG(st.st_mode) ? TAINT_OBJ_FILE : TAINT_OBJ_CHANNEL);
	struct taint_obj *obj = &m->g.objs[i];

	if (m->g.nobjs > before && S_ISREG(st.st_mode)) {
		obj->label = taint_file_label(m, fd, &st);
		obj->persisted = obj->label;
	}
	if (reads && !p->declassifier && (obj->label & ~p->label) &&
	    taint_holds_untrusted(m, req->pid, what, sizeof(what))) {
		char why[256];
		snprintf(why, sizeof(why), "would taint a process holding a connection to %s",
			 what);
		taint_refuse(m, req, resp, obj->label, o->path, why);
		return -1;
	}
	if (writes && obj->kind == TAINT_OBJ_FILE && obj->handle < 0) {
		char link[64];
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		obj->handle = open(link, O_PATH | O_CLOEXEC);
	}
	taint_attach(&m->g, p, i, reads, writes);
	if (reads && !p->declassifier)
		p->label |= obj->label;
	if (writes && (p->label & ~obj->label)) {
		obj->label |= p->label;
		taint_settle(&m->g); /* persists the file's grown label now */
	}
	return 0;
}

struct blocking_open {
	int nfd, opath;
	struct seccomp_notif req;
	struct open_how how;
};

static void *open_in_thread(void *arg)
{
	struct blocking_open *b = arg;
	char link[64];
	uid_t uid;
	gid_t gid;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", b->opath);
	become(b->req.pid, &uid, &gid);
	int fd = open(link, (int)(b->how.flags | O_CLOEXEC));
	int e = errno;
	restore();
	if (fd >= 0) {
		inject(b->nfd, &b->req, fd, b->how.flags & O_CLOEXEC);
		close(fd);
	} else {
		struct seccomp_notif_resp resp = { .id = b->req.id, .error = -e };
		ioctl(b->nfd, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
	close(b->opath);
	free(b);
	return NULL;
}

/* FIFO opened without O_NONBLOCK: open (and answer) from a thread. */
static int open_later(struct taint_mon *m, const struct seccomp_notif *req, int opath,
		      const struct open_how *how)
{
	struct blocking_open *b = sg_xcalloc(1, sizeof(*b));
	pthread_t t;
	pthread_attr_t attr;

	*b = (struct blocking_open){ m->nfd, opath, *req, *how };
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	int rc = pthread_create(&t, &attr, open_in_thread, b);
	pthread_attr_destroy(&attr);
	if (rc) {
		close(opath);
		free(b);
		return -rc;
	}
	return 1;
}

/* Open for the process: first the object itself (O_PATH never blocks), then the
 * real open through it. */
static int open_for(struct taint_mon *m, const struct seccomp_notif *req, struct open_req *o,
		    struct seccomp_notif_resp *resp)
{
	struct open_how how = o->how;
	int dirfd = monitor_dirfd(req->pid, o->dirfd, o->path);
	uid_t uid;
	gid_t gid;
	int fd;

	if (dirfd < 0 && dirfd != AT_FDCWD)
		return taint_fail(req, resp, -dirfd), 0;
	become(req->pid, &uid, &gid);
	how.flags |= O_CLOEXEC;
	if (!(how.flags & (O_CREAT | __O_TMPFILE | O_PATH))) {
		struct open_how probe = { O_PATH | O_CLOEXEC | (how.flags & (O_NOFOLLOW | O_DIRECTORY)),
					  0, how.resolve };
		int opath = do_openat2(dirfd, o->path, &probe);
		struct stat st;

		if (opath >= 0 && fstat(opath, &st) == 0 && S_ISFIFO(st.st_mode) &&
		    !(how.flags & O_NONBLOCK)) {
			restore();
			if (dirfd >= 0)
				close(dirfd);
			/* The object is known now: account for it before the open completes. */
			if (account(m, req, opath, o, resp) < 0)
				return close(opath), 0;
			return open_later(m, req, opath, &o->how);
		}
		if (opath >= 0)
			close(opath);
	}
	fd = do_openat2(dirfd, o->path, &how);
	restore();
	if (dirfd >= 0)
		close(dirfd);
	if (fd < 0)
		return taint_fail(req, resp, -fd), 0;
	if (account(m, req, fd, o, resp) < 0) {
		close(fd);
		return 0;
	}
	int rc = inject(m->nfd, req, fd, o->how.flags & O_CLOEXEC);
	close(fd);
	if (rc < 0)
		taint_fail(req, resp, -rc);
	return rc < 0 ? 0 : 1;
}

int taint_on_open(struct taint_mon *m, const struct seccomp_notif *req,
		  struct seccomp_notif_resp *resp)
{
	struct open_req o;
	int rc = read_open_args(req, &o);

	if (rc)
		return taint_fail(req, resp, -rc), 0;
	rewrite_self(req->pid, o.path, sizeof(o.path));
	return open_for(m, req, &o, resp);
}
