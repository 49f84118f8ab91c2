/* Internal to src/taint: the reference monitor's state.
 *
 * The flow graph: processes (by thread group) and objects (files, pipes, FIFOs,
 * sockets, by device and inode), with an edge where a process holds an object for
 * reading and/or writing. Labels only grow: along a write edge from process to
 * object, along a read edge from object to process, and between the two ends of a
 * connected AF_UNIX socket. taint_settle() runs that to a fixpoint. Edges are never
 * removed, and time is ignored: a flow that may have happened counts (conservative).
 */
#ifndef SG_TAINT_MONITOR_H
#define SG_TAINT_MONITOR_H

#include <pthread.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "launch/launch.h"
#include "taint_int.h"

struct seccomp_notif;
struct seccomp_notif_resp;
struct fanotify_event_metadata;
struct policy_bpf;

struct taint_edge {
	unsigned obj;
	bool reads, writes;
};

struct taint_proc {
	pid_t tgid;
	int pidfd; /* tells when this process has exited, -1 once it has */
	taint_label label;
	bool declassifier; /* runs a --declassifier program: reads carry nothing in */
	bool exec_pending; /* execve seen; check /proc/PID/exe at its next call */
	dev_t exe_dev; /* what /proc/PID/exe was at that execve, to tell when it is done */
	ino_t exe_ino;
	bool creds_known; /* fsuid, fsgid read; reset when it calls a set*id function */
	uid_t fsuid;
	gid_t fsgid;
	struct taint_edge *edges;
	size_t nedges, cap;
};

enum taint_obj_kind { TAINT_OBJ_FILE, TAINT_OBJ_CHANNEL, TAINT_OBJ_SOCKET };

struct taint_obj {
	dev_t dev;
	ino_t ino;
	enum taint_obj_kind kind;
	taint_label label;
	ino_t peer; /* AF_UNIX: the connected peer's inode, 0 if none or unknown */
	pid_t peer_pid; /* AF_UNIX, peer inode unknown: the process at the other end */
	int handle; /* FILE written to: an O_PATH fd to persist the label, or -1 */
	taint_label persisted; /* what the file's xattr holds, as far as we know */
	unsigned users; /* edges to it, over all processes */
};

struct taint_graph {
	struct taint_proc *procs;
	size_t nprocs, pcap;
	struct taint_obj *objs;
	size_t nobjs, ocap;
	pid_t command; /* the first process seen: its first notified call is its execve */
	pid_t keeper; /* the command's parent when it is not sysgate: a subreaper too */
	size_t fresh[65]; /* entries the last taint_proc_of created, their fds unscanned */
	unsigned nfresh;
};

/* An inherited fd that leads outside the monitored tree: a pipe, FIFO or non-inet
 * socket the command gets from whoever started sysgate (exits.c). */
struct taint_exit {
	dev_t dev;
	ino_t ino;
	int fd; /* its number in sysgate, and so in the command */
	const char *what; /* "a pipe", "a FIFO", "a socket" */
};

/* A mount of the command's namespace, marked (observe.c). */
struct taint_mount {
	int fd; /* O_PATH, its root */
	int id; /* mountinfo's mount id */
	bool proc; /* procfs: no FAN_OPEN_PERM */
};

/* Opens seen by fanotify instead of notified (observe.c). */
struct taint_observe {
	int fd; /* the fanotify group; -1: opens are notified (or observing ended) */
	bool observed; /* this run observed its opens */
	bool perm; /* upgraded: every open waits for the monitor */
	bool sticky; /* and stays so (a listen, a packet socket, a declassifier) */
	pid_t pending; /* an AF_UNIX connect of this thread upgraded: see if it connected */
	pid_t self;
	dev_t proc_devs[8]; /* the marked procfs mounts' */
	dev_t unmarked[64]; /* the devices of mounts with no mark (sysfs, devtmpfs, ...) */
	size_t nunmarked;
	size_t nproc_devs;
	struct taint_mount *mounts;
	size_t nmounts;
	struct launch_side side;
	unsigned long long events;
	/* After the upgrade, a thread reads the group: it answers the monitor's own
	 * opens and queues the tree's events for the main loop (woken). */
	bool threaded;
	pthread_t thread;
	int woken, stop; /* eventfds */
	pthread_mutex_t mu;
	struct fanotify_event_metadata *queue;
	size_t nqueue, qcap;
	_Atomic int reading; /* the thread holds events it has not queued yet */
	_Atomic int lost; /* a read failed (no fd for an event): events may be gone */
};

/* Options and state of one `sysgate taint` run. */
struct taint_mon {
	struct taint_exit *exits;
	size_t nexits;
	uint64_t trusted_fds; /* bit n: --trust-fd n (fds 0..63) */
	uint64_t passed_fds; /* bit n: --pass-fd n; other fds above 2 are not passed on */
	struct taint_secret *secrets;
	size_t nsecrets;
	struct taint_trust *trust;
	size_t ntrust;
	char **declass; /* --declassifier programs, resolved */
	struct { dev_t dev; ino_t ino; } *declass_id;
	size_t ndeclass;
	bool kill_on_violation;
	struct taint_audit audit;
	struct taint_graph g;
	struct taint_observe ob;
	struct launch_side side; /* the supervisor's other work when not observing */
	int nfd;
	unsigned long long handled_ns, handled; /* supervisor time per notification */
	unsigned long long *samples; /* handling times, for the median */
	size_t nsamples, scap;
};

/* graph.c */
void taint_graph_init(struct taint_graph *g);
void taint_graph_free(struct taint_graph *g);
struct taint_proc *taint_proc_find(struct taint_graph *g, pid_t tgid);
/* The process thread tid belongs to, created on first sight: a child inherits
 * its parent's label and edges (it inherited the fds), its parent created first
 * when the monitor has not seen it yet (forks are not notified); a process whose
 * parent is gone (reparented to sysgate) gets the union of every label in the
 * graph. An entry whose
 * process has exited (its pidfd says so) is left in the graph, and a new process
 * with the same pid gets a new entry. */
struct taint_proc *taint_proc_of(struct taint_graph *g, pid_t tid);
unsigned taint_obj_get(struct taint_graph *g, dev_t dev, ino_t ino, enum taint_obj_kind kind);
unsigned taint_obj_find_ino(struct taint_graph *g, enum taint_obj_kind kind, ino_t ino,
			    bool *found);
void taint_attach(struct taint_graph *g, struct taint_proc *p, unsigned obj, bool reads,
		  bool writes);
/* Store a file object's grown label in its xattr (nothing for other objects). */
void taint_obj_persist(struct taint_obj *o);
/* Run the labels to a fixpoint; persist grown file labels. */
void taint_settle(struct taint_graph *g);

/* scan.c: record the edges of every fd the process holds now. */
int taint_scan(struct taint_mon *m, struct taint_proc *p, pid_t tid);
/* taint_proc_of, and the fds of every process it saw for the first time recorded:
 * what a child holds is what it inherited. */
struct taint_proc *taint_proc_seen(struct taint_mon *m, pid_t tid);
/* The label a file object starts with: its xattr and the --secret paths. */
taint_label taint_file_label(const struct taint_mon *m, int fd, const struct stat *st);
/* Access mode (O_RDONLY, O_WRONLY, O_RDWR) of the process's fd, from /proc/TID/fdinfo. */
int taint_fd_accmode(pid_t tid, const char *fd);
/* Is pid a process of the monitored tree (the graph knows it, or its parents lead
 * to sysgate or the keeper)? */
bool taint_in_tree(struct taint_mon *m, pid_t pid);
/* AF_UNIX peer inode of socket inode ino (sock_diag), 0 if none. */
ino_t taint_unix_peer(ino_t ino);
/* Is the process's socket fd connected (AF_INET/6) to an untrusted peer, or an
 * AF_PACKET socket? Its description into what. */
bool taint_socket_untrusted(struct taint_mon *m, pid_t tid, int fd, char *what, size_t size);

/* exits.c: pass the command only fds 0-2 and passed_fds; find those that lead
 * outside the monitored tree, untrusted unless their number is in trusted_fds;
 * 0 or -errno. */
int taint_exits_find(struct taint_mon *m);
/* Does the process hold, for writing, an fd leading outside (one of m->exits), or a
 * connected socket to an untrusted peer? Its description into what. */
bool taint_holds_exit(struct taint_mon *m, pid_t tid, char *what, size_t size);
/* Does any process of the tree (walked live) hold such an fd or connection? */
bool taint_tree_holds_exit(struct taint_mon *m);
/* Would the label p takes on reach such an fd of another process through the
 * channels of the graph (pipes, FIFOs, sockets, shared memory p writes)? */
bool taint_label_escapes(struct taint_mon *m, struct taint_proc *p, char *what, size_t size);

/* observe.c. init: the fanotify group (fd -1 before; -errno: none, e.g. without
 * CAP_SYS_ADMIN). start: every mount of process pid's mount namespace not marked
 * yet marked for FAN_OPEN (called again for mounts the child made); 0 or -errno.
 * drain:
 * every open queued so far recorded (before each decision). upgrade: from now on
 * every open waits for a decision (when a way out may appear). side: the
 * supervisor's extra work (drains every 20 ms), NULL when opens are notified. */
int taint_observe_init(struct taint_observe *ob);
/* Is dev a filesystem whose opens are not seen (while observing)? */
bool taint_observe_unseen(const struct taint_observe *ob, dev_t dev);
/* An autofs mount here: what it mounts later would carry no mark. */
bool taint_observe_automounts(void);
int taint_observe_start(struct taint_observe *ob, pid_t pid);
void taint_observe_drain(struct taint_mon *m);
int taint_observe_upgrade(struct taint_mon *m);
/* Back to observing only once the AF_UNIX connect that upgraded is over and no
 * process of the tree holds a way out (checked at each drain while pending). */
void taint_observe_downgrade(struct taint_mon *m);
struct launch_side *taint_observe_side(struct taint_mon *m);
void taint_observe_stop(struct taint_mon *m);

/* open.c, shared with observe.c: the object behind fd, labelled when first seen
 * (its index); process p (thread tid) took it for reading and/or writing: -1 when
 * refused (audited as call of path), which only happens when call is set (the
 * open waits for the decision); else the edge recorded and the labels moved. */
unsigned taint_obj_label(struct taint_mon *m, int fd, const struct stat *st);
int taint_took(struct taint_mon *m, struct taint_proc *p, unsigned i, pid_t tid, bool reads,
	       bool writes, const char *call, const char *path);

/* mem.c: copy from the process's memory; 0 or -errno. */
int taint_mem_read(pid_t tid, unsigned long addr, void *buf, size_t len);
/* A NUL-terminated string of at most size-1 bytes; -ENAMETOOLONG if longer. */
int taint_mem_string(pid_t tid, unsigned long addr, char *buf, size_t size);
/* One of the process's fds, copied into ours (pidfd_getfd); -errno. */
int taint_fd_of(pid_t tid, int fd);

/* The handlers (open.c, net.c, monitor.c): fill resp and return 0, or answer the
 * notification themselves and return 1. */
int taint_on_open(struct taint_mon *m, struct taint_proc *p, const struct seccomp_notif *req,
		  struct seccomp_notif_resp *resp);
int taint_on_send(struct taint_mon *m, const struct seccomp_notif *req,
		  struct seccomp_notif_resp *resp);
/* connect while opens are observed, which the caller has made wait for
 * decisions. soft: whether they waited only for an AF_UNIX connect of this
 * thread, or not at all, before (taken before the upgrade). way_out: they keep
 * waiting (sticky), unless this is an untainted AF_UNIX connect, looked at again
 * once it is over (pending). */
bool taint_connect_soft(const struct taint_mon *m, pid_t tid);
void taint_connect_way_out(struct taint_mon *m, const struct seccomp_notif *req, bool soft);
int taint_notify(const struct seccomp_notif *req, struct seccomp_notif_resp *resp, int nfd,
		 void *ctx);

/* After process p's exec (monitor.c): a --declassifier's label reset (audited),
 * another program file's stored label added. At its next notified call, or its
 * next open observed that is not the exec's own. */
void taint_after_exec(struct taint_mon *m, struct taint_proc *p);
/* Is /proc/PID/exe no longer what it was at the execve (so the exec is done)? */
bool taint_exe_changed(const struct taint_proc *p);

/* Responses. */
void taint_continue(const struct seccomp_notif *req, struct seccomp_notif_resp *resp);
void taint_fail(const struct seccomp_notif *req, struct seccomp_notif_resp *resp, int err);
/* Audit a refusal, and kill the process when kill_it. */
void taint_violation(struct taint_mon *m, pid_t pid, taint_label label, const char *call,
		     const char *dest, const char *why, bool kill_it);
/* Audit a refusal and fail the call with EACCES, or kill with --on-violation kill. */
void taint_refuse(struct taint_mon *m, const struct seccomp_notif *req,
		  struct seccomp_notif_resp *resp, taint_label label, const char *dest,
		  const char *why);

/* The calls the monitor decides (calls.c: the one table of their names). */
enum taint_call {
	TC_NONE,
	TC_OPEN, TC_CREAT, TC_OPENAT, TC_OPENAT2, /* labels come in */
	TC_EXEC, /* execve, execveat */
	TC_CLONE, TC_CLONE3, /* namespaces closed to a tainted process */
	TC_CONNECT, TC_SENDTO, TC_SENDMSG, TC_SENDMMSG, /* data goes out */
	TC_SETID, /* setuid and friends: the cached credentials go stale */
	TC_SHMAT, /* SysV shared memory: an object with a label; closed when tainted */
	TC_CLOSED_TAINTED, /* a channel past the monitor: refused when tainted */
	TC_NAMESPACE, /* unshare, setns: the same, and refused to all while opens are observed */
	TC_CLOSED_ALWAYS, /* reads other processes or opens without a path: refused */
	/* Notified only while opens are observed (observe.c): */
	TC_LISTEN, /* may bring a way out: opens wait for decisions from then on */
	TC_MOUNT, /* a new mount would carry no mark: refused */
	TC_SOCKET, /* a family that sends with write() (AF_PACKET): opens wait from then on */
};
enum taint_call taint_call_kind(long nr);
const char *taint_call_name(long nr);
/* The kernel filter: notify for every call above, allow the rest. With observe,
 * an open or openat that cannot write is allowed (fanotify sees it), and listen,
 * the mount calls and socket (but for AF_UNIX, AF_INET/6, AF_NETLINK) are
 * notified. */
int taint_filter(struct policy_bpf *out, bool observe);

#endif
