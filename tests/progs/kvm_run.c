/* A tiny KVM guest for tests/decode_kvm_run.t: a VM with one page of memory at
 * the top of the first 4 GiB, where a vcpu starts (the x86 reset vector,
 * 0xfffffff0, in real mode), holding
 *     mov al, 'K'; out 0x10, al; hlt; hlt
 * The vcpu's struct kvm_run is mapped and KVM_RUN called until the first hlt:
 * an I/O exit, then a HLT exit. Then the struct is unmapped and KVM_RUN called
 * once more (the second hlt): a tracer that reads the exit reason from the
 * mapping finds none then. Exit status 77 when there is no usable /dev/kvm. */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define GUEST_PAGE 0xfffff000u /* the page holding the reset vector */
#define RESET_OFFSET 0xff0u    /* 0xfffffff0 in that page */
#define OUT_PORT 0x10

static const uint8_t guest_code[] = {
	0xb0, 'K',	/* mov al, 'K' */
	0xe6, OUT_PORT, /* out 0x10, al */
	0xf4,		/* hlt */
	0xf4,		/* hlt: where the last KVM_RUN goes on */
};

static int fail(const char *what)
{
	fprintf(stderr, "kvm_run: %s: %s\n", what, strerror(errno));
	return 1;
}

/* The VM's memory: one page with the code at the reset vector. */
static int give_memory(int vm)
{
	uint8_t *mem = mmap(NULL, 0x1000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			    -1, 0);
	struct kvm_userspace_memory_region region = { .slot = 0, .guest_phys_addr = GUEST_PAGE,
						      .memory_size = 0x1000 };

	if (mem == MAP_FAILED)
		return -1;
	memcpy(mem + RESET_OFFSET, guest_code, sizeof(guest_code));
	region.userspace_addr = (uintptr_t)mem;
	return ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region);
}

/* KVM_RUN until the guest halts; what it wrote to the port on stdout. */
static int run_until_hlt(int vcpu, struct kvm_run *run)
{
	for (int i = 0; i < 8; i++) {
		if (ioctl(vcpu, KVM_RUN, 0) < 0)
			return fail("KVM_RUN");
		if (run->exit_reason == KVM_EXIT_HLT)
			return 0;
		if (run->exit_reason != KVM_EXIT_IO || run->io.port != OUT_PORT) {
			fprintf(stderr, "kvm_run: unexpected exit reason %u\n", run->exit_reason);
			return 1;
		}
		printf("out %c\n", *((char *)run + run->io.data_offset));
	}
	fprintf(stderr, "kvm_run: the guest did not halt\n");
	return 1;
}

int main(void)
{
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC), vm, vcpu;
	long size;
	struct kvm_run *run;

	if (kvm < 0) {
		fprintf(stderr, "kvm_run: no usable /dev/kvm: %s\n", strerror(errno));
		return 77;
	}
	if (ioctl(kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
		return fail("KVM_GET_API_VERSION");
	if ((vm = ioctl(kvm, KVM_CREATE_VM, 0)) < 0)
		return fail("KVM_CREATE_VM");
	if (give_memory(vm) < 0)
		return fail("KVM_SET_USER_MEMORY_REGION");
	if ((vcpu = ioctl(vm, KVM_CREATE_VCPU, 0)) < 0)
		return fail("KVM_CREATE_VCPU");
	if ((size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0)) < (long)sizeof(*run))
		return fail("KVM_GET_VCPU_MMAP_SIZE");
	run = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		return fail("mmap of the vcpu");
	if (run_until_hlt(vcpu, run) != 0)
		return 1;
	fflush(stdout);
	/* No mapping of the vcpu left: its exit reason cannot be read. */
	munmap(run, (size_t)size);
	if (ioctl(vcpu, KVM_RUN, 0) < 0)
		return fail("KVM_RUN after munmap");
	return 0;
}
