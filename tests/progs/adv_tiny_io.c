/* advise's tiny-io: 4096 writes of one byte each to a file. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int fd = open(argc > 1 ? argv[1] : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return perror("open"), 1;
	for (int i = 0; i < 4096; i++)
		if (write(fd, "x", 1) != 1)
			return perror("write"), 1;
	return close(fd) < 0;
}
