#!/usr/bin/env bash
# NETLINK_SOCK_DIAG requests and replies decoded as strace decodes them: the same
# program (tests/progs/sock_diag_calls.c: TCP, UDP, raw, UNIX, packet and netlink
# sockets looked up or dumped with every extension, then replies built by hand)
# under strace and under sysgate trace, in a network namespace of its own, the
# same lines once what moves between runs is normalised; then the in-process
# backends (sud, rewrite) against the ptrace backend.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
P=$PROGS/sock_diag_calls
SET=(-e trace=sendmsg,recvmsg,sendto)
plan 5
# Port ids, inodes, cookies (a counter of the machine's sockets, small on a
# fresh machine) and addresses change from run to run; so do a TCP
# connection's measurements (tcp_info, BBR's estimates) and buffer sizes. A
# netlink port id is the process's pid, which has fewer than four digits when
# the pids have wrapped or the machine is fresh.
norm() {
  grep -v '^+++' "$1" | sed -E -e 's/0x[0-9a-f]{6,}/ADDR/g' -e 's/[0-9]{4,}/N/g' \
    -e 's/(nlmsg_pid|nl_pid|ndiag_portid)=[0-9]+/\1=N/g' \
    -e 's/(INET_DIAG_INFO\}, )"[^"]*"(\.\.\.)?/\1INFO/g' -e 's/(bbr_[a-z_]+=)[0-9a-fx]+/\1N/g' \
    -e 's/(_cookie=\[)[0-9]+/\1N/g'
}
# unshare -n: a namespace whose dumps hold the program's sockets alone; the tracer
# runs in it too (strace asks its own namespace which protocol a socket has).
if ! (cd "$t" && unshare -n true) 2> /dev/null && ! (cd "$t" && unshare -rn true) 2> /dev/null; then
  for i in 1 2 3 4 5; do skip "no network namespace (unshare -n)"; done
  exit 0
fi
ns() { (cd "$t" && { unshare -n "$@" 2> /dev/null || unshare -rn "$@"; }) > /dev/null 2>&1; }

if command -v strace > /dev/null; then
  ns strace "${SET[@]}" -o "$t/strace.out" "$P"
  ns "$SYSGATE" trace "${SET[@]}" -o "$t/sg.out" "$P"
  is "$(diff <(norm "$t/strace.out") <(norm "$t/sg.out") | head -20)" "" \
     "every line as strace prints it"
  ok "$(grep -q 'idiag_state=TCP_ESTABLISHED.*INET_DIAG_SHUTDOWN}, 0x1 /\* RCV_SHUTDOWN \*/' "$t/sg.out" &&
        grep -q 'INET_DIAG_SKMEMINFO}, \[\[SK_MEMINFO_RMEM_ALLOC\]=' "$t/sg.out" &&
        grep -q 'udiag_type=SOCK_SEQPACKET.*UNIX_DIAG_RQLEN}, {udiag_rqueue=' "$t/sg.out" &&
        grep -q 'UNIX_DIAG_NAME}, "sock_diag.sock"\], \[{nla_len=12, nla_type=UNIX_DIAG_VFS}, {udiag_vfs_dev=makedev(' "$t/sg.out" &&
        grep -q 'pdiag_num=ETH_P_ALL.*PACKET_DIAG_MCLIST}, \[{pdmc_index=if_nametoindex("lo")' "$t/sg.out" &&
        grep -q 'ndiag_protocol=NETLINK_USERSOCK.*NETLINK_DIAG_FLAGS}, NDIAG_FLAG_PKTINFO' "$t/sg.out" &&
        grep -q 'sdiag_family=AF_PACKET, sdiag_protocol=0, pdiag_ino=0, pdiag_show=PACKET_SHOW_INFO|' "$t/sg.out" &&
        echo y)" \
     "the compared trace holds decoded replies of every family and a packet request"
  ns strace "${SET[@]}" -s 4 -o "$t/s4.strace" "$P"
  ns "$SYSGATE" trace "${SET[@]}" -s 4 -o "$t/s4.sg" "$P"
  is "$(diff <(norm "$t/s4.strace") <(norm "$t/s4.sg") | head -20)" "" \
     "-s 4: attributes, arrays and messages cut where strace cuts them"
else
  for i in 1 2 3; do skip "strace is not installed: nothing to compare with"; done
fi

ns "$SYSGATE" trace "${SET[@]}" --backend ptrace -o "$t/ptrace.out" "$P"
if ! "$SYSGATE" trace --backend sud -o "$t/probe" -- /bin/true 2> "$t/probe.err"; then
  for i in 1 2; do skip "$(head -1 "$t/probe.err")"; done
  exit 0
fi
for b in sud rewrite; do
  extra=(); [ $b = rewrite ] && extra=(--allow-page0)
  ns "$SYSGATE" trace "${SET[@]}" --backend $b "${extra[@]}" -o "$t/$b.out" "$P"
  is "$(diff <(norm "$t/ptrace.out") <(norm "$t/$b.out") | head -20)" "" \
     "$b: sock_diag replies as the ptrace backend prints them"
done
