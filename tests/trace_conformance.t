#!/usr/bin/env bash
# Conformance of `sysgate trace -f` with strace itself: run real commands under
# `strace -f -o A` and under `sysgate trace -f -o B`, reduce both traces to
# (task, syscall name, return value) and compare them.
#
# Only names and return values are compared, not the decoded arguments: those are
# where the two tools may legitimately differ in presentation. Return values are
# compared as numbers (strace prints some in hex, e.g. fcntl's F_GETFL flags).
#
# Normalisations, each for something that must differ between two runs:
#  - tasks: the pids and tids of two runs differ. Tasks are named by ancestry,
#    which does not depend on the order in which their lines interleave: the
#    traced command is P, the k-th task that P creates (clone, clone3, fork,
#    vfork returning a new id) is P.k, its own children P.k.1, and so on.
#    (Numbering by first appearance would not do: strace can print a child's
#    first call before the line of the clone that created it.)
#    Return values that are pids or tids (clone*, fork, wait4, getpid, gettid,
#    getppid, set_tid_address, ...) are replaced by the name of that task, or by
#    "ext" for a process outside the trace (the tracer, as parent of P).
#  - addresses: mmap, mremap, brk and shmat return addresses, which ASLR changes
#    on every run. Their value is replaced by ADDR (an error is still compared).
#  - asynchronous signals: where a signal lands, and how many of a non-realtime
#    signal that arrived in a burst get delivered (e.g. the shell's SIGCHLDs), is
#    timing. So `---` lines are dropped, and so are rt_sigreturn (its "return
#    value" is whatever the interrupted code had in rax), restart_syscall, and
#    calls ending in ERESTART* (kernel-internal codes; the call is re-issued and
#    the re-issue is compared).
#  - threads and processes run in parallel, so their lines interleave differently
#    on each run: the comparison is per task (each task's own sequence, in
#    order). For the single-process commands, the check that there is exactly one
#    task makes this the exact full sequence.
#  - strace splits a call another task interrupts into `foo(... <unfinished ...>`
#    and `<... foo resumed> ...) = ret`; the halves are joined by pid. A call left
#    unfinished when its task died counts as returning `?`, like `exit(0) = ?`.
# Nothing else is normalised: fd numbers, sizes, counts and errno names must match.
#
# The commands' inputs are fixed (a temporary tree, stdin from /dev/null, output
# to /dev/null or a regular file) so that both runs see the same environment. The
# threaded program (conf_threads.c) is written so that its syscalls do not depend
# on scheduling; see there.
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sysgate-conf.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
STRACE=${STRACE:-strace}
if ! command -v "$STRACE" >/dev/null; then
  echo "1..0 # SKIP $STRACE is not installed (make deps installs it)"
  exit 0
fi
# A python3 as installed by Debian: a `python3` earlier in PATH may be a wrapper
# (pyenv's shim is a bash script), slow to start, and as a traced command the
# trace would be of bash.
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=$(command -v python3)

cat > "$tmp/conf.py" <<'PYEOF'
# conf.py parse FILE | cmp A B -- the trace reducer of trace_conformance.t
import re
import sys

PREFIX = re.compile(r'^(?:\[pid\s+(\d+)\]\s+|(\d+)\s+)?(.*)$')
CALL = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*)\(')
RESUMED = re.compile(r'^<\.\.\. ([A-Za-z_][A-Za-z0-9_]*) resumed>')
RETSEP = re.compile(r'\)\s+= ')   # sysgate pads with several spaces before '='
ADDR = {'mmap', 'mremap', 'brk', 'shmat'}
PIDRET = {'clone', 'clone3', 'fork', 'vfork', 'wait4', 'waitid', 'getpid', 'gettid',
          'getppid', 'set_tid_address', 'getpgid', 'getpgrp', 'getsid', 'setsid'}
CREATE = {'clone', 'clone3', 'fork', 'vfork'}
DROP = {'rt_sigreturn', 'restart_syscall'}


def parse_ret(rest):
    """'-1 ENOENT (No such file)' -> (-1, 'ENOENT'); '0x7f00' -> (32512, ''); '?'"""
    tok = rest.split()
    if not tok:
        return None
    v = tok[0]
    err = tok[1] if len(tok) > 1 and re.match(r'^E[A-Z0-9_]+$', tok[1]) else ''
    if v != '?':
        try:
            v = int(v, 0)
        except ValueError:
            return None
    return (v, err)


def parse(path):
    """-> ({pid: [(name, (ret, errno), raw)]}, pids in order of appearance, bad lines)"""
    seqs, order, pending, bad = {}, [], {}, []
    with open(path, errors='replace') as f:
        for line in f:
            line = line.rstrip('\n')
            m = PREFIX.match(line)
            pid = int(m.group(1) or m.group(2) or 0)
            s = m.group(3)
            if s.startswith('+++') or s.startswith('---'):
                continue
            if pid not in seqs:
                seqs[pid] = []
                order.append(pid)
            r = RESUMED.match(s)
            if r:
                name = r.group(1)
                half = pending.pop(pid, None)
                raw = half[1] + ' ~ ' + s if half else line
            else:
                c = CALL.match(s)
                if not c:
                    bad.append(line)
                    continue
                name, raw = c.group(1), line
                if s.endswith('<unfinished ...>'):
                    pending[pid] = (name, line)
                    continue
            seps = list(RETSEP.finditer(s))
            ret = parse_ret(s[seps[-1].end():]) if seps else None
            if ret is None:
                bad.append(line)
                continue
            if name in DROP or ret[1].startswith('ERESTART'):
                continue
            seqs[pid].append((name, ret, raw))
    for pid, (name, line) in pending.items():  # the task died inside the call
        seqs[pid].append((name, ('?', ''), line))
    return seqs, order, bad


def reduce(path):
    """-> ({task: [(normalised event, raw line)]}, bad lines)"""
    seqs, order, bad = parse(path)
    names = {}
    if order:
        names[order[0]] = 'P'
        todo = [order[0]]
        while todo:
            p, k = todo.pop(0), 0
            for name, (v, err), _ in seqs.get(p, []):
                if name in CREATE and isinstance(v, int) and v > 0 and v not in names:
                    k += 1
                    names[v] = '%s.%d' % (names[p], k)
                    todo.append(v)
    for i, p in enumerate(order):
        names.setdefault(p, 'orphan%d' % i)
    tasks = {}
    for p in order:
        out = tasks.setdefault(names[p], [])
        for name, (v, err), raw in seqs[p]:
            if err == '' and isinstance(v, int):
                if name in ADDR:
                    v = 'ADDR'
                elif name in PIDRET and v > 0:
                    v = names.get(v, 'ext')
            out.append(('%s %s%s' % (name, v, ' ' + err if err else ''), raw))
    return tasks, bad


def main():
    if sys.argv[1] == 'parse':
        # One line per event, "TASK NAME RET", tasks in order; then bad lines.
        tasks, bad = reduce(sys.argv[2])
        for t in sorted(tasks):
            for ev, _ in tasks[t]:
                print(t, ev)
        for b in bad:
            print('UNPARSED', b)
        return 0
    # cmp A B: 0 when equal; else a report of the first difference of each task.
    (ta, _), (tb, _) = reduce(sys.argv[2]), reduce(sys.argv[3])
    lines = []
    for t in sorted(set(ta) | set(tb)):
        a, b = ta.get(t, []), tb.get(t, [])
        if [e for e, _ in a] == [e for e, _ in b]:
            continue
        i = 0
        while i < min(len(a), len(b)) and a[i][0] == b[i][0]:
            i += 1
        lines.append('task %s: %d vs %d events, first difference at event %d:'
                     % (t, len(a), len(b), i + 1))
        for tag, seq in (('A', a), ('B', b)):
            for j in range(max(0, i - 2), min(len(seq), i + 3)):
                lines.append('  %s%s %-28s | %s' % (tag, '>' if j == i else ' ',
                                                   seq[j][0], seq[j][1][:150]))
    print('\n'.join(lines[:60]))
    return 1 if lines else 0


sys.exit(main())
PYEOF
conf() { "$PYTHON" "$tmp/conf.py" "$@"; }
diag() { sed 's/^/#   /' | head -"${2:-60}"; }

# The inputs: a small tree, a file.
w=$tmp/w
mkdir -p "$w/tree/sub"
printf 'myhost\n' > "$w/hostname"
for i in 1 2 3; do printf 'file %d\n' "$i" > "$w/tree/f$i"; done
printf 'nested\n' > "$w/tree/sub/n"

# run_tracer strace|sysgate OUT -- CMD...: run CMD from $w under that tracer, its
# trace to OUT, exit status to OUT.rc, stderr to OUT.err. What the other run left
# (the archive, the copy) is removed first, so that both runs start the same.
# The timeout only keeps a hung tracer from hanging the suite.
run_tracer() {
  local tracer=$1 out=$2; shift 3
  rm -f "$w/out.tar" "$w/copy"
  if [ "$tracer" = strace ]; then
    (cd "$w" && timeout -k 5 120 "$STRACE" -f -o "$out" -- "$@") </dev/null >/dev/null 2>"$out.err"
  else
    (cd "$w" && timeout -k 5 120 "$SYSGATE" trace -f -o "$out" -- "$@") </dev/null >/dev/null 2>"$out.err"
  fi
  echo $? > "$out.rc"
}

# stats FILE -> "EVENTS TASKS FIRST-EVENT UNPARSED-LINES"
stats() {
  conf parse "$1" | awk '$1 == "UNPARSED" { bad++; next }
    { n++; if (!($1 in t)) { t[$1] = 1; tasks++ } if (n == 1) first = $2 " " $3 }
    END { printf "%d %d %s %d\n", n, tasks, first == "" ? "- -" : first, bad }'
}

# conform NAME MIN-EVENTS TASKS -- CMD...: three checks.
conform() {
  local name=$1 min=$2 ntasks=$3; shift 4
  local a=$tmp/$name.strace b=$tmp/$name.sysgate
  run_tracer strace "$a" -- "$@"
  run_tracer sysgate "$b" -- "$@"
  # 1. The harness itself: both traces parse in full, have a sensible length,
  #    start with the command's execve, and have the expected number of tasks.
  local sa sb why=""
  sa=$(stats "$a") sb=$(stats "$b")
  for s in "strace:$sa" "sysgate:$sb"; do
    set -- ${s#*:}
    [ "$1" -ge "$min" ] || why="$why ${s%%:*} has $1 events (< $min);"
    [ "$2" = "$ntasks" ] || why="$why ${s%%:*} has $2 tasks (!= $ntasks);"
    [ "$3 $4" = "execve 0" ] || why="$why ${s%%:*} starts with '$3 $4';"
    [ "$5" = 0 ] || why="$why ${s%%:*} has $5 unparsed lines;"
  done
  ok "$([ -z "$why" ] && echo 1)" "$name: both traces parse, >= $min events, $ntasks task(s), first execve"
  [ -z "$why" ] || { echo "#  $why"; conf parse "$a" | grep '^UNPARSED' | diag; conf parse "$b" | grep '^UNPARSED' | diag; }
  # 2. Same exit status, and nothing on stderr (the tracers write to -o; the
  #    commands print nothing there).
  local ra rb ea eb
  ra=$(cat "$a.rc") rb=$(cat "$b.rc") ea=$(head -c 600 "$a.err") eb=$(head -c 600 "$b.err")
  ok "$([ "$ra" = "$rb" ] && [ -z "$ea$eb" ] && echo 1)" \
     "$name: exit status $rb under sysgate, $ra under strace; stderr empty"
  [ -z "$ea$eb" ] || printf 'strace stderr: %s\nsysgate stderr: %s\n' "$ea" "$eb" | diag
  # 3. The syscalls: names and return values of every task, in order.
  local report rc=0
  report=$(conf cmp "$a" "$b") || rc=$?
  ok "$([ $rc = 0 ] && echo 1)" "$name: syscall names and return values match strace (A) in sysgate (B)"
  [ -z "$report" ] || diag <<<"$report"
}

plan 31

# --- The harness, on inputs whose answer is known -------------------------------

# Halves of interleaved calls are joined by pid, in strace's and sysgate's prefixes.
cat > "$tmp/synthetic" <<'EOF'
100 execve("/x", ["x"], 0x7ffd /* 1 var */) = 0
100 clone(child_stack=NULL, flags=SIGCHLD <unfinished ...>
101 set_robust_list(0x7f00, 24 <unfinished ...>
100 <... clone resumed>, child_tidptr=0x7f) = 101
101 <... set_robust_list resumed>)    = 0
100 wait4(-1,  <unfinished ...>
[pid   101] write(1, "a) = 5", 6)        = 6
[pid   101] mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, -1, 0) = 0x7f12345000
101 --- SIGSEGV {si_signo=SIGSEGV} ---
101 read(0,  <unfinished ...>
101 +++ killed by SIGKILL +++
100 <... wait4 resumed>[{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL) = 101
100 --- SIGCHLD {si_signo=SIGCHLD} ---
100 rt_sigreturn({mask=[]})           = 101
100 read(0, 0x7ff0, 1) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)
[pid   100] read(0, 0x7ff0, 1)            = -1 ERESTARTSYS (To be restarted if SA_RESTART is set)
100 restart_syscall(<... resuming interrupted read ...>) = 1
100 openat(AT_FDCWD, "/nope", O_RDONLY) = -1 ENOENT (No such file or directory)
100 fcntl(1, F_GETFL) = 0x8001 (flags O_WRONLY|O_LARGEFILE)
100 getppid() = 99
100 exit_group(0)                     = ?
100 +++ exited with 0 +++
EOF
want='P execve 0
P clone P.1
P wait4 P.1
P openat -1 ENOENT
P fcntl 32769
P getppid ext
P exit_group ?
P.1 set_robust_list 0
P.1 write 6
P.1 mmap ADDR
P.1 read ?'
is "$(conf parse "$tmp/synthetic")" "$want" \
   "harness: unfinished/resumed halves joined by pid; pids, addresses, signals normalised"

# --- The commands ----------------------------------------------------------------

conform cat 60 1 -- cat "$w/hostname"
conform ls 80 1 -- ls -l "$w/tree"
conform sh 80 3 -- sh -c 'echo hi | cat'
conform python3 150 1 -- "$PYTHON" -c 'print(1)'
conform tar 80 1 -- tar -cf "$w/out.tar" -C "$w/tree" .
conform cp 60 1 -- cp "$w/hostname" "$w/copy"
conform forkexec 40 2 -- "$PROGS/conf_forkexec"
conform threads 60 5 -- "$PROGS/conf_threads"

# --- The harness, on real traces -------------------------------------------------

# It cannot pass vacuously: the same command on a file one byte longer gives the
# same syscalls, and only return values differ (read and write: 7, then 8).
printf 'myhost!\n' > "$w/hostname2"
run_tracer strace "$tmp/cat2.strace" -- cat "$w/hostname2"
rc=0; report=$(conf cmp "$tmp/cat.strace" "$tmp/cat2.strace") || rc=$?
ok "$([ $rc = 1 ] && grep -q '^  A> read 7 ' <<<"$report" && echo 1)" \
   "harness: cat of a 7-byte and of an 8-byte file differ, first at read"
[ $rc = 1 ] && grep -q '^  A> read 7 ' <<<"$report" || diag <<<"$report"

# Ancestry naming ties the parent's clone and wait4 to the child's own events.
got=$(conf parse "$tmp/forkexec.strace" | grep -E '^P (clone|wait4) |^P\.1 execve ')
is "$got" "P clone P.1
P wait4 P.1
P.1 execve 0" "harness: forkexec's child is P.1 in its parent's clone and wait4"

# The normalisation is enough: strace against itself agrees for the commands with
# several tasks, where interleaving and signals vary between runs.
for name in sh threads; do
  case $name in
    sh) set -- sh -c 'echo hi | cat' ;;
    threads) set -- "$PROGS/conf_threads" ;;
  esac
  run_tracer strace "$tmp/$name.strace2" -- "$@"
  rc=0; report=$(conf cmp "$tmp/$name.strace" "$tmp/$name.strace2") || rc=$?
  ok "$([ $rc = 0 ] && echo 1)" "harness: $name under strace twice gives the same normalised trace"
  [ -z "$report" ] || diag <<<"$report"
done

# --- Causes of the differences above, checked directly ---------------------------

# The tracee must not inherit sysgate's own files (such as the -o file): strace
# opens it O_CLOEXEC, so the command's first free fd is the same as untraced.
fds() {  # list the command's open fds and what they are, pids and temp names masked
  sed -e 's|/proc/[0-9]*/|/proc/PID/|' -e 's|\.tmp\.......$|.tmp.XXXXXX|' \
      -e 's|pipe:\[[0-9]*\]|pipe:[N]|'
}
cmd=(find /proc/self/fd/ -mindepth 1 -printf '%f %l\n')
fa=$( (cd "$w" && timeout -k 5 60 "$STRACE" -f -o "$tmp/fd.strace" -- "${cmd[@]}") </dev/null 2>/dev/null | sort -n | fds)
fb=$( (cd "$w" && timeout -k 5 60 "$SYSGATE" trace -f -o "$tmp/fd.sysgate" -- "${cmd[@]}") </dev/null 2>/dev/null | sort -n | fds)
is "$fb" "$fa" "the traced command has the same open fds as under strace (none of sysgate's)"

# The tracee must start with the signal dispositions and mask it was given:
# strace passes them through, so SIGINT/SIGPIPE keep their effect on the command.
cmd=(grep -E '^Sig(Blk|Ign):' /proc/self/status)
sa=$(timeout -k 5 60 "$STRACE" -f -o "$tmp/sig.strace" -- "${cmd[@]}" </dev/null 2>/dev/null)
sb=$(timeout -k 5 60 "$SYSGATE" trace -f -o "$tmp/sig.sysgate" -- "${cmd[@]}" </dev/null 2>/dev/null)
is "$sb" "$sa" "the traced command has the same ignored and blocked signals as under strace"
