#!/usr/bin/env bash
# The enclave runtime for real: bridges from `sysgate enclave gen`, an enclave .so
# (two builds of the same code as different variants), a host linked with the
# runtime, and the loader beside sysgate. tests/enclave_rt/rt_host.c prints the TAP
# lines: round trips at the size limits in both modes, the forbidden calls, crash,
# hang, sealing across restarts and enclaves, calls after destroy.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/.." && pwd)
d=$root/tests/enclave_rt
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
CC=${CC:-cc}
loader=$root/build/release/sg-enclave-loader
echo "1..38"
if [ ! -x "$loader" ]; then
  for i in $(seq 38); do echo "ok $i # skip $loader missing: run make"; done; exit 0
fi
W=(-std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror)
"$SYSGATE" enclave gen "$d/rt.edl" -o "$t" || { echo "not ok 1 - generate the bridges"; exit 0; }
inc=(-I"$t" -I"$root/src/enclave" -I"$root/src")
for v in 1 2; do
  $CC "${W[@]}" -O2 -fPIC -shared -DVARIANT=$v "${inc[@]}" "$t/rt_enclave.c" "$d/rt_enclave_impl.c" \
    -o "$t/rt$v.so" || { echo "not ok 1 - build enclave variant $v"; exit 0; }
done
$CC "${W[@]}" -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all "${inc[@]}" \
  -DSG_ENCLAVE_LOADER_BUILT="\"$loader\"" -o "$t/rt_host" "$d/rt_host.c" "$t/rt_host.c" \
  "$root/src/enclave/runtime.c" "$root/src/core/syscalls.c" "$root/src/core/syscall_table.c" \
  "$root/src/launch/lifetime.c" "$root/src/launch/tree.c" \
  || { echo "not ok 1 - build the host"; exit 0; }
SG_ENCLAVE_LOADER=$loader "$t/rt_host" "$t/rt1.so" "$t/rt2.so" "$t" | tee "$t/tap" | grep -v '^1\.\.'
_n=36 # rt_host printed 1-36
# 37-38: sysgate enclave measure prints what the loader computed from the file it
# loaded; the other variant measures differently.
m=$(awk '/^# measurement/ {print $3; exit}' "$t/tap")
is "$("$SYSGATE" enclave measure "$t/rt1.so")" "$m  $t/rt1.so" "sysgate enclave measure agrees with the loader"
ok "$([ "$("$SYSGATE" enclave measure "$t/rt2.so" | cut -c1-64)" != "$m" ] && echo y)" \
   "another build of the code: another measurement"
