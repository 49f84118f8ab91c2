#include "cgroup.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "util.h"

#define CGROUP2_ROOT "/sys/fs/cgroup"
#define CGROUP2_HYBRID "/sys/fs/cgroup/unified" /* v2 beside v1 controllers */

static bool is_cgroup2(int fd)
{
	struct statfs fs;

	return fstatfs(fd, &fs) == 0 && fs.f_type == CGROUP2_SUPER_MAGIC;
}

/* A path as given, else the first v2 root that has the name. */
static int dir_open(const char *name, char *path, size_t size)
{
	const char *roots[] = { CGROUP2_HYBRID, CGROUP2_ROOT };
	int fd = -ENOENT;

	if (name[0] == '/') {
		snprintf(path, size, "%s", name);
		fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		return fd >= 0 ? fd : -errno;
	}
	for (size_t i = 0; i < SG_ARRAY_SIZE(roots) && fd < 0; i++) {
		snprintf(path, size, "%s/%s", roots[i], name);
		if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0 && !is_cgroup2(fd)) {
			close(fd);
			fd = -ENOENT;
		}
	}
	return fd >= 0 ? fd : -ENOENT;
}

int sg_cgroup2_open(const char *name, char *path, size_t size, uint64_t *id)
{
	struct stat st;
	int fd = dir_open(name, path, size);

	if (fd < 0)
		return fd;
	if (!is_cgroup2(fd) || fstat(fd, &st) != 0) {
		close(fd);
		return -EMEDIUMTYPE;
	}
	*id = (uint64_t)st.st_ino;
	return fd;
}
