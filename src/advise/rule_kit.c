/* Pieces the advise rules share (rule_kit.h). */
#include "rule_kit.h"

#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "../core/util.h"

double adv_call_cost(const struct adv_machine *m, const struct adv_call *c)
{
	return c->dur_ns ? (double)c->dur_ns : m->null_syscall_ns;
}

double adv_factor(double threshold)
{
	return threshold > 0 ? threshold : 1;
}

uint64_t adv_scaled_min(uint64_t base, double threshold)
{
	double v = (double)base * adv_factor(threshold);

	return v < 1 ? 1 : (uint64_t)(v + 0.5);
}

char *adv_strf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		sg_die("out of memory");
	return s;
}

/* ---- typical costs ---- */

/* 0 below 1 ns, then two buckets per power of two: floor(2 * log2(ns)) + 1,
 * from the exponent and one comparison with sqrt(2) rather than a log2 at
 * every call. */
static int cost_bucket(double ns)
{
	int e;

	if (!(ns >= 1))
		return 0;
	double m = frexp(ns, &e); /* ns = m * 2^e, m in [0.5, 1) */
	int b = 2 * (e - 1) + (m >= M_SQRT1_2) + 1;
	return b < ADV_COST_BUCKETS ? b : ADV_COST_BUCKETS - 1;
}

void adv_costs_add(struct adv_costs *k, double ns)
{
	int b = cost_bucket(ns);

	k->n++;
	k->count[b]++;
	k->sum[b] += ns;
}

double adv_costs_median(const struct adv_costs *k)
{
	uint64_t seen = 0;

	for (int b = 0; b < ADV_COST_BUCKETS; b++) {
		seen += k->count[b];
		if (k->count[b] && 2 * seen >= k->n)
			return k->sum[b] / k->count[b];
	}
	return 0;
}

double adv_costs_total(const struct adv_costs *k, uint64_t n, double floor_ns)
{
	double median = adv_costs_median(k);

	return (double)n * (median > floor_ns ? median : floor_ns);
}

/* ---- the table ---- */

/* splitmix64's finaliser: every bit of x stirs every bit of the result. */
static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* Rules look a key up at most calls: two multiplies per integer, not one per
 * byte; the string, when there is one, byte by byte (FNV-1a). */
static uint32_t key_hash(uint64_t k1, uint64_t k2, const char *str)
{
	uint64_t h = mix64(k1 ^ mix64(k2 + 0x9e3779b97f4a7c15ull));

	for (const char *p = str; p && *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return (uint32_t)(h ^ (h >> 32));
}

/* The buckets start few and double with the entries (a rule's table is made
 * for up to tens of thousands of keys; most runs bring it a handful). */
#define MAP_BUCKETS_MIN 16

static void buckets_alloc(struct adv_map *m, size_t n)
{
	free(m->buckets);
	m->nbuckets = n;
	m->buckets = sg_xcalloc(n, sizeof(*m->buckets));
	memset(m->buckets, 0xff, n * sizeof(*m->buckets)); /* every bucket -1: empty */
}

void adv_map_init(struct adv_map *m, size_t value_size, size_t max_entries)
{
	memset(m, 0, sizeof(*m));
	m->value_size = (value_size + 15) & ~(size_t)15;
	m->max = max_entries ? max_entries : 1;
	buckets_alloc(m, MAP_BUCKETS_MIN);
	m->free_head = -1;
	m->recent[0] = m->recent[1] = -1;
}

/* Twice the buckets once the live entries outnumber them; the chains are made
 * again from the hashes the entries keep. */
static void buckets_grow(struct adv_map *m)
{
	buckets_alloc(m, 2 * m->nbuckets);
	for (size_t i = 0; i < m->n; i++) {
		if (!m->e[i].used)
			continue;
		int32_t *b = &m->buckets[m->e[i].hash & (m->nbuckets - 1)];
		m->e[i].next = *b;
		*b = (int32_t)i;
	}
}

static bool key_is(const struct adv_map_entry *e, uint32_t h, uint64_t k1, uint64_t k2,
		   const char *str)
{
	if (e->hash != h || e->k1 != k1 || e->k2 != k2)
		return false;
	if (!e->str || !str)
		return !e->str && !str;
	return strcmp(e->str, str) == 0;
}

/* A slot for a new entry: from the free list, else a fresh one; -1 when full. */
static int32_t new_slot(struct adv_map *m)
{
	if (m->free_head >= 0) {
		int32_t i = m->free_head;
		m->free_head = m->e[i].next;
		return i;
	}
	if (m->n == m->max)
		return -1;
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		if (m->cap > m->max)
			m->cap = m->max;
		m->e = sg_xrealloc(m->e, m->cap * sizeof(*m->e));
		m->values = sg_xrealloc(m->values, m->cap * m->value_size);
	}
	return (int32_t)m->n++;
}

static void *value_of(const struct adv_map *m, int32_t i)
{
	return m->values + (size_t)i * m->value_size;
}

/* One of the keys found last (its hash is not made again). */
static bool recent_is(const struct adv_map *m, int32_t i, uint64_t k1, uint64_t k2,
		      const char *str)
{
	return i >= 0 && key_is(&m->e[i], m->e[i].hash, k1, k2, str);
}

static void *found(struct adv_map *m, int32_t i)
{
	if (m->recent[0] != i) {
		m->recent[1] = m->recent[0];
		m->recent[0] = i;
	}
	return value_of(m, i);
}

static bool missed(const struct adv_map *m, uint64_t k1, uint64_t k2)
{
	for (int i = 0; i < m->nmissed; i++)
		if (m->missed[i][0] == k1 && m->missed[i][1] == k2)
			return true;
	return false;
}

static void note_missed(struct adv_map *m, uint64_t k1, uint64_t k2)
{
	m->missed[1][0] = m->missed[0][0];
	m->missed[1][1] = m->missed[0][1];
	m->missed[0][0] = k1;
	m->missed[0][1] = k2;
	if (m->nmissed < 2)
		m->nmissed++;
}

void *adv_map_get(struct adv_map *m, uint64_t k1, uint64_t k2, const char *str, bool create)
{
	/* Most rules ask at most calls about what is rare (a run of EAGAINs, a
	 * seek before the read): their tables are empty. */
	if (!m->live && !create)
		return NULL;
	for (int r = 0; r < 2; r++)
		if (recent_is(m, m->recent[r], k1, k2, str))
			return value_of(m, m->recent[r]);
	if (!create && !str && missed(m, k1, k2))
		return NULL;
	uint32_t h = key_hash(k1, k2, str);
	int32_t *b = &m->buckets[h & (m->nbuckets - 1)];

	for (int32_t i = *b; i >= 0; i = m->e[i].next)
		if (key_is(&m->e[i], h, k1, k2, str))
			return found(m, i);
	if (!create) {
		if (!str)
			note_missed(m, k1, k2);
		return NULL;
	}
	m->nmissed = 0; /* a key added may be one of them */
	if (m->live >= m->nbuckets) {
		buckets_grow(m);
		b = &m->buckets[h & (m->nbuckets - 1)];
	}
	int32_t i = new_slot(m);
	if (i < 0)
		return NULL;
	struct adv_map_entry *e = &m->e[i];
	*e = (struct adv_map_entry){ .k1 = k1, .k2 = k2, .str = str ? sg_xstrdup(str) : NULL,
				     .hash = h, .next = *b, .used = true };
	*b = i;
	m->live++;
	memset(value_of(m, i), 0, m->value_size);
	return found(m, i);
}

void adv_map_remove(struct adv_map *m, uint64_t k1, uint64_t k2, const char *str)
{
	if (!m->live)
		return; /* most rules' tables, at most calls */
	uint32_t h = key_hash(k1, k2, str);

	for (int32_t *p = &m->buckets[h & (m->nbuckets - 1)]; *p >= 0; p = &m->e[*p].next) {
		struct adv_map_entry *e = &m->e[*p];
		if (!key_is(e, h, k1, k2, str))
			continue;
		int32_t i = *p;
		*p = e->next;
		for (int r = 0; r < 2; r++)
			if (m->recent[r] == i)
				m->recent[r] = -1;
		free(e->str);
		e->str = NULL;
		e->used = false;
		e->next = m->free_head;
		m->free_head = i;
		m->live--;
		return;
	}
}

void *adv_map_at(const struct adv_map *m, size_t i, const struct adv_map_entry **key)
{
	if (i >= m->n || !m->e[i].used)
		return NULL;
	if (key)
		*key = &m->e[i];
	return m->values + i * m->value_size;
}

void adv_map_free(struct adv_map *m, void (*drop)(void *value))
{
	for (size_t i = 0; i < m->n; i++) {
		if (!m->e[i].used)
			continue;
		if (drop)
			drop(m->values + i * m->value_size);
		free(m->e[i].str);
	}
	free(m->e);
	free(m->values);
	free(m->buckets);
	memset(m, 0, sizeof(*m));
	m->recent[0] = m->recent[1] = -1;
}

/* ---- descriptor names ---- */

/* Enough for the descriptors a run keeps open at once, many processes over. */
#define FDNAMES_MAX 16384

void adv_fdnames_init(struct adv_fdnames *f)
{
	adv_map_init(&f->map, sizeof(char *), FDNAMES_MAX);
}

static void fdname_forget(struct adv_fdnames *f, pid_t pid, int fd)
{
	char **v = adv_map_get(&f->map, (uint64_t)pid, (uint64_t)fd, NULL, false);

	if (v) {
		free(*v);
		adv_map_remove(&f->map, (uint64_t)pid, (uint64_t)fd, NULL);
	}
}

static void fdname_set(struct adv_fdnames *f, pid_t pid, int fd, const char *path)
{
	fdname_forget(f, pid, fd);
	if (!path)
		return;
	char **v = adv_map_get(&f->map, (uint64_t)pid, (uint64_t)fd, NULL, true);
	if (v)
		*v = sg_xstrdup(path);
}

/* The new descriptor of a dup-like call, copied from old. */
static void fdname_dup(struct adv_fdnames *f, pid_t pid, int old, int fd)
{
	const char *p = adv_fdnames_get(f, pid, old);
	char *copy = p ? sg_xstrdup(p) : NULL;

	fdname_set(f, pid, fd, copy);
	free(copy);
}

void adv_fdnames_feed(struct adv_fdnames *f, const struct adv_call *c)
{
	if (c->failed || c->ret < 0)
		return;
	switch (c->nr) {
	case SYS_open:
	case SYS_openat:
	case SYS_openat2:
	case SYS_creat:
		fdname_set(f, c->pid, (int)c->ret, c->path);
		break;
	case SYS_close:
		fdname_forget(f, c->pid, (int)c->args[0]);
		break;
	case SYS_dup:
	case SYS_dup2:
	case SYS_dup3:
		fdname_dup(f, c->pid, (int)c->args[0], (int)c->ret);
		break;
	case SYS_fcntl:
		if (c->args[1] == F_DUPFD || c->args[1] == F_DUPFD_CLOEXEC)
			fdname_dup(f, c->pid, (int)c->args[0], (int)c->ret);
		break;
	default:
		break;
	}
}

const char *adv_fdnames_get(struct adv_fdnames *f, pid_t pid, int fd)
{
	char **v = adv_map_get(&f->map, (uint64_t)pid, (uint64_t)fd, NULL, false);

	return v ? *v : NULL;
}

static void drop_name(void *v)
{
	free(*(char **)v);
}

void adv_fdnames_free(struct adv_fdnames *f)
{
	adv_map_free(&f->map, drop_name);
}

/* ---- evidence ---- */

void adv_evidence_remove(struct adv_evidence *ev, double ns)
{
	adv_costs_add(&ev->removed, ns);
}

double adv_evidence_waste(const struct adv_evidence *ev, double floor_ns)
{
	return adv_costs_total(&ev->removed, ev->removed.n, floor_ns);
}

/* The sites of a finding's calls (struct adv_sites). */
static void sites_add(struct adv_sites *s, const char *site)
{
	if (!site)
		return;
	for (int i = 0; i < s->used; i++)
		if (strcmp(s->site[i], site) == 0) {
			s->n[i]++;
			return;
		}
	if (s->used < 16) {
		s->site[s->used] = sg_xstrdup(site);
		s->n[s->used++] = 1;
	}
}

/* The most frequent, copied (NULL: none known). */
static char *sites_top(const struct adv_sites *s)
{
	int best = -1;

	for (int i = 0; i < s->used; i++)
		if (best < 0 || s->n[i] > s->n[best])
			best = i;
	return best < 0 ? NULL : sg_xstrdup(s->site[best]);
}

static void sites_free(struct adv_sites *s)
{
	for (int i = 0; i < s->used; i++)
		free(s->site[i]);
	memset(s, 0, sizeof(*s));
}

#define EXAMPLE_MAX 160

/* A copy of t cut at EXAMPLE_MAX characters, "..." marking the cut. */
static char *example_of(const char *t)
{
	size_t n = strlen(t);

	if (n <= EXAMPLE_MAX)
		return sg_xstrdup(t);
	char *ex = sg_xcalloc(1, EXAMPLE_MAX + 4);
	memcpy(ex, t, EXAMPLE_MAX);
	memcpy(ex + EXAMPLE_MAX, "...", 3);
	return ex;
}

const char *adv_call_text(const struct adv_call *c)
{
	const char *t = c->text;

	if (!t && c->make_text)
		t = c->make_text(c);
	return t ? t : c->name;
}

void adv_evidence_note(struct adv_evidence *ev, const struct adv_call *c)
{
	sites_add(&ev->sites, c->site);
	/* The text is made only for an example kept: a live call's is formatted
	 * when first asked for. */
	int slot = -1;
	for (int i = 0; i < 3 && slot < 0; i++)
		if (!ev->examples[i])
			slot = i;
	for (int i = 0; i < 3 && slot < 0 && !c->no_data; i++)
		if (ev->example_no_data[i])
			slot = i;
	if (slot < 0)
		return;
	free(ev->examples[slot]);
	ev->examples[slot] = example_of(adv_call_text(c));
	ev->example_no_data[slot] = c->no_data;
}

void adv_evidence_report(struct adv_evidence *ev, const struct adv_rule *rule, char *what,
			 struct adv_report *r)
{
	struct adv_finding f = { .rule = rule->id, .count = ev->count, .wasted_ns = ev->wasted_ns,
				 .saving_ns = ev->saving_ns, .what = what,
				 .site = sites_top(&ev->sites), .fix = rule->fix };

	memcpy(f.examples, ev->examples, sizeof(f.examples));
	memset(ev->examples, 0, sizeof(ev->examples));
	adv_report_add(r, &f);
	adv_evidence_free(ev);
}

void adv_evidence_free(struct adv_evidence *ev)
{
	sites_free(&ev->sites);
	for (int i = 0; i < 3; i++)
		free(ev->examples[i]);
	memset(ev, 0, sizeof(*ev));
}

/* ---- findings of several groups ---- */

/* Add the calls of src to k. */
static void costs_merge(struct adv_costs *k, const struct adv_costs *src)
{
	k->n += src->n;
	for (int b = 0; b < ADV_COST_BUCKETS; b++) {
		k->count[b] += src->count[b];
		k->sum[b] += src->sum[b];
	}
}

void adv_merged_add(struct adv_merged *g, struct adv_evidence *ev,
		    const struct adv_map_entry *key)
{
	costs_merge(&g->removed, &ev->removed);
	g->groups++;
	if (!g->top || ev->count > g->top->count) {
		g->top = ev;
		g->top_key = key;
	}
}

void adv_merged_report(struct adv_merged *g, double floor_ns, const struct adv_rule *rule,
		       char *what, struct adv_report *r)
{
	g->top->count = g->removed.n;
	g->top->wasted_ns = adv_costs_total(&g->removed, g->removed.n, floor_ns);
	g->top->saving_ns = g->top->wasted_ns;
	adv_evidence_report(g->top, rule, what, r);
	g->top = NULL;
	g->top_key = NULL;
}

/* ---- the poll family ---- */

/* The first timespec or timeval the call's text shows is its timeout (the
 * poll family prints no other before it); zero when it reads all zeros. */
static bool text_timeout_zero(const struct adv_call *c)
{
	const char *text = adv_call_text(c);
	const char *t = strstr(text, "{tv_sec=");

	if (!t)
		return false;
	return strncmp(t, "{tv_sec=0, tv_nsec=0}", 21) == 0 ||
	       strncmp(t, "{tv_sec=0, tv_usec=0}", 21) == 0;
}

bool adv_poll_zero_timeout(const struct adv_call *c, bool *is_poll)
{
	*is_poll = true;
	switch (c->nr) {
	case SYS_poll:
		return (int)c->args[2] == 0;
	case SYS_epoll_wait:
	case SYS_epoll_pwait:
		return (int)c->args[3] == 0;
	case SYS_ppoll:
		return c->args[2] != 0 && text_timeout_zero(c);
	case SYS_select:
	case SYS_pselect6:
		return c->args[4] != 0 && text_timeout_zero(c);
	case SYS_epoll_pwait2:
		return c->args[3] != 0 && text_timeout_zero(c);
	default:
		*is_poll = false;
		return false;
	}
}
