/* Issues common ioctls with harmless arguments, for tests/decode_ioctl.t: on a
 * pseudo-terminal, /dev/null, a socket and a regular file, plus requests no
 * driver knows. Every call is made; failures are expected and ignored. */
#include <fcntl.h>
#include <linux/fs.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

static void tty_calls(int fd)
{
	struct termios t;
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	int n = 0, pgrp = 0, unlock = 0;
	unsigned ptn = 0;

	ioctl(fd, TCGETS, &t);
	ioctl(fd, TCSETS, &t);
	ioctl(fd, TCSETSW, &t);
	ioctl(fd, TCSETSF, &t);
	ioctl(fd, TIOCSWINSZ, &ws);
	ioctl(fd, TIOCGWINSZ, &ws);
	ioctl(fd, FIONREAD, &n);
	ioctl(fd, TIOCOUTQ, &n);
	ioctl(fd, TIOCGPGRP, &pgrp);
	ioctl(fd, TIOCGPTN, &ptn);
	ioctl(fd, TIOCSPTLCK, &unlock);
	ioctl(fd, TCFLSH, TCIFLUSH);
	ioctl(fd, TCXONC, TCOON);
	ioctl(fd, TCSBRK, 1);
}

static void file_calls(int fd)
{
	int on = 1, off = 0;
	long flags = 0;
	unsigned long long size = 0;

	ioctl(fd, FIONBIO, &on);
	ioctl(fd, FIONBIO, &off);
	ioctl(fd, FIOCLEX);
	ioctl(fd, FIONCLEX);
	ioctl(fd, FIOASYNC, &off);
	ioctl(fd, FS_IOC_GETFLAGS, &flags);
	ioctl(fd, BLKGETSIZE64, &size);
	ioctl(fd, TCGETS, &size);
	ioctl(fd, TIOCGWINSZ, &size);
}

static void socket_calls(void)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq ifr = { .ifr_ifindex = 1 };
	int n = 0;

	if (s < 0)
		return;
	ioctl(s, SIOCGIFNAME, &ifr);
	ioctl(s, SIOCGIFINDEX, &ifr);
	ioctl(s, SIOCGIFFLAGS, &ifr);
	ioctl(s, FIONREAD, &n);
	close(s);
}

static void unknown_calls(int fd)
{
	char buf[64] = { 0 };

	ioctl(fd, _IOC(_IOC_READ | _IOC_WRITE, 0x12, 0x34, 8), buf);
	ioctl(fd, _IOC(_IOC_WRITE, 0xfe, 0x01, 16), buf);
	ioctl(fd, _IOC(_IOC_READ, 0xfe, 0x02, 4), buf);
	ioctl(fd, _IOC(_IOC_NONE, 0xfe, 0x03, 0), 0);
	ioctl(fd, 0x1234, 0);
	ioctl(fd, 0xfe01, 5);
}

int main(void)
{
	int pty = posix_openpt(O_RDWR | O_NOCTTY);
	int null = open("/dev/null", O_RDWR);
	char path[] = "/tmp/ioctl_calls.XXXXXX";
	int file = mkstemp(path);

	if (pty >= 0)
		tty_calls(pty);
	if (null >= 0) {
		file_calls(null);
		unknown_calls(null);
	}
	if (file >= 0) {
		unlink(path);
		file_calls(file);
	}
	socket_calls();
	return 0;
}
