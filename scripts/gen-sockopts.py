#!/usr/bin/env python3
"""Generate src/core/sockopt_names.c: the names of socket option levels and of the
options of each level, for the getsockopt and setsockopt decoders.

Names and values come from the kernel's UAPI headers (and glibc's socket headers for
the levels): the names are collected from the #define lines of the headers listed
below, and the values are computed by the C compiler, so expressions such as
(IPT_BASE_CTL + 1) come out right. When one number has several names, the first one
defined wins; a definition that only renames another name is skipped, except that the
getsockopt table takes the getsockopt spelling (SO_GET_FILTER for SO_ATTACH_FILTER).

The vocabulary is strace 6.1's: names the headers define after it (SO_PASSPIDFD,
TLS_RX_EXPECT_NO_PAD...) are left out, so they print as numbers as they do there.
Run:  python3 scripts/gen-sockopts.py  and commit the result.
"""
import os
import re
import sys

import uapi_values

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
INC = "/usr/include"
OUT = os.path.join(ROOT, "src/core/sockopt_names.c")

# The levels strace 6.1 names, in its order, with the header that defines each.
LEVELS = [
    ("SOL_IP", "netinet/in.h"), ("SOL_SOCKET", "sys/socket.h"), ("SOL_TCP", "netinet/tcp.h"),
    ("SOL_UDP", "netinet/udp.h"), ("SOL_IPV6", "netinet/in.h"), ("SOL_ICMPV6", "netinet/in.h"),
    ("SOL_CAN_BASE", "linux/can.h"), ("SOL_CAN_RAW", "linux/can/raw.h"),
    ("SOL_SCTP", None), ("SOL_UDPLITE", None),
    ("SOL_RAW", "sys/socket.h"), ("SOL_IPX", "netipx/ipx.h"), ("SOL_AX25", "netax25/ax25.h"),
    ("SOL_ATALK", "netatalk/at.h"), ("SOL_NETROM", "netrom/netrom.h"),
    ("SOL_ROSE", "netrose/rose.h"), ("SOL_DECNET", "sys/socket.h"), ("SOL_X25", "sys/socket.h"),
    ("SOL_PACKET", "sys/socket.h"), ("SOL_ATM", "sys/socket.h"), ("SOL_AAL", "sys/socket.h"),
    ("SOL_IRDA", "sys/socket.h"), ("SOL_NETBEUI", "sys/socket.h"), ("SOL_LLC", "sys/socket.h"),
    ("SOL_DCCP", "sys/socket.h"), ("SOL_NETLINK", "sys/socket.h"), ("SOL_TIPC", "sys/socket.h"),
    ("SOL_RXRPC", "sys/socket.h"), ("SOL_PPPOL2TP", "sys/socket.h"),
    ("SOL_BLUETOOTH", "sys/socket.h"), ("SOL_PNPIPE", "sys/socket.h"), ("SOL_RDS", "sys/socket.h"),
    ("SOL_IUCV", "sys/socket.h"), ("SOL_CAIF", "sys/socket.h"), ("SOL_ALG", "sys/socket.h"),
    ("SOL_NFC", "sys/socket.h"), ("SOL_KCM", "sys/socket.h"), ("SOL_TLS", "sys/socket.h"),
    ("SOL_XDP", "sys/socket.h"),
]
# Levels no installed header defines (their protocols' headers are not UAPI).
LEVEL_FALLBACK = {"SOL_SCTP": 132, "SOL_UDPLITE": 136}

# Option tables: C name, the level, headers, the name pattern, names to leave out.
# A level printed here by its address family (vsock checks the family, not a level).
OPTIONS = [
    ("sock", "SOL_SOCKET", ["asm-generic/socket.h"], r"SO_\w+",
     r"SO_VM_.*|SO_EE_.*|SO_PASSPIDFD|SO_PEERPIDFD|SO_DEVMEM_.*|SO_INCOMING_NAPI_ID_X"),
    ("ip", "SOL_IP", ["linux/in.h", "linux/netfilter_ipv4/ip_tables.h",
                      "linux/netfilter_arp/arp_tables.h", "linux/netfilter_bridge/ebtables.h"],
     r"(IP|MCAST|IPT_SO|ARPT_SO|EBT_SO)_\w+",
     r"IP_PMTUDISC_.*|IP_DEFAULT_.*|IP_MAX_.*|MCAST_(EX|IN)CLUDE|IP_LOCAL_PORT_RANGE|"
     r"IP_PROTOCOL|IPT_SO_\w+_MAX|ARPT_SO_\w+_MAX|EBT_SO_\w+_MAX"),
    ("ipv6", "SOL_IPV6", ["linux/in6.h", "linux/in.h", "linux/netfilter_ipv6/ip6_tables.h"],
     r"(IPV6|MCAST|IP6T_SO)_\w+",
     r"IPV6_PMTUDISC_.*|IPV6_PRIORITY_.*|IPV6_FL_.*|IPV6_PREFER_.*|MCAST_(EX|IN)CLUDE|"
     r"IP6T_SO_\w+_MAX|IP6T_SO_ORIGINAL_DST|IPV6_FLOWINFO_(FLOWLABEL|PRIORITY)|"
     r"IPV6_TLV_.*|IPV6_SRCRT_.*|IPV6_OPT_.*|IPV6_TCLASS_(MASK|SHIFT)"),
    ("tcp", "SOL_TCP", ["linux/tcp.h"], r"TCP_\w+",
     r"TCP_(MSS_.*|REPAIR_(ON|OFF|OFF_NO_WP)|NO_QUEUE|RECV_QUEUE|SEND_QUEUE|QUEUES_NR|"
     r"COOKIE_(MIN|MAX|PAIR_SIZE|IN_ALWAYS|OUT_NEVER|IV_.*)|S_DATA_.*|MD5SIG_(MAXKEYLEN|"
     r"FLAG_.*)|FASTOPEN_KEY_(LENGTH|MAX|BUF_LENGTH)|RECEIVE_ZEROCOPY_FLAG_.*|CMSG_.*|"
     r"AO_.*|IS_MPTCP|RTO_M.*|AO|CA_.*|NLA_.*|THIN_.*_OLD|TX_DELAY_X|MAX_.*|INFO_.*)"),
    ("udp", "SOL_UDP", ["linux/udp.h"], r"UDP_\w+", r"UDP_ENCAP_\w+|UDP_GRO_X"),
    ("netlink", "SOL_NETLINK", ["linux/netlink.h"], r"NETLINK_\w+",
     r"NETLINK_(ROUTE|UNUSED|USERSOCK|FIREWALL|SOCK_DIAG|NFLOG|XFRM|SELINUX|ISCSI|AUDIT|"
     r"FIB_LOOKUP|CONNECTOR|NETFILTER|IP6_FW|DNRTMSG|KOBJECT_UEVENT|GENERIC|SCSITRANSPORT|"
     r"ECRYPTFS|RDMA|CRYPTO|SMC|INET_DIAG|ADD_MEMBERSHIP_X)"),
    ("packet", "SOL_PACKET", ["linux/if_packet.h"], r"PACKET_\w+",
     r"PACKET_(HOST|BROADCAST|MULTICAST|OTHERHOST|OUTGOING|LOOPBACK|USER|KERNEL|FASTROUTE|"
     r"MR_.*|FANOUT_(HASH|LB|CPU|ROLLOVER|RND|QM|CBPF|EBPF|FLAG_.*)|VNET_HDR_SZ)"),
    ("raw", "SOL_RAW", ["linux/icmp.h"], r"ICMP_FILTER", r""),
    ("tls", "SOL_TLS", ["linux/tls.h"], r"TLS_(TX|RX)", r""),
    ("xdp", "SOL_XDP", ["linux/if_xdp.h"], r"XDP_\w+",
     r"XDP_(SHARED_UMEM|COPY|ZEROCOPY|USE_NEED_WAKEUP|USE_SG|UMEM_.*FLAG.*|RING_.*|"
     r"OPTIONS_.*|PGOFF_.*|UMEM_PGOFF_.*|TXMD_.*|PKT_.*|TX_METADATA.*|UMEM_TX_.*)"),
    ("alg", "SOL_ALG", ["linux/if_alg.h"], r"ALG_SET_\w+", r""),
    ("vsock", "AF_VSOCK", ["linux/vm_sockets.h"], r"SO_VM_SOCKETS_\w+",
     r"SO_VM_SOCKETS_CONNECT_TIMEOUT"),
]
# Options the getsockopt table names apart from the setsockopt one.
GET_ONLY = {"sock": r"SO_GET_FILTER", "ip": r"(IPT|ARPT|EBT)_SO_GET_\w+",
            "ipv6": r"IP6T_SO_GET_\w+"}
SET_ONLY = {"ip": r"(IPT|ARPT|EBT)_SO_SET_\w+", "ipv6": r"IP6T_SO_SET_\w+"}
# Options the kernel has since removed from its headers that strace still names.
REMOVED = {"tcp": {15: "TCP_COOKIE_TRANSACTIONS"}}
# What strace calls a number with no name, per table.
UNKNOWN = {"sock": "SO_???", "ip": "IP_???", "ipv6": "IPV6_???", "tcp": "TCP_???",
           "udp": "UDP_???", "netlink": "NETLINK_???", "packet": "PACKET_???",
           "raw": "RAW_???", "tls": "TLS_???", "xdp": "XDP_???", "alg": "ALG_???",
           "vsock": "SO_VM_???"}


LITERAL = {}  # a name's literal value, for the few defined under "#if 0" (IPV6_USE_MIN_MTU)


def defines(header, pattern):
    """(name, is_alias) for each #define of the pattern in header, in order."""
    found = []
    for line in open(os.path.join(INC, header)):
        m = re.match(r"\s*#\s*define\s+(%s)\s+(.*)" % pattern, line)
        if m and "(" not in m.group(1):
            body = m.group(m.lastindex).split("/*")[0].strip()
            found.append((m.group(1), re.fullmatch(r"[A-Za-z_]\w*", body) is not None))
            if re.fullmatch(r"(0x[0-9a-fA-F]+|\d+)", body):
                LITERAL.setdefault(m.group(1), int(body, 0))
    return found


def evaluate(headers, names):
    """The values of names, computed by the C compiler with headers included; a
    name the headers lack takes its value from LITERAL, if there."""
    vals = uapi_values.evaluate(headers, names, defined_only=True)
    for n in names:
        if n not in vals and n in LITERAL:
            vals[n] = LITERAL[n]
    return vals

def option_table(key, headers, pattern, exclude, get):
    names = []
    for h in headers:
        names += [(n, a) for n, a in defines(h, pattern)
                  if not (exclude and re.fullmatch(exclude, n))]
    only_other = SET_ONLY.get(key) if get else GET_ONLY.get(key)
    own = GET_ONLY.get(key) if get else SET_ONLY.get(key)
    names = [(n, a) for n, a in names if not (only_other and re.fullmatch(only_other, n))]
    vals = evaluate(headers, [n for n, _ in names])
    table = {}
    # The spelling this call prefers comes first; then plain definitions, first wins.
    for n, alias in sorted(names, key=lambda na: not (own and re.fullmatch(own, na[0]))):
        preferred = own and re.fullmatch(own, n)
        if (alias and not preferred) or n not in vals or vals[n] in table:
            continue
        table[vals[n]] = n
    for v, n in REMOVED.get(key, {}).items():
        table.setdefault(v, n)
    return table


def emit_table(out, cname, table):
    out.append("static const struct sg_flag %s[] = {\n" % cname)
    out += ['\t{ %d, "%s" },\n' % (v, n) for v, n in sorted(table.items())]
    out.append("\tSG_FLAG_END,\n};\n\n")


def main():
    level_vals = evaluate([h for _, h in LEVELS if h] + ["linux/can.h"],
                          [n for n, h in LEVELS if h])
    level_vals.update(LEVEL_FALLBACK)
    levels = {"AF_VSOCK": 40}
    levels.update(level_vals)
    out = ["/* Generated by scripts/gen-sockopts.py from the UAPI socket headers. */\n",
           '#include "sockopt_names.h"\n\n']
    emit_table(out, "sg_sol_names_tab", {v: n for n, v in reversed(list(levels.items()))})
    rows = []
    for key, level, headers, pattern, exclude in OPTIONS:
        for get in (False, True):
            if not get and key not in SET_ONLY and key not in GET_ONLY:
                table = option_table(key, headers, pattern, exclude, False)
                emit_table(out, "opt_%s" % key, table)
                rows.append((levels[level], "opt_%s" % key, "opt_%s" % key, UNKNOWN[key]))
                break
            suffix = "get" if get else "set"
            emit_table(out, "opt_%s_%s" % (key, suffix),
                       option_table(key, headers, pattern, exclude, get))
            if get:
                rows.append((levels[level], "opt_%s_set" % key, "opt_%s_get" % key, UNKNOWN[key]))
    out.append("const struct sg_flag *const sg_sol_names = sg_sol_names_tab;\n\n")
    out.append("const struct sg_sockopt_level sg_sockopt_levels[] = {\n")
    out += ['\t{ %d, %s, %s, "%s" },\n' % r for r in rows]
    out.append("\t{ -1, NULL, NULL, NULL },\n};\n")
    with open(OUT + ".tmp", "w") as f:
        f.write("".join(out))
    os.rename(OUT + ".tmp", OUT)
    print("gen-sockopts: %d levels, %d option tables" % (len(levels), len(rows)))


if __name__ == "__main__":
    sys.exit(main())
