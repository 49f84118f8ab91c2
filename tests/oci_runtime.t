#!/usr/bin/env bash
# A profile learned by sysgate runs unchanged under Debian's runc: an OCI bundle whose
# rootfs binds the host's /usr read-only runs python3 under the learned profile,
# while calls the program never made (unshare, reboot with an invalid magic) get
# EPERM from it. The same file serves `sysgate jail --profile`.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d)
names=()
cleanup() {
	for n in "${names[@]}"; do runc delete -f "$n" >/dev/null 2>&1; done
	rm -rf "$t"
}
trap cleanup EXIT
N=19
PY='import json, sqlite3, ctypes; print(json.dumps(sqlite3.connect(":memory:").execute("select 41+1").fetchone()))'
# reboot with an invalid magic: EINVAL once the kernel looks at it, EPERM when denied.
REBOOT='import ctypes, os; ctypes.CDLL(None, use_errno=True).syscall(169, 0, 0, 0, 0); print(os.strerror(ctypes.get_errno()))'

# bundle: a rootfs of empty mount points and usr-merged links, /usr bound read-only.
mkdir -p "$t/b/rootfs" && cd "$t/b" || exit 1
for d in usr proc dev sys tmp; do mkdir -p "rootfs/$d"; done
for l in bin lib lib64 sbin; do ln -s "usr/$l" "rootfs/$l"; done

# config ARGS-JSON PROFILE-FILE|none NNP(true|false) [CAP]: write config.json.
config() {
	python3 - "$@" <<'EOF'
import json, sys
args, profile, nnp = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3] == "true"
c = json.load(open("config.base.json"))
c["process"].update(terminal=False, args=args, noNewPrivileges=nnp)
c["root"]["readonly"] = True
c["mounts"].append({"destination": "/usr", "type": "bind", "source": "/usr",
                    "options": ["rbind", "ro"]})
if len(sys.argv) > 4:  # one more capability, so the kernel's own check passes
    for k in ("bounding", "effective", "permitted"):
        c["process"]["capabilities"][k].append(sys.argv[4])
if profile != "none":
    c["linux"]["seccomp"] = json.load(open(profile))
json.dump(c, open("config.json", "w"), indent=1)
EOF
}
# py_args CODE: the args of `python3 -c CODE` as a JSON list.
py_args() { python3 -c 'import json, sys; print(json.dumps(["python3", "-c", sys.argv[1]]))' "$1"; }
# crun NAME: runc run in the bundle; output and errors in $t/NAME.out / .err.
crun() {
	local n="sg-oci-$$-$1"
	names+=("$n")
	timeout 60 runc run "$n" > "$t/$1.out" 2> "$t/$1.err" < /dev/null
}

plan $N
# 1-3: learn writes the runtime-spec object: its fields only, valid for runc.
"$SYSGATE" learn --format oci -o "$t/oci.json" -- python3 -c "$PY" > "$t/learn.out" 2>&1
is "$?:$(cat "$t/learn.out")" "0:[42]" "learn --format oci runs the program and writes the profile"
ok "$(python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))
assert set(p) == {"defaultAction", "defaultErrnoRet", "architectures", "syscalls"}, set(p)
assert p["defaultAction"] == "SCMP_ACT_ERRNO" and p["defaultErrnoRet"] == 1
for e in p["syscalls"]:
    assert set(e) <= {"names", "action", "args"}, e
    for a in e.get("args", []):
        assert set(a) <= {"index", "value", "valueTwo", "op"}, a
names = {n for e in p["syscalls"] for n in e["names"]}
assert "openat" in names and "fstatfs" in names and "unshare" not in names
print("ok")' "$t/oci.json" 2>&1 | grep -x ok)" \
   "the OCI object has the runtime-spec's fields only (no comments), with runc's own calls"
"$SYSGATE" learn --format json -o "$t/docker.json" -- python3 -c "$PY" > /dev/null 2>&1
"$SYSGATE" learn --format oci --runtime none -o "$t/bare.json" -- python3 -c "$PY" > /dev/null 2>&1
ok "$(grep -F '"comment"' "$t/docker.json")" "the Docker format keeps its comments"

# 4-7: jail --profile reads the object and a whole config.json (runc not needed).
J() { timeout 60 "$SYSGATE" jail "$@"; }
is "$(J --profile "$t/oci.json" -- python3 -c "$PY" 2>&1)" "[42]" "jail --profile runs the program under the OCI object"
python3 -c 'import json, sys
json.dump({"ociVersion": "1.0.2", "process": {"args": ["true"]},
           "linux": {"seccomp": json.load(open(sys.argv[1]))}}, open(sys.argv[2], "w"))' "$t/oci.json" "$t/config.json"
is "$(J --profile "$t/config.json" -- python3 -c "$PY" 2>&1)" "[42]" "jail --profile reads linux.seccomp from the bundle's config.json"
J --profile "$t/config.json" -- unshare -U true > /dev/null 2> "$t/jail-unshare.err"
is "$?:$(grep -c 'unshare failed: Operation not permitted' "$t/jail-unshare.err")" "1:1" "unshare -U true gets EPERM under jail with config.json"
echo '{"ociVersion": "1.0.2", "linux": {}}' > "$t/bare-config.json"
is "$(J --profile "$t/bare-config.json" -- true 2>&1)" \
   "sysgate: jail: $t/bare-config.json: a runtime config.json with no linux.seccomp object; add one (sysgate learn --format oci writes it)" \
   "a config.json without linux.seccomp: one line naming the fix"

# 8-11: the runtime-spec's flags.
python3 -c 'import json, sys
p = json.load(open(sys.argv[1])); p["flags"] = ["SECCOMP_FILTER_FLAG_BOGUS"]
json.dump(p, open(sys.argv[2], "w"))' "$t/oci.json" "$t/badflag.json"
out=$(J --profile "$t/badflag.json" -- true 2>&1); st=$?
is "$st:$(echo "$out" | wc -l)" "1:1" "an unknown flag: one line, exit 1"
ok "$(echo "$out" | grep -F "flags[0]: unknown flag 'SECCOMP_FILTER_FLAG_BOGUS'")" "the line names the flag ($out)"
python3 -c 'import json, sys
p = json.load(open(sys.argv[1])); p["flags"] = ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW"]
json.dump(p, open(sys.argv[2], "w"))' "$t/oci.json" "$t/flags.json"
is "$(J --profile "$t/flags.json" -- python3 -c "$PY" 2>&1)" "[42]" "SECCOMP_FILTER_FLAG_LOG and _SPEC_ALLOW are accepted"
is "$(J --profile "$t/flags.json" -- unshare -U true 2>&1 >/dev/null | grep -c 'unshare failed: Operation not permitted')" 1 \
   "and the profile still denies"

if ! command -v runc > /dev/null; then
	for i in $(seq 8); do skip "runc is not installed (make deps installs Debian's runc)"; done
	exit 0
fi
runc spec 2> "$t/spec.err" && mv config.json config.base.json
config '["true"]' none true
if ! crun probe; then
	why=$(head -n1 "$t/probe.err" "$t/spec.err" 2>/dev/null | grep -v '^==>' | grep . | head -n1)
	for i in $(seq 8); do skip "runc cannot run a container here: ${why:-status $?}"; done
	exit 0
fi

# 12-15: the program runs in runc under the learned profile.
config "$(py_args "$PY")" "$t/oci.json" true
crun py-nnp
is "$?:$(cat "$t/py-nnp.out")" "0:[42]" "runc run with the learned profile (noNewPrivileges, runc's default) ($(head -c 120 "$t/py-nnp.err"))"
config "$(py_args "$PY")" "$t/oci.json" false
crun py-priv
is "$?:$(cat "$t/py-priv.out")" "0:[42]" "the same without noNewPrivileges (Docker's default), where runc drops capabilities under the filter ($(head -c 120 "$t/py-priv.err"))"
config "$(py_args "$PY")" "$t/docker.json" false
crun py-docker
is "$?:$(cat "$t/py-docker.out")" "0:[42]" "the Docker-format profile runs in runc too ($(head -c 120 "$t/py-docker.err"))"
config "$(py_args "$PY")" "$t/bare.json" true
crun py-bare
ok "$([ $? -ne 0 ] && [ ! -s "$t/py-bare.out" ] && echo failed)" \
   "with --runtime none runc itself is denied before the program starts ($(head -c 80 "$t/py-bare.err"))"

# 16-19: what the program never did gets EPERM from the learned profile; without the
# profile the same container does it.
config '["unshare", "-U", "true"]' none true
crun unshare-free
is "$?" 0 "unshare -U true works in the container without a profile ($(head -c 120 "$t/unshare-free.err"))"
config '["unshare", "-U", "true"]' "$t/oci.json" true
crun unshare-learned
is "$?:$(grep -c 'unshare failed: Operation not permitted' "$t/unshare-learned.err")" "1:1" \
   "unshare -U true gets EPERM from the learned profile"
config "$(py_args "$REBOOT")" none true CAP_SYS_BOOT
crun reboot-free
is "$(cat "$t/reboot-free.out")" "Invalid argument" "reboot with an invalid magic: EINVAL without a profile"
config "$(py_args "$REBOOT")" "$t/oci.json" true CAP_SYS_BOOT
crun reboot-learned
is "$(cat "$t/reboot-learned.out")" "Operation not permitted" "reboot gets EPERM from the learned profile"

