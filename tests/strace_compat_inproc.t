#!/usr/bin/env bash
# strace's options on the in-process backends (sud, rewrite): where an option
# applies there, the lines are the ptrace backend's (which strace_compat.t holds
# to strace's); where it does not, sysgate says so in one line and exits 2.
# docs/trace.md's option table says which options do not apply, and why.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
MINADDR=/proc/sys/vm/mmap_min_addr
min_before=$(cat $MINADDR)
printf 'line one\nline two\n' > "$t/in"

SAME=(
  "-e trace=openat,read,write,close"
  "-X raw -e trace=openat,read,close"
  "-X verbose -e trace=openat,mmap,close"
  "-e verbose=none -e trace=newfstatat,openat"
  "-s 4 -x -e trace=read"
  "-xx -e trace=read"
  "-n -e trace=openat"
  "-a 20 -e trace=openat,close"
  "-e status=failed"
  "-z -e trace=openat"
  "-e raw=openat -e trace=openat"
  "-e trace=%file"
  "-e trace=/^(open|clo)"
  "-qq -e trace=close"
  "-Y -e trace=getpid,exit_group"
  "-e trace=none"
)
REFUSED=("-C" "-i" "-ff -o $t/ff" "-v" "-e read=3" "-e write=1" "-e trace-fds=3" "-b execve"
         "-P $t/in" "-u nobody" "-k" "-e inject=read:error=EIO" "-D")
backends=()
for b in sud rewrite; do
  extra=(); [ $b = rewrite ] && extra=(--allow-page0)
  if "$SYSGATE" trace --backend $b "${extra[@]}" -o "$t/probe" -- /bin/true 2> "$t/probe.err"; then
    backends+=("$b")
  else
    why[${#why[@]}]="$b: $(head -1 "$t/probe.err")"
  fi
done
plan $(( 2 * (${#SAME[@]} + ${#REFUSED[@]}) + 2 ))

# The same lines once addresses and pids are normalised, and execve's count of
# environment variables: the agent's own variables are in the program's real
# environment there (docs/trace.md, "In-process backends").
norm() {
  sed -E -e 's/0x[0-9a-f]+/ADDR/g' -e 's/= [0-9]{3,}<[a-z]+>$/= PID/' -e 's/= [0-9]{3,}$/= PID/' \
         -e 's|/\* [0-9]+ vars \*/|/* N vars */|' "$1"
}
for b in sud rewrite; do
  extra=(); [ $b = rewrite ] && extra=(--allow-page0)
  usable=; for u in "${backends[@]}"; do [ "$u" = $b ] && usable=y; done
  for opts in "${SAME[@]}"; do
    if [ -z "$usable" ]; then skip "the $b backend does not run here: ${why[*]}"; continue; fi
    # shellcheck disable=SC2086
    (cd "$t" && "$SYSGATE" trace $opts -o "$t/p.out" cat in none > /dev/null 2>&1)
    # shellcheck disable=SC2086
    (cd "$t" && "$SYSGATE" trace --backend $b "${extra[@]}" $opts -o "$t/b.out" cat in none \
       > /dev/null 2>&1)
    is "$(norm "$t/b.out")" "$(norm "$t/p.out")" "$b: $opts: the ptrace backend's lines"
  done
  for opts in "${REFUSED[@]}"; do
    # shellcheck disable=SC2086
    "$SYSGATE" trace --backend $b "${extra[@]}" $opts -o "$t/r.out" true > /dev/null 2> "$t/r.err"
    rc=$?
    ok "$([ $rc = 2 ] && [ "$(wc -l < "$t/r.err")" = 1 ] && grep -q 'ptrace' "$t/r.err" && echo y)" \
       "$b: $opts is refused in one line that names ptrace (exit $rc: $(head -1 "$t/r.err"))"
  done
done
# A summary: the same calls and errors (times differ).
calls() { awk 'NR > 2 && !/^-/ { print $(NF-1), $NF }' "$1"; }
(cd "$t" && "$SYSGATE" trace -c -S name -o "$t/p.out" cat in none > /dev/null 2>&1)
(cd "$t" && "$SYSGATE" trace --backend sud -c -S name -o "$t/b.out" cat in none > /dev/null 2>&1)
is "$(calls "$t/b.out")" "$(calls "$t/p.out")" "sud: -c -S name: the same calls and errors"
is "$(cat $MINADDR)" "$min_before" "vm.mmap_min_addr is back to its value"
