#!/usr/bin/env bash
# The command line: help, version, dispatch, the demo.
. "$(dirname "$0")/lib.sh"
plan 60
ok "$("$SYSGATE" --help | grep -E '^  trace ')" "--help lists trace"
ok "$("$SYSGATE" --version | grep -E '^sysgate [0-9]+\.[0-9]+\.[0-9]+$')" "--version"
ok "$("$SYSGATE" help trace | grep -F -- '-e trace=SET')" "help trace shows the options"
ok "$("$SYSGATE" help trace | grep -E -- '^  -DDD ' && "$SYSGATE" help trace | grep -F -- '--daemonize[=grandchild|pgroup|session]')" \
   "help trace lists -D, -DD, -DDD and --daemonize="
"$SYSGATE" > /dev/null 2>&1
is "$?" 2 "no command: usage on stderr, exit 2"
out=$("$SYSGATE" demo 2>&1); rc=$?
is "$rc" 0 "sysgate demo runs every step"
ok "$(grep -F 'openat(AT_FDCWD, "/etc/hostname", O_RDONLY) = 3' <<<"$out")" "demo shows a real trace"
ok "$(grep -F 'connect 127.0.0.1:9 -> denied (label secret, untrusted destination)' <<<"$out")" "demo shows taint refusing a send"
ok "$(grep -F 'the host checks the signature with the public key: valid' <<<"$out" && grep -F 'itself: enclave attempted syscall openat' <<<"$out")" \
   "demo shows the key vault and an enclave stopped at open"
# The commands the demo shows are quoted as a shell reads them: copy, paste, run.
ok "$(grep '^   \$ sysgate jail' <<<"$out" | python3 -c '
import shlex, sys
w = shlex.split(sys.stdin.read().strip()[2:])
print("y" if w == ["sysgate", "jail", "--", "sh", "-c",
                   "echo inside the jail; unshare -U true || echo '"'"'unshare denied'"'"'"] else w)')" \
   "demo prints its commands with shell quoting"
is "$("$SYSGATE" syscalls %network | cut -f2 | sort | tr '\n' ' ')" \
   "accept accept4 bind connect getpeername getpmsg getsockname getsockopt listen putpmsg recvfrom recvmmsg recvmsg sendfile sendmmsg sendmsg sendto setsockopt shutdown socket socketpair " \
   "syscalls %network lists the network class"
for cmd in stat bench syscalls taint enclave; do
  ok "$("$SYSGATE" help $cmd 2>&1 | grep -i '^usage: sysgate '$cmd)" "help $cmd shows its usage"
done

# Usage errors: one convention for every subcommand, "sysgate CMD: ..." on one
# line, exit 2.
usage_err() {  # usage_err WANT-REGEX -- args...
  local want=$1; shift 2
  err=$("$SYSGATE" "$@" 2>&1 >/dev/null); rc=$?
  ok "$([ $rc = 2 ] && [ "$(wc -l <<<"$err")" = 1 ] && grep -qE "$want" <<<"$err" && echo y)" \
     "$* -> exit 2, one line (rc=$rc: $err)"
}
for cmd in trace stat bench jail learn taint; do
  usage_err "^sysgate $cmd: unknown option '--bogus'" -- $cmd --bogus
done
usage_err "^sysgate enclave: unknown action '--bogus'" -- enclave --bogus
usage_err "^sysgate syscalls: unknown syscall class" -- syscalls --bogus
usage_err "^sysgate demo: unexpected argument '--bogus'" -- demo --bogus
usage_err "^sysgate trace: option '-o' needs an argument" -- trace -o
usage_err "^sysgate bench: option '--json' needs an argument" -- bench --json
usage_err "^sysgate jail: option '--profile' needs an argument" -- jail --profile
usage_err "^sysgate learn: unknown backend 'ud'" -- learn --backend ud -- true
usage_err "^sysgate jail: no command after '--'" -- jail --
# A bad value is a usage error too, and so is an unknown command.
usage_err "^sysgate jail: unknown namespace 'bogus'" -- jail --unshare bogus -- true
usage_err "^sysgate jail: bad --timeout 'abc'" -- jail --timeout abc -- true
usage_err "^sysgate jail: unknown --net 'foo'" -- jail --net foo -- true
usage_err "^sysgate jail: unknown rlimit 'x'" -- jail --rlimit x=1 -- true
usage_err "^sysgate trace: unknown syscall 'bogus'" -- trace -e trace=bogus true
usage_err "^sysgate trace: unknown signal 'FOO'" -- trace -e signal=FOO true
# -e inject= works in-process too; a bad rule is refused there as under ptrace.
usage_err "^sysgate trace: -e inject=getpid:error=EPERM:retval=1: error= and retval= exclude each other" -- trace --backend sud -e inject=getpid:error=EPERM:retval=1 true
usage_err "^sysgate trace: -p attaches to a running process, which the agent cannot enter: use --backend ptrace, ebpf or auto" -- trace --backend rewrite -p 1
# -D: where strace 6.1 refuses it, and with the in-process backends.
usage_err "^sysgate trace: -D/--daemonize does not go with -p" -- trace -D -p 1
usage_err "^sysgate trace: too many -D's \(4\)" -- trace -DDDD true
usage_err "^sysgate trace: invalid --daemonize 'foo'" -- trace --daemonize=foo true
usage_err "^sysgate trace: -D traces the command from outside, which needs --backend ptrace" -- trace -D --backend sud true
usage_err "^sysgate trace: --kill-on-exit does not go with -D" -- trace -DD --kill-on-exit true
usage_err "^sysgate vm: unknown option '--bogus'" -- vm --bogus
usage_err "^sysgate: unknown command 'bogus'" -- bogus
usage_err "^sysgate: unknown command '--bogus'" -- --bogus
usage_err "^sysgate help: unknown command 'bogus'" -- help bogus
ok "$("$SYSGATE" syscalls -h | grep '^usage: sysgate syscalls')" "syscalls -h shows its usage"
ok "$("$SYSGATE" help stat | grep -F "'-' writes it to stdout" && "$SYSGATE" help stat | grep -F '(the two are then mixed)')" \
   "help stat says that -o - mixes the report into the command's stdout"

# Bad input is refused before anything runs, in one line.
# Nothing on stdout: bench prints its table there as it measures, so a bench
# that measured before refusing would fail here.
bad_input() {  # bad_input WANT-REGEX -- args...
  local want=$1; shift 2
  err=$("$SYSGATE" "$@" 2>&1 >"$t/stdout"); rc=$?
  ok "$([ $rc -ne 0 ] && [ $rc -lt 126 ] && [ "$(wc -l <<<"$err")" = 1 ] && grep -qE "$want" <<<"$err" && \
        [ ! -s "$t/stdout" ] && echo y)" \
     "$* -> refused before anything ran (rc=$rc: $err)"
  rm -f "$t/stdout"
}
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
bad_input "'/dev/null' has no rule and no default" -- jail --policy /dev/null -- true
bad_input "cannot open '$t': Is a directory" -- jail --profile "$t" -- true
bad_input "cannot open '$t': Is a directory" -- jail --policy "$t" -- true
bad_input "bench: cannot write '/nonexistent/x.json'" -- bench --json /nonexistent/x.json
bad_input "^sysgate bench: --svg needs the function-call rung" -- bench --only syscall --svg "$t/x.svg"
bad_input "cannot write '/nonexistent/x'" -- taint --audit /nonexistent/x -- true
bad_input "^sysgate: jail: cannot bind '/nonexistent-src'" -- jail --bind /nonexistent-src /x -- true
ok "$([ -z "$(ls -A "$t")" ] && echo y)" "none of them left a file"

# enclave gen -o creates the directory it is given.
"$SYSGATE" enclave gen -o "$t/new/dir" "$(dirname "$0")/enclave/vault.idl"
is "$?:$(ls "$t/new/dir" | tr '\n' ' ')" "0:vault_enclave.c vault_enclave.h vault_host.c vault_host.h " \
   "enclave gen -o DIR creates DIR"

# bench --json -: stdout is JSON alone; the table goes to stderr.
"$SYSGATE" bench --smoke --only call,syscall --json - > "$t/b.json" 2> "$t/b.err"
ok "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["rungs"]))' "$t/b.json" 2>/dev/null | grep -x 2)" \
   "bench --json - writes only JSON on stdout"
ok "$(grep -i 'null syscall' "$t/b.err")" "and its table on stderr"
