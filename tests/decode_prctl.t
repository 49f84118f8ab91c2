#!/usr/bin/env bash
# The prctl decoder against strace: tests/progs/prctl_calls issues prctl with each
# option the decoder knows (names, signals, capabilities, outputs written by the
# kernel, named results, unknown values) under strace and under sysgate trace; the
# lines must be the same once what differs between two runs (pids, addresses) is
# normalised. The in-process backends (sud, rewrite) decode from what they copied
# at the call, and must print the same as ptrace.
. "$(dirname "$0")/lib.sh"

t=$(mktemp -d "${TMPDIR:-/tmp}/sysgate-prctl.XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
P=$PROGS/prctl_calls
MINADDR=/proc/sys/vm/mmap_min_addr
plan 7

norm() {
  sed -E -e 's/^[0-9]+ +//' -e 's/0x[0-9a-f]{6,}/ADDR/g' -e 's/si_pid=[0-9]+/si_pid=N/' "$1"
}
prctl_lines() { norm "$1" | grep '^prctl('; }

"$SYSGATE" trace -f -e trace=prctl -o "$t/ptrace" -- "$P" > "$t/ptrace.out" 2>&1
is "$(cat "$t/ptrace.out")" "prctl calls done" "the program runs to its end under sysgate trace"
n=$(prctl_lines "$t/ptrace" | sed -E 's/^prctl\(([A-Z_]+|0x[0-9a-f]+).*/\1/' | sort -u | wc -l)
ok "$([ "$n" -ge 40 ] && echo 1)" "$n different prctl options decoded (>= 40)"

if command -v strace > /dev/null; then
  strace -f -e trace=prctl -o "$t/strace" -- "$P" > /dev/null 2>&1
  is "$(norm "$t/ptrace")" "$(norm "$t/strace")" "ptrace backend: every line as strace prints it"
else
  skip "strace is not installed: nothing to compare with"
fi

# Only a kernel without Syscall User Dispatch is a reason to skip the in-process
# backends; any other failure of the probe fails the tests below.
if ! "$SYSGATE" trace --backend sud -o "$t/probe" -- /bin/true 2>"$t/probe.err" &&
   grep -q 'no Syscall User Dispatch' "$t/probe.err"; then
  for i in 1 2 3 4; do skip "$(head -1 "$t/probe.err")"; done
  exit 0
fi
"$SYSGATE" trace -f --backend sud -e trace=prctl -o "$t/sud" -- "$P" > /dev/null 2>&1
ok "$(prctl_lines "$t/sud" | grep -c .)" "sud backend: the trace has prctl calls"
is "$(prctl_lines "$t/sud")" "$(prctl_lines "$t/ptrace")" "sud backend: the same prctl lines as ptrace"

if [ "$(id -u)" != 0 ]; then
  skip "rewrite needs root (--allow-page0)"; skip "rewrite needs root"
  exit 0
fi
min_before=$(cat $MINADDR)
timeout 60 "$SYSGATE" trace -f --backend rewrite --allow-page0 -e trace=prctl -o "$t/rewrite" -- "$P" \
  > /dev/null 2>&1
is "$(prctl_lines "$t/rewrite")" "$(prctl_lines "$t/ptrace")" "rewrite backend: the same prctl lines as ptrace"
is "$(cat $MINADDR)" "$min_before" "vm.mmap_min_addr is back to $min_before after the rewrite run"
