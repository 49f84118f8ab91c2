#!/usr/bin/env bash
# sysgate taint --opens fanotify: read-only opens seen by fanotify instead of
# stopped; which runs get it, the upgrade to decided opens at the first connect or
# listen (and back when an AF_UNIX connect made no connection), what is refused
# after the fact, and the conservative rule for an opener gone before it was met.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$t"' EXIT
plan 25
PY=/usr/bin/python3
T() { timeout 60 "$SYSGATE" taint --opens fanotify --trust-stdout --trust-stderr "$@" < /dev/null; }
printf 'top secret\n' > "$t/secret"
echo "public data" > "$t/public"
S=(--secret "$t/secret")

if ! T -- true 2>"$t/why"; then
  why=$(head -1 "$t/why")
  for i in $(seq 25); do skip "no fanotify here: $why"; done
  exit 0
fi

loopback_logger "$t"
SEND="import socket, sys
socket.create_connection(('127.0.0.1', $PORT)).sendall(sys.stdin.buffer.read() or b'empty')"
leaked() { cat "$t/received" 2>/dev/null | grep -c 'top secret'; }
got() { cat "$t/received" 2>/dev/null | grep -c -- "$1"; }

# 1-4: which runs observe their opens (only those that ask).
err=$(T --stats -- cat "$t/public" "$t/public" "$t/public" 2>&1 >/dev/null)
ok "$(grep 'opens observed by fanotify' <<<"$err")" "--opens fanotify: opens are observed"
ok "$(grep -E '^sysgate: taint: 1 notifications handled' <<<"$err")" \
   "three read-only opens of cat and its loader: only the exec is notified"
err=$(timeout 60 "$SYSGATE" taint --stats --trust-stdout --trust-stderr -- true < /dev/null 2>&1)
ok "$(grep 'opens notified (seccomp)' <<<"$err")" "by default every open waits for the monitor"
err=$(timeout 60 "$SYSGATE" taint --opens fanotify -- true < /dev/null 2>&1 | cat)
is "$(grep -c . <<<"$err"):$(grep -c 'trust-stdout' <<<"$err")" "1:1" \
   "--opens fanotify with an untrusted pipe: one line naming the fix"

# 5: a bad value.
T --opens sometimes -- true 2>"$t/e5"
is "$?:$(grep -c 'expected seccomp or fanotify' "$t/e5")" "2:1" "--opens with a bad value: usage error"

# 6-7: observed opens still taint; the channel graph carries the label.
T "${S[@]}" -- sh -c 'cat "$0" | $1 -c "$2"' "$t/secret" $PY "$SEND" >/dev/null 2>&1
sleep 0.2
is "$(leaked)" 0 "cat S | sender inside the tree: refused at the send"
T "${S[@]}" -- sh -c 'cat "$0" | $1 -c "$2"' "$t/public" $PY "$SEND" >/dev/null 2>&1
wait_until [ "$(got 'public data')" -ge 1 ]
is "$(got 'public data')" 1 "its public twin goes through"

# 8-10: a connection first, then the secret: the open itself is refused (EPERM:
# fanotify's answer) and audited; a public file is still open to it.
T "${S[@]}" --stats --audit "$t/a8" -- $PY -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
for f in sys.argv[2:]:
    try: s.sendall(open(f, "rb").read())
    except OSError as e: print(f.split("/")[-1], e.strerror)' "$PORT" "$t/secret" "$t/public" >"$t/o8" 2>"$t/e8"
sleep 0.2
is "$(cat "$t/o8"):$(leaked)" "secret Operation not permitted:0" \
   "connected, then the secret: the open is refused, nothing leaks"
ok "$(grep '"syscall":"open"' "$t/a8" | grep "$t/secret" | grep 'holding a connection')" \
   "the refused open is audited with its path and why"
ok "$(grep 'every open decided since a connect or listen' "$t/e8")" "the connect upgraded the run"

# 11: an AF_UNIX connect that makes no connection (nscd not running) does not.
err=$(T --stats -- $PY -c '
import socket
u = socket.socket(socket.AF_UNIX)
try: u.connect("/nonexistent/sysgate-test.sock")
except OSError as e: print(e.strerror)
print(open("/etc/hostname").read() != "")' 2>&1)
is "$(grep -c -x 'No such file or directory' <<<"$err"):$(grep -c 'opens observed by fanotify' <<<"$err"):$(grep -c 'every open decided' <<<"$err")" \
   "1:1:0" "a failed AF_UNIX connect: ENOENT, and opens stay observed"

# 12: listen upgrades too.
err=$(T --stats -- $PY -c '
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)' 2>&1)
ok "$(grep 'every open decided since a connect or listen' <<<"$err")" "listen upgrades the run"

# 13: another process's memory, read-only: seen just after the open; the process
# is killed before it can make another decision, and the kill is audited.
T --audit "$t/a13" -- sh -c 'sleep 5 & exec $0 -c "
import sys, time
f = open(\"/proc/%s/mem\" % sys.argv[1], \"rb\")
time.sleep(2); print(\"survived\")" $!' $PY >"$t/o13" 2>/dev/null
is "$(cat "$t/o13"):$(grep -c 'process memory through /proc' "$t/a13")" ":1" \
   "/proc/PID/mem of another process: killed, audited"

# 14: mounts are closed while opens are observed (a new mount has no mark). A
# tmpfs on a scratch dir, so nothing happens if it were let through.
mkdir "$t/mnt"
T -- $PY -c '
import ctypes, os, sys
l = ctypes.CDLL(None, use_errno=True)
r = l.mount(b"none", sys.argv[1].encode(), b"tmpfs", 0, None)
print("mount", "ok" if r == 0 else os.strerror(ctypes.get_errno()))
if r == 0: l.umount2(sys.argv[1].encode(), 0)' "$t/mnt" >"$t/o14" 2>/dev/null
is "$(cat "$t/o14")" "mount Permission denied" "mount is refused to the command"

# 15-16: a subshell that reads the secret and is gone before the monitor meets it:
# its edges are unknown, so every process of the run takes its label.
T "${S[@]}" -- sh -c '(read x < "$0"); sleep 0.1; echo hello | $1 -c "$2"' "$t/secret" $PY "$SEND" \
  >/dev/null 2>"$t/e15"
sleep 0.2
is "$(got hello):$(grep -c 'connect .* denied' "$t/e15")" "0:1" \
   "an opener gone before it was met: its label reaches every process"
T --opens seccomp "${S[@]}" -- sh -c '(read x < "$0"); echo hello | $1 -c "$2"' "$t/secret" $PY "$SEND" \
  >/dev/null 2>&1
wait_until [ "$(got hello)" -ge 1 ]
is "$(got hello)" 1 "the same run with every open notified: the sibling may send"

# 17-18: without CAP_SYS_ADMIN (as nobody) the default runs, and asking for
# fanotify says what it needs.
err=$(cd / && setpriv --reuid=65534 --regid=65534 --clear-groups "$SYSGATE" taint --stats \
  --trust-stdout --trust-stderr -- cat /etc/hostname 2>&1 </dev/null)
ok "$(grep 'opens notified (seccomp)' <<<"$err")" "unprivileged, by default: opens are notified, and it runs"
err=$(cd / && setpriv --reuid=65534 --regid=65534 --clear-groups "$SYSGATE" taint --opens fanotify \
  --trust-stdout --trust-stderr -- true 2>&1 </dev/null)
is "$?:$(grep -c . <<<"$err"):$(grep -c 'needs CAP_SYS_ADMIN' <<<"$err")" "1:1:1" \
   "unprivileged --opens fanotify: one line naming what it needs"

# 19-23: the review's ways around the marks, each closed.
# A process outside the tree is not in the command's /proc (its own pid namespace),
# so /proc/PID/root cannot lead to the host's mounts, which carry no mark.
out=$(T "${S[@]}" -- $PY -c '
import sys
try: open("/proc/%s/root%s" % (sys.argv[1], sys.argv[2])).read(); print("read")
except OSError as e: print(e.strerror)' $$ "$t/secret" 2>/dev/null)
is "$out" "No such file or directory" "/proc/PID/root of a process outside the tree: not there"
out=$(T -- $PY -c '
import ctypes, os
l = ctypes.CDLL(None, use_errno=True)
pfd = l.syscall(434, 1, 0)                     # pidfd_open of the command'"'"'s pid 1
r = l.syscall(438, pfd, 0, 0)                  # pidfd_getfd: its fd 0
print("pidfd_getfd", "ok" if r >= 0 else os.strerror(ctypes.get_errno()))' 2>/dev/null)
is "$out" "pidfd_getfd Permission denied" "pidfd_getfd is closed (it could take the monitor's fds)"
out=$(T "${S[@]}" --stats -- $PY -c '
import socket, sys
try: p = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, 0)
except OSError as e: print("socket", e.strerror)
try: open(sys.argv[1]).read(); print("read")
except OSError as e: print(e.strerror)' "$t/secret" 2>&1)
is "$(grep -c -x 'Operation not permitted' <<<"$out"):$(grep -c -x 'read' <<<"$out")" "1:0" \
   "an AF_PACKET socket, then the secret: the open is refused"
$PY -c 'import socket, sys; s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sys.argv[1])
import time; time.sleep(8)' "$t/outside.sock" &
for i in $(seq 100); do [ -S "$t/outside.sock" ] && break; sleep 0.05; done
for mode in fanotify seccomp; do
  out=$(T --opens $mode "${S[@]}" -- $PY -c '
import socket, sys
u = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); u.connect(sys.argv[1])
try: u.send(open(sys.argv[2], "rb").read()); print("sent")
except OSError as e: print(e.strerror)' "$t/outside.sock" "$t/secret" 2>/dev/null)
  res+="$mode:$out "
done
is "$res" "fanotify:Operation not permitted seccomp:Permission denied " \
   "a datagram socket connected outside the tree, then the secret: refused in both modes"
out=$(T -- sh -c 'echo x > /dev/sysgate-taint-test.$$ && echo written' 2>/dev/null; rm -f /dev/sysgate-taint-test.*)
is "$out" "" "a regular file under /dev (not observed): writing it is refused"

# 24: a child never met reads the secret (observed, not stopped), writes it into
# its parent's pipe and closes its end before the monitor reads the queue: met
# only then, its past is unknown, so its label reaches every process.
T "${S[@]}" -- $PY -c '
import os, socket, sys, time
r, w = os.pipe()
if os.fork() == 0:
    os.close(r); os.write(w, open(sys.argv[1], "rb").read()); os.close(w); time.sleep(1); os._exit(0)
os.close(w); d = os.read(r, 100); time.sleep(0.1)
try: socket.create_connection(("127.0.0.1", int(sys.argv[2]))).sendall(b"pipe-child " + d)
except OSError as e: print(e.strerror)' "$t/secret" "$PORT" >"$t/o24" 2>/dev/null
sleep 0.2
is "$(cat "$t/o24"):$(got pipe-child)" "Permission denied:0" "a child that wrote the secret and closed its pipe before it was met"
# 25: absolute paths of notified opens start from the command's root: /proc/PID of
# a process outside its pid namespace is not there for it.
T -- sh -c 'echo leaked > /proc/$1/fd/1 || echo refused' sh $$ > "$t/o25" 2>/dev/null
is "$(cat "$t/o25")" "refused" "a write through /proc/PID/fd of a process outside the tree: not there"
