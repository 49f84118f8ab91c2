/* Pid namespaces: a process in a namespace other than sysgate's knows its tids
 * as that namespace numbers them, which in sysgate's name other processes. Its
 * records carry them tagged with the namespace's slot in the ring (see
 * SG_RING_NS_SHIFT), and sysgate translates them. */
#include "agent.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/syscall.h>

/* The slot of pid namespace ns (from 1), claimed if new; 0 when all are taken. */
static uint32_t ns_slot(struct sg_ring_ctl *c, uint64_t ns)
{
	for (int i = 0; i < SG_RING_PIDNS; i++) {
		uint64_t seen = 0;
		if (atomic_compare_exchange_strong(&c->pidns[i], &seen, ns) || seen == ns)
			return (uint32_t)i + 1;
	}
	return 0;
}

void agent_pidns_start(void)
{
	struct sg_ring_ctl *c = sg_agent.ring.ctl;
	struct stat st;

	sg_agent.ns_tag = 0;
	if (sg_raw_syscall6(SYS_newfstatat, AT_FDCWD, (long)"/proc/self/ns/pid", (long)&st, 0, 0,
			    0) == 0 &&
	    st.st_ino != c->own_pidns)
		sg_agent.ns_tag = ns_slot(c, st.st_ino);
}

void agent_pidns_note_call(long nr, const uint64_t *a, long ret)
{
	bool unshared = nr == SYS_unshare && (a[0] & CLONE_NEWPID);
	bool joined = nr == SYS_setns && (a[1] == 0 || (a[1] & CLONE_NEWPID));

	if (ret == 0 && (unshared || joined))
		sg_agent.pidns_for_children = true;
}

int32_t agent_rec_tid(void)
{
	return agent_tid() | (int32_t)(sg_agent.ns_tag << SG_RING_NS_SHIFT);
}
