/* Tids of processes in pid namespaces other than sysgate's: the agent tags them
 * with the namespace's slot in the ring (SG_RING_NS_SHIFT); they are replaced
 * by the tids sysgate knows before anything reads the record, so tracees,
 * "[pid N]" and --decode-pids=pidns work as under ptrace. */
#include <stdlib.h>

#include "core/decode.h"
#include "core/util.h"
#include "inproc.h"

/* Found once for each tagged tid, until its thread ends. */
static pid_t cached(const struct inproc *ip, int32_t tagged)
{
	for (int i = 0; i < ip->nnstids; i++)
		if (ip->nstids[i].tagged == tagged)
			return ip->nstids[i].tid;
	return 0;
}

static void remember(struct inproc *ip, int32_t tagged, pid_t tid)
{
	if (ip->nnstids == ip->cap_nstids) {
		ip->cap_nstids = ip->cap_nstids ? 2 * ip->cap_nstids : 16;
		ip->nstids = sg_xrealloc(ip->nstids, sizeof(*ip->nstids) * (size_t)ip->cap_nstids);
	}
	ip->nstids[ip->nnstids++] = (struct inproc_nstid){ tagged, tid };
}

pid_t inproc_tid(struct inproc *ip, int32_t tagged)
{
	unsigned slot = (unsigned)tagged >> SG_RING_NS_SHIFT;

	if (tagged <= 0 || slot == 0 || slot > SG_RING_PIDNS)
		return tagged;
	pid_t tid = cached(ip, tagged);
	if (tid)
		return tid;
	unsigned long ns = (unsigned long)atomic_load(&ip->ring.ctl->pidns[slot - 1]);
	tid = sg_tid_in_own_ns(ns, sg_ring_tid_untagged(tagged));
	if (!tid) /* gone already: at least not a tid of someone else */
		return sg_ring_tid_untagged(tagged);
	remember(ip, tagged, tid);
	return tid;
}

void inproc_untag_record(struct inproc *ip, const struct sg_rec *rec)
{
	/* The record is sysgate's until released: its tids are rewritten in place. */
	struct sg_rec *r = (struct sg_rec *)rec;

	if ((unsigned)r->tid >> SG_RING_NS_SHIFT)
		r->tid = inproc_tid(ip, r->tid);
	if (r->type == SG_REC_START && (uint64_t)r->v[1] >> SG_RING_NS_SHIFT)
		r->v[1] = (uint64_t)inproc_tid(ip, (int32_t)r->v[1]);
}

void inproc_tid_forget(struct inproc *ip, pid_t tid)
{
	for (int i = 0; i < ip->nnstids; i++)
		if (ip->nstids[i].tid == tid) {
			ip->nstids[i] = ip->nstids[--ip->nnstids];
			return;
		}
}
