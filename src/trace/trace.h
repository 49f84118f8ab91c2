/* sysgate trace: an strace-compatible syscall tracer. */
#ifndef SG_TRACE_TRACE_H
#define SG_TRACE_TRACE_H

/* argv[0] is "trace". Returns the exit status for sysgate. */
int sg_cmd_trace(int argc, char **argv);

#endif
