/* Words of a command line and decimal numbers, for guests on both sides of the
 * ring boundary: header-only, so that each side compiles its own copy into its
 * own pages (a program in ring 3 may not call into the kernel's). */
#ifndef SG_GUEST_WORDS_H
#define SG_GUEST_WORDS_H

#include <stdint.h>

/* s starts with the whole word (followed by a space or the end). */
static inline int word_starts(const char *s, const char *word)
{
	while (*word && *s == *word)
		s++, word++;
	return *word == 0 && (*s == 0 || *s == ' ');
}

/* The word after the first in s (or the empty end). */
static inline const char *word_next(const char *s)
{
	while (*s && *s != ' ')
		s++;
	return *s ? s + 1 : s;
}

static inline uint64_t word_number(const char *s)
{
	uint64_t n = 0;

	while (*s >= '0' && *s <= '9')
		n = n * 10 + (uint64_t)(*s++ - '0');
	return n;
}

/* v in decimal, in buf (24 bytes); returns where the digits start. */
static inline const char *word_decimal(char buf[24], uint64_t v)
{
	int i = 23;

	buf[i] = 0;
	do
		buf[--i] = (char)('0' + v % 10);
	while ((v /= 10) && i > 0);
	return buf + i;
}

#endif
