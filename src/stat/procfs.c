/* -p mode numbers perf does not split: voluntary/involuntary context switches
 * per thread and user/system time per process, sampled from /proc. A thread's
 * last switches before it exits, and children the process forks, are missed:
 * the report marks these rows as approximate. CPU times include the children
 * the process waited for (cutime, cstime), but not those still running. */
#include "stat_int.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"

struct thread_switches {
	pid_t tid;
	uint64_t first_vol, first_invol, last_vol, last_invol;
};

struct process_times {
	pid_t pid;
	bool have;
	uint64_t first_user, first_system, last_user, last_system; /* clock ticks */
};

struct stat_proc_sample {
	struct thread_switches *threads;
	int nthreads, cap;
	struct process_times *procs;
	int nprocs;
	bool started; /* threads first seen after the start began at zero */
};

static bool read_process_times(pid_t pid, uint64_t *user, uint64_t *system)
{
	char path[64], buf[1024];
	unsigned long long ut, st;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* The command name may hold spaces and parentheses: fields follow the last ')'. */
	char *p = strrchr(buf, ')');
	/* After ')': state ppid pgrp session tty tpgid flags minflt cminflt majflt
	 * cmajflt utime stime cutime cstime (fields 3..17 of proc(5)). The
	 * children it waited for count too, as they do for the perf counters. */
	unsigned long long cut, cst;
	if (!p || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %llu %llu",
			 &ut, &st, &cut, &cst) != 4)
		return false;
	*user = ut + cut;
	*system = st + cst;
	return true;
}

static bool read_thread_switches(pid_t pid, pid_t tid, uint64_t *vol, uint64_t *invol)
{
	char path[96], line[256];
	unsigned long long v;
	int found = 0;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", (int)pid, (int)tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "voluntary_ctxt_switches: %llu", &v) == 1) {
			*vol = v;
			found |= 1;
		} else if (sscanf(line, "nonvoluntary_ctxt_switches: %llu", &v) == 1) {
			*invol = v;
			found |= 2;
		}
	}
	fclose(f);
	return found == 3;
}

static struct thread_switches *thread_slot(struct stat_proc_sample *s, pid_t tid)
{
	for (int i = 0; i < s->nthreads; i++)
		if (s->threads[i].tid == tid)
			return &s->threads[i];
	if (s->nthreads == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->threads = sg_xrealloc(s->threads, (size_t)s->cap * sizeof(*s->threads));
	}
	struct thread_switches *t = &s->threads[s->nthreads++];
	memset(t, 0, sizeof(*t));
	t->tid = tid;
	return t;
}

static void update_threads(struct stat_proc_sample *s, pid_t pid)
{
	char path[64];
	struct dirent *de;
	uint64_t vol, invol;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	DIR *d = opendir(path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		pid_t tid = (pid_t)atoi(de->d_name);
		if (tid <= 0 || !read_thread_switches(pid, tid, &vol, &invol))
			continue;
		bool is_new = true;
		for (int i = 0; i < s->nthreads && is_new; i++)
			is_new = s->threads[i].tid != tid;
		struct thread_switches *t = thread_slot(s, tid);
		if (is_new && !s->started) {
			t->first_vol = vol;
			t->first_invol = invol;
		}
		t->last_vol = vol;
		t->last_invol = invol;
	}
	closedir(d);
}

static void update_times(struct process_times *p, bool started)
{
	uint64_t ut, st;

	if (!read_process_times(p->pid, &ut, &st))
		return;
	if (!started) {
		p->first_user = ut;
		p->first_system = st;
		p->have = true;
	}
	p->last_user = ut;
	p->last_system = st;
}

void stat_proc_update(struct stat_proc_sample *s)
{
	for (int i = 0; i < s->nprocs; i++) {
		update_threads(s, s->procs[i].pid);
		update_times(&s->procs[i], s->started);
	}
	s->started = true;
}

/* Takes the starting sample. */
struct stat_proc_sample *stat_proc_new(const pid_t *pids, int npids)
{
	struct stat_proc_sample *s = sg_xcalloc(1, sizeof(*s));

	s->procs = sg_xcalloc((size_t)npids, sizeof(*s->procs));
	s->nprocs = npids;
	for (int i = 0; i < npids; i++)
		s->procs[i].pid = pids[i];
	stat_proc_update(s);
	return s;
}

void stat_proc_finish(struct stat_proc_sample *s, struct stat_result *r)
{
	long ticks = sysconf(_SC_CLK_TCK);
	uint64_t ut = 0, st = 0;
	bool have_times = false;

	stat_proc_update(s);
	for (int i = 0; i < s->nprocs; i++) {
		const struct process_times *p = &s->procs[i];
		if (!p->have)
			continue;
		have_times = true;
		ut += p->last_user - p->first_user;
		st += p->last_system - p->first_system;
	}
	r->have_cpu_split = have_times && ticks > 0;
	if (r->have_cpu_split) {
		r->user_s = (double)ut / (double)ticks;
		r->system_s = (double)st / (double)ticks;
	}
	r->have_csw_split = s->nthreads > 0;
	r->csw_split_approx = true;
	for (int i = 0; i < s->nthreads; i++) {
		r->csw_voluntary += s->threads[i].last_vol - s->threads[i].first_vol;
		r->csw_involuntary += s->threads[i].last_invol - s->threads[i].first_invol;
	}
}

void stat_proc_free(struct stat_proc_sample *s)
{
	if (!s)
		return;
	free(s->threads);
	free(s->procs);
	free(s);
}
