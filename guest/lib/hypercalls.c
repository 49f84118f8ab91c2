/* The guest side of the hypercalls. */
#include "guest.h"
#include "words.h"

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

void sg_put_hex(uint64_t v)
{
	char s[19] = "0x";

	for (int i = 0; i < 16; i++)
		s[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
	s[18] = 0;
	sg_puts(s);
}

void sg_put_dec(uint64_t v)
{
	char buf[24];

	sg_puts(word_decimal(buf, v));
}

int64_t sg_forward(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	struct sg_vm_hc_forward a = { .nr = nr, .args = { a0, a1, a2 } };

	sg_hypercall(SG_VM_HC_FORWARD, &a);
	return a.ret;
}
