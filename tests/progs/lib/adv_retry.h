/* The work of adv_failed_retries and its fixed twin: a thread writes one
 * byte per message into a pipe, 50 us apart; main reads them from the
 * non-blocking end, retrying at once on EAGAIN (ADV_RETRY_WAIT 0) or waiting
 * in poll first (1). */
#include <errno.h>
#include <fcntl.h>
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
	if (pipe2(pipefd, O_NONBLOCK) || pthread_create(&t, NULL, producer, NULL)) {
		perror("adv_retry");
		return 1;
	}
	while (got < messages) {
		ssize_t n = read(pipefd[0], &c, 1);
		if (n == 1) {
			got++;
			continue;
		}
		if (n < 0 && errno != EAGAIN) {
			perror("read");
			return 1;
		}
		if (ADV_RETRY_WAIT) {
			struct pollfd p = { .fd = pipefd[0], .events = POLLIN };
			poll(&p, 1, -1);
		}
	}
	pthread_join(t, NULL);
	printf("%ld\n", got);
	return 0;
}
