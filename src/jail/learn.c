/* sysgate learn: run a command (and its children) with a filter whose default is
 * notify and no rules, record each notification's syscall and the arguments that
 * matter for filtering, and let the call go on (SECCOMP_USER_NOTIF_FLAG_CONTINUE:
 * learning makes no security decision). Then write the smallest profile that allows
 * what was seen. The launch is jail's, so what runs under learn runs the same way
 * under `sysgate jail`. */
#include <errno.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/output.h"
#include "core/util.h"
#include "jail.h"
#include "jail_int.h"
#include "launch/launch.h"
#include "launch/ns.h"
#include "trace/trace.h"

struct learn_opts {
	const char *out;
	enum learn_format format;
	int runtime; /* -1: by format; 0: none; 1: the container runtime's calls */
	char **cmd;
	const char *backend; /* NULL: seccomp user notification */
	bool allow_page0;
};

static const char usage_text[] =
	"usage: sysgate learn [-o PROFILE] [--format json|oci|policy] [--runtime runc|none]\n"
	"                     -- CMD [ARGS]\n"
	"\n"
	"Run CMD and its children, record every syscall they make, and write the smallest\n"
	"profile that allows them; everything else fails with EPERM.\n"
	"  -o FILE          write the profile to FILE (atomically) instead of stdout\n"
	"  --format json    Docker's seccomp profile (default; also 'docker'), for Docker,\n"
	"                   Podman, Kubernetes (seccompProfile: Localhost) and\n"
	"                   'sysgate jail --profile'\n"
	"  --format oci     the OCI runtime-spec linux.seccomp object, for a bundle's\n"
	"                   config.json (runc, crun) and 'sysgate jail --profile'\n"
	"  --format policy  a sysgate text policy, for 'sysgate jail --policy'\n"
	"  --runtime R      runc (default with json and oci): also allow the calls the\n"
	"                   container runtime makes after loading the filter, before CMD\n"
	"                   starts; none (default with policy): only what CMD made\n"
	"  --backend B      how calls are seen: notify (default: seccomp user notification,\n"
	"                   launched as sysgate jail launches), or a sysgate trace backend:\n"
	"                   sud, rewrite, auto (in-process, far cheaper per call), ptrace\n"
	"  --allow-page0    with rewrite: lower vm.mmap_min_addr for the run (restored)\n"
	"socket, clone, personality, prctl and ioctl are allowed only with the argument\n"
	"values seen (family, flags, persona, option, request). Exit status: CMD's.\n";

static enum learn_format parse_format(const char *v)
{
	if (strcmp(v, "json") == 0 || strcmp(v, "docker") == 0)
		return LEARN_DOCKER;
	if (strcmp(v, "oci") == 0)
		return LEARN_OCI;
	if (strcmp(v, "policy") != 0)
		sg_usage_error("learn", "unknown format '%s' (json, docker, oci or policy)", v);
	return LEARN_POLICY;
}

static int parse_runtime(const char *v)
{
	if (strcmp(v, "runc") != 0 && strcmp(v, "none") != 0)
		sg_usage_error("learn", "unknown runtime '%s' (runc or none)", v);
	return v[0] == 'r';
}

static void parse_opts(struct learn_opts *o, int argc, char **argv)
{
	int i;

	o->format = LEARN_DOCKER;
	o->runtime = -1;
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage_text, stdout);
			exit(0);
		}
		if (a[0] != '-')
			sg_usage_error("learn", "missing '--' before the command '%s' (sysgate learn [options] -- CMD)", a);
		if (strcmp(a, "--allow-page0") == 0) {
			o->allow_page0 = true;
			continue;
		}
		if (strcmp(a, "-o") != 0 && strcmp(a, "--format") != 0 && strcmp(a, "--backend") != 0 &&
		    strcmp(a, "--runtime") != 0)
			sg_usage_error("learn", "unknown option '%s'; see 'sysgate help learn'", a);
		if (i + 1 >= argc)
			sg_usage_error("learn", "option '%s' needs an argument", a);
		const char *v = argv[++i];
		if (a[1] == 'o')
			o->out = v;
		else if (strcmp(a, "--backend") == 0 && strcmp(v, "notify") == 0)
			o->backend = NULL;
		else if (strcmp(a, "--backend") == 0 && sg_trace_backend_known(v))
			o->backend = v;
		else if (strcmp(a, "--backend") == 0)
			sg_usage_error("learn", "unknown backend '%s' (notify, sud, rewrite, auto or ptrace)", v);
		else if (strcmp(a, "--runtime") == 0)
			o->runtime = parse_runtime(v);
		else
			o->format = parse_format(v);
	}
	if (i >= argc)
		sg_usage_error("learn", "missing '--' before the command (sysgate learn [options] -- CMD)");
	o->cmd = argv + i + 1;
	if (!o->cmd[0])
		sg_usage_error("learn", "no command after '--'");
	if (o->runtime < 0)
		o->runtime = o->format != LEARN_POLICY;
}

/* Record and continue: the arguments are registers, read once here. */
static int record(const struct seccomp_notif *req, struct seccomp_notif_resp *resp, int nfd,
		  void *ctx)
{
	uint64_t args[6];

	(void)nfd;
	for (int i = 0; i < 6; i++)
		args[i] = req->data.args[i];
	learn_record(ctx, req->data.nr, args);
	resp->id = req->id;
	resp->val = 0;
	resp->error = 0;
	resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	return 0;
}

/* Run the command under a notify-everything filter; 0 with its wait status in
 * *status, or the exit status to give after saying why it could not run. */
static int run(char **cmd, struct learn_set *s, int *status)
{
	struct launch_ns_opts ns;
	struct policy kernel;
	struct policy_bpf filter;
	struct launch l;
	int nfd = -1, pidfd = -1;
	char err[512] = "";
	pid_t pid;

	policy_init(&kernel);
	kernel.def = (struct policy_action){ .act = POLICY_NOTIFY };
	launch_ns_opts_init(&ns);
	/* A signal from now on is held and passed on to the command once it is
	 * started, as later. */
	launch_forward_signals(0);
	pid = launch_start(&l, &ns, cmd, err, sizeof(err));
	if (pid == 0 && policy_bpf_build(&kernel, &filter) != 0) {
		launch_abort(&l);
		pid = -ENOMEM;
		snprintf(err, sizeof(err), "cannot compile the recording filter");
	} else if (pid == 0) {
		pid = launch_finish(&l, &filter, &nfd, &pidfd, err, sizeof(err));
		policy_bpf_free(&filter);
	}
	policy_free(&kernel);
	launch_ns_opts_free(&ns);
	if (pid < 0) {
		if (pid != -ECHILD) /* else the child said why */
			sg_error("learn: %s", err);
		return pid == -ENOENT || pid == -EACCES ? 127 : 126;
	}
	launch_forward_signals(pid);
	*status = launch_supervise(pid, pidfd, nfd, record, s);
	launch_forward_stop();
	launch_end_leftovers();
	if (*status < 0)
		sg_error("learn: cannot supervise the command: %s", strerror(-*status));
	close(pidfd);
	if (nfd >= 0)
		close(nfd);
	return *status < 0 ? 1 : 0;
}

static void record_traced(void *ctx, long nr, const uint64_t *args)
{
	if (nr >= 0 && nr < 512)
		learn_record(ctx, (int)nr, args);
}

static int write_profile(const struct learn_opts *o, struct learn_set *s)
{
	char *tmp = NULL;
	FILE *f = o->out ? sg_atomic_open(o->out, &tmp) : stdout;
	int rc;

	if (!f)
		return sg_error("learn: cannot write '%s': %s", o->out, strerror(errno));
	if (o->runtime)
		learn_add_runtime(s);
	if ((rc = learn_write(f, s, o->format)) < 0) {
		if (o->out)
			sg_atomic_abort(f, tmp);
		return sg_error("learn: the learned profile cannot be compiled: %s", strerror(-rc));
	}
	if (!o->out)
		return fflush(stdout) == 0 ? 0 : -1;
	if (sg_atomic_commit(f, o->out, tmp) < 0)
		return sg_error("learn: cannot write '%s'", o->out);
	return 0;
}

int sg_cmd_learn(int argc, char **argv)
{
	struct learn_opts o = { 0 };
	struct learn_set *s = sg_xcalloc(1, sizeof(*s));
	int status = 0, rc;

	parse_opts(&o, argc, argv);
	if (isatty(2)) /* for a person watching: what the run waits for */
		fprintf(stderr, "sysgate learn: running '%s', recording the syscalls it needs; "
				"the profile is written when it ends (Ctrl-C ends it)\n",
			o.cmd[0]);
	if (o.backend) {
		rc = sg_trace_calls(o.cmd, o.backend, o.allow_page0, record_traced, s);
		if (write_profile(&o, s) < 0 && rc == 0)
			rc = 1;
		learn_set_free(s);
		free(s);
		return rc;
	}
	if (launch_subreaper() < 0)
		sg_error("learn: cannot become the subreaper: %s; processes the command leaves "
			 "behind may outlive it", strerror(errno));
	if ((rc = run(o.cmd, s, &status)) != 0) {
		learn_set_free(s);
		free(s);
		return rc;
	}
	if (WIFEXITED(status))
		rc = WEXITSTATUS(status);
	else
		rc = 128 + WTERMSIG(status);
	if (write_profile(&o, s) < 0 && rc == 0)
		rc = 1;
	learn_set_free(s);
	free(s);
	return rc;
}
