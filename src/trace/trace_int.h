/* Internal to src/trace. */
#ifndef SG_TRACE_TRACE_INT_H
#define SG_TRACE_TRACE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/decode.h"
#include "core/output.h"
#include "core/syscalls.h"
#include "ring.h"

/* -e status=: which ends of a call are shown (a set of bits). */
enum trace_status_filter {
	STATUS_SUCCESSFUL = 1, STATUS_FAILED = 2, STATUS_UNFINISHED = 4, STATUS_UNAVAILABLE = 8,
	STATUS_DETACHED = 16, STATUS_ALL = 31,
};

/* How syscalls are observed: by ptrace stops, or in-process by the agent library
 * (Syscall User Dispatch, or rewritten syscall sites); auto picks per command. */
enum trace_backend { BACKEND_AUTO, BACKEND_PTRACE, BACKEND_SUD, BACKEND_REWRITE, BACKEND_EBPF };

/* -e inject=: one syscall and what is done to it (ring.h: shared with the agent). */
struct inject_rule {
	int nr;
	struct sg_inject how;
};

/* A failure that ends a run before it starts: one line for sysgate to print
 * (trace.c does) and the status it exits with. */
struct trace_err {
	char msg[512];
	int status;
};

/* summary.c: how -c's table is sorted (-S) and laid out (-U, -O). */
enum summary_sort { SUMMARY_BY_TIME, SUMMARY_BY_CALLS, SUMMARY_BY_ERRORS, SUMMARY_BY_NAME,
		    SUMMARY_BY_NUMBER, SUMMARY_BY_MIN_TIME, SUMMARY_BY_MAX_TIME,
		    SUMMARY_BY_AVG_TIME };
/* -S NAME: time, calls, errors, name, nothing, min-time, max-time, avg-time (and
 * strace's other spellings); 0, or -EINVAL. */
int summary_sort_by_name(const char *name, enum summary_sort *out);
/* -U: the summary's columns, in order. */
enum summary_column { COL_PERCENT, COL_TOTAL, COL_MIN, COL_MAX, COL_AVG, COL_CALLS,
		      COL_ERRORS, COL_NAME, COL_COUNT };
struct summary_format {
	enum summary_sort by;
	enum summary_column columns[COL_COUNT];
	int ncolumns;			/* 0: strace's default six */
	unsigned long long overhead_ns; /* -O: taken off each call's time */
};

struct trace_opts {
	struct trace_err err;	/* set by whatever could not be done */
	bool follow;		/* -f */
	bool per_process;	/* -ff with -o: one file per process */
	pid_t *attach;		/* -p PID... */
	int nattach;
	char **cmd;		/* after "--" */
	const char *outfile;	/* -o */
	const char *record;	/* --record FILE: the run's records, undecoded (record.h) */
	bool record_only;	/* ...and no lines: no -o beside it */
	const char *replay;	/* --replay FILE: a recording printed */
	bool strsize_given;	/* -s was given (a replay takes the recording's otherwise) */
	/* --backend auto chose ebpf, and the kernel refused its programs: nothing
	 * was started, and ptrace is to run instead (o->err says why). */
	bool ebpf_refused;
	bool summary;		/* -c */
	bool summary_too;	/* -C: the trace, then the summary */
	struct summary_format summary_format; /* -S, -U, -O */
	bool select_all;	/* no -e trace= given, or it selects everything */
	bool selected[SG_NR_SYSCALLS];
	bool raw[SG_NR_SYSCALLS]; /* -e raw=: shown undecoded (dec.raw points here) */
	bool no_abbrev[SG_NR_SYSCALLS]; /* -v, -e abbrev=: not shortened (dec.no_abbrev) */
	bool no_deref[SG_NR_SYSCALLS];	/* -e verbose=: structures as addresses (dec.no_deref) */
	bool dump_read[SG_DUMP_FDS];	/* -e read=: fds whose reads are dumped (dec.dump_read) */
	bool dump_write[SG_DUMP_FDS];	/* -e write=: the same for writes */
	bool trace_fds[SG_DUMP_FDS];	/* -e trace-fds=: only calls on these fds (and -P's) */
	bool any_trace_fds;
	unsigned decode_pids;		/* -Y, --decode-pids=: SG_PIDS_COMM, SG_PIDS_NS */
	bool detach_on_exec;		/* -b execve: let go of a process at its execve */
	int interruptible;		/* -I: 1, 2 (default), 3, 4 (see trace_apply_interruptible) */
	bool debug;			/* -d: how the run is set up, on stderr */
	/* -D, -DD, -DDD (--daemonize=): the command keeps sysgate's process and the
	 * tracer runs as its grandchild, in its own process group (-DD) or session
	 * (-DDD); 0: the tracer is the command's parent, as usual. */
	enum trace_daemonize { DAEMONIZE_NONE, DAEMONIZE_GRANDCHILD, DAEMONIZE_PGROUP,
			       DAEMONIZE_SESSION } daemonize;
	bool prefilter;		/* seccomp-BPF: unselected syscalls never stop */
	unsigned status;	/* -e status=: enum trace_status_filter bits shown */
	bool sig_hidden[65];	/* -e signal=: the signals whose lines are not shown */
	char *paths[32];	/* -P: only calls touching these (ptrace backend) */
	int npaths;
	struct inject_rule *injects;
	int ninjects;
	enum trace_backend backend; /* --backend */
	bool backend_given;	    /* ...given, not the default */
	bool system_wide;	    /* --system-wide: every process but sysgate (ebpf) */
	const char *cgroup;	    /* --cgroup PATH: every process of a cgroup v2 (ebpf) */
	bool allow_page0;	    /* --allow-page0: lower vm.mmap_min_addr for the run */
	bool no_loader;		    /* --no-loader: no ptrace until the agent starts */
	bool stack_trace;	    /* -k: each call's user-space stack after its line */
	int quiet;		    /* -q: no attach/detach messages; -qq: no exit lines */
	const char *user;	    /* -u: run the command as this user (uid, gid, groups) */
	uid_t uid;
	gid_t gid;
	gid_t groups[64];	    /* its own group first, then those listing it */
	int ngroups;
	/* sysgate learn: called at every syscall entry that is shown. */
	void (*on_call)(void *ctx, long nr, const uint64_t *args);
	void *on_call_ctx;
	/* sysgate advise: every event goes here instead of to the writers. */
	void (*on_event)(void *ctx, const struct sg_event *ev);
	void *on_event_ctx;
	/* -k for observers: see tracee_stack_wanted; stack_sample 0: every call */
	unsigned stack_sample, stack_every;
	unsigned data_sample, data_every; /* observers in-process: sg_trace_watch's */
	struct sg_output_opts out;
	struct sg_decode_opts dec;
};

/* options.c: parse argv; dies with one clear line on bad input. */
void trace_parse_options(int argc, char **argv, struct trace_opts *o);
/* What a run with no option at all does (for callers that set the options). */
void trace_default_options(struct trace_opts *o);
/* "auto", "ptrace", "sud" or "rewrite": 0 and *out, or -EINVAL. */
int trace_backend_by_name(const char *name, enum trace_backend *out);
void trace_free_options(struct trace_opts *o);
/* -I 3 and 4: once the command runs, sysgate holds back (blocks) the fatal signals
 * sent to it, 4 also SIGTSTP: they neither end the trace nor reach the command
 * through sysgate. 1 and 2 leave them to their handlers (passed on to the command,
 * or, under -p, a detach). */
void trace_apply_interruptible(const struct trace_opts *o);
/* select.c: "-e trace=SPEC", "-e status=SPEC", "-e inject=SPEC". 0 or -1 (reported). */
int trace_select(struct trace_opts *o, const char *spec);
int trace_raw(struct trace_opts *o, const char *spec);
/* "-e abbrev=SPEC", "-e verbose=SPEC": the calls shortened, the calls whose
 * structures are shown; every other call the opposite. */
int trace_abbrev(struct trace_opts *o, const char *spec);
int trace_verbose(struct trace_opts *o, const char *spec);
/* "-e read=SET", "-e write=SET", "-e trace-fds=SET": fd numbers, all, none, '!'. */
int trace_fd_set(struct trace_opts *o, const char *spec, const char *what, bool *out);
int trace_status(struct trace_opts *o, const char *spec);
int trace_inject(struct trace_opts *o, const char *spec);
/* The index in o->injects of nr's rule (one per syscall), or -1. */
int trace_inject_index(const struct trace_opts *o, long nr);
int trace_signals(struct trace_opts *o, const char *spec);
/* -e signal=: is a signal's line shown? */
static inline bool trace_signal_shown(const struct trace_opts *o, int sig)
{
	return !(sig > 0 && sig < 65 && o->sig_hidden[sig]);
}

/* paths.c: -P PATH. */
int trace_add_path(struct trace_opts *o, const char *path); /* 0 or -1 (reported) */
bool trace_touches_path(const struct trace_opts *o, const struct sg_call *c);

/* per_process.c: -ff -o NAME, a file NAME.PID per traced process. */
struct per_process;
struct per_process *per_process_new(const char *base, const struct sg_output_opts *o);
struct sg_output *per_process_out(struct per_process *pp, pid_t pid); /* NULL: failed */
void per_process_end(struct per_process *pp, pid_t pid);
int per_process_close_all(struct per_process *pp);

/* summary.c: -c. */
struct trace_summary;
struct trace_summary *summary_new(void);
void summary_add(struct trace_summary *s, long nr, bool failed, unsigned long long ns);
/* Many calls at once (the in-process backends count in the program). */
void summary_add_counts(struct trace_summary *s, long nr, unsigned long calls,
			unsigned long errors, unsigned long long ns);
/* -U LIST: 0, or -EINVAL (an unknown name). */
int summary_columns_by_names(const char *list, struct summary_format *f);
void summary_print(const struct trace_summary *s, const struct summary_format *f, FILE *fp);
void summary_free(struct trace_summary *s);

/* prefilter.c: load, in the child before exec, a filter that makes only the
 * selected syscalls stop the tracee. 0 or -errno. */
int prefilter_load(const struct trace_opts *o);

/* Fill o->err (exit status status) and return -1. */
int trace_fail(struct trace_opts *o, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ptrace.c: run the tracer. Returns the exit status sysgate should exit with
 * (o->err says why when it could not start). */
int trace_run(struct trace_opts *o);

/* backend.c: the backend for this run (auto resolved) into *b; -1 (o->err) when
 * an explicit choice cannot work. */
int trace_pick_backend(struct trace_opts *o, enum trace_backend *b);
/* ebpf.c: why the eBPF backend cannot do what the options ask, or NULL. */
const char *ebpf_unsupported(const struct trace_opts *o);
const char *trace_backend_name(enum trace_backend b);
/* The agent library beside sysgate, or NULL. */
const char *trace_agent_path(void);
/* Is this mapped object the in-process agent? */
bool trace_is_agent_object(const char *path);

/* inproc.c: run the command under the agent. Returns sysgate's exit status. */
int inproc_run(struct trace_opts *o, enum trace_backend b);

#endif
