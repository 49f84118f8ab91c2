/* The work of adv_reopen and its fixed twin: read a small file for each
 * lookup, reopening it every time (ADV_REOPEN_KEEP 0) or keeping it open (1),
 * and count a byte of it. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char settings[] = "level=3\nname=advise\n";

/* The file to read: argv's, or one made in a temporary directory. */
static int make_file(char *dir, char *path, size_t size)
{
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, size, "%s/settings", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	int ok = write(fd, settings, strlen(settings)) == (ssize_t)strlen(settings);
	close(fd);
	return ok ? 0 : -1;
}

static ssize_t lookup(const char *path, int *kept, char *buf, size_t size)
{
	if (ADV_REOPEN_KEEP) {
		if (*kept < 0 && (*kept = open(path, O_RDONLY)) < 0)
			return -1;
		return pread(*kept, buf, size, 0);
	}
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, size);
	close(fd);
	return n;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 2000;
	char dir[] = "/tmp/adv_reopen.XXXXXX", made[64], buf[256];
	const char *path = argc > 2 ? argv[2] : made;
	int kept = -1;
	long levels = 0;

	if (argc <= 2 && make_file(dir, made, sizeof(made))) {
		perror("adv_reopen");
		return 1;
	}
	for (long i = 0; i < n; i++) {
		ssize_t got = lookup(path, &kept, buf, sizeof(buf));
		if (got < 7) {
			perror(path);
			return 1;
		}
		levels += buf[6] - '0';
	}
	if (kept >= 0)
		close(kept);
	if (argc <= 2) {
		unlink(made);
		rmdir(dir);
	}
	printf("%ld\n", levels);
	return 0;
}
