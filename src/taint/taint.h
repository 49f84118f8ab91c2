/* sysgate taint: information-flow control at the syscall boundary (docs/taint.md). */
#ifndef SG_TAINT_TAINT_H
#define SG_TAINT_TAINT_H

/* The `sysgate taint` subcommand; returns the command's exit status. */
int sg_cmd_taint(int argc, char **argv);

#endif
