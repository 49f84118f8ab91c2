/* enoent-storm: the same file name looked up, and missing, in many places (a
 * search path tried directory by directory, or one lookup made again and
 * again). Every miss is a path walk in the kernel that finds nothing. */
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "core/util.h"

extern const struct adv_rule adv_rule_enoent_storm;

#define ENOENT_RET (-2)
#define MIN_MISSES_PER_NAME 4 /* a name missing this often is being searched for */
#define MIN_MISSES 8	      /* misses of such names before it is a finding */

struct name {
	uint64_t misses;
	double ns;
	char *examples[3];
	struct adv_sites sites;
};

struct enoent_storm {
	const struct adv_machine *m;
	uint64_t min_per_name, min_misses;
	struct adv_table names; /* by the path's last component */
};

static void *start(const struct adv_machine *m, double threshold)
{
	struct enoent_storm *st = sg_xcalloc(1, sizeof(*st));

	st->m = m;
	st->min_per_name = adv_scaled(threshold, MIN_MISSES_PER_NAME);
	st->min_misses = adv_scaled(threshold, MIN_MISSES);
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
	struct name *n = adv_table_get(&st->names, base_name(c->path, base, sizeof(base)),
				       sizeof(*n));
	n->misses++;
	n->ns += adv_call_ns(c, st->m);
	adv_keep_example(n->examples, c);
	adv_sites_add(&n->sites, c->site);
}

struct tally {
	struct enoent_storm *st;
	uint64_t misses, names;
	double ns;
	const char *top_name;
	struct name *top;
};

static void tally_name(void *p, const char *key, void *data)
{
	struct tally *t = p;
	struct name *n = data;

	if (n->misses < t->st->min_per_name)
		return;
	t->misses += n->misses;
	t->ns += n->ns;
	t->names++;
	if (!t->top || n->ns > t->top->ns)
		t->top = n, t->top_name = key;
}

static void free_name(void *p, const char *key, void *data)
{
	struct name *n = data;
	(void)p, (void)key;

	for (int i = 0; i < 3; i++)
		free(n->examples[i]);
	adv_sites_free(&n->sites);
}

static void finish(void *p, const struct adv_run *run, struct adv_report *r)
{
	struct tally t = { .st = p };
	char what[320];
	(void)run;

	adv_table_each(&t.st->names, tally_name, &t);
	if (!t.top || t.misses < t.st->min_misses)
		return;
	/* The fix finds each file where it is at the first try: every miss goes. */
	snprintf(what, sizeof(what), "%llu lookups of %llu names failed with ENOENT; \"%.160s\" "
		 "was missing %llu times", (unsigned long long)t.misses,
		 (unsigned long long)t.names, t.top_name, (unsigned long long)t.top->misses);
	adv_report_finding(r, &adv_rule_enoent_storm, t.misses, t.ns, t.ns, sg_xstrdup(what),
			   &t.top->sites, t.top->examples);
}

static void stop(void *p)
{
	struct enoent_storm *st = p;

	adv_table_each(&st->names, free_name, NULL);
	adv_table_free(&st->names);
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
