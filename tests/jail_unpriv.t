#!/usr/bin/env bash
# jail and learn for a user without privileges: what bubblewrap gives such a user
# (an unprivileged user namespace when namespaces are asked for), and one clear
# line for what needs root.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); chmod 0777 "$t"; trap 'rm -rf "$t"' EXIT
plan 7

# The tests run as root; these run the command as nobody, with no capability.
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
                --bounding-set=-all "$@"; }

as_nobody "$SYSGATE" jail -- true 2> "$t/err"
is "$?:$(cat "$t/err")" "0:" "jail -- true as nobody: runs, and says nothing"

as_nobody "$SYSGATE" jail --deny mkdir -- mkdir "$t/d" 2> "$t/err"
ok "$([ $? -ne 0 ] && [ ! -e "$t/d" ] && grep -q 'mkdir' "$t/err" && echo y)" \
   "a denial is enforced and reported for nobody too"

as_nobody "$SYSGATE" learn -o "$t/p.json" -- ls / > /dev/null 2> "$t/err"
ok "$([ $? = 0 ] && grep -q '"openat"' "$t/p.json" && echo y)" \
   "learn as nobody writes the profile ($(head -c 200 "$t/err"))"

err=$(as_nobody "$SYSGATE" jail --cap-keep net_raw -- true 2>&1); rc=$?
ok "$([ $rc -ne 0 ] && [ "$(wc -l <<<"$err")" = 1 ] && grep -q 'net_raw' <<<"$err" && echo y)" \
   "keeping a capability nobody holds: one line naming it (rc $rc: $err)"

if [ "$(cat /proc/sys/user/max_user_namespaces 2>/dev/null)" = 0 ] ||
   ! as_nobody unshare --user true 2>/dev/null; then
  for _ in 1 2 3; do skip "unprivileged user namespaces are disabled on this machine"; done
else
  as_nobody "$SYSGATE" jail --unshare net -- cat /proc/net/dev > "$t/net" 2> "$t/err"
  ok "$([ $? = 0 ] && ! grep -qv -e '^ *lo:' -e '|' "$t/net" && echo y)" \
     "--unshare net as nobody: a user namespace comes with it; only lo inside"
  as_nobody "$SYSGATE" jail --ro-bind / / --tmpfs /tmp -- sh -c 'touch /tmp/x && id -u' > "$t/id" 2> "$t/err"
  is "$?:$(cat "$t/id")" "0:65534" "a new root as nobody; the uid inside is still nobody's"
  as_nobody "$SYSGATE" jail --unshare-all --net none -- sh -c 'echo $$' > "$t/pid" 2> "$t/err"
  is "$?:$(cat "$t/pid")" "0:2" "--unshare-all as nobody: a pid namespace (the command is pid 2)"
fi
