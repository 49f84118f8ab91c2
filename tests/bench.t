#!/usr/bin/env bash
# sysgate bench in smoke mode: every rung runs with a tiny count and gives a sane
# number; physics orders some of them. Timing targets live in make bench, not here.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
plan 10

timeout -k 5 300 "$SYSGATE" bench --smoke --json "$t/b.json" --svg "$t/b.svg" > "$t/table" 2> "$t/smoke.err"
is "$?" 0 "bench --smoke runs every rung"
check=$(python3 - "$t/b.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rows = {r["name"]: r for r in d["rungs"]}
# An indirect cost is a difference of two walks: in a tiny smoke run it may be noise
# around zero, so only its finiteness is checked; every other rung must cost > 0.
def sane(r):
    if r["group"] == "indirect":
        return abs(r["median_ns"]) < 1e9
    return r["median_ns"] > 0
bad = [n for n, r in rows.items()
       if r["status"] == "failed" or (r["status"] == "ok" and not sane(r))
       or (r["status"] == "skipped" and not r["note"])]
print("bad:" + ",".join(bad) if bad else "sane")
env = d["environment"]
print("env" if env["cpu_model"] and env["kernel"] and env["cores"] >= 1 and env["tsc_ghz"] > 0 else "noenv")
def med(n): return rows[n]["median_ns"] if n in rows and rows[n]["status"] == "ok" else None
order = [n for n in ("call", "syscall", "pipe-same") if med(n) is not None]
print("ordered" if all(med(a) < med(b) for a, b in zip(order, order[1:])) and len(order) >= 2 else "unordered:" + str([(n, med(n)) for n in order]))
print(len(rows))
PY
)
is "$(sed -n 1p <<<"$check")" sane "every rung is ok with a positive median, or skipped with a reason"
is "$(sed -n 2p <<<"$check")" env "the environment is recorded"
is "$(sed -n 3p <<<"$check")" ordered "function call < syscall < cross-process round trip"
ok "$([ "$(sed -n 4p <<<"$check")" -ge 5 ] && echo y)" "$(sed -n 4p <<<"$check") rungs"
ok "$(python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1]); print(1)' "$t/b.svg" 2>/dev/null)" \
   "the SVG chart is well-formed XML"
err=$("$SYSGATE" bench --only no-such-rung 2>&1); rc=$?
ok "$([ $rc -ne 0 ] && grep -q "unknown rung 'no-such-rung'" <<<"$err" && echo y)" "unknown rung: one clear error"
echo '{}' > "$t/bad.json"
err=$("$SYSGATE" bench --smoke --only call --compare "$t/bad.json" 2>&1); rc=$?
ok "$([ $rc -ne 0 ] && grep -q 'not from' <<<"$err" && echo y)" "--compare with a foreign file: one clear error"
# Progress on stderr: a line per rung when it is not a terminal (a log), one
# line rewritten on a terminal (script gives one).
"$SYSGATE" bench --only syscall,vdso > /dev/null 2> "$t/progress.err"
is "$(grep -cE '^sysgate bench: rung [12]/2 done \(.*\), [0-9.]+ s so far, ~[0-9]+ s left$' "$t/progress.err")" 2 \
   "progress, not on a terminal: a line per rung, N/total, time left"
TERM=xterm timeout 60 script -qec "$SYSGATE bench --only syscall,vdso" /dev/null < /dev/null > "$t/progress.tty" 2>&1
ok "$(tr '\r' '\n' < "$t/progress.tty" | grep -E '^rung 2/2, ~[0-9]+ s left: ')" "progress on a terminal: rung N/total, ~S s left"
