/* The exits KVM handles inside the host kernel, which the monitor never sees:
 * counted from the kvm:kvm_exit tracepoint, as kvm_stat shows them, one perf
 * counter per reason of interest (a tracepoint filter on exit_reason) and one
 * for all. Best effort: without tracefs or perf events, --stats says so. */
#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vm_int.h"

/* Exit codes differ between Intel (VMX) and AMD (SVM): the filter for each. */
static const struct reason {
	const char *name, *vmx, *svm;
} reasons[VM_KVM_REASONS] = {
	{ "cpuid", "exit_reason == 10", "exit_reason == 114" },
	{ "hlt", "exit_reason == 12", "exit_reason == 120" },
	{ "io", "exit_reason == 30", "exit_reason == 123" },
	{ "msr", "exit_reason == 31 || exit_reason == 32", "exit_reason == 124" },
	{ "ept/npf", "exit_reason == 48 || exit_reason == 49", "exit_reason == 1024" },
};

struct vm_kvm_exits {
	int all, by_reason[VM_KVM_REASONS];
};

static long tracepoint_id(void)
{
	static const char *const paths[] = { "/sys/kernel/tracing/events/kvm/kvm_exit/id",
					     "/sys/kernel/debug/tracing/events/kvm/kvm_exit/id" };
	long id = -1;

	for (size_t i = 0; i < 2 && id < 0; i++) {
		FILE *f = fopen(paths[i], "re");
		if (f && fscanf(f, "%ld", &id) != 1)
			id = -1;
		if (f)
			fclose(f);
	}
	return id;
}

static bool amd_host(void)
{
	unsigned a, b, c, d;

	return __get_cpuid(0, &a, &b, &c, &d) && (b == 0x68747541 || b == 0x6f677948); /* Auth, Hygo */
}

static int counter(long id, const char *filter)
{
	struct perf_event_attr attr = { .type = PERF_TYPE_TRACEPOINT, .size = sizeof(attr),
					.config = (uint64_t)id, .disabled = 1 };
	int fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);

	if (fd >= 0 && filter && ioctl(fd, PERF_EVENT_IOC_SET_FILTER, filter) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

struct vm_kvm_exits *vm_kvm_exits_open(void)
{
	long id = tracepoint_id();
	struct vm_kvm_exits *x;
	bool amd = amd_host();

	if (id < 0 || !(x = malloc(sizeof(*x))))
		return NULL;
	if ((x->all = counter(id, NULL)) < 0) {
		free(x);
		return NULL;
	}
	for (int i = 0; i < VM_KVM_REASONS; i++)
		x->by_reason[i] = counter(id, amd ? reasons[i].svm : reasons[i].vmx);
	return x;
}

static void each(struct vm_kvm_exits *x, unsigned long req)
{
	ioctl(x->all, req, 0);
	for (int i = 0; i < VM_KVM_REASONS; i++)
		if (x->by_reason[i] >= 0)
			ioctl(x->by_reason[i], req, 0);
}

void vm_kvm_exits_start(struct vm_kvm_exits *x)
{
	if (x)
		each(x, PERF_EVENT_IOC_ENABLE);
}

static unsigned long long count_of(int fd)
{
	unsigned long long n = 0;

	return fd >= 0 && read(fd, &n, sizeof(n)) == sizeof(n) ? n : 0;
}

void vm_kvm_exits_stop(struct vm_kvm_exits *x, struct vm_stats *st)
{
	if (!x)
		return;
	each(x, PERF_EVENT_IOC_DISABLE);
	st->kvm_traced = true;
	st->kvm_exits = count_of(x->all);
	for (int i = 0; i < VM_KVM_REASONS; i++)
		st->kvm_by_reason[i] = count_of(x->by_reason[i]);
}

const char *vm_kvm_reason_name(int i)
{
	return reasons[i].name;
}

void vm_kvm_exits_close(struct vm_kvm_exits *x)
{
	if (!x)
		return;
	close(x->all);
	for (int i = 0; i < VM_KVM_REASONS; i++)
		if (x->by_reason[i] >= 0)
			close(x->by_reason[i]);
	free(x);
}
