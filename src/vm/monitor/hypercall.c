/* The monitor's side of the hypercall ABI (abi.h): one handler per number,
 * each reading its argument struct through the checked accessor. A bad pointer
 * or an unknown number is the guest's error, never the monitor's. */
#include <errno.h>
#include <stdint.h>
#include <sys/random.h>
#include <unistd.h>

#include "core/util.h"
#include "vm_int.h"

static int64_t hc_write(struct vm *vm, struct sg_vm_hc_write *a)
{
	const void *buf = vm_gpa(vm, a->buf, a->len);

	if (!buf)
		return -EFAULT;
	ssize_t n = write(1, buf, a->len);
	return n < 0 ? -errno : n;
}

static int64_t hc_time(struct vm *vm, struct sg_vm_hc_time *a)
{
	(void)vm;
	a->ns = sg_wall_ns();
	return 0;
}

static int64_t hc_random(struct vm *vm, struct sg_vm_hc_random *a)
{
	uint8_t *buf = vm_gpa(vm, a->buf, a->len);

	if (!buf)
		return -EFAULT;
	for (uint64_t got = 0; got < a->len;) {
		ssize_t n = getrandom(buf + got, a->len - got, 0);
		if (n < 0)
			return -errno;
		got += (uint64_t)n;
	}
	return 0;
}

/* The guest reads its disk, a host file given read-only, at any offset. */
static int64_t hc_disk_read(struct vm *vm, struct sg_vm_hc_disk_read *a)
{
	uint8_t *buf = vm_gpa(vm, a->buf, a->len);

	if (vm->disk_fd < 0)
		return -ENODEV;
	if (!buf)
		return -EFAULT;
	if (a->offset > (uint64_t)INT64_MAX)
		return -EINVAL;
	ssize_t n = pread(vm->disk_fd, buf, a->len, (off_t)a->offset);
	return n < 0 ? -errno : n;
}

/* The argument struct of a call, checked; its ret field is always first. */
#define ARG(type) ((type *)vm_gpa(vm, value, sizeof(type)))
#define DONE(a, expr)                                                                        \
	do {                                                                                 \
		if (a)                                                                       \
			(a)->ret = (expr);                                                   \
	} while (0)

static void dispatch(struct vm *vm, uint16_t port, uint32_t value);

bool vm_hypercall(struct vm *vm, uint16_t port, uint32_t value)
{
	if (port < SG_VM_PIO_BASE || port >= SG_VM_PIO_BASE + 0x100)
		return false;
	unsigned long long t0 = sg_now_ns();
	if (!vm->stats.first_hc_ns)
		vm->stats.first_hc_ns = t0; /* boot time: from the monitor's start to here */
	dispatch(vm, port, value);
	vm->stats.monitor_ns += sg_now_ns() - t0;
	return true;
}

static void dispatch(struct vm *vm, uint16_t port, uint32_t value)
{
	unsigned nr = port - SG_VM_PIO_BASE;
	vm->stats.hypercalls[nr < SG_VM_HC_COUNT ? nr : SG_VM_HC_COUNT]++;
	switch (nr) {
	case SG_VM_HC_WRITE: {
		struct sg_vm_hc_write *a = ARG(struct sg_vm_hc_write);
		DONE(a, hc_write(vm, a));
		break;
	}
	case SG_VM_HC_EXIT: {
		struct sg_vm_hc_exit *a = ARG(struct sg_vm_hc_exit);
		vm->exited = true;
		vm->exit_code = a ? (int)(a->code & 0xff) : 255;
		break;
	}
	case SG_VM_HC_TIME: {
		struct sg_vm_hc_time *a = ARG(struct sg_vm_hc_time);
		DONE(a, hc_time(vm, a));
		break;
	}
	case SG_VM_HC_RANDOM: {
		struct sg_vm_hc_random *a = ARG(struct sg_vm_hc_random);
		DONE(a, hc_random(vm, a));
		break;
	}
	case SG_VM_HC_DISK_READ: {
		struct sg_vm_hc_disk_read *a = ARG(struct sg_vm_hc_disk_read);
		DONE(a, hc_disk_read(vm, a));
		break;
	}
	default: {
		int64_t *ret = vm_gpa(vm, value, sizeof(*ret));
		if (ret)
			*ret = -ENOSYS;
		break;
	}
	}
}
