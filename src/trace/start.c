/* Getting tracees: starting the command under ptrace, or attaching to running ones. */
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
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
#include "inproc.h"
#include "tracer.h"
#include "launch/launch.h"

#define SEIZE_OPTS                                                                          \
	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACESECCOMP)
#define FOLLOW_OPTS (PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE)

long tracer_seize_options(const struct trace_opts *o, bool started)
{
	/* -D: the command is the caller's own process; if the tracer dies, it runs on. */
	bool exitkill = started && !o->daemonize;

	return SEIZE_OPTS | (o->follow ? FOLLOW_OPTS : 0) | (exitkill ? PTRACE_O_EXITKILL : 0);
}

void tracer_become_user(const struct trace_opts *o)
{
	if (o->user && (setgroups((size_t)o->ngroups, o->groups) < 0 || setgid(o->gid) < 0 ||
			setuid(o->uid) < 0)) {
		fprintf(stderr, "sysgate: cannot run as '%s': %s\n", o->user, strerror(errno));
		_exit(126);
	}
}

_Noreturn void tracer_exec_command(const struct trace_opts *o, const char *path)
{
	tracer_become_user(o);
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

/* The child: wait until the tracer holds us, then become the command. Nothing
 * here may print to the trace; the tracer hides everything before execve. */
static _Noreturn void child_main(const struct trace_opts *o, const char *path, int go_fd,
				 pid_t parent)
{
	char byte;

	while (read(go_fd, &byte, 1) < 0 && errno == EINTR)
		;
	close(go_fd);
	/* ptrace's EXITKILL ends when the tracer lets go (in-process runs do, once
	 * the agent has started): this keeps the command from outliving sysgate. */
	launch_die_with_parent(parent);
	tracer_restore_child_signals();
	inproc_agent_env_self();
	tracer_exec_command(o, path);
}

static int wait_stopped(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, __WALL) < 0)
		if (errno != EINTR)
			return -1;
	return WIFSTOPPED(status) ? 0 : -1;
}

/* A started child that will not run: killed and reaped, nothing left behind. */
static int abandon(struct tracer *tr, pid_t pid, int go_fd, const char *what)
{
	int e = errno;

	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, __WALL) < 0 && errno == EINTR)
		;
	tracee_remove(&tr->tt, pid);
	close(go_fd);
	return trace_fail(tr->o, 1, "%s: %s", what, strerror(e));
}

int tracer_hold_for_syscall_stops(pid_t pid)
{
	if (ptrace(PTRACE_INTERRUPT, pid, 0, 0) < 0 || wait_stopped(pid) < 0 ||
	    ptrace(PTRACE_SYSCALL, pid, 0, 0) < 0)
		return -1;
	return 0;
}

/* Fork a keeper (launch.h) whose child will run the command: the keeper ends every
 * process below it if sysgate dies, even those -f does not follow or an in-process
 * run no longer holds under ptrace. The command's pid, or -1 with errno. */
static pid_t start_kept(const struct trace_opts *o, const char *path, const int go[2],
			 pid_t *keeper_out)
{
	pid_t parent = getpid(), cmd = -1;
	int pp[2];

	if (pipe2(pp, O_CLOEXEC) < 0)
		return -1;
	pid_t keeper = fork();
	if (keeper == 0) {
		close(go[1]);
		close(pp[0]);
		tracer_restore_child_signals();
		launch_keeper_prepare(parent);
		keeper = getpid();
		cmd = fork();
		if (cmd == 0) {
			close(pp[1]);
			launch_keeper_command(keeper);
			child_main(o, path, go[0], keeper);
		}
		if (write(pp[1], &cmd, sizeof(cmd)) != sizeof(cmd) || cmd < 0)
			_exit(126);
		close(pp[1]);
		close(go[0]);
		launch_keeper(cmd);
	}
	int e = errno;
	close(pp[1]);
	if (keeper > 0) {
		while (read(pp[0], &cmd, sizeof(cmd)) < 0 && errno == EINTR)
			;
		e = EAGAIN; /* the keeper could not fork */
	}
	close(pp[0]);
	*keeper_out = keeper;
	errno = e;
	return cmd;
}

pid_t tracer_start_command(struct tracer *tr)
{
	struct trace_opts *o = tr->o;
	char *path = sg_find_program(o->cmd[0]);
	int go[2];

	if (!path)
		return trace_fail(o, 127, "cannot run '%s': %s", o->cmd[0], strerror(errno));
	if (pipe2(go, O_CLOEXEC) < 0) {
		free(path);
		return trace_fail(o, 1, "cannot create a pipe: %s", strerror(errno));
	}
	pid_t pid = start_kept(o, path, go, &tr->keeper_pid);
	int e = errno;
	close(go[0]);
	free(path);
	if (pid < 0) {
		close(go[1]);
		return trace_fail(o, 1, "cannot fork: %s", strerror(e));
	}
	if (ptrace(PTRACE_SEIZE, pid, 0, tracer_seize_options(o, true)) < 0)
		return abandon(tr, pid, go[1], "cannot trace the command: ptrace");
	tracee_add(&tr->tt, pid)->before_exec = true;
	if (!o->prefilter && tracer_hold_for_syscall_stops(pid) < 0)
		return abandon(tr, pid, go[1], "cannot start tracing the command");
	if (write(go[1], "g", 1) != 1)
		return abandon(tr, pid, go[1], "cannot start the command");
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

int tracer_attach_all(struct tracer *tr)
{
	for (int i = 0; i < tr->o->nattach; i++) {
		pid_t pid = tr->o->attach[i];
		int rc = pid == getpid() ? -EPERM : attach_process(tr, pid);
		if (rc < 0)
			tracer_detach_all(tr); /* the ones attached so far run on */
		if (rc == -EPERM)
			return trace_fail(tr->o, 1, "cannot attach to process %d: Operation not "
					  "permitted; run as root, and check it is not already "
					  "traced", pid);
		if (rc < 0)
			return trace_fail(tr->o, 1, "cannot attach to process %d: %s", pid,
					  rc == -ESRCH ? "no such process" : strerror(-rc));
		if (!tr->o->quiet) /* -q hides it, as strace's */
			fprintf(stderr, "sysgate: process %d attached\n", pid);
	}
	return 0;
}
