/* Internal to src/vm: the monitor, its guest memory and its engines. */
#ifndef SG_VM_INT_H
#define SG_VM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/abi.h"

struct vm;

/* The vCPU's registers, for the dump after a fault the guest could not take. */
struct vm_regs {
	uint64_t gpr[16]; /* rax rbx rcx rdx rsi rdi rbp rsp r8..r15 */
	uint64_t rip, rflags, cr0, cr2, cr3, cr4, efer;
	uint16_t cs, ss;
};

/* A CPU engine: everything else in the monitor is the same for all of them.
 * open prepares a vCPU over vm->mem in 64-bit long mode (the tables boot.c
 * wrote), entry at rip with rdi = boot info; run executes until the guest exits
 * or fails. All return 0 or -errno, with a line in vm->err. */
struct vm_engine_ops {
	const char *name;
	int (*open)(struct vm *vm, uint64_t rip, uint64_t rsp);
	int (*run)(struct vm *vm, long timeout_ms); /* 0: no limit */
	void (*close)(struct vm *vm);
	void (*regs)(struct vm *vm, struct vm_regs *r);
};

extern const struct vm_engine_ops vm_engine_emulate;
extern const struct vm_engine_ops vm_engine_kvm;

#define VM_KVM_REASONS 5

struct vm_stats {
	unsigned long long hypercalls[SG_VM_HC_COUNT + 1]; /* the last: unknown numbers */
	unsigned long long exits;
	unsigned long long cpuid;	    /* cpuid instructions that reached the monitor */
	unsigned long long io_unassigned; /* `out` to a port that is not a hypercall */
	unsigned long long blocks;	  /* emulate: guest code blocks translated */
	unsigned long long transitions;   /* emulate: SYSCALLs and traps it performed */
	bool kvm_traced;		  /* kvm: the kvm_exit tracepoint counted */
	unsigned long long kvm_exits;	  /* kvm: every exit, in the host kernel or to us */
	unsigned long long kvm_by_reason[VM_KVM_REASONS];
	unsigned long long start_ns;   /* the monitor's main() */
	unsigned long long first_hc_ns; /* the guest's first hypercall, or 0 */
	unsigned long long run_ns;     /* the engine's run, start to end */
	unsigned long long monitor_ns; /* of which in hypercall handlers */
};

struct vm {
	uint8_t *mem;
	uint64_t mem_size;
	const struct vm_engine_ops *ops;
	void *engine; /* the engine's own state */
	int disk_fd; /* --disk, read only; -1 without */
	bool exited;
	int exit_code;
	struct vm_stats stats;
	struct vm_regs fault_regs; /* read when the guest stopped on a fault */
	bool dumped;
	bool opened; /* the engine started: --stats has a run to tell of */
	char err[512];
};

/* mem.c: the one checked accessor for guest addresses: a host pointer to len
 * bytes at guest-physical gpa, or NULL when any byte lies outside memory (no
 * overflow, no wrap). */
void *vm_gpa(struct vm *vm, uint64_t gpa, uint64_t len);
/* The same for a struct the monitor reads as such: also aligned to align. */
void *vm_gpa_aligned(struct vm *vm, uint64_t gpa, uint64_t len, uint64_t align);
int vm_fail(struct vm *vm, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* elf.c: load a static ELF64 x86-64 executable into guest memory; its entry to
 * *entry and its end to *end. 0 or -errno with vm->err. */
int vm_load_elf(struct vm *vm, const char *path, uint64_t *entry, uint64_t *end);

/* boot.c: the GDT, identity page tables and boot info; the first free address
 * below 1 MiB that the guest may not load over. */
#define VM_LOW_END 0x100000ull
int vm_boot_tables(struct vm *vm, uint64_t kernel_end, const char *cmdline);
/* The control registers and segments the tables need (for the engines). */
#define VM_GDT 0x500ull
#define VM_PML4 0x1000ull
#define VM_CS 0x08
#define VM_DS 0x10

/* kvm_exits.c: the exits KVM handled in the host kernel (kvm:kvm_exit). */
struct vm_kvm_exits;
struct vm_kvm_exits *vm_kvm_exits_open(void); /* NULL when it cannot count */
void vm_kvm_exits_start(struct vm_kvm_exits *x);
void vm_kvm_exits_stop(struct vm_kvm_exits *x, struct vm_stats *st);
void vm_kvm_exits_close(struct vm_kvm_exits *x);
const char *vm_kvm_reason_name(int i);

/* main.c: the options, and one guest run start to end (the exit status the
 * monitor gives: the guest's code, 124 for a timeout, 126 for a bad ELF, 1). */
struct vm_opts {
	const char *guest, *engine, *disk;
	long mem_mib, timeout_s;
	bool stats, demo;
	char cmdline[SG_VM_CMDLINE_MAX];
};
const struct vm_engine_ops *vm_pick_engine(const char *name, const char **why);
int vm_run_guest(const struct vm_opts *o, const struct vm_engine_ops *ops, const char *why,
		 const char *guest, const char *cmdline);
/* demo.c: --demo; 0 when every step did what it shows. */
int vm_demo(const struct vm_opts *o);

/* dump.c: the registers, as kvmtool and Solo5 print them after a fault. */
void vm_dump_regs(const struct vm_regs *r);

/* hypercall.c: handle an `out` to port with value; false when port is not ours. */
bool vm_hypercall(struct vm *vm, uint16_t port, uint32_t value);

#endif
