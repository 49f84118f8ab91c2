/* The requests of KVM (/dev/kvm, a VM's fd, a vcpu's fd) and those of namespace
 * files that return a new fd, on fd -1 with every struct filled in, for
 * tests/decode_ioctl_kvm.t: run as it is, each call fails with EBADF (what a
 * request brings in is shown); run under -e inject=ioctl:retval=0, each
 * "succeeds" without reaching the kernel, so what a request gets back is
 * printed from this data. Under -e inject=ioctl:retval=42 (or 43), the fd
 * results are fds this program has open: an eventfd on 42, /dev/null on 43.
 * Neither /dev/kvm nor a namespace is opened. */
#include <fcntl.h>
#include <linux/kvm.h>
#include <linux/nsfs.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

static void fill(void *p, size_t n, unsigned seed)
{
	unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(seed + i * 7);
}

static void system_calls(void)
{
	ioctl(-1, KVM_GET_API_VERSION, 0);
	ioctl(-1, KVM_CREATE_VM, 0);
	ioctl(-1, KVM_CREATE_VM, 0x2a);
	ioctl(-1, KVM_GET_VCPU_MMAP_SIZE, 0);
	ioctl(-1, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY);
	ioctl(-1, KVM_CREATE_VCPU, 0);
	ioctl(-1, KVM_CREATE_VCPU, 3);
	ioctl(-1, KVM_CREATE_VCPU, 0x100000005ul); /* the id is 32 bits */
	ioctl(-1, KVM_CREATE_VCPU, 0xfffffffful);
	ioctl(-1, KVM_RUN, 0);
}

static void regs_calls(void)
{
	struct kvm_regs regs;
	struct kvm_sregs sregs;

	fill(&regs, sizeof(regs), 1);
	ioctl(-1, KVM_SET_REGS, &regs);
	ioctl(-1, KVM_GET_REGS, &regs);
	ioctl(-1, KVM_SET_REGS, NULL);
	ioctl(-1, KVM_GET_REGS, NULL);

	fill(&sregs, sizeof(sregs), 3);
	sregs.cs = (struct kvm_segment){ .base = 0xffff0000, .limit = 0xffff, .selector = 0xf000,
					 .type = 11, .present = 1, .dpl = 0, .db = 0, .s = 1,
					 .l = 0, .g = 0, .avl = 0 };
	sregs.gdt = (struct kvm_dtable){ .base = 0x1000, .limit = 0x27 };
	sregs.cr0 = 0x60000010;
	ioctl(-1, KVM_SET_SREGS, &sregs);
	ioctl(-1, KVM_GET_SREGS, &sregs);
	ioctl(-1, KVM_SET_SREGS, NULL);
	ioctl(-1, KVM_GET_SREGS, NULL);
}

static void cpuid_calls(void)
{
	struct kvm_cpuid2 *c = malloc(sizeof(*c) + 3 * sizeof(struct kvm_cpuid_entry2));
	long page = sysconf(_SC_PAGESIZE);
	unsigned char *pages;

	if (!c)
		return;
	c->nent = 3;
	c->padding = 0;
	fill(c->entries, 3 * sizeof(c->entries[0]), 5);
	c->entries[0].flags = 0;
	c->entries[1].flags = KVM_CPUID_FLAG_SIGNIFCANT_INDEX;
	c->entries[2].flags = KVM_CPUID_FLAG_STATEFUL_FUNC | KVM_CPUID_FLAG_STATE_READ_NEXT | 0x10;
	ioctl(-1, KVM_SET_CPUID2, c);
	ioctl(-1, KVM_GET_SUPPORTED_CPUID, c);
	ioctl(-1, KVM_GET_EMULATED_CPUID, c);
	c->nent = 0;
	ioctl(-1, KVM_SET_CPUID2, c);
	ioctl(-1, KVM_GET_SUPPORTED_CPUID, c);
	ioctl(-1, KVM_SET_CPUID2, NULL);
	ioctl(-1, KVM_GET_EMULATED_CPUID, NULL);
	free(c);

	/* entries that run into an unreadable page: one whole entry readable */
	pages = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pages == MAP_FAILED)
		return;
	munmap(pages + page, page);
	c = (struct kvm_cpuid2 *)(pages + page - sizeof(*c) - sizeof(c->entries[0]) - 4);
	c->nent = 2;
	c->padding = 0;
	fill(c->entries, sizeof(c->entries[0]), 9);
	c->entries[0].flags = 1;
	ioctl(-1, KVM_SET_CPUID2, c);
	/* the header itself unreadable */
	ioctl(-1, KVM_SET_CPUID2, pages + page - 4);
	munmap(pages, page);
}

static void nsfs_calls(void)
{
	ioctl(-1, NS_GET_USERNS);
	ioctl(-1, NS_GET_PARENT);
}

int main(void)
{
	int e = eventfd(0, 0), n = open("/dev/null", O_RDONLY);

	if (e < 0 || n < 0 || dup2(e, 42) != 42 || dup2(n, 43) != 43)
		return 1;
	system_calls();
	regs_calls();
	cpuid_calls();
	nsfs_calls();
	return 0;
}
