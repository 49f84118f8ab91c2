#!/usr/bin/env bash
# sysgate learn: a learned profile runs the same program again under jail with no
# denial (JSON and text formats), something outside it is denied, bad input.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
plan 36
L() { timeout 120 "$SYSGATE" learn "$@"; }
J() { timeout 120 "$SYSGATE" jail "$@"; }

# Learn CMD in FORMAT, replay it under jail: same output, same status, empty report.
roundtrip() {  # roundtrip NAME FORMAT CMD...
  local name=$1 fmt=$2 flag=--profile; shift 2
  [ "$fmt" = policy ] && flag=--policy
  L --format "$fmt" -o "$t/$name.$fmt" -- "$@" > "$t/$name.out1" 2>/dev/null; local s1=$?
  J $flag "$t/$name.$fmt" --report "$t/$name.r" -- "$@" > "$t/$name.out2" 2>/dev/null; local s2=$?
  # Mode and name only: times and sizes in ls -l / change as other things run.
  is "$s2 $(awk '{print $1, $NF}' "$t/$name.out2")" "$s1 $(awk '{print $1, $NF}' "$t/$name.out1")" "$name ($fmt): same status and output under the learned profile"
  is "$(cat "$t/$name.r" 2>/dev/null)" "" "$name ($fmt): no denial"
}

# 1-12: three real programs, both formats.
for fmt in json policy; do
  roundtrip "pipe" "$fmt" sh -c 'echo hi | cat'
  roundtrip "ls" "$fmt" ls -l /
  roundtrip "py" "$fmt" /usr/bin/python3 -c 'import json; print(json.dumps([1]))'
done

# 13-16: the JSON is valid, has the expected shape, and jail explains it.
ok "$(python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))
assert p["defaultAction"] == "SCMP_ACT_ERRNO" and p["defaultErrnoRet"] == 1
assert p["architectures"] == ["SCMP_ARCH_X86_64"]
names = [n for e in p["syscalls"] for n in e["names"]]
assert "execve" in names and "openat" in names
print("valid")' "$t/py.json" 2>&1 | grep -x valid)" "the learned profile is valid JSON with the expected fields"
J --profile "$t/py.json" --explain > "$t/explain" 2>&1
is "$?" 0 "jail --explain accepts the learned profile"
ok "$(grep -E '^bpf: [0-9]+ instructions, within' "$t/explain")" "--explain prints the filter size"
L -o "$t/ls.json" -- ls -l / >/dev/null 2>&1
ok "$(python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))
e = [e for e in p["syscalls"] if e["names"] == ["socket"]]
assert e and all(a["args"][0]["index"] == 0 and a["args"][0]["op"] == "SCMP_CMP_MASKED_EQ" for a in e)
print("ok")' "$t/ls.json" 2>&1 | grep -x ok)" "socket is allowed only for the families seen (ls -l looks up users over AF_UNIX)"

# 17-19: outside the learned set is denied and reported (--runtime none: runc's own
# calls, which include getppid, are not added).
L --runtime none -o "$t/g.json" -- "$PROGS/getppid_errno" 0 > /dev/null 2>&1
is "$(J --profile "$t/g.json" --report "$t/g.r" -- "$PROGS/getppid_errno" 3 2>/dev/null)" "eperm 3 of 3" \
   "getppid, never made while learning, fails with EPERM"
is "$(grep -c '"syscall":"getppid"' "$t/g.r")" 3 "each getppid is reported"
L --runtime none -o "$t/true.json" -- true 2>/dev/null
J --profile "$t/true.json" --report "$t/true.r" -- sh -c 'cat /etc/hostname' > /dev/null 2>&1
ok "$(grep '"default":true' "$t/true.r")" "a profile learned from true denies what sh and cat need"

# 20-21: the exit status is the command's; the profile is still written.
L -o "$t/st.json" -- sh -c 'exit 7' 2>/dev/null
is "$?" 7 "learn exits with the command's status"
ok "$(grep -F '"execve"' "$t/st.json")" "the profile includes execve"

# 22: the text format parses with jail --policy --explain.
L --format policy -o "$t/sh.pol" -- sh -c 'echo hi | cat' >/dev/null 2>&1
J --policy "$t/sh.pol" --explain >/dev/null 2>&1
is "$?" 0 "jail --explain accepts the learned text policy"

# 23-29: bad input gives one clear line.
err() { L "$@" 2>&1 >/dev/null; }
is "$(err true)" "sysgate learn: missing '--' before the command 'true' (sysgate learn [options] -- CMD)" "missing --"
is "$(err -o "$t/x")" "sysgate learn: missing '--' before the command (sysgate learn [options] -- CMD)" "missing -- and command"
is "$(err --)" "sysgate learn: no command after '--'" "no command"
is "$(err --format xml -- true)" "sysgate learn: unknown format 'xml' (json, docker, oci or policy)" "unknown format"
is "$(err --frobnicate -- true)" "sysgate learn: unknown option '--frobnicate'; see 'sysgate help learn'" "unknown option"
is "$(err -- /nonexistent/prog | wc -l)" 1 "a command that cannot run: one line"
is "$(err --runtime crun -- true)" "sysgate learn: unknown runtime 'crun' (runc or none)" "unknown runtime"

# 30-32: the container runtime's own calls: in the JSON formats by default, not in
# the text policy, and left out with --runtime none.
names() { python3 -c 'import json, sys
print(" ".join(sorted({n for e in json.load(open(sys.argv[1]))["syscalls"] for n in e["names"]})))' "$1"; }
L -o "$t/rt.json" -- true 2>/dev/null
ok "$(names "$t/rt.json" | grep -w capset | grep -w fstatfs)" "JSON: runc's calls after the filter (capset, fstatfs) are allowed"
L --format policy -o "$t/rt.pol" -- true 2>/dev/null
is "$(grep -cw capset "$t/rt.pol")" 0 "the text policy has only what the command made"
L --format policy --runtime runc -o "$t/rt2.pol" -- true 2>/dev/null
ok "$(grep -w capset "$t/rt2.pol")" "--runtime runc adds them to the text policy too"

# 33-35: more than 16 ioctl requests: ioctl is allowed outright, and the profile says why.
MANY='import fcntl
for i in range(20):
    try: fcntl.ioctl(0, 0x7700 + i)
    except OSError: pass'
L -o "$t/many.json" -- python3 -c "$MANY" </dev/null 2>/dev/null
ok "$(grep -F '"comment": "allowed whatever the arguments: ioctl (more than 16 argument values seen)"' "$t/many.json")" \
   "the JSON entry's comment says why ioctl is unconditional"
L --format policy -o "$t/many.pol" -- python3 -c "$MANY" </dev/null 2>/dev/null
ok "$(grep -Fx '# ioctl: allowed whatever the arguments: more than 16 argument values seen' "$t/many.pol")" \
   "the text policy says it in a comment"
J --profile "$t/many.json" --report "$t/many.r" -- python3 -c "$MANY" </dev/null 2>/dev/null
is "$?:$(cat "$t/many.r")" "0:" "the program runs under it with no denial"
# On a terminal (script gives one), learn says what it waits for.
TERM=xterm timeout 30 script -qec "$SYSGATE learn -o $t/tty.json -- /bin/true" /dev/null < /dev/null > "$t/learn.tty" 2>&1
ok "$(tr -d '\r' < "$t/learn.tty" | grep -F "sysgate learn: running '/bin/true', recording the syscalls it needs; the profile is written when it ends (Ctrl-C ends it)")" \
   "on a terminal: learn says what it waits for"
