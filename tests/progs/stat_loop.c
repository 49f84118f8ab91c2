/* A deterministic syscall load for `sysgate stat` tests and benchmarks.
 *
 *   stat_loop N [STATUS [FORKS [ORPHANS]]]
 *
 * Calls getppid() N times, then exits with STATUS (default 0). With FORKS, that
 * many children each do the same N calls first (the parent waits for them). With
 * ORPHANS, that many grandchildren are left behind: each one's parent exits at
 * once, and the grandchild does its N calls after a short nap, reparented. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void loop(long n)
{
	for (long i = 0; i < n; i++)
		(void)getppid(); /* glibc does not cache it: one syscall each */
}

static void spawn_orphan(long n)
{
	pid_t mid = fork();

	if (mid == 0) {
		if (fork() == 0) {
			struct timespec nap = { 0, 50 * 1000 * 1000 };
			nanosleep(&nap, NULL);
			loop(n);
			_exit(0);
		}
		_exit(0);
	}
	if (mid > 0)
		waitpid(mid, NULL, 0);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	int status = argc > 2 ? atoi(argv[2]) : 0;
	int forks = argc > 3 ? atoi(argv[3]) : 0;
	int orphans = argc > 4 ? atoi(argv[4]) : 0;

	for (int i = 0; i < forks; i++) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("stat_loop: fork");
			return 1;
		}
		if (pid == 0) {
			loop(n);
			_exit(0);
		}
	}
	for (int i = 0; i < orphans; i++)
		spawn_orphan(n);
	loop(n);
	while (wait(NULL) > 0)
		;
	return status;
}
