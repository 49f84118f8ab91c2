/* Internal interfaces of `sysgate stat`; only src/stat/ includes this. */
#ifndef SG_STAT_STAT_INT_H
#define SG_STAT_STAT_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/perf_event.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/types.h>

#include "core/syscalls.h"
#include "core/tracefs.h"
#include "stat/count_abi.h"

/* The counters every measured task gets. Syscall names come from the sampler
 * (sampler.c), not from counters. */
enum stat_counter {
	SC_SYSCALLS,	     /* raw_syscalls:sys_enter */
	SC_FAULTS_USER,	     /* software event, faults user code took */
	SC_FAULTS_ALL,	     /* software event, user code and the kernel on its behalf */
	SC_FAULTS_MINOR,     /* software event, user-mode faults only */
	SC_FAULTS_MAJOR,     /* software event, user-mode faults only */
	SC_IRQ_TIMER,	     /* irq_vectors:local_timer_entry */
	SC_IRQ_RESCHED,	     /* irq_vectors:reschedule_entry */
	SC_IRQ_CALL,	     /* irq_vectors:call_function_entry */
	SC_IRQ_CALL_SINGLE,  /* irq_vectors:call_function_single_entry */
	SC_IRQ_DEVICE,	     /* irq:irq_handler_entry */
	SC_SIGNALS,	     /* signal:signal_deliver */
	SC_MIGRATIONS,	     /* software event */
	SC_CONTEXT_SWITCHES, /* software event */
	SC_TASK_CLOCK,	     /* software event, nanoseconds on a CPU */
	SC_COUNT
};

/* What this kernel offers, resolved once from tracefs. */
struct stat_events {
	bool available[SC_COUNT];
	uint64_t tracepoint_id[SC_COUNT]; /* for tracepoint counters */
	size_t syscall_id_offset;	  /* of the syscall number in a raw sys_enter record */
	bool have_syscall_id;
};

/* Counters opened on one task (a thread for -p, the forked child otherwise). */
struct stat_task {
	pid_t tid;
	int fd[SC_COUNT];
};

/* Summed counts plus the process-level numbers around them. */
struct stat_result {
	bool have[SC_COUNT];
	uint64_t count[SC_COUNT];
	/* Syscalls by number, from samples of every sys_enter. Samples the kernel
	 * had to drop (reader too slow) are counted, but not named, in lost. */
	bool have_syscall_names;
	uint64_t syscall_by_nr[SG_NR_SYSCALLS];
	uint64_t syscall_other_nr; /* numbers the table does not name (x32, new ones) */
	uint64_t syscall_lost;
	const char *names_by; /* "bpf" (counted in the kernel) or "samples" */
	int bpf_refused;      /* samples because BPF was refused: its errno */

	double wall_s;
	bool have_cpu_split;
	double user_s, system_s;
	bool have_csw_split;
	bool csw_split_approx; /* -p: sampled from /proc, not exact */
	uint64_t csw_voluntary, csw_involuntary;

	/* Command mode. */
	char **argv;
	int exit_status;
	int term_signal; /* 0 unless the command was killed */
	/* -a, --cgroup (scope_label: "the machine", "cgroup PATH"); counted by CPU. */
	const char *scope_label;
	bool machine;	    /* -a */
	const char *cgroup; /* --cgroup's directory */
	/* -p mode. */
	const pid_t *pids;
	int npids;
	bool interrupted; /* stopped by a signal to sysgate, not by the process exiting */
};

/* How each fixed counter is made: a tracepoint (group:event) or a software event. */
struct stat_counter_spec {
	const char *group, *event; /* tracepoint, or NULL for a software event */
	uint64_t sw_config;	   /* PERF_COUNT_SW_* */
	bool user_only;		   /* exclude_kernel: count what user mode caused */
	bool required;		   /* stat cannot work without it */
};
const struct stat_counter_spec *stat_counter_spec(enum stat_counter c);

/* events.c */
int stat_events_resolve(struct stat_events *ev);

/* counters.c */
enum stat_open_mode { STAT_OPEN_ON_EXEC, STAT_OPEN_ATTACH };
int stat_task_open(struct stat_task *t, const struct stat_events *ev, pid_t tid,
		   enum stat_open_mode mode);
/* The same counters on one CPU, for every task there or, cgroup_fd >= 0, for
 * those of that cgroup (v2): opened disabled, enabled with stat_task_ioctl. */
int stat_cpu_open(struct stat_task *t, const struct stat_events *ev, int cpu, int cgroup_fd);
int stat_task_ioctl(struct stat_task *t, unsigned long req);
void stat_task_accumulate(const struct stat_task *t, struct stat_result *r);
void stat_task_close(struct stat_task *t);
/* Let a short-lived child pay for releasing the tracepoints after we exit. */
void stat_release_in_background(void);
int stat_raise_fd_limit(unsigned long want);
const char *stat_open_error_hint(int err);
int stat_perf_open(struct perf_event_attr *attr, pid_t tid, int cpu);
void stat_init_attr(struct perf_event_attr *a, uint32_t type, uint64_t config,
		    enum stat_open_mode mode);

/* sampler.c: names syscalls by counting them in the kernel with BPF
 * (bpf_count.c), or by sampling every sys_enter into per-CPU ring buffers (see
 * the file for why not one counter per syscall). */
enum stat_names {
	STAT_NAMES_AUTO,    /* BPF where the kernel takes it, else samples */
	STAT_NAMES_BPF,	    /* BPF or an error */
	STAT_NAMES_SAMPLES, /* perf samples */
};
struct stat_sampler;
struct stat_scope;
int stat_sampler_new(const struct stat_events *ev, enum stat_names how,
		     const struct stat_scope *sc, struct stat_sampler **out);
int stat_sampler_attach(struct stat_sampler *s, pid_t tid, enum stat_open_mode mode);
/* Whether the sampler counts every call itself (BPF): the total needs no perf
 * counter of its own. */
bool stat_sampler_counts_all(const struct stat_sampler *s);
int stat_sampler_mark(const struct stat_sampler *s);
void stat_sampler_rollback(struct stat_sampler *s, int mark);
int stat_sampler_ioctl(struct stat_sampler *s, unsigned long req);
/* How many pollfds stat_sampler_pollfds fills (0 for NULL). */
int stat_sampler_npollfds(const struct stat_sampler *s);
/* Fills at most max pollfds (ring buffers to watch); returns how many. */
int stat_sampler_pollfds(struct stat_sampler *s, struct pollfd *p, int max);
/* Count what the ring buffers hold. Call whenever poll returns. */
void stat_sampler_drain(struct stat_sampler *s);
void stat_sampler_result(struct stat_sampler *s, struct stat_result *r);
void stat_sampler_free(struct stat_sampler *s);

/* bpf_count.c: count.bpf.c's counts by syscall number. scope: SG_SCOPE_*. */
struct stat_bpf_count;
/* 0, or -errno of the kernel's refusal (-EPERM: no privilege for BPF). */
int stat_bpf_count_new(int scope, uint64_t cgroup_id, struct stat_bpf_count **out);
/* Count process tgid: from its exec (STAT_OPEN_ON_EXEC) or at once. */
int stat_bpf_count_add(struct stat_bpf_count *c, pid_t tgid, enum stat_open_mode mode);
void stat_bpf_count_enable(struct stat_bpf_count *c, bool on);
int stat_bpf_count_read(struct stat_bpf_count *c, struct stat_result *r);
void stat_bpf_count_free(struct stat_bpf_count *c);

/* system.c: -a and --cgroup. What is counted: the command's processes or
 * -p's (SG_SCOPE_PROCS), every task (SG_SCOPE_ALL) or one cgroup's. */
struct stat_scope {
	int kind;
	int cgroup_fd; /* -1 but for SG_SCOPE_CGROUP */
	uint64_t cgroup_id;
	char cgroup_path[512];
};
/* 0, -ENOENT, -EMEDIUMTYPE (a directory not of cgroup v2) or -errno. */
int stat_scope_open_cgroup(struct stat_scope *sc, const char *name);
void stat_scope_close(struct stat_scope *sc);
/* The CPUs online, as numbers: how many, or -errno. */
int stat_online_cpus(int **cpus);
/* One set of counters per online CPU. */
struct stat_cpus {
	struct stat_task *t;
	int n;
};
int stat_cpus_open(struct stat_cpus *c, const struct stat_events *ev, const struct stat_scope *sc);
int stat_cpus_ioctl(struct stat_cpus *c, unsigned long req);
void stat_cpus_accumulate(const struct stat_cpus *c, struct stat_result *r);
void stat_cpus_close(struct stat_cpus *c);
/* -a or --cgroup without a command: count until SIGINT, SIGTERM or SIGHUP. */
int stat_system_wait(const struct stat_events *ev, const struct stat_scope *sc,
		     struct stat_sampler *smp, struct stat_result *r);

/* signals.c: stop signals read from a signalfd while counting. */
struct stat_signals {
	int fd;
	sigset_t old_mask;
};
int stat_signals_block(struct stat_signals *s, bool with_sigchld);
/* The next pending signal, or 0. */
int stat_signals_next(struct stat_signals *s);
void stat_signals_restore(struct stat_signals *s);

/* run.c: fork CMD, count it and every descendant; fills r. */
int stat_run_command(char **argv, const struct stat_events *ev, struct stat_sampler *smp,
		     const struct stat_scope *sc, struct stat_result *r);

/* attach.c: count existing processes until they exit or SIGINT; fills r. */
int stat_attach(const pid_t *pids, int npids, const struct stat_events *ev,
		struct stat_sampler *smp, struct stat_result *r);

/* procfs.c: per-thread context switches and process CPU time for -p. */
struct stat_proc_sample;
struct stat_proc_sample *stat_proc_new(const pid_t *pids, int npids);
void stat_proc_update(struct stat_proc_sample *s);
void stat_proc_finish(struct stat_proc_sample *s, struct stat_result *r);
void stat_proc_free(struct stat_proc_sample *s);

/* report.c: the rows both writers print, so text and JSON carry one set of numbers. */
enum stat_row_kind { ROW_ENTRY, ROW_ENTRY_PART, ROW_TOTAL, ROW_OTHER };
struct stat_row {
	const char *key;   /* JSON name */
	const char *label; /* text label */
	enum stat_row_kind kind;
	bool have;
	uint64_t count;
};
struct stat_top {
	const char *name;
	uint64_t count;
};
struct stat_report {
	struct stat_row rows[24];
	int nrows;
	uint64_t entries; /* syscalls + faults + interrupts */
	struct stat_top top[20];
	int ntop;
	uint64_t syscalls_unnamed; /* total minus the named ones (lost samples, odd numbers) */
	uint64_t syscalls;
};
void stat_report_build(const struct stat_result *r, struct stat_report *rep);
double stat_rate(uint64_t count, double seconds);
double stat_share(uint64_t part, uint64_t whole);

/* report_text.c, report_json.c */
int stat_write_text(FILE *f, const struct stat_result *r, const struct stat_report *rep);
int stat_write_json(FILE *f, const struct stat_result *r, const struct stat_report *rep);

#endif
