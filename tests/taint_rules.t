#!/usr/bin/env bash
# sysgate taint: the propagation rules and closed channels one by one, beyond the
# exfiltration matrix (tests/taint.t): FIFOs and named AF_UNIX sockets between
# unrelated processes, writes into files by every call, links, secret directories,
# sendmmsg, packet and netlink sockets, and the calls that would bypass the monitor.
# Probes of forbidden calls use harmless arguments only.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$t"' EXIT
plan 41
PY=/usr/bin/python3
# The tests read what the command prints: its stdout and stderr lead to them.
# TAINT_OPENS=fanotify (tests/taint*_fanotify.t) runs the same tests with opens observed.
T() { timeout 60 "$SYSGATE" taint --trust-stdout --trust-stderr ${TAINT_OPENS:+--opens "$TAINT_OPENS"} "$@" < /dev/null; }
printf 'top secret\n' > "$t/secret"
S=(--secret "$t/secret")

# A TCP listener on loopback that logs what it receives.
loopback_logger "$t"
SEND="import socket, sys
socket.create_connection(('127.0.0.1', $PORT)).sendall(sys.stdin.buffer.read() or b'empty')"
leaked() { cat "$t/received" 2>/dev/null | grep -c 'top secret'; }
has() { [ "$(cat "$t/received" 2>/dev/null | grep -c -- "$1")" -ge "$2" ]; }  # has PATTERN COUNT

# 1-2: a FIFO between two unrelated processes (siblings started by sh).
mkfifo "$t/fifo"
T "${S[@]}" --audit "$t/a1" -- sh -c 'cat "$0" > "$1" & $2 -c "$3" < "$1"; wait' \
  "$t/secret" "$t/fifo" $PY "$SEND" >/dev/null 2>&1
sleep 0.2
is "$(leaked):$(grep -c denied "$t/a1")" "0:1" "FIFO: the reader of a tainted writer may not send"
T "${S[@]}" -- sh -c 'echo hello-fifo > "$0" & $1 -c "$2" < "$0"; wait' "$t/fifo" $PY "$SEND" >/dev/null 2>&1
wait_until has hello-fifo 1
is "$(grep -c hello-fifo "$t/received")" 1 "FIFO without the secret: the send goes through"

# 3: a named AF_UNIX socket: a server started first, a tainted client sends to it,
# the server forwards over TCP.
T "${S[@]}" --audit "$t/a3" -- sh -c '$0 -c "
import os, socket, sys
u = socket.socket(socket.AF_UNIX); u.bind(sys.argv[1]); u.listen(1)
open(sys.argv[1] + \".ready\", \"w\").close()
c, _ = u.accept(); data = c.recv(4096)
try: socket.create_connection((\"127.0.0.1\", int(sys.argv[2]))).sendall(data)
except PermissionError: sys.exit(13)" "$1" "$2" & while [ ! -e "$1.ready" ]; do sleep 0.02; done
$0 -c "
import socket, sys
u = socket.socket(socket.AF_UNIX); u.connect(sys.argv[1]); u.sendall(open(sys.argv[2], \"rb\").read())" "$1" "$3"; wait $!' \
  $PY "$t/u.sock" "$PORT" "$t/secret" >/dev/null 2>&1
is "$?:$(leaked)" "13:0" "named AF_UNIX socket: the server that received tainted data may not forward it"

# 4-8: every way of writing into a file carries the label into its xattr.
for how in write pwrite writev copy_file_range sendfile; do
  rm -f "$t/out.$how"
  T "${S[@]}" -- $PY -c 'import os, sys
how, src, dst = sys.argv[1:4]
data = open(src, "rb").read()
fd = os.open(dst, os.O_WRONLY | os.O_CREAT, 0o644)
if how == "write": os.write(fd, data)
elif how == "pwrite": os.pwrite(fd, data, 0)
elif how == "writev": os.writev(fd, [data])
else:
    s = os.open(src, os.O_RDONLY)
    (os.copy_file_range if how == "copy_file_range" else lambda i, o, n: os.sendfile(o, i, 0, n))(s, fd, len(data))' \
    "$how" "$t/secret" "$t/out.$how" 2>/dev/null
  is "$("$SYSGATE" taint --show "$t/out.$how")" "$t/out.$how: secret" "$how into a file: the file is labelled"
done

# 9: a hard link is the same inode: the label is there under the new name.
"$SYSGATE" taint --mark "$t/out.write" finance
ln "$t/out.write" "$t/linked"
is "$("$SYSGATE" taint --show "$t/linked")" "$t/linked: finance" "a link carries the label"

# 10-11: --secret DIR covers files below it, also one created during the run.
mkdir -p "$t/vault/sub"; echo "top secret 2" > "$t/vault/sub/a"
T --secret "$t/vault" --audit "$t/a10" -- sh -c 'cat "$0" | $1 -c "$2"' "$t/vault/sub/a" $PY "$SEND" >/dev/null 2>&1
is "$(grep -c denied "$t/a10")" 1 "a file below a --secret directory is secret"
T --secret "$t/vault" --audit "$t/a11" -- sh -c 'echo "top secret 3" > "$0/new"; cat "$0/new" | $1 -c "$2"' \
  "$t/vault" $PY "$SEND" >/dev/null 2>&1
is "$(grep -c denied "$t/a11"):$(leaked)" "1:0" "so is a file created there during the run"

# 12: sendmmsg of a tainted process to an untrusted address.
out=$(T "${S[@]}" -- $PY -c 'import ctypes, ctypes.util, os, socket, struct, sys
open(sys.argv[1]).read()
l = ctypes.CDLL(None, use_errno=True)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
addr = struct.pack("!HH4s8x", socket.AF_INET, int(sys.argv[2]), socket.inet_aton("127.0.0.1"))
addr = struct.pack("=H", socket.AF_INET) + addr[2:]
buf = ctypes.create_string_buffer(b"top secret")
iov = struct.pack("PL", ctypes.addressof(buf), 10)
iovb = ctypes.create_string_buffer(iov); ab = ctypes.create_string_buffer(addr)
msg = struct.pack("PI4xPLPLi4xI4x", ctypes.addressof(ab), 16, ctypes.addressof(iovb), 1, 0, 0, 0, 0)
mb = ctypes.create_string_buffer(msg)
r = l.sendmmsg(s.fileno(), mb, 1, 0)
print(r, os.strerror(ctypes.get_errno()))' "$t/secret" "$PORT" 2>/dev/null)
is "$out" "-1 Permission denied" "sendmmsg with its own address from a tainted process: EACCES"

# 13-14: packet sockets and netlink other than route queries (4: NETLINK_SOCK_DIAG)
# are closed when tainted.
out=$(T "${S[@]}" -- $PY -c 'import os, socket, sys
open(sys.argv[1]).read()
for fam, typ, proto, dest in ((socket.AF_PACKET, socket.SOCK_DGRAM, 0, ("lo", 0x88b5)),
                              (socket.AF_NETLINK, socket.SOCK_RAW, 4, (0, 0))):
    s = socket.socket(fam, typ, proto)
    try: s.sendto(b"x", dest); print("sent")
    except OSError as e: print(e.strerror)' "$t/secret" 2>/dev/null)
is "$out" "Permission denied
Permission denied" "AF_PACKET and NETLINK_SOCK_DIAG sends: EACCES"
out=$(T "${S[@]}" -- sh -c 'cat "$0" > /dev/null; ip -o addr show lo | grep -c "inet "' "$t/secret" 2>&1)
is "$out" "1" "route queries (ip addr) still work when tainted"

# 15-21: channels past the monitor.
PROBE='import ctypes, os, sys
l = ctypes.CDLL(None, use_errno=True)
if sys.argv[1] == "taint": open(sys.argv[2]).read()
def call(name, *a):
    r = l.syscall(*a)
    print(name, "ok" if r != -1 else os.strerror(ctypes.get_errno()))
iov = ctypes.create_string_buffer(16)
call("process_vm_writev", 311, os.getppid(), 0, 0, 0, 0, 0)
call("ptrace", 101, 0, 0, 0)             # PTRACE_GETREGS on pid 0: harmless
try: os.close(os.open("/proc/self/mem", os.O_RDWR)); print("proc-mem ok")
except OSError as e: print("proc-mem", e.strerror)
r, w = os.pipe()
vec = (ctypes.c_char_p * 2)(ctypes.cast(iov, ctypes.c_char_p), ctypes.c_char_p(16))
call("vmsplice", 278, w, ctypes.addressof(vec), 1, 0)
call("unshare", 272, 0x04000000)        # CLONE_NEWUTS
call("clone3", 435, 0, 0)                # no args: EINVAL/EFAULT if it got through
'
out=$(T "${S[@]}" -- $PY -c "$PROBE" taint "$t/secret" 2>/dev/null)
is "$(sed -n 1,3p <<<"$out")" "process_vm_writev Permission denied
ptrace Permission denied
proc-mem Permission denied" "process_vm_writev, ptrace, /proc/self/mem: refused to a tainted process"
is "$(sed -n 4,6p <<<"$out")" "vmsplice Permission denied
unshare Permission denied
clone3 Function not implemented" "vmsplice, unshare: EACCES; clone3: ENOSYS (libc falls back to clone)"
out=$(T "${S[@]}" -- $PY -c "$PROBE" clean 2>/dev/null)
is "$(sed -n 1,3p <<<"$out")" "process_vm_writev Permission denied
ptrace Permission denied
proc-mem Permission denied" "the memory of other processes is closed to untainted ones too"
ok "$(sed -n 4p <<<"$out" | grep -v 'Permission denied')" "vmsplice is open to an untainted process"
if T --stats -- true 2>&1 | grep -q 'opens observed by fanotify'; then
  # a new mount namespace's mounts would carry no fanotify mark: closed to all
  is "$(sed -n 5,6p <<<"$out")" "unshare Permission denied
clone3 Function not implemented" "opens observed: unshare and clone3 are closed to an untainted process too"
else
  ok "$(sed -n 5,6p <<<"$out" | grep -vc 'Permission denied\|Function not implemented' | grep -x 2)" \
     "unshare and clone3 reach the kernel for an untainted process"
fi
T "${S[@]}" --audit "$t/a20" -- $PY -c "$PROBE" taint "$t/secret" >/dev/null 2>&1
is "$(grep -c '"decision":"denied"' "$t/a20")" 5 "each refusal is audited"
out=$(T "${S[@]}" -- sh -c 'read -r x < "$0"; unshare -U true; echo $?' "$t/secret" 2>/dev/null)
is "$out" 1 "a tainted shell cannot start a process in a new namespace"

# 22-25: the label of a process follows exec and survives it; an untainted
# sibling started after a tainted one is not tainted.
T "${S[@]}" --audit "$t/a22" -- sh -c 'cat "$0" >/dev/null; echo clean | $1 -c "$2"' \
  "$t/secret" $PY "$SEND" >/dev/null 2>&1
wait_until has '^clean$' 1
is "$(grep -c '^clean$' "$t/received"):$(grep -c denied "$t/a22" 2>/dev/null)" "1:0" \
   "a sibling that never read the secret stays untainted"
T "${S[@]}" --audit "$t/a23" -- sh -c 'read x < "$0"; exec $1 -c "$2"' "$t/secret" $PY "$SEND" </dev/null >/dev/null 2>&1
is "$(grep -c denied "$t/a23")" 1 "exec keeps the label"
out=$(T "${S[@]}" --trust "127.0.0.1:$PORT" --audit "$t/a24" -- sh -c 'cat "$0" | $1 -c "$2"' "$t/secret" $PY "$SEND" 2>&1)
wait_until has 'top secret' 1
is "$(leaked)" 1 "trusted destination: the secret arrives"
is "$(cat "$t/a24")" "" "and nothing is audited"

# 26-27: POSIX shared memory carries the label (a file in /dev/shm, written through
# a MAP_SHARED mapping); a POSIX message queue is closed to a tainted sender.
before=$(leaked)
T "${S[@]}" --audit "$t/a26" -- sh -c '$0 -c "
import mmap, os, sys
fd = os.open(\"/dev/shm/sgtaint$$\", os.O_CREAT | os.O_RDWR, 0o600); os.ftruncate(fd, 64)
m = mmap.mmap(fd, 64); m[:10] = open(sys.argv[1], \"rb\").read()[:10]; m.close()" "$1" && $0 -c "
import mmap, os, socket, sys
fd = os.open(\"/dev/shm/sgtaint$$\", os.O_RDWR); m = mmap.mmap(fd, 64)
d = bytes(m[:10]); m.close(); os.unlink(\"/dev/shm/sgtaint$$\")
socket.create_connection((\"127.0.0.1\", int(sys.argv[1]))).sendall(d)" "$2"' $PY "$t/secret" "$PORT" >/dev/null 2>&1
is "$(( $(leaked) - before )):$(grep -c denied "$t/a26")" "0:1" "POSIX shared memory: the reader of a tainted writer may not send"
out=$(T "${S[@]}" -- $PY -c 'import ctypes, os, sys
open(sys.argv[1]).read()
rt = ctypes.CDLL("librt.so.1", use_errno=True)
q = rt.mq_open(b"/sgtaintq", os.O_CREAT | os.O_WRONLY, 0o600, None)
r = rt.mq_send(q, b"top secret", 10, 0)
print(r, os.strerror(ctypes.get_errno())); rt.mq_unlink(b"/sgtaintq")' "$t/secret" 2>/dev/null)
is "$out" "-1 Permission denied" "a tainted process may not send on a POSIX message queue"

# 28: a shell under the monitor forks on a busy machine. A fork waiting for the
# supervisor used to fail with EINTR when the SIGCHLD of an earlier child came
# first ("Cannot fork"): the supervisor must win the CPU from the busy work.
busy=(); for i in 1 2 3; do (while :; do :; done) & busy+=($!); done
bad=0
for i in $(seq 25); do
  T "${S[@]}" -- sh -c 'cat "$0" >/dev/null; echo a | cat; echo b | cat' "$t/secret" 2>&1 |
    tr -d '\n' | grep -qx ab || bad=$((bad + 1))
done
kill "${busy[@]}"
is "$bad" 0 "a tainted run's shell forks pipelines on a busy machine (25 runs)"

# 29-30: forks are not notified; the monitor learns of a process at its first
# notified call and walks up to its parent. An orphan (its parent gone, it is the
# keeper's now) gets every label in the run: here the child of a shell that read
# the secret and exited sends what the shell read. Its public twin gets through.
orphan() {  # orphan FILE AUDIT
  T "${S[@]}" --audit "$2" -- sh -c 'sh -c "read x < \"\$0\"; (sleep 0.3; echo \"orphan:\$x\" | \$1 -c \"\$2\") &" "$0" "$@"; sleep 2' \
    "$1" $PY "$SEND" >/dev/null 2>&1
}
printf 'public data\n' > "$t/public"
before=$(leaked)
orphan "$t/secret" "$t/a29"
is "$(( $(leaked) - before )):$(grep -c denied "$t/a29")" "0:1" "an orphan of a tainted shell may not send"
orphan "$t/public" "$t/a30"
wait_until has 'orphan:public data' 1
is "$(grep -c 'orphan:public data' "$t/received"):$(grep -c denied "$t/a30")" "1:0" \
   "an orphan of a shell that read public data sends"

# 31-33: SysV shared memory is an object with a label. A attaches a segment and
# copies the file into it; B, which never opens the file, attaches the same key,
# waits for the data and sends it. shmid and flags are registers: no memory read.
SHM_A='import ctypes, sys
l = ctypes.CDLL(None, use_errno=True); l.shmat.restype = ctypes.c_void_p
shmid = l.shmget(int(sys.argv[1]), 4096, 0o1000 | 0o600)     # IPC_CREAT
addr = l.shmat(shmid, None, 0)
d = open(sys.argv[2], "rb").read()[:32]; ctypes.memmove(addr, d, len(d))'
SHM_B='import ctypes, socket, sys, time
l = ctypes.CDLL(None, use_errno=True); l.shmat.restype = ctypes.c_void_p
for i in range(250):
    shmid = l.shmget(int(sys.argv[1]), 4096, 0)
    if shmid >= 0: break
    time.sleep(0.02)
addr = l.shmat(shmid, None, 0o10000)                           # SHM_RDONLY
for i in range(250):
    if ctypes.string_at(addr, 1) != b"\0": break
    time.sleep(0.02)
d = ctypes.string_at(addr, 32).rstrip(b"\0"); l.shmctl(shmid, 0, None)  # IPC_RMID
socket.create_connection(("127.0.0.1", int(sys.argv[2]))).sendall(b"shm:" + d)'
shm_pair() {  # shm_pair FILE KEY AUDIT
  T "${S[@]}" --audit "$3" -- sh -c '$0 -c "$1" "$3" "$4" & $0 -c "$2" "$3" "$5"; wait' \
    $PY "$SHM_B" "$SHM_A" "$2" "$PORT" "$1" >/dev/null 2>&1
}
before=$(leaked)
shm_pair "$t/secret" $((0x53470000 + $$ % 65536)) "$t/a31"
is "$(( $(leaked) - before )):$(grep -c '"decision":"denied"' "$t/a31")" "0:1" \
   "SysV shared memory: a process that attached the writer's segment may not send"
shm_pair "$t/public" $((0x53480000 + $$ % 65536)) "$t/a32"
wait_until has 'shm:public data' 1
is "$(grep -c 'shm:public data' "$t/received"):$(grep -c denied "$t/a32")" "1:0" \
   "SysV shared memory of public data: the send goes through"
out=$(T "${S[@]}" --audit "$t/a33" -- $PY -c 'import ctypes, os, sys
open(sys.argv[1]).read()
l = ctypes.CDLL(None, use_errno=True); l.shmat.restype = ctypes.c_void_p
shmid = l.shmget(0, 4096, 0o1000 | 0o600)                     # IPC_PRIVATE
r = l.shmat(shmid, None, 0); e = ctypes.get_errno(); l.shmctl(shmid, 0, None)
print(os.strerror(e) if r == ctypes.c_void_p(-1).value else "attached")' "$t/secret" 2>/dev/null)
is "$out:$(grep -c 'SysV shared memory is closed to a tainted process' "$t/a33")" "Permission denied:1" \
   "a tainted process may not attach SysV shared memory (audited)"

# 34-40: the command's own standard streams. Its inherited stdout, a pipe to a
# process outside the monitor, is a destination like any other: untrusted unless
# --trust-stdout. A terminal is trusted (a person reads it); a file takes the label.
U() { timeout 60 "$SYSGATE" taint "$@" < /dev/null; }
before=$(leaked)
U "${S[@]}" --audit "$t/a34" -- cat "$t/secret" 2>/dev/null | $PY -c "$SEND"
sleep 0.2
is "$(( $(leaked) - before )):$(grep -c 'pipe leading outside the monitor' "$t/a34")" "0:1" \
   "cat SECRET | sender: cat may not read the secret while its stdout leads out (audited)"
U "${S[@]}" -- cat "$t/public" 2>/dev/null | $PY -c "$SEND"
wait_until has '^public data$' 1
ok "$(grep -x 'public data' "$t/received")" "cat PUBLIC | sender: the public twin goes through"
is "$(U "${S[@]}" --trust-stdout -- cat "$t/secret" 2>/dev/null | cat)" "top secret" \
   "--trust-stdout: the pipe is trusted"
before=$(leaked)
U "${S[@]}" --audit "$t/a37" -- sh -c 'cat "$0" | while read -r l; do echo "$l"; done' "$t/secret" 2>/dev/null |
  $PY -c "$SEND"
sleep 0.2
is "$(( $(leaked) - before )):$(grep -c 'which reads what it writes' "$t/a37")" "0:1" \
   "a forked subshell that reads the secret's pipe and holds the outside stdout: the open is refused"
U "${S[@]}" -- sh -c 'cat "$0" | while read -r l; do echo "$l"; done' "$t/public" 2>/dev/null | $PY -c "$SEND"
wait_until has '^public data$' 2
ok "$(has '^public data$' 2 && echo y)" "its public twin goes through"
ok "$(TERM=xterm timeout 30 script -qec "$SYSGATE taint --secret $t/secret -- cat $t/secret" /dev/null < /dev/null | grep 'top secret')" \
   "a terminal is trusted: the secret is shown to the person reading it"
U "${S[@]}" -- cat "$t/secret" > "$t/redirected" 2>/dev/null
is "$(cat "$t/redirected"):$("$SYSGATE" taint --show "$t/redirected")" "top secret:$t/redirected: secret" \
   "a file behind the inherited stdout takes the label"
# 41: only fds 0-2 reach the command unless --pass-fd names one (as nsjail).
U -- sh -c 'echo three >&3' 3> "$t/fd3" 2>/dev/null; a=$?
U --pass-fd 3 -- sh -c 'echo three >&3' 3> "$t/fd3b" 2>/dev/null
is "$a:$(cat "$t/fd3"):$(cat "$t/fd3b")" "2::three" "fd 3 is not passed on without --pass-fd 3"
