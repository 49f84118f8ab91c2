/* The flow graph of monitor.h: processes, objects, edges, and the fixpoint. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/proc_status.h"
#include "core/util.h"
#include "monitor.h"

/* Open-addressing index from a 64-bit key to a table position (+1; 0 is empty). */
struct index {
	uint64_t *keys;
	unsigned *pos;
	size_t cap, used;
};

static struct index proc_index, obj_index;

static uint64_t mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

static void index_put(struct index *ix, uint64_t key, unsigned pos);

static void index_grow(struct index *ix)
{
	struct index old = *ix;

	ix->cap = old.cap ? old.cap * 2 : 1024;
	ix->keys = sg_xcalloc(ix->cap, sizeof(*ix->keys));
	ix->pos = sg_xcalloc(ix->cap, sizeof(*ix->pos));
	ix->used = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.pos[i])
			index_put(ix, old.keys[i], old.pos[i] - 1);
	free(old.keys);
	free(old.pos);
}

static void index_put(struct index *ix, uint64_t key, unsigned pos)
{
	if ((ix->used + 1) * 2 > ix->cap)
		index_grow(ix);
	size_t i = mix(key) & (ix->cap - 1);

	while (ix->pos[i] && ix->keys[i] != key)
		i = (i + 1) & (ix->cap - 1);
	if (!ix->pos[i])
		ix->used++;
	ix->keys[i] = key;
	ix->pos[i] = pos + 1;
}

static long index_get(const struct index *ix, uint64_t key)
{
	if (!ix->cap)
		return -1;
	for (size_t i = mix(key) & (ix->cap - 1); ix->pos[i]; i = (i + 1) & (ix->cap - 1))
		if (ix->keys[i] == key)
			return (long)ix->pos[i] - 1;
	return -1;
}

static void index_free(struct index *ix)
{
	free(ix->keys);
	free(ix->pos);
	memset(ix, 0, sizeof(*ix));
}

static uint64_t obj_key(dev_t dev, ino_t ino)
{
	return ((uint64_t)dev << 40) ^ (uint64_t)ino;
}

void taint_graph_init(struct taint_graph *g)
{
	memset(g, 0, sizeof(*g));
}

void taint_graph_free(struct taint_graph *g)
{
	for (size_t i = 0; i < g->nprocs; i++) {
		free(g->procs[i].edges);
		if (g->procs[i].pidfd >= 0)
			close(g->procs[i].pidfd);
	}
	for (size_t i = 0; i < g->nobjs; i++)
		if (g->objs[i].handle >= 0)
			close(g->objs[i].handle);
	free(g->procs);
	free(g->objs);
	index_free(&proc_index);
	index_free(&obj_index);
	memset(g, 0, sizeof(*g));
}

/* Has the process this entry was made for exited (its pid free for reuse)? */
static bool exited(struct taint_proc *p)
{
	struct pollfd pf = { p->pidfd, POLLIN, 0 };

	if (p->pidfd < 0)
		return true;
	if (poll(&pf, 1, 0) == 0)
		return false;
	close(p->pidfd);
	p->pidfd = -1;
	return true;
}

struct taint_proc *taint_proc_find(struct taint_graph *g, pid_t tgid)
{
	long i = index_get(&proc_index, (uint64_t)tgid);

	return i < 0 ? NULL : &g->procs[i];
}

static struct taint_proc *proc_add(struct taint_graph *g, pid_t tgid)
{
	if (g->nprocs == g->pcap) {
		g->pcap = g->pcap ? g->pcap * 2 : 64;
		g->procs = sg_xrealloc(g->procs, g->pcap * sizeof(*g->procs));
	}
	struct taint_proc *p = &g->procs[g->nprocs];

	memset(p, 0, sizeof(*p));
	p->tgid = tgid;
	p->pidfd = (int)syscall(SYS_pidfd_open, tgid, 0);
	index_put(&proc_index, (uint64_t)tgid, (unsigned)g->nprocs++);
	return p;
}

static struct taint_proc *live(struct taint_graph *g, pid_t tgid)
{
	struct taint_proc *p = taint_proc_find(g, tgid);

	return p && !exited(p) ? p : NULL;
}

/* The union of every label in the graph, settled: what an orphan may have
 * inherited. */
static taint_label any_label(struct taint_graph *g)
{
	taint_label l = 0;

	taint_settle(g);

	for (size_t i = 0; i < g->nprocs; i++)
		l |= g->procs[i].label;
	return l;
}

/* Index of a new entry for process tgid, first seen now. Forks are not notified,
 * so its parent may be new too: the chain is walked up to a process the graph
 * knows or to a subreaper (sysgate, or the keeper between sysgate and the command:
 * every orphan's new parent).
 * depth bounds the walk should /proc change under it. */
static size_t first_sight(struct taint_graph *g, pid_t tgid, unsigned depth)
{
	pid_t ppid = sg_proc_status_field(tgid, "PPid", -1);
	struct taint_proc *parent = ppid > 0 ? live(g, ppid) : NULL;
	bool below_subreaper = ppid == getpid() || (g->keeper && ppid == g->keeper);
	long pi = parent ? parent - g->procs : -1;

	if (!parent && ppid > 1 && !below_subreaper && depth < 64)
		pi = (long)first_sight(g, ppid, depth + 1);
	size_t i = (size_t)(proc_add(g, tgid) - g->procs); /* may move the table */
	struct taint_proc *p = &g->procs[i];

	if (g->nfresh < sizeof(g->fresh) / sizeof(g->fresh[0]))
		g->fresh[g->nfresh++] = i;

	if (pi >= 0) {
		parent = &g->procs[pi];
		p->label = parent->label;
		p->declassifier = parent->declassifier;
		for (size_t k = 0; k < parent->nedges; k++)
			taint_attach(g, p, parent->edges[k].obj, parent->edges[k].reads,
				     parent->edges[k].writes);
	} else if (tgid != g->command) {
		/* Its parent died before we saw it: assume the worst. */
		p->label = any_label(g);
	}
	return i;
}

struct taint_proc *taint_proc_of(struct taint_graph *g, pid_t tid)
{
	struct taint_proc *p = live(g, tid);

	if (p)
		return p;
	pid_t tgid = sg_proc_status_field(tid, "Tgid", tid);
	if (tgid != tid && (p = live(g, tgid)))
		return p;
	if (!g->command) {
		pid_t ppid = sg_proc_status_field(tgid, "PPid", -1);
		g->command = tgid;
		g->keeper = ppid != getpid() ? ppid : 0;
	}
	size_t i = first_sight(g, tgid, 0); /* before g->procs is read: it may move it */

	return &g->procs[i];
}

unsigned taint_obj_get(struct taint_graph *g, dev_t dev, ino_t ino, enum taint_obj_kind kind)
{
	long i = index_get(&obj_index, obj_key(dev, ino));

	if (i >= 0)
		return (unsigned)i;
	if (g->nobjs == g->ocap) {
		g->ocap = g->ocap ? g->ocap * 2 : 256;
		g->objs = sg_xrealloc(g->objs, g->ocap * sizeof(*g->objs));
	}
	struct taint_obj *o = &g->objs[g->nobjs];

	memset(o, 0, sizeof(*o));
	o->dev = dev;
	o->ino = ino;
	o->kind = kind;
	o->handle = -1;
	index_put(&obj_index, obj_key(dev, ino), (unsigned)g->nobjs);
	return (unsigned)g->nobjs++;
}

unsigned taint_obj_find_ino(struct taint_graph *g, enum taint_obj_kind kind, ino_t ino,
			    bool *found)
{
	for (size_t i = 0; i < g->nobjs; i++)
		if (g->objs[i].kind == kind && g->objs[i].ino == ino) {
			*found = true;
			return (unsigned)i;
		}
	*found = false;
	return 0;
}

void taint_attach(struct taint_graph *g, struct taint_proc *p, unsigned obj, bool reads,
		  bool writes)
{
	/* An object nobody holds yet (every new file) needs no search of p's edges,
	 * which grow with every file p opens. */
	for (size_t i = 0; g->objs[obj].users && i < p->nedges; i++)
		if (p->edges[i].obj == obj) {
			p->edges[i].reads |= reads;
			p->edges[i].writes |= writes;
			return;
		}
	g->objs[obj].users++;
	if (p->nedges == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->edges = sg_xrealloc(p->edges, p->cap * sizeof(*p->edges));
	}
	p->edges[p->nedges++] = (struct taint_edge){ obj, reads, writes };
}

/* Write a grown label into the file's xattr, through the handle kept for it. */
void taint_obj_persist(struct taint_obj *o)
{
	char path[64];

	if (o->kind != TAINT_OBJ_FILE || o->handle < 0 || (o->label & ~o->persisted) == 0)
		return;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", o->handle);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return;
	if (taint_xattr_add_fd(fd, o->label) == 0)
		o->persisted |= o->label;
	close(fd);
}

/* One pass over every edge; whether any label grew. */
static bool settle_pass(struct taint_graph *g)
{
	bool changed = false;

	for (size_t i = 0; i < g->nprocs; i++) {
		struct taint_proc *p = &g->procs[i];

		for (size_t k = 0; k < p->nedges; k++) {
			struct taint_obj *o = &g->objs[p->edges[k].obj];

			if (p->edges[k].writes && (p->label & ~o->label)) {
				o->label |= p->label;
				changed = true;
			}
			if (p->edges[k].reads && !p->declassifier && (o->label & ~p->label)) {
				p->label |= o->label;
				changed = true;
			}
		}
	}
	for (size_t i = 0; i < g->nobjs; i++) {
		struct taint_obj *o = &g->objs[i];
		bool found;

		if (o->kind == TAINT_OBJ_SOCKET && o->peer_pid) {
			/* All the peer process holds may have been written here. */
			struct taint_proc *q = taint_proc_find(g, o->peer_pid);
			if (q && (q->label & ~o->label)) {
				o->label |= q->label;
				changed = true;
			}
		}
		if (o->kind != TAINT_OBJ_SOCKET || !o->peer)
			continue;
		unsigned j = taint_obj_find_ino(g, TAINT_OBJ_SOCKET, o->peer, &found);
		/* Both ways: the peer may have been recorded before the connection existed. */
		taint_label both = found ? o->label | g->objs[j].label : 0;
		if (found && (both != o->label || both != g->objs[j].label)) {
			o->label = g->objs[j].label = both;
			changed = true;
		}
	}
	return changed;
}

void taint_settle(struct taint_graph *g)
{
	while (settle_pass(g))
		;
	for (size_t i = 0; i < g->nobjs; i++)
		taint_obj_persist(&g->objs[i]);
}
