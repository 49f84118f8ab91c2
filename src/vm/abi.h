/*
 * The hypercall ABI between `sysgate vm` (the monitor, ring -1) and its guests,
 * shared by both sides: a guest writes, with `out`, the 32-bit guest-physical
 * address of an argument struct to port SG_VM_PIO_BASE + nr. The monitor checks
 * every address it is given, does the call, and writes the result into the
 * struct's first field, `ret` (0, a count, or a negative errno; -ENOSYS for a
 * number it does not know), then the guest goes on.
 *
 * Memory layout the monitor sets up (guest-physical = guest-virtual, identity
 * mapped with 2 MiB pages over the first 1 GiB): the GDT, the page tables and
 * the boot info sit below 1 MiB; the guest ELF is loaded at its own addresses
 * (1 MiB and up); the initial stack ends at the top of guest memory.
 */
#ifndef SG_VM_ABI_H
#define SG_VM_ABI_H

#include <stdint.h>

#define SG_VM_PIO_BASE 0x500

enum sg_vm_hypercall {
	SG_VM_HC_WRITE = 0,  /* console write: buf, len */
	SG_VM_HC_EXIT = 1,   /* exit(code): the VM ends, the monitor exits with code */
	SG_VM_HC_TIME = 2,   /* wall-clock time: ns since the epoch into ns */
	SG_VM_HC_RANDOM = 3, /* len random bytes into buf */
	SG_VM_HC_DISK_READ = 4, /* len bytes of the --disk file at offset into buf */
	SG_VM_HC_FORWARD = 5, /* a host system call from a small allowlist */
	SG_VM_HC_COUNT
};

struct sg_vm_hc_write {
	int64_t ret;
	uint64_t buf, len;
};
struct sg_vm_hc_exit {
	int64_t ret;
	int64_t code;
};
struct sg_vm_hc_time {
	int64_t ret;
	uint64_t ns;
};
struct sg_vm_hc_random {
	int64_t ret;
	uint64_t buf, len;
};
/* ret: bytes read (0 at the end of the disk), -EFAULT, or -ENODEV without --disk. */
struct sg_vm_hc_disk_read {
	int64_t ret;
	uint64_t buf, len, offset;
};

/* A host system call on the guest's behalf: Linux x86-64 numbers, arguments as
 * the kernel takes them, but a buffer is a guest-physical address. Only getpid,
 * uname, clock_gettime and getrandom are forwarded; any other number gets
 * -EPERM and never reaches the host. ret: the call's result or -errno. */
struct sg_vm_hc_forward {
	int64_t ret;
	uint64_t nr;
	uint64_t args[6];
};

/* What the monitor tells the guest at boot: the address is in rdi. */
#define SG_VM_BOOT_INFO 0x6000
#define SG_VM_CMDLINE_MAX 512
struct sg_vm_boot_info {
	uint64_t mem_size;   /* bytes of guest memory */
	uint64_t kernel_end; /* first free byte after the loaded guest */
	char cmdline[SG_VM_CMDLINE_MAX]; /* the guest's arguments, space-separated */
};

#endif
