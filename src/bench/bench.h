/* sysgate bench: the price of privilege, one ladder on one machine. */
#ifndef SG_BENCH_BENCH_H
#define SG_BENCH_BENCH_H

/* argv[0] is "bench". Returns the exit status for sysgate. */
int sg_cmd_bench(int argc, char **argv);

#endif
