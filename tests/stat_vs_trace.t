#!/usr/bin/env bash
# stat's syscall total against trace -f -c on the same deterministic commands. stat
# counts from the moment the command is exec'd (enable_on_exec), trace also sees that
# execve itself; trace -c, as strace's, counts a call at its return, so the calls
# that never return (exit, exit_group; counted by a second trace) are stat's alone.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
plan 3

stat_total() { "$SYSGATE" stat --json -o "$t/s" -- "$@" > /dev/null
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["events"]["syscalls"]["count"])' "$t/s"; }
trace_total() { "$SYSGATE" trace -f -c -o "$t/c" -- "$@" > /dev/null
  awk '$NF == "total" {print $4}' "$t/c"; }
exits() { "$SYSGATE" trace -f -e trace=exit,exit_group -o "$t/e" -- "$@" > /dev/null
  grep -cE '^[0-9]+ +(exit|exit_group)\(' "$t/e"; }

# Programs without signals: under ptrace a signal interrupts a blocking call, which the
# kernel then restarts, an extra syscall that an untraced run does not make.
for cmd in "$PROGS/nullloop 5000" "$PROGS/conf_threads" "ls -l /"; do
  s=$(stat_total $cmd); c=$(trace_total $cmd); x=$(exits $cmd)
  is "$s" "$((c - 1 + x))" \
     "stat total ($s) = trace -f -c total ($c) minus its execve plus $x exits: $(basename "${cmd%% *}")"
done
