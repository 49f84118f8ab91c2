/* sysgate advise's rules of rule_list.h on synthetic call sequences: each
 * mistake gives one finding with the right count and estimates, its clean
 * twin none, and a higher threshold factor raises the bar. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sanitizer/lsan_interface.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

#include "advise/rule_kit.h"
#include "advise/rule_list.h"
#include "tap.h"

static const struct adv_machine machine = { .null_syscall_ns = 100, .page_fault_ns = 500,
					    .vdso_clock_ns = 20 };
#define DUR 300			/* a synthetic call's measured duration */
#define DESCHEDULED 25000000	/* a call descheduled mid-way: 25 ms */

/* The calls of a test, fed to a rule as they are made. */
struct feeder {
	const struct adv_rule *rule;
	void *st;
	uint64_t now, step;	/* wall clock of the next call, and its step */
	uint64_t calls;
	uint64_t dur;		/* the next call's measured duration */
};

static void feeder_start(struct feeder *f, const struct adv_rule *rule, double threshold)
{
	*f = (struct feeder){ .rule = rule, .st = rule->start(&machine, threshold), .now = 1000000,
			      .step = 1000, .dur = DUR };
}

/* One call: name and number, its result, fd (-1: none), up to 6 arguments. */
static void call(struct feeder *f, pid_t pid, long nr, const char *name, int64_t ret, int fd,
		 const char *path, const char *site, int64_t a0, int64_t a1, int64_t a2, int64_t a3,
		 int64_t a4)
{
	char text[128];

	snprintf(text, sizeof(text), "%s(%lld, %lld, %lld) = %lld", name, (long long)a0,
		 (long long)a1, (long long)a2, (long long)ret);
	struct adv_call c = {
		.pid = pid, .nr = nr, .name = name, .ret = ret, .failed = ret < 0 && ret > -4096,
		.time_ns = f->now, .dur_ns = f->dur, .nargs = 6,
		.args = { a0, a1, a2, a3, a4, 0 }, .fd = fd, .bytes = -1, .path = path,
		.text = text, .site = site,
	};
	f->now += f->step;
	f->calls++;
	f->rule->feed(f->st, &c);
}

/* Finish the run (faults: its page faults) and hand back the findings. */
static struct adv_report feeder_finish(struct feeder *f, int64_t faults)
{
	struct adv_report r = { 0 };
	struct adv_run run = { .calls = f->calls, .page_faults = faults, .major_faults = 0,
			       .wall_ns = (double)(f->now - 1000000) };

	f->rule->finish(f->st, &run, &r);
	f->rule->stop(f->st);
	return r;
}

static int near(double got, double want, const char *name)
{
	int ok = fabs(got - want) <= 1e-6 * (fabs(want) > 1 ? fabs(want) : 1);

	tap_ok(ok, "%s", name);
	if (!ok)
		printf("#   got:  %.3f\n#   want: %.3f\n", got, want);
	return ok;
}

/* The report has one finding of the rule, with this count and waste. */
static void one_finding(struct adv_report *r, const char *rule, uint64_t count, double wasted,
			double saving, const char *name)
{
	if (!tap_ok(r->n == 1, "%s: one finding (got %zu)", name, r->n)) {
		tap_skip("no finding to check");
		tap_skip("no finding to check");
		tap_skip("no finding to check");
		return;
	}
	struct adv_finding *f = &r->v[0];
	tap_ok(strcmp(f->rule, rule) == 0 && f->count == count && f->fix && f->what,
	       "%s: %s, count %llu (got %llu), what: %s", name, rule, (unsigned long long)count,
	       (unsigned long long)f->count, f->what ? f->what : "(null)");
	near(f->wasted_ns, wasted, "  wasted time as modelled");
	near(f->saving_ns, saving, "  saving as modelled");
}

/* The run r made has no finding; r is freed. */
static void no_finding(struct adv_report r, const char *name)
{
	tap_ok(r.n == 0, "%s: no finding (got %zu%s%s)", name, r.n, r.n ? ": " : "",
	       r.n ? r.v[0].what : "");
	adv_report_free(&r);
}

/* ---- tiny-io ---- */

/* n writes of bytes each on fd 1 of pid 3; the call at index slow (-1: none)
 * was descheduled mid-way. */
static struct adv_report tiny_run(double threshold, int n, int64_t bytes, int slow)
{
	struct feeder f;

	feeder_start(&f, &adv_rule_tiny_io, threshold);
	for (int i = 0; i < n; i++) {
		struct adv_call c = {
			.pid = 3, .nr = SYS_write, .name = "write", .ret = bytes,
			.time_ns = f.now += 1000, .dur_ns = i == slow ? DESCHEDULED : DUR,
			.nargs = 3, .args = { 1, 0x1000, bytes }, .fd = 1, .bytes = bytes,
			.text = "write(1, \"x\", 1) = 1", .site = "put+0x4 (p)",
		};
		f.rule->feed(f.st, &c);
	}
	return feeder_finish(&f, 100);
}

static void test_tiny_io(void)
{
	struct adv_report r = tiny_run(1, 1000, 1, 500);

	/* 1000 bytes buffered still take one call. */
	one_finding(&r, "tiny-io", 1000, 1000.0 * DUR, 999.0 * DUR,
		    "1000 1-byte writes, one descheduled: count x median");
	if (r.n)
		tap_is(r.v[0].what, "1000 writes of 1.0 bytes on average on fd 1 (pid 3)",
		       "  what says the size, fd and pid");
	adv_report_free(&r);
	no_finding(tiny_run(1, 1000, 4096, -1), "1000 writes of 4 KiB");
	no_finding(tiny_run(10, 1000, 1, -1), "1000 tiny writes under threshold factor 10");
}

/* ---- enoent-storm ---- */

/* A search path of 5 directories tried 4 times for libfoo.so (the 7th try
 * descheduled), bar.py missing 4 times, once.h twice; or, clean, the loader's
 * preload probe in 20 processes. */
static struct adv_report enoent_run(double threshold, bool clean)
{
	struct feeder f;
	char path[64];

	feeder_start(&f, &adv_rule_enoent_storm, threshold);
	for (int i = 0; i < 20; i++) {
		snprintf(path, sizeof(path), "/opt/d%d/lib/libfoo.so", i % 5);
		f.dur = i == 6 ? DESCHEDULED : DUR;
		call(&f, clean ? 40 + i : 6, SYS_openat, "openat", -ENOENT, -1,
		     clean ? "/etc/ld.so.preload" : path, "load+0x2 (p)", AT_FDCWD, 0, 0, 0, 0);
	}
	f.dur = DUR;
	for (int i = 0; i < 4 && !clean; i++)
		call(&f, 6, SYS_newfstatat, "newfstatat", -ENOENT, -1, "/usr/lib/py/bar.py", NULL,
		     AT_FDCWD, 0, 0, 0, 0);
	for (int i = 0; i < 2 && !clean; i++)
		call(&f, 6, SYS_access, "access", -ENOENT, -1, "/inc/once.h", NULL, 0, 0, 0, 0, 0);
	return feeder_finish(&f, 100);
}

static void test_enoent_storm(void)
{
	struct adv_report r = enoent_run(1, false);

	one_finding(&r, "enoent-storm", 24, 24.0 * DUR, 24.0 * DUR,
		    "24 misses of 2 names searched for, one descheduled: count x median");
	if (r.n) {
		tap_is(r.v[0].what, "24 lookups of 2 names failed with ENOENT; \"libfoo.so\" was "
				    "missing 20 times", "  what names the name missed most");
		tap_is(r.v[0].site, "load+0x2 (p)", "  site is its lookups'");
	}
	adv_report_free(&r);
	no_finding(enoent_run(1, true), "the loader's /etc/ld.so.preload probe in 20 processes");
	no_finding(enoent_run(10, false), "24 misses under threshold factor 10");
}

/* ---- repeated-stat ---- */

enum { STAT_SAME, STAT_WRITTEN_THROUGH_DUP, STAT_DIRS_CHANGE };

/* /etc/localtime stat'ed 40 times (the 10th descheduled) and fd 3, opened
 * from /data/x, 10 times; between each, a write to /data/x through fd 4, a
 * dup of fd 3, then a stat of /data/x; or an unlink elsewhere. */
static struct adv_report stat_run(double threshold, int between)
{
	struct feeder f;

	feeder_start(&f, &adv_rule_repeated_stat, threshold);
	call(&f, 2, SYS_openat, "openat", 3, -1, "/data/x", NULL, AT_FDCWD, 0, O_RDONLY, 0, 0);
	call(&f, 2, SYS_dup, "dup", 4, 3, NULL, NULL, 3, 0, 0, 0, 0);
	for (int i = 0; i < 40; i++) {
		f.dur = i == 9 ? DESCHEDULED : DUR;
		call(&f, 2, SYS_newfstatat, "newfstatat", 0, -1, "/etc/localtime", "tz+0x5 (p)",
		     AT_FDCWD, 0x1000, 0, 0, 0);
		f.dur = DUR;
		if (i < 10)
			call(&f, 2, SYS_fstat, "fstat", 0, 3, NULL, NULL, 3, 0x1000, 0, 0, 0);
		if (between == STAT_WRITTEN_THROUGH_DUP) {
			call(&f, 2, SYS_write, "write", 1, 4, NULL, NULL, 4, 0x2000, 1, 0, 0);
			call(&f, 2, SYS_newfstatat, "newfstatat", 0, -1, "/data/x", NULL, AT_FDCWD,
			     0x1000, 0, 0, 0);
		}
		if (between == STAT_DIRS_CHANGE)
			call(&f, 2, SYS_unlink, "unlink", 0, -1, "/tmp/lock", NULL, 0, 0, 0, 0, 0);
	}
	return feeder_finish(&f, 100);
}

static void test_repeated_stat(void)
{
	struct adv_report r = stat_run(1, STAT_SAME);

	one_finding(&r, "repeated-stat", 48, 48.0 * DUR, 48.0 * DUR,
		    "48 repeated stats, one descheduled: count x median");
	if (r.n) {
		tap_is(r.v[0].what, "48 stats of 2 files repeated with nothing changed between; "
				    "/etc/localtime 39 times", "  what names the file repeated most");
		tap_is(r.v[0].site, "tz+0x5 (p)", "  site is its stats'");
	}
	adv_report_free(&r);
	r = stat_run(1, STAT_WRITTEN_THROUGH_DUP);
	tap_ok(r.n == 1 && r.v[0].count == 48 && strstr(r.v[0].what, " of 2 files "),
	       "a write through a dup of fd 3 changes the file it was opened from (%s)",
	       r.n ? r.v[0].what : "no finding");
	adv_report_free(&r);
	no_finding(stat_run(1, STAT_DIRS_CHANGE), "stats with an unlink between each");
	no_finding(stat_run(10, STAT_SAME), "48 repeats under threshold factor 10");
}

/* ---- clock-syscall ---- */

/* 100 clock_gettime calls of clock id entering the kernel, the 50th
 * descheduled. */
static struct adv_report clock_run(double threshold, clockid_t id)
{
	struct feeder f;

	feeder_start(&f, &adv_rule_clock_syscall, threshold);
	for (int i = 0; i < 100; i++) {
		f.dur = i == 49 ? DESCHEDULED : DUR;
		call(&f, 11, SYS_clock_gettime, "clock_gettime", 0, -1, NULL, "now+0x3 (p)", id,
		     0x1000, 0, 0, 0);
	}
	return feeder_finish(&f, 100);
}

static void test_clock_syscall(void)
{
	struct adv_report r = clock_run(1, CLOCK_MONOTONIC);

	one_finding(&r, "clock-syscall", 100, 100.0 * DUR,
		    100.0 * (DUR - machine.vdso_clock_ns),
		    "100 clock_gettime syscalls, one descheduled: count x median");
	if (r.n)
		tap_is(r.v[0].what, "100 clock reads entered the kernel (300 ns each; the vDSO: "
				    "20 ns)", "  what says the price each and the vDSO's");
	adv_report_free(&r);
	no_finding(clock_run(1, CLOCK_PROCESS_CPUTIME_ID),
		   "a CPU-time clock, which needs the kernel");
	no_finding(clock_run(10, CLOCK_MONOTONIC), "100 clock syscalls under threshold factor 10");
}

/* ---- seek-then-io ---- */

static struct adv_report seek_run(double threshold, bool every_time)
{
	struct feeder f;

	feeder_start(&f, &adv_rule_seek_then_io, threshold);
	call(&f, 7, SYS_openat, "openat", 3, -1, "/data/f", "main+0x10 (p)", AT_FDCWD, 0, 0, 0, 0);
	for (int i = 0; i < 500; i++) {
		if (every_time || i == 0)
			call(&f, 7, SYS_lseek, "lseek", i * 64, 3, NULL, "get+0x8 (p)", 3, i * 64,
			     SEEK_SET, 0, 0);
		call(&f, 7, SYS_read, "read", 64, 3, NULL, "get+0x20 (p)", 3, 0, 64, 0, 0);
	}
	return feeder_finish(&f, 100);
}

static void test_seek_then_io(void)
{
	struct adv_report r = seek_run(1, true);

	one_finding(&r, "seek-then-io", 1000, 500.0 * DUR, 500.0 * DUR, "500 lseek+read");
	if (r.n) {
		tap_is(r.v[0].what, "500 lseek+read pairs on fd 3 (/data/f)", "  what names the file");
		tap_is(r.v[0].site, "get+0x20 (p)", "  site is the read's");
		tap_ok(r.v[0].examples[0] && strstr(r.v[0].examples[0], "lseek") &&
			       r.v[0].examples[1] && strstr(r.v[0].examples[1], "read"),
		       "  examples: an lseek and its read");
	}
	adv_report_free(&r);
	no_finding(seek_run(1, false), "one lseek then reads");
	no_finding(seek_run(10, true), "500 pairs under threshold factor 10");
}

/* ---- busy-poll ---- */

static struct adv_report poll_run(double threshold, int timeout, uint64_t step)
{
	struct feeder f;

	feeder_start(&f, &adv_rule_busy_poll, threshold);
	f.step = step;
	for (int i = 0; i < 500; i++)
		call(&f, 9, SYS_poll, "poll", 0, -1, NULL, "loop+0x4 (p)", 0x1000, 1, timeout, 0, 0);
	call(&f, 9, SYS_poll, "poll", 1, -1, NULL, "loop+0x4 (p)", 0x1000, 1, timeout, 0, 0);
	return feeder_finish(&f, 100);
}

static void test_busy_poll(void)
{
	struct adv_report r = poll_run(1, 0, 1000);

	one_finding(&r, "busy-poll", 500, 499.0 * DUR, 499.0 * DUR, "500 empty poll(0)");
	adv_report_free(&r);
	no_finding(poll_run(1, 1000, 1000), "polls with a timeout");
	no_finding(poll_run(1, 0, 16000000), "a zero-timeout poll per 16 ms frame");
	no_finding(poll_run(10, 0, 1000), "500 empty polls under threshold factor 10");

	/* ppoll: the timeout is read from the text. */
	struct feeder f;
	feeder_start(&f, &adv_rule_busy_poll, 1);
	for (int i = 0; i < 200; i++) {
		struct adv_call c = {
			.pid = 9, .nr = SYS_ppoll, .name = "ppoll", .time_ns = f.now += 1000,
			.nargs = 5, .args = { 0x1000, 1, 0x2000, 0, 8 }, .fd = -1, .bytes = -1,
			.text = "ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=0, tv_nsec=0}, NULL, 8) = 0 "
				"(Timeout)",
		};
		f.rule->feed(f.st, &c);
	}
	r = feeder_finish(&f, 100);
	one_finding(&r, "busy-poll", 200, 199 * machine.null_syscall_ns,
		    199 * machine.null_syscall_ns, "200 empty ppoll, unmeasured");
	adv_report_free(&r);
}

/* ---- mmap-churn ---- */

static struct adv_report mmap_run(double threshold, bool unmap, int64_t faults)
{
	struct feeder f;
	int64_t len = 256 * 1024, addr = 0x7f0000000000;

	feeder_start(&f, &adv_rule_mmap_churn, threshold);
	for (int i = 0; i < 200; i++) {
		call(&f, 5, SYS_mmap, "mmap", addr, -1, NULL, "job+0x1 (p)", 0, len,
		     PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
		if (unmap)
			call(&f, 5, SYS_munmap, "munmap", 0, -1, NULL, "job+0x2 (p)", addr, len, 0, 0,
			     0);
		else
			addr += len;
	}
	return feeder_finish(&f, faults);
}

static void test_mmap_churn(void)
{
	struct adv_report r = mmap_run(1, true, 1000);
	double want = 199.0 * 2 * DUR + 1000 * machine.page_fault_ns;	/* faults: the run's */

	one_finding(&r, "mmap-churn", 400, want, want, "200 map+unmap of 256 KiB");
	adv_report_free(&r);
	r = mmap_run(1, true, 1000000);
	want = 199.0 * 2 * DUR + 199.0 * 64 * machine.page_fault_ns;	/* faults: 64 a cycle */
	one_finding(&r, "mmap-churn", 400, want, want, "  faults capped at the pages mapped");
	adv_report_free(&r);
	no_finding(mmap_run(1, false, 1000), "200 mappings kept");
	no_finding(mmap_run(10, true, 1000), "200 cycles under threshold factor 10");

	/* A large file mapped once and unmapped. */
	struct feeder f;
	feeder_start(&f, &adv_rule_mmap_churn, 1);
	call(&f, 5, SYS_openat, "openat", 3, -1, "/big", NULL, AT_FDCWD, 0, 0, 0, 0);
	call(&f, 5, SYS_mmap, "mmap", 0x7f0000000000, 3, NULL, NULL, 0, 1 << 30, PROT_READ,
	     MAP_PRIVATE, 3);
	call(&f, 5, SYS_munmap, "munmap", 0, -1, NULL, NULL, 0x7f0000000000, 1 << 30, 0, 0, 0);
	no_finding(feeder_finish(&f, 262144), "a large file mapped once");
}

/* ---- fsync-storm ---- */

static struct adv_report fsync_run(double threshold, bool each)
{
	struct feeder f;

	feeder_start(&f, &adv_rule_fsync_storm, threshold);
	call(&f, 4, SYS_openat, "openat", 4, -1, "/db/log", NULL, AT_FDCWD, 0, O_WRONLY | O_APPEND,
	     0, 0);
	for (int i = 0; i < 200; i++) {
		call(&f, 4, SYS_write, "write", 100, 4, NULL, "put+0x1 (p)", 4, 0, 100, 0, 0);
		if (each || i == 199)
			call(&f, 4, SYS_fdatasync, "fdatasync", 0, 4, NULL, "commit+0x9 (p)", 4, 0, 0,
			     0, 0);
	}
	return feeder_finish(&f, 100);
}

static void test_fsync_storm(void)
{
	struct adv_report r = fsync_run(1, true);
	double want = (200 - 7) * (double)DUR;	/* a group of 32 keeps ceil(200/32) = 7 */

	one_finding(&r, "fsync-storm", 400, want, want, "a fdatasync per write, 200 times");
	if (r.n)
		tap_is(r.v[0].site, "commit+0x9 (p)", "  site is the sync's");
	adv_report_free(&r);
	no_finding(fsync_run(1, false), "200 writes then one fdatasync");
	no_finding(fsync_run(10, true), "200 syncs under threshold factor 10");

	/* O_SYNC writes: the sync is in the write, less one crossing. */
	struct feeder f;
	feeder_start(&f, &adv_rule_fsync_storm, 1);
	call(&f, 4, SYS_openat, "openat", 5, -1, "/db/journal", NULL, AT_FDCWD, 0,
	     O_WRONLY | O_SYNC, 0, 0);
	for (int i = 0; i < 64; i++)
		call(&f, 4, SYS_write, "write", 100, 5, NULL, NULL, 5, 0, 100, 0, 0);
	r = feeder_finish(&f, 100);
	want = (64 - 2) * (DUR - machine.null_syscall_ns);
	one_finding(&r, "fsync-storm", 64, want, want, "64 small O_SYNC writes");
	adv_report_free(&r);
}

/* ---- reopen ---- */

static struct adv_report reopen_run(double threshold, int times, bool read, const char *path,
				    bool many_pids)
{
	struct feeder f;

	feeder_start(&f, &adv_rule_reopen, threshold);
	for (int i = 0; i < times; i++) {
		pid_t pid = many_pids ? 100 + i : 100;
		call(&f, pid, SYS_openat, "openat", 3, -1, path, "conf+0x3 (p)", AT_FDCWD, 0, 0, 0, 0);
		call(&f, pid, SYS_fstat, "fstat", 0, 3, NULL, NULL, 3, 0, 0, 0, 0);
		if (read)
			call(&f, pid, SYS_read, "read", 20, 3, NULL, NULL, 3, 0, 4096, 0, 0);
		call(&f, pid, SYS_close, "close", 0, 3, NULL, NULL, 3, 0, 0, 0, 0);
	}
	return feeder_finish(&f, 100);
}

static void test_reopen(void)
{
	struct adv_report r = reopen_run(1, 100, true, "/etc/app.conf", false);
	double want = 99 * 3.0 * DUR;	/* open, fstat, close of each reopen */

	one_finding(&r, "reopen", 300, want, want, "a file opened, read, closed 100 times");
	if (r.n) {
		tap_is(r.v[0].what, "/etc/app.conf opened, read and closed 100 times",
		       "  what names the file");
		tap_is(r.v[0].site, "conf+0x3 (p)", "  site is the open's");
	}
	adv_report_free(&r);
	r = reopen_run(1, 100, true, "/etc/app.conf", true);
	one_finding(&r, "reopen", 300, want, want, "the same across 100 processes");
	if (r.n)
		tap_is(r.v[0].what, "/etc/app.conf opened, read and closed 100 times (in 100 processes)",
		       "  what counts the processes");
	adv_report_free(&r);
	no_finding(reopen_run(1, 2, true, "/etc/app.conf", false), "a file opened twice");
	no_finding(reopen_run(1, 100, false, "/etc/app.conf", false), "opened and closed unread");
	no_finding(reopen_run(1, 100, true, "/lib/x86_64-linux-gnu/libc.so.6", true),
		   "the loader's libc in every process");
	no_finding(reopen_run(10, 100, true, "/etc/app.conf", false),
		   "100 opens under threshold factor 10");
}

/* ---- failed-retries ---- */

static struct adv_report retry_run(double threshold, bool wait)
{
	struct feeder f;

	feeder_start(&f, &adv_rule_failed_retries, threshold);
	for (int i = 0; i < 300; i++) {
		call(&f, 8, SYS_read, "read", -EAGAIN, 3, NULL, "recv+0x7 (p)", 3, 0, 1, 0, 0);
		if (wait)
			call(&f, 8, SYS_poll, "poll", 1, -1, NULL, NULL, 0x1000, 1, -1, 0, 0);
	}
	call(&f, 8, SYS_read, "read", 1, 3, NULL, "recv+0x7 (p)", 3, 0, 1, 0, 0);
	return feeder_finish(&f, 100);
}

static void test_failed_retries(void)
{
	struct adv_report r = retry_run(1, false);

	one_finding(&r, "failed-retries", 300, 299.0 * DUR, 299.0 * DUR - machine.null_syscall_ns,
		    "read failing with EAGAIN 300 times in a row");
	if (r.n)
		tap_is(r.v[0].what, "300 read calls failing with EAGAIN on fd 3 in 1 tight loop",
		       "  what says the call and error");
	adv_report_free(&r);
	no_finding(retry_run(1, true), "each EAGAIN followed by a readiness wait");
	no_finding(retry_run(10, false), "300 failures under threshold factor 10");
}

/* ---- fault-heavy ---- */

static struct adv_report fault_run(double threshold, uint64_t calls, int64_t faults)
{
	struct adv_report r = { 0 };
	struct adv_run run = { .calls = calls, .page_faults = faults, .major_faults = 0 };
	void *st = adv_rule_fault_heavy.start(&machine, threshold);

	adv_rule_fault_heavy.finish(st, &run, &r);
	adv_rule_fault_heavy.stop(st);
	return r;
}

static void test_fault_heavy(void)
{
	struct adv_report r = fault_run(1, 100, 50000);
	double want = 50000 * machine.page_fault_ns;

	one_finding(&r, "fault-heavy", 50000, want, want * 0.4, "50000 faults, 100 calls");
	adv_report_free(&r);
	no_finding(fault_run(1, 100, 300), "a program's start-up faults");
	no_finding(fault_run(1, 40000, 50000), "as many calls as faults");
	no_finding(fault_run(1, 100, -1), "faults not counted");
	no_finding(fault_run(10, 100, 50000), "50000 faults under threshold factor 10");
}

/* ---- the kit's table ---- */

static void test_map(void)
{
	struct adv_map m;
	int ok = 1;

	adv_map_init(&m, sizeof(int), 4);
	for (int i = 0; i < 4; i++)
		*(int *)adv_map_get(&m, 1, (uint64_t)i, NULL, true) = i;
	ok &= adv_map_get(&m, 1, 9, NULL, true) == NULL;	/* full */
	adv_map_remove(&m, 1, 2, NULL);
	ok &= adv_map_get(&m, 1, 2, NULL, false) == NULL;
	int *v = adv_map_get(&m, 0, 0, "path", true);	/* takes the freed slot */
	ok &= v && *v == 0 && m.live == 4;
	ok &= *(int *)adv_map_get(&m, 1, 3, NULL, false) == 3;
	ok &= adv_map_get(&m, 0, 0, "path", false) == v && !adv_map_get(&m, 0, 0, "other", false);
	adv_map_free(&m, NULL);
	tap_ok(ok, "kit: the table is bounded, forgets, and reuses slots");

	/* Past its first buckets, every key still found, the last ones asked
	 * for included; a key removed is not found again from the recent ones. */
	adv_map_init(&m, sizeof(int), 5000);
	ok = 1;
	for (int i = 0; i < 5000; i++)
		*(int *)adv_map_get(&m, (uint64_t)i % 7, (uint64_t)i, NULL, true) = i;
	for (int i = 4999; i >= 0; i--) {
		int *x = adv_map_get(&m, (uint64_t)i % 7, (uint64_t)i, NULL, false);
		ok &= x && *x == i;
	}
	ok &= m.nbuckets >= 4096 && m.live == 5000;
	ok &= *(int *)adv_map_get(&m, 0, 0, NULL, false) == 0; /* the last found */
	adv_map_remove(&m, 0, 0, NULL);
	ok &= adv_map_get(&m, 0, 0, NULL, false) == NULL;
	ok &= adv_map_get(&m, 0, 0, NULL, false) == NULL; /* from the keys missed */
	ok &= *(int *)adv_map_get(&m, 1, 1, NULL, false) == 1;
	*(int *)adv_map_get(&m, 0, 0, NULL, true) = 42; /* a key missed, added */
	ok &= adv_map_get(&m, 0, 0, NULL, false) && *(int *)adv_map_get(&m, 0, 0, NULL, false) == 42;
	adv_map_free(&m, NULL);
	adv_map_init(&m, sizeof(int), 8);
	ok &= adv_map_get(&m, 1, 1, NULL, false) == NULL && m.live == 0; /* empty */
	adv_map_free(&m, NULL);
	tap_ok(ok, "kit: the table grows, and finds each of its 5000 keys");

	/* Examples: a call recorded with its buffers takes the place of one
	 * without; none is dropped for want of a better one. */
	struct adv_evidence ev = { 0 };
	struct adv_call bare = { .text = "write(3, 0x1000, 1) = 1", .no_data = true };
	struct adv_call full = { .text = "write(3, \"x\", 1) = 1" };
	for (int i = 0; i < 4; i++)
		adv_evidence_note(&ev, &bare);
	ok = ev.examples[2] && strcmp(ev.examples[2], bare.text) == 0;
	adv_evidence_note(&ev, &full);
	adv_evidence_note(&ev, &bare);
	ok &= strcmp(ev.examples[0], full.text) == 0 && strcmp(ev.examples[1], bare.text) == 0;
	adv_evidence_free(&ev);
	tap_ok(ok, "kit: an example with its data replaces one without");

	struct adv_costs k = { 0 };
	for (int i = 0; i < 99; i++)
		adv_costs_add(&k, 300);
	adv_costs_add(&k, 25e6);	/* one call descheduled mid-way */
	near(adv_costs_total(&k, 100, 100), 100 * 300.0, "kit: a group's cost ignores an outlier");
	near(adv_costs_total(&k, 100, 1000), 100 * 1000.0, "kit: at least a crossing per call");
}

int main(void)
{
	tap_plan(109);
	test_map();
	test_tiny_io();
	test_enoent_storm();
	test_repeated_stat();
	test_clock_syscall();
	test_seek_then_io();
	test_busy_poll();
	test_mmap_churn();
	test_fsync_storm();
	test_reopen();
	test_failed_retries();
	test_fault_heavy();
	tap_ok(__lsan_do_recoverable_leak_check() == 0, "no leaks");
	return tap_done();
}
