/* The reference monitor's answer to each notification: which calls go where, and
 * what a tainted process may not do at all. */
#include <errno.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/syscalls.h"
#include "core/util.h"
#include "monitor.h"

void taint_continue(const struct seccomp_notif *req, struct seccomp_notif_resp *resp)
{
	*resp = (struct seccomp_notif_resp){ .id = req->id,
					     .flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE };
}

void taint_fail(const struct seccomp_notif *req, struct seccomp_notif_resp *resp, int err)
{
	*resp = (struct seccomp_notif_resp){ .id = req->id, .error = -err };
}

static void exe_of(pid_t pid, char *buf, size_t size)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/%d/exe", pid);
	n = readlink(link, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
}

void taint_violation(struct taint_mon *m, pid_t pid, taint_label label, const char *call,
		     const char *dest, const char *why, bool kill_it)
{
	char exe[256];

	exe_of(pid, exe, sizeof(exe));
	struct taint_audit_rec r = { pid, exe[0] ? exe : NULL, label, call, dest,
				     kill_it ? "killed" : "denied", why };
	taint_audit_write(&m->audit, &r);
	if (kill_it)
		kill(pid, SIGKILL);
}

void taint_refuse(struct taint_mon *m, const struct seccomp_notif *req,
		  struct seccomp_notif_resp *resp, taint_label label, const char *dest,
		  const char *why)
{
	taint_violation(m, (pid_t)req->pid, label, taint_call_name(req->data.nr), dest, why,
			m->kill_on_violation);
	taint_fail(req, resp, EACCES);
}

/* After an exec: a --declassifier program runs untainted from now on (its output
 * is trusted not to leak); any other program's file adds its label. Checked on
 * /proc/PID/exe, which names what really runs, not the path the call gave. */
void taint_after_exec(struct taint_mon *m, struct taint_proc *p)
{
	char link[64];
	struct stat st;

	p->exec_pending = false;
	snprintf(link, sizeof(link), "/proc/%d/exe", p->tgid);
	if (stat(link, &st) < 0)
		return;
	for (size_t i = 0; i < m->ndeclass; i++)
		if (m->declass_id[i].dev == st.st_dev && m->declass_id[i].ino == st.st_ino) {
			char exe[256], buf[256];
			exe_of(p->tgid, exe, sizeof(exe));
			struct taint_audit_rec r = { p->tgid, exe, p->label, "execve", exe,
						     "declassified", taint_label_str(p->label, buf, sizeof(buf)) };
			taint_audit_write(&m->audit, &r);
			p->label = 0;
			p->declassifier = true;
			return;
		}
	taint_label l = 0;
	if (taint_xattr_get_path(link, &l) == 0 && !p->declassifier)
		p->label |= l;
}

/* What /proc/PID/exe is now; false when it cannot be read. */
static bool exe_id(pid_t pid, dev_t *dev, ino_t *ino)
{
	char link[64];
	struct stat st;

	snprintf(link, sizeof(link), "/proc/%d/exe", pid);
	if (stat(link, &st) < 0)
		return false;
	*dev = st.st_dev;
	*ino = st.st_ino;
	return true;
}

/* An execve about to happen: checked once it is done (taint_after_exec). */
static void exec_seen(struct taint_proc *p)
{
	p->exec_pending = true;
	if (!exe_id(p->tgid, &p->exe_dev, &p->exe_ino))
		p->exe_dev = 0, p->exe_ino = 0;
}

bool taint_exe_changed(const struct taint_proc *p)
{
	dev_t dev;
	ino_t ino;

	return exe_id(p->tgid, &dev, &ino) && (dev != p->exe_dev || ino != p->exe_ino);
}

/* The process's label now, its fds recorded and the graph settled. */
static taint_label settled_label(struct taint_mon *m, struct taint_proc *p, pid_t tid)
{
	pid_t tgid = p->tgid;

	taint_scan(m, p, tid);
	taint_settle(&m->g);
	return taint_proc_find(&m->g, tgid)->label;
}

/* clone with a namespace flag, clone3: closed to a tainted process. clone3's
 * flags are behind a pointer, so it gets ENOSYS and libc falls back to clone. */
static void on_clone(struct taint_mon *m, const struct seccomp_notif *req,
		     struct seccomp_notif_resp *resp, struct taint_proc *p, enum taint_call kind)
{
	taint_label l = settled_label(m, p, req->pid);

	if (l && kind == TC_CLONE3)
		taint_fail(req, resp, ENOSYS);
	else if (l)
		taint_refuse(m, req, resp, l, NULL, "new namespaces");
	else
		taint_continue(req, resp);
}

/* SysV segments have no path and no fd: the graph knows them by shmid, under a
 * device number no file has. */
#define SYSV_SHM_DEV ((dev_t)-1)

/* shmat: a tainted process may not attach (what it would write there reaches every
 * process attached, with no call the monitor sees). An untainted one attaches, and
 * the segment is an object of the graph from then on: a label one attached process
 * takes later reaches the others at their next decision (a send, say). The shmid
 * and flags are registers: no memory is read. */
static void on_shmat(struct taint_mon *m, const struct seccomp_notif *req,
		     struct seccomp_notif_resp *resp, struct taint_proc *p)
{
	taint_label l = settled_label(m, p, req->pid);
	int shmid = (int)req->data.args[0];
	bool rdonly = req->data.args[2] & SHM_RDONLY;

	if (l) {
		taint_refuse(m, req, resp, l, NULL, "SysV shared memory is closed to a tainted process");
		return;
	}
	pid_t tgid = p->tgid;
	unsigned o = taint_obj_get(&m->g, SYSV_SHM_DEV, (ino_t)shmid, TAINT_OBJ_CHANNEL);
	taint_attach(&m->g, taint_proc_find(&m->g, tgid), o, true, !rdonly);
	taint_continue(req, resp);
}

#define NS_CLOSED "new namespaces are closed while opens are observed (their mounts have no mark)"

/* connect and listen may bring a way out that writes need not pass the monitor
 * for (a connection): opens observed after the fact are no longer enough. 0, or
 * refused when the opens cannot be made to wait. */
static int before_way_out(struct taint_mon *m, const struct seccomp_notif *req,
			  struct seccomp_notif_resp *resp, pid_t tgid)
{
	if (taint_observe_upgrade(m) == 0)
		return 0;
	/* found again: the upgrade may have met new processes (and moved the table) */
	taint_refuse(m, req, resp, taint_proc_find(&m->g, tgid)->label, NULL,
		     "opens cannot be made to wait for the monitor");
	return -1;
}

static int dispatch(struct taint_mon *m, const struct seccomp_notif *req,
		    struct seccomp_notif_resp *resp)
{
	enum taint_call kind = taint_call_kind(req->data.nr);

	taint_observe_drain(m); /* the opens made so far count for this decision */
	struct taint_proc *p = taint_proc_seen(m, req->pid);
	bool fresh = m->g.nfresh > 0 && &m->g.procs[m->g.fresh[m->g.nfresh - 1]] == p;
	taint_label l;
	char what[320], why[400];

	if (p->exec_pending)
		taint_after_exec(m, p);
	/* Met for the first time, already tainted through a channel while holding an fd
	 * that leads out: nothing it does from here on may happen. */
	if (fresh && m->nexits && (l = settled_label(m, p, req->pid)) &&
	    taint_holds_exit(m, req->pid, what, sizeof(what))) {
		snprintf(why, sizeof(why), "tainted through a channel while holding %s", what);
		taint_refuse(m, req, resp, l, NULL, why);
		return 0;
	}
	switch (kind) {
	case TC_OPEN:
	case TC_CREAT:
	case TC_OPENAT:
	case TC_OPENAT2:
		return taint_on_open(m, p, req, resp);
	case TC_CONNECT:
		if (m->ob.fd >= 0) {
			bool soft = taint_connect_soft(m, (pid_t)req->pid);
			if (before_way_out(m, req, resp, p->tgid) < 0)
				return 0;
			taint_observe_drain(m); /* opens up to the upgrade count */
			taint_connect_way_out(m, req, soft);
		}
		return taint_on_send(m, req, resp);
	case TC_SENDTO:
	case TC_SENDMSG:
	case TC_SENDMMSG:
		return taint_on_send(m, req, resp);
	case TC_EXEC:
		exec_seen(p);
		taint_continue(req, resp);
		break;
	case TC_CLONE:
	case TC_CLONE3:
		if (m->ob.fd >= 0) /* a new mount namespace's mounts would carry no mark */
			kind == TC_CLONE3 ? taint_fail(req, resp, ENOSYS) :
					    taint_refuse(m, req, resp, p->label, NULL, NS_CLOSED);
		else
			on_clone(m, req, resp, p, kind);
		break;
	case TC_SHMAT:
		on_shmat(m, req, resp, p);
		break;
	case TC_SETID:
		/* The call has not happened yet: read the credentials again next time. */
		p->creds_known = false;
		taint_continue(req, resp);
		break;
	case TC_CLOSED_ALWAYS:
		taint_refuse(m, req, resp, p->label, NULL, "a channel past the monitor");
		break;
	case TC_NAMESPACE:
	case TC_CLOSED_TAINTED:
		if (kind == TC_NAMESPACE && m->ob.fd >= 0)
			taint_refuse(m, req, resp, p->label, NULL, NS_CLOSED);
		else if ((l = settled_label(m, p, req->pid)))
			taint_refuse(m, req, resp, l, NULL, "a channel past the monitor");
		else
			taint_continue(req, resp);
		break;
	case TC_LISTEN:
	case TC_SOCKET:
		m->ob.sticky = true; /* accept, or write() on a packet socket: no call to see */
		if (before_way_out(m, req, resp, p->tgid) == 0)
			taint_continue(req, resp);
		break;
	case TC_MOUNT:
		taint_refuse(m, req, resp, p->label, NULL,
			     "mounts are closed while opens are observed (a new mount has no mark)");
		break;
	case TC_NONE:
		taint_continue(req, resp);
		break;
	}
	return 0;
}

int taint_notify(const struct seccomp_notif *req, struct seccomp_notif_resp *resp, int nfd,
		 void *ctx)
{
	struct taint_mon *m = ctx;
	unsigned long long t0 = sg_now_ns();

	(void)nfd;
	int rc = dispatch(m, req, resp);
	unsigned long long dt = sg_now_ns() - t0;

	if (m->nsamples == m->scap) {
		m->scap = m->scap ? m->scap * 2 : 1024;
		m->samples = sg_xrealloc(m->samples, m->scap * sizeof(*m->samples));
	}
	m->samples[m->nsamples++] = dt;
	return rc;
}
