/* Runs until killed: every 10 ms one nanosleep and one getppid. For attach tests. */
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };

	for (;;) {
		nanosleep(&tick, NULL);
		syscall(SYS_getppid);
	}
}
