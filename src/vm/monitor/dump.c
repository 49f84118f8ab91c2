/* The register dump after a fault the guest could not take (a triple fault):
 * what a kernel developer needs to find it, on stderr. */
#include <stdio.h>

#include "vm_int.h"

void vm_dump_regs(const struct vm_regs *r)
{
	static const char *const names[16] = { "rax", "rbx", "rcx", "rdx", "rsi", "rdi",
					       "rbp", "rsp", "r8",  "r9",  "r10", "r11",
					       "r12", "r13", "r14", "r15" };

	for (int i = 0; i < 16; i++)
		fprintf(stderr, "  %-3s %016llx%s", names[i], (unsigned long long)r->gpr[i],
			i % 4 == 3 ? "\n" : "");
	fprintf(stderr, "  rip %016llx  rflags %016llx  cs %04x  ss %04x\n",
		(unsigned long long)r->rip, (unsigned long long)r->rflags, r->cs, r->ss);
	fprintf(stderr, "  cr0 %016llx  cr2 %016llx  cr3 %016llx  cr4 %016llx  efer %llx\n",
		(unsigned long long)r->cr0, (unsigned long long)r->cr2, (unsigned long long)r->cr3,
		(unsigned long long)r->cr4, (unsigned long long)r->efer);
}
