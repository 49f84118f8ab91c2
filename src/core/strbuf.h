/* A growable text buffer: decoders and writers append to it. */
#ifndef SG_CORE_STRBUF_H
#define SG_CORE_STRBUF_H

#include <stddef.h>

struct sg_str {
	char *s;
	size_t len, cap;
};

void sg_str_add(struct sg_str *b, const char *text);
void sg_str_addn(struct sg_str *b, const char *text, size_t n);
void sg_str_addf(struct sg_str *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sg_str_addc(struct sg_str *b, char c);
/* %llu, %lld and %#llx, faster. */
void sg_str_add_uint(struct sg_str *b, unsigned long long v);
void sg_str_add_int(struct sg_str *b, long long v);
void sg_str_add_hex(struct sg_str *b, unsigned long long v);
/* Append bytes as a C string literal body, escaped the way strace does. */
void sg_str_add_escaped(struct sg_str *b, const unsigned char *p, size_t n);
/* The same under -x (hex: 1, a string holding a byte no escape names is all
 * \xNN) and -xx (hex: 2, every string is); 0 is sg_str_add_escaped. */
void sg_str_add_escaped_hex(struct sg_str *b, const unsigned char *p, size_t n, int hex);
/* Hand the text over (caller frees) and reset the buffer. */
char *sg_str_take(struct sg_str *b);
void sg_str_reset(struct sg_str *b);
void sg_str_free(struct sg_str *b);

#endif
