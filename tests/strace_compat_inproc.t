#!/usr/bin/env bash
# strace's options on the in-process backends: each option of tests/strace_compat.t
# runs under `sysgate trace --backend ptrace` (which that test compares with strace)
# and under `--backend sud` and `--backend rewrite --allow-page0`, and the in-process
# lines must be ptrace's once pids, addresses and times are normalised. An option an
# in-process backend cannot do must be refused in one line on stderr, exit status 2.
#
# What may differ by design (docs/trace.md, "In-process backends"): the environment
# holds 2 more variables (LD_PRELOAD, SYSGATE_AGENT), and the loader's own small
# anonymous allocations can be one more or a page larger with the agent loaded.
# Nothing else is normalised away.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/strace_workloads.sh"
t=$(mktemp -d "${TMPDIR:-/tmp}/sysgate-inproc-compat.XXXXXX") || exit 1
# --backend rewrite --allow-page0 lowers vm.mmap_min_addr for its run and says so
# on stderr, which is the program's stderr too (fd 2's size shows in the trace,
# not in ptrace's). Lowered once here for the whole file, each run finds it at 0
# and says nothing; the old value comes back at exit.
MIN_ADDR=$(cat /proc/sys/vm/mmap_min_addr 2> /dev/null)
[ "${MIN_ADDR:-0}" != 0 ] && ! echo 0 2> /dev/null > /proc/sys/vm/mmap_min_addr && MIN_ADDR=0
trap 'rm -rf "$t"; [ "${MIN_ADDR:-0}" = 0 ] || echo "$MIN_ADDR" > /proc/sys/vm/mmap_min_addr' EXIT
BACKENDS=(sud rewrite)

# Only a kernel without Syscall User Dispatch is a reason to skip (as in
# tests/trace_backends.t); any other failure of the probe fails the tests below.
probe_skip() {
  "$SYSGATE" trace --backend sud -o "$t/probe" -- /bin/true 2> "$t/probe.err" && return 1
  grep -q 'no Syscall User Dispatch' "$t/probe.err"
}

printf 'line one\nline two\n' > "$t/in"
printf 'ab\001c\n' > "$t/bin"

# The normalisers of tests/strace_compat.t, after what the in-process backends
# change by design: execve's environment (2 more variables: a NULL one becomes an
# array of 2) and the loader's small anonymous mmaps (in every -X style). And what
# differs between any two runs: set_tid_address's result (a pid), getrandom's
# bytes, a child's CPU time in SIGCHLD's siginfo.
# The CPU time: T for 0 and for a number with strace's comment of seconds (a bare
# number stays, and differs).
CPUTIME='s#(si_[us]time)=(0|[1-9][0-9]* /\* [0-9]+\.[0-9]+ s \*/)([,}])#\1=T\3#g'
ANON='mmap\(NULL, [0-9]+, (PROT_READ\|PROT_WRITE|0x3( /\* PROT_READ\|PROT_WRITE \*/)?), (MAP_PRIVATE\|MAP_ANONYMOUS|0x22( /\* MAP_PRIVATE\|MAP_ANONYMOUS \*/)?), -1, 0\) += 0x[0-9a-f]+$'
inproc() {
  sed -E -e 's/^(([0-9]+ +)?execve\(.*\], )(NULL|0x[0-9a-f]+ \/\* [0-9]+ vars \*\/)/\1ENVP/' \
         -e 's/^(([0-9]+ +)?set_tid_address\(.*\) += )[0-9]+$/\1PID/' \
         -e 's/^(([0-9]+ +)?getrandom\()"[^"]*"/\1"R"/' -e "$CPUTIME" "$1" |
    grep -Ev "^([0-9]+ +)?$ANON"
}
norm() {
  inproc "$1" |
  sed -E -e 's/^[0-9]{9,}\.[0-9]{6} /EPOCH /' -e 's/^ +[0-9]+\.[0-9]{6} /REL /' \
         -e 's/<[0-9]+\.[0-9]{6}>$/<DUR>/' -e 's/0x[0-9a-f]+/ADDR/g' -e 's/\[[0-9a-f]{16}\]/[IP]/' -e 's/si_pid=[0-9]+/si_pid=N/' \
         -e 's/^((v?fork|clone3?|wait4)\(.*\) += )[0-9]+$/\1PID/' |
    awk '/^% time/ { s = 1 } !s { print; next }
         /^ *[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+/ { e = NF == 6 ? $5 : 0; print "SUM", $4, e, $NF | "sort"; next }
         { print }'
}
fine() {
  inproc "$1" | sed -E -e 's/0x[0-9a-f]{8,}/ADDR/g' -e 's/\\x[0-9a-f]{2}/\\xHH/g' \
         -e 's/(si_pid|sin_port=htons\()[0-9]+/\1N/g'
}
# The command's stdout and stderr are files named after the backend (run); pids of
# other widths move the result column.
ends() { inproc "$1" | sed -E -e 's/sysgate-test-[0-9]{10}/sysgate-test-N/g' -e 's#/(p|sud|rewrite)\.out\.std#/B.out.std#g' -e 's/[0-9]{5,}/N/g' -e 's/(pid:|pidfd_open\()[0-9]+/\1N/g' -e 's/  +/ /g'; }
# Pids of other widths move the result column: spaces are squeezed.
pids() { inproc "$1" | sed -E -e 's/0x[0-9a-f]+/ADDR/g' -e 's/[0-9]{3,}/N/g' -e 's/  +/ /g'; }
stamps() {
  inproc "$1" | awk '{ if ($1 ~ /^[0-9][0-9:.]*$/) gsub(/[0-9]/, "d", $1)
         if ($NF ~ /^<[0-9.]+>$/) gsub(/[0-9]/, "d", $NF); print }' | sed -E 's/0x[0-9a-f]+/ADDR/g'
}
# JSON Lines: pids, times and addresses (also as numbers: *_value) differ.
jsonl() {
  inproc "$1" | sed -E -e 's/"(pid|si_pid)":[0-9]+/"\1":N/g' -e 's/"time":[0-9.]+/"time":T/' \
    -e 's/"duration_ns":[0-9]+/"duration_ns":D/' -e 's/0x[0-9a-f]+/ADDR/g' -e 's/"ret":[0-9]{3,}/"ret":PID/' \
    -e 's/si_pid=[0-9]+/si_pid=N/g' -e 's/:[0-9]{9,}([,}])/:ADDR\1/g' \
    -e 's|"envp":"[^"]*"|"envp":ENVP|; s/"envp_value":[0-9]+/"envp_value":ENVP/'
}
# -v: execve's environment in full, less the agent's two variables (by design);
# pids and addresses differ.
verbose() {
  inproc "$1" | sed -E -e 's/, "(LD_PRELOAD|SYSGATE_AGENT)=[^"]*"(\.\.\.)?//g' \
    -e 's/0x[0-9a-f]+/ADDR/g' -e 's/^[0-9]+ +//' -e 's/(si_pid=)[0-9]+/\1N/'
}
# A summary: its rows as "calls errors name", sorted (times differ).
rows() {
  awk '/^ *[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+/ { e = NF == 6 ? $5 : 0; print $4, e, $NF; next } { print }' "$1"
}

# run B OUT DIR OPTS... :: CMD...: sysgate trace --backend B, trace to OUT
run() {
  local b=$1 out=$2 dir=$3; shift 3
  local opts=(--backend "$b")
  [ "$b" = rewrite ] && opts+=(--allow-page0)
  while [ $# -gt 0 ] && [ "$1" != "::" ]; do opts+=("$1"); shift; done; shift
  (cd "$dir" && timeout 60 "$SYSGATE" trace "${opts[@]}" -o "$out" "$@" > "$out.stdout" 2> "$out.stderr" < /dev/null)
}
# same_by NORMALISER DIR NAME OPTS... :: CMD...: each in-process backend's lines
# are ptrace's (two tests).
same_by() {
  local norm=$1 dir=$2 name=$3; shift 3
  run ptrace "$t/p.out" "$dir" "$@"
  "$norm" "$t/p.out" > "$t/p.n"
  [ -s "$t/p.n" ] || echo "# ptrace wrote no trace for $name" >&2
  for b in "${BACKENDS[@]}"; do
    run "$b" "$t/$b.out" "$dir" "$@"
    "$norm" "$t/$b.out" > "$t/$b.n"
    ok "$(diff "$t/p.n" "$t/$b.n" > "$t/$b.diff" && echo same)" "$b, $name${TODO:+ # TODO $TODO}"
    [ -s "$t/$b.diff" ] && sed 's/^/#   /' "$t/$b.diff" | head -20
  done
}
same() { same_by norm "$t" "$@"; }
# refused NAME OPTS...: each in-process backend refuses OPTS, in one line naming
# them, exit 2; WANT is a grep -E pattern for that line.
refused() {
  local name=$1 want=$2; shift 2
  for b in "${BACKENDS[@]}"; do
    (cd "$t" && "$SYSGATE" trace --backend "$b" "$@" -o "$t/r.out" /bin/true > /dev/null 2> "$t/r.err" < /dev/null)
    local rc=$?
    is "$rc:$(wc -l < "$t/r.err"):$(grep -cE "^sysgate trace: .*$want" "$t/r.err")" "2:1:1" \
      "$b refuses $name: one line on stderr, exit 2"
  done
}

CAT=(:: -- cat "$t/in" "$t/none")
SET=(-e trace=openat,read,write,close)
PY=/usr/bin/python3
cases() {
same "a set of calls" "${SET[@]}" "${CAT[@]}"
same "all calls" "${CAT[@]}"
same "long spelling of -e trace=" --trace=openat,read,write,close "${CAT[@]}"
same "%desc" -e trace=%desc :: $PY -S -c 'import socket; s = socket.socket(); s.close(); open("in").read()'
same "%network" -e trace=%network :: $PY -S -c 'import socket; s = socket.socket(); s.close()'
same "%process" -e trace=%process -e signal=none :: sh -c '/bin/true; exec cat in'
same "a class without %" -e trace=file "${CAT[@]}"
same "a syscall by number" -e trace=0 "${CAT[@]}"
same "a regular expression" -e 'trace=/^(open|clo)' "${CAT[@]}"
same "negation" -e 'trace=!mmap,mprotect,munmap,brk' "${CAT[@]}"
same_by fine "$t" "file handles: in => out, the handle's bytes" \
  -e trace=name_to_handle_at,open_by_handle_at :: "$PROGS/handle_calls"
# -P, -e trace-fds=: an fd is looked up while the call waits at its entry.
same "-P: the calls that touch a path" -P "$t/in" "${CAT[@]}"
same "-P twice" -P "$t/in" -P "$t/none" "${CAT[@]}"
same "--trace-fds=3" --trace-fds=3 -e trace=read,close,fadvise64,newfstatat :: cat "$t/in"
same "-n: syscall numbers" -n "${SET[@]}" "${CAT[@]}"
same "-a: the result column" -a 20 "${SET[@]}" "${CAT[@]}"
same "--columns" --columns=60 "${SET[@]}" "${CAT[@]}"
same "-z: successful only" -z "${SET[@]}" "${CAT[@]}"
same "-Z: failed only" -Z "${SET[@]}" "${CAT[@]}"
same "-e status=successful" -e status=successful "${SET[@]}" "${CAT[@]}"
for st in unfinished successful,unfinished '!failed' none; do
  same "-e status=$st" -e status=$st -e trace=exit_group,openat,read :: cat "$t/none" "$t/in"
done
same "-qq: no exit line" -qq "${SET[@]}" "${CAT[@]}"
same "-e quiet=exit" -e quiet=exit "${SET[@]}" "${CAT[@]}"
same "-s: string limit" -s 4 "${SET[@]}" "${CAT[@]}"
same "-x: non-ASCII strings in hex" -x -e trace=read :: cat "$t/in" "$t/bin"
same "-xx: every string in hex" -xx -e trace=read :: cat "$t/in" "$t/bin"
same "-e signal=!SIGCHLD" -e 'signal=!SIGCHLD' -e trace=exit_group :: sh -c '/bin/true; true'
same_by pids "$t" "--signal=CHLD, -f" -f --signal=CHLD -e trace=none :: sh -c '/bin/true; true'
same "-e raw=" -e raw=openat,read -e trace=openat,read,close "${CAT[@]}"
same "--raw=all" --raw=all -e trace=openat,close "${CAT[@]}"
same "other ABIs' names" -e trace=mmap2,ipc,socketcall,_llseek,waitpid,openat "${CAT[@]}"
same "setgroups and getgroups" -e trace=setgroups,getgroups :: $PY -S -c 'import os; os.setgroups([0, 27, 100]); os.getgroups()'
same "execve's arrays where they run into unreadable memory" -e trace=execve :: "$PROGS/execve_faults"

# Timestamps and durations: the shape (digits become d).
STAMPED=(-e trace=openat,close :: cat "$t/in")
for o in -t -tt -ttt -r -T --absolute-timestamps=format:unix,precision:ms --relative-timestamps=ms --syscall-times=ns; do
  same_by stamps "$t" "$o" "$o" "${STAMPED[@]}"
done

# Constants, structures: numbers compared, only addresses normalised.
mkdir -p "$t/run"; : > "$t/run/never-read"; ls "$t/run" > /dev/null
PYX=(:: "$PY" -S -c "$XSET_PROG")
same_by fine "$t/run" "-X raw" -X raw "${XSET[@]}" "${PYX[@]}"
same_by fine "$t/run" "-X verbose" -X verbose "${XSET[@]}" "${PYX[@]}"
same_by fine "$t/run" "-X abbrev" -X abbrev "${XSET[@]}" "${PYX[@]}"
same_by fine "$t/run" "-e verbose=none" -e verbose=none "${XSET[@]}" "${PYX[@]}"
same_by fine "$t/run" "--verbose=!newfstatat" '--verbose=!newfstatat' "${XSET[@]}" "${PYX[@]}"
same_by fine "$t/run" "getcwd, getrandom, rseq" -e trace=getcwd,getrandom,rseq "${PYX[@]}"

# -v, -e abbrev=: execve's environment strings and stat results in full. With
# --no-loader the agent records every execve (the command's first one too). In
# a folder of its own, whose times the traces written elsewhere do not change.
mkdir -p "$t/v"; cp "$t/in" "$t/v/in"
VSTAT=(:: sh -c "stat in > /dev/null 2>&1; exec env -i A=1 B=2 /bin/true")
same_by verbose "$t/v" "-v" -v -e trace=execve,newfstatat,fstat,statx "${VSTAT[@]}"
same_by verbose "$t/v" "--no-abbrev" --no-abbrev -e trace=execve,newfstatat "${VSTAT[@]}"
same_by verbose "$t/v" "-e abbrev=none" -e abbrev=none -e trace=execve,newfstatat "${VSTAT[@]}"
same_by verbose "$t/v" "-e abbrev=!execve" -e 'abbrev=!execve' -e trace=execve,newfstatat "${VSTAT[@]}"
same_by verbose "$t/v" "-v --no-loader -f" -v --no-loader -f -e trace=execve \
  :: sh -c '/bin/true; exec env -i A=1 B=2 /bin/true'

# -y, -yy, -Y, --decode-pids=: what is behind an fd or a pid is looked up in /proc
# when sysgate decodes the call; in-process each call waits at its entry and its
# end until decoded, so a closed fd (close(3) has its path), a socket bound or
# connected since, a process gone since are shown as at the call.
SOCKS=(:: "$PY" -S -c "$SOCKS_PROG")
same_by ends "$t" "-yy" -yy "${SOCKSET[@]}" "${SOCKS[@]}"
same_by ends "$t" "--decode-fds=socket" --decode-fds=socket "${SOCKSET[@]}" "${SOCKS[@]}"
same_by ends "$t" "-e decode-fds=dev,pidfd" -e decode-fds=dev,pidfd "${SOCKSET[@]}" "${SOCKS[@]}"
same_by ends "$t" "-y" -y -e trace=openat,read,close :: cat "$t/in"

# -Y, --decode-pids=: pids with their command names.
same_by pids "$t" "-Y" -Y -f -e signal=none -e trace=getpid,kill,exit_group :: sh -c '/bin/true; kill -0 $$'
same_by pids "$t" "--decode-pids=comm" --decode-pids=comm -e trace=getpid,kill :: sh -c 'kill -0 $$'
if unshare -pf --mount-proc true 2> /dev/null; then
  # The agent knows its pid as the command's pid namespace numbers it; sysgate
  # finds it in its own. (unshare has no SIGCHLD handler: no line in-process.)
  same_by pids "$t" "--decode-pids=pidns" --decode-pids=pidns -f -e trace=kill,getpid \
    -e signal=none :: unshare -pf --mount-proc sh -c 'kill -0 $$'
  same_by pids "$t" "-f in a pid namespace" -f -e trace=execve,kill,getpid,exit_group \
    -e signal=none :: unshare -pf --mount-proc sh -c '/bin/true; kill -0 $$'
else
  for b in "${BACKENDS[@]}" "${BACKENDS[@]}"; do skip "unshare -p does not work here: no pid namespace to look into"; done
fi

# -f: the children's lines, pids as in the order of birth.
same_by pids "$t" "-f" -f -e trace=execve,write,exit_group :: sh -c 'echo one; /bin/echo two'
same_by jsonl "$t" "--json" --json -e trace=openat,read,execve "${CAT[@]}"
same_by jsonl "$t" "--json -f" --json -f -e trace=execve,exit_group :: sh -c '/bin/true; true'
# A signal that arrives as a call returns: ptrace shows the call's end, then the
# signal; in-process the agent records the end as the signal interrupts it.
same_by pids "$t" "a signal as wait4 returns" -f -e trace=wait4 :: sh -c '/bin/true; true'

# -ff -o NAME: a file per process, NAME.PID, each compared with ptrace's file of
# the process born in the same place (the files' lines joined, pids normalised).
# ff_files B OPTS... :: CMD...: backend B's files, one line each, sorted.
ff_files() {
  local b=$1; shift
  local opts=(--backend "$b")
  [ "$b" = rewrite ] && opts+=(--allow-page0)
  while [ $# -gt 0 ] && [ "$1" != "::" ]; do opts+=("$1"); shift; done; shift
  rm -rf "$t/ff"; mkdir "$t/ff"
  (cd "$t" && timeout 60 "$SYSGATE" trace "${opts[@]}" -o "$t/ff/out" "$@" > /dev/null 2>&1 < /dev/null)
  for f in "$t/ff"/*; do
    printf '%s:' "$(basename "$f" | sed -E 's/[0-9]+$/PID/')"
    norm "$f" | sed -E -e 's/(si_pid|si_uid)=[0-9]+/\1=N/g' -e 's/^kill\([0-9]+/kill(PID/' \
      -e 's/^(getppid\(\) += )[0-9]+$/\1PID/' | tr '\n' '|'; echo
  done | sort
}
# ff_same NAME OPTS... :: CMD...: each in-process backend writes ptrace's files.
ff_same() {
  local name=$1; shift
  local want; want=$(ff_files ptrace "$@")
  [ -n "$want" ] || echo "# ptrace wrote no files for $name" >&2
  for b in "${BACKENDS[@]}"; do is "$(ff_files "$b" "$@")" "$want" "$b, $name"; done
}
ff_same "-ff -o NAME: a file per process" -ff -e trace=execve,exit_group,write :: sh -c 'echo one; /bin/echo two'
# (pthread_join returns once a thread has made its exit: no thread is cut short.)
ff_same "--output-separately -f: a file per thread" --output-separately -f \
  -e trace=getppid,exit,exit_group :: "$PROGS/threads"
ff_same "-ff: a process killed by a signal" -ff -e trace=kill,exit_group,execve :: sh -c '/bin/true; kill -9 $$'
# Each file appears whole when its process ends: while the shell runs, ls sees
# the files of the children that ended (echo, sleep), none of its own or ls's.
for b in "${BACKENDS[@]}"; do
  ff_files "$b" -ff -e trace=write :: sh -c "/bin/echo two; sleep 0.3; ls $t/ff > $t/ff.ls" > /dev/null
  is "$(grep -cE '^out\.[0-9]+$' "$t/ff.ls")" 2 "$b, -ff: the files of the processes that ended, and only those"
done

# -E: the command's environment (its own view, the agent's two variables aside).
envs() { grep -Ev '^(LD_PRELOAD|SYSGATE_AGENT)=' "$1.stdout" | sort; }
same_by envs "$t" "-E VAR=VAL and -E VAR" -E SG_A=1 -E HOME -e trace=none :: env

# -b execve: a process is let go at its execve ("<detached ...>") and the program
# runs without the agent: its environment is ptrace's (no LD_PRELOAD, no
# SYSGATE_AGENT), which under sud it would not survive (dispatch without its
# handler) nor under rewrite. The command's first exec is traced.
BEXEC=(-e trace=execve,write,vfork,wait4,exit_group -e signal=none)
same_by pids "$t" "-b execve -f" -f -b execve "${BEXEC[@]}" :: sh -c 'echo one; /bin/echo two; exec cat in'
same_by pids "$t" "--detach-on=execve" --detach-on=execve "${BEXEC[@]}" :: sh -c 'echo one; exec cat in'
same_by pids "$t" "-b execve -f --no-loader" -f -b execve --no-loader "${BEXEC[@]}" \
  :: sh -c '/bin/echo two; exec cat in'
let_go_env() { sort "$1.stdout"; }
same_by let_go_env "$t" "-b execve: the program let go has no agent in its environment" \
  -f -b execve -e trace=none :: sh -c 'env; exec env'

# -e read=, -e write=: every byte moved through those fds, as hex lines after
# the call (the agent copies it whole, and only for them); other fds as -s.
same "-e read= -e write=: the data dumped in hex" -e read=3 -e write=1 -e trace=read,write,writev,readv,lseek :: \
  $PY -S -c 'import os; f = os.open("in", 0); os.read(f, 100); os.write(1, b"ab\x01c\n" * 9); os.writev(1, [b"xy", b"zw\n"]); os.lseek(f, 0, 0); os.readv(f, [bytearray(5), bytearray(100)])'
head -c 300000 /dev/urandom > "$t/big"
same "--read=3: 300 kB in reads of 128 kB" --read=3 -e trace=read :: cat "$t/big" "$t/bin"
same "-e write=2: only fd 2 dumped" -e write=2 -e trace=write,read :: cat "$t/in" "$t/none"
same "-e read=all -s 4" -e read=all -s 4 "${SET[@]}" "${CAT[@]}"

# -u USER (root only): the command runs as USER, whose agent opens the ring.
USERSET=(-e trace=getuid,geteuid,getgid,getegid,getgroups,openat)
if [ "$(id -u)" = 0 ] && id nobody > /dev/null 2>&1; then
  same "-u nobody" -u nobody "${USERSET[@]}" :: id
  same "--user=nobody --no-loader" --user=nobody --no-loader -e trace=getuid,getgid,getgroups :: id
else
  for b in "${BACKENDS[@]}" "${BACKENDS[@]}"; do skip "-u needs root and a user nobody"; done
fi

# The summaries: the same calls and errors (counted in the program in-process).
same "-c" -c "${CAT[@]}"
same "-c -S name" -c -S name "${CAT[@]}"
same_by rows "$t" "-c -S nothing: the rows in number order" -c -S nothing "${CAT[@]}"
same_by rows "$t" "-c -U calls,errors,name -S name" -c -U calls,errors,name -S name "${CAT[@]}"
same "-c -w --summary-sort-by=name" -c -w --summary-sort-by=name "${CAT[@]}"
same "-c -O 1s" -c -O 1s -U total-time,calls,errors,name "${CAT[@]}"

# -i: each call's site, where the program goes on after its syscall instruction
# (in-process: the rip in SIGSYS's context, or the return address of the
# rewritten call). Addresses move with ASLR, not within their page: the last 3
# hex digits are compared, pids squeezed (and execve's environment, whose 2 more
# variables the -i prefix hides from inproc's normaliser).
ipoff() { inproc "$1" | sed -E -e 's/\[[0-9a-f]{13}([0-9a-f]{3})\]/[...\1]/' -e 's/^[0-9]+ +//' \
  -e 's/(si_pid=|kill\()[0-9]+/\1N/g' -e 's/0x[0-9a-f]+/ADDR/g' -e 's/  +/ /g' \
  -e 's#, ADDR /\* [0-9]+ vars \*/\)#, ENVP)#'; }
same "-i: instruction pointers" -i -n "${SET[@]}" "${CAT[@]}"
same_by ipoff "$t" "-i: the calls' sites in their pages" -i "${SET[@]}" "${CAT[@]}"
# rt_sigreturn: the agent's restorer makes it; its site is where the program's
# own restorer (glibc's __restore_rt) would have made it, as ptrace shows.
same_by ipoff "$t" "-i: rt_sigreturn at the program's restorer" -i -e trace=kill,rt_sigreturn,write \
  :: "$PY" -S -c 'import signal, os; signal.signal(signal.SIGUSR1, lambda *a: None); os.kill(os.getpid(), signal.SIGUSR1); os.write(1, b"x\n")'
# A child's execve, made by the agent and shown by ptrace: the program's site.
same_by ipoff "$t" "-i -f: execve handed over to ptrace" -i -f -e trace=execve,exit_group -e signal=none \
  :: sh -c '/bin/true; exec /bin/echo'
# --no-loader: the command's first execve, recorded by sysgate's child before
# its exec, at libc's execve as ptrace sees it. With -k the site travels in the
# record's stack (the frames are tests/trace_stack.t's: rt_sigreturn's differ).
ipoff_k() { ipoff "$1" | grep -v '^ > '; }
same_by ipoff "$t" "-i --no-loader: the command's own execve" -i --no-loader -e trace=execve,exit_group :: /bin/true
same_by ipoff_k "$t" "-i -k: the sites with the stacks" -i -k -e trace=kill,rt_sigreturn,write \
  :: "$PY" -S -c 'import signal, os; signal.signal(signal.SIGUSR1, lambda *a: None); os.kill(os.getpid(), signal.SIGUSR1); os.write(1, b"x\n")'
# Every site is in the program's own code (r-xp, not the agent's), read from the
# maps the program prints as it ends. The execve (sysgate's own call) aside.
in_text() {
  awk 'function pad(s) { while (length(s) < 16) s = "0" s; return s }
       FNR == NR { if ($2 ~ /x/ && $6 !~ /libsysgate-agent/) { split($1, r, "-"); lo[n] = pad(r[1]); hi[n++] = pad(r[2]) }; next }
       /^\[\?+\] \+\+\+|execve\(|^---/ { next }
       !/^\[[0-9a-f]+\] / || index($0, "] ") != 18 { print "no -i prefix:", $0; next }
       { a = substr($1, 2, 16); hit = 0
         for (i = 0; i < n; i++) if (lo[i] <= a && a < hi[i]) hit = 1
         if (!hit) print "not in the program code:", $0 }' "$1.stdout" "$1" | head -3
}
for b in "${BACKENDS[@]}"; do
  run "$b" "$t/$b.out" "$t" -i -e trace=openat,read,write,close,mmap :: "$PY" -S -c 'print(open("/proc/self/maps").read())'
  is "$(grep -c '^\[' "$t/$b.out" | awk '{ print ($1 > 10) }')$(in_text "$t/$b.out")" 1 "$b, -i: every site in the program's code"
done

# -C: the trace from the records, then the summary built from them (ptrace's
# calls and errors; the times differ), whatever -e status= shows.
same "-C: the trace and the summary" -C "${SET[@]}" "${CAT[@]}"
same "--summary -Z: the failed calls' lines, every call counted" --summary -Z "${SET[@]}" "${CAT[@]}"
# csum: -f's lines as pids does, the summary as "SUM calls errors name" rows.
csum() {
  awk '/^% time/ { s = 1 } !s { print; next }
       /^ *[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+/ { e = NF == 6 ? $5 : 0; print "SUM", $4, e, $NF | "sort"; next }
       { print }' "$1" > "$1.c"
  pids "$1.c"
}
same_by csum "$t" "-C -f: the children's calls counted too" -C -f -e trace=execve,write \
  :: sh -c 'echo one; /bin/echo two'

# -A: appended to the old contents.
for b in ptrace "${BACKENDS[@]}"; do echo before > "$t/app.$b"; run "$b" "$t/app.$b" "$t" -A -e trace=openat :: cat in; done
for b in "${BACKENDS[@]}"; do is "$(norm "$t/app.$b")" "$(norm "$t/app.ptrace")" "$b, -A: -o FILE appended to"; done

# -I 3: a SIGTERM to sysgate is held back; the command ends normally.
for b in "${BACKENDS[@]}"; do
  rm -f "$t/started"
  extra=(); [ "$b" = rewrite ] && extra=(--allow-page0)
  "$SYSGATE" trace --backend "$b" "${extra[@]}" -I 3 -e trace=none -o /dev/null sh -c ": > $t/started; sleep 1" 2> /dev/null &
  p=$!
  wait_until test -e "$t/started"
  kill -TERM $p; wait $p
  is "$?" 0 "$b, -I 3: a SIGTERM to sysgate is held back; the command ends normally"
done

# -e inject=: the agent skips, delays and signals the call itself. As strace, each
# thread counts its own calls, and a call not traced is not changed.
GETPIDS=(:: $PY -S -c 'import os, signal; signal.signal(signal.SIGUSR1, lambda *a: None); [os.getpid() for i in range(5)]')
INJ=(-e trace=getpid)
same_by pids "$t" "inject error=" "${INJ[@]}" -e inject=getpid:error=EPERM "${GETPIDS[@]}"
same_by pids "$t" "inject retval=" "${INJ[@]}" -e inject=getpid:retval=42 "${GETPIDS[@]}"
same_by pids "$t" "inject when=FIRST..LAST" "${INJ[@]}" -e inject=getpid:error=EPERM:when=2..3 "${GETPIDS[@]}"
same_by pids "$t" "inject when=FIRST+STEP" "${INJ[@]}" -e inject=getpid:error=EPERM:when=1+2 "${GETPIDS[@]}"
same_by pids "$t" "inject signal= (with retval=, on the 2nd call)" "${INJ[@]}" -e inject=getpid:retval=7:signal=USR1:when=2 "${GETPIDS[@]}"
same_by pids "$t" "inject delay_enter=: (DELAYED)" "${INJ[@]}" -e inject=getpid:delay_enter=1000 "${GETPIDS[@]}"
same_by pids "$t" "--inject= delay_exit= from the 3rd call on" "${INJ[@]}" --inject=getpid:delay_exit=2ms:when=3+ "${GETPIDS[@]}"
same_by pids "$t" "--fault= (ENOSYS)" "${INJ[@]}" --fault=getpid:when=2 "${GETPIDS[@]}"
same_by pids "$t" "inject -f: each thread and process counts its own" -f -e signal=none "${INJ[@]}" \
  -e inject=getpid:error=EPERM:when=2+2 :: $PY -S -c 'import os, threading
os.getpid(); os.getpid(); t = threading.Thread(target=lambda: [os.getpid() for i in range(3)]); t.start(); t.join()
p = os.fork()
if p == 0: os.getpid(); os.getpid(); os._exit(0)
os.waitpid(p, 0); os.getpid()'
# The count goes on across exec, and through the loader's calls (ptrace's, then
# the agent's again).
same "inject when=: counted across exec and the loader" -e signal=none -e trace=openat \
  -e inject=openat:error=ENOSPC:when=4+2 :: sh -c 'cat in > /dev/null; exec cat in'
same_by pids "$t" "inject: a call not traced is not changed" -e trace=write -e inject=getpid:retval=42 \
  :: $PY -S -c 'import os; print(os.getpid() == 42)'

# What only ptrace can do, refused in one line.
refused "-p" "-p attaches" -p 1
refused "-D" "-D traces the command from outside" -D
}

if probe_skip; then
  plan 1; skip "$(head -1 "$t/probe.err")"; exit 0
fi
plan 226
cases
