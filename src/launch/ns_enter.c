/* Entering the namespaces and setting up the process inside them. */
#include "launch/ns.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static int write_file(const char *path, const char *text, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int e;

	if (fd < 0)
		return launch_ns_err(err, errlen, -errno, "cannot open '%s': %s", path,
				   strerror(errno));
	n = write(fd, text, strlen(text));
	e = errno;
	close(fd);
	if (n != (ssize_t)strlen(text))
		return launch_ns_err(err, errlen, n < 0 ? -e : -EIO, "cannot write '%s': %s", path,
				   n < 0 ? strerror(e) : "short write");
	return 0;
}

/* Map the caller's uid and gid in the new user namespace: to themselves, or to
 * --uid and --gid. */
static int write_id_maps(const struct launch_ns_opts *o, uid_t uid, gid_t gid, char *err,
			 size_t errlen)
{
	char line[64];
	int ret;

	snprintf(line, sizeof(line), "%lu %u 1\n", o->uid >= 0 ? (unsigned long)o->uid : uid,
		 (unsigned)uid);
	ret = write_file("/proc/self/uid_map", line, err, errlen);
	if (!ret)
		ret = write_file("/proc/self/setgroups", "deny", err, errlen);
	if (!ret) {
		snprintf(line, sizeof(line), "%lu %u 1\n",
			 o->gid >= 0 ? (unsigned long)o->gid : gid, (unsigned)gid);
		ret = write_file("/proc/self/gid_map", line, err, errlen);
	}
	return ret;
}

static int unshare_error(int flags, int e, char *err, size_t errlen)
{
	if (flags & CLONE_NEWUSER)
		return launch_ns_err(err, errlen, -e,
				   "cannot create a user namespace: %s; "
				   "kernel.unprivileged_userns_clone or user.max_user_namespaces "
				   "may be 0",
				   strerror(e));
	if (e == EPERM)
		return launch_ns_err(err, errlen, -e,
				   "cannot create namespaces: %s; run as root or add "
				   "--unshare user",
				   strerror(e));
	return launch_ns_err(err, errlen, -e, "cannot create namespaces: %s", strerror(e));
}

/* The namespaces to create. Without CAP_SYS_ADMIN only a new user namespace
 * gives the right to create the others, so it comes first, as in bubblewrap. */
static int clone_flags(const struct launch_ns_opts *o)
{
	int flags = o->unshare;

	if (flags && !launch_ns_have_cap(CAP_SYS_ADMIN))
		flags |= CLONE_NEWUSER;
	return flags;
}

pid_t launch_ns_clone(const struct launch_ns_opts *o, char *err, size_t errlen)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	int flags = clone_flags(o);
	pid_t pid;

	/* A raw clone, as fork() has no flags: see ns.h for what the child may do. */
	pid = (pid_t)syscall(SYS_clone, (unsigned long)flags | SIGCHLD, NULL, NULL, NULL, 0);
	if (pid < 0)
		return unshare_error(flags, errno, err, errlen);
	if (pid == 0 && (flags & CLONE_NEWUSER) && write_id_maps(o, uid, gid, err, errlen) < 0) {
		fprintf(stderr, "sysgate: jail: namespaces: %s\n", err);
		_exit(126);
	}
	return pid;
}

int launch_ns_loopback_up(char *err, size_t errlen)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int ret = 0;

	if (fd < 0)
		return launch_ns_err(err, errlen, -errno, "cannot open a socket to bring up lo: %s",
				   strerror(errno));
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		ret = -errno;
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (!ret && ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
		ret = -errno;
	close(fd);
	if (ret)
		return launch_ns_err(err, errlen, ret, "cannot bring up lo: %s", strerror(-ret));
	return 0;
}

static int setup_mounts(const struct launch_ns_opts *o, char *err, size_t errlen)
{
	if (!(o->unshare & CLONE_NEWNS))
		return 0;
	/* Nothing below may propagate back to the host's mounts. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return launch_ns_err(err, errlen, -errno, "cannot make mounts private: %s",
				   strerror(errno));
	if (o->nfs)
		return launch_ns_build_root(o, err, errlen);
	if (o->own_proc && (o->unshare & CLONE_NEWPID) &&
	    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return launch_ns_err(err, errlen, -errno, "cannot mount /proc for the new pid "
				     "namespace: %s", strerror(errno));
	return 0;
}

static int setup_names(const struct launch_ns_opts *o, char *err, size_t errlen)
{
	if (o->hostname && sethostname(o->hostname, strlen(o->hostname)) < 0)
		return launch_ns_err(err, errlen, -errno, "cannot set hostname '%s': %s",
				   o->hostname, strerror(errno));
	if (o->unshare & CLONE_NEWNET)
		return launch_ns_loopback_up(err, errlen);
	return 0;
}

static int setup_rlimits(const struct launch_ns_opts *o, char *err, size_t errlen)
{
	for (size_t i = 0; i < o->nrlimits; i++) {
		struct rlimit rl = { o->rlimits[i].value, o->rlimits[i].value };

		if (setrlimit(o->rlimits[i].resource, &rl) < 0)
			return launch_ns_err(err, errlen, -errno,
					   "cannot set rlimit %s: %s; raising a hard limit needs "
					   "CAP_SYS_RESOURCE",
					   launch_ns_rlimit_name(o->rlimits[i].resource),
					   strerror(errno));
	}
	return 0;
}

static int setup_env(const struct launch_ns_opts *o, char *err, size_t errlen)
{
	if (o->clearenv && clearenv() != 0)
		return launch_ns_err(err, errlen, -ENOMEM, "cannot clear the environment");
	for (size_t i = 0; i < o->nenv; i++) {
		const struct launch_ns_env *e = &o->env[i];
		/* no value: --unsetenv */
		if ((e->value ? setenv(e->name, e->value, 1) : unsetenv(e->name)) < 0)
			return launch_ns_err(err, errlen, -errno, "cannot set '%s': %s", e->name,
					   strerror(errno));
	}
	return 0;
}

int launch_ns_setup(const struct launch_ns_opts *o, char *err, size_t errlen)
{
	int ret = setup_mounts(o, err, errlen);

	if (!ret)
		ret = setup_names(o, err, errlen);
	if (!ret && o->chdir && chdir(o->chdir) < 0)
		ret = launch_ns_err(err, errlen, -errno, "cannot change directory to '%s': %s",
				  o->chdir, strerror(errno));
	if (!ret)
		ret = setup_rlimits(o, err, errlen);
	if (!ret)
		ret = setup_env(o, err, errlen);
	if (!ret && o->new_session && setsid() < 0)
		ret = launch_ns_err(err, errlen, -errno, "cannot start a new session: %s",
				  strerror(errno));
	if (!ret)
		ret = o->caps_untouched ? 0 : launch_ns_caps_apply(o->cap_keep, err, errlen);
	return ret;
}
