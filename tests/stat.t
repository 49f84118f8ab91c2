#!/usr/bin/env bash
# sysgate stat: exact syscall totals against perf stat, names, exit status,
# JSON, -o, -p (the process keeps running), and bad input.
. "$(dirname "$0")/lib.sh"
LOOP="$PROGS/stat_loop"
t=$(mktemp -d)
bg_pids=()
cleanup() {
  for p in "${bg_pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
  rm -rf "$t"
}
trap cleanup EXIT

# json FILE EXPR: evaluate a Python expression over the parsed report d.
json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
# Wait (at most 20 s) until pid $1 holds at least $2 perf event descriptors.
wait_perf_fds() {
  for _ in $(seq 200); do
    c=$(ls -l /proc/"$1"/fd 2>/dev/null | grep -c 'perf_event')
    [ "$c" -ge "$2" ] && return 0
    sleep 0.1
  done
  return 1
}
within_1pct() { # within_1pct GOT WANT: prints yes when |GOT-WANT| <= WANT/100
  python3 -c 'import sys; g,w=map(int,sys.argv[1:]); print("yes" if abs(g-w)*100 <= w else "")' "$1" "$2"
}

plan 50

# exit status is the command's, 128+N when killed.
"$SYSGATE" stat -o "$t/s0" -- "$LOOP" 10
is "$?" 0 "exit status 0 passed through"
"$SYSGATE" stat -o "$t/s7" -- "$LOOP" 10 7
is "$?" 7 "exit status 7 passed through"
"$SYSGATE" stat -o "$t/k" -- sh -c 'kill -TERM $$'
is "$?" 143 "killed by SIGTERM gives 128+15"
ok "$(grep -F "was killed by SIGTERM" "$t/k")" "the report says the command was killed"

# the total is exact: perf stat counts the same raw_syscalls:sys_enter.
for args in "1000" "200000"; do
  "$SYSGATE" stat --json -o "$t/p.json" -- "$LOOP" $args
  got=$(json "$t/p.json" 'd["events"]["syscalls"]["count"]')
  if [ -x /usr/bin/perf ] || command -v perf >/dev/null; then
    want=$(perf stat -x, -e raw_syscalls:sys_enter -- "$LOOP" $args 2>&1 >/dev/null |
      awk -F, '/raw_syscalls:sys_enter/ {print $1}')
    if [ -n "$want" ] && [ "$want" -eq "$want" ] 2>/dev/null; then
      ok "$(within_1pct "$got" "$want")" "syscall total $got within 1% of perf stat's $want ($args getppid)"
    else
      skip "perf stat cannot count raw_syscalls:sys_enter here"
    fi
  else
    skip "perf not installed"
  fi
done
# (The loop makes fewer than 20 distinct syscalls, so the top list holds them all.)
is "$(json "$t/p.json" 'len(d["top_syscalls"]) < 20 and d["events"]["syscalls"]["count"] - d["syscalls_unnamed"] == sum(x["count"] for x in d["top_syscalls"])')" \
  True "named syscalls and the unnamed rest add up to the total"

# names: getppid is the top syscall, with its exact count, in JSON and text.
is "$(json "$t/p.json" 'd["top_syscalls"][0]["name"]')" getppid "top syscall of the loop is getppid"
is "$(json "$t/p.json" 'd["top_syscalls"][0]["count"]')" 200000 "getppid counted exactly (200000)"
"$SYSGATE" stat -o "$t/text" -- "$LOOP" 5000
ok "$(grep -E '^  getppid +5000 ' "$t/text")" "text report lists 5000 getppid"

# children and orphaned grandchildren are counted (inherit + subreaper).
"$SYSGATE" stat --json -o "$t/tree.json" -- "$LOOP" 20000 0 2 1
is "$(json "$t/tree.json" '[x["count"] for x in d["top_syscalls"] if x["name"]=="getppid"][0]')" 80000 \
  "getppid of the command, 2 children and 1 orphan: 4 x 20000"
is "$(json "$t/tree.json" 'd["top_syscalls"][0]["name"]')" getppid "getppid on top for the process tree"

# JSON is one object with real numbers; the rows add up.
is "$(json "$t/p.json" 'type(d["events"]["syscalls"]["count"]).__name__')" int "counts are JSON integers"
is "$(json "$t/p.json" 'type(d["events"]["syscalls"]["per_second"]).__name__')" float "rates are JSON numbers"
is "$(json "$t/p.json" 'd["kernel_entries"] == sum(v["count"] for k,v in d["events"].items() if v and "share" in v and k not in ("kernel_entries",) and not k.startswith("page_faults_user_"))')" \
  True "kernel entries = syscalls + faults + interrupts"
"$SYSGATE" stat --json -o "$t/s7.json" -- "$LOOP" 10 7
is "$(json "$t/s7.json" 'd["exit_status"]')" 7 "JSON carries the exit status"
"$SYSGATE" stat --json -o - -- "$LOOP" 10 > "$t/stdout.json" 2> "$t/stderr"
ok "$(python3 -c 'import json,sys; json.load(open(sys.argv[1])); print(1)' "$t/stdout.json" 2>/dev/null)" \
  "-o - writes parseable JSON to stdout"

# -o writes the file atomically; the report is not also on stderr.
"$SYSGATE" stat -o "$t/atomic" -- "$LOOP" 10 2> "$t/atomic.err"
ok "$(grep -F 'kernel entries' "$t/atomic")" "-o FILE holds the table"
is "$(ls "$t" | grep -c '\.tmp\.')$(wc -c < "$t/atomic.err")" 00 "no temporary file left, nothing on stderr"

# -p on a sleeping process, stopped by SIGINT: the process keeps running.
sleep 300 & sp=$!
bg_pids+=("$sp")
"$SYSGATE" stat --json -o "$t/pid.json" -p "$sp" & gp=$!
bg_pids+=("$gp")
if wait_perf_fds "$gp" 10; then
  sleep 0.3
  kill -INT "$gp"
  wait "$gp"
  is "$?" 0 "-p stopped by SIGINT exits 0"
  ok "$(kill -0 "$sp" 2>/dev/null && echo alive)" "the counted process is still running"
  is "$(json "$t/pid.json" 'd["pids"] == ['"$sp"'] and d["interrupted"]')" True "JSON names the pid and the interruption"
  is "$(grep -c '^State:.*[RS]' /proc/"$sp"/status)" 1 "the process was not stopped"
else
  ok "" "-p attached within 20 s"; ok "" "-"; ok "" "-"; ok "" "-"
fi
kill "$sp" 2>/dev/null

# -p on a busy process counts its syscalls by name, then lets it go on.
"$LOOP" 2000000000 & bp=$!
bg_pids+=("$bp")
"$SYSGATE" stat --json -o "$t/busy.json" -p "$bp" & gp=$!
bg_pids+=("$gp")
if wait_perf_fds "$gp" 10; then
  sleep 0.5
  kill -INT "$gp"
  wait "$gp"
  is "$(json "$t/busy.json" 'd["top_syscalls"][0]["name"] == "getppid" and d["events"]["syscalls"]["count"] > 0')" \
    True "-p counts the busy process's getppid calls"
  ok "$(kill -0 "$bp" 2>/dev/null && echo alive)" "the busy process is still running"
else
  ok "" "-p attached within 20 s"; ok "" "-"
fi
kill "$bp" 2>/dev/null

# Names counted in the kernel (BPF, the default where it loads) and from perf
# samples (the fallback) agree call for call, children included; -p both ways.
is "$(json "$t/tree.json" 'd["syscalls_named_by"]')" bpf "as root, syscalls are named by the BPF counter"
"$SYSGATE" stat --names samples --json -o "$t/tree_s.json" -- "$LOOP" 20000 0 2 1
is "$(json "$t/tree_s.json" 'd["syscalls_named_by"]')" samples "--names samples samples every sys_enter"
same_names='sorted((x["name"], x["count"]) for x in d["top_syscalls"] if x["name"] == "getppid")'
is "$(json "$t/tree_s.json" "$same_names")" "$(json "$t/tree.json" "$same_names")" \
  "getppid of the process tree: the same count either way"
"$SYSGATE" stat --json -o "$t/threads.json" -- "$PROGS/threads"
is "$(json "$t/threads.json" '[x["count"] for x in d["top_syscalls"] if x["name"] == "getppid"]')" "[40]" \
  "BPF: the getppid calls of four threads (4 x 10)"
is "$(json "$t/tree.json" 'd["events"]["syscalls"]["count"] - d["syscalls_unnamed"] == sum(x["count"] for x in d["top_syscalls"]) or len(d["top_syscalls"]) == 20')" \
  True "BPF: named syscalls and the unnamed rest add up to the total"
"$LOOP" 2000000000 & bp=$!
bg_pids+=("$bp")
"$SYSGATE" stat --names samples --json -o "$t/busy_s.json" -p "$bp" & gp=$!
bg_pids+=("$gp")
if wait_perf_fds "$gp" 10; then
  sleep 0.5
  kill -INT "$gp"
  wait "$gp"
  is "$(json "$t/busy_s.json" 'd["top_syscalls"][0]["name"] == "getppid" and d["syscalls_named_by"] == "samples"')" \
    True "-p --names samples counts the busy process's getppid calls"
else
  ok "" "-p --names samples attached within 20 s"
fi
kill "$bp" 2>/dev/null

# -p ends by itself when the process exits.
sleep 1 & sp=$!
"$SYSGATE" stat -o "$t/exit" -p "$sp"
ok "$(grep -F 'counted until it exited' "$t/exit")" "-p stops when the process exits"

# Where the kernel refuses BPF (here: sysgate trace makes every bpf() fail with
# EPERM), auto samples instead and says why; --names bpf stops with one line.
no_bpf=("$SYSGATE" trace -f -e trace=bpf -e inject=bpf:error=EPERM -o /dev/null --)
ASAN_OPTIONS=detect_leaks=0 "${no_bpf[@]}" "$SYSGATE" stat --json -o "$t/nobpf.json" -- "$LOOP" 1000
is "$(json "$t/nobpf.json" '(d["syscalls_named_by"], d["bpf_refused"], d["top_syscalls"][0]["count"])')" \
  "('samples', 'Operation not permitted', 1000)" "BPF refused: named from samples, the refusal reported"
ASAN_OPTIONS=detect_leaks=0 "${no_bpf[@]}" "$SYSGATE" stat --names bpf -o "$t/nobpf2" -- true 2> "$t/nobpf2.err"
is "$?:$(grep -c . "$t/nobpf2.err"):$(grep -c '^sysgate: cannot count syscalls with BPF: Operation not permitted; run as root' "$t/nobpf2.err")" \
  1:1:1 "--names bpf where BPF is refused: one line, status 1"

# -a: the whole machine while a command runs, an unrelated process's calls
# included; --cgroup: only that cgroup's tasks (a loop moved into a cgroup v2
# made here counts, a dd outside it does not).
"$LOOP" 2000000000 & bp=$!
bg_pids+=("$bp")
"$SYSGATE" stat -a --json -o "$t/all.json" -- sleep 0.3
is "$(json "$t/all.json" 'd["scope"] == "machine" and [x["count"] > 1000 for x in d["top_syscalls"] if x["name"] == "getppid"] == [True]')" \
  True "-a counts the getppid calls of a process sysgate did not start"
kill "$bp" 2>/dev/null
"$SYSGATE" stat -a --json -o "$t/all_int.json" & gp=$!
bg_pids+=("$gp")
sleep 0.5
kill -INT "$gp"
wait "$gp"
is "$?:$(json "$t/all_int.json" 'd["interrupted"] and d["events"]["syscalls"]["count"] > 0')" 0:True \
  "-a without a command counts until SIGINT, then reports and exits 0"
cg_root=$(awk '$3 == "cgroup2" {print $2; exit}' /proc/mounts)
if [ -n "$cg_root" ] && mkdir "$cg_root/sysgate-stat-$$" 2>/dev/null; then
  cg="$cg_root/sysgate-stat-$$"
  sh -c 'echo $$ > "$1/cgroup.procs" && exec "$2" 2000000000' sh "$cg" "$LOOP" & bp=$!
  dd if=/dev/zero of=/dev/null bs=1 count=1000000000 2>/dev/null & dp=$!
  bg_pids+=("$bp" "$dp")
  sleep 0.2
  "$SYSGATE" stat --cgroup "$cg" --json -o "$t/cg.json" -- sleep 0.3
  is "$(json "$t/cg.json" 'd["scope"] == "cgroup" and d["top_syscalls"][0]["name"] == "getppid" and d["top_syscalls"][0]["count"] > 1000')" \
    True "--cgroup counts the getppid calls of the loop in the cgroup"
  is "$(json "$t/cg.json" 'sum(x["count"] for x in d["top_syscalls"] if x["name"] in ("read", "write")) < 100')" \
    True "--cgroup leaves out the dd outside it"
  kill -KILL "$bp" "$dp" 2>/dev/null
  wait "$bp" "$dp" 2>/dev/null
  rmdir "$cg"
else
  skip "no cgroup v2 hierarchy to make a cgroup in"
  skip "no cgroup v2 hierarchy to make a cgroup in"
fi

# bad input: one line on stderr, non-zero exit.
one_line_error() { # one_line_error EXPECTED-STATUS GREP-PATTERN NAME -- ARGS...
  local want=$1 pat=$2 name=$3
  shift 4
  "$SYSGATE" "$@" > "$t/bad.out" 2> "$t/bad.err"
  local st=$?
  local lines
  lines=$(wc -l < "$t/bad.err")
  if [ "$st" = "$want" ] && [ "$lines" = 1 ] && grep -qE "$pat" "$t/bad.err"; then
    ok yes "$name"
  else
    ok "" "$name"
    printf '#   status %s, stderr:\n' "$st"
    sed 's/^/#   /' "$t/bad.err" | head -5
  fi
}
one_line_error 127 "^sysgate: cannot run 'no-such-command-xyz': No such file or directory$" \
  "command not found: exit 127, one line" -- stat -- no-such-command-xyz
one_line_error 2 "^sysgate stat: put '--' before the command" "no '--' before the command" -- stat ls
one_line_error 2 "^sysgate stat: .*no '--', -p, -a or --cgroup" "nothing to count" -- stat
one_line_error 2 "^sysgate stat: bad pid 'abc'" "non-numeric pid" -- stat -p abc
one_line_error 1 "^sysgate: no process with pid '2147483647'" "pid of no process" -- stat -p 2147483647
one_line_error 2 "^sysgate stat: unknown option '--bogus'" "unknown option" -- stat --bogus -- true
one_line_error 2 "^sysgate stat: give either -p PID or -- CMD, not both" "-p and a command together" \
  -- stat -p 1 -- true
one_line_error 2 "^sysgate stat: unknown --names 'fast'; give auto, bpf or samples" "unknown --names" \
  -- stat --names fast -- true
one_line_error 2 "^sysgate stat: give either -p PID or -a/--cgroup, not both" "-a with -p" \
  -- stat -a -p 1
one_line_error 1 "^sysgate: cannot open cgroup '/nonexistent/cg': No such file or directory; give a path" \
  "a missing cgroup" -- stat --cgroup /nonexistent/cg -- true
one_line_error 1 "^sysgate: '/tmp' is not a cgroup v2 directory" "a directory that is no cgroup" \
  -- stat --cgroup /tmp -- true

# Context switches count from exec, as perf stat's do: sysgate's own start-up
# handshake (the child waiting for its go) is not the command's. A program that
# never blocks shows at most one in the best of five runs (the handshake alone
# made two).
best=99
for _ in 1 2 3 4 5; do
  n=$("$SYSGATE" stat -- true 2>&1 >/dev/null | awk '$1 == "context" && $2 == "switches" {print $3}')
  [ -n "$n" ] && [ "$n" -lt "$best" ] && best=$n
done
ok "$([ "$best" -le 1 ] && echo y)" "stat -- true: at most 1 context switch in the best of 5 (got $best)"
