#include "syscalls.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

const struct sg_syscall *sg_syscall(long nr)
{
	if (nr < 0 || nr >= SG_NR_SYSCALLS || !sg_syscall_table[nr].name)
		return NULL;
	return &sg_syscall_table[nr];
}

/* Numbers sorted by name, built once: profiles name hundreds of syscalls, and a
 * linear scan per name was most of the time `jail` spent reading its default. */
static short by_name[SG_NR_SYSCALLS];
static int nnamed;
static pthread_once_t by_name_once = PTHREAD_ONCE_INIT;

static int cmp_nr_by_name(const void *a, const void *b)
{
	return strcmp(sg_syscall_table[*(const short *)a].name,
		      sg_syscall_table[*(const short *)b].name);
}

static void build_by_name(void)
{
	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++)
		if (sg_syscall_table[nr].name)
			by_name[nnamed++] = (short)nr;
	qsort(by_name, (size_t)nnamed, sizeof(by_name[0]), cmp_nr_by_name);
}

static int cmp_name(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

bool sg_syscall_foreign(const char *name)
{
	return bsearch(name, sg_foreign_syscalls, sg_nforeign_syscalls, sizeof(sg_foreign_syscalls[0]),
		       cmp_name) != NULL;
}

int sg_syscall_nr(const char *name)
{
	int lo = 0, hi;

	pthread_once(&by_name_once, build_by_name);
	hi = nnamed;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		int c = strcmp(sg_syscall_table[by_name[mid]].name, name);
		if (c == 0)
			return by_name[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static const struct {
	const char *name;
	unsigned bit;
} class_names[] = {
	{ "file", SG_CLASS_FILE },	 { "desc", SG_CLASS_DESC },
	{ "network", SG_CLASS_NETWORK }, { "net", SG_CLASS_NETWORK },
	{ "process", SG_CLASS_PROCESS }, { "memory", SG_CLASS_MEMORY },
	{ "signal", SG_CLASS_SIGNAL },	 { "ipc", SG_CLASS_IPC },
	{ "creds", SG_CLASS_CREDS },	 { "clock", SG_CLASS_CLOCK },
	{ "pure", SG_CLASS_PURE },	 { "stat", SG_CLASS_STAT },
	{ "lstat", SG_CLASS_LSTAT },	 { "fstat", SG_CLASS_FSTAT },
	{ "%stat", SG_CLASS_STAT_ANY },	 { "statfs", SG_CLASS_STATFS },
	{ "fstatfs", SG_CLASS_FSTATFS }, { "%statfs", SG_CLASS_STATFS_ANY },
};

unsigned sg_class_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(class_names) / sizeof(class_names[0]); i++)
		if (strcmp(class_names[i].name, name) == 0)
			return class_names[i].bit;
	return 0;
}

/* Levenshtein distance, capped by the short names syscalls have. */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int row[64];

	if (la >= 63 || lb >= 63)
		return INT_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j];
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *sg_syscall_suggest(const char *name)
{
	const char *best = NULL;
	int best_d = INT_MAX;

	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++) {
		const char *cand = sg_syscall_table[nr].name;
		if (!cand)
			continue;
		int d = distance(name, cand);
		if (d < best_d) {
			best_d = d;
			best = cand;
		}
	}
	return best_d <= 3 ? best : NULL;
}

static uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

uint64_t sg_syscall_table_hash(void)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++) {
		const struct sg_syscall *sc = &sg_syscall_table[nr];
		if (!sc->name)
			continue;
		h = fnv1a(h, &nr, sizeof(nr));
		h = fnv1a(h, sc->name, strlen(sc->name));
		for (int i = 0; i < sc->nargs; i++)
			h = fnv1a(h, &sc->args[i].kind, sizeof(sc->args[i].kind));
	}
	return h;
}
