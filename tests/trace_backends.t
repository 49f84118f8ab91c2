#!/usr/bin/env bash
# The in-process backends of sysgate trace (sud, rewrite) against the ptrace
# backend and against what the programs themselves report. Each case of
# tests/progs/inproc_cases.c runs under each backend; the program must be
# unharmed (its own output and exit status) and the trace must hold its calls.
#
# rewrite needs page 0: the test passes --allow-page0 (root), and checks that
# vm.mmap_min_addr is back to its value afterwards.
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sysgate-backends.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
C=$PROGS/inproc_cases
MINADDR=/proc/sys/vm/mmap_min_addr
min_before=$(cat $MINADDR)
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=$(command -v python3)

plan 86

# Only a kernel without Syscall User Dispatch is a reason to skip; any other
# failure of the probe fails the tests below.
if ! "$SYSGATE" trace --backend sud -o "$tmp/probe" -- /bin/true 2>"$tmp/probe.err" &&
   grep -q 'no Syscall User Dispatch' "$tmp/probe.err"; then
  for i in $(seq 80); do skip "$(head -1 "$tmp/probe.err")"; done
  exit 0
fi

# run BACKEND NAME ARGS...: trace -f the case into $tmp/NAME.BACKEND.{trace,out,err}
run() {
  local b=$1 name=$2; shift 2
  local extra=()
  [ "$b" = rewrite ] && extra=(--allow-page0)
  timeout 60 "$SYSGATE" trace -f --backend "$b" "${extra[@]}" -o "$tmp/$name.$b.trace" -- "$@" \
    >"$tmp/$name.$b.out" 2>"$tmp/$name.$b.err"
  echo $? >"$tmp/$name.$b.rc"
}
# After the program's marker write(-1, "BEGIN", 5): its own calls.
own() { sed -n '/"BEGIN"/,$p' "$1"; }
lines() { own "$1" | grep -cE "$2"; }

run ptrace jit $C jit
jit_calls=$(lines "$tmp/jit.ptrace.trace" '^[0-9]+ +getpid\(\)')
run ptrace sigsuspend $C sigsuspend
ret_mask=$(grep -o 'rt_sigreturn({mask=[^}]*})' "$tmp/sigsuspend.ptrace.trace")
run ptrace dlopen $C dlopen "$PROGS/liblate.so"
late_calls=$(lines "$tmp/dlopen.ptrace.trace" '^[0-9]+ +getppid\(\)')

for b in sud rewrite; do
  run $b threads $C threads 4
  is "$(cat "$tmp/threads.$b.out"):$(cat "$tmp/threads.$b.rc")" "threads 4 calls 4000:0" \
     "$b: 4 threads x 1000 getppid, program unharmed"
  is "$(grep -E '^[0-9]+ +getppid\(' "$tmp/threads.$b.trace" | awk '{print $1}' | sort | uniq -c | awk '$1 == 1000' | wc -l)" 4 \
     "$b: the trace has all 4000 getppid, 1000 from each of 4 threads"
  ok "$(grep "pid .* $b" "$tmp/threads.$b.err")" "$b: reports the backend that covered the process"

  run $b signal $C signal
  is "$(cat "$tmp/signal.$b.out")" "eintr yes restarted yes alarms 2" \
     "$b: a blocking read gets EINTR, a restarted one its data"
  # As under ptrace: the call's end, then the signal (the agent records the end
  # as the signal interrupts it).
  ok "$(grep -A1 -E '^[0-9]+ +(read\(3, |<... read resumed>)0x[0-9a-f]+, 1\) += -1 EINTR' "$tmp/signal.$b.trace" | grep -- '--- SIGALRM')" \
     "$b: the interrupted read shows EINTR, then the signal"
  ok "$(grep -A1 -E '^[0-9]+ +(read\(3, |<... read resumed>)0x[0-9a-f]+, 1\) += \? ERESTARTSYS' "$tmp/signal.$b.trace" | grep -- '--- SIGALRM')" \
     "$b: the read to be restarted shows ERESTARTSYS, then the signal"
  is "$(grep -c -- '--- SIGALRM' "$tmp/signal.$b.trace")" 2 "$b: both signals show as --- SIGALRM ---"
  is "$(grep -c 'rt_sigreturn(' "$tmp/signal.$b.trace")" 2 "$b: both handlers return through rt_sigreturn"
  ok "$(grep -E '(read\(3, |read resumed>)"x", 1\) += 1' "$tmp/signal.$b.trace")" "$b: the restarted read, a call of its own, returns the late byte"

  run $b forkexec $C forkexec
  is "$(cat "$tmp/forkexec.$b.out"):$(cat "$tmp/forkexec.$b.rc")" "forkexec 3 of 3:0" "$b: fork, vfork and posix_spawn children exec and exit 0"
  is "$(grep -E 'execve\("/bin/true"' "$tmp/forkexec.$b.trace" | awk '{print $1}' | sort -u | wc -l)" 3 \
     "$b: three children exec /bin/true, each traced under its own pid"
  is "$(grep -cE '(execve\("/bin/true".*|execve resumed>.*)\) += 0$' "$tmp/forkexec.$b.trace")" 3 \
     "$b: each execve is finished with = 0 by the agent in the new program"
  ok "$(grep -E 'vfork(\(| resumed>)\) += [0-9]+' "$tmp/forkexec.$b.trace")" "$b: vfork returns the child's pid"

  run $b clone3 $C clone3
  is "$(cat "$tmp/clone3.$b.out")" "clone3 thread yes fork yes" "$b: a thread on a new stack (clone3) and a clone3 fork both run"
  # A call may end as "<... clone3 resumed>) = N" when the new thread's lines came first.
  ended='(clone3\(.*|<\.\.\. clone3 resumed>.*)\) += [0-9]+$'
  is "$(grep -cE "$ended" "$tmp/clone3.$b.trace")" 2 "$b: both clone3 calls in the trace"
  tid=$(grep -E "$ended" "$tmp/clone3.$b.trace" | head -1 | sed -E 's/.*= ([0-9]+)$/\1/')
  ok "$(grep -E "^$tid +gettid\(\) += $tid" "$tmp/clone3.$b.trace")" "$b: the new thread's own gettid is traced under its tid"

  # As many getpid (3 from the JIT code, the rest from libc) as under ptrace.
  run $b jit $C jit
  is "$(cat "$tmp/jit.$b.out")" "jit yes" "$b: code written at run time makes its syscall"
  is "$(lines "$tmp/jit.$b.trace" '^[0-9]+ +getpid\(\)')" "$jit_calls" "$b: every getpid, the JIT's too, is traced ($jit_calls)"

  run $b dlopen $C dlopen "$PROGS/liblate.so"
  is "$(cat "$tmp/dlopen.$b.out")" "dlopen yes" "$b: a library loaded after start makes its syscall"
  is "$(lines "$tmp/dlopen.$b.trace" '^[0-9]+ +getppid\(\)')" "$late_calls" "$b: every getppid, the late library's too, is traced ($late_calls)"

  run $b sigsuspend $C sigsuspend
  is "$(cat "$tmp/sigsuspend.$b.out")" "sigsuspend yes" "$b: a handler run from sigsuspend with all else blocked makes its syscall"
  # The mask the handler's frame restores, as the program set it (SIGSYS, SIGSEGV
  # and SIGBUS included, which the agent never blocks for real), as under ptrace.
  is "$(grep -o 'rt_sigreturn({mask=[^}]*})' "$tmp/sigsuspend.$b.trace")" "${ret_mask:-none under ptrace}" \
     "$b: rt_sigreturn shows the mask its frame restores, as ptrace does"
  is "$(grep -o 'rt_sigreturn({mask=[^}]*})' "$tmp/signal.$b.trace" | sort -u)" "rt_sigreturn({mask=[]})" \
     "$b: a handler of an unmasked program returns to an empty mask"
  run $b spawn $C spawn
  is "$(cat "$tmp/spawn.$b.out")" "spawn yes" "$b: posix_spawn's child resetting handlers leaves the parent's in place"

  run $b exitthread $C exitthread
  is "$(cat "$tmp/exitthread.$b.rc")" 3 "$b: exit_group(3) from a second thread ends the program with 3"
  pid=$(head -1 "$tmp/exitthread.$b.trace" | awk '{print $1}')
  ok "$(grep -E '^[0-9]+ +exit_group\(3\)' "$tmp/exitthread.$b.trace" | awk -v p="$pid" '$1 != p')" \
     "$b: the exit_group is traced under the thread that made it"

  # A burst of 64 KiB records while sysgate is stalled (its trace goes to a pipe
  # nobody reads for 2 s): the ring fills, the program waits a bounded time, then
  # its records are dropped and counted.
  ( timeout 120 "$SYSGATE" trace --backend $b --allow-page0 -s 65536 -- $C burst 3000 \
      >"$tmp/burst.$b.out"; echo $? >"$tmp/burst.$b.rc" ) 2>&1 | { sleep 2; cat >"$tmp/burst.$b.trace"; }
  rc=$(cat "$tmp/burst.$b.rc")
  is "$(cat "$tmp/burst.$b.out"):$rc" "burst 3000 of 3000:0" "$b: a burst that overflows the ring leaves the program unharmed"
  dropped=$(grep -oE '[0-9]+ events dropped' "$tmp/burst.$b.trace" | awk '{print $1}')
  shown=$(grep -c '^write(3, "bbbb' "$tmp/burst.$b.trace")
  ok "$([ "${dropped:-0}" -gt 0 ] && echo y)" "$b: the dropped events are counted and reported ($dropped)"
  ok "$([ $((shown + dropped)) -ge 3000 ] && [ "$shown" -gt 0 ] && echo y)" \
     "$b: every write is either in the trace or counted as dropped ($shown + $dropped)"
done
is "$(cat $MINADDR)" "$min_before" "vm.mmap_min_addr is back to $min_before after the rewrite runs"
# Two runs at once: the one that ends first leaves page 0 to the other.
"$SYSGATE" trace --backend rewrite --allow-page0 -o "$tmp/long.trace" -- sleep 2 2>/dev/null &
long=$!
sleep 0.5
"$SYSGATE" trace --backend rewrite --allow-page0 -o "$tmp/short.trace" -- /bin/true 2>/dev/null
during=$(cat $MINADDR)
wait $long
is "$during:$(cat $MINADDR)" "0:$min_before" "concurrent runs: the setting stays 0 until the last one ends, then is restored"

# The same deterministic program, the same calls under every backend (after its
# marker). glibc sometimes draws random bytes (getrandom) at a first use; whether
# it does is not the program's choice, so those lines are not compared.
norm() {
  own "$1" | grep -v '^[0-9 ]*getrandom(' | sed -E 's/^[0-9]+ +//; s/0x[0-9a-f]+/ADDR/g; s/ +/ /g; s/sysgate-determ\.[A-Za-z0-9]+/D/g;
                  s/^(getppid|getpid|gettid)\(\) = [0-9]+/\1() = PID/'
}
for b in ptrace sud rewrite; do run $b determ $C determ; done
norm "$tmp/determ.ptrace.trace" >"$tmp/determ.ptrace.n"
for b in sud rewrite; do
  is "$(cat "$tmp/determ.$b.out")" "determ yes" "$b: the program's signal mask and alternate stack stay as it set them"
  norm "$tmp/determ.$b.trace" >"$tmp/determ.$b.n"
  is "$(diff "$tmp/determ.ptrace.n" "$tmp/determ.$b.n" && echo same)" same \
     "$b: the deterministic program's calls, decoded, exactly as under ptrace"
done
ok "$([ "$(wc -l < "$tmp/determ.ptrace.n")" -gt 15 ] && echo y)" "the compared sequence is not empty"

# Real programs: the whole rewrite trace is the ptrace trace, arguments decoded alike.
# ptrace holds each program from its execve until the agent starts (the dynamic
# loader's calls), and the loader's loading of the agent itself is left out. Two
# things differ by design: the environment has 2 more variables (LD_PRELOAD and
# SYSGATE_AGENT), and the loader's own small anonymous allocations can be one more
# or a page larger with one more library loaded; those lines are not compared.
mkdir -p "$tmp/tree/sub" && echo hello >"$tmp/tree/a" && echo x >"$tmp/tree/sub/b"
same_check() {  # NAME CMD...
  local name=$1; shift
  "$SYSGATE" trace --backend ptrace -o "$tmp/$name.p" -- "$@" >/dev/null 2>&1 </dev/null
  "$SYSGATE" trace --backend rewrite --allow-page0 -o "$tmp/$name.r" -- "$@" >/dev/null 2>&1 </dev/null
  local n='s/0x[0-9a-f]+/ADDR/g; s/ +/ /g; s/getrandom\(".*", ([0-9]+),/getrandom(R, \1,/;
           s/^(getppid|getpid|gettid|set_tid_address)\((.*)\) = [0-9]+/\1(\2) = PID/;
           s/\/\* [0-9]+ vars \*\//VARS/; s/^sysinfo\(\{.*\}\) = /sysinfo({INFO}) = /'
  local anon='^mmap\(NULL, [0-9]+, PROT_READ\|PROT_WRITE, MAP_PRIVATE\|MAP_ANONYMOUS, -1, 0\) = ADDR$'
  sed -E "$n" "$tmp/$name.p" | grep -Ev "$anon" >"$tmp/$name.pn"
  sed -E "$n" "$tmp/$name.r" | grep -Ev "$anon" >"$tmp/$name.rn"
  diff "$tmp/$name.pn" "$tmp/$name.rn" >"$tmp/$name.diff" && [ "$(wc -l <"$tmp/$name.rn")" -gt 20 ] &&
    wc -l <"$tmp/$name.rn"
}
for c in "cat:cat $tmp/tree/a" "ls:ls -l $tmp/tree" "tar:tar cf /dev/null -C $tmp tree" "python:$PYTHON -c import\ json"; do
  name=${c%%:*}; cmd=${c#*:}
  n=$(eval same_check "$name" $cmd)
  ok "$n" "$name: the rewrite trace ($n lines) is the ptrace trace, line for line"
  [ -n "$n" ] || sed 's/^/# /' "$tmp/$name.diff" | head -10
done

# Static programs: auto observes from outside (ebpf where BPF loads, else
# ptrace: tests/trace_ebpf.t); sud refuses with the reason.
out=$("$SYSGATE" trace --backend auto -o "$tmp/static.trace" -- "$PROGS/static_hello" 2>"$tmp/static.err")
is "$out:$?" "static:0" "auto: a statically linked program runs"
ok "$(grep -E 'backend (ebpf|ptrace) \(statically linked program\)' "$tmp/static.err")" \
   "auto: says it traces from outside, and why"
ok "$(grep -F 'write(1, "static\n", 7)' "$tmp/static.trace")" "auto: the static program's calls are traced"
"$SYSGATE" trace --backend sud -- "$PROGS/static_hello" >/dev/null 2>"$tmp/static2.err"
rc=$?
ok "$([ $rc -ne 0 ] && grep -c '' "$tmp/static2.err" | grep -qx 1 && grep 'statically linked.*--backend ptrace' "$tmp/static2.err")" \
   "--backend sud on a static program: one line naming the problem and the fix, exit $rc"

# Without -f only the command itself is traced; its children run untraced.
"$SYSGATE" trace --backend rewrite --allow-page0 -o "$tmp/nof.trace" -- $C forkexec >/dev/null 2>&1
ok "$(grep -E '^vfork\(\) += [0-9]+' "$tmp/nof.trace")" "without -f: the command's own calls are traced"
is "$(grep -c 'execve("/bin/true"' "$tmp/nof.trace")" 0 "without -f: its children are not"

# -c counts in the program: the same numbers as the calls made.
"$SYSGATE" trace -c --backend rewrite --allow-page0 -o "$tmp/c.txt" -- "$PROGS/nullloop" 12345 2>/dev/null
ok "$(grep -E '^ *[0-9.]+ +[0-9.]+ +[0-9]+ +12345 +getppid$' "$tmp/c.txt")" "-c: 12345 getppid counted"
"$SYSGATE" trace -c --backend sud -o "$tmp/c2.txt" -- "$PROGS/getppid_errno" >/dev/null 2>&1 || true
ok "$(grep -E 'total' "$tmp/c2.txt")" "-c under sud prints a summary"

# rewrite without --allow-page0 while vm.mmap_min_addr forbids page 0: says so, uses sud.
if [ "$(cat $MINADDR)" != 0 ]; then
  "$SYSGATE" trace --backend rewrite -o "$tmp/np.trace" -- /bin/true 2>"$tmp/np.err"
  ok "$(grep 'needs page 0.*using sud.*--allow-page0' "$tmp/np.err")" "rewrite without page 0: says so and falls back to sud"
  ok "$(grep -E 'pid [0-9]+ sud' "$tmp/np.err")" "rewrite without page 0: the process is reported as covered by sud"
else
  skip "vm.mmap_min_addr is already 0"; skip "vm.mmap_min_addr is already 0"
fi

# learn with an in-process backend: the same syscalls as learning through seccomp
# notification, and the profile runs the program under jail.
names() { "$PYTHON" -c "import json,sys; d=json.load(open(sys.argv[1])); print(' '.join(sorted(n for r in d['syscalls'] for n in r['names'])))" "$1"; }
for c in "ls:ls -l $tmp/tree" "python:$PYTHON -c import\ json"; do
  name=${c%%:*}; cmd=${c#*:}
  eval "\"\$SYSGATE\" learn -o \"\$tmp/\$name.notify.json\" -- $cmd" >/dev/null 2>&1
  eval "\"\$SYSGATE\" learn --backend rewrite --allow-page0 -o \"\$tmp/\$name.rw.json\" -- $cmd" >/dev/null 2>&1
  a=$(names "$tmp/$name.notify.json"); b=$(names "$tmp/$name.rw.json")
  is "$b" "$a" "learn --backend rewrite, $name: the same syscalls as learning by notification ($(echo $b | wc -w))"
done
eval "\"\$SYSGATE\" jail --profile \"\$tmp/python.rw.json\" --report \"\$tmp/jail.report\" -- $PYTHON -c import\ json" >/dev/null 2>&1
is "$?:$(cat "$tmp/jail.report" 2>/dev/null | wc -l)" "0:0" "the profile learned in-process runs python3 under jail with no denial"

# sysgate killed outright, and its keeper with it (as killall -9 sysgate would; the
# keeper alone would end every process below it): a process left behind goes on
# without waiting for sysgate (20 execs, each of which would otherwise ask sysgate
# to hold it), and the ring file it could not remove is removed by the next run.
( "$SYSGATE" trace -f --backend sud -o "$tmp/killed.trace" -- sh -c \
    "setsid sh -c 'sleep 1; s=\$(date +%s%N); for i in \$(seq 20); do /bin/true; done; echo \$(( (\$(date +%s%N) - s) / 1000000 )) > $tmp/orphan.ms' & sleep 5" \
    2>/dev/null & echo $! >"$tmp/killed.pid"; wait ) 2>/dev/null &
sleep 0.5
sg=$(cat "$tmp/killed.pid")
kill -KILL "$sg" $(pgrep -P "$sg" -x sysgate)
wait_until test -s "$tmp/orphan.ms"
ms=$(cat "$tmp/orphan.ms" 2>/dev/null)
ok "$([ -n "$ms" ] && [ "$ms" -lt 2000 ] && echo y)" "after sysgate is killed, a leftover process's 20 execs take ${ms:-?} ms (no waiting for sysgate)"
"$SYSGATE" trace --backend sud -o "$tmp/after.trace" -- /bin/true 2>/dev/null

# Bad input.
"$SYSGATE" trace --backend warp -- /bin/true 2>"$tmp/bad.err"
ok "$([ $? -ne 0 ] && grep "unknown backend 'warp'; use auto, ptrace, sud, rewrite or ebpf" "$tmp/bad.err")" "unknown backend: one clear line"
"$SYSGATE" trace --backend sud -p 1 2>"$tmp/bad2.err"
ok "$([ $? -ne 0 ] && grep 'the agent cannot enter: use --backend ptrace, ebpf or auto' "$tmp/bad2.err")" "-p with an in-process backend: refused with the reason"
# A ring is named after the sysgate that made it: only one whose sysgate has ended
# is left over (another sysgate may be running beside this test).
left=0
for f in /dev/shm/sysgate-trace-*; do
  [ -e "$f" ] || continue
  owner=${f#/dev/shm/sysgate-trace-}; owner=${owner%%-*}
  kill -0 "$owner" 2>/dev/null || left=$((left + 1))
done
is "$left" 0 "no ring file is left in /dev/shm"
