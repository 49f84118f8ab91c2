#!/usr/bin/env bash
# make deb builds a Debian package with dpkg-buildpackage (debian/, debhelper);
# it installs into a clean root (a fresh folder, dpkg --root), sysgate demo runs
# from there with the build tree hidden, and dpkg removes it without a trace.
. "$(dirname "$0")/lib.sh"
scratch_and_background
top=$(cd "$(dirname "$0")/.." && pwd)

plan 5

env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$top" deb > "$t/deb.log" 2>&1
deb=$(ls "$top"/build/deb/sysgate_*_amd64.deb 2>/dev/null | head -1)
ok "$([ -n "$deb" ] && grep -q 'dpkg-buildpackage: info: binary-only upload' "$top/build/deb/dpkg-buildpackage.log" && echo built)" \
   "make deb: dpkg-buildpackage builds ${deb##*/}"
[ -n "$deb" ] || { tail -5 "$t/deb.log" | sed 's/^/# /'; }

# The package database of an empty root.
root=$t/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
# The libraries it depends on are the host's (in $root there is nothing): only
# the check of them is forced.
dpkg --root="$root" --force-depends -i "$deb" > "$t/install.log" 2>&1
is "$?:$(dpkg --root="$root" -s sysgate 2>/dev/null | grep -c '^Status: install ok installed')" "0:1" \
   "dpkg --root installs it into a fresh folder"
ok "$([ -x "$root/usr/bin/sysgate" ] && [ -r "$root/usr/lib/sysgate/libsysgate-agent.so" ] &&
      [ -r "$root/usr/share/man/man1/sysgate-trace.1.gz" ] &&
      [ -r "$root/usr/share/bash-completion/completions/sysgate" ] && echo yes)" \
   "the package holds the binary, its companions, the man pages and the completion"

if unshare -m true 2> /dev/null; then
  unshare -m sh -c 'mount -t tmpfs none "$1" && exec "$2" demo' sh "$top/build" "$root/usr/bin/sysgate" \
    > "$t/demo.out" 2>&1
else
  "$root/usr/bin/sysgate" demo > "$t/demo.out" 2>&1
fi
is "$?:$(grep -c '^demo: done' "$t/demo.out")" "0:1" "sysgate demo runs from the package's root (the build tree hidden)"

dpkg --root="$root" -r sysgate > "$t/remove.log" 2>&1
is "$?:$(find "$root" -path "$root/var" -prune -o -type f -print | wc -l)" "0:0" \
   "dpkg -r removes every file the package put there"
