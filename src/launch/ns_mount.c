/*
 * The new root: a tmpfs built from the ordered filesystem operations, then
 * pivoted into. As bubblewrap does, a scratch tmpfs on /tmp becomes the root
 * first, so that the host's tree is reachable under /oldroot (sources) while
 * the new root is filled under /newroot; the scratch root and the host tree
 * are detached at the end. Runs in a private mount namespace only.
 */
#include "launch/ns.h"

#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/util.h"

#define SCRATCH "/tmp"
#define OLDROOT "/oldroot"
#define NEWROOT "/newroot"

static int pivot_root(const char *new_root, const char *put_old)
{
	return (int)syscall(SYS_pivot_root, new_root, put_old);
}

static int fail(char *err, size_t errlen, const char *what, const char *path)
{
	int e = errno;

	return launch_ns_err(err, errlen, -e, "cannot %s '%s': %s", what, path, strerror(e));
}

/* mkdir -p for a path under the new root. */
static int make_dirs(const char *path, char *err, size_t errlen)
{
	char buf[PATH_MAX];

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return launch_ns_err(err, errlen, -ENAMETOOLONG, "path too long: '%s'", path);
	for (char *p = buf + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			return fail(err, errlen, "create directory", buf);
		*p = c;
		if (!c)
			return 0;
	}
}

/* Create the mount point for a bind: a directory, or an empty file for a file. */
static int make_mount_point(const char *src, const char *dst, char *err, size_t errlen)
{
	struct stat st;
	char parent[PATH_MAX];
	char *slash;
	int fd, ret;

	if (stat(src, &st) < 0)
		return fail(err, errlen, "bind", src);
	if (S_ISDIR(st.st_mode))
		return make_dirs(dst, err, errlen);
	snprintf(parent, sizeof(parent), "%s", dst);
	slash = strrchr(parent, '/');
	*slash = '\0';
	ret = make_dirs(parent, err, errlen);
	if (ret)
		return ret;
	fd = open(dst, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	if (fd < 0)
		return fail(err, errlen, "create mount point", dst);
	close(fd);
	return 0;
}

/* Read-only remount keeping the flags a user namespace locks (nosuid, nodev, ...). */
static int remount_ro(const char *dst, char *err, size_t errlen)
{
	struct statvfs sv;
	unsigned long keep = ST_NOSUID | ST_NODEV | ST_NOEXEC | ST_NOATIME | ST_NODIRATIME |
			     ST_RELATIME;

	if (statvfs(dst, &sv) < 0)
		return fail(err, errlen, "stat", dst);
	if (mount(NULL, dst, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | (sv.f_flag & keep), NULL) <
	    0)
		return fail(err, errlen, "remount read-only", dst);
	return 0;
}

static int do_bind(const char *src, const char *dst, bool ro, char *err, size_t errlen)
{
	char from[PATH_MAX];
	int ret;

	snprintf(from, sizeof(from), OLDROOT "%s", src);
	ret = make_mount_point(from, dst, err, errlen);
	if (ret)
		return ret;
	if (mount(from, dst, NULL, MS_BIND | MS_REC, NULL) < 0)
		return fail(err, errlen, "bind-mount", src);
	return ro ? remount_ro(dst, err, errlen) : 0;
}

static int do_mount(const char *fstype, const char *dst, unsigned long flags, const char *data,
		    char *err, size_t errlen)
{
	int ret = make_dirs(dst, err, errlen);

	if (ret)
		return ret;
	if (mount(fstype, dst, fstype, flags, data) < 0) {
		char what[32];

		snprintf(what, sizeof(what), "mount %s on", fstype);
		return fail(err, errlen, what, dst);
	}
	return 0;
}

/* A minimal /dev: a tmpfs with the harmless host devices bound in, links, a
 * private devpts instance (terminals opened inside are not the host's) with
 * /dev/ptmx pointing into it, and an empty /dev/shm for POSIX shared memory. */
static int do_dev(const char *dst, const char *tty, char *err, size_t errlen)
{
	static const char *const devices[] = { "null", "zero", "full", "random", "urandom",
					       "tty" };
	static const char *const links[][2] = {
		{ "/proc/self/fd", "fd" },     { "/proc/self/fd/0", "stdin" },
		{ "/proc/self/fd/1", "stdout" }, { "/proc/self/fd/2", "stderr" },
	};
	char path[PATH_MAX + 32]; /* dst fits PATH_MAX, device names are short */
	int ret = do_mount("tmpfs", dst, MS_NOSUID | MS_NOEXEC, "mode=0755", err, errlen);

	for (size_t i = 0; !ret && i < SG_ARRAY_SIZE(devices); i++) {
		char src[32];

		snprintf(src, sizeof(src), "/dev/%s", devices[i]);
		snprintf(path, sizeof(path), "%s/%s", dst, devices[i]);
		ret = do_bind(src, path, false, err, errlen);
	}
	for (size_t i = 0; !ret && i < SG_ARRAY_SIZE(links); i++) {
		snprintf(path, sizeof(path), "%s/%s", dst, links[i][1]);
		if (symlink(links[i][0], path) < 0)
			ret = fail(err, errlen, "create symlink", path);
	}
	snprintf(path, sizeof(path), "%s/shm", dst);
	if (!ret)
		ret = do_mount("tmpfs", path, MS_NOSUID | MS_NODEV, "mode=1777", err, errlen);
	snprintf(path, sizeof(path), "%s/pts", dst);
	if (!ret)
		ret = do_mount("devpts", path, MS_NOSUID | MS_NOEXEC,
			       "newinstance,ptmxmode=0666,mode=620", err, errlen);
	snprintf(path, sizeof(path), "%s/ptmx", dst);
	if (!ret && symlink("pts/ptmx", path) < 0)
		ret = fail(err, errlen, "create symlink", path);
	/* The caller's terminal, which the private devpts does not show: as the
	 * console, where a program inside finds it (tty), as in bubblewrap. */
	snprintf(path, sizeof(path), "%s/console", dst);
	if (!ret && tty)
		ret = do_bind(tty, path, false, err, errlen);
	return ret;
}

/* The folder a new file or link goes in, made as bubblewrap makes it. */
static int make_parent(const char *dst, char *err, size_t errlen)
{
	char dir[PATH_MAX];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", dst);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	return make_dirs(dir, err, errlen);
}

/* --symlink TARGET DST */
static int do_symlink(const char *target, const char *dst, char *err, size_t errlen)
{
	int ret = make_parent(dst, err, errlen);

	if (ret)
		return ret;
	if (symlink(target, dst) < 0)
		return fail(err, errlen, "create symlink", dst);
	return 0;
}

/* --file FD DST: the fd's bytes, to its end, into a new file. */
static int do_file(int fd, const char *dst, char *err, size_t errlen)
{
	char buf[65536];
	ssize_t n;
	int ret = make_parent(dst, err, errlen);
	int out = ret ? -1 : open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

	if (ret)
		return ret;
	if (out < 0)
		return fail(err, errlen, "create", dst);
	while ((n = read(fd, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && write(out, buf, (size_t)n) != n) {
			close(out);
			return fail(err, errlen, "write", dst);
		}
	close(out);
	return n < 0 ? fail(err, errlen, "read the fd for", dst) : 0;
}

static int replay_op(const struct launch_ns_fs_op *op, char *err, size_t errlen)
{
	char dst[PATH_MAX];

	if (snprintf(dst, sizeof(dst), NEWROOT "%s", op->dst) >= (int)sizeof(dst))
		return launch_ns_err(err, errlen, -ENAMETOOLONG, "path too long: '%s'", op->dst);
	switch (op->kind) {
	case LAUNCH_NS_BIND:
		return do_bind(op->src, dst, false, err, errlen);
	case LAUNCH_NS_RO_BIND:
		return do_bind(op->src, dst, true, err, errlen);
	case LAUNCH_NS_TMPFS:
		return do_mount("tmpfs", dst, MS_NOSUID | MS_NODEV, "mode=0755", err, errlen);
	case LAUNCH_NS_PROC:
		return do_mount("proc", dst, MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, err, errlen);
	case LAUNCH_NS_DEV:
		return do_dev(dst, op->src, err, errlen);
	case LAUNCH_NS_DIR:
		return make_dirs(dst, err, errlen);
	case LAUNCH_NS_SYMLINK:
		return do_symlink(op->src, dst, err, errlen);
	case LAUNCH_NS_FILE:
		return do_file(atoi(op->src), dst, err, errlen);
	}
	return launch_ns_err(err, errlen, -EINVAL, "unknown filesystem operation %d", op->kind);
}

/* Make a scratch tmpfs the root, with the host tree under /oldroot. */
static int enter_scratch_root(char *err, size_t errlen)
{
	if (mount("tmpfs", SCRATCH, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755") < 0)
		return fail(err, errlen, "mount tmpfs on", SCRATCH);
	if (mkdir(SCRATCH NEWROOT, 0755) < 0 || mkdir(SCRATCH OLDROOT, 0755) < 0)
		return fail(err, errlen, "create directory in", SCRATCH);
	if (mount("tmpfs", SCRATCH NEWROOT, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755") < 0)
		return fail(err, errlen, "mount the new root tmpfs on", SCRATCH NEWROOT);
	if (chdir(SCRATCH) < 0 || pivot_root(SCRATCH, SCRATCH OLDROOT) < 0 || chdir("/") < 0)
		return fail(err, errlen, "pivot_root into", SCRATCH);
	return 0;
}

/* Detach the host tree, then make /newroot the root and detach the scratch root. */
static int enter_new_root(char *err, size_t errlen)
{
	if (umount2(OLDROOT, MNT_DETACH) < 0)
		return fail(err, errlen, "detach the old root", OLDROOT);
	if (chdir(NEWROOT) < 0 || pivot_root(".", ".") < 0)
		return fail(err, errlen, "pivot_root into", NEWROOT);
	if (umount2(".", MNT_DETACH) < 0 || chdir("/") < 0)
		return fail(err, errlen, "detach the scratch root", "/");
	return 0;
}

int launch_ns_build_root(const struct launch_ns_opts *o, char *err, size_t errlen)
{
	int ret = enter_scratch_root(err, errlen);

	for (size_t i = 0; !ret && i < o->nfs; i++)
		ret = replay_op(&o->fs[i], err, errlen);
	return ret ? ret : enter_new_root(err, errlen);
}
