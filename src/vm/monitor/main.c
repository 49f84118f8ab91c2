/* sg-vm, the monitor behind `sysgate vm`: options, the guest's memory, the
 * engine, the run. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/util.h"
#include "vm/vm.h"
#include "vm_int.h"

static const char usage[] =
	"usage: sysgate vm [--engine kvm|emulate|auto] [--mem MIB] [--disk FILE] [--timeout SEC] [--stats]\n"
	"                  GUEST.elf [-- GUEST ARGS...]\n"
	"\n"
	"Run a freestanding 64-bit guest (a static ELF) in a tiny monitor: one vCPU in\n"
	"long mode, its memory, and hypercalls (console, exit, time, random; see\n"
	"docs/vm.md). The exit status is the guest's exit code.\n"
	"  --engine E   the CPU: kvm (hardware assist, /dev/kvm), emulate (a binary\n"
	"               translator, Unicorn: every machine); auto: kvm when /dev/kvm\n"
	"               opens, else emulate (default)\n"
	"  --mem MIB    guest memory, 2 to 1024 MiB (default 64)\n"
	"  --disk FILE  give the guest FILE, read only, through the disk hypercall\n"
	"  --timeout S  stop a guest that has not exited after S seconds (exit 124)\n"
	"  --stats      print exits and hypercalls by kind on stderr\n"
	"  --demo       the guest kernel, the unikernel and the trap guest under each\n"
	"               engine this machine has, explained (what sysgate demo shows)\n";

static long number_arg(const char *opt, const char *v, long lo, long hi)
{
	long n;

	if (!v || sg_parse_long(v, &n) < 0 || n < lo || n > hi)
		sg_usage_error("vm", "%s takes a number from %ld to %ld", opt, lo, hi);
	return n;
}

static void join_args(struct vm_opts *o, int argc, char **argv, int i)
{
	size_t used = 0;

	for (; i < argc; i++) {
		int n = snprintf(o->cmdline + used, sizeof(o->cmdline) - used, "%s%s",
				 used ? " " : "", argv[i]);
		if (n < 0 || (size_t)n >= sizeof(o->cmdline) - used)
			sg_usage_error("vm", "the guest's arguments are longer than %d bytes",
				       SG_VM_CMDLINE_MAX - 1);
		used += (size_t)n;
	}
}

static void parse(struct vm_opts *o, int argc, char **argv)
{
	*o = (struct vm_opts){ .engine = "auto", .mem_mib = 64 };
	int i;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--") == 0) {
			join_args(o, argc, argv, i + 1);
			break;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(usage, stdout);
			exit(0);
		} else if (strcmp(a, "--stats") == 0) {
			o->stats = true;
		} else if (strcmp(a, "--demo") == 0) {
			o->demo = true;
		} else if (strcmp(a, "--disk") == 0 && v) {
			o->disk = argv[++i];
		} else if (strcmp(a, "--engine") == 0 && v) {
			o->engine = argv[++i];
		} else if (strcmp(a, "--mem") == 0) {
			o->mem_mib = number_arg(a, v, 2, 1024), i++;
		} else if (strcmp(a, "--timeout") == 0) {
			o->timeout_s = number_arg(a, v, 1, 86400), i++;
		} else if (a[0] == '-') {
			sg_usage_error("vm", "unknown option '%s'; see 'sysgate help vm'", a);
		} else if (!o->guest) {
			o->guest = a;
		} else {
			sg_usage_error("vm", "unexpected '%s'; the guest's own arguments go after '--'", a);
		}
	}
	if (!o->guest && !o->demo)
		sg_usage_error("vm", "no guest; usage: sysgate vm [OPTIONS] GUEST.elf [-- ARGS]");
}

/* auto: the hardware when KVM has it, else the software CPU. */
const struct vm_engine_ops *vm_pick_engine(const char *name, const char **why)
{
	*why = "";
	if (strcmp(name, "emulate") == 0)
		return &vm_engine_emulate;
	if (strcmp(name, "kvm") == 0)
		return &vm_engine_kvm;
	if (strcmp(name, "auto") != 0)
		sg_usage_error("vm", "unknown engine '%s'; use kvm, emulate or auto", name);
	static char because[160];
	const char *no = sg_vm_kvm_unusable();

	if (!no) {
		*why = " (auto: hardware-assisted /dev/kvm)";
		return &vm_engine_kvm;
	}
	snprintf(because, sizeof(because), " (auto: %s)", no);
	*why = because;
	return &vm_engine_emulate;
}

static void print_kvm_stats(const struct vm *vm)
{
	const struct vm_stats *st = &vm->stats;

	if (vm->ops != &vm_engine_kvm)
		return;
	if (!st->kvm_traced) {
		fprintf(stderr, "  exits KVM handled in the host kernel: not counted (needs the "
				"kvm:kvm_exit tracepoint and perf events)\n");
		return;
	}
	fprintf(stderr, "  exits KVM handled in the host kernel: %llu (of %llu in all)\n",
		st->kvm_exits > st->exits ? st->kvm_exits - st->exits : 0, st->kvm_exits);
	for (int i = 0; i < VM_KVM_REASONS; i++)
		if (st->kvm_by_reason[i])
			fprintf(stderr, "    kvm_exit %-8s %llu\n", vm_kvm_reason_name(i),
				st->kvm_by_reason[i]);
}

static void print_stats(const struct vm *vm, const char *why)
{
	static const char *const names[] = { "write", "exit", "time", "random", "disk read",
					     "forward", "unknown" };

	unsigned long long mon = vm->stats.monitor_ns, run = vm->stats.run_ns;

	fprintf(stderr, "sysgate vm: engine %s%s; %llu exits to the monitor; %.3f ms run: "
			"%.3f ms in the guest (and the engine), %.3f ms in hypercall handlers\n",
		vm->ops->name, why, vm->stats.exits, run / 1e6, (run > mon ? run - mon : 0) / 1e6,
		mon / 1e6);
	if (vm->stats.first_hc_ns)
		fprintf(stderr, "  boot: the first hypercall came %.0f us after the monitor started\n",
			(vm->stats.first_hc_ns - vm->stats.start_ns) / 1e3);
	if (vm->stats.blocks)
		fprintf(stderr, "  translated blocks %llu\n", vm->stats.blocks);
	if (vm->stats.transitions)
		fprintf(stderr, "  ring transitions  %llu (SYSCALLs and traps the monitor performed)\n",
			vm->stats.transitions);
	if (vm->stats.cpuid)
		fprintf(stderr, "  cpuid            %llu\n", vm->stats.cpuid);
	if (vm->stats.io_unassigned)
		fprintf(stderr, "  out, no device   %llu\n", vm->stats.io_unassigned);
	for (int i = 0; i <= SG_VM_HC_COUNT; i++)
		if (vm->stats.hypercalls[i])
			fprintf(stderr, "  hypercall %-8s %llu\n", names[i], vm->stats.hypercalls[i]);
	print_kvm_stats(vm);
}

/* Load, boot, run: 0 or -errno with vm->err. */
static int boot_and_run(struct vm *vm, const struct vm_opts *o, const char *guest,
			const char *cmdline)
{
	uint64_t entry, end;
	int rc = vm_load_elf(vm, guest, &entry, &end);

	if (rc == 0)
		rc = vm_boot_tables(vm, end, cmdline);
	if (rc == 0)
		rc = vm->ops->open(vm, entry, vm->mem_size);
	vm->opened = rc == 0;
	unsigned long long t0 = sg_now_ns();
	if (rc == 0)
		rc = vm->ops->run(vm, o->timeout_s * 1000);
	vm->stats.run_ns = sg_now_ns() - t0;
	if (rc == -EFAULT) {
		vm->ops->regs(vm, &vm->fault_regs);
		vm->dumped = true;
	}
	vm->ops->close(vm);
	return rc;
}

/* The exit status for a run that failed: the line, the registers if any. */
static int failed(const struct vm *vm, int rc)
{
	sg_error("vm: %s", vm->err);
	if (vm->dumped)
		vm_dump_regs(&vm->fault_regs);
	return rc == -ETIMEDOUT ? 124 : rc == -ENOEXEC || rc == -EFBIG ? 126 : 1;
}

int vm_run_guest(const struct vm_opts *o, const struct vm_engine_ops *ops, const char *why,
		 const char *guest, const char *cmdline)
{
	struct vm vm = { .stats.start_ns = sg_now_ns(), .ops = ops, .disk_fd = -1 };

	if (o->disk && (vm.disk_fd = open(o->disk, O_RDONLY | O_CLOEXEC)) < 0)
		sg_die("vm: cannot open the disk '%s': %s", o->disk, strerror(errno));
	vm.mem_size = (uint64_t)o->mem_mib << 20;
	vm.mem = mmap(NULL, vm.mem_size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (vm.mem == MAP_FAILED)
		sg_die("vm: cannot allocate %ld MiB of guest memory: %s", o->mem_mib, strerror(errno));
	fflush(stdout);
	int rc = boot_and_run(&vm, o, guest, cmdline);
	fflush(stdout);
	if (o->stats && vm.opened)
		print_stats(&vm, why);
	munmap(vm.mem, vm.mem_size);
	if (vm.disk_fd >= 0)
		close(vm.disk_fd);
	return rc < 0 ? failed(&vm, rc) : vm.exit_code;
}

int main(int argc, char **argv)
{
	struct vm_opts o;
	const char *why;

	parse(&o, argc, argv);
	if (o.demo)
		return vm_demo(&o);
	const struct vm_engine_ops *ops = vm_pick_engine(o.engine, &why);
	return vm_run_guest(&o, ops, why, o.guest, o.cmdline);
}
