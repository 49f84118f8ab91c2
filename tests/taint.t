#!/usr/bin/env bash
# sysgate taint: the exfiltration matrix. Every attempt runs twice: from a process
# that read the secret (must fail and be audited) and from one that did not (must
# succeed). All traffic goes to listeners on 127.0.0.1 that this test starts.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$t"' EXIT
plan 44
PY=/usr/bin/python3
# The tests read what the command prints: its stdout and stderr lead to them.
# TAINT_OPENS=fanotify (tests/taint*_fanotify.t) runs the same tests with opens observed.
T() { timeout 60 "$SYSGATE" taint --trust-stdout --trust-stderr ${TAINT_OPENS:+--opens "$TAINT_OPENS"} "$@" < /dev/null; }

printf 'name,diagnosis\nann,flu\nbob,gout\n' > "$t/patients.csv"
echo "public data" > "$t/public.txt"
S=(--secret "$t/patients.csv=medical")

# A TCP and a UDP listener on loopback; every message received is appended to a file.
$PY - "$t" <<'EOF' &
import socket, sys, threading, os
d = sys.argv[1]
tcp = socket.socket(); tcp.bind(('127.0.0.1', 0)); tcp.listen(64)
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); udp.bind(('127.0.0.1', 0))
with open(d + '/ports.tmp', 'w') as f:
    f.write('%d %d\n' % (tcp.getsockname()[1], udp.getsockname()[1]))
os.rename(d + '/ports.tmp', d + '/ports')
def log(b):
    with open(d + '/received', 'ab') as f:
        f.write(b + b'\n')
def serve_udp():
    while True:
        log(udp.recv(65536))
threading.Thread(target=serve_udp, daemon=True).start()
while True:
    c, _ = tcp.accept()
    data = b''
    while True:
        b = c.recv(65536)
        if not b:
            break
        data += b
    c.close()
    log(data)
EOF
for i in $(seq 100); do [ -s "$t/ports" ] && break; sleep 0.05; done
read -r TCP UDP < "$t/ports"

got() { cat "$t/received" 2>/dev/null | grep -c -F -- "$1"; }  # messages containing $1 so far
more_public() { [ "$(got 'public data')" -gt "${PUB:-0}" ]; }

# attempt NAME SOURCE CMD...: SOURCE is the file the attempt reads, its content is
# what it tries to send; run once with the secret, once with the public file.
attempt() {
  local name=$1 rc_t rc_u; shift
  T "${S[@]}" --audit "$t/$name.audit" -- env SRC="$t/patients.csv" TCP=$TCP UDP=$UDP "$@" \
    > /dev/null 2>&1; rc_t=$?
  T "${S[@]}" -- env SRC="$t/public.txt" TCP=$TCP UDP=$UDP "$@" > /dev/null 2>&1; rc_u=$?
  [ $rc_u -eq 0 ] && wait_until more_public
  sleep 0.1
  is "$(got ann,flu):$(grep -c '"decision":"denied"' "$t/$name.audit" 2>/dev/null)" "0:1" \
     "$name: the secret never arrives; one denial audited (exit $rc_t)"
  ok "$([ "$(got 'public data')" -gt "${PUB:-0}" ] && [ $rc_u -eq 0 ] && echo y)" \
     "$name: the same attempt with public data succeeds"
  PUB=$(got 'public data')
}

# 1-2: direct write to a TCP socket.
attempt tcp $PY -c 'import os, socket
d = open(os.environ["SRC"]).read()
socket.create_connection(("127.0.0.1", int(os.environ["TCP"]))).sendall(d.encode())'
# 3-4: sendto on UDP.
attempt udp $PY -c 'import os, socket
d = open(os.environ["SRC"]).read()
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(d.encode(), ("127.0.0.1", int(os.environ["UDP"])))'
# 5-6: sendmsg with an address.
attempt sendmsg $PY -c 'import os, socket
d = open(os.environ["SRC"]).read()
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendmsg([d.encode()], [], 0, ("127.0.0.1", int(os.environ["UDP"])))'
# 7-8: sendfile from the file to a socket.
attempt sendfile $PY -c 'import os, socket
f = os.open(os.environ["SRC"], os.O_RDONLY)
s = socket.create_connection(("127.0.0.1", int(os.environ["TCP"])))
os.sendfile(s.fileno(), f, 0, 4096)'
# 9-10: splice through a pipe into the socket.
attempt splice $PY -c 'import os, socket
f = os.open(os.environ["SRC"], os.O_RDONLY)
r, w = os.pipe()
s = socket.create_connection(("127.0.0.1", int(os.environ["TCP"])))
n = os.splice(f, w, 4096); os.splice(r, s.fileno(), n)'
# 11-12: a forked child sends what its parent read.
attempt fork $PY -c 'import os, socket
d = open(os.environ["SRC"]).read()
if os.fork() == 0:
    socket.create_connection(("127.0.0.1", int(os.environ["TCP"]))).sendall(d.encode()); os._exit(0)
_, st = os.wait(); os._exit(os.waitstatus_to_exitcode(st))'
# 13-14: an exec'd helper sends (bash /dev/tcp after the shell read the file).
attempt exec bash -c 'read -r -d "" x < "$SRC"; echo "$x" > /dev/tcp/127.0.0.1/$TCP'
# 15-16: a pipe to a sibling that never opened the file.
attempt pipe sh -c '$0 -c "import sys; print(open(sys.argv[1]).read())" "$SRC" | $0 -c "import os, sys, socket
socket.create_connection((\"127.0.0.1\", int(os.environ[\"TCP\"]))).sendall(sys.stdin.read().encode())"' $PY
# 17-18: over an AF_UNIX socketpair to a child that then sends.
attempt unix $PY -c 'import os, socket
a, b = socket.socketpair()
if os.fork() == 0:
    d = b.recv(4096)
    socket.create_connection(("127.0.0.1", int(os.environ["TCP"]))).sendall(d); os._exit(0)
a.send(open(os.environ["SRC"]).read().encode())
_, st = os.wait(); os._exit(os.waitstatus_to_exitcode(st))'
# 19-20: mmap of the file, then send.
attempt mmap $PY -c 'import os, mmap, socket
f = open(os.environ["SRC"], "rb"); m = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)
socket.create_connection(("127.0.0.1", int(os.environ["TCP"]))).sendall(m[:])'
# 21-22: connected first, then the file is read: the read is what is refused.
attempt preconnected $PY -c 'import os, socket
s = socket.create_connection(("127.0.0.1", int(os.environ["TCP"])))
s.sendall(open(os.environ["SRC"]).read().encode())'
# 23-24: gzip in the middle: cat | gzip | sender.
attempt gzip sh -c 'cat "$SRC" | gzip | gzip -d | $0 -c "import os, sys, socket
socket.create_connection((\"127.0.0.1\", int(os.environ[\"TCP\"]))).sendall(sys.stdin.read().encode())"' $PY

# 25-26: a copy written by a tainted process keeps the label (xattr) into a later run
# that has no --secret at all.
T "${S[@]}" -- cp "$t/patients.csv" "$t/copy.csv" 2>/dev/null
is "$("$SYSGATE" taint --show "$t/copy.csv")" "$t/copy.csv: medical" "a file written by a tainted process is labelled"
T --audit "$t/later.audit" -- $PY -c 'import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[2]))).sendall(open(sys.argv[1]).read().encode())' \
  "$t/copy.csv" "$TCP" >/dev/null 2>&1
sleep 0.2
is "$(got ann,flu):$(grep -c '"decision":"denied"' "$t/later.audit")" "0:1" "a later run that reads the copy may not send it"

# 27-28: renamed to a public name, the file is still the secret.
cp "$t/patients.csv" "$t/p2.csv"
T --secret "$t/p2.csv" --audit "$t/ren.audit" -- sh -c 'mv "$0" "$1" && $2 -c "import socket, sys
socket.create_connection((\"127.0.0.1\", int(sys.argv[2]))).sendall(open(sys.argv[1]).read().encode())" "$1" "$3"' \
  "$t/p2.csv" "$t/renamed-public.csv" $PY "$TCP" >/dev/null 2>&1
sleep 0.2
is "$(got ann,flu):$(grep -c '"decision":"denied"' "$t/ren.audit")" "0:1" "rename to a public name, then read and send: denied"
ok "$([ -e "$t/renamed-public.csv" ] && echo y)" "the rename itself happened"

# 29-30: io_uring and process_vm_readv are closed under the monitor (they would open,
# send or read memory where the monitor cannot see).
out=$(T "${S[@]}" --audit "$t/uring.audit" -- env SRC="$t/patients.csv" $PY -c 'import ctypes, os
l = ctypes.CDLL(None, use_errno=True)
open(os.environ["SRC"]).read()
r = l.syscall(425, 8, ctypes.create_string_buffer(120))
print(r, os.strerror(ctypes.get_errno()))' 2>&1)
is "$out" "-1 Permission denied" "io_uring_setup fails with EACCES"
is "$(grep -c '"syscall":"io_uring_setup"' "$t/uring.audit")" 1 "and is audited"

# 31-33: the audit record: time, pid, exe, label, syscall, destination, decision.
is "$($PY -c 'import json, sys
o = json.loads(open(sys.argv[1]).readline())
print(sorted(o), o["label"], o["syscall"], o["dest"], o["decision"], o["exe"].split("/")[-1].startswith("python"))' "$t/tcp.audit")" \
   "['decision', 'dest', 'exe', 'label', 'pid', 'syscall', 'time', 'why'] ['medical'] connect 127.0.0.1:$TCP denied True" \
   "audit records are JSON Lines with the fields a reviewer needs"
ok "$(T "${S[@]}" -- env SRC="$t/patients.csv" $PY -c 'import os; open(os.environ["SRC"]).read()' 2>&1 | grep -c . | grep -x 0)" \
   "reading alone is silent"
T "${S[@]}" --on-violation kill -- env SRC="$t/patients.csv" $PY -c 'import os, socket
d = open(os.environ["SRC"]).read()
socket.create_connection(("127.0.0.1", '"$TCP"')).sendall(d.encode())' >/dev/null 2>&1
is "$?" 137 "--on-violation kill: the process is killed"

# 34-37: --trust lets a tainted process reach that destination only.
T "${S[@]}" --trust "127.0.0.1:$TCP" -- $PY -c 'import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[2]))).sendall(open(sys.argv[1]).read().encode())' \
  "$t/patients.csv" "$TCP" 2>/dev/null
rc=$?; wait_until grep -q ann,flu "$t/received"
is "$rc:$(got ann,flu)" "0:1" "--trust 127.0.0.1:PORT: the tainted send is allowed"
T "${S[@]}" --trust "127.0.0.1:1" -- $PY -c 'import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[2]))).sendall(open(sys.argv[1]).read().encode())' \
  "$t/patients.csv" "$TCP" >/dev/null 2>&1
is "$?:$(got ann,flu)" "1:1" "another port stays untrusted"
# A declassifier's output is untainted: wc -l prints a count, which may leave.
T "${S[@]}" --declassifier wc --audit "$t/dc.audit" -- sh -c 'wc -l < "$0" | $1 -c "import socket, sys
socket.create_connection((\"127.0.0.1\", int(sys.argv[1]))).sendall((\"count \" + sys.stdin.read()).encode())" "$2"' \
  "$t/patients.csv" $PY "$TCP" >/dev/null 2>&1
wait_until grep -q 'count 3' "$t/received"
is "$(got 'count 3'):$(grep -c '"decision":"declassified"' "$t/dc.audit")" "1:1" "--declassifier wc: its output may leave, audited"
T "${S[@]}" --declassifier wc -- sh -c 'cat "$0" | $1 -c "import socket, sys
socket.create_connection((\"127.0.0.1\", int(sys.argv[1]))).sendall(sys.stdin.read().encode())" "$2"' \
  "$t/patients.csv" $PY "$TCP" >/dev/null 2>&1
sleep 0.2
is "$(got ann,flu)" 1 "a pipeline without the declassifier is still refused"

# 38-40: persistent labels: --mark, --show, --unmark.
echo x > "$t/m.txt"
"$SYSGATE" taint --mark "$t/m.txt" finance,medical
is "$("$SYSGATE" taint --show "$t/m.txt")" "$t/m.txt: finance,medical" "--mark then --show"
"$SYSGATE" taint --unmark "$t/m.txt"
is "$("$SYSGATE" taint --show "$t/m.txt")" "$t/m.txt: (no label)" "--unmark"
T --secret "$t" -- true; is "$?" 0 "a directory as --secret"

# 41-44: bad input: one line naming the problem, non-zero, nothing run.
chk() {  # chk NAME EXPECTED-SUBSTRING ARGS...
  local name=$1 want=$2 out rc; shift 2
  out=$("$SYSGATE" taint "$@" 2>&1); rc=$?
  ok "$([ $rc -ne 0 ] && [ "$(wc -l <<<"$out")" = 1 ] && grep -qF -- "$want" <<<"$out" && echo y)" "$name: $out"
}
chk "bad address" "bad --trust '300.1.1.1'" --trust 300.1.1.1 -- true
chk "bad label" "bad tag 'Bad Tag'" --secret "$t/public.txt=Bad Tag" -- true
chk "no xattr support" "no user extended attributes" --mark /proc/version secret
chk "missing file" "No such file or directory" --secret "$t/nonexistent" -- true
