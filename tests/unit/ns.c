/*
 * The namespace part of `sysgate jail`: option parsing, then live setups in
 * forked children (as root), each in namespaces it creates itself. A child
 * reports by its exit status: 0 is success, anything else names the check
 * that failed, with a "# " line on stderr.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <net/if.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <grp.h>
#include <time.h>
#include <unistd.h>

#include "core/util.h"
#include "launch/ns.h"
#include "tap.h"

extern char **environ;

static char err[256];

#define CHECK(cond, code)                                                          \
	do {                                                                       \
		if (!(cond)) {                                                     \
			fprintf(stderr, "# check failed: %s (%s)\n", #cond, err); \
			return code;                                               \
		}                                                                  \
	} while (0)

/* Parse a NULL-terminated command line; returns the last result. */
static int parse(struct launch_ns_opts *o, char *const *argv)
{
	int argc = 0, ret = 0;

	while (argv[argc])
		argc++;
	for (int i = 0; i < argc; i += ret) {
		ret = launch_ns_parse_argv(o, argc - i, argv + i, err, sizeof(err));
		if (ret <= 0)
			return ret;
	}
	return ret;
}

static void test_parse_good(void)
{
	struct launch_ns_opts o;

	launch_ns_opts_init(&o);
	tap_ok(parse(&o, (char *[]){ "--unshare", "uts,net", NULL }) == 2 &&
		       o.unshare == (CLONE_NEWUTS | CLONE_NEWNET),
	       "--unshare uts,net sets exactly those flags");
	tap_ok(parse(&o, (char *[]){ "--ro-bind", "/usr", "/usr", "--tmpfs", "/tmp", NULL }) == 2 &&
		       o.nfs == 2 && o.fs[0].kind == LAUNCH_NS_RO_BIND &&
		       strcmp(o.fs[0].src, "/usr") == 0 && o.fs[1].kind == LAUNCH_NS_TMPFS &&
		       (o.unshare & CLONE_NEWNS),
	       "--ro-bind and --tmpfs are recorded in order and imply a mount namespace");
	tap_ok(launch_ns_parse_opt(&o, "--bind", "/usr:/mnt/u", err, sizeof(err)) == 0 &&
		       o.nfs == 3 && o.fs[2].kind == LAUNCH_NS_BIND &&
		       strcmp(o.fs[2].dst, "/mnt/u") == 0,
	       "--bind SRC:DST in the one-argument form");
	tap_ok(parse(&o, (char *[]){ "--rlimit", "nofile=16,as=1G", "--rlimit", "nofile=32",
				     NULL }) == 2 &&
		       o.nrlimits == 2 && o.rlimits[0].value == 32 &&
		       o.rlimits[1].value == 1ULL << 30,
	       "--rlimit with suffixes; a later value replaces an earlier one");
	tap_ok(parse(&o, (char *[]){ "--cap-keep", "net_bind_service,CAP_NET_RAW", NULL }) == 2 &&
		       o.cap_keep == ((1ULL << 10) | (1ULL << 13)),
	       "--cap-keep takes names with or without CAP_");
	tap_ok(parse(&o, (char *[]){ "--setenv", "A", "b c", "--clearenv", NULL }) == 1 &&
		       launch_ns_parse_opt(&o, "--setenv", "X=1=2", err, sizeof(err)) == 0 &&
		       o.clearenv && o.nenv == 2 && strcmp(o.env[0].value, "b c") == 0 &&
		       strcmp(o.env[1].value, "1=2") == 0,
	       "--setenv in both forms, --clearenv");
	tap_ok(parse(&o, (char *[]){ "--timeout", "5", "--hostname", "box", "--net", "none",
				     NULL }) == 2 &&
		       o.timeout_sec == 5 && (o.unshare & CLONE_NEWUTS) &&
		       (o.unshare & CLONE_NEWNET) && !launch_ns_need_pid1(&o),
	       "--timeout recorded, --hostname implies uts, --net none a net namespace");
	tap_ok(parse(&o, (char *[]){ "--unshare-all", NULL }) == 1 && o.unshare == 0x7e020000 &&
		       launch_ns_need_pid1(&o),
	       "--unshare-all sets all seven namespaces and needs a pid 1");
	launch_ns_opts_free(&o);
}

static int parse_fails_with(char *const *argv, const char *needle, int want)
{
	struct launch_ns_opts o;
	int ret;

	launch_ns_opts_init(&o);
	err[0] = '\0';
	ret = parse(&o, argv);
	launch_ns_opts_free(&o);
	if (ret != want || !strstr(err, needle)) {
		printf("#   ret %d, err '%s'\n", ret, err);
		return 0;
	}
	return 1;
}

static int parse_fails(char *const *argv, const char *needle)
{
	return parse_fails_with(argv, needle, -EINVAL);
}

static void test_parse_bad(void)
{
	struct launch_ns_opts o;

	launch_ns_opts_init(&o);
	tap_ok(parse_fails((char *[]){ "--unshare", "pid,bogus", NULL }, "'bogus'"),
	       "unknown namespace is named");
	tap_ok(parse_fails((char *[]){ "--bind", "/usr", "rel", NULL }, "absolute"),
	       "relative destination is refused");
	tap_ok(parse_fails_with((char *[]){ "--ro-bind", "/no/such/sg", "/x", NULL }, "/no/such/sg", -ENOENT),
	       "missing bind source is named (ENOENT: not a usage error)");
	tap_ok(parse_fails((char *[]){ "--rlimit", "bogus=1", NULL }, "'bogus'") &&
		       parse_fails((char *[]){ "--rlimit", "nofile=abc", NULL }, "'abc'") &&
		       parse_fails((char *[]){ "--rlimit", "nofile", NULL }, "NAME=VALUE"),
	       "bad rlimit name, value and form");
	tap_ok(parse_fails((char *[]){ "--cap-keep", "sys_nope", NULL }, "'sys_nope'"),
	       "unknown capability is named");
	tap_ok(parse_fails((char *[]){ "--timeout", "0", NULL }, "--timeout") &&
		       parse_fails((char *[]){ "--net", "bridge", NULL }, "'bridge'"),
	       "bad --timeout and --net");
	tap_ok(parse_fails((char *[]){ "--tmpfs", NULL }, "needs 1 argument") &&
		       parse_fails((char *[]){ "--ro-bind", "/usr", NULL }, "needs 2 arguments") &&
		       launch_ns_parse_opt(&o, "--tmpfs", NULL, err, sizeof(err)) == -EINVAL &&
		       strstr(err, "needs an argument"),
	       "missing arguments");
	tap_ok(parse(&o, (char *[]){ "--seccomp", "x", NULL }) == 0 &&
		       launch_ns_parse_opt(&o, "--seccomp", "x", err, sizeof(err)) == -ENOENT &&
		       launch_ns_parse_opt(&o, "--clearenv", "x", err, sizeof(err)) == -EINVAL,
	       "other options are left to the caller; a flag refuses an argument");
	launch_ns_opts_free(&o);
}

/* Run fn in a forked child and return its exit code (128+sig if killed). */
static int in_child(int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(arg));
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Clone into the namespaces argv asks for and set up there; the calling process
 * only waits and exits with the clone's code, so the checks that follow run in it. */
static int enter_and_setup(char *const *argv, struct launch_ns_opts *o)
{
	pid_t pid;
	int status;

	launch_ns_opts_init(o);
	if (parse(o, argv) < 0 || (pid = launch_ns_clone(o, err, sizeof(err))) < 0) {
		fprintf(stderr, "# clone failed: %s\n", err);
		return -1;
	}
	if (pid > 0) {
		if (waitpid(pid, &status, 0) < 0)
			_exit(99);
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	}
	if (launch_ns_setup(o, err, sizeof(err)) < 0) {
		fprintf(stderr, "# setup failed: %s\n", err);
		return -1;
	}
	return 0;
}

static int child_uts(void *arg)
{
	struct launch_ns_opts o;
	char name[64] = "";

	(void)arg;
	CHECK(enter_and_setup((char *[]){ "--unshare", "uts", "--hostname", "sg-jail", NULL },
			      &o) == 0,
	      2);
	gethostname(name, sizeof(name));
	CHECK(strcmp(name, "sg-jail") == 0, 3);
	return 0;
}

static int child_net(void *arg)
{
	struct launch_ns_opts o;
	struct if_nameindex *ifs;
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd, n = 0;

	(void)arg;
	CHECK(enter_and_setup((char *[]){ "--unshare", "net", "--net", "none", NULL }, &o) == 0, 2);
	ifs = if_nameindex();
	CHECK(ifs != NULL, 3);
	for (struct if_nameindex *i = ifs; i->if_index; i++, n++)
		CHECK(strcmp(i->if_name, "lo") == 0, 4);
	if_freenameindex(ifs);
	CHECK(n == 1, 5);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(fd >= 0 && ioctl(fd, SIOCGIFFLAGS, &ifr) == 0, 6);
	CHECK(ifr.ifr_flags & IFF_UP, 7);
	return 0;
}

static int child_user(void *arg)
{
	struct launch_ns_opts o;
	char map[64] = "";
	FILE *f;

	(void)arg;
	CHECK(enter_and_setup((char *[]){ "--unshare", "user,uts", "--hostname", "u", NULL }, &o) ==
		      0,
	      2);
	f = fopen("/proc/self/uid_map", "r");
	CHECK(f && fgets(map, sizeof(map), f), 3);
	CHECK(strtol(map, NULL, 10) == (long)getuid(), 4);
	return 0;
}

static unsigned long long status_hex(const char *key)
{
	char line[256];
	unsigned long long v = ~0ULL;
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, key, strlen(key)) == 0)
			v = strtoull(line + strlen(key), NULL, 16);
	if (f)
		fclose(f);
	return v;
}

static int child_caps(void *keep)
{
	struct launch_ns_opts o;
	char *argv[] = { "--rlimit", "nofile=16", "--cap-keep", keep, NULL };
	unsigned long long want = keep ? 1ULL << 13 : 0;
	struct rlimit rl;

	if (!keep)
		argv[2] = NULL;
	CHECK(enter_and_setup(argv, &o) == 0, 2);
	CHECK(status_hex("CapEff:") == want, 3);
	CHECK(status_hex("CapPrm:") == want, 4);
	CHECK(status_hex("CapBnd:") == want, 5);
	CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur == 16 && rl.rlim_max == 16, 6);
	return 0;
}

/* An error names the problem and the fix: raising a hard limit without the capability. */
static int child_rlimit_error(void *arg)
{
	struct launch_ns_opts o;
	struct rlimit rl = { 64, 64 };

	(void)arg;
	CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0 && setresuid(65534, 65534, 65534) == 0, 2);
	launch_ns_opts_init(&o);
	CHECK(parse(&o, (char *[]){ "--rlimit", "nofile=128", NULL }) == 2, 3);
	CHECK(launch_ns_setup(&o, err, sizeof(err)) == -EPERM, 4);
	CHECK(strstr(err, "rlimit nofile") && strstr(err, "CAP_SYS_RESOURCE"), 5);
	return 0;
}

/* Root regains every capability in the bounding set at exec: it must be empty too. */
static int child_caps_exec(void *arg)
{
	struct launch_ns_opts o;

	(void)arg;
	CHECK(enter_and_setup((char *[]){ "--unshare", "uts", NULL }, &o) == 0, 2);
	execl("/bin/sh", "sh", "-c",
	      "grep -q '^CapEff:.0000000000000000$' /proc/self/status && "
	      "grep -q '^CapPrm:.0000000000000000$' /proc/self/status",
	      (char *)NULL);
	return 127;
}

static int child_env(void *arg)
{
	struct launch_ns_opts o;

	(void)arg;
	setenv("SG_NS_OLD", "1", 1);
	CHECK(enter_and_setup((char *[]){ "--clearenv", "--setenv", "FOO", "bar", NULL }, &o) == 0,
	      2);
	CHECK(environ[0] && strcmp(environ[0], "FOO=bar") == 0 && !environ[1], 3);
	return 0;
}

/*
 * The fork sequence of ns.h, as the jail command follows it: A is cloned into
 * the namespaces as pid 1, sets up and waits for C; C runs body.
 * jailed_start returns A's pid (-1 if the clone failed); jailed_wait its exit code.
 */
static pid_t jailed_start(char *const *argv, int (*body)(void))
{
	struct launch_ns_opts o;
	sigset_t old;
	pid_t a, c;

	launch_ns_opts_init(&o);
	if (parse(&o, argv) < 0)
		return -1;
	launch_ns_block_signals(&old);
	a = launch_ns_clone(&o, err, sizeof(err));
	if (a != 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (a < 0)
			fprintf(stderr, "# clone failed: %s\n", err);
		launch_ns_opts_free(&o);
		return a;
	}
	if (getpid() != 1)
		fprintf(stderr, "# A is pid %d, not 1\n", (int)getpid()), _exit(91);
	if (launch_ns_setup(&o, err, sizeof(err)) < 0)
		fprintf(stderr, "# setup failed: %s\n", err), _exit(92);
	c = fork();
	if (c > 0)
		_exit(launch_ns_pid1(c));
	sigprocmask(SIG_SETMASK, &old, NULL);
	_exit(body());
}

static int jailed_wait(pid_t a)
{
	int status;

	if (a < 0 || waitpid(a, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int jailed(char *const *argv, int (*body)(void))
{
	return jailed_wait(jailed_start(argv, body));
}

/* C makes an orphan (a grandchild whose parent is gone) and waits until pid 1 reaps it. */
static int body_orphan(void)
{
	int fds[2], e = 0;
	pid_t d;

	CHECK(getpid() == 2 && pipe(fds) == 0, 2);
	d = fork();
	if (d == 0) {
		if (fork() == 0) {
			pid_t self = getpid();

			write(fds[1], &self, sizeof(self));
			_exit(0);
		}
		_exit(0);
	}
	CHECK(waitpid(d, NULL, 0) == d && read(fds[0], &e, sizeof(e)) == sizeof(e), 3);
	for (int i = 0; i < 200 && kill(e, 0) == 0; i++)
		usleep(10000);
	CHECK(kill(e, 0) < 0 && errno == ESRCH, 4);
	return 7;
}

static int signal_pipe[2];

static int body_wait_signal(void)
{
	write(signal_pipe[1], "x", 1);
	pause();
	return 0;
}

static int mountinfo_lines(void)
{
	char line[1024];
	int n = 0;
	FILE *f = fopen("/proc/self/mountinfo", "r");

	while (f && fgets(line, sizeof(line), f))
		n++;
	if (f)
		fclose(f);
	return n;
}

static int has_exactly(const char *dir, const char *const *names)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0, want = 0;

	while (names[want])
		want++;
	while (d && (de = readdir(d))) {
		int found = de->d_name[0] == '.';

		for (int i = 0; names[i] && !found; i++)
			found = strcmp(de->d_name, names[i]) == 0;
		if (!found)
			fprintf(stderr, "# unexpected '%s' in %s\n", de->d_name, dir);
		n += de->d_name[0] != '.' && found;
		if (!found)
			n = -1000;
	}
	if (d)
		closedir(d);
	return n == want;
}

static int run_true(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execl("/usr/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

static int body_root(void)
{
	static const char *const names[] = { "usr", "lib", "lib64", "tmp", "proc", "dev", NULL };
	struct statfs sf;
	char cwd[64] = "", zero = 1;
	int fd;

	CHECK(has_exactly("/", names), 2);
	CHECK(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/tmp") == 0, 3);
	fd = open("/tmp/f", O_CREAT | O_WRONLY, 0600);
	CHECK(fd >= 0 && write(fd, "x", 1) == 1, 4);
	close(fd);
	CHECK(statfs("/tmp", &sf) == 0 && sf.f_type == TMPFS_MAGIC, 5);
	CHECK(open("/usr/sg-ns-test", O_CREAT | O_WRONLY, 0600) < 0 && errno == EROFS, 6);
	CHECK(access("/proc/1/stat", R_OK) == 0 && access("/proc/3", F_OK) < 0, 7);
	fd = open("/dev/zero", O_RDONLY);
	CHECK(fd >= 0 && read(fd, &zero, 1) == 1 && zero == 0, 8);
	close(fd);
	fd = open("/dev/null", O_WRONLY);
	CHECK(fd >= 0 && write(fd, "x", 1) == 1, 9);
	close(fd);
	CHECK(run_true(), 10);
	return 0;
}

static char *const root_argv[] = { "--unshare",	  "pid",    "--ro-bind", "/usr",  "/usr",
				   "--ro-bind",	  "/lib",   "/lib",	 "--ro-bind", "/lib64",
				   "/lib64",	  "--tmpfs", "/tmp",	 "--proc",    "/proc",
				   "--dev",	  "/dev",   "--chdir",	 "/tmp",      NULL };

/* The same new root, built by an unprivileged user through a user namespace. */
static int child_unprivileged(void *arg)
{
	char *argv[SG_ARRAY_SIZE(root_argv)];

	(void)arg;
	memcpy(argv, root_argv, sizeof(argv));
	argv[1] = "user,pid";
	CHECK(setgroups(0, NULL) == 0 && setresgid(65534, 65534, 65534) == 0 &&
		      setresuid(65534, 65534, 65534) == 0,
	      2);
	prctl(PR_SET_DUMPABLE, 1); /* a uid change clears it and hides /proc/self/uid_map */
	return jailed(argv, body_root);
}

static void test_pid_and_root(void)
{
	int mounts = mountinfo_lines(), code = -1;
	pid_t a;

	tap_ok(jailed((char *[]){ "--unshare", "pid", NULL }, body_orphan) == 7,
	       "pid namespace: B is pid 1, reaps an orphan, exits with C's status");
	if (pipe(signal_pipe) == 0) {
		char c;

		a = jailed_start((char *[]){ "--unshare", "pid", NULL }, body_wait_signal);
		if (a > 0 && read(signal_pipe[0], &c, 1) == 1)
			kill(a, SIGTERM);
		code = jailed_wait(a);
	}
	tap_ok(code == 128 + SIGTERM,
	       "SIGTERM to A reaches the program through both pid-1 loops (status 143)");
	tap_ok(jailed(root_argv, body_root) == 0,
	       "new root: only the binds, writable tmpfs /tmp, read-only /usr, /proc, /dev");
	tap_ok(in_child(child_unprivileged, NULL) == 0,
	       "the same as uid 65534 with --unshare user,pid");
	tap_ok(mountinfo_lines() == mounts, "the host's mounts are unchanged");
}

int main(void)
{
	char host[64], after[64];

	setvbuf(stdout, NULL, _IONBF, 0);
	tap_plan(30);
	test_parse_good();
	test_parse_bad();
	if (geteuid() != 0) {
		for (int i = 0; i < 14; i++)
			tap_skip("live namespace tests need root");
		return tap_done();
	}
	gethostname(host, sizeof(host));
	tap_ok(in_child(child_uts, NULL) == 0, "--hostname sets the name inside a uts namespace");
	gethostname(after, sizeof(after));
	tap_is(after, host, "the host's name is unchanged");
	tap_ok(in_child(child_net, NULL) == 0, "--net none: only lo, and it is up");
	tap_ok(in_child(child_user, NULL) == 0, "user namespace with the uid mapped to itself");
	tap_ok(in_child(child_caps, NULL) == 0, "all capabilities dropped; rlimit nofile=16");
	tap_ok(in_child(child_caps, "net_raw") == 0, "--cap-keep net_raw keeps only that one");
	tap_ok(in_child(child_rlimit_error, NULL) == 0,
	       "a refused rlimit is named, with the capability it needs");
	tap_ok(in_child(child_caps_exec, NULL) == 0, "no capabilities after exec as root either");
	tap_ok(in_child(child_env, NULL) == 0, "--clearenv then --setenv FOO bar");
	test_pid_and_root();
	return tap_done();
}
