#!/usr/bin/env bash
# make bench: tracer overhead measured side by side in one run, printed as a table.
#   BENCH_N      getppid calls in the null loop (default 1000000)
#   BENCH_DD     bytes dd copies one at a time (default 500000)
#   BENCH_PARTS  "trace ebpf record inproc ladder jail taint advise" (default all eight)
#   BENCH_RUNS   start-ups timed per tool in the jail part (default 20)
set -u
: "${SYSGATE:?}" "${PROGS:?}"
N=${BENCH_N:-1000000}
DD=${BENCH_DD:-500000}
pin=(taskset -c 0)

ms() {  # ms CMD...: wall milliseconds of one run, output discarded
  local s e
  s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v r="$1" -v g="$2" 'BEGIN { print (r <= g ? "yes" : "NO") }'; }
minof() { printf '%s\n' "$@" | sort -g | head -1; }  # the best of several runs

PARTS=${BENCH_PARTS:-trace ebpf record inproc ladder jail taint advise}
loop=("$PROGS/nullloop" "$N")
ddcmd=(dd if=/dev/zero of=/dev/null bs=1 count="$DD")

trace_part() {
printf '%-34s %-9s %9s %9s %9s %8s %8s %s\n' workload cpu native_ms sysgate_ms strace_ms \
  sg/nat st/nat "sysgate<=strace"
row() {  # row NAME PINNED(0/1) CMD...
  local name=$1 pinned=$2; shift 2
  local pre=(); [ "$pinned" = 1 ] && pre=("${pin[@]}")
  local nat sg st
  nat=$(ms "${pre[@]}" "$@")
  sg=$(ms "${pre[@]}" "$SYSGATE" trace --backend ptrace -f -o /dev/null -- "$@")
  st=$(ms "${pre[@]}" strace -f -o /dev/null "$@")
  printf '%-34s %-9s %9d %9d %9d %8s %8s %s\n' "$name" "$([ "$pinned" = 1 ] && echo pinned || echo any)" \
    "$nat" "$sg" "$st" "$(ratio "$sg" "$nat")" "$(ratio "$st" "$nat")" \
    "$([ "$sg" -le "$st" ] && echo yes || echo NO)"
}
row "getppid x$N" 1 "${loop[@]}"
row "getppid x$N" 0 "${loop[@]}"
row "dd bs=1 count=$DD" 1 "${ddcmd[@]}"
row "dd bs=1 count=$DD" 0 "${ddcmd[@]}"

echo
printf '%-44s %9s %9s %8s %6s %s\n' "overhead goal" native_ms tool_ms ratio goal met
goal_row() {  # goal_row NAME GOAL CMD-UNDER-TOOL... (native is the loop)
  local name=$1 goal=$2; shift 2
  local nat tool r
  nat=$(ms "${pin[@]}" "${loop[@]}")
  tool=$(ms "${pin[@]}" "$@")
  r=$(ratio "$tool" "$nat")
  printf '%-44s %9d %9d %8s %6s %s\n' "$name" "$nat" "$tool" "$r" "<=$goal" "$(verdict "$r" "$goal")"
}
goal_row "trace -e trace=openat (prefilter), pinned" 1.1 \
  "$SYSGATE" trace -f -e trace=openat -o /dev/null -- "${loop[@]}"
if "$SYSGATE" help stat > /dev/null 2>&1; then
  # counted by name in the kernel (BPF), and the fallback that samples every call
  goal_row "stat, pinned" 1.5 "$SYSGATE" stat -o /dev/null -- "${loop[@]}"
  goal_row "stat --names samples, pinned" 1.5 "$SYSGATE" stat --names samples -o /dev/null -- "${loop[@]}"
else
  echo "stat: not built yet"
fi

echo
# Peak RSS of the tracer following a shell that spawns 1,000 processes; the shell
# reads its parent's (the tracer's) VmHWM after 100 and after 1,000 children.
rss=$("$SYSGATE" trace -f -o /dev/null -- sh -c '
  for i in $(seq 100); do /bin/true; done; grep VmHWM /proc/$PPID/status
  for i in $(seq 900); do /bin/true; done; grep VmHWM /proc/$PPID/status' | awk '{print $2}')
set -- $rss
printf 'tracer peak RSS following 1,000 processes: %s KiB after 100, %s KiB after 1000 ' "$1" "$2"
printf '(goal <= 10240 KiB and flat): %s\n' \
  "$([ "$2" -le 10240 ] && [ "$2" -le $(( $1 + 512 )) ] && echo yes || echo NO)"
}

# The in-process backends: every call traced and decoded into a file, against the
# program alone, best of several runs of each, side by side.
inproc_part() {
  local t; t=$(mktemp -d)
  local runs=${BENCH_INPROC_RUNS:-3}
  local py=/usr/bin/python3
  echo
  echo "== trace, in-process backends (rewrite with --allow-page0; best of $runs runs each)"
  printf '%-40s %-7s %9s %10s %9s %8s %8s %6s %s\n' workload cpu native_ms rewrite_ms sud_ms \
    rw/nat sud/nat goal met
  irow() {  # irow NAME PINNED GOAL OPTS CMD...
    local name=$1 pinned=$2 goal=$3 opts=$4; shift 4
    local pre=(); [ "$pinned" = 1 ] && pre=("${pin[@]}")
    local nat=() rw=() sud=() i
    for i in $(seq "$runs"); do
      nat+=("$(ms "${pre[@]}" "$@")")
      rw+=("$(ms "${pre[@]}" "$SYSGATE" trace $opts -f --backend rewrite --allow-page0 -o "$t/rw" -- "$@")")
      sud+=("$(ms "${pre[@]}" "$SYSGATE" trace $opts -f --backend sud -o "$t/sud" -- "$@")")
    done
    local n r s
    n=$(minof "${nat[@]}"); r=$(minof "${rw[@]}"); s=$(minof "${sud[@]}")
    local g="<=$goal" met; met=$(verdict "$(ratio "$r" "$n")" "$goal")
    [ "$goal" = - ] && { g=-; met=-; }
    printf '%-40s %-7s %9d %10d %9d %8s %8s %6s %s\n' "$name" \
      "$([ "$pinned" = 1 ] && echo pinned || echo any)" "$n" "$r" "$s" "$(ratio "$r" "$n")" \
      "$(ratio "$s" "$n")" "$g" "$met"
  }
  for p in 1 0; do
    irow "getppid x$N, decoded to a file" $p 2.5 "" "${loop[@]}"
    irow "dd bs=1 count=$DD" $p 1.3 "" "${ddcmd[@]}"
    irow "python3 -c 'import json, sqlite3'" $p 1.3 "" $py -c "import json, sqlite3"
    irow "tar cf /dev/null /usr/include" $p 1.3 "" tar cf /dev/null /usr/include
    irow "-c: getppid x$N" $p 1.5 "-c" "${loop[@]}"
    irow "-c: dd bs=1 count=$DD" $p 1.5 "-c" "${ddcmd[@]}"
    # Without holding each exec with ptrace for the loader's calls (--no-loader).
    irow "python3 (--no-loader)" $p - "--no-loader" $py -c "import json, sqlite3"
    irow "tar (--no-loader)" $p - "--no-loader" tar cf /dev/null /usr/include
    irow "sh: 200 x /bin/true" $p - "" sh -c 'for i in $(seq 200); do /bin/true; done'
    irow "sh: 200 x /bin/true (--no-loader)" $p - "--no-loader" \
      sh -c 'for i in $(seq 200); do /bin/true; done'
  done
  rm -rf "$t"
}

ladder_part() {
  local t; t=$(mktemp -d)
  echo
  echo "== sysgate bench: the ladder, and its numbers against perf bench in the same run"
  local s0 s1 s2
  s0=$(date +%s%N); "$SYSGATE" bench --json "$t/full.json" --svg "$t/ladder.svg"; s1=$(date +%s%N)
  "$SYSGATE" bench --quick > /dev/null; s2=$(date +%s%N)
  printf 'full ladder: %d ms (goal <= 60000), --quick: %d ms (goal <= 10000)\n' \
    $(( (s1 - s0) / 1000000 )) $(( (s2 - s1) / 1000000 ))
  cp "$t/ladder.svg" "${BENCH_SVG:-build/ladder.svg}" 2>/dev/null
  local perf_sys perf_pipe
  perf_sys=$(perf bench syscall basic -l 2000000 2>&1 | awk '/usecs\/op/ {print $1 * 1000}')
  perf_pipe=$(taskset -c 0 perf bench sched pipe -l 200000 2>&1 | awk '/usecs\/op/ {print $1 * 1000}')
  for i in 1 2 3; do "$SYSGATE" bench --quick --only syscall,pipe-same --json "$t/q$i.json" > /dev/null; done
  python3 - "$t" "$perf_sys" "$perf_pipe" <<'PY'
import json, statistics, sys
t, perf_sys, perf_pipe = sys.argv[1], float(sys.argv[2] or 0), float(sys.argv[3] or 0)
def med(f, name):
    for r in json.load(open(f))["rungs"]:
        if r["name"] == name and r["status"] == "ok":
            return r["median_ns"]
    return None
full = t + "/full.json"
print("%-44s %12s %12s %8s %s" % ("check", "sysgate ns", "perf ns", "ratio", "within 20%"))
for name, ref, what in (("syscall", perf_sys, "null syscall vs perf bench syscall basic"),
                        ("pipe-same", perf_pipe, "pipe round trip, CPU 0, vs perf bench sched pipe")):
    m = med(full, name)
    if m is None or not ref:
        print("%-44s %12s %12s" % (what, m, ref)); continue
    print("%-44s %12.1f %12.1f %8.2f %s" % (what, m, ref, m / ref, "yes" if abs(m / ref - 1) <= 0.2 else "NO"))
for plain, fast in (("ecall", "ecall-switchless"), ("ocall", "ocall-switchless")):
    a, b = med(full, plain), med(full, fast)
    if a and b:
        print("enclave %s: %.0f ns, switchless %.0f ns: %.1fx faster (goal >= 10x): %s"
              % (plain.upper(), a, b, a / b, "yes" if a / b >= 10 else "NO"))
    else:
        print("enclave %s: not measured (%s, %s)" % (plain.upper(), a, b))
q = [med("%s/q%d.json" % (t, i), "syscall") for i in (1, 2, 3)]
if all(q):
    cov = statistics.stdev(q) / statistics.mean(q)
    print("null syscall median over 3 --quick runs: %s ns, CoV %.1f%% (goal <= 5%%): %s"
          % (", ".join("%.1f" % x for x in q), cov * 100, "yes" if cov <= 0.05 else "NO"))
PY
  rm -rf "$t"
}

# Per-call cost of a filter (no filter, our default profile, the containers profile)
# for a call allowed outright and one allowed under an argument test; then start-up
# of a jail with every namespace against bubblewrap's.
jail_part() {
  local docker=/usr/share/containers/seccomp.json bsl=$PROGS/bench_syscall_loop
  echo
  echo "== sysgate jail: filter cost per call (best of 9 interleaved runs x 7 rounds, CPU 0), bpf_jit_enable=$(cat /proc/sys/net/core/bpf_jit_enable 2>/dev/null)"
  echo "   floor = the cheapest filter of the same kind (allow all; one argument test on personality)"
  printf '%-24s %8s %8s %8s %8s %7s %8s %7s %6s %4s %s\n' call none_ns floor_ns dflt_ns dock_ns \
    +floor +default +docker goal met "dflt-floor (met)"

  local c goal r none flo def dock
  for c in getppid:10 personality:30; do
    goal=${c#*:} c=${c%%:*}
    local n=() f=() d=() k=()
    for r in 1 2 3 4 5 6 7 8 9; do  # interleaved, so drift hits every column alike
      n+=("$("${pin[@]}" "$bsl" "$c" 100000)")
      f+=("$("${pin[@]}" "$bsl" "$c" 100000 floor)")
      d+=("$("${pin[@]}" "$SYSGATE" jail -- "$bsl" "$c" 100000 2>/dev/null)")
      k+=("$("${pin[@]}" "$SYSGATE" jail --profile "$docker" -- "$bsl" "$c" 100000 2>/dev/null)")
    done
    none=$(minof "${n[@]}") flo=$(minof "${f[@]}") def=$(minof "${d[@]}") dock=$(minof "${k[@]}")
    awk -v c="$c" -v n="$none" -v f="$flo" -v d="$def" -v k="$dock" -v g="$goal" 'BEGIN {
      printf "%-24s %8.1f %8.1f %8.1f %8.1f %7.1f %8.1f %7.1f %6s %4s %.1f (%s)\n",
        c (c == "personality" ? "(0xffffffff)" : ""), n, f, d, k, f - n, d - n, k - n,
        "<=+" g, (d - n <= g ? "yes" : "NO"), d - f, (d - f <= g ? "yes" : "NO") }'
  done
  echo
  # perf stat -r times the command alone (no shell or date in the window); batches
  # alternate so drift hits both tools alike; the median batch mean is reported.
  local runs=${BENCH_RUNS:-10} i sg=() bw=()
  pstat() { perf stat -r 10 "$@" 2>&1 >/dev/null | awk '/seconds time elapsed/ {printf "%.1f", $1 * 1000}'; }
  for ((i = 0; i < runs; i++)); do
    sg+=("$(pstat "$SYSGATE" jail --unshare-all --net none -- true)")
    command -v bwrap > /dev/null && bw+=("$(pstat bwrap --unshare-all --ro-bind / / true)")
  done
  med() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "-" }'; }
  local msg msb
  msg=$(med "${sg[@]}"); msb=$(med "${bw[@]}")
  printf 'start-up, median of %d batches of 10 (perf stat): sysgate jail --unshare-all --net none -- true: %s ms; ' "$runs" "$msg"
  printf 'bwrap --unshare-all --ro-bind / / true: %s ms (goal sysgate <= bwrap): %s\n' "$msb" \
    "$(awk -v a="$msg" -v b="$msb" 'BEGIN { print (b != "-" && a <= b) ? "yes" : "NO" }')"
}

# The information-flow monitor: an untainted run of the null loop and of a file-copy
# workload, and a tainted run of the copy, against native and against the floor (a
# monitor that receives each notified open and only answers "continue",
# tests/progs/notify_floor), side by side, pinned to one CPU and free; and the
# monitor's own time per notification (sysgate taint --stats), median of one run.
# The open floor (notify_floor --open) performs each open itself and places the fd
# (ADDFD), judging nothing: the least a monitor costs that never lets the process
# resolve a path again after the check, as sysgate's default way does. The
# getppid row's floor is the null loop under the same filter: the kernel's own
# price for a filtered process, whose getppid is never notified.
# The goal for the copy: sysgate's own work costs at most a quarter of a bare
# notification round trip, i.e. taint_ms <= native + 1.25 x (floor - native), and
# untainted at most 1.1 x native as well. The copy is tar /usr/include | cat, with
# read-only opens observed (--opens fanotify) and with every open notified (the
# default, seccomp).
taint_part() {
  local copy="tar -cf - /usr/include 2>/dev/null | cat > /dev/null"
  echo
  echo "== sysgate taint: overhead (best of 5 interleaved runs) and time per notification"
  printf '%-34s %-7s %9s %8s %8s %9s %7s %10s %s\n' workload cpu native_ms floor_ms open_ms taint_ms ratio goal_ms met
  trow() {  # trow NAME PIN GOAL-RATIO|floor TAINT-OPTS -- CMD...
    local name=$1 pin=$2 goal=$3 opts=$4; shift 5
    local pre=() n=() m=() f=() o=() r
    [ "$pin" = pinned ] && pre=(taskset -c 0)
    for r in 1 2 3 4 5; do
      n+=("$(ms "${pre[@]}" "$@")")
      # shellcheck disable=SC2086
      m+=("$(ms "${pre[@]}" "$SYSGATE" taint $opts -- "$@")")
      [ "$goal" != "${goal#floor}" ] && f+=("$(ms "${pre[@]}" "$PROGS/notify_floor" "$@")")
      [ "$goal" != "${goal#floor}" ] && o+=("$(ms "${pre[@]}" "$PROGS/notify_floor" --open "$@")")
    done
    local a b fl=- of=- lim; a=$(minof "${n[@]}"); b=$(minof "${m[@]}")
    if [ "$goal" != "${goal#floor}" ]; then  # floor, or floor+R: also at most R x native
      fl=$(minof "${f[@]}") of=$(minof "${o[@]}")
      lim=$(awk -v a="$a" -v f="$fl" -v r="${goal#floor+}" 'BEGIN { l = a + 1.25 * (f - a)
        if (r != "floor" && a * r < l) l = a * r; printf "%d", l }')
    else
      lim=$(awk -v a="$a" -v g="$goal" 'BEGIN { printf "%d", a * g }')
    fi
    printf '%-34s %-7s %9d %8s %8s %9d %7s %10s %s\n' "$name" "$pin" "$a" "$fl" "$of" "$b" "$(ratio "$b" "$a")" \
      "<=$lim" "$([ "$b" -le "$lim" ] && echo yes || echo NO)"
  }
  trow "getppid x$N, untainted" pinned floor+1.1 "" -- "${loop[@]}"
  local pin
  for pin in pinned any; do
    trow "tar | cat, untainted, fanotify" $pin floor+1.1 "--opens fanotify" -- sh -c "$copy"
    trow "tar | cat, tainted, fanotify" $pin floor "--opens fanotify --secret /usr/include/stdio.h" -- sh -c "$copy"
    trow "tar | cat, untainted, seccomp" $pin floor+1.1 "" -- sh -c "$copy"
    trow "tar | cat, tainted, seccomp" $pin floor "--secret /usr/include/stdio.h" -- sh -c "$copy"
  done
  local u v w mode
  for mode in fanotify seccomp; do
    u=$("$SYSGATE" taint --stats --opens $mode --trust-stdout --trust-stderr -- sh -c "$copy" 2>&1)
    v=$("$SYSGATE" taint --stats --opens $mode --trust-stdout --trust-stderr --secret /usr/include/stdio.h -- sh -c "$copy" 2>&1)
    printf 'opens %-8s per copy (untainted / tainted): notifications %s / %s, median monitor time each %s / %s ns; the monitor'"'"'s CPU %s / %s ms; opens seen by fanotify %s\n' \
      "$mode" "$(grep -o '[0-9]* notifications' <<<"$u" | grep -o '[0-9]*')" "$(grep -o '[0-9]* notifications' <<<"$v" | grep -o '[0-9]*')" \
      "$(grep -o 'median [0-9]*' <<<"$u" | grep -o '[0-9]*')" "$(grep -o 'median [0-9]*' <<<"$v" | grep -o '[0-9]*')" \
      "$(grep -o 'CPU time: [0-9.]*' <<<"$u" | grep -o '[0-9.]*$')" "$(grep -o 'CPU time: [0-9.]*' <<<"$v" | grep -o '[0-9.]*$')" \
      "$(grep -o 'fanotify: [0-9]*' <<<"$u" | grep -o '[0-9]*' || echo -)"
  done
  w=$("$PROGS/notify_floor" --stats sh -c "$copy" 2>&1 | grep -o 'median [0-9]* ns' | grep -o '[0-9]*')
  printf 'the floor: every open notified and answered "continue", median %s ns per notification\n' "$w"
  w=$("$PROGS/notify_floor" --stats --open sh -c "$copy" 2>&1 | grep -o 'median [0-9]* ns' | grep -o '[0-9]*')
  printf 'the open floor: every open performed by the monitor and its fd placed, nothing judged, median %s ns per notification\n' "$w"
}

# advise's estimates against reality: each mistake program and a fixed version doing
# the same work, run natively (interleaved, median of several runs, pinned to CPU 0
# and not); the measured saving is the difference of the medians, the estimate the
# median over a few `sysgate advise --json` runs (pinned) of the mistake program of
# the est_saving_ns of the rule's findings. Then advise's own overhead against
# `trace -c` on the same backend.
advise_part() {
  local runs=${BENCH_ADVISE_RUNS:-5} eruns=${BENCH_ADVISE_EST_RUNS:-3}
  local dd=${BENCH_ADVISE_DD:-131072} tiny=${BENCH_ADVISE_TINY:-300000} seek=${BENCH_ADVISE_SEEK:-200000}
  local null
  null=$("$SYSGATE" bench --quick --only syscall --json - 2>/dev/null | python3 -c '
import json, sys
print("%.0f" % next(r["median_ns"] for r in json.load(sys.stdin)["rungs"] if r["name"] == "syscall"))' 2>/dev/null)
  echo
  echo "== sysgate advise: estimated saving against the measured one (native: median of $runs runs;"
  echo "   estimate: median of $eruns advise --json runs, pinned); null syscall here: ${null:-?} ns"
  printf '%-46s %-6s %9s %9s %9s %9s %7s %9s %9s %s\n' "mistake vs fix (rule)" cpu mistake_ms \
    fixed_ms saved_ms est_ms est/sav saved/call null/call "goal 0.7..1.3"
  med() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : 0 }'; }
  est_of() {  # est_of RULE CMD...: the summed est_saving_ns of RULE's findings, in ms
    local rule=$1; shift
    "${pin[@]}" "$SYSGATE" advise --json -- "$@" 2>/dev/null | python3 -c '
import json, sys
f = [json.loads(l) for l in sys.stdin if l.startswith("{\"rule\"")]  # CMD prints too
print("%.1f" % (sum(x["est_saving_ns"] for x in f if x["rule"] == sys.argv[1]) / 1e6))' "$rule"
  }
  arow() {  # arow NAME RULE CALLS "MISTAKE CMD" "FIXED CMD": CALLS, the calls the fix removes
    local name=$1 rule=$2 calls=$3 bad=$4 good=$5 e=() i p
    for i in $(seq "$eruns"); do e+=("$(est_of "$rule" $bad)"); done
    local est; est=$(med "${e[@]}")
    for p in 1 0; do
      local pre=() m=() f=()
      [ "$p" = 1 ] && pre=("${pin[@]}")
      for i in $(seq "$runs"); do
        m+=("$(ms "${pre[@]}" $bad)")
        f+=("$(ms "${pre[@]}" $good)")
      done
      awk -v name="$name" -v cpu="$([ "$p" = 1 ] && echo pinned || echo any)" -v m="$(med "${m[@]}")" \
        -v f="$(med "${f[@]}")" -v e="$est" -v n="$calls" -v null="${null:-0}" 'BEGIN {
        s = m - f; r = (s > 0 ? e / s : 0)
        printf "%-46s %-6s %9d %9d %9d %9.1f %7.2f %7.0fns %7sns %s\n", name, cpu, m, f, s, e, r,
          s * 1e6 / n, null, (r >= 0.7 && r <= 1.3 ? "yes" : "NO") }'
    done
  }
  # dd: the bytes moved are the same, a multiple of 64 KiB; each 1-byte block is a
  # read and a write (both tiny-io), so 2 calls per byte are removed.
  arow "dd bs=1 vs bs=64k, $dd bytes (tiny-io)" tiny-io $((2 * dd)) \
    "dd if=/dev/zero of=/dev/null bs=1 count=$dd" \
    "dd if=/dev/zero of=/dev/null bs=64k count=$((dd / 65536))"
  arow "lseek+read vs pread x$seek (seek-then-io)" seek-then-io "$seek" \
    "$PROGS/adv_seek_then_io $seek" "$PROGS/adv_seek_then_io_fixed $seek"
  arow "1-byte vs 64 KiB writes x$tiny (tiny-io)" tiny-io "$tiny" \
    "$PROGS/adv_tiny_io /dev/null $tiny" "$PROGS/adv_tiny_io_fixed /dev/null $tiny"

  # Advising against counting, the same program on the same backend: advise
  # as it runs by default, and with --no-stack (no stacks copied or unwound:
  # what the rules and the calls' decoding cost alone). The three commands take
  # turns. As in the rest of this table, a ratio is of the best runs (a busy
  # spell of the machine only ever adds); beside it, the median of each round's
  # own ratio (advise over that round's trace -c). Pinned to one CPU, sysgate's
  # work adds to the program's; free, it runs beside it on the other CPU.
  local rounds=${BENCH_ADVISE_ROUNDS:-15}
  echo
  printf '%-58s %9s %9s %6s %7s %6s %s\n' "advise vs trace -c (best of $rounds interleaved rounds)" \
    trace_c_ms advise_ms ratio paired goal met
  local b n p
  for b in auto:${BENCH_ADVISE_OVH_DD:-50000} ptrace:${BENCH_ADVISE_OVH_DD_PTRACE:-10000}; do
    n=${b#*:} b=${b%%:*}
    for p in pinned free; do
      local pre=(); [ "$p" = pinned ] && pre=("${pin[@]}")
      local c=() a=() s=() ra=() rs=() i
      local cmd=(dd if=/dev/zero of=/dev/null bs=1 count="$n")
      for ((i = 0; i < rounds; i++)); do
        c+=("$(ms "${pre[@]}" "$SYSGATE" trace -c -f --backend "$b" -o /dev/null -- "${cmd[@]}")")
        a+=("$(ms "${pre[@]}" "$SYSGATE" advise --backend "$b" -- "${cmd[@]}")")
        s+=("$(ms "${pre[@]}" "$SYSGATE" advise --no-stack --backend "$b" -- "${cmd[@]}")")
        ra+=("$(ratio "${a[i]}" "${c[i]}")") rs+=("$(ratio "${s[i]}" "${c[i]}")")
      done
      local bc row r best name times ratios; bc=$(minof "${c[@]}")
      for row in "advise:${a[*]}:${ra[*]}" "advise --no-stack:${s[*]}:${rs[*]}"; do
        IFS=: read -r name times ratios <<<"$row"
        best=$(minof $times); r=$(ratio "$best" "$bc")
        printf '%-58s %9d %9d %6s %7s %6s %s\n' "dd bs=1 count=$n --backend $b, $p: $name" "$bc" \
          "$best" "$r" "$(med $ratios)" "<=1.10" "$(verdict "$r" 1.10)"
      done
    done
  done
}

# The eBPF backend's full decoded trace of the null-syscall loop beside perf trace
# (Debian's, which prints string arguments as pointers) and native, taking turns
# for BENCH_EBPF_ROUNDS rounds, pinned to CPU 0 and free; then -p on a running
# loop: the loop's own slowdown, from its getppid calls per second before and
# while attached.
ebpf_part() {
  local n=${BENCH_EBPF_N:-200000} rounds=${BENCH_EBPF_ROUNDS:-3} p
  local l=("$PROGS/nullloop" "$n")
  if ! "$SYSGATE" trace --backend ebpf -o /dev/null -- /bin/true 2>/dev/null; then
    echo "ebpf: BPF refused here: $("$SYSGATE" trace --backend ebpf -o /dev/null -- /bin/true 2>&1 | head -1)"
    return
  fi
  echo
  printf '%-46s %-6s %9s %9s %9s %7s %7s %s\n' "ebpf trace vs perf trace (best of $rounds)" cpu native_ms \
    ebpf_ms perf_ms eb/nat pf/nat "ebpf<=perf"
  for p in pinned free; do
    local pre=() a=() b=() c=() i
    [ "$p" = pinned ] && pre=("${pin[@]}")
    for ((i = 0; i < rounds; i++)); do
      a+=("$(ms "${pre[@]}" "${l[@]}")")
      b+=("$(ms "${pre[@]}" "$SYSGATE" trace --backend ebpf -o /dev/null -- "${l[@]}")")
      c+=("$(ms "${pre[@]}" perf trace -o /dev/null -- "${l[@]}")")
    done
    local na eb pf; na=$(minof "${a[@]}") eb=$(minof "${b[@]}") pf=$(minof "${c[@]}")
    printf '%-46s %-6s %9d %9d %9d %7s %7s %s\n' "getppid x$n, full decoded trace" "$p" "$na" "$eb" "$pf" \
      "$(ratio "$eb" "$na")" "$(ratio "$pf" "$na")" "$([ "$eb" -le "$pf" ] && echo yes || echo NO)"
  done
  # -p: the loop started, then attached 50 ms later; its own wall time against
  # a run alone (best of the rounds, free).
  local alone=() traced=() s e lp tp
  for ((i = 0; i < rounds; i++)); do
    alone+=("$(ms "${l[@]}")")
    s=$(date +%s%N)
    "${l[@]}" & lp=$!
    sleep 0.05
    "$SYSGATE" trace --backend ebpf -q -p "$lp" -o /dev/null 2>/dev/null & tp=$!
    wait "$lp"; e=$(date +%s%N)
    kill -INT "$tp" 2>/dev/null; wait "$tp" 2>/dev/null
    traced+=($(( (e - s) / 1000000 )))
  done
  local al tr; al=$(minof "${alone[@]}") tr=$(minof "${traced[@]}")
  printf '%-46s %-6s %9d %9d %9s %7s\n' "getppid x$n, -p attached 50 ms in: the loop" free "$al" "$tr" - \
    "$(ratio "$tr" "$al")"
}

# Record now, decode later: --record with the rewrite backend against the program
# alone and against the decoded text it replaces, taking turns for
# BENCH_RECORD_ROUNDS rounds, pinned to CPU 0 and free; the recording's size per
# call, and the null syscall's cost on this machine beside the ratios.
record_part() {
  local rounds=${BENCH_RECORD_ROUNDS:-5} t p; t=$(mktemp -d)
  local rw=("$SYSGATE" trace -f --backend rewrite --allow-page0)
  echo
  echo "== trace --record FILE (rewrite backend; best of $rounds runs, taking turns)"
  printf '%-30s %-6s %9s %9s %9s %8s %8s %8s %6s %s
' workload cpu native_ms record_ms text_ms     rec/nat text/nat B/call goal met
  rrow() {  # rrow NAME CALLS CMD...
    local name=$1 calls=$2; shift 2
    for p in pinned free; do
      local pre=() a=() b=() c=() i
      [ "$p" = pinned ] && pre=("${pin[@]}")
      for ((i = 0; i < rounds; i++)); do
        a+=("$(ms "${pre[@]}" "$@")")
        b+=("$(ms "${pre[@]}" "${rw[@]}" --record "$t/rec" -- "$@")")
        c+=("$(ms "${pre[@]}" "${rw[@]}" -o "$t/text" -- "$@")")
      done
      local na rec tx r size; na=$(minof "${a[@]}") rec=$(minof "${b[@]}") tx=$(minof "${c[@]}")
      r=$(ratio "$rec" "$na"); size=$(stat -c %s "$t/rec")
      local g=- met=-; [ "$p" = pinned ] && { g="<=1.3"; met=$(verdict "$r" 1.3); }
      printf '%-30s %-6s %9d %9d %9d %8s %8s %8s %6s %s
' "$name" "$p" "$na" "$rec" "$tx" "$r" \
        "$(ratio "$tx" "$na")" "$(ratio "$size" "$calls")" "$g" "$met"
    done
  }
  rrow "getppid x$N" "$N" "${loop[@]}"
  local nat; nat=$(ms "${pin[@]}" "${loop[@]}")
  rrow "dd bs=1 count=$DD" $((2 * DD)) "${ddcmd[@]}"
  echo "null syscall here: $(awk -v m="$nat" -v n="$N" 'BEGIN { printf "%.0f", m * 1e6 / n }') ns (the loop alone, pinned)"
  local s e; s=$(date +%s%N)
  "$SYSGATE" trace --replay "$t/rec" -o /dev/null 2> /dev/null; e=$(date +%s%N)
  echo "replaying the dd recording to /dev/null: $(( (e - s) / 1000000 )) ms"
  rm -rf "$t"
}

case " $PARTS " in *" trace "*) trace_part ;; esac
case " $PARTS " in *" ebpf "*) ebpf_part ;; esac
case " $PARTS " in *" record "*) record_part ;; esac
case " $PARTS " in *" inproc "*) inproc_part ;; esac
case " $PARTS " in *" ladder "*) ladder_part ;; esac
case " $PARTS " in *" jail "*) jail_part ;; esac
case " $PARTS " in *" taint "*) taint_part ;; esac
case " $PARTS " in *" advise "*) advise_part ;; esac
