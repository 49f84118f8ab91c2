# TAP helpers for the shell tests, and the paths the Makefile passes in.
: "${SYSGATE:?SYSGATE must point at the sysgate binary (make check sets it)}"
: "${PROGS:?PROGS must point at the compiled test programs (make check sets it)}"
_n=0
plan() { echo "1..$1"; }
ok() {  # ok CONDITION-NONEMPTY NAME
  _n=$((_n + 1))
  if [ -n "$1" ]; then echo "ok $_n - $2"; else echo "not ok $_n - $2"; fi
}
is() {  # is GOT WANT NAME
  _n=$((_n + 1))
  if [ "$1" = "$2" ]; then echo "ok $_n - $3"
  else
    echo "not ok $_n - $3"
    # On stderr, which prove shows without -v (CI's log has it).
    printf '#   got:  %s\n#   want: %s\n' "$1" "$2" | head -40 >&2
  fi
}
skip() { _n=$((_n + 1)); echo "ok $_n # skip $1"; }
# Mount tracefs when it is not there yet (as perf does); prints its path or nothing.
ensure_tracefs() {
  for d in /sys/kernel/tracing /sys/kernel/debug/tracing; do
    [ -d "$d/events" ] && { echo "$d"; return; }
  done
  mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null &&
    [ -d /sys/kernel/tracing/events ] && echo /sys/kernel/tracing
}
# with_default_signals CMD...: exec CMD with SIGINT and SIGQUIT at their defaults. A
# background job of a script starts with them ignored, and a signal ignored at a
# program's start stays ignored for it (and sysgate leaves such signals alone).
with_default_signals() { exec /usr/bin/python3 -c 'import os, signal, sys
for s in (signal.SIGINT, signal.SIGQUIT): signal.signal(s, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$@"; }
# wait_until CMD...: poll (every 50 ms, up to 10 s) until CMD succeeds; for results
# another process writes asynchronously (a listener logging what it received).
wait_until() {
  local i
  for i in $(seq 200); do "$@" && return 0; sleep 0.05; done
  return 1
}
# scratch_and_background: $t, a new folder, and bg, the pids of background
# processes a test starts; at exit each is killed and the folder removed.
scratch_and_background() {
  t=$(mktemp -d)
  bg=()
  trap '_end_scratch_and_background' EXIT
}
_end_scratch_and_background() {
  local p
  for p in "${bg[@]}"; do kill -KILL "$p" 2>/dev/null; done
  rm -rf "$t"
}
# loopback_logger DIR: a TCP listener on 127.0.0.1 in the background that appends
# each message it receives (and a newline) to DIR/received; its port is in PORT.
loopback_logger() {
  /usr/bin/python3 - "$1" <<'EOF' &
import os, socket, sys
d = sys.argv[1]
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(64)
open(d + "/port.tmp", "w").write(str(s.getsockname()[1])); os.rename(d + "/port.tmp", d + "/port")
while True:
    c, _ = s.accept(); data = c.recv(65536); c.close()
    with open(d + "/received", "ab") as f: f.write(data + b"\n")
EOF
  local i
  for i in $(seq 100); do [ -s "$1/port" ] && break; sleep 0.05; done
  PORT=$(cat "$1/port")
}
