#!/usr/bin/env bash
# sendmsg/recvmsg message headers and netlink messages decoded as strace decodes
# them: the same program (tests/progs/netlink_calls.c: RTM_GETLINK/RTM_GETADDR
# dumps, a failing request, NETLINK_ROUTE messages made by the program and sent to
# itself (link counters, nested attributes, neighbours, rules, routes, netconf,
# neighbour tables, statistics, nexthops), SOCK_DIAG
# requests on a socket before and after it is bound, SCM_RIGHTS and
# SCM_CREDENTIALS over a socket pair) under strace and under
# sysgate trace, the same lines once port ids and pids are normalised; then the
# in-process backends (sud, rewrite) against the ptrace backend.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
P=$PROGS/netlink_calls
NF=$PROGS/netfilter_calls
SET=(-e trace=socket,sendto,recvfrom,sendmsg,recvmsg,sendmmsg,recvmmsg)
plan 12
# nlmsg_pid is the socket's port id (the process id, or a number the kernel picks)
norm() { grep -v '^+++' "$1" | sed -E -e 's/pid=-?[0-9]+/pid=PID/g' -e 's/0x[0-9a-f]{8,}/ADDR/g'; }

if command -v strace > /dev/null; then
  strace "${SET[@]}" -o "$t/strace.out" "$P" > /dev/null 2>&1
  "$SYSGATE" trace "${SET[@]}" -o "$t/sg.out" "$P" > /dev/null 2>&1
  is "$(diff <(norm "$t/strace.out") <(norm "$t/sg.out") | head -20)" "" \
     "every line as strace prints it"
  ok "$(grep -q 'nlmsg_type=RTM_NEWLINK.*IFLA_IFNAME' "$t/sg.out" &&
        grep -q 'error=-ENODEV, msg=\[{nlmsg_len=32, nlmsg_type=RTM_GETLINK' "$t/sg.out" &&
        grep -q 'nlmsg_type=0x14 /\* NLMSG_??? \*/' "$t/sg.out" &&
        grep -q 'sdiag_protocol=IPPROTO_TCP' "$t/sg.out" && echo y)" \
     "the compared trace holds decoded dumps, an error, an unbound socket's message, a SOCK_DIAG request"
  ok "$(grep -q 'IFLA_EXT_MASK}, RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS|0x10000' "$t/sg.out" &&
        grep -q 'tx_compressed=23, rx_nohandler=24, rx_otherhost_dropped=25}' "$t/sg.out" &&
        grep -q 'nla_type=IFLA_INET6_CONF}, \[\[DEVCONF_FORWARDING\]=1, \[DEVCONF_HOPLIMIT\]=-1' "$t/sg.out" &&
        grep -q 'ndm_state=NUD_REACHABLE|NUD_PERMANENT|0x100' "$t/sg.out" &&
        grep -q 'action=FR_ACT_BLACKHOLE' "$t/sg.out" &&
        grep -q 'rta_id=0x6' "$t/sg.out" &&
        grep -q '{ncm_family=AF_INET}, \[\[{nla_len=8, nla_type=NETCONFA_IFINDEX}, 4294967295\]' "$t/sg.out" &&
        grep -q 'ndtc_hash_mask=0x000007' "$t/sg.out" &&
        grep -q 'filter_mask=1<<IFLA_STATS_UNSPEC|1<<IFLA_STATS_LINK_64' "$t/sg.out" &&
        grep -q 'nh_scope=RT_SCOPE_LINK' "$t/sg.out" && echo y)" \
     "and NETLINK_ROUTE messages made by the program: counters, flags, nested, neighbour, rule, route, netconf, neighbour table, stats, nexthop"
  ok "$(grep -q 'cmsg_type=SCM_RIGHTS, cmsg_data=\[[0-9]*\]' "$t/sg.out" &&
        grep -q 'cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=' "$t/sg.out" &&
        grep -q 'msg_flags=MSG_CTRUNC|MSG_TRUNC' "$t/sg.out" && echo y)" \
     "and control messages and returned message flags"
  strace "${SET[@]}" -s 4 -o "$t/s4.strace" "$P" > /dev/null 2>&1
  "$SYSGATE" trace "${SET[@]}" -s 4 -o "$t/s4.sg" "$P" > /dev/null 2>&1
  is "$(diff <(norm "$t/s4.strace") <(norm "$t/s4.sg") | head -20)" "" \
     "-s 4: messages, attributes and bytes cut where strace cuts them"
  # -X verbose: numbers with their names; the messages the program made (seq 7)
  strace "${SET[@]}" -X verbose -s 300 -o "$t/xv.strace" "$P" > /dev/null 2>&1
  "$SYSGATE" trace "${SET[@]}" -X verbose -s 300 -o "$t/xv.sg" "$P" > /dev/null 2>&1
  is "$(diff <(norm "$t/xv.strace" | grep 'nlmsg_seq=7') <(norm "$t/xv.sg" | grep 'nlmsg_seq=7') | head -20)" "" \
     "-X verbose -s 300: the NETLINK_ROUTE messages as strace prints them"
  # NETLINK_NETFILTER (tests/progs/netfilter_calls.c): dumps, a batch marker and a
  # verdict for no queue, sent in a network namespace of the test's own.
  for x in "" "-X verbose" "-X raw"; do
    unshare -n strace "${SET[@]}" $x -s 200 -o "$t/nf.strace" "$NF" > /dev/null 2>&1
    unshare -n "$SYSGATE" trace "${SET[@]}" $x -s 200 -o "$t/nf.sg" "$NF" > /dev/null 2>&1
    is "$(diff <(norm "$t/nf.strace") <(norm "$t/nf.sg") | head -20)" "" \
       "NETLINK_NETFILTER${x:+ under $x}: subsystem message types, request flags, nfgenmsg, attributes as strace prints them"
  done
  unshare -n "$SYSGATE" trace "${SET[@]}" -s 200 -o "$t/nf.sg" "$NF" > /dev/null 2>&1
  ok "$(grep -q 'NFT_MSG_GETTABLE, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP' "$t/nf.sg" &&
        grep -q 'res_id=htons(NFNL_SUBSYS_NFTABLES)' "$t/nf.sg" &&
        grep -q 'XFRM_MSG_GETPOLICY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP' "$t/nf.sg" &&
        grep -q 'SELNL_MSG_POLICYLOAD, .*{seqno=42}' "$t/nf.sg" &&
        grep -q '\[{nla_len=8, nla_type=0x1}, "\\x04\\x03\\x02\\x01"\]' "$t/nf.sg" && echo y)" \
     "the compared trace holds a named nftables dump, its res_id, an attribute by number, an XFRM dump's flags, a SELinux notice"
else
  for i in 1 2 3 4 5 6 7 8 9 10; do skip "strace is not installed: nothing to compare with"; done
fi

"$SYSGATE" trace "${SET[@]}" --backend ptrace -o "$t/ptrace.out" "$P" > /dev/null 2>&1
if ! "$SYSGATE" trace --backend sud -o "$t/probe" -- /bin/true 2> "$t/probe.err"; then
  for i in 1 2; do skip "$(head -1 "$t/probe.err")"; done
  exit 0
fi
# The in-process backends: a call on a netlink socket waits to be decoded, so its
# protocol is known even when the program closes the socket right after.
for b in sud rewrite; do
  extra=(); [ $b = rewrite ] && extra=(--allow-page0)
  "$SYSGATE" trace "${SET[@]}" --backend $b "${extra[@]}" -o "$t/$b.out" "$P" > /dev/null 2>&1
  is "$(diff <(norm "$t/ptrace.out") <(norm "$t/$b.out") | head -20)" "" \
     "$b: netlink messages, headers and control messages as the ptrace backend prints them"
done
