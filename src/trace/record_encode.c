/* A recording's frames in few bytes: LEB128 varints, signed ones zigzagged, tids
 * and stamps as the change from the frame before (a thread's calls in a row:
 * one byte each). A null syscall's two frames take about 20 bytes. */
#include "record.h"

#define FLAGS_SHIFT 4

static size_t put_varint(uint8_t *p, uint64_t x)
{
	size_t n = 0;

	while (x >= 0x80) {
		p[n++] = (uint8_t)(x | 0x80);
		x >>= 7;
	}
	p[n++] = (uint8_t)x;
	return n;
}

static uint64_t zigzag(int64_t x)
{
	return ((uint64_t)x << 1) ^ (uint64_t)(x >> 63);
}

static int64_t unzigzag(uint64_t x)
{
	return (int64_t)(x >> 1) ^ -(int64_t)(x & 1);
}

size_t record_encode(struct record_coder *c, const struct record_frame *fr, const uint64_t *v,
		     uint8_t *out)
{
	size_t n = 0;

	out[n++] = (uint8_t)(fr->kind | fr->flags << FLAGS_SHIFT);
	out[n++] = fr->type;
	out[n++] = fr->nv;
	n += put_varint(out + n, zigzag((int64_t)fr->tid - c->tid));
	n += put_varint(out + n, zigzag(fr->nr));
	n += put_varint(out + n, fr->snap_len);
	n += put_varint(out + n, fr->body_len);
	n += put_varint(out + n, zigzag((int64_t)(fr->tsc - c->tsc)));
	for (int i = 0; i < fr->nv; i++)
		n += put_varint(out + n, zigzag((int64_t)v[i]));
	c->tid = fr->tid;
	c->tsc = fr->tsc;
	return n;
}

/* -1: the bytes ran out, or the number runs past 64 bits. */
static int get_varint(int (*next_byte)(void *), void *ctx, uint64_t *x)
{
	*x = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		int b = next_byte(ctx);
		if (b < 0)
			return -1;
		*x |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return 0;
	}
	return -1;
}

int record_decode(struct record_coder *c, int (*next_byte)(void *ctx), void *ctx,
		  struct record_frame *fr, uint64_t *v)
{
	uint64_t tid, nr, snap, body, tsc;
	int head = next_byte(ctx);

	if (head < 0)
		return 0;
	int type = next_byte(ctx), nv = next_byte(ctx);
	if (type < 0 || nv < 0 || nv > 6 || get_varint(next_byte, ctx, &tid) < 0 ||
	    get_varint(next_byte, ctx, &nr) < 0 || get_varint(next_byte, ctx, &snap) < 0 ||
	    get_varint(next_byte, ctx, &body) < 0 || get_varint(next_byte, ctx, &tsc) < 0 ||
	    snap > UINT32_MAX || body > UINT32_MAX)
		return -1;
	fr->kind = (uint8_t)(head & ((1 << FLAGS_SHIFT) - 1));
	fr->flags = (uint8_t)(head >> FLAGS_SHIFT);
	fr->type = (uint8_t)type;
	fr->nv = (uint8_t)nv;
	fr->tid = (int32_t)(c->tid + unzigzag(tid));
	fr->nr = (int32_t)unzigzag(nr);
	fr->snap_len = (uint32_t)snap;
	fr->body_len = (uint32_t)body;
	fr->tsc = c->tsc + (uint64_t)unzigzag(tsc);
	for (int i = 0; i < 6; i++) {
		uint64_t x = 0;
		if (i < nv && get_varint(next_byte, ctx, &x) < 0)
			return -1;
		v[i] = (uint64_t)unzigzag(x);
	}
	c->tid = fr->tid;
	c->tsc = fr->tsc;
	return 1;
}
