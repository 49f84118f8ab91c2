#!/usr/bin/env bash
# sysgate trace as a drop-in strace: for each option, the same command under
# strace and under sysgate trace (ptrace backend), the same lines after
# normalising what must differ between two runs (pids, addresses, times).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/strace_workloads.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
if ! command -v strace > /dev/null; then
  plan 1; skip "strace is not installed: nothing to compare with"; exit 0
fi
plan 123
printf 'line one\nline two\n' > "$t/in"
printf 'ab\001c\n' > "$t/bin"
# A child's CPU time in a SIGCHLD's siginfo (si_utime, si_stime: ticks, 0 in one
# run, 1 in the next) differs between runs: T for 0 and for a number with
# strace's comment of seconds; a bare number stays, and differs from strace's.
CPUTIME='s#(si_[us]time)=(0|[1-9][0-9]* /\* [0-9]+\.[0-9]+ s \*/)([,}])#\1=T\3#g'
# Times and addresses differ between runs; everything else must not.
# A summary's times and its order (by time) differ too: its rows become
# "calls errors name", sorted.
norm() {
  sed -E -e 's/^[0-9]{9,}\.[0-9]{6} /EPOCH /' -e 's/^ +[0-9]+\.[0-9]{6} /REL /' \
         -e 's/<[0-9]+\.[0-9]{6}>$/<DUR>/' -e 's/0x[0-9a-f]+/ADDR/g' -e 's/\[[0-9a-f]{16}\]/[IP]/' -e 's/si_pid=[0-9]+/si_pid=N/' \
         -e "$CPUTIME" -e 's/^((v?fork|clone3?|wait4)\(.*\) += )[0-9]+$/\1PID/' "$1" |
    awk '/^% time/ { s = 1 } !s { print; next }
         /^ *[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+/ { e = NF == 6 ? $5 : 0; print "SUM", $4, e, $NF | "sort"; next }
         { print }'
}
# A summary in its printed order, times dropped (for -S).
norm_ordered() {
  awk '/^ *[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+/ { e = NF == 6 ? $5 : 0; print $4, e, $NF; next } { print }' "$1"
}
summary_same() {  # summary_same NAME OPTIONS... (on `cat` of a file and a missing one)
  local name=$1; shift
  (cd "$t" && strace "$@" -o "$t/strace.out" cat "$t/in" "$t/none" > /dev/null 2>&1)
  (cd "$t" && "$SYSGATE" trace "$@" -o "$t/sg.out" cat "$t/in" "$t/none" > /dev/null 2>&1)
  is "$(norm_ordered "$t/sg.out")" "$(norm_ordered "$t/strace.out")" "$name: $*"
}
# same NAME OPTIONS... :: [--] CMD...: both tools, both outputs through -o.
same() {
  local name=$1; shift
  local opts=()
  while [ $# -gt 0 ] && [ "$1" != "::" ]; do opts+=("$1"); shift; done; shift
  (cd "$t" && strace "${opts[@]}" -o "$t/strace.out" "$@" > "$t/strace.stdout" 2>&1)
  (cd "$t" && "$SYSGATE" trace "${opts[@]}" -o "$t/sg.out" "$@" > "$t/sg.stdout" 2>&1)
  is "$(norm "$t/sg.out")" "$(norm "$t/strace.out")" "$name: ${opts[*]}"
}
# same_by NORMALISER DIR NAME OPTIONS... :: CMD...: as same, in DIR, compared
# through NORMALISER (a function taking the output file).
same_by() {
  local norm=$1 dir=$2 name=$3; shift 3
  local opts=()
  while [ $# -gt 0 ] && [ "$1" != "::" ]; do opts+=("$1"); shift; done; shift
  (cd "$dir" && strace "${opts[@]}" -o "$t/strace.out" "$@" > /dev/null 2>&1)
  (cd "$dir" && "$SYSGATE" trace "${opts[@]}" -o "$t/sg.out" "$@" > /dev/null 2>&1)
  is "$("$norm" "$t/sg.out")" "$("$norm" "$t/strace.out")" "$name: ${opts[*]}"
}
CAT=(:: -- cat "$t/in" "$t/none")
SET=(-e trace=openat,read,write,close)
same "a set of calls" "${SET[@]}" "${CAT[@]}"
same "long spelling of -e trace=" --trace=openat,read,write,close "${CAT[@]}"
same "%desc: calls on file descriptors, not sockets" -e trace=%desc :: /usr/bin/python3 -S -c 'import socket; s = socket.socket(); s.close(); open("in").read()'
same "%network" -e trace=%network :: /usr/bin/python3 -S -c 'import socket; s = socket.socket(); s.close()'
same "%process" -e trace=%process -e signal=none :: sh -c '/bin/true; exec cat in'
same "a class without %" -e trace=file "${CAT[@]}"
same "a syscall by number" -e trace=0 "${CAT[@]}"
same "a regular expression" -e 'trace=/^(open|clo)' "${CAT[@]}"
same "-P: the calls that touch a path" -P "$t/in" :: cat "$t/in" "$t/none"
same "--trace-path, twice" --trace-path="$t/in" --trace-path="$t/none" :: cat "$t/in" "$t/none"
same "negation" -e 'trace=!mmap,mprotect,munmap,brk,pread64,newfstatat,fstat,arch_prctl,set_tid_address,set_robust_list,rseq,prlimit64,getrandom,fadvise64,access,execve,exit_group,lseek' "${CAT[@]}"
same "-n: syscall numbers" -n "${SET[@]}" "${CAT[@]}"
same "-i: instruction pointers" -i -n "${SET[@]}" "${CAT[@]}"
# -f with a subset stops at the prefilter's seccomp stops: rt_sigreturn's frame too.
nopid() { norm "$1" | sed -E 's/^[0-9]+ +//'; }
same_by nopid "$t" "-f: rt_sigreturn's mask at a seccomp stop" -f -e trace=rt_sigreturn :: /usr/bin/python3 -S -c \
  'import signal, os; signal.signal(signal.SIGUSR1, lambda *a: None); os.kill(os.getpid(), signal.SIGUSR1)'
same "-i: a signal's line, where it found the thread" -i -e trace=rt_sigreturn :: /usr/bin/python3 -S -c \
  'import signal, os; signal.signal(signal.SIGUSR1, lambda *a: None); os.kill(os.getpid(), signal.SIGUSR1)'
same "-a: the result column" -a 20 "${SET[@]}" "${CAT[@]}"
same "--columns" --columns=60 "${SET[@]}" "${CAT[@]}"
same "-z: successful only" -z "${SET[@]}" "${CAT[@]}"
same "-Z: failed only" -Z "${SET[@]}" "${CAT[@]}"
same "--failed-only" --failed-only "${SET[@]}" "${CAT[@]}"
same "-e status=successful" -e status=successful "${SET[@]}" "${CAT[@]}"
same "-qq: no exit line" -qq "${SET[@]}" "${CAT[@]}"
same "-e quiet=exit" -e quiet=exit "${SET[@]}" "${CAT[@]}"
same "--quiet=all" --quiet=all "${SET[@]}" "${CAT[@]}"
same "-s: string limit" -s 4 "${SET[@]}" "${CAT[@]}"
same "--string-limit" --string-limit=6 "${SET[@]}" "${CAT[@]}"
same "-x: non-ASCII strings in hex" -x -e trace=read :: cat "$t/in" "$t/bin"
same "-xx: every string in hex" -xx -e trace=read :: cat "$t/in" "$t/bin"
same "-ttt: seconds since the epoch" -ttt "${SET[@]}" "${CAT[@]}"
same "-r: relative timestamps" -r "${SET[@]}" "${CAT[@]}"
same "-T and --syscall-times" --syscall-times "${SET[@]}" "${CAT[@]}"
same "-C: the trace and the summary" -C "${SET[@]}" "${CAT[@]}"
# -v: both tools started with the same two-variable environment (a shell would
# set "_" to each tool's own path).
(cd "$t" && env -i PATH=/usr/bin:/bin strace -v -e trace=execve -o "$t/v.strace" \
   env -i A=1 B=2 /bin/true > /dev/null 2>&1)
(cd "$t" && env -i PATH=/usr/bin:/bin "$SYSGATE" trace -v -e trace=execve -o "$t/v.sg" \
   env -i A=1 B=2 /bin/true > /dev/null 2>&1)
is "$(cat "$t/v.sg")" "$(cat "$t/v.strace")" "-v: the environment in full"
same "-e signal=!SIGCHLD" -e 'signal=!SIGCHLD' -e trace=exit_group :: sh -c '/bin/true; true'
same "--signal=CHLD" --signal=CHLD -e trace=none :: sh -c '/bin/true; true'
# A child that used CPU time (some 50 ms): strace's seconds after the ticks.
same "a SIGCHLD's si_utime in ticks and seconds" --signal=CHLD -e trace=none :: \
  sh -c 'sh -c "i=0; while [ \$i -lt 30000 ]; do i=\$((i + 1)); done"; true'
same "rt_sigreturn: the mask its frame restores" -e trace=rt_sigreturn,rt_sigprocmask :: "$PROGS/inproc_cases" sigsuspend
same "inject: (INJECTED)" -e trace=read -e inject=read:error=EIO:when=2 "${CAT[@]}"
same "no '--' before the command" -e trace=openat :: cat "$t/in"
same "other ABIs' names (i386, x32) accepted, matching nothing" -e trace=mmap2,ipc,socketcall,_llseek,waitpid,openat "${CAT[@]}"
same "-e raw=: arguments and results in hex" -e raw=openat,read -e trace=openat,read,close "${CAT[@]}"
same "--raw=all" --raw=all -e trace=openat,close "${CAT[@]}"
same "setgroups and getgroups: group lists" -e trace=setgroups,getgroups :: /usr/bin/python3 -S -c 'import os; os.setgroups([0, 27, 100]); os.getgroups()'
if id nobody > /dev/null 2>&1; then
  same "-u USER: the command runs as USER; group lists decoded" -u nobody -e trace=getuid,getgid,geteuid,getgroups,setgroups :: id
else
  skip "no user 'nobody' on this machine for -u"
fi
summary_same "-S name: the summary by name" -c -S name
summary_same "-S nothing: the summary by number" -c -S nothing
summary_same "--summary-sort-by and -w" -c -w --summary-sort-by=name

# -ff -o NAME: one file per process, NAME.PID, the same contents as strace's (the
# pids, in the order the processes were born, stand for each other).
ff() {  # ff TOOL... : the files' contents, in pid order, pids replaced
  rm -rf "$t/ff"; mkdir "$t/ff"
  (cd "$t" && "$@" -ff -e trace=execve,exit_group,write -o "$t/ff/out" sh -c 'echo one; /bin/echo two' > /dev/null 2>&1)
  # Each file's lines as one, the files sorted: pid order is not birth order
  # once pids wrap (pid_max).
  for f in "$t/ff"/*; do
    norm "$f" | sed -E -e 's/(si_pid|si_uid)=[0-9]+/\1=N/g' | tr '\n' '|'; echo
  done | sort
}
is "$(ff "$SYSGATE" trace)" "$(ff strace)" "-ff -o NAME: a file per process, as strace writes them"

# -q: attaching and detaching say nothing (strace: "Process N attached/detached").
q_messages() {  # q_messages OPTION...: what the tracer wrote on stderr
  sleep 30 & local p=$!
  "$SYSGATE" trace "$@" -p $p -o "$t/q.out" 2> "$t/q.err" & local tr=$!
  # attached once the process names a tracer
  for i in $(seq 200); do
    grep -q '^TracerPid:[[:space:]]*[1-9]' /proc/$p/status 2>/dev/null && break; sleep 0.05
  done
  kill -TERM $tr; wait $tr 2>/dev/null
  kill -0 $p 2>/dev/null && echo "alive"; kill $p; wait $p 2>/dev/null
  grep -c 'attached\|detached' "$t/q.err"
}
is "$(q_messages -e trace=all)" "alive
2" "-p: 'attached' and 'detached' on stderr; SIGTERM detaches and the process runs on"
is "$(q_messages -q)" "alive
0" "-q: neither message"

# Named constants (-X), structures (-e verbose=), abbreviations (-e abbrev=, -v):
# these compare numbers, so only addresses (8 hex digits and more) are normalised.
fine() {
  sed -E -e 's/0x[0-9a-f]{8,}/ADDR/g' -e 's/\\x[0-9a-f]{2}/\\xHH/g' \
         -e 's/(si_pid|sin_port=htons\()[0-9]+/\1N/g' "$1"
}
# The program runs in a folder nothing writes to, whose access time is already
# past its change (so reading it again changes no time that stat shows).
mkdir "$t/run"; : > "$t/run/never-read"; ls "$t/run" > /dev/null
PYX=(:: "$PY" -S -c "$XSET_PROG")
same_by fine "$t/run" "-X raw: constants as numbers" -X raw "${XSET[@]}" "${PYX[@]}"
same_by fine "$t/run" "-X verbose: numbers and names" -X verbose "${XSET[@]}" "${PYX[@]}"
same_by fine "$t/run" "--const-print-style=abbrev" --const-print-style=abbrev "${XSET[@]}" "${PYX[@]}"
same_by fine "$t/run" "-e verbose=none: structures as addresses" -e verbose=none "${XSET[@]}" "${PYX[@]}"
same_by fine "$t/run" "--verbose=!newfstatat" '--verbose=!newfstatat' "${XSET[@]}" "${PYX[@]}"
same_by fine "$t/run" "-e abbrev=none: stat in full" -e abbrev=none -e trace=newfstatat "${PYX[@]}"
same_by fine "$t/run" "--abbrev=execve: others in full" --abbrev=execve -e trace=newfstatat "${PYX[@]}"
same_by fine "$t/run" "--no-abbrev" --no-abbrev -e trace=newfstatat "${PYX[@]}"
FLAGS=(-e trace=access,mprotect,wait4,pipe2,unlinkat,mlockall,msync,umount2,eventfd2,epoll_create1,inotify_init1,timerfd_create :: "$PROGS/flag_calls")
same_by fine "$t/run" "flags: known bits by name, unknown ones as strace shows them" "${FLAGS[@]}"
same_by fine "$t/run" "flags under -X raw" -X raw "${FLAGS[@]}"
same_by fine "$t/run" "flags under -X verbose" -X verbose "${FLAGS[@]}"
HANDLES=(-e trace=name_to_handle_at,open_by_handle_at :: "$PROGS/handle_calls" null)
same_by fine "$t/run" "file handles: in => out, EOVERFLOW's size, the handle's bytes" "${HANDLES[@]}"
same_by fine "$t/run" "file handles under -X raw" -X raw "${HANDLES[@]}"
same_by fine "$t/run" "getdents64: the entries counted" -e trace=getdents64 :: ls -a
same_by fine "$t/run" "-v: getdents64's entries, each field" -v -e trace=getdents64 :: ls -a
same_by fine "$t/run" "getcwd's path, getrandom's bytes in hex, rseq's length and signature" \
  -e trace=getcwd,getrandom,rseq "${PYX[@]}"
ok "$("$SYSGATE" trace -X bogus true 2>&1 >/dev/null | grep -x "sysgate trace: unknown constant style 'bogus' in -X; use raw, abbrev or verbose")" \
  "-X with an unknown style: one line naming the choices"

# -y and -yy: fds with their paths, a socket's endpoints, a device's numbers, a
# pidfd's process (inode numbers, ports and pids differ between runs).
ends() { sed -E -e 's/sysgate-test-[0-9]{10}/sysgate-test-N/g' -e 's/[0-9]{5,}/N/g' -e 's/(pid:|pidfd_open\()[0-9]+/\1N/g' "$1"; }
SOCKS=(:: "$PY" -S -c "$SOCKS_PROG")
same_by ends "$t" "-yy: socket endpoints, devices, pidfds; returned fds too" -yy "${SOCKSET[@]}" "${SOCKS[@]}"
same_by ends "$t" "--decode-fds=socket" --decode-fds=socket "${SOCKSET[@]}" "${SOCKS[@]}"
same_by ends "$t" "-e decode-fds=dev,pidfd" -e decode-fds=dev,pidfd "${SOCKSET[@]}" "${SOCKS[@]}"
same_by ends "$t" "-y: AT_FDCWD<cwd>, and the path of a returned fd" -y -e trace=openat,read,close :: cat "$t/in"
same_by ends "$t" "--decode-fds (no value) is -y" --decode-fds -e trace=openat,read,close :: cat "$t/in"
same "-e read= -e write=: the data dumped in hex" -e read=3 -e write=1 -e trace=read,write,writev,readv,lseek :: \
  /usr/bin/python3 -S -c 'import os; f = os.open("in", 0); os.read(f, 100); os.write(1, b"ab\x01c\n" * 9); os.writev(1, [b"xy", b"zw\n"]); os.lseek(f, 0, 0); os.readv(f, [bytearray(5), bytearray(100)])'
# strace 6.1 has no trace-fds= (a later strace has): its lines must be strace's
# lines of the same calls that name fd 3.
(cd "$t" && strace -e trace=read,close,fadvise64,newfstatat -o "$t/strace.out" cat in > /dev/null 2>&1)
(cd "$t" && "$SYSGATE" trace --trace-fds=3 -e trace=read,close,fadvise64,newfstatat -o "$t/sg.out" cat in > /dev/null 2>&1)
is "$(norm "$t/sg.out" | grep -v '^+++')" "$(norm "$t/strace.out" | grep -E '^[a-z0-9_]+\(3[,)]')" \
  "--trace-fds=3: only the calls on fd 3"
ok "$("$SYSGATE" trace -e read=x true 2>&1 >/dev/null | grep -x "sysgate trace: invalid file descriptor 'x' in -e read=; use numbers from 0 to 1023, all or none")" \
  "-e read= with a bad fd: one line naming what it takes"

# execve's arrays where they run into unreadable memory.
same "execve: an unterminated argv, an unreadable element, an unreadable envp" -e trace=execve :: "$PROGS/execve_faults"
(cd "$t" && env -i strace -v -e trace=execve -o "$t/v.strace" "$PROGS/execve_faults")
(cd "$t" && env -i "$SYSGATE" trace -v -e trace=execve -o "$t/v.sg" "$PROGS/execve_faults")
is "$(norm "$t/v.sg")" "$(norm "$t/v.strace")" "execve with -v: the same"

# -Y, --decode-pids=: pids with their command names; pids of another pid namespace
# with their id in the tracer's (strace names itself there, sysgate itself).
# Pids of other widths (pid_max wraps) move the result column: spaces are squeezed.
# A child's CPU time (si_utime, si_stime) is not the same from run to run either.
pids() {
  sed -E -e "$CPUTIME" -e 's/0x[0-9a-f]+/ADDR/g' -e 's/[0-9]{3,}/N/g' \
    -e "s/strace's PID NS/sysgate's PID NS/" -e 's/  +/ /g' "$1"
}
# -b execve: a child is let go at its execve (" <detached ...>"), the command's
# own first exec is traced.
same_by pids "$t" "-b execve: let go at execve" -f -b execve -e trace=execve,write,exit_group :: sh -c 'echo one; /bin/echo two'
same_by pids "$t" "--detach-on=execve" -f --detach-on=execve -e trace=execve,write :: sh -c 'echo one; exec /bin/echo two'

same_by pids "$t" "-Y: pids with their names" -Y -f -e signal=none -e trace=getpid,kill,exit_group :: sh -c '/bin/true; kill -0 $$'
same_by pids "$t" "--decode-pids=comm" --decode-pids=comm -e trace=getpid,kill :: sh -c 'kill -0 $$'
if unshare -pf --mount-proc true 2> /dev/null; then
  same_by pids "$t" "--decode-pids=pidns: ids in the tracer's namespace too" --decode-pids=pidns -f -e trace=kill,getpid \
    :: unshare -pf --mount-proc sh -c 'kill -0 $$'
else
  skip "unshare -p does not work here: no pid namespace to look into"
fi

# -I 3: signals sent to sysgate are held back; the command runs to its end.
interrupt() {  # interrupt -I N: sysgate's exit status after a SIGTERM to it
  "$SYSGATE" trace "$@" -e trace=none -o /dev/null sleep 1 & local p=$!
  sleep 0.3; kill -TERM $p; wait $p; echo $?
}
is "$(interrupt -I 3)" "0" "-I 3: a SIGTERM to sysgate is held back; the command ends normally"
is "$(interrupt -I 2)" "143" "-I 2 (the default): a SIGTERM to sysgate reaches the command"

# -e inject= beyond error=: retval=, signal=, delay_enter=/delay_exit= ("(DELAYED)"),
# and when=FIRST..LAST, FIRST+STEP.
GETPIDS=(:: /usr/bin/python3 -S -c 'import os, signal; signal.signal(signal.SIGUSR1, lambda *a: None); [os.getpid() for i in range(5)]')
same_by pids "$t" "inject retval=" -e trace=getpid -e inject=getpid:retval=42 "${GETPIDS[@]}"
same_by pids "$t" "inject signal= (with retval=, on the 2nd call)" -e trace=getpid -e inject=getpid:retval=7:signal=USR1:when=2 "${GETPIDS[@]}"
same_by pids "$t" "inject delay_enter=: (DELAYED)" -e trace=getpid -e inject=getpid:delay_enter=1000 "${GETPIDS[@]}"
same_by pids "$t" "inject delay_exit= with units, from the 3rd call on" -e trace=getpid --inject=getpid:delay_exit=2ms:when=3+ "${GETPIDS[@]}"
same_by pids "$t" "inject when=FIRST..LAST" -e trace=getpid -e inject=getpid:error=EPERM:when=2..3 "${GETPIDS[@]}"
same_by pids "$t" "inject when=FIRST+STEP" -e trace=getpid -e inject=getpid:error=EPERM:when=1+2 "${GETPIDS[@]}"
ok "$("$SYSGATE" trace -e inject=getpid:error=EPERM:retval=1 true 2>&1 >/dev/null | grep -x "sysgate trace: -e inject=getpid:error=EPERM:retval=1: error= and retval= exclude each other")" \
  "inject with both error= and retval=: one line saying so"

# Timestamp precisions and the other long spellings.
# Times differ between runs, their shape must not: digits become "d".
stamps() {
  awk '{ if ($1 ~ /^[0-9][0-9:.]*$/) gsub(/[0-9]/, "d", $1)
         if ($NF ~ /^<[0-9.]+>$/) gsub(/[0-9]/, "d", $NF); print }' "$1" | sed -E 's/0x[0-9a-f]+/ADDR/g'
}
STAMPED=(-e trace=openat,close :: cat "$t/in")
same_by stamps "$t" "--absolute-timestamps=format:unix,precision:ms" --absolute-timestamps=format:unix,precision:ms "${STAMPED[@]}"
same_by stamps "$t" "--absolute-timestamps=time,us" --absolute-timestamps=time,us "${STAMPED[@]}"
same_by stamps "$t" "--absolute-timestamps=none" --absolute-timestamps=none "${STAMPED[@]}"
same_by stamps "$t" "--relative-timestamps=ms" --relative-timestamps=ms "${STAMPED[@]}"
same_by stamps "$t" "--syscall-times=ns" --syscall-times=ns "${STAMPED[@]}"
echo "before" > "$t/app.strace"; echo "before" > "$t/app.sg"
(cd "$t" && strace -A -o "$t/app.strace" -e trace=openat cat in > /dev/null 2>&1)
(cd "$t" && "$SYSGATE" trace -A -o "$t/app.sg" -e trace=openat cat in > /dev/null 2>&1)
is "$(norm "$t/app.sg")" "$(norm "$t/app.strace")" "-A: -o FILE appended to"
# --output-separately is -ff's files.
rm -rf "$t/sep"; mkdir "$t/sep"
(cd "$t" && "$SYSGATE" trace -f --output-separately -e trace=execve -o "$t/sep/out" sh -c '/bin/true' > /dev/null 2>&1)
is "$(ls "$t/sep" | sed -E 's/[0-9]+/N/' | sort -u)" "out.N" "--output-separately: a file per process"
ok "$("$SYSGATE" trace -V | grep -x 'sysgate trace -- version [0-9.]*')" "-V: the version"
ok "$("$SYSGATE" trace -d -e trace=getpid true 2>&1 >/dev/null | grep '^sysgate trace: backend ptrace; starting a command; a subset shown')" \
  "-d: how the run is set up, on stderr"
ok "$("$SYSGATE" trace --kill-on-exit -p 1 2>&1 | grep -x "sysgate trace: --kill-on-exit does not go with -p: an attached process is not sysgate's to kill")" \
  "--kill-on-exit with -p: refused, as strace"

# strace's narrower classes, "?NAME" and "NAME@64" / "@32"; statfs decoded (its free
# counts move between runs).
CLASSPY=(:: /usr/bin/python3 -S -c 'import os, time; os.stat("/"); os.lstat("/"); os.fstat(0); os.statvfs("/"); os.fstatvfs(0); time.time(); os.getpid(); os.getppid()')
fs() { sed -E -e 's/(f_bfree|f_bavail|f_ffree|f_files|f_blocks)=[0-9]+/\1=N/g' -e 's/0x[0-9a-f]{8,}/ADDR/g' -e 's/= [0-9]{3,}$/= PID/' "$1"; }
for class in %clock %pure %stat %lstat %fstat %%stat %statfs %fstatfs %%statfs; do
  same_by fs "$t" "class $class" -e trace=$class "${CLASSPY[@]}"
done
same_by fs "$t" "?NAME: a name that may not exist" -e 'trace=?nosuchcall,getpid' "${CLASSPY[@]}"
same_by fs "$t" "NAME@64 and NAME@32" -e trace=getpid@64,getppid@32 "${CLASSPY[@]}"

# -U: the summary's columns (titles and rules as strace's, rows the same calls);
# -S by min-time, max-time, avg-time: sorted so; -O: the overhead taken off.
summary_cols() {  # summary_cols COLUMNS: both summaries' titles and rules
  (cd "$t" && strace -c -U "$1" -o "$t/u.strace" cat in none > /dev/null 2>&1)
  (cd "$t" && "$SYSGATE" trace -c -U "$1" -o "$t/u.sg" cat in none > /dev/null 2>&1)
  is "$(head -2 "$t/u.sg")" "$(head -2 "$t/u.strace")" "-U $1: the titles and rules"
}
summary_cols time-percent,total-time,min-time,max-time,avg-time,calls,errors,name
summary_cols name,calls,errors
(cd "$t" && strace -c -U calls,errors,name -S name -o "$t/u.strace" cat in none > /dev/null 2>&1)
(cd "$t" && "$SYSGATE" trace -c -U calls,errors,name -S name -o "$t/u.sg" cat in none > /dev/null 2>&1)
is "$(cat "$t/u.sg")" "$(cat "$t/u.strace")" "-U calls,errors,name -S name: the same table"
sorted_by() {  # sorted_by KEY: is the summary sorted by the KEY column, longest first?
  "$SYSGATE" trace -c -S "$1" -U "$1",name -o "$t/s.sg" cat "$t/in" "$t/none" > /dev/null 2>&1
  awk 'NR > 2 && !/^-/ && $NF != "total" { print $1 }' "$t/s.sg" | sort -g -r -c && echo sorted
}
for key in min-time max-time avg-time; do
  is "$(sorted_by $key)" "sorted" "-S $key: rows from the largest $key down"
done
"$SYSGATE" trace -c -O 1s -U total-time,name -o "$t/o.sg" cat "$t/in" > /dev/null 2>&1
is "$(awk 'NR > 2 && !/^-/ { print $1 }' "$t/o.sg" | sort -u)" "0.000000" "-O 1s: a second taken off each call leaves no time"

# -e status= as a set: unfinished (a call that never returned), negation, none.
for st in unfinished successful,unfinished '!failed' none; do
  same "-e status=$st" -e status=$st -e trace=exit_group,openat,read :: cat "$t/none" "$t/in"
done
