/* Waiting for sysgate to read the ring. Two kinds of call need it:
 *  - under -k, before code goes away (exit, exec, munmap), so that sysgate
 *    unwinds the records made so far with that code still mapped;
 *  - calls whose decoding looks at the process as it is (-y, -yy, -Y, and a
 *    netlink socket's protocol): the program waits at their entry and at their
 *    end until sysgate has decoded them, so what sysgate finds in /proc is what
 *    the call saw, as under ptrace. */
#include "agent.h"

#include <linux/futex.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>

#include "core/syscalls.h"

/* A futex wait on the tail is woken by sysgate as it reads (inproc.c); the
 * timeout lets the waiter notice that sysgate has read nothing for half a second
 * (stuck, or gone): the program is never held for long. */
#define WAIT_SLICE_NS 100000
#define WAIT_IDLE_MAX 5000

static void sleep_on_tail(struct sg_ring_ctl *c, uint64_t seen)
{
	struct timespec slice = { 0, WAIT_SLICE_NS };

	/* The tail's low half on this little-endian machine. */
	sg_raw_syscall6(SYS_futex, (long)&c->tail, FUTEX_WAIT, (long)(uint32_t)seen,
			(long)&slice, 0, 0);
}

bool agent_wait_until(bool (*ready)(void *), void *arg)
{
	struct sg_ring_ctl *c = sg_agent.ring.ctl;
	bool done = false;

	if (!sg_ring_consumer_alive(c))
		return false;
	atomic_fetch_add(&c->waiters, 1);
	agent_wake_consumer();
	uint64_t seen = atomic_load(&c->tail);
	for (int idle = 0; idle < WAIT_IDLE_MAX && !(done = ready(arg)); idle++) {
		sleep_on_tail(c, seen);
		uint64_t tail = atomic_load(&c->tail);
		if (tail != seen)
			idle = 0;
		seen = tail;
	}
	atomic_fetch_sub(&c->waiters, 1);
	return done;
}

static bool read_up_to(void *arg)
{
	return atomic_load_explicit(&sg_agent.ring.ctl->tail, memory_order_acquire) >=
	       *(uint64_t *)arg;
}

void agent_wait_decoded(void)
{
	uint64_t until = atomic_load_explicit(&sg_agent.ring.ctl->head, memory_order_acquire);

	if (!agent_quiet() && !read_up_to(&until))
		agent_wait_until(read_up_to, &until);
}

void agent_wait_read(void)
{
	if (!sg_agent.stacks || agent_quiet())
		return;
	uint64_t until = stacks_unread_until();
	if (!read_up_to(&until))
		agent_wait_until(read_up_to, &until);
}

static bool names_a_socket_message(long nr)
{
	return nr == SYS_sendto || nr == SYS_recvfrom || nr == SYS_sendmsg ||
	       nr == SYS_recvmsg || nr == SYS_sendmmsg || nr == SYS_recvmmsg;
}

/* Under -y/-Y: which calls name an fd or a pid at entry (decoded then), and
 * which hand one back (decoded at their end). Only those wait. */
static uint64_t live_at_entry[SG_RING_NR / 64], live_at_exit[SG_RING_NR / 64];

static bool names_fd_or_pid(int kind)
{
	switch (SG_ARG_KIND(kind)) {
	case SG_K_FD: case SG_K_DIRFD: case SG_K_PID: case SG_K_MSGHDR_IN:
	case SG_K_SOCKBUF_IN:
		return !(kind & SG_ARG_OUT);
	default:
		return false;
	}
}

static bool hands_back_fd_or_pid(const struct sg_syscall *sc)
{
	if (sc->ret == SG_RET_FD || sc->ret == SG_RET_PID)
		return true;
	for (int i = 0; i < sc->nargs; i++) {
		enum sg_arg_kind k = SG_ARG_KIND(sc->args[i].kind);
		if (k == SG_K_PIPE_FDS || k == SG_K_MSGHDR_OUT || k == SG_K_SOCKBUF_OUT)
			return true;
	}
	return false;
}

void agent_sync_init(void)
{
	for (long nr = 0; nr < SG_RING_NR && nr < SG_NR_SYSCALLS; nr++) {
		const struct sg_syscall *sc = &sg_syscall_table[nr];
		if (!sc->name)
			continue;
		bool entry = false;
		for (int i = 0; i < sc->nargs; i++)
			entry = entry || names_fd_or_pid(sc->args[i].kind);
		if (entry)
			live_at_entry[nr / 64] |= 1ull << (nr % 64);
		if (hands_back_fd_or_pid(sc))
			live_at_exit[nr / 64] |= 1ull << (nr % 64);
	}
}

static bool in_set(const uint64_t *set, long nr)
{
	return nr >= 0 && nr < SG_RING_NR && (set[nr / 64] >> (nr % 64) & 1);
}

unsigned agent_decoded_live(long nr, const uint64_t *args)
{
	int domain = 0;
	socklen_t len = sizeof(domain);

	/* A netlink message is decoded by its socket's protocol. */
	if (names_a_socket_message(nr) &&
	    sg_raw_syscall6(SYS_getsockopt, (long)args[0], SOL_SOCKET, SO_DOMAIN,
			    (long)&domain, (long)&len, 0) == 0 &&
	    domain == AF_NETLINK)
		return AGENT_LIVE_ENTRY | AGENT_LIVE_EXIT;
	if (!sg_agent.decode_live)
		return 0;
	/* an ioctl that hands back a new fd (KVM_CREATE_VM) */
	bool fd_back = nr == SYS_ioctl && (sg_ioctl_family_mem((uint32_t)args[1]) & SG_IOCTL_MEM_RET_FD);
	return (sg_agent.decode_live_all || in_set(live_at_entry, nr) ? AGENT_LIVE_ENTRY : 0) |
	       (fd_back || in_set(live_at_exit, nr) ? AGENT_LIVE_EXIT : 0);
}
