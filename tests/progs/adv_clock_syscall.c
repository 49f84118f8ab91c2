/* advise's clock-syscall: the clock read through syscall() 2000 times, each a
 * kernel entry the vDSO would have spared. With an argument N, the reads are
 * made in a forked child (advise follows children). */
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void read_clock(void)
{
	struct timespec ts;

	for (int i = 0; i < 2000; i++)
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
}

int main(int argc, char **argv)
{
	(void)argv;
	if (argc < 2) {
		read_clock();
		return 0;
	}
	pid_t pid = fork();
	if (pid == 0) {
		read_clock();
		_exit(0);
	}
	int status;
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
