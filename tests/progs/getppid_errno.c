/* N getppid calls; prints how many failed with EPERM (a jail --deny target). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10, eperm = 0;

	for (long i = 0; i < n; i++)
		if (syscall(SYS_getppid) == -1 && errno == EPERM)
			eperm++;
	printf("eperm %ld of %ld\n", eperm, n);
	return 0;
}
