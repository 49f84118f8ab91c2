#!/usr/bin/env bash
# sysgate vm: guests that succeed, guests that misbehave on purpose (Solo5's way),
# and malformed guest files. Every guest runs under the emulate engine, which works
# on every machine.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/.." && pwd)
hello=$root/build/release/guest/hello.elf
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
plan 37
V() { timeout 60 "$SYSGATE" vm "$@"; }

out=$(V --engine emulate "$hello" -- one two 2>"$t/err"); rc=$?
is "$out" "hello from the guest, ring 0
args: one two
SUCCESS" "hello runs in ring 0, gets its arguments, and its hypercall checks pass (bad pointers, unknown numbers, forward's allowlist)"
is "$rc" 7 "the monitor exits with the guest's exit code"
V --stats "$hello" > /dev/null 2> "$t/stats"
ok "$(grep -qE 'engine (emulate|kvm)' "$t/stats" && grep -qE 'hypercall write +6$' "$t/stats" &&
      grep -qE 'hypercall unknown +1$' "$t/stats" &&
      grep -qE 'boot: the first hypercall came [0-9]+ us after the monitor started' "$t/stats" &&
      echo y)" "--stats counts the hypercalls by kind, and times the boot"

# Misbehaving guests: one line naming what happened, a non-zero exit, no crash;
# a guest stopped by a fault is followed by its registers (DUMP-LINES of them).
misbehaves() {  # misbehaves HOW WANT-STATUS WANT-REGEX DUMP-LINES
  err=$(V --timeout 2 "$hello" -- "$1" 2>&1 >/dev/null); rc=$?
  ok "$([ $rc = "$2" ] && [ "$(wc -l <<<"$err")" = $((1 + $4)) ] &&
        head -1 <<<"$err" | grep -qE "$3" && { [ "$4" = 0 ] || grep -q '^  rip ' <<<"$err"; } &&
        echo y)" "guest '$1': $(head -1 <<<"$err") (rc $rc)"
}
misbehaves fault 1 "outside guest memory|triple fault" 6
misbehaves ud 1 "triple fault(: invalid opcode \(#UD\) \(vector 6\))? at rip 0x[0-9a-f]+" 6
misbehaves loop 124 "did not exit within 2000 ms" 0
misbehaves halt 1 "halted at rip 0x[0-9a-f]+ without an exit hypercall" 6

# Malformed guest files: one line, exit 126, never a crash.
bad_guest() {  # bad_guest FILE WANT-REGEX NAME
  err=$(V "$1" 2>&1 >/dev/null); rc=$?
  ok "$([ $rc = 126 ] && [ "$(wc -l <<<"$err")" = 1 ] && grep -qE "$2" <<<"$err" && echo y)" \
     "$3: $err (rc $rc)"
}
echo "not an elf" > "$t/text"
bad_guest "$t/text" "is not an ELF file" "a text file"
head -c 100 "$hello" > "$t/trunc"
bad_guest "$t/trunc" "program headers lie outside the file" "a truncated ELF"
bad_guest /bin/true "not a static executable" "a dynamic host program"
# Hostile headers, each from hello.elf with one field changed.
hostile() {  # hostile NAME PYTHON-EXPR-ON-(eh, ph) WANT-REGEX
  python3 - "$hello" "$t/$1" "$2" <<'PY'
import struct, sys
b = bytearray(open(sys.argv[1], "rb").read())
phoff = struct.unpack_from("<Q", b, 32)[0]
def ph(field, fmt, v, i=0):   # Elf64_Phdr fields: type 0, flags 4, offset 8, vaddr 16, paddr 24, filesz 32, memsz 40
    struct.pack_into(fmt, b, phoff + 56 * i + field, v)
def eh(field, fmt, v):
    struct.pack_into(fmt, b, field, v)
exec(sys.argv[3])
open(sys.argv[2], "wb").write(b)
PY
  bad_guest "$t/$1" "$3" "hostile ELF: $1"
}
hostile wrap-paddr 'ph(24, "<Q", 0xfffffffffffff000)' "lies outside guest memory"
hostile huge-memsz 'ph(40, "<Q", 1 << 62)' "lies outside guest memory"
hostile filesz-past-file 'ph(32, "<Q", 1 << 40)' "bytes lie outside the file"
hostile low-paddr 'ph(24, "<Q", 0x1000)' "lies outside guest memory"
hostile entry-outside 'eh(24, "<Q", 0x3f000000)' "entry 0x3f000000 is not in an executable segment"

err=$("$SYSGATE" vm --engine warp "$hello" 2>&1); rc=$?
is "$rc:$err" "2:sysgate vm: unknown engine 'warp'; use kvm, emulate or auto" "an unknown engine is a usage error"
# The kvm engine needs KVM with hardware virtualization (the CPU's vmx or svm);
# some machines here have a /dev/kvm without it (PVM), some none at all.
hw_kvm() { [ -c /dev/kvm ] && [ -r /dev/kvm ] && [ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo; }
err=$("$SYSGATE" vm --engine kvm "$hello" 2>&1); rc=$?
if hw_kvm; then skip "this machine has hardware-assisted KVM: --engine kvm does not fail here"
elif [ -e /dev/kvm ]; then
  is "$rc:$err" "1:sysgate: vm: --engine kvm: /dev/kvm is PVM here: no hardware virtualization (no vmx or svm flag); use --engine emulate or auto" \
     "--engine kvm on a /dev/kvm without hardware virtualization says why in one line"
else
  is "$rc:$err" "1:sysgate: vm: --engine kvm: cannot open /dev/kvm: No such file or directory (no KVM on this machine: use --engine emulate or auto)" \
     "--engine kvm without /dev/kvm says why in one line"
fi

out=$(V --demo 2>&1); rc=$?
ok "$([ $rc = 0 ] && [ "$(grep -c '^SUCCESS$' <<<"$out")" -ge 3 ] &&
      grep -q '^-- kernel -- kmem on engine emulate$' <<<"$out" &&
      grep -q 'kernel: killed the program; the kernel goes on' <<<"$out" &&
      grep -q '^-- unikernel on engine emulate$' <<<"$out" && grep -q '^  cpuid  *1$' <<<"$out" && echo y)" \
   "vm --demo runs the guest kernel, the unikernel and the trap guest, explained (rc $rc)"

# The trap guest: what reaches the monitor (cpuid, an out to a port with no device),
# what runs in the guest (rdtsc), and what the emulate engine does with an MSR no
# CPU has (real hardware faults; Unicorn returns a value: a known difference).
trap=$root/build/release/guest/trap.elf
out=$(V --engine emulate --stats "$trap" 2>"$t/tstats"); rc=$?
ok "$([ $rc = 0 ] && grep -q '^cpuid: the CPU says it is ' <<<"$out" &&
      grep -q '^rdtsc: counts up, read without leaving the guest$' <<<"$out" &&
      grep -qE '^  cpuid +1$' "$t/tstats" && grep -qE '^  out, no device +1$' "$t/tstats" &&
      tail -1 <<<"$out" | grep -qx SUCCESS && echo y)" \
   "trap guest: cpuid and an out to no device reach the monitor once each; rdtsc does not"
out=$(V --engine emulate "$trap" -- rdmsr 2>&1); rc=$?
ok "$(grep -q 'rdmsr did not fault' <<<"$out" && [ $rc = 0 ] && echo y)" \
   "emulate: rdmsr of an unknown MSR returns instead of faulting (rc $rc)"

# The disk: a host file given read only (--disk), read by the guest block by block.
cat=$root/build/release/guest/cat.elf
head -c 3000 /usr/share/common-licenses/GPL-3 > "$t/disk"
V --disk "$t/disk" "$cat" > "$t/read" 2>&1
ok "$(cmp -s "$t/read" "$t/disk" && echo y)" "--disk: the guest reads the file whole, through the disk hypercall"
out=$(V --disk "$t/disk" "$cat" -- bad 2>&1 | head -1)
is "$out" "disk: a buffer outside memory is refused (EFAULT)" "a disk read into a bad buffer is refused"
out=$(V "$cat" 2>&1); rc=$?
is "$rc:$out" "1:disk: there is no disk (give one with --disk FILE)" "without --disk the guest is told there is none"
err=$(V --disk "$t/none" "$cat" 2>&1); rc=$?
ok "$([ $rc = 1 ] && [ "$(wc -l <<<"$err")" = 1 ] && grep -q "cannot open the disk '$t/none'" <<<"$err" && echo y)" \
   "a missing disk file: one line ($err)"

# The guest kernel and its ring-3 program, and the unikernel running the same
# program in ring 0, under every engine the machine has; both engines must print
# the same lines.
kernel=$root/build/release/guest/kernel.elf uni=$root/build/release/guest/unikernel.elf
engines=emulate
if hw_kvm; then engines="emulate kvm"; fi
for e in emulate kvm; do
  if [[ " $engines " != *" $e "* ]]; then
    for i in 1 2 3 4 5; do skip "engine kvm: this machine has no hardware-assisted /dev/kvm"; done
    continue
  fi
  out=$(V --engine $e "$kernel" 2>&1); rc=$?
  echo "$out" > "$t/kernel.$e"
  is "$rc:$out" "0:kernel: ring 0 is set up (GDT, TSS, IDT, page tables, SYSCALL)
kernel: starting the program in ring 3
hello from the program
pid 1
the host says it is Linux
the clock moves forward
SUCCESS
kernel: the program ended with status 0; shutting down" "$e: the guest kernel runs its program in ring 3 and answers its syscalls"
  out=$(V --engine $e "$kernel" -- kmem 2>&1); rc=$?
  echo "$out" > "$t/kmem.$e"
  ok "$([ $rc = 139 ] && grep -qx 'kernel: the program caused a page fault (vector 14) at rip 0x[0-9a-f]*, address 0x0000000000100000' <<<"$out" &&
        grep -qx 'kernel: killed the program; the kernel goes on' <<<"$out" && ! grep -q FAILURE <<<"$out" && echo y)" \
     "$e: a program that reads kernel memory is killed by the kernel, not the VM (rc $rc)"
  out=$(V --engine $e "$kernel" -- priv 2>&1); rc=$?
  echo "$out" > "$t/priv.$e"
  ok "$([ $rc = 132 ] && grep -q 'the program caused a general protection fault (vector 13)' <<<"$out" && echo y)" \
     "$e: hlt in ring 3 is a general protection fault (rc $rc)"
  out=$(V --engine $e "$uni" 2>&1); rc=$?
  echo "$out" > "$t/uni.$e"
  is "$rc:$(tail -n +2 <<<"$out")" "0:$(sed '1,2d;$d' "$t/kernel.$e")" \
     "$e: the unikernel runs the same program, its system calls are calls"
  out=$(V --engine $e --stats "$kernel" -- bench 2000 2>&1 >/dev/null)
  ok "$(grep -qE "engine $e" <<<"$out" && echo y)" "$e: --stats names the engine"
done
if [ "$engines" = "emulate kvm" ]; then
  ok "$(for g in kernel kmem priv uni; do cmp -s "$t/$g.emulate" "$t/$g.kvm" || exit; done; echo y)" \
     "the two engines print the same lines for the same guest"
else
  skip "engine kvm: this machine has no hardware-assisted /dev/kvm (nothing to compare emulate with)"
fi
out=$(V --engine emulate --stats "$kernel" 2>&1 >/dev/null)
ok "$(grep -qE '^  translated blocks +[1-9]' <<<"$out" && grep -qE '^  ring transitions +[1-9]' <<<"$out" && echo y)" \
   "emulate --stats: translated blocks and the transitions the monitor performed"

# The bench rungs: every engine's rungs give numbers or say why not; a guest call
# is cheaper than a guest SYSCALL, which under kvm is cheaper than a hypercall.
"$SYSGATE" bench --smoke --only vm-call,vm-syscall,vm-cpuid,vm-hypercall,vm-boot,vm-emu-call,vm-emu-syscall,vm-emu-cpuid,vm-emu-hypercall,vm-emu-boot \
  --json "$t/vm.json" > /dev/null 2>&1
is "$(python3 - "$t/vm.json" <<'PY'
import json, sys
rows = {r["name"]: r for r in json.load(open(sys.argv[1]))["rungs"]}
bad = [n for n, r in rows.items() if not (r["status"] == "ok" and r["median_ns"] > 0
       or r["status"] == "skipped" and n.startswith("vm-") and "-emu-" not in n and "/dev/kvm" in r["note"])]
order = lambda *ns: all(rows[a]["median_ns"] < rows[b]["median_ns"] for a, b in zip(ns, ns[1:]))
if not order("vm-emu-call", "vm-emu-syscall"): bad.append("emulate: call >= syscall")
if rows["vm-call"]["status"] == "ok" and not order("vm-call", "vm-syscall", "vm-hypercall"):
    bad.append("kvm: not call < syscall < hypercall")
print("fine" if len(rows) == 10 and not bad else "bad: %s" % bad)
PY
)" fine "bench: the vm rungs of each engine measure, or say there is no /dev/kvm"
