#!/usr/bin/env bash
# sysgate advise: each mistake program gets its rule's finding and no other, the
# clean ones none; --json, -o, --from, bad input, children, real programs.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
export XDG_CACHE_HOME="$t/cache" # the machine's cost, measured once for the file
plan 44

rules() {  # rules CMD...: the rule ids advise --json finds, sorted, one line
  "$SYSGATE" advise --json -- "$@" 2>/dev/null | python3 -c '
import json, sys
print(" ".join(sorted(json.loads(l)["rule"] for l in sys.stdin if l.startswith("{"))))'
}

is "$(rules "$PROGS/adv_tiny_io" "$t/tiny.out")" "tiny-io" "1-byte writes: tiny-io alone"
is "$(rules "$PROGS/adv_enoent_storm")" "enoent-storm" "one name missing along a path: enoent-storm alone"
is "$(rules "$PROGS/adv_repeated_stat")" "repeated-stat" "one path stat'ed again and again: repeated-stat alone"
is "$(rules "$PROGS/adv_clock_syscall")" "clock-syscall" "syscall(SYS_clock_gettime): clock-syscall alone"
# The second batch: each mistake program and its fixed twin, doing the same work.
# adv_seek_then_io reads 64-byte records, which tiny-io rightly names too.
for p in seek_then_io busy_poll mmap_churn fsync_storm reopen failed_retries fault_heavy; do
  want=${p//_/-}; [ "$p" = seek_then_io ] && want="seek-then-io tiny-io"
  is "$(rules "$PROGS/adv_$p")" "$want" "adv_$p: $want"
done
for p in seek_then_io busy_poll mmap_churn fsync_storm reopen failed_retries; do
  want=""; [ "$p" = seek_then_io ] && want="tiny-io"
  is "$(rules "$PROGS/adv_${p}_fixed")" "$want" "adv_${p}_fixed: ${want:-no finding}"
done
is "$(rules "$PROGS/adv_tiny_io_fixed" "$t/tiny.out")" "" "adv_tiny_io_fixed: the same bytes buffered, no finding"
is "$(rules "$PROGS/adv_clean_copy" "$t/copy.out")" "" "a buffered 4 MiB copy: no finding"
is "$(rules "$PROGS/adv_clean_clock")" "" "a compute loop on the vDSO clock: no finding"
is "$(rules "$PROGS/adv_clock_syscall" child)" "clock-syscall" "the mistake in a forked child is found"
is "$(rules "$PROGS/adv_repeated_stat" --no-such-option)" "repeated-stat" "arguments after CMD are CMD's"

# --json: the fields tools read, numbers as numbers.
"$SYSGATE" advise --json -- "$PROGS/adv_tiny_io" "$t/tiny.out" > "$t/j" 2>/dev/null
is "$(python3 -c '
import json, sys
for l in open(sys.argv[1]):
    f = json.loads(l)
    assert all(isinstance(f[k], int) for k in ("count", "est_wasted_ns", "est_saving_ns")), f
    assert isinstance(f["fix"], str) and f["fix"] and "site" in f, f
    assert 0 < f["est_saving_ns"] <= f["est_wasted_ns"], f
print("ok")' "$t/j")" "ok" "--json: count, est_wasted_ns, est_saving_ns are numbers; site, fix there"

# Sites by default: the function of the program that made the calls, on the
# default backend and under ptrace; --no-stack gives none.
site() {  # site ARGS...: the site of advise --json's first finding
  "$SYSGATE" advise --json "$@" 2>/dev/null | python3 -c '
import json, sys
print(json.loads(sys.stdin.readline())["site"])'
}
ok "$(site -- "$PROGS/adv_tiny_io" "$t/tiny.out" | grep -E '^main\+0x[0-9a-f]+ \(.*/adv_tiny_io\)$')" \
  "a site by default: main of adv_tiny_io"
ok "$(site --backend ptrace -- "$PROGS/adv_tiny_io" "$t/tiny.out" | grep -E '^main\+0x[0-9a-f]+ \(.*/adv_tiny_io\)$')" \
  "--backend ptrace: the same site"
# Its libc is in it: the site is libc's write, in the program.
ok "$(site -- "$PROGS/adv_tiny_io_static" "$t/tiny.out" | grep -E '^[A-Za-z_]\w*\+0x[0-9a-f]+ \(.*/adv_tiny_io_static\)$')" \
  "a statically linked program (under ptrace all its run) has its site too"
is "$(site --no-stack -- "$PROGS/adv_tiny_io" "$t/tiny.out")" "None" "--no-stack: no site"

# Text: rule, estimates, what, examples and the fix.
out=$("$SYSGATE" advise -- "$PROGS/adv_clock_syscall" 2>/dev/null)
ok "$(grep -E '^1\. clock-syscall: 2000 calls, est\. .* wasted; the fix saves est\.' <<<"$out")" \
  "text: the finding's headline"
ok "$(grep -F 'e.g.: clock_gettime(CLOCK_MONOTONIC' <<<"$out")" "text: examples as trace prints them"
# In-process, the data of read and write is copied for the first calls of each
# thread, then one in 256: a group that starts late still shows it.
out=$("$SYSGATE" advise --backend auto -- python3 -c '
import os
f = os.open("/dev/null", os.O_WRONLY); g = os.open("/dev/null", os.O_WRONLY)
for _ in range(300): os.write(f, b"a")
for _ in range(600): os.write(g, b"b")' 2>/dev/null)
ok "$(grep -E '^   e\.g\.: write\([0-9]+, "b", 1\) = 1$' <<<"$out")" \
  "in-process: a group that starts late shows its data in an example"
# Under ptrace write's data is read at the call's end, when its text is made.
out=$("$SYSGATE" advise --backend ptrace -- "$PROGS/adv_tiny_io" "$t/tiny.out" 3000 2>/dev/null)
ok "$(grep -F 'e.g.: write(3, "x", 1) = 1' <<<"$out")" "--backend ptrace: a write's example shows its data"

# -o: the report whole in FILE, nothing on stdout; a run killed leaves nothing.
"$SYSGATE" advise -o "$t/report" -- "$PROGS/adv_repeated_stat" > "$t/stdout" 2>/dev/null
ok "$(grep '^1\. repeated-stat' "$t/report")" "-o FILE holds the report"
ok "$(! grep -q 'sysgate advise' "$t/stdout" && echo yes)" "-o: no report on stdout"
"$SYSGATE" advise -o "$t/killed" -- sleep 10 >/dev/null 2>&1 & pid=$!
sleep 1; kill -9 $pid; wait $pid 2>/dev/null
ok "$(ls "$t" | grep -q killed || echo none)" "-o: a run killed with SIGKILL leaves no file"

# --from: a recorded trace gives the same findings as the live run.
"$SYSGATE" trace --backend auto --json -f -o "$t/rec.jsonl" -- "$PROGS/adv_repeated_stat" >/dev/null 2>&1
"$SYSGATE" trace --backend auto --json -f -o "$t/rec2.jsonl" -- "$PROGS/adv_enoent_storm" >/dev/null 2>&1
cat "$t/rec.jsonl" "$t/rec2.jsonl" > "$t/both.jsonl"
from=$("$SYSGATE" advise --json --from "$t/both.jsonl" | python3 -c '
import json, sys
print(" ".join(sorted("%s:%d" % (f["rule"], f["count"]) for f in map(json.loads, sys.stdin))))')
is "$from" "enoent-storm:64 repeated-stat:199" "--from a recorded trace: the live run's findings and counts"

# Bad input: one clear line on stderr, non-zero.
printf '{"type":"syscall","syscall":"read","nr":0}\nnot json\n' > "$t/bad.jsonl"
"$SYSGATE" advise --from "$t/bad.jsonl" > /dev/null 2> "$t/err"; rc=$?
ok "$([ $rc -ne 0 ] && [ "$(wc -l < "$t/err")" = 1 ] && grep -F 'bad.jsonl:2: not a JSON object' "$t/err")" \
  "--from: a bad line is named, exit non-zero"
"$SYSGATE" advise --threshold 0 -- true 2> "$t/err"; rc=$?
ok "$([ $rc = 2 ] && grep -F "invalid --threshold '0'" "$t/err")" "--threshold 0: a usage error"
"$SYSGATE" advise 2> "$t/err"; rc=$?
ok "$([ $rc = 2 ] && grep -F 'no command to run' "$t/err")" "no command: a usage error"
# --threshold: a factor on the minimums; 200 stats fall short of 16 x 20.
is "$("$SYSGATE" advise --json --threshold 20 -- "$PROGS/adv_repeated_stat" 2>/dev/null | grep -c rule)" \
  "0" "--threshold 20: the 199 repeats are no longer enough"

# Real programs.
ok "$(rules dd if=/dev/zero of=/dev/null bs=1 count=5000 | grep -x 'tiny-io tiny-io')" \
  "dd bs=1: tiny-io on its reads and on its writes"
py=$(rules /usr/bin/python3 -c 'import json')
ok "$(grep -E 'enoent-storm' <<<"$py" | grep -E 'repeated-stat')" \
  "python3 -c 'import json': enoent-storm (extension-module probes) and repeated-stat (its path's directories)"
# A shell loop of cat on one file: each cat is a new process, so repeated-stat
# and mmap-churn (per process) find nothing; reopen finds the file every cat
# opens, and every cat misses the same locale files.
loop=$(rules sh -c 'for i in $(seq 60); do cat /etc/hostname; done > /dev/null')
ok "$(grep -qwE 'tiny-io|clock-syscall|repeated-stat|mmap-churn' <<<"$loop" || echo ok)" \
  "shell loop of cat: none of tiny-io, repeated-stat, clock-syscall, mmap-churn"
"$SYSGATE" advise --json -- sh -c 'for i in $(seq 60); do cat /etc/hostname; done > /dev/null' \
  2>/dev/null > "$t/loop.json"
ok "$(grep '"rule":"reopen"' "$t/loop.json" | grep -q '/etc/hostname' && echo y)" \
  "shell loop of cat: reopen names /etc/hostname"
# On a terminal (script gives one), advise says what it waits for.
TERM=xterm timeout 30 script -qec "$SYSGATE advise -- /bin/true" /dev/null < /dev/null > "$t/advise.tty" 2>&1
ok "$(tr -d '\r' < "$t/advise.tty" | grep -F "sysgate advise: running '/bin/true' (backend auto); the report comes when it ends")" \
   "on a terminal: advise says what it waits for"
