#!/usr/bin/env bash
# The arguments of the terminal, socket, block, loop, file system, random, RTC,
# inotify and watchdog ioctl families (src/core/decode_ioctl_<family>.c) as
# strace 6.1 prints them: tests/progs/ioctl_calls_3.c makes their requests on fd
# -1 (what a request brings in is shown even when it fails, what it would fill
# in as the address) and, where it is safe, on a pseudo-terminal, a loopback
# socket, a regular file, /dev/urandom and an inotify fd. One comparison per
# family, then the same under -v (structures in full); then the in-process
# backends print what ptrace prints.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ioctl.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
P=$PROGS/ioctl_calls_3
plan 22
# Addresses and the process group differ between runs; nothing else may.
norm() {
  grep '^ioctl(' "$1" | sed -E -e 's/0x[0-9a-f]{6,}/ADDR/g' \
    -e 's/^(ioctl\([0-9]+, (FIOGETOWN|TIOCGPGRP), )\[[0-9]+\]/\1[PGRP]/'
}
# family NAME PATTERN: the lines of one family's requests
family() { grep -E "^ioctl\(-?[0-9]+, ($2)" "$t/$1.norm"; }
families='term (TC|TIOC|FION|FIOCLEX|FIONCLEX)
sock (SIOC|FIOSETOWN|FIOGETOWN)
block BLK
loop LOOP_
fs (FS_IOC|FIFREEZE|FITHAW|FITRIM|FIGETBSZ|BTRFS_IOC_CLONE|BTRFS_IOC_FILE)
random (RND|FASTRPC_IOCTL_INIT_ATTACH or RND)
rtc (RTC_|PHN_NOT_OH or RTC_)
inotify INOTIFY_
watchdog WDIOC_'

"$SYSGATE" trace -e trace=ioctl -o "$t/sg.out" "$P" > /dev/null 2>&1
norm "$t/sg.out" > "$t/sg.norm"
"$SYSGATE" trace -v -e trace=ioctl -o "$t/sgv.out" "$P" > /dev/null 2>&1
norm "$t/sgv.out" > "$t/sgv.norm"
if command -v strace > /dev/null; then
  strace -e trace=ioctl -o "$t/strace.out" "$P" > /dev/null 2>&1
  norm "$t/strace.out" > "$t/strace.norm"
  strace -v -e trace=ioctl -o "$t/stracev.out" "$P" > /dev/null 2>&1
  norm "$t/stracev.out" > "$t/stracev.norm"
  while read -r name pattern; do
    is "$(family sg "$pattern")" "$(family strace "$pattern")" "$name: the same lines as strace"
  done <<< "$families"
  is "$(cat "$t/sg.norm")" "$(cat "$t/strace.norm")" "every call traced as strace does"
  while read -r name pattern; do
    is "$(family sgv "$pattern")" "$(family stracev "$pattern")" "$name: the same lines as strace -v"
  done <<< "$families"
else
  for i in $(seq 19); do skip "strace is not installed: nothing to compare with"; done
fi

# The in-process backends read the snapshot taken at the call (SIOCGIFCONF's
# list, BLKPG's partition, RNDADDENTROPY's bytes, FIDEDUPERANGE's array too).
ioctl_backends_same "$t/sg.norm"
ok "$(grep -E '^ioctl\(-1, BLKPG, \{op=BLKPG_ADD_PARTITION, flags=0, datalen=152, data=\{start=1048576, length=2097152, pno=3, devname="sdz3", volname="vol"\}\}\) += -1 EBADF' "$t/sg.out")" \
  "BLKPG: the partition its data points at"
