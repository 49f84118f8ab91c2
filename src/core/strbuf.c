#include "strbuf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void reserve(struct sg_str *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = sg_xrealloc(b->s, cap);
	b->cap = cap;
}

void sg_str_addn(struct sg_str *b, const char *text, size_t n)
{
	reserve(b, n);
	memcpy(b->s + b->len, text, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sg_str_add(struct sg_str *b, const char *text)
{
	sg_str_addn(b, text, strlen(text));
}

void sg_str_addc(struct sg_str *b, char c)
{
	sg_str_addn(b, &c, 1);
}

void sg_str_addf(struct sg_str *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Numbers without printf (the in-process trace formats millions of them). */
void sg_str_add_uint(struct sg_str *b, unsigned long long v)
{
	char tmp[24];
	int n = 0;

	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	reserve(b, (size_t)n);
	while (n)
		b->s[b->len++] = tmp[--n];
	b->s[b->len] = '\0';
}

void sg_str_add_int(struct sg_str *b, long long v)
{
	if (v < 0) {
		sg_str_addc(b, '-');
		sg_str_add_uint(b, 0ull - (unsigned long long)v);
	} else {
		sg_str_add_uint(b, (unsigned long long)v);
	}
}

void sg_str_add_hex(struct sg_str *b, unsigned long long v)
{
	char tmp[16];
	int n = 0;

	if (!v) {
		sg_str_addc(b, '0');
		return;
	}
	while (v) {
		tmp[n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	}
	reserve(b, (size_t)n + 2);
	b->s[b->len++] = '0';
	b->s[b->len++] = 'x';
	while (n)
		b->s[b->len++] = tmp[--n];
	b->s[b->len] = '\0';
}

/* strace's escaping: named escapes for common controls, octal for the rest,
 * using the shortest octal form unless a digit follows. */
void sg_str_add_escaped(struct sg_str *b, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		const char *esc = NULL;

		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\t': esc = "\\t"; break;
		case '\r': esc = "\\r"; break;
		case '\f': esc = "\\f"; break;
		case '\v': esc = "\\v"; break;
		default: break;
		}
		if (esc) {
			sg_str_add(b, esc);
		} else if (c >= ' ' && c < 0x7f) {
			sg_str_addc(b, (char)c);
		} else {
			int digit_next = i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '7';
			sg_str_addc(b, '\\');
			if (digit_next || c >= 0100)
				sg_str_addc(b, (char)('0' + (c >> 6)));
			if (digit_next || c >= 010)
				sg_str_addc(b, (char)('0' + ((c >> 3) & 7)));
			sg_str_addc(b, (char)('0' + (c & 7)));
		}
	}
}

/* A byte strace's escaping has no name for (-x hexes a string that holds one). */
static bool unnamed_control(unsigned char c)
{
	return (c < ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f' && c != '\v') ||
	       c >= 0x7f;
}

void sg_str_add_escaped_hex(struct sg_str *b, const unsigned char *p, size_t n, int hex)
{
	bool all = hex >= 2;

	for (size_t i = 0; hex == 1 && !all && i < n; i++)
		all = unnamed_control(p[i]);
	if (!all) {
		sg_str_add_escaped(b, p, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		sg_str_addf(b, "\\x%02x", p[i]);
}

char *sg_str_take(struct sg_str *b)
{
	char *s = b->s ? b->s : sg_xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void sg_str_reset(struct sg_str *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void sg_str_free(struct sg_str *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
