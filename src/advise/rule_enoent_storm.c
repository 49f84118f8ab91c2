/* enoent-storm: the same file name looked up, and missing, in many places (a
 * search path tried directory by directory, or one lookup made again and
 * again). Every miss is a path walk in the kernel that finds nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "../core/util.h"
#include "rule_kit.h"
#include "rule_list.h"

#define ENOENT_RET (-2)
#define MIN_MISSES_PER_NAME 4 /* a name missing this often is being searched for */
#define MIN_MISSES 8	      /* misses of such names before it is a finding */
#define TRACKED_NAMES 4096    /* names with evidence */

struct enoent_storm {
	const struct adv_machine *m;
	uint64_t min_per_name, min_misses;
	/* (0, 0, the path's last component) -> struct adv_evidence of its misses */
	struct adv_map names;
};

static void *start(const struct adv_machine *m, double threshold)
{
	struct enoent_storm *st = sg_xcalloc(1, sizeof(*st));

	st->m = m;
	st->min_per_name = adv_scaled_min(MIN_MISSES_PER_NAME, threshold);
	st->min_misses = adv_scaled_min(MIN_MISSES, threshold);
	adv_map_init(&st->names, sizeof(struct adv_evidence), TRACKED_NAMES);
	return st;
}

static bool is_lookup(long nr)
{
	switch (nr) {
	case SYS_open: case SYS_openat: case SYS_openat2: case SYS_creat:
	case SYS_stat: case SYS_lstat: case SYS_newfstatat: case SYS_statx:
	case SYS_access: case SYS_faccessat: case SYS_faccessat2:
	case SYS_execve: case SYS_execveat: case SYS_readlink: case SYS_readlinkat:
		return true;
	default:
		return false;
	}
}

/* The last component of a path ("a/b/" is "b"), in buf. */
static const char *base_name(const char *path, char *buf, size_t len)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	size_t start = n;
	while (start > 0 && path[start - 1] != '/')
		start--;
	snprintf(buf, len, "%.*s", (int)(n - start), path + start);
	return buf;
}

static void feed(void *p, const struct adv_call *c)
{
	struct enoent_storm *st = p;
	char base[256];

	if (c->ret != ENOENT_RET || !c->path || !*c->path || !is_lookup(c->nr))
		return;
	/* The dynamic loader's probe at every start: nothing a program can fix. */
	if (strcmp(c->path, "/etc/ld.so.preload") == 0)
		return;
	struct adv_evidence *ev = adv_map_get(&st->names, 0, 0,
					      base_name(c->path, base, sizeof(base)), true);
	if (!ev)
		return;
	ev->count++;
	adv_evidence_remove(ev, adv_call_cost(st->m, c));
	adv_evidence_note(ev, c);
}

static void finish(void *p, const struct adv_run *run, struct adv_report *r)
{
	struct enoent_storm *st = p;
	struct adv_merged g = { 0 }; /* the names searched for */
	const struct adv_map_entry *k;
	(void)run;

	for (size_t i = 0; i < st->names.n; i++) {
		struct adv_evidence *ev = adv_map_at(&st->names, i, &k);
		if (ev && ev->count >= st->min_per_name)
			adv_merged_add(&g, ev, k);
	}
	if (!g.top || g.removed.n < st->min_misses)
		return;
	/* The fix finds each file where it is at the first try: every miss goes.
	 * The finding shows the name missed most. */
	char *what = adv_strf("%llu lookups of %llu names failed with ENOENT; \"%.160s\" was "
			      "missing %llu times", (unsigned long long)g.removed.n,
			      (unsigned long long)g.groups, g.top_key->str,
			      (unsigned long long)g.top->count);
	adv_merged_report(&g, st->m->null_syscall_ns, &adv_rule_enoent_storm, what, r);
}

static void drop_name(void *v)
{
	adv_evidence_free(v);
}

static void stop(void *p)
{
	struct enoent_storm *st = p;

	adv_map_free(&st->names, drop_name);
	free(st);
}

const struct adv_rule adv_rule_enoent_storm = {
	.id = "enoent-storm",
	.fix = "Look where the file is: put the right directory first in the search path "
	       "(PATH, LD_LIBRARY_PATH, sys.path, -I), or remember what a search found (or did "
	       "not find) instead of searching again.",
	.start = start,
	.feed = feed,
	.finish = finish,
	.stop = stop,
};
