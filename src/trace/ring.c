/* The trace ring (see ring.h). */
#include "ring.h"

#include <string.h>

#include "core/capture.h"

static size_t ctl_size(void)
{
	return (sizeof(struct sg_ring_ctl) + 4095) & ~(size_t)4095;
}

size_t sg_ring_map_size(uint32_t nslots)
{
	return ctl_size() + nslots * sizeof(uint64_t) + (size_t)nslots * SG_RING_SLOT;
}

void sg_ring_attach(struct sg_ring *r, void *map, size_t len)
{
	r->ctl = map;
	r->tags = (_Atomic uint64_t *)((uint8_t *)map + ctl_size());
	r->data = (uint8_t *)(r->tags + r->ctl->nslots);
	r->map_len = len;
}

static struct sg_rec *slot(struct sg_ring *r, uint64_t pos)
{
	return (struct sg_rec *)(r->data + (pos & (r->ctl->nslots - 1)) * SG_RING_SLOT);
}

struct sg_rec *sg_ring_reserve(struct sg_ring *r, size_t len, int32_t tid, uint64_t *pos)
{
	uint64_t n = r->ctl->nslots;
	uint64_t need = (len + SG_RING_SLOT - 1) / SG_RING_SLOT;
	uint64_t h = atomic_load_explicit(&r->ctl->head, memory_order_relaxed), pad;

	if (need > n / 2)
		return 0;
	do {
		uint64_t idx = h & (n - 1);
		pad = idx + need > n ? n - idx : 0; /* a record never wraps */
		/* The consumer's tail is read only when the last one seen says the ring
		 * may be full: its cache line then stays with the consumer. */
		if (h + pad + need - r->tail_seen > n) {
			r->tail_seen = atomic_load_explicit(&r->ctl->tail, memory_order_acquire);
			if (h + pad + need - r->tail_seen > n)
				return 0;
		}
	} while (!atomic_compare_exchange_weak_explicit(&r->ctl->head, &h, h + pad + need,
							memory_order_acq_rel,
							memory_order_relaxed));
	for (uint64_t i = 0; i < pad + need; i++)
		atomic_store_explicit(&r->tags[(h + i) & (n - 1)],
				      SG_RING_RESERVED | (uint32_t)tid, memory_order_relaxed);
	if (pad) {
		struct sg_rec *p = slot(r, h);
		p->type = SG_REC_PAD;
		p->nslots = (uint16_t)pad;
		sg_ring_commit(r, h);
	}
	*pos = h + pad;
	struct sg_rec *rec = slot(r, *pos);
	rec->nslots = (uint16_t)need;
	/* The next record's slot and tag, last written a whole ring ago: fetched
	 * while this one is filled and its call made, not when next reserved. */
	__builtin_prefetch(slot(r, *pos + need), 1);
	__builtin_prefetch((const void *)&r->tags[(*pos + need) & (n - 1)], 1);
	return rec;
}

void sg_ring_fill_call(struct sg_rec *rec, int type, int32_t tid, long nr, const uint64_t *v,
		       uint64_t tsc, const struct sg_capture_plan *plan, sg_copy_fn copy)
{
	rec->type = (uint16_t)type;
	rec->tid = tid;
	rec->nr = (int32_t)nr;
	rec->tsc = tsc;
	for (int i = 0; i < 6; i++)
		rec->v[i] = v[i];
	rec->snap_len = (uint32_t)sg_snap_write(plan, rec->snap, copy);
}

void sg_ring_commit(struct sg_ring *r, uint64_t pos)
{
	atomic_store_explicit(&r->tags[pos & (r->ctl->nslots - 1)], pos + 1,
			      memory_order_release);
}

const struct sg_rec *sg_ring_peek(struct sg_ring *r, int32_t *writer)
{
	uint64_t t = atomic_load_explicit(&r->ctl->tail, memory_order_relaxed);
	uint64_t tag;

	*writer = 0;
	tag = atomic_load_explicit(&r->tags[t & (r->ctl->nslots - 1)], memory_order_acquire);
	if (tag == t + 1) {
		struct sg_rec *rec = slot(r, t);
		/* The ring is the traced program's to scribble on: never trust a record
		 * to stay inside it. */
		uint64_t room = (uint64_t)rec->nslots * SG_RING_SLOT;
		if (!rec->nslots || (t & (r->ctl->nslots - 1)) + rec->nslots > r->ctl->nslots ||
		    (rec->type != SG_REC_PAD && sizeof(*rec) + rec->snap_len > room)) {
			rec->type = SG_REC_PAD;
			if (!rec->nslots || (t & (r->ctl->nslots - 1)) + rec->nslots > r->ctl->nslots)
				rec->nslots = 1;
		}
		return rec;
	}
	if (tag & SG_RING_RESERVED)
		*writer = (int32_t)(uint32_t)tag;
	return 0;
}

const struct sg_rec *sg_ring_peek_after(struct sg_ring *r, const struct sg_rec *rec)
{
	uint64_t t = atomic_load_explicit(&r->ctl->tail, memory_order_relaxed) + rec->nslots;
	uint64_t tag = atomic_load_explicit(&r->tags[t & (r->ctl->nslots - 1)],
					    memory_order_acquire);
	const struct sg_rec *next = slot(r, t);

	if (tag != t + 1 || !next->nslots ||
	    (t & (r->ctl->nslots - 1)) + next->nslots > r->ctl->nslots)
		return 0;
	return next;
}

const struct sg_rec_stack *sg_rec_stack(const struct sg_rec *rec, uint32_t *len)
{
	/* Read once each: the program may write into the ring while it is read. */
	uint32_t snap_len = *(const volatile uint32_t *)&rec->snap_len;
	size_t room = (size_t)rec->nslots * SG_RING_SLOT - sizeof(*rec);
	size_t at = sg_rec_stack_offset(snap_len);

	bool has_stack = rec->type == SG_REC_ENTER_STACK || rec->type == SG_REC_EXEC_STACK ||
			 rec->type == SG_REC_SIGNAL_STACK;

	if (!has_stack || at > room || room - at < sizeof(struct sg_rec_stack))
		return 0;
	const struct sg_rec_stack *st = (const struct sg_rec_stack *)(rec->snap + at);
	*len = *(const volatile uint32_t *)&st->len;
	if (*len > room - at - sizeof(*st))
		return 0;
	return st;
}

const uint8_t *sg_rec_end(const struct sg_rec *rec, struct sg_rec_end *end)
{
	uint32_t snap_len = *(const volatile uint32_t *)&rec->snap_len;
	size_t room = (size_t)rec->nslots * SG_RING_SLOT - sizeof(*rec);
	size_t at = sg_rec_stack_offset(snap_len);

	if (rec->type != SG_REC_CALL || at > room || room - at < sizeof(*end))
		return 0;
	__builtin_memcpy(end, rec->snap + at, sizeof(*end));
	if (end->snap_len > room - at - sizeof(*end))
		return 0;
	return rec->snap + at + sizeof(*end);
}

uint64_t sg_rec_ip(const struct sg_rec *rec)
{
	uint32_t snap_len = *(const volatile uint32_t *)&rec->snap_len, len;
	size_t room = (size_t)rec->nslots * SG_RING_SLOT - sizeof(*rec);
	size_t at = sg_rec_stack_offset(snap_len);
	uint64_t ip;

	if (rec->type == SG_REC_ENTER_IP) {
		if (at > room || room - at < sizeof(ip))
			return 0;
		__builtin_memcpy(&ip, rec->snap + at, sizeof(ip));
		return ip;
	}
	const struct sg_rec_stack *st = sg_rec_stack(rec, &len);
	return st ? st->ip : 0;
}

void sg_ring_release(struct sg_ring *r, const struct sg_rec *rec)
{
	uint64_t t = atomic_load_explicit(&r->ctl->tail, memory_order_relaxed);
	uint64_t nslots = rec->nslots ? rec->nslots : 1;

	/* Clear the tags: a slot's "reserved by" mark must not outlive its record,
	 * or a later writer's slot could be judged by a stale, dead tid. */
	for (uint64_t i = 0; i < nslots; i++)
		atomic_store_explicit(&r->tags[(t + i) & (r->ctl->nslots - 1)], 0,
				      memory_order_relaxed);
	atomic_store_explicit(&r->ctl->tail, t + nslots, memory_order_release);
	if (atomic_load_explicit(&r->ctl->overflowing, memory_order_relaxed) &&
	    atomic_load_explicit(&r->ctl->head, memory_order_relaxed) - (t + nslots) <
		    r->ctl->nslots / 4)
		atomic_store_explicit(&r->ctl->overflowing, 0, memory_order_relaxed);
}

void sg_ring_skip(struct sg_ring *r)
{
	uint64_t t = atomic_load_explicit(&r->ctl->tail, memory_order_relaxed);

	atomic_store_explicit(&r->tags[t & (r->ctl->nslots - 1)], 0, memory_order_relaxed);
	atomic_store_explicit(&r->ctl->tail, t + 1, memory_order_release);
}

bool sg_ring_empty(struct sg_ring *r)
{
	return atomic_load_explicit(&r->ctl->tail, memory_order_acquire) ==
	       atomic_load_explicit(&r->ctl->head, memory_order_acquire);
}

bool sg_ring_carry_take(struct sg_ring_ctl *c, int32_t tid, uint32_t *seen)
{
	for (int i = 0; tid > 0 && i < SG_RING_INJECT_CARRY; i++) {
		struct sg_ring_inject_carry *k = &c->inject_carry[i];
		int32_t want = tid;
		/* Marked busy while read: a put for the same tid cannot reuse it meanwhile. */
		if (!atomic_compare_exchange_strong(&k->tid, &want, -1))
			continue;
		if (seen)
			memcpy(seen, k->seen, sizeof(k->seen));
		atomic_store_explicit(&k->tid, 0, memory_order_release);
		return true;
	}
	return false;
}

bool sg_ring_carry_put(struct sg_ring_ctl *c, int32_t tid, const uint32_t *seen)
{
	sg_ring_carry_take(c, tid, NULL); /* a slot left over (an exec that failed) */
	for (int i = 0; tid > 0 && i < SG_RING_INJECT_CARRY; i++) {
		struct sg_ring_inject_carry *k = &c->inject_carry[i];
		int32_t free_tid = 0;
		if (!atomic_compare_exchange_strong(&k->tid, &free_tid, -1))
			continue;
		memcpy(k->seen, seen, sizeof(k->seen));
		atomic_store_explicit(&k->tid, tid, memory_order_release);
		return true;
	}
	return false;
}
