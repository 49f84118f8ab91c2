/* Finding a mapping in /proc/PID/maps by name (src/core/proc_maps.c), as -e
 * kvm=vcpu finds a vcpu's struct kvm_run; and what KVM_RUN prints under that
 * option when its fd is no vcpu's (there is no /dev/kvm needed for this). */
#include <errno.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/decode.h"
#include "core/proc_maps.h"
#include "tap.h"

static const char maps_text[] =
	"55d0c0a00000-55d0c0a02000 r--p 00000000 08:01 1234  /usr/bin/prog\n"
	"7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"
	/* a file of the same name on a real device: not an anonymous inode */
	"7f1000000000-7f1000003000 rw-s 00000000 08:01 77    anon_inode:kvm-vcpu:0\n"
	"7f2000000000-7f2000003000 rw-s 00000000 00:0e 9876  anon_inode:kvm-vcpu:0\n"
	"7f3000000000-7f3000003000 rw-s 00000000 00:0e 9877  anon_inode:kvm-vcpu:1\n"
	/* a second mapping of vcpu 0, higher up: the first one counts */
	"7f4000000000-7f4000001000 rw-s 00000000 00:0e 9876  anon_inode:kvm-vcpu:0\n"
	"not a maps line at all\n"
	"7ffc00000000-7ffc00021000 rw-p 00000000 00:00 0     [stack]\n";

/* sg_maps_find over text; the mapping's start, 0 when none, -1 on an error
 * other than not finding it. */
static long long find(const char *text, const char *name)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct sg_map m;
	int rc;

	if (!f)
		return -1;
	rc = sg_maps_find(f, name, &m);
	fclose(f);
	return rc == 0 ? (long long)m.start : rc == -ENOENT ? 0 : -1;
}

static void test_text(void)
{
	tap_ok(find(maps_text, "anon_inode:kvm-vcpu:0") == 0x7f2000000000,
	       "vcpu 0: its lowest mapping on an anonymous inode (major 0)");
	tap_ok(find(maps_text, "anon_inode:kvm-vcpu:1") == 0x7f3000000000, "vcpu 1: its own");
	tap_ok(find(maps_text, "anon_inode:kvm-vcpu:2") == 0, "vcpu 2: not mapped, -ENOENT");
	tap_ok(find(maps_text, "anon_inode:kvm-vcpu:") == 0, "a name matches whole, not as a prefix");
	tap_ok(find(maps_text, "[stack]") == 0x7ffc00000000,
	       "lines that are not maps lines are passed over");
	tap_ok(find(maps_text, "/usr/bin/prog") == 0, "a file on a device of major 8 is not it");
	tap_ok(find(maps_text, "") == 0, "an empty name never matches an unnamed mapping");
	tap_ok(find("", "anon_inode:kvm-vcpu:0") == 0, "empty maps: -ENOENT");
	/* Out of order: the line overlapping the one kept before it is left out. */
	tap_ok(find("7f2000000000-7f2000003000 rw-s 00000000 00:0e 1 a\n"
		    "7f2000001000-7f2000002000 rw-s 00000000 00:0e 2 b\n", "b") == 0,
	       "an overlapping line is left out");
	tap_ok(find("7f2000000000-7f2000003000 rwxq 00000000 00:0e 1 a\n", "a") == 0,
	       "a line with unknown permissions is left out");
}

static void test_live(void)
{
	struct sg_map m;
	int local = 0;
	uintptr_t here = (uintptr_t)&local;

	tap_ok(sg_proc_maps_find(getpid(), "[stack]", &m) == 0 && m.start <= here && here < m.end,
	       "this process's [stack] holds a local variable");
	tap_ok(sg_proc_maps_find(getpid(), "anon_inode:kvm-vcpu:0", &m) == -ENOENT,
	       "no vcpu mapped here: -ENOENT");
	tap_ok(sg_proc_maps_find(-1, "[stack]", &m) == -ENOENT, "no such process: -ENOENT");
}

/* "ioctl(FD, KVM_RUN, 0) = RET" decoded with -e kvm=vcpu (or without). */
static char *kvm_run_line(int fd, int64_t ret, bool kvm_vcpu)
{
	struct sg_decode_opts o = { .strsize = 32, .kvm_vcpu = kvm_vcpu };
	struct sg_call c = { .pid = getpid(), .nr = SYS_ioctl, .args = { (uint64_t)fd, KVM_RUN, 0 } };
	struct sg_str s = { 0 };

	sg_decode_enter(&c, &o);
	sg_decode_exit(&c, &o, ret);
	sg_call_format(&c, &s);
	sg_str_addf(&s, " = %s", c.ret_text);
	sg_call_clear(&c);
	return sg_str_take(&s);
}

static void test_not_a_vcpu(void)
{
	int fds[2];
	char want[64], *got;

	if (pipe(fds) < 0) {
		tap_skip("no pipe");
		tap_skip("no pipe");
		return;
	}
	snprintf(want, sizeof(want), "ioctl(%d, KVM_RUN, 0) = 0", fds[0]);
	got = kvm_run_line(fds[0], 0, true);
	tap_is(got, want, "-e kvm=vcpu, KVM_RUN on a pipe: the result alone");
	free(got);
	got = kvm_run_line(-1, -EBADF, true);
	tap_is(got, "ioctl(-1, KVM_RUN, 0) = -1 EBADF (Bad file descriptor)",
	       "-e kvm=vcpu, a failed KVM_RUN: the error alone");
	free(got);
	close(fds[0]);
	close(fds[1]);
}

int main(void)
{
	tap_plan(15);
	test_text();
	test_live();
	test_not_a_vcpu();
	return tap_done();
}
