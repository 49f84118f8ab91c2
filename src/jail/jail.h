/* sysgate jail: run a command under a seccomp filter built from a policy, with
 * every denial reported by a supervisor that receives seccomp user notifications. */
#ifndef SG_JAIL_JAIL_H
#define SG_JAIL_JAIL_H

/* The `sysgate jail` subcommand; returns the exit status. */
int sg_cmd_jail(int argc, char **argv);

/* The `sysgate learn` subcommand: run a command, write the profile it needs; returns
 * the command's exit status. */
int sg_cmd_learn(int argc, char **argv);

#endif
