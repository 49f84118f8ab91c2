/* A call's user-space stack (trace -k), as the writers print it: one frame per
 * line, innermost first. Filled by whoever unwinds (src/trace/stack.c). */
#ifndef SG_CORE_FRAMES_H
#define SG_CORE_FRAMES_H

#include <stdbool.h>
#include <stdint.h>

#include "strbuf.h"

struct sg_frame {
	char *object;	  /* the mapped file, as /proc/PID/maps names it */
	char *symbol;	  /* NULL: no symbol covers the address */
	uint64_t sym_off; /* from the symbol's start */
	uint64_t offset;  /* the address in the object's own terms */
};

struct sg_stack {
	struct sg_frame *f;
	int n, cap;
	/* The unwinding stopped at an address it could not follow (no object
	 * mapped there): the last line names it. NULL: the stack ended normally. */
	const char *error;
	uint64_t error_pc;
};

struct sg_stack *sg_stack_new(void);
void sg_stack_add(struct sg_stack *s, const char *object, const char *symbol, uint64_t sym_off,
		  uint64_t offset);
void sg_stack_free(struct sg_stack *s);
/* Is object (a path) one that makes calls for everyone: libc, libpthread, the
 * dynamic loader, sysgate's agent? A call's site is the first frame outside them. */
bool sg_frame_is_plumbing(const char *object);
/* The lines " > OBJECT(SYMBOL+0xOFF) [0xADDR]", " > OBJECT() [0xADDR]" (no symbol)
 * and " > ERROR [0xPC]", each ending in a newline. */
void sg_stack_format(const struct sg_stack *s, struct sg_str *out);

#endif
