/* sysgate jail: options, the policy they describe, and the run. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/syscalls.h"
#include "core/util.h"
#include "jail.h"
#include "jail_int.h"
#include "launch/launch.h"
#include "launch/ns.h"

struct jail_opts {
	const char *profile, *policy_file, *report;
	const char **names; /* --allow / --deny in order, each with its action */
	int *deny;
	int nnames;
	int explain;
	bool unconfined; /* --security-opt seccomp=unconfined: no filter rule, allow all */
	char **cmd;
	struct launch_ns_opts ns; /* namespaces, mounts, limits: see ns.h */
};

static const char usage_text[] =
	"usage: sysgate jail [--profile FILE.json] [--policy FILE] [--allow NAME]...\n"
	"                    [--deny NAME]... [--report FILE] [--explain] -- CMD [ARGS]\n"
	"\n"
	"Run CMD under a seccomp filter; every denied syscall is reported.\n"
	"  --profile FILE  a JSON seccomp profile: Docker's format, the OCI runtime-spec\n"
	"                  linux.seccomp object, or a runtime config.json holding one\n"
	"  --security-opt seccomp=FILE|unconfined  Docker's spelling of --profile FILE;\n"
	"                  unconfined: no seccomp rule (namespaces and limits still apply)\n"
	"  --policy FILE   a sysgate text policy (see docs/jail.md)\n"
	"  --allow NAME    allow syscall NAME, above any profile or policy\n"
	"  --deny NAME     fail syscall NAME with EPERM, above any profile or policy\n"
	"  --report FILE   write denials to FILE as JSON Lines instead of stderr\n"
	"  --explain       print what the filter does and exit without running CMD\n"
	"Without --profile or --policy the built-in default profile is used.\n"
	"\n"
	"Namespaces and environment (as in bubblewrap):\n"
	"  --unshare LIST  user,pid,mount,net,ipc,uts,cgroup   --unshare-all\n"
	"  --ro-bind SRC DST, --bind SRC DST, --tmpfs DST, --proc DST, --dev DST\n"
	"                  build a new root from these, in order (pivot_root)\n"
	"  --chdir DIR, --hostname NAME, --net none (only lo, up)\n"
	"  --dev-bind SRC DST (a --bind), --bind-try/--ro-bind-try SRC DST (skipped\n"
	"                  when SRC is missing), --dir DST, --symlink TARGET DST\n"
	"  --unshare-user, --unshare-pid, --unshare-net, --unshare-ipc, --unshare-uts,\n"
	"  --unshare-cgroup  one namespace each, as bubblewrap spells them\n"
	"  --rlimit as=,nofile=,nproc=,cpu=,fsize=   --cap-keep CAP,... (default: drop all)\n"
	"  --cap-add CAP, --cap-drop CAP  change what is kept (CAP or ALL), in order\n"
	"  --clearenv, --setenv NAME VALUE, --unsetenv NAME\n"
	"  --uid N, --gid N  who the command is inside (a user namespace of its own)\n"
	"  --new-session   a session of its own (no TIOCSTI into the caller's terminal)\n"
	"  --die-with-parent  end (with the command) when sysgate's parent ends\n"
	"  --file FD DST   the bytes read from open fd FD become the file DST (new root)\n"
	"  --timeout SEC   end the command (and all it started) after SEC seconds; 124\n"
	"With a pid namespace, pid 1 inside reaps zombies and forwards signals.\n";

static const char *need_arg(int argc, char **argv, int i)
{
	if (i + 1 >= argc)
		sg_usage_error("jail", "option '%s' needs an argument", argv[i]);
	return argv[i + 1];
}

static void add_name(struct jail_opts *o, const char *name, int deny)
{
	o->names = sg_xrealloc(o->names, (size_t)(o->nnames + 1) * sizeof(*o->names));
	o->deny = sg_xrealloc(o->deny, (size_t)(o->nnames + 1) * sizeof(*o->deny));
	o->names[o->nnames] = name;
	o->deny[o->nnames++] = deny;
}

/* Docker's --security-opt: seccomp=FILE (a profile) or seccomp=unconfined. */
static void parse_security_opt(struct jail_opts *o, const char *v)
{
	/* Docker also spells it with a colon */
	if (strncmp(v, "seccomp=", 8) != 0 && strncmp(v, "seccomp:", 8) != 0)
		sg_usage_error("jail", "unknown --security-opt '%s'; sysgate takes seccomp=FILE "
			       "or seccomp=unconfined", v);
	if (strcmp(v + 8, "unconfined") == 0)
		o->unconfined = true;
	else if (v[8])
		o->profile = v + 8;
	else
		sg_usage_error("jail", "--security-opt seccomp= needs a profile file or unconfined");
}

static void parse_opts(struct jail_opts *o, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0)
			break;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage_text, stdout);
			exit(0);
		}
		if (a[0] != '-')
			sg_usage_error("jail", "missing '--' before the command '%s' (sysgate jail [options] -- CMD)", a);
		if (strcmp(a, "--explain") == 0) {
			o->explain = 1;
			continue;
		}
		char err[512];
		int used = launch_ns_parse_argv(&o->ns, argc - i, argv + i, err, sizeof(err));
		if (used == -EINVAL)
			sg_usage_error("jail", "%s", err);
		if (used < 0)
			sg_die("jail: %s", err);
		if (used > 0) {
			i += used - 1;
			continue;
		}
		static const char *const with_arg[] = { "--profile", "--policy", "--report",
							"--allow", "--deny", "--security-opt" };
		bool known = false;
		for (size_t k = 0; k < SG_ARRAY_SIZE(with_arg); k++)
			known |= strcmp(a, with_arg[k]) == 0;
		if (!known)
			sg_usage_error("jail", "unknown option '%s'; see 'sysgate help jail'", a);
		const char *v = need_arg(argc, argv, i++);
		if (strcmp(a, "--profile") == 0)
			o->profile = v;
		else if (strcmp(a, "--policy") == 0)
			o->policy_file = v;
		else if (strcmp(a, "--report") == 0)
			o->report = v;
		else if (strcmp(a, "--allow") == 0 || strcmp(a, "--deny") == 0)
			add_name(o, v, a[2] == 'd');
		else if (strcmp(a, "--security-opt") == 0)
			parse_security_opt(o, v);
		else
			sg_usage_error("jail", "unknown option '%s'; see 'sysgate help jail'", a);
	}
	if (i < argc)
		o->cmd = argv + i + 1;
	if (!o->explain && i >= argc)
		sg_usage_error("jail", "missing '--' before the command (sysgate jail [options] -- CMD)");
	if (!o->explain && !o->cmd[0])
		sg_usage_error("jail", "no command after '--'");
}

/* The policy from --profile and --policy, or the built-in default. */
static void load_base(const struct jail_opts *o, struct policy *p)
{
	char err[512] = "";
	int rc = 0;

	if (o->unconfined && !o->profile && !o->policy_file) {
		policy_init(p);
		p->def.act = POLICY_ALLOW;
		p->def_origin = sg_xstrdup("--security-opt seccomp=unconfined");
		return;
	}
	if (!o->profile && !o->policy_file) {
		if (jail_default_policy(p, err, sizeof(err)))
			sg_die("jail: built-in profile: %s", err);
		return;
	}
	policy_init(p);
	if (o->profile)
		rc = policy_load_oci(p, o->profile, NULL, err, sizeof(err));
	if (!rc && o->policy_file)
		rc = policy_load_text(p, o->policy_file, err, sizeof(err));
	if (rc)
		sg_die("jail: %s", err);
}

/* --allow/--deny first (first match wins), then the base rules and its default. */
static void build_policy(const struct jail_opts *o, struct policy *out)
{
	struct policy base;

	load_base(o, &base);
	policy_init(out);
	for (int i = 0; i < o->nnames; i++) {
		const char *flag = o->deny[i] ? "--deny" : "--allow";
		struct policy_rule r = { .nr = sg_syscall_nr(o->names[i]) };
		char origin[64];
		if (r.nr < 0) {
			const char *hint = sg_syscall_suggest(o->names[i]);
			sg_usage_error("jail", "unknown syscall '%s' in %s%s%s%s", o->names[i], flag,
			       hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
		}
		r.action.act = o->deny[i] ? POLICY_ERRNO : POLICY_ALLOW;
		r.action.err = o->deny[i] ? EPERM : 0;
		snprintf(origin, sizeof(origin), "%s %s", flag, o->names[i]);
		r.origin = origin;
		policy_add_rule(out, &r);
	}
	for (size_t i = 0; i < base.nrules; i++)
		policy_add_rule(out, &base.rules[i]);
	out->def = base.def;
	out->def_origin = base.def_origin ? sg_xstrdup(base.def_origin) : NULL;
	policy_free(&base);
}

#define JAIL_TIMEOUT_STATUS 124 /* as timeout(1) */

static int exit_status(int status, pid_t pid, struct jail_report *r)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WTERMSIG(status) == SIGSYS)
		jail_report_sigsys(r, pid);
	return 128 + WTERMSIG(status);
}

static bool is_builtin_default(const struct jail_opts *o)
{
	return !o->profile && !o->policy_file && o->nnames == 0;
}

/* Start the command under the filter; its pid, or -1 after saying why. */
static pid_t start(const struct jail_opts *o, const struct policy *p, int *nfd, int *pidfd,
		   int *fail_status)
{
	struct policy_bpf filter;
	struct launch l;
	char err[512] = "";
	int rc;

	rc = launch_start(&l, &o->ns, o->cmd, err, sizeof(err));
	if (rc < 0) {
		*fail_status = rc == -ENOENT || rc == -EACCES ? 127 : 126;
		return sg_error("jail: %s", err);
	}
	/* Compiled once, here, while the child sets up: the child has no libseccomp
	 * work left, and a policy the filter cannot express stops it before exec.
	 * The built-in default, unchanged, was compiled at build time. */
	rc = 0;
	if (is_builtin_default(o))
		jail_default_filter(&filter);
	else
		rc = jail_kernel_filter(p, &filter);
	if (rc) {
		launch_abort(&l);
		return sg_error("jail: the policy cannot be compiled: %s", strerror(-rc));
	}
	pid_t pid = launch_finish(&l, &filter, nfd, pidfd, err, sizeof(err));
	policy_bpf_free(&filter);
	if (pid < 0 && pid != -ECHILD)
		sg_error("jail: %s", err);
	return pid < 0 ? -1 : pid;
}

static int run(const struct jail_opts *o, const struct policy *p)
{
	struct jail_report r;
	int nfd = -1, pidfd = -1, status, rc = 126;
	pid_t pid;

	/* From before the report and the command exist: a signal now is held and
	 * passed on to the command once it is started, as later. */
	launch_forward_signals(0);
	if (jail_report_open(&r, o->report) < 0)
		sg_die("jail: cannot write the report '%s'", o->report);
	if (launch_subreaper() < 0)
		sg_error("jail: cannot become the subreaper: %s; processes the command leaves "
			 "behind may outlive it", strerror(errno));
	pid = start(o, p, &nfd, &pidfd, &rc);
	if (pid < 0) {
		jail_report_abort(&r);
		return rc;
	}
	launch_forward_signals(pid);
	launch_timeout_arm(pid, o->ns.timeout_sec);
	status = jail_supervise(pid, pidfd, nfd, p, &r);
	/* The command is reaped: no timer and no signal may reach its pid now. */
	bool fired = launch_timeout_fired();
	launch_forward_stop();
	launch_end_leftovers();
	if (status < 0)
		sg_error("jail: cannot supervise the command: %s", strerror(-status));
	rc = status < 0 ? 1 : exit_status(status, pid, &r);
	if (fired) {
		fprintf(stderr, "sysgate: jail: timed out after %ld s; the command was killed\n",
			o->ns.timeout_sec);
		rc = JAIL_TIMEOUT_STATUS;
	}
	if (jail_report_close(&r) < 0 && rc == 0)
		rc = 1;
	close(pidfd);
	if (nfd >= 0)
		close(nfd);
	return rc;
}

/* --die-with-parent: sysgate ends with the process that started it, and takes
 * the command with it (nothing it starts outlives it). */
static void die_with_parent(void)
{
	pid_t parent = getppid();

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		sg_die("jail: --die-with-parent: %s", strerror(errno));
	if (getppid() != parent) /* it was gone before the signal was asked for */
		exit(1);
}

int sg_cmd_jail(int argc, char **argv)
{
	struct jail_opts o = { 0 };
	struct policy p;
	int rc;

	launch_ns_opts_init(&o.ns);
	parse_opts(&o, argc, argv);
	if (o.ns.die_with_parent)
		die_with_parent();
	build_policy(&o, &p);
	if (o.explain)
		rc = policy_explain(stdout, &p) < 0;
	else
		rc = run(&o, &p);
	policy_free(&p);
	free(o.names);
	free(o.deny);
	launch_ns_opts_free(&o.ns);
	return rc;
}
