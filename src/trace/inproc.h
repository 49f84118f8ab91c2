/* Internal to src/trace: the in-process backends' side in sysgate. */
#ifndef SG_TRACE_INPROC_H
#define SG_TRACE_INPROC_H

#include "ring.h"
#include "tracer.h"

/* What covered one process. */
struct inproc_proc {
	pid_t pid;
	int backend;	  /* enum sg_agent_backend, or 0: not covered */
	char note[192];	  /* why not, or why another backend */
};

/* A tid of another pid namespace, as the agent tagged it, and sysgate's. */
struct inproc_nstid {
	int32_t tagged;
	pid_t tid;
};

struct inproc {
	struct tracer tr;
	enum trace_backend backend;
	struct sg_ring ring;
	char ring_path[64];
	int page0_lock;		/* --allow-page0: our hold on the setting (page0.c), or -1 */
	double tsc_per_ns;	/* for -T, -t and -c */
	double ns_per_tsc;	/* its inverse: a record's time is a product, not a quotient */
	unsigned long long tsc0, wall0_ns, mono0_ns;
	bool clock_due;		/* the rate is to be found before the first record is read */
	struct inproc_proc *procs;
	int nprocs, cap_procs;
	/* A replay of records made from ptrace's stops (RECORD_FROM_PTRACE): a task's
	 * end is a record of its own, not its exit_group's entry. */
	bool ends_told;
	struct inproc_nstid *nstids; /* inproc_pidns.c */
	int nnstids, cap_nstids;
};

/* ebpf.c: --backend ebpf, whose records are read as the agent's. */
int ebpf_run(struct trace_opts *o);

/* inproc_start.c */
/* The syscalls shown (-e trace=), as the ring's bitmap holds them. */
void inproc_ring_select(struct sg_ring_ctl *ctl, const struct trace_opts *o);
int inproc_ring_create(struct inproc *ip);
void inproc_ring_destroy(struct inproc *ip);
void inproc_ring_populate(struct inproc *ip);
/* page0.c: vm.mmap_min_addr to 0 while this run needs it (shared with concurrent
 * runs); 0, or -1 (reported). */
int inproc_page0_lower(struct inproc *ip);
void inproc_page0_restore(struct inproc *ip);
bool inproc_page0_usable(void);
/* Put back what a run killed outright changed: the setting, when no run holds it. */
void inproc_page0_recover(void);
/* Remove the rings of runs killed outright (inproc_start.c). */
void inproc_remove_stale_rings(void);
void inproc_agent_env_self(void);
void inproc_clock_start(struct inproc *ip, bool live);
void inproc_clock_settle(struct inproc *ip);
void inproc_clock_end(struct inproc *ip);
pid_t inproc_start_command(struct inproc *ip);
pid_t inproc_start_held(struct inproc *ip);
void inproc_serve_handoffs(struct inproc *ip);


/* inproc_pidns.c: the tid a record names (tagged by a process in another pid
 * namespace, see SG_RING_NS_SHIFT) in sysgate's namespace. */
pid_t inproc_tid(struct inproc *ip, int32_t tagged);
/* A record's tids, rewritten as sysgate knows them, before it is read. */
void inproc_untag_record(struct inproc *ip, const struct sg_rec *rec);
/* The thread ended: its tid may be reused. */
void inproc_tid_forget(struct inproc *ip, pid_t tid);

/* inproc_records.c: one record of the ring into events. */
/* next: the record after it, when already published (a call's end that follows
 * its start at once lets the whole line be printed in one go). */
void inproc_record(struct inproc *ip, const struct sg_rec *rec, const struct sg_rec *next);
void inproc_finish_calls(struct inproc *ip);
/* The command was reaped (its records read): sysgate's exit status, and the
 * line of a command killed by a signal, which no record tells. */
void inproc_command_ended(struct inproc *ip, pid_t pid, int status);
/* Which backend covered which process (only when events were lost, with
 * losses_only: an observer names its backend itself). */
void inproc_report(struct inproc *ip, bool losses_only);

#endif
