/* Finding the program to run, the way execvp would, before anything is forked:
 * "command not found" is then a plain error instead of a failed exec. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "util.h"

static bool is_executable(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return false;
	if (!S_ISREG(st.st_mode)) {
		errno = EACCES;
		return false;
	}
	return access(path, X_OK) == 0;
}

char *sg_find_program(const char *file)
{
	const char *path = getenv("PATH");
	int saved = ENOENT;

	if (strchr(file, '/'))
		return is_executable(file) ? sg_xstrdup(file) : NULL;
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *colon = strchr(path, ':');
		size_t len = colon ? (size_t)(colon - path) : strlen(path);
		struct sg_str cand = { 0 };
		sg_str_addn(&cand, len ? path : ".", len ? len : 1);
		sg_str_addc(&cand, '/');
		sg_str_add(&cand, file);
		if (is_executable(cand.s))
			return sg_str_take(&cand);
		if (errno == EACCES)
			saved = EACCES;
		sg_str_free(&cand);
		path += len + (colon ? 1 : 0);
	}
	errno = saved;
	return NULL;
}

/* Where an installed sysgate keeps its companions, from its bin/ folder. */
#define INSTALLED_LIB "../lib/sysgate"

char *sg_beside_self(const char *name, const char *built, int amode)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	const char *dirs[] = { "", "/" INSTALLED_LIB };

	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash)
			*slash = '\0';
		for (size_t i = 0; slash && i < sizeof(dirs) / sizeof(dirs[0]); i++) {
			struct sg_str p = { 0 };
			sg_str_addf(&p, "%s%s/%s", self, dirs[i], name);
			char *path = sg_str_take(&p);
			if (access(path, amode) == 0)
				return path;
			free(path);
		}
	}
	return built && access(built, amode) == 0 ? sg_xstrdup(built) : NULL;
}
