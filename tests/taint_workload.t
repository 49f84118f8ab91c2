#!/usr/bin/env bash
# sysgate taint on a real workload: a python3 script summarises a patients file
# labelled `medical` (stored on the file with --mark) and POSTs the summary to an
# HTTP server on 127.0.0.1. Then a misbehaving program: 1,000 children, a flood of
# opens, a process killed while the monitor holds its call, fds closed under it.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$t"' EXIT
plan 10
PY=/usr/bin/python3
# The tests read what the command prints: its stdout and stderr lead to them.
T() { timeout 120 "$SYSGATE" taint --trust-stdout --trust-stderr "$@" < /dev/null; }

printf 'name,diagnosis\nann,flu\nbob,gout\ncid,flu\n' > "$t/patients.csv"
"$SYSGATE" taint --mark "$t/patients.csv" medical

# An HTTP server on loopback that stores every POST body.
$PY - "$t" <<'EOF' &
import http.server, os, sys
d = sys.argv[1]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with open(d + "/posts", "ab") as f:
            f.write(body + b"\n")
        self.send_response(204); self.end_headers()
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
with open(d + "/port.tmp", "w") as f:
    f.write(str(s.server_port))
os.rename(d + "/port.tmp", d + "/port")
s.serve_forever()
EOF
for i in $(seq 100); do [ -s "$t/port" ] && break; sleep 0.05; done
PORT=$(cat "$t/port")
cat > "$t/report.py" <<'EOF'
import collections, csv, sys, urllib.request
rows = list(csv.DictReader(open(sys.argv[1])))
summary = ",".join("%s=%d" % kv for kv in sorted(collections.Counter(r["diagnosis"] for r in rows).items()))
req = urllib.request.Request("http://127.0.0.1:%s/summary" % sys.argv[2], data=summary.encode(), method="POST")
urllib.request.urlopen(req, timeout=10)
print("posted", summary)
EOF

# 1-3: untrusted by default: blocked, audited, nothing arrives.
T --audit "$t/a1" -- $PY "$t/report.py" "$t/patients.csv" "$PORT" > "$t/out1" 2>&1
is "$?:$(cat "$t/posts" 2>/dev/null | wc -l)" "1:0" "the POST of the summary is blocked"
is "$($PY -c 'import json, sys; o = json.loads(open(sys.argv[1]).readline()); print(o["label"], o["syscall"], o["dest"])' "$t/a1")" \
   "['medical'] connect 127.0.0.1:$PORT" "the audit names the label, the call and the destination"
ok "$(grep -F 'Permission denied' "$t/out1")" "the script sees EACCES (Permission denied)"
# 4-5: with the server in --trust: allowed.
T --trust "127.0.0.1:$PORT" -- $PY "$t/report.py" "$t/patients.csv" "$PORT" > "$t/out2" 2>&1
is "$?:$(cat "$t/out2")" "0:posted flu=2,gout=1" "with --trust 127.0.0.1:PORT the POST goes through"
is "$(cat "$t/posts")" "flu=2,gout=1" "and the server got the summary"

# 6: a shell pipeline cat | gzip | sender is stopped at the sender.
T --audit "$t/a3" -- sh -c 'cat "$0" | gzip | $1 -c "import sys, socket
socket.create_connection((\"127.0.0.1\", int(sys.argv[1]))).sendall(sys.stdin.buffer.read())" "$2"' \
  "$t/patients.csv" $PY "$PORT" > /dev/null 2>&1
is "$($PY -c 'import json, sys; o = json.loads(open(sys.argv[1]).readline()); print(o["exe"].split("/")[-1][:6], o["decision"])' "$t/a3")" \
   "python denied" "cat | gzip | sender: refused at the sender"

# 7: 1,000 children; the parent read the secret; the last child tries to send.
T --audit "$t/a4" -- $PY -c 'import os, socket, sys
open(sys.argv[1]).read()
for i in range(1000):
    pid = os.fork()
    if pid == 0:
        if i == 999:
            try: socket.create_connection(("127.0.0.1", int(sys.argv[2])))
            except PermissionError: os._exit(13)
        os._exit(0)
    os.waitpid(pid, 0)' "$t/patients.csv" "$PORT" > /dev/null 2>&1
is "$?:$(grep -c '"decision":"denied"' "$t/a4")" "0:1" "1,000 forks: the last child is still tainted and refused"

# 8: a flood of 20,000 opens, then a tainted send: refused, nothing lost.
T --audit "$t/a5" -- $PY -c 'import os, socket, sys
for i in range(20000):
    os.close(os.open("/etc/hostname", os.O_RDONLY))
open(sys.argv[1]).read()
try: socket.create_connection(("127.0.0.1", int(sys.argv[2])))
except PermissionError: sys.exit(13)' "$t/patients.csv" "$PORT" > /dev/null 2>&1
is "$?" 13 "20,000 opens, then the tainted connect is refused"

# 9: killed while the monitor holds its call; the monitor goes on with its sibling.
T -- sh -c '$0 -c "import os, signal, socket, sys, threading
open(sys.argv[1]).read()
threading.Timer(0.05, lambda: os.kill(os.getpid(), signal.SIGKILL)).start()
while True: os.close(os.open(\"/etc/hostname\", os.O_RDONLY))" "$1"; $0 -c "print(open(\"/etc/hostname\").read().strip())"' \
  $PY "$t/patients.csv" > "$t/out6" 2>/dev/null
is "$(cat "$t/out6")" "$(cat /etc/hostname)" "a process killed mid-call: the next one runs normally"

# 10: an fd closed by one thread while another thread's send on it waits.
T -- $PY -c 'import os, socket, sys, threading
open(sys.argv[1]).read()
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
def close_it(): s.close()
ts = [threading.Thread(target=close_it)]
ts[0].start()
try: s.sendto(b"x", ("127.0.0.1", int(sys.argv[2])))
except OSError as e: pass
ts[0].join(); print("alive")' "$t/patients.csv" "$PORT" > "$t/out7" 2>/dev/null
is "$(cat "$t/out7")" "alive" "an fd closed under the monitor: the call fails, the program goes on"
