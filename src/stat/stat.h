/* `sysgate stat`: count why a program enters the kernel (syscalls, page faults,
 * interrupts) with perf counters on tracepoints and software events. */
#ifndef SG_STAT_STAT_H
#define SG_STAT_STAT_H

/* argv[0] is "stat". Returns the exit status for the process. */
int sg_cmd_stat(int argc, char **argv);

#endif
