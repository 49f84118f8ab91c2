#!/usr/bin/env bash
# The ioctl family of btrfs, as strace 6.1 prints it: tests/progs/ioctl_calls_7.c
# makes its requests on fd -1 with every struct filled in. Run as it is, each
# fails (what it brings in is shown); run under -e inject=ioctl:retval=0, each
# "succeeds" and what it gets back is printed from the program's own data, by
# both tools (-v adds the arrays, search results and paths; under -e
# verbose=none BALANCE_V2 still shows "0x... => 0x...", as strace does). Then
# the in-process backends print what ptrace prints.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ioctl.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
P=$PROGS/ioctl_calls_7
plan 10
IOCTL_NORM_EXTRA='s/0x5[56][0-9a-f]{10}/HEAP/g'
ioctl_vs_strace "btrfs"

ioctl_inproc_same 265
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
