#!/usr/bin/env bash
# Enclave bridges from tests/enclave/vault.idl: `sysgate enclave gen`, both sides
# compiled with -Werror, then
# round trips in-process through a fake runtime (tests/enclave/host_test.c): size
# limits, empty bytes, strings, OCALLs, and malformed messages both ways.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/.." && pwd)
e=$root/tests/enclave
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
CC=${CC:-cc}
HOST_CHECKS=42
plan $((11 + HOST_CHECKS))
W=(-std=c17 -Wall -Wextra -Werror -Wpedantic -Wstrict-prototypes -Wmissing-prototypes)
SAN=(-g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
inc=(-I"$t/gen" -I"$root/src/enclave")

# 1-3: sysgate enclave gen writes the four files (nothing else, no temporary left),
# and reports a bad interface in one line.
mkdir "$t/gen"
"$SYSGATE" enclave gen "$e/vault.idl" -o "$t/gen" 2>"$t/gen.err"
is "$?:$(cat "$t/gen.err")" "0:" "sysgate enclave gen succeeds"
is "$(cd "$t/gen" && ls | tr '\n' ' ')" \
	"vault_enclave.c vault_enclave.h vault_host.c vault_host.h " \
	"vault.idl gives vault_{host,enclave}.{h,c}"
printf 'trusted {\n\tint f(in int x, in string x);\n}\n' > "$t/bad.idl"
"$SYSGATE" enclave gen "$t/bad.idl" -o "$t/gen" 2>"$t/bad.err"
is "$?:$(cat "$t/bad.err")" "1:sysgate: $t/bad.idl:2:28: duplicate parameter 'x'" \
	"a bad interface: status 1 and one line with its position"

# 4-6: both sides compile cleanly at -O2 (where gcc warns the most); the enclave is a
# self-contained shared object (-z defs) that exports only the two entry points even
# when everything else is hidden.
$CC "${W[@]}" -O2 -fPIC -shared -fvisibility=hidden -Wl,-z,defs "${inc[@]}" \
	"$t/gen/vault_enclave.c" "$e/enclave_impl.c" -o "$t/plain.so" 2>"$t/cc.err"
is "$?:$(cat "$t/cc.err")" "0:" "the enclave side compiles with -Werror as a shared object"
$CC "${W[@]}" -O2 "${inc[@]}" -c "$t/gen/vault_host.c" -o "$t/host.o" 2>"$t/cc.err"
is "$?:$(cat "$t/cc.err")" "0:" "the host side compiles with -Werror"
is "$(nm -D --defined-only "$t/plain.so" | awk '{print $3}' | sort | tr '\n' ' ')" \
	"sg_enclave_dispatch sg_enclave_init " "the enclave exports only the two entry points"

# 7-8: an interface without untrusted functions compiles too, with names of the longest.
n63=$(printf 'n%.0s' $(seq 63))
printf 'trusted { void only(); int %s(in bytes %s, out bytes[2] b%s); }\n' \
	"$n63" "$n63" "${n63:1}" > "$t/mini.idl"
mkdir "$t/mini" && "$SYSGATE" enclave gen "$t/mini.idl" -o "$t/mini"
$CC "${W[@]}" -O2 -fPIC -I"$t/mini" -I"$root/src/enclave" -c "$t/mini/mini_enclave.c" \
	-o "$t/mini_e.o" 2>"$t/cc.err"
is "$?:$(cat "$t/cc.err")" "0:" "a trusted-only interface: the enclave side compiles"
$CC "${W[@]}" -O2 -I"$t/mini" -I"$root/src/enclave" -c "$t/mini/mini_host.c" \
	-o "$t/mini_h.o" 2>"$t/cc.err"
is "$?:$(cat "$t/cc.err")" "0:" "a trusted-only interface: the host side compiles"

# 9-10: the sanitized builds the checks run on.
$CC "${W[@]}" "${SAN[@]}" -fPIC -shared -fvisibility=hidden "${inc[@]}" \
	"$t/gen/vault_enclave.c" "$e/enclave_impl.c" -o "$t/vault.so" 2>"$t/cc.err"
is "$?:$(cat "$t/cc.err")" "0:" "the enclave builds with ASan and UBSan"
$CC "${W[@]}" "${SAN[@]}" "${inc[@]}" "$e/host_test.c" "$t/gen/vault_host.c" \
	-o "$t/host_test" -ldl 2>"$t/cc.err"
is "$?:$(cat "$t/cc.err")" "0:" "the host test builds with ASan and UBSan"

# 11 and on: the host's checks, each one a test here.
"$t/host_test" "$t/vault.so" > "$t/out" 2>"$t/err"
rc=$?
while IFS= read -r line; do
	case $line in
	"ok - "*) ok 1 "${line#ok - }" ;;
	"not ok - "*) ok "" "${line#not ok - }" ;;
	esac
done < "$t/out"
is "$rc:$(grep -c '^ok - ' "$t/out"):$(head -c 2000 "$t/err")" "0:$HOST_CHECKS:" \
	"the host test passed all $HOST_CHECKS checks, without a sanitizer report"
