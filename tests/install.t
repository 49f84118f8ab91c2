#!/usr/bin/env bash
# make install into a temporary DESTDIR, then every subcommand that runs a
# companion (the trace agent, the enclave loader and key vault, the monitor and
# its guests) run from the installed tree with the build tree hidden (a tmpfs
# over it, in a mount namespace of this test's own): nothing may reach back into
# the build. Then make uninstall leaves nothing behind.
. "$(dirname "$0")/lib.sh"
scratch_and_background
top=$(cd "$(dirname "$0")/.." && pwd)

plan 15

# make, from inside make check: not as part of its jobs.
mk() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$top" "$@" DESTDIR="$t/root" PREFIX=/usr; }
mk install > "$t/install.log" 2>&1
is "$?" 0 "make install DESTDIR=... PREFIX=/usr"
I=$t/root/usr/bin/sysgate
L=$t/root/usr/lib/sysgate
ok "$([ -x "$I" ] && [ -r "$L/libsysgate-agent.so" ] && [ -x "$L/sg-enclave-loader" ] && [ -x "$L/keyvault" ] &&
      [ -x "$L/sg-vm" ] && [ -r "$L/guest/hello.elf" ] && [ -r "$t/root/usr/share/doc/sysgate/trace.md" ] && echo yes)" \
   "bin/sysgate, lib/sysgate/ (agent, enclave loader and key vault, monitor, guests), share/doc/sysgate/"

if ! unshare -m true 2> "$t/unshare.err"; then
  for _ in $(seq 12); do skip "no mount namespace here to hide the build tree: $(head -1 "$t/unshare.err")"; done
  mk uninstall > /dev/null 2>&1
  is "$(find "$t/root" -type f | wc -l)" 0 "make uninstall removes every file it installed"
  exit 0
fi
# hidden CMD...: CMD with the build tree out of sight.
hidden() { unshare -m sh -c 'mount -t tmpfs none "$1" && shift && exec "$@"' sh "$top/build" "$@"; }
ok "$(hidden sh -c "[ ! -e '$top/build/release/sysgate' ] && echo hidden")" "the build tree is hidden from the runs below"

for b in ptrace sud rewrite ebpf; do
  extra=()
  [ "$b" = rewrite ] && extra=(--allow-page0)
  if [ "$b" = ebpf ] && ! "$I" trace --backend ebpf -o /dev/null -- /bin/true 2> "$t/ebpf.err"; then
    skip "$(head -1 "$t/ebpf.err")"
    continue
  fi
  hidden "$I" trace --backend "$b" "${extra[@]}" -o "$t/$b.trace" -- /bin/echo installed > "$t/$b.out" 2> "$t/$b.err"
  is "$?:$(cat "$t/$b.out"):$(grep -c 'write(1, "installed\\n", 10) *= 10' "$t/$b.trace")" "0:installed:1" \
     "trace --backend $b from the installed tree"
done
hidden "$I" jail -- /bin/true
is "$?" 0 "jail from the installed tree"
echo "the secret" > "$t/secret"
is "$(hidden "$I" taint --secret "$t/secret" --trust-stdout -- /bin/cat "$t/secret" 2> "$t/taint.err"):$?" "the secret:0" \
   "taint from the installed tree"
hidden "$I" enclave demo > "$t/demo.out" 2>&1
is "$?:$(grep -c 'signature with the public key: valid' "$t/demo.out")" "0:1" \
   "enclave demo from the installed tree: its loader, enclave and key vault found there"
hidden "$I" vm --engine emulate "$L/guest/hello.elf" > "$t/vm.out" 2>&1
is "$(grep -c '^hello from the guest' "$t/vm.out")" 1 "vm: the installed monitor runs the installed guest"
hidden "$I" bench --only syscall,vm-emu-hypercall > "$t/bench.out" 2>&1
is "$?:$(grep -cE '^(null syscall|hypercall to the monitor \(emulate\))' "$t/bench.out")" "0:2" \
   "bench from the installed tree: a syscall rung and one that runs the installed monitor"

# Man pages: sysgate(1) and one per subcommand, readable with man, each naming
# every option its `sysgate help CMD` names (help2man makes them from it).
missing=""
for c in trace stat bench jail advise learn taint enclave vm syscalls demo; do
  page=$(MANWIDTH=4000 man -l "$t/root/usr/share/man/man1/sysgate-$c.1" 2>/dev/null | sed 's/\xe2\x80\x90/-/g')
  [ -n "$page" ] || missing+=" sysgate-$c(1)"
  for o in $("$I" help "$c" 2>&1 | grep -oE -- '--[a-z][-a-z0-9]*' | sort -u); do
    grep -q -- "$o" <<<"$page" || missing+=" $c:$o"
  done
done
is "$(MANWIDTH=4000 man -l "$t/root/usr/share/man/man1/sysgate.1" 2>/dev/null | grep -c 'sysgate help <command>'):${missing:-none}" \
   "1:none" "man pages: sysgate(1), and sysgate-CMD(1) with every option of sysgate help CMD"
# bash completion, with the installed sysgate on PATH and the build hidden.
cat > "$t/complete.sh" <<'EOS'
. "$1"
t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _sysgate; printf '%s|' "${COMPREPLY[*]}"; }
t sysgate tr; t sysgate trace --rec; t sysgate trace -e trace = %fi; t sysgate trace -e trace = open,getpp
t sysgate jail --prof; t sysgate learn --format o; t sysgate learn --runtime ''
t sysgate taint --opens ''
EOS
is "$(hidden env PATH="$t/root/usr/bin:$PATH" bash "$t/complete.sh" "$t/root/usr/share/bash-completion/completions/sysgate")" \
   "trace|--record|%file|open,getppid|--profile|oci|runc none|seccomp fanotify|" \
   "bash completion: subcommands, options, syscall classes and names after trace=, format, runtime and opens choices"

mk uninstall > "$t/uninstall.log" 2>&1
is "$?:$(find "$t/root" -type f | wc -l)" "0:0" "make uninstall removes every file it installed"
