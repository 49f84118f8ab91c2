/* Decoder unit tests: build calls whose pointers point into this process and check
 * the strace-style text, the way strace's own tests print expected lines. */
#include <fcntl.h>
#include <linux/stat.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "core/decode.h"
#include "core/event.h"
#include "core/names.h"
#include "core/syscalls.h"
#include "tap.h"

static const struct sg_decode_opts opts = { .strsize = 32 };

/* Decode nr(args) returning ret; give back "name(args) = ret". */
static char *decode(long nr, int64_t ret, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
		    uint64_t a4, uint64_t a5)
{
	struct sg_call c = { .pid = getpid(), .nr = nr, .args = { a0, a1, a2, a3, a4, a5 } };
	struct sg_str s = { 0 };

	sg_decode_enter(&c, &opts);
	sg_decode_exit(&c, &opts, ret);
	sg_call_format(&c, &s);
	sg_str_addf(&s, " = %s", c.ret_text);
	sg_call_clear(&c);
	return sg_str_take(&s);
}

#define CHECK(want, nr, ret, ...)                                                           \
	do {                                                                                \
		uint64_t a_[6] = { __VA_ARGS__ };                                           \
		char *got_ = decode(nr, ret, a_[0], a_[1], a_[2], a_[3], a_[4], a_[5]);     \
		tap_is(got_, want, want);                                                   \
		free(got_);                                                                 \
	} while (0)

#define P(x) ((uint64_t)(uintptr_t)(x))

static void files(void)
{
	const char *path = "/etc/hostname";
	struct stat st = { .st_mode = S_IFREG | 0644, .st_size = 12 };

	CHECK("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY|O_CLOEXEC) = 3", SYS_openat, 3,
	      (uint64_t)-100, P(path), O_RDONLY | O_CLOEXEC, 0);
	CHECK("openat(AT_FDCWD, \"/etc/hostname\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = -1 ENOENT "
	      "(No such file or directory)",
	      SYS_openat, -2, (uint64_t)-100, P(path), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK("newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=12, ...}, AT_EMPTY_PATH) = 0",
	      SYS_newfstatat, 0, 3, P(""), P(&st), AT_EMPTY_PATH);
	CHECK("fstat(3, 0x10) = -1 EBADF (Bad file descriptor)", SYS_fstat, -9, 3, 0x10);
	CHECK("access(\"/etc/hostname\", R_OK|W_OK) = 0", SYS_access, 0, P(path), R_OK | W_OK);
	CHECK("access(\"/etc/hostname\", F_OK) = 0", SYS_access, 0, P(path), F_OK);
	CHECK("unlinkat(5, \"/etc/hostname\", AT_REMOVEDIR) = 0", SYS_unlinkat, 0, 5, P(path),
	      AT_REMOVEDIR);
	CHECK("mkdir(\"/etc/hostname\", 0755) = 0", SYS_mkdir, 0, P(path), 0755);
	CHECK("close(3) = 0", SYS_close, 0, 3);
	CHECK("fadvise64(3, 0, 0, POSIX_FADV_SEQUENTIAL) = 0", SYS_fadvise64, 0, 3, 0, 0,
	      POSIX_FADV_SEQUENTIAL);
	CHECK("statx(AT_FDCWD, \"/etc/hostname\", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, NULL) "
	      "= -1 EFAULT (Bad address)",
	      SYS_statx, -14, (uint64_t)-100, P(path), 0, STATX_BASIC_STATS, 0);
	CHECK("lseek(3, -5, SEEK_END) = 10", SYS_lseek, 10, 3, (uint64_t)-5, SEEK_END);
}

static void strings(void)
{
	const char *hello = "hello\n\t\"x\"\\";
	const char *longs = "0123456789abcdefghijklmnopqrstuvwxyz";
	const char bin[] = { 1, '7', 0, 'a' };

	CHECK("write(1, \"hello\\n\\t\\\"x\\\"\\\\\", 11) = 11", SYS_write, 11, 1, P(hello), 11);
	CHECK("write(1, \"0123456789abcdefghijklmnopqrstuv\"..., 36) = 36", SYS_write, 36, 1,
	      P(longs), 36);
	CHECK("write(1, \"\\0017\\0a\", 4) = 4", SYS_write, 4, 1, P(bin), 4);
	CHECK("read(0, \"0123\", 100) = 4", SYS_read, 4, 0, P(longs), 100);
	CHECK("read(0, 0x1234, 100) = -1 EAGAIN (Resource temporarily unavailable)", SYS_read,
	      -11, 0, 0x1234, 100);
	CHECK("chdir(0x10) = -1 EFAULT (Bad address)", SYS_chdir, -14, 0x10);
}

static void memory(void)
{
	CHECK("mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = "
	      "0x7f0000000000",
	      SYS_mmap, 0x7f0000000000, 0, 8192, PROT_READ | PROT_WRITE,
	      MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0);
	CHECK("mprotect(0x1000, 4096, PROT_NONE) = 0", SYS_mprotect, 0, 0x1000, 4096, 0);
	CHECK("brk(NULL) = 0x55d000", SYS_brk, 0x55d000, 0);
	CHECK("madvise(0x1000, 4096, MADV_DONTNEED) = 0", SYS_madvise, 0, 0x1000, 4096,
	      MADV_DONTNEED);
	CHECK("munmap(0x1000, 4096) = 0", SYS_munmap, 0, 0x1000, 4096);
}

static void net(void)
{
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons(8080) };
	struct sockaddr_un un = { .sun_family = AF_UNIX, .sun_path = "/run/x.sock" };
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6, .sin6_port = htons(53) };

	inet_pton(AF_INET, "127.0.0.1", &in.sin_addr);
	inet_pton(AF_INET6, "::1", &in6.sin6_addr);
	CHECK("socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3", SYS_socket, 3, AF_INET,
	      SOCK_STREAM | SOCK_CLOEXEC, 0);
	CHECK("socket(AF_UNIX, SOCK_DGRAM, 0) = 3", SYS_socket, 3, AF_UNIX, SOCK_DGRAM, 0);
	CHECK("connect(3, {sa_family=AF_INET, sin_port=htons(8080), "
	      "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
	      SYS_connect, 0, 3, P(&in), sizeof(in));
	CHECK("bind(3, {sa_family=AF_UNIX, sun_path=\"/run/x.sock\"}, 110) = 0", SYS_bind, 0, 3,
	      P(&un), sizeof(un));
	CHECK("connect(3, {sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), "
	      "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = 0",
	      SYS_connect, 0, 3, P(&in6), sizeof(in6));
}

static void process(void)
{
	const char *argv[] = { "ls", "-l", NULL };
	const char *envp[] = { "A=1", "B=2", NULL };
	struct rlimit rl = { 8 * 1024 * 1024, RLIM_INFINITY };
	char want[256];

	snprintf(want, sizeof(want),
		 "execve(\"/bin/ls\", [\"ls\", \"-l\"], %p /* 2 vars */) = 0", (void *)envp);
	CHECK(want, SYS_execve, 0, P("/bin/ls"), P(argv), P(envp));
	CHECK("clone(child_stack=NULL, flags=CLONE_VM|CLONE_VFORK|SIGCHLD) = 42", SYS_clone, 42,
	      CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0);
	CHECK("clone(child_stack=0x7000, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
	      "child_tidptr=0x5000) = 42",
	      SYS_clone, 42, CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD, 0x7000, 0x4000,
	      0x5000, 0x6000);
	CHECK("prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) "
	      "= 0",
	      SYS_prlimit64, 0, 0, RLIMIT_STACK, 0, P(&rl));
	CHECK("exit_group(0) = 0", SYS_exit_group, 0, 0);
	CHECK("kill(12, SIGTERM) = 0", SYS_kill, 0, 12, SIGTERM);
}

static void signals(void)
{
	uint64_t mask = (1ull << (SIGINT - 1)) | (1ull << (SIGCHLD - 1));
	struct {
		uint64_t handler, flags, restorer, mask;
	} sa = { 0x1000, SA_RESTART | 0x04000000, 0x2000, 0 };

	CHECK("rt_sigprocmask(SIG_BLOCK, [INT CHLD], NULL, 8) = 0", SYS_rt_sigprocmask, 0,
	      SIG_BLOCK, P(&mask), 0, 8);
	CHECK("rt_sigaction(SIGINT, {sa_handler=0x1000, sa_mask=[], "
	      "sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x2000}, NULL, 8) = 0",
	      SYS_rt_sigaction, 0, SIGINT, P(&sa), 0, 8);
}

/* A SIGCHLD's siginfo in "--- SIGCHLD {...} ---": the child's CPU times with
 * strace's comment in seconds, when not zero and not -X raw. */
static void chld_siginfo(enum sg_xlat_style style, const char *want)
{
	siginfo_t si = { .si_signo = SIGCHLD, .si_code = CLD_EXITED };
	struct sg_str s = { 0 };
	char *got;

	si.si_pid = 12;
	si.si_status = 0;
	si.si_utime = 26 * sysconf(_SC_CLK_TCK) / 100;
	si.si_stime = 0;
	sg_decode_set_xlat(style);
	sg_format_siginfo(&si, &s);
	sg_decode_set_xlat(SG_XLAT_ABBREV);
	got = sg_str_take(&s);
	tap_is(got, want, want);
	free(got);
}

static void siginfos(void)
{
	if (sysconf(_SC_CLK_TCK) != 100) {
		tap_skip("CLK_TCK is not 100");
		tap_skip("CLK_TCK is not 100");
		return;
	}
	chld_siginfo(SG_XLAT_ABBREV, "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=12, "
		     "si_uid=0, si_status=0, si_utime=26 /* 0.26 s */, si_stime=0}");
	chld_siginfo(SG_XLAT_RAW, "{si_signo=17, si_code=0x1, si_pid=12, si_uid=0, "
		     "si_status=0, si_utime=26, si_stime=0}");
}

static void io(void)
{
	struct iovec iov[2] = { { "ab", 2 }, { "cde", 3 } };
	struct pollfd { int fd; short events, revents; } pfd = { 0, 1, 0 };
	struct { long long s, ns; } ts = { 1, 500 };

	CHECK("writev(1, [{iov_base=\"ab\", iov_len=2}, {iov_base=\"cde\", iov_len=3}], 2) = 5",
	      SYS_writev, 5, 1, P(iov), 2);
	CHECK("poll([{fd=0, events=POLLIN}], 1, 100) = 0", SYS_poll, 0, P(&pfd), 1, 100);
	CHECK("nanosleep({tv_sec=1, tv_nsec=500}, NULL) = 0", SYS_nanosleep, 0, P(&ts), 0);
	CHECK("clock_gettime(CLOCK_MONOTONIC, {tv_sec=1, tv_nsec=500}) = 0", SYS_clock_gettime,
	      0, CLOCK_MONOTONIC, P(&ts));
	CHECK("fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)", SYS_fcntl, 1, 3, F_GETFD, 0);
	CHECK("fcntl(3, F_SETFD, FD_CLOEXEC) = 0", SYS_fcntl, 0, 3, F_SETFD, FD_CLOEXEC);
	CHECK("ioctl(1, TCGETS, 0x1000) = 0", SYS_ioctl, 0, 1, 0x5401, 0x1000);
	CHECK("dup3(3, 4, O_CLOEXEC) = 4", SYS_dup3, 4, 3, 4, O_CLOEXEC);
	CHECK("getppid() = 1", SYS_getppid, 1, 0);
	CHECK("futex(0x1000, FUTEX_WAKE_PRIVATE, 2147483647) = 0", SYS_futex, 0, 0x1000, 129,
	      2147483647, 0x77, 0x88, 0x99);
	CHECK("futex(0x1000, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, "
	      "FUTEX_BITSET_MATCH_ANY) = 0",
	      SYS_futex, 0, 0x1000, 9 | 128 | 256, 0, 0, 0, 0xffffffff);
}

static void names(void)
{
	char buf[16];

	tap_is(sg_errno_name(2), "ENOENT", "errno 2 is ENOENT");
	tap_ok(sg_errno_by_name("ENOSPC") == 28, "ENOSPC is 28");
	tap_ok(sg_errno_by_name("ENOPE") == -1, "unknown errno name is -1");
	tap_is(sg_signal_name(SIGCHLD, buf, sizeof(buf)), "SIGCHLD", "signal 17 is SIGCHLD");
	tap_is(sg_signal_name(35, buf, sizeof(buf)), "SIGRT_3", "signal 35 is SIGRT_3");
	tap_ok(sg_signal_by_name("TERM") == SIGTERM, "TERM parses");
	tap_ok(sg_syscall_nr("openat") == SYS_openat, "openat has its number");
	tap_is(sg_syscall_suggest("opnat"), "openat", "opnat suggests openat");
	tap_ok(sg_class_by_name("network") == SG_CLASS_NETWORK, "class network");
}

/* What an observer under ptrace may decode at a call's end: write's data,
 * openat's path; not pselect6's timeout or poll's fds, which the call writes. */
static void entry_keeps(void)
{
	tap_ok(sg_decode_entry_keeps(SYS_write) && sg_decode_entry_keeps(SYS_read) &&
		       sg_decode_entry_keeps(SYS_openat) && sg_decode_entry_keeps(SYS_lseek) &&
		       sg_decode_entry_keeps(SYS_sendto) == false,
	       "entry kept: write, read, openat, lseek (sendto's address is a struct)");
	tap_ok(!sg_decode_entry_keeps(SYS_pselect6) && !sg_decode_entry_keeps(SYS_ppoll) &&
		       !sg_decode_entry_keeps(SYS_poll) && !sg_decode_entry_keeps(SYS_nanosleep) &&
		       !sg_decode_entry_keeps(-1),
	       "entry not kept: pselect6, ppoll, poll, nanosleep, an unknown number");
}

int main(void)
{
	files();
	entry_keeps();
	strings();
	memory();
	net();
	process();
	signals();
	siginfos();
	io();
	names();
	printf("1..%d\n", tap_n);
	return tap_done();
}
