/* Every guest address the monitor follows goes through vm_gpa. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "vm_int.h"

void *vm_gpa(struct vm *vm, uint64_t gpa, uint64_t len)
{
	/* gpa + len may not wrap and must stay within memory. */
	if (gpa > vm->mem_size || len > vm->mem_size - gpa)
		return NULL;
	return vm->mem + gpa;
}

void *vm_gpa_aligned(struct vm *vm, uint64_t gpa, uint64_t len, uint64_t align)
{
	return gpa % align ? NULL : vm_gpa(vm, gpa, len);
}

int vm_fail(struct vm *vm, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(vm->err, sizeof(vm->err), fmt, ap);
	va_end(ap);
	return err;
}
