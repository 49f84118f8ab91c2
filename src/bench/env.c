/* Where a number was measured: recorded with every result, since a ladder from
 * another machine (or another mitigation setting) is a different ladder. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bench_int.h"

static void read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");

	buf[0] = '\0';
	if (!f)
		return;
	if (fgets(buf, (int)size, f))
		buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

static void read_cpu_model(char *buf, size_t size)
{
	char line[256];
	FILE *f = fopen("/proc/cpuinfo", "re");

	snprintf(buf, size, "unknown");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');
		if (strncmp(line, "model name", 10) == 0 && colon) {
			snprintf(buf, size, "%s", colon + 2);
			buf[strcspn(buf, "\n")] = '\0';
			break;
		}
	}
	fclose(f);
}

static void read_mitigations(char *buf, size_t size)
{
	const char *dir = "/sys/devices/system/cpu/vulnerabilities";
	DIR *d = opendir(dir);
	size_t used = 0;

	buf[0] = '\0';
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		char path[512], state[256];
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		read_line(path, state, sizeof(state));
		int n = snprintf(buf + used, size - used, "%s%s: %s", used ? "; " : "", e->d_name,
				 state);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
	closedir(d);
}

static bool cpuid_hypervisor(void)
{
	unsigned a, b, c, d;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
	return (c >> 31) & 1;
}

void bench_env_read(struct bench_env *e)
{
	struct utsname u;

	memset(e, 0, sizeof(*e));
	read_cpu_model(e->cpu_model, sizeof(e->cpu_model));
	if (uname(&u) == 0)
		snprintf(e->kernel, sizeof(e->kernel), "%.80s %.30s", u.release, u.machine);
	e->hypervisor = cpuid_hypervisor();
	read_line("/sys/devices/system/clocksource/clocksource0/current_clocksource",
		  e->clocksource, sizeof(e->clocksource));
	read_mitigations(e->mitigations, sizeof(e->mitigations));
	e->cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
	bench_tsc_calibrate();
	e->tsc_ghz = 1.0 / bench_ticks_to_ns(1.0);
}
