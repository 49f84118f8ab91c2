/* advise's enoent-storm: one file name searched for along a path of 16
 * directories where it is not, 4 times over (as a library or module search). */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	char path[128];

	for (int round = 0; round < 4; round++)
		for (int dir = 0; dir < 16; dir++) {
			snprintf(path, sizeof(path), "/nonexistent/dir%d/libmissing.so", dir);
			int fd = open(path, O_RDONLY);
			if (fd >= 0)
				close(fd);
		}
	return 0;
}
