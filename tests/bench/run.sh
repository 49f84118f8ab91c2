#!/usr/bin/env bash
# make bench: tracer overhead measured side by side in one run, printed as a table.
#   BENCH_N      getppid calls in the null loop (default 1000000)
#   BENCH_DD     bytes dd copies one at a time (default 500000)
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

loop=("$PROGS/nullloop" "$N")
ddcmd=(dd if=/dev/zero of=/dev/null bs=1 count="$DD")

printf '%-34s %-9s %9s %9s %9s %8s %8s %s\n' workload cpu native_ms sysgate_ms strace_ms \
  sg/nat st/nat "sysgate<=strace"
row() {  # row NAME PINNED(0/1) CMD...
  local name=$1 pinned=$2; shift 2
  local pre=(); [ "$pinned" = 1 ] && pre=("${pin[@]}")
  local nat sg st
  nat=$(ms "${pre[@]}" "$@")
  sg=$(ms "${pre[@]}" "$SYSGATE" trace -f -o /dev/null -- "$@")
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
  goal_row "stat, pinned" 1.5 "$SYSGATE" stat -o /dev/null -- "${loop[@]}"
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
