#include "tracees.h"

#include <stdlib.h>

#include "core/util.h"
#include "ring.h"

struct tracee *tracee_find(struct tracee_table *t, pid_t tid)
{
	/* Most recent first: the thread that just stopped is usually a new one. */
	for (int i = t->n - 1; i >= 0; i--)
		if (t->items[i]->tid == tid)
			return t->items[i];
	return NULL;
}

struct tracee *tracee_add(struct tracee_table *t, pid_t tid)
{
	struct tracee *tr = tracee_find(t, tid);

	if (tr)
		return tr;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->items = sg_xrealloc(t->items, sizeof(*t->items) * (size_t)t->cap);
	}
	tr = sg_xcalloc(1, sizeof(*tr));
	tr->tid = tid;
	t->items[t->n++] = tr;
	t->ever++;
	return tr;
}

void tracee_remove(struct tracee_table *t, pid_t tid)
{
	for (int i = 0; i < t->n; i++) {
		if (t->items[i]->tid != tid)
			continue;
		sg_call_clear(&t->items[i]->call);
		sg_stack_free(t->items[i]->exec_stack);
		free(t->items[i]->inject_seen);
		free(t->items[i]->unwound);
		for (int k = 0; k < t->items[i]->nouter; k++)
			sg_call_clear(&t->items[i]->outer[k]);
		free(t->items[i]);
		t->items[i] = t->items[--t->n];
		return;
	}
}

void tracee_free_all(struct tracee_table *t)
{
	while (t->n)
		tracee_remove(t, t->items[0]->tid);
	free(t->items);
	t->items = NULL;
	t->cap = 0;
}

bool tracee_stack_wanted(struct tracee *t, long nr, unsigned first, unsigned every)
{
	if (!first)
		return true;
	if (nr < 0 || nr >= SG_NR_SYSCALLS)
		return false;
	if (!t->unwound)
		t->unwound = sg_xcalloc(SG_NR_SYSCALLS, sizeof(*t->unwound));
	return sg_stack_sampled(&t->unwound[nr], first, every);
}
