#!/usr/bin/env bash
# sysgate trace: decoders (strace's method), options, exit status, bad input.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
plan 41

# 1-2: decoder lines printed by the traced program itself must appear verbatim.
"$SYSGATE" trace -o "$t/out" -- "$PROGS/decoders" "$t/expected" "$t"
is "$?" 0 "decoders program runs under trace"
sed 's/  *= / = /' "$t/out" > "$t/out.n"
missing=$(while IFS= read -r l; do grep -qxF -- "$l" "$t/out.n" || echo "$l"; done < "$t/expected")
is "$missing" "" "every expected decoder line ($(wc -l < "$t/expected")) is in the trace"

# 3-5: exit status and death by signal, like strace.
"$SYSGATE" trace -o /dev/null -- sh -c 'exit 7'
is "$?" 7 "exit status of the command is passed through"
"$SYSGATE" trace -o "$t/k" -- sh -c 'kill -TERM $$'
is "$?" 143 "killed by SIGTERM gives 128+15"
ok "$(grep -x '+++ killed by SIGTERM +++' "$t/k")" "+++ killed by SIGTERM +++ line"

# 6-7: -o writes the file atomically: no temporary left behind.
"$SYSGATE" trace -o "$t/o1" -- true
ok "$(grep -x '+++ exited with 0 +++' "$t/o1")" "-o file ends with the exit line"
is "$(ls "$t" | grep -c '\.tmp\.')" 0 "no temporary file left next to -o"

# 8-9: -e trace= with a class, and the seccomp prefilter installed for a subset.
"$SYSGATE" trace -o "$t/cls" -e trace=%network -- "$PROGS/decoders" "$t/e2" "$t"
is "$(grep -v '^+++' "$t/cls" | sed 's/(.*//' | sort -u | tr '\n' ' ')" \
   "connect sendto socket socketpair " "-e trace=%network shows only network calls"
out=$("$SYSGATE" trace -f -o /dev/null -e trace=openat -- grep Seccomp: /proc/self/status)
is "$(echo $out)" "Seccomp: 2" "with -f a subset installs the seccomp prefilter in the tracee"
"$SYSGATE" trace -o "$t/all" -- grep Seccomp: /proc/self/status > "$t/nofilter"
is "$(tr -s '\t ' ' ' < "$t/nofilter")" "Seccomp: 0" "tracing everything installs no filter"

# 11: negation.
"$SYSGATE" trace -o "$t/neg" -e 'trace=!write,exit_group' -- echo hi > /dev/null
is "$(grep -cE '^(write|exit_group)\(' "$t/neg")" 0 "-e trace=!write,exit_group hides them"

# 12-13: status filters.
"$SYSGATE" trace -o "$t/failed" -e status=failed -- cat /nonexistent 2>/dev/null
is "$(grep -v '^+++' "$t/failed" | grep -vc ' = -1 ')" 0 "status=failed shows only failures"
ok "$(grep -F 'openat(AT_FDCWD, "/nonexistent", O_RDONLY' "$t/failed")" "the failed open is shown"

# 14-16: fault injection.
# LC_ALL=C: cat opens ld.so.cache, libc, then its file (the 3rd openat).
out=$(LC_ALL=C "$SYSGATE" trace -o "$t/inj" -e trace=openat -e inject=openat:error=ENOSPC:when=3 \
      -- cat /etc/hostname 2>&1 >/dev/null)
ok "$(grep -F 'No space left on device' <<<"$out")" "injected ENOSPC reaches the program"
is "$(grep -c 'ENOSPC' "$t/inj")" 1 "when=3 injects exactly once"
is "$(grep -n ENOSPC "$t/inj" | cut -d: -f1)" 3 "on the 3rd openat, /etc/hostname"

# The call was really skipped, not only reported as failed: no directory appears.
"$SYSGATE" trace -o /dev/null -e inject=mkdir:error=EACCES -- mkdir "$t/injdir" 2>/dev/null
ok "$([ $? -ne 0 ] && [ ! -e "$t/injdir" ] && echo y)" "an injected mkdir is skipped: no directory"

# Without -f, a child nobody traces never sees its calls changed: not by the
# selection (no prefilter to inherit) and not by -e inject=; as in strace.
for b in ptrace sud rewrite; do
  extra=(); [ $b = rewrite ] && extra=(--allow-page0)
  out=$("$SYSGATE" trace --backend $b "${extra[@]}" -o "$t/pf" -e trace=write -- \
        sh -c '/bin/echo child-ok; echo parent-ok' 2>/dev/null)
  is "$(echo $out)" "child-ok parent-ok" "$b, -e trace=write without -f: the untraced child writes"
  "$SYSGATE" trace --backend $b "${extra[@]}" -o /dev/null -e trace=openat -- \
        sh -c '/bin/cat /etc/hostname' >/dev/null 2>&1
  is "$?" 0 "$b, -e trace=openat without -f: the untraced child opens its files"
done
"$SYSGATE" trace -o /dev/null -e inject=mkdir:error=EACCES -- sh -c "mkdir '$t/kid'" 2>/dev/null
ok "$([ $? -eq 0 ] && [ -d "$t/kid" ] && echo y)" "-e inject= without -f leaves an untraced child alone"
# With a subset as well (a subset with -f installs a prefilter, which a child
# would inherit): the child's mkdir still runs.
"$SYSGATE" trace -o /dev/null -e trace=write -e inject=mkdir:error=EACCES -- sh -c "mkdir '$t/kid1b'" 2>/dev/null
ok "$([ $? -eq 0 ] && [ -d "$t/kid1b" ] && echo y)" "-e trace= and -e inject= without -f leave an untraced child alone"
"$SYSGATE" trace -f -o /dev/null -e inject=mkdir:error=EACCES -- sh -c "mkdir '$t/kid2'" 2>/dev/null
ok "$([ $? -ne 0 ] && [ ! -e "$t/kid2" ] && echo y)" "with -f the injection reaches the child"

# 17: -c summary.
"$SYSGATE" trace -c -o "$t/sum" -- "$PROGS/nullloop" 1000
ok "$(grep -E '^ *[0-9.]+ +[0-9.]+ +[0-9]+ +1000 +getppid$' "$t/sum")" "-c counts 1000 getppid"

# 18-20: -y, -T, -tt.
"$SYSGATE" trace -y -T -tt -o "$t/yt" -e trace=read -- cat /etc/hostname > /dev/null
ok "$(grep -E '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} read\(3</etc/hostname>, ' "$t/yt")" \
   "-tt timestamps and -y paths"
ok "$(grep -E ' <[0-9]+\.[0-9]{6}>$' "$t/yt")" "-T durations"
"$SYSGATE" trace -s 4 -o "$t/s4" -e trace=write -- echo hello > /dev/null
ok "$(grep -F 'write(1, "hell"..., 6)' "$t/s4")" "-s 4 limits strings"

# 21-22: JSON Lines parse back with names from the table.
"$SYSGATE" trace --json -o "$t/j" -- cat /etc/hostname > /dev/null
check=$(python3 - "$t/j" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
opens = [e for e in ev if e.get("syscall") == "openat" and e["args"].get("filename") == "/etc/hostname"]
ok = opens and opens[0]["ret"] >= 0 and isinstance(opens[0]["ret"], int) and opens[0]["args"]["dfd"] == "AT_FDCWD"
ex = [e for e in ev if e["type"] == "exited"]
print("ok" if ok and ex and ex[-1]["status"] == 0 else "bad")
PY
)
is "$check" ok "JSON events parse, with arg names and numbers"
# argv (and envp with -v) as arrays of strings; a flag word's number beside its name.
"$SYSGATE" trace --json -v -e trace=execve,openat -o "$t/j2" -- env -i A=1 B=x /bin/cat /etc/hostname >/dev/null
check=$(python3 - "$t/j2" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
ex = [e for e in ev if e.get("syscall") == "execve" and e["args"]["filename"] == "/bin/cat"]
op = [e for e in ev if e.get("syscall") == "openat" and e["args"].get("filename") == "/etc/hostname"]
a = ex[0]["args"] if ex else {}
print("ok" if a.get("argv") == ["/bin/cat", "/etc/hostname"] and a.get("envp") == ["A=1", "B=x"]
      and op and op[0]["args"]["flags"] == "O_RDONLY" and op[0]["args"]["flags_value"] == 0
      and "duration_ns" in op[0] else (a, op[:1]))
PY
)
is "$check" ok "JSON: argv and envp as arrays, flags_value beside flags, duration_ns"
is "$(python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]; print(1)' "$t/j")" 1 \
   "every JSON line is valid"

# 23-30: bad input: one line on stderr, non-zero exit.
bad() {  # bad WANT-REGEX NAME -- args...
  local want=$1 name=$2; shift 3
  err=$("$SYSGATE" "$@" 2>&1 >/dev/null); rc=$?
  ok "$([ $rc -ne 0 ] && [ "$(wc -l <<<"$err")" -eq 1 ] && grep -qE "$want" <<<"$err" && echo y)" \
     "$name (rc=$rc: $err)"
}
bad "unknown syscall 'opnat'; did you mean 'openat'" "unknown syscall suggests" -- \
    trace -e trace=opnat -- true
bad "unknown syscall class '%files'" "unknown class" -- trace -e trace=%files -- true
bad "unknown errno 'ENOPE'" "unknown errno in inject" -- trace -e inject=read:error=ENOPE -- true
bad "cannot run 'no-such-cmd-x': No such file" "command not found" -- trace -- no-such-cmd-x
out=$("$SYSGATE" trace -e trace=execve true 2>&1); rc=$?
ok "$([ $rc = 0 ] && grep -q '^execve("/usr/bin/true", \["true"\]' <<<"$out" && echo y)" \
   "a command without '--' is traced, as strace takes it (rc=$rc)"
bad "cannot attach to process 4194000: no such process" "no such pid" -- trace -p 4194000
bad "unknown command 'trcae'" "unknown subcommand" -- trcae
"$SYSGATE" trace -- no-such-cmd-x 2>/dev/null
is "$?" 127 "command not found exits 127"
