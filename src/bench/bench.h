/* sysgate bench: the price of privilege, one ladder on one machine. */
#ifndef SG_BENCH_BENCH_H
#define SG_BENCH_BENCH_H

/* argv[0] is "bench". Returns the exit status for sysgate. */
int sg_cmd_bench(int argc, char **argv);

/* For subcommands that price what they see (advise): one rung of the ladder
 * ("syscall", "page-fault") measured in about budget_ms, the ns per operation
 * of its fastest sample in *ns. 0, or -errno (-ENOENT: no such rung; -ENOTSUP: the machine
 * lacks what it needs). */
int sg_bench_rung_ns(const char *name, double budget_ms, double *ns);

#endif
