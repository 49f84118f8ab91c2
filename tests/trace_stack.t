#!/usr/bin/env bash
# sysgate trace -k: the user-space stack after each call, in strace -k's format,
# against the program's own call chain (main -> outer -> inner -> write) and
# against strace -k on the same program.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
P=$PROGS/stack_calls
LATE=$PROGS/liblate.so
plan 34

# frames FILE CALL: the frame lines that follow the first line holding CALL.
frames() { C=$2 awk 'f && /^ > /{print; next} f{exit} index($0, ENVIRON["C"]){f=1}' "$1"; }
# The functions of the program's own frames, innermost first.
own_functions() { grep -F " > $P(" | sed 's/.*(\([^+)]*\).*/\1/' | tr '\n' ' '; }
# What strace and sysgate must agree on for every frame: the object, and the
# address in it (function names may differ where libdw reads the separate debug
# symbols of a library that strace's unwinder does not).
object_addr() { sed -E 's/^ > ([^(]*)\(.*\) (\[0x[0-9a-f]+\])$/\1 \2/'; }

# 1-5: the write's stack, in order, with the program's path.
"$SYSGATE" trace -k -e trace=write -o "$t/k" -- "$P" > "$t/out"
is "$?:$(cat "$t/out")" "0:stack" "the program runs unharmed under -k"
frames "$t/k" 'write(1, "stack\n", 6)' > "$t/w"
is "$(own_functions < "$t/w")" "inner outer main _start " "frames inner, outer, main of the program, in order"
ok "$(head -1 "$t/w" | grep -E '^ > /[^(]*/libc\.so\.6\((__)?write\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]$')" \
   "the innermost frame is libc's write"
is "$(grep -cvE '^ > /[^(]*\(([^+)]+\+0x[0-9a-f]+)?\) \[0x[0-9a-f]+\]$' "$t/w")" 0 \
   "every frame is OBJECT(FUNCTION+0xOFF) [0xADDR] or OBJECT() [0xADDR]"
is "$(grep -c '^ > ' "$t/k")" "$(wc -l < "$t/w")" "only the shown call has frames (-e trace=write)"

# 6-8: the same frames as strace -k.
if command -v strace >/dev/null; then
  strace -k -e trace=write -o "$t/s" -- "$P" > /dev/null
  frames "$t/s" 'write(1, "stack\n", 6)' > "$t/sw"
  is "$(own_functions < "$t/sw")" "$(own_functions < "$t/w")" "the program's functions are strace's"
  is "$(grep -F " > $P(" "$t/w")" "$(grep -F " > $P(" "$t/sw")" \
     "the program's frames are strace's, offsets and addresses included"
  is "$(object_addr < "$t/w")" "$(object_addr < "$t/sw")" \
     "every frame's object and address are strace's ($(wc -l < "$t/sw") frames)"
else
  for i in 1 2 3; do skip "strace is not installed"; done
fi

# 9: without -k, no frame.
"$SYSGATE" trace -e trace=write -o "$t/nok" -- "$P" > /dev/null
is "$(grep -c '^ > ' "$t/nok")" 0 "without -k no frame is printed"

# 10-11: code in no object: the frame names the address, and the stack ends
# there, as strace prints it.
"$SYSGATE" trace -k -e trace=getppid -o "$t/anon" -- "$P" anon > /dev/null
frames "$t/anon" 'getppid()' > "$t/a"
ok "$(sed -n 1p "$t/a" | grep -E '^ > /[^(]*/libc\.so\.6\(getppid\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]$')" \
   "a call from anonymous code: libc's getppid first"
ok "$(sed -n '2p;3p' "$t/a" | grep -xE ' > unexpected_backtracing_error \[0x[0-9a-f]+\]')" \
   "then the address no object covers, as strace prints it, and nothing after"

# 12: a library mapped after the modules were read (for the write), with -f and a
# subset (the seccomp prefilter, which must still stop the mmap that maps it):
# the unwinder reads the modules again.
"$SYSGATE" trace -f -k -e trace=write,getppid -o "$t/late" -- "$P" late "$LATE" > /dev/null
ok "$(frames "$t/late" 'getppid()' | sed -n 1p | grep -F " > $LATE(late_getppid+0x")" \
   "a library loaded later is named (its mapping refreshed the modules)"

# 13-14: -f with -o: every process's calls have frames, with pid prefixes.
"$SYSGATE" trace -f -k -e trace=write -o "$t/f" -- sh -c "$P; $P" > /dev/null
is "$(grep -cE '^[0-9]+ +write\(1, "stack' "$t/f")" 2 "-f -o: both writes"
is "$(grep -cF " > $P(outer+0x" "$t/f")" 2 "-f -o: each with its frames"

# 15: -ff -o NAME: the frames are in the process's own file.
"$SYSGATE" trace -ff -k -e trace=write -o "$t/pp" -- sh -c "$P" > /dev/null
is "$(cat "$t"/pp.* | grep -cF " > $P(inner+0x")" 1 "-ff: the frames in the process's file"

# 16-17: --json: the frames as an array of the call's object.
"$SYSGATE" trace --json -k -e trace=write -o "$t/j" -- "$P" > /dev/null
is "$(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    ev = json.loads(line)
    if ev.get("syscall") == "write":
        print(" ".join(f["function"] for f in ev["stack"] if f["object"] == sys.argv[2]))' "$t/j" "$P")" \
   "inner outer main _start" "--json: stack is an array of frames, innermost first"
is "$(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    ev = json.loads(line)
    if ev.get("syscall") == "write":
        f = ev["stack"][1]
        print("%s(%s+0x%x) [0x%x]" % (f["object"], f["function"], f["function_offset"], f["offset"]))' "$t/j")" \
   "$(sed -n 2p "$t/w" | sed 's/^ > //')" "--json: a frame holds what the text line shows"

# 18-27: the in-process backends (the agent copies the registers and stack at
# each call; sysgate unwinds): the same frames as --backend ptrace. Only a kernel
# without Syscall User Dispatch (or a rewrite backend without page 0) is a reason
# to skip; any other failure of the probe fails the tests.
inproc_probe() {
  local b=$1 extra=()
  [ "$b" = rewrite ] && extra=(--allow-page0)
  "$SYSGATE" trace --backend "$b" "${extra[@]}" -o "$t/probe.$b" -- /bin/true 2>"$t/probe.$b.err" && return 0
  grep -qE 'no Syscall User Dispatch|needs root|vm.mmap_min_addr' "$t/probe.$b.err" || return 0
  head -1 "$t/probe.$b.err"; return 1
}
"$SYSGATE" trace -f -k -e trace=execve -o "$t/x.ptrace" -- sh -c "$P" > /dev/null 2>&1
frames "$t/x.ptrace" "execve(\"$P\"" > "$t/xf.ptrace"
"$SYSGATE" trace -k -e trace=getppid -o "$t/sig.ptrace" -- "$P" signal > /dev/null 2>&1
frames "$t/sig.ptrace" '--- SIGUSR1' > "$t/sigf.ptrace"
frames "$t/sig.ptrace" 'getppid()' > "$t/sigc.ptrace"
for b in sud rewrite; do
  if ! why=$(inproc_probe $b); then
    for i in 1 2 3 4 5 6 7 8; do skip "--backend $b: $why"; done
    continue
  fi
  extra=(); [ "$b" = rewrite ] && extra=(--allow-page0)
  "$SYSGATE" trace --backend $b "${extra[@]}" -k -e trace=write -o "$t/k.$b" -- "$P" > "$t/out.$b" 2> "$t/err.$b"
  is "$?:$(cat "$t/out.$b"):$(grep -c "pid [0-9]* $b" "$t/err.$b")" "0:stack:1" \
     "--backend $b -k: the program runs unharmed, under $b"
  frames "$t/k.$b" 'write(1, "stack\n", 6)' > "$t/w.$b"
  is "$(own_functions < "$t/w.$b")" "inner outer main _start " "--backend $b: frames inner, outer, main of the program, in order"
  is "$(cat "$t/w.$b")" "$(cat "$t/w")" "--backend $b: every frame is --backend ptrace's ($(wc -l < "$t/w") frames)"
  "$SYSGATE" trace --backend $b "${extra[@]}" -f -k -e trace=write,getppid -o "$t/late.$b" -- "$P" late "$LATE" > /dev/null 2>&1
  is "$(frames "$t/late.$b" 'getppid()' | sed -n 1,2p)" "$(frames "$t/late" 'getppid()' | sed -n 1,2p)" \
     "--backend $b: a library loaded later is named, as under ptrace (its mmap reached sysgate)"
  # An exec that ptrace shows for the agent (the loader's calls follow it): the
  # program's frames, libc's execve first, not the agent's.
  "$SYSGATE" trace --backend $b "${extra[@]}" -f -k -e trace=execve -o "$t/x.$b" -- sh -c "$P" > /dev/null 2>&1
  frames "$t/x.$b" "execve(\"$P\"" > "$t/xf.$b"
  is "$(head -1 "$t/xf.$b" | sed -E 's/\+0x.*//'):$(cat "$t/xf.$b")" \
     " > $(sed -n 's/^ > \([^(]*libc\.so\.6\)(.*/\1/p' "$t/w" | head -1)(execve:$(cat "$t/xf.ptrace")" \
     "--backend $b: sh's execve of the program has the frames ptrace shows, libc's execve first"
  # A signal's line and a call in its handler: the frames ptrace shows, through the
  # signal frame back to raise (the agent's own frames left out, its restorer shown
  # as the program's).
  "$SYSGATE" trace --backend $b "${extra[@]}" -k -e trace=getppid -o "$t/sig.$b" -- "$P" signal > /dev/null 2>&1
  is "$(frames "$t/sig.$b" '--- SIGUSR1')" "$(cat "$t/sigf.ptrace")" \
     "--backend $b: the signal's frames are ptrace's ($(wc -l < "$t/sigf.ptrace") frames)"
  is "$(frames "$t/sig.$b" 'getppid()')" "$(cat "$t/sigc.ptrace")" \
     "--backend $b: a call in the handler has ptrace's frames ($(wc -l < "$t/sigc.ptrace"))"
  ok "$(grep -E 'on_usr1.*' "$t/sig.$b" && grep -E '\(raise' "$t/sig.$b" | head -1)" \
     "--backend $b: they run from the handler back to raise"
done

# 28: -k means nothing to -c, which says so and still counts.
out=$("$SYSGATE" trace -c -k -- "$P" 2>&1 >/dev/null)
ok "$(grep -F 'no effect with -c' <<<"$out")" "-c -k: -k has no effect, as strace says"
