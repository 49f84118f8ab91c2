#!/usr/bin/env bash
# A real third-party profile: Debian's golang-github-containers-common ships the
# seccomp profile Podman uses. Real programs run under it, and harmless probes of
# reboot, mount, kexec_load, bpf, keyctl and unshare(CLONE_NEWUSER) are decided as
# that profile says (read from the JSON here, in Python, independently of sysgate)
# and as our default says (each one denied with EPERM).
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
prof=/usr/share/containers/seccomp.json
plan 20
J() { timeout 60 "$SYSGATE" jail "$@"; }
if [ ! -r "$prof" ]; then
  for i in $(seq 20); do skip "$prof missing: make deps installs golang-github-containers-common"; done
  exit 0
fi

# 1-5: programs succeed under the profile.
is "$(J --profile "$prof" -- sh -c 'echo hi | cat' 2>/dev/null)" "hi" "sh -c 'echo hi | cat'"
J --profile "$prof" -- ls -l / > "$t/ls" 2>/dev/null
is "$?:$(grep -cE ' (usr|etc)$' "$t/ls")" "0:2" "ls -l /"
is "$(J --profile "$prof" -- cat /etc/hostname 2>/dev/null)" "$(cat /etc/hostname)" "cat /etc/hostname"
is "$(J --profile "$prof" -- /usr/bin/python3 -c 'import json, sqlite3; print(json.dumps([sqlite3.sqlite_version > ""]))' 2>/dev/null)" \
   "[true]" 'python3 -c "import json, sqlite3"'
mkdir -p "$t/src/sub" && echo data > "$t/src/sub/f"
J --profile "$prof" -- tar -C "$t" -cf "$t/a.tar" src 2>/dev/null
is "$?:$(tar -tf "$t/a.tar" 2>/dev/null | sort | tr '\n' ' ')" "0:src/ src/sub/ src/sub/f " "tar"

# The probes, by name; numbers come from sysgate's own table. Every argument is
# invalid or harmless: a bad reboot magic, a bind mount of a temp dir onto itself,
# kexec_load with bad flags and too many segments, an unknown bpf command and an
# unknown keyctl operation; unshare(CLONE_NEWUSER) only affects the probe process.
nr() { "$SYSGATE" syscalls | awk -F'\t' -v n="$1" '$2 == n { print $1 }'; }
mkdir "$t/m"
PROBE="import ctypes, os, sys
l = ctypes.CDLL(None, use_errno=True)
m = b'$t/m'
calls = {
  'reboot': ($(nr reboot), 0, 0, 0, 0),
  'mount': ($(nr mount), m, m, None, 4096, None),
  'kexec_load': ($(nr kexec_load), 0, 1000, None, 0xdead0000),
  'bpf': ($(nr bpf), 9999, None, 0),
  'keyctl': ($(nr keyctl), 9999, 0, 0, 0, 0),
  'unshare': ($(nr unshare), 0x10000000),
}
for name, a in calls.items():
    r = l.syscall(*a)
    print(name, 'ok' if r != -1 else os.strerror(ctypes.get_errno()))"
names="reboot mount kexec_load bpf keyctl unshare"

# What the profile says for each name, to a process holding no capabilities (the
# jail drops them all): the first entry naming it whose includes/excludes caps fit.
expect=$(python3 - "$prof" $names <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for name in sys.argv[2:]:
    act, err = d['defaultAction'], d.get('defaultErrnoRet', 1)
    for e in d['syscalls']:
        if name not in e.get('names', []) or e.get('args'):
            continue
        if e.get('includes', {}).get('caps'):
            continue                       # needs a capability the jail does not hold
        act, err = e['action'], e.get('errnoRet', 1)
        break
    print(name, 'denied' if act == 'SCMP_ACT_ERRNO' else 'allowed', err if act == 'SCMP_ACT_ERRNO' else '')
PY
)

# 6-13: under the profile, each probe is denied (and reported) exactly when the
# profile says so, with the profile's errno; an allowed one reaches the kernel.
J --profile "$prof" -- python3 -c "$PROBE" > "$t/pout" 2> "$t/prep"
for n in $names; do
  want=$(awk -v n="$n" '$1 == n { print $2, $3 }' <<<"$expect")
  rep=$(grep -E "\] $n\(" "$t/prep" | grep -oE -- '-> errno E[A-Z]+' | head -1)
  if grep -qF "] $n(" "$t/prep"; then got="denied $(python3 -c "import errno, sys; print(getattr(errno, sys.argv[1]))" "${rep#-> errno }")"
  else got="allowed "; fi
  is "$got" "$want" "containers profile: $n is $want"
done
ok "$(grep -E '^mount ' "$t/pout")" "the probe ran to the end (mount answered)"
is "$(grep -c " $t/m " /proc/mounts)" 0 "nothing was mounted"

# 14-19: under our default, each probe is denied with EPERM and reported.
J -- python3 -c "$PROBE" > "$t/dout" 2> "$t/drep"
for n in $names; do
  is "$(grep -E "^$n " "$t/dout"):$(grep -cE "\] $n\(.*-> errno EPERM" "$t/drep")" \
     "$n Operation not permitted:1" "default profile: $n is denied with EPERM and reported"
done
# 20
is "$(grep -c " $t/m " /proc/mounts)" 0 "nothing was mounted under the default either"
