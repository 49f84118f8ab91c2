/* Command-line options of sysgate trace, in strace's spelling. */
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "trace_int.h"

static const char usage[] =
	"usage: sysgate trace [OPTIONS] [--] CMD [ARGS...]\n"
	"       sysgate trace [OPTIONS] -p PID [-p PID...]\n"
	"       sysgate trace [OPTIONS] --system-wide|--cgroup PATH [[--] CMD [ARGS...]]\n"
	"       sysgate trace [OPTIONS] --record FILE [--] CMD [ARGS...]\n"
	"       sysgate trace [OPTIONS] --replay FILE\n"
	"\n"
	"Trace the system calls of a command, or of running processes, in strace's format.\n"
	"\n"
	"  -f              follow forks, vforks and threads\n"
	"  -ff             with -o NAME: one file per process, NAME.PID\n"
	"  -p PID          attach to a running process (all its threads); Ctrl-C detaches\n"
	"  -o FILE         write the trace to FILE (default: stderr)\n"
	"  -e trace=SET    show only SET: names, %%file %%desc %%network %%process %%memory\n"
	"                  %%signal %%ipc %%creds, all; '!' negates. With -f, unselected\n"
	"                  syscalls do not stop the command at all (seccomp-BPF prefilter)\n"
	"  -e status=SET   show only calls that ended so: successful, failed, unfinished\n"
	"                  (never returned), unavailable, detached; all, none, '!'\n"
	"  -e signal=SET   show only these signals (names, numbers, all, none; '!' negates)\n"
	"  -e raw=SET      show SET's arguments and results undecoded, in hex\n"
	"  -e inject=SET:error=ERRNO|retval=N[:signal=SIG][:delay_enter=D][:delay_exit=D]\n"
	"           [:when=FIRST[..LAST][+[STEP]]]\n"
	"                  skip the chosen calls of SET, making them fail with ERRNO or\n"
	"                  return N; deliver SIG as they return; hold them back D\n"
	"                  (microseconds, or with s, ms, us, ns)\n"
	"  -s N            show at most N bytes of strings and buffers (default 32)\n"
	"  -y              print the path behind each file descriptor\n"
	"  -yy             and more: a socket's endpoints (TCP:[127.0.0.1:80->...]),\n"
	"                  a device's numbers (/dev/null<char 1:3>), a pidfd's process\n"
	"  -e decode-fds=SET  path, socket, dev, pidfd, all or none (-y: path)\n"
	"  -Y              print each pid with its command name (1234<cat>)\n"
	"  --decode-pids=comm,pidns  -Y, and pids of another pid namespace with\n"
	"                  their id in sysgate's\n"
	"  -t, -tt, -ttt   prefix lines with the time of day (-tt: with microseconds;\n"
	"                  -ttt: seconds since the epoch)\n"
	"  -r              prefix lines with the time since the previous one\n"
	"  --absolute-timestamps[=[format:]time|unix|none][,[precision:]s|ms|us|ns]\n"
	"  --relative-timestamps[=PRECISION], --syscall-times[=PRECISION]\n"
	"                  the same with the digits chosen\n"
	"  -a COLUMN       align results at COLUMN (default 40)\n"
	"  -n              print each syscall's number before its name\n"
	"  -i              print the instruction pointer of each call\n"
	"  -x, -xx         strings holding non-ASCII bytes in hex (-xx: every string)\n"
	"  -v              execve's environment in full, not as a count\n"
	"  -e read=FDS     dump in hex all the data read from FDS (numbers, all)\n"
	"  -e write=FDS    the same for the data written to FDS\n"
	"  -e trace-fds=FDS  only the calls on FDS (with -P: on FDS or PATH)\n"
	"  -e abbrev=SET   shorten SET's output (default all; -v: none)\n"
	"  -e verbose=SET  show SET's structures (default all; others as addresses)\n"
	"  -e kvm=vcpu     after each KVM_RUN's result, the reason its vcpu exited\n"
	"                  (= 0 (KVM_EXIT_HLT)); ptrace backend only\n"
	"  -X STYLE        named constants as names (abbrev), numbers (raw) or both\n"
	"                  (verbose: 0x3 /* PROT_READ|PROT_WRITE */)\n"
	"  -P PATH         only the calls that touch PATH (by name or by an fd on it)\n"
	"  -z, -Z          show only calls that succeeded (-z) or failed (-Z)\n"
	"  -q, -qq         no attach/detach messages; -qq: no \"+++ exited\" lines either\n"
	"  -b execve       let go of a process when it calls execve (the command's own\n"
	"                  first exec excepted): it runs on untraced\n"
	"  -I N            1, 2 (default): signals sent to sysgate reach the command (or,\n"
	"                  under -p and -D, detach); 3: sysgate holds back SIGHUP, SIGINT,\n"
	"                  SIGQUIT, SIGPIPE and SIGTERM; 4 (default with -D): SIGTSTP too\n"
	"  -D              run the tracer as the command's grandchild: the command keeps\n"
	"                  the process the caller started (its pid, its parent, its exit\n"
	"                  status) and runs on untraced if the tracer dies\n"
	"  -DD             and the tracer in a process group of its own\n"
	"  -DDD            and the tracer in a session of its own\n"
	"  --daemonize[=grandchild|pgroup|session]  -D, -DD, -DDD\n"
	"  -E VAR=VAL      set VAR in the command's environment (-E VAR: remove it)\n"
	"  -u USER         run the command as USER: uid, gid and groups (needs root)\n"
	"  -T              show the time spent in each call\n"
	"  -k              after each call, the stack of the thread that made it, one\n"
	"                  frame a line: OBJECT(FUNCTION+OFFSET) [ADDRESS IN OBJECT]\n"
	"  -c              count calls, errors and time per syscall; print a summary\n"
	"  -C              the trace, and the summary after it\n"
	"  -S BY           sort the summary by time (default), calls, errors, name,\n"
	"                  nothing (syscall number), min-time, max-time or avg-time\n"
	"  -w              summary times are wall-clock (always, here: strace's -w)\n"
	"  -U COLUMNS      the summary's columns: time-percent, total-time, min-time,\n"
	"                  max-time, avg-time, calls, errors, name\n"
	"  -O OVERHEAD     take OVERHEAD (microseconds, or with s, ms, us, ns) off each\n"
	"                  call's time\n"
	"  Long spellings, as strace's: --trace= --status= --inject= --fault= --output=\n"
	"  --summary-only --follow-forks --string-limit= --attach= --syscall-times\n"
	"  --absolute-timestamps --relative-timestamps --decode-fds[=SET] --columns=\n"
	"  --syscall-number --successful-only --failed-only --quiet[=exit] --seccomp-bpf\n"
	"  --user= --raw= --abbrev= --verbose= --no-abbrev --const-print-style=\n"
	"  --read= --write= --trace-fds= --kvm= --stack-trace(s) --output-separately (-ff)\n"
	"  --summary-columns= --summary-syscall-overhead=\n"
	"  --kill-on-exit (what sysgate always does to a command it started, -D aside)\n"
	"  -A              with -o: append to FILE (it is still replaced whole)\n"
	"  -d              say how the run is set up, and each process's start and end\n"
	"  -V              the version\n"
	"  --json          one JSON object per event (JSON Lines)\n"
	"  --backend B     how calls are observed: ptrace (stops in the kernel), sud\n"
	"                  (in-process, Syscall User Dispatch), rewrite (in-process,\n"
	"                  syscall sites rewritten into calls; needs page 0), ebpf\n"
	"                  (BPF programs in the kernel: -p without a stop, static\n"
	"                  programs; root), or auto (rewrite, else sud; where the agent\n"
	"                  cannot go, ebpf as root, else ptrace).\n"
	"                  Default: ptrace\n"
	"  --record FILE   write the run's records to FILE, undecoded (any backend); no\n"
	"                  lines unless -o is given too. FILE appears whole at the end,\n"
	"                  or not at all (strace's -w and -r mean other things here)\n"
	"  --replay FILE   print a recording, with -e trace=, -c, --json, -t, -T, -s...\n"
	"  --system-wide   every process of the machine but sysgate (ebpf; perf trace's -a,\n"
	"  --all-cpus      which strace spells as the column): while CMD runs, or until\n"
	"                  Ctrl-C\n"
	"  --cgroup PATH   every process of one cgroup v2 (a container, a service): a path,\n"
	"                  or one relative to the v2 root; ebpf, as --system-wide\n"
	"  --allow-page0   let rewrite lower vm.mmap_min_addr to 0 for the run\n"
	"                  (restored at exit)\n"
	"  --no-loader     sud/rewrite: do not hold each program with ptrace until the agent\n"
	"                  starts (~3 ms per exec here): the dynamic loader's calls are not\n"
	"                  shown, and programs that cannot load the agent run untraced\n"
	"\n"
	"Exit status: the command's, or 128+N when a signal N killed it.\n";

/* strace's quiet list: exit (or all) hides the "+++ exited" lines (as -qq),
 * anything else the attach and detach messages (as -q). */
static int set_quiet(struct trace_opts *o, const char *list)
{
	o->quiet = list && (strstr(list, "exit") || strstr(list, "all")) ? 2 : 1;
	return 0;
}

/* -e decode-fds=path,socket,dev,pidfd (all, none): what -yy shows of each. */
static int set_fd_details(struct trace_opts *o, const char *list)
{
	static const struct { const char *name; unsigned bits; } kinds[] = {
		{ "path", SG_FD_PATH }, { "socket", SG_FD_SOCKET }, { "dev", SG_FD_DEV },
		{ "pidfd", SG_FD_PIDFD }, { "all", SG_FD_ALL }, { "none", 0 },
	};
	char *copy = sg_xstrdup(list), *save = NULL;
	unsigned bits = 0;
	int rc = 0;

	for (char *tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
		size_t k = 0;
		while (k < sizeof(kinds) / sizeof(kinds[0]) && strcmp(tok, kinds[k].name) != 0)
			k++;
		if (k == sizeof(kinds) / sizeof(kinds[0]))
			rc = trace_fail(o, SG_EXIT_USAGE, "unknown fd detail '%s' in decode-fds=; use path, "
					"socket, dev, pidfd, all or none", tok);
		else
			bits |= kinds[k].bits;
	}
	free(copy);
	if (rc == 0)
		o->dec.fd_details = bits;
	return rc;
}

/* --decode-pids=comm,pidns (-Y: comm). */
static int set_decode_pids(struct trace_opts *o, const char *list)
{
	char *copy = sg_xstrdup(list), *save = NULL;
	int rc = 0;

	for (char *tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "comm") == 0)
			o->decode_pids |= SG_PIDS_COMM;
		else if (strcmp(tok, "pidns") == 0)
			o->decode_pids |= SG_PIDS_NS;
		else if (strcmp(tok, "none") == 0)
			o->decode_pids = 0;
		else
			rc = trace_fail(o, SG_EXIT_USAGE, "unknown --decode-pids value '%s'; use comm or "
					"pidns", tok);
	}
	free(copy);
	return rc;
}

static int set_dump(struct trace_opts *o, const char *spec, const char *what, bool *set,
		    const bool **dec)
{
	int rc = trace_fd_set(o, spec, what, set);

	if (rc == 0)
		*dec = set;
	return rc;
}

static int set_trace_fds(struct trace_opts *o, const char *spec)
{
	int rc = trace_fd_set(o, spec, "trace-fds", o->trace_fds);

	o->any_trace_fds = false;
	for (int fd = 0; rc == 0 && fd < SG_DUMP_FDS; fd++)
		o->any_trace_fds |= o->trace_fds[fd];
	return rc;
}

/* -e kvm=vcpu: the one value strace 6.1 knows. */
static int set_kvm(struct trace_opts *o, const char *what)
{
	if (strcmp(what, "vcpu") != 0)
		return trace_fail(o, SG_EXIT_USAGE, "invalid -e kvm= argument '%s'; the one there "
				  "is: vcpu", what);
	o->dec.kvm_vcpu = true;
	return 0;
}

static void parse_expr(struct trace_opts *o, const char *expr)
{
	int rc;

	if (strncmp(expr, "trace=", 6) == 0)
		rc = trace_select(o, expr + 6);
	else if (strncmp(expr, "status=", 7) == 0)
		rc = trace_status(o, expr + 7);
	else if (strncmp(expr, "inject=", 7) == 0)
		rc = trace_inject(o, expr + 7);
	else if (strncmp(expr, "raw=", 4) == 0)
		rc = trace_raw(o, expr + 4);
	else if (strncmp(expr, "abbrev=", 7) == 0)
		rc = trace_abbrev(o, expr + 7);
	else if (strncmp(expr, "verbose=", 8) == 0)
		rc = trace_verbose(o, expr + 8);
	else if (strncmp(expr, "decode-pids=", 12) == 0)
		rc = set_decode_pids(o, expr + 12);
	else if (strncmp(expr, "decode-fds=", 11) == 0)
		rc = set_fd_details(o, expr + 11);
	else if (strncmp(expr, "read=", 5) == 0 || strncmp(expr, "reads=", 6) == 0)
		rc = set_dump(o, strchr(expr, '=') + 1, "read", o->dump_read, &o->dec.dump_read);
	else if (strncmp(expr, "write=", 6) == 0 || strncmp(expr, "writes=", 7) == 0)
		rc = set_dump(o, strchr(expr, '=') + 1, "write", o->dump_write, &o->dec.dump_write);
	else if (strncmp(expr, "trace-fds=", 10) == 0 || strncmp(expr, "trace-fd=", 9) == 0 ||
		 strncmp(expr, "fd=", 3) == 0 || strncmp(expr, "fds=", 4) == 0)
		rc = set_trace_fds(o, strchr(expr, '=') + 1);
	else if (strncmp(expr, "quiet=", 6) == 0 || strncmp(expr, "silent=", 7) == 0)
		rc = set_quiet(o, strchr(expr, '=') + 1);
	else if (strncmp(expr, "signal=", 7) == 0 || strncmp(expr, "signals=", 8) == 0)
		rc = trace_signals(o, strchr(expr, '=') + 1);
	else if (strncmp(expr, "kvm=", 4) == 0)
		rc = set_kvm(o, expr + 4);
	else if (strchr(expr, '=') == NULL)
		rc = trace_select(o, expr); /* strace: "-e open" means trace=open */
	else
		rc = trace_fail(o, SG_EXIT_USAGE, "unknown -e expression '%s'; use trace=, status=, "
				"signal=, raw=, abbrev=, verbose=, read=, write=, trace-fds=, decode-fds=, "
				"kvm= or inject=", expr);
	if (rc < 0)
		sg_usage_error("trace", "%s", o->err.msg);
}

static void add_pid(struct trace_opts *o, const char *arg)
{
	long pid;

	if (sg_parse_long(arg, &pid) < 0 || pid <= 0 || pid > 4194304)
		sg_usage_error("trace", "invalid process id '%s'; -p takes a positive number", arg);
	o->attach = sg_xrealloc(o->attach, sizeof(pid_t) * (size_t)(o->nattach + 1));
	o->attach[o->nattach++] = (pid_t)pid;
}

static void parse_strsize(struct trace_opts *o, const char *arg)
{
	long n;

	if (sg_parse_long(arg, &n) < 0 || n < 0 || n > 1 << 20)
		sg_usage_error("trace", "invalid string size '%s'; -s takes a number from 0 to 1048576", arg);
	o->dec.strsize = (int)n;
	o->strsize_given = true;
}

static void parse_backend(struct trace_opts *o, const char *arg)
{
	o->backend_given = true;
	if (trace_backend_by_name(arg, &o->backend) == 0)
		return;
	sg_usage_error("trace", "unknown backend '%s'; use auto, ptrace, sud, rewrite or ebpf", arg);
}


static void parse(int argc, char **argv, struct trace_opts *o);

void trace_parse_options(int argc, char **argv, struct trace_opts *o)
{
	parse(argc, argv, o);
}

/* What a run with no option at all does. */
void trace_default_options(struct trace_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->select_all = true;
	o->status = STATUS_ALL;
	o->dec.strsize = 32;
	/* ptrace sees everything (the dynamic loader, signals nobody handles) and can
	 * attach: the default, as strace. auto is the fast choice. */
	o->backend = BACKEND_PTRACE;
	o->dec.text_only = true;
}

int trace_backend_by_name(const char *name, enum trace_backend *out)
{
	for (int b = BACKEND_AUTO; b <= BACKEND_EBPF; b++)
		if (strcmp(name, trace_backend_name((enum trace_backend)b)) == 0) {
			*out = (enum trace_backend)b;
			return 0;
		}
	return -EINVAL;
}

/* -E VAR=VAL sets VAR in the command's environment, -E VAR removes it. */
static void parse_env(const char *arg)
{
	const char *eq = strchr(arg, '=');
	int rc;

	if (eq == arg || !*arg)
		sg_usage_error("trace", "invalid -E '%s'; use -E VAR=VALUE or -E VAR", arg);
	if (eq) {
		char *name = strndup(arg, (size_t)(eq - arg));
		rc = name ? setenv(name, eq + 1, 1) : -1;
		free(name);
	} else {
		rc = unsetenv(arg);
	}
	if (rc < 0)
		sg_usage_error("trace", "cannot set '%s' in the environment", arg);
}

static void parse_sort(struct trace_opts *o, const char *arg)
{
	enum summary_sort by;

	if (summary_sort_by_name(arg, &by) < 0)
		sg_usage_error("trace", "invalid -S '%s'; sort by time, calls, errors, name, nothing, "
			       "min-time, max-time or avg-time", arg);
	o->summary_format.by = by;
}

/* -U time-percent,total-time,min-time,max-time,avg-time,calls,errors,name */
static void parse_columns(struct trace_opts *o, const char *arg)
{
	if (summary_columns_by_names(arg, &o->summary_format) < 0)
		sg_usage_error("trace", "invalid -U '%s'; columns: time-percent, total-time, "
			       "min-time, max-time, avg-time, calls, errors, name", arg);
}

/* -O OVERHEAD[UNIT]: microseconds unless s, ms, us or ns follows. */
static void parse_overhead(struct trace_opts *o, const char *arg)
{
	static const struct { const char *unit; double ns; } units[] = {
		{ "", 1e3 }, { "us", 1e3 }, { "ms", 1e6 }, { "s", 1e9 }, { "ns", 1 },
	};
	char *end;
	double v = strtod(arg, &end);

	for (size_t i = 0; end != arg && v >= 0 && v < 1e9 && i < SG_ARRAY_SIZE(units); i++)
		if (strcmp(end, units[i].unit) == 0) {
			o->summary_format.overhead_ns = (unsigned long long)(v * units[i].ns + 0.5);
			return;
		}
	sg_usage_error("trace", "invalid -O '%s'; give the overhead per call in microseconds, or "
		       "with s, ms, us or ns", arg);
}

/* USER's row of /etc/passwd. sysgate is linked statically, where glibc's name
 * service (getpwnam, initgroups) cannot load its modules: the files are read as
 * they are, with fgetpwent and fgetgrent. */
static bool find_user(const char *name, uid_t *uid, gid_t *gid)
{
	FILE *f = fopen("/etc/passwd", "re");
	struct passwd *pw;
	bool found = false;

	while (f && !found && (pw = fgetpwent(f)) != NULL)
		if (strcmp(pw->pw_name, name) == 0) {
			*uid = pw->pw_uid;
			*gid = pw->pw_gid;
			found = true;
		}
	if (f)
		fclose(f);
	return found;
}

/* The groups of /etc/group that list USER, after its own. */
static void find_groups(struct trace_opts *o, const char *name)
{
	FILE *f = fopen("/etc/group", "re");
	struct group *gr;

	o->groups[0] = o->gid;
	o->ngroups = 1;
	while (f && (gr = fgetgrent(f)) != NULL)
		for (char **m = gr->gr_mem; *m && o->ngroups < (int)SG_ARRAY_SIZE(o->groups); m++)
			if (strcmp(*m, name) == 0 && gr->gr_gid != o->gid)
				o->groups[o->ngroups++] = gr->gr_gid;
	if (f)
		fclose(f);
}

/* -u USER: resolved now, so that a wrong name is a usage error before anything runs. */
static void parse_user(struct trace_opts *o, const char *arg)
{
	if (!find_user(arg, &o->uid, &o->gid))
		sg_usage_error("trace", "unknown user '%s' in -u (not in /etc/passwd)", arg);
	if (geteuid() != 0)
		sg_usage_error("trace", "-u needs root, to change the command's user");
	o->user = arg;
	find_groups(o, arg);
}

/* -X raw|abbrev|verbose (--const-print-style=). */
static void parse_xlat_style(struct trace_opts *o, const char *arg)
{
	if (strcmp(arg, "abbrev") == 0)
		o->dec.xlat = SG_XLAT_ABBREV;
	else if (strcmp(arg, "raw") == 0)
		o->dec.xlat = SG_XLAT_RAW;
	else if (strcmp(arg, "verbose") == 0)
		o->dec.xlat = SG_XLAT_VERBOSE;
	else
		sg_usage_error("trace", "unknown constant style '%s' in -X; use raw, abbrev or verbose", arg);
}

/* --daemonize[=grandchild|pgroup|pgrp|session], as strace spells its values: the
 * number of -D's it stands for. */
static int parse_daemonize(const char *arg)
{
	static const struct { const char *name; enum trace_daemonize mode; } modes[] = {
		{ "grandchild", DAEMONIZE_GRANDCHILD }, { "pgroup", DAEMONIZE_PGROUP },
		{ "pgrp", DAEMONIZE_PGROUP }, { "session", DAEMONIZE_SESSION },
	};

	for (size_t i = 0; arg && i < SG_ARRAY_SIZE(modes); i++)
		if (strcmp(arg, modes[i].name) == 0)
			return (int)modes[i].mode;
	if (arg)
		sg_usage_error("trace", "invalid --daemonize '%s'; use grandchild, pgroup or session",
			       arg);
	return DAEMONIZE_GRANDCHILD;
}

/* -b execve (--detach-on=execve): the only event strace detaches on. */
static void parse_detach_on(struct trace_opts *o, const char *arg)
{
	if (strcmp(arg, "execve") != 0)
		sg_usage_error("trace", "unknown -b event '%s'; the one there is: execve", arg);
	o->detach_on_exec = true;
}

/* -I 1..4, or strace's names for them. */
static void parse_interruptible(struct trace_opts *o, const char *arg)
{
	static const char *const names[] = { "anywhere", "waiting", "never", "never_tstp" };
	long n = 0;

	for (int i = 0; i < 4; i++)
		if (strcmp(arg, names[i]) == 0)
			n = i + 1;
	if (!n && (sg_parse_long(arg, &n) < 0 || n < 1 || n > 4))
		sg_usage_error("trace", "invalid -I '%s'; use 1 (anywhere), 2 (waiting), 3 (never) "
			       "or 4 (never_tstp)", arg);
	o->interruptible = (int)n;
}

/* s, ms, us or ns: digits after the seconds' point. */
static int parse_precision(const char *arg, const char *option)
{
	static const char *const units[] = { "s", "ms", "us", "ns" };

	for (int i = 0; i < 4; i++)
		if (strcmp(arg, units[i]) == 0)
			return 3 * i;
	sg_usage_error("trace", "invalid precision '%s' in %s; use s, ms, us or ns", arg, option);
}

/* --absolute-timestamps[=[format:]none|time|unix][,[precision:]s|ms|us|ns]. */
static void parse_absolute(struct trace_opts *o, const char *arg, int *tcount)
{
	char *copy = sg_xstrdup(arg ? arg : ""), *save = NULL;
	int mode = 1, digits = 0;

	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const char *v = strchr(tok, ':') ? strchr(tok, ':') + 1 : tok;
		if (strcmp(v, "none") == 0 || strcmp(v, "time") == 0 || strcmp(v, "unix") == 0)
			mode = v[0] == 'n' ? -1 : v[0] == 't' ? 1 : 3;
		else
			digits = parse_precision(v, "--absolute-timestamps");
	}
	free(copy);
	*tcount = 0; /* settled here, whatever -t said before */
	o->out.time = mode < 0 ? SG_TIME_NONE : mode == 3 ? SG_TIME_EPOCH : SG_TIME_SEC;
	o->out.time_digits = digits;
}

static int parse_column(const char *arg)
{
	long n;

	if (sg_parse_long(arg, &n) < 0 || n < 0 || n > 1000)
		sg_usage_error("trace", "invalid column '%s'; -a takes a number from 0 to 1000", arg);
	return (int)n;
}

/* strace's long spellings; each either is a short option or takes -e's syntax. */
enum { OPT_SYSCALL_TIMES = 200, OPT_ABS_TIMES, OPT_REL_TIMES, OPT_SEPARATELY, OPT_KILL_ON_EXIT,
       OPT_DAEMONIZE };
enum { OPT_JSON = 256, OPT_BACKEND, OPT_PAGE0, OPT_NO_LOADER, OPT_TRACE, OPT_STATUS,
       OPT_INJECT, OPT_FAULT, OPT_SIGNAL, OPT_RAW, OPT_ABBREV, OPT_VERBOSE, OPT_READ, OPT_WRITE,
       OPT_TRACE_FDS, OPT_DECODE_FDS, OPT_DECODE_PIDS, OPT_KVM, OPT_SECCOMP_BPF, OPT_QUIET,
       OPT_RECORD, OPT_REPLAY, OPT_SYSTEM_WIDE, OPT_CGROUP };
static const struct option longopts[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "backend", required_argument, NULL, OPT_BACKEND },
	{ "record", required_argument, NULL, OPT_RECORD },
	{ "replay", required_argument, NULL, OPT_REPLAY },
	{ "system-wide", no_argument, NULL, OPT_SYSTEM_WIDE },
	{ "all-cpus", no_argument, NULL, OPT_SYSTEM_WIDE },
	{ "cgroup", required_argument, NULL, OPT_CGROUP },
	{ "allow-page0", no_argument, NULL, OPT_PAGE0 },
	{ "no-loader", no_argument, NULL, OPT_NO_LOADER },
	{ "help", no_argument, NULL, 'h' },
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "inject", required_argument, NULL, OPT_INJECT },
	{ "fault", required_argument, NULL, OPT_FAULT },
	{ "signal", required_argument, NULL, OPT_SIGNAL },
	{ "seccomp-bpf", no_argument, NULL, OPT_SECCOMP_BPF },
	{ "quiet", optional_argument, NULL, OPT_QUIET },
	{ "output", required_argument, NULL, 'o' },
	{ "summary-only", no_argument, NULL, 'c' },
	{ "summary", no_argument, NULL, 'C' },
	{ "summary-sort-by", required_argument, NULL, 'S' },
	{ "summary-wall-clock", no_argument, NULL, 'w' },
	{ "summary-columns", required_argument, NULL, 'U' },
	{ "summary-syscall-overhead", required_argument, NULL, 'O' },
	{ "follow-forks", no_argument, NULL, 'f' },
	{ "string-limit", required_argument, NULL, 's' },
	{ "attach", required_argument, NULL, 'p' },
	{ "syscall-times", optional_argument, NULL, OPT_SYSCALL_TIMES },
	{ "absolute-timestamps", optional_argument, NULL, OPT_ABS_TIMES },
	{ "relative-timestamps", optional_argument, NULL, OPT_REL_TIMES },
	{ "output-separately", no_argument, NULL, OPT_SEPARATELY },
	{ "kill-on-exit", no_argument, NULL, OPT_KILL_ON_EXIT },
	{ "daemonize", optional_argument, NULL, OPT_DAEMONIZE },
	{ "output-append-mode", no_argument, NULL, 'A' },
	{ "version", no_argument, NULL, 'V' },
	{ "debug", no_argument, NULL, 'd' },
	{ "decode-fds", optional_argument, NULL, OPT_DECODE_FDS },
	{ "columns", required_argument, NULL, 'a' },
	{ "syscall-number", no_argument, NULL, 'n' },
	{ "instruction-pointer", no_argument, NULL, 'i' },
	{ "trace-path", required_argument, NULL, 'P' },
	{ "successful-only", no_argument, NULL, 'z' },
	{ "failed-only", no_argument, NULL, 'Z' },
	{ "user", required_argument, NULL, 'u' },
	{ "raw", required_argument, NULL, OPT_RAW },
	{ "abbrev", required_argument, NULL, OPT_ABBREV },
	{ "verbose", required_argument, NULL, OPT_VERBOSE },
	{ "no-abbrev", no_argument, NULL, 'v' },
	{ "const-print-style", required_argument, NULL, 'X' },
	{ "read", required_argument, NULL, OPT_READ },
	{ "write", required_argument, NULL, OPT_WRITE },
	{ "trace-fds", required_argument, NULL, OPT_TRACE_FDS },
	{ "decode-pids", required_argument, NULL, OPT_DECODE_PIDS },
	{ "kvm", required_argument, NULL, OPT_KVM },
	{ "detach-on", required_argument, NULL, 'b' },
	{ "interruptible", required_argument, NULL, 'I' },
	{ "stack-traces", no_argument, NULL, 'k' },
	{ "stack-trace", no_argument, NULL, 'k' },
	{ NULL, 0, NULL, 0 },
};

/* One long option that spells an -e expression, or a flag of its own. */
static void parse_long(struct trace_opts *o, int c, const char *arg)
{
	static const char *const prefix[] = { [OPT_TRACE - OPT_TRACE] = "trace=",
					       [OPT_STATUS - OPT_TRACE] = "status=",
					       [OPT_INJECT - OPT_TRACE] = "inject=",
					       [OPT_FAULT - OPT_TRACE] = "inject=",
					       [OPT_SIGNAL - OPT_TRACE] = "signal=",
					       [OPT_RAW - OPT_TRACE] = "raw=",
					       [OPT_ABBREV - OPT_TRACE] = "abbrev=",
					       [OPT_VERBOSE - OPT_TRACE] = "verbose=",
					       [OPT_READ - OPT_TRACE] = "read=",
					       [OPT_WRITE - OPT_TRACE] = "write=",
					       [OPT_TRACE_FDS - OPT_TRACE] = "trace-fds=",
					       [OPT_DECODE_FDS - OPT_TRACE] = "decode-fds=",
					       [OPT_DECODE_PIDS - OPT_TRACE] = "decode-pids=",
					       [OPT_KVM - OPT_TRACE] = "kvm=" };
	char expr[1024];

	if (c == OPT_DECODE_FDS && !arg) {
		o->dec.fd_details = SG_FD_PATH; /* --decode-fds alone is -y */
	} else if (c >= OPT_TRACE && c <= OPT_KVM) {
		/* --fault=SET is --inject=SET:error=ENOSYS unless it says otherwise. */
		bool fault_default = c == OPT_FAULT && !strstr(arg, ":error=");
		if (snprintf(expr, sizeof(expr), "%s%s%s", prefix[c - OPT_TRACE], arg,
			     fault_default ? ":error=ENOSYS" : "") >= (int)sizeof(expr))
			sg_usage_error("trace", "option argument too long");
		parse_expr(o, expr);
	} else if (c == OPT_QUIET) {
		set_quiet(o, arg);
	}
	/* OPT_SECCOMP_BPF: with -f a subset is always filtered in the kernel. */
}

/* -D, -DD, -DDD: as many as strace takes, and only where strace takes them. A
 * command started this way is the caller's own, not sysgate's to kill. */
static void check_daemonize(struct trace_opts *o, int dcount, bool kill_on_exit)
{
	if (dcount > DAEMONIZE_SESSION)
		sg_usage_error("trace", "too many -D's (%d); -DDD is the most there is", dcount);
	o->daemonize = (enum trace_daemonize)dcount;
	if (!o->daemonize)
		return;
	if (o->nattach)
		sg_usage_error("trace", "-D/--daemonize does not go with -p: it starts a command");
	if (kill_on_exit)
		sg_usage_error("trace", "--kill-on-exit does not go with -D: the command is the "
			       "caller's own process, left to run if the tracer ends");
	/* strace's default with -D: the tracer holds back the signals that would end
	 * it; Ctrl-C and Ctrl-Z are for the command. */
	if (!o->interruptible)
		o->interruptible = 4;
}

/* What a recording cannot hold (the process's fds, maps and stack as the call
 * is made), and what a replay cannot do (start, attach, change calls). */
static void check_record(struct trace_opts *o)
{
	bool live = o->dec.fd_details || o->decode_pids || o->npaths || o->any_trace_fds;
	const char *mode = o->record ? "--record" : "--replay";

	if (o->record && o->replay)
		sg_usage_error("trace", "--record and --replay do not go together: record a run, "
			       "then replay the file");
	if (!o->record && !o->replay)
		return;
	if (o->stack_trace)
		sg_usage_error("trace", "-k does not go with %s: stacks are unwound with the "
			       "process's maps, gone by the replay; use -k without it", mode);
	if (live)
		sg_usage_error("trace", "-y, -Y, -P and -e trace-fds= do not go with %s: they look "
			       "at the process's fds as the call is made; use them without it", mode);
	if (o->detach_on_exec)
		sg_usage_error("trace", "-b does not go with %s", mode);
	if (o->dec.kvm_vcpu)
		sg_usage_error("trace", "-e kvm=vcpu does not go with %s: it reads the stopped "
			       "vcpu's memory", mode);
	if (o->record && (o->summary || o->summary_too))
		sg_usage_error("trace", "-c and -C summarize a recording when it is replayed: "
			       "sysgate trace --replay FILE -c");
	if (o->record && o->per_process)
		sg_usage_error("trace", "-ff splits a recording when it is replayed: sysgate trace "
			       "--replay FILE -ff -o NAME");
	if (o->replay && (o->cmd || o->nattach))
		sg_usage_error("trace", "--replay prints a recording; give it no command and no -p");
	if (o->replay && o->ninjects)
		sg_usage_error("trace", "-e inject= changes calls as they are made: give it with "
			       "--record");
	/* --record alone writes no lines; with -o, both. */
	if (o->record && !o->outfile) {
		o->record_only = true;
		o->outfile = "/dev/null";
	}
}

/* --system-wide, --cgroup: processes no one names, seen only by the eBPF
 * backend; with a command, while it runs, else until Ctrl-C. */
static void check_scope(struct trace_opts *o)
{
	const char *what = o->system_wide ? "--system-wide" : "--cgroup";

	if (!o->system_wide && !o->cgroup)
		return;
	if (o->system_wide && o->cgroup)
		sg_usage_error("trace", "give either --system-wide or --cgroup, not both");
	if (o->nattach)
		sg_usage_error("trace", "give either -p PID or %s, not both", what);
	if (o->replay)
		sg_usage_error("trace", "%s does not go with --replay: give it with --record", what);
	if (o->backend_given && o->backend != BACKEND_EBPF && o->backend != BACKEND_AUTO)
		sg_usage_error("trace", "%s needs --backend ebpf: only BPF programs see processes "
			       "sysgate did not start", what);
	o->backend = BACKEND_EBPF;
}

static void parse(int argc, char **argv, struct trace_opts *o)
{
	int c, tcount = 0, fcount = 0, dcount = 0;
	bool separately = false, kill_on_exit = false;

	trace_default_options(o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:fcCwyYTtrinqvxzZkAVdDho:s:p:e:a:E:S:P:u:X:b:I:U:O:", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': o->follow = true, fcount++; break;
		case 'c': o->summary = true; break;
		case 'C': o->summary_too = true; break;
		case 'S': parse_sort(o, optarg); break;
		case 'U': parse_columns(o, optarg); break;
		case 'O': parse_overhead(o, optarg); break;
		case 'w': break; /* summary times are wall-clock times already */
		case 'y': o->dec.fd_details = o->dec.fd_details ? SG_FD_ALL : SG_FD_PATH; break;
		case 'T': o->out.show_duration = true; break;
		case OPT_SYSCALL_TIMES:
			o->out.show_duration = true;
			o->out.duration_digits = optarg ? parse_precision(optarg, "--syscall-times") : 6;
			break;
		case OPT_ABS_TIMES: parse_absolute(o, optarg, &tcount); break;
		case OPT_REL_TIMES:
			o->out.time = SG_TIME_RELATIVE;
			o->out.time_digits = optarg ? parse_precision(optarg, "--relative-timestamps") : 6;
			break;
		case OPT_SEPARATELY: separately = true; break;
		case OPT_KILL_ON_EXIT: kill_on_exit = true; break;
		case 'D': dcount++; break;
		case OPT_DAEMONIZE: dcount = parse_daemonize(optarg); break;
		case 'A': o->out.append = true; break;
		case 'V': printf("sysgate trace -- version %s\n", SG_VERSION); exit(0);
		case 'd': o->debug = true; break;
		case 'k': o->stack_trace = true; break;
		case 't': tcount++; break;
		case 'r': o->out.time = SG_TIME_RELATIVE, o->out.time_digits = 6; break;
		case 'n': o->out.syscall_number = true; break;
		case 'i': o->out.show_ip = true; break;
		case 'x': o->dec.hex++; break;
		case 'v': parse_expr(o, "abbrev=none"); break;
		case 'X': parse_xlat_style(o, optarg); break;
		case 'Y': o->decode_pids |= SG_PIDS_COMM; break;
		case 'b': parse_detach_on(o, optarg); break;
		case 'I': parse_interruptible(o, optarg); break;
		case 'P':
			if (trace_add_path(o, optarg) < 0)
				sg_usage_error("trace", "%s", o->err.msg);
			break;
		case 'q': o->quiet++; break;
		case 'z': parse_expr(o, "status=successful"); break;
		case 'Z': parse_expr(o, "status=failed"); break;
		case 'a': o->out.column = parse_column(optarg); break;
		case 'E': parse_env(optarg); break;
		case 'u': parse_user(o, optarg); break;
		case 'o': o->outfile = optarg; break;
		case 's': parse_strsize(o, optarg); break;
		case 'p': add_pid(o, optarg); break;
		case 'e': parse_expr(o, optarg); break;
		case OPT_JSON: o->out.json = true; break;
		case OPT_BACKEND: parse_backend(o, optarg); break;
		case OPT_PAGE0: o->allow_page0 = true; break;
		case OPT_NO_LOADER: o->no_loader = true; break;
		case OPT_RECORD: o->record = optarg; break;
		case OPT_REPLAY: o->replay = optarg; break;
		case OPT_SYSTEM_WIDE: o->system_wide = true; break;
		case OPT_CGROUP: o->cgroup = optarg; break;
		case 'h': printf(usage); exit(0);
		default:
			if (c >= OPT_TRACE && c <= OPT_QUIET)
				parse_long(o, c, optarg);
			else
				sg_getopt_error("trace", c, argv);
		}
	}
	if (tcount) {
		o->out.time = tcount == 1 ? SG_TIME_SEC : tcount == 2 ? SG_TIME_USEC : SG_TIME_EPOCH;
		o->out.time_digits = tcount == 1 ? 0 : 6;
	}
	if (separately)
		fcount = fcount > 2 ? fcount : 2; /* --output-separately: -ff's files */
	if (kill_on_exit && o->nattach)
		sg_usage_error("trace", "--kill-on-exit does not go with -p: an attached process is "
			       "not sysgate's to kill");
	check_daemonize(o, dcount, kill_on_exit);
	o->out.quiet_exit = o->quiet >= 2;
	if (o->summary)
		o->summary_too = false; /* -c wins, as in strace */
	/* -ff: a file per process, with -o (without it strace just follows). */
	o->per_process = fcount >= 2 && o->outfile && !o->summary;
	/* The agent cannot enter a running process, nor trace from outside. */
	if (o->nattach && (o->backend == BACKEND_SUD || o->backend == BACKEND_REWRITE))
		sg_usage_error("trace", "-p attaches to a running process, which the agent cannot "
			       "enter: use --backend ptrace, ebpf or auto");
	if (o->daemonize && (o->backend == BACKEND_SUD || o->backend == BACKEND_REWRITE))
		sg_usage_error("trace", "-D traces the command from outside, which needs --backend "
			       "ptrace (or auto): only ptrace can do it");
	/* The agent's copy of a call's memory holds its arguments, not the vcpu's
	 * struct kvm_run, which -e kvm=vcpu reads where the process mapped it. */
	if (o->dec.kvm_vcpu && (o->backend == BACKEND_SUD || o->backend == BACKEND_REWRITE))
		sg_usage_error("trace", "-e kvm=vcpu needs --backend ptrace (or auto): it reads the "
			       "vcpu's struct kvm_run in the stopped process");
	o->out.pid_prefix = o->follow || o->nattach > 1 || o->system_wide || o->cgroup;
	o->dec.text_only = !o->out.json;
	sg_decode_set_xlat(o->dec.xlat);
	sg_decode_set_pids(o->decode_pids);
	/* As strace: the command starts at the first word that is not an option,
	 * with or without "--" before it. */
	if (optind < argc)
		o->cmd = &argv[optind];
	check_record(o);
	check_scope(o);
	if (!o->cmd && o->nattach == 0 && !o->replay && !o->system_wide && !o->cgroup)
		sg_usage_error("trace", "no command to trace; use: sysgate trace [OPTIONS] CMD [ARGS] or -p PID");
	if (o->cmd && o->nattach)
		sg_usage_error("trace", "give either a command or -p PID, not both");
	/* A subset stops only on what was asked for, as strace's --seccomp-bpf does,
	 * and, as there, only with -f: the filter is inherited by every child, and
	 * in a child nobody traces SECCOMP_RET_TRACE fails the call with ENOSYS. */
	o->prefilter = !o->select_all && o->cmd && o->follow;
	/* ...and a process let go at its execve (-b) keeps its filter: its traced
	 * calls would fail with ENOSYS, untraced. So no prefilter with -b. */
	if (o->detach_on_exec)
		o->prefilter = false;
}

void trace_free_options(struct trace_opts *o)
{
	for (int i = 0; i < o->npaths; i++)
		free(o->paths[i]);
	free(o->attach);
	free(o->injects);
}

void trace_apply_interruptible(const struct trace_opts *o)
{
	sigset_t held;

	if (o->interruptible < 3)
		return;
	sigemptyset(&held);
	sigaddset(&held, SIGHUP);
	sigaddset(&held, SIGINT);
	sigaddset(&held, SIGQUIT);
	sigaddset(&held, SIGPIPE);
	sigaddset(&held, SIGTERM);
	if (o->interruptible == 4)
		sigaddset(&held, SIGTSTP);
	sigprocmask(SIG_BLOCK, &held, NULL);
}
