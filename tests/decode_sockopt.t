#!/usr/bin/env bash
# getsockopt and setsockopt decoded as strace decodes them: the same program
# (tests/progs/sockopt_calls.c: options set and read on loopback TCP, UDP, IPv6,
# UNIX and netlink sockets) under strace and under sysgate trace, the same lines
# once addresses and pids are normalised; then the in-process backends (sud,
# rewrite) print what the ptrace backend prints.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
P=$PROGS/sockopt_calls
SET=(-e trace=getsockopt,setsockopt)
plan 5
norm() { sed -E -e 's/0x[0-9a-f]{6,}/ADDR/g' -e 's/pid=[0-9]+/pid=PID/' "$1"; }

if command -v strace > /dev/null; then
  strace "${SET[@]}" -o "$t/strace.out" "$P" > /dev/null 2>&1
  "$SYSGATE" trace "${SET[@]}" -o "$t/sg.out" "$P" > /dev/null 2>&1
  is "$(norm "$t/sg.out")" "$(norm "$t/strace.out")" "values, lengths and names as strace prints them"
  ok "$([ "$(grep -c 'etsockopt(' "$t/sg.out")" -gt 50 ] && echo y)" "the compared trace holds the program's calls"
  strace "${SET[@]}" -o "$t/names.strace" "$P" names > /dev/null 2>&1
  "$SYSGATE" trace "${SET[@]}" -o "$t/names.sg" "$P" names > /dev/null 2>&1
  is "$(diff "$t/names.strace" "$t/names.sg" | head -20)" "" \
     "every option 0..300 of the named levels, and unknown levels, named as strace names them"
else
  for i in 1 2 3; do skip "strace is not installed: nothing to compare with"; done
fi

# The in-process backends read the snapshot taken at the call; only a kernel
# without Syscall User Dispatch is a reason to skip.
"$SYSGATE" trace "${SET[@]}" --backend ptrace -o "$t/ptrace.out" "$P" > /dev/null 2>&1
if ! "$SYSGATE" trace --backend sud -o "$t/probe" -- /bin/true 2> "$t/probe.err" &&
   grep -q 'no Syscall User Dispatch' "$t/probe.err"; then
  skip "$(head -1 "$t/probe.err")"; skip "$(head -1 "$t/probe.err")"
  exit 0
fi
for b in sud rewrite; do
  extra=(); [ $b = rewrite ] && extra=(--allow-page0)
  "$SYSGATE" trace "${SET[@]}" --backend $b "${extra[@]}" -o "$t/$b.out" "$P" > /dev/null 2>&1
  # (the exit line is the ptrace backend's own; the calls are compared)
  is "$(norm "$t/$b.out" | grep 'etsockopt(')" "$(norm "$t/ptrace.out" | grep 'etsockopt(')" \
     "$b: the same lines as the ptrace backend"
done
