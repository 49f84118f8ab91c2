/* Output files appear whole or not at all. The data goes to an unnamed file
 * (O_TMPFILE) in the destination's directory, which is given its name only once
 * it is complete: a run that fails, or is killed even by SIGKILL, leaves nothing
 * behind. Where the file system has no O_TMPFILE, a named temporary is renamed
 * into place instead (a SIGKILL can then leave that temporary). Paths that are not
 * regular files (/dev/null, a FIFO) are written in place.
 *
 * *tmp_path tells commit what to do: NULL (written in place), "" (unnamed: link
 * it), or the name of the temporary to rename. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "util.h"

/* The directory part of path ("." for a bare name); the caller frees it. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return sg_xstrdup(".");
	if (slash == path)
		return sg_xstrdup("/");
	return strndup(path, (size_t)(slash - path));
}

static int open_unnamed(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);

	free(dir);
	return fd;
}

static int open_named(const char *path, char **tmp_path)
{
	struct sg_str t = { 0 };

	sg_str_addf(&t, "%s.tmp.XXXXXX", path);
	char *tmp = sg_str_take(&t);
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	/* As the unnamed file and fopen would create it: 0666 less the umask. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	*tmp_path = tmp;
	return fd;
}

FILE *sg_atomic_open(const char *path, char **tmp_path)
{
	struct stat st;
	int fd;

	*tmp_path = NULL;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return fopen(path, "we"); /* never leak into a traced child */
	fd = open_unnamed(path);
	if (fd >= 0)
		*tmp_path = sg_xstrdup("");
	else if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)
		fd = open_named(path, tmp_path);
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, "w");
	if (!f) {
		int e = errno;
		close(fd);
		if (**tmp_path)
			unlink(*tmp_path);
		free(*tmp_path);
		*tmp_path = NULL;
		errno = e;
	}
	return f;
}

/* Give the unnamed file fd the name path, replacing what is there. linkat cannot
 * replace, so an existing path is replaced by a rename from a fresh name. */
static int link_unnamed(int fd, const char *path)
{
	char proc[64], *tmp;
	unsigned long long r;
	int rc = -1;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0)
		return 0;
	/* Without /proc, the fd itself (needs CAP_DAC_READ_SEARCH). */
	if (errno == ENOENT && linkat(fd, "", AT_FDCWD, path, AT_EMPTY_PATH) == 0)
		return 0;
	if (errno != EEXIST)
		return -1;
	for (int tries = 0; tries < 16 && rc < 0; tries++) {
		if (getrandom(&r, sizeof(r), 0) != sizeof(r))
			r = (unsigned long long)getpid() * 2654435761u + (unsigned)tries;
		struct sg_str t = { 0 };
		sg_str_addf(&t, "%s.tmp.%016llx", path, r);
		tmp = sg_str_take(&t);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0) {
			rc = rename(tmp, path);
			if (rc < 0)
				unlink(tmp);
		} else if (errno != EEXIST) {
			tries = 16;
		}
		free(tmp);
	}
	return rc;
}

int sg_atomic_commit(FILE *f, const char *path, char *tmp_path)
{
	int rc = 0;

	if (fflush(f) != 0 || ferror(f))
		rc = -1;
	if (rc == 0 && tmp_path && !*tmp_path && link_unnamed(fileno(f), path) < 0)
		rc = -1;
	int e = errno;
	if (fclose(f) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (tmp_path && *tmp_path) {
		if (rc == 0 && rename(tmp_path, path) != 0) {
			rc = -1;
			e = errno;
		}
		if (rc != 0)
			unlink(tmp_path);
	}
	free(tmp_path);
	if (rc != 0)
		sg_error("cannot write '%s': %s", path, strerror(e));
	return rc;
}

void sg_atomic_abort(FILE *f, char *tmp_path)
{
	fclose(f);
	if (tmp_path && *tmp_path)
		unlink(tmp_path);
	free(tmp_path);
}
