/* TIOCSTI on a pty the probe opens itself (a harmless 'x' typed into its own
 * terminal): with the plain request, and with junk in the upper 32 bits of the
 * request, which the kernel ignores. Prints one line each; exits 0 when both
 * failed with EPERM. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int try(int fd, const char *what, unsigned long req)
{
	char c = 'x';
	long r = syscall(SYS_ioctl, fd, req, &c);

	if (r >= 0) {
		printf("%s: allowed\n", what);
		return 1;
	}
	printf("%s: errno %s\n", what, strerrorname_np(errno));
	return errno != EPERM;
}

int main(void)
{
	int fd = posix_openpt(O_RDWR | O_NOCTTY), bad = 0;

	if (fd < 0 || grantpt(fd) || unlockpt(fd)) {
		perror("bypass_tiocsti: /dev/ptmx");
		return 2;
	}
	bad |= try(fd, "TIOCSTI", TIOCSTI);
	bad |= try(fd, "TIOCSTI|junk", 0xdeadbeef00000000UL | TIOCSTI);
	bad |= try(fd, "TIOCLINUX|junk", 0xdeadbeef00000000UL | TIOCLINUX);
	close(fd);
	return bad;
}
