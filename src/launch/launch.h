/*
 * Starting programs under supervision, once for every command: the seccomp
 * spawn and notification supervisor (jail, learn, taint), namespaces (ns.h),
 * signals sent to sysgate passed on to the command, the process tree's lifetime
 * (nothing sysgate starts outlives it) and --timeout.
 *
 * Every function returns 0 (or a pid) or -errno; those that can say more write
 * one line into err, naming the problem and, where there is one, the fix. Only
 * a command's cmd.c prints and exits.
 */
#ifndef SG_LAUNCH_LAUNCH_H
#define SG_LAUNCH_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct policy_bpf;
struct seccomp_notif;
struct seccomp_notif_resp;
struct launch_ns_opts;
struct launch_handoff;

/* Starting cmd in two steps, so that compiling the filter overlaps the child's
 * set-up. start finds the program (-ENOENT or -EACCES when it cannot be run: exit
 * 127, as a shell would), forks, and the child sets up the namespaces ns asks
 * for (the program may then run as a child of a pid 1; see ns.h) and waits for
 * its filter. finish hands the filter over; the child loads it right before exec,
 * and its notification fd (-1 when the filter has no notify action) lands in
 * *nfd and a pidfd in *pidfd. finish returns the child's pid, or -errno (the
 * child killed and reaped); -ECHILD when the child itself failed and said why on
 * stderr (err is then empty). abort kills and reaps a started child that will get
 * no filter. */
struct launch {
	pid_t pid;
	struct launch_handoff *h;
};
int launch_start(struct launch *l, const struct launch_ns_opts *ns, char *const cmd[],
		 char *err, size_t errlen);
pid_t launch_finish(struct launch *l, const struct policy_bpf *filter, int *nfd, int *pidfd,
		    char *err, size_t errlen);
void launch_abort(struct launch *l);

/* Both steps, without namespaces and with the capabilities left as they are. */
pid_t launch_spawn(const struct policy_bpf *filter, char *const cmd[], int *nfd, int *pidfd,
		   char *err, size_t errlen);

/* One notification: fill resp (its id is req's) and return 0 to have it sent, or
 * answer it yourself (SECCOMP_IOCTL_NOTIF_ADDFD with SECCOMP_ADDFD_FLAG_SEND) and
 * return 1. ctx is the caller's. */
typedef int (*launch_notif_fn)(const struct seccomp_notif *req, struct seccomp_notif_resp *resp,
			       int nfd, void *ctx);
/* Answer notifications with fn until the child ends; returns its wait status, or
 * -errno. */
int launch_supervise(pid_t pid, int pidfd, int nfd, launch_notif_fn fn, void *ctx);
/* The same loop with a second source of work besides the notifications: tick (if
 * set) is called when fd (read again before every wait; -1: none) is readable,
 * and every timeout_ms (-1: never) the loop waited without a notification.
 * places_fds: fn answers by placing fds (SECCOMP_IOCTL_NOTIF_ADDFD), each of
 * which waits until the process has installed it; the supervisor then does not
 * preempt the process when that wait ends (see launch_supervise_side). */
struct launch_side {
	int fd;
	int timeout_ms;
	void (*tick)(void *ctx);
	bool places_fds;
};
int launch_supervise_side(pid_t pid, int pidfd, int nfd, launch_notif_fn fn, void *ctx,
			  struct launch_side *side);
/* Send resp; a process that would otherwise wait for an answer that cannot be
 * sent is killed (for answers given outside the supervisor loop, e.g. a thread). */
void launch_respond(int nfd, const struct seccomp_notif *req, struct seccomp_notif_resp *resp);

/* The lifetime of what sysgate starts. Before starting anything: become the
 * subreaper of every descendant, so that orphans come back to sysgate (0 or
 * -errno). After the command ended: kill and reap whatever it left running. In a
 * child, right after fork: die with the parent (whose pid is parent; if it is
 * gone already, exit at once). */
int launch_subreaper(void);
void launch_end_leftovers(void);
/* Only kill them, for a caller whose own wait loop reaps (and reports) them. */
void launch_kill_leftovers(void);
void launch_die_with_parent(pid_t parent);
/* A keeper, for when no pid namespace ends the command's processes with it: in
 * a child of sysgate (parent), launch_keeper_prepare() before forking the
 * command, then launch_keeper(command) in place of returning. The keeper stands
 * between sysgate and the command: it passes on the signals sysgate forwards,
 * reaps, and ends as the command ended (same status, same signal). If sysgate
 * dies, even of SIGKILL, the keeper is told (its parent-death signal) and kills
 * every process below it, grandchildren included: as their subreaper it has them
 * all. The command's process calls launch_keeper_command(keeper) first: it
 * dies with the keeper, and the keeper's signal is no longer blocked in it. */
void launch_keeper_prepare(pid_t parent);
_Noreturn void launch_keeper(pid_t command);
void launch_keeper_command(pid_t keeper);

/* SIGTERM, SIGINT, SIGHUP and SIGQUIT sent to sysgate go to pid from now on (a
 * terminal's own SIGINT, SIGQUIT or SIGHUP already reached the command, which is
 * in its process group, and is not sent twice; one sysgate was started with
 * ignored stays ignored). Called with 0 before the command is started, such a
 * signal is held and passed on once it is called with the command's pid. Once
 * the command is reaped, stop: its pid may be reused. 0 or -errno. */
int launch_forward_signals(pid_t pid);
void launch_forward_stop(void);
/* Before the first launch_forward_signals: a passed-on signal interrupts the
 * waiting call (EINTR) instead of restarting it, for a loop that must look. */
void launch_forward_interrupts(void);
/* The last signal sysgate got of the four, or 0. */
int launch_forwarded_signal(void);

/* --timeout: after sec seconds (0: never) SIGKILL pid and every process below it. */
void launch_timeout_arm(pid_t pid, long sec);
/* Cancel the timer; whether it fired. */
int launch_timeout_fired(void);

#endif
