/* /proc/PID/status, read line by line up to the field asked for. */
#include "proc_status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pid_t sg_proc_status_field(pid_t pid, const char *field, pid_t fallback)
{
	char path[64], line[256];
	size_t n = strlen(field);
	pid_t v = fallback;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return fallback;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':') {
			v = (pid_t)strtol(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}
