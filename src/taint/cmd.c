/* `sysgate taint`: options, the persistent-label commands, and the run. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/policy.h"
#include "core/util.h"
#include "launch/launch.h"
#include "launch/ns.h"
#include "monitor.h"
#include "taint.h"

static const char usage_text[] =
	"usage: sysgate taint [--secret PATH[=LABEL]]... [--trust ADDR[/PREFIX][:PORT]]...\n"
	"                     [--declassifier PROGRAM]... [--trust-stdout] [--trust-stderr]\n"
	"                     [--trust-fd N]... [--pass-fd N]... [--on-violation deny|kill]\n"
	"                     [--audit FILE] [--stats] [--opens seccomp|fanotify]\n"
	"                     -- CMD [ARGS]\n"
	"       sysgate taint --mark PATH LABEL | --unmark PATH | --show PATH\n"
	"\n"
	"Run CMD under an information-flow monitor: reading a labelled file taints the\n"
	"process; the label follows data through files, pipes, sockets and children; a\n"
	"tainted process may not send to an untrusted destination (EACCES, audited).\n"
	"  --secret PATH[=LABEL]  a file, or a directory and all below it, is labelled\n"
	"                         (LABEL: tags like medical,finance; default: secret)\n"
	"  --trust DEST           a destination tainted processes may send to:\n"
	"                         127.0.0.1, 127.0.0.0/8:8080, ::1, [fd00::/8]:53\n"
	"  --declassifier PROG    PROG's output is untainted (audited)\n"
	"  --trust-stdout, --trust-stderr, --trust-fd N\n"
	"                         the pipe or socket CMD inherits on fd 1, 2 or N leads\n"
	"                         somewhere trusted; without it such an fd is an untrusted\n"
	"                         destination and a process holding it may not read a\n"
	"                         labelled file. A terminal is trusted: a person reads it\n"
	"  --pass-fd N            pass fd N on to CMD (as nsjail; only 0, 1, 2 otherwise)\n"
	"  --on-violation kill    kill the process instead of failing the call\n"
	"  --audit FILE           decisions as JSON Lines (default: text on stderr)\n"
	"  --stats                notifications handled and the median time per call\n"
	"  --opens fanotify       read-only opens are seen by fanotify, not stopped: faster,\n"
	"                         root only, with the limits docs/taint.md lists; seccomp\n"
	"                         (the default): every open waits for the monitor\n"
	"  --mark PATH LABEL      store LABEL on PATH (xattr " TAINT_XATTR ")\n"
	"  --unmark PATH, --show PATH\n"
	"See docs/taint.md.\n";

enum taint_opens { OPENS_SECCOMP, OPENS_FANOTIFY };

struct taint_opts {
	const char *audit;
	bool stats;
	enum taint_opens opens;
	char **cmd;
};

static void usage(FILE *f)
{
	fputs(usage_text, f);
}

static const char *need(int argc, char **argv, int i)
{
	if (i + 1 >= argc || strcmp(argv[i + 1], "--") == 0)
		sg_usage_error("taint", "%s needs an argument; see 'sysgate help taint'", argv[i]);
	return argv[i + 1];
}

static void add_secret(struct taint_mon *m, const char *arg)
{
	char err[256], *path = sg_xstrdup(arg), *eq = strchr(path, '=');
	char real[PATH_MAX];
	struct stat st;
	taint_label l;

	if (eq)
		*eq = '\0';
	if (taint_label_parse(eq ? eq + 1 : TAINT_DEFAULT_TAG, &l, err, sizeof(err)))
		sg_die("taint: --secret %s: %s", arg, err);
	if (!realpath(path, real) || stat(real, &st) < 0)
		sg_die("taint: --secret '%s': %s", path, strerror(errno));
	m->secrets = sg_xrealloc(m->secrets, (m->nsecrets + 1) * sizeof(*m->secrets));
	m->secrets[m->nsecrets++] = (struct taint_secret){ sg_xstrdup(real), st.st_dev, st.st_ino,
							   S_ISDIR(st.st_mode), l };
	free(path);
}

static void add_trust(struct taint_mon *m, const char *arg)
{
	char err[256];

	m->trust = sg_xrealloc(m->trust, (m->ntrust + 1) * sizeof(*m->trust));
	if (taint_trust_parse(arg, &m->trust[m->ntrust], err, sizeof(err)))
		sg_die("taint: %s", err);
	m->ntrust++;
}

static void add_declassifier(struct taint_mon *m, const char *arg)
{
	char *path = sg_find_program(arg);
	struct stat st;

	if (!path || stat(path, &st) < 0)
		sg_die("taint: --declassifier '%s': %s", arg, strerror(errno));
	m->declass = sg_xrealloc(m->declass, (m->ndeclass + 1) * sizeof(*m->declass));
	m->declass_id = sg_xrealloc(m->declass_id, (m->ndeclass + 1) * sizeof(*m->declass_id));
	m->declass[m->ndeclass] = path;
	m->declass_id[m->ndeclass].dev = st.st_dev;
	m->declass_id[m->ndeclass].ino = st.st_ino;
	m->ndeclass++;
}

static int xattr_fail(const char *path, int rc)
{
	if (rc == -ENOTSUP)
		sg_die("taint: '%s': this filesystem has no user extended attributes; keep the "
		       "file on one that has (ext4, xfs, btrfs, tmpfs) or use --secret",
		       path);
	sg_die("taint: '%s': %s", path, strerror(-rc));
}

/* --mark, --unmark, --show: the persistent label of one file. */
static int label_command(int argc, char **argv)
{
	const char *op = argv[1];
	char err[256], buf[1024];
	taint_label l;
	int rc;

	if (argc < 3 || (strcmp(op, "--mark") == 0 && argc < 4))
		sg_usage_error("taint", "%s needs %s; see 'sysgate help taint'", op,
		       strcmp(op, "--mark") == 0 ? "PATH LABEL" : "PATH");
	const char *path = argv[2];
	if (access(path, F_OK) < 0)
		sg_die("taint: '%s': %s", path, strerror(errno));
	if (strcmp(op, "--mark") == 0) {
		if (taint_label_parse(argv[3], &l, err, sizeof(err)))
			sg_die("taint: --mark: %s", err);
		if ((rc = taint_xattr_set_path(path, l)))
			xattr_fail(path, rc);
	} else if (strcmp(op, "--unmark") == 0) {
		if ((rc = taint_xattr_remove_path(path)))
			xattr_fail(path, rc);
	} else {
		if ((rc = taint_xattr_get_path(path, &l)))
			xattr_fail(path, rc);
		printf("%s: %s\n", path, l ? taint_label_str(l, buf, sizeof(buf)) : "(no label)");
	}
	return 0;
}

static unsigned fd_arg(const char *opt, const char *v)
{
	char *end;
	long fd = strtol(v, &end, 10);

	if (*v == '\0' || *end || fd < 0 || fd > 63)
		sg_usage_error("taint", "%s '%s': expected an fd number from 0 to 63", opt, v);
	return (unsigned)fd;
}

static void parse_opts(struct taint_mon *m, struct taint_opts *o, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			usage(stdout), exit(0);
		else if (strcmp(a, "--stats") == 0)
			o->stats = true;
		else if (strcmp(a, "--secret") == 0)
			add_secret(m, need(argc, argv, i)), i++;
		else if (strcmp(a, "--trust") == 0)
			add_trust(m, need(argc, argv, i)), i++;
		else if (strcmp(a, "--trust-stdout") == 0 || strcmp(a, "--trust-stderr") == 0)
			m->trusted_fds |= 1ULL << (strcmp(a, "--trust-stdout") == 0 ? 1 : 2);
		else if (strcmp(a, "--trust-fd") == 0)
			m->trusted_fds |= 1ULL << fd_arg(a, need(argc, argv, i)), i++;
		else if (strcmp(a, "--pass-fd") == 0)
			m->passed_fds |= 1ULL << fd_arg(a, need(argc, argv, i)), i++;
		else if (strcmp(a, "--declassifier") == 0)
			add_declassifier(m, need(argc, argv, i)), i++;
		else if (strcmp(a, "--audit") == 0)
			o->audit = need(argc, argv, i), i++;
		else if (strcmp(a, "--opens") == 0) {
			const char *v = need(argc, argv, i++);
			if (strcmp(v, "fanotify") && strcmp(v, "seccomp"))
				sg_usage_error("taint", "--opens '%s': expected seccomp or fanotify", v);
			o->opens = strcmp(v, "fanotify") == 0 ? OPENS_FANOTIFY : OPENS_SECCOMP;
		}
		else if (strcmp(a, "--on-violation") == 0) {
			const char *v = need(argc, argv, i++);
			if (strcmp(v, "kill") != 0 && strcmp(v, "deny") != 0)
				sg_usage_error("taint", "--on-violation '%s': expected deny or kill", v);
			m->kill_on_violation = strcmp(v, "kill") == 0;
		} else
			sg_usage_error("taint", "unknown option '%s'; see 'sysgate help taint'", a);
	}
	if (i >= argc)
		sg_usage_error("taint", "missing '--' before the command (sysgate taint [options] -- CMD)");
	if (!argv[i + 1])
		sg_usage_error("taint", "no command after '--'");
	o->cmd = argv + i + 1;
}

static int cmp_ull(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;

	return (x > y) - (x < y);
}

static void print_stats(struct taint_mon *m)
{
	unsigned long long med = 0;

	if (m->nsamples) {
		qsort(m->samples, m->nsamples, sizeof(*m->samples), cmp_ull);
		med = m->samples[m->nsamples / 2];
	}
	fprintf(stderr, "sysgate: taint: %zu notifications handled, median %llu ns each; "
			"%zu processes, %zu objects seen\n",
		m->nsamples, med, m->g.nprocs, m->g.nobjs);
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		fprintf(stderr, "sysgate: taint: the monitor's own CPU time: %.1f ms\n",
			(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
				(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3);
	if (m->ob.observed)
		fprintf(stderr, "sysgate: taint: opens observed by fanotify: %llu events%s\n",
			m->ob.events, m->ob.perm ? ", every open decided since a connect or listen" : "");
	else
		fprintf(stderr, "sysgate: taint: opens notified (seccomp)\n");
}

static int exit_status(int status)
{
	if (status < 0)
		return 1; /* the wait itself failed */
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void mon_free(struct taint_mon *m)
{
	taint_observe_stop(m); /* its last events read the secrets below */
	for (size_t i = 0; i < m->nsecrets; i++)
		free(m->secrets[i].path);
	for (size_t i = 0; i < m->ndeclass; i++)
		free(m->declass[i]);
	free(m->secrets);
	free(m->trust);
	free(m->declass);
	free(m->declass_id);
	free(m->samples);
	free(m->exits);
	taint_graph_free(&m->g);
}

/* The monitor holds an fd per file written to (to store its label) and, with
 * observed opens, one per event being read: as many as the hard limit allows. */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* An inherited inet socket: a connection that needs no call to write to. */
static bool inherits_inet_socket(const struct taint_mon *m)
{
	for (int fd = 0; fd < 64; fd++) {
		struct stat st;
		int domain = 0;
		socklen_t len = sizeof(domain);

		if ((fd > 2 && !(m->passed_fds & (1ULL << fd))) || fstat(fd, &st) < 0 ||
		    !S_ISSOCK(st.st_mode))
			continue;
		if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) == 0 &&
		    (domain == AF_INET || domain == AF_INET6))
			return true;
	}
	return false;
}

static bool secret_unseen(const struct taint_mon *m)
{
	for (size_t i = 0; i < m->nsecrets; i++)
		if (taint_observe_unseen(&m->ob, m->secrets[i].dev))
			return true;
	return false;
}

/* Whether opens are observed (m->ob.fd open, --opens fanotify) or notified.
 * Observed opens cannot be refused until the first connect or listen, so not
 * when the command starts with a way out; --opens fanotify that cannot be had
 * ends the run with one line saying why. */
static void choose_opens(struct taint_mon *m, enum taint_opens want)
{
	const char *why = NULL;
	int rc;

	m->ob.fd = -1;
	if (want == OPENS_SECCOMP)
		return;
	if (m->nexits)
		why = "the command inherits a way out (an untrusted pipe or socket); give "
		      "--trust-stdout/--trust-stderr/--trust-fd or use --opens seccomp";
	else if (inherits_inet_socket(m))
		why = "the command inherits an inet socket; use --opens seccomp";
	else if (taint_observe_automounts())
		why = "an autofs mount is here (what it mounts later would not be seen); use --opens seccomp";
	else if ((rc = taint_observe_init(&m->ob)) < 0)
		why = rc == -EPERM ? "fanotify needs CAP_SYS_ADMIN (run as root) or use --opens seccomp" :
				     "this kernel has no fanotify; use --opens seccomp";
	else if (secret_unseen(m))
		why = "a --secret is on a filesystem whose opens are not observed (sysfs, /dev, ...); "
		      "use --opens seccomp";
	if (why)
		sg_die("taint: --opens fanotify: %s", why);
}

/* Start the command: in a mount namespace of its own whose mounts are marked
 * when opens are observed. */
static pid_t start(struct taint_mon *m, char **cmd, int *nfd, int *pidfd, char *err, size_t n)
{
	struct policy_bpf filter;
	struct launch_ns_opts ns;
	struct launch l;
	int rc;

	if ((rc = taint_filter(&filter, m->ob.fd >= 0)))
		sg_die("taint: cannot build the filter: %s", strerror(-rc));
	launch_ns_opts_init(&ns);
	ns.caps_untouched = true;
	if (m->ob.fd >= 0) { /* its own /proc: no way to the host's mounts through it */
		ns.unshare = CLONE_NEWNS | CLONE_NEWPID;
		ns.own_proc = true;
	}
	pid_t pid = launch_start(&l, &ns, cmd, err, n);
	if (pid == 0 && m->ob.fd >= 0 && (rc = taint_observe_start(&m->ob, l.pid)) < 0) {
		snprintf(err, n, "cannot mark the command's mounts for fanotify: %s; use --opens seccomp",
			 strerror(-rc));
		launch_abort(&l);
		pid = rc;
	}
	/* A declassifier is known by /proc/PID/exe once its exec is done: its first
	 * open must wait for us, or it may be gone before we look. */
	m->ob.sticky = m->ndeclass > 0;
	if (pid == 0 && m->ob.fd >= 0 && m->ndeclass && (rc = taint_observe_upgrade(m)) < 0) {
		snprintf(err, n, "cannot make opens wait for the monitor: %s; use --opens seccomp",
			 strerror(-rc));
		launch_abort(&l);
		pid = rc;
	}
	if (pid == 0)
		pid = launch_finish(&l, &filter, nfd, pidfd, err, n);
	/* The new /proc was mounted while the child set up; /proc/PID/mem opens are
	 * what its mark is for. */
	if (pid > 0 && m->ob.fd >= 0 && (rc = taint_observe_start(&m->ob, l.pid)) < 0) {
		snprintf(err, n, "cannot mark the command's /proc for fanotify: %s", strerror(-rc));
		kill(pid, SIGKILL); /* the pid namespace's first process: it takes all with it */
		waitpid(pid, NULL, 0);
		pid = rc;
	}
	launch_ns_opts_free(&ns);
	policy_bpf_free(&filter);
	return pid;
}

/* The supervisor's work besides notifications (fanotify's events when
 * observing), and how it answers: opens by placing fds. */
static struct launch_side *monitor_side(struct taint_mon *m)
{
	struct launch_side *side = taint_observe_side(m);

	if (!side) {
		m->side = (struct launch_side){ .fd = -1, .timeout_ms = -1 };
		side = &m->side;
	}
	side->places_fds = true;
	return side;
}

int sg_cmd_taint(int argc, char **argv)
{
	struct taint_mon m = { 0 };
	struct taint_opts o = { 0 };
	int nfd = -1, pidfd = -1, rc;

	m.ob.fd = -1;
	if (argc > 1 && (strcmp(argv[1], "--mark") == 0 || strcmp(argv[1], "--unmark") == 0 ||
			 strcmp(argv[1], "--show") == 0))
		return label_command(argc, argv);
	taint_graph_init(&m.g);
	parse_opts(&m, &o, argc, argv);
	if ((rc = taint_exits_find(&m)))
		sg_die("taint: cannot list the fds passed to the command: %s", strerror(-rc));
	choose_opens(&m, o.opens);
	/* From before the audit file and the command exist: a signal now is held and
	 * passed on to the command once it is started, as later, never the end of
	 * sysgate half-way through starting it. */
	launch_forward_signals(0);
	if (taint_audit_open(&m.audit, o.audit) < 0) {
		mon_free(&m);
		return 1;
	}
	if (launch_subreaper() < 0)
		sg_error("taint: cannot become the subreaper: %s; processes the command leaves "
			 "behind may outlive it", strerror(errno));
	char err[512] = "";
	pid_t pid = start(&m, o.cmd, &nfd, &pidfd, err, sizeof(err));
	if (pid < 0) {
		if (pid != -ECHILD)
			sg_error("taint: %s", err);
		taint_audit_abort(&m.audit);
		mon_free(&m);
		return pid == -ENOENT || pid == -EACCES ? 127 : 126;
	}
	m.nfd = nfd;
	raise_fd_limit(); /* the command has its own limit already */
	launch_forward_signals(pid);
	int status = launch_supervise_side(pid, pidfd, nfd, taint_notify, &m, monitor_side(&m));
	launch_forward_stop();
	launch_end_leftovers();
	if (status < 0)
		sg_error("taint: cannot supervise the command: %s", strerror(-status));
	taint_observe_stop(&m); /* the last opens count too */
	taint_settle(&m.g); /* labels written by the last processes reach their files */
	rc = exit_status(status);
	if (o.stats)
		print_stats(&m);
	if (taint_audit_close(&m.audit) < 0 && rc == 0)
		rc = 1;
	close(pidfd);
	if (nfd >= 0)
		close(nfd);
	mon_free(&m);
	return rc;
}
