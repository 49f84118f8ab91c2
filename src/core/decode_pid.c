/* Process ids as --decode-pids shows them: with the process's name (comm:
 * 1234<cat>), or, for a process in another pid namespace, with its id in
 * sysgate's (pidns: a comment after the id).
 *
 * The mode is one setting for the whole run (set once from the options), read
 * both by the decoders and by the output layer's "[pid N]" prefix. */
#include "decode_int.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned pid_mode;

void sg_decode_set_pids(unsigned mode)
{
	pid_mode = mode;
}

/* Names seen lately, for a process already reaped when its last line prints. */
static struct { pid_t pid; char comm[20]; } seen[64];
static unsigned next_seen;

static bool read_comm(pid_t pid, char *comm, size_t size)
{
	char path[64];
	bool ok = false;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	FILE *f = pid > 0 ? fopen(path, "re") : NULL;
	if (f) {
		ok = fgets(comm, (int)size, f) != NULL;
		fclose(f);
	}
	if (ok)
		comm[strcspn(comm, "\n")] = '\0';
	return ok;
}

static const char *comm_of(pid_t pid, char *buf, size_t size)
{
	const size_t n = sizeof(seen) / sizeof(seen[0]);

	if (read_comm(pid, buf, size)) {
		size_t i = 0;
		while (i < n && seen[i].pid != pid)
			i++;
		if (i == n)
			i = next_seen++ % n;
		seen[i].pid = pid;
		snprintf(seen[i].comm, sizeof(seen[i].comm), "%.19s", buf);
		return buf;
	}
	for (size_t i = 0; i < n; i++)
		if (seen[i].pid == pid)
			return seen[i].comm;
	return NULL;
}

/* <comm> of a process in sysgate's namespace (nothing when it is unknown). */
static void add_comm(struct sg_str *out, pid_t pid)
{
	char buf[64];
	const char *comm = comm_of(pid, buf, sizeof(buf));

	if (!comm)
		return;
	sg_str_addc(out, '<');
	sg_str_add_escaped(out, (const unsigned char *)comm, strlen(comm));
	sg_str_addc(out, '>');
}

void sg_add_pid_suffix(struct sg_str *out, pid_t pid)
{
	if (pid_mode & SG_PIDS_COMM)
		add_comm(out, pid);
}

static unsigned long ns_of(pid_t pid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/ns/pid", pid);
	return stat(path, &st) == 0 ? (unsigned long)st.st_ino : 0;
}

static unsigned long ns_at(const char *proc_dir)
{
	char path[320];
	struct stat st;

	snprintf(path, sizeof(path), "%s/ns/pid", proc_dir);
	return stat(path, &st) == 0 ? (unsigned long)st.st_ino : 0;
}

/* The last id on a task's NSpid line (proc_dir: /proc/PID or
 * /proc/PID/task/TID): its id in its own namespace. */
static long innermost_pid(const char *proc_dir)
{
	char path[300], line[256];
	long last = -1;

	snprintf(path, sizeof(path), "%s/status", proc_dir);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "NSpid:", 6) == 0) {
			char *p = line + 6, *end;
			for (long v = strtol(p, &end, 10); end != p; v = strtol(p, &end, 10)) {
				last = v;
				p = end;
			}
			break;
		}
	fclose(f);
	return last;
}

/* pid as the process `viewer` sees it, in sysgate's namespace; 0 when not found. */
static pid_t outer_pid(pid_t viewer, pid_t pid)
{
	unsigned long ns = ns_of(viewer);
	pid_t found = 0;

	if (!ns || ns == ns_of(getpid()))
		return 0; /* the same namespace: nothing to translate */
	DIR *dir = opendir("/proc");
	for (struct dirent *e; dir && !found && (e = readdir(dir));) {
		char at[300];
		snprintf(at, sizeof(at), "/proc/%s", e->d_name);
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9' && innermost_pid(at) == pid &&
		    ns_of(atoi(e->d_name)) == ns)
			found = atoi(e->d_name);
	}
	if (dir)
		closedir(dir);
	return found;
}

/* A thread of process dir (/proc/PID) that ns numbers tid, or 0. */
static pid_t task_in(const char *dir, unsigned long ns, pid_t tid)
{
	char tasks[320], at[640];
	pid_t found = 0;

	if (ns_at(dir) != ns)
		return 0;
	snprintf(tasks, sizeof(tasks), "%s/task", dir);
	DIR *d = opendir(tasks);
	for (struct dirent *e; d && !found && (e = readdir(d));) {
		snprintf(at, sizeof(at), "%s/%s", tasks, e->d_name);
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9' && innermost_pid(at) == tid)
			found = atoi(e->d_name);
	}
	if (d)
		closedir(d);
	return found;
}

pid_t sg_tid_in_own_ns(unsigned long ns, pid_t tid)
{
	DIR *dir = opendir("/proc");
	pid_t found = 0;

	for (struct dirent *e; dir && !found && (e = readdir(dir));) {
		char at[300];
		snprintf(at, sizeof(at), "/proc/%s", e->d_name);
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
			found = task_in(at, ns, tid);
	}
	if (dir)
		closedir(dir);
	return found;
}

void sg_print_pid(struct sg_dctx *d, long long pid)
{
	sg_str_add_int(d->out, pid);
	if (pid <= 0 || !pid_mode)
		return;
	pid_t outer = pid_mode & SG_PIDS_NS ? outer_pid(d->c->pid, (pid_t)pid) : 0;
	if (outer)
		sg_str_addf(d->out, " /* %d in sysgate's PID NS */", outer);
	if (pid_mode & SG_PIDS_COMM)
		add_comm(d->out, outer ? outer : (pid_t)pid);
}

void sg_kind_pid(struct sg_dctx *d)
{
	int pid = (int)sg_arg(d, d->idx);

	sg_print_pid(d, pid);
	d->v->type = SG_VAL_NUM;
	d->v->num = pid;
}
