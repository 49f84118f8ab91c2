/* Rungs of the "fault" and "signal" steps: the kernel entered without a syscall
 * (a page fault), and the kernel calling up into user mode (a signal handler). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench_int.h"
#include "core/util.h"

#define PAGE 4096ul
#define FAULT_MIN_PAGES 256ul
#define FAULT_MAX_PAGES 16384ul /* 64 MiB mapped per sample at most */
#define FAULT_SMOKE_PAGES 64ul

/* ---- page-fault ---- */

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* One byte written per page. The store is inline asm so that a sanitizer build does
 * not add shadow-memory reads (and their own faults) to the timed loop. */
static void touch_pages(char *p, unsigned long pages)
{
	for (unsigned long i = 0; i < pages; i++)
		__asm__ volatile("movb $1, (%0)" ::"r"(p + i * PAGE) : "memory");
}

/* Map a fresh region of 4 KiB pages, time writing the first byte of each (one write
 * fault each: allocate, zero and map a page), unmap it. Only the touches are timed;
 * faults counts the minor faults the touches caused. Per-fault ns, or <0 (errno). */
static double fault_sample(unsigned long pages, long *faults)
{
	size_t len = pages * PAGE;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return -errno;
	/* THP or multi-size THP would make one fault map 16 KiB..2 MiB. */
	if (madvise(p, len, MADV_NOHUGEPAGE) < 0) {
		int e = errno;
		munmap(p, len);
		return -e;
	}
	long f0 = minflt();
	uint64_t t0 = bench_tsc_start();
	touch_pages(p, pages);
	uint64_t t1 = bench_tsc_stop();
	*faults += minflt() - f0;
	munmap(p, len);
	double ticks = (double)(t1 - t0) - bench_timer_overhead_ticks();
	return bench_ticks_to_ns(ticks > 0 ? ticks : 0) / (double)pages;
}

static int run_page_fault(const struct bench_cfg *cfg, struct bench_result *r)
{
	unsigned samples = cfg->smoke ? 3 : cfg->samples;
	unsigned long pages = FAULT_SMOKE_PAGES;
	long faults = 0;
	double ns = 0;

	bench_tsc_calibrate();
	if (!cfg->smoke) {
		/* Warm-up and sizing: a sample should take its share of the budget. */
		for (int i = 0; i < 2; i++)
			if ((ns = fault_sample(FAULT_MIN_PAGES, &faults)) < 0)
				return (int)ns;
		double share_ns = cfg->target_ms * 1e6 / (samples ? samples : 1);
		double want = ns > 0 ? share_ns / ns : FAULT_MAX_PAGES;
		pages = want < FAULT_MIN_PAGES ? FAULT_MIN_PAGES
			: want > FAULT_MAX_PAGES ? FAULT_MAX_PAGES
						 : (unsigned long)want;
	}
	double *v = sg_xcalloc(samples, sizeof(double));
	faults = 0;
	for (unsigned i = 0; i < samples; i++) {
		if ((ns = fault_sample(pages, &faults)) < 0) {
			free(v);
			return (int)ns;
		}
		v[i] = ns;
	}
	r->samples = samples;
	r->iters_per_sample = pages;
	r->cov = bench_cov(v, samples);
	r->p99_ns = bench_percentile(v, samples, 99);
	r->min_ns = bench_percentile(v, samples, 0);
	r->median_ns = bench_median(v, samples);
	/* Counted, not assumed: one exception entry per page if ru_minflt agrees. */
	r->crossings = (double)faults / ((double)pages * samples);
	snprintf(r->note, sizeof(r->note), "write fault, 4 KiB zeroed page; %.2f minflt/touch",
		 r->crossings);
	free(v);
	return 0;
}

/* ---- signal ---- */

static volatile sig_atomic_t handled;
static long self_pid, self_tid;

static void on_usr1(int sig)
{
	(void)sig;
	handled = handled + 1;
}

/* tgkill through a bare syscall instruction: glibc's raise() blocks and unblocks
 * every signal around it, two more syscalls per round trip. */
static long raw_tgkill(long pid, long tid, long sig)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"((long)SYS_tgkill), "D"(pid), "S"(tid), "d"(sig)
			 : "rcx", "r11", "memory");
	return ret;
}

/* The signal is delivered on tgkill's way out: the kernel writes a frame on the
 * user stack and returns into on_usr1 instead of after the syscall; the handler's
 * return lands in glibc's restorer, which calls rt_sigreturn. */
static void batch_signal(void *arg, unsigned long n)
{
	(void)arg;
	for (unsigned long i = 0; i < n; i++)
		raw_tgkill(self_pid, self_tid, SIGUSR1);
}

/* In a child: the handler is installed for good there, and nothing in sysgate
 * itself sees a SIGUSR1 arrive. */
static int signal_body(const struct bench_cfg *cfg, struct bench_result *r)
{
	struct sigaction sa;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) < 0)
		return -errno;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	self_pid = getpid();
	self_tid = syscall(SYS_gettid);
	handled = 0;
	batch_signal(NULL, 1);
	if (handled != 1) {
		snprintf(r->note, sizeof(r->note), "SIGUSR1 was not delivered synchronously");
		return -EPROTO;
	}
	bench_measure(cfg, batch_signal, NULL, r);
	/* Two kernel entries per round trip, each with one exit: tgkill (whose exit
	 * is the upcall into the handler) and rt_sigreturn (back to the caller). */
	r->crossings = 2;
	snprintf(r->note, sizeof(r->note), "tgkill + upcall + rt_sigreturn; %lu handled",
		 (unsigned long)handled);
	return 0;
}

static int run_signal(const struct bench_cfg *cfg, struct bench_result *r)
{
	return bench_in_child(cfg, r, signal_body);
}

const struct bench_rung bench_rungs_fault[] = {
	{ "page-fault", "fault", "minor page fault (first write, fresh page)", run_page_fault },
	{ "signal", "signal", "signal round trip (tgkill, handler, sigreturn)", run_signal },
	{ NULL, NULL, NULL, NULL },
};
