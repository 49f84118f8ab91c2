/* tiny-io: many reads or writes of a few bytes each on one fd. Each pays a
 * kernel crossing for a handful of bytes; a buffer pays one per 64 KiB. */
#include "rules.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "core/util.h"
#include "rule_kit.h"

extern const struct adv_rule adv_rule_tiny_io;

#define TINY_BYTES 64	     /* a call moving at most this many bytes is tiny */
#define MIN_CALLS 256	     /* tiny calls on one fd before it is a finding */
#define BUFFER_BYTES 65536.0 /* what the fix buffers */

struct group {
	pid_t pid;
	int fd;
	bool writes;
	uint64_t calls;
	double bytes;
	struct adv_costs costs; /* the calls' durations */
	char *examples[3];
	struct adv_sites sites;
};

struct tiny_io {
	const struct adv_machine *m;
	uint64_t min_calls;
	struct adv_table groups; /* "pid fd r|w" */
};

static void *start(const struct adv_machine *m, double threshold)
{
	struct tiny_io *st = sg_xcalloc(1, sizeof(*st));

	st->m = m;
	st->min_calls = adv_scaled(threshold, MIN_CALLS);
	return st;
}

/* The bytes a call moved or asked for; -1 when it is no read or write. A read
 * is judged by what it asked for: one that asks for much and gets little is the
 * other side's doing. Vectored calls by what they moved. */
static int64_t io_bytes(const struct adv_call *c, bool *writes)
{
	switch (c->nr) {
	case SYS_read: case SYS_pread64: case SYS_recvfrom:
		*writes = false;
		return c->bytes;
	case SYS_write: case SYS_pwrite64: case SYS_sendto:
		*writes = true;
		return c->bytes;
	case SYS_readv: case SYS_preadv: case SYS_recvmsg:
		*writes = false;
		return c->ret;
	case SYS_writev: case SYS_pwritev: case SYS_sendmsg:
		*writes = true;
		return c->ret;
	default:
		return -1;
	}
}

static void feed(void *p, const struct adv_call *c)
{
	struct tiny_io *st = p;
	bool writes = false;
	int64_t bytes = io_bytes(c, &writes);
	char key[64];

	if (c->failed || c->fd < 0 || bytes < 0 || bytes > TINY_BYTES)
		return;
	snprintf(key, sizeof(key), "%d %d %c", (int)c->pid, c->fd, writes ? 'w' : 'r');
	struct group *g = adv_table_get(&st->groups, key, sizeof(*g));
	g->pid = c->pid;
	g->fd = c->fd;
	g->writes = writes;
	g->calls++;
	g->bytes += (double)(c->ret > 0 ? c->ret : 0);
	adv_costs_add(&g->costs, adv_call_cost(st->m, c));
	adv_keep_example(g->examples, c);
	adv_sites_add(&g->sites, c->site);
}

struct finish_ctx {
	struct tiny_io *st;
	struct adv_report *r;
};

static void report_group(void *p, const char *key, void *data)
{
	struct finish_ctx *ctx = p;
	struct group *g = data;
	(void)key;

	if (g->calls >= ctx->st->min_calls) {
		/* The calls cost their count times their median duration, at least
		 * a kernel crossing each (adv_costs_total: a few calls descheduled
		 * mid-way must not count as the calls' cost). Buffered, the same
		 * bytes take one call per 64 KiB (at least one); those calls cost
		 * about what these did (the copying stays). */
		double ns = adv_costs_total(&g->costs, g->calls, ctx->st->m->null_syscall_ns);
		double kept = fmax(1, ceil(g->bytes / BUFFER_BYTES));
		double saving = ns * fmax(0, (double)g->calls - kept) / (double)g->calls;
		char what[160];
		snprintf(what, sizeof(what), "%llu %s of %.1f bytes on average on fd %d (pid %d)",
			 (unsigned long long)g->calls, g->writes ? "writes" : "reads",
			 g->bytes / (double)g->calls, g->fd, (int)g->pid);
		adv_report_finding(ctx->r, &adv_rule_tiny_io, g->calls, ns, saving, sg_xstrdup(what),
				   &g->sites, g->examples);
	}
	for (int i = 0; i < 3; i++)
		free(g->examples[i]);
	adv_sites_free(&g->sites);
}

static void finish(void *p, const struct adv_run *run, struct adv_report *r)
{
	struct finish_ctx ctx = { p, r };
	(void)run;

	adv_table_each(&ctx.st->groups, report_group, &ctx);
}

static void stop(void *p)
{
	struct tiny_io *st = p;

	adv_table_free(&st->groups);
	free(st);
}

const struct adv_rule adv_rule_tiny_io = {
	.id = "tiny-io",
	.fix = "Buffer: read and write in blocks of 64 KiB or more (stdio, a larger bs=, "
	       "BufWriter), so one call moves what many did.",
	.start = start,
	.feed = feed,
	.finish = finish,
	.stop = stop,
};
