#!/usr/bin/env bash
# ioctl as strace shows it: request names from the UAPI headers (and _IOC(...)
# for a number no header names), and the arguments of the common requests, on a
# pseudo-terminal, /dev/null, a file and a socket (tests/progs/ioctl_calls.c).
# The in-process backends must print what the ptrace backend prints.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ioctl.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
P=$PROGS/ioctl_calls
plan 6
# Addresses and the process group differ between runs; nothing else may.
norm() { grep '^ioctl(' "$1" | sed -E -e 's/0x[0-9a-f]{6,}/ADDR/g' -e 's/^(ioctl\([0-9]+, TIOCGPGRP, )\[[0-9]+\]/\1[PGRP]/'; }

"$SYSGATE" trace -e trace=ioctl -o "$t/sg.out" "$P" > /dev/null 2>&1
ok "$(grep -c '^ioctl(' "$t/sg.out" | awk '$1 >= 40')" "the program's ioctls are traced"
ok "$(grep -E '^ioctl\(4, _IOC\(_IOC_READ\|_IOC_WRITE, 0x12, 0x34, 0x8\), 0x[0-9a-f]+\) += -1 ENOTTY' "$t/sg.out")" \
  "an unknown request shows its _IOC fields"

if command -v strace > /dev/null; then
  strace -e trace=ioctl -o "$t/strace.out" "$P" > /dev/null 2>&1
  is "$(norm "$t/sg.out")" "$(norm "$t/strace.out")" "the same lines as strace"
  # A numbered request with an argument by value, a struct, an error.
  strace -e trace=ioctl -o "$t/strace.f" -f sh -c "$P" > /dev/null 2>&1
  "$SYSGATE" trace -e trace=ioctl -o "$t/sg.f" -f sh -c "$P" > /dev/null 2>&1
  is "$(norm "$t/sg.f" | sort)" "$(norm "$t/strace.f" | sort)" "the same lines as strace with -f"
else
  skip "strace is not installed: nothing to compare with"
  skip "strace is not installed: nothing to compare with"
fi

# The in-process backends snapshot at the call what the decoders read.
norm "$t/sg.out" > "$t/sg.norm"
ioctl_backends_same "$t/sg.norm"
