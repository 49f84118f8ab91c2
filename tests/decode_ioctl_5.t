#!/usr/bin/env bash
# The ioctl families of PTP clocks, memory technology devices (with the sound
# mixer's names of type 'M'), UBI and network block devices, as strace 6.1 prints
# them: tests/progs/ioctl_calls_5.c makes their requests on fd -1 with every
# struct filled in. Run as it is, each fails (what it brings in is shown); run
# under -e inject=ioctl:retval=0, each "succeeds" and what it gets back is
# printed from the program's own data, by both tools. Then the in-process
# backends print what ptrace prints.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ioctl.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
P=$PROGS/ioctl_calls_5
plan 11
ioctl_vs_strace "ptp, mtd, ubi, nbd"

ok "$(grep -E '^ioctl\(-1, MIXER_READ\(1\) or MEMGETINFO, ' "$t/g1.out")" \
  "type 'M': the mixer's name with its channel, then the table's"
ok "$(grep -E '^ioctl\(-1, PTP_SYS_OFFSET, \{n_samples=2, ts=\[\{sec=1700000000, nsec=0\} /\* 2023-11-14T22:13:20\+0000 \*/, ' "$t/g2.out")" \
  "PTP_SYS_OFFSET: 2n+1 samples, wall-clock times with their moment"

ioctl_inproc_same 34
