/* Finding a mapping in /proc/PID/maps by its name. */
#include "proc_maps.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* One line: "START-END PERMS OFFSET MAJOR:MINOR INODE NAME". A mapping with no
 * name (anonymous memory) is not of this form. *name points into line. */
static bool parse_line(char *line, struct sg_map *m, const char **name)
{
	unsigned long start, end, offset, minor;
	char r, w, x, s;
	int at = -1;

	line[strcspn(line, "\n")] = '\0';
	if (sscanf(line, "%lx-%lx %c%c%c%c %lx %lx:%lx %*d %n", &start, &end, &r, &w, &x, &s,
		   &offset, &m->major, &minor, &at) != 9 || at < 0 || !line[at])
		return false;
	if ((r != 'r' && r != '-') || (w != 'w' && w != '-') || (x != 'x' && x != '-') ||
	    (s != 's' && s != 'p'))
		return false;
	m->start = start;
	m->end = end;
	*name = line + at;
	return true;
}

int sg_maps_find(FILE *maps, const char *name, struct sg_map *m)
{
	struct sg_map prev = { 0 }, cur;
	bool have_prev = false;
	char *line = NULL;
	size_t cap = 0;
	int rc = -ENOENT;

	while (rc == -ENOENT && getline(&line, &cap, maps) > 0) {
		const char *at;
		if (!parse_line(line, &cur, &at))
			continue;
		if (cur.end < cur.start)
			break; /* not the maps format: nothing after it is trusted */
		/* The lines come in ascending order: one that does not (a repeated
		 * [vsyscall], a line read as the maps changed) is left out. */
		if (have_prev && (cur.start <= prev.start || cur.start < prev.end))
			continue;
		prev = cur;
		have_prev = true;
		if (cur.major == 0 && strcmp(at, name) == 0) {
			*m = cur;
			rc = 0;
		}
	}
	free(line);
	return rc;
}

int sg_proc_maps_find(pid_t pid, const char *name, struct sg_map *m)
{
	char path[64];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	rc = sg_maps_find(f, name, m);
	fclose(f);
	return rc;
}
