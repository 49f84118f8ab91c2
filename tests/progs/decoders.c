/* Makes known syscalls and writes, to the file named by argv[1], the exact line the
 * tracer must print for each (strace's test method). Run it under sysgate trace. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static char expected[1 << 16];
static size_t used;

static void expect(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	used += (size_t)vsnprintf(expected + used, sizeof(expected) - used, fmt, ap);
	va_end(ap);
	expected[used++] = '\n';
}

static const char *err(long ret)
{
	static char buf[128];

	if (ret >= 0)
		snprintf(buf, sizeof(buf), "%ld", ret);
	else
		snprintf(buf, sizeof(buf), "-1 %s (%s)", errno == ENOENT ? "ENOENT" :
			 errno == EBADF ? "EBADF" : errno == EFAULT ? "EFAULT" : errno == ECONNREFUSED ? "ECONNREFUSED" : "?",
			 strerror(errno));
	return buf;
}

static void files(const char *dir)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s/f", dir);
	long fd = syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	expect("openat(AT_FDCWD, \"%s\", O_WRONLY|O_CREAT|O_TRUNC, 0640) = %ld", path, fd);
	long r = syscall(SYS_write, fd, "abc\n", 4);
	expect("write(%ld, \"abc\\n\", 4) = %ld", fd, r);
	r = syscall(SYS_fstat, fd, &st);
	expect("fstat(%ld, {st_mode=S_IFREG|0640, st_size=4, ...}) = %ld", fd, r);
	r = syscall(SYS_lseek, fd, 0, SEEK_SET);
	expect("lseek(%ld, 0, SEEK_SET) = %ld", fd, r);
	r = syscall(SYS_close, fd);
	expect("close(%ld) = %ld", fd, r);
	r = syscall(SYS_openat, AT_FDCWD, "/nonexistent/x", O_RDONLY);
	expect("openat(AT_FDCWD, \"/nonexistent/x\", O_RDONLY) = %s", err(r));
	r = syscall(SYS_access, path, R_OK | W_OK);
	expect("access(\"%s\", R_OK|W_OK) = %ld", path, r);
	fd = syscall(SYS_open, path, O_RDONLY | O_CLOEXEC);
	char buf[16];
	r = syscall(SYS_read, fd, buf, sizeof(buf));
	expect("read(%ld, \"abc\\n\", 16) = %ld", fd, r);
	r = syscall(SYS_read, 999, buf, sizeof(buf));
	expect("read(999, %p, 16) = %s", (void *)buf, err(r));
	syscall(SYS_close, fd);
	r = syscall(SYS_unlinkat, AT_FDCWD, path, 0);
	expect("unlinkat(AT_FDCWD, \"%s\", 0) = %ld", path, r);
	r = syscall(SYS_mkdirat, AT_FDCWD, path, 0755);
	expect("mkdirat(AT_FDCWD, \"%s\", 0755) = %ld", path, r);
	r = syscall(SYS_unlinkat, AT_FDCWD, path, AT_REMOVEDIR);
	expect("unlinkat(AT_FDCWD, \"%s\", AT_REMOVEDIR) = %ld", path, r);
}

static void memory(void)
{
	long p = syscall(SYS_mmap, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	expect("mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = %#lx",
	       p);
	long r = syscall(SYS_mprotect, p, 4096, PROT_READ);
	expect("mprotect(%#lx, 4096, PROT_READ) = %ld", p, r);
	r = syscall(SYS_madvise, p, 8192, MADV_DONTNEED);
	expect("madvise(%#lx, 8192, MADV_DONTNEED) = %ld", p, r);
	r = syscall(SYS_munmap, p, 8192);
	expect("munmap(%#lx, 8192) = %ld", p, r);
}

static void net(void)
{
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons(9) };
	struct sockaddr_un un = { .sun_family = AF_UNIX, .sun_path = "/nonexistent.sock" };
	int sv[2];

	inet_pton(AF_INET, "127.0.0.1", &in.sin_addr);
	long s = syscall(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	expect("socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = %ld", s);
	long r = syscall(SYS_connect, s, &in, sizeof(in));
	expect("connect(%ld, {sa_family=AF_INET, sin_port=htons(9), "
	       "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = %s", s, err(r));
	syscall(SYS_close, s);
	s = syscall(SYS_socket, AF_UNIX, SOCK_DGRAM, 0);
	expect("socket(AF_UNIX, SOCK_DGRAM, 0) = %ld", s);
	r = syscall(SYS_connect, s, &un, sizeof(un));
	expect("connect(%ld, {sa_family=AF_UNIX, sun_path=\"/nonexistent.sock\"}, 110) = %s", s,
	       err(r));
	syscall(SYS_close, s);
	r = syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv);
	expect("socketpair(AF_UNIX, SOCK_STREAM, 0, [%d, %d]) = %ld", sv[0], sv[1], r);
	r = syscall(SYS_sendto, sv[0], "ping", 4, 0, NULL, 0);
	expect("sendto(%d, \"ping\", 4, 0, NULL, 0) = %ld", sv[0], r);
	syscall(SYS_close, sv[0]);
	syscall(SYS_close, sv[1]);
}

static void misc(void)
{
	struct iovec iov[2] = { { "ab", 2 }, { "cd\n", 3 } };
	struct pollfd pfd = { .fd = 0, .events = POLLIN };
	struct timespec ts = { 0, 1000 };
	struct rlimit rl;
	int fds[2];
	uint64_t mask = 1ull << (SIGUSR1 - 1), old;

	long null = open("/dev/null", O_WRONLY);
	long r = syscall(SYS_writev, null, iov, 2);
	expect("writev(%ld, [{iov_base=\"ab\", iov_len=2}, {iov_base=\"cd\\n\", iov_len=3}], 2) = %ld",
	       null, r);
	r = syscall(SYS_poll, &pfd, 1, 0);
	expect("poll([{fd=0, events=POLLIN}], 1, 0) = %ld", r);
	r = syscall(SYS_nanosleep, &ts, NULL);
	expect("nanosleep({tv_sec=0, tv_nsec=1000}, NULL) = %ld", r);
	rl.rlim_cur = 1000;
	rl.rlim_max = 4096;
	r = syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &rl, NULL);
	expect("prlimit64(0, RLIMIT_NOFILE, {rlim_cur=1000, rlim_max=4*1024}, NULL) = %ld", r);
	r = syscall(SYS_getrlimit, RLIMIT_NOFILE, &rl);
	expect("getrlimit(RLIMIT_NOFILE, {rlim_cur=1000, rlim_max=4*1024}) = %ld", r);
	r = syscall(SYS_pipe2, fds, O_CLOEXEC);
	expect("pipe2([%d, %d], O_CLOEXEC) = %ld", fds[0], fds[1], r);
	r = syscall(SYS_fcntl, fds[0], F_GETFD);
	expect("fcntl(%d, F_GETFD) = %#lx (flags FD_CLOEXEC)", fds[0], r);
	r = syscall(SYS_dup3, fds[0], 100, O_CLOEXEC);
	expect("dup3(%d, 100, O_CLOEXEC) = %ld", fds[0], r);
	struct sysinfo si;
	r = syscall(SYS_sysinfo, &si);
	expect("sysinfo({uptime=%ld, loads=[%lu, %lu, %lu], totalram=%lu, freeram=%lu, "
	       "sharedram=%lu, bufferram=%lu, totalswap=%lu, freeswap=%lu, procs=%u, "
	       "totalhigh=%lu, freehigh=%lu, mem_unit=%u}) = %ld",
	       si.uptime, si.loads[0], si.loads[1], si.loads[2], si.totalram, si.freeram,
	       si.sharedram, si.bufferram, si.totalswap, si.freeswap, (unsigned)si.procs,
	       si.totalhigh, si.freehigh, si.mem_unit, r);
	r = syscall(SYS_rt_sigprocmask, SIG_BLOCK, &mask, &old, 8);
	expect("rt_sigprocmask(SIG_BLOCK, [USR1], [], 8) = %ld", r);
	r = syscall(SYS_kill, 0, 0);
	expect("kill(0, 0) = %ld", r);
	r = syscall(SYS_getppid);
	expect("getppid() = %ld", r);
	r = syscall(SYS_clock_gettime, CLOCK_REALTIME, NULL);
	expect("clock_gettime(CLOCK_REALTIME, NULL) = %s", err(r));
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: decoders EXPECTED-FILE TMPDIR\n");
		return 2;
	}
	files(argv[2]);
	memory();
	net();
	misc();
	int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, expected, used) != (ssize_t)used)
		return 1;
	close(fd);
	return 0;
}
