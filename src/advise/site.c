/* The code site of a call: the first frame of the program's own code. */
#include "advise_int.h"

#include <stdio.h>
#include <string.h>

#include "core/frames.h"
#include "core/strbuf.h"

char *adv_site(const struct adv_frame *f, int n)
{
	struct sg_str s = { 0 };
	int i = 0;

	if (n <= 0)
		return NULL;
	while (i < n && sg_frame_is_plumbing(f[i].object))
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
