/* Enforcement at the network calls: connect, sendto, sendmsg, sendmmsg.
 *
 * An untainted process goes on (the decision does not depend on its memory). A
 * tainted one may reach only trusted inet destinations and AF_UNIX peers under the
 * same monitor. Its destination address is copied out once and the call is then
 * made by the monitor on a copy of the socket, on that copy of the address, so a
 * changed address after the check changes nothing. */
#include <errno.h>
#include <linux/netlink.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "monitor.h"

/* Is this socket (our copy) one a tainted process may use toward sa? */
static bool allowed_dest(struct taint_mon *m, int sock, const struct sockaddr *sa,
			 socklen_t len, char *why, size_t size)
{
	int domain = 0, proto = 0;
	socklen_t dl = sizeof(domain), pl = sizeof(proto);

	getsockopt(sock, SOL_SOCKET, SO_DOMAIN, &domain, &dl);
	getsockopt(sock, SOL_SOCKET, SO_PROTOCOL, &proto, &pl);
	switch (domain) {
	case AF_INET:
	case AF_INET6:
		if (sa && taint_trust_match(m->trust, m->ntrust, sa, len))
			return true;
		snprintf(why, size, "untrusted destination");
		return false;
	case AF_UNIX:
		return true; /* checked by the peer, below */
	case AF_NETLINK:
		if (proto == NETLINK_ROUTE)
			return true; /* route queries: ip addr, getaddrinfo */
		snprintf(why, size, "netlink protocol %d", proto);
		return false;
	default:
		snprintf(why, size, "socket family %d", domain);
		return false;
	}
}

/* An AF_UNIX connection whose other end is a process under this monitor? */
static bool peer_is_ours(struct taint_mon *m, int sock)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	int domain = 0;
	socklen_t dl = sizeof(domain);

	if (getsockopt(sock, SOL_SOCKET, SO_DOMAIN, &domain, &dl) < 0 || domain != AF_UNIX)
		return true;
	if (getsockopt(sock, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0 || cred.pid <= 0)
		return true; /* not connected (yet): datagrams are checked per send */
	return taint_proc_find(&m->g, cred.pid) != NULL;
}

/* The process's label now: its fds recorded, the graph settled. */
static taint_label current_label(struct taint_mon *m, const struct seccomp_notif *req)
{
	struct taint_proc *p = taint_proc_seen(m, req->pid);
	pid_t tgid = p->tgid;

	taint_scan(m, p, req->pid);
	taint_settle(&m->g);
	return taint_proc_find(&m->g, tgid)->label;
}

static void answer(const struct seccomp_notif *req, struct seccomp_notif_resp *resp, long rc)
{
	resp->id = req->id;
	resp->flags = 0;
	resp->val = rc < 0 ? 0 : rc;
	resp->error = rc < 0 ? (int)rc : 0;
}

static int on_connect(struct taint_mon *m, const struct seccomp_notif *req,
		      struct seccomp_notif_resp *resp, taint_label label, int sock)
{
	struct sockaddr_storage ss;
	socklen_t len = (socklen_t)req->data.args[2];
	char dest[160], why[96] = "";

	if (len > sizeof(ss))
		return taint_fail(req, resp, EINVAL), 0;
	memset(&ss, 0, sizeof(ss));
	int rc = taint_mem_read(req->pid, req->data.args[1], &ss, len);
	if (rc)
		return taint_fail(req, resp, -rc), 0;
	taint_sockaddr_str((struct sockaddr *)&ss, len, dest, sizeof(dest));
	if (!allowed_dest(m, sock, (struct sockaddr *)&ss, len, why, sizeof(why))) {
		taint_refuse(m, req, resp, label, dest, why);
		return 0;
	}
	rc = connect(sock, (struct sockaddr *)&ss, len);
	if (rc == 0 && !peer_is_ours(m, sock)) {
		shutdown(sock, SHUT_RDWR);
		taint_refuse(m, req, resp, label, dest, "AF_UNIX peer outside the monitor");
		return 0;
	}
	answer(req, resp, rc < 0 ? -errno : 0);
	return 0;
}

/* sendto with an address: check a copy and send the copied data ourselves. */
static int on_sendto(struct taint_mon *m, const struct seccomp_notif *req,
		     struct seccomp_notif_resp *resp, taint_label label, int sock)
{
	struct sockaddr_storage ss;
	socklen_t alen = (socklen_t)req->data.args[5];
	size_t n = req->data.args[2];
	char dest[160], why[96] = "";

	if (alen > sizeof(ss) || n > (1u << 20))
		return taint_fail(req, resp, alen > sizeof(ss) ? EINVAL : EMSGSIZE), 0;
	memset(&ss, 0, sizeof(ss));
	int rc = taint_mem_read(req->pid, req->data.args[4], &ss, alen);
	if (rc)
		return taint_fail(req, resp, -rc), 0;
	taint_sockaddr_str((struct sockaddr *)&ss, alen, dest, sizeof(dest));
	if (!allowed_dest(m, sock, (struct sockaddr *)&ss, alen, why, sizeof(why))) {
		taint_refuse(m, req, resp, label, dest, why);
		return 0;
	}
	char *buf = malloc(n ? n : 1);
	if (!buf || (n && (rc = taint_mem_read(req->pid, req->data.args[1], buf, n)))) {
		free(buf);
		return taint_fail(req, resp, buf ? -rc : ENOMEM), 0;
	}
	ssize_t sent = sendto(sock, buf, n, (int)req->data.args[3] | MSG_DONTWAIT,
			      (struct sockaddr *)&ss, alen);
	free(buf);
	answer(req, resp, sent < 0 ? -errno : sent);
	return 0;
}

/* A send without an address goes to the socket's peer, fixed in the kernel. */
static int on_connected_send(struct taint_mon *m, const struct seccomp_notif *req,
			     struct seccomp_notif_resp *resp, taint_label label, int sock)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char dest[160] = "unconnected", why[96] = "";
	bool have = getpeername(sock, (struct sockaddr *)&ss, &len) == 0;

	if (have)
		taint_sockaddr_str((struct sockaddr *)&ss, len, dest, sizeof(dest));
	if (!allowed_dest(m, sock, have ? (struct sockaddr *)&ss : NULL, len, why, sizeof(why)))
		taint_refuse(m, req, resp, label, dest, why);
	else if (!peer_is_ours(m, sock))
		taint_refuse(m, req, resp, label, dest, "AF_UNIX peer outside the monitor");
	else
		taint_continue(req, resp); /* the peer cannot change under us: no memory read */
	return 0;
}

/* Does the message (or any of the vector) carry its own destination? */
static int has_name(const struct seccomp_notif *req, bool *named)
{
	struct msghdr h;
	int rc;

	*named = false;
	if (taint_call_kind(req->data.nr) == TC_SENDMSG) {
		if ((rc = taint_mem_read(req->pid, req->data.args[1], &h, sizeof(h))))
			return rc;
		*named = h.msg_name != NULL || h.msg_controllen != 0;
		return 0;
	}
	/* sendmmsg: struct mmsghdr { struct msghdr; unsigned len; } */
	unsigned vlen = (unsigned)req->data.args[2] > 1024 ? 1024 : (unsigned)req->data.args[2];
	for (unsigned i = 0; i < vlen && !*named; i++) {
		if ((rc = taint_mem_read(req->pid, req->data.args[1] + i * sizeof(struct mmsghdr),
					 &h, sizeof(h))))
			return rc;
		*named = h.msg_name != NULL || h.msg_controllen != 0;
	}
	return 0;
}

bool taint_connect_soft(const struct taint_mon *m, pid_t tid)
{
	return !m->ob.perm || (!m->ob.sticky && (!m->ob.pending || m->ob.pending == tid));
}

void taint_connect_way_out(struct taint_mon *m, const struct seccomp_notif *req, bool soft)
{
	unsigned short family = 0;

	/* An untainted AF_UNIX connect (glibc asking an nscd that is not running) may
	 * make no way out: looked at again once the call is over. Anything else
	 * keeps the opens waiting for decisions. */
	if (soft && req->data.args[2] >= sizeof(family) &&
	    taint_mem_read(req->pid, req->data.args[1], &family, sizeof(family)) == 0 &&
	    family == AF_UNIX && !current_label(m, req))
		m->ob.pending = (pid_t)req->pid;
	else
		m->ob.sticky = true;
}

int taint_on_send(struct taint_mon *m, const struct seccomp_notif *req,
		  struct seccomp_notif_resp *resp)
{
	enum taint_call kind = taint_call_kind(req->data.nr);
	taint_label label = current_label(m, req);
	bool named = false;
	int rc = 0;

	if (!label) {
		taint_continue(req, resp); /* untainted: anywhere, as without the monitor */
		return 0;
	}
	int sock = taint_fd_of(req->pid, (int)req->data.args[0]);
	if (sock < 0)
		return taint_fail(req, resp, -sock), 0;
	if (kind == TC_CONNECT)
		rc = on_connect(m, req, resp, label, sock);
	else if (kind == TC_SENDTO && req->data.args[4])
		rc = on_sendto(m, req, resp, label, sock);
	else if ((kind == TC_SENDMSG || kind == TC_SENDMMSG) &&
		 (rc = has_name(req, &named)) == 0 && named)
		/* Destinations or fds inside the message: not for a tainted process. */
		taint_refuse(m, req, resp, label, "a message with its own address or fds",
			     "sendmsg/sendmmsg with msg_name or control data");
	else if (rc)
		taint_fail(req, resp, -rc);
	else
		rc = on_connected_send(m, req, resp, label, sock);
	close(sock);
	return rc < 0 ? 0 : rc;
}
