/* Command-line options of sysgate trace, in strace's spelling. */
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "trace_int.h"

static const char usage[] =
	"usage: sysgate trace [OPTIONS] [--] CMD [ARGS...]\n"
	"       sysgate trace [OPTIONS] -p PID [-p PID...]\n"
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
	"  -e status=S     show only calls that failed or were successful\n"
	"  -e signal=SET   show only these signals (names, numbers, all, none; '!' negates)\n"
	"  -e raw=SET      show SET's arguments and results undecoded, in hex\n"
	"  -e inject=SYSCALL:error=ERRNO[:when=N[+]]\n"
	"                  make the Nth call (or every from the Nth) fail with ERRNO\n"
	"  -s N            show at most N bytes of strings and buffers (default 32)\n"
	"  -y              print the path behind each file descriptor\n"
	"  -t, -tt, -ttt   prefix lines with the time of day (-tt: with microseconds;\n"
	"                  -ttt: seconds since the epoch)\n"
	"  -r              prefix lines with the time since the previous one\n"
	"  -a COLUMN       align results at COLUMN (default 40)\n"
	"  -n              print each syscall's number before its name\n"
	"  -i              print the instruction pointer of each call\n"
	"  -x, -xx         strings holding non-ASCII bytes in hex (-xx: every string)\n"
	"  -v              execve's environment in full, not as a count\n"
	"  -P PATH         only the calls that touch PATH (by name or by an fd on it)\n"
	"  -z, -Z          show only calls that succeeded (-z) or failed (-Z)\n"
	"  -q, -qq         no attach/detach messages; -qq: no \"+++ exited\" lines either\n"
	"  -E VAR=VAL      set VAR in the command's environment (-E VAR: remove it)\n"
	"  -u USER         run the command as USER: uid, gid and groups (needs root)\n"
	"  -T              show the time spent in each call\n"
	"  -k              after each call, the stack of the thread that made it, one\n"
	"                  frame a line: OBJECT(FUNCTION+OFFSET) [ADDRESS IN OBJECT]\n"
	"  -c              count calls, errors and time per syscall; print a summary\n"
	"  -C              the trace, and the summary after it\n"
	"  -S BY           sort the summary by time (default), calls, errors, name or\n"
	"                  nothing (syscall number)\n"
	"  -w              summary times are wall-clock (always, here: strace's -w)\n"
	"  Long spellings, as strace's: --trace= --status= --inject= --fault= --output=\n"
	"  --summary-only --follow-forks --string-limit= --attach= --syscall-times\n"
	"  --absolute-timestamps --relative-timestamps --decode-fds --columns=\n"
	"  --syscall-number --successful-only --failed-only --quiet[=exit] --seccomp-bpf\n"
	"  --user= --raw= --stack-trace(s)\n"
	"  --json          one JSON object per event (JSON Lines)\n"
	"  --backend B     how calls are observed: ptrace (stops in the kernel), sud\n"
	"                  (in-process, Syscall User Dispatch), rewrite (in-process,\n"
	"                  syscall sites rewritten into calls; needs page 0), or auto\n"
	"                  (rewrite, else sud, else ptrace). Default: ptrace\n"
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
	else if (strncmp(expr, "quiet=", 6) == 0 || strncmp(expr, "silent=", 7) == 0)
		rc = set_quiet(o, strchr(expr, '=') + 1);
	else if (strncmp(expr, "signal=", 7) == 0 || strncmp(expr, "signals=", 8) == 0)
		rc = trace_signals(o, strchr(expr, '=') + 1);
	else if (strchr(expr, '=') == NULL)
		rc = trace_select(o, expr); /* strace: "-e open" means trace=open */
	else
		rc = trace_fail(o, SG_EXIT_USAGE, "unknown -e expression '%s'; use trace=, status=, "
				"signal=, raw= or inject=", expr);
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
}

static void parse_backend(struct trace_opts *o, const char *arg)
{
	if (trace_backend_by_name(arg, &o->backend) == 0)
		return;
	sg_usage_error("trace", "unknown backend '%s'; use auto, ptrace, sud or rewrite", arg);
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
	o->dec.strsize = 32;
	/* ptrace sees everything (the dynamic loader, signals nobody handles) and can
	 * attach: the default, as strace. auto is the fast choice. */
	o->backend = BACKEND_PTRACE;
	o->dec.text_only = true;
}

int trace_backend_by_name(const char *name, enum trace_backend *out)
{
	for (int b = BACKEND_AUTO; b <= BACKEND_REWRITE; b++)
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
		sg_usage_error("trace", "invalid -S '%s'; sort by time, calls, errors, name or nothing",
			       arg);
	o->summary_sort = by;
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

static int parse_column(const char *arg)
{
	long n;

	if (sg_parse_long(arg, &n) < 0 || n < 0 || n > 1000)
		sg_usage_error("trace", "invalid column '%s'; -a takes a number from 0 to 1000", arg);
	return (int)n;
}

/* strace's long spellings; each either is a short option or takes -e's syntax. */
enum { OPT_JSON = 256, OPT_BACKEND, OPT_PAGE0, OPT_NO_LOADER, OPT_TRACE, OPT_STATUS,
       OPT_INJECT, OPT_FAULT, OPT_SIGNAL, OPT_RAW, OPT_SECCOMP_BPF, OPT_QUIET };
static const struct option longopts[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "backend", required_argument, NULL, OPT_BACKEND },
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
	{ "follow-forks", no_argument, NULL, 'f' },
	{ "string-limit", required_argument, NULL, 's' },
	{ "attach", required_argument, NULL, 'p' },
	{ "syscall-times", no_argument, NULL, 'T' },
	{ "absolute-timestamps", no_argument, NULL, 't' },
	{ "relative-timestamps", no_argument, NULL, 'r' },
	{ "decode-fds", no_argument, NULL, 'y' },
	{ "columns", required_argument, NULL, 'a' },
	{ "syscall-number", no_argument, NULL, 'n' },
	{ "instruction-pointer", no_argument, NULL, 'i' },
	{ "trace-path", required_argument, NULL, 'P' },
	{ "successful-only", no_argument, NULL, 'z' },
	{ "failed-only", no_argument, NULL, 'Z' },
	{ "user", required_argument, NULL, 'u' },
	{ "raw", required_argument, NULL, OPT_RAW },
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
					       [OPT_RAW - OPT_TRACE] = "raw=" };
	char expr[1024];

	if (c >= OPT_TRACE && c <= OPT_RAW) {
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

static void parse(int argc, char **argv, struct trace_opts *o)
{
	int c, tcount = 0, fcount = 0;

	trace_default_options(o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:fcCwyTtrinqvxzZkho:s:p:e:a:E:S:P:u:", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': o->follow = true, fcount++; break;
		case 'c': o->summary = true; break;
		case 'C': o->summary_too = true; break;
		case 'S': parse_sort(o, optarg); break;
		case 'w': break; /* summary times are wall-clock times already */
		case 'y': o->dec.show_paths = true; break;
		case 'T': o->out.show_duration = true; break;
		case 'k': o->stack_trace = true; break;
		case 't': tcount++; break;
		case 'r': o->out.time = SG_TIME_RELATIVE; break;
		case 'n': o->out.syscall_number = true; break;
		case 'i': o->out.show_ip = true; break;
		case 'x': o->dec.hex++; break;
		case 'v': o->dec.verbose = true; break;
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
		case 'h': printf(usage); exit(0);
		default:
			if (c >= OPT_TRACE && c <= OPT_QUIET)
				parse_long(o, c, optarg);
			else
				sg_getopt_error("trace", c, argv);
		}
	}
	if (tcount)
		o->out.time = tcount == 1 ? SG_TIME_SEC : tcount == 2 ? SG_TIME_USEC : SG_TIME_EPOCH;
	o->out.quiet_exit = o->quiet >= 2;
	if (o->summary)
		o->summary_too = false; /* -c wins, as in strace */
	/* -ff: a file per process, with -o (without it strace just follows). */
	o->per_process = fcount >= 2 && o->outfile && !o->summary;
	const char *ptrace_only = o->summary_too	 ? "-C" :
				  o->out.show_ip	 ? "-i" :
				  o->per_process	 ? "-ff" :
				  o->dec.verbose	 ? "-v" :
				  o->npaths		 ? "-P" :
				  o->user		 ? "-u" :
				  o->stack_trace	 ? "-k" :
							   NULL;
	if (ptrace_only && o->backend != BACKEND_PTRACE)
		sg_usage_error("trace", "%s works with --backend ptrace only for now; drop --backend",
			       ptrace_only);
	/* Only ptrace can attach to a running process or skip a call. */
	if ((o->nattach || o->ninjects) && (o->backend == BACKEND_SUD || o->backend == BACKEND_REWRITE))
		sg_usage_error("trace", "%s needs --backend ptrace (or auto): only ptrace can do it",
			       o->nattach ? "-p attaches to a running process, which" : "-e inject= skips calls, which");
	o->out.pid_prefix = o->follow || o->nattach > 1;
	o->dec.text_only = !o->out.json;
	/* As strace: the command starts at the first word that is not an option,
	 * with or without "--" before it. */
	if (optind < argc)
		o->cmd = &argv[optind];
	if (!o->cmd && o->nattach == 0)
		sg_usage_error("trace", "no command to trace; use: sysgate trace [OPTIONS] CMD [ARGS] or -p PID");
	if (o->cmd && o->nattach)
		sg_usage_error("trace", "give either a command or -p PID, not both");
	/* A subset stops only on what was asked for, as strace's --seccomp-bpf does,
	 * and, as there, only with -f: the filter is inherited by every child, and
	 * in a child nobody traces SECCOMP_RET_TRACE fails the call with ENOSYS. */
	o->prefilter = !o->select_all && o->cmd && o->follow;
}

void trace_free_options(struct trace_opts *o)
{
	for (int i = 0; i < o->npaths; i++)
		free(o->paths[i]);
	free(o->attach);
	free(o->injects);
}
