/* -e read=FD, -e write=FD: every byte a call moved through those descriptors, as
 * hex and text lines after the call (strace's format). */
#include "decode_int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

enum { DUMP_CHUNK = 4096, DUMP_MAX = 16 << 20 };

enum io_shape { IO_NONE, IO_BUF, IO_IOV };

/* Which calls move data, and how: one buffer or an iovec array. */
static enum io_shape io_shape(const char *name, bool *is_write)
{
	static const struct { const char *name; bool write; enum io_shape shape; } calls[] = {
		{ "read", false, IO_BUF },    { "pread64", false, IO_BUF },
		{ "recvfrom", false, IO_BUF }, { "readv", false, IO_IOV },
		{ "preadv", false, IO_IOV },   { "preadv2", false, IO_IOV },
		{ "write", true, IO_BUF },    { "pwrite64", true, IO_BUF },
		{ "sendto", true, IO_BUF },   { "writev", true, IO_IOV },
		{ "pwritev", true, IO_IOV },  { "pwritev2", true, IO_IOV },
	};

	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (strcmp(name, calls[i].name) == 0) {
			*is_write = calls[i].write;
			return calls[i].shape;
		}
	return IO_NONE;
}

/* " | 00000  68 65 6c 6c 6f 20 77 6f  72 6c 64 0a           hello world.     |" */
static void dump_line(struct sg_str *out, size_t offset, const unsigned char *p, size_t n)
{
	sg_str_addf(out, " | %05zx  ", offset);
	for (size_t i = 0; i < 16; i++) {
		if (i < n)
			sg_str_addf(out, "%02x ", p[i]);
		else
			sg_str_add(out, "   ");
		if (i == 7)
			sg_str_addc(out, ' ');
	}
	sg_str_addc(out, ' ');
	for (size_t i = 0; i < 16; i++)
		sg_str_addc(out, i < n ? (p[i] >= ' ' && p[i] < 0x7f ? (char)p[i] : '.') : ' ');
	sg_str_add(out, " |\n");
}

/* len bytes at addr, read from the process as the decoders see it. */
static void dump_bytes(const struct sg_call *c, uint64_t addr, uint64_t len, struct sg_str *out)
{
	unsigned char *buf = sg_xcalloc(1, DUMP_CHUNK);
	size_t done = 0;

	if (len > DUMP_MAX)
		len = DUMP_MAX;
	while (done < len) {
		size_t want = len - done < DUMP_CHUNK ? (size_t)(len - done) : DUMP_CHUNK;
		ssize_t got = sg_call_read(c, addr + done, buf, want);
		if (got <= 0)
			break;
		for (size_t i = 0; i < (size_t)got; i += 16)
			dump_line(out, done + i, buf + i, (size_t)got - i < 16 ? (size_t)got - i : 16);
		done += (size_t)got;
		if ((size_t)got < want)
			break;
	}
	free(buf);
}

/* Each element in turn, as far as the call moved data. */
static void dump_iov(const struct sg_call *c, uint64_t iov, uint64_t count, uint64_t total,
		     struct sg_str *out)
{
	for (uint64_t i = 0; i < count && i < 1024 && total; i++) {
		uint64_t el[2];
		if (sg_call_read(c, iov + i * sizeof(el), el, sizeof(el)) != (ssize_t)sizeof(el))
			return;
		uint64_t len = el[1] < total ? el[1] : total;
		sg_str_addf(out, " * %llu bytes in buffer %llu\n", (unsigned long long)len,
			    (unsigned long long)i);
		dump_bytes(c, el[0], len, out);
		total -= len;
	}
}

static bool fd_in(const bool *set, uint64_t fd)
{
	return set && fd < SG_DUMP_FDS && set[fd];
}

void sg_decode_dump(struct sg_call *c, const struct sg_decode_opts *o)
{
	bool is_write = false;
	enum io_shape shape = c->sc && !c->is_error && c->ret > 0 ? io_shape(c->sc->name, &is_write)
								   : IO_NONE;
	struct sg_str out = { 0 };

	if (shape == IO_NONE || !fd_in(is_write ? o->dump_write : o->dump_read, c->args[0]))
		return;
	if (shape == IO_BUF)
		dump_bytes(c, c->args[1], (uint64_t)c->ret, &out);
	else
		dump_iov(c, c->args[1], c->args[2], (uint64_t)c->ret, &out);
	free(c->dump);
	c->dump = out.len ? sg_str_take(&out) : NULL;
	sg_str_free(&out);
}
