/* advise's clean copy: 4 MiB through a 64 KiB buffer; no finding expected. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char buf[65536];
	int in = open("/dev/zero", O_RDONLY);
	int out = open(argc > 1 ? argv[1] : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (in < 0 || out < 0)
		return perror("open"), 1;
	for (int i = 0; i < 64; i++)
		if (read(in, buf, sizeof(buf)) != (ssize_t)sizeof(buf) ||
		    write(out, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			return perror("copy"), 1;
	return close(in) < 0 || close(out) < 0;
}
