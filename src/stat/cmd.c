/* `sysgate stat`: options, then count a command or running processes and report. */
#include "stat.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/output.h"
#include "core/util.h"
#include "stat_int.h"

#define USAGE                                                                 \
	"usage: sysgate stat [--json] [-o FILE] [--names HOW] -- CMD [ARGS...]\n"           \
	"       sysgate stat [--json] [-o FILE] [--names HOW] -p PID[,PID...] [-p PID...]\n" \
	"       sysgate stat [--json] [-o FILE] -a|--cgroup PATH [-- CMD [ARGS...]]\n" \
	"Counts why a program enters the kernel: syscalls, page faults, interrupts.\n" \
	"\n"                                                                  \
	"  --json      the report as one JSON object\n"                      \
	"  -o FILE     write the report to FILE (whole, at the end) instead of\n" \
	"              stderr; '-' writes it to stdout, after whatever the\n" \
	"              command wrote there itself (the two are then mixed)\n" \
	"  -p PID      count a running process until it exits, or Ctrl-C\n" \
	"  -a          count the whole machine (every CPU, every task but sysgate)\n" \
	"              while CMD runs, or until Ctrl-C without one\n" \
	"  --cgroup PATH  the same for one cgroup (v2): a path, or one relative to\n" \
	"              the cgroup v2 root (/sys/fs/cgroup/unified on hybrid systems)\n" \
	"  --names HOW how syscalls are counted by name: bpf (in the kernel, one\n" \
	"              increment per call), samples (a perf sample of every call,\n" \
	"              read by sysgate), auto (bpf where the kernel takes it; the\n" \
	"              default)\n"

struct stat_opts {
	bool json;
	const char *out;
	char **cmd;
	pid_t *pids;
	int npids;
	enum stat_names names;
	bool all;
	const char *cgroup;
};

static _Noreturn void usage_die(const char *what)
{
	sg_usage_error("stat", "%s; usage: sysgate stat [--json] [-o FILE] -- CMD [ARGS], "
			 "sysgate stat -p PID or sysgate stat -a|--cgroup PATH [-- CMD]",
		      what);
}

static void add_pids(struct stat_opts *o, const char *list)
{
	char *copy = sg_xstrdup(list), *save = NULL;

	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		long v;
		if (sg_parse_long(tok, &v) != 0 || v <= 0 || v > INT_MAX)
			sg_usage_error("stat", "bad pid '%s'; give a process id such as 1234", tok);
		o->pids = sg_xrealloc(o->pids, (size_t)(o->npids + 1) * sizeof(*o->pids));
		o->pids[o->npids++] = (pid_t)v;
	}
	free(copy);
	if (o->npids == 0)
		sg_usage_error("stat", "bad pid '%s'; give a process id such as 1234", list);
}

static const char *option_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		char what[64];
		snprintf(what, sizeof(what), "option '%s' needs a value", argv[*i]);
		usage_die(what);
	}
	return argv[++*i];
}

static enum stat_names parse_names(const char *v)
{
	if (strcmp(v, "auto") == 0)
		return STAT_NAMES_AUTO;
	if (strcmp(v, "bpf") == 0)
		return STAT_NAMES_BPF;
	if (strcmp(v, "samples") == 0)
		return STAT_NAMES_SAMPLES;
	sg_usage_error("stat", "unknown --names '%.100s'; give auto, bpf or samples", v);
}

static void parse_args(int argc, char **argv, struct stat_opts *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		char what[256];

		if (strcmp(a, "--") == 0) {
			o->cmd = argv + i + 1;
			break;
		} else if (strcmp(a, "--json") == 0) {
			o->json = true;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			o->out = option_value(argc, argv, &i);
		} else if (strncmp(a, "-o", 2) == 0) {
			o->out = a + 2;
		} else if (strcmp(a, "-p") == 0 || strcmp(a, "--pid") == 0) {
			add_pids(o, option_value(argc, argv, &i));
		} else if (strncmp(a, "-p", 2) == 0) {
			add_pids(o, a + 2);
		} else if (strcmp(a, "-a") == 0 || strcmp(a, "--all-cpus") == 0) {
			o->all = true;
		} else if (strcmp(a, "--cgroup") == 0 || strcmp(a, "-G") == 0) {
			o->cgroup = option_value(argc, argv, &i);
		} else if (strcmp(a, "--names") == 0) {
			o->names = parse_names(option_value(argc, argv, &i));
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(USAGE, stdout);
			exit(0);
		} else if (a[0] == '-') {
			snprintf(what, sizeof(what), "unknown option '%.200s'", a);
			usage_die(what);
		} else {
			sg_usage_error("stat", "put '--' before the command: sysgate stat -- %.200s ...", a);
		}
	}
	if (o->cmd && !o->cmd[0])
		usage_die("no command after '--'");
	if (o->all && o->cgroup)
		usage_die("give either -a or --cgroup, not both");
	if ((o->all || o->cgroup) && o->npids)
		usage_die("give either -p PID or -a/--cgroup, not both");
	if (o->cmd && o->npids)
		usage_die("give either -p PID or -- CMD, not both");
	if (!o->cmd && !o->npids && !o->all && !o->cgroup)
		usage_die("nothing to count: no '--', -p, -a or --cgroup");
}

static _Noreturn void events_die(int err)
{
	if (err == -EACCES || err == -EPERM)
		sg_die("cannot read tracepoints in tracefs ('/sys/kernel/tracing'): %s; run as root "
		       "(or set kernel.perf_event_paranoid=-1 and make tracefs readable)",
		       strerror(-err));
	sg_die("cannot find the raw_syscalls tracepoints in tracefs ('/sys/kernel/tracing'): %s; "
	       "as root, mount it: mount -t tracefs nodev /sys/kernel/tracing",
	       strerror(-err));
}

/* Write the report to stderr, stdout ("-") or a file put in place atomically. */
static int write_report(const struct stat_opts *o, const struct stat_result *r,
			const struct stat_report *rep)
{
	FILE *f = stderr;
	char *tmp = NULL;

	if (o->out && strcmp(o->out, "-") == 0)
		f = stdout;
	else if (o->out && !(f = sg_atomic_open(o->out, &tmp)))
		return sg_error("cannot write '%s': %s; check the directory exists and is writable",
				o->out, strerror(errno));
	int rc = o->json ? stat_write_json(f, r, rep) : stat_write_text(f, r, rep);
	if (o->out && f != stdout)
		return sg_atomic_commit(f, o->out, tmp) == 0 ? rc : -1;
	return fflush(f) == 0 ? rc : -1;
}

/* The syscall sampler is optional: a kernel without syscall numbers in its
 * sys_enter records still gets totals. Any other failure is fatal. */
static struct stat_sampler *sampler_or_die(const struct stat_events *ev, enum stat_names how,
					   const struct stat_scope *sc)
{
	struct stat_sampler *smp;
	int rc = stat_sampler_new(ev, how, sc, &smp);

	/* A machine's or a cgroup's calls are named by BPF only; without it,
	 * their total is still counted. */
	if (rc != 0 && sc->kind != SG_SCOPE_PROCS && how != STAT_NAMES_BPF)
		return NULL;
	if (rc != 0 && how == STAT_NAMES_BPF)
		sg_die("cannot count syscalls with BPF: %s; run as root on a kernel with BPF "
		       "raw tracepoints, or use --names samples",
		       strerror(-rc));
	if (rc == -ENOTSUP)
		return NULL;
	if (rc != 0)
		sg_die("cannot set up syscall sampling: %s; %s", strerror(-rc),
		       stat_open_error_hint(rc));
	return smp;
}

static void cgroup_or_die(struct stat_scope *sc, const char *name)
{
	int rc = stat_scope_open_cgroup(sc, name);

	if (rc == -EMEDIUMTYPE)
		sg_die("'%s' is not a cgroup v2 directory; give one under /sys/fs/cgroup/unified "
		       "(or /sys/fs/cgroup on a cgroup v2 system)",
		       sc->cgroup_path);
	if (rc != 0)
		sg_die("cannot open cgroup '%s': %s; give a path under /sys/fs/cgroup/unified "
		       "or /sys/fs/cgroup",
		       name, strerror(-rc));
}

int sg_cmd_stat(int argc, char **argv)
{
	struct stat_opts o = { 0 };
	struct stat_events ev = { 0 };
	struct stat_result *r = sg_xcalloc(1, sizeof(*r));
	struct stat_report rep;

	parse_args(argc, argv, &o);
	int rc = stat_events_resolve(&ev);
	if (rc != 0)
		events_die(rc);
	struct stat_scope sc = { .kind = o.all ? SG_SCOPE_ALL : SG_SCOPE_PROCS, .cgroup_fd = -1 };
	char label[600];
	if (o.cgroup)
		cgroup_or_die(&sc, o.cgroup);
	if (sc.kind != SG_SCOPE_PROCS) {
		snprintf(label, sizeof(label), "%s%s", o.all ? "the whole machine" : "cgroup ",
			 o.all ? "" : sc.cgroup_path);
		r->scope_label = label;
		r->machine = o.all;
		r->cgroup = o.cgroup ? sc.cgroup_path : NULL;
	}
	struct stat_sampler *smp = sampler_or_die(&ev, o.names, &sc);
	if (stat_sampler_counts_all(smp))
		ev.available[SC_SYSCALLS] = false; /* one count per call is enough */
	if (o.cmd)
		rc = stat_run_command(o.cmd, &ev, smp, &sc, r);
	else if (sc.kind != SG_SCOPE_PROCS)
		rc = stat_system_wait(&ev, &sc, smp, r);
	else
		rc = stat_attach(o.pids, o.npids, &ev, smp, r);
	int status = rc == 0 ? r->exit_status : (r->exit_status ? r->exit_status : 1);
	if (rc == 0) {
		stat_report_build(r, &rep);
		if (write_report(&o, r, &rep) != 0 && status == 0)
			status = 1;
	}
	stat_sampler_free(smp);
	stat_scope_close(&sc);
	free(r);
	free(o.pids);
	return status;
}
