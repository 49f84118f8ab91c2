/* While counting, the signals that would stop sysgate are read from a signalfd
 * instead, so the counts still get printed. Blocked signals are queued even
 * when their disposition is "ignore" (a script's background job starts with
 * SIGINT ignored), and stay ignored for a command we run. */
#include "stat_int.h"

#include <errno.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "core/util.h"

int stat_signals_block(struct stat_signals *s, bool with_sigchld)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	if (with_sigchld)
		sigaddset(&set, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &set, &s->old_mask) != 0)
		return -errno;
	s->fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (s->fd < 0) {
		int err = -errno;
		sigprocmask(SIG_SETMASK, &s->old_mask, NULL);
		return err;
	}
	return 0;
}

int stat_signals_next(struct stat_signals *s)
{
	struct signalfd_siginfo si;

	if (s->fd >= 0 && read(s->fd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		return (int)si.ssi_signo;
	return 0;
}

/* Consume what is still pending, so unblocking does not kill us now. */
void stat_signals_restore(struct stat_signals *s)
{
	if (s->fd < 0)
		return;
	while (stat_signals_next(s) != 0)
		;
	close(s->fd);
	s->fd = -1;
	sigprocmask(SIG_SETMASK, &s->old_mask, NULL);
}
