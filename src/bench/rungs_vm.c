/* The virtual machine's rungs (src/vm), under each engine the machine has: a
 * call in the guest, a SYSCALL from the guest's ring 3 to its kernel, a
 * hypercall to the monitor, cpuid (under kvm an exit KVM handles in the host
 * kernel; under emulate an instruction hook), and the boot from the monitor's
 * start to the guest's first hypercall. The guests time themselves, one line
 * per sample ("bench NAME PS"); one run of each guest serves all its rungs. */
#include <cpuid.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bench_int.h"
#include "vm/vm.h"

#define MAX_SAMPLES 64
enum { KIND_CALL, KIND_SYSCALL, KIND_HYPERCALL, KIND_CPUID, KIND_BOOT, KINDS };
static const char *const kind_names[KINDS] = { "call", "getpid", "hypercall", "cpuid", "boot" };

struct engine_samples {
	bool measured;
	int rc;
	char note[96];
	double ns[KINDS][MAX_SAMPLES];
	unsigned n[KINDS];
	unsigned long rounds;
};

static struct engine_samples cache[2]; /* emulate, kvm */

/* Every "bench NAME PS" line of out into its kind's samples. */
static void collect(struct engine_samples *s, const char *out)
{
	char name[32];
	unsigned long long ps;

	for (const char *l = out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (sscanf(l, "bench %31s %llu ps", name, &ps) == 2)
			for (int k = 0; k < KINDS; k++)
				if (strcmp(name, kind_names[k]) == 0 && s->n[k] < MAX_SAMPLES)
					s->ns[k][s->n[k]++] = (double)ps / 1000.0;
}

/* One guest run; 0, or BENCH_SKIP / -errno with the note set. */
static int run_guest(struct engine_samples *s, const char *engine, const char *guest,
		     const char *args)
{
	char *out;
	int st = sg_vm_capture(engine, guest, args, &out);

	if (st == -ENOENT)
		snprintf(s->note, sizeof(s->note), "sg-vm or guest/%s.elf is not built (make)", guest);
	else if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		snprintf(s->note, sizeof(s->note), "the %s guest failed: %.60s", guest,
			 out ? out : "");
	else
		collect(s, out);
	free(out);
	return st == -ENOENT ? BENCH_SKIP : st == 0 ? 0 : -EIO;
}

/* The boot: the monitor's own measure, from its start to the first hypercall. */
static void boot_samples(struct engine_samples *s, const char *engine, unsigned n)
{
	for (unsigned i = 0; i < n && s->n[KIND_BOOT] < MAX_SAMPLES; i++) {
		char *out;
		double us;
		const char *b;
		if (sg_vm_capture(engine, "hello", "", &out) >= 0 && out &&
		    (b = strstr(out, "the first hypercall came ")) &&
		    sscanf(b, "the first hypercall came %lf us", &us) == 1)
			s->ns[KIND_BOOT][s->n[KIND_BOOT]++] = us * 1000.0;
		free(out);
	}
}

static struct engine_samples *measure_engine(const struct bench_cfg *cfg, bool kvm)
{
	struct engine_samples *s = &cache[kvm];
	const char *engine = kvm ? "kvm" : "emulate";
	unsigned samples = cfg->smoke ? 2 : cfg->quick ? 5 : 15;
	char args[64];

	if (s->measured)
		return s;
	s->measured = true;
	const char *no = kvm ? sg_vm_kvm_unusable() : NULL;

	if (no) {
		s->rc = BENCH_SKIP;
		snprintf(s->note, sizeof(s->note), "%s", no);
		return s;
	}
	s->rounds = cfg->smoke ? 100 : kvm ? 20000 : 5000;
	snprintf(args, sizeof(args), "kbench %lu %u", s->rounds, samples);
	s->rc = run_guest(s, engine, "kernel", args);
	snprintf(args, sizeof(args), "bench %lu %u", s->rounds, samples);
	if (s->rc == 0)
		s->rc = run_guest(s, engine, "kernel", args);
	if (s->rc == 0)
		boot_samples(s, engine, samples);
	return s;
}

static bool nested(void)
{
	unsigned a, b, c, d;

	return __get_cpuid(1, &a, &b, &c, &d) && (c >> 31) & 1;
}

static int report(const struct bench_cfg *cfg, struct bench_result *r, bool kvm, int kind,
		  const char *note)
{
	struct engine_samples *s = measure_engine(cfg, kvm);
	double v[MAX_SAMPLES];
	unsigned n = s->n[kind];

	if (s->rc) {
		snprintf(r->note, sizeof(r->note), "%s", s->note);
		return s->rc;
	}
	if (!n) {
		snprintf(r->note, sizeof(r->note), "the guest printed no %s samples", kind_names[kind]);
		return -EIO;
	}
	memcpy(v, s->ns[kind], n * sizeof(double));
	r->cov = bench_cov(v, n);
	r->p99_ns = bench_percentile(v, n, 99);
	r->median_ns = bench_median(v, n);
	r->samples = n;
	r->iters_per_sample = kind == KIND_BOOT ? 1 : s->rounds;
	r->crossings = -1;
	/* KVM inside a VM (the hypervisor CPUID bit) pays for two hypervisors. */
	snprintf(r->note, sizeof(r->note), "%s%s", note, kvm && nested() ? "; nested KVM" : "");
	return 0;
}

#define RUNG(fn, kvm, kind, note)                                          \
	static int fn(const struct bench_cfg *c, struct bench_result *r) \
	{                                                                  \
		return report(c, r, kvm, kind, note);                      \
	}
RUNG(emu_call, false, KIND_CALL, "in the guest, translated code")
RUNG(emu_syscall, false, KIND_SYSCALL, "a stop and restart of the software CPU")
RUNG(emu_hypercall, false, KIND_HYPERCALL, "an `out` hook")
RUNG(emu_cpuid, false, KIND_CPUID, "an instruction hook")
RUNG(emu_boot, false, KIND_BOOT, "monitor start to first hypercall")
RUNG(kvm_call, true, KIND_CALL, "native")
RUNG(kvm_syscall, true, KIND_SYSCALL, "native, no exit")
RUNG(kvm_hypercall, true, KIND_HYPERCALL, "port I/O exit to user space")
RUNG(kvm_cpuid, true, KIND_CPUID, "an exit KVM handles in the host kernel")
RUNG(kvm_boot, true, KIND_BOOT, "monitor start to first hypercall")

const struct bench_rung bench_rungs_vm[] = {
	{ "vm-call", "vm", "guest function call (kvm)", kvm_call },
	{ "vm-syscall", "vm", "guest SYSCALL, ring 3 to 0 (kvm)", kvm_syscall },
	{ "vm-cpuid", "vm", "cpuid, exit in the host kernel (kvm)", kvm_cpuid },
	{ "vm-hypercall", "vm", "hypercall to the monitor (kvm)", kvm_hypercall },
	{ "vm-boot", "vm", "boot to the first hypercall (kvm)", kvm_boot },
	{ "vm-emu-call", "vm", "guest function call (emulate)", emu_call },
	{ "vm-emu-syscall", "vm", "guest SYSCALL, ring 3 to 0 (emulate)", emu_syscall },
	{ "vm-emu-cpuid", "vm", "cpuid (emulate)", emu_cpuid },
	{ "vm-emu-hypercall", "vm", "hypercall to the monitor (emulate)", emu_hypercall },
	{ "vm-emu-boot", "vm", "boot to the first hypercall (emulate)", emu_boot },
	{ NULL, NULL, NULL, NULL },
};
