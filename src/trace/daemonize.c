/*
 * -D, -DD, -DDD: the tracer as the command's grandchild, as strace's --daemonize.
 * The process the caller started stays the command (same pid, same parent, the
 * caller waits for it and gets its exit status). It forks a middle process that
 * forks the tracer and exits at once; the tracer seizes its grandparent and lets
 * it go on to exec. No keeper and no PTRACE_O_EXITKILL: if the tracer dies, the
 * command (the caller's own process) runs on untraced. The tracer starts nothing.
 *
 * The handshake, over two pipes: the tracer sends its pid; the command names it
 * as its ptracer (Yama's ptrace_scope 1 lets only ancestors trace otherwise) and
 * says "a"; the tracer seizes it and says "g".
 */
#include <errno.h>
#include <fcntl.h>
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

/* The whole of n bytes, or false (EOF: the other side is gone). */
static bool read_all(int fd, void *buf, size_t n)
{
	ssize_t got;

	while ((got = read(fd, buf, n)) < 0 && errno == EINTR)
		;
	return got == (ssize_t)n;
}

/* The command's side: reap the middle process, let the tracer seize us, exec. */
static _Noreturn void become_command(const struct trace_opts *o, const char *path, pid_t middle,
				     int from_tracer, int to_tracer)
{
	pid_t tracer = 0;
	char go = 0;
	bool held = read_all(from_tracer, &tracer, sizeof(tracer));

	/* Reaped now, so that the command finds no child it did not start. */
	while (waitpid(middle, NULL, 0) < 0 && errno == EINTR)
		;
	if (held) {
		prctl(PR_SET_PTRACER, tracer, 0, 0, 0); /* EINVAL without Yama: nothing to do */
		held = write(to_tracer, "a", 1) == 1 && read_all(from_tracer, &go, 1) && go == 'g';
	}
	close(from_tracer);
	close(to_tracer);
	if (!held)
		_exit(1); /* the tracer could not start, and said why */
	tracer_exec_command(o, path);
}

/* The tracer's own process group or session (-DD, -DDD), and no hold on the
 * caller's stdin and stdout (a pipe's reader would wait for the tracer too). */
static void detach_from_caller(enum trace_daemonize mode)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (mode == DAEMONIZE_PGROUP)
		setpgid(0, 0);
	else if (mode == DAEMONIZE_SESSION)
		setsid();
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		close(null);
	}
}

/* The tracer's side: seize the command, switch its syscall stops on, let it go. */
static pid_t seize_command(struct tracer *tr, pid_t cmd, int to_cmd, int from_cmd)
{
	struct trace_opts *o = tr->o;
	pid_t self = getpid();
	char ack = 0;

	if (write(to_cmd, &self, sizeof(self)) != sizeof(self) || !read_all(from_cmd, &ack, 1))
		return trace_fail(o, 1, "the command's process ended before it could be traced");
	if (ptrace(PTRACE_SEIZE, cmd, 0, tracer_seize_options(o, true)) < 0)
		return trace_fail(o, 1, "cannot trace the command (process %d): ptrace: %s", cmd,
				  strerror(errno));
	struct tracee *t = tracee_add(&tr->tt, cmd);
	t->before_exec = true;
	t->attached = true; /* the caller's: let go, never killed, when tracing stops */
	if (!o->prefilter && tracer_hold_for_syscall_stops(cmd) < 0)
		return trace_fail(o, 1, "cannot start tracing the command: %s", strerror(errno));
	if (write(to_cmd, "g", 1) != 1)
		return trace_fail(o, 1, "cannot start the command: %s", strerror(errno));
	/* As strace -D: the command was attached to, and says so unless -q or -o. */
	if (!o->quiet && !o->outfile)
		fprintf(stderr, "sysgate: process %d attached\n", cmd);
	return cmd;
}

/* The middle process forks the tracer and exits; the tracer goes on. */
static pid_t become_tracer(struct tracer *tr, pid_t cmd, int to_cmd, int from_cmd)
{
	pid_t tracer = fork();

	if (tracer != 0) {
		if (tracer < 0)
			fprintf(stderr, "sysgate: trace: cannot fork the tracer: %s\n",
				strerror(errno));
		_exit(tracer < 0 ? 1 : 0);
	}
	detach_from_caller(tr->o->daemonize);
	pid_t pid = seize_command(tr, cmd, to_cmd, from_cmd);
	close(to_cmd);
	close(from_cmd);
	return pid;
}

/* Two pipes, both ends close-on-exec: 0, or -1 with errno and none left open. */
static int open_pipes(int up[2], int down[2])
{
	if (pipe2(up, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(down, O_CLOEXEC) == 0)
		return 0;
	int e = errno;
	close(up[0]);
	close(up[1]);
	errno = e;
	return -1;
}

pid_t tracer_start_daemonized(struct tracer *tr)
{
	struct trace_opts *o = tr->o;
	char *path = sg_find_program(o->cmd[0]);
	int up[2], down[2]; /* tracer to command, command to tracer */

	if (!path)
		return trace_fail(o, 127, "cannot run '%s': %s", o->cmd[0], strerror(errno));
	if (open_pipes(up, down) < 0) {
		free(path);
		return trace_fail(o, 1, "cannot create a pipe: %s", strerror(errno));
	}
	pid_t cmd = getpid();
	fflush(NULL); /* nothing buffered is written twice */
	pid_t middle = fork();
	if (middle > 0) {
		close(up[1]);
		close(down[0]);
		become_command(o, path, middle, up[0], down[1]);
	}
	int e = errno;
	free(path);
	close(up[0]);
	close(down[1]);
	if (middle == 0)
		return become_tracer(tr, cmd, up[1], down[0]);
	close(up[1]);
	close(down[0]);
	return trace_fail(o, 1, "cannot fork: %s", strerror(e));
}
