#!/usr/bin/env bash
# The command line: help, version, dispatch, the demo.
. "$(dirname "$0")/lib.sh"
plan 14
ok "$("$SYSGATE" --help | grep -E '^  trace ')" "--help lists trace"
ok "$("$SYSGATE" --version | grep -E '^sysgate [0-9]+\.[0-9]+\.[0-9]+$')" "--version"
ok "$("$SYSGATE" help trace | grep -F -- '-e trace=SET')" "help trace shows the options"
"$SYSGATE" > /dev/null 2>&1
is "$?" 2 "no command: usage on stderr, exit 2"
out=$("$SYSGATE" demo 2>&1); rc=$?
is "$rc" 0 "sysgate demo runs every step"
ok "$(grep -F 'openat(AT_FDCWD, "/etc/hostname", O_RDONLY) = 3' <<<"$out")" "demo shows a real trace"
ok "$(grep -F 'connect 127.0.0.1:9 -> denied (label secret, untrusted destination)' <<<"$out")" "demo shows taint refusing a send"
ok "$(grep -F 'the host checks the signature with the public key: valid' <<<"$out" && grep -F 'itself: enclave attempted syscall openat' <<<"$out")" \
   "demo shows the key vault and an enclave stopped at open"
is "$("$SYSGATE" syscalls %network | cut -f2 | sort | tr '\n' ' ')" \
   "accept accept4 bind connect getpeername getsockname getsockopt listen recvfrom recvmmsg recvmsg sendmmsg sendmsg sendto setsockopt shutdown socket socketpair " \
   "syscalls %network lists the network class"
for cmd in stat bench syscalls taint enclave; do
  ok "$("$SYSGATE" help $cmd 2>&1 | grep -i '^usage: sysgate '$cmd)" "help $cmd shows its usage"
done
