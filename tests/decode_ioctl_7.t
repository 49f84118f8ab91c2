#!/usr/bin/env bash
# The ioctl family of btrfs, as strace 6.1 prints it: tests/progs/ioctl_calls_7.c
# makes its requests on fd -1 with every struct filled in. Run as it is, each
# fails (what it brings in is shown); run under -e inject=ioctl:retval=0, each
# "succeeds" and what it gets back is printed from the program's own data, by
# both tools (-v adds the arrays, search results and paths; under -e
# verbose=none BALANCE_V2 still shows "0x... => 0x...", as strace does). Then
# the in-process backends print what ptrace prints.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
P=$PROGS/ioctl_calls_7
plan 10
# The ioctl lines, addresses normalised; a run that printed none says so (and
# so differs from any other).
norm() {
  local lines
  lines=$(grep '^ioctl(' "$1" 2> /dev/null) || { echo "no ioctl lines in $1"; return; }
  sed -E 's/0x7ff[0-9a-f]{6,}/ADDR/g; s/0x5[56][0-9a-f]{10}/HEAP/g' <<< "$lines"
}

cases=("" "-e inject=ioctl:retval=0" "-v -e inject=ioctl:retval=0"
       "-X raw -e inject=ioctl:retval=0" "-X verbose -e inject=ioctl:retval=0"
       "-e verbose=none -e inject=ioctl:retval=0")
i=0
for opts in "${cases[@]}"; do
  i=$((i + 1))
  if ! command -v strace > /dev/null; then
    skip "strace is not installed: nothing to compare with"
    continue
  fi
  # shellcheck disable=SC2086
  TZ=UTC strace $opts -e trace=ioctl -o "$t/s.out" "$P" > /dev/null 2>&1
  # shellcheck disable=SC2086
  TZ=UTC "$SYSGATE" trace $opts -e trace=ioctl -o "$t/g$i.out" "$P" > /dev/null 2>&1
  is "$(diff <(norm "$t/s.out") <(norm "$t/g$i.out") | head -10)" "" \
    "${opts:-as it is}: btrfs lines as strace prints them"
done

TZ=UTC "$SYSGATE" trace -e trace=ioctl -o "$t/p.out" "$P" > /dev/null 2>&1
norm "$t/p.out" > "$t/p.norm"
ok "$(grep -c . "$t/p.norm" | grep -qx 265 && echo y)" "every request traced"
for b in sud rewrite; do
  extra=(); [ $b = rewrite ] && extra=(--allow-page0)
  if ! "$SYSGATE" trace --backend $b "${extra[@]}" -o "$t/probe" -- /bin/true 2> "$t/probe.err"; then
    skip "$b: $(head -1 "$t/probe.err")"
    continue
  fi
  "$SYSGATE" trace --backend $b "${extra[@]}" -e trace=ioctl -o "$t/$b.out" "$P" > /dev/null 2>&1
  is "$(norm "$t/$b.out")" "$(cat "$t/p.norm")" "$b: the same lines as ptrace"
done
# In full (-v, every call succeeding), the arrays and search results the
# in-process backends copied are the ones ptrace reads.
TZ=UTC "$SYSGATE" trace -v -e inject=ioctl:retval=0 -e trace=ioctl -o "$t/pv.out" "$P" > /dev/null 2>&1
if "$SYSGATE" trace --backend sud -o "$t/probe" -- /bin/true 2> "$t/probe.err"; then
  TZ=UTC "$SYSGATE" trace --backend sud -v -e inject=ioctl:retval=0 -e trace=ioctl \
    -o "$t/sv.out" "$P" > /dev/null 2>&1
  is "$(norm "$t/sv.out")" "$(norm "$t/pv.out")" "sud, -v, injected: the same lines as ptrace"
else
  skip "sud: $(head -1 "$t/probe.err")"
fi
