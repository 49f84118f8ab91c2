/* Internal to src/launch. */
#ifndef SG_LAUNCH_INT_H
#define SG_LAUNCH_INT_H

#include <signal.h>
#include <sys/types.h>

/* tree.c, async-signal-safe: SIGKILL p and everything below it; or only what is
 * below p (p may be sysgate itself), returning how many children p had. */
void launch_kill_tree(pid_t p);
int launch_kill_children_of(pid_t p);

/* signals.c: every signal sysgate has a handler for while it supervises (those
 * passed on to the command, --timeout's SIGALRM). */
void launch_handled_signals(sigset_t *set);

#endif
