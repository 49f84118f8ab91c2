/* What a call's arguments tell the rules, by their names in the syscall table:
 * the same whether they were decoded live or read back from JSON. */
#include "advise_int.h"

#include <string.h>

static bool is_any(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(name, *names) == 0)
			return true;
	return false;
}

void adv_call_init(struct adv_call *c)
{
	size_t n = sizeof(*c);

	/* The size hidden from gcc, which would write a `rep stos`: slower here
	 * than libc's memset, and this runs for every call. */
	__asm__("" : "+r"(n));
	memset(c, 0, n);
	c->fd = -1;
	c->bytes = -1;
}

enum adv_arg_role adv_arg_role(const char *name)
{
	static const char *const sizes[] = { "count", "len", "size", NULL };
	static const char *const paths[] = { "pathname", "filename", "path", NULL };

	if (strcmp(name, "fd") == 0)
		return ADV_ARG_FD;
	if (is_any(name, sizes))
		return ADV_ARG_BYTES;
	if (is_any(name, paths))
		return ADV_ARG_PATH;
	return ADV_ARG_OTHER;
}

void adv_call_arg_as(struct adv_call *c, enum adv_arg_role role, int64_t num, const char *str)
{
	if (role == ADV_ARG_FD && !str)
		c->fd = (int)num;
	else if (role == ADV_ARG_BYTES && !str)
		c->bytes = num;
	else if (role == ADV_ARG_PATH && str)
		c->path = str;
}

void adv_call_arg(struct adv_call *c, const char *name, int64_t num, const char *str)
{
	adv_call_arg_as(c, adv_arg_role(name), num, str);
}
