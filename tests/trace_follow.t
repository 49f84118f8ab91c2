#!/usr/bin/env bash
# sysgate trace -f with threads and nested forks; attach and detach; Ctrl-C; the
# tracee never outlives a dead tracer.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done; rm -rf "$t"; }
trap cleanup EXIT
plan 22

# wait_for CMD...: poll up to 10 s for a condition (no timing assertion, just patience).
# Every sysgate run is bounded, so a hang fails the test instead of stalling CI.
SYSGATE_T() { timeout -k 5 60 "$SYSGATE" "$@"; }
wait_for() { for _ in $(seq 100); do "$@" && return 0; sleep 0.1; done; return 1; }
traced_by() { awk '/^TracerPid:/ {print $2}' "/proc/$1/status" 2>/dev/null; }

# 1-3: threads.
SYSGATE_T trace -f -o "$t/thr" -e trace=getppid -- "$PROGS/threads"
is "$?" 0 "threaded program exits 0 under -f"
is "$(grep -cE '(^| )getppid\(' "$t/thr")" 40 "40 getppid calls from 4 threads"
is "$(grep -oE '^[0-9]+ ' "$t/thr" | sort -u | wc -l)" 5 "5 threads appear, each line prefixed with its tid"

# 4-6: nested forks, 7 processes.
SYSGATE_T trace -f -o "$t/tree" -e trace=getppid,wait4 -- "$PROGS/forktree" 2
is "$?" 0 "fork tree exits 0"
is "$(grep -cE '(^| )getppid\(' "$t/tree")" 7 "7 processes each call getppid"
is "$(grep -c '+++ exited with 0 +++' "$t/tree")" 7 "7 exit lines"
ok "$(grep -F -- '--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED' "$t/tree")" "SIGCHLD shown"

# 8: without -f, children are not followed.
SYSGATE_T trace -o "$t/nof" -e trace=getppid -- "$PROGS/forktree" 2
is "$(grep -cE '(^| )getppid\(' "$t/nof")" 1 "without -f only the first process is traced"

# 9: vfork + exec (posix_spawn) under -f.
SYSGATE_T trace -f -o "$t/spawn" -e trace=execve -- \
  python3 -c 'import subprocess; subprocess.run(["/bin/true"])'
ok "$(grep -E '^[0-9]+ +execve\("/bin/true", \["/bin/true"\]' "$t/spawn")" \
   "a posix_spawn child is followed into execve"

# 10-13: attach to a running process, then Ctrl-C detaches and leaves it running.
"$PROGS/ticker" & tick=$!; pids+=("$tick")
"$SYSGATE" trace -p "$tick" -o "$t/att" -e trace=getppid 2> "$t/att.err" & tr=$!; pids+=("$tr")
wait_for test "$(traced_by "$tick")" = "$tr"
is "$(traced_by "$tick")" "$tr" "ticker is traced by sysgate"
sleep 0.5  # let it see a few calls
kill -INT "$tr"; wait_for sh -c "! kill -0 $tr 2>/dev/null"; kill -9 "$tr" 2>/dev/null
wait "$tr"; rc=$?
is "$rc" 0 "sysgate exits 0 after Ctrl-C detach"
ok "$(kill -0 "$tick" 2>/dev/null && [ "$(traced_by "$tick")" = 0 ] && echo y)" \
   "the process keeps running, no longer traced"
ok "$(grep -q "process $tick detached" "$t/att.err" && grep -c 'getppid()' "$t/att" | grep -qv '^0$' && echo y)" \
   "it reported the detach, and the calls it saw"
state=$(awk '{print $3}' "/proc/$tick/stat"); sleep 0.2; state2=$(awk '{print $3}' "/proc/$tick/stat")
ok "$([ "$state" != t ] && [ "$state2" != t ] && echo y)" "not left in a tracing stop (state $state)"
kill "$tick"

# 15-16: SIGINT sent to sysgate reaches the traced command; status is 128+SIGINT.
with_default_signals "$SYSGATE" trace -o "$t/int" -- "$PROGS/ticker" & tr=$!; pids+=("$tr")
wait_for pgrep -P "$tr" -x ticker >/dev/null; child=$(pgrep -P "$tr" -x ticker); pids+=("$child")
kill -INT "$tr"; wait_for sh -c "! kill -0 $tr 2>/dev/null"; kill -9 "$tr" 2>/dev/null
wait "$tr"; rc=$?
ok "$( { ! kill -0 "$child" 2>/dev/null || grep -q '^State:.*Z' "/proc/$child/status"; } && echo y)" \
   "SIGINT to sysgate is passed on to the command, which ends"
is "$rc:$(tail -1 "$t/int")" "130:+++ killed by SIGINT +++" "the command's death by SIGINT is passed on"

# 17: if the tracer dies, the command it started dies too (PTRACE_O_EXITKILL).
"$SYSGATE" trace -o /dev/null -- "$PROGS/ticker" & tr=$!
wait_for pgrep -P "$tr" -x ticker >/dev/null; child=$(pgrep -P "$tr" -x ticker); pids+=("$child")
kill -9 "$tr"; wait "$tr" 2>/dev/null
wait_for sh -c "! kill -0 $child 2>/dev/null || grep -q '^State:.*Z' /proc/$child/status"
ok "$( { ! kill -0 "$child" 2>/dev/null || grep -q '^State:.*Z' "/proc/$child/status"; } && echo y)" \
   "a killed tracer takes its command with it"

# 18: several -p at once.
"$PROGS/ticker" & a=$!; "$PROGS/ticker" & b=$!; pids+=("$a" "$b")
"$SYSGATE" trace -p "$a" -p "$b" -o "$t/two" -e trace=getppid 2> "$t/two.err" & tr=$!; pids+=("$tr")
wait_for sh -c "[ \"\$(awk '/^TracerPid:/ {print \$2}' /proc/$b/status)\" = $tr ]"
sleep 0.5
kill -INT "$tr"; wait_for sh -c "! kill -0 $tr 2>/dev/null"; kill -9 "$tr" 2>/dev/null; wait "$tr"
ok "$(grep -q "^$a " "$t/two" && grep -q "^$b " "$t/two" && [ "$(grep -c detached "$t/two.err")" = 2 ] && echo y)" \
   "two -p: both traced (lines prefixed with their pids) and both detached"
kill "$a" "$b"

# -f -p, then Ctrl-C: the children born while traced keep running too (none killed),
# and the call each one was in shows as "<detached ...>", as in strace.
bash -c "until [ -e '$t/go' ]; do sleep 0.05; done
         (echo >'$t/forked'; sleep 2; echo child > '$t/child_done') & wait; echo parent > '$t/parent_done'" &
fam=$!; pids+=("$fam")
"$SYSGATE" trace -f -p "$fam" -o "$t/fam" 2> "$t/fam.err" & tr=$!; pids+=("$tr")
wait_for test "$(traced_by "$fam")" = "$tr"
touch "$t/go"; wait_for test -e "$t/forked"; sleep 0.5
kill -INT "$tr"; wait_for sh -c "! kill -0 $tr 2>/dev/null"; kill -9 "$tr" 2>/dev/null; wait "$tr"
wait "$fam"; rc=$?
ok "$([ $rc = 0 ] && [ -s "$t/child_done" ] && [ -s "$t/parent_done" ] && echo y)" \
   "-f -p detach: parent and children run on to their end (rc $rc)"
ok "$(grep -F '<detached ...>' "$t/fam")" "an unfinished call is marked <detached ...>"

# 19-20: SIGTERM to sysgate: the command it started is killed, the -o file is complete.
"$SYSGATE" trace -o "$t/term" -- "$PROGS/ticker" & tr=$!; pids+=("$tr")
wait_for pgrep -P "$tr" -x ticker >/dev/null; child=$(pgrep -P "$tr" -x ticker); pids+=("$child")
kill -TERM "$tr"; wait_for sh -c "! kill -0 $tr 2>/dev/null"; kill -9 "$tr" 2>/dev/null
wait "$tr"; rc=$?
is "$rc" 143 "SIGTERM: sysgate exits 128+15"
wait_for sh -c "! kill -0 $child 2>/dev/null || grep -q '^State:.*Z' /proc/$child/status"
ok "$( { ! kill -0 "$child" 2>/dev/null || grep -q '^State:.*Z' "/proc/$child/status"; } &&
      grep -q '^execve(' "$t/term" && [ -z "$(ls "$t" | grep '\.tmp\.')" ] && echo y)" \
   "the command is gone and the trace file is in place, no temporary left"
