/* Nested forks: depth levels of a process that forks two children, each of which
 * forks again; every process calls getppid once and exits with its depth. */
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void grow(int depth)
{
	syscall(SYS_getppid);
	if (depth == 0)
		exit(0);
	for (int i = 0; i < 2; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			grow(depth - 1);
			exit(0);
		}
		if (pid < 0)
			exit(1);
	}
	while (wait(NULL) > 0)
		;
}

int main(int argc, char **argv)
{
	grow(argc > 1 ? atoi(argv[1]) : 2);
	return 0;
}
