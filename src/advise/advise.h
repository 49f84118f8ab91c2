/* sysgate advise: run a program (or read a recorded trace) and report the
 * syscall anti-patterns it shows, ranked by the time they cost. */
#ifndef SG_ADVISE_ADVISE_H
#define SG_ADVISE_ADVISE_H

/* argv[0] is "advise". Returns the exit status for sysgate. */
int sg_cmd_advise(int argc, char **argv);

#endif
