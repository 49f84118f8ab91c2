/* Finding tracefs and reading tracepoints' ids and record layouts from it. */
#include "tracefs.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define TRACEFS "/sys/kernel/tracing"
#define TRACEFS_DEBUGFS "/sys/kernel/debug/tracing"

static bool has_events(const char *dir)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s/events", dir);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Find the tracefs directory, mounting tracefs when it is missing and we may.
 * Returns 0, -ENOENT (not mounted, cannot mount) or -EACCES (not readable). */
int sg_tracefs_ready(const char **dir)
{
	if (!has_events(TRACEFS) && geteuid() == 0)
		(void)mount("nodev", TRACEFS, "tracefs", 0, NULL);
	if (has_events(TRACEFS))
		*dir = TRACEFS;
	else if (has_events(TRACEFS_DEBUGFS))
		*dir = TRACEFS_DEBUGFS;
	else
		return access(TRACEFS, R_OK | X_OK) != 0 && errno == EACCES ? -EACCES : -ENOENT;

	char path[256];
	snprintf(path, sizeof(path), "%s/events", *dir);
	if (access(path, R_OK | X_OK) != 0)
		return -errno;
	return 0;
}

int sg_tracepoint_id(const char *dir, const char *group, const char *event, uint64_t *id)
{
	char path[512];
	unsigned long long v;
	int rc = 0;

	snprintf(path, sizeof(path), "%s/events/%s/%s/id", dir, group, event);
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	if (fscanf(f, "%llu", &v) != 1)
		rc = -EINVAL;
	fclose(f);
	if (rc == 0)
		*id = v;
	return rc;
}

/* The last word of a field declaration ("unsigned long args[6]" gives "args"). */
static bool field_is(const char *decl, size_t len, const char *field)
{
	const char *bracket = memchr(decl, '[', len);
	size_t end = bracket ? (size_t)(bracket - decl) : len;
	size_t start = end;
	while (start > 0 && decl[start - 1] != ' ')
		start--;
	return end - start == strlen(field) && strncmp(decl + start, field, end - start) == 0;
}

/* Where a field sits in a tracepoint's raw record, from its format file:
 *	field:long id;	offset:8;	size:8;	signed:1;
 * Returns 0, -ENOENT when there is no such field, or -errno. */
int sg_tracepoint_field(const char *dir, const char *group, const char *event,
			  const char *field, size_t *offset, size_t *size)
{
	char path[512], line[512];
	int rc = -ENOENT;

	snprintf(path, sizeof(path), "%s/events/%s/%s/format", dir, group, event);
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	while (rc == -ENOENT && fgets(line, sizeof(line), f)) {
		char *decl = strstr(line, "field:");
		char *semi = decl ? strchr(decl, ';') : NULL;
		unsigned off, sz;

		if (!semi || !field_is(decl + 6, (size_t)(semi - decl - 6), field))
			continue;
		if (sscanf(semi + 1, " offset:%u; size:%u;", &off, &sz) == 2) {
			*offset = off;
			*size = sz;
			rc = 0;
		}
	}
	fclose(f);
	return rc;
}

int sg_tracefs_newtask_fields(uint32_t *pid_at, uint32_t *flags_at)
{
	const char *dir;
	size_t pid_off, pid_size, flags_off, flags_size;
	int rc = sg_tracefs_ready(&dir);

	if (rc == 0)
		rc = sg_tracepoint_field(dir, "task", "task_newtask", "pid", &pid_off, &pid_size);
	if (rc == 0)
		rc = sg_tracepoint_field(dir, "task", "task_newtask", "clone_flags", &flags_off,
					 &flags_size);
	if (rc != 0)
		return rc;
	if (pid_size != 4 || flags_size != 8)
		return -ENOTSUP;
	*pid_at = (uint32_t)pid_off;
	*flags_at = (uint32_t)flags_off;
	return 0;
}
