/* The guest side of the hypercalls. */
#include "guest.h"

size_t sg_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int64_t sg_write(const void *buf, size_t len)
{
	struct sg_vm_hc_write a = { .buf = (uintptr_t)buf, .len = len };

	sg_hypercall(SG_VM_HC_WRITE, &a);
	return a.ret;
}

void sg_puts(const char *s)
{
	sg_write(s, sg_strlen(s));
}

_Noreturn void sg_exit(int code)
{
	struct sg_vm_hc_exit a = { .code = code };

	for (;;)
		sg_hypercall(SG_VM_HC_EXIT, &a);
}
