#!/usr/bin/env bash
# trace -D, -DD, -DDD: the process the shell started stays the command (its pid,
# its parent, its exit status) and the tracer is its grandchild, in its own
# process group (-DD) or session (-DDD). If the tracer dies the command runs on.
# Traces are compared with strace -D's.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
plan 21

# The tracer outlives the command by a moment: its file is whole once it has
# written the command's "+++" line. Wait for it. Under -f that is the "+++" of
# the pid on the first line, the command's: a child's comes before it.
finished() {
  awk 'NR == 1 { p = $1 ~ /^[0-9]+$/ ? $1 : "" }
       p == "" ? /^\+\+\+ / : $1 == p && $2 == "+++" { f = 1 }
       END { exit !f }' "$1" 2>/dev/null
}
# tracer_of PID: the TracerPid of a running command, once it is traced.
tracer_of() {
  local i tp
  for i in $(seq 200); do
    tp=$(awk '/^TracerPid:/ { print $2 }' "/proc/$1/status" 2>/dev/null)
    [ -n "$tp" ] && [ "$tp" != 0 ] && { echo "$tp"; return; }
    sleep 0.02
  done
}
# stat_field PID N: field N of /proc/PID/stat (3 is the state, 5 the process
# group, 6 the session), counted after the command name.
stat_field() { sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f$(($2 - 2)); }

# The pid the shell started is the command's.
"$SYSGATE" trace -D -o "$t/pid.trace" sh -c 'echo $$' > "$t/pid.out" &
bg=$!
wait $bg
is "$(cat "$t/pid.out")" "$bg" "-D: the command has the pid the shell started"
wait_until finished "$t/pid.trace"
is "$(grep -c "^set_tid_address(.*) *= $bg\$" "$t/pid.trace")" 1 "-D: the trace is that process's"

# Its parent is the shell that started it, which waits for it directly.
out=$(bash -c 'echo $$; "$0" trace -D -o "$1" sh -c "echo \$PPID"; true' "$SYSGATE" "$t/ppid.trace")
is "$(sed -n 2p <<<"$out")" "$(sed -n 1p <<<"$out")" "-D: the command's parent is the shell"

# Exit status: the command's own, a signal's death included.
"$SYSGATE" trace -D -o "$t/rc.trace" sh -c 'exit 7'
is "$?" 7 "-D: the shell gets the command's exit status"
bash -c '"$0" trace -D -o "$1" sh -c "kill -TERM \$\$"; echo $?' "$SYSGATE" "$t/sig.trace" > "$t/sig.out" 2>&1
is "$(tail -1 "$t/sig.out")" 143 "-D: a command killed by a signal is seen killed by it"
wait_until finished "$t/sig.trace"
is "$(tail -1 "$t/sig.trace")" "+++ killed by SIGTERM +++" "-D: its trace ends as strace's"

# The middle process was reaped before the exec: the command has no child.
"$SYSGATE" trace -D -o "$t/kids.trace" /usr/bin/python3 -S -c 'import os
try:
    os.wait(); print("a child")
except ChildProcessError:
    print("no child")' > "$t/kids.out"
is "$(cat "$t/kids.out")" "no child" "-D: the command starts with no child of sysgate's"

# The same lines as strace -D's, pids, addresses and a child's CPU time aside.
# Under -f a line starts with its pid, padded to 5 columns: "PID " once that
# padding is strace's (pids of either run may have 3 to 5 digits, pid_max wraps).
# A SIGCHLD's si_utime and si_stime are the child's CPU ticks, 0 in one run and
# 1 in the next: "T" for 0 and for a number with strace's comment of seconds.
norm_pid() {
  awk 'match($0, /^[0-9]+ +/) {
         d = length($1) + 1; if (d < 6) d = 6
         if (RLENGTH == d) $0 = "PID " substr($0, RLENGTH + 1)
       } { print }' "$1"
}
norm() {
  norm_pid "$1" | sed -E -e 's#(si_[us]time)=(0|[1-9][0-9]* /\* [0-9]+\.[0-9]+ s \*/)([,}])#\1=T\3#g' \
    -e 's/0x[0-9a-f]+/ADDR/g' -e 's/\\x[0-9a-f]{2}/\\xHH/g' -e 's/[0-9]{3,}/N/g'
}
compare() {  # compare NAME OPTIONS... :: CMD...
  local name=$1; shift
  local opts=()
  while [ "$1" != "::" ]; do opts+=("$1"); shift; done; shift
  rm -f "$t/st.out" "$t/sg.out"
  if ! command -v strace > /dev/null; then skip "strace is not installed"; return; fi
  (cd "$t" && strace "${opts[@]}" -o "$t/st.out" "$@" > /dev/null 2>&1)
  (cd "$t" && "$SYSGATE" trace "${opts[@]}" -o "$t/sg.out" "$@" > /dev/null 2>&1)
  wait_until finished "$t/st.out"; wait_until finished "$t/sg.out"
  is "$(norm "$t/sg.out")" "$(norm "$t/st.out")" "$name: ${opts[*]}"
}
printf 'line one\n' > "$t/in"
compare "same lines as strace" -D -e trace=openat,read,write,close :: cat "$t/in" "$t/none"
compare "same lines as strace" -DD -e trace=execve,getpid,exit_group :: sh -c 'kill -0 $$; exit 3'
compare "same lines as strace, following forks (seccomp prefilter)" -DDD -f -e trace=execve,write,exit_group \
  :: sh -c 'echo one; /bin/echo two'
compare "every call, following forks (no prefilter)" --daemonize=pgroup -f :: cat "$t/in"

# Where the tracer is: -D in the command's process group, -DD in a group of its
# own (same session), -DDD in a session of its own.
where() {  # where MODE: "PGROUP-SAME SESSION-SAME" for the tracer of sleep 1
  "$SYSGATE" trace "$1" -o "$t/where.trace" sleep 1 &
  local cmd=$! tp
  tp=$(tracer_of $cmd)
  if [ -z "$tp" ]; then echo "no tracer"; wait $cmd; return; fi
  echo "$([ "$(stat_field "$tp" 5)" = "$(stat_field $cmd 5)" ] && echo same || echo other)" \
       "$([ "$(stat_field "$tp" 6)" = "$(stat_field $cmd 6)" ] && echo same || echo other)"
  wait $cmd
}
is "$(where -D)" "same same" "-D: the tracer is in the command's process group"
is "$(where -DD)" "other same" "-DD: the tracer has a process group of its own"
is "$(where -DDD)" "other other" "-DDD: the tracer has a session of its own"
is "$(where --daemonize=session)" "other other" "--daemonize=session is -DDD"

# Killing the tracer leaves the command running to its end, untraced.
"$SYSGATE" trace -D -o "$t/kill.trace" sh -c 'sleep 1; echo ran on > "$0"; exit 6' "$t/ran" &
cmd=$!
tp=$(tracer_of $cmd)
ok "$tp" "-D: the command is traced while it runs"
kill -KILL "$tp" 2>/dev/null
wait_until sh -c '! grep -q "^TracerPid:[[:space:]]*[1-9]" "/proc/$0/status"' $cmd
is "$(awk '/^TracerPid:/ { print $2 }' /proc/$cmd/status 2>/dev/null)" 0 "-D: with its tracer killed, it is no longer traced"
wait $cmd
is "$?:$(cat "$t/ran" 2>/dev/null)" "6:ran on" "-D: ...and runs to its end, with its own status"

# The tracer holds back Ctrl-C and SIGTERM (strace's -I 4 with -D): it keeps
# tracing, and ends with the command.
"$SYSGATE" trace -D -o "$t/int.trace" sh -c 'sleep 0.5; exit 4' &
cmd=$!
tp=$(tracer_of $cmd)
kill -INT "$tp" 2>/dev/null; kill -TERM "$tp" 2>/dev/null
wait $cmd
wait_until finished "$t/int.trace"
is "$(tail -1 "$t/int.trace")" "+++ exited with 4 +++" "-D: SIGINT and SIGTERM do not stop the tracer"
gone() { [ ! -e "/proc/$1" ] || [ "$(stat_field "$1" 3)" = Z ]; }
ok "$(wait_until gone "$tp" && echo y)" "-D: the tracer ends when the command has ended"

# Without -o, attaching is said on stderr, as strace -D says it (-q: not).
err=$("$SYSGATE" trace -D -e trace=none sh -c 'echo $$ > "$0"' "$t/said" 2>&1)
is "$(grep '^sysgate: process' <<<"$err")" "sysgate: process $(cat "$t/said") attached" \
  "-D: 'process N attached' on stderr"
