/* Probes of denied calls with harmless arguments; each prints
 * "NAME: errno ENAME" or "NAME: allowed" and exits 0 only when the call failed
 * with the errno the default profile gives. */
#include <errno.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static int report(const char *what, long r, int want)
{
	if (r >= 0) {
		printf("%s: allowed (returned %ld)\n", what, r);
		return 1;
	}
	printf("%s: errno %s\n", what, strerrorname_np(errno));
	return errno == want ? 0 : 1;
}

static int clone3_newuser(void)
{
	struct clone_args ca = { .flags = CLONE_NEWUSER, .exit_signal = SIGCHLD };
	long r = syscall(SYS_clone3, &ca, sizeof(ca));

	if (r == 0)
		_exit(0);
	if (r > 0)
		waitpid((pid_t)r, NULL, 0);
	return report("clone3", r, ENOSYS);
}

/* Write into a forked child's copy of a variable. */
static int vm_writev_sibling(void)
{
	static char target[8] = "before";
	char data[8] = "after";
	struct iovec local = { data, sizeof(data) }, remote = { target, sizeof(target) };
	pid_t pid = fork();
	long r;

	if (pid == 0) {
		pause();
		_exit(0);
	}
	r = process_vm_writev(pid, &local, 1, &remote, 1, 0);
	int rc = report("process_vm_writev", r, EPERM);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return rc;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	if (strcmp(what, "io_uring_setup") == 0)
		return report(what, syscall(SYS_io_uring_setup, 0, NULL), EPERM);
	if (strcmp(what, "openat2") == 0)
		return report(what, syscall(SYS_openat2, -100, "/", NULL, 0), ENOSYS);
	if (strcmp(what, "clone3") == 0)
		return clone3_newuser();
	if (strcmp(what, "ptrace") == 0)
		return report(what, ptrace(PTRACE_TRACEME, 0, NULL, NULL), EPERM);
	if (strcmp(what, "process_vm_writev") == 0)
		return vm_writev_sibling();
	if (strcmp(what, "personality") == 0)
		return report(what, personality(READ_IMPLIES_EXEC), EPERM);
	fprintf(stderr, "usage: bypass_calls NAME\n");
	return 2;
}
