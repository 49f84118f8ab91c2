/*
 * Namespaces and confinement for `sysgate jail`: the options are parsed into a
 * struct launch_ns_opts (filesystem operations kept as an ordered list, as in
 * bubblewrap), then applied in the child between fork and the seccomp filter.
 *
 * Every function returns 0 or -errno and, on error, writes one line into err
 * naming the problem and, where there is one, the fix.
 *
 * Fork sequence for the jail command (P = sysgate jail itself):
 *
 *   P: launch_ns_opts_init(&o); feed options to launch_ns_parse_argv();
 *      launch_ns_block_signals(&old); A = launch_ns_clone(&o)
 *   A: born in the new namespaces (clone with the CLONE_NEW* flags), uid/gid
 *      maps already written; with a pid namespace it is that namespace's pid 1.
 *      launch_ns_setup(&o)          mounts and pivot_root, /proc, hostname, lo,
 *                                 chdir, rlimits, environment, capabilities
 *      if (!launch_ns_need_pid1(&o)) {
 *        restore old mask; seccomp; execve                      (A is the program)
 *      }
 *      fork C; A: _exit(launch_ns_pid1(C))   init: reaps orphans, forwards signals
 *   C: restore old mask (sigprocmask(SIG_SETMASK, &old, NULL)); seccomp; execve
 *
 * clone rather than fork + unshare: unshare(CLONE_NEWPID) moves only later
 * children, which cost one more process between P and the program. A comes from
 * a raw clone, so glibc's cached thread id in A is P's: A makes plain syscalls,
 * mallocs and forks, and never calls raise() or abort(). Signals are blocked from
 * before the clone so that none sent to A is lost before launch_ns_pid1() waits.
 * P waits for A; the exit status of A is the program's (128+sig if killed).
 * The timeout (o.timeout_sec) is enforced by P (timeout.c): it kills A's tree.
 *
 * Filesystem: any --bind/--ro-bind/--tmpfs/--proc/--dev builds a new root: a
 * tmpfs, filled by the operations in order, then pivoted into; the host's tree
 * is detached. --ro-bind makes the bound mount read-only, not mounts below it.
 * --dev is a tmpfs with null, zero, full, random, urandom and tty bound from
 * the host plus fd, stdin, stdout, stderr links, a private devpts instance on
 * /dev/pts (with /dev/ptmx pointing into it) and an empty tmpfs on /dev/shm;
 * the caller's terminal, when stdin is one, is bound on /dev/console.
 * Mount propagation is made private first: nothing reaches the host's mounts.
 * With a user namespace the uid and gid map to themselves; a process whose
 * uid changed is not dumpable and cannot write its maps (PR_SET_DUMPABLE 1).
 */
#ifndef SG_LAUNCH_NS_H
#define SG_LAUNCH_NS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

/* One filesystem operation, replayed in order under the new root. */
enum launch_ns_fs_kind {
	LAUNCH_NS_BIND,
	LAUNCH_NS_RO_BIND,
	LAUNCH_NS_TMPFS,
	LAUNCH_NS_PROC,
	LAUNCH_NS_DEV,
	LAUNCH_NS_DIR,	   /* --dir DST: an empty directory */
	LAUNCH_NS_SYMLINK, /* --symlink TARGET DST: src is the link's text, as given */
	LAUNCH_NS_FILE,	   /* --file FD DST: src is the fd's number; its bytes copied to DST */
};

struct launch_ns_fs_op {
	enum launch_ns_fs_kind kind;
	char *src; /* host path, resolved at parse time (a bind), a link's text, or NULL */
	char *dst; /* absolute path inside the new root */
};

struct launch_ns_rlimit {
	int resource; /* RLIMIT_* */
	rlim_t value; /* soft and hard limit */
};

struct launch_ns_env {
	char *name;
	char *value;
};

#define LAUNCH_NS_MAX_RLIMITS 8

struct launch_ns_opts {
	int unshare; /* CLONE_NEW* flags */
	struct launch_ns_fs_op *fs;
	size_t nfs;
	char *chdir;
	char *hostname;
	struct launch_ns_rlimit rlimits[LAUNCH_NS_MAX_RLIMITS];
	size_t nrlimits;
	uint64_t cap_keep; /* bit n keeps capability n; 0 drops all */
	bool caps_untouched; /* leave capabilities alone (monitors other than jail) */
	bool clearenv;
	struct launch_ns_env *env; /* --setenv (--unsetenv: value NULL), in order after clearenv */
	size_t nenv;
	long timeout_sec; /* 0: none */
	long uid, gid;	  /* --uid, --gid: the ids inside a user namespace; -1: the same */
	bool new_session; /* --new-session: setsid before exec (no TIOCSTI into the terminal) */
	bool own_proc; /* with CLONE_NEWNS|CLONE_NEWPID and no new root: a procfs of the new
			  pid namespace mounted over /proc (the host's processes hidden) */
	bool die_with_parent; /* --die-with-parent: applied by the caller (PR_SET_PDEATHSIG) */
};

void launch_ns_opts_init(struct launch_ns_opts *o);
void launch_ns_opts_free(struct launch_ns_opts *o);

/*
 * Parse one option. opt is the long name with its dashes ("--unshare"); arg is
 * its argument or NULL. The two-word options take one joined argument here:
 * --bind/--ro-bind "SRC:DST" (split at the first ':'), --setenv "NAME=VALUE".
 * Returns 0, -ENOENT if opt is not a namespace option (err is untouched, so
 * the caller can report it), or -EINVAL with a message.
 */
int launch_ns_parse_opt(struct launch_ns_opts *o, const char *opt, const char *arg, char *err,
		      size_t errlen);

/*
 * Parse the option at argv[0] with its argument words from argv[1..], as given
 * on a command line ("--ro-bind SRC DST", "--setenv NAME VALUE"). Returns the
 * number of words used (1 to 3), 0 if argv[0] is not a namespace option,
 * -EINVAL with a message for a malformed option (including a missing argument),
 * or -ENOENT when a bind's source does not exist.
 */
int launch_ns_parse_argv(struct launch_ns_opts *o, int argc, char *const argv[], char *err,
		       size_t errlen);

/* Does the program need a pid-1 parent (a new pid namespace)? */
bool launch_ns_need_pid1(const struct launch_ns_opts *o);

/* In P: start A in the namespaces o asks for; with a user namespace A maps P's
 * uid and gid to themselves (if that fails A reports on stderr and exits 126).
 * Returns A's pid in P, 0 in A, or -errno with a message (nothing started). */
pid_t launch_ns_clone(const struct launch_ns_opts *o, char *err, size_t errlen);

/* In A: everything else, capabilities last. */
int launch_ns_setup(const struct launch_ns_opts *o, char *err, size_t errlen);

/* Block the signals launch_ns_pid1() forwards; the previous mask goes to old. */
void launch_ns_block_signals(sigset_t *old);

/*
 * Init loop: reap every child, forward SIGTERM, SIGINT, SIGHUP, SIGQUIT,
 * SIGUSR1, SIGUSR2 and SIGCONT to child, and return when child ends: its exit
 * status, or 128+signal if it was killed. Returns -errno if waiting fails.
 */
int launch_ns_pid1(pid_t child);

/* Helpers shared by the ns_*.c files. */
int launch_ns_err(char *err, size_t errlen, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
const char *launch_ns_rlimit_name(int resource);
/* Does this process hold capability cap (CAP_*) in its effective set? */
bool launch_ns_have_cap(int cap);
int launch_ns_cap_parse(const char *list, uint64_t *mask, char *err, size_t errlen);
int launch_ns_caps_apply(uint64_t keep, char *err, size_t errlen);
int launch_ns_build_root(const struct launch_ns_opts *o, char *err, size_t errlen);
int launch_ns_loopback_up(char *err, size_t errlen);

#endif
