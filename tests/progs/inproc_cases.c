/* The cases tests/trace_backends.t runs under every trace backend. Each prints
 * what it observed itself, so the test can check the program was unharmed, and
 * marks where its own part begins with getpid-free, recognisable calls:
 * write(-1, "BEGIN", 5) = -1 EBADF.
 *
 *   threads N      N threads make 1000 getppid each, at the same time
 *   signal         a blocking read interrupted by a handler (EINTR), and one
 *                  restarted (SA_RESTART) that then gets its data
 *   forkexec       fork+exec, vfork+exec, posix_spawn, each of /bin/true
 *   clone3         pthread_create (clone3 with a new stack) and a raw clone3 fork
 *   jit            a syscall instruction written into RWX memory and called
 *   dlopen PATH    a library loaded after start that makes its own syscall
 *   exitthread     exit_group(3) from a thread other than main
 *   burst N        N writes of 64 KiB to /dev/null (to overflow a ring)
 *   determ         a fixed list of file, pipe and process calls
 *   sigsuspend     wait with every signal blocked but one, whose handler makes a call
 *   spawn          posix_spawn (a child sharing memory that resets handlers), then
 *                  the parent's own handler must still run */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void begin(void)
{
	if (write(-1, "BEGIN", 5) != -1)
		_exit(90);
}

static void *getppid_worker(void *arg)
{
	long n = 0;

	for (int i = 0; i < 1000; i++)
		n += syscall(SYS_getppid) > 0;
	*(long *)arg = n;
	return NULL;
}

static int threads(int n)
{
	pthread_t t[64];
	long got[64];

	if (n < 1 || n > 64)
		return 2;
	for (int i = 0; i < n; i++)
		pthread_create(&t[i], NULL, getppid_worker, &got[i]);
	long total = 0;
	for (int i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		total += got[i];
	}
	printf("threads %d calls %ld\n", n, total);
	return total == 1000L * n ? 0 : 1;
}

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void *late_writer(void *arg)
{
	usleep(150000);
	if (write(*(int *)arg, "x", 1) != 1)
		return (void *)1;
	return NULL;
}

static int signal_case(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { .it_value = { 0, 50000 } };
	int p[2];
	char c;

	if (pipe(p) < 0)
		return 2;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	ssize_t r1 = read(p[0], &c, 1);
	int e1 = errno;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	pthread_t t;
	pthread_create(&t, NULL, late_writer, &p[1]);
	ssize_t r2 = read(p[0], &c, 1);
	pthread_join(t, NULL);
	printf("eintr %s restarted %s alarms %d\n", r1 == -1 && e1 == EINTR ? "yes" : "no",
	       r2 == 1 && c == 'x' ? "yes" : "no", (int)alarms);
	return r1 == -1 && e1 == EINTR && r2 == 1 && alarms == 2 ? 0 : 1;
}

static int wait_ok(pid_t pid)
{
	int st;

	return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static int forkexec(void)
{
	char *argv[] = { "true", NULL };
	volatile int ok = 0;
	pid_t pid = fork();

	if (pid == 0) {
		execve("/bin/true", argv, environ);
		_exit(127);
	}
	ok += wait_ok(pid);
	pid = vfork();
	if (pid == 0) {
		execve("/bin/true", argv, environ);
		_exit(127);
	}
	ok += wait_ok(pid);
	if (posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ) == 0)
		ok += wait_ok(pid);
	printf("forkexec %d of 3\n", ok);
	return ok == 3 ? 0 : 1;
}

static void *gettid_worker(void *arg)
{
	*(long *)arg = syscall(SYS_gettid);
	return NULL;
}

static int clone3_case(void)
{
	long tid = 0;
	pthread_t t;
	struct clone_args ca = { .exit_signal = SIGCHLD };

	pthread_create(&t, NULL, gettid_worker, &tid);
	pthread_join(t, NULL);
	long pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == 0)
		_exit(syscall(SYS_getppid) > 0 ? 0 : 1);
	int forked = wait_ok((pid_t)pid);
	printf("clone3 thread %s fork %s\n", tid > 0 && tid != getpid() ? "yes" : "no",
	       forked ? "yes" : "no");
	return tid > 0 && forked ? 0 : 1;
}

static int jit(void)
{
	/* mov $39, %eax (getpid); syscall; ret */
	static const unsigned char code[] = { 0xb8, 39, 0, 0, 0, 0x0f, 0x05, 0xc3 };
	unsigned char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return 2;
	memcpy(m + 100, code, sizeof(code));
	long (*fn)(void) = (long (*)(void))(m + 100);
	long a = fn(), b = fn(), c = fn();
	printf("jit %s\n", a == getpid() && b == a && c == a ? "yes" : "no");
	return a == getpid() && b == a && c == a ? 0 : 1;
}

static int dlopen_case(const char *path)
{
	void *h = dlopen(path, RTLD_NOW);
	long (*fn)(void) = h ? (long (*)(void))dlsym(h, "late_getppid") : NULL;

	if (!fn) {
		printf("dlopen failed: %s\n", dlerror());
		return 2;
	}
	long a = fn(), b = fn();
	printf("dlopen %s\n", a == getppid() && b == a ? "yes" : "no");
	return a == getppid() && b == a ? 0 : 1;
}

static void *exit_worker(void *arg)
{
	(void)arg;
	syscall(SYS_getppid);
	exit(3);
}

static int exitthread(void)
{
	pthread_t t;

	pthread_create(&t, NULL, exit_worker, NULL);
	for (;;)
		pause();
	return 1;
}

static int burst(int n)
{
	static char buf[65536];
	int fd = open("/dev/null", O_WRONLY);
	long done = 0;

	memset(buf, 'b', sizeof(buf));
	for (int i = 0; i < n; i++)
		done += write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf);
	printf("burst %ld of %d\n", done, n);
	return done == n ? 0 : 1;
}

static int determ(void)
{
	char dir[] = "/tmp/sysgate-determ.XXXXXX", path[64], buf[16];
	struct stat st;
	int p[2];

	if (!mkdtemp(dir))
		return 2;
	snprintf(path, sizeof(path), "%s/f", dir);
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	ssize_t w = write(fd, "hello", 5);
	close(fd);
	stat(path, &st);
	fd = open(path, O_RDONLY);
	ssize_t r = read(fd, buf, sizeof(buf));
	lseek(fd, 1, SEEK_SET);
	r += read(fd, buf, 2);
	int fd2 = dup(fd);
	close(fd2);
	close(fd);
	open("/nonexistent/sysgate", O_RDONLY);
	if (pipe(p) == 0) {
		w += write(p[1], "pipe", 4);
		r += read(p[0], buf, 4);
		close(p[0]);
		close(p[1]);
	}
	access(path, R_OK);
	unlink(path);
	rmdir(dir);
	syscall(SYS_getppid);
	/* vDSO calls are no syscalls: in no trace. */
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	/* A mask and an alternate stack set by the program stay set. */
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigprocmask(SIG_SETMASK, NULL, &old);
	static char altstack[65536];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) }, got;
	sigaltstack(&ss, NULL);
	sigaltstack(NULL, &got);
	int kept = sigismember(&old, SIGUSR1) == 1 && got.ss_sp == altstack;
	printf("determ %s\n", w == 9 && r == 5 + 2 + 4 && kept ? "yes" : "no");
	return w == 9 && r == 5 + 2 + 4 && kept ? 0 : 1;
}

static volatile sig_atomic_t handled;

static void on_signal_call(int sig)
{
	(void)sig;
	handled += write(-1, "", 0) == -1; /* a syscall inside the handler */
}

static int sigsuspend_case(void)
{
	struct sigaction sa = { .sa_handler = on_signal_call };
	struct itimerval it = { .it_value = { 0, 50000 } };
	sigset_t all, wait_mask;

	sigaction(SIGALRM, &sa, NULL);
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	sigfillset(&wait_mask);
	sigdelset(&wait_mask, SIGALRM);
	sigsuspend(&wait_mask);
	printf("sigsuspend %s\n", handled == 1 ? "yes" : "no");
	return handled == 1 ? 0 : 1;
}

static int spawn_case(void)
{
	struct sigaction sa = { .sa_handler = on_signal_call };
	char *argv[] = { "true", NULL };
	pid_t pid;

	sigaction(SIGUSR1, &sa, NULL);
	if (posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ) != 0 || !wait_ok(pid))
		return 2;
	raise(SIGUSR1);
	printf("spawn %s\n", handled == 1 ? "yes" : "no");
	return handled == 1 ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";
	int n = argc > 2 ? atoi(argv[2]) : 0;
	int rc;

	setvbuf(stdout, NULL, _IONBF, 0);
	begin();
	if (!strcmp(c, "threads"))
		rc = threads(n);
	else if (!strcmp(c, "signal"))
		rc = signal_case();
	else if (!strcmp(c, "forkexec"))
		rc = forkexec();
	else if (!strcmp(c, "clone3"))
		rc = clone3_case();
	else if (!strcmp(c, "jit"))
		rc = jit();
	else if (!strcmp(c, "dlopen"))
		rc = dlopen_case(argc > 2 ? argv[2] : "");
	else if (!strcmp(c, "exitthread"))
		rc = exitthread();
	else if (!strcmp(c, "burst"))
		rc = burst(n);
	else if (!strcmp(c, "determ"))
		rc = determ();
	else if (!strcmp(c, "sigsuspend"))
		rc = sigsuspend_case();
	else if (!strcmp(c, "spawn"))
		rc = spawn_case();
	else {
		fprintf(stderr, "usage: inproc_cases threads N|signal|forkexec|clone3|jit|"
				"dlopen PATH|exitthread|burst N|determ|sigsuspend|spawn\n");
		return 2;
	}
	return rc;
}
