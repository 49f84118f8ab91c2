/* advise's tiny-io: writes of one byte each to a file (4096 by default);
 * adv_tiny_io_fixed.c writes the same bytes through a 64 KiB buffer.
 * Arguments: the file (default /dev/null), the bytes to write. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int fd = open(argc > 1 ? argv[1] : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long n = argc > 2 ? atol(argv[2]) : 4096;

	if (fd < 0)
		return perror("open"), 1;
	for (long i = 0; i < n; i++)
		if (write(fd, "x", 1) != 1)
			return perror("write"), 1;
	return close(fd) < 0;
}
