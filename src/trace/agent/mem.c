/* memcpy and memset for the agent: the compiler may emit calls to them, and the
 * C library's versions use vector registers the program may be holding. */
#include "agent.h"

AGENT_HIDDEN void *memcpy(void *d, const void *s, size_t n)
{
	void *ret = d;

	__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	return ret;
}

AGENT_HIDDEN void *memset(void *d, int c, size_t n)
{
	void *ret = d;

	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return ret;
}
