#!/usr/bin/env bash
# sysgate jail: real programs under the default profile, harmless probes of denied
# calls (invalid arguments only), reports, Docker's profile, --explain, bad input.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
plan 71
J() { timeout 60 "$SYSGATE" jail "$@"; }
PY='import ctypes, os
l = ctypes.CDLL(None, use_errno=True)
def call(*a):
    r = l.syscall(*a)
    print(r, os.strerror(ctypes.get_errno()) if r == -1 else "ok")'

# 1-6: ordinary programs succeed under the default profile.
is "$(J -- sh -c 'echo hi | cat' 2>"$t/e1")" "hi" "sh -c 'echo hi | cat'"
is "$(cat "$t/e1")" "" "no denial reported for a pipeline"
J -- ls -l / > "$t/ls" 2>/dev/null
ok "$(grep -E ' (usr|etc)$' "$t/ls")" "ls -l / lists the root"
is "$(J -- cat /etc/hostname 2>/dev/null)" "$(cat /etc/hostname)" "cat /etc/hostname"
J -- /usr/bin/python3 -c "import json, sqlite3; print(json.dumps(sqlite3.sqlite_version > ''))" > "$t/py" 2>/dev/null
is "$(cat "$t/py")" "true" "python3 imports json and sqlite3"
mkdir -p "$t/src/sub" && echo data > "$t/src/sub/f"
J -- tar -C "$t" -cf "$t/a.tar" src 2>/dev/null && is "$(tar -tf "$t/a.tar" | sort | tr '\n' ' ')" \
	"src/ src/sub/ src/sub/f " "tar of a temp dir" || ok "" "tar of a temp dir"

# 7-9: reboot with an INVALID magic gets EPERM from the filter, not EINVAL from the kernel.
out=$(J -- python3 -c "$PY
call(169, 0, 0, 0, 0)" 2>"$t/reboot")
is "$out" "-1 Operation not permitted" "reboot(0, 0, 0, 0) fails with EPERM"
ok "$(grep -F '] reboot(0, 0, 0, NULL) -> errno EPERM (rule builtin-default:' "$t/reboot")" \
   "the report names reboot, its arguments and the rule"
ok "$(grep -E '^sysgate: jail: \[pid [0-9]+\] ' "$t/reboot")" "the report names the pid"

# 10-11: mount of a temp dir onto itself is denied.
mkdir "$t/m"
J -- mount --bind "$t/m" "$t/m" >/dev/null 2>"$t/mount"
ok "$(grep -F "mount(\"$t/m\", \"$t/m\"" "$t/mount" | grep -F 'errno EPERM')" "mount --bind is denied and reported"
is "$(grep -c " $t/m " /proc/mounts)" 0 "nothing was mounted"

# 12-15: bpf with an invalid command, keyctl, unshare(CLONE_NEWUSER).
out=$(J -- python3 -c "$PY
call(321, 9999, 0, 0)
call(250, 0, 0, 0, 0, 0)
call(272, 0x10000000)" 2>"$t/probes")
is "$out" "-1 Operation not permitted
-1 Operation not permitted
-1 Operation not permitted" "bpf, keyctl and unshare fail with EPERM"
ok "$(grep -F '] bpf(9999, NULL, 0) -> errno EPERM' "$t/probes")" "bpf is reported"
ok "$(grep -F '] keyctl(' "$t/probes")" "keyctl is reported"
ok "$(grep -F '] unshare(CLONE_NEWUSER) -> errno EPERM' "$t/probes")" "unshare(CLONE_NEWUSER) is reported"

# 16-17: clone3 gets ENOSYS so libc falls back to clone: threads still work.
out=$(J -- python3 -c 'import threading; t = threading.Thread(target=print, args=("thread",)); t.start(); t.join()' 2>"$t/thr")
is "$out" "thread" "a python thread starts (clone3 -> ENOSYS, fallback to clone)"
is "$(cat "$t/thr")" "" "clone3's ENOSYS is a quiet rule: no denial is printed for a new thread"

# 18-20: --report FILE: JSON Lines, one object per denial, written atomically.
J --report "$t/r.jsonl" -- unshare -U true 2>/dev/null
is "$?" 1 "unshare -U fails inside the jail"
is "$(python3 -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    print(o["syscall"], o["args"], o["action"], o["rule"].split(":")[0], o["default"])' "$t/r.jsonl")" \
   "unshare ['CLONE_NEWUSER'] errno EPERM builtin-default False" "the report file is valid JSON Lines"
is "$(ls "$t" | grep -c '\.tmp')" 0 "no temporary file left next to the report"

# 21-23: --deny on top of the default: a getppid loop gets EPERM each time.
is "$(J --deny getppid -- "$PROGS/getppid_errno" 5 2>"$t/deny")" "eperm 5 of 5" "--deny getppid: every call gets EPERM"
is "$(grep -c '\] getppid() -> errno EPERM (rule --deny getppid)' "$t/deny")" 5 "each denial is reported with its rule"
is "$(J --deny getppid --allow getppid -- "$PROGS/getppid_errno" 5 2>/dev/null)" "eperm 5 of 5" \
   "the first of --deny/--allow wins"

# 24-25: other actions from a text policy: log continues, kill-process kills.
printf 'default allow\nlog getppid\n' > "$t/log.policy"
printf 'default allow\nkill-process getppid\n' > "$t/kill.policy"
is "$(J --policy "$t/log.policy" -- "$PROGS/getppid_errno" 3 2>/dev/null)" "eperm 0 of 3" "log lets the call through"
J --policy "$t/kill.policy" -- "$PROGS/getppid_errno" 3 >/dev/null 2>"$t/kill"
is "$?:$(grep -c 'getppid() -> kill-process' "$t/kill")" "137:1" "kill-process: reported, then killed"

# trap stays in the kernel's filter: death by SIGSYS is reported.
printf 'default allow\ntrap getppid\n' > "$t/trap.policy"
J --policy "$t/trap.policy" -- "$PROGS/getppid_errno" 1 >/dev/null 2>"$t/trap"
is "$?:$(grep -c 'killed by seccomp (SIGSYS)' "$t/trap")" "159:1" "trap: death by SIGSYS reported"
# The fd handoff makes no syscall: even a denied execve is answered, not deadlocked.
J --deny execve -- true 2>"$t/exec"
is "$?:$(grep -c '] execve("/usr/bin/true", \["true"\], .* -> errno EPERM (rule --deny execve)' "$t/exec")" \
   "127:1" "--deny execve: the exec itself is reported"

# 26: Docker's own profile runs ls.
if [ -r /usr/share/containers/seccomp.json ]; then
  J --profile /usr/share/containers/seccomp.json -- ls -l / > "$t/dls" 2>/dev/null
  is "$?:$(grep -cE ' (usr|etc)$' "$t/dls")" "0:2" "ls -l / under /usr/share/containers/seccomp.json"
else skip "containers-common not installed"; fi

# 27-28: --explain prints the counts and runs nothing.
J --explain -- touch "$t/never" > "$t/explain"
ok "$(grep -E '^allowed: ([0-9]+) syscalls' "$t/explain" | awk '{exit !($2 + $5 <= 250)}' && echo y)" \
   "--explain: the default allows at most 250 syscalls"
ok "$(grep -E '^bpf: [0-9]+ instructions, within the kernel.s limit of 4096' "$t/explain")" "--explain: BPF count vs 4096"
# 29: and did not run the command.
ok "$([ ! -e "$t/never" ] && echo y)" "--explain runs nothing"

# 30-33: bad input: one line, non-zero, nothing run.
out=$(J --deny getppidx -- touch "$t/never" 2>&1); rc=$?
is "$rc:$out" "2:sysgate jail: unknown syscall 'getppidx' in --deny (did you mean 'getppid'?)" "unknown syscall with a hint"
echo '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [ }' > "$t/bad.json"
out=$(J --profile "$t/bad.json" -- touch "$t/never" 2>&1); rc=$?
ok "$([ $rc -ne 0 ] && [ "$(wc -l <<<"$out")" = 1 ] && grep -F "$t/bad.json" <<<"$out")" "malformed profile: one line naming the file"
out=$(J --policy "$t/nonexistent" -- true 2>&1); rc=$?
ok "$([ $rc -ne 0 ] && grep -F "cannot open '$t/nonexistent'" <<<"$out")" "missing policy file"
out=$(J touch "$t/never" 2>&1); rc=$?
ok "$([ $rc -ne 0 ] && [ ! -e "$t/never" ] && grep -F "missing '--'" <<<"$out")" "missing '--'"

# Namespaces and a new root (src/jail/ns*), combined with the default filter.
out=$(J --unshare-all --net none --hostname box -- sh -c 'hostname; cut -d: -f1 /proc/net/dev | tr -d " " | tail -n +3; grep ^CapEff /proc/self/status')
is "$(echo $out)" "box lo CapEff: 0000000000000000" "--unshare-all --net none: own hostname, only lo, no capabilities"
is "$(hostname)" "$(cat /proc/sys/kernel/hostname)" "the host's hostname is untouched"
out=$(J --unshare pid,mount --ro-bind /usr /usr --ro-bind /lib /lib --ro-bind /lib64 /lib64 \
        --ro-bind /bin /bin --tmpfs /tmp --proc /proc --dev /dev -- \
        sh -c 'ls / | tr "\n" " "; echo x > /tmp/a && cat /tmp/a; touch /usr/x 2>/dev/null || echo rofs; echo $$' 2>&1)
is "$(echo $out)" "bin dev lib lib64 proc tmp usr x rofs 2" "new root: only the binds, writable /tmp, read-only /usr, own pid namespace"
out=$(J --unshare-all --ro-bind / / --dev /dev -- /usr/bin/python3 -c '
import os, pty, multiprocessing.shared_memory as s
m, sl = pty.openpty(); print(os.ttyname(sl))
x = s.SharedMemory(create=True, size=4096); print(os.path.exists("/dev/shm/" + x.name)); x.close(); x.unlink()' 2>&1)
is "$(echo $out)" "/dev/pts/0 True" "--dev: a private /dev/pts (first pty is 0) and a working /dev/shm"
J --unshare pid -- sh -c 'exit 5'
is "$?" 5 "exit status passes through the pid-1 processes"
out=$(J --unshare pid --deny getppid -- "$PROGS/getppid_errno" 3 2>&1)
ok "$(grep -q 'eperm 3 of 3' <<<"$out" && [ "$(grep -c 'getppid()' <<<"$out")" = 3 ] && echo y)" \
   "denials are still reported from inside a pid namespace"
out=$(J --bind /nonexistent-src /x -- true 2>&1); rc=$?
ok "$([ $rc -ne 0 ] && [ "$(wc -l <<<"$out")" = 1 ] && grep -q nonexistent-src <<<"$out" && echo y)" \
   "a bind of a missing path: one clear error"

# The interactive tools people run in a shell, on a terminal (script gives them
# one), under the built-in default: not one denial.
for c in "ps aux" "top -b -n 1" "top -n 1" "less -F /etc/hostname" "vi -c q /etc/hostname" \
         "python3 -c 'import readline, sqlite3; print(1)'" "git --version" "bash -ic 'echo hi; exit'"; do
  prog=${c%% *}
  if ! command -v "$prog" >/dev/null; then skip "$prog is not installed"; continue; fi
  TERM=xterm timeout 20 script -qec "$SYSGATE jail -- $c" /dev/null < /dev/null > "$t/tty" 2>&1
  is "$(grep -a 'sysgate: jail: \[pid' "$t/tty" | head -3)" "" "default profile: $c runs without a denial"
done
# vi waiting for a key starts a thread (clone3 first, then clone): typed input.
if command -v vi >/dev/null; then
  (sleep 1; printf ':q\r') | TERM=xterm timeout 20 script -qec "$SYSGATE jail -- vi /etc/hostname" /dev/null > "$t/tty" 2>&1
  is "$(grep -a 'sysgate: jail: \[pid' "$t/tty" | head -3)" "" "default profile: vi waiting for input runs without a denial"
else skip "vi is not installed"; fi

# bubblewrap's spellings: one namespace each, --unsetenv, --cap-add/--cap-drop,
# and --timeout in the help.
for n in user pid net ipc uts cgroup; do
  got=$("$SYSGATE" jail --unshare-$n -- readlink /proc/self/ns/$n 2>&1)
  ok "$([ -n "$got" ] && [ "$got" != "$(readlink /proc/self/ns/$n)" ] && echo new)" \
     "--unshare-$n: a $n namespace of its own ($got)"
done
is "$(FOO=1 "$SYSGATE" jail --unsetenv FOO -- sh -c 'echo ${FOO-unset}')" unset "--unsetenv FOO: not in the command's environment"
is "$("$SYSGATE" jail --cap-add CAP_NET_RAW -- awk '/^CapEff/ {print $2}' /proc/self/status)" 0000000000002000 \
   "--cap-add CAP_NET_RAW: that one capability kept"
is "$("$SYSGATE" jail --cap-add ALL --cap-drop net_raw -- awk '/^CapEff/ {print $2}' /proc/self/status | cut -c13-16)" \
   "$(awk '/^CapEff/ {print $2}' /proc/self/status | cut -c13-16 | python3 -c 'print(format(int(input(), 16) & ~0x2000, "04x"))')" \
   "--cap-add ALL --cap-drop net_raw: every capability held but that one"
"$SYSGATE" jail --cap-drop nonsense -- true 2> "$t/cap.err"
is "$?:$(grep -c "unknown capability 'nonsense'" "$t/cap.err")" "2:1" "an unknown capability: one line, status 2"
ok "$("$SYSGATE" help jail | grep -- '--timeout SEC')" "--timeout is in sysgate help jail"
# Docker's spelling: --security-opt seccomp=FILE is --profile FILE;
# seccomp=unconfined sets no rule (what the default profile denies goes through).
printf '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["getppid"],"action":"SCMP_ACT_ERRNO","errnoRet":1}]}\n' > "$t/deny.json"
is "$(J --security-opt seccomp="$t/deny.json" -- "$PROGS/getppid_errno" 3 2>/dev/null)" "eperm 3 of 3" \
   "--security-opt seccomp=FILE: the profile's rules"
is "$(J --security-opt seccomp=unconfined -- sh -c 'unshare -U true && echo unconfined' 2>/dev/null):$(J -- sh -c 'unshare -U true && echo unconfined' 2>/dev/null)" \
   "unconfined:" "--security-opt seccomp=unconfined: a call the default profile denies goes through"
J --security-opt apparmor=unconfined -- true 2> "$t/secopt.err"
is "$?:$(grep -c 'sysgate takes seccomp=FILE or seccomp=unconfined' "$t/secopt.err")" "2:1" \
   "another --security-opt: one line, status 2"
# bubblewrap's root-building spellings: a root of /usr only, with its links.
out=$(J --ro-bind /usr /usr --symlink usr/bin /bin --symlink usr/lib /lib --symlink usr/lib64 /lib64 \
  --dir /work/made --proc /proc --dev /dev --ro-bind-try /nonexistent/src /nope --bind-try "$t" /scratch \
  --dev-bind /dev/null /devnull -- /bin/sh -c \
  'ls -d /work/made; readlink /bin; ls /nope 2>/dev/null || echo no-nope; echo x > /devnull && echo devnull; ls /scratch/deny.json' 2>&1)
is "$(echo $out)" "/work/made usr/bin no-nope devnull /scratch/deny.json" \
   "--dir, --symlink, --ro-bind-try of a missing source (left out), --bind-try, --dev-bind"
# --uid/--gid (a user namespace of its own), --new-session, --file, --die-with-parent.
is "$(J --uid 1000 --gid 1001 -- sh -c 'echo $(id -u):$(id -g)' 2>&1)" "1000:1001" "--uid 1000 --gid 1001: who the command is inside"
sid=$(cut -d' ' -f6 /proc/$$/stat)
inside=$(J --new-session -- sh -c 'cut -d" " -f6 /proc/$$/stat' 2>&1)
is "$(J -- sh -c 'cut -d" " -f6 /proc/$$/stat'):$([ "$inside" != "$sid" ] && echo own)" "$sid:own" \
   "--new-session: the command in a session of its own (without it, the caller's)"
is "$(J --ro-bind /usr /usr --symlink usr/bin /bin --symlink usr/lib /lib --symlink usr/lib64 /lib64 \
     --file 3 /etc/greeting -- /bin/cat /etc/greeting 3< <(echo hello from fd 3) 2>&1)" "hello from fd 3" \
   "--file FD DST: the fd's bytes as a file of the new root"
sh -c '"$1" jail --die-with-parent -- sleep 31.5 & sleep 0.5; kill -KILL $$' sh "$SYSGATE" 2>/dev/null
wait_until sh -c '! pgrep -f "sleep 31.5" > /dev/null'
is "$(pgrep -f 'sleep 31.5' | wc -l)" 0 "--die-with-parent: the parent killed, sysgate and the command end too"
# A terminal inside --dev: the caller's, as /dev/console (script gives one).
TERM=xterm timeout 20 script -qec "$SYSGATE jail --ro-bind /usr /usr --symlink usr/bin /bin --symlink usr/lib /lib --symlink usr/lib64 /lib64 --dev /dev --proc /proc -- tty" /dev/null < /dev/null > "$t/tty.out" 2>&1
is "$(tr -d '\r' < "$t/tty.out")" "/dev/console" "--dev on a terminal: tty inside names it (/dev/console)"
