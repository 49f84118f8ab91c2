/* The partner process of the ipc and os rungs. */
#include <errno.h>
#include <linux/futex.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_int.h"
#include "partner.h"
#include "launch/launch.h"

int bench_partner_start(int cpu, void (*body)(void *arg), void *arg, pid_t *pid)
{
	pid_t parent = getpid();
	pid_t child = fork();

	if (child < 0)
		return -errno;
	if (child == 0) {
		launch_die_with_parent(parent);
		if (bench_pin(cpu) < 0)
			_exit(1);
		body(arg);
		_exit(0);
	}
	*pid = child;
	return 0;
}

int bench_partner_stop(pid_t pid, int grace_ms)
{
	int status = 0;
	pid_t got = 0;

	for (int i = 0; i < grace_ms && got == 0; i++) {
		got = waitpid(pid, &status, WNOHANG);
		if (got == 0) {
			struct timespec ms = { 0, 1000000 };
			nanosleep(&ms, NULL);
		} else if (got < 0 && errno == EINTR) {
			got = 0;
		}
	}
	if (got == pid)
		return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EIO;
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return -EIO;
}

void *bench_shared_alloc(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

void bench_shared_free(void *p, size_t size)
{
	if (p)
		munmap(p, size);
}

int bench_futex_wait(uint32_t *w, uint32_t val, int timeout_ms)
{
	struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000 };

	if (syscall(SYS_futex, w, FUTEX_WAIT, val, timeout_ms > 0 ? &ts : NULL, NULL, 0) == 0)
		return 0;
	return -errno;
}

int bench_futex_wake(uint32_t *w)
{
	return syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0) < 0 ? -errno : 0;
}

int bench_pipe_pair(int a[2], int b[2])
{
	if (pipe(a) < 0)
		return -errno;
	if (pipe(b) < 0) {
		int rc = -errno;
		close(a[0]);
		close(a[1]);
		return rc;
	}
	return 0;
}
