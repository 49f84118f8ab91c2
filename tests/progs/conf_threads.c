/* A few threads, each making the same short, deterministic list of syscalls.
 *
 * The syscalls each thread makes must not depend on scheduling, so that the
 * conformance test can compare every thread's sequence under strace and under
 * sysgate trace -f. Hence:
 *  - threads touch no shared lock (no stdio, no malloc): no contended futex;
 *  - the main thread does not block in pthread_join, whose FUTEX_WAIT happens
 *    only if the thread has not exited yet (a race): it first spins, without
 *    any syscall, until pthread_tryjoin_np succeeds, i.e. until the kernel has
 *    cleared the thread's tid (CLONE_CHILD_CLEARTID). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NTHREADS 4

static int devnull;

static void *worker(void *arg)
{
	char msg[] = "thread N\n";

	msg[7] = (char)('0' + (int)(long)arg);
	syscall(SYS_getpid);
	syscall(SYS_gettid);
	if (write(devnull, msg, sizeof(msg) - 1) != (ssize_t)sizeof(msg) - 1)
		return (void *)1L;
	syscall(SYS_getppid);
	return NULL;
}

int main(void)
{
	pthread_t t[NTHREADS];
	void *res;
	int bad = 0;

	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (devnull < 0)
		return 1;
	for (long i = 0; i < NTHREADS; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)i) != 0)
			return 1;
	for (int i = 0; i < NTHREADS; i++) {
		int rc;
		while ((rc = pthread_tryjoin_np(t[i], &res)) == EBUSY)
			; /* no syscall here: see above */
		if (rc != 0 || res != NULL)
			bad = 1;
	}
	close(devnull);
	return bad;
}
