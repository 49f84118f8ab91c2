#!/usr/bin/env bash
# sysgate trace --record FILE, then --replay FILE: the replay prints what the run
# printed. Each backend records and prints in the same run (--record FILE -o
# OUT), so the two are compared byte for byte: same pids, same addresses. Then
# the replay's own options (filters, -c, JSON, -s, times), record-only runs, the
# file's header, what a damaged or foreign file gets, and a SIGKILL mid-run.
. "$(dirname "$0")/lib.sh"

scratch_and_background
C=$PROGS/inproc_cases
export ASAN_OPTIONS=detect_leaks=0

plan 52

backends=(ptrace sud rewrite ebpf)
# Why a backend cannot run here (empty: it can).
why_not() {
  local extra=()
  [ "$1" = rewrite ] && extra=(--allow-page0)
  "$SYSGATE" trace --backend "$1" "${extra[@]}" -o /dev/null -- /bin/true 2> "$t/probe.$1" ||
    head -1 "$t/probe.$1"
}

# roundtrip BACKEND NAME CMD...: record and print in one run, replay the file:
# "same:STATUS:REPLAY-STATUS", or the first difference.
roundtrip() {
  local b=$1 name=$2; shift 2
  local extra=()
  [ "$b" = rewrite ] && extra=(--allow-page0)
  timeout 60 "$SYSGATE" trace -f --backend "$b" "${extra[@]}" -o "$t/$name.$b.direct" \
    --record "$t/$name.$b.rec" -- "$@" > /dev/null 2> "$t/$name.$b.err"
  local rc=$?
  timeout 60 "$SYSGATE" trace -f --replay "$t/$name.$b.rec" -o "$t/$name.$b.replay" 2> "$t/$name.$b.rerr"
  local rrc=$?
  if cmp -s "$t/$name.$b.direct" "$t/$name.$b.replay" && [ -s "$t/$name.$b.direct" ]; then
    echo "same:$rc:$rrc"
  else
    diff "$t/$name.$b.direct" "$t/$name.$b.replay" | head -4
    cat "$t/$name.$b.rerr"
  fi
}

for b in "${backends[@]}"; do
  why=$(why_not "$b")
  if [ -n "$why" ]; then
    for _ in 1 2 3 4 5 6 7; do skip "$b: $why"; done
    continue
  fi
  is "$(roundtrip "$b" signal "$C" signal)" "same:0:0" "$b: signals, EINTR and restarted calls, replayed line for line"
  is "$(roundtrip "$b" forkexec "$C" forkexec)" "same:0:0" "$b: -f, fork, vfork, posix_spawn and exec, replayed"
  is "$(roundtrip "$b" threads "$C" threads 4)" "same:0:0" "$b: 4 threads, replayed"
  is "$(roundtrip "$b" flags "$PROGS/flag_calls")" "same:0:0" "$b: structures, strings and flags, replayed"
  is "$(roundtrip "$b" netlink "$PROGS/netlink_calls")" "same:0:0" \
     "$b: netlink messages decoded by their socket's protocol, as recorded"
  is "$(roundtrip "$b" exit3 /bin/sh -c 'ls /nonexistent 2>/dev/null; exit 3')" "same:3:3" \
     "$b: the command's exit status, recorded and replayed"
  is "$(roundtrip "$b" killed /bin/sh -c 'kill -9 $$')" "same:137:137" \
     "$b: a command killed by SIGKILL: its last line and status"
done

# Record alone: no lines, only the file, whole, with its header.
"$SYSGATE" trace --record "$t/only.rec" -- "$PROGS/stat_loop" 300 > "$t/only.out" 2> "$t/only.err"
is "$?:$(grep -c . "$t/only.err")" "0:0" "--record alone prints no line and exits as the command did"
python3 - "$t/only.rec" "$(uname -r)" > "$t/header.txt" <<'EOF'
import json, sys
raw = open(sys.argv[1], 'rb').read()
head = raw[:4096]
h = json.loads(head.decode())
print(h['format'], h['version'], h['complete'], h['kernel'] == sys.argv[2], h['machine'],
      len(h['syscall_table']), h['backend'] in ('ptrace', 'sud', 'rewrite'), h['clock']['source'],
      h['clock']['ticks_per_ns'] > 0, h['frames'] > 600, head.endswith(b'\n'), h['command'][-1])
EOF
is "$(cat "$t/header.txt")" "sysgate-record 1 True True x86_64 16 True tsc True True True 300" \
   "the header says format, version, kernel, machine, syscall table, backend, clock, frames"
"$SYSGATE" trace --replay "$t/only.rec" -o "$t/only.replay"
is "$(grep -cE '^getppid\(\) += [0-9]+$' "$t/only.replay")" 300 "the record-only run replays its 300 getppid"
"$SYSGATE" trace --backend ptrace --record "$t/pt.rec" -- "$PROGS/stat_loop" 300 2> "$t/pt.err"
is "$?:$(grep -c . "$t/pt.err"):$("$SYSGATE" trace --replay "$t/pt.rec" 2>&1 | grep -cE '^getppid\(\) += [0-9]+$')" \
   "0:0:300" "ptrace, record alone: nothing printed, 300 getppid replayed"

# The replay's own options, on one recording of a few programs.
"$SYSGATE" trace -f --record "$t/r.rec" -o "$t/r.direct" -- /bin/sh -c \
  "cat /etc/hostname /etc/os-release > /dev/null; ls / > /dev/null" > /dev/null
"$SYSGATE" trace -f --replay "$t/r.rec" -e trace=openat -o "$t/r.openat"
is "$(grep -v -c -e 'openat(' -e '+++ exited' -e '--- SIG' "$t/r.openat"):$(grep -c 'openat(' "$t/r.openat")" \
   "0:$(grep -c 'openat(' "$t/r.direct")" \
   "-e trace=openat at replay: the openat lines of the run (and signals and exits)"
"$SYSGATE" trace -f --replay "$t/r.rec" -c -o "$t/r.c"
got=$(awk '$NF == "openat" || $NF == "read" || $NF == "close" {print $NF "=" ($4 ~ /^[0-9]+$/ ? $4 : $3)}' "$t/r.c" | sort | tr '\n' ' ')
want=$(for s in close openat read; do
  echo "$s=$(grep -cE "^[0-9]+ +$s\(.*\) += |^[0-9]+ +<\.\.\. $s resumed>.* += " "$t/r.direct")"
done | tr '\n' ' ')
is "$got" "$want" "-c at replay: the calls of each syscall, as many as the run's lines"
"$SYSGATE" trace -f --replay "$t/r.rec" --json -o "$t/r.json"
is "$(python3 -c '
import json, sys
n = sum(1 for l in open(sys.argv[1]) if json.loads(l)["type"] == "syscall")
print(n)' "$t/r.json")" "$(grep -cE ' = [^?]' "$t/r.direct")" "--json at replay: one valid object per call"
"$SYSGATE" trace -f --replay "$t/r.rec" -s 4 -o "$t/r.s4"
is "$(grep -c 'write(1, "PRET"\.\.\., ' "$t/r.s4"):$(grep -c 'write(1, "PRETTY' "$t/r.direct")" "1:1" \
   "-s 4 at replay: strings cut to 4 bytes"
start=$(date +%s)
"$SYSGATE" trace --record "$t/tt.rec" -- /bin/sleep 0.2
end=$(date +%s)
"$SYSGATE" trace --replay "$t/tt.rec" -ttt -T -o "$t/tt.out"
is "$(awk -v s="$start" -v e="$end" '{ if ($1 + 0 < s || $1 + 0 > e + 1) bad++ } END { print (NR > 10 && bad + 0 == 0) }' "$t/tt.out")" 1 \
   "-ttt at replay: the times of the run, not of the replay"
ok "$(grep -E '^[0-9.]+ clock_nanosleep\(.*<0\.(19|2[0-9])[0-9]*>$' "$t/tt.out")" "-T at replay: sleep's 0.2 s"

# -p: attach a recording to a running loop (ptrace, and ebpf where it runs).
for b in ptrace ebpf; do
  why=$(why_not "$b")
  if [ -n "$why" ]; then skip "$b -p: $why"; continue; fi
  "$PROGS/stat_loop" 2000000000 & lp=$!
  bg+=("$lp")
  "$SYSGATE" trace --backend "$b" -p "$lp" --record "$t/p.$b.rec" 2> /dev/null & tp=$!
  bg+=("$tp")
  sleep 0.5
  kill -INT "$tp"
  wait "$tp"
  n=$("$SYSGATE" trace --replay "$t/p.$b.rec" 2>&1 | grep -cE '^getppid\(\) += [0-9]+$')
  ok "$([ "$n" -gt 10 ] && kill -0 "$lp" && echo yes)" "$b -p: the attached loop's calls recorded ($n), the loop runs on"
  kill "$lp"
done

# one_line RC-WANT FILE: "RC-WANT" when sysgate exited so and said one line.
one_line() { echo "$1:$(grep -c . "$2")"; }
"$SYSGATE" trace --record "$t/k.rec" -k -- /bin/true 2> "$t/e1"
is "$?:$(grep -c . "$t/e1")" "2:1" "-k with --record: one line, status 2"
"$SYSGATE" trace --record "$t/c.rec" -c -- /bin/true 2> "$t/e2"
is "$?:$(grep -c 'sysgate trace --replay FILE -c' "$t/e2")" "2:1" "-c with --record: says to give it to --replay"
"$SYSGATE" trace --replay "$t/r.rec" -y 2> "$t/e3"
is "$?:$(grep -c . "$t/e3")" "2:1" "-y with --replay: one line, status 2"
"$SYSGATE" trace --replay "$t/r.rec" -- /bin/true 2> "$t/e4"
is "$?:$(grep -c 'give it no command' "$t/e4")" "2:1" "a command with --replay: one line, status 2"
"$SYSGATE" trace --record "$t/x.rec" --replay "$t/r.rec" -- /bin/true 2> "$t/e5"
is "$?:$(grep -c . "$t/e5")" "2:1" "--record with --replay: one line"
"$SYSGATE" trace --record "$t/nodir/x.rec" -- /bin/true 2> "$t/e6"
is "$?:$(grep -c "cannot write the recording '$t/nodir/x.rec'" "$t/e6")" "1:1" \
   "a recording in a missing folder: one line naming it, status 1"
"$SYSGATE" trace --replay "$t/none.rec" 2> "$t/e7"
is "$?:$(grep -c "cannot open the recording '$t/none.rec': No such file" "$t/e7")" "1:1" \
   "a missing recording: one line, status 1"
"$SYSGATE" trace --replay /etc/os-release 2> "$t/e8"
is "$?:$(grep -c 'not a sysgate recording\|too short' "$t/e8")" "1:1" "a file that is no recording: one line"
size=$(stat -c %s "$t/r.rec")
head -c $((size - 7)) "$t/r.rec" > "$t/cut.rec"
"$SYSGATE" trace --replay "$t/cut.rec" -o "$t/cut.out" 2> "$t/e9"
is "$?:$(grep -c 'damaged\|ends after' "$t/e9"):$([ -s "$t/cut.out" ] && echo printed)" "1:1:printed" \
   "a cut recording: what it holds is printed, then one line, status 1"
python3 - "$t/r.rec" "$t/other.rec" "$t/open.rec" <<'EOF'
import sys
raw = open(sys.argv[1], 'rb').read()
head, rest = raw[:4096].decode(), raw[4096:]
def put(path, h):
    h = h.rstrip()
    open(path, 'wb').write((h + ' ' * (4095 - len(h)) + '\n').encode() + rest)
import re
put(sys.argv[2], re.sub(r'"syscall_table":"[0-9a-f]+"', '"syscall_table":"0000000000000000"', head))
put(sys.argv[3], head.replace('"complete":true', '"complete":false'))
EOF
"$SYSGATE" trace --replay "$t/other.rec" 2> "$t/e10"
is "$?:$(grep -c 'another syscall table' "$t/e10")" "1:1" "a recording of another syscall table: refused, one line"
"$SYSGATE" trace --replay "$t/open.rec" 2> "$t/e11"
is "$?:$(grep -c 'never finished' "$t/e11")" "1:1" "a recording whose header was never completed: refused"

# Killed outright mid-run: the recording is not there at all, and the command
# goes with sysgate.
"$SYSGATE" trace --record "$t/sigkill.rec" -- "$PROGS/stat_loop" 2000000001 & kp=$!
bg+=("$kp")
sleep 0.5
running() { pgrep -f "^$PROGS/stat_loop 2000000001" > /dev/null; }
was=$(running && echo running)
kill -KILL "$kp"
wait "$kp" 2>/dev/null
wait_until eval '! running'
is "$was:$(ls "$t" | grep -c sigkill):$(running && echo alive)" "running:0:" \
   "SIGKILL mid-run: no recording, not even a partial one, and no command left running"
