/* Getting tracees: starting the command under ptrace, or attaching to running ones. */
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/util.h"
#include "tracer.h"

#define SEIZE_OPTS                                                                          \
	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACESECCOMP)
#define FOLLOW_OPTS (PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE)

long tracer_seize_options(const struct trace_opts *o, bool started)
{
	return SEIZE_OPTS | (o->follow ? FOLLOW_OPTS : 0) | (started ? PTRACE_O_EXITKILL : 0);
}

/* The child: wait until the tracer holds us, install the prefilter, exec. Nothing
 * here may print to the trace; the tracer hides everything before execve. */
static _Noreturn void child_main(const struct trace_opts *o, const char *path, int go_fd)
{
	char byte;

	while (read(go_fd, &byte, 1) < 0 && errno == EINTR)
		;
	close(go_fd);
	/* ptrace's EXITKILL ends when the tracer lets go (in-process runs do, once
	 * the agent has started): this keeps the command from outliving sysgate. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	tracer_restore_child_signals();
	if (o->prefilter) {
		int rc = prefilter_load(o);
		if (rc < 0) {
			fprintf(stderr, "sysgate: cannot load the seccomp prefilter: %s\n",
				strerror(-rc));
			_exit(126);
		}
	}
	execv(path, o->cmd);
	fprintf(stderr, "sysgate: cannot run '%s': %s\n", path, strerror(errno));
	_exit(127);
}

static int wait_stopped(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, __WALL) < 0)
		if (errno != EINTR)
			return -1;
	return WIFSTOPPED(status) ? 0 : -1;
}

pid_t tracer_start_command(struct tracer *tr)
{
	const struct trace_opts *o = tr->o;
	char *path = sg_find_program(o->cmd[0]);
	int go[2];

	if (!path)
		sg_die_status(127, "cannot run '%s': %s", o->cmd[0], strerror(errno));
	if (pipe2(go, O_CLOEXEC) < 0)
		sg_die("cannot create a pipe: %s", strerror(errno));
	pid_t pid = fork();
	if (pid < 0)
		sg_die("cannot fork: %s", strerror(errno));
	if (pid == 0) {
		close(go[1]);
		child_main(o, path, go[0]);
	}
	close(go[0]);
	free(path);
	if (ptrace(PTRACE_SEIZE, pid, 0, tracer_seize_options(o, true)) < 0) {
		kill(pid, SIGKILL);
		sg_die("cannot trace the command: ptrace: %s", strerror(errno));
	}
	struct tracee *t = tracee_add(&tr->tt, pid);
	t->before_exec = true;
	/* Without a prefilter the execve entry is seen through syscall stops, which
	 * need the child stopped once to switch them on. */
	if (!o->prefilter) {
		if (ptrace(PTRACE_INTERRUPT, pid, 0, 0) < 0 || wait_stopped(pid) < 0 ||
		    ptrace(PTRACE_SYSCALL, pid, 0, 0) < 0) {
			kill(pid, SIGKILL);
			sg_die("cannot start tracing the command: %s", strerror(errno));
		}
	}
	if (write(go[1], "g", 1) != 1) {
		kill(pid, SIGKILL);
		sg_die("cannot start the command: %s", strerror(errno));
	}
	close(go[1]);
	return pid;
}

static int attach_thread(struct tracer *tr, pid_t tid)
{
	if (ptrace(PTRACE_SEIZE, tid, 0, tracer_seize_options(tr->o, false)) < 0)
		return -errno;
	if (ptrace(PTRACE_INTERRUPT, tid, 0, 0) < 0)
		return -errno;
	tracee_add(&tr->tt, tid)->attached = true;
	return 0;
}

/* Every thread of pid, from /proc/pid/task; threads born meanwhile come through
 * the clone events of their (already attached) parents when following. */
static int attach_process(struct tracer *tr, pid_t pid)
{
	char dir[64];
	int rc = 0, count = 0;

	snprintf(dir, sizeof(dir), "/proc/%d/task", pid);
	DIR *d = opendir(dir);
	if (!d)
		return -ESRCH;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		long tid;
		if (e->d_name[0] == '.' || sg_parse_long(e->d_name, &tid) < 0)
			continue;
		if (tracee_find(&tr->tt, (pid_t)tid))
			continue;
		int r = attach_thread(tr, (pid_t)tid);
		if (r < 0 && r != -ESRCH && rc == 0)
			rc = r;
		count += r == 0;
	}
	closedir(d);
	return count ? 0 : rc ? rc : -ESRCH;
}

void tracer_attach_all(struct tracer *tr)
{
	for (int i = 0; i < tr->o->nattach; i++) {
		pid_t pid = tr->o->attach[i];
		int rc = pid == getpid() ? -EPERM : attach_process(tr, pid);
		if (rc == -EPERM)
			tracer_die(tr, "cannot attach to process %d: Operation not permitted; "
				       "run as root, and check it is not already traced", pid);
		if (rc < 0)
			tracer_die(tr, "cannot attach to process %d: %s", pid,
				   rc == -ESRCH ? "no such process" : strerror(-rc));
		fprintf(stderr, "sysgate: process %d attached\n", pid);
	}
}
