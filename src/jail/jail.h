/* sysgate jail: run a command under a seccomp filter built from a policy, with
 * every denial reported by a supervisor that receives seccomp user notifications. */
#ifndef SG_JAIL_JAIL_H
#define SG_JAIL_JAIL_H

/* The `sysgate jail` subcommand; returns the exit status. */
int sg_cmd_jail(int argc, char **argv);

/* The `sysgate learn` subcommand: run a command, write the profile it needs; returns
 * the command's exit status. */
int sg_cmd_learn(int argc, char **argv);

/* For the other monitors built on the same machinery (taint). */
#include <sys/types.h>

struct policy_bpf;
struct seccomp_notif;
struct seccomp_notif_resp;

/* One notification: fill resp (its id is req's) and return 0 to have it sent, or
 * answer it yourself (SECCOMP_IOCTL_NOTIF_ADDFD with SECCOMP_ADDFD_FLAG_SEND) and
 * return 1. ctx is the caller's. */
typedef int (*jail_notif_fn)(const struct seccomp_notif *req, struct seccomp_notif_resp *resp,
			     int nfd, void *ctx);

/* Start cmd (found in PATH) under filter, as `jail` does without namespaces but
 * with the capabilities left as they are; its notify fd (-1 if the filter has no
 * notify action) to *nfd and a pidfd to *pidfd. Returns its pid, or -1 after
 * reporting on stderr (no child left running). */
pid_t jail_spawn(const struct policy_bpf *filter, char *const cmd[], int *nfd, int *pidfd);
/* Answer notifications with fn until the child ends; returns its wait status. */
int jail_supervise_with(pid_t pid, int pidfd, int nfd, jail_notif_fn fn, void *ctx);

#endif
