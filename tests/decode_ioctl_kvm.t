#!/usr/bin/env bash
# KVM's requests as strace 6.1 prints them, and the results that are new fds
# (KVM_CREATE_VM, KVM_CREATE_VCPU, NS_GET_USERNS, NS_GET_PARENT) under -y and
# -yy: tests/progs/ioctl_calls_kvm.c makes the requests on fd -1 with every
# struct filled in, without /dev/kvm. Run as it is, each fails (what it brings
# in is shown); run under -e inject=ioctl:retval=0, each "succeeds" and what it
# gets back is printed from the program's own data, by both tools. Under
# -e inject=ioctl:retval=42 (an eventfd the program holds there) and 43
# (/dev/null), -y and -yy show the fd results as strace does, and 77 (closed) a
# bare number. Then the in-process backends print what ptrace prints.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
P=$PROGS/ioctl_calls_kvm
plan 17
# The ioctl lines, addresses (stack, mappings, heap) normalised; a run that
# printed none says so (and so differs from any other).
norm() {
  local lines
  lines=$(grep '^ioctl(' "$1" 2> /dev/null) || { echo "no ioctl lines in $1"; return; }
  sed -E 's/0x7[ef][0-9a-f]{10}/ADDR/g; s/0x5[56][0-9a-f]{10}/HEAP/g' <<< "$lines"
}

cases=("" "-e inject=ioctl:retval=0" "-v -e inject=ioctl:retval=0"
       "-X raw -e inject=ioctl:retval=0" "-X verbose -e inject=ioctl:retval=0"
       "-X verbose -v -e inject=ioctl:retval=0"
       "-e verbose=none -e inject=ioctl:retval=0"
       "-y -e inject=ioctl:retval=42" "-yy -e inject=ioctl:retval=42"
       "-yy -e inject=ioctl:retval=43" "-y -e inject=ioctl:retval=77"
       "-e raw=ioctl -y -e inject=ioctl:retval=42")
i=0
for opts in "${cases[@]}"; do
  i=$((i + 1))
  if ! command -v strace > /dev/null; then
    skip "strace is not installed: nothing to compare with"
    continue
  fi
  # shellcheck disable=SC2086
  strace $opts -e trace=ioctl -o "$t/s.out" "$P" > /dev/null 2>&1
  # shellcheck disable=SC2086
  "$SYSGATE" trace $opts -e trace=ioctl -o "$t/g$i.out" "$P" > /dev/null 2>&1
  is "$(diff <(norm "$t/s.out") <(norm "$t/g$i.out") | head -10)" "" \
    "${opts:-as it is}: KVM and nsfs lines as strace prints them"
done

"$SYSGATE" trace -e trace=ioctl -o "$t/p.out" "$P" > /dev/null 2>&1
norm "$t/p.out" > "$t/p.norm"
ok "$(grep -c . "$t/p.norm" | grep -qx 29 && echo y)" "every request traced"
# -v shows the CPUID entries, -y the fd results: what the backends capture
"$SYSGATE" trace -v -y -e inject=ioctl:retval=42 -e trace=ioctl -o "$t/pv.out" "$P" \
  > /dev/null 2>&1
norm "$t/pv.out" > "$t/pv.norm"
for b in sud rewrite; do
  extra=(); [ $b = rewrite ] && extra=(--allow-page0)
  if ! "$SYSGATE" trace --backend $b "${extra[@]}" -o "$t/probe" -- /bin/true 2> "$t/probe.err"; then
    skip "$b: $(head -1 "$t/probe.err")"
    skip "$b: $(head -1 "$t/probe.err")"
    continue
  fi
  "$SYSGATE" trace --backend $b "${extra[@]}" -e trace=ioctl -o "$t/$b.out" "$P" > /dev/null 2>&1
  is "$(norm "$t/$b.out")" "$(cat "$t/p.norm")" "$b: the same lines as ptrace"
  "$SYSGATE" trace --backend $b "${extra[@]}" -v -y -e inject=ioctl:retval=42 -e trace=ioctl \
    -o "$t/${b}v.out" "$P" > /dev/null 2>&1
  is "$(norm "$t/${b}v.out")" "$(cat "$t/pv.norm")" "$b: -v -y, injected: the same lines as ptrace"
done
