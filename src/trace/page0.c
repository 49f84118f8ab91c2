/* --allow-page0: vm.mmap_min_addr is lowered to 0 while any sysgate run that asked
 * for it is running, and put back by the last one to end.
 *
 * Runs share a file holding the value to put back, and hold a shared flock on it
 * while they run. Deciding (lower? restore?) happens under a second, exclusive
 * lock: the first run lowers the setting and writes the old value in; a run ending
 * that can then take the shared lock exclusively is the last, and restores. A run
 * killed outright loses its locks with its death; the next run to end restores. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/util.h"
#include "inproc.h"

#define MIN_ADDR "/proc/sys/vm/mmap_min_addr"
#define LOCK_FILE "/run/sysgate-page0.lock"
#define DECIDE_FILE "/run/sysgate-page0.decide"

static long read_min_addr(void)
{
	char buf[32] = { 0 };
	int fd = open(MIN_ADDR, O_RDONLY | O_CLOEXEC);
	long v = -1;

	if (fd >= 0 && read(fd, buf, sizeof(buf) - 1) > 0)
		v = strtol(buf, NULL, 10);
	if (fd >= 0)
		close(fd);
	return v;
}

static int write_min_addr(long v)
{
	char buf[32];
	int fd = open(MIN_ADDR, O_WRONLY | O_CLOEXEC);
	int n = snprintf(buf, sizeof(buf), "%ld\n", v);
	int ok = fd >= 0 && write(fd, buf, (size_t)n) == n;

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

bool inproc_page0_usable(void)
{
	return read_min_addr() == 0;
}

/* The value to put back, as saved in the lock file; 0 when none is saved. */
static long saved_value(int fd)
{
	char buf[32] = { 0 };

	return pread(fd, buf, sizeof(buf) - 1, 0) > 0 ? strtol(buf, NULL, 10) : 0;
}

/* The exclusive lock under which runs decide; its fd, or -1. */
static int decide_begin(void)
{
	int fd = open(DECIDE_FILE, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd >= 0 && flock(fd, LOCK_EX) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int inproc_page0_lower(struct inproc *ip)
{
	int d = decide_begin();
	int fd = open(LOCK_FILE, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (d < 0 || fd < 0 || flock(fd, LOCK_SH) < 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		if (d >= 0)
			close(d);
		return sg_error("--allow-page0: cannot use %s: %s (needs root)", LOCK_FILE,
				strerror(e));
	}
	long v = read_min_addr();
	if (saved_value(fd) == 0 && v != 0) {
		char buf[32];
		int n = snprintf(buf, sizeof(buf), "%ld\n", v);
		/* Saved before it is lowered: a run killed in between leaves a value the
		 * next run can put back. */
		if (v < 0 || pwrite(fd, buf, (size_t)n, 0) != n || write_min_addr(0) < 0) {
			int e = errno;
			write_min_addr(v);
			close(fd);
			close(d);
			return sg_error("--allow-page0: cannot set %s to 0: %s (needs root)",
					MIN_ADDR, strerror(e));
		}
		fprintf(stderr, "sysgate: trace: vm.mmap_min_addr lowered from %ld to 0 for this "
				"run (--allow-page0); it is restored at exit\n", v);
	}
	close(d);
	ip->page0_lock = fd;
	return 0;
}

void inproc_page0_restore(struct inproc *ip)
{
	int fd = ip->page0_lock;

	if (fd < 0)
		return;
	ip->page0_lock = -1;
	int d = decide_begin();
	if (flock(fd, LOCK_EX | LOCK_NB) == 0) { /* no other run is using it */
		long v = saved_value(fd);
		if (v > 0 && write_min_addr(v) < 0)
			fprintf(stderr, "sysgate: trace: could not restore vm.mmap_min_addr to %ld: "
					"%s; set it with: sysctl vm.mmap_min_addr=%ld\n",
				v, strerror(errno), v);
		if (ftruncate(fd, 0) < 0)
			fprintf(stderr, "sysgate: trace: cannot clear %s: %s\n", LOCK_FILE,
				strerror(errno));
	}
	close(fd);
	if (d >= 0)
		close(d);
}

/* A run killed outright while it held the setting lowered: if no run holds the
 * lock file now, put the saved value back (what the last run would have done). */
void inproc_page0_recover(void)
{
	int fd = open(LOCK_FILE, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return; /* no run ever lowered it */
	if (saved_value(fd) > 0) {
		struct inproc ip = { .page0_lock = fd };
		inproc_page0_restore(&ip); /* restores only when no run holds it */
		return;
	}
	close(fd);
}
