#!/usr/bin/env bash
# sysgate jail: ways around the default profile, each tried with harmless arguments
# by a probe in tests/progs/bypass_*.c; every one must be denied or killed.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
plan 22
J() { timeout 60 "$SYSGATE" jail "$@"; }
table=()
row() { table+=("$(printf '%-22s %s' "$1" "$2")"); }

# 1-6: other ABIs (i386 int $0x80, x32 numbers) must be killed by the filter
# (SIGSYS). A kernel without IA-32 emulation faults on int $0x80 itself (SIGSEGV)
# before any filter runs: there the int $0x80 probes prove nothing, and are skipped.
raw80=$(bash -c '"$0" int80-getpid >/dev/null 2>&1; echo $?' "$PROGS/bypass_abi" 2>/dev/null)
for p in int80-getpid int80-socketcall x32-getpid; do
	if [ "${p#int80}" != "$p" ] && [ "$raw80" = 139 ]; then
		skip "$p: this kernel has no IA-32 emulation (int \$0x80 faults without a jail)"
		skip "$p: this kernel has no IA-32 emulation"
		row "$p" "not reachable (no IA-32 emulation in this kernel)"
		continue
	fi
	out=$(J -- "$PROGS/bypass_abi" "$p" 2>"$t/$p"); st=$?
	is "$st" 159 "$p: the filter kills the command (SIGSYS, 128+31)"
	is "$out" "" "$p: the call never returned"
	case $st in
	159) row "$p" "killed (SIGSYS)" ;;
	*) row "$p" "status $st: $out" ;;
	esac
done

# 7-18: denied calls fail with the profile's errno, and the report names the rule
# (but for the quiet ENOSYS rules).
for p in io_uring_setup:EPERM openat2:ENOSYS clone3:ENOSYS ptrace:EPERM \
	process_vm_writev:EPERM personality:EPERM; do
	n=${p%%:*} e=${p#*:}
	out=$(J -- "$PROGS/bypass_calls" "$n" 2>"$t/$n")
	is "$out" "$n: errno $e" "$n fails with $e"
	if [ "$e" = ENOSYS ]; then # quiet rules: the fallback is expected, not a denial
		is "$(cat "$t/$n")" "" "$n: a quiet rule, not reported"
	else
		ok "$(grep -E "\] $n\(.* -> errno $e \(rule builtin-default:[0-9]+\)" "$t/$n")" "$n: the report names the rule"
	fi
	row "$n" "denied ($e)"
done

# 19-22: TIOCSTI on the probe's own pty, also with junk in the upper 32 bits of the
# request (the kernel reads only the low 32): the filter masks them off.
out=$(J -- "$PROGS/bypass_tiocsti" 2>"$t/tty"); st=$?
is "$out" "TIOCSTI: errno EPERM
TIOCSTI|junk: errno EPERM
TIOCLINUX|junk: errno EPERM" "TIOCSTI and TIOCLINUX fail with EPERM, upper bits or not"
is "$st" 0 "bypass_tiocsti exits 0"
is "$(grep -c '\] ioctl(3, TIOCSTI, .* -> errno EPERM (rule builtin-default:' "$t/tty")" 2 \
	"both TIOCSTI calls are reported with their rule"
ok "$(grep -F '] ioctl(3, TIOCLINUX,' "$t/tty")" "TIOCLINUX with junk is reported"
for k in TIOCSTI TIOCSTI\|junk TIOCLINUX\|junk; do
	row "ioctl $k" "$(grep -F "$k:" <<<"$out" | sed 's/^[^:]*: //; s/errno \(.*\)/denied (\1)/')"
done

echo "# probe                  result"
printf '# %s\n' "${table[@]}"
