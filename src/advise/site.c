/* The code site of a call: the first frame of the program's own code. */
#include "advise_int.h"

#include <stdio.h>
#include <string.h>

#include "core/strbuf.h"

/* libc and the dynamic loader make the call for everyone; the agent makes it
 * for sysgate. The site is whoever asked them. */
static bool is_plumbing(const char *object)
{
	const char *base = strrchr(object, '/');

	base = base ? base + 1 : object;
	return strncmp(base, "libc.so", 7) == 0 || strncmp(base, "libc-", 5) == 0 ||
	       strncmp(base, "ld-linux", 8) == 0 || strncmp(base, "libsysgate-agent", 16) == 0 ||
	       strncmp(base, "libpthread", 10) == 0;
}

char *adv_site(const struct adv_frame *f, int n)
{
	struct sg_str s = { 0 };
	int i = 0;

	if (n <= 0)
		return NULL;
	while (i < n && is_plumbing(f[i].object))
		i++;
	if (i == n)
		i = 0;
	if (f[i].function)
		sg_str_addf(&s, "%s+0x%llx (%s)", f[i].function,
			    (unsigned long long)f[i].function_offset, f[i].object);
	else
		sg_str_addf(&s, "0x%llx (%s)", (unsigned long long)f[i].offset, f[i].object);
	return sg_str_take(&s);
}
