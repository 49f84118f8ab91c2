/* The work of adv_seek_then_io and its fixed twin: a 64 KiB file of 64-byte
 * records in a temporary directory, read at scattered offsets, checksummed.
 * ADV_SEEK_USE_PREAD picks pread (1) or lseek + read (0). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RECORD 64
#define RECORDS 1024

static int make_file(char *dir, char *path, size_t size)
{
	char buf[RECORD * RECORDS];

	if (!mkdtemp(dir))
		return -1;
	snprintf(path, size, "%s/records", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 7);
	if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf)) {
		close(fd);
		return -1;
	}
	return fd;
}

static ssize_t read_record(int fd, char *rec, off_t off)
{
#if ADV_SEEK_USE_PREAD
	return pread(fd, rec, RECORD, off);
#else
	if (lseek(fd, off, SEEK_SET) != off)
		return -1;
	return read(fd, rec, RECORD);
#endif
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 4000;
	char dir[] = "/tmp/adv_seek.XXXXXX", path[64];
	char rec[RECORD];
	unsigned long sum = 0;
	int fd = make_file(dir, path, sizeof(path));

	if (fd < 0) {
		perror("adv_seek");
		return 1;
	}
	for (long i = 0; i < n; i++) {
		off_t off = (off_t)((i * 389) % RECORDS) * RECORD;	/* scattered */
		if (read_record(fd, rec, off) != RECORD) {
			perror("read");
			return 1;
		}
		sum += (unsigned char)rec[i % RECORD];
	}
	close(fd);
	unlink(path);
	rmdir(dir);
	printf("%lu\n", sum);
	return 0;
}
