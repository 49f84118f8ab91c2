/* sysgate vm: a tiny monitor running a freestanding guest on a CPU engine. */
#ifndef SG_VM_VM_H
#define SG_VM_VM_H

#include <stdbool.h>

/* The `sysgate vm` subcommand; returns the exit status (the guest's exit code). */
int sg_cmd_vm(int argc, char **argv);

/* run.c: sg-vm, and guest/NAME.elf, beside this program or where make built
 * them; NULL when not found (free the result). */
char *sg_vm_monitor_path(void);
char *sg_vm_guest_path(const char *name);
/* run.c: run the monitor (sg-vm --stats) on the guest NAME (guest/NAME.elf beside
 * it) under engine with args; *out gets its stdout and stderr (free it). The wait
 * status, or -errno (-ENOENT: sg-vm or the guest is not built). */
int sg_vm_capture(const char *engine, const char *guest, const char *args, char **out);
/* run.c: why the kvm engine cannot run guests here (one phrase), or NULL when it
 * can: /dev/kvm opens for reading and writing, and the CPU has hardware
 * virtualization (vmx or svm). */
const char *sg_vm_kvm_unusable(void);

#endif
