#!/usr/bin/env bash
# The ioctl families of IDE disks (hdio), infrared remote controls (lirc),
# Trusted Execution Environments (tee) and GPIO chips, as strace 6.1 prints
# them: tests/progs/ioctl_calls_6.c makes their requests on fd -1 with every
# struct filled in. Run as it is, each fails (what it brings in is shown); run
# under -e inject=ioctl:retval=0, each "succeeds" and what it gets back is
# printed from the program's own data, by both tools (under -e verbose=none
# only the drive identity, which strace reads anyway). Then the in-process
# backends print what ptrace prints.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ioctl.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
P=$PROGS/ioctl_calls_6
plan 9
ioctl_vs_strace "hdio, lirc, tee, gpio"

ioctl_inproc_same 72
