#!/usr/bin/env bash
# sysgate trace --backend ebpf against --backend ptrace: the same lines for the
# same programs (a dynamic one, a tree of processes with -f, a static one, the
# deterministic cases of trace_backends.t, the decoders' programs), signals,
# -c's counts, -p on a running process that goes on unharmed, -u, --backend
# auto, --system-wide and --cgroup, and the refusals.
#
# Both run under setarch -R, so that a program's addresses are the same in both
# runs. What differs by nature is left out of the comparison: process ids (the
# pid column, what set_tid_address, clone and wait4 return), getrandom's bytes,
# and SIGCHLD lines (the kernel queues an unhandled SIGCHLD only for a ptrace
# tracee). An argument whose memory a BPF program cannot read (not resident when
# the call is made: a string in a page of libc the program never touched) or
# does not copy yet (docs/trace.md) shows as its address: the comparison allows
# that in place of what ptrace read, and only when sysgate said it did so.
. "$(dirname "$0")/lib.sh"

scratch_and_background

plan 36

if ! "$SYSGATE" trace --backend ebpf -o /dev/null -- /bin/true 2> "$t/probe.err"; then
  for _ in $(seq 36); do skip "$(head -1 "$t/probe.err")"; done
  exit 0
fi

# same NAME TRACE-ARGS... -- CMD...: the ebpf and ptrace traces of CMD, compared
# process by process; prints "same" or the first difference.
same() {
  local name=$1; shift
  local env=(env -i PATH=/usr/bin:/bin setarch -R) # the same stack for both
  "${env[@]}" "$SYSGATE" trace --backend ebpf -o "$t/$name.ebpf" "$@" > /dev/null 2> "$t/$name.ebpf.err"
  "${env[@]}" "$SYSGATE" trace --backend ptrace -o "$t/$name.ptrace" "$@" > /dev/null 2> "$t/$name.ptrace.err"
  python3 - "$t/$name.ptrace" "$t/$name.ebpf" "$t/$name.ebpf.err" <<'EOF'
import re, sys
def procs(path):
    out, order = {}, []
    for line in open(path):
        m = re.match(r'^(\d+) +(.*)', line.rstrip('\n'))
        pid, text = (m.group(1), m.group(2)) if m else ('-', line.rstrip('\n'))
        if pid not in out:
            out[pid] = []; order.append(pid)
        text = ' '.join(text.split())
        # a call another process's line cut in two: one line, as when alone
        r = re.match(r'^<\.\.\. \w+ resumed> ?(.*)', text)
        if r and out[pid] and out[pid][-1].endswith('<unfinished ...>'):
            head = out[pid][-1][:-len('<unfinished ...>')].rstrip()
            out[pid][-1] = head + (' ' if head.endswith(',') else '') + r.group(1)
            out[pid][-1] = ' '.join(out[pid][-1].split())
            continue
        out[pid].append(text)
    procs = [[norm(t) for t in out[p]] for p in order]
    # The first execve is made by sysgate's child: its envp points into
    # sysgate's own stack, which the two command lines lay out differently.
    if procs and procs[0]:
        procs[0][0] = re.sub(r'\], 0x[0-9a-f]+ /\*', '], ENVP /*', procs[0][0])
    return procs
def norm(text):
    text = re.sub(r'^(set_tid_address|clone|clone3|fork|vfork|wait4|getpid|getppid|gettid|rt_sigreturn)(\(.*\)) = \d+',
                  r'\1\2 = PID', text)
    text = re.sub(r'^(wait4\()\d+', r'\1PID', text)
    return re.sub(r'^(getrandom\()"[^"]*"', r'\1BYTES', text)
p, e = procs(sys.argv[1]), procs(sys.argv[2])
err = open(sys.argv[3]).read()
m = re.search(r'(\d+) arguments were shown as addresses', err) or \
    re.search(r'(\d+) arguments. memory was not resident', err)
allowed = int(m.group(1)) if m else 0
shown_as_address = 0
if len(p) != len(e):
    print(f"{len(p)} processes under ptrace, {len(e)} under ebpf"); sys.exit()
def chld(lines):
    return [x for x in lines if not x.startswith('--- SIGCHLD')]
def args(line):
    """A line's top-level pieces: the call's name and each argument, then the
    rest, split at commas outside quotes and brackets."""
    out, depth, cur, q, i = [], 0, '', False, 0
    while i < len(line):
        ch = line[i]
        if q:
            cur += ch
            if ch == '\\' and i + 1 < len(line):
                cur += line[i + 1]; i += 1
            elif ch == '"':
                q = False
        elif ch == '"':
            q = True; cur += ch
        elif ch in '([{':
            if depth == 0 and ch == '(' and not out:
                out.append(cur + ch); cur = ''
            else:
                cur += ch
            depth += 1
        elif ch in ')]}':
            depth -= 1
            if depth == 0 and ch == ')':
                out.append(cur); cur = ch
            else:
                cur += ch
        elif ch == ',' and depth == 1:
            out.append(cur); cur = ''
        else:
            cur += ch
        i += 1
    out.append(cur)
    return [x.strip() for x in out]
def as_address(u, v):
    """How many addresses v shows where u shows what was read there: all of
    it, or strings inside it (argv's); 0 when v differs otherwise."""
    if re.fullmatch(r'0x[0-9a-f]+', v):
        return 1
    parts = re.split(r'"(?:[^"\\]|\\.)*"(?:\.\.\.)?', u)
    strings = r'(?:"(?:[^"\\]|\\.)*"(?:\.\.\.)?|(0x[0-9a-f]+))'
    mm = re.fullmatch(strings.join(re.escape(q) for q in parts), v)
    return sum(1 for g in mm.groups() if g) if mm else 0
# A SIGCHLD nobody handles is always queued for a ptrace tracee; for another
# process the kernel drops it unless it is blocked then: its lines are left out.
# Processes are matched by what they did, not by the order they first showed
# in (forked children race).
def key(lines):
    return [re.sub(r'"(?:[^"\\]|\\.)*"|0x[0-9a-f]+', '', x) for x in lines]
p = sorted((chld(a) for a in p), key=key)
e = sorted((chld(b) for b in e), key=key)
for a, b in zip(p, e):
    if len(a) != len(b):
        print(f"{len(a)} lines under ptrace, {len(b)} under ebpf"); sys.exit()
    for x, y in zip(a, b):
        if x == y:
            continue
        # an argument whose memory the record does not hold (not resident,
        # or of a kind not copied): its address in that place, the rest the same
        xa, ya = args(x), args(y)
        diff = [(u, v) for u, v in zip(xa, ya) if u != v]
        if len(xa) == len(ya) and diff and all(as_address(u, v) for u, v in diff):
            shown_as_address += sum(as_address(u, v) for u, v in diff)
            continue
        print(f"ptrace: {x}\nebpf:   {y}"); sys.exit()
# Every address in place of what ptrace read is one sysgate said it showed
# (a decoder that finds no length reads no value: one count, two addresses).
print("same" if shown_as_address == 0 or allowed > 0 else f"{shown_as_address} addresses, none reported")
EOF
}

is "$(same cat -- /bin/cat /etc/hostname)" same "a dynamic program: the lines ptrace shows"
is "$(same tree -f -- "$PROGS/stat_loop" 100 0 2 1)" same \
  "-f: a process, its two children and an orphan, process by process"
is "$(same static -- "$PROGS/static_hello")" same "a statically linked program"
is "$(same loop -- "$PROGS/stat_loop" 1000)" same "a loop of 1000 getppid"
# The deterministic programs of tests/trace_backends.t and the decoders' tests.
C=$PROGS/inproc_cases
for c in forkexec sigsuspend jit; do
  is "$(same "$c" -f -- "$C" "$c")" same "inproc_cases $c: the lines ptrace shows"
done
for p in flag_calls handle_calls prctl_calls sockopt_calls execve_faults getppid_errno iov_calls; do
  is "$(same "$p" -f -- "$PROGS/$p")" same "$p: the lines ptrace shows"
done
# Signals, as trace_backends.t checks them (the program's timing is its own).
"$SYSGATE" trace -f --backend ebpf -o "$t/signal.trace" -- "$C" signal > "$t/signal.out" 2> "$t/signal.err"
is "$(cat "$t/signal.out"):$(grep -c -- '--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---' "$t/signal.trace")" \
   "eintr yes restarted yes alarms 2:2" "signals: both SIGALRM lines, the program unharmed"
# As ptrace and strace show it: the call's end as the kernel left it, the
# signal, then the handler's return, which gives the call's EINTR.
is "$(grep -A2 -E '^[0-9]+ +(read\(3, |<\.\.\. read resumed>)0x[0-9a-f]+, 1\) += \? ERESTARTSYS' "$t/signal.trace" |
      sed -E 's/^[0-9]+ +//; s/ +=/ =/' | grep -cE '^(--- SIGALRM|rt_sigreturn\(\{mask=\[\]\}\) = (-1 EINTR|0))')" 4 \
   "signals: each read ends ERESTARTSYS, then the signal, then rt_sigreturn, as under ptrace"

# -c: the counts of the same run's calls.
"$SYSGATE" trace -c --backend ebpf -o "$t/c.ebpf" -- "$PROGS/stat_loop" 5000
is "$(awk '$NF == "getppid" {print $4}' "$t/c.ebpf")" 5000 "-c counts 5000 getppid"

# -p: attach to a running loop, see its calls, let it go: it runs on.
"$PROGS/stat_loop" 2000000000 & lp=$!
bg+=("$lp")
"$SYSGATE" trace --backend ebpf -p "$lp" -o "$t/p.trace" 2> "$t/p.err" & tp=$!
bg+=("$tp")
sleep 0.5
kill -INT "$tp"
wait "$tp"
is "$?" 0 "-p: Ctrl-C ends the trace with status 0"
ok "$(grep -m1 -E '^getppid\(\) += [0-9]+$' "$t/p.trace")" "-p: the running loop's getppid calls"
is "$(grep -c -E 'Process [0-9]+ (attached|detached)' "$t/p.err")" 2 "-p: attached, then detached"
before=$(awk '{print $14}' /proc/"$lp"/stat)
sleep 0.3
after=$(awk '{print $14}' /proc/"$lp"/stat)
ok "$([ "$after" -gt "$before" ] && kill -0 "$lp" && echo running)" "-p: the loop runs on after the trace"
kill "$lp"

# -u: the command runs as another user, traced as any other.
"$SYSGATE" trace --backend ebpf -u nobody -e trace=geteuid -o "$t/u.trace" -- /usr/bin/id -u > "$t/u.out" 2> /dev/null
is "$?:$(cat "$t/u.out"):$(grep -cE '^geteuid\(\) += 65534$' "$t/u.trace")" "0:65534:1" "-u nobody: the command's calls, as nobody"

# What the backend cannot do, and a kernel that refuses BPF: one line each.
"$SYSGATE" trace --backend ebpf -k -o /dev/null -- /bin/true 2> "$t/k.err"
is "$?:$(grep -c . "$t/k.err"):$(grep -c '^sysgate: --backend ebpf: -k ' "$t/k.err")" 1:1:1 \
  "-k with ebpf: one line naming it, status 1"
ASAN_OPTIONS=detect_leaks=0 "$SYSGATE" trace -f -e trace=bpf -e inject=bpf:error=EPERM -o /dev/null -- \
  "$SYSGATE" trace --backend ebpf -o /dev/null -- /bin/true 2> "$t/refused.err"
is "$?:$(grep -c '^sysgate: --backend ebpf: the kernel refused the BPF programs: Operation not permitted' "$t/refused.err")" \
  1:1 "the kernel refuses BPF: one line, status 1"
"$SYSGATE" trace --backend ebpf -o /dev/null -- /nonexistent/prog 2> "$t/missing.err"
is "$?:$(grep -c . "$t/missing.err")" 127:1 "a missing program: one line, status 127"

# --backend auto: where the agent cannot go (a static program, -p), ebpf; and
# where the kernel refuses BPF (root without CAP_BPF and CAP_SYS_ADMIN), ptrace.
"$SYSGATE" trace --backend auto -o "$t/auto.trace" -- "$PROGS/static_hello" > /dev/null 2> "$t/auto.err"
is "$?:$(grep -c . "$t/auto.err" | awk '{print ($1 <= 2)}'):$(grep -c '^sysgate: trace: backend ebpf (statically linked program)$' "$t/auto.err")" \
   0:1:1 "auto, a static program: ebpf, and one line saying so"
ok "$(grep -F 'write(1, "static\n", 7)' "$t/auto.trace")" "auto, a static program: its calls, seen by ebpf"
"$PROGS/stat_loop" 2000000000 & lp=$!
bg+=("$lp")
"$SYSGATE" trace --backend auto -p "$lp" -o "$t/autop.trace" 2> "$t/autop.err" & tp=$!
bg+=("$tp")
sleep 0.5
kill -INT "$tp"
wait "$tp"
ok "$(grep -q 'backend ebpf (-p attaches' "$t/autop.err" && grep -m1 -E '^getppid\(\) += [0-9]+$' "$t/autop.trace")" \
   "auto, -p: ebpf attaches without a stop"
kill "$lp"
# A set-user-ID program, which the agent cannot enter (the loader ignores
# LD_PRELOAD for it): ebpf traces it as it runs, as its own user.
cp "$PROGS/stat_loop" "$t/suid_loop" && chown nobody "$t/suid_loop" && chmod 4755 "$t/suid_loop"
"$SYSGATE" trace --backend auto -e trace=getppid,geteuid -o "$t/suid.trace" -- "$t/suid_loop" 3 2> "$t/suid.err"
is "$?:$(grep -c 'backend ebpf (set-user-ID or set-group-ID program)' "$t/suid.err"):$(grep -cE '^getppid\(\) += [0-9]+$' "$t/suid.trace")" \
   0:1:3 "auto, a set-user-ID program: ebpf, its calls traced"
if command -v setpriv > /dev/null; then
  setpriv --bounding-set -sys_admin,-bpf,-perfmon -- "$SYSGATE" trace --backend auto -o "$t/noc.trace" -- \
    "$PROGS/static_hello" > /dev/null 2> "$t/noc.err"
  is "$?:$(grep -c '^sysgate: trace: backend ptrace (the kernel refused the BPF programs: Operation not permitted)$' "$t/noc.err"):$(grep -c 'write(1, "static' "$t/noc.trace")" \
     0:1:1 "auto where the kernel refuses BPF: ptrace, and the line says why"
else
  skip "no setpriv here to drop CAP_BPF"
fi

# --system-wide: a process sysgate did not start is seen, sysgate itself is not.
"$PROGS/stat_loop" 2000000000 & lp=$!
bg+=("$lp")
"$SYSGATE" trace --system-wide -e trace=getppid -o "$t/sw.trace" 2> "$t/sw.err" & tp=$!
bg+=("$tp")
sleep 0.5
kill -INT "$tp"
wait "$tp"
is "$?:$(grep -m1 -cE "^$lp +getppid\(\) += [0-9]+$" "$t/sw.trace"):$(grep -c "^$tp " "$t/sw.trace")" 0:1:0 \
   "--system-wide: an unrelated process's calls, none of sysgate's; Ctrl-C ends it"
kill "$lp"
"$SYSGATE" trace --system-wide -e trace=execve -o "$t/swc.trace" -- /bin/sh -c '/bin/true'
is "$?:$(grep -cE '^[0-9]+ +execve\("/bin/true", \["/bin/true"\]' "$t/swc.trace")" 0:1 \
   "--system-wide -- CMD: the machine while the command runs"
# --cgroup: a loop moved into a cgroup v2 made here is seen, one outside is not.
cg_root=$(awk '$3 == "cgroup2" {print $2; exit}' /proc/mounts)
if [ -n "$cg_root" ] && mkdir "$cg_root/sysgate-trace-$$" 2>/dev/null; then
  cg="$cg_root/sysgate-trace-$$"
  sh -c 'echo $$ > "$1/cgroup.procs" && exec "$2" 2000000000' sh "$cg" "$PROGS/stat_loop" & ip=$!
  "$PROGS/stat_loop" 2000000000 & op=$!
  bg+=("$ip" "$op")
  sleep 0.2
  "$SYSGATE" trace --cgroup "$cg" -e trace=getppid -o "$t/cg.trace" -- sleep 0.3
  is "$?:$(grep -m1 -cE "^$ip +getppid\(\)" "$t/cg.trace"):$(grep -c "^$op " "$t/cg.trace")" 0:1:0 \
     "--cgroup: the calls of the loop in the cgroup, none of the loop outside"
  kill -KILL "$ip" "$op" 2>/dev/null
  wait "$ip" "$op" 2>/dev/null
  rmdir "$cg"
else
  skip "no cgroup v2 hierarchy to make a cgroup in"
fi
"$SYSGATE" trace --cgroup /tmp -- /bin/true 2> "$t/cgtmp.err"
is "$?:$(grep -c . "$t/cgtmp.err"):$(grep -c "'/tmp' is not a cgroup v2 directory" "$t/cgtmp.err")" 1:1:1 \
   "--cgroup on a directory that is no cgroup: one line, status 1"
"$SYSGATE" trace --system-wide --backend ptrace -- /bin/true 2> "$t/swpt.err"
is "$?:$(grep -c 'needs --backend ebpf' "$t/swpt.err")" 2:1 "--system-wide with ptrace: one line, status 2"
"$SYSGATE" trace --system-wide -p 1 2> "$t/swp.err"
is "$?:$(grep -c 'either -p PID or --system-wide' "$t/swp.err")" 2:1 "--system-wide with -p: one line, status 2"
