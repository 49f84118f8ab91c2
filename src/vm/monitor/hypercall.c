/* The monitor's side of the hypercall ABI (abi.h): one handler per number,
 * each reading its argument struct through the checked accessor. A bad pointer
 * or an unknown number is the guest's error, never the monitor's. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
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

/* The host calls a guest may ask for, and the one guest buffer each writes:
 * its argument, and its size (fixed, or another argument). */
static const struct forward {
	long nr;
	int buf_arg, len_arg;
	size_t fixed_len;
} forwards[] = {
	{ SYS_getpid, -1, -1, 0 },
	{ SYS_uname, 0, -1, sizeof(struct utsname) },
	{ SYS_clock_gettime, 1, -1, sizeof(struct timespec) },
	{ SYS_getrandom, 0, 1, 0 },
};

static int64_t hc_forward(struct vm *vm, void *args)
{
	struct sg_vm_hc_forward *a = args;
	const struct forward *f = NULL;
	uint64_t arg[6];

	for (size_t i = 0; i < sizeof(forwards) / sizeof(forwards[0]); i++)
		if ((uint64_t)forwards[i].nr == a->nr)
			f = &forwards[i];
	if (!f)
		return -EPERM;
	memcpy(arg, a->args, sizeof(arg));
	if (f->buf_arg >= 0) {
		uint64_t len = f->len_arg >= 0 ? arg[f->len_arg] : f->fixed_len;
		void *buf = vm_gpa(vm, arg[f->buf_arg], len);
		if (!buf)
			return -EFAULT;
		arg[f->buf_arg] = (uintptr_t)buf;
	}
	long rc = syscall(f->nr, arg[0], arg[1], arg[2], arg[3], arg[4], arg[5]);
	return rc < 0 ? -errno : rc;
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
	[SG_VM_HC_FORWARD] = { sizeof(struct sg_vm_hc_forward), hc_forward },
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
	int64_t *args = vm_gpa_aligned(vm, value, h->size, sizeof(int64_t));

	vm->stats.hypercalls[nr < SG_VM_HC_COUNT ? nr : SG_VM_HC_COUNT]++;
	if (args)
		*args = h->fn(vm, args);
	else if (nr == SG_VM_HC_EXIT)
		end_vm(vm, 255); /* an exit whose argument is unreadable still ends the VM */
}
