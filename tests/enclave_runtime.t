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
if [ ! -x "$loader" ]; then
  echo "1..0 # skip $loader missing: run make"; exit 0
fi
W=(-std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror)
"$SYSGATE" enclave gen "$d/rt.edl" -o "$t" || { echo "1..1"; echo "not ok 1 - generate the bridges"; exit 0; }
inc=(-I"$t" -I"$root/src/enclave" -I"$root/src")
for v in 1 2; do
  $CC "${W[@]}" -O2 -fPIC -shared -DVARIANT=$v "${inc[@]}" "$t/rt_enclave.c" "$d/rt_enclave_impl.c" \
    -o "$t/rt$v.so" || { echo "1..1"; echo "not ok 1 - build enclave variant $v"; exit 0; }
done
$CC "${W[@]}" -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all "${inc[@]}" \
  -DSG_ENCLAVE_LOADER_BUILT="\"$loader\"" -o "$t/rt_host" "$d/rt_host.c" "$t/rt_host.c" \
  "$root/src/enclave/runtime.c" "$root/src/core/syscalls.c" "$root/src/core/syscall_table.c" \
  || { echo "1..1"; echo "not ok 1 - build the host"; exit 0; }
SG_ENCLAVE_LOADER=$loader "$t/rt_host" "$t/rt1.so" "$t/rt2.so" "$t"
