#!/usr/bin/env bash
# Faults: signals sent to sysgate reach the command; nothing sysgate starts
# outlives it; outputs appear whole or not at all; what a sysgate killed outright
# changed is put back by the next run.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  pkill -9 -f "sleep 30[0-9][0-9]" 2>/dev/null
  rm -rf "$t"
}
trap cleanup EXIT
plan 88

wait_for() { for _ in $(seq 100); do "$@" && return 0; sleep 0.1; done; return 1; }
# is_sysgate PID: PID has become sysgate (with_default_signals starts as python,
# which a signal would end in its own way).
is_sysgate() { [ "$(cat "/proc/$1/comm" 2>/dev/null)" = sysgate ]; }
# poll_for CMD...: as wait_for, every millisecond, for the moments that count.
poll_for() { for _ in $(seq 5000); do "$@" && return 0; sleep 0.001; done; return 1; }
# start_bg CMD...: CMD in the background; sets sg to its pid, and its status
# lands in $t/bg.rc once it ends (bg_status reads it). A subshell that forks
# nothing else waits for it: the test shell's own `wait PID` answers 127 for a
# pid it no longer knows, which would be taken for sysgate's status. (Its
# stderr, where bash reports a job killed, is left out: the commands send
# theirs to /dev/null.)
start_bg() {
  rm -f "$t/bg.pid" "$t/bg.rc"
  ( "$@" & echo $! > "$t/bg.pid"; wait $!; echo $? > "$t/bg.rc" ) 2> /dev/null &
  poll_for test -s "$t/bg.pid"; sg=$(cat "$t/bg.pid")
}
bg_status() { poll_for test -s "$t/bg.rc"; cat "$t/bg.rc" 2>/dev/null; }
# The ways sysgate runs a command, each as the words before "--".
modes=("jail" "trace -o /dev/null" "trace -o /dev/null --backend sud" "taint"
       "learn -o $t/learned.json")
# Marks unique to this run ("sleep 3009" followed by this shell's pid), so that
# two runs of these tests at once neither see nor kill each other's processes.
export SG_RUN=$$
# leftover N: the processes "sleep N" still running (none is the answer wanted).
leftover() { pgrep -f "^sleep $1\$" | tr '\n' ' '; }

# 1-20: each of SIGTERM, SIGINT, SIGHUP, SIGQUIT sent to sysgate reaches the command,
# whose own exit status sysgate then gives (the trap's, not 128+N).
for mode in "${modes[@]}"; do
  for sig in TERM INT HUP QUIT; do
    # shellcheck disable=SC2086
    with_default_signals "$SYSGATE" $mode -- sh -c "trap 'exit 42' $sig; echo > '$t/up'; sleep 3001$SG_RUN & wait" \
      2> "$t/err" & sg=$!; pids+=("$sg")
    wait_for test -e "$t/up"; sleep 0.2
    kill -"$sig" "$sg"; wait "$sg"; rc=$?; rm -f "$t/up"
    is "$rc" 42 "$mode: SIG$sig reaches the command (its trap's status)"
  done
done
sleep 0.2
is "$(leftover 3001$SG_RUN)" "" "no sleep the trapped shells left behind is still running"

# 22-26: when the command ends, what it left running is ended too (grandchildren).
for mode in "${modes[@]}"; do
  # shellcheck disable=SC2086
  timeout -k 5 60 "$SYSGATE" $mode -- sh -c 'sleep 3002$SG_RUN & echo started' > "$t/out" 2>/dev/null
  sleep 0.2
  ok "$(grep -q started "$t/out" && [ -z "$(leftover 3002$SG_RUN)" ] && echo y)" \
     "$mode: a background process the command left is ended with sysgate"
done

# 27-29: SIGTERM to sysgate while the command waits for its child: neither outlives it.
for mode in "jail" "taint" "trace -o /dev/null"; do
  # shellcheck disable=SC2086
  "$SYSGATE" $mode -- sh -c "echo > '$t/up'; sleep 3003$SG_RUN & wait" 2>/dev/null & sg=$!; pids+=("$sg")
  wait_for test -e "$t/up"; sleep 0.2
  kill -TERM "$sg"; wait "$sg"; rc=$?; rm -f "$t/up"; sleep 0.2
  ok "$([ "$rc" = 143 ] && [ -z "$(leftover 3003$SG_RUN)" ] && echo y)" \
     "$mode: SIGTERM ends the command (143) and its child (left: $(leftover 3003$SG_RUN))"
done

# 30-32: a command that cannot be found leaves no output file, and nothing else.
mkdir "$t/out1"
"$SYSGATE" trace -o "$t/out1/trace.txt" -- no-such-cmd-x 2>/dev/null
is "$?:$(ls -A "$t/out1")" "127:" "trace -o with a missing command: exit 127, no file at all"
"$SYSGATE" jail --report "$t/out1/report.json" -- no-such-cmd-x 2>/dev/null
is "$?:$(ls -A "$t/out1")" "127:" "jail --report with a missing command: exit 127, no file at all"
"$SYSGATE" taint --audit "$t/out1/audit.json" -- no-such-cmd-x 2>/dev/null
is "$?:$(ls -A "$t/out1")" "127:" "taint --audit with a missing command: exit 127, no file at all"

# 33-36: SIGKILL of sysgate at several moments of a trace -o run: the file is whole
# or absent, never a temporary; and the command it started is gone.
mkdir "$t/out2"
for delay in 0 0.05 0.3 1; do
  "$SYSGATE" trace -f -o "$t/out2/t.txt" -- sh -c 'while :; do /bin/true; done' 2>/dev/null &
  sg=$!; sleep "$delay"; kill -9 "$sg"; wait "$sg" 2>/dev/null; sleep 0.3
  left=$(ls -A "$t/out2"); rm -f "$t/out2"/*
  ok "$([ -z "$left" ] && [ -z "$(pgrep -P "$sg")" ] && echo y)" \
     "SIGKILL after ${delay}s: no file, no temporary (saw: '$left')"
done

# 37-38: a complete -o file replaces the one there, whole.
echo old > "$t/out2/t.txt"
"$SYSGATE" trace -o "$t/out2/t.txt" -- true
ok "$(tail -1 "$t/out2/t.txt" | grep -x '+++ exited with 0 +++')" "-o replaces an existing file"
is "$(ls -A "$t/out2")" "t.txt" "and leaves nothing beside it"

# 39-45: a command left by a killed sysgate is not left stopped or traced, nor what it started.
"$SYSGATE" trace -f -o /dev/null -- sh -c 'sleep 3004$SG_RUN & sleep 3005$SG_RUN' & sg=$!
wait_for test -n "$(leftover 3004$SG_RUN)"; wait_for test -n "$(leftover 3005$SG_RUN)"
kill -9 "$sg"; wait "$sg" 2>/dev/null; sleep 0.3
is "$(leftover 3004$SG_RUN)$(leftover 3005$SG_RUN)" "" "SIGKILL of trace -f: every traced process dies with it"
"$SYSGATE" jail -- sleep 3006$SG_RUN & sg=$!
wait_for test -n "$(leftover 3006$SG_RUN)"; kill -9 "$sg"; wait "$sg" 2>/dev/null; sleep 0.3
is "$(leftover 3006$SG_RUN)" "" "SIGKILL of jail: the command dies with it"
# And a grandchild too: the keeper between sysgate and the command kills every
# process below it when sysgate dies (without a pid namespace to do it).
for mode in "jail" "taint" "learn -o $t/learned.json" "trace -o /dev/null" \
            "trace --backend sud -o /dev/null"; do
  # shellcheck disable=SC2086
  "$SYSGATE" $mode -- sh -c 'sleep 3009$SG_RUN & wait' 2>/dev/null & sg=$!
  wait_for test -n "$(leftover 3009$SG_RUN)"; kill -9 "$sg"; wait "$sg" 2>/dev/null
  wait_for test -z "$(leftover 3009$SG_RUN)"
  is "$(leftover 3009$SG_RUN)" "" "SIGKILL of $mode: the command's background child dies with it"
  pkill -9 -x -f "sleep 3009$SG_RUN"
done

# 46-47: an in-process trace killed outright leaves its ring; the next run removes it.
"$SYSGATE" trace --backend sud -o /dev/null -- sleep 3007$SG_RUN 2>/dev/null & sg=$!
wait_for test -n "$(leftover 3007$SG_RUN)"
ring=$(ls /dev/shm | grep "^sysgate-trace-$sg-" | head -1)
ok "$ring" "an in-process run has its ring in /dev/shm ($ring)"
kill -9 "$sg"; wait "$sg" 2>/dev/null
"$SYSGATE" syscalls > /dev/null
ok "$([ -n "$ring" ] && [ ! -e "/dev/shm/$ring" ] && echo y)" "the next sysgate run removes a killed run's ring"

# 48-49: vm.mmap_min_addr lowered by a rewrite run killed outright is restored by the
# next sysgate run.
was=$(cat /proc/sys/vm/mmap_min_addr)
if [ "$was" = 0 ]; then
  skip "vm.mmap_min_addr is 0 already on this machine: nothing to restore"
  skip "vm.mmap_min_addr is 0 already on this machine: nothing to restore"
else
  "$SYSGATE" trace --backend rewrite --allow-page0 -o /dev/null -- sleep 3008$SG_RUN 2>/dev/null & sg=$!
  wait_for test -n "$(leftover 3008$SG_RUN)"
  is "$(cat /proc/sys/vm/mmap_min_addr)" 0 "--allow-page0 lowers vm.mmap_min_addr while it runs"
  kill -9 "$sg"; wait "$sg" 2>/dev/null
  "$SYSGATE" syscalls > /dev/null
  is "$(cat /proc/sys/vm/mmap_min_addr)" "$was" "the next sysgate run restores it after a SIGKILL"
  [ "$(cat /proc/sys/vm/mmap_min_addr)" = "$was" ] || sysctl -q vm.mmap_min_addr="$was"
fi

# 50-85: the matrix: each way of running a command, a signal to sysgate at a moment
# (start-up, mid-run, with output being written). Afterwards: nothing of the command left (stopped, traced or
# orphaned), its status where sysgate lived, no temporary or ring file, and
# vm.mmap_min_addr as it was (after the next run, for SIGKILL).
was=$(cat /proc/sys/vm/mmap_min_addr)
mkdir -p "$t/m"
fm="faultmark-$$-$RANDOM" # the command's name: nothing else on the machine has it
fmodes=("trace -f -o $t/m/out" "trace -f --backend sud -o $t/m/out"
        "trace -f --backend rewrite --allow-page0 -o $t/m/out" "jail --report $t/m/out"
        "learn -o $t/m/out" "taint --audit $t/m/out")
for mode in "${fmodes[@]}"; do
  for case in KILL:0.02 KILL:0.5 TERM:0.05 TERM:0.5 INT:0.05 INT:0.5; do
    sig=${case%%:*} delay=${case#*:}
    # shellcheck disable=SC2086
    fault_run() {
      with_default_signals "$SYSGATE" $mode -- sh -c 'while :; do /bin/true; done' "$fm" \
        > /dev/null 2>&1
    }
    start_bg fault_run
    poll_for is_sysgate "$sg"; sleep "$delay"; kill -"$sig" "$sg"; rc=$(bg_status)
    [ "$sig" = KILL ] && "$SYSGATE" syscalls > /dev/null # the next run puts things back
    # A process that was about to exec when sysgate died may take a moment to
    # see it gone (an in-process agent gives up waiting within half a second).
    wait_for test -z "$(pgrep -f "$fm")"
    want=$((128 + $(kill -l "$sig")))
    left=$(pgrep -f "$fm" | tr '\n' ' ')
    debris=$(ls -A "$t/m" | grep -v '^out$' | tr '\n' ' ')$(ls /dev/shm | grep "^sysgate-trace-$sg-")
    whole=y
    if [ -e "$t/m/out" ] && [ "${mode#trace}" != "$mode" ]; then
      grep -q "+++ killed by SIG$sig +++\$" "$t/m/out" || whole=n
    fi
    ok "$([ "$rc" = "$want" ] && [ -z "$left" ] && [ -z "$debris" ] && [ $whole = y ] &&
          [ "$(cat /proc/sys/vm/mmap_min_addr)" = "$was" ] && echo y)" \
       "$mode, SIG$sig after ${delay}s: status $rc (want $want), left '$left', debris '$debris', whole $whole"
    pkill -9 -f "$fm"; rm -f "$t/m"/*
    [ "$(cat /proc/sys/vm/mmap_min_addr)" = "$was" ] || sysctl -q vm.mmap_min_addr="$was"
  done
done

# 86-88: the enclave demo: its host and enclave processes die with sysgate, or on
# a signal passed on to them, and its vault directory is gone (after the next run,
# for SIGKILL). The demo takes a few tens of ms: several tries at several moments,
# of which at least one must catch it running (status 128+N; 0 when it had ended).
# Its processes are found by a mark in their environment, so that nothing else
# running on the machine is mistaken for them.
mark="$$-$RANDOM"
marked() { grep -lsxzF "SG_FAULTS_MARK=$mark" /proc/[0-9]*/environ | cut -d/ -f3 | tr '\n' ' '; }
for sig in TERM INT KILL; do
  hits=0 left="" bad="" vault=""
  want=$((128 + $(kill -l "$sig")))
  for delay in 0 0.005 0.01 0.02 0.03 0.04; do
    demo_run() {
      export SG_FAULTS_MARK=$mark
      with_default_signals "$SYSGATE" enclave demo > /dev/null 2>&1
    }
    start_bg demo_run
    poll_for is_sysgate "$sg"; sleep "$delay"; kill -"$sig" "$sg" 2>/dev/null; rc=$(bg_status); sleep 0.2
    if [ "$rc" = "$want" ]; then hits=$((hits + 1)); elif [ "$rc" != 0 ]; then bad+="$rc "; fi
    [ "$sig" = KILL ] && "$SYSGATE" syscalls > /dev/null # the next run puts things back
    left+=$(marked)
    vault+=$(ls -d "/tmp/sysgate-vault-$sg-"* 2>/dev/null) # this run's (its name has sysgate's pid)
    for p in $(marked); do kill -9 "$p"; done
  done
  ok "$([ -z "$left" ] && [ -z "$bad" ] && [ -z "$vault" ] && [ "$hits" -ge 1 ] && echo y)" \
     "enclave demo, SIG$sig mid-run ($hits of 6 tries): status $want, nothing left ('$left'), no vault ('$vault'), other statuses '$bad'"
done
