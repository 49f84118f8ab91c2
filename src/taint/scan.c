/* What a process holds: its fds from /proc, as edges of the flow graph, and the
 * starting label of a file (its xattr and the --secret paths). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/proc_status.h"
#include "monitor.h"

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0' || n == 1);
}

taint_label taint_file_label(const struct taint_mon *m, int fd, const struct stat *st)
{
	taint_label l = 0;
	char link[64], real[4096];
	ssize_t n = -1;

	taint_xattr_get_fd(fd, &l); /* no xattr support: no stored label */
	for (size_t i = 0; i < m->nsecrets; i++) {
		const struct taint_secret *s = &m->secrets[i];

		if (!s->dir) {
			if (s->dev == st->st_dev && s->ino == st->st_ino)
				l |= s->label;
			continue;
		}
		if (n < 0) {
			snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
			n = readlink(link, real, sizeof(real) - 1);
			if (n < 0)
				continue;
			real[n] = '\0';
		}
		if (under(real, s->path))
			l |= s->label;
	}
	return l;
}

/* Send one sock_diag request for the AF_UNIX socket ino and read its peer. */
ino_t taint_unix_peer(ino_t ino)
{
	struct {
		struct nlmsghdr nh;
		struct unix_diag_req req;
	} q = { { sizeof(q), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, 1, 0 },
		{ AF_UNIX, 0, 0, -1U, (__u32)ino, UDIAG_SHOW_PEER, { -1U, -1U } } };
	char buf[4096];
	ino_t peer = 0;
	int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);

	if (fd < 0)
		return 0;
	ssize_t n = send(fd, &q, sizeof(q), 0) == sizeof(q) ? recv(fd, buf, sizeof(buf), 0) : -1;
	close(fd);
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	if (n < (ssize_t)sizeof(*h) || !NLMSG_OK(h, (size_t)n) || h->nlmsg_type != SOCK_DIAG_BY_FAMILY)
		return 0;
	struct unix_diag_msg *msg = NLMSG_DATA(h);
	int len = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*msg)));
	for (struct rtattr *a = (struct rtattr *)(msg + 1); RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == UNIX_DIAG_PEER && RTA_PAYLOAD(a) >= sizeof(__u32))
			peer = *(__u32 *)RTA_DATA(a);
	return peer;
}

/* The pid that connected to (or listened for) this AF_UNIX socket, 0 if none.
 * The peer's inode is not enough: a socket not yet accepted, or one whose
 * process has closed it, has none. */
static pid_t peer_pid(pid_t tid, int fd)
{
	struct ucred cred = { 0 };
	socklen_t len = sizeof(cred);
	int domain = 0;
	socklen_t dl = sizeof(domain);
	int copy = taint_fd_of(tid, fd);

	if (copy < 0)
		return 0;
	if (getsockopt(copy, SOL_SOCKET, SO_DOMAIN, &domain, &dl) < 0 || domain != AF_UNIX ||
	    getsockopt(copy, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0)
		cred.pid = 0;
	close(copy);
	return cred.pid > 0 ? cred.pid : 0;
}

int taint_fd_accmode(pid_t tid, const char *fd)
{
	char path[320], line[128];
	unsigned flags = O_RDWR;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%s", tid, fd);
	FILE *f = fopen(path, "re");
	if (!f)
		return O_RDWR;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "flags: %o", &flags) == 1)
			break;
	fclose(f);
	return (int)(flags & O_ACCMODE);
}

/* One fd of the process: its object and edge, or nothing (anonymous inodes). */
static void scan_fd(struct taint_mon *m, struct taint_proc *p, pid_t tid, const char *name)
{
	char path[320], target[128];
	struct stat st;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/fd/%s", tid, name);
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0 || stat(path, &st) < 0)
		return;
	target[n] = '\0';
	if (strncmp(target, "anon_inode:", 11) == 0 || S_ISDIR(st.st_mode) ||
	    S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		return; /* eventfd and friends share one inode; devices carry no label */
	int acc = taint_fd_accmode(tid, name);
	bool reads = acc != O_WRONLY, writes = acc != O_RDONLY;
	enum taint_obj_kind kind = S_ISREG(st.st_mode)	 ? TAINT_OBJ_FILE :
				   S_ISSOCK(st.st_mode) ? TAINT_OBJ_SOCKET :
							  TAINT_OBJ_CHANNEL;
	size_t before = m->g.nobjs;
	unsigned o = taint_obj_get(&m->g, st.st_dev, st.st_ino, kind);

	if (m->g.nobjs > before && kind == TAINT_OBJ_FILE) {
		int fd = open(path, O_PATH | O_CLOEXEC);
		if (fd >= 0) {
			int rfd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
			m->g.objs[o].label = taint_file_label(m, rfd >= 0 ? rfd : fd, &st);
			m->g.objs[o].persisted = m->g.objs[o].label;
			if (rfd >= 0)
				close(rfd);
			if (writes)
				m->g.objs[o].handle = fd;
			else
				close(fd);
		}
	}
	if (kind == TAINT_OBJ_SOCKET && !m->g.objs[o].peer)
		m->g.objs[o].peer = taint_unix_peer(st.st_ino);
	if (kind == TAINT_OBJ_SOCKET && !m->g.objs[o].peer && !m->g.objs[o].peer_pid)
		m->g.objs[o].peer_pid = peer_pid(tid, atoi(name));
	if (kind == TAINT_OBJ_SOCKET)
		reads = writes = true;
	if (writes && kind == TAINT_OBJ_FILE && m->g.objs[o].handle < 0)
		m->g.objs[o].handle = open(path, O_PATH | O_CLOEXEC);
	taint_attach(&m->g, p, o, reads, writes);
}

int taint_scan(struct taint_mon *m, struct taint_proc *p, pid_t tid)
{
	char path[64];
	struct dirent *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", tid);
	DIR *dir = opendir(path);
	if (!dir)
		return -errno;
	while ((d = readdir(dir)))
		if (d->d_name[0] != '.')
			scan_fd(m, p, tid, d->d_name);
	closedir(dir);
	return 0;
}

struct taint_proc *taint_proc_seen(struct taint_mon *m, pid_t tid)
{
	m->g.nfresh = 0;
	struct taint_proc *p = taint_proc_of(&m->g, tid);

	for (unsigned i = 0; i < m->g.nfresh; i++) {
		struct taint_proc *q = &m->g.procs[m->g.fresh[i]];
		taint_scan(m, q, q->tgid);
	}
	return p;
}

bool taint_in_tree(struct taint_mon *m, pid_t pid)
{
	for (unsigned depth = 0; pid > 1 && pid != getpid() && depth < 64; depth++) {
		if (taint_proc_find(&m->g, pid))
			return true;
		pid_t parent = sg_proc_status_field(pid, "PPid", -1);
		if (parent == getpid() || (m->g.keeper && parent == m->g.keeper))
			return true; /* sysgate and the keeper are subreapers of the tree only */
		pid = parent;
	}
	return false;
}

/* An AF_UNIX socket connected to a process outside the monitored tree: a stream
 * whose peer is not in it, or a datagram socket connected to a named one (whose
 * reader is not known: counted as outside). */
static bool unix_outside(struct taint_mon *m, int fd, char *what, size_t size)
{
	struct sockaddr_un sun;
	socklen_t len = sizeof(sun);
	struct ucred cred;
	socklen_t cl = sizeof(cred);
	int type = 0;
	socklen_t tl = sizeof(type);

	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl) < 0)
		return false;
	if (type == SOCK_DGRAM) {
		if (getpeername(fd, (struct sockaddr *)&sun, &len) < 0 || len <= sizeof(sa_family_t))
			return false; /* unconnected, or a socketpair's other end */
		snprintf(what, size, "a datagram socket connected to %s%.100s",
			 sun.sun_path[0] ? "" : "@", sun.sun_path[0] ? sun.sun_path : sun.sun_path + 1);
		return true;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cl) < 0 || cred.pid <= 0 ||
	    taint_in_tree(m, cred.pid))
		return false;
	snprintf(what, size, "an AF_UNIX socket connected to pid %d, outside the monitor", cred.pid);
	return true;
}

/* A connected inet socket to an untrusted peer, an AF_UNIX one to a process
 * outside the tree, or a packet socket. */
static bool untrusted_socket(struct taint_mon *m, int fd, char *what, size_t size)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int domain = 0;
	socklen_t dl = sizeof(domain);

	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &dl) < 0)
		return false;
	if (domain == AF_PACKET) {
		snprintf(what, size, "an AF_PACKET socket");
		return true;
	}
	if (domain == AF_UNIX)
		return unix_outside(m, fd, what, size);
	if (domain != AF_INET && domain != AF_INET6)
		return false;
	if (getpeername(fd, (struct sockaddr *)&ss, &len) < 0)
		return false; /* not connected: its sends are checked one by one */
	if (taint_trust_match(m->trust, m->ntrust, (struct sockaddr *)&ss, len))
		return false;
	taint_sockaddr_str((struct sockaddr *)&ss, len, what, size);
	return true;
}

bool taint_socket_untrusted(struct taint_mon *m, pid_t tid, int fd, char *what, size_t size)
{
	int copy = taint_fd_of(tid, fd);
	bool found = copy >= 0 && untrusted_socket(m, copy, what, size);

	if (copy >= 0)
		close(copy);
	return found;
}
