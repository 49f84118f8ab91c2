/* The fixed twin of adv_tiny_io.c: the same bytes, one at a time into a
 * 64 KiB buffer that is written when full. Arguments as there. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define BUFFER 65536

static char buf[BUFFER];

static int flush(int fd, size_t *used)
{
	if (*used && write(fd, buf, *used) != (ssize_t)*used)
		return -1;
	*used = 0;
	return 0;
}

int main(int argc, char **argv)
{
	int fd = open(argc > 1 ? argv[1] : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long n = argc > 2 ? atol(argv[2]) : 4096;
	size_t used = 0;

	if (fd < 0)
		return perror("open"), 1;
	for (long i = 0; i < n; i++) {
		buf[used++] = 'x';
		if (used == BUFFER && flush(fd, &used) < 0)
			return perror("write"), 1;
	}
	if (flush(fd, &used) < 0)
		return perror("write"), 1;
	return close(fd) < 0;
}
