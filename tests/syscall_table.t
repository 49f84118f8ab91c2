#!/usr/bin/env bash
# The generated syscall table against the kernel: numbers from the UAPI header, names
# and argument counts from the running kernel's tracefs.
. "$(dirname "$0")/lib.sh"

table=$(mktemp); trap 'rm -f "$table"' EXIT
"$SYSGATE" syscalls > "$table"
plan 5

unistd=/usr/include/x86_64-linux-gnu/asm/unistd_64.h
mism=$(awk '/^#define __NR_/ { sub("__NR_", "", $2); print $3 "\t" $2 }' "$unistd" |
       sort > "$table.h"; cut -f1,2 "$table" | sort | comm -23 "$table.h" - ; rm -f "$table.h")
is "$mism" "" "every number in asm/unistd_64.h is in the table with its name"

n=$(wc -l < "$table")
ok "$([ "$n" -ge 380 ] && echo 1)" "the table has $n syscalls (>= 380)"

tracefs=$(ensure_tracefs)
if [ -z "$tracefs" ]; then
  skip "tracefs is not available (needs root)"; skip "tracefs"; skip "tracefs"
  exit 0
fi
declare -A alias=([newfstat]=fstat [newlstat]=lstat [newstat]=stat [newuname]=uname
                  [sendfile64]=sendfile [umount]=umount2)
missing=""; badargs=""
for d in "$tracefs"/events/syscalls/sys_enter_*; do
  name=${d##*/sys_enter_}; name=${alias[$name]:-$name}
  row=$(awk -F'\t' -v n="$name" '$2 == n' "$table")
  if [ -z "$row" ]; then missing="$missing $name"; continue; fi
  want=$(grep -c 'field:' "$d/format"); want=$((want - 5))   # minus common_* and nr
  got=$(cut -f3 <<<"$row")
  # rt_sigreturn is shown with its frame (the stack pointer), which tracefs omits.
  [ "$name" = rt_sigreturn ] && want=$((want + 1))
  [ "$got" = "$want" ] || badargs="$badargs $name($got!=$want)"
done
is "$missing" "" "every syscall of the running kernel (tracefs) is in the table"
is "$badargs" "" "argument counts match the running kernel's tracefs formats"
open_row=$(awk -F'\t' '$2 == "openat"' "$table")
is "$(cut -f4,5 <<<"$open_row")" "%file,%desc	dfd,filename,flags,mode" \
   "openat row has classes and argument names from tracefs"
