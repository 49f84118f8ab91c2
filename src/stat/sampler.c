/* Syscall names, by sampling every raw_syscalls:sys_enter.
 *
 * The obvious design, one counting event per syscalls:sys_enter_<name>
 * tracepoint (~360 of them), is cheap while it counts, but tearing it down is
 * not: each time the last perf event of a tracepoint is closed the kernel waits
 * for an RCU-tasks grace period under a global mutex (perf_trace_event_unreg ->
 * tracepoint_synchronize_unregister). That took about 30 ms per tracepoint here,
 * 10 s for all of them, and stalled every other tracer on the machine meanwhile.
 *
 * So every sys_enter is sampled (sample_period 1) into one ring buffer per CPU,
 * and the syscall number of each record is counted here: one tracepoint, exact
 * counts, for the price of the kernel writing ~80 bytes per syscall. The exact
 * total still comes from the counting event; records the kernel had to drop
 * because we fell behind are counted as lost and reported unnamed.
 *
 * Writing a record costs about 250 ns here, as much as a cheap syscall. So once
 * one syscall dominates the samples, a tracepoint filter (id != N) stops
 * sampling it, and its count becomes the exact total minus every other
 * syscall: still exact, because all the others are still sampled. Filters
 * apply to the inherited copies in children too. */
#include "stat_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/proc_status.h"
#include "core/util.h"

#define RING_PAGES_MAX 2048 /* 8 MiB per CPU: ~100k records of slack */
#define RING_PAGES_MIN 16
#define RING_PAGES_ALL_CPUS 16384 /* 64 MiB in all, on machines with many CPUs */
/* Samples seen before choosing a syscall to stop sampling, and the share of
 * them it must have. */
#define EXCLUDE_AFTER 4096
#define EXCLUDE_MIN_SHARE 4 /* one in four */

struct ring {
	int cpu;
	int fd; /* a dummy event of ours that owns the buffer */
	void *base;
	size_t data_size;
};

struct stat_sampler {
	/* Counting in the kernel (bpf_count.c): no samples, no rings. */
	struct stat_bpf_count *bpf;
	int bpf_refused; /* auto: the errno of the kernel's refusal of BPF, or 0 */
	uint64_t tracepoint;
	size_t id_offset;
	struct ring *rings;
	int nrings;
	int *fds; /* the sampling events, one per task and CPU */
	int nfds, capfds;
	uint64_t by_nr[SG_NR_SYSCALLS];
	uint64_t other_nr, lost, samples;
	int excluded_nr;     /* no longer sampled: derived from the total, or -1 */
	bool exclude_failed; /* the kernel refused the filter: keep sampling all */
	unsigned char *scratch; /* a record that wraps around the buffer end */
};

/* A disabled dummy event on ourselves, bound to the CPU, owns each buffer: the
 * sampling events of every traced task on that CPU write into it. Locked
 * memory may be scarce without root: halve the buffer until it fits. */
static int open_ring(struct ring *r, int cpu, size_t max_pages)
{
	struct perf_event_attr a;
	long page = sysconf(_SC_PAGESIZE);

	r->cpu = cpu;
	r->base = NULL;
	stat_init_attr(&a, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_DUMMY, STAT_OPEN_ATTACH);
	a.inherit = 0;
	a.watermark = 1; /* wake the reader at half full (wakeup_watermark 0) */
	r->fd = stat_perf_open(&a, 0, cpu);
	if (r->fd < 0)
		return r->fd;
	for (size_t pages = max_pages; pages >= RING_PAGES_MIN; pages /= 2) {
		size_t len = (pages + 1) * (size_t)page;
		void *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd, 0);
		if (m != MAP_FAILED) {
			r->base = m;
			r->data_size = pages * (size_t)page;
			return 0;
		}
	}
	int err = -errno;
	close(r->fd);
	r->fd = -1;
	return err;
}

static void close_ring(struct ring *r)
{
	long page = sysconf(_SC_PAGESIZE);

	if (r->base)
		munmap(r->base, r->data_size + (size_t)page);
	if (r->fd >= 0)
		close(r->fd);
	r->base = NULL;
	r->fd = -1;
}

/* Counting by BPF: 0, or the kernel's refusal. */
static int bpf_sampler_new(const struct stat_scope *sc, struct stat_sampler **out)
{
	struct stat_bpf_count *c;
	int rc = stat_bpf_count_new(sc->kind, sc->cgroup_id, &c);

	if (rc != 0)
		return rc;
	struct stat_sampler *s = sg_xcalloc(1, sizeof(*s));
	s->bpf = c;
	s->excluded_nr = -1;
	*out = s;
	return 0;
}

/* Returns 0, -ENOTSUP when the kernel gives no syscall number to sample, or -errno. */
int stat_sampler_new(const struct stat_events *ev, enum stat_names how,
		     const struct stat_scope *sc, struct stat_sampler **out)
{
	int *cpus;
	int rc, bpf_rc = 0;

	*out = NULL;
	if (how == STAT_NAMES_SAMPLES && sc->kind != SG_SCOPE_PROCS)
		return -ENOTSUP;
	/* BPF where the kernel takes the programs (auto), else samples. Samples
	 * are taken per task: a CPU's or a cgroup's calls have no fallback (their
	 * total still has its counter). */
	if (how != STAT_NAMES_SAMPLES && (bpf_rc = bpf_sampler_new(sc, out)) == 0)
		return 0;
	if (how == STAT_NAMES_BPF || sc->kind != SG_SCOPE_PROCS)
		return bpf_rc;
	if (!ev->have_syscall_id)
		return -ENOTSUP;
	int n = stat_online_cpus(&cpus);
	if (n < 0)
		return n;
	struct stat_sampler *s = sg_xcalloc(1, sizeof(*s));
	s->bpf_refused = -bpf_rc;
	s->tracepoint = ev->tracepoint_id[SC_SYSCALLS];
	s->excluded_nr = -1;
	s->id_offset = ev->syscall_id_offset;
	s->rings = sg_xcalloc((size_t)n, sizeof(*s->rings));
	s->scratch = sg_xcalloc(1, 1 << 16); /* a record's size is a u16 */
	size_t pages = RING_PAGES_MAX;
	while (pages > RING_PAGES_MIN && pages * (size_t)n > RING_PAGES_ALL_CPUS)
		pages /= 2;
	for (int i = 0; i < n; i++, s->nrings++) {
		if ((rc = open_ring(&s->rings[i], cpus[i], pages)) != 0) {
			free(cpus);
			stat_sampler_free(s);
			return rc;
		}
	}
	free(cpus);
	*out = s;
	return 0;
}

static void add_fd(struct stat_sampler *s, int fd)
{
	if (s->nfds == s->capfds) {
		s->capfds = s->capfds ? s->capfds * 2 : 16;
		s->fds = sg_xrealloc(s->fds, (size_t)s->capfds * sizeof(int));
	}
	s->fds[s->nfds++] = fd;
}

static int set_exclude_filter(int fd, int nr)
{
	char filter[32];

	snprintf(filter, sizeof(filter), "id != %d", nr);
	return ioctl(fd, PERF_EVENT_IOC_SET_FILTER, filter);
}

/* Stop sampling the syscall that dominates the samples so far, if one does. */
static void maybe_exclude(struct stat_sampler *s)
{
	int top = 0;

	if (s->excluded_nr >= 0 || s->exclude_failed || s->samples < EXCLUDE_AFTER)
		return;
	for (int nr = 1; nr < SG_NR_SYSCALLS; nr++)
		if (s->by_nr[nr] > s->by_nr[top])
			top = nr;
	if (s->by_nr[top] * EXCLUDE_MIN_SHARE < s->samples)
		return;
	for (int i = 0; i < s->nfds; i++) {
		if (set_exclude_filter(s->fds[i], top) != 0 && errno != ESRCH) {
			/* Some events would still sample it: undo, sample everything. */
			for (int j = 0; j <= i; j++)
				ioctl(s->fds[j], PERF_EVENT_IOC_SET_FILTER, "");
			s->exclude_failed = true;
			return;
		}
	}
	s->excluded_nr = top;
}

/* The process of thread tid, from then on: a command at its exec (and then at
 * once, as its counting is gated by its exec), a running one when enabled. */
static int bpf_attach(struct stat_bpf_count *c, pid_t tid, enum stat_open_mode mode)
{
	pid_t tgid = sg_proc_status_field(tid, "Tgid", 0);

	if (tgid <= 0)
		return -ESRCH;
	int rc = stat_bpf_count_add(c, tgid, mode);
	if (rc == 0 && mode == STAT_OPEN_ON_EXEC)
		stat_bpf_count_enable(c, true);
	return rc;
}

/* One sampling event per CPU on tid, inherited by its future threads and
 * children, writing into that CPU's ring. Returns 0 or -errno (nothing left
 * open; -ESRCH when the task is gone). */
int stat_sampler_attach(struct stat_sampler *s, pid_t tid, enum stat_open_mode mode)
{
	int first = s->nfds;
	int rc = 0;

	if (s->bpf)
		return bpf_attach(s->bpf, tid, mode);

	for (int i = 0; i < s->nrings; i++) {
		struct perf_event_attr a;
		stat_init_attr(&a, PERF_TYPE_TRACEPOINT, s->tracepoint, mode);
		a.sample_period = 1;
		a.sample_type = PERF_SAMPLE_RAW;
		int fd = stat_perf_open(&a, tid, s->rings[i].cpu);
		if (fd < 0) {
			rc = fd;
			break;
		}
		add_fd(s, fd);
		if (ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, s->rings[i].fd) != 0) {
			rc = -errno;
			break;
		}
		/* A thread attached later (-p) must not sample what is derived. */
		if (s->excluded_nr >= 0 && set_exclude_filter(fd, s->excluded_nr) != 0) {
			rc = -errno;
			break;
		}
	}
	if (rc != 0)
		stat_sampler_rollback(s, first);
	return rc;
}

bool stat_sampler_counts_all(const struct stat_sampler *s)
{
	return s && s->bpf;
}

int stat_sampler_mark(const struct stat_sampler *s)
{
	return s ? s->nfds : 0;
}

/* Close the sampling events opened since mark. */
void stat_sampler_rollback(struct stat_sampler *s, int mark)
{
	while (s && s->nfds > mark)
		close(s->fds[--s->nfds]);
}

int stat_sampler_ioctl(struct stat_sampler *s, unsigned long req)
{
	if (s->bpf && (req == PERF_EVENT_IOC_ENABLE || req == PERF_EVENT_IOC_DISABLE))
		stat_bpf_count_enable(s->bpf, req == PERF_EVENT_IOC_ENABLE);
	for (int i = 0; i < s->nfds; i++)
		if (ioctl(s->fds[i], req, 0) != 0 && errno != ESRCH)
			return -errno;
	return 0;
}

int stat_sampler_npollfds(const struct stat_sampler *s)
{
	return s ? s->nrings : 0;
}

int stat_sampler_pollfds(struct stat_sampler *s, struct pollfd *p, int max)
{
	int n = 0;

	for (int i = 0; s && i < s->nrings && n < max; i++)
		p[n++] = (struct pollfd){ .fd = s->rings[i].fd, .events = POLLIN };
	return n;
}

static void count_record(struct stat_sampler *s, const unsigned char *rec, size_t size)
{
	struct perf_event_header h;

	memcpy(&h, rec, sizeof(h));
	if (h.type == PERF_RECORD_SAMPLE) {
		/* header, u32 raw size, raw tracepoint record */
		size_t at = sizeof(h) + sizeof(uint32_t) + s->id_offset;
		int64_t nr;
		if (at + sizeof(nr) > size)
			return;
		memcpy(&nr, rec + at, sizeof(nr));
		s->samples++;
		if (sg_syscall(nr))
			s->by_nr[nr]++;
		else
			s->other_nr++;
	} else if (h.type == PERF_RECORD_LOST && size >= sizeof(h) + 2 * sizeof(uint64_t)) {
		uint64_t lost; /* header, u64 id, u64 lost */
		memcpy(&lost, rec + sizeof(h) + sizeof(uint64_t), sizeof(lost));
		s->lost += lost;
	}
}

static void drain_ring(struct stat_sampler *s, struct ring *r)
{
	struct perf_event_mmap_page *meta = r->base;
	const unsigned char *data = (const unsigned char *)r->base + meta->data_offset;
	uint64_t head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
	uint64_t tail = meta->data_tail;

	while (tail < head) {
		size_t off = (size_t)(tail % r->data_size);
		struct perf_event_header h;
		/* Records are 8-byte aligned, so a header never wraps. */
		memcpy(&h, data + off, sizeof(h));
		if (h.size < sizeof(h))
			break; /* cannot happen; do not spin on it */
		const unsigned char *rec = data + off;
		if (off + h.size > r->data_size) {
			size_t first = r->data_size - off;
			memcpy(s->scratch, data + off, first);
			memcpy(s->scratch + first, data, h.size - first);
			rec = s->scratch;
		}
		count_record(s, rec, h.size);
		tail += h.size;
	}
	__atomic_store_n(&meta->data_tail, tail, __ATOMIC_RELEASE);
}

/* Every ring is read: a cheap check when it is empty. */
void stat_sampler_drain(struct stat_sampler *s)
{
	for (int i = 0; s && i < s->nrings; i++)
		drain_ring(s, &s->rings[i]);
	if (s)
		maybe_exclude(s);
}

/* Call after the counters were read: an excluded syscall is the exact total
 * minus everything sampled (lost samples stay unnamed). */
void stat_sampler_result(struct stat_sampler *s, struct stat_result *r)
{
	if (!s)
		return;
	r->names_by = s->bpf ? "bpf" : "samples";
	r->bpf_refused = s->bpf_refused;
	if (s->bpf) {
		/* Every call has its slot: the total is their sum (the perf
		 * counter of sys_enter was not opened, stat_sampler_counts_all). */
		r->have_syscall_names = r->have[SC_SYSCALLS] = stat_bpf_count_read(s->bpf, r) == 0;
		r->count[SC_SYSCALLS] = r->syscall_other_nr;
		for (int nr = 0; nr < SG_NR_SYSCALLS; nr++)
			r->count[SC_SYSCALLS] += r->syscall_by_nr[nr];
		return;
	}
	for (int i = 0; i < s->nrings; i++)
		drain_ring(s, &s->rings[i]);
	memcpy(r->syscall_by_nr, s->by_nr, sizeof(r->syscall_by_nr));
	r->syscall_other_nr = s->other_nr;
	r->syscall_lost = s->lost;
	r->have_syscall_names = true;
	if (s->excluded_nr < 0)
		return;
	if (!r->have[SC_SYSCALLS]) {
		r->have_syscall_names = false; /* cannot happen: the counter is required */
		return;
	}
	uint64_t others = s->other_nr + s->lost;
	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++)
		if (nr != s->excluded_nr)
			others += s->by_nr[nr];
	uint64_t total = r->count[SC_SYSCALLS];
	r->syscall_by_nr[s->excluded_nr] = total > others ? total - others : 0;
}

void stat_sampler_free(struct stat_sampler *s)
{
	if (!s)
		return;
	stat_bpf_count_free(s->bpf);
	for (int i = 0; i < s->nfds; i++)
		close(s->fds[i]);
	for (int i = 0; i < s->nrings; i++)
		close_ring(&s->rings[i]);
	free(s->fds);
	free(s->rings);
	free(s->scratch);
	free(s);
}
