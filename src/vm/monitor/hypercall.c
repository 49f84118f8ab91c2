/* The monitor's side of the hypercall ABI (abi.h): one handler per number,
 * each reading its argument struct through the checked accessor. A bad pointer
 * or an unknown number is the guest's error, never the monitor's. */
#include <errno.h>
#include <stdint.h>
#include <sys/random.h>
#include <unistd.h>

#include "core/util.h"
#include "vm_int.h"

static int64_t hc_write(struct vm *vm, void *args)
{
	struct sg_vm_hc_write *a = args;
	const void *buf = vm_gpa(vm, a->buf, a->len);

	if (!buf)
		return -EFAULT;
	ssize_t n = write(1, buf, a->len);
	return n < 0 ? -errno : n;
}

static int64_t hc_time(struct vm *vm, void *args)
{
	struct sg_vm_hc_time *a = args;

	(void)vm;
	a->ns = sg_wall_ns();
	return 0;
}

static int64_t hc_random(struct vm *vm, void *args)
{
	struct sg_vm_hc_random *a = args;
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
static int64_t hc_disk_read(struct vm *vm, void *args)
{
	struct sg_vm_hc_disk_read *a = args;
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

static void end_vm(struct vm *vm, int code)
{
	vm->exited = true;
	vm->exit_code = code;
}

static int64_t hc_exit(struct vm *vm, void *args)
{
	end_vm(vm, (int)(((struct sg_vm_hc_exit *)args)->code & 0xff));
	return 0;
}

static int64_t hc_unknown(struct vm *vm, void *args)
{
	(void)vm, (void)args;
	return -ENOSYS;
}

/* The handlers, by number, with the size of their argument struct (its first
 * field, ret, takes the result). */
static const struct hypercall {
	size_t size;
	int64_t (*fn)(struct vm *vm, void *args);
} handlers[SG_VM_HC_COUNT] = {
	[SG_VM_HC_WRITE] = { sizeof(struct sg_vm_hc_write), hc_write },
	[SG_VM_HC_EXIT] = { sizeof(struct sg_vm_hc_exit), hc_exit },
	[SG_VM_HC_TIME] = { sizeof(struct sg_vm_hc_time), hc_time },
	[SG_VM_HC_RANDOM] = { sizeof(struct sg_vm_hc_random), hc_random },
	[SG_VM_HC_DISK_READ] = { sizeof(struct sg_vm_hc_disk_read), hc_disk_read },
};
static const struct hypercall unknown = { sizeof(int64_t), hc_unknown };

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
	const struct hypercall *h = nr < SG_VM_HC_COUNT ? &handlers[nr] : &unknown;
	int64_t *args = vm_gpa(vm, value, h->size);

	vm->stats.hypercalls[nr < SG_VM_HC_COUNT ? nr : SG_VM_HC_COUNT]++;
	if (args)
		*args = h->fn(vm, args);
	else if (nr == SG_VM_HC_EXIT)
		end_vm(vm, 255); /* an exit whose argument is unreadable still ends the VM */
}
