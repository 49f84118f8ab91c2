/* A call's user-space stack, kept as frames and printed in strace -k's format. */
#include "frames.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct sg_stack *sg_stack_new(void)
{
	return sg_xcalloc(1, sizeof(struct sg_stack));
}

void sg_stack_add(struct sg_stack *s, const char *object, const char *symbol, uint64_t sym_off,
		  uint64_t offset)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->f = sg_xrealloc(s->f, sizeof(*s->f) * (size_t)s->cap);
	}
	s->f[s->n++] = (struct sg_frame){
		.object = sg_xstrdup(object),
		.symbol = symbol ? sg_xstrdup(symbol) : NULL,
		.sym_off = sym_off,
		.offset = offset,
	};
}

void sg_stack_free(struct sg_stack *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n; i++) {
		free(s->f[i].object);
		free(s->f[i].symbol);
	}
	free(s->f);
	free(s);
}

bool sg_frame_is_plumbing(const char *object)
{
	const char *base = strrchr(object, '/');

	base = base ? base + 1 : object;
	return strncmp(base, "libc.so", 7) == 0 || strncmp(base, "libc-", 5) == 0 ||
	       strncmp(base, "ld-linux", 8) == 0 || strncmp(base, "libsysgate-agent", 16) == 0 ||
	       strncmp(base, "libpthread", 10) == 0;
}

void sg_stack_format(const struct sg_stack *s, struct sg_str *out)
{
	for (int i = 0; i < s->n; i++) {
		const struct sg_frame *f = &s->f[i];
		sg_str_add(out, " > ");
		sg_str_add(out, f->object);
		sg_str_addc(out, '(');
		if (f->symbol)
			sg_str_addf(out, "%s+0x%llx", f->symbol, (unsigned long long)f->sym_off);
		sg_str_addf(out, ") [0x%llx]\n", (unsigned long long)f->offset);
	}
	if (s->error)
		sg_str_addf(out, " > %s [0x%llx]\n", s->error, (unsigned long long)s->error_pc);
}
