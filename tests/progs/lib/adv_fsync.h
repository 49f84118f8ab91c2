/* The work of adv_fsync_storm and its fixed twin: records appended to a log
 * file, made durable with fdatasync every ADV_FSYNC_GROUP records and at the
 * end. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RECORD 100

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100;
	const char *tmp = getenv("TMPDIR");
	char dir[4096], path[4200], rec[RECORD];

	snprintf(dir, sizeof(dir), "%s/adv_fsync.XXXXXX", argc > 2 ? argv[2] : tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/log", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	for (long i = 0; i < n; i++) {
		memset(rec, 'a' + (int)(i % 26), sizeof(rec));
		rec[RECORD - 1] = '\n';
		if (write(fd, rec, sizeof(rec)) != (ssize_t)sizeof(rec)) {
			perror("write");
			return 1;
		}
		if ((i + 1) % ADV_FSYNC_GROUP == 0 && fdatasync(fd)) {
			perror("fdatasync");
			return 1;
		}
	}
	if (n % ADV_FSYNC_GROUP && fdatasync(fd)) {
		perror("fdatasync");
		return 1;
	}
	close(fd);
	unlink(path);
	rmdir(dir);
	printf("%ld\n", n);
	return 0;
}
