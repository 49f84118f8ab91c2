/* Copies out of the monitored process: memory with process_vm_readv, fds with
 * pidfd_getfd. A copy is what decisions are made on; the process cannot change it
 * afterwards (the time-of-check/time-of-use rule in docs/taint.md). */
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "monitor.h"

int taint_mem_read(pid_t tid, unsigned long addr, void *buf, size_t len)
{
	struct iovec local = { buf, len }, remote = { (void *)addr, len };
	ssize_t n = process_vm_readv(tid, &local, 1, &remote, 1, 0);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EFAULT;
}

/* Page by page: a string may end just before an unmapped page. The first read is
 * short, since most paths are: a copy costs by the byte as well as by the call. */
int taint_mem_string(pid_t tid, unsigned long addr, char *buf, size_t size)
{
	size_t got = 0;

	while (got + 1 < size) {
		size_t page_left = 4096 - ((addr + got) & 4095);
		if (got == 0 && page_left > 256)
			page_left = 256;
		size_t want = page_left < size - 1 - got ? page_left : size - 1 - got;
		int rc = taint_mem_read(tid, addr + got, buf + got, want);

		if (rc)
			return rc;
		if (memchr(buf + got, '\0', want))
			return 0;
		got += want;
	}
	buf[size - 1] = '\0';
	return -ENAMETOOLONG;
}

int taint_fd_of(pid_t tid, int fd)
{
	int pidfd = (int)syscall(SYS_pidfd_open, tid, 0);
	int copy;

	if (pidfd < 0 && errno == EINVAL) /* a thread that is not the leader */
		pidfd = (int)syscall(SYS_pidfd_open, tid, 0x80 /* PIDFD_THREAD = O_EXCL */);
	if (pidfd < 0)
		return -errno;
	copy = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	int e = errno;
	close(pidfd);
	return copy < 0 ? -e : copy;
}
