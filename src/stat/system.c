/* -a and --cgroup: the counters of every CPU, for all the machine's tasks or
 * for one cgroup's, while a command runs or until a signal stops them. */
#include "stat_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "core/cgroup.h"
#include "core/util.h"


/* Parse /sys/devices/system/cpu/online ("0-3,6"). */
int stat_online_cpus(int **cpus)
{
	char buf[4096];
	int n = 0, cap = 0;
	FILE *f = fopen("/sys/devices/system/cpu/online", "re");

	*cpus = NULL;
	if (!f || !fgets(buf, sizeof(buf), f)) {
		if (f)
			fclose(f);
		return -ENOENT;
	}
	fclose(f);
	for (char *p = buf; *p && *p != '\n';) {
		char *end;
		long lo = strtol(p, &end, 10), hi = lo;
		if (end == p)
			break;
		if (*end == '-')
			hi = strtol(end + 1, &end, 10);
		for (long c = lo; c <= hi; c++) {
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				*cpus = sg_xrealloc(*cpus, (size_t)cap * sizeof(int));
			}
			(*cpus)[n++] = (int)c;
		}
		p = *end == ',' ? end + 1 : end;
	}
	return n > 0 ? n : -ENOENT;
}


/* Its directory opened (for perf) and its id (for BPF). -EMEDIUMTYPE: a
 * directory, but not of cgroup v2. */
int stat_scope_open_cgroup(struct stat_scope *sc, const char *name)
{
	int fd = sg_cgroup2_open(name, sc->cgroup_path, sizeof(sc->cgroup_path), &sc->cgroup_id);

	if (fd < 0)
		return fd;
	sc->kind = SG_SCOPE_CGROUP;
	sc->cgroup_fd = fd;
	return 0;
}

void stat_scope_close(struct stat_scope *sc)
{
	if (sc->cgroup_fd >= 0)
		close(sc->cgroup_fd);
	sc->cgroup_fd = -1;
}

int stat_cpus_open(struct stat_cpus *c, const struct stat_events *ev, const struct stat_scope *sc)
{
	int *cpus, rc = 0;
	int n = stat_online_cpus(&cpus);

	memset(c, 0, sizeof(*c));
	if (n < 0)
		return n;
	c->t = sg_xcalloc((size_t)n, sizeof(*c->t));
	for (int i = 0; i < n && rc == 0; i++)
		if ((rc = stat_cpu_open(&c->t[i], ev, cpus[i], sc->cgroup_fd)) == 0)
			c->n++;
	free(cpus);
	if (rc != 0)
		stat_cpus_close(c);
	return rc;
}

int stat_cpus_ioctl(struct stat_cpus *c, unsigned long req)
{
	for (int i = 0; i < c->n; i++) {
		int rc = stat_task_ioctl(&c->t[i], req);
		if (rc != 0)
			return rc;
	}
	return 0;
}

void stat_cpus_accumulate(const struct stat_cpus *c, struct stat_result *r)
{
	for (int i = 0; i < c->n; i++)
		stat_task_accumulate(&c->t[i], r);
	/* A CPU's task clock runs whether a task is there or not (perf stat -a's
	 * cpu-clock is the wall time times the CPUs): not the "on cpu" of tasks. */
	r->have[SC_TASK_CLOCK] = false;
}

void stat_cpus_close(struct stat_cpus *c)
{
	for (int i = 0; i < c->n; i++)
		stat_task_close(&c->t[i]);
	free(c->t);
	c->t = NULL;
	c->n = 0;
}

/* No command: count until SIGINT, SIGTERM or SIGHUP. */
int stat_system_wait(const struct stat_events *ev, const struct stat_scope *sc,
		     struct stat_sampler *smp, struct stat_result *r)
{
	struct stat_signals sigs;
	struct stat_cpus cpus;
	int rc = stat_signals_block(&sigs, false);

	r->exit_status = 1;
	if (rc != 0)
		return sg_error("cannot watch signals: %s", strerror(-rc));
	if ((rc = stat_cpus_open(&cpus, ev, sc)) != 0) {
		stat_signals_restore(&sigs);
		return sg_error("cannot open perf counters on every CPU: %s; %s", strerror(-rc),
				stat_open_error_hint(rc));
	}
	unsigned long long t0 = sg_now_ns();
	stat_cpus_ioctl(&cpus, PERF_EVENT_IOC_ENABLE);
	if (smp)
		stat_sampler_ioctl(smp, PERF_EVENT_IOC_ENABLE);
	struct pollfd p = { .fd = sigs.fd, .events = POLLIN };
	while (poll(&p, 1, -1) < 0 && errno == EINTR)
		;
	if (smp)
		stat_sampler_ioctl(smp, PERF_EVENT_IOC_DISABLE);
	stat_cpus_ioctl(&cpus, PERF_EVENT_IOC_DISABLE);
	r->wall_s = (double)(sg_now_ns() - t0) / 1e9;
	r->interrupted = true;
	stat_cpus_accumulate(&cpus, r);
	stat_sampler_result(smp, r);
	stat_release_in_background();
	stat_cpus_close(&cpus);
	stat_signals_restore(&sigs);
	r->exit_status = 0;
	return 0;
}
