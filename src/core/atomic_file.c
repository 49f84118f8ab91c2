/* Write-to-temporary-then-rename, so a reader never sees a half-written file.
 * Paths that are not regular files (/dev/null, a FIFO) are written in place. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "util.h"

FILE *sg_atomic_open(const char *path, char **tmp_path)
{
	struct stat st;

	*tmp_path = NULL;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return fopen(path, "we"); /* never leak into a traced child */
	struct sg_str t = { 0 };
	sg_str_addf(&t, "%s.tmp.XXXXXX", path);
	char *tmp = sg_str_take(&t);
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		free(tmp);
		return NULL;
	}
	fchmod(fd, 0644);
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	*tmp_path = tmp;
	return f;
}

int sg_atomic_commit(FILE *f, const char *path, char *tmp_path)
{
	int rc = 0;

	if (fflush(f) != 0 || ferror(f))
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	if (tmp_path) {
		if (rc == 0 && rename(tmp_path, path) != 0)
			rc = -1;
		if (rc != 0)
			unlink(tmp_path);
		free(tmp_path);
	}
	if (rc != 0)
		sg_error("cannot write '%s': %s", path, strerror(errno));
	return rc;
}

void sg_atomic_abort(FILE *f, char *tmp_path)
{
	fclose(f);
	if (tmp_path) {
		unlink(tmp_path);
		free(tmp_path);
	}
}
