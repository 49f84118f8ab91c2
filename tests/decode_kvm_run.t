#!/usr/bin/env bash
# -e kvm=vcpu (--kvm=vcpu): after a successful KVM_RUN, the reason the vcpu
# exited, read from the struct kvm_run the process mapped for it, as strace 6.1
# prints it: "ioctl(5, KVM_RUN, 0) = 0 (KVM_EXIT_HLT)".
#  1-9:   the option: accepted where strace accepts it, else one line; refused
#         by the in-process backends, and auto picks ptrace for it.
#  10-12: nothing changes for the other ioctls, nor for a KVM_RUN whose fd is no
#         vcpu's (no mapping: the result alone, as strace).
#  13-19: with /dev/kvm, tests/progs/kvm_run.c's tiny guest (an I/O exit, a HLT
#         exit, then a KVM_RUN with the mapping gone) traced by strace and by
#         sysgate, with and without the option. Skipped without a usable device.
# Where the lines differ on purpose: none. (Under -y, the fds KVM_CREATE_VM and
# KVM_CREATE_VCPU return are shown with their paths by both.)
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
plan 19

# usage_err WANT -- ARGS: exit 2 and one line saying so.
usage_err() {
  local want=$1; shift 2
  err=$("$SYSGATE" "$@" 2>&1 >/dev/null); rc=$?
  is "$rc:$err" "2:$want" "$*: exit 2, one line"
}
usage_err "sysgate trace: invalid -e kvm= argument 'foo'; the one there is: vcpu" -- trace -e kvm=foo true
usage_err "sysgate trace: invalid -e kvm= argument ''; the one there is: vcpu" -- trace --kvm= true
usage_err "sysgate trace: invalid -e kvm= argument 'vcpu,vcpu'; the one there is: vcpu" -- trace -e kvm=vcpu,vcpu true
for b in sud rewrite; do
  usage_err "sysgate trace: -e kvm=vcpu needs --backend ptrace (or auto): it reads the vcpu's struct kvm_run in the stopped process" \
    -- trace --backend $b -e kvm=vcpu true
done
is "$("$SYSGATE" trace -e kvm=vcpu -e trace=none true 2>&1; echo "rc=$?")" "+++ exited with 0 +++
rc=0" "-e kvm=vcpu is accepted"
is "$("$SYSGATE" trace --kvm=vcpu -e trace=none true 2>&1; echo "rc=$?")" "+++ exited with 0 +++
rc=0" "--kvm=vcpu is accepted"
ok "$("$SYSGATE" trace --backend auto -e kvm=vcpu -e trace=none true 2>&1 |
     grep -Fx 'sysgate: trace: backend ptrace (-e kvm=vcpu reads the vcpu'"'"'s struct kvm_run, which only ptrace can do)')" \
   "--backend auto: ptrace, and why"
if command -v strace > /dev/null; then
  # The values strace takes are the values sysgate takes.
  verdicts() {
    for v in vcpu foo "" all vcpu,vcpu VCPU; do
      "$@" -e "kvm=$v" -e trace=none true > /dev/null 2>&1 && echo "$v yes" || echo "$v no"
    done
  }
  is "$(verdicts "$SYSGATE" trace)" "$(verdicts strace)" "the values strace accepts, and only those"
else
  skip "strace is not installed: nothing to compare with"
fi

# Other ioctls: the same lines with and without the option (addresses aside).
norm() { grep '^ioctl(' "$1" | sed -E 's/0x7f[0-9a-f]{8,}/ADDR/g'; }
P=$PROGS/ioctl_calls_2
"$SYSGATE" trace -e trace=ioctl -o "$t/plain.out" "$P" > /dev/null 2>&1
"$SYSGATE" trace -e kvm=vcpu -e trace=ioctl -o "$t/kvm.out" "$P" > /dev/null 2>&1
ok "$([ "$(norm "$t/plain.out" | wc -l)" -gt 50 ] && diff <(norm "$t/plain.out") <(norm "$t/kvm.out") && echo y)" \
   "ioctl_calls_2: every ioctl line the same under -e kvm=vcpu"
# KVM_RUN made to succeed on fd -1 (injected): no vcpu, no mapping, the result alone.
"$SYSGATE" trace -e kvm=vcpu -e trace=ioctl -e inject=ioctl:retval=0 -o "$t/inj.out" "$P" > /dev/null 2>&1
ok "$(grep -Fx 'ioctl(-1, KVM_RUN, 0)                   = 0 (INJECTED)' "$t/inj.out")" \
   "a KVM_RUN that is no vcpu's: the result alone"
if command -v strace > /dev/null; then
  strace -e kvm=vcpu -e trace=ioctl -e inject=ioctl:retval=0 -o "$t/sinj.out" "$P" > /dev/null 2>&1
  is "$(norm "$t/inj.out" | grep KVM_)" "$(norm "$t/sinj.out" | grep KVM_)" \
     "injected KVM requests under -e kvm=vcpu: the lines strace prints"
else
  skip "strace is not installed: nothing to compare with"
fi

# The guest, on a real device.
K=$PROGS/kvm_run
"$K" > "$t/run.stdout" 2> "$t/run.err"; rc=$?
if [ ! -c /dev/kvm ] || [ $rc = 77 ]; then
  for i in $(seq 7); do skip "no /dev/kvm"; done
  exit 0
fi
is "$rc:$(cat "$t/run.stdout")" "0:out K" "the guest runs: it writes K to its port, then halts"
"$SYSGATE" trace -e kvm=vcpu -e trace=ioctl -o "$t/g.out" "$K" > /dev/null 2>&1
is "$(grep -c 'KVM_RUN' "$t/g.out"):$(grep 'KVM_RUN' "$t/g.out" | sed -E 's/.*= //' | tr '\n' ' ')" \
   "3:0 (KVM_EXIT_IO) 0 (KVM_EXIT_HLT) 0 " \
   "sysgate: the I/O exit, the HLT exit, then (no mapping) the result alone"
if ! command -v strace > /dev/null; then
  for i in $(seq 5); do skip "strace is not installed: nothing to compare with"; done
  exit 0
fi
strace -e kvm=vcpu -e trace=ioctl -o "$t/s.out" "$K" > /dev/null 2>&1
is "$(norm "$t/g.out")" "$(norm "$t/s.out")" "-e kvm=vcpu: every ioctl line as strace prints it"
"$SYSGATE" trace -e trace=ioctl -o "$t/g0.out" "$K" > /dev/null 2>&1
strace -e trace=ioctl -o "$t/s0.out" "$K" > /dev/null 2>&1
is "$(norm "$t/g0.out")" "$(norm "$t/s0.out")" "without it: every ioctl line as strace prints it"
ok "$(! grep -q KVM_EXIT "$t/g0.out" && echo y)" "without it: no exit reason"
"$SYSGATE" trace -y -e kvm=vcpu -e trace=ioctl -o "$t/gy.out" "$K" > /dev/null 2>&1
strace -y -e kvm=vcpu -e trace=ioctl -o "$t/sy.out" "$K" > /dev/null 2>&1
is "$(norm "$t/gy.out")" "$(norm "$t/sy.out")" \
   "-y -e kvm=vcpu: every ioctl line as strace prints it (the VM's and vcpu's fds with their paths)"
ok "$(grep -E '^ioctl\([0-9]+<anon_inode:kvm-vcpu:0>, KVM_RUN, 0\) += 0 \(KVM_EXIT_HLT\)$' "$t/gy.out")" \
   "-y: ioctl(N<anon_inode:kvm-vcpu:0>, KVM_RUN, 0) = 0 (KVM_EXIT_HLT)"
