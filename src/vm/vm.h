/* sysgate vm: a tiny monitor running a freestanding guest on a CPU engine. */
#ifndef SG_VM_VM_H
#define SG_VM_VM_H

/* The `sysgate vm` subcommand; returns the exit status (the guest's exit code). */
int sg_cmd_vm(int argc, char **argv);

#endif
