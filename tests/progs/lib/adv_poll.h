/* The work of adv_busy_poll and its fixed twin: a thread writes one byte per
 * message into a pipe, 50 us apart; main waits for each with poll
 * (ADV_POLL_TIMEOUT: 0 spins, -1 blocks) and reads it. */
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int pipefd[2];
static long messages;

static void *producer(void *arg)
{
	struct timespec gap = { 0, 50000 };

	(void)arg;
	for (long i = 0; i < messages; i++) {
		nanosleep(&gap, NULL);
		if (write(pipefd[1], "x", 1) != 1)
			break;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;
	long got = 0;
	char c;

	messages = argc > 1 ? atol(argv[1]) : 200;
	if (pipe(pipefd) || pthread_create(&t, NULL, producer, NULL)) {
		perror("adv_poll");
		return 1;
	}
	while (got < messages) {
		struct pollfd p = { .fd = pipefd[0], .events = POLLIN };
		int n = poll(&p, 1, ADV_POLL_TIMEOUT);
		if (n < 0) {
			perror("poll");
			return 1;
		}
		if (n > 0 && read(pipefd[0], &c, 1) == 1)
			got++;
	}
	pthread_join(t, NULL);
	printf("%ld\n", got);
	return 0;
}
