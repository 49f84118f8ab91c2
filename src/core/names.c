#include "names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

const char *sg_errno_name(int err)
{
	if (err <= 0 || err >= SG_ERRNO_MAX)
		return NULL;
	return sg_errno_table[err];
}

int sg_errno_by_name(const char *name)
{
	long v;

	if (sg_parse_long(name, &v) == 0)
		return v > 0 && v < 4096 ? (int)v : -1;
	for (int i = 1; i < SG_ERRNO_MAX; i++)
		if (sg_errno_table[i] && strcmp(sg_errno_table[i], name) == 0)
			return i;
	return -1;
}

const char *sg_errno_text(int err)
{
	switch (err) {
	case 512: return "To be restarted if SA_RESTART is set";
	case 513: return "To be restarted";
	case 514: return "To be restarted if no handler";
	case 516: return "Interrupted by signal";
	default: return strerror(err);
	}
}

const char *sg_signal_name(int sig, char *buf, unsigned size)
{
	if (sig > 0 && sig < SG_SIGNAL_MAX && sg_signal_table[sig])
		return sg_signal_table[sig];
	if (sig == 32)
		return "SIGRTMIN";
	if (sig > 32 && sig <= 64) {
		snprintf(buf, size, "SIGRT_%d", sig - 32);
		return buf;
	}
	return NULL;
}

int sg_signal_by_name(const char *name)
{
	long v;

	if (sg_parse_long(name, &v) == 0)
		return v > 0 && v <= 64 ? (int)v : -1;
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (int i = 1; i < SG_SIGNAL_MAX; i++)
		if (sg_signal_table[i] && strcasecmp(sg_signal_table[i] + 3, name) == 0)
			return i;
	return -1;
}

const char *sg_fs_magic_name(unsigned long magic)
{
	unsigned lo = 0, hi = sg_fs_magic_count;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (sg_fs_magic_table[mid].value == magic)
			return sg_fs_magic_table[mid].name;
		if (sg_fs_magic_table[mid].value < magic)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
